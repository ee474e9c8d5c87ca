//! `data.json`: what a document's tables and charts are drawn from — the
//! evaluation, the plan, one village's results, a period's progress — as
//! display-ready strings, one file per family of views.
//!
//! The same view models are the `evaluation`, `plan` and `village` variables
//! of body templates, so a sentence and a table never disagree: every figure
//! comes from one evaluation and is formatted once, here.

mod chart;
mod evaluation;
mod plan;
mod progress;

use serde::Serialize;

pub use chart::{AxisView, TickView};
pub use evaluation::{CriterionView, EvaluationView, GapView, GroupView, IndicatorRow, VillageGap, VillageView};
pub use plan::{AssignmentView, BudgetView, PlanView, ReviewView, TaskView};
pub use progress::{
    HouseholdsView, MovedView, OverdueView, PointView, ProgressView, SeriesView, VillageProgress, period_words,
};

use crate::model::Workspace;

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
    /// The line under each phụ lục's title citing this document (NĐ 30
    /// Phụ lục III.1.c): `(Kèm theo Báo cáo số 15/BC-UBND ngày … của …)`.
    pub annex_reference: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommuneName {
    pub name: String,
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
            annex_reference: String::new(),
        }
    }
}

/// Shown in tables: "%" and short units stay, long ones are in the text.
fn table_unit(unit: Option<&str>) -> Option<&str> {
    unit.filter(|u| u.chars().count() <= 5)
}
