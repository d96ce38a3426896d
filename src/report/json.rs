//! `--format json`: one JSON object, `{"files":[...],"errors":[...],"summary":{...}}`, plus
//! `"statistics":{"rule-id":count,...}` with `--statistics`. Written a file at a time by
//! [`super::stream::RunWriter`].

use super::stream::{self, Format, Options};
use super::Report;

/// Render the report as pretty JSON.
pub fn render(report: &Report) -> String {
    render_with(report, false)
}

/// Render the report, with the per-rule `statistics` object when asked.
pub fn render_with(report: &Report, statistics: bool) -> String {
    let opts = Options {
        statistics,
        ..Options::default()
    };
    stream::render(report, Format::Json, opts)
}
