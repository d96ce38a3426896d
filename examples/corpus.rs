//! Corpus evaluation and self-mutation recall.
//!
//! ```text
//! cargo run --release --example corpus -- [DIR...] [--json FILE] [--max-errors N]
//! cargo run --release --example corpus -- --mutate [--seed S] [--mutate-per-doc N] [DIR...]
//! ```
//!
//! With no DIR, reads `../shared/corpus` relative to the repository root. The corpus is read at
//! run time only. A missing corpus is not an error: the tool says so and exits 0.
//!
//! The 2024 SEC filings archive is unpacked under `target/` and split into two fixed halves,
//! subsets `sec-filings-2024-dev` and `sec-filings-2024-holdout` (see `examples/common/corpus.rs`).
//!
//! The holdout half is left out unless `--holdout` is given, and then only counted: its findings
//! are never listed.
//!
//! Evaluation: every document is loaded and checked exactly as `tieout check` would (format from
//! the file name; TAT-QA contexts as plain text). Published documents are consistent, so every
//! finding of severity `error` is listed as a probable false alarm.
//!
//! Mutation (`--mutate`): for each claim found `consistent`, copies of the document are made with
//! one stated figure perturbed (a digit changed, the scale word changed, a direction word
//! flipped, a percent moved by 3 to 9 points), each re-checked. A perturbation is *caught* when a
//! new finding of severity warning or error overlaps the claim (or belongs to a claim that covers
//! the edit). A perturbation after which the claim still holds is *benign* and counted apart: an
//! oracle in this file recomputes the claim's stated relation by interval arithmetic over the
//! figures tieout bound to it, with the perturbed figure re-read (a direction-only claim holds
//! while current − base keeps its sign; a flipped direction word is benign only when the figures
//! cannot tell the direction); where the oracle cannot tell, the new value lying inside the
//! interval the original figure stood for.

#[path = "common/corpus.rs"]
mod corpus;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use rust_decimal::Decimal;
use serde::Serialize;

use corpus::{CorpusDoc, SplitMix64, TatqaOptions};
use tieout::check::Checker;
use tieout::interval::Interval;
use tieout::report::{ClaimRecord, FileReport, Status};
use tieout::rules::Severity;
use tieout::source::{self, Document};

#[derive(Parser, Debug)]
#[command(about = "Evaluate tieout on a corpus of real documents")]
struct Args {
    /// Corpus directories or files (default: ../shared/corpus from the repository root).
    dirs: Vec<PathBuf>,
    /// Write the figures as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// List at most this many errors (probable false alarms).
    #[arg(long, default_value_t = 200)]
    max_errors: usize,
    /// Also run self-mutation recall.
    #[arg(long)]
    mutate: bool,
    /// Seed of the perturbations.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// At most this many consistent claims per document are perturbed (0: all).
    #[arg(long, default_value_t = 40)]
    mutate_per_doc: usize,
    /// List at most this many missed perturbations.
    #[arg(long, default_value_t = 40)]
    max_misses: usize,
    /// Append each TAT-QA context's table as a Markdown pipe table.
    #[arg(long)]
    tatqa_tables: bool,
    /// Also check the holdout half of the filings archive. Its figures are printed as counts
    /// only (no finding is listed), so that nobody develops against it.
    #[arg(long)]
    holdout: bool,
    /// Only documents whose subset is one of these (comma-separated).
    #[arg(long, value_delimiter = ',')]
    subset: Vec<String>,
}

#[derive(Default, Serialize, Clone)]
struct SubsetStats {
    documents: usize,
    bytes: usize,
    seconds: f64,
    mb_per_s: f64,
    load_errors: usize,
    /// Documents on which load or check panicked (a bug: see the list).
    panics: usize,
    claims: usize,
    consistent: usize,
    mismatch: usize,
    unverifiable: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
    /// Documents with at least one error.
    documents_with_errors: usize,
    /// errors on unmodified documents / documents × 100.
    false_alarms_per_100_docs: f64,
}

#[derive(Serialize, Clone)]
struct ErrorEntry {
    subset: String,
    path: String,
    line: usize,
    column: usize,
    rule: String,
    snippet: String,
    message: String,
    claim_kind: Option<String>,
    claim: Option<String>,
}

#[derive(Serialize)]
struct JsonOut {
    corpus: Vec<String>,
    total: SubsetStats,
    subsets: BTreeMap<String, SubsetStats>,
    /// kind → status → count
    claims: BTreeMap<String, BTreeMap<String, usize>>,
    /// rule → severity → count
    findings: BTreeMap<String, BTreeMap<String, usize>>,
    errors: Vec<ErrorEntry>,
    warnings: Vec<ErrorEntry>,
    load_errors: Vec<String>,
    panics: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mutation: Option<MutationOut>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let dirs = if args.dirs.is_empty() {
        vec![corpus::default_dir()]
    } else {
        args.dirs.clone()
    };
    let present: Vec<PathBuf> = dirs.iter().filter(|d| d.exists()).cloned().collect();
    for d in dirs.iter().filter(|d| !d.exists()) {
        println!("corpus not found at {}: skipped", d.display());
    }
    if present.is_empty() {
        println!("no corpus to evaluate; nothing done");
        return ExitCode::SUCCESS;
    }
    let topt = TatqaOptions {
        tables: args.tatqa_tables,
    };
    let mut docs: Vec<CorpusDoc> = Vec::new();
    for d in &present {
        docs.extend(corpus::load(d, topt));
    }
    if !args.holdout {
        docs.retain(|d| !d.subset.ends_with("-holdout"));
    }
    if !args.subset.is_empty() {
        docs.retain(|d| args.subset.contains(&d.subset));
    }
    if docs.is_empty() {
        println!("no documents found; nothing done");
        return ExitCode::SUCCESS;
    }

    let checker = Checker::default_checker();
    let mut subsets: BTreeMap<String, SubsetStats> = BTreeMap::new();
    let mut claims: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut findings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut errors: Vec<ErrorEntry> = Vec::new();
    let mut load_errors: Vec<String> = Vec::new();
    let mut panics: Vec<String> = Vec::new();
    let mut warnings: Vec<ErrorEntry> = Vec::new();
    install_panic_hook();
    let mut checked: Vec<(usize, Document, FileReport)> = Vec::new();

    for (i, d) in docs.iter().enumerate() {
        let st = subsets.entry(d.subset.clone()).or_default();
        st.documents += 1;
        st.bytes += d.bytes.len();
        let t0 = Instant::now();
        let run = catch_unwind(AssertUnwindSafe(|| {
            source::load_bytes(&d.path, d.bytes.clone(), d.format).map(|doc| {
                let rep = checker.check(&doc);
                (doc, rep)
            })
        }));
        st.seconds += t0.elapsed().as_secs_f64();
        let (doc, rep) = match run {
            Ok(Ok(x)) => x,
            Ok(Err(e)) => {
                st.load_errors += 1;
                load_errors.push(e.to_string());
                continue;
            }
            Err(_) => {
                st.panics += 1;
                panics.push(format!("{}: {}", d.path, last_panic()));
                continue;
            }
        };
        st.claims += rep.claims.len();
        for c in &rep.claims {
            let status = status_str(c.status);
            match c.status {
                Status::Consistent => st.consistent += 1,
                Status::Mismatch => st.mismatch += 1,
                Status::Unverifiable => st.unverifiable += 1,
            }
            *claims
                .entry(c.kind.to_string())
                .or_default()
                .entry(status.to_string())
                .or_default() += 1;
        }
        let mut doc_errors = 0;
        for f in &rep.findings {
            *findings
                .entry(f.rule.clone())
                .or_default()
                .entry(f.severity.as_str().to_string())
                .or_default() += 1;
            match f.severity {
                Severity::Error => {
                    st.errors += 1;
                    doc_errors += 1;
                    let claim = f.claim.and_then(|c| rep.claims.get(c));
                    if d.subset.ends_with("-holdout") {
                        continue;
                    }
                    errors.push(ErrorEntry {
                        subset: d.subset.clone(),
                        path: d.path.clone(),
                        line: f.span.line,
                        column: f.span.column,
                        rule: f.rule.clone(),
                        snippet: f.snippet.clone(),
                        message: f.message.clone(),
                        claim_kind: claim.map(|c| c.kind.to_string()),
                        claim: claim.map(|c| one_line(&c.text)),
                    });
                }
                Severity::Warning => {
                    st.warnings += 1;
                    let claim = f.claim.and_then(|c| rep.claims.get(c));
                    if d.subset.ends_with("-holdout") {
                        continue;
                    }
                    warnings.push(ErrorEntry {
                        subset: d.subset.clone(),
                        path: d.path.clone(),
                        line: f.span.line,
                        column: f.span.column,
                        rule: f.rule.clone(),
                        snippet: f.snippet.clone(),
                        message: f.message.clone(),
                        claim_kind: claim.map(|c| c.kind.to_string()),
                        claim: claim.map(|c| one_line(&c.text)),
                    });
                }
                Severity::Note => st.notes += 1,
            }
        }
        if doc_errors > 0 {
            st.documents_with_errors += 1;
        }
        // Mutation reads the archive's filings only when asked for by --subset (it would take
        // as long as the rest of the corpus many times over).
        let archived = d.subset.ends_with("-dev") || d.subset.ends_with("-holdout");
        if args.mutate && (!archived || !args.subset.is_empty()) {
            checked.push((i, doc, rep));
        }
    }

    let mut total = SubsetStats::default();
    for st in subsets.values_mut() {
        finish(st);
        total.documents += st.documents;
        total.bytes += st.bytes;
        total.seconds += st.seconds;
        total.load_errors += st.load_errors;
        total.panics += st.panics;
        total.claims += st.claims;
        total.consistent += st.consistent;
        total.mismatch += st.mismatch;
        total.unverifiable += st.unverifiable;
        total.errors += st.errors;
        total.warnings += st.warnings;
        total.notes += st.notes;
        total.documents_with_errors += st.documents_with_errors;
    }
    finish(&mut total);

    print_eval(
        &present,
        &total,
        &subsets,
        &claims,
        &findings,
        &errors,
        &warnings,
        &load_errors,
        &panics,
        &args,
    );

    let mutation = if args.mutate {
        let m = run_mutation(&checker, &docs, &checked, &args);
        print_mutation(&m, &args);
        Some(m)
    } else {
        None
    };

    if let Some(path) = &args.json {
        let out = JsonOut {
            corpus: present.iter().map(|p| p.display().to_string()).collect(),
            total,
            subsets,
            claims,
            findings,
            errors,
            warnings,
            load_errors,
            panics,
            mutation,
        };
        match serde_json::to_string_pretty(&out) {
            Ok(s) => {
                if let Err(e) = std::fs::write(path, s + "\n") {
                    eprintln!("cannot write {}: {e}", path.display());
                    return ExitCode::from(2);
                }
                println!("\nwrote {}", path.display());
            }
            Err(e) => {
                eprintln!("cannot serialize: {e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

thread_local! {
    static LAST_PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Panics are caught per document; the hook keeps the message (with its location) short.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            s.to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "panic".to_string()
        };
        let msg: String = msg.chars().take(240).collect();
        let loc = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = format!("panicked at {loc}: {msg}"));
    }));
}

fn last_panic() -> String {
    LAST_PANIC.with(|p| p.borrow().clone())
}

fn finish(st: &mut SubsetStats) {
    st.mb_per_s = if st.seconds > 0.0 {
        st.bytes as f64 / 1e6 / st.seconds
    } else {
        0.0
    };
    st.false_alarms_per_100_docs = if st.documents > 0 {
        st.errors as f64 * 100.0 / st.documents as f64
    } else {
        0.0
    };
}

fn status_str(s: Status) -> &'static str {
    match s {
        Status::Consistent => "consistent",
        Status::Mismatch => "mismatch",
        Status::Unverifiable => "unverifiable",
    }
}

fn one_line(s: &str) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 300 {
        let cut: String = s.chars().take(300).collect();
        format!("{cut}…")
    } else {
        s
    }
}

#[allow(clippy::too_many_arguments)]
fn print_eval(
    dirs: &[PathBuf],
    total: &SubsetStats,
    subsets: &BTreeMap<String, SubsetStats>,
    claims: &BTreeMap<String, BTreeMap<String, usize>>,
    findings: &BTreeMap<String, BTreeMap<String, usize>>,
    errors: &[ErrorEntry],
    warnings: &[ErrorEntry],
    load_errors: &[String],
    panics: &[String],
    args: &Args,
) {
    println!("# tieout corpus evaluation");
    for d in dirs {
        println!("corpus: {}", d.display());
    }
    println!(
        "documents: {}  bytes: {}  time: {:.3} s (load + check, one thread)  throughput: {:.2} MB/s",
        total.documents, total.bytes, total.seconds, total.mb_per_s
    );
    if total.load_errors > 0 {
        println!("load errors: {}", total.load_errors);
        for e in load_errors {
            println!("  {e}");
        }
    }
    if total.panics > 0 {
        println!(
            "PANICS: {} documents (tieout bug; these documents are left out of every other figure)",
            total.panics
        );
        let mut by_site: BTreeMap<String, Vec<&String>> = BTreeMap::new();
        for p in panics {
            let site = p
                .split("panicked at ")
                .nth(1)
                .and_then(|r| r.split(": ").next())
                .unwrap_or("?")
                .to_string();
            by_site.entry(site).or_default().push(p);
        }
        for (site, ps) in &by_site {
            println!("  {} documents panic at {site}, e.g.:", ps.len());
            for p in ps.iter().take(3) {
                println!("    {}", one_line(p).chars().take(400).collect::<String>());
            }
        }
    }
    println!("\n## per subset");
    println!(
        "{:<24} {:>5} {:>11} {:>8} {:>8} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}",
        "subset",
        "docs",
        "bytes",
        "secs",
        "MB/s",
        "claims",
        "cons",
        "mism",
        "unver",
        "errors",
        "warns",
        "FA/100doc"
    );
    let row = |name: &str, s: &SubsetStats| {
        println!(
            "{:<24} {:>5} {:>11} {:>8.3} {:>8.2} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9.1}",
            name,
            s.documents,
            s.bytes,
            s.seconds,
            s.mb_per_s,
            s.claims,
            s.consistent,
            s.mismatch,
            s.unverifiable,
            s.errors,
            s.warnings,
            s.false_alarms_per_100_docs
        )
    };
    for (name, s) in subsets {
        row(name, s);
    }
    row("TOTAL", total);

    println!("\n## claims by kind and status");
    for (kind, by) in claims {
        let n: usize = by.values().sum();
        let parts: Vec<String> = by.iter().map(|(s, c)| format!("{s} {c}")).collect();
        println!("{kind:<24} {n:>6}  ({})", parts.join(", "));
    }
    println!("\n## findings by rule and severity");
    for (rule, by) in findings {
        let n: usize = by.values().sum();
        let parts: Vec<String> = by.iter().map(|(s, c)| format!("{s} {c}")).collect();
        println!("{rule:<24} {n:>6}  ({})", parts.join(", "));
    }
    println!(
        "\n## errors on unmodified documents (probable false alarms): {} in {} documents",
        total.errors, total.documents_with_errors
    );
    println!(
        "false alarms per 100 documents: {:.1} overall",
        total.false_alarms_per_100_docs
    );
    for (name, s) in subsets {
        println!(
            "  {name:<24} {:>7.1}  ({} errors / {} docs)",
            s.false_alarms_per_100_docs, s.errors, s.documents
        );
    }
    println!();
    for e in errors.iter().take(args.max_errors) {
        println!(
            "{}:{}:{}: {} `{}`: {}",
            e.path, e.line, e.column, e.rule, e.snippet, e.message
        );
        if let Some(c) = &e.claim {
            println!(
                "    claim ({}): {c}",
                e.claim_kind.as_deref().unwrap_or("?")
            );
        }
    }
    if errors.len() > args.max_errors {
        println!(
            "… {} more (raise --max-errors)",
            errors.len() - args.max_errors
        );
    }
    println!("\n## warnings on unmodified documents: {}", warnings.len());
    for e in warnings.iter().take(args.max_errors) {
        println!(
            "{}:{}:{}: {} `{}`: {}",
            e.path, e.line, e.column, e.rule, e.snippet, e.message
        );
        if let Some(c) = &e.claim {
            println!(
                "    claim ({}): {c}",
                e.claim_kind.as_deref().unwrap_or("?")
            );
        }
    }
    if warnings.len() > args.max_errors {
        println!(
            "… {} more (raise --max-errors)",
            warnings.len() - args.max_errors
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Self-mutation

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum PKind {
    Digit,
    Scale,
    Direction,
    Percent,
}

impl PKind {
    const ALL: [PKind; 4] = [PKind::Digit, PKind::Scale, PKind::Direction, PKind::Percent];
    fn as_str(&self) -> &'static str {
        match self {
            PKind::Digit => "digit",
            PKind::Scale => "scale",
            PKind::Direction => "direction",
            PKind::Percent => "percent",
        }
    }
}

#[derive(Default, Serialize, Clone, Copy)]
struct Tally {
    /// A new warning or error at the claim.
    caught: usize,
    /// Missed: the claim is still found consistent.
    missed_consistent: usize,
    /// Missed: the claim is now unverifiable.
    missed_unverifiable: usize,
    /// Missed: no claim is recognised there any more.
    missed_claim_lost: usize,
    /// Missed: mismatch reported, but no new warning/error overlaps the claim.
    missed_other: usize,
    /// The claim still holds after the perturbation (within rounding), and is not flagged.
    benign_ok: usize,
    /// The claim still holds after the perturbation, yet it is flagged.
    benign_flagged: usize,
    /// Recall = caught / (caught + missed).
    recall: f64,
}

impl Tally {
    fn missed(&self) -> usize {
        self.missed_consistent
            + self.missed_unverifiable
            + self.missed_claim_lost
            + self.missed_other
    }
    fn add(&mut self, o: &Tally) {
        self.caught += o.caught;
        self.missed_consistent += o.missed_consistent;
        self.missed_unverifiable += o.missed_unverifiable;
        self.missed_claim_lost += o.missed_claim_lost;
        self.missed_other += o.missed_other;
        self.benign_ok += o.benign_ok;
        self.benign_flagged += o.benign_flagged;
    }
    fn finish(&mut self) {
        let d = self.caught + self.missed();
        self.recall = if d > 0 {
            self.caught as f64 / d as f64
        } else {
            f64::NAN
        };
    }
}

#[derive(Serialize, Clone)]
struct Miss {
    path: String,
    kind: String,
    perturbation: String,
    outcome: String,
    edit: String,
    claim: String,
}

#[derive(Serialize)]
struct MutationOut {
    seed: u64,
    mutate_per_doc: usize,
    claims_perturbed: usize,
    mutants: usize,
    seconds: f64,
    total: Tally,
    by_perturbation: BTreeMap<String, Tally>,
    by_claim_kind: BTreeMap<String, Tally>,
    /// claim kind → perturbation → tally
    by_kind_and_perturbation: BTreeMap<String, BTreeMap<String, Tally>>,
    /// claims where a perturbation of that kind could not be made
    not_applicable: BTreeMap<String, usize>,
    misses: Vec<Miss>,
    /// Perturbations judged benign (the claim still holds), to audit the oracle.
    benign: Vec<Miss>,
    /// Mutants on which tieout panicked (left out of the tallies).
    panics: Vec<String>,
}

/// One edit of the original bytes.
struct Edit {
    at: usize,
    len: usize,
    with: Vec<u8>,
    /// The figure whose value changes (original offset), for the benign test.
    figure: Option<usize>,
    describe: String,
}

fn run_mutation(
    checker: &Checker,
    docs: &[CorpusDoc],
    checked: &[(usize, Document, FileReport)],
    args: &Args,
) -> MutationOut {
    let t0 = Instant::now();
    let mut by_kp: BTreeMap<(String, PKind), Tally> = BTreeMap::new();
    let mut na: BTreeMap<String, usize> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut claims_perturbed = 0;
    let mut mutants = 0;
    let mut mutant_panics = Vec::new();
    let mut benign_examples: Vec<Miss> = Vec::new();
    let mut last_progress = Instant::now();
    for (n, (di, doc, rep)) in checked.iter().enumerate() {
        let d = &docs[*di];
        let mut idx: Vec<usize> = rep
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.status == Status::Consistent)
            .map(|(i, _)| i)
            .collect();
        let mut rng = SplitMix64::derive(args.seed, &[corpus::hash_str(&d.path)]);
        if args.mutate_per_doc > 0 && idx.len() > args.mutate_per_doc {
            // partial Fisher-Yates, then keep document order
            for k in 0..args.mutate_per_doc {
                let j = k + rng.below(idx.len() - k);
                idx.swap(k, j);
            }
            idx.truncate(args.mutate_per_doc);
            idx.sort();
        }
        let baseline: Vec<(String, usize, usize)> = rep
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| (f.rule.clone(), f.span.offset, f.span.length))
            .collect();
        for ci in idx {
            let c = &rep.claims[ci];
            claims_perturbed += 1;
            for pk in PKind::ALL {
                let mut g = SplitMix64::derive(
                    args.seed,
                    &[corpus::hash_str(&d.path), ci as u64, pk as u64 + 1],
                );
                let Some(edit) = make_edit(&doc.original, c, pk, &mut g) else {
                    *na.entry(pk.as_str().to_string()).or_default() += 1;
                    continue;
                };
                mutants += 1;
                let Ok((outcome, benign)) = catch_unwind(AssertUnwindSafe(|| {
                    evaluate(checker, d, doc, c, &edit, &baseline)
                })) else {
                    mutant_panics.push(format!("{} ({}): {}", d.path, edit.describe, last_panic()));
                    continue;
                };
                let t = by_kp.entry((c.kind.to_string(), pk)).or_default();
                if benign && benign_examples.len() < 1000 {
                    benign_examples.push(Miss {
                        path: d.path.clone(),
                        kind: c.kind.to_string(),
                        perturbation: pk.as_str().to_string(),
                        outcome: if outcome == Outcome::Caught {
                            "flagged".into()
                        } else {
                            "not flagged".into()
                        },
                        edit: edit.describe.clone(),
                        claim: one_line(&c.text),
                    });
                }
                match (benign, outcome) {
                    (true, Outcome::Caught) => t.benign_flagged += 1,
                    (true, _) => t.benign_ok += 1,
                    (false, Outcome::Caught) => t.caught += 1,
                    (false, o) => {
                        match o {
                            Outcome::Consistent => t.missed_consistent += 1,
                            Outcome::Unverifiable => t.missed_unverifiable += 1,
                            Outcome::Lost => t.missed_claim_lost += 1,
                            Outcome::Other => t.missed_other += 1,
                            Outcome::Caught => unreachable!(),
                        }
                        if misses.len() < args.max_misses.max(1000) {
                            misses.push(Miss {
                                path: d.path.clone(),
                                kind: c.kind.to_string(),
                                perturbation: pk.as_str().to_string(),
                                outcome: o.as_str().to_string(),
                                edit: edit.describe.clone(),
                                claim: one_line(&c.text),
                            });
                        }
                    }
                }
            }
        }
        if last_progress.elapsed() > Duration::from_secs(20) {
            eprintln!(
                "mutation: {}/{} documents, {} mutants, {:.0} s",
                n + 1,
                checked.len(),
                mutants,
                t0.elapsed().as_secs_f64()
            );
            last_progress = Instant::now();
        }
    }
    let mut by_perturbation: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_claim_kind: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind_and_perturbation: BTreeMap<String, BTreeMap<String, Tally>> = BTreeMap::new();
    let mut total = Tally::default();
    for ((kind, pk), t) in &by_kp {
        by_perturbation
            .entry(pk.as_str().to_string())
            .or_default()
            .add(t);
        by_claim_kind.entry(kind.clone()).or_default().add(t);
        let mut t2 = *t;
        t2.finish();
        by_kind_and_perturbation
            .entry(kind.clone())
            .or_default()
            .insert(pk.as_str().to_string(), t2);
        total.add(t);
    }
    for t in by_perturbation.values_mut() {
        t.finish();
    }
    for t in by_claim_kind.values_mut() {
        t.finish();
    }
    total.finish();
    // a spread of misses: interleave perturbation kinds
    misses.sort_by(|a: &Miss, b: &Miss| a.perturbation.cmp(&b.perturbation));
    MutationOut {
        seed: args.seed,
        mutate_per_doc: args.mutate_per_doc,
        claims_perturbed,
        mutants,
        seconds: t0.elapsed().as_secs_f64(),
        total,
        by_perturbation,
        by_claim_kind,
        by_kind_and_perturbation,
        not_applicable: na,
        misses,
        benign: benign_examples,
        panics: mutant_panics,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Caught,
    Consistent,
    Unverifiable,
    Lost,
    Other,
}

impl Outcome {
    fn as_str(&self) -> &'static str {
        match self {
            Outcome::Caught => "caught",
            Outcome::Consistent => "still consistent",
            Outcome::Unverifiable => "now unverifiable",
            Outcome::Lost => "claim no longer recognised",
            Outcome::Other => "mismatch not reported at the claim",
        }
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    // half-open [a.0, a.1) and [b.0, b.1); an empty range touches at its point
    a.0 < b.1.max(b.0 + 1) && b.0 < a.1.max(a.0 + 1)
}

fn evaluate(
    checker: &Checker,
    d: &CorpusDoc,
    doc: &Document,
    c: &ClaimRecord,
    edit: &Edit,
    baseline: &[(String, usize, usize)],
) -> (Outcome, bool) {
    let mut bytes = Vec::with_capacity(doc.original.len() + edit.with.len());
    bytes.extend_from_slice(&doc.original[..edit.at]);
    bytes.extend_from_slice(&edit.with);
    bytes.extend_from_slice(&doc.original[edit.at + edit.len..]);
    let delta = edit.with.len() as isize - edit.len as isize;
    let shift = |off: usize| -> usize {
        if off >= edit.at + edit.len {
            (off as isize + delta) as usize
        } else {
            off
        }
    };
    let claim = (c.span.offset, shift(c.span.offset + c.span.length));
    let edit_range = (edit.at, edit.at + edit.with.len());
    let Ok(mdoc) = source::load_bytes(&d.path, bytes, Some(doc.format)) else {
        return (Outcome::Lost, false);
    };
    let m = checker.check(&mdoc);

    // benign: the claim, recomputed with the perturbed figure, still holds (an oracle
    // independent of tieout's recognition: it trusts only the figures tieout bound to the claim);
    // where the oracle cannot tell, the new value lying inside the interval the original figure
    // stood for.
    let benign = if edit.figure.is_none() {
        // a flipped direction word is harmless only when the figures cannot tell the direction
        let g = |role: &str| {
            c.figures
                .iter()
                .find(|f| f.role == role)
                .and_then(interval_of)
        };
        // (a stated amount of change, "a decrease of 12%", fixes the direction on its own)
        let stated = ["percent", "delta", "multiple", "points"]
            .iter()
            .any(|r| g(r).is_some_and(|i| !i.contains_zero()));
        match (g("base"), g("current")) {
            (Some(b), Some(cur)) => !stated && cur.sub(&b).is_some_and(|d| d.contains_zero()),
            _ => false,
        }
    } else {
        edit.figure.is_some_and(|off| {
            let Some(orig) = c.figures.iter().find(|f| f.span.offset == off) else {
                return false;
            };
            let Some(new_fig) = checker
                .figures(&mdoc)
                .into_iter()
                .find(|f| mdoc.span(f.range.clone()).offset == off)
            else {
                return false;
            };
            // the perturbed figure keeps the sign the claim's reading gave it (a loss read as a
            // negative value)
            let negative = orig.value.starts_with('-') && new_fig.value > Decimal::ZERO;
            let new_iv = if negative {
                new_fig.interval().neg()
            } else {
                new_fig.interval()
            };
            if let Some(holds) = oracle(c, off, new_iv) {
                return holds;
            }
            let v = if negative {
                -new_fig.value
            } else {
                new_fig.value
            };
            interval_of(orig).is_some_and(|iv| iv.contains(v))
        })
    };

    let is_new = |rule: &str, off: usize, len: usize| {
        !baseline
            .iter()
            .any(|(r, o, l)| r == rule && shift(*o) == off && (*l == len || *o >= edit.at))
    };
    let caught = m.findings.iter().any(|f| {
        if f.severity < Severity::Warning || !is_new(&f.rule, f.span.offset, f.span.length) {
            return false;
        }
        let fs = (f.span.offset, f.span.offset + f.span.length);
        overlaps(fs, claim)
            || f.claim.and_then(|i| m.claims.get(i)).is_some_and(|mc| {
                overlaps(
                    (mc.span.offset, mc.span.offset + mc.span.length),
                    edit_range,
                )
            })
    });
    if caught {
        return (Outcome::Caught, benign);
    }
    // what became of the claim
    let here: Vec<&ClaimRecord> = m
        .claims
        .iter()
        .filter(|mc| {
            overlaps(
                (mc.span.offset, mc.span.offset + mc.span.length),
                edit_range,
            )
        })
        .collect();
    let o = if here.is_empty() {
        Outcome::Lost
    } else if here.iter().any(|mc| mc.status == Status::Mismatch) {
        Outcome::Other
    } else if here.iter().all(|mc| mc.status == Status::Consistent) {
        Outcome::Consistent
    } else {
        Outcome::Unverifiable
    };
    (o, benign)
}

fn interval_of(f: &tieout::report::FigureRecord) -> Option<Interval> {
    Some(Interval::new(
        f.interval[0].parse().ok()?,
        f.interval[1].parse().ok()?,
    ))
}

/// Does the claim still hold with the figure at `changed` now standing for `new`? Each stated
/// relation is recomputed by interval arithmetic over the figures' intervals (magnitudes only:
/// direction words are left to the direction perturbation). A claim with no stated amount of
/// change (only a direction) holds while the sign of current − base is unchanged. `None`: the
/// oracle cannot tell.
fn oracle(c: &ClaimRecord, changed: usize, new: Interval) -> Option<bool> {
    let mut old_iv: BTreeMap<&str, Interval> = BTreeMap::new();
    let mut iv: BTreeMap<&str, Interval> = BTreeMap::new();
    for f in &c.figures {
        let o = interval_of(f)?;
        old_iv.insert(f.role, o);
        iv.insert(f.role, if f.span.offset == changed { new } else { o });
    }
    let hit = |computed: Option<Interval>, stated: Option<&Interval>| -> Option<bool> {
        Some(computed?.abs().intersects(&stated?.abs()))
    };
    let hundred = Interval::point(Decimal::ONE_HUNDRED);
    let g = |k: &str| iv.get(k).copied();
    match c.kind {
        "part-of-total" => hit(
            g("part")?.div(&g("total")?)?.mul(&hundred),
            iv.get("percent"),
        ),
        "premium-discount" => {
            let (p, r) = (g("price")?, g("reference")?);
            hit(p.sub(&r)?.div(&r)?.mul(&hundred), iv.get("percent"))
        }
        "amount-price-quantity" => {
            let q = g("quantity")?;
            hit(g("amount")?.div(&g("price")?), Some(&q))
        }
        "change" | "point-change" => {
            let (b, cur) = (g("base")?, g("current")?);
            let diff = cur.sub(&b)?;
            let mut any = false;
            let mut holds = true;
            if let Some(p) = iv.get("percent") {
                any = true;
                holds &= hit(diff.div(&b.abs())?.mul(&hundred), Some(p))?;
            }
            if let Some(d) = iv.get("delta") {
                any = true;
                holds &= hit(Some(diff), Some(d))?;
            }
            if let Some(m) = iv.get("multiple") {
                any = true;
                holds &= hit(cur.div(&b), Some(m))?;
            }
            if let Some(pt) = iv.get("points") {
                any = true;
                let unit = c.figures.iter().find(|f| f.role == "points")?.unit.as_str();
                let pts = if unit == "basis-points" {
                    pt.mul(&Interval::point(Decimal::new(1, 2)))?
                } else {
                    *pt
                };
                holds &= hit(Some(diff), Some(&pts))?;
            }
            if !any {
                // direction only: the order of base and current must not flip
                let before = old_iv.get("current")?.sub(old_iv.get("base")?)?;
                let sign = |i: &Interval| {
                    if i.lo > Decimal::ZERO {
                        1
                    } else if i.hi < Decimal::ZERO {
                        -1
                    } else {
                        0
                    }
                };
                let (sb, sa) = (sign(&before), sign(&diff));
                return Some(sb == 0 || sa == 0 || sb == sa);
            }
            Some(holds)
        }
        _ => None,
    }
}

fn make_edit(orig: &[u8], c: &ClaimRecord, pk: PKind, g: &mut SplitMix64) -> Option<Edit> {
    match pk {
        PKind::Digit => {
            let figs: Vec<_> = c
                .figures
                .iter()
                .filter(|f| {
                    digits_in(orig, f.span.offset, f.span.length)
                        .next()
                        .is_some()
                })
                .collect();
            if figs.is_empty() {
                return None;
            }
            let f = figs[g.below(figs.len())];
            let pos: Vec<usize> = digits_in(orig, f.span.offset, f.span.length).collect();
            let p = pos[g.below(pos.len())];
            let old = orig[p] - b'0';
            let leading = p == pos[0]
                && pos.len() > 1
                && pos[1] == p + 1
                && !matches!(orig.get(p + 1), Some(b'.'));
            let mut new = (old + 1 + g.below(9) as u8) % 10;
            if leading && new == 0 {
                new = if old == 1 { 2 } else { 1 };
            }
            Some(Edit {
                at: p,
                len: 1,
                with: vec![b'0' + new],
                figure: Some(f.span.offset),
                describe: format!("{} figure `{}`: digit {} → {}", f.role, f.text, old, new),
            })
        }
        PKind::Scale => {
            let mut cands = Vec::new();
            for f in &c.figures {
                if let Some((at, len, with)) = scale_word(orig, f.span.offset, f.span.length) {
                    cands.push((f, at, len, with));
                }
            }
            if cands.is_empty() {
                return None;
            }
            let (f, at, len, with) = cands.swap_remove(g.below(cands.len()));
            Some(Edit {
                at,
                len,
                describe: format!(
                    "{} figure `{}`: `{}` → `{}`",
                    f.role,
                    f.text,
                    String::from_utf8_lossy(&orig[at..at + len]),
                    with
                ),
                with: with.into_bytes(),
                figure: Some(f.span.offset),
            })
        }
        PKind::Direction => {
            let words = direction_words(orig, c.span.offset, c.span.length);
            if words.is_empty() {
                return None;
            }
            let (at, len, with) = words[g.below(words.len())].clone();
            Some(Edit {
                at,
                len,
                describe: format!(
                    "`{}` → `{}`",
                    String::from_utf8_lossy(&orig[at..at + len]),
                    with
                ),
                with: with.into_bytes(),
                figure: None,
            })
        }
        PKind::Percent => {
            let figs: Vec<_> = c
                .figures
                .iter()
                .filter(|f| f.unit == "percent")
                .filter(|f| number_run(orig, f.span.offset, f.span.length).is_some())
                .collect();
            if figs.is_empty() {
                return None;
            }
            let f = figs[g.below(figs.len())];
            let (at, len) = number_run(orig, f.span.offset, f.span.length)?;
            let s = std::str::from_utf8(&orig[at..at + len]).ok()?;
            let v: Decimal = s.replace(',', "").parse().ok()?;
            let dp = s.split_once('.').map(|(_, b)| b.len()).unwrap_or(0);
            let k = Decimal::from(3 + g.below(7) as i64);
            let up = g.below(2) == 0;
            let nv = if up || v - k < Decimal::ZERO {
                v + k
            } else {
                v - k
            };
            let with = format!("{:.*}", dp, nv);
            Some(Edit {
                at,
                len,
                describe: format!("{} figure `{}`: {} → {}", f.role, f.text, s, with),
                with: with.into_bytes(),
                figure: Some(f.span.offset),
            })
        }
    }
}

/// The digits of a figure's span, not those of a character reference inside it (`&#160;`).
fn digits_in(orig: &[u8], off: usize, len: usize) -> impl Iterator<Item = usize> + '_ {
    let end = (off + len).min(orig.len());
    (off..end).filter(move |&i| {
        let in_reference = orig[off..i]
            .iter()
            .rposition(|&c| c == b'&' || c == b';')
            .is_some_and(|p| orig[off + p] == b'&');
        orig[i].is_ascii_digit() && !in_reference
    })
}

/// The first run of digits (with `,` and `.` inside) in the span.
fn number_run(orig: &[u8], off: usize, len: usize) -> Option<(usize, usize)> {
    let end = (off + len).min(orig.len());
    let start = (off..end).find(|&i| orig[i].is_ascii_digit())?;
    let mut i = start;
    while i < end
        && (orig[i].is_ascii_digit()
            || ((orig[i] == b',' || orig[i] == b'.')
                && i + 1 < end
                && orig[i + 1].is_ascii_digit()))
    {
        i += 1;
    }
    Some((start, i - start))
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Find `word` (ASCII, case-insensitive) as a whole word in `orig[off..off+len]`; all matches.
fn find_words(orig: &[u8], off: usize, len: usize, word: &str) -> Vec<usize> {
    let end = (off + len).min(orig.len());
    let w = word.as_bytes();
    let mut out = Vec::new();
    if w.len() > end.saturating_sub(off) {
        return out;
    }
    for i in off..=end - w.len() {
        if orig[i..i + w.len()].eq_ignore_ascii_case(w)
            && (i == 0 || !(is_word_byte(orig[i - 1]) || orig[i - 1] == b'-'))
            && (i + w.len() >= orig.len()
                || !(is_word_byte(orig[i + w.len()]) || orig[i + w.len()] == b'-'))
        {
            out.push(i);
        }
    }
    out
}

/// Keep the case of the first letter.
fn cased(found: &[u8], repl: &str) -> String {
    if found.first().is_some_and(|b| b.is_ascii_uppercase()) {
        if found.len() > 1 && found.iter().all(|b| !b.is_ascii_lowercase()) {
            return repl.to_ascii_uppercase();
        }
        let mut s = repl.to_string();
        if let Some(r) = s.get_mut(0..1) {
            r.make_ascii_uppercase();
        }
        s
    } else {
        repl.to_string()
    }
}

/// The scale word of a figure, and what to change it to.
fn scale_word(orig: &[u8], off: usize, len: usize) -> Option<(usize, usize, String)> {
    const WORDS: &[(&str, &str)] = &[
        ("million", "billion"),
        ("billion", "million"),
        ("thousand", "million"),
        ("trillion", "billion"),
        ("mn", "bn"),
        ("bn", "mn"),
    ];
    // case-sensitive letters: M ↔ K, B → M
    const LETTERS: &[(&str, &str)] = &[("M", "K"), ("K", "M"), ("B", "M"), ("k", "m"), ("m", "k")];
    let end = (off + len).min(orig.len());
    let mut best: Option<(usize, usize, String)> = None;
    for (w, r) in WORDS {
        for at in find_words(orig, off, len, w) {
            if best.as_ref().is_none_or(|b| at > b.0) {
                best = Some((at, w.len(), cased(&orig[at..at + w.len()], r)));
            }
        }
    }
    if best.is_some() {
        return best;
    }
    // a letter right after a digit (or a space after a digit), at the end of the figure
    for (w, r) in LETTERS {
        let wb = w.as_bytes()[0];
        for at in off..end {
            if orig[at] == wb
                && at > off
                && (orig[at - 1].is_ascii_digit()
                    || (orig[at - 1] == b' ' && at > off + 1 && orig[at - 2].is_ascii_digit()))
                && (at + 1 >= orig.len() || !is_word_byte(orig[at + 1]))
            {
                return Some((at, 1, r.to_string()));
            }
        }
    }
    None
}

/// Direction words in the claim, each with its flip.
fn direction_words(orig: &[u8], off: usize, len: usize) -> Vec<(usize, usize, String)> {
    const PAIRS: &[(&str, &str)] = &[
        ("increased", "decreased"),
        ("decreased", "increased"),
        ("increase", "decrease"),
        ("decrease", "increase"),
        ("increases", "decreases"),
        ("decreases", "increases"),
        ("increasing", "decreasing"),
        ("decreasing", "increasing"),
        ("up", "down"),
        ("down", "up"),
        ("rose", "fell"),
        ("fell", "rose"),
        ("rise", "decline"),
        ("grew", "declined"),
        ("growth", "decline"),
        ("declined", "increased"),
        ("decline", "increase"),
        ("dropped", "rose"),
        ("improved", "worsened"),
        ("worsened", "improved"),
        ("improvement", "deterioration"),
        ("higher", "lower"),
        ("lower", "higher"),
        ("gain", "drop"),
        ("reduction", "increase"),
        ("reduced", "increased"),
    ];
    let mut out = Vec::new();
    for (w, r) in PAIRS {
        for at in find_words(orig, off, len, w) {
            out.push((at, w.len(), cased(&orig[at..at + w.len()], r)));
        }
    }
    out.sort();
    out
}

fn pct(t: &Tally) -> String {
    if t.recall.is_nan() {
        "   n/a".into()
    } else {
        format!("{:5.1}%", t.recall * 100.0)
    }
}

fn print_mutation(m: &MutationOut, args: &Args) {
    println!(
        "\n# self-mutation recall (seed {}, at most {} claims per document)",
        m.seed, m.mutate_per_doc
    );
    println!(
        "consistent claims perturbed: {}  mutants checked: {}  time: {:.1} s",
        m.claims_perturbed, m.mutants, m.seconds
    );
    let header = || {
        println!(
            "{:<34} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}",
            "", "recall", "caught", "m:cons", "m:unv", "m:lost", "m:oth", "benign", "b:flag"
        )
    };
    let row = |name: &str, t: &Tally| {
        println!(
            "{:<34} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>7}",
            name,
            pct(t),
            t.caught,
            t.missed_consistent,
            t.missed_unverifiable,
            t.missed_claim_lost,
            t.missed_other,
            t.benign_ok + t.benign_flagged,
            t.benign_flagged
        )
    };
    println!("\n## by perturbation");
    header();
    for (k, t) in &m.by_perturbation {
        row(k, t);
    }
    row("TOTAL", &m.total);
    println!("\n## by claim kind");
    header();
    for (k, t) in &m.by_claim_kind {
        row(k, t);
    }
    println!("\n## by claim kind and perturbation");
    header();
    for (k, by) in &m.by_kind_and_perturbation {
        for (p, t) in by {
            row(&format!("{k} / {p}"), t);
        }
    }
    let na: Vec<String> = m
        .not_applicable
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    if !m.panics.is_empty() {
        println!(
            "\nPANICS on {} mutants (left out of the tallies):",
            m.panics.len()
        );
        for p in m.panics.iter().take(20) {
            println!("  {p}");
        }
    }
    println!(
        "\nnot applicable (claim has no such figure or word): {}",
        na.join(", ")
    );
    println!("m:cons = missed, claim still consistent; m:unv = missed, now unverifiable; m:lost = claim no longer recognised;");
    println!("m:oth = mismatch found but not reported at the claim; benign = the claim still holds with the perturbed figure, by an independent interval recomputation (b:flag = benign yet flagged)");
    if !m.misses.is_empty() {
        println!("\n## missed perturbations (first {})", args.max_misses);
        // round-robin over perturbation kinds
        let mut groups: BTreeMap<&str, Vec<&Miss>> = BTreeMap::new();
        for x in &m.misses {
            groups.entry(x.perturbation.as_str()).or_default().push(x);
        }
        let mut shown = 0;
        let mut i = 0;
        while shown < args.max_misses {
            let mut any = false;
            for v in groups.values() {
                if let Some(x) = v.get(i) {
                    any = true;
                    if shown < args.max_misses {
                        println!(
                            "{} [{} / {}] {}: {}\n    claim: {}",
                            x.path, x.kind, x.perturbation, x.outcome, x.edit, x.claim
                        );
                        shown += 1;
                    }
                }
            }
            if !any {
                break;
            }
            i += 1;
        }
    }
}
