//! Inline XBRL end to end: the fixture 10-Q (June year end, statements in thousands, a note
//! table, tagged and untagged prose) ties out; one changed figure is caught at its bytes; `tieout
//! facts` lists the tagged facts, and its JSON (or SEC companyfacts) makes a later release's
//! change checkable.

use assert_cmd::Command;
use serde_json::Value;

const Q1: &str = "fixtures/xbrl/q1-10q.html";
const RELEASE: &str = "fixtures/xbrl/q2-release.txt";

fn tieout() -> Command {
    Command::cargo_bin("tieout").unwrap()
}

/// Run `tieout check --format json` and return (exit code, [(rule, severity, offset, snippet)]).
fn check(args: &[&str]) -> (i32, Vec<(String, String, usize, String)>) {
    let out = tieout()
        .args(["check", "--no-config", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let mut v = Vec::new();
    for f in json["files"].as_array().unwrap() {
        for x in f["findings"].as_array().unwrap() {
            v.push((
                x["rule"].as_str().unwrap().to_string(),
                x["severity"].as_str().unwrap().to_string(),
                x["span"]["offset"].as_u64().unwrap() as usize,
                x["snippet"].as_str().unwrap().to_string(),
            ));
        }
    }
    (out.status.code().unwrap(), v)
}

/// The fixture with the `nth` occurrence (0-based) of `from` replaced; the byte offset of the
/// replacement.
fn mutate(dir: &std::path::Path, from: &str, to: &str, nth: usize) -> (String, usize) {
    let s = std::fs::read_to_string(Q1).unwrap();
    let at = s
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("{from:?} #{nth} not in the fixture"))
        .0;
    let p = dir.join("q1-10q.html");
    std::fs::write(&p, format!("{}{to}{}", &s[..at], &s[at + from.len()..])).unwrap();
    (p.to_str().unwrap().to_string(), at)
}

#[test]
fn the_fixture_ties_out() {
    assert_eq!(check(&[Q1]), (0, vec![]));
}

#[test]
fn a_figure_changed_in_one_place_is_caught_at_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let err = |rule: &str, at: usize, snippet: &str| {
        (
            1,
            vec![(
                rule.to_string(),
                "error".to_string(),
                at,
                snippet.to_string(),
            )],
        )
    };
    // the note's total changed after the statements were final
    let (p, at) = mutate(d, ">12,345<", ">12,354<", 1);
    assert_eq!(check(&[&p]), err("tagged-fact-duplicate", at + 1, "12,354"));
    // the tagged prose figure
    let (p, at) = mutate(d, ">12.3<", ">13.2<", 0);
    let (code, f) = check(&[&p]);
    assert_eq!(code, 1);
    assert_eq!(
        f[0],
        (
            "prose-tagged-fact".into(),
            "error".into(),
            at + 1,
            "13.2".into()
        )
    );
    // an untagged prose figure with its metric and period, against the facts tagged for that
    // metric (NetIncomeLoss, negated) and fiscal period
    let (p, at) = mutate(d, "$0.8 million", "$1.8 million", 0);
    assert_eq!(check(&[&p]), err("prose-tagged-fact", at, "$1.8 million"));
    // tied to the tagged fact of its period: the column header's calendar year 2024 is fiscal
    // 2025 for a June year end, the contexts say which column is fiscal 2024 (a tagged prose
    // figure is compared by concept and context, so prose-table-tie leaves it to that rule)
    let (p, at) = mutate(d, "$10.2 million", "$10.5 million", 0);
    let (code, f) = check(&[&p]);
    assert_eq!(
        (code, &f[0].0, f[0].2),
        (1, &"prose-tagged-fact".to_string(), at)
    );
}

#[test]
fn the_tables_of_a_tagged_filing_read_their_period_from_the_context() {
    // without the tags, "the first quarter of fiscal 2024" would tie to the column headed
    // "September 30, 2024" (fiscal 2025): 12,345 against $10.2 million
    let dir = tempfile::tempdir().unwrap();
    let s = std::fs::read_to_string(Q1).unwrap();
    let p = dir.path().join("untagged.html");
    let untagged = s
        .replace("<ix:nonFraction", "<span")
        .replace("</ix:nonFraction>", "</span>");
    std::fs::write(&p, untagged).unwrap();
    let (code, f) = check(&[p.to_str().unwrap()]);
    assert_eq!(
        (code, f[0].0.as_str(), f[0].3.as_str()),
        (1, "prose-table-tie", "$10.2 million")
    );
    assert_eq!(check(&[Q1]).0, 0);
}

#[test]
fn facts_lists_the_tagged_facts() {
    let out = tieout().args(["facts", Q1]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3 + 14, "{text}");
    assert_eq!(
        lines[3],
        "fixtures/xbrl/q1-10q.html:21:187\tus-gaap:Revenues\t2024-07-01..2024-09-30 (Q1 2025)\t12345000 USD\tdecimals -3\t-"
    );
    assert_eq!(
        lines[13],
        "fixtures/xbrl/q1-10q.html:26:203\tus-gaap:NetIncomeLoss\t2024-07-01..2024-09-30 (Q1 2025)\t-812000 USD\tdecimals -3\t-"
    );
    let out = tieout()
        .args(["facts", "--format", "json", Q1])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let t = &json["tagged"][13];
    assert_eq!(t["concept"], "us-gaap:Revenues");
    assert_eq!(t["value"], "12300000");
    assert_eq!(t["text"], "12.3");
    assert_eq!(t["decimals"], "-5");
    assert_eq!(t["scale"], 6);
    let bytes = std::fs::read(Q1).unwrap();
    let o = t["span"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&bytes[o..o + 4], b"12.3");
    assert_eq!(json["skipped"], Value::Array(vec![]));
}

#[test]
fn facts_json_and_companyfacts_make_a_release_checkable() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("q1.json");
    let out = tieout()
        .args(["facts", "--format", "json", Q1])
        .output()
        .unwrap();
    std::fs::write(&json, out.stdout).unwrap();
    let bad = dir.path().join("q2-release.txt");
    let text = std::fs::read_to_string(RELEASE).unwrap();
    std::fs::write(&bad, text.replace("increase of 5%", "increase of 9%")).unwrap();
    let at = text.find("5%").unwrap();
    for facts in [json.to_str().unwrap(), "fixtures/xbrl/companyfacts.json"] {
        assert_eq!(check(&["--facts", facts, RELEASE]), (0, vec![]), "{facts}");
        let (code, f) = check(&["--facts", facts, bad.to_str().unwrap()]);
        assert_eq!(
            (code, f),
            (
                1,
                vec![("percent-change".into(), "error".into(), at, "9%".into())]
            ),
            "{facts}"
        );
    }
    // without facts the base is not known
    let (code, f) = check(&[bad.to_str().unwrap()]);
    assert_eq!((code, f[0].0.as_str()), (0, "unverifiable"));
}

#[test]
fn bad_facts_json_is_an_input_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (body, msg) in [
        (
            "{\"x\": 1}",
            "not a facts file: expected `tieout facts --format json` output or SEC companyfacts JSON",
        ),
        ("{\"facts\": [{\"metric\": \"revenue\"}]}", "facts[0]: needs a string \"period\""),
        ("{\"facts\": [], \"tagged\": [{\"concept\": \"us-gaap:Revenues\", \"period\": \"x\", \"value\": \"1e999\"}]}", "tagged[0]: cannot read the value \"1e999\""),
        ("not json", "expected ident"),
    ] {
        let p = dir.path().join("f.json");
        std::fs::write(&p, body).unwrap();
        let out = tieout()
            .args(["check", "--no-config", "--facts"])
            .arg(&p)
            .arg(RELEASE)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.starts_with(&format!("error: {}: ", p.display())), "{err}");
        assert!(err.contains(msg), "{err}");
    }
}

#[test]
fn plain_html_lists_no_tagged_facts() {
    let out = tieout()
        .args(["facts", "--format", "json", "fixtures/q3-results.html"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json.get("tagged").is_none(), "{json}");
}
