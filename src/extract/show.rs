//! Values shown as a figure was written: its currency, scale and digits (`$5.45M`, `21.4%`,
//! `250,000,000 shares`), for the messages of rules and facts alike.

use rust_decimal::Decimal;

use super::{Figure, Unit};
use crate::interval::Interval;

/// A value shown in the units a figure was written in: `$5.45M`, `21.4%`, `250,000,000 shares`.
pub fn show_like(f: &Figure, v: Decimal, extra_digits: u32) -> String {
    let digits = f.resolution_digits() + extra_digits;
    match &f.unit {
        Unit::Currency { code, per_share } => {
            // the currency and scale as the document writes them ("$2.7 million", "€4.0bn")
            let sym = match &f.currency_text {
                Some(t) => t.to_string(),
                None if code == "USD" => "$".to_string(),
                None => format!("{code} "),
            };
            let (scaled, suffix) = scale_suffix(v, f.scale);
            let suffix = f.scale_text.as_deref().unwrap_or(suffix);
            let num = crate::interval::show(
                scaled,
                digits.max(if f.scale > Decimal::ONE { 1 } else { 0 }),
            );
            let ps = if *per_share { " per share" } else { "" };
            let (sign, num) = match num.strip_prefix('-') {
                Some(n) => ("-", n.to_string()),
                None => ("", num),
            };
            format!("{sign}{sym}{}{suffix}{ps}", group_thousands(&num))
        }
        Unit::Percent => format!("{}%", crate::interval::show(v, digits.max(1))),
        Unit::BasisPoints => format!("{} basis points", crate::interval::show(v, digits)),
        Unit::PercentagePoints => format!(
            "{} percentage points",
            crate::interval::show(v, digits.max(1))
        ),
        Unit::Multiple => format!("{}x", crate::interval::show(v, digits.max(2))),
        Unit::Shares => {
            let (scaled, suffix) = scale_suffix(v, f.scale);
            let suffix = f.scale_text.as_deref().unwrap_or(suffix);
            format!(
                "{}{} shares",
                group_thousands(&crate::interval::show(scaled, digits)),
                suffix
            )
        }
        _ => crate::interval::show(v, digits),
    }
}

/// An interval shown like a figure: `$6.5M..$6.7M`.
pub fn show_interval_like(f: &Figure, iv: Interval, extra: u32) -> String {
    let a = show_like(f, iv.lo, extra);
    let b = show_like(f, iv.hi, extra);
    if a == b {
        a
    } else {
        format!("{a}..{b}")
    }
}

/// A percentage value shown with one decimal.
pub fn pct(v: Decimal) -> String {
    format!("{}%", crate::interval::show(v, 1))
}

/// A percentage interval: `14.6%..27.3%`.
pub fn pct_interval(iv: Interval) -> String {
    let (a, b) = (pct(iv.lo), pct(iv.hi));
    if a == b {
        a
    } else {
        format!("{a}..{b}")
    }
}

fn scale_suffix(v: Decimal, scale: Decimal) -> (Decimal, &'static str) {
    const SUFFIXES: [(i64, &str); 4] = [
        (1_000_000_000_000, "T"),
        (1_000_000_000, "B"),
        (1_000_000, "M"),
        (1_000, "K"),
    ];
    SUFFIXES
        .iter()
        .find(|&&(k, _)| scale >= Decimal::from(k))
        .and_then(|&(_, suffix)| Some((v.checked_div(scale)?, suffix)))
        .unwrap_or((v, ""))
}

/// `1234567.5` as `1,234,567.5` (four digits and fewer as they are).
pub fn group_thousands(num: &str) -> String {
    let (int, frac) = match num.find('.') {
        Some(p) => (&num[..p], &num[p..]),
        None => (num, ""),
    };
    if int.len() <= 4 {
        return num.to_string();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + frac
}

impl Figure {
    /// Digits after the point in the figure's written (scaled) form.
    pub fn resolution_digits(&self) -> u32 {
        if self.resolution.is_zero() {
            return self.value.normalize().scale().min(4);
        }
        match self.resolution.checked_div(self.scale) {
            Some(r) => r.normalize().scale(),
            None => 0,
        }
    }
}
