//! Builds .docx files from text at test time (the repository holds no binary fixtures): the
//! parts Word writes (`[Content_Types].xml`, relationships, `word/document.xml`, headers,
//! footers, footnotes) zipped with the `zip` crate.
#![allow(dead_code)]

use std::io::Write;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A document under construction: body XML and extra parts.
#[derive(Default, Clone)]
pub struct Docx {
    body: String,
    /// (part name, relationship type, root element, inner XML)
    parts: Vec<(String, &'static str, &'static str, String)>,
    footnotes: Vec<String>,
}

/// XML-escape text.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:rFonts w:ascii="Calibri"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A paragraph of one run.
pub fn para(text: &str) -> String {
    format!("<w:p>{}</w:p>", run(text))
}

/// A paragraph whose runs are given.
pub fn para_runs(runs: &[&str]) -> String {
    let inner: String = runs.iter().map(|r| run(r)).collect();
    format!("<w:p>{inner}</w:p>")
}

/// A cell: `text`, spanning `span` grid columns, `merge`: `Some("restart")` or `Some("")` (a
/// continuation of a vertical merge).
pub fn cell(text: &str, span: u32, merge: Option<&str>) -> String {
    let mut pr = String::new();
    if span > 1 {
        pr.push_str(&format!(r#"<w:gridSpan w:val="{span}"/>"#));
    }
    match merge {
        Some("") => pr.push_str("<w:vMerge/>"),
        Some(v) => pr.push_str(&format!(r#"<w:vMerge w:val="{v}"/>"#)),
        None => {}
    }
    let p = if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        para(text)
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>{pr}</w:tcPr>{p}</w:tc>")
}

/// A table of plain cells.
pub fn table(rows: &[&[&str]]) -> String {
    let rows: Vec<String> = rows
        .iter()
        .map(|r| r.iter().map(|c| cell(c, 1, None)).collect())
        .collect();
    table_xml(&rows)
}

/// A table from rows of cell XML (see [`cell`]).
pub fn table_xml(rows: &[String]) -> String {
    let body: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
    format!(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>{body}</w:tbl>"#)
}

impl Docx {
    pub fn new() -> Docx {
        Docx::default()
    }

    /// Paragraphs from text separated by blank lines.
    pub fn from_text(text: &str) -> Docx {
        let mut d = Docx::new();
        for p in text.split("\n\n") {
            d = d.para(p.trim());
        }
        d
    }

    pub fn para(mut self, text: &str) -> Docx {
        self.body.push_str(&para(text));
        self
    }

    /// Body XML as given.
    pub fn xml(mut self, xml: &str) -> Docx {
        self.body.push_str(xml);
        self
    }

    pub fn header(mut self, text: &str) -> Docx {
        let n = self.parts.iter().filter(|p| p.2 == "hdr").count() + 1;
        self.parts
            .push((format!("header{n}.xml"), "header", "hdr", para(text)));
        self
    }

    pub fn footer(mut self, text: &str) -> Docx {
        let n = self.parts.iter().filter(|p| p.2 == "ftr").count() + 1;
        self.parts
            .push((format!("footer{n}.xml"), "footer", "ftr", para(text)));
        self
    }

    pub fn footnote(mut self, text: &str) -> Docx {
        self.footnotes.push(text.to_string());
        self
    }

    /// `word/document.xml` as Word writes it.
    pub fn document_xml(&self) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{}<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr></w:body></w:document>"#,
            self.body
        )
    }

    /// The zipped document.
    pub fn build(&self) -> Vec<u8> {
        let mut files: Vec<(String, String)> = Vec::new();
        let mut rels = String::new();
        let mut types = String::new();
        let mut parts = self.parts.clone();
        if !self.footnotes.is_empty() {
            let mut notes = String::from(
                r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#,
            );
            for (i, t) in self.footnotes.iter().enumerate() {
                notes.push_str(&format!(
                    r#"<w:footnote w:id="{}">{}</w:footnote>"#,
                    i + 1,
                    para(t)
                ));
            }
            parts.push(("footnotes.xml".into(), "footnotes", "footnotes", notes));
        }
        for (i, (name, ty, root, inner)) in parts.iter().enumerate() {
            rels.push_str(&format!(
                r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{ty}" Target="{name}"/>"#,
                i + 10
            ));
            types.push_str(&format!(
                r#"<Override PartName="/word/{name}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{ty}+xml"/>"#
            ));
            files.push((
                format!("word/{name}"),
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:{root} xmlns:w="{W}" xmlns:r="{R}">{inner}</w:{root}>"#
                ),
            ));
        }
        files.push((
            "[Content_Types].xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{types}</Types>"#
            ),
        ));
        files.push((
            "_rels/.rels".into(),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#
                .into(),
        ));
        files.push((
            "word/_rels/document.xml.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            ),
        ));
        files.push(("word/document.xml".into(), self.document_xml()));
        zip_files(&files)
    }
}

/// A zip of (name, content) pairs, deflated.
pub fn zip_files(files: &[(String, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in files {
        w.start_file(name.as_str(), opts).expect("zip entry");
        w.write_all(content.as_bytes()).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// What the `fuzz_docx` target checks for an input: input starting with `<` is the XML of
/// `word/document.xml` (zipped here), anything else the container itself.
pub fn fuzz_input(data: &[u8]) -> Vec<u8> {
    if data.first() != Some(&b'<') {
        return data.to_vec();
    }
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", opts).expect("zip entry");
    w.write_all(data).expect("zip write");
    w.finish().expect("zip finish").into_inner()
}
