//! The `tieout` command line.

mod cli {
    pub mod args;
    pub mod walk;
}

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rayon::prelude::*;

use cli::args::{CheckArgs, Cli, ColorChoice, Command, ListFormat, OutputFormat};
use cli::walk::{self, Input, Selector};
use tieout::check::{self, Checker, Options};
use tieout::config::{Config, RuleLevel};
use tieout::report::stream::{self, RunWriter};
use tieout::report::{self, FileReport};
use tieout::rules::Severity;
use tieout::source::{self, SourceError};

/// Exit status for usage, input and configuration errors.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { USAGE } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => match run_check(args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(USAGE)
            }
        },
        Command::Rules { format } => {
            print_out(&list_rules(format));
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match check::rule_by_id(&rule) {
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
                eprintln!("error: {}", unknown_rule(&rule));
                ExitCode::from(USAGE)
            }
        },
        Command::Facts(args) => match run_facts(args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(USAGE)
            }
        },
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "tieout", &mut out);
            print_out(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
        Command::Man { subcommand } => {
            let cmd = Cli::command();
            let page = match &subcommand {
                None => cmd,
                Some(name) => match cmd.find_subcommand(name) {
                    Some(sub) => sub.clone().name(format!("tieout-{name}")),
                    None => {
                        eprintln!("error: no subcommand named `{name}`");
                        return ExitCode::from(USAGE);
                    }
                },
            };
            let mut out = Vec::new();
            if let Err(e) = clap_mangen::Man::new(page).render(&mut out) {
                eprintln!("error: {e}");
                return ExitCode::from(USAGE);
            }
            print_out(&String::from_utf8_lossy(&out));
            ExitCode::SUCCESS
        }
    }
}

fn print_out(s: &str) {
    let mut out = std::io::stdout().lock();
    // a closed pipe (tieout ... | head) is not an error
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn unknown_rule(id: &str) -> String {
    match check::suggest_rule(id) {
        Some(s) => format!("no rule named `{id}`; did you mean `{s}`? (see `tieout rules`)"),
        None => format!("no rule named `{id}` (see `tieout rules`)"),
    }
}

fn list_rules(format: ListFormat) -> String {
    match format {
        ListFormat::Text => check::all_rules()
            .map(|r| {
                format!(
                    "{:<24} {:<8} {}\n",
                    r.id,
                    r.default_severity.as_str(),
                    r.summary
                )
            })
            .collect(),
        ListFormat::Json => {
            let rules: Vec<serde_json::Value> = check::all_rules()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "default_severity": r.default_severity.as_str(),
                        "summary": r.summary,
                        "docs": r.docs,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&rules).expect("rules serialize") + "\n"
        }
    }
}

/// The configuration: --no-config, --config PATH, or tieout.toml found from the current
/// directory up.
fn load_config(args: &CheckArgs) -> Result<Config, String> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(p) => {
            if !p.is_file() {
                return Err(format!("{}: configuration file not found", p.display()));
            }
            Some(p.clone())
        }
        None => std::env::current_dir().ok().and_then(|d| {
            // shown relative to the current directory when it is in it
            Config::discover(&d).map(|p| p.strip_prefix(&d).map(PathBuf::from).unwrap_or(p))
        }),
    };
    match path {
        Some(p) => Config::load(&p).map_err(|e| e.to_string()),
        None => Ok(Config::default()),
    }
}

/// The rule options: command-line flags over the configuration.
fn options(args: &CheckArgs, config: &Config) -> Result<Options, String> {
    for id in args.select.iter().chain(&args.ignore) {
        if check::rule_by_id(id).is_none() {
            return Err(unknown_rule(id));
        }
    }
    let select: Vec<String> = if args.select.is_empty() {
        config.select.clone().unwrap_or_default()
    } else {
        args.select.clone()
    };
    let mut ignore: Vec<String> = if args.ignore.is_empty() {
        config.ignore.clone().unwrap_or_default()
    } else {
        args.ignore.clone()
    };
    let mut severity = std::collections::BTreeMap::new();
    for (rule, level) in &config.severity {
        match level {
            // a rule named in --select is on whatever the configuration says
            RuleLevel::Off if !args.select.contains(rule) => ignore.push(rule.clone()),
            RuleLevel::Off => {}
            RuleLevel::On(s) => {
                severity.insert(rule.clone(), *s);
            }
        }
    }
    Ok(Options {
        select: select.into_iter().collect(),
        ignore: ignore.into_iter().collect(),
        severity,
        no_ignore_comments: args.no_ignore_comments,
        fiscal_year_end_month: config.fiscal_year_end.map(|f| f.month as u8).unwrap_or(0),
    })
}

/// `tieout facts`: the fact table of each document.
fn run_facts(args: CheckArgs) -> Result<ExitCode, String> {
    let config = load_config(&args)?;
    let options = options(&args, &config)?;
    let checker = Checker::new(config.pack()?, options);
    let selector = Selector::new(&args.glob)?;
    let collected = walk::collect(&args.paths, &selector)?;
    let mut rows = Vec::new();
    let mut input_errors = collected.empty.len();
    for e in &collected.empty {
        eprintln!("error: {}: {}", e.path, e.message);
    }
    for input in &collected.inputs {
        let doc = match input.load(args.input_format, args.max_file_size) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("error: {e}");
                input_errors += 1;
                continue;
            }
        };
        rows.extend(checker.facts(&doc).iter().map(|f| fact_row(&doc, f)));
    }
    let out = if args.format == OutputFormat::Json {
        serde_json::to_string_pretty(&serde_json::json!({ "facts": rows }))
            .expect("facts serialize")
            + "\n"
    } else {
        rows.iter().map(fact_line).collect()
    };
    print_out(&out);
    Ok(if input_errors > 0 {
        ExitCode::from(USAGE)
    } else {
        ExitCode::SUCCESS
    })
}

/// One fact as `tieout facts --format json` lists it.
fn fact_row(doc: &source::Document, f: &tieout::facts::Fact) -> serde_json::Value {
    let loc = report::Location::in_doc(doc, doc.span(f.range.clone()));
    let iv = f.fig.interval();
    serde_json::json!({
        "path": doc.path,
        "metric": f.metric,
        "period": f.period.to_string(),
        "text": f.text,
        "value": f.fig.value.normalize().to_string(),
        "interval": [iv.lo.normalize().to_string(), iv.hi.normalize().to_string()],
        "period_written": f.explicit,
        "span": loc,
    })
}

/// One fact as the text format lists it: `path:line:col<TAB>metric<TAB>period<TAB>text`.
fn fact_line(r: &serde_json::Value) -> String {
    format!(
        "{}:{}:{}\t{}\t{}\t{}{}\n",
        r["path"].as_str().unwrap_or(""),
        r["span"]["line"],
        r["span"]["column"],
        r["metric"].as_str().unwrap_or(""),
        r["period"].as_str().unwrap_or(""),
        r["text"].as_str().unwrap_or(""),
        if r["period_written"] == true {
            ""
        } else {
            "\t(period from the heading)"
        }
    )
}

fn run_check(args: CheckArgs) -> Result<ExitCode, String> {
    let config = load_config(&args)?;
    let options = options(&args, &config)?;
    let pack = config.pack()?;
    let deny = args
        .deny
        .map(|d| d.severity())
        .or(config.deny)
        .unwrap_or(Severity::Error);
    let selector = Selector::new(&args.glob)?;
    let collected = walk::collect(&args.paths, &selector)?;
    let mut checker = Checker::new(pack, options);
    for f in &args.facts {
        checker.load_facts(f)?;
    }
    // notes are listed when asked, or when they fail the run
    let show_notes =
        args.show_notes || config.show_notes.unwrap_or(false) || deny == Severity::Note;
    let opts = stream::Options {
        show_notes,
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
        quiet: args.quiet,
        statistics: args.statistics,
        base: std::env::current_dir().ok(),
    };
    let out = std::io::BufWriter::new(Stdout);
    let mut w = RunWriter::new(out, args.format.stream(), opts).map_err(output_error)?;
    for e in &collected.empty {
        eprintln!("error: {}: {}", e.path, e.message);
        w.error(&e.path, &e.message);
    }
    check_inputs(&args, &checker, &collected.inputs, &mut w)?;
    let failed = !w.errors().is_empty();
    let denied = w.summary().denies(deny);
    w.finish().map_err(output_error)?;
    Ok(if failed {
        ExitCode::from(USAGE)
    } else if denied {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Check the inputs in parallel, a batch at a time, and write each file's report in input order
/// as its batch ends: memory holds one batch of documents, not the run.
fn check_inputs<W: Write>(
    args: &CheckArgs,
    checker: &Checker,
    inputs: &[Input],
    w: &mut RunWriter<W>,
) -> Result<(), String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .map_err(|e| format!("--threads {}: {e}", args.threads))?;
    let batch = pool.current_num_threads().max(1) * 4;
    let check_one = |input: &Input| -> Result<FileReport, SourceError> {
        let doc = input.load(args.input_format, args.max_file_size)?;
        Ok(checker.check_owned(doc))
    };
    let mut prior: Vec<check::PriorFacts> = Vec::new();
    for chunk in inputs.chunks(batch) {
        let results: Vec<Result<FileReport, SourceError>> =
            pool.install(|| chunk.par_iter().map(check_one).collect());
        for r in results {
            match r {
                Ok(mut file) => {
                    // facts that disagree with an earlier file of the run
                    checker.cross_check_file(&prior, &mut file);
                    prior.push(check::PriorFacts::take(&mut file));
                    w.file(file).map_err(output_error)?;
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    w.error(e.path(), &e.detail());
                }
            }
        }
    }
    Ok(())
}

fn output_error(e: std::io::Error) -> String {
    format!("cannot write the report: {e}")
}

/// Standard output; a closed pipe (`tieout ... | head`) is not an error: the rest is dropped.
struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::io::stdout().lock().write(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(buf.len()),
            r => r,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match std::io::stdout().lock().flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r,
        }
    }
}
