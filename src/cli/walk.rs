//! Which files a run checks: the paths given, directories walked (honouring .gitignore),
//! in a stable order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use tieout::report::stream::InputError;
use tieout::source::{self, Document, Format, SourceError};

/// The files checked in directories when no --glob is given.
pub const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.md", "*.markdown", "*.htm", "*.html", "*.docx"];

/// One input: a path on disk, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    /// Read and load the input, with the size limit applied while reading.
    pub fn load(&self, format: Option<Format>, max_size: u64) -> Result<Document, SourceError> {
        match self {
            Input::Path(p) => source::load_path(p, format, max_size),
            Input::Stdin => {
                let bytes = source::read_limited(STDIN, std::io::stdin().lock(), 0, max_size)?;
                source::load_bytes(STDIN, bytes, format)
            }
        }
    }
}

/// How standard input is named in messages and reports.
pub const STDIN: &str = "<stdin>";

/// File selection in directories: included globs, minus `!`-prefixed ones.
pub struct Selector {
    include: GlobSet,
    exclude: GlobSet,
    /// The globs as given (empty: the default ones).
    globs: Vec<String>,
}

impl Selector {
    pub fn new(globs: &[String]) -> Result<Selector, String> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let mut any_include = false;
        for g in globs {
            let (set, pat) = match g.strip_prefix('!') {
                Some(p) => (&mut exclude, p),
                None => {
                    any_include = true;
                    (&mut include, g.as_str())
                }
            };
            let glob = GlobBuilder::new(pat)
                .case_insensitive(true)
                .build()
                .map_err(|e| format!("--glob {g}: {e}"))?;
            set.add(glob);
        }
        if !any_include {
            for g in DEFAULT_GLOBS {
                include.add(GlobBuilder::new(g).case_insensitive(true).build().unwrap());
            }
        }
        Ok(Selector {
            include: include.build().map_err(|e| e.to_string())?,
            exclude: exclude.build().map_err(|e| e.to_string())?,
            globs: globs.to_vec(),
        })
    }

    /// Which files are selected, in words: `none matches *.txt, *.md, ... (--glob selects
    /// others)`, or `none matches --glob *.rel`.
    pub fn describe(&self) -> String {
        if self.globs.iter().any(|g| !g.starts_with('!')) {
            format!("none matches --glob {}", self.globs.join(" --glob "))
        } else {
            format!(
                "none matches {} (--glob selects others)",
                DEFAULT_GLOBS.join(", ")
            )
        }
    }

    /// Is a file found under a directory checked? `rel` is its path below that directory.
    pub fn selects(&self, rel: &Path) -> bool {
        self.include.is_match(rel) && !self.exclude.is_match(rel)
    }
}

/// The inputs of a run, and the directories that held no file to check (each is an error: a
/// gate that checks nothing must not pass).
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub empty: Vec<InputError>,
}

/// Expand the paths: each argument in order; a directory's files sorted by path. A file named
/// on the command line is always checked, whatever its extension. Repeats are dropped.
pub fn collect(paths: &[PathBuf], selector: &Selector) -> Result<Collected, String> {
    let mut out = Collected::default();
    let mut seen = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            if seen.insert(PathBuf::from("-")) {
                out.inputs.push(Input::Stdin);
            }
            continue;
        }
        if !p.is_dir() {
            if seen.insert(p.clone()) {
                out.inputs.push(Input::Path(p.clone()));
            }
            continue;
        }
        let found = walk_dir(p, selector)?;
        if found.is_empty() {
            out.empty.push(InputError {
                path: p.display().to_string(),
                message: format!("no file to check: {}", selector.describe()),
            });
        }
        for f in found {
            if seen.insert(f.clone()) {
                out.inputs.push(Input::Path(f));
            }
        }
    }
    Ok(out)
}

/// The files under `dir` the selector picks, sorted.
fn walk_dir(dir: &Path, selector: &Selector) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let walk = ignore::WalkBuilder::new(dir)
        .require_git(false)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    for entry in walk {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        let rel = path.strip_prefix(dir).unwrap_or(path);
        if entry.file_type().is_some_and(|t| t.is_file()) && selector.selects(rel) {
            found.push(path.to_path_buf());
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_custom_globs() {
        let s = Selector::new(&[]).unwrap();
        assert!(s.selects(Path::new("a/b.MD")));
        assert!(s.selects(Path::new("x.html")));
        assert!(!s.selects(Path::new("x.rs")));
        let s = Selector::new(&["*.rel".into(), "!drafts/**".into()]).unwrap();
        assert!(s.selects(Path::new("q1/x.rel")));
        assert!(!s.selects(Path::new("drafts/x.rel")));
        assert!(!s.selects(Path::new("x.txt")));
        let s = Selector::new(&["!drafts/**".into()]).unwrap();
        assert!(s.selects(Path::new("x.txt")));
        assert!(!s.selects(Path::new("drafts/x.txt")));
    }
}
