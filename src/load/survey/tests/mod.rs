//! Tests of the survey intake on real workbook files, written into a
//! temporary workspace with rust_xlsxwriter (and, for `.xls` and `.ods`,
//! the committed fixtures of `tests/fixtures/survey/`).

mod bad_cells;
mod figures;
mod files;
mod fixture;
mod form_file;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tempfile::TempDir;

use super::{Form, SurveyRound, SurveyStatus, load_form, read_round};

/// The form file shipped in `inputs/forms/`: the tests read with the real one.
pub fn form() -> &'static Form {
    static FORM: OnceLock<Form> = OnceLock::new();
    FORM.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/forms/ho-gia-dinh.yaml");
        load_form(&path).unwrap_or_else(|d| panic!("the shipped form must load: {d:#?}"))
    })
}

/// The six villages of the example commune.
pub fn villages() -> Vec<(String, String)> {
    (1..=6).map(|n| (format!("thon-{n}"), format!("Thôn {n}"))).collect()
}

/// A temporary workspace with an `inputs/survey/` folder.
pub struct Workspace {
    tmp: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("inputs/survey")).unwrap();
        Workspace { tmp }
    }

    pub fn survey(&self) -> PathBuf {
        self.tmp.path().join("inputs/survey")
    }

    pub fn read(&self) -> SurveyRound {
        read_round(&self.survey(), form(), &villages())
    }

    /// A path as the diagnostics show it, relative to the workspace's parent.
    pub fn shown(&self, name: &str) -> PathBuf {
        self.survey().join(name)
    }

    /// Diagnostics as printed, with the temporary folder cut off so they
    /// read `inputs/survey/thon-3.xlsx` like in a real run.
    pub fn render(&self, round: &SurveyRound) -> Vec<String> {
        let prefix = format!("{}/", self.tmp.path().display());
        round.diagnostics.iter().map(|d| d.to_string().replace(&prefix, "")).collect()
    }
}

/// The statuses of the six villages, in order.
pub fn statuses(round: &SurveyRound) -> Vec<SurveyStatus> {
    round.villages.iter().map(|v| v.status).collect()
}
