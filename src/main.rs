//! The `tieout` command line.

mod cli {
    pub mod args;
    pub mod configs;
    pub mod report;
    pub mod walk;
}

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use rayon::prelude::*;

use cli::args::{CheckArgs, Cli, ColorChoice, Command, ListFormat, OutputFormat};
use cli::configs::{unknown_rule, Plan};
use cli::walk::{self, Input, Selector};
use tieout::check;
use tieout::report::stream::{self, RunWriter};
use tieout::report::{self, FileReport};
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
        Command::Report(args) => match cli::report::run(args) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
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

/// `tieout facts`: the fact table of each document.
fn run_facts(args: CheckArgs) -> Result<ExitCode, String> {
    let selector = Selector::new(&args.glob)?;
    let collected = walk::collect(&args.paths, &selector)?;
    let plan = Plan::new(&args, &collected.inputs)?;
    let mut rows = Vec::new();
    let mut tagged = Vec::new();
    let mut skipped = Vec::new();
    let mut input_errors = collected.empty.len();
    for e in &collected.empty {
        eprintln!("error: {}: {}", e.path, e.message);
    }
    for (i, input) in collected.inputs.iter().enumerate() {
        let doc = match input.load(args.input_format, args.max_file_size) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("error: {e}");
                input_errors += 1;
                continue;
            }
        };
        let checker = &plan.of(i).checker;
        let facts = checker.facts(&doc);
        rows.extend(facts.iter().map(|f| fact_row(&doc, f)));
        tagged.extend(tieout::xbrl::tagged_rows(&doc, checker.calendar(&doc)));
        for n in doc.xbrl.iter().flat_map(|x| &x.notes) {
            skipped.push(serde_json::json!({
                "path": doc.path,
                "message": n.message,
                "span": doc.location(n.span),
            }));
        }
    }
    let out = if args.format == OutputFormat::Json {
        let mut all = serde_json::json!({ "facts": rows });
        if !tagged.is_empty() || !skipped.is_empty() {
            all["tagged"] = serde_json::to_value(&tagged).expect("facts serialize");
            all["skipped"] = serde_json::Value::Array(skipped);
        }
        serde_json::to_string_pretty(&all).expect("facts serialize") + "\n"
    } else {
        let mut s: String = rows.iter().map(fact_line).collect();
        s.extend(tagged.iter().map(tagged_line));
        for n in &skipped {
            let message = n["message"].as_str().unwrap_or("");
            s.push_str(&format!("{}\tskipped\t{message}\n", located(n)));
        }
        s
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
    let loc = doc.location(doc.span(f.range.clone()));
    let iv = f.fig.interval();
    serde_json::json!({
        "path": doc.path,
        "metric": f.metric,
        "period": f.period.to_string(),
        "text": f.text,
        "value": f.fig.value.normalize().to_string(),
        "unit": check::unit_name(&f.fig),
        "interval": [iv.lo.normalize().to_string(), iv.hi.normalize().to_string()],
        "period_written": f.explicit,
        "span": loc,
    })
}

/// `path:line:col` of a row with a `path` and a `span`.
fn located(r: &serde_json::Value) -> String {
    let path = r["path"].as_str().unwrap_or("");
    format!("{path}:{}:{}", r["span"]["line"], r["span"]["column"])
}

/// One fact as the text format lists it: `path:line:col<TAB>metric<TAB>period<TAB>text`.
fn fact_line(r: &serde_json::Value) -> String {
    format!(
        "{}\t{}\t{}\t{}{}\n",
        located(r),
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

/// One tagged fact of `tieout facts`: where, concept, period (and its fiscal name), value and
/// unit, decimals, dimensions.
fn tagged_line(t: &tieout::xbrl::TaggedRow) -> String {
    let (line, col) = t.span.map(|l| (l.line, l.column)).unwrap_or((0, 0));
    let fiscal = t
        .fiscal_period
        .as_ref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let dims: Vec<String> = t
        .dimensions
        .iter()
        .map(|(a, m)| format!("{a}={m}"))
        .collect();
    let dims = if dims.is_empty() {
        "-".to_string()
    } else {
        dims.join(" ")
    };
    let hidden = if t.hidden { "\thidden" } else { "" };
    format!(
        "{}:{line}:{col}\t{}\t{}{fiscal}\t{} {}\tdecimals {}\t{}{hidden}\n",
        t.path, t.concept, t.period, t.value, t.unit, t.decimals, dims
    )
}

fn run_check(args: CheckArgs) -> Result<ExitCode, String> {
    let selector = Selector::new(&args.glob)?;
    let collected = walk::collect(&args.paths, &selector)?;
    let plan = Plan::new(&args, &collected.inputs)?;
    let opts = stream::Options {
        show_notes: plan.here().show_notes,
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
    let denied = check_inputs(&args, &plan, &collected.inputs, &mut w)?;
    let failed = !w.errors().is_empty();
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
/// as its batch ends: memory holds one batch of documents, not the run. Returns whether a
/// finding reached its file's deny level.
fn check_inputs<W: Write>(
    args: &CheckArgs,
    plan: &Plan,
    inputs: &[Input],
    w: &mut RunWriter<W>,
) -> Result<bool, String> {
    // one input is checked on this thread: starting a pool costs more than a short release
    let pool = match inputs.len() {
        0 | 1 => None,
        _ => Some(
            rayon::ThreadPoolBuilder::new()
                .num_threads(args.threads)
                .build()
                .map_err(|e| format!("--threads {}: {e}", args.threads))?,
        ),
    };
    let batch = pool
        .as_ref()
        .map_or(1, |p| p.current_num_threads().max(1) * 4);
    let check_one = |i: usize| -> Result<FileReport, SourceError> {
        let doc = inputs[i].load(args.input_format, args.max_file_size)?;
        Ok(plan.of(i).checker.check_owned(doc))
    };
    let mut prior = check::Prior::default();
    let mut denied = false;
    for chunk in (0..inputs.len()).collect::<Vec<_>>().chunks(batch) {
        let results: Vec<Result<FileReport, SourceError>> = match &pool {
            Some(pool) => pool.install(|| chunk.par_iter().map(|&i| check_one(i)).collect()),
            None => chunk.iter().map(|&i| check_one(i)).collect(),
        };
        for (&i, r) in chunk.iter().zip(results) {
            let profile = plan.of(i);
            match r {
                Ok(mut file) => {
                    // facts that disagree with an earlier file of the run
                    profile.checker.cross_check_file(&prior, &mut file);
                    prior.push(check::PriorFacts::take(&mut file));
                    file.config = profile.path.clone();
                    denied |= report::Summary::of(std::slice::from_ref(&file)).denies(profile.deny);
                    w.file(file, profile.show_notes).map_err(output_error)?;
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    w.error(e.path(), &e.detail());
                }
            }
        }
    }
    Ok(denied)
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
