//! Inline XBRL transformation rules: the displayed text of a fact read as a number or a date.
//!
//! `format` names a rule of the Inline XBRL Transformation Registry (`ixt:num-dot-decimal`,
//! `ixt:fixed-zero`, `ixt-sec:numwordsen`...); the prefix is ignored, so the registry versions
//! (`numdotdecimal` in version 1, `num-dot-decimal` in version 4) read alike. Every function
//! returns `None` (or an error naming what is wrong) on text it cannot read: never a panic,
//! never an overflow.

use rust_decimal::Decimal;

use crate::periods::{month_of, Date};

/// The displayed value of a numeric fact (before `scale` and `sign`).
pub fn number(format: Option<&str>, shown: &str) -> Result<Decimal, String> {
    let rule = format.map(local).unwrap_or("");
    let t = shown.trim();
    let read = match rule {
        "" => plain(t),
        "num-dot-decimal" | "numdotdecimal" | "numcommadot" | "num-dot-decimal-apos" => {
            grouped(t, '.', &[',', ' ', '\'', '\u{a0}', '\u{202f}'])
        }
        "num-comma-decimal" | "numcommadecimal" | "numdotcomma" | "num-comma-decimal-apos" => {
            grouped(t, ',', &['.', ' ', '\'', '\u{a0}', '\u{202f}'])
        }
        "numspacedot" => grouped(t, '.', &[' ', '\u{a0}']),
        "numspacecomma" => grouped(t, ',', &[' ', '\u{a0}']),
        "fixed-zero" | "zerodash" | "fixedzero" | "numdash" | "num-dash" => Some(Decimal::ZERO),
        "num-word-en" | "numwordsen" | "num-words-en" | "duryear" | "durmonth" | "durday"
        | "durweek" | "numwordsnoor" => words_or_digits(t),
        "numunitdecimal" | "num-unit-decimal" => unit_decimal(t),
        _ => return Err(format!("unknown format {}", format.unwrap_or(""))),
    };
    read.ok_or_else(|| format!("cannot read {t:?} as {}", format.unwrap_or("a number")))
}

/// The rule name without its namespace prefix.
fn local(format: &str) -> &str {
    format.rsplit(':').next().unwrap_or(format).trim()
}

/// The XBRL lexical form: `1234.5`, `-3`.
fn plain(t: &str) -> Option<Decimal> {
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit() || c == b'.') {
        return None;
    }
    t.parse().ok()
}

/// Digits with group separators and one decimal mark: `1,234.5` (`,` groups, `.` decimal).
fn grouped(t: &str, decimal: char, groups: &[char]) -> Option<Decimal> {
    let mut s = String::with_capacity(t.len());
    let mut seen_point = false;
    for c in t.chars() {
        if c.is_ascii_digit() {
            s.push(c);
        } else if c == decimal && !seen_point {
            seen_point = true;
            s.push('.');
        } else if !groups.contains(&c) {
            return None;
        }
    }
    if !s.bytes().any(|c| c.is_ascii_digit()) || s.len() > 40 {
        return None;
    }
    s.parse().ok()
}

/// `5 dollars and 25 cents`: the first run of digits, then the second as hundredths.
fn unit_decimal(t: &str) -> Option<Decimal> {
    let runs: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect();
    match runs.as_slice() {
        [int] => grouped(int, '.', &[]),
        [int, frac] if frac.len() <= 2 => grouped(&format!("{int}.{frac:0>2}"), '.', &[]),
        _ => None,
    }
}

/// A number written in digits or English words: `3`, `three`, `twenty-five`, `no`.
fn words_or_digits(t: &str) -> Option<Decimal> {
    grouped(t, '.', &[',']).or_else(|| number_words(t).map(Decimal::from))
}

/// English number words up to the billions: "one hundred twenty-five", "no", "none".
pub fn number_words(t: &str) -> Option<u64> {
    let lower = t.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',')
        .filter(|w| !w.is_empty() && *w != "and")
        .collect();
    if words.is_empty() {
        return None;
    }
    if matches!(words.as_slice(), ["no"] | ["none"] | ["nil"]) {
        return Some(0);
    }
    let (mut total, mut group) = (0u64, 0u64);
    for w in words {
        if let Some(n) = small_number(w) {
            group = group.checked_add(n)?;
        } else if w == "hundred" && group > 0 {
            group = group.checked_mul(100)?;
        } else {
            let mult = match w {
                "thousand" => 1_000,
                "million" => 1_000_000,
                "billion" => 1_000_000_000,
                _ => return None,
            };
            if group == 0 {
                return None;
            }
            total = total.checked_add(group.checked_mul(mult)?)?;
            group = 0;
        }
    }
    total.checked_add(group)
}

fn small_number(w: &str) -> Option<u64> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if w == "a" || w == "single" {
        return Some(1);
    }
    if let Some(i) = ONES.iter().position(|x| *x == w) {
        return Some(i as u64);
    }
    TENS.iter()
        .position(|x| *x == w)
        .map(|i| 20 + 10 * i as u64)
}

/// A date as the dei facts write it: `2024-09-28`, `September 28, 2024`, `28 September 2024`,
/// `09/28/2024`. The year is required.
pub fn date(t: &str) -> Option<Date> {
    let t = t.trim();
    if let Some(d) = iso_date(t) {
        return Some(d);
    }
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let num = |s: &str| s.parse::<i32>().ok();
    let (month, day, year) = match parts.as_slice() {
        [m, d, y] if month_of(m).is_some() => (month_of(m)?, num(d)?, num(y)?),
        [d, m, y] if month_of(m).is_some() => (month_of(m)?, num(d)?, num(y)?),
        [m, d, y] => (u8::try_from(num(m)?).ok()?, num(d)?, num(y)?),
        _ => return None,
    };
    valid(year, month, day)
}

/// `YYYY-MM-DD`, optionally followed by a time (`2024-09-28T00:00:00`).
pub fn iso_date(t: &str) -> Option<Date> {
    let t = t.trim();
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T') {
        return None;
    }
    let year = t.get(0..4)?.parse().ok()?;
    let month = t.get(5..7)?.parse().ok()?;
    let day = t.get(8..10)?.parse().ok()?;
    valid(year, month, day)
}

fn valid(year: i32, month: u8, day: i32) -> Option<Date> {
    let ok = (1..=12).contains(&month) && (1..=31).contains(&day) && (1000..=9999).contains(&year);
    ok.then_some(Date {
        year,
        month,
        day: day as u8,
    })
}

/// A month and day without a year, as `dei:CurrentFiscalYearEndDate` writes it: `--06-30`,
/// `June 30`, `30 June`, `06/30`.
pub fn month_day(t: &str) -> Option<(u8, u8)> {
    let t = t.trim();
    if let Some(md) = t.strip_prefix("--") {
        let (m, d) = md.split_once('-')?;
        return checked_md(m.parse().ok()?, d.get(..2).unwrap_or(d).parse().ok()?);
    }
    let parts: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    match parts.as_slice() {
        [m, d, ..] if month_of(m).is_some() => checked_md(month_of(m)?, d.parse().ok()?),
        [d, m, ..] if month_of(m).is_some() => checked_md(month_of(m)?, d.parse().ok()?),
        [m, d, ..] => checked_md(m.parse().ok()?, d.parse().ok()?),
        _ => None,
    }
}

fn checked_md(m: u8, d: u8) -> Option<(u8, u8)> {
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// 10 to the power `e` (`-28..=28`), or `None`.
pub fn pow10(e: i32) -> Option<Decimal> {
    if e >= 0 {
        let mut v = Decimal::ONE;
        for _ in 0..e.min(29) {
            v = v.checked_mul(Decimal::TEN)?;
        }
        (e <= 28).then_some(v)
    } else {
        let s = u32::try_from(-(e as i64)).ok()?;
        (s <= 28).then(|| Decimal::new(1, s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(f: &str, s: &str) -> String {
        match number(Some(f), s) {
            Ok(v) => v.normalize().to_string(),
            Err(e) => format!("err: {e}"),
        }
    }

    #[test]
    fn numbers_in_each_format() {
        assert_eq!(n("ixt:num-dot-decimal", "294,866"), "294866");
        assert_eq!(n("ixt:num-dot-decimal", " 1,234.50 "), "1234.5");
        assert_eq!(n("ixt:numdotdecimal", "1 234.5"), "1234.5");
        assert_eq!(n("ixt:num-comma-decimal", "1.234,5"), "1234.5");
        assert_eq!(n("ixt:fixed-zero", "—"), "0");
        assert_eq!(n("ixt-sec:numwordsen", "twenty-five"), "25");
        assert_eq!(n("ixt-sec:numwordsen", "no"), "0");
        assert_eq!(n("ixt-sec:numwordsen", "one hundred and two"), "102");
        assert_eq!(n("ixt-sec:numwordsen", "three million"), "3000000");
        assert_eq!(n("ixt:num-unit-decimal", "5 dollars and 7 cents"), "5.07");
        assert_eq!(n("ixt-sec:duryear", "2"), "2");
        assert_eq!(number(None, "-12.5").unwrap(), Decimal::new(-125, 1));
    }

    #[test]
    fn unreadable_text_is_an_error_not_a_panic() {
        assert_eq!(
            n("ixt:num-dot-decimal", "1,2x"),
            "err: cannot read \"1,2x\" as ixt:num-dot-decimal"
        );
        assert_eq!(
            n("ixt:num-dot-decimal", "—"),
            "err: cannot read \"—\" as ixt:num-dot-decimal"
        );
        assert_eq!(
            n("ixt:date-monthname-en", "5"),
            "err: unknown format ixt:date-monthname-en"
        );
        assert!(number(Some("ixt:num-dot-decimal"), &"9".repeat(60)).is_err());
        assert!(number(Some("ixt-sec:numwordsen"), &"billion ".repeat(40)).is_err());
        assert!(number(None, "1.2.3").is_err());
    }

    #[test]
    fn dates_and_month_days() {
        let d = |y, m, d| {
            Some(Date {
                year: y,
                month: m,
                day: d,
            })
        };
        assert_eq!(date("September 28, 2024"), d(2024, 9, 28));
        assert_eq!(date("2024-09-28"), d(2024, 9, 28));
        assert_eq!(date("28 September 2024"), d(2024, 9, 28));
        assert_eq!(date("09/28/2024"), d(2024, 9, 28));
        assert_eq!(date("2024-13-01"), None);
        assert_eq!(month_day("--06-30"), Some((6, 30)));
        assert_eq!(month_day("June\u{a0}30"), Some((6, 30)));
        assert_eq!(month_day("MAY 31"), Some((5, 31)));
        assert_eq!(month_day("--13-01"), None);
    }

    #[test]
    fn powers_of_ten_are_bounded() {
        assert_eq!(pow10(6), Some(Decimal::from(1_000_000)));
        assert_eq!(pow10(-2), Some(Decimal::new(1, 2)));
        assert_eq!(pow10(29), None);
        assert_eq!(pow10(-29), None);
        assert_eq!(pow10(i32::MIN), None);
    }
}
