//! Inline XBRL on real filings: the tagged facts each filing lists, the cost of reading them, and
//! the recall of `tagged-fact-duplicate` / `prose-tagged-fact` when one displayed copy of a
//! fact has a digit changed.
//!
//! ```text
//! cargo run --release --example xbrl -- ../shared/corpus/filings/*.html
//! cargo run --release --example xbrl -- --mutate ../shared/corpus/filings/*.html
//! ```
//!
//! Facts: per filing, the numeric facts read, `xsi:nil` and skipped ones, the fiscal calendar the
//! dei facts declare, and the load time against the same bytes with `ix:` renamed (the loader
//! then does no inline XBRL work), best of 15 loads each.
//!
//! Mutation: for every fact displayed more than once (same concept, context and unit), the last
//! digit of its last displayed copy is changed (one file a mutant); the mutant is caught when an
//! error's span covers the changed byte. A change that a coarser copy still allows (391,038
//! beside 391.0 billion) cannot be caught and is counted apart as benign.

use std::collections::BTreeMap;
use std::time::Instant;

use tieout::check::Checker;
use tieout::rules::Severity;
use tieout::source::{self, ixbrl::TaggedFact};

fn main() {
    let mut mutate = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--mutate" {
            mutate = true;
        } else {
            files.push(a);
        }
    }
    let checker = Checker::default_checker();
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let doc = source::load_bytes(path, bytes.clone(), None).expect("load");
        let Some(x) = &doc.xbrl else {
            println!("{path}: no inline XBRL");
            continue;
        };
        if mutate {
            mutation(&checker, path, &bytes);
            continue;
        }
        let renamed = String::from_utf8_lossy(&bytes)
            .replace("<ix:", "<ix_")
            .replace("</ix:", "</ix_")
            .into_bytes();
        let (t, r) = (best_load(path, &bytes), best_load(path, &renamed));
        println!(
            "{path}: {} facts read of {} (nil {}, skipped {}); {:?}; load {:.1} ms, {:.1} ms with ix: renamed",
            x.facts.len(),
            x.seen,
            x.nil,
            x.notes.len(),
            checker.calendar(&doc),
            t * 1e3,
            r * 1e3
        );
    }
}

fn best_load(path: &str, bytes: &[u8]) -> f64 {
    (0..15)
        .map(|_| {
            let t = Instant::now();
            let d = source::load_bytes(path, bytes.to_vec(), None).expect("load");
            std::hint::black_box(&d);
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

fn mutation(checker: &Checker, path: &str, bytes: &[u8]) {
    let doc = source::load_bytes(path, bytes.to_vec(), None).expect("load");
    let x = doc.xbrl.as_ref().expect("xbrl");
    let mut groups: BTreeMap<_, Vec<&TaggedFact>> = BTreeMap::new();
    for f in x.facts.iter().filter(|f| f.text.is_some()) {
        groups.entry(x.key(f)).or_default().push(f);
    }
    let (mut caught, mut benign, mut missed) = (0, 0, Vec::new());
    for g in groups.values().filter(|g| g.len() > 1) {
        let f = g[g.len() - 1];
        // a number tagged twice at the same bytes (nested tags) has one displayed copy
        if g.iter().all(|o| o.span == f.span) {
            continue;
        }
        // the last digit of the displayed text (not of an entity such as &#8212;)
        let Some(p) = (f.span.offset..f.span.end())
            .rev()
            .find(|&p| bytes[p].is_ascii_digit() && !f.shown.is_empty() && f.shown != "—")
        else {
            continue;
        };
        let mut b = bytes.to_vec();
        let old = b[p];
        b[p] = if old == b'9' { b'8' } else { old + 1 };
        let mutant = source::load_bytes(path, b, None).expect("load");
        let report = checker.check(&mutant);
        let changed = mutant
            .xbrl
            .as_ref()
            .and_then(|m| m.facts.iter().find(|m| m.span == f.span));
        let hit = report.findings.iter().any(|e| {
            e.severity == Severity::Error && e.span.offset <= p && p < e.span.offset + e.span.length
        });
        if hit {
            caught += 1;
        } else if still_agrees(changed, f, g) {
            benign += 1;
        } else {
            missed.push(format!("{} {:?}", f.concept, f.shown));
        }
    }
    let total = caught + missed.len();
    println!(
        "{path}: {total} mutants of duplicated facts, {caught} caught ({:.1}%), {} missed, {benign} benign",
        100.0 * caught as f64 / total.max(1) as f64,
        missed.len()
    );
    for m in missed.iter().take(5) {
        println!("    missed {m}");
    }
}

/// Does the changed copy still agree with another copy (a coarser one allows the change)?
fn still_agrees(changed: Option<&TaggedFact>, f: &TaggedFact, g: &[&TaggedFact]) -> bool {
    changed.is_some_and(|c| {
        g.iter()
            .filter(|o| !std::ptr::eq(**o, f))
            .any(|o| tieout::rules::tagged_fact_duplicate::agree(c, o))
    })
}
