//! Inline suppressions: `<!-- tieout-ignore RULE: reason -->` in Markdown and HTML, or a line
//! `tieout-ignore RULE: reason` in plain text, silences RULE (several may be listed, separated
//! by commas; `all` silences every rule) on the next line or block: from the comment to the end
//! of the next paragraph (a blank line, or the closing tag of a block element in HTML). In
//! Markdown and plain text a list item or heading is a block of its own, as `<li>` is in HTML:
//! a comment before one item does not silence the rest of the list.
//!
//! Comments are found in the original bytes, so they work in every ASCII-compatible encoding.

use std::collections::HashMap;
use std::ops::Range;

use crate::source::Document;
use crate::span::RangeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub reason: String,
    /// Original byte range the suppression covers.
    pub covers: std::ops::Range<usize>,
    /// Where the comment itself is.
    pub at: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Suppressions(pub Vec<Suppression>);

const MARK: &[u8] = b"tieout-ignore";

impl Suppressions {
    pub fn scan(doc: &Document) -> Suppressions {
        let lines_are_blocks = doc.format != crate::source::Format::Html;
        Suppressions(scan_bytes(&doc.original, lines_are_blocks))
    }

    /// The bytes each rule is silenced on, for looking findings up.
    pub fn covered(&self) -> Covered {
        let mut by_rule: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
        for s in &self.0 {
            for r in &s.rules {
                by_rule.entry(r).or_default().push(s.covers.clone());
            }
        }
        Covered(
            by_rule
                .into_iter()
                .map(|(rule, ranges)| (rule.to_string(), RangeSet::new(ranges)))
                .collect(),
        )
    }
}

/// The bytes each rule is silenced on (`all`: every rule): a finding is looked up by binary
/// search, not against every comment of the file.
#[derive(Debug, Clone, Default)]
pub struct Covered(HashMap<String, RangeSet>);

impl Covered {
    /// Is `rule` silenced at byte `offset`?
    pub fn covers(&self, rule: &str, offset: usize) -> bool {
        [rule, "all"]
            .iter()
            .any(|r| self.0.get(*r).is_some_and(|set| set.contains(offset)))
    }
}

/// The suppressions in a file's bytes; `lines_are_blocks`: a line starting a list item or a
/// heading ends the block before it (Markdown, plain text).
pub fn scan_bytes(b: &[u8], lines_are_blocks: bool) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = find(&b[i..], MARK) {
        let at = i + p;
        let mut j = at + MARK.len();
        // end of the comment: "-->" or end of line
        let line_end = b[j..]
            .iter()
            .position(|&c| c == b'\n')
            .map(|q| j + q)
            .unwrap_or(b.len());
        let close = find(&b[j..line_end], b"-->").map(|q| j + q);
        let body_end = close.unwrap_or(line_end);
        let body = String::from_utf8_lossy(&b[j..body_end]).into_owned();
        let (ids, reason) = match body.find(':') {
            Some(c) => (&body[..c], body[c + 1..].trim().to_string()),
            None => (body.as_str(), String::new()),
        };
        let rules: Vec<String> = ids
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|s| s.to_string())
            .collect();
        j = close.map(|c| c + 3).unwrap_or(line_end);
        // the next block: skip whitespace, then to the next blank line or closing block tag
        let mut s = j;
        while s < b.len() && b[s].is_ascii_whitespace() {
            s += 1;
        }
        let mut e = s;
        while e < b.len() {
            if b[e] == b'\n' {
                let mut k = e + 1;
                while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r') {
                    k += 1;
                }
                if k >= b.len() || b[k] == b'\n' || (lines_are_blocks && starts_block(&b[k..])) {
                    break;
                }
            }
            if b[e] == b'<' && b.get(e + 1) == Some(&b'/') {
                let tag: Vec<u8> = b[e + 2..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if matches!(
                    tag.as_slice(),
                    b"p" | b"div"
                        | b"li"
                        | b"tr"
                        | b"table"
                        | b"h1"
                        | b"h2"
                        | b"h3"
                        | b"h4"
                        | b"td"
                ) {
                    break;
                }
            }
            e += 1;
        }
        if !rules.is_empty() {
            out.push(Suppression {
                rules,
                reason,
                covers: at..e.max(j),
                at,
            });
        }
        i = j.max(at + 1);
    }
    out
}

/// A line (from its first non-blank byte) that starts a list item (`- `, `* `, `+ `, `1. `,
/// `2) `) or a heading (`#`).
fn starts_block(line: &[u8]) -> bool {
    let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
    let marker = match line.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(b'#') => return true,
        _ if (1..=9).contains(&digits) && matches!(line.get(digits), Some(b'.' | b')')) => {
            digits + 1
        }
        _ => return false,
    };
    matches!(line.get(marker), Some(b' ' | b'\t'))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_comment_covers_next_block_only() {
        let t = b"<!-- tieout-ignore percent-change: restated -->\n<p>A 12% drop</p>\n<p>B 9%</p>";
        let s = scan_bytes(t, false);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rules, vec!["percent-change"]);
        assert_eq!(s[0].reason, "restated");
        let a = t.windows(3).position(|w| w == b"12%").unwrap();
        let b = t.windows(2).position(|w| w == b"9%").unwrap();
        assert!(s[0].covers.contains(&a));
        assert!(!s[0].covers.contains(&b));
    }

    #[test]
    fn plain_line_covers_next_paragraph() {
        let t = b"tieout-ignore change-amount, percent-change: known\nLine one 5%\nline two 6%\n\nNext 7%";
        let s = scan_bytes(t, true);
        assert_eq!(s[0].rules, vec!["change-amount", "percent-change"]);
        let six = t.windows(2).position(|w| w == b"6%").unwrap();
        let seven = t.windows(2).position(|w| w == b"7%").unwrap();
        assert!(s[0].covers.contains(&six));
        assert!(!s[0].covers.contains(&seven));
    }

    #[test]
    fn a_list_item_is_a_block_of_its_own() {
        let t =
            b"<!-- tieout-ignore percent-change -->\n- Revenue rose 12%\n  to $5M\n* Costs 9%\n\
                  1. Margin 7%\n# Heading 6%\n";
        let s = scan_bytes(t, true);
        let at = |p: &[u8]| t.windows(p.len()).position(|w| w == p).unwrap();
        assert!(s[0].covers.contains(&at(b"12%")));
        assert!(
            s[0].covers.contains(&at(b"$5M")),
            "the item's own continuation line"
        );
        assert!(!s[0].covers.contains(&at(b"9%")));
        let one = b"tieout-ignore all\n1. Margin 7%\n2) Next 6%\n- dash 5%\n";
        let s = scan_bytes(one, true);
        let at = |p: &[u8]| one.windows(p.len()).position(|w| w == p).unwrap();
        assert!(s[0].covers.contains(&at(b"7%")));
        assert!(!s[0].covers.contains(&at(b"6%")));
        // in HTML the closing </li> ends the block, and a line starting "- " does not
        let html = b"<!-- tieout-ignore all -->\n<p>A 12%\n- B 9%</p>";
        let s = scan_bytes(html, false);
        assert!(s[0].covers.contains(&(html.len() - 7)));
    }
}
