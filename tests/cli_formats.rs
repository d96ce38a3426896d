//! The `tieout check` output formats, exit codes and file walking, end to end.

use assert_cmd::Command;
use serde_json::Value;

const ONE: &str = "fixtures/cli/one-mismatch.txt";

fn tieout() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tieout"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .arg("check")
        .arg("--no-config");
    c
}

fn stdout(c: &mut Command) -> (String, i32) {
    let out = c.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

const MESSAGE: &str = "stated change of 12% does not match the figures: \
                       ($5.5 million - $7.0 million) / $7.0 million = 21.4%";

#[test]
fn short_format_is_one_exact_line() {
    let (out, code) = stdout(tieout().args([ONE, "--format", "short"]));
    assert_eq!(
        out,
        format!(
            "fixtures/cli/one-mismatch.txt:1:20: error[percent-change]: {MESSAGE}\n\
             checked 1 file: 2 claims (1 consistent, 1 mismatched, 0 unverifiable); \
             1 error, 0 warnings, 0 notes\n"
        )
    );
    assert_eq!(code, 1);
}

#[test]
fn quiet_drops_the_summary_and_statistics_follow_findings() {
    let (out, _) = stdout(tieout().args([ONE, "--format", "short", "--quiet", "--statistics"]));
    assert_eq!(
        out,
        format!(
            "fixtures/cli/one-mismatch.txt:1:20: error[percent-change]: {MESSAGE}\n    1  percent-change\n"
        )
    );
}

#[test]
fn github_format_is_an_escaped_workflow_command() {
    let (out, code) = stdout(tieout().args([ONE, "--format", "github", "--quiet"]));
    assert_eq!(
        out,
        "::error file=fixtures/cli/one-mismatch.txt,line=1,col=20,endLine=1,endColumn=22,\
         title=tieout percent-change::stated change of 12%25 does not match the figures: \
         ($5.5 million - $7.0 million) / $7.0 million = 21.4%25%0Ahelp: \
         ($5.5 million - $7.0 million) / $7.0 million = -21.4%25, stated -12%25; \
         the written precision of the figures allows -22.7%25..-20.1%25\n"
    );
    assert_eq!(code, 1);
}

#[test]
fn json_keeps_its_contract() {
    let (out, code) = stdout(tieout().args([ONE, "--format", "json"]));
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let file = &v["files"][0];
    assert_eq!(file["path"], "fixtures/cli/one-mismatch.txt");
    assert_eq!(file["claims"].as_array().unwrap().len(), 2);
    assert_eq!(file["claims"][0]["kind"], "change");
    assert_eq!(file["claims"][0]["status"], "mismatch");
    assert_eq!(
        file["claims"][0]["text"],
        "decreased 12% to $5.5 million from $7.0 million"
    );
    assert_eq!(file["claims"][1]["status"], "consistent");
    let f = &file["findings"][0];
    assert_eq!(f["rule"], "percent-change");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], MESSAGE);
    assert_eq!(
        f["span"],
        serde_json::json!({"offset": 19, "length": 3, "line": 1, "column": 20})
    );
    assert_eq!(file["findings"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 1, "claims": 2, "consistent": 1, "mismatched": 1,
            "unverifiable": 0, "errors": 1, "warnings": 0, "notes": 0, "suppressed": 0})
    );
    assert!(v.get("statistics").is_none());
    let (out, _) = stdout(tieout().args([ONE, "--format", "json", "--statistics"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["statistics"], serde_json::json!({"percent-change": 1}));
}

fn sarif(args: &[&str]) -> Value {
    let (out, _) = stdout(tieout().args(args).args(["--format", "sarif"]));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn sarif_result_points_at_the_percent() {
    let v = sarif(&[ONE]);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "tieout");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let r = &results[0];
    assert_eq!(r["ruleId"], "percent-change");
    assert_eq!(r["level"], "error");
    assert!(r["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{MESSAGE}\nhelp: ")));
    let loc = &r["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "fixtures/cli/one-mismatch.txt"
    );
    assert_eq!(
        loc["region"],
        serde_json::json!({"startLine": 1, "startColumn": 20, "endLine": 1, "endColumn": 23,
            "byteOffset": 19, "byteLength": 3, "snippet": {"text": "12%"}})
    );
    // ruleIndex points into tool.driver.rules
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let i = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[i]["id"], "percent-change");
    assert_eq!(
        rules[i]["shortDescription"]["text"],
        "A stated percent change must match the values it compares"
    );
    assert_eq!(rules[i]["defaultConfiguration"]["level"], "error");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    for id in ["percent-change", "unverifiable", "bad-suppression"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    for r in rules {
        assert!(!r["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["help"]["text"].as_str().unwrap().is_empty());
    }
}

fn sarif_validator() -> jsonschema::Validator {
    // The schema as published, except one pattern (`run.language`, `toolComponent.language`)
    // with a stray `]` that JavaScript regexes read as a literal and Rust's reject: escaped here,
    // which means the same.
    let text = include_str!("data/sarif-schema-2.1.0.json").replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    );
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn assert_valid(validator: &jsonschema::Validator, v: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF schema violations: {errors:#?}");
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema() {
    let validator = sarif_validator();
    assert_valid(&validator, &sarif(&[ONE]));
    assert_valid(
        &validator,
        &sarif(&[
            "fixtures/cli",
            "--show-notes",
            "--statistics",
            "--no-ignore-comments",
        ]),
    );
    assert_valid(&validator, &sarif(&["fixtures/cli/good.txt"]));
    // the schema check can fail: a result without a message is rejected
    let mut broken = sarif(&[ONE]);
    broken["runs"][0]["results"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert!(!validator.is_valid(&broken));
    let mut broken = sarif(&[ONE]);
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
    let mut broken = sarif(&[ONE]);
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn deny_levels_set_the_exit_code() {
    // fixture: its worst finding
    let cases = [
        (ONE, [1, 1, 1]),                             // error
        ("fixtures/cli/warning-only.txt", [0, 1, 1]), // warning (bad-suppression)
        ("fixtures/cli/tree/a.md", [0, 0, 1]),        // note (unverifiable)
        ("fixtures/cli/good.txt", [0, 0, 0]),         // nothing
    ];
    for (path, codes) in cases {
        for (level, want) in ["error", "warning", "note"].into_iter().zip(codes) {
            let (_, code) = stdout(tieout().args([path, "--deny", level, "--format", "short"]));
            assert_eq!(code, want, "{path} --deny {level}");
        }
        let (_, code) = stdout(tieout().args([path, "--format", "short"]));
        assert_eq!(code, codes[0], "{path} without --deny");
    }
}

#[test]
fn notes_are_listed_when_asked_or_when_they_fail_the_run() {
    let a = "fixtures/cli/tree/a.md";
    let (out, _) = stdout(tieout().args([a, "--format", "short", "-q"]));
    assert_eq!(out, "");
    let note = "fixtures/cli/tree/a.md:5:19: note[unverifiable]: cannot be checked: \
                the base of the 15% change is not stated\n";
    let (out, _) = stdout(tieout().args([a, "--format", "short", "-q", "--show-notes"]));
    assert_eq!(out, note);
    let (out, _) = stdout(tieout().args([a, "--format", "short", "-q", "--deny", "note"]));
    assert_eq!(out, note);
    let (out, _) = stdout(tieout().args([a, "--format", "github", "-q", "--show-notes"]));
    assert!(out.starts_with("::notice file=fixtures/cli/tree/a.md,line=5,col=19,"));
}

#[test]
fn directories_are_walked_in_a_stable_order_whatever_the_threads() {
    let run = |threads: &str, format: &str| {
        stdout(tieout().args([
            "fixtures/cli/tree",
            ONE,
            "fixtures/cli/tree/z.txt", // a repeat: checked once
            "--format",
            format,
            "--show-notes",
            "--threads",
            threads,
        ]))
    };
    let (short1, code) = run("1", "short");
    assert_eq!(code, 1);
    assert_eq!(
        short1,
        format!(
            "fixtures/cli/tree/a.md:5:19: note[unverifiable]: cannot be checked: the base of the 15% change is not stated\n\
             fixtures/cli/tree/b/c.html:2:33: error[percent-change]: stated change of 20% does not match the figures: ($8.0 million - $9.0 million) / $9.0 million = 11.1%\n\
             fixtures/cli/tree/z.txt:2:12: error[percent-change]: stated change of 30% does not match the figures: ($7.0 million - $9.0 million) / $9.0 million = 22.2%\n\
             fixtures/cli/one-mismatch.txt:1:20: error[percent-change]: {MESSAGE}\n\
             checked 5 files: 8 claims (4 consistent, 3 mismatched, 1 unverifiable); 3 errors, 0 warnings, 1 note\n"
        )
    );
    for format in ["short", "json", "sarif", "github", "human"] {
        let (one, _) = run("1", format);
        for _ in 0..3 {
            let (four, _) = run("4", format);
            assert_eq!(one, four, "--format {format}: --threads 1 and 4 differ");
        }
    }
    let (json, _) = run("4", "json");
    let v: Value = serde_json::from_str(&json).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    // skip.csv is not a checked extension
    assert_eq!(
        paths,
        [
            "fixtures/cli/tree/a.md",
            "fixtures/cli/tree/b/c.html",
            "fixtures/cli/tree/b/d.txt",
            "fixtures/cli/tree/z.txt",
            "fixtures/cli/one-mismatch.txt"
        ]
    );
}

#[test]
fn glob_changes_the_files_checked_and_gitignore_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let bad = "Net loss decreased 12% to $5.5 million from $7.0 million.\n";
    std::fs::write(d.join("release.txt"), bad).unwrap();
    std::fs::write(d.join("release.rel"), bad).unwrap();
    std::fs::create_dir(d.join("drafts")).unwrap();
    std::fs::write(d.join("drafts/old.txt"), bad).unwrap();
    std::fs::write(d.join(".gitignore"), "drafts/\n").unwrap();
    let files = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tieout"))
            .current_dir(d)
            .args(["check", "--no-config", ".", "--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&[]), ["./release.txt"]);
    assert_eq!(files(&["--glob", "*.rel"]), ["./release.rel"]);
    assert_eq!(
        files(&[
            "--glob",
            "*.rel",
            "--glob",
            "*.txt",
            "--glob",
            "!release.txt"
        ]),
        ["./release.rel"]
    );
    // a file named on the command line is checked whatever its extension
    let (out, code) = stdout(
        Command::new(env!("CARGO_BIN_EXE_tieout"))
            .current_dir(d)
            .args(["check", "--no-config", "release.rel", "drafts/old.txt"])
            .args(["--format", "short", "-q"]),
    );
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn input_errors_exit_2_naming_the_file() {
    let out = tieout()
        .args(["fixtures/cli/no-such-release.txt", ONE, "--format", "short"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: fixtures/cli/no-such-release.txt: cannot read: no such file\n"
    );
    // the files that could be read are still reported
    assert!(String::from_utf8_lossy(&out.stdout).contains("one-mismatch.txt:1:20"));

    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("blob.txt");
    std::fs::write(&bin, [0u8, 1, 2, 3, 0, 0, 255, 254, 0, 7]).unwrap();
    let out = tieout().arg(&bin).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("error: {}: ", bin.display())),
        "{err}"
    );

    let out = tieout()
        .args([ONE, "--select", "percent-chnage"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: no rule named `percent-chnage`; did you mean `percent-change`? (see `tieout rules`)\n"
    );

    let out = tieout().args([ONE, "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn human_colour_follows_color_and_no_color() {
    let esc = |args: &[&str], no_color: bool| {
        let mut c = tieout();
        c.args([ONE]).args(args);
        if no_color {
            c.env("NO_COLOR", "1");
        }
        let (out, _) = stdout(&mut c);
        assert!(out.contains("percent-change"), "{out}");
        out.contains('\x1b')
    };
    // stdout is a pipe here: auto means no colour
    assert!(!esc(&[], false));
    assert!(!esc(&["--color", "never"], false));
    assert!(esc(&["--color", "always"], false));
    assert!(!esc(&["--color", "auto"], true));
    let (out, _) = stdout(tieout().args([ONE, "--statistics"]));
    assert!(out.ends_with(
        "    1  percent-change\nchecked 1 file: 2 claims (1 consistent, 1 mismatched, 0 unverifiable); 1 error, 0 warnings, 0 notes\n"
    ));
    assert!(
        out.contains("╭─[fixtures/cli/one-mismatch.txt:1:20]"),
        "{out}"
    );
}

fn cmd(args: &[&str]) -> (String, i32) {
    stdout(Command::new(env!("CARGO_BIN_EXE_tieout")).args(args))
}

#[test]
fn rules_explain_completions_and_man() {
    let (text, code) = cmd(&["rules"]);
    assert_eq!(code, 0);
    assert!(text.contains(
        "percent-change           error    A stated percent change must match the values it compares\n"
    ));
    assert!(text.contains("bad-suppression          warning  "));
    let (json, _) = cmd(&["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    let rules = v.as_array().unwrap();
    assert_eq!(rules.len(), text.lines().count());
    let pc = rules.iter().find(|r| r["id"] == "percent-change").unwrap();
    assert_eq!(pc["default_severity"], "error");
    assert!(pc["docs"].as_str().unwrap().len() > 50);

    let (ex, code) = cmd(&["explain", "bad-suppression"]);
    assert_eq!(code, 0);
    assert!(ex.starts_with(
        "bad-suppression (warning)\n\nA tieout-ignore comment must name existing rules\n"
    ));
    let (_, code) = cmd(&["explain", "nope"]);
    assert_eq!(code, 2);

    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let (s, code) = cmd(&["completions", shell]);
        assert_eq!(code, 0);
        assert!(
            s.contains("tieout") && s.contains("no-ignore-comments"),
            "{shell}"
        );
    }
    let (man, code) = cmd(&["man"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie \\n(.g .ds Aq \\(aq") || man.contains(".TH tieout"),
        "{man}"
    );
    assert!(man.contains(".TH tieout 1"));
    let (man, _) = cmd(&["man", "check"]);
    assert!(man.contains(".TH tieout-check 1"));
    assert!(man.contains("statistics"));
}

/// A gate that checks nothing must not pass: a directory (or --glob) that selects no file is an
/// error naming it, exit 2, whatever else the run checks.
#[test]
fn a_run_that_checks_nothing_fails() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.rs"), "// 12% of $5M\n").unwrap();
    let d = dir.path().display();
    let out = tieout().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {d}: no file to check: none matches *.txt, *.md, *.markdown, *.htm, *.html, *.docx \
             (--glob selects others)\n"
        )
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "checked 0 files: 0 claims (0 consistent, 0 mismatched, 0 unverifiable); 0 errors, \
         0 warnings, 0 notes\n"
    );
    let out = tieout()
        .arg(dir.path())
        .args(["--glob", "*.rel", ONE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("error: {d}: no file to check: none matches --glob *.rel\n")
    );
}

/// Inputs that could not be checked are part of the machine-readable reports: a JSON `errors`
/// list, SARIF `toolExecutionNotifications` (and `executionSuccessful: false`).
#[test]
fn unreadable_inputs_are_recorded_in_json_and_sarif() {
    let missing = "fixtures/cli/no-such-release.txt";
    let (out, code) = stdout(tieout().args([missing, ONE, "--format", "json"]));
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["errors"],
        serde_json::json!([{"path": missing, "message": "cannot read: no such file"}])
    );
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    let (out, _) = stdout(tieout().args([ONE, "--format", "json"]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], serde_json::json!([]));

    let (out, code) = stdout(tieout().args([missing, ONE, "--format", "sarif"]));
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_valid(&sarif_validator(), &v);
    let inv = &v["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let n = &inv["toolExecutionNotifications"][0];
    assert_eq!(n["level"], "error");
    assert_eq!(
        n["message"]["text"],
        format!("{missing}: cannot read: no such file")
    );
    assert_eq!(
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        missing
    );
    assert_eq!(v["runs"][0]["results"].as_array().unwrap().len(), 1);
}
