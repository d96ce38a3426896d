//! Stage 5: reports. The data model every output format renders: per file, the claims found
//! (with status) and the findings (with rule, severity, spans into the original bytes).

use serde::Serialize;

use crate::rules::Severity;
pub use crate::span::Location;

pub mod github;
pub mod html_page;
pub mod human;
pub mod json;
pub mod sarif;
pub mod short;
pub mod stream;

/// An input that could not be checked: `{"path": "notes.txt", "message": "cannot read: no such
/// file"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Label {
    pub span: Location,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Location,
    /// The span's text in the original file.
    pub snippet: String,
    pub labels: Vec<Label>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Index of the claim in this file's `claims`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<usize>,
    /// Places in other files (or facts files) the finding involves.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A place in another file that a finding involves.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Location>,
    pub message: String,
}

/// Status of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Consistent,
    Mismatch,
    Unverifiable,
}

/// A figure as reported with its claim.
#[derive(Debug, Clone, Serialize)]
pub struct FigureRecord {
    pub role: &'static str,
    pub text: String,
    pub value: String,
    pub unit: String,
    /// The interval the figure stands for: written precision and hedge.
    pub interval: [String; 2],
    pub span: Location,
}

/// The result of one rule on one claim.
#[derive(Debug, Clone, Serialize)]
pub struct CheckRecord {
    pub rule: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A claim found in a file.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimRecord {
    pub kind: &'static str,
    pub status: Status,
    pub text: String,
    pub span: Location,
    pub figures: Vec<FigureRecord>,
    pub checks: Vec<CheckRecord>,
    /// Where the base came from when it is not in the sentence (a facts file, or another
    /// statement of the document).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_source: Option<String>,
}

/// Everything found in one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub format: crate::source::Format,
    /// The XML parts a .docx was read from; a span's `part` indexes them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    pub claims: Vec<ClaimRecord>,
    pub findings: Vec<Finding>,
    /// Findings silenced by `tieout-ignore` comments.
    pub suppressed: usize,
    /// The configuration file the file was checked with (none: the defaults).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config: Option<String>,
    /// The original bytes, for rendering snippets (not serialized).
    #[serde(skip)]
    pub source: std::sync::Arc<Vec<u8>>,
    /// The facts the file states, for checks across the files of a run (not serialized).
    #[serde(skip)]
    pub facts: Vec<crate::facts::Fact>,
    /// Who the document is about (ticker or company name), for comparing facts across files.
    #[serde(skip)]
    pub company: Option<String>,
}

impl FileReport {
    /// Every span the report points at: findings and their labels, claims and their figures.
    pub fn spans(&self) -> impl Iterator<Item = Location> + '_ {
        self.findings
            .iter()
            .flat_map(|f| std::iter::once(f.span).chain(f.labels.iter().map(|l| l.span)))
            .chain(self.claims.iter().map(|c| c.span))
            .chain(
                self.claims
                    .iter()
                    .flat_map(|c| c.figures.iter().map(|f| f.span)),
            )
    }
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub claims: usize,
    pub consistent: usize,
    pub mismatched: usize,
    pub unverifiable: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub suppressed: usize,
}

impl Summary {
    pub fn of(files: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: files.len(),
            ..Summary::default()
        };
        for f in files {
            s.claims += f.claims.len();
            for c in &f.claims {
                match c.status {
                    Status::Consistent => s.consistent += 1,
                    Status::Mismatch => s.mismatched += 1,
                    Status::Unverifiable => s.unverifiable += 1,
                }
            }
            for x in &f.findings {
                match x.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Note => s.notes += 1,
                }
            }
            s.suppressed += f.suppressed;
        }
        s
    }

    /// Add another file's (or run's) counts.
    pub fn add(&mut self, o: &Summary) {
        self.files += o.files;
        self.claims += o.claims;
        self.consistent += o.consistent;
        self.mismatched += o.mismatched;
        self.unverifiable += o.unverifiable;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.notes += o.notes;
        self.suppressed += o.suppressed;
    }

    /// Does anything reach the deny level?
    pub fn denies(&self, deny: Severity) -> bool {
        match deny {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Note => self.errors + self.warnings + self.notes > 0,
        }
    }
}

/// A whole run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

impl Report {
    pub fn new(files: Vec<FileReport>) -> Report {
        let summary = Summary::of(&files);
        Report { files, summary }
    }
}

impl Report {
    /// Findings per rule id, every severity counted, suppressed ones not.
    pub fn statistics(&self) -> std::collections::BTreeMap<String, usize> {
        let mut m = std::collections::BTreeMap::new();
        for f in self.files.iter().flat_map(|f| &f.findings) {
            *m.entry(f.rule.clone()).or_insert(0) += 1;
        }
        m
    }
}

/// Is this finding listed by the line-oriented formats (human, short, github, sarif)? Notes are
/// listed only when asked for.
pub fn shown(f: &Finding, show_notes: bool) -> bool {
    show_notes || f.severity != Severity::Note
}

/// `--statistics` in the text formats: one line per rule, most frequent first.
///
/// ```text
///     2  percent-change
///     1  unverifiable
/// ```
pub fn statistics_text(report: &Report) -> String {
    statistics_text_of(&report.statistics())
}

/// [`statistics_text`] from counts per rule.
pub fn statistics_text_of(stats: &std::collections::BTreeMap<String, usize>) -> String {
    let mut rows: Vec<(String, usize)> = stats.iter().map(|(k, v)| (k.clone(), *v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = String::new();
    for (rule, n) in rows {
        out.push_str(&format!("{n:>5}  {rule}\n"));
    }
    out
}
