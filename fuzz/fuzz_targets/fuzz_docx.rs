#![no_main]

include!("common.rs");

use std::io::Write;

/// A .docx whose `word/document.xml` is `xml` (stored, not compressed).
fn docx_of(xml: &[u8]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", opts).expect("zip entry");
    w.write_all(xml).expect("zip write");
    w.finish().expect("zip finish").into_inner()
}

// Input starting with `<` is the XML of the main part, zipped here so the fuzzer works on the
// XML walker; anything else is the container itself (zip, OLE, garbage).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.first() == Some(&b'<') {
        run(&docx_of(data), Format::Docx, "fuzz.docx");
    } else {
        run(data, Format::Docx, "fuzz.docx");
    }
});
