//! The survey rounds up to the one being reported, each evaluated against
//! the commune's criteria set. A round already kept in the register with
//! the same inputs is taken from there, not read again.

use std::path::Path;

use crate::archive::register::Register;
use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::error::Fatal;
use crate::evaluate;
use crate::evaluate::compare::RoundSnapshot;
use crate::evaluate::history::{History, RoundEval};
use crate::load::rounds;
use crate::load::{self, survey};
use crate::model::Workspace;

/// Evaluates the rounds up to `requested` (the latest when `None`). Only the
/// reported round's problems are listed one by one; an earlier round with
/// errors is one warning (its own `--round` lists them).
pub fn read(
    workspace: &Workspace,
    output: &Path,
    requested: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Result<Option<History>, Fatal> {
    let Some(set) = workspace.criteria.as_ref() else { return Ok(None) };
    let form_file = workspace.root.join(load::FORM_FILE);
    let form = match survey::load_form(&form_file) {
        Ok(form) => form,
        Err(problems) => {
            diagnostics.extend(problems);
            return Ok(None);
        }
    };
    let survey_dir = workspace.root.join(load::SURVEY_DIR);
    let mut notes = Vec::new();
    let mut all = rounds::discover(&survey_dir, &mut notes);
    diagnostics.extend(notes);
    if let Some(id) = requested {
        let Some(at) = all.iter().position(|r| r.id == id) else {
            let known: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
            return Err(Fatal::usage(format!("không có đợt khảo sát `{id}` trong `{}`", survey_dir.display()))
                .with_hint(format!("các đợt có: {}", known.join(", "))));
        };
        all.truncate(at + 1);
    }
    if all.is_empty() {
        // No workbook at all: every village is reported missing.
        all.push(rounds::Round { id: String::new(), dir: survey_dir.clone(), date: None });
    }
    // Read-only here: `check` writes nothing; `build` keeps fresh rounds.
    let register = Register::open_existing(output).ok().flatten();
    let villages: Vec<(String, String)> =
        workspace.commune.villages.iter().map(|v| (v.id.clone(), v.name.clone())).collect();
    let last = all.len() - 1;
    let mut history = History::default();
    for (i, round) in all.into_iter().enumerate() {
        // A round the register keeps is looked up by its digest before it
        // is read; any other is read first, and its digest made from the
        // hashes of the files as they were read (hashed on the reading
        // threads, not read a second time on this one).
        let may_be_kept = register.as_ref().is_some_and(|r| r.keeps_round(&round.id));
        let read_now = (!may_be_kept).then(|| survey::read_round(&round.dir, &form, &villages));
        let no_hashes = rounds::FileHashes::new();
        let hashed = read_now.as_ref().map_or(&no_hashes, |read| &read.file_hashes);
        let (digest, unreadable) = match rounds::inputs_digest(&round, &form_file, &villages, hashed) {
            Ok(digest) => (Some(digest), None),
            Err(problem) => (None, Some(problem)),
        };
        let kept = register
            .as_ref()
            .filter(|_| may_be_kept)
            .zip(digest.as_deref())
            .and_then(|(r, digest)| r.round_snapshot(&round.id, digest).ok().flatten())
            .and_then(|json| serde_json::from_str::<RoundSnapshot>(&json).ok());
        let (snapshot, fresh) = match kept {
            // The reported round lists its problems: kept ones come along.
            Some(snapshot) if i == last => {
                diagnostics.extend(snapshot.diagnostics.iter().cloned().map(Diagnostic::from));
                (snapshot, false)
            }
            Some(snapshot) => (snapshot, false),
            _ => {
                let mut read = read_now.unwrap_or_else(|| survey::read_round(&round.dir, &form, &villages));
                // The reader mostly says it too; one error for the file is enough.
                if let Some(problem) = unreadable.filter(|p| !has_error_at(&read.diagnostics, &p.location)) {
                    read.diagnostics.push(problem);
                }
                let errors = read.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
                if i == last {
                    diagnostics.extend(read.diagnostics.iter().cloned());
                } else if errors > 0 {
                    diagnostics.push(
                        Diagnostic::warning(
                            Location::file(&round.dir),
                            format!(
                                "đợt khảo sát {} có {errors} lỗi; các phiếu lỗi không được tính khi so sánh",
                                round.label()
                            ),
                        )
                        .with_hint(format!("xem chi tiết bằng `ntm check --round {}`", round.id)),
                    );
                }
                (RoundSnapshot::of(&round.id, read, errors), true)
            }
        };
        let evaluation = evaluate::evaluate_villages(set, snapshot.villages.clone());
        history.rounds.push(RoundEval { round, digest, snapshot, evaluation, fresh });
    }
    Ok(Some(history))
}

/// Keeps the rounds read in this run, so the next run need not read them.
pub fn keep(history: &History, register: &mut Register) {
    for r in history.rounds.iter().filter(|r| r.fresh && !r.round.id.is_empty()) {
        let Some(digest) = &r.digest else { continue };
        if let Ok(json) = serde_json::to_string(&r.snapshot) {
            // Keeping is a convenience: a failure only costs a re-read.
            let _ = register.store_round_snapshot(&r.round.id, digest, &json);
        }
    }
}

fn has_error_at(diagnostics: &[Diagnostic], at: &Location) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error && d.location.path() == at.path())
}
