//! Shared by `examples/recall.rs` and `tests/recall_labels.rs`: a labelled set of claims (ground
//! truth written by hand, `eval/labels/*.toml`) and the matcher that measures which of them tieout
//! recognises and verifies.
//!
//! A label names a file, a line, the figures of one claim exactly as written, where they sit
//! (`shape`: sentence, paragraph, document, table), what relation ties them (`kind`) and the
//! verdict a careful reviewer reaches. Its figures are found in the original bytes on their
//! lines (Markdown escapes and runs of white space ignored; a figure that starts or ends with a
//! digit must not continue a longer number).
//!
//! A label is *recognised* when
//! 1. one claim tieout reports has figures overlapping every figure of the label; its status is
//!    that claim's check by the rule of the label's kind (or the claim's status);
//! 2. or a warning or error of a rule of the label's kind already touches one of its figures
//!    (status mismatch);
//! 3. or, probing, a copy of the file with one of the label's figures changed (leading digit
//!    moved by three) gets a new warning or error of a rule of the label's kind touching the
//!    label's figures: tieout checks the relation, and found it consistent on the original.
//!
//! It is *verified* when recognised with status consistent or mismatch agreeing with the label.
//! A mismatch where the label says consistent is a false alarm; consistent where the label says
//! mismatch is a missed error. Labels whose base is not stated (`unverifiable`) are counted
//! apart: tieout should hold them back (status unverifiable), not claim them.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use tieout::check::Checker;
use tieout::report::{ClaimRecord, FileReport, Finding, Location, Status};
use tieout::rules::Severity;
use tieout::source;

pub const SHAPES: [&str; 4] = ["sentence", "paragraph", "document", "table"];

/// Each kind of claim, with the rules that check it (the first is the claim rule).
pub const KINDS: [(&str, &[&str]); 12] = [
    ("change-percent", &["percent-change"]),
    ("change-delta", &["change-amount"]),
    ("change-multiple", &["change-multiple"]),
    ("direction", &["change-direction"]),
    ("point-change", &["point-change"]),
    ("part-of-total", &["part-of-total", "margin"]),
    ("premium-discount", &["premium-discount"]),
    (
        "price-quantity",
        &["amount-price-quantity", "table-per-share"],
    ),
    ("footing", &["table-footing", "period-total"]),
    ("change-column", &["table-change-column"]),
    ("restatement", &["restated-fact"]),
    ("prose-table", &["prose-table-tie", "restated-fact"]),
];

pub const VERDICTS: [&str; 4] = ["consistent", "mismatch", "mismatch-warning", "unverifiable"];

/// A label file: `[set]` describes the selection, `[[claim]]` are the labels.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct LabelFile {
    #[serde(default)]
    pub set: SetInfo,
    #[serde(default)]
    pub claim: Vec<Label>,
}

#[derive(Debug, Deserialize, Default, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct SetInfo {
    /// The corpus subdirectory the files are in (e.g. `newswire`).
    #[serde(default)]
    pub subset: String,
    /// How the files were chosen.
    #[serde(default)]
    pub selection: String,
    /// Every file of the set, labelled claims or not.
    #[serde(default)]
    pub files: Vec<String>,
}

/// One hand-labelled claim.
#[derive(Debug, Deserialize, Serialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub file: String,
    pub line: usize,
    /// The figures as written.
    pub figures: Vec<String>,
    /// The line of each figure, when they are not all on `line`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<usize>,
    /// Which occurrence of each figure on its line (1-based); absent: any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrence: Vec<usize>,
    pub shape: String,
    pub kind: String,
    pub verdict: String,
    #[serde(default)]
    pub note: String,
}

impl Label {
    fn figure_line(&self, i: usize) -> usize {
        self.lines.get(i).copied().unwrap_or(self.line)
    }
    fn figure_occurrence(&self, i: usize) -> Option<usize> {
        self.occurrence.get(i).copied().filter(|&n| n > 0)
    }
    pub fn checkable(&self) -> bool {
        self.verdict != "unverifiable"
    }
    fn rules(&self) -> &'static [&'static str] {
        KINDS
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map(|(_, r)| *r)
            .unwrap_or(&[])
    }
    fn validate(&self) -> Result<(), String> {
        let bad = |what: &str, v: &str| Err(format!("unknown {what} {v:?}"));
        if !SHAPES.contains(&self.shape.as_str()) {
            return bad("shape", &self.shape);
        }
        if !KINDS.iter().any(|(k, _)| *k == self.kind) {
            return bad("kind", &self.kind);
        }
        if !VERDICTS.contains(&self.verdict.as_str()) {
            return bad("verdict", &self.verdict);
        }
        if self.figures.is_empty() || self.figures.iter().any(|f| f.trim().is_empty()) {
            return Err("empty figure list or figure".into());
        }
        for (name, v) in [("lines", &self.lines), ("occurrence", &self.occurrence)] {
            if !v.is_empty() && v.len() != self.figures.len() {
                return Err(format!(
                    "{name} has {} entries for {} figures",
                    v.len(),
                    self.figures.len()
                ));
            }
        }
        Ok(())
    }
}

impl LabelFile {
    /// Parse and validate a label file; the error names the claim at fault.
    pub fn parse(text: &str) -> Result<LabelFile, String> {
        let lf: LabelFile = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, l) in lf.claim.iter().enumerate() {
            l.validate()
                .map_err(|e| format!("claim {} ({}:{}): {e}", i + 1, l.file, l.line))?;
        }
        Ok(lf)
    }
}

// ---------------------------------------------------------------------------------------------
// Finding figures in the original bytes.

/// A character of a line with its byte range, after dropping Markdown escapes and folding white
/// space.
struct NormChar {
    c: char,
    start: usize,
    end: usize,
}

fn normalize(s: &str, base: usize) -> Vec<NormChar> {
    let mut out: Vec<NormChar> = Vec::new();
    for (i, c) in s.char_indices() {
        let end = base + i + c.len_utf8();
        if c == '\\' {
            continue;
        }
        if c.is_whitespace() {
            if out.last().is_some_and(|p| p.c == ' ') {
                out.last_mut().unwrap().end = end;
                continue;
            }
            out.push(NormChar {
                c: ' ',
                start: base + i,
                end,
            });
            continue;
        }
        out.push(NormChar {
            c,
            start: base + i,
            end,
        });
    }
    out
}

/// The byte range of 1-based `line` in `original` (without its line break).
fn line_range(original: &[u8], line: usize) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for _ in 1..line {
        start += memchr_nl(&original[start..])? + 1;
    }
    let end = memchr_nl(&original[start..]).map_or(original.len(), |e| start + e);
    Some(start..end)
}

fn memchr_nl(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

/// Every place `figure` is written on 1-based `line`, as original byte spans.
pub fn locate(original: &[u8], line: usize, figure: &str) -> Vec<Location> {
    let Some(r) = line_range(original, line) else {
        return Vec::new();
    };
    let Ok(text) = std::str::from_utf8(&original[r.clone()]) else {
        return Vec::new();
    };
    let hay = normalize(text, r.start);
    let needle: Vec<char> = normalize(figure.trim(), 0).iter().map(|n| n.c).collect();
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else {
        return Vec::new();
    };
    let at = |i: usize| hay.get(i).map(|n| n.c);
    let mut out = Vec::new();
    for i in 0..hay.len().saturating_sub(needle.len() - 1) {
        if !needle.iter().enumerate().all(|(k, c)| hay[i + k].c == *c) {
            continue;
        }
        let j = i + needle.len();
        let continues_before =
            i > 0 && matches!(at(i - 1), Some(c) if c.is_ascii_digit() || c == '.' || c == ',');
        let continues_after = matches!(at(j), Some(c) if c.is_ascii_digit())
            || (matches!(at(j), Some('.' | ','))
                && matches!(at(j + 1), Some(c) if c.is_ascii_digit()));
        if (first.is_ascii_digit() && continues_before)
            || (last.is_ascii_digit() && continues_after)
        {
            continue;
        }
        let (start, end) = (hay[i].start, hay[j - 1].end);
        let (l, col) = (line, text[..start - r.start].chars().count() + 1);
        out.push(Location {
            offset: start,
            length: end - start,
            line: l,
            column: col,
            place: None,
        });
    }
    out
}

/// The candidate spans of each figure of a label (an occurrence index keeps only that one).
pub fn label_spans(original: &[u8], l: &Label) -> Result<Vec<Vec<Location>>, String> {
    let mut out = Vec::new();
    for (i, f) in l.figures.iter().enumerate() {
        let line = l.figure_line(i);
        let mut found = locate(original, line, f);
        if let Some(n) = l.figure_occurrence(i) {
            found = found.into_iter().nth(n - 1).into_iter().collect();
        }
        if found.is_empty() {
            return Err(format!("{}:{line}: figure {f:?} not found", l.file));
        }
        out.push(found);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Matching labels to what tieout reports.

/// How a label was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    Claim,
    Finding,
    Probe,
}

/// What became of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Recognised with the label's verdict.
    Verified,
    /// Recognised, but tieout found it unverifiable.
    HeldBack,
    /// tieout says mismatch, the label consistent.
    FalseAlarm,
    /// tieout says consistent, the label mismatch.
    MissedError,
    /// Not recognised.
    NotRecognised,
    /// An unverifiable label tieout checked anyway (consistent or mismatch).
    OverClaim,
}

#[derive(Debug, Clone, Serialize)]
pub struct LabelResult {
    /// Index of the label in its file (0-based).
    pub index: usize,
    pub file: String,
    pub line: usize,
    pub shape: String,
    pub kind: String,
    pub verdict: String,
    pub figures: Vec<String>,
    pub recognised: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<Via>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    pub verified: bool,
    pub outcome: Outcome,
    /// The rule whose check decided the status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// When not recognised: the most figures one claim covers, and that claim's kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partial: Option<(usize, String)>,
}

fn overlaps(a: &Location, b: &Location) -> bool {
    a.offset < b.offset + b.length.max(1) && b.offset < a.offset + a.length.max(1)
}

fn touches(spans: &[Vec<Location>], at: &Location) -> bool {
    spans.iter().flatten().any(|s| overlaps(s, at))
}

/// How many of the label's figures the claim's figures overlap.
fn covered(spans: &[Vec<Location>], c: &ClaimRecord) -> usize {
    spans
        .iter()
        .filter(|cands| {
            cands
                .iter()
                .any(|s| c.figures.iter().any(|f| overlaps(s, &f.span)))
        })
        .count()
}

/// The claim's status by the first rule of the label's kind it ran, else its own.
fn claim_status(c: &ClaimRecord, rules: &[&str]) -> (Status, Option<String>) {
    rules
        .iter()
        .find_map(|r| c.checks.iter().find(|k| k.rule == *r))
        .map(|k| (k.status, Some(k.rule.clone())))
        .unwrap_or((c.status, c.checks.first().map(|k| k.rule.clone())))
}

fn finding_touches(f: &Finding, spans: &[Vec<Location>]) -> bool {
    touches(spans, &f.span) || f.labels.iter().any(|l| touches(spans, &l.span))
}

fn alarming(f: &Finding) -> bool {
    f.severity >= Severity::Warning
}

/// Does tieout's status agree with the label's verdict?
fn agrees(status: Status, verdict: &str) -> bool {
    match status {
        Status::Consistent => verdict == "consistent",
        Status::Mismatch => verdict.starts_with("mismatch"),
        Status::Unverifiable => false,
    }
}

fn outcome_of(status: Option<Status>, verdict: &str) -> Outcome {
    let checkable = verdict != "unverifiable";
    match status {
        None => Outcome::NotRecognised,
        Some(Status::Unverifiable) => Outcome::HeldBack,
        Some(_) if !checkable => Outcome::OverClaim,
        Some(s) if agrees(s, verdict) => Outcome::Verified,
        Some(Status::Mismatch) => Outcome::FalseAlarm,
        Some(_) => Outcome::MissedError,
    }
}

/// One document checked, with re-checks of copies that have one figure changed.
pub struct Probe<'a> {
    checker: &'a Checker,
    path: String,
    bytes: Vec<u8>,
    pub report: FileReport,
    baseline: HashSet<(String, usize, usize)>,
    /// New warnings and errors after changing the figure at this offset.
    memo: HashMap<usize, Vec<Finding>>,
}

impl<'a> Probe<'a> {
    pub fn new(checker: &'a Checker, path: &str, bytes: Vec<u8>) -> Result<Probe<'a>, String> {
        let doc = source::load_bytes(path, bytes.clone(), None).map_err(|e| e.to_string())?;
        let report = checker.check(&doc);
        let baseline = report.findings.iter().map(key).collect();
        Ok(Probe {
            checker,
            path: path.to_string(),
            bytes,
            report,
            baseline,
            memo: HashMap::new(),
        })
    }

    /// The warnings and errors that appear when the figure at `at` is changed.
    fn perturbed(&mut self, at: &Location) -> &[Finding] {
        if !self.memo.contains_key(&at.offset) {
            let found = self.recheck(at);
            self.memo.insert(at.offset, found);
        }
        &self.memo[&at.offset]
    }

    fn recheck(&self, at: &Location) -> Vec<Finding> {
        let mut bytes = self.bytes.clone();
        let Some(d) = (at.offset..at.offset + at.length).find(|&i| bytes[i].is_ascii_digit())
        else {
            return Vec::new();
        };
        let v = bytes[d] - b'0';
        bytes[d] = b'0' + if v + 3 <= 9 { v + 3 } else { v - 3 };
        let Ok(doc) = source::load_bytes(&self.path, bytes, None) else {
            return Vec::new();
        };
        let rep = self.checker.check(&doc);
        rep.findings
            .into_iter()
            .filter(|f| alarming(f) && !self.baseline.contains(&key(f)))
            .collect()
    }

    /// Match one label (its figures already located).
    pub fn judge(&mut self, index: usize, l: &Label, spans: &[Vec<Location>]) -> LabelResult {
        let rules = l.rules();
        let mut res = LabelResult {
            index,
            file: l.file.clone(),
            line: l.line,
            shape: l.shape.clone(),
            kind: l.kind.clone(),
            verdict: l.verdict.clone(),
            figures: l.figures.clone(),
            recognised: false,
            via: None,
            status: None,
            verified: false,
            outcome: Outcome::NotRecognised,
            rule: None,
            partial: None,
        };
        let found = self
            .by_claim(l, spans, rules, &mut res)
            .or_else(|| {
                if l.checkable() {
                    self.by_finding(spans, rules)
                } else {
                    None
                }
            })
            .or_else(|| {
                if l.checkable() {
                    self.by_probe(spans, rules)
                } else {
                    None
                }
            });
        if let Some((via, status, rule)) = found {
            res.recognised = true;
            res.via = Some(via);
            res.status = Some(status);
            res.rule = rule;
        }
        res.outcome = outcome_of(res.status, &l.verdict);
        res.verified = res.outcome == Outcome::Verified;
        res
    }

    /// A claim whose figures cover every figure of the label (the one agreeing best).
    fn by_claim(
        &self,
        l: &Label,
        spans: &[Vec<Location>],
        rules: &[&str],
        res: &mut LabelResult,
    ) -> Option<(Via, Status, Option<String>)> {
        let mut best: Option<(u8, Status, Option<String>)> = None;
        for c in &self.report.claims {
            let n = covered(spans, c);
            if n < spans.len() {
                if n > 0 && res.partial.as_ref().is_none_or(|p| p.0 < n) {
                    res.partial = Some((n, c.kind.to_string()));
                }
                continue;
            }
            let (status, rule) = claim_status(c, rules);
            let rank = match status {
                s if agrees(s, &l.verdict) => 0,
                Status::Unverifiable if !l.checkable() => 0,
                Status::Unverifiable => 2,
                _ => 1,
            };
            if best.as_ref().is_none_or(|b| rank < b.0) {
                best = Some((rank, status, rule));
            }
        }
        if best.is_some() {
            res.partial = None;
        }
        best.map(|(_, s, r)| (Via::Claim, s, r))
    }

    /// A warning or error of the kind's rules already on the label's figures.
    fn by_finding(
        &self,
        spans: &[Vec<Location>],
        rules: &[&str],
    ) -> Option<(Via, Status, Option<String>)> {
        self.report
            .findings
            .iter()
            .find(|f| alarming(f) && rules.contains(&f.rule.as_str()) && finding_touches(f, spans))
            .map(|f| (Via::Finding, Status::Mismatch, Some(f.rule.clone())))
    }

    /// Change the label's last figure, then its first: does a rule of its kind notice, and point
    /// at another figure of the label (not only at the changed one, which a different claim may
    /// share)?
    fn by_probe(
        &mut self,
        spans: &[Vec<Location>],
        rules: &[&str],
    ) -> Option<(Via, Status, Option<String>)> {
        let mut order = vec![spans.len() - 1];
        if spans.len() > 1 {
            order.push(0);
        }
        for i in order {
            let at = spans[i][0];
            let others: Vec<Vec<Location>> = spans
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != i)
                .map(|(_, c)| c.clone())
                .collect();
            let hit = self
                .perturbed(&at)
                .iter()
                .find(|f| rules.contains(&f.rule.as_str()) && finding_touches(f, &others))
                .map(|f| f.rule.clone());
            if let Some(rule) = hit {
                return Some((Via::Probe, Status::Consistent, Some(rule)));
            }
        }
        None
    }
}

fn key(f: &Finding) -> (String, usize, usize) {
    (f.rule.clone(), f.span.offset, f.span.length)
}

/// Check one file and match its labels. `labels` are (index, label) of this file.
pub fn evaluate_file(
    checker: &Checker,
    path: &str,
    bytes: Vec<u8>,
    labels: &[(usize, &Label)],
) -> Result<Vec<LabelResult>, String> {
    let mut located = Vec::new();
    for (i, l) in labels {
        located.push((*i, *l, label_spans(&bytes, l)?));
    }
    let mut probe = Probe::new(checker, path, bytes)?;
    Ok(located
        .into_iter()
        .map(|(i, l, spans)| probe.judge(i, l, &spans))
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Counting.

/// Counts for one row of the table.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Tally {
    pub labels: usize,
    pub recognised: usize,
    pub verified: usize,
    pub held_back: usize,
    pub false_alarms: usize,
    pub missed_errors: usize,
}

impl Tally {
    fn add(&mut self, r: &LabelResult) {
        self.labels += 1;
        self.recognised += usize::from(r.recognised);
        self.verified += usize::from(r.verified);
        self.held_back += usize::from(r.outcome == Outcome::HeldBack);
        self.false_alarms += usize::from(r.outcome == Outcome::FalseAlarm);
        self.missed_errors += usize::from(r.outcome == Outcome::MissedError);
    }
}

/// Checkable labels by shape, by kind and in total; unverifiable labels by outcome.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Summary {
    pub by_shape: BTreeMap<String, Tally>,
    pub by_kind: BTreeMap<String, Tally>,
    pub total: Tally,
    /// Labels whose base is not stated: outcome → count.
    pub unverifiable: BTreeMap<String, usize>,
}

impl Summary {
    pub fn of(results: &[LabelResult]) -> Summary {
        let mut s = Summary::default();
        for r in results {
            if r.verdict == "unverifiable" {
                let k = serde_json::to_value(r.outcome).ok();
                let k = k
                    .as_ref()
                    .and_then(|v| v.as_str())
                    .unwrap_or("?")
                    .to_string();
                *s.unverifiable.entry(k).or_default() += 1;
                continue;
            }
            s.by_shape.entry(r.shape.clone()).or_default().add(r);
            s.by_kind.entry(r.kind.clone()).or_default().add(r);
            s.total.add(r);
        }
        s
    }

    /// The recall table, shapes in their natural order, kinds by number of labels.
    pub fn table(&self) -> String {
        let mut out = String::new();
        let head = format!(
            "{:<18}{:>7}{:>17}{:>17}{:>8}{:>8}{:>8}\n",
            "", "labels", "recognised", "verified", "unverif", "false", "missed"
        );
        let row = |name: &str, t: &Tally| {
            let pct = |n: usize| 100.0 * n as f64 / t.labels.max(1) as f64;
            format!(
                "{:<18}{:>7}{:>9} {:>6.1}%{:>9} {:>6.1}%{:>8}{:>8}{:>8}\n",
                name,
                t.labels,
                t.recognised,
                pct(t.recognised),
                t.verified,
                pct(t.verified),
                t.held_back,
                t.false_alarms,
                t.missed_errors
            )
        };
        out.push_str(&head);
        out.push_str("by shape\n");
        for sh in SHAPES {
            if let Some(t) = self.by_shape.get(sh) {
                out.push_str(&row(&format!("  {sh}"), t));
            }
        }
        out.push_str("by kind\n");
        let mut kinds: Vec<_> = self.by_kind.iter().collect();
        kinds.sort_by(|a, b| b.1.labels.cmp(&a.1.labels).then(a.0.cmp(b.0)));
        for (k, t) in kinds {
            out.push_str(&row(&format!("  {k}"), t));
        }
        out.push_str(&row("total", &self.total));
        let n: usize = self.unverifiable.values().sum();
        if n > 0 {
            let g = |k: &str| self.unverifiable.get(k).copied().unwrap_or(0);
            out.push_str(&format!(
                "base not stated: {n} labels: held back (unverifiable) {}, over-claimed {}, not seen {}\n",
                g("held-back"),
                g("over-claim"),
                g("not-recognised")
            ));
        }
        out
    }
}
