//! Independent encoders, Unicode to legacy TCVN3 and VNI, written from the
//! other side of the tables of `legacy`: the tests build legacy text with
//! them (the unit tests as `crate::vi::legacy_encode`, the end-to-end tests
//! by including this file). Test code only: it is never compiled into ntm.

use unicode_normalization::UnicodeNormalization;

/// Unicode letters and their TCVN3 codes, position by position: the
/// seven letters with both cases in lowercase, then each vowel's tones in
/// TCVN3's code order (grave, hook, tilde, acute, dot), then the capitals.
pub const TCVN3_UNICODE_SIDE: &str = "ăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĂÂÊÔƠƯĐ";
pub const TCVN3_CODE_SIDE: &str = "¨©ª«¬\u{AD}®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ¡¢£¤¥¦§";

/// `s` as a `.VnTime` keyboard types it.
pub fn tcvn3(s: &str) -> String {
    let table: Vec<(char, char)> = TCVN3_UNICODE_SIDE.chars().zip(TCVN3_CODE_SIDE.chars()).collect();
    let code = |c: char| table.iter().find(|&&(u, _)| u == c).map(|&(_, t)| t);
    s.nfc()
        .map(|c| {
            // A capital TCVN3 has no code for was typed in .VnTimeH, at the lowercase code.
            code(c).or_else(|| c.to_lowercase().next().filter(|&l| l != c).and_then(code)).unwrap_or(c)
        })
        .collect()
}

/// Builds VNI from Unicode's own decomposition of each letter, so that it
/// shares nothing with the decoding tables but the mark characters.
pub fn vni(s: &str) -> String {
    // Marks in tone order: level, grave, acute, hook, tilde, dot.
    const TONE: [&str; 6] = ["", "ø", "ù", "û", "õ", "ï"];
    const CIRCUMFLEX: [&str; 6] = ["â", "à", "á", "å", "ã", "ä"];
    const BREVE: [&str; 6] = ["ê", "è", "é", "ú", "ü", "ë"];
    const I_VOWELS: [&str; 6] = ["i", "ì", "í", "æ", "ó", "ò"];
    let mut out = String::new();
    for c in s.nfc() {
        match c {
            'đ' => out.push('ñ'),
            'Đ' => out.push('Ñ'),
            _ => {
                let mut parts = std::iter::once(c).nfd();
                let base = parts.next().unwrap_or(c);
                let marks: Vec<char> = parts.collect();
                if marks.is_empty() {
                    out.push(c);
                    continue;
                }
                let tone = [('\u{300}', 1), ('\u{301}', 2), ('\u{309}', 3), ('\u{303}', 4), ('\u{323}', 5)]
                    .iter()
                    .find(|(m, _)| marks.contains(m))
                    .map_or(0, |&(_, t)| t);
                let has = |m: char| marks.contains(&m);
                let piece = match base.to_ascii_lowercase() {
                    'i' => I_VOWELS[tone].to_string(),
                    'y' if tone == 5 => "î".to_string(),
                    'o' if has('\u{31B}') => format!("ô{}", TONE[tone]),
                    'u' if has('\u{31B}') => format!("ö{}", TONE[tone]),
                    b if has('\u{302}') => format!("{b}{}", CIRCUMFLEX[tone]),
                    b if has('\u{306}') => format!("{b}{}", BREVE[tone]),
                    b => format!("{b}{}", TONE[tone]),
                };
                out.push_str(&if base.is_uppercase() { piece.to_uppercase() } else { piece });
            }
        }
    }
    out
}
