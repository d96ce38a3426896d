//! `bad-suppression`: a `tieout-ignore` comment naming a rule that does not exist. The checker
//! reports it while reading suppressions (it checks no claim); this module declares the rule.

use super::*;

/// The id under which a `tieout-ignore` comment naming an unknown rule is reported.
pub const ID: &str = "bad-suppression";

pub static RULE: RuleDef = RuleDef {
    id: ID,
    summary: "A tieout-ignore comment must name existing rules",
    default_severity: Severity::Warning,
    kinds: &[],
    docs: r#"A suppression comment silences the rules it names on the next line or block:

    <!-- tieout-ignore percent-change: restated in the 10-K -->      (Markdown, HTML)
    tieout-ignore percent-change: restated in the 10-K               (plain text)

A comment naming a rule that does not exist silences nothing, usually because of a typo
(`percent-chnage`), so tieout reports it as a warning at the unknown id. `all` names every rule.

Example:

    tieout-ignore percent-chnage: restated
    Net loss decreased 12% to $5.5 million from $7.0 million.

reports "unknown rule `percent-chnage` in tieout-ignore comment" (did you mean
`percent-change`?), and the percent-change finding on the next line is still reported.
Nothing is reported with --no-ignore-comments, which reads no comments at all."#,
    check: |_, _| Vec::new(),
    check_document: None,
};

