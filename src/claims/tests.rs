use super::*;
use crate::extract::Extractor;

fn claims(text: &str) -> (Vec<Figure>, Vec<Claim>) {
    let pack = Pack::builtin();
    let doc = Document::plain("t", text);
    let figs = Extractor::new(&pack).extract(text);
    let c = Recognizer::new(&pack).recognize(&doc, &figs);
    (figs, c)
}

fn w<'a>(t: &'a str, figs: &[Figure], id: Option<FigId>) -> &'a str {
    id.map(|i| &t[figs[i].range.clone()]).unwrap_or("-")
}

#[test]
fn change_with_percent_delta_base_and_current() {
    let t = "Net operating loss improved by roughly 21% ($1.5M); down from a $7M loss last year to approximately $5.5M.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 1, "{c:?}");
    let c = &c[0];
    assert_eq!(
        (
            w(t, &f, c.percent),
            w(t, &f, c.delta),
            w(t, &f, c.base),
            w(t, &f, c.current)
        ),
        ("21%", "$1.5M", "$7M", "$5.5M")
    );
    assert!(c.lower_is_better);
    let words: Vec<&str> = c.directions.iter().map(|d| d.word.as_str()).collect();
    assert_eq!(words, vec!["improved", "down"]);
}

#[test]
fn current_from_earlier_in_the_paragraph() {
    let t = "Operating loss fell to approximately $5.5M from $7M. Sequentially, results were an approximately 22% improvement as compared to a $7.1M operating loss in the prior quarter.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(w(t, &f, c[1].current), "$5.5M");
    assert!(c[1].current_from_context);
    assert_eq!(w(t, &f, c[1].base), "$7.1M");
}

#[test]
fn value_compared_and_decrease_of() {
    let t = "For the nine months, revenue was $1.42M, compared to $4.14M for the same period last year, a decrease of $2.73M.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 1);
    assert_eq!(
        (
            w(t, &f, c[0].current),
            w(t, &f, c[0].base),
            w(t, &f, c[0].delta)
        ),
        ("$1.42M", "$4.14M", "$2.73M")
    );
}

#[test]
fn per_share_figures_do_not_break_groups() {
    let t = "Net loss was $2.1 million, or $(0.05) per share, compared to a net loss of $3.2 million, or $(0.08) per share, a decrease of 34%.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (
            w(t, &f, c[0].current),
            w(t, &f, c[0].base),
            w(t, &f, c[0].percent)
        ),
        ("$2.1 million", "$3.2 million", "34%")
    );
}

#[test]
fn no_claim_without_a_comparison() {
    let t = "Gross shipments were about $1.1M but net revenue for the period was limited to $453K.";
    assert!(claims(t).1.is_empty());
    let t = "We now serve more than 1,500 stores and see demand of well over 60 Gigawatts.";
    assert!(claims(t).1.is_empty());
}

#[test]
fn two_changes_in_one_sentence() {
    let t = "Revenue increased 10% to $5.5M from $5.0M, while net loss decreased 20% to $1.0M from $1.25M.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(w(t, &f, c[1].percent), "20%");
    assert_eq!(w(t, &f, c[1].base), "$1.25M");
    assert_eq!(c[1].directions.len(), 1);
    assert_eq!(c[0].directions[0].word, "increased");
}

fn dirs(c: &Claim) -> Vec<&str> {
    c.directions.iter().map(|d| d.word.as_str()).collect()
}

#[test]
fn a_direction_word_governs_the_figure_after_it() {
    // "increased" governs the count after it, not the price before it
    let t = "We lowered the conversion price from $4.10 to $2.00 and increased the number of shares from 1,092,683 to 2,240,000.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (w(t, &f, c[0].base), dirs(&c[0])),
        ("$4.10", vec!["lowered"])
    );
    // a cause names another metric: "due to an increase in" ends the claim
    let t = "The $1.0 billion, or 8% increase in the average balance was primarily due to an increase in the average balance of HSA cash, which increased from $10.6 billion to $13.0 billion.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(
        (
            w(t, &f, c[0].delta),
            w(t, &f, c[0].percent),
            w(t, &f, c[0].base)
        ),
        ("$1.0 billion", "8%", "-")
    );
    assert_eq!(
        (w(t, &f, c[1].base), w(t, &f, c[1].current), dirs(&c[1])),
        ("$10.6 billion", "$13.0 billion", vec!["increased"])
    );
}

#[test]
fn items_end_a_claim_and_a_change_in_a_metric_of_is_stated() {
    let t = "The amendment (i) increased the term loan from $150 million to $200 million and (ii) decreased the commitments from $250 million to $225 million.";
    let (_, c) = claims(t);
    assert_eq!(
        c.iter().map(dirs).collect::<Vec<_>>(),
        vec![vec!["increased"], vec!["decreased"]]
    );
    let t = "Gross profit rose $8,414 in 2023 as compared to a decrease in gross profit of $5,794 in 2022.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 2, "{c:?}");
    assert_eq!(w(t, &f, c[1].delta), "$5,794");
}

#[test]
fn words_give_values_their_signs() {
    let t = "Other expense was $0.7 million, compared with income of $0.5 million, a change of $1.2 million.";
    let (_, c) = claims(t);
    assert_eq!(
        (
            c[0].current_polarity,
            c[0].base_polarity,
            c[0].measures,
            c[0].mixed_sign
        ),
        (Polarity::Loss, Polarity::Gain, Polarity::Loss, true)
    );
    // the words right after a figure belong to it, not to the next one
    let t = "Other expense decreased from $228 million of other income, net, to $76 million.";
    let (_, c) = claims(t);
    assert_eq!(
        (c[0].base_polarity, c[0].current_polarity),
        (Polarity::Gain, Polarity::Loss)
    );
    // two values marked alike compare as written
    let t = "Other expense, net decreased from $228 million of other income, net, to $76 million of other income, net.";
    let (_, c) = claims(t);
    assert_eq!(
        (c[0].base_polarity, c[0].current_polarity, c[0].mixed_sign),
        (Polarity::Gain, Polarity::Gain, false)
    );
    // "net of expenses" qualifies the income, it is not the value's sign
    let t = "In 2019 we recognized other income, net of expenses, of $103 million, increasing compared to $53 million in 2018.";
    let (_, c) = claims(t);
    assert_eq!(
        (c[0].current_polarity, c[0].mixed_sign),
        (Polarity::Gain, false)
    );
}

#[test]
fn members_of_a_list_stand_beside_each_other() {
    // not a change of 44% to a ratio of 46%
    let t = "Subscription revenue and total revenue grew 44% and 46%, respectively.";
    let (f, c) = claims(t);
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(
        (w(t, &f, c[0].percent), w(t, &f, c[0].current)),
        ("44%", "-")
    );
    // lists of one length pair in order
    let t = "For the three and six months, revenue was $5.1 million and $9.8 million, respectively, compared to $4.0 million and $7.9 million, increases of 28% and 24%.";
    let (f, c) = claims(t);
    let pairs: Vec<_> = c
        .iter()
        .map(|c| (w(t, &f, c.current), w(t, &f, c.base), w(t, &f, c.percent)))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("$5.1 million", "$4.0 million", "28%"),
            ("$9.8 million", "$7.9 million", "24%")
        ]
    );
}
