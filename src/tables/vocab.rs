//! The vocabularies of the table model and the table rules, read from the rule packs
//! (`rules/table-*.toml`, `rules/prose-table-tie.toml`): each word is `kind: phrase`.

use super::period::{contains_seq, tokens, Duration};
use crate::pack::Pack;

/// The vocabularies the table model and rules read from their packs.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    /// Labels that open with one of these mark a total ("total", "subtotal").
    pub total: Vec<Vec<String>>,
    /// Profit lines: a signed combination of the rows above ("gross profit", "net loss").
    pub profit: Vec<Vec<String>>,
    /// Rows subtracted in a profit line ("cost", "expense").
    pub expense: Vec<Vec<String>>,
    /// Words of income ("income", "gain"): a row naming income and expense is signed as
    /// written ("Other income (expense), net").
    pub income: Vec<Vec<String>>,
    /// Labels that are never totals ("per share", "percentage").
    pub not_total: Vec<Vec<String>>,
    /// Header words of a column that is never footed ("may yet be purchased").
    pub not_footed: Vec<Vec<String>>,
    /// Header words of a column of adjustments ("Adjustment", "Impact of adoption"): it touches
    /// only the rows it adjusts, so its footing does not show the other columns' rows complete.
    pub adjusting: Vec<Vec<String>>,
    /// Header words of a change column ("change", "increase").
    pub change: Vec<Vec<String>>,
    /// Header words of a change column not recomputed ("excluding currency").
    pub change_skip: Vec<Vec<String>>,
    /// Header words of a change column whose sign says favorable / unfavorable.
    pub favorable: Vec<Vec<String>>,
    /// Period words by duration.
    pub durations: Vec<(Duration, Vec<String>)>,
    /// Words allowed between a metric and its figure in prose ("was", "for the").
    pub link: Vec<String>,
    /// Words that may open a metric's clause in prose without qualifying it ("our", "we
    /// recorded").
    pub preamble: Vec<String>,
    /// Verbs of change that, followed by "to", introduce the new value in prose ("rose 45% to").
    pub moved: Vec<String>,
    /// Units named by header or label words.
    pub units: Vec<(super::Unit, Vec<String>)>,
    /// Header words that do not narrow a column to a part of the company ("ended",
    /// "thousands", "unaudited"): any other word scopes it (a segment, a sub-metric).
    pub unscoped: Vec<String>,
    /// Labels that make a table a roll-forward of balances ("balance", "beginning").
    pub rollforward: Vec<Vec<String>>,
}

pub(crate) fn split_words(s: &str) -> Vec<String> {
    tokens(s).into_iter().map(|(w, _)| w).collect()
}

impl Vocab {
    pub fn from_pack(pack: &Pack) -> Vocab {
        let mut v = Vocab::default();
        for rule in [
            "tables",
            "table-footing",
            "table-change-column",
            "prose-table-tie",
        ] {
            for w in pack.rule_words(rule) {
                if let Some((kind, phrase)) = w.split_once(':') {
                    v.add(kind.trim(), split_words(phrase));
                }
            }
        }
        // period words never scope a column
        let period_words: Vec<String> = v.durations.iter().flat_map(|(_, p)| p.clone()).collect();
        v.unscoped.extend(period_words);
        v
    }

    fn add(&mut self, kind: &str, words: Vec<String>) {
        use super::Unit;
        match kind {
            "total" => self.total.push(words),
            "profit" => self.profit.push(words),
            "expense" => self.expense.push(words),
            "income" => self.income.push(words),
            "not-total" => self.not_total.push(words),
            "not-footed" => self.not_footed.push(words),
            "adjusting" => self.adjusting.push(words),
            "change" => self.change.push(words),
            "skip" => self.change_skip.push(words),
            "favorable" => self.favorable.push(words),
            "quarter" => self.durations.push((Duration::Quarter, words)),
            "half" => self.durations.push((Duration::Half, words)),
            "nine" => self.durations.push((Duration::NineMonths, words)),
            "year" => self.durations.push((Duration::Year, words)),
            "link" => self.link.extend(words),
            "preamble" => self.preamble.extend(words),
            "moved" => self.moved.extend(words),
            "unscoped" => self.unscoped.extend(words),
            "rollforward" => self.rollforward.push(words),
            "percent" => self.units.push((Unit::Percent, words)),
            "per-share" => self.units.push((Unit::PerShare, words)),
            "shares" => self.units.push((Unit::Shares, words)),
            "average" => self.units.push((Unit::Average, words)),
            "ratio" => self.units.push((Unit::Ratio, words)),
            _ => {}
        }
    }

    /// The unit named by header or label words, the first of the pack's list that appears.
    pub fn unit_named(&self, words: &[&str]) -> Option<super::Unit> {
        self.units
            .iter()
            .find(|(_, p)| contains_seq(words, p))
            .map(|(u, _)| *u)
    }
}

pub(crate) fn starts_with_any(words: &[&str], phrases: &[Vec<String>]) -> bool {
    phrases.iter().any(|p| {
        !p.is_empty() && words.len() >= p.len() && words.iter().zip(p).all(|(a, b)| *a == b)
    })
}

pub(crate) fn contains_any(words: &[&str], phrases: &[Vec<String>]) -> bool {
    phrases.iter().any(|p| contains_seq(words, p))
}
