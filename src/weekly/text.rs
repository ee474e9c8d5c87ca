//! Text helpers of the weekly forms: cleaning cell text, folding labels so
//! spelling variants compare equal, and sizing columns and rows for wrapped
//! text (villages are claimed by `load::workbook::village`).
//!
//! The weekly report must read and look like the survey form, so cleaning,
//! folding and sizing are the survey reader's and the
//! survey form's own.

use crate::load::survey::text as survey_text;

/// Cell text as it should be stored: as the survey reader cleans it
/// (legacy TCVN3/VNI converted, control characters dropped, NFC, trimmed),
/// with Windows line breaks made plain, since reports keep their lines.
pub fn clean(raw: &str) -> String {
    survey_text::clean(raw).replace("\r\n", "\n").replace('\r', "\n")
}

pub use crate::vi::fold::fold;

// The survey form's writer has the same Excel limits and measures.
pub(crate) use crate::forms::measure;
pub(crate) use crate::forms::wording::{MESSAGE_LIMIT, TITLE_LIMIT, fit, quoted};
