//! `prose-table-tie`: a figure stated in prose must match the table cell for its metric and period.

use super::*;
use crate::source::Document;
use crate::tables::{self, Grid, RowKind, Vocab};

pub static RULE: RuleDef = RuleDef {
    id: "prose-table-tie",
    summary: "A figure in the prose must match the table cell for the same metric and period",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check: no_claims,
    check_document: Some(check_document),
};

const DOCS: &str = "\
Ties amounts in the prose to the tables: \"Total net revenue for the third quarter of 2016 was
$453K\" is compared with the cell in the row labelled \"Total net revenue\" (or \"Net revenue\")
and the column whose header names the same period (\"Three Months Ended September 30, 2016\"),
scaled by the table's unit caption (\"in thousands\", in the table or the paragraphs just before
it). The prose figure stands for what its precision allows and the cell for ±0.5 of its last
digit, so $1.42M ties to a cell of 1,421 (thousands). Amounts are compared in size (\"a net loss
of $5.5M\" ties to (5,500)).

It ties conservatively: the row label must appear in the same sentence before the figure with
only linking words between (\"for the third quarter of 2016 was\", \"compared to\"), the period
must name its length and year and match exactly one column of the table, and the table must
carry a unit caption. When several tables hold the metric, any one agreeing is enough.

Example (error), a table in thousands with a column \"Three Months Ended September 30, 2016\"
and a row \"Total net revenue | 453\":
    Total net revenue for the third quarter of 2016 was $463K.
    The table says 453 thousand: $453,000.

Suppress: <!-- tieout-ignore prose-table-tie: reason --> on the line before.";

fn no_claims(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    vec![]
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    if ctx.doc.tables.is_empty() {
        return vec![];
    }
    let v = Vocab::from_pack(ctx.pack);
    let grids = tables::grids(ctx.doc, &v);
    // a total that does not foot is reported there, not again against the prose
    let mut fs = super::table_footing::Stats::default();
    let suspect: Vec<usize> = grids
        .iter()
        .flat_map(|g| super::table_footing::foot(ctx.text, g, &v, &mut fs))
        .map(|m| m.primary.start)
        .collect();
    let mut stats = Stats::default();
    tie(ctx.doc, ctx.figs, &grids, &v, &mut stats)
        .into_iter()
        .filter(|m| !m.labels.iter().any(|(r, _)| suspect.contains(&r.start)))
        .map(Outcome::Mismatch)
        .collect()
}

/// What tying saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Prose figures tied to a cell that agrees.
    pub tied: usize,
    /// Prose figures tied to cells that disagree.
    pub mismatched: usize,
}

struct Label {
    words: Vec<String>,
    grid: usize,
    row: usize,
}

/// The words before a figure that are its own: after a comparison word, the period before it
/// ("$5,668,000 for the first quarter of 2025 compared with $6,693,000") is the earlier figure's.
fn own_words(before: &str) -> &str {
    let lower = before.to_lowercase();
    ["compared", "versus", " vs"]
        .iter()
        .filter_map(|w| lower.rfind(w).map(|i| i + w.len()))
        .max()
        .and_then(|i| before.get(i..))
        .unwrap_or(before)
}

fn sentence_bounds(text: &str, at: usize) -> Range<usize> {
    let b = text.as_bytes();
    let is_end = |i: usize| -> bool {
        // a break after byte i-1
        (b[i - 1] == b'\n' && i >= 2 && b[i - 2] == b'\n')
            || (matches!(b[i - 1], b' ' | b'\n')
                && i >= 2
                && matches!(b[i - 2], b'.' | b'!' | b'?' | b';'))
    };
    let mut s = at;
    while s > 0 && !is_end(s) {
        s -= 1;
    }
    let mut e = at;
    while e < b.len() && !(e > at && is_end(e)) {
        e += 1;
    }
    s..e
}

/// Punctuation that ends the metric's clause (a comma before a year, as in "September 30, 2016",
/// does not).
fn clause_break(s: &str) -> bool {
    s.char_indices().any(|(i, c)| match c {
        '(' | ')' | ';' | ':' => true,
        ',' => {
            let rest = s[i + 1..].trim_start();
            !(rest.len() >= 4 && rest.as_bytes()[..4].iter().all(|b| b.is_ascii_digit()))
        }
        _ => false,
    })
}

/// Tie the prose figures of a document to its tables.
pub fn tie(
    doc: &Document,
    figs: &[crate::extract::Figure],
    grids: &[Grid],
    v: &Vocab,
    stats: &mut Stats,
) -> Vec<Mismatch> {
    let text = &doc.text;
    let mut labels: std::collections::HashMap<&str, Vec<Label>> = Default::default();
    let mut owned: Vec<Label> = Vec::new();
    for (gi, g) in grids.iter().enumerate() {
        if g.scale.is_none() {
            continue;
        }
        for (ri, row) in g.rows.iter().enumerate() {
            if row.kind != RowKind::Data || !row.full || row.is_percent() || row.words.is_empty() {
                continue;
            }
            let w = &row.words;
            if w.iter().any(|x| x == "per" || x == "share") {
                continue;
            }
            let mut variants = vec![w.clone()];
            if w[0] == "total" && w.len() > 1 {
                variants.push(w[1..].to_vec());
            }
            for words in variants {
                let distinct = words.len() >= 2
                    || matches!(words[0].as_str(), "revenue" | "revenues" | "sales");
                if distinct {
                    owned.push(Label {
                        words,
                        grid: gi,
                        row: ri,
                    });
                }
            }
        }
    }
    for l in owned.iter() {
        labels.entry(l.words[0].as_str()).or_default().push(Label {
            words: l.words.clone(),
            grid: l.grid,
            row: l.row,
        });
    }
    if labels.is_empty() {
        return vec![];
    }
    let mut out = Vec::new();
    for f in figs {
        if !f.is_amount() || f.in_range || f.value.is_zero() || doc.in_table(f.range.start) {
            continue;
        }
        let sent = sentence_bounds(text, f.range.start);
        let stoks: Vec<(String, Range<usize>)> = tables::tokens(&text[sent.clone()])
            .into_iter()
            .map(|(w, r)| (w, r.start + sent.start..r.end + sent.start))
            .collect();
        let others: Vec<&crate::extract::Figure> = figs
            .iter()
            .filter(|o| o.range.start >= sent.start && o.range.end <= sent.end)
            .collect();
        let in_fig = |p: usize| others.iter().any(|o| o.range.contains(&p));
        // the nearest label mention before the figure
        let mut best: Option<(usize, usize, &[String])> = None; // (end byte, len, words)
        for (i, (w, r)) in stoks.iter().enumerate() {
            if r.start >= f.range.start {
                break;
            }
            let Some(cands) = labels.get(w.as_str()) else { continue };
            for l in cands {
                let n = l.words.len();
                if i + n > stoks.len() || stoks[i + n - 1].1.end > f.range.start {
                    continue;
                }
                if (0..n).all(|k| stoks[i + k].0 == l.words[k]) {
                    let end = stoks[i + n - 1].1.end;
                    if best.is_none_or(|(e, len, _)| end > e || (end == e && n > len)) {
                        best = Some((end, n, &l.words));
                    }
                }
            }
        }
        let Some((mend, _, words)) = best else { continue };
        // only linking words between the metric and the figure
        let between: Vec<&str> = stoks
            .iter()
            .filter(|(_, r)| r.start >= mend && r.end <= f.range.start && !in_fig(r.start))
            .map(|(w, _)| w.as_str())
            .collect();
        if !between
            .iter()
            .all(|w| v.link.iter().any(|l| l == w) || w.bytes().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        let prev_fig = others
            .iter()
            .filter(|o| o.range.end <= f.range.start && o.range.start >= mend && o.is_amount())
            .map(|o| o.range.end)
            .max();
        if let Some(pe) = prev_fig {
            let link = text[pe..f.range.start].to_lowercase();
            if !(link.contains("compared") || link.contains("versus") || link.contains(" vs")) {
                continue;
            }
        }
        // the metric names the figure directly: no clause break before the first figure after it
        let first_after = others
            .iter()
            .filter(|o| o.range.start >= mend)
            .map(|o| o.range.start)
            .min()
            .unwrap_or(f.range.start);
        if clause_break(&text[mend..first_after]) {
            continue;
        }
        let before_start = others
            .iter()
            .filter(|o| o.range.end <= f.range.start)
            .map(|o| o.range.end)
            .max()
            .unwrap_or(sent.start);
        let after_end = others
            .iter()
            .filter(|o| o.range.start >= f.range.end && o.is_amount())
            .map(|o| o.range.start)
            .min()
            .unwrap_or(sent.end);
        // a balance at a date ("as of December 31") is not a period's flow
        if text[before_start..f.range.start].to_lowercase().contains("as of") {
            continue;
        }
        let complete = |p: &tables::Period| p.duration.is_some() && p.year.is_some();
        let p1 = tables::parse_period(own_words(&text[before_start..f.range.start]), v);
        let period = if complete(&p1) {
            p1
        } else {
            let p2 = tables::parse_period(&text[f.range.end..after_end], v);
            if !complete(&p2) {
                continue;
            }
            p2
        };
        // the cells of that metric and period
        let mut cells = Vec::new();
        for l in labels.get(words[0].as_str()).into_iter().flatten() {
            if l.words.as_slice() != words {
                continue;
            }
            let g = &grids[l.grid];
            let cols: Vec<usize> = (0..g.columns.len())
                .filter(|&c| !g.columns[c].change && g.columns[c].period.matches(&period))
                .collect();
            if cols.len() != 1 {
                continue;
            }
            let Some(cell) = g.rows[l.row].at(cols[0]) else { continue };
            if cell.percent || cell.dash {
                continue;
            }
            let scale = g.scale.unwrap_or(Decimal::ONE);
            let Some(iv) = cell.interval().scale(scale) else { continue };
            cells.push((l.grid, l.row, cols[0], cell, iv, scale));
        }
        if cells.is_empty() {
            continue;
        }
        let stated = f.interval().abs();
        if cells.iter().any(|c| c.4.abs().intersects(&stated)) {
            stats.tied += 1;
            continue;
        }
        if cells.iter().any(|c| c.3.value != cells[0].3.value) {
            continue; // the tables disagree among themselves: not ours to pick
        }
        stats.mismatched += 1;
        let (gi, ri, c, cell, _, scale) = &cells[0];
        let g = &grids[*gi];
        let row = &g.rows[*ri];
        let cw = text[cell.range.clone()].trim();
        let sw = &text[f.range.clone()];
        let amount = (cell.value * scale).abs().normalize();
        let mut labels: Vec<(Range<usize>, String)> = vec![(
            cell.range.clone(),
            format!("table: {}, {}", row.label, g.column_name(*c)),
        )];
        for other in &cells[1..] {
            labels.push((other.3.range.clone(), "same figure in another table".into()));
        }
        out.push(Mismatch {
            tier: Tier::Error,
            message: format!(
                "{sw} for `{}` ({}) does not match the table's {cw}",
                row.label,
                g.column_name(*c)
            ),
            primary: f.range.clone(),
            primary_label: format!("table: {amount}"),
            labels,
            help: format!(
                "the cell {cw} at a scale of {} is {amount} (±{}), and {sw} stands for {}",
                scale.normalize(),
                (Decimal::new(5, cell.decimals + 1) * scale).normalize(),
                f.interval()
            ),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(md: &str) -> Vec<String> {
        rule_findings("t.md", md, "prose-table-tie")
    }

    const T: &str = "\
Total net revenue for the third quarter of 2016 was $453K, compared to $1,183K for the third
quarter of 2015. Net revenue for the nine months ended September 30, 2016 was $1.42M.

(in thousands)

| | Three Months Ended September 30, 2016 | Three Months Ended September 30, 2015 | Nine Months Ended September 30, 2016 |
|---|---|---|---|
| Total net revenue | 453 | 1,183 | 1,421 |
| Gross profit | 100 | 200 | 300 |
";

    #[test]
    fn ties_by_label_and_period() {
        assert_eq!(findings(T), Vec::<String>::new());
        assert_eq!(findings(&T.replace("$1,183K", "$1,283K")), vec!["error `$1,283K`"]);
        assert_eq!(findings(&T.replace("$1.42M", "$1.52M")), vec!["error `$1.52M`"]);
        // no unit caption: nothing is tied
        let bare = T.replace("(in thousands)", "").replace("$1.42M", "$1.52M");
        assert_eq!(findings(&bare), Vec::<String>::new());
        // another metric word between: not tied
        let other = T.replace("$1.42M", "$1.52M").replace("2016 was $1.52M", "2016 excluding returns was $1.52M");
        assert_eq!(findings(&other), Vec::<String>::new());
    }

    #[test]
    fn the_period_before_compared_is_the_earlier_figures() {
        let t = T.replace(
            "was $453K, compared to $1,183K for the third\nquarter of 2015",
            "was $453K for the third quarter of 2016 compared to $1,183K for the third\nquarter of 2015",
        );
        assert!(t.contains("2016 compared to $1,183K"));
        assert_eq!(findings(&t), Vec::<String>::new());
        assert_eq!(findings(&t.replace("$1,183K", "$1,283K")), vec!["error `$1,283K`"]);
    }
}
