//! `amount-price-quantity`: an amount at a price per share gives a number of shares.

use super::*;
use crate::claims::Leg;

pub static RULE: RuleDef = RuleDef {
    id: "amount-price-quantity",
    summary: "Amount / price per share must equal the number of shares stated",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::AmountPriceQuantity],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
In a sentence that converts, issues, sells or buys shares (the rule pack's words), a lot of
shares, its price per share and the amount paid or received must agree:
    shares = amount / price
Only figures whose own words make them so are read: a par value, a liquidation preference or a
range of prices is no price; \"up to $X\" or an aggregate market value is no amount; the exercise
price of warrants counts only where they are exercised. A price goes with the lot before it;
the amount with the lot before or after it, or with all the priced lots after it, summed (each
is a reading, and one that fits is enough). The number may follow in the next sentence (\"...
into common stock at $0.0040 per share. The Company issued 250,000,000 shares\").
Rounding: the price may have been rounded to the digits written (to the cent at least), and the
shares to a whole number; several prices of one lot (\"at $18.75 and $22.50 per share\") bound
the price. Net proceeds (after fees) can only be less than shares x price. In a document whose
statements are in thousands, an amount or a number written without a scale may be in thousands.

Example (consistent):
    The holder converted preferred stock worth $1,000,000 at $0.0040 per share.
    The Company issued 250,000,000 shares of common stock on conversion.
    $1,000,000 / $0.0040 = 250,000,000 shares.
Example (error): the same with \"issued 25,000,000 shares\".

Suppress: <!-- tieout-ignore amount-price-quantity: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let Some(amount) = Paid::of(ctx, c) else { return vec![] };
    let outcome = match c.legs.as_slice() {
        [] => return vec![],
        [leg] => one_lot(ctx, c, &amount, leg),
        legs => lots(ctx, c, &amount, legs),
    };
    vec![outcome.unwrap_or_else(|| Outcome::Unverifiable("a price is zero".into()))]
}

/// The amount paid: one figure, or several added ("$100,000 of principal, plus $8,425 of
/// interest").
struct Paid {
    first: FigId,
    interval: Interval,
    face: Decimal,
    written: String,
}

impl Paid {
    fn of(ctx: &Ctx, c: &Claim) -> Option<Paid> {
        let first = c.amount?;
        let mut p = Paid {
            first,
            interval: ctx.fig(first).interval(),
            face: ctx.fig(first).value,
            written: ctx.written(first).to_string(),
        };
        for &a in &c.more_amounts {
            p.interval = p.interval.add(&ctx.fig(a).interval())?;
            p.face += ctx.fig(a).value;
            p.written = format!("{} + {}", p.written, ctx.written(a));
        }
        Some(p)
    }
}

/// The interval a price stands for: its written precision, or the rounding of a price to the
/// digits written (to the cent at least), widened by its hedge; several prices bound it.
fn price(ctx: &Ctx, leg: &Leg) -> Option<Interval> {
    let mut iv: Option<Interval> = None;
    for &p in &leg.prices {
        let f = ctx.fig(p);
        let written = ctx.written(p);
        let decimals = written
            .rsplit_once('.')
            .map(|(_, d)| d.chars().take_while(char::is_ascii_digit).count())
            .unwrap_or(0)
            .max(2);
        let half = Decimal::new(5, decimals as u32 + 1);
        let rounded = f.interval_at(None);
        let one = Interval::new(rounded.lo.min(f.value - half), rounded.hi.max(f.value + half));
        iv = Some(match iv {
            Some(i) => i.hull(&one),
            None => one,
        });
    }
    iv.filter(|i| i.lo > Decimal::ZERO)
}

/// The shares an amount buys at a price: a whole number of shares may have been rounded either
/// way.
fn shares_for(ctx: &Ctx, amount: &Paid, leg: &Leg) -> Option<Interval> {
    let iv = amount.interval.div(&price(ctx, leg)?)?;
    let q = ctx.fig(leg.quantity);
    let whole = q.value.fract().is_zero() && q.scale == Decimal::ONE;
    Some(if whole { Interval::new(iv.lo - Decimal::ONE, iv.hi + Decimal::ONE) } else { iv })
}

fn one_lot(ctx: &Ctx, c: &Claim, amount: &Paid, leg: &Leg) -> Option<Outcome> {
    let computed = shares_for(ctx, amount, leg)?;
    let stated = ctx.fig(leg.quantity).interval();
    let holds = if c.amount_net { stated.hi >= computed.lo } else { computed.intersects(&stated) };
    if holds {
        return Some(Outcome::Consistent);
    }
    let (am, q) = (&amount.written, ctx.written(leg.quantity));
    let pr = leg.prices.iter().map(|&p| ctx.written(p)).collect::<Vec<_>>().join(" to ");
    let fq = ctx.fig(leg.quantity);
    let face = amount.face.checked_div(ctx.fig(leg.prices[0]).value).unwrap_or_default();
    let shown = show_like(fq, face, 0);
    let (message, help) = if c.amount_net {
        (
            format!("net proceeds of {am} at {pr} need at least {shown}, not {q}"),
            format!("{am} / {pr} = {shown}; net proceeds are at most shares x price, so at least {} were sold", show_like(fq, computed.lo, 0)),
        )
    } else {
        (
            format!("{am} at {pr} is {shown}, not {q}"),
            format!(
                "{am} / {pr} = {shown}; the rounding of the price and of whole shares allows {}",
                show_interval_like(fq, computed, 0)
            ),
        )
    };
    let mut labels = vec![(ctx.fig(amount.first).range.clone(), "amount".to_string())];
    labels.extend(leg.prices.iter().map(|&p| (ctx.fig(p).range.clone(), "price per share".to_string())));
    Some(Outcome::Mismatch(Mismatch {
        tier: Tier::Error,
        message,
        primary: fq.range.clone(),
        primary_label: format!("recomputed: {shown}"),
        labels,
        help,
    }))
}

/// An amount paid for several lots, each at its price: it must equal their sum.
fn lots(ctx: &Ctx, c: &Claim, amount: &Paid, legs: &[Leg]) -> Option<Outcome> {
    let mut sum = Interval::point(Decimal::ZERO);
    let mut face = Decimal::ZERO;
    for l in legs {
        sum = sum.add(&ctx.fig(l.quantity).interval().mul(&price(ctx, l)?)?)?;
        face += ctx.fig(l.quantity).value * ctx.fig(l.prices[0]).value;
    }
    let stated = amount.interval;
    let holds = if c.amount_net { stated.lo <= sum.hi } else { sum.intersects(&stated) };
    if holds {
        return Some(Outcome::Consistent);
    }
    let parts: Vec<String> = legs
        .iter()
        .map(|l| format!("{} at {}", ctx.written(l.quantity), ctx.written(l.prices[0])))
        .collect();
    let fa = ctx.fig(amount.first);
    let shown = show_like(fa, face, 2);
    let am = &amount.written;
    let mut labels: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for l in legs {
        labels.push((ctx.fig(l.quantity).range.clone(), "shares".into()));
        labels.extend(l.prices.iter().map(|&p| (ctx.fig(p).range.clone(), "price per share".into())));
    }
    Some(Outcome::Mismatch(Mismatch {
        tier: Tier::Error,
        message: format!("{} come to {shown}, not {am}", parts.join(" and ")),
        primary: fa.range.clone(),
        primary_label: format!("recomputed: {shown}"),
        labels,
        help: format!("{} = {shown}; the rounding of the prices allows {}", parts.join(" + "), show_interval_like(fa, sum, 2)),
    }))
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    const OK: &str = "The holder converted 1,000 preferred shares ($1,000,000 of capital) into common stock at a fixed price of $0.0040 per share. On conversion the Company issued 250,000,000 shares to the holder.";

    #[test]
    fn conversion_across_two_sentences() {
        assert_eq!(findings(OK), Vec::<String>::new());
        assert_eq!(statuses(OK, "amount-price-quantity"), vec!["consistent"]);
    }

    #[test]
    fn wrong_share_count() {
        let bad = OK.replace("250,000,000", "25,000,000");
        assert_eq!(findings(&bad), vec!["error amount-price-quantity `25,000,000 shares`"]);
        let ok = OK.replace("250,000,000 shares", "250 million shares");
        assert_eq!(findings(&ok), Vec::<String>::new());
    }
}
