//! Two claims about shares of something: a price stated as a premium or discount to a reference
//! price, and a part stated as a percentage of a total.

use super::words;
use super::{hull, Claim, ClaimKind, FigId, Recognizer, Role, Sent};
use crate::extract::Unit;

impl Recognizer {
    /// "a price of $8.00 per share, a discount of 20% to the closing price of $10.00": the price
    /// before the percentage, the reference after it, introduced as the thing compared with.
    pub(super) fn premiums(&self, s: &Sent, out: &mut Vec<Claim>) {
        let figs = s.figs;
        // the prices earlier premiums of the sentence compare with
        let mut references: Vec<FigId> = Vec::new();
        for (n, &id) in s.ids.iter().enumerate() {
            let Role::Premium { discount } = s.roles[n] else {
                continue;
            };
            // "a discount of 10% to the closing price of $10.00 and of 12% to the VWAP of
            // $10.25": a reference is not the price of the next premium
            let before: Vec<FigId> = s.ids[..n]
                .iter()
                .copied()
                .filter(|p| !references.contains(p))
                .collect();
            let price = before
                .iter()
                .rev()
                .find(|&&p| figs[p].unit.is_per_share())
                .or_else(|| before.iter().rev().find(|&&p| figs[p].unit.is_currency()))
                .copied();
            let reference = s.ids[n + 1..]
                .iter()
                .copied()
                .find(|&p| figs[p].unit.is_currency())
                .filter(|&p| compared_with(&s.text[figs[id].range.end..figs[p].range.start]));
            let mut c = Claim {
                kind: Some(ClaimKind::PremiumDiscount),
                percent: Some(id),
                current: price,
                base: reference,
                discount,
                ..Claim::default()
            };
            c.range = hull(figs, &c.figures());
            references.extend(reference);
            out.push(c);
        }
    }

    /// "$2.4M, or 40% of total revenue of $6.0M".
    pub(super) fn part_of(&self, s: &Sent, out: &mut Vec<Claim>) {
        let figs = s.figs;
        for (n, &id) in s.ids.iter().enumerate() {
            if s.roles[n] != Role::PartOf {
                continue;
            }
            let part = s.ids[..n]
                .iter()
                .rev()
                .find(|&&p| figs[p].is_amount() || figs[p].unit == Unit::Shares)
                .copied();
            let Some(part) = part else { continue };
            let fam = figs[part].family();
            // the total follows "of" directly, in the same clause: "40% of total revenue of $6.0M"
            let total: Option<FigId> = s.ids[n + 1..]
                .iter()
                .copied()
                .take_while(|&p| {
                    let between = &s.text[figs[id].range.end..figs[p].range.start];
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
            let c = Claim {
                kind: Some(ClaimKind::PartOfTotal),
                percent: Some(id),
                current: Some(part),
                base: total,
                range: figs[part].range.start
                    ..total
                        .map(|t| figs[t].range.end)
                        .unwrap_or(figs[id].range.end),
                ..Claim::default()
            };
            out.push(c);
        }
    }
}

/// Does the text between a premium and a price introduce that price as the one compared with
/// ("to the closing price of", "over the market price of"), rather than the premium's own value
/// ("valued at")?
fn compared_with(between: &str) -> bool {
    let toks = words::tokens(between);
    toks.iter().any(|t| {
        matches!(
            t.lower.as_str(),
            "to" | "over" | "above" | "below" | "from" | "compared" | "versus" | "vs" | "vs."
        )
    }) && !toks
        .iter()
        .any(|t| matches!(t.lower.as_str(), "valued" | "value" | "worth" | "totaling"))
}
