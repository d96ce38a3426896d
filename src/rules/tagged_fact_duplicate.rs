//! `tagged-fact-duplicate`: an inline XBRL fact displayed twice (same concept, context and unit)
//! with values that do not agree within their `decimals`.

use std::collections::BTreeMap;

use super::*;
use crate::source::ixbrl::{TaggedFact, XbrlFacts};

pub static RULE: RuleDef = RuleDef::document(
    "tagged-fact-duplicate",
    "A tagged fact displayed twice (same concept, context, unit) must have one value",
    Severity::Error,
    DOCS,
    check_document,
);

const DOCS: &str = "\
Inline XBRL filings (every 10-K and 10-Q filed with the SEC since 2019) tag each number with
its concept (us-gaap:Revenues), its context (the period, and dimensions such as a segment) and
its unit. A figure shown in the income statement and again in a note is tagged twice with the
same concept, context and unit: both must report one value. Each value is read through its
`scale`, `sign` and `format`; as XBRL defines consistent duplicates, the one with fewer
`decimals` must be a rounding of the other (within half a unit of its last digit, whichever way
a half was rounded), so 391,035 in millions (decimals -6) and 391.0 in billions (decimals -8)
agree, and two facts with the same decimals must be equal. Of two inconsistent occurrences,
the one fewer others agree with (the later one of two) is reported at its bytes, naming the
other. A fact in prose that disagrees with the same fact in a
table is reported by `prose-tagged-fact` instead; facts not displayed (ix:hidden) are not
compared.

Example (error): the income statement tags
    <ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"FY2024\" unitRef=\"usd\"
        decimals=\"-6\" scale=\"6\" format=\"ixt:num-dot-decimal\">391,035</ix:nonFraction>
and the segment note, changed after the statements were final,
    <ix:nonFraction name=\"us-gaap:Revenues\" contextRef=\"FY2024\" unitRef=\"usd\"
        decimals=\"-6\" scale=\"6\" format=\"ixt:num-dot-decimal\">391,053</ix:nonFraction>
    `us-gaap:Revenues` for 2023-10-01..2024-09-28 is tagged 391,053 ($391,053M) here and
    391,035 ($391,035M) at line 12.

Suppress: <!-- tieout-ignore tagged-fact-duplicate: reason --> on the line before.";

/// Do two tagged values agree? The XBRL rule for duplicate facts: the coarser of the two (the
/// fewer `decimals`) must be a rounding of the finer, so they differ by at most half a unit of
/// the coarser; with equal `decimals` the values must be equal.
pub fn agree(a: &TaggedFact, b: &TaggedFact) -> bool {
    let coarse = if a.decimals.unwrap_or(i32::MAX) <= b.decimals.unwrap_or(i32::MAX) {
        a
    } else {
        b
    };
    let half = coarse.interval().hi - coarse.value;
    (a.value - b.value).abs() <= half
}

/// Visible tagged facts grouped by concept, context and unit, in document order.
pub fn groups(x: &XbrlFacts) -> Vec<Vec<&TaggedFact>> {
    let mut by_key: BTreeMap<_, Vec<&TaggedFact>> = BTreeMap::new();
    for f in x.facts.iter().filter(|f| f.text.is_some()) {
        by_key.entry(x.key(f)).or_default().push(f);
    }
    by_key.into_values().filter(|g| g.len() > 1).collect()
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let Some(x) = &ctx.doc.xbrl else {
        return vec![];
    };
    let in_table = |f: &TaggedFact| f.text.as_ref().is_some_and(|t| ctx.doc.in_table(t.start));
    let mut out = Vec::new();
    for g in groups(x) {
        // of two occurrences that disagree, the one fewer others agree with is blamed (the
        // later one on a tie), naming the other
        let support: Vec<usize> = g
            .iter()
            .map(|a| g.iter().filter(|b| agree(a, b)).count())
            .collect();
        let has_table = g.iter().any(|f| in_table(f));
        for (i, f) in g.iter().enumerate() {
            if !in_table(f) && has_table {
                continue;
            }
            let other = (0..g.len())
                .filter(|&j| !agree(f, g[j]))
                .filter(|&j| support[j] > support[i] || (support[j] == support[i] && j < i))
                .max_by_key(|&j| (support[j], std::cmp::Reverse(j)));
            if let Some(j) = other {
                out.push(Outcome::Mismatch(mismatch(ctx, x, f, g[j])));
            }
        }
    }
    out
}

fn mismatch(ctx: &Ctx, x: &XbrlFacts, f: &TaggedFact, other: &TaggedFact) -> Mismatch {
    let (line, _) = ctx.doc.line_col(other.span.offset);
    let (here, there) = (crate::xbrl::show_tagged(f), crate::xbrl::show_tagged(other));
    Mismatch {
        tier: Tier::Error,
        message: format!(
            "{} is tagged {here} here and {there} at line {line}",
            crate::xbrl::describe(x, f)
        ),
        primary: f.text.clone().unwrap_or_default(),
        primary_label: format!("tagged {here}"),
        labels: vec![(
            other.text.clone().unwrap_or_default(),
            format!("the same fact tagged {there}"),
        )],
        help: format!(
            "one concept, context and unit ({}) has one value: decimals {} make {} stand for {}, \
             and decimals {} make {} stand for {}; they cannot both be true",
            if f.unit.is_empty() { "no unit" } else { &f.unit },
            f.decimals_str(),
            f.shown,
            crate::xbrl::show_interval(f),
            other.decimals_str(),
            other.shown,
            crate::xbrl::show_interval(other),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    const HEAD: &str = r#"<html><body><div style="display:none"><ix:header><ix:resources>
<xbrli:context id="FY24"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2023-10-01</xbrli:startDate><xbrli:endDate>2024-09-28</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
</ix:resources></ix:header></div>
"#;

    fn doc(a: &str, b: &str) -> String {
        format!(
            "{HEAD}<table><tr><td>Net sales</td><td>$</td><td>{a}</td></tr><tr><td>Cost</td><td>$</td><td>1</td></tr></table>\n<p>Note 2</p>\n<table><tr><td>Total net sales</td><td>{b}</td></tr><tr><td>Other</td><td>2</td></tr></table></body></html>"
        )
    }

    fn tag(v: &str, scale: i32, decimals: &str) -> String {
        format!(r#"<ix:nonFraction name="us-gaap:Revenues" contextRef="FY24" unitRef="usd" decimals="{decimals}" scale="{scale}" format="ixt:num-dot-decimal">{v}</ix:nonFraction>"#)
    }

    #[test]
    fn a_changed_copy_is_reported_at_its_bytes() {
        let ok = doc(&tag("391,035", 6, "-6"), &tag("391.0", 9, "-8"));
        assert_eq!(rule_findings("t.html", &ok, "tagged-fact-duplicate"), Vec::<String>::new());
        let bad = doc(&tag("391,035", 6, "-6"), &tag("391,053", 6, "-6"));
        assert_eq!(
            rule_findings("t.html", &bad, "tagged-fact-duplicate"),
            vec!["error `391,053`"]
        );
        // exact values must be equal
        let exact = doc(&tag("391,035", 6, "INF"), &tag("391,035.4", 6, "INF"));
        assert_eq!(
            rule_findings("t.html", &exact, "tagged-fact-duplicate"),
            vec!["error `391,035.4`"]
        );
    }
}
