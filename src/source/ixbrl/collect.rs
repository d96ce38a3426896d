//! The collector: reads inline XBRL from the HTML tokenizer's events (see the parent module).

use std::collections::HashMap;
use std::ops::Range;

use super::{transform, Context, Dei, Note, TaggedFact, XPeriod, XbrlFacts, MAX_CAPTURE};
use crate::periods::Date;
use crate::span::Span;

/// The elements the collector reads (lowercase, as the tokenizer gives them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    NonFraction,
    NonNumeric,
    Continuation,
    Exclude,
    Context,
    StartDate,
    EndDate,
    Instant,
    Forever,
    ExplicitMember,
    TypedMember,
    Unit,
    Measure,
    Numerator,
    Denominator,
    Other,
}

fn tag_of(name: &[u8]) -> Tag {
    match name {
        b"ix:nonfraction" => return Tag::NonFraction,
        b"ix:nonnumeric" => return Tag::NonNumeric,
        b"ix:continuation" => return Tag::Continuation,
        b"ix:exclude" => return Tag::Exclude,
        _ => {}
    }
    // XBRL instance elements, whatever their prefix (xbrli:, xbrldi:)
    let Some(p) = name.iter().position(|&c| c == b':') else {
        return Tag::Other;
    };
    match &name[p + 1..] {
        b"context" => Tag::Context,
        b"startdate" => Tag::StartDate,
        b"enddate" => Tag::EndDate,
        b"instant" => Tag::Instant,
        b"forever" => Tag::Forever,
        b"explicitmember" => Tag::ExplicitMember,
        b"typedmember" => Tag::TypedMember,
        b"unit" => Tag::Unit,
        b"measure" => Tag::Measure,
        b"unitnumerator" => Tag::Numerator,
        b"unitdenominator" => Tag::Denominator,
        _ => Tag::Other,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attr {
    Name,
    ContextRef,
    UnitRef,
    Decimals,
    Scale,
    Sign,
    Format,
    Id,
    ContinuedAt,
    Dimension,
    Nil,
}

/// The attributes of the start tag being read.
#[derive(Debug, Default, Clone)]
struct Attrs {
    name: String,
    context_ref: String,
    unit_ref: String,
    decimals: Option<String>,
    scale: Option<String>,
    sign: Option<String>,
    format: Option<String>,
    id: Option<String>,
    continued_at: Option<String>,
    dimension: String,
    nil: bool,
}

/// Nesting of captures is capped (hostile input could nest without end).
const MAX_OPEN: usize = 64;

/// A fact's element, from its start tag to its end tag.
#[derive(Debug)]
struct Raw {
    attrs: Attrs,
    text: String,
    /// Source range of the content (between the tags).
    content: Range<usize>,
}

#[derive(Debug)]
enum Open {
    /// Index into `raw`.
    Fraction(usize),
    /// A dei fact (index into `dei`), or another nonNumeric (`None`).
    Text(Option<usize>),
    Continuation(String),
}

#[derive(Debug)]
struct OpenCapture {
    what: Open,
    /// `ix:exclude` depth when it opened: text inside a deeper exclude is not its content.
    exclude_at: usize,
}

#[derive(Debug, Default)]
struct ContextBuild {
    id: String,
    start: Option<Date>,
    end: Option<Date>,
    instant: Option<Date>,
    forever: bool,
    dims: Vec<(String, String)>,
}

#[derive(Debug, Default)]
struct UnitBuild {
    id: String,
    num: Vec<String>,
    den: Vec<String>,
    in_den: bool,
}

/// Where element text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Start,
    End,
    Instant,
    Member,
    Measure,
}

/// Reads inline XBRL from the tokenizer's events (see the module docs).
#[derive(Debug, Default)]
pub struct Collector {
    tag: Option<Tag>,
    attr: Option<Attr>,
    attrs: Attrs,
    open: Vec<OpenCapture>,
    exclude_depth: usize,
    context: Option<ContextBuild>,
    unit: Option<UnitBuild>,
    target: Option<(Target, String)>,
    contexts: Vec<Context>,
    units: HashMap<String, String>,
    raw: Vec<Raw>,
    /// dei facts: (name, text, continuedAt).
    dei: Vec<(String, String, Option<String>)>,
    continuations: HashMap<String, (String, Option<String>)>,
}

impl Collector {
    pub fn new() -> Collector {
        Collector::default()
    }

    /// `<name`: a start tag begins.
    pub fn start_tag(&mut self, name: &[u8]) {
        let tag = tag_of(name);
        self.tag = (tag != Tag::Other).then_some(tag);
        self.attr = None;
        if self.tag.is_some() {
            self.attrs = Attrs::default();
        }
    }

    pub fn attr_name(&mut self, name: &[u8]) {
        if self.tag.is_none() {
            return;
        }
        self.attr = match name {
            b"name" => Some(Attr::Name),
            b"contextref" => Some(Attr::ContextRef),
            b"unitref" => Some(Attr::UnitRef),
            b"decimals" => Some(Attr::Decimals),
            b"scale" => Some(Attr::Scale),
            b"sign" => Some(Attr::Sign),
            b"format" => Some(Attr::Format),
            b"id" => Some(Attr::Id),
            b"continuedat" => Some(Attr::ContinuedAt),
            b"dimension" => Some(Attr::Dimension),
            b"xsi:nil" => Some(Attr::Nil),
            _ => None,
        };
    }

    pub fn attr_value(&mut self, value: &[u8]) {
        let Some(a) = self.attr.take() else { return };
        let v = match std::str::from_utf8(value) {
            Ok(s) => s.trim().to_string(),
            Err(_) => String::from_utf8_lossy(value).trim().to_string(),
        };
        let at = &mut self.attrs;
        match a {
            Attr::Name => at.name = v,
            Attr::ContextRef => at.context_ref = v,
            Attr::UnitRef => at.unit_ref = v,
            Attr::Decimals => at.decimals = Some(v),
            Attr::Scale => at.scale = Some(v),
            Attr::Sign => at.sign = Some(v),
            Attr::Format => at.format = Some(v),
            Attr::Id => at.id = Some(v),
            Attr::ContinuedAt => at.continued_at = Some(v),
            Attr::Dimension => at.dimension = v,
            Attr::Nil => at.nil = v == "true" || v == "1",
        }
    }

    /// `>` of a start tag ending at source offset `at`. Returns the index of a numeric fact that
    /// opens here (its text is marked in the output).
    pub fn close_start_tag(&mut self, self_closing: bool, at: usize) -> Option<usize> {
        let tag = self.tag.take()?;
        let attrs = std::mem::take(&mut self.attrs);
        if self_closing {
            if tag == Tag::NonFraction {
                self.raw.push(Raw {
                    attrs,
                    text: String::new(),
                    content: at..at,
                });
            } else if tag == Tag::Forever {
                if let Some(c) = self.context.as_mut() {
                    c.forever = true;
                }
            }
            return None;
        }
        let exclude_at = self.exclude_depth;
        let push = |open: &mut Vec<OpenCapture>, what: Open| {
            if open.len() < MAX_OPEN {
                open.push(OpenCapture { what, exclude_at });
            }
        };
        match tag {
            Tag::NonFraction => {
                self.raw.push(Raw {
                    attrs,
                    text: String::new(),
                    content: at..at,
                });
                let i = self.raw.len() - 1;
                push(&mut self.open, Open::Fraction(i));
                return Some(i);
            }
            Tag::NonNumeric => {
                let dei = attrs.name.starts_with("dei:").then(|| {
                    self.dei
                        .push((attrs.name, String::new(), attrs.continued_at));
                    self.dei.len() - 1
                });
                push(&mut self.open, Open::Text(dei));
            }
            Tag::Continuation => {
                let id = attrs.id.unwrap_or_default();
                self.continuations
                    .insert(id.clone(), (String::new(), attrs.continued_at));
                push(&mut self.open, Open::Continuation(id));
            }
            Tag::Exclude => self.exclude_depth += 1,
            Tag::Context => {
                self.context = Some(ContextBuild {
                    id: attrs.id.unwrap_or_default(),
                    ..Default::default()
                })
            }
            Tag::Unit => {
                self.unit = Some(UnitBuild {
                    id: attrs.id.unwrap_or_default(),
                    ..Default::default()
                })
            }
            Tag::Denominator => {
                if let Some(u) = self.unit.as_mut() {
                    u.in_den = true;
                }
            }
            Tag::StartDate => self.target = Some((Target::Start, String::new())),
            Tag::EndDate => self.target = Some((Target::End, String::new())),
            Tag::Instant => self.target = Some((Target::Instant, String::new())),
            Tag::Measure => self.target = Some((Target::Measure, String::new())),
            Tag::ExplicitMember | Tag::TypedMember => {
                self.target = Some((Target::Member, String::new()));
                if let Some(c) = self.context.as_mut() {
                    c.dims.push((attrs.dimension, String::new()));
                }
            }
            Tag::Forever => {
                if let Some(c) = self.context.as_mut() {
                    c.forever = true;
                }
            }
            Tag::Numerator | Tag::Other => {}
        }
        None
    }

    /// `</name>` starting at source offset `at`. Returns the index of a numeric fact that closes.
    pub fn end_tag(&mut self, name: &[u8], at: usize) -> Option<usize> {
        let tag = tag_of(name);
        match tag {
            Tag::NonFraction | Tag::NonNumeric | Tag::Continuation => self.close_capture(tag, at),
            Tag::Exclude => {
                self.exclude_depth = self.exclude_depth.saturating_sub(1);
                None
            }
            Tag::Context => {
                if let Some(c) = self.context.take() {
                    self.contexts.push(c.finish());
                }
                None
            }
            Tag::Unit => {
                if let Some(u) = self.unit.take() {
                    self.units.insert(u.id.clone(), u.measure());
                }
                None
            }
            Tag::StartDate | Tag::EndDate | Tag::Instant | Tag::Measure => {
                self.end_target();
                None
            }
            Tag::ExplicitMember | Tag::TypedMember => {
                if let (Some((Target::Member, v)), Some(c)) =
                    (self.target.take(), self.context.as_mut())
                {
                    if let Some(d) = c.dims.last_mut() {
                        d.1 = v.split_whitespace().collect::<Vec<_>>().join(" ");
                    }
                }
                None
            }
            _ => None,
        }
    }

    fn end_target(&mut self) {
        let Some((target, v)) = self.target.take() else {
            return;
        };
        let v = v.trim();
        if let Some(c) = self.context.as_mut() {
            let d = transform::iso_date(v);
            match target {
                Target::Start => c.start = d,
                Target::End => c.end = d,
                Target::Instant => c.instant = d,
                _ => {}
            }
        } else if let (Target::Measure, Some(u)) = (target, self.unit.as_mut()) {
            let m = v.rsplit(':').next().unwrap_or(v).to_string();
            if u.in_den {
                u.den.push(m);
            } else {
                u.num.push(m);
            }
        }
    }

    fn close_capture(&mut self, tag: Tag, at: usize) -> Option<usize> {
        let i = self.open.iter().rposition(|o| {
            matches!(
                (&o.what, tag),
                (Open::Fraction(_), Tag::NonFraction)
                    | (Open::Text(_), Tag::NonNumeric)
                    | (Open::Continuation(_), Tag::Continuation)
            )
        })?;
        let o = self.open.remove(i);
        match o.what {
            Open::Fraction(k) => {
                self.raw[k].content.end = at.max(self.raw[k].content.start);
                Some(k)
            }
            _ => None,
        }
    }

    /// Text (raw, character references not decoded) at source range `range`.
    pub fn text(&mut self, raw: &str) {
        if let Some((_, buf)) = self.target.as_mut() {
            push_capped(buf, raw);
        }
        for o in &self.open {
            if o.exclude_at != self.exclude_depth {
                continue;
            }
            let buf = match &o.what {
                Open::Fraction(k) => &mut self.raw[*k].text,
                Open::Text(Some(k)) => &mut self.dei[*k].1,
                Open::Text(None) => continue,
                Open::Continuation(id) => match self.continuations.get_mut(id) {
                    Some((t, _)) => t,
                    None => continue,
                },
            };
            push_capped(buf, raw);
        }
    }

    /// Resolve references and read every value. `text_of(i)` is the text range of numeric fact
    /// `i` in the output text; `span_of` maps a source range to the original file.
    pub fn finish(
        self,
        src: &str,
        text_of: &dyn Fn(usize) -> Option<Range<usize>>,
        span_of: &dyn Fn(Range<usize>) -> Span,
    ) -> XbrlFacts {
        let mut out = XbrlFacts {
            seen: self.raw.len(),
            dei: self.read_dei(),
            ..Default::default()
        };
        let mut ctx_index: HashMap<&str, usize> = HashMap::new();
        for (i, c) in self.contexts.iter().enumerate() {
            ctx_index.entry(c.id.as_str()).or_insert(i);
        }
        for (i, r) in self.raw.iter().enumerate() {
            let span = span_of(trim_range(src, r.content.clone()));
            if r.attrs.nil {
                out.nil += 1;
                continue;
            }
            let read = read_fact(r, &ctx_index, &self.units).map(|mut f| {
                f.span = span;
                f.text = text_of(i);
                f
            });
            match read {
                Ok(f) => out.facts.push(f),
                Err(message) => out.notes.push(Note {
                    span,
                    message: format!("{}: {message}", r.attrs.name),
                }),
            }
        }
        out.contexts = self.contexts;
        out.by_text = (out.facts.iter().enumerate())
            .filter_map(|(i, f)| Some((f.text.as_ref()?.start, i)))
            .collect();
        out.by_text.sort_unstable();
        out
    }

    fn read_dei(&self) -> Dei {
        let mut d = Dei::default();
        for (name, text, cont) in &self.dei {
            let v = self.follow(text, cont.as_deref());
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            match name.as_str() {
                "dei:CurrentFiscalYearEndDate" => {
                    d.fiscal_year_end = d.fiscal_year_end.or(transform::month_day(&v))
                }
                "dei:DocumentPeriodEndDate" => d.period_end = d.period_end.or(transform::date(&v)),
                "dei:DocumentFiscalPeriodFocus" => first(&mut d.period_focus, v),
                "dei:DocumentFiscalYearFocus" => {
                    d.year_focus = d.year_focus.or(v.trim().parse().ok())
                }
                "dei:DocumentType" => first(&mut d.document_type, v),
                "dei:EntityRegistrantName" => first(&mut d.registrant, v),
                "dei:EntityCentralIndexKey" => first(&mut d.cik, v),
                _ => {}
            }
        }
        d
    }

    /// A nonNumeric's text with its continuations (a chain, followed at most 100 links).
    fn follow<'a>(&'a self, text: &str, mut next: Option<&'a str>) -> String {
        let mut s = text.to_string();
        for _ in 0..100 {
            let Some(id) = next else { break };
            let Some((t, n)) = self.continuations.get(id) else {
                break;
            };
            s.push(' ');
            s.push_str(t);
            next = n.as_deref();
        }
        crate::source::html::decode(&s)
    }
}

/// Keep the first value of a dei fact tagged more than once.
fn first(slot: &mut Option<String>, v: String) {
    if slot.is_none() {
        *slot = Some(v);
    }
}

/// Append to a capture; past the cap the capture ends in `…`, which reads as no number or date.
fn push_capped(buf: &mut String, raw: &str) {
    if buf.len() + raw.len() <= MAX_CAPTURE {
        buf.push_str(raw);
    } else if !buf.ends_with('…') {
        buf.push('…');
    }
}

/// The content range without the whitespace around it.
fn trim_range(src: &str, content: Range<usize>) -> Range<usize> {
    let Some(s) = src.get(content.clone()) else {
        return content.start..content.start;
    };
    let lead = s.len() - s.trim_start().len();
    let start = content.start + lead;
    start..(start + s.trim().len())
}

impl ContextBuild {
    fn finish(mut self) -> Context {
        let period = match (self.instant, self.start, self.end) {
            (Some(d), _, _) => XPeriod::Instant { date: d },
            (None, Some(start), Some(end)) => XPeriod::Duration { start, end },
            _ if self.forever => XPeriod::Forever,
            // a context without a readable period: it can match nothing
            _ => XPeriod::Forever,
        };
        self.dims.sort();
        Context {
            id: self.id,
            period,
            dims: self.dims,
        }
    }
}

impl UnitBuild {
    fn measure(&self) -> String {
        let num = self.num.join("*");
        if self.den.is_empty() {
            num
        } else {
            format!("{num}/{}", self.den.join("*"))
        }
    }
}

/// Read one numeric fact (its span and text are set by the caller).
fn read_fact(
    r: &Raw,
    contexts: &HashMap<&str, usize>,
    units: &HashMap<String, String>,
) -> Result<TaggedFact, String> {
    let a = &r.attrs;
    if a.name.is_empty() {
        return Err("no concept name".into());
    }
    let context = *contexts
        .get(a.context_ref.as_str())
        .ok_or_else(|| format!("unknown context {:?}", a.context_ref))?;
    let unit = if a.unit_ref.is_empty() {
        String::new()
    } else {
        units
            .get(&a.unit_ref)
            .cloned()
            .ok_or_else(|| format!("unknown unit {:?}", a.unit_ref))?
    };
    let shown = crate::source::html::decode(&r.text).trim().to_string();
    let displayed = transform::number(a.format.as_deref(), &shown)?;
    let scale: i32 = match &a.scale {
        None => 0,
        Some(s) => s.parse().map_err(|_| format!("bad scale {s:?}"))?,
    };
    let factor = transform::pow10(scale).ok_or_else(|| format!("scale {scale} out of range"))?;
    let mut value = displayed
        .checked_mul(factor)
        .ok_or_else(|| format!("{shown} at scale {scale} overflows"))?;
    let negated = a.sign.as_deref() == Some("-");
    if negated {
        value = -value;
    }
    let decimals = match a.decimals.as_deref() {
        Some("INF") => None,
        Some(d) => {
            let d: i32 = d.parse().map_err(|_| format!("bad decimals {d:?}"))?;
            transform::pow10(-d).ok_or_else(|| format!("decimals {d} out of range"))?;
            Some(d)
        }
        // no decimals (invalid in inline XBRL 1.1): the precision it is displayed with
        None => Some(displayed.scale() as i32 - scale),
    };
    Ok(TaggedFact {
        concept: a.name.clone(),
        context,
        unit,
        value,
        decimals,
        scale,
        negated,
        shown,
        format: a.format.clone(),
        span: Span::new(0, 0),
        text: None,
    })
}
