//! Which files a run checks: the paths given, directories walked (honouring .gitignore),
//! in a stable order.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// The files checked in directories when no --glob is given.
pub const DEFAULT_GLOBS: &[&str] = &["*.txt", "*.md", "*.markdown", "*.htm", "*.html", "*.docx"];

/// One input: a path on disk, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

/// File selection in directories: included globs, minus `!`-prefixed ones.
pub struct Selector {
    include: GlobSet,
    exclude: GlobSet,
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
        })
    }

    /// Is a file found under a directory checked? `rel` is its path below that directory.
    pub fn selects(&self, rel: &Path) -> bool {
        self.include.is_match(rel) && !self.exclude.is_match(rel)
    }
}

/// Expand the paths: each argument in order; a directory's files sorted by path. A file named
/// on the command line is always checked, whatever its extension. Repeats are dropped.
pub fn collect(paths: &[PathBuf], selector: &Selector) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            if seen.insert(PathBuf::from("-")) {
                out.push(Input::Stdin);
            }
            continue;
        }
        if p.is_dir() {
            let mut found = Vec::new();
            let walk = ignore::WalkBuilder::new(p)
                .require_git(false)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walk {
                let entry = entry.map_err(|e| format!("{}: {e}", p.display()))?;
                let path = entry.path();
                let rel = path.strip_prefix(p).unwrap_or(path);
                if entry.file_type().is_some_and(|t| t.is_file()) && selector.selects(rel) {
                    found.push(path.to_path_buf());
                }
            }
            found.sort();
            for f in found {
                if seen.insert(f.clone()) {
                    out.push(Input::Path(f));
                }
            }
        } else if seen.insert(p.clone()) {
            out.push(Input::Path(p.clone()));
        }
    }
    Ok(out)
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
