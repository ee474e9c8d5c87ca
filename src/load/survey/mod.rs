//! The village survey intake: each village's household workbook, read into
//! households per the contract `shared/spec/survey-form.md`.
//!
//! The form (`inputs/forms/ho-gia-dinh.yaml`) says what the headers and
//! words are; `read_round` reads every workbook of a round's folder against
//! it and returns one entry per village of the commune with its status and
//! every problem found, located at the file, sheet and A1 cell.
//!
//! Decisions the contract leaves open, in one place:
//! - A workbook that two villages cannot share: two workbooks for one
//!   village are both errors, and the village is `Error` with the first file
//!   (by path) as its `source`.
//! - A household id repeated in the commune is an error at every cell
//!   holding it (case ignored), so both workbooks are excluded; workbooks
//!   whose village is unknown or doubled are left out of that check, as
//!   they would only repeat every id.
//! - Blank `insured`, `workers`, `trained_workers` count as 0; blank
//!   `members`, `income` or `housing` is an error (missing, not zero).
//! - Totals rows are checked only in a workbook without errors, against all
//!   the sheet's households (offices put the row under the header as often
//!   as at the bottom); a yes/no column's total is the count of yes.
//! - A village with no workbook is `Missing` with a warning on the folder.
//! - The village label wins over the file name; when they disagree that is
//!   a warning. A file that does not open still claims its village by name,
//!   so that village is `Error`, not `Missing`.
//! - "Empty row" means empty in the form's columns: notes in other columns
//!   and a numbered `STT` alone do not make a household. A last row without
//!   id and name that nothing follows is not read (a note says so).
//! - A header split over two rows (a merged group title above `Nước sạch`,
//!   `Nhà tiêu HVS`) is read as one header; data starts below both.
//! - Sheet names are compared folded but never converted from TCVN3/VNI:
//!   Excel shows them in the system font, so they are always Unicode.

mod cells;
mod form;
mod form_file;
mod intake;
mod model;
mod round;
mod rows;
mod sheet;
pub(crate) mod text;
mod words;

#[cfg(test)]
mod tests;

pub use form::{Column, ColumnKey, ColumnKind, Form};
pub use form_file::{load_form, parse_form};
pub use model::{Household, Housing, Poverty, SurveyRound, SurveyStatus, VillageSurvey};
pub use round::read_round;
