//! The table model the table rules share, read once per document ([`Reading`]): header rows and
//! the heading each column reads under (from the source's grid: `colspan` and `rowspan`), the
//! period and the one unit of each column, row labels, sections and roles (totals, profit lines,
//! costs, unlabelled subtotals, rows in another unit), numeric cells with the interval their
//! written precision allows, and the unit caption ("in thousands") that scales them.
//!
//! A column has one type ([`Unit`]), from its headings and its cells taken together: a
//! "Percent Change" column that prints `%` only on its first and total rows is a column of
//! percentages throughout. A row may carry its own unit (a percentage or per-share row in a
//! table of amounts). Where the grid does not settle which heading stands over a column, every
//! heading that could is kept ([`Column::headings`]) and the rules report only what fails under
//! all of them.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::pack::Pack;
use crate::source::Document;

mod period;
mod read;
mod vocab;

pub use crate::extract::cell::{parse_cell, Num, Slot};
pub use period::{contains_seq, parse_period, tokens, Duration, Named, Period};
use vocab::split_words;
pub use vocab::Vocab;

/// The kind of figure a column (or a row) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Money or counts: values that add up.
    Amount,
    /// Share counts: they add up among themselves.
    Shares,
    Percent,
    PerShare,
    /// Averages, prices, per-unit figures.
    Average,
    /// Ratios, rates, days, multiples.
    Ratio,
    /// Cells of two kinds with nothing to tell which is the column's.
    Mixed,
}

impl Unit {
    /// Do values of this unit add up to a total?
    pub fn additive(self) -> bool {
        matches!(self, Unit::Amount | Unit::Shares)
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A header row (before the first data row).
    Header,
    /// A label with no values ("Operating expenses:").
    Section,
    /// A header row inside the table ("Period end | 2024 | 2023", "Year Ended December 31,
    /// 2022"): what is below is another block, totals do not reach above it.
    Band,
    /// A label and values.
    Data,
}

/// How a total row is formed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalKind {
    /// "Total ...", "... Total": a sum.
    Total,
    /// "Gross profit", "Net loss": a signed combination.
    Profit,
    /// A row of values with no label under a group: a subtotal, used for grouping only.
    Unlabeled,
    /// A labelled row equal, in every column, to the sum of the rows just above it (an
    /// unmarked subtotal: "Current provision", "Acquired intangibles, net"): it may stand for
    /// them.
    Implicit,
}

/// How a row enters a profit line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    /// As written.
    Plain,
    /// A cost or expense: subtracted when written as a positive amount.
    Expense,
    /// Names income and expense ("Other income (expense), net"): signed as written, never
    /// subtracted.
    Signed,
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
    /// Value slots, in the order written.
    pub slots: Vec<Slot>,
    /// The grid columns of each slot.
    pub spans: Vec<Range<u16>>,
    /// For each value column of the table, the slot in it (`None`: blank).
    pub cells: Vec<Option<usize>>,
    /// As many value cells as the table has value columns.
    pub full: bool,
    /// The column of each value is known (full rows, and shorter rows placed by the grid).
    pub aligned: bool,
    /// A text cell after a value: alignment unknown.
    pub irregular: bool,
    /// The row's own unit, when its label or cells set it apart from its columns.
    pub unit: Option<Unit>,
    /// The unit comes from the label alone (its cells do not show it).
    pub unit_by_label: bool,
    /// A total, profit line or subtotal, and how it is formed.
    pub total: Option<TotalKind>,
    pub sign: Sign,
    /// For an unmarked subtotal ([`TotalKind::Implicit`]): the first row of the run it adds up.
    pub subtotal_of: Option<usize>,
}

impl Row {
    pub fn words(&self) -> Vec<&str> {
        self.words.iter().map(|s| s.as_str()).collect()
    }
    /// The value in value column `c` (aligned rows only).
    pub fn at(&self, c: usize) -> Option<&Num> {
        if !self.aligned {
            return None;
        }
        let i = (*self.cells.get(c)?)?;
        self.slots.get(i).and_then(|s| s.num())
    }
    /// A row of percentages (every value that is not a dash).
    pub fn is_percent(&self) -> bool {
        self.unit == Some(Unit::Percent)
    }
}

/// One reading of the header rows over a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Header texts over the column, top to bottom, joined.
    pub text: String,
    pub period: Period,
    /// A change column ("% Change", "Increase (Decrease)", "'23 vs '22").
    pub change: bool,
    /// Names more than a period and a unit (a segment, a sub-metric): the column holds part of
    /// the company's figure.
    pub scoped: bool,
}

/// A value column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Every reading of the headers over this column: one when the grid settles it; the first
    /// is the most likely.
    pub headings: Vec<Heading>,
    /// The column's one unit, from its headings and its cells.
    pub unit: Unit,
    /// The grid columns it occupies, when the source's grid is consistent.
    pub span: Option<Range<u16>>,
}

impl Column {
    /// The most likely heading.
    pub fn header(&self) -> &str {
        &self.headings[0].text
    }
    /// The period of the most likely heading.
    pub fn period(&self) -> Period {
        self.headings[0].period
    }
    /// A change column under every reading: its cells are changes.
    pub fn is_change(&self) -> bool {
        self.headings.iter().all(|h| h.change)
    }
    /// A change column under some reading: its cells may be changes, not values.
    pub fn maybe_change(&self) -> bool {
        self.headings.iter().any(|h| h.change)
    }
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
    /// Rows are balances and their movements ("Balance, June 30, 2023", "Net income", ...):
    /// profit lines there are movements, not totals.
    pub rollforward: bool,
}

impl Grid {
    /// A column's name for messages.
    pub fn column_name(&self, c: usize) -> String {
        let h = self.columns[c].header().trim();
        if h.is_empty() {
            format!("column {}", c + 1)
        } else {
            h.to_string()
        }
    }

    /// Is this row a total, a profit line, or neither?
    pub fn total_kind(&self, r: usize) -> Option<TotalKind> {
        self.rows[r].total
    }

    /// The unit of one cell: a column of percentages, ratios, averages or per-share figures
    /// sets it; otherwise the row's own unit, else the column's.
    pub fn cell_unit(&self, r: usize, c: usize) -> Unit {
        let col = self.columns[c].unit;
        if col.additive() {
            self.rows[r].unit.unwrap_or(col)
        } else {
            col
        }
    }
}

/// A document's tables read once for every table rule.
pub struct Reading {
    pub vocab: Vocab,
    pub grids: Vec<Grid>,
}

impl Reading {
    pub fn new(doc: &Document, pack: &Pack) -> Reading {
        let vocab = Vocab::from_pack(pack);
        Reading {
            grids: grids(doc, &vocab),
            vocab,
        }
    }
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
