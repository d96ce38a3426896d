//! `table-footing`: a total row of a table must equal the rows it totals.

use super::*;
use std::collections::HashMap;

use crate::tables::{self, Grid, Num, Row, RowKind, Sign, TotalKind, Vocab};

pub static RULE: RuleDef = RuleDef::document(
    "table-footing",
    "A table's total rows must equal the sum of the rows above them",
    Severity::Error,
    DOCS,
    check_document,
);

const DOCS: &str = "\
Foots every table: a row whose label marks a total (\"Total operating costs and expenses\",
\"Total revenue\", \"Brand A Total\") or a profit line (\"Gross profit\", \"Loss from operations\",
\"Net loss\") must equal a grouping of the rows above it, column by column. A total is reported
only when every reading of the table fails:
  - groupings: the rows since the previous subtotal, section heading or header, or reaching
    further back where an earlier subtotal stands for the rows it was found to add up; a row
    equal to the sum of the rows just above it in every column (an unmarked subtotal: \"Current
    provision\", \"Acquired intangibles, net\") stands for them or for itself; a row whose label
    names another unit may count after all;
  - combinations: a sum; costs and expenses subtracted (written positive, or whatever their
    sign); for a profit line, any number of leading revenue rows less the rest (gross profit =
    revenue - cost; a loss = -(expenses) when there is no revenue). A row naming income and
    expense (\"Other income (expense), net\") is signed as written;
  - rounding: each cell stands for ±0.5 of its last digit, so a sum of n cells may be off by
    n × 0.5 and honest rounding is never reported.
Only columns of amounts or share counts are footed: a column has one unit, from its headers and
its cells (a \"Percent Change\" column printing % on its first and total rows only is a column of
percentages), and percentages, averages, prices, rates, per-share figures, change columns and
balances left (\"may yet be purchased\") never foot. Rows of another unit (percentage rows,
per-share and share-count rows) are left out of the sums.
A table may not show all its rows: a failing column is a proof only when another column
confirms the grouping (the same rows, as written, equal its total within a unit of the last
digit), at least as many columns foot as fail, and, in a table whose columns add up across
(GAAP + adjustments = non-GAAP), no row left out of the table could explain the difference. A
dash total may mean \"not applicable\": it counts as zero where it agrees and is never reported;
a total over rows that are all dashes (not broken down) is not reported.

Example (error), a table in thousands:
    Research and development     4,100
    Sales and marketing          2,900
    General and administrative   5,000
    Total operating expenses    12,500   <- the rows above add up to 12,000 (±1.5)

Suppress: <!-- tieout-ignore table-footing: reason --> on the line before the table.";

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    failures(ctx)
        .iter()
        .cloned()
        .map(Outcome::Mismatch)
        .collect()
}

/// The totals of the document's tables that do not foot, computed once per document and shared
/// by the table rules (a total reported here is not reported again as a change or a tie).
pub fn failures<'a>(ctx: &'a Ctx) -> &'a [Mismatch] {
    ctx.footing.get_or_init(|| {
        let reading = ctx.tables();
        let mut stats = Stats::default();
        reading
            .grids
            .iter()
            .flat_map(|g| foot(ctx.text, g, &reading.vocab, &mut stats))
            .filter(|m| !across_periods(ctx, m))
            .collect()
    })
}

/// In an inline XBRL filing, a total over a period whose rows are tagged over another period (a
/// quarter beside the year to date) is not the column the layout suggests: not footed. Balances
/// (instants) beside flows, as in a roll-forward, are footed.
fn across_periods(ctx: &Ctx, m: &Mismatch) -> bool {
    use crate::source::ixbrl::XPeriod;
    let Some(x) = &ctx.doc.xbrl else {
        return false;
    };
    let flow = |r: &Range<usize>| {
        x.at(r)
            .map(|f| x.context(f).period)
            .filter(|p| matches!(p, XPeriod::Duration { .. }))
    };
    let Some(total) = flow(&m.primary) else {
        return false;
    };
    m.labels
        .iter()
        .filter_map(|(r, _)| flow(r))
        .any(|p| p != total)
}

/// What footing saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Total rows with at least one cell checked.
    pub totals: usize,
    /// Total cells checked.
    pub cells: usize,
}

/// Rows a sum of amounts never includes: rows in another unit (percentages, per-share figures,
/// share counts, ratios).
fn invisible(row: &Row) -> bool {
    row.unit.is_some()
}

/// How the rows of a grouping combine into the total. Each is a reading the table allows; a
/// total is reported only when none explains it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scheme {
    /// Every row as signed in the table.
    Sum,
    /// Costs and expenses written as positive amounts subtracted.
    LessExpenses,
    /// Costs and expenses subtracted whatever their sign (a negative tax provision is a
    /// benefit).
    LessSignedExpenses,
    /// The first `k` rows (revenues) less the others: `Lead(1)` is gross profit = revenue -
    /// cost of revenue; `Lead(0)` a loss = -(the expenses above it).
    Lead(usize),
}

/// The schemes tried on a chain of `len` rows: a "Total" is a sum (costs may be netted); a
/// profit line may also be revenues less the rest.
fn schemes(kind: TotalKind, len: usize) -> impl Iterator<Item = Scheme> {
    let leads = if kind == TotalKind::Profit { len } else { 0 };
    [Scheme::Sum, Scheme::LessExpenses, Scheme::LessSignedExpenses]
        .into_iter()
        .chain((0..leads).map(Scheme::Lead))
}

/// The most groupings tried per total, and the most rows in one.
const MAX_CHAINS: usize = 200;
const MAX_CHAIN_LEN: usize = 40;

fn cells_at<'a>(rows: &'a [Row], chain: &[usize], c: usize) -> Option<Vec<&'a Num>> {
    chain
        .iter()
        .map(|&i| rows[i].at(c).filter(|n| !n.percent))
        .collect()
}

fn combine(
    rows: &[Row],
    chain: &[usize],
    cells: &[&Num],
    scheme: Scheme,
    failed: &HashMap<usize, Interval>,
) -> Option<Interval> {
    // `chain` runs upwards from the total; the first row of the table comes last
    let mut acc = Interval::point(Decimal::ZERO);
    for (k, (&ri, n)) in chain.iter().zip(cells).enumerate() {
        // a subtotal already reported stands for what it says or what its rows say
        let iv = match failed.get(&n.range.start) {
            Some(f) => n.interval().hull(f),
            None => n.interval(),
        };
        let minus = is_minus(&rows[ri], k, chain.len(), n, scheme);
        acc = if minus { acc.sub(&iv)? } else { acc.add(&iv)? };
    }
    Some(acc)
}

/// Is this cell subtracted under the scheme? `k` counts from the total upwards.
fn is_minus(row: &Row, k: usize, len: usize, n: &Num, scheme: Scheme) -> bool {
    match scheme {
        Scheme::Sum => false,
        Scheme::LessExpenses => row.sign == Sign::Expense && n.value > Decimal::ZERO,
        Scheme::LessSignedExpenses => row.sign == Sign::Expense,
        Scheme::Lead(lead) => k + lead < len,
    }
}

/// First row of the group a row belongs to: the rows since the previous boundary (a total, a
/// section heading, the header).
fn group_start(g: &Grid, i: usize) -> usize {
    let mut j = i;
    while j > 0
        && g.rows[j - 1].kind == RowKind::Data
        && matches!(g.rows[j - 1].total, None | Some(TotalKind::Implicit))
    {
        j -= 1;
    }
    j
}

/// The groupings a total may add up, each a list of rows running upwards from it: the rows
/// since the previous subtotal, and further back, where a subtotal stands for the rows it was
/// found to add up (`extent`). Other readings are explored after the plain one: an unmarked
/// subtotal standing for its rows, a row whose label names another unit (not per share)
/// counted after all.
fn chains(g: &Grid, r: usize, extent: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from([(r, Vec::new())]);
    while let Some((from, mut cur)) = queue.pop_front() {
        let mut i = from;
        while i > 0 && out.len() < MAX_CHAINS && cur.len() < MAX_CHAIN_LEN {
            i -= 1;
            let x = &g.rows[i];
            match x.kind {
                RowKind::Header | RowKind::Band => break,
                RowKind::Section => continue,
                RowKind::Data => {}
            }
            if invisible(x) {
                if x.unit_by_label
                    && x.unit != Some(tables::Unit::PerShare)
                    && x.aligned
                    && x.total.is_none()
                {
                    let mut alt = cur.clone();
                    alt.push(i);
                    out.push(alt.clone());
                    queue.push_back((i, alt));
                }
                continue;
            }
            if !x.aligned {
                break;
            }
            cur.push(i);
            out.push(cur.clone());
            match x.total {
                Some(TotalKind::Implicit) => {
                    queue.push_back((x.subtotal_of.unwrap_or(i), cur.clone()));
                }
                Some(_) => i = extent[i].unwrap_or_else(|| group_start(g, i)),
                None => {}
            }
        }
    }
    out.truncate(MAX_CHAINS);
    out
}

/// Can column `c` be footed at all: a column of amounts or share counts, not a change column,
/// not headed as an average, rate or balance.
fn footable(g: &Grid, c: usize, v: &Vocab) -> bool {
    let col = &g.columns[c];
    if !col.unit.additive() || col.maybe_change() {
        return false;
    }
    col.headings.iter().all(|h| {
        let w = tables::label_words(&h.text);
        let w: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
        !v.not_total.iter().chain(&v.not_footed).any(|p| tables::contains_seq(&w, p))
    })
}

/// Is column `c` headed as adjustments to the rows shown ("Adjustment", "Impact of ASC 326")?
/// Such a column foots over the rows it adjusts, whatever rows the others leave out.
pub(crate) fn adjusting(g: &Grid, c: usize, v: &Vocab) -> bool {
    g.columns[c].headings.iter().any(|h| {
        let w = tables::label_words(&h.text);
        let w: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
        v.adjusting.iter().any(|p| tables::contains_seq(&w, p))
    })
}

/// A grouping (chain, scheme) that explains a total in one column.
type Grouping = (usize, Scheme);

/// The groupings that explain each column's total (`None`: the column is not checked).
fn holding(
    g: &Grid,
    r: usize,
    kind: TotalKind,
    chains: &[Vec<usize>],
    v: &Vocab,
    failed: &HashMap<usize, Interval>,
) -> Vec<Option<Vec<Grouping>>> {
    let rows = &g.rows;
    (0..g.columns.len())
        .map(|c| {
            let total = rows[r].at(c)?;
            if total.percent || !footable(g, c, v) {
                return None;
            }
            let mut any = false;
            let mut holds = Vec::new();
            for (k, chain) in chains.iter().enumerate() {
                let Some(cells) = cells_at(rows, chain, c) else { continue };
                any = true;
                for scheme in schemes(kind, chain.len()) {
                    if let Some(iv) = combine(rows, chain, &cells, scheme, failed) {
                        if iv.intersects(&total.interval()) {
                            holds.push((k, scheme));
                        }
                    }
                }
            }
            any.then_some(holds)
        })
        .collect()
}

/// The rows of a grouping combined as written (no rounding), in column `c`.
fn face(rows: &[Row], (chain, scheme): (&[usize], Scheme), c: usize) -> Option<Decimal> {
    let cells = cells_at(rows, chain, c)?;
    Some(
        chain
            .iter()
            .zip(&cells)
            .enumerate()
            .map(|(k, (&ri, n))| {
                if is_minus(&rows[ri], k, chain.len(), n, scheme) {
                    -n.value
                } else {
                    n.value
                }
            })
            .sum(),
    )
}

/// A unit of the last digit of the coarsest of these cells (dashes aside).
fn last_unit<'a>(cells: impl Iterator<Item = &'a Num>) -> Decimal {
    cells
        .filter(|n| !n.dash)
        .map(|n| Decimal::new(1, n.decimals))
        .max()
        .unwrap_or(Decimal::ONE)
}

/// Does column `c` show a grouping strongly enough to confirm it for the other columns: a
/// total not zero, at least two of its rows with a value (or a grouping of one row), and the
/// rows as written equal to the total within a unit of the last digit (tolerance alone, over
/// many groupings tried, would match small figures by chance)?
fn confirms(rows: &[Row], r: usize, grouping: (&[usize], Scheme), c: usize) -> bool {
    let nonzero = |n: &Num| !n.dash && !n.value.is_zero();
    let (Some(total), Some(cells), Some(face)) = (
        rows[r].at(c).filter(|n| nonzero(n)),
        cells_at(rows, grouping.0, c),
        face(rows, grouping, c),
    ) else {
        return false;
    };
    let valued = cells.iter().filter(|n| nonzero(n)).count();
    let unit = last_unit(cells.iter().copied().chain([total]));
    (grouping.0.len() == 1 || valued >= 2) && (face - total.value).abs() <= unit
}

/// The identity a table's columns keep across, in most rows of a group and in its total row:
/// column `t` equal to the sum of the other columns of amounts (Total = segments; non-GAAP =
/// GAAP + adjustments).
fn across(g: &Grid, gs: usize, r: usize) -> Option<(usize, Vec<usize>)> {
    let cols: Vec<usize> = (0..g.columns.len())
        .filter(|&c| g.columns[c].unit.additive() && !g.columns[c].maybe_change())
        .collect();
    if cols.len() < 3 {
        return None;
    }
    let holds = |row: &Row, t: usize| -> Option<bool> {
        let total = row.at(t)?;
        let sum = cols
            .iter()
            .filter(|&&c| c != t)
            .try_fold(Interval::point(Decimal::ZERO), |acc, &c| acc.add(&row.at(c)?.interval()))?;
        Some(sum.intersects(&total.interval()))
    };
    let rows: Vec<&Row> = g.rows[gs..r]
        .iter()
        .filter(|x| x.kind == RowKind::Data && x.aligned && !invisible(x))
        .collect();
    let t = *cols.iter().find(|&&t| {
        let seen: Vec<bool> = rows.iter().filter_map(|x| holds(x, t)).collect();
        let ok = seen.iter().filter(|ok| **ok).count() + 1;
        holds(&g.rows[r], t) == Some(true) && seen.len() >= 2 && ok * 2 > seen.len() + 1
    })?;
    Some((t, cols.into_iter().filter(|&c| c != t).collect()))
}

/// Could rows the table does not show explain its failures? Such a row is zero where the
/// grouping holds and makes up the difference where it fails; in a table whose columns add up
/// across, it must add up across too (a reconciliation that shows only its adjusted lines).
/// Without such an identity the columns that foot show the rows complete.
fn unshown_rows_explain(g: &Grid, gs: usize, r: usize, grouping: (&[usize], Scheme), fails: &[usize]) -> bool {
    let Some((t, others)) = across(g, gs, r) else {
        return false;
    };
    // the row not shown, column by column: `None` where nothing says what it holds
    let hidden = |c: usize| -> Option<Decimal> {
        let total = g.rows[r].at(c)?;
        let diff = total.value - face(&g.rows, grouping, c)?;
        Some(if fails.contains(&c) { diff } else { Decimal::ZERO })
    };
    let (Some(ht), Some(ho)) = (
        hidden(t),
        others.iter().map(|&c| hidden(c)).sum::<Option<Decimal>>(),
    ) else {
        return true;
    };
    let cells = std::iter::once(t)
        .chain(others.iter().copied())
        .filter_map(|c| g.rows[r].at(c));
    (ht - ho).abs() <= last_unit(cells) * Decimal::from(others.len() + 1)
}

/// What footing carries from one total to the next.
#[derive(Default)]
struct Footing {
    /// Totals reported, by the start of their cell: they stand for what they say or what
    /// their rows say.
    failed: HashMap<usize, Interval>,
    /// The first row of what each total was found to add up.
    extent: Vec<Option<usize>>,
}

/// Foot one table.
pub fn foot(text: &str, g: &Grid, v: &Vocab, stats: &mut Stats) -> Vec<Mismatch> {
    let mut st = Footing {
        extent: vec![None; g.rows.len()],
        ..Footing::default()
    };
    let mut out = Vec::new();
    for r in 0..g.rows.len() {
        if let Some(kind) = footed(g, r, &mut st.extent) {
            out.extend(foot_total(text, g, r, kind, v, &mut st, stats));
        }
    }
    out
}

/// Is row `r` a total to foot? An unmarked subtotal only records what it stands for.
fn footed(g: &Grid, r: usize, extent: &mut [Option<usize>]) -> Option<TotalKind> {
    let rows = &g.rows;
    let row = &rows[r];
    let kind = match row.total? {
        TotalKind::Implicit => {
            extent[r] = row.subtotal_of;
            return None;
        }
        TotalKind::Unlabeled => return None,
        k => k,
    };
    if !row.aligned || invisible(row) || r == 0 || rows[r - 1].kind != RowKind::Data {
        return None; // a total that opens its section totals nothing above it
    }
    // its own group must be aligned
    if rows[group_start(g, r)..r].iter().any(|x| !x.aligned && !invisible(x)) {
        return None;
    }
    Some(kind)
}

/// Foot one total row: the groupings that explain each column, what the row stands for, and
/// the columns no grouping explains.
fn foot_total(
    text: &str,
    g: &Grid,
    r: usize,
    kind: TotalKind,
    v: &Vocab,
    st: &mut Footing,
    stats: &mut Stats,
) -> Vec<Mismatch> {
    let rows = &g.rows;
    let row = &rows[r];
    let mut chains = chains(g, r, &st.extent);
    // a sum of one row is a sum only for a plain "Total" over a plain row
    let single_ok = kind == TotalKind::Total && rows[r - 1].total.is_none();
    chains.retain(|ch| ch.len() >= 2 || single_ok);
    let holding = holding(g, r, kind, &chains, v, &st.failed);
    let checked = holding.iter().filter(|h| h.is_some()).count();
    if checked == 0 {
        return vec![];
    }
    stats.totals += 1;
    stats.cells += checked;
    let gs = group_start(g, r);
    let evidence = evidence(g, (r, gs), &chains, &holding, v);
    if let Some(((k, _), _, _)) = evidence.first() {
        let top = *chains[*k].last().expect("non-empty chain");
        st.extent[r] = Some(st.extent[top].unwrap_or(top).min(top));
    }
    // columns that foot against columns that do not, among non-zero totals: a failure is
    // reported only where at least as many columns confirm the grouping (in a two-column
    // balance sheet, one column that foots confirms the other's grouping)
    let nonzero = |c: usize| row.at(c).is_some_and(|n| !n.value.is_zero());
    let count = |ok: bool| {
        (0..holding.len())
            .filter(|&c| nonzero(c) && holding[c].as_ref().is_some_and(|h| h.is_empty() != ok))
            .count()
    };
    if count(false) > count(true) {
        return vec![];
    }
    let fails: Vec<usize> = (0..holding.len())
        .filter(|&c| holding[c].as_ref().is_some_and(|h| h.is_empty()))
        .collect();
    let mut out = Vec::new();
    for &c in &fails {
        // a dash may say "not applicable": it counts as zero where it agrees, never as wrong
        if row.at(c).is_some_and(|n| n.dash) {
            continue;
        }
        // only a total whose grouping the other columns confirm is reported, and not where
        // the rows show no value at all (a total not broken down)
        let Some(&((k, scheme), _, _)) = evidence.iter().find(|((k, _), _, confirmed)| {
            *confirmed
                && cells_at(rows, &chains[*k], c).is_some_and(|cells| cells.iter().any(|n| !n.dash))
        }) else {
            continue;
        };
        if unshown_rows_explain(g, gs, r, (&chains[k], scheme), &fails) {
            continue;
        }
        let total = row.at(c).expect("checked column");
        if let Some((m, iv)) = describe(text, g, r, c, &chains[k], scheme, &st.failed) {
            st.failed.insert(total.range.start, iv);
            out.push(m);
        }
    }
    out
}

/// The groupings that explain the non-zero totals of row `r`, with the number of columns each
/// explains and whether a column confirms it; the most columns first, then the grouping that
/// runs to the top of the total's group (the rows shown), then the shortest. The first is what
/// the total stands for.
fn evidence(
    g: &Grid,
    (r, gs): (usize, usize),
    chains: &[Vec<usize>],
    holding: &[Option<Vec<Grouping>>],
    v: &Vocab,
) -> Vec<(Grouping, usize, bool)> {
    let rows = &g.rows;
    let mut evidence: Vec<(Grouping, usize, bool)> = Vec::new();
    for (c, h) in holding.iter().enumerate() {
        if rows[r].at(c).is_none_or(|n| n.value.is_zero()) {
            continue;
        }
        for x in h.iter().flatten() {
            let confirmed = !adjusting(g, c, v) && confirms(rows, r, (&chains[x.0], x.1), c);
            match evidence.iter_mut().find(|(e, _, _)| e == x) {
                Some(e) => {
                    e.1 += 1;
                    e.2 |= confirmed;
                }
                None => evidence.push((*x, 1, confirmed)),
            }
        }
    }
    evidence.sort_by_key(|((k, _), n, _)| {
        let ch = &chains[*k];
        (std::cmp::Reverse(*n), ch.last() != Some(&gs), ch.len())
    });
    evidence
}

#[allow(clippy::too_many_arguments)]
fn describe(
    text: &str,
    g: &Grid,
    r: usize,
    c: usize,
    chain: &[usize],
    scheme: Scheme,
    failed: &HashMap<usize, Interval>,
) -> Option<(Mismatch, Interval)> {
    let rows = &g.rows;
    let total = rows[r].at(c)?;
    let cells = cells_at(rows, chain, c)?;
    let iv = combine(rows, chain, &cells, scheme, failed)?;
    let mut face = Decimal::ZERO;
    let mut formula = String::new();
    for (k, (&ri, n)) in chain.iter().zip(&cells).enumerate().rev() {
        let minus = is_minus(&rows[ri], k, chain.len(), n, scheme);
        face += if minus { -n.value } else { n.value };
        if k + 1 != chain.len() {
            formula.push_str(if minus { " - " } else { " + " });
        } else if minus {
            formula.push_str("- ");
        }
        formula.push_str(&format!("{} ({})", text[n.range.clone()].trim(), rows[ri].label));
    }
    let label = &rows[r].label;
    let col = g.column_name(c);
    let names: Vec<&str> = chain.iter().rev().map(|&i| rows[i].label.as_str()).collect();
    let written = text[total.range.clone()].trim();
    let mut labels: Vec<(Range<usize>, String)> = chain
        .iter()
        .rev()
        .zip(cells.iter().rev())
        .map(|(&ri, n)| {
            let name = if rows[ri].label.is_empty() {
                "subtotal".to_string()
            } else {
                rows[ri].label.clone()
            };
            (n.range.clone(), name)
        })
        .collect();
    labels.truncate(12);
    let m = Mismatch {
        tier: Tier::Error,
        message: format!(
            "`{label}` ({col}) is {written}, but the rows above {} to {}",
            if scheme == Scheme::Sum { "add up" } else { "come" },
            show_num(face)
        ),
        primary: total.range.clone(),
        primary_label: format!("recomputed: {}", show_num(face)),
        labels,
        help: format!(
            "{formula} = {}; with each cell ±0.5 of its last digit the rows allow {}. The same \
             rows ({}) foot the other columns, and no other grouping of the rows above gives \
             {written}",
            show_num(face),
            iv,
            names.join(", ")
        ),
    };
    Some((m, iv))
}

fn show_num(v: Decimal) -> String {
    let s = v.abs().normalize().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if !frac.is_empty() {
        grouped = format!("{grouped}.{frac}");
    }
    if v < Decimal::ZERO {
        format!("({grouped})")
    } else {
        grouped
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(html: &str) -> Vec<String> {
        rule_findings("t.html", html, "table-footing")
    }

    fn table(rows: &[&[&str]]) -> String {
        let mut s = String::from("<p>(in thousands)</p><table>");
        for r in rows {
            s.push_str("<tr>");
            for c in *r {
                s.push_str(&format!("<td>{c}</td>"));
            }
            s.push_str("</tr>");
        }
        s.push_str("</table>");
        s
    }

    #[test]
    fn tagged_rows_of_another_period_are_not_footed() {
        let ctx = |id: &str, start: &str| {
            format!("<xbrli:context id=\"{id}\"><xbrli:entity><xbrli:identifier scheme=\"x\">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>{start}</xbrli:startDate><xbrli:endDate>2024-09-30</xbrli:endDate></xbrli:period></xbrli:context>")
        };
        let head = format!(
            "<div style=\"display:none\"><ix:header><ix:resources>{}{}<xbrli:unit id=\"u\"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit></ix:resources></ix:header></div>",
            ctx("Q3", "2024-07-01"),
            ctx("YTD", "2024-01-01")
        );
        let tag = |c: &str, v: &str| {
            format!("<ix:nonFraction name=\"us-gaap:X\" contextRef=\"{c}\" unitRef=\"u\" decimals=\"-3\" scale=\"3\" format=\"ixt:num-dot-decimal\">{v}</ix:nonFraction>")
        };
        let doc = |rows: &str| {
            let t = table(&[
                &["", "2024", "2023"],
                &["Research and development", &tag(rows, "4,100"), "3,000"],
                &["Sales and marketing", &tag(rows, "2,900"), "2,000"],
                &["Total operating expenses", &tag("Q3", "12,500"), "5,000"],
            ]);
            format!("<html><body>{head}{t}</body></html>")
        };
        // the rows are tagged over the nine months: the layout put them in the wrong column
        assert_eq!(findings(&doc("YTD")), Vec::<String>::new());
        assert_eq!(findings(&doc("Q3")), vec!["error `12,500`"]);
    }

    #[test]
    fn sums_and_profit_lines() {
        let ok = table(&[
            &["", "2016", "2015", "2014"],
            &["Revenue", "453", "1,183", "500"],
            &["Cost of revenue", "300", "700", "300"],
            &["Gross profit", "153", "483", "200"],
            &["Research and development", "2,000", "3,000", "1,000"],
            &["General and administrative", "3,653", "4,483", "1,200"],
            &["Total operating expenses", "5,653", "7,483", "2,200"],
            &["Loss from operations", "(5,500)", "(7,000)", "(2,000)"],
        ]);
        assert_eq!(findings(&ok), Vec::<String>::new());
        let bad = ok.replace("7,483", "7,583");
        assert_eq!(findings(&bad), vec!["error `7,583`"]);
        let bad = ok.replace("(5,500)", "(5,400)");
        assert_eq!(findings(&bad), vec!["error `(5,400)`"]);
    }

    #[test]
    fn two_columns_one_confirms_the_other() {
        let t = table(&[
            &["", "2016", "2015"],
            &["Cash", "100", "90"],
            &["Receivables", "50", "40"],
            &["Total current assets", "150", "130"],
        ]);
        assert_eq!(findings(&t), Vec::<String>::new());
        assert_eq!(findings(&t.replace(">130<", ">140<")), vec!["error `140`"]);
        // both columns off: the row is not the sum it seems to be, nothing is reported
        let both = t.replace(">130<", ">140<").replace(">150<", ">160<");
        assert_eq!(findings(&both), Vec::<String>::new());
    }

    #[test]
    fn honest_rounding_is_not_reported() {
        // 1.4 + 1.4 + 1.4 = 4.2 rounds each to 1, total 4: off by 1 within 3 x 0.5 + 0.5
        let t = table(&[
            &["", "2016", "2015", "2014"],
            &["A", "1", "2", "3"],
            &["B", "1", "2", "3"],
            &["C", "1", "2", "3"],
            &["Total", "4", "5", "9"],
        ]);
        assert_eq!(findings(&t), Vec::<String>::new());
        let t = t.replace(">4<", ">6<");
        assert_eq!(findings(&t), vec!["error `6`"]);
    }
}
