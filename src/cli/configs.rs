//! Which configuration checks each input: `--no-config`, `--config PATH`, or, as ruff, Vale
//! and rustfmt do, the `tieout.toml` nearest to the file (in its directory or the closest one
//! above it); standard input takes the one nearest to the current directory. Every
//! configuration a run needs is read before any file is checked, so a bad one stops the run
//! at once (exit 2) whichever file it applies to.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use tieout::check::{self, Checker, Options};
use tieout::config::{Config, RuleLevel};
use tieout::rules::Severity;

use super::args::CheckArgs;
use super::walk::Input;

/// A configuration as applied: its checker and levels.
pub struct Profile {
    /// The configuration file, relative to the current directory when under it; `None`: the
    /// defaults.
    pub path: Option<String>,
    pub checker: Checker,
    /// Findings at or above this level fail the run.
    pub deny: Severity,
    /// List notes in the line-oriented formats.
    pub show_notes: bool,
}

/// The profile of each input.
pub struct Plan {
    pub profiles: Vec<Profile>,
    /// Per input (in order), the index of its profile.
    of_input: Vec<usize>,
    /// The profile of the current directory (standard input, and runs with no input).
    here: usize,
}

impl Plan {
    /// Find and read every configuration the inputs need.
    pub fn new(args: &CheckArgs, inputs: &[Input]) -> Result<Plan, String> {
        let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
        let fixed = if args.no_config {
            Some(None)
        } else if let Some(p) = &args.config {
            if !p.is_file() {
                return Err(format!("{}: configuration file not found", p.display()));
            }
            Some(Some(p.clone()))
        } else {
            None
        };
        let mut found = Finder::default();
        let mut locate = |dir: &Path| match &fixed {
            Some(f) => f.clone(),
            None => found.nearest(dir),
        };
        let here_path = locate(&cwd);
        let paths: Vec<Option<PathBuf>> = inputs
            .iter()
            .map(|i| match i {
                Input::Stdin => here_path.clone(),
                Input::Path(p) => locate(&dir_of(&cwd, p)),
            })
            .collect();
        let mut index: BTreeMap<Option<PathBuf>, usize> = BTreeMap::new();
        let mut profiles = Vec::new();
        let mut profile_of = |p: &Option<PathBuf>| -> Result<usize, String> {
            if let Some(&i) = index.get(p) {
                return Ok(i);
            }
            profiles.push(Profile::new(args, p.as_deref(), &cwd)?);
            index.insert(p.clone(), profiles.len() - 1);
            Ok(profiles.len() - 1)
        };
        let here = profile_of(&here_path)?;
        let of_input = paths
            .iter()
            .map(&mut profile_of)
            .collect::<Result<_, _>>()?;
        Ok(Plan {
            profiles,
            of_input,
            here,
        })
    }

    /// The profile of the `i`-th input.
    pub fn of(&self, i: usize) -> &Profile {
        &self.profiles[self.of_input.get(i).copied().unwrap_or(self.here)]
    }

    /// The profile of the current directory.
    pub fn here(&self) -> &Profile {
        &self.profiles[self.here]
    }
}

/// The directory an input path is in, absolute.
fn dir_of(cwd: &Path, p: &Path) -> PathBuf {
    let abs = cwd.join(p);
    if abs.is_dir() {
        abs
    } else {
        abs.parent().map(Path::to_path_buf).unwrap_or(abs)
    }
}

/// `tieout.toml` discovery, remembered per directory.
#[derive(Default)]
struct Finder(HashMap<PathBuf, Option<PathBuf>>);

impl Finder {
    fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        self.0
            .entry(dir.to_path_buf())
            .or_insert_with(|| Config::discover(dir))
            .clone()
    }
}

impl Profile {
    fn new(args: &CheckArgs, path: Option<&Path>, cwd: &Path) -> Result<Profile, String> {
        // shown relative to the current directory when it is in it
        let shown = path.map(|p| p.strip_prefix(cwd).unwrap_or(p).to_path_buf());
        let config = match &shown {
            Some(p) => Config::load(p).map_err(|e| e.to_string())?,
            None => Config::default(),
        };
        let options = options(args, &config)?;
        let mut checker = Checker::new(config.pack()?, options);
        for f in &args.facts {
            checker.load_facts(f)?;
        }
        let deny = args
            .deny
            .map(|d| d.severity())
            .or(config.deny)
            .unwrap_or(Severity::Error);
        Ok(Profile {
            path: shown.map(|p| p.display().to_string()),
            checker,
            deny,
            // notes are listed when asked, or when they fail the run
            show_notes: args.show_notes
                || config.show_notes.unwrap_or(false)
                || deny == Severity::Note,
        })
    }
}

/// The message for an unknown rule id, with the closest known one.
pub fn unknown_rule(id: &str) -> String {
    match check::suggest_rule(id) {
        Some(s) => format!("no rule named `{id}`; did you mean `{s}`? (see `tieout rules`)"),
        None => format!("no rule named `{id}` (see `tieout rules`)"),
    }
}

/// The rule options: command-line flags over the configuration.
fn options(args: &CheckArgs, config: &Config) -> Result<Options, String> {
    for id in args.select.iter().chain(&args.ignore) {
        if check::rule_by_id(id).is_none() {
            return Err(unknown_rule(id));
        }
    }
    let select: Vec<String> = if args.select.is_empty() {
        config.select.clone().unwrap_or_default()
    } else {
        args.select.clone()
    };
    let mut ignore: Vec<String> = if args.ignore.is_empty() {
        config.ignore.clone().unwrap_or_default()
    } else {
        args.ignore.clone()
    };
    let mut severity = BTreeMap::new();
    for (rule, level) in &config.severity {
        match level {
            // a rule named in --select is on whatever the configuration says
            RuleLevel::Off if !args.select.contains(rule) => ignore.push(rule.clone()),
            RuleLevel::Off => {}
            RuleLevel::On(s) => {
                severity.insert(rule.clone(), *s);
            }
        }
    }
    Ok(Options {
        select: select.into_iter().collect(),
        ignore: ignore.into_iter().collect(),
        severity,
        no_ignore_comments: args.no_ignore_comments,
        fiscal_year_end_month: config.fiscal_year_end.map(|f| f.month as u8).unwrap_or(0),
    })
}
