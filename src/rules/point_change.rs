//! `point-change`: changes of ratios and margins in percentage points or basis points, and the
//! classic confusion of a percent change with a change in percentage points.

use super::*;
use crate::extract::Unit;

pub static RULE: RuleDef = RuleDef {
    id: "point-change",
    summary: "A change in a margin or ratio must match its points (pp, bp) or percent",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::PointChange],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
For a ratio that moved from one percentage to another (\"gross margin dropped 900 basis points
to 32% from 41%\"), recomputes the change in points: new - base, in percentage points (pp) or
basis points (1 pp = 100 bp).

When the change is stated as a percent (\"margin increased 10% to 33% from 30%\"), it is read
first as a relative change ((33 - 30) / 30 = 10%). If that fails but the points fit (\"margin
increased 3% to 33% from 30%\"), the finding is a warning that a percent was used for
percentage points: write \"3 percentage points\" (or the relative change, 10%).

Example (error):
    Gross margin dropped 600 basis points to 32% from 41%.
    32% - 41% = -9 pp = -900 bp, stated 600 bp.

Suppress: <!-- tieout-ignore point-change: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let (Some(a), Some(b)) = (c.base, c.current) else {
        return match c.points.or(c.percent) {
            Some(p) => vec![Outcome::Unverifiable(format!(
                "the change of {} is stated without the ratio it started from",
                ctx.written(p)
            ))],
            None => vec![],
        };
    };
    let labels = vec![
        (ctx.fig(a).range.clone(), "base".to_string()),
        (ctx.fig(b).range.clone(), "new value".to_string()),
    ];
    let face_pp = ctx.fig(b).value - ctx.fig(a).value;
    let mut out = Vec::new();
    if let Some(p) = c.points {
        let scale = if ctx.fig(p).unit == Unit::BasisPoints {
            Decimal::ONE_HUNDRED
        } else {
            Decimal::ONE
        };
        let rel = Relation { form: Form::Diff, x: b, y: a, stated: p, scale, magnitude: true };
        out.push(check_relation(ctx, &rel, &[a, b], &|tier, e, _| {
            let unit = if scale == Decimal::ONE { "pp" } else { "bp" };
            let face = face_pp * scale;
            Mismatch {
                tier,
                message: format!(
                    "stated change of {} does not match {} -> {}: {} {unit}",
                    ctx.written(p), ctx.written(a), ctx.written(b), crate::interval::show(face, 2)
                ),
                primary: ctx.fig(p).range.clone(),
                primary_label: format!("recomputed: {} {unit}", crate::interval::show(face.abs(), 2)),
                labels: labels.clone(),
                help: format!(
                    "{} - {} = {} pp = {} bp; the written precision allows {} {unit}",
                    ctx.written(b), ctx.written(a), crate::interval::show(face_pp, 2),
                    crate::interval::show(face_pp * Decimal::ONE_HUNDRED, 0), e.computed
                ),
            }
        }));
    }
    if let Some(p) = c.percent {
        let rel = Relation {
            form: Form::RatioMinusOne, x: b, y: a, stated: p,
            scale: Decimal::ONE_HUNDRED, magnitude: true,
        };
        let relative = check_relation(ctx, &rel, &[a, b], &|tier, e, _| Mismatch {
            tier,
            message: format!("stated change of {} matches neither the relative change nor the points", ctx.written(p)),
            primary: ctx.fig(p).range.clone(),
            primary_label: "recomputed".into(),
            labels: labels.clone(),
            help: format!(
                "({} - {}) / {} = {} relative ({} allowed by rounding); {} - {} = {} percentage points",
                ctx.written(b), ctx.written(a), ctx.written(a), pct_interval(e.computed.abs()), pct_interval(e.computed),
                ctx.written(b), ctx.written(a), crate::interval::show(face_pp, 2)
            ),
        });
        if let Outcome::Mismatch(m) = &relative {
            // does the percent fit the difference in points?
            let pts = Relation { form: Form::Diff, x: b, y: a, stated: p, scale: Decimal::ONE, magnitude: true };
            if pts.eval(ctx).is_some_and(|e| e.holds) {
                out.push(Outcome::Mismatch(Mismatch {
                    tier: Tier::Warning,
                    message: format!(
                        "{} is the change in percentage points, not a percent change",
                        ctx.written(p)
                    ),
                    primary: m.primary.clone(),
                    primary_label: "percentage points written as percent".into(),
                    labels: labels.clone(),
                    help: format!(
                        "{} - {} = {} percentage points; as a relative change it is {}: write \"{} percentage points\"",
                        ctx.written(b), ctx.written(a), crate::interval::show(face_pp, 2),
                        ctx.fig(b).value.checked_div(ctx.fig(a).value)
                            .and_then(|q| q.checked_sub(Decimal::ONE)?.checked_mul(Decimal::ONE_HUNDRED))
                            .map_or_else(|| "undefined".into(), pct),
                        crate::interval::show(face_pp.abs(), 2)
                    ),
                }));
                return out;
            }
        }
        out.push(relative);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn basis_points_of_a_margin() {
        let t = "Gross margin dropped 900 basis points to 32% from 41%.";
        assert_eq!(findings(t), Vec::<String>::new());
        assert_eq!(statuses(t, "point-change"), vec!["consistent"]);
        let t = "Gross margin dropped 600 basis points to 32% from 41%.";
        assert_eq!(findings(t), vec!["error point-change `600 basis points`"]);
    }

    #[test]
    fn percentage_points() {
        let t = "Gross margin improved 1.9 percentage points to 25.3% from 23.4%.";
        assert_eq!(findings(t), Vec::<String>::new());
    }

    #[test]
    fn percent_for_points_is_a_warning() {
        let t = "Gross margin increased 3% to 33% from 30%.";
        assert_eq!(findings(t), vec!["warning point-change `3%`"]);
        let t = "Gross margin increased 10% to 33% from 30%.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = "Gross margin increased 25% to 33% from 30%.";
        assert_eq!(findings(t), vec!["error point-change `25%`"]);
    }
}
