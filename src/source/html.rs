//! HTML loader (placeholder: treats the input as text until the HTML loader lands).

use super::decode::Decoded;
use super::Table;
use crate::span::SpanMap;

/// Strip markup from decoded HTML, keeping a map to the original bytes.
pub fn load(decoded: &Decoded, _orig_len: usize) -> (String, SpanMap, Vec<Table>) {
    (decoded.text.clone(), decoded.map.clone(), Vec::new())
}
