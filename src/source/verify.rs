//! Span correctness as a checked property: the original bytes at the span of a figure (or a
//! table cell), decoded from the file's encoding and read as the format reads them (tags
//! dropped and character references decoded in HTML and Markdown), must spell the figure's
//! text. Only the characters a figure is written with are compared (letters, digits, currency
//! signs, `%`, `.` and `,`): spacing and markup may differ, a shifted span may not.
//!
//! Used by the span tests, the fuzz targets, and `cargo run --example spans -- DIR`.

use std::fmt;
use std::ops::Range;

use super::{entities, Document, Format};
use crate::extract::Figure;
use crate::span::Span;

/// A text range whose original bytes do not read as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub range: Range<usize>,
    pub span: Span,
    /// The text at the range.
    pub text: String,
    /// The original at the span, decoded.
    pub original: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "text {:?} at {}..{} maps to bytes {}..{} reading {:?}",
            self.text,
            self.range.start,
            self.range.end,
            self.span.offset,
            self.span.end(),
            self.original
        )
    }
}

/// Does the original at the span of text range `r` read as the text? A figure must read
/// exactly; a table cell (`cell`) may also hold content the loader drops (a `<title>`, hidden
/// XBRL, a comment) between its first and last characters, which must match.
pub fn check_range(doc: &Document, r: Range<usize>, cell: bool) -> Result<(), Violation> {
    let text = doc.text.get(r.clone()).unwrap_or("");
    let span = doc.span(r.clone());
    let original = doc.snippet(span);
    let read = match doc.format {
        // a .docx's original is the text it reads (its XML places are kept apart)
        Format::Text | Format::Docx => original.clone(),
        Format::Html => strip_markup(&original, true),
        Format::Markdown => strip_markup(&drop_code_spans(&original), false),
    };
    let (t, o): (Vec<char>, Vec<char>) =
        (figure_chars(text).collect(), figure_chars(&read).collect());
    // a cell's first and last characters as written (a dropped block may end just before its
    // closing parenthesis)
    let edges = |s: &str| (s.trim().chars().next(), s.trim().chars().last());
    let ends_match =
        (t.first() == o.first() && t.last() == o.last()) || edges(text) == edges(&read);
    // a figure joined across cells ("$" | "6,000") may run over content the loader drops, as a
    // cell may
    let across_markup = !cell && doc.format == Format::Html && original.contains('<');
    if t == o || ((cell || across_markup) && ends_match && is_subsequence(&t, &o)) {
        Ok(())
    } else {
        Err(Violation {
            range: r,
            span,
            text: text.to_string(),
            original,
        })
    }
}

/// Every figure and table cell of a document whose span does not read as its text.
pub fn violations(doc: &Document, figs: &[Figure]) -> Vec<Violation> {
    let cells = doc
        .tables
        .iter()
        .flat_map(|t| t.rows.iter().flatten().cloned());
    figs.iter()
        .map(|f| (f.range.clone(), false))
        .chain(cells.map(|r| (r, true)))
        .filter_map(|(r, cell)| check_range(doc, r, cell).err())
        .collect()
}

/// Is `a` a subsequence of `b`?
fn is_subsequence(a: &[char], b: &[char]) -> bool {
    let mut rest = b.iter();
    a.iter().all(|c| rest.any(|d| d == c))
}

/// The characters a figure is written with.
fn figure_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '$' | '€' | '£' | '¥' | '%' | '.' | ','))
}

/// Tags dropped, character references decoded, and (`footnotes`, as the HTML loader does) a
/// `<sup>` that holds only a footnote marker.
fn strip_markup(s: &str, footnotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if let Some(n) = footnote_sup(rest).filter(|_| footnotes) {
            i += n;
            continue;
        }
        // a tag starts with `<` and a letter, `/`, `!` or `?`; any other `<` is text
        let tag = rest.starts_with('<')
            && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || "/!?".contains(c));
        // (a tag cut off by the end of the span or file is read as text)
        if let Some(end) = tag_end(rest).filter(|_| tag) {
            i += end;
            continue;
        }
        if rest.starts_with('&') {
            if let Some((rep, n)) = entities::decode_at(rest) {
                match rep {
                    entities::Replacement::Char(c) => out.push(c),
                    entities::Replacement::Str(t) => out.push_str(t),
                }
                i += n;
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The length of the tag that starts `s`, as an HTML tokenizer reads it: a quoted attribute
/// value may hold `>` (`name="a>b"`), a comment ends at `-->`. `None` when it is cut off.
fn tag_end(s: &str) -> Option<usize> {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map(|i| 4 + i + 3);
    }
    let b = s.as_bytes();
    if matches!(b.get(1), Some(b'!' | b'?')) {
        return s.find('>').map(|i| i + 1);
    }
    let mut i = 1;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            b'=' => {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q) = b.get(i).filter(|&&c| c == b'"' || c == b'\'') {
                    let close = b[i + 1..].iter().position(|&c| c == q)?;
                    i += close + 2;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Markdown inline code (`` `x` ``, ``` ``x`` ```) dropped, as the Markdown loader drops it.
fn drop_code_spans(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('`') {
        out.push_str(&rest[..p]);
        let run = rest[p..].len() - rest[p..].trim_start_matches('`').len();
        let fence = &rest[p..p + run];
        let body = &rest[p + run..];
        // the closing run: the same number of backticks, not part of a longer run
        let close = body.match_indices(fence).find(|&(i, _)| {
            !body[i + run..].starts_with('`') && (i == 0 || !body[..i].ends_with('`'))
        });
        match close {
            Some((i, _)) => rest = &body[i + run..],
            None => {
                out.push_str(fence);
                rest = body;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The length of a `<sup>…</sup>` at the start of `s` that holds only a footnote marker.
fn footnote_sup(s: &str) -> Option<usize> {
    let open = s.get(..4)?;
    if !open.eq_ignore_ascii_case("<sup") || !s[4..].starts_with(['>', ' ']) {
        return None;
    }
    let close = s.to_ascii_lowercase().find("</sup>")?;
    let inner = strip_markup(&s[s.find('>')? + 1..close], true);
    super::html::is_footnote_marker(inner.trim()).then_some(close + "</sup>".len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;

    fn violations_of(name: &str, bytes: &[u8]) -> Vec<String> {
        let doc = super::super::load_bytes(name, bytes.to_vec(), None).unwrap();
        let figs = Checker::default_checker().figures(&doc);
        assert!(!figs.is_empty(), "{name}: no figures");
        violations(&doc, &figs)
            .iter()
            .map(|v| v.to_string())
            .collect()
    }

    #[test]
    fn spans_read_as_their_figures_in_every_format() {
        let md = " \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} \u{a0} * \
                  Revenue rose 50% to $0.9 million from $0.6 million.\n";
        assert_eq!(
            violations_of("nbsp.md", md.as_bytes()),
            Vec::<String>::new()
        );
        let html = "<p>Revenue of $<b>1.5</b>&nbsp;million, up &#36;0.2 million</p>";
        assert_eq!(
            violations_of("a.html", html.as_bytes()),
            Vec::<String>::new()
        );
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "Revenue fell 12% to $5.5 million from $7.0 million.\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(violations_of("le.txt", &utf16), Vec::<String>::new());
    }

    #[test]
    fn markdown_and_html_read_every_named_reference_alike() {
        let line =
            "Shares &frac34; &Rarrtl; &NotNestedLessLess; &bigstar; fell 12% to $5.5 million";
        let md = load("r.md", line);
        let html = load("r.html", &format!("<p>{line}</p>"));
        assert_eq!(md.text, html.text);
        assert!(md.text.starts_with("Shares ¾ ⤖ ⪡̸ ★ fell"), "{}", md.text);
        assert_eq!(violations_of("r.md", line.as_bytes()), Vec::<String>::new());
    }

    fn load(name: &str, text: &str) -> Document {
        super::super::load_bytes(name, text.as_bytes().to_vec(), None).unwrap()
    }

    #[test]
    fn a_tag_ends_outside_its_quoted_values() {
        assert_eq!(tag_end(r#"<a name="x>y" b='>'>z"#), Some(20));
        assert_eq!(tag_end("<!-- a > b -->z"), Some(14));
        assert_eq!(tag_end(r#"<a name="x>y"#), None);
        assert_eq!(
            strip_markup(
                r#"$</td><td><ix:nonFraction name="a:B>c">7,100</ix:nonFraction>"#,
                true
            ),
            "$7,100"
        );
    }

    #[test]
    fn a_shifted_span_is_a_violation() {
        let mut doc = Document::plain("t.txt", "Revenue was $5 million.");
        assert!(check_range(&doc, 12..22, false).is_ok());
        // a map that forgets two bytes in front of the text
        doc.original.splice(0..0, *b"> ");
        let v = check_range(&doc, 12..22, false).unwrap_err();
        assert_eq!(
            (v.text.as_str(), v.original.as_str()),
            ("$5 million", "s $5 milli")
        );
    }
}
