//! Shared by `examples/corpus.rs` and `benches/throughput.rs`: finds the documents of the
//! evaluation corpus (read at run time, never copied into the repository) and a tiny PRNG.
//!
//! A corpus directory is walked recursively. `*.html`, `*.htm`, `*.md`, `*.markdown` and `*.txt`
//! files are one document each; a `*.json` file is read as a TAT-QA split (an array of contexts
//! with `paragraphs[].text` and `table.table`), one document per context. A document's subset is
//! the first directory under the corpus root (`releases`, `filings`, `newswire`, `tatqa`), or the
//! root's own name for files directly in it.
//!
//! A `*.tar.xz` archive (the 2024 SEC filings) is unpacked once under `target/corpus-unpacked/`
//! with the system `tar` and its documents are split in two fixed halves by the SHA-1 of the file
//! name: `<archive>-dev` (even digest, the half developed on) and `<archive>-holdout` (odd, the
//! half reported as never looked at while developing).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use tieout::source::Format;

/// One document of the corpus, as bytes (not yet loaded).
pub struct CorpusDoc {
    pub subset: String,
    /// Display path: the file path, or `file.json#uid` for a TAT-QA context.
    pub path: String,
    pub bytes: Vec<u8>,
    /// `None`: detect from the file name, as the CLI does.
    pub format: Option<Format>,
}

/// The default corpus directory: `../shared/corpus` relative to the repository root.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn is_doc(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("html" | "htm" | "md" | "markdown" | "txt")
    )
}

/// The corpus's own README is not a document.
fn is_readme(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().starts_with("readme"))
}

fn is_json(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()) == Some("json")
}

fn is_tar_xz(p: &Path) -> bool {
    p.to_string_lossy().ends_with(".tar.xz")
}

/// The archive's stem: `sec-filings-2024.tar.xz` → `sec-filings-2024`.
fn tar_stem(p: &Path) -> String {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_default()
        .trim_end_matches(".tar.xz")
        .to_string()
}

/// Unpacks `archive` (once) under `target/corpus-unpacked/<stem>` and returns that directory.
fn unpack(archive: &Path) -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/corpus-unpacked")
        .join(tar_stem(archive));
    let done = dir.join(".unpacked");
    if done.exists() {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let status = std::process::Command::new("tar")
        .arg("-xJf")
        .arg(archive)
        .arg("-C")
        .arg(&dir)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() {
        return Err(format!("tar -xJf failed: {status}"));
    }
    std::fs::write(&done, b"").map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Which half of an archive a document belongs to: by the parity of the SHA-1 of its file name.
pub fn split_half(file_name: &str) -> &'static str {
    let digest = sha1_smol::Sha1::from(file_name.as_bytes()).digest().bytes();
    if digest[19].is_multiple_of(2) {
        "dev"
    } else {
        "holdout"
    }
}

/// The documents of an archive, each with its subset `<stem>-dev` or `<stem>-holdout`.
fn archive_docs(archive: &Path) -> Vec<CorpusDoc> {
    let dir = match unpack(archive) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("skipping {}: {e}", archive.display());
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    walk(&dir, &mut files);
    let stem = tar_stem(archive);
    files
        .into_iter()
        .filter(|f| is_doc(f))
        .filter_map(|f| {
            let name = f.file_name()?.to_string_lossy().into_owned();
            let bytes = std::fs::read(&f).ok()?;
            Some(CorpusDoc {
                subset: format!("{stem}-{}", split_half(&name)),
                path: f.display().to_string(),
                bytes,
                format: None,
            })
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if is_readme(&p) {
            continue;
        } else if is_doc(&p) || is_json(&p) || is_tar_xz(&p) {
            out.push(p);
        }
    }
}

/// How TAT-QA contexts become documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct TatqaOptions {
    /// Append the table as a Markdown pipe table (the document is then Markdown).
    pub tables: bool,
}

/// Every document under `root` (a directory or a single file). Unreadable files are reported on
/// standard error and skipped.
pub fn load(root: &Path, tatqa: TatqaOptions) -> Vec<CorpusDoc> {
    let mut files = Vec::new();
    if root.is_dir() {
        walk(root, &mut files);
    } else {
        files.push(root.to_path_buf());
    }
    let root_name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    let mut out = Vec::new();
    for f in files {
        if is_tar_xz(&f) {
            out.extend(archive_docs(&f));
            continue;
        }
        let subset = if root.is_dir() {
            let rel = f.strip_prefix(root).unwrap_or(&f);
            let comps: Vec<_> = rel.components().collect();
            if comps.len() > 1 {
                comps[0].as_os_str().to_string_lossy().into_owned()
            } else {
                root_name.clone()
            }
        } else {
            f.parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root_name.clone())
        };
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("skipping {}: {e}", f.display());
                continue;
            }
        };
        let display = f.display().to_string();
        if is_json(&f) {
            match tatqa_docs(&display, &bytes, tatqa) {
                Ok(docs) => out.extend(docs.into_iter().map(|(path, bytes, format)| CorpusDoc {
                    subset: subset.clone(),
                    path,
                    bytes,
                    format: Some(format),
                })),
                Err(e) => eprintln!("skipping {display}: not a TAT-QA file: {e}"),
            }
        } else {
            out.push(CorpusDoc {
                subset,
                path: display,
                bytes,
                format: None,
            });
        }
    }
    out
}

type Built = (String, Vec<u8>, Format);

/// One document per TAT-QA context: its paragraphs joined by blank lines (and optionally its
/// table as a Markdown pipe table).
pub fn tatqa_docs(path: &str, bytes: &[u8], opt: TatqaOptions) -> Result<Vec<Built>, String> {
    let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let arr = v.as_array().ok_or("top level is not an array")?;
    let mut out = Vec::new();
    for (i, ctx) in arr.iter().enumerate() {
        let Some(paras) = ctx.get("paragraphs").and_then(|p| p.as_array()) else {
            return Err(format!("context {i} has no paragraphs"));
        };
        let mut paras: Vec<(i64, &str)> = paras
            .iter()
            .filter_map(|p| {
                let t = p.get("text")?.as_str()?;
                let o = p.get("order").and_then(|o| o.as_i64()).unwrap_or(0);
                Some((o, t))
            })
            .collect();
        paras.sort_by_key(|p| p.0);
        let mut text = paras
            .iter()
            .map(|p| p.1.trim())
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut format = Format::Text;
        if opt.tables {
            if let Some(rows) = ctx
                .get("table")
                .and_then(|t| t.get("table"))
                .and_then(|t| t.as_array())
            {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .filter_map(|r| r.as_array())
                    .map(|r| {
                        r.iter()
                            .map(|c| {
                                c.as_str()
                                    .unwrap_or("")
                                    .replace('|', "\\|")
                                    .replace('$', "\\$")
                                    .replace('\n', " ")
                            })
                            .collect()
                    })
                    .collect();
                if let Some(first) = rows.first() {
                    let width = rows.iter().map(|r| r.len()).max().unwrap_or(0).max(1);
                    let line = |r: &[String]| {
                        let mut cells: Vec<String> = r.to_vec();
                        cells.resize(width, String::new());
                        format!("| {} |", cells.join(" | "))
                    };
                    text.push_str("\n\n");
                    text.push_str(&line(first));
                    text.push('\n');
                    text.push_str(&format!("|{}", " --- |".repeat(width)));
                    for r in &rows[1..] {
                        text.push('\n');
                        text.push_str(&line(r));
                    }
                    text.push('\n');
                    format = Format::Markdown;
                }
            }
        }
        let uid = ctx
            .get("table")
            .and_then(|t| t.get("uid"))
            .and_then(|u| u.as_str())
            .map(|s| s.to_string())
            .unwrap_or_else(|| i.to_string());
        out.push((format!("{path}#{uid}"), text.into_bytes(), format));
    }
    Ok(out)
}

/// splitmix64: a tiny deterministic PRNG (no `rand` needed).
#[derive(Clone, Debug)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// A generator for one item, independent of how many numbers others drew.
    pub fn derive(seed: u64, parts: &[u64]) -> Self {
        let mut g = SplitMix64(seed);
        for &p in parts {
            g.0 ^= p;
            g.next_u64();
        }
        g
    }
}

/// FNV-1a hash of a string, to derive per-document generators.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}
