//! Encodings end to end, and every kind of bad input: exact messages, exit status 2, no panic.

use assert_cmd::Command;
use serde_json::Value;

const BAD: &str = "Net loss decreased 12% to $5.5 million from $7.0 million.\n";

fn tieout() -> Command {
    Command::cargo_bin("tieout").unwrap()
}

/// The one finding's span sliced out of the file's original bytes.
fn finding_bytes(path: &std::path::Path) -> (String, Value) {
    let out = tieout()
        .args(["check", "--no-config", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = json["files"][0]["findings"][0].clone();
    let bytes = std::fs::read(path).unwrap();
    let o = f["span"]["offset"].as_u64().unwrap() as usize;
    let l = f["span"]["length"].as_u64().unwrap() as usize;
    (String::from_utf8_lossy(&bytes[o..o + l]).into_owned(), f)
}

#[test]
fn every_encoding_points_at_the_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-8 with a byte-order mark
    let p = dir.path().join("bom.txt");
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice(BAD.as_bytes());
    std::fs::write(&p, &b).unwrap();
    let (s, f) = finding_bytes(&p);
    assert_eq!(s, "12%");
    assert_eq!(f["span"]["offset"], 3 + 19);
    // the byte-order mark is not a column
    assert_eq!(
        (&f["span"]["line"], &f["span"]["column"]),
        (&1.into(), &20.into())
    );

    // Windows-1252: a euro sign and curly quotes (one byte each) before the figure
    let p = dir.path().join("cp1252.txt");
    let mut b = b"\x93Draft\x94 \x80 note. ".to_vec();
    b.extend_from_slice(BAD.as_bytes());
    std::fs::write(&p, &b).unwrap();
    let (s, f) = finding_bytes(&p);
    assert_eq!(s, "12%");
    assert_eq!(f["span"]["offset"], 16 + 19);
    assert_eq!(f["span"]["column"], 16 + 20);

    // UTF-16, both byte orders: the span covers the figure's code units
    for (name, le) in [("le.txt", true), ("be.txt", false)] {
        let p = dir.path().join(name);
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in BAD.encode_utf16() {
            b.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        std::fs::write(&p, &b).unwrap();
        let (_, f) = finding_bytes(&p);
        assert_eq!(f["span"]["offset"], 2 + 2 * 19, "{name}");
        assert_eq!(f["span"]["length"], 2 * 3, "{name}");
        // columns count characters, not bytes; the snippet is decoded text, not UTF-16 bytes
        assert_eq!(f["span"]["column"], 20, "{name}");
        assert_eq!(f["snippet"], "12%", "{name}");
        let out = tieout()
            .args(["check", "--no-config", "--format", "sarif"])
            .arg(&p)
            .output()
            .unwrap();
        let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
        let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (
                &region["startColumn"],
                &region["endColumn"],
                &region["snippet"]["text"]
            ),
            (&20.into(), &23.into(), &"12%".into()),
            "{name}"
        );
        let bytes = std::fs::read(&p).unwrap();
        let units: Vec<u16> = bytes[40..46]
            .chunks(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        assert_eq!(String::from_utf16(&units).unwrap(), "12%");
    }
}

fn exit_and_stderr(args: &[&std::ffi::OsStr]) -> (i32, String) {
    let out = tieout().args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_inputs_exit_2_with_a_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let os = |p: &std::path::Path| p.as_os_str().to_owned();
    let check = std::ffi::OsString::from("check");
    let no_config = std::ffi::OsString::from("--no-config");

    // empty
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    assert_eq!(
        exit_and_stderr(&[&check, &no_config, &os(&empty)]),
        (
            2,
            format!(
                "error: {}: is empty; there is nothing to check\n",
                empty.display()
            )
        )
    );

    // binary
    let bin = dir.path().join("image.txt");
    std::fs::write(&bin, b"PNG\x00\x01\x02").unwrap();
    assert_eq!(
        exit_and_stderr(&[&check, &no_config, &os(&bin)]),
        (
            2,
            format!(
                "error: {}: looks like binary data (NUL byte at offset 3); tieout checks text, Markdown and HTML\n",
                bin.display()
            )
        )
    );

    // cannot be read: a dangling link (root reads files whatever their mode)
    let link = dir.path().join("gone.txt");
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), &link).unwrap();
    assert_eq!(
        exit_and_stderr(&[&check, &no_config, &os(&link)]),
        (
            2,
            format!("error: {}: cannot read: no such file\n", link.display())
        )
    );

    // a directory where a file is required
    let facts = std::ffi::OsString::from("--facts");
    let (code, err) = exit_and_stderr(&[&check, &no_config, &facts, &os(dir.path()), &os(&empty)]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("error: {}: cannot read: ", dir.path().display())),
        "{err}"
    );

    // a 1 GiB file (sparse: no disk used) is refused before it is read
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    assert_eq!(
        exit_and_stderr(&[&check, &no_config, &os(&big)]),
        (
            2,
            format!(
                "error: {}: is 1073741824 bytes, over the limit of 268435456 bytes (--max-file-size)\n",
                big.display()
            )
        )
    );
}

#[test]
fn files_that_can_be_read_are_still_reported_beside_bad_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("bad-figure.txt");
    std::fs::write(&good, BAD).unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = tieout()
        .args(["check", "--no-config", "--format", "short"])
        .arg(&empty)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!("{}:1:20: error[percent-change]", good.display())),
        "{stdout}"
    );
}

/// `tieout check --format json --show-notes` on one file: exit status, stderr, the findings as
/// `(rule, message, snippet)`.
fn json_findings(name: &str, content: &str) -> (i32, String, Vec<(String, String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, content).unwrap();
    let out = tieout()
        .args(["check", "--no-config", "--format", "json", "--show-notes"])
        .arg(&p)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let findings = json["files"][0]["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
                    (s("rule"), s("message"), s("snippet"))
                })
                .collect()
        })
        .unwrap_or_default();
    (out.status.code().unwrap_or(-1), stderr, findings)
}

/// Figures beyond what a decimal holds, scaled or hedged out of range, or written with more
/// decimals than a decimal keeps, in prose and in table cells: each once panicked (exit 101).
/// Now the number is not read as a figure, and a claim it breaks says so.
#[test]
fn figures_out_of_range_are_notes_not_panics() {
    let cases: &[(&str, &str)] = &[
        ("scale.txt", "Revenue was 100000000000000000 trillion.\n"),
        (
            "hedge.txt",
            "Revenue was more than $100,000,000,000,000,000 billion, up 5% from $3 million.\n",
        ),
        ("pow.txt", "Growth was 1000000000000000000000% this year.\n"),
        (
            "cell.md",
            "| Item | 2023 | 2022 |\n|---|---|---|\n| Revenue | 1.00000000000000000000000000001 | 2.5 |\n\
             | Total | 1.00000000000000000000000000001 | 2.5 |\n\nRevenue was $1.0 in 2023.\n",
        ),
        (
            "cell.html",
            "<table><tr><td>Item</td><td>2023</td></tr><tr><td>Revenue</td>\
             <td>99999999999999999999999999999</td></tr><tr><td>Total</td>\
             <td>99999999999999999999999999999</td></tr></table>",
        ),
        (
            "divide.txt",
            "Gross margin increased 45% to 45.0% from 0.0% a year earlier.\n",
        ),
    ];
    for (name, text) in cases {
        let (code, stderr, findings) = json_findings(name, text);
        assert_eq!((code, stderr.as_str()), (0, ""), "{name}: {findings:?}");
        if *name == "hedge.txt" {
            assert_eq!(
                findings,
                vec![(
                    "unverifiable".to_string(),
                    "cannot be checked: $100,000,000,000,000,000 billion is out of the range \
                     tieout computes with"
                        .to_string(),
                    "$100,000,000,000,000,000 billion".to_string()
                )]
            );
        }
    }
    // a 29-digit figure is named, not taken for a missing base
    let (code, _, findings) = json_findings(
        "digits.txt",
        "Revenue increased 10% to $1,100 from $1,000,000,000,000,000,000,000,000,000.\n",
    );
    assert_eq!(code, 0);
    assert_eq!(
        findings,
        vec![(
            "unverifiable".to_string(),
            "cannot be checked: $1,000,000,000,000,000,000,000,000,000 is out of the range \
             tieout computes with"
                .to_string(),
            "$1,000,000,000,000,000,000,000,000,000".to_string()
        )]
    );
}

/// Inputs without a size (devices, pipes, standard input) are read only up to the limit, and
/// binary data is refused from its first 8 KiB: `tieout check /dev/zero` once grew to 24 GB.
#[test]
fn endless_inputs_stop_at_the_limit() {
    let (code, err) = exit_and_stderr(&[
        "check".as_ref(),
        "--no-config".as_ref(),
        "/dev/zero".as_ref(),
    ]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "error: /dev/zero: looks like binary data (NUL byte at offset 0); tieout checks text, \
             Markdown and HTML\n"
        )
    );

    // text on standard input past --max-file-size
    let out = tieout()
        .args(["check", "--no-config", "--max-file-size", "1000", "-"])
        .write_stdin("Revenue was $5 million.\n".repeat(100))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: <stdin>: is more than 1000 bytes, over the limit (--max-file-size)\n"
    );

    // a named pipe fed without end: refused once the limit is passed, naming the pipe
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let feeder = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            let line = b"Revenue was $5 million.\n";
            // until tieout closes the pipe
            while f.write_all(line).is_ok() {}
        })
    };
    let out = tieout()
        .args(["check", "--no-config", "--max-file-size", "100000"])
        .arg(&fifo)
        .output()
        .unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: {}: is more than 100000 bytes, over the limit (--max-file-size)\n",
            fifo.display()
        )
    );
}
