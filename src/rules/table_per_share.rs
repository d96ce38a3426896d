//! `table-per-share`: net loss (or income) per share = net loss / weighted average shares, in a
//! table that states all three.

use super::*;
use crate::tables::{Grid, Row, RowKind, Unit};

pub static RULE: RuleDef = RuleDef {
    id: "table-per-share",
    summary: "Net loss (income) per share must equal net loss (income) / weighted average shares",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check,
    check_document: Some(check_document),
};

const DOCS: &str = "\
In a statement of operations with rows of earnings (loss) per share and of weighted average
shares, recomputes each per-share cell, column by column,
    per share = net income (loss) / weighted average shares
within the rounding of each cell: a table \"in thousands, except per share data\" states both
the loss and the shares in thousands, so the scale cancels, and every cell stands for ±0.5 of
its last digit. Signs are compared as sizes (losses are shown in parentheses or not).

Every reading is tried: each result row above the per-share row may be its numerator (net loss,
net loss attributable to common stockholders, income from continuing operations), as it is or
with one adjustment the table shows (non-controlling interests, preferred dividends); each
share-count row that is not diluted alone its denominator. A row of continuing or discontinued
operations divides the result it names, and may be the total per share less the other parts
(parts rounded so that they add up). A column of adjustments (\"Effect of ...\", \"Impact\",
\"Adjustment\") bridges per-share figures and is not recomputed. Without a caption the table's
amounts may be in thousands over shares in units, or the reverse. Diluted figures alone are not
recomputed (the diluted numerator may add back interest the table does not show). A cell is
reported only when no pairing gives it, and most cells of its row agree (or one does and the
table states the result for common stock). Tables with classes of shares, and documents that
allocate earnings by the two-class method (participating securities), are not checked: the
allocation is not in the table.

Example (error):
    Net loss                               (5,480)
    Net loss per share, basic and diluted  (0.15)
    Weighted average shares outstanding    45,000
    5,480 / 45,000 = 0.12, stated 0.15.

Suppress: <!-- tieout-ignore table-per-share: reason --> on the line before.";

fn check(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    Vec::new()
}

/// A result a per-share figure may be computed from: a row of amounts above it naming income,
/// loss or earnings.
fn is_result(row: &Row) -> bool {
    row.kind == RowKind::Data
        && row.aligned
        && row.unit.is_none()
        && row
            .words
            .iter()
            .any(|w| matches!(w.as_str(), "income" | "loss" | "earnings" | "profit"))
}

/// Does the table allocate earnings among classes of shares (two-class method)?
fn two_class(g: &Grid) -> bool {
    g.rows.iter().any(|r| {
        let w = r.words();
        w.contains(&"participating")
            || w.windows(2)
                .any(|p| p[0] == "class" && p[1].len() == 1 || p[0] == "two" && p[1] == "class")
    })
}

/// A row's words with its section's ("Basic" under "Net loss per share:", "Total income per
/// share" under "Diluted income per share:").
fn words_in_context(row: &Row) -> Vec<String> {
    let mut w = row.words.clone();
    w.extend(crate::tables::label_words(&row.section));
    w
}

fn has(w: &[String], x: &str) -> bool {
    w.iter().any(|y| y == x)
}

/// Words that say "diluted" and not "basic".
fn diluted_only(w: &[String]) -> bool {
    has(w, "diluted") && !has(w, "basic")
}

/// Earnings per share that the table's rows can give: not a dividend or distribution, not
/// diluted alone (the diluted numerator may add back interest the table does not show).
fn checkable(row: &Row) -> bool {
    let w = words_in_context(row);
    let earnings = ["income", "loss", "earnings", "eps"].iter().any(|x| has(&w, x));
    let payout = has(&w, "dividend") || has(&w, "dividends") || has(&w, "distributions");
    row.aligned && row.unit == Some(Unit::PerShare) && earnings && !payout && !diluted_only(&w)
}

/// The rows a per-share row may be computed from: the results above it, restricted to
/// continuing or discontinued operations when the row names one; the share counts that are not
/// diluted alone.
fn operands(g: &Grid, ps: usize) -> Operands {
    let w = words_in_context(&g.rows[ps]);
    let part = |x: &Row| -> Option<&str> {
        if has(&x.words, "discontinued") {
            Some("discontinued")
        } else if has(&x.words, "continuing") {
            Some("continuing")
        } else {
            None
        }
    };
    // the row's own words before its section's ("... from continuing operations" under a
    // "Discontinued operations:" heading)
    let wanted = part(&g.rows[ps]).or(if has(&w, "discontinued") {
        Some("discontinued")
    } else if has(&w, "continuing") {
        Some("continuing")
    } else {
        None
    });
    let results = (0..ps)
        .rev()
        .filter(|&i| is_result(&g.rows[i]) && (wanted.is_none() || part(&g.rows[i]) == wanted))
        .collect();
    // what a result may be adjusted by on its way to common stock: non-controlling interests,
    // preferred dividends ("Less: ...")
    let adjustments = (0..ps)
        .filter(|&i| {
            let x = &g.rows[i];
            x.kind == RowKind::Data
                && x.aligned
                && x.unit.is_none()
                && ["noncontrolling", "non", "preferred", "dividends", "less"]
                    .iter()
                    .any(|k| has(&x.words, k))
        })
        .collect();
    let shares = (0..g.rows.len())
        .filter(|&i| {
            let x = &g.rows[i];
            let sw = words_in_context(x);
            x.aligned && x.unit == Some(Unit::Shares) && !diluted_only(&sw)
        })
        .collect();
    Operands {
        results,
        adjustments,
        shares,
    }
}

/// The rows a per-share row may be computed from.
struct Operands {
    results: Vec<usize>,
    adjustments: Vec<usize>,
    shares: Vec<usize>,
}

impl Operands {
    /// Every numerator a result row gives: as it is, or with one adjustment added or
    /// subtracted; the first cell names it in messages.
    fn numerators(&self, g: &Grid, c: usize) -> Vec<(usize, Interval)> {
        let mut out = Vec::new();
        for &n in &self.results {
            let Some(nv) = g.rows[n].at(c).filter(|x| !x.percent && !x.dash) else { continue };
            out.push((n, nv.interval()));
            for &a in &self.adjustments {
                let Some(av) = g.rows[a].at(c).filter(|x| !x.percent && a != n) else { continue };
                out.extend(nv.interval().add(&av.interval()).map(|iv| (n, iv)));
                out.extend(nv.interval().sub(&av.interval()).map(|iv| (n, iv)));
            }
        }
        out
    }
}

/// One per-share cell: whether some reading (numerator, shares row) gives it, and the first
/// reading tried, for the message. `None` when the cell is not checked.
fn reading(g: &Grid, ps: usize, c: usize, ops: &Operands) -> Option<(bool, (usize, usize))> {
    let p = g.rows[ps].at(c).filter(|p| !p.percent && !p.dash)?;
    let mut first = None;
    let scales = scales(g);
    for (n, nv) in ops.numerators(g, c) {
        for &s in &ops.shares {
            let Some(sv) = g.rows[s].at(c).filter(|sv| !sv.dash && !sv.value.is_zero()) else {
                continue;
            };
            let gives = |k: &Decimal| {
                nv.scale(*k)
                    .and_then(|x| x.abs().div(&sv.interval().abs()))
                    .is_some_and(|q| q.intersects(&p.interval().abs()))
            };
            if scales.iter().any(gives) {
                return Some((true, (n, s)));
            }
            first.get_or_insert((n, s));
        }
    }
    first.map(|r| (false, r))
}

/// The scales a result may stand in over its share count. "In thousands, except share and per
/// share amounts": the result in the table's unit, the shares as written; or both in thousands,
/// the scale cancelling. A table whose caption the reading did not see may still show amounts in
/// thousands over shares in units, or the reverse.
fn scales(g: &Grid) -> Vec<Decimal> {
    match g.scale {
        Some(k) => vec![Decimal::ONE, k],
        None => vec![Decimal::ONE, Decimal::ONE_THOUSAND, Decimal::new(1, 3)],
    }
}

/// The per-share rows around `ps` with no other row between them (one section: "Basic:").
fn per_share_run(g: &Grid, ps: usize) -> std::ops::Range<usize> {
    let is_ps = |i: usize| g.rows[i].aligned && g.rows[i].unit == Some(Unit::PerShare);
    let start = (0..ps).rev().take_while(|&i| is_ps(i)).last().unwrap_or(ps);
    let end = (ps + 1..g.rows.len()).take_while(|&i| is_ps(i)).last().unwrap_or(ps);
    start..end + 1
}

/// Is a per-share cell of continuing or discontinued operations the total per share (the last
/// row of its run, naming neither) less the other parts, as written ("0.08 | (0.08) | 0.00")?
/// Parts rounded so that they add up to the total are a reading of the table.
fn plugged(g: &Grid, ps: usize, c: usize) -> bool {
    let part = |i: usize| ["continuing", "discontinued"].iter().any(|k| has(&g.rows[i].words, k));
    let run = per_share_run(g, ps);
    let total = run.end - 1;
    if !part(ps) || part(total) || run.len() < 3 {
        return false;
    }
    let others = (run.start..total).filter(|&i| i != ps).try_fold(
        Interval::point(Decimal::ZERO),
        |acc, i| acc.add(&g.rows[i].at(c).filter(|x| !x.percent)?.interval()),
    );
    let rest = g.rows[total].at(c).zip(others).and_then(|(t, o)| t.interval().sub(&o));
    let p = g.rows[ps].at(c);
    rest.zip(p).is_some_and(|(iv, p)| iv.intersects(&p.interval()))
}

/// Does the table state the result that belongs to common stock ("Net loss attributable to
/// common stockholders")? Then no adjustment it does not show stands between it and the
/// per-share figure.
fn states_common(g: &Grid) -> bool {
    g.rows.iter().any(|r| {
        is_result(r)
            && has(&r.words, "common")
            && ["attributable", "available", "applicable"].iter().any(|k| has(&r.words, k))
    })
}

/// Is a row above the per-share row an adjustment to common stock (preferred dividends,
/// non-controlling interests) whose cells are not placed in the table's columns?
fn adjustment_unplaced(g: &Grid, ps: usize) -> bool {
    g.rows[..ps].iter().any(|x| {
        x.kind == RowKind::Data
            && !x.aligned
            && ["noncontrolling", "preferred", "dividends"]
                .iter()
                .any(|k| has(&x.words, k))
    }) || g.rows[..ps].iter().any(|x| {
        // a label that swallowed values ("Preferred stock dividends - -(162,185)")
        x.kind == RowKind::Data
            && ["preferred", "dividends"].iter().any(|k| has(&x.words, k))
            && x.label.contains(|c: char| c.is_ascii_digit())
            && x.slots.len() < g.columns.len()
    })
}

/// Does the document say it allocates earnings by the two-class method?
fn two_class_document(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["two-class", "two class method", "participating securities"]
        .iter()
        .any(|k| lower.contains(k))
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let mut out = Vec::new();
    if two_class_document(ctx.text) {
        return out;
    }
    let tables = ctx.tables();
    for g in &tables.grids {
        if two_class(g) {
            continue;
        }
        for ps in (0..g.rows.len()).filter(|&i| checkable(&g.rows[i])) {
            // an adjustment whose cells are not placed (preferred dividends) may be any
            if adjustment_unplaced(g, ps) {
                continue;
            }
            let ops = operands(g, ps);
            let found: Vec<(usize, bool, (usize, usize))> = (0..g.columns.len())
                // a bridge column ("Effect of Acquisition") is a difference of per-share
                // figures, not a result over shares
                .filter(|&c| {
                    !g.columns[c].maybe_change()
                        && !super::table_footing::adjusting(g, c, &tables.vocab)
                })
                .filter_map(|c| reading(g, ps, c, &ops).map(|(ok, r)| (c, ok, r)))
                .map(|(c, ok, r)| (c, ok || plugged(g, ps, c), r))
                .collect();
            // the row is the per-share figure of rows the table shows: most of its cells agree,
            // or one does and the table states the result for common stock (otherwise an
            // adjustment it does not show, in one year, is a reading)
            let ok = found.iter().filter(|(_, ok, _)| *ok).count();
            if !(ok * 2 > found.len() || ok >= 1 && states_common(g)) {
                continue;
            }
            for &(c, ok, r) in &found {
                if !ok {
                    out.extend(describe(ctx.text, g, (ps, r.0, r.1), c).map(Outcome::Mismatch));
                }
            }
        }
    }
    out
}

fn describe(text: &str, g: &Grid, (ps, net, sh): (usize, usize, usize), c: usize) -> Option<Mismatch> {
    let (n, p, s) = (g.rows[net].at(c)?, g.rows[ps].at(c)?, g.rows[sh].at(c)?);
    let q = n.interval().abs().div(&s.interval().abs())?;
    let face = n.value.checked_div(s.value)?.abs();
    let (nw, sw, pw) = (
        text[n.range.clone()].trim(),
        text[s.range.clone()].trim(),
        text[p.range.clone()].trim(),
    );
    Some(Mismatch {
        tier: Tier::Error,
        message: format!(
            "{} in column {} is not {nw} / {sw} = {}",
            g.rows[ps].label,
            g.column_name(c),
            crate::interval::show(face, 3)
        ),
        primary: p.range.clone(),
        primary_label: format!("recomputed: {}", crate::interval::show(face, 2)),
        labels: vec![
            (n.range.clone(), g.rows[net].label.clone()),
            (s.range.clone(), g.rows[sh].label.clone()),
        ],
        help: format!(
            "{nw} / {sw} = {}; the rounding of the cells allows {}..{}, stated {pw}; no other \
             result row above it over any share count of the table gives {pw}",
            crate::interval::show(face, 4),
            crate::interval::show(q.lo, 4),
            crate::interval::show(q.hi, 4),
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(md: &str) -> Vec<String> {
        rule_findings("t.md", md, "table-per-share")
    }

    // three columns: with two, one cell that fails may be an adjustment (preferred dividends)
    // the table does not show, in that year only
    const TABLE: &str = "Statement of operations (in thousands, except per share data)\n\n\
| | Q3 2016 | Q3 2015 | Q3 2014 |\n|---|---|---|---|\n\
| Net loss | (5,480) | (6,985) | (5,000) |\n\
| Net loss per share, basic and diluted | (0.12) | (0.16) | (0.12) |\n\
| Weighted average shares outstanding | 45,000 | 44,000 | 41,000 |\n";

    #[test]
    fn shares_written_in_full_under_a_thousands_caption() {
        // "in thousands, except share and per share amounts": 183 thousand / 10,544,139 shares
        let t = "Statements of operations (in thousands, except share and per share amounts)\n\n\
| | Q3 2024 | Q3 2023 | 9M 2024 | 9M 2023 |\n|---|---|---|---|---|\n\
| Net income (loss) | 183 | (182) | (275) | (921) |\n\
| Net income (loss) per common share, basic | 0.02 | (0.02) | (0.03) | (0.09) |\n\
| Weighted average common shares outstanding, basic | 10,544,139 | 10,460,866 | 10,518,742 | 10,352,108 |\n";
        assert_eq!(findings(t), Vec::<String>::new());
        assert_eq!(findings(&t.replace("(0.03)", "(0.06)")), vec!["error `(0.06)`"]);
    }

    #[test]
    fn per_share_equals_loss_over_shares() {
        assert_eq!(findings(TABLE), Vec::<String>::new());
        let bad = TABLE.replace("(0.16)", "(0.19)");
        assert_eq!(findings(&bad), vec!["error `(0.19)`"]);
        // two columns, one wrong: a preferred dividend the table does not show is a reading...
        let two = "| | Q3 2016 | Q3 2015 |\n|---|---|---|\n\
| Net loss | (5,480) | (6,985) |\n\
| Net loss per share, basic and diluted | (0.12) | (0.19) |\n\
| Weighted average shares outstanding | 45,000 | 44,000 |\n";
        assert_eq!(findings(two), Vec::<String>::new());
        // ...unless the table states the loss attributable to common stock
        let common = two.replace(
            "| Net loss per share",
            "| Net loss attributable to common stockholders | (5,480) | (6,985) |\n| Net loss per share",
        );
        assert_eq!(findings(&common), vec!["error `(0.19)`"]);
        // the loss from continuing operations less preferred dividends, per basic share only
        let parts = "| | 2023 | 2022 | 2021 |\n|---|---|---|---|\n\
| Net income from continuing operations | 20,190 | 9,000 | 8,000 |\n\
| Less: preferred dividends | (1,554) | — | — |\n\
| Continuing operations, basic per share | 0.76 | 0.31 | 0.28 |\n\
| Continuing operations, diluted per share | 0.56 | 0.29 | 0.27 |\n\
| Weighted average shares, basic | 28,672 | 29,000 | 29,000 |\n\
| Weighted average shares, diluted | 40,455 | 31,000 | 30,000 |\n";
        assert_eq!(findings(parts), Vec::<String>::new());
    }

    #[test]
    fn an_adjustment_not_placed_may_be_any() {
        // the preferred dividends row has a note among its values: its columns are not known,
        // and the 2025 figure (0.01) is (12,801 + 162,185) / 33,372,796 under one reading
        let t = "| | 2025 | 2024 | 2023 | 2022 |\n|---|---|---|---|---|\n\
| Net loss from continuing operations | (12,801) | (40,496) | (30,000) | (35,000) |\n\
| Preferred stock dividends | (162,185) | see note | — | — |\n\
| Loss from continuing operations per share, basic | (0.01) | (0.00) | (0.00) | (0.00) |\n\
| Weighted average shares, basic | 33,372,796 | 32,628,835 | 30,000,000 | 29,000,000 |\n";
        assert_eq!(findings(t), Vec::<String>::new());
        // placed, the dividends give it; without them the figure is wrong
        let placed = t.replace("see note", "—");
        assert_eq!(findings(&placed), Vec::<String>::new());
        let none = t.replace("| Preferred stock dividends | (162,185) | see note | — | — |\n", "");
        assert_eq!(findings(&none), vec!["error `(0.01)`"]);
    }
}
