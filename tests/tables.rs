//! Table rules over the statement-of-operations fixtures (HTML and Markdown): the fixtures tie
//! out; copies with one cell changed give exactly one finding, at the changed cell.

use tieout::check::Checker;
use tieout::report::FileReport;
use tieout::source::load_bytes;

const FIXTURES: [&str; 2] = [
    "fixtures/tables/statement.html",
    "fixtures/tables/statement.md",
];

fn check(path: &str, text: &str) -> FileReport {
    let doc = load_bytes(path, text.as_bytes().to_vec(), None).unwrap();
    Checker::default_checker().check(&doc)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Findings above notes: (rule, severity, text of the span in the original bytes).
fn findings(path: &str, text: &str) -> Vec<(String, String, String)> {
    let r = check(path, text);
    r.findings
        .iter()
        .filter(|f| f.severity != tieout::rules::Severity::Note)
        .map(|f| {
            let s = &text.as_bytes()[f.span.offset..f.span.offset + f.span.length];
            (
                f.rule.clone(),
                f.severity.as_str().to_string(),
                String::from_utf8_lossy(s).into_owned(),
            )
        })
        .collect()
}

/// Replace the `nth` (0-based) occurrence of `from`, which must exist.
fn replace_nth(text: &str, from: &str, to: &str, nth: usize) -> String {
    let (at, _) = text
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{from}` #{nth} not in fixture"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

fn one(rule: &str, cell: &str) -> Vec<(String, String, String)> {
    vec![(rule.to_string(), "error".to_string(), cell.to_string())]
}

#[test]
fn fixtures_tie_out() {
    for p in FIXTURES {
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
