//! Periods named by column headers and by prose: length (quarter, half, nine months, year),
//! quarter number, year and end month ("Three Months Ended September 30, 2016").

use std::ops::Range;

use super::Vocab;

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
    /// The month the period ends in (1-12), when one month is named ("ended June 30").
    pub month: Option<u8>,
}

impl Period {
    /// Could a column with this period be the one `prose` names? Both must name the duration
    /// and the year; quarters and end months must agree when both name one.
    pub fn matches(&self, prose: &Period) -> bool {
        let agree = |a: Option<u8>, b: Option<u8>| a.is_none() || b.is_none() || a == b;
        self.duration.is_some()
            && self.duration == prose.duration
            && self.year.is_some()
            && self.year == prose.year
            && agree(self.quarter, prose.quarter)
            && agree(self.month, prose.month)
    }

    /// Names both its length and its year.
    pub fn complete(&self) -> bool {
        self.duration.is_some() && self.year.is_some()
    }
}

/// What a text names: every duration, quarter, year and month, in order of appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Named {
    pub durations: Vec<Duration>,
    pub quarter: Option<u8>,
    pub years: Vec<u16>,
    pub months: Vec<u8>,
}

impl Named {
    /// Read what lowercase-insensitive `text` names: durations from the pack's words
    /// (`quarter:…`, `half:…`, `nine:…`, `year:…`), years 1900-2100, quarters ("Q3", "third
    /// quarter"), months.
    pub fn read(text: &str, vocab: &Vocab) -> Named {
        let toks = tokens(text);
        let words: Vec<&str> = toks.iter().map(|(w, _)| w.as_str()).collect();
        let mut n = Named::default();
        for (i, w) in words.iter().enumerate() {
            if let Some(y) = year_of(w) {
                if !n.years.contains(&y) {
                    n.years.push(y);
                }
            }
            if let Some(q) = w.strip_prefix('q').and_then(|q| q.parse::<u8>().ok()) {
                if (1..=4).contains(&q) {
                    n.quarter = Some(q);
                    n.push(Duration::Quarter);
                }
            }
            if *w == "quarter" && i > 0 {
                if let Some(q) = ordinal(words[i - 1]) {
                    n.quarter = Some(q);
                }
            }
            if let Some(m) = crate::periods::month_of(w).filter(|_| w.len() >= 3 && *w != "may") {
                if !n.months.contains(&m) {
                    n.months.push(m);
                }
            }
        }
        if words.contains(&"may") && words.windows(2).any(|p| p[0] == "may" && is_day(p[1])) {
            n.months.push(5);
        }
        // durations in the order the text names them ("three and six months": quarter, half)
        let mut found: Vec<(usize, Duration)> = vocab
            .durations
            .iter()
            .filter_map(|(dur, phrase)| position(&words, phrase).map(|p| (p, *dur)))
            .collect();
        found.sort_by_key(|(p, _)| *p);
        for (_, d) in found {
            n.push(d);
        }
        n
    }

    fn push(&mut self, d: Duration) {
        if !self.durations.contains(&d) {
            self.durations.push(d);
        }
    }

    /// The one period a column header names: a single year (a header with two years names
    /// none), the longest duration named unless a quarter is numbered, a single end month.
    pub fn period(&self) -> Period {
        let duration = if self.quarter.is_some() {
            Some(Duration::Quarter)
        } else {
            self.durations.iter().copied().max_by_key(|d| rank(*d))
        };
        Period {
            duration,
            quarter: self.quarter,
            year: (self.years.len() == 1).then(|| self.years[0]),
            month: (self.months.len() == 1).then(|| self.months[0]),
        }
    }

    /// Every period the text could mean for one figure: each duration named with each year
    /// named ("the three and six months ended June 30, 2024 and 2023" names four).
    pub fn readings(&self) -> Vec<Period> {
        let mut out = Vec::new();
        for &d in &self.durations {
            for &y in &self.years {
                out.push(Period {
                    duration: Some(d),
                    quarter: self.quarter.filter(|_| d == Duration::Quarter),
                    year: Some(y),
                    month: (self.months.len() == 1).then(|| self.months[0]),
                });
            }
        }
        out
    }
}

fn is_day(w: &str) -> bool {
    w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

fn year_of(w: &str) -> Option<u16> {
    if w.len() != 4 {
        return None;
    }
    w.parse::<u16>().ok().filter(|y| (1900..=2100).contains(y))
}

fn ordinal(w: &str) -> Option<u8> {
    match w {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// Read the period of a column header (see [`Named::period`]).
pub fn parse_period(text: &str, vocab: &Vocab) -> Period {
    Named::read(text, vocab).period()
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

/// Where `phrase` first appears in `words`, as a contiguous run.
fn position(words: &[&str], phrase: &[String]) -> Option<usize> {
    if phrase.is_empty() || words.len() < phrase.len() {
        return None;
    }
    words
        .windows(phrase.len())
        .position(|w| w.iter().zip(phrase).all(|(a, b)| *a == b))
}

/// Does `words` contain `phrase` (space-separated words) as a contiguous run?
pub fn contains_seq(words: &[&str], phrase: &[String]) -> bool {
    position(words, phrase).is_some()
}
