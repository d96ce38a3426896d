//! `change-amount`: a stated change in an amount ("a decrease of $2.73M") recomputed as the
//! difference of the two values.

use super::*;

pub static RULE: RuleDef = RuleDef {
    id: "change-amount",
    summary: "A stated change in an amount must equal the difference of the values",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::Change],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
Recomputes a stated absolute change (\"a decrease of $2.73M\", \"improved by $796,000\",
\"($1.5M)\" after a percent change) as the difference of the new value and the base:
    delta = |new - base|
Rounding: each figure stands for its written interval (\"$4.14M\" is 4.135M..4.145M), so
\"$1.42M, compared to $4.14M, a decrease of $2.73M\" is consistent: 4.14 - 1.42 = 2.72 at face
value, but the written precision allows 2.71..2.73.
- error: no values inside the figures' intervals give the stated delta.
- warning: it holds only because one amount is written with fewer digits than the others.
The sign is checked by `change-direction`.

Example (error):
    Revenue was $1.42M, compared to $4.14M, a decrease of $2.37M.
    $4.14M - $1.42M = $2.72M, stated $2.37M.

Suppress: <!-- tieout-ignore change-amount: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let Some(d) = c.delta else { return vec![] };
    if c.mixed_sign {
        return vec![Outcome::Unverifiable(
            "one value is a loss and the other a profit, and their signs are not written".into(),
        )];
    }
    let (Some(a), Some(b)) = (c.base, c.current) else {
        if c.percent.is_some() && c.base.is_some() {
            // delta + percent + base: percent-change checks delta / base
            return vec![];
        }
        return vec![Outcome::Unverifiable(format!(
            "the change of {} is stated without the values it compares",
            ctx.written(d)
        ))];
    };
    let rel = Relation {
        form: Form::Diff,
        x: b,
        y: a,
        stated: d,
        scale: Decimal::ONE,
        magnitude: true,
    };
    let neighbours = [a, b, d];
    let out = check_relation(ctx, &rel, &neighbours, &|tier, e, need| {
        let ds = ctx.written(d);
        // a negative value is subtracted in parentheses: "$16.7M - (-$9.7M)"
        let shown = |id: FigId| match ctx.written(id) {
            w if w.starts_with('-') => format!("({w})"),
            w => w.to_string(),
        };
        let (mut bs, mut as_) = (shown(b), shown(a));
        // show the larger value first: the delta is stated as a size
        if ctx.fig(b).value < ctx.fig(a).value {
            std::mem::swap(&mut bs, &mut as_);
        }
        let face = (ctx.fig(b).value - ctx.fig(a).value).abs();
        let face_s = show_like(ctx.fig(d), face, 2);
        let mut help = format!("{bs} - {as_} = {face_s}, stated {ds}");
        match tier {
            Tier::Error => help.push_str(&format!(
                "; the written precision of the figures allows {}",
                show_interval_like(ctx.fig(d), e.computed, 2)
            )),
            Tier::Warning => {
                if let Some((id, iv)) = need {
                    help.push_str(&format!(
                        "; read at the precision of the other amounts, {} would have to be {}",
                        ctx.written(id),
                        show_interval_like(ctx.fig(id), iv, 2)
                    ));
                }
            }
        }
        Mismatch {
            tier,
            message: match tier {
                Tier::Error => format!("stated change of {ds} does not match the figures: {bs} - {as_} = {face_s}"),
                Tier::Warning => format!("stated change of {ds} holds only if a shorter figure is read loosely"),
            },
            primary: ctx.fig(d).range.clone(),
            primary_label: format!("recomputed: {face_s}"),
            labels: vec![
                (ctx.fig(a).range.clone(), "base".into()),
                (ctx.fig(b).range.clone(), "new value".into()),
            ],
            help,
        }
    });
    if let Outcome::Mismatch(m) = &out {
        if m.tier == Tier::Error {
            if let Some(blame) = blame_current(ctx, c) {
                return vec![Outcome::Mismatch(blame)];
            }
        }
    }
    vec![out]
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn rounding_allows_the_stated_difference() {
        // 4.14 - 1.42 = 2.72, stated 2.73: written precision allows 2.71..2.73
        let t = "Revenue was $1.42M, compared to $4.14M last year, a decrease of $2.73M.";
        assert_eq!(findings(t), Vec::<String>::new());
        assert_eq!(statuses(t, "change"), vec!["consistent"]);
        let t = "Revenue was $1.42M, compared to $4.14M last year, a decrease of $2.72M.";
        assert_eq!(findings(t), Vec::<String>::new());
    }

    #[test]
    fn transposed_digits_are_an_error() {
        let t = "Revenue was $1.42M, compared to $4.14M last year, a decrease of $2.37M.";
        assert_eq!(findings(t), vec!["error change-amount `$2.37M`"]);
        let t = "Revenue was $1.42M, compared to $4.14M last year, a decrease of $2.75M.";
        assert_eq!(findings(t), vec!["error change-amount `$2.75M`"]);
    }

    #[test]
    fn delta_without_values_is_unverifiable() {
        let t = "Operating costs decreased by approximately $2.3M as compared to the same period last year.";
        assert_eq!(statuses(t, "change"), vec!["unverifiable"]);
    }

    #[test]
    fn exact_figures_must_match_exactly() {
        let t = "Loss from operations improved by $796,000, or 62%, from $1,287,000 to $491,000.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = "Loss from operations improved by $769,000, or 62%, from $1,287,000 to $491,000.";
        assert_eq!(findings(t), vec!["error change-amount `$769,000`"]);
    }
}
