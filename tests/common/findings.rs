//! A fixture checked from text, its findings above notes read back by the bytes of their spans.
#![allow(dead_code)]

use tieout::check::Checker;
use tieout::report::FileReport;
use tieout::rules::Severity;
use tieout::source::load_bytes;

/// A finding above a note: rule, severity, the text of its span in the original bytes, message.
pub type Found = (String, String, String, String);

pub fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// `text` checked as the file `path`.
pub fn check(path: &str, text: &str) -> FileReport {
    let doc = load_bytes(path, text.as_bytes().to_vec(), None).unwrap();
    Checker::default_checker().check(&doc)
}

pub fn found(path: &str, text: &str) -> Vec<Found> {
    check(path, text)
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Note)
        .map(|f| {
            let s = &text.as_bytes()[f.span.offset..f.span.offset + f.span.length];
            (
                f.rule.clone(),
                f.severity.as_str().to_string(),
                String::from_utf8_lossy(s).into_owned(),
                f.message.clone(),
            )
        })
        .collect()
}

/// Findings above notes: (rule, severity, text of the span in the original bytes).
pub fn findings(path: &str, text: &str) -> Vec<(String, String, String)> {
    found(path, text)
        .into_iter()
        .map(|(r, s, t, _)| (r, s, t))
        .collect()
}

/// One error of `rule` at `cell`.
pub fn one(rule: &str, cell: &str) -> Vec<(String, String, String)> {
    vec![(rule.to_string(), "error".to_string(), cell.to_string())]
}
