//! A new commune: `ntm init`, its marked blanks, `ntm new`, criteria tables
//! in Excel (`ntm criteria`), and no research vocabulary on screen or paper.

use std::fs;
use std::path::Path;

use regex_lite_free::find_tags;
use rust_xlsxwriter::{Format, Workbook};

use crate::harness::{Case, Run, copy_dir, example_inputs, pdf_text, squeeze};

/// Research tags that must never reach a clerk.
mod regex_lite_free {
    /// The first research tag in `text`, if any: VERIFIED, UNSURE, MEMORY,
    /// DERIVED, a source code like `[S19]`, or "Nghiên cứu §".
    pub fn find_tags(text: &str) -> Option<String> {
        for word in ["VERIFIED", "UNSURE", "MEMORY", "DERIVED", "Nghiên cứu §"] {
            if let Some(i) = text.find(word) {
                return Some(context(text, i));
            }
        }
        let bytes = text.as_bytes();
        for (i, w) in bytes.windows(3).enumerate() {
            if w[0] == b'[' && w[1] == b'S' && w[2].is_ascii_digit() {
                return Some(context(text, i));
            }
        }
        None
    }

    fn context(text: &str, i: usize) -> String {
        let mut start = i.saturating_sub(40);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (i + 60).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text[start..end].to_string()
    }
}

fn init(case: &Case, args: &[&str]) -> Run {
    let mut all = vec!["init", "inputs"];
    all.extend_from_slice(args);
    case.ntm(&all)
}

/// Every "cần điền" warning of a check: (file, line, what).
fn blanks(run: &Run) -> Vec<(String, usize, String)> {
    run.stderr
        .lines()
        .filter_map(|l| l.strip_prefix("cảnh báo: "))
        .filter_map(|l| {
            let (place, what) = l.split_once(": cần điền: ")?;
            let mut parts = place.rsplitn(3, ':');
            let _column = parts.next()?;
            let line: usize = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), line, what.to_string()))
        })
        .collect()
}

/// Fills every blank the check lists, at its line, the way its words ask:
/// a date where a date is asked for, a name otherwise.
fn fill_blanks(case: &Case, term_start: &str) -> usize {
    let run = case.ntm(&["check"]);
    let listed = blanks(&run);
    for (n, (file, line, what)) in listed.iter().enumerate() {
        let value = if what.contains("NĂM-THÁNG-NGÀY") { term_start.to_string() } else { format!("Điền {n}") };
        case.edit(file, |text| {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let target = &mut lines[line - 1];
            let start = target.find("«cần điền").unwrap_or_else(|| panic!("{file}:{line}: no blank in {target}"));
            let end = start + target[start..].find('»').unwrap() + '»'.len_utf8();
            target.replace_range(start..end, &value);
            lines.join("\n") + "\n"
        });
    }
    listed.len()
}

fn documents(case: &Case) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(case.path("inputs/documents"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The office writes its first task into `plan.yaml` as the file's own
/// comment shows (the example, with its `#` taken away): a plan cannot be
/// issued with an empty task table.
fn write_the_example_task(case: &Case) {
    case.edit("inputs/plan.yaml", |text| {
        let example: String = text
            .lines()
            .skip_while(|l| !l.starts_with("#  - content:"))
            .take_while(|l| l.starts_with("#  "))
            .map(|l| format!("{}\n", &l[1..]))
            .collect();
        assert!(example.contains("deadline:"), "the plan's comment shows a task: {text}");
        text.replace("tasks: []\n", &format!("tasks:\n{example}"))
    });
}

fn make_final(case: &Case) {
    for name in documents(case) {
        case.edit(&format!("inputs/documents/{name}"), |t| t.replace("status: draft", "status: final"));
    }
}

/// Every file below `dir` that a person may open as text.
fn text_files(dir: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            matches!(e.path().extension().and_then(|x| x.to_str()), Some("yaml" | "md" | "typ" | "json" | "txt"))
        })
        .map(|e| (e.path().display().to_string(), fs::read_to_string(e.path()).unwrap_or_default()))
        .collect()
}

fn assert_no_tags(what: &str, text: &str) {
    if let Some(found) = find_tags(text) {
        panic!("research tag in {what}: …{found}…");
    }
}

#[test]
fn a_post_reform_commune_starts_fills_its_blanks_and_issues_every_starter_document() {
    let case = Case::empty();
    init(&case, &["--xa", "Thạch Lạc", "--tinh", "Hà Tĩnh", "--nhom", "2", "--nam", "2026"]).assert_code(0);
    let commune = case.read("inputs/commune.yaml");
    assert!(!commune.contains("district:"), "{commune}");
    assert!(commune.contains("superior: Đảng bộ tỉnh Hà Tĩnh"), "{commune}");
    assert!(commune.contains("criteria_set: qd51-2026-2030"), "{commune}");
    assert!(case.path("inputs/HUONG-DAN.md").is_file());
    assert_eq!(documents(&case).len(), 6);

    // Before filling: blanks are warnings at their lines, the check passes.
    let run = case.ntm(&["check"]);
    run.assert_code(0);
    let listed = blanks(&run);
    assert!(listed.iter().any(|(f, _, w)| f == "inputs/commune.yaml" && w.contains("Bí thư")), "{}", run.stderr);
    assert!(listed.iter().any(|(f, _, _)| f.starts_with("inputs/documents/nq-2026")), "{}", run.stderr);

    // Drafts build with their blanks visible.
    let run = case.ntm(&["build"]);
    run.assert_code(0);
    let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with("_du-thao.pdf")).collect();
    assert_eq!(pdfs.len(), 6, "{:?}", case.output_files());
    let nq = pdfs.iter().find(|f| f.contains("nq-2026")).unwrap();
    assert!(squeeze(&pdf_text(&case.path(nq))).contains(&squeeze("cần điền")));

    // Filled the way the list says: nothing left to fill, and every
    // starter document issues as a final, numbered document.
    assert!(fill_blanks(&case, "2025-08-20") > 10);
    let run = case.ntm(&["check"]);
    run.assert_code(0);
    assert!(blanks(&run).is_empty(), "{}", run.stderr);
    make_final(&case);
    // A final plan with no task yet is refused at its table, never printed empty.
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("chưa có nhiệm vụ nào (`tasks`)"), "{}", run.stderr);
    write_the_example_task(&case);
    let run = case.ntm(&["build"]);
    run.assert_code(0);
    let issued: Vec<String> =
        case.output_files().into_iter().filter(|f| f.ends_with(".pdf") && !f.contains("du-thao")).collect();
    assert_eq!(issued.len(), 6, "{issued:?}\n{}", run.stderr);
    let nq = issued.iter().find(|f| f.contains("-NQ-")).expect("the resolution is numbered");
    let text = squeeze(&pdf_text(&case.path(nq)));
    assert!(text.contains(&squeeze("ĐẢNG BỘ TỈNH HÀ TĨNH")), "{text}");
    assert!(!text.contains("HUYỆN"), "{text}");

    // Nothing a clerk reads carries research tags: the workspace, the
    // kept Typst sources and what ntm printed.
    for (path, text) in text_files(&case.inputs()).into_iter().chain(text_files(&case.output())) {
        assert_no_tags(&path, &text);
    }
    assert_no_tags("check output", &case.ntm(&["check"]).stderr);
    assert_no_tags("check json", &case.ntm(&["check", "--format", "json"]).stdout);
}

#[test]
fn a_pre_reform_commune_gets_its_district_and_the_advanced_set() {
    let case = Case::empty();
    init(
        &case,
        &["--xa", "Cẩm Lĩnh", "--tinh", "Hà Tĩnh", "--huyen", "Cẩm Xuyên", "--vung", "Bắc Trung Bộ", "--nam", "2023"],
    )
    .assert_code(0);
    let commune = case.read("inputs/commune.yaml");
    assert!(commune.contains("district: Cẩm Xuyên"), "{commune}");
    assert!(commune.contains("superior: Đảng bộ huyện Cẩm Xuyên"), "{commune}");
    assert!(commune.contains("region: Bắc Trung Bộ"), "{commune}");
    assert!(commune.contains("criteria_set: qd318-nang-cao-2021-2025"), "{commune}");
    let assessment = case.read("inputs/assessment.yaml");
    assert!(assessment.contains("year: 2023") && assessment.contains("\"15.1\": {}"), "{assessment}");
    fill_blanks(&case, "2020-07-15");
    write_the_example_task(&case);
    make_final(&case);
    let run = case.ntm(&["check"]);
    run.assert_code(0);
    assert!(run.stderr.contains("nâng cao giai đoạn 2021–2025"), "{}", run.stderr);
    let run = case.ntm(&["build"]);
    run.assert_code(0);
    let nq = case.output_files().into_iter().find(|f| f.contains("-NQ-") && f.ends_with(".pdf")).unwrap();
    let text = squeeze(&pdf_text(&case.path(&nq)));
    assert!(text.contains(&squeeze("ĐẢNG BỘ HUYỆN CẨM XUYÊN")), "{text}");
    let report = case.output_files().into_iter().find(|f| f.contains("-BC-") && f.ends_with(".pdf")).unwrap();
    let text = squeeze(&pdf_text(&case.path(&report)));
    assert!(text.contains(&squeeze("Văn phòng Điều phối nông thôn mới huyện")), "{text}");
}

#[test]
fn a_final_document_still_showing_a_blank_is_refused_at_its_line() {
    let case = Case::empty();
    init(&case, &["--xa", "Thạch Lạc", "--tinh", "Hà Tĩnh", "--nhom", "1", "--nam", "2026"]).assert_code(0);
    fill_blanks(&case, "2025-08-20");
    let nq = documents(&case).into_iter().find(|n| n.starts_with("nq-")).unwrap();
    let rel = format!("inputs/documents/{nq}");
    // A blank back in the resolution's body, on line 31, and the
    // resolution made final.
    case.edit(&rel, |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        lines[30] = "  Tuy vậy, «cần điền: những hạn chế của xã».".to_string();
        lines.join("\n").replace("status: draft", "status: final") + "\n"
    });
    let run = case.ntm(&["build"]);
    run.assert_code(1);
    let stem = nq.trim_end_matches(".yaml");
    assert!(
        run.stderr.contains(&format!(
            "lỗi: {rel}:31:12: văn bản `{stem}` chưa phát hành được: còn chỗ cần điền «cần điền: những hạn chế của xã»"
        )),
        "{}",
        run.stderr
    );
    assert!(!case.output_files().iter().any(|f| f.contains("-NQ-")), "{:?}", case.output_files());
    // The other documents (drafts) are still issued.
    assert_eq!(case.output_files().iter().filter(|f| f.ends_with("_du-thao.pdf")).count(), 5);

    // A blank in commune.yaml that a final document prints (its signer) is
    // refused at commune.yaml's line.
    case.edit(&rel, |t| t.replace("«cần điền: những hạn chế của xã»", "có hạn chế"));
    case.edit("inputs/commune.yaml", |t| t.replacen("name: \"Điền", "name: \"«cần điền: họ tên Bí thư»", 1));
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("lỗi: inputs/commune.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("còn chỗ cần điền «cần điền: họ tên Bí thư»"), "{}", run.stderr);
}

#[test]
fn init_refuses_a_folder_that_has_files_and_bad_choices() {
    let case = Case::example();
    let before = case.read("inputs/commune.yaml");
    let run = init(&case, &["--xa", "Thạch Lạc", "--tinh", "Hà Tĩnh"]);
    run.assert_code(2);
    assert!(run.stderr.contains("đã có tệp"), "{}", run.stderr);
    assert_eq!(case.read("inputs/commune.yaml"), before);
    let case = Case::empty();
    let run = init(&case, &["--xa", "Thạch Lạc", "--tinh", "Hà Tĩnh", "--vung", "Tây Nguyên", "--nam", "2026"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--nhom"), "{}", run.stderr);
    assert!(!case.inputs().exists());
    let run = case.ntm(&["init", "--tinh", "Hà Tĩnh"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--xa"), "{}", run.stderr);
}

#[test]
fn without_a_workspace_ntm_points_to_init() {
    let case = Case::empty();
    let run = case.ntm(&["check"]);
    run.assert_code(2);
    assert!(run.stderr.contains("ntm init"), "{}", run.stderr);
    fs::create_dir(case.inputs()).unwrap();
    let run = case.ntm(&["build"]);
    run.assert_code(2);
    assert!(run.stderr.contains("ntm init"), "{}", run.stderr);
    let run = case.ntm(&["--help"]);
    run.assert_code(0);
    assert!(run.stdout.contains("ntm init"), "{}", run.stdout);
    let run = case.ntm(&[]);
    assert!(run.stderr.contains("ntm init"), "{}", run.stderr);
}

#[test]
fn new_writes_a_commented_draft_that_checks() {
    let case = Case::empty();
    init(&case, &["--xa", "Thạch Lạc", "--tinh", "Hà Tĩnh", "--nhom", "3", "--nam", "2026"]).assert_code(0);
    case.ntm(&["new", "thong-bao", "tb-hop"]).assert_code(0);
    let text = case.read("inputs/documents/tb-hop.yaml");
    assert!(text.contains("status: draft") && text.contains("number: auto") && text.contains("issuer: ubnd"), "{text}");
    case.ntm(&["new", "nghi-quyet", "nq-2"]).assert_code(0);
    assert!(case.read("inputs/documents/nq-2.yaml").contains("issuer: dang-uy"));
    let run = case.ntm(&["check", "tb-hop"]);
    run.assert_code(0);
    assert!(blanks(&run).iter().any(|(f, _, _)| f == "inputs/documents/tb-hop.yaml"), "{}", run.stderr);
    let run = case.ntm(&["new", "bao-cao", "tb-hop"]);
    run.assert_code(2);
    assert!(run.stderr.contains("đã có"), "{}", run.stderr);
    assert!(case.read("inputs/documents/tb-hop.yaml").contains("type: thong-bao"));
}

/// `check --format json` of the case.
fn check_json(case: &Case) -> String {
    case.ntm(&["check", "--format", "json"]).stdout
}

/// Exports `set`, takes the file away, imports the table: the check's JSON
/// is the same, byte for byte.
fn round_trip(case: &Case, set: &str) {
    let before = check_json(case);
    case.ntm(&["criteria", "export", set, "--file", "bang.xlsx"]).assert_code(0);
    fs::remove_file(case.path(&format!("inputs/criteria/{set}.yaml"))).unwrap();
    case.ntm(&["criteria", "import", "bang.xlsx", "--id", set]).assert_code(0);
    let after = check_json(case);
    if let Some((a, b)) = before.lines().zip(after.lines()).find(|(a, b)| a != b) {
        panic!("{set}: the check differs after the round trip:\n  before: {a}\n  after:  {b}");
    }
    assert_eq!(after, before, "{set}");
}

#[test]
fn every_shipped_set_survives_export_and_import() {
    for set in ["ha-tinh-minh-hoa-2023", "qd318-nang-cao-2021-2025"] {
        let case = Case::example();
        case.edit("inputs/commune.yaml", |t| {
            t.replace("criteria_set: ha-tinh-minh-hoa-2023", &format!("criteria_set: {set}"))
        });
        round_trip(&case, set);
    }
    let case = Case::empty();
    init(&case, &["--xa", "Thạch Lạc", "--tinh", "Hà Tĩnh", "--nhom", "2", "--nam", "2026"]).assert_code(0);
    case.edit("inputs/assessment.yaml", |t| t.replace("\"3.0\": {}", "\"3.0\": { result: Đạt }"));
    round_trip(&case, "qd51-2026-2030");
}

const HEADERS: [&str; 11] = [
    "STT tiêu chí",
    "TÊN TIÊU CHÍ",
    "Nhóm",
    "MÃ CHỈ\nTIÊU",
    "Nội dung",
    "ĐVT",
    "Cách so sánh",
    "Mức: Nhóm 1",
    "MỨC: NHÓM 2",
    "Nguồn",
    "Đã đối chiếu",
];

/// A province's table: a title row, the headers, `rows` as text cells
/// (`None` blank), and the information sheet.
fn province_table(path: &Path, rows: &[[Option<&str>; 11]], merged: bool) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("BANG TIEU CHI").unwrap();
    sheet.write_string(0, 0, "BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI TỈNH HÀ TĨNH").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(text) = cell {
                match text.strip_prefix("#") {
                    Some(n) => sheet.write_number((r + 2) as u32, c as u16, n.parse::<f64>().unwrap()).unwrap(),
                    None => sheet.write_string((r + 2) as u32, c as u16, *text).unwrap(),
                };
            }
        }
    }
    if merged {
        // Criterion 1 spans rows 3–4: its number and name merged.
        sheet.merge_range(2, 0, 3, 0, "1", &Format::new()).unwrap();
        sheet.merge_range(2, 1, 3, 1, "Quy hoạch", &Format::new()).unwrap();
    }
    let info = book.add_worksheet().set_name("Thông tin bộ tiêu chí").unwrap();
    info.write_string(0, 0, "Tên bộ tiêu chí").unwrap();
    info.write_string(0, 1, "Bộ tiêu chí xã nông thôn mới tỉnh Hà Tĩnh 2026–2030").unwrap();
    info.write_string(1, 0, "Văn bản ban hành").unwrap();
    info.write_string(1, 1, "Quyết định số 12/2026/QĐ-UBND").unwrap();
    book.save(path).unwrap();
}

#[test]
fn a_messy_province_table_imports_exactly() {
    let case = Case::example();
    let src = Some("QĐ 12/2026/QĐ-UBND, Điều 1");
    province_table(
        &case.path("tinh.xlsx"),
        &[
            [
                None,
                None,
                Some("Hạ tầng"),
                Some("1.1"),
                Some("Có quy hoạch"),
                None,
                Some("Đạt"),
                Some("Đạt"),
                Some("Đạt"),
                src,
                Some("Có"),
            ],
            // TCVN3 text, a level typed as text with a decimal comma, a number.
            [
                None,
                None,
                None,
                Some("1.2"),
                Some("§éc lËp - Tù do - H¹nh phóc"),
                Some("%"),
                Some("≥"),
                Some("2,5"),
                Some("#95"),
                src,
                Some("Không"),
            ],
            [
                Some("2"),
                Some("Giao thông"),
                None,
                Some("2.1"),
                Some("Hộ nghèo"),
                Some("%"),
                Some("<="),
                Some("#10"),
                None,
                src,
                Some("x"),
            ],
        ],
        true,
    );
    let run = case.ntm(&["criteria", "import", "tinh.xlsx", "--id", "ha-tinh-2026"]);
    run.assert_code(0);
    let path = case.path("inputs/criteria/ha-tinh-2026.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let set: ntm::load::criteria::CriteriaSetFile = ntm::load::yaml::parse(&path, &text).unwrap();
    assert_eq!(set.id.value, "ha-tinh-2026");
    assert_eq!(set.decision, "Quyết định số 12/2026/QĐ-UBND");
    assert_eq!(set.regions, ["Nhóm 1", "Nhóm 2"]);
    assert_eq!(set.groups.len(), 1);
    assert_eq!(set.groups[0].name, "Hạ tầng");
    let criteria: Vec<(&str, &str, usize)> =
        set.criteria.iter().map(|c| (c.id.value.as_str(), c.name.as_str(), c.indicators.len())).collect();
    assert_eq!(criteria, [("1", "Quy hoạch", 2), ("2", "Giao thông", 1)]);
    assert!(set.criteria.iter().all(|c| c.group.value == set.groups[0].id.value));
    let i12 = &set.criteria[0].indicators[1];
    assert_eq!(i12.text, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(i12.unit.as_deref(), Some("%"));
    let levels: Vec<(Option<&str>, Option<f64>, bool)> = i12
        .thresholds
        .iter()
        .map(|t| {
            let v = match t.value.value {
                Some(ntm::load::criteria::ThresholdValue::Number(n)) => Some(n),
                _ => None,
            };
            (t.region.as_ref().map(|r| r.value.as_str()), v, t.confirmed)
        })
        .collect();
    assert_eq!(levels, [(Some("Nhóm 1"), Some(2.5), false), (Some("Nhóm 2"), Some(95.0), false)]);
    let i21 = &set.criteria[1].indicators[0];
    assert_eq!(i21.comparison.value, ntm::load::criteria::ComparisonSpec::AtMost);
    assert_eq!(i21.thresholds.len(), 1);
    assert!(i21.thresholds[0].confirmed);
    assert_eq!(i21.thresholds[0].source, "QĐ 12/2026/QĐ-UBND, Điều 1");
}

#[test]
fn a_broken_province_table_is_refused_at_every_cell_and_nothing_is_written() {
    let case = Case::example();
    let src = Some("QĐ 12/2026/QĐ-UBND");
    province_table(
        &case.path("hong.xlsx"),
        &[
            [
                Some("1"),
                Some("Quy hoạch"),
                Some("Hạ tầng"),
                Some("1.1"),
                Some("Tỷ lệ"),
                Some("%"),
                Some("≥"),
                Some("nhiều"),
                None,
                src,
                None,
            ],
            [None, None, None, Some("1.1"), Some("Lặp mã"), None, Some("Đạt"), Some("Đạt"), None, src, None],
            [None, None, None, Some("1.3"), Some("So sánh lạ"), None, Some("bằng"), None, None, src, None],
        ],
        false,
    );
    let run = case.ntm(&["criteria", "import", "hong.xlsx", "--id", "hong"]);
    run.assert_code(1);
    for cell in ["BANG TIEU CHI!H3", "BANG TIEU CHI!D4", "BANG TIEU CHI!G5"] {
        assert!(run.stderr.contains(&format!("hong.xlsx ({cell})")), "{cell}:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("không phải một số"), "{}", run.stderr);
    assert!(run.stderr.contains("bị trùng"), "{}", run.stderr);
    assert!(run.stderr.contains("cách so sánh `bằng`"), "{}", run.stderr);
    assert!(!case.path("inputs/criteria/hong.yaml").exists());
}

#[test]
fn the_template_reads_back_as_an_empty_table() {
    let case = Case::empty();
    case.ntm(&["criteria", "template", "--file", "mau.xlsx"]).assert_code(0);
    copy_dir(&example_inputs(), &case.inputs());
    let run = case.ntm(&["criteria", "import", "mau.xlsx", "--id", "mau"]);
    // Empty: the name, decision and indicators are missing, each said.
    run.assert_code(1);
    assert!(run.stderr.contains("Tên bộ tiêu chí") && run.stderr.contains("không có chỉ tiêu nào"), "{}", run.stderr);
}

#[test]
fn shipped_files_a_clerk_reads_carry_no_research_tags() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["inputs", "templates"] {
        for (path, text) in text_files(&root.join(dir)) {
            assert_no_tags(&path, &text);
        }
    }
    let case = Case::example();
    let run = case.ntm(&["check"]);
    assert_no_tags("check of the example", &run.stderr);
    assert_no_tags("json of the example", &check_json(&case));
}
