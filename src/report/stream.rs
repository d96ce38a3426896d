//! A run's report written as it goes: each file's findings as soon as the file is checked, then
//! the end (summary, statistics, inputs that could not be read). Memory holds one file's report
//! whatever the format or the number of files: the JSON and SARIF documents are written piece
//! by piece, never built whole.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

pub use super::InputError;
use super::{github, human, sarif, short, FileReport, Report, Summary};

/// The output formats of `tieout check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Short,
    Json,
    Sarif,
    Github,
}

/// How a run is rendered.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// List notes in the human, short, github and sarif formats.
    pub show_notes: bool,
    /// Colour in the human format.
    pub color: bool,
    /// No summary line in the text formats.
    pub quiet: bool,
    /// Findings per rule: a table in the text formats, `statistics` in JSON and SARIF.
    pub statistics: bool,
    /// SARIF: absolute paths under this directory are written relative to it.
    pub base: Option<PathBuf>,
}

/// Writes one run's report to `out`.
pub struct RunWriter<W: Write> {
    out: W,
    format: Format,
    opts: Options,
    files: usize,
    /// SARIF results written.
    results: usize,
    summary: Summary,
    statistics: BTreeMap<String, usize>,
    /// Files per configuration file.
    configs: BTreeMap<Option<String>, usize>,
    errors: Vec<InputError>,
}

impl<W: Write> RunWriter<W> {
    /// Start the report (the JSON and SARIF documents open here).
    pub fn new(mut out: W, format: Format, opts: Options) -> io::Result<Self> {
        match format {
            Format::Json => out.write_all(b"{\n  \"files\": [")?,
            Format::Sarif => {
                out.write_all(
                    b"{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \
                      \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": ",
                )?;
                pretty(&mut out, &sarif::tool(), 6)?;
                out.write_all(
                    b",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
                )?;
            }
            _ => {}
        }
        Ok(RunWriter {
            out,
            format,
            opts,
            files: 0,
            results: 0,
            summary: Summary::default(),
            statistics: BTreeMap::new(),
            configs: BTreeMap::new(),
            errors: Vec::new(),
        })
    }

    /// The counts so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// The inputs recorded as not checked so far.
    pub fn errors(&self) -> &[InputError] {
        &self.errors
    }

    /// Write one file's report; `show_notes`: list its notes (in the line-oriented formats).
    pub fn file(&mut self, file: FileReport, show_notes: bool) -> io::Result<()> {
        self.summary.add(&Summary::of(std::slice::from_ref(&file)));
        for f in &file.findings {
            *self.statistics.entry(f.rule.clone()).or_insert(0) += 1;
        }
        *self.configs.entry(file.config.clone()).or_insert(0) += 1;
        match self.format {
            Format::Json => {
                self.out.write_all(if self.files == 0 {
                    b"\n    "
                } else {
                    b",\n    "
                })?;
                pretty(&mut self.out, &file, 4)?;
            }
            Format::Sarif => {
                let base = self.opts.base.clone();
                for result in sarif::results(&file, show_notes, base.as_deref()) {
                    self.out.write_all(if self.results == 0 {
                        b"\n        "
                    } else {
                        b",\n        "
                    })?;
                    pretty(&mut self.out, &result, 8)?;
                    self.results += 1;
                }
            }
            Format::Short => self
                .out
                .write_all(short::render(&Report::new(vec![file]), show_notes).as_bytes())?,
            Format::Github => self
                .out
                .write_all(github::render(&Report::new(vec![file]), show_notes).as_bytes())?,
            Format::Human => {
                let opts = human::HumanOptions {
                    color: self.opts.color,
                    show_notes,
                    quiet: true,
                    ..Default::default()
                };
                self.out
                    .write_all(human::render(&Report::new(vec![file]), &opts).as_bytes())?
            }
        }
        self.files += 1;
        Ok(())
    }

    /// Record an input that could not be checked (named in the JSON and SARIF reports; the text
    /// formats leave it to the caller's message on standard error).
    pub fn error(&mut self, path: &str, message: &str) {
        self.errors.push(InputError {
            path: path.to_string(),
            message: message.to_string(),
        });
    }

    /// End the report: summary, statistics, the inputs not checked. Returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        match self.format {
            Format::Json => self.finish_json()?,
            Format::Sarif => self.finish_sarif()?,
            _ => {
                if self.opts.statistics {
                    let t = super::statistics_text_of(&self.statistics);
                    self.out.write_all(t.as_bytes())?;
                    self.out.write_all(configs_text(&self.configs).as_bytes())?;
                }
                if !self.opts.quiet {
                    let tail = Report {
                        files: Vec::new(),
                        summary: self.summary.clone(),
                    };
                    let opts = human::HumanOptions {
                        show_notes: self.opts.show_notes,
                        ..Default::default()
                    };
                    self.out
                        .write_all(human::summary_line(&tail, &opts).as_bytes())?;
                }
            }
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn finish_json(&mut self) -> io::Result<()> {
        let out = &mut self.out;
        out.write_all(if self.files == 0 { b"]" } else { b"\n  ]" })?;
        out.write_all(b",\n  \"errors\": ")?;
        pretty(out, &self.errors, 2)?;
        out.write_all(b",\n  \"summary\": ")?;
        pretty(out, &self.summary, 2)?;
        if self.opts.statistics {
            out.write_all(b",\n  \"statistics\": ")?;
            pretty(out, &self.statistics, 2)?;
        }
        out.write_all(b"\n}\n")
    }

    fn finish_sarif(&mut self) -> io::Result<()> {
        let base = self.opts.base.clone();
        let out = &mut self.out;
        out.write_all(if self.results == 0 {
            b"]"
        } else {
            b"\n      ]"
        })?;
        out.write_all(b",\n      \"invocations\": ")?;
        pretty(out, &[sarif::invocation(&self.errors, base.as_deref())], 6)?;
        if self.opts.statistics {
            out.write_all(b",\n      \"properties\": ")?;
            pretty(
                out,
                &serde_json::json!({ "statistics": &self.statistics }),
                6,
            )?;
        }
        out.write_all(b"\n    }\n  ]\n}\n")
    }
}

/// A whole report rendered in memory.
pub fn render(report: &Report, format: Format, opts: Options) -> String {
    let run = || -> io::Result<Vec<u8>> {
        let mut w = RunWriter::new(Vec::new(), format, opts)?;
        let show_notes = w.opts.show_notes;
        for f in &report.files {
            w.file(f.clone(), show_notes)?;
        }
        w.finish()
    };
    let bytes = run().expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("every format writes UTF-8")
}

/// `--statistics` in the text formats, after the counts per rule: which configuration file
/// checked how many files (`configuration: docs/tieout.toml (2 files)`); files checked with
/// the defaults are not listed.
fn configs_text(configs: &BTreeMap<Option<String>, usize>) -> String {
    let mut out = String::new();
    for (path, n) in configs {
        if let Some(path) = path {
            let s = if *n == 1 { "" } else { "s" };
            out.push_str(&format!("configuration: {path} ({n} file{s})\n"));
        }
    }
    out
}

/// Write `v` as pretty JSON, its lines after the first indented by `indent` spaces.
fn pretty<W: Write, T: Serialize + ?Sized>(out: &mut W, v: &T, indent: usize) -> io::Result<()> {
    let pad = " ".repeat(indent);
    let mut w = Indented {
        out,
        pad: pad.as_bytes(),
    };
    serde_json::to_writer_pretty(&mut w, v).map_err(io::Error::other)
}

/// A writer that indents every line after the first.
struct Indented<'a, W: Write> {
    out: &'a mut W,
    pad: &'a [u8],
}

impl<W: Write> Write for Indented<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(nl) = memchr::memchr(b'\n', rest) {
            self.out.write_all(&rest[..=nl])?;
            self.out.write_all(self.pad)?;
            rest = &rest[nl + 1..];
        }
        self.out.write_all(rest)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
