//! Facts across a release and across releases: restated figures, facts files, periods and dates.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("tieout")
        .unwrap()
        .args(["check", "--format", "json", "--no-config"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), json)
}

/// (path, rule, snippet) of every error and warning.
fn findings(json: &Value) -> Vec<(String, String, String)> {
    let mut v = Vec::new();
    for f in json["files"].as_array().unwrap() {
        for x in f["findings"].as_array().unwrap() {
            if x["severity"] != "note" {
                v.push((
                    f["path"].as_str().unwrap().to_string(),
                    x["rule"].as_str().unwrap().to_string(),
                    x["snippet"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    v
}

#[test]
fn two_releases_that_agree_pass_together() {
    let (code, json) = run(&[
        "--deny",
        "warning",
        "fixtures/facts/q2-release.txt",
        "fixtures/facts/q3-release.txt",
    ]);
    assert_eq!(code, 0, "{json}");
    assert!(findings(&json).is_empty());
}

#[test]
fn a_changed_q2_revenue_is_a_restated_fact_with_spans_in_both_files() {
    let dir = tempfile::tempdir().unwrap();
    for (which, from, to) in [
        (
            "q2-release.txt",
            "second quarter of 2016 was $254K",
            "second quarter of 2016 was $264K",
        ),
        ("q3-release.txt", "compared to $254K", "compared to $264K"),
    ] {
        let q2 = dir.path().join("q2-release.txt");
        let q3 = dir.path().join("q3-release.txt");
        for (src, dst) in [("q2-release.txt", &q2), ("q3-release.txt", &q3)] {
            let text = std::fs::read_to_string(format!("fixtures/facts/{src}")).unwrap();
            let text = if src == which {
                assert!(text.contains(from));
                text.replacen(from, to, 1)
            } else {
                text
            };
            std::fs::write(dst, text).unwrap();
        }
        let (code, json) = run(&[q2.to_str().unwrap(), q3.to_str().unwrap()]);
        assert_eq!(code, 1, "{which}: {json}");
        // the finding is in the later file, naming the other
        let f = &json["files"][1]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["rule"] == "restated-fact")
            .unwrap_or_else(|| panic!("{which}: {json}"))
            .clone();
        let q3_bytes = std::fs::read(&q3).unwrap();
        let q2_bytes = std::fs::read(&q2).unwrap();
        let span = |v: &Value, bytes: &[u8]| {
            let o = v["offset"].as_u64().unwrap() as usize;
            let l = v["length"].as_u64().unwrap() as usize;
            String::from_utf8_lossy(&bytes[o..o + l]).into_owned()
        };
        let related = &f["related"][0];
        assert_eq!(related["path"], q2.to_str().unwrap());
        let (here, there) = (
            span(&f["span"], &q3_bytes),
            span(&related["span"], &q2_bytes),
        );
        let mut pair = [here.clone(), there.clone()];
        pair.sort();
        assert_eq!(
            pair,
            ["$254K".to_string(), "$264K".to_string()],
            "{which}: {here} / {there}"
        );
        assert!(f["message"]
            .as_str()
            .unwrap()
            .starts_with("revenue for Q2 2016 is stated as"));
    }
}

#[test]
fn facts_file_makes_the_recovery_checkable() {
    // alone: the base is not stated
    let (code, json) = run(&["--deny", "warning", "fixtures/facts/q3-alone.txt"]);
    assert_eq!(code, 0);
    assert_eq!(json["files"][0]["claims"][0]["status"], "unverifiable");

    let (code, json) = run(&[
        "--deny",
        "warning",
        "--facts",
        "fixtures/facts/q2-revenue-254.toml",
        "fixtures/facts/q3-alone.txt",
    ]);
    assert_eq!(code, 0, "{json}");
    let claim = &json["files"][0]["claims"][0];
    assert_eq!(claim["status"], "consistent");
    assert_eq!(
        claim["base_source"],
        "$254K (revenue, Q2 2016) from fixtures/facts/q2-revenue-254.toml:2, Q2 2016 release"
    );

    let (code, json) = run(&[
        "--facts",
        "fixtures/facts/q2-revenue-300.csv",
        "fixtures/facts/q3-alone.txt",
    ]);
    assert_eq!(code, 1);
    assert_eq!(json["files"][0]["claims"][0]["status"], "mismatch");
    assert_eq!(
        findings(&json),
        vec![(
            "fixtures/facts/q3-alone.txt".to_string(),
            "percent-change".to_string(),
            "78%".to_string()
        )]
    );
}

#[test]
fn bad_facts_files_exit_2_naming_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "metric,period,value\nrevenue,someday,$254K\n").unwrap();
    let out = Command::cargo_bin("tieout")
        .unwrap()
        .args(["check", "--no-config", "--facts"])
        .arg(&bad)
        .arg("fixtures/facts/q3-alone.txt")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "error: {}:2: cannot read the period \"someday\"\n",
            bad.display()
        )
    );
}

#[test]
fn period_and_date_fixtures() {
    for (file, snippet) in [
        ("quarter-end.txt", "third quarter ended June 30, 2016"),
        ("nine-months.txt", "nine months ended June 30, 2016"),
        ("contradiction.txt", "nine months ended December 31, 2023"),
        ("dateline.txt", "05/31/17"),
        ("agreement.txt", "June 8, 2017"),
    ] {
        let path = format!("fixtures/dates/{file}");
        let (code, json) = run(&[&path]);
        assert_eq!(code, 1, "{file}");
        assert_eq!(
            findings(&json),
            vec![(path.clone(), "period-date".to_string(), snippet.to_string())],
            "{file}"
        );
    }
}

#[test]
fn fiscal_calendars_read_from_the_document() {
    // a June year end (stated in the text, or by the headline), a 52/53-week September year,
    // and a document that allows two calendars: consistent under one of them each
    for file in [
        "june-10q.txt",
        "june-year.txt",
        "september-52-53.txt",
        "ambiguous.txt",
    ] {
        let (code, json) = run(&[&format!("fixtures/dates/{file}")]);
        assert_eq!((code, findings(&json)), (0, vec![]), "{file}");
    }
    // the contradiction is reported once, where it is first written, next to the year end
    let (_, json) = run(&["fixtures/dates/contradiction.txt"]);
    let f = &json["files"][0]["findings"][0];
    assert_eq!(
        (f["span"]["line"].as_u64(), f["span"]["column"].as_u64()),
        (Some(5), Some(56))
    );
    assert_eq!(
        f["labels"][1]["message"].as_str(),
        Some("fiscal year ending in June")
    );
}

fn check_with_config(config: &str, file: &str) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("tieout.toml");
    std::fs::write(&cfg, config).unwrap();
    let out = Command::cargo_bin("tieout")
        .unwrap()
        .args(["check", "--format", "json", "--config"])
        .arg(&cfg)
        .arg(file)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap(), json)
}

#[test]
fn fiscal_year_end_from_config() {
    // the document's headline ("first quarter ended September 30") implies a June year end
    let (code, json) = run(&["fixtures/dates/june-year.txt"]);
    assert_eq!((code, findings(&json).len()), (0, 0));
    // a configured year end wins over the document: December ends the first quarter in March
    // (six months ended December 31 are then the second half)
    let file = "fixtures/dates/june-year.txt";
    let (code, json) = check_with_config("fiscal_year_end = \"12-31\"\n", file);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        vec![(
            file.to_string(),
            "period-date".to_string(),
            "first quarter ended September 30, 2024".to_string()
        )]
    );
    let (code, _) = check_with_config(
        "fiscal_year_end = \"06-30\"\n",
        "fixtures/dates/june-year.txt",
    );
    assert_eq!(code, 0);
}

#[test]
fn facts_command_prints_the_table() {
    let out = Command::cargo_bin("tieout")
        .unwrap()
        .args(["facts", "--no-config", "fixtures/facts/q3-release.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "fixtures/facts/q3-release.txt:5:43\trevenue\tQ3 2016\t$453K\n\
         fixtures/facts/q3-release.txt:5:62\trevenue\tQ2 2016\t$254K\n"
    );
    let out = Command::cargo_bin("tieout")
        .unwrap()
        .args([
            "facts",
            "--no-config",
            "--format",
            "json",
            "fixtures/facts/q3-release.txt",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["facts"][1]["period"], "Q2 2016");
    assert_eq!(json["facts"][1]["value"], "254000");
    assert_eq!(json["facts"][1]["unit"], "USD");
    assert_eq!(
        json["facts"][1]["interval"],
        serde_json::json!(["253500", "254500"])
    );
}

#[test]
fn nine_months_add_up_with_quarters_from_a_facts_file() {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("h1.csv");
    std::fs::write(
        &facts,
        "metric,period,value,unit,source\nrevenue,Q1 2016,$0.71M,,Q1 release\nrevenue,Q2 2016,$0.26M,,Q2 release\n",
    )
    .unwrap();
    let doc = dir.path().join("q3.txt");
    let text = "Solar Film Co. (NASDAQ: SOLF)\n\nRevenue for the third quarter of 2016 was $0.45M. Revenue for the nine months of 2016 was $1.42M.\n";
    std::fs::write(&doc, text).unwrap();
    let (code, json) = run(&["--facts", facts.to_str().unwrap(), doc.to_str().unwrap()]);
    assert_eq!(code, 0, "{json}");
    std::fs::write(&doc, text.replace("$1.42M", "$1.52M")).unwrap();
    let (code, json) = run(&["--facts", facts.to_str().unwrap(), doc.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        findings(&json),
        vec![(
            doc.to_str().unwrap().to_string(),
            "period-total".to_string(),
            "$1.52M".to_string()
        )]
    );
}

/// `tieout check --no-config --facts FILE fixtures/facts/q3-alone.txt`: exit status and stderr.
fn with_facts(
    dir: &tempfile::TempDir,
    name: &str,
    content: &str,
) -> (i32, String, std::path::PathBuf) {
    let f = dir.path().join(name);
    std::fs::write(&f, content).unwrap();
    let out = Command::cargo_bin("tieout")
        .unwrap()
        .args(["check", "--no-config", "--facts"])
        .arg(&f)
        .arg("fixtures/facts/q3-alone.txt")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        f,
    )
}

/// Each kind of bad facts file says what is wrong and how to write it, naming file and line.
#[test]
fn bad_facts_files_say_what_to_write() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, f) = with_facts(&dir, "release.txt", "Revenue was $254K in Q2 2016.\n");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "error: {}: not a facts file (.toml or .csv): --facts reads TOML `[[fact]]` tables \
             or CSV rows with metric, period and value (and optionally unit and source); to \
             check a document, name it without --facts\n",
            f.display()
        )
    );
    let (code, err, f) = with_facts(&dir, "empty.toml", "# nothing yet\n");
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "error: {}: no facts: write TOML `[[fact]]` tables or CSV rows with metric, period \
             and value (and optionally unit and source)\n",
            f.display()
        )
    );
    let (_, err, f) = with_facts(&dir, "header.csv", "metric,period,value\n");
    assert!(
        err.starts_with(&format!("error: {}: no facts", f.display())),
        "{err}"
    );
    let (_, err, f) = with_facts(
        &dir,
        "bare.csv",
        "metric,period,value\nrevenue,Q2 2016,254\n",
    );
    assert_eq!(
        err,
        format!(
            "error: {}:2: the value \"254\" has no unit: write it as an amount (\"$254K\", \
             \"EUR 1.2 million\"), or give the unit (a unit column, or unit = \"USD thousand\"; \
             \"%\" or \"shares\")\n",
            f.display()
        )
    );
    let (_, err, f) = with_facts(
        &dir,
        "unit.csv",
        "metric,period,value,unit\nrevenue,Q2 2016,254,dollars\n",
    );
    assert_eq!(
        err,
        format!(
            "error: {}:2: unknown unit \"dollars\" in \"dollars\": write a currency code (AUD, \
             CAD, CHF, CNY, EUR, GBP, HKD, ILS, JPY, USD), optionally with a scale word \
             (thousand, million, billion), or %, or shares\n",
            f.display()
        )
    );
    let (_, err, f) = with_facts(
        &dir,
        "typo.toml",
        "[[fact]]\nmetric = \"revenue\"\nperiod = \"Q2 2016\"\nvaleu = \"$254K\"\n",
    );
    assert_eq!(
        err,
        format!(
            "error: {}: line 4, column 1: key `fact[0].valeu`: unknown key `valeu`, expected \
             one of `metric`, `period`, `value`, `unit`, `source`\n",
            f.display()
        )
    );
}

/// CSV facts are read with the `csv` crate: a byte-order mark, quoted commas and a quoted
/// line break in a field (the line numbers follow the file).
#[test]
fn csv_facts_with_bom_and_quoted_newlines() {
    let dir = tempfile::tempdir().unwrap();
    let (code, err, _) = with_facts(
        &dir,
        "q2.csv",
        "\u{feff}metric,period,value,unit,source\n\
         revenue,Q2 2016,254,USD thousand,\"Q2 release,\nrestated\"\n",
    );
    assert_eq!((code, err.as_str()), (0, ""));
    let (code, err, f) = with_facts(
        &dir,
        "q2.csv",
        "metric,period,value,unit,source\n\
         revenue,Q1 2016,$0.71M,,\"two\nlines\"\n\
         revenue,someday,$0.26M,,\n",
    );
    assert_eq!(code, 2);
    assert_eq!(
        err,
        format!(
            "error: {}:4: cannot read the period \"someday\"\n",
            f.display()
        )
    );
}
