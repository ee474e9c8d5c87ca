//! The folder as it arrives: files that are not workbooks, files that do not
//! open, villages that cannot be told, two files for one village, household
//! ids that clash across workbooks.

use std::fs;
use std::path::Path;

use super::fixture::{Hh, households, standard_book};
use super::{Workspace, form, statuses, villages};
use crate::diag::{Location, Severity};
use crate::load::survey::{SurveyStatus, read_round};

#[test]
fn other_files_are_skipped_with_a_note() {
    let ws = Workspace::new();
    let dir = ws.survey();
    standard_book(&dir, "thon-1.xlsx", Some("Thôn 1"), &households("T1", 2));
    fs::write(dir.join("~$thon-1.xlsx"), b"\x00owner lock").unwrap();
    fs::write(dir.join(".DS_Store"), b"\x00\x00\x00\x01Bud1").unwrap();
    fs::create_dir_all(dir.join("anh")).unwrap();
    fs::write(dir.join("anh/IMG_0001.jpg"), b"\xFF\xD8\xFF\xE0").unwrap();
    fs::write(dir.join("bien-ban.pdf"), b"%PDF-1.4").unwrap();
    fs::write(dir.join("thon-2.xlsb"), b"PK\x03\x04").unwrap();

    let round = ws.read();
    assert_eq!(round.villages[0].status, SurveyStatus::Ok);
    assert_eq!(round.villages[1].status, SurveyStatus::Missing, "an .xlsb is not read");
    let notes: Vec<String> = round
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .map(|d| d.location.path().unwrap().file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(notes, [".DS_Store", "IMG_0001.jpg", "bien-ban.pdf", "thon-2.xlsb", "~$thon-1.xlsx"]);
    assert!(!round.diagnostics.iter().any(|d| d.severity == Severity::Error));
    insta::assert_yaml_snapshot!(
        ws.render(&round).into_iter().filter(|d| d.starts_with("ghi chú")).collect::<Vec<_>>()
    );
}

#[test]
fn files_that_do_not_open_are_one_error_each() {
    let ws = Workspace::new();
    let dir = ws.survey();
    standard_book(&dir, "thon-1.xlsx", Some("Thôn 1"), &households("T1", 2));
    // Random bytes named .xlsx, a zip that is not a workbook, an empty .ods.
    let noise: Vec<u8> = (0u32..4096).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(dir.join("thon-2.xlsx"), noise).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/survey");
    fs::copy(fixtures.join("khong-phai-bang-tinh.xlsx"), dir.join("thon-3.xlsx")).unwrap();
    fs::write(dir.join("thon-4.ods"), b"").unwrap();

    let round = ws.read();
    use SurveyStatus::*;
    assert_eq!(statuses(&round), [Ok, Error, Error, Error, Missing, Missing]);
    assert_eq!(round.villages[0].households.len(), 2);
    let errors: Vec<&Location> =
        round.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| &d.location).collect();
    assert_eq!(
        errors,
        [
            &Location::file(ws.shown("thon-2.xlsx")),
            &Location::file(ws.shown("thon-3.xlsx")),
            &Location::file(ws.shown("thon-4.ods")),
        ]
    );
    insta::assert_yaml_snapshot!(ws.render(&round).into_iter().filter(|d| d.starts_with("lỗi")).collect::<Vec<_>>());
}

#[test]
fn an_unknown_village_is_an_error() {
    let ws = Workspace::new();
    let dir = ws.survey();
    standard_book(&dir, "thon-1.xlsx", Some("Thôn 9"), &households("T9", 2));
    standard_book(&dir, "bang-ke.xlsx", None, &households("BK", 2));
    standard_book(&dir, "thon 2 va thon 3.xlsx", None, &households("BK", 2));
    standard_book(&dir, "thon-4.xlsx", Some("Thôn 5"), &households("T5", 2));

    let round = ws.read();
    use SurveyStatus::*;
    // The label wins over the file name: thon-4.xlsx is Thôn 5's.
    assert_eq!(statuses(&round), [Missing, Missing, Missing, Missing, Ok, Missing]);
    let shown: Vec<String> = ws.render(&round).into_iter().filter(|d| !d.contains("chưa có bảng khảo sát")).collect();
    insta::assert_yaml_snapshot!(shown);
}

#[test]
fn two_workbooks_for_one_village_are_both_errors() {
    let ws = Workspace::new();
    let dir = ws.survey();
    standard_book(&dir, "thon-3.xlsx", None, &households("T3", 3));
    standard_book(&dir.join("cu"), "Thôn 3 (1).xlsx", None, &households("T3", 2));
    standard_book(&dir, "thon-2.xlsx", None, &households("T2", 2));

    let round = ws.read();
    assert_eq!(round.villages[1].status, SurveyStatus::Ok);
    let three = &round.villages[2];
    assert_eq!(three.status, SurveyStatus::Error);
    assert_eq!(three.source.as_deref(), Some(ws.shown("cu/Thôn 3 (1).xlsx").as_path()));
    assert!(three.households.is_empty());
    let errors: Vec<String> = ws.render(&round).into_iter().filter(|d| d.starts_with("lỗi")).collect();
    // One error on each file, each naming both; no id clash reported on top.
    let both = "có 2 tệp cùng là bảng khảo sát của Thôn 3: `inputs/survey/cu/Thôn 3 (1).xlsx`, \
                `inputs/survey/thon-3.xlsx`; không biết dùng tệp nào";
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors[0].starts_with("lỗi: inputs/survey/cu/Thôn 3 (1).xlsx: ") && errors[0].contains(both));
    assert!(errors[1].starts_with("lỗi: inputs/survey/thon-3.xlsx: ") && errors[1].contains(both));
}

/// The round read from `thon-1.xlsx` … `thon-3.xlsx` holding `books`: the
/// villages' statuses and the errors, as the clerk reads them.
fn three_books(books: [Vec<Hh>; 3]) -> (Vec<SurveyStatus>, Vec<String>) {
    let ws = Workspace::new();
    for (n, rows) in books.iter().enumerate() {
        standard_book(&ws.survey(), &format!("thon-{}.xlsx", n + 1), None, rows);
    }
    let round = ws.read();
    let errors = ws.render(&round).into_iter().filter(|d| d.starts_with("lỗi")).collect();
    (statuses(&round), errors)
}

/// The error at a cell whose id is also at `other`.
fn clash(file: &str, cell: &str, id: &str, other: &str) -> String {
    format!(
        "lỗi: inputs/survey/{file} (Hộ gia đình!{cell}): mã hộ “{id}” trùng với mã hộ ở {other}\n  \
         gợi ý: mỗi hộ cần một mã riêng trong cả xã"
    )
}

#[test]
fn a_household_id_in_two_workbooks_names_both_cells() {
    let mut two = households("T2", 3);
    two[2].id = "t1-002".into();
    let (statuses, errors) = three_books([households("T1", 3), two, households("T3", 3)]);
    use SurveyStatus::*;
    assert_eq!(statuses, [Error, Error, Ok, Missing, Missing, Missing]);
    assert_eq!(
        errors,
        [
            clash("thon-1.xlsx", "B6", "T1-002", "ô B7 của tệp `inputs/survey/thon-2.xlsx`"),
            clash("thon-2.xlsx", "B7", "t1-002", "ô B6 của tệp `inputs/survey/thon-1.xlsx`"),
        ]
    );
}

#[test]
fn ids_in_three_workbooks_each_clash_named_at_every_cell() {
    // One key in three workbooks and two others in two, interleaved, the
    // last of all keys among them: each place names the first, the first
    // names the second and the count of the others.
    let mut two = households("T2", 3);
    two[1].id = "zz-1".into();
    two[2].id = "t1-002".into();
    let mut three = households("T3", 3);
    three[0].id = "T1-002".into();
    three[1].id = "ZZ-1".into();
    three[2].id = "t2-001".into();
    let (statuses, errors) = three_books([households("T1", 3), two, three]);
    use SurveyStatus::*;
    assert_eq!(statuses, [Error, Error, Error, Missing, Missing, Missing]);
    assert_eq!(
        errors,
        [
            clash("thon-1.xlsx", "B6", "T1-002", "ô B7 của tệp `inputs/survey/thon-2.xlsx` và 1 ô khác"),
            clash("thon-2.xlsx", "B5", "T2-001", "ô B7 của tệp `inputs/survey/thon-3.xlsx`"),
            clash("thon-2.xlsx", "B6", "zz-1", "ô B6 của tệp `inputs/survey/thon-3.xlsx`"),
            clash("thon-2.xlsx", "B7", "t1-002", "ô B6 của tệp `inputs/survey/thon-1.xlsx`"),
            clash("thon-3.xlsx", "B5", "T1-002", "ô B6 của tệp `inputs/survey/thon-1.xlsx`"),
            clash("thon-3.xlsx", "B6", "ZZ-1", "ô B6 của tệp `inputs/survey/thon-2.xlsx`"),
            clash("thon-3.xlsx", "B7", "t2-001", "ô B5 của tệp `inputs/survey/thon-2.xlsx`"),
        ]
    );
}

#[test]
fn a_household_id_twice_in_one_sheet() {
    let ws = Workspace::new();
    let mut rows = households("T6", 12);
    rows[10].id = rows[1].id.clone();
    standard_book(&ws.survey(), "thon-6.xlsx", None, &rows);
    let round = ws.read();
    assert_eq!(round.villages[5].status, SurveyStatus::Error);
    let cells: Vec<(String, &str)> = round
        .diagnostics
        .iter()
        .filter_map(|d| match &d.location {
            Location::Cell { cell, .. } => Some((cell.clone(), d.message.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("B6".to_string(), "mã hộ “T6-002” trùng với mã hộ ở ô B15 cùng trang"),
            ("B15".to_string(), "mã hộ “T6-002” trùng với mã hộ ở ô B6 cùng trang"),
        ]
    );
}

#[test]
fn a_missing_folder_leaves_every_village_missing() {
    let ws = Workspace::new();
    let round = read_round(&ws.survey().join("khong-co"), form(), &villages());
    assert!(round.villages.iter().all(|v| v.status == SurveyStatus::Missing && v.source.is_none()));
    assert_eq!(round.diagnostics.len(), 1);
    assert_eq!(round.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn results_do_not_depend_on_thread_timing() {
    let ws = Workspace::new();
    for n in 1..=6 {
        let mut rows = households(&format!("T{n}"), 20 + n);
        rows[n].members = 0;
        rows[n].insured = 0;
        standard_book(&ws.survey(), &format!("thon-{n}.xlsx"), None, &rows);
    }
    let first = ws.render(&ws.read());
    for _ in 0..3 {
        assert_eq!(ws.render(&ws.read()), first);
    }
    assert_eq!(first.len(), 6);
}
