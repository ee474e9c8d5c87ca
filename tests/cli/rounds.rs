//! Survey rounds over time: the quarterly progress report's figures equal
//! the evaluations of the rounds it compares; households that move or
//! vanish are listed; indicators crossing a threshold; a round missing a
//! village; rounds kept in the register.

use std::fs;

use serde_json::Value;

use crate::harness::{Case, pdf_text, squeeze};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

fn check_round(case: &Case, round: &str) -> Value {
    json(&case.ntm(&["check", "--round", round, "--format", "json"]).stdout)
}

/// Builds the progress report for `period` and returns its data.json.
fn progress_report(case: &Case, period: &str) -> Value {
    case.ntm(&["build", "--report", "tien-do", "--period", period]).assert_code(0);
    let stage = case
        .output_files()
        .into_iter()
        .find(|f| f.starts_with("output/build/") && f.ends_with("/data.json") && f.contains("-BC-UBND"))
        .expect("the report's data.json");
    json(&case.read(&stage))
}

fn vi(value: f64) -> String {
    // As ntm prints numbers: two decimals at most, decimal comma.
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.replace('.', ",")
}

#[test]
fn the_quarterly_report_equals_the_evaluations_of_its_rounds() {
    let case = Case::example();
    let now = check_round(&case, "2023-09");
    let before = check_round(&case, "2023-06");
    let data = progress_report(&case, "2023-Q3");
    let p = &data["progress"];
    assert_eq!(p["period"], "Quý III năm 2023");
    assert_eq!(p["round"], "tháng 9/2023");
    assert_eq!(p["previous_round"], "tháng 6/2023");
    assert_eq!(p["criteria_met"], now["commune"]["criteria_met"]);
    assert_eq!(p["criteria_met_before"], before["commune"]["criteria_met"]);
    // Every indicator listed as moved has the rounds' values.
    let value = |e: &Value, id: &str| {
        e["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()["value"].as_f64()
    };
    let moved = p["moved"].as_array().unwrap();
    assert!(!moved.is_empty());
    for m in moved {
        let id = m["id"].as_str().unwrap();
        let (b, n) = (value(&before, id).unwrap(), value(&now, id).unwrap());
        assert!(m["before"].as_str().unwrap().starts_with(&vi(b)), "{id}: {m} vs {b}");
        assert!(m["now"].as_str().unwrap().starts_with(&vi(n)), "{id}: {m} vs {n}");
    }
    // The chart's series run over all three rounds.
    let march = check_round(&case, "2023-03");
    let income = p["series"].as_array().unwrap().iter().find(|s| s["id"] == "10.1").unwrap();
    let points: Vec<f64> = income["points"].as_array().unwrap().iter().map(|x| x["value"].as_f64().unwrap()).collect();
    let expected: Vec<f64> = [&march, &before, &now].iter().map(|e| value(e, "10.1").unwrap()).collect();
    assert_eq!(points, expected);
    // The PDF says it in words.
    let pdf = case.output_files().into_iter().find(|f| f.ends_with("-BC-UBND.pdf")).unwrap();
    let text = squeeze(&pdf_text(&case.path(&pdf)));
    let met = format!("đạt{}/{}tiêuchí", p["criteria_met"], p["criteria_total"]);
    assert!(text.contains(&met), "{met}");
}

#[test]
fn households_that_move_or_vanish_are_listed() {
    let case = Case::example();
    let p = &progress_report(&case, "2023-Q3")["progress"];
    let moved = p["households"]["moved"].as_array().unwrap();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert_eq!(moved[0]["id"], "T1-005");
    assert_eq!((moved[0]["from"].as_str(), moved[0]["to"].as_str()), (Some("Thôn 3"), Some("Thôn 1")));
    let gone = p["households"]["disappeared"].as_array().unwrap();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert_eq!(gone[0]["id"], "T2-900");
    let run = case.ntm(&["check"]);
    assert!(run.stderr.contains("không còn: T2-900"), "{}", run.stderr);
    assert!(run.stderr.contains("chuyển thôn: T1-005"), "{}", run.stderr);
}

#[test]
fn an_indicator_crossing_its_threshold_downwards_is_flagged() {
    let case = Case::example();
    // Time runs backwards: the latest round now holds March's figures.
    let survey = case.path("inputs/survey");
    fs::rename(survey.join("2023-09"), survey.join("tmp")).unwrap();
    fs::rename(survey.join("2023-03"), survey.join("2023-09")).unwrap();
    fs::rename(survey.join("tmp"), survey.join("2023-03")).unwrap();
    let p = &progress_report(&case, "2023-Q3")["progress"];
    let income = p["moved"].as_array().unwrap().iter().find(|m| m["id"] == "10.1").expect("10.1 moved");
    assert_eq!(income["crossed"], "down", "{income}");
    let run = case.ntm(&["check"]);
    assert!(
        run.stderr.contains("10.1 Thu nhập bình quân đầu người") && run.stderr.contains("KHÔNG CÒN ĐẠT ngưỡng"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_round_missing_a_village() {
    let case = Case::example();
    fs::remove_file(case.path("inputs/survey/2023-06/thon-4.xlsx")).unwrap();
    let june = check_round(&case, "2023-06");
    assert_eq!(june["villages"][3]["status"], "missing");
    let p = &progress_report(&case, "2023-Q3")["progress"];
    // Thôn 4's households are not "new": Thôn 4 simply sent nothing in June.
    let appeared = p["households"]["appeared"].as_array().unwrap();
    assert!(appeared.iter().all(|h| h["village"] != "Thôn 4"), "{appeared:?}");
    let thon4 = p["villages"].as_array().unwrap().iter().find(|v| v["name"] == "Thôn 4").unwrap();
    assert_eq!(thon4["before"], "0/0", "{thon4}");
}

#[test]
fn build_keeps_each_round_so_later_runs_need_not_read_it() {
    let case = Case::example();
    case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]).assert_code(0);
    let kept = || -> Vec<(String, String)> {
        let db = rusqlite::Connection::open(case.path("output/so-dang-ky.sqlite")).unwrap();
        db.prepare("SELECT round, inputs_digest FROM round_snapshots ORDER BY round")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let first = kept();
    let rounds: Vec<&str> = first.iter().map(|(round, _)| round.as_str()).collect();
    assert_eq!(rounds, ["2023-03", "2023-06", "2023-09"]);
    // A kept round is used as it was: the figures of a check are unchanged.
    let before = check_round(&case, "2023-09");
    case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]).assert_code(0);
    assert_eq!(check_round(&case, "2023-09")["commune"], before["commune"]);
    // And found by its key: the key made from the files (a kept round is
    // looked up before reading) is the one made from the hashes taken
    // while reading (a round read and kept); a round found under another
    // key would have been read and kept again under the new one.
    assert_eq!(kept(), first);
}

#[test]
fn an_unknown_round_is_a_usage_error() {
    let case = Case::example();
    let run = case.ntm(&["check", "--round", "2024-01"]);
    run.assert_code(2);
    assert!(run.stderr.contains("các đợt có: 2023-03, 2023-06, 2023-09"), "{}", run.stderr);
}

#[test]
fn a_kept_round_is_read_again_when_the_communes_villages_change() {
    let case = Case::example();
    let villages_line = "  - { id: thon-1, name: Thôn 1 }";
    let committee_line = "villages: [thon-1, thon-2]";
    // Thôn 1 declared under another id and name: its workbook ("Thôn 1")
    // is then no village's, and the rounds are kept with that error.
    case.edit("inputs/commune.yaml", |t| {
        t.replace(villages_line, "  - { id: bac-son, name: Thôn Bắc Sơn }")
            .replace(committee_line, "villages: [bac-son, thon-2]")
    });
    let run = case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]);
    run.assert_code(1);
    let unknown = "ô tên thôn ghi “Thôn 1”, không phải tên thôn nào của xã";
    assert!(run.stderr.contains(unknown), "{}", run.stderr);
    let db = rusqlite::Connection::open(case.path("output/so-dang-ky.sqlite")).unwrap();
    let kept: i64 = db.query_row("SELECT COUNT(*) FROM round_snapshots", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 3);

    // commune.yaml fixed: the rounds are read with its villages, not taken
    // from the register with the old error and names.
    case.edit("inputs/commune.yaml", |t| {
        t.replace("  - { id: bac-son, name: Thôn Bắc Sơn }", villages_line)
            .replace("villages: [bac-son, thon-2]", committee_line)
    });
    for round in ["2023-09", "2023-06"] {
        let run = case.ntm(&["check", "--round", round, "--format", "json"]);
        run.assert_code(0);
        let checked = json(&run.stdout);
        assert_eq!(checked["villages"][0]["name"], "Thôn 1", "{round}");
        assert_eq!(checked["villages"][0]["status"], "ok", "{round}");
        let errors: Vec<&Value> =
            checked["diagnostics"].as_array().unwrap().iter().filter(|d| d["severity"] == "error").collect();
        assert!(errors.is_empty(), "{round}: {errors:?}");
    }
}
