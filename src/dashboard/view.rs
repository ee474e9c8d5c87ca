//! What the dashboard's pages show, built from the documents' own view
//! models (`render::data`): every figure is formatted once, there, so a
//! page and a PDF never disagree. What is added here is only what a page
//! needs beyond a document: the order (overdue tasks first), the verdict
//! marks, the charts' geometry and the links between pages.

use serde::Serialize;

use super::chart::{self, BarChart, BarInput, LineChart, Mark, PointInput};
use super::village::VillagePage;
use super::{Draft, Inputs};
use crate::archive::naming::slug;
use crate::archive::register::{Entry, EntryStatus};
use crate::diag::Severity;
use crate::evaluate::Evaluation;
use crate::load::survey::SurveyStatus;
use crate::model::criteria::ThresholdValue;
use crate::model::{Date, Workspace};
use crate::render::data::{
    BudgetView, CriterionView, DocumentData, EvaluationView, IndicatorRow, PlanView, ProgressView, TaskView,
};
use crate::vi::number::with_unit;
use crate::vi::words::sentence_case;

/// How many documents the overview lists.
const LATEST_DOCUMENTS: usize = 5;

/// Everything the pages draw from; each page's template takes its part.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub commune: String,
    /// `xã Cẩm Lĩnh, huyện Cẩm Xuyên, tỉnh Hà Tĩnh`.
    pub place: String,
    pub round: Option<RoundView>,
    pub evaluation: Option<EvaluationView>,
    pub unconfirmed_mark: &'static str,
    pub unconfirmed_note: String,
    /// Some threshold shown is not checked against the legal text.
    pub has_unconfirmed: bool,
    pub attention: Attention,
    pub groups_chart: Option<BarChart>,
    pub trend: Option<Trend>,
    pub criteria: Vec<CriterionSection>,
    pub villages: Vec<VillageSummary>,
    pub villages_chart: Option<BarChart>,
    pub plan: Option<PlanSection>,
    pub documents: Vec<DocumentRow>,
    pub latest_documents: Vec<DocumentRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoundView {
    /// `tháng 9/2023`.
    pub label: String,
    /// `30/09/2023`, `""` when the round has no date.
    pub date: String,
    pub previous: String,
}

/// What the office should act on, shown first on the overview.
#[derive(Debug, Default, Serialize)]
pub struct Attention {
    pub villages_error: Vec<VillageSummary>,
    pub villages_missing: Vec<VillageSummary>,
    pub overdue: Vec<TaskRow>,
    /// The day tasks are judged overdue on: the round's date.
    pub overdue_on: String,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Serialize)]
pub struct Trend {
    pub chart: LineChart,
    pub rows: Vec<TrendRow>,
}

#[derive(Debug, Serialize)]
pub struct TrendRow {
    pub round: String,
    pub met: usize,
    pub total: usize,
}

#[derive(Debug, Serialize)]
pub struct CriterionSection {
    pub anchor: String,
    pub view: CriterionView,
    pub mark: Mark,
    /// Steering committee members in charge: `Võ Văn Giang (Phó Chủ tịch UBND xã)`.
    pub members: Vec<String>,
    pub indicators: Vec<IndicatorSection>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorSection {
    pub anchor: String,
    pub row: IndicatorRow,
    pub mark: Mark,
    /// Computed indicators: each village against the threshold.
    pub villages: Vec<VillageValue>,
    pub chart: Option<BarChart>,
    /// The commune's value in every round so far.
    pub rounds: Option<RoundSeries>,
}

#[derive(Debug, Serialize)]
pub struct VillageValue {
    pub name: String,
    pub page: String,
    pub result: String,
    pub gap: String,
    pub mark: Mark,
}

#[derive(Debug, Serialize)]
pub struct RoundSeries {
    pub chart: LineChart,
    pub rows: Vec<chart::Point>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageSummary {
    pub id: String,
    pub name: String,
    /// The village's page, relative to the site.
    pub page: String,
    /// `ok`, `loi` (workbook in error), `thieu` (none arrived), `chua-danh-gia`.
    pub state: &'static str,
    pub state_text: &'static str,
    pub met_count: usize,
    pub total: usize,
    /// Errors found in its workbook.
    pub errors: usize,
    pub source: String,
}

#[derive(Debug, Serialize)]
pub struct PlanSection {
    pub year: i32,
    pub objectives: Vec<String>,
    pub budget_unit: &'static str,
    pub tasks: Vec<TaskRow>,
    pub totals: BudgetView,
    pub overdue: usize,
    pub overdue_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    pub task: TaskView,
    pub status: &'static str,
    pub overdue: bool,
    /// `2023-08-31`: what the sortable column sorts on.
    pub deadline_sort: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentRow {
    pub symbol: String,
    /// Has a number (`symbol` is then its number and symbol).
    pub numbered: bool,
    pub date: String,
    pub date_sort: String,
    pub type_name: String,
    pub title: String,
    pub signer: String,
    /// `da-ban-hanh`, `bi-thay-the`, `du-thao`.
    pub state: &'static str,
    pub state_text: &'static str,
    /// Relative link to the PDF; `""` when the file is not in the output folder.
    pub href: String,
    pub file: String,
}

/// The page of a village: `thon-thon-1.html`. Ids fold to ASCII; two that
/// fold alike get a number so neither page hides the other.
pub fn village_pages(workspace: &Workspace) -> Vec<String> {
    page_names(workspace.commune.villages.iter().map(|v| v.id.as_str()))
}

fn page_names<'a>(ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut pages: Vec<String> = Vec::new();
    for id in ids {
        let base = format!("thon-{}", slug(id));
        let mut page = format!("{base}.html");
        let mut n = 2;
        while pages.contains(&page) {
            page = format!("{base}-{n}.html");
            n += 1;
        }
        pages.push(page);
    }
    pages
}

/// An indicator's place on the criteria page: `ct-5-1`.
pub fn indicator_anchor(id: &str) -> String {
    format!("ct-{}", slug(id))
}

impl SiteView {
    pub fn new(inputs: &Inputs, pages: &[String], villages: &[VillagePage]) -> SiteView {
        let workspace = inputs.workspace;
        let commune = &workspace.commune;
        let data = DocumentData::new(workspace, inputs.view, None, None);
        let round = inputs.history.and_then(|h| h.current()).filter(|r| !r.round.id.is_empty()).map(|r| RoundView {
            label: r.round.label(),
            date: r.round.date.map(Date::short).unwrap_or_default(),
            previous: inputs
                .history
                .and_then(|h| h.rounds.len().checked_sub(2).map(|p| h.rounds[p].round.label()))
                .unwrap_or_default(),
        });
        let summaries: Vec<VillageSummary> = villages.iter().map(|v| v.summary.clone()).collect();
        let plan = data.plan.as_ref().zip(workspace.plan.as_ref()).map(|(view, plan)| {
            plan_section(view, plan, inputs.history.and_then(|h| h.current()).and_then(|r| r.round.date))
        });
        let errors = inputs.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = inputs.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
        let attention = Attention {
            villages_error: summaries.iter().filter(|v| v.state == "loi").cloned().collect(),
            villages_missing: summaries.iter().filter(|v| v.state == "thieu").cloned().collect(),
            overdue: plan.as_ref().map(|p| p.tasks.iter().filter(|t| t.overdue).cloned().collect()).unwrap_or_default(),
            overdue_on: plan.as_ref().map(|p| p.overdue_on.clone()).unwrap_or_default(),
            errors,
            warnings,
        };
        let documents = documents(inputs);
        let mut latest: Vec<DocumentRow> = documents.iter().filter(|d| d.state == "da-ban-hanh").cloned().collect();
        // Newest first; the register's order breaks ties.
        latest.reverse();
        latest.sort_by(|a, b| b.date_sort.cmp(&a.date_sort));
        latest.truncate(LATEST_DOCUMENTS);
        let progress = progress(inputs);
        let criteria = match (inputs.evaluation, inputs.view) {
            (Some(e), Some(view)) => criteria(workspace, e, view, progress.as_ref(), pages),
            _ => Vec::new(),
        };
        SiteView {
            commune: commune.name.clone(),
            place: place(workspace),
            round,
            has_unconfirmed: criteria.iter().flat_map(|c| &c.indicators).any(|i| i.row.threshold_unconfirmed),
            evaluation: inputs.view.cloned(),
            unconfirmed_mark: data.unconfirmed_mark,
            unconfirmed_note: data.unconfirmed_note,
            attention,
            groups_chart: inputs.view.map(groups_chart),
            trend: trend(inputs),
            criteria,
            villages_chart: inputs.view.map(|_| villages_chart(&summaries)),
            villages: summaries,
            plan,
            documents,
            latest_documents: latest,
        }
    }
}

fn place(workspace: &Workspace) -> String {
    let c = &workspace.commune;
    match &c.district {
        Some(d) => format!("xã {}, huyện {d}, tỉnh {}", c.name, c.province),
        None => format!("xã {}, tỉnh {}", c.name, c.province),
    }
}

/// The reported round against the one before, as progress reports show it.
pub fn progress(inputs: &Inputs) -> Option<ProgressView> {
    let history = inputs.history?;
    let at = history.rounds.len().checked_sub(1)?;
    let id = &history.rounds[at].round.id;
    (!id.is_empty()).then(|| ProgressView::new(history, at, id, inputs.workspace.plan.as_ref()))
}

fn groups_chart(view: &EvaluationView) -> BarChart {
    let bars = view
        .groups
        .iter()
        .map(|g| BarInput {
            label: g.name.clone(),
            value: Some(g.criteria_met as f64),
            shown: format!("{}/{}", g.criteria_met, g.criteria_total),
            met: Some(g.criteria_met == g.criteria_total),
            track: Some(g.criteria_total as f64),
        })
        .collect();
    chart::bars(bars, None, false)
}

fn villages_chart(villages: &[VillageSummary]) -> BarChart {
    let bars = villages
        .iter()
        .map(|v| BarInput {
            label: v.name.clone(),
            value: (v.state == "ok").then_some(v.met_count as f64),
            shown: if v.state == "ok" {
                format!("{}/{} chỉ tiêu", v.met_count, v.total)
            } else {
                v.state_text.into()
            },
            met: (v.state == "ok").then_some(v.met_count == v.total),
            track: (v.state == "ok").then_some(v.total as f64),
        })
        .collect();
    chart::bars(bars, None, false)
}

/// Criteria met in every round so far.
fn trend(inputs: &Inputs) -> Option<Trend> {
    let history = inputs.history?;
    let rounds: Vec<_> = history.rounds.iter().filter(|r| !r.round.id.is_empty()).collect();
    if rounds.is_empty() {
        return None;
    }
    let total = rounds.last().map_or(0, |r| r.evaluation.criteria_total);
    let points = rounds
        .iter()
        .map(|r| PointInput {
            label: r.round.label(),
            value: Some(r.evaluation.criteria_met as f64),
            shown: format!("{}/{}", r.evaluation.criteria_met, r.evaluation.criteria_total),
        })
        .collect();
    Some(Trend {
        chart: chart::line(points, Some(total as f64), None),
        rows: rounds
            .iter()
            .map(|r| TrendRow {
                round: r.round.label(),
                met: r.evaluation.criteria_met,
                total: r.evaluation.criteria_total,
            })
            .collect(),
    })
}

fn criteria(
    workspace: &Workspace,
    e: &Evaluation,
    view: &EvaluationView,
    progress: Option<&ProgressView>,
    pages: &[String],
) -> Vec<CriterionSection> {
    let commune = &workspace.commune;
    view.criteria
        .iter()
        .map(|c| {
            let members = commune
                .steering_committee
                .members
                .iter()
                .filter(|m| m.criteria.contains(&c.number))
                .filter_map(|m| commune.officials.get(&m.official))
                .map(|o| format!("{} ({})", o.name, o.position))
                .collect();
            let indicators = c
                .indicators
                .iter()
                .map(|row| {
                    let result = e.indicators.iter().find(|i| i.id == row.id);
                    indicator(view, result, row, progress, pages)
                })
                .collect();
            CriterionSection {
                anchor: format!("tc-{}", slug(&c.number)),
                view: c.clone(),
                mark: chart::mark(c.met),
                members,
                indicators,
            }
        })
        .collect()
}

fn indicator(
    view: &EvaluationView,
    result: Option<&crate::evaluate::IndicatorResult>,
    row: &IndicatorRow,
    progress: Option<&ProgressView>,
    pages: &[String],
) -> IndicatorSection {
    let anchor = indicator_anchor(&row.id);
    let computed = result.is_some_and(|r| r.computed);
    let mut villages = Vec::new();
    let mut bars = Vec::new();
    if let Some(r) = result.filter(|_| computed) {
        for (n, v) in view.villages.iter().enumerate() {
            let shown = v.indicators.iter().find(|x| x.id == row.id);
            let value = r.villages.get(n).and_then(|x| x.value);
            let met = r.villages.get(n).and_then(|x| x.met);
            let result = match (shown, v.status) {
                (Some(s), SurveyStatus::Ok) => s.result.clone(),
                _ => v.status_text.to_string(),
            };
            bars.push(BarInput { label: v.name.clone(), value, shown: result.clone(), met, track: None });
            villages.push(VillageValue {
                name: v.name.clone(),
                page: pages.get(n).cloned().unwrap_or_default(),
                result,
                gap: shown.map(|s| s.gap.clone()).unwrap_or_default(),
                mark: chart::mark(met),
            });
        }
    }
    let threshold = result.and_then(|r| match r.threshold {
        Some(ThresholdValue::Number(t)) => Some(t),
        _ => None,
    });
    let mark = if row.threshold_unconfirmed { "*" } else { "" };
    let threshold_label = threshold.map(|t| (t, format!("ngưỡng {}{mark}", row.threshold)));
    let percent = result.and_then(|r| r.unit.as_deref()) == Some("%");
    let chart = computed.then(|| chart::bars(bars, threshold_label.clone(), percent));
    let rounds =
        progress.and_then(|p| p.series.iter().find(|s| s.id == row.id)).filter(|s| s.points.len() > 1).map(|s| {
            let unit = s.unit.as_deref().filter(|u| *u == "%");
            let points: Vec<PointInput> = s
                .points
                .iter()
                .map(|p| PointInput {
                    label: p.label.clone(),
                    value: p.value,
                    shown: p.value.map(|v| with_unit(v, unit)).unwrap_or_else(|| "—".into()),
                })
                .collect();
            let chart = chart::line(points, percent.then_some(100.0), threshold_label);
            RoundSeries { rows: chart.points.clone(), chart }
        });
    IndicatorSection { anchor, row: row.clone(), mark: chart::mark(row.met), villages, chart, rounds }
}

fn plan_section(view: &PlanView, plan: &crate::model::plan::Plan, on: Option<Date>) -> PlanSection {
    let mut tasks: Vec<TaskRow> = view
        .tasks
        .iter()
        .zip(&plan.tasks)
        .map(|(v, t)| TaskRow {
            task: v.clone(),
            status: crate::model::plan::status_words(t.status),
            overdue: on.is_some_and(|day| t.overdue_on(day)),
            deadline_sort: t.deadline.to_string(),
        })
        .collect();
    // Overdue first, each part in the plan's order (a stable sort).
    tasks.sort_by_key(|t| !t.overdue);
    PlanSection {
        year: view.year,
        objectives: view.objectives.clone(),
        budget_unit: view.budget_unit,
        overdue: tasks.iter().filter(|t| t.overdue).count(),
        tasks,
        totals: view.budget_totals.clone(),
        overdue_on: on.map(Date::short).unwrap_or_default(),
    }
}

/// The register's rows in its order, then the drafts on file.
fn documents(inputs: &Inputs) -> Vec<DocumentRow> {
    let officials = &inputs.workspace.commune.officials;
    let signer = |id: &str| officials.get(id).map_or_else(|| id.to_string(), |o| o.name.clone());
    let link = |pdf: &str| {
        if inputs.output.join(pdf).is_file() {
            (format!("../{}", href_path(pdf)), pdf.to_string())
        } else {
            (String::new(), pdf.to_string())
        }
    };
    let row = |e: &Entry| {
        let (href, file) = link(&e.recorded.pdf_path);
        let (state, state_text) = match e.status {
            EntryStatus::Issued => ("da-ban-hanh", "Đã ban hành"),
            EntryStatus::Superseded => ("bi-thay-the", "Đã bị thay thế"),
        };
        DocumentRow {
            symbol: if e.recorded.symbol.is_empty() { "Không số".into() } else { e.recorded.symbol.clone() },
            numbered: !e.recorded.symbol.is_empty(),
            date: Date::parse(&e.recorded.date).map(Date::short).unwrap_or_else(|_| e.recorded.date.clone()),
            date_sort: e.recorded.date.clone(),
            type_name: sentence_case(&e.recorded.type_name),
            title: e.recorded.title.clone(),
            signer: signer(&e.recorded.signer),
            state,
            state_text,
            href,
            file,
        }
    };
    let draft = |d: &Draft| {
        let (href, file) = link(&d.pdf);
        DocumentRow {
            symbol: "Chưa có số".into(),
            numbered: false,
            date: d.date.short(),
            date_sort: d.date.to_string(),
            type_name: sentence_case(&d.type_name),
            title: d.title.split_whitespace().collect::<Vec<_>>().join(" "),
            signer: signer(&d.signer),
            state: "du-thao",
            state_text: "Dự thảo",
            href,
            file,
        }
    };
    inputs.register.iter().map(row).chain(inputs.drafts.iter().map(draft)).collect()
}

/// A path relative to the output folder as a link: `/` kept, every byte
/// outside the unreserved set percent-encoded.
fn href_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn villages_whose_ids_fold_alike_get_pages_of_their_own() {
        let pages = page_names(["thôn-1", "thon-1", "thon 1", "Thôn/2"].into_iter());
        assert_eq!(pages, ["thon-thon-1.html", "thon-thon-1-2.html", "thon-thon-1-3.html", "thon-Thon-2.html"]);
    }

    #[test]
    fn links_to_pdfs_are_encoded() {
        assert_eq!(href_path("2023-01-12_01-NQ-DU.pdf"), "2023-01-12_01-NQ-DU.pdf");
        assert_eq!(href_path("a b/ĐU#1.pdf"), "a%20b/%C4%90U%231.pdf");
    }
}
