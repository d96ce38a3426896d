//! The recall matcher (`examples/recall.rs`) on a release written for the test
//! (`fixtures/recall/`): each label's outcome, how it was recognised, and the label file checks.

#[path = "../examples/common/recall.rs"]
mod recall;

use recall::{evaluate_file, label_spans, locate, LabelFile, LabelResult, Summary};
use tieout::check::Checker;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/recall");

fn run() -> Vec<LabelResult> {
    let text = std::fs::read_to_string(format!("{DIR}/labels.toml")).unwrap();
    let lf = LabelFile::parse(&text).unwrap();
    let labels: Vec<_> = lf.claim.iter().enumerate().collect();
    let path = format!("{DIR}/release.md");
    let bytes = std::fs::read(&path).unwrap();
    evaluate_file(&Checker::default_checker(), &path, bytes, &labels).unwrap()
}

#[test]
fn each_label_gets_its_outcome() {
    let show = |r: LabelResult| {
        let j = serde_json::to_value(&r).unwrap();
        let f = |k: &str| j[k].as_str().unwrap_or("-").to_string();
        format!(
            "{} {} {} {}",
            f("outcome"),
            f("via"),
            f("status"),
            f("rule")
        )
    };
    let got: Vec<String> = run().into_iter().map(show).collect();
    assert_eq!(
        got,
        [
            "verified claim consistent percent-change",
            "verified claim mismatch percent-change",
            "held-back claim unverifiable percent-change",
            "not-recognised - - -",
            "verified probe consistent table-footing",
            "verified probe consistent table-footing",
            "verified probe consistent prose-table-tie",
        ]
    );
}

#[test]
fn summary_counts_checkable_labels_by_shape_and_kind() {
    let s = Summary::of(&run());
    assert_eq!(
        (s.total.labels, s.total.recognised, s.total.verified),
        (6, 5, 5)
    );
    let table = &s.by_shape["table"];
    assert_eq!((table.labels, table.verified), (2, 2));
    let sentence = &s.by_shape["sentence"];
    assert_eq!((sentence.labels, sentence.recognised), (3, 2));
    assert_eq!(s.by_kind["footing"].verified, 2);
    // "increased 25% to $5.0 million" is the table's revenue
    assert_eq!(s.by_kind["prose-table"].recognised, 1);
    assert_eq!(s.unverifiable.get("held-back"), Some(&1));
    let text = s.table();
    assert!(
        text.contains("total                   6        5   83.3%"),
        "{text}"
    );
}

#[test]
fn figures_are_found_through_markdown_escapes_and_not_inside_longer_numbers() {
    let src = b"intro\nRevenue of \\$1,200 rose 12% to  $3.5\xc2\xa0million; 12.5% and 1,200,000 differ.\n";
    let at = |line, f: &str| {
        locate(src, line, f)
            .iter()
            .map(|l| {
                std::str::from_utf8(&src[l.offset..l.offset + l.length])
                    .unwrap()
                    .to_string()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(at(2, "$1,200"), vec!["$1,200"]);
    assert_eq!(at(2, "1,200"), vec!["1,200"]);
    assert_eq!(at(2, "12%"), vec!["12%"]);
    assert_eq!(at(2, "12"), vec!["12"]);
    assert_eq!(at(2, "$3.5 million"), vec!["$3.5\u{a0}million"]);
    assert!(at(1, "12%").is_empty());
    assert!(at(9, "12%").is_empty());
}

#[test]
fn label_file_errors_name_the_claim() {
    let bad_kind = "[[claim]]\nfile = \"a.md\"\nline = 3\nfigures = [\"1\"]\nshape = \"sentence\"\nkind = \"growth\"\nverdict = \"consistent\"\n";
    let e = LabelFile::parse(bad_kind).unwrap_err();
    assert_eq!(e, "claim 1 (a.md:3): unknown kind \"growth\"");
    let bad_lines = bad_kind.replace("growth", "footing") + "lines = [1, 2]\n";
    let e = LabelFile::parse(&bad_lines).unwrap_err();
    assert_eq!(e, "claim 1 (a.md:3): lines has 2 entries for 1 figures");
    assert!(LabelFile::parse("[[claim]]\nfile = 3\n").is_err());
    assert!(LabelFile::parse("[[claim]]\nfile = \"a\"\nline = 1\nfigures = [\"1\"]\nshape = \"table\"\nkind = \"footing\"\nverdict = \"consistent\"\ncolour = 1\n").is_err());
}

#[test]
fn a_figure_missing_from_its_line_is_an_error() {
    let lf = LabelFile::parse(
        "[[claim]]\nfile = \"release.md\"\nline = 4\nfigures = [\"25%\"]\nshape = \"sentence\"\nkind = \"change-percent\"\nverdict = \"consistent\"\n",
    )
    .unwrap();
    let bytes = std::fs::read(format!("{DIR}/release.md")).unwrap();
    let e = label_spans(&bytes, &lf.claim[0]).unwrap_err();
    assert_eq!(e, "release.md:4: figure \"25%\" not found");
}
