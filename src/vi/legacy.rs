//! Legacy Vietnamese encodings in survey workbooks: tells cells typed with the
//! old TCVN3 (ABC, `.VnTime`) and VNI-Windows (`VNI-Times`) fonts from real
//! Unicode, and converts them to NFC Unicode.
//!
//! Those fonts draw Vietnamese letters at 8-bit codes, and Excel stores the
//! Windows-1252 characters of those codes, so a legacy cell is an ordinary
//! Unicode string of Latin-1 look-alikes: "Thôn" typed in TCVN3 is stored as
//! "Th«n", typed in VNI as "Thoân". Nothing in the cell says which font drew
//! it, so the encoding is read off the text.
//!
//! # Tables
//!
//! TCVN3 is the base table of TCVN 5712:1993 (VN3, the `.VnTime` fonts): one
//! code per lowercase letter, but capitals only for Ă Â Ê Ô Ơ Ư Đ. Other
//! capitals were typed with the `.VnTimeH` fonts, which draw capitals at the
//! lowercase codes, so the cell holds the lowercase code. [`tcvn3_to_unicode`]
//! gives such a letter back its capital when the text shows it was set in
//! capitals: when every letter whose case the codes do tell (ASCII letters
//! and the seven letters with both codes) is a capital and some word has two
//! of them ("§¦êNG LµNG" reads "ĐƯỜNG LÀNG"), or, word by word, when a word
//! has two such capitals and no such lowercase letter. A lone capital
//! ("¸nh" for "Ánh") cannot be told from a lowercase letter and stays lowercase.
//!
//! VNI writes a base letter followed by a separate mark character (`o` + `â`
//! is ô, `o` + `á` is ố, `a` + `ê` is ă), with characters of their own for
//! ơ (`ô`), ư (`ö`), đ (`ñ`), ỵ (`î`) and the i-vowels (`í ì æ ó ò`).
//!
//! # Detection
//!
//! 1. Only a string made of Latin-1 and Windows-1252 characters, at least one
//!    of them non-ASCII, can be legacy text. Anything else (ă, đ, ơ, ư, the
//!    toned letters outside Latin-1, NFD's combining marks) is Unicode, and a
//!    cell mixing legacy codes with Unicode letters is left as it is too.
//! 2. A reading is a candidate only if the string carries its marks: for
//!    TCVN3, a code of its table that is not itself a Vietnamese letter
//!    (« ¬ ® § µ ¸ ¹ Ö Ü, the soft hyphen that is ư …), or a code that is a
//!    capital straight after a small letter ("nghÌo", "thiÕu"); for VNI, a
//!    base vowel followed by one of its mark characters in the same case
//!    ("oâ", "OÂ", "aø"), or one of VNI's own ñ ö æ î.
//! 3. The string as it is and both readings are scored word by word, a word
//!    being a run between ASCII spaces, digits and punctuation, Windows-1252
//!    punctuation and the Latin-1 signs neither table uses (° ± ² ³ ´ ¯ ¿).
//!    A word is valid if it is a single Vietnamese syllable: a known onset
//!    and rhyme, c/k, g/gh, ng/ngh spelled right, the tone on the vowel that
//!    carries it (old "hòa" and new "hoà" placement both), only sắc or nặng
//!    on -c -ch -p -t, and written in lowercase, Capitalised or ALL CAPS
//!    (in the TCVN3 reading a word whose case-carrying letters are all
//!    capitals may also be a syllable in full capitals, as `.VnTimeH` typed
//!    it). Words left in ASCII read the same every way, and one-character
//!    words are as likely a sign (×, µ) as a one-letter word, so neither
//!    counts.
//! 4. A candidate reading is taken if it has at least one valid word and
//!    beats both the string as it is and the other reading: fewer invalid
//!    words, or as many and more valid ones. The other reading competes even
//!    without its marks, because capitals typed in TCVN3's `.VnTimeH` can
//!    carry none and look like VNI: "HUÕ" is TCVN3 "HUẾ" and VNI "HŨ". On a
//!    tie the string is left as it is.
//!
//! So a string is converted only when a legacy reading makes more of it into
//! Vietnamese than it already is. A short cell that reads as Vietnamese both
//! ways stays as it is: "Cã" is TCVN3 for "Có" but also a well-formed "Cã",
//! and "ñi" reads as VNI "đi" or TCVN3 "ủi".

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Which legacy encoding a string appears to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN3 (ABC, TCVN 5712:1993 VN3): the `.VnTime` fonts.
    Tcvn3,
    /// VNI-Windows: the `VNI-Times` fonts.
    Vni,
}

/// Detects a legacy encoding; `None` for text that is already Unicode Vietnamese or plain ASCII.
///
/// The rule is the one in the module documentation: a legacy reading is
/// chosen only when it yields more well-formed Vietnamese syllables than the
/// text as it stands, and ties are left alone.
pub fn detect(s: &str) -> Option<Legacy> {
    classify(s).map(|(legacy, _)| legacy)
}

/// Converts `s` to NFC Unicode if it is legacy-encoded, else returns it unchanged (borrowed).
pub fn to_unicode(s: &str) -> Cow<'_, str> {
    match classify(s) {
        Some((_, converted)) => Cow::Owned(converted),
        None => Cow::Borrowed(s),
    }
}

/// Whether `s` is made of the characters a legacy font's cell can hold
/// (Latin-1 and Windows-1252), at least one of them beyond ASCII: only
/// such text can be TCVN3 or VNI.
pub fn in_legacy_range(s: &str) -> bool {
    !s.is_ascii() && s.chars().all(|c| c <= '\u{FF}' || CP1252_EXTRAS.contains(&c))
}

/// Whether `s` has a letter or mark no legacy font's cell can hold (ă, đ,
/// ơ, ư, the toned letters outside Latin-1, NFD's combining marks): text
/// typed in a Unicode font.
pub fn has_unicode_letters(s: &str) -> bool {
    s.chars().any(|c| c > '\u{FF}' && !CP1252_EXTRAS.contains(&c) && (c.is_alphabetic() || is_combining_mark(c)))
}

/// `s` read in `legacy`, as a sheet known to be typed in that font is
/// read: `None` when `s` cannot be legacy text or when the reading would
/// make fewer of its words Vietnamese than they are as written (a cell
/// typed in another font). Short cells that read both ways ("Cã") take
/// the sheet's reading, unlike [`to_unicode`], which leaves ties alone.
pub fn convert_as(s: &str, legacy: Legacy) -> Option<String> {
    if !in_legacy_range(s) {
        return None;
    }
    let converted = match legacy {
        Legacy::Tcvn3 => tcvn3_to_unicode(s),
        Legacy::Vni => vni_to_unicode(s),
    };
    let (own, as_is) = (score(s, &converted, Some(legacy)), score(s, s, None));
    (own.invalid <= as_is.invalid && converted != s).then_some(converted)
}

/// Converts TCVN3 text to NFC Unicode, restoring capitals set with `.VnTimeH` where the text shows them.
///
/// Characters outside the table pass through unchanged.
pub fn tcvn3_to_unicode(s: &str) -> String {
    let decoded: Vec<(char, CaseKnown)> = s
        .chars()
        .map(|c| match tcvn3_decode(c) {
            Some(u) if ('\u{A1}'..='\u{AE}').contains(&c) => (u, CaseKnown::Yes),
            Some(u) => (u, CaseKnown::No),
            None if c.is_ascii_alphabetic() => (c, CaseKnown::Yes),
            None => (c, CaseKnown::Neither),
        })
        .collect();
    // Runs of letters and runs of everything else; only the former have letters to count.
    let runs: Vec<&[(char, CaseKnown)]> = decoded.chunk_by(|a, b| a.0.is_alphabetic() == b.0.is_alphabetic()).collect();
    let known = |word: &[(char, CaseKnown)], upper: bool| {
        word.iter().filter(|&&(c, case)| case == CaseKnown::Yes && c.is_uppercase() == upper).count()
    };
    let all_caps = runs.iter().all(|run| known(run, false) == 0) && runs.iter().any(|run| known(run, true) >= 2);

    let mut out = String::with_capacity(s.len() * 2);
    for run in runs {
        let caps = all_caps || (known(run, true) >= 2 && known(run, false) == 0);
        for &(c, case) in run {
            if caps && case == CaseKnown::No {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
    }
    out.nfc().collect()
}

/// Converts VNI-Windows text to NFC Unicode.
///
/// A mark counts only in the case of its base, as the VNI keyboard types it:
/// "Oã" is not ỗ, and reading it so would take capitals TCVN3 typed at
/// lowercase codes for VNI. Characters that form no VNI letter pass through
/// unchanged.
pub fn vni_to_unicode(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(base) = vni_base(c)
            && let Some(&mark) = chars.get(i + 1)
            && mark.is_uppercase() == c.is_uppercase()
            && let Some(letter) = vni_mark(base, mark)
        {
            out.push(if c.is_uppercase() { to_upper(letter) } else { letter });
            i += 2;
        } else {
            out.push(vni_single(c).unwrap_or(c));
            i += 1;
        }
    }
    out.nfc().collect()
}

/// Whether a decoded TCVN3 letter's case comes from the code itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseKnown {
    /// ASCII letters, and the seven letters TCVN3 has in both cases.
    Yes,
    /// Toned letters: the same code served `.VnTime` lowercase and `.VnTimeH` capitals.
    No,
    /// Signs, and letters outside the table.
    Neither,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Level,
    Grave,
    Acute,
    Hook,
    Tilde,
    Dot,
}

/// In the column order of [`VOWELS`].
const TONES: [Tone; 6] = [Tone::Level, Tone::Grave, Tone::Acute, Tone::Hook, Tone::Tilde, Tone::Dot];

/// The twelve vowels of Vietnamese with their five tones, in [`TONES`] order.
const VOWELS: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

fn compose(vowel: char, tone: Tone) -> Option<char> {
    let row = VOWELS.iter().find(|row| row[0] == vowel)?;
    Some(row[tone as usize])
}

/// Splits a lowercase vowel into its toneless form and its tone.
fn split_vowel(c: char) -> Option<(char, Tone)> {
    VOWELS.iter().find_map(|row| row.iter().position(|&v| v == c).map(|tone| (row[0], TONES[tone])))
}

fn to_upper(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

fn to_lower(c: char) -> Option<char> {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

/// Latin-1 letters that Unicode Vietnamese uses as they are (à, Ê, ý…).
fn is_vietnamese_latin1(c: char) -> bool {
    ('\u{C0}'..='\u{FF}').contains(&c) && to_lower(c).and_then(split_vowel).is_some()
}

/// The base `.VnTime` table, keyed by the Windows-1252 character of each code.
fn tcvn3_decode(c: char) -> Option<char> {
    let u = match c {
        '\u{A1}' => 'Ă',
        '\u{A2}' => 'Â',
        '\u{A3}' => 'Ê',
        '\u{A4}' => 'Ô',
        '\u{A5}' => 'Ơ',
        '\u{A6}' => 'Ư',
        '\u{A7}' => 'Đ',
        '\u{A8}' => 'ă',
        '\u{A9}' => 'â',
        '\u{AA}' => 'ê',
        '\u{AB}' => 'ô',
        '\u{AC}' => 'ơ',
        '\u{AD}' => 'ư',
        '\u{AE}' => 'đ',
        '\u{B5}' => 'à',
        '\u{B6}' => 'ả',
        '\u{B7}' => 'ã',
        '\u{B8}' => 'á',
        '\u{B9}' => 'ạ',
        '\u{BB}' => 'ằ',
        '\u{BC}' => 'ẳ',
        '\u{BD}' => 'ẵ',
        '\u{BE}' => 'ắ',
        '\u{C6}' => 'ặ',
        '\u{C7}' => 'ầ',
        '\u{C8}' => 'ẩ',
        '\u{C9}' => 'ẫ',
        '\u{CA}' => 'ấ',
        '\u{CB}' => 'ậ',
        '\u{CC}' => 'è',
        '\u{CE}' => 'ẻ',
        '\u{CF}' => 'ẽ',
        '\u{D0}' => 'é',
        '\u{D1}' => 'ẹ',
        '\u{D2}' => 'ề',
        '\u{D3}' => 'ể',
        '\u{D4}' => 'ễ',
        '\u{D5}' => 'ế',
        '\u{D6}' => 'ệ',
        '\u{D7}' => 'ì',
        '\u{D8}' => 'ỉ',
        '\u{DC}' => 'ĩ',
        '\u{DD}' => 'í',
        '\u{DE}' => 'ị',
        '\u{DF}' => 'ò',
        '\u{E1}' => 'ỏ',
        '\u{E2}' => 'õ',
        '\u{E3}' => 'ó',
        '\u{E4}' => 'ọ',
        '\u{E5}' => 'ồ',
        '\u{E6}' => 'ổ',
        '\u{E7}' => 'ỗ',
        '\u{E8}' => 'ố',
        '\u{E9}' => 'ộ',
        '\u{EA}' => 'ờ',
        '\u{EB}' => 'ở',
        '\u{EC}' => 'ỡ',
        '\u{ED}' => 'ớ',
        '\u{EE}' => 'ợ',
        '\u{EF}' => 'ù',
        '\u{F1}' => 'ủ',
        '\u{F2}' => 'ũ',
        '\u{F3}' => 'ú',
        '\u{F4}' => 'ụ',
        '\u{F5}' => 'ừ',
        '\u{F6}' => 'ử',
        '\u{F7}' => 'ữ',
        '\u{F8}' => 'ứ',
        '\u{F9}' => 'ự',
        '\u{FA}' => 'ỳ',
        '\u{FB}' => 'ỷ',
        '\u{FC}' => 'ỹ',
        '\u{FD}' => 'ý',
        '\u{FE}' => 'ỵ',
        _ => return None,
    };
    Some(u)
}

/// Whether `s` has a TCVN3 code that real Unicode Vietnamese does not use
/// as a letter, or a code that is a capital letter straight after a small
/// one ("nghÌo", "thiÕu"), where Unicode has no capital.
fn has_tcvn3_marker(s: &str) -> bool {
    let mut previous_lowercase = false;
    for c in s.chars() {
        if tcvn3_decode(c).is_some() && (!is_vietnamese_latin1(c) || (previous_lowercase && c.is_uppercase())) {
            return true;
        }
        previous_lowercase = c.is_lowercase();
    }
    false
}

/// The vowel a VNI base character stands for before its mark.
fn vni_base(c: char) -> Option<char> {
    let base = match c {
        'a' | 'A' => 'a',
        'e' | 'E' => 'e',
        'o' | 'O' => 'o',
        'u' | 'U' => 'u',
        'y' | 'Y' => 'y',
        'ô' | 'Ô' => 'ơ',
        'ö' | 'Ö' => 'ư',
        _ => return None,
    };
    Some(base)
}

/// The lowercase letter a VNI mark makes of `base`, if it is a mark `base` takes.
fn vni_mark(base: char, mark: char) -> Option<char> {
    // Tones alone, from grave to dot; the level tone has no mark.
    const TONE: [char; 5] = ['ø', 'ù', 'û', 'õ', 'ï'];
    // Circumflex and breve with each tone, level first.
    const CIRCUMFLEX: [char; 6] = ['â', 'à', 'á', 'å', 'ã', 'ä'];
    const BREVE: [char; 6] = ['ê', 'è', 'é', 'ú', 'ü', 'ë'];
    let mark = to_lower(mark)?;
    if let Some(tone) = TONE.iter().position(|&m| m == mark) {
        return compose(base, TONES[tone + 1]);
    }
    let shaped = match base {
        'a' => CIRCUMFLEX
            .iter()
            .position(|&m| m == mark)
            .map(|t| ('â', t))
            .or_else(|| BREVE.iter().position(|&m| m == mark).map(|t| ('ă', t))),
        'e' => CIRCUMFLEX.iter().position(|&m| m == mark).map(|t| ('ê', t)),
        'o' => CIRCUMFLEX.iter().position(|&m| m == mark).map(|t| ('ô', t)),
        _ => None,
    };
    shaped.and_then(|(vowel, tone)| compose(vowel, TONES[tone]))
}

/// VNI characters that are a letter on their own.
fn vni_single(c: char) -> Option<char> {
    let letter = match c {
        'æ' => 'ỉ',
        'ó' => 'ĩ',
        'ò' => 'ị',
        'î' => 'ỵ',
        'ô' => 'ơ',
        'ö' => 'ư',
        'ñ' => 'đ',
        'Æ' => 'Ỉ',
        'Ó' => 'Ĩ',
        'Ò' => 'Ị',
        'Î' => 'Ỵ',
        'Ô' => 'Ơ',
        'Ö' => 'Ư',
        'Ñ' => 'Đ',
        _ => return None,
    };
    Some(letter)
}

fn has_vni_marker(s: &str) -> bool {
    let mut previous: Option<char> = None;
    for c in s.chars() {
        if matches!(c, 'ñ' | 'Ñ' | 'ö' | 'Ö' | 'æ' | 'Æ' | 'î' | 'Î') {
            return true;
        }
        if let Some(previous) = previous
            && let Some(base) = vni_base(previous)
            && previous.is_uppercase() == c.is_uppercase()
            && vni_mark(base, c).is_some()
        {
            return true;
        }
        previous = Some(c);
    }
    false
}

/// The characters Windows-1252 puts in 0x80–0x9F: a legacy cell may hold
/// them (typographic quotes and dashes), since they come from the same keyboard.
const CP1252_EXTRAS: [char; 27] = [
    '€', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 'Ž', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}',
    '•', '–', '—', '˜', '™', 'š', '›', 'œ', 'ž', 'Ÿ',
];

/// Word boundaries that neither encoding touches, so the words of the text
/// as it is and of each reading line up one to one: ASCII other than
/// letters, Windows-1252 punctuation, and the Latin-1 signs that neither
/// table uses (° ± ² ³ ´ ¯ ¿).
fn is_separator(c: char) -> bool {
    if c.is_ascii() {
        !c.is_ascii_alphabetic()
    } else if c <= '\u{FF}' {
        matches!(c, '\u{A0}' | '\u{AF}' | '\u{B0}'..='\u{B4}' | '\u{BF}')
    } else {
        !c.is_alphabetic()
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Score {
    invalid: usize,
    valid: usize,
}

impl Score {
    fn beats(self, other: Score) -> bool {
        self.invalid < other.invalid || (self.invalid == other.invalid && self.valid > other.valid)
    }
}

/// Scores `reading`, a conversion of `raw`, word by word.
fn score(raw: &str, reading: &str, legacy: Option<Legacy>) -> Score {
    let mut score = Score::default();
    for (raw_word, word) in raw.split(is_separator).zip(reading.split(is_separator)) {
        if raw_word.is_ascii() || raw_word.chars().nth(1).is_none() {
            continue;
        }
        if is_syllable(word) || (legacy == Some(Legacy::Tcvn3) && tcvn3_capitals(raw_word, word)) {
            score.valid += 1;
        } else {
            score.invalid += 1;
        }
    }
    score
}

/// Whether a TCVN3 word is a syllable once its toned letters are read as
/// `.VnTimeH` capitals: "ÆM" may be "ẶM" even though one capital is too
/// little for [`tcvn3_to_unicode`] to restore it, and that reading must
/// compete with VNI's "ỈM".
fn tcvn3_capitals(raw_word: &str, word: &str) -> bool {
    let mut known = raw_word.chars().filter(|&c| c.is_ascii_alphabetic() || ('\u{A1}'..='\u{AE}').contains(&c));
    known.all(|c| c.is_ascii_uppercase() || c <= '\u{A7}') && is_syllable(&word.to_uppercase())
}

fn classify(s: &str) -> Option<(Legacy, String)> {
    if !in_legacy_range(s) {
        return None;
    }
    // Neither reading can win without its marker: most Latin-1 cells
    // (`Có`, `Không`) stop here without being scored twice.
    let (tcvn3_marked, vni_marked) = (has_tcvn3_marker(s), has_vni_marker(s));
    if !tcvn3_marked && !vni_marked {
        return None;
    }
    let as_is = score(s, s, None);
    let tcvn3 = tcvn3_to_unicode(s);
    let vni = vni_to_unicode(s);
    let (tcvn3_score, vni_score) = (score(s, &tcvn3, Some(Legacy::Tcvn3)), score(s, &vni, Some(Legacy::Vni)));
    let wins = |marked: bool, own: Score, other: Score| marked && own.valid > 0 && own.beats(as_is) && own.beats(other);
    if wins(tcvn3_marked, tcvn3_score, vni_score) {
        Some((Legacy::Tcvn3, tcvn3))
    } else if wins(vni_marked, vni_score, tcvn3_score) {
        Some((Legacy::Vni, vni))
    } else {
        None
    }
}

/// Onsets. Every one a word starts with is tried, since some words split
/// more than one way: "gìn" is g + ìn but "già" is gi + à.
const ONSETS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x", "",
];

/// Every rhyme of standard Vietnamese, without its tone.
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    "e", "eo", "ec", "em", "en", "eng", "ep", "et", //
    "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt", //
    "i", "ia", "iu", "ich", "im", "in", "inh", "ip", "it", //
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", //
    "yêm", "yên", "yêng", "yêt", "yêu", //
    "o", "oi", "oc", "om", "on", "ong", "op", "ot", "ooc", "oong", //
    "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    "u", "ua", "ui", "uc", "um", "un", "ung", "up", "ut", //
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt", //
    "ư", "ưa", "ưi", "ưu", "ưc", "ưm", "ưn", "ưng", "ưt", //
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", //
    "oa", "oai", "oay", "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat", //
    "oăc", "oăm", "oăn", "oăng", "oăt", //
    "oe", "oeo", "oem", "oen", "oet", //
    "uân", "uâng", "uât", "uây", //
    "uê", "uêch", "uênh", //
    "uy", "uya", "uyu", "uych", "uyn", "uynh", "uyp", "uyt", //
    "uyên", "uyêt", //
    "uơ", "y",
];

/// Rhymes that only follow "qu", whose u stands for the medial (quýt, quỳnh).
const QU_RHYMES: &[&str] = &["ych", "ynh", "yt"];

/// Whether `word` is exactly one well-formed Vietnamese syllable; any sign in it makes it none.
fn is_syllable(word: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    let uppers = letters.iter().filter(|c| c.is_uppercase()).count();
    let cased = uppers == 0 || uppers == letters.len() || (uppers == 1 && letters[0].is_uppercase());
    if letters.is_empty() || !cased {
        return false;
    }
    let mut bare = String::with_capacity(word.len());
    let mut tone = None;
    for (at, &c) in letters.iter().enumerate() {
        let Some(c) = to_lower(c) else { return false };
        if let Some((vowel, t)) = split_vowel(c) {
            if t != Tone::Level {
                if tone.is_some() {
                    return false;
                }
                tone = Some((at, t));
            }
            bare.push(vowel);
        } else if "bcdđghklmnpqrstvx".contains(c) {
            bare.push(c);
        } else {
            return false;
        }
    }
    ONSETS.iter().any(|onset| {
        let Some(rhyme) = bare.strip_prefix(onset) else { return false };
        let skip = onset.chars().count();
        match tone {
            None => rhyme_fits(onset, rhyme, None),
            Some((at, t)) => at.checked_sub(skip).is_some_and(|at| rhyme_fits(onset, rhyme, Some((at, t)))),
        }
    })
}

/// Whether `rhyme` may follow `onset` with `tone` on the rhyme's letter at the given index.
fn rhyme_fits(onset: &str, rhyme: &str, tone: Option<(usize, Tone)>) -> bool {
    let Some(first) = rhyme.chars().next() else { return false };
    let listed = RHYMES.contains(&rhyme) || (onset == "qu" && QU_RHYMES.contains(&rhyme));
    let spelled = match onset {
        "c" => !matches!(first, 'e' | 'ê' | 'i' | 'y'),
        "g" => !matches!(first, 'e' | 'ê'),
        "ng" => !matches!(first, 'e' | 'ê' | 'i'),
        "gh" | "ngh" => matches!(first, 'e' | 'ê' | 'i'),
        "gi" => first != 'i',
        "qu" => !matches!(first, 'o' | 'u' | 'ư'),
        _ => true,
    };
    if !listed || !spelled {
        return false;
    }
    let stop = rhyme.ends_with(['c', 'p', 't']) || rhyme.ends_with("ch");
    match tone {
        None => !stop,
        // Loanwords like boong, goòng and only those: VNI "oâng" read as
        // TCVN3 is "oõng", which must not pass for one.
        Some((_, tone)) if rhyme == "oong" && tone != Tone::Grave => false,
        Some((at, tone)) => {
            let (old, new) = tone_slots(rhyme);
            (!stop || matches!(tone, Tone::Acute | Tone::Dot)) && (at == old || at == new)
        }
    }
}

/// Where a rhyme takes its tone, under the old and the new placement rules
/// (they differ only for open oa, oe, uy: hòa/hoà, khỏe/khoẻ, thủy/thuỷ).
fn tone_slots(rhyme: &str) -> (usize, usize) {
    let letters: Vec<char> = rhyme.chars().collect();
    if let Some(at) = letters.iter().rposition(|c| matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')) {
        return (at, at);
    }
    let is_vowel = |c: &char| VOWELS.iter().any(|row| row[0] == *c);
    let vowels: Vec<usize> = (0..letters.len()).filter(|&i| is_vowel(&letters[i])).collect();
    let (Some(&first), Some(&last)) = (vowels.first(), vowels.last()) else { return (usize::MAX, usize::MAX) };
    if vowels.len() == 1 || !letters.last().is_some_and(is_vowel) {
        return (last, last);
    }
    match rhyme {
        "oa" | "oe" | "uy" => (0, 1),
        "oai" | "oay" | "oeo" | "uya" | "uyu" => (1, 1),
        _ => (first, first),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::legacy_encode::{TCVN3_CODE_SIDE, TCVN3_UNICODE_SIDE, tcvn3 as encode_tcvn3, vni as encode_vni};
    use proptest::prelude::*;

    /// What TCVN3 can give back: capitals it has no code for come back lowercase
    /// unless the words around show capitals, which these phrases avoid.
    fn tcvn3_lowercased(s: &str) -> String {
        let coded: Vec<char> = TCVN3_UNICODE_SIDE.chars().collect();
        s.chars()
            .map(|c| match c.to_lowercase().next() {
                Some(l) if l != c && !c.is_ascii() && !coded.contains(&c) => l,
                _ => c,
            })
            .collect()
    }

    #[test]
    fn encoder_tables_line_up() {
        assert_eq!(TCVN3_UNICODE_SIDE.chars().count(), TCVN3_CODE_SIDE.chars().count());
        assert_eq!(TCVN3_UNICODE_SIDE.chars().count(), 74);
    }

    #[test]
    fn vowel_table_matches_unicode_decomposition() {
        let marks = [None, Some('\u{300}'), Some('\u{301}'), Some('\u{309}'), Some('\u{303}'), Some('\u{323}')];
        for row in VOWELS {
            for (letter, mark) in row.iter().zip(marks) {
                let expected: String = std::iter::once(row[0]).chain(mark).nfc().collect();
                assert_eq!(letter.to_string(), expected);
            }
        }
    }

    // ---- The survey's own words, in both encodings. ----

    /// (Unicode, what TCVN3 gives back, whether TCVN3 is detected on its own).
    const PHRASES: &[(&str, &str, bool)] = &[
        ("Thôn 3", "Thôn 3", true),
        ("Họ và tên chủ hộ", "Họ và tên chủ hộ", true),
        ("Số nhân khẩu", "Số nhân khẩu", true),
        ("Tổng thu nhập năm (triệu đồng)", "Tổng thu nhập năm (triệu đồng)", true),
        ("Phân loại hộ", "Phân loại hộ", true),
        ("Cận nghèo", "Cận nghèo", true),
        ("Kiên cố", "Kiên cố", true),
        ("Bán kiên cố", "Bán kiên cố", true),
        ("Thiếu kiên cố", "Thiếu kiên cố", true),
        ("Đơn sơ", "Đơn sơ", true),
        ("Nước sạch", "Nước sạch", true),
        ("Nhà tiêu hợp vệ sinh", "Nhà tiêu hợp vệ sinh", true),
        ("Gia đình văn hóa", "Gia đình văn hóa", true),
        // "Cã" is also a well-formed Unicode syllable: undecidable alone.
        ("Có", "Có", false),
        ("Không", "Không", true),
        ("Nguyễn Văn Hưởng", "Nguyễn Văn Hưởng", true),
        // Á has no TCVN3 code and a lone capital cannot be told from a small letter.
        ("Trần Thị Ngọc Ánh", "Trần Thị Ngọc ánh", true),
        ("ĐƯỜNG LÀNG", "ĐƯỜNG LÀNG", true),
    ];

    #[test]
    fn survey_phrases_in_tcvn3() {
        for &(unicode, reads_as, detected) in PHRASES {
            let legacy = encode_tcvn3(unicode);
            assert_eq!(tcvn3_to_unicode(&legacy), reads_as, "{legacy}");
            if detected {
                assert_eq!(detect(&legacy), Some(Legacy::Tcvn3), "{legacy}");
                assert_eq!(to_unicode(&legacy), reads_as, "{legacy}");
            } else {
                assert_eq!(detect(&legacy), None, "{legacy}");
                assert!(matches!(to_unicode(&legacy), Cow::Borrowed(b) if b == legacy));
            }
            assert_eq!(detect(unicode), None, "{unicode}");
        }
    }

    #[test]
    fn survey_phrases_in_vni() {
        for &(unicode, _, _) in PHRASES {
            let legacy = encode_vni(unicode);
            assert_eq!(vni_to_unicode(&legacy), unicode, "{legacy}");
            assert_eq!(detect(&legacy), Some(Legacy::Vni), "{legacy}");
            assert_eq!(to_unicode(&legacy), unicode, "{legacy}");
        }
    }

    /// Spelled out by hand from the tables, so the encoders are checked too.
    #[test]
    fn encoders_match_hand_spelled_forms() {
        let cases = [
            ("Thôn 3", "Th«n 3", "Thoân 3"),
            ("Có", "Cã", "Coù"),
            ("Không", "Kh«ng", "Khoâng"),
            ("Đơn sơ", "§¬n s¬", "Ñôn sô"),
            ("Nước sạch", "N\u{AD}íc s¹ch", "Nöôùc saïch"),
            ("Nguyễn Văn Hưởng", "NguyÔn V¨n H\u{AD}ëng", "Nguyeãn Vaên Höôûng"),
            ("Cận nghèo", "CËn nghÌo", "Caän ngheøo"),
            ("ĐƯỜNG LÀNG", "§¦êNG LµNG", "ÑÖÔØNG LAØNG"),
        ];
        for (unicode, tcvn3, vni) in cases {
            assert_eq!(encode_tcvn3(unicode), tcvn3);
            assert_eq!(encode_vni(unicode), vni);
        }
    }

    // ---- Legacy text quoted from public documents and converters, with its reading. ----

    const PUBLIC_TCVN3: &[(&str, &str)] = &[
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("C¨n cø NghÞ ®Þnh sè 15/CP", "Căn cứ Nghị định số 15/CP"),
        ("quyÕt ®Þnh cña Bé tr\u{AD}ëng Bé Tµi chÝnh", "quyết định của Bộ trưởng Bộ Tài chính"),
        ("ng\u{AD}êi cã c«ng víi c¸ch m¹ng", "người có công với cách mạng"),
        ("Th«ng t\u{AD} h\u{AD}íng dÉn thùc hiÖn", "Thông tư hướng dẫn thực hiện"),
        ("Tæng diÖn tÝch ®· phñ kÝn", "Tổng diện tích đã phủ kín"),
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("B¸t X¸t", "Bát Xát"),
        ("M\u{AD}êng Kh\u{AD}¬ng", "Mường Khương"),
        ("Trung ¢u", "Trung Âu"),
        ("¤ng TrÇn Du", "Ông Trần Du"),
        // Set in .VnTimeH: capitals at lowercase codes.
        ("§¡NG Ký KINH DOANH", "ĐĂNG KÝ KINH DOANH"),
        ("CéNG HßA", "CỘNG HÒA"),
        ("KH¤NG Cã G× QUý H¥N §éC LËP, Tù DO", "KHÔNG CÓ GÌ QUÝ HƠN ĐỘC LẬP, TỰ DO"),
    ];

    const PUBLIC_VNI: &[(&str, &str)] = &[
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("ñöôïc giao nhieäm vuï, ngöôøi khai, ñaêng kyù", "được giao nhiệm vụ, người khai, đăng ký"),
        ("UÛY BAN NHAÂN DAÂN TÆNH", "ỦY BAN NHÂN DÂN TỈNH"),
        ("Caên cöù Luaät Toå chöùc HÑND vaø UBND", "Căn cứ Luật Tổ chức HĐND và UBND"),
        ("quyeát ñònh naøy coù hieäu löïc", "quyết định này có hiệu lực"),
        ("nghæ maát söùc", "nghỉ mất sức"),
        ("saün coù", "sẵn có"),
        ("Ñaø Naüng", "Đà Nẵng"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("Bieân baûn ghi lôøi khai ngöôøi laøm chöùng", "Biên bản ghi lời khai người làm chứng"),
    ];

    #[test]
    fn public_tcvn3_samples() {
        for &(legacy, unicode) in PUBLIC_TCVN3 {
            assert_eq!(tcvn3_to_unicode(legacy), unicode);
            assert_eq!(detect(legacy), Some(Legacy::Tcvn3), "{legacy}");
            assert_eq!(to_unicode(legacy), unicode);
        }
    }

    #[test]
    fn public_vni_samples() {
        for &(legacy, unicode) in PUBLIC_VNI {
            assert_eq!(vni_to_unicode(legacy), unicode);
            assert_eq!(detect(legacy), Some(Legacy::Vni), "{legacy}");
            assert_eq!(to_unicode(legacy), unicode);
        }
    }

    #[test]
    fn every_code_of_the_tables_converts() {
        for (unicode, code) in TCVN3_UNICODE_SIDE.chars().zip(TCVN3_CODE_SIDE.chars()) {
            assert_eq!(tcvn3_to_unicode(&code.to_string()), unicode.to_string(), "{code}");
        }
        let all: String = VOWELS.iter().flatten().chain(&['đ']).collect();
        for letter in all.chars().chain(all.to_uppercase().chars()) {
            assert_eq!(vni_to_unicode(&encode_vni(&letter.to_string())), letter.to_string(), "{letter}");
        }
    }

    #[test]
    fn unicode_and_foreign_text_is_left_alone() {
        for text in [
            "",
            "Thôn 3",
            "Hoà Bình",
            "Hòa Bình",
            "Tân Châu",
            "Xuân Hoà",
            "Hồ Chí Minh",
            "Café",
            "Müller",
            "Señor Niño",
            "Hélène Noël",
            "Giá 5 × 3",
            "«Thôn»",
            "30°C",
            "Krông Bông",
            "5 – 7 “hộ”",
            "ĐƯỜNG LÀNG",
            "Ho\u{302}\u{300} Chi\u{301}",
        ] {
            assert_eq!(detect(text), None, "{text}");
            assert!(matches!(to_unicode(text), Cow::Borrowed(b) if b == text), "{text}");
        }
    }

    /// Strings that read as Vietnamese under more than one encoding stay as they are.
    #[test]
    fn ambiguous_strings_are_left_alone() {
        for text in ["Cã", "ñi", "Hoà", "coá", "Tèn", "HUÕ", "ÆM", "Thò"] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn tcvn3_capitals_follow_the_words_around() {
        assert_eq!(tcvn3_to_unicode("Hå CHÝ MINH"), "HỒ CHÍ MINH");
        assert_eq!(tcvn3_to_unicode("XãM T¢N LËP"), "XÓM TÂN LẬP");
        assert_eq!(tcvn3_to_unicode("Xãm T¢N LËP"), "Xóm TÂN LẬP");
        assert_eq!(tcvn3_to_unicode("Hå Hµ"), "Hồ Hà");
        assert_eq!(tcvn3_to_unicode("Lµ"), "Là");
    }

    // ---- Generated Vietnamese. ----

    /// Rhymes with `*` after the letter that takes the tone; open oa, oe, uy
    /// appear twice, once per placement.
    const GENERATED_RHYMES: &[&str] = &[
        "a*", "a*i", "a*o", "a*u", "a*y", "a*c", "a*ch", "a*m", "a*n", "a*ng", "a*nh", "a*p", "a*t", "ă*c", "ă*m",
        "ă*n", "ă*ng", "ă*p", "ă*t", "â*c", "â*m", "â*n", "â*ng", "â*p", "â*t", "â*u", "â*y", "e*", "e*o", "e*c",
        "e*m", "e*n", "e*ng", "e*p", "e*t", "ê*", "ê*u", "ê*ch", "ê*m", "ê*n", "ê*nh", "ê*p", "ê*t", "i*", "i*a",
        "i*u", "i*ch", "i*m", "i*n", "i*nh", "i*p", "i*t", "iê*c", "iê*m", "iê*n", "iê*ng", "iê*p", "iê*t", "iê*u",
        "yê*m", "yê*n", "yê*t", "yê*u", "o*", "o*i", "o*c", "o*m", "o*n", "o*ng", "o*p", "o*t", "oo*c", "oo*ng", "ô*",
        "ô*i", "ô*c", "ô*m", "ô*n", "ô*ng", "ô*p", "ô*t", "ơ*", "ơ*i", "ơ*m", "ơ*n", "ơ*p", "ơ*t", "u*", "u*a", "u*i",
        "u*c", "u*m", "u*n", "u*ng", "u*p", "u*t", "uô*c", "uô*i", "uô*m", "uô*n", "uô*ng", "uô*t", "ư*", "ư*a", "ư*i",
        "ư*u", "ư*c", "ư*ng", "ư*t", "ươ*c", "ươ*i", "ươ*m", "ươ*n", "ươ*ng", "ươ*p", "ươ*t", "ươ*u", "y*", "o*a",
        "oa*", "oa*i", "oa*y", "oa*c", "oa*ch", "oa*m", "oa*n", "oa*ng", "oa*nh", "oa*t", "oă*c", "oă*n", "oă*ng",
        "oă*t", "o*e", "oe*", "oe*o", "oe*n", "oe*t", "uâ*n", "uâ*ng", "uâ*t", "uâ*y", "uê*", "uê*ch", "uê*nh", "u*y",
        "uy*", "uy*a", "uy*u", "uy*ch", "uy*nh", "uy*t", "uyê*n", "uyê*t", "uơ*",
    ];

    /// Onsets; C, G and NG stand for c/k, g/gh and ng/ngh, spelled by the vowel after them.
    const GENERATED_ONSETS: &[&str] = &[
        "", "b", "C", "ch", "d", "đ", "G", "gi", "h", "kh", "l", "m", "n", "NG", "nh", "ph", "qu", "r", "s", "t", "th",
        "tr", "v", "x",
    ];

    /// Combining tone marks: level, grave, acute, hook, tilde, dot.
    const TONE_MARKS: [Option<char>; 6] =
        [None, Some('\u{300}'), Some('\u{301}'), Some('\u{309}'), Some('\u{303}'), Some('\u{323}')];

    /// A syllable spelled as Vietnamese spells it, or `None` for a combination it does not have.
    fn build_syllable(onset: &str, rhyme: &str, tone: usize) -> Option<String> {
        let bare: String = rhyme.chars().filter(|&c| c != '*').collect();
        let first = bare.chars().next()?;
        let front = matches!(first, 'e' | 'ê' | 'i');
        let onset = match onset {
            "C" if front || first == 'y' => "k",
            "C" => "c",
            "G" if front => "gh",
            "G" => "g",
            "NG" if front => "ngh",
            "NG" => "ng",
            other => other,
        };
        let excluded = (onset == "qu" && matches!(first, 'o' | 'u' | 'ư'))
            || (onset == "gi" && matches!(first, 'i' | 'y'))
            || (bare.starts_with("yê") && !onset.is_empty() && onset != "qu")
            || (bare.starts_with("iê") && (onset.is_empty() || onset == "qu"))
            || (bare == "y" && !["", "h", "k", "l", "m", "qu", "s", "t", "v"].contains(&onset));
        let stop = bare.ends_with(['c', 'p', 't']) || bare.ends_with("ch");
        if excluded || (stop && tone != 2 && tone != 5) || (bare == "oong" && tone > 1) {
            return None;
        }
        let mut out = onset.to_string();
        for c in rhyme.chars() {
            match c {
                '*' => out.extend(TONE_MARKS[tone]),
                c => out.push(c),
            }
        }
        Some(out.nfc().collect())
    }

    /// Words as they appear in survey sheets and names, including every
    /// Latin-1-only spelling these could confuse.
    const REAL_WORDS: &[&str] = &[
        "có",
        "không",
        "là",
        "và",
        "của",
        "cho",
        "tên",
        "thôn",
        "xóm",
        "ấp",
        "bản",
        "làng",
        "xã",
        "huyện",
        "tỉnh",
        "hộ",
        "nghèo",
        "cận",
        "kiên",
        "cố",
        "bán",
        "thiếu",
        "đơn",
        "sơ",
        "nước",
        "sạch",
        "nhà",
        "tiêu",
        "hợp",
        "vệ",
        "sinh",
        "gia",
        "đình",
        "văn",
        "hóa",
        "hoá",
        "hòa",
        "hoà",
        "thủy",
        "thuỷ",
        "khỏe",
        "khoẻ",
        "quý",
        "quí",
        "lý",
        "lí",
        "kỹ",
        "kĩ",
        "tân",
        "xuân",
        "quân",
        "tuấn",
        "nguyên",
        "nguyễn",
        "trần",
        "lê",
        "phạm",
        "hoàng",
        "huỳnh",
        "phan",
        "vũ",
        "võ",
        "đặng",
        "bùi",
        "đỗ",
        "hồ",
        "ngô",
        "dương",
        "thị",
        "ngọc",
        "ánh",
        "minh",
        "hà",
        "hải",
        "hùng",
        "dũng",
        "tú",
        "thúy",
        "thuý",
        "mai",
        "lan",
        "hương",
        "hưởng",
        "giàu",
        "già",
        "gì",
        "giữa",
        "giường",
        "giếng",
        "gìn",
        "quốc",
        "quyền",
        "quyết",
        "khuya",
        "khuỷu",
        "ngoài",
        "xoáy",
        "ngoẹo",
        "khuấy",
        "rượu",
        "hươu",
        "cứu",
        "gửi",
        "tuổi",
        "muối",
        "người",
        "ngoặc",
        "xoăn",
        "boong",
        "xoong",
        "goòng",
        "moóc",
        "voọc",
        "yểng",
        "yên",
        "yêu",
        "ý",
        "ở",
        "ạ",
        "ừ",
        "à",
        "ô",
        "ơi",
        "oan",
        "uống",
        "ướt",
        "ích",
        "ếch",
        "anh",
        "em",
        "ông",
        "bà",
        "cô",
        "chú",
        "bác",
        "dì",
        "mẹ",
        "con",
        "cháu",
        "trâu",
        "bò",
        "lợn",
        "gà",
        "vịt",
        "ruộng",
        "vườn",
        "ao",
        "chuồng",
        "thuở",
        "huơ",
        "quờ",
        "thuê",
        "huế",
        "tuềnh",
        "huých",
        "uỵch",
        "quýt",
        "quỳnh",
        "toàn",
        "toán",
        "khoác",
        "hoạch",
        "khoanh",
        "khuếch",
        "nghiêng",
        "nghề",
        "nghe",
        "ghế",
        "ghi",
        "kẻ",
        "kính",
        "kỳ",
        "cây",
        "cấy",
        "lấy",
        "thấy",
        "đẩy",
        "mía",
        "múa",
        "mùa",
        "lúa",
        "cửa",
        "mưa",
        "đĩa",
        "chìa",
        "kìa",
        "tuyết",
        "chuyện",
        "khuyên",
        "thuyền",
        "luật",
        "xuất",
        "khuất",
        "tuần",
        "huân",
        "tòa",
        "toà",
        "xòe",
        "xoè",
        "ngủ",
        "ăn",
        "uống",
        "điện",
        "đường",
        "trường",
        "chính",
        "sách",
        "năm",
        "triệu",
        "đồng",
        "tổng",
        "thu",
        "nhập",
    ];

    #[derive(Debug, Clone, Copy)]
    enum Case {
        Lower,
        Title,
        Upper,
    }

    fn apply_case(word: &str, case: Case) -> String {
        match case {
            Case::Lower => word.to_string(),
            Case::Upper => word.to_uppercase(),
            Case::Title => {
                let mut chars = word.chars();
                chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
            }
        }
    }

    /// Every spelling [`build_syllable`] makes.
    fn generated_syllables() -> Vec<String> {
        let mut all = Vec::new();
        for onset in GENERATED_ONSETS {
            for rhyme in GENERATED_RHYMES {
                all.extend((0..6).filter_map(|tone| build_syllable(onset, rhyme, tone)));
            }
        }
        all
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(generated_syllables()),
            prop::sample::select(REAL_WORDS).prop_map(str::to_string)
        ]
    }

    fn separator() -> impl Strategy<Value = &'static str> {
        prop::sample::select(
            &[" ", " ", " ", "  ", ", ", " - ", " 12 ", ". ", " (", ") ", "/", ": ", "; ", "\"", "'"][..],
        )
    }

    /// Vietnamese words in any case, with digits, spaces and ASCII punctuation between.
    fn vietnamese_text(cases: &'static [Case]) -> impl Strategy<Value = String> {
        prop::collection::vec((word(), prop::sample::select(cases), separator()), 1..7)
            .prop_map(|words| words.iter().map(|(word, case, separator)| apply_case(word, *case) + separator).collect())
    }

    const ANY_CASE: &[Case] = &[Case::Lower, Case::Title, Case::Upper];
    const NO_CAPITALS_RUN: &[Case] = &[Case::Lower, Case::Title];

    #[test]
    fn every_generated_syllable_is_accepted() {
        let all = generated_syllables();
        assert!(all.len() > 5000, "{}", all.len());
        for syllable in all {
            for case in [Case::Lower, Case::Title, Case::Upper] {
                assert!(is_syllable(&apply_case(&syllable, case)), "{syllable}");
            }
        }
        for word in REAL_WORDS {
            assert!(is_syllable(word), "{word}");
        }
    }

    /// Every Vietnamese letter and ASCII letter.
    fn letters() -> Vec<char> {
        let lower: String = VOWELS.iter().flatten().chain(&['đ']).chain(&('a'..='z').collect::<Vec<_>>()).collect();
        lower.chars().chain(lower.to_uppercase().chars()).collect()
    }

    /// A capital whose case TCVN3's code carries.
    fn capital_with_code() -> impl Strategy<Value = char> {
        prop::sample::select(('A'..='Z').chain("ĂÂÊÔƠƯĐ".chars()).collect::<Vec<_>>())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        #[test]
        fn unicode_vietnamese_is_never_converted(text in vietnamese_text(ANY_CASE), nfd in any::<bool>()) {
            let text: String = if nfd { text.nfd().collect() } else { text };
            prop_assert_eq!(detect(&text), None);
            prop_assert!(matches!(to_unicode(&text), Cow::Borrowed(b) if b == text));
        }

        #[test]
        fn ascii_is_never_converted(text in "[ -~]{0,40}") {
            prop_assert_eq!(detect(&text), None);
            prop_assert!(matches!(to_unicode(&text), Cow::Borrowed(b) if b == text));
        }

        /// Detection may give up, but never converts to the wrong text.
        #[test]
        fn detection_is_never_wrong(text in vietnamese_text(ANY_CASE)) {
            let vni = encode_vni(&text);
            let converted = to_unicode(&vni);
            prop_assert!(converted == text || converted == vni);
            let tcvn3 = encode_tcvn3(&text);
            let converted = to_unicode(&tcvn3);
            prop_assert!(converted.to_lowercase() == text.to_lowercase() || converted == tcvn3);
        }

        /// A word with ươ spelled "öô" is VNI and nothing else, so the phrase must come back whole.
        #[test]
        fn vni_round_trip(text in vietnamese_text(ANY_CASE), anchor in prop::sample::select(
            &["người", "Được", "NƯỚC", "trường", "Hưởng", "thương", "lượng"][..])) {
            let text = format!("{anchor} {text}");
            let legacy = encode_vni(&text);
            prop_assert_eq!(to_unicode(&legacy), text.nfc().collect::<String>());
        }

        /// A word with ư inside, a soft hyphen in TCVN3, is TCVN3 and nothing else.
        #[test]
        fn tcvn3_round_trip(text in vietnamese_text(NO_CAPITALS_RUN), anchor in prop::sample::select(
            &["người", "Trường", "nước", "hưởng", "thương", "Lương", "mười"][..])) {
            let text = format!("{text} {anchor}");
            let legacy = encode_tcvn3(&text);
            prop_assert_eq!(to_unicode(&legacy), tcvn3_lowercased(&text));
        }

        #[test]
        fn vni_table_round_trip(text in prop::collection::vec(prop::sample::select(
            letters().into_iter().chain([' ']).collect::<Vec<_>>()), 0..40)) {
            let text: String = text.into_iter().collect();
            prop_assert_eq!(vni_to_unicode(&encode_vni(&text)), text);
        }

        /// Lowercase words, or one capital first: the case TCVN3's codes carry.
        #[test]
        fn tcvn3_table_round_trip(words in prop::collection::vec((
            prop::option::of(capital_with_code()),
            prop::collection::vec(prop::sample::select(
                letters().into_iter().filter(|c| c.is_lowercase()).collect::<Vec<_>>()), 0..8)), 0..6)) {
            let text = words.iter()
                .map(|(capital, rest)| capital.iter().chain(rest).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert_eq!(tcvn3_to_unicode(&encode_tcvn3(&text)), text);
        }

        /// Capitals typed in .VnTimeH come back as capitals when the word shows it.
        #[test]
        fn tcvn3_capitals_round_trip(words in prop::collection::vec((
            capital_with_code(),
            prop::collection::vec(prop::sample::select(
                letters().into_iter().filter(|c| c.is_uppercase()).collect::<Vec<_>>()), 0..6),
            capital_with_code()), 1..5)) {
            let text = words.iter()
                .map(|(first, middle, last)| std::iter::once(first).chain(middle).chain([last]).collect::<String>())
                .collect::<Vec<_>>()
                .join(" ");
            prop_assert_eq!(tcvn3_to_unicode(&encode_tcvn3(&text)), text);
        }
    }
}
