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
        let b = text.as_bytes();
        let n = b.len();
        // integer part with optional thousands separators
        let mut j = i;
        while j < n && b[j].is_ascii_digit() {
            j += 1;
        }
        let first_group = j - i;
        let mut had_commas = false;
        if first_group <= 3 {
            // a stray space before a group ("$ 13 ,742,981", as filed) does not end the number
            let stray = |j: usize| j + 1 < n && b[j] == b' ' && b[j + 1] == b',' && j > i;
            while j < n && (b[j] == b',' || stray(j)) {
                let k = j + 1 + usize::from(b[j] == b' ');
                if k + 3 <= n
                    && b[k..k + 3].iter().all(|c| c.is_ascii_digit())
                    && (k + 3 == n || !b[k + 3].is_ascii_digit())
                {
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
            j += 1;
            while j < n && b[j].is_ascii_digit() {
                j += 1;
                decimals += 1;
            }
        }
        let num_end = j;
        let skip = (None, num_end);

        // --- reject numbers that are parts of words, dates, times, versions, phone numbers
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let mut attached_code: Option<(usize, String)> = None;
        if prev.is_ascii_alphabetic() || prev == b'_' {
            // a currency code written attached: "RMB410 million"
            match self.currency_ending_at(text, i, true) {
                Some((start, code)) if start == 0 || !is_word(b[start - 1]) => {
                    attached_code = Some((start, code))
                }
                _ => return skip,
            }
        }
        if prev == b'-' && i >= 2 && (b[i - 2].is_ascii_alphanumeric()) {
            return skip;
        }
        if matches!(prev, b'/' | b':' | b'.' | b'#' | b'@' | b'=' | b'+') {
            return skip;
        }
        // a decimal point after the decimals, or an IP/version: 1.2.3
        if num_end + 1 < n && b[num_end] == b'.' && b[num_end + 1].is_ascii_digit() {
            let mut k = num_end + 1;
            while k < n && (b[k].is_ascii_digit() || b[k] == b'.') {
                k += 1;
            }
            return (None, k);
        }
        if num_end < n && matches!(b[num_end], b'/' | b':') {
            return skip;
        }
        if num_end + 1 < n && b[num_end] == b'-' && b[num_end + 1].is_ascii_digit() {
            // ranges, phone numbers, ISO dates: skip the whole run
            let mut k = num_end + 1;
            while k < n && (b[k].is_ascii_digit() || b[k] == b'-') {
                k += 1;
            }
            return (None, k);
        }

        let digits: String = text[i..num_end]
            .chars()
            .filter(|&c| c != ',' && c != ' ')
            .collect();
        // `None`: more digits than tieout computes with (reported as out of range below)
        let parsed: Option<Decimal> = if decimals > MAX_DECIMALS {
            None
        } else {
            digits.parse::<Decimal>().ok()
        };

        // --- prefix: currency, sign, parentheses, "negative"
        let (mut start, mut code) = match attached_code {
            Some((s, c)) => (s, Some(c)),
            None => match self.currency_ending_at(text, i, false) {
                Some((s, c)) => (s, Some(c)),
                None => (i, None),
            },
        };
        let mut currency_range = code.is_some().then_some(start..i);
        let mut negative = false;
        let mut accounting_paren = false;
        // "$(0.05)": parenthesis between currency and number
        if code.is_none() && prev == b'(' && i >= 2 {
            if let Some((s, c)) = self.currency_ending_at(text, i - 1, false) {
                if num_end < n && b[num_end] == b')' {
                    start = s;
                    currency_range = Some(s..i - 1);
                    code = Some(c);
                    negative = true;
                    accounting_paren = true;
                }
            }
        }
        // "(222.2)%": a negative percentage in accounting parentheses
        if code.is_none() && prev == b'(' && text[num_end..].starts_with(")%") {
            start = i - 1;
            negative = true;
            accounting_paren = true;
        }
        // minus sign right before the number or the currency
        for pos in [i, start] {
            if let Some(s) = minus_before(text, pos) {
                if s == 0 || !text.as_bytes()[s - 1].is_ascii_alphanumeric() {
                    negative = true;
                    start = start.min(s);
                    break;
                }
            }
        }
        if !negative && ends_with_word_ci(&text[..start], "negative ") {
            negative = true;
            start -= "negative ".len();
        }
        if code.as_deref() == Some("$") {
            code = Some("USD".into());
        }
        // an escaped dollar in Markdown-ish text: "\$1,000,000"
        if code.is_some() && start > 0 && b[start - 1] == b'\\' {
            start -= 1;
        }

        // --- suffix: scale, unit, per share, shares
        let mut k = if accounting_paren {
            num_end + 1
        } else {
            num_end
        };
        let mut scale = Decimal::ONE;
        let mut had_scale = false;
        let mut scale_range = None;
        if let Some((len, factor)) = self.scale_at(text, k, code.is_some()) {
            scale = factor;
            had_scale = true;
            scale_range = Some(k..k + len);
            k += len;
        }
        let mut unit: Option<Unit> = None;
        if let Some(len) = percent_at(text, k) {
            unit = Some(Unit::Percent);
            k += len;
        } else if let Some(len) =
            word_at(text, k, &[" basis points", " basis point", " bps", " bp"])
        {
            unit = Some(Unit::BasisPoints);
            k += len;
        } else if let Some(len) = word_at(
            text,
            k,
            &[
                " percentage points",
                " percentage point",
                " percent points",
                " pts",
                " pp",
                " ppts",
            ],
        ) {
            unit = Some(Unit::PercentagePoints);
            k += len;
        } else if code.is_none() {
            if let Some(len) = multiple_at(text, k) {
                unit = Some(Unit::Multiple);
                k += len;
            }
        }
        let mut per_share = false;
        if code.is_some() && unit.is_none() {
            if let Some(len) = word_at(
                text,
                k,
                &[
                    " per shares",
                    " per share",
                    " a share",
                    " per diluted share",
                    " per basic and diluted share",
                    " per common share",
                    "/share",
                    " per unit",
                ],
            ) {
                per_share = true;
                k += len;
            }
        }
        if code.is_none() && unit.is_none() {
            if let Some(len) = word_at(
                text,
                k,
                &[" shares", " common shares", " ordinary shares", " share"],
            ) {
                unit = Some(Unit::Shares);
                k += len;
            }
        }
        // a letter scale was only allowed after a currency; re-check for shares ("1.2M shares")
        if !had_scale && code.is_none() {
            if let Some((len, factor)) = self.scale_at(text, num_end, true) {
                if word_at(text, num_end + len, &[" shares"]).is_some() {
                    scale = factor;
                    had_scale = true;
                    scale_range = Some(num_end..num_end + len);
                    k = num_end + len + " shares".len();
                    unit = Some(Unit::Shares);
                }
            }
        }
        // a number glued to letters that are not a unit: "3D", "5G", "1st", "10-K"
        if k == num_end && num_end < n {
            let c = b[num_end];
            if c.is_ascii_alphabetic() {
                return skip;
            }
            if c == b'-' && num_end + 1 < n && b[num_end + 1].is_ascii_alphabetic() {
                return skip;
            }
        }

        let unit = match unit {
            Some(u) => u,
            None => match &code {
                Some(c) => Unit::Currency {
                    code: c.clone(),
                    per_share,
                },
                None => {
                    // dates: a year, or a day after a month name
                    let is_year = !had_commas
                        && decimals == 0
                        && !had_scale
                        && int_end - i == 4
                        && (1900..=2100).contains(&digits.parse::<u32>().unwrap_or(0));
                    // a day after a month name: "September 30"
                    let after_month = {
                        let from = crate::span::ceil_char(text, i.saturating_sub(16));
                        let before = text[from..i].trim_end_matches(' ');
                        let word = before
                            .rsplit(|c: char| !c.is_ascii_alphabetic() && c != '.')
                            .next()
                            .unwrap_or("");
                        word.len() >= 3 && crate::periods::month_of(word).is_some()
                    };
                    if is_year || (after_month && decimals == 0 && int_end - i <= 2) {
                        Unit::Date
                    } else {
                        Unit::Count
                    }
                }
            },
        };
        if unit == Unit::Date {
            return (None, num_end);
        }
        // an amount written with one decimal and no scale ("$23.5") is rounded: cents would
        // show two
        let one_decimal_amount = matches!(unit, Unit::Currency { .. }) && decimals == 1;
        let rounded = had_scale
            || one_decimal_amount
            || matches!(
                unit,
                Unit::Percent | Unit::BasisPoints | Unit::PercentagePoints | Unit::Multiple
            );
        let Some((value, resolution)) = parsed.and_then(|v| {
            let v = if negative { v.neg() } else { v };
            in_range(v, scale, decimals, rounded, &unit, &digits)
        }) else {
            return (Some(Err(start..k)), k);
        };
        let parenthesized = !accounting_paren && start > 0 && b[start - 1] == b'(' && {
            let mut e = k;
            while e < n && b[e] == b' ' {
                e += 1
            }
            e < n && b[e] == b')'
        };
        let hedge = self.hedge_before(text, start);
        (
            Some(Ok(Figure {
                range: start..k,
                value,
                unit,
                rounded,
                resolution,
                scale,
                hedge,
                parenthesized,
                in_range: false,
                currency_text: currency_range.map(|r| Arc::from(&text[r])),
                scale_text: scale_range.map(|r| Arc::from(&text[r])),
            })),
            k,
        )
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

#[cfg(test)]
mod tests;
