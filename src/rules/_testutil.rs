//! Helpers for rule unit tests: run the whole pipeline on a plain-text snippet.

use crate::check::Checker;
use crate::report::FileReport;
use crate::source::Document;

pub fn run(text: &str) -> FileReport {
    Checker::default_checker().check(&Document::plain("t.txt", text))
}

/// Findings other than notes, as "severity rule `snippet`".
pub fn findings(text: &str) -> Vec<String> {
    run(text)
        .findings
        .iter()
        .filter(|f| f.severity != crate::rules::Severity::Note)
        .map(|f| format!("{} {} `{}`", f.severity.as_str(), f.rule, f.snippet))
        .collect()
}

/// Statuses of the claims of one kind.
pub fn statuses(text: &str, kind: &str) -> Vec<String> {
    let r = run(text);
    r.claims
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| format!("{:?}", c.status).to_lowercase())
        .collect()
}

/// Findings of one rule on a document loaded by its name's extension, as "severity `snippet`".
pub fn rule_findings(name: &str, text: &str, rule: &str) -> Vec<String> {
    let doc = crate::source::load_bytes(name, text.as_bytes().to_vec(), None).unwrap();
    Checker::default_checker()
        .check(&doc)
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| format!("{} `{}`", f.severity.as_str(), f.snippet))
        .collect()
}
