//! `prose-tagged-fact`: a figure in the prose must agree with the same fact tagged in a table of
//! an inline XBRL filing.

use super::*;
use crate::facts::{Fact, Source};
use crate::source::ixbrl::{TaggedFact, XbrlFacts};
use crate::xbrl::{Calendar, Concepts};

pub static RULE: RuleDef = RuleDef::document(
    "prose-tagged-fact",
    "A figure in the prose must match the same fact tagged in a table (inline XBRL)",
    Severity::Error,
    DOCS,
    check_document,
);

const DOCS: &str = "\
In an inline XBRL filing, management's discussion tags many of its figures too: \"Net sales
were <ix:nonFraction name=\"us-gaap:Revenues\" ...>391.0</ix:nonFraction> billion\". Such a
figure must agree with the same concept, context (period and dimensions) and unit tagged in a
table: the one with fewer `decimals` must be a rounding of the other, as for
`tagged-fact-duplicate` (391.0 billion, decimals -8, agrees with 391,035 million). It is
reported when it disagrees with every table occurrence of that fact.

A prose figure that is not tagged is compared only when nothing is left to guess: its metric
and period are written next to it (\"Revenue for fiscal 2024 was $391.1 billion\", as read by
`tieout facts`), the metric maps to XBRL concepts (`[concepts]` in rules/facts.toml), and the
filing tags those concepts without dimensions, in the same currency, for a context that the
fiscal calendar (dei:CurrentFiscalYearEndDate, dei:DocumentFiscalYearFocus) names that period.
It is reported only when it agrees with none of them; amounts are compared in size (a net loss
of $5.5 million ties to NetIncomeLoss -5,500,000).

Example (error), the statement tags revenue for the year ended September 28, 2024:
    <td><ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"FY2024\" unitRef=\"usd\"
        decimals=\"-6\" scale=\"6\" format=\"ixt:num-dot-decimal\">391,035</ix:nonFraction></td>
and the prose says, tagged or not,
    Net sales for fiscal 2024 were $319.0 billion.
    revenue for FY 2024 is $319.0 billion here, but the table tags us-gaap:Revenues as
    391,035 ($391,035M)

Suppress: <!-- tieout-ignore prose-tagged-fact: reason --> on the line before.";

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let Some(x) = &ctx.doc.xbrl else {
        return vec![];
    };
    let mut out: Vec<Outcome> = tagged_prose(ctx, x)
        .into_iter()
        .map(Outcome::Mismatch)
        .collect();
    let concepts = Concepts::new(ctx.pack);
    let cal = Calendar::of_doc(ctx.doc, ctx.periods.fye);
    out.extend(
        untagged_prose(ctx, x, &concepts, cal)
            .into_iter()
            .map(Outcome::Mismatch),
    );
    out
}

fn in_table(ctx: &Ctx, f: &TaggedFact) -> bool {
    f.text.as_ref().is_some_and(|t| ctx.doc.in_table(t.start))
}

/// Tagged prose facts that disagree with every table occurrence of the same fact.
fn tagged_prose(ctx: &Ctx, x: &XbrlFacts) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for g in super::tagged_fact_duplicate::groups(x) {
        let table: Vec<&TaggedFact> = g.iter().copied().filter(|f| in_table(ctx, f)).collect();
        let Some(first) = table.first() else { continue };
        for f in g.iter().filter(|f| !in_table(ctx, f)) {
            if table.iter().any(|t| super::tagged_fact_duplicate::agree(f, t)) {
                continue;
            }
            let (here, there) = (crate::xbrl::show_tagged(f), crate::xbrl::show_tagged(first));
            out.push(Mismatch {
                tier: Tier::Error,
                message: format!(
                    "{} is tagged {here} in the prose but {there} in the table",
                    crate::xbrl::describe(x, f)
                ),
                primary: f.text.clone().unwrap_or_default(),
                primary_label: format!("the table tags {there}"),
                labels: vec![(first.text.clone().unwrap_or_default(), "tagged here".into())],
                help: format!(
                    "same concept, context and unit: {} stands for {} and the table's {} for {}",
                    f.shown,
                    crate::xbrl::show_interval(f),
                    first.shown,
                    crate::xbrl::show_interval(first)
                ),
            });
        }
    }
    out
}

/// Untagged prose figures with a written metric and period that agree with none of the tagged
/// facts of that metric and period.
fn untagged_prose(
    ctx: &Ctx,
    x: &XbrlFacts,
    concepts: &Concepts,
    cal: Calendar,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for fact in ctx.facts {
        if fact.tag.is_some()
            || !fact.explicit
            || fact.source != Source::Document
            || ctx.doc.in_table(fact.range.start)
            || x.overlapping(&fact.range).next().is_some()
        {
            continue;
        }
        let Some(code) = currency(fact) else { continue };
        let cands: Vec<(&TaggedFact, Decimal)> = x
            .facts
            .iter()
            .filter(|t| in_table(ctx, t) && t.unit == code && x.context(t).dims.is_empty())
            .filter(|t| cal.periods(&x.context(t).period).contains(&fact.period))
            .filter_map(|t| {
                let neg = concepts.reports(&t.concept, &fact.metric)?;
                Some((t, if neg { -t.value } else { t.value }))
            })
            .collect();
        let stated = fact.fig.interval().abs();
        let Some(&(first, _)) = cands.first() else {
            continue;
        };
        if cands.iter().any(|(t, _)| t.interval().abs().intersects(&stated)) {
            continue;
        }
        let there = crate::xbrl::show_tagged(first);
        out.push(Mismatch {
            tier: Tier::Error,
            message: format!(
                "{} for {} is {} here, but the table tags {} as {there}",
                fact.metric, fact.period, fact.text, first.concept
            ),
            primary: fact.range.clone(),
            primary_label: format!("the table tags {there}"),
            labels: vec![(
                first.text.clone().unwrap_or_default(),
                format!("{}, {}", first.concept, x.context(first).period),
            )],
            help: format!(
                "{} stands for {}; the facts tagged for {} {} ({}) stand for {}",
                fact.text,
                show_interval_like(&fact.fig, fact.fig.interval(), 1),
                fact.metric,
                fact.period,
                cands
                    .iter()
                    .map(|(t, _)| t.concept.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                cands
                    .iter()
                    .map(|(t, _)| crate::xbrl::show_interval(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    out
}

/// The currency code of a fact that is an amount (not per share).
fn currency(f: &Fact) -> Option<&str> {
    match &f.fig.unit {
        crate::extract::Unit::Currency {
            code,
            per_share: false,
        } => Some(code),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    const HEAD: &str = r#"<html><body><div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:CurrentFiscalYearEndDate" contextRef="FY24">--09-28</ix:nonNumeric><ix:nonNumeric name="dei:DocumentFiscalYearFocus" contextRef="FY24">2024</ix:nonNumeric><ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="FY24">2024-09-28</ix:nonNumeric></ix:hidden><ix:resources>
<xbrli:context id="FY24"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2023-10-01</xbrli:startDate><xbrli:endDate>2024-09-28</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
"#;

    fn doc(prose: &str) -> String {
        format!(
            "{HEAD}<p>{prose}</p>\n<table><tr><td>Net sales</td><td>$</td><td><ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"FY24\" unitRef=\"usd\" decimals=\"-6\" scale=\"6\" format=\"ixt:num-dot-decimal\">391,035</ix:nonFraction></td></tr><tr><td>Cost</td><td>$</td><td>1</td></tr></table></body></html>"
        )
    }

    fn tagged(v: &str) -> String {
        format!("Net sales for fiscal 2024 were $<ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"FY24\" unitRef=\"usd\" decimals=\"-8\" scale=\"9\">{v}</ix:nonFraction> billion.")
    }

    fn findings(prose: &str) -> Vec<String> {
        rule_findings("t.html", &doc(prose), "prose-tagged-fact")
    }

    #[test]
    fn tagged_prose_against_the_table() {
        assert_eq!(findings(&tagged("391.0")), Vec::<String>::new());
        assert_eq!(findings(&tagged("319.0")), vec!["error `319.0`"]);
    }

    #[test]
    fn untagged_prose_with_its_metric_and_period() {
        let ok = "Net sales for fiscal 2024 were $391.0 billion.";
        assert_eq!(findings(ok), Vec::<String>::new());
        assert_eq!(
            findings(&ok.replace("391.0", "319.0")),
            vec!["error `$319.0 billion`"]
        );
        // another period, or no period written: nothing to compare
        assert_eq!(findings(&ok.replace("391.0", "319.0").replace("2024", "2023")), Vec::<String>::new());
        assert_eq!(findings("Net sales were $319.0 billion."), Vec::<String>::new());
    }
}
