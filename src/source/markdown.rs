//! Markdown loader (placeholder: treats the input as text until the Markdown loader lands).

use super::decode::Decoded;
use super::Table;
use crate::span::SpanMap;

/// Strip Markdown syntax, keeping a map to the original bytes.
pub fn load(decoded: &Decoded, _orig_len: usize) -> (String, SpanMap, Vec<Table>) {
    (decoded.text.clone(), decoded.map.clone(), Vec::new())
}
