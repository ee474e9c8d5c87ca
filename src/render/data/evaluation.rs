//! The evaluation as tables show it: criteria and indicators with their
//! thresholds and verdicts, each village's results, the gaps.

use serde::Serialize;

use super::table_unit;
use crate::evaluate::{Evaluation, IndicatorResult, VillageResult};
use crate::load::survey::SurveyStatus;
use crate::render::format::{status_text, threshold_text};
use crate::vi::number::{decimal_vi, number_vi, with_unit};

#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    pub set_name: String,
    pub decision: String,
    pub region: String,
    pub year: i32,
    pub criteria_met: usize,
    pub criteria_total: usize,
    /// Criteria without a verdict (no threshold or no data).
    pub criteria_undecided: usize,
    pub groups: Vec<GroupView>,
    pub criteria: Vec<CriterionView>,
    pub villages: Vec<VillageView>,
    /// Indicators not met, with the villages where they fall short.
    pub gaps: Vec<GapView>,
    pub households: String,
    pub members: String,
    pub income_per_capita: String,
    pub villages_surveyed: usize,
    pub villages_total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupView {
    pub name: String,
    pub criteria_met: usize,
    pub criteria_total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionView {
    pub number: String,
    pub name: String,
    pub status: &'static str,
    pub met: Option<bool>,
    pub indicators: Vec<IndicatorRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub text: String,
    pub threshold: String,
    pub threshold_unconfirmed: bool,
    pub result: String,
    pub status: &'static str,
    pub met: Option<bool>,
    pub gap: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageView {
    pub id: String,
    pub name: String,
    pub status: SurveyStatus,
    pub status_text: &'static str,
    /// Computed indicators met, out of those with a verdict.
    pub met_count: usize,
    pub total: usize,
    pub indicators: Vec<IndicatorRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GapView {
    pub id: String,
    pub text: String,
    /// What the commune as a whole lacks ("" when only villages fall short).
    pub commune: String,
    pub villages: Vec<VillageGap>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageGap {
    pub name: String,
    pub gap: String,
}

fn row(i: &IndicatorResult, value: Option<f64>, met: Option<bool>, gap: Option<&crate::evaluate::Gap>) -> IndicatorRow {
    let unit = table_unit(i.unit.as_deref());
    let result = match (value, i.computed, met) {
        (Some(v), _, _) => with_unit(v, unit),
        (None, false, Some(m)) => status_text(Some(m)).to_string(),
        _ => "—".to_string(),
    };
    IndicatorRow {
        id: i.id.clone(),
        text: i.text.clone(),
        threshold: threshold_text(i.comparison, i.threshold, unit),
        threshold_unconfirmed: i.threshold.is_some() && !i.threshold_confirmed,
        result,
        status: status_text(met),
        met,
        gap: gap.map(|g| g.text.clone()).unwrap_or_default(),
    }
}

impl EvaluationView {
    pub fn new(e: &Evaluation) -> EvaluationView {
        let criteria = e
            .criteria
            .iter()
            .map(|c| CriterionView {
                number: c.id.clone(),
                name: c.name.clone(),
                status: status_text(c.met),
                met: c.met,
                indicators: e
                    .indicators
                    .iter()
                    .filter(|i| i.criterion == c.id)
                    .map(|i| row(i, i.value, i.met, i.gap.as_ref()))
                    .collect(),
            })
            .collect();
        let villages = e.villages.iter().enumerate().map(|(n, v)| village(e, n, v)).collect();
        let gaps = e
            .indicators
            .iter()
            .filter(|i| i.met == Some(false) || i.villages.iter().any(|v| v.met == Some(false)))
            .map(|i| GapView {
                id: i.id.clone(),
                text: i.text.clone(),
                commune: i.gap.as_ref().map(|g| g.text.clone()).unwrap_or_default(),
                villages: i
                    .villages
                    .iter()
                    .filter(|v| v.met == Some(false))
                    .map(|v| VillageGap {
                        name: v.name.clone(),
                        gap: v.gap.as_ref().map(|g| g.text.clone()).unwrap_or_default(),
                    })
                    .collect(),
            })
            .collect();
        EvaluationView {
            set_name: e.set.name.clone(),
            decision: e.set.decision.clone(),
            region: e.set.region.clone(),
            year: e.set.year,
            criteria_met: e.criteria_met,
            criteria_total: e.criteria_total,
            criteria_undecided: e.criteria.iter().filter(|c| c.met.is_none()).count(),
            groups: e
                .groups
                .iter()
                .map(|g| GroupView {
                    name: g.name.clone(),
                    criteria_met: g.criteria_met,
                    criteria_total: g.criteria_total,
                })
                .collect(),
            criteria,
            villages,
            gaps,
            households: number_vi(e.commune.households as f64, 0),
            members: number_vi(e.commune.members as f64, 0),
            income_per_capita: e.commune.income_per_capita.map(|v| decimal_vi(v, 2)).unwrap_or_else(|| "—".into()),
            villages_surveyed: e.villages.iter().filter(|v| v.status == SurveyStatus::Ok).count(),
            villages_total: e.villages.len(),
        }
    }
}

fn village(e: &Evaluation, n: usize, v: &VillageResult) -> VillageView {
    let indicators: Vec<IndicatorRow> = e
        .indicators
        .iter()
        .filter(|i| i.computed)
        .map(|i| {
            let vv = &i.villages[n];
            row(i, vv.value, vv.met, vv.gap.as_ref())
        })
        .collect();
    VillageView {
        id: v.id.clone(),
        name: v.name.clone(),
        status: v.status,
        status_text: match v.status {
            SurveyStatus::Ok => "",
            SurveyStatus::Error => "Phiếu khảo sát có lỗi, chưa tính",
            SurveyStatus::Missing => "Chưa nộp phiếu khảo sát",
        },
        met_count: indicators.iter().filter(|r| r.met == Some(true)).count(),
        total: indicators.iter().filter(|r| r.met.is_some()).count(),
        indicators,
    }
}
