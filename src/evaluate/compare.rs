//! Rounds over time: what is kept of a survey round, and how two rounds
//! differ — per indicator and village, and which households appeared,
//! vanished or changed village (a vanished household is often a typing
//! mistake, so the office wants the list).

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Evaluation, VillageResult, village_results};
use crate::load::survey::{Household, SurveyRound, SurveyStatus};

/// What is kept of a round: the villages' sums and who lived where.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoundSnapshot {
    pub round: String,
    pub villages: Vec<VillageResult>,
    /// Household id → (village id, head of household).
    pub households: Households,
    /// Errors the round's workbooks had when it was read.
    pub errors: usize,
    /// Every problem found when it was read, listed again when the round
    /// is reported from the register without reading it.
    #[serde(default)]
    pub diagnostics: Vec<crate::diag::FlatDiagnostic>,
}

impl RoundSnapshot {
    /// Takes the round: its households move into the snapshot instead of
    /// being copied (and the round's copies freed).
    pub fn of(round_id: &str, mut round: SurveyRound, errors: usize) -> RoundSnapshot {
        let villages = village_results(&round);
        let read = round
            .villages
            .iter_mut()
            .filter(|v| v.status == SurveyStatus::Ok)
            .map(|v| (v.village_id.clone(), std::mem::take(&mut v.households)))
            .collect();
        let diagnostics = round.diagnostics.iter().map(crate::diag::FlatDiagnostic::from).collect();
        RoundSnapshot { round: round_id.to_string(), villages, households: Households::of(read), errors, diagnostics }
    }
}

/// Who lived where in a round: household id → (village id, head of
/// household), as a map made the first time it is asked for. Comparing two
/// rounds and keeping a round in the register need it; a `check` of one
/// round does not, and making it for a commune's 48,000 households was a
/// third of what `check` did on one thread after reading. Serialized as the
/// map.
#[derive(Default)]
pub struct Households {
    /// The villages read without error and their households, until the
    /// map takes them.
    read: Mutex<Vec<(String, Vec<Household>)>>,
    map: OnceLock<BTreeMap<String, (String, String)>>,
}

impl Households {
    fn of(read: Vec<(String, Vec<Household>)>) -> Households {
        Households { read: Mutex::new(read), map: OnceLock::new() }
    }

    pub fn from_map(map: BTreeMap<String, (String, String)>) -> Households {
        Households { read: Mutex::default(), map: OnceLock::from(map) }
    }

    pub fn map(&self) -> &BTreeMap<String, (String, String)> {
        self.map.get_or_init(|| {
            let read = std::mem::take(&mut *self.read.lock().unwrap_or_else(PoisonError::into_inner));
            // Collected, not inserted one by one: the map is built from
            // the sorted list at once. The ids of villages read without
            // error are unique in the commune (a repeated id is an error
            // at both).
            read.into_iter()
                .flat_map(|(village, households)| {
                    households.into_iter().map(move |h| (h.id, (village.clone(), h.head_name)))
                })
                .collect()
        })
    }
}

impl Clone for Households {
    fn clone(&self) -> Households {
        Households::from_map(self.map().clone())
    }
}

impl fmt::Debug for Households {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.map().fmt(f)
    }
}

impl Serialize for Households {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.map().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Households {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Households, D::Error> {
        BTreeMap::deserialize(deserializer).map(Households::from_map)
    }
}

/// How an indicator moved between two rounds.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub id: String,
    pub text: String,
    pub unit: Option<String>,
    pub before: Option<f64>,
    pub now: Option<f64>,
    pub met_before: Option<bool>,
    pub met_now: Option<bool>,
}

impl Moved {
    /// `up` when it now meets its threshold and did not, `down` the reverse.
    pub fn crossed(&self) -> &'static str {
        crossing(self.met_before, self.met_now)
    }
}

/// Whether a threshold was crossed between two verdicts: `up` (now met),
/// `down` (no longer met), or `""`.
pub fn crossing(before: Option<bool>, now: Option<bool>) -> &'static str {
    match (before, now) {
        (Some(false), Some(true)) => "up",
        (Some(true), Some(false)) => "down",
        _ => "",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageMove {
    pub name: String,
    /// Computed indicators met, and with a verdict, in each round.
    pub before: (usize, usize),
    pub now: (usize, usize),
}

#[derive(Debug, Clone, Serialize)]
pub struct HouseholdRef {
    pub id: String,
    pub name: String,
    pub village: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HouseholdMove {
    pub id: String,
    pub name: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct HouseholdChanges {
    pub appeared: Vec<HouseholdRef>,
    pub disappeared: Vec<HouseholdRef>,
    pub moved: Vec<HouseholdMove>,
}

/// The difference between an earlier round and a later one.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub previous_round: String,
    pub round: String,
    pub criteria_met_before: usize,
    pub criteria_met: usize,
    /// Indicators whose value or verdict changed.
    pub moved: Vec<Moved>,
    /// Villages, best improvement first.
    pub villages: Vec<VillageMove>,
    pub households: HouseholdChanges,
}

/// Values closer than this are the same (rounding of shares).
const SAME: f64 = 1e-9;

pub fn compare(before: &Evaluation, now: &Evaluation, old: &RoundSnapshot, new: &RoundSnapshot) -> Comparison {
    let moved = now
        .indicators
        .iter()
        .filter_map(|n| {
            let b = before.indicators.iter().find(|b| b.id == n.id)?;
            let value_changed = match (b.value, n.value) {
                (Some(x), Some(y)) => (x - y).abs() > SAME,
                (x, y) => x.is_some() != y.is_some(),
            };
            (value_changed || b.met != n.met).then(|| Moved {
                id: n.id.clone(),
                text: n.text.clone(),
                unit: n.unit.clone(),
                before: b.value,
                now: n.value,
                met_before: b.met,
                met_now: n.met,
            })
        })
        .collect();

    let met_in = |e: &Evaluation, village: usize| {
        let verdicts: Vec<Option<bool>> =
            e.indicators.iter().filter(|i| i.computed).filter_map(|i| i.villages.get(village).map(|v| v.met)).collect();
        (verdicts.iter().filter(|m| **m == Some(true)).count(), verdicts.iter().filter(|m| m.is_some()).count())
    };
    let mut villages: Vec<VillageMove> = now
        .villages
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let j = before.villages.iter().position(|b| b.id == v.id);
            VillageMove { name: v.name.clone(), before: j.map_or((0, 0), |j| met_in(before, j)), now: met_in(now, i) }
        })
        .collect();
    // Best improvement first; ties keep the commune's order (a stable sort).
    villages.sort_by_key(|v| std::cmp::Reverse(v.now.0 as i64 - v.before.0 as i64));

    // A village whose workbook was missing or in error in one of the rounds
    // says nothing about its households' comings and goings.
    let read_in = |s: &RoundSnapshot| -> Vec<String> {
        s.villages.iter().filter(|v| v.status == SurveyStatus::Ok).map(|v| v.id.clone()).collect()
    };
    let (read_before, read_now) = (read_in(old), read_in(new));
    let name_of = |id: &str| {
        now.villages.iter().chain(&before.villages).find(|v| v.id == id).map(|v| v.name.clone()).unwrap_or_default()
    };
    let mut households = HouseholdChanges::default();
    let (old_households, new_households) = (old.households.map(), new.households.map());
    for (id, (village, name)) in new_households {
        match old_households.get(id) {
            None if !read_before.contains(village) => {}
            None => {
                households.appeared.push(HouseholdRef { id: id.clone(), name: name.clone(), village: name_of(village) })
            }
            Some((was, _)) if was != village => households.moved.push(HouseholdMove {
                id: id.clone(),
                name: name.clone(),
                from: name_of(was),
                to: name_of(village),
            }),
            Some(_) => {}
        }
    }
    for (id, (village, name)) in old_households {
        if !new_households.contains_key(id) && read_now.contains(village) {
            households.disappeared.push(HouseholdRef { id: id.clone(), name: name.clone(), village: name_of(village) });
        }
    }
    Comparison {
        previous_round: old.round.clone(),
        round: new.round.clone(),
        criteria_met_before: before.criteria_met,
        criteria_met: now.criteria_met,
        moved,
        villages,
        households,
    }
}
