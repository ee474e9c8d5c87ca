//! The run: load → validate → render → typeset → archive, for `ntm check`
//! (stops before typesetting, writes nothing) and `ntm build`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::archive::{self, Pending, naming};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::Fatal;
use crate::model::{Document, Numbering, Workspace};
use crate::render::data::EvaluationView;
use crate::render::{self, Layouts, Rendered};
use crate::typeset::{Job, Typesetter};
use crate::evaluate::{self, Evaluation};
use crate::load::survey;
use crate::{load, validate};

/// Folder under the output folder that keeps each document's Typst sources.
pub const BUILD_DIR: &str = "build";

/// What a run was asked to do.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub workspace: PathBuf,
    pub output: PathBuf,
    /// Document ids (file stems) to work on; empty means all.
    pub only: Vec<String>,
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
    pub prepared: Vec<Prepared>,
    /// Documents held back by errors, by id.
    pub held_back: Vec<String>,
    pub diagnostics: Diagnostics,
}

/// One issued document.
#[derive(Debug, Clone)]
pub struct Issued {
    pub id: String,
    pub symbol: String,
    pub pdf: PathBuf,
    pub typ: PathBuf,
}

#[derive(Debug)]
pub struct Built {
    pub issued: Vec<Issued>,
    /// Documents that were rendered but could not be typeset or written.
    pub failed: Vec<String>,
    pub checked: Checked,
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
    let raw = load::load(&config.workspace, &mut diagnostics)?;
    let known = raw.document_ids.clone();
    check_selection(config, &known)?;
    let Some(workspace) = validate::validate(raw, &mut diagnostics) else {
        return Ok(Checked { workspace: None, evaluation: None, prepared: Vec::new(), held_back: Vec::new(), diagnostics });
    };
    let evaluation = evaluate_round(&workspace, &mut diagnostics);
    let evaluation_view = evaluation.as_ref().map(EvaluationView::new);

    let mut prepared = Vec::new();
    let mut held_back = Vec::new();
    for doc in workspace.documents.iter().filter(|d| selected_doc(config, d)) {
        if diagnostics.has_errors_in(&doc.source) {
            held_back.push(doc.id.clone());
            continue;
        }
        let number = match doc.number {
            Numbering::Fixed(n) => Some(n),
            Numbering::None | Numbering::Auto => None,
        };
        match render::render(&workspace, doc, number, evaluation_view.as_ref(), font) {
            Ok(rendered) => prepared.push(Prepared { doc: doc.clone(), rendered }),
            Err(d) => {
                diagnostics.push(d);
                held_back.push(doc.id.clone());
            }
        }
    }
    // Documents that failed validation never reached the model.
    for id in &known {
        let in_model = workspace.documents.iter().any(|d| &source_id(d) == id);
        if !in_model && selected(config, id) {
            held_back.push(id.clone());
        }
    }
    held_back.sort();
    Ok(Checked { workspace: Some(workspace), evaluation, prepared, held_back, diagnostics })
}

/// Reads the survey workbooks and evaluates them, when the commune has a
/// criteria set. Problems in the form file or workbooks become diagnostics.
fn evaluate_round(workspace: &Workspace, diagnostics: &mut Diagnostics) -> Option<Evaluation> {
    let set = workspace.criteria.as_ref()?;
    let form = match survey::load_form(&workspace.root.join(load::FORM_FILE)) {
        Ok(form) => form,
        Err(problems) => {
            diagnostics.extend(problems);
            return None;
        }
    };
    let villages: Vec<(String, String)> =
        workspace.commune.villages.iter().map(|v| (v.id.clone(), v.name.clone())).collect();
    let round = survey::read_round(&workspace.root.join(load::SURVEY_DIR), &form, &villages);
    diagnostics.extend(round.diagnostics.iter().cloned());
    Some(evaluate::evaluate(set, &round))
}

/// Checks, then typesets every document that rendered, in parallel.
pub fn build(
    config: &RunConfig,
    typesetter: &Typesetter,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Built, Fatal> {
    let mut checked = check(config, typesetter.fonts.family)?;
    let layouts = Layouts::load(&config.workspace, &mut checked.diagnostics);
    std::fs::create_dir_all(&config.output).map_err(|err| {
        Fatal::environment(format!("không tạo được thư mục kết quả `{}`: {err}", config.output.display()))
    })?;
    archive::remove_stale_temps(&config.output);

    progress(Progress::Start { total: checked.prepared.len() });
    // Several typst processes at once each get one thread; alone, one gets all.
    let jobs = if checked.prepared.len() > 1 { 1 } else { rayon::current_num_threads() };
    let results: Vec<(String, IssueOutcome)> = checked
        .prepared
        .par_iter()
        .map(|p| {
            progress(Progress::Typesetting { id: &p.doc.id });
            let result = issue(config, typesetter, &layouts, p, jobs);
            match &result {
                Ok((issued, _)) => progress(Progress::Issued { issued }),
                Err(problems) => progress(Progress::Failed { id: &p.doc.id, problems }),
            }
            (p.doc.id.clone(), result)
        })
        .collect();

    let mut issued = Vec::new();
    let mut failed = Vec::new();
    for (id, result) in results {
        match result {
            Ok((i, warnings)) => {
                checked.diagnostics.extend(warnings);
                issued.push(i);
            }
            Err(problems) => {
                checked.diagnostics.extend(problems);
                failed.push(id);
            }
        }
    }
    Ok(Built { issued, failed, checked })
}

/// Stages one document's sources, typesets it and moves the PDF into place.
/// An issued document with typst's warnings, or why it could not be issued.
type IssueOutcome = Result<(Issued, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Typst's warnings come back beside the issued document.
fn issue(config: &RunConfig, typesetter: &Typesetter, layouts: &Layouts, p: &Prepared, jobs: usize) -> IssueOutcome {
    let stem = match (p.doc.draft, p.rendered.symbol.is_empty()) {
        (true, _) => format!("{}_du-thao", naming::document_stem(p.doc.date, &p.doc.id)),
        (false, true) => naming::document_stem(p.doc.date, &p.doc.id),
        (false, false) => naming::document_stem(p.doc.date, &p.rendered.symbol),
    };
    let stage = config.output.join(BUILD_DIR).join(&stem);
    let io_error = |path: &Path, err: std::io::Error| {
        vec![Diagnostic::error(Location::file(path), format!("không ghi được tệp: {err}"))]
    };

    let mut files: Vec<(PathBuf, &[u8])> = vec![
        (stage.join("main.typ"), p.rendered.main_typ.as_bytes()),
        (stage.join("meta.json"), p.rendered.meta_json.as_bytes()),
        (stage.join("data.json"), p.rendered.data_json.as_bytes()),
        (stage.join("body.md"), p.rendered.markdown.as_bytes()),
    ];
    for (name, text) in &layouts.files {
        files.push((stage.join("layouts").join(name), text.as_bytes()));
    }
    for (path, bytes) in &files {
        archive::write_atomic(path, bytes).map_err(|e| io_error(path, e))?;
    }

    let pdf = config.output.join(format!("{stem}.pdf"));
    let pending = Pending::new(&pdf).map_err(|e| io_error(&pdf, e))?;
    let job = Job { stage: &stage, output: pending.path(), timestamp: p.doc.date.unix_timestamp(), jobs };
    let warnings = typesetter.compile(&job)?;
    let pdf = pending.commit().map_err(|e| io_error(&pdf, e))?;
    let issued = Issued { id: p.doc.id.clone(), symbol: p.rendered.symbol.clone(), pdf, typ: stage.join("main.typ") };
    Ok((issued, warnings))
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
