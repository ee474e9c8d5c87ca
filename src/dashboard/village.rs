//! A village's page: its scorecard and gaps (the documents' village view),
//! how it moved since the round before, its households that appeared,
//! vanished or moved, its latest weekly report, and every problem found in
//! its workbook at the file, sheet and cell, so the office can phone the
//! village about exactly what to fix.

use std::path::Path;

use serde::Serialize;

use super::Inputs;
use super::chart::{self, Mark};
use super::view::VillageSummary;
use crate::diag::{FlatDiagnostic, Severity};
use crate::evaluate::Evaluation;
use crate::evaluate::compare::{HouseholdMove, HouseholdRef, crossing};
use crate::load::survey::SurveyStatus;
use crate::render::data::{IndicatorRow, MovedView, ProgressView, VillageView};
use crate::vi::number::{signed_vi, with_unit};
use crate::weekly::ItemView;

#[derive(Debug, Serialize)]
pub struct VillagePage {
    pub summary: VillageSummary,
    /// The scorecard, when the commune is evaluated.
    pub rows: Vec<ScoreRow>,
    pub previous_round: String,
    pub movement: Vec<MovedView>,
    pub appeared: Vec<HouseholdRef>,
    pub disappeared: Vec<HouseholdRef>,
    pub moved: Vec<HouseholdMove>,
    pub weekly: Option<WeeklyPart>,
    pub diagnostics: Vec<ProblemRow>,
    /// Steering committee members in charge of the village.
    pub members: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ScoreRow {
    /// The indicator's place on the criteria page.
    pub anchor: String,
    pub row: IndicatorRow,
    pub mark: Mark,
}

#[derive(Debug, Serialize)]
pub struct WeeklyPart {
    pub week: String,
    pub member: String,
    pub status_text: &'static str,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
pub struct ProblemRow {
    /// `Lỗi`, `Cảnh báo`, `Ghi chú` (the flattened diagnostic has its own
    /// `severity`, in English, for programs).
    pub level: &'static str,
    pub class: &'static str,
    #[serde(flatten)]
    pub at: FlatDiagnostic,
}

/// The pages of every village of the commune, in its order; `pages` are
/// their file names.
pub fn pages(inputs: &Inputs, pages: &[String], progress: Option<&ProgressView>) -> Vec<VillagePage> {
    let commune = &inputs.workspace.commune;
    commune
        .villages
        .iter()
        .enumerate()
        .map(|(n, v)| {
            let view = inputs.view.and_then(|e| e.villages.iter().find(|x| x.id == v.id));
            let source = inputs
                .evaluation
                .and_then(|e| e.villages.iter().find(|x| x.id == v.id))
                .and_then(|x| x.source.clone())
                .unwrap_or_default();
            let diagnostics = problems(inputs, &source);
            let members = commune
                .steering_committee
                .members
                .iter()
                .filter(|m| m.villages.contains(&v.id))
                .filter_map(|m| commune.officials.get(&m.official))
                .map(|o| format!("{} ({})", o.name, o.position))
                .collect();
            let summary = summary(&v.id, &v.name, view, pages[n].clone(), &diagnostics, source);
            let households = progress.map(|p| &p.households);
            let here = |r: &&HouseholdRef| r.village == v.name;
            VillagePage {
                rows: view
                    .map(|x| {
                        x.indicators
                            .iter()
                            .map(|r| ScoreRow {
                                anchor: super::view::indicator_anchor(&r.id),
                                row: r.clone(),
                                mark: chart::mark(r.met),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                previous_round: progress.map(|p| p.previous_round.clone()).unwrap_or_default(),
                movement: movement(inputs, &v.id),
                appeared: households.map(|h| h.appeared.iter().filter(here).cloned().collect()).unwrap_or_default(),
                disappeared: households
                    .map(|h| h.disappeared.iter().filter(here).cloned().collect())
                    .unwrap_or_default(),
                moved: households
                    .map(|h| h.moved.iter().filter(|m| m.from == v.name || m.to == v.name).cloned().collect())
                    .unwrap_or_default(),
                weekly: weekly(inputs, &v.name),
                diagnostics,
                members,
                summary,
            }
        })
        .collect()
}

fn summary(
    id: &str,
    name: &str,
    view: Option<&VillageView>,
    page: String,
    diagnostics: &[ProblemRow],
    source: String,
) -> VillageSummary {
    let (state, state_text) = match view.map(|v| v.status) {
        Some(SurveyStatus::Ok) => ("ok", "Đã nộp phiếu, đã tính"),
        Some(SurveyStatus::Error) => ("loi", "Phiếu khảo sát có lỗi, chưa tính"),
        Some(SurveyStatus::Missing) => ("thieu", "Chưa nộp phiếu khảo sát"),
        None => ("chua-danh-gia", "Chưa đánh giá (chưa chọn bộ tiêu chí)"),
    };
    VillageSummary {
        id: id.to_string(),
        name: name.to_string(),
        page,
        state,
        state_text,
        met_count: view.map_or(0, |v| v.met_count),
        total: view.map_or(0, |v| v.total),
        errors: diagnostics.iter().filter(|d| d.class == "loi").count(),
        source,
    }
}

/// The problems found in the village's workbook, in the run's order
/// (by sheet, then row and column).
fn problems(inputs: &Inputs, source: &str) -> Vec<ProblemRow> {
    if source.is_empty() {
        return Vec::new();
    }
    inputs
        .diagnostics
        .iter()
        .filter(|d| d.location.path() == Some(Path::new(source)))
        .map(|d| {
            let (level, class) = match d.severity {
                Severity::Error => ("Lỗi", "loi"),
                Severity::Warning => ("Cảnh báo", "canh-bao"),
                Severity::Note => ("Ghi chú", "ghi-chu"),
            };
            ProblemRow { level, class, at: FlatDiagnostic::from(*d) }
        })
        .collect()
}

/// The village's computed indicators in the round before and now.
fn movement(inputs: &Inputs, village: &str) -> Vec<MovedView> {
    let Some(history) = inputs.history else { return Vec::new() };
    let n = history.rounds.len();
    if n < 2 {
        return Vec::new();
    }
    let (before, now) = (&history.rounds[n - 2].evaluation, &history.rounds[n - 1].evaluation);
    let value = |e: &Evaluation, id: &str| {
        let i = e.indicators.iter().find(|i| i.id == id)?;
        let v = i.villages.iter().find(|v| v.id == village)?;
        Some((v.value, v.met, i.unit.clone()))
    };
    now.indicators
        .iter()
        .filter(|i| i.computed)
        .filter_map(|i| {
            let (now_value, now_met, unit) = value(now, &i.id)?;
            let (before_value, before_met) = value(before, &i.id).map(|(v, m, _)| (v, m)).unwrap_or((None, None));
            let unit = unit.as_deref().filter(|u| *u == "%");
            let show = |v: Option<f64>| v.map(|v| with_unit(v, unit)).unwrap_or_else(|| "—".into());
            let change = match (before_value, now_value) {
                (Some(b), Some(n)) => signed_vi(n - b),
                _ => String::new(),
            };
            Some(MovedView {
                id: i.id.clone(),
                text: i.text.clone(),
                before: show(before_value),
                now: show(now_value),
                change,
                crossed: crossing(before_met, now_met),
            })
        })
        .collect()
}

/// The village's part of the latest weekly report.
fn weekly(inputs: &Inputs, name: &str) -> Option<WeeklyPart> {
    let (_, view) = inputs.weekly.last()?;
    let v = view.villages.iter().find(|v| v.name == name)?;
    Some(WeeklyPart {
        week: view.week.clone(),
        member: v.member.clone(),
        status_text: v.status_text,
        items: v.items.clone(),
    })
}
