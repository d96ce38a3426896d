//! Reporting periods and dates as written in releases, normalised.
//!
//! "third quarter of 2016", "Q3 2016", "3Q16", "three months ended September 30, 2016" are all
//! [`Period`] `{ kind: Quarter(3), year: 2016 }` (for a fiscal year ending in December);
//! "nine months ended September 30, 2016" is `NineMonths`; "same period last year" is resolved
//! against the period it follows. Dates ("May 30, 2017", "11/15/16") are [`Date`]s.

use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::{Groups, Pattern};

/// What span of time a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "span", content = "n")]
pub enum PeriodKind {
    /// A fiscal quarter, 1 to 4.
    Quarter(u8),
    /// First or second half.
    Half(u8),
    /// The nine months to the end of the third quarter.
    NineMonths,
    /// A whole fiscal year.
    Year,
}

/// A fiscal period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Period {
    pub kind: PeriodKind,
    /// The fiscal year (by the calendar year its last month falls in).
    pub year: i32,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Quarter(q) => write!(f, "Q{q} {}", self.year),
            PeriodKind::Half(h) => write!(f, "H{h} {}", self.year),
            PeriodKind::NineMonths => write!(f, "9M {}", self.year),
            PeriodKind::Year => write!(f, "FY {}", self.year),
        }
    }
}

impl Period {
    /// The month (1-12) a period ends in, for a fiscal year ending in month `fye`.
    pub fn end_month(&self, fye: u8) -> u8 {
        let q_end = |q: u8| ((fye as u32 + 3 * q as u32 - 1) % 12 + 1) as u8;
        match self.kind {
            PeriodKind::Quarter(q) => q_end(q),
            PeriodKind::Half(h) => q_end(2 * h),
            PeriodKind::NineMonths => q_end(3),
            PeriodKind::Year => fye,
        }
    }
    /// The same period a year earlier.
    pub fn prior_year(&self) -> Period {
        Period {
            kind: self.kind,
            year: self.year - 1,
        }
    }
    /// The quarter before (for quarters only).
    pub fn prior_quarter(&self) -> Option<Period> {
        match self.kind {
            PeriodKind::Quarter(1) => Some(Period {
                kind: PeriodKind::Quarter(4),
                year: self.year - 1,
            }),
            PeriodKind::Quarter(q) => Some(Period {
                kind: PeriodKind::Quarter(q - 1),
                year: self.year,
            }),
            _ => None,
        }
    }

    /// Parse a period written in a facts file or on the command line: "Q2 2016", "2Q16",
    /// "second quarter 2016", "9M 2016", "H1 2025", "FY 2024".
    pub fn parse(s: &str) -> Option<Period> {
        let found = find_periods(s, 12);
        found.into_iter().next().and_then(|m| match m.what {
            Found::Period(p) => Some(p),
            _ => None,
        })
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A day that exists: not February 30, not April 31.
    pub fn is_valid(&self) -> bool {
        self.day >= 1 && self.day <= days_in_month(self.year, self.month)
    }
}

/// Days in a month (Gregorian calendar); 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// What was found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A period stated outright.
    Period(Period),
    /// A quarter or year-to-date period stated with its end date: "third quarter ended June 30,
    /// 2016", "nine months ended September 30". `months` is 3, 6, 9 or 12 (0 when a quarter is
    /// named but the length is not written).
    Ended {
        quarter: Option<u8>,
        months: u8,
        end: (u8, Option<u8>, Option<i32>),
    },
    /// A quarter named without its year ("the third quarter"): the document's year.
    QuarterOnly(u8),
    /// The whole year named without its number ("full-year revenue"): the document's year.
    YearOnly,
    /// A period named relative to another: "same period last year", "prior-year quarter".
    PriorYear,
    /// "sequentially", "prior quarter", "previous quarter".
    PriorQuarter,
    /// A date.
    Date(Date),
}

/// A period, date or relative period in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub range: Range<usize>,
    pub what: Found,
}

pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1-12) a name or abbreviation stands for: "September", "Sept.", "Sep".
pub(crate) fn month_of(s: &str) -> Option<u8> {
    let l = s.to_ascii_lowercase();
    let l = l.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == l || (l.len() >= 3 && m.starts_with(l) && l.len() <= 4))
        .map(|i| i as u8 + 1)
}

fn ordinal(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// A year as written: four digits, or two with the POSIX pivot (`'24` is 2024, `3Q98` is
/// 1998: 69-99 are the 1900s).
fn year_of(s: &str) -> Option<i32> {
    let y: i32 = s.trim_start_matches(['\'', '’']).parse().ok()?;
    Some(match y {
        0..=68 => 2000 + y,
        69..=99 => 1900 + y,
        _ => y,
    })
}

fn number_months(s: &str) -> Option<u8> {
    match s.to_ascii_lowercase().as_str() {
        "three" | "3" => Some(3),
        "six" | "6" => Some(6),
        "nine" | "9" => Some(9),
        "twelve" | "12" => Some(12),
        _ => None,
    }
}

struct Patterns {
    ended: Pattern,
    ordinal_quarter: Pattern,
    q_year: Pattern,
    year_q: Pattern,
    half: Pattern,
    nine: Pattern,
    fiscal_year: Pattern,
    prior_year: Pattern,
    quarter_only: Pattern,
    year_only: Pattern,
    prior_quarter: Pattern,
    date_long: Pattern,
    date_slash: Pattern,
}

/// A month's name or abbreviation, as one capture group.
pub(crate) const MONTH_PATTERN: &str = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";

/// Space within one line or table cell: no tab (a cell break), at most one line break.
pub(crate) const SP: &str = r"(?:[ \r]+\n?[ \r]*|\n[ \r]*)";

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let month = MONTH_PATTERN;
        let r = |s: &str| Pattern::new(s);
        Patterns {
            // "third quarter ended June 30, 2016", "three months ended September 30, 2016",
            // "nine months ended September 30": the words of one line or one table cell (a
            // header row "Three Months Ended\tSix Months Ended" over a row of dates does not
            // say which date ends which period)
            ended: r(&format!(
                r"(?i-u)(?-u:\b)(?:(?:(?P<ord>first|second|third|fourth){SP})?(?:fiscal{SP})?(?P<qw>quarter)|(?P<n>three|six|nine|twelve|3|6|9|12){SP}months){SP}ended{SP}(?P<mon>{month}){SP}(?P<day>[0-9]{{1,2}})(?:,?{SP}(?P<year>[0-9]{{4}}))?"
            ))
            .needing(&["ended"]),
            year_only: r(r"(?i-u)(?-u:\b)(?:full[[ \t\r\n]-]year|for[ \t\r\n]+the[ \t\r\n]+(?:fiscal[ \t\r\n]+)?year)(?-u:\b)")
            .needing(&["year"]),
            quarter_only: r(
                r"(?i-u)(?-u:\b)(?:the[ \t\r\n]+)?(?P<ord>first|second|third|fourth)[ \t\r\n]+(?:fiscal[ \t\r\n]+)?quarter(?-u:\b)",
            )
            .needing(&["quarter"]),
            // "third quarter of 2016", "second quarter 2016", "fourth quarter of fiscal 2024"
            ordinal_quarter: r(
                r"(?i-u)(?-u:\b)(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[ \t\r\n]+(?:fiscal[ \t\r\n]+)?quarter(?:[ \t\r\n]+of)?(?:[ \t\r\n]+(?:fiscal|fy))?[ \t\r\n]+(?P<year>(?:19|20)[0-9]{2})(?-u:\b)",
            )
            .needing(&["quarter"]),
            // "Q3 2016", "Q3'16", "Q3 FY2024", "Q3 fiscal 2024"
            q_year: r(
                r"(?i-u)(?-u:\b)Q(?P<q>[1-4])(?:[ \t\r\n]*(?:fiscal[ \t\r\n]*|FY[ \t\r\n]*)?(?P<year>(?:19|20)[0-9]{2})|[ \t\r\n]*(?:'|(?u:’))(?P<yy>[0-9]{2}))(?-u:\b)",
            ),
            // "3Q16", "3Q 2016", "2Q25"
            year_q: r(r"(?-u:\b)(?P<q>[1-4])Q[ \t\r\n]?(?P<year>(?:19|20)?[0-9]{2})(?-u:\b)"),
            // "first half of 2025", "1H25", "H1 2025"
            half: r(
                r"(?i-u)(?-u:\b)(?:(?P<ord>first|second)[ \t\r\n]+half(?:[ \t\r\n]+of)?(?:[ \t\r\n]+fiscal)?[ \t\r\n]+(?P<year>(?:19|20)[0-9]{2})|(?P<h>[12])H[ \t\r\n]?(?P<yy>(?:19|20)?[0-9]{2})|H(?P<h2>[12])[ \t\r\n]?(?P<yy2>(?:19|20)?[0-9]{2}))(?-u:\b)",
            ),
            // "nine months of 2016", "first nine months of 2016"
            nine: r(r"(?i-u)(?-u:\b)(?:first[ \t\r\n]+)?nine[ \t\r\n]+months[ \t\r\n]+of[ \t\r\n]+(?P<year>(?:19|20)[0-9]{2})(?-u:\b)")
            .needing(&["nine"]),
            // "fiscal 2024", "fiscal year 2024", "FY2024", "full year 2024"
            fiscal_year: r(
                r"(?i-u)(?-u:\b)(?:fiscal(?:[ \t\r\n]+year)?|FY|full[[ \t\r\n]-]+year)[ \t\r\n]*(?:'|(?u:’))?(?P<year>(?:19|20)?[0-9]{2})(?-u:\b)",
            )
            .needing(&["fiscal", "fy", "full"]),
            prior_year: r(
                r"(?i-u)(?-u:\b)(?:(?:the[ \t\r\n]+)?same[ \t\r\n]+(?:period|quarter)[ \t\r\n]+(?:(?:of|in)[ \t\r\n]+)?(?:last|the[ \t\r\n]+prior|the[ \t\r\n]+previous|prior)[ \t\r\n]+year|(?:the[ \t\r\n]+)?prior[[ \t\r\n]-]year[ \t\r\n]+(?:period|quarter)|(?:a|one)[ \t\r\n]+year[ \t\r\n]+(?:earlier|ago)|(?:the[ \t\r\n]+)?same[ \t\r\n]+period[ \t\r\n]+(?:of|in)[ \t\r\n]+(?:19|20)[0-9]{2}|last[ \t\r\n]+year)(?-u:\b)",
            )
            .needing(&["year", "same"]),
            prior_quarter: r(
                r"(?i-u)(?-u:\b)(?:sequentially|(?:the[ \t\r\n]+)?(?:prior|previous|preceding)[ \t\r\n]+quarter|quarter[[ \t\r\n]-]over[[ \t\r\n]-]quarter)(?-u:\b)",
            )
            .needing(&["sequentially", "quarter"]),
            date_long: r(&format!(r"(?-u:\b){month}[ \t\r\n]+(?P<day>[0-9]{{1,2}}),?[ \t\r\n]+(?P<year>(?:19|20)[0-9]{{2}})(?-u:\b)")),
            date_slash: r(r"(?-u:\b)(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})/(?P<y>[0-9]{2}|[0-9]{4})(?-u:\b)")
            .needing(&["/"]),
        }
    })
}

/// Every period, relative period and date in `text`, in order. `fye` is the month the fiscal
/// year ends in (12 for December).
pub fn find_periods(text: &str, fye: u8) -> Vec<Match> {
    let p = patterns();
    let _ = fye;
    // periods with their end date first, all kept; then each other pattern in turn, a match
    // kept unless it overlaps one kept before
    let mut out: Vec<Match> = p
        .ended
        .captures_iter(text)
        .map(|c| Match {
            range: c.get(0).map_or(0..0, |m| m.range()),
            what: ended(&c),
        })
        .collect();
    let mut taken = Taken::default();
    for m in &out {
        taken.insert(&m.range);
    }
    let readers: [(&Pattern, Read); 12] = [
        (&p.ordinal_quarter, Read::Groups(ordinal_quarter)),
        (&p.q_year, Read::Groups(q_year)),
        (&p.year_q, Read::Groups(year_q)),
        (&p.half, Read::Groups(half)),
        (&p.nine, Read::Groups(nine_months)),
        (&p.fiscal_year, Read::Groups(fiscal_year)),
        (&p.quarter_only, Read::Groups(quarter_only)),
        (&p.year_only, Read::Whole(Found::YearOnly)),
        (&p.prior_year, Read::Whole(Found::PriorYear)),
        (&p.prior_quarter, Read::Whole(Found::PriorQuarter)),
        (&p.date_long, Read::Groups(date_long)),
        (&p.date_slash, Read::Groups(date_slash)),
    ];
    for (pattern, read) in readers {
        let found: Vec<(Range<usize>, Found)> = match read {
            Read::Groups(f) => pattern
                .captures_iter(text)
                .filter_map(|c| Some((c.get(0)?.range(), f(&c)?)))
                .collect(),
            Read::Whole(what) => pattern
                .find_iter(text)
                .map(|m| (m.range(), what.clone()))
                .collect(),
        };
        for (range, what) in found {
            if !taken.overlaps(&range) {
                taken.insert(&range);
                out.push(Match { range, what });
            }
        }
    }
    out.sort_by_key(|m| m.range.start);
    name_quarters(text, &mut out);
    out
}

/// How a pattern's match becomes a [`Found`]: read from its groups (`None`: no period after
/// all, an impossible date), or the same for every match.
enum Read {
    Groups(fn(&Groups) -> Option<Found>),
    Whole(Found),
}

/// "third quarter ended June 30, 2016", "nine months ended September 30".
fn ended(c: &Groups) -> Found {
    let month = month_of(c.name("mon").map(|x| x.as_str()).unwrap_or("")).unwrap_or(0);
    let year = c.name("year").and_then(|y| year_of(y.as_str()));
    // a day the month does not have ("February 31") is no day
    let day = c
        .name("day")
        .and_then(|d| d.as_str().parse().ok())
        .filter(|&d| {
            Date {
                year: year.unwrap_or(2000),
                month,
                day: d,
            }
            .is_valid()
        });
    let quarter = c.name("ord").and_then(|o| ordinal(o.as_str()));
    let months = c
        .name("n")
        .and_then(|n| number_months(n.as_str()))
        .unwrap_or(if c.name("qw").is_some() { 3 } else { 0 });
    Found::Ended {
        quarter,
        months,
        end: (month, day, year),
    }
}

fn period(kind: PeriodKind, year: i32) -> Option<Found> {
    Some(Found::Period(Period { kind, year }))
}

/// The first of the named groups that matched, read as a year.
fn year_in(c: &Groups, names: &[&str]) -> i32 {
    names
        .iter()
        .find_map(|n| c.name(n))
        .and_then(|y| year_of(y.as_str()))
        .unwrap_or(0)
}

/// "third quarter of 2016".
fn ordinal_quarter(c: &Groups) -> Option<Found> {
    let q = ordinal(&c["ord"]).unwrap_or(1);
    period(PeriodKind::Quarter(q), year_in(c, &["year"]))
}

/// "Q3 2016", "Q3'16".
fn q_year(c: &Groups) -> Option<Found> {
    let q: u8 = c["q"].parse().unwrap_or(1);
    period(PeriodKind::Quarter(q), year_in(c, &["year", "yy"]))
}

/// "2016 Q3".
fn year_q(c: &Groups) -> Option<Found> {
    let q: u8 = c["q"].parse().unwrap_or(1);
    period(PeriodKind::Quarter(q), year_in(c, &["year"]))
}

/// "first half of 2016", "H1 2016".
fn half(c: &Groups) -> Option<Found> {
    let h = c
        .name("ord")
        .map(|o| {
            if o.as_str().eq_ignore_ascii_case("first") {
                1
            } else {
                2
            }
        })
        .or_else(|| {
            c.name("h")
                .or(c.name("h2"))
                .and_then(|x| x.as_str().parse().ok())
        })
        .unwrap_or(1);
    period(PeriodKind::Half(h), year_in(c, &["year", "yy", "yy2"]))
}

/// "first nine months of 2016".
fn nine_months(c: &Groups) -> Option<Found> {
    period(PeriodKind::NineMonths, year_in(c, &["year"]))
}

/// "fiscal 2016", "fiscal year 2016".
fn fiscal_year(c: &Groups) -> Option<Found> {
    period(PeriodKind::Year, year_in(c, &["year"]))
}

/// "the third quarter" (no year).
fn quarter_only(c: &Groups) -> Option<Found> {
    Some(Found::QuarterOnly(ordinal(&c["ord"]).unwrap_or(1)))
}

/// "September 30, 2016".
fn date_long(c: &Groups) -> Option<Found> {
    let date = Date {
        year: year_in(c, &["year"]),
        month: month_of(&c[1]).unwrap_or(0),
        day: c["day"].parse().unwrap_or(0),
    };
    date.is_valid().then_some(Found::Date(date))
}

/// "9/30/2016".
fn date_slash(c: &Groups) -> Option<Found> {
    let date = Date {
        year: year_in(c, &["y"]),
        month: c["m"].parse().unwrap_or(0),
        day: c["d"].parse().unwrap_or(0),
    };
    date.is_valid().then_some(Found::Date(date))
}

/// The ranges of the matches kept so far: a match overlapping one of them is dropped. Looked
/// up by start, within the longest range kept, not by a scan of every earlier match.
#[derive(Default)]
struct Taken {
    ranges: std::collections::BTreeSet<(usize, usize)>,
    longest: usize,
}

impl Taken {
    fn insert(&mut self, r: &Range<usize>) {
        self.ranges.insert((r.start, r.end));
        self.longest = self.longest.max(r.len());
    }

    /// Does a kept range share a byte with `r` (`start < r.end && r.start < end`)?
    fn overlaps(&self, r: &Range<usize>) -> bool {
        // a kept range ending after r.start starts after r.start - longest
        let from = (r.start + 1).saturating_sub(self.longest);
        self.ranges
            .range((from, 0)..(r.end, 0))
            .any(|&(start, end)| start < r.end && r.start < end)
    }
}

/// A quarter named, then its months in parentheses: "the second quarter of fiscal 2024 (the
/// three months ended March 31, 2024)" names the quarter those three months are.
fn name_quarters(text: &str, out: &mut [Match]) {
    for i in 1..out.len() {
        let q = match out[i - 1].what {
            Found::Period(Period {
                kind: PeriodKind::Quarter(q),
                ..
            })
            | Found::QuarterOnly(q) => q,
            _ => continue,
        };
        let between = &text[out[i - 1].range.end..out[i].range.start];
        let between = between.trim().trim_start_matches('(').trim_start();
        let opens = text[out[i - 1].range.end..].trim_start().starts_with('(');
        if !opens || !(between.is_empty() || between.eq_ignore_ascii_case("the")) {
            continue;
        }
        if let Found::Ended {
            quarter: quarter @ None,
            months: 3,
            ..
        } = &mut out[i].what
        {
            *quarter = Some(q);
        }
    }
}

/// The period a match stands for, given the fiscal year end and, for relative periods, the
/// period they are relative to.
pub fn resolve(m: &Found, fye: u8, relative_to: Option<Period>) -> Option<Period> {
    match m {
        Found::Period(p) => Some(*p),
        Found::Ended {
            quarter,
            months,
            end: (month, _, year),
        } => {
            let year = (*year)?;
            // the quarter whose end month this is
            let q_of_month = (1..=4u8).find(|&q| {
                Period {
                    kind: PeriodKind::Quarter(q),
                    year,
                }
                .end_month(fye)
                    == *month
            });
            let kind = match (quarter, months) {
                (Some(q), _) => PeriodKind::Quarter(*q),
                (None, 3) => PeriodKind::Quarter(q_of_month?),
                (None, 6) => PeriodKind::Half(1),
                (None, 9) => PeriodKind::NineMonths,
                (None, 12) => PeriodKind::Year,
                _ => return None,
            };
            // fiscal year: the year the fiscal year ends in
            let fy = if *month > fye { year + 1 } else { year };
            Some(Period { kind, year: fy })
        }
        Found::QuarterOnly(q) => relative_to.map(|p| Period {
            kind: PeriodKind::Quarter(*q),
            year: p.year,
        }),
        Found::YearOnly => relative_to.map(|p| Period {
            kind: PeriodKind::Year,
            year: p.year,
        }),
        Found::PriorYear => relative_to.map(|p| p.prior_year()),
        Found::PriorQuarter => relative_to.and_then(|p| p.prior_quarter()),
        Found::Date(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn periods(t: &str) -> Vec<String> {
        find_periods(t, 12)
            .into_iter()
            .filter_map(|m| resolve(&m.what, 12, None).map(|p| p.to_string()))
            .collect()
    }

    #[test]
    fn quarters_in_every_spelling() {
        assert_eq!(
            periods("the third quarter of 2016, Q3 2016, 3Q16, Q2'25 and second quarter 2016"),
            vec!["Q3 2016", "Q3 2016", "Q3 2016", "Q2 2025", "Q2 2016"]
        );
        assert_eq!(
            periods("for the three months ended September 30, 2016"),
            vec!["Q3 2016"]
        );
        assert_eq!(
            periods("for the nine months ended September 30, 2016"),
            vec!["9M 2016"]
        );
        assert_eq!(
            periods("in the first half of 2025 and 1H24"),
            vec!["H1 2025", "H1 2024"]
        );
        assert_eq!(periods("during fiscal 2024"), vec!["FY 2024"]);
    }

    #[test]
    fn a_quarter_named_before_its_months() {
        let t = "the second quarter of fiscal 2024 (the three months ended March 31, 2024) and the third quarter, compared to the three months ended March 31, 2023";
        let ended: Vec<Option<u8>> = find_periods(t, 12)
            .into_iter()
            .filter_map(|m| match m.what {
                Found::Ended { quarter, .. } => Some(quarter),
                _ => None,
            })
            .collect();
        assert_eq!(ended, vec![Some(2), None]);
    }

    #[test]
    fn fiscal_year_ending_in_june() {
        // a June year end: the quarter ended September 30, 2024 is Q1 of fiscal 2025
        let m = find_periods("three months ended September 30, 2024", 6);
        assert_eq!(
            resolve(&m[0].what, 6, None),
            Some(Period {
                kind: PeriodKind::Quarter(1),
                year: 2025
            })
        );
    }

    #[test]
    fn relative_periods_and_dates() {
        let t = "compared to the same period last year; sequentially; May 30, 2017 -- 05/30/17";
        let m = find_periods(t, 12);
        assert_eq!(m[0].what, Found::PriorYear);
        assert_eq!(m[1].what, Found::PriorQuarter);
        assert_eq!(
            m[2].what,
            Found::Date(Date {
                year: 2017,
                month: 5,
                day: 30
            })
        );
        assert_eq!(
            m[3].what,
            Found::Date(Date {
                year: 2017,
                month: 5,
                day: 30
            })
        );
        let q3 = Period {
            kind: PeriodKind::Quarter(3),
            year: 2016,
        };
        assert_eq!(resolve(&m[0].what, 12, Some(q3)), Some(q3.prior_year()));
        assert_eq!(
            resolve(&m[1].what, 12, Some(q3)),
            Some(Period {
                kind: PeriodKind::Quarter(2),
                year: 2016
            })
        );
    }

    #[test]
    fn parse_for_facts_files() {
        assert_eq!(
            Period::parse("Q2 2016"),
            Some(Period {
                kind: PeriodKind::Quarter(2),
                year: 2016
            })
        );
        assert_eq!(Period::parse("FY 2024").unwrap().to_string(), "FY 2024");
    }

    #[test]
    fn impossible_days_and_two_digit_years() {
        let dates = |t: &str| -> Vec<String> {
            find_periods(t, 12)
                .into_iter()
                .filter_map(|m| match m.what {
                    Found::Date(d) => Some(d.to_string()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            dates("on February 31, 2024 and 2/30/24"),
            Vec::<String>::new()
        );
        assert_eq!(
            dates("on February 29, 2024 and 4/30/99"),
            ["2024-02-29", "1999-04-30"]
        );
        assert!(dates("on February 29, 2023").is_empty());
        let q = |t: &str| match &find_periods(t, 12)[0].what {
            Found::Period(p) => p.year,
            other => panic!("{other:?}"),
        };
        assert_eq!(q("3Q98"), 1998);
        assert_eq!(q("3Q24"), 2024);
        assert_eq!(q("Q3'68"), 2068);
    }
}
