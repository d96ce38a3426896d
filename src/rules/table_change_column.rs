//! `table-change-column`: "% Change" and "$ Change" columns recomputed from their period columns.

use super::*;
use crate::tables::{self, Grid, Num, Sign, Unit, Vocab};

pub static RULE: RuleDef = RuleDef::document(
    "table-change-column",
    "A table's change columns must match the two period columns they compare",
    Severity::Error,
    DOCS,
    check_document,
);

const DOCS: &str = "\
Recomputes every cell of a change column (a header with \"Change\", \"% Change\", \"Increase
(Decrease)\", \"Variance\") from the two period columns it compares: the two
columns to its left (\"2016 | 2015 | $ Change | % Change\"), the two to its left that hold values
of one unit when columns of percentages sit between (\"2023 | % | 2022 | % | Change\"), or the
columns on either side when changes sit between periods (\"2024 | Change | 2023 | Change |
2022\"), or, where two columns show one year (reported and constant-currency), any two of
different years in the group before it. Headings are placed over columns by the source's grid
(colspan), so \"Six Months Ended\" stands over the six-month columns only. The later year is
the current period; when the headers name no years, either order is accepted.

A column has one unit, from its headers and its cells: a \"Percent Change\" column printing %
on its first and total rows only is recomputed as percentages throughout. A percentage is
current / prior - 1 (over |prior| for a loss), or, between two percentages (printed with % or
in a row that names its unit: \"Gross margin %\", \"Effective tax rate\"), their difference
in points; an amount is current - prior. A loss written as positive figures (\"Net loss\") is a
negative result, whose change may be stated as the result's (a larger loss, a fall). Every cell stands for ±0.5 of its last digit; a derived
figure (a total, a profit line, an adjusted or non-GAAP measure), which may be the sum of its
rounded parts, for ±1. A sign convention that shows a rise in a cost as unfavorable (negative) is
another reading of the column. When either value is negative, or the change matches only in
size, the sign is not held against the table but reported as a warning. A dash in the change
column, or as either operand, is read as \"not meaningful\" and skipped. Each reading (operand
columns, sign convention) counts when most of the column's cells recompute under it; a cell is
reported only when it fails under every reading that counts.

Example (error), in thousands:
                     2016     2015    % Change
    Total revenue     453    1,183      (52)%   <- 453 / 1,183 - 1 = -61.7%

Suppress: <!-- tieout-ignore table-change-column: reason --> on the line before the table.";

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let reading = ctx.tables();
    // a total that does not foot is reported there; its change is not reported again
    let suspect: Vec<usize> = super::table_footing::failures(ctx)
        .iter()
        .map(|m| m.primary.start)
        .collect();
    let mut stats = Stats::default();
    reading
        .grids
        .iter()
        .flat_map(|g| check_grid(ctx.text, g, &reading.vocab, &mut stats))
        .filter(|m| !m.labels.iter().any(|(r, _)| suspect.contains(&r.start)))
        .map(Outcome::Mismatch)
        .collect()
}

/// What the change-column check saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Change columns with at least one cell checked.
    pub columns: usize,
    pub cells: usize,
}

/// One reading of a change column: the (current, prior) columns it compares, whether their
/// order is known (the later year is current), and whether its signs say favorable /
/// unfavorable (a rise in a cost shown negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    cur: usize,
    prior: usize,
    ordered: bool,
    favorable: bool,
    /// The column shows sizes: it never prints a negative while a $ change column beside it
    /// carries the sign.
    unsigned: bool,
}

/// The one year every heading of a column names.
fn year(g: &Grid, c: usize) -> Option<u16> {
    let ys: Vec<Option<u16>> = g.columns[c].headings.iter().map(|h| h.period.year).collect();
    ys[0].filter(|y| ys.iter().all(|x| *x == Some(*y)))
}

/// The pairs of period columns a change column may compare: the two columns to its left
/// ("2016 | 2015 | $ Change | % Change"), the two to its left that hold values of one unit
/// when columns of percentages sit between ("2023 | % | 2022 | % | Change"), and the columns on
/// either side when changes sit between periods ("2024 | Change | 2023").
fn operand_pairs(g: &Grid, c: usize) -> Vec<(usize, usize)> {
    let cols = &g.columns;
    let value = |i: usize| !cols[i].maybe_change();
    let left: Vec<usize> = (0..c).rev().filter(|&i| value(i)).collect();
    let mut out = Vec::new();
    if left.len() >= 2 && !(left[1]..left[0]).any(|i| cols[i].maybe_change()) {
        out.push((left[1], left[0]));
    }
    let same: Vec<usize> = left
        .iter()
        .copied()
        .filter(|&i| cols[i].unit != Unit::Percent)
        .collect();
    if same.len() >= 2 && cols[same[0]].unit == cols[same[1]].unit {
        out.push((same[1], same[0]));
    }
    if let (Some(&l), Some(r)) = (left.first(), (c + 1..cols.len()).find(|&i| value(i))) {
        out.push((l, r));
    }
    out.extend(dated_pairs(g, c));
    let mut seen = Vec::new();
    out.retain(|p| {
        let new = !seen.contains(p);
        seen.push(*p);
        new
    });
    out
}

/// Every two columns of one unit and different years in the group of value columns before a
/// change column's group, when two of them show one year: a table with reported and
/// constant-currency (as adjusted, non-GAAP) columns may compare any current column with any
/// prior one.
fn dated_pairs(g: &Grid, c: usize) -> Vec<(usize, usize)> {
    let cols = &g.columns;
    let mut end = c;
    while end > 0 && cols[end - 1].maybe_change() {
        end -= 1;
    }
    let start = (0..end).rev().find(|&i| cols[i].maybe_change()).map_or(0, |i| i + 1);
    let dated: Vec<(usize, u16)> = (start..end)
        .filter(|&i| cols[i].unit != Unit::Percent)
        .filter_map(|i| year(g, i).map(|y| (i, y)))
        .collect();
    // two columns of one year: one of them as reported, the other adjusted
    let twice = dated
        .iter()
        .any(|&(a, ya)| dated.iter().any(|&(b, yb)| a != b && ya == yb));
    let mut out = Vec::new();
    if !twice {
        return out;
    }
    for (k, &(a, ya)) in dated.iter().enumerate() {
        for &(b, yb) in &dated[k + 1..] {
            if ya != yb && cols[a].unit == cols[b].unit {
                out.push((a, b));
            }
        }
    }
    out
}

/// Whether the column's figures may be sizes: it never prints a negative, while another change
/// column of amounts in the table does (the $ change carries the direction).
fn sizes(g: &Grid, c: usize) -> bool {
    let negative = |c: usize| {
        g.rows
            .iter()
            .any(|r| r.at(c).is_some_and(|n| !n.dash && n.value < Decimal::ZERO))
    };
    let signed_amounts = (0..g.columns.len()).any(|i| {
        i != c && g.columns[i].is_change() && g.columns[i].unit == Unit::Amount && negative(i)
    });
    signed_amounts && !negative(c)
}

fn readings(g: &Grid, c: usize) -> Vec<Reading> {
    let mut out = Vec::new();
    let signs: &[(bool, bool)] = if sizes(g, c) {
        &[(false, false), (true, false), (false, true)]
    } else {
        &[(false, false), (true, false)]
    };
    for (a, b) in operand_pairs(g, c) {
        let (cur, prior, ordered) = match (year(g, a), year(g, b)) {
            (Some(ya), Some(yb)) if ya > yb => (a, b, true),
            (Some(ya), Some(yb)) if ya < yb => (b, a, true),
            _ => (a, b, false),
        };
        for &(favorable, unsigned) in signs {
            out.push(Reading {
                cur,
                prior,
                ordered,
                favorable,
                unsigned,
            });
        }
    }
    out
}

/// One change cell under one reading.
enum Cell {
    /// Not checked (a dash, a value not given, values of two units).
    Skip,
    Holds,
    /// Fails; the sign alone differs when `size_only`.
    Fails { size_only: bool },
}

/// The values a change cell may state: a percentage as current / prior - 1 (over |prior| for a
/// loss), or as the difference of two percentages (points); an amount as current - prior.
fn candidates(percent: bool, x: &Num, y: &Num) -> Vec<Interval> {
    candidates_of(percent, (x.interval(), y.interval()), x.percent && y.percent)
}

fn candidates_of(percent: bool, (xi, yi): (Interval, Interval), points: bool) -> Vec<Interval> {
    let mut v = Vec::new();
    if percent {
        if !yi.contains_zero() {
            let rel = xi.div(&yi).and_then(|q| {
                if yi.lo > Decimal::ZERO {
                    q.shift(-Decimal::ONE)
                } else {
                    q.neg().shift(Decimal::ONE)
                }
            });
            v.extend(rel.and_then(|r| r.scale(Decimal::ONE_HUNDRED)));
        }
        if points {
            v.extend(xi.sub(&yi));
        }
    } else {
        v.extend(xi.sub(&yi));
    }
    v
}

/// A derived figure (a total, a profit line, an adjusted or non-GAAP measure) may be the sum of
/// its rounded parts, its change computed from the exact figure: it stands for ±1 unit of its
/// last digit, a line item for ±0.5.
fn operand(row: &tables::Row, n: &Num) -> Interval {
    let derived = row.total.is_some()
        || row
            .words
            .iter()
            .any(|w| matches!(w.as_str(), "adjusted" | "ebitda" | "gaap"));
    if derived {
        let unit = Decimal::new(1, n.decimals);
        Interval::new(n.value - unit, n.value + unit)
    } else {
        n.interval()
    }
}

/// A row that names a loss and no income ("Net loss", "Operating loss") written as positive
/// figures: a negative result, whose change may be stated as the result's.
fn loss_written_positive(row: &tables::Row, x: &Num, y: &Num) -> bool {
    let has = |ws: &[&str]| row.words.iter().any(|w| ws.contains(&w.as_str()));
    has(&["loss", "losses"])
        && !has(&["income", "gain", "gains", "earnings", "profit"])
        && !x.value.is_sign_negative()
        && !y.value.is_sign_negative()
}

/// A change cell under one reading of its column.
fn cell(g: &Grid, r: usize, c: usize, rd: &Reading) -> Cell {
    let row = &g.rows[r];
    let (Some(stated), Some(x), Some(y)) = (row.at(c), row.at(rd.cur), row.at(rd.prior)) else {
        return Cell::Skip;
    };
    // a dash in a change column often means "not meaningful"
    if x.dash || y.dash || stated.dash || g.cell_unit(r, rd.cur) != g.cell_unit(r, rd.prior) {
        return Cell::Skip;
    }
    let percent = g.columns[c].unit == Unit::Percent;
    let (xi, yi) = (operand(row, x), operand(row, y));
    // percentages (printed with % or in a row that names its unit: "Gross margin %",
    // "Effective tax rate") may change by points
    let rate = matches!(g.cell_unit(r, rd.cur), Unit::Percent | Unit::Ratio);
    let points = x.percent && y.percent || rate;
    let mut all = candidates_of(percent, (xi, yi), points);
    if all.is_empty() {
        return Cell::Skip;
    }
    if !rd.ordered {
        all.extend(candidates_of(percent, (yi, xi), points));
    }
    if loss_written_positive(row, x, y) {
        // the change of the result the loss is: a larger loss is a fall
        all.extend(candidates_of(percent, (xi.neg(), yi.neg()), points));
    }
    if rd.favorable && row.sign == Sign::Expense {
        all = all.iter().map(|iv| iv.neg()).collect();
    }
    let si = stated.interval();
    if all.iter().any(|iv| iv.intersects(&si)) {
        return Cell::Holds;
    }
    let size_only = all.iter().any(|iv| iv.abs().intersects(&si.abs()));
    if size_only && rd.unsigned {
        return Cell::Holds;
    }
    let signed = x.value < Decimal::ZERO || y.value < Decimal::ZERO;
    if size_only && signed {
        return Cell::Holds;
    }
    Cell::Fails { size_only }
}

/// Check one table's change columns. Each column is read every way it may be (which columns it
/// compares, which sign convention); a reading counts when most of the column's cells
/// recompute under it, and a cell is reported only when it fails under every reading that
/// counts.
pub fn check_grid(text: &str, g: &Grid, v: &Vocab, stats: &mut Stats) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for c in 0..g.columns.len() {
        let col = &g.columns[c];
        if !col.is_change() || !matches!(col.unit, Unit::Percent | Unit::Amount) {
            continue;
        }
        let skip = col.headings.iter().any(|h| {
            let w = tables::label_words(&h.text);
            let w: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
            v.change_skip.iter().any(|p| tables::contains_seq(&w, p))
        });
        if skip {
            continue;
        }
        let rows: Vec<usize> = (0..g.rows.len()).collect();
        let results: Vec<(Reading, Vec<Cell>)> = readings(g, c)
            .into_iter()
            .map(|rd| (rd, rows.iter().map(|&r| cell(g, r, c, &rd)).collect()))
            .collect();
        let counts = |cells: &[Cell]| {
            let holds = cells.iter().filter(|x| matches!(x, Cell::Holds)).count();
            let fails = cells.iter().filter(|x| matches!(x, Cell::Fails { .. })).count();
            (holds, fails)
        };
        // a reading under which the column's other cells do not recompute is not the change
        // the column shows
        let plausible: Vec<&(Reading, Vec<Cell>)> = results
            .iter()
            .filter(|(_, cells)| {
                let (h, f) = counts(cells);
                h >= 2 && h > f
            })
            .collect();
        if let Some((_, cells)) = results.first() {
            let (h, f) = counts(cells);
            if h + f > 0 {
                stats.columns += 1;
                stats.cells += h + f;
            }
        }
        let Some(&(best, ref cells)) = plausible.first() else { continue };
        for r in rows {
            let Cell::Fails { size_only } = cells[r] else { continue };
            if plausible
                .iter()
                .all(|(_, cs)| matches!(cs[r], Cell::Fails { .. }))
            {
                out.extend(describe(text, g, r, c, best, size_only));
            }
        }
    }
    out
}

fn describe(text: &str, g: &Grid, r: usize, c: usize, rd: &Reading, size_only: bool) -> Option<Mismatch> {
    let row = &g.rows[r];
    let (stated, x, y) = (row.at(c)?, row.at(rd.cur)?, row.at(rd.prior)?);
    let percent = g.columns[c].unit == Unit::Percent;
    let computed = *candidates(percent, x, y).first()?;
    let face = if percent {
        if y.value.is_zero() {
            return None;
        }
        if x.percent && y.percent && computed.contains(x.value - y.value) {
            x.value - y.value
        } else {
            (x.value / y.value.abs() - y.value / y.value.abs()) * Decimal::ONE_HUNDRED
        }
    } else {
        x.value - y.value
    };
    let fmt = |v: Decimal| {
        if percent {
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
    let op = if percent && !(x.percent && y.percent) {
        format!("{cw} / {pw} - 1")
    } else {
        format!("{cw} - {pw}")
    };
    Some(Mismatch {
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
            (x.range.clone(), g.column_name(rd.cur)),
            (y.range.clone(), g.column_name(rd.prior)),
        ],
        help: format!(
            "{op} = {}; with each cell ±0.5 of its last digit the change lies in {}",
            fmt(face),
            computed
        ),
    })
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
    fn a_derived_figure_stands_for_its_rounded_parts() {
        // (1,449) / (127): -1,040.9%, and -1,045.8% at the edge of the cells' rounding; an
        // adjusted measure summed from rounded parts may be 1 off: -1,046.2% is a reading
        let t = "\
(in thousands)

| | 2024 | 2023 | $ Change | % Change |
|---|---|---|---|---|
| Revenues | 2,121 | 2,768 | (647) | -23.4% |
| Loss from operations | (1,688) | (389) | (1,299) | -333.3% |
| Adjusted EBITDA | (1,449) | (127) | (1,322) | -1046.2% |
";
        assert_eq!(findings(t), Vec::<String>::new());
        // a line item is read to half a unit
        let item = t.replace("Adjusted EBITDA", "Marketing expense");
        assert_eq!(findings(&item), vec!["error `-1046.2%`"]);
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
