//! The run: load → validate → render → typeset → archive, for `ntm check`
//! (stops before typesetting, writes nothing) and `ntm build` (`build.rs`).

mod blanks;
mod build;
mod dashboard;
mod history;
mod office;

pub use crate::archive::BUILD_DIR;
pub use crate::evaluate::history::{History, RoundEval};
pub use build::{BuildOptions, build};
pub use dashboard::{DashboardRun, dashboard};

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Fatal;
use crate::evaluate::Evaluation;
use crate::model::{Document, Numbering, Workspace};
use crate::render::data::EvaluationView;
use crate::render::{self, Rendered};
use crate::weekly::{IsoWeek, WeeklyView};
use crate::{load, validate};

/// What a run was asked to do.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub workspace: PathBuf,
    pub output: PathBuf,
    /// Document ids (file stems) to work on; empty means all.
    pub only: Vec<String>,
    /// The survey round to report (`2023-06`); the latest when `None`.
    pub round: Option<String>,
    /// A progress report of `reports/` to issue for a period, instead of
    /// the documents of `documents/`.
    pub report: Option<load::ReportRequest>,
}

/// A document whose sources rendered.
#[derive(Debug)]
pub struct Prepared {
    pub doc: Document,
    pub rendered: Rendered,
}

/// The outcome of `check`: what rendered, and every problem found.
#[derive(Debug)]
pub struct Checked {
    pub workspace: Option<Workspace>,
    /// Where the commune stands, when it has a criteria set.
    pub evaluation: Option<Evaluation>,
    /// The same, as documents print it (rendering again needs it).
    pub evaluation_view: Option<EvaluationView>,
    /// Every round up to the reported one.
    pub history: Option<History>,
    /// The villages' weekly reports, by week.
    pub weekly: Vec<(IsoWeek, WeeklyView)>,
    /// Body templates several documents share, parsed once.
    pub templates: render::body::Templates,
    pub prepared: Vec<Prepared>,
    /// Documents held back by errors, by id.
    pub held_back: Vec<String>,
    pub diagnostics: Diagnostics,
}

/// One document written by a build.
#[derive(Debug, Clone)]
pub struct Issued {
    pub id: String,
    /// Empty for unnumbered papers and drafts.
    pub symbol: String,
    pub pdf: PathBuf,
    /// The Word copy beside the PDF, when one was written or kept.
    pub docx: Option<PathBuf>,
    pub typ: PathBuf,
    /// 1 for a first issue, more for a version that supersedes another.
    pub version: u32,
    pub draft: bool,
}

#[derive(Debug)]
pub struct Built {
    pub issued: Vec<Issued>,
    /// Issued before with the same inputs: nothing was rewritten.
    pub unchanged: Vec<Issued>,
    /// Documents that could not be typeset, written or registered, or that
    /// changed after being issued.
    pub failed: Vec<String>,
    pub checked: Checked,
    /// The dashboard written after the documents (`None` if it could not be).
    pub dashboard: Option<crate::dashboard::Written>,
}

/// Progress as documents move through the typesetter.
#[derive(Debug)]
pub enum Progress<'a> {
    Start { total: usize },
    Typesetting { id: &'a str },
    Issued { issued: &'a Issued },
    Failed { id: &'a str, problems: &'a [Diagnostic] },
}

/// Everything up to typesetting. Writes nothing. `font` is the family
/// documents are set in unless their settings name one.
pub fn check(config: &RunConfig, font: &str) -> Result<Checked, Fatal> {
    let mut diagnostics = Diagnostics::new();
    let raw = load::load(&config.workspace, config.report.as_ref(), &mut diagnostics)?;
    let known = raw.document_ids.clone();
    check_selection(config, &known)?;
    let Some(workspace) = validate::validate(raw, &mut diagnostics) else {
        return Ok(Checked {
            workspace: None,
            evaluation: None,
            evaluation_view: None,
            history: None,
            weekly: Vec::new(),
            templates: render::body::Templates::default(),
            prepared: Vec::new(),
            held_back: Vec::new(),
            diagnostics,
        });
    };
    let history = history::read(&workspace, &config.output, config.round.as_deref(), &mut diagnostics)?;
    let evaluation = history.as_ref().and_then(|h| h.current()).map(|r| r.evaluation.clone());
    let evaluation_view = evaluation.as_ref().map(EvaluationView::new);
    let weekly = weekly_reports(&workspace, &mut diagnostics);
    let docs: Vec<&Document> = workspace.documents.iter().filter(|d| selected_doc(config, d)).collect();
    let templates = render::body::Templates::new(docs.iter().map(|d| &d.body));
    let sources = render::Sources {
        evaluation: evaluation_view.as_ref(),
        history: history.as_ref(),
        weekly: &weekly,
        templates: Some(&templates),
    };

    // Documents render independently, so on all cores; their results are
    // taken in the documents' order, which keeps the output deterministic.
    let results: Vec<Option<Result<Rendered, Diagnostic>>> = docs
        .par_iter()
        .map(|doc| {
            if diagnostics.has_errors_in(&doc.source) {
                return None;
            }
            let number = match doc.number {
                Numbering::Fixed(n) => Some(n),
                Numbering::None | Numbering::Auto => None,
            };
            Some(render::render(&workspace, doc, number, &sources, font))
        })
        .collect();
    let mut prepared = Vec::new();
    let mut held_back = Vec::new();
    for (doc, result) in docs.into_iter().zip(results) {
        // The copies of a per-village document share its file: once one of
        // them failed, the others are held back, not reported again.
        match result {
            Some(Ok(rendered)) if !diagnostics.has_errors_in(&doc.source) => {
                match blanks::refusal(&workspace.root, doc, &rendered) {
                    Some(refused) => {
                        diagnostics.push(refused);
                        held_back.push(doc.id.clone());
                    }
                    None => prepared.push(Prepared { doc: doc.clone(), rendered }),
                }
            }
            Some(Err(d)) if !diagnostics.has_errors_in(&doc.source) => {
                diagnostics.push(d);
                held_back.push(doc.id.clone());
            }
            _ => held_back.push(doc.id.clone()),
        }
    }
    // Documents that failed validation never reached the model.
    for id in &known {
        let in_model = workspace
            .documents
            .iter()
            .any(|d| &d.id == id || &source_id(d) == id || d.attachments.iter().any(|a| &a.id == id));
        if !in_model && selected(config, id) {
            held_back.push(id.clone());
        }
    }
    held_back.sort();
    held_back.dedup();
    Ok(Checked {
        workspace: Some(workspace),
        evaluation,
        evaluation_view,
        history,
        weekly,
        templates,
        prepared,
        held_back,
        diagnostics,
    })
}

/// The villages' weekly reports under `weekly/`, one folder per ISO week,
/// oldest first. Problems in them are listed with the others.
fn weekly_reports(workspace: &Workspace, diagnostics: &mut Diagnostics) -> Vec<(IsoWeek, WeeklyView)> {
    let dir = workspace.root.join(load::WEEKLY_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut weeks: Vec<(IsoWeek, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter_map(|e| IsoWeek::parse(&e.file_name().to_string_lossy()).ok().map(|w| (w, e.path())))
        .collect();
    weeks.sort_by_key(|(w, _)| (w.year, w.week));
    let villages: Vec<(String, String)> =
        workspace.commune.villages.iter().map(|v| (v.id.clone(), v.name.clone())).collect();
    let criteria: Vec<(String, String)> = workspace
        .criteria
        .as_ref()
        .map(|set| set.criteria.iter().map(|c| (c.id.clone(), c.name.clone())).collect())
        .unwrap_or_default();
    weeks
        .into_iter()
        .map(|(week, path)| {
            let round = crate::weekly::read_week(&path, &villages, &criteria);
            diagnostics.extend(round.diagnostics.iter().cloned());
            (week, WeeklyView::new(&round, &criteria))
        })
        .collect()
}

fn selected(config: &RunConfig, id: &str) -> bool {
    config.only.is_empty() || config.only.iter().any(|o| o == id)
}

/// A document is named on the command line by its own id or, for the copies
/// of a per-village document, by its file's name.
fn selected_doc(config: &RunConfig, doc: &Document) -> bool {
    selected(config, &doc.id) || selected(config, &source_id(doc))
}

fn source_id(doc: &Document) -> String {
    doc.source.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Naming a document that does not exist is a usage error, not a data one.
fn check_selection(config: &RunConfig, known: &[String]) -> Result<(), Fatal> {
    for name in &config.only {
        if !known.contains(name) {
            return Err(Fatal::usage(format!(
                "không có văn bản `{name}` trong `{}`",
                config.workspace.join(load::DOCUMENTS_DIR).display()
            ))
            .with_hint(format!("các văn bản có: {}", known.join(", "))));
        }
    }
    Ok(())
}
