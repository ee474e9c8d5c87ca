//! Text normalisation for the survey intake: cleaning cell text, folding
//! headers and words so spelling variants compare equal, and the keys used to
//! recognise a village from a label or a file name.
//!
//! Two levels on purpose: `clean` keeps the text as people wrote it (it is
//! what a household's name becomes), `fold` throws away everything that
//! varies between villages' copies of the same form (case, diacritics,
//! punctuation, line breaks) and is used only to compare.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

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
    let dropped = |c: char| crate::escape::is_dropped(c) && !matches!(c, '\n' | '\r' | '\t');
    // Most cells need neither step: checking first spares two copies a cell.
    let kept: Cow<'_, str> = if raw.chars().any(dropped) {
        Cow::Owned(raw.chars().filter(|&c| !dropped(c)).collect())
    } else {
        Cow::Borrowed(raw)
    };
    if unicode_normalization::is_nfc_quick(kept.chars()) == unicode_normalization::IsNormalized::Yes {
        return kept.trim().to_string();
    }
    let nfc: String = kept.nfc().collect();
    nfc.trim().to_string()
}

/// The comparison form of a header or word: lower case, no diacritics
/// (`đ` → `d`), runs of whitespace and punctuation turned into one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if is_separator(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The first word of `fold(text)`, found without folding the rest: a
/// cheap test that a cell cannot be one of a few words.
pub fn fold_first_word(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if is_separator(c) {
            if out.is_empty() {
                continue;
            }
            break;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Like `fold`, but keeps the diacritics: `Cộng` and `Công` stay apart.
/// Used where a prefix is enough to recognise a word and a name must not be
/// taken for it.
pub fn fold_keep_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc() {
        if is_separator(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The key a yes/no or category word is looked up by. A value made only of
/// punctuation (`-`) would fold to nothing and pass for an empty cell, so it
/// is kept as written: `-` is a word of its own, `?` matches nothing.
pub fn word_key(text: &str) -> String {
    let folded = fold(text);
    if folded.is_empty() { text.trim().to_string() } else { folded }
}

/// Whitespace and punctuation: what separates words in a header. Symbols
/// such as `✓` are not separators, they are the content of the cell.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}'
            | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{FEFF}'
            | '\u{3000}'..='\u{3003}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

/// Tokens of a village name, label value or file stem: folded words, with
/// letters and digits split apart (`thon3` → `thon`, `3`) and numbers
/// without leading zeros, so `THON_03` and `Thôn 3` give the same key.
pub fn village_key(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut tokens = Vec::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        let mut current = String::new();
        let mut digits = false;
        for c in word.chars() {
            let is_digit = c.is_ascii_digit();
            if !current.is_empty() && is_digit != digits {
                tokens.push(finish_token(std::mem::take(&mut current), digits));
            }
            digits = is_digit;
            current.push(c);
        }
        if !current.is_empty() {
            tokens.push(finish_token(current, digits));
        }
    }
    tokens
}

fn finish_token(token: String, digits: bool) -> String {
    if !digits {
        return token;
    }
    let trimmed = token.trim_start_matches('0');
    if trimmed.is_empty() { "0".to_string() } else { trimmed.to_string() }
}

/// Levenshtein distance in characters, to suggest the header a village
/// probably meant.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_variants_fold_to_one_form() {
        let expected = "so nhan khau";
        for variant in ["SỐ NHÂN KHẨU", "So nhan khau", "Số\nnhân khẩu", "Số nhân khẩu:", "  Số  nhân\r\n khẩu  "]
        {
            assert_eq!(fold(variant), expected, "{variant:?}");
        }
        // NFD input (combining marks typed separately) folds the same.
        let nfd: String = "Số nhân khẩu".nfd().collect();
        assert_eq!(fold(&nfd), expected);
    }

    #[test]
    fn d_with_stroke_and_punctuation() {
        assert_eq!(fold("Tổng thu nhập năm (triệu đồng)"), "tong thu nhap nam trieu dong");
        assert_eq!(fold("Hộ nghèo/cận nghèo"), "ho ngheo can ngheo");
        assert_eq!(fold("Mã HGĐ"), "ma hgd");
        assert_eq!(fold("“Gia đình văn hóa” – GĐVH…"), "gia dinh van hoa gdvh");
    }

    #[test]
    fn symbols_are_content_not_separators() {
        assert_eq!(fold("✓"), "✓");
        assert_eq!(word_key(" ✔ "), "✔");
        assert_eq!(word_key("-"), "-");
        assert_eq!(word_key("Có"), "co");
        assert_eq!(word_key(""), "");
    }

    #[test]
    fn marks_kept_when_asked() {
        assert_eq!(fold_keep_marks("TỔNG CỘNG:"), "tổng cộng");
        assert_ne!(fold_keep_marks("Công"), fold_keep_marks("Cộng"));
    }

    #[test]
    fn village_keys_compare_numbers_as_numbers() {
        let three = vec!["thon".to_string(), "3".to_string()];
        for name in ["thon-3", "Thôn 3", "THON_03", "thôn3", "Thôn  03"] {
            assert_eq!(village_key(name), three, "{name}");
        }
        assert_eq!(village_key("thôn 3 - 2023"), ["thon", "3", "2023"]);
        assert_eq!(village_key("Xóm 0"), ["xom", "0"]);
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

    fn first_of_fold(text: &str) -> String {
        fold(text).split(' ').next().unwrap_or_default().to_string()
    }

    #[test]
    fn first_word_is_the_first_folded_word() {
        for text in ["Tổng cộng", "  …Đội 3", "\u{301}Cộng", "", "--", "ĐINH-x", "Ǆ", "İ", "✓ có", "a\u{301}\u{301}b c"]
        {
            assert_eq!(fold_first_word(text), first_of_fold(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn first_word_agrees_with_fold(text in "\\PC{0,12}") {
            proptest::prop_assert_eq!(fold_first_word(&text), first_of_fold(&text));
        }
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("so nhan khau", "so nhan khau"), 0);
        assert_eq!(edit_distance("so nhan kau", "so nhan khau"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
