//! Which village of the commune a label value or a file name means.
//!
//! Clerks write the same village many ways (`Thôn 3`, `thon-3`, `THON_03`,
//! `3`, `thôn 3 - 2023`), so names are compared as token keys (see
//! [`village_key`]), numbers as numbers. A guess that could mean two
//! villages is refused rather than picked.

use std::path::Path;

use super::folder::Words;
use crate::diag::{Diagnostic, Location};
use crate::vi::fold::fold;

/// Settlement words a clerk may leave out: `3` in a `Thôn:` label means `Thôn 3`.
const SETTLEMENT_WORDS: &[&str] =
    &["thon", "xom", "ban", "ap", "lang", "to", "khu", "buon", "phum", "soc", "khoi", "doi", "khom"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VillageMatch {
    /// Index into the commune's villages.
    Found(usize),
    /// Nothing matched.
    Unknown,
    /// Several villages matched equally well (indices).
    Ambiguous(Vec<usize>),
}

/// How well `text` names one village: higher is better, `None` not at all.
fn score(text: &[String], id: &str, name: &str) -> Option<(u8, usize)> {
    let name_key = village_key(name);
    if name_key.is_empty() {
        return None;
    }
    if text == name_key.as_slice() || text == village_key(id).as_slice() {
        return Some((3, name_key.len()));
    }
    let short = &name_key[1..];
    if !short.is_empty() && SETTLEMENT_WORDS.contains(&name_key[0].as_str()) && text == short {
        return Some((2, name_key.len()));
    }
    // A file name carries more than the village (`thôn 3 - 2023`): the
    // village's whole name somewhere in it is enough; the longest name wins
    // so `Thôn Trung Hòa` beats `Thôn Trung`.
    if text.windows(name_key.len()).any(|w| w == name_key.as_slice()) {
        return Some((1, name_key.len()));
    }
    None
}

/// Matches `text` (a label value or a file stem) against `villages`, which
/// are the commune's (id, name) pairs.
pub fn match_village(text: &str, villages: &[(String, String)]) -> VillageMatch {
    let key = village_key(text);
    if key.is_empty() {
        return VillageMatch::Unknown;
    }
    let scored: Vec<(usize, (u8, usize))> =
        villages.iter().enumerate().filter_map(|(i, (id, name))| score(&key, id, name).map(|s| (i, s))).collect();
    let Some(best) = scored.iter().map(|(_, s)| *s).max() else { return VillageMatch::Unknown };
    let winners: Vec<usize> = scored.iter().filter(|(_, s)| *s == best).map(|(i, _)| *i).collect();
    match winners.as_slice() {
        [one] => VillageMatch::Found(*one),
        _ => VillageMatch::Ambiguous(winners),
    }
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

/// Where a workbook says which village it is for: the value next to its
/// village label, and that cell.
pub(crate) struct Label {
    pub text: String,
    pub at: Location,
}

/// The village a workbook belongs to: the village its label names, else
/// the one its file name names; the label wins over the file name, with a
/// warning when they disagree. A label naming no village is an error at
/// its cell; without a label, a file name naming none (or several) is an
/// error at the file, unless the file was not `readable` (it opened on no
/// sheet: it has its error already, naming it twice helps nobody).
pub(crate) fn claim(
    path: &Path,
    label: Option<Label>,
    readable: bool,
    villages: &[(String, String)],
    words: &Words,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let by_name = match_village(&stem, villages);
    let known = || villages.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(", ");
    if let Some(label) = label {
        return match match_village(&label.text, villages) {
            VillageMatch::Found(village) => {
                if let VillageMatch::Found(other) = by_name
                    && other != village
                {
                    let meant = &villages[village].1;
                    let shown = if label.text == *meant {
                        format!("“{meant}”")
                    } else {
                        format!("“{}” ({meant})", label.text)
                    };
                    diagnostics.push(Diagnostic::warning(
                        label.at,
                        format!(
                            "ô tên thôn ghi {shown} nhưng tên tệp gợi ý {}; ntm theo ô tên thôn",
                            villages[other].1
                        ),
                    ));
                }
                Some(village)
            }
            _ => {
                diagnostics.push(
                    Diagnostic::error(
                        label.at,
                        format!("ô tên thôn ghi “{}”, không phải tên thôn nào của xã", label.text),
                    )
                    .with_hint(format!("ghi đúng một trong các tên thôn: {}", known())),
                );
                None
            }
        };
    }
    match by_name {
        VillageMatch::Found(village) => Some(village),
        _ if !readable => None,
        VillageMatch::Unknown | VillageMatch::Ambiguous(_) => {
            let why = match &by_name {
                VillageMatch::Ambiguous(candidates) => {
                    let names: Vec<&str> = candidates.iter().map(|&i| villages[i].1.as_str()).collect();
                    format!("tên tệp “{stem}” có thể là {}", names.join(" hoặc "))
                }
                _ => format!("tên tệp “{stem}” không trùng tên thôn nào của xã"),
            };
            diagnostics.push(
                Diagnostic::error(
                    Location::file(path),
                    format!("không biết {} là của thôn nào: {}, và {why}", words.subject, words.no_label),
                )
                .with_hint(format!("{}; các thôn: {}", words.label_hint, known())),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn village_keys_compare_numbers_as_numbers() {
        let three = vec!["thon".to_string(), "3".to_string()];
        for name in ["thon-3", "Thôn 3", "THON_03", "thôn3", "Thôn  03"] {
            assert_eq!(village_key(name), three, "{name}");
        }
        assert_eq!(village_key("thôn 3 - 2023"), ["thon", "3", "2023"]);
        assert_eq!(village_key("Xóm 0"), ["xom", "0"]);
    }

    fn commune() -> Vec<(String, String)> {
        [
            ("thon-1", "Thôn 1"),
            ("thon-3", "Thôn 3"),
            ("thon-12", "Thôn 12"),
            ("trung", "Thôn Trung"),
            ("trung-hoa", "Thôn Trung Hòa"),
            ("dong", "Xóm Đông"),
        ]
        .iter()
        .map(|(id, name)| (id.to_string(), name.to_string()))
        .collect()
    }

    #[test]
    fn file_names_of_the_contract() {
        let villages = commune();
        for stem in ["thon-3", "Thôn 3", "THON_03", "thôn 3 - 2023", "Thon3", "3"] {
            assert_eq!(match_village(stem, &villages), VillageMatch::Found(1), "{stem}");
        }
    }

    #[test]
    fn numbers_are_numbers() {
        let villages = commune();
        assert_eq!(match_village("thon 12", &villages), VillageMatch::Found(2));
        assert_eq!(match_village("Thôn 01", &villages), VillageMatch::Found(0));
        assert_eq!(match_village("thôn 2", &villages), VillageMatch::Unknown);
        assert_eq!(match_village("thon-2023", &villages), VillageMatch::Unknown);
    }

    #[test]
    fn longest_name_wins_and_ties_are_refused() {
        let villages = commune();
        assert_eq!(match_village("bao cao thon trung hoa 2023", &villages), VillageMatch::Found(4));
        assert_eq!(match_village("THÔN TRUNG", &villages), VillageMatch::Found(3));
        assert_eq!(match_village("dong", &villages), VillageMatch::Found(5));
        assert_eq!(match_village("thon 1 va thon 3", &villages), VillageMatch::Ambiguous(vec![0, 1]));
        assert_eq!(match_village("", &villages), VillageMatch::Unknown);
        assert_eq!(match_village("ho gia dinh", &villages), VillageMatch::Unknown);
    }
}
