//! `--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
//!
//! One run; `tool.driver.rules` lists every rule (ids, descriptions, the `tieout explain` text
//! as help), and each finding is a result whose region gives both line/column (columns in
//! Unicode code points, as `columnKind` says) and byte offset/length into the original file.

use std::path::Path;

use serde_json::{json, Value};

use super::{shown, FileReport, Finding, InputError, Location};
use crate::span::LineIndex;

/// `runs[0].tool`: the driver and every rule (ids, descriptions, the `tieout explain` text as
/// help).
pub fn tool() -> Value {
    let rules: Vec<Value> = crate::rules::ALL
        .iter()
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
    if let Some(i) = crate::rules::ALL.iter().position(|r| r.id == f.rule) {
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

/// A relative URI reference for a path: `/` separators, relative to `base` when under it,
/// unsafe characters percent-encoded. An absolute path elsewhere becomes a `file` URI as
/// RFC 8089 and `url::Url::from_file_path` write it, whatever the platform tieout runs on:
/// `file:///home/x.md`, `file:///C:/x.md` (a Windows drive), `file://server/share/x.md` (UNC).
pub fn artifact_uri(path: &str, base: Option<&Path>) -> String {
    let p = Path::new(path);
    let rel = match base {
        Some(b) if p.is_absolute() => p.strip_prefix(b).unwrap_or(p),
        _ => p,
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s);
    let drive = s.len() >= 3
        && s.as_bytes()[0].is_ascii_alphabetic()
        && s.as_bytes()[1] == b':'
        && s.as_bytes()[2] == b'/';
    let (mut out, body) = if let Some(unc) = s.strip_prefix("//") {
        ("file://".to_string(), unc)
    } else if drive {
        ("file:///".to_string(), s)
    } else if s.starts_with('/') {
        ("file://".to_string(), s)
    } else {
        (String::new(), s)
    };
    for (i, b) in body.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) || (drive && i == 1) {
            out.push(b as char);
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
        // Windows: a drive takes three slashes, a share two; a colon elsewhere is encoded
        assert_eq!(
            artifact_uri(r"C:\Users\a b\r.md", None),
            "file:///C:/Users/a%20b/r.md"
        );
        assert_eq!(
            artifact_uri(r"\\server\share\r.md", None),
            "file://server/share/r.md"
        );
        assert_eq!(artifact_uri("notes:v2.md", None), "notes%3Av2.md");
    }
}
