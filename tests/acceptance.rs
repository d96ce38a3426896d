//! The core acceptance test: the bundled fixtures carry the figures of the two releases tieout
//! was created from (in our own words, as text, Markdown and HTML). They must tie out; copies with
//! one figure changed must not; honest rewordings must.

use assert_cmd::Command;
use serde_json::Value;

const Q3: &str = "fixtures/q3-results";
const CONVERSION: &str = "fixtures/conversion.txt";

fn tieout() -> Command {
    Command::cargo_bin("tieout").unwrap()
}

/// Run `tieout check --format json` on a file; returns (exit code, JSON).
fn check_json(path: &std::path::Path, extra: &[&str]) -> (i32, Value) {
    let out = tieout()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (code, json)
}

fn exit_code(path: &std::path::Path, extra: &[&str]) -> i32 {
    tieout()
        .arg("check")
        .args(extra)
        .arg(path)
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

/// (kind, status, text) of every claim.
fn claims(json: &Value) -> Vec<(String, String, String)> {
    json["files"][0]["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["status"].as_str().unwrap().to_string(),
                c["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn status_of(json: &Value, kind: &str, text_contains: &str) -> String {
    let found: Vec<_> = claims(json)
        .into_iter()
        .filter(|(k, _, t)| k == kind && t.contains(text_contains))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one {kind} claim containing {text_contains:?}: {:?}",
        claims(json)
    );
    found[0].1.clone()
}

fn fixture(ext: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(format!("{Q3}.{ext}"))
}

#[test]
fn fixtures_tie_out_in_every_format() {
    for ext in ["txt", "md", "html"] {
        let (code, json) = check_json(&fixture(ext), &["--deny", "warning"]);
        assert_eq!(code, 0, "{ext}: {json}");
        assert_eq!(json["summary"]["errors"], 0);
        assert_eq!(json["summary"]["warnings"], 0);
        assert_eq!(
            status_of(&json, "change", "21% ($1.5M)"),
            "consistent",
            "{ext}"
        );
        assert_eq!(
            status_of(&json, "change", "22% improvement"),
            "consistent",
            "{ext}"
        );
        assert_eq!(
            status_of(&json, "change", "a decrease of $2.73M"),
            "consistent",
            "{ext}"
        );
        assert_eq!(status_of(&json, "change", "$20.18M"), "consistent", "{ext}");
        assert_eq!(status_of(&json, "change", "78%"), "unverifiable", "{ext}");
        assert_eq!(status_of(&json, "change", "$2.3M"), "unverifiable", "{ext}");
        assert_eq!(
            status_of(&json, "change", "$3.43M"),
            "unverifiable",
            "{ext}"
        );
        assert_eq!(claims(&json).len(), 7, "{ext}: {:?}", claims(&json));
    }
    let (code, json) = check_json(std::path::Path::new(CONVERSION), &["--deny", "warning"]);
    assert_eq!(code, 0);
    assert_eq!(status_of(&json, "premium-discount", "700%"), "consistent");
    assert_eq!(
        status_of(&json, "amount-price-quantity", "$1,000,000"),
        "consistent"
    );
    assert_eq!(status_of(&json, "part-of-total", "7.9%"), "unverifiable");
}

#[test]
fn same_claims_in_text_markdown_and_html() {
    let norm = |ext: &str| {
        let (_, json) = check_json(&fixture(ext), &[]);
        claims(&json)
            .into_iter()
            .map(|(k, s, t)| {
                (
                    k,
                    s,
                    t.replace(['\n', '*'], " ")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            })
            .collect::<Vec<_>>()
    };
    let text = norm("txt");
    assert_eq!(text, norm("md"));
    assert_eq!(text, norm("html"));
}

struct Mutation {
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// The text the finding's span must contain.
    flagged: &'static str,
    severity: &'static str,
    rule: &'static str,
}

const MUTATIONS: &[Mutation] = &[
    // rounding could rescue it only if "$7M" is read loosely: a warning
    Mutation {
        file: "q3-results",
        from: "roughly 21%",
        to: "roughly 12%",
        flagged: "12",
        severity: "warning",
        rule: "percent-change",
    },
    Mutation {
        file: "q3-results",
        from: "a decrease of $2.73M",
        to: "a decrease of $2.37M",
        flagged: "2.37M",
        severity: "error",
        rule: "change-amount",
    },
    Mutation {
        file: "conversion",
        from: "premium of 700%",
        to: "premium of 800%",
        flagged: "800%",
        severity: "error",
        rule: "premium-discount",
    },
    Mutation {
        file: "conversion",
        from: "additional 250,000,000 shares",
        to: "additional 25,000,000 shares",
        flagged: "25,000,000",
        severity: "error",
        rule: "amount-price-quantity",
    },
    Mutation {
        file: "q3-results",
        from: "down from a $7M",
        to: "up from a $7M",
        flagged: "up",
        severity: "error",
        rule: "change-direction",
    },
    Mutation {
        file: "q3-results",
        from: "approximately $5.5M",
        to: "approximately $6.5M",
        flagged: "6.5M",
        severity: "error",
        rule: "change-amount",
    },
];

/// Apply a mutation to a fixture in one format, escaping `$` as the Markdown fixture does.
fn mutated(
    m: &Mutation,
    ext: &str,
    from: &str,
    to: &str,
) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    let path = format!("fixtures/{}.{ext}", m.file);
    let original = std::fs::read_to_string(&path).ok()?;
    let (from, to) = (adapt(ext, from), adapt(ext, to));
    assert!(original.contains(&from), "{path} contains {from:?}");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("{}.{ext}", m.file));
    std::fs::write(&out, original.replacen(&from, &to, 1)).unwrap();
    Some((dir, out))
}

/// The fixtures in Markdown and HTML write some figures with markup: write the mutation alike.
fn adapt(ext: &str, s: &str) -> String {
    let mut s = s.to_string();
    match ext {
        "md" => {
            s = s.replace('$', "\\$");
            for p in ["21%", "12%", "21.4%"] {
                s = s.replace(&format!("roughly {p}"), &format!("roughly *{p}*"));
            }
            for d in ["2.73M", "2.37M", "2.72M"] {
                s = s.replace(&format!("of \\${d}"), &format!("of **\\${d}**"));
            }
        }
        "html" => {
            for p in ["21", "12", "21.4"] {
                s = s.replace(
                    &format!("roughly {p}%"),
                    &format!("roughly <span class=\"x\">{p}</span>%"),
                );
            }
            s = s.replace("approximately $", "approximately&nbsp;$");
        }
        _ => {}
    }
    s
}

#[test]
fn one_changed_figure_is_found_where_it_was_changed() {
    for m in MUTATIONS {
        for ext in ["txt", "md", "html"] {
            let Some((_dir, path)) = mutated(m, ext, m.from, m.to) else {
                continue;
            };
            let (code, json) = check_json(&path, &[]);
            let bytes = std::fs::read(&path).unwrap();
            let findings = json["files"][0]["findings"].as_array().unwrap();
            let hits: Vec<&Value> = findings
                .iter()
                .filter(|f| f["severity"] != "note")
                .collect();
            // the bytes that differ from the fixture
            let orig = std::fs::read(format!("fixtures/{}.{ext}", m.file)).unwrap();
            let pre = orig.iter().zip(&bytes).take_while(|(a, b)| a == b).count();
            let suf = orig
                .iter()
                .rev()
                .zip(bytes.iter().rev())
                .take_while(|(a, b)| a == b)
                .count()
                .min(bytes.len() - pre)
                .min(orig.len() - pre);
            let changed = pre..bytes.len() - suf;
            let at_change = hits.iter().find(|f| {
                let off = f["span"]["offset"].as_u64().unwrap() as usize;
                let len = f["span"]["length"].as_u64().unwrap() as usize;
                off <= changed.start
                    && changed.end <= off + len
                    && String::from_utf8_lossy(&bytes[off..off + len]).contains(m.flagged)
                    && f["rule"] == m.rule
                    && f["severity"] == m.severity
            });
            assert!(
                at_change.is_some(),
                "{} {ext}: {} -> {}: want {} {} at {:?}, got {:?}",
                m.file,
                m.from,
                m.to,
                m.severity,
                m.rule,
                m.flagged,
                hits
            );
            // exit status: errors fail by default, warnings only under --deny warning
            let want_default = if m.severity == "error" { 1 } else { 0 };
            assert_eq!(code, want_default, "{} {ext} {}", m.file, m.to);
            assert_eq!(
                exit_code(&path, &["--deny", "warning"]),
                1,
                "{} {ext} {}",
                m.file,
                m.to
            );
        }
    }
}

#[test]
fn honest_rewordings_stay_clean_even_under_deny_warning() {
    let honest = [
        ("q3-results", "roughly 21%", "roughly 21.4%"),
        ("q3-results", "a $7M loss", "a $7.0M loss"),
        ("q3-results", "a decrease of $2.73M", "a decrease of $2.72M"),
        (
            "conversion",
            "additional 250,000,000 shares",
            "additional 250 million shares",
        ),
    ];
    for (file, from, to) in honest {
        let m = Mutation {
            file,
            from,
            to,
            flagged: "",
            severity: "",
            rule: "",
        };
        for ext in ["txt", "md", "html"] {
            let Some((_dir, path)) = mutated(&m, ext, from, to) else {
                continue;
            };
            let (code, json) = check_json(&path, &["--deny", "warning"]);
            assert_eq!(
                code, 0,
                "{file} {ext}: {from} -> {to}: {}",
                json["files"][0]["findings"]
            );
        }
    }
}

#[test]
fn human_output_shows_the_computation_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(
        &path,
        "Net loss decreased 12% to $5.5 million from $7.0 million.\n",
    )
    .unwrap();
    let out = tieout()
        .args(["check", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("percent-change"), "{s}");
    assert!(
        s.contains("($5.5 million - $7.0 million) / $7.0 million = -21.4%, stated -12%; the written precision") && s.contains("allows -22.7%..-20.1%"),
        "{s}"
    );
    assert!(s.contains("bad.txt:1:20"), "{s}");
    assert!(
        s.ends_with("checked 1 file: 1 claim (0 consistent, 1 mismatched, 0 unverifiable); 1 error, 0 warnings, 0 notes\n"),
        "{s}"
    );
}

#[test]
fn input_errors_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let out = tieout().arg("check").arg(&missing).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!("error: {}: cannot read: no such file\n", missing.display())
    );

    let bin = dir.path().join("blob.txt");
    std::fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    let out = tieout().arg("check").arg(&bin).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err,
        format!(
            "error: {}: looks like binary data (NUL byte at offset 0); tieout checks text, Markdown and HTML\n",
            bin.display()
        )
    );

    let out = tieout()
        .args(["check", "--format", "xml", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn stdin_is_read_with_dash() {
    let out = tieout()
        .args(["check", "--format", "json", "-"])
        .write_stdin("Revenue fell 7.4% to $48.3 million from $52.2 million.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"][0]["path"], "<stdin>");
    assert_eq!(json["files"][0]["claims"][0]["status"], "consistent");
    assert_eq!(
        json["files"][0]["claims"][0]["span"],
        serde_json::json!({"offset": 8, "length": 45, "line": 1, "column": 9})
    );
}
