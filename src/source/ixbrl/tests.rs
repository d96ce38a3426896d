use super::*;

fn load(html: &str) -> crate::source::Document {
    crate::source::load_bytes("t.html", html.as_bytes().to_vec(), None).unwrap()
}

const HEADER: &str = r#"<html><body><div style="display:none"><ix:header><ix:hidden>
<ix:nonNumeric name="dei:CurrentFiscalYearEndDate" contextRef="D">--06-30</ix:nonNumeric>
<ix:nonNumeric name="dei:DocumentFiscalPeriodFocus" contextRef="D">Q3</ix:nonNumeric>
<ix:nonNumeric name="dei:DocumentPeriodEndDate" contextRef="D" continuedAt="k1">March</ix:nonNumeric>
<ix:nonFraction name="us-gaap:Hidden" contextRef="D" unitRef="usd" decimals="0">7</ix:nonFraction>
</ix:hidden><ix:resources>
<xbrli:context id="D"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-07-01</xbrli:startDate><xbrli:endDate>2025-03-31</xbrli:endDate></xbrli:period></xbrli:context>
<xbrli:context id="I"><xbrli:entity><xbrli:identifier scheme="x">1</xbrli:identifier><xbrli:segment><xbrldi:explicitMember dimension="us-gaap:StatementBusinessSegmentsAxis">co:CloudMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period><xbrli:instant>2025-03-31</xbrli:instant></xbrli:period></xbrli:context>
<xbrli:unit id="usd"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit>
<xbrli:unit id="eps"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>xbrli:shares</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>
</ix:resources></ix:header></div>
<ix:continuation id="k1"><ix:exclude>(see note)</ix:exclude> 31, 2025</ix:continuation>
"#;

fn doc(body: &str) -> crate::source::Document {
    load(&format!("{HEADER}{body}</body></html>"))
}

fn shown(d: &crate::source::Document) -> Vec<String> {
    let x = d.xbrl.as_ref().unwrap();
    x.facts
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {} dec={} `{}`",
                f.concept,
                x.context(f).period,
                f.value.normalize(),
                f.unit,
                f.decimals_str(),
                String::from_utf8_lossy(&d.original[f.span.range()])
            )
        })
        .collect()
}

#[test]
fn contexts_units_scale_sign_and_exact_bytes() {
    let d = doc(
        r#"<p>Revenue was $<ix:nonFraction name="us-gaap:Revenues" contextRef="D" unitRef="usd" decimals="-5" scale="6" format="ixt:num-dot-decimal">1,234.5</ix:nonFraction> million and the loss per share ($<ix:nonFraction name="us-gaap:EarningsPerShareBasic" contextRef="D" unitRef="eps" decimals="2" sign="-">0.12</ix:nonFraction>); cloud assets <ix:nonFraction name="us-gaap:Assets" contextRef="I" unitRef="usd" decimals="INF" format="ixt:fixed-zero">&#8212;</ix:nonFraction>.</p>"#,
    );
    assert_eq!(
        shown(&d),
        vec![
            "us-gaap:Hidden 2024-07-01..2025-03-31 7 USD dec=0 `7`",
            "us-gaap:Revenues 2024-07-01..2025-03-31 1234500000 USD dec=-5 `1,234.5`",
            "us-gaap:EarningsPerShareBasic 2024-07-01..2025-03-31 -0.12 USD/shares dec=2 `0.12`",
            "us-gaap:Assets 2025-03-31 0 USD dec=INF `&#8212;`",
        ]
    );
    let x = d.xbrl.as_ref().unwrap();
    assert_eq!(x.facts[0].text, None, "ix:hidden is not displayed");
    let t = x.facts[1].text.clone().unwrap();
    assert_eq!(&d.text[t], "1,234.5");
    assert_eq!(
        x.context(&x.facts[3]).dims,
        vec![(
            "us-gaap:StatementBusinessSegmentsAxis".to_string(),
            "co:CloudMember".to_string()
        )]
    );
    let iv = x.facts[1].interval();
    assert_eq!(
        (iv.lo, iv.hi),
        (Decimal::from(1_234_450_000), Decimal::from(1_234_550_000))
    );
}

#[test]
fn dei_facts_with_continuation_and_exclude() {
    let d = doc("<p>Nothing tagged here.</p>");
    let x = d.xbrl.as_ref().unwrap();
    assert_eq!(x.dei.fiscal_year_end, Some((6, 30)));
    assert_eq!(x.dei.period_focus.as_deref(), Some("Q3"));
    assert_eq!(
        x.dei.period_end,
        Some(Date {
            year: 2025,
            month: 3,
            day: 31
        })
    );
    assert_eq!(d.declared_fye, Some(6));
    // the continuation is displayed, its excluded part too
    assert!(d.text.contains("(see note) 31, 2025"), "{}", d.text);
}

#[test]
fn a_52_53_week_year_is_named_for_the_month_it_mostly_covers() {
    let dei = |md: (u8, u8)| Dei {
        fiscal_year_end: Some(md),
        ..Default::default()
    };
    assert_eq!(dei((2, 2)).fye_month(), Some(1));
    assert_eq!(dei((1, 5)).fye_month(), Some(12));
    assert_eq!(dei((9, 28)).fye_month(), Some(9));
    assert_eq!(dei((5, 31)).fye_month(), Some(5));
}

#[test]
fn hostile_attributes_are_skipped_with_a_note() {
    let tag = |attrs: &str, v: &str| {
        format!(
            r#"<ix:nonFraction name="us-gaap:X" contextRef="D" unitRef="usd" {attrs}>{v}</ix:nonFraction> "#
        )
    };
    let body = [
        tag(r#"decimals="0" scale="99999999999""#, "1"),
        tag(r#"decimals="0" scale="40""#, "1"),
        tag(r#"decimals="-400" scale="0""#, "1"),
        tag(r#"decimals="x" scale="0""#, "1"),
        tag(r#"decimals="0" format="ixt:num-dot-decimal""#, "1,2,3x"),
        tag(r#"decimals="0" scale="28""#, "99999999999"),
        tag(r#"decimals="0" format="ixt:nosuch""#, "1"),
        r#"<ix:nonFraction name="us-gaap:X" contextRef="nope" unitRef="usd" decimals="0">1</ix:nonFraction>"#.to_string(),
        r#"<ix:nonFraction name="us-gaap:X" contextRef="D" unitRef="usd" decimals="0" xsi:nil="true"/>"#.to_string(),
    ]
    .concat();
    let d = doc(&format!("<p>{body}</p>"));
    let x = d.xbrl.as_ref().unwrap();
    let notes: Vec<&str> = x.notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(
        notes,
        vec![
            "us-gaap:X: bad scale \"99999999999\"",
            "us-gaap:X: scale 40 out of range",
            "us-gaap:X: decimals -400 out of range",
            "us-gaap:X: bad decimals \"x\"",
            "us-gaap:X: cannot read \"1,2,3x\" as ixt:num-dot-decimal",
            "us-gaap:X: 99999999999 at scale 28 overflows",
            "us-gaap:X: unknown format ixt:nosuch",
            "us-gaap:X: unknown context \"nope\"",
        ]
    );
    assert_eq!((x.seen, x.nil, x.facts.len()), (10, 1, 1));
}

#[test]
fn plain_html_has_no_xbrl_and_the_same_text() {
    let plain = "<html><body><p>Revenue was $5.0 million.</p><table><tr><td>Revenue</td><td>5,000</td></tr></table></body></html>";
    let d = load(plain);
    assert!(d.xbrl.is_none());
    assert_eq!(d.declared_fye, None);
    // the same document tagged reads as the same text
    let tagged = plain.replace(
        "5,000<",
        r#"<ix:nonFraction name="us-gaap:Revenues" contextRef="D" unitRef="usd" decimals="-3" scale="3" format="ixt:num-dot-decimal">5,000</ix:nonFraction><"#,
    );
    let t = load(&tagged);
    assert_eq!(t.text, d.text);
    assert_eq!(t.xbrl.unwrap().notes.len(), 1, "the context is not defined");
}

#[test]
fn nested_facts_share_their_text() {
    let d = doc(
        r#"<p>No <ix:nonFraction name="us-gaap:A" contextRef="D" unitRef="usd" decimals="0" format="ixt:fixed-zero"><ix:nonFraction name="us-gaap:B" contextRef="I" unitRef="usd" decimals="0" format="ixt:fixed-zero">no</ix:nonFraction></ix:nonFraction> impairment.</p>"#,
    );
    let x = d.xbrl.as_ref().unwrap();
    let texts: Vec<&str> = x.facts[1..]
        .iter()
        .map(|f| &d.text[f.text.clone().unwrap()])
        .collect();
    assert_eq!(texts, vec!["no", "no"]);
    assert_eq!(x.facts[1..].iter().filter(|f| f.value.is_zero()).count(), 2);
}

mod hostile {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any attribute values and content, and tags cut or unbalanced: no panic, and every fact
        /// kept has a value its interval contains.
        #[test]
        fn never_panics(
            scale in "\\PC{0,12}",
            decimals in "\\PC{0,12}",
            format in prop_oneof![Just("ixt:num-dot-decimal".to_string()), Just("ixt-sec:numwordsen".to_string()), "\\PC{0,16}"],
            content in "\\PC{0,24}",
            cut in 0usize..600,
        ) {
            let html = format!(
                r#"<html><body><div style="display:none"><ix:header><ix:resources><xbrli:context id="c"><xbrli:period><xbrli:instant>2024-01-31</xbrli:instant></xbrli:period></xbrli:context><xbrli:unit id="u"><xbrli:measure>iso4217:USD</xbrli:measure></xbrli:unit></ix:resources></ix:header></div><p><ix:nonFraction name="a:B" contextRef="c" unitRef="u" scale="{scale}" decimals="{decimals}" format="{format}">{content}</ix:nonFraction> <ix:continuation id="k" continuedAt="k">{content}</ix:continuation></p></body></html>"#
            );
            let mut end = cut.min(html.len());
            while !html.is_char_boundary(end) {
                end -= 1;
            }
            for text in [&html[..], &html[..end]] {
                // an empty cut is an input error (exit 2), not a document
                let Ok(d) = crate::source::load_bytes("t.html", text.as_bytes().to_vec(), None) else {
                    continue;
                };
                if let Some(x) = &d.xbrl {
                    for f in &x.facts {
                        prop_assert!(f.interval().contains(f.value));
                    }
                }
            }
        }
    }
}
