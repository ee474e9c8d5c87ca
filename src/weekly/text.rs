//! Text helpers of the weekly forms: cleaning cell text, folding labels so
//! spelling variants compare equal, recognising a village from a label or a
//! file name, and sizing columns and rows for wrapped text.
//!
//! The weekly report must read and look like the survey form, so cleaning,
//! folding, village matching and sizing are the survey reader's and the
//! survey form's own.

use crate::load::survey::text as survey_text;
use crate::load::survey::village::{self, VillageMatch};

/// Cell text as it should be stored: as the survey reader cleans it
/// (legacy TCVN3/VNI converted, control characters dropped, NFC, trimmed),
/// with Windows line breaks made plain, since reports keep their lines.
pub fn clean(raw: &str) -> String {
    survey_text::clean(raw).replace("\r\n", "\n").replace('\r', "\n")
}

pub use crate::vi::fold::fold;

/// The village (index into `villages`, the commune's (id, name) pairs) that
/// `text` names, matched as the survey reader matches it: the whole name or
/// id, the name without its settlement word, or — for a file name carrying
/// more (`thôn 3 - tuần 24`) — the longest name inside it. `None` when
/// nothing or several villages match equally well: a guess is never picked.
pub fn match_village(text: &str, villages: &[(String, String)]) -> Option<usize> {
    match village::match_village(text, villages) {
        VillageMatch::Found(village) => Some(village),
        VillageMatch::Unknown | VillageMatch::Ambiguous(_) => None,
    }
}

// The survey form's writer has the same Excel limits and measures.
pub(crate) use crate::forms::measure;
pub(crate) use crate::forms::wording::{MESSAGE_LIMIT, TITLE_LIMIT, fit, quoted};
