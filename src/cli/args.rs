//! The command-line grammar.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use tieout::rules::Severity;
use tieout::source::{self, Format};

#[derive(Parser, Debug)]
#[command(
    name = "tieout",
    version,
    about = "Ties out the numbers in financial disclosures: recomputes every stated change, percentage and total",
    long_about = None,
    after_help = "Exit status: 0 clean, 1 findings at or above the --deny level, 2 usage, input or configuration error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check documents (files, directories, or - for standard input).
    Check(CheckArgs),
    /// List every rule with its id, default severity and summary.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation, with a worked example.
    Explain {
        /// The rule id, e.g. percent-change.
        rule: String,
    },
    /// Write an HTML review page: the document with every figure highlighted by what tieout
    /// concluded, findings in a side panel (one page per file and an index for several).
    Report(ReportArgs),
    /// Print the facts (metric, period, value) tieout understood in documents: text, or JSON
    /// with --format json.
    Facts(CheckArgs),
    /// Print a shell completion script to standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output.
    Man {
        /// A subcommand's page instead of the main one (e.g. `check`).
        subcommand: Option<String>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Diagnostics with source snippets (miette).
    Human,
    /// One line per finding: path:line:col: severity[rule]: message.
    Short,
    /// The full report as JSON.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

impl OutputFormat {
    /// The report format it stands for.
    pub fn stream(self) -> tieout::report::stream::Format {
        use tieout::report::stream::Format;
        match self {
            OutputFormat::Human => Format::Human,
            OutputFormat::Short => Format::Short,
            OutputFormat::Json => Format::Json,
            OutputFormat::Sarif => Format::Sarif,
            OutputFormat::Github => Format::Github,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DenyLevel {
    Error,
    Warning,
    Note,
}

impl DenyLevel {
    pub fn severity(self) -> Severity {
        match self {
            DenyLevel::Error => Severity::Error,
            DenyLevel::Warning => Severity::Warning,
            DenyLevel::Note => Severity::Note,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Exit 1 when a finding at or above this level is found [default: error, or `deny` in tieout.toml].
    #[arg(long, value_enum)]
    pub deny: Option<DenyLevel>,
    /// Read inputs as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<Format>,
    /// List notes (claims that cannot be checked) in the human, short, github and sarif formats.
    #[arg(long)]
    pub show_notes: bool,
    /// Print findings only, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the number of findings per rule after the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Colour in the human format (auto: only on a terminal, and not when NO_COLOR is set).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Only these rules (comma-separated ids); replaces `select` in tieout.toml.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never these rules (comma-separated ids); replaces `ignore` in tieout.toml.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Report findings silenced by tieout-ignore comments.
    #[arg(long)]
    pub no_ignore_comments: bool,
    /// Which files in directories are checked (repeatable; `!GLOB` excludes)
    /// [default: *.txt, *.md, *.markdown, *.htm, *.html, *.docx].
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,
    /// Files checked at once (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Use this configuration file for every file [default: the tieout.toml nearest to each
    /// file, in its directory or the closest one above].
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any tieout.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Largest input file, in bytes.
    #[arg(long, default_value_t = source::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// Prior-period figures (TOML or CSV: metric, period, value, unit, source) that make
    /// changes stated without their base checkable. May be given more than once.
    #[arg(long = "facts", value_name = "FILE")]
    pub facts: Vec<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// The page to write (one input; default review.html), or the directory for the pages and
    /// index.html (several inputs; default review/).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The options of `check` (--format, --color, --quiet and --statistics do not apply).
    #[command(flatten)]
    pub check: CheckArgs,
}
