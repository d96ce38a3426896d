//! `amount-price-quantity`: an amount at a price per share gives a number of shares.

use super::*;

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
In a sentence that converts, issues, sells or buys shares (the rule pack's words) and names an
amount and a price per share, recomputes amount / price and compares it with the share counts
stated after the price, in that sentence or the next one.
The claim holds when any of those counts fits; otherwise the first count after the price is
reported.

Example (consistent):
    The holder converted preferred stock worth $1,000,000 at $0.0040 per share.
    The Company issued 250,000,000 shares of common stock on conversion.
    $1,000,000 / $0.0040 = 250,000,000 shares.
Example (error): the same with \"issued 25,000,000 shares\".

Suppress: <!-- tieout-ignore amount-price-quantity: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let (Some(amount), Some(price)) = (c.amount, c.price) else { return vec![] };
    if c.quantities.is_empty() {
        return vec![];
    }
    let rels: Vec<Relation> = c
        .quantities
        .iter()
        .map(|&q| Relation {
            form: Form::Quot,
            x: amount,
            y: price,
            stated: q,
            scale: Decimal::ONE,
            magnitude: false,
        })
        .collect();
    // the count that fits, if any
    if let Some(r) = rels.iter().find(|r| r.eval(ctx).is_some_and(|e| e.holds)) {
        return vec![check_relation(ctx, r, &[amount, price], &|tier, e, _| describe(ctx, r, tier, e))];
    }
    let r = &rels[0];
    match r.eval(ctx) {
        Some(e) => vec![Outcome::Mismatch(describe(ctx, r, Tier::Error, &e))],
        None => vec![Outcome::Unverifiable("the price is zero".into())],
    }
}

fn describe(ctx: &Ctx, r: &Relation, tier: Tier, e: &Eval) -> Mismatch {
    let (am, pr, q) = (ctx.written(r.x), ctx.written(r.y), ctx.written(r.stated));
    let face = ctx.fig(r.x).value.checked_div(ctx.fig(r.y).value).unwrap_or_default();
    let shown = show_like(ctx.fig(r.stated), face, 0);
    Mismatch {
        tier,
        message: format!("{am} at {pr} is {shown}, not {q}"),
        primary: ctx.fig(r.stated).range.clone(),
        primary_label: format!("recomputed: {shown}"),
        labels: vec![
            (ctx.fig(r.x).range.clone(), "amount".into()),
            (ctx.fig(r.y).range.clone(), "price per share".into()),
        ],
        help: format!(
            "{am} / {pr} = {shown}; the written precision allows {}",
            show_interval_like(ctx.fig(r.stated), e.computed, 0)
        ),
    }
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
