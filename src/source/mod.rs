//! Stage 1 of the pipeline: load a file, decode it, strip markup, and keep the span map.
//!
//! The output is a [`Document`]: the text the later stages read, with paragraph breaks as blank
//! lines (`"\n\n"`), the tables found in it, and a [`SpanMap`] back to the original bytes.

use std::ops::Range;
use std::path::Path;

use crate::span::{Location, Locator, Span, SpanMap};

pub mod decode;
pub mod docx;
mod entities;
pub mod html;
pub mod ixbrl;
pub mod markdown;
pub mod text_tables;
pub mod verify;

/// The input formats tieout reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A Word document (.docx).
    Docx,
}

/// A table found in the document: rows of cells, each cell a range of [`Document::text`].
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The whole table in the text.
    pub range: Range<usize>,
    pub rows: Vec<Vec<Range<usize>>>,
    /// The grid columns each cell of `rows` covers, as the source lays them out (HTML `colspan`
    /// and `rowspan`, empty cells counted): cells of different rows that overlap here are in the
    /// same column of the source.
    pub cols: Vec<Vec<Range<u16>>>,
}

impl Table {
    /// A table from the rows a loader collected, with the grid columns of each cell: empty rows
    /// dropped; `None` when no cell is left or the table's start is unknown.
    pub(crate) fn finish(
        start: Option<usize>,
        rows: Vec<Vec<Range<usize>>>,
        cols: Vec<Vec<Range<u16>>>,
    ) -> Option<Table> {
        let (rows, cols): (Vec<_>, Vec<_>) = rows
            .into_iter()
            .zip(cols.into_iter().chain(std::iter::repeat(Vec::new())))
            .filter(|(r, _)| !r.is_empty())
            .map(|(r, mut c)| {
                // a loader that lost track of the grid: one column per cell, in order
                if c.len() != r.len() {
                    c = (0..r.len() as u16).map(|i| i..i + 1).collect();
                }
                (r, c)
            })
            .unzip();
        let end = rows.last().and_then(|r| r.last()).map(|c| c.end)?;
        Some(Table {
            range: start?..end,
            rows,
            cols,
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
    /// The month (1-12) the fiscal year ends in, as the document's metadata declares it (inline
    /// XBRL `dei:CurrentFiscalYearEndDate`); `None` when it declares none.
    pub declared_fye: Option<u8>,
    /// For a document without lines (.docx, whose `original` is the checked text): the part
    /// and paragraph of every range.
    pub locator: Option<std::sync::Arc<Locator>>,
    /// Inline XBRL: the tagged facts, their contexts and the dei facts.
    pub xbrl: Option<ixbrl::XbrlFacts>,
    /// The text the tables cover, built on first use by [`Document::in_table`].
    table_spans: std::sync::OnceLock<TableSpans>,
}

/// The text ranges of a document's tables: whether a position is in a table is a binary
/// search, not a look at every table (a filing has hundreds).
#[derive(Debug, Clone, Default)]
struct TableSpans {
    /// How many tables the ranges were built from.
    count: usize,
    ranges: crate::span::RangeSet,
}

impl TableSpans {
    fn new(tables: &[Table]) -> TableSpans {
        TableSpans {
            count: tables.len(),
            ranges: crate::span::RangeSet::new(tables.iter().map(|t| t.range.clone())),
        }
    }
}

impl Document {
    /// Original-file span of a text range.
    pub fn span(&self, r: Range<usize>) -> Span {
        self.map.map_range(r)
    }

    /// The location of an original span: line and column (from the document's line index), or
    /// for a Word document the paragraph or cell it lies in.
    pub fn location(&self, span: Span) -> Location {
        let located = self
            .locator
            .as_ref()
            .and_then(|l| l.place(&self.text, span.range()));
        let (line, column, place) = match located {
            Some((place, column)) => (place.paragraph as usize, column, Some(place)),
            None => {
                let (line, column) = self.line_col(span.offset);
                (line, column, None)
            }
        };
        Location {
            offset: span.offset,
            length: span.length,
            line,
            column,
            place,
        }
    }

    /// 1-based line and column of an original byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_index().line_col(&self.original, offset)
    }

    /// The original text of a span, decoded from the file's encoding.
    pub fn snippet(&self, span: Span) -> String {
        let end = span.end().min(self.original.len());
        let start = span.offset.min(end);
        self.line_index()
            .encoding()
            .decode(&self.original[start..end])
    }

    fn line_index(&self) -> &crate::span::LineIndex {
        self.lines
            .get_or_init(|| crate::span::LineIndex::new(&self.original))
    }

    /// Is this text offset inside a table?
    pub fn in_table(&self, t: usize) -> bool {
        let spans = self
            .table_spans
            .get_or_init(|| TableSpans::new(&self.tables));
        if spans.count != self.tables.len() {
            // the tables changed since: look at each
            return self.tables.iter().any(|tb| tb.range.contains(&t));
        }
        spans.ranges.contains(t)
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
            table_spans: Default::default(),
            declared_fye: None,
            locator: None,
            xbrl: None,
        }
    }

    /// The part names of a document read from a container (.docx); empty otherwise.
    pub fn part_names(&self) -> Vec<String> {
        self.locator
            .as_ref()
            .map(|l| l.parts.clone())
            .unwrap_or_default()
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
    /// A pipe or special file that went on past the limit (its size is not known beforehand).
    #[error("{path}: is more than {limit} bytes, over the limit (--max-file-size)")]
    TooLong { path: String, limit: u64 },
    #[error("{path}: is empty; there is nothing to check")]
    Empty { path: String },
    #[error("{path}: {message}")]
    Decode { path: String, message: String },
}

impl SourceError {
    /// The input the error is about.
    pub fn path(&self) -> &str {
        match self {
            SourceError::Io { path, .. }
            | SourceError::IsDirectory { path }
            | SourceError::Binary { path, .. }
            | SourceError::TooLarge { path, .. }
            | SourceError::TooLong { path, .. }
            | SourceError::Empty { path }
            | SourceError::Decode { path, .. } => path,
        }
    }

    /// The message without the path in front.
    pub fn detail(&self) -> String {
        let s = self.to_string();
        match s
            .strip_prefix(self.path())
            .and_then(|r| r.strip_prefix(": "))
        {
            Some(r) => r.to_string(),
            None => s,
        }
    }
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
    let io = |e: std::io::Error| SourceError::Io {
        path: display.clone(),
        message: io_message(&e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
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
    let file = std::fs::File::open(path).map_err(io)?;
    let bytes = read_limited(&display, file, meta.len(), max_size)?;
    load_bytes(&display, bytes, format)
}

/// Read a file, pipe or standard input named `path`, at most `limit` bytes (`size_hint` sizes
/// the buffer). The first 8 KiB are checked for binary data before the rest is read, and
/// reading stops one byte past the limit, so `/dev/zero` or an endless pipe costs neither
/// time nor memory.
pub fn read_limited(
    path: &str,
    reader: impl std::io::Read,
    size_hint: u64,
    limit: u64,
) -> Result<Vec<u8>, SourceError> {
    use std::io::Read;
    let io = |e: std::io::Error| SourceError::Io {
        path: path.to_string(),
        message: io_message(&e),
    };
    let cap = size_hint.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(cap).unwrap_or(0));
    let mut r = reader.take(limit.saturating_add(1));
    r.by_ref()
        .take(decode::SNIFF_LEN as u64 + 3)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    // a Word document is a zip (or, encrypted, an OLE container): its reader judges it
    if !docx::looks_like(path, &bytes) {
        decode::check_not_binary(path, &bytes)?;
    }
    r.read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLong {
            path: path.to_string(),
            limit,
        });
    }
    Ok(bytes)
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
    if format == Some(Format::Docx) || (format.is_none() && docx::looks_like(path, &bytes)) {
        return load_docx(path, &bytes);
    }
    let decoded = decode::decode(path, &bytes)?;
    let format = format.unwrap_or_else(|| detect_format(path, &decoded.text));
    let (text, map, tables, xbrl) = match format {
        Format::Text => {
            let (t, m) = decoded.into_text_and_map(bytes.len());
            (t, m, Vec::new(), None)
        }
        Format::Markdown => {
            let (t, m, tables) = markdown::load(&decoded, bytes.len());
            (t, m, tables, None)
        }
        Format::Html => {
            let s = html::load(&decoded, bytes.len());
            (s.text, s.map, s.tables, s.xbrl)
        }
        Format::Docx => unreachable!("read above"),
    };
    let tables = match format {
        Format::Text | Format::Markdown => text_tables::merge(&text, tables),
        Format::Html | Format::Docx => tables,
    };
    Ok(Document {
        path: path.to_string(),
        original: bytes,
        text,
        map,
        format,
        tables,
        lines: Default::default(),
        table_spans: Default::default(),
        declared_fye: xbrl.as_ref().and_then(|x| x.dei.fye_month()),
        locator: None,
        xbrl,
    })
}

/// A .docx: the checked text is the document's `original`, located by part and paragraph.
fn load_docx(path: &str, bytes: &[u8]) -> Result<Document, SourceError> {
    let d = docx::load(path, bytes)?;
    Ok(Document {
        path: path.to_string(),
        original: d.text.as_bytes().to_vec(),
        map: SpanMap::identity(d.text.len()),
        text: d.text,
        format: Format::Docx,
        tables: d.tables,
        lines: Default::default(),
        table_spans: Default::default(),
        declared_fye: None,
        locator: Some(std::sync::Arc::new(d.locator)),
        xbrl: None,
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
