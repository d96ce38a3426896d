//! Stage 3: recognise claims that relate figures.
//!
//! The text is cut into paragraphs (blank lines) and sentences. Inside a sentence each figure gets
//! a [`Role`] from the words just before and after it ("from $7M" is a base, "to $5.5M" the new
//! value, "by $1.5M" or "a decrease of $2.73M" a stated change, "21%" after "improved by" a
//! stated percent change; `roles.rs`). Figures are then grouped, left to right, into change
//! [`Claim`]s, with the direction words that govern them and the signs their words give the
//! values (`changes.rs`). A few shapes have their own recognisers: premium/discount of a price and
//! part of a total (`shares.rs`), amount / price = shares (`quantities.rs`). Figures are linked
//! only when their words say they belong together; what the words leave open (signs, rounding,
//! another base) is for [`crate::readings`].

use std::ops::Range;

use crate::extract::{Figure, Unit};
use crate::pack::Pack;
use crate::source::Document;

mod changes;
mod quantities;
mod roles;
mod sentences;
mod shares;
mod words;

pub use sentences::{paragraphs, sentences};
use words::Vocab;

/// Index of a figure in the document's figure list.
pub type FigId = usize;

/// Which way a direction word says a figure moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Up,
    Down,
    Better,
    Worse,
}

/// A direction word tied to a claim.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DirWord {
    pub word: String,
    pub dir: Dir,
    #[serde(skip)]
    pub range: Range<usize>,
}

/// What the words next to a value say about its sign: "a loss of $2.5 million", "income of $0.1
/// million", "cash used", "cash provided".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Polarity {
    #[default]
    Unknown,
    Gain,
    Loss,
}

/// The shapes of claim tieout recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A metric moved from a base to a current value, with a stated percent, delta, multiple or
    /// direction.
    Change,
    /// A ratio (margin) moved, stated in percentage points or basis points.
    PointChange,
    /// A price stated as a premium or discount to a reference price.
    PremiumDiscount,
    /// An amount at a price per share gives a number of shares.
    AmountPriceQuantity,
    /// A part stated as a percentage of a total.
    PartOfTotal,
}

impl ClaimKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimKind::Change => "change",
            ClaimKind::PointChange => "point-change",
            ClaimKind::PremiumDiscount => "premium-discount",
            ClaimKind::AmountPriceQuantity => "amount-price-quantity",
            ClaimKind::PartOfTotal => "part-of-total",
        }
    }
}

/// A recognised claim: the figures it relates, by role.
#[derive(Debug, Clone, Default)]
pub struct Claim {
    pub kind: Option<ClaimKind>,
    /// Text range of the claim (hull of its figures and direction words).
    pub range: Range<usize>,
    /// The earlier value (or the reference price, or the total).
    pub base: Option<FigId>,
    /// The later value (or the price, or the part).
    pub current: Option<FigId>,
    /// The current value was taken from an earlier sentence of the paragraph.
    pub current_from_context: bool,
    /// A stated percent change (or premium/discount, or share of the total).
    pub percent: Option<FigId>,
    /// A stated absolute change.
    pub delta: Option<FigId>,
    /// A stated multiple ("doubled", "3x").
    pub multiple: Option<FigId>,
    /// A stated change in percentage points or basis points.
    pub points: Option<FigId>,
    pub directions: Vec<DirWord>,
    /// The metric is one where smaller is better (a loss, an expense).
    pub lower_is_better: bool,
    /// One value is a loss and the other a profit, signs unwritten: read only with signs.
    pub mixed_sign: bool,
    /// The sign the words give the base and the current value.
    pub base_polarity: Polarity,
    pub current_polarity: Polarity,
    /// Whether the claim measures a gain (income, cash provided) or a loss, when its words say.
    pub measures: Polarity,
    /// For premium/discount: it is a discount.
    pub discount: bool,
    /// For amount / price = quantity: the total amount (proceeds, value, principal converted).
    pub amount: Option<FigId>,
    /// Amounts added to it ("$100,000 of principal, plus $8,425 of accrued interest").
    pub more_amounts: Vec<FigId>,
    /// For amount / price = quantity: the lots of shares the amount pays for, each at its price.
    pub legs: Vec<Leg>,
    /// The amount is net of fees ("net proceeds"): at most the shares times the price.
    pub amount_net: bool,
    /// Other bindings of the same claim the text allows (another figure as the base, another
    /// amount as the total), each complete; [`crate::readings`] checks them all.
    pub alternatives: Vec<Claim>,
}

impl Claim {
    pub fn kind(&self) -> ClaimKind {
        self.kind.unwrap_or(ClaimKind::Change)
    }
    /// Every figure the claim names.
    pub fn figures(&self) -> Vec<FigId> {
        let mut v: Vec<FigId> = [
            self.base,
            self.current,
            self.percent,
            self.delta,
            self.multiple,
            self.points,
            self.amount,
        ]
        .into_iter()
        .flatten()
        .collect();
        v.extend(&self.more_amounts);
        for l in &self.legs {
            v.push(l.quantity);
            v.extend(&l.prices);
        }
        v.sort();
        v.dedup();
        v
    }
}

/// A lot of shares in an issue, sale, purchase or conversion, and its price per share (several
/// prices: "at conversion prices of $18.75 and $22.50 per share", the price lies between).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leg {
    pub quantity: FigId,
    pub prices: Vec<FigId>,
}

/// The role a figure plays in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The earlier value: "from $7M", "compared to $4.14M".
    Base,
    /// The later value: "to $5.5M".
    Current,
    /// A stated change: "by $1.5M", "a decrease of $2.73M", "improved by 21%".
    Change,
    /// A percentage stated as a premium or discount.
    Premium { discount: bool },
    /// A percentage of a total: "7.9% of the Company's shares".
    PartOf,
    /// A value with no comparison cue: "revenue was $1.42M".
    Value,
    /// Not part of any claim.
    None,
}

/// Claim recogniser built once from the rule pack.
pub struct Recognizer {
    vocab: Vocab,
}

/// One sentence being read: its figures (dates left out), their roles, and whether a clause
/// break stands in the gap before each.
struct Sent<'a> {
    text: &'a str,
    range: Range<usize>,
    figs: &'a [Figure],
    ids: Vec<FigId>,
    roles: Vec<Role>,
    breaks: Vec<bool>,
}

impl Sent<'_> {
    /// The text between the figure before the `n`-th and the `n`-th (the sentence start for the
    /// first).
    fn gap_before(&self, n: usize) -> Range<usize> {
        let start = if n == 0 {
            self.range.start
        } else {
            self.figs[self.ids[n - 1]].range.end
        };
        start..self.figs[self.ids[n]].range.start.max(start)
    }

    /// The text between the `n`-th figure and the next (the sentence end for the last).
    fn gap_after(&self, n: usize) -> Range<usize> {
        let end = self
            .ids
            .get(n + 1)
            .map(|&j| self.figs[j].range.start)
            .unwrap_or(self.range.end);
        let start = self.figs[self.ids[n]].range.end;
        start..end.max(start)
    }
}

impl Recognizer {
    pub fn new(pack: &Pack) -> Self {
        Recognizer {
            vocab: Vocab::new(pack),
        }
    }

    /// All claims in a document, in text order.
    pub fn recognize(&self, doc: &Document, figs: &[Figure]) -> Vec<Claim> {
        let text = doc.text.as_str();
        let sents = prose_sentences(doc);
        let fig_ids = figures_by_sentence(figs, &sents);
        let mut claims = Vec::new();
        let mut para_claims: Vec<Claim> = Vec::new();
        let mut cur_para = usize::MAX;
        for (si, (pi, sent)) in sents.iter().enumerate() {
            if *pi != cur_para {
                claims.append(&mut para_claims);
                cur_para = *pi;
            }
            if fig_ids[si].is_empty() {
                continue;
            }
            let next = sents
                .get(si + 1)
                .map(|(_, r)| (r.clone(), fig_ids[si + 1].clone()));
            let Some(s) = self.read_sentence(text, sent.clone(), figs, &fig_ids[si]) else {
                continue;
            };
            self.change_groups(&s, &mut para_claims);
            self.premiums(&s, &mut para_claims);
            self.part_of(&s, &mut para_claims);
            self.quantities(&s, next, &mut para_claims);
        }
        claims.append(&mut para_claims);
        claims
    }

    /// The roles and clause breaks of a sentence's figures; `None` when it has none but dates.
    fn read_sentence<'a>(
        &self,
        text: &'a str,
        range: Range<usize>,
        figs: &'a [Figure],
        ids: &[FigId],
    ) -> Option<Sent<'a>> {
        let ids: Vec<FigId> = ids
            .iter()
            .copied()
            .filter(|&i| figs[i].unit != Unit::Date)
            .collect();
        if ids.is_empty() {
            return None;
        }
        let mut s = Sent {
            text,
            range,
            figs,
            ids,
            roles: Vec::new(),
            breaks: Vec::new(),
        };
        for n in 0..s.ids.len() {
            let f = &figs[s.ids[n]];
            let mut gap = s.gap_before(n);
            if let Some(h) = &f.hedge {
                gap.end = h.range.start.max(gap.start);
            }
            let prev = n.checked_sub(1).map(|p| (&figs[s.ids[p]], s.roles[p]));
            let r = self.role(text, gap, s.gap_after(n), f, prev);
            s.roles.push(r);
            // a clause break (a cause, "while", an item "(ii)") before a figure ends the claim
            s.breaks
                .push(n > 0 && self.vocab.has_break(&text[s.gap_before(n)]));
        }
        Some(s)
    }
}

/// Every sentence outside tables, with its paragraph number.
fn prose_sentences(doc: &Document) -> Vec<(usize, Range<usize>)> {
    let text = doc.text.as_str();
    let mut sents = Vec::new();
    for (pi, para) in paragraphs(text).into_iter().enumerate() {
        if doc.in_table(para.start) {
            continue;
        }
        sents.extend(sentences(text, para).into_iter().map(|s| (pi, s)));
    }
    sents
}

/// The figures inside each sentence.
fn figures_by_sentence(figs: &[Figure], sents: &[(usize, Range<usize>)]) -> Vec<Vec<FigId>> {
    let mut out = Vec::with_capacity(sents.len());
    let mut fi = 0;
    for (_, sent) in sents {
        while fi < figs.len() && figs[fi].range.start < sent.start {
            fi += 1;
        }
        let mut ids = Vec::new();
        while fi < figs.len() && figs[fi].range.start < sent.end {
            if figs[fi].range.end <= sent.end {
                ids.push(fi);
            }
            fi += 1;
        }
        out.push(ids);
    }
    out
}

/// The hull of some figures' text ranges.
fn hull(figs: &[Figure], ids: &[FigId]) -> Range<usize> {
    let start = ids.iter().map(|&i| figs[i].range.start).min().unwrap_or(0);
    let end = ids.iter().map(|&i| figs[i].range.end).max().unwrap_or(0);
    start..end
}

#[cfg(test)]
mod tests;
