//! Criterion benches of the survey intake through the library: reading,
//! checking and evaluating village workbooks laid out like the example's
//! (`ntm::load::survey::read_round` + `ntm::evaluate::evaluate`), on the
//! workload of `examples/bench_workload.rs`.
//!
//! ```sh
//! cargo bench --bench intake                       # generates its workload in a temporary folder
//! NTM_BENCH_WORKSPACE=/tmp/ws cargo bench --bench intake   # or reads one `bench_workload` wrote
//! ```
//!
//! - `intake/one-workbook-2500`: one village's workbook, 2,500 households.
//! - `intake/twenty-workbooks-50000`: the 20 workbooks, 50,000 households,
//!   read in parallel on the machine's cores as `ntm check` reads them.
//! - `intake/evaluate-50000`: evaluation alone, on the 50,000 households
//!   already read.
//!
//! `make bench` (bench/run.sh) runs these and reports their medians beside
//! the command-line figures.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ntm::diag::Diagnostics;
use ntm::load::survey::{self, Form};
use ntm::model::criteria::CriteriaSet;
use ntm::{evaluate, load, validate};

#[allow(dead_code)]
#[path = "../examples/bench_workload.rs"]
mod workload;

/// The workload's folder: the one named by `NTM_BENCH_WORKSPACE`, or a new
/// one in a temporary folder (kept alive by the returned guard).
fn workspace() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(dir) = std::env::var_os("NTM_BENCH_WORKSPACE").filter(|d| !d.is_empty()) {
        return (PathBuf::from(dir), None);
    }
    let temp = tempfile::tempdir().expect("temporary folder");
    let root = temp.path().join("workspace");
    workload::write_workspace(&root, &workload::Params::default()).expect("benchmark workload");
    (root, Some(temp))
}

/// What the intake needs besides the workbooks: the form, the commune's
/// villages and the criteria set, read as `ntm check` reads them.
struct Setup {
    form: Form,
    villages: Vec<(String, String)>,
    set: CriteriaSet,
}

fn setup(root: &Path) -> Setup {
    let mut diagnostics = Diagnostics::new();
    let raw = load::load(root, None, &mut diagnostics).expect("the workload loads");
    let workspace = validate::validate(raw, &mut diagnostics).expect("the workload validates");
    let form = survey::load_form(&root.join(load::FORM_FILE)).expect("the form file reads");
    let villages = workspace.commune.villages.iter().map(|v| (v.id.clone(), v.name.clone())).collect();
    let set = workspace.criteria.expect("the workload has a criteria set");
    Setup { form, villages, set }
}

fn intake(c: &mut Criterion) {
    let (root, _guard) = workspace();
    let setup = setup(&root);
    // The workload's one survey round, as `ntm check` picks it.
    let survey_dir = root.join(load::SURVEY_DIR).join("2023");

    // One workbook alone in a folder of its own, for a commune of one village.
    let single = tempfile::tempdir().expect("temporary folder");
    fs::copy(survey_dir.join("thon-1.xlsx"), single.path().join("thon-1.xlsx")).expect("copy the workbook");
    let one_village = vec![setup.villages[0].clone()];

    let round = survey::read_round(&survey_dir, &setup.form, &setup.villages);
    let households: usize = round.villages.iter().map(|v| v.households.len()).sum();
    assert!(
        round.villages.iter().all(|v| v.status == survey::SurveyStatus::Ok),
        "every workbook of the workload reads without error: {:?}",
        round.diagnostics.iter().take(3).collect::<Vec<_>>()
    );
    eprintln!("intake bench: {} workbooks, {households} households", round.villages.len());

    let mut group = c.benchmark_group("intake");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    group.bench_function("one-workbook-2500", |b| {
        b.iter(|| {
            let round = survey::read_round(single.path(), &setup.form, &one_village);
            black_box(evaluate::evaluate(&setup.set, &round))
        })
    });
    group.bench_function("twenty-workbooks-50000", |b| {
        b.iter(|| {
            let round = survey::read_round(&survey_dir, &setup.form, &setup.villages);
            black_box(evaluate::evaluate(&setup.set, &round))
        })
    });
    group.bench_function("evaluate-50000", |b| b.iter(|| black_box(evaluate::evaluate(&setup.set, &round))));
    group.finish();
}

criterion_group!(benches, intake);
criterion_main!(benches);
