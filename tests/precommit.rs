//! The real `pre-commit` tool, using this repository's `.pre-commit-hooks.yaml` at its HEAD
//! commit (`language: rust`, so pre-commit builds tieout with `cargo install`), fails a repository
//! holding a release with a wrong percentage and passes it once the release is fixed. The
//! configuration pins `rev` to the commit hash, as the documentation says to.
//!
//! Ignored by a plain `cargo test` (it needs `pre-commit` and takes minutes), so it shows as
//! `ignored` rather than as a pass that checked nothing; `.ci/run` installs pre-commit in a
//! throwaway virtualenv under `target/` and runs it with `cargo test --test precommit --
//! --ignored`. Run that way without `pre-commit` on PATH, or outside a git checkout, it fails
//! saying why. The first run builds tieout in release mode (a few minutes); pre-commit's
//! environments and cargo's build directory are kept under `target/tmp/` so later runs at the
//! same commit are quick.

use std::path::Path;
use std::process::{Command, Output};

const BAD: &str = "Net loss decreased 12% to $5.5 million from $7.0 million.\n";
const GOOD: &str = "Net loss decreased 21% to $5.5 million from $7.0 million.\n";

fn git(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
#[ignore = "needs pre-commit and minutes; .ci/run runs it (cargo test --test precommit -- --ignored)"]
fn pre_commit_hook_fails_a_bad_release_and_passes_a_good_one() {
    assert!(
        Command::new("pre-commit").arg("--version").output().is_ok(),
        "`pre-commit` is not on PATH (.ci/run installs it in target/ci-venv)"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = match Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "HEAD"])
        .output()
    {
        Ok(o) if o.status.success() => String::from_utf8(o.stdout).unwrap().trim().to_string(),
        _ => panic!("this checkout is not a git repository: the hook is installed from a commit"),
    };
    let tracked = Command::new("git")
        .current_dir(root)
        .args(["cat-file", "-e", &format!("{head}:.pre-commit-hooks.yaml")])
        .status()
        .unwrap();
    assert!(
        tracked.success(),
        ".pre-commit-hooks.yaml must be committed at HEAD"
    );

    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    std::fs::write(
        dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {head}\n    hooks:\n      - id: tieout\n",
            root.display()
        ),
    )
    .unwrap();
    std::fs::write(dir.join("release.md"), BAD).unwrap();
    // not a Markdown, HTML or plain-text file: the hook is not given it
    std::fs::write(dir.join("notes.py"), format!("# {BAD}")).unwrap();
    git(dir, &["add", "-A"]);

    let run = || {
        Command::new("pre-commit")
            .current_dir(dir)
            .args(["run", "--all-files", "--color", "never"])
            .env("PRE_COMMIT_HOME", scratch.join("pre-commit-home"))
            .env("CARGO_TARGET_DIR", scratch.join("pre-commit-cargo"))
            .output()
            .expect("pre-commit runs")
    };
    let out = run();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("tieout"), "{text}");
    assert!(text.contains("Failed"), "{text}");
    assert!(
        text.contains(
            "release.md:1:20: error[percent-change]: stated change of 12% does not match the figures"
        ),
        "{text}"
    );
    assert!(!text.contains("notes.py"), "{text}");
    assert!(
        text.contains("checked 1 file: 1 claim (0 consistent, 1 mismatched, 0 unverifiable)"),
        "{text}"
    );

    std::fs::write(dir.join("release.md"), GOOD).unwrap();
    git(dir, &["add", "-A"]);
    let out = run();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Passed"), "{text}");
}
