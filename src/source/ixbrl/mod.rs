//! Inline XBRL: the facts a filing tags, read while its HTML is stripped.
//!
//! Every 10-K and 10-Q filed with the SEC since 2019 is inline XBRL: each number is wrapped in an
//! `ix:nonFraction` naming its concept (`us-gaap:Revenues`), its context (the period, and
//! dimensions such as a segment), its unit, `scale`, `decimals`, `sign` and `format`; the hidden
//! `ix:header` holds the contexts, the units and the dei facts (`dei:CurrentFiscalYearEndDate`,
//! `dei:DocumentPeriodEndDate`). The HTML loader feeds its tokens to a [`Collector`] once it has
//! seen a tag named `ix:...` (plain HTML does no extra work); [`Collector::finish`] resolves the
//! references and reads every value exactly ([`TaggedFact`]). A fact that cannot be read (an
//! unknown format, a huge `scale`, a bad `decimals`) is skipped with a [`Note`], never a panic.
//!
//! `ix:exclude` content is left out of the text of `ix:nonNumeric` facts, and `ix:continuation`
//! chains are followed for them; only the dei ones are kept.

use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::interval::Interval;
use crate::periods::Date;
use crate::span::Span;

/// Captured text is capped (a text block can be long; the dei values are short).
pub(crate) const MAX_CAPTURE: usize = 4096;

mod collect;
pub mod transform;

pub use collect::Collector;

/// The period of a context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "type")]
pub enum XPeriod {
    /// A balance at the end of a day.
    Instant {
        date: Date,
    },
    /// A flow over `start..=end`.
    Duration {
        start: Date,
        end: Date,
    },
    Forever,
}

impl fmt::Display for XPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XPeriod::Instant { date } => write!(f, "{date}"),
            XPeriod::Duration { start, end } => write!(f, "{start}..{end}"),
            XPeriod::Forever => write!(f, "forever"),
        }
    }
}

impl XPeriod {
    /// Parse the period as written by `tieout facts`: `2024-09-28` or `2023-10-01..2024-09-28`.
    pub fn parse(s: &str) -> Option<XPeriod> {
        let s = s.trim();
        if s == "forever" {
            return Some(XPeriod::Forever);
        }
        match s.split_once("..") {
            Some((a, b)) => Some(XPeriod::Duration {
                start: transform::iso_date(a)?,
                end: transform::iso_date(b)?,
            }),
            None => Some(XPeriod::Instant {
                date: transform::iso_date(s)?,
            }),
        }
    }

    /// The last day of the period.
    pub fn end(&self) -> Option<Date> {
        match self {
            XPeriod::Instant { date } => Some(*date),
            XPeriod::Duration { end, .. } => Some(*end),
            XPeriod::Forever => None,
        }
    }
}

/// A context: a period and the dimensions (axis, member) that qualify it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Context {
    pub id: String,
    pub period: XPeriod,
    /// Sorted by axis.
    pub dims: Vec<(String, String)>,
}

/// One tagged numeric fact (`ix:nonFraction`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedFact {
    /// `us-gaap:Revenues`, as written (prefix included).
    pub concept: String,
    /// Index into [`XbrlFacts::contexts`].
    pub context: usize,
    /// The unit's measure: `USD`, `shares`, `USD/shares`, `pure` (empty when none).
    pub unit: String,
    /// The value the fact stands for: displayed × 10^scale, negated by `sign="-"`.
    pub value: Decimal,
    /// `decimals`; `None` is `INF` (exact).
    pub decimals: Option<i32>,
    pub scale: i32,
    /// `sign="-"`.
    pub negated: bool,
    /// The displayed text, decoded and trimmed.
    pub shown: String,
    pub format: Option<String>,
    /// The fact's content in the original file.
    pub span: Span,
    /// The fact's text in [`crate::source::Document::text`]; `None` when hidden.
    pub text: Option<Range<usize>>,
}

impl TaggedFact {
    /// The values the fact allows: ± half a unit of its `decimals` (a point when `INF`).
    pub fn interval(&self) -> Interval {
        match self.decimals.and_then(|d| transform::pow10(-d)) {
            Some(unit) => {
                let half = unit / Decimal::TWO;
                Interval::new(self.value - half, self.value + half)
            }
            None => Interval::point(self.value),
        }
    }

    /// The decimals as written: `-6`, or `INF`.
    pub fn decimals_str(&self) -> String {
        self.decimals
            .map(|d| d.to_string())
            .unwrap_or_else(|| "INF".into())
    }
}

/// The dei (document and entity information) facts tieout uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dei {
    /// `dei:CurrentFiscalYearEndDate` as (month, day).
    pub fiscal_year_end: Option<(u8, u8)>,
    /// `dei:DocumentPeriodEndDate`.
    pub period_end: Option<Date>,
    /// `dei:DocumentFiscalPeriodFocus`: `FY`, `Q1`, `Q2`, `Q3`.
    pub period_focus: Option<String>,
    /// `dei:DocumentFiscalYearFocus`.
    pub year_focus: Option<i32>,
    /// `dei:DocumentType`: `10-K`, `10-Q`.
    pub document_type: Option<String>,
    pub registrant: Option<String>,
    pub cik: Option<String>,
}

impl Dei {
    /// The month the fiscal year ends in. A 52-53-week year that ends in the first week of a
    /// month ("February 2", "October 3") is named for the month before.
    pub fn fye_month(&self) -> Option<u8> {
        let (m, d) = self.fiscal_year_end?;
        Some(if d <= 7 { (m + 10) % 12 + 1 } else { m })
    }
}

/// A fact that was skipped, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub span: Span,
    pub message: String,
}

/// What a document tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XbrlFacts {
    pub contexts: Vec<Context>,
    /// Numeric facts, in document order.
    pub facts: Vec<TaggedFact>,
    pub dei: Dei,
    /// `ix:nonFraction` elements seen, read or not.
    pub seen: usize,
    /// Facts marked `xsi:nil`.
    pub nil: usize,
    /// Facts skipped, with the reason.
    pub notes: Vec<Note>,
    /// (text start, fact index) of the visible facts, sorted.
    pub(crate) by_text: Vec<(usize, usize)>,
}

/// Two facts report the same thing when concept, context (period and dimensions) and unit agree.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FactKey<'a> {
    pub concept: &'a str,
    pub period: XPeriod,
    pub dims: &'a [(String, String)],
    pub unit: &'a str,
}

impl XbrlFacts {
    pub fn context(&self, f: &TaggedFact) -> &Context {
        &self.contexts[f.context]
    }

    pub fn key<'a>(&'a self, f: &'a TaggedFact) -> FactKey<'a> {
        let c = self.context(f);
        FactKey {
            concept: &f.concept,
            period: c.period,
            dims: &c.dims,
            unit: &f.unit,
        }
    }

    /// The visible facts whose text overlaps `r`, in text order.
    pub fn overlapping(&self, r: &Range<usize>) -> impl Iterator<Item = &TaggedFact> {
        // visible facts sorted by text start; none is longer than MAX_CAPTURE bytes of source
        let from = self
            .by_text
            .partition_point(|&(start, _)| start + MAX_CAPTURE < r.start);
        let r = r.clone();
        self.by_text[from..]
            .iter()
            .take_while(move |&&(start, _)| start < r.end)
            .map(|&(_, i)| &self.facts[i])
            .filter(move |f| {
                f.text
                    .as_ref()
                    .is_some_and(|t| t.start < r.end && r.start < t.end)
            })
    }

    /// The one visible fact whose text overlaps `r` (a table cell, a figure), if exactly one does.
    pub fn at(&self, r: &Range<usize>) -> Option<&TaggedFact> {
        let mut found = self.overlapping(r);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }
}

#[cfg(test)]
mod tests;
