//! Stage 3a, evaluate: where the commune and each village stand against the
//! criteria set, and what is still missing.
//!
//! Computed indicators are evaluated for the commune (from the sum of the
//! villages whose workbook is usable) and for each such village; assessed
//! indicators come from `assessment.yaml` and exist at commune level only. An
//! indicator with no threshold, or no data, has no verdict (`met: None`), and
//! neither has its criterion: nothing is guessed.

pub mod compare;
pub mod history;
pub mod measure;
pub mod summary;

use rayon::prelude::*;
use serde::Serialize;

use crate::load::survey::{SurveyRound, SurveyStatus};
use crate::model::criteria::{AssessedOutcome, Comparison, CriteriaSet, Indicator, Measure, Threshold, ThresholdValue};
use crate::vi::number::{decimal_to_f64, shown_decimal, with_unit};
pub use measure::Gap;
pub use summary::SurveySummary;

/// The evaluation of one survey round against a criteria set.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub set: SetInfo,
    pub villages: Vec<VillageResult>,
    pub commune: SurveySummary,
    pub groups: Vec<GroupResult>,
    pub criteria: Vec<CriterionResult>,
    pub indicators: Vec<IndicatorResult>,
    pub criteria_met: usize,
    pub criteria_total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct SetInfo {
    pub id: String,
    pub name: String,
    pub decision: String,
    pub region: String,
    pub year: i32,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct VillageResult {
    pub id: String,
    pub name: String,
    pub source: Option<String>,
    pub status: SurveyStatus,
    pub survey: Option<SurveySummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupResult {
    pub id: String,
    pub name: String,
    pub criteria_met: usize,
    pub criteria_total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub name: String,
    pub group: String,
    /// `None` while any of its indicators has no verdict.
    pub met: Option<bool>,
    pub indicators_met: usize,
    pub indicators_total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    pub criterion: String,
    pub text: String,
    pub unit: Option<String>,
    pub comparison: Comparison,
    /// The threshold's number (or verdict), `None` when nobody supplied it.
    pub threshold: Option<ThresholdValue>,
    pub threshold_source: String,
    pub threshold_confirmed: bool,
    pub computed: bool,
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub gap: Option<Gap>,
    /// Per-village values of computed indicators, in the commune's order.
    pub villages: Vec<VillageValue>,
    /// Evidence and the official responsible, for assessed indicators.
    pub evidence: Option<String>,
    pub responsible: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageValue {
    pub id: String,
    pub name: String,
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub gap: Option<Gap>,
}

/// The per-village sums of a round: all the evaluation needs, and what is
/// kept of a round so later runs compare without reading its workbooks.
pub fn village_results(round: &SurveyRound) -> Vec<VillageResult> {
    // On all cores: a commune's 48,000 households, just read on the
    // reading threads, were summed here on one while the others waited.
    round
        .villages
        .par_iter()
        .map(|v| VillageResult {
            id: v.village_id.clone(),
            name: v.village_name.clone(),
            source: v.source.as_deref().map(portable),
            status: v.status,
            survey: (v.status == SurveyStatus::Ok).then(|| SurveySummary::of_households(&v.households)),
        })
        .collect()
}

/// A path as data (JSON, the dashboard, kept rounds): parts joined by `/`
/// whatever the system, so Windows and Linux write the same figures file.
fn portable(path: &std::path::Path) -> String {
    path.to_string_lossy().replace(std::path::MAIN_SEPARATOR, "/")
}

pub fn evaluate(set: &CriteriaSet, round: &SurveyRound) -> Evaluation {
    evaluate_villages(set, village_results(round))
}

/// Evaluates villages' sums against `set`.
pub fn evaluate_villages(set: &CriteriaSet, mut villages: Vec<VillageResult>) -> Evaluation {
    // A round kept in the register holds only the sums.
    for v in &mut villages {
        v.survey = v.survey.take().map(SurveySummary::finish);
    }
    let commune = SurveySummary::total(villages.iter().filter_map(|v| v.survey.as_ref()));
    let surveyed = villages.iter().any(|v| v.survey.is_some());

    let mut indicators = Vec::new();
    let mut criteria = Vec::new();
    for c in &set.criteria {
        let results: Vec<IndicatorResult> =
            c.indicators.iter().map(|i| indicator(i, &c.id, &commune, surveyed, &villages)).collect();
        let met = if results.iter().any(|r| r.met == Some(false)) {
            Some(false)
        } else if results.iter().all(|r| r.met == Some(true)) {
            Some(true)
        } else {
            None
        };
        criteria.push(CriterionResult {
            id: c.id.clone(),
            name: c.name.clone(),
            group: c.group.clone(),
            met,
            indicators_met: results.iter().filter(|r| r.met == Some(true)).count(),
            indicators_total: results.len(),
        });
        indicators.extend(results);
    }
    let groups = set
        .groups
        .iter()
        .map(|g| {
            let of_group: Vec<&CriterionResult> = criteria.iter().filter(|c| c.group == g.id).collect();
            GroupResult {
                id: g.id.clone(),
                name: g.name.clone(),
                criteria_met: of_group.iter().filter(|c| c.met == Some(true)).count(),
                criteria_total: of_group.len(),
            }
        })
        .collect();
    Evaluation {
        set: SetInfo {
            id: set.id.clone(),
            name: set.name.clone(),
            decision: set.decision.clone(),
            region: set.region.clone(),
            year: set.year,
        },
        criteria_met: criteria.iter().filter(|c| c.met == Some(true)).count(),
        criteria_total: criteria.len(),
        villages,
        commune,
        groups,
        criteria,
        indicators,
    }
}

fn indicator(
    i: &Indicator,
    criterion: &str,
    commune: &SurveySummary,
    surveyed: bool,
    villages: &[VillageResult],
) -> IndicatorResult {
    let mut result = IndicatorResult {
        id: i.id.clone(),
        criterion: criterion.to_string(),
        text: i.text.clone(),
        unit: i.unit.clone(),
        comparison: i.comparison,
        threshold: i.threshold.value,
        threshold_source: i.threshold.source.clone(),
        threshold_confirmed: i.threshold.confirmed,
        computed: matches!(i.measure, Measure::Computed(_)),
        value: None,
        met: None,
        gap: None,
        villages: Vec::new(),
        evidence: None,
        responsible: None,
    };
    match &i.measure {
        Measure::Computed(m) => {
            let t = i.threshold.number();
            if surveyed {
                let o = measure::evaluate(m, commune, i.comparison, t);
                (result.value, result.met, result.gap) = (o.value, o.met, o.gap);
            }
            result.villages = villages
                .iter()
                .map(|v| {
                    let o = v.survey.as_ref().map(|s| measure::evaluate(m, s, i.comparison, t));
                    VillageValue {
                        id: v.id.clone(),
                        name: v.name.clone(),
                        value: o.as_ref().and_then(|o| o.value),
                        met: o.as_ref().and_then(|o| o.met),
                        gap: o.and_then(|o| o.gap),
                    }
                })
                .collect();
        }
        Measure::Assessed(Some(a)) => {
            result.evidence = a.evidence.clone();
            result.responsible = a.responsible.clone();
            (result.value, result.met, result.gap) = assessed(a.outcome, i, &i.threshold);
        }
        Measure::Assessed(None) => {}
    }
    result
}

fn assessed(
    outcome: AssessedOutcome,
    i: &Indicator,
    threshold: &Threshold,
) -> (Option<f64>, Option<bool>, Option<Gap>) {
    match (outcome, threshold.value) {
        // The office's verdict stands only against a threshold someone set.
        (AssessedOutcome::Verdict(v), Some(_)) => (None, Some(v), None),
        (AssessedOutcome::Verdict(_), None) => (None, None, None),
        (AssessedOutcome::Value(v), Some(ThresholdValue::Number(t))) => {
            let met = match i.comparison {
                Comparison::AtLeast => v >= t,
                Comparison::AtMost => v <= t,
                Comparison::Met => return (Some(v), None, None),
            };
            let gap = (!met).then(|| {
                // In decimal: `50 - 48.7` is 1.3, not 1.2999999999999972.
                let diff = match (shown_decimal(t), shown_decimal(v)) {
                    (Some(t), Some(v)) => decimal_to_f64((t - v).abs()),
                    _ => (t - v).abs(),
                };
                let word = if i.comparison == Comparison::AtLeast { "còn thiếu" } else { "vượt" };
                let text = format!("{word} {}", with_unit(diff, i.unit.as_deref()));
                Gap { amount: diff, text }
            });
            (Some(v), Some(met), gap)
        }
        (AssessedOutcome::Value(v), _) => (Some(v), None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_round_gets_its_per_capita_income_from_the_sums() {
        // As the register keeps a village: sums from a float era, and a
        // per-capita figure that must not be trusted.
        let kept = r#"{"id": "thon-1", "name": "Thôn 1", "source": null, "status": "ok", "survey": {
            "households": 2, "members": 7, "income_total": 44193.399999999965, "income_per_capita": 999.0,
            "poor": 0, "near_poor": 0, "housing": {"kien_co": 2, "ban_kien_co": 0, "thieu_kien_co": 0, "don_so": 0},
            "clean_water": 2, "sanitary_toilet": 2, "waste_sorting": 2, "cultural_family": 2,
            "insured": 7, "workers": 3, "trained_workers": 1}}"#;
        let village: VillageResult = serde_json::from_str(kept).unwrap();
        let set = CriteriaSet {
            id: String::new(),
            name: String::new(),
            decision: String::new(),
            amended_by: Vec::new(),
            superseded_by: None,
            region: String::new(),
            year: 2023,
            groups: Vec::new(),
            criteria: Vec::new(),
        };
        let e = evaluate_villages(&set, vec![village]);
        let income = crate::model::money::Money::parse("44193.4").unwrap();
        assert_eq!(e.villages[0].survey.as_ref().unwrap().income_total, income);
        assert_eq!(e.villages[0].survey.as_ref().unwrap().income_per_capita, income.per(7));
        assert_eq!(e.commune.income_per_capita, income.per(7));
    }

    #[test]
    fn an_assessed_gap_is_the_decimal_difference() {
        let threshold = Threshold { value: Some(ThresholdValue::Number(50.0)), source: String::new(), confirmed: true };
        let indicator = Indicator {
            id: "10.1".into(),
            text: String::new(),
            unit: Some("triệu đồng/người/năm".into()),
            comparison: Comparison::AtLeast,
            measure: Measure::Assessed(None),
            threshold: threshold.clone(),
            note: None,
        };
        let (value, met, gap) = assessed(AssessedOutcome::Value(48.7), &indicator, &threshold);
        assert_eq!((value, met), (Some(48.7), Some(false)));
        let gap = gap.unwrap();
        // 50.0 - 48.7 is 1.2999999999999972 in binary floating point.
        assert_eq!(gap.amount, 1.3);
        assert_eq!(gap.text, "còn thiếu 1,3 triệu đồng/người/năm");
    }
}
