//! `--format json`: one JSON object, `{"files":[...],"summary":{...}}`, plus
//! `"statistics":{"rule-id":count,...}` with `--statistics`.

use super::Report;

/// Render the report as pretty JSON.
pub fn render(report: &Report) -> String {
    serde_json::to_string_pretty(report).expect("report serializes") + "\n"
}

/// Render the report, with the per-rule `statistics` object when asked.
pub fn render_with(report: &Report, statistics: bool) -> String {
    if !statistics {
        return render(report);
    }
    let mut v = serde_json::to_value(report).expect("report serializes");
    v["statistics"] = serde_json::to_value(report.statistics()).expect("statistics serialize");
    serde_json::to_string_pretty(&v).expect("report serializes") + "\n"
}
