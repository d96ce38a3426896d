//! `prose-table-tie`: a figure stated in prose must match the table cell for its metric and period.

use std::collections::HashMap;

use super::*;
use crate::source::Document;
use crate::tables::{self, Grid, Named, Period, RowKind, Vocab};

pub static RULE: RuleDef = RuleDef::document(
    "prose-table-tie",
    "A figure in the prose must match the table cell for the same metric and period",
    Severity::Error,
    DOCS,
    check_document,
);

const DOCS: &str = "\
Ties amounts in the prose to the tables: \"Total net revenue for the third quarter of 2016 was
$453K\" is compared with the cell in the row labelled \"Total net revenue\" (or \"Net revenue\")
and the column whose header names the same period (\"Three Months Ended September 30, 2016\"),
scaled by the table's unit caption (\"in thousands\", in the table or the paragraphs just before
it). The prose figure stands for what its precision allows and the cell for ±0.5 of its last
digit, so $1.42M ties to a cell of 1,421 (thousands). Amounts are compared in size (\"a net loss
of $5.5M\" ties to (5,500)).

A figure is linked only when its whole metric phrase is the row's label: the words of its clause
before the figure, less periods, linking words (\"for the third quarter of 2016 was\", \"compared
to\") and an opening subject (\"we recorded\"), must be the label's words, and nothing after the
figure may narrow it (\"related to the notes\", \"associated with the license\"). \"PD revenues\",
\"cash, cash equivalents and marketable securities\" or \"interest expense of the Asia-Pacific
segment\" are not the table's \"Revenues\", \"Cash and cash equivalents\", \"Interest expense\".
Columns whose headers name more than a period (a segment, a sub-metric such as \"Pre-tax
stock-based compensation\") are not the company's figure.

Every reading is tried: each period the sentence may give the figure (the phrase before it and
the one after it; \"three and six months ... $X and $Y, respectively\" pairs in order), every
row whose label is the metric or the metric narrowed (\"Net loss from continuing operations\"
for \"net loss\"), every table holding it, the prose written in the table's unit. A figure is
reported only when every reading finds a cell and none agrees.

Example (error), a table in thousands with a column \"Three Months Ended September 30, 2016\"
and a row \"Total net revenue | 453\":
    Total net revenue for the third quarter of 2016 was $463K.
    The table says 453 thousand: $453,000.

Suppress: <!-- tieout-ignore prose-table-tie: reason --> on the line before.";

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    if ctx.doc.tables.is_empty() {
        return vec![];
    }
    let reading = ctx.tables();
    // a total that does not foot is reported there, not again against the prose
    let suspect: Vec<usize> = super::table_footing::failures(ctx)
        .iter()
        .map(|m| m.primary.start)
        .collect();
    let mut stats = Stats::default();
    tie(ctx.doc, ctx.figs, &reading.grids, &reading.vocab, &mut stats)
        .into_iter()
        .filter(|m| !m.labels.iter().any(|(r, _)| suspect.contains(&r.start)))
        .map(Outcome::Mismatch)
        .collect()
}

/// What tying saw.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    /// Prose figures tied to a cell that agrees.
    pub tied: usize,
    /// Prose figures tied to cells that disagree.
    pub mismatched: usize,
}

fn sentence_bounds(text: &str, at: usize) -> Range<usize> {
    let b = text.as_bytes();
    let is_end = |i: usize| -> bool {
        // a break after byte i-1
        (b[i - 1] == b'\n' && i >= 2 && b[i - 2] == b'\n')
            || (matches!(b[i - 1], b' ' | b'\n')
                && i >= 2
                && matches!(b[i - 2], b'.' | b'!' | b'?' | b';'))
    };
    let mut s = at;
    while s > 0 && !is_end(s) {
        s -= 1;
    }
    let mut e = at;
    while e < b.len() && !(e > at && is_end(e)) {
        e += 1;
    }
    s..e
}

/// Punctuation that ends the metric's clause (a comma before a year, as in "September 30, 2016",
/// does not).
fn clause_break(s: &str) -> bool {
    s.char_indices().any(|(i, c)| match c {
        '(' | ')' | ';' | ':' => true,
        ',' => !(year_follows(&s[i + 1..]) || closes_date(&s[..i])),
        _ => false,
    })
}

/// Does a year open `rest` ("September 30, 2016")?
fn year_follows(rest: &str) -> bool {
    let rest = rest.trim_start().as_bytes();
    rest.len() >= 4 && rest[..4].iter().all(|b| b.is_ascii_digit())
}

/// Does `before` end with a date's year ("for the quarter ended September 30, 2024", before the
/// comma that closes the date)? The comma ends the period phrase, not the metric's clause.
fn closes_date(before: &str) -> bool {
    let b = before.as_bytes();
    let n = b.len();
    n >= 5 && b[n - 4..].iter().all(|c| c.is_ascii_digit()) && !b[n - 5].is_ascii_alphanumeric()
}

/// A row that holds a metric: its label words less linking words, with variants ("Total net
/// revenue" is also "net revenue"; "Net cash provided" also "cash provided").
struct Label {
    words: Vec<String>,
    grid: usize,
    row: usize,
}

fn labels(grids: &[Grid], v: &Vocab) -> Vec<Label> {
    let mut out = Vec::new();
    for (gi, g) in grids.iter().enumerate() {
        for (ri, row) in g.rows.iter().enumerate() {
            if row.kind != RowKind::Data || !row.aligned || row.unit.is_some() {
                continue;
            }
            let w = content(&row.words, v);
            if w.is_empty() {
                continue;
            }
            let mut variants = vec![w.clone()];
            if matches!(w[0].as_str(), "total" | "net") && w.len() > 1 {
                variants.push(w[1..].to_vec());
            }
            variants.extend(alternatives(&row.label, &w));
            // a row under a section heading is that section's metric for its label ("Segment
            // profit:" / "Asia Pacific")
            let section = content(&tables::label_words(&row.section), v);
            if !section.is_empty() {
                variants.push(section.into_iter().chain(w.iter().cloned()).collect());
            }
            for words in variants {
                let distinct = words.len() >= 2
                    || matches!(words[0].as_str(), "revenue" | "sale");
                if distinct {
                    out.push(Label {
                        words,
                        grid: gi,
                        row: ri,
                    });
                }
            }
        }
    }
    out
}

/// The metrics a label names with an alternative in parentheses: "Net income (loss)" is "net
/// income" and "net loss", "Other income (expense)" "other income" and "other expense".
fn alternatives(label: &str, words: &[String]) -> Vec<Vec<String>> {
    let lc = label.to_lowercase();
    let mut out = Vec::new();
    for i in 1..words.len() {
        if !lc.contains(&format!("{} ({})", words[i - 1], words[i])) {
            continue;
        }
        let mut one = words.to_vec();
        one.remove(i);
        let mut other = words.to_vec();
        other.remove(i - 1);
        out.extend([one, other]);
    }
    out
}

/// The words that name a metric: linking words ("of", "and", "the") dropped.
fn content(words: &[String], v: &Vocab) -> Vec<String> {
    words
        .iter()
        .filter(|w| !v.link.contains(w))
        .map(|w| singular(w))
        .collect()
}

/// A word without its plural `s` ("revenues" is "revenue", "expenses" "expense"; "loss" stays):
/// prose and row labels name one metric in either number.
fn singular(w: &str) -> String {
    match w.strip_suffix('s') {
        Some(stem) if stem.len() >= 4 && !stem.ends_with('s') => stem.to_string(),
        _ => w.to_string(),
    }
}

/// Does a word belong to a period phrase or a figure ("ended", "december", "31", "2016")?
fn period_word(w: &str, v: &Vocab) -> bool {
    w.bytes().all(|b| b.is_ascii_digit())
        || v.unscoped.iter().any(|u| u == w)
        || crate::periods::month_of(w).is_some()
}

/// The evidence a prose figure is linked by: its metric phrase (content words), the periods it
/// may mean, and the rows that hold the metric exactly or narrowed.
struct Evidence<'i> {
    metric: Vec<String>,
    periods: Vec<Period>,
    /// The period phrase nearest the figure comes first.
    exact: &'i [usize],
    narrowed: &'i [usize],
}

/// Tie the prose figures of a document to its tables.
pub fn tie(
    doc: &Document,
    figs: &[crate::extract::Figure],
    grids: &[Grid],
    v: &Vocab,
    stats: &mut Stats,
) -> Vec<Mismatch> {
    let labels = labels(grids, v);
    if labels.is_empty() {
        return vec![];
    }
    let index = Index::new(figs, &labels, v);
    let mut out = Vec::new();
    for f in figs {
        if !f.is_amount() || f.in_range || f.value.is_zero() || doc.in_table(f.range.start) {
            continue;
        }
        let Some(ev) = evidence(&doc.text, f, &index, v) else { continue };
        match judge(doc, f, &ev, &labels, grids) {
            Verdict::Agrees => stats.tied += 1,
            Verdict::Unverifiable => {}
            Verdict::Differs(cells) => {
                stats.mismatched += 1;
                out.push(describe(&doc.text, f, &ev, &cells, (&labels, grids)));
            }
        }
    }
    out
}

/// What tying looks up for every figure, built once per document: the figures by position and
/// the labels by their content words.
struct Index<'a> {
    figs: &'a [crate::extract::Figure],
    by_start: crate::extract::ByStart<'a>,
    /// Label indexes (ascending) by their content words.
    exact: HashMap<Vec<String>, Vec<usize>>,
    /// Label indexes (ascending) by each proper prefix of their content words.
    narrowed: HashMap<Vec<String>, Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(figs: &'a [crate::extract::Figure], labels: &[Label], v: &Vocab) -> Index<'a> {
        let mut exact: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        let mut narrowed: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
        for (i, l) in labels.iter().enumerate() {
            let w = content(&l.words, v);
            for k in 1..w.len() {
                narrowed.entry(w[..k].to_vec()).or_default().push(i);
            }
            exact.entry(w).or_default().push(i);
        }
        Index {
            figs,
            by_start: crate::extract::ByStart::new(figs),
            exact,
            narrowed,
        }
    }

    /// The figures inside `r`, in the order of `figs`.
    fn within(&self, r: &Range<usize>) -> Vec<&'a crate::extract::Figure> {
        let figs = self.figs;
        self.by_start.within(r).into_iter().map(|i| &figs[i]).collect()
    }
}

/// The places of the words that say a value moved to the figure ("rose 45% to", "decreased by
/// 23.4% to": a verb of change, "by" and then "to"; the percent is a figure, not a word): the
/// value after "to" is the metric's. A verb without "to" ("increased $5 million") states the
/// change, not the value, and keeps its words.
fn moved_to(words: &[&(String, Range<usize>)], v: &Vocab) -> Vec<usize> {
    let mut out = Vec::new();
    for (i, (w, _)) in words.iter().enumerate() {
        if !v.moved.contains(w) {
            continue;
        }
        let by = words.get(i + 1).is_some_and(|(x, _)| x == "by");
        let to = i + 1 + usize::from(by);
        if words.get(to).is_some_and(|(x, _)| x == "to") {
            out.extend(i..=to);
        }
    }
    out
}

/// Link a prose figure to the metric its clause names, when the whole phrase is a row label.
fn evidence<'i>(
    text: &str,
    f: &crate::extract::Figure,
    index: &'i Index,
    v: &Vocab,
) -> Option<Evidence<'i>> {
    let sent = sentence_bounds(text, f.range.start);
    let others = index.within(&sent);
    let in_fig = |p: usize| others.iter().any(|o| o.range.contains(&p));
    let toks: Vec<(String, Range<usize>)> = tables::tokens(&text[sent.clone()])
        .into_iter()
        .map(|(w, r)| (w, r.start + sent.start..r.end + sent.start))
        .filter(|(_, r)| !in_fig(r.start))
        .collect();
    // the metric phrase: the clause's words before the figure, less periods, links, preamble
    let before: Vec<&(String, Range<usize>)> =
        toks.iter().filter(|(_, r)| r.end <= f.range.start).collect();
    let moved = moved_to(&before, v);
    let metric: Vec<String> = before
        .iter()
        .enumerate()
        .filter(|(i, _)| !moved.contains(i))
        .map(|(_, (w, _))| w)
        .filter(|w| !period_word(w, v) && !v.link.contains(w) && !v.preamble.contains(w))
        .map(|w| singular(w))
        .collect();
    if metric.is_empty() {
        return None;
    }
    let exact = index.exact.get(&metric)?;
    let narrowed = index.narrowed.get(&metric).map_or(&[][..], |n| n);
    // where the metric's words end: the figure must follow it in the same clause
    let mend = before
        .iter()
        .rev()
        .find(|(w, _)| metric.last() == Some(&singular(w)))
        .map(|(_, r)| r.end)?;
    let first_after = others
        .iter()
        .filter(|o| o.range.start >= mend)
        .map(|o| o.range.start)
        .min()
        .unwrap_or(f.range.start);
    if clause_break(&text[mend..first_after]) {
        return None;
    }
    // an amount between the metric and this figure: only a comparison ("compared to") or a list
    // read "respectively" links it
    let respectively = toks.iter().any(|(w, _)| w == "respectively");
    let prev_fig = others
        .iter()
        .filter(|o| o.range.end <= f.range.start && o.range.start >= mend && o.is_amount())
        .map(|o| o.range.end)
        .max();
    let link = prev_fig.map(|pe| text[pe..f.range.start].to_lowercase());
    let compared = link
        .as_ref()
        .is_some_and(|l| ["compared", "versus", " vs"].iter().any(|k| l.contains(k)));
    if link.is_some_and(|l| !(compared || respectively && l.contains("and"))) {
        return None;
    }
    let after = after_window(text, f, &others, sent.end);
    // nothing after the figure may narrow it ("related to the notes")
    let narrows = tables::tokens(&text[after.clone()]).iter().any(|(w, r)| {
        !in_fig(after.start + r.start)
            && !period_word(w, v)
            && !v.link.contains(w)
            && w != "respectively"
    });
    if narrows {
        return None;
    }
    // the period phrase before: after the previous amount (a percent between, as in "for the
    // nine months decreased by 6.3% to $10.3 million", is the change, not another value)
    let before_start = others
        .iter()
        .filter(|o| o.range.end <= f.range.start && o.is_amount())
        .map(|o| o.range.end)
        .max()
        .unwrap_or(sent.start);
    // the value compared with another ("$189.0 million for the three months ended November 30,
    // 2023, compared with $171.9 million"): the period before it is the other value's
    let own_before = if compared && !respectively {
        f.range.start
    } else {
        before_start
    };
    // a balance at a date ("as of December 31") is not a period's flow
    if text[before_start..f.range.start].to_lowercase().contains("as of") {
        return None;
    }
    let list: Vec<usize> = others
        .iter()
        .filter(|o| o.is_amount())
        .map(|o| o.range.start)
        .collect();
    let index = respectively.then(|| list.iter().position(|&s| s == f.range.start)).flatten();
    let periods = periods(
        &text[sent.clone()],
        &text[sent.start..f.range.start],
        (&text[own_before..f.range.start], &text[after]),
        index.map(|i| (i, list.len())),
        v,
    );
    if periods.is_empty() {
        return None;
    }
    Some(Evidence {
        metric,
        periods,
        exact,
        narrowed,
    })
}

/// The text after a figure that belongs to it: up to the next figure or the end of its clause
/// (a comma, except before a year or around "respectively"; a semicolon; the sentence's end).
fn after_window(
    text: &str,
    f: &crate::extract::Figure,
    others: &[&crate::extract::Figure],
    sent_end: usize,
) -> Range<usize> {
    let next = others
        .iter()
        .filter(|o| o.range.start >= f.range.end)
        .map(|o| o.range.start)
        .min()
        .unwrap_or(sent_end);
    let s = &text[f.range.end..next];
    let mut end = s.len();
    for (i, c) in s.char_indices() {
        let rest = s[i + c.len_utf8()..].trim_start();
        let stop = match c {
            ';' | ':' | '(' => true,
            ',' => {
                let year = rest.len() >= 4 && rest.as_bytes()[..4].iter().all(|b| b.is_ascii_digit());
                let resp = rest.starts_with("respectively") || s[..i].trim_end().ends_with("respectively");
                !year && !resp
            }
            '.' => rest.is_empty() || rest.starts_with(|ch: char| ch.is_uppercase()),
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
    }
    f.range.end..f.range.end + end
}

/// The periods a figure may mean: the phrase just before it and the phrase after it; a phrase
/// that names a year but no length takes the length the sentence names before it. In a list
/// read "respectively" (`rank`: the figure's place among the sentence's amounts, their number)
/// the figure takes the period of its rank among those the sentence names, when it names as
/// many lengths or years as amounts.
fn periods(
    sentence: &str,
    upto: &str,
    (before, after): (&str, &str),
    rank: Option<(usize, usize)>,
    v: &Vocab,
) -> Vec<Period> {
    if let Some((i, len)) = rank {
        let mut n = Named::read(sentence, v);
        if n.durations.len() == len || n.years.len() == len {
            if n.durations.len() == len {
                n.durations = vec![n.durations[i]];
            }
            if n.years.len() == len {
                n.years = vec![n.years[i]];
            }
            return n.readings();
        }
    }
    let whole = Named::read(upto, v);
    let mut out = Vec::new();
    for part in [after, before] {
        let mut n = Named::read(part, v);
        if n.years.is_empty() {
            continue;
        }
        if n.durations.is_empty() {
            n.durations = whole.durations.clone();
            if n.months.is_empty() {
                n.months = whole.months.clone();
            }
        }
        for p in n.readings() {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

/// A cell a figure may be compared with.
#[derive(Clone)]
struct Cand<'a> {
    label: usize,
    col: usize,
    cell: &'a tables::Num,
    scale: Decimal,
}

enum Verdict<'a> {
    Agrees,
    /// A reading finds no cell: nothing can be said.
    Unverifiable,
    /// Every reading finds cells and none agrees: the cells of the first reading.
    Differs(Vec<Cand<'a>>),
}

/// The columns of a grid a period may be: value columns, not scoped, with a heading of that
/// period.
fn columns(g: &Grid, p: &Period) -> Vec<usize> {
    (0..g.columns.len())
        .filter(|&c| {
            let col = &g.columns[c];
            !col.maybe_change()
                && col.unit == tables::Unit::Amount
                && col.headings.iter().all(|h| !h.scoped)
                && col.headings.iter().any(|h| h.period.matches(p))
        })
        .collect()
}

/// The cells of some rows under one period reading.
fn cells<'a, 'w>(
    labels: &'w [Label],
    which: &'w [usize],
    p: &'w Period,
    grids: &'a [Grid],
) -> impl Iterator<Item = Cand<'a>> + 'w
where
    'a: 'w,
{
    which.iter().flat_map(move |&li| {
        let l = &labels[li];
        let g = &grids[l.grid];
        columns(g, p).into_iter().filter_map(move |c| {
            let cell = g.rows[l.row].at(c)?;
            (!cell.percent && !cell.dash).then(|| Cand {
                label: li,
                col: c,
                cell,
                scale: g.scale.unwrap_or(Decimal::ONE),
            })
        })
    })
}

/// Does a cell agree with the figure, at the table's scale or (for a figure written without a
/// scale word) in the table's own unit?
fn agrees(f: &crate::extract::Figure, c: &Cand, grids: &[Grid], labels: &[Label]) -> bool {
    let stated = f.interval().abs();
    let g = &grids[labels[c.label].grid];
    let mut scales = vec![c.scale];
    if g.scale.is_none() || f.scale == Decimal::ONE {
        scales.extend([Decimal::ONE, Decimal::ONE_THOUSAND, Decimal::from(1_000_000)]);
    }
    scales.iter().any(|s| {
        c.cell
            .interval()
            .scale(*s)
            .is_some_and(|iv| iv.abs().intersects(&stated))
    })
}

/// The tagged facts of an inline XBRL document and its fiscal calendar.
struct Tagged<'a> {
    x: &'a crate::source::ixbrl::XbrlFacts,
    cal: crate::xbrl::Calendar,
}

impl Tagged<'_> {
    fn of(doc: &Document) -> Option<Tagged<'_>> {
        doc.xbrl.as_ref().map(|x| Tagged {
            x,
            cal: crate::xbrl::Calendar::of_doc(doc, doc.declared_fye.unwrap_or(12)),
        })
    }

    /// The column of a tagged row whose context is `period` without dimensions: `Some(None)`
    /// when the row is tagged but no cell is, `None` when its cells are not tagged (the column
    /// headers decide).
    fn column(&self, g: &Grid, row: usize, period: &Period) -> Option<Option<usize>> {
        let mut any = false;
        let mut found = Vec::new();
        for c in 0..g.columns.len() {
            let Some(t) = g.rows[row].at(c).and_then(|n| self.x.at(&n.range)) else {
                continue;
            };
            any = true;
            let ctx = self.x.context(t);
            if ctx.dims.is_empty() && self.cal.periods(&ctx.period).iter().any(|p| same(p, period)) {
                found.push(c);
            }
        }
        any.then(|| (found.len() == 1).then(|| found[0]))
    }

    /// Is a candidate one the contexts allow? In a tagged row the context, not the heading,
    /// says which column holds a period (a heading "September 30, 2024" is fiscal 2025 for a
    /// June year end); a tagged figure is compared with tagged cells by concept and context
    /// (`prose-tagged-fact`), not by their words.
    fn allows(
        &self,
        f: &crate::extract::Figure,
        p: &Period,
        c: &Cand,
        labels: &[Label],
        grids: &[Grid],
    ) -> bool {
        let fig_tagged = self.x.overlapping(&f.range).next().is_some();
        if fig_tagged && self.x.overlapping(&c.cell.range).next().is_some() {
            return false;
        }
        let l = &labels[c.label];
        match self.column(&grids[l.grid], l.row, p) {
            Some(col) => col == Some(c.col),
            None => true,
        }
    }
}

/// Does a fiscal period read from a context name the period prose names?
fn same(p: &crate::periods::Period, prose: &Period) -> bool {
    use crate::periods::PeriodKind as K;
    use tables::Duration as D;
    let kind = match (p.kind, prose.duration) {
        (K::Quarter(q), Some(D::Quarter)) => prose.quarter.is_none_or(|x| x == q),
        (K::Half(h), Some(D::Half)) => prose.quarter.is_none() || h == 1,
        (K::NineMonths, Some(D::NineMonths)) | (K::Year, Some(D::Year)) => true,
        _ => false,
    };
    kind && prose.year.is_some_and(|y| i32::from(y) == p.year)
}

/// Compare a linked figure with its cells under every reading.
fn judge<'a>(
    doc: &Document,
    f: &crate::extract::Figure,
    ev: &Evidence,
    labels: &[Label],
    grids: &'a [Grid],
) -> Verdict<'a> {
    let tagged = Tagged::of(doc);
    let keep = |p: &Period, c: &Cand| tagged.as_ref().is_none_or(|t| t.allows(f, p, c, labels, grids));
    let mut first: Option<Vec<Cand<'a>>> = None;
    let mut verifiable = true;
    for p in &ev.periods {
        let mut loose = cells(labels, ev.exact, p, grids)
            .chain(cells(labels, ev.narrowed, p, grids))
            .filter(|c| keep(p, c));
        if loose.any(|c| agrees(f, &c, grids, labels)) {
            return Verdict::Agrees;
        }
        let mut strict = cells(labels, ev.exact, p, grids)
            .filter(|c| keep(p, c) && grids[labels[c.label].grid].scale.is_some());
        if first.is_none() {
            let all: Vec<Cand> = strict.collect();
            if all.is_empty() {
                verifiable = false;
            } else {
                first = Some(all);
            }
        } else if strict.next().is_none() {
            verifiable = false;
        }
    }
    match first {
        Some(c) if verifiable => {
            // the tables disagree among themselves: not ours to pick
            if c.iter().any(|x| x.cell.value != c[0].cell.value) {
                Verdict::Unverifiable
            } else {
                Verdict::Differs(c)
            }
        }
        _ => Verdict::Unverifiable,
    }
}

fn describe(
    text: &str,
    f: &crate::extract::Figure,
    ev: &Evidence,
    cells: &[Cand],
    (labels, grids): (&[Label], &[Grid]),
) -> Mismatch {
    let c0 = &cells[0];
    let g = &grids[labels[c0.label].grid];
    let row = &g.rows[labels[c0.label].row];
    let cw = text[c0.cell.range.clone()].trim();
    let sw = &text[f.range.clone()];
    let amount = (c0.cell.value * c0.scale).abs().normalize();
    let mut marks: Vec<(Range<usize>, String)> = vec![(
        c0.cell.range.clone(),
        format!("table: {}, {}", row.label, g.column_name(c0.col)),
    )];
    for other in &cells[1..] {
        if !marks.iter().any(|(r, _)| *r == other.cell.range) {
            marks.push((other.cell.range.clone(), "same figure in another table".into()));
        }
    }
    Mismatch {
        tier: Tier::Error,
        message: format!(
            "{sw} for `{}` ({}) does not match the table's {cw}",
            row.label,
            g.column_name(c0.col)
        ),
        primary: f.range.clone(),
        primary_label: format!("table: {amount}"),
        labels: marks,
        help: format!(
            "the cell {cw} at a scale of {} is {amount} (±{}), and {sw} stands for {}; linked \
             by the metric \"{}\" and {} period reading{}, none of which agrees",
            c0.scale.normalize(),
            (Decimal::new(5, c0.cell.decimals + 1) * c0.scale).normalize(),
            f.interval(),
            ev.metric.join(" "),
            ev.periods.len(),
            if ev.periods.len() == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(md: &str) -> Vec<String> {
        rule_findings("t.md", md, "prose-table-tie")
    }

    const T: &str = "\
Total net revenue for the third quarter of 2016 was $453K, compared to $1,183K for the third
quarter of 2015. Net revenue for the nine months ended September 30, 2016 was $1.42M.

(in thousands)

| | Three Months Ended September 30, 2016 | Three Months Ended September 30, 2015 | Nine Months Ended September 30, 2016 |
|---|---|---|---|
| Total net revenue | 453 | 1,183 | 1,421 |
| Gross profit | 100 | 200 | 300 |
";

    #[test]
    fn ties_by_label_and_period() {
        assert_eq!(findings(T), Vec::<String>::new());
        assert_eq!(findings(&T.replace("$1,183K", "$1,283K")), vec!["error `$1,283K`"]);
        assert_eq!(findings(&T.replace("$1.42M", "$1.52M")), vec!["error `$1.52M`"]);
        // no unit caption: nothing is tied
        let bare = T.replace("(in thousands)", "").replace("$1.42M", "$1.52M");
        assert_eq!(findings(&bare), Vec::<String>::new());
        // another metric word between: not tied
        let other = T.replace("$1.42M", "$1.52M").replace("2016 was $1.52M", "2016 excluding returns was $1.52M");
        assert_eq!(findings(&other), Vec::<String>::new());
    }
}
