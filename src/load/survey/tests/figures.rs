//! The figures read back equal exactly what was written: the standard form,
//! the messy variants villages send, and the `.xls` / `.ods` formats.

use std::path::Path;

use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet};
use unicode_normalization::UnicodeNormalization;

use super::fixture::{self, HEADER_ROW, Hh, Sums, households, housing_word, poverty_word, standard_book};
use super::{Workspace, statuses};
use crate::load::survey::{Household, Poverty, SurveyStatus};

fn expected(rows: &[Hh], first_row: u32) -> Vec<Household> {
    rows.iter().enumerate().map(|(i, h)| h.expected(first_row + i as u32)).collect()
}

#[test]
fn standard_round_reads_every_household_exactly() {
    let ws = Workspace::new();
    let one = households("T1", 12);
    let two = households("T2", 7);
    let three = households("T3", 5);
    standard_book(&ws.survey(), "thon-1.xlsx", Some("Thôn 1"), &one);
    // A template numbered further than the data: STT alone is no household.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, None, &two).unwrap();
    for n in two.len()..40 {
        sheet.write_number(HEADER_ROW + 1 + n as u32, 0, n as u32 + 1).unwrap();
    }
    fixture::save(&mut book, &ws.survey().join("dot-1"), "thon-2.xlsx");
    standard_book(&ws.survey(), "Thôn 3.xlsx", Some("3"), &three);

    let round = ws.read();
    use SurveyStatus::*;
    assert_eq!(statuses(&round), [Ok, Ok, Ok, Missing, Missing, Missing]);
    // Data starts on sheet row 5, under the header on row 4.
    assert_eq!(round.villages[0].households, expected(&one, 5));
    assert_eq!(round.villages[1].households, expected(&two, 5));
    assert_eq!(round.villages[2].households, expected(&three, 5));
    assert_eq!(round.villages[1].source.as_deref(), Some(ws.shown("dot-1/thon-2.xlsx").as_path()));
    assert_eq!(round.villages[3].source, None);

    let sums = Sums::of(&round.villages[0].households);
    assert_eq!(Sums::of(&round.villages[1].households), Sums::written(&two));
    assert_eq!(sums, Sums::written(&one));
    assert_eq!((sums.households, sums.members, sums.income.to_string().as_str()), (12, 42, "1305.75"));
    assert_eq!(
        ws.render(&round),
        [
            "cảnh báo: inputs/survey: chưa có bảng khảo sát của Thôn 4: thôn này chưa được tính vào số liệu",
            "cảnh báo: inputs/survey: chưa có bảng khảo sát của Thôn 5: thôn này chưa được tính vào số liệu",
            "cảnh báo: inputs/survey: chưa có bảng khảo sát của Thôn 6: thôn này chưa được tính vào số liệu",
        ]
    );
}

/// Column order of the messy sheet: (header as the village typed it, what goes in).
const MESSY_COLUMNS: [&str; 16] = [
    "STT",
    "HỌ VÀ TÊN CHỦ HỘ",
    "Ma ho",
    "Số\nnhân khẩu",
    "Ghi chú",
    "Thu nhập năm",
    "Nhà ở",
    "PHÂN LOẠI HỘ",
    "Số điện thoại",
    "Sử dụng nước sạch",
    "Nhà tiêu HVS",
    "Phân loại rác:",
    "Số người tham gia BHYT",
    "Lao động",
    "Lao động qua đào tạo",
    "GĐVH",
];

/// Yes written every way the contract allows, and no likewise.
const YES: [&str; 7] = ["x", "X", "✓", "✔", "Có", "C", "Đạt"];
const NO: [&str; 5] = ["", "Không", "K", "-", "0"];

/// One household the way a village types it: text numbers, numeric ids,
/// NFD names, booleans and words for yes/no.
fn write_messy(ws: &mut Worksheet, row: u32, i: usize, hh: &Hh) {
    let flag = |ws: &mut Worksheet, col: u16, value: bool, salt: usize| match (value, (i + salt) % 4) {
        (true, 0) => ws.write_boolean(row, col, true).map(|_| ()),
        (true, 1) => ws.write_number(row, col, 1).map(|_| ()),
        (true, n) => ws.write_string(row, col, YES[(i + n + salt) % YES.len()]).map(|_| ()),
        (false, 0) => ws.write_boolean(row, col, false).map(|_| ()),
        (false, n) => ws.write_string(row, col, NO[(i + n + salt) % NO.len()]).map(|_| ()),
    };
    ws.write_number(row, 0, i as u32 + 1).unwrap();
    let nfd: String = hh.name.nfd().collect();
    ws.write_string(row, 1, format!("  {nfd} ")).unwrap();
    ws.write_string(row, 2, &hh.id).unwrap();
    ws.write_string(row, 3, hh.members.to_string()).unwrap();
    ws.write_string(row, 4, if i == 2 { "chuyển đến 2023" } else { "" }).unwrap();
    match i % 3 {
        0 => ws.write_number(row, 5, hh.income),
        1 => ws.write_string(row, 5, fixture_vn(hh.income)),
        _ => ws.write_string(row, 5, hh.income.to_string()),
    }
    .unwrap();
    ws.write_string(row, 6, housing_word(hh.housing).to_uppercase()).unwrap();
    let poverty = match (hh.poverty, i % 2) {
        (Poverty::None, 0) => "Không",
        (p, _) => poverty_word(p),
    };
    ws.write_string(row, 7, poverty).unwrap();
    ws.write_string(row, 8, "0912 345 678").unwrap();
    flag(ws, 9, hh.clean_water, 0).unwrap();
    flag(ws, 10, hh.sanitary_toilet, 1).unwrap();
    flag(ws, 11, hh.waste_sorting, 2).unwrap();
    ws.write_number(row, 12, hh.insured).unwrap();
    ws.write_string(row, 13, format!(" {} ", hh.workers)).unwrap();
    ws.write_number(row, 14, hh.trained_workers).unwrap();
    flag(ws, 15, hh.cultural_family, 3).unwrap();
}

/// A figure the Vietnamese way: `1.250,25`.
fn fixture_vn(value: f64) -> String {
    crate::vi::number::number_vi(value, 6)
}

#[test]
fn messy_workbook_reads_the_same_figures() {
    let ws = Workspace::new();
    let mut rows = households("T4", 9);
    rows[4].income = 1250.0; // typed `1.250`
    rows[5].income = 120.5; // typed `120.5`
    rows[1].id = "101".into(); // a numeric id cell
    let mut book = Workbook::new();

    // An old copy of the sheet, hidden: it would match, but is never read.
    let old = book.add_worksheet();
    old.set_name("Hộ gia đình").unwrap().set_hidden(true);
    fixture::standard_sheet(old, Some("Thôn 4"), &households("CU", 3)).unwrap();

    let sheet = book.add_worksheet();
    sheet.set_name("DS hộ").unwrap().set_active(true);
    let banner = Format::new().set_bold().set_text_wrap();
    sheet.merge_range(0, 0, 1, 15, "ỦY BAN NHÂN DÂN XÃ CẨM LĨNH\nDANH SÁCH HỘ GIA ĐÌNH", &banner).unwrap();
    sheet.write_string(2, 1, "Tên thôn").unwrap();
    sheet.write_string(2, 3, "thôn 04").unwrap();
    sheet.write_string(4, 0, "(Số liệu tính đến 31/12/2023)").unwrap();
    for (col, header) in MESSY_COLUMNS.iter().enumerate() {
        sheet.write_string(5, col as u16, *header).unwrap();
    }
    // Rows 7–15 with an empty row 11 inside the table.
    let mut sheet_rows = Vec::new();
    for (i, hh) in rows.iter().enumerate() {
        let row = 6 + i as u32 + u32::from(i >= 4);
        write_messy(sheet, row, i, hh);
        if i == 1 {
            sheet.write_number(row, 2, 101).unwrap();
        }
        sheet_rows.push(row + 1);
    }
    let totals_row = 16;
    let sums = Sums::written(&rows);
    sheet.write_string(totals_row, 1, "TỔNG CỘNG").unwrap();
    let sum = |col: &str, result: String| Formula::new(format!("=SUM({col}7:{col}16)")).set_result(result);
    sheet.write_formula(totals_row, 3, sum("D", sums.members.to_string())).unwrap();
    sheet.write_formula(totals_row, 5, sum("F", sums.income.to_string())).unwrap();
    sheet.write_formula(totals_row, 12, sum("M", sums.insured.to_string())).unwrap();
    sheet.write_formula(totals_row, 14, sum("O", sums.trained_workers.to_string())).unwrap();
    let count = Formula::new("=COUNTA(J7:J16)").set_result(sums.clean_water.to_string());
    sheet.write_formula(totals_row, 9, count).unwrap();
    sheet.write_string(19, 4, "Người lập biểu").unwrap();
    fixture::save(&mut book, &ws.survey(), "khao-sat-2023.xlsx");

    let round = ws.read();
    let village = &round.villages[3];
    assert_eq!(village.status, SurveyStatus::Ok, "{:#?}", ws.render(&round));
    let want: Vec<Household> = rows.iter().zip(&sheet_rows).map(|(h, &row)| h.expected(row)).collect();
    assert_eq!(village.households, want);
    assert_eq!(Sums::of(&village.households), sums);
    let problems: Vec<String> = ws.render(&round).into_iter().filter(|d| !d.contains("chưa có bảng")).collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn totals_that_disagree_are_a_warning_at_the_cell() {
    let ws = Workspace::new();
    let rows = households("T1", 4);
    let sums = Sums::written(&rows);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, Some("Thôn 1"), &rows).unwrap();
    let row = HEADER_ROW + 1 + rows.len() as u32; // sheet row 9
    sheet.write_string(row, 0, "Cộng").unwrap();
    let members = Formula::new("=SUM(D5:D8)").set_result((sums.members + 2).to_string());
    sheet.write_formula(row, 3, members).unwrap();
    sheet.write_formula(row, 4, Formula::new("=SUM(E5:E8)").set_result(sums.income.to_string())).unwrap();
    sheet.write_number(row, 7, sums.clean_water as f64 + 1.0).unwrap();
    sheet.write_formula(row, 10, Formula::new("=SUM(K5:K8)").set_result("#REF!")).unwrap();
    fixture::save(&mut book, &ws.survey(), "thon-1.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[0].status, SurveyStatus::Ok);
    assert_eq!(round.villages[0].households, expected(&rows, 5));
    let shown: Vec<String> = ws.render(&round).into_iter().filter(|d| d.contains("thon-1")).collect();
    insta::assert_yaml_snapshot!(shown);
}

fn fixture_path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey").join(name)
}

#[test]
fn xls_and_ods_read_like_xlsx() {
    let ws = Workspace::new();
    for name in ["THON_05.xls", "thôn 6 - 2023.ods"] {
        std::fs::copy(fixture_path(name), ws.survey().join(name)).unwrap();
    }
    let round = ws.read();
    assert_eq!(round.villages[4].status, SurveyStatus::Ok, "{:#?}", ws.render(&round));
    assert_eq!(round.villages[5].status, SurveyStatus::Ok, "{:#?}", ws.render(&round));
    // make_fixtures.py writes the figures of `fixture::households`.
    assert_eq!(round.villages[4].households, expected(&households("T5", 6), 5));
    assert_eq!(round.villages[5].households, expected(&households("T6", 5), 5));
}

/// The standard headers typed with a `.VnTime` (TCVN3) font.
const TCVN3_HEADERS: [&str; 14] = [
    "STT",
    "M· hé",
    "Hä vµ tªn chñ hé",
    "Sè nh©n khÈu",
    "Tæng thu nhËp n¨m (triÖu ®ång)",
    "Ph©n lo¹i hé",
    "Lo¹i nhµ ë",
    "N\u{ad}íc s¹ch",
    "Nhµ tiªu hîp vÖ sinh",
    "Ph©n lo¹i r¸c t¹i nguån",
    "Sè ng\u{ad}êi cã BHYT",
    "Sè lao ®éng",
    "Sè lao ®éng qua ®µo t¹o",
    "Gia ®×nh v¨n hãa",
];

#[test]
fn legacy_tcvn3_text_is_read_as_unicode() {
    let ws = Workspace::new();
    let rows = households("T2", 4);
    let names = ["NguyÔn V¨n An", "TrÇn ThÞ B×nh", "Lª V¨n C\u{ad}êng", "Ph¹m ThÞ Dung"];
    let housing = ["Kiªn cè", "B¸n kiªn cè", "ThiÕu kiªn cè", "§¬n s¬"];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, None, &rows).unwrap();
    sheet.write_string(1, 1, "Tªn th«n").unwrap();
    sheet.write_string(1, 3, "Th«n 2").unwrap();
    for (col, header) in TCVN3_HEADERS.iter().enumerate() {
        sheet.write_string(HEADER_ROW, col as u16, *header).unwrap();
    }
    for (i, hh) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        sheet.write_string(row, 2, names[i]).unwrap();
        sheet.write_string(row, 6, housing[hh.housing as usize]).unwrap();
        if hh.poverty == Poverty::NearPoor {
            sheet.write_string(row, 5, "CËn nghÌo").unwrap();
        }
    }
    let members = Sums::written(&rows).members.to_string();
    sheet.write_string(8, 2, "Tæng céng").unwrap();
    sheet.write_formula(8, 3, Formula::new("=SUM(D5:D8)").set_result(members)).unwrap();
    fixture::save(&mut book, &ws.survey(), "so-lieu.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[1].status, SurveyStatus::Ok, "{:#?}", ws.render(&round));
    assert_eq!(round.villages[1].households, expected(&rows, 5));
    assert_eq!(round.villages[1].households[2].poverty, Poverty::NearPoor);
}

#[test]
fn a_totals_row_under_the_header_is_not_a_household() {
    let ws = Workspace::new();
    let rows = households("T3", 5);
    let sums = Sums::written(&rows);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, Some("Thôn 3"), &[]).unwrap();
    // Row 5 is the totals row, households follow on rows 6–10.
    sheet.write_string(HEADER_ROW + 1, 2, "Tổng cộng").unwrap();
    sheet.write_formula(HEADER_ROW + 1, 3, Formula::new("=SUM(D6:D10)").set_result(sums.members.to_string())).unwrap();
    sheet.write_number(HEADER_ROW + 1, 4, sums.income.to_f64()).unwrap();
    for (i, hh) in rows.iter().enumerate() {
        fixture::write_household(sheet, HEADER_ROW + 2 + i as u32, i + 1, hh).unwrap();
    }
    fixture::save(&mut book, &ws.survey(), "thon-3.xlsx");

    let round = ws.read();
    assert_eq!(round.villages[2].households, expected(&rows, 6));
    assert!(ws.render(&round).iter().all(|d| d.contains("chưa có bảng khảo sát")), "{:#?}", ws.render(&round));
}

/// A village's sheet with every cell typed as text through `encode` (the
/// identity for the Unicode twin): banner, label, headers, ids, names,
/// figures in the Vietnamese way (`52,5`), categories, and yes/no answered
/// `Có` / `Không`, the answers a legacy font makes ambiguous ("Cã").
fn typed_book(dir: &Path, encode: fn(&str) -> String, rows: &[Hh]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    let mut text = |row: u32, col: u16, value: &str| {
        sheet.write_string(row, col, encode(value)).unwrap();
    };
    text(0, 0, "DANH SÁCH HỘ GIA ĐÌNH NĂM 2023");
    text(1, 0, "Thôn:");
    text(1, 2, "Thôn 1");
    for (col, header) in fixture::HEADERS.iter().enumerate() {
        text(HEADER_ROW, col as u16, header);
    }
    let figure = |n: f64| crate::vi::number::number_vi(n, 6);
    let answer = |yes: bool| if yes { "Có" } else { "Không" };
    for (i, hh) in rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        let cells = [
            (i + 1).to_string(),
            hh.id.clone(),
            hh.name.clone(),
            hh.members.to_string(),
            figure(hh.income),
            poverty_word(hh.poverty).to_string(),
            housing_word(hh.housing).to_string(),
            answer(hh.clean_water).to_string(),
            answer(hh.sanitary_toilet).to_string(),
            answer(hh.waste_sorting).to_string(),
            hh.insured.to_string(),
            hh.workers.to_string(),
            hh.trained_workers.to_string(),
            answer(hh.cultural_family).to_string(),
        ];
        for (col, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            text(row, col as u16, cell);
        }
    }
    fixture::save(&mut book, dir, "thon-1.xlsx");
}

/// The encoding belongs to the sheet: a village that typed its whole
/// workbook in `.VnTime` (or VNI-Times) gives exactly the figures of the
/// same workbook typed in Unicode, short answers included, and one note
/// saying the sheet was converted.
#[test]
fn a_sheet_typed_wholly_in_a_legacy_font_reads_as_its_unicode_twin() {
    use crate::vi::legacy_encode as encode;
    let rows = households("T1", 12);
    let read = |encode: fn(&str) -> String| {
        let ws = Workspace::new();
        typed_book(&ws.survey(), encode, &rows);
        let round = ws.read();
        (round.villages[0].status, round.villages[0].households.clone(), ws.render(&round))
    };
    let (status, unicode, unicode_messages) = read(|s| s.to_string());
    assert_eq!(status, SurveyStatus::Ok, "{unicode_messages:#?}");
    assert_eq!(unicode, expected(&rows, 5));
    assert!(!unicode_messages.iter().any(|m| m.contains("phông")), "{unicode_messages:#?}");
    for (font, encode) in [("TCVN3", encode::tcvn3 as fn(&str) -> String), ("VNI", encode::vni)] {
        assert_eq!(encode("Có"), if font == "TCVN3" { "Cã" } else { "Coù" });
        let (status, households, messages) = read(encode);
        assert_eq!(status, SurveyStatus::Ok, "{font}: {messages:#?}");
        assert_eq!(households, unicode, "{font}");
        let (notes, others): (Vec<String>, Vec<String>) =
            messages.into_iter().partition(|m| m.contains(&format!("phông chữ cũ {font}")));
        assert_eq!(others, unicode_messages, "{font}");
        assert_eq!(notes.len(), 1, "{font}: {notes:#?}");
        assert!(notes[0].contains("Hộ gia đình!A1"), "at the first converted cell: {}", notes[0]);
    }
}

#[test]
fn incomes_are_read_as_the_decimals_typed() {
    let ws = Workspace::new();
    let rows = households("T4", 4);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Hộ gia đình").unwrap();
    fixture::standard_sheet(sheet, Some("Thôn 4"), &rows).unwrap();
    let first = HEADER_ROW + 1;
    sheet.write_number(first, 4, 27729.3).unwrap(); // a number cell
    sheet.write_string(first + 1, 4, "1.250,75").unwrap(); // Vietnamese text
    // A formula whose stored result carries binary noise; Excel shows 0,3.
    sheet.write_formula(first + 2, 4, Formula::new("=0.1+0.2").set_result("0.30000000000000004")).unwrap();
    // 15 digits: the float is 123456789012.345001220703125; Excel shows the typed figure.
    sheet.write_number(first + 3, 4, 123_456_789_012.345).unwrap();
    fixture::save(&mut book, &ws.survey(), "thon-4.xlsx");

    let round = ws.read();
    let village = &round.villages[3];
    assert_eq!(village.status, SurveyStatus::Ok, "{:#?}", ws.render(&round));
    let incomes: Vec<String> = village.households.iter().map(|h| h.income.to_string()).collect();
    assert_eq!(incomes, ["27729.3", "1250.75", "0.3", "123456789012.345"]);
    assert_eq!(Sums::of(&village.households).income.to_string(), "123456817992.695");
}
