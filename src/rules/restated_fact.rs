//! `restated-fact`: the same metric and period stated twice with values that cannot both be
//! true, in one document or across the documents of one run.

use std::collections::HashMap;

use super::*;
use crate::periods::Period;

pub static RULE: RuleDef = RuleDef {
    id: "restated-fact",
    summary: "The same metric for the same period must not be stated with two different values",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check,
    check_document: Some(check_document),
};

const DOCS: &str = "\
Collects the facts a release states: (metric, period, value), with metric names normalised
through the synonyms of the rule pack (`[metrics]` in rules/facts.toml: \"net revenue\",
\"total net revenue\" and \"revenues\" are all `revenue`) and periods normalised (\"third quarter
of 2016\", \"Q3 2016\", \"three months ended September 30, 2016\"; \"same period last year\"
resolved against the value it is compared with). Two statements of the same fact whose
intervals (written precision and hedge) do not overlap are reported, with both places labelled:
within one document, or across the documents of one run (a Q2 and a Q3 release checked
together). `tieout facts PATH...` prints the facts tieout understood.

Example (error), across two files checked together:
    q2.txt: Revenue for the second quarter of 2016 was $254K.
    q3.txt: ... a recovery of 78% from $300K in the second quarter of 2016.
    revenue, Q2 2016: $300K here, $254K in q2.txt.

Suppress: <!-- tieout-ignore restated-fact: reason --> on the line before.";

fn check(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    Vec::new()
}

/// Do two facts contradict each other? Two tagged inline XBRL facts that report different
/// concepts, contexts or units are different facts, whatever their metric names.
pub fn contradict(a: &crate::facts::Fact, b: &crate::facts::Fact) -> bool {
    let different_tags = matches!((&a.tag, &b.tag), (Some(x), Some(y)) if x != y);
    !different_tags
        && a.explicit
        && b.explicit
        && a.metric == b.metric
        && a.period == b.period
        && a.fig.family() == b.fig.family()
        && !a.fig.interval().intersects(&b.fig.interval())
}

/// The facts stated earlier in a document that a fact may contradict: untagged, explicit, of
/// one metric, period and family; each distinct interval once, at its first fact (a later fact
/// with the same interval contradicts the same facts).
type Earlier<'a> = HashMap<(&'a str, Period, Family), Vec<(Interval, usize)>>;

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let mut out = Vec::new();
    let facts = ctx.facts;
    let mut earlier: Earlier = HashMap::new();
    for (j, b) in facts.iter().enumerate() {
        // a tagged fact against the document's other figures: `tagged-fact-duplicate` and
        // `prose-tagged-fact` compare them by concept and context
        if b.tag.is_some() || !b.explicit {
            continue;
        }
        let iv = b.fig.interval();
        let seen = earlier
            .entry((b.metric.as_str(), b.period, b.fig.family()))
            .or_default();
        // the first earlier fact that contradicts b
        let first = seen
            .iter()
            .filter(|(x, _)| !x.intersects(&iv))
            .map(|&(_, i)| i)
            .min();
        if !seen.iter().any(|(x, _)| *x == iv) {
            seen.push((iv, j));
        }
        if let Some(a) = first.map(|i| &facts[i]) {
            out.push(Outcome::Mismatch(restated(a, b)));
        }
    }
    out
}

fn restated(a: &crate::facts::Fact, b: &crate::facts::Fact) -> Mismatch {
    Mismatch {
        tier: Tier::Error,
        message: format!(
            "{} for {} is stated as {} here and as {} earlier",
            b.metric, b.period, b.text, a.text
        ),
        primary: b.range.clone(),
        primary_label: format!("{} {}", b.metric, b.period),
        labels: vec![(a.range.clone(), format!("stated earlier as {}", a.text))],
        help: format!(
            "{} stands for {} and {} for {}: they cannot both be the {} of {}",
            b.text,
            show_interval_like(&b.fig, b.fig.interval(), 1),
            a.text,
            show_interval_like(&a.fig, a.fig.interval(), 1),
            b.metric,
            b.period
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn one_document_two_values() {
        let t = "Revenue for the second quarter of 2016 was $254K.\n\nLater: revenue for the second quarter of 2016 was $300K.";
        assert_eq!(findings(t), vec!["error restated-fact `$300K`"]);
        let t = "Revenue for the second quarter of 2016 was $254K.\n\nLater: revenue for the second quarter of 2016 was $0.25 million.";
        assert_eq!(findings(t), Vec::<String>::new());
    }
}
