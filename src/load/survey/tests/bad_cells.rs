//! Each kind of bad cell is an error at its exact A1 cell, the workbook
//! counts for nothing, and the other villages are read as if nothing happened.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use super::fixture::{self, HEADER_ROW, HEADERS, households, standard_book};
use super::{Workspace, statuses};
use crate::diag::{Location, Severity};
use crate::load::survey::{SurveyRound, SurveyStatus};

/// (sheet, cell) of every error in `file`, in report order.
fn error_cells(round: &SurveyRound, file: &str) -> Vec<String> {
    round
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter_map(|d| match &d.location {
            Location::Cell { file: f, sheet, cell } if f.ends_with(file) => Some(format!("{sheet}!{cell}")),
            Location::File { file: f } if f.ends_with(file) => Some("(tệp)".to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn each_bad_cell_is_reported_at_its_cell() {
    let ws = Workspace::new();
    let one = households("T1", 3);
    let three = households("T3", 4);
    standard_book(&ws.survey(), "thon-1.xlsx", Some("Thôn 1"), &one);
    standard_book(&ws.survey(), "thon-3.xlsx", Some("Thôn 3"), &three);

    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, Some("Thôn 2"), &households("T2", 13)).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    // Household rows are sheet rows 5–17 (0-based 4–16); one problem a row.
    sheet.write_string(4, 3, "ba").unwrap(); // D5: text in a number column
    sheet.write_formula(5, 4, Formula::new("=E4/0").set_result("#DIV/0!")).unwrap(); // E6
    sheet.set_formula_result_default("");
    sheet.write_formula(6, 3, Formula::new("=1+2")).unwrap(); // D7: no cached value
    sheet.write_datetime_with_format(7, 4, ExcelDateTime::from_ymd(2023, 5, 1).unwrap(), &date).unwrap(); // E8
    sheet.write_number(8, 3, 2).unwrap(); // D9: members 2 …
    sheet.write_number(8, 10, 5).unwrap(); // K9: … but 5 insured
    sheet.write_string(9, 6, "Nhà tạm").unwrap(); // G10: unknown housing
    sheet.write_string(10, 5, "Khá giả").unwrap(); // F11: unknown poverty class
    sheet.write_string(11, 7, "có lẽ").unwrap(); // H12: not yes/no
    sheet.write_number(12, 11, 1).unwrap(); // L13: 1 worker …
    sheet.write_number(12, 12, 3).unwrap(); // M13: … 3 trained
    sheet.clear_cell(13, 1); // B14: no household id
    sheet.write_string(14, 11, "2,5").unwrap(); // L15: not a whole number
    sheet.write_number(15, 3, 0).unwrap(); // D16: no members
    sheet.write_number(15, 10, 0).unwrap(); // (and none insured, so D16 is the row's only problem)
    sheet.clear_cell(16, 6); // G17: housing left empty
    fixture::save(&mut book, &ws.survey(), "thon-2.xlsx");

    let round = ws.read();
    use SurveyStatus::*;
    assert_eq!(statuses(&round), [Ok, Error, Ok, Missing, Missing, Missing]);
    assert!(round.villages[1].households.is_empty());
    assert_eq!(round.villages[0].households.len(), 3);
    assert_eq!(round.villages[2].households.len(), 4);
    let cells: Vec<String> = ["D5", "E6", "D7", "E8", "K9", "G10", "F11", "H12", "M13", "B14", "L15", "D16", "G17"]
        .iter()
        .map(|c| format!("Hộ gia đình!{c}"))
        .collect();
    assert_eq!(error_cells(&round, "thon-2.xlsx"), cells);
    assert!(error_cells(&round, "thon-1.xlsx").is_empty());
    let shown: Vec<String> = ws.render(&round).into_iter().filter(|d| d.contains("thon-2")).collect();
    insta::assert_yaml_snapshot!(shown);
}

#[test]
fn missing_column_is_one_error_naming_the_closest_header() {
    let ws = Workspace::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, None, &households("T5", 3)).unwrap();
    sheet.write_string(HEADER_ROW, 3, "So nhan kau").unwrap();
    sheet.write_string(HEADER_ROW, 14, "Ghi chú").unwrap();
    sheet.write_string(HEADER_ROW, 15, "Số điện thoại").unwrap();
    fixture::save(&mut book, &ws.survey(), "thon-5.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[4].status, SurveyStatus::Error);
    let shown: Vec<String> = ws.render(&round).into_iter().filter(|d| d.contains("thon-5")).collect();
    assert_eq!(
        shown,
        ["lỗi: inputs/survey/thon-5.xlsx (Hộ gia đình!D4): thiếu cột “Số nhân khẩu” (hoặc “Nhân khẩu”, “Số khẩu”) \
             ở dòng tiêu đề 4; tiêu đề gần giống nhất tìm thấy là “So nhan kau” ở ô D4\n  \
             gợi ý: thêm cột hoặc sửa tiêu đề thành “Số nhân khẩu”"]
    );
}

#[test]
fn a_column_named_twice_is_an_error() {
    let ws = Workspace::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, Some("Thôn 6"), &households("T6", 2)).unwrap();
    sheet.write_string(HEADER_ROW, 14, "Nhân khẩu").unwrap();
    fixture::save(&mut book, &ws.survey(), "thon-6.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[5].status, SurveyStatus::Error);
    assert_eq!(error_cells(&round, "thon-6.xlsx"), ["Hộ gia đình!O4"]);
    assert!(round.diagnostics.iter().any(|d| d.message.contains("trùng với cột “Số nhân khẩu” ở ô D4")));
}

#[test]
fn a_named_sheet_without_header_names_the_closest_row() {
    let ws = Workspace::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    for (col, header) in HEADERS.iter().enumerate().take(3) {
        sheet.write_string(2, col as u16, *header).unwrap();
    }
    fixture::save(&mut book, &ws.survey(), "thon-4.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[3].status, SurveyStatus::Error);
    assert_eq!(error_cells(&round, "thon-4.xlsx"), ["Hộ gia đình!A1"]);
    let message = &round.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap().message;
    assert!(message.contains("nhiều nhất là dòng 3 với 2 tiêu đề"), "{message}");
}

#[test]
fn the_fallback_sheet_must_be_visible_and_match() {
    let ws = Workspace::new();
    let mut book = Workbook::new();
    let cover = book.add_worksheet();
    cover.set_name("Bìa").unwrap().write_string(0, 0, "BÁO CÁO KHẢO SÁT").unwrap();
    let hidden = book.add_worksheet();
    hidden.set_name("Cũ").unwrap().set_hidden(true);
    fixture::standard_sheet(hidden, Some("Thôn 2"), &households("CU", 2)).unwrap();
    let data = book.add_worksheet();
    data.set_name("Sheet1").unwrap();
    let rows = households("T2", 3);
    fixture::standard_sheet(data, Some("Thôn 2"), &rows).unwrap();
    fixture::save(&mut book, &ws.survey(), "bao-cao.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[1].status, SurveyStatus::Ok);
    let ids: Vec<&str> = round.villages[1].households.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["T2-001", "T2-002", "T2-003"]);
}

#[test]
fn a_workbook_without_a_household_sheet_is_one_error() {
    let ws = Workspace::new();
    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "Không có gì").unwrap();
    fixture::save(&mut book, &ws.survey(), "thon-1.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[0].status, SurveyStatus::Error);
    assert_eq!(error_cells(&round, "thon-1.xlsx"), ["(tệp)"]);
}

#[test]
fn a_formula_saved_without_its_value_is_an_error() {
    // Written by openpyxl (tests/fixtures/survey/make_fixtures.py): no `<v>`.
    let ws = Workspace::new();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey/cong-thuc-chua-tinh.xlsx");
    std::fs::copy(fixture, ws.survey().join("thon-1.xlsx")).unwrap();
    let round = ws.read();
    assert_eq!(round.villages[0].status, SurveyStatus::Error);
    assert_eq!(error_cells(&round, "thon-1.xlsx"), ["Hộ gia đình!D6"]);
    let shown: Vec<String> = ws.render(&round).into_iter().filter(|d| d.contains("thon-1")).collect();
    assert_eq!(
        shown,
        ["lỗi: inputs/survey/thon-1.xlsx (Hộ gia đình!D6): cột “Số nhân khẩu” ghi công thức chưa có giá trị; \
             cần một số nguyên không âm (ví dụ 4)\n  gợi ý: mở tệp bằng Excel hoặc LibreOffice để công thức được tính, rồi lưu lại"]
    );
}

#[test]
fn an_income_beyond_fifteen_digits_is_too_large() {
    let ws = Workspace::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, Some("Thôn 2"), &households("T2", 3)).unwrap();
    sheet.write_number(HEADER_ROW + 1, 4, 1e15).unwrap(); // E5: 16 digits
    sheet.write_number(HEADER_ROW + 2, 4, 999_999_999_999_999.0).unwrap(); // E6: 15 digits, kept
    fixture::save(&mut book, &ws.survey(), "thon-2.xlsx");

    let round = ws.read();
    assert_eq!(error_cells(&round, "thon-2.xlsx"), ["Hộ gia đình!E5"]);
    let shown: Vec<String> = ws.render(&round).into_iter().filter(|d| d.contains("thon-2")).collect();
    assert!(shown[0].contains("cột “Tổng thu nhập năm (triệu đồng)” ghi 1.000.000.000.000.000, quá lớn"), "{shown:?}");
}
