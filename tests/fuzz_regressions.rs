//! Fuzz regressions and span properties.
//!
//! Every input saved under `tests/data/fuzz/<format>/` (crashes found by `fuzz/`, one file each)
//! is replayed through load + check for its format: none may panic, and every reported span must
//! lie inside the file (on char boundaries when the file is UTF-8). The proptest builds arbitrary
//! documents from figure snippets and asserts the same.

mod common;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use proptest::prelude::*;
use tieout::check::Checker;
use tieout::report::FileReport;
use tieout::source::{load_bytes, verify, Format};

/// Every span of a report (findings, their labels, claims, claim figures) is inside `data` and,
/// when `data` is UTF-8, starts and ends on char boundaries.
fn spans_ok(data: &[u8], report: &FileReport) -> Result<(), String> {
    let utf8 = std::str::from_utf8(data).ok();
    let spans = report.spans();
    for s in spans {
        let end = s.offset + s.length;
        if end > data.len() {
            return Err(format!(
                "span {}..{end} past the end ({})",
                s.offset,
                data.len()
            ));
        }
        if let Some(t) = utf8 {
            if !t.is_char_boundary(s.offset) || !t.is_char_boundary(end) {
                return Err(format!("span {}..{end} not on char boundaries", s.offset));
            }
        }
    }
    Ok(())
}

fn checker() -> &'static Checker {
    static C: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    C.get_or_init(Checker::default_checker)
}

/// Every figure's and table cell's span reads as its text (`tieout::source::verify`).
fn spans_read_as_text(checker: &Checker, doc: &tieout::source::Document) -> Result<(), String> {
    let bad = verify::violations(doc, &checker.figures(doc));
    match bad.first() {
        None => Ok(()),
        Some(v) => Err(format!("{} spans misread, first: {v}", bad.len())),
    }
}

fn run(checker: &Checker, name: &str, data: &[u8], format: Format) -> Result<(), String> {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let bytes = match format {
            Format::Docx => common::docx::fuzz_input(data),
            _ => data.to_vec(),
        };
        match load_bytes(name, bytes, Some(format)) {
            // spans index the original: the bytes, or the text read from a .docx
            Ok(doc) => spans_ok(&doc.original.clone(), &checker.check(&doc))
                .and_then(|()| spans_read_as_text(checker, &doc)),
            Err(_) => Ok(()),
        }
    }));
    match r {
        Ok(x) => x,
        Err(e) => Err(if let Some(s) = e.downcast_ref::<&str>() {
            format!("panicked: {s}")
        } else if let Some(s) = e.downcast_ref::<String>() {
            format!("panicked: {s}")
        } else {
            "panicked".into()
        }),
    }
}

#[test]
fn saved_fuzz_inputs_do_not_panic() {
    let checker = checker();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
    let mut failures = Vec::new();
    let mut n = 0;
    for (dir, format) in [
        ("text", Format::Text),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
        ("docx", Format::Docx),
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let data = std::fs::read(f).expect("readable");
            n += 1;
            if let Err(e) = run(checker, &f.display().to_string(), &data, format) {
                failures.push(format!("{}: {e}", f.display()));
            }
        }
    }
    // keep the test output readable: the panic hook printed each already
    assert!(
        failures.is_empty(),
        "{} of {n} saved fuzz inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every fixture, in every format: each figure's and table cell's span reads as its text.
#[test]
fn fixture_spans_read_as_their_text() {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if matches!(
                p.extension().and_then(|x| x.to_str()),
                Some("txt" | "md" | "html" | "htm")
            ) {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 20, "{files:?}");
    let checker = checker();
    let mut bad = Vec::new();
    for f in &files {
        let Ok(doc) = tieout::source::load_path(f, None, u64::MAX) else {
            continue;
        };
        for v in verify::violations(&doc, &checker.figures(&doc)) {
            bad.push(format!("{}: {v}", f.display()));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// Inline code in Markdown is dropped but separates its neighbours: "1`x`21%" is not a figure
/// "121%" (it once was, spanning the code).
#[test]
fn markdown_inline_code_separates_figures() {
    let doc = load_bytes("t.md", b"Up 1`x`21% in Q3.".to_vec(), None).unwrap();
    let figs: Vec<&str> = checker()
        .figures(&doc)
        .iter()
        .map(|f| &doc.text[f.range.clone()])
        .collect();
    assert_eq!(figs, ["1", "21%"]);
}

/// Pieces of financial prose, markup and awkward characters.
const SNIPPETS: &[&str] = &[
    "$1.5M",
    "$1.5 million",
    "$2.1 million",
    "$4.5 million",
    "$(0.4) million",
    "($1.2M)",
    "€4.0bn",
    "US$ 7",
    "\\$5.5M",
    "21%",
    "10.9%",
    "52 percent",
    "190 basis points",
    "1.9 percentage points",
    "3x",
    "doubled",
    "2,000,000 shares",
    "$12.50 per share",
    "2024",
    "Q3",
    "from",
    "to",
    "of",
    "or",
    "and",
    "between",
    "compared to",
    "increased",
    "decreased",
    "up",
    "down",
    "rose",
    "fell",
    "improved",
    "widened",
    "net loss",
    "revenue",
    "a discount of",
    "premium",
    "approximately",
    "more than",
    "nearly",
    "(",
    ")",
    ",",
    ".",
    ";",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "|",
    "| --- |",
    "*",
    "**",
    "#",
    "<p>",
    "</p>",
    "<b>",
    "&nbsp;",
    "&#160;",
    "<table><tr><td>",
    "</td><td>",
    "\u{a0}",
    "—",
    "–",
    "“",
    "”",
    "’",
    "…",
    "€",
    "£",
    "¥",
    "é",
    "🙂",
    "\u{feff}",
    "\r\n",
    "0",
    "9",
    "-",
    "+",
    "M",
    "K",
    "bn",
    "million",
    "billion",
    "trillion",
    " \u{a0} \u{a0} \u{a0} ",
    "\u{a0} ",
    "* ",
    "- ",
    "1. ",
    "  ",
    "    ",
    "> ",
    "&#36;",
    "&amp;",
    "<sup>1</sup>",
    "`",
    "\\",
    "100000000000000000",
    "999,999,999,999,999,999,999,999,999",
    "0.00000000000000000000000000001",
];

/// `s` with a UTF-8 byte-order mark, in UTF-16 (both byte orders), and in Windows-1252 when it
/// fits.
fn encodings(s: &str) -> Vec<(&'static str, Vec<u8>)> {
    let utf16 = |le: bool| {
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    };
    let mut out = vec![
        (
            "utf-8 bom",
            [&[0xEF, 0xBB, 0xBF][..], s.as_bytes()].concat(),
        ),
        ("utf-16le", utf16(true)),
        ("utf-16be", utf16(false)),
    ];
    let (cp1252, _, lossy) = encoding_rs::WINDOWS_1252.encode(s);
    if !lossy && std::str::from_utf8(&cp1252).is_err() {
        out.push(("windows-1252", cp1252.into_owned()));
    }
    out
}

fn doc_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(SNIPPETS).prop_map(|s| s.to_string()),
            1 => "\\PC{0,4}",
        ],
        0..60,
    )
    .prop_map(|v| v.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn snippet_documents_never_panic_and_spans_read_as_their_text(s in doc_strategy()) {
        let checker = checker();
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let r = run(checker, "prop", s.as_bytes(), format);
            prop_assert!(r.is_ok(), "{:?} as {:?}: {}", s, format, r.unwrap_err());
        }
        // the same text in the other encodings
        for (name, bytes) in encodings(&s) {
            let r = run(checker, name, &bytes, Format::Text);
            prop_assert!(r.is_ok(), "{:?} in {}: {}", s, name, r.unwrap_err());
        }
    }
}
