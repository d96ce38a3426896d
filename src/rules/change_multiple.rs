//! `change-multiple`: "doubled", "tripled", "3x" recomputed as new / base.

use super::*;

pub static RULE: RuleDef = RuleDef {
    id: "change-multiple",
    summary: "A stated multiple (doubled, 3x) must match new / base",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::Change],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
Recomputes a stated multiple as new / base. \"doubled\" stands for 1.9x..2.1x, \"tripled\" for
2.9x..3.1x (the rule pack's `[multiples]`), \"3x\" for 2.5x..3.5x (rounded to its last digit).

Example (error):
    Revenue tripled to $4.1M from $2.0M.
    $4.1M / $2.0M = 2.05x, stated tripled (2.9x..3.1x).

Suppress: <!-- tieout-ignore change-multiple: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let Some(m) = c.multiple else { return vec![] };
    let (Some(a), Some(b)) = (c.base, c.current) else {
        return vec![Outcome::Unverifiable(format!(
            "\"{}\" is stated without the values it compares",
            ctx.written(m)
        ))];
    };
    let rel = Relation {
        form: Form::Quot,
        x: b,
        y: a,
        stated: m,
        scale: Decimal::ONE,
        magnitude: false,
    };
    vec![check_relation(ctx, &rel, &[a, b], &|tier, e, _need| {
        let face = ctx.fig(b).value.checked_div(ctx.fig(a).value).unwrap_or_default();
        let (bs, as_, ms) = (ctx.written(b), ctx.written(a), ctx.written(m));
        Mismatch {
            tier,
            message: format!("\"{ms}\" does not match the figures: {bs} / {as_} = {}x", crate::interval::show(face, 2)),
            primary: ctx.fig(m).range.clone(),
            primary_label: format!("recomputed: {}x", crate::interval::show(face, 2)),
            labels: vec![
                (ctx.fig(a).range.clone(), "base".into()),
                (ctx.fig(b).range.clone(), "new value".into()),
            ],
            help: format!(
                "{bs} / {as_} = {}x, stated {ms} ({}x); the written precision allows {}x",
                crate::interval::show(face, 2),
                e.stated,
                Interval::new(e.computed.lo.round_dp(2), e.computed.hi.round_dp(2))
            ),
        }
    })]
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn doubled_and_tripled() {
        assert_eq!(findings("Revenue doubled to $4.1M from $2.0M."), Vec::<String>::new());
        assert_eq!(
            findings("Revenue tripled to $4.1M from $2.0M."),
            vec!["error change-multiple `tripled`"]
        );
        assert_eq!(findings("Bookings grew 3x to $9M from $3M."), Vec::<String>::new());
    }
}
