//! Stage 3b: readings. The claims stage says which figures a sentence relates; the text often
//! allows more than one way to bind them: which figure is the base, whether a loss is a negative
//! value, whether a base stated in another period or document completes the claim. This stage
//! lists, for every claim, each reading the document allows (a [`Reading`]: the claim with its
//! figures bound). Rules check every reading; a claim is a mismatch only when every reading fails
//! ([`crate::check::Checker::check`] picks the reading that fares best).
//!
//! Figures a reading needs that are not written as such (a base taken from the facts, a loss read
//! as a negative value) are added to the figure list, with the name they are shown by.

use std::collections::{BTreeMap, HashMap};

use crate::claims::{Claim, ClaimKind, Dir, FigId, Polarity};
use rust_decimal::Decimal;

use crate::extract::Figure;
use crate::facts::{sentence_of, DocPeriods, Fact, Metrics, Source};
use crate::periods;
use crate::source::Document;

/// One way to read a claim.
#[derive(Debug, Clone)]
pub struct Reading {
    pub claim: Claim,
    /// Where a figure the text does not state came from ("$254K Q2 2016 stated at this
    /// document"), for the help of a finding.
    pub base_source: Option<String>,
}

/// The readings of every claim of a document.
pub struct Readings {
    /// The document's figures, then the figures readings added.
    pub figs: Vec<Figure>,
    /// Added figures, by the name they are shown with.
    pub names: BTreeMap<FigId, String>,
    /// Per claim (in the order of the claims), its readings; never empty.
    pub of_claim: Vec<Vec<Reading>>,
}

/// What the readings stage looks at besides the claims.
pub struct Evidence<'a> {
    pub doc: &'a Document,
    pub metrics: &'a Metrics,
    pub periods: &'a DocPeriods,
    /// Facts a base may come from: the document's own, then the facts files.
    pub known: &'a [&'a Fact],
}

/// The known facts by metric and period, each list in the order of [`Evidence::known`].
type Known<'a> = HashMap<(&'a str, periods::Period), Vec<&'a Fact>>;

fn known_by_metric<'a>(ev: &Evidence<'a>) -> Known<'a> {
    let mut out: Known<'a> = HashMap::new();
    for &f in ev.known {
        out.entry((f.metric.as_str(), f.period))
            .or_default()
            .push(f);
    }
    out
}

/// The readings of `claims`.
pub fn readings(ev: &Evidence, figs: Vec<Figure>, claims: &[Claim]) -> Readings {
    let known = known_by_metric(ev);
    let mut r = Readings {
        figs,
        names: BTreeMap::new(),
        of_claim: Vec::with_capacity(claims.len()),
    };
    let scales = statement_scales(&ev.doc.text);
    for c in claims {
        let mut out = Vec::new();
        for binding in std::iter::once(c).chain(&c.alternatives) {
            let mut binding = binding.clone();
            binding.alternatives.clear();
            let reading = r.complete_base(ev, &known, binding);
            for reading in r.signed(ev.doc, reading) {
                let scaled = r.in_statement_scale(ev.doc, &reading, &scales);
                let thousands = r.rounded_to_thousands(ev.doc, &reading);
                let cut = r.scale_cut_off(ev.doc, &reading);
                out.push(reading);
                out.extend(scaled);
                out.extend(thousands);
                out.extend(cut);
            }
        }
        r.of_claim.push(out);
    }
    r
}

/// The scales a document's statements are in ("in thousands, except per share data"): in its
/// prose too, an amount or a number of shares written without a scale word may be in them.
fn statement_scales(text: &str) -> Vec<Decimal> {
    let lc = text.to_ascii_lowercase();
    [("in thousands", 1_000i64), ("in millions", 1_000_000)]
        .into_iter()
        .filter(|(w, _)| lc.contains(w))
        .map(|(_, k)| Decimal::from(k))
        .collect()
}

impl Readings {
    /// Add a figure a reading needs, shown as `name`.
    fn add(&mut self, f: Figure, name: String) -> FigId {
        self.figs.push(f);
        let id = self.figs.len() - 1;
        self.names.insert(id, name);
        id
    }

    /// The name a figure is shown with.
    fn written(&self, doc: &Document, id: FigId) -> String {
        self.names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| doc.text[self.figs[id].range.clone()].to_string())
    }

    /// A change stated without its base ("a recovery of approximately 78% from second quarter
    /// 2016") whose base period is named: the base is the known fact for that metric and period.
    fn complete_base(&mut self, ev: &Evidence, known: &Known, c: Claim) -> Reading {
        let Some((fact, base_period, at)) = base_from_facts(ev, known, &self.figs, &c) else {
            return Reading {
                claim: c,
                base_source: None,
            };
        };
        let mut base = fact.fig.clone();
        base.range = at;
        let name = crate::extract::show::show_like(&base, base.value, 0);
        let id = self.add(base, name);
        let from = match &fact.source {
            Source::Document => format!("{} {base_period} stated at this document", fact.text),
            Source::External { origin, note } if note.is_empty() => {
                format!(
                    "{} ({}, {base_period}) from {origin}",
                    fact.text, fact.metric
                )
            }
            Source::External { origin, note } => format!(
                "{} ({}, {base_period}) from {origin}, {note}",
                fact.text, fact.metric
            ),
        };
        Reading {
            claim: Claim {
                base: Some(id),
                ..c
            },
            base_source: Some(from),
        }
    }

    /// The signs a change's values may have. Figures are written as sizes: "a loss of $2.5
    /// million compared to income of $0.1 million" compares -2.5 with 0.1, or, read as a loss,
    /// 2.5 with -0.1. A value in accounting parentheses may be negative. A change stated as a
    /// negative amount ("an increase of $(55.3) million") goes the other way from its word.
    fn signed(&mut self, doc: &Document, r: Reading) -> Vec<Reading> {
        let c = &r.claim;
        if !matches!(c.kind(), ClaimKind::Change | ClaimKind::PointChange) {
            return vec![r];
        }
        let mut out: Vec<Claim> = Vec::new();
        if let (Some(b), Some(cur)) = (c.base, c.current) {
            out.extend(self.loss_and_gain(doc, c, b, cur));
            out.extend(self.in_parentheses(doc, c, b, cur));
        }
        if c.delta.is_some_and(|d| self.figs[d].value < Decimal::ZERO) && !c.directions.is_empty() {
            let mut s = c.clone();
            for d in &mut s.directions {
                d.dir = match d.dir {
                    Dir::Up => Dir::Down,
                    Dir::Down => Dir::Up,
                    Dir::Better => Dir::Worse,
                    Dir::Worse => Dir::Better,
                };
            }
            out.push(s);
        }
        let mut readings: Vec<Reading> = out
            .into_iter()
            .map(|claim| Reading {
                claim,
                base_source: r.base_source.clone(),
            })
            .collect();
        // the literal reading first, unless its values' signs are unknown
        if !c.mixed_sign || readings.is_empty() {
            readings.insert(0, r);
        }
        readings
    }

    /// A loss compared with a gain: as income (the loss negative) and as a loss (the gain
    /// negative).
    fn loss_and_gain(&mut self, doc: &Document, c: &Claim, b: FigId, cur: FigId) -> Vec<Claim> {
        let (pb, pc) = (c.base_polarity, c.current_polarity);
        let opposite = matches!(
            (pb, pc),
            (Polarity::Gain, Polarity::Loss) | (Polarity::Loss, Polarity::Gain)
        );
        if !opposite || c.kind() != ClaimKind::Change {
            return Vec::new();
        }
        let mut out = Vec::new();
        // as income, unless the claim measures a loss; as a loss, unless it measures a gain
        for negative in [Polarity::Loss, Polarity::Gain] {
            if c.measures == negative {
                continue;
            }
            let mut s = c.clone();
            s.mixed_sign = false;
            s.lower_is_better = negative == Polarity::Gain;
            if pb == negative {
                s.base = Some(self.negated(doc, b));
            }
            if pc == negative {
                s.current = Some(self.negated(doc, cur));
            }
            out.push(s);
        }
        out
    }

    /// Values in accounting parentheses may be negative; two written alike are both negative or
    /// both not.
    fn in_parentheses(&mut self, doc: &Document, c: &Claim, b: FigId, cur: FigId) -> Option<Claim> {
        let paren = |f: &Figure| f.parenthesized && f.value > Decimal::ZERO;
        let (pb, pc) = (paren(&self.figs[b]), paren(&self.figs[cur]));
        if c.mixed_sign || !(pb || pc) {
            return None;
        }
        let mut s = c.clone();
        if pb {
            s.base = Some(self.negated(doc, b));
        }
        if pc {
            s.current = Some(self.negated(doc, cur));
        }
        Some(s)
    }

    /// An issue of shares read in the scale of the statements: its amounts, or its amounts and
    /// numbers of shares, written without a scale word, as thousands (or millions).
    fn in_statement_scale(
        &mut self,
        doc: &Document,
        r: &Reading,
        scales: &[Decimal],
    ) -> Vec<Reading> {
        let c = &r.claim;
        if c.kind() != ClaimKind::AmountPriceQuantity {
            return Vec::new();
        }
        let bare = |f: &Figure| f.scale == Decimal::ONE && f.value.fract().is_zero();
        let mut out = Vec::new();
        for &k in scales {
            let amounts: Vec<FigId> = c.amount.iter().chain(&c.more_amounts).copied().collect();
            let scale_amounts = amounts.iter().all(|&a| bare(&self.figs[a]));
            let scale_lots = c.legs.iter().all(|l| bare(&self.figs[l.quantity]));
            // numbers of shares in thousands only beside amounts in thousands
            for (am, lots) in [(true, false), (true, true)] {
                if (am && !scale_amounts) || (lots && !scale_lots) {
                    continue;
                }
                let mut s = c.clone();
                if am {
                    s.amount = s.amount.map(|a| self.scaled(doc, a, k));
                    s.more_amounts = s
                        .more_amounts
                        .iter()
                        .map(|&a| self.scaled(doc, a, k))
                        .collect();
                }
                if lots {
                    for l in &mut s.legs {
                        l.quantity = self.scaled(doc, l.quantity, k);
                    }
                }
                out.push(Reading {
                    claim: s,
                    base_source: r.base_source.clone(),
                });
            }
        }
        out
    }

    /// A change whose amounts are all written in full to the thousand ("increased $233,000, or
    /// 44.2%, to $759,000 from $526,000") may have been rounded to the thousand from the
    /// statements.
    fn rounded_to_thousands(&mut self, doc: &Document, r: &Reading) -> Option<Reading> {
        let c = &r.claim;
        if c.kind() != ClaimKind::Change {
            return None;
        }
        let k = Decimal::from(1000);
        let ids: Vec<FigId> = [c.base, c.current, c.delta].into_iter().flatten().collect();
        let whole = |f: &Figure| {
            f.is_amount() && f.resolution.is_zero() && !f.value.is_zero() && (f.value % k).is_zero()
        };
        if ids.len() < 2 || !ids.iter().all(|&i| whole(&self.figs[i])) {
            return None;
        }
        let mut round = |id: FigId| {
            let mut f = self.figs[id].clone();
            f.rounded = true;
            f.resolution = k;
            let name = self.written(doc, id);
            self.add(f, name)
        };
        let mut s = c.clone();
        s.base = s.base.map(&mut round);
        s.current = s.current.map(&mut round);
        s.delta = s.delta.map(&mut round);
        Some(Reading {
            claim: s,
            base_source: r.base_source.clone(),
        })
    }

    /// "$5.5 [page break] million": a value of a change written without a scale word, whose
    /// scale word follows it after a line break or the page's header, beside values in that
    /// scale, is in that scale. So is the one value written without it beside values all in
    /// one scale: "decreased by $99 thousand from $880 thousand to $781", "$59,144 thousand
    /// ..., a decrease of $14,713 as compared to $73,857 thousand".
    fn scale_cut_off(&mut self, doc: &Document, r: &Reading) -> Option<Reading> {
        let c = &r.claim;
        if c.kind() != ClaimKind::Change {
            return None;
        }
        let ids: Vec<FigId> = [c.base, c.current, c.delta].into_iter().flatten().collect();
        let scales: Vec<Decimal> = ids
            .iter()
            .map(|&i| self.figs[i].scale)
            .filter(|k| *k > Decimal::ONE)
            .collect();
        let k = *scales.first()?;
        if scales.iter().any(|&o| o != k) {
            return None;
        }
        let word = match k.to_string().len() {
            4 => "thousand",
            7 => "million",
            10 => "billion",
            _ => return None,
        };
        let bare: Vec<FigId> = ids
            .iter()
            .copied()
            .filter(|&i| self.figs[i].is_amount() && self.figs[i].scale == Decimal::ONE)
            .collect();
        // read in the scale, it stays of the size of the others ("$5 million, up from $33,000"
        // is no $33,000 million)
        let largest = ids.iter().map(|&i| self.figs[i].value.abs()).max()?;
        let fits = |i: FigId| self.figs[i].value.abs() * k <= largest * Decimal::TEN;
        let cut = match bare[..] {
            [only] if fits(only) => only,
            [_] => return None,
            _ => bare
                .iter()
                .copied()
                .find(|&i| scale_word_after(&doc.text, &self.figs[i], word))?,
        };
        let written = self.written(doc, cut);
        let decimals = written
            .rsplit_once('.')
            .map(|(_, d)| d.chars().take_while(char::is_ascii_digit).count())
            .unwrap_or(0);
        let mut f = self.figs[cut].clone();
        f.value *= k;
        f.scale = k;
        f.rounded = true;
        f.resolution = Decimal::new(1, decimals as u32) * k;
        let name = format!("{written} {word}");
        let id = self.add(f, name);
        let mut s = c.clone();
        for slot in [&mut s.base, &mut s.current, &mut s.delta] {
            if *slot == Some(cut) {
                *slot = Some(id);
            }
        }
        Some(Reading {
            claim: s,
            base_source: r.base_source.clone(),
        })
    }

    /// A figure read in a scale (thousands): rounded to one unit of it.
    fn scaled(&mut self, doc: &Document, id: FigId, k: Decimal) -> FigId {
        let mut f = self.figs[id].clone();
        f.value *= k;
        f.scale = k;
        f.rounded = true;
        f.resolution = k;
        let word = if k == Decimal::from(1000) {
            "thousand"
        } else {
            "million"
        };
        let name = format!("{} {word}", self.written(doc, id));
        self.add(f, name)
    }

    /// A figure's negative, shown with a minus sign.
    fn negated(&mut self, doc: &Document, id: FigId) -> FigId {
        let mut f = self.figs[id].clone();
        f.value = -f.value;
        let name = format!("-{}", self.written(doc, id).trim_matches(['(', ')']));
        self.add(f, name)
    }
}

/// Is `word` ("million") the first word after the figure, past a line break or the page's
/// furniture (a page number, "Table of Contents")?
fn scale_word_after(text: &str, f: &Figure, word: &str) -> bool {
    let end = crate::span::floor_char(text, (f.range.end + 80).min(text.len()));
    let after = &text[f.range.end..end];
    let broken = after
        .trim_start_matches([' ', '\t'])
        .starts_with(['\n', '\r']);
    let mut words = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase);
    let furniture = |w: &str| matches!(w, "table" | "of" | "contents" | "page");
    let mut skipped = false;
    for w in words.by_ref() {
        if furniture(&w) {
            skipped = true;
            continue;
        }
        return w == word && (broken || skipped);
    }
    false
}

/// The fact that completes a change stated without its base, the base period, and where the
/// period is written (the text the base is shown at).
fn base_from_facts<'a>(
    ev: &Evidence<'a>,
    known: &Known<'a>,
    figs: &[Figure],
    c: &Claim,
) -> Option<(&'a Fact, periods::Period, std::ops::Range<usize>)> {
    if c.kind() != ClaimKind::Change || c.base.is_some() {
        return None;
    }
    let (p, cur) = (c.percent?, c.current?);
    let text = ev.doc.text.as_str();
    let sent = sentence_of(text, figs[p].range.start);
    // the base period: named right after the percent ("78% from second quarter 2016", "27% over
    // Q1 2025"), joined to it by a comparison word
    let m = ev
        .periods
        .from(figs[p].range.end)
        .iter()
        .take_while(|m| m.range.start <= sent.end)
        .find(|m| m.range.end <= sent.end)?;
    let between = text[figs[p].range.end..m.range.start].to_lowercase();
    let words: Vec<&str> = between.split_whitespace().collect();
    let connector = words.iter().all(|w| {
        matches!(
            *w,
            "from"
                | "over"
                | "compared"
                | "to"
                | "with"
                | "versus"
                | "vs"
                | "vs."
                | "the"
                | "in"
                | "improvement"
                | "increase"
                | "decrease"
                | "growth"
                | "recovery"
                | "decline"
                | "year-over-year"
        )
    });
    let compares = words
        .iter()
        .any(|w| matches!(*w, "from" | "over" | "compared" | "versus" | "vs" | "vs."));
    if !connector || !compares {
        return None;
    }
    let base_period = periods::resolve(&m.what, ev.periods.fye, ev.periods.current)?;
    // the new value's own period, which the base's must differ from
    let cur_period = ev
        .periods
        .for_range(sent.clone(), figs[cur].range.clone(), None, false)
        .map(|(p, _)| p)
        .or(ev.periods.current);
    if cur_period == Some(base_period) {
        return None;
    }
    let first = figs[cur].range.start.min(figs[p].range.start);
    let (_, metric) = ev.metrics.last_in(&text[sent.start.min(first)..first])?;
    let fact = known
        .get(&(metric.as_str(), base_period))?
        .iter()
        .find(|f| f.range != figs[cur].range && f.fig.family() == figs[cur].family())?;
    Some((fact, base_period, m.range.clone()))
}

#[cfg(test)]
mod tests {
    use crate::rules::testutil::findings;

    #[test]
    fn a_value_in_parentheses_may_be_negative() {
        let t = "The change in fair value was $0 for 2023, representing an increase of $361,055, from ($361,055) for 2022.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = t.replace("($361,055)", "$361,055");
        assert_eq!(findings(&t), vec!["error change-direction `increase`"]);
    }

    #[test]
    fn a_negative_change_turns_its_word_around() {
        let t = "Net sales were $51.2 million, compared to $106.4 million a year ago, representing an increase of $(55.3) million, or 51.9%.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = t.replace("$(55.3)", "$55.3");
        assert_eq!(
            findings(&t),
            vec![
                "error change-direction `increase`",
                "error percent-change `51.9%`"
            ]
        );
    }
}
