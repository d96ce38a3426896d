//! `--format human`: miette diagnostics with labelled source spans, then a summary.

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError,
    MietteSpanContents, Severity as MSeverity, SourceCode, SourceSpan, SpanContents,
};

use super::{FileReport, Finding, Report};
use crate::rules::Severity;

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    /// Show `note` findings (claims that cannot be checked).
    pub show_notes: bool,
    /// Print only findings, no summary.
    pub quiet: bool,
    /// Terminal width for wrapping.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            show_notes: false,
            quiet: false,
            width: 100,
        }
    }
}

/// Render one finding as a miette diagnostic.
pub fn render_finding(file: &FileReport, f: &Finding, opts: &HumanOptions) -> String {
    let sev = match f.severity {
        Severity::Error => MSeverity::Error,
        Severity::Warning => MSeverity::Warning,
        Severity::Note => MSeverity::Advice,
    };
    let mut diag = MietteDiagnostic::new(f.message.clone())
        .with_code(f.rule.clone())
        .with_severity(sev);
    // labels far from the primary one (elsewhere in the file) are named in the help instead,
    // so the excerpt stays small
    let primary = f
        .labels
        .first()
        .map(|l| l.span.offset)
        .unwrap_or(f.span.offset);
    let near = |l: &super::Label| l.span.offset.abs_diff(primary) <= 600;
    let mut help = f.help.clone();
    let mut extra: Vec<String> = f
        .labels
        .iter()
        .filter(|l| !near(l))
        .map(|l| {
            format!(
                "{}: line {}, column {}",
                l.message, l.span.line, l.span.column
            )
        })
        .collect();
    extra.extend(f.related.iter().map(|r| {
        let at = r
            .span
            .map(|s| format!("{}:{}:{}", r.path, s.line, s.column))
            .unwrap_or_else(|| r.path.clone());
        format!("{}: {at}", r.message)
    }));
    for line in extra {
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    if let Some(h) = &help {
        diag = diag.with_help(h.clone());
    }
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_context_lines(1);
    let mut out = String::new();
    match std::str::from_utf8(&file.source) {
        Ok(text) => {
            let labels: Vec<LabeledSpan> = f
                .labels
                .iter()
                .filter(|l| near(l))
                .enumerate()
                .map(|(i, l)| {
                    let span = (l.span.offset, l.span.length);
                    if i == 0 {
                        LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
                    } else {
                        LabeledSpan::new_with_span(Some(l.message.clone()), span)
                    }
                })
                .collect();
            let diag = diag.with_labels(labels);
            let mut window = Window::around(
                &file.path,
                text,
                f.labels
                    .iter()
                    .filter(|l| near(l))
                    .map(|l| (l.span.offset, l.span.offset + l.span.length)),
            );
            if f.span.place.is_some() {
                window.number_as_paragraph(text, &f.span);
            }
            let report = miette::Report::new(diag).with_source_code(window);
            let _ = handler.render_report(&mut out, report.as_ref());
            if f.span.place.is_some() {
                out = name_place(&out, &file.path, &f.span);
            }
        }
        Err(_) => {
            // not UTF-8 on disk (Windows-1252, UTF-16): name the place, no snippet
            let report = miette::Report::new(diag);
            let _ = handler.render_report(&mut out, report.as_ref());
            out.push_str(&format!(
                "  --> {}:{}:{}: `{}`\n",
                file.path, f.span.line, f.span.column, f.snippet
            ));
        }
    }
    out
}

/// Render a whole report.
pub fn render(report: &Report, opts: &HumanOptions) -> String {
    let mut out = String::new();
    for file in &report.files {
        for f in &file.findings {
            if f.severity == Severity::Note && !opts.show_notes {
                continue;
            }
            out.push_str(&render_finding(file, f, opts));
            out.push('\n');
        }
    }
    if !opts.quiet {
        out.push_str(&summary_line(report, opts));
    }
    out
}

/// `checked 2 files: 9 claims (8 consistent, 0 mismatched, 1 unverifiable); 0 errors, 0 warnings, 1 note`
pub fn summary_line(report: &Report, opts: &HumanOptions) -> String {
    let s = &report.summary;
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut line = format!(
        "checked {}: {} ({} consistent, {} mismatched, {} unverifiable); {}, {}, {}",
        plural(s.files, "file"),
        plural(s.claims, "claim"),
        s.consistent,
        s.mismatched,
        s.unverifiable,
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.notes, "note"),
    );
    if s.suppressed > 0 {
        line.push_str(&format!(", {} suppressed", s.suppressed));
    }
    if s.notes > 0 && !opts.show_notes {
        line.push_str(" (--show-notes lists them)");
    }
    line.push('\n');
    line
}

/// The part of a file a diagnostic shows: the lines of its labels, cut to at most
/// [`Window::MARGIN`] bytes either side of them, so a filing written on one multi-megabyte line
/// renders a readable excerpt (and miette never formats a line wider than it can).
struct Window {
    name: String,
    text: String,
    base: usize,
    first_line: usize,
}

impl Window {
    const MARGIN: usize = 100;

    fn around(name: &str, full: &str, spans: impl Iterator<Item = (usize, usize)>) -> Window {
        let (mut lo, mut hi) = (usize::MAX, 0);
        for (a, b) in spans {
            lo = lo.min(a);
            hi = hi.max(b);
        }
        if lo == usize::MAX {
            (lo, hi) = (0, 0);
        }
        let lo = lo.min(full.len());
        let hi = hi.clamp(lo, full.len());
        let line_start = full[..lo].rfind('\n').map(|p| p + 1).unwrap_or(0);
        let mut start = line_start.max(lo.saturating_sub(Self::MARGIN));
        while !full.is_char_boundary(start) {
            start -= 1;
        }
        let line_end = full[hi..].find('\n').map(|p| hi + p).unwrap_or(full.len());
        let mut end = line_end.min(hi + Self::MARGIN);
        while !full.is_char_boundary(end) {
            end += 1;
        }
        Window {
            name: name.to_string(),
            text: full[start..end].to_string(),
            base: start,
            first_line: full.as_bytes()[..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
        }
    }
}

impl Window {
    /// Number the lines so that the line of `at` shows its paragraph (a .docx has no lines).
    fn number_as_paragraph(&mut self, full: &str, at: &super::Location) {
        let before = full.as_bytes()[self.base..at.offset.clamp(self.base, full.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.first_line = at.line.saturating_sub(1 + before);
    }
}

/// The snippet header `[path:line:col]` as the place: `[path:¶12:34]`, `[path:table 2 r3c4]`.
fn name_place(rendered: &str, path: &str, at: &super::Location) -> String {
    let open = format!("[{path}:");
    let Some(i) = rendered.find(&open) else {
        return rendered.to_string();
    };
    let Some(j) = rendered[i..].find(']').map(|j| i + j) else {
        return rendered.to_string();
    };
    format!(
        "{}{open}{}{}",
        &rendered[..i],
        at.position(),
        &rendered[j..]
    )
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = SourceSpan::new(
            span.offset()
                .saturating_sub(self.base)
                .min(self.text.len())
                .into(),
            span.len(),
        );
        let inner = self.text.as_str().read_span(&local, before, after)?;
        let data: &'a [u8] = inner.data();
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::new(
                (inner.span().offset() + self.base).into(),
                inner.span().len(),
            ),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}
