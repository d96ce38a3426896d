//! Table rules over the statement-of-operations fixtures (HTML and Markdown): the fixtures tie
//! out; copies with one cell changed give exactly one finding, at the changed cell. The fixtures
//! `columns.html` and `footing.html` hold tables that tie out only under a reading the table
//! allows (a column's one unit, headings placed by the grid, groupings other than a plain sum):
//! they must stay quiet, and still catch a changed cell.

mod common;

use common::findings::{check, findings, found, one, read, Found};

const FIXTURES: [&str; 2] = [
    "fixtures/tables/statement.html",
    "fixtures/tables/statement.md",
];

/// Replace the `nth` (0-based) occurrence of `from`, which must exist.
fn replace_nth(text: &str, from: &str, to: &str, nth: usize) -> String {
    let (at, _) = text
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{from}` #{nth} not in fixture"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// Tables that tie out under a reading the table allows, and prose that ties only by its whole
/// metric phrase.
const READINGS: [&str; 7] = [
    "fixtures/tables/columns.html",
    "fixtures/tables/footing.html",
    "fixtures/tables/prose.md",
    "fixtures/tables/markers.html",
    "fixtures/tables/changes.html",
    "fixtures/tables/per_share.html",
    "fixtures/tables/adjustments.html",
];

#[test]
fn fixtures_tie_out() {
    for p in FIXTURES.iter().chain(&READINGS) {
        assert_eq!(findings(p, &read(p)), vec![], "{p}");
    }
}

#[test]
fn a_total_that_does_not_foot() {
    for p in FIXTURES {
        let bad = replace_nth(&read(p), "5,553", "5,653", 0);
        assert_eq!(findings(p, &bad), one("table-footing", "5,653"), "{p}");
        let f = &check(p, &bad).findings[0];
        for row in [
            "Research and development",
            "Sales and marketing",
            "General and administrative",
        ] {
            assert!(f.help.as_ref().unwrap().contains(row), "{p}: {:?}", f.help);
        }
        assert_eq!(
            f.labels.len(),
            4,
            "{p}: the total and the three rows summed"
        );
    }
}

#[test]
fn a_profit_line_that_does_not_foot() {
    for p in FIXTURES {
        // gross profit = total net revenue - cost of revenue
        let (from, to) = if p.ends_with(".md") {
            ("| 120 |", "| 130 |")
        } else {
            (">120<", ">130<")
        };
        let bad = replace_nth(&read(p), from, to, 0);
        assert_eq!(findings(p, &bad), one("table-footing", "130"), "{p}");
        let f = &check(p, &bad).findings[0];
        assert!(f.message.contains("Gross profit"), "{}", f.message);
        assert!(f.help.as_ref().unwrap().contains("Total net revenue"));
        assert!(f.help.as_ref().unwrap().contains("Cost of revenue"));
    }
}

#[test]
fn a_change_cell_that_does_not_recompute() {
    for p in FIXTURES {
        let bad = replace_nth(&read(p), "(61.7)%", "(51.7)%", 0);
        assert_eq!(
            findings(p, &bad),
            one("table-change-column", "(51.7)%"),
            "{p}"
        );
    }
}

#[test]
fn a_prose_figure_that_does_not_match_its_cell() {
    for p in FIXTURES {
        let sign = if p.ends_with(".md") { "\\$" } else { "$" };
        let bad = replace_nth(&read(p), &format!("{sign}453K"), &format!("{sign}463K"), 0);
        assert_eq!(findings(p, &bad), one("prose-table-tie", "$463K"), "{p}");
        let f = &check(p, &bad).findings[0];
        let cell = &f.labels[1];
        let s = &bad.as_bytes()[cell.span.offset..cell.span.offset + cell.span.length];
        assert_eq!(
            String::from_utf8_lossy(s),
            "453",
            "{p}: the cell is labelled"
        );
        // the nine-month figure ties with rounding: $1.42M against 1,420 thousand
        let bad = replace_nth(&read(p), "1.42M", "1.52M", 0);
        assert!(bad.contains(&format!("{sign}1.52M")));
        assert_eq!(findings(p, &bad), one("prose-table-tie", "$1.52M"), "{p}");
    }
}

#[test]
fn honest_rounding_in_thousands_is_not_reported() {
    // true values 333.6 + 333.4 + 333.4 = 1,000.4: each cell rounds, the total is 1,000
    let t = "\
<p>(in thousands)</p>
<table>
<tr><td></td><td>2016</td><td>2015</td><td>2014</td></tr>
<tr><td>Americas</td><td>334</td><td>334</td><td>200</td></tr>
<tr><td>Europe</td><td>333</td><td>333</td><td>300</td></tr>
<tr><td>Asia</td><td>333</td><td>333</td><td>500</td></tr>
<tr><td>Total revenue</td><td>1,000</td><td>1,001</td><td>1,000</td></tr>
</table>";
    assert_eq!(findings("t.html", t), vec![]);
    let bad = t.replace("1,001", "1,003");
    assert_eq!(findings("t.html", &bad), one("table-footing", "1,003"));
}

#[test]
fn a_per_share_figure_that_is_not_loss_over_shares() {
    for p in FIXTURES {
        let text = read(p);
        // the third-quarter 2016 per-share cell: 5,480 / 45,000 = 0.12, written (0.19)
        let bad = replace_nth(&text, "(0.12)", "(0.19)", 0);
        let per_share: Vec<_> = findings(p, &bad)
            .into_iter()
            .filter(|f| f.0 == "table-per-share")
            .collect();
        assert_eq!(per_share, one("table-per-share", "(0.19)"), "{p}");
    }
}

/// The findings of a copy of `path` with the first `from` changed to `to`.
fn changed(path: &str, from: &str, to: &str) -> Vec<Found> {
    found(path, &replace_nth(&read(path), from, to, 0))
}

/// A one-cell change and the one finding it gives: (from, to, rule, span text, a part of the
/// message).
type Catch<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// Each change gives exactly its one error.
fn catches(path: &str, cases: &[Catch]) {
    for &(from, to, rule, cell, says) in cases {
        let found = changed(path, from, to);
        assert_eq!(found.len(), 1, "{from} -> {to}: {found:?}");
        let (r, sev, span, msg) = &found[0];
        assert_eq!(
            (r.as_str(), sev.as_str(), span.as_str()),
            (rule, "error", cell),
            "{from} -> {to}"
        );
        assert!(msg.contains(says), "{from} -> {to}: {msg}");
    }
}

#[test]
fn a_column_has_one_unit() {
    // "Yr.-to-Yr. Percent Change" prints % on its first and total rows only: its other cells are
    // percentages too, never footed, never recomputed as amounts
    let change = "table-change-column";
    catches(
        READINGS[0],
        &[
            (
                "(7.1",
                "(9.1",
                change,
                "(9.1</td><td>)",
                "650 / 700 - 1 = -7.1%",
            ),
            (
                "21.1",
                "23.1",
                change,
                "23.1</td><td>%",
                "2,300 / 1,900 - 1 = 21.1%",
            ),
        ],
    );
}

#[test]
fn headings_stand_over_the_columns_the_grid_gives_them() {
    // "Six Months Ended June 30," spans the three six-month columns, not the three-month ones;
    // "three and six months ... $2.0 million and $4.0 million, respectively" pairs in order
    let (tie, six, three) = (
        "prose-table-tie",
        "(Six Months Ended June 30, 2024)",
        "(Three Months Ended June 30, 2024)",
    );
    catches(
        READINGS[0],
        &[
            (
                "$4.0 million, compared",
                "$4.2 million, compared",
                tie,
                "$4.2 million",
                six,
            ),
            (
                "$3.6 million",
                "$3.9 million",
                tie,
                "$3.9 million",
                "(Six Months Ended June 30, 2023)",
            ),
            (
                "1,850",
                "1,950",
                "table-footing",
                "1,950",
                "`Gross profit` (Six Months Ended June 30, 2024)",
            ),
            (
                "$2.0 million and",
                "$2.2 million and",
                tie,
                "$2.2 million",
                three,
            ),
            (
                "and $4.0 million, resp",
                "and $4.4 million, resp",
                tie,
                "$4.4 million",
                six,
            ),
        ],
    );
}

#[test]
fn totals_foot_under_the_grouping_the_table_shows() {
    let foot = "table-footing";
    catches(
        READINGS[1],
        &[
            // revenues (two rows) less costs, by segment
            (
                "<td>800</td><td>200</td>",
                "<td>900</td><td>200</td>",
                foot,
                "900",
                "`Income from operations` (Products)",
            ),
            // a loss with no revenue: the expenses negated
            (
                "(15,381,203)",
                "(25,381,203)",
                foot,
                "(25,381,203)",
                "rows above come to (15,381,203)",
            ),
            // unmarked subtotals stand for their rows
            ("14.8", "24.8", foot, "24.8", "rows above add up to 14.8"),
            // subtotals nested under a total, rows with nothing in some columns
            ("110,264", "210,264", foot, "210,264", "`Total` (Cost)"),
            // totals labelled at the end ("Brand A Total"), counts
            ("(14)", "(24)", foot, "(24)", "`Total stores` (Closed)"),
            // a balance sheet with a rate in a name and a price in a description
            (
                "256,411",
                "356,411",
                foot,
                "356,411",
                "rows above add up to 256,411",
            ),
        ],
    );
}

#[test]
fn footnote_markers_are_not_part_of_a_value() {
    // "12,760<sup>1, 3</sup>" is 12,760 with two footnotes, not a cell that reads as no number
    let foot = "table-footing";
    catches(
        READINGS[3],
        &[
            (
                "57,425",
                "57,525",
                foot,
                "57,525",
                "rows above add up to 57,425",
            ),
            (
                "53,575",
                "53,675",
                foot,
                "53,675",
                "rows above add up to 53,575",
            ),
        ],
    );
}

#[test]
fn a_change_column_is_read_every_way_the_table_allows() {
    let change = "table-change-column";
    catches(
        READINGS[4],
        &[
            // a loss written positive may change as the result does, not by any size
            (
                "(113</td><td>)%",
                "(123</td><td>)%",
                change,
                "(123</td><td>)%",
                "8,612,220 / 4,035,030 - 1 = 113.4%",
            ),
            // a percentage in a row that names it changes by points, and only by them
            ("<td>0.7</td>", "<td>2.7</td>", change, "2.7", "42.0"),
            ("9.3%", "8.3%", change, "8.3%", "20,270 / 18,540 - 1 = 9.3%"),
        ],
    );
    // an expense is not a loss: its sign is checked (a sign alone is a warning)
    let found = changed(READINGS[4], "120</td><td>%", "(120</td><td>)%");
    let got: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.0.as_str(), f.1.as_str(), f.2.as_str()))
        .collect();
    assert_eq!(got, [(change, "warning", "(120</td><td>)%")]);
}

#[test]
fn a_change_column_of_sizes_takes_its_direction_from_the_amounts() {
    // "Change %" never negative beside a signed "Change $": 64,210 / 71,480 - 1 = -10.2% is
    // shown as 10; a size that does not recompute is still reported at its cell
    catches(
        READINGS[4],
        &[(
            "<td>10%</td>",
            "<td>13%</td>",
            "table-change-column",
            "13%",
            "64,210 / 71,480 - 1 = -10.2%",
        )],
    );
}

#[test]
fn a_change_may_compare_any_pair_of_reported_and_adjusted_columns() {
    // reported 2024 | FX | constant-currency 2024 | reported 2023 | reported % | constant %:
    // the reported % compares the reported columns, whichever pair the nearest columns give
    catches(
        READINGS[4],
        &[(
            "<td>4%</td>",
            "<td>7%</td>",
            "table-change-column",
            "7%",
            "/ 500.0 - 1",
        )],
    );
}

#[test]
fn per_share_parts_may_be_rounded_to_add_up() {
    // (0.08) for discontinued operations is 0.00 less 0.08, not (1,142,746) / 15,452,453; a
    // part that is neither its quotient nor the rest of the total is reported
    catches(
        READINGS[5],
        &[(
            "(0.08</td>",
            "(0.06</td>",
            "table-per-share",
            "(0.06</td><td>)",
            "is not (1,142,746) / 15,452,453 = 0.074",
        )],
    );
    // "... per common share from continuing operations" under a "Discontinued operations:"
    // heading divides the continuing result
    catches(
        READINGS[5],
        &[(
            "(2.16</td>",
            "(2.26</td>",
            "table-per-share",
            "(2.26</td><td>)",
            "is not (44,686) / 20,711 = 2.158",
        )],
    );
}

#[test]
fn per_share_over_shares_in_any_scale_the_table_allows() {
    // no caption: (6,312) thousand / 129,775,019 shares = (0.049); a figure no scale gives is
    // reported. The "Effect of Merger" column bridges per-share figures and is not recomputed.
    catches(
        READINGS[5],
        &[(
            "<td>(0.05)</td>",
            "<td>(0.07)</td>",
            "table-per-share",
            "(0.07)",
            "is not (6,312) / 129,775,019",
        )],
    );
}

#[test]
fn a_column_of_adjustments_does_not_show_the_rows_complete() {
    // "As Previously Reported | Adjustment" over the lines a restatement changed: the adjustments
    // foot, the balances need rows not shown. Where a balance column foots, it confirms.
    catches(
        READINGS[6],
        &[(
            "23,470",
            "23,570",
            "table-footing",
            "23,570",
            "rows above add up to 23,470",
        )],
    );
}

#[test]
fn a_column_of_basis_points_is_an_average_not_a_sum() {
    // the fee in bps of the total is weighted by balance; the counts and balances still foot
    catches(
        READINGS[1],
        &[(
            "<td>215,730</td>",
            "<td>215,780</td>",
            "table-footing",
            "679,053",
            "rows above add up to 679,103",
        )],
    );
}

#[test]
fn a_reconciliation_may_show_only_its_adjusted_lines() {
    // GAAP and non-GAAP totals carry the whole statement; the table adds up across, so rows not
    // shown explain them. A total that breaks the identity across is reported.
    let p = READINGS[1];
    let found = changed(p, "9,000", "8,000");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().all(|f| f.0 == "table-footing"));
    assert_eq!(found[0].2, "8,000");
}

#[test]
fn prose_ties_by_its_whole_metric_phrase_and_every_reading() {
    let p = READINGS[2];
    let tie = "prose-table-tie";
    catches(
        p,
        &[
            // "compared with $X for the three months ended December 31, 2022": the period after
            (
                "\\$456.5 million",
                "\\$466.5 million",
                tie,
                "$466.5 million",
                "(Three Months Ended December 31, 2022)",
            ),
            // "$2.1 million and $1.9 million for ... 2023 and 2022, respectively": in order
            (
                "and \\$1.9 million",
                "and \\$1.6 million",
                tie,
                "$1.6 million",
                "(Three Months Ended December 31, 2022)",
            ),
            // "net income" is "Net income" or "Net income from continuing operations": wrong for both
            (
                "\\$94.4 million",
                "\\$99.4 million",
                tie,
                "$99.4 million",
                "`Net income`",
            ),
            // a revenue figure held by two tables (the segment table's Total column)
            (
                "\\$511.1 million",
                "\\$521.1 million",
                tie,
                "$521.1 million",
                "`Revenues`",
            ),
        ],
    );
    // a part of a metric, a segment, another metric, another fiscal year: never tied
    for (from, to) in [
        ("\\$0.5 million related", "\\$2.5 million related"),
        ("\\$300.0 million", "\\$310.0 million"),
        ("\\$1.2 million", "\\$31.2 million"),
        ("\\$0.8 million", "\\$200.8 million"),
        ("\\$95.0 million", "\\$85.0 million"),
        ("\\$1.50 billion", "\\$1.90 billion"),
    ] {
        assert_eq!(changed(p, from, to), vec![], "{from}");
    }
}
