//! `--format short`: one line per finding, `path:line:col: severity[rule]: message`
//! (`path:¶12:34:` or `path:table 2 r3c4:` in a .docx).

use super::{shown, Report};

/// Render the findings, one a line.
pub fn render(report: &Report, show_notes: bool) -> String {
    let mut out = String::new();
    for file in &report.files {
        for f in file.findings.iter().filter(|f| shown(f, show_notes)) {
            out.push_str(&format!(
                "{}:{}: {}[{}]: {}\n",
                file.path,
                f.span.position(),
                f.severity.as_str(),
                f.rule,
                one_line(&f.message)
            ));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}
