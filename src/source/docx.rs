//! Word documents (.docx): the text of the body, its tables, headers, footers, footnotes and
//! endnotes, as the document reads once its tracked changes are accepted.
//!
//! The container is read with `zip`, each XML part with `quick-xml` (which gives the byte
//! position of every event). Text is taken from `w:t` in runs; `w:ins` and `w:moveTo` are kept,
//! `w:del`, `w:delText` and `w:moveFrom` dropped, and so are field instructions, hidden runs
//! (`w:vanish`), drawings and the fallback branch of `mc:AlternateContent`. Comments live in
//! their own part, which is not read. A run split mid-figure (`$` `1.5` ` million`) joins, as
//! Word shows it.
//!
//! A .docx has no lines, so the document's `original` is the checked text itself and a
//! [`Locator`] gives every range its [`crate::span::Place`]: the XML part and its bytes there,
//! the story (body, header, footnote...), the paragraph, and the table cell.

use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::{SourceError, Table};
use crate::span::{CellAt, Locator, ParaAt, SpanMap, Story, TextBuilder};

/// At most this many bytes of XML are decompressed from one document (zip bombs).
pub const MAX_XML: u64 = 256 * 1024 * 1024;

/// The first bytes of an OLE compound file: a password-protected (encrypted) .docx, or a
/// legacy .doc.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Does this file look like a Word document (by name or by its first bytes)?
pub fn looks_like(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".docx")
        || lower.ends_with(".docm")
        || bytes.starts_with(ZIP_MAGIC)
        || bytes.starts_with(CFB_MAGIC)
}

/// What the loader gives the document.
pub struct Loaded {
    pub text: String,
    pub tables: Vec<Table>,
    pub locator: Locator,
}

/// Read a .docx.
pub fn load(path: &str, bytes: &[u8]) -> Result<Loaded, SourceError> {
    let mut c = Container::open(path, bytes)?;
    let main = c.main_part()?;
    let Some(main_xml) = c.read(&main)? else {
        return Err(c.err("is a zip archive but not a Word document (no word/document.xml)".into()));
    };
    let mut stories = vec![(main.clone(), main_xml, Story::Body)];
    for (kind, name, n) in c.related_parts(&main)? {
        let story = match kind {
            Related::Header => Story::Header(n),
            Related::Footer => Story::Footer(n),
            // each note sets its own story
            Related::Footnotes => Story::Footnote(0),
            Related::Endnotes => Story::Endnote(0),
        };
        if let Some(xml) = c.read(&name)? {
            stories.push((name, xml, story));
        }
    }
    let mut w = Walker::default();
    let mut parts = Vec::with_capacity(stories.len());
    let mut base = 0;
    for (i, (name, xml, story)) in stories.into_iter().enumerate() {
        w.part(i as u16, base, &xml, story)
            .map_err(|m| c.err(format!("{name}: {m}")))?;
        base += xml.len();
        parts.push((name, xml.len()));
    }
    let (text, map, tables, paras) = w.finish(base);
    if text.trim().is_empty() {
        return Err(SourceError::Empty {
            path: path.to_string(),
        });
    }
    Ok(Loaded {
        text,
        tables,
        locator: Locator::new(parts, map, paras),
    })
}

/// The zip container, read within the decompression budget.
struct Container<'a> {
    path: &'a str,
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Container<'a> {
    fn open(path: &'a str, bytes: &'a [u8]) -> Result<Container<'a>, SourceError> {
        let err = |message: String| SourceError::Decode {
            path: path.to_string(),
            message,
        };
        if bytes.starts_with(CFB_MAGIC) {
            return Err(err(
                "is an encrypted (password-protected) Word document or a legacy .doc \
                 (an OLE compound file, not a .docx); save it as a .docx without a password"
                    .into(),
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| err(format!("is not a valid .docx (zip container): {e}")))?;
        Ok(Container {
            path,
            zip,
            budget: MAX_XML,
        })
    }

    fn err(&self, message: String) -> SourceError {
        SourceError::Decode {
            path: self.path.to_string(),
            message,
        }
    }

    /// A part's XML, `None` when there is no such part.
    fn read(&mut self, name: &str) -> Result<Option<String>, SourceError> {
        read_part(&mut self.zip, name, &mut self.budget)
            .map_err(|m| self.err(format!("{name}: {m}")))
    }

    /// The main document part, from the package relationships (`word/document.xml` when they
    /// do not say).
    fn main_part(&mut self) -> Result<String, SourceError> {
        let rels = self.read("_rels/.rels")?.unwrap_or_default();
        let main = relationships(&rels)
            .into_iter()
            .find(|(ty, _)| ty.ends_with("/officeDocument"))
            .map(|(_, target)| resolve_target("", &target));
        Ok(main.unwrap_or_else(|| "word/document.xml".to_string()))
    }

    /// The main part's headers, footers, footnotes and endnotes, in the order their text
    /// follows the body: notes, then headers and footers by part name (numbered from 1 in that
    /// order).
    fn related_parts(&mut self, main: &str) -> Result<Vec<(Related, String, u16)>, SourceError> {
        let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let rels = self.read(&rels_name)?.unwrap_or_default();
        Ok(number_related(dir, relationships(&rels)))
    }
}

/// A part's XML as text, `None` when the container has no such part. Reads at most what is
/// left of `budget`.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read: {e}")),
    };
    let mut buf = Vec::new();
    file.take(*budget + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot decompress: {e}"))?;
    if buf.len() as u64 > *budget {
        return Err(format!(
            "decompresses to more than {MAX_XML} bytes of XML (a zip bomb?)"
        ));
    }
    *budget -= buf.len() as u64;
    if buf.starts_with(b"\xEF\xBB\xBF") {
        buf.drain(..3);
    }
    String::from_utf8(buf)
        .map(Some)
        .map_err(|_| "is not UTF-8 XML".to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Related {
    Footnotes,
    Endnotes,
    Header,
    Footer,
}

/// Headers, footers, footnotes and endnotes among the main part's relationships (in `dir`),
/// sorted and numbered from 1 per kind.
fn number_related(dir: &str, rels: Vec<(String, String)>) -> Vec<(Related, String, u16)> {
    let mut found: Vec<(Related, String)> = rels
        .into_iter()
        .filter_map(|(ty, target)| {
            let kind = match ty.rsplit('/').next()? {
                "header" => Related::Header,
                "footer" => Related::Footer,
                "footnotes" => Related::Footnotes,
                "endnotes" => Related::Endnotes,
                _ => return None,
            };
            Some((kind, resolve_target(dir, &target)))
        })
        .collect();
    // header2.xml before header10.xml
    found.sort_by(|a, b| (a.0, a.1.len(), &a.1).cmp(&(b.0, b.1.len(), &b.1)));
    found.dedup();
    let mut out = Vec::with_capacity(found.len());
    let mut n = 0u16;
    for (i, (kind, name)) in found.iter().enumerate() {
        n = if i > 0 && found[i - 1].0 == *kind {
            n + 1
        } else {
            1
        };
        out.push((*kind, name.clone(), n));
    }
    out
}

/// `(Type, Target)` of each `Relationship` in a relationships part (nothing from bad XML: a
/// part that cannot be found reads as absent).
fn relationships(xml: &str) -> Vec<(String, String)> {
    let mut r = NsReader::from_str(xml);
    let mut out = Vec::new();
    while let Ok((ns, ev)) = r.read_resolved_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let ours = matches!(ns, ResolveResult::Bound(n) if n.0 == REL_NS);
                if ours && e.local_name().as_ref() == "Relationship" {
                    if let (Some(ty), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) {
                        out.push((ty, target));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A relationship target relative to the directory of its source part, as a part name.
fn resolve_target(dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if dir.is_empty() => target.to_string(),
        None => format!("{dir}/{target}"),
    };
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    segs.join("/")
}

/// An attribute's value by its local name (`w:val` and `val` alike), unescaped.
fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.as_ref();
        let name = key.rsplit(':').next().unwrap_or(key);
        (name == local).then(|| {
            quick_xml::escape::unescape(&a.value)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Walking a part's XML

/// The elements the walker acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    R,
    RPr,
    PPr,
    T,
    Tbl,
    Tr,
    Tc,
    Note,
    /// Content that never reads: deletions, moved-from text, field instructions, drawings,
    /// `mc:Fallback`.
    Skip,
    Other,
}

fn is_w(ns: &ResolveResult<'_>) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.0 == W_NS || n.0 == W_STRICT)
}

fn tag_of(ns: &ResolveResult<'_>, e: &BytesStart<'_>) -> Tag {
    let name = e.local_name();
    let local: &str = name.as_ref();
    let ResolveResult::Bound(n) = ns else {
        return Tag::Other;
    };
    if n.0 == MC_NS {
        return if local == "Fallback" {
            Tag::Skip
        } else {
            Tag::Other
        };
    }
    if n.0 != W_NS && n.0 != W_STRICT {
        return Tag::Other;
    }
    match local {
        "p" => Tag::P,
        "r" => Tag::R,
        "rPr" => Tag::RPr,
        "pPr" => Tag::PPr,
        "t" => Tag::T,
        "tbl" => Tag::Tbl,
        "tr" => Tag::Tr,
        "tc" => Tag::Tc,
        "footnote" | "endnote" => Tag::Note,
        "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "drawing" | "pict"
        | "object" | "fldData" => Tag::Skip,
        _ => Tag::Other,
    }
}

/// A table being read: its rows of cell ranges in the text.
#[derive(Debug, Default)]
struct TableState {
    number: u32,
    start: Option<usize>,
    rows: Vec<Vec<Range<usize>>>,
    /// The grid columns each cell of `rows` covers (`w:gridSpan`).
    cols: Vec<Vec<Range<u16>>>,
    /// Grid column where the next cell starts (0-based).
    grid_col: u32,
    /// The open cell: its grid column (1-based), columns spanned, and its range once it has text.
    cell: Option<(u32, u32, Option<Range<usize>>)>,
    /// Tables opened inside this table's cells (their text joins the cell).
    nested: usize,
}

/// Cells longer than this (bytes) make their row a prose row, as in the HTML loader.
const LONG_CELL: usize = 250;

#[derive(Default)]
struct Walker {
    b: TextBuilder,
    paras: Vec<ParaAt>,
    tables: Vec<Table>,
    // where we are
    part: u16,
    base: usize,
    story: Story,
    paragraph: u32,
    table_count: u32,
    stack: Vec<Tag>,
    skip: usize,
    run_hidden: bool,
    table: Option<TableState>,
    // what the next visible text owes
    para_fresh: bool,
    /// The open paragraph's mark is a tracked deletion.
    mark_deleted: bool,
    pending_break: bool,
    pending_space: Option<Range<usize>>,
}

impl Walker {
    /// Walk one part, whose XML starts at `base` in the parts laid end to end.
    fn part(&mut self, part: u16, base: usize, xml: &str, story: Story) -> Result<(), String> {
        self.part = part;
        self.base = base;
        self.begin_story(story);
        self.stack.clear();
        self.skip = 0;
        self.table = None;
        let mut r = NsReader::from_str(xml);
        loop {
            let before = r.buffer_position() as usize;
            let ev = match r.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    return Err(format!(
                        "malformed XML at byte {}: {e} (a corrupt document?)",
                        r.error_position()
                    ))
                }
            };
            let after = r.buffer_position() as usize;
            match ev {
                Event::Start(e) => {
                    let tag = tag_of(&r.resolver().resolve_element(e.name()).0, &e);
                    self.start(tag, &e);
                    self.stack.push(tag);
                }
                Event::Empty(e) => {
                    let ns = r.resolver().resolve_element(e.name()).0;
                    let tag = tag_of(&ns, &e);
                    if is_w(&ns) {
                        self.empty(&e, before..after);
                    }
                    self.start(tag, &e);
                    self.end(tag);
                }
                Event::End(_) => {
                    if let Some(tag) = self.stack.pop() {
                        self.end(tag);
                    }
                }
                Event::Text(t) if self.visible() => {
                    if t.len() == after - before {
                        self.text(&t, before);
                    } else {
                        // not the bytes as written (cannot happen without normalisation)
                        self.decoded(&t, before..after);
                    }
                }
                Event::CData(t) if self.visible() => {
                    let s = t.to_string();
                    self.decoded(&s, before..after);
                }
                Event::GeneralRef(g) if self.visible() => {
                    let s = match g.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => quick_xml::escape::resolve_predefined_entity(&g)
                            .unwrap_or("")
                            .to_string(),
                    };
                    self.decoded(&s, before..after);
                }
                Event::Eof => break,
                _ => {}
            }
        }
        self.close_table();
        self.pending_break = true;
        Ok(())
    }

    fn begin_story(&mut self, story: Story) {
        self.story = story;
        self.paragraph = 0;
        self.table_count = 0;
        self.pending_break = true;
    }

    /// Inside `w:t` of a run that shows.
    fn visible(&self) -> bool {
        self.skip == 0 && !self.run_hidden && self.stack.last() == Some(&Tag::T)
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn start(&mut self, tag: Tag, e: &BytesStart<'_>) {
        if tag == Tag::Skip {
            self.skip += 1;
        }
        if self.skip > 0 {
            return;
        }
        match tag {
            Tag::Note => {
                let id = attr(e, "id").and_then(|v| v.parse().ok()).unwrap_or(0);
                let story = match self.story {
                    Story::Endnote(_) => Story::Endnote(id),
                    _ => Story::Footnote(id),
                };
                self.begin_story(story);
            }
            Tag::P => {
                self.paragraph += 1;
                self.para_fresh = true;
            }
            Tag::R => self.run_hidden = false,
            Tag::Tbl => self.open_table(),
            Tag::Tr => {
                if let Some(t) = self.table.as_mut().filter(|t| t.nested == 0) {
                    t.rows.push(Vec::new());
                    t.cols.push(Vec::new());
                    t.grid_col = 0;
                }
            }
            Tag::Tc => {
                if let Some(t) = self.table.as_mut().filter(|t| t.nested == 0) {
                    t.cell = Some((t.grid_col + 1, 1, None));
                }
            }
            _ => {}
        }
    }

    /// An empty element: properties (`w:vanish`, `w:gridSpan`, `w:gridBefore`) and the
    /// characters a run writes as elements (`w:tab`, `w:br`, `w:noBreakHyphen`).
    fn empty(&mut self, e: &BytesStart<'_>, at: Range<usize>) {
        if self.skip > 0 {
            return;
        }
        let val = || attr(e, "val");
        let on = || !matches!(val().as_deref(), Some("0" | "false" | "off"));
        let number = || {
            val()
                .and_then(|v| v.parse::<u32>().ok())
                .unwrap_or(1)
                .min(1000)
        };
        let name = e.local_name();
        match name.as_ref() {
            // a deleted paragraph mark: accepted, the paragraph runs on into the next
            "del" | "moveFrom" if self.parent() == Some(Tag::RPr) && self.grandparent(Tag::PPr) => {
                self.mark_deleted = true;
            }
            "vanish" if self.parent() == Some(Tag::RPr) && self.grandparent(Tag::R) => {
                self.run_hidden = on();
            }
            "gridSpan" => {
                if let Some((_, span, _)) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
                    *span = number();
                }
            }
            "gridBefore" => {
                if let Some(t) = self.table.as_mut().filter(|t| t.nested == 0) {
                    t.grid_col += number();
                }
            }
            "tab" | "br" | "cr" if self.parent() == Some(Tag::R) && !self.run_hidden => {
                self.space(at);
            }
            "noBreakHyphen" if self.parent() == Some(Tag::R) && !self.run_hidden => {
                self.decoded("-", at);
            }
            _ => {}
        }
    }

    fn grandparent(&self, tag: Tag) -> bool {
        self.stack.len() >= 2 && self.stack[self.stack.len() - 2] == tag
    }

    fn end(&mut self, tag: Tag) {
        if tag == Tag::Skip {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match tag {
            Tag::P => {
                if std::mem::take(&mut self.mark_deleted) {
                    // joined with the next paragraph
                } else if self.table.is_some() {
                    // paragraphs of a cell read as one
                    self.pending_space.get_or_insert(usize::MAX..usize::MAX);
                } else {
                    self.pending_break = true;
                }
            }
            Tag::R => self.run_hidden = false,
            Tag::Tc => {
                if let Some(t) = self.table.as_mut().filter(|t| t.nested == 0) {
                    if let Some((col, span, range)) = t.cell.take() {
                        t.grid_col = col - 1 + span;
                        if let (Some(r), Some(row), Some(cols)) =
                            (range, t.rows.last_mut(), t.cols.last_mut())
                        {
                            row.push(r);
                            let first = u16::try_from(col - 1).unwrap_or(u16::MAX);
                            cols.push(
                                first..first.saturating_add(u16::try_from(span).unwrap_or(1)),
                            );
                        }
                    }
                }
            }
            Tag::Tbl => {
                match self.table.as_mut() {
                    Some(t) if t.nested > 0 => t.nested -= 1,
                    _ => self.close_table(),
                }
                self.pending_break = true;
            }
            _ => {}
        }
    }

    fn open_table(&mut self) {
        if let Some(t) = self.table.as_mut() {
            t.nested += 1;
            return;
        }
        self.table_count += 1;
        self.pending_break = true;
        self.table = Some(TableState {
            number: self.table_count,
            ..Default::default()
        });
    }

    fn close_table(&mut self) {
        let Some(t) = self.table.take() else { return };
        let text = self.b.text();
        let (mut data, mut prose) = (0, 0);
        for row in &t.rows {
            if row.iter().any(|c| c.len() > LONG_CELL) {
                prose += 1;
            } else if row
                .iter()
                .filter(|c| !text[(*c).clone()].trim().is_empty())
                .count()
                >= 2
            {
                data += 1;
            }
        }
        if data >= 1 && data >= prose {
            self.tables.extend(Table::finish(t.start, t.rows, t.cols));
        }
        self.pending_break = true;
    }

    /// Whitespace in the source (`at`: its bytes in the part).
    fn space(&mut self, at: Range<usize>) {
        if self.pending_space.is_none() {
            self.pending_space = Some(self.base + at.start..self.base + at.end);
        }
    }

    /// Raw text of a `w:t` (no references: quick-xml reports those apart), at `at` in the part.
    fn text(&mut self, t: &str, at: usize) {
        let mut run_start = 0;
        for (i, c) in t.char_indices() {
            let ws = c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}';
            let invisible = matches!(
                c,
                '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}'
            );
            if ws || invisible {
                self.verbatim(&t[run_start..i], at + run_start);
                if ws {
                    self.space(at + i..at + i + c.len_utf8());
                }
                run_start = i + c.len_utf8();
            }
        }
        self.verbatim(&t[run_start..], at + run_start);
    }

    fn verbatim(&mut self, s: &str, at: usize) {
        if s.is_empty() {
            return;
        }
        self.before_visible(self.base + at);
        self.b.push_verbatim(s, self.base + at);
        self.after_visible();
    }

    /// Text that stands for source bytes `at` (a character reference, a hyphen element).
    fn decoded(&mut self, s: &str, at: Range<usize>) {
        if s.is_empty() {
            return;
        }
        if s.chars().all(|c| c.is_whitespace()) {
            self.space(at);
            return;
        }
        self.before_visible(self.base + at.start);
        self.b
            .push_replaced(s, self.base + at.start..self.base + at.end);
        self.after_visible();
    }

    /// Separators owed before visible text at `at` (in the parts laid end to end).
    fn before_visible(&mut self, at: usize) {
        let nonempty = !self.b.is_empty();
        let fresh_cell = self
            .table
            .as_ref()
            .is_some_and(|t| matches!(t.cell, Some((_, _, None))));
        if fresh_cell {
            self.cell_start(at, nonempty);
        } else if self.pending_break {
            if nonempty {
                self.b.push_synthetic("\n\n", at);
            }
        } else if let Some(sp) = self.pending_space.take() {
            if nonempty {
                self.push_space(sp, at);
            }
        }
        self.pending_break = false;
        self.pending_space = None;
        if self.para_fresh {
            self.para_fresh = false;
            let cell = self.table.as_ref().and_then(|t| {
                let (col, _, _) = t.cell.as_ref()?;
                Some(CellAt {
                    table: t.number,
                    row: t.rows.len() as u32,
                    col: *col,
                })
            });
            self.paras.push(ParaAt {
                text_start: self.b.len(),
                part: self.part,
                story: self.story,
                paragraph: self.paragraph,
                cell,
            });
        }
    }

    /// The first text of a table cell: a tab after the row's previous cell, a paragraph break
    /// before the row's first.
    fn cell_start(&mut self, at: usize, nonempty: bool) {
        let t = self.table.as_mut().expect("in a table");
        let first_in_row = t.rows.last().is_none_or(|r| r.is_empty());
        if !first_in_row {
            self.b.push_synthetic("\t", at);
        } else if nonempty {
            self.b.push_synthetic("\n\n", at);
        }
        let start = self.b.len();
        t.start.get_or_insert(start);
        if let Some((_, _, range)) = t.cell.as_mut() {
            *range = Some(start..start);
        }
        // a cell's paragraphs are located as the cell
        self.para_fresh = true;
    }

    fn push_space(&mut self, sp: Range<usize>, at: usize) {
        if self.b.text().ends_with([' ', '\n', '\t']) {
            return;
        }
        if sp.start == usize::MAX {
            self.b.push_synthetic(" ", at);
        } else {
            self.b.push_replaced(" ", sp);
        }
    }

    fn after_visible(&mut self) {
        let end = self.b.len();
        if let Some((_, _, Some(r))) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            r.end = end;
        }
    }

    fn finish(self, xml_len: usize) -> (String, SpanMap, Vec<Table>, Vec<ParaAt>) {
        let (text, map) = self.b.finish(xml_len);
        (text, map, self.tables, self.paras)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(name: &str, content: &[u8]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, opts).unwrap();
        w.write_all(content).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn decompression_is_bounded() {
        // 1 MB of zeros deflates to about a kilobyte
        let bytes = zip_of("word/document.xml", &vec![b'0'; 1 << 20]);
        assert!(bytes.len() < 4096);
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut budget = 1000;
        let e = read_part(&mut zip, "word/document.xml", &mut budget).unwrap_err();
        assert!(e.contains("a zip bomb"), "{e}");
        let mut budget = 2 << 20;
        let xml = read_part(&mut zip, "word/document.xml", &mut budget).unwrap();
        assert_eq!(xml.map(|x| x.len()), Some(1 << 20));
        assert_eq!(budget, 1 << 20);
        assert_eq!(read_part(&mut zip, "word/none.xml", &mut budget), Ok(None));
    }

    #[test]
    fn relationship_targets_resolve_to_part_names() {
        assert_eq!(resolve_target("word", "header1.xml"), "word/header1.xml");
        assert_eq!(
            resolve_target("word", "/word/footer.xml"),
            "word/footer.xml"
        );
        assert_eq!(resolve_target("word", "../custom/a.xml"), "custom/a.xml");
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
    }
}
