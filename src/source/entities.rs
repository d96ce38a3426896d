//! HTML character references (`&amp;`, `&#36;`, `&#x2014;`) decoded with their source ranges.
//!
//! Named references come from the full HTML table (the `entities` crate), so HTML and Markdown
//! (pulldown-cmark) agree on every name; an unknown name is kept verbatim.

/// Decode the character reference starting at `s[0] == b'&'`. Returns the replacement text and
/// the number of source bytes it consumed.
pub fn decode_at(s: &str) -> Option<(Replacement, usize)> {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'&' {
        return None;
    }
    if b[1] == b'#' {
        let (hex, digits_start) = if b.len() > 2 && (b[2] == b'x' || b[2] == b'X') {
            (true, 3)
        } else {
            (false, 2)
        };
        let mut i = digits_start;
        let mut value: u32 = 0;
        while i < b.len() {
            let d = match (hex, b[i]) {
                (_, c @ b'0'..=b'9') => (c - b'0') as u32,
                (true, c @ b'a'..=b'f') => (c - b'a' + 10) as u32,
                (true, c @ b'A'..=b'F') => (c - b'A' + 10) as u32,
                _ => break,
            };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == digits_start {
            return None;
        }
        if i < b.len() && b[i] == b';' {
            i += 1;
        }
        return Some((Replacement::Char(numeric_char(value)), i));
    }
    // named: letters and digits, then ';' (or, for the legacy names, without it)
    let mut i = 1;
    while i < b.len() && i <= 32 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == 1 {
        return None;
    }
    let t = table();
    if i < b.len() && b[i] == b';' {
        if let Some(r) = t.get(&s[1..=i]) {
            return Some((Replacement::Str(r), i + 1));
        }
    }
    // the longest legacy name the run starts with: "&amp x", "&copy2024"
    (2..=i)
        .rev()
        .find_map(|end| t.get(&s[1..end]).map(|r| (Replacement::Str(r), end)))
}

/// The named character references of HTML: the WHATWG table (2,231 entries, the legacy names
/// written without `;` among them) from the `entities` crate, keyed by the name after `&`
/// (`amp;`, `amp`).
fn table() -> &'static std::collections::HashMap<&'static str, &'static str> {
    static T: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    T.get_or_init(|| {
        ::entities::ENTITIES
            .iter()
            .map(|e| (&e.entity[1..], e.characters))
            .collect()
    })
}

/// What a character reference stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacement {
    Char(char),
    Str(&'static str),
}

fn numeric_char(v: u32) -> char {
    // Windows-1252 remapping of C1 controls, as HTML specifies
    const C1: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let v = if (0x80..0xA0).contains(&v) {
        C1[(v - 0x80) as usize]
    } else {
        v
    };
    if v == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(v).unwrap_or('\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_numeric_and_named() {
        assert_eq!(decode_at("&#36;4"), Some((Replacement::Char('$'), 5)));
        assert_eq!(decode_at("&#x2014;"), Some((Replacement::Char('—'), 8)));
        assert_eq!(decode_at("&#150;"), Some((Replacement::Char('–'), 6)));
        assert_eq!(decode_at("&nbsp;x"), Some((Replacement::Str("\u{a0}"), 6)));
        assert_eq!(decode_at("&amp x"), Some((Replacement::Str("&"), 4)));
        assert_eq!(decode_at("&bogus;"), None);
        // the whole HTML table: names financial documents rarely use, legacy ones without ';'
        assert_eq!(decode_at("&frac34;"), Some((Replacement::Str("¾"), 8)));
        assert_eq!(decode_at("&Rarrtl;"), Some((Replacement::Str("⤖"), 8)));
        assert_eq!(
            decode_at("&NotNestedLessLess;"),
            Some((Replacement::Str("⪡̸"), 19))
        );
        assert_eq!(decode_at("&copy2024"), Some((Replacement::Str("©"), 5)));
        assert_eq!(decode_at("&ampx;"), Some((Replacement::Str("&"), 4)));
        assert_eq!(decode_at("& x"), None);
        assert_eq!(decode_at("&#;"), None);
        assert_eq!(
            decode_at("&#99999999999;"),
            Some((Replacement::Char('\u{FFFD}'), 14))
        );
    }
}
