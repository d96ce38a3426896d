//! `--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` lists every rule (ids, descriptions, the `tieout explain` text
//! as help), and each finding is a result whose region gives both line/column (columns in
//! Unicode code points, as `columnKind` says) and byte offset/length into the original file.

use std::path::Path;

use serde_json::{json, Value};

use super::stream::{self, Format, InputError, Options};
use super::{shown, FileReport, Finding, Location, Report};
use crate::check;
use crate::span::LineIndex;

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct SarifOptions<'a> {
    /// List `note` findings too.
    pub show_notes: bool,
    /// Absolute paths under this directory are written relative to it.
    pub base: Option<&'a Path>,
    /// Added as `runs[0].properties.statistics` when set.
    pub statistics: bool,
}

/// `runs[0].tool`: the driver and every rule (ids, descriptions, the `tieout explain` text as
/// help).
pub fn tool() -> Value {
    let rules: Vec<Value> = check::all_rules()
        .map(|r| {
            let first_paragraph = r.docs.split("\n\n").next().unwrap_or(r.summary).trim();
            json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": first_paragraph.replace('\n', " ") },
                "help": { "text": r.docs },
                "defaultConfiguration": { "level": r.default_severity.as_str() },
            })
        })
        .collect();
    json!({
        "driver": {
            "name": "tieout",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        }
    })
}

/// One file's results, one per listed finding.
pub fn results<'a>(
    file: &'a FileReport,
    show_notes: bool,
    base: Option<&Path>,
) -> impl Iterator<Item = Value> + 'a {
    let uri = artifact_uri(&file.path, base);
    let index = LineIndex::new(&file.source);
    file.findings
        .iter()
        .filter(move |f| shown(f, show_notes))
        .map(move |f| result(file, &index, f, &uri))
}

fn result(file: &FileReport, index: &LineIndex, f: &Finding, uri: &str) -> Value {
    let region = |l: &Location, with_snippet: Option<&str>| {
        let (end_line, end_col) = l.end_in(index, &file.source);
        let mut r = json!({
            "startLine": l.line,
            "startColumn": l.column,
            "endLine": end_line,
            "endColumn": end_col,
        });
        // a .docx paragraph has no bytes of the file: its XML part's are named apart
        if l.place.is_none() {
            r["byteOffset"] = json!(l.offset);
            r["byteLength"] = json!(l.length);
        }
        if let Some(s) = with_snippet {
            r["snippet"] = json!({ "text": s });
        }
        r
    };
    let mut text = f.message.clone();
    if let Some(h) = &f.help {
        text.push_str("\nhelp: ");
        text.push_str(h);
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": f.severity.as_str(),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri },
                "region": region(&f.span, Some(&f.snippet)),
            }
        }],
    });
    if let Some(p) = f.span.place {
        let part = file.parts.get(p.part as usize).cloned().unwrap_or_default();
        result["locations"][0]["logicalLocations"] = json!([{
            "name": p.to_string(),
            "fullyQualifiedName": format!("{part} {p}"),
            "kind": if p.cell.is_some() { "table cell" } else { "paragraph" },
        }]);
        result["locations"][0]["properties"] = json!({
            "part": part,
            "byteOffset": p.xml.offset,
            "byteLength": p.xml.length,
        });
    }
    if let Some(i) = check::all_rules().position(|r| r.id == f.rule) {
        result["ruleIndex"] = json!(i);
    }
    let related: Vec<Value> = f
        .labels
        .iter()
        .skip(1)
        .enumerate()
        .map(|(i, l)| {
            json!({
                "id": i + 1,
                "message": { "text": l.message },
                "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": region(&l.span, None),
                }
            })
        })
        .collect();
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    result
}

/// `runs[0].invocations[0]`: whether every input was checked, and a notification per input
/// that was not.
pub fn invocation(errors: &[InputError], base: Option<&Path>) -> Value {
    let notes: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.path, e.message) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": artifact_uri(&e.path, base) }
                    }
                }],
            })
        })
        .collect();
    json!({
        "executionSuccessful": errors.is_empty(),
        "toolExecutionNotifications": notes,
    })
}

/// Render a whole report as a SARIF log (pretty JSON).
pub fn render(report: &Report, opts: &SarifOptions) -> String {
    let o = Options {
        show_notes: opts.show_notes,
        statistics: opts.statistics,
        base: opts.base.map(Path::to_path_buf),
        ..Options::default()
    };
    stream::render(report, Format::Sarif, o)
}

/// A relative URI reference for a path: `/` separators, relative to `base` when under it,
/// unsafe characters percent-encoded; absolute paths elsewhere become `file://` URIs.
pub fn artifact_uri(path: &str, base: Option<&Path>) -> String {
    let p = Path::new(path);
    let rel = match base {
        Some(b) if p.is_absolute() => p.strip_prefix(b).unwrap_or(p),
        _ => p,
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    let mut out = String::new();
    if rel.is_absolute() {
        out.push_str("file://");
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else if b == b':' && rel.is_absolute() {
            out.push(':');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(artifact_uri("a/b c.txt", None), "a/b%20c.txt");
        assert_eq!(artifact_uri("./a.md", None), "a.md");
        assert_eq!(
            artifact_uri("/repo/docs/x.md", Some(Path::new("/repo"))),
            "docs/x.md"
        );
        assert_eq!(
            artifact_uri("/elsewhere/x.md", Some(Path::new("/repo"))),
            "file:///elsewhere/x.md"
        );
        assert_eq!(artifact_uri("<stdin>", None), "%3Cstdin%3E");
    }
}
