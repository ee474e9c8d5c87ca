//! Stage 4, typeset: run `typst compile` on a staged document.
//!
//! Typst runs as a subprocess with everything that could vary pinned: the
//! root is the staging folder (the document can read nothing outside it), the
//! only fonts are the one folder `FontDir` found, the creation time is the
//! document's date, and diagnostics come one per line. A compilation that
//! runs longer than [`TIMEOUT_SECS`] (or `NTM_TYPST_TIMEOUT` seconds) is
//! killed: a document typst cannot finish must fail with a message, not
//! hang the run.

pub mod fonts;
pub mod tool;

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use wait_timeout::ChildExt;

use crate::diag::{Diagnostic, Location, Severity};
use crate::error::Fatal;
pub use fonts::FontDir;
pub use tool::Typst;

/// Longest a single `typst compile` may run, in seconds. The rendered body
/// is capped at 1 MiB (about 300 pages, see `convert`), which typst sets in
/// seconds; five minutes leaves room for a slow office computer.
pub const TIMEOUT_SECS: u64 = 300;

/// Overrides [`TIMEOUT_SECS`] (seconds, decimals allowed); for tests and for
/// very slow machines.
pub const TIMEOUT_ENV: &str = "NTM_TYPST_TIMEOUT";

/// The range [`TIMEOUT_ENV`] accepts, in seconds. Below a millisecond no
/// typst could finish; past a day a stuck typst would hold the run, and far
/// past it the value overflows a `Duration`.
const TIMEOUT_RANGE: std::ops::RangeInclusive<f64> = 0.001..=86_400.0;

/// The time limit of one compilation: [`TIMEOUT_ENV`] when set (empty counts
/// as unset, like the other variables), else [`TIMEOUT_SECS`].
fn timeout_from_env() -> Result<Duration, Fatal> {
    parse_timeout(std::env::var_os(TIMEOUT_ENV).as_deref())
}

fn parse_timeout(value: Option<&OsStr>) -> Result<Duration, Fatal> {
    let Some(value) = value.filter(|v| !v.is_empty()) else { return Ok(Duration::from_secs(TIMEOUT_SECS)) };
    let text = value.to_string_lossy();
    // `0,5` as Vietnamese write it, `0.5` as programs do.
    let seconds = text.trim().replace(',', ".").parse::<f64>().ok().filter(|s| TIMEOUT_RANGE.contains(s));
    seconds.map(Duration::from_secs_f64).ok_or_else(|| {
        Fatal::environment(format!(
            "biến {TIMEOUT_ENV} ghi `{text}`, không phải một số giây từ {} đến {}",
            seconds_text(*TIMEOUT_RANGE.start()),
            seconds_text(*TIMEOUT_RANGE.end())
        ))
        .with_hint(format!(
            "đặt {TIMEOUT_ENV} là số giây typst được chạy cho mỗi văn bản (ví dụ 600), hoặc bỏ biến này để dùng mặc định {TIMEOUT_SECS} giây"
        ))
    })
}

/// `300`, or `0,5` below one second (Vietnamese decimal comma).
fn seconds(d: Duration) -> String {
    seconds_text(d.as_secs_f64())
}

fn seconds_text(s: f64) -> String {
    if s >= 1.0 { format!("{s:.0}") } else { format!("{s}").replace('.', ",") }
}

/// Runs `command` to completion, or kills it once `limit` has passed
/// (`Ok(None)`). Its output is drained while it runs, so a child writing
/// more than a pipe holds cannot block.
fn run_with_timeout(command: &mut Command, limit: Duration) -> std::io::Result<Option<Output>> {
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
    let status = match child.wait_timeout(limit)? {
        Some(status) => Some(status),
        None => {
            let _ = child.kill();
            let _ = child.wait();
            None
        }
    };
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    Ok(status.map(|status| Output { status, stdout, stderr }))
}

/// The environment typesetting needs, checked once at start.
#[derive(Debug, Clone)]
pub struct Typesetter {
    pub typst: Typst,
    pub fonts: FontDir,
    /// Longest one `typst compile` may run.
    pub timeout: Duration,
}

/// One compilation to run.
#[derive(Debug)]
pub struct Job<'a> {
    /// Staging folder holding `main.typ`, `meta.json` and `layouts/`.
    pub stage: &'a Path,
    /// Where typst writes the PDF (a temporary file beside the final one).
    pub output: &'a Path,
    /// Unix time written as the PDF's creation date.
    pub timestamp: i64,
    /// Threads typst may use; 1 when several documents compile at once.
    pub jobs: usize,
}

impl Typesetter {
    pub fn locate() -> Result<Typesetter, Fatal> {
        // The variable first: checking it runs nothing.
        let timeout = timeout_from_env()?;
        Ok(Typesetter { typst: Typst::locate()?, fonts: FontDir::locate()?, timeout })
    }

    /// Compiles `job`. Typst's warnings come back as warnings; any error
    /// (or a font warning, which would mean a fallback face) fails the job.
    pub fn compile(&self, job: &Job) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        // PDF/A-2u for the archive: a glyph the font lacks is an error
        // rather than a blank box, and the metadata is required.
        self.run(job, "main.typ", &["--pdf-standard", "a-2u"])
    }

    /// Compiles `input` of the job's staging folder into a PNG (one page,
    /// at `ppi`): the pictures of the `.docx`.
    pub fn compile_png(&self, job: &Job, input: &str, ppi: u32) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        self.run(job, input, &["--format", "png", "--ppi", &ppi.to_string()])
    }

    fn run(&self, job: &Job, input: &str, format: &[&str]) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let main = job.stage.join(input);
        let limit = self.timeout;
        let mut command = Command::new(&self.typst.program);
        command
            .arg("compile")
            .arg("--root")
            .arg(job.stage)
            .arg("--font-path")
            .arg(&self.fonts.path)
            .args(["--ignore-system-fonts", "--ignore-embedded-fonts", "--diagnostic-format", "short"])
            .args(format)
            .arg("--creation-timestamp")
            .arg(job.timestamp.to_string())
            .arg("--jobs")
            .arg(job.jobs.max(1).to_string())
            .arg(&main)
            .arg(job.output)
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("TYPST_FONT_PATHS");
        let output = match run_with_timeout(&mut command, limit) {
            Ok(Some(o)) => o,
            Ok(None) => {
                return Err(vec![
                    Diagnostic::error(
                        Location::file(&main),
                        format!(
                            "typst dàn trang văn bản quá {} giây nên ntm đã dừng typst; văn bản chưa được phát hành",
                            seconds(limit)
                        ),
                    )
                    .with_hint(format!(
                        "văn bản quá dài hoặc có bảng quá lớn: rút gọn nội dung, tách thành nhiều văn bản; \
                         máy quá chậm thì đặt biến {TIMEOUT_ENV} (số giây) lớn hơn"
                    )),
                ]);
            }
            Err(err) => {
                return Err(vec![Diagnostic::error(
                    Location::Nowhere,
                    format!("không chạy được typst `{}`: {err}", self.typst.program.display()),
                )]);
            }
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut diagnostics = parse_diagnostics(&stderr, job.stage);
        for d in &mut diagnostics {
            if d.severity == Severity::Warning && d.message.contains("font") {
                d.severity = Severity::Error;
                d.hint = Some("phông chữ thiếu hoặc không đủ kiểu; kiểm tra `settings.font` và thư mục phông".into());
            }
        }
        let failed = !output.status.success() || diagnostics.iter().any(|d| d.severity == Severity::Error);
        if failed {
            if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
                diagnostics.push(Diagnostic::error(
                    Location::file(&main),
                    format!("typst dừng với mã {}: {}", output.status, stderr.trim()),
                ));
            }
            Err(diagnostics)
        } else {
            Ok(diagnostics)
        }
    }
}

/// Parses typst's `--diagnostic-format short` lines:
/// `path:line:col: error: message` (hints follow on `hint:` lines).
fn parse_diagnostics(stderr: &str, stage: &Path) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    for line in stderr.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(hint) = line.strip_prefix("hint: ") {
            if let Some(last) = out.last_mut() {
                last.hint = Some(hint.to_string());
            }
            continue;
        }
        out.push(parse_line(line, stage));
    }
    out
}

fn parse_line(line: &str, stage: &Path) -> Diagnostic {
    for (marker, severity) in [(": error: ", Severity::Error), (": warning: ", Severity::Warning)] {
        if let Some((place, message)) = line.split_once(marker) {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse::<usize>().ok());
            let row = parts.next().and_then(|r| r.parse::<usize>().ok());
            let file = parts.next();
            let location = match (file, row, column) {
                (Some(file), Some(row), Some(column)) => Location::text(resolve(stage, file), row, column),
                _ => Location::file(resolve(stage, place)),
            };
            return Diagnostic { severity, location, message: format!("typst: {message}"), hint: None };
        }
    }
    let (severity, message) = match line.strip_prefix("error: ") {
        Some(m) => (Severity::Error, m),
        None => (Severity::Warning, line.strip_prefix("warning: ").unwrap_or(line)),
    };
    Diagnostic { severity, location: Location::Nowhere, message: format!("typst: {message}"), hint: None }
}

/// Typst names files relative to the root, sometimes with a leading slash.
fn resolve(stage: &Path, file: &str) -> PathBuf {
    let file = file.trim_start_matches('/');
    let path = Path::new(file);
    if path.is_absolute() || path.starts_with(stage) { path.to_path_buf() } else { stage.join(path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_diagnostics() {
        let stage = Path::new("output/build/x");
        let text = "main.typ:12:3: error: unknown variable: foo\nhint: if you meant to display multiple letters as is, try adding spaces\nwarning: something global\n";
        let d = parse_diagnostics(text, stage);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].location, Location::text("output/build/x/main.typ", 12, 3));
        assert_eq!(d[0].severity, Severity::Error);
        assert!(d[0].hint.is_some());
        assert_eq!(d[1].severity, Severity::Warning);
        assert_eq!(d[1].location, Location::Nowhere);
    }

    #[test]
    fn the_timeout_variable_is_range_checked() {
        let parse = |text: &str| parse_timeout(Some(OsStr::new(text)));
        assert_eq!(parse_timeout(None).unwrap(), Duration::from_secs(TIMEOUT_SECS));
        assert_eq!(parse("").unwrap(), Duration::from_secs(TIMEOUT_SECS), "empty is unset");
        assert_eq!(parse("600").unwrap(), Duration::from_secs(600));
        assert_eq!(parse(" 0.01 ").unwrap(), Duration::from_millis(10));
        assert_eq!(parse("0,5").unwrap(), Duration::from_millis(500));
        assert_eq!(parse("86400").unwrap(), Duration::from_secs(86_400));
        assert_eq!(parse("0.001").unwrap(), Duration::from_millis(1));
        // `Duration::from_secs_f64` panics on the first six.
        for bad in ["1e30", "1e308", "-1", "NaN", "inf", "-inf", "0", "86401", "0.0009", "năm phút", "1,5,0"] {
            let err = parse(bad).unwrap_err();
            assert_eq!(err.kind, crate::error::FatalKind::Environment, "{bad}");
            assert_eq!(
                err.message,
                format!("biến NTM_TYPST_TIMEOUT ghi `{bad}`, không phải một số giây từ 0,001 đến 86400"),
                "{bad}"
            );
            assert!(err.hint.as_deref().is_some_and(|h| h.contains("mặc định 300 giây")), "{bad}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            assert!(parse_timeout(Some(OsStr::from_bytes(b"6\xff0"))).is_err(), "not UTF-8");
        }
    }

    #[test]
    fn a_child_past_its_time_is_killed() {
        let started = std::time::Instant::now();
        let out = run_with_timeout(Command::new("sleep").arg("30"), Duration::from_millis(200)).unwrap();
        assert!(out.is_none());
        assert!(started.elapsed() < Duration::from_secs(10), "not killed: {:?}", started.elapsed());
        let out = run_with_timeout(
            Command::new("sh").args(["-c", "head -c 300000 /dev/zero >&2; echo ok"]),
            Duration::from_secs(30),
        )
        .unwrap()
        .expect("finished");
        assert_eq!(out.stderr.len(), 300_000, "a full pipe must not block");
        assert_eq!(out.stdout, b"ok\n");
    }
}
