//! `change-direction`: a direction word ("increased", "down from", "improved") must agree with
//! the values it describes.

use super::*;
use crate::claims::Dir;

pub static RULE: RuleDef = RuleDef {
    id: "change-direction",
    summary: "Direction words (increased, down, improved) must agree with the values",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::Change, ClaimKind::PointChange],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
Checks each direction word of a change against the sign of new - base.
- up words (increased, rose, grew, up, higher) need new > base;
- down words (decreased, fell, declined, down, lower, reduced) need new < base;
- improved/worsened depend on the metric: for a loss, an expense or a cost (the rule pack's
  `lower_is_better` words) \"improved\" means the figure went down.
When both values are negative losses written with signs, their magnitudes are compared.
- error: the values, anywhere inside their written intervals, move the other way.
- warning: they move the other way once a short figure is read at its neighbours' precision.

Example (error):
    Net operating loss improved to $5.5M, up from a $7M loss.
    \"up\" needs the new value above the base: $5.5M < $7M.

Suppress: <!-- tieout-ignore change-direction: reason --> on the line before.";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let (Some(a), Some(b)) = (c.base, c.current) else { return vec![] };
    if c.directions.is_empty() {
        return vec![];
    }
    if c.mixed_sign {
        return vec![Outcome::Unverifiable(
            "one value is a loss and the other a profit, and their signs are not written".into(),
        )];
    }
    let (fa, fb) = (ctx.fig(a), ctx.fig(b));
    // signed losses: compare magnitudes
    let flip = c.lower_is_better && fa.value < Decimal::ZERO && fb.value < Decimal::ZERO;
    let diff = |ia: Interval, ib: Interval| {
        let (ia, ib) = if flip { (ia.neg(), ib.neg()) } else { (ia, ib) };
        ib.sub(&ia)
    };
    let Some(coarse) = diff(fa.interval(), fb.interval()) else {
        return vec![Outcome::Unverifiable("the arithmetic overflows".into())];
    };
    let neighbours: Vec<FigId> = [Some(a), Some(b), c.delta].into_iter().flatten().collect();
    let fine = Fine::of(ctx, &neighbours).and_then(|fine| diff(fine.at(fa), fine.at(fb)));
    let mut out = Vec::new();
    for d in &c.directions {
        let up = match d.dir {
            Dir::Up => true,
            Dir::Down => false,
            Dir::Better => !c.lower_is_better,
            Dir::Worse => c.lower_is_better,
        };
        // strict: "increased" needs some value above zero, not just a tie
        let wrong = |iv: &Interval| {
            if up {
                iv.hi <= Decimal::ZERO
            } else {
                iv.lo >= Decimal::ZERO
            }
        };
        let tier = if wrong(&coarse) {
            Some(Tier::Error)
        } else if fine.as_ref().is_some_and(wrong) {
            Some(Tier::Warning)
        } else {
            None
        };
        let Some(tier) = tier else {
            out.push(Outcome::Consistent);
            continue;
        };
        let (as_, bs) = (ctx.written(a), ctx.written(b));
        let moved = if fb.value.abs() > fa.value.abs() { "grew" } else { "shrank" };
        let need = if up { "above" } else { "below" };
        let metric = if c.lower_is_better && matches!(d.dir, Dir::Better | Dir::Worse) {
            " (for a loss or a cost, smaller is better)"
        } else {
            ""
        };
        out.push(Outcome::Mismatch(Mismatch {
            tier,
            message: format!(
                "\"{}\" says the figure went {}, but it {moved} from {as_} to {bs}{metric}",
                d.word,
                if up { "up" } else { "down" },
            ),
            primary: d.range.clone(),
            primary_label: format!("needs the new value {need} the base"),
            labels: vec![
                (fa.range.clone(), "base".into()),
                (fb.range.clone(), "new value".into()),
            ],
            help: format!(
                "{bs} - {as_} = {}; \"{}\" needs a result {}",
                show_like(fb, fb.value - fa.value, 2),
                d.word,
                if up { "above zero" } else { "below zero" }
            ),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn loss_that_shrank_improved() {
        let t = "Net operating loss improved marginally to $20.18M, as compared to $20.88M for the same period.";
        assert_eq!(findings(t), Vec::<String>::new());
        assert_eq!(statuses(t, "change"), vec!["consistent"]);
        let t = "Net operating loss worsened marginally to $20.18M, as compared to $20.88M for the same period.";
        assert_eq!(findings(t), vec!["error change-direction `worsened`"]);
    }

    #[test]
    fn up_from_on_a_falling_figure() {
        let t = "Operating loss improved by roughly 21% ($1.5M), up from a $7M loss to approximately $5.5M.";
        assert_eq!(findings(t), vec!["error change-direction `up`"]);
    }

    #[test]
    fn signed_ratios() {
        let t = "Profit margin dropped to negative 28.1% from negative 18.4%.";
        assert_eq!(findings(t), Vec::<String>::new());
        let t = "Profit margin rose to negative 28.1% from negative 18.4%.";
        assert_eq!(findings(t), vec!["error change-direction `rose`"]);
    }

    #[test]
    fn increase_on_a_fall() {
        let t = "Revenue was $1.42M, compared to $4.14M last year, an increase of $2.72M.";
        assert_eq!(findings(t), vec!["error change-direction `increase`"]);
    }
}
