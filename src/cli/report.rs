//! `tieout report PATH... -o OUT`: the HTML review page (src/report/html_page.rs) of each
//! document; with several inputs (or `-o DIR/`) OUT is a directory holding one page per file
//! and an index.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;

use super::args::{CheckArgs, ReportArgs};
use super::configs::Plan;
use super::walk::{self, Input, Selector};
use tieout::check::{Checker, Prior, PriorFacts};
use tieout::report::html_page::{self, IndexEntry, PageLinks};
use tieout::report::{human, FileReport, Report, Summary};
use tieout::source::{Document, SourceError};

/// A document checked, with what its page needs.
struct Checked {
    doc: Document,
    file: FileReport,
    figures: Vec<std::ops::Range<usize>>,
}

pub fn run(args: ReportArgs) -> Result<ExitCode, String> {
    let check = &args.check;
    let collected = walk::collect(&check.paths, &Selector::new(&check.glob)?)?;
    let inputs = collected.inputs;
    let plan = Plan::new(check, &inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(check.threads)
        .build()
        .map_err(|e| format!("--threads {}: {e}", check.threads))?;
    let results: Vec<Result<Checked, SourceError>> = pool.install(|| {
        (0..inputs.len())
            .into_par_iter()
            .map(|i| check_one(&plan.of(i).checker, check, &inputs[i]))
            .collect()
    });
    let mut docs = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for e in &collected.empty {
        eprintln!("error: {}: {}", e.path, e.message);
        errors.push(format!("{}: {}", e.path, e.message));
    }
    let mut denied = false;
    for (i, r) in results.into_iter().enumerate() {
        match r {
            Ok(c) => {
                denied |= Summary::of(std::slice::from_ref(&c.file)).denies(plan.of(i).deny);
                docs.push(c)
            }
            Err(e) => {
                eprintln!("error: {e}");
                errors.push(e.to_string());
            }
        }
    }
    // facts that disagree with an earlier file of the run
    let mut prior = Prior::default();
    for c in &mut docs {
        plan.here().checker.cross_check_file(&prior, &mut c.file);
        prior.push(PriorFacts::take(&mut c.file));
    }
    let out = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(if inputs.len() > 1 {
            "review"
        } else {
            "review.html"
        })
    });
    // a directory asked for (`-o review/`, or one that exists) gets an index even for one file
    let several = inputs.len() > 1 || out.is_dir() || out.to_string_lossy().ends_with('/');
    let written = if several {
        write_directory(&out, &docs, &errors)?
    } else {
        write_page(&out, &docs)?
    };
    let files: Vec<FileReport> = docs.into_iter().map(|c| c.file).collect();
    let report = Report::new(files);
    let all = human::HumanOptions {
        show_notes: true,
        ..Default::default()
    };
    let line = human::summary_line(&report, &all);
    crate::print_out(&format!("wrote {}; {line}", written.display()));
    Ok(if !errors.is_empty() {
        ExitCode::from(crate::USAGE)
    } else if denied || report.summary.denies(plan.here().deny) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn check_one(checker: &Checker, args: &CheckArgs, input: &Input) -> Result<Checked, SourceError> {
    let doc = input.load(args.input_format, args.max_file_size)?;
    let figures = checker.figures(&doc).into_iter().map(|f| f.range).collect();
    let file = checker.check(&doc);
    Ok(Checked { doc, file, figures })
}

/// One input: its page at `out`.
fn write_page(out: &Path, docs: &[Checked]) -> Result<PathBuf, String> {
    let Some(c) = docs.first() else {
        return Err("no file could be read; no report written".into());
    };
    let html = html_page::page(&c.doc, &c.file, &c.figures, &PageLinks::default());
    write(out, &html)?;
    Ok(out.to_path_buf())
}

/// Several inputs: `out/index.html` and a page per file.
fn write_directory(out: &Path, docs: &[Checked], errors: &[String]) -> Result<PathBuf, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let links = PageLinks {
        index: Some("index.html".into()),
    };
    let mut entries = Vec::new();
    for (i, c) in docs.iter().enumerate() {
        let href = page_name(i, &c.file.path);
        let html = html_page::page(&c.doc, &c.file, &c.figures, &links);
        write(&out.join(&href), &html)?;
        entries.push(IndexEntry {
            path: c.file.path.clone(),
            href,
            summary: Summary::of(std::slice::from_ref(&c.file)),
        });
    }
    let index = out.join("index.html");
    write(&index, &html_page::index(&entries, errors))?;
    Ok(index)
}

/// `003-q3-release.docx.html`: the input order, then the file name made safe.
fn page_name(i: usize, path: &str) -> String {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into());
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{:03}-{safe}.html", i + 1)
}

fn write(path: &Path, html: &str) -> Result<(), String> {
    std::fs::write(path, html).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}
