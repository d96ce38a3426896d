//! `part-of-total`: a part stated as a percentage of a total.

use super::*;

pub static RULE: RuleDef = RuleDef {
    id: "part-of-total",
    summary: "A part stated as a percentage of a total must match part / total",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::PartOfTotal],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
Recomputes \"X, or N% of Y\" and \"X represents N% of Y\" as part / total. When the total is not
stated (\"450,000,000 shares, about 7.9% of the total outstanding\"), the claim is reported as
unverifiable, never guessed.

Example (error):
    Subscription revenue of $3.0M represented 40% of total revenue of $6.0M.
    $3.0M / $6.0M = 50%, stated 40%.

Suppress: <!-- tieout-ignore part-of-total: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let (Some(p), Some(part)) = (c.percent, c.current) else { return vec![] };
    let Some(total) = c.base else {
        return vec![Outcome::Unverifiable(format!(
            "{} is a share of a total that is not stated",
            ctx.written(p)
        ))];
    };
    let rel = Relation {
        form: Form::Quot,
        x: part,
        y: total,
        stated: p,
        scale: Decimal::ONE_HUNDRED,
        magnitude: false,
    };
    vec![check_relation(ctx, &rel, &[part, total], &|tier, e, _| {
        let (ps, ts) = (ctx.written(part), ctx.written(total));
        let face = ctx.fig(part).value.checked_div(ctx.fig(total).value).unwrap_or_default().saturating_mul(Decimal::ONE_HUNDRED);
        Mismatch {
            tier,
            message: format!("{ps} is {} of {ts}, not {}", pct(face), ctx.written(p)),
            primary: ctx.fig(p).range.clone(),
            primary_label: format!("recomputed: {}", pct(face)),
            labels: vec![
                (ctx.fig(part).range.clone(), "part".into()),
                (ctx.fig(total).range.clone(), "total".into()),
            ],
            help: format!("{ps} / {ts} = {}; the written precision allows {}", pct(face), pct_interval(e.computed)),
        }
    })]
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn share_of_stated_total() {
        let t = "Subscription revenue of $3.0M represented 50% of total revenue of $6.0M.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = "Subscription revenue of $3.0M represented 40% of total revenue of $6.0M.";
        assert_eq!(findings(t), vec!["error part-of-total `40%`"]);
    }

    #[test]
    fn unstated_total_is_unverifiable() {
        let t = "The investor now owns 450,000,000 shares, which represents about 7.9% of the total outstanding shares.";
        assert_eq!(statuses(t, "part-of-total"), vec!["unverifiable"]);
    }
}
