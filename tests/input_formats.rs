//! HTML and Markdown loaders: text, tables, and spans back into the original bytes.

use proptest::prelude::*;
use tieout::source::{load_bytes, Document, Format};

fn html(s: &str) -> Document {
    load_bytes("t.html", s.as_bytes().to_vec(), Some(Format::Html)).unwrap()
}

fn md(s: &str) -> Document {
    load_bytes("t.md", s.as_bytes().to_vec(), Some(Format::Markdown)).unwrap()
}

/// The original bytes behind the first occurrence of `needle` in the text.
fn orig_of<'a>(doc: &'a Document, needle: &str) -> &'a str {
    let at = doc
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {:?}", doc.text));
    let span = doc.span(at..at + needle.len());
    std::str::from_utf8(&doc.original[span.range()]).unwrap()
}

fn cell_texts(doc: &Document, t: usize) -> Vec<Vec<&str>> {
    doc.tables[t]
        .rows
        .iter()
        .map(|r| r.iter().map(|c| &doc.text[c.clone()]).collect())
        .collect()
}

#[test]
fn html_inline_tags_join_and_map() {
    let d = html("<p>Revenue was $<b>1.5</b> million, up &#36;4.14M.</p>");
    assert_eq!(d.text, "Revenue was $1.5 million, up $4.14M.");
    assert_eq!(orig_of(&d, "$1.5 million"), "$<b>1.5</b> million");
    assert_eq!(orig_of(&d, "$4.14M"), "&#36;4.14M");
}

#[test]
fn html_entities_map_to_whole_reference() {
    let d = html("<div>A&nbsp;&amp;&nbsp;B &#8212; C &#x2014; $1&#160;million</div>");
    assert_eq!(d.text, "A & B — C — $1 million");
    assert_eq!(orig_of(&d, "&"), "&amp;");
    assert_eq!(orig_of(&d, "—"), "&#8212;");
    assert_eq!(orig_of(&d, "$1 million"), "$1&#160;million");
}

#[test]
fn html_blocks_are_blank_line_separated() {
    let d = html("<html><head><title>T</title><style>p{}</style></head><body><h1>Results</h1><p>One.</p>\n<p>Two<br>three</p><ul><li>a</li><li>b</li></ul></body></html>");
    assert_eq!(d.text, "Results\n\nOne.\n\nTwo\n\nthree\n\na\n\nb");
}

#[test]
fn html_hidden_content_is_dropped() {
    let src = r#"<html><body><div style="display:none"><ix:header><ix:hidden><ix:nonNumeric name="dei:X">SECRET1</ix:nonNumeric></ix:hidden></ix:header></div>
<ix:header>SECRET2</ix:header>
<p>Visible <span style="DISPLAY: None">SECRET3<b>SECRET4</b></span>text</p>
<div hidden><p>SECRET5</p></div><!-- SECRET6 --><script>var x = "<p>SECRET7</p>";</script>
<p>Net sales were $<ix:nonFraction name="us-gaap:Revenues">391,035</ix:nonFraction> million.</p></body></html>"#;
    let d = html(src);
    for s in [
        "SECRET1", "SECRET2", "SECRET3", "SECRET4", "SECRET5", "SECRET6", "SECRET7",
    ] {
        assert!(!d.text.contains(s), "{s} leaked into {:?}", d.text);
    }
    assert!(d.text.contains("Visible text"), "{:?}", d.text);
    assert_eq!(
        orig_of(&d, "$391,035 million"),
        r#"$<ix:nonFraction name="us-gaap:Revenues">391,035</ix:nonFraction> million"#
    );
}

#[test]
fn html_sec_style_table() {
    let src = concat!(
        "<div><span>Net sales increased 2% in 2024.</span></div>",
        "<table><tr><td/><td/><td/></tr>",
        "<tr><td><span>2024</span></td><td/><td><span>2023</span></td></tr>",
        "<tr><td><div><span>Americas</span></div></td><td><span>$</span></td>",
        "<td><span>167,045&#160;</span></td><td>&#160;</td><td><span>3</span></td><td><span>%</span></td>",
        "<td><span>(4</span></td><td><span>)</span></td></tr>",
        "<tr><td>Europe</td><td>$</td><td>101,328</td><td></td><td>7</td><td>%</td></tr></table>",
        "<div><span>After the table.</span></div>"
    );
    let d = html(src);
    assert_eq!(d.tables.len(), 1, "{:?}", d.text);
    assert_eq!(
        cell_texts(&d, 0),
        vec![
            vec!["2024", "2023"],
            vec!["Americas", "$167,045", "3%", "(4)"],
            vec!["Europe", "$101,328", "7%"],
        ]
    );
    let t = &d.tables[0];
    assert_eq!(
        &d.text[..t.range.start],
        "Net sales increased 2% in 2024.\n\n"
    );
    assert_eq!(&d.text[t.range.end..], "\n\nAfter the table.");
    assert_eq!(
        &d.text[t.range.clone()],
        "2024\t2023\n\nAmericas\t$167,045\t3%\t(4)\n\nEurope\t$101,328\t7%"
    );
    assert!(d.in_table(d.text.find("167,045").unwrap()));
    assert!(!d.in_table(d.text.find("2%").unwrap()));
    // a merged cell maps across both source cells
    assert!(orig_of(&d, "$167,045").starts_with("$</span></td><td><span>167,045"));
}

#[test]
fn html_bullet_layout_table_is_prose() {
    let src = "<table><tr><td>&#9679;</td><td>Revenue increased 10% to $5.5 million from $5.0 million.</td></tr>\
               <tr><td>&#9679;</td><td>Expenses decreased 3%.</td></tr></table>";
    let d = html(src);
    assert!(d.tables.is_empty());
    assert_eq!(
        d.text,
        "● Revenue increased 10% to $5.5 million from $5.0 million.\n\n● Expenses decreased 3%."
    );
}

#[test]
fn html_footnote_sup_is_dropped() {
    let d = html("<p>Licensing income of $18.3 Million<SUP>1</SUP> is available; the 2<sup>nd</sup> quarter.</p>");
    assert_eq!(
        d.text,
        "Licensing income of $18.3 Million is available; the 2nd quarter."
    );
}

#[test]
fn html_windows_1252_and_bom() {
    let mut bytes = b"\xEF\xBB\xBF<p>Sales of \xE2\x82\xAC5 million</p>".to_vec();
    let d = load_bytes("t.html", bytes.clone(), Some(Format::Html)).unwrap();
    assert_eq!(orig_of(&d, "€5 million"), "€5 million");
    bytes = b"<p>Sales \x96 $<b>5</b> million</p>".to_vec();
    let d = load_bytes("t.html", bytes, Some(Format::Html)).unwrap();
    assert_eq!(d.text, "Sales – $5 million");
    let at = d.text.find('$').unwrap();
    let span = d.span(at..d.text.len());
    assert_eq!(&d.original[span.range()], b"$<b>5</b> million");
}

#[test]
fn markdown_escapes_emphasis_and_breaks() {
    let src = "# Results\n\nRevenue of \\$1,000,000 and **$1.5** million,\nup 5% &amp; more.\n\n- item one\n- item `$9` two\n\n```\n$7 code\n```\n";
    let d = md(src);
    assert_eq!(
        d.text,
        "Results\n\nRevenue of $1,000,000 and $1.5 million, up 5% & more.\n\nitem one\n\nitem two"
    );
    assert_eq!(orig_of(&d, "$1,000,000"), "$1,000,000");
    assert_eq!(orig_of(&d, "$1.5 million"), "$1.5** million");
    assert_eq!(orig_of(&d, "million, up"), "million,\nup");
    assert_eq!(orig_of(&d, "&"), "&amp;");
    assert!(!d.text.contains("$7"));
}

#[test]
fn markdown_tables() {
    let src = "Intro text.\n\n| Item | 2024 | 2023 |\n|---|---:|---:|\n| Revenue | $5.2M | $4.1M |\n| Net loss | | (1.2) |\n\nAfter.\n";
    let d = md(src);
    assert_eq!(d.tables.len(), 1);
    assert_eq!(
        cell_texts(&d, 0),
        vec![
            vec!["Item", "2024", "2023"],
            vec!["Revenue", "$5.2M", "$4.1M"],
            vec!["Net loss", "(1.2)"],
        ]
    );
    let t = &d.tables[0];
    assert!(d.text[..t.range.start].ends_with("Intro text.\n\n"));
    assert_eq!(&d.text[t.range.end..], "\n\nAfter.");
    assert_eq!(orig_of(&d, "$4.1M"), "$4.1M");
}

/// Every char-boundary range of the text maps inside the original, onto char boundaries.
fn check_map(doc: &Document) {
    let n = doc.original.len();
    let orig = std::str::from_utf8(&doc.original).ok();
    let bounds: Vec<usize> = (0..=doc.text.len())
        .filter(|&i| doc.text.is_char_boundary(i))
        .collect();
    // all ranges for small texts, a sample for big ones
    let step = (bounds.len() / 60).max(1);
    for (a_i, &a) in bounds.iter().enumerate().step_by(step) {
        for &b in bounds[a_i..].iter().step_by(step) {
            let sp = doc.map.map_range(a..b);
            assert!(sp.end() <= n, "{a}..{b} -> {sp:?} beyond {n}");
            if let Some(o) = orig {
                assert!(o.is_char_boundary(sp.offset) && o.is_char_boundary(sp.end()));
            }
        }
    }
    for t in &doc.tables {
        assert!(t.range.end <= doc.text.len());
        for r in t.rows.iter().flatten() {
            assert!(r.start >= t.range.start && r.end <= t.range.end && r.start < r.end);
        }
    }
}

fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("$".to_string()),
        Just("1.5".to_string()),
        Just(" million".to_string()),
        Just("42%".to_string()),
        Just("€3,210".to_string()),
        Just("(1,234)".to_string()),
        Just("&nbsp;".to_string()),
        Just("&#36;".to_string()),
        Just("&#x2014;".to_string()),
        Just("&amp;".to_string()),
        Just("&bogus;".to_string()),
        Just("&#".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("é".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br/>".to_string()),
        Just("<div style=\"display:none\">".to_string()),
        Just("</div>".to_string()),
        Just("<table>".to_string()),
        Just("<tr>".to_string()),
        Just("<td>".to_string()),
        Just("</td>".to_string()),
        Just("</tr>".to_string()),
        Just("</table>".to_string()),
        Just("<sup>1</sup>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<script>x<y</script>".to_string()),
        Just("<ix:header>h</ix:header>".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        "[a-z0-9 ]{0,6}",
    ]
}

fn md_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("$".to_string()),
        Just("\\$".to_string()),
        Just("1.5".to_string()),
        Just(" million".to_string()),
        Just("**".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("`".to_string()),
        Just("&amp;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&#36;".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just("| a | $1 |\n|---|---|\n| b | 2% |\n".to_string()),
        Just("```\ncode\n```\n".to_string()),
        Just("[link](http://x)".to_string()),
        Just("![img](x.png)".to_string()),
        Just("<b>".to_string()),
        Just("é".to_string()),
        Just("\t".to_string()),
        Just("    ".to_string()),
        Just("> ".to_string()),
        "[a-z0-9 ]{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn html_spans_stay_in_original(pieces in prop::collection::vec(html_piece(), 1..40)) {
        let src: String = pieces.concat();
        if let Ok(doc) = load_bytes("p.html", src.into_bytes(), Some(Format::Html)) {
            check_map(&doc);
        }
    }

    #[test]
    fn markdown_spans_stay_in_original(pieces in prop::collection::vec(md_piece(), 1..40)) {
        let src: String = pieces.concat();
        if let Ok(doc) = load_bytes("p.md", src.into_bytes(), Some(Format::Markdown)) {
            check_map(&doc);
        }
    }

    #[test]
    fn arbitrary_bytes_do_not_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for f in [Format::Html, Format::Markdown] {
            if let Ok(doc) = load_bytes("x", bytes.clone(), Some(f)) {
                check_map(&doc);
            }
        }
    }

    #[test]
    fn markuplike_bytes_do_not_panic(s in "[<>/a-z&#;$0-9 \n\\\\*|`!\\[\\]()=\"-]{0,300}") {
        for f in [Format::Html, Format::Markdown] {
            if let Ok(doc) = load_bytes("x", s.clone().into_bytes(), Some(f)) {
                check_map(&doc);
            }
        }
    }
}

/// Figures in the real corpus map back to original bytes containing them.
fn check_corpus_file(path: &std::path::Path) {
    let bytes = std::fs::read(path).unwrap();
    let doc = load_bytes(&path.display().to_string(), bytes, None).unwrap();
    check_map(&doc);
    let re = regex::Regex::new(r"\$\s?\d[\d,]*(\.\d+)?").unwrap();
    for m in re.find_iter(&doc.text) {
        let sp = doc.span(m.range());
        let orig = String::from_utf8_lossy(&doc.original[sp.range()]);
        let digits: String = m.as_str().chars().filter(|c| c.is_ascii_digit()).collect();
        let orig_digits: String = orig.chars().filter(|c| c.is_ascii_digit()).collect();
        assert!(
            orig_digits.contains(&digits),
            "{}: {:?} maps to {:?}",
            path.display(),
            m.as_str(),
            orig
        );
    }
}

#[test]
fn corpus_figures_map_back() {
    let root = std::path::Path::new("/work/shared/corpus");
    if !root.exists() {
        return;
    }
    for dir in ["releases", "filings", "newswire"] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if matches!(p.extension().and_then(|x| x.to_str()), Some("html" | "md")) {
                check_corpus_file(&p);
            }
        }
    }
}

/// Throughput on the filings corpus: `cargo test --release --test input_formats -- --ignored
/// --nocapture`.
#[test]
#[ignore]
fn html_throughput() {
    let dir = std::path::Path::new("/work/shared/corpus/filings");
    let files: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    let total: usize = files.iter().map(|f| f.len()).sum();
    let t = std::time::Instant::now();
    for f in &files {
        let d = load_bytes("x.html", f.clone(), Some(Format::Html)).unwrap();
        assert!(!d.text.is_empty());
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} bytes in {:.3}s: {:.1} MB/s",
        total,
        secs,
        total as f64 / 1e6 / secs
    );
}
