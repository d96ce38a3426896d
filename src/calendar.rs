//! The fiscal calendar of a document: the month its fiscal year ends in.
//!
//! A fiscal year may end in any month, and a 52/53-week year ends on a weekday near a month's
//! end ("September 28", "February 3"). tieout never assumes December: [`fiscal_calendars`]
//! reads the calendar from the document, and when the document allows several calendars every
//! one of them is kept, so that a period is reported as wrong only when it is wrong under all.

use std::ops::Range;
use std::sync::OnceLock;

use crate::pattern::Pattern;

use crate::periods::{Found, Match, MONTH_PATTERN, SP};
use crate::source::Document;

/// A set of months (bit `m - 1` for month `m`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Months(u16);

impl Months {
    /// One month (none for a number outside 1-12).
    pub fn of(month: u8) -> Months {
        match month {
            1..=12 => Months(1 << (month - 1)),
            _ => Months(0),
        }
    }

    /// The months a period ending on this day can close: its own month and, for a day in the
    /// first week of a month, the month before (a 52/53-week "quarter ended April 2" closes
    /// March).
    pub fn ending(month: u8, day: Option<u8>) -> Months {
        let m = Months::of(month);
        if day.is_some_and(|d| d <= 7) {
            m.union(m.later(11))
        } else {
            m
        }
    }

    /// Every month moved `n` months later.
    pub fn later(self, n: u8) -> Months {
        let n = u32::from(n % 12);
        let bits = u32::from(self.0);
        Months((((bits << n) | (bits >> (12 - n))) & 0xfff) as u16)
    }

    pub fn union(self, other: Months) -> Months {
        Months(self.0 | other.0)
    }

    pub fn intersects(self, other: Months) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The months, in calendar order.
    pub fn iter(self) -> impl Iterator<Item = u8> {
        (1..=12u8).filter(move |&m| self.0 & (1 << (m - 1)) != 0)
    }
}

impl FromIterator<u8> for Months {
    fn from_iter<I: IntoIterator<Item = u8>>(it: I) -> Months {
        it.into_iter()
            .fold(Months::default(), |a, m| a.union(Months::of(m)))
    }
}

/// The English name of a month (1-12).
pub fn month_name(m: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// The fiscal year ends a quarter or year-to-date period named with its end date allows:
/// "third quarter ended June 30" closes the third quarter of a year ending in September; "six
/// months ended December 31" is the first half of a year ending in June or the second half of
/// one ending in December; "nine months ended" ends three months before the year end, or at it
/// (the last nine months of a year). `None` for periods that say nothing of the calendar
/// ("three months ended", "quarter ended", "twelve months ended").
pub fn year_ends_allowed(found: &Found) -> Option<Months> {
    let Found::Ended {
        quarter,
        months,
        end: (month, day, _),
    } = found
    else {
        return None;
    };
    let end = Months::ending(*month, *day);
    match (quarter, months) {
        (Some(q), _) => Some(end.later(3 * (4 - (*q).clamp(1, 4)))),
        (None, 6) => Some(end.later(6).union(end)),
        (None, 9) => Some(end.later(3).union(end)),
        _ => None,
    }
}

/// Where the calendar comes from, strongest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// `fiscal_year_end` in tieout.toml.
    Configured,
    /// The document's metadata ([`Document::declared_fye`]).
    Declared,
    /// The document says its fiscal year changed: every calendar its evidence supports.
    Changed(Range<usize>),
    /// Year ends the document states ("fiscal year ended June 30, 2023"): the first that names
    /// the best supported month.
    Stated(Range<usize>),
    /// The period the document reports, named in its headline.
    Headline(Range<usize>),
    /// The quarters and year-to-date periods the document names with their end dates.
    Named,
    /// Nothing: no period with an end date at all.
    Unknown,
}

/// The fiscal calendars a document allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendars {
    /// The months the fiscal year may end in, best supported first.
    pub months: Vec<u8>,
    pub basis: Basis,
}

impl Calendars {
    /// The plausible year-end months as a set.
    pub fn allowed(&self) -> Months {
        self.months.iter().copied().collect()
    }

    /// The best supported year-end month, December when nothing says.
    pub fn first(&self) -> u8 {
        self.months.first().copied().unwrap_or(12)
    }
}

/// How far from the top the headline of a document may be (bytes of text).
pub const HEAD: usize = 1500;

/// The fiscal calendars a document allows: which months its fiscal year may end in.
///
/// The evidence, strongest first; the first kind present decides:
/// 1. `configured`, the month of `fiscal_year_end` in tieout.toml (1-12; 0 when not set);
/// 2. the document's metadata, [`Document::declared_fye`] (inline XBRL
///    `dei:CurrentFiscalYearEndDate`), with a month next to it that the text states as a year
///    end (a 52/53-week year declared by its last day, "--02-03", is a January year);
/// 3. the year ends the document states, each occurrence one vote: "fiscal year ended June 30,
///    2023", "for the years ended September 28, 2024 and September 30, 2023", "our fiscal year
///    ends on the Saturday closest to January 31" (not a "calendar year", "tax year" or "plan
///    year");
/// 4. the period the document is about, in its headline ("results for the second quarter ended
///    March 31, 2024");
/// 5. the quarters and year-to-date periods named with their end dates, each distinct one a
///    vote.
///
/// 52/53-week years count for both months around a first-week date. Within the deciding kind,
/// every month with at least half the votes of the best supported one is a plausible calendar:
/// one stray mention (an old fiscal year in an exhibit list) among forty is not, two calendars
/// stated as often are both kept. A document that says its fiscal year changed allows every
/// month any of its evidence supports.
pub fn fiscal_calendars(doc: &Document, matches: &[Match], configured: u8) -> Calendars {
    let only = |m: u8, basis: Basis| Calendars {
        months: vec![m],
        basis,
    };
    if (1..=12).contains(&configured) {
        return only(configured, Basis::Configured);
    }
    let stated = stated_year_ends(&doc.text);
    if let Some(m) = doc.declared_fye.filter(|m| (1..=12).contains(m)) {
        return declared_calendars(m, &stated);
    }
    let named = distinct_periods(matches);
    if let Some(change) = fiscal_year_change(&doc.text) {
        let all = stated.iter().chain(&named).map(|(_, a)| *a);
        return Calendars {
            months: by_support(all, ANY),
            basis: Basis::Changed(change),
        };
    }
    if !stated.is_empty() {
        return stated_calendars(&stated, &named);
    }
    match named.first() {
        Some((range, allowed)) if range.start < HEAD => Calendars {
            months: by_support(std::iter::once(*allowed), 1),
            basis: Basis::Headline(range.clone()),
        },
        Some(_) => Calendars {
            months: by_support(named.iter().map(|(_, a)| *a), 2),
            basis: Basis::Named,
        },
        None => Calendars {
            months: Vec::new(),
            basis: Basis::Unknown,
        },
    }
}

/// The calendars of a year end the metadata declares, `declared`: that month, and a month
/// next to it that the text states as a year end (a 52/53-week year declared by its last day,
/// "--02-03", whose text says "fiscal year ended January 28, 2023").
fn declared_calendars(declared: u8, stated: &[(Range<usize>, Months)]) -> Calendars {
    let one = Months::of(declared);
    let near = one.later(1).union(one.later(11));
    let found = stated
        .iter()
        .fold(Months::default(), |u, (_, a)| u.union(*a));
    let mut months = vec![declared];
    months.extend(found.iter().filter(|&m| near.intersects(Months::of(m))));
    Calendars {
        months,
        basis: Basis::Declared,
    }
}

/// The quarters and year-to-date periods named with an end date, each distinct one once (a
/// table header repeated on every page is one statement), at its first occurrence.
fn distinct_periods(matches: &[Match]) -> Vec<(Range<usize>, Months)> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for m in matches {
        let (
            Some(a),
            Found::Ended {
                quarter,
                months,
                end,
            },
        ) = (year_ends_allowed(&m.what), &m.what)
        else {
            continue;
        };
        let key = (*quarter, *months, end.0, a);
        if !seen.contains(&key) {
            seen.push(key);
            out.push((m.range.clone(), a));
        }
    }
    out
}

/// The calendars of the year ends a document states: those stated at least half as often as
/// the most stated one, and any stated one that the periods it names fit best (a June year end
/// stated once beside two "years ended December 31" of a subsidiary, in a report of the nine
/// months ended March 31).
fn stated_calendars(
    stated: &[(Range<usize>, Months)],
    named: &[(Range<usize>, Months)],
) -> Calendars {
    let mut months = by_support(stated.iter().map(|(_, a)| *a), 2);
    let fitting: Months = by_support(named.iter().map(|(_, a)| *a), 1)
        .into_iter()
        .collect();
    let any_stated = stated
        .iter()
        .fold(Months::default(), |u, (_, a)| u.union(*a));
    for m in any_stated.iter() {
        if fitting.intersects(Months::of(m)) && !months.contains(&m) {
            months.push(m);
        }
    }
    let first = Months::of(months[0]);
    let at = stated
        .iter()
        .find(|(_, a)| a.intersects(first))
        .map(|(r, _)| r.clone());
    Calendars {
        months,
        basis: Basis::Stated(at.unwrap_or_default()),
    }
}

/// For [`by_support`]: every month with a vote.
const ANY: usize = usize::MAX;

/// Months by their votes, most first (December first among equals: the most common year end
/// names the periods of facts): those with at least `1 / share` of the best one's votes.
fn by_support(votes: impl Iterator<Item = Months>, share: usize) -> Vec<u8> {
    let mut count = [0usize; 13];
    for v in votes {
        for m in v.iter() {
            count[m as usize] += 1;
        }
    }
    let best = count.iter().copied().max().unwrap_or(0);
    let mut months: Vec<u8> = (1..=12u8)
        .filter(|&m| count[m as usize] > 0 && count[m as usize].saturating_mul(share) >= best)
        .collect();
    months.sort_by_key(|&m| (std::cmp::Reverse(count[m as usize]), m != 12));
    months
}

struct Patterns {
    year_end: Pattern,
    weekday_end: Pattern,
    change: Pattern,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let month = MONTH_PATTERN;
        let r = |s: &str| Pattern::new(s);
        Patterns {
            // "fiscal year ended June 30", "years ended September 28, 2024", "fiscal year-end
            // of March 31", "year ending January 31"; the word before says whose year it is
            year_end: r(&format!(
                r"(?i-u)(?-u:\b)(?:(?P<whose>[a-z]+){SP})?(?P<said>(?:fiscal{SP})?years?)(?:-|{SP})(?:ended|ending|ends(?:{SP}on)?|end(?:{SP}(?:is|was|of|on))?)[,:]?{SP}(?P<mon>{month}){SP}(?P<day>[0-9]{{1,2}})(?-u:\b)"
            ))
            .needing(&["year"]),
            // "fiscal year ends on the Saturday closest to January 31", "the last Sunday in
            // September"
            weekday_end: r(&format!(
                r"(?i-u)(?-u:\b)fiscal{SP}years?{SP}(?:ends?|ended|ending){SP}on{SP}the{SP}(?:last{SP}|first{SP})?(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day{SP}(?:closest|nearest|in|of|before|after)(?:{SP}to)?(?:{SP}the{SP}(?:last{SP}day|end){SP}of)?{SP}(?P<mon>{month})(?-u:\b)"
            ))
            .needing(&["fiscal"]),
            change: r(
                &format!(r"(?i-u)(?-u:\b)(?:chang(?:e|ed|es|ing)|transition(?:ed|ing)?){SP}(?:in{SP}|of{SP})?(?:its|our|the|their)?{SP}?(?:company(?:'|(?u:’))s{SP})?fiscal{SP}year(?:-|{SP})?(?:end)?(?-u:\b)"),
            )
            .needing(&["fiscal"]),
        }
    })
}

/// Years that are not the company's fiscal year.
const OTHER_YEARS: &[&str] = &[
    "calendar",
    "tax",
    "taxable",
    "plan",
    "policy",
    "academic",
    "school",
    "crop",
    "contract",
    "lease",
    "program",
    "award",
    "performance",
    "measurement",
    "marketing",
];

/// The year ends the text states, with the months each allows.
fn stated_year_ends(text: &str) -> Vec<(Range<usize>, Months)> {
    let p = patterns();
    let mut out: Vec<(Range<usize>, Months)> = p
        .year_end
        .captures_iter(text)
        .filter(|c| {
            !c.name("whose").is_some_and(|w| {
                OTHER_YEARS
                    .iter()
                    .any(|o| o.eq_ignore_ascii_case(w.as_str()))
            })
        })
        .filter_map(|c| {
            let month = crate::periods::month_of(&c["mon"])?;
            let day = c["day"].parse().ok();
            Some((
                c.name("said")?.start()..c.get(0)?.end(),
                Months::ending(month, day),
            ))
        })
        .collect();
    out.extend(p.weekday_end.captures_iter(text).filter_map(|c| {
        let month = crate::periods::month_of(&c["mon"])?;
        Some((c.get(0)?.range(), Months::of(month)))
    }));
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Where the text says the fiscal year changed ("changed its fiscal year end").
fn fiscal_year_change(text: &str) -> Option<Range<usize>> {
    patterns().change.find(text).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::periods::find_periods;

    fn calendars(text: &str) -> Calendars {
        let doc = Document::plain("t.txt", text);
        fiscal_calendars(&doc, &find_periods(text, 12), 0)
    }

    #[test]
    fn months_shift_and_first_week_dates() {
        assert_eq!(Months::of(11).later(3).iter().collect::<Vec<_>>(), vec![2]);
        assert_eq!(
            Months::ending(4, Some(2)).iter().collect::<Vec<_>>(),
            vec![3, 4]
        );
        assert_eq!(
            Months::ending(6, Some(28)).iter().collect::<Vec<_>>(),
            vec![6]
        );
    }

    #[test]
    fn stated_year_end_decides() {
        let c = calendars("For the nine months ended March 31, 2024. Our fiscal year ended June 30, 2023; the years ended June 30, 2023 and 2022. Taxes for the calendar year ended December 31, 2023.");
        assert_eq!(c.months, vec![6]);
        assert!(matches!(c.basis, Basis::Stated(_)));
    }

    #[test]
    fn a_year_end_stated_less_often_that_the_periods_fit() {
        let t = "The fiscal year ended June 30, 2023. The subsidiary's years ended December 31, 2023 and December 31, 2022, its year ended December 31, 2021 and its year ended December 31, 2020.\n\nFor the nine months ended March 31, 2024 and the third quarter ended March 31, 2024.";
        assert_eq!(calendars(t).months, vec![12, 6]);
    }

    #[test]
    fn declared_year_end_and_its_52_53_week_neighbour() {
        let mut doc = Document::plain(
            "t.txt",
            "For the fiscal year ended January 28, 2023 and the year ended December 31, 2022.",
        );
        doc.declared_fye = Some(2);
        let c = fiscal_calendars(&doc, &[], 0);
        assert_eq!((c.months, c.basis), (vec![2, 1], Basis::Declared));
        // the configuration wins over the metadata
        assert_eq!(fiscal_calendars(&doc, &[], 6).months, vec![6]);
    }

    #[test]
    fn stray_mentions_and_ties() {
        let one = "fiscal year ended September 30, 2023. ".repeat(4) + "year ended May 31, 2006";
        assert_eq!(calendars(&one).months, vec![9]);
        let tie = "year ended January 31, 2024 and fiscal year ended February 3, 2024";
        assert_eq!(calendars(tie).months, vec![1, 2]);
        let weekday = "Our fiscal year ends on the Saturday closest to January 31.";
        assert_eq!(calendars(weekday).months, vec![1]);
    }

    #[test]
    fn headline_then_named_periods() {
        let c = calendars("Results for the second quarter ended March 31, 2024.\n\nFor the six months ended March 31, 2024, sales rose.");
        assert_eq!(c.months, vec![9]);
        assert!(matches!(c.basis, Basis::Headline(_)));
        let far = " ".repeat(HEAD)
            + "the first quarter ended April 30, 2024 and the second quarter ended July 31, 2024";
        assert_eq!(calendars(&far).months, vec![1]);
        assert_eq!(calendars("Revenue was flat.").basis, Basis::Unknown);
    }

    #[test]
    fn a_changed_fiscal_year_allows_both() {
        let c = calendars("The Company changed its fiscal year end from June 30 to December 31. For the fiscal year ended June 30, 2023 and the years ended December 31, 2023 and December 31, 2022, and the year ended December 31, 2021.");
        assert_eq!(c.allowed(), [6, 12].into_iter().collect());
    }
}
