//! Stage 4, typeset: run `typst compile` on a staged document.
//!
//! Typst runs as a subprocess with everything that could vary pinned: the
//! root is the staging folder (the document can read nothing outside it), the
//! only fonts are the one folder `FontDir` found, the creation time is the
//! document's date, and diagnostics come one per line.

pub mod fonts;
pub mod tool;

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diag::{Diagnostic, Location, Severity};
pub use fonts::FontDir;
pub use tool::Typst;

/// The environment typesetting needs, checked once at start.
#[derive(Debug, Clone)]
pub struct Typesetter {
    pub typst: Typst,
    pub fonts: FontDir,
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
    pub fn locate() -> Result<Typesetter, crate::error::Fatal> {
        Ok(Typesetter { typst: Typst::locate()?, fonts: FontDir::locate()? })
    }

    /// Compiles `job`. Typst's warnings come back as warnings; any error
    /// (or a font warning, which would mean a fallback face) fails the job.
    pub fn compile(&self, job: &Job) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let main = job.stage.join("main.typ");
        let output = Command::new(&self.typst.program)
            .arg("compile")
            .arg("--root")
            .arg(job.stage)
            .arg("--font-path")
            .arg(&self.fonts.path)
            .args(["--ignore-system-fonts", "--ignore-embedded-fonts", "--diagnostic-format", "short"])
            // PDF/A-2u for the archive: a glyph the font lacks is an error
            // rather than a blank box, and the metadata is required.
            .args(["--pdf-standard", "a-2u"])
            .arg("--creation-timestamp")
            .arg(job.timestamp.to_string())
            .arg("--jobs")
            .arg(job.jobs.max(1).to_string())
            .arg(&main)
            .arg(job.output)
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("TYPST_FONT_PATHS")
            .output();
        let output = match output {
            Ok(o) => o,
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
}
