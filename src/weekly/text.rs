//! Text helpers of the weekly forms: cleaning cell text, folding labels so
//! spelling variants compare equal, recognising a village from a label or a
//! file name, and sizing columns and rows for wrapped text.
//!
//! The weekly report must read and look like the survey form, so cleaning,
//! folding and sizing are the survey reader's and the survey form's own.

use crate::load::survey::text as survey_text;

/// Cell text as it should be stored: as the survey reader cleans it
/// (legacy TCVN3/VNI converted, control characters dropped, NFC, trimmed),
/// with Windows line breaks made plain, since reports keep their lines.
pub fn clean(raw: &str) -> String {
    survey_text::clean(raw).replace("\r\n", "\n").replace('\r', "\n")
}

pub use survey_text::fold;
use survey_text::village_key;

/// Settlement words a clerk may leave out: `3` in a `Thôn:` cell is `Thôn 3`.
const SETTLEMENT_WORDS: &[&str] =
    &["thon", "xom", "ban", "ap", "lang", "to", "khu", "buon", "phum", "soc", "khoi", "doi", "khom"];

/// The village (index into `villages`, the commune's (id, name) pairs) that
/// `text` names: the whole name or id, the name without its settlement
/// word, or — for a file name carrying more (`thôn 3 - tuần 24`) — the
/// longest name inside it. `None` when nothing or several villages match
/// equally well: a guess is never picked.
pub fn match_village(text: &str, villages: &[(String, String)]) -> Option<usize> {
    let key = village_key(text);
    if key.is_empty() {
        return None;
    }
    let score = |id: &str, name: &str| -> Option<(u8, usize)> {
        let name_key = village_key(name);
        if name_key.is_empty() {
            return None;
        }
        if key == name_key || key == village_key(id) {
            return Some((3, name_key.len()));
        }
        let short = &name_key[1..];
        if !short.is_empty() && SETTLEMENT_WORDS.contains(&name_key[0].as_str()) && key == short {
            return Some((2, name_key.len()));
        }
        key.windows(name_key.len()).any(|w| w == name_key.as_slice()).then_some((1, name_key.len()))
    };
    let scored: Vec<(usize, (u8, usize))> =
        villages.iter().enumerate().filter_map(|(i, (id, name))| score(id, name).map(|s| (i, s))).collect();
    let best = scored.iter().map(|(_, s)| *s).max()?;
    match scored.iter().filter(|(_, s)| *s == best).collect::<Vec<_>>().as_slice() {
        [(one, _)] => Some(*one),
        _ => None,
    }
}

// The survey form's writer has the same Excel limits and measures.
pub(crate) use crate::forms::measure;
pub(crate) use crate::forms::wording::{MESSAGE_LIMIT, TITLE_LIMIT, fit, quoted};
