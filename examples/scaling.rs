//! Time against document size: builds documents of 100 KB, 200 KB, ... 1.6 MB by repeating a
//! real-shaped release (the releases of `../shared/seeds` when present, else the bundled
//! `fixtures/q3-results.txt`), the same as Markdown with a suppression comment before every
//! sentence, a Markdown release with its statement tables, and an HTML filing-shaped page
//! (paragraphs and statement tables); checks each in process as `tieout check --format json`
//! does (load, check, render) and prints the times and the ratio to the previous size. Linear
//! time doubles with the size: ratios near 2. `--save DIR` also writes each document to DIR
//! (to time the command line, or an older build, on the same documents).
//!
//! `cargo run --release --example scaling [-- [--max KB] [--format F] [--save DIR] [SHAPE...]]`
//! (sizes double from 100 KB up to `--max`, 1600 by default; SHAPE: text, suppressed,
//! markdown, html; all by default).
use std::time::{Duration, Instant};

use tieout::check::Checker;
use tieout::report::stream::{self, Format, Options};
use tieout::report::Report;

fn main() {
    let mut max_kb = 1600;
    let mut format = Format::Json;
    let mut shapes = Vec::new();
    let mut save: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--max" => max_kb = args.next().and_then(|v| v.parse().ok()).expect("--max KB"),
            "--format" => format = parse_format(&args.next().expect("--format FORMAT")),
            "--save" => save = args.next().map(Into::into),
            _ => shapes.push(a),
        }
    }
    if shapes.is_empty() {
        shapes = ["text", "suppressed", "markdown", "html"]
            .map(String::from)
            .to_vec();
    }
    let checker = Checker::default_checker();
    for shape in &shapes {
        let (ext, unit) = unit_of(shape);
        println!("{shape}: a {} byte unit repeated", unit.len());
        println!(
            "{:>8} {:>9} {:>9} {:>9} {:>9} {:>7} {:>9}",
            "size", "load", "check", "render", "total", "ratio", "findings"
        );
        let mut previous: Option<Duration> = None;
        let sizes =
            std::iter::successors(Some(100), |kb| Some(kb * 2)).take_while(|&kb| kb <= max_kb);
        for kb in sizes {
            let bytes = repeat_to(shape, &unit, kb * 1000);
            if let Some(dir) = &save {
                std::fs::create_dir_all(dir).expect("--save DIR");
                std::fs::write(dir.join(format!("{shape}-{kb}k.{ext}")), &bytes).expect("save");
            }
            let (times, findings) = time_one(&checker, &format!("scaling.{ext}"), bytes, format);
            let total: Duration = times.iter().sum();
            let ratio = previous
                .map(|p| format!("{:.2}", total.as_secs_f64() / p.as_secs_f64()))
                .unwrap_or_else(|| "-".into());
            println!(
                "{:>6}KB {:>8.3}s {:>8.3}s {:>8.3}s {:>8.3}s {:>7} {:>9}",
                kb,
                times[0].as_secs_f64(),
                times[1].as_secs_f64(),
                times[2].as_secs_f64(),
                total.as_secs_f64(),
                ratio,
                findings
            );
            previous = Some(total);
        }
    }
}

fn parse_format(s: &str) -> Format {
    match s {
        "json" => Format::Json,
        "human" => Format::Human,
        "short" => Format::Short,
        "sarif" => Format::Sarif,
        "github" => Format::Github,
        _ => panic!("unknown format {s}"),
    }
}

/// Load, check and render one document: the three times and the number of findings.
fn time_one(
    checker: &Checker,
    path: &str,
    bytes: Vec<u8>,
    format: Format,
) -> ([Duration; 3], usize) {
    let t = Instant::now();
    let doc = tieout::source::load_bytes(path, bytes, None).expect("load");
    let load = t.elapsed();
    let t = Instant::now();
    let report = checker.check_owned(doc);
    let check = t.elapsed();
    let findings = report.findings.len();
    let t = Instant::now();
    let out = stream::render(&Report::new(vec![report]), format, Options::default());
    let render = t.elapsed();
    std::hint::black_box(out);
    ([load, check, render], findings)
}

/// The repeated unit of a shape and the file extension its documents get.
fn unit_of(shape: &str) -> (&'static str, String) {
    let fixture = |p: &str| {
        std::fs::read_to_string(format!("{}/fixtures/{p}", env!("CARGO_MANIFEST_DIR")))
            .expect("fixture")
    };
    match shape {
        "text" => ("txt", seeds().unwrap_or_else(|| fixture("q3-results.txt"))),
        "suppressed" => {
            // a Markdown draft with a suppression before every sentence, one sentence a
            // paragraph (no ". " in the whole document)
            let text = seeds().unwrap_or_else(|| fixture("q3-results.txt"));
            let sentences: Vec<String> = text
                .split(". ")
                .flat_map(|s| s.split("\n\n"))
                .filter(|s| !s.trim().is_empty())
                .map(|s| {
                    format!(
                        "<!-- tieout-ignore percent-change: checked -->\n{}.",
                        s.trim()
                    )
                })
                .collect();
            ("md", sentences.join("\n\n"))
        }
        "markdown" => (
            "md",
            [fixture("q3-results.md"), fixture("tables/statement.md")].join("\n\n"),
        ),
        "html" => {
            let bodies: Vec<String> = [
                "tables/statement.html",
                "tables/footing.html",
                "tables/columns.html",
            ]
            .iter()
            .map(|p| body_of(&fixture(p)))
            .collect();
            ("html", bodies.join("\n"))
        }
        _ => panic!("unknown shape {shape} (text, suppressed, markdown, html)"),
    }
}

/// The releases of `../shared/seeds`, one after the other.
fn seeds() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    (!texts.is_empty()).then(|| texts.join("\n\n"))
}

/// What lies between `<body>` and `</body>`.
fn body_of(html: &str) -> String {
    let start = html.find("<body>").map_or(0, |i| i + "<body>".len());
    let end = html.rfind("</body>").unwrap_or(html.len());
    html[start..end].to_string()
}

/// The unit repeated to at least `size` bytes (an HTML page gets one `<html><body>` around).
fn repeat_to(shape: &str, unit: &str, size: usize) -> Vec<u8> {
    let mut out = String::with_capacity(size + unit.len() + 64);
    if shape == "html" {
        out.push_str("<!DOCTYPE html>\n<html><body>\n");
    }
    while out.len() < size {
        out.push_str(unit);
        out.push_str("\n\n");
    }
    if shape == "html" {
        out.push_str("</body></html>\n");
    }
    out.into_bytes()
}
