//! Writes the example workspace's village survey workbooks for three survey
//! rounds, `inputs/survey/2023-03/`, `2023-06/` and `2023-09/`, each with
//! `thon-1.xlsx` … `thon-6.xlsx`, laid out as `shared/spec/survey-form.md`
//! describes the household form.
//!
//! The September round is the commune as the illustrative criteria set was
//! tuned against; the earlier rounds are the same households a step or two
//! back in time: fewer of them sort waste, hold health insurance or a trained
//! worker, incomes a little lower, the newest households not yet there, one
//! household that later left, and one that later moved to another village.
//!
//! Run with `cargo run --example make_example_survey`. The data are invented
//! (illustrative, not a real survey) but deterministic: a small xorshift PRNG
//! with a fixed seed, so every run writes the same figures. The per-village
//! totals are printed to stdout; the illustrative criteria set
//! (`inputs/criteria/ha-tinh-minh-hoa-2023.yaml`) was tuned against them, so
//! changing a village profile (`examples/common/survey_gen.rs`, shared with
//! the benchmark's workload) means re-checking its thresholds.

use std::fs;
use std::path::PathBuf;

#[path = "common/survey_gen.rs"]
mod survey_gen;

use survey_gen::{Batch, Household, Origin, PROFILES, Totals, generate, write_workbook};

/// Fixed seed: change it and every figure of the example changes.
const SEED: u64 = 0x4E54_4D32_3032_3321; // "NTM2023!"

/// Where each of `survey_gen::PROFILES`, in the same order, lives in the
/// example commune (`inputs/commune.yaml`).
struct Village {
    id: &'static str,
    name: &'static str,
    /// Prefix of household ids, unique in the commune (`T1-001`).
    code: &'static str,
    households: usize,
}

const VILLAGES: [Village; 6] = [
    Village { id: "thon-1", name: "Thôn 1", code: "T1", households: 312 },
    Village { id: "thon-2", name: "Thôn 2", code: "T2", households: 268 },
    Village { id: "thon-3", name: "Thôn 3", code: "T3", households: 347 },
    Village { id: "thon-4", name: "Thôn 4", code: "T4", households: 389 },
    Village { id: "thon-5", name: "Thôn 5", code: "T5", households: 291 },
    Village { id: "thon-6", name: "Thôn 6", code: "T6", households: 256 },
];

const ORIGIN: Origin = Origin {
    author: "Ban phát triển thôn (số liệu minh họa)",
    remark: "Số liệu minh họa, do chương trình tạo ra; không phải số liệu điều tra thật.",
};

fn percent(part: impl Into<f64>, whole: impl Into<f64>) -> f64 {
    let whole = whole.into();
    if whole == 0.0 { 0.0 } else { 100.0 * part.into() / whole }
}

fn print_totals(name: &str, t: &Totals) {
    let hh = t.households as f64;
    println!(
        "{name}: households {} | members {} | income_total {:.1} (per capita {:.2}) | poor {} near_poor {} ({:.2}% incl. near-poor, {:.2}% poor only)",
        t.households,
        t.members,
        t.income(),
        t.income() / t.members as f64,
        t.poor,
        t.near_poor,
        percent((t.poor + t.near_poor) as f64, hh),
        percent(t.poor as f64, hh),
    );
    println!(
        "    housing kien_co {} ban_kien_co {} thieu_kien_co {} don_so {} (kien_co+ban_kien_co {:.2}%)",
        t.housing[0],
        t.housing[1],
        t.housing[2],
        t.housing[3],
        percent((t.housing[0] + t.housing[1]) as f64, hh),
    );
    println!(
        "    yes: clean_water {} ({:.2}%) sanitary_toilet {} ({:.2}%) waste_sorting {} ({:.2}%) cultural_family {} ({:.2}%)",
        t.clean_water,
        percent(t.clean_water as f64, hh),
        t.sanitary_toilet,
        percent(t.sanitary_toilet as f64, hh),
        t.waste_sorting,
        percent(t.waste_sorting as f64, hh),
        t.cultural_family,
        percent(t.cultural_family as f64, hh),
    );
    println!(
        "    insured {} ({:.2}% of members) | workers {} | trained_workers {} ({:.2}% of workers)",
        t.insured,
        percent(t.insured as f64, t.members as f64),
        t.workers,
        t.trained_workers,
        percent(t.trained_workers as f64, t.workers as f64),
    );
}

/// The rounds, oldest first, and how many steps each is before September.
const ROUNDS: [(&str, u32); 3] = [("2023-03", 2), ("2023-06", 1), ("2023-09", 0)];

/// A number in 0..100 fixed by the household and the step, so the earlier
/// rounds differ from September the same way on every run.
fn roll(id: &str, what: u64, step: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ what ^ (u64::from(step) << 40);
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h >> 17) % 100
}

/// The household `steps` survey rounds before September.
fn earlier(h: &Household, steps: u32) -> Household {
    let id = h.id.as_str();
    let k = u64::from(steps);
    Household {
        id: h.id.clone(),
        head: h.head.clone(),
        members: h.members,
        income_tenths: h.income_tenths * (100 - 2 * k) / 100,
        poverty: h.poverty,
        housing: h.housing,
        clean_water: h.clean_water && roll(id, 1, steps) >= 2 * k,
        sanitary_toilet: h.sanitary_toilet && roll(id, 2, steps) >= 2 * k,
        waste_sorting: h.waste_sorting && roll(id, 3, steps) >= 7 * k,
        insured: if roll(id, 4, steps) < 12 * k { h.insured.saturating_sub(1) } else { h.insured },
        workers: h.workers,
        trained_workers: if roll(id, 5, steps) < 8 * k {
            h.trained_workers.saturating_sub(1)
        } else {
            h.trained_workers
        },
        cultural_family: h.cultural_family && roll(id, 6, steps) >= 3 * k,
        note: h.note,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let survey: PathBuf = [env!("CARGO_MANIFEST_DIR"), "inputs", "survey"].iter().collect();
    let september: Vec<Vec<Household>> = VILLAGES
        .iter()
        .zip(&PROFILES)
        .enumerate()
        .map(|(index, (village, profile))| {
            let batch = Batch { seed: SEED, index, code: village.code, count: village.households, id_digits: 3 };
            generate(profile, &batch)
        })
        .collect();
    for (round, steps) in ROUNDS {
        let dir = survey.join(round);
        fs::create_dir_all(&dir)?;
        let mut villages: Vec<Vec<Household>> = september
            .iter()
            .map(|households| {
                // The newest households (one per round) were not there yet.
                let keep = households.len() - steps as usize;
                households[..keep].iter().map(|h| earlier(h, steps)).collect()
            })
            .collect();
        if steps > 0 {
            // T1-005 lived in Thôn 3 before it moved to Thôn 1 in September.
            if let Some(at) = villages[0].iter().position(|h| h.id == "T1-005") {
                let moved = villages[0].remove(at);
                villages[2].push(moved);
            }
            // T2-900 left the commune after the June round.
            let mut left = earlier(&september[1][0], steps);
            left.id = "T2-900".to_string();
            left.head = "Phạm Văn Lộc".to_string();
            villages[1].push(left);
        }
        println!("== round {round}");
        let mut commune = Totals::default();
        for (village, households) in VILLAGES.iter().zip(&villages) {
            let totals = Totals::of(households);
            let path = dir.join(format!("{}.xlsx", village.id));
            write_workbook(&path, village.name, households, &totals, &ORIGIN)?;
            println!("wrote {}", path.display());
            print_totals(village.name, &totals);
            commune.merge(&totals);
        }
        print_totals("Commune (all villages)", &commune);
    }
    Ok(())
}
