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

/// `[rule.tables]` holds the table readers' vocabulary, shared by the table rules.
const SHARED_RULE_SECTIONS: &[&str] = &["tables"];

impl PackFile {
    /// The rules the pack has a `[rule.ID]` section for (not the shared `[rule.tables]`): the
    /// caller, which knows the rules, checks that each exists.
    pub fn rule_sections(&self) -> impl Iterator<Item = &str> {
        self.rule
            .keys()
            .map(String::as_str)
            .filter(|id| !SHARED_RULE_SECTIONS.contains(id))
    }

    /// What parsing cannot see: an empty word, a tolerance outside 0..1, a scale factor or
    /// multiple that is not positive.
    pub fn check(&self) -> Result<(), String> {
        let words = self.words().find(|(_, w)| w.trim().is_empty());
        if let Some((place, _)) = words {
            return Err(format!(
                "{place}: an empty word matches everywhere; remove it"
            ));
        }
        let fraction = |t: &Decimal| *t >= Decimal::ZERO && *t < Decimal::ONE;
        if let Some(h) = self.hedge.iter().find(|h| !fraction(&h.tolerance)) {
            return Err(format!(
                "[[hedge]] tolerance = \"{}\": write a fraction from 0 up to 1, e.g. \"0.05\"",
                h.tolerance
            ));
        }
        for (id, r) in &self.rule {
            if let Some(t) = r.tolerance.filter(|t| !fraction(t)) {
                return Err(format!(
                    "[rule.{id}] tolerance = \"{t}\": write a fraction from 0 up to 1, e.g. \"0.01\""
                ));
            }
        }
        if let Some(sc) = self.scale.iter().find(|sc| sc.factor <= Decimal::ZERO) {
            return Err(format!(
                "[[scale]] {:?}: factor = \"{}\" must be positive",
                sc.words, sc.factor
            ));
        }
        if let Some((w, m)) = self.multiples.iter().find(|(_, m)| **m <= Decimal::ZERO) {
            return Err(format!("[multiples] {w} = \"{m}\" must be positive"));
        }
        Ok(())
    }

    /// Every word the pack lists, with the section it is in.
    fn words(&self) -> impl Iterator<Item = (String, &String)> {
        let currency = self.currency.iter().flat_map(|c| {
            c.prefixes
                .iter()
                .map(|w| ("[[currency]] prefixes".into(), w))
        });
        let scale = self
            .scale
            .iter()
            .flat_map(|c| c.words.iter().map(|w| ("[[scale]] words".into(), w)));
        let hedge = self
            .hedge
            .iter()
            .flat_map(|c| c.words.iter().map(|w| ("[[hedge]] words".into(), w)));
        let direction = self.direction.iter().flat_map(|d| {
            [
                &d.up,
                &d.down,
                &d.better,
                &d.worse,
                &d.lower_is_better,
                &d.change_nouns,
                &d.change_qualifiers,
                &d.base_cues,
                &d.not_current_to,
                &d.clause_breaks,
            ]
            .into_iter()
            .flatten()
            .map(|w| ("[direction]".into(), w))
        });
        let multiples = self.multiples.keys().map(|w| ("[multiples]".into(), w));
        let rule = self.rule.iter().flat_map(|(id, r)| {
            r.words
                .iter()
                .map(move |w| (format!("[rule.{id}] words"), w))
        });
        currency
            .chain(scale)
            .chain(hedge)
            .chain(direction)
            .chain(multiples)
            .chain(rule)
            .chain(listed("metrics", &self.metrics))
            .chain(listed("concepts", &self.concepts))
    }
}

/// The words of a `[metrics]` or `[concepts]` table (names and synonyms), with their place.
fn listed<'a>(
    name: &'static str,
    m: &'a BTreeMap<String, Vec<String>>,
) -> impl Iterator<Item = (String, &'a String)> + 'a {
    m.iter().flat_map(move |(k, v)| {
        std::iter::once(k)
            .chain(v)
            .map(move |w| (format!("[{name}] {k}"), w))
    })
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

    /// Parse a pack file's text (named `origin` in errors), and check what it says.
    pub fn parse(origin: &str, text: &str) -> Result<PackFile, String> {
        let f: PackFile = crate::toml_text::from_toml(text).map_err(|e| e.located(origin))?;
        f.check().map_err(|e| format!("{origin}: {e}"))?;
        Ok(f)
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
    fn builtin_packs_pass_the_checks_of_user_packs() {
        for (name, text) in EMBEDDED_PACKS {
            Pack::parse(name, text).unwrap();
        }
    }

    #[test]
    fn what_parsing_cannot_see_is_an_error() {
        let err = |t: &str| Pack::parse("p.toml", t).unwrap_err();
        let named = Pack::parse("p.toml", "[rule.percent-chang]\n[rule.tables]\n").unwrap();
        assert_eq!(named.rule_sections().collect::<Vec<_>>(), ["percent-chang"]);
        assert_eq!(
            err("[rule.percent-change]\ntolerance = \"-0.5\"\n"),
            "p.toml: [rule.percent-change] tolerance = \"-0.5\": write a fraction from 0 up to \
             1, e.g. \"0.01\""
        );
        assert_eq!(
            err("[[hedge]]\nkind = \"approximate\"\ntolerance = \"0.05\"\nwords = [\"\"]\n"),
            "p.toml: [[hedge]] words: an empty word matches everywhere; remove it"
        );
        assert_eq!(
            err("[[hedge]]\nkind = \"approximate\"\ntolerance = \"5\"\nwords = [\"about\"]\n"),
            "p.toml: [[hedge]] tolerance = \"5\": write a fraction from 0 up to 1, e.g. \"0.05\""
        );
        assert_eq!(
            err("[[scale]]\nwords = [\"zillion\"]\nfactor = \"0\"\n"),
            "p.toml: [[scale]] [\"zillion\"]: factor = \"0\" must be positive"
        );
        assert_eq!(
            err("[metrics]\nrevenue = [\"sales\", \" \"]\n"),
            "p.toml: [metrics] revenue: an empty word matches everywhere; remove it"
        );
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
