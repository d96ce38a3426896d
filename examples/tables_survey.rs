//! Run the table rules over files and report what they saw: tables, totals footed, change
//! columns recomputed, prose figures tied, and every table finding.
//!
//! `cargo run --release --example tables_survey -- FILE...`
use tieout::check::Checker;
use tieout::rules::{prose_table_tie, table_change_column, table_footing};
use tieout::tables::Reading;

fn main() {
    let checker = Checker::default_checker();
    let (mut ntables, mut ngrids) = (0, 0);
    let mut foot = table_footing::Stats::default();
    let mut change = table_change_column::Stats::default();
    let mut ties = prose_table_tie::Stats::default();
    let mut by_sev = std::collections::BTreeMap::new();
    for arg in std::env::args().skip(1) {
        let bytes = std::fs::read(&arg).expect("read");
        let doc = tieout::source::load_bytes(&arg, bytes, None).expect("load");
        ntables += doc.tables.len();
        let reading = Reading::new(&doc, &checker.pack);
        let (grids, v) = (&reading.grids, &reading.vocab);
        ngrids += grids.len();
        for g in grids {
            table_footing::foot(&doc.text, g, v, &mut foot);
            table_change_column::check_grid(&doc.text, g, v, &mut change);
        }
        let figs = checker.figures(&doc);
        prose_table_tie::tie(&doc, &figs, grids, v, &mut ties);
        let report = checker.check(&doc);
        for f in &report.findings {
            if !matches!(
                f.rule.as_str(),
                "table-footing" | "table-change-column" | "prose-table-tie"
            ) {
                continue;
            }
            *by_sev
                .entry((f.rule.clone(), f.severity.as_str()))
                .or_insert(0) += 1;
            println!(
                "{arg}:{} {} {} `{}`: {}",
                f.span.offset,
                f.severity.as_str(),
                f.rule,
                f.snippet,
                f.message
            );
            if let Some(h) = &f.help {
                println!("    {h}");
            }
        }
    }
    println!(
        "tables {ntables} (with value columns {ngrids}); totals checked {} ({} cells); \
         change columns {} ({} cells); prose figures tied {} (mismatched {})",
        foot.totals, foot.cells, change.columns, change.cells, ties.tied, ties.mismatched
    );
    for ((rule, sev), n) in by_sev {
        println!("  {rule} {sev}: {n}");
    }
}
