//! `period-date`: quarter names agree with their end dates, year-to-date periods with the
//! quarter, the dateline with the written date, and agreements are not dated after the release.

use super::*;
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
Checks the calendar of a release, for the fiscal year end configured (`fiscal_year_end` in
tieout.toml, December 31 by default):
- a named quarter agrees with its end date: \"third quarter ended June 30\" is wrong for a
  December year end (the third quarter ends September 30);
- \"six/nine months ended\" end with the second and third quarters (a quarter named without
  its number, \"quarter ended\", is not checked: its calendar is the company's); 52/53-week
  years, whose quarters end in the first days of a month, are allowed for;
- the dateline (\"THORNTON, CO -- 05/30/17 --\") agrees with a date written on its own line;
- an agreement \"entered into on\" or \"dated\" a date after the release date is flagged.

Example (error):
    Results for the third quarter ended June 30, 2016
    The third quarter ends September 30 for a fiscal year ending December 31.

Suppress: <!-- tieout-ignore period-date: reason --> on the line before.";

fn check(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    Vec::new()
}

const MONTH_NAMES: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

fn month_name(m: u8) -> &'static str {
    MONTH_NAMES.get((m as usize).wrapping_sub(1)).copied().unwrap_or("?")
}

fn mismatch(range: std::ops::Range<usize>, label: String, message: String, help: String) -> Outcome {
    Outcome::Mismatch(Mismatch {
        tier: Tier::Error,
        message,
        primary: range,
        primary_label: label,
        labels: vec![],
        help,
    })
}

fn m_day(f: &Found) -> Option<u8> {
    match f {
        Found::Ended { end: (_, day, _), .. } => *day,
        _ => None,
    }
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let p = ctx.periods;
    let fye = p.fye;
    let mut out = Vec::new();
    let ord = ["first", "second", "third", "fourth"];
    for m in &p.matches {
        let Found::Ended { quarter, months, end: (month, _, year) } = &m.what else { continue };
        let year = year.unwrap_or(0);
        let (expected, what) = match (quarter, months) {
            (Some(q), _) => (
                Period { kind: PeriodKind::Quarter(*q), year }.end_month(fye),
                format!("the {} quarter", ord[(*q as usize).clamp(1, 4) - 1]),
            ),
            (None, 6) => (Period { kind: PeriodKind::Half(1), year }.end_month(fye), "six months".into()),
            (None, 9) => (Period { kind: PeriodKind::NineMonths, year }.end_month(fye), "nine months".into()),
            _ => continue,
        };
        // 52/53-week years end quarters on a day near the month end: "February 2" ends January
        let day = m_day(&m.what);
        let near_previous = day.is_some_and(|d| d <= 7) && (*month as i32 - 1).rem_euclid(12) as u8 == expected % 12;
        if *month != expected && !near_previous {
            out.push(mismatch(
                m.range.clone(),
                format!("{what} ends in {}", month_name(expected)),
                format!("{what} does not end in {}", month_name(*month)),
                format!(
                    "for a fiscal year ending in {}, {what} ends in {} (set fiscal_year_end in tieout.toml for another year end)",
                    month_name(fye),
                    month_name(expected)
                ),
            ));
            continue;
        }
    }
    // release dates: a dateline, and a date standing alone as a paragraph near the top
    let text = ctx.text;
    let head = text.len().min(1500);
    let mut dateline: Option<(Date, std::ops::Range<usize>)> = None;
    let mut standalone: Option<(Date, std::ops::Range<usize>)> = None;
    for m in p.matches.iter().filter(|m| m.range.start < head) {
        let Found::Date(d) = m.what else { continue };
        let para_start = text[..m.range.start].rfind("\n\n").map(|x| x + 2).unwrap_or(0);
        let para_end = text[m.range.end..].find("\n\n").map(|x| m.range.end + x).unwrap_or(text.len());
        let before = &text[para_start..m.range.start];
        if text[para_start..para_end].trim() == &text[m.range.clone()] {
            standalone.get_or_insert((d, m.range.clone()));
        } else if before.len() <= 160
            && ["--", "\u{2014}", "/PRNewswire/", "(Marketwired)", "GLOBE NEWSWIRE", "Business Wire", "ACCESSWIRE"]
                .iter()
                .any(|w| before.contains(w))
        {
            dateline.get_or_insert((d, m.range.clone()));
        }
    }
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
    let release = dateline.as_ref().or(standalone.as_ref()).map(|(d, _)| *d);
    if let Some(release) = release {
        for m in &p.matches {
            let Found::Date(d) = m.what else { continue };
            let from = crate::span::ceil_char(text, m.range.start.saturating_sub(40));
            let before = text[from..m.range.start].to_lowercase();
            let before = before.trim_end();
            let agreement = ["entered into on", "entered into as of", "dated", "dated as of", "signed on", "executed on", "agreement on"]
                .iter()
                .any(|w| before.ends_with(w));
            if agreement && d > release {
                out.push(mismatch(
                    m.range.clone(),
                    "after the release date".into(),
                    format!("an agreement dated {d} is after the release date {release}"),
                    "an agreement described as made cannot be dated after the release".into(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn quarter_and_end_date() {
        assert_eq!(
            findings("Results for the third quarter ended June 30, 2016."),
            vec!["error period-date `third quarter ended June 30, 2016`"]
        );
        assert_eq!(findings("Results for the third quarter ended September 30, 2016."), Vec::<String>::new());
        assert_eq!(
            findings("For the nine months ended June 30, 2016, revenue was flat."),
            vec!["error period-date `nine months ended June 30, 2016`"]
        );
        // 52/53-week calendars end quarters a few days into the next month
        assert_eq!(findings("Results for the fourth quarter ended January 3, 2016."), Vec::<String>::new());
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
}
