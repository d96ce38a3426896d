//! TOML read with its errors located: line, column and the key path, for the rule packs,
//! the configuration and facts files alike.

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[start..].chars().count() + 1)
}

/// A TOML error located in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TomlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The dotted path of the key the error is about (`severity.percent-change`).
    pub key: Option<String>,
    pub message: String,
}

impl TomlError {
    /// `origin: line 3, column 1: key `x`: message`.
    pub fn located(&self, origin: &str) -> String {
        let mut s = origin.to_string();
        if let (Some(l), Some(c)) = (self.line, self.column) {
            s.push_str(&format!(": line {l}, column {c}"));
        }
        if let Some(k) = &self.key {
            s.push_str(&format!(": key `{k}`"));
        }
        format!("{s}: {}", self.message)
    }
}

/// Deserialize TOML, an error located by toml's span and named by the key path the
/// deserializer was at (serde_path_to_error); "unknown field" is said "unknown key".
pub(crate) fn from_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, TomlError> {
    serde_path_to_error::deserialize(toml::Deserializer::new(text)).map_err(|e| {
        // toml::Spanned deserializes through private fields: not part of the key
        let path = e
            .path()
            .to_string()
            .split('.')
            .filter(|seg| !seg.starts_with("$__"))
            .collect::<Vec<_>>()
            .join(".");
        let inner = e.into_inner();
        let (line, column) = match inner.span() {
            Some(s) => {
                let (l, c) = line_col(text, s.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        let message = inner.message().trim_end();
        let message = match message.strip_prefix("unknown field") {
            Some(rest) => format!("unknown key{rest}"),
            None => message.to_string(),
        };
        TomlError {
            line,
            column,
            key: (!path.is_empty() && path != ".").then_some(path),
            message,
        }
    })
}
