//! Weekly village reports (Nghị quyết, mục 2.5): every week the member of
//! the steering committee in charge of a village reports the work done
//! there and the difficulties the village cannot solve on its own.
//!
//! `ntm forms --weekly` writes one report form per village
//! (`forms/tuan/<village id>.xlsx`) with the village, its member and the
//! week pre-filled; `read_week` reads the filled forms of a week back, one
//! entry per village, every problem located at its file, sheet and cell;
//! `WeeklyView` is what a summary document draws (`ntm:weekly-summary`).
//!
//! Like `ntm forms`, the writer needs only the commune (villages, members)
//! and its criteria set (the drop-down): problems elsewhere in the
//! workspace do not hold the forms back.

mod form;
mod layout;
mod model;
mod read;
mod text;
mod view;
mod week;

use std::path::{Path, PathBuf};

use rust_xlsxwriter::ExcelDateTime;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::Fatal;
use crate::forms;
use crate::load;
use crate::model::{Commune, Workspace};

pub use form::ITEM_ROWS;
pub use layout::{LIST_SHEET, SHEET, TITLE};
pub use model::{WeeklyItem, WeeklyRound, WeeklyStatus, WeeklyVillage};
pub use read::read_week;
pub use view::{ItemView, ProblemView, WeeklyView, WeeklyVillageView};
pub use week::{IsoWeek, week_title};

/// Folder under the forms folder that receives the weekly forms.
pub const WEEKLY_DIR: &str = "tuan";

/// What `ntm forms --weekly` was asked to do.
#[derive(Debug, Clone)]
pub struct WeeklyFormsConfig {
    pub workspace: PathBuf,
    pub output: PathBuf,
    /// The ISO week to pre-fill (`2023-W24`), as typed.
    pub week: Option<String>,
}

/// One form written.
#[derive(Debug, Clone)]
pub struct WeeklyWritten {
    pub village: String,
    pub member: String,
    pub path: PathBuf,
}

#[derive(Debug)]
pub struct WeeklyFormsOutcome {
    pub week: Option<IsoWeek>,
    pub written: Vec<WeeklyWritten>,
    pub diagnostics: Diagnostics,
}

impl WeeklyFormsOutcome {
    /// The closing lines for people, in Vietnamese.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.written.is_empty() {
            lines.push("Chưa ghi mẫu báo cáo tuần nào.".to_string());
        } else {
            lines.push(match self.week {
                Some(week) => {
                    format!("Đã ghi mẫu báo cáo kết quả ra quân hằng tuần, {}:", lowercase_first(&week.title()))
                }
                None => "Đã ghi mẫu báo cáo kết quả ra quân hằng tuần (để trống ngày của tuần):".to_string(),
            });
            for w in &self.written {
                let member = if w.member.is_empty() {
                    "chưa có thành viên Ban Chỉ đạo phụ trách".to_string()
                } else {
                    format!("đồng chí {} phụ trách", w.member)
                };
                lines.push(format!("  {}  ({}; {member})", w.path.display(), w.village));
            }
        }
        lines.push(forms::totals_line(self.written.len(), &self.diagnostics));
        lines
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// `--week` needs `--weekly`, and `--previous` (survey forms) excludes it:
/// a usage error (exit 2), said in Vietnamese.
pub fn check_flags(weekly: bool, previous: bool) -> Result<(), Fatal> {
    if !weekly {
        return Err(
            Fatal::usage("`--week` chỉ dùng với `--weekly`").with_hint("ví dụ `ntm forms --weekly --week 2023-W24`")
        );
    }
    if previous {
        return Err(Fatal::usage(
            "`--weekly` không dùng cùng `--previous`: mẫu báo cáo tuần không điền sẵn từ đợt khảo sát",
        )
        .with_hint("chạy riêng `ntm forms --weekly` và `ntm forms --previous THƯ_MỤC`"));
    }
    Ok(())
}

/// Parses `--week`; a bad value is a usage error (exit 2), said in Vietnamese.
pub fn parse_week(text: &str) -> Result<IsoWeek, Fatal> {
    IsoWeek::parse(text).map_err(|message| {
        Fatal::usage(message).with_hint("ghi tuần theo ISO 8601, ví dụ `--week 2023-W24` (từ 12/06 đến 18/06/2023)")
    })
}

/// Writes the weekly forms. Fatal when `--week` is wrong or the workspace
/// cannot be found; problems in the commune are diagnostics, and then
/// nothing is written.
pub fn write_forms(config: &WeeklyFormsConfig) -> Result<WeeklyFormsOutcome, Fatal> {
    let week = config.week.as_deref().map(parse_week).transpose()?;
    let mut diagnostics = Diagnostics::new();
    let Some(workspace) = load_inputs(&config.workspace, &mut diagnostics)? else {
        return Ok(WeeklyFormsOutcome { week, written: Vec::new(), diagnostics });
    };
    let commune = &workspace.commune;
    if commune.villages.is_empty() {
        diagnostics.push(Diagnostic::warning(
            Location::file(config.workspace.join(load::COMMUNE_FILE)),
            "xã chưa có thôn nào trong `villages`: không có mẫu báo cáo tuần nào để ghi",
        ));
        return Ok(WeeklyFormsOutcome { week, written: Vec::new(), diagnostics });
    }

    let criteria = workspace.criteria.as_ref();
    // The week's Monday, else as the survey forms: fixed, so bytes are stable.
    let created = match week {
        Some(w) => {
            let monday = w.monday();
            ExcelDateTime::from_ymd(monday.year as u16, monday.month as u8, monday.day as u8)
                .unwrap_or_else(|_| forms::creation_date(None))
        }
        None => forms::creation_date(criteria.map(|c| c.year)),
    };
    let context = form::Context {
        place: forms::place(commune),
        committee: commune.steering_committee.name.clone(),
        author: forms::state_issuer(commune),
        criteria_set: criteria.map(|c| c.name.clone()).unwrap_or_default(),
        criteria: criteria
            .map(|c| c.criteria.iter().map(|k| layout::criterion_text(&k.id, &k.name)).collect())
            .unwrap_or_default(),
        week,
        created,
    };
    let jobs: Vec<(String, form::Job)> = commune
        .villages
        .iter()
        .map(|v| (format!("{}.xlsx", v.id), form::Job { village: v.name.clone(), member: members_of(commune, &v.id) }))
        .collect();

    let dir = config.output.join(forms::FORMS_DIR).join(WEEKLY_DIR);
    let done = forms::write_workbooks(
        &dir,
        &jobs,
        "mẫu báo cáo tuần",
        |(file_name, job)| (file_name, &job.village),
        |(_, job)| form::workbook(&context, job),
        &mut diagnostics,
    )?;
    let written = done
        .into_iter()
        .map(|(i, path)| {
            let (_, job) = &jobs[i];
            WeeklyWritten { village: job.village.clone(), member: job.member.clone(), path }
        })
        .collect();
    Ok(WeeklyFormsOutcome { week, written, diagnostics })
}

/// The validated workspace, or `None` when the commune has errors: its
/// villages may be doubled or misnamed. Only the commune's problems are
/// reported, plus a warning when a criteria set is named but unusable (the
/// forms then have no drop-down).
fn load_inputs(root: &Path, diagnostics: &mut Diagnostics) -> Result<Option<Workspace>, Fatal> {
    let (workspace, criteria_path) = forms::load_commune(root, diagnostics)?;
    let Some(workspace) = workspace else { return Ok(None) };
    if workspace.criteria.is_none()
        && let Some(path) = criteria_path
    {
        diagnostics.push(
            Diagnostic::warning(
                Location::file(path),
                "bộ tiêu chí có lỗi nên mẫu báo cáo tuần không có danh sách chọn tiêu chí: cột “Tiêu chí” ghi tay",
            )
            .with_hint("chạy `ntm check` để xem lỗi của bộ tiêu chí"),
        );
    }
    Ok(Some(workspace))
}

/// The names of the steering committee members in charge of a village,
/// in the committee's order; `""` when nobody is.
fn members_of(commune: &Commune, village: &str) -> String {
    commune
        .steering_committee
        .members
        .iter()
        .filter(|m| m.villages.iter().any(|v| v == village))
        .filter_map(|m| commune.officials.get(&m.official).map(|o| o.name.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}
