//! `ntm forms`: the village forms are laid out as the survey form, and what a
//! clerk types into them — or what the previous round pre-filled — comes
//! back from `ntm check` exactly, without a single diagnostic.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

use crate::harness::{Case, SURVEY_HEADERS, sheet_cells, unzip};

const VILLAGE_IDS: [&str; 6] = ["thon-1", "thon-2", "thon-3", "thon-4", "thon-5", "thon-6"];
const SHEET: &str = "Hộ gia đình";
const GUIDE: &str = "Hướng dẫn";

/// A copy of the example workspace with only what `check` needs to read a
/// survey round: the documents are other work, and a draft document's
/// problem must not pass for (or hide) a problem of the forms.
fn survey_case() -> Case {
    let case = Case::example();
    for entry in fs::read_dir(case.path("inputs/documents")).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    case
}

fn check_json(case: &Case) -> Value {
    let run = case.ntm(&["check", "--format", "json"]);
    let json: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}\n{}", run.stdout, run.stderr));
    assert_eq!(run.code, 0, "{json:#}\n{}", run.stderr);
    json
}

fn text(cells: &BTreeMap<(u32, u32), Data>, at: (u32, u32)) -> String {
    cells.get(&at).map(|d| d.to_string()).unwrap_or_default()
}

/// Where a blank form puts things, found the way a clerk's eye (or any
/// program) would: by the texts, not by known coordinates.
struct Layout {
    label: (u32, u32),
    village: String,
    header_row: u32,
    columns: BTreeMap<String, u32>,
}

impl Layout {
    fn read(path: &Path) -> Layout {
        let cells = sheet_cells(path, SHEET);
        let label = *cells.iter().find(|(_, d)| **d == "Thôn:").expect("a “Thôn:” label").0;
        let village = text(&cells, (label.0, label.1 + 1));
        let header_row = cells.iter().find(|(_, d)| **d == "Mã hộ").expect("a header row").0.0;
        let columns: BTreeMap<String, u32> =
            cells.iter().filter(|((r, _), _)| *r == header_row).map(|((_, c), d)| (d.to_string(), *c)).collect();
        Layout { label, village, header_row, columns }
    }
}

#[test]
fn writes_one_form_per_village_laid_out_as_the_survey_form() {
    let case = Case::example();
    let run = case.ntm(&["forms"]);
    run.assert_code(0);
    let expected: Vec<String> = VILLAGE_IDS.iter().map(|id| format!("output/forms/{id}.xlsx")).collect();
    assert_eq!(case.output_files(), expected);
    for path in &expected {
        assert!(run.stderr.contains(path.as_str()), "{}", run.stderr);
    }
    assert!(run.stderr.contains("Tổng kết: 6 tệp đã ghi; 0 lỗi, 0 cảnh báo."), "{}", run.stderr);

    let path = case.path("output/forms/thon-3.xlsx");
    let book = open_workbook_auto(&path).unwrap();
    assert_eq!(book.sheet_names(), [SHEET, GUIDE]);

    let sheet = sheet_cells(&path, SHEET);
    let layout = Layout::read(&path);
    assert_eq!(layout.village, "Thôn 3");
    assert!(layout.label.0 < layout.header_row, "the village label is above the table");
    let header: Vec<String> = (0..SURVEY_HEADERS.len() as u32).map(|c| text(&sheet, (layout.header_row, c))).collect();
    assert_eq!(header, SURVEY_HEADERS);
    assert_eq!(text(&sheet, (layout.header_row, SURVEY_HEADERS.len() as u32)), "", "nothing after the last header");
    // Below the header only the numbering is filled in.
    let filled: Vec<_> = sheet.keys().filter(|(r, c)| *r > layout.header_row && *c > 0).collect();
    assert!(filled.is_empty(), "{filled:?}");

    let guide: Vec<String> = sheet_cells(&path, GUIDE).values().map(|d| d.to_string()).collect();
    let guide = guide.join("\n");
    for header in &SURVEY_HEADERS[1..] {
        assert!(guide.contains(&format!("\n{header}\n")), "the guide has a row for {header}:\n{guide}");
    }
    for words in
        ["“Có” hoặc “Không”", "“Kiên cố”, “Bán kiên cố”, “Thiếu kiên cố” hoặc “Đơn sơ”", "45,5", "Không đổi tên"]
    {
        assert!(guide.contains(words), "{words}:\n{guide}");
    }
    assert!(guide.contains("gửi lại cho Ủy ban nhân dân xã Cẩm Lĩnh"), "{guide}");

    let xml = unzip(&path, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>"#), "{xml}");
    assert!(xml.contains(r#"<dataValidations count="13">"#), "one validation a column");
    // 300 empty rows below the header, all validated.
    assert!(xml.contains(r#"sqref="B5:B304""#));
    for rule in [
        r#"type="list""#,
        r#"<formula1>"Có,Không"</formula1>"#,
        r#"<formula1>"Nghèo,Cận nghèo,Không"</formula1>"#,
        r#"<formula1>"Kiên cố,Bán kiên cố,Thiếu kiên cố,Đơn sơ"</formula1>"#,
        r#"type="whole" operator="greaterThanOrEqual""#,
        r#"type="decimal" operator="greaterThanOrEqual""#,
        // Insured ≤ members (D), trained workers ≤ workers (L).
        "K5&lt;=D5",
        "M5&lt;=L5",
        r#"promptTitle="Số nhân khẩu""#,
        r#"errorTitle="Số không hợp lệ""#,
    ] {
        assert!(xml.contains(rule), "{rule} missing from the validations");
    }
}

/// One household as a clerk types it: the texts of the drop-downs, numbers
/// as numbers, some yes/no cells left blank.
struct Row {
    id: String,
    name: &'static str,
    members: u32,
    income: f64,
    poverty: &'static str,
    housing: &'static str,
    yes_no: [&'static str; 4],
    insured: u32,
    workers: u32,
    trained: u32,
}

const NAMES: [&str; 8] = [
    "Nguyễn Thị Hằng",
    "Trần Văn Đức",
    "Lê Thị Ngọc Ánh",
    "Phạm Quốc Việt",
    "Hoàng Thị Thu Hường",
    "Đặng Văn Được",
    "Võ Thị Mỹ Duyên",
    "Bùi Xuân Trường",
];
const POVERTY: [&str; 6] = ["", "Nghèo", "Không", "Cận nghèo", "", "Không"];
const HOUSING: [&str; 4] = ["Kiên cố", "Bán kiên cố", "Thiếu kiên cố", "Đơn sơ"];
const YES_NO: [&str; 5] = ["Có", "Không", "", "Có", "Có"];
const YES_NO_HEADERS: [&str; 4] = ["Nước sạch", "Nhà tiêu hợp vệ sinh", "Phân loại rác tại nguồn", "Gia đình văn hóa"];
const YES_NO_KEYS: [&str; 4] = ["clean_water", "sanitary_toilet", "waste_sorting", "cultural_family"];

fn sample_rows(village: usize) -> Vec<Row> {
    (0..5 + 3 * village)
        .map(|k| {
            let members = 1 + ((k * 7 + village) % 6) as u32;
            let workers = ((k * 3 + village) % 4) as u32;
            Row {
                id: format!("T{}-{:03}", village + 1, k + 1),
                name: NAMES[(k + village) % NAMES.len()],
                members,
                // Decimals, one 45.5 among them.
                income: if k == 2 { 45.5 } else { ((k * 1371 + village * 97) % 9000) as f64 / 10.0 },
                poverty: POVERTY[(k + village) % POVERTY.len()],
                housing: HOUSING[(k * 3 + village) % HOUSING.len()],
                yes_no: [0, 1, 2, 3].map(|f| YES_NO[(k + 2 * f + village) % YES_NO.len()]),
                insured: members - (k % 2) as u32,
                workers,
                trained: workers.min((k % 3) as u32),
            }
        })
        .collect()
}

/// The blank form as a clerk returns it: same sheet, label and headers at
/// the places the blank had them, the rows typed below.
fn write_filled(layout: &Layout, rows: &[Row], to: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).unwrap();
    sheet.write(0, 0, "PHIẾU KHẢO SÁT HỘ GIA ĐÌNH").unwrap();
    sheet.write(layout.label.0, layout.label.1 as u16, "Thôn:").unwrap();
    sheet.write(layout.label.0, layout.label.1 as u16 + 1, layout.village.as_str()).unwrap();
    for (header, col) in &layout.columns {
        sheet.write(layout.header_row, *col as u16, header.as_str()).unwrap();
    }
    let col = |header: &str| layout.columns[header] as u16;
    for (n, r) in rows.iter().enumerate() {
        let row = layout.header_row + 1 + n as u32;
        sheet.write(row, col("STT"), (n + 1) as f64).unwrap();
        sheet.write(row, col("Mã hộ"), r.id.as_str()).unwrap();
        sheet.write(row, col("Họ và tên chủ hộ"), r.name).unwrap();
        sheet.write(row, col("Số nhân khẩu"), r.members).unwrap();
        sheet.write(row, col("Tổng thu nhập năm (triệu đồng)"), r.income).unwrap();
        let words = [("Phân loại hộ", r.poverty), ("Loại nhà ở", r.housing)];
        for (header, word) in words.into_iter().chain(YES_NO_HEADERS.into_iter().zip(r.yes_no)) {
            if !word.is_empty() {
                sheet.write(row, col(header), word).unwrap();
            }
        }
        sheet.write(row, col("Số người có BHYT"), r.insured).unwrap();
        sheet.write(row, col("Số lao động"), r.workers).unwrap();
        sheet.write(row, col("Số lao động qua đào tạo"), r.trained).unwrap();
    }
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    book.save(to).unwrap();
}

/// What `check --format json` must report for `rows`, counted here.
fn expected_survey(rows: &[Row]) -> Value {
    let sum = |f: fn(&Row) -> u32| rows.iter().map(f).sum::<u32>();
    let count = |pred: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| pred(r)).count();
    let mut survey = json!({
        "households": rows.len(),
        "members": sum(|r| r.members),
        "poor": count(&|r| r.poverty == "Nghèo"),
        "near_poor": count(&|r| r.poverty == "Cận nghèo"),
        "housing": {
            "kien_co": count(&|r| r.housing == "Kiên cố"),
            "ban_kien_co": count(&|r| r.housing == "Bán kiên cố"),
            "thieu_kien_co": count(&|r| r.housing == "Thiếu kiên cố"),
            "don_so": count(&|r| r.housing == "Đơn sơ"),
        },
        "insured": sum(|r| r.insured),
        "workers": sum(|r| r.workers),
        "trained_workers": sum(|r| r.trained),
    });
    for (f, key) in YES_NO_KEYS.iter().enumerate() {
        survey[key] = json!(count(&|r| r.yes_no[f] == "Có"));
    }
    survey
}

#[test]
fn filled_forms_read_back_exactly_what_the_clerk_typed() {
    let case = survey_case();
    case.ntm(&["forms"]).assert_code(0);
    // A fresh round: with the example round beside it, every village would have two workbooks.
    fs::remove_dir_all(case.path("inputs/survey/2023-09")).unwrap();

    let mut expected = Vec::new();
    for (i, id) in VILLAGE_IDS.iter().enumerate() {
        let layout = Layout::read(&case.path(&format!("output/forms/{id}.xlsx")));
        let rows = sample_rows(i);
        write_filled(&layout, &rows, &case.path(&format!("inputs/survey/2024/{id}.xlsx")));
        let income: f64 = rows.iter().map(|r| r.income).sum();
        expected.push((layout.village, expected_survey(&rows), income));
    }

    let json = check_json(&case);
    assert_eq!(json["diagnostics"], json!([]), "not a single diagnostic");
    let villages = json["villages"].as_array().unwrap();
    assert_eq!(villages.len(), expected.len());
    for (v, (name, survey, income)) in villages.iter().zip(&expected) {
        assert_eq!(v["name"], name.as_str());
        assert_eq!(v["status"], "ok", "{v}");
        let got = &v["survey"];
        let total = got["income_total"].as_f64().unwrap();
        assert!((total - income).abs() < 1e-6, "{name}: income {total} vs {income}");
        for (key, want) in survey.as_object().unwrap() {
            assert_eq!(&got[key], want, "{name}: {key}");
        }
    }
}

#[test]
fn prefilled_forms_read_back_as_the_previous_round() {
    let case = survey_case();
    let before = check_json(&case);
    assert_eq!(before["diagnostics"], json!([]));

    let run = case.ntm(&["forms", "--previous", "inputs/survey/2023-09"]);
    run.assert_code(0);
    for id in VILLAGE_IDS {
        assert!(run.stderr.contains(&format!("từ inputs/survey/2023-09/{id}.xlsx")), "{}", run.stderr);
    }

    fs::remove_dir_all(case.path("inputs/survey/2023-09")).unwrap();
    for id in VILLAGE_IDS {
        let to = case.path(&format!("inputs/survey/2024/{id}.xlsx"));
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(case.path(&format!("output/forms/{id}.xlsx")), to).unwrap();
    }
    let after = check_json(&case);
    assert_eq!(after["diagnostics"], json!([]), "not a single diagnostic");
    let (before, after) = (before["villages"].as_array().unwrap(), after["villages"].as_array().unwrap());
    assert_eq!(before.len(), 6);
    for (b, a) in before.iter().zip(after) {
        assert_eq!(a["status"], "ok", "{a}");
        assert_eq!(a["survey"], b["survey"], "{}", b["name"]);
    }
}

#[test]
fn a_previous_workbook_missing_or_in_error_gives_a_blank_form_and_a_warning() {
    let case = Case::example();
    fs::write(case.path("inputs/survey/2023-09/thon-2.xlsx"), b"not a workbook").unwrap();
    fs::remove_file(case.path("inputs/survey/2023-09/thon-5.xlsx")).unwrap();
    let run = case.ntm(&["forms", "--previous", "inputs/survey/2023-09"]);
    run.assert_code(0);
    assert!(run.stderr.contains("Thôn 2 có 1 lỗi nên không dùng để điền sẵn"), "{}", run.stderr);
    assert!(run.stderr.contains("không có bảng khảo sát đợt trước của Thôn 5"), "{}", run.stderr);
    assert!(run.stderr.contains("output/forms/thon-2.xlsx  (Thôn 2; mẫu trống)"), "{}", run.stderr);
    assert!(run.stderr.contains("6 tệp đã ghi; 0 lỗi, 2 cảnh báo"), "{}", run.stderr);
    let blank = sheet_cells(&case.path("output/forms/thon-5.xlsx"), SHEET);
    let header_row = Layout::read(&case.path("output/forms/thon-5.xlsx")).header_row;
    assert!(blank.keys().all(|(r, c)| *r <= header_row || *c == 0), "thon-5 is blank");
    let filled = sheet_cells(&case.path("output/forms/thon-1.xlsx"), SHEET);
    assert_eq!(text(&filled, (header_row + 1, 1)), "T1-001", "thon-1 is pre-filled");
}

#[test]
fn a_previous_folder_that_does_not_exist_is_a_usage_error() {
    let case = Case::example();
    let run = case.ntm(&["forms", "--previous", "inputs/survey/2019"]);
    run.assert_code(2);
    assert!(run.stderr.contains("không tìm thấy thư mục đợt khảo sát trước `inputs/survey/2019`"), "{}", run.stderr);
    assert!(case.output_files().is_empty());
}

#[test]
fn two_runs_write_the_same_bytes() {
    let case = Case::example();
    let read_all = |dir: &str| -> Vec<Vec<u8>> {
        VILLAGE_IDS.iter().map(|id| fs::read(case.path(&format!("{dir}/forms/{id}.xlsx"))).unwrap()).collect()
    };
    case.ntm(&["forms"]).assert_code(0);
    let first = read_all("output");
    case.ntm(&["forms", "--output", "again"]).assert_code(0);
    assert!(first == read_all("again"), "blank forms differ between runs");

    case.ntm(&["forms", "--previous", "inputs/survey/2023-09", "--output", "pre-1"]).assert_code(0);
    case.ntm(&["forms", "--previous", "inputs/survey/2023-09", "--output", "pre-2"]).assert_code(0);
    assert!(read_all("pre-1") == read_all("pre-2"), "pre-filled forms differ between runs");
    assert!(read_all("pre-1") != first);
}
