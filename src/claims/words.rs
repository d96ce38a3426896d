//! Word tokens and the claim vocabulary from the rule packs.

use std::collections::HashSet;
use std::ops::Range;

use super::{Dir, DirWord, FigId};
use crate::extract::Figure;
use crate::pack::Pack;

/// A lower-cased word or punctuation token.
#[derive(Debug, Clone)]
pub struct Tok {
    pub lower: String,
    pub range: Range<usize>,
}

/// Words (letters, digits, inner hyphens and apostrophes, "vs.") and the punctuation that
/// matters to roles: `( ) , ; : .` and dashes.
pub fn tokens(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric()
                    || ((d == '-' || d == '\'' || d == '\u{2019}') && {
                        let nx = s[j + d.len_utf8()..].chars().next();
                        nx.is_some_and(|x| x.is_alphanumeric())
                    })
                {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let mut lower = s[i..end].to_lowercase();
            if lower == "vs" && s[end..].starts_with('.') {
                lower.push('.');
                end += 1;
                it.next();
            }
            out.push(Tok {
                lower,
                range: i..end,
            });
        } else if matches!(
            c,
            '(' | ')' | ',' | ';' | ':' | '.' | '\u{2014}' | '\u{2013}'
        ) {
            out.push(Tok {
                lower: c.to_string(),
                range: i..i + c.len_utf8(),
            });
        }
    }
    out
}

/// The claim vocabulary, as sets.
pub struct Vocab {
    up: HashSet<String>,
    down: HashSet<String>,
    better: HashSet<String>,
    worse: HashSet<String>,
    change_nouns: HashSet<String>,
    qualifiers: HashSet<String>,
    pub not_current_to: HashSet<String>,
    lower_is_better: Vec<String>,
    pub issue_words: Vec<String>,
    /// Clause breaks, each as its words.
    breaks: Vec<Vec<String>>,
}

fn set(v: &[String]) -> HashSet<String> {
    v.iter().map(|s| s.to_lowercase()).collect()
}

impl Vocab {
    pub fn new(pack: &Pack) -> Self {
        let w = &pack.words;
        Vocab {
            up: set(&w.up),
            down: set(&w.down),
            better: set(&w.better),
            worse: set(&w.worse),
            change_nouns: set(&w.change_nouns),
            qualifiers: set(&w.change_qualifiers),
            not_current_to: set(&w.not_current_to),
            lower_is_better: w.lower_is_better.iter().map(|s| s.to_lowercase()).collect(),
            breaks: w
                .clause_breaks
                .iter()
                .map(|b| {
                    b.to_lowercase()
                        .split_whitespace()
                        .map(String::from)
                        .collect()
                })
                .collect(),
            issue_words: pack
                .rule_words("amount-price-quantity")
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
        }
    }

    pub fn dir_of(&self, w: &str) -> Option<Dir> {
        if self.up.contains(w) {
            Some(Dir::Up)
        } else if self.down.contains(w) {
            Some(Dir::Down)
        } else if self.better.contains(w) {
            Some(Dir::Better)
        } else if self.worse.contains(w) {
            Some(Dir::Worse)
        } else {
            None
        }
    }
    pub fn is_direction(&self, w: &str) -> bool {
        self.dir_of(w).is_some()
    }
    /// Adjectives after a figure that state a change: "22% higher".
    pub fn is_direction_adj(&self, w: &str) -> bool {
        matches!(
            w,
            "higher" | "lower" | "more" | "less" | "up" | "down" | "better" | "worse"
        )
    }
    pub fn is_change_noun(&self, w: &str) -> bool {
        self.change_nouns.contains(w)
    }
    pub fn is_qualifier(&self, w: &str) -> bool {
        self.qualifiers.contains(w) || w == "a" || w == "an" || w == "the"
    }

    /// Does a clause break start at token `n`? Returns its length in tokens.
    pub fn break_at(&self, toks: &[Tok], n: usize) -> Option<usize> {
        self.breaks
            .iter()
            .find(|b| {
                b.len() <= toks.len() - n && b.iter().zip(&toks[n..]).all(|(w, t)| *w == t.lower)
            })
            .map(|b| b.len())
    }

    /// Does the text contain a clause break? A break that restates the change ("reflecting an
    /// increase of") does not count, unless the change is one that may come ("subject to
    /// increase by $25.0 million upon"); an item marker ("(ii)", "b)") and another change ("and
    /// other decreases of") do.
    pub fn has_break(&self, s: &str) -> bool {
        let toks = tokens(s);
        (0..toks.len()).any(|n| {
            item_marker(&toks, n)
                || self
                    .break_at(&toks, n)
                    .is_some_and(|len| conditional(&toks[n..]) || !self.restates(&toks[n + len..]))
                // "and other decreases of $10,000": another item
                || (toks[n].lower == "other"
                    && toks.get(n + 1).is_some_and(|t| self.is_change_noun(&t.lower)))
                || self.new_subject(&toks[n..])
        })
    }

    /// ", and gross profit decreased", ", and for the six months increased": a clause with its
    /// own subject and verb of change starts another claim.
    fn new_subject(&self, toks: &[Tok]) -> bool {
        if toks.len() < 4 || toks[0].lower != "," || toks[1].lower != "and" {
            return false;
        }
        let verb = toks[2..]
            .iter()
            .position(|t| self.is_direction_verb(&t.lower));
        verb.is_some_and(|v| {
            v > 0
                && toks[2..2 + v].iter().all(|t| {
                    t.lower.chars().all(char::is_alphabetic) && !self.is_direction(&t.lower)
                })
        })
    }

    /// A direction word that is a verb in the past tense: "increased", "grew", "fell".
    fn is_direction_verb(&self, w: &str) -> bool {
        self.is_direction(w)
            && (w.ends_with("ed") || matches!(w, "rose" | "grew" | "fell" | "shrank" | "slid"))
    }

    /// Do the words after a break restate the claim's own change ("reflecting a decline of 5%",
    /// "reflecting a 5% decline") rather than name a cause ("due to an increase in costs")?
    fn restates(&self, rest: &[Tok]) -> bool {
        let mut words = rest
            .iter()
            .map(|t| t.lower.as_str())
            .filter(|w| !matches!(*w, "a" | "an" | "the") && !w.chars().all(|c| c.is_ascii_digit()))
            .skip_while(|w| self.is_qualifier(w));
        words.next().is_some_and(|w| self.is_change_noun(w))
            && !words
                .next()
                .is_some_and(|w| matches!(w, "in" | "on" | "at"))
    }

    /// Does the clause name a metric where smaller is better?
    pub fn lower_is_better(&self, clause: &str) -> bool {
        let lc = clause.to_lowercase();
        self.any_word(&lc, &self.lower_is_better)
    }

    /// Does `lc` (lower-cased) contain any of `words` as whole words?
    pub fn any_word(&self, lc: &str, words: &[String]) -> bool {
        words.iter().any(|w| {
            lc.match_indices(w.as_str()).any(|(p, _)| {
                let before = lc[..p].chars().next_back();
                let after = lc[p + w.len()..].chars().next();
                before.is_none_or(|c| !c.is_alphanumeric())
                    && after.is_none_or(|c| !c.is_alphanumeric())
            })
        })
    }

    /// Direction words in a sentence, outside the figures.
    pub fn direction_words(
        &self,
        text: &str,
        sent: Range<usize>,
        figs: &[Figure],
        ids: &[FigId],
    ) -> Vec<DirWord> {
        let toks = tokens(&text[sent.clone()]);
        let mut out = Vec::new();
        let mut in_cause = false;
        for (n, t) in toks.iter().enumerate() {
            if t.lower == "," || t.lower == ";" || item_marker(&toks, n) {
                in_cause = false;
            }
            // a cause ("due to higher costs") speaks of another metric; "while" does not
            // ... unless it restates the change: "reflecting a decline of 5%"
            if let Some(len) = self.break_at(&toks, n) {
                if !self.restates(&toks[n + len..])
                    && !matches!(t.lower.as_str(), "while" | "whereas" | "including")
                {
                    in_cause = true;
                }
            }
            if in_cause || names_a_metric(&toks, n) {
                continue;
            }
            let Some(dir) = self.dir_of(&t.lower) else {
                continue;
            };
            let abs = sent.start + t.range.start..sent.start + t.range.end;
            if ids
                .iter()
                .any(|&i| figs[i].range.start <= abs.start && abs.end <= figs[i].range.end)
            {
                continue;
            }
            let next = toks.get(n + 1).map(|x| x.lower.as_str()).unwrap_or("");
            let prev = if n > 0 {
                toks[n - 1].lower.as_str()
            } else {
                ""
            };
            // "up to", "set up", "down payment", "cut off": not directions
            if t.lower == "up"
                && (next == "to"
                    || matches!(
                        prev,
                        "set"
                            | "made"
                            | "make"
                            | "picked"
                            | "ramp"
                            | "ramped"
                            | "start"
                            | "follow"
                            | "sign"
                            | "signed"
                            | "back"
                            | "build"
                            | "built"
                    ))
            {
                continue;
            }
            if t.lower == "down" && matches!(next, "payment" | "payments") {
                continue;
            }
            out.push(DirWord {
                word: text[abs.clone()].to_string(),
                dir,
                range: abs,
            });
        }
        out
    }
}

/// Does an item marker ("(ii)", "b)", "iv)") start at token `n`?
pub fn item_marker(toks: &[Tok], n: usize) -> bool {
    let is_item = |w: &str| {
        matches!(
            w,
            "i" | "ii"
                | "iii"
                | "iv"
                | "v"
                | "vi"
                | "vii"
                | "viii"
                | "ix"
                | "x"
                | "a"
                | "b"
                | "c"
                | "d"
                | "e"
                | "f"
                | "g"
                | "h"
        ) || (w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
    };
    let at = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    if at(n) == "(" {
        return is_item(at(n + 1)) && at(n + 2) == ")";
    }
    // "; ii) 24,447 shares", "and b) the decrease": no opening parenthesis, after a clause, a
    // conjunction or at the start
    is_item(at(n))
        && at(n + 1) == ")"
        && (n == 0 || matches!(at(n - 1), ";" | "," | ":" | "." | "and" | "or"))
        && at(n) != "a"
}

/// Is the direction word at token `n` part of a metric's name: "growth rate", "rate of
/// growth", or a gain that is an item of the income statement ("a gain of $694 on the sale"),
/// not a change ("a 5% gain")?
fn names_a_metric(toks: &[Tok], n: usize) -> bool {
    let at = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    let w = at(n);
    let rate_word = |x: &str| matches!(x, "rate" | "rates");
    match w {
        "growth" => rate_word(at(n + 1)) || (n >= 2 && at(n - 1) == "of" && rate_word(at(n - 2))),
        "gain" | "gains" => !(n > 0 && at(n - 1).chars().all(|c| c.is_ascii_digit())),
        _ => false,
    }
}

/// A change that may come, not one that was: "subject to increase by".
fn conditional(toks: &[Tok]) -> bool {
    matches!(toks, [a, b, ..] if a.lower == "subject" && b.lower == "to")
}
