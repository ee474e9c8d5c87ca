//! The documents fed by the data: the assessment report, the plan and the
//! village scorecards. Their figures come from the evaluation, never typed.

use serde_json::Value;

use crate::harness::{Case, pdf_text, poppler, squeeze};

const REPORT: &str = "bc-2023-ra-soat-tieu-chi";
const REPORT_PDF: &str = "output/2023-11-20_15-BC-UBND.pdf";
const REPORT_DATA: &str = "output/build/2023-11-20_15-BC-UBND/data.json";

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn make_run_issues_every_document_of_the_example() {
    let case = Case::example();
    case.ntm(&["build"]).assert_code(0);
    let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect();
    let mut expected = vec![
        "output/2023-01-12_01-NQ-DU.pdf".to_string(),
        "output/2023-01-20_12-KH-UBND.pdf".to_string(),
        REPORT_PDF.to_string(),
        // Issue 11: one of each kind; the regulation is inside the decision.
        "output/2023-01-16_05-QD-UBND.pdf".to_string(),
        "output/2023-02-20_08-UBND-VP.pdf".to_string(),
        "output/2023-09-25_41-GM-UBND.pdf".to_string(),
        "output/2023-09-29_03-BB-UBND.pdf".to_string(),
        "output/2023-10-02_17-TTr-UBND.pdf".to_string(),
    ];
    expected.extend((1..=6).map(|n| format!("output/2023-11-20_phieu-danh-gia-thon-thon-{n}.pdf")));
    expected.sort();
    assert_eq!(pdfs, expected);
}

#[test]
fn the_report_figures_equal_check_json() {
    let case = Case::example();
    let check = json(&case.ntm(&["check", "--format", "json"]).stdout);
    case.ntm(&["build", REPORT]).assert_code(0);
    let data = json(&case.read(REPORT_DATA));
    let e = &data["evaluation"];
    assert_eq!(e["criteria_met"], check["commune"]["criteria_met"]);
    assert_eq!(e["criteria_total"], check["commune"]["criteria_total"]);
    let statuses: Vec<Value> = check["criteria"].as_array().unwrap().iter().map(|c| c["met"].clone()).collect();
    let printed: Vec<Value> = e["criteria"].as_array().unwrap().iter().map(|c| c["met"].clone()).collect();
    assert_eq!(printed, statuses);
    // Every indicator row of the report is the check's indicator, in order.
    let ids: Vec<Value> = check["indicators"].as_array().unwrap().iter().map(|i| i["id"].clone()).collect();
    let rows: Vec<Value> = e["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["indicators"].as_array().unwrap().clone())
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(rows, ids);

    let text = squeeze(&pdf_text(&case.path(REPORT_PDF)));
    let met = format!("đạt{}/{}tiêuchí", e["criteria_met"], e["criteria_total"]);
    assert!(text.contains(&met), "{met} not in report");
    let households = squeeze(e["households"].as_str().unwrap());
    assert!(text.contains(&format!("{households}hộ")), "households not in report");
    // The unconfirmed mark is explained once.
    assert!(text.contains(&squeeze("Ngưỡng có dấu * là giá trị chưa được đối chiếu")), "no note for *");
}

/// A workspace whose criteria set has three computed criteria, so a test
/// can make every one met, or none.
fn small_set(case: &Case, threshold_share: f64, income: f64) {
    case.write(
        "inputs/criteria/thu-nghiem.yaml",
        &format!(
            "id: thu-nghiem\nname: Bộ tiêu chí thử nghiệm\ndecision: Không có\nregions: [Bắc Trung Bộ]\n\
             groups: [{{ id: g, name: Nhóm thử }}]\ncriteria:\n\
             - {{ id: \"10\", name: Thu nhập, group: g, indicators: [{{ id: \"10.1\", text: Thu nhập bình quân, unit: triệu đồng/người/năm, comparison: \">=\", measure: {{ computed: income_per_capita }}, thresholds: [{{ value: {income}, source: thử, confirmed: true }}] }}] }}\n\
             - {{ id: \"17\", name: Môi trường, group: g, indicators: [{{ id: \"17.d\", text: Phân loại rác, unit: \"%\", comparison: \">=\", measure: {{ computed: household_share, field: waste_sorting }}, thresholds: [{{ value: {threshold_share}, source: thử, confirmed: true }}] }}] }}\n\
             - {{ id: \"18\", name: Nước sạch, group: g, indicators: [{{ id: \"18.a\", text: Nước sạch, unit: \"%\", comparison: \">=\", measure: {{ computed: household_share, field: clean_water }}, thresholds: [{{ value: {threshold_share}, source: thử, confirmed: true }}] }}] }}\n"
        ),
    );
    case.write("inputs/assessment.yaml", "year: 2023\n");
    case.edit("inputs/commune.yaml", |t| {
        t.replace("criteria_set: ha-tinh-minh-hoa-2023", "criteria_set: thu-nghiem")
            .replace(", criteria: [\"19\"]", "")
            .lines()
            .map(|l| match l.find(", criteria: [") {
                Some(at) => {
                    let end = l[at..].find(']').unwrap() + at + 1;
                    format!("{}{}", &l[..at], &l[end..])
                }
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    // The plan refers to criteria of the full set.
    std::fs::remove_file(case.path("inputs/plan.yaml")).unwrap();
    std::fs::remove_file(case.path("inputs/documents/kh-12-2023-xay-dung-ntm-nang-cao.yaml")).unwrap();
}

#[test]
fn a_report_where_every_indicator_is_met() {
    let case = Case::example();
    small_set(&case, 0.0, 1.0);
    let run = case.ntm(&["build", REPORT]);
    run.assert_code(0);
    let text = squeeze(&pdf_text(&case.path(REPORT_PDF)));
    assert!(text.contains("đạt3/3tiêuchí"), "{text}");
    assert!(!text.contains("Chưađạt"), "nothing may be reported as not met");
    assert!(!text.contains(&squeeze("Ngưỡng có dấu *")), "no unconfirmed threshold, no note");
}

#[test]
fn a_report_where_no_indicator_is_met() {
    let case = Case::example();
    small_set(&case, 100.0, 1000.0);
    let run = case.ntm(&["build", REPORT]);
    run.assert_code(0);
    let text = squeeze(&pdf_text(&case.path(REPORT_PDF)));
    assert!(text.contains("đạt0/3tiêuchí"), "{text}");
    assert!(text.contains(&squeeze("còn thiếu")), "income gap missing");
    assert!(text.contains(&squeeze("cần thêm")), "household gap missing");
}

#[test]
fn a_report_with_a_village_without_workbook() {
    let case = Case::example();
    std::fs::remove_file(case.path("inputs/survey/2023-09/thon-4.xlsx")).unwrap();
    let run = case.ntm(&["build", REPORT, "phieu-danh-gia-thon"]);
    run.assert_code(0);
    let text = squeeze(&pdf_text(&case.path(REPORT_PDF)));
    assert!(text.contains(&squeeze("5/6 thôn")), "{text}");
    assert!(text.contains(&squeeze("Chưa nộp phiếu khảo sát")), "{text}");
    let card = squeeze(&pdf_text(&case.path("output/2023-11-20_phieu-danh-gia-thon-thon-4.pdf")));
    assert!(card.contains(&squeeze("Chưa nộp phiếu khảo sát")), "{card}");
}

#[test]
fn scorecards_show_each_village_its_own_figures() {
    let case = Case::example();
    case.ntm(&["build", "phieu-danh-gia-thon"]).assert_code(0);
    let check = json(&case.ntm(&["check", "--format", "json"]).stdout);
    let income = check["indicators"].as_array().unwrap().iter().find(|i| i["id"] == "10.1").unwrap().clone();
    for n in 1..=6 {
        let text = squeeze(&pdf_text(&case.path(&format!("output/2023-11-20_phieu-danh-gia-thon-thon-{n}.pdf"))));
        assert!(text.contains(&format!("Thôn{n}")), "scorecard {n} does not name its village");
        let value = income["villages"][n - 1]["value"].as_f64().unwrap();
        let shown = format!("{value:.2}").replace('.', ",").trim_end_matches('0').trim_end_matches(',').to_string();
        assert!(text.contains(&shown), "scorecard {n} lacks its income {shown}");
    }
}

#[test]
fn the_plan_totals_are_computed() {
    let case = Case::example();
    case.ntm(&["build", "kh-12-2023-xay-dung-ntm-nang-cao"]).assert_code(0);
    let data = json(&case.read("output/build/2023-01-20_12-KH-UBND/data.json"));
    let plan = &data["plan"];
    // The example plan's budgets, summed here: state levels, people, other.
    assert_eq!(plan["budget_totals"]["state"], "4.690");
    assert_eq!(plan["budget_totals"]["people"], "980");
    assert_eq!(plan["budget_totals"]["other"], "70");
    assert_eq!(plan["budget_totals"]["total"], "5.740");
    let text = squeeze(&pdf_text(&case.path("output/2023-01-20_12-KH-UBND.pdf")));
    assert!(text.contains(&squeeze("Tổng kinh phí thực hiện 5.740 triệu đồng")), "{text}");
}

#[test]
fn plan_references_are_checked_with_their_line() {
    let case = Case::example();
    case.edit("inputs/plan.yaml", |t| {
        t.replacen("criteria: [\"1\"]", "criteria: [\"99\"]", 1)
            .replacen("member: cong-chuc-dia-chinh", "member: khong-co", 1)
            .replacen("villages: [thon-3, thon-6]", "villages: [thon-3, thon-9]", 1)
    });
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    for expected in
        ["không có tiêu chí mang mã `99`", "không có cán bộ mang mã `khong-co`", "không có thôn mang mã `thon-9`"]
    {
        let line =
            run.stderr.lines().find(|l| l.contains(expected)).unwrap_or_else(|| panic!("{expected}\n{}", run.stderr));
        assert!(line.starts_with("lỗi: inputs/plan.yaml:"), "{line}");
    }
}

/// A table whose data is missing is an error at its fence, never a
/// placeholder printed into a paper: the plan without a review calendar
/// refuses the plan, and every other document is issued.
#[test]
fn a_table_without_data_is_an_error_at_its_fence_and_nothing_prints_a_placeholder() {
    let case = Case::example();
    case.edit("inputs/plan.yaml", |text| {
        let at = text.find("\nreviews:").expect("the example plan has reviews");
        format!("{}\nreviews: []\n", &text[..at])
    });
    let run = case.ntm(&["build"]);
    run.assert_code(1);
    let plan = "inputs/documents/kh-12-2023-xay-dung-ntm-nang-cao.yaml";
    let fence = case.read(plan).lines().position(|l| l.trim() == "```ntm:review-calendar").unwrap() + 1;
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("lỗi: {plan}:{fence}:")))
        .unwrap_or_else(|| panic!("no error at line {fence} of the plan:\n{}", run.stderr));
    assert!(line.contains("bảng lịch kiểm tra, đánh giá (`ntm:review-calendar`)"), "{line}");
    assert!(line.contains("chưa có lịch kiểm tra nào"), "{line}");
    let pdfs: Vec<String> =
        case.output_files().into_iter().filter(|f| f.ends_with(".pdf") && !f.contains("/build/")).collect();
    assert!(!pdfs.iter().any(|f| f.contains("KH-UBND")), "the plan is not issued: {pdfs:?}");
    let all = Case::example();
    all.ntm(&["build"]).assert_code(0);
    let every = all.output_files().into_iter().filter(|f| f.ends_with(".pdf") && !f.contains("/build/")).count();
    assert_eq!(pdfs.len(), every - 1, "every other document is issued: {pdfs:?}");
    for pdf in &pdfs {
        assert!(!pdf_text(&case.path(pdf)).contains("thiếu dữ liệu"), "{pdf}");
    }
}

/// Each phụ lục is numbered on its own (NĐ 30 Phụ lục III.1.đ): the report's
/// village annexes start their own count, so an annex's first page shows
/// no number and carries on from nothing before it.
#[test]
fn each_village_annex_is_numbered_on_its_own() {
    let case = Case::example();
    case.ntm(&["build", "bc-2023-ra-soat-tieu-chi"]).assert_code(0);
    let report = case.output_files().into_iter().find(|f| f.contains("-BC-UBND") && f.ends_with(".pdf")).unwrap();
    let path = case.path(&report);
    let pages: usize = poppler("pdfinfo", &[path.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap();
    let mut annexes = 0;
    for page in 1..=pages {
        let n = page.to_string();
        let text = poppler("pdftotext", &["-f", &n, "-l", &n, "-layout", path.to_str().unwrap(), "-"]);
        let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string();
        if first.starts_with("Phụ lục") {
            annexes += 1;
            // NĐ 30 Phụ lục III.1: the label and its number alone, the title
            // in capitals, the line citing the report.
            let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).take(3).collect();
            let roman = ["I", "II", "III", "IV", "V", "VI"][annexes - 1];
            assert_eq!(lines[0], format!("Phụ lục {roman}"), "page {page}");
            assert_eq!(lines[1], format!("KẾT QUẢ CÁC CHỈ TIÊU CỦA THÔN {annexes}"), "page {page}");
            assert!(
                lines[2].starts_with("(Kèm theo Báo cáo số 15/BC-UBND ngày 20 tháng 11 năm 2023 của Ủy ban"),
                "page {page}: {}",
                lines[2]
            );
        } else if page > 1 && annexes == 0 {
            assert_eq!(first.split_whitespace().next(), Some(n.as_str()), "page {page} of the report is numbered");
        }
    }
    assert_eq!(annexes, 6, "one annex a village, each starting a page without a number");
}
