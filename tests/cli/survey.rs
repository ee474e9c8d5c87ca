//! `ntm check` on the survey workbooks: the figures it reports equal an
//! independent computation of the same rows, and a bad workbook leaves the
//! other villages untouched.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

use crate::harness::Case;

/// Totals of one example workbook, computed here without ntm's reader: the
/// example files have a fixed layout (header row with the spec's headers,
/// a `Tổng cộng` row at the end).
#[derive(Debug, Default, PartialEq)]
struct Totals {
    households: u64,
    members: u64,
    income: f64,
    yes: BTreeMap<&'static str, u64>,
    poor: u64,
    near_poor: u64,
    insured: u64,
    workers: u64,
    trained: u64,
}

fn independent_totals(path: &Path) -> Totals {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("Hộ gia đình").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header_row = rows.iter().position(|r| r.iter().any(|c| *c == "Mã hộ")).expect("header row");
    let col = |name: &str| rows[header_row].iter().position(|c| *c == name).unwrap_or_else(|| panic!("{name}"));
    let num = |c: &Data| match c {
        Data::Int(i) => *i as f64,
        Data::Float(f) => *f,
        Data::String(s) => s.trim().replace('.', "").replace(',', ".").parse().unwrap(),
        other => panic!("not a number: {other:?}"),
    };
    let yes = |c: &Data| matches!(c.to_string().trim(), "Có" | "x" | "X" | "1" | "✓");
    let mut t = Totals::default();
    for r in &rows[header_row + 1..] {
        let id = r[col("Mã hộ")].to_string();
        if id.trim().is_empty() || id.starts_with("Tổng") || r[col("STT")].to_string().starts_with("Tổng") {
            continue;
        }
        t.households += 1;
        t.members += num(&r[col("Số nhân khẩu")]) as u64;
        t.income += num(&r[col("Tổng thu nhập năm (triệu đồng)")]);
        for (key, header) in [
            ("clean_water", "Nước sạch"),
            ("sanitary_toilet", "Nhà tiêu hợp vệ sinh"),
            ("waste_sorting", "Phân loại rác tại nguồn"),
            ("cultural_family", "Gia đình văn hóa"),
        ] {
            *t.yes.entry(key).or_default() += u64::from(yes(&r[col(header)]));
        }
        match r[col("Phân loại hộ")].to_string().trim() {
            "Nghèo" => t.poor += 1,
            "Cận nghèo" => t.near_poor += 1,
            _ => {}
        }
        t.insured += num(&r[col("Số người có BHYT")]) as u64;
        t.workers += num(&r[col("Số lao động")]) as u64;
        t.trained += num(&r[col("Số lao động qua đào tạo")]) as u64;
    }
    t
}

fn reported(survey: &Value) -> Totals {
    let n = |k: &str| survey[k].as_u64().unwrap_or_else(|| panic!("{k}: {survey}"));
    let mut yes = BTreeMap::new();
    for k in ["clean_water", "sanitary_toilet", "waste_sorting", "cultural_family"] {
        yes.insert(k, n(k));
    }
    Totals {
        households: n("households"),
        members: n("members"),
        income: survey["income_total"].as_f64().unwrap(),
        yes,
        poor: n("poor"),
        near_poor: n("near_poor"),
        insured: n("insured"),
        workers: n("workers"),
        trained: n("trained_workers"),
    }
}

fn check_json(case: &Case) -> (i32, Value) {
    let run = case.ntm(&["check", "--format", "json"]);
    let json: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}\n{}\n{}", run.stdout, run.stderr));
    (run.code, json)
}

#[test]
fn json_figures_equal_an_independent_count_of_the_rows() {
    let case = Case::example();
    let (code, json) = check_json(&case);
    assert_eq!(code, 0, "{json:#}");

    let villages = json["villages"].as_array().unwrap();
    assert_eq!(villages.len(), 6);
    let mut commune = Totals::default();
    for v in villages {
        assert_eq!(v["status"], "ok", "{v}");
        let source = v["source"].as_str().unwrap();
        let expected = independent_totals(&case.path(source));
        let got = reported(&v["survey"]);
        assert!((got.income - expected.income).abs() < 1e-6, "{source}: income {} vs {}", got.income, expected.income);
        assert_eq!(Totals { income: 0.0, ..got }, Totals { income: 0.0, ..expected }, "{source}");
        let pc = v["survey"]["income_per_capita"].as_f64().unwrap();
        assert!((pc - expected.income / expected.members as f64).abs() < 1e-9);
        commune.households += expected.households;
        commune.members += expected.members;
        commune.income += expected.income;
    }
    let c = &json["commune"]["survey"];
    assert_eq!(c["households"].as_u64(), Some(commune.households));
    assert_eq!(c["members"].as_u64(), Some(commune.members));
    let pc = c["income_per_capita"].as_f64().unwrap();
    assert!((pc - commune.income / commune.members as f64).abs() < 1e-9, "recomputed from sums, not averaged");

    // Every indicator of the set is listed with the keys of the contract.
    let indicators = json["indicators"].as_array().unwrap();
    assert!(indicators.len() >= 19);
    for i in indicators {
        for key in ["id", "value", "threshold", "met"] {
            assert!(i.get(key).is_some(), "{key} missing in {i}");
        }
    }
    let income = indicators.iter().find(|i| i["id"] == "10.1").expect("indicator 10.1");
    assert!((income["value"].as_f64().unwrap() - pc).abs() < 1e-9);
    assert_eq!(income["villages"].as_array().unwrap().len(), 6);
    assert!(json["diagnostics"].as_array().unwrap().iter().all(|d| d["severity"] != "error"));
}

/// An example workbook's incomes in tenths of a million, and how many: the
/// example data is typed with one decimal, which this checks cell by cell.
fn income_tenths(path: &Path) -> (i64, u64) {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("Hộ gia đình").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header_row = rows.iter().position(|r| r.iter().any(|c| *c == "Mã hộ")).expect("header row");
    let col = rows[header_row].iter().position(|c| *c == "Tổng thu nhập năm (triệu đồng)").unwrap();
    let id = rows[header_row].iter().position(|c| *c == "Mã hộ").unwrap();
    let (mut tenths, mut count) = (0, 0);
    for r in &rows[header_row + 1..] {
        let (Data::String(household), Data::Float(income)) = (&r[id], &r[col]) else { continue };
        if household.starts_with("Tổng") {
            continue;
        }
        let t = (income * 10.0).round();
        assert!((income * 10.0 - t).abs() < 1e-6, "{}: {income} has more than one decimal", path.display());
        tenths += t as i64;
        count += 1;
    }
    (tenths, count)
}

#[test]
fn json_prints_income_totals_at_the_precision_typed() {
    let case = Case::example();
    let run = case.ntm(&["check", "--format", "json"]);
    run.assert_code(0);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    // The exact totals, written with one decimal unless it is zero.
    let shown = |tenths: i64| match tenths % 10 {
        0 => (tenths / 10).to_string(),
        d => format!("{}.{d}", tenths / 10),
    };
    let villages: Vec<i64> = json["villages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let (tenths, count) = income_tenths(&case.path(v["source"].as_str().unwrap()));
            assert_eq!(v["survey"]["households"].as_u64(), Some(count), "every income cell was read here");
            tenths
        })
        .collect();
    let mut expected: Vec<String> = villages.iter().map(|&t| shown(t)).collect();
    expected.push(shown(villages.iter().sum()));
    // The figures as printed, villages then the commune: no float noise.
    let printed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"income_total\": "))
        .map(|n| n.trim_end_matches(','))
        .collect();
    assert_eq!(printed, expected);
}

#[test]
fn a_bad_workbook_is_excluded_whole_and_the_others_are_unaffected() {
    let case = Case::example();
    let (_, before) = check_json(&case);
    // Garbage where a village's workbook should be: one error for that file.
    let bad = before["villages"][2]["source"].as_str().unwrap().to_string();
    std::fs::write(case.path(&bad), b"PK\x03\x04 not really a workbook").unwrap();
    let (code, after) = check_json(&case);
    assert_eq!(code, 1);
    assert_eq!(after["villages"][2]["status"], "error");
    assert_eq!(after["villages"][2]["survey"], Value::Null);
    for i in [0, 1, 3, 4, 5] {
        assert_eq!(after["villages"][i], before["villages"][i]);
    }
    let errors: Vec<&Value> =
        after["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["file"], bad.as_str());
}

#[test]
fn a_missing_village_is_reported_as_missing() {
    let case = Case::example();
    let (_, before) = check_json(&case);
    let gone = before["villages"][5]["source"].as_str().unwrap().to_string();
    std::fs::remove_file(case.path(&gone)).unwrap();
    let run = case.ntm(&["check"]);
    assert!(run.stderr.contains("Thôn 6: chưa có phiếu khảo sát"), "{}", run.stderr);
    let (_, after) = check_json(&case);
    assert_eq!(after["villages"][5]["status"], "missing");
}

#[test]
fn check_prints_a_summary_for_people() {
    let case = Case::example();
    let run = case.ntm(&["check"]);
    run.assert_code(0);
    insta::assert_snapshot!("check_summary", run.stderr);
}
