use super::*;

fn figs(text: &str) -> Vec<Figure> {
    Extractor::new(&Pack::builtin()).extract(text)
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn one(text: &str) -> Figure {
    let f = figs(text);
    assert_eq!(f.len(), 1, "{text}: {f:?}");
    f.into_iter().next().unwrap()
}

#[test]
fn scaled_amounts_are_rounded_to_their_last_digit() {
    let f = one("a $7M loss");
    assert_eq!(f.value, d("7000000"));
    assert_eq!(f.written(), Interval::new(d("6500000"), d("7500000")));
    assert_eq!(&"a $7M loss"[f.range.clone()], "$7M");
    let f = one("to $5.5M");
    assert_eq!(f.written(), Interval::new(d("5450000"), d("5550000")));
    let f = one("was $453K,");
    assert_eq!(f.written(), Interval::new(d("452500"), d("453500")));
    let f = one("of $7 million in");
    assert_eq!(f.value, d("7000000"));
    assert!(f.rounded);
    let f = one("US$2.5 billion");
    assert_eq!(f.value, d("2500000000"));
    assert_eq!(
        f.unit,
        Unit::Currency {
            code: "USD".into(),
            per_share: false
        }
    );
    let f = one("EUR 13.1 mn");
    assert_eq!(f.value, d("13100000"));
    assert_eq!(
        f.unit,
        Unit::Currency {
            code: "EUR".into(),
            per_share: false
        }
    );
    let f = one("RMB410 million");
    assert_eq!(
        f.unit,
        Unit::Currency {
            code: "CNY".into(),
            per_share: false
        }
    );
}

#[test]
fn amounts_written_in_full_are_exact() {
    let t = "converted 1,000 shares (\\$1,000,000 of capital) at \\$0.0040 per share";
    let f = figs(t);
    assert_eq!(f.len(), 3, "{f:?}");
    assert_eq!(f[0].unit, Unit::Shares);
    assert_eq!(f[0].value, d("1000"));
    assert_eq!(&t[f[1].range.clone()], "\\$1,000,000");
    assert_eq!(f[1].written(), Interval::point(d("1000000")));
    assert_eq!(
        f[2].unit,
        Unit::Currency {
            code: "USD".into(),
            per_share: true
        }
    );
    assert_eq!(f[2].value, d("0.0040"));
    assert!(!f[2].rounded);
    let f = one("issued 250,000,000 shares of");
    assert_eq!((f.unit, f.value), (Unit::Shares, d("250000000")));
    let f = one("issued 250 million shares");
    assert_eq!(f.written(), Interval::new(d("249500000"), d("250500000")));
}

#[test]
fn percentages_and_points() {
    let f = one("by roughly 21% (");
    assert_eq!(f.written(), Interval::new(d("20.5"), d("21.5")));
    assert_eq!(f.hedge.as_ref().unwrap().word, "roughly");
    assert_eq!(one("of 700 % to").value, d("700"));
    assert_eq!(
        one("fell 3.2 percent").written(),
        Interval::new(d("3.15"), d("3.25"))
    );
    assert_eq!(one("dropped 900 basis points").unit, Unit::BasisPoints);
    assert_eq!(
        one("improved 1.9 percentage points").unit,
        Unit::PercentagePoints
    );
    assert_eq!(one("grew 3x over").unit, Unit::Multiple);
    let f = one("revenue doubled to");
    assert_eq!((f.unit, f.value), (Unit::Multiple, d("2")));
    let f = one("dropped to negative 28.1% from");
    assert_eq!(f.value, d("-28.1"));
}

#[test]
fn hedges_widen_or_bound() {
    let f = one("approximately $5.5M");
    let iv = f.interval();
    assert_eq!(iv.lo, d("5450000") * d("0.95"));
    assert_eq!(iv.hi, d("5550000") * d("1.05"));
    assert_eq!(f.range.start, "approximately ".len());
    let f = one("more than 1,500 stores");
    assert_eq!(f.interval().lo, d("1500"));
    assert!(f.interval().hi > d("100000"));
    let f = one("less than 5%");
    assert_eq!(f.interval(), Interval::new(d("0"), d("5.5")));
    // "over" after a change word compares, it does not hedge
    let f = figs("increased 20% over $5M");
    assert!(f[1].hedge.is_none(), "{f:?}");
    assert!(figs("well over 60 Gigawatts")[0].hedge.is_some());
}

#[test]
fn negatives_and_parentheses() {
    let f = one("net loss of $(0.05) per share");
    assert_eq!(f.value, d("-0.05"));
    assert!(f.unit.is_per_share());
    let f = figs("by 21% ($1.5M); down");
    assert!(f[1].parenthesized);
    assert_eq!(f[1].value, d("1500000"));
    assert_eq!(one("a -$2.0M swing").value, d("-2000000"));
}

#[test]
fn dates_phones_and_words_are_not_figures() {
    assert!(figs("September 30, 2016 and May 30, 2017").is_empty());
    assert!(figs("call 646-862-4607 or +1-646-862-4607").is_empty());
    assert!(figs("on 11/15/16 at 10:30").is_empty());
    assert!(figs("Q3 FY2024 10-K COVID-19 3D 5G 1st").is_empty());
    assert!(figs("version 1.2.3").is_empty());
    assert_eq!(figs("more than 1,500 Verizon stores").len(), 1);
}

#[test]
fn warning_tier_reads_short_figures_at_finer_precision() {
    let f = one("a $7M loss");
    let iv = f.interval_at(Some(d("100000")));
    assert_eq!(iv, Interval::new(d("6950000"), d("7050000")));
    // a figure already at that precision is unchanged
    let g = one("to $5.5M");
    assert_eq!(g.interval_at(Some(d("100000"))), g.interval());
}

#[test]
fn numbers_out_of_range_are_listed_not_read() {
    let x = Extractor::new(&Pack::builtin());
    let text = "up 5% to $2 trillion from 100000000000000000 trillion and 0.000000000000000000001%";
    let e = x.extract_all(text);
    let figs: Vec<&str> = e.figures.iter().map(|f| &text[f.range.clone()]).collect();
    assert_eq!(figs, ["5%", "$2 trillion"]);
    let big: Vec<&str> = e.out_of_range.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(
        big,
        ["100000000000000000 trillion", "0.000000000000000000001%"]
    );
    // the largest figure read: 10^18
    let f = &x.extract("$1,000,000,000,000,000,000")[0];
    assert_eq!(f.value, crate::extract::MAX_MAGNITUDE);
    // "more than" the largest figure: bounded, not an overflow
    let f = &x.extract("more than $1,000,000,000,000 million")[0];
    assert!(f.interval().hi > f.value);
}

#[test]
fn a_stray_space_before_a_thousands_group_does_not_split_the_number() {
    let t = "an aggregate payout of approximately $ 13 ,742,981.";
    let f = one(t);
    assert_eq!(f.value, d("13742981"));
    assert_eq!(&t[f.range.clone()], "$ 13 ,742,981");
    // a comma and a space after a number is punctuation
    assert_eq!(figs("of 12 , 15 stores").len(), 2);
}

#[test]
fn a_typed_plural_per_share_and_ranging_from() {
    let f = one("at a price of $3.00 per shares from");
    assert!(f.unit.is_per_share());
    let f = figs("discount rates ranging from 10.0% to 11.3%");
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|x| x.in_range), "{f:?}");
    // "from X to Y" without "ranging" is a change, not a range
    assert!(figs("rose from 10.0% to 11.3%").iter().all(|x| !x.in_range));
}
