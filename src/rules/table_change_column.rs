//! `table-change-column`: "% Change" and "$ Change" columns recomputed from their period columns.

use super::*;
use crate::tables::{self, Grid, Vocab};

pub static RULE: RuleDef = RuleDef {
    id: "table-change-column",
    summary: "A table's change columns must match the two period columns they compare",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check: no_claims,
    check_document: Some(check_document),
};

const DOCS: &str = "\
Recomputes every cell of a change column (a header with \"Change\", \"% Change\", \"Increase
(Decrease)\", \"Variance\") from the two period columns it compares: the two columns to its left
(\"2016 | 2015 | $ Change | % Change\"), or the columns on either side when changes sit between
periods (\"2024 | Change | 2023 | Change | 2022\"). The later year is the current period; when
the headers name no years, either order is accepted. A percentage cell is checked as
current / prior - 1 (over |prior| when the prior value is a loss), an amount cell as current -
prior; in rows of percentages a plain number is a point change. Every cell stands for ±0.5 of its
last digit. When either value is negative, or the change matches only in size, the sign is not
held against the table but reported as a warning. A dash in the change column, or as either
operand, is read as \"not meaningful\" and skipped; a column is reported only when most of its
other cells recompute (otherwise it is not the change it seems to be).

Example (error), in thousands:
                     2016     2015    % Change
    Total revenue     453    1,183      (52)%   <- 453 / 1,183 - 1 = -61.7%

Suppress: <!-- tieout-ignore table-change-column: reason --> on the line before the table.";

fn no_claims(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    vec![]
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let v = Vocab::from_pack(ctx.pack);
    let mut stats = Stats::default();
    let mut out = Vec::new();
    for g in tables::grids(ctx.doc, &v) {
        // a total that does not foot is reported there; its change is not reported again
        let mut fs = super::table_footing::Stats::default();
        let suspect: Vec<usize> = super::table_footing::foot(ctx.text, &g, &v, &mut fs)
            .iter()
            .map(|m| m.primary.start)
            .collect();
        for m in check_grid(ctx.text, &g, &v, &mut stats) {
            if !m.labels.iter().any(|(r, _)| suspect.contains(&r.start)) {
                out.push(Outcome::Mismatch(m));
            }
        }
    }
    out
}

/// What the change-column check saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Change columns with at least one cell checked.
    pub columns: usize,
    pub cells: usize,
}

/// The (current, prior) columns a change column compares; `None` order when unknown.
fn operands(g: &Grid, c: usize) -> Option<(usize, usize, bool)> {
    let cols = &g.columns;
    let left: Vec<usize> = (0..c).rev().filter(|&i| !cols[i].change).take(2).collect();
    let right = (c + 1..cols.len()).find(|&i| !cols[i].change);
    let (a, b) = if left.len() == 2 && !(left[1]..left[0]).any(|i| cols[i].change) {
        (left[1], left[0])
    } else if let (Some(&l), Some(r)) = (left.first(), right) {
        (l, r)
    } else {
        return None;
    };
    match (cols[a].period.year, cols[b].period.year) {
        (Some(ya), Some(yb)) if ya > yb => Some((a, b, true)),
        (Some(ya), Some(yb)) if ya < yb => Some((b, a, true)),
        _ => Some((a, b, false)),
    }
}

/// Check one table's change columns.
pub fn check_grid(text: &str, g: &Grid, v: &Vocab, stats: &mut Stats) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for c in 0..g.columns.len() {
        if !g.columns[c].change {
            continue;
        }
        let Some((cur, prior, ordered)) = operands(g, c) else { continue };
        let words = tables::label_words(&g.columns[c].header);
        let w: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        if v.change_skip.iter().any(|p| tables::contains_seq(&w, p)) {
            continue;
        }
        let mut counted = false;
        let mut holds = 0;
        let mut pending = Vec::new();
        for row in &g.rows {
            let (Some(stated), Some(x), Some(y)) = (row.at(c), row.at(cur), row.at(prior)) else {
                continue;
            };
            // a dash in a change column often means "not meaningful"
            if x.percent != y.percent || x.dash || y.dash || stated.dash {
                continue;
            }
            let (xi, yi, si) = (x.interval(), y.interval(), stated.interval());
            let relative = |x: Interval, y: Interval| -> Option<Interval> {
                if y.contains_zero() {
                    return None;
                }
                let q = x.div(&y)?;
                let r = if y.lo > Decimal::ZERO {
                    q.shift(-Decimal::ONE)?
                } else {
                    q.neg().shift(Decimal::ONE)?
                };
                r.scale(Decimal::ONE_HUNDRED)
            };
            let candidates = |x: Interval, y: Interval| -> Vec<Interval> {
                let mut v = Vec::new();
                if stated.percent {
                    v.extend(relative(x, y));
                    if x_is_pct(row) {
                        v.extend(x.sub(&y));
                    }
                } else {
                    v.extend(x.sub(&y));
                }
                v
            };
            let forward = candidates(xi, yi);
            if forward.is_empty() {
                continue;
            }
            counted = true;
            stats.cells += 1;
            let mut all = forward.clone();
            if !ordered {
                all.extend(candidates(yi, xi));
            }
            if all.iter().any(|iv| iv.intersects(&si)) {
                holds += 1;
                continue;
            }
            let size_only = all.iter().any(|iv| iv.abs().intersects(&si.abs()));
            let signed = x.value < Decimal::ZERO || y.value < Decimal::ZERO;
            if size_only && signed {
                holds += 1;
                continue;
            }
            let computed = forward[0];
            let face = if stated.percent {
                // (x - y) / |y|, out of range (or y zero): nothing to show
                let pct = x.value.checked_div(y.value.abs()).and_then(|q| {
                    q.checked_sub(if y.value.is_sign_negative() { -Decimal::ONE } else { Decimal::ONE })?
                        .checked_mul(Decimal::ONE_HUNDRED)
                });
                let Some(pct) = pct else { continue };
                pct
            } else {
                x.value - y.value
            };
            let fmt = |v: Decimal| {
                if stated.percent {
                    format!("{}%", crate::interval::show(v, 1))
                } else {
                    crate::interval::show(v, 4)
                }
            };
            let (cw, pw, sw) = (
                text[x.range.clone()].trim(),
                text[y.range.clone()].trim(),
                text[stated.range.clone()].trim(),
            );
            let op = if stated.percent {
                format!("{cw} / {pw} - 1")
            } else {
                format!("{cw} - {pw}")
            };
            pending.push(Mismatch {
                tier: if size_only { Tier::Warning } else { Tier::Error },
                message: format!(
                    "`{}` {}: {op} = {}, not {sw}{}",
                    row.label,
                    g.column_name(c),
                    fmt(face),
                    if size_only { " (the sign differs)" } else { "" }
                ),
                primary: stated.range.clone(),
                primary_label: format!("recomputed: {}", fmt(face)),
                labels: vec![
                    (x.range.clone(), g.column_name(cur)),
                    (y.range.clone(), g.column_name(prior)),
                ],
                help: format!(
                    "{op} = {}; with each cell ±0.5 of its last digit the change lies in {}",
                    fmt(face),
                    computed
                ),
            });
        }
        if counted {
            stats.columns += 1;
        }
        // a column whose other cells do not recompute is not the change we think it is
        if holds >= 2 && holds > pending.len() {
            out.extend(pending);
        }
    }
    out
}

fn x_is_pct(row: &tables::Row) -> bool {
    row.slots
        .iter()
        .filter_map(|s| s.num())
        .filter(|n| !n.dash)
        .all(|n| n.percent)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(md: &str) -> Vec<String> {
        rule_findings("t.md", md, "table-change-column")
    }

    #[test]
    fn percent_and_amount_changes() {
        let t = "\
(in thousands)

| | 2016 | 2015 | $ Change | % Change |
|---|---|---|---|---|
| Revenue | 453 | 1,183 | (730) | (61.7)% |
| Operating loss | (5,500) | (7,000) | 1,500 | 21.4% |
| Operating expenses | 5,653 | 7,483 | (1,830) | (24.5)% |
";
        assert_eq!(findings(t), Vec::<String>::new());
        assert_eq!(findings(&t.replace("(61.7)%", "(52.0)%")), vec!["error `(52.0)%`"]);
        assert_eq!(findings(&t.replace("(730)", "(830)")), vec!["error `(830)`"]);
        assert_eq!(findings(&t.replace("(61.7)%", "61.7%")), vec!["warning `61.7%`"]);
    }

    #[test]
    fn changes_between_periods() {
        let t = "\
| | 2024 | Change | 2023 | Change | 2022 |
|---|---|---|---|---|---|
| Americas | $167,045 | 3% | $162,560 | (4)% | $169,658 |
| Japan | 25,052 | 3% | 24,257 | (7)% | 25,977 |
| Europe | 101,328 | 7% | 94,294 | (1)% | 95,118 |
";
        assert_eq!(findings(t), Vec::<String>::new());
        assert_eq!(findings(&t.replace("(7)%", "(9)%")), vec!["error `(9)%`"]);
    }
}
