//! `tieout.toml`: project configuration.
//!
//! The one nearest to each checked file applies (or one named with `--config`). Every key is
//! optional; command-line flags override it:
//!
//! ```toml
//! select = ["percent-change", "change-amount"]   # only these rules (default: all)
//! ignore = ["unverifiable"]                      # never these rules
//! deny = "warning"                               # exit 1 at this level or above
//! show_notes = false                             # list notes in human/short/github output
//! fiscal_year_end = "12-31"                      # MM-DD
//! packs = ["packs/biotech.toml"]                 # extra rule packs, relative to this file
//!
//! [severity]                                     # error, warning, note or off, per rule
//! percent-change = "warning"
//! unverifiable = "off"
//!
//! [hedges]                                       # tolerance per hedge kind
//! approximate = "0.05"
//! ```
//!
//! Unknown keys and bad values are errors naming the file, the line and the key.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use crate::check;
use crate::pack::{HedgeKind, Pack};
use crate::rules::Severity;
use crate::toml_text::{from_toml, line_col};

/// The configuration file's name.
pub const FILE_NAME: &str = "tieout.toml";

/// A rule's level in `[severity]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    Off,
    On(Severity),
}

/// The last day of the fiscal year (`fiscal_year_end = "MM-DD"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiscalYearEnd {
    pub month: u32,
    pub day: u32,
}

/// A loaded configuration. `None` and empty fields were not set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub severity: BTreeMap<String, RuleLevel>,
    /// Tolerance per hedge kind, replacing the packs' tolerance.
    pub hedges: Vec<(HedgeKind, Decimal)>,
    /// Extra rule packs, resolved against the configuration file's directory.
    pub packs: Vec<PathBuf>,
    pub fiscal_year_end: Option<FiscalYearEnd>,
    pub deny: Option<Severity>,
    pub show_notes: Option<bool>,
}

/// A configuration error: `tieout.toml: line 3, column 1: key `colour`: unknown key ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ": line {l}, column {c}")?;
        }
        if let Some(k) = &self.key {
            write!(f, ": key `{k}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    severity: Option<BTreeMap<String, Spanned<String>>>,
    hedges: Option<BTreeMap<String, Spanned<toml::Value>>>,
    packs: Option<Vec<Spanned<String>>>,
    fiscal_year_end: Option<Spanned<String>>,
    deny: Option<Spanned<String>>,
    show_notes: Option<bool>,
}

const KEYS: &str = "select, ignore, deny, show_notes, fiscal_year_end, packs, [severity], [hedges]";

impl Config {
    /// `tieout.toml` in `start` or the nearest directory above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Read and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: path.display().to_string(),
            line: None,
            column: None,
            key: None,
            message: format!("cannot read configuration: {e}"),
        })?;
        let mut c = Config::parse(&path.display().to_string(), &text)?;
        let base = path.parent().unwrap_or(Path::new("."));
        for p in c.packs.iter_mut() {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// Parse configuration text; `origin` names it in errors. Pack paths stay as written.
    pub fn parse(origin: &str, text: &str) -> Result<Config, ConfigError> {
        let raw: Raw = from_toml(text).map_err(|e| {
            let mut message = e.message;
            if message.starts_with("unknown key") && !message.contains("expected") {
                message.push_str(&format!("; known keys are {KEYS}"));
            }
            ConfigError {
                path: origin.to_string(),
                line: e.line,
                column: e.column,
                key: e.key,
                message,
            }
        })?;
        let at = Source { origin, text };
        Ok(Config {
            select: at.rule_list("select", raw.select)?,
            ignore: at.rule_list("ignore", raw.ignore)?,
            show_notes: raw.show_notes,
            severity: at.severities(raw.severity.unwrap_or_default())?,
            hedges: at.hedges(raw.hedges.unwrap_or_default())?,
            packs: raw
                .packs
                .unwrap_or_default()
                .into_iter()
                .map(|p| PathBuf::from(p.into_inner()))
                .collect(),
            fiscal_year_end: raw
                .fiscal_year_end
                .map(|f| {
                    at.value(f, "fiscal_year_end", parse_mmdd, |v| {
                        format!(
                            "`{v}` is not a date; write the month and day as \"MM-DD\", e.g. \"06-30\""
                        )
                    })
                })
                .transpose()?,
            deny: raw
                .deny
                .map(|d| {
                    at.value(d, "deny", Severity::parse, |v| {
                        format!("`{v}` is not a level; use \"error\", \"warning\" or \"note\"")
                    })
                })
                .transpose()?,
            ..Config::default()
        })
    }

    /// The rule pack: the built-in packs, then `packs`, then `[hedges]`. An error names the
    /// configuration file that lists the pack.
    pub fn pack(&self) -> Result<Pack, String> {
        let mut pack = Pack::builtin();
        let listed_in = self
            .path
            .as_ref()
            .map(|c| format!(" (listed in `packs` of {})", c.display()))
            .unwrap_or_default();
        for p in &self.packs {
            let origin = p.display().to_string();
            let text = std::fs::read_to_string(p).map_err(|e| {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file".to_string(),
                    _ => e.to_string(),
                };
                format!("{origin}: cannot read rule pack: {why}{listed_in}")
            })?;
            let file = Pack::parse(&origin, &text).map_err(|e| format!("{e}{listed_in}"))?;
            if let Some(id) = file
                .rule_sections()
                .find(|id| check::rule_by_id(id).is_none())
            {
                let hint = check::suggest_rule(id)
                    .map(|r| format!("did you mean `{r}`? "))
                    .unwrap_or_default();
                return Err(format!(
                    "{origin}: [rule.{id}]: no rule named `{id}` ({hint}`tieout rules` lists every rule){listed_in}"
                ));
            }
            pack.merge(file);
        }
        for &(kind, tol) in &self.hedges {
            pack.set_hedge_tolerance(kind, tol);
        }
        Ok(pack)
    }
}

/// The configuration text being read, to locate its errors.
struct Source<'a> {
    origin: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn err(&self, at: std::ops::Range<usize>, key: String, message: String) -> ConfigError {
        let (l, c) = line_col(self.text, at.start);
        ConfigError {
            path: self.origin.to_string(),
            line: Some(l),
            column: Some(c),
            key: Some(key),
            message,
        }
    }

    fn no_rule(&self, at: std::ops::Range<usize>, key: String, id: &str) -> ConfigError {
        self.err(
            at,
            key,
            format!("no rule named `{id}` (see `tieout rules`)"),
        )
    }

    /// `select` and `ignore`: known rule ids.
    fn rule_list(
        &self,
        key: &str,
        v: Option<Vec<Spanned<String>>>,
    ) -> Result<Option<Vec<String>>, ConfigError> {
        v.map(|ids| {
            ids.into_iter()
                .map(|id| match check::rule_by_id(id.get_ref()) {
                    Some(_) => Ok(id.into_inner()),
                    None => Err(self.no_rule(id.span(), key.to_string(), id.get_ref())),
                })
                .collect()
        })
        .transpose()
    }

    /// `[severity]`: a level (or "off") per known rule.
    fn severities(
        &self,
        raw: BTreeMap<String, Spanned<String>>,
    ) -> Result<BTreeMap<String, RuleLevel>, ConfigError> {
        let mut out = BTreeMap::new();
        for (rule, level) in raw {
            let key = format!("severity.{rule}");
            if check::rule_by_id(&rule).is_none() {
                return Err(self.no_rule(level.span(), key, &rule));
            }
            let l = match level.get_ref().as_str() {
                "off" => RuleLevel::Off,
                s => RuleLevel::On(Severity::parse(s).ok_or_else(|| {
                    self.err(
                        level.span(),
                        key,
                        format!(
                            "`{s}` is not a severity; use \"error\", \"warning\", \"note\" or \"off\""
                        ),
                    )
                })?),
            };
            out.insert(rule, l);
        }
        Ok(out)
    }

    /// `[hedges]`: a tolerance from 0 up to 1 per hedge kind.
    fn hedges(
        &self,
        raw: BTreeMap<String, Spanned<toml::Value>>,
    ) -> Result<Vec<(HedgeKind, Decimal)>, ConfigError> {
        let mut out = Vec::new();
        for (kind, value) in raw {
            let key = format!("hedges.{kind}");
            let k = match kind.as_str() {
                "approximate" => HedgeKind::Approximate,
                "at-least" | "at_least" => HedgeKind::AtLeast,
                "at-most" | "at_most" => HedgeKind::AtMost,
                _ => {
                    return Err(self.err(
                        value.span(),
                        key,
                        "unknown hedge kind; use approximate, at-least or at-most".into(),
                    ))
                }
            };
            let parsed = match value.get_ref() {
                toml::Value::String(s) => s.trim().parse::<Decimal>().ok(),
                toml::Value::Float(f) => f.to_string().parse::<Decimal>().ok(),
                toml::Value::Integer(i) => Some(Decimal::from(*i)),
                _ => None,
            };
            match parsed {
                Some(d) if d >= Decimal::ZERO && d < Decimal::ONE => out.push((k, d)),
                _ => {
                    return Err(self.err(
                        value.span(),
                        key,
                        format!(
                        "`{}` is not a tolerance; write a fraction from 0 up to 1, e.g. \"0.05\"",
                        value.get_ref()
                    ),
                    ))
                }
            }
        }
        Ok(out)
    }

    /// A string value read by `read`, or the error `why` gives for it.
    fn value<T>(
        &self,
        v: Spanned<String>,
        key: &str,
        read: impl Fn(&str) -> Option<T>,
        why: impl Fn(&str) -> String,
    ) -> Result<T, ConfigError> {
        read(v.get_ref()).ok_or_else(|| self.err(v.span(), key.into(), why(v.get_ref())))
    }
}

fn parse_mmdd(s: &str) -> Option<FiscalYearEnd> {
    let (m, d) = s.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month: u32 = m.parse().ok()?;
    let day: u32 = d.parse().ok()?;
    // no year: February 29 is allowed
    let days = crate::periods::days_in_month(2000, u8::try_from(month).ok()?);
    if day == 0 || day > u32::from(days) {
        return None;
    }
    Some(FiscalYearEnd { month, day })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_config_parses() {
        let c = Config::parse(
            "t.toml",
            "select = [\"percent-change\"]\nignore = [\"unverifiable\"]\ndeny = \"warning\"\n\
             show_notes = true\nfiscal_year_end = \"06-30\"\npacks = [\"p.toml\"]\n\
             [severity]\npercent-change = \"warning\"\nunverifiable = \"off\"\n\
             [hedges]\napproximate = \"0.1\"\nat-least = 0\n",
        )
        .unwrap();
        assert_eq!(c.select, Some(vec!["percent-change".to_string()]));
        assert_eq!(c.deny, Some(Severity::Warning));
        assert_eq!(c.show_notes, Some(true));
        assert_eq!(c.fiscal_year_end, Some(FiscalYearEnd { month: 6, day: 30 }));
        assert_eq!(c.severity["unverifiable"], RuleLevel::Off);
        assert_eq!(
            c.hedges,
            vec![
                (HedgeKind::Approximate, "0.1".parse().unwrap()),
                (HedgeKind::AtLeast, Decimal::ZERO)
            ]
        );
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let e = Config::parse("t.toml", "deny = \"error\"\ncolour = 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(1)));
        assert_eq!(e.key.as_deref(), Some("colour"));
        let s = e.to_string();
        assert!(
            s.starts_with("t.toml: line 2, column 1: key `colour`: unknown key"),
            "{s}"
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        let e = Config::parse("t.toml", "[severity]\npercent-change = \"fatal\"\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "t.toml: line 2, column 18: key `severity.percent-change`: `fatal` is not a severity; \
             use \"error\", \"warning\", \"note\" or \"off\""
        );
        let e = Config::parse("t.toml", "show_notes = \"yes\"\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("show_notes"));
        assert_eq!(e.line, Some(1));
        let e = Config::parse("t.toml", "fiscal_year_end = \"13-01\"\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("fiscal_year_end"));
        let e = Config::parse("t.toml", "[hedges]\napproximate = \"lots\"\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("hedges.approximate"));
        let e = Config::parse("t.toml", "select = [\"percent-chnage\"]\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("select"));
        assert_eq!(e.column, Some(11));
    }

    #[test]
    fn the_key_comes_from_the_deserializer_not_the_line() {
        // the bad value is on a line with no `key =`: the path still names it
        let e =
            Config::parse("t.toml", "select = [\n  \"percent-change\",\n  3,\n]\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(3), Some("select[1]")));
        let e = Config::parse("t.toml", "[severity]\nx = { level = 1 }\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("severity.x"));
    }
}
