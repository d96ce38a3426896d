//! Reading one table of a document into a [`Grid`]: rows, value columns placed by the source's
//! grid, the headings over each column, units, and row roles.

use std::ops::Range;

use rust_decimal::Decimal;

use super::vocab::{contains_any, split_words, starts_with_any};
use super::*;
use crate::interval::Interval;
use crate::source::Table;

impl Grid {
    /// Read table `index` of the document.
    pub fn read(doc: &Document, index: usize, vocab: &Vocab) -> Grid {
        let t: &Table = &doc.tables[index];
        let text = &doc.text;
        let mut rows: Vec<Row> = t
            .rows
            .iter()
            .zip(&t.cols)
            .map(|(r, c)| read_row(text, r, c))
            .collect();
        let ncols = classify(&mut rows);
        let spans = column_spans(&rows, ncols);
        let texts = match &spans {
            Some(sp) => {
                place_short_rows(&mut rows, sp);
                grid_headings(text, t, &rows, sp)
            }
            None => spread_headings(text, t, &rows, ncols),
        };
        let mut columns: Vec<Column> = texts
            .into_iter()
            .enumerate()
            .map(|(c, hs)| Column {
                headings: hs.iter().map(|h| heading(h, vocab)).collect(),
                unit: Unit::Amount,
                span: spans.as_ref().map(|s| s[c].clone()),
            })
            .collect();
        set_units(&mut rows, &mut columns, vocab);
        let rollforward = rows
            .iter()
            .any(|r| r.kind == RowKind::Data && starts_with_any(&r.words(), &vocab.rollforward));
        for row in rows.iter_mut() {
            row.total = total_kind(row, vocab, rollforward);
            row.sign = sign_of(row, vocab);
        }
        find_subtotals(&mut rows, &columns);
        Grid {
            index,
            range: t.range.clone(),
            rows,
            columns,
            scale: caption_scale(doc, index),
            rollforward,
        }
    }
}

/// A row as written: leading text cells make the label, then value slots.
fn read_row(text: &str, cells: &[Range<usize>], cols: &[Range<u16>]) -> Row {
    let label_end = cells
        .iter()
        .position(|c| parse_cell(&text[c.clone()]).is_some())
        .unwrap_or(cells.len());
    let mut slots = Vec::new();
    let mut spans = Vec::new();
    let mut irregular = false;
    for (c, g) in cells[label_end..].iter().zip(&cols[label_end..]) {
        match parse_cell(&text[c.clone()]) {
            Some(Slot::Num(mut n)) => {
                n.range = value_range(text, c);
                slots.push(Slot::Num(n));
                spans.push(g.clone());
            }
            Some(Slot::Nm) => {
                slots.push(Slot::Nm);
                spans.push(g.clone());
            }
            None => irregular = true,
        }
    }
    let label_range = (label_end > 0).then(|| cells[0].start..cells[label_end - 1].end);
    let label = cells[..label_end]
        .iter()
        .map(|c| text[c.clone()].trim())
        .collect::<Vec<_>>()
        .join(" ");
    Row {
        kind: RowKind::Data,
        words: label_words(&label),
        label,
        label_range,
        section: String::new(),
        slots,
        spans,
        cells: Vec::new(),
        full: false,
        aligned: false,
        irregular,
        unit: None,
        unit_by_label: false,
        total: None,
        sign: Sign::Plain,
        subtotal_of: None,
    }
}

/// The value itself in a cell, without a currency sign (and markup) before it.
fn value_range(text: &str, c: &Range<usize>) -> Range<usize> {
    let cell = &text[c.clone()];
    let skip = cell
        .find(|ch: char| ch.is_ascii_digit() || "(—–-−.―".contains(ch))
        .unwrap_or(0);
    let end = cell.trim_end().len().max(skip);
    c.start + skip..c.start + end
}

fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// Header rows (before the first row with a value that is not a year), sections (labels
/// without values), bands (header rows further down: years, no values) and data rows; returns the number of value columns, and marks the rows that
/// have a value in each.
fn classify(rows: &mut [Row]) -> usize {
    let mut in_header = true;
    let mut section = String::new();
    let mut ncols = 0;
    for row in rows.iter_mut() {
        let values = row
            .slots
            .iter()
            .filter(|s| s.num().is_some_and(|n| !n.yearish))
            .count();
        if in_header {
            let colon = row.label.trim_end().ends_with(':') && row.slots.is_empty();
            if values == 0 && !colon {
                row.kind = RowKind::Header;
                continue;
            }
            in_header = false;
        }
        if values == 0 && (row.words.iter().any(|w| is_year(w)) || !row.slots.is_empty()) {
            row.kind = RowKind::Band;
            section.clear();
        } else if row.slots.is_empty() {
            row.kind = RowKind::Section;
            section = row.label.clone();
        } else {
            row.section = section.clone();
            ncols = ncols.max(row.slots.len());
        }
    }
    for row in rows.iter_mut() {
        row.full = row.kind == RowKind::Data && !row.irregular && row.slots.len() == ncols;
        if row.full {
            row.aligned = true;
            row.cells = (0..ncols).map(Some).collect();
        } else {
            row.cells = vec![None; ncols];
        }
    }
    ncols
}

/// The grid columns each value column occupies, from the rows with a value in every column:
/// per column, the grid column most of its values end in, widened to the cells that end there
/// (a `$` cell joined before the value). `None` when the columns so found overlap: the grid is
/// not consistent and the columns are aligned from the right instead.
fn column_spans(rows: &[Row], ncols: usize) -> Option<Vec<Range<u16>>> {
    let full: Vec<&Row> = rows.iter().filter(|r| r.full).collect();
    if full.is_empty() || ncols == 0 {
        return None;
    }
    let mut out = Vec::with_capacity(ncols);
    for c in 0..ncols {
        let anchor = |r: &Row| r.spans[c].end.saturating_sub(1);
        let mut counts: Vec<(u16, usize)> = Vec::new();
        for r in &full {
            match counts.iter_mut().find(|(a, _)| *a == anchor(r)) {
                Some(x) => x.1 += 1,
                None => counts.push((anchor(r), 1)),
            }
        }
        let mode = counts.iter().max_by_key(|(_, n)| *n)?.0;
        let hull = full
            .iter()
            .filter(|r| anchor(r) == mode)
            .map(|r| r.spans[c].clone())
            .reduce(|a, b| a.start.min(b.start)..a.end.max(b.end))?;
        out.push(hull);
    }
    out.windows(2)
        .all(|w| w[0].end <= w[1].start)
        .then_some(out)
}

/// Rows with fewer values than the table has columns: each value goes to the column whose grid
/// columns hold it, when every value finds one, in order.
fn place_short_rows(rows: &mut [Row], spans: &[Range<u16>]) {
    for row in rows.iter_mut() {
        if row.kind != RowKind::Data || row.full || row.irregular || row.slots.is_empty() {
            continue;
        }
        let placed: Option<Vec<usize>> = row
            .spans
            .iter()
            .map(|s| {
                let a = s.end.saturating_sub(1);
                spans.iter().position(|h| h.contains(&a))
            })
            .collect();
        let Some(placed) = placed else { continue };
        if placed.windows(2).all(|w| w[0] < w[1]) {
            for (i, c) in placed.into_iter().enumerate() {
                row.cells[c] = Some(i);
            }
            row.aligned = true;
        }
    }
}

/// The most readings of a column's headers kept when the grid leaves several open.
const MAX_READINGS: usize = 4;

/// Headings by the grid: a header cell stands over the value columns its grid columns overlap.
/// When two cells of one header row overlap a column, the one overlapping most is read first
/// and the other kept as another reading.
fn grid_headings(text: &str, t: &Table, rows: &[Row], spans: &[Range<u16>]) -> Vec<Vec<String>> {
    let n = spans.len();
    let mut main: Vec<Vec<&str>> = vec![Vec::new(); n];
    let mut other: Vec<Vec<(usize, &str)>> = vec![Vec::new(); n];
    for (ri, row) in rows.iter().enumerate() {
        if row.kind != RowKind::Header {
            continue;
        }
        let cells: Vec<(&str, &Range<u16>)> = t.rows[ri]
            .iter()
            .zip(&t.cols[ri])
            .map(|(c, g)| (text[c.clone()].trim(), g))
            .filter(|(s, _)| !s.is_empty())
            .collect();
        for (c, span) in spans.iter().enumerate() {
            let mut over: Vec<(u16, &str)> = cells
                .iter()
                .map(|(s, g)| {
                    (
                        g.end.min(span.end).saturating_sub(g.start.max(span.start)),
                        *s,
                    )
                })
                .filter(|(o, _)| *o > 0)
                .collect();
            over.sort_by_key(|o| std::cmp::Reverse(o.0));
            let Some(&(_, first)) = over.first() else {
                continue;
            };
            main[c].push(first);
            for &(_, s) in &over[1..] {
                other[c].push((main[c].len() - 1, s));
            }
        }
    }
    (0..n)
        .map(|c| {
            let mut readings = vec![main[c].join(" ")];
            for &(pos, s) in other[c].iter().take(MAX_READINGS - 1) {
                let mut alt = main[c].clone();
                alt[pos] = s;
                readings.push(alt.join(" "));
            }
            readings
        })
        .collect()
}

/// Headings without a consistent grid: a header row's cells spread over the value columns from
/// the right (or evenly, when the columns divide among them).
fn spread_headings(text: &str, t: &Table, rows: &[Row], ncols: usize) -> Vec<Vec<String>> {
    let mut headers = vec![String::new(); ncols];
    for (ri, row) in rows.iter().enumerate() {
        if row.kind != RowKind::Header || ncols == 0 {
            continue;
        }
        let cells: Vec<&str> = t.rows[ri].iter().map(|c| text[c.clone()].trim()).collect();
        let k = cells.len();
        let assign: Vec<(usize, &str)> = if k > ncols {
            cells[k - ncols..].iter().copied().enumerate().collect()
        } else if ncols.is_multiple_of(k) {
            (0..ncols).map(|c| (c, cells[c / (ncols / k)])).collect()
        } else {
            cells
                .iter()
                .enumerate()
                .map(|(i, s)| (ncols - k + i, *s))
                .collect()
        };
        for (c, s) in assign {
            if !headers[c].is_empty() {
                headers[c].push(' ');
            }
            headers[c].push_str(s);
        }
    }
    headers.into_iter().map(|h| vec![h]).collect()
}

/// One reading of a column's headers.
fn heading(text: &str, vocab: &Vocab) -> Heading {
    let words = label_words(text);
    let w: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
    let change = contains_any(&w, &vocab.change);
    let scoped = w.iter().any(|x| {
        !(vocab.unscoped.iter().any(|u| u == x)
            || x.len() == 1
            || x.bytes().all(|b| b.is_ascii_digit())
            || crate::periods::month_of(x).is_some())
    });
    Heading {
        text: text.to_string(),
        period: if change {
            Period::default()
        } else {
            parse_period(text, vocab)
        },
        change,
        scoped,
    }
}

/// Units: rows of percentages first, then each column's one unit (its headings, else its
/// cells), then rows whose label names another unit.
fn set_units(rows: &mut [Row], columns: &mut [Column], vocab: &Vocab) {
    for row in rows.iter_mut() {
        if row.kind == RowKind::Data && all_percent(row) {
            row.unit = Some(Unit::Percent);
        }
    }
    for (c, col) in columns.iter_mut().enumerate() {
        col.unit = heading_unit(col, vocab).unwrap_or_else(|| cells_unit(rows, c));
    }
    for row in rows.iter_mut() {
        if row.kind == RowKind::Data && row.unit.is_none() {
            row.unit = label_unit(row, vocab);
            row.unit_by_label = row.unit.is_some();
        }
    }
}

fn all_percent(row: &Row) -> bool {
    let mut vals = row.slots.iter().filter_map(|s| s.num()).filter(|n| !n.dash);
    let first = vals.next();
    first.is_some_and(|n| n.percent) && vals.all(|n| n.percent)
}

/// The unit the headings name: `%` without `$`, or a unit word; `Mixed` when readings differ.
fn heading_unit(col: &Column, vocab: &Vocab) -> Option<Unit> {
    let named: Vec<Option<Unit>> = col
        .headings
        .iter()
        .map(|h| {
            if h.text.contains('%') && !h.text.contains('$') {
                return Some(Unit::Percent);
            }
            let w = label_words(&h.text);
            vocab.unit_named(&w.iter().map(|s| s.as_str()).collect::<Vec<_>>())
        })
        .collect();
    let first = named.iter().flatten().next().copied()?;
    Some(if named.iter().all(|u| *u == Some(first)) {
        first
    } else {
        Unit::Mixed
    })
}

/// The unit a column's cells show, rows of another unit aside: percentages when `%` is printed
/// on its first value or on most of them ("Percent Change" columns print it on the first and
/// total rows only), amounts when never.
fn cells_unit(rows: &[Row], c: usize) -> Unit {
    let vals: Vec<&Num> = rows
        .iter()
        .filter(|r| r.kind == RowKind::Data && r.unit.is_none())
        .filter_map(|r| r.at(c))
        .filter(|n| !n.dash)
        .collect();
    let pct = vals.iter().filter(|n| n.percent).count();
    if pct == 0 {
        Unit::Amount
    } else if vals[0].percent || pct * 2 >= vals.len() {
        Unit::Percent
    } else {
        Unit::Mixed
    }
}

/// A row whose label names another unit than its columns: a `%`, a per-share phrase anywhere
/// (not a price in a description: "Class A stock at $10.10 per share"), another unit phrase at
/// the start or the end ("Weighted average shares", "Effective tax rate"); a short label
/// ("Basic") takes its section's ("Net loss per share:").
fn label_unit(row: &Row, vocab: &Vocab) -> Option<Unit> {
    if percent_sign(&row.label) {
        return Some(Unit::Percent);
    }
    let w = row.words();
    let named = |w: &[&str]| -> Option<Unit> {
        vocab.units.iter().find_map(|(u, p)| {
            let n = p.len();
            if n == 0 || w.len() < n {
                return None;
            }
            let at = |i: usize| w[i..i + n].iter().zip(p).all(|(a, b)| *a == b);
            let hit = if *u == Unit::PerShare {
                (0..=w.len() - n)
                    .any(|i| at(i) && !(i > 0 && w[i - 1].bytes().all(|b| b.is_ascii_digit())))
            } else {
                at(0) || at(w.len() - n)
            };
            hit.then_some(*u)
        })
    };
    if let Some(u) = named(&w) {
        return Some(u);
    }
    let section = split_words(&row.section);
    let s: Vec<&str> = section.iter().map(|x| x.as_str()).collect();
    if w.len() <= 4 && !s.is_empty() {
        return named(&s).filter(|u| matches!(u, Unit::PerShare | Unit::Shares));
    }
    None
}

/// A `%` that is a unit ("% of revenue", "as a %"), not a rate in a name ("5.50 % Notes").
fn percent_sign(label: &str) -> bool {
    label.char_indices().any(|(i, c)| {
        c == '%'
            && !label[..i]
                .trim_end()
                .ends_with(|p: char| p.is_ascii_digit())
    })
}

/// Is this row a total, a profit line, or neither?
fn total_kind(row: &Row, vocab: &Vocab, rollforward: bool) -> Option<TotalKind> {
    if row.kind != RowKind::Data {
        return None;
    }
    let w = row.words();
    if w.is_empty() {
        return Some(TotalKind::Unlabeled);
    }
    let section = split_words(&row.section);
    let s: Vec<&str> = section.iter().map(|x| x.as_str()).collect();
    if contains_any(&w, &vocab.not_total) || contains_any(&s, &vocab.not_total) {
        return None;
    }
    if starts_with_any(&w, &vocab.total) || matches!(w[w.len() - 1], "total" | "totals") {
        return Some(TotalKind::Total);
    }
    if starts_with_any(&w, &vocab.profit) && !rollforward {
        return Some(TotalKind::Profit);
    }
    None
}

/// How a row enters a profit line: a cost is subtracted; a row naming income and expense
/// ("Other income (expense), net") is signed as written. "Before income taxes" names no cost.
fn sign_of(row: &Row, vocab: &Vocab) -> Sign {
    let w = row.words();
    let is_tax = |j: usize| w.get(j).is_some_and(|y| y.starts_with("tax"));
    // the words less "before income taxes" (for costs) and less "income taxes" (for income)
    let mut costs: Vec<&str> = Vec::new();
    let mut income: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let tax_at = |j: usize| w[j] == "income" && is_tax(j + 1);
        if w[i] == "before" && i + 1 < w.len() && (tax_at(i + 1) || is_tax(i + 1)) {
            i += if tax_at(i + 1) { 3 } else { 2 };
            continue;
        }
        costs.push(w[i]);
        if tax_at(i) {
            costs.push(w[i + 1]);
            i += 2;
            continue;
        }
        income.push(w[i]);
        i += 1;
    }
    if !contains_any(&costs, &vocab.expense) {
        Sign::Plain
    } else if contains_any(&income, &vocab.income) {
        Sign::Signed
    } else {
        Sign::Expense
    }
}

/// The most rows an unmarked subtotal is looked for over.
const SUBTOTAL_RUN: usize = 6;

/// Unmarked subtotals: a labelled row equal, in every column that adds up, to the sum of the
/// few rows just above it (at least one column not zero). The rows may be unmarked subtotals
/// themselves, standing for theirs, under section headings of their own ("Other comprehensive
/// income" over two groups of securities and hedges).
fn find_subtotals(rows: &mut [Row], columns: &[Column]) {
    for r in 1..rows.len() {
        let row = &rows[r];
        if row.kind != RowKind::Data
            || row.total.is_some()
            || !row.aligned
            || row.unit.is_some()
            || row.words.is_empty()
        {
            continue;
        }
        let mut run: Vec<usize> = Vec::new();
        let mut i = r;
        while i > 0 && run.len() < SUBTOTAL_RUN {
            i -= 1;
            let x = &rows[i];
            match x.kind {
                RowKind::Header | RowKind::Band => break,
                RowKind::Section => continue,
                RowKind::Data => {}
            }
            if !matches!(x.total, None | Some(TotalKind::Implicit))
                || !x.aligned
                || x.unit.is_some()
            {
                break;
            }
            run.push(i);
            if let Some(top) = x.subtotal_of {
                i = top;
            }
            if adds_up(rows, columns, &run, r, false) || adds_up(rows, columns, &run, r, true) {
                rows[r].total = Some(TotalKind::Implicit);
                rows[r].subtotal_of = Some(i);
                break;
            }
        }
    }
}

/// Do rows `run` add up to row `r` in every column that adds up and has all its cells, with at
/// least one such column not zero? With `costs`, costs are subtracted.
fn adds_up(rows: &[Row], columns: &[Column], run: &[usize], r: usize, costs: bool) -> bool {
    let mut nonzero = false;
    for (c, col) in columns.iter().enumerate() {
        if !col.unit.additive() || col.maybe_change() {
            continue;
        }
        let Some(total) = rows[r].at(c) else { continue };
        let cells: Option<Vec<&Num>> = run.iter().map(|&x| rows[x].at(c)).collect();
        let Some(cells) = cells else { continue };
        if cells.iter().any(|n| n.percent) || total.percent {
            continue;
        }
        // the rows as written, or costs subtracted ("Loss from discontinued operations")
        let minus: Vec<bool> = run
            .iter()
            .map(|&x| costs && rows[x].sign == Sign::Expense)
            .collect();
        let sum =
            cells
                .iter()
                .zip(&minus)
                .try_fold(Interval::point(Decimal::ZERO), |acc, (n, m)| {
                    if *m {
                        acc.sub(&n.interval())
                    } else {
                        acc.add(&n.interval())
                    }
                });
        // a subtotal is equal to its rows as written, within a unit of the last digit
        let face: Decimal = cells
            .iter()
            .zip(&minus)
            .map(|(n, m)| if *m { -n.value } else { n.value })
            .sum();
        let unit = cells
            .iter()
            .chain([&total])
            .filter(|n| !n.dash)
            .map(|n| Decimal::new(1, n.decimals))
            .max()
            .unwrap_or(Decimal::ONE);
        let t = total.interval();
        if !sum.is_some_and(|s| s.lo < t.hi && t.lo < s.hi) || (face - total.value).abs() > unit {
            return false;
        }
        nonzero |= !total.value.is_zero();
    }
    nonzero
}
