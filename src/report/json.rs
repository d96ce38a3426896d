//! `--format json`: one JSON object, `{"files":[...],"summary":{...}}`.

use super::Report;

/// Render the report as pretty JSON.
pub fn render(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("report serializes") + "\n"
}
