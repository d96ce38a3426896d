//! The role of each figure in its sentence, from the words just before and after it.

use std::ops::Range;

use super::words::{self, Tok};
use super::{Recognizer, Role};
use crate::extract::{Figure, Unit};

impl Recognizer {
    /// The role of figure `f`, from the gap before it and the text after it.
    pub(super) fn role(
        &self,
        text: &str,
        gap: Range<usize>,
        after: Range<usize>,
        f: &Figure,
        prev: Option<(&Figure, Role)>,
    ) -> Role {
        if matches!(f.unit, Unit::Count | Unit::Date) || f.in_range {
            return Role::None;
        }
        let toks = words::tokens(&text[gap]);
        let after_toks = words::tokens(&text[after]);
        if let Some(r) = premium_role(f, &toks, &after_toks) {
            return r;
        }
        if f.unit == Unit::Percent && other_measure(&toks, &after_toks) {
            return Role::None;
        }
        // a "to" that introduces no new value ("due to") leaves the text after to say
        let cue = self.cue_role(f, &toks, &after_toks, prev);
        if let Some(r) = cue.filter(|&r| r != Role::Value) {
            return r;
        }
        // the text after: "a 22% improvement", "$2.3M decrease", "due to a $0.4 million increase"
        let v = &self.vocab;
        let mut p = 0;
        while p < after_toks.len() && v.is_qualifier(&after_toks[p].lower) {
            p += 1;
        }
        if let Some(t) = after_toks.get(p) {
            if self.states_change(&t.lower, f) || v.is_direction_adj(&t.lower) {
                return Role::Change;
            }
        }
        if let Some(r) = cue {
            return r;
        }
        if f.unit == Unit::Percent && after_starts_of(&after_toks) && part_of_cue(&toks) {
            return Role::PartOf;
        }
        if matches!(
            f.unit,
            Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
        ) {
            // "grew 3x" without a direction word right before still states a change
            return Role::Change;
        }
        Role::Value
    }

    /// Does `noun` before or after `f` name a change of it? A gain or loss of an amount is an
    /// item of the income statement ("a gain of $694 on the sale"), not a change.
    fn states_change(&self, noun: &str, f: &Figure) -> bool {
        self.vocab.is_change_noun(noun) && !(matches!(noun, "gain" | "gains") && f.is_amount())
    }

    /// A direction word before an amount states its change, unless it is a gain of the income
    /// statement ("a gain of $694").
    fn states_change_or_verb(&self, w: &str, f: &Figure) -> bool {
        !(matches!(w, "gain" | "gains") && f.is_amount())
    }

    /// The role the cue words before a figure give it ("from", "to", "by", "compared to", "an
    /// increase of"), scanning back at most eight tokens.
    fn cue_role(
        &self,
        f: &Figure,
        toks: &[Tok],
        after_toks: &[Tok],
        prev: Option<(&Figure, Role)>,
    ) -> Option<Role> {
        let v = &self.vocab;
        let stated_unit = matches!(
            f.unit,
            Unit::Percent | Unit::Multiple | Unit::BasisPoints | Unit::PercentagePoints
        );
        let prev_stated = prev.is_some_and(|(_, r)| r == Role::Change);
        let n = toks.len();
        for back in 0..n.min(8) {
            let t = n - 1 - back;
            let w = toks[t].lower.as_str();
            let before = if t > 0 {
                toks[t - 1].lower.as_str()
            } else {
                ""
            };
            // "as compared to 2022, and dividend payments of $9.3 million": the comparison
            // had its object before the comma
            let object_before = toks[t + 1..].iter().any(|x| x.lower == ",");
            match w {
                "to" if matches!(before, "compared" | "relative" | "comparison")
                    && !object_before =>
                {
                    return Some(Role::Base)
                }
                "with" if (before == "compared" || before == "comparison") && !object_before => {
                    return Some(Role::Base)
                }
                "versus" | "vs" | "vs." | "against" if back <= 5 => return Some(Role::Base),
                "from" if back <= 1 || toks[t + 1..].iter().all(|x| is_filler(&x.lower)) => {
                    return Some(Role::Base)
                }
                // "increased 4.3% from the net revenues of $85.9 million"
                "from"
                    if (t == 0 && prev_stated || v.is_direction(before))
                        && names_the_base(&toks[t + 1..]) =>
                {
                    return Some(Role::Base)
                }
                "over" if back == 0 => return Some(Role::Base),
                "to" if back <= 2 => {
                    if v.not_current_to.contains(before) {
                        return Some(Role::Value);
                    }
                    return Some(Role::Current);
                }
                "by" if back <= 2 => {
                    let mut p = t;
                    while p > 0 && toks[p - 1].lower.ends_with("ly") && toks[p - 1].lower.len() > 3
                    {
                        p -= 1;
                    }
                    if p > 0 && v.is_direction(&toks[p - 1].lower) {
                        return Some(Role::Change);
                    }
                    return Some(Role::None);
                }
                "of" if back <= 2 => {
                    if let Some(noun) = self.change_noun_before_of(toks, t) {
                        if self.states_change(noun, f) {
                            return Some(Role::Change);
                        }
                    }
                }
                "or" | "(" | "\u{2014}"
                    if back == 0
                        && after_toks.first().is_some_and(|t| {
                            matches!(t.lower.as_str(), "compared" | "vs" | "vs." | "versus")
                        }) =>
                {
                    return Some(Role::Current)
                }
                "or" | "(" | "\u{2014}" if back == 0 && prev_stated => {
                    if let Some((pf, _)) = prev {
                        // "28%, or $1.6 million": the other half of a stated change
                        if (pf.unit == Unit::Percent) != (f.unit == Unit::Percent) {
                            return Some(Role::Change);
                        }
                    }
                }
                "or" if back == 0 && f.unit == Unit::Percent && after_starts_of(after_toks) => {
                    return Some(Role::PartOf)
                }
                _ => {}
            }
            // "reduced gross profit $9,921": a verb of change, its object, the amount
            if (2..=3).contains(&back)
                && w.ends_with("ed")
                && v.is_direction(w)
                && f.is_amount()
                && toks[t + 1..].iter().all(|x| is_object_word(&x.lower))
            {
                return Some(Role::Change);
            }
            if back <= 1 && v.is_direction(w) && !w.is_empty() {
                // "increased 22%", "up 21%", "decreased $2.3M", but not "a gain of $694"
                if stated_unit
                    || (f.is_amount() && self.states_change_or_verb(w, f))
                    || f.unit == Unit::Shares
                {
                    // "up" right before an amount with no "by": a change ("up $2M")
                    return Some(Role::Change);
                }
            }
            if w == ";" || w == "." {
                break;
            }
        }
        None
    }

    /// The change noun an "of" at `t` completes: "a decrease of", "a 15% year-over-year
    /// increase of", or "a decrease in gross profit of" (a change noun, "in", a few words).
    fn change_noun_before_of<'t>(&self, toks: &'t [Tok], t: usize) -> Option<&'t str> {
        let v = &self.vocab;
        let mut p = t;
        while p > 0 && v.is_qualifier(&toks[p - 1].lower) {
            p -= 1;
        }
        if p > 0 && v.is_change_noun(&toks[p - 1].lower) {
            return Some(&toks[p - 1].lower);
        }
        let words = toks[..t]
            .iter()
            .rev()
            .take_while(|x| x.lower.chars().all(|c| c.is_alphabetic() || c == '-'))
            .take(7)
            .count();
        (1..=words).find_map(|k| {
            let i = t - k;
            (toks[i].lower == "in" && i > 0 && v.is_change_noun(&toks[i - 1].lower) && k > 1)
                .then(|| toks[i - 1].lower.as_str())
        })
    }
}

/// A percentage of another measure than the reported values: "5.2% operational growth", "an
/// increase of 5% on a constant currency basis", "organic revenue growth was 5.2%". It is not
/// computed from the reported figures beside it.
fn other_measure(before: &[Tok], after: &[Tok]) -> bool {
    let words = before
        .iter()
        .rev()
        .take(4)
        .chain(after.iter().take(6))
        .map(|t| t.lower.as_str());
    let mut prev = "";
    for w in words {
        let hit = matches!(
            w,
            "organic"
                | "organically"
                | "operational"
                | "operationally"
                | "comparable"
                | "underlying"
                | "like-for-like"
                | "currency-neutral"
                | "fx-neutral"
                | "constant-currency"
        ) || (prev == "constant" && w == "currency")
            || (w == "constant" && prev == "currency");
        if hit {
            return true;
        }
        prev = w;
    }
    false
}

/// "premium of 20%", "a 20% discount".
fn premium_role(f: &Figure, toks: &[Tok], after_toks: &[Tok]) -> Option<Role> {
    if f.unit != Unit::Percent {
        return None;
    }
    let next = after_toks.first().map(|t| t.lower.as_str()).unwrap_or("");
    ["premium", "discount"].into_iter().find_map(|w| {
        (toks.iter().rev().take(3).any(|t| t.lower == w) || next == w).then_some(Role::Premium {
            discount: w == "discount",
        })
    })
}

/// Words before a percentage "of" something that make it a share of a total: "represents 7.9%
/// of", "accounted for 40% of".
fn part_of_cue(toks: &[Tok]) -> bool {
    let last = toks.last().map(|t| t.lower.as_str()).unwrap_or("");
    matches!(
        last,
        "represents"
            | "represented"
            | "representing"
            | "or"
            | "approximately"
            | "about"
            | "is"
            | "was"
            | "comprised"
            | "comprising"
            | "accounted"
            | "constituting"
            | ","
    ) || toks.iter().rev().take(2).any(|t| t.lower == "represents")
}

/// Words that may stand between "from" and its figure: "from the prior year's $7M".
fn is_filler(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "its"
            | "their"
            | "our"
            | "prior"
            | "previous"
            | "last"
            | "year's"
            | "year’s"
            | "quarter's"
            | "period's"
            | "same"
            | "record"
            | "restated"
            | "reported"
    )
}

/// After a change's "from": a short noun phrase naming the base and ending in "of" ("the net
/// revenues of"), with no verb or comparison of its own.
fn names_the_base(toks: &[Tok]) -> bool {
    toks.len() <= 6
        && toks.last().is_some_and(|t| t.lower == "of")
        && toks[..toks.len() - 1].iter().all(|t| {
            t.lower
                .chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
        })
        && !toks
            .iter()
            .any(|t| matches!(t.lower.as_str(), "to" | "from" | "by" | "was" | "were"))
}

/// A word of a verb's object noun phrase ("gross profit" in "reduced gross profit $9,921").
fn is_object_word(w: &str) -> bool {
    w.chars().all(char::is_alphabetic)
        && !matches!(
            w,
            "to" | "from"
                | "of"
                | "by"
                | "was"
                | "were"
                | "is"
                | "are"
                | "in"
                | "for"
                | "and"
                | "or"
                | "the"
                | "a"
                | "an"
                | "compared"
                | "as"
                | "at"
                | "on"
                | "over"
                | "than"
                | "approximately"
                | "about"
        )
}

pub(super) fn after_starts_of(toks: &[Tok]) -> bool {
    toks.first().is_some_and(|t| t.lower == "of")
}
