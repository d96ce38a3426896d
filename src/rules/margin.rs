//! `margin`: a margin stated as a percent must match the profit and the revenue stated beside
//! it (gross margin = gross profit / revenue, net margin = net income / revenue).

use std::collections::HashSet;

use super::*;
use crate::extract::Unit;
use crate::facts::sentence_of;

pub static RULE: RuleDef = RuleDef::document(
    "margin",
    "A stated margin must match the profit and the revenue stated beside it",
    Severity::Error,
    DOCS,
    check_document,
);

const DOCS: &str = "\
A percent named a margin (\"gross margin expanding to 61%\", \"$7.13 million with a 42%
margin\", \"a 28% net margin on sales\") is recomputed as profit / revenue: a gross margin from
the gross profit, a net margin from the net income, an operating margin from the operating
income, a bare margin from the profit figure its sentence names. The profit must be stated in the
margin's sentence, the revenue in that sentence or the one before it on the same line; every
pairing of a profit and a revenue figure there is a reading (\"gross profit rising to $12.5
million from $10.7 million and gross margin expanding to 61% from 50.1%\" pairs current with
current, prior with prior), and the margin is reported only when none gives it within the
written precision of the figures. Adjusted, EBITDA or contribution margins, and margins that
change (\"gross margin improved 5%\"), are not recomputed.

Example (error):
    Revenue was $20.4 million and gross profit $12.5 million, a gross margin of 65%.
    $12.5 million / $20.4 million = 61.3%, stated 65%.

Suppress: <!-- tieout-ignore margin: reason --> on the line before.";

/// The profit metric each margin word names.
const KINDS: [(&str, &str); 4] = [
    ("gross", "gross profit"),
    ("net", "net income"),
    ("operating", "operating income"),
    ("profit", "gross profit"),
];

/// Words of a margin that moves: the percent beside them is its change, unless "to" or
/// "from" introduces it.
const MOVES: &[&str] = &[
    "increase", "increased", "decrease", "decreased", "improved", "improvement", "expanded",
    "expanding", "expansion", "declined", "decline", "rose", "fell", "grew", "up", "down",
    "climbed", "contracted", "narrowed", "widened", "change", "changed",
];

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    if !ctx.text.contains("margin") {
        return vec![];
    }
    // a figure a claim reads as the change of a metric ("increased 4.3%, or $3.7 million") is
    // no level of it
    let changes: HashSet<FigId> = ctx.claims.iter().filter_map(|c| c.delta).collect();
    let mut out = Vec::new();
    for (i, p) in ctx.figs.iter().enumerate() {
        if p.unit != Unit::Percent || p.in_range || ctx.doc.in_table(p.range.start) {
            continue;
        }
        let Some(m) = Margin::read(ctx, &changes, i) else { continue };
        if let Some(x) = m.judge(ctx, p) {
            out.push(Outcome::Mismatch(x));
        }
    }
    out
}

/// A margin percent and the figures it may be computed from.
struct Margin {
    profits: Vec<FigId>,
    revenues: Vec<FigId>,
}

impl Margin {
    /// The margin a percent states, and the profit and revenue figures beside it.
    fn read(ctx: &Ctx, changes: &HashSet<FigId>, i: FigId) -> Option<Margin> {
        let (text, p) = (ctx.text, &ctx.figs[i]);
        let sent = on_line(text, sentence_of(text, p.range.start), p.range.start);
        let in_sent = |f: &Figure| f.range.start >= sent.start && f.range.end <= sent.end;
        let prev_end = ctx
            .figs
            .iter()
            .filter(|f| in_sent(f) && f.range.end <= p.range.start)
            .map(|f| f.range.end)
            .max()
            .unwrap_or(sent.start)
            .min(p.range.start);
        let next_start = ctx
            .figs
            .iter()
            .filter(|f| in_sent(f) && f.range.start >= p.range.end)
            .map(|f| f.range.start)
            .min()
            .unwrap_or(sent.end)
            .max(p.range.end);
        let before = text[prev_end..p.range.start].to_lowercase();
        let after = text[p.range.end..next_start].to_lowercase();
        // "expanding to 61% from 50.1%": the prior margin of the same kind
        let compared = ["from", "compared to", "compared with", "versus", "vs", "vs."];
        if compared.contains(&before.trim()) && i > 0 && ctx.figs[i - 1].unit == Unit::Percent {
            return Margin::read(ctx, changes, i - 1);
        }
        let word = margin_word(&before, &after)?;
        let kind = match word {
            Some(w) => KINDS.iter().find(|(k, _)| *k == w)?.1.to_string(),
            // a bare margin: the profit figure its sentence names before it
            None => nearest_profit(&text[sent.start..p.range.start])?,
        };
        let metric_of = |f: &Figure| {
            let s = sentence_of(text, f.range.start);
            last_metric(&text[s.start..f.range.start]).map(str::to_string)
        };
        let amounts = |r: Range<usize>| {
            ctx.figs
                .iter()
                .enumerate()
                .filter(move |&(j, f)| {
                    f.is_amount()
                        && !f.in_range
                        && !changes.contains(&j)
                        && f.range.start >= r.start
                        && f.range.end <= r.end
                })
                .map(|(j, _)| j)
        };
        let profits: Vec<FigId> = amounts(sent.clone())
            .filter(|&j| metric_of(&ctx.figs[j]).as_deref() == Some(kind.as_str()))
            .collect();
        let mut revenues: Vec<FigId> = amounts(sent.clone())
            .filter(|&j| metric_of(&ctx.figs[j]).as_deref() == Some("revenue"))
            .collect();
        if revenues.is_empty() {
            let prev = previous_sentence(text, &sent)?;
            revenues = amounts(prev)
                .filter(|&j| metric_of(&ctx.figs[j]).as_deref() == Some("revenue"))
                .collect();
        }
        (!profits.is_empty() && !revenues.is_empty()).then_some(Margin { profits, revenues })
    }

    /// A mismatch when no pairing of a profit and a revenue gives the percent.
    fn judge(&self, ctx: &Ctx, p: &Figure) -> Option<Mismatch> {
        let stated = p.interval().scale(Decimal::new(1, 2))?;
        let ratio = |n: FigId, d: FigId| {
            ctx.figs[n]
                .interval()
                .abs()
                .div(&ctx.figs[d].interval().abs())
        };
        let mut first = None;
        for &n in &self.profits {
            for &d in &self.revenues {
                let q = ratio(n, d)?;
                if q.intersects(&stated) {
                    return None;
                }
                first.get_or_insert((n, d, q));
            }
        }
        let (n, d, q) = first?;
        let (nt, dt) = (ctx.written(n), ctx.written(d));
        let pt = &ctx.text[p.range.clone()];
        let hundred = Decimal::ONE_HUNDRED;
        let pct = |x: Decimal| crate::interval::show(x * hundred, 1);
        Some(Mismatch {
            tier: Tier::Error,
            message: format!(
                "stated margin of {pt} does not match the figures: {nt} / {dt} = {}%",
                pct(ctx.figs[n].value.abs() / ctx.figs[d].value.abs().max(Decimal::new(1, 6)))
            ),
            primary: p.range.clone(),
            primary_label: format!("recomputed: {}%..{}%", pct(q.lo), pct(q.hi)),
            labels: vec![
                (ctx.figs[n].range.clone(), "profit".into()),
                (ctx.figs[d].range.clone(), "revenue".into()),
            ],
            help: format!(
                "{nt} / {dt} = {}%..{}% within the written precision of the figures, stated {pt}; \
                 no pairing of the profit and revenue figures stated beside it gives it",
                pct(q.lo),
                pct(q.hi)
            ),
        })
    }
}

/// The word that qualifies the margin a percent states: `Some(Some("gross"))`, `Some(None)`
/// for a bare margin, `None` when the percent is no margin (or the change of one).
fn margin_word(before: &str, after: &str) -> Option<Option<&'static str>> {
    let aw: Vec<&str> = words(after).take(2).collect();
    let qualifier = |w: &str| KINDS.iter().map(|(k, _)| *k).find(|k| *k == w);
    // "a 42% margin", "a 28% net margin"
    match aw.as_slice() {
        ["margin", ..] => return Some(None),
        [q, "margin", ..] => return qualifier(q).map(Some),
        _ => {}
    }
    // "gross margin expanding to 61%", "margin of 42%", "gross margin was 62%"
    let bw: Vec<&str> = words(before).collect();
    let at = bw.iter().rposition(|w| *w == "margin" || *w == "margins")?;
    let between = &bw[at + 1..];
    if between.len() > 6 || between.iter().any(|w| *w == "basis" || *w == "points") {
        return None;
    }
    let moved = between.iter().any(|w| MOVES.contains(w));
    let introduced = matches!(between.last(), Some(&"to" | &"from" | &"of" | &"was" | &"were" | &"at"));
    if moved && !introduced {
        return None;
    }
    const OTHER: &[&str] = &["adjusted", "ebitda", "contribution", "segment", "product", "service"];
    if bw[at.saturating_sub(2)..at].iter().any(|w| OTHER.contains(w)) {
        return None;
    }
    // "the margin", "with margin": bare; "net interest margin", "EBITDA margin": another margin
    match at.checked_sub(1).map(|k| bw[k]) {
        None | Some("a" | "an" | "the" | "its" | "our" | "with" | "and" | "of" | "at" | "to") => Some(None),
        Some(q) => qualifier(q).map(Some),
    }
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The metrics a margin is computed from, by the phrases that name them.
const METRICS: &[(&str, &str)] = &[
    ("gross profit", "gross profit"),
    ("net income", "net income"),
    ("net earnings", "net income"),
    ("operating income", "operating income"),
    ("income from operations", "operating income"),
    ("revenue", "revenue"),
    ("revenues", "revenue"),
    ("sales", "revenue"),
];

/// The metric named last in `s` (whole words).
fn last_metric(s: &str) -> Option<&'static str> {
    let lc = s.to_lowercase();
    let whole = |at: usize, len: usize| {
        !lc[..at].ends_with(|c: char| c.is_alphanumeric())
            && !lc[at + len..].starts_with(|c: char| c.is_alphanumeric())
    };
    METRICS
        .iter()
        .filter_map(|(p, m)| {
            lc.match_indices(p)
                .filter(|(at, _)| whole(*at, p.len()))
                .map(|(at, _)| at + p.len())
                .last()
                .map(|end| (end, *m))
        })
        .max_by_key(|(end, _)| *end)
        .map(|(_, m)| m)
}

/// The profit metric named last in `s`.
fn nearest_profit(s: &str) -> Option<String> {
    let m = last_metric(s)?;
    KINDS.iter().any(|(_, k)| *k == m).then(|| m.to_string())
}

/// The part of a sentence on the line of `at` (a bullet is a statement of its own).
fn on_line(text: &str, sent: Range<usize>, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1).max(sent.start);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i).min(sent.end);
    start..end.max(at)
}

/// The sentence before `sent` on the same line.
fn previous_sentence(text: &str, sent: &Range<usize>) -> Option<Range<usize>> {
    let head = text[..sent.start].trim_end();
    // a bullet or a line of its own is another statement
    if head.is_empty() || text[head.len()..sent.start].contains('\n') {
        return None;
    }
    let r = sentence_of(text, head.len().saturating_sub(1));
    (r.end <= sent.start && r.start < r.end).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(t: &str) -> Vec<String> {
        rule_findings("t.txt", t, "margin")
    }

    const T: &str = "Nine-month revenue was $20.4 million versus $21.3 million last year, gross profit rising to $12.5 million from $10.7 million and gross margin expanding to 61% from 50.1%.\n\nRevenue was $16.99 million for the quarter. Gross profit rose to $7.13 million with a 42% margin.\n";

    #[test]
    fn a_margin_is_profit_over_revenue() {
        assert_eq!(findings(T), Vec::<String>::new());
        assert_eq!(findings(&T.replace("to 61%", "to 91%")), vec!["error `91%`"]);
        assert_eq!(findings(&T.replace("$20.4 million", "$50.4 million")), vec!["error `61%`"]);
        assert_eq!(findings(&T.replace("from 50.1%", "from 80.1%")), vec!["error `80.1%`"]);
        assert_eq!(findings(&T.replace("42%", "72%")), vec!["error `72%`"]);
        assert_eq!(findings(&T.replace("$7.13 million", "$4.13 million")), vec!["error `42%`"]);
    }

    #[test]
    fn no_profit_beside_it_or_a_margin_that_moves_is_not_recomputed() {
        // the Q3 margin: no Q3 gross profit is stated
        let q3 = "For Q3, revenue was $6.2 million, gross margin climbed to 60.8% from 45.6%.";
        assert_eq!(findings(q3), Vec::<String>::new());
        let moved = "Revenue was $20.4 million and gross profit $12.5 million; gross margin improved 5%.";
        assert_eq!(findings(moved), Vec::<String>::new());
        let adjusted = "Revenue was $20.4 million and gross profit $12.5 million, an adjusted gross margin of 70%.";
        assert_eq!(findings(adjusted), Vec::<String>::new());
    }
}
