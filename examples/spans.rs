//! Span correctness over a corpus: for every document, every figure and table cell, the original
//! bytes at its span must read as its text (see `tieout::source::verify`). Prints each violation
//! and the totals; exits 1 when there is any.
//!
//! ```text
//! cargo run --release --example spans -- [DIR...]      (default: ../shared/corpus)
//! ```

#[path = "common/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

use tieout::check::Checker;
use tieout::source::{load_bytes, verify};

fn main() -> ExitCode {
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs.push(corpus::default_dir());
    }
    let checker = Checker::default_checker();
    let (mut docs, mut spans, mut bad) = (0usize, 0usize, 0usize);
    for dir in &dirs {
        if !dir.exists() {
            println!("{}: not found, nothing to check", dir.display());
            continue;
        }
        // TAT-QA contexts with their tables, so table cells are checked too
        let opts = corpus::TatqaOptions { tables: true };
        for d in corpus::load(dir, opts) {
            let doc = match load_bytes(&d.path, d.bytes, d.format) {
                Ok(doc) => doc,
                Err(e) => {
                    println!("skipped: {e}");
                    continue;
                }
            };
            docs += 1;
            let figs = checker.figures(&doc);
            spans += figs.len() + doc.tables.iter().flat_map(|t| &t.rows).flatten().count();
            for v in verify::violations(&doc, &figs) {
                bad += 1;
                let (line, col) = doc.line_col(v.span.offset);
                println!("{}:{line}:{col}: {v}", doc.path);
            }
        }
    }
    println!("{docs} documents, {spans} figure and cell spans, {bad} violations");
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
