//! `data.json`: what a document's tables and charts are drawn from — the
//! evaluation, the plan, one village's results — as display-ready strings.
//!
//! The same view models are the `evaluation`, `plan` and `village` variables
//! of body templates, so a sentence and a table never disagree: every figure
//! comes from one evaluation and is formatted once, here.

use serde::Serialize;

use super::format::{money_vi, status_text, threshold_text};
use crate::evaluate::{Evaluation, IndicatorResult, VillageResult};
use crate::load::survey::SurveyStatus;
use crate::model::Workspace;
use crate::model::plan::{Budget, Plan, ReviewKind};
use crate::vi::number::{decimal_vi, number_vi, with_unit};

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
    /// For a progress report: its period against the round before.
    pub progress: Option<ProgressView>,
    /// The villages' weekly reports of the latest week (in the period).
    pub weekly: Option<crate::weekly::WeeklyView>,
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
    pub fn new(
        workspace: &Workspace,
        evaluation: Option<&EvaluationView>,
        village: Option<&str>,
        progress: Option<ProgressView>,
    ) -> DocumentData {
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
            progress,
            weekly: None,
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

fn budget(b: &Budget) -> BudgetView {
    BudgetView {
        state: money_vi(b.state()),
        people: money_vi(b.people),
        other: money_vi(b.other),
        total: money_vi(b.total()),
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
                    deadline: t.deadline.short(),
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

/// `progress` of data.json: a period's round against the round before,
/// overdue tasks, and the headline indicators across every round.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressView {
    pub period: String,
    pub round: String,
    pub previous_round: String,
    pub criteria_met: usize,
    pub criteria_met_before: usize,
    pub criteria_total: usize,
    pub moved: Vec<MovedView>,
    pub villages: Vec<VillageProgress>,
    pub overdue: Vec<OverdueView>,
    pub households: HouseholdsView,
    pub series: Vec<SeriesView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MovedView {
    pub id: String,
    pub text: String,
    pub before: String,
    pub now: String,
    pub change: String,
    pub crossed: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageProgress {
    pub name: String,
    pub before: String,
    pub now: String,
    pub change: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverdueView {
    pub content: String,
    pub member: String,
    pub deadline: String,
    pub status: &'static str,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct HouseholdsView {
    pub appeared: Vec<crate::evaluate::compare::HouseholdRef>,
    pub disappeared: Vec<crate::evaluate::compare::HouseholdRef>,
    pub moved: Vec<crate::evaluate::compare::HouseholdMove>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    pub id: String,
    pub text: String,
    pub unit: Option<String>,
    pub threshold: Option<f64>,
    /// The unconfirmed mark when the threshold is not confirmed, else "".
    pub threshold_mark: &'static str,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    pub label: String,
    pub value: Option<f64>,
}

/// `Quý II năm 2023`, `Tháng 6 năm 2023`, `Năm 2023`.
pub fn period_words(period: &str) -> String {
    let label = crate::load::rounds::label(period);
    let text = match label.split_once('/') {
        Some((head, year)) => format!("{head} năm {year}"),
        None => label,
    };
    // Capitalise the first letter only: "III" stays as it is.
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn signed(value: f64) -> String {
    if value > 0.0 { format!("+{}", number_vi(value, 2)) } else { number_vi(value, 2) }
}

impl ProgressView {
    /// The view of round `at` of `history`, for `period`, with the plan's
    /// tasks overdue at the period's end.
    pub fn new(
        history: &crate::evaluate::history::History,
        at: usize,
        period: &str,
        plan: Option<&Plan>,
    ) -> ProgressView {
        let now = &history.rounds[at];
        let comparison = history.comparison(at);
        let end = crate::load::rounds::period_end(period);
        let short =
            |id: &str| crate::load::rounds::label(id).replace("tháng ", "").replace("năm ", "").replace("quý ", "");
        let moved = comparison
            .as_ref()
            .map(|c| {
                c.moved
                    .iter()
                    .map(|m| {
                        let unit = table_unit(m.unit.as_deref());
                        let show = |v: Option<f64>| v.map(|v| with_unit(v, unit)).unwrap_or_else(|| "—".into());
                        MovedView {
                            id: m.id.clone(),
                            text: m.text.clone(),
                            before: show(m.before),
                            now: show(m.now),
                            change: match (m.before, m.now) {
                                (Some(b), Some(n)) => signed(n - b),
                                _ => String::new(),
                            },
                            crossed: m.crossed(),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let villages = comparison
            .as_ref()
            .map(|c| {
                c.villages
                    .iter()
                    .map(|v| VillageProgress {
                        name: v.name.clone(),
                        before: format!("{}/{}", v.before.0, v.before.1),
                        now: format!("{}/{}", v.now.0, v.now.1),
                        change: {
                            let d = v.now.0 as i64 - v.before.0 as i64;
                            if d > 0 { format!("+{d}") } else { d.to_string() }
                        },
                    })
                    .collect()
            })
            .unwrap_or_default();
        let overdue = match (plan, end) {
            (Some(p), Some(end)) => p
                .tasks
                .iter()
                .filter(|t| t.overdue_on(end))
                .map(|t| OverdueView {
                    content: t.content.clone(),
                    member: t.member.clone(),
                    deadline: t.deadline.short(),
                    status: crate::model::plan::status_words(t.status),
                })
                .collect(),
            _ => Vec::new(),
        };
        let series = now
            .evaluation
            .indicators
            .iter()
            .filter(|i| i.computed)
            .map(|i| SeriesView {
                id: i.id.clone(),
                text: i.text.clone(),
                unit: i.unit.clone(),
                threshold: match i.threshold {
                    Some(crate::model::criteria::ThresholdValue::Number(t)) => Some(t),
                    _ => None,
                },
                threshold_mark: if i.threshold.is_some() && !i.threshold_confirmed { UNCONFIRMED_MARK } else { "" },
                points: history.rounds[..=at]
                    .iter()
                    .map(|r| PointView {
                        label: short(&r.round.id),
                        value: r.evaluation.indicators.iter().find(|x| x.id == i.id).and_then(|x| x.value),
                    })
                    .collect(),
            })
            .collect();
        ProgressView {
            period: period_words(period),
            round: now.round.label(),
            previous_round: at.checked_sub(1).map(|p| history.rounds[p].round.label()).unwrap_or_default(),
            criteria_met: now.evaluation.criteria_met,
            criteria_met_before: at.checked_sub(1).map_or(0, |p| history.rounds[p].evaluation.criteria_met),
            criteria_total: now.evaluation.criteria_total,
            moved,
            villages,
            overdue,
            households: comparison
                .map(|c| HouseholdsView {
                    appeared: c.households.appeared,
                    disappeared: c.households.disappeared,
                    moved: c.households.moved,
                })
                .unwrap_or_default(),
            series,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_in_words() {
        assert_eq!(period_words("2023-Q3"), "Quý III năm 2023");
        assert_eq!(period_words("2023-06"), "Tháng 6 năm 2023");
        assert_eq!(period_words("2023"), "Năm 2023");
    }
}
