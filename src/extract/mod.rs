//! Stage 2: extract figures from text.
//!
//! A hand-written scanner (it runs over every byte of every document, so it avoids regex
//! captures) finds each number and reads the words around it: a currency prefix (`$`, `US$`,
//! `\$` as escaped in Markdown, `EUR `), a sign or accounting parentheses, a scale (`K`, `M`,
//! `million`, `bn`), a unit (`%`, `percent`, `basis points`, `percentage points`, `x`, `shares`,
//! `per share`) and a hedge before it (`approximately`, `more than`). Each [`Figure`] keeps its
//! exact decimal value and the interval implied by how it was written.

// Every figure is computed from input: no operator that can overflow on a decimal (integer
// offsets are exempt in clippy.toml).
#![warn(clippy::arithmetic_side_effects)]

mod by_start;
pub use by_start::ByStart;

use std::ops::{Neg, Range};
use std::sync::Arc;

pub mod cell;
pub mod show;

use rust_decimal::Decimal;

use crate::interval::Interval;
use crate::pack::{HedgeKind, Pack};

/// What a figure measures.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Unit {
    /// An amount of money; `per_share` for prices and per-share amounts.
    Currency { code: String, per_share: bool },
    /// A percentage, in percent (21% is 21).
    Percent,
    /// Basis points (900 basis points is 900).
    BasisPoints,
    /// Percentage points (1.9 percentage points is 1.9).
    PercentagePoints,
    /// A multiple (3x, doubled).
    Multiple,
    /// A number of shares.
    Shares,
    /// A plain number.
    Count,
    /// A calendar year or day of a date, never part of a claim.
    Date,
}

impl Unit {
    pub fn is_currency(&self) -> bool {
        matches!(self, Unit::Currency { .. })
    }
    pub fn is_per_share(&self) -> bool {
        matches!(
            self,
            Unit::Currency {
                per_share: true,
                ..
            }
        )
    }
}

/// A hedge word in front of a figure.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hedge {
    pub word: String,
    pub kind: HedgeKind,
    #[serde(with = "rust_decimal::serde::str")]
    pub tolerance: Decimal,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// One figure as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Figure {
    /// Text range of the figure as written, from currency sign or minus to unit word.
    #[serde(skip)]
    pub range: Range<usize>,
    /// The value in base units: dollars, percent, shares.
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    pub unit: Unit,
    /// Shortened with a scale word, or a percentage: stands for value ± resolution / 2.
    pub rounded: bool,
    /// The value of one unit in the last written digit (base units); zero when exact.
    #[serde(with = "rust_decimal::serde::str")]
    pub resolution: Decimal,
    /// The scale factor written (1 when none).
    #[serde(with = "rust_decimal::serde::str")]
    pub scale: Decimal,
    pub hedge: Option<Hedge>,
    /// Written inside parentheses, such as `($1.5M)`.
    pub parenthesized: bool,
    /// One end of a range ("$15.1–$15.6M", "between 5% and 7%"): never part of a claim.
    pub in_range: bool,
    /// The currency as written (`$`, `US$`, `EUR `), so that messages echo the document.
    #[serde(skip)]
    pub currency_text: Option<Arc<str>>,
    /// The scale as written (`M`, ` million`, `bn`), likewise.
    #[serde(skip)]
    pub scale_text: Option<Arc<str>>,
}

impl Figure {
    /// The interval its written precision allows, before any hedge.
    pub fn written(&self) -> Interval {
        self.written_at(self.resolution)
    }

    fn written_at(&self, resolution: Decimal) -> Interval {
        let half = resolution.checked_div(Decimal::TWO).unwrap_or_default();
        Interval::new(
            self.value.saturating_sub(half),
            self.value.saturating_add(half),
        )
    }

    /// The interval the figure stands for: written precision widened by its hedge.
    pub fn interval(&self) -> Interval {
        self.hedged(self.written())
    }

    /// The interval when read at a finer `resolution` (the warning tier): only a rounded figure
    /// written with fewer digits than that is tightened.
    pub fn interval_at(&self, resolution: Option<Decimal>) -> Interval {
        match resolution {
            Some(r) if self.rounded && r < self.resolution => self.hedged(self.written_at(r)),
            _ => self.interval(),
        }
    }

    /// `w` widened by the figure's hedge. Saturating: "more than" a figure near
    /// [`MAX_MAGNITUDE`] is bounded by the largest decimal, not a crash.
    fn hedged(&self, w: Interval) -> Interval {
        let Some(h) = &self.hedge else { return w };
        let big =
            w.hi.abs()
                .saturating_mul(Decimal::from(1000))
                .saturating_add(Decimal::ONE);
        let below = w.lo.saturating_sub(w.lo.abs().saturating_mul(h.tolerance));
        let above = w.hi.saturating_add(w.hi.abs().saturating_mul(h.tolerance));
        match h.kind {
            HedgeKind::Approximate => Interval::new(below, above),
            HedgeKind::AtLeast => Interval::new(below, big),
            HedgeKind::AtMost => {
                let floor = if w.lo >= Decimal::ZERO {
                    Decimal::ZERO
                } else {
                    big.neg()
                };
                Interval::new(floor, above)
            }
        }
    }

    /// Is this an amount of money (not per share)?
    pub fn is_amount(&self) -> bool {
        matches!(
            self.unit,
            Unit::Currency {
                per_share: false,
                ..
            }
        )
    }

    /// The figure's family for comparisons: figures compared with each other share it.
    pub fn family(&self) -> Family {
        match &self.unit {
            Unit::Currency { code, per_share } => Family::Money {
                code: code.clone(),
                per_share: *per_share,
            },
            Unit::Percent => Family::Ratio,
            Unit::Shares => Family::Shares,
            _ => Family::Other,
        }
    }
}

/// Figures that can stand for the same metric.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Family {
    Money { code: String, per_share: bool },
    Ratio,
    Shares,
    Other,
}

/// The largest magnitude a figure may have, in base units: 10^18 (a quintillion, far beyond any
/// amount a filing states). Larger numbers are not read as figures, so every sum, difference
/// and scaling of figures the rules compute stays inside what a [`Decimal`] holds (about 7.9 ×
/// 10^28); [`Extractor::extract_all`] lists them so that a claim they break can say why.
pub const MAX_MAGNITUDE: Decimal = Decimal::from_parts(0xA764_0000, 0x0DE0_B6B3, 0, false, 0);

/// The most digits after the decimal point a figure may have.
pub const MAX_DECIMALS: u32 = 20;

/// Figures found in a text, and the numbers too large (or too finely written) to compute with.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub figures: Vec<Figure>,
    /// Text ranges of numbers beyond [`MAX_MAGNITUDE`] or [`MAX_DECIMALS`].
    pub out_of_range: Vec<Range<usize>>,
}

/// A figure scanner built once from a rule pack.
pub struct Extractor {
    currencies: Vec<(String, String)>, // (prefix, code), longest prefix first
    scales: Vec<(String, Decimal, bool)>, // (word, factor, letter), longest first
    hedges: Vec<(String, HedgeKind, Decimal)>, // lowercase phrase, longest first
    multiples: Vec<(String, Decimal)>,
    change_words: Vec<String>,
}

impl Extractor {
    pub fn new(pack: &Pack) -> Extractor {
        let mut currencies: Vec<(String, String)> = pack
            .currencies
            .iter()
            .flat_map(|c| c.prefixes.iter().map(move |p| (p.clone(), c.code.clone())))
            .collect();
        currencies.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut scales: Vec<(String, Decimal, bool)> = pack
            .scales
            .iter()
            .flat_map(|s| s.words.iter().map(move |w| (w.clone(), s.factor, s.letter)))
            .collect();
        scales.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        let mut hedges: Vec<(String, HedgeKind, Decimal)> = pack
            .hedges
            .iter()
            .flat_map(|h| {
                h.words
                    .iter()
                    .map(move |w| (w.to_lowercase(), h.kind, h.tolerance))
            })
            .collect();
        hedges.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        let multiples = pack
            .multiples
            .iter()
            .map(|(k, v)| (k.to_lowercase(), *v))
            .collect();
        let w = &pack.words;
        let change_words =
            w.up.iter()
                .chain(&w.down)
                .chain(&w.better)
                .chain(&w.worse)
                .chain(&w.change_nouns)
                .map(|s| s.to_lowercase())
                .collect();
        Extractor {
            currencies,
            scales,
            hedges,
            multiples,
            change_words,
        }
    }

    /// Can `w` stand in a unit column: a currency code or sign, a scale word, `%`, `percent`,
    /// `shares`?
    pub fn is_unit_word(&self, w: &str) -> bool {
        matches!(w.to_ascii_lowercase().as_str(), "%" | "percent" | "shares")
            || self.currencies.iter().any(|(p, _)| p == w)
            || self.scales.iter().any(|(s, _, _)| s == w)
    }

    /// The currency codes the packs know, sorted.
    pub fn currency_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.currencies.iter().map(|(_, c)| c.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// Every figure in `text`, in order.
    pub fn extract(&self, text: &str) -> Vec<Figure> {
        self.extract_all(text).figures
    }

    /// Every figure in `text`, in order, and the numbers out of range.
    pub fn extract_all(&self, text: &str) -> Extracted {
        let b = text.as_bytes();
        let n = b.len();
        let mut out = Vec::new();
        let mut out_of_range = Vec::new();
        let mut i = 0;
        while i < n {
            if !b[i].is_ascii_digit() {
                // spelled multiples: "doubled", "tripled"
                if (b[i] == b'd' || b[i] == b't' || b[i] == b'q') && (i == 0 || !is_word(b[i - 1]))
                {
                    if let Some(f) = self.spelled_multiple(text, i) {
                        i = f.range.end;
                        out.push(f);
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            let (fig, next) = self.number_at(text, i);
            i = next.max(i + 1);
            match fig {
                Some(Ok(f)) => out.push(f),
                Some(Err(r)) => out_of_range.push(r),
                None => {}
            }
        }
        mark_ranges(text, &mut out);
        Extracted {
            figures: out,
            out_of_range,
        }
    }

    fn spelled_multiple(&self, text: &str, i: usize) -> Option<Figure> {
        let rest = &text[i..];
        for (w, v) in &self.multiples {
            if rest.len() >= w.len()
                && rest.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                && rest.as_bytes().get(w.len()).is_none_or(|&c| !is_word(c))
            {
                let range = i..i + w.len();
                let hedge = self.hedge_before(text, i);
                return Some(Figure {
                    range,
                    value: *v,
                    unit: Unit::Multiple,
                    rounded: true,
                    resolution: Decimal::new(1, 1),
                    scale: Decimal::ONE,
                    hedge,
                    parenthesized: false,
                    in_range: false,
                    currency_text: None,
                    scale_text: None,
                });
            }
        }
        None
    }

    /// Parse the number starting at `i` (a digit). Returns the figure (if it is one; `Err` with
    /// its range when it is out of range) and where scanning continues.
    #[allow(clippy::type_complexity)]
    fn number_at(&self, text: &str, i: usize) -> (Option<Result<Figure, Range<usize>>>, usize) {
        let d = Digits::at(text.as_bytes(), i);
        let attached_code = match self.not_a_figure(text, &d) {
            Ok(code) => code,
            Err(next) => return (None, next),
        };
        let p = self.prefix(text, &d, attached_code);
        let s = self.suffix(text, &d, &p);
        let b = text.as_bytes();
        // a number glued to letters that are not a unit: "3D", "5G", "1st", "10-K"
        if s.end == d.end && d.end < b.len() {
            let c = b[d.end];
            let next_alpha = b.get(d.end + 1).is_some_and(u8::is_ascii_alphabetic);
            if c.is_ascii_alphabetic() || (c == b'-' && next_alpha) {
                return (None, d.end);
            }
        }
        let unit = match (s.unit, &p.code) {
            (Some(u), _) => u,
            (None, Some(c)) => Unit::Currency {
                code: c.clone(),
                per_share: s.per_share,
            },
            (None, None) if d.is_date(text, s.scale_range.is_some()) => return (None, d.end),
            (None, None) => Unit::Count,
        };
        // an amount written with one decimal and no scale ("$23.5") is rounded: cents would
        // show two
        let one_decimal_amount = matches!(unit, Unit::Currency { .. }) && d.decimals == 1;
        let rounded = s.scale_range.is_some()
            || one_decimal_amount
            || matches!(
                unit,
                Unit::Percent | Unit::BasisPoints | Unit::PercentagePoints | Unit::Multiple
            );
        let (start, k) = (p.start, s.end);
        let Some((value, resolution)) = d.parsed.and_then(|v| {
            let v = if p.negative { v.neg() } else { v };
            in_range(v, s.scale, d.decimals, rounded, &unit, &d.digits)
        }) else {
            return (Some(Err(start..k)), k);
        };
        let parenthesized = !p.accounting_paren
            && start > 0
            && b[start - 1] == b'('
            && text[k..].trim_start_matches(' ').starts_with(')');
        let hedge = self.hedge_before(text, start);
        (
            Some(Ok(Figure {
                range: start..k,
                value,
                unit,
                rounded,
                resolution,
                scale: s.scale,
                hedge,
                parenthesized,
                in_range: false,
                currency_text: p.currency_range.map(|r| Arc::from(&text[r])),
                scale_text: s.scale_range.map(|r| Arc::from(&text[r])),
            })),
            k,
        )
    }

    /// A number that is part of a word, a date, a time, a version or a phone number is no
    /// figure: `Err` with where scanning continues. Else a currency code written attached
    /// ("RMB410 million"), if any.
    fn not_a_figure(&self, text: &str, d: &Digits) -> Result<Option<(usize, String)>, usize> {
        let (b, i, n, num_end) = (text.as_bytes(), d.start, text.len(), d.end);
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let mut attached_code = None;
        if prev.is_ascii_alphabetic() || prev == b'_' {
            match self.currency_ending_at(text, i, true) {
                Some((start, code)) if start == 0 || !is_word(b[start - 1]) => {
                    attached_code = Some((start, code))
                }
                _ => return Err(num_end),
            }
        }
        if prev == b'-' && i >= 2 && (b[i - 2].is_ascii_alphanumeric()) {
            return Err(num_end);
        }
        if matches!(prev, b'/' | b':' | b'.' | b'#' | b'@' | b'=' | b'+') {
            return Err(num_end);
        }
        // a decimal point after the decimals, or an IP/version: 1.2.3
        if num_end + 1 < n && b[num_end] == b'.' && b[num_end + 1].is_ascii_digit() {
            return Err(run_end(b, num_end + 1, b'.'));
        }
        if num_end < n && matches!(b[num_end], b'/' | b':') {
            return Err(num_end);
        }
        if num_end + 1 < n && b[num_end] == b'-' && b[num_end + 1].is_ascii_digit() {
            // ranges, phone numbers, ISO dates: skip the whole run
            return Err(run_end(b, num_end + 1, b'-'));
        }
        Ok(attached_code)
    }

    /// What stands before the number: a currency, a sign, accounting parentheses, "negative".
    fn prefix(&self, text: &str, d: &Digits, attached_code: Option<(usize, String)>) -> Prefix {
        let (b, i, n, num_end) = (text.as_bytes(), d.start, text.len(), d.end);
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let (start, code) = match attached_code.or_else(|| self.currency_ending_at(text, i, false))
        {
            Some((s, c)) => (s, Some(c)),
            None => (i, None),
        };
        let mut p = Prefix {
            start,
            currency_range: code.is_some().then_some(start..i),
            code,
            negative: false,
            accounting_paren: false,
        };
        // "$(0.05)": parenthesis between currency and number
        if p.code.is_none() && prev == b'(' && i >= 2 {
            if let Some((s, c)) = self.currency_ending_at(text, i - 1, false) {
                if num_end < n && b[num_end] == b')' {
                    p.start = s;
                    p.currency_range = Some(s..i - 1);
                    p.code = Some(c);
                    p.negative = true;
                    p.accounting_paren = true;
                }
            }
        }
        // "(222.2)%": a negative percentage in accounting parentheses
        if p.code.is_none() && prev == b'(' && text[num_end..].starts_with(")%") {
            p.start = i - 1;
            p.negative = true;
            p.accounting_paren = true;
        }
        // minus sign right before the number or the currency
        for pos in [i, p.start] {
            if let Some(s) = minus_before(text, pos) {
                if s == 0 || !b[s - 1].is_ascii_alphanumeric() {
                    p.negative = true;
                    p.start = p.start.min(s);
                    break;
                }
            }
        }
        if !p.negative && ends_with_word_ci(&text[..p.start], "negative ") {
            p.negative = true;
            p.start -= "negative ".len();
        }
        if p.code.as_deref() == Some("$") {
            p.code = Some("USD".into());
        }
        // an escaped dollar in Markdown-ish text: "\$1,000,000"
        if p.code.is_some() && p.start > 0 && b[p.start - 1] == b'\\' {
            p.start -= 1;
        }
        p
    }

    /// What follows the number: a scale, a unit (percent, points, a multiple, shares), per share.
    fn suffix(&self, text: &str, d: &Digits, p: &Prefix) -> Suffix {
        let num_end = d.end;
        let currency = p.code.is_some();
        let mut s = Suffix {
            end: if p.accounting_paren {
                num_end + 1
            } else {
                num_end
            },
            scale: Decimal::ONE,
            scale_range: None,
            unit: None,
            per_share: false,
        };
        if let Some((len, factor)) = self.scale_at(text, s.end, currency) {
            s.scale = factor;
            s.scale_range = Some(s.end..s.end + len);
            s.end += len;
        }
        let units: [(Unit, &[&str]); 2] = [
            (Unit::BasisPoints, BASIS_POINTS),
            (Unit::PercentagePoints, PERCENTAGE_POINTS),
        ];
        if let Some(len) = percent_at(text, s.end) {
            s.take(Unit::Percent, len);
        } else if let Some((u, len)) = units
            .into_iter()
            .find_map(|(u, words)| Some((u, word_at(text, s.end, words)?)))
        {
            s.take(u, len);
        } else if let Some(len) = multiple_at(text, s.end).filter(|_| !currency) {
            s.take(Unit::Multiple, len);
        }
        if currency && s.unit.is_none() {
            if let Some(len) = word_at(text, s.end, PER_SHARE) {
                s.per_share = true;
                s.end += len;
            }
        }
        if !currency && s.unit.is_none() {
            if let Some(len) = word_at(text, s.end, SHARES) {
                s.take(Unit::Shares, len);
            }
        }
        // a letter scale was only allowed after a currency; re-check for shares ("1.2M shares")
        if s.scale_range.is_none() && !currency {
            if let Some((len, factor)) = self.scale_at(text, num_end, true) {
                if word_at(text, num_end + len, &[" shares"]).is_some() {
                    s.scale = factor;
                    s.scale_range = Some(num_end..num_end + len);
                    s.end = num_end + len + " shares".len();
                    s.unit = Some(Unit::Shares);
                }
            }
        }
        s
    }

    /// A currency prefix ending at `i` (allowing one space between a code and the number).
    fn currency_ending_at(
        &self,
        text: &str,
        i: usize,
        attached_only: bool,
    ) -> Option<(usize, String)> {
        let before = &text[..i];
        for (p, code) in &self.currencies {
            if before.ends_with(p.as_str()) {
                let s = i - p.len();
                // a code of letters must stand alone: "USD" but not "XUSD"
                if p.as_bytes()[0].is_ascii_alphabetic()
                    && s > 0
                    && text.as_bytes()[s - 1].is_ascii_alphabetic()
                {
                    continue;
                }
                return Some((s, if p == "$" { "USD".into() } else { code.clone() }));
            }
            if !attached_only && before.ends_with(' ') {
                let b2 = &before[..before.len() - 1];
                if b2.ends_with(p.as_str()) {
                    let s = i - 1 - p.len();
                    if p.as_bytes()[0].is_ascii_alphabetic()
                        && s > 0
                        && text.as_bytes()[s - 1].is_ascii_alphabetic()
                    {
                        continue;
                    }
                    return Some((s, if p == "$" { "USD".into() } else { code.clone() }));
                }
            }
        }
        None
    }

    /// A scale word at `k` ("M", " million", " mn"); letters only when `letters_ok`.
    fn scale_at(&self, text: &str, k: usize, letters_ok: bool) -> Option<(usize, Decimal)> {
        let rest = &text[k..];
        for (w, factor, letter) in &self.scales {
            if *letter && !letters_ok {
                continue;
            }
            // attached ("$1.5M") or after one space ("$1.5 million", "$1.5 M")
            for lead in ["", " "] {
                let cand_len = lead.len() + w.len();
                if rest.len() >= cand_len
                    && rest.starts_with(lead)
                    && rest.as_bytes()[lead.len()..cand_len] == *w.as_bytes()
                    && rest.as_bytes().get(cand_len).is_none_or(|&c| !is_word(c))
                {
                    // "m" and "b" attached only; " M" after a space only after a currency
                    if *letter
                        && !lead.is_empty()
                        && w.len() == 1
                        && w.as_bytes()[0].is_ascii_lowercase()
                    {
                        continue;
                    }
                    return Some((cand_len, *factor));
                }
            }
        }
        None
    }

    /// A hedge phrase ending just before `start` (whitespace between).
    fn hedge_before(&self, text: &str, start: usize) -> Option<Hedge> {
        let before = text[..start].trim_end_matches([' ', '\n', '\t', '\u{a0}']);
        if before.len() == start && !before.ends_with('~') {
            // no space between: only "~21%"
            return None;
        }
        let tail_start = before.len().saturating_sub(40);
        let tail_start = (0..=tail_start)
            .rev()
            .find(|&p| before.is_char_boundary(p))
            .unwrap_or(0);
        let tail = before[tail_start..].to_lowercase();
        if tail.len() != before.len() - tail_start {
            return None; // lowercase changed byte lengths (rare scripts): no hedge
        }
        for (w, kind, tol) in &self.hedges {
            if tail.ends_with(w.as_str()) {
                let s = before.len() - w.len();
                if s > 0 && is_word(before.as_bytes()[s - 1]) {
                    continue;
                }
                // "increased 20% over $5M": "over" compares, it does not hedge
                if w == "over" || w == "above" || w == "under" || w == "below" {
                    let pre = before[..s].trim_end();
                    let last = pre
                        .rsplit(|c: char| c.is_whitespace())
                        .next()
                        .unwrap_or("")
                        .to_lowercase();
                    let last = last.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
                    if last.ends_with('%')
                        || last.chars().last().is_some_and(|c| c.is_ascii_digit())
                        || self.change_words.iter().any(|c| c == last)
                    {
                        return None;
                    }
                }
                return Some(Hedge {
                    word: before[s..].to_string(),
                    kind: *kind,
                    tolerance: *tol,
                    range: s..before.len(),
                });
            }
        }
        None
    }
}

/// The value in base units of a number written `v` (signed) with `scale` and `decimals`, and the
/// resolution of its last digit; `None` when the value is beyond [`MAX_MAGNITUDE`].
fn in_range(
    v: Decimal,
    scale: Decimal,
    decimals: u32,
    rounded: bool,
    unit: &Unit,
    digits: &str,
) -> Option<(Decimal, Decimal)> {
    let value = v.checked_mul(scale).filter(|x| x.abs() <= MAX_MAGNITUDE)?;
    let mut resolution = if rounded {
        Decimal::try_new(1, decimals).ok()?.checked_mul(scale)?
    } else {
        Decimal::ZERO
    };
    // "970%", "2,100%": three or more integer digits ending in zeros are read to two
    // significant figures
    if *unit == Unit::Percent && decimals == 0 && digits.len() >= 3 {
        let zeros = digits.bytes().rev().take_while(|&c| c == b'0').count();
        let zeros = zeros.min(digits.len() - 2) as u32;
        resolution = Decimal::try_from_i128_with_scale(10i128.checked_pow(zeros)?, 0).ok()?;
    }
    // "10x" in prose is loose: an integer multiple stands for +/- 10%
    if *unit == Unit::Multiple && decimals == 0 {
        resolution = resolution.max(value.checked_mul(Decimal::new(2, 1))?);
    }
    Some((value, resolution))
}

/// Mark both ends of ranges: figures joined by a dash, or "between X and Y".
fn mark_ranges(text: &str, figs: &mut [Figure]) {
    for i in 1..figs.len() {
        let (a, b) = (figs[i - 1].range.end, figs[i].range.start);
        if a > b {
            continue;
        }
        let between = text[a..b].trim();
        let dash = matches!(between, "-" | "\u{2013}" | "\u{2014}" | "to" | "and")
            && (between.len() > 2 || b - a <= 3);
        let between_and = between == "and" && {
            let s = figs[i - 1].range.start;
            let lead = text[..s].trim_end().as_bytes();
            lead.len() >= 7 && lead[lead.len() - 7..].eq_ignore_ascii_case(b"between")
        };
        let to_range = between == "to" && {
            // "5% to 7%" with no "from", or a guidance range: only when both are written alike
            let s = figs[i - 1].range.start;
            let lead = text[..s].trim_end().to_ascii_lowercase();
            let ranging = ["ranging from", "ranged from", "range from", "ranges from"]
                .iter()
                .any(|w| lead.ends_with(w));
            figs[i - 1].unit == figs[i].unit
                && (ranging
                    || !lead.ends_with("from")
                        && (lead.ends_with("of")
                            || lead.ends_with("between")
                            || lead.ends_with("range")))
        };
        if (dash && between != "and" && between != "to") || between_and || to_range {
            figs[i - 1].in_range = true;
            figs[i].in_range = true;
        }
    }
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn ends_with_word_ci(s: &str, w: &str) -> bool {
    s.len() >= w.len()
        && s.as_bytes()[s.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
        && (s.len() == w.len() || !is_word(s.as_bytes()[s.len() - w.len() - 1]))
}

/// A minus sign (ASCII or Unicode) just before `pos`; returns its start.
fn minus_before(text: &str, pos: usize) -> Option<usize> {
    let before = &text[..pos];
    for m in ["-", "\u{2212}", "\u{2013}"] {
        if before.ends_with(m) {
            return Some(pos - m.len());
        }
    }
    None
}

/// `%`, ` %`, ` percent`, ` per cent` at `k`.
fn percent_at(text: &str, k: usize) -> Option<usize> {
    let rest = &text[k..];
    if rest.starts_with('%') {
        return Some(1);
    }
    if rest.starts_with(" %") {
        return Some(2);
    }
    word_at(text, k, &[" percent", " per cent", "-percent", " pct"])
}

/// `x` attached (`3x`, `3.5X`), ` times`? (not read: too ambiguous), `-fold`.
fn multiple_at(text: &str, k: usize) -> Option<usize> {
    let b = text.as_bytes();
    if k < b.len() && (b[k] == b'x' || b[k] == b'X') && b.get(k + 1).is_none_or(|&c| !is_word(c)) {
        return Some(1);
    }
    word_at(text, k, &["-fold", " fold"])
}

/// One of `words` (case-insensitive) at `k`, ending at a word boundary; returns its length.
fn word_at(text: &str, k: usize, words: &[&str]) -> Option<usize> {
    let rest = text.as_bytes().get(k..)?;
    for w in words {
        let wb = w.as_bytes();
        if rest.len() >= wb.len()
            && rest[..wb.len()].eq_ignore_ascii_case(wb)
            && rest.get(wb.len()).is_none_or(|&c| !is_word(c))
        {
            return Some(wb.len());
        }
    }
    None
}

const BASIS_POINTS: &[&str] = &[" basis points", " basis point", " bps", " bp"];
const PERCENTAGE_POINTS: &[&str] = &[
    " percentage points",
    " percentage point",
    " percent points",
    " pts",
    " pp",
    " ppts",
];
const PER_SHARE: &[&str] = &[
    " per shares",
    " per share",
    " a share",
    " per diluted share",
    " per basic and diluted share",
    " per common share",
    "/share",
    " per unit",
];
const SHARES: &[&str] = &[" shares", " common shares", " ordinary shares", " share"];

/// The digits of a number as written: `1,234.56` (a stray space before a group allowed).
struct Digits {
    start: usize,
    /// End of the integer part.
    int_end: usize,
    /// End of the number (after its decimals).
    end: usize,
    decimals: u32,
    had_commas: bool,
    /// The digits without separators.
    digits: String,
    /// `None`: more digits than tieout computes with (reported as out of range).
    parsed: Option<Decimal>,
}

impl Digits {
    fn at(b: &[u8], i: usize) -> Digits {
        let n = b.len();
        let mut j = run_of_digits(b, i);
        let mut had_commas = false;
        if j - i <= 3 {
            // a stray space before a group ("$ 13 ,742,981", as filed) does not end the number
            let stray = |j: usize| j + 1 < n && b[j] == b' ' && b[j + 1] == b',' && j > i;
            while j < n && (b[j] == b',' || stray(j)) {
                let k = j + 1 + usize::from(b[j] == b' ');
                if k + 3 <= n && run_of_digits(b, k) == k + 3 {
                    had_commas = true;
                    j = k + 3;
                } else {
                    break;
                }
            }
        }
        let int_end = j;
        let mut decimals = 0u32;
        if j + 1 < n && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            let end = run_of_digits(b, j + 1);
            decimals = u32::try_from(end - j - 1).unwrap_or(u32::MAX);
            j = end;
        }
        let digits: String = b[i..j]
            .iter()
            .filter(|&&c| c != b',' && c != b' ')
            .map(|&c| c as char)
            .collect();
        let parsed = if decimals > MAX_DECIMALS {
            None
        } else {
            digits.parse::<Decimal>().ok()
        };
        Digits {
            start: i,
            int_end,
            end: j,
            decimals,
            had_commas,
            digits,
            parsed,
        }
    }

    /// A bare number that is a date: a year (`2024`), or a day after a month name
    /// (`September 30`).
    fn is_date(&self, text: &str, had_scale: bool) -> bool {
        let (i, whole) = (self.start, self.int_end - self.start);
        let is_year = !self.had_commas
            && self.decimals == 0
            && !had_scale
            && whole == 4
            && (1900..=2100).contains(&self.digits.parse::<u32>().unwrap_or(0));
        let after_month = || {
            let from = crate::span::ceil_char(text, i.saturating_sub(16));
            let before = text[from..i].trim_end_matches(' ');
            let word = before
                .rsplit(|c: char| !c.is_ascii_alphabetic() && c != '.')
                .next()
                .unwrap_or("");
            word.len() >= 3 && crate::periods::month_of(word).is_some()
        };
        is_year || (self.decimals == 0 && whole <= 2 && after_month())
    }
}

/// What stands before a number's digits.
struct Prefix {
    /// Start of the figure (its sign, currency or parenthesis).
    start: usize,
    code: Option<String>,
    currency_range: Option<Range<usize>>,
    negative: bool,
    /// `$(0.05)`, `(222.2)%`: the closing parenthesis belongs to the figure.
    accounting_paren: bool,
}

/// What follows a number's digits.
struct Suffix {
    /// End of the figure.
    end: usize,
    scale: Decimal,
    scale_range: Option<Range<usize>>,
    unit: Option<Unit>,
    per_share: bool,
}

impl Suffix {
    fn take(&mut self, unit: Unit, len: usize) {
        self.unit = Some(unit);
        self.end += len;
    }
}

/// End of the run of ASCII digits from `i`.
fn run_of_digits(b: &[u8], i: usize) -> usize {
    i + b[i.min(b.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// End of the run of digits and `sep` from `i` (a version `1.2.3`, a phone number).
fn run_end(b: &[u8], i: usize, sep: u8) -> usize {
    i + b[i..]
        .iter()
        .take_while(|&&c| c.is_ascii_digit() || c == sep)
        .count()
}

#[cfg(test)]
mod tests;
