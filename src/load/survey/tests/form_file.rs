//! The form file: the shipped one says exactly what the contract's table
//! says, and an edited one is checked with errors at the offending line.

use std::path::Path;

use super::form;
use crate::diag::Location;
use crate::load::survey::{ColumnKey, ColumnKind, Housing, Poverty, parse_form};

#[test]
fn the_shipped_form_is_the_contract() {
    let form = form();
    assert_eq!(form.sheet, "Hộ gia đình");
    assert_eq!(form.village_labels, ["Thôn", "Tên thôn", "Thôn, xóm"]);
    assert_eq!((form.header_search_rows, form.min_header_matches), (20, 4));
    assert_eq!(form.totals_words, ["Tổng", "Tổng cộng", "Cộng"]);
    assert_eq!(form.ignored_columns, ["STT"]);
    let table: Vec<(ColumnKey, &str, Vec<&str>)> = form
        .columns
        .iter()
        .map(|c| (c.key, c.header.as_str(), c.aliases.iter().map(String::as_str).collect()))
        .collect();
    use ColumnKey::*;
    assert_eq!(
        table,
        [
            (HouseholdId, "Mã hộ", vec!["Mã số hộ", "Mã HGĐ"]),
            (HeadName, "Họ và tên chủ hộ", vec!["Chủ hộ", "Họ tên chủ hộ"]),
            (Members, "Số nhân khẩu", vec!["Nhân khẩu", "Số khẩu"]),
            (Income, "Tổng thu nhập năm (triệu đồng)", vec!["Tổng thu nhập", "Thu nhập năm"]),
            (Poverty, "Phân loại hộ", vec!["Hộ nghèo/cận nghèo"]),
            (Housing, "Loại nhà ở", vec!["Nhà ở"]),
            (CleanWater, "Nước sạch", vec!["Sử dụng nước sạch"]),
            (SanitaryToilet, "Nhà tiêu hợp vệ sinh", vec!["Nhà tiêu HVS"]),
            (WasteSorting, "Phân loại rác tại nguồn", vec!["Phân loại rác"]),
            (Insured, "Số người có BHYT", vec!["Số người tham gia BHYT"]),
            (Workers, "Số lao động", vec!["Lao động"]),
            (TrainedWorkers, "Số lao động qua đào tạo", vec!["Lao động qua đào tạo"]),
            (CulturalFamily, "Gia đình văn hóa", vec!["GĐVH"]),
        ]
    );
    assert_eq!(form.column(Members).kind(), ColumnKind::WholeNumber);
    assert_eq!(form.column(CleanWater).allowed, ["Có", "Không"]);
    assert_eq!(form.column(ColumnKey::Poverty).allowed, ["Nghèo", "Cận nghèo", "Không"]);
    assert_eq!(form.column(ColumnKey::Housing).allowed, ["Kiên cố", "Bán kiên cố", "Thiếu kiên cố", "Đơn sơ"]);
    assert!(form.column(Income).allowed.is_empty());
}

#[test]
fn the_shipped_words_mean_what_the_contract_says() {
    let form = form();
    for yes in ["Có", "có", "C", "x", "X", "1", "✓", "✔", "Đạt", "TRUE", "CÓ", "dat"] {
        assert_eq!(form.yes_no(yes), Some(true), "{yes}");
    }
    for no in ["", "Không", "K", "0", "-", "FALSE", "khong"] {
        assert_eq!(form.yes_no(no), Some(false), "{no}");
    }
    for neither in ["có lẽ", "?", "2", "--"] {
        assert_eq!(form.yes_no(neither), None, "{neither}");
    }
    assert_eq!(form.poverty("CẬN NGHÈO"), Some(Poverty::NearPoor));
    assert_eq!(form.poverty("ngheo"), Some(Poverty::Poor));
    assert_eq!(form.poverty(""), Some(Poverty::None));
    assert_eq!(form.poverty("Không"), Some(Poverty::None));
    assert_eq!(form.housing("ban kien co"), Some(Housing::BanKienCo));
    assert_eq!(form.housing("Nhà tạm"), None);
    for totals in ["Tổng", "TỔNG CỘNG:", "Cộng", "Tong cong", "Tổng cộng toàn thôn"] {
        assert!(form.is_totals_word(totals), "{totals}");
    }
    for name in ["Công Tằng Tôn Nữ Thị Hoa", "Tống Văn Tổng"] {
        assert!(!form.is_totals_word(name), "{name}");
    }
}

/// The totals-word rule as written before the first-word shortcut: the
/// shortcut must never change an answer.
fn totals_word_by_the_rule(words: &[String], text: &str) -> bool {
    use crate::vi::fold::{fold, fold_keep_marks};
    let folded = fold(text);
    if folded.is_empty() {
        return false;
    }
    if words.iter().any(|w| fold(w) == folded) {
        return true;
    }
    let marked = fold_keep_marks(text);
    words.iter().any(|w| marked.strip_prefix(fold_keep_marks(w).as_str()).is_some_and(|rest| rest.starts_with(' ')))
}

proptest::proptest! {
    #[test]
    fn the_totals_shortcut_changes_no_answer(
        start in proptest::sample::select(vec!["", "Tổng", "TỔNG CỘNG", "tong", "Cộng", "Công", "Tống", " - ", "Trần", "TH01"]),
        rest in "\\PC{0,8}",
    ) {
        let form = form();
        let text = format!("{start}{rest}");
        proptest::prop_assert_eq!(form.is_totals_word(&text), totals_word_by_the_rule(&form.totals_words, &text));
    }
}

fn shipped_text() -> String {
    std::fs::read_to_string(&form().source).unwrap()
}

fn errors_of(text: &str) -> Vec<(Location, String)> {
    let path = Path::new("inputs/forms/ho-gia-dinh.yaml");
    parse_form(path, text).unwrap_err().into_iter().map(|d| (d.location, d.message)).collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn an_unknown_or_missing_column_key_is_an_error_at_its_line() {
    let text = shipped_text().replace("key: workers ", "key: labourers ");
    let errors = errors_of(&text);
    let file = "inputs/forms/ho-gia-dinh.yaml";
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert_eq!(errors[0].0, Location::text(file, line_of(&text, "key: labourers"), 10));
    assert_eq!(errors[0].1, "mã cột `labourers` không có trong mẫu");
    assert!(matches!(&errors[1].0, Location::Text { line, .. } if *line == line_of(&text, "- key: household_id")));
    assert_eq!(errors[1].1, "danh sách `columns` thiếu cột `workers`");
}

#[test]
fn an_unknown_setting_is_an_error_at_its_line() {
    let text = shipped_text().replace("min_header_matches: 4", "min_header_matches: 4\nheader_row: 5");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, Location::text("inputs/forms/ho-gia-dinh.yaml", line_of(&text, "header_row: 5"), 1));
    assert!(errors[0].1.contains("`header_row`"), "{}", errors[0].1);
}

#[test]
fn a_word_with_two_meanings_is_an_error() {
    let text = shipped_text().replace("  - K\n", "  - K\n  - Đạt\n");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let second = text.lines().collect::<Vec<_>>().iter().rposition(|l| *l == "  - Đạt").unwrap() + 1;
    assert_eq!(errors[0].0, Location::text("inputs/forms/ho-gia-dinh.yaml", second, 5));
    assert_eq!(errors[0].1, "từ “Đạt” trong `yes_words`/`no_words` vừa là `có` vừa là `không`");

    let text = shipped_text().replace("aliases: [Nhà ở]", "aliases: [Nhà ở, Nhân khẩu]");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].1, "tiêu đề “Nhân khẩu” của cột `housing` trùng với tiêu đề của cột `members`");
}

#[test]
fn limits_are_checked() {
    let text = shipped_text().replace("min_header_matches: 4", "min_header_matches: 14");
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1);
    assert!(errors[0].1.starts_with("`min_header_matches` là 14"), "{}", errors[0].1);
}
