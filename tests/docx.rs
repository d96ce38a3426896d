//! Word documents: .docx files built from text at test time (tests/common/docx.rs), checked end
//! to end: the body, tables with merged cells, headers, footers, footnotes, runs split inside a
//! figure, tracked changes as they read once accepted, and bad containers.

mod common;

use assert_cmd::Command;
use common::docx::{self, cell, para, table_xml, Docx};
use serde_json::Value;
use tieout::check::Checker;
use tieout::report::{FileReport, Status};
use tieout::rules::Severity;
use tieout::source::{load_bytes, Document, Format};

fn load(bytes: Vec<u8>) -> Document {
    load_bytes("draft.docx", bytes, None).expect("loads")
}

fn check(d: &Docx) -> FileReport {
    Checker::default_checker().check(&load(d.build()))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (rule, place) of each finding at warning or above.
fn findings(r: &FileReport) -> Vec<(String, String)> {
    r.findings
        .iter()
        .filter(|f| f.severity != Severity::Note)
        .map(|f| (f.rule.clone(), f.span.position()))
        .collect()
}

/// Run the CLI on a .docx written to a temporary directory: (stdout, stderr, exit code).
fn cli(bytes: &[u8], name: &str, args: &[&str]) -> (String, String, i32) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tieout"))
        .current_dir(dir.path())
        .args(["check", "--no-config"])
        .args(args)
        .arg(name)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

const EXPENSES: &str =
    "Operating expenses increased 25% to $1.5 million from $1.2 million a year earlier.";

#[test]
fn the_seed_wording_ties_out_in_word_as_in_text() {
    let text = fixture("q3-results.txt");
    let word = check(&Docx::from_text(&text));
    let plain = Checker::default_checker().check(&Document::plain("q3.txt", &text));
    assert_eq!(word.format, Format::Docx);
    assert_eq!(word.parts, ["word/document.xml"]);
    assert_eq!(findings(&word), Vec::<(String, String)>::new());
    let statuses = |r: &FileReport| -> Vec<(String, Status)> {
        r.claims
            .iter()
            .map(|c| (c.text.clone(), c.status))
            .collect()
    };
    assert_eq!(statuses(&word), statuses(&plain));
    assert_eq!(word.claims.len(), 7);
}

#[test]
fn the_typos_are_caught_at_their_paragraphs() {
    let bytes = Docx::from_text(&fixture("bad/q3-typos.txt")).build();
    let (out, _, code) = cli(&bytes, "draft.docx", &["--format", "short"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().map(|l| l.split(": ").next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "draft.docx:¶2:50",
            "draft.docx:¶3:120",
            "draft.docx:¶4:54",
            "draft.docx:¶5:22",
            "checked 1 file"
        ]
    );
    assert!(out.contains(
        "draft.docx:¶3:120: error[change-amount]: stated change of $2.37M does not match \
         the figures: $4.14M - $1.42M = $2.72M\n"
    ));
    // the human format quotes the sentence under the paragraph's number
    let (human, _, _) = cli(&bytes, "draft.docx", &["--color", "never"]);
    assert!(human.contains(
        "╭─[draft.docx:¶3:120]\n 3 │ For the first nine months, revenue was $1.42M, compared to \
         $4.14M in the first nine months of last year, a decrease of $2.37M.\n"
    ));
}

#[test]
fn json_keeps_the_bytes_of_the_xml_part() {
    // "$1.5 million" written in three runs
    let doc = Docx::new().para("Results").xml(&docx::para_runs(&[
        "Operating expenses increased 50% to $",
        "1.",
        "5 million",
        " from $1.2 million a year earlier.",
    ]));
    let bytes = doc.build();
    let (out, _, code) = cli(&bytes, "draft.docx", &["--format", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["format"], "docx");
    assert_eq!(file["parts"], serde_json::json!(["word/document.xml"]));
    let f = &file["findings"][0];
    assert_eq!(f["rule"], "percent-change");
    assert_eq!(f["snippet"], "50%");
    let new_value = &file["claims"][0]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["role"] == "current")
        .unwrap()["span"];
    assert_eq!(new_value["place"], "¶2");
    assert_eq!(new_value["part"], 0);
    assert_eq!(new_value["line"], 2);
    assert_eq!(new_value["column"], 37);
    // the XML bytes of the figure run from its `$` to the end of `million`, across the runs
    let xml = doc.document_xml();
    let (o, n) = (
        new_value["offset"].as_u64().unwrap() as usize,
        new_value["length"].as_u64().unwrap() as usize,
    );
    let bytes = &xml[o..o + n];
    assert!(
        bytes.starts_with('$') && bytes.ends_with("million"),
        "{bytes}"
    );
    assert!(bytes.contains("</w:t></w:r><w:r>"), "{bytes}");
}

#[test]
fn a_figure_split_across_runs_reads_whole() {
    let split = |runs: &[&str]| check(&Docx::new().xml(&docx::para_runs(runs)));
    let ok = split(&[
        "Operating expenses increased 25% to $",
        "1.",
        "5",
        " million from $1.2 million a year earlier.",
    ]);
    assert_eq!(ok.claims.len(), 1);
    assert_eq!(ok.claims[0].status, Status::Consistent);
    assert_eq!(
        ok.claims[0].text,
        check(&Docx::new().para(EXPENSES)).claims[0].text
    );
    let bad = split(&[
        "Operating expenses increased 25% to $1.",
        "9",
        " million from $1.2 million a year earlier.",
    ]);
    assert_eq!(findings(&bad), [("percent-change".into(), "¶1:30".into())]);
}

/// A paragraph with a tracked change replacing `deleted` with `inserted` at the end.
fn tracked(deleted: &str, inserted: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">Operating expenses increased 25% to $1.5 million from </w:t></w:r><w:del w:id="1" w:author="Controller" w:date="2024-10-01T00:00:00Z"><w:r><w:delText>{deleted}</w:delText></w:r></w:del><w:ins w:id="2" w:author="Controller"><w:r><w:t>{inserted}</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> a year earlier.</w:t></w:r></w:p>"#
    )
}

#[test]
fn tracked_changes_read_as_accepted() {
    let r = check(&Docx::new().xml(&tracked("$1.4 million", "$1.2 million")));
    assert_eq!(findings(&r), Vec::<(String, String)>::new());
    assert_eq!(r.claims[0].status, Status::Consistent);
    // read with the deletion instead of the insertion, the same sentence is an error
    let as_deleted = check(&Docx::new().xml(&tracked("$1.2 million", "$1.4 million")));
    assert_eq!(
        findings(&as_deleted),
        [("percent-change".into(), "¶1:30".into())]
    );
    // text moved away (moveFrom) reads only where it went (moveTo)
    let moved = r#"<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>Revenue increased 90% to $2.0 million from $1.0 million.</w:t></w:r></w:moveFrom></w:p><w:p><w:moveTo w:id="4" w:author="A"><w:r><w:t>Revenue doubled to $2.0 million from $1.0 million.</w:t></w:r></w:moveTo></w:p>"#;
    let r = check(&Docx::new().xml(moved));
    assert_eq!(findings(&r), Vec::<(String, String)>::new());
    assert_eq!(r.claims.len(), 1);
}

#[test]
fn a_deleted_paragraph_mark_joins_the_paragraphs() {
    let joined = r#"<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Operating expenses increased 25% to $1.5 million </w:t></w:r></w:p><w:p><w:r><w:t>from $1.2 million a year earlier.</w:t></w:r></w:p>"#;
    let r = check(&Docx::new().xml(joined));
    assert_eq!(r.claims.len(), 1);
    assert_eq!(r.claims[0].status, Status::Consistent);
    let doc = load(Docx::new().xml(joined).build());
    assert_eq!(doc.text, EXPENSES);
    // without the deletion, two paragraphs
    let kept = load(
        Docx::new()
            .xml(&joined.replace(r#"<w:del w:id="5" w:author="A"/>"#, ""))
            .build(),
    );
    assert_eq!(kept.text.matches("\n\n").count(), 1);
}

#[test]
fn comments_hidden_text_and_field_codes_are_not_read() {
    let body = format!(
        r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">{EXPENSES}</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t> Revenue increased 90% to $2.0 million from $1.0 million.</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> = 90% of $1.0 million </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> (see page 2)</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
    );
    let doc = load(Docx::new().xml(&body).build());
    assert_eq!(doc.text, format!("{EXPENSES} (see page 2)"));
}

#[test]
fn headers_footers_and_footnotes_are_read_and_located() {
    let wrong = "Revenue increased 50% to $1.5 million from $1.2 million.";
    let d = Docx::new()
        .para(EXPENSES)
        .header("Solar Film Co. | Draft for review")
        .footer(wrong)
        .footnote("Adjusted figures exclude restructuring.")
        .footnote(wrong);
    let r = check(&d);
    assert_eq!(
        r.parts,
        [
            "word/document.xml",
            "word/footnotes.xml",
            "word/header1.xml",
            "word/footer1.xml"
        ]
    );
    assert_eq!(
        findings(&r),
        [
            ("percent-change".into(), "footnote 2 ¶1:19".into()),
            ("percent-change".into(), "footer 1 ¶1:19".into()),
        ]
    );
    let doc = load(d.build());
    assert!(doc.text.contains("Draft for review"));
}

/// A table whose header merges cells across (gridSpan) and down (vMerge), and whose total
/// does not foot.
fn merged_table(total_2015: &str) -> String {
    table_xml(&[
        cell("(in thousands)", 1, Some("restart"))
            + &cell("Three months ended September 30", 2, None),
        cell("", 1, Some("")) + &cell("2016", 1, None) + &cell("2015", 1, None),
        cell("Product revenue", 1, None) + &cell("$ 310", 1, None) + &cell("$ 420", 1, None),
        cell("Service revenue", 1, None) + &cell("143", 1, None) + &cell("180", 1, None),
        cell("Total revenue", 1, None) + &cell("$ 453", 1, None) + &cell(total_2015, 1, None),
    ])
}

#[test]
fn tables_with_merged_cells_feed_the_table_model() {
    let d = Docx::new()
        .para("Solar Film Co. reported revenue for the third quarter of 2016.")
        .xml(&merged_table("$ 600"));
    let doc = load(d.build());
    assert_eq!(doc.tables.len(), 1);
    let rows: Vec<Vec<&str>> = doc.tables[0]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| &doc.text[c.clone()]).collect())
        .collect();
    assert_eq!(
        rows,
        [
            vec!["(in thousands)", "Three months ended September 30"],
            vec!["2016", "2015"],
            vec!["Product revenue", "$ 310", "$ 420"],
            vec!["Service revenue", "143", "180"],
            vec!["Total revenue", "$ 453", "$ 600"],
        ]
    );
    // cells are located by their grid column: the merged header starts in column 2
    let at = |needle: &str| {
        let i = doc.text.find(needle).unwrap();
        doc.location(doc.span(i..i + needle.len())).position()
    };
    assert_eq!(at("Three months"), "table 1 r1c2");
    assert_eq!(at("2015"), "table 1 r2c3");
    assert_eq!(at("$ 600"), "table 1 r5c3");
    assert_eq!(at("Solar Film"), "¶1:1");
    // the total that foots is clean; one that does not is found at its cell
    assert_eq!(findings(&check(&d)), Vec::<(String, String)>::new());
    let wrong = Docx::new().xml(&merged_table("$ 610"));
    assert_eq!(
        findings(&check(&wrong)),
        [("table-footing".into(), "table 1 r5c3".into())]
    );
}

#[test]
fn bad_containers_exit_2_naming_the_file() {
    let cases: Vec<(&str, Vec<u8>, &str)> =
        vec![
        (
            "draft.docx",
            b"PK\x03\x04 this is not really a zip".to_vec(),
            "error: draft.docx: is not a valid .docx (zip container)",
        ),
        (
            "notes.docx",
            docx::zip_files(&[("notes.txt".into(), "Revenue was $5M.".into())]),
            "error: notes.docx: is a zip archive but not a Word document (no word/document.xml)",
        ),
        (
            "locked.docx",
            [&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0u8; 504]].concat(),
            "error: locked.docx: is an encrypted (password-protected) Word document or a legacy \
             .doc (an OLE compound file, not a .docx); save it as a .docx without a password",
        ),
        (
            "broken.docx",
            docx::zip_files(&[(
                "word/document.xml".into(),
                "<w:document xmlns:w=\"x\"><w:body><w:p></w:body>".into(),
            )]),
            "error: broken.docx: word/document.xml: malformed XML at byte",
        ),
        (
            "blank.docx",
            Docx::new().xml("<w:p/>").build(),
            "error: blank.docx: is empty; there is nothing to check",
        ),
    ];
    for (name, bytes, message) in cases {
        let (out, err, code) = cli(&bytes, name, &["--format", "short"]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.starts_with(message), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(out.contains("checked 0 files"), "{name}: {out}");
    }
}

#[test]
fn a_docx_on_standard_input_is_recognised_by_its_bytes() {
    let bytes = Docx::from_text(&fixture("bad/q3-typos.txt")).build();
    let out = Command::new(env!("CARGO_BIN_EXE_tieout"))
        .args(["check", "--no-config", "--format", "short", "-"])
        .write_stdin(bytes)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("<stdin>:¶2:50: warning[percent-change]"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn sarif_and_github_name_the_place() {
    let bytes = Docx::from_text(&fixture("bad/q3-typos.txt")).build();
    let (sarif, _, _) = cli(&bytes, "draft.docx", &["--format", "sarif"]);
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let loc = &v["runs"][0]["results"][1]["locations"][0];
    assert_eq!(loc["logicalLocations"][0]["name"], "¶3");
    assert_eq!(
        loc["logicalLocations"][0]["fullyQualifiedName"],
        "word/document.xml ¶3"
    );
    assert_eq!(loc["properties"]["part"], "word/document.xml");
    assert_eq!(loc["physicalLocation"]["region"]["startLine"], 3);
    assert_eq!(
        loc["physicalLocation"]["region"]["snippet"]["text"],
        "$2.37M"
    );
    let (github, _, _) = cli(&bytes, "draft.docx", &["--format", "github", "--quiet"]);
    assert!(github
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("::error file=draft.docx,title=tieout change-amount at ¶3::"));
}

#[test]
fn paragraph_text_is_quoted_once_per_paragraph() {
    let doc = load(
        Docx::new()
            .para("First.")
            .xml("<w:p/>")
            .xml(&para("  Spaced   out\u{a0}text. "))
            .build(),
    );
    assert_eq!(doc.text, "First.\n\nSpaced out text.");
    // the empty paragraph counts: the third paragraph is ¶3
    let i = doc.text.find("Spaced").unwrap();
    assert_eq!(doc.location(doc.span(i..i + 6)).position(), "¶3:1");
}

#[test]
fn cut_and_damaged_xml_is_an_error_or_a_document_never_a_panic() {
    let seed = std::fs::read(format!(
        "{}/fuzz/seeds/docx/02.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let checker = Checker::default_checker();
    let mut variants: Vec<Vec<u8>> = (1..seed.len())
        .step_by(23)
        .map(|n| seed[..n].to_vec())
        .collect();
    for i in (60..seed.len()).step_by(41) {
        for b in [b'<', b'>', b'&', b'/', 0xC3] {
            let mut v = seed.clone();
            v[i] = b;
            variants.push(v);
        }
    }
    let mut loaded = 0;
    for v in &variants {
        let Ok(doc) = load_bytes("f.docx", docx::fuzz_input(v), None) else {
            continue;
        };
        loaded += 1;
        let r = checker.check(&doc);
        for s in r.spans() {
            assert!(s.offset + s.length <= doc.original.len());
            assert!(doc.text.is_char_boundary(s.offset));
            assert!(doc.text.is_char_boundary(s.offset + s.length));
            assert!(s.place.is_some());
        }
    }
    // most damage is malformed XML (exit 2); some leaves a readable document
    assert!(
        loaded > 0 && loaded < variants.len(),
        "{loaded} of {}",
        variants.len()
    );
}

#[test]
fn the_fuzz_seed_reads_as_word_shows_it() {
    let seed = std::fs::read(format!(
        "{}/fuzz/seeds/docx/02.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let doc = load(docx::fuzz_input(&seed));
    assert_eq!(
        doc.text.split("\n\n").take(2).collect::<Vec<_>>(),
        [
            "Operating expenses increased 25% to $1.5 million from $1.2 million2 & —.",
            "Choice text $5M"
        ]
    );
}
