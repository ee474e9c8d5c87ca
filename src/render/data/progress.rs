//! A period's progress: its round against the round before, overdue
//! tasks, and the computed indicators across every round.

use serde::Serialize;

use super::chart::{self, AxisView};
use super::{UNCONFIRMED_MARK, table_unit};
use crate::evaluate::history::History;
use crate::load::rounds::{self, Period};
use crate::model::plan::Plan;
use crate::vi::number::{signed_vi, with_unit};

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
    /// The threshold as the chart's legend writes it ("" without one).
    pub threshold_label: String,
    pub axis: AxisView,
    pub points: Vec<PointView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    pub label: String,
    pub value: Option<f64>,
    /// The value as the chart prints it beside its point ("" without one).
    pub value_label: String,
}

/// `Quý II năm 2023`, `Tháng 6 năm 2023`, `Năm 2023`; a period that names
/// none is written as its label, capitalised.
pub fn period_words(period: &str) -> String {
    match Period::parse(period) {
        Some(period) => period.words(),
        None => crate::vi::words::sentence_case_first(&rounds::label(period)),
    }
}

/// A round on a chart's axis: `6/2023`, `III/2023`.
fn short_label(id: &str) -> String {
    Period::parse(id).map_or_else(|| rounds::label(id), Period::short)
}

impl ProgressView {
    /// The view of round `at` of `history`, for `period`, with the plan's
    /// tasks overdue at the period's end.
    pub fn new(history: &History, at: usize, period: &str, plan: Option<&Plan>) -> ProgressView {
        let now = &history.rounds[at];
        let comparison = history.comparison(at);
        let end = rounds::period_end(period);
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
                                (Some(b), Some(n)) => signed_vi(n - b),
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
            .map(|i| {
                let threshold = match i.threshold {
                    Some(crate::model::criteria::ThresholdValue::Number(t)) => Some(t),
                    _ => None,
                };
                let points: Vec<PointView> = history.rounds[..=at]
                    .iter()
                    .map(|r| {
                        let value = r.evaluation.indicators.iter().find(|x| x.id == i.id).and_then(|x| x.value);
                        PointView {
                            label: short_label(&r.round.id),
                            value,
                            value_label: value.map(chart::value_label).unwrap_or_default(),
                        }
                    })
                    .collect();
                let values: Vec<Option<f64>> = points.iter().map(|p| p.value).collect();
                SeriesView {
                    id: i.id.clone(),
                    text: i.text.clone(),
                    unit: i.unit.clone(),
                    threshold,
                    threshold_mark: if i.threshold.is_some() && !i.threshold_confirmed { UNCONFIRMED_MARK } else { "" },
                    threshold_label: threshold.map(chart::value_label).unwrap_or_default(),
                    axis: chart::axis(&values, threshold),
                    points,
                }
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
