//! The pipeline for one document: extract → claims → readings → rules → [`FileReport`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::claims::{Claim, ClaimKind, Recognizer};
use crate::extract::{Extractor, Figure};
use crate::facts::{doc_facts, load_facts_file, DocPeriods, Fact, Metrics};
use crate::pack::Pack;
use crate::readings::{self, Reading};
use crate::report::{
    CheckRecord, ClaimRecord, FigureRecord, FileReport, Finding, Label, Related, Status,
};
use crate::rules::{self, Ctx, Mismatch, Outcome, RuleDef, Severity, Tier};
use crate::source::Document;
use crate::suppress;

/// Which rules run and how severe their findings are.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only these rule ids (empty: all).
    pub select: BTreeSet<String>,
    /// Never these rule ids.
    pub ignore: BTreeSet<String>,
    /// Severity per rule id, replacing the error tier's severity (warnings stay warnings
    /// unless the override is lower).
    pub severity: BTreeMap<String, Severity>,
    /// Do not honour `tieout-ignore` comments.
    pub no_ignore_comments: bool,
    /// The month the fiscal year ends in (1-12; 0 means December).
    pub fiscal_year_end_month: u8,
}

impl Options {
    pub fn enabled(&self, id: &str) -> bool {
        (self.select.is_empty() || self.select.contains(id)) && !self.ignore.contains(id)
    }
    /// The configured fiscal year end month, or 0 (not configured: December, or what a
    /// document that speaks of its fiscal year implies).
    pub fn fye(&self) -> u8 {
        match self.fiscal_year_end_month {
            1..=12 => self.fiscal_year_end_month,
            _ => 0,
        }
    }
}

/// A checker: the rule pack compiled once, applied to many documents (it is `Sync`).
pub struct Checker {
    pub pack: Pack,
    extractor: Extractor,
    recognizer: Recognizer,
    metrics: Metrics,
    concepts: crate::xbrl::Concepts,
    /// Facts supplied from outside (`--facts FILE`).
    pub external_facts: Vec<Fact>,
    pub options: Options,
}

/// The facts of a file already reported, kept for comparison with the files after it.
#[derive(Debug, Clone)]
pub struct PriorFacts {
    pub path: String,
    pub company: Option<String>,
    pub facts: Vec<Fact>,
}

impl PriorFacts {
    /// Move a report's facts out (they are not rendered).
    pub fn take(r: &mut FileReport) -> PriorFacts {
        PriorFacts {
            path: r.path.clone(),
            company: r.company.clone(),
            facts: std::mem::take(&mut r.facts),
        }
    }
}

/// The facts of the files already reported, looked up by company, metric, period and family
/// (a file's facts are compared with the few stated for the same thing, not with all).
#[derive(Debug, Default)]
pub struct Prior {
    files: Vec<PriorFacts>,
    /// (file, fact) indexes of the explicit facts, in order, by what they state.
    by_key: HashMap<PriorKey, Vec<(usize, usize)>>,
}

type PriorKey = (
    String,
    String,
    crate::periods::Period,
    crate::extract::Family,
);

fn prior_key(company: &str, f: &Fact) -> PriorKey {
    (
        company.to_string(),
        f.metric.clone(),
        f.period,
        f.fig.family(),
    )
}

impl Prior {
    pub fn push(&mut self, p: PriorFacts) {
        let i = self.files.len();
        if let Some(company) = &p.company {
            for (j, f) in p.facts.iter().enumerate().filter(|(_, f)| f.explicit) {
                self.by_key
                    .entry(prior_key(company, f))
                    .or_default()
                    .push((i, j));
            }
        }
        self.files.push(p);
    }

    /// The first fact of an earlier file about the same company that contradicts `b`, with
    /// that file's path.
    fn contradicting(&self, company: &str, b: &Fact) -> Option<(&str, &Fact)> {
        self.by_key
            .get(&prior_key(company, b))?
            .iter()
            .map(|&(i, j)| (self.files[i].path.as_str(), &self.files[i].facts[j]))
            .find(|(_, a)| crate::rules::restated_fact::contradict(a, b))
    }
}

/// The id under which claims that cannot be checked are reported.
pub const UNVERIFIABLE: &str = "unverifiable";

/// The id under which a `tieout-ignore` comment naming an unknown rule is reported.
pub const BAD_SUPPRESSION: &str = rules::bad_suppression::ID;

/// Every rule id tieout can report (`bad-suppression` included: its module declares it).
pub fn all_rules() -> impl Iterator<Item = &'static RuleDef> {
    rules::ALL.iter().copied()
}

/// Look up any reportable rule by id (including `bad-suppression`).
pub fn rule_by_id(id: &str) -> Option<&'static RuleDef> {
    all_rules().find(|r| r.id == id)
}

/// The known rule id closest to a misspelt one, if it is close: at most 3 edits, a
/// transposition (`chnage`) counting as one (`strsim`'s Damerau-Levenshtein distance).
pub fn suggest_rule(id: &str) -> Option<&'static str> {
    all_rules()
        .map(|r| (strsim::damerau_levenshtein(id, r.id), r.id))
        .filter(|&(d, _)| d <= 3)
        .min()
        .map(|(_, r)| r)
}

impl Checker {
    pub fn new(pack: Pack, options: Options) -> Checker {
        Checker {
            extractor: Extractor::new(&pack),
            recognizer: Recognizer::new(&pack),
            metrics: Metrics::new(&pack),
            concepts: crate::xbrl::Concepts::new(&pack),
            external_facts: Vec::new(),
            pack,
            options,
        }
    }

    /// Built-in packs, all rules.
    pub fn default_checker() -> Checker {
        Checker::new(Pack::builtin(), Options::default())
    }

    pub fn figures(&self, doc: &Document) -> Vec<Figure> {
        self.extractor.extract(&doc.text)
    }

    pub fn claims(&self, doc: &Document, figs: &[Figure]) -> Vec<Claim> {
        self.recognizer.recognize(doc, figs)
    }

    /// Load a facts file (TOML, CSV, or JSON: `tieout facts --format json` or SEC
    /// companyfacts) whose figures make claims checkable.
    pub fn load_facts(&mut self, path: &std::path::Path) -> Result<(), String> {
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let mut f = if json {
            crate::xbrl::load_facts_json(
                path,
                &self.extractor,
                &self.metrics,
                &self.concepts,
                self.options.fye(),
            )?
        } else {
            load_facts_file(path, &self.extractor, &self.metrics)?
        };
        self.external_facts.append(&mut f);
        Ok(())
    }

    /// The facts a document states (metric, period, value), in text order.
    pub fn facts(&self, doc: &Document) -> Vec<Fact> {
        let figs = self.figures(doc);
        let claims = self.claims(doc, &figs);
        let periods = DocPeriods::new(doc, self.options.fye());
        let mut f = doc_facts(doc, &figs, &claims, &self.metrics, &periods);
        f.sort_by_key(|x| x.range.start);
        f
    }

    /// How a document names its fiscal periods (configured, declared by its inline XBRL, or
    /// implied by its text).
    pub fn calendar(&self, doc: &Document) -> crate::xbrl::Calendar {
        let fye = DocPeriods::new(doc, self.options.fye()).fye;
        crate::xbrl::Calendar::of_doc(doc, fye)
    }

    /// Facts stated in different files of one run that cannot both be true (`restated-fact`
    /// across files): the later file gets the finding, naming the earlier one.
    pub fn cross_check(&self, reports: &mut [FileReport]) {
        let mut prior = Prior::default();
        for r in reports.iter_mut() {
            self.cross_check_file(&prior, r);
            prior.push(PriorFacts {
                path: r.path.clone(),
                company: r.company.clone(),
                facts: r.facts.clone(),
            });
        }
    }

    /// [`Checker::cross_check`] for one file against the files before it.
    pub fn cross_check_file(&self, prior: &Prior, b_file: &mut FileReport) {
        let Some(rule) = rules::by_id("restated-fact") else {
            return;
        };
        let Some(company) = b_file.company.as_deref() else {
            return;
        };
        if !self.options.enabled(rule.id) {
            return;
        }
        let mut added = Vec::new();
        for b in &b_file.facts {
            let Some(bl) = b.location else { continue };
            let Some((a_path, a)) = prior.contradicting(company, b) else {
                continue;
            };
            let snippet = crate::source::decode::Encoding::of(&b_file.source)
                .decode(&b_file.source[bl.span().range()]);
            added.push(Finding {
                rule: rule.id.into(),
                severity: self.severity_for(rule, Tier::Error),
                message: format!(
                    "{} for {} is stated as {} here and as {} in {a_path}",
                    b.metric, b.period, b.text, a.text
                ),
                span: bl,
                snippet,
                labels: vec![Label {
                    span: bl,
                    message: format!("{} {}", b.metric, b.period),
                }],
                help: Some(format!(
                    "{} and {} cannot both be the {} of {}",
                    b.text, a.text, b.metric, b.period
                )),
                claim: None,
                related: vec![Related {
                    path: a_path.to_string(),
                    span: a.location,
                    message: format!("stated as {}", a.text),
                }],
            });
        }
        if added.is_empty() {
            return;
        }
        b_file.findings.extend(added);
        b_file.findings.sort_by(|x, y| {
            (x.span.offset, x.rule.as_str()).cmp(&(y.span.offset, y.rule.as_str()))
        });
    }

    /// A rule's mismatch as a finding: its spans located in the original file.
    fn finding(
        &self,
        doc: &Document,
        rule: &RuleDef,
        m: crate::rules::Mismatch,
        claim: Option<usize>,
    ) -> Finding {
        let loc = |r: std::ops::Range<usize>| doc.location(doc.span(r));
        let span = loc(m.primary.clone());
        let mut labels = vec![Label {
            span,
            message: m.primary_label,
        }];
        labels.extend(m.labels.into_iter().map(|(r, l)| Label {
            span: loc(r),
            message: l,
        }));
        Finding {
            rule: rule.id.into(),
            severity: self.severity_for(rule, m.tier),
            message: m.message,
            snippet: doc.snippet(span.span()),
            span,
            labels,
            help: Some(m.help),
            claim,
            related: Vec::new(),
        }
    }

    fn severity_for(&self, rule: &RuleDef, tier: Tier) -> Severity {
        let base = match tier {
            Tier::Error => rule.default_severity,
            Tier::Warning => Severity::Warning.min(rule.default_severity),
        };
        match self.options.severity.get(rule.id) {
            Some(&s) => match tier {
                Tier::Error => s,
                Tier::Warning => s.min(Severity::Warning),
            },
            None => base,
        }
    }

    /// Check one document.
    pub fn check(&self, doc: &Document) -> FileReport {
        let mut r = self.report(doc);
        r.source = Arc::new(doc.original.clone());
        r
    }

    /// [`Checker::check`] taking the document: its bytes move into the report, not copied.
    pub fn check_owned(&self, mut doc: Document) -> FileReport {
        let mut r = self.report(&doc);
        r.source = Arc::new(std::mem::take(&mut doc.original));
        r
    }

    /// The report of one document, without its bytes: figures, claims, facts, the readings of
    /// each claim, the rules' findings, then suppressions.
    fn report(&self, doc: &Document) -> FileReport {
        let crate::extract::Extracted {
            figures,
            out_of_range,
        } = self.extractor.extract_all(&doc.text);
        let claims = self.claims(doc, &figures);
        let periods = DocPeriods::new(doc, self.options.fye());
        let facts = self.located_facts(doc, &figures, &claims, &periods);
        // changes whose base is stated elsewhere (this document, or a facts file)
        let known: Vec<&Fact> = facts.iter().chain(&self.external_facts).collect();
        let evidence = readings::Evidence {
            doc,
            metrics: &self.metrics,
            periods: &periods,
            known: &known,
        };
        let readings = readings::readings(&evidence, figures, &claims);
        let ctx = Ctx {
            text: &doc.text,
            figs: &readings.figs,
            pack: &self.pack,
            doc,
            claims: &claims,
            facts: &facts,
            external_facts: &self.external_facts,
            periods: &periods,
            names: &readings.names,
            tables: Default::default(),
            footing: Default::default(),
        };
        let (records, mut findings) = self.judge_claims(&ctx, &readings, &out_of_range);
        findings.extend(self.judge_document(&ctx));
        // one finding per claim and span: rules that blame the same figure agree
        let mut seen = std::collections::HashSet::new();
        findings.retain(|f| seen.insert((f.claim, f.span.offset, f.span.length, f.severity)));
        let suppressed = self.suppress(doc, &mut findings);
        findings.sort_by(|a, b| {
            (a.span.offset, a.rule.as_str(), a.span.length).cmp(&(
                b.span.offset,
                b.rule.as_str(),
                b.span.length,
            ))
        });
        FileReport {
            path: doc.path.clone(),
            format: doc.format,
            parts: doc.part_names(),
            claims: records,
            findings,
            suppressed,
            config: None,
            source: Arc::default(),
            facts,
            company: crate::facts::company_key(&doc.text),
        }
    }

    /// The facts the document states, in its text and in its tags, each with its location.
    fn located_facts(
        &self,
        doc: &Document,
        figs: &[Figure],
        claims: &[Claim],
        periods: &DocPeriods,
    ) -> Vec<Fact> {
        let mut facts = doc_facts(doc, figs, claims, &self.metrics, periods);
        let calendar = crate::xbrl::Calendar::of_doc(doc, periods.fye);
        facts.extend(crate::xbrl::doc_metric_facts(doc, &self.concepts, calendar));
        facts.sort_by_key(|x| x.range.start);
        for f in facts.iter_mut() {
            f.location = Some(doc.location(doc.span(f.range.clone())));
        }
        facts
    }

    /// Each claim judged by its best reading: its record, and the findings of the rules (and of
    /// `unverifiable`, when it is on).
    fn judge_claims(
        &self,
        ctx: &Ctx,
        readings: &readings::Readings,
        out_of_range: &[std::ops::Range<usize>],
    ) -> (Vec<ClaimRecord>, Vec<Finding>) {
        let doc = ctx.doc;
        let mut findings = Vec::new();
        let mut records = Vec::new();
        for of_claim in &readings.of_claim {
            let Some(v) = of_claim
                .iter()
                .map(|r| self.verdict(ctx, r))
                .min_by_key(Verdict::rank)
            else {
                continue;
            };
            if v.checks.is_empty() {
                continue;
            }
            let c = &v.reading.claim;
            let claim_index = records.len();
            let status = v.status();
            for (rule, m) in v.mismatches {
                let mut f = self.finding(doc, rule, m, Some(claim_index));
                if let (Some(from), Some(h)) = (&v.reading.base_source, f.help.as_mut()) {
                    h.push_str(&format!("; the base is {from}"));
                }
                findings.push(f);
            }
            if let (Status::Unverifiable, Some(reason)) = (status, &v.unverifiable) {
                if self.options.enabled(UNVERIFIABLE) {
                    let stated = c.percent.or(c.delta).or(c.multiple).or(c.points);
                    let at = stated.map_or(c.range.clone(), |s| readings.figs[s].range.clone());
                    let too_large = near_claim(&doc.text, out_of_range, &c.range);
                    let m = unverifiable(reason, at, too_large.map(|r| (r, &doc.text[r.clone()])));
                    let rule = &rules::unverifiable::RULE;
                    findings.push(self.finding(doc, rule, m, Some(claim_index)));
                }
            }
            records.push(ClaimRecord {
                kind: c.kind().as_str(),
                status,
                text: doc.text[c.range.clone()].to_string(),
                span: doc.location(doc.span(c.range.clone())),
                figures: figure_records(doc, &readings.figs, c, &readings.names),
                checks: v.checks,
                base_source: v.reading.base_source.clone(),
            });
        }
        (records, findings)
    }

    /// The findings of the document-level rules (tables, facts) that are on.
    fn judge_document(&self, ctx: &Ctx) -> Vec<Finding> {
        let mut findings = Vec::new();
        for rule in rules::ALL.iter().copied() {
            let Some(check_document) = rule.check_document else {
                continue;
            };
            if !self.options.enabled(rule.id) {
                continue;
            }
            for o in check_document(ctx) {
                if let Outcome::Mismatch(m) = o {
                    findings.push(self.finding(ctx.doc, rule, m, None));
                }
            }
        }
        findings
    }

    /// Drops the findings a `tieout-ignore` comment covers (adding those for comments that name
    /// no rule); the number dropped.
    fn suppress(&self, doc: &Document, findings: &mut Vec<Finding>) -> usize {
        if self.options.no_ignore_comments {
            return 0;
        }
        let sup = suppress::Suppressions::scan(doc);
        if self.options.enabled(BAD_SUPPRESSION) {
            findings.extend(self.bad_suppressions(doc, &sup));
        }
        let covered = sup.covered();
        let before = findings.len();
        findings.retain(|f| !covered.covers(&f.rule, f.span.offset));
        before - findings.len()
    }
}

/// The rules' verdict on one reading of a claim.
struct Verdict<'r> {
    reading: &'r Reading,
    checks: Vec<CheckRecord>,
    mismatches: Vec<(&'static RuleDef, Mismatch)>,
    unverifiable: Option<String>,
}

impl Verdict<'_> {
    /// Readings compare by how badly they fail: consistent, then warnings only, then
    /// unverifiable, then errors. A claim is an error only when its best reading is.
    /// Among failing readings, the one with the fewest mismatches says best what is wrong.
    fn rank(&self) -> (u8, usize) {
        let tiers = || self.mismatches.iter().map(|(_, m)| m.tier);
        let level = if tiers().any(|t| t == Tier::Error) {
            3
        } else if tiers().next().is_some() {
            1
        } else if self.unverifiable.is_some() {
            2
        } else {
            0
        };
        (level, self.mismatches.len())
    }

    fn status(&self) -> Status {
        if !self.mismatches.is_empty() {
            Status::Mismatch
        } else if self.unverifiable.is_some() {
            Status::Unverifiable
        } else {
            Status::Consistent
        }
    }
}

impl Checker {
    /// Run every enabled rule of the claim's kind on one reading.
    fn verdict<'r>(&self, ctx: &Ctx, reading: &'r Reading) -> Verdict<'r> {
        let c = &reading.claim;
        let mut v = Verdict {
            reading,
            checks: Vec::new(),
            mismatches: Vec::new(),
            unverifiable: None,
        };
        for rule in rules::ALL.iter().copied() {
            if !rule.kinds.contains(&c.kind()) || !self.options.enabled(rule.id) {
                continue;
            }
            for o in (rule.check)(ctx, c) {
                let (status, reason) = match o {
                    Outcome::Consistent => (Status::Consistent, None),
                    Outcome::Unverifiable(reason) => {
                        v.unverifiable.get_or_insert(reason.clone());
                        (Status::Unverifiable, Some(reason))
                    }
                    Outcome::Mismatch(m) => {
                        let reason = Some(m.message.clone());
                        v.mismatches.push((rule, m));
                        (Status::Mismatch, reason)
                    }
                };
                v.checks.push(CheckRecord {
                    rule: rule.id.into(),
                    status,
                    reason,
                });
            }
        }
        v
    }

    /// `bad-suppression` findings: ids in `tieout-ignore` comments that name no rule.
    fn bad_suppressions(&self, doc: &Document, sup: &suppress::Suppressions) -> Vec<Finding> {
        let severity = self
            .options
            .severity
            .get(BAD_SUPPRESSION)
            .copied()
            .unwrap_or(Severity::Warning);
        let mut out = Vec::new();
        for s in &sup.0 {
            let mut from = s.at;
            for id in &s.rules {
                // where the id is written, after the previous one
                let at = doc.original[from..]
                    .windows(id.len())
                    .position(|w| w == id.as_bytes())
                    .map(|p| from + p)
                    .unwrap_or(s.at);
                from = at + id.len();
                if id == "all" || rule_by_id(id).is_some() {
                    continue;
                }
                let span = doc.location(crate::span::Span::new(at, id.len()));
                let help = match suggest_rule(id) {
                    Some(r) => format!("did you mean `{r}`? (`tieout rules` lists every rule)"),
                    None => "`tieout rules` lists every rule".to_string(),
                };
                out.push(Finding {
                    rule: BAD_SUPPRESSION.into(),
                    related: Vec::new(),
                    severity,
                    message: format!("unknown rule `{id}` in tieout-ignore comment"),
                    snippet: id.clone(),
                    span,
                    labels: vec![Label {
                        span,
                        message: "not a rule; this suppresses nothing".into(),
                    }],
                    help: Some(help),
                    claim: None,
                });
            }
        }
        out
    }
}

/// The note for a claim that cannot be checked: its base is not stated, or a figure near it is
/// out of the range tieout computes with (`too_large`: its range and text).
fn unverifiable(
    reason: &str,
    at: std::ops::Range<usize>,
    too_large: Option<(&std::ops::Range<usize>, &str)>,
) -> crate::rules::Mismatch {
    let Some((r, written)) = too_large else {
        return crate::rules::Mismatch {
            tier: Tier::Error,
            message: format!("cannot be checked: {reason}"),
            primary: at,
            primary_label: "no stated base".into(),
            labels: Vec::new(),
            help: "state the figure it is computed from, or supply it with --facts".into(),
        };
    };
    crate::rules::Mismatch {
        tier: Tier::Error,
        message: format!("cannot be checked: {written} is out of the range tieout computes with"),
        primary: r.clone(),
        primary_label: "out of range".into(),
        labels: vec![(at, "claim".into())],
        help: format!(
            "tieout reads figures up to 10^18 in magnitude, with at most {} digits after the \
             point; larger numbers are not read as figures",
            crate::extract::MAX_DECIMALS
        ),
    }
}

/// The first out-of-range number in the claim's paragraph, within 200 bytes of it.
fn near_claim<'a>(
    text: &str,
    out_of_range: &'a [std::ops::Range<usize>],
    claim: &std::ops::Range<usize>,
) -> Option<&'a std::ops::Range<usize>> {
    out_of_range.iter().find(|r| {
        let (a, b) = if r.start < claim.start {
            (r.end.min(claim.start), claim.start)
        } else {
            (claim.end.min(r.start), r.start)
        };
        b - a <= 200 && !text[a..b].contains("\n\n")
    })
}

fn figure_records(
    doc: &Document,
    figs: &[Figure],
    c: &Claim,
    names: &BTreeMap<usize, String>,
) -> Vec<FigureRecord> {
    let text = &doc.text;
    let mut out = Vec::new();
    let mut push = |role: &'static str, id: Option<usize>| {
        if let Some(id) = id {
            let f = &figs[id];
            let iv = f.interval();
            out.push(FigureRecord {
                role,
                text: names
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| text[f.range.clone()].to_string()),
                value: f.value.normalize().to_string(),
                unit: unit_name(f),
                interval: [iv.lo.normalize().to_string(), iv.hi.normalize().to_string()],
                span: doc.location(doc.span(f.range.clone())),
            });
        }
    };
    match c.kind() {
        ClaimKind::PremiumDiscount => {
            push("price", c.current);
            push("reference", c.base);
            push("percent", c.percent);
        }
        ClaimKind::PartOfTotal => {
            push("part", c.current);
            push("total", c.base);
            push("percent", c.percent);
        }
        _ => {
            push("base", c.base);
            push("current", c.current);
            push("percent", c.percent);
            push("delta", c.delta);
            push("multiple", c.multiple);
            push("points", c.points);
            push("amount", c.amount);
            for &a in &c.more_amounts {
                push("amount", Some(a));
            }
            for l in &c.legs {
                for &p in &l.prices {
                    push("price", Some(p));
                }
                push("quantity", Some(l.quantity));
            }
        }
    }
    out
}

/// A figure's unit as reports name it: `USD`, `USD/share`, `percent`, `shares`...
pub fn unit_name(f: &Figure) -> String {
    use crate::extract::Unit;
    match &f.unit {
        Unit::Currency { code, per_share } => {
            if *per_share {
                format!("{code}/share")
            } else {
                code.clone()
            }
        }
        Unit::Percent => "percent".into(),
        Unit::BasisPoints => "basis-points".into(),
        Unit::PercentagePoints => "percentage-points".into(),
        Unit::Multiple => "multiple".into(),
        Unit::Shares => "shares".into(),
        Unit::Count => "count".into(),
        Unit::Date => "date".into(),
    }
}

#[cfg(test)]
mod suggest_tests {
    use super::suggest_rule;

    #[test]
    fn transposed_letters_are_one_edit() {
        assert_eq!(suggest_rule("percent-chnage"), Some("percent-change"));
        // two transpositions: four edits for Levenshtein, two for Damerau-Levenshtein
        assert_eq!(suggest_rule("pecrent-chnage"), Some("percent-change"));
        assert_eq!(suggest_rule("no-such-thing-at-all"), None);
    }
}
