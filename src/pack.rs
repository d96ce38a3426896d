//! Rule packs: the declarative vocabularies and tolerances in `rules/*.toml`.
//!
//! Every `.toml` file under `rules/` is embedded in the binary at build time (see `build.rs`) and
//! merged into one [`Pack`]; extra packs named in the configuration are merged on top. Lists are
//! appended; tolerances and per-rule settings are replaced by later packs.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrencyDef {
    pub code: String,
    pub prefixes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    pub words: Vec<String>,
    pub factor: Decimal,
    #[serde(default)]
    pub letter: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HedgeKind {
    Approximate,
    AtLeast,
    AtMost,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HedgeDef {
    pub kind: HedgeKind,
    pub tolerance: Decimal,
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directions {
    #[serde(default)]
    pub up: Vec<String>,
    #[serde(default)]
    pub down: Vec<String>,
    #[serde(default)]
    pub better: Vec<String>,
    #[serde(default)]
    pub worse: Vec<String>,
    #[serde(default)]
    pub lower_is_better: Vec<String>,
    #[serde(default)]
    pub change_nouns: Vec<String>,
    #[serde(default)]
    pub change_qualifiers: Vec<String>,
    #[serde(default)]
    pub base_cues: Vec<String>,
    #[serde(default)]
    pub not_current_to: Vec<String>,
    #[serde(default)]
    pub clause_breaks: Vec<String>,
}

/// Per-rule settings a pack may carry (`[rule.percent-change]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    /// Words this rule's recogniser looks for (rule-specific vocabulary).
    #[serde(default)]
    pub words: Vec<String>,
    /// Extra relative tolerance this rule allows on its stated figure.
    #[serde(default)]
    pub tolerance: Option<Decimal>,
}

/// One pack file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub currency: Vec<CurrencyDef>,
    #[serde(default)]
    pub scale: Vec<ScaleDef>,
    #[serde(default)]
    pub hedge: Vec<HedgeDef>,
    #[serde(default)]
    pub direction: Option<Directions>,
    #[serde(default)]
    pub multiples: BTreeMap<String, Decimal>,
    #[serde(default)]
    pub rule: BTreeMap<String, RuleSettings>,
    /// Metric names and their synonyms (`revenue = ["net revenue", "total revenue"]`).
    #[serde(default)]
    pub metrics: BTreeMap<String, Vec<String>>,
    /// Metric names and the XBRL concepts that report them (`revenue = ["us-gaap:Revenues"]`;
    /// `-us-gaap:NetIncomeLoss` for a metric that is the concept negated, such as net loss).
    #[serde(default)]
    pub concepts: BTreeMap<String, Vec<String>>,
}

/// All packs merged.
#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub currencies: Vec<CurrencyDef>,
    pub scales: Vec<ScaleDef>,
    pub hedges: Vec<HedgeDef>,
    pub words: Directions,
    pub multiples: BTreeMap<String, Decimal>,
    pub rules: BTreeMap<String, RuleSettings>,
    pub metrics: BTreeMap<String, Vec<String>>,
    pub concepts: BTreeMap<String, Vec<String>>,
}

impl Pack {
    /// The packs embedded in the binary (parsed once a process: each configuration found starts
    /// from a copy).
    pub fn builtin() -> Pack {
        static BUILTIN: std::sync::OnceLock<Pack> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut p = Pack::default();
                for (name, text) in EMBEDDED_PACKS {
                    let f: PackFile = toml::from_str(text).unwrap_or_else(|e| {
                        panic!("embedded rule pack rules/{name} is invalid: {e}")
                    });
                    p.merge(f);
                }
                p
            })
            .clone()
    }

    /// Parse a pack file's text (named `origin` in errors).
    pub fn parse(origin: &str, text: &str) -> Result<PackFile, String> {
        crate::config::from_toml(text).map_err(|e| e.located(origin))
    }

    pub fn merge(&mut self, f: PackFile) {
        self.currencies.extend(f.currency);
        self.scales.extend(f.scale);
        for h in f.hedge {
            // a later pack's hedge kind with the same words replaces the tolerance
            for w in &h.words {
                for old in self.hedges.iter_mut() {
                    old.words.retain(|x| x != w);
                }
            }
            self.hedges.push(h);
        }
        if let Some(d) = f.direction {
            let w = &mut self.words;
            w.up.extend(d.up);
            w.down.extend(d.down);
            w.better.extend(d.better);
            w.worse.extend(d.worse);
            w.lower_is_better.extend(d.lower_is_better);
            w.change_nouns.extend(d.change_nouns);
            w.change_qualifiers.extend(d.change_qualifiers);
            w.base_cues.extend(d.base_cues);
            w.not_current_to.extend(d.not_current_to);
            w.clause_breaks.extend(d.clause_breaks);
        }
        self.multiples.extend(f.multiples);
        for (k, v) in f.metrics {
            self.metrics.entry(k).or_default().extend(v);
        }
        for (k, v) in f.concepts {
            self.concepts.entry(k).or_default().extend(v);
        }
        for (k, v) in f.rule {
            let e = self.rules.entry(k).or_default();
            e.words.extend(v.words);
            if v.tolerance.is_some() {
                e.tolerance = v.tolerance;
            }
        }
    }

    /// Words a rule pack lists for one rule.
    pub fn rule_words(&self, id: &str) -> &[String] {
        self.rules
            .get(id)
            .map(|r| r.words.as_slice())
            .unwrap_or(&[])
    }

    /// Override every hedge tolerance of one kind (from configuration).
    pub fn set_hedge_tolerance(&mut self, kind: HedgeKind, tol: Decimal) {
        for h in self.hedges.iter_mut().filter(|h| h.kind == kind) {
            h.tolerance = tol;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_packs_parse_and_merge() {
        let p = Pack::builtin();
        assert!(p.currencies.iter().any(|c| c.code == "USD"));
        assert!(p
            .hedges
            .iter()
            .any(|h| h.words.iter().any(|w| w == "approximately")));
        assert!(p.words.up.iter().any(|w| w == "increased"));
        assert_eq!(p.multiples.get("doubled"), Some(&Decimal::TWO));
    }

    #[test]
    fn unknown_keys_are_errors() {
        let e = Pack::parse(
            "x.toml",
            "[[hedge]]\nkind='approximate'\ntolerance='0.1'\nwords=[]\ncolour=1\n",
        )
        .unwrap_err();
        assert!(e.contains("x.toml"), "{e}");
        assert!(e.contains("colour"), "{e}");
    }
}
