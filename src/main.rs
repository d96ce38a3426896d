//! The `tieout` command line.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use tieout::check::{Checker, Options};
use tieout::pack::Pack;
use tieout::report::{human, json, FileReport, Report};
use tieout::rules::{self, Severity};
use tieout::source::{self, Format, SourceError};

#[derive(Parser, Debug)]
#[command(
    name = "tieout",
    version,
    about = "Ties out the numbers in financial disclosures: recomputes every stated change, percentage and total",
    long_about = None
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check documents (files, directories, or - for standard input).
    Check(CheckArgs),
    /// List every rule with its id, default severity and summary.
    Rules,
    /// Print a rule's documentation, with a worked example.
    Explain {
        /// The rule id, e.g. percent-change.
        rule: String,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum DenyLevel {
    Error,
    Warning,
    Note,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Exit 1 when a finding at or above this level is found.
    #[arg(long, value_enum, default_value_t = DenyLevel::Error)]
    deny: DenyLevel,
    /// Read inputs as this format instead of detecting it.
    #[arg(long, value_enum)]
    input_format: Option<Format>,
    /// List notes (claims that cannot be checked) in the human format.
    #[arg(long)]
    show_notes: bool,
    /// Print findings only, no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Colour in the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Never these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Report findings silenced by tieout-ignore comments.
    #[arg(long)]
    no_ignore_comments: bool,
    /// Largest input file, in bytes.
    #[arg(long, default_value_t = source::DEFAULT_MAX_FILE_SIZE)]
    max_file_size: u64,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => run_check(args),
        Command::Rules => {
            let mut out = String::new();
            for r in rules::ALL {
                out.push_str(&format!(
                    "{:<24} {:<8} {}\n",
                    r.id,
                    r.default_severity.as_str(),
                    r.summary
                ));
            }
            print_out(&out);
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match rules::by_id(&rule) {
            Some(r) => {
                print_out(&format!(
                    "{} ({})\n\n{}\n\n{}\n",
                    r.id,
                    r.default_severity.as_str(),
                    r.summary,
                    r.docs
                ));
                ExitCode::SUCCESS
            }
            None => {
                let ids: Vec<&str> = rules::ALL.iter().map(|r| r.id).collect();
                eprintln!(
                    "error: no rule named `{rule}`; rules are: {}",
                    ids.join(", ")
                );
                ExitCode::from(2)
            }
        },
    }
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    // a closed pipe (tieout ... | head) is not an error
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// One input: a path on disk, or standard input.
enum Input {
    Path(PathBuf),
    Stdin,
}

fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
            continue;
        }
        if p.is_dir() {
            let mut found = Vec::new();
            for entry in ignore::WalkBuilder::new(p).build() {
                let entry = entry.map_err(|e| format!("{}: {e}", p.display()))?;
                let path = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file()) && checked_by_default(path) {
                    found.push(path.to_path_buf());
                }
            }
            found.sort();
            out.extend(found.into_iter().map(Input::Path));
        } else {
            out.push(Input::Path(p.clone()));
        }
    }
    Ok(out)
}

fn checked_by_default(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(ext.as_str(), "txt" | "md" | "markdown" | "htm" | "html")
}

fn run_check(args: CheckArgs) -> ExitCode {
    for id in args.select.iter().chain(&args.ignore) {
        if rules::by_id(id).is_none() {
            eprintln!("error: no rule named `{id}` (see `tieout rules`)");
            return ExitCode::from(2);
        }
    }
    let options = Options {
        select: args.select.iter().cloned().collect(),
        ignore: args.ignore.iter().cloned().collect(),
        no_ignore_comments: args.no_ignore_comments,
        ..Options::default()
    };
    let checker = Checker::new(Pack::builtin(), options);
    let inputs = match collect_inputs(&args.paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let results: Vec<Result<FileReport, SourceError>> = inputs
        .par_iter()
        .map(|input| {
            let doc = match input {
                Input::Path(p) => source::load_path(p, args.input_format, args.max_file_size)?,
                Input::Stdin => {
                    let mut buf = Vec::new();
                    std::io::stdin()
                        .read_to_end(&mut buf)
                        .map_err(|e| SourceError::Io {
                            path: "<stdin>".into(),
                            message: e.to_string(),
                        })?;
                    source::load_bytes("<stdin>", buf, args.input_format)?
                }
            };
            Ok(checker.check(&doc))
        })
        .collect();
    let mut files = Vec::new();
    let mut input_errors = 0;
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => {
                eprintln!("error: {e}");
                input_errors += 1;
            }
        }
    }
    let report = Report::new(files);
    let out = match args.format {
        OutputFormat::Json => json::render(&report),
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            human::render(
                &report,
                &human::HumanOptions {
                    color,
                    show_notes: args.show_notes,
                    quiet: args.quiet,
                    ..Default::default()
                },
            )
        }
    };
    print_out(&out);
    if input_errors > 0 {
        return ExitCode::from(2);
    }
    let deny = match args.deny {
        DenyLevel::Error => Severity::Error,
        DenyLevel::Warning => Severity::Warning,
        DenyLevel::Note => Severity::Note,
    };
    if report.summary.denies(deny) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
