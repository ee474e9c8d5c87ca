//! The strict shape of `plan.yaml`: the year's plan — objectives, tasks with
//! the criterion they serve, who leads them and what they cost, and the
//! review calendar (seed resolution §2.1, §2.5, §2.7).

use serde::Deserialize;
use serde_saphyr::Spanned;

pub use crate::model::plan::{ReviewKind, TaskStatus};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub year: Spanned<i32>,
    #[serde(default)]
    pub objectives: Vec<String>,
    pub tasks: Vec<TaskSpec>,
    #[serde(default)]
    pub reviews: Vec<ReviewSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    pub content: Spanned<String>,
    /// Ids of the criteria the task serves.
    #[serde(default)]
    pub criteria: Vec<Spanned<String>>,
    /// The lead unit, as printed: "UBND xã", "Hội Nông dân".
    pub lead: String,
    /// Id of the official in charge.
    pub member: Spanned<String>,
    #[serde(default)]
    pub villages: Vec<Spanned<String>>,
    /// `YYYY-MM-DD`.
    pub deadline: Spanned<String>,
    #[serde(default)]
    pub budget: BudgetSpec,
    /// How far the task has got; `not_started` when absent.
    #[serde(default)]
    pub status: Option<TaskStatus>,
    /// `YYYY-MM-DD` the task was finished (with `status: done`).
    #[serde(default)]
    pub completed: Option<Spanned<String>>,
}

/// Million VND by source: the state budget's levels, the people's
/// contributions, other sources.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSpec {
    #[serde(default)]
    pub central: Option<Spanned<f64>>,
    #[serde(default)]
    pub province: Option<Spanned<f64>>,
    #[serde(default)]
    pub district: Option<Spanned<f64>>,
    #[serde(default)]
    pub commune: Option<Spanned<f64>>,
    #[serde(default)]
    pub people: Option<Spanned<f64>>,
    #[serde(default)]
    pub other: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewSpec {
    pub kind: ReviewKind,
    pub content: String,
    pub who: String,
    pub when: String,
}
