//! `--format github`: GitHub Actions workflow commands, which annotate the lines of a pull
//! request: `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE`.

use super::{shown, Report};
use crate::rules::Severity;

/// Render one workflow command per finding.
pub fn render(report: &Report, show_notes: bool) -> String {
    let mut out = String::new();
    for file in &report.files {
        let index = crate::span::LineIndex::new(&file.source);
        for f in file.findings.iter().filter(|f| shown(f, show_notes)) {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let (end_line, end_col) = f.span.end_in(&index, &file.source);
            let mut props = vec![("file", file.path.replace('\\', "/"))];
            // a .docx has no lines: the annotation is on the file, the place in its title
            let title = match f.span.place {
                Some(p) => format!("tieout {} at {p}", f.rule),
                None => format!("tieout {}", f.rule),
            };
            if f.span.place.is_none() {
                props.extend(line_props(&f.span, end_line, end_col));
            }
            props.push(("title", title));
            let props: Vec<String> = props
                .into_iter()
                .map(|(k, v)| format!("{k}={}", escape_property(&v)))
                .collect();
            let mut message = f.message.clone();
            if let Some(h) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            out.push_str(&format!(
                "::{command} {}::{}\n",
                props.join(","),
                escape_data(&message)
            ));
        }
    }
    out
}

/// `line`, `col`, `endLine`, `endColumn` of a span (columns only on one line; GitHub's
/// endColumn is inclusive).
fn line_props(l: &super::Location, end_line: usize, end_col: usize) -> Vec<(&'static str, String)> {
    let mut props = vec![("line", l.line.to_string())];
    if end_line == l.line {
        props.push(("col", l.column.to_string()));
        props.push(("endLine", end_line.to_string()));
        let end = end_col.saturating_sub(1).max(l.column);
        props.push(("endColumn", end.to_string()));
    } else {
        props.push(("endLine", end_line.to_string()));
    }
    props
}

/// Escape a command's message: `%`, CR and LF.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value: as data, plus `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("12% a\r\nb: c, d"), "12%25 a%0D%0Ab: c, d");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
