//! What a week's reports yield: one entry per village of the commune, with
//! the work its member in charge reported. Values only, no cells: these
//! types are the boundary to data.json and `ntm check --format json`.

use std::path::PathBuf;

use serde::Serialize;

use crate::diag::Diagnostic;
pub use crate::load::survey::SurveyStatus as WeeklyStatus;

/// Every village of the commune, in the commune's order, and every problem
/// found in the week's folder, sorted by file, sheet, then cell.
#[derive(Debug, Clone, Serialize)]
pub struct WeeklyRound {
    /// The ISO week the reports are for (`2023-W24`): the week most of
    /// them give; `""` when none gives a date.
    pub week: String,
    pub villages: Vec<WeeklyVillage>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeeklyVillage {
    pub id: String,
    pub name: String,
    /// `ok` read (warnings allowed); `error` a report arrived but cannot be
    /// used; `missing` no report arrived.
    pub status: WeeklyStatus,
    /// The workbook read for this village (the first by path when two
    /// claimed it); `None` when missing.
    pub source: Option<PathBuf>,
    /// The member in charge as the report names them; `""` when blank or
    /// not read.
    pub member: String,
    /// Empty unless `status` is `ok`.
    pub items: Vec<WeeklyItem>,
}

/// One row of the report table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeeklyItem {
    /// The criterion's id (`10`) when the commune has a criteria list and
    /// the cell names one of it; the text as written when the commune has
    /// no list; `None` when blank or not recognised (a warning says so).
    pub criterion: Option<String>,
    pub work: String,
    pub result: String,
    /// Difficulties the village cannot solve and asks the commune to help
    /// with; `""` when none.
    pub problems: String,
}
