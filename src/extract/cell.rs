//! Table cells: a value as written (`1,234`, `(1,234)`, `$ 1,234`, `—`, `12.5 %`) with the
//! interval its written precision allows, or a marker (`NM`, `n/a`) of a value not given.

use std::ops::Range;

use rust_decimal::Decimal;

use super::{MAX_DECIMALS, MAX_MAGNITUDE};

use crate::interval::Interval;

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
        Interval::new(
            self.value.saturating_sub(half),
            self.value.saturating_add(half),
        )
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
        value.set_sign_negative(true);
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
