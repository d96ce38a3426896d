//! Amount / price = shares: "sold 4,550,000 shares at $5.00 per share for gross proceeds of
//! $22.75 million", "converted $50,000 of principal into 76,923 shares at $0.65 per share".
//!
//! Only a sentence about an issue, sale, purchase or conversion of shares (the rule pack's
//! words) is read, one clause at a time (clauses end at ";" and at item markers "(ii)"). In a
//! clause each figure is a lot of shares, a price per share or a total amount only when its own
//! words say so: a par value, a liquidation preference or a range of prices is no price; an
//! amount needs words that make it the total paid for shares before it ("for", "proceeds of",
//! "valued at") or after it ("converted", "received $X from", "$X of principal"), and "up to
//! $X", an aggregate market value, a carrying value or a note's face ("the $806,000 Note") is
//! none. A price goes with the lot before it, an amount with the lot its words point at, or with
//! all the priced lots after it, summed (each is a reading). The exercise price of warrants goes
//! with an amount only in a clause about their exercise.

use std::ops::Range;

use super::words::{self, item_marker, Tok};
use super::{hull, Claim, ClaimKind, FigId, Leg, Recognizer, Sent};
use crate::extract::{Figure, Unit};

/// What a figure is to an issue of shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Lot {
        /// The shares of warrants or options ("warrants to purchase 174,242 shares").
        instrument: bool,
        /// Part of the lot before it ("13,800,000 shares, including 1,800,000 shares").
        included: bool,
    },
    Price {
        /// An exercise or strike price.
        exercise: bool,
    },
    Amount(Paid),
}

/// How an amount is tied to the shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Paid {
    /// Paid for the lot before it ("N shares ... for $X").
    back: bool,
    /// Paid for the lot after it ("converted $X ... into N shares").
    fwd: bool,
    /// Net of fees.
    net: bool,
    /// Added to the amount before it ("$100,000 of principal, plus $8,425 of interest").
    plus: bool,
}

/// A clause's figures with their parts, in text order.
struct Clause {
    range: Range<usize>,
    items: Vec<(FigId, Part)>,
    /// The clause speaks of warrants or options being exercised.
    exercised: bool,
}

impl Recognizer {
    pub(super) fn quantities(
        &self,
        s: &Sent,
        next: Option<(Range<usize>, Vec<FigId>)>,
        out: &mut Vec<Claim>,
    ) {
        let lc = s.text[s.range.clone()].to_lowercase();
        if !self.vocab.any_word(&lc, &self.vocab.issue_words) {
            return;
        }
        let respectively = lc.contains("respectively");
        for range in clauses(s) {
            let c = clause(s, range);
            if respectively && paired_lists(s, &c, out) {
                continue;
            }
            let before = out.len();
            lot_claims(s, &c, out);
            if out.len() == before {
                self.next_sentence_lots(s, &c, next.as_ref(), out);
            }
        }
    }

    /// A clause that names a price and an amount, and shares "into common stock" without their
    /// number: the number may follow in the next sentence ("On conversion the Company issued
    /// 250,000,000 shares").
    fn next_sentence_lots(
        &self,
        s: &Sent,
        c: &Clause,
        next: Option<&(Range<usize>, Vec<FigId>)>,
        out: &mut Vec<Claim>,
    ) {
        let Some((nr, nids)) = next else { return };
        let of = |want: fn(&Part) -> bool| -> Vec<(FigId, Part)> {
            c.items.iter().copied().filter(|(_, p)| want(p)).collect()
        };
        let prices = of(|p| matches!(p, Part::Price { exercise: false }));
        let amounts = of(|p| matches!(p, Part::Amount(_)));
        let (&[(price, _)], &[(amount, Part::Amount(paid))]) =
            (prices.as_slice(), amounts.as_slice())
        else {
            return;
        };
        let toks = words::tokens(&s.text[c.range.clone()]);
        let uncounted_into = toks.windows(4).any(|w| {
            w[0].lower == "into"
                && w[1..]
                    .iter()
                    .any(|t| matches!(t.lower.as_str(), "stock" | "shares"))
        });
        let ns = s.text[nr.clone()].to_lowercase();
        if !uncounted_into || !self.vocab.any_word(&ns, &self.vocab.issue_words) {
            return;
        }
        let readings: Vec<Claim> = nids
            .iter()
            .copied()
            .filter(|&i| s.figs[i].unit == Unit::Shares)
            .map(|q| {
                let leg = Leg {
                    quantity: q,
                    prices: vec![price],
                };
                issue_claim(s.figs, &[amount], paid.net, vec![leg])
            })
            .collect();
        push_with_alternatives(readings, out);
    }
}

/// The parts of a clause's figures.
fn clause(s: &Sent, range: Range<usize>) -> Clause {
    let text = s.text;
    let lc = text[range.clone()].to_lowercase();
    let exercised = words::tokens(&lc).windows(2).any(|w| {
        matches!(
            (w[0].lower.as_str(), w[1].lower.as_str()),
            ("exercise", "of") | ("upon", "exercise") | ("the", "exercise") | ("exercised", _)
        )
    });
    let ids: Vec<(usize, FigId)> = s
        .ids
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, i)| {
            let r = &s.figs[i].range;
            r.start >= range.start && r.end <= range.end && !s.figs[i].in_range
        })
        .collect();
    let mut parts: Vec<Option<Part>> = Vec::with_capacity(ids.len());
    for (k, &(n, id)) in ids.iter().enumerate() {
        let f = &s.figs[id];
        let mut gap = s.gap_before(n);
        if let Some(h) = &f.hedge {
            gap.end = h.range.start.max(gap.start);
        }
        let before = words::tokens(&text[gap]);
        let after = words::tokens(&text[s.gap_after(n)]);
        let prev = k.checked_sub(1).map(|p| (&s.figs[ids[p].1], parts[p]));
        let mut part = part(&list_unit(s, &ids, k), &before, &after, prev);
        if matches!(
            part,
            Some(Part::Lot {
                instrument: false,
                ..
            })
        ) && prev.is_some_and(|(_, p)| matches!(p, Some(Part::Lot { .. })))
            && before.last().is_some_and(|t| t.lower == "(")
        {
            // "10,335,840 shares (1,722,640 shares on a post-split basis)": the same lot
            part = None;
        }
        if part.is_some()
            && text[f.range.end..]
                .trim_start()
                .starts_with(|c: char| c.is_uppercase())
            && f.is_amount()
        {
            // "the $806,000 Secured Convertible Promissory Note": an instrument's name
            part = None;
        }
        // "1,000 shares ($1,000,000 of capital) of preferred stock into common stock": the block
        // converted, not the shares issued
        if matches!(
            part,
            Some(Part::Amount(Paid {
                fwd: true,
                back: false,
                ..
            }))
        ) && k > 0
            && before.last().is_some_and(|t| t.lower == "(")
            && matches!(parts[k - 1], Some(Part::Lot { .. }))
        {
            parts[k - 1] = None;
        }
        // a bare member of a list takes the part of the member before it ("for $8.9 million
        // and $2.7 million")
        if part.is_none() && k > 0 && in_list(s, ids[k - 1].1, id) {
            part = parts[k - 1];
        }
        parts.push(part);
    }
    let items = ids
        .iter()
        .zip(parts)
        .filter_map(|(&(_, id), p)| Some((id, p?)))
        .collect();
    Clause {
        range,
        items,
        exercised,
    }
}

/// The part a figure plays, from its words, or `None`.
fn part(
    unit: &Unit,
    before: &[Tok],
    after: &[Tok],
    prev: Option<(&Figure, Option<Part>)>,
) -> Option<Part> {
    let w = Words { before, after };
    let names_lot = after
        .iter()
        .take(2)
        .any(|t| matches!(t.lower.as_str(), "units" | "shares"));
    match unit {
        // "747,974 units, each of one share and one warrant", "3,750,000 additional shares"
        Unit::Shares => w.lot(),
        Unit::Count if names_lot => w.lot(),
        Unit::Currency {
            per_share: true, ..
        } => w.price(),
        Unit::Currency {
            per_share: false, ..
        } => w.amount(prev),
        _ => None,
    }
}

/// The words around a figure: before it (back to the figure before) and after it.
struct Words<'t> {
    before: &'t [Tok],
    after: &'t [Tok],
}

impl Words<'_> {
    /// The last `k` words before the figure, nearest first.
    fn last(&self, k: usize) -> Vec<&str> {
        self.before
            .iter()
            .rev()
            .take(k)
            .map(|t| t.lower.as_str())
            .collect()
    }

    fn first(&self) -> &str {
        self.after.first().map(|t| t.lower.as_str()).unwrap_or("")
    }

    /// A lot of shares, unless outstanding, authorized, "up to", "combined" or converted
    /// "into" others; included in the lot before it ("including"); of warrants or options.
    fn lot(&self) -> Option<Part> {
        const NOT_ISSUED: &[&str] = &[
            "combined",
            "outstanding",
            "authorized",
            "maximum",
            "reserved",
            "dilution",
        ];
        let excluded = has(&self.last(6), NOT_ISSUED)
            || self.last(2).contains(&"up")
            || matches!(self.first(), "outstanding" | "into")
            || self.after.iter().take(6).any(|t| t.lower == "into");
        let included = has(
            &self.last(self.before.len()),
            &["including", "includes", "included", "include"],
        ) || has(&self.last(1), &["of"]) && has(&self.last(3), &["which"]);
        let l = self.last(5);
        let instrument = has(&l, &["warrants", "warrant", "options", "option"])
            && has(&l, &["purchase", "acquire", "for"]);
        (!excluded).then_some(Part::Lot {
            instrument,
            included,
        })
    }

    /// A price, unless a par value, a liquidation preference, a stated or book value.
    fn price(&self) -> Option<Part> {
        let l = self.last(4);
        let par = l.contains(&"par") || self.after.iter().take(2).any(|t| t.lower == "par");
        let not_a_price = has(&l, &["preference", "stated", "book", "liquidation"]);
        let exercise = has(&self.last(5), &["exercise", "strike", "exercisable"]);
        (!par && !not_a_price).then_some(Part::Price { exercise })
    }

    /// An amount added to the one before it ("plus $8,425"), the value of the lot before it
    /// ("1,000 preferred shares ($1,000,000 of capital)"), or a total paid ([`paid`]).
    fn amount(&self, prev: Option<(&Figure, Option<Part>)>) -> Option<Part> {
        let after_plus = self.last(1) == ["plus"]
            && prev.is_some_and(|(_, p)| matches!(p, Some(Part::Amount(_))));
        if after_plus {
            return Some(Part::Amount(Paid {
                plus: true,
                ..Paid::default()
            }));
        }
        let value_of_lot = self.last(1) == ["("]
            && prev.is_some_and(|(pf, _)| match pf.unit {
                Unit::Shares => true,
                Unit::Count => has(&self.last(4), &["shares", "stock", "units"]),
                _ => false,
            });
        if value_of_lot {
            return Some(Part::Amount(Paid {
                fwd: true,
                ..Paid::default()
            }));
        }
        paid(self.before, self.after).map(Part::Amount)
    }
}

/// Is any of `words` in `set`?
fn has(words: &[&str], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(w))
}

/// How an amount's words tie it to shares, if they make it a total paid or received: "for $X",
/// "proceeds of $X", "valued at $X" look back to the shares before it; "received $X from", "paid
/// down $X in exchange for" look ahead; "converted $X", "$X of principal" either way.
fn paid(before: &[Tok], after: &[Tok]) -> Option<Paid> {
    let words: Vec<&str> = before
        .iter()
        .rev()
        .map(|t| t.lower.as_str())
        .filter(|w| !matches!(*w, "a" | "an" | "the"))
        .take(6)
        .collect();
    let near = &words[..words.len().min(4)];
    let first: Vec<&str> = after.iter().take(3).map(|t| t.lower.as_str()).collect();
    if has(
        near,
        &["up", "market", "par", "carrying", "carried", "fair"],
    ) || first.first() == Some(&"per")
    {
        return None;
    }
    let last = words.first().copied().unwrap_or("");
    let of_what = |set: &[&str]| last == "of" && has(&words[1..words.len().min(4)], set);
    let back = matches!(
        last,
        "for" | "raising" | "totaling" | "totalling" | "totaled" | "generating" | "raised"
    ) || of_what(&[
        "proceeds",
        "total",
        "aggregate",
        "amount",
        "value",
        "consideration",
        "cost",
        "payout",
        "purchase",
    ]) || matches!(words.as_slice(), ["at", "valued", ..])
        // "at a price of $0.10 per share or $100 total"
        || first.first() == Some(&"total");
    // "$250,000 of convertible notes were converted"
    let converted_after = after
        .iter()
        .take(6)
        .take_while(|t| t.lower != ",")
        .any(|t| matches!(t.lower.as_str(), "converted" | "exchanged"));
    let either = converted_after
        || matches!(last, "converted" | "convert" | "raised")
        || of_what(&["conversion", "conversions", "principal"])
        || matches!(
            first.as_slice(),
            ["of", "principal", ..]
                | ["in", "principal", ..]
                | ["principal", ..]
                | ["in", "debt", ..]
                | ["of", "debt", ..]
                | ["of", "the", "principal"]
                | ["were", "converted", ..]
                | ["was", "converted", ..]
                | ["were", "likewise", "converted"]
        );
    let fwd = matches!(last, "received" | "down")
        || of_what(&["sale", "issuance"])
        || matches!(
            first.as_slice(),
            ["in", "exchange", ..] | ["of", "shares", ..] | ["investment", ..]
        );
    (back || fwd || either).then(|| Paid {
        back: back || either,
        fwd: fwd || either,
        net: words.contains(&"net"),
        plus: false,
    })
}

/// Are two figures members of one list ("$8.9 million and $2.7 million")?
fn in_list(s: &Sent, a: FigId, b: FigId) -> bool {
    let (fa, fb) = (&s.figs[a], &s.figs[b]);
    fa.range.end <= fb.range.start
        && matches!(
            s.text[fa.range.end..fb.range.start].trim(),
            "and" | "," | ", and" | "and approximately"
        )
}

/// The unit the `k`-th figure of a clause stands for: its own, or, when it is a bare member of a
/// list ("36 million and 28 million shares", "$210.30 and $144.94 per share"), the last
/// member's.
fn list_unit(s: &Sent, ids: &[(usize, FigId)], k: usize) -> Unit {
    let f = &s.figs[ids[k].1];
    let mut j = k;
    while j + 1 < ids.len() && in_list(s, ids[j].1, ids[j + 1].1) {
        j += 1;
    }
    let last = &s.figs[ids[j].1];
    match (&f.unit, &last.unit) {
        (Unit::Count, Unit::Shares) => Unit::Shares,
        (
            Unit::Currency {
                code,
                per_share: false,
            },
            Unit::Currency {
                code: c2,
                per_share: true,
            },
        ) if code == c2 => last.unit.clone(),
        _ => f.unit.clone(),
    }
}

/// The clauses of a sentence: it is cut at ";" and before item markers ("(ii)", "ii)").
fn clauses(s: &Sent) -> Vec<Range<usize>> {
    let toks = words::tokens(&s.text[s.range.clone()]);
    let mut cuts = vec![s.range.start];
    for (n, t) in toks.iter().enumerate() {
        if t.lower == ";" || item_marker(&toks, n) {
            cuts.push(s.range.start + t.range.start);
        }
    }
    cuts.push(s.range.end);
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| w[0]..w[1])
        .collect()
}

/// "repurchased 1,333,038 and 415,066 shares, respectively, for $8.9 million and $2.7 million at
/// an average price of $6.66 and $6.48 per share": lists of lots, amounts and prices of one
/// length, paired in order. Returns whether the clause was read so.
fn paired_lists(s: &Sent, c: &Clause, out: &mut Vec<Claim>) -> bool {
    let of = |want: fn(&Part) -> bool| -> Vec<(FigId, Part)> {
        c.items.iter().copied().filter(|(_, p)| want(p)).collect()
    };
    let lots = of(|p| matches!(p, Part::Lot { .. }));
    let prices = of(|p| matches!(p, Part::Price { .. }));
    let amounts = of(|p| matches!(p, Part::Amount(_)));
    let n = lots.len();
    if n < 2 || prices.len() != n || amounts.len() != n {
        return false;
    }
    for i in 0..n {
        let Part::Amount(paid) = amounts[i].1 else {
            continue;
        };
        let leg = Leg {
            quantity: lots[i].0,
            prices: vec![prices[i].0],
        };
        out.push(issue_claim(s.figs, &[amounts[i].0], paid.net, vec![leg]));
    }
    true
}

/// The claims of one clause: each amount with the priced lot its words point at (before it,
/// after it, or all the priced lots after it, summed), and with the amount added to it by
/// "plus".
fn lot_claims(s: &Sent, c: &Clause, out: &mut Vec<Claim>) {
    let legs = legs(s, c);
    let items = &c.items;
    for (k, &(id, p)) in items.iter().enumerate() {
        let Part::Amount(paid) = p else { continue };
        if paid.plus {
            continue;
        }
        let mut amounts = vec![vec![id]];
        let mut end = k + 1;
        while let Some(&(more, Part::Amount(Paid { plus: true, .. }))) = items.get(end) {
            let mut sum = amounts[amounts.len() - 1].clone();
            sum.push(more);
            amounts.push(sum);
            end += 1;
        }
        let is_amount = |(_, p): &&(FigId, Part)| matches!(p, Part::Amount(_));
        let mut lots: Vec<Vec<Leg>> = Vec::new();
        if paid.back {
            // the lot before it, when no other amount pays for that lot
            let lot = items[..k]
                .iter()
                .enumerate()
                .rev()
                .take_while(|(_, x)| !is_amount(x))
                .find(|(_, (_, p))| matches!(p, Part::Lot { .. }));
            if let Some((j, &(q, p))) = lot {
                let taken = j > 0 && matches!(items[j - 1].1, Part::Amount(x) if x.fwd);
                let mut qs = vec![q];
                if let Part::Lot { included: true, .. } = p {
                    qs.extend(containing_lot(items, j));
                }
                for q in qs {
                    if let Some(l) = legs.iter().find(|l| l.quantity == q).filter(|_| !taken) {
                        lots.push(vec![l.clone()]);
                    }
                }
                lots.extend(priced_lots_before(items, k, &legs).filter(|_| !taken));
                lots.extend(lots_at_one_price(items, k, &legs).filter(|_| !taken));
            }
        }
        if paid.fwd {
            // the lots after it, up to the next amount: the first, or all of them summed
            let after: Vec<&(FigId, Part)> = items[end..]
                .iter()
                .take_while(|x| !is_amount(x))
                .filter(|(_, p)| matches!(p, Part::Lot { .. }))
                .collect();
            let priced: Vec<Leg> = after
                .iter()
                .map_while(|&&(q, _)| legs.iter().find(|l| l.quantity == q).cloned())
                .collect();
            if priced.len() > 1 {
                lots.push(priced.clone());
            }
            if let Some(l) = priced.first() {
                lots.push(vec![l.clone()]);
            }
        }
        let readings: Vec<Claim> = lots
            .iter()
            .filter(|legs| legs.iter().all(|l| c.exercised || !is_exercise(c, l)))
            .flat_map(|legs| {
                amounts
                    .iter()
                    .map(|a| issue_claim(s.figs, a, paid.net, legs.clone()))
            })
            .collect();
        push_with_alternatives(readings, out);
    }
}

/// "1,000,000 shares at $5.00 per share in the first closing and 500,000 shares at $5.50 per
/// share in the second closing, for total gross proceeds of $7.75 million": every priced lot
/// since the previous amount, summed, when there are several (none included in another).
fn priced_lots_before(items: &[(FigId, Part)], k: usize, legs: &[Leg]) -> Option<Vec<Leg>> {
    let mut lots = Vec::new();
    for &(q, p) in items[..k].iter().rev() {
        match p {
            Part::Amount(_) => break,
            Part::Lot { included: true, .. } => return None,
            Part::Lot { .. } => lots.push(legs.iter().find(|l| l.quantity == q)?.clone()),
            Part::Price { .. } => {}
        }
    }
    lots.reverse();
    (lots.len() > 1).then_some(lots)
}

/// "an initial public offering of 18,000,000 units, and ... we sold 2,700,000 units upon the
/// exercise of the over-allotment option, at $10.00 per unit, generating gross proceeds of
/// $207,000,000": the one price since the previous amount may be that of every lot before it,
/// summed (lots of shares, not of warrants, none included in another).
fn lots_at_one_price(items: &[(FigId, Part)], k: usize, legs: &[Leg]) -> Option<Vec<Leg>> {
    let since = items[..k]
        .iter()
        .rposition(|(_, p)| matches!(p, Part::Amount(_)))
        .map_or(0, |i| i + 1);
    let run = &items[since..k];
    let priced: Vec<&Leg> = legs
        .iter()
        .filter(|l| run.iter().any(|(q, _)| *q == l.quantity))
        .collect();
    let [leg] = priced[..] else { return None };
    let mut lots = Vec::new();
    for &(q, p) in run {
        match p {
            Part::Lot {
                instrument: false,
                included: false,
            } => lots.push(Leg {
                quantity: q,
                prices: leg.prices.clone(),
            }),
            Part::Lot { .. } => return None,
            _ if q == leg.prices[0] => break,
            _ => {}
        }
    }
    (lots.len() > 1 && lots.last().is_some_and(|l| l.quantity == leg.quantity)).then_some(lots)
}

/// Is this lot the terms of warrants or options (an exercise price, or "warrants to purchase N
/// shares")?
fn is_exercise(c: &Clause, l: &Leg) -> bool {
    let part = |id: FigId| c.items.iter().find(|(i, _)| *i == id).map(|(_, p)| *p);
    matches!(
        part(l.quantity),
        Some(Part::Lot {
            instrument: true,
            ..
        })
    ) || l
        .prices
        .iter()
        .any(|&p| matches!(part(p), Some(Part::Price { exercise: true })))
}

/// The priced lots of a clause: a price, or a run of prices ("$18.75 and $22.50 per share"),
/// goes with the nearest lot before it (a price before any lot is that of shares the clause
/// does not count: "purchased the Founder Shares at $0.006 per share").
fn legs(s: &Sent, c: &Clause) -> Vec<Leg> {
    let mut legs: Vec<Leg> = Vec::new();
    let mut k = 0;
    while k < c.items.len() {
        if !matches!(c.items[k].1, Part::Price { .. }) {
            k += 1;
            continue;
        }
        let mut end = k + 1;
        while end < c.items.len() && matches!(c.items[end].1, Part::Price { .. }) {
            end += 1;
        }
        let prices: Vec<FigId> = c.items[k..end].iter().map(|&(i, _)| i).collect();
        let lot_before = c.items[..k]
            .iter()
            .rev()
            .find(|(_, p)| matches!(p, Part::Lot { .. }))
            .filter(|(q, _)| !legs.iter().any(|l| l.quantity == *q));
        // "convertible at $5.00 per share for a total of 100,000 shares": the lot right after
        let lot_after = || {
            let &(q, p) = c.items.get(end)?;
            let (a, b) = (&s.figs[c.items[end - 1].0], &s.figs[q]);
            let between = s.text.get(a.range.end..b.range.start)?;
            let joined = words::tokens(between)
                .iter()
                .any(|t| matches!(t.lower.as_str(), "for" | "into"));
            (matches!(p, Part::Lot { .. }) && joined && between.split_whitespace().count() <= 6)
                .then_some(&c.items[end])
        };
        if let Some(&(q, p)) = lot_before.or_else(lot_after) {
            if let Part::Lot { included: true, .. } = p {
                let j = c.items.iter().position(|(i, _)| *i == q).unwrap_or(0);
                if let Some(whole) = containing_lot(&c.items, j) {
                    legs.push(Leg {
                        quantity: whole,
                        prices: prices.clone(),
                    });
                }
            }
            legs.push(Leg {
                quantity: q,
                prices,
            });
        }
        k = end;
    }
    legs
}

/// The lot an included lot (the `j`-th item) is part of: the nearest lot before it that is not
/// itself included.
fn containing_lot(items: &[(FigId, Part)], j: usize) -> Option<FigId> {
    items[..j]
        .iter()
        .rev()
        .find(|(_, p)| {
            matches!(
                p,
                Part::Lot {
                    included: false,
                    ..
                }
            )
        })
        .map(|&(q, _)| q)
}

fn issue_claim(figs: &[Figure], amounts: &[FigId], net: bool, legs: Vec<Leg>) -> Claim {
    let mut c = Claim {
        kind: Some(ClaimKind::AmountPriceQuantity),
        amount: amounts.first().copied(),
        more_amounts: amounts[1..].to_vec(),
        legs,
        amount_net: net,
        ..Claim::default()
    };
    c.range = hull(figs, &c.figures());
    c
}

/// The first reading as the claim, the others as its alternatives.
fn push_with_alternatives(mut readings: Vec<Claim>, out: &mut Vec<Claim>) {
    if readings.is_empty() {
        return;
    }
    let mut c = readings.remove(0);
    c.alternatives = readings;
    out.push(c);
}
