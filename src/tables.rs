//! The table model the table rules share: header rows and the period each column names, row
//! labels and sections, numeric cells with the interval their written precision allows, and the
//! unit caption ("in thousands") that scales them.
//!
//! The loaders give a [`Table`] as rows of cell ranges, spacer cells dropped. Value cells are
//! aligned from the right: a row with as many value cells as the table has value columns is
//! *full*; a shorter one is *partial* and never used where its alignment matters.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::extract::{MAX_DECIMALS, MAX_MAGNITUDE};
use crate::interval::Interval;
use crate::pack::Pack;
use crate::source::{Document, Table};

/// A numeric cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Num {
    /// The cell in the document text.
    pub range: Range<usize>,
    /// Signed value as written (parentheses and minus signs make it negative; dashes are zero).
    pub value: Decimal,
    /// Digits after the decimal point.
    pub decimals: u32,
    pub percent: bool,
    pub currency: bool,
    /// Written as a dash (`—`, `-`, `–`): zero.
    pub dash: bool,
    /// A bare four-digit year (`2016`): a header, not a value.
    pub yearish: bool,
}

impl Num {
    /// The values the cell stands for: ± half a unit of its last digit.
    pub fn interval(&self) -> Interval {
        let half = Decimal::try_new(5, self.decimals + 1).unwrap_or_default();
        Interval::new(self.value - half, self.value + half)
    }
}

/// What a cell after the row label holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Num(Num),
    /// `NM`, `n/a`, `*`: a value column with nothing to check.
    Nm,
}

impl Slot {
    pub fn num(&self) -> Option<&Num> {
        match self {
            Slot::Num(n) => Some(n),
            Slot::Nm => None,
        }
    }
}

/// Parse a cell's text as a value (`1,234`, `(1,234)`, `$ 1,234`, `—`, `12.5 %`, `(4)%`,
/// `1,234 (1)`). `None` for text.
pub fn parse_cell(s: &str) -> Option<Slot> {
    let mut t = s.trim();
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "nm" | "n/m" | "n.m." | "n/a" | "na" | "nmf" | "*" | "**" | "not meaningful" | "n.a."
    ) {
        return Some(Slot::Nm);
    }
    // footnote markers after the value
    loop {
        let before = t;
        for m in ['*', '†', '‡', '¹', '²', '³'] {
            t = t.trim_end_matches(m).trim_end();
        }
        let b = t.as_bytes();
        if b.len() > 3
            && b[b.len() - 1] == b')'
            && b[b.len() - 3] == b'('
            && b[b.len() - 2].is_ascii_alphanumeric()
        {
            let rest = t[..t.len() - 3].trim_end();
            if rest
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit() || c == '%' || c == ')' || c == ' ')
                || rest.ends_with(['—', '–', '-'])
            {
                t = rest;
            }
        }
        if t == before {
            break;
        }
    }
    let mut percent = false;
    if let Some(r) = t.strip_suffix('%') {
        percent = true;
        t = r.trim_end();
    }
    let mut neg = false;
    let mut currency = false;
    for _ in 0..2 {
        if let Some(r) = strip_currency(t) {
            currency = true;
            t = r;
        }
        if t.len() >= 2 && t.starts_with('(') && t.ends_with(')') {
            neg = !neg;
            t = t[1..t.len() - 1].trim();
        }
    }
    if let Some(r) = t.strip_suffix('%') {
        percent = true;
        t = r.trim_end();
    }
    if matches!(t, "—" | "–" | "-" | "−" | "--" | "— —" | "-0-" | "―") {
        return Some(Slot::Num(Num {
            range: 0..0,
            value: Decimal::ZERO,
            decimals: 0,
            percent,
            currency,
            dash: true,
            yearish: false,
        }));
    }
    for m in ["-", "−", "–"] {
        if let Some(r) = t.strip_prefix(m) {
            if r.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                neg = !neg;
                t = r;
                break;
            }
        }
    }
    if t.is_empty()
        || !t
            .bytes()
            .all(|c| c.is_ascii_digit() || c == b',' || c == b'.')
    {
        return None;
    }
    if !t.bytes().any(|c| c.is_ascii_digit()) || t.matches('.').count() > 1 {
        return None;
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if frac.contains(',') {
        return None;
    }
    let has_comma = int.contains(',');
    if has_comma {
        let groups: Vec<&str> = int.split(',').collect();
        if groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = int.chars().filter(|c| *c != ',').collect();
    let raw = if frac.is_empty() {
        digits.clone()
    } else {
        format!("{}.{frac}", if digits.is_empty() { "0" } else { &digits })
    };
    // more digits than tieout computes with: a value column with nothing to check
    let mut value = match raw.parse::<Decimal>() {
        Ok(v) if v.abs() <= MAX_MAGNITUDE && frac.len() <= MAX_DECIMALS as usize => v,
        _ => return Some(Slot::Nm),
    };
    if neg {
        value = -value;
    }
    let yearish = !has_comma
        && frac.is_empty()
        && !neg
        && !currency
        && !percent
        && digits.len() == 4
        && (1900..=2100).contains(&digits.parse::<u32>().unwrap_or(0));
    Some(Slot::Num(Num {
        range: 0..0,
        value,
        decimals: frac.len() as u32,
        percent,
        currency,
        dash: false,
        yearish,
    }))
}

fn strip_currency(t: &str) -> Option<&str> {
    for p in ["US$", "C$", "A$", "$", "€", "£", "¥", "\\$"] {
        if let Some(r) = t.strip_prefix(p) {
            return Some(r.trim_start());
        }
    }
    None
}

/// How long a period a column (or a phrase in prose) covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Quarter,
    Half,
    NineMonths,
    Year,
}

/// A period named by a column header or by prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Period {
    pub duration: Option<Duration>,
    /// Which quarter (1-4), when named.
    pub quarter: Option<u8>,
    pub year: Option<u16>,
}

impl Period {
    /// Could a column with this period be the one `prose` names? Both must name the duration
    /// and the year; quarters must agree when both name one.
    pub fn matches(&self, prose: &Period) -> bool {
        self.duration.is_some()
            && self.duration == prose.duration
            && self.year.is_some()
            && self.year == prose.year
            && match (self.quarter, prose.quarter) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// Read a period from lowercase words: durations come from the pack's `[rule.prose-table-tie]`
/// words `quarter:…`, `half:…`, `nine:…`, `year:…`; a period with two different years has none.
pub fn parse_period(text: &str, vocab: &Vocab) -> Period {
    let lower = text.to_lowercase();
    let toks = tokens(&lower);
    let words: Vec<&str> = toks.iter().map(|(w, _)| w.as_str()).collect();
    let mut p = Period::default();
    let mut years: Vec<u16> = Vec::new();
    for w in &words {
        if w.len() == 4 {
            if let Ok(y) = w.parse::<u16>() {
                if (1900..=2100).contains(&y) && !years.contains(&y) {
                    years.push(y);
                }
            }
        }
        if let Some(q) = w.strip_prefix('q') {
            if let Ok(n) = q.parse::<u8>() {
                if (1..=4).contains(&n) {
                    p.quarter = Some(n);
                    p.duration = Some(Duration::Quarter);
                }
            }
        }
    }
    if years.len() == 1 {
        p.year = Some(years[0]);
    }
    for (i, w) in words.iter().enumerate() {
        if *w == "quarter" && i > 0 {
            let n = match words[i - 1] {
                "first" | "1st" => Some(1),
                "second" | "2nd" => Some(2),
                "third" | "3rd" => Some(3),
                "fourth" | "4th" => Some(4),
                _ => None,
            };
            if n.is_some() {
                p.quarter = n;
            }
        }
    }
    for (dur, phrase) in &vocab.durations {
        if contains_seq(&words, phrase) {
            // a longer period named anywhere wins over "quarter" (a quarter-to-date table is rare)
            p.duration = match p.duration {
                None => Some(*dur),
                Some(d) if rank(*dur) > rank(d) && p.quarter.is_none() => Some(*dur),
                Some(d) => Some(d),
            };
        }
    }
    p
}

fn rank(d: Duration) -> u8 {
    match d {
        Duration::Quarter => 0,
        Duration::Half => 1,
        Duration::NineMonths => 2,
        Duration::Year => 3,
    }
}

/// Lowercase alphanumeric tokens with their byte ranges in `s`.
pub fn tokens(s: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(st) = start.take() {
            out.push((s[st..i].to_lowercase(), st..i));
        }
    }
    if let Some(st) = start {
        out.push((s[st..].to_lowercase(), st..s.len()));
    }
    out
}

/// Does `words` contain `phrase` (space-separated words) as a contiguous run?
pub fn contains_seq(words: &[&str], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && words.len() >= phrase.len()
        && words
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase).all(|(a, b)| *a == b))
}

/// The vocabularies the table rules read from their packs.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Labels that open with one of these mark a total ("total", "subtotal").
    pub total: Vec<Vec<String>>,
    /// Profit lines: a signed combination of the rows above ("gross profit", "net loss").
    pub profit: Vec<Vec<String>>,
    /// Rows subtracted in a profit line ("cost", "expense").
    pub expense: Vec<Vec<String>>,
    /// Labels that are never totals ("per share", "percentage").
    pub not_total: Vec<Vec<String>>,
    /// Header words of a change column ("change", "increase").
    pub change: Vec<Vec<String>>,
    /// Header words of a change column not recomputed ("excluding currency").
    pub change_skip: Vec<Vec<String>>,
    /// Period words by duration.
    pub durations: Vec<(Duration, Vec<String>)>,
    /// Words allowed between a metric and its figure in prose ("was", "for the").
    pub link: Vec<String>,
}

fn split_words(s: &str) -> Vec<String> {
    tokens(s).into_iter().map(|(w, _)| w).collect()
}

impl Vocab {
    pub fn from_pack(pack: &Pack) -> Vocab {
        let mut v = Vocab::default();
        let mut add = |rule: &str| {
            for w in pack.rule_words(rule) {
                let Some((kind, phrase)) = w.split_once(':') else {
                    continue;
                };
                let words = split_words(phrase);
                match kind.trim() {
                    "total" => v.total.push(words),
                    "profit" => v.profit.push(words),
                    "expense" => v.expense.push(words),
                    "not-total" => v.not_total.push(words),
                    "change" => v.change.push(words),
                    "skip" => v.change_skip.push(words),
                    "quarter" => v.durations.push((Duration::Quarter, words)),
                    "half" => v.durations.push((Duration::Half, words)),
                    "nine" => v.durations.push((Duration::NineMonths, words)),
                    "year" => v.durations.push((Duration::Year, words)),
                    "link" => v.link.extend(words),
                    _ => {}
                }
            }
        };
        add("table-footing");
        add("table-change-column");
        add("prose-table-tie");
        v
    }
}

fn starts_with_any(words: &[&str], phrases: &[Vec<String>]) -> bool {
    phrases.iter().any(|p| {
        !p.is_empty() && words.len() >= p.len() && words.iter().zip(p).all(|(a, b)| *a == b)
    })
}

fn contains_any(words: &[&str], phrases: &[Vec<String>]) -> bool {
    phrases.iter().any(|p| contains_seq(words, p))
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A header row (before the first data row).
    Header,
    /// A label with no values ("Operating expenses:").
    Section,
    /// A label and values.
    Data,
}

/// One row of a [`Grid`].
#[derive(Debug, Clone)]
pub struct Row {
    pub kind: RowKind,
    /// The label as written (leading text cells joined), empty when there is none.
    pub label: String,
    pub label_range: Option<Range<usize>>,
    /// Lowercase label words, footnote markers dropped.
    pub words: Vec<String>,
    /// The nearest section label above.
    pub section: String,
    /// Value slots, right-aligned to the table's value columns when `full`.
    pub slots: Vec<Slot>,
    /// As many value cells as the table has value columns.
    pub full: bool,
    /// A text cell after a value: alignment unknown.
    pub irregular: bool,
}

impl Row {
    pub fn words(&self) -> Vec<&str> {
        self.words.iter().map(|s| s.as_str()).collect()
    }
    /// The slot in value column `c` (full rows only).
    pub fn at(&self, c: usize) -> Option<&Num> {
        if !self.full {
            return None;
        }
        self.slots.get(c).and_then(|s| s.num())
    }
    /// A row of percentages (every value that is not a dash).
    pub fn is_percent(&self) -> bool {
        let mut vals = self
            .slots
            .iter()
            .filter_map(|s| s.num())
            .filter(|n| !n.dash);
        let first = vals.next();
        first.is_some_and(|n| n.percent) && vals.all(|n| n.percent)
    }
}

/// A column's role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header texts over this column, joined.
    pub header: String,
    pub period: Period,
    /// A change column ("% Change", "Increase (Decrease)").
    pub change: bool,
}

/// A table read for checking.
#[derive(Debug, Clone)]
pub struct Grid {
    pub index: usize,
    pub range: Range<usize>,
    pub rows: Vec<Row>,
    pub columns: Vec<Column>,
    /// What one unit of a cell is worth ("in thousands": 1000), when a caption says so.
    pub scale: Option<Decimal>,
}

impl Grid {
    /// Read table `index` of the document.
    pub fn read(doc: &Document, index: usize, vocab: &Vocab) -> Grid {
        let t: &Table = &doc.tables[index];
        let text = &doc.text;
        let mut rows = Vec::new();
        let mut ncols = 0;
        for r in &t.rows {
            let mut label_end = 0;
            for (i, c) in r.iter().enumerate() {
                if parse_cell(&text[c.clone()]).is_some() {
                    break;
                }
                label_end = i + 1;
            }
            let mut slots = Vec::new();
            let mut irregular = false;
            for c in &r[label_end..] {
                match parse_cell(&text[c.clone()]) {
                    Some(Slot::Num(mut n)) => {
                        // the value itself, without a currency sign (and markup) before it
                        let cell = &text[c.clone()];
                        let skip = cell
                            .find(|ch: char| ch.is_ascii_digit() || "(—–-−.―".contains(ch))
                            .unwrap_or(0);
                        let end = cell.trim_end().len().max(skip);
                        n.range = c.start + skip..c.start + end;
                        slots.push(Slot::Num(n));
                    }
                    Some(Slot::Nm) => slots.push(Slot::Nm),
                    None => irregular = true,
                }
            }
            let label_range = (label_end > 0).then(|| r[0].start..r[label_end - 1].end);
            let label = label_range
                .clone()
                .map(|_| {
                    r[..label_end]
                        .iter()
                        .map(|c| text[c.clone()].trim())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            rows.push(Row {
                kind: RowKind::Data,
                words: label_words(&label),
                label,
                label_range,
                section: String::new(),
                slots,
                full: false,
                irregular,
            });
        }
        // header rows: before the first row with a value that is not a year
        let mut in_header = true;
        let mut section = String::new();
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
            if row.slots.is_empty() {
                row.kind = RowKind::Section;
                section = row.label.clone();
            } else {
                row.section = section.clone();
                ncols = ncols.max(row.slots.len());
            }
        }
        for row in rows.iter_mut() {
            row.full = row.kind == RowKind::Data && !row.irregular && row.slots.len() == ncols;
        }
        // column headers: header rows spread over the value columns
        let mut headers = vec![String::new(); ncols];
        for (ri, row) in rows.iter().enumerate() {
            if row.kind != RowKind::Header || ncols == 0 {
                continue;
            }
            let cells: Vec<&str> = t.rows[ri]
                .iter()
                .flat_map(|c| split_percent_header(text[c.clone()].trim()))
                .collect();
            let k = cells.len();
            let assign: Vec<(usize, &str)> = if k > ncols {
                cells[k - ncols..].iter().copied().enumerate().collect()
            } else if ncols % k == 0 {
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
        let columns = headers
            .into_iter()
            .map(|h| {
                let words = split_words(&h);
                let w: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
                let change = contains_any(&w, &vocab.change);
                Column {
                    period: if change {
                        Period::default()
                    } else {
                        parse_period(&h, vocab)
                    },
                    header: h,
                    change,
                }
            })
            .collect();
        let scale = caption_scale(doc, index);
        Grid {
            index,
            range: t.range.clone(),
            rows,
            columns,
            scale,
        }
    }

    /// A column's name for messages.
    pub fn column_name(&self, c: usize) -> String {
        let h = self.columns[c].header.trim();
        if h.is_empty() {
            format!("column {}", c + 1)
        } else {
            h.to_string()
        }
    }

    /// Is this row a total, a profit line, or neither?
    pub fn total_kind(&self, r: usize, vocab: &Vocab) -> Option<TotalKind> {
        let row = &self.rows[r];
        if row.kind != RowKind::Data {
            return None;
        }
        let w = row.words();
        if w.is_empty() {
            return Some(TotalKind::Unlabeled);
        }
        if contains_any(&w, &vocab.not_total) || contains_any(&split_section(row), &vocab.not_total)
        {
            return None;
        }
        if starts_with_any(&w, &vocab.total) {
            return Some(TotalKind::Total);
        }
        if starts_with_any(&w, &vocab.profit) {
            return Some(TotalKind::Profit);
        }
        None
    }
}

fn split_section(row: &Row) -> Vec<&str> {
    // cheap: section words are checked for per-share sections only
    row.section.split_whitespace().collect()
}

/// The loaders append a cell that starts with `%` to the cell before it (for `12.5 | %`); in a
/// header row that glues "2015" and "% Change" together: split them again.
fn split_percent_header(s: &str) -> Vec<&str> {
    if let Some(i) = s.find("% ") {
        let rest = &s[i + 2..];
        if i > 0 && rest.starts_with(|c: char| c.is_alphabetic()) {
            return vec![s[..i].trim(), &s[i..]];
        }
    }
    vec![s]
}

/// How a total row is formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalKind {
    /// "Total ...": a sum.
    Total,
    /// "Gross profit", "Net loss": a signed combination.
    Profit,
    /// A row of values with no label under a group: a subtotal, used for grouping only.
    Unlabeled,
}

/// Lowercase words of a label, a trailing footnote marker dropped.
pub fn label_words(label: &str) -> Vec<String> {
    let mut w = split_words(label);
    let t = label.trim_end();
    if t.ends_with(')') && w.last().is_some_and(|x| x.len() == 1) {
        w.pop();
    }
    w
}

/// The unit caption of table `index`: in its header rows or the paragraphs just before it.
pub fn caption_scale(doc: &Document, index: usize) -> Option<Decimal> {
    let t = &doc.tables[index];
    let prev_end = if index > 0 {
        doc.tables[index - 1].range.end
    } else {
        0
    };
    let mut start = t.range.start.saturating_sub(600).max(prev_end);
    while !doc.text.is_char_boundary(start) {
        start += 1;
    }
    // the last three paragraphs before the table
    let before = &doc.text[start..t.range.start];
    let paras: Vec<&str> = before.split("\n\n").collect();
    let near = paras[paras.len().saturating_sub(3)..].join(" ");
    let head_end = t
        .rows
        .iter()
        .take(4)
        .flat_map(|r| r.iter())
        .map(|c| c.end)
        .max()
        .unwrap_or(t.range.start);
    let head = &doc.text[t.range.start..head_end.max(t.range.start)];
    scale_in(head).or_else(|| scale_in(&near))
}

/// A unit caption's scale: "in thousands", "(in millions, except per share data)", "$000".
pub fn scale_in(s: &str) -> Option<Decimal> {
    let w = split_words(s);
    let words: Vec<&str> = w.iter().map(|s| s.as_str()).collect();
    for (i, x) in words.iter().enumerate() {
        let f = match *x {
            "thousands" => 1_000i64,
            "millions" => 1_000_000,
            "billions" => 1_000_000_000,
            "000s" | "000" => 1_000,
            _ => continue,
        };
        let prev = if i > 0 { words[i - 1] } else { "" };
        if matches!(prev, "in" | "of" | "dollars" | "amounts")
            || (matches!(*x, "000s" | "000") && s.contains("$000") | s.contains("(000"))
        {
            return Some(Decimal::from(f));
        }
    }
    None
}

/// The document's tables read as grids, those with at least one value column.
pub fn grids(doc: &Document, vocab: &Vocab) -> Vec<Grid> {
    (0..doc.tables.len())
        .map(|i| Grid::read(doc, i, vocab))
        .filter(|g| !g.columns.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<(String, u32, bool)> {
        match parse_cell(s)? {
            Slot::Num(n) => Some((n.value.to_string(), n.decimals, n.percent)),
            Slot::Nm => Some(("nm".into(), 0, false)),
        }
    }

    #[test]
    fn parses_cells() {
        assert_eq!(num("1,234"), Some(("1234".into(), 0, false)));
        assert_eq!(num("(1,234)"), Some(("-1234".into(), 0, false)));
        assert_eq!(num("$ (5,500)"), Some(("-5500".into(), 0, false)));
        assert_eq!(num("—"), Some(("0".into(), 0, false)));
        assert_eq!(num("12.5 %"), Some(("12.5".into(), 1, true)));
        assert_eq!(num("(4)%"), Some(("-4".into(), 0, true)));
        assert_eq!(num("—%"), Some(("0".into(), 0, true)));
        assert_eq!(num("1,421 (1)"), Some(("1421".into(), 0, false)));
        assert_eq!(num("$0.89"), Some(("0.89".into(), 2, false)));
        assert_eq!(num("NM"), Some(("nm".into(), 0, false)));
        assert_eq!(num("Revenue"), None);
        assert_eq!(num("12,34"), None);
        assert_eq!(num("September 30, 2016"), None);
    }

    #[test]
    fn periods() {
        let v = Vocab::from_pack(&Pack::builtin());
        let p = parse_period("Three Months Ended September 30, 2016", &v);
        assert_eq!(p.duration, Some(Duration::Quarter));
        assert_eq!(p.year, Some(2016));
        let p = parse_period("Nine Months Ended September 30, 2015", &v);
        assert_eq!(p.duration, Some(Duration::NineMonths));
        let q = parse_period("for the third quarter of 2016", &v);
        assert_eq!(
            (q.duration, q.quarter, q.year),
            (Some(Duration::Quarter), Some(3), Some(2016))
        );
        assert!(parse_period("Three Months Ended September 30, 2016", &v).matches(&q));
        assert!(!parse_period("Three Months Ended September 30, 2015", &v).matches(&q));
        assert_eq!(parse_period("Q2 2016", &v).quarter, Some(2));
    }

    #[test]
    fn captions() {
        assert_eq!(
            scale_in("(in thousands, except per share data)"),
            Some(Decimal::from(1000))
        );
        assert_eq!(
            scale_in("(dollars in millions)"),
            Some(Decimal::from(1_000_000))
        );
        assert_eq!(scale_in("thousands of customers"), None);
    }
}
