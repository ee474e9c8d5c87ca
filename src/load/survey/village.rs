//! Which village of the commune a label value or a file name means.
//!
//! Clerks write the same village many ways (`Thôn 3`, `thon-3`, `THON_03`,
//! `3`, `thôn 3 - 2023`), so names are compared as token keys (see
//! `text::village_key`), numbers as numbers. A guess that could mean two
//! villages is refused rather than picked.

use super::text::village_key;

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

#[cfg(test)]
mod tests {
    use super::*;

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
