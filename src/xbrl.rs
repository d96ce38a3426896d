//! Tagged facts as tieout facts: XBRL concepts mapped to metric names (`[concepts]` in
//! `rules/facts.toml`), contexts to fiscal periods, and the JSON facts files (`tieout facts
//! --format json` read back, and the SEC "companyfacts" format).
//!
//! The inline XBRL itself is read by [`crate::source::ixbrl`]; this module only reads the data it
//! left on the [`Document`].

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::extract::{Figure, Unit};
use crate::facts::{Fact, Metrics, Source};
use crate::pack::Pack;
use crate::periods::{Date, Period, PeriodKind};
use crate::source::ixbrl::{transform::pow10, TaggedFact, XPeriod, XbrlFacts};
use crate::source::Document;
use crate::span::Location;

mod json;
pub use json::load_facts_json;

/// Which metric each concept reports, and back.
#[derive(Debug, Clone, Default)]
pub struct Concepts {
    /// concept → (metric, negated)
    by_concept: HashMap<String, Vec<(String, bool)>>,
}

impl Concepts {
    pub fn new(pack: &Pack) -> Concepts {
        let mut by_concept: HashMap<String, Vec<(String, bool)>> = HashMap::new();
        for (metric, concepts) in &pack.concepts {
            for c in concepts {
                let (neg, c) = match c.strip_prefix('-') {
                    Some(c) => (true, c),
                    None => (false, c.as_str()),
                };
                by_concept
                    .entry(c.trim().to_string())
                    .or_default()
                    .push((metric.to_lowercase(), neg));
            }
        }
        Concepts { by_concept }
    }

    /// The metrics a concept's value reports, each with the value it has as that metric: a
    /// negated mapping applies to values below zero only (net loss is NetIncomeLoss < 0), and a
    /// plain one to values not below zero.
    pub fn metrics_of(&self, concept: &str, value: Decimal) -> Vec<(&str, Decimal)> {
        self.by_concept
            .get(concept)
            .into_iter()
            .flatten()
            .map(|(m, neg)| (m.as_str(), if *neg { -value } else { value }))
            .filter(|(_, v)| *v >= Decimal::ZERO)
            .collect()
    }

    /// Does the concept report `metric` (either sign)? Returns whether it is negated.
    pub fn reports(&self, concept: &str, metric: &str) -> Option<bool> {
        self.by_concept
            .get(concept)?
            .iter()
            .find(|(m, _)| m == metric)
            .map(|(_, neg)| *neg)
    }
}

/// How a filer names its fiscal periods: the month its year ends in, and how its fiscal year
/// numbers relate to the calendar year that month falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub fye: u8,
    /// Fiscal year = calendar year of the last month + `offset`: 0 ("fiscal 2025" ended January
    /// 26, 2025), or -1 for a year named by the year it starts in ("fiscal 2024" ended February
    /// 2, 2025). `None` when unknown: both are possible for a year ending in January to March.
    pub offset: Option<i32>,
}

impl Calendar {
    /// A calendar from the fiscal year end month alone.
    pub fn new(fye: u8) -> Calendar {
        let fye = if (1..=12).contains(&fye) { fye } else { 12 };
        Calendar {
            fye,
            offset: (fye >= 4).then_some(0),
        }
    }

    /// A document's calendar: `fye` as the period rules read it, the offset from the dei facts
    /// (the fiscal year focus against the period end date).
    pub fn of_doc(doc: &Document, fye: u8) -> Calendar {
        let mut cal = Calendar::new(fye);
        if let Some(d) = doc.xbrl.as_ref().map(|x| &x.dei) {
            if let (Some(y), Some(end)) = (d.year_focus, d.period_end) {
                let (base, _) = cal.base_year(end);
                let off = y - base;
                if off == 0 || off == -1 {
                    cal.offset = Some(off);
                }
            }
        }
        cal
    }

    /// (fiscal year by the calendar year of its last month, that month) of a period ending on
    /// `end`. A period ending in the first week of a month (a 52-53-week year) ends the month
    /// before.
    fn base_year(&self, end: Date) -> (i32, u8) {
        let (year, month) = if end.day <= 7 {
            if end.month == 1 {
                (end.year - 1, 12)
            } else {
                (end.year, end.month - 1)
            }
        } else {
            (end.year, end.month)
        };
        (if month > self.fye { year + 1 } else { year }, month)
    }

    /// The fiscal periods a context's period may be named: one, two when the year's naming is
    /// unknown, none for an instant or a period of another length.
    pub fn periods(&self, p: &XPeriod) -> Vec<Period> {
        let (Some(days), Some(end)) = (duration_days(p), p.end()) else {
            return Vec::new();
        };
        let (base, month) = self.base_year(end);
        let q = (1..=4u8).find(|&q| {
            Period {
                kind: PeriodKind::Quarter(q),
                year: base,
            }
            .end_month(self.fye)
                == month
        });
        let kind = match (days, q) {
            (80..=100, Some(q)) => PeriodKind::Quarter(q),
            (170..=195, Some(2)) => PeriodKind::Half(1),
            (170..=195, Some(4)) => PeriodKind::Half(2),
            (260..=285, Some(3)) => PeriodKind::NineMonths,
            (350..=380, Some(4)) => PeriodKind::Year,
            _ => return Vec::new(),
        };
        let years: Vec<i32> = match self.offset {
            Some(o) => vec![base + o],
            None => vec![base, base - 1],
        };
        years
            .into_iter()
            .map(|year| Period { kind, year })
            .collect()
    }

    /// The one fiscal period a context's period is named, if certain.
    pub fn period(&self, p: &XPeriod) -> Option<Period> {
        match self.periods(p).as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

/// The length of a duration in days.
fn duration_days(p: &XPeriod) -> Option<i64> {
    match p {
        XPeriod::Duration { start, end } => Some(day_number(*end) - day_number(*start)),
        _ => None,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn day_number(d: Date) -> i64 {
    let (y, m) = if d.month <= 2 {
        (d.year as i64 - 1, d.month as i64 + 9)
    } else {
        (d.year as i64, d.month as i64 - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d.day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// A tagged value as a figure: the unit's currency or shares, the precision of `decimals`, the
/// scale for display. `None` for other units (pure numbers, custom units).
pub fn figure(value: Decimal, decimals: Option<i32>, scale: i32, unit: &str) -> Option<Figure> {
    let (unit, per_share) = match unit.split_once('/') {
        Some((num, "shares")) => (num, true),
        Some(_) => return None,
        None => (unit, false),
    };
    let unit = match unit {
        "shares" if !per_share => Unit::Shares,
        c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => Unit::Currency {
            code: c.to_string(),
            per_share,
        },
        _ => return None,
    };
    let resolution = decimals.and_then(|d| pow10(-d)).unwrap_or(Decimal::ZERO);
    Some(Figure {
        range: 0..0,
        value,
        unit,
        rounded: !resolution.is_zero(),
        resolution,
        scale: pow10(scale.clamp(0, 12)).unwrap_or(Decimal::ONE),
        hedge: None,
        parenthesized: false,
        in_range: false,
        currency_text: None,
        scale_text: None,
    })
}

/// A tagged value for messages: as displayed, with the amount it stands for
/// (`391,035 ($391,035M)`).
pub fn show_tagged(f: &TaggedFact) -> String {
    let shown = if f.negated {
        format!("-{}", f.shown)
    } else {
        f.shown.clone()
    };
    match figure(f.value, f.decimals, f.scale, &f.unit) {
        Some(fig) => format!(
            "{shown} ({})",
            crate::extract::show::show_like(&fig, f.value, 0)
        ),
        None => format!("{shown} ({} {})", f.value.normalize(), f.unit),
    }
}

/// A tagged fact's interval for messages, in the fact's own terms.
pub fn show_interval(f: &TaggedFact) -> String {
    let iv = f.interval();
    match figure(f.value, f.decimals, f.scale, &f.unit) {
        Some(fig) => crate::extract::show::show_interval_like(&fig, iv, 1),
        None => iv.to_string(),
    }
}

/// What a fact reports, for messages: `us-gaap:Revenues for 2023-10-01..2024-09-28` and its
/// dimensions.
pub fn describe(x: &XbrlFacts, f: &TaggedFact) -> String {
    let c = x.context(f);
    let mut s = format!("`{}` for {}", f.concept, c.period);
    if !c.dims.is_empty() {
        let dims: Vec<String> = c.dims.iter().map(|(a, m)| format!("{a}={m}")).collect();
        s.push_str(&format!(" [{}]", dims.join(", ")));
    }
    s
}

/// A tagged fact's concept, period, dimensions and unit as one string (two facts with the same
/// string report the same thing).
pub fn key_string(x: &XbrlFacts, f: &TaggedFact) -> String {
    let c = x.context(f);
    let dims: Vec<String> = c.dims.iter().map(|(a, m)| format!("{a}={m}")).collect();
    format!("{} {} [{}] {}", f.concept, c.period, dims.join(","), f.unit)
}

/// The metric facts a document's tagged facts state: facts without dimensions, over a period the
/// calendar names with certainty, of a concept mapped to a metric. Where the facts mapped to one
/// metric and period disagree (revenue tagged with two concepts of different values), none is
/// kept: which one the prose means is not certain.
pub fn doc_metric_facts(doc: &Document, concepts: &Concepts, cal: Calendar) -> Vec<Fact> {
    let Some(x) = &doc.xbrl else {
        return Vec::new();
    };
    let mut out: Vec<Fact> = Vec::new();
    for f in &x.facts {
        let (Some(text), ctx) = (&f.text, x.context(f)) else {
            continue;
        };
        if !ctx.dims.is_empty() {
            continue;
        }
        let Some(period) = cal.period(&ctx.period) else {
            continue;
        };
        for (metric, value) in concepts.metrics_of(&f.concept, f.value) {
            let Some(fig) = figure(value, f.decimals, f.scale, &f.unit) else {
                continue;
            };
            let mut fig = fig;
            fig.range = text.clone();
            out.push(Fact {
                metric: metric.to_string(),
                period,
                text: crate::extract::show::show_like(&fig, value, 0),
                fig,
                range: text.clone(),
                source: Source::Document,
                explicit: true,
                location: None,
                tag: Some(key_string(x, f)),
            });
        }
    }
    keep_unambiguous(out)
}

/// Drop every fact of a (metric, period) whose facts do not all agree.
pub fn keep_unambiguous(facts: Vec<Fact>) -> Vec<Fact> {
    let mut groups: BTreeMap<(String, Period), Vec<usize>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        groups
            .entry((f.metric.clone(), f.period))
            .or_default()
            .push(i);
    }
    let mut keep = vec![true; facts.len()];
    for ids in groups.values() {
        let agree = ids.iter().all(|&a| {
            ids.iter().all(|&b| {
                facts[a].fig.family() == facts[b].fig.family()
                    && facts[a].fig.interval().intersects(&facts[b].fig.interval())
            })
        });
        if !agree {
            for &i in ids {
                keep[i] = false;
            }
        }
    }
    facts
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

/// One tagged fact as `tieout facts` lists it (and `--facts` reads it back).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TaggedRow {
    #[serde(default)]
    pub path: String,
    pub concept: String,
    /// `2023-10-01..2024-09-28`, or an instant `2024-09-28`.
    pub period: String,
    /// The fiscal period it is named (`FY 2024`), when certain.
    #[serde(default)]
    pub fiscal_period: Option<String>,
    #[serde(default)]
    pub dimensions: BTreeMap<String, String>,
    /// The value it stands for: displayed × 10^scale, negated by `sign="-"`.
    pub value: String,
    /// As displayed.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub unit: String,
    /// `-6`, or `INF`.
    #[serde(default = "inf")]
    pub decimals: String,
    #[serde(default)]
    pub scale: i32,
    /// Not displayed (in `ix:hidden`).
    #[serde(default)]
    pub hidden: bool,
    #[serde(default, skip_deserializing)]
    pub span: Option<Location>,
}

fn inf() -> String {
    "INF".into()
}

/// The tagged facts of a document, as rows.
pub fn tagged_rows(doc: &Document, cal: Calendar) -> Vec<TaggedRow> {
    let Some(x) = &doc.xbrl else {
        return Vec::new();
    };
    x.facts
        .iter()
        .map(|f| {
            let ctx = x.context(f);
            TaggedRow {
                path: doc.path.clone(),
                concept: f.concept.clone(),
                period: ctx.period.to_string(),
                fiscal_period: cal.period(&ctx.period).map(|p| p.to_string()),
                dimensions: ctx.dims.iter().cloned().collect(),
                value: f.value.normalize().to_string(),
                text: f.shown.clone(),
                unit: f.unit.clone(),
                decimals: f.decimals_str(),
                scale: f.scale,
                hidden: f.text.is_none(),
                span: Some(doc.location(f.span)),
            }
        })
        .collect()
}

/// A JSON or external fact with the fields a metric fact needs.
struct External<'a> {
    concept: &'a str,
    period: Option<Period>,
    value: Decimal,
    decimals: Option<i32>,
    unit: &'a str,
    origin: String,
    note: String,
}

/// The metric facts an external tagged fact states (see [`Concepts::metrics_of`]).
fn external_facts(e: External<'_>, concepts: &Concepts, metrics: &Metrics) -> Vec<Fact> {
    let Some(period) = e.period else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (metric, value) in concepts.metrics_of(e.concept, e.value) {
        // shown in the scale its precision suggests: millions for a value rounded to millions
        let scale = e.decimals.map_or(0, |d| (-d).clamp(0, 9) / 3 * 3);
        let Some(fig) = figure(value, e.decimals, scale, e.unit) else {
            continue;
        };
        out.push(Fact {
            metric: metrics.canonical(metric),
            period,
            text: crate::extract::show::show_like(&fig, value, 0),
            fig,
            range: 0..0,
            source: Source::External {
                origin: e.origin.clone(),
                note: e.note.clone(),
            },
            explicit: true,
            location: None,
            tag: None,
        });
    }
    out
}

#[cfg(test)]
mod tests;
