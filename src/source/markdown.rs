//! Markdown loader: strips Markdown syntax with `pulldown-cmark`, keeping a map to the original
//! bytes.
//!
//! Text events come with their source ranges; the event's text is aligned with its source so that
//! a backslash escape (`\$`) drops the backslash and maps the `$` to its own byte, and an entity
//! (`&amp;`) maps to its whole source range. Paragraphs, headings, list items and block quotes are
//! blocks (separated by `"\n\n"`); soft and hard line breaks become a space; code (inline and
//! blocks), raw HTML and image descriptions are dropped; pipe tables become [`Table`]s (cells
//! separated by `"\t"`, rows by `"\n\n"`).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::decode::Decoded;
use super::entities::{self, Replacement};
use super::Table;
use crate::span::{SpanMap, TextBuilder};

/// Strip Markdown syntax, keeping a map to the original bytes.
pub fn load(decoded: &Decoded, _orig_len: usize) -> (String, SpanMap, Vec<Table>) {
    let (text, map, tables) = strip_with(
        &decoded.text,
        crate::span::TextBuilder::with_capacity(decoded.text.len()),
    );
    (text, map.compose(&decoded.map), tables)
}

/// Strip Markdown from `src`; the map is to offsets in `src`.
pub fn strip(src: &str) -> (String, SpanMap, Vec<Table>) {
    strip_with(src, TextBuilder::with_capacity(src.len()))
}

struct TableBuild {
    start: Option<usize>,
    rows: Vec<Vec<Range<usize>>>,
    /// The column of each cell of `rows` (a pipe table has one cell per column).
    cols: Vec<Vec<Range<u16>>>,
    /// Cells opened in the current row.
    col: u16,
    in_cell: bool,
    cell_has_text: bool,
}

struct Writer<'a> {
    src: &'a str,
    b: TextBuilder,
    pending_break: bool,
    pending_space: Option<Range<usize>>,
    table: Option<TableBuild>,
    tables: Vec<Table>,
}

fn strip_with(src: &str, b: TextBuilder) -> (String, SpanMap, Vec<Table>) {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut w = Writer {
        src,
        b,
        pending_break: false,
        pending_space: None,
        table: None,
        tables: Vec::new(),
    };
    // depth of elements whose text is dropped (code blocks, images, metadata)
    let mut skip = 0usize;
    for (ev, range) in Parser::new_ext(src, opts).into_offset_iter() {
        let range = clamp(src, range);
        match ev {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    skip += 1;
                    w.pending_break = true;
                }
                Tag::Table(_) => {
                    w.pending_break = true;
                    w.table = Some(TableBuild {
                        start: None,
                        rows: Vec::new(),
                        cols: Vec::new(),
                        col: 0,
                        in_cell: false,
                        cell_has_text: false,
                    });
                }
                Tag::TableHead | Tag::TableRow => {
                    if let Some(t) = w.table.as_mut() {
                        t.rows.push(Vec::new());
                        t.cols.push(Vec::new());
                        t.col = 0;
                    }
                }
                Tag::TableCell => {
                    if let Some(t) = w.table.as_mut() {
                        t.in_cell = true;
                        t.cell_has_text = false;
                        t.col = t.col.saturating_add(1);
                    }
                }
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition => w.block(),
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => {
                    skip = skip.saturating_sub(1);
                    w.pending_break = true;
                }
                TagEnd::Table => w.end_table(),
                TagEnd::TableCell => {
                    if let Some(t) = w.table.as_mut() {
                        t.in_cell = false;
                    }
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::DefinitionListTitle
                | TagEnd::DefinitionListDefinition => w.block(),
                _ => {}
            },
            Event::Text(t) if skip == 0 => w.text(&t, range),
            Event::SoftBreak | Event::HardBreak if skip == 0 => w.space(range),
            // inline code is not prose, but it separates the words on either side of it
            Event::Code(_) if skip == 0 => w.space(range),
            Event::Rule => w.block(),
            // inline code, raw HTML, math, footnote references, task markers: not prose
            _ => {}
        }
    }
    w.end_table();
    let (text, map) = w.b.finish(src.len());
    (text, map, w.tables)
}

/// Make a range safe to slice `src` with.
fn clamp(src: &str, r: Range<usize>) -> Range<usize> {
    let mut end = r.end.min(src.len());
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = r.start.min(end);
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    start..end
}

impl Writer<'_> {
    fn block(&mut self) {
        if let Some(t) = self.table.as_ref() {
            if t.in_cell {
                self.pending_space = Some(usize::MAX..usize::MAX);
                return;
            }
        }
        self.pending_break = true;
    }

    fn space(&mut self, r: Range<usize>) {
        if self.pending_space.is_none() {
            self.pending_space = Some(r);
        }
    }

    fn end_table(&mut self) {
        if let Some(t) = self.table.take() {
            self.tables.extend(Table::finish(t.start, t.rows, t.cols));
            self.pending_break = true;
            self.pending_space = None;
        }
    }

    /// Separators owed before visible text at source offset `at`.
    fn before(&mut self, at: usize) {
        let nonempty = !self.b.is_empty();
        if let Some(t) = self.table.as_mut() {
            if !t.cell_has_text {
                t.cell_has_text = true;
                if t.rows.is_empty() {
                    t.rows.push(Vec::new());
                    t.cols.push(Vec::new());
                }
                let row_has_cells = t.rows.last().map(|r| !r.is_empty()).unwrap_or(false);
                if row_has_cells {
                    self.b.push_synthetic("\t", at);
                } else if nonempty {
                    self.b.push_synthetic("\n\n", at);
                }
                let start = self.b.len();
                if t.start.is_none() {
                    t.start = Some(start);
                }
                if let Some(row) = t.rows.last_mut() {
                    row.push(start..start);
                }
                let col = t.col.saturating_sub(1);
                if let Some(row) = t.cols.last_mut() {
                    row.push(col..col + 1);
                }
                self.pending_break = false;
                self.pending_space = None;
                return;
            }
        }
        if self.pending_break {
            if nonempty {
                self.b.push_synthetic("\n\n", at);
            }
            self.pending_break = false;
            self.pending_space = None;
            return;
        }
        if let Some(sp) = self.pending_space.take() {
            if nonempty && !self.b.text().ends_with([' ', '\n', '\t']) {
                if sp.start == usize::MAX || sp.start > at {
                    self.b.push_synthetic(" ", at);
                } else {
                    self.b.push_replaced(" ", sp.start..sp.end.min(at));
                }
            }
        }
    }

    fn after(&mut self) {
        let end = self.b.len();
        if let Some(t) = self.table.as_mut() {
            if let Some(c) = t.rows.last_mut().and_then(|r| r.last_mut()) {
                c.end = end;
            }
        }
    }

    /// Push the event text `v` whose source is `src[r]`, aligning the two.
    fn text(&mut self, v: &str, r: Range<usize>) {
        // leading/trailing whitespace of a text event is spacing, not content; when the source
        // has it verbatim, the content's source starts (ends) after (before) it
        let raw = &self.src[r.clone()];
        let lead = v.len() - v.trim_start().len();
        let mut body = r.clone();
        if lead > 0 {
            let sr = if raw.starts_with(&v[..lead]) {
                body.start += lead;
                r.start..r.start + lead
            } else {
                usize::MAX..usize::MAX
            };
            self.space(sr);
        }
        if v.trim().is_empty() {
            return;
        }
        let trail = v.len() - v.trim_end().len();
        let trail_sr = if raw.ends_with(&v[v.len() - trail..]) && body.end - trail >= body.start {
            body.end -= trail;
            r.end - trail..r.end
        } else {
            usize::MAX..usize::MAX
        };
        self.push_aligned(&v[lead..v.len() - trail], body);
        if trail > 0 {
            self.space(trail_sr);
        }
    }

    fn push_aligned(&mut self, v: &str, r: Range<usize>) {
        let raw = &self.src[r.clone()];
        let base = r.start;
        // fast path: the source is the text
        if raw == v {
            self.before(base);
            self.b.push_verbatim(v, base);
            self.after();
            return;
        }
        // find where v starts in raw (after a stripped prefix, e.g. leading spaces)
        let rb = raw.as_bytes();
        let mut i = 0usize; // in raw
        let mut j = 0usize; // in v
        let mut first = true;
        let mut buf = [0u8; 4];
        while j < v.len() {
            if i >= raw.len() {
                // the rest of the text has no source left: map it to the end
                self.emit(&v[j..], None, base + raw.len(), &mut first);
                return;
            }
            // verbatim run
            let mut k = 0;
            let vb = v.as_bytes();
            while j + k < v.len()
                && i + k < raw.len()
                && vb[j + k] == rb[i + k]
                && (rb[i + k] != b'&' || k == 0 && entities::decode_at(&raw[i..]).is_none())
            {
                k += 1;
            }
            // keep runs on char boundaries
            while k > 0 && (!v.is_char_boundary(j + k) || !raw.is_char_boundary(i + k)) {
                k -= 1;
            }
            if k > 0 {
                self.emit(&v[j..j + k], Some(base + i..base + i + k), 0, &mut first);
                i += k;
                j += k;
                continue;
            }
            // mismatch
            if rb[i] == b'\\' && i + 1 < raw.len() && rb[i + 1].is_ascii_punctuation() {
                i += 1; // drop the escaping backslash
                continue;
            }
            if rb[i] == b'&' {
                if let Some((rep, n)) = entities::decode_at(&raw[i..]) {
                    let s: &str = match rep {
                        Replacement::Char(c) => c.encode_utf8(&mut buf),
                        Replacement::Str(s) => s,
                    };
                    if v[j..].starts_with(&raw[i..i + n]) {
                        // the reference is literal text (it was escaped)
                        self.emit(&v[j..j + n], Some(base + i..base + i + n), 0, &mut first);
                        i += n;
                        j += n;
                        continue;
                    }
                    if v[j..].starts_with(s) {
                        let s_len = s.len();
                        self.emit_replaced(&v[j..j + s_len], base + i..base + i + n, &mut first);
                        i += n;
                        j += s_len;
                        continue;
                    }
                }
            }
            // something else (a full HTML entity we do not know, a tab expansion …): map the
            // next character of the text to the next character of the source
            let ch_len = v[j..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
            let raw_ch_len = raw[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
            let raw_ch = raw[i..].chars().next().unwrap_or(' ');
            let v_ch = v[j..].chars().next().unwrap_or(' ');
            if raw_ch.is_whitespace() && !v_ch.is_whitespace() {
                // source whitespace the parser dropped (e.g. a line's indentation)
                i += raw_ch_len;
                continue;
            }
            self.emit_replaced(
                &v[j..j + ch_len],
                base + i..base + i + raw_ch_len,
                &mut first,
            );
            i += raw_ch_len;
            j += ch_len;
        }
    }

    fn emit(&mut self, s: &str, src: Option<Range<usize>>, at: usize, first: &mut bool) {
        match src {
            Some(r) => {
                if *first {
                    self.before(r.start);
                    *first = false;
                }
                self.b.push_verbatim(s, r.start);
            }
            None => {
                if *first {
                    self.before(at);
                    *first = false;
                }
                self.b.push_synthetic(s, at);
            }
        }
        self.after();
    }

    fn emit_replaced(&mut self, s: &str, r: Range<usize>, first: &mut bool) {
        if *first {
            self.before(r.start);
            *first = false;
        }
        self.b.push_replaced(s, r);
        self.after();
    }
}
