//! Tables written as text (a statement flattened onto one line, one cell per line, columns
//! aligned with spaces): the fixtures tie out; a copy with one changed cell gives exactly one
//! finding, at that cell.

mod common;

use common::findings::{findings, one, read};
use tieout::source::load_bytes;

/// The fixture with `from` (which must occur once) replaced by `to`.
fn changed(path: &str, from: &str, to: &str) -> String {
    let text = read(path);
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {path}");
    text.replace(from, to)
}

const FLAT: &str = "fixtures/text-tables/flattened.md";
const CELLS: &str = "fixtures/text-tables/cells.md";
const ALIGNED: &str = "fixtures/text-tables/aligned.txt";

#[test]
fn fixtures_tie_out_and_are_read_as_tables() {
    for p in [FLAT, CELLS, ALIGNED] {
        assert_eq!(findings(p, &read(p)), vec![], "{p}");
        let doc = load_bytes(p, read(p).into_bytes(), None).unwrap();
        assert_eq!(doc.tables.len(), 1, "{p}");
    }
}

#[test]
fn flattened_statement_total_that_does_not_foot() {
    let bad = changed(
        FLAT,
        "Total operating expenses\u{a0} 2,690",
        "Total operating expenses\u{a0} 2,790",
    );
    assert_eq!(findings(FLAT, &bad), one("table-footing", "2,790"));
}

#[test]
fn flattened_statement_profit_line_that_does_not_foot() {
    let bad = changed(FLAT, "Gross profit\u{a0} 3,225", "Gross profit\u{a0} 3,252");
    assert_eq!(findings(FLAT, &bad), one("table-footing", "3,252"));
}

#[test]
fn one_cell_per_line_total_that_does_not_foot() {
    let bad = changed(CELLS, "\n\n15,990\n", "\n\n15,890\n");
    assert_eq!(findings(CELLS, &bad), one("table-footing", "15,890"));
}

#[test]
fn aligned_columns_total_and_change_cell() {
    let bad = changed(ALIGNED, "   2,522", "   2,532");
    assert_eq!(findings(ALIGNED, &bad), one("table-footing", "2,532"));
    let bad = changed(ALIGNED, "9.4%", "8.4%");
    assert_eq!(findings(ALIGNED, &bad), one("table-change-column", "8.4%"));
}
