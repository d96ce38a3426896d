//! `tieout.toml` and suppression comments, end to end.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const BAD: &str = "Net loss decreased 12% to $5.5 million from $7.0 million.\n";

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tieout"))
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap(),
    }
}

fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tieout.toml"), config).unwrap();
    std::fs::write(dir.path().join("release.txt"), BAD).unwrap();
    dir
}

const PC_ERROR: &str = "release.txt:1:20: error[percent-change]: stated change of 12% does not \
                        match the figures: ($5.5 million - $7.0 million) / $7.0 million = -21.4%\n";

#[test]
fn config_is_found_by_walking_up_and_flags_override_it() {
    let dir = project("[severity]\npercent-change = \"warning\"\n");
    let sub = dir.path().join("q3");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("release.txt"), BAD).unwrap();
    let r = run(&sub, &["release.txt", "--format", "short", "-q"]);
    assert_eq!(r.stdout, PC_ERROR.replace("error[", "warning["));
    assert_eq!(
        r.code, 0,
        "a warning does not fail the default --deny error"
    );
    // --deny on the command line, --no-config, --config
    assert_eq!(run(&sub, &["release.txt", "--deny", "warning"]).code, 1);
    let r = run(
        &sub,
        &["release.txt", "--format", "short", "-q", "--no-config"],
    );
    assert_eq!((r.stdout.as_str(), r.code), (PC_ERROR, 1));
    std::fs::write(sub.join("strict.toml"), "deny = \"warning\"\n").unwrap();
    let r = run(&sub, &["release.txt", "--config", "strict.toml", "-q"]);
    assert_eq!(r.code, 1, "strict.toml replaces the tieout.toml above");
    let r = run(&sub, &["release.txt", "--config", "nope.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: nope.toml: configuration file not found\n");
}

#[test]
fn deny_select_ignore_off_and_show_notes_from_config() {
    let dir = project("deny = \"warning\"\n[severity]\npercent-change = \"warning\"\n");
    assert_eq!(run(dir.path(), &["release.txt"]).code, 1);
    assert_eq!(
        run(dir.path(), &["release.txt", "--deny", "error"]).code,
        0,
        "--deny overrides deny"
    );

    let dir = project("[severity]\npercent-change = \"off\"\n");
    let r = run(dir.path(), &["release.txt", "--format", "short", "-q"]);
    assert_eq!((r.stdout.as_str(), r.code), ("", 0));
    let r = run(
        dir.path(),
        &[
            "release.txt",
            "--format",
            "short",
            "-q",
            "--select",
            "percent-change",
        ],
    );
    assert_eq!(
        (r.stdout.as_str(), r.code),
        (PC_ERROR, 1),
        "--select turns it back on"
    );

    let dir = project("ignore = [\"percent-change\"]\n");
    assert_eq!(run(dir.path(), &["release.txt"]).code, 0);
    assert_eq!(
        run(dir.path(), &["release.txt", "--ignore", "unverifiable"]).code,
        1,
        "--ignore replaces ignore"
    );
    let dir = project("select = [\"change-direction\"]\n");
    assert_eq!(run(dir.path(), &["release.txt"]).code, 0);

    let dir = project("show_notes = true\n");
    std::fs::write(dir.path().join("release.txt"), "Gross margin rose 15%.\n").unwrap();
    let r = run(dir.path(), &["release.txt", "--format", "short", "-q"]);
    assert_eq!(
        r.stdout,
        "release.txt:1:19: note[unverifiable]: cannot be checked: the base of the 15% change is not stated\n"
    );
}

#[test]
fn hedge_tolerance_and_extra_packs() {
    let text = "Revenue rose approximately 20% to $12.5 million from $10.0 million.\n";
    let dir = project("");
    std::fs::write(dir.path().join("release.txt"), text).unwrap();
    assert_eq!(run(dir.path(), &["release.txt"]).code, 1);
    std::fs::write(
        dir.path().join("tieout.toml"),
        "[hedges]\napproximate = \"0.2\"\n",
    )
    .unwrap();
    assert_eq!(run(dir.path(), &["release.txt"]).code, 0);

    // a pack adding a currency, named relative to the configuration file
    let dir = project("packs = [\"packs/xts.toml\"]\n");
    std::fs::create_dir_all(dir.path().join("packs")).unwrap();
    std::fs::write(
        dir.path().join("packs/xts.toml"),
        "[[currency]]\ncode = \"XTS\"\nprefixes = [\"XTS\"]\n",
    )
    .unwrap();
    let sub = dir.path().join("docs");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        sub.join("r.txt"),
        "Net loss decreased 12% to XTS 5.5 million from XTS 7.0 million.\n",
    )
    .unwrap();
    let r = run(&sub, &["r.txt", "--format", "short", "-q"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.starts_with("r.txt:1:20: error[percent-change]"));
    let r = run(&sub, &["r.txt", "--no-config", "--format", "short", "-q"]);
    assert_eq!(r.stdout, "", "without the pack XTS is no currency");
}

#[test]
fn unknown_key_names_file_line_and_key() {
    let dir = project("deny = \"warning\"\ncolour = \"red\"\n");
    let r = run(dir.path(), &["release.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "error: tieout.toml: line 2, column 1: key `colour`: unknown key `colour`, expected one of \
         `select`, `ignore`, `severity`, `hedges`, `packs`, `fiscal_year_end`, `deny`, `show_notes`\n"
    );
    // from a subdirectory the path names the file found above
    let sub = dir.path().join("q3");
    std::fs::create_dir(&sub).unwrap();
    let r = run(&sub, &["../release.txt"]);
    assert_eq!(r.code, 2);
    let shown = dir.path().join("tieout.toml");
    assert!(
        r.stderr.starts_with(&format!(
            "error: {}: line 2, column 1: key `colour`",
            shown.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_values_name_file_line_and_key() {
    let cases = [
        (
            "\n[severity]\npercent-change = \"fatal\"\n",
            "error: tieout.toml: line 3, column 18: key `severity.percent-change`: `fatal` is not a \
             severity; use \"error\", \"warning\", \"note\" or \"off\"\n",
        ),
        (
            "[severity]\npercent-chnage = \"warning\"\n",
            "error: tieout.toml: line 2, column 18: key `severity.percent-chnage`: no rule named \
             `percent-chnage` (see `tieout rules`)\n",
        ),
        (
            "deny = \"fatal\"\n",
            "error: tieout.toml: line 1, column 8: key `deny`: `fatal` is not a level; use \
             \"error\", \"warning\" or \"note\"\n",
        ),
        (
            "show_notes = \"yes\"\n",
            "error: tieout.toml: line 1, column 14: key `show_notes`: invalid type: string \"yes\", \
             expected a boolean\n",
        ),
        (
            "fiscal_year_end = \"12/31\"\n",
            "error: tieout.toml: line 1, column 19: key `fiscal_year_end`: `12/31` is not a date; \
             write the month and day as \"MM-DD\", e.g. \"06-30\"\n",
        ),
        (
            "[hedges]\napproximate = \"5%\"\n",
            "error: tieout.toml: line 2, column 15: key `hedges.approximate`: `\"5%\"` is not a \
             tolerance; write a fraction from 0 up to 1, e.g. \"0.05\"\n",
        ),
        (
            "select = [\"percent-change\", \"nope\"]\n",
            "error: tieout.toml: line 1, column 29: key `select`: no rule named `nope` (see `tieout \
             rules`)\n",
        ),
    ];
    for (config, want) in cases {
        let dir = project(config);
        let r = run(dir.path(), &["release.txt"]);
        assert_eq!((r.stderr.as_str(), r.code), (want, 2), "{config}");
    }
    // a pack that does not parse names the pack
    let dir = project("packs = [\"p.toml\"]\n");
    std::fs::write(
        dir.path().join("p.toml"),
        "[[currency]]\ncode = \"X\"\nprefix = [\"X\"]\n",
    )
    .unwrap();
    let r = run(dir.path(), &["release.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: p.toml: line 3, column 1: key `currency[0].prefix`: unknown key `prefix`, \
         expected `code` or `prefixes` (listed in `packs` of tieout.toml)\n"
    );
    // a pack that parses but says something impossible names the pack, the problem and the
    // configuration that lists it
    for (pack, problem) in [
        (
            "[rule.percent-chang]\nwords = [\"rose\"]\n",
            "[rule.percent-chang]: no rule named `percent-chang` (did you mean `percent-change`? \
             `tieout rules` lists every rule)",
        ),
        (
            "[[scale]]\nwords = [\"\"]\nfactor = \"1000\"\n",
            "[[scale]] words: an empty word matches everywhere; remove it",
        ),
    ] {
        let dir = project("packs = [\"p.toml\"]\n");
        std::fs::write(dir.path().join("p.toml"), pack).unwrap();
        let r = run(dir.path(), &["release.txt"]);
        assert_eq!(
            (r.stderr, r.code),
            (
                format!("error: p.toml: {problem} (listed in `packs` of tieout.toml)\n"),
                2
            )
        );
    }
    // a pack that cannot be read names the configuration that lists it
    let dir = project("packs = [\"nope.toml\"]\n");
    let r = run(dir.path(), &["release.txt"]);
    assert_eq!(
        r.stderr,
        "error: nope.toml: cannot read rule pack: no such file (listed in `packs` of \
         tieout.toml)\n"
    );
}

fn summary(out: &str) -> Value {
    let v: Value = serde_json::from_str(out).unwrap();
    v["summary"].clone()
}

#[test]
fn suppression_comments_count_and_can_be_disabled() {
    let root = env!("CARGO_MANIFEST_DIR");
    let f = "fixtures/cli/suppressed.txt";
    let r = run(Path::new(root), &[f, "--no-config", "--format", "json"]);
    assert_eq!(r.code, 0);
    let s = summary(&r.stdout);
    assert_eq!(
        (s["errors"].as_u64(), s["suppressed"].as_u64()),
        (Some(0), Some(1))
    );
    let r = run(Path::new(root), &[f, "--no-config", "--format", "short"]);
    assert_eq!(
        r.stdout,
        "checked 1 file: 2 claims (1 consistent, 1 mismatched, 0 unverifiable); 0 errors, 0 warnings, \
         0 notes, 1 suppressed\n"
    );

    let r = run(
        Path::new(root),
        &[f, "--no-config", "--no-ignore-comments", "--format", "json"],
    );
    assert_eq!(r.code, 1);
    let s = summary(&r.stdout);
    assert_eq!(
        (s["errors"].as_u64(), s["suppressed"].as_u64()),
        (Some(1), Some(0))
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        v["files"][0]["findings"][0]["span"],
        serde_json::json!({"offset": 70, "length": 3, "line": 2, "column": 20})
    );

    // HTML comment; only the next block
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.html"),
        format!("<!-- tieout-ignore percent-change: restated -->\n<p>{BAD}</p>\n<p>{BAD}</p>\n"),
    )
    .unwrap();
    let r = run(
        dir.path(),
        &["r.html", "--no-config", "--format", "short", "-q"],
    );
    assert_eq!(r.stdout, "r.html:4:23: error[percent-change]: stated change of 12% does not match the figures: ($5.5 million - $7.0 million) / $7.0 million = -21.4%\n");
}

#[test]
fn unknown_rule_in_suppression_is_a_bad_suppression_warning() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let f = "fixtures/cli/bad-suppression.html";
    let r = run(root, &[f, "--no-config", "--format", "short", "-q"]);
    assert_eq!(
        r.stdout,
        "fixtures/cli/bad-suppression.html:1:20: warning[bad-suppression]: unknown rule \
         `percent-chnage` in tieout-ignore comment\n\
         fixtures/cli/bad-suppression.html:2:23: error[percent-change]: stated change of 12% does \
         not match the figures: ($5.5 million - $7.0 million) / $7.0 million = -21.4%\n"
    );
    let r = run(root, &[f, "--no-config", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let b = &v["files"][0]["findings"][0];
    assert_eq!(b["rule"], "bad-suppression");
    assert_eq!(
        b["help"],
        "did you mean `percent-change`? (`tieout rules` lists every rule)"
    );
    assert_eq!(
        b["span"],
        serde_json::json!({"offset": 19, "length": 14, "line": 1, "column": 20})
    );
    // it can be ignored, or configured like any rule; --no-ignore-comments reads no comments
    let r = run(
        root,
        &[
            f,
            "--no-config",
            "--format",
            "short",
            "-q",
            "--ignore",
            "bad-suppression",
        ],
    );
    assert!(!r.stdout.contains("[bad-suppression]"), "{}", r.stdout);
    let r = run(
        root,
        &[
            f,
            "--no-config",
            "--format",
            "short",
            "-q",
            "--no-ignore-comments",
        ],
    );
    assert!(!r.stdout.contains("[bad-suppression]"), "{}", r.stdout);
    let r = run(
        root,
        &[
            "fixtures/cli/warning-only.txt",
            "--no-config",
            "--deny",
            "warning",
        ],
    );
    assert_eq!(r.code, 1);
}

/// Each file is checked with the `tieout.toml` nearest to it, not the one of the current
/// directory (as ruff, Vale and rustfmt do); JSON names it per file and `--statistics` counts
/// the files per configuration.
#[test]
fn each_file_takes_its_nearest_config() {
    // root: percent-change is a warning; strict/: the defaults plus deny = "warning";
    // plain/: percent-change off
    let dir = project("[severity]\npercent-change = \"warning\"\n");
    let d = dir.path();
    for (sub, config) in [
        ("strict", "deny = \"warning\"\n"),
        ("plain", "[severity]\npercent-change = \"off\"\n"),
    ] {
        std::fs::create_dir(d.join(sub)).unwrap();
        std::fs::write(d.join(sub).join("tieout.toml"), config).unwrap();
        std::fs::write(d.join(sub).join("release.txt"), BAD).unwrap();
    }
    let r = run(
        d,
        &[
            "release.txt",
            "strict/release.txt",
            "plain/release.txt",
            "--format",
            "short",
            "--statistics",
        ],
    );
    let warning = PC_ERROR.replace("error[", "warning[");
    assert_eq!(
        r.stdout,
        format!(
            "{warning}strict/{PC_ERROR}    2  percent-change\n\
             configuration: plain/tieout.toml (1 file)\n\
             configuration: strict/tieout.toml (1 file)\n\
             configuration: tieout.toml (1 file)\n\
             checked 3 files: 3 claims (1 consistent, 2 mismatched, 0 unverifiable); \
             1 error, 1 warning, 0 notes\n"
        )
    );
    // strict/ denies its error (and would deny a warning): exit 1
    assert_eq!(r.code, 1);
    // from inside plain/, the file above still takes the root configuration
    let r = run(
        &d.join("plain"),
        &["../release.txt", "release.txt", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let configs: Vec<&Value> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["config"])
        .collect();
    assert_eq!(
        configs,
        [&Value::from("../tieout.toml"), &Value::from("tieout.toml")]
    );
    assert_eq!(r.code, 0);
    // --no-config: no configuration, none named
    let r = run(
        d,
        &["strict/release.txt", "--format", "json", "--no-config"],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["files"][0].get("config").is_none());
}

/// A suppression before one Markdown list item silences that item, not the rest of the list
/// (in HTML it covers one `<li>`).
#[test]
fn a_suppression_covers_one_list_item() {
    let dir = tempfile::tempdir().unwrap();
    let item =
        |n: &str| format!("- Q{n} net loss decreased 12% to $5.5 million from $7.0 million\n");
    let md = format!(
        "<!-- tieout-ignore percent-change: restated -->\n{}{}",
        item("1"),
        item("2")
    );
    std::fs::write(dir.path().join("list.md"), md).unwrap();
    let r = run(
        dir.path(),
        &["list.md", "--no-config", "--format", "short", "-q"],
    );
    assert_eq!(
        r.stdout,
        "list.md:3:25: error[percent-change]: stated change of 12% does not match the figures: \
         ($5.5 million - $7.0 million) / $7.0 million = -21.4%\n"
    );
    let html = format!(
        "<ul><!-- tieout-ignore percent-change --><li>{}</li><li>{}</li></ul>",
        item("1").trim(),
        item("2").trim()
    );
    std::fs::write(dir.path().join("list.html"), html).unwrap();
    let r = run(
        dir.path(),
        &["list.html", "--no-config", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 1);
    assert_eq!(v["files"][0]["suppressed"], 1);
}
