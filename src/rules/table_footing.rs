//! `table-footing`: a total row of a table must equal the rows it totals.

use super::*;
use std::collections::HashMap;

use crate::tables::{self, Grid, Num, Row, RowKind, TotalKind, Vocab};

pub static RULE: RuleDef = RuleDef {
    id: "table-footing",
    summary: "A table's total rows must equal the sum of the rows above them",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check: no_claims,
    check_document: Some(check_document),
};

const DOCS: &str = "\
Foots every table: a row whose label marks a total (\"Total operating costs and expenses\",
\"Total revenue\") or a profit line (\"Gross profit\", \"Loss from operations\", \"Net loss\") must
equal a grouping of the rows above it, column by column. Groupings tried, any one of which
explains the total:
  - the sum of the rows since the previous subtotal, section heading or header;
  - the same reaching further back, where an earlier subtotal stands for the rows it totals;
  - costs and expenses subtracted (net income = income before taxes - income tax expense);
  - the first row less the rest (gross profit = revenue - cost of revenue; operating loss =
    gross profit - total operating expenses).
Each cell stands for ±0.5 of its last digit (a table \"in thousands\" is rounded), so a sum of
n cells may be off by n × 0.5 and honest rounding is never reported. A failure is reported only
where at least as many columns of the same row foot with the grouping (a row that fails in most
columns is not the total it seems to be). Rows that are percentages or per-share amounts, and
columns of averages or rates, are skipped, and a total whose group holds a row with fewer value cells
than the table has columns (alignment unknown) is not checked.

Example (error), a table in thousands:
    Research and development     4,100
    Sales and marketing          2,900
    General and administrative   5,000
    Total operating expenses    12,500   <- the rows above add up to 12,000 (±1.5)

Suppress: <!-- tieout-ignore table-footing: reason --> on the line before the table.";

fn no_claims(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    vec![]
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let v = Vocab::from_pack(ctx.pack);
    let mut stats = Stats::default();
    tables::grids(ctx.doc, &v)
        .iter()
        .flat_map(|g| foot(ctx.text, g, &v, &mut stats))
        .filter(|m| !across_periods(ctx, m))
        .map(Outcome::Mismatch)
        .collect()
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

/// Rows a total never includes: percentages and per-share amounts.
fn invisible(row: &Row) -> bool {
    let w = row.words();
    row.is_percent()
        || tables::contains_seq(&w, &["per".into(), "share".into()])
        || tables::contains_seq(&w, &["per".into(), "common".into()])
}

const SCHEMES: [Scheme; 3] = [Scheme::Sum, Scheme::LessExpenses, Scheme::FirstLessRest];

fn cells_at<'a>(rows: &'a [Row], chain: &[usize], c: usize) -> Option<Vec<&'a Num>> {
    chain
        .iter()
        .map(|&i| rows[i].at(c).filter(|n| !n.percent))
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scheme {
    /// Every row as signed in the table.
    Sum,
    /// Costs and expenses subtracted.
    LessExpenses,
    /// The first row less the others.
    FirstLessRest,
}

fn combine(
    rows: &[Row],
    chain: &[usize],
    cells: &[&Num],
    scheme: Scheme,
    v: &Vocab,
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
        let minus = is_minus(rows, ri, k, chain.len(), n, scheme, v);
        acc = if minus { acc.sub(&iv)? } else { acc.add(&iv)? };
    }
    Some(acc)
}

/// Is this cell subtracted under the scheme?
fn is_minus(rows: &[Row], ri: usize, k: usize, len: usize, n: &Num, scheme: Scheme, v: &Vocab) -> bool {
    match scheme {
        Scheme::Sum => false,
        Scheme::LessExpenses => {
            let w = rows[ri].words();
            v.expense.iter().any(|e| tables::contains_seq(&w, e)) && n.value > Decimal::ZERO
        }
        Scheme::FirstLessRest => k + 1 != len,
    }
}

/// First row of the group a row belongs to: the rows since the previous boundary.
fn group_start(g: &Grid, kinds: &[Option<TotalKind>], i: usize) -> usize {
    let mut j = i;
    while j > 0 && g.rows[j - 1].kind == RowKind::Data && kinds[j - 1].is_none() {
        j -= 1;
    }
    j
}

/// Foot one table.
pub fn foot(text: &str, g: &Grid, v: &Vocab, stats: &mut Stats) -> Vec<Mismatch> {
    let rows = &g.rows;
    let kinds: Vec<Option<TotalKind>> = (0..rows.len()).map(|r| g.total_kind(r, v)).collect();
    let mut out = Vec::new();
    let mut failed: HashMap<usize, Interval> = HashMap::new();
    for r in 0..rows.len() {
        let Some(kind) = kinds[r] else { continue };
        let row = &rows[r];
        if kind == TotalKind::Unlabeled || !row.full || invisible(row) {
            continue;
        }
        if r == 0 || rows[r - 1].kind != RowKind::Data {
            continue; // a total that opens its section totals nothing above it
        }
        // its own group must be fully aligned
        let gs = group_start(g, &kinds, r);
        if rows[gs..r].iter().any(|x| !x.full && !invisible(x)) {
            continue;
        }
        // candidate chains, upwards
        let mut chains: Vec<Vec<usize>> = Vec::new();
        let mut cur = Vec::new();
        let mut i = r;
        while i > 0 && chains.len() < 40 {
            i -= 1;
            let x = &rows[i];
            match x.kind {
                RowKind::Header => break,
                RowKind::Section => continue,
                RowKind::Data => {}
            }
            if invisible(x) {
                continue;
            }
            if !x.full {
                break;
            }
            cur.push(i);
            chains.push(cur.clone());
            if kinds[i].is_some() {
                i = group_start(g, &kinds, i);
            }
        }
        // a sum of one row is a sum only for a plain "Total" over a plain row
        let single_ok = kind == TotalKind::Total && kinds[r - 1].is_none();
        chains.retain(|ch| ch.len() >= 2 || single_ok);
        // per column: the groupings (chain, scheme) that explain the total
        let mut holding: Vec<Option<Vec<(usize, Scheme)>>> = vec![None; g.columns.len()];
        for (c, slot) in holding.iter_mut().enumerate() {
            let Some(total) = row.at(c) else { continue };
            let hw = tables::label_words(&g.columns[c].header);
            let hw: Vec<&str> = hw.iter().map(|s| s.as_str()).collect();
            if v.not_total.iter().any(|p| tables::contains_seq(&hw, p)) {
                continue; // averages, rates, per-share columns do not add up
            }
            if total.percent {
                continue;
            }
            let mut any = false;
            let mut holds = Vec::new();
            for (k, chain) in chains.iter().enumerate() {
                let Some(cells) = cells_at(rows, chain, c) else { continue };
                any = true;
                for scheme in SCHEMES {
                    if scheme == Scheme::FirstLessRest && chain.len() < 2 {
                        continue;
                    }
                    if let Some(iv) = combine(rows, chain, &cells, scheme, v, &failed) {
                        if iv.intersects(&total.interval()) {
                            holds.push((k, scheme));
                        }
                    }
                }
            }
            if any {
                *slot = Some(holds);
            }
        }
        let checked = holding.iter().filter(|h| h.is_some()).count();
        if checked == 0 {
            continue;
        }
        stats.totals += 1;
        stats.cells += checked;
        // the groupings that explain a column with a non-zero total: the row's structure
        let mut evidence: Vec<(usize, Scheme)> = Vec::new();
        for (c, h) in holding.iter().enumerate() {
            let Some(h) = h else { continue };
            if row.at(c).is_some_and(|n| !n.value.is_zero()) {
                for x in h {
                    if !evidence.contains(x) {
                        evidence.push(*x);
                    }
                }
            }
        }
        // columns that foot against columns that do not, among non-zero totals: a failure is
        // reported only where at least as many columns confirm the grouping (in a two-column
        // balance sheet, one column that foots confirms the other's grouping)
        let nonzero = |c: usize| row.at(c).is_some_and(|n| !n.value.is_zero());
        let held = (0..holding.len())
            .filter(|&c| nonzero(c) && holding[c].as_ref().is_some_and(|h| !h.is_empty()))
            .count();
        let missed = (0..holding.len())
            .filter(|&c| nonzero(c) && holding[c].as_ref().is_some_and(|h| h.is_empty()))
            .count();
        if missed > held {
            continue;
        }
        for (c, h) in holding.iter().enumerate() {
            if !h.as_ref().is_some_and(|h| h.is_empty()) {
                continue;
            }
            // only a total whose grouping the other columns confirm is reported
            let Some(&(k, scheme)) = evidence
                .iter()
                .find(|(k, _)| cells_at(rows, &chains[*k], c).is_some())
            else {
                continue;
            };
            let total = row.at(c).expect("checked column");
            if let Some((m, iv)) = describe(text, g, r, c, &chains[k], scheme, v, &failed) {
                failed.insert(total.range.start, iv);
                out.push(m);
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn describe(
    text: &str,
    g: &Grid,
    r: usize,
    c: usize,
    chain: &[usize],
    scheme: Scheme,
    v: &Vocab,
    failed: &HashMap<usize, Interval>,
) -> Option<(Mismatch, Interval)> {
    let rows = &g.rows;
    let total = rows[r].at(c)?;
    let cells = cells_at(rows, chain, c)?;
    let iv = combine(rows, chain, &cells, scheme, v, failed)?;
    let mut face = Decimal::ZERO;
    let mut formula = String::new();
    for (k, (&ri, n)) in chain.iter().zip(&cells).enumerate().rev() {
        let minus = is_minus(rows, ri, k, chain.len(), n, scheme, v);
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
