//! `period-date`: quarter names agree with their end dates, year-to-date periods with the
//! quarter, the dateline with the written date, and agreements are not dated after the release.

use std::ops::Range;

use super::*;
use crate::calendar::{month_name, year_ends_allowed, Basis, Months, HEAD};
use crate::periods::{Date, Found, Period, PeriodKind};

pub static RULE: RuleDef = RuleDef {
    id: "period-date",
    summary: "Quarter names, end dates, datelines and agreement dates must agree",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check,
    check_document: Some(check_document),
};

const DOCS: &str = "\
Checks the calendar of a document against itself; a fiscal year may end in any month, and
tieout never assumes December:
- the fiscal calendars the document allows are read from `fiscal_year_end` in tieout.toml, the
  document's metadata (inline XBRL dei), the year ends it states (\"fiscal year ended June 30,
  2023\"), the period of its headline, or else the periods it names most (when these disagree
  with each other, every calendar with comparable support is kept);
- a named quarter, \"six months ended\" or \"nine months ended\" with its end date is an error
  only when no calendar the document allows ends that period then (\"six months ended
  December 31\" is the first half of a June year or the second half of a December one;
  52/53-week years, whose periods end in the first days of a month, are allowed for). Each
  contradiction is reported once, at its first occurrence;
- the dateline (\"THORNTON, CO -- 05/30/17 --\") agrees with a date written on its own line;
- an agreement \"entered into on\" or \"dated\" a date after the release date is flagged (not
  in a forward-looking sentence, nor \"as of\" dates, which may be later effective dates).

Example (error):
    Solar Film Co.'s fiscal year ends December 31.
    Results for the third quarter ended June 30, 2016
    The third quarter ends September 30 for a fiscal year ending December 31.

Suppress: <!-- tieout-ignore period-date: reason --> on the line before.";

fn check(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    Vec::new()
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let mut out = calendar_contradictions(ctx);
    out.extend(release_dates(ctx));
    out
}

fn mismatch(range: Range<usize>, label: String, message: String, help: String) -> Outcome {
    Outcome::Mismatch(Mismatch {
        tier: Tier::Error,
        message,
        primary: range,
        primary_label: label,
        labels: vec![],
        help,
    })
}

/// One period named with an end date that no calendar of the document allows, with how often.
struct Contradiction {
    quarter: Option<u8>,
    months: u8,
    end_month: u8,
    first: Range<usize>,
    count: usize,
}

/// Quarters and year-to-date periods whose end date no fiscal calendar of the document allows,
/// once per (period, end month).
fn calendar_contradictions(ctx: &Ctx) -> Vec<Outcome> {
    let cal = &ctx.periods.calendars;
    let allowed = cal.allowed();
    if allowed.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Contradiction> = Vec::new();
    for m in &ctx.periods.matches {
        let Some(fits) = year_ends_allowed(&m.what) else {
            continue;
        };
        let Found::Ended {
            quarter,
            months,
            end: (end_month, _, _),
        } = m.what
        else {
            continue;
        };
        if fits.intersects(allowed) {
            continue;
        }
        let months = if quarter.is_some() { 3 } else { months };
        match found
            .iter_mut()
            .find(|c| (c.quarter, c.months, c.end_month) == (quarter, months, end_month))
        {
            Some(c) => c.count += 1,
            None => found.push(Contradiction {
                quarter,
                months,
                end_month,
                first: m.range.clone(),
                count: 1,
            }),
        }
    }
    found.into_iter().map(|c| contradiction(ctx, c)).collect()
}

fn contradiction(ctx: &Ctx, c: Contradiction) -> Outcome {
    let cal = &ctx.periods.calendars;
    let year_ends = names(cal.allowed());
    let (what, ends, verb) = match c.quarter {
        Some(q) => {
            let end = |fye| {
                Months::of(
                    Period {
                        kind: PeriodKind::Quarter(q),
                        year: 0,
                    }
                    .end_month(fye),
                )
            };
            (
                format!("the {} quarter", ORDINALS[(q as usize).clamp(1, 4) - 1]),
                ends_under(cal, end),
                "ends",
            )
        }
        None => {
            let ahead = if c.months == 6 { 6 } else { 9 };
            let what = if c.months == 6 {
                "six months"
            } else {
                "nine months"
            };
            (
                format!("{what} to date"),
                ends_under(cal, |fye| Months::of(fye).later(ahead)),
                "end",
            )
        }
    };
    let (why, evidence) = match &cal.basis {
        Basis::Configured => ("fiscal_year_end in tieout.toml ends the year", None),
        Basis::Declared => ("the document's metadata (dei) ends its fiscal year", None),
        Basis::Stated(r) => ("the document states its fiscal year ends", Some(r)),
        Basis::Headline(r) => ("the period in the headline ends the fiscal year", Some(r)),
        Basis::Changed(r) => ("the document's fiscal year changed; its year ends", Some(r)),
        Basis::Named | Basis::Unknown => {
            ("most periods the document names end the fiscal year", None)
        }
    };
    let times = match c.count {
        1 => String::new(),
        n => format!(" (written {n} times, reported once)"),
    };
    let labels = evidence
        .filter(|r| !r.is_empty() && **r != c.first)
        .map(|r| vec![(r.clone(), format!("fiscal year ending in {year_ends}"))])
        .unwrap_or_default();
    Outcome::Mismatch(Mismatch {
        tier: Tier::Error,
        message: format!(
            "{what} cannot end in {}: no fiscal year this document allows ends it then",
            month_name(c.end_month)
        ),
        primary: c.first,
        primary_label: format!("{what} {verb} in {ends}"),
        labels,
        help: format!(
            "{why} in {year_ends}, so {what} {verb} in {ends}{times}; set fiscal_year_end in \
             tieout.toml if the document's fiscal year ends otherwise"
        ),
    })
}

const ORDINALS: [&str; 4] = ["first", "second", "third", "fourth"];

/// The months a period ends in under each calendar the document allows, as words.
fn ends_under(cal: &crate::calendar::Calendars, end: impl Fn(u8) -> Months) -> String {
    names(
        cal.months
            .iter()
            .map(|&fye| end(fye))
            .fold(Months::default(), Months::union),
    )
}

/// Month names joined by "or".
fn names(m: Months) -> String {
    m.iter().map(month_name).collect::<Vec<_>>().join(" or ")
}

/// Release dates: the dateline against a date standing alone near the top, and agreements made
/// after the release.
fn release_dates(ctx: &Ctx) -> Vec<Outcome> {
    let mut out = Vec::new();
    let (dateline, standalone) = release_date_candidates(ctx);
    if let (Some((a, ra)), Some((b, rb))) = (&dateline, &standalone) {
        if a != b {
            out.push(Outcome::Mismatch(Mismatch {
                tier: Tier::Error,
                message: format!("the dateline says {a} but the release is dated {b}"),
                primary: ra.clone(),
                primary_label: format!("{a}"),
                labels: vec![(rb.clone(), format!("{b}"))],
                help: "the dateline and the date of the release must be the same day".into(),
            }));
        }
    }
    let Some(release) = dateline.or(standalone).map(|(d, _)| d) else {
        return out;
    };
    for m in &ctx.periods.matches {
        let Found::Date(d) = m.what else { continue };
        if d > release && made_on(ctx.text, m.range.clone()) {
            out.push(mismatch(
                m.range.clone(),
                "after the release date".into(),
                format!("an agreement dated {d} is after the release date {release}"),
                "an agreement described as made cannot be dated after the release".into(),
            ));
        }
    }
    out
}

/// A date and where it is written.
type Dated = (Date, Range<usize>);

/// The dateline ("THORNTON, CO -- (Marketwired) -- 05/30/17 --") and a date standing alone as
/// a paragraph (not a table cell), near the top.
fn release_date_candidates(ctx: &Ctx) -> (Option<Dated>, Option<Dated>) {
    let text = ctx.text;
    let head = text.len().min(HEAD);
    let mut dateline = None;
    let mut standalone = None;
    for m in ctx.periods.matches.iter().filter(|m| m.range.start < head) {
        let Found::Date(d) = m.what else { continue };
        if ctx.doc.in_table(m.range.start) {
            continue;
        }
        let para_start = text[..m.range.start]
            .rfind("\n\n")
            .map(|x| x + 2)
            .unwrap_or(0);
        let para_end = text[m.range.end..]
            .find("\n\n")
            .map(|x| m.range.end + x)
            .unwrap_or(text.len());
        let before = &text[para_start..m.range.start];
        if text[para_start..para_end].trim() == &text[m.range.clone()] {
            standalone.get_or_insert((d, m.range.clone()));
        } else if is_dateline(before) {
            dateline.get_or_insert((d, m.range.clone()));
        }
    }
    (dateline, standalone)
}

/// Is the text before a date, from its paragraph's start, a dateline ("THORNTON, CO --
/// (Marketwired) -- ")? A place and a wire's mark, short, with no lowercase word: a dash inside
/// a sentence ("Highlights — the board met on May 2") is not a dateline.
fn is_dateline(before: &str) -> bool {
    before.len() <= 160
        && DATELINE_MARKS.iter().any(|w| before.contains(w))
        && !before
            .split_whitespace()
            .any(|w| w.starts_with(|c: char| c.is_lowercase()))
}

const DATELINE_MARKS: &[&str] = &[
    "--",
    "\u{2014}",
    "/PRNewswire/",
    "(Marketwired)",
    "GLOBE NEWSWIRE",
    "Business Wire",
    "ACCESSWIRE",
];

/// Words that say an agreement was made on the date after them. Not "as of": an agreement
/// dated "as of" a day takes effect then, which may be after it is signed.
const MADE_ON: &[&str] = &[
    "entered into on",
    "dated",
    "signed on",
    "executed on",
    "agreement on",
];

/// Words of a sentence about the future: an agreement to be made may be dated later.
const FORWARD: &[&str] = &[
    " will ",
    " expect",
    " anticipate",
    " intend",
    " plan to ",
    " plans to ",
    " scheduled ",
    " proposed ",
    " to be ",
    " would ",
    " may ",
];

/// Does the text say something was made on the date at `date` (in a sentence about the past)?
fn made_on(text: &str, date: Range<usize>) -> bool {
    let from = crate::span::ceil_char(text, date.start.saturating_sub(40));
    let before = text[from..date.start].to_lowercase();
    let before = before.trim_end();
    let made = MADE_ON.iter().any(|w| {
        before
            .strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
    });
    if !made {
        return false;
    }
    let sentence = crate::facts::sentence_of(text, date.start);
    let lower = format!(" {} ", text[sentence].to_lowercase());
    !FORWARD.iter().any(|w| lower.contains(w))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    const DEC: &str = "Our fiscal year ends December 31.\n\n";

    #[test]
    fn quarter_and_end_date() {
        let third_june = format!("{DEC}Results for the third quarter ended June 30, 2016.");
        assert_eq!(
            findings(&third_june),
            vec!["error period-date `third quarter ended June 30, 2016`"]
        );
        assert_eq!(
            findings(&format!(
                "{DEC}Results for the third quarter ended September 30, 2016."
            )),
            Vec::<String>::new()
        );
        let nine_june = format!("{DEC}For the nine months ended June 30, 2016, revenue was flat.");
        assert_eq!(
            findings(&nine_june),
            vec!["error period-date `nine months ended June 30, 2016`"]
        );
        // 52/53-week calendars end quarters a few days into the next month
        assert_eq!(
            findings(&format!(
                "{DEC}Results for the fourth quarter ended January 3, 2016."
            )),
            Vec::<String>::new()
        );
    }

    #[test]
    fn no_assumed_december() {
        // alone, a quarter names its own calendar (September year end); a second half ends the year
        assert_eq!(
            findings("Results for the third quarter ended June 30, 2016."),
            Vec::<String>::new()
        );
        let h2 =
            format!("{DEC}Interest accrued at 4.50% for the six months ended December 31, 2023.");
        assert_eq!(findings(&h2), Vec::<String>::new());
        // the year end stated in the text decides over the periods named
        let june = "Read with the Form 10-K for the fiscal year ended June 30, 2023.\n\nFor the three and nine months ended March 31, 2024 and the six months ended December 31, 2023.";
        assert_eq!(findings(june), Vec::<String>::new());
    }

    #[test]
    fn a_quarter_named_before_its_months_in_parentheses() {
        let t = "Read with the Form 10-K for the fiscal year ended June 30, 2023.\n\nNet sales for the second quarter of fiscal 2024 (the three months ended March 31, 2024) rose.";
        assert_eq!(
            findings(t),
            vec!["error period-date `three months ended March 31, 2024`"]
        );
        assert_eq!(
            findings(&t.replace("second", "third")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn header_cells_are_not_paired_with_dates_of_another_row() {
        // "Six Months Ended" over a row of dates whose first belongs to "Three Months Ended"
        let t = format!("{DEC}Three Months Ended\tSix Months Ended\n\nMarch 31, 2024\tJune 30, 2024\n\nFor the six months ended June 30, 2024.");
        assert_eq!(findings(&t), Vec::<String>::new());
    }

    #[test]
    fn one_finding_per_contradiction() {
        let t = "For the fiscal year ended June 30, 2023.\n\nFor the nine months ended December 31, 2023. During the nine months ended December 31, 2023 and the nine months ended December 31, 2022.";
        let r = run(t);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].snippet, "nine months ended December 31, 2023");
        assert_eq!(
            r.findings[0].help.as_deref(),
            Some(
                "the document states its fiscal year ends in June, so nine months to date end in March \
                 (written 3 times, reported once); set fiscal_year_end in tieout.toml if the \
                 document's fiscal year ends otherwise"
            )
        );
    }

    #[test]
    fn dateline_and_agreement_dates() {
        let ok = "May 30, 2017\n\nTHORNTON, CO -- (Marketwired) -- 05/30/17 -- The Company converted shares under the agreement entered into on February 8, 2017.";
        assert_eq!(findings(ok), Vec::<String>::new());
        let bad = ok.replace("05/30/17", "05/31/17");
        assert_eq!(findings(&bad), vec!["error period-date `05/31/17`"]);
        let late = ok.replace("February 8, 2017", "June 8, 2017");
        assert_eq!(findings(&late), vec!["error period-date `June 8, 2017`"]);
    }

    #[test]
    fn a_dash_in_a_sentence_is_not_a_dateline() {
        let t = "May 30, 2017\n\nHighlights \u{2014} the board met on May 2, 2017 and approved the plan.";
        assert_eq!(findings(t), Vec::<String>::new());
    }

    #[test]
    fn later_dates_that_are_not_agreements_made() {
        let head = "May 30, 2017\n\nTHORNTON, CO -- (Marketwired) -- 05/30/17 -- ";
        for later in [
            // a word ending in "dated"
            "The presentation, updated June 8, 2017, is online.",
            // an effective date
            "The amendment, dated as of July 1, 2017, extends the term.",
            // a sentence about the future
            "The Company expects the agreement to be signed on June 15, 2017.",
            "The lender will fund under a note dated June 8, 2017.",
        ] {
            assert_eq!(
                findings(&format!("{head}{later}")),
                Vec::<String>::new(),
                "{later}"
            );
        }
    }

    #[test]
    fn a_date_in_a_table_is_not_the_release_date() {
        let html = "<table><tr><td>December 31, 2023</td></tr><tr><td>Cash</td><td>$5</td></tr></table>\
                    <p>On January 15, 2024, the Company signed the loan agreement entered into on January 15, 2024.</p>";
        assert_eq!(
            rule_findings("t.html", html, "period-date"),
            Vec::<String>::new()
        );
        let text = "December 31, 2023\n\nThe Company signed the loan agreement entered into on January 15, 2024.";
        assert_eq!(findings(text), vec!["error period-date `January 15, 2024`"]);
    }
}
