//! `premium-discount`: a price stated as a premium or discount to a reference price.

use super::*;

pub static RULE: RuleDef = RuleDef {
    id: "premium-discount",
    summary: "A stated premium or discount must match the price and the reference price",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::PremiumDiscount],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
Recomputes a premium as price / reference - 1 and a discount as 1 - price / reference, where the
price is the per-share figure before the percentage and the reference the price after it.

Example (consistent):
    The conversion price of $0.0040 per share is a premium of 700% to the closing bid of $0.0005.
    $0.0040 / $0.0005 - 1 = 700%.
Example (error): the same with \"a premium of 800%\".

Suppress: <!-- tieout-ignore premium-discount: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let Some(p) = c.percent else { return vec![] };
    let (Some(price), Some(reference)) = (c.current, c.base) else {
        return vec![Outcome::Unverifiable(format!(
            "the {} {} is stated without both prices",
            ctx.written(p),
            if c.discount { "discount" } else { "premium" }
        ))];
    };
    let rel = Relation {
        form: if c.discount { Form::OneMinusRatio } else { Form::RatioMinusOne },
        x: price,
        y: reference,
        stated: p,
        scale: Decimal::ONE_HUNDRED,
        magnitude: false,
    };
    let what = if c.discount { "discount" } else { "premium" };
    vec![check_relation(ctx, &rel, &[price, reference], &|tier, e, _| {
        let (ps, rs) = (ctx.written(price), ctx.written(reference));
        let face = apply(rel.form, Interval::point(ctx.fig(price).value), Interval::point(ctx.fig(reference).value))
            .and_then(|i| i.scale(Decimal::ONE_HUNDRED))
            .map(|i| pct(i.lo))
            .unwrap_or_else(|| "?".into());
        let formula = if c.discount { format!("1 - {ps} / {rs}") } else { format!("{ps} / {rs} - 1") };
        Mismatch {
            tier,
            message: format!("stated {what} of {} does not match the prices: {formula} = {face}", ctx.written(p)),
            primary: ctx.fig(p).range.clone(),
            primary_label: format!("recomputed: {face}"),
            labels: vec![
                (ctx.fig(price).range.clone(), "price".into()),
                (ctx.fig(reference).range.clone(), "reference price".into()),
            ],
            help: format!("{formula} = {face}, stated {}; the written precision allows {}", ctx.written(p), pct_interval(e.computed)),
        }
    })]
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    const OK: &str = "The conversion price of $0.0040 per share is a premium of 700% to the closing bid price of $0.0005.";

    #[test]
    fn premium_of_a_conversion_price() {
        assert_eq!(findings(OK), Vec::<String>::new());
        assert_eq!(statuses(OK, "premium-discount"), vec!["consistent"]);
        let bad = OK.replace("700%", "800%");
        assert_eq!(findings(&bad), vec!["error premium-discount `800%`"]);
    }

    #[test]
    fn discount() {
        let t = "Shares were sold at $8.00 per share, a discount of 20% to the closing price of $10.00.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = "Shares were sold at $8.00 per share, a discount of 25% to the closing price of $10.00.";
        assert_eq!(findings(t), vec!["error premium-discount `25%`"]);
    }
}
