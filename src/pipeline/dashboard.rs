//! The dashboard of a run (`output/bang-theo-doi/`): what `check` found,
//! the register and the drafts on file. `build` writes it after filing
//! its documents; `ntm dashboard` writes it alone.

use std::path::Path;

use super::{Checked, RunConfig, check};
use crate::archive::naming;
use crate::archive::register::Register;
use crate::dashboard::{self, Draft, Written};
use crate::diag::{Diagnostic, Location};
use crate::error::Fatal;
use crate::model::Document;

/// What `ntm dashboard` did.
#[derive(Debug)]
pub struct DashboardRun {
    pub checked: Checked,
    /// `None` when the workspace did not validate or writing failed (said
    /// in the diagnostics).
    pub written: Option<Written>,
}

/// `ntm dashboard`: checks the workspace and writes the dashboard from it
/// and the register, without typesetting anything.
pub fn dashboard(config: &RunConfig) -> Result<DashboardRun, Fatal> {
    let mut checked = check(config, crate::typeset::fonts::FALLBACK_FAMILY)?;
    let register = match Register::open_existing(&config.output) {
        Ok(register) => register,
        Err(err) => {
            checked.diagnostics.push(Diagnostic::error(Location::file(&config.output), err.to_string()));
            None
        }
    };
    let drafts: Vec<Document> = checked.prepared.iter().filter(|p| p.doc.draft).map(|p| p.doc.clone()).collect();
    let written = write(&config.output, &mut checked, register.as_ref(), &drafts);
    Ok(DashboardRun { checked, written })
}

/// The PDF a draft is written to: `2023-05-02_ke-hoach-x_du-thao`.
pub(super) fn draft_stem(doc: &Document) -> String {
    format!("{}_du-thao", naming::document_stem(doc.date, &doc.id))
}

/// Writes the dashboard of `checked`; problems join its diagnostics.
/// `drafts` are the run's drafts; those whose PDF is on file are listed.
pub(super) fn write(
    output: &Path,
    checked: &mut Checked,
    register: Option<&Register>,
    drafts: &[Document],
) -> Option<Written> {
    let workspace = checked.workspace.as_ref()?;
    let entries = match register.map(Register::all).transpose() {
        Ok(entries) => entries.unwrap_or_default(),
        Err(err) => {
            checked.diagnostics.push(Diagnostic::error(Location::file(output), err.to_string()));
            Vec::new()
        }
    };
    let drafts: Vec<Draft> = drafts
        .iter()
        .map(|d| Draft {
            title: d.title.clone(),
            type_name: d.doc_type.name.to_string(),
            date: d.date,
            signer: d.signature.signer.clone(),
            pdf: format!("{}.pdf", draft_stem(d)),
        })
        .filter(|d| output.join(&d.pdf).is_file())
        .collect();
    let diagnostics = checked.diagnostics.sorted();
    let inputs = dashboard::Inputs {
        workspace,
        output,
        evaluation: checked.evaluation.as_ref(),
        view: checked.evaluation_view.as_ref(),
        history: checked.history.as_ref(),
        weekly: &checked.weekly,
        diagnostics: &diagnostics,
        register: &entries,
        drafts: &drafts,
    };
    let result = dashboard::write(&inputs);
    match result {
        Ok(written) => Some(written),
        Err(problem) => {
            checked.diagnostics.push(problem);
            None
        }
    }
}
