//! HTML character references (`&amp;`, `&#36;`, `&#x2014;`) decoded with their source ranges.
//!
//! The named table holds the references that occur in financial documents (spaces, dashes,
//! quotes, currency and math signs, accented letters); an unknown name is kept verbatim.

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
    // named: letters and digits, then ';'
    let mut i = 1;
    while i < b.len() && i <= 32 && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    if i == 1 {
        return None;
    }
    let name = &s[1..i];
    let has_semi = i < b.len() && b[i] == b';';
    if has_semi {
        return named(name).map(|r| (Replacement::Str(r), i + 1));
    }
    // a few legacy references are recognized without the semicolon
    match name {
        "amp" => Some((Replacement::Str("&"), i)),
        "lt" => Some((Replacement::Str("<"), i)),
        "gt" => Some((Replacement::Str(">"), i)),
        "quot" => Some((Replacement::Str("\""), i)),
        "nbsp" => Some((Replacement::Str("\u{a0}"), i)),
        _ => None,
    }
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

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" | "NonBreakingSpace" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" | "ThinSpace" => "\u{2009}",
        "hairsp" => "\u{200A}",
        "numsp" => "\u{2007}",
        "puncsp" => "\u{2008}",
        "zwsp" | "ZeroWidthSpace" => "\u{200B}",
        "zwnj" => "\u{200C}",
        "zwj" => "\u{200D}",
        "lrm" => "\u{200E}",
        "rlm" => "\u{200F}",
        "shy" => "\u{AD}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "minus" => "\u{2212}",
        "hyphen" | "dash" => "\u{2010}",
        "horbar" => "\u{2015}",
        "lsquo" | "OpenCurlyQuote" => "\u{2018}",
        "rsquo" | "rsquor" | "CloseCurlyQuote" => "\u{2019}",
        "sbquo" | "lsquor" => "\u{201A}",
        "ldquo" | "OpenCurlyDoubleQuote" => "\u{201C}",
        "rdquo" | "rdquor" | "CloseCurlyDoubleQuote" => "\u{201D}",
        "bdquo" | "ldquor" => "\u{201E}",
        "laquo" => "\u{AB}",
        "raquo" => "\u{BB}",
        "lsaquo" => "\u{2039}",
        "rsaquo" => "\u{203A}",
        "hellip" | "mldr" => "\u{2026}",
        "bull" | "bullet" => "\u{2022}",
        "middot" | "centerdot" | "CenterDot" => "\u{B7}",
        "prime" => "\u{2032}",
        "Prime" => "\u{2033}",
        "euro" => "\u{20AC}",
        "pound" => "\u{A3}",
        "yen" => "\u{A5}",
        "cent" => "\u{A2}",
        "curren" => "\u{A4}",
        "inr" => "\u{20B9}",
        "copy" | "COPY" => "\u{A9}",
        "reg" | "REG" | "circledR" => "\u{AE}",
        "trade" | "TRADE" => "\u{2122}",
        "sect" => "\u{A7}",
        "para" => "\u{B6}",
        "deg" => "\u{B0}",
        "plusmn" | "pm" | "PlusMinus" => "\u{B1}",
        "times" => "\u{D7}",
        "divide" | "div" => "\u{F7}",
        "frac14" => "\u{BC}",
        "frac12" | "half" => "\u{BD}",
        "frac34" => "\u{BE}",
        "frac13" => "\u{2153}",
        "frac23" => "\u{2154}",
        "sup1" => "\u{B9}",
        "sup2" => "\u{B2}",
        "sup3" => "\u{B3}",
        "permil" => "\u{2030}",
        "micro" => "\u{B5}",
        "ordm" => "\u{BA}",
        "ordf" => "\u{AA}",
        "not" => "\u{AC}",
        "brvbar" => "\u{A6}",
        "uml" | "die" | "Dot" => "\u{A8}",
        "macr" => "\u{AF}",
        "acute" => "\u{B4}",
        "cedil" => "\u{B8}",
        "iexcl" => "\u{A1}",
        "iquest" => "\u{BF}",
        "dagger" => "\u{2020}",
        "Dagger" | "ddagger" => "\u{2021}",
        "loz" => "\u{25CA}",
        "check" | "checkmark" => "\u{2713}",
        "cross" => "\u{2717}",
        "larr" => "\u{2190}",
        "rarr" => "\u{2192}",
        "uarr" => "\u{2191}",
        "darr" => "\u{2193}",
        "le" | "leq" => "\u{2264}",
        "ge" | "geq" => "\u{2265}",
        "ne" => "\u{2260}",
        "asymp" | "approx" => "\u{2248}",
        "infin" => "\u{221E}",
        "percnt" => "%",
        "dollar" => "$",
        "comma" => ",",
        "period" => ".",
        "colon" => ":",
        "semi" => ";",
        "lpar" => "(",
        "rpar" => ")",
        "lsqb" | "lbrack" => "[",
        "rsqb" | "rbrack" => "]",
        "num" => "#",
        "excl" => "!",
        "quest" => "?",
        "sol" => "/",
        "bsol" => "\\",
        "ast" | "midast" => "*",
        "plus" => "+",
        "equals" => "=",
        "commat" => "@",
        "lowbar" | "UnderBar" => "_",
        "verbar" | "vert" => "|",
        "tilde" => "\u{2DC}",
        "circ" => "\u{2C6}",
        "Agrave" => "\u{C0}",
        "Aacute" => "\u{C1}",
        "Acirc" => "\u{C2}",
        "Atilde" => "\u{C3}",
        "Auml" => "\u{C4}",
        "Aring" => "\u{C5}",
        "AElig" => "\u{C6}",
        "Ccedil" => "\u{C7}",
        "Egrave" => "\u{C8}",
        "Eacute" => "\u{C9}",
        "Ecirc" => "\u{CA}",
        "Euml" => "\u{CB}",
        "Igrave" => "\u{CC}",
        "Iacute" => "\u{CD}",
        "Icirc" => "\u{CE}",
        "Iuml" => "\u{CF}",
        "ETH" => "\u{D0}",
        "Ntilde" => "\u{D1}",
        "Ograve" => "\u{D2}",
        "Oacute" => "\u{D3}",
        "Ocirc" => "\u{D4}",
        "Otilde" => "\u{D5}",
        "Ouml" => "\u{D6}",
        "Oslash" => "\u{D8}",
        "Ugrave" => "\u{D9}",
        "Uacute" => "\u{DA}",
        "Ucirc" => "\u{DB}",
        "Uuml" => "\u{DC}",
        "Yacute" => "\u{DD}",
        "THORN" => "\u{DE}",
        "szlig" => "\u{DF}",
        "agrave" => "\u{E0}",
        "aacute" => "\u{E1}",
        "acirc" => "\u{E2}",
        "atilde" => "\u{E3}",
        "auml" => "\u{E4}",
        "aring" => "\u{E5}",
        "aelig" => "\u{E6}",
        "ccedil" => "\u{E7}",
        "egrave" => "\u{E8}",
        "eacute" => "\u{E9}",
        "ecirc" => "\u{EA}",
        "euml" => "\u{EB}",
        "igrave" => "\u{EC}",
        "iacute" => "\u{ED}",
        "icirc" => "\u{EE}",
        "iuml" => "\u{EF}",
        "eth" => "\u{F0}",
        "ntilde" => "\u{F1}",
        "ograve" => "\u{F2}",
        "oacute" => "\u{F3}",
        "ocirc" => "\u{F4}",
        "otilde" => "\u{F5}",
        "ouml" => "\u{F6}",
        "oslash" => "\u{F8}",
        "ugrave" => "\u{F9}",
        "uacute" => "\u{FA}",
        "ucirc" => "\u{FB}",
        "uuml" => "\u{FC}",
        "yacute" => "\u{FD}",
        "thorn" => "\u{FE}",
        "yuml" => "\u{FF}",
        "OElig" => "\u{152}",
        "oelig" => "\u{153}",
        "Scaron" => "\u{160}",
        "scaron" => "\u{161}",
        "Yuml" => "\u{178}",
        "fnof" => "\u{192}",
        _ => return None,
    })
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
        assert_eq!(decode_at("& x"), None);
        assert_eq!(decode_at("&#;"), None);
        assert_eq!(
            decode_at("&#99999999999;"),
            Some((Replacement::Char('\u{FFFD}'), 14))
        );
    }
}
