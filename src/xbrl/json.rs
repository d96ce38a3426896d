//! JSON facts files: what `tieout facts --format json` prints, and SEC companyfacts
//! (`https://data.sec.gov/api/xbrl/companyfacts/CIK##########.json`), saved beforehand so a
//! release can be tied to the prior 10-Q's facts offline.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{external_facts, keep_unambiguous, Calendar, Concepts, External, TaggedRow};
use crate::extract::{Extractor, Unit};
use crate::facts::{Fact, Metrics, Source};
use crate::periods::Period;
use crate::source::ixbrl::{transform, XPeriod};

/// Load a JSON facts file: `{"facts": [...], "tagged": [...]}` as `tieout facts --format json`
/// prints it, or SEC companyfacts (`{"cik": .., "facts": {"us-gaap": {"Revenues": {"units":
/// {"USD": [{"start", "end", "val", "fy", "fp", "form", "filed"}]}}}}}`). Tagged facts become
/// metric facts through `[concepts]`; facts that disagree for one metric and period are dropped.
/// `fye` is the configured fiscal year end month (0: December, or what companyfacts implies).
pub fn load_facts_json(
    path: &std::path::Path,
    extractor: &Extractor,
    metrics: &Metrics,
    concepts: &Concepts,
    fye: u8,
) -> Result<Vec<Fact>, String> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{display}: cannot read: {e}"))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{display}: {e}"))?;
    let facts = match v.get("facts") {
        Some(Value::Array(_)) => read_tieout(&display, &v, extractor, metrics, concepts)?,
        Some(Value::Object(taxonomies)) => {
            read_companyfacts(&display, taxonomies, metrics, concepts, fye)
        }
        _ => {
            return Err(format!(
                "{display}: not a facts file: expected `tieout facts --format json` output \
                 or SEC companyfacts JSON (a \"facts\" list or object)"
            ))
        }
    };
    Ok(keep_unambiguous(facts))
}

/// `tieout facts --format json`, read back.
fn read_tieout(
    display: &str,
    v: &Value,
    extractor: &Extractor,
    metrics: &Metrics,
    concepts: &Concepts,
) -> Result<Vec<Fact>, String> {
    // the tagged facts first: exact where the prose rounds, they are the base a change uses
    let mut out = read_tagged(display, v, metrics, concepts)?;
    let rows = v["facts"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    for (i, row) in rows.iter().enumerate() {
        let origin = format!("{display}: facts[{i}]");
        let field = |k: &str| {
            row.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{origin}: needs a string \"{k}\""))
        };
        let (metric, period, written) = (field("metric")?, field("period")?, field("text")?);
        let period = Period::parse(period)
            .ok_or_else(|| format!("{origin}: cannot read the period {period:?}"))?;
        let fig = extractor
            .extract(written)
            .into_iter()
            .find(|f| f.is_amount() || f.unit == Unit::Shares || f.unit == Unit::Percent)
            .ok_or_else(|| format!("{origin}: cannot read the value {written:?}"))?;
        out.push(Fact {
            metric: metrics.canonical(metric),
            period,
            text: written.to_string(),
            fig,
            range: 0..0,
            source: Source::External {
                origin,
                note: located(row),
            },
            explicit: true,
            location: None,
            tag: None,
        });
    }
    Ok(out)
}

/// The `tagged` rows of `tieout facts --format json`, without dimensions, as metric facts.
fn read_tagged(
    display: &str,
    v: &Value,
    metrics: &Metrics,
    concepts: &Concepts,
) -> Result<Vec<Fact>, String> {
    let mut out = Vec::new();
    let tagged = v.get("tagged").cloned().unwrap_or(Value::Array(Vec::new()));
    let tagged: Vec<TaggedRow> =
        serde_json::from_value(tagged).map_err(|e| format!("{display}: tagged: {e}"))?;
    for (i, t) in tagged.iter().enumerate() {
        if !t.dimensions.is_empty() {
            continue;
        }
        let origin = format!("{display}: tagged[{i}]");
        let value: Decimal = t
            .value
            .parse()
            .map_err(|_| format!("{origin}: cannot read the value {:?}", t.value))?;
        let decimals = match t.decimals.as_str() {
            "INF" => None,
            d => Some(
                d.parse::<i32>()
                    .ok()
                    .filter(|d| transform::pow10(-d).is_some())
                    .ok_or_else(|| format!("{origin}: cannot read the decimals {d:?}"))?,
            ),
        };
        let period = t.fiscal_period.as_deref().and_then(Period::parse);
        out.extend(external_facts(
            External {
                concept: &t.concept,
                period,
                value,
                decimals,
                unit: &t.unit,
                origin,
                note: format!("{} {}", t.concept, t.period),
            },
            concepts,
            metrics,
        ));
    }
    Ok(out)
}

/// `path:line` of a row that carries its source.
fn located(row: &Value) -> String {
    let path = row.get("path").and_then(Value::as_str).unwrap_or("");
    match row.pointer("/span/line").and_then(Value::as_u64) {
        Some(line) if !path.is_empty() => format!("{path}:{line}"),
        _ => path.to_string(),
    }
}

/// One companyfacts entry.
struct Entry<'a> {
    concept: String,
    unit: &'a str,
    period: XPeriod,
    value: Decimal,
    fy: Option<i64>,
    fp: &'a str,
    form: &'a str,
    filed: &'a str,
}

/// SEC companyfacts: the entries of mapped concepts, their fiscal periods from their dates and
/// the fiscal calendar the annual entries imply.
fn read_companyfacts(
    display: &str,
    taxonomies: &serde_json::Map<String, Value>,
    metrics: &Metrics,
    concepts: &Concepts,
    fye: u8,
) -> Vec<Fact> {
    let mut entries = Vec::new();
    for (tax, by_concept) in taxonomies {
        let Some(by_concept) = by_concept.as_object() else {
            continue;
        };
        for (name, c) in by_concept {
            let concept = format!("{tax}:{name}");
            if concepts.by_concept.contains_key(&concept) {
                entries.extend(concept_entries(concept, c));
            }
        }
    }
    let cal = companyfacts_calendar(&entries, fye);
    entries
        .iter()
        .flat_map(|e| {
            external_facts(
                External {
                    concept: &e.concept,
                    period: cal.period(&e.period),
                    value: e.value,
                    decimals: Some(implied_decimals(e.value)),
                    unit: e.unit,
                    origin: format!("{display}: {} {}", e.concept, e.period),
                    note: format!("{} filed {}", e.form, e.filed),
                },
                concepts,
                metrics,
            )
        })
        .collect()
}

fn concept_entries(concept: String, c: &Value) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let Some(units) = c.get("units").and_then(Value::as_object) else {
        return out;
    };
    for (unit, list) in units {
        for e in list.as_array().map(Vec::as_slice).unwrap_or(&[]) {
            let date = |k: &str| {
                e.get(k)
                    .and_then(Value::as_str)
                    .and_then(transform::iso_date)
            };
            let period = match (date("start"), date("end")) {
                (Some(start), Some(end)) => XPeriod::Duration { start, end },
                (None, Some(date)) => XPeriod::Instant { date },
                _ => continue,
            };
            let Some(value) = e.get("val").and_then(number) else {
                continue;
            };
            let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
            out.push(Entry {
                concept: concept.clone(),
                unit,
                period,
                value,
                fy: e.get("fy").and_then(Value::as_i64),
                fp: s("fp"),
                form: s("form"),
                filed: s("filed"),
            });
        }
    }
    out
}

/// A JSON number as an exact decimal (integers exactly; floats by their shortest text).
fn number(v: &Value) -> Option<Decimal> {
    let s = v.as_number()?.to_string();
    s.parse().ok().or_else(|| Decimal::from_scientific(&s).ok())
}

/// Companyfacts gives values without their decimals: a value ending in zeros is read as rounded
/// to them (391035000000 to millions), the widest reading.
fn implied_decimals(v: Decimal) -> i32 {
    let n = v.normalize();
    if n.scale() > 0 || n.is_zero() {
        return n.scale() as i32;
    }
    let mut zeros = 0;
    let mut m = n.mantissa().unsigned_abs();
    while m.is_multiple_of(10) && zeros < 12 {
        m /= 10;
        zeros += 1;
    }
    -zeros
}

/// The fiscal year end month the annual entries end in (most often), unless configured, and the
/// naming of fiscal years: the smallest `fy - year` over annual entries is the filing's own year.
fn companyfacts_calendar(entries: &[Entry<'_>], fye: u8) -> Calendar {
    let annual: Vec<&Entry<'_>> = entries
        .iter()
        .filter(|e| e.fp == "FY" && e.form.starts_with("10-K"))
        .filter(|e| super::duration_days(&e.period).is_some_and(|d| (350..=380).contains(&d)))
        .collect();
    let fye = if (1..=12).contains(&fye) {
        fye
    } else {
        let mut count: BTreeMap<u8, usize> = BTreeMap::new();
        for e in &annual {
            let Some(end) = e.period.end() else { continue };
            let m = Calendar::new(12).base_year(end).1;
            *count.entry(m).or_default() += 1;
        }
        count
            .into_iter()
            .max_by_key(|&(m, n)| (n, m))
            .map(|(m, _)| m)
            .unwrap_or(12)
    };
    let mut cal = Calendar::new(fye);
    cal.offset = None;
    let offset = annual
        .iter()
        .filter_map(|e| Some(e.fy? as i32 - cal.base_year(e.period.end()?).0))
        .min();
    cal.offset = match offset {
        Some(o @ (0 | -1)) => Some(o),
        _ => Calendar::new(fye).offset,
    };
    cal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn companyfacts_values_are_read_to_their_trailing_zeros() {
        let d = |v: i64| implied_decimals(Decimal::from(v));
        assert_eq!((d(391_035_000_000), d(12_345), d(0)), (-6, 0, 0));
        assert_eq!(implied_decimals(Decimal::new(125, 2)), 2);
    }

    #[test]
    fn the_calendar_comes_from_the_annual_entries() {
        let text = std::fs::read_to_string("fixtures/xbrl/companyfacts.json").unwrap();
        let v: Value = serde_json::from_str(&text).unwrap();
        let revenues = &v["facts"]["us-gaap"]["Revenues"];
        let entries = concept_entries("us-gaap:Revenues".into(), revenues);
        assert_eq!(entries.len(), 4);
        let cal = companyfacts_calendar(&entries, 0);
        assert_eq!((cal.fye, cal.offset), (6, Some(0)));
        // a configured year end wins
        assert_eq!(companyfacts_calendar(&entries, 12).fye, 12);
    }
}
