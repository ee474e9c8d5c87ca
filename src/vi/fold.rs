//! Folding Vietnamese text for comparison, written once for every stage:
//! headers, yes/no and category words, village names, verdicts typed in
//! YAML, register searches and file names all compare through here.
//!
//! `strip_marks` is the one primitive (NFD, combining marks dropped,
//! `đ` → `d`); `fold` adds lower case and turns runs of whitespace and
//! punctuation into one space, so spelling variants of one word compare
//! equal while the text as people wrote it is kept elsewhere.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The letters of `text` without their diacritics (`Đồng` → `Dong`), case
/// and everything else kept.
pub fn strip_marks(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfd().filter(|c| !is_combining_mark(*c)).map(|c| match c {
        'đ' => 'd',
        'Đ' => 'D',
        c => c,
    })
}

/// The comparison form of a header or word: lower case, no diacritics
/// (`đ` → `d`), runs of whitespace and punctuation turned into one space.
pub fn fold(text: &str) -> String {
    lower_words(strip_marks(text), text.len())
}

/// `chars` in lower case, each run of separators one space, none at the
/// ends: what `fold` and `fold_keep_marks` share.
fn lower_words(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in chars {
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

/// The first word of `fold(text)`, found without folding the rest: a
/// cheap test that a cell cannot be one of a few words.
pub fn fold_first_word(text: &str) -> String {
    // Most first words are plain ASCII (ids such as `T1-0001`): lower case
    // is all folding does to them, without the decomposition.
    let mut out = String::new();
    for b in text.bytes() {
        if !b.is_ascii() {
            out.clear();
            break;
        }
        if is_separator(char::from(b)) {
            if out.is_empty() {
                continue;
            }
            return out;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
    if text.is_ascii() {
        return out;
    }
    for c in strip_marks(text) {
        if is_separator(c) {
            if out.is_empty() {
                continue;
            }
            break;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether the ASCII start of `text` already shows that its folded first
/// word ([`fold_first_word`]) is none of `words` (folded first words): no
/// word goes on with the letters read so far. `false` when it cannot tell
/// (a letter beyond ASCII comes first, whose folding needs decomposing).
/// Every id and name cell is asked whether it is a totals word, and
/// almost none starts like one.
pub fn first_word_rules_out(text: &str, words: &[String]) -> bool {
    if words.len() > 64 {
        return false;
    }
    let mut alive: u64 = if words.len() == 64 { u64::MAX } else { (1 << words.len()) - 1 };
    let mut read = 0;
    let equal = |alive: u64, read: usize| words.iter().enumerate().any(|(i, w)| alive >> i & 1 == 1 && w.len() == read);
    for b in text.bytes() {
        if !b.is_ascii() {
            return false;
        }
        if is_separator(char::from(b)) {
            if read == 0 {
                continue;
            }
            return !equal(alive, read);
        }
        let lower = b.to_ascii_lowercase();
        for (i, word) in words.iter().enumerate() {
            if word.as_bytes().get(read) != Some(&lower) {
                alive &= !(1 << i);
            }
        }
        if alive == 0 {
            return true;
        }
        read += 1;
    }
    !equal(alive, read)
}

/// Like `fold`, but keeps the diacritics: `Cộng` and `Công` stay apart.
/// Used where a prefix is enough to recognise a word and a name must not be
/// taken for it.
pub fn fold_keep_marks(text: &str) -> String {
    lower_words(text.nfc(), text.len())
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
    fn marks_kept_when_asked() {
        assert_eq!(fold_keep_marks("TỔNG CỘNG:"), "tổng cộng");
        assert_ne!(fold_keep_marks("Công"), fold_keep_marks("Cộng"));
    }

    #[test]
    fn symbols_are_content_not_separators() {
        assert_eq!(fold("✓"), "✓");
    }

    #[test]
    fn marks_are_stripped_and_case_kept() {
        assert_eq!(strip_marks("Đồng Nai, Ân").collect::<String>(), "Dong Nai, An");
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

        /// Ruling a first word out never rules out one of the words.
        #[test]
        fn ruled_out_first_words_are_not_the_words(text in "[ -~Tt ổộô]{0,10}", words in proptest::collection::vec("[a-z ]{0,4}", 0..4)) {
            let words: Vec<String> = words.iter().map(|w| fold_first_word(w)).collect();
            if first_word_rules_out(&text, &words) {
                proptest::prop_assert!(!words.contains(&fold_first_word(&text)));
            }
        }
    }

    #[test]
    fn first_words_are_ruled_out_by_their_ascii_start() {
        let totals: Vec<String> = ["Tổng", "Tổng cộng", "Cộng"].iter().map(|w| fold_first_word(w)).collect();
        for text in ["T1-0001", "Trần Văn An", "Nguyễn Thị Lan", "12", "  x", "Tong2", "Co", "", " - "] {
            assert!(first_word_rules_out(text, &totals), "{text:?}");
        }
        // A totals word, its unaccented spelling, or a start it cannot judge.
        for text in ["Tổng cộng", "TONG", " tong: ", "cong", "Cộng", "Đông", "Tôi"] {
            assert!(!first_word_rules_out(text, &totals), "{text:?}");
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
