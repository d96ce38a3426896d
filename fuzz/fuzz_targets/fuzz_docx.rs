#![no_main]

include!("common.rs");

// The test suite's .docx builder: `fuzz_input` is what tests/fuzz_regressions.rs replays too.
#[path = "../../tests/common/docx.rs"]
mod docx;

// Input starting with `<` is the XML of the main part, zipped so the fuzzer works on the XML
// walker; anything else is the container itself (zip, OLE, garbage).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    run(&docx::fuzz_input(data), Format::Docx, "fuzz.docx");
});
