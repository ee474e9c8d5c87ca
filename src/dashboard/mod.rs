//! Stage 6, dashboard: `output/bang-theo-doi/`, a static site the office
//! opens with a double click (`file://`, no server, no network) to see the
//! commune at a glance — on a phone, a projector or paper.
//!
//! The pages are Tera templates (`templates/dashboard/`, compiled in) over
//! the documents' own view models, HTML-escaped by Tera's autoescaping;
//! charts are inline SVG whose geometry is numbers computed here
//! (`chart.rs`). One stylesheet and one small sorting script come with the
//! pages; the pages work without the script. The bytes depend on the data
//! only (no clock), and a file is rewritten only when they changed.

mod chart;
mod pages;
mod view;
mod village;

use std::fs;
use std::path::{Path, PathBuf};

use crate::archive::{self, register::Entry};
use crate::diag::{Diagnostic, Location};
use crate::evaluate::Evaluation;
use crate::evaluate::history::History;
use crate::model::{Date, Workspace};
use crate::render::data::EvaluationView;
use crate::weekly::{IsoWeek, WeeklyView};

/// The dashboard's folder, inside the output folder.
pub const DASHBOARD_DIR: &str = "bang-theo-doi";

/// The page opened first.
pub const INDEX: &str = "index.html";

/// What the dashboard is drawn from: what `check` found, the register and
/// the drafts on file.
pub struct Inputs<'a> {
    pub workspace: &'a Workspace,
    /// The output folder: links to PDFs are made relative to it, and only
    /// to files that are there.
    pub output: &'a Path,
    pub evaluation: Option<&'a Evaluation>,
    pub view: Option<&'a EvaluationView>,
    pub history: Option<&'a History>,
    pub weekly: &'a [(IsoWeek, WeeklyView)],
    /// Every problem of the run, in the order they are printed.
    pub diagnostics: &'a [&'a Diagnostic],
    /// The register's rows, in its order.
    pub register: &'a [Entry],
    pub drafts: &'a [Draft],
}

/// A draft on file: never in the register, listed all the same.
#[derive(Debug, Clone)]
pub struct Draft {
    pub title: String,
    pub type_name: String,
    pub date: Date,
    /// Official id of the signer.
    pub signer: String,
    /// Relative to the output folder, with `/`.
    pub pdf: String,
}

/// What writing the dashboard did.
#[derive(Debug, Clone)]
pub struct Written {
    /// `output/bang-theo-doi/index.html`.
    pub index: PathBuf,
    pub written: usize,
    pub unchanged: usize,
}

/// Renders every page and writes those whose bytes changed; a village's
/// page left from a village no longer in `commune.yaml` is removed.
pub fn write(inputs: &Inputs) -> Result<Written, Diagnostic> {
    let dir = inputs.output.join(DASHBOARD_DIR);
    let files = pages::render(inputs).map_err(|e| {
        // A template is ntm's own, compiled in: a failure is ntm's bug, said
        // plainly rather than as a panic.
        Diagnostic::error(Location::file(&dir), format!("không dựng được bảng theo dõi: {e}"))
    })?;
    let mut written = 0;
    let mut unchanged = 0;
    for (name, bytes) in &files {
        let path = dir.join(name);
        let changed = archive::write_if_changed(&path, bytes)
            .map_err(|e| Diagnostic::error(Location::file(&path), format!("không ghi được tệp: {e}")))?;
        if changed { written += 1 } else { unchanged += 1 }
    }
    remove_stale(&dir, &files);
    Ok(Written { index: dir.join(INDEX), written, unchanged })
}

/// Village pages of villages that are gone, and temporary files of a
/// killed run; nothing else of the folder is touched.
fn remove_stale(dir: &Path, files: &[(String, Vec<u8>)]) {
    archive::remove_stale_temps(dir);
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("thon-") && name.ends_with(".html") && !files.iter().any(|(n, _)| *n == name) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
