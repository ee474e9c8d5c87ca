//! The structure of a regulation (spec A.2 ô 6, B.2 ô 6, NĐ 30 §II.6.đ):
//! a heading "Phần I. Quy định chung", "Chương II. …" or "Mục 1. …" at
//! any level prints its label, then its title in capitals on the next
//! line. The same reading as `structure-heading` in common.typ (its
//! regular expression, written out).

/// The label ("Chương II") and the title of a structure heading; `None`
/// for any other heading.
pub(super) fn structure(heading: &str) -> Option<(String, String)> {
    let s = heading.trim();
    let (kind, rest) = s.split_once(char::is_whitespace)?;
    if !["Phần", "Chương", "Mục", "PHẦN", "CHƯƠNG", "MỤC"].contains(&kind) {
        return None;
    }
    let rest = rest.trim_start();
    // The number: "thứ nhất", Roman or Arabic digits.
    let (number, after) = if let Some(ordinal) = rest.strip_prefix("thứ").filter(|r| r.starts_with(char::is_whitespace))
    {
        let word = ordinal.trim_start();
        let end = word.find(|c: char| c.is_whitespace() || c == '.' || c == ':').unwrap_or(word.len());
        if end == 0 {
            return None;
        }
        (format!("thứ {}", &word[..end]), &word[end..])
    } else {
        let roman = rest.find(|c: char| !"IVXLCDM".contains(c)).unwrap_or(rest.len());
        let arabic = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let end = roman.max(arabic);
        if end == 0 {
            return None;
        }
        (rest[..end].to_string(), &rest[end..])
    };
    // Then ".", ":", white space or the end, and the title.
    let title = if let Some(t) = after.strip_prefix(['.', ':']) {
        t
    } else if after.is_empty() || after.starts_with(char::is_whitespace) {
        after
    } else {
        return None;
    };
    Some((format!("{kind} {number}"), title.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_parts_chapters_and_sections() {
        let s = |h: &str| structure(h).map(|(a, b)| format!("{a}|{b}"));
        assert_eq!(s("Chương I. Quy định chung").as_deref(), Some("Chương I|Quy định chung"));
        assert_eq!(s("Mục 2: Tổ chức").as_deref(), Some("Mục 2|Tổ chức"));
        assert_eq!(s("PHẦN thứ nhất Những vấn đề chung").as_deref(), Some("PHẦN thứ nhất|Những vấn đề chung"));
        assert_eq!(s("Chương IV").as_deref(), Some("Chương IV|"));
        assert_eq!(s("Chương Ivan"), None);
        assert_eq!(s("Chương trình hành động"), None);
        assert_eq!(s("Mục tiêu"), None);
        assert_eq!(s("I. Mục tiêu"), None);
    }
}
