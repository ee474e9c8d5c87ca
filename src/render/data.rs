//! `data.json`: what a document's tables and charts are drawn from — the
//! evaluation, the plan, one village's results — as display-ready strings.
//!
//! The same view models are the `evaluation`, `plan` and `village` variables
//! of body templates, so a sentence and a table never disagree: every figure
//! comes from one evaluation and is formatted once, here.

use serde::Serialize;

use super::format::{date_short, number_vi, status_text, threshold_text, with_unit};
use crate::evaluate::{Evaluation, IndicatorResult, VillageResult};
use crate::load::survey::SurveyStatus;
use crate::model::Workspace;
use crate::model::plan::{Budget, Plan, ReviewKind};

pub const UNCONFIRMED_MARK: &str = "*";

#[derive(Debug, Clone, Serialize)]
pub struct DocumentData {
    pub commune: CommuneName,
    pub unconfirmed_mark: &'static str,
    pub unconfirmed_note: String,
    pub evaluation: Option<EvaluationView>,
    /// For a per-village document: that village's results.
    pub village: Option<VillageView>,
    pub plan: Option<PlanView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommuneName {
    pub name: String,
}

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

#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub year: i32,
    pub objectives: Vec<String>,
    pub tasks: Vec<TaskView>,
    pub budget_totals: BudgetView,
    pub budget_unit: &'static str,
    pub assignments: Vec<AssignmentView>,
    pub reviews: Vec<ReviewView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    pub number: String,
    pub content: String,
    pub criteria: String,
    pub lead: String,
    pub member: String,
    pub villages: String,
    pub deadline: String,
    pub budget: BudgetView,
}

#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    pub state: String,
    pub people: String,
    pub other: String,
    pub total: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssignmentView {
    pub member: String,
    pub position: String,
    pub role: String,
    pub criteria: String,
    pub villages: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub kind: &'static str,
    pub content: String,
    pub who: String,
    pub when: String,
}

impl DocumentData {
    pub fn new(workspace: &Workspace, evaluation: Option<&EvaluationView>, village: Option<&str>) -> DocumentData {
        DocumentData {
            commune: CommuneName { name: workspace.commune.name.clone() },
            unconfirmed_mark: UNCONFIRMED_MARK,
            unconfirmed_note: format!(
                "Ngưỡng có dấu {UNCONFIRMED_MARK} là giá trị chưa được đối chiếu với văn bản gốc của bộ tiêu chí; \
                 nguồn của từng ngưỡng ghi trong tệp bộ tiêu chí của xã."
            ),
            village: village.and_then(|id| evaluation.and_then(|e| e.villages.iter().find(|v| v.id == id).cloned())),
            evaluation: evaluation.cloned(),
            plan: workspace.plan.as_ref().map(|p| PlanView::new(p, workspace)),
        }
    }
}

/// Shown in tables: "%" and short units stay, long ones are in the text.
fn table_unit(unit: Option<&str>) -> Option<&str> {
    unit.filter(|u| u.chars().count() <= 5)
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
                    .map(|v| VillageGap { name: v.name.clone(), gap: v.gap.as_ref().map(|g| g.text.clone()).unwrap_or_default() })
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
                .map(|g| GroupView { name: g.name.clone(), criteria_met: g.criteria_met, criteria_total: g.criteria_total })
                .collect(),
            criteria,
            villages,
            gaps,
            households: number_vi(e.commune.households as f64, 0),
            members: number_vi(e.commune.members as f64, 0),
            income_per_capita: e.commune.income_per_capita.map(|v| number_vi(v, 2)).unwrap_or_else(|| "—".into()),
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

fn budget(b: &Budget) -> BudgetView {
    BudgetView {
        state: number_vi(b.state(), 2),
        people: number_vi(b.people, 2),
        other: number_vi(b.other, 2),
        total: number_vi(b.total(), 2),
    }
}

impl PlanView {
    pub fn new(p: &Plan, workspace: &Workspace) -> PlanView {
        let commune = &workspace.commune;
        let village_names = |ids: &[String]| {
            ids.iter()
                .filter_map(|id| commune.villages.iter().find(|v| &v.id == id).map(|v| v.name.clone()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        PlanView {
            year: p.year,
            objectives: p.objectives.clone(),
            tasks: p
                .tasks
                .iter()
                .enumerate()
                .map(|(n, t)| TaskView {
                    number: (n + 1).to_string(),
                    content: t.content.clone(),
                    criteria: t.criteria.join(", "),
                    lead: t.lead.clone(),
                    member: t.member.clone(),
                    villages: t.villages.join(", "),
                    deadline: date_short(t.deadline),
                    budget: budget(&t.budget),
                })
                .collect(),
            budget_totals: budget(&p.budget_total()),
            budget_unit: "triệu đồng",
            assignments: commune
                .steering_committee
                .members
                .iter()
                .filter_map(|m| {
                    let o = commune.officials.get(&m.official)?;
                    Some(AssignmentView {
                        member: o.name.clone(),
                        position: o.position.clone(),
                        role: m.role.clone(),
                        criteria: m.criteria.join(", "),
                        villages: village_names(&m.villages),
                    })
                })
                .collect(),
            reviews: p
                .reviews
                .iter()
                .map(|r| ReviewView {
                    kind: match r.kind {
                        ReviewKind::Weekly => "Hằng tuần",
                        ReviewKind::Monthly => "Hằng tháng",
                        ReviewKind::Quarterly => "Hằng quý",
                        ReviewKind::Yearly => "Hằng năm",
                    },
                    content: r.content.clone(),
                    who: r.who.clone(),
                    when: r.when.clone(),
                })
                .collect(),
        }
    }
}
