//! Parsing one YAML file into its schema, with a Vietnamese message at the
//! line and column of the problem.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location};

/// Parses `text` (the content of `file`) as `T`.
pub fn parse<T: DeserializeOwned>(file: &Path, text: &str) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_saphyr::from_str::<T>(text).map_err(|err| {
        let location = match err.location() {
            Some(loc) if loc.line() > 0 => Location::text(file, loc.line() as usize, loc.column().max(1) as usize),
            _ => Location::file(file),
        };
        let raw = raw_message(&err);
        let (message, hint) = translate(&raw);
        let diagnostic = Diagnostic::error(location, message);
        match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        }
    })
}

/// The parser's own message, without the location and source snippet it
/// appends (we print the location ourselves, in one format for all files).
fn raw_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default().trim();
    // "… at line 3, column 7" is ours to print, and so is the place an
    // alias's anchor was defined: "… (defined at line 1, column 8)".
    let cut = [" (defined at ", " (used at ", " at line "]
        .iter()
        .filter_map(|marker| first.find(marker))
        .min()
        .map_or(first, |i| &first[..i]);
    cut.trim_start_matches("error: ").to_string()
}

/// Turns the common serde messages into Vietnamese; anything else is kept
/// as the parser said it, after a Vietnamese lead-in.
fn translate(raw: &str) -> (String, Option<String>) {
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        return (
            format!("khóa {field} không có trong mẫu"),
            expected.map(|e| format!("các khóa được dùng ở đây: {}", e.trim_start_matches("one of "))),
        );
    }
    if let Some(field) = raw.strip_prefix("missing field ") {
        return (format!("thiếu khóa bắt buộc {field}"), None);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        return (
            format!("giá trị {value} không hợp lệ"),
            expected.map(|e| format!("chỉ nhận một trong: {}", e.trim_start_matches("one of "))),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = split_expected(rest);
        return (
            format!("sai kiểu dữ liệu: gặp {}", translate_kind(found)),
            expected.map(|e| format!("cần {}", translate_kind(e))),
        );
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        let (found, expected) = split_expected(rest);
        return (
            format!("giá trị không hợp lệ: {}", translate_kind(found)),
            expected.map(|e| format!("cần {}", translate_kind(e))),
        );
    }
    if let Some(rest) = raw.strip_prefix("duplicate mapping key: ") {
        let key = rest.split(", set ").next().unwrap_or(rest);
        return (format!("khóa `{key}` bị lặp"), Some("mỗi khóa chỉ được viết một lần trong một khối".into()));
    }
    if let Some(kind) = raw.strip_prefix("invalid ") {
        return (format!("giá trị không hợp lệ: cần {}", translate_kind(kind)), None);
    }
    if let Some(kind) = raw.strip_prefix("expected ") {
        return (format!("sai kiểu dữ liệu: cần {}", translate_kind(kind)), None);
    }
    if let Some(breach) = raw.strip_prefix("budget breached: ") {
        return budget(breach);
    }
    (format!("tệp YAML không hợp lệ: {raw}"), None)
}

/// The parser's safety budget (serde-saphyr's `Budget`, left at its
/// defaults) refused the file: what went over, in the clerk's words. These
/// limits are what stops a "billion laughs" alias bomb from exhausting
/// memory: expanded aliases count against the total text (64 MiB), the
/// number of values (250,000) and the ratio of aliases to anchors.
fn budget(breach: &str) -> (String, Option<String>) {
    let kind = breach.split([' ', '{']).next().unwrap_or_default();
    let what = match kind {
        "Aliases" | "AliasAnchorRatio" | "Anchors" | "RecordedAnchorEvents" | "RecordedAnchorBytes" => {
            "tệp dùng quá nhiều tham chiếu `*tên` tới neo `&tên` (kiểu “bom” YAML nhân bản dữ liệu đến cạn bộ nhớ)"
        }
        "ScalarBytes" => "tổng độ dài chữ trong tệp, tính cả các lần nhân bản qua tham chiếu `*tên`, vượt 64 MB",
        "Nodes" | "Events" => "tệp có quá nhiều giá trị (hơn 250.000)",
        "Depth" => "các khối lồng nhau quá sâu (hơn 64 cấp)",
        "Documents" => "tệp chứa quá nhiều phần ngăn bởi dòng `---`",
        "MergeKeys" => "tệp dùng quá nhiều khóa gộp `<<`",
        "InputBytes" => "tệp quá lớn",
        _ => "tệp vượt giới hạn an toàn của trình đọc YAML",
    };
    (
        format!("ntm không đọc tệp này: {what}"),
        Some(
            "văn bản thật không cần đến ngần ấy: kiểm tra lại tệp, viết thẳng giá trị thay cho tham chiếu `*tên`"
                .into(),
        ),
    )
}

/// Splits "`x`, expected y" into ("`x`", Some("y")).
fn split_expected(rest: &str) -> (&str, Option<&str>) {
    match rest.split_once(", expected ") {
        Some((found, expected)) => (found, Some(expected)),
        None => (rest, None),
    }
}

fn translate_kind(kind: &str) -> String {
    let kind = kind.trim();
    let replacements = [
        ("string scalar", "một chuỗi chữ (giá trị đơn, không phải danh sách)"),
        ("a sequence", "một danh sách"),
        ("a map", "một bảng khóa–giá trị"),
        ("a string", "một chuỗi chữ"),
        ("string ", "chuỗi "),
        ("sequence", "danh sách"),
        ("map", "bảng khóa–giá trị"),
        ("integer ", "số nguyên "),
        ("floating point ", "số thực "),
        ("boolean ", "giá trị đúng/sai "),
        ("u32", "một số nguyên không âm"),
        ("u64", "một số nguyên không âm"),
        ("i64", "một số nguyên"),
        ("f64", "một số"),
        ("bool", "giá trị đúng/sai (true/false)"),
        ("unit value", "giá trị rỗng"),
        ("one of ", "một trong "),
    ];
    for (en, vi) in replacements {
        if let Some(rest) = kind.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    kind.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        number: u32,
    }

    fn err(yaml: &str) -> Diagnostic {
        parse::<Doc>(Path::new("inputs/documents/a.yaml"), yaml).unwrap_err()
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let d = err("title: x\nnumber: 1\ntitel: y\n");
        assert_eq!(d.location, Location::text("inputs/documents/a.yaml", 3, 1));
        assert!(d.message.contains("khóa `titel` không có trong mẫu"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some("các khóa được dùng ở đây: title, number"));
    }

    #[test]
    fn wrong_type_is_located_at_the_value() {
        let d = err("title: x\nnumber: mười\n");
        match d.location {
            Location::Text { line, .. } => assert_eq!(line, 2),
            other => panic!("no line: {other:?}"),
        }
        assert_eq!(d.message, "giá trị không hợp lệ: cần một số nguyên không âm");
    }

    #[test]
    fn missing_key_is_reported() {
        let d = err("title: x\n");
        assert!(d.message.contains("thiếu khóa bắt buộc `number`"), "{}", d.message);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = err("title: x\ntitle: y\nnumber: 1\n");
        assert_eq!(d.message, "khóa `title` bị lặp");
        assert_eq!(d.location, Location::text("inputs/documents/a.yaml", 2, 1));
    }

    #[test]
    fn a_list_where_text_belongs_is_named() {
        let d = err("title: [1]\nnumber: 1\n");
        assert!(d.message.contains("cần một chuỗi chữ"), "{}", d.message);
    }

    #[test]
    fn alias_bombs_are_refused_in_vietnamese() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Lists {
            items: Vec<String>,
        }
        // 99 copies of a 1 MB string: within the alias count, over the
        // 64 MiB of text the budget allows once aliases are expanded.
        let big = "lol ".repeat(250_000);
        let yaml = format!("a: &a \"{big}\"\nitems: [{}]\n", vec!["*a"; 99].join(", "));
        let d = parse::<Lists>(Path::new("x.yaml"), &yaml.replacen("a: &a", "items0: &a", 1)).unwrap_err();
        assert!(d.message.starts_with("ntm không đọc tệp này"), "{}", d.message);
        assert!(d.message.contains("64 MB"), "{}", d.message);
        assert!(d.hint.is_some());
        // Too many values.
        let yaml = format!("items: [{}]\n", vec!["x"; 250_001].join(", "));
        let d = parse::<Lists>(Path::new("x.yaml"), &yaml).unwrap_err();
        assert!(d.message.contains("quá nhiều giá trị"), "{}", d.message);
    }

    #[test]
    fn anchor_places_are_not_left_in_english() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Lists {
            items: Vec<String>,
        }
        let d = parse::<Lists>(Path::new("x.yaml"), "other: &t [a]\nitems: [*t]\n").unwrap_err();
        assert!(d.message.starts_with("sai kiểu dữ liệu"), "{}", d.message);
        assert!(!d.message.contains("defined"), "{}", d.message);
        assert_eq!(budget("Depth { depth: 65 }").0, "ntm không đọc tệp này: các khối lồng nhau quá sâu (hơn 64 cấp)");
    }

    #[test]
    fn broken_syntax_has_a_position() {
        let d = err("title: [x\nnumber: 1\n");
        assert!(matches!(d.location, Location::Text { .. }), "{:?}", d.location);
    }
}
