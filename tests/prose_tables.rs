//! Prose figures tied to the table of the same release (`fixtures/prose/release-table.md`): the
//! shapes releases use ("X for the quarter ended September 30, 2024, was $Y", "decreased by
//! 6.3% to $Y", "Net income" against a row "Net income (loss)", "revenues" against "revenue"),
//! each figure changed by one digit caught at its bytes, and a base whose period is not stated
//! left alone.

use std::path::Path;

use tieout::check::Checker;
use tieout::source::load_bytes;

const FIXTURE: &str = "fixtures/prose/release-table.md";

/// The findings of `rule` on a fixture with one edit, as "line:column `snippet`".
fn found(fixture: &str, rule: &str, (from, to): (&str, &str)) -> Vec<String> {
    let t = std::fs::read_to_string(Path::new(fixture)).unwrap();
    assert!(t.contains(from), "no {from:?} in {fixture}");
    let doc = load_bytes(fixture, t.replacen(from, to, 1).into_bytes(), None).unwrap();
    Checker::default_checker()
        .check(&doc)
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            let (l, c) = doc.line_col(f.span.offset);
            format!("{l}:{c} `{}`", f.snippet)
        })
        .collect()
}

fn ties(from: &str, to: &str) -> Vec<String> {
    found(FIXTURE, "prose-table-tie", (from, to))
}

#[test]
fn the_release_ties_to_its_table() {
    assert_eq!(ties("", ""), Vec::<String>::new());
}

#[test]
fn a_changed_figure_is_caught_at_its_bytes() {
    let cases = [
        // the date's closing comma does not end the metric's clause; "revenues" is "revenue"
        (
            "were \\$3.5 million",
            "were \\$4.5 million",
            "3:62 `$4.5 million`",
        ),
        // "in the corresponding period in 2023" names the base's period
        (
            "\\$3.7 million in",
            "\\$6.7 million in",
            "3:89 `$6.7 million`",
        ),
        // "decreased by 6.3% to": the value after "to" is the metric's, the period before it
        (
            "to \\$10.3 million",
            "to \\$13.3 million",
            "5:87 `$13.3 million`",
        ),
        (
            "\\$11.0 million",
            "\\$14.0 million",
            "5:115 `$14.0 million`",
        ),
        // "Net income" is the row "Net income (loss)"
        (
            "was \\$0.2 million",
            "was \\$0.5 million",
            "7:59 `$0.5 million`",
        ),
        (
            "to \\$1.4 million",
            "to \\$4.4 million",
            "9:32 `$4.4 million`",
        ),
    ];
    for (from, to, want) in cases {
        assert_eq!(ties(from, to), vec![want.to_string()], "{from} -> {to}");
    }
}

#[test]
fn a_base_compared_without_its_period_is_not_tied() {
    // "compared with $1.5 million in the prior period": the period before it is the new
    // value's, so no column is read for the base
    assert_eq!(
        ties("\\$1.5 million in the prior", "\\$4.5 million in the prior"),
        Vec::<String>::new()
    );
}

fn margins(from: &str, to: &str) -> Vec<String> {
    found("fixtures/prose/margins.txt", "margin", (from, to))
}

#[test]
fn margins_are_profit_over_revenue() {
    assert_eq!(margins("", ""), Vec::<String>::new());
    let cases = [
        ("to 61%", "to 91%", "3:156 `91%`"),
        ("from 50.1%", "from 80.1%", "3:165 `80.1%`"),
        ("$20.4 million", "$50.4 million", "3:156 `61%`"),
        ("42% margin", "72% margin", "5:87 `72%`"),
    ];
    for (from, to, want) in cases {
        assert_eq!(margins(from, to), vec![want.to_string()], "{from} -> {to}");
    }
    // the third quarter's margin: no gross profit of the quarter is stated
    assert_eq!(margins("to 60.8%", "to 90.8%"), Vec::<String>::new());
}

#[test]
fn a_stated_change_is_no_level_of_a_margin() {
    // "Gross profit increased 3.1%, or $1.9 million" and "decreased 5.2%, or $12.4 million":
    // changes, not the profit and revenue of the quarter; the margin beside them is unbound
    let f = "fixtures/prose/margin-changes.txt";
    assert_eq!(found(f, "margin", ("", "")), Vec::<String>::new());
    assert_eq!(
        found(f, "margin", ("increased to 28.4%", "increased to 82.4%")),
        Vec::<String>::new()
    );
    // the levels stated together still tie out, and a changed margin is caught
    assert_eq!(
        found(f, "margin", ("margin was 28.4%", "margin was 24.8%")),
        vec!["5:53 `24.8%`".to_string()]
    );
}
