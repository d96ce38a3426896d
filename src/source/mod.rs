//! Stage 1 of the pipeline: load a file, decode it, strip markup, and keep the span map.
//!
//! The output is a [`Document`]: the text the later stages read, with paragraph breaks as blank
//! lines (`"\n\n"`), the tables found in it, and a [`SpanMap`] back to the original bytes.

use std::ops::Range;
use std::path::Path;

use crate::span::{Span, SpanMap};

pub mod decode;
mod entities;
pub mod html;
pub mod markdown;

/// The input formats tieout reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// A table found in the document: rows of cells, each cell a range of [`Document::text`].
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The whole table in the text.
    pub range: Range<usize>,
    pub rows: Vec<Vec<Range<usize>>>,
}

impl Table {
    /// A table from the rows a loader collected: empty rows dropped; `None` when no cell is left
    /// or the table's start is unknown.
    pub(crate) fn finish(start: Option<usize>, rows: Vec<Vec<Range<usize>>>) -> Option<Table> {
        let rows: Vec<Vec<Range<usize>>> = rows.into_iter().filter(|r| !r.is_empty()).collect();
        let end = rows.last().and_then(|r| r.last()).map(|c| c.end)?;
        Some(Table {
            range: start?..end,
            rows,
        })
    }
}

/// A loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    /// Display name (the path as given, or `<stdin>`).
    pub path: String,
    /// The original bytes, as read; every reported span indexes these.
    pub original: Vec<u8>,
    /// Decoded, markup-free text. Paragraphs are separated by blank lines.
    pub text: String,
    pub map: SpanMap,
    pub format: Format,
    /// Tables, in text order. Their text is part of [`Document::text`], but claim recognition in
    /// prose ignores figures inside them.
    pub tables: Vec<Table>,
    /// Line starts of the original, built on first use.
    pub lines: std::sync::OnceLock<crate::span::LineIndex>,
}

impl crate::span::Location {
    /// The location of an original span in a document (fast: uses the document's line index).
    pub fn in_doc(doc: &Document, span: Span) -> crate::span::Location {
        let (line, column) = doc.line_col(span.offset);
        crate::span::Location {
            offset: span.offset,
            length: span.length,
            line,
            column,
        }
    }
}

impl Document {
    /// Original-file span of a text range.
    pub fn span(&self, r: Range<usize>) -> Span {
        self.map.map_range(r)
    }

    /// 1-based line and column of an original byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines
            .get_or_init(|| crate::span::LineIndex::new(&self.original))
            .line_col(&self.original, offset)
    }

    /// Is this text offset inside a table?
    pub fn in_table(&self, t: usize) -> bool {
        self.tables.iter().any(|tb| tb.range.contains(&t))
    }

    /// Build a plain-text document (already decoded, UTF-8) with the identity map.
    pub fn plain(path: &str, text: &str) -> Document {
        Document {
            path: path.to_string(),
            original: text.as_bytes().to_vec(),
            text: text.to_string(),
            map: SpanMap::identity(text.len()),
            format: Format::Text,
            tables: Vec::new(),
            lines: Default::default(),
        }
    }
}

/// Why an input could not be checked. Each is reported naming the file, with exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{path}: cannot read: {message}")]
    Io { path: String, message: String },
    #[error("{path}: is a directory, not a file")]
    IsDirectory { path: String },
    #[error("{path}: looks like binary data ({reason}); tieout checks text, Markdown and HTML")]
    Binary { path: String, reason: String },
    #[error("{path}: is {size} bytes, over the limit of {limit} bytes (--max-file-size)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{path}: is empty; there is nothing to check")]
    Empty { path: String },
    #[error("{path}: {message}")]
    Decode { path: String, message: String },
}

/// Default limit on one input file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;

/// Pick a format from the file name, then from the content.
pub fn detect_format(path: &str, text: &str) -> Format {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return Format::Html;
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Format::Markdown;
    }
    if lower.ends_with(".txt") || lower.ends_with(".text") {
        return Format::Text;
    }
    sniff_format(text)
}

/// Content sniffing for files whose name says nothing (or stdin).
pub fn sniff_format(text: &str) -> Format {
    let head: String = text
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let trimmed = head.trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || trimmed.starts_with("<?xml")
        || head.contains("<body")
        || head.contains("<p>")
        || head.contains("<div")
        || head.contains("<table")
    {
        return Format::Html;
    }
    let md_markers = [
        "\n# ", "\n## ", "\n- ", "\n* ", "\\$", "](http", "\n| ", "**",
    ];
    let starts_md = trimmed.starts_with("# ") || trimmed.starts_with("## ");
    if starts_md || md_markers.iter().filter(|m| head.contains(*m)).count() >= 2 {
        return Format::Markdown;
    }
    Format::Text
}

/// Read a file from disk (with size and type checks) and load it.
pub fn load_path(
    path: &Path,
    format: Option<Format>,
    max_size: u64,
) -> Result<Document, SourceError> {
    let display = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| SourceError::Io {
        path: display.clone(),
        message: io_message(&e),
    })?;
    if meta.is_dir() {
        return Err(SourceError::IsDirectory { path: display });
    }
    if meta.len() > max_size {
        return Err(SourceError::TooLarge {
            path: display,
            size: meta.len(),
            limit: max_size,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| SourceError::Io {
        path: display.clone(),
        message: io_message(&e),
    })?;
    load_bytes(&display, bytes, format)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

/// Load a document from bytes already read.
pub fn load_bytes(
    path: &str,
    bytes: Vec<u8>,
    format: Option<Format>,
) -> Result<Document, SourceError> {
    let decoded = decode::decode(path, &bytes)?;
    let format = format.unwrap_or_else(|| detect_format(path, &decoded.text));
    let (text, map, tables) = match format {
        Format::Text => {
            let (t, m) = decoded.into_text_and_map(bytes.len());
            (t, m, Vec::new())
        }
        Format::Markdown => markdown::load(&decoded, bytes.len()),
        Format::Html => html::load(&decoded, bytes.len()),
    };
    Ok(Document {
        path: path.to_string(),
        original: bytes,
        text,
        map,
        format,
        tables,
        lines: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_extension_then_content() {
        assert_eq!(detect_format("a.html", ""), Format::Html);
        assert_eq!(detect_format("a.MD", ""), Format::Markdown);
        assert_eq!(detect_format("a.txt", "<html>"), Format::Text);
        assert_eq!(detect_format("-", "<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(detect_format("-", "Revenue was $5M."), Format::Text);
        assert_eq!(
            detect_format("-", "# Results\n\n- revenue **\\$5M**\n"),
            Format::Markdown
        );
    }
}
