//! Load files with the source loaders and report throughput (or dump the text with `--dump`).
//!
//! `cargo run --release --example loadbench -- FILE...`
use std::time::Instant;

fn main() {
    let mut dump = false;
    let mut total = 0usize;
    let mut elapsed = 0f64;
    for arg in std::env::args().skip(1) {
        if arg == "--dump" {
            dump = true;
            continue;
        }
        let bytes = std::fs::read(&arg).expect("read");
        total += bytes.len();
        let t = Instant::now();
        let doc = tieout::source::load_bytes(&arg, bytes, None).expect("load");
        elapsed += t.elapsed().as_secs_f64();
        if dump {
            println!("{}", doc.text);
            for t in &doc.tables {
                println!("TABLE {:?} rows={}", t.range, t.rows.len());
            }
        } else {
            let tagged = doc
                .xbrl
                .as_ref()
                .map(|x| {
                    format!(
                        ", {} tagged facts of {} (nil {}, skipped {}), fiscal year end {:?}",
                        x.facts.len(),
                        x.seen,
                        x.nil,
                        x.notes.len(),
                        doc.declared_fye
                    )
                })
                .unwrap_or_default();
            eprintln!(
                "{arg}: {} bytes -> {} text bytes, {} tables{tagged}",
                doc.original.len(),
                doc.text.len(),
                doc.tables.len()
            );
        }
    }
    eprintln!(
        "{total} bytes in {elapsed:.3}s = {:.1} MB/s",
        total as f64 / 1e6 / elapsed
    );
}
