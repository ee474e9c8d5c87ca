//! Text helpers of the weekly forms: cleaning cell text, folding labels so
//! spelling variants compare equal, recognising a village from a label or a
//! file name, and sizing columns and rows for wrapped text.
//!
//! These mirror `load::survey::text`, `load::survey::village` and
//! `forms::{measure, wording}`, which are private to their modules; the
//! weekly report must read and look like the survey form, so the rules are
//! the same. When those modules are opened to the crate (`pub(crate) mod`),
//! this file should shrink to calls into them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::load::survey::legacy;

/// Cell text as it should be stored: legacy TCVN3/VNI converted, NFC,
/// Windows line breaks made plain, trimmed.
pub fn clean(raw: &str) -> String {
    let unicode = legacy::to_unicode(raw);
    let nfc: String = unicode.nfc().collect();
    nfc.replace("\r\n", "\n").replace('\r', "\n").trim().to_string()
}

/// The comparison form of a label: lower case, no diacritics (`đ` → `d`),
/// runs of whitespace and punctuation turned into one space.
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

/// Whitespace and punctuation, as in the survey reader (`…` included, so
/// `Ngày …… tháng` folds to `ngay thang`).
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
/// letters and digits split apart and numbers without leading zeros, so
/// `THON_03` and `Thôn 3` give the same key.
fn village_key(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    for word in fold(text).split(' ').filter(|w| !w.is_empty()) {
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

/// Excel refuses a data validation whose title or message is longer.
pub const TITLE_LIMIT: usize = 32;
pub const MESSAGE_LIMIT: usize = 255;

/// `text` cut to `limit` UTF-16 units (Excel's measure), with `…` when cut.
pub fn fit(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in text.chars() {
        used += c.len_utf16();
        if used > limit {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

pub fn quoted(text: &str) -> String {
    format!("“{text}”")
}

/// Excel does not grow a row to fit wrapped text in a file it did not lay
/// out itself, so widths and heights are estimated from character counts,
/// with the survey form's constants (Calibri 11 with Vietnamese marks).
pub mod measure {
    const UNITS_PER_CHAR: f64 = 1.15;
    const PADDING: f64 = 2.0;
    const LINE_HEIGHT: f64 = 15.0;
    const ROW_MARGIN: f64 = 4.0;

    /// The width to give a column for `chars` characters a line.
    pub fn width(chars: usize) -> f64 {
        chars as f64 * UNITS_PER_CHAR + PADDING
    }

    /// The height of a row showing `lines` lines.
    pub fn height(lines: usize) -> f64 {
        lines.max(1) as f64 * LINE_HEIGHT + ROW_MARGIN
    }

    /// Lines `text` takes when wrapped at `chars` characters, breaking at
    /// spaces as Excel does.
    pub fn lines(text: &str, chars: usize) -> usize {
        let chars = chars.max(1);
        text.split('\n')
            .map(|paragraph| {
                let mut lines = 1;
                let mut used = 0;
                for word in paragraph.split_whitespace() {
                    let n = word.chars().count();
                    if used > 0 && used + 1 + n <= chars {
                        used += 1 + n;
                        continue;
                    }
                    if used > 0 {
                        lines += 1;
                    }
                    lines += (n.max(1) - 1) / chars;
                    used = (n - 1) % chars + 1;
                }
                lines
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn villages() -> Vec<(String, String)> {
        [("thon-1", "Thôn 1"), ("thon-3", "Thôn 3"), ("trung", "Thôn Trung"), ("trung-hoa", "Thôn Trung Hòa")]
            .iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect()
    }

    #[test]
    fn labels_fold_to_one_form() {
        for variant in ["Từ ngày:", "TỪ NGÀY", "Từ  ngày", "tu ngay"] {
            assert_eq!(fold(variant), "tu ngay", "{variant:?}");
        }
        assert_eq!(fold("Ngày …… tháng …… năm 2023"), "ngay thang nam 2023");
        assert_eq!(fold("Khó khăn, vướng mắc cần xã hỗ trợ"), "kho khan vuong mac can xa ho tro");
    }

    #[test]
    fn clean_makes_nfc_and_plain_line_breaks() {
        let nfd: String = "Nguyễn Văn Ân".nfd().collect();
        assert_eq!(clean(&format!("  {nfd}\r\nThôn 3 ")), "Nguyễn Văn Ân\nThôn 3");
    }

    #[test]
    fn villages_are_matched_as_the_survey_reader_does() {
        let v = villages();
        for text in ["Thôn 3", "thon-3", "THON_03", "3", "thôn 3 - tuần 24"] {
            assert_eq!(match_village(text, &v), Some(1), "{text}");
        }
        assert_eq!(match_village("bao cao thon trung hoa", &v), Some(3));
        assert_eq!(match_village("thôn 2", &v), None);
        assert_eq!(match_village("thon 1 va thon 3", &v), None, "two villages: refused");
        assert_eq!(match_village("", &v), None);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("một hai ba bốn", 8), "một hai…");
        assert_eq!(fit("Kết quả", 32), "Kết quả");
    }

    #[test]
    fn wrapped_lines() {
        assert_eq!(measure::lines("Công việc đã làm trong tuần", 12), 3);
        assert_eq!(measure::lines("", 8), 1);
    }
}
