//! The year's plan as tables show it: tasks with budgets by source and
//! their totals, the steering committee's assignments, the review calendar.

use serde::Serialize;

use crate::model::Workspace;
use crate::model::plan::{Budget, Plan, ReviewKind};
use crate::render::format::money_vi;

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
