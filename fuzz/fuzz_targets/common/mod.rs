//! Shared by the workbook targets: the example form, the commune's villages,
//! one reusable file to read, and the checks every read must pass.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use ntm::load::survey::{Form, SurveyRound, SurveyStatus, parse_form, read_round};

/// The form shipped with the example workspace: the same headers, words and
/// rules a commune uses.
pub static FORM: LazyLock<Form> = LazyLock::new(|| {
    let text = include_str!("../../../inputs/forms/ho-gia-dinh.yaml");
    parse_form(Path::new("ho-gia-dinh.yaml"), text).unwrap_or_else(|_| panic!("example form does not parse"))
});

pub static VILLAGES: LazyLock<Vec<(String, String)>> =
    LazyLock::new(|| (1..=6).map(|n| (format!("thon-{n}"), format!("Thôn {n}"))).collect());

/// A folder kept for the whole run: one file rewritten per input is far
/// cheaper than a folder per input.
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().expect("temp dir"));

/// Writes `bytes` as the round's only workbook and reads the round.
pub fn read_as(name: &str, bytes: &[u8]) -> SurveyRound {
    let dir: PathBuf = DIR.path().join("round");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("round dir");
    std::fs::write(dir.join(name), bytes).expect("write workbook");
    let round = read_round(&dir, &FORM, &VILLAGES);
    check(&round);
    round
}

/// What every round must satisfy, whatever the file held.
pub fn check(round: &SurveyRound) {
    assert_eq!(round.villages.len(), VILLAGES.len(), "one entry per village");
    for v in &round.villages {
        if v.status != SurveyStatus::Ok {
            assert!(v.households.is_empty(), "an excluded workbook counts for nothing");
        }
        for h in &v.households {
            assert!(!h.id.trim().is_empty() && !h.head_name.trim().is_empty(), "{h:?}");
            assert!(h.members >= 1 && h.insured <= h.members && h.trained_workers <= h.workers, "{h:?}");
            assert!(h.income >= ntm::model::money::Money::ZERO, "{h:?}");
        }
    }
    let ok = round.villages.iter().filter(|v| v.status == SurveyStatus::Ok).count();
    let errors = round.diagnostics.iter().filter(|d| d.severity == ntm::diag::Severity::Error).count();
    assert!(ok == 0 || errors == 0, "a workbook with errors was counted: {:?}", round.diagnostics);
    for d in &round.diagnostics {
        assert!(!d.message.is_empty());
    }
    serde_json::to_string(round).expect("the round serialises to JSON");
}
