//! Regular expressions compiled on first use, in two builds chosen by the size of the text.
//!
//! Compiling a pattern costs far more than searching a release with it: a literal prefilter
//! (Teddy over every case variant) and the one-pass and backtracking engines take about two
//! thirds of the time and pay only on long texts. A [`Pattern`] compiles nothing until a text
//! is searched; a text under [`SHORT`] bytes is searched by a build without them, a longer one by
//! the full build. Both find exactly the same matches and captures (leftmost-first, as `regex`).
//! A pattern may name words every match contains ([`Pattern::needing`]): a short text without
//! any of them is not searched, and the pattern is not even compiled for it.

use std::ops::{Index, Range};
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;

/// Texts shorter than this are searched by the build without prefilter.
pub const SHORT: usize = 64 * 1024;

/// A pattern and its two builds, each compiled when first needed.
pub struct Pattern {
    source: String,
    /// Every match contains one of these (ASCII case-insensitive); empty: no such word known.
    needs: &'static [&'static str],
    short: OnceLock<Regex>,
    long: OnceLock<Regex>,
}

impl Pattern {
    pub fn new(source: impl Into<String>) -> Pattern {
        Pattern {
            source: source.into(),
            needs: &[],
            short: OnceLock::new(),
            long: OnceLock::new(),
        }
    }

    /// Every match of the pattern contains one of `words` (ASCII case-insensitive, as `(?i-u)`
    /// matches them): a short text without any is known not to match.
    pub fn needing(self, words: &'static [&'static str]) -> Pattern {
        Pattern {
            needs: words,
            ..self
        }
    }

    /// Whether `hay` may match: long texts always may (the prefilter of the full build looks).
    fn may_match(&self, hay: &str) -> bool {
        hay.len() >= SHORT
            || self.needs.is_empty()
            || self
                .needs
                .iter()
                .any(|w| contains_ignore_ascii_case(hay, w))
    }

    fn regex(&self, len: usize) -> &Regex {
        let (cell, config) = if len < SHORT {
            let cheap = meta::Config::new()
                .auto_prefilter(false)
                .onepass(false)
                .backtrack(false);
            (&self.short, cheap)
        } else {
            (&self.long, meta::Config::new())
        };
        cell.get_or_init(|| {
            meta::Builder::new()
                .configure(config)
                .build(&self.source)
                .unwrap_or_else(|e| panic!("pattern {:?}: {e}", self.source))
        })
    }

    pub fn find<'h>(&self, hay: &'h str) -> Option<Found<'h>> {
        if !self.may_match(hay) {
            return None;
        }
        let m = self.regex(hay.len()).find(hay)?;
        Some(Found {
            hay,
            range: m.range(),
        })
    }

    pub fn find_iter<'a, 'h: 'a>(&'a self, hay: &'h str) -> impl Iterator<Item = Found<'h>> + 'a {
        let found = self
            .may_match(hay)
            .then(|| self.regex(hay.len()).find_iter(hay));
        found.into_iter().flatten().map(move |m| Found {
            hay,
            range: m.range(),
        })
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Groups<'h>> {
        if !self.may_match(hay) {
            return None;
        }
        let re = self.regex(hay.len());
        let mut caps = re.create_captures();
        re.captures(hay, &mut caps);
        caps.is_match().then_some(Groups { hay, caps })
    }

    pub fn captures_iter<'a, 'h: 'a>(
        &'a self,
        hay: &'h str,
    ) -> impl Iterator<Item = Groups<'h>> + 'a {
        let found = self
            .may_match(hay)
            .then(|| self.regex(hay.len()).captures_iter(hay));
        found
            .into_iter()
            .flatten()
            .map(move |caps| Groups { hay, caps })
    }
}

/// Whether `hay` contains `word`, ignoring ASCII case.
fn contains_ignore_ascii_case(hay: &str, word: &str) -> bool {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else { return true };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), h)
        .any(|i| h.len() - i >= w.len() && h[i..i + w.len()].eq_ignore_ascii_case(w))
}

/// A match: its range in the text searched and its text.
#[derive(Debug, Clone)]
pub struct Found<'h> {
    hay: &'h str,
    range: Range<usize>,
}

impl<'h> Found<'h> {
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }
    pub fn start(&self) -> usize {
        self.range.start
    }
    pub fn end(&self) -> usize {
        self.range.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.hay[self.range.clone()]
    }
}

/// The groups of one match, by index (0: the whole match) or name.
pub struct Groups<'h> {
    hay: &'h str,
    caps: Captures,
}

impl<'h> Groups<'h> {
    pub fn get(&self, i: usize) -> Option<Found<'h>> {
        let s = self.caps.get_group(i)?;
        Some(Found {
            hay: self.hay,
            range: s.range(),
        })
    }
    pub fn name(&self, name: &str) -> Option<Found<'h>> {
        let s = self.caps.get_group_by_name(name)?;
        Some(Found {
            hay: self.hay,
            range: s.range(),
        })
    }
}

/// A group's text, which must have matched (as `regex`'s `caps["name"]`).
fn matched<'h>(group: Option<Found<'h>>, which: impl std::fmt::Debug) -> &'h str {
    group
        .unwrap_or_else(|| panic!("group {which:?} did not match"))
        .as_str()
}

impl Index<&str> for Groups<'_> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        matched(self.name(name), name)
    }
}

impl Index<usize> for Groups<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        matched(self.get(i), i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both builds find the same matches and groups as the `regex` crate, on either side of
    /// [`SHORT`].
    #[test]
    fn short_and_long_builds_agree_with_regex() {
        let src = r"(?i-u)(?-u:\b)Q(?P<q>[1-4])[ ]*(?P<year>(?:19|20)[0-9]{2})(?-u:\b)";
        let p = Pattern::new(src);
        let r = regex::Regex::new(src).unwrap();
        let unit = "In Q3 2016 and q4 2017, not Q5 2018; ";
        for hay in [unit.to_string(), unit.repeat(SHORT / unit.len() + 1)] {
            let ours: Vec<(Range<usize>, String)> = p
                .captures_iter(&hay)
                .map(|c| {
                    (
                        c.get(0).unwrap().range(),
                        format!("{}-{}", &c["q"], &c["year"]),
                    )
                })
                .collect();
            let theirs: Vec<(Range<usize>, String)> = r
                .captures_iter(&hay)
                .map(|c| {
                    (
                        c.get(0).unwrap().range(),
                        format!("{}-{}", &c["q"], &c["year"]),
                    )
                })
                .collect();
            assert_eq!(ours, theirs);
            assert_eq!(
                ours[..2].iter().map(|o| o.1.as_str()).collect::<Vec<_>>(),
                ["3-2016", "4-2017"]
            );
            assert_eq!(p.find(&hay).map(|m| m.range()), Some(3..10));
            assert_eq!(p.find_iter(&hay).count(), theirs.len());
            assert!(p.captures("no quarter").is_none());
        }
    }

    #[test]
    fn a_short_text_without_a_needed_word_is_not_searched() {
        let p = Pattern::new(r"(?i-u)quarter(?P<n>s?)").needing(&["QUARTER"]);
        assert!(p.find("a quartre").is_none());
        assert_eq!(p.captures_iter("quarte").count(), 0);
        assert_eq!(p.find_iter("no").count(), 0);
        assert!(
            p.short.get().is_none(),
            "nothing compiled for a text that cannot match"
        );
        assert_eq!(p.find("a Quarters b").map(|m| m.range()), Some(2..10));
        assert_eq!(&p.captures("QUARTERS").unwrap()["n"], "S");
        assert!(p.find("a quartre").is_none());
        assert!(contains_ignore_ascii_case("xxQuArTeR", "quarter"));
        assert!(!contains_ignore_ascii_case("quarte", "quarter"));
    }
}
