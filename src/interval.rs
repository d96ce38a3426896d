//! Closed intervals of exact decimals, the arithmetic every rule recomputes with.
//!
//! A figure written `$7M` stands for any value in 6.5M..7.5M; a rule asks whether *some* choice of
//! values inside each figure's interval makes the claim true. Each formula the rules use names
//! every figure once (`B/A - 1`, `B - A`, `X/Y`), so interval arithmetic gives the exact range.

use rust_decimal::Decimal;
use std::fmt;

/// A closed interval `[lo, hi]`. Operations return `None` on overflow or division by an interval
/// that contains zero: the claim is then unverifiable, never a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Interval {
    pub fn new(a: Decimal, b: Decimal) -> Self {
        if a <= b {
            Interval { lo: a, hi: b }
        } else {
            Interval { lo: b, hi: a }
        }
    }
    pub fn point(v: Decimal) -> Self {
        Interval { lo: v, hi: v }
    }
    pub fn contains(&self, v: Decimal) -> bool {
        self.lo <= v && v <= self.hi
    }
    pub fn contains_zero(&self) -> bool {
        self.contains(Decimal::ZERO)
    }
    pub fn intersects(&self, o: &Interval) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
    /// `hi - lo`, saturating at the largest decimal.
    pub fn width(&self) -> Decimal {
        self.hi.saturating_sub(self.lo)
    }
    pub fn mid(&self) -> Decimal {
        match self.lo.checked_add(self.hi) {
            Some(s) => s / Decimal::TWO,
            None => self.lo / Decimal::TWO + self.hi / Decimal::TWO,
        }
    }
    pub fn add(&self, o: &Interval) -> Option<Interval> {
        Some(Interval::new(
            self.lo.checked_add(o.lo)?,
            self.hi.checked_add(o.hi)?,
        ))
    }
    pub fn sub(&self, o: &Interval) -> Option<Interval> {
        Some(Interval::new(
            self.lo.checked_sub(o.hi)?,
            self.hi.checked_sub(o.lo)?,
        ))
    }
    pub fn mul(&self, o: &Interval) -> Option<Interval> {
        let c = [
            self.lo.checked_mul(o.lo)?,
            self.lo.checked_mul(o.hi)?,
            self.hi.checked_mul(o.lo)?,
            self.hi.checked_mul(o.hi)?,
        ];
        Some(min_max(&c))
    }
    pub fn div(&self, o: &Interval) -> Option<Interval> {
        if o.contains_zero() {
            return None;
        }
        let c = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        Some(min_max(&c))
    }
    pub fn scale(&self, k: Decimal) -> Option<Interval> {
        Some(Interval::new(
            self.lo.checked_mul(k)?,
            self.hi.checked_mul(k)?,
        ))
    }
    pub fn shift(&self, k: Decimal) -> Option<Interval> {
        Some(Interval::new(
            self.lo.checked_add(k)?,
            self.hi.checked_add(k)?,
        ))
    }
    pub fn neg(&self) -> Interval {
        Interval::new(-self.hi, -self.lo)
    }
    /// `{|x| : x in self}`.
    pub fn abs(&self) -> Interval {
        if self.lo >= Decimal::ZERO {
            *self
        } else if self.hi <= Decimal::ZERO {
            self.neg()
        } else {
            Interval::new(Decimal::ZERO, self.hi.max(-self.lo))
        }
    }
    /// Hull of two intervals.
    pub fn hull(&self, o: &Interval) -> Interval {
        Interval::new(self.lo.min(o.lo), self.hi.max(o.hi))
    }
}

fn min_max(c: &[Decimal]) -> Interval {
    let mut lo = c[0];
    let mut hi = c[0];
    for &x in &c[1..] {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    Interval { lo, hi }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.lo == self.hi {
            write!(f, "{}", self.lo.normalize())
        } else {
            write!(f, "{}..{}", self.lo.normalize(), self.hi.normalize())
        }
    }
}

/// Round for display: `digits` places after the point, trailing zeros dropped.
pub fn show(v: Decimal, digits: u32) -> String {
    v.round_dp(digits).normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::d;

    /// tiny helper so tests read like the figures they check
    mod rust_decimal_macros_free {
        pub fn d(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    #[test]
    fn sub_and_div_are_exact_for_single_use() {
        let a = Interval::new(d("6.5"), d("7.5"));
        let b = Interval::new(d("5.45"), d("5.55"));
        let q = b.div(&a).unwrap();
        assert_eq!(q.lo, d("5.45") / d("7.5"));
        assert_eq!(q.hi, d("5.55") / d("6.5"));
        let diff = a.sub(&b).unwrap();
        assert_eq!(diff, Interval::new(d("0.95"), d("2.05")));
    }

    #[test]
    fn division_by_interval_with_zero_is_none() {
        let a = Interval::new(d("-1"), d("1"));
        assert!(Interval::point(d("3")).div(&a).is_none());
    }

    #[test]
    fn abs_of_straddling_interval() {
        let a = Interval::new(d("-2"), d("1"));
        assert_eq!(a.abs(), Interval::new(d("0"), d("2")));
        assert_eq!(
            Interval::new(d("-3"), d("-1")).abs(),
            Interval::new(d("1"), d("3"))
        );
    }
}
