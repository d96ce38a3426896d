//! Prose claims on `fixtures/prose/`: texts that tie out under the reading the document allows
//! (each line was reported as an error before the readings stage), and one-figure changes to
//! them that no reading explains, reported at the changed figure.

use std::path::Path;

use tieout::check::Checker;
use tieout::source::Document;

fn text(name: &str) -> String {
    std::fs::read_to_string(Path::new("fixtures/prose").join(name)).unwrap()
}

/// Errors and warnings as "severity rule `snippet`".
fn findings(t: &str) -> Vec<String> {
    Checker::default_checker()
        .check(&Document::plain("t.txt", t))
        .findings
        .iter()
        .filter(|f| f.severity.as_str() != "note")
        .map(|f| format!("{} {} `{}`", f.severity.as_str(), f.rule, f.snippet))
        .collect()
}

/// How many claims of a kind are consistent.
fn consistent(t: &str, kind: &str) -> usize {
    Checker::default_checker()
        .check(&Document::plain("t.txt", t))
        .claims
        .iter()
        .filter(|c| c.kind == kind && format!("{:?}", c.status) == "Consistent")
        .count()
}

/// Each edit must be found as exactly the listed findings (separated by NUL).
fn each_edit_is_found(name: &str, edits: &[(&str, &str, &str)]) {
    let t = text(name);
    for (from, to, want) in edits {
        assert!(t.contains(from), "{name}: no {from:?}");
        let m = t.replacen(from, to, 1);
        let want: Vec<String> = want.split('\u{0}').map(String::from).collect();
        assert_eq!(findings(&m), want, "{name}: {from} -> {to}");
    }
}

#[test]
fn share_issues_tie_out_under_their_readings() {
    let t = text("share-issues.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    // par values, a market value, an exercise price and an instrument's face are no claims
    assert_eq!(consistent(&t, "amount-price-quantity"), 16);
}

#[test]
fn a_share_count_no_reading_explains_is_an_error() {
    each_edit_is_found(
        "share-issues.txt",
        &[
            // net proceeds above shares x price
            (
                "$20.5 million",
                "$23.5 million",
                "error amount-price-quantity `4,550,000 shares`",
            ),
            // beyond the rounding of the price ($0.15 may be $0.145 to $0.155) and of whole shares
            (
                "333,333 shares",
                "353,333 shares",
                "error amount-price-quantity `353,333 shares`",
            ),
            (
                "46,738,460",
                "46,378,460",
                "error amount-price-quantity `46,378,460 shares`",
            ),
            (
                "$5.3 million",
                "$6.3 million",
                "error amount-price-quantity `747,974`",
            ),
            // respectively: the second of each list
            (
                "$2.7 million",
                "$3.7 million",
                "error amount-price-quantity `415,066 shares`",
            ),
            // an amount paid for two lots
            (
                "$470,000",
                "$440,000",
                "error amount-price-quantity `$440,000`",
            ),
            (
                "$8,425",
                "$9,425",
                "error amount-price-quantity `1,807 shares`",
            ),
            // in thousands, as the statements are
            (
                "$15,344",
                "$15,944",
                "error amount-price-quantity `3,788,639 shares`",
            ),
            (
                "$175.5 million",
                "$195.5 million",
                "error amount-price-quantity `13,800,000 shares`",
            ),
            // two conversion prices bound the shares
            (
                "6,807 shares",
                "9,807 shares",
                "error amount-price-quantity `9,807 shares`",
            ),
            (
                "10,335,840 shares",
                "10,935,840 shares",
                "error amount-price-quantity `10,935,840 shares`",
            ),
        ],
    );
}

#[test]
fn changes_tie_out_under_their_readings() {
    let t = text("changes.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "change"), 19);
    assert_eq!(consistent(&t, "point-change"), 3);
}

#[test]
fn a_change_no_reading_explains_is_an_error() {
    each_edit_is_found(
        "changes.txt",
        &[
            // expense against income, loss against income, cash used against provided
            (
                "a change of $1.2 million",
                "a change of $1.8 million",
                "error change-amount `$1.8 million`",
            ),
            (
                "a decrease in income of $2.6 million",
                "a decrease in income of $2.9 million",
                "error change-amount `$2.9 million`",
            ),
            (
                "an increase of $502.5 million",
                "an increase of $402.5 million",
                "error change-amount `$402.5 million`",
            ),
            (
                "approximately $69.2 million",
                "approximately $59.2 million",
                "error change-amount `$59.2 million`",
            ),
            // a pre-tax income from a loss: "lower" is wrong, and so is its sign
            (
                "131% higher",
                "131% lower",
                "error percent-change `131%`\u{0}error change-direction `lower`",
            ),
            // a negative stated change turns "increase" around, not the percent's size
            ("or 51.9%", "or 41.9%", "error percent-change `41.9%`"),
            (
                "comprehensive loss decreased",
                "comprehensive loss increased",
                "error change-direction `increased`",
            ),
            (
                "(ii) decreased the revolving",
                "(ii) increased the revolving",
                "error change-direction `increased`",
            ),
            // "up from" $30 million: neither the target nor the charges went up
            (
                "up from $20 million",
                "up from $30 million",
                "error change-direction `up`",
            ),
            (
                "and 9 basis points",
                "and 19 basis points",
                "error point-change `19 basis points`",
            ),
        ],
    );
}

#[test]
fn restated_facts_only_for_the_same_metric_scope_and_period() {
    let t = text("restated.txt");
    // revenue share, sales and marketing, cash flow, a part of fiscal 2023, continuing
    // operations, a "respectively" list: none is the fact stated elsewhere
    assert_eq!(findings(&t), Vec::<String>::new());
    let t = format!("{t}\nRevenue for the first quarter of 2024 was $2,126 million.\n");
    assert_eq!(
        findings(&t),
        vec!["error restated-fact `$2,126 million`".to_string()]
    );
}

#[test]
fn a_clause_with_its_own_subject_starts_another_claim() {
    let t = text("two-metrics.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "point-change"), 2);
    assert_eq!(consistent(&t, "change"), 2);
    each_edit_is_found(
        "two-metrics.txt",
        &[
            (
                "$0.4 million increase",
                "$0.2 million increase",
                "error change-amount `$0.2 million`",
            ),
            (
                "increased 17%",
                "increased 27%",
                "error percent-change `27%`",
            ),
            (
                "down from 41.0%",
                "up from 41.0%",
                "error change-direction `up`",
            ),
        ],
    );
}

#[test]
fn a_second_premium_compares_the_same_price() {
    let t = text("premiums.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "premium-discount"), 2);
    each_edit_is_found(
        "premiums.txt",
        &[(
            "discount of 12%",
            "discount of 22%",
            "error premium-discount `22%`",
        )],
    );
}

#[test]
fn a_list_of_bases_or_changes_goes_with_the_values_in_order() {
    let t = text("lists.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "change"), 6);
    each_edit_is_found(
        "lists.txt",
        &[
            (
                "increases of 20% and 11%.",
                "increases of 20% and 21%.",
                "error percent-change `21%`",
            ),
            (
                "and $21.0 million, respectively",
                "and $12.0 million, respectively",
                "error percent-change `4.8%`",
            ),
        ],
    );
}

#[test]
fn a_change_noun_beside_a_loss_and_a_profit_may_be_of_either() {
    let t = text("signs.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "change"), 2);
    each_edit_is_found(
        "signs.txt",
        &[
            (
                "a decrease of $1.5 million.\n\nThe",
                "a decrease of $1.7 million.\n\nThe",
                "error change-amount `$1.7 million`",
            ),
            (
                "a year earlier, a decrease of $1.5 million",
                "a year earlier, a decrease of $0.5 million",
                "error change-amount `$0.5 million`",
            ),
        ],
    );
}

#[test]
fn an_amount_after_several_priced_lots_may_pay_for_all_of_them() {
    let t = text("share-closings.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "amount-price-quantity"), 1);
    each_edit_is_found(
        "share-closings.txt",
        &[(
            "$7.75 million",
            "$7.95 million",
            "error amount-price-quantity `500,000 shares`",
        )],
    );
}

#[test]
fn an_expense_named_after_income_or_a_loss_is_an_expense() {
    let t = text("compound-signs.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "change"), 5);
    each_edit_is_found(
        "compound-signs.txt",
        &[
            (
                "a decrease of $6.7 million",
                "a decrease of $7.6 million",
                "error change-amount `$7.6 million`",
            ),
            (
                "down 12 percent",
                "down 21 percent",
                "error percent-change `21 percent`",
            ),
            (
                "a decrease of $5.6 million, or 2.9%",
                "a decrease of $6.5 million, or 2.9%",
                "error change-amount `$6.5 million`",
            ),
            (
                "decreased by $33.8 million",
                "decreased by $38.3 million",
                "error change-amount `$38.3 million`",
            ),
            // "gains and losses" name both cases: the figures' own words give the signs
            (
                "decreased $6.1 million to a",
                "increased $6.1 million to a",
                "error change-direction `increased`",
            ),
        ],
    );
}

#[test]
fn a_figure_without_the_scale_word_of_its_pair_may_share_it() {
    let t = text("elided-scale.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "change"), 2);
    // a figure that would outgrow the others in their scale is written in full
    assert_eq!(
        findings("Revenue was $4 million for the quarter, a decrease from $27,000 a year earlier."),
        vec!["error change-direction `decrease`"]
    );
    each_edit_is_found(
        "elided-scale.txt",
        &[
            ("to $555,", "to $565,", "error change-amount `$57 thousand`"),
            (
                "a decrease of $9,417",
                "a decrease of $9,471",
                "error change-amount `$9,471`",
            ),
        ],
    );
}

#[test]
fn a_price_after_several_lots_may_be_that_of_all_of_them() {
    let t = text("tranches.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "amount-price-quantity"), 1);
    each_edit_is_found(
        "tranches.txt",
        &[(
            "gross proceeds of $207,000,000",
            "gross proceeds of $217,000,000",
            "error amount-price-quantity `2,700,000`",
        )],
    );
}

#[test]
fn a_change_that_may_come_is_not_the_change_compared() {
    let t = text("conditional.txt");
    assert_eq!(findings(&t), Vec::<String>::new());
    assert_eq!(consistent(&t, "change"), 1);
    each_edit_is_found(
        "conditional.txt",
        &[(
            "to $72.5 million",
            "to $92.5 million",
            "error change-direction `reduced`",
        )],
    );
}
