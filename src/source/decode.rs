//! Byte decoding: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1252, and the binary check.
//!
//! The decoded text comes with a [`SpanMap`] to the original bytes; for UTF-8 it is the identity
//! (shifted past a BOM), for other encodings each non-ASCII character maps to its source bytes.

use super::SourceError;
pub use crate::encoding::Encoding;
use crate::span::{SpanMap, TextBuilder};

/// Decoded text and its map to the original bytes.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub map: SpanMap,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`.
    pub encoding: &'static str,
}

impl Decoded {
    pub fn into_text_and_map(self, _orig_len: usize) -> (String, SpanMap) {
        (self.text, self.map)
    }
}

/// Decode `bytes` (named `path` in errors).
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, SourceError> {
    if bytes.is_empty() {
        return Err(SourceError::Empty {
            path: path.to_string(),
        });
    }
    let enc = Encoding::of(bytes);
    check_not_binary(path, bytes)?;
    // a UTF-8 mark before Windows-1252 text is dropped too
    let shift = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        enc.bom_len()
    };
    let body = &bytes[shift..];
    match enc {
        Encoding::Utf16Le | Encoding::Utf16Be => {
            decode_utf16(path, bytes, enc == Encoding::Utf16Le)
        }
        Encoding::Windows1252 => Ok(decode_single_byte(body, shift, bytes.len())),
        Encoding::Utf8 | Encoding::Utf8Bom => {
            let s = std::str::from_utf8(body).unwrap_or_default();
            let map = if shift == 0 {
                SpanMap::identity(s.len())
            } else {
                let mut b = TextBuilder::new();
                b.push_verbatim(s, shift);
                b.finish(bytes.len()).1
            };
            Ok(Decoded {
                text: s.to_string(),
                map,
                encoding: enc.name(),
            })
        }
    }
}

/// How many leading bytes the binary check reads.
pub const SNIFF_LEN: usize = 8192;

/// Refuse binary data, judged from the first [`SNIFF_LEN`] bytes (of a UTF-8 text after its
/// byte-order mark; UTF-16 text, whose NUL bytes are its encoding, is judged once decoded).
pub fn check_not_binary(path: &str, bytes: &[u8]) -> Result<(), SourceError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(());
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match binary_reason(body) {
        Some(reason) => Err(SourceError::Binary {
            path: path.to_string(),
            reason,
        }),
        None => Ok(()),
    }
}

/// Binary data: a NUL byte, or many control characters, in the first 8 KiB.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(p) = head.iter().position(|&b| b == 0) {
        return Some(format!("NUL byte at offset {p}"));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if head.len() >= 32 && controls * 10 > head.len() {
        return Some(format!(
            "{controls} control bytes in the first {} bytes",
            head.len()
        ));
    }
    None
}

fn decode_single_byte(body: &[u8], shift: usize, orig_len: usize) -> Decoded {
    let enc = encoding_rs::WINDOWS_1252;
    let mut b = TextBuilder::with_capacity(body.len() + body.len() / 8);
    let mut i = 0;
    while i < body.len() {
        // run of ASCII: verbatim
        let start = i;
        while i < body.len() && body[i] < 0x80 {
            i += 1;
        }
        if i > start {
            // ASCII is valid UTF-8
            let s = std::str::from_utf8(&body[start..i]).unwrap_or_default();
            b.push_verbatim(s, shift + start);
        }
        if i < body.len() {
            let (cow, _had_errors) = enc.decode_without_bom_handling(&body[i..i + 1]);
            b.push_replaced(&cow, shift + i..shift + i + 1);
            i += 1;
        }
    }
    let (text, map) = b.finish(orig_len);
    Decoded {
        text,
        map,
        encoding: Encoding::Windows1252.name(),
    }
}

fn decode_utf16(path: &str, bytes: &[u8], le: bool) -> Result<Decoded, SourceError> {
    let body = &bytes[2..];
    if !body.len().is_multiple_of(2) {
        return Err(SourceError::Decode {
            path: path.to_string(),
            message: "UTF-16 text with an odd number of bytes".to_string(),
        });
    }
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    let mut b = TextBuilder::with_capacity(units.len());
    let mut pos = 2usize; // byte offset in the original of the current unit
    for r in char::decode_utf16(units.iter().copied()) {
        let (ch, n_units) = match r {
            Ok(c) => (c, c.len_utf16()),
            Err(_) => ('\u{FFFD}', 1),
        };
        let mut buf = [0u8; 4];
        let s = ch.encode_utf8(&mut buf);
        let end = pos + 2 * n_units;
        b.push_replaced(s, pos..end);
        pos = end;
    }
    let (text, map) = b.finish(bytes.len());
    if text.contains('\0') {
        return Err(SourceError::Binary {
            path: path.to_string(),
            reason: "NUL character in UTF-16 text".to_string(),
        });
    }
    Ok(Decoded {
        text,
        map,
        encoding: if le {
            Encoding::Utf16Le.name()
        } else {
            Encoding::Utf16Be.name()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_skipped_and_spans_shift() {
        let d = decode("x", b"\xEF\xBB\xBF$5M").unwrap();
        assert_eq!(d.text, "$5M");
        assert_eq!(d.map.map_range(0..3).offset, 3);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_maps_each_byte() {
        // "a\x80 $5" : euro sign is one byte in cp1252, three in UTF-8
        let d = decode("x", b"a\x80 $5").unwrap();
        assert_eq!(d.text, "a\u{20AC} $5");
        assert_eq!(d.encoding, "windows-1252");
        let span = d.map.map_range(5..7);
        assert_eq!((span.offset, span.length), (3, 2));
        let euro = d.map.map_range(1..4);
        assert_eq!((euro.offset, euro.length), (1, 1));
    }

    #[test]
    fn utf16le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "$7M".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode("x", &bytes).unwrap();
        assert_eq!(d.text, "$7M");
        let span = d.map.map_range(1..3);
        assert_eq!((span.offset, span.length), (4, 4));
    }

    #[test]
    fn binary_and_empty_are_errors() {
        assert!(matches!(
            decode("x", b"ab\0cd"),
            Err(SourceError::Binary { .. })
        ));
        assert!(matches!(decode("x", b""), Err(SourceError::Empty { .. })));
    }
}
