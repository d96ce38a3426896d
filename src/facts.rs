//! Facts: (metric, period, value) triples a document states, and those supplied from outside.
//!
//! Metric names are normalised through the synonyms of the rule packs (`[metrics]` in
//! `rules/facts.toml`): "net revenue", "total net revenue" and "revenues" are all `revenue`.
//! Periods are normalised by [`crate::periods`]; "same period last year" is resolved against the
//! period of the value it is compared with. Facts serve three purposes: `restated-fact` (the same
//! fact stated twice with values that cannot both be true), making a change whose base is in
//! another document checkable (`--facts FILE`), and `tieout facts`, which prints what was
//! understood.

use std::collections::HashSet;
use std::ops::Range;

use crate::calendar::{fiscal_calendars, Calendars};
use crate::claims::{Claim, ClaimKind, FigId};
use crate::extract::{Extractor, Figure, Unit};
use crate::pack::Pack;
use crate::periods::{self, Found, Period};
use crate::source::Document;

/// Where a fact comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Source {
    /// Stated in the document being checked.
    Document,
    /// Supplied in a facts file: `origin` is `path:line`, `note` its `source` column.
    External { origin: String, note: String },
}

/// One fact.
#[derive(Debug, Clone)]
pub struct Fact {
    pub metric: String,
    pub period: Period,
    pub fig: Figure,
    /// The figure as written.
    pub text: String,
    /// Text range of the figure in its document (empty for external facts).
    pub range: Range<usize>,
    pub source: Source,
    /// The period is written next to the figure (not taken from the document's heading).
    pub explicit: bool,
    /// Where the figure is in the original file (set by the checker).
    pub location: Option<crate::span::Location>,
    /// The figure is a tagged inline XBRL fact: its concept, context and unit
    /// ([`crate::xbrl::key_string`]).
    pub tag: Option<String>,
}

/// Metric synonyms, longest first: (lower-case phrase, canonical name).
pub struct Metrics {
    phrases: Vec<(String, String)>,
}

/// Words that may stand before a metric name without making it another metric ("the net
/// revenue", but not "iPhone net revenue" or "Americas net sales").
const METRIC_LEAD: &[&str] = &[
    "the",
    "our",
    "its",
    "total",
    "consolidated",
    "company's",
    "company’s",
    "quarterly",
    "reported",
    "gaap",
    "annual",
    "record",
];

impl Metrics {
    pub fn new(pack: &Pack) -> Metrics {
        let mut phrases: Vec<(String, String)> = pack
            .metrics
            .iter()
            .flat_map(|(canon, syns)| {
                std::iter::once(canon.clone())
                    .chain(syns.iter().cloned())
                    .map(move |s| (s.to_lowercase(), canon.clone()))
            })
            .collect();
        phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        phrases.dedup();
        Metrics { phrases }
    }

    /// Canonical name of a metric written as `s` (a facts file's metric column).
    pub fn canonical(&self, s: &str) -> String {
        let l = s.trim().to_lowercase();
        self.phrases
            .iter()
            .find(|(p, _)| *p == l)
            .map(|(_, c)| c.clone())
            .unwrap_or(l)
    }

    /// The metric named last in `text` (lower-cased matching, whole words, a plain lead word).
    pub fn last_in(&self, text: &str) -> Option<(usize, String)> {
        let lc = text.to_lowercase();
        if lc.len() != text.len() {
            return None;
        }
        let mut best: Option<(usize, usize, String)> = None; // (end, len, canon)
        for (p, canon) in &self.phrases {
            for (at, _) in lc.match_indices(p.as_str()) {
                let end = at + p.len();
                let before_ok = lc[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let after_ok = lc[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
                    && ends_metric(&lc[end..]);
                if !before_ok || !after_ok {
                    continue;
                }
                let lead = lc[..at]
                    .trim_end()
                    .rsplit(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("");
                let lead = lead.trim_start_matches(['(', '"', '“']);
                let lead_ok = lead.is_empty()
                    || lead.ends_with([',', ';', ':', '.'])
                    || METRIC_LEAD.contains(&lead);
                if !lead_ok {
                    continue;
                }
                if best
                    .as_ref()
                    .is_none_or(|(e, l, _)| end > *e || (end == *e && p.len() > *l))
                {
                    best = Some((end, p.len(), canon.clone()));
                }
            }
        }
        best.map(|(e, _, c)| (e, c))
    }
}

/// What the words before a period phrase say of it.
#[derive(Debug, Clone, Copy)]
struct Lead {
    /// It follows "compared with", "from", "versus": it is the period of the value compared
    /// with, not of the one before it.
    compared: bool,
    /// A year after "months of", "quarter of", "half of": a part of that year.
    part_of_year: bool,
}

fn lead_of(text: &str, m: &periods::Match) -> Lead {
    let from = crate::span::floor_char(text, m.range.start.saturating_sub(20));
    let lead = text[from..m.range.start].trim_end().to_lowercase();
    let lead = lead.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let lead = lead.strip_suffix(" the").unwrap_or(lead);
    let year = matches!(
        m.what,
        Found::Period(Period {
            kind: periods::PeriodKind::Year,
            ..
        }) | Found::YearOnly
    );
    Lead {
        compared: [
            "compared with",
            "compared to",
            "from",
            "versus",
            "vs.",
            "over",
            "than",
            "against",
        ]
        .iter()
        .any(|c| lead.ends_with(c)),
        part_of_year: year
            && ["months of", "quarter of", "half of", "weeks of"]
                .iter()
                .any(|c| lead.ends_with(c)),
    }
}

/// Does the text after a metric's name end the name? The next word must not continue the noun
/// phrase ("revenue share and royalties", "sales and marketing expenses", "cash flow used") or
/// narrow it ("net loss from continuing operations", "net income attributable to", "per share").
fn ends_metric(after: &str) -> bool {
    let mut words = after
        .split(|c: char| c.is_whitespace() || c == '(')
        .filter(|w| !w.is_empty());
    let Some(next) = words.next() else {
        return true;
    };
    if next.starts_with(|c: char| !c.is_alphanumeric()) {
        return true;
    }
    let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
    let second = words.next().unwrap_or("");
    if next == "from" && (second.starts_with("continuing") || second.starts_with("discontinued")) {
        return false;
    }
    // a verb, a preposition, a comparison or a figure follows the name
    next.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            next,
            "was"
                | "were"
                | "is"
                | "are"
                | "of"
                | "for"
                | "in"
                | "from"
                | "to"
                | "by"
                | "at"
                | "on"
                | "over"
                | "during"
                | "as"
                | "compared"
                | "versus"
                | "vs"
                | "totaled"
                | "totalled"
                | "reached"
                | "amounted"
                | "increased"
                | "decreased"
                | "rose"
                | "fell"
                | "grew"
                | "declined"
                | "improved"
                | "dropped"
                | "climbed"
                | "jumped"
                | "remained"
                | "came"
                | "stood"
                | "up"
                | "down"
                | "has"
                | "had"
                | "have"
                | "would"
                | "will"
                | "also"
                | "primarily"
                | "mainly"
                | "increasing"
                | "decreasing"
                | "reported"
                | "reflected"
                | "included"
                | "represented"
                | "grows"
                | "rises"
                | "falls"
                | "declines"
        )
}

/// The periods of a document: every match, the document's own period (the first period named
/// near the top, as in "results for the third quarter ended September 30, 2016"), and the fiscal
/// calendars it allows.
pub struct DocPeriods {
    pub matches: Vec<periods::Match>,
    /// Per match, what the words before it say of it.
    compared: Vec<Lead>,
    pub current: Option<Period>,
    /// The fiscal calendars the document allows ([`crate::calendar::fiscal_calendars`]).
    pub calendars: Calendars,
    /// The best supported fiscal year end month, which names the periods of facts.
    pub fye: u8,
}

impl DocPeriods {
    /// `fye` is the configured fiscal year end month, or 0 when not configured: then the
    /// document's own evidence decides ([`crate::calendar::fiscal_calendars`]).
    pub fn new(doc: &Document, fye: u8) -> DocPeriods {
        let matches = periods::find_periods(&doc.text, 12);
        let calendars = fiscal_calendars(doc, &matches, fye);
        let fye = calendars.first();
        let head_end = doc.text.len().min(crate::calendar::HEAD);
        let current = matches
            .iter()
            .filter(|m| m.range.start < head_end)
            .find_map(|m| match &m.what {
                Found::Period(_) | Found::Ended { .. } => periods::resolve(&m.what, fye, None),
                _ => None,
            });
        let compared = matches.iter().map(|m| lead_of(&doc.text, m)).collect();
        DocPeriods {
            matches,
            compared,
            current,
            calendars,
            fye,
        }
    }

    /// The period phrases starting at or after `at`, in text order.
    pub(crate) fn from(&self, at: usize) -> &[periods::Match] {
        &self.matches[self.matches.partition_point(|m| m.range.start < at)..]
    }

    /// Period phrases inside `r`, each with whether it follows a comparison word. A year that
    /// ends a longer phrase the patterns do not read ("first nine months of fiscal 2024") is
    /// no period: which part of the year is not known.
    fn within(&self, r: Range<usize>) -> impl Iterator<Item = (&periods::Match, bool)> {
        // the matches are in order of start
        let from = self.matches.len() - self.from(r.start).len();
        self.matches[from..]
            .iter()
            .zip(self.compared[from..].iter().copied())
            .take_while(move |(m, _)| m.range.start <= r.end)
            .filter(move |(m, l)| m.range.end <= r.end && !l.part_of_year)
            .map(|(m, l)| (m, l.compared))
    }

    /// The period for a figure: the nearest period phrase before it in `clause`, else the first
    /// after it; relative phrases resolve against `relative_to`.
    pub(crate) fn for_range(
        &self,
        clause: Range<usize>,
        at: Range<usize>,
        relative_to: Option<Period>,
        prefer_after: bool,
    ) -> Option<(Period, Range<usize>)> {
        // a period after "compared with", "from" or "versus" is that of the other value
        let before = self
            .within(clause.start..at.start)
            .filter(|(m, compared)| !matches!(m.what, Found::Date(_)) && !compared)
            .map(|(m, _)| m)
            .last();
        let after = self
            .within(at.end..clause.end)
            .map(|(m, _)| m)
            .find(|m| !matches!(m.what, Found::Date(_)));
        let order = if prefer_after {
            [after, before]
        } else {
            [before, after]
        };
        order.into_iter().flatten().find_map(|m| {
            // a quarter named without its year takes the document's year
            let rel = match m.what {
                Found::QuarterOnly(_) | Found::YearOnly => self.current,
                _ => relative_to,
            };
            periods::resolve(&m.what, self.fye, rel).map(|p| (p, m.range.clone()))
        })
    }
}

/// Who a document is about: its ticker ("(NASDAQ: ASTI)") or, failing that, the first company
/// name ending in Inc., Corp., Ltd. near the top. Facts are compared across the files of a run
/// only between documents about the same company.
pub fn company_key(text: &str) -> Option<String> {
    use crate::pattern::Pattern;
    static RE: std::sync::OnceLock<(Pattern, Pattern)> = std::sync::OnceLock::new();
    let (ticker, name) = RE.get_or_init(|| {
        (
            Pattern::new(
                r"(?i-u)(?-u:\b)(?:NASDAQ|NYSE(?:[ \t\r\n]+American)?|NYSE[ \t\r\n]+MKT|OTCQB|OTCQX|OTC|TSX(?:-V)?|TSXV|AMEX|CSE|ASX|LSE)[ \t\r\n]*:[ \t\r\n]*([A-Z][A-Z.]{0,6})(?-u:\b)",
            ),
            Pattern::new(
                r"(?-u:\b)((?:[A-Z][A-Za-z0-9&'-]*[ \t\r\n]+){1,5}(?:Inc|Corp|Corporation|Ltd|Limited|plc|PLC|Co|Company|Group|Holdings|N\.V|S\.A|AG|SE)(?-u:\b))\.?",
            ),
        )
    });
    let head = &text[..crate::span::floor_char(text, 3000)];
    if let Some(c) = ticker.captures(head) {
        return Some(c[1].to_ascii_uppercase());
    }
    name.captures(head)
        .map(|c| c[1].split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The sentence around `at`: from the previous ". " or blank line to the next.
pub(crate) fn sentence_of(text: &str, at: usize) -> Range<usize> {
    // from the previous sentence end to the next (cheap: ". " or blank line): the nearest one
    // on each side, so only the sentence itself is scanned
    let b = text.as_bytes();
    let ends_at = |p: usize| matches!((b[p], b[p + 1]), (b'.', b' ') | (b'\n', b'\n'));
    let start = (0..at.saturating_sub(1))
        .rev()
        .find(|&p| ends_at(p))
        .map_or(0, |p| p + 1);
    let end = (at..b.len().saturating_sub(1))
        .find(|&p| ends_at(p))
        .unwrap_or(text.len());
    start..end
}

/// Facts stated in a document: the values of change claims, with their periods, and plain
/// statements ("Revenue for the second quarter of 2016 was $254K").
pub fn doc_facts(
    doc: &Document,
    figs: &[Figure],
    claims: &[Claim],
    metrics: &Metrics,
    periods: &DocPeriods,
) -> Vec<Fact> {
    let mut found = FactFinder {
        text: &doc.text,
        figs,
        by_start: crate::extract::ByStart::new(figs),
        metrics,
        periods,
        out: Vec::new(),
        seen: HashSet::new(),
    };
    for c in claims {
        found.of_change(c);
    }
    let in_claim: HashSet<FigId> = claims.iter().flat_map(|c| c.figures()).collect();
    for (id, f) in figs.iter().enumerate() {
        if f.is_amount() && !f.in_range && !doc.in_table(f.range.start) && !in_claim.contains(&id) {
            found.of_statement(id);
        }
    }
    found.out
}

/// The facts found so far in a document, and what finding them needs.
struct FactFinder<'a> {
    text: &'a str,
    figs: &'a [Figure],
    by_start: crate::extract::ByStart<'a>,
    metrics: &'a Metrics,
    periods: &'a DocPeriods,
    out: Vec<Fact>,
    /// (range, metric, period) of the facts in `out`.
    seen: HashSet<(Range<usize>, String, Period)>,
}

impl FactFinder<'_> {
    /// Keep a figure as a fact, unless its sentence is about a segment or a forecast.
    fn push(&mut self, id: FigId, metric: &str, period: Period, explicit: bool) {
        let (text, f) = (self.text, &self.figs[id]);
        // segment figures are not the company's, and forecasts are not facts
        let sent = sentence_of(text, f.range.start);
        let lc = text[sent].to_lowercase();
        const NOT_FACTS: &[&str] = &[
            "segment",
            "expect",
            "project",
            " will ",
            "guidance",
            "outlook",
            "target",
            "forecast",
            "anticipate",
            "annualized",
            "run-rate",
            "run rate",
            "would have",
            "constant currency",
            "pro forma",
        ];
        if NOT_FACTS.iter().any(|w| lc.contains(w))
            || f.range.end > text.len()
            || !(f.is_amount() || f.unit == Unit::Shares)
        {
            return;
        }
        // "for the three and six months ..., $5M and $10M, respectively": which period goes
        // with which value is not certain
        let explicit = explicit && !lc.contains("respectively");
        if !self
            .seen
            .insert((f.range.clone(), metric.to_string(), period))
        {
            return;
        }
        self.out.push(Fact {
            metric: metric.to_string(),
            period,
            fig: f.clone(),
            text: text[f.range.clone()].to_string(),
            range: f.range.clone(),
            source: Source::Document,
            explicit,
            location: None,
            tag: None,
        });
    }

    /// The values of a change claim: the new value with its period, and the base when its own
    /// period is named.
    fn of_change(&mut self, c: &Claim) {
        if c.kind() != ClaimKind::Change || c.mixed_sign {
            return;
        }
        let Some(cur) = c.current.filter(|_| !c.current_from_context) else {
            return;
        };
        let (text, figs) = (self.text, self.figs);
        let sent = sentence_of(text, figs[cur].range.start);
        let Some(metric) = self.metric_of(c, cur, &sent) else {
            return;
        };
        // the new value's period: named before it, or right after it (before the next figure)
        let near = self.near_end(figs[cur].range.end, &sent, 50);
        let explicit = self.periods.for_range(
            sent.start.min(figs[cur].range.start)..near,
            figs[cur].range.clone(),
            None,
            false,
        );
        let Some(cur_period) = explicit.as_ref().map(|(p, _)| *p).or(self.periods.current) else {
            return;
        };
        self.push(cur, &metric, cur_period, explicit.is_some());
        let Some(b) = c.base else { return };
        let near = self.near_end(figs[b].range.end, &sent, 60);
        let base_period = self.periods.for_range(
            figs[b].range.end..near,
            figs[b].range.clone(),
            Some(cur_period),
            true,
        );
        if let Some((p, _)) = base_period.filter(|(p, _)| *p != cur_period) {
            self.push(b, &metric, p, explicit.is_some());
        }
    }

    /// The metric of a change: named close before the claim (at most 12 words, one comma), or
    /// right after the base ("$7.1M operating loss").
    fn metric_of(&self, c: &Claim, cur: FigId, sent: &Range<usize>) -> Option<String> {
        let (text, figs) = (self.text, self.figs);
        let first = c.range.start.min(figs[cur].range.start);
        let from = sent.start.min(first);
        let before = self.metrics.last_in(&text[from..first]).filter(|(end, _)| {
            let between = &text[from + end..first];
            between.split_whitespace().count() <= 12 && between.matches([',', ';']).count() <= 1
        });
        before.map(|(_, m)| m).or_else(|| {
            let b = c.base?;
            let e = crate::span::floor_char(text, (figs[b].range.end + 30).min(sent.end));
            let e = e.max(figs[b].range.end);
            self.metrics
                .last_in(&text[figs[b].range.end..e])
                .map(|(_, m)| m)
        })
    }

    /// Where the words that belong to a figure ending at `end` stop: the next figure or the end
    /// of the sentence, at most `max` bytes on.
    fn near_end(&self, end: usize, sent: &Range<usize>, max: usize) -> usize {
        let next = self
            .by_start
            .next_start(end)
            .unwrap_or(sent.end)
            .min(sent.end);
        crate::span::floor_char(self.text, next.min(end + max)).max(end)
    }

    /// "Revenue for the second quarter of 2016 was $254K": the metric, its period, a verb of
    /// being, the figure: close together, no comma, no other figure between.
    fn of_statement(&mut self, id: FigId) {
        let (text, f) = (self.text, &self.figs[id]);
        let sent = sentence_of(text, f.range.start);
        let Some((end, metric)) = self.metrics.last_in(&text[sent.start..f.range.start]) else {
            return;
        };
        let between_r = sent.start + end..f.range.start;
        let between = text[between_r.clone()].to_lowercase();
        let verb = [
            " was ",
            " were ",
            " totaled ",
            " totalled ",
            " reached ",
            " of ",
        ]
        .iter()
        .any(|v| between.contains(v) || between.ends_with(v.trim_end()));
        let other_fig = self.by_start.any_within(&between_r);
        if between.split_whitespace().count() > 12
            || between.contains([',', ';', '('])
            || !verb
            || other_fig
        {
            return;
        }
        // the period: between the metric and the figure, or right after the figure
        let after_end = crate::span::floor_char(text, (f.range.end + 50).min(sent.end));
        let periods = self.periods;
        let period = periods
            .for_range(
                between_r.clone(),
                between_r.end..between_r.end,
                periods.current,
                false,
            )
            .or_else(|| {
                periods.for_range(
                    f.range.end..after_end.max(f.range.end),
                    f.range.end..f.range.end,
                    periods.current,
                    true,
                )
            });
        if let Some((p, _)) = period {
            self.push(id, &metric, p, true);
        }
    }
}

/// One row of a facts file.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FactRow {
    metric: String,
    period: String,
    value: String,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FactsToml {
    #[serde(default)]
    fact: Vec<toml::Spanned<FactRow>>,
}

/// What a facts file holds, for messages.
const FACTS_FORMAT: &str = "TOML `[[fact]]` tables or CSV rows with metric, period and value \
                            (and optionally unit and source)";

/// Load a facts file: TOML (`[[fact]] metric = "revenue", period = "Q2 2016", value = "$254K",
/// source = "Q2 2016 release"`) or CSV with the header `metric,period,value,unit,source`.
/// Errors name the file and line.
pub fn load_facts_file(
    path: &std::path::Path,
    extractor: &Extractor,
    metrics: &Metrics,
) -> Result<Vec<Fact>, String> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let rows = match ext.as_deref() {
        Some("csv") => parse_csv(&display, &text)?,
        Some("toml") => parse_toml(&display, &text)?,
        _ => {
            return Err(format!(
                "{display}: not a facts file (.toml or .csv): --facts reads {FACTS_FORMAT}; \
                 to check a document, name it without --facts"
            ))
        }
    };
    if rows.is_empty() {
        return Err(format!("{display}: no facts: write {FACTS_FORMAT}"));
    }
    rows.into_iter()
        .map(|(line, row)| {
            let origin = format!("{display}:{line}");
            fact_of_row(origin, row, extractor, metrics)
        })
        .collect()
}

/// One fact from a row of a facts file (`origin`: `file:line`).
fn fact_of_row(
    origin: String,
    row: FactRow,
    extractor: &Extractor,
    metrics: &Metrics,
) -> Result<Fact, String> {
    let period = Period::parse(&row.period)
        .ok_or_else(|| format!("{origin}: cannot read the period {:?}", row.period))?;
    let fig = fact_value(&row, extractor).map_err(|e| format!("{origin}: {e}"))?;
    Ok(Fact {
        metric: metrics.canonical(&row.metric),
        period,
        text: row.value.clone(),
        fig,
        range: 0..0,
        explicit: true,
        location: None,
        tag: None,
        source: Source::External {
            origin,
            note: row.source.clone().unwrap_or_default(),
        },
    })
}

/// The figure of a row: its value, read with its unit column. Currency codes go before the
/// number, scale words after ("USD thousand" and "254" read as "USD 254 thousand").
fn fact_value(row: &FactRow, extractor: &Extractor) -> Result<Figure, String> {
    let unit = row.unit.as_deref().map(str::trim).filter(|u| !u.is_empty());
    if let Some(u) = unit {
        if let Some(w) = u.split_whitespace().find(|w| !extractor.is_unit_word(w)) {
            return Err(format!(
                "unknown unit {w:?} in {u:?}: write a currency code ({}), optionally with a \
                 scale word (thousand, million, billion), or %, or shares",
                extractor.currency_codes().join(", ")
            ));
        }
    }
    let value = match unit {
        Some(u) if !row.value.contains(['$', '€', '£', '¥']) => {
            let (cur, scale): (Vec<&str>, Vec<&str>) = u
                .split_whitespace()
                .partition(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '$'));
            format!("{} {} {}", cur.join(" "), row.value, scale.join(" "))
                .trim()
                .to_string()
        }
        _ => row.value.clone(),
    };
    let figs = extractor.extract(&value);
    if let Some(fig) = figs
        .into_iter()
        .find(|f| f.is_amount() || f.unit == Unit::Shares || f.unit == Unit::Percent)
    {
        return Ok(fig);
    }
    Err(match unit {
        None if !row.value.trim().is_empty()
            && row
                .value
                .trim()
                .bytes()
                .all(|c| c.is_ascii_digit() || b".,-".contains(&c)) =>
        {
            format!(
                "the value {:?} has no unit: write it as an amount (\"$254K\", \"EUR 1.2 \
                 million\"), or give the unit (a unit column, or unit = \"USD thousand\"; \
                 \"%\" or \"shares\")",
                row.value
            )
        }
        _ => format!(
            "cannot read the value {:?}: write an amount (\"$254K\"), a percentage (\"12%\") \
             or a number of shares",
            row.value
        ),
    })
}

fn parse_toml(display: &str, text: &str) -> Result<Vec<(usize, FactRow)>, String> {
    let t: FactsToml = crate::toml_text::from_toml(text).map_err(|e| e.located(display))?;
    Ok(t.fact
        .into_iter()
        .map(|r| {
            let line = crate::toml_text::line_col(text, r.span().start).0;
            (line, r.into_inner())
        })
        .collect())
}

fn parse_csv(display: &str, text: &str) -> Result<Vec<(usize, FactRow)>, String> {
    const COLUMNS: [&str; 5] = ["metric", "period", "value", "unit", "source"];
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let err = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(1);
        format!("{display}:{line}: {e}")
    };
    let headers: Vec<String> = r
        .headers()
        .map_err(err)?
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    if let Some(c) = headers.iter().find(|c| !COLUMNS.contains(&c.as_str())) {
        return Err(format!(
            "{display}:1: unknown column {c:?}; the columns are {}",
            COLUMNS.join(", ")
        ));
    }
    if !COLUMNS[..3].iter().all(|c| headers.iter().any(|h| h == c)) {
        return Err(format!(
            "{display}:1: the header must name the columns metric, period, value (and optionally unit, source)"
        ));
    }
    let headers = csv::StringRecord::from(headers);
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(err)?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let row: FactRow = rec
            .deserialize(Some(&headers))
            .map_err(|e| format!("{display}:{line}: {e}"))?;
        let blank = |s: &str| s.trim().is_empty();
        if blank(&row.metric) || blank(&row.period) || blank(&row.value) {
            return Err(format!("{display}:{line}: needs metric, period and value"));
        }
        let empty = |o: Option<String>| o.filter(|s| !s.is_empty());
        out.push((
            line,
            FactRow {
                unit: empty(row.unit),
                source: empty(row.source),
                ..row
            },
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;

    fn facts_of(text: &str) -> Vec<String> {
        let checker = Checker::default_checker();
        let doc = Document::plain("t.txt", text);
        checker
            .facts(&doc)
            .into_iter()
            .map(|f| format!("{} {} {}", f.metric, f.period, f.text))
            .collect()
    }

    #[test]
    fn facts_from_changes_with_their_periods() {
        let t = "Results for the third quarter ended September 30, 2016.\n\nNet operating loss for the third quarter of 2016 improved by roughly 21% ($1.5M); down from a $7M loss for the same period in 2015 to approximately $5.5M. For the nine months ended September 30, 2016, total revenue was $1.42M, compared to $4.14M reported for the same period last year, a decrease of $2.73M.";
        assert_eq!(
            facts_of(t),
            vec![
                "operating loss Q3 2015 $7M",
                "operating loss Q3 2016 $5.5M",
                "revenue 9M 2016 $1.42M",
                "revenue 9M 2015 $4.14M",
            ]
        );
    }

    #[test]
    fn plain_statements_and_segments() {
        let t = "Revenue for the second quarter of 2016 was $254K. iPhone net sales for the second quarter of 2016 were $9M.";
        assert_eq!(facts_of(t), vec!["revenue Q2 2016 $254K"]);
    }

    #[test]
    fn a_metric_is_the_whole_noun_phrase_and_its_own_period() {
        let t = "Revenue for the first quarter of 2024 was $2,162 million. Revenue share for the first quarter of 2024 was $395 million. Net loss from continuing operations for 2023 was $8.7 million. Cash flow used in financing activities for 2023 was $46.5 million.";
        assert_eq!(facts_of(t), vec!["revenue Q1 2024 $2,162 million"]);
        // the period after "compared with" is the base's
        let t = "Gross profit for the third quarter of 2024 increased $1.2 million, or 5%, compared with the third quarter of 2023, to $25.1 million.";
        assert_eq!(facts_of(t), vec!["gross profit Q3 2024 $25.1 million"]);
    }

    #[test]
    fn figures_on_another_basis_are_not_facts() {
        let t = "Using these constant rates for full year 2024, our total revenue would have been $165.37 billion.";
        assert_eq!(facts_of(t), Vec::<String>::new());
        let t = "On a pro forma basis, revenue for the second quarter of 2016 was $300K.";
        assert_eq!(facts_of(t), Vec::<String>::new());
    }

    #[test]
    fn csv_and_toml_facts_files() {
        let dir = tempfile::tempdir().unwrap();
        let pack = Pack::builtin();
        let ex = Extractor::new(&pack);
        let m = Metrics::new(&pack);
        let csv = dir.path().join("f.csv");
        std::fs::write(
            &csv,
            "metric,period,value,unit,source\nNet revenue,Q2 2016,254,USD thousand,Q2 release\n",
        )
        .unwrap();
        let f = load_facts_file(&csv, &ex, &m).unwrap();
        assert_eq!(
            (
                f[0].metric.as_str(),
                f[0].period.to_string(),
                f[0].fig.value
            ),
            ("revenue", "Q2 2016".to_string(), "254000".parse().unwrap())
        );
        let toml = dir.path().join("f.toml");
        std::fs::write(
            &toml,
            "[[fact]]\nmetric = \"revenue\"\nperiod = \"Q2 2016\"\nvalue = \"$254K\"\ncolour = 1\n",
        )
        .unwrap();
        let e = load_facts_file(&toml, &ex, &m).unwrap_err();
        assert!(e.contains("f.toml") && e.contains("colour"), "{e}");
        std::fs::write(
            &toml,
            "[[fact]]\nmetric = \"revenue\"\nperiod = \"sometime\"\nvalue = \"$254K\"\n",
        )
        .unwrap();
        let e = load_facts_file(&toml, &ex, &m).unwrap_err();
        assert!(
            e.ends_with("f.toml:1: cannot read the period \"sometime\""),
            "{e}"
        );
    }
}
