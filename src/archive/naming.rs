//! Safe, stable file names for issued documents.
//!
//! A symbol such as `01-NQ/ĐU` holds a slash and Vietnamese letters; file
//! names must survive every file system and zip tool an office uses, so they
//! are folded to ASCII: `2023-01-12_01-NQ-DU`.

use crate::model::Date;

/// `2023-01-12_01-NQ-DU`: the date first, so a folder lists in issue order.
pub fn document_stem(date: Date, symbol: &str) -> String {
    format!("{date}_{}", slug(symbol))
}

/// Folds to ASCII letters, digits and single hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in crate::vi::fold::strip_marks(text) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "van-ban".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_stable() {
        let cases = [
            ("01-NQ/ĐU", "01-NQ-DU"),
            ("15/KH-UBND", "15-KH-UBND"),
            ("09/QyĐ-UBND", "09-QyD-UBND"),
            ("Thôn 3 — báo cáo", "Thon-3-bao-cao"),
            ("../../etc/passwd", "etc-passwd"),
            ("///", "van-ban"),
            ("Nghị quyết", "Nghi-quyet"),
        ];
        for (input, expected) in cases {
            assert_eq!(slug(input), expected, "{input}");
        }
    }

    #[test]
    fn stems_start_with_the_date() {
        let date = Date::parse("2023-01-12").unwrap();
        assert_eq!(document_stem(date, "01-NQ/ĐU"), "2023-01-12_01-NQ-DU");
    }
}
