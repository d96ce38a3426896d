//! Stage 3: recognise claims that relate figures.
//!
//! The text is cut into paragraphs (blank lines) and sentences. Inside a sentence each figure gets
//! a [`Role`] from the words just before and after it ("from $7M" is a base, "to $5.5M" the new
//! value, "by $1.5M" or "a decrease of $2.73M" a stated change, "21%" after "improved by" a
//! stated percent change). Figures are then grouped, left to right, into [`Claim`]s: a group ends
//! when a slot it already has comes again or the kind of figure changes. A few shapes have their
//! own recognisers: premium/discount of a price, amount / price = shares, part of a total.

use std::ops::Range;

use crate::extract::{Family, Figure, Unit};
use crate::pack::Pack;
use crate::source::Document;

mod sentences;
mod words;

pub use sentences::{paragraphs, sentences};
use words::{Tok, Vocab};

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
    /// For premium/discount: it is a discount.
    pub discount: bool,
    /// For amount / price = quantity.
    pub amount: Option<FigId>,
    pub price: Option<FigId>,
    pub quantities: Vec<FigId>,
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
            self.price,
        ]
        .into_iter()
        .flatten()
        .collect();
        v.extend(&self.quantities);
        v.sort();
        v.dedup();
        v
    }
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

impl Recognizer {
    pub fn new(pack: &Pack) -> Self {
        Recognizer {
            vocab: Vocab::new(pack),
        }
    }

    /// All claims in a document, in text order.
    pub fn recognize(&self, doc: &Document, figs: &[Figure]) -> Vec<Claim> {
        let text = doc.text.as_str();
        // every sentence outside tables, with its paragraph number
        let mut sents: Vec<(usize, Range<usize>)> = Vec::new();
        for (pi, para) in paragraphs(text).into_iter().enumerate() {
            if doc.in_table(para.start) {
                continue;
            }
            sents.extend(sentences(text, para).into_iter().map(|s| (pi, s)));
        }
        // figures of each sentence
        let mut fig_ids: Vec<Vec<FigId>> = Vec::with_capacity(sents.len());
        let mut fi = 0;
        for (_, sent) in &sents {
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
            fig_ids.push(ids);
        }
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
            self.sentence(
                text,
                sent.clone(),
                figs,
                &fig_ids[si],
                next,
                &mut para_claims,
            );
        }
        claims.append(&mut para_claims);
        claims
    }

    fn sentence(
        &self,
        text: &str,
        sent: Range<usize>,
        figs: &[Figure],
        ids: &[FigId],
        next: Option<(Range<usize>, Vec<FigId>)>,
        out: &mut Vec<Claim>,
    ) {
        let ids: Vec<FigId> = ids
            .iter()
            .copied()
            .filter(|&i| figs[i].unit != Unit::Date)
            .collect();
        if ids.is_empty() {
            return;
        }
        // roles
        let mut roles = Vec::with_capacity(ids.len());
        for (n, &id) in ids.iter().enumerate() {
            let f = &figs[id];
            let gap_start = if n == 0 {
                sent.start
            } else {
                figs[ids[n - 1]].range.end
            };
            let gap_end = f
                .hedge
                .as_ref()
                .map(|h| h.range.start)
                .unwrap_or(f.range.start)
                .max(gap_start);
            let after_end = ids
                .get(n + 1)
                .map(|&j| figs[j].range.start)
                .unwrap_or(sent.end)
                .max(f.range.end);
            let prev = if n == 0 {
                None
            } else {
                Some((&figs[ids[n - 1]], roles[n - 1]))
            };
            let r = self.role(text, gap_start..gap_end, f.range.end..after_end, f, prev);
            roles.push(r);
        }
        if std::env::var_os("TIEOUT_DEBUG_ROLES").is_some() {
            for (n, &id) in ids.iter().enumerate() {
                eprintln!("ROLE {:?} {:?}", &text[figs[id].range.clone()], roles[n]);
            }
        }
        // direction words of the sentence, outside figures
        let dirs = self.vocab.direction_words(text, sent.clone(), figs, &ids);

        // a clause break (a cause, "while") in the gap before a figure ends the claim before it
        let breaks: Vec<bool> = ids
            .iter()
            .enumerate()
            .map(|(n, &id)| {
                let gs = if n == 0 {
                    sent.start
                } else {
                    figs[ids[n - 1]].range.end
                };
                let ge = figs[id].range.start.max(gs);
                n > 0 && self.vocab.has_break(&text[gs..ge])
            })
            .collect();
        self.change_groups(text, &sent, figs, &ids, &roles, &breaks, &dirs, out);
        self.premiums(&sent, figs, &ids, &roles, out);
        self.part_of(text, figs, &ids, &roles, out);
        self.quantities(text, &sent, figs, &ids, next, out);
    }

    /// The role of figure `f`, from the gap before it and the text after it.
    fn role(
        &self,
        text: &str,
        gap: Range<usize>,
        after: Range<usize>,
        f: &Figure,
        prev: Option<(&Figure, Role)>,
    ) -> Role {
        let v = &self.vocab;
        let stated_unit = matches!(
            f.unit,
            Unit::Percent | Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
        );
        if matches!(f.unit, Unit::Count | Unit::Date) || f.in_range {
            return Role::None;
        }
        let toks = words::tokens(&text[gap.clone()]);
        let after_toks = words::tokens(&text[after.clone()]);
        let prev_stated = prev.is_some_and(|(_, r)| r == Role::Change);

        // premium / discount
        if f.unit == Unit::Percent {
            let tail: Vec<&str> = toks
                .iter()
                .rev()
                .take(3)
                .map(|t| t.lower.as_str())
                .collect();
            let next = after_toks.first().map(|t| t.lower.as_str()).unwrap_or("");
            for w in ["premium", "discount"] {
                if tail.contains(&w) || next == w {
                    return Role::Premium {
                        discount: w == "discount",
                    };
                }
            }
        }

        let n = toks.len();
        for back in 0..n.min(8) {
            let t = n - 1 - back;
            let w = toks[t].lower.as_str();
            let before = if t > 0 {
                toks[t - 1].lower.as_str()
            } else {
                ""
            };
            match w {
                "to" if before == "compared" || before == "relative" || before == "comparison" => {
                    return Role::Base
                }
                "with" if before == "compared" || before == "comparison" => return Role::Base,
                "versus" | "vs" | "vs." | "against" if back <= 5 => return Role::Base,
                "from" if back <= 1 || toks[t + 1..].iter().all(|x| is_filler(&x.lower)) => {
                    return Role::Base
                }
                "over" if back == 0 => return Role::Base,
                "to" if back <= 2 => {
                    if v.not_current_to.contains(before) {
                        return Role::Value;
                    }
                    return Role::Current;
                }
                "by" if back <= 2 => {
                    let mut p = t;
                    while p > 0 && toks[p - 1].lower.ends_with("ly") && toks[p - 1].lower.len() > 3
                    {
                        p -= 1;
                    }
                    if p > 0 && v.is_direction(&toks[p - 1].lower) {
                        return Role::Change;
                    }
                    return Role::None;
                }
                "of" if back <= 2 => {
                    let mut p = t;
                    while p > 0 && v.is_qualifier(&toks[p - 1].lower) {
                        p -= 1;
                    }
                    if p > 0 && v.is_change_noun(&toks[p - 1].lower) {
                        return Role::Change;
                    }
                }
                "or" | "(" | "\u{2014}"
                    if back == 0
                        && after_toks.first().is_some_and(|t| {
                            matches!(t.lower.as_str(), "compared" | "vs" | "vs." | "versus")
                        }) =>
                {
                    return Role::Current
                }
                "or" | "(" | "\u{2014}" if back == 0 && prev_stated => {
                    if let Some((pf, _)) = prev {
                        // "28%, or $1.6 million": the other half of a stated change
                        if (pf.unit == Unit::Percent) != (f.unit == Unit::Percent) {
                            return Role::Change;
                        }
                    }
                }
                "or" if back == 0 && f.unit == Unit::Percent && after_starts_of(&after_toks) => {
                    return Role::PartOf
                }
                _ => {}
            }
            if back <= 1 && v.is_direction(w) && !w.is_empty() {
                // "increased 22%", "up 21%", "decreased $2.3M"
                if stated_unit || f.is_amount() || f.unit == Unit::Shares {
                    // "up" right before an amount with no "by": a change ("up $2M")
                    return Role::Change;
                }
            }
            if w == ";" || w == "." {
                break;
            }
        }
        // the text after: "a 22% improvement", "$2.3M decrease"
        let mut p = 0;
        while p < after_toks.len() && v.is_qualifier(&after_toks[p].lower) {
            p += 1;
        }
        if let Some(t) = after_toks.get(p) {
            if v.is_change_noun(&t.lower) || v.is_direction_adj(&t.lower) {
                return Role::Change;
            }
        }
        if f.unit == Unit::Percent && after_starts_of(&after_toks) {
            let last = toks.last().map(|t| t.lower.as_str()).unwrap_or("");
            if matches!(
                last,
                "represents"
                    | "represented"
                    | "representing"
                    | "or"
                    | "approximately"
                    | "about"
                    | "is"
                    | "was"
                    | "comprised"
                    | "comprising"
                    | "accounted"
                    | "constituting"
                    | ","
            ) || toks.iter().rev().take(2).any(|t| t.lower == "represents")
            {
                return Role::PartOf;
            }
        }
        if matches!(
            f.unit,
            Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
        ) {
            // "grew 3x" without a direction word right before still states a change
            return Role::Change;
        }
        Role::Value
    }

    #[allow(clippy::too_many_arguments)]
    fn change_groups(
        &self,
        text: &str,
        sent: &Range<usize>,
        figs: &[Figure],
        ids: &[FigId],
        roles: &[Role],
        breaks: &[bool],
        dirs: &[DirWord],
        out: &mut Vec<Claim>,
    ) {
        #[derive(Default)]
        struct G {
            c: Claim,
            family: Option<Family>,
            weak_current: bool,
            members: Vec<FigId>,
        }
        let mut groups: Vec<G> = Vec::new();
        let mut g = G::default();
        let mut pending_values: Vec<FigId> = Vec::new();
        let close = |g: &mut G, groups: &mut Vec<G>| {
            let done = std::mem::take(g);
            if !done.members.is_empty() {
                groups.push(done);
            }
        };
        for (n, &id) in ids.iter().enumerate() {
            let f = &figs[id];
            let role = roles[n];
            let fam = f.family();
            if breaks[n] {
                close(&mut g, &mut groups);
                pending_values.clear();
            }
            match role {
                Role::Base | Role::Current | Role::Value => {
                    if fam == Family::Other {
                        continue;
                    }
                    if let Some(gf) = &g.family {
                        if *gf != fam {
                            if role == Role::Value {
                                pending_values.push(id);
                                continue;
                            }
                            close(&mut g, &mut groups);
                        }
                    }
                    let stated = g.c.percent.is_some()
                        || g.c.delta.is_some()
                        || g.c.multiple.is_some()
                        || g.c.points.is_some();
                    let slot_taken = match role {
                        Role::Base => g.c.base.is_some(),
                        // a weak value ("revenue was $5M") gives way to "to $X" only while
                        // nothing else is known
                        Role::Current => {
                            g.c.current.is_some()
                                && (!g.weak_current || g.c.base.is_some() || stated)
                        }
                        _ => g.c.current.is_some(),
                    };
                    if slot_taken {
                        // a second value of the same metric family after a complete comparison
                        // starts a new claim ("..., and cash reached $20.4M, a $15.2M increase")
                        if role == Role::Value && g.c.base.is_none() && !stated {
                            pending_values.push(id);
                            continue;
                        }
                        close(&mut g, &mut groups);
                    }
                    // "improving to 0.41%, and ... were at 0.97%, down from 0.98%": the base
                    // belongs to the value stated last
                    if role == Role::Base && g.c.base.is_none() && g.family.as_ref() == Some(&fam) {
                        if let Some(cur) = g.c.current {
                            if pending_values
                                .iter()
                                .any(|&p| p > cur && figs[p].family() == fam)
                            {
                                close(&mut g, &mut groups);
                            }
                        }
                    }
                    if g.family.is_none() && role == Role::Base {
                        // pull in a value of this family stated just before ("margin was 40%, up from 38%")
                        if let Some(&pv) = pending_values
                            .iter()
                            .rev()
                            .find(|&&p| figs[p].family() == fam)
                        {
                            g.c.current = Some(pv);
                            g.weak_current = true;
                            g.members.push(pv);
                        }
                    }
                    g.family = Some(fam);
                    match role {
                        Role::Base => g.c.base = Some(id),
                        Role::Current => {
                            g.c.current = Some(id);
                            g.weak_current = false;
                        }
                        _ => {
                            g.c.current = Some(id);
                            g.weak_current = true;
                        }
                    }
                    g.members.push(id);
                }
                Role::Change => {
                    let slot = match f.unit {
                        Unit::Percent => &mut g.c.percent,
                        Unit::Multiple => &mut g.c.multiple,
                        Unit::BasisPoints | Unit::PercentagePoints => &mut g.c.points,
                        _ => &mut g.c.delta,
                    };
                    let taken = slot.is_some();
                    let fam_clash = f.unit != Unit::Percent
                        && !matches!(
                            f.unit,
                            Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
                        )
                        && g.family.as_ref().is_some_and(|gf| *gf != fam);
                    if taken || fam_clash {
                        close(&mut g, &mut groups);
                    }
                    let slot = match f.unit {
                        Unit::Percent => &mut g.c.percent,
                        Unit::Multiple => &mut g.c.multiple,
                        Unit::BasisPoints | Unit::PercentagePoints => &mut g.c.points,
                        _ => &mut g.c.delta,
                    };
                    *slot = Some(id);
                    if !matches!(
                        f.unit,
                        Unit::Percent | Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
                    ) {
                        g.family = Some(fam);
                    }
                    if matches!(f.unit, Unit::BasisPoints | Unit::PercentagePoints)
                        && g.family.is_none()
                    {
                        g.family = Some(Family::Ratio);
                    }
                    g.members.push(id);
                }
                _ => {}
            }
        }
        close(&mut g, &mut groups);

        // attach direction words: to the claim whose figure follows the word in the same clause
        // (no comma or semicolon between, at most 8 words), or whose figure the word follows
        // closely ("a 22% improvement", "$2.3M decrease")
        let mut group_dirs: Vec<Vec<DirWord>> = vec![Vec::new(); groups.len()];
        for d in dirs {
            let mut best: Option<(usize, usize)> = None; // (distance, group)
            for (gi, gr) in groups.iter().enumerate() {
                for &m in &gr.members {
                    let fr = &figs[m].range;
                    let dist = if fr.start >= d.range.end {
                        let between = &text[d.range.end..fr.start];
                        let words = between.split_whitespace().count();
                        if words > 8 || between.contains([',', ';']) {
                            continue;
                        }
                        fr.start - d.range.end
                    } else if d.range.start >= fr.end {
                        let gap = d.range.start - fr.end;
                        if gap > 25 {
                            continue;
                        }
                        gap * 3
                    } else {
                        0
                    };
                    if best.is_none_or(|(bd, _)| dist < bd) {
                        best = Some((dist, gi));
                    }
                }
            }
            if let Some((_, gi)) = best {
                group_dirs[gi].push(d.clone());
            }
        }

        let para_claims_before = out.len();
        let _ = para_claims_before;
        for (gi, mut gr) in groups.into_iter().enumerate() {
            let c = &mut gr.c;
            c.directions = std::mem::take(&mut group_dirs[gi]);
            let stated = c.percent.is_some()
                || c.delta.is_some()
                || c.multiple.is_some()
                || c.points.is_some();
            let directional = c.base.is_some() && c.current.is_some() && !c.directions.is_empty();
            if !stated && !directional {
                continue;
            }
            // a base but no current value: the nearest value of its kind earlier in the
            // sentence, else the current one from earlier in the paragraph
            if let (Some(base), None) = (c.base, c.current) {
                let fam = figs[base].family();
                let first = gr.members.iter().copied().min().unwrap_or(base);
                c.current = ids
                    .iter()
                    .zip(roles)
                    .rev()
                    .find(|(&i, &r)| {
                        i < first
                            && figs[i].family() == fam
                            && matches!(r, Role::Value | Role::Current)
                    })
                    .map(|(&i, _)| i);
            }
            if let (Some(base), None) = (c.base, c.current) {
                let fam = figs[base].family();
                if let Some(prev) = out.iter().rev().find(|p| {
                    p.kind() == ClaimKind::Change
                        && p.current.is_some_and(|cur| figs[cur].family() == fam)
                }) {
                    c.current = prev.current;
                    c.current_from_context = true;
                }
            }
            let ratio = gr.family == Some(Family::Ratio)
                && (c.base.is_some() || c.current.is_some() || c.points.is_some());
            c.kind = Some(if ratio {
                ClaimKind::PointChange
            } else {
                ClaimKind::Change
            });
            // metric polarity: the words before the claim's first figure (back to the previous
            // claim or the sentence start), and the words right by the values ("$7M loss")
            let first = gr
                .members
                .iter()
                .map(|&m| figs[m].range.start)
                .min()
                .unwrap_or(sent.start);
            let last = gr
                .members
                .iter()
                .map(|&m| figs[m].range.end)
                .max()
                .unwrap_or(sent.end);
            let clause_start = out
                .last()
                .filter(|p| p.range.end <= first && p.range.end >= sent.start)
                .map(|p| p.range.end)
                .unwrap_or(sent.start);
            let metric = &text[clause_start..first];
            let near_loss = |id: Option<FigId>| {
                id.is_some_and(|i| {
                    let r = &figs[i].range;
                    if r.start < sent.start || r.end > sent.end {
                        return false;
                    }
                    let mut from = sent.start.max(r.start.saturating_sub(40));
                    while !text.is_char_boundary(from) {
                        from += 1;
                    }
                    let mut to = sent.end.min(r.end + 30);
                    while !text.is_char_boundary(to) {
                        to -= 1;
                    }
                    let before = words::tokens(&text[from..r.start]);
                    let after = words::tokens(&text[r.end..to.max(r.end)]);
                    let is_loss =
                        |t: &Tok| matches!(t.lower.as_str(), "loss" | "losses" | "deficit");
                    before.iter().rev().take(3).any(is_loss) || after.iter().take(2).any(is_loss)
                })
            };
            c.lower_is_better =
                self.vocab.lower_is_better(metric) || near_loss(c.base) || near_loss(c.current);
            // a profit metric compared with a loss: the sign is not written, so it is not checked
            let profit_metric = self.vocab.any_word(
                &metric.to_lowercase(),
                &["profit", "income", "earnings", "ebitda"].map(String::from),
            ) && !self.vocab.lower_is_better(metric);
            c.mixed_sign = profit_metric && (near_loss(c.base) != near_loss(c.current));
            let mut start = first;
            let mut end = last;
            for d in &c.directions {
                start = start.min(d.range.start);
                end = end.max(d.range.end);
            }
            c.range = start..end;
            out.push(gr.c);
        }
        let _ = text;
    }

    fn premiums(
        &self,
        sent: &Range<usize>,
        figs: &[Figure],
        ids: &[FigId],
        roles: &[Role],
        out: &mut Vec<Claim>,
    ) {
        let _ = sent;
        for (n, &id) in ids.iter().enumerate() {
            let Role::Premium { discount } = roles[n] else {
                continue;
            };
            let price = ids[..n]
                .iter()
                .rev()
                .find(|&&p| figs[p].unit.is_per_share())
                .or_else(|| ids[..n].iter().rev().find(|&&p| figs[p].unit.is_currency()))
                .copied();
            let reference = ids[n + 1..]
                .iter()
                .find(|&&p| figs[p].unit.is_currency())
                .copied();
            let mut c = Claim {
                kind: Some(ClaimKind::PremiumDiscount),
                percent: Some(id),
                current: price,
                base: reference,
                discount,
                ..Claim::default()
            };
            let ids_in: Vec<FigId> = c.figures();
            let start = ids_in
                .iter()
                .map(|&i| figs[i].range.start)
                .min()
                .unwrap_or(0);
            let end = ids_in.iter().map(|&i| figs[i].range.end).max().unwrap_or(0);
            c.range = start..end;
            out.push(c);
        }
    }

    fn part_of(
        &self,
        text: &str,
        figs: &[Figure],
        ids: &[FigId],
        roles: &[Role],
        out: &mut Vec<Claim>,
    ) {
        for (n, &id) in ids.iter().enumerate() {
            if roles[n] != Role::PartOf {
                continue;
            }
            let part = ids[..n]
                .iter()
                .rev()
                .find(|&&p| figs[p].is_amount() || figs[p].unit == Unit::Shares)
                .copied();
            let Some(part) = part else { continue };
            let fam = figs[part].family();
            // the total follows "of" directly, in the same clause: "40% of total revenue of $6.0M"
            let total = ids[n + 1..]
                .iter()
                .copied()
                .take_while(|&p| {
                    let between = &text[figs[id].range.end..figs[p].range.start];
                    !between.contains([',', ';', '('])
                        && between.split_whitespace().count() <= 10
                        && !words::tokens(between).iter().any(|t| {
                            matches!(
                                t.lower.as_str(),
                                "compared" | "versus" | "vs" | "vs." | "from" | "and" | "while"
                            )
                        })
                })
                .find(|&p| figs[p].family() == fam);
            let mut c = Claim {
                kind: Some(ClaimKind::PartOfTotal),
                percent: Some(id),
                current: Some(part),
                base: total,
                ..Claim::default()
            };
            let end = total
                .map(|t| figs[t].range.end)
                .unwrap_or(figs[id].range.end);
            c.range = figs[part].range.start..end;
            out.push(c);
        }
    }

    fn quantities(
        &self,
        text: &str,
        sent: &Range<usize>,
        figs: &[Figure],
        ids: &[FigId],
        next: Option<(Range<usize>, Vec<FigId>)>,
        out: &mut Vec<Claim>,
    ) {
        let Some(pn) = ids.iter().position(|&i| figs[i].unit.is_per_share()) else {
            return;
        };
        let price = ids[pn];
        let Some(&amount) = ids.iter().find(|&&i| figs[i].is_amount()) else {
            return;
        };
        let Unit::Currency { code: pc, .. } = &figs[price].unit else {
            return;
        };
        if !matches!(&figs[amount].unit, Unit::Currency { code, .. } if code == pc) {
            return;
        }
        let s = text[sent.clone()].to_lowercase();
        if !self.vocab.any_word(&s, &self.vocab.issue_words) {
            return;
        }
        let mut quantities: Vec<FigId> = ids[pn + 1..]
            .iter()
            .copied()
            .filter(|&i| figs[i].unit == Unit::Shares)
            .collect();
        // then shares before the price, but not the block being converted ("1,000 shares
        // ($1,000,000"); the next sentence only when this one has none
        quantities.extend(ids[..pn].iter().copied().filter(|&i| {
            figs[i].unit == Unit::Shares && {
                let after =
                    &text[figs[i].range.end..crate::span::floor_char(text, figs[i].range.end + 6)];
                !after.trim_start().starts_with('(')
            }
        }));
        if quantities.is_empty() {
            if let Some((nr, nids)) = next {
                let ns = text[nr].to_lowercase();
                if self.vocab.any_word(&ns, &self.vocab.issue_words) {
                    quantities.extend(nids.into_iter().filter(|&i| figs[i].unit == Unit::Shares));
                }
            }
        }
        if quantities.is_empty() {
            return;
        }
        let mut c = Claim {
            kind: Some(ClaimKind::AmountPriceQuantity),
            amount: Some(amount),
            price: Some(price),
            quantities,
            ..Claim::default()
        };
        let all = c.figures();
        let start = all.iter().map(|&i| figs[i].range.start).min().unwrap_or(0);
        let end = all.iter().map(|&i| figs[i].range.end).max().unwrap_or(0);
        c.range = start..end;
        out.push(c);
    }
}

/// Words that may stand between "from" and its figure: "from the prior year's $7M".
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "its"
            | "their"
            | "our"
            | "prior"
            | "previous"
            | "last"
            | "year's"
            | "year’s"
            | "quarter's"
            | "period's"
            | "same"
            | "record"
            | "restated"
            | "reported"
    )
}

fn after_starts_of(toks: &[Tok]) -> bool {
    toks.first().is_some_and(|t| t.lower == "of")
}

#[cfg(test)]
mod tests;
