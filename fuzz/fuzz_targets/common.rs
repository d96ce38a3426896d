// Shared by the fuzz targets: load the bytes as one format, check, and assert the report's spans
// are sane: inside the file, on char boundaries, and every figure's and table cell's span reads
// as its text (tieout::source::verify). Any panic (in tieout or here) is a crash libFuzzer saves
// under fuzz/artifacts/.

use std::sync::OnceLock;

use tieout::check::Checker;
use tieout::source::{load_bytes, verify, Format};

fn checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(Checker::default_checker)
}

pub fn run(data: &[u8], format: Format, name: &str) {
    let Ok(doc) = load_bytes(name, data.to_vec(), Some(format)) else {
        return;
    };
    let report = checker().check(&doc);
    // spans index the document's original: the bytes given, or the text read from a .docx
    let data: &[u8] = &report.source;
    let misread = verify::violations(&doc, &checker().figures(&doc));
    assert!(misread.is_empty(), "span misread: {}", misread[0]);
    let utf8 = std::str::from_utf8(data).ok();
    let spans = report.spans();
    for s in spans {
        let end = s.offset + s.length;
        assert!(
            end <= data.len(),
            "span {}..{} past the end ({})",
            s.offset,
            end,
            data.len()
        );
        if let Some(t) = utf8 {
            assert!(
                t.is_char_boundary(s.offset) && t.is_char_boundary(end),
                "span {}..{} not on char boundaries",
                s.offset,
                end
            );
        }
    }
}
