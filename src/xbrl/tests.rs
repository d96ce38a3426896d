use super::*;

fn date(s: &str) -> Date {
    crate::source::ixbrl::transform::iso_date(s).unwrap()
}

fn span(a: &str, b: &str) -> XPeriod {
    XPeriod::Duration {
        start: date(a),
        end: date(b),
    }
}

fn names(cal: Calendar, p: XPeriod) -> Vec<String> {
    cal.periods(&p).iter().map(|p| p.to_string()).collect()
}

#[test]
fn contexts_are_named_by_the_fiscal_calendar() {
    let june = Calendar::new(6);
    assert_eq!(
        names(june, span("2024-07-01", "2024-09-30")),
        vec!["Q1 2025"]
    );
    assert_eq!(
        names(june, span("2024-07-01", "2024-12-31")),
        vec!["H1 2025"]
    );
    assert_eq!(
        names(june, span("2024-07-01", "2025-03-31")),
        vec!["9M 2025"]
    );
    assert_eq!(
        names(june, span("2024-07-01", "2025-06-30")),
        vec!["FY 2025"]
    );
    // a 52-53-week year ending September 28 (Apple)
    let sept = Calendar::new(9);
    assert_eq!(
        names(sept, span("2023-10-01", "2024-09-28")),
        vec!["FY 2024"]
    );
    assert_eq!(
        names(sept, span("2024-06-30", "2024-09-28")),
        vec!["Q4 2024"]
    );
    // instants and odd lengths have no period name
    assert_eq!(
        names(
            sept,
            XPeriod::Instant {
                date: date("2024-09-28")
            }
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        names(sept, span("2024-01-01", "2024-02-15")),
        Vec::<String>::new()
    );
}

#[test]
fn a_january_year_is_named_two_ways_unless_the_dei_facts_say() {
    // a year ending February 2, 2025 ends in January: "fiscal 2025" (NVIDIA, Walmart) or
    // "fiscal 2024" (Home Depot)
    let jan = Calendar::new(1);
    assert_eq!(jan.offset, None);
    assert_eq!(
        names(jan, span("2024-01-29", "2025-02-02")),
        vec!["FY 2025", "FY 2024"]
    );
    assert_eq!(jan.period(&span("2024-01-29", "2025-02-02")), None);
    let hd = Calendar {
        fye: 1,
        offset: Some(-1),
    };
    assert_eq!(names(hd, span("2024-01-29", "2024-04-28")), vec!["Q1 2024"]);
}

#[test]
fn concepts_map_to_metrics_with_their_sign() {
    let c = Concepts::new(&Pack::builtin());
    let m = |concept: &str, v: i64| -> Vec<String> {
        c.metrics_of(concept, Decimal::from(v))
            .into_iter()
            .map(|(m, v)| format!("{m} {v}"))
            .collect()
    };
    assert_eq!(m("us-gaap:NetIncomeLoss", -812), vec!["net loss 812"]);
    assert_eq!(m("us-gaap:NetIncomeLoss", 93), vec!["net income 93"]);
    assert_eq!(m("us-gaap:Revenues", 5), vec!["revenue 5"]);
    assert_eq!(m("us-gaap:Goodwill", 5), Vec::<String>::new());
    assert_eq!(
        c.reports("us-gaap:OperatingIncomeLoss", "operating loss"),
        Some(true)
    );
    assert_eq!(c.reports("us-gaap:Revenues", "net loss"), None);
}

#[test]
fn tagged_values_become_figures_of_their_unit_and_precision() {
    let f = figure(Decimal::from(12_345_000), Some(-3), 3, "USD").unwrap();
    let iv = f.interval();
    assert_eq!(
        (iv.lo, iv.hi),
        (Decimal::from(12_344_500), Decimal::from(12_345_500))
    );
    assert_eq!(crate::extract::show::show_like(&f, f.value, 0), "$12,345K");
    assert!(figure(Decimal::ONE, None, 0, "USD/shares")
        .unwrap()
        .unit
        .is_per_share());
    assert_eq!(
        figure(Decimal::ONE, None, 0, "shares").unwrap().unit,
        Unit::Shares
    );
    assert_eq!(figure(Decimal::ONE, None, 0, "pure"), None);
    assert_eq!(figure(Decimal::ONE, None, 0, "USD/Vendor"), None);
    assert!(figure(Decimal::ONE, None, 0, "USD").unwrap().interval().lo == Decimal::ONE);
}

#[test]
fn metric_facts_that_disagree_are_dropped() {
    let pack = Pack::builtin();
    let metrics = Metrics::new(&pack);
    let c = Concepts::new(&pack);
    let fact = |concept: &str, v: i64| {
        external_facts(
            External {
                concept,
                period: Period::parse("Q1 2025"),
                value: Decimal::from(v),
                decimals: Some(-3),
                unit: "USD",
                origin: "f".into(),
                note: String::new(),
            },
            &c,
            &metrics,
        )
    };
    let agree = [
        fact("us-gaap:Revenues", 12_345_000),
        fact("us-gaap:SalesRevenueNet", 12_345_000),
    ]
    .concat();
    assert_eq!(keep_unambiguous(agree).len(), 2);
    let differ = [
        fact("us-gaap:Revenues", 12_345_000),
        fact("us-gaap:SalesRevenueNet", 12_000_000),
    ]
    .concat();
    assert_eq!(keep_unambiguous(differ).len(), 0);
}

#[test]
fn day_numbers() {
    assert_eq!(day_number(date("1970-01-01")), 0);
    assert_eq!(
        day_number(date("2024-03-01")) - day_number(date("2024-02-28")),
        2
    );
    assert_eq!(
        day_number(date("2025-06-30")) - day_number(date("2024-07-01")),
        364
    );
}
