//! The core acceptance run over the real releases tieout was created from (`../shared/seeds`):
//! they must tie out, copies with one figure changed must be caught where the change is, and
//! honest rewordings must stay clean.
//!
//! `cargo run --release --example seeds -- [DIR]` (default `../shared/seeds`). Exits 1 on any
//! failure, 0 with a message when the directory is absent.

use std::path::PathBuf;

use tieout::check::Checker;
use tieout::report::{FileReport, Status};
use tieout::rules::Severity;
use tieout::source;

/// (from, to, must be flagged as): `None` for honest rewordings that must stay clean.
const CHANGES: &[(&str, &str, Option<Severity>)] = &[
    ("roughly 21%", "roughly 12%", Some(Severity::Warning)),
    (
        "a decrease of $2.73M",
        "a decrease of $2.37M",
        Some(Severity::Error),
    ),
    ("premium of 700%", "premium of 800%", Some(Severity::Error)),
    (
        "additional 250,000,000 shares",
        "additional 25,000,000 shares",
        Some(Severity::Error),
    ),
    ("down from a $7M", "up from a $7M", Some(Severity::Error)),
    (
        "approximately $5.5M",
        "approximately $6.5M",
        Some(Severity::Error),
    ),
    ("roughly 21%", "roughly 21.4%", None),
    ("a $7M loss", "a $7.0M loss", None),
    ("a decrease of $2.73M", "a decrease of $2.72M", None),
    (
        "additional 250,000,000 shares",
        "additional 250 million shares",
        None,
    ),
];

fn check(checker: &Checker, name: &str, text: &str) -> FileReport {
    let doc = source::load_bytes(name, text.as_bytes().to_vec(), None).expect("seed loads");
    checker.check(&doc)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds")));
    let Ok(rd) = std::fs::read_dir(&dir) else {
        println!("seeds: {} not found; nothing to check", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    files.sort();
    let checker = Checker::default_checker();
    let (mut pass, mut fail) = (0, 0);
    let mut ok = |cond: bool, what: String| {
        if cond {
            pass += 1;
            println!("PASS {what}");
        } else {
            fail += 1;
            println!("FAIL {what}");
        }
    };
    for path in &files {
        let name = path.display().to_string();
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        // seeds escape dollars as Markdown drafts do; match either spelling
        let esc = text.contains("\\$");
        let r = check(&checker, &name, &text);
        let bad: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect();
        ok(
            bad.is_empty(),
            format!("{name}: no error or warning ({} found)", bad.len()),
        );
        for c in &r.claims {
            let s = match c.status {
                Status::Consistent => "consistent",
                Status::Mismatch => "MISMATCH",
                Status::Unverifiable => "unverifiable",
            };
            println!(
                "     {s:<12} {:<22} {}",
                c.kind,
                c.text.chars().take(90).collect::<String>()
            );
        }
        for (from, to, want) in CHANGES {
            let (from, to) = if esc {
                (from.replace('$', "\\$"), to.replace('$', "\\$"))
            } else {
                (from.to_string(), to.to_string())
            };
            let Some(at) = text.find(&from) else { continue };
            let mutated = text.replacen(&from, &to, 1);
            let r = check(&checker, &name, &mutated);
            // the bytes that differ
            let pre = at
                + from
                    .bytes()
                    .zip(to.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
            let suf = from
                .bytes()
                .rev()
                .zip(to.bytes().rev())
                .take_while(|(a, b)| a == b)
                .count();
            let changed = pre..(at + to.len() - suf).max(pre);
            match want {
                Some(sev) => {
                    let hit = r.findings.iter().any(|f| {
                        f.severity == *sev
                            && f.span.offset <= changed.start
                            && changed.end <= f.span.offset + f.span.length
                    });
                    ok(
                        hit,
                        format!(
                            "{name}: {from} -> {to} flagged as {} at the change",
                            sev.as_str()
                        ),
                    );
                }
                None => {
                    let n = r
                        .findings
                        .iter()
                        .filter(|f| f.severity >= Severity::Warning)
                        .count();
                    ok(
                        n == 0,
                        format!("{name}: {from} -> {to} stays clean ({n} findings)"),
                    );
                }
            }
        }
    }
    println!("seeds: {pass} passed, {fail} failed");
    if fail > 0 {
        std::process::exit(1);
    }
}
