//! `tieout report`: the HTML review page, checked as a file (self-contained, escaped, one page
//! per input and an index) and in a real browser: headless Chromium loads each page with its
//! `#selftest` (the page clicks its last finding and an `explain` link and writes what it saw
//! into the DOM), and a screenshot must render the highlights. Without Chromium the browser
//! test prints a SKIPPED line to stderr; `.ci/run` installs it.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::docx::Docx;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// An inline XBRL filing (as filed with the SEC: hidden header, tagged facts).
const IXBRL: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:us-gaap="http://fasb.org/us-gaap/2024">
<head><title>8-K</title></head><body>
<div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:DocumentType" contextRef="c1">8-K</ix:nonNumeric></ix:hidden></ix:header></div>
<p>Net revenue for the third quarter was $<ix:nonFraction name="us-gaap:Revenues" contextRef="c1" unitRef="usd" decimals="-5" scale="6">5.5</ix:nonFraction> million, an increase of 10% from $<ix:nonFraction name="us-gaap:Revenues" contextRef="c0" unitRef="usd" decimals="-5" scale="6">4.0</ix:nonFraction> million a year earlier.</p>
<p>Gross margin was 41%, up 300 basis points from 38%.</p>
</body></html>
"#;

/// The inputs of the run: every format, written to `dir`.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let typos = std::fs::read_to_string(format!("{ROOT}/fixtures/bad/q3-typos.txt")).unwrap();
    let docx = dir.join("draft.docx");
    std::fs::write(&docx, Docx::from_text(&typos).build()).unwrap();
    let ixbrl = dir.join("filing.htm");
    std::fs::write(&ixbrl, IXBRL).unwrap();
    vec![
        docx,
        PathBuf::from(format!("{ROOT}/fixtures/bad/q3-typos.txt")),
        PathBuf::from(format!("{ROOT}/fixtures/q3-results.md")),
        PathBuf::from(format!("{ROOT}/fixtures/tables/statement.html")),
        ixbrl,
    ]
}

fn report(args: &[&std::ffi::OsStr]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_tieout"))
        .args(["report", "--no-config"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

/// The run's JSON findings per file, from `tieout check` (the data the pages are built from).
fn check_json(paths: &[PathBuf]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tieout"))
        .args(["check", "--no-config", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Write the pages of every format into a temporary directory.
fn pages() -> (tempfile::TempDir, Vec<PathBuf>, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let ins = inputs(dir.path());
    let out = dir.path().join("review");
    let mut args: Vec<&std::ffi::OsStr> = ins.iter().map(|p| p.as_os_str()).collect();
    args.push("-o".as_ref());
    args.push(out.as_os_str());
    let (said, code) = report(&args);
    assert_eq!(code, 1, "{said}");
    assert!(
        said.starts_with(&format!("wrote {}", out.join("index.html").display())),
        "{said}"
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "index.html")
        .collect();
    pages.sort();
    (dir, ins, pages)
}

#[test]
fn one_self_contained_page_per_input_and_an_index() {
    let (dir, ins, pages) = pages();
    let names: Vec<String> = pages
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "001-draft.docx.html",
            "002-q3-typos.txt.html",
            "003-q3-results.md.html",
            "004-statement.html.html",
            "005-filing.htm.html"
        ]
    );
    let json = check_json(&ins);
    for (page, file) in pages.iter().zip(json["files"].as_array().unwrap()) {
        let html = std::fs::read_to_string(page).unwrap();
        // nothing fetched: no external script, style, font or image
        for external in [
            "<script src",
            "<link",
            "@import",
            "url(",
            "http://",
            "https://",
        ] {
            assert!(!html.contains(external), "{}: {external}", page.display());
        }
        // a finding link for each finding, a card for each claim
        let findings = file["findings"].as_array().unwrap().len();
        assert_eq!(
            html.matches("class=\"goto\"").count(),
            findings,
            "{}",
            page.display()
        );
        let claims = file["claims"].as_array().unwrap().len();
        assert_eq!(html.matches("<template id=\"card-c").count(), claims);
    }
    let index = std::fs::read_to_string(dir.path().join("review/index.html")).unwrap();
    for n in &names {
        assert!(index.contains(&format!("href=\"{n}\"")), "{n}");
    }
    // the Word draft's page: the sentence as it reads, its figures marked by verdict
    let word = std::fs::read_to_string(&pages[0]).unwrap();
    assert!(word.contains("a decrease of <mark class=\"fig mismatch primary\""));
    assert!(word.contains(">¶3</span>"));
    // (the legend shows one of each, without an id)
    let marked = |class: &str| {
        word.matches(&format!("<mark class=\"fig {class}\" id="))
            .count()
            + word
                .matches(&format!("<mark class=\"fig {class} primary\" id="))
                .count()
    };
    assert_eq!(marked("mismatch"), 9);
    assert_eq!(marked("warning"), 4);
}

#[test]
fn everything_from_the_document_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("x.txt");
    std::fs::write(
        &doc,
        "<script>alert(x)</script> & \"quotes\": revenue increased 50% to $1.5 million from $1.2 million.\n",
    )
    .unwrap();
    let out = dir.path().join("x.html");
    let (_, code) = report(&[doc.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert_eq!(code, 1);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("&lt;script&gt;alert(x)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
}

#[test]
fn unreadable_inputs_exit_2_and_the_rest_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("locked.docx");
    std::fs::write(&bad, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    let good = PathBuf::from(format!("{ROOT}/fixtures/q3-results.txt"));
    let out = dir.path().join("r");
    let (said, code) = report(&[
        bad.as_os_str(),
        good.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(code, 2);
    assert!(said.contains("locked.docx: is an encrypted (password-protected) Word document"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("Files that could not be read"));
    assert!(out.join("001-q3-results.txt.html").is_file());
}

// ---------------------------------------------------------------------------------------------
// In the browser

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TIEOUT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
}

/// Headless Chromium on a file URL with extra arguments; its stdout.
fn headless(chrome: &Path, profile: &Path, url: &str, extra: &[&str]) -> String {
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1400,1000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `#selftest` results the page wrote into its DOM.
fn selftest(dom: &str) -> Value {
    let start = dom.find("<pre id=\"selftest\">").expect("selftest ran") + 19;
    let end = start + dom[start..].find("</pre>").unwrap();
    let raw = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&raw).unwrap()
}

/// Pixels of a PNG that are not white, and those of the mismatch highlight's red.
fn pixels(png_path: &Path) -> (usize, usize, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(png_path).unwrap(),
    ));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (mut ink, mut red) = (0, 0);
    for px in buf[..info.buffer_size()].chunks(channels) {
        let (r, g, b) = (px[0], px[1], px[2]);
        if r < 235 || g < 235 || b < 235 {
            ink += 1;
        }
        // the mismatch highlight (#fde4e2 / #f9c9c4) and underline (#c62828)
        if r > 190 && g < 230 && b < 230 && r as i32 - g as i32 > 20 && r as i32 - b as i32 > 20 {
            red += 1;
        }
    }
    (ink, red, (info.width * info.height) as usize)
}

#[test]
fn in_a_browser_findings_link_to_figures_and_the_page_renders() {
    let Some(chrome) = chromium() else {
        // straight to the process's stderr: the test harness captures eprintln!
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: report_html browser test: chromium not found (apt-get install chromium, \
             or set TIEOUT_CHROMIUM); .ci/run installs it"
        );
        return;
    };
    let (dir, ins, pages) = pages();
    let json = check_json(&ins);
    let profile = dir.path().join("profile");
    for (page, file) in pages.iter().zip(json["files"].as_array().unwrap()) {
        let url = format!("file://{}#selftest", page.display());
        let dom = headless(&chrome, &profile, &url, &["--dump-dom"]);
        let t = selftest(&dom);
        let findings = file["findings"].as_array().unwrap();
        assert_eq!(t["links"], findings.len(), "{}: {t}", page.display());
        assert_eq!(
            t["broken"],
            serde_json::json!([]),
            "{}: {t}",
            page.display()
        );
        if !findings.is_empty() {
            // clicking the last finding scrolled its figure into view and opened its card
            assert_eq!(t["scrolled"], true, "{}: {t}", page.display());
            assert_eq!(t["popover"], true, "{}: {t}", page.display());
            assert_eq!(t["explain"], true, "{}: {t}", page.display());
        }
    }
    // the Word draft: its mismatches highlighted, the last finding's card shows its computation
    let dom = headless(
        &chrome,
        &profile,
        &format!("file://{}#selftest", pages[0].display()),
        &["--dump-dom"],
    );
    let t = selftest(&dom);
    assert_eq!(t["mismatches"], 9, "{t}");
    assert_eq!(t["warnings"], 4, "{t}");
    assert!(
        t["popoverText"]
            .as_str()
            .unwrap()
            .contains("$5,500,000 \u{2212} $7,000,000 = \u{2212}$1,500,000"),
        "{t}"
    );
    // and it renders: a screenshot with ink and red highlights
    let shot = dir.path().join("shot.png");
    headless(
        &chrome,
        &profile,
        &format!("file://{}", pages[0].display()),
        &[&format!("--screenshot={}", shot.display())],
    );
    let (ink, red, all) = pixels(&shot);
    assert!(
        ink * 20 > all,
        "blank screenshot: {ink} of {all} pixels not white"
    );
    assert!(
        red > 500,
        "no mismatch highlight rendered: {red} red pixels"
    );
}
