//! The binary's front: parse arguments, run a command, print the outcome and
//! pick the exit code — the one place that does each of these.
//!
//! Exit codes: 0 everything issued or checked clean; 1 problems in the data or
//! a document that could not be built; 2 bad usage or a missing tool.

mod archive;
mod args;
mod criteria;
mod evaluation;
mod progress;
mod report;
mod scaffold;
mod threads;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use clap::error::{ContextKind, ErrorKind};

use crate::archive::lock::{self, Attempt, OutputLock};
use crate::error::Fatal;
use crate::pipeline::{self, Progress, RunConfig};
use crate::typeset::Typesetter;
pub use args::{Cli, Command, Format};

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    match run(cli) {
        Ok(code) => code,
        Err(fatal) => {
            eprintln!("{fatal}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Fatal> {
    threads::check_from_env()?;
    let global = cli.global;
    match cli.command {
        Command::Check(args) => {
            let config = RunConfig {
                workspace: global.workspace,
                output: global.output,
                only: args.documents,
                round: args.round,
                report: None,
            };
            // Fonts are a typesetting matter: check does not need them.
            let checked = pipeline::check(&config, crate::typeset::fonts::FALLBACK_FAMILY)?;
            match args.format {
                Format::Text => report::print_check(&checked),
                Format::Json => report::print_check_json(&checked),
            }
            let code = exit_code(checked.diagnostics.has_errors());
            // Memory only (no file, no lock): the process ends here and
            // gives it all back at once, while freeing the round's tens of
            // thousands of households one by one took a tenth of the time
            // `check` spends after reading.
            std::mem::forget(checked);
            Ok(code)
        }
        Command::Build(args) => {
            let report = match (args.report, args.period) {
                (Some(name), Some(period)) => Some(crate::load::ReportRequest { name, period }),
                _ => None,
            };
            let config = RunConfig {
                workspace: global.workspace,
                output: global.output,
                only: args.documents,
                round: args.round,
                report,
            };
            // Check the tools first: a missing typst is one message, not one per document.
            let typesetter = Typesetter::locate()?;
            crate::load::require_workspace(&config.workspace)?;
            let _lock = hold_output(&config.output, args.wait.no_wait)?;
            let reporter = progress::Reporter::new(io::stderr().is_terminal());
            let options = pipeline::BuildOptions { supersede: args.supersede, docx: args.docx };
            let built = pipeline::build(&config, &typesetter, options, &|event: Progress| reporter.report(&event));
            reporter.finish();
            let built = built?;
            report::print_build(&built);
            Ok(exit_code(built.checked.diagnostics.has_errors() || !built.failed.is_empty()))
        }
        Command::Dashboard(args) => {
            let config = RunConfig {
                workspace: global.workspace,
                output: global.output,
                only: Vec::new(),
                round: args.round,
                report: None,
            };
            crate::load::require_workspace(&config.workspace)?;
            let _lock = hold_output(&config.output, args.wait.no_wait)?;
            let run = pipeline::dashboard(&config)?;
            report::print_dashboard(&run);
            Ok(exit_code(run.checked.diagnostics.has_errors()))
        }
        Command::Archive(args) => archive::run(args.command, &global.output),
        Command::Init(args) => scaffold::init(args, &global.workspace),
        Command::New(args) => scaffold::new(args, &global.workspace),
        Command::Criteria(args) => criteria::run(args.command, &global.workspace, &global.output),
        Command::Forms(args) if args.weekly || args.week.is_some() => {
            // Checked here rather than by clap, whose conflict messages are English.
            crate::weekly::check_flags(args.weekly, args.previous.is_some())?;
            crate::load::require_workspace(&global.workspace)?;
            let _lock = hold_output(&global.output, args.wait.no_wait)?;
            let config = crate::weekly::WeeklyFormsConfig {
                workspace: global.workspace,
                output: global.output,
                week: args.week,
            };
            let outcome = crate::weekly::write_forms(&config)?;
            Ok(print_outcome(&outcome.diagnostics, outcome.summary()))
        }
        Command::Forms(args) => {
            crate::load::require_workspace(&global.workspace)?;
            let _lock = hold_output(&global.output, args.wait.no_wait)?;
            let config = crate::forms::FormsConfig {
                workspace: global.workspace,
                output: global.output,
                previous: args.previous,
            };
            let outcome = crate::forms::run(&config)?;
            Ok(print_outcome(&outcome.diagnostics, outcome.summary()))
        }
    }
}

/// Holds the output folder for a command that writes into it. While
/// another run holds it, says so and waits (the other run's files are then
/// found in place, not in the way) — or, with `--no-wait`, gives up.
fn hold_output(output: &Path, no_wait: bool) -> Result<OutputLock, Fatal> {
    let busy = match lock::try_take(output).map_err(lock_fatal)? {
        Attempt::Taken(lock) => return Ok(lock),
        Attempt::Busy(busy) => busy,
    };
    let other = match busy.holder.describe() {
        Some(who) => format!("một lần chạy khác của ntm ({who})"),
        None => "một lần chạy khác của ntm".to_string(),
    };
    if no_wait {
        return Err(Fatal::environment(format!(
            "thư mục kết quả `{}` đang bận: {other} đang ghi vào đó",
            output.display()
        ))
        .with_hint("chạy lại khi lần chạy kia xong, hoặc bỏ `--no-wait` để ntm tự chờ"));
    }
    eprintln!("Đang chờ {other} ghi xong vào thư mục kết quả `{}`…", output.display());
    let started = Instant::now();
    let lock = busy.wait().map_err(lock_fatal)?;
    eprintln!("Lần chạy kia đã xong (chờ {}); tiếp tục.", lock::duration(started.elapsed().as_secs()));
    Ok(lock)
}

fn lock_fatal(err: lock::LockError) -> Fatal {
    Fatal::environment(format!("không khóa được thư mục kết quả ở `{}`: {}", err.path.display(), err.source))
        .with_hint("kiểm tra quyền ghi vào thư mục kết quả, hoặc chọn thư mục khác bằng `--output`")
}

/// The end of a command that writes files: its problems, then what it wrote.
fn print_outcome(diagnostics: &crate::diag::Diagnostics, summary: Vec<String>) -> ExitCode {
    for d in diagnostics.sorted() {
        eprintln!("{d}");
    }
    if !diagnostics.is_empty() {
        eprintln!();
    }
    for line in summary {
        eprintln!("{line}");
    }
    exit_code(diagnostics.has_errors())
}

fn exit_code(problems: bool) -> ExitCode {
    if problems { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// Help and version go to stdout with 0; everything else is a usage error in
/// Vietnamese with exit code 2.
fn usage_error(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = write!(io::stdout(), "{err}");
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            eprintln!(
                "lỗi: thiếu lệnh (init, new, build, check, dashboard, forms, criteria hoặc archive)\n  gợi ý: xã mới bắt đầu bằng `ntm init THƯ_MỤC --xa TÊN_XÃ --tinh TÊN_TỈNH`; xem `ntm --help`"
            );
            return ExitCode::from(2);
        }
        _ => {}
    }
    let what = |kind| err.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let message = match err.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn `{}`", what(ContextKind::InvalidArg)),
        ErrorKind::InvalidSubcommand => format!("không có lệnh `{}`", what(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue => format!(
            "giá trị `{}` không hợp lệ cho `{}`",
            what(ContextKind::InvalidValue),
            what(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => format!("thiếu tham số bắt buộc {}", what(ContextKind::InvalidArg)),
        _ => format!("tham số dòng lệnh không hợp lệ: {}", err.render().to_string().lines().next().unwrap_or_default()),
    };
    eprintln!("lỗi: {message}\n  gợi ý: xem `ntm --help`");
    ExitCode::from(2)
}
