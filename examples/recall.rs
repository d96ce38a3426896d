//! Recall on a labelled set of releases: which hand-labelled claims tieout recognises and
//! verifies, by claim shape (where the figures sit) and by kind.
//!
//! ```text
//! cargo run --release --example recall -- [CORPUS] [--labels FILE] [--verbose] [--json FILE]
//! ```
//!
//! CORPUS defaults to `../shared/corpus` from the repository root and the labels to
//! `eval/labels/newswire.toml`; the labelled files are `CORPUS/<set.subset>/<file>`. A missing
//! corpus is not an error: the tool says so and exits 0. Low recall is not an error either: the
//! run exits 2 only when the label file cannot be read, parsed or matched to the corpus (a
//! figure not found on its line, a file missing). See `examples/common/recall.rs` for how a
//! label is matched.

#[path = "common/recall.rs"]
mod recall;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use recall::{LabelFile, LabelResult, Outcome, Summary};
use tieout::check::Checker;

#[derive(Parser, Debug)]
#[command(about = "Recall of tieout on a hand-labelled set of claims")]
struct Args {
    /// The corpus directory (default: ../shared/corpus from the repository root).
    corpus: Option<PathBuf>,
    /// The label file.
    #[arg(long)]
    labels: Option<PathBuf>,
    /// List every checkable label tieout does not recognise, and every wrong verdict.
    #[arg(long)]
    verbose: bool,
    /// Write the per-label results as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
}

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let corpus = args
        .corpus
        .clone()
        .unwrap_or_else(|| repo("../shared/corpus"));
    if !corpus.is_dir() {
        println!("recall: corpus not found at {}: skipped", corpus.display());
        return ExitCode::SUCCESS;
    }
    let labels_path = args
        .labels
        .clone()
        .unwrap_or_else(|| repo("eval/labels/newswire.toml"));
    match run(&args, &corpus, &labels_path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recall: {}: {e}", labels_path.display());
            ExitCode::from(2)
        }
    }
}

fn run(args: &Args, corpus: &Path, labels_path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(labels_path).map_err(|e| e.to_string())?;
    let lf = LabelFile::parse(&text)?;
    let dir = corpus.join(&lf.set.subset);
    let mut by_file: Vec<(String, Vec<(usize, &recall::Label)>)> = Vec::new();
    for (i, l) in lf.claim.iter().enumerate() {
        match by_file.iter_mut().find(|(f, _)| *f == l.file) {
            Some((_, v)) => v.push((i, l)),
            None => by_file.push((l.file.clone(), vec![(i, l)])),
        }
    }
    for f in &lf.set.files {
        if !dir.join(f).is_file() {
            return Err(format!(
                "file of the set not in the corpus: {}",
                dir.join(f).display()
            ));
        }
    }
    let t0 = std::time::Instant::now();
    let checker = Checker::default_checker();
    let per_file: Vec<Result<Vec<LabelResult>, String>> = by_file
        .par_iter()
        .map(|(f, labels)| {
            let path = dir.join(f);
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            recall::evaluate_file(&checker, &path.display().to_string(), bytes, labels)
        })
        .collect();
    let mut results = Vec::new();
    for r in per_file {
        results.extend(r?);
    }
    results.sort_by_key(|r| r.index);
    let summary = Summary::of(&results);
    let files = lf.set.files.len().max(by_file.len());
    let shown = labels_path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(labels_path);
    println!(
        "recall on {} labelled claims in {files} releases ({}), {:.1}s",
        results.len(),
        shown.display(),
        t0.elapsed().as_secs_f64()
    );
    print!("{}", summary.table());
    if args.verbose {
        print_details(&results);
    }
    if let Some(p) = &args.json {
        let out = serde_json::json!({ "set": lf.set, "summary": summary, "labels": results });
        let s = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
        std::fs::write(p, s + "\n").map_err(|e| format!("cannot write {}: {e}", p.display()))?;
        println!("wrote {}", p.display());
    }
    Ok(())
}

/// `--verbose`: the labels not recognised, then the wrong verdicts.
fn print_details(results: &[LabelResult]) {
    let line = |r: &LabelResult| {
        let partial = r
            .partial
            .as_ref()
            .map(|(n, k)| format!("  (a {k} claim covers {n} of {})", r.figures.len()))
            .unwrap_or_default();
        format!(
            "  {}:{}  {}/{}  {}  {:?}{partial}",
            r.file, r.line, r.shape, r.kind, r.verdict, r.figures
        )
    };
    println!("\nnot recognised (checkable):");
    for r in results
        .iter()
        .filter(|r| r.outcome == Outcome::NotRecognised && r.verdict != "unverifiable")
    {
        println!("{}", line(r));
    }
    for (title, o) in [
        ("false alarms", Outcome::FalseAlarm),
        ("missed errors", Outcome::MissedError),
        ("held back (tieout: unverifiable)", Outcome::HeldBack),
        ("over-claimed (label: base not stated)", Outcome::OverClaim),
    ] {
        let rows: Vec<_> = results
            .iter()
            .filter(|r| r.outcome == o && (o == Outcome::OverClaim || r.verdict != "unverifiable"))
            .collect();
        if rows.is_empty() {
            continue;
        }
        println!("\n{title}:");
        for r in rows {
            println!("{}  [{}]", line(r), r.rule.as_deref().unwrap_or("-"));
        }
    }
}
