//! Extract + check throughput, in bytes per second.
//!
//! `cargo bench --bench throughput`. Real text comes from the corpus (`../shared/corpus`, or
//! `TIEOUT_CORPUS=DIR`), read at bench time and never copied: one group per subset, each the
//! whole subset loaded and checked. Without the corpus those are skipped with a message, and the
//! synthetic benchmarks (text built in code) still run.

#[path = "../examples/common/corpus.rs"]
mod corpus;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::counter::BytesCount;
use divan::Bencher;
use tieout::check::Checker;
use tieout::source::{load_bytes, Format};

fn main() {
    divan::main();
}

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::default_checker)
}

fn corpus_dir() -> PathBuf {
    std::env::var_os("TIEOUT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(corpus::default_dir)
}

/// The documents of one subset of the corpus (empty, with a message, when it is absent).
fn subset(name: &str) -> &'static [corpus::CorpusDoc] {
    static ALL: OnceLock<Vec<corpus::CorpusDoc>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let dir = corpus_dir();
        if !dir.exists() {
            eprintln!(
                "corpus not found at {}: corpus benchmarks skipped",
                dir.display()
            );
            return Vec::new();
        }
        corpus::load(&dir, corpus::TatqaOptions::default())
    });
    // the documents of a subset are contiguous (walk order)
    let start = all.iter().position(|d| d.subset == name);
    match start {
        Some(s) => {
            let n = all[s..].iter().take_while(|d| d.subset == name).count();
            &all[s..s + n]
        }
        None => &[],
    }
}

fn bench_docs(bencher: Bencher, docs: &'static [corpus::CorpusDoc]) {
    if docs.is_empty() {
        eprintln!("no documents: skipped");
        return;
    }
    let bytes: usize = docs.iter().map(|d| d.bytes.len()).sum();
    let c = checker();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let mut n = 0;
        for d in docs {
            if let Ok(doc) = load_bytes(&d.path, d.bytes.clone(), d.format) {
                n += c.check(&doc).claims.len();
            }
        }
        n
    });
}

#[divan::bench_group(sample_count = 10, sample_size = 1)]
mod corpus_subsets {
    use super::*;

    #[divan::bench]
    fn releases(b: Bencher) {
        bench_docs(b, subset("releases"));
    }
    #[divan::bench]
    fn filings(b: Bencher) {
        bench_docs(b, subset("filings"));
    }
    #[divan::bench]
    fn newswire(b: Bencher) {
        bench_docs(b, subset("newswire"));
    }
    #[divan::bench]
    fn tatqa(b: Bencher) {
        bench_docs(b, subset("tatqa"));
    }
}

/// About 1 MB of release-like prose built in code: claims, filler, a table.
fn synthetic(format: Format) -> &'static str {
    static T: OnceLock<String> = OnceLock::new();
    static M: OnceLock<String> = OnceLock::new();
    static H: OnceLock<String> = OnceLock::new();
    let build = |f: Format| {
        let mut g = corpus::SplitMix64::new(7);
        let mut s = String::with_capacity(1 << 20);
        let mut i = 0u64;
        while s.len() < 1_000_000 {
            let base = 10 + g.below(990) as u64;
            let cur = 10 + g.below(990) as u64;
            let pct = (cur as f64 - base as f64) / base as f64 * 100.0;
            let word = if cur >= base {
                "increased"
            } else {
                "decreased"
            };
            let para = format!(
                "Revenue for the quarter {word} {:.0}% to ${}.{} million from ${}.{} million in the prior-year period, \
                 driven by higher volumes in segment {i}. Gross margin was {}.{}%, up {} basis points. \
                 The Company ended the quarter with approximately ${},{:03} thousand in cash and 2,{:03},000 shares outstanding; \
                 management remains focused on execution, customers and long-term value for shareholders.",
                pct.abs(),
                cur / 10,
                cur % 10,
                base / 10,
                base % 10,
                30 + g.below(40),
                g.below(10),
                g.below(500),
                1 + g.below(900),
                g.below(1000),
                g.below(1000),
            );
            match f {
                Format::Html => {
                    s.push_str("<p><span style=\"font-family:Arial\">");
                    s.push_str(&para.replace('$', "$&#160;"));
                    s.push_str("</span></p>\n");
                    if i.is_multiple_of(10) {
                        s.push_str("<table><tr><td>Revenue</td><td>$ 1,452.4</td><td>$ 1,146.2</td></tr></table>\n");
                    }
                }
                Format::Markdown => {
                    s.push_str(&para.replace('$', "\\$"));
                    s.push_str("\n\n");
                    if i.is_multiple_of(10) {
                        s.push_str("| Metric | 2024 | 2023 |\n| --- | ---: | ---: |\n| Revenue | \\$1,452.4 | \\$1,146.2 |\n\n");
                    }
                }
                // the Word loader is measured on the text it reads
                Format::Text | Format::Docx => {
                    s.push_str(&para);
                    s.push_str("\n\n");
                }
            }
            i += 1;
        }
        s
    };
    match format {
        Format::Text | Format::Docx => T.get_or_init(|| build(Format::Text)),
        Format::Markdown => M.get_or_init(|| build(Format::Markdown)),
        Format::Html => H.get_or_init(|| build(Format::Html)),
    }
}

#[divan::bench(args = [Format::Text, Format::Markdown, Format::Html], sample_count = 10, sample_size = 1)]
fn synthetic_1mb(bencher: Bencher, format: Format) {
    let text = synthetic(format);
    let c = checker();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let doc = load_bytes("synthetic", text.as_bytes().to_vec(), Some(format)).expect("loads");
        c.check(&doc).claims.len()
    });
}
