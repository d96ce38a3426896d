//! HTML loader: strips markup from decoded HTML (including inline XBRL as filed with the SEC),
//! keeping a map to the original bytes.
//!
//! Two passes. The first runs the `html5gum` tokenizer (which reports source spans for tags,
//! comments and doctypes) and turns the document into a flat list of [`Ev`]ents: raw visible text
//! ranges (the gaps between markup tokens, outside hidden elements), block boundaries, and table
//! structure. It keeps a stack of open elements to know what is hidden (`<script>`, `<style>`,
//! `<head>`, `<ix:header>`, `display:none`, `hidden`) and gathers per-table statistics to tell data
//! tables from layout tables. The second pass decodes character references in the text ranges
//! (each reference mapped to its whole source range), collapses whitespace, and writes the text:
//! blocks separated by `"\n\n"`, table cells by `"\t"`, table rows by `"\n\n"`.

use std::ops::Range;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span as HSpan, State, Tokenizer};

use super::decode::Decoded;
use super::entities::{self, Replacement};
use super::ixbrl::{Collector, XbrlFacts};
use super::Table;
use crate::span::{SpanMap, TextBuilder};

/// What stripping an HTML document gives.
pub struct Stripped {
    pub text: String,
    /// From the text to the original bytes.
    pub map: SpanMap,
    pub tables: Vec<Table>,
    /// The inline XBRL facts, when the document has any `ix:` element.
    pub xbrl: Option<XbrlFacts>,
}

/// An emitter that asks for no parse errors: the loader ignores them, and validating every byte
/// for them was a tenth of the time spent loading a filing. Tokens and spans are unchanged.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Strip markup from decoded HTML, keeping a map to the original bytes.
pub fn load(decoded: &Decoded, _orig_len: usize) -> Stripped {
    let src = decoded.text.as_str();
    let events = scan(src);
    let mut out = Writer::new(src);
    out.run(&events.evs, &events.table_is_data);
    let fact_text = std::mem::take(&mut out.ix_text);
    let (text, map, tables) = out.finish();
    let map = map.compose(&decoded.map);
    let xbrl = events.ix.map(|c| {
        let mut x = c.finish(src, &|i| fact_text.get(i).cloned().flatten(), &|r| {
            decoded.map.map_range(r)
        });
        // a displayed fact is where its text is (inside any markup the element wraps)
        for f in x.facts.iter_mut() {
            if let Some(t) = &f.text {
                f.span = map.map_range(t.clone());
            }
        }
        x
    });
    Stripped {
        text,
        map,
        tables,
        xbrl,
    }
}

/// Character references decoded and whitespace runs made single spaces.
pub(crate) fn decode(raw: &str) -> String {
    let mut s = String::with_capacity(raw.len());
    decode_into(raw, &mut s);
    s
}

// ---------------------------------------------------------------------------------------------
// Pass 1: tokens -> events

#[derive(Debug, Clone, PartialEq, Eq)]
enum Ev {
    /// Visible raw text, a range of the source (character references not yet decoded).
    Text(Range<usize>),
    /// A block boundary.
    Break,
    TableStart(usize),
    TableEnd,
    RowStart,
    /// A cell opens, spanning this many grid columns and rows (`colspan`, `rowspan`).
    CellStart(Span2),
    CellEnd,
    /// An inline XBRL numeric fact opens (its index in the [`Collector`]).
    IxOpen(usize),
    IxClose(usize),
}

/// A cell's `colspan` and `rowspan` (each at least 1, capped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span2 {
    cols: u16,
    rows: u16,
}

impl Span2 {
    const ONE: Span2 = Span2 { cols: 1, rows: 1 };
}

/// A `colspan`/`rowspan` value: digits, at least 1, at most 1000 (as browsers cap it).
fn span_attr(v: &[u8]) -> u16 {
    let digits: Vec<u8> = v
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .take(4)
        .collect();
    let n: u16 = std::str::from_utf8(&digits)
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(1);
    n.clamp(1, 1000)
}

/// A tag name, truncated to 15 bytes (enough to tell the names we care about apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Name {
    len: u8,
    buf: [u8; 15],
}

impl Name {
    fn new(b: &[u8]) -> Name {
        let n = b.len().min(15);
        let mut buf = [0u8; 15];
        buf[..n].copy_from_slice(&b[..n]);
        Name { len: n as u8, buf }
    }
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len as usize]
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Inline: no effect on the text structure.
    Inline,
    /// Block: a paragraph boundary at start and end.
    Block,
    /// Content is never shown.
    Skip,
    Table,
    Row,
    Cell,
    Sup,
}

fn kind_of(name: &[u8]) -> Kind {
    match name {
        b"p" | b"div" | b"li" | b"ul" | b"ol" | b"dl" | b"dd" | b"dt" | b"h1" | b"h2" | b"h3"
        | b"h4" | b"h5" | b"h6" | b"section" | b"article" | b"blockquote" | b"pre" | b"hr"
        | b"br" | b"title" | b"header" | b"footer" | b"nav" | b"aside" | b"main" | b"figure"
        | b"figcaption" | b"address" | b"caption" | b"center" | b"form" | b"fieldset"
        | b"legend" | b"details" | b"summary" | b"body" | b"html" | b"thead" | b"tbody"
        | b"tfoot" | b"hgroup" | b"menu" | b"dir" | b"listing" | b"plaintext" | b"xmp"
        | b"page" | b"frameset" => Kind::Block,
        b"script" | b"style" | b"head" | b"template" | b"noscript" | b"iframe" | b"noembed"
        | b"noframes" | b"textarea" | b"select" | b"svg" | b"math" | b"object" | b"ix:header"
        | b"ix:hidden" | b"xml" => Kind::Skip,
        b"table" => Kind::Table,
        b"tr" => Kind::Row,
        b"td" | b"th" => Kind::Cell,
        b"sup" => Kind::Sup,
        _ => Kind::Inline,
    }
}

fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"img"
            | b"hr"
            | b"meta"
            | b"link"
            | b"input"
            | b"col"
            | b"area"
            | b"base"
            | b"embed"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"basefont"
            | b"bgsound"
            | b"frame"
    )
}

fn is_head_content(name: &[u8]) -> bool {
    matches!(
        name,
        b"title"
            | b"meta"
            | b"link"
            | b"style"
            | b"script"
            | b"base"
            | b"noscript"
            | b"template"
            | b"head"
    )
}

fn raw_state(name: &[u8]) -> Option<State> {
    match name {
        b"textarea" | b"title" => Some(State::RcData),
        b"plaintext" => Some(State::PlainText),
        b"script" => Some(State::ScriptData),
        b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframes" | b"noscript" => {
            Some(State::RawText)
        }
        _ => None,
    }
}

/// Does a `style` attribute value hide the element?
fn style_hides(v: &[u8]) -> bool {
    // "display:none" / "display: none" / "DISPLAY : NONE", also visibility:hidden
    // (fast reject: almost every SEC element has a style, few say `none` or `hidden`)
    let has = |w: &[u8]| v.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
    if !has(b"none") && !has(b"hidden") {
        return false;
    }
    let mut compact = Vec::with_capacity(v.len());
    for &c in v {
        if !c.is_ascii_whitespace() {
            compact.push(c.to_ascii_lowercase());
        }
    }
    contains(&compact, b"display:none") || contains(&compact, b"visibility:hidden")
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[derive(Debug, Clone, Copy)]
struct Elem {
    name: Name,
    kind: Kind,
    hidden: bool,
}

#[derive(Debug, Default)]
struct TableStat {
    id: usize,
    nested: bool,
    in_row: bool,
    in_cell: bool,
    /// Visible text (bytes) in the current cell.
    cell_len: usize,
    /// The first non-empty cell of the current row, if it was a bullet or list marker.
    row_first_is_bullet: Option<bool>,
    row_nonempty: usize,
    row_long: bool,
    data_rows: usize,
    prose_rows: usize,
    first_cell_text: String,
}

/// Cells longer than this (bytes of visible text) make their row a prose row.
const LONG_CELL: usize = 250;
/// The element stack is capped (garbage input could nest without end).
const MAX_DEPTH: usize = 512;

#[derive(Debug, Clone, Copy)]
enum AttrKind {
    Style,
    Colspan,
    Rowspan,
    Other,
}

struct Scanner<'a> {
    src: &'a str,
    evs: Vec<Ev>,
    stack: Vec<Elem>,
    hidden_depth: usize,
    /// Open `<head>` elements on the stack.
    head_open: usize,
    tables: Vec<TableStat>,
    table_is_data: Vec<bool>,
    /// End of the last markup token: the next text gap starts here.
    gap_start: usize,
    in_tag: bool,
    // the start tag being read
    tag_name: Name,
    tag_hidden: bool,
    attr: AttrKind,
    tag_span: Span2,
    /// (event index, stack index) of the outermost open `<sup>`.
    sup_mark: Option<(usize, usize)>,
    /// Inline XBRL, from the first `ix:` tag on.
    ix: Option<Box<Collector>>,
}

struct Scanned {
    evs: Vec<Ev>,
    table_is_data: Vec<bool>,
    ix: Option<Box<Collector>>,
}

fn scan(src: &str) -> Scanned {
    let mut sc = Scanner {
        src,
        evs: Vec::with_capacity(src.len() / 64 + 16),
        stack: Vec::new(),
        hidden_depth: 0,
        head_open: 0,
        tables: Vec::new(),
        table_is_data: Vec::new(),
        gap_start: 0,
        in_tag: false,
        tag_name: Name::new(b""),
        tag_hidden: false,
        attr: AttrKind::Other,
        tag_span: Span2::ONE,
        sup_mark: None,
        ix: None,
    };
    {
        let emitter = Quiet(CallbackEmitter::new(
            |ev: CallbackEvent<'_>, span: HSpan<usize>| sc.event(ev, span),
        ));
        let mut tok = Tokenizer::new_with_emitter(src, emitter);
        while let Some(Ok(state)) = tok.next() {
            tok.set_state(state);
        }
    }
    if !sc.in_tag {
        let end = src.len();
        sc.gap(end);
    }
    // close everything still open
    while let Some(e) = sc.stack.pop() {
        sc.close(e);
    }
    Scanned {
        evs: sc.evs,
        table_is_data: sc.table_is_data,
        ix: sc.ix,
    }
}

impl Scanner<'_> {
    /// Handle one tokenizer event; returns a state to switch to after a raw-text start tag.
    fn event(&mut self, ev: CallbackEvent<'_>, span: HSpan<usize>) -> Option<State> {
        match ev {
            CallbackEvent::OpenStartTag { name } => {
                self.gap(span.start);
                self.in_tag = true;
                self.tag_name = Name::new(name);
                self.tag_hidden = false;
                self.attr = AttrKind::Other;
                self.tag_span = Span2::ONE;
                if self.ix.is_none() && name.starts_with(b"ix:") {
                    self.ix = Some(Box::default());
                }
                if let Some(ix) = self.ix.as_mut() {
                    ix.start_tag(name);
                }
                None
            }
            CallbackEvent::AttributeName { name } => {
                if let Some(ix) = self.ix.as_mut() {
                    ix.attr_name(name);
                }
                self.attr = match name {
                    b"style" => AttrKind::Style,
                    b"colspan" => AttrKind::Colspan,
                    b"rowspan" => AttrKind::Rowspan,
                    b"hidden" => {
                        self.tag_hidden = true;
                        AttrKind::Other
                    }
                    _ => AttrKind::Other,
                };
                None
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(ix) = self.ix.as_mut() {
                    ix.attr_value(value);
                }
                match self.attr {
                    AttrKind::Style => {
                        if style_hides(value) {
                            self.tag_hidden = true;
                        }
                    }
                    AttrKind::Colspan => self.tag_span.cols = span_attr(value),
                    AttrKind::Rowspan => self.tag_span.rows = span_attr(value),
                    AttrKind::Other => {}
                }
                None
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                self.in_tag = false;
                self.gap_start = self.gap_start.max(span.end);
                let name = self.tag_name;
                self.start_tag(name, self.tag_hidden, self_closing);
                if let Some(ix) = self.ix.as_mut() {
                    if let Some(i) = ix.close_start_tag(self_closing, span.end) {
                        self.evs.push(Ev::IxOpen(i));
                    }
                }
                if self_closing {
                    None
                } else {
                    raw_state(name.as_bytes())
                }
            }
            CallbackEvent::EndTag { name } => {
                self.gap(span.start);
                self.in_tag = false;
                self.gap_start = self.gap_start.max(span.end);
                if let Some(i) = self.ix.as_mut().and_then(|ix| ix.end_tag(name, span.start)) {
                    self.evs.push(Ev::IxClose(i));
                }
                self.end_tag(Name::new(name));
                None
            }
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } => {
                self.gap(span.start);
                self.in_tag = false;
                self.gap_start = self.gap_start.max(span.end);
                None
            }
            CallbackEvent::String { .. } | CallbackEvent::Error(_) => None,
        }
    }

    /// The text between the last markup token and `end`.
    fn gap(&mut self, end: usize) {
        let start = self.gap_start;
        if end > start && end <= self.src.len() {
            self.gap_start = end;
            if !self.src.is_char_boundary(start) || !self.src.is_char_boundary(end) {
                return;
            }
            if let Some(ix) = self.ix.as_mut() {
                ix.text(&self.src[start..end]);
            }
            if self.hidden_depth == 0 {
                self.text(start..end);
            }
        }
    }

    fn text(&mut self, r: Range<usize>) {
        let visible = visible_len(&self.src[r.clone()]);
        if visible > 0 {
            if let Some(t) = self.tables.last_mut() {
                if !t.in_cell {
                    // stray text in a table: an implicit cell
                    if !t.in_row {
                        t.in_row = true;
                        self.evs.push(Ev::RowStart);
                    }
                    t.in_cell = true;
                    t.cell_len = 0;
                    t.first_cell_text.clear();
                    self.evs.push(Ev::CellStart(Span2::ONE));
                }
                t.cell_len += visible;
                if t.row_nonempty == 0 && t.first_cell_text.len() < 16 {
                    t.first_cell_text.push_str(&self.src[r.clone()]);
                }
            }
        }
        self.evs.push(Ev::Text(r));
    }

    fn start_tag(&mut self, name: Name, hidden_attr: bool, self_closing: bool) {
        let nb = name.as_bytes();
        // leave an unclosed <head> when body content starts
        if self.head_open > 0 && !is_head_content(nb) {
            if let Some(i) = self
                .stack
                .iter()
                .rposition(|e| e.name.as_bytes() == b"head")
            {
                self.pop_to(i);
            }
        }
        // implied end tags
        if let Some(top) = self.stack.last() {
            let tb = top.name.as_bytes();
            let implied = match nb {
                b"p" | b"div" | b"table" | b"ul" | b"ol" | b"h1" | b"h2" | b"h3" | b"h4"
                | b"h5" | b"h6" | b"blockquote" | b"pre" => tb == b"p",
                b"li" => tb == b"li" || tb == b"p",
                b"dt" | b"dd" => matches!(tb, b"dt" | b"dd" | b"p"),
                b"option" => tb == b"option",
                _ => false,
            };
            if implied {
                let i = self.stack.len() - 1;
                self.pop_to(i);
            }
        }
        let mut kind = kind_of(nb);
        let hidden = hidden_attr || kind == Kind::Skip;
        let void = is_void(nb);
        if self.hidden_depth > 0 || hidden {
            // hidden content: only track nesting
            if !void && !self_closing && self.stack.len() < MAX_DEPTH {
                if nb == b"head" {
                    self.head_open += 1;
                }
                self.stack.push(Elem {
                    name,
                    kind: Kind::Inline,
                    hidden,
                });
                if hidden {
                    self.hidden_depth += 1;
                }
            }
            return;
        }
        match kind {
            Kind::Table => {
                if let Some(t) = self.tables.last_mut() {
                    t.nested = true;
                    if !t.in_cell {
                        // a table directly in a table: treat it as in a cell of the outer one
                        self.evs.push(Ev::Break);
                    }
                }
                if self.tables.len() >= 64 || self_closing {
                    kind = Kind::Block;
                    self.evs.push(Ev::Break);
                } else {
                    let id = self.table_is_data.len();
                    self.table_is_data.push(false);
                    self.tables.push(TableStat {
                        id,
                        ..Default::default()
                    });
                    self.evs.push(Ev::TableStart(id));
                }
            }
            Kind::Row => {
                if self.tables.is_empty() {
                    kind = Kind::Block;
                    self.evs.push(Ev::Break);
                } else {
                    self.close_open_row();
                    let t = self.tables.last_mut().expect("table");
                    t.in_row = true;
                    self.evs.push(Ev::RowStart);
                }
            }
            Kind::Cell => {
                if self.tables.is_empty() {
                    kind = Kind::Block;
                    self.evs.push(Ev::Break);
                } else {
                    self.close_open_cell();
                    let t = self.tables.last_mut().expect("table");
                    if !t.in_row {
                        t.in_row = true;
                        self.evs.push(Ev::RowStart);
                    }
                    t.in_cell = true;
                    t.cell_len = 0;
                    t.first_cell_text.clear();
                    self.evs.push(Ev::CellStart(self.tag_span));
                }
            }
            Kind::Block => self.evs.push(Ev::Break),
            Kind::Sup => {
                if self.sup_mark.is_none() && !self_closing {
                    self.sup_mark = Some((self.evs.len(), self.stack.len()));
                }
            }
            Kind::Inline | Kind::Skip => {}
        }
        let elem = Elem {
            name,
            kind,
            hidden: false,
        };
        if void || self_closing || self.stack.len() >= MAX_DEPTH {
            if matches!(kind, Kind::Table | Kind::Row | Kind::Cell) {
                self.close(elem);
            } else if kind == Kind::Sup {
                self.sup_mark = None;
            }
            return;
        }
        self.stack.push(elem);
    }

    fn end_tag(&mut self, name: Name) {
        let nb = name.as_bytes();
        if let Some(i) = self.stack.iter().rposition(|e| e.name == name) {
            // do not let a cell/row end tag close the enclosing table's ancestors
            self.pop_to(i);
        } else if self.hidden_depth == 0 {
            match kind_of(nb) {
                Kind::Block => self.evs.push(Ev::Break),
                Kind::Cell => self.close_open_cell(),
                Kind::Row => self.close_open_row(),
                _ => {}
            }
        }
    }

    /// Pop the element stack down to length `i` (closing element `i` and everything above).
    fn pop_to(&mut self, i: usize) {
        while self.stack.len() > i {
            let e = self.stack.pop().expect("non-empty");
            self.close(e);
        }
    }

    fn close(&mut self, e: Elem) {
        if e.name.as_bytes() == b"head" {
            self.head_open = self.head_open.saturating_sub(1);
        }
        if e.hidden {
            self.hidden_depth = self.hidden_depth.saturating_sub(1);
            return;
        }
        if self.hidden_depth > 0 {
            return;
        }
        match e.kind {
            Kind::Block => self.evs.push(Ev::Break),
            Kind::Cell => self.close_open_cell(),
            Kind::Row => self.close_open_row(),
            Kind::Table => {
                self.close_open_row();
                if let Some(t) = self.tables.pop() {
                    let is_data = !t.nested && t.data_rows >= 1 && t.data_rows >= t.prose_rows;
                    self.table_is_data[t.id] = is_data;
                }
                self.evs.push(Ev::TableEnd);
            }
            Kind::Sup => {
                if let Some((ev_i, stack_i)) = self.sup_mark {
                    if stack_i == self.stack.len() {
                        self.sup_mark = None;
                        self.drop_footnote_marker(ev_i);
                    }
                }
            }
            Kind::Inline | Kind::Skip => {}
        }
    }

    /// A `<sup>` that holds only a footnote marker (`1`, `(2)`, `*`, `†`) is dropped, so that
    /// `$18.3 million<sup>1</sup>` does not read as `$18.3 million1`.
    fn drop_footnote_marker(&mut self, from: usize) {
        if from > self.evs.len() {
            return;
        }
        let mut text = String::new();
        for ev in &self.evs[from..] {
            match ev {
                Ev::Text(r) => {
                    decode_into(&self.src[r.clone()], &mut text);
                    if text.len() > 32 {
                        return;
                    }
                }
                _ => return,
            }
        }
        let t = text.trim_matches(|c: char| c.is_whitespace());
        if is_footnote_marker(t) {
            // the cell statistics may have counted these few bytes; that is harmless
            self.evs.truncate(from);
        }
    }

    fn close_open_cell(&mut self) {
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if !t.in_cell {
            return;
        }
        t.in_cell = false;
        if t.cell_len > 0 {
            if t.row_nonempty == 0 {
                t.row_first_is_bullet = Some(is_list_marker(&t.first_cell_text));
            }
            t.row_nonempty += 1;
            if t.cell_len > LONG_CELL {
                t.row_long = true;
            }
        }
        self.evs.push(Ev::CellEnd);
    }

    fn close_open_row(&mut self) {
        self.close_open_cell();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        if !t.in_row {
            return;
        }
        t.in_row = false;
        if t.row_long {
            t.prose_rows += 1;
        } else if t.row_nonempty >= 2 && t.row_first_is_bullet != Some(true) {
            t.data_rows += 1;
        }
        t.row_nonempty = 0;
        t.row_long = false;
        t.row_first_is_bullet = None;
    }
}

/// Does a cell's text end like a value (`12.5`, `(4`, `—`), so that a `%` cell after it is its
/// unit? A year (`2023`) is a header: the `%` after it heads the next column.
fn ends_numeric(t: &str) -> bool {
    let year = t.len() == 4 && t.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y));
    !year && t.ends_with(|c: char| c.is_ascii_digit() || "(—-–".contains(c))
}

/// Does a cell's text start like a value, so that a currency cell before it is its sign?
fn starts_numeric(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit() || "(.—-–−".contains(c))
}

/// Does the source at a cell's first text hold a `%` sign (`%`, `%)`), not a header that starts
/// with one (`% Change`)? Looks at the source text up to the next tag.
fn is_percent_sign(src: &str) -> bool {
    src.strip_prefix('%').is_some_and(|r| {
        let r = r.split('<').next().unwrap_or("");
        !r.trim_start().starts_with(char::is_alphabetic)
    })
}

/// A footnote marker (`1`, `(2)`, `*`, `†`, `(a)`), or a list of them (`1, 2`, `14, 16`,
/// `(a),(b)`, `(2)(3)(4)`) but not a grouped number (`1,000`).
pub(super) fn is_footnote_marker(t: &str) -> bool {
    if one_marker(t) {
        return true;
    }
    let parts: Vec<&str> = t.split(',').map(str::trim).collect();
    let digits3 = |p: &&str| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit());
    let grouped = parts.len() > 1 && parts[1..].iter().all(digits3);
    t.chars().count() <= 16 && !grouped && parts.iter().all(|p| one_marker(p) || paren_markers(p))
}

/// `(2)(3)`: parenthesised markers one after another.
fn paren_markers(t: &str) -> bool {
    let inner = t.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
    inner.is_some_and(|i| i.split(")(").all(|m| !m.is_empty() && one_marker(m)))
}

fn one_marker(t: &str) -> bool {
    if t.is_empty() || t.chars().count() > 4 {
        return false;
    }
    if matches!(
        t.to_ascii_lowercase().as_str(),
        "st" | "nd" | "rd" | "th" | "er" | "e"
    ) {
        return false;
    }
    t.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '(' | ')' | '[' | ']' | '*' | ',' | '\u{2020}' | '\u{2021}' | '\u{a7}'
            )
    })
}

/// A bullet or list marker: `•`, `·`, `-`, `(1)`, `1.`, `(a)`.
fn is_list_marker(raw: &str) -> bool {
    let mut s = String::new();
    decode_into(raw, &mut s);
    let t = s.trim_matches(|c: char| c.is_whitespace());
    if t.is_empty() {
        return false;
    }
    if t.chars().count() == 1 {
        let c = t.chars().next().unwrap_or(' ');
        return !c.is_alphanumeric() && !matches!(c, '$' | '€' | '£' | '¥' | '%');
    }
    let inner = t
        .trim_start_matches('(')
        .trim_end_matches([')', '.'])
        .to_string();
    t.len() <= 5
        && (t.ends_with(')') || t.ends_with('.'))
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Bytes of visible (non-whitespace) text in a raw gap, references decoded.
fn visible_len(raw: &str) -> usize {
    let mut n = 0;
    for_each_piece(raw, |p| {
        if let Piece::Text(s, _) | Piece::Ref(s, _) = p {
            n += s.len();
        }
    });
    n
}

fn decode_into(raw: &str, out: &mut String) {
    for_each_piece(raw, |p| match p {
        Piece::Text(s, _) | Piece::Ref(s, _) => out.push_str(s),
        Piece::Space(_) => out.push(' '),
    });
}

// ---------------------------------------------------------------------------------------------
// Raw text -> pieces

enum Piece<'a> {
    /// Visible text copied verbatim, starting at this offset of the raw text.
    Text(&'a str, usize),
    /// A visible character reference: its replacement and the raw range.
    Ref(&'a str, Range<usize>),
    /// Whitespace (including `&nbsp;` and U+00A0), the raw range.
    Space(Range<usize>),
}

fn is_space_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')
}

/// Invisible characters dropped from the text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}'
    )
}

/// Split raw text into verbatim runs, decoded references and whitespace runs.
fn for_each_piece(raw: &str, mut f: impl FnMut(Piece<'_>)) {
    let b = raw.as_bytes();
    let mut i = 0;
    let mut run_start = 0;
    let mut buf = [0u8; 4];
    macro_rules! flush {
        ($end:expr) => {
            if $end > run_start {
                f(Piece::Text(&raw[run_start..$end], run_start));
            }
        };
    }
    while i < b.len() {
        let c = b[i];
        if c == b'&' {
            if let Some((rep, n)) = entities::decode_at(&raw[i..]) {
                flush!(i);
                let s: &str = match rep {
                    Replacement::Char(ch) => ch.encode_utf8(&mut buf),
                    Replacement::Str(s) => s,
                };
                let mut chars = s.chars();
                let first = chars.next().unwrap_or(' ');
                if chars.next().is_none() && is_space_char(first) {
                    f(Piece::Space(i..i + n));
                } else if !(s.chars().all(is_invisible)) {
                    f(Piece::Ref(s, i..i + n));
                }
                i += n;
                run_start = i;
                continue;
            }
            i += 1;
        } else if c.is_ascii_whitespace() {
            flush!(i);
            let s = i;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            f(Piece::Space(s..i));
            run_start = i;
        } else if c >= 0x80 {
            // a non-ASCII character: whitespace (U+00A0 …) or invisible ones are not text
            let ch = raw[i..].chars().next().unwrap_or('a');
            let n = ch.len_utf8();
            if is_space_char(ch) {
                flush!(i);
                f(Piece::Space(i..i + n));
                run_start = i + n;
            } else if is_invisible(ch) {
                flush!(i);
                run_start = i + n;
            }
            i += n;
        } else {
            i += 1;
        }
    }
    flush!(b.len());
}

// ---------------------------------------------------------------------------------------------
// Pass 2: events -> text

const CURRENCY_CELLS: &[&str] = &[
    "$", "€", "£", "¥", "₹", "US$", "C$", "A$", "HK$", "S$", "NT$", "R$", "NZ$", "($", "$(",
];

struct DataTable {
    start: Option<usize>,
    rows: Vec<Vec<Range<usize>>>,
    /// The grid columns of each cell of `rows`.
    cols: Vec<Vec<Range<u16>>>,
    /// A `CellStart` was seen and its first text has not arrived yet.
    fresh_cell: bool,
    /// Where the rows are in the table's grid (`colspan`, `rowspan`).
    grid: GridPos,
}

/// The HTML table model, enough of it to know which grid columns a cell covers: the current
/// row, the next free column, and the columns that cells from rows above still occupy.
#[derive(Default)]
struct GridPos {
    row: u32,
    col: u16,
    /// Per grid column: the first row below the `rowspan` of a cell above.
    busy_until: Vec<u32>,
    /// The grid columns of the cell being read.
    cell: Range<u16>,
}

impl GridPos {
    fn new_row(&mut self, first: bool) {
        if !first {
            self.row += 1;
        }
        self.col = 0;
        self.cell = 0..0;
    }

    fn new_cell(&mut self, span: Span2) {
        while self
            .busy_until
            .get(self.col as usize)
            .is_some_and(|&u| u > self.row)
        {
            self.col = self.col.saturating_add(1);
        }
        let end = self.col.saturating_add(span.cols).min(MAX_GRID_COLS);
        if span.rows > 1 {
            if self.busy_until.len() < end as usize {
                self.busy_until.resize(end as usize, 0);
            }
            for c in self.col..end {
                self.busy_until[c as usize] = self.row + u32::from(span.rows);
            }
        }
        self.cell = self.col..end;
        self.col = end;
    }
}

/// Grid columns beyond this are folded into the last (garbage `colspan` values).
const MAX_GRID_COLS: u16 = 4096;

struct Writer<'a> {
    src: &'a str,
    b: TextBuilder,
    pending_break: bool,
    pending_space: Option<Range<usize>>,
    /// Open tables, innermost last: `Some` for a data table.
    tables: Vec<Option<DataTable>>,
    done: Vec<Table>,
    /// In a layout table: the previous cell in this row was only a bullet.
    layout_bullet: bool,
    layout_cell_start: Option<usize>,
    /// Inline XBRL facts open at this point of the text.
    ix_open: Vec<usize>,
    /// The text range of each inline XBRL numeric fact, by its index.
    ix_text: Vec<Option<Range<usize>>>,
}

impl<'a> Writer<'a> {
    fn new(src: &'a str) -> Self {
        Writer {
            src,
            b: TextBuilder::with_capacity(src.len() / 3),
            pending_break: false,
            pending_space: None,
            tables: Vec::new(),
            done: Vec::new(),
            layout_bullet: false,
            layout_cell_start: None,
            ix_open: Vec::new(),
            ix_text: Vec::new(),
        }
    }

    fn data(&mut self) -> Option<&mut DataTable> {
        self.tables.last_mut().and_then(|t| t.as_mut())
    }

    fn run(&mut self, evs: &[Ev], is_data: &[bool]) {
        for ev in evs {
            match ev {
                Ev::Text(r) => self.text(r.clone()),
                Ev::Break => {
                    if self.data().is_some() {
                        self.space_at(None);
                    } else {
                        self.pending_break = true;
                    }
                }
                Ev::TableStart(id) => {
                    self.pending_break = true;
                    if is_data.get(*id).copied().unwrap_or(false) {
                        self.tables.push(Some(DataTable {
                            start: None,
                            rows: Vec::new(),
                            cols: Vec::new(),
                            fresh_cell: false,
                            grid: GridPos::default(),
                        }));
                    } else {
                        self.tables.push(None);
                    }
                }
                Ev::TableEnd => {
                    if let Some(Some(t)) = self.tables.pop() {
                        self.done.extend(Table::finish(t.start, t.rows, t.cols));
                    }
                    self.pending_break = true;
                    self.pending_space = None;
                }
                Ev::RowStart => {
                    if let Some(t) = self.data() {
                        t.grid.new_row(t.rows.is_empty());
                        t.rows.push(Vec::new());
                        t.cols.push(Vec::new());
                        t.fresh_cell = false;
                    } else {
                        self.pending_break = true;
                        self.layout_bullet = false;
                        self.layout_cell_start = None;
                    }
                }
                Ev::CellStart(span) => {
                    if let Some(t) = self.data() {
                        t.grid.new_cell(*span);
                        t.fresh_cell = true;
                    } else {
                        if !self.layout_bullet {
                            self.pending_break = true;
                        }
                        self.layout_cell_start = None;
                    }
                }
                Ev::IxOpen(i) => {
                    if self.ix_text.len() <= *i {
                        self.ix_text.resize(i + 1, None);
                    }
                    self.ix_open.push(*i);
                }
                Ev::IxClose(i) => self.ix_open.retain(|x| x != i),
                Ev::CellEnd => {
                    if let Some(t) = self.data() {
                        t.fresh_cell = false;
                    } else {
                        self.layout_bullet = match self.layout_cell_start {
                            Some(s) => is_list_marker(&self.b.text()[s..]),
                            None => false,
                        };
                        self.pending_break = !self.layout_bullet;
                        if self.layout_bullet {
                            self.space_at(None);
                        }
                    }
                }
            }
        }
    }

    fn space_at(&mut self, r: Option<Range<usize>>) {
        if self.pending_space.is_none() {
            self.pending_space = Some(r.unwrap_or(usize::MAX..usize::MAX));
        }
    }

    fn text(&mut self, r: Range<usize>) {
        let raw = &self.src[r.clone()];
        let base = r.start;
        for_each_piece(raw, |p| match p {
            Piece::Space(sr) => self.space_at(Some(base + sr.start..base + sr.end)),
            Piece::Text(s, off) => {
                self.before_visible(s, base + off);
                let at = self.b.len();
                self.b.push_verbatim(s, base + off);
                self.after_visible(at);
            }
            Piece::Ref(s, rr) => {
                self.before_visible(s, base + rr.start);
                let at = self.b.len();
                self.b.push_replaced(s, base + rr.start..base + rr.end);
                self.after_visible(at);
            }
        });
    }

    /// Emit separators owed before visible text `s` at source offset `at`.
    fn before_visible(&mut self, s: &str, at: usize) {
        let nonempty = !self.b.is_empty();
        if let Some(Some(t)) = self.tables.last_mut() {
            if t.fresh_cell || t.rows.last().map(|r| r.is_empty()).unwrap_or(true) {
                // first text of a cell
                t.fresh_cell = false;
                if t.rows.is_empty() {
                    t.rows.push(Vec::new());
                    t.cols.push(Vec::new());
                }
                let text = self.b.text();
                let prev_cell = t.rows.last().and_then(|r| r.last()).cloned();
                let join = match &prev_cell {
                    Some(pc) => {
                        let prev = text[pc.clone()].trim();
                        (CURRENCY_CELLS.contains(&prev) && starts_numeric(s))
                            || s.starts_with(')')
                            || (is_percent_sign(&self.src[at..]) && ends_numeric(prev))
                    }
                    None => false,
                };
                let cell = t.grid.cell.clone();
                if join {
                    // continue the previous cell; no separator
                    if let Some(c) = t.cols.last_mut().and_then(|r| r.last_mut()) {
                        c.end = c.end.max(cell.end);
                    }
                } else {
                    if prev_cell.is_some() {
                        self.b.push_synthetic("\t", at);
                    } else if t.start.is_some() || nonempty {
                        // a new row, or the table after prose
                        self.b.push_synthetic("\n\n", at);
                    }
                    let start = self.b.len();
                    if t.start.is_none() {
                        t.start = Some(start);
                    }
                    t.rows.last_mut().expect("row").push(start..start);
                    t.cols.last_mut().expect("row").push(cell);
                }
                self.pending_space = None;
                self.pending_break = false;
                return;
            }
            // inside a cell
            if let Some(sp) = self.pending_space.take() {
                self.push_space(sp, at);
            }
            return;
        }
        if self.pending_break {
            if nonempty {
                self.b.push_synthetic("\n\n", at);
            }
            self.pending_break = false;
            self.pending_space = None;
            if self.layout_cell_start.is_none() {
                self.layout_cell_start = Some(self.b.len());
            }
            return;
        }
        if let Some(sp) = self.pending_space.take() {
            if nonempty {
                self.push_space(sp, at);
            }
        }
        if self.layout_cell_start.is_none() {
            self.layout_cell_start = Some(self.b.len());
        }
    }

    fn push_space(&mut self, sp: Range<usize>, at: usize) {
        if self.b.text().ends_with([' ', '\n', '\t']) {
            return;
        }
        if sp.start == usize::MAX {
            self.b.push_synthetic(" ", at);
        } else if sp.len() == 1 && self.src.as_bytes()[sp.start] == b' ' {
            self.b.push_verbatim(" ", sp.start);
        } else {
            self.b.push_replaced(" ", sp);
        }
    }

    /// The inline XBRL facts open here cover the text `start..end`.
    #[cold]
    fn mark_facts(&mut self, start: usize, end: usize) {
        for &i in &self.ix_open {
            let r = &mut self.ix_text[i];
            *r = Some(r.as_ref().map_or(start, |r| r.start)..end);
        }
    }

    /// Visible text was written from `start` to the end of the text.
    fn after_visible(&mut self, start: usize) {
        let end = self.b.len();
        if !self.ix_open.is_empty() {
            self.mark_facts(start, end);
        }
        if let Some(Some(t)) = self.tables.last_mut() {
            if let Some(c) = t.rows.last_mut().and_then(|r| r.last_mut()) {
                c.end = end;
            }
        }
    }

    fn finish(self) -> (String, SpanMap, Vec<Table>) {
        let (text, map) = self.b.finish(self.src.len());
        (text, map, self.done)
    }
}
