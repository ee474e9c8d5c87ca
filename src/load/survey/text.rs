//! Text normalisation for the survey intake (folding itself is `vi::fold`): cleaning cell text, folding
//! headers and words so spelling variants compare equal, and the keys used to
//! recognise a village from a label or a file name.
//!
//! Two levels on purpose: `clean` keeps the text as people wrote it (it is
//! what a household's name becomes), `fold` throws away everything that
//! varies between villages' copies of the same form (case, diacritics,
//! punctuation, line breaks) and is used only to compare.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use crate::vi::fold::fold;

/// Cell text as it should be stored: control and bidirectional formatting
/// characters (`escape::is_dropped`) other than line breaks and tabs
/// dropped, NFC, trimmed. Legacy TCVN3/VNI text was converted with its
/// sheet, before (`load::workbook::decode`).
///
/// `.xlsx` cells can carry any control character (written `_x001B_`), and
/// ids and names are quoted in messages printed to the terminal, where an
/// escape character would be obeyed, not shown. Controls are dropped after
/// the legacy conversion (it reads the C1 codes some legacy fonts used) and
/// before NFC (a dropped control between a letter and its mark would leave
/// the text non-NFC).
pub fn clean(raw: &str) -> String {
    cleaned(raw).into_owned()
}

/// [`clean`] without a copy when the text is clean already (most cells):
/// the trimmed text itself.
pub fn cleaned(raw: &str) -> Cow<'_, str> {
    let dropped = |c: char| crate::escape::is_dropped(c) && !matches!(c, '\n' | '\r' | '\t');
    // Most cells need neither step: checking first spares two copies a cell.
    let kept: Cow<'_, str> = if raw.chars().any(dropped) {
        Cow::Owned(raw.chars().filter(|&c| !dropped(c)).collect())
    } else {
        Cow::Borrowed(raw)
    };
    if unicode_normalization::is_nfc_quick(kept.chars()) == unicode_normalization::IsNormalized::Yes {
        return match kept {
            Cow::Borrowed(kept) => Cow::Borrowed(kept.trim()),
            Cow::Owned(kept) => Cow::Owned(kept.trim().to_string()),
        };
    }
    let nfc: String = kept.nfc().collect();
    Cow::Owned(nfc.trim().to_string())
}

/// The key a yes/no or category word is looked up by. A value made only of
/// punctuation (`-`) would fold to nothing and pass for an empty cell, so it
/// is kept as written: `-` is a word of its own, `?` matches nothing.
pub fn word_key(text: &str) -> String {
    let folded = fold(text);
    if folded.is_empty() { text.trim().to_string() } else { folded }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_alone_is_a_word_key() {
        assert_eq!(word_key(" ✔ "), "✔");
        assert_eq!(word_key("-"), "-");
        assert_eq!(word_key("Có"), "co");
        assert_eq!(word_key(""), "");
    }

    #[test]
    fn clean_makes_nfc_and_trims() {
        let nfd: String = "Nguyễn Văn Ân".nfd().collect();
        assert_eq!(clean(&format!("  {nfd} ")), "Nguyễn Văn Ân");
    }

    #[test]
    fn clean_drops_control_characters_but_keeps_line_breaks() {
        assert_eq!(clean("Lê\u{1b}[2J Văn\u{7} A\u{0}"), "Lê[2J Văn A");
        assert_eq!(clean("Lê Văn A\n(chủ hộ mới)\tx"), "Lê Văn A\n(chủ hộ mới)\tx");
        assert_eq!(clean("e\u{85}\u{301}"), "é");
    }
}
