//! `ntm forms --weekly`: one weekly report form per village with the
//! village, the member in charge and the week pre-filled; what the member
//! types into it comes back from `ntm::weekly::read_week` exactly, without
//! a single diagnostic, and a form that lost a label is one error at its file.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use ntm::diag::{Location, Severity};
use ntm::weekly::{WeeklyItem, WeeklyStatus, read_week};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::harness::{Case, sheet_cells, unzip};

#[path = "../../src/vi/legacy_encode.rs"]
mod legacy_encode;

const SHEET: &str = "Báo cáo tuần";
const LIST_SHEET: &str = "Tiêu chí";
const TITLE: &str = "BÁO CÁO KẾT QUẢ RA QUÂN XÂY DỰNG NÔNG THÔN MỚI HẰNG TUẦN";
/// The example commune's villages and the members in charge of them
/// (`steering_committee.members[].villages` in inputs/commune.yaml).
const VILLAGES: [(&str, &str, &str); 6] = [
    ("thon-1", "Thôn 1", "Nguyễn Văn Bình"),
    ("thon-2", "Thôn 2", "Nguyễn Văn Bình"),
    ("thon-3", "Thôn 3", "Phan Thị Dung"),
    ("thon-4", "Thôn 4", "Võ Văn Giang"),
    ("thon-5", "Thôn 5", "Đặng Văn Khánh"),
    ("thon-6", "Thôn 6", "Lê Văn Cường"),
];
const HEADERS: [&str; 5] =
    ["STT", "Tiêu chí", "Công việc đã làm trong tuần", "Kết quả", "Khó khăn, vướng mắc cần xã hỗ trợ"];

fn dmy(data: &Data) -> Option<(u16, u8, u8)> {
    match data {
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Some((y, m, day))
        }
        _ => None,
    }
}

/// A cell, 0-based (row, column).
type At = (u32, u32);

/// Where a blank form puts things, found by the texts, as a clerk's eye
/// (or any program) would, not by known coordinates.
struct Layout {
    cells: BTreeMap<(u32, u32), Data>,
    /// Label cell and the value cell after it, by label text.
    labels: BTreeMap<&'static str, (At, At)>,
    header_row: u32,
    columns: BTreeMap<String, u32>,
    /// Rows numbered 1, 2, … under the header.
    item_rows: Vec<u32>,
    date_line: (u32, u32),
    signature: (u32, u32),
    signature_note: (u32, u32),
    name: (u32, u32),
}

impl Layout {
    fn read(path: &Path) -> Layout {
        let cells = sheet_cells(path, SHEET);
        let find = |text: &str| *cells.iter().find(|(_, d)| **d == text).unwrap_or_else(|| panic!("no “{text}”")).0;
        let next = |(row, col): (u32, u32)| {
            *cells
                .range((row, col + 1)..=(row, u32::MAX))
                .next()
                .unwrap_or_else(|| panic!("nothing after {row},{col}"))
                .0
        };
        let mut labels = BTreeMap::new();
        for label in ["Thôn:", "Đồng chí phụ trách:", "Từ ngày:", "đến ngày:"] {
            let at = find(label);
            labels.insert(label, (at, next(at)));
        }
        let header_row = find("Công việc đã làm trong tuần").0;
        let columns =
            cells.range((header_row, 0)..=(header_row, u32::MAX)).map(|((_, c), d)| (d.to_string(), *c)).collect();
        let item_rows = cells
            .iter()
            .filter(|((r, c), d)| *r > header_row && *c == 0 && matches!(d, Data::Float(_) | Data::Int(_)))
            .map(|((r, _), _)| *r)
            .collect();
        let date_line = *cells.iter().find(|(_, d)| d.to_string().starts_with("Ngày …… tháng")).expect("a date line").0;
        let signature = find("NGƯỜI BÁO CÁO");
        let signature_note = find("(Ký, ghi rõ họ tên)");
        let name = *cells.range((signature_note.0 + 1, 0)..).next().expect("the name under the signature").0;
        Layout { cells, labels, header_row, columns, item_rows, date_line, signature, signature_note, name }
    }

    fn value(&self, label: &str) -> &Data {
        &self.cells[&self.labels[label].1]
    }
}

#[test]
fn writes_one_form_per_village_with_its_member_and_week() {
    let case = Case::example();
    let run = case.ntm(&["forms", "--weekly", "--week", "2023-W24"]);
    run.assert_code(0);
    let expected: Vec<String> = VILLAGES.iter().map(|(id, ..)| format!("output/forms/tuan/{id}.xlsx")).collect();
    assert_eq!(case.output_files(), expected);
    assert!(run.stderr.contains("tuần 24 năm 2023 (12/06 – 18/06/2023)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("output/forms/tuan/thon-3.xlsx  (Thôn 3; đồng chí Phan Thị Dung phụ trách)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Tổng kết: 6 tệp đã ghi; 0 lỗi, 0 cảnh báo."), "{}", run.stderr);

    for (path, (_, village, member)) in expected.iter().zip(VILLAGES) {
        let path = case.path(path);
        let book = open_workbook_auto(&path).unwrap();
        assert_eq!(book.sheet_names(), [SHEET, LIST_SHEET]);
        let layout = Layout::read(&path);
        assert_eq!(layout.cells[&(0, 0)], TITLE);
        assert_eq!(layout.value("Thôn:"), village);
        assert_eq!(layout.value("Đồng chí phụ trách:"), member);
        assert_eq!(dmy(layout.value("Từ ngày:")), Some((2023, 6, 12)), "{village}");
        assert_eq!(dmy(layout.value("đến ngày:")), Some((2023, 6, 18)), "{village}");
        assert_eq!(layout.cells[&layout.name], member, "the member signs the report");
        let header: Vec<String> = (0..5).map(|c| layout.cells[&(layout.header_row, c)].to_string()).collect();
        assert_eq!(header, HEADERS);
        assert_eq!(layout.item_rows.len(), 12);
        assert!(layout.item_rows.iter().all(|r| (1..5).all(|c| !layout.cells.contains_key(&(*r, c)))), "rows blank");
        assert!(layout.labels["Thôn:"].0.0 < layout.header_row && layout.header_row < layout.signature.0);
    }

    let path = case.path("output/forms/tuan/thon-1.xlsx");
    let list: Vec<String> = sheet_cells(&path, LIST_SHEET).range((2, 0)..).map(|(_, d)| d.to_string()).collect();
    assert_eq!(list.len(), 19, "{list:?}");
    assert_eq!(list[9], "10 - Thu nhập");
    let xml = unzip(&path, "xl/worksheets/sheet1.xml");
    for part in [
        r#"<formula1>'Tiêu chí'!$A$3:$A$21</formula1>"#,
        r#"type="list""#,
        r#"promptTitle="Công việc đã làm""#,
        r#"<pageSetUpPr fitToPage="1"/>"#,
        r#"<pageSetup paperSize="9" orientation="portrait""#,
    ] {
        assert!(xml.contains(part), "{part} missing from the sheet");
    }
    let workbook = unzip(&path, "xl/workbook.xml");
    assert!(workbook.contains(r#"localSheetId="0">'Báo cáo tuần'!$A$1:$E$"#), "a print area: {workbook}");
}

#[test]
fn without_a_week_the_dates_are_left_blank() {
    let case = Case::example();
    let run = case.ntm(&["forms", "--weekly"]);
    run.assert_code(0);
    assert!(run.stderr.contains("để trống ngày của tuần"), "{}", run.stderr);
    let cells = sheet_cells(&case.path("output/forms/tuan/thon-2.xlsx"), SHEET);
    let from = *cells.iter().find(|(_, d)| **d == "Từ ngày:").unwrap().0;
    let after: Vec<&Data> = cells.range((from.0, from.1 + 1)..=(from.0, u32::MAX)).map(|(_, d)| d).collect();
    assert_eq!(after, [&Data::String("đến ngày:".into())], "no dates on the week row");
}

#[test]
fn a_wrong_week_is_a_usage_error_and_writes_nothing() {
    let case = Case::example();
    for (args, expected) in [
        (vec!["forms", "--weekly", "--week", "2023-W53"], "năm 2023 có 52 tuần"),
        (vec!["forms", "--weekly", "--week", "tuần 24"], "không đúng dạng NĂM-WSỐ_TUẦN"),
        (vec!["forms", "--week", "2023-W24"], "`--week` chỉ dùng với `--weekly`"),
        (vec!["forms", "--weekly", "--previous", "inputs/survey/2023-09"], "không dùng cùng `--previous`"),
    ] {
        let run = case.ntm(&args);
        run.assert_code(2);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    assert!(case.output_files().is_empty());
}

#[test]
fn two_runs_write_the_same_bytes() {
    let case = Case::example();
    let read_all = |dir: &str| -> Vec<Vec<u8>> {
        VILLAGES.iter().map(|(id, ..)| fs::read(case.path(&format!("{dir}/forms/tuan/{id}.xlsx"))).unwrap()).collect()
    };
    case.ntm(&["forms", "--weekly", "--week", "2023-W24"]).assert_code(0);
    case.ntm(&["forms", "--weekly", "--week", "2023-W24", "--output", "again"]).assert_code(0);
    assert!(read_all("output") == read_all("again"), "forms differ between runs");
    case.ntm(&["forms", "--weekly", "--output", "blank-1"]).assert_code(0);
    case.ntm(&["forms", "--weekly", "--output", "blank-2"]).assert_code(0);
    assert!(read_all("blank-1") == read_all("blank-2"), "blank forms differ between runs");
    assert!(read_all("blank-1") != read_all("output"));
}

/// A row as the member types it.
struct Row {
    criterion: &'static str,
    work: &'static str,
    result: &'static str,
    problems: &'static str,
}

const ROWS: [Row; 5] = [
    Row {
        criterion: "10 - Thu nhập",
        work: "Vận động 12 hộ đăng ký mô hình trồng rau an toàn",
        result: "8 hộ đã đăng ký",
        problems: "Thiếu vốn vay ưu đãi cho các hộ",
    },
    Row {
        criterion: "17 - Môi trường",
        work: "Ra quân dọn vệ sinh tuyến đường trục thôn,\nphát quang 2 km hành lang",
        result: "2 km đường sạch; 45 người tham gia",
        problems: "",
    },
    Row {
        criterion: "",
        work: "Họp chi bộ thôn ngày 14 tháng 6 năm 2023 triển khai kế hoạch",
        result: "",
        problems: "",
    },
    Row {
        criterion: "2 - Giao thông",
        work: "Hiến đất mở rộng ngõ xóm",
        result: "3/4 hộ đồng ý",
        problems: "Một hộ chưa đồng ý, cần xã cử cán bộ địa chính về đo đạc",
    },
    Row {
        criterion: "19 - Quốc phòng và An ninh", work: "Tuần tra ban đêm", result: "Đảm bảo an ninh", problems: ""
    },
];

/// The rows a village types: a different share for each, one left blank
/// in the middle (items are read around it).
fn rows_of(village: usize) -> Vec<Option<&'static Row>> {
    (0..ROWS.len()).map(|k| (k != 2 || village.is_multiple_of(2)).then(|| &ROWS[(k + village) % ROWS.len()])).collect()
}

/// What a member did to the form beyond filling it.
#[derive(Clone, Copy)]
enum Edit {
    None,
    /// Deleted this label.
    Drop(&'static str),
    /// Typed this plain number over the start date.
    FromNumber(f64),
}

/// The blank form as a member returns it: the texts at the places the
/// blank had them, the week's dates (as dates or as typed text), the rows
/// typed in, and `edit`.
fn write_filled(layout: &Layout, village: usize, rows: &[Option<&Row>], edit: Edit, to: &Path) {
    write_typed(layout, village, rows, edit, to, |text| text.to_string());
}

/// `write_filled` with every text typed through `encode` (a legacy font's
/// keyboard); the sheet's name stays as Excel shows it, in Unicode.
fn write_typed(
    layout: &Layout,
    village: usize,
    rows: &[Option<&Row>],
    edit: Edit,
    to: &Path,
    encode: fn(&str) -> String,
) {
    let drop = match edit {
        Edit::Drop(label) => Some(label),
        _ => None,
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).unwrap();
    let put = |sheet: &mut rust_xlsxwriter::Worksheet, at: (u32, u32), text: &str| {
        if Some(text) != drop {
            sheet.write(at.0, at.1 as u16, encode(text)).unwrap();
        }
    };
    put(sheet, (0, 0), TITLE);
    for (label, (at, value)) in &layout.labels {
        put(sheet, *at, label);
        let data = &layout.cells[value];
        if let (Edit::FromNumber(n), &"Từ ngày:") = (edit, label) {
            sheet.write_number(value.0, value.1 as u16, n).unwrap();
            continue;
        }
        match dmy(data) {
            // Odd villages type the dates as text, as a machine set to
            // another locale leaves them.
            Some((y, m, d)) if !village.is_multiple_of(2) => put(sheet, *value, &format!("{d}/{m}/{y}")),
            Some((y, m, d)) => {
                let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
                sheet
                    .write_datetime_with_format(
                        value.0,
                        value.1 as u16,
                        &date,
                        &Format::new().set_num_format("dd/mm/yyyy"),
                    )
                    .unwrap();
            }
            None => put(sheet, *value, &data.to_string()),
        }
    }
    for (header, col) in &layout.columns {
        put(sheet, (layout.header_row, *col), header);
    }
    let col = |header: &str| layout.columns[header];
    for (n, row) in layout.item_rows.iter().enumerate() {
        sheet.write(*row, 0, (n + 1) as f64).unwrap();
        let Some(r) = rows.get(n).copied().flatten() else { continue };
        for (header, text) in
            [("Tiêu chí", r.criterion), (HEADERS[2], r.work), ("Kết quả", r.result), (HEADERS[4], r.problems)]
        {
            if !text.is_empty() {
                put(sheet, (*row, col(header)), text);
            }
        }
    }
    put(sheet, layout.date_line, "Ngày 16 tháng 6 năm 2023");
    put(sheet, layout.signature, "NGƯỜI BÁO CÁO");
    put(sheet, layout.signature_note, "(Ký, ghi rõ họ tên)");
    put(sheet, layout.name, &layout.cells[&layout.name].to_string());
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    book.save(to).unwrap();
}

/// The commune's criteria as the forms list them: `10 - Thu nhập` → (10, Thu nhập).
fn criteria(path: &Path) -> Vec<(String, String)> {
    sheet_cells(path, LIST_SHEET)
        .range((2, 0)..)
        .map(|(_, d)| {
            let text = d.to_string();
            let (id, name) = text.split_once(" - ").unwrap();
            (id.to_string(), name.to_string())
        })
        .collect()
}

fn villages() -> Vec<(String, String)> {
    VILLAGES.iter().map(|(id, name, _)| (id.to_string(), name.to_string())).collect()
}

fn expected_items(rows: &[Option<&Row>]) -> Vec<WeeklyItem> {
    rows.iter()
        .flatten()
        .map(|r| WeeklyItem {
            criterion: r.criterion.split_once(" - ").map(|(id, _)| id.to_string()),
            work: r.work.to_string(),
            result: r.result.to_string(),
            problems: r.problems.to_string(),
        })
        .collect()
}

#[test]
fn filled_forms_read_back_exactly_what_was_typed() {
    let case = Case::example();
    case.ntm(&["forms", "--weekly", "--week", "2023-W24"]).assert_code(0);
    let week_dir = case.path("inputs/tuan/2023-W24");
    let mut expected = Vec::new();
    for (i, (id, ..)) in VILLAGES.iter().enumerate() {
        let layout = Layout::read(&case.path(&format!("output/forms/tuan/{id}.xlsx")));
        let rows = rows_of(i);
        write_filled(&layout, i, &rows, Edit::None, &week_dir.join(format!("{id}.xlsx")));
        expected.push(expected_items(&rows));
    }
    let criteria = criteria(&case.path("output/forms/tuan/thon-1.xlsx"));

    let round = read_week(&week_dir, &villages(), &criteria);
    assert_eq!(round.diagnostics, [], "not a single diagnostic");
    assert_eq!(round.week, "2023-W24");
    assert_eq!(round.villages.len(), 6);
    for ((village, items), (id, name, member)) in round.villages.iter().zip(&expected).zip(VILLAGES) {
        assert_eq!((village.id.as_str(), village.name.as_str()), (id, name));
        assert_eq!(village.status, WeeklyStatus::Ok, "{name}");
        assert_eq!(village.source.as_deref(), Some(week_dir.join(format!("{id}.xlsx")).as_path()));
        assert_eq!(village.member, member);
        assert_eq!(&village.items, items, "{name}");
    }
    // Multi-line text and a work row without a criterion come back as typed.
    assert!(round.villages.iter().flat_map(|v| &v.items).any(|i| i.work.contains(",\nphát quang")));
    assert!(round.villages[0].items.iter().any(|i| i.criterion.is_none()));
}

/// The encoding belongs to the sheet: reports whose every text (labels,
/// village, member, criteria, work) was typed with `.VnTime` or VNI-Times
/// read back exactly as their Unicode twins, with one note a report.
#[test]
fn reports_typed_in_a_legacy_font_read_back_as_their_unicode_twins() {
    let case = Case::example();
    case.ntm(&["forms", "--weekly", "--week", "2023-W24"]).assert_code(0);
    let criteria = criteria(&case.path("output/forms/tuan/thon-1.xlsx"));
    for (font, encode) in [("TCVN3", legacy_encode::tcvn3 as fn(&str) -> String), ("VNI", legacy_encode::vni)] {
        let week_dir = case.path(&format!("inputs/tuan-{font}/2023-W24"));
        for (i, (id, ..)) in VILLAGES.iter().enumerate() {
            let layout = Layout::read(&case.path(&format!("output/forms/tuan/{id}.xlsx")));
            write_typed(&layout, i, &rows_of(i), Edit::None, &week_dir.join(format!("{id}.xlsx")), encode);
        }
        assert_eq!(
            encode("Đồng chí phụ trách:"),
            if font == "TCVN3" { "§ång chÝ phô tr¸ch:" } else { "Ñoàng chí phuï traùch:" }
        );
        let round = read_week(&week_dir, &villages(), &criteria);
        assert_eq!(round.week, "2023-W24", "{font}");
        let notes: Vec<&str> = round.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(notes.len(), 6, "{font}: one note a report, nothing else: {notes:#?}");
        assert!(notes.iter().all(|m| m.contains(&format!("phông chữ cũ {font}"))), "{notes:#?}");
        assert!(round.diagnostics.iter().all(|d| d.severity == Severity::Note));
        for (i, (village, (id, name, member))) in round.villages.iter().zip(VILLAGES).enumerate() {
            assert_eq!((village.id.as_str(), village.status), (id, WeeklyStatus::Ok), "{font} {name}");
            assert_eq!(village.member, member, "{font}");
            assert_eq!(village.items, expected_items(&rows_of(i)), "{font} {name}");
        }
    }
}

#[test]
fn a_form_missing_a_label_is_one_error_at_its_file_and_others_still_count() {
    let case = Case::example();
    case.ntm(&["forms", "--weekly", "--week", "2023-W24"]).assert_code(0);
    let week_dir = case.path("inputs/tuan/2023-W24");
    // Thôn 6 sends nothing; Thôn 2 deleted the "Kết quả" header.
    for (i, (id, ..)) in VILLAGES.iter().enumerate().take(5) {
        let layout = Layout::read(&case.path(&format!("output/forms/tuan/{id}.xlsx")));
        let edit = if i == 1 { Edit::Drop("Kết quả") } else { Edit::None };
        write_filled(&layout, i, &rows_of(i), edit, &week_dir.join(format!("{id}.xlsx")));
    }
    let criteria = criteria(&case.path("output/forms/tuan/thon-1.xlsx"));

    let round = read_week(&week_dir, &villages(), &criteria);
    let errors: Vec<_> = round.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{:#?}", round.diagnostics);
    assert_eq!(errors[0].location, Location::file(week_dir.join("thon-2.xlsx")));
    assert!(errors[0].message.contains("“Kết quả”"), "{}", errors[0].message);
    let warnings: Vec<_> = round.diagnostics.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1, "{:#?}", round.diagnostics);
    assert!(warnings[0].message.contains("chưa có báo cáo tuần của Thôn 6"), "{}", warnings[0].message);

    let status: Vec<WeeklyStatus> = round.villages.iter().map(|v| v.status).collect();
    use WeeklyStatus::{Error, Missing, Ok};
    assert_eq!(status, [Ok, Error, Ok, Ok, Ok, Missing]);
    assert!(round.villages[1].items.is_empty(), "a report with an error counts for nothing");
    assert_eq!(round.villages[2].items, expected_items(&rows_of(2)), "the others still count");
    assert_eq!(round.week, "2023-W24");
}

/// A start date typed as a number far outside any year (it overflowed the
/// date arithmetic and panicked) is a warning at its cell; the report's
/// end date still places it in its week.
#[test]
fn a_huge_number_for_a_date_is_a_warning_at_its_cell() {
    let case = Case::example();
    case.ntm(&["forms", "--weekly", "--week", "2023-W24"]).assert_code(0);
    let week_dir = case.path("inputs/tuan/2023-W24");
    let numbers = [1e30, -1e30, 1e300, 9.2e18, -5.0, 401_769.0];
    for (i, (id, ..)) in VILLAGES.iter().enumerate() {
        let layout = Layout::read(&case.path(&format!("output/forms/tuan/{id}.xlsx")));
        write_filled(&layout, i, &rows_of(i), Edit::FromNumber(numbers[i]), &week_dir.join(format!("{id}.xlsx")));
    }
    let criteria = criteria(&case.path("output/forms/tuan/thon-1.xlsx"));
    let layout = Layout::read(&case.path("output/forms/tuan/thon-1.xlsx"));
    let (row, col) = layout.labels["Từ ngày:"].1;
    let cell = format!("{}{}", (b'A' + col as u8) as char, row + 1);

    let round = read_week(&week_dir, &villages(), &criteria);
    assert_eq!(round.diagnostics.len(), 6, "{:#?}", round.diagnostics);
    for (d, (id, ..)) in round.diagnostics.iter().zip(VILLAGES) {
        assert_eq!(d.severity, Severity::Warning, "{d:?}");
        let at = Location::Cell { file: week_dir.join(format!("{id}.xlsx")), sheet: SHEET.into(), cell: cell.clone() };
        assert_eq!(d.location, at, "{id}");
        assert!(d.message.contains("ô “Từ ngày:”") && d.message.contains("không phải một ngày"), "{d:?}");
    }
    assert_eq!(round.week, "2023-W24");
    assert!(round.villages.iter().all(|v| v.status == WeeklyStatus::Ok), "the reports still count");
}

/// The weekly reports, read back, become the steering committee's summary.
#[test]
fn filled_weekly_reports_become_the_committees_summary() {
    let case = Case::example();
    case.ntm(&["forms", "--weekly", "--week", "2023-W24"]).assert_code(0);
    let week_dir = case.path("inputs/weekly/2023-W24");
    for (i, (id, ..)) in VILLAGES.iter().enumerate() {
        let layout = Layout::read(&case.path(&format!("output/forms/tuan/{id}.xlsx")));
        write_filled(&layout, i, &rows_of(i), Edit::None, &week_dir.join(format!("{id}.xlsx")));
    }
    let run = case.ntm(&["build", "--report", "tuan", "--period", "2023-06"]);
    run.assert_code(0);
    let pdf = case.output_files().into_iter().find(|f| f.ends_with("-BC-UBND.pdf")).expect("the summary");
    let text = crate::harness::squeeze(&crate::harness::pdf_text(&case.path(&pdf)));
    for expected in [
        "Tuần 24 năm 2023",
        "Thiếu vốn vay ưu đãi cho các hộ",
        "Một hộ chưa đồng ý, cần xã cử cán bộ địa chính về đo đạc",
    ] {
        assert!(text.contains(&crate::harness::squeeze(expected)), "`{expected}` missing");
    }
}
