//! Paragraph and sentence boundaries.

use std::ops::Range;

/// Paragraphs: runs of text separated by blank lines (whitespace-only lines).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            // is the next line blank?
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' || j >= b.len() {
                push_trimmed(text, start..i, &mut out);
                // skip all blank lines
                let mut k = j;
                while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r' | b'\n') {
                    k += 1;
                }
                start = k;
                i = k;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start..b.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    if r.start >= r.end {
        return;
    }
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "mr", "mrs", "ms", "dr", "no", "vs", "u.s", "st",
    "jr", "sr", "approx", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "fig", "est", "avg", "n.a", "u.k", "s.a", "n.v", "p.m", "a.m",
];

/// Sentences of one paragraph.
pub fn sentences(text: &str, para: Range<usize>) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = para.start;
    let mut i = para.start;
    while i < para.end {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // closing quotes or parentheses after the stop
            loop {
                if j < para.end && matches!(b[j], b'"' | b'\'' | b')') {
                    j += 1;
                } else if text[j.min(para.end)..para.end].starts_with(['\u{201D}', '\u{2019}']) {
                    j += 3;
                } else {
                    break;
                }
            }
            // "2023.The Company": a stop with no space before a capitalised word
            if c == b'.'
                && j == i + 1
                && j + 1 < para.end
                && b[j].is_ascii_uppercase()
                && b[j + 1].is_ascii_lowercase()
                && i > start
                && (b[i - 1].is_ascii_digit() || b[i - 1].is_ascii_lowercase())
                && !abbreviation(text, start, i)
            {
                out.push(start..j);
                start = j;
                i = j;
                continue;
            }
            let ws_start = j;
            while j < para.end && matches!(b[j], b' ' | b'\n' | b'\t' | b'\r') {
                j += 1;
            }
            if j > ws_start
                && j < para.end
                && starts_sentence(b[j])
                && !abbreviation(text, start, i)
            {
                out.push(start..ws_start);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < para.end {
        out.push(start..para.end);
    }
    out
}

fn starts_sentence(c: u8) -> bool {
    c.is_ascii_uppercase()
        || c.is_ascii_digit()
        || matches!(c, b'"' | b'$' | b'(' | b'\\' | b'*' | b'-' | 0xE2 | 0xEF)
}

/// Is the word before the stop at `dot` an abbreviation or an initial?
fn abbreviation(text: &str, start: usize, dot: usize) -> bool {
    if text.as_bytes()[dot] != b'.' {
        return false;
    }
    let before = &text[start..dot];
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
        return true; // an initial: "J. Smith"
    }
    let lw = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lw.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_paragraphs_on_blank_lines() {
        let t = "One.\n\n  \nTwo lines\nwrapped.\n\nThree";
        let p: Vec<&str> = paragraphs(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(p, vec!["One.", "Two lines\nwrapped.", "Three"]);
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_decimals() {
        let t = "Ascent Solar Technologies, Inc. reported $1.5M. Mr. Lee said so. Revenue was up 3.2% vs. last year! Next";
        let s: Vec<&str> = sentences(t, 0..t.len())
            .into_iter()
            .map(|r| &t[r])
            .collect();
        assert_eq!(
            s,
            vec![
                "Ascent Solar Technologies, Inc. reported $1.5M.",
                "Mr. Lee said so.",
                "Revenue was up 3.2% vs. last year!",
                "Next"
            ]
        );
    }
}
