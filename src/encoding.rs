//! How a file's bytes encode its text: the one judgement that decoding (to text) and line
//! numbering (of the original bytes) share.

/// How a file's bytes encode its text, judged as [`crate::source::decode::decode`] judges it: a UTF-16 byte-order
/// mark, else UTF-8 (with or without its mark) when the bytes are valid UTF-8, else
/// Windows-1252.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    /// The encoding of a whole file.
    pub fn of(bytes: &[u8]) -> Encoding {
        if bytes.starts_with(&[0xFF, 0xFE]) {
            Encoding::Utf16Le
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            Encoding::Utf16Be
        } else {
            let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
            match (std::str::from_utf8(bytes).is_ok(), bom) {
                (true, true) => Encoding::Utf8Bom,
                (true, false) => Encoding::Utf8,
                (false, _) => Encoding::Windows1252,
            }
        }
    }

    /// Bytes of the byte-order mark.
    pub fn bom_len(self) -> usize {
        match self {
            Encoding::Utf8Bom => 3,
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            Encoding::Utf8 | Encoding::Windows1252 => 0,
        }
    }

    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    /// The text of some bytes of a file in this encoding (a span, for a snippet), lossily:
    /// never a panic, and never the NUL bytes of UTF-16.
    pub fn decode(self, bytes: &[u8]) -> String {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => String::from_utf8_lossy(bytes).into_owned(),
            Encoding::Windows1252 => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
            Encoding::Utf16Le | Encoding::Utf16Be => {
                let le = self == Encoding::Utf16Le;
                let units = bytes.chunks_exact(2).map(|c| {
                    if le {
                        u16::from_le_bytes([c[0], c[1]])
                    } else {
                        u16::from_be_bytes([c[0], c[1]])
                    }
                });
                char::decode_utf16(units)
                    .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect()
            }
        }
    }
}

impl Encoding {
    /// Bytes per code unit.
    pub(crate) fn unit(self) -> usize {
        match self {
            Encoding::Utf16Le | Encoding::Utf16Be => 2,
            _ => 1,
        }
    }

    /// The code unit at `i` (a unit boundary) is a line feed.
    pub(crate) fn newline_at(self, b: &[u8], i: usize) -> bool {
        match self {
            Encoding::Utf16Le => b[i] == b'\n' && b.get(i + 1) == Some(&0),
            Encoding::Utf16Be => b[i] == 0 && b.get(i + 1) == Some(&b'\n'),
            _ => b[i] == b'\n',
        }
    }

    /// A character starts at `i` (a unit boundary).
    pub(crate) fn char_starts_at(self, b: &[u8], i: usize) -> bool {
        match self {
            Encoding::Utf8 | Encoding::Utf8Bom => b[i] & 0xC0 != 0x80,
            Encoding::Windows1252 => true,
            // not the second unit of a surrogate pair (0xDC00..=0xDFFF)
            Encoding::Utf16Le => b.get(i + 1).is_none_or(|&h| h & 0xFC != 0xDC),
            Encoding::Utf16Be => b[i] & 0xFC != 0xDC,
        }
    }
}
