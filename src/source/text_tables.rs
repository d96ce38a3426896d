//! Tables written as plain text, in Text and Markdown documents: whole statements flattened onto
//! one line ("Total revenues 3,518 3,742 Cost of goods sold 1,369 1,548 ..."), one cell per
//! line (a label line followed by a run of value lines), and columns aligned with spaces.
//!
//! The three layouts are one stream of tokens: white-space separated pieces of the text, split
//! again where a value is glued to the next label (`10,912Royalty`, `(2,710,837)(2,534,087)`,
//! `$0.61$0.64`). A *row* is a label followed by a run of values; a *table* is a run of at least
//! three rows with the same number (two or more) of values, with its header (the years over the
//! columns and the period words above them) and its section labels. Numbers inside a label
//! ("5,000,000 shares authorized") are kept in the label: a run of values ends a row only before a
//! wide gap (two spaces, a no-break space, a line break), a glued label, or a capitalised word.
//! Each cell is a range of the document text, so spans point at the original bytes.

use std::ops::Range;

use super::Table;
use crate::extract::cell::{parse_cell, Slot};

/// Rows of the same width a table needs.
const MIN_ROWS: usize = 3;
/// A label piece longer than this is prose: it ends a table (so does a shorter one with a
/// sentence break).
const MAX_LABEL: usize = 300;
/// Header pieces (period words) are short.
const MAX_HEADER: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A value cell (a number, a dash).
    Value {
        year: bool,
        dash: bool,
    },
    /// A lone `$` or `%` (a header symbol when no value goes with it).
    Symbol,
}

#[derive(Debug, Clone)]
struct Cell {
    r: Range<usize>,
    kind: Kind,
    /// White space of two or more characters, a no-break space or a line break before it, or a
    /// label glued to the value before it.
    gap: bool,
}

/// A label (pieces of words, split at gaps) and the values after it.
#[derive(Debug, Clone, Default)]
struct Chunk {
    pieces: Vec<Range<usize>>,
    values: Vec<Range<usize>>,
    years: bool,
    /// A prose paragraph came before the label (and was dropped from its pieces).
    prose: bool,
}

/// Tables written as text in `text`, outside the `existing` ones; returns all of them in text
/// order.
pub fn merge(text: &str, existing: Vec<Table>) -> Vec<Table> {
    let mut all = existing;
    let found: Vec<Table> = find(text)
        .into_iter()
        .filter(|t| {
            !all.iter()
                .any(|e| e.range.start < t.range.end && t.range.start < e.range.end)
        })
        .collect();
    all.extend(found);
    all.sort_by_key(|t| t.range.start);
    all
}

/// Every text table in `text`.
pub fn find(text: &str) -> Vec<Table> {
    let cells = cells(text);
    let chunks = chunks(text, &cells);
    let mut out = Vec::new();
    let mut seg: Vec<Chunk> = Vec::new();
    let mut header: Vec<Chunk> = Vec::new();
    let mut width = 0;
    let mut prev_years = false;
    for mut ch in chunks {
        ch.prose = ch
            .pieces
            .iter()
            .rposition(|p| is_prose(&text[p.clone()]))
            .map(|i| ch.pieces.drain(..=i))
            .is_some();
        if !seg.is_empty() && !ch.prose {
            years_into_label(text, &mut ch, width);
        }
        let k = ch.values.len();
        let restart = ch.years || ch.prose || k > width || seg.is_empty();
        if restart {
            out.extend(build(text, &header, &seg, width));
            seg.clear();
            if ch.prose || !prev_years {
                header.clear();
            }
            prev_years = ch.years;
            if ch.years {
                header.push(ch);
                continue;
            }
            width = k;
        }
        prev_years = false;
        seg.push(ch);
    }
    out.extend(build(text, &header, &seg, width));
    out
}

/// A row with more values than the table's width whose extra values are years ends its label
/// with them ("... outstanding at December 31, 2024 and 2023 | - | -").
fn years_into_label(text: &str, ch: &mut Chunk, width: usize) {
    let extra = ch.values.len().saturating_sub(width);
    let Some(last) = ch.pieces.last_mut() else {
        return;
    };
    if extra == 0 || width == 0 || ch.years {
        return;
    }
    let years = ch.values[..extra].iter().all(|v| {
        matches!(
            value_kind(&text[v.clone()]),
            Some(Kind::Value { year: true, .. })
        )
    });
    if years {
        last.end = ch.values[extra - 1].end;
        ch.values.drain(..extra);
    }
}

/// The table of one segment: header chunks, then rows `width` values wide (or narrower).
fn build(text: &str, header: &[Chunk], seg: &[Chunk], width: usize) -> Option<Table> {
    let full = seg.iter().filter(|c| c.values.len() == width).count();
    if width < 2 || full < MIN_ROWS || full < 2 * (seg.len() - full) {
        return None;
    }
    let mut rows: Vec<Vec<Range<usize>>> = Vec::new();
    let (head, first_sections) = header_rows(text, header, &seg[0], width);
    let heads = head.len();
    rows.extend(head);
    for (i, ch) in seg.iter().enumerate() {
        let (label, before) = ch
            .pieces
            .split_last()
            .map_or((None, &[][..]), |(l, b)| (Some(l.clone()), b));
        let sections: &[Range<usize>] = if i == 0 { &first_sections } else { before };
        for s in sections {
            if !is_symbol(&text[s.clone()]) {
                rows.push(vec![s.clone()]);
            }
        }
        let mut row: Vec<Range<usize>> = label.into_iter().collect();
        row.extend(ch.values.iter().cloned());
        rows.push(row);
    }
    // header cells are not in text order (period words over years from several header chunks)
    let start = rows.iter().flatten().map(|c| c.start).min();
    let cols = grid_columns(&rows, heads, width);
    Table::finish(start, rows, cols)
}

/// The grid columns of the rows: column 0 holds the labels, 1..=width the values. A header row
/// stands over the value columns, its cells dividing them evenly; a row of values without a
/// label starts at column 1.
fn grid_columns(rows: &[Vec<Range<usize>>], heads: usize, width: usize) -> Vec<Vec<Range<u16>>> {
    let w = u16::try_from(width).unwrap_or(u16::MAX);
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let k = u16::try_from(r.len()).unwrap_or(u16::MAX).max(1);
            let over_values = (i < heads || r.len() == width) && w % k == 0;
            let (first, each): (u16, u16) = if over_values { (1, w / k) } else { (0, 1) };
            (0..k)
                .map(|j| {
                    let a = first.saturating_add(j.saturating_mul(each));
                    a..a.saturating_add(each)
                })
                .collect()
        })
        .collect()
}

/// Header rows over `width` value columns: period words (grouped so that the columns they span
/// divide evenly) and the years with the `$` / `%` symbols under a change heading; and the
/// section labels before the first row.
fn header_rows(
    text: &str,
    header: &[Chunk],
    first: &Chunk,
    width: usize,
) -> (Vec<Vec<Range<usize>>>, Vec<Range<usize>>) {
    let before = &first.pieces[..first.pieces.len().saturating_sub(1)];
    let mut words: Vec<Range<usize>> = header.iter().flat_map(|h| h.pieces.clone()).collect();
    let mut years: Vec<Range<usize>> = header.iter().flat_map(|h| h.values.clone()).collect();
    let mut sections: Vec<Range<usize>> = Vec::new();
    if header.is_empty() {
        // no years: the period words are the pieces before the trailing section labels
        let n = before
            .iter()
            .rev()
            .take_while(|p| is_section(&text[(*p).clone()]))
            .count();
        words = before[..before.len() - n].to_vec();
        sections = before[before.len() - n..].to_vec();
    } else {
        for p in before {
            let leaf = is_symbol(&text[p.clone()]) || has_change_word(&text[p.clone()]);
            if leaf && sections.is_empty() {
                years.push(p.clone());
            } else {
                sections.push(p.clone());
            }
        }
    }
    // the short pieces just before the values, at most two a column
    let near = words
        .iter()
        .rev()
        .take(2 * width)
        .take_while(|p| p.len() <= MAX_HEADER)
        .count();
    let words = &words[words.len() - near..];
    let words = match words.iter().position(|p| has_period_word(&text[p.clone()])) {
        Some(i) => words[i..].to_vec(),
        None if header.is_empty() => Vec::new(),
        None => words.to_vec(),
    };
    let mut rows = group_words(text, &words, width);
    if !years.is_empty() {
        rows.push(years);
    }
    (rows, sections)
}

/// Period words as header rows: a change heading spans the columns after the periods.
fn group_words(text: &str, words: &[Range<usize>], width: usize) -> Vec<Vec<Range<usize>>> {
    if words.is_empty() {
        return Vec::new();
    }
    if let Some(c) = words.iter().position(|p| has_change_word(&text[p.clone()])) {
        let mut row = Vec::new();
        if c > 0 {
            row.push(words[0].start..words[c - 1].end);
        }
        row.push(words[c].clone());
        return vec![row];
    }
    let m = words.len();
    let r = (2..=width)
        .find(|r| width.is_multiple_of(*r))
        .unwrap_or(width);
    if m.is_multiple_of(r) {
        words.chunks(r).map(|c| c.to_vec()).collect()
    } else {
        vec![words.to_vec()]
    }
}

/// Prose, not a label: very long, or long with a sentence break in it.
fn is_prose(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() > MAX_LABEL
        || (s.len() > 80
            && b.windows(3).any(|w| {
                (w[0].is_ascii_lowercase() || w[0].is_ascii_digit() || w[0] == b')')
                    && w[1] == b'.'
                    && w[2] == b' '
            }))
}

fn is_symbol(s: &str) -> bool {
    matches!(s.trim(), "$" | "%" | "€" | "£")
}

/// A section label: "Current assets:", "ASSETS".
fn is_section(s: &str) -> bool {
    let s = s.trim();
    s.ends_with(':')
        || (s.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !s.chars().any(|c| c.is_lowercase())
            && !has_period_word(s))
}

/// Period words of a header besides the month names.
const PERIOD_WORDS: &[&str] = &[
    "months", "month", "ended", "ending", "year", "years", "quarter", "quarters", "period",
    "fiscal", "as", "weeks", "ytd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "q1", "q2", "q3", "q4",
];

fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

fn has_period_word(s: &str) -> bool {
    words_of(s)
        .any(|w| PERIOD_WORDS.contains(&w.as_str()) || crate::periods::MONTHS.contains(&w.as_str()))
}

fn has_change_word(s: &str) -> bool {
    words_of(s).any(|w| matches!(w.as_str(), "change" | "variance" | "increase" | "decrease"))
}

/// Group cells into chunks: a label and the values after it. A run of values followed by a
/// lowercase word after a single space is part of the label ("5,000,000 shares"), and so is a
/// single dash between words ("Net Income - Quarter").
fn chunks(text: &str, cells: &[Cell]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut cur = Chunk::default();
    let mut label: Vec<&Cell> = Vec::new();
    let mut vals: Vec<&Cell> = Vec::new();
    for c in cells {
        if matches!(c.kind, Kind::Value { .. }) {
            vals.push(c);
            continue;
        }
        if !vals.is_empty() {
            let ends_row = c.gap
                || (text[c.r.clone()]
                    .starts_with(|ch: char| ch.is_uppercase() || !ch.is_alphanumeric())
                    && !(vals.len() == 1
                        && matches!(vals[0].kind, Kind::Value { dash: true, .. })));
            if ends_row {
                cur.pieces = pieces(text, &label);
                out.push(finish_chunk(std::mem::take(&mut cur), &vals));
                label.clear();
            } else {
                label.append(&mut vals);
            }
            vals.clear();
        }
        label.push(c);
    }
    if !vals.is_empty() {
        cur.pieces = pieces(text, &label);
        out.push(finish_chunk(cur, &vals));
    }
    out
}

fn finish_chunk(mut ch: Chunk, vals: &[&Cell]) -> Chunk {
    ch.values = vals.iter().map(|v| v.r.clone()).collect();
    ch.years = vals
        .iter()
        .all(|v| matches!(v.kind, Kind::Value { year: true, .. }));
    ch
}

/// Label cells split into pieces at gaps and after a heading's colon ("EQUITY: Preferred").
fn pieces(text: &str, label: &[&Cell]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for c in label {
        let heading = out.last().is_some_and(|p| text[p.clone()].ends_with(':'))
            && text[c.r.clone()].starts_with(|ch: char| ch.is_uppercase());
        match out.last_mut() {
            Some(p) if !c.gap && !heading => p.end = c.r.end,
            _ => out.push(c.r.clone()),
        }
    }
    out
}

/// The text's cells: words, values (with their `$`, parentheses and `%` split off by spaces
/// joined back) and lone symbols.
fn cells(text: &str) -> Vec<Cell> {
    let toks = tokens(text);
    let mut out: Vec<Cell> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (r, gap) = toks[i].clone();
        let s = &text[r.clone()];
        // "$" + value, "(1,449" + ")", value + "%"
        let mut end = r.end;
        let mut j = i + 1;
        if is_symbol(s) && s.trim() != "%" {
            if let Some((n, _)) = toks.get(j) {
                if value_kind(&text[n.clone()]).is_some() || open_value(&text[n.clone()]) {
                    end = n.end;
                    j += 1;
                }
            }
        }
        let body = &text[r.start..end];
        let last = toks[j - 1].0.clone();
        if open_value(&text[last.clone()]) {
            if let Some((n, _)) = toks.get(j) {
                if &text[n.clone()] == ")" {
                    end = n.end;
                    j += 1;
                }
            }
        }
        if let Some((n, _)) = toks.get(j) {
            if &text[n.clone()] == "%" && value_kind(&text[r.start..end]).is_some() {
                end = n.end;
                j += 1;
            }
        }
        let kind = value_kind(&text[r.start..end]).unwrap_or(if is_symbol(body) {
            Kind::Symbol
        } else {
            Kind::Word
        });
        let kind = if j == i + 1 || matches!(kind, Kind::Value { .. }) {
            kind
        } else {
            j = i + 1;
            end = r.end;
            if is_symbol(s) {
                Kind::Symbol
            } else {
                Kind::Word
            }
        };
        out.push(Cell {
            r: r.start..end,
            kind,
            gap,
        });
        i = j;
    }
    out
}

/// A value written unclosed before a lone `)`: "(1,449".
fn open_value(s: &str) -> bool {
    s.contains('(') && !s.ends_with(')') && value_kind(&format!("{s})")).is_some()
}

/// What a cell's text is when it is a value.
fn value_kind(s: &str) -> Option<Kind> {
    let t = s.trim();
    if t.ends_with(['.', ',', ';', ':']) {
        return None;
    }
    match parse_cell(t)? {
        Slot::Num(n) => Some(Kind::Value {
            year: n.yearish,
            dash: n.dash,
        }),
        Slot::Nm => None,
    }
}

/// White-space separated pieces, split where a value is glued to what follows; each with
/// whether a gap precedes it.
fn tokens(text: &str) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut ws_start = 0;
    let mut start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                let ws = &text[ws_start..s];
                let gap = s == 0
                    || ws.chars().count() >= 2
                    || ws.chars().any(|c| matches!(c, '\n' | '\r' | '\t'));
                split_glued(text, s..i, gap, &mut out);
                ws_start = i;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// Split one piece where a value is glued to the next thing: `10,912Royalty`, `)(`, `%1.37%`,
/// `$0.61$0.64`, `revenues$`, `-Common` (a dash cell glued to the next label), `36,163-` (a sign
/// glued after a value belongs to the next label) and `LIABILITIESDeposits` (a heading in
/// capitals glued to a label).
fn split_glued(text: &str, r: Range<usize>, gap: bool, out: &mut Vec<(Range<usize>, bool)>) {
    let s = &text[r.clone()];
    let b = s.as_bytes();
    let mut from = 0;
    let mut first = true;
    for i in 1..b.len() {
        let (p, c) = (b[i - 1], b[i]);
        let value_end = p.is_ascii_digit() || p == b')' || p == b'%';
        let split = (value_end && c.is_ascii_uppercase())
            || (p == b')' && c == b'(')
            || (c == b'$' && (p.is_ascii_digit() || p == b'%' || p == b')'))
            || (p == b'%' && (c.is_ascii_digit() || c == b'(' || c == b'-'))
            || (p.is_ascii_digit() && matches!(c, b'+' | b'-') && i == b.len() - 1)
            || (p == b'-' && i == 1 && c.is_ascii_uppercase())
            || (c == b'$' && p.is_ascii_lowercase())
            || (c.is_ascii_uppercase()
                && b.get(i + 1).is_some_and(|n| n.is_ascii_lowercase())
                && i >= 3
                && b[i - 3..i].iter().all(|x| x.is_ascii_uppercase())
                && from < i);
        if split && s.is_char_boundary(i) {
            out.push((r.start + from..r.start + i, gap || !first));
            first = false;
            from = i;
        }
    }
    out.push((r.start + from..r.end, gap || !first));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(text: &str) -> Vec<Vec<Vec<String>>> {
        find(text)
            .iter()
            .map(|t| {
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| text[c.clone()].to_string()).collect())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn flattened_statement() {
        let t = "Results \u{a0} Three Months Ended September 30, \u{a0} Nine Months Ended September 30,\u{a0} 2024 \u{a0} 2023 \u{a0} 2024 \u{a0} 2023Net revenue: \u{a0}Product revenues \u{a0} $ 3,472 \u{a0} $ 3,713 \u{a0} $ 10,186 \u{a0} $ 10,912Royalty 46 \u{a0} 29 \u{a0} 106 \u{a0} 72Total net revenues 3,518 3,742 10,292 10,984 Interest expense \u{a0} - \u{a0} - \u{a0} (1) \u{a0} (1)";
        let g = grid(t);
        assert_eq!(g.len(), 1, "{g:?}");
        let rows = &g[0];
        assert_eq!(
            rows[0],
            vec![
                "Three Months Ended September 30,",
                "Nine Months Ended September 30,"
            ]
        );
        assert_eq!(rows[1], vec!["2024", "2023", "2024", "2023"]);
        assert_eq!(rows[2], vec!["Net revenue:"]);
        assert_eq!(
            rows[3],
            vec![
                "Product revenues",
                "$ 3,472",
                "$ 3,713",
                "$ 10,186",
                "$ 10,912"
            ]
        );
        assert_eq!(rows[4], vec!["Royalty", "46", "29", "106", "72"]);
        assert_eq!(rows[6], vec!["Interest expense", "-", "-", "(1)", "(1)"]);
    }

    #[test]
    fn one_cell_per_line() {
        let t = "Three Months Ended\n\nNine Months Ended\n\nSeptember 30,\n\nSeptember 30,\n\n2024\n\n2023\n\n2024\n\n2023\n\nRevenues:\n\nSubscription\n\n$\n\n2,033\n\n$\n\n2,673\n\n$\n\n6,649\n\n$\n\n8,064\n\nAdvertising\n\n88\n\n95\n\n294\n\n224\n\nTotal revenues\n\n2,121\n\n2,768\n\n6,943\n\n8,288\n\nNet loss\n\n(1,509\n\n)\n\n(182)\n\n-\n\n(784\n\n)\n\nThe Company will host a call.";
        let g = grid(t);
        assert_eq!(g.len(), 1, "{g:?}");
        let rows = &g[0];
        assert_eq!(rows[0], vec!["Three Months Ended", "Nine Months Ended"]);
        assert_eq!(rows[1], vec!["September 30,", "September 30,"]);
        assert_eq!(rows[2], vec!["2024", "2023", "2024", "2023"]);
        assert_eq!(rows[3], vec!["Revenues:"]);
        assert_eq!(rows[4][1], "$\n\n2,033");
        assert_eq!(
            rows[7],
            vec!["Net loss", "(1,509\n\n)", "(182)", "-", "(784\n\n)"]
        );
        assert_eq!(rows.len(), 8);
    }

    #[test]
    fn numbers_inside_labels_and_prose_are_not_rows() {
        let t = "Preferred stock, $.001 par value; 5,000,000 shares authorized 12 10\nCommon stock 11 10\nPaid-in capital 152,844 152,754\nTotal equity 152,867 152,774\n";
        let g = grid(t);
        assert_eq!(g.len(), 1);
        assert_eq!(
            g[0][0],
            vec![
                "Preferred stock, $.001 par value; 5,000,000 shares authorized",
                "12",
                "10"
            ]
        );
        let prose = "Revenue was $3.5 million, compared to $3.7 million in 2023, a decrease of 6%. Cost of goods sold was $1.4 million and $1.5 million. Margins were 61% and 59% for the periods.";
        assert!(find(prose).is_empty());
        let phones = "Domestic: 1 (844) 808-7106\n\nInternational: 1 (412) 317-5285\n\nReplay: 1 (877) 344-7529\n";
        assert!(find(phones).is_empty());
    }

    #[test]
    fn glued_values_split() {
        let t = "Loans 262,932,710 231,924,633 ACL (2,710,837)(2,534,087) Net Income - Quarter $1,063,184$1,130,729 ROAA 1.36%1.37% EPS $0.61$0.64";
        let g = grid(t);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0][1], vec!["ACL", "(2,710,837)", "(2,534,087)"]);
        assert_eq!(
            g[0][2],
            vec!["Net Income - Quarter", "$1,063,184", "$1,130,729"]
        );
        assert_eq!(g[0][3], vec!["ROAA", "1.36%", "1.37%"]);
        let t = "Revenue 1 2\nEquipment financing \u{a0}- \u{a0}-Lease liabilities 3 4\nSTOCKHOLDERS' EQUITY: Common stock 5 6\nTotal revenues$ 7 8\n";
        let g = grid(t);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0][1], vec!["Equipment financing", "-", "-"]);
        assert_eq!(g[0][2], vec!["Lease liabilities", "3", "4"]);
        assert_eq!(g[0][3], vec!["STOCKHOLDERS' EQUITY:"]);
        assert_eq!(g[0][4], vec!["Common stock", "5", "6"]);
        assert_eq!(g[0][5], vec!["Total revenues", "$ 7", "8"]);
        // years ending a label are not values
        let t = "Cash 1 2\nPreferred stock, none outstanding at December 31, 2024 and 2023 \u{a0} - \u{a0} -Common stock 11 10\nTotal 12 12\n";
        let g = grid(t);
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(
            g[0][1],
            vec![
                "Preferred stock, none outstanding at December 31, 2024 and 2023",
                "-",
                "-"
            ]
        );
    }
}
