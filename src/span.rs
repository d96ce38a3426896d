//! Byte spans and the map from checked text back to the original file.
//!
//! Every stage after [`crate::source`] works on a decoded, markup-free `text`. Findings must point
//! at the bytes of the *original* file (so an editor jumps to the figure), so the loader records a
//! [`SpanMap`] while it builds the text: a sorted list of segments, each either copied verbatim
//! (offsets map linearly) or replaced (an entity such as `&nbsp;`, a Windows-1252 byte, a UTF-16
//! code unit pair, or synthetic text such as a paragraph break inserted for a `<p>`), where any
//! offset inside maps to the whole original range.

use std::ops::Range;

use serde::Serialize;

use crate::encoding::Encoding;

/// A byte range in the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub fn new(offset: usize, length: usize) -> Self {
        Span { offset, length }
    }
    pub fn from_range(r: Range<usize>) -> Self {
        Span {
            offset: r.start,
            length: r.end.saturating_sub(r.start),
        }
    }
    pub fn end(&self) -> usize {
        self.offset + self.length
    }
    pub fn range(&self) -> Range<usize> {
        self.offset..self.end()
    }
    /// The smallest span covering both.
    pub fn cover(&self, other: &Span) -> Span {
        let start = self.offset.min(other.offset);
        let end = self.end().max(other.end());
        Span::from_range(start..end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    text_start: usize,
    text_len: usize,
    orig_start: usize,
    orig_len: usize,
    verbatim: bool,
}

/// Map from offsets in the checked text to byte offsets in the original file.
#[derive(Debug, Clone, Default)]
pub struct SpanMap {
    segs: Vec<Seg>,
    text_len: usize,
    orig_len: usize,
}

impl SpanMap {
    /// The identity map for a text that *is* the original bytes (UTF-8 plain text).
    pub fn identity(len: usize) -> Self {
        SpanMap {
            segs: vec![Seg {
                text_start: 0,
                text_len: len,
                orig_start: 0,
                orig_len: len,
                verbatim: true,
            }],
            text_len: len,
            orig_len: len,
        }
    }

    fn seg_index(&self, t: usize) -> Option<usize> {
        if self.segs.is_empty() {
            return None;
        }
        // last segment whose text_start <= t
        let i = self.segs.partition_point(|s| s.text_start <= t);
        if i == 0 {
            None
        } else {
            Some(i - 1)
        }
    }

    /// Original offset of the character starting at text offset `t`.
    pub fn map_start(&self, t: usize) -> usize {
        if t >= self.text_len {
            return self.orig_len;
        }
        // skip empty segments: find the segment that actually contains t
        let mut i = match self.seg_index(t) {
            Some(i) => i,
            None => return 0,
        };
        while self.segs[i].text_len == 0 && i + 1 < self.segs.len() {
            i += 1;
        }
        let s = self.segs[i];
        if t >= s.text_start + s.text_len {
            return s.orig_start + s.orig_len;
        }
        if s.verbatim {
            s.orig_start + (t - s.text_start)
        } else {
            s.orig_start
        }
    }

    /// Original offset just after the text ending (exclusively) at text offset `t`.
    pub fn map_end(&self, t: usize) -> usize {
        if t == 0 {
            return self.segs.first().map(|s| s.orig_start).unwrap_or(0);
        }
        let i = match self.seg_index(t - 1) {
            Some(i) => i,
            None => return 0,
        };
        let s = self.segs[i];
        if s.verbatim {
            (s.orig_start + (t - s.text_start)).min(s.orig_start + s.orig_len)
        } else {
            s.orig_start + s.orig_len
        }
    }

    /// Original span of a text range.
    pub fn map_range(&self, r: Range<usize>) -> Span {
        let start = self.map_start(r.start);
        let end = self.map_end(r.end).max(start);
        Span::from_range(start..end)
    }

    pub fn text_len(&self) -> usize {
        self.text_len
    }

    /// Compose two maps: `self` maps text to an intermediate text (e.g. markup-free text to
    /// decoded text), `inner` maps that intermediate text to the original bytes.
    pub fn compose(&self, inner: &SpanMap) -> SpanMap {
        let mut segs = Vec::with_capacity(self.segs.len());
        for s in &self.segs {
            if !s.verbatim || s.text_len == 0 {
                let start = inner.map_start(s.orig_start);
                let end = inner.map_end(s.orig_start + s.orig_len).max(start);
                let (start, end) = if s.orig_len == 0 {
                    (start, start)
                } else {
                    (start, end)
                };
                segs.push(Seg {
                    text_start: s.text_start,
                    text_len: s.text_len,
                    orig_start: start,
                    orig_len: end - start,
                    verbatim: false,
                });
                continue;
            }
            // split the verbatim run along inner's segments
            let (mut d, dend) = (s.orig_start, s.orig_start + s.orig_len);
            while d < dend {
                let Some(i) = inner.seg_index(d) else { break };
                let is = inner.segs[i];
                let piece_end = (is.text_start + is.text_len).min(dend).max(d + 1);
                let t0 = s.text_start + (d - s.orig_start);
                let len = piece_end - d;
                if is.verbatim {
                    segs.push(Seg {
                        text_start: t0,
                        text_len: len,
                        orig_start: is.orig_start + (d - is.text_start),
                        orig_len: len,
                        verbatim: true,
                    });
                } else {
                    segs.push(Seg {
                        text_start: t0,
                        text_len: len,
                        orig_start: is.orig_start,
                        orig_len: is.orig_len,
                        verbatim: false,
                    });
                }
                d = piece_end;
            }
        }
        SpanMap {
            segs,
            text_len: self.text_len,
            orig_len: inner.orig_len,
        }
    }
}

impl SpanMap {
    /// The text range whose original bytes lie in `span`: the inverse of [`SpanMap::map_range`]
    /// (up to the replaced segments a span cuts, which it takes whole). Empty when no text maps
    /// there.
    pub fn text_range(&self, span: Span) -> Range<usize> {
        let (lo, hi) = (span.offset, span.end());
        // segments are in text order and their original offsets do not decrease
        let first = self
            .segs
            .partition_point(|s| s.orig_start + s.orig_len <= lo);
        let last = self.segs.partition_point(|s| s.orig_start < hi);
        if first >= last {
            return self.at_text(lo)..self.at_text(lo);
        }
        let (a, b) = (self.segs[first], self.segs[last - 1]);
        let start = if a.verbatim && lo > a.orig_start {
            a.text_start + (lo - a.orig_start).min(a.text_len)
        } else {
            a.text_start
        };
        let end = if b.verbatim {
            b.text_start + (hi - b.orig_start).min(b.text_len)
        } else {
            b.text_start + b.text_len
        };
        start..end.max(start)
    }

    /// The text offset of the first segment at or after original offset `o`.
    fn at_text(&self, o: usize) -> usize {
        let i = self.segs.partition_point(|s| s.orig_start < o);
        self.segs
            .get(i)
            .map(|s| s.text_start)
            .unwrap_or(self.text_len)
    }
}

/// Which story of a word-processing document a paragraph belongs to: the body, a header or
/// footer (numbered in part-name order), or a footnote or endnote (by its id).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Story {
    #[default]
    Body,
    Header(u16),
    Footer(u16),
    Footnote(i32),
    Endnote(i32),
}

/// A table cell: the table's number in its story, the row, and the grid column where the cell
/// starts (merged cells count the columns they span), all 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellAt {
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

/// Where a range of a document without lines (a .docx) lies: its XML part, the bytes in that
/// part, the story and paragraph, and the table cell if it is in one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    /// Index of the part in [`Locator::parts`].
    pub part: u16,
    /// The bytes of the range in the part's XML.
    pub xml: Span,
    pub story: Story,
    /// 1-based paragraph of the story, every paragraph counted (empty ones, those in tables).
    pub paragraph: u32,
    pub cell: Option<CellAt>,
}

impl std::fmt::Display for Place {
    /// `¶12`, `table 2 r3c4`, `header 1 ¶1`, `footnote 3 ¶1`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.story {
            Story::Body => {}
            Story::Header(n) => write!(f, "header {n} ")?,
            Story::Footer(n) => write!(f, "footer {n} ")?,
            Story::Footnote(n) => write!(f, "footnote {n} ")?,
            Story::Endnote(n) => write!(f, "endnote {n} ")?,
        }
        match self.cell {
            Some(c) => write!(f, "table {} r{}c{}", c.table, c.row, c.col),
            None => write!(f, "\u{b6}{}", self.paragraph),
        }
    }
}

/// The start of a paragraph (or of a paragraph in a table cell) in the checked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParaAt {
    pub text_start: usize,
    pub part: u16,
    pub story: Story,
    pub paragraph: u32,
    pub cell: Option<CellAt>,
}

/// For a document whose checked text comes from several XML parts (a .docx): a [`Place`] for
/// every range of the text.
#[derive(Debug, Clone, Default)]
pub struct Locator {
    /// Part names in the container (`word/document.xml`, `word/header1.xml`, ...).
    pub parts: Vec<String>,
    /// Where each part starts in the parts laid end to end, the coordinates of `map`.
    bases: Vec<usize>,
    /// Checked text to the parts laid end to end.
    map: SpanMap,
    /// Paragraph starts, in text order.
    paras: Vec<ParaAt>,
}

impl Locator {
    /// `parts`: each part's name and XML length, in the order `map`'s coordinates lay them.
    pub fn new(parts: Vec<(String, usize)>, map: SpanMap, paras: Vec<ParaAt>) -> Locator {
        let mut bases = Vec::with_capacity(parts.len());
        let mut at = 0;
        let mut names = Vec::with_capacity(parts.len());
        for (name, len) in parts {
            bases.push(at);
            at += len;
            names.push(name);
        }
        Locator {
            parts: names,
            bases,
            map,
            paras,
        }
    }

    /// The place of text range `r` of `text`, and the 1-based column (in characters) where it
    /// starts in its paragraph. `None` before the first paragraph.
    pub fn place(&self, text: &str, r: Range<usize>) -> Option<(Place, usize)> {
        let i = self.paras.partition_point(|p| p.text_start <= r.start);
        let p = self.paras.get(i.checked_sub(1)?)?;
        let base = self.bases.get(p.part as usize).copied().unwrap_or(0);
        let xml = self.map.map_range(r.clone());
        let xml = Span::new(xml.offset.saturating_sub(base), xml.length);
        let from = floor_char(text, p.text_start);
        let column = text[from..floor_char(text, r.start).max(from)]
            .chars()
            .count()
            + 1;
        let place = Place {
            part: p.part,
            xml,
            story: p.story,
            paragraph: p.paragraph,
            cell: p.cell,
        };
        Some((place, column))
    }
}

/// Builds a text and its [`SpanMap`] together. Loaders (plain text, Markdown, HTML, decoders) push
/// pieces in text order; original offsets must not decrease.
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    segs: Vec<Seg>,
    orig_len: usize,
}

impl TextBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn with_capacity(n: usize) -> Self {
        TextBuilder {
            text: String::with_capacity(n),
            segs: Vec::new(),
            orig_len: 0,
        }
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn len(&self) -> usize {
        self.text.len()
    }
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Text copied byte for byte from the original at `orig_start`.
    pub fn push_verbatim(&mut self, s: &str, orig_start: usize) {
        if s.is_empty() {
            return;
        }
        let text_start = self.text.len();
        if let Some(last) = self.segs.last_mut() {
            if last.verbatim
                && last.text_start + last.text_len == text_start
                && last.orig_start + last.orig_len == orig_start
            {
                last.text_len += s.len();
                last.orig_len += s.len();
                self.text.push_str(s);
                return;
            }
        }
        self.segs.push(Seg {
            text_start,
            text_len: s.len(),
            orig_start,
            orig_len: s.len(),
            verbatim: true,
        });
        self.text.push_str(s);
    }

    /// Text that stands for the original bytes `orig` (an entity, a decoded character).
    pub fn push_replaced(&mut self, s: &str, orig: Range<usize>) {
        if s.is_empty() {
            return;
        }
        self.segs.push(Seg {
            text_start: self.text.len(),
            text_len: s.len(),
            orig_start: orig.start,
            orig_len: orig.end.saturating_sub(orig.start),
            verbatim: false,
        });
        self.text.push_str(s);
    }

    /// Text with no original bytes (a paragraph break for a block element), anchored at `at`.
    pub fn push_synthetic(&mut self, s: &str, at: usize) {
        self.push_replaced(s, at..at);
    }

    /// Finish, given the original file's length.
    pub fn finish(self, orig_len: usize) -> (String, SpanMap) {
        let _ = self.orig_len;
        let text_len = self.text.len();
        (
            self.text,
            SpanMap {
                segs: self.segs,
                text_len,
                orig_len,
            },
        )
    }
}

/// The largest char boundary of `s` at or before `i`.
pub fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary of `s` at or after `i`.
pub fn ceil_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// A span in the original file, with its 1-based line and column (column in characters).
///
/// In a document without lines (.docx), `place` names the XML part, the bytes there, the story
/// and paragraph (or table cell); `line` is then the paragraph and `column` counts characters
/// from its start. JSON gives the part's bytes as `offset` and `length`, the part's index in the
/// file's `parts`, and the place as text (`¶12`, `table 2 r3c4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub offset: usize,
    pub length: usize,
    pub line: usize,
    pub column: usize,
    pub place: Option<Place>,
}

impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out {
            offset: usize,
            length: usize,
            line: usize,
            column: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            part: Option<u16>,
            #[serde(skip_serializing_if = "Option::is_none")]
            place: Option<String>,
        }
        let bytes = self.bytes();
        Out {
            offset: bytes.offset,
            length: bytes.length,
            line: self.line,
            column: self.column,
            part: self.place.map(|p| p.part),
            place: self.place.map(|p| p.to_string()),
        }
        .serialize(s)
    }
}

impl Location {
    pub fn new(original: &[u8], span: Span) -> Location {
        let (line, column) = line_col(original, span.offset);
        Location {
            offset: span.offset,
            length: span.length,
            line,
            column,
            place: None,
        }
    }
    pub fn span(&self) -> Span {
        Span::new(self.offset, self.length)
    }

    /// The bytes the formats report: of the original file, or of the XML part for a place.
    pub fn bytes(&self) -> Span {
        self.place.map(|p| p.xml).unwrap_or(self.span())
    }

    /// `12:34` (line and column), `¶12:34` (paragraph and column), or `table 2 r3c4`.
    pub fn position(&self) -> String {
        match self.place {
            Some(p) if p.cell.is_some() => p.to_string(),
            Some(p) => format!("{p}:{}", self.column),
            None => format!("{}:{}", self.line, self.column),
        }
    }

    /// 1-based line and column just past the span's end (SARIF's exclusive end).
    pub fn end(&self, original: &[u8]) -> (usize, usize) {
        if self.place.is_some() {
            let end = (self.offset + self.length).min(original.len());
            let within = &original[self.offset.min(end)..end];
            let chars = String::from_utf8_lossy(within).chars().count();
            return (self.line, self.column + chars);
        }
        line_col(original, self.offset + self.length)
    }

    /// [`Location::end`] with the file's line index built once.
    pub fn end_in(&self, index: &LineIndex, original: &[u8]) -> (usize, usize) {
        index.line_col(original, self.offset + self.length)
    }
}

/// Line starts of a file, for 1-based line and column numbers in O(log n) (plus at most a few
/// kilobytes of counting for the column, however long the line: a filing may be one line of
/// megabytes). Columns count characters of the file's encoding (a UTF-16 code unit pair or a
/// Windows-1252 byte is one), the byte-order mark not included.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters from the start of its line, at every `STEP`-th byte.
    checkpoints: Vec<usize>,
    enc: Encoding,
    len: usize,
}

const STEP: usize = 4096;

impl LineIndex {
    pub fn new(bytes: &[u8]) -> LineIndex {
        let mut idx = LineIndex::empty(bytes);
        match idx.enc.unit() {
            1 => idx.index_bytes(bytes),
            _ => idx.index_units(bytes),
        }
        idx
    }

    fn empty(bytes: &[u8]) -> LineIndex {
        let enc = Encoding::of(bytes);
        let mut checkpoints = Vec::with_capacity(bytes.len() / STEP + 1);
        if enc.bom_len() > 0 {
            checkpoints.push(0);
        }
        LineIndex {
            starts: vec![0],
            checkpoints,
            enc,
            len: bytes.len(),
        }
    }

    /// `new` for any encoding, a code unit at a time.
    fn index_units(&mut self, bytes: &[u8]) {
        let (enc, unit) = (self.enc, self.enc.unit());
        let mut chars = 0usize;
        for i in (enc.bom_len()..bytes.len()).step_by(unit) {
            if i % STEP == 0 {
                self.checkpoints.push(chars);
            }
            if enc.newline_at(bytes, i) {
                self.starts.push(i + unit);
                chars = 0;
            } else if enc.char_starts_at(bytes, i) {
                chars += 1;
            }
        }
    }

    /// `new` for a one-byte code unit (UTF-8, Windows-1252): line feeds found by `memchr`, the
    /// characters counted a run at a time up to each checkpoint.
    fn index_bytes(&mut self, bytes: &[u8]) {
        let (enc, bom) = (self.enc, self.enc.bom_len());
        let chars_in = |r: Range<usize>| match enc {
            Encoding::Windows1252 => r.len(),
            _ => bytes[r].iter().filter(|&&b| b & 0xC0 != 0x80).count(),
        };
        // (where the count stands, characters from its line's start to there)
        let mut at = (bom, 0usize);
        let mut next = if bom > 0 { STEP } else { 0 };
        let lines = memchr::memchr_iter(b'\n', &bytes[bom..]).map(|i| i + bom);
        for end in lines.chain(std::iter::once(bytes.len())) {
            while next < bytes.len() && next <= end {
                at = (next, at.1 + chars_in(at.0..next));
                self.checkpoints.push(at.1);
                next += STEP;
            }
            if end < bytes.len() {
                self.starts.push(end + 1);
                at = (end + 1, 0);
            }
        }
    }

    /// The encoding the columns are counted in.
    pub fn encoding(&self) -> Encoding {
        self.enc
    }

    /// 1-based line and column (in characters).
    pub fn line_col(&self, bytes: &[u8], offset: usize) -> (usize, usize) {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1].max(self.enc.bom_len());
        let count = |from: usize| {
            (from..offset)
                .step_by(self.enc.unit())
                .filter(|&i| self.enc.char_starts_at(bytes, i))
                .count()
        };
        let cp = offset / STEP * STEP;
        let column = if cp > line_start && cp < self.len {
            self.checkpoints[cp / STEP] + count(cp)
        } else {
            count(line_start.min(offset))
        };
        (line, column + 1)
    }
}

/// 1-based line and column (in characters of the file's encoding) of a byte offset in the
/// original bytes. Scans the file: for many offsets, build a [`LineIndex`] once.
pub fn line_col(original: &[u8], offset: usize) -> (usize, usize) {
    LineIndex::new(original).line_col(original, offset)
}

/// Byte ranges merged into disjoint ones in order: whether a position lies in any of them is a
/// binary search, not a look at each range.
#[derive(Debug, Clone, Default)]
pub struct RangeSet(Vec<Range<usize>>);

impl RangeSet {
    pub fn new(ranges: impl IntoIterator<Item = Range<usize>>) -> RangeSet {
        let mut all: Vec<Range<usize>> = ranges.into_iter().filter(|r| !r.is_empty()).collect();
        all.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(all.len());
        for r in all {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        RangeSet(merged)
    }

    /// Does one of the ranges contain `at`?
    pub fn contains(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.start <= at);
        i > 0 && self.0[i - 1].contains(&at)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn range_set_contains_what_one_of_its_ranges_does() {
        // overlapping, nested, touching, empty and repeated ranges, out of order
        let mut seed = 7u64;
        let mut next = |m: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % m) as usize
        };
        for _ in 0..50 {
            let ranges: Vec<std::ops::Range<usize>> = (0..next(8))
                .map(|_| {
                    let a = next(60);
                    a..a + next(12)
                })
                .collect();
            let set = super::RangeSet::new(ranges.clone());
            for at in 0..80 {
                let scan = ranges.iter().any(|r| r.contains(&at));
                assert_eq!(set.contains(at), scan, "{at} in {ranges:?}");
            }
        }
    }

    use super::*;

    #[test]
    fn identity_maps_straight() {
        let m = SpanMap::identity(10);
        assert_eq!(m.map_range(2..5), Span::new(2, 3));
        assert_eq!(m.map_range(0..10), Span::new(0, 10));
    }

    #[test]
    fn replaced_segments_cover_whole_entity() {
        // original: "a&nbsp;$1" ; text: "a $1"
        let mut b = TextBuilder::new();
        b.push_verbatim("a", 0);
        b.push_replaced(" ", 1..7);
        b.push_verbatim("$1", 7);
        let (text, m) = b.finish(9);
        assert_eq!(text, "a $1");
        assert_eq!(m.map_range(2..4), Span::new(7, 2));
        assert_eq!(m.map_range(1..4), Span::new(1, 8));
        assert_eq!(m.map_range(0..2), Span::new(0, 7));
    }

    #[test]
    fn synthetic_text_has_no_width() {
        let mut b = TextBuilder::new();
        b.push_verbatim("ab", 3);
        b.push_synthetic("\n\n", 8);
        b.push_verbatim("cd", 8);
        let (text, m) = b.finish(10);
        assert_eq!(text, "ab\n\ncd");
        assert_eq!(m.map_range(4..6), Span::new(8, 2));
        assert_eq!(m.map_range(0..2), Span::new(3, 2));
    }

    #[test]
    fn line_index_agrees_with_scanning() {
        // long lines with multi-byte characters across checkpoint boundaries
        let mut s = String::new();
        for i in 0..3000 {
            s.push_str(if i % 7 == 0 { "€uro " } else { "ab " });
            if i % 997 == 0 {
                s.push('\n');
            }
        }
        let b = s.as_bytes();
        let idx = LineIndex::new(b);
        for off in (0..b.len()).filter(|&o| s.is_char_boundary(o)).step_by(37) {
            assert_eq!(idx.line_col(b, off), line_col(b, off), "offset {off}");
        }
        let cp1252 = b"a\x80b\ncd\x80e";
        let idx = LineIndex::new(cp1252);
        assert_eq!(idx.line_col(cp1252, 6), line_col(cp1252, 6));
    }

    #[test]
    fn byte_index_equals_the_unit_by_unit_index() {
        let mut s = String::from("\u{feff}");
        for i in 0..9000 {
            s.push_str(["€uro ", "ab ", "\n", "x\n\n"][i % 4 * (i % 5 + 1) / 5 % 4]);
        }
        // a newline exactly at a checkpoint, a file ending in one, one without any
        let mut at_step = "a".repeat(STEP);
        at_step.push('\n');
        for text in [&s[3..], &s, &at_step, "no newline", "", "\n"] {
            for b in [text.as_bytes(), &[text.as_bytes(), b"\x80"].concat()] {
                let fast = LineIndex::new(b);
                let mut slow = LineIndex::empty(b);
                slow.index_units(b);
                assert_eq!(
                    (fast.starts, fast.checkpoints),
                    (slow.starts, slow.checkpoints),
                    "{:?}",
                    fast.enc
                );
            }
        }
    }

    #[test]
    fn text_range_inverts_map_range() {
        // original: "a&nbsp;$1<b>x</b>" ; text: "a $1\n\nx"
        let mut b = TextBuilder::new();
        b.push_verbatim("a", 0);
        b.push_replaced(" ", 1..7);
        b.push_verbatim("$1", 7);
        b.push_synthetic("\n\n", 12);
        b.push_verbatim("x", 12);
        let (text, m) = b.finish(17);
        assert_eq!(text, "a $1\n\nx");
        for r in [0..1, 2..4, 1..4, 0..4, 6..7, 2..7] {
            assert_eq!(m.text_range(m.map_range(r.clone())), r, "{r:?}");
        }
        // part of an entity: the whole replacement
        assert_eq!(m.text_range(Span::new(3, 2)), 1..2);
        // markup only: an empty range at the next text (here the paragraph break)
        assert_eq!(m.text_range(Span::new(9, 3)), 4..4);
    }

    #[test]
    fn line_col_counts_chars() {
        let s = "ab\nc€d";
        assert_eq!(line_col(s.as_bytes(), 0), (1, 1));
        assert_eq!(line_col(s.as_bytes(), 3), (2, 1));
        assert_eq!(line_col(s.as_bytes(), 7), (2, 3));
    }
}
