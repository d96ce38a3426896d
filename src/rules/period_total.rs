//! `period-total`: a nine-month (or half-year, or full-year) figure equals the sum of its
//! quarters when all of them are known.

use super::*;
use crate::facts::Fact;
use crate::periods::{Period, PeriodKind};

pub static RULE: RuleDef = RuleDef {
    id: "period-total",
    summary: "A nine-month, half-year or full-year figure must equal the sum of its quarters",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check,
    check_document: Some(check_document),
};

const DOCS: &str = "\
When a release states a metric for a year-to-date period (nine months, first half, full year)
and every quarter inside it is known, from the release itself or from a facts file
(--facts), the period's figure must equal the sum of the quarters, within the rounding of
each figure (\"$1.42M\" is 1.415M..1.425M; three quarters of \"$0.5M\" add up to 1.35M..1.65M).

Example (error), with Q1 and Q2 revenue of $0.71M and $0.26M in a facts file:
    For the nine months ended September 30, 2016, revenue was $1.52M ...
    Revenue for the third quarter of 2016 was $0.45M.
    $0.71M + $0.26M + $0.45M = $1.42M, stated $1.52M.

Suppress: <!-- tieout-ignore period-total: reason --> on the line before.";

fn check(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    Vec::new()
}

/// The quarters a period is made of.
fn quarters(p: Period) -> Option<Vec<Period>> {
    let qs: &[u8] = match p.kind {
        PeriodKind::NineMonths => &[1, 2, 3],
        PeriodKind::Half(1) => &[1, 2],
        PeriodKind::Half(2) => &[3, 4],
        PeriodKind::Year => &[1, 2, 3, 4],
        _ => return None,
    };
    Some(
        qs.iter()
            .map(|&q| Period {
                kind: PeriodKind::Quarter(q),
                year: p.year,
            })
            .collect(),
    )
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let mut out = Vec::new();
    let known: Vec<&Fact> = ctx
        .facts
        .iter()
        .filter(|f| f.explicit)
        .chain(ctx.external_facts)
        .collect();
    for total in ctx.facts.iter().filter(|f| f.explicit) {
        let Some(qs) = quarters(total.period) else { continue };
        let parts: Option<Vec<&Fact>> = qs
            .iter()
            .map(|q| {
                known.iter().copied().find(|f| {
                    f.metric == total.metric
                        && f.period == *q
                        && f.fig.family() == total.fig.family()
                })
            })
            .collect();
        let Some(parts) = parts else { continue };
        let mut sum = Interval::point(Decimal::ZERO);
        for p in &parts {
            let Some(s) = sum.add(&p.fig.interval()) else { continue };
            sum = s;
        }
        if sum.intersects(&total.fig.interval()) {
            continue;
        }
        let face: Decimal = parts.iter().map(|p| p.fig.value).sum();
        let listed: Vec<String> = parts.iter().map(|p| format!("{} ({})", p.text, p.period)).collect();
        let labels = parts
            .iter()
            .filter(|p| p.range.end > p.range.start)
            .map(|p| (p.range.clone(), format!("{}", p.period)))
            .collect();
        out.push(Outcome::Mismatch(Mismatch {
            tier: Tier::Error,
            message: format!(
                "{} for {} is {}, but its quarters add up to {}",
                total.metric,
                total.period,
                total.text,
                show_like(&total.fig, face, 1)
            ),
            primary: total.range.clone(),
            primary_label: format!("the quarters add up to {}", show_like(&total.fig, face, 1)),
            labels,
            help: format!(
                "{} = {}; the written precision allows {}",
                listed.join(" + "),
                show_like(&total.fig, face, 1),
                show_interval_like(&total.fig, sum, 2)
            ),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn nine_months_equal_three_quarters() {
        let ok = "Revenue for the first quarter of 2016 was $0.71M. Revenue for the second quarter of 2016 was $0.26M. Revenue for the third quarter of 2016 was $0.45M. Revenue for the nine months of 2016 was $1.42M.";
        assert_eq!(findings(ok), Vec::<String>::new());
        let bad = ok.replace("$1.42M.", "$1.52M.");
        assert_eq!(findings(&bad), vec!["error period-total `$1.52M`"]);
    }

    #[test]
    fn a_missing_quarter_checks_nothing() {
        let t = "Revenue for the first quarter of 2016 was $0.71M. Revenue for the third quarter of 2016 was $0.45M. Revenue for the nine months of 2016 was $9.9M.";
        assert_eq!(findings(t), Vec::<String>::new());
    }
}
