//! `ntm forms`: one household survey workbook per village, laid out exactly
//! as the survey form (`shared/spec/survey-form.md`) so that `ntm check`
//! reads it back, with drop-downs, number checks and an instructions sheet;
//! with `--previous`, pre-filled with the village's households of the
//! previous round so the village only updates what changed.
//!
//! Everything comes from the same `Form` the reader uses (sheet name,
//! headers, words): an office that edits `inputs/forms/ho-gia-dinh.yaml`
//! gets forms that still read back. The workspace is loaded and validated
//! by `load` and `validate` like every command; only the commune (its
//! villages) and the form file matter here, so problems elsewhere, in a
//! document being drafted, do not hold the forms back.

mod guide;
mod household;
pub(crate) mod measure;
pub(crate) mod wording;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::archive;
use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::error::Fatal;
use crate::load::survey::{self, ColumnKind, Form, Household, SurveyStatus};
use crate::model::{Commune, Family, Village, Workspace};
use crate::{load, validate};

/// Folder under the output folder that receives the forms.
pub const FORMS_DIR: &str = "forms";
/// Empty rows, formatted and validated, below the households for new ones.
pub const EMPTY_ROWS: u32 = 300;
/// Name of the instructions sheet (the second sheet).
pub const GUIDE_SHEET: &str = "Hướng dẫn";
/// The year of the creation date written into each workbook when the
/// workspace has no assessment year: a fixed date keeps the output
/// byte-for-byte stable.
const FALLBACK_YEAR: u16 = 2021;

/// What `ntm forms` was asked to do.
#[derive(Debug, Clone)]
pub struct FormsConfig {
    pub workspace: PathBuf,
    pub output: PathBuf,
    /// The previous round's folder of workbooks, to pre-fill from.
    pub previous: Option<PathBuf>,
}

/// One workbook written.
#[derive(Debug, Clone)]
pub struct Written {
    pub village: String,
    pub path: PathBuf,
    /// The previous workbook it was pre-filled from, and how many households.
    pub prefilled: Option<(PathBuf, usize)>,
}

#[derive(Debug)]
pub struct FormsOutcome {
    pub written: Vec<Written>,
    pub diagnostics: Diagnostics,
}

impl FormsOutcome {
    /// The closing lines for people, in Vietnamese.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.written.is_empty() {
            lines.push("Chưa ghi mẫu phiếu nào.".to_string());
        } else {
            lines.push("Đã ghi mẫu phiếu khảo sát hộ gia đình:".to_string());
            for w in &self.written {
                let what = match &w.prefilled {
                    Some((source, count)) => format!("điền sẵn {count} hộ từ {}", source.display()),
                    None => "mẫu trống".to_string(),
                };
                lines.push(format!("  {}  ({}; {what})", w.path.display(), w.village));
            }
        }
        lines.push(totals_line(self.written.len(), &self.diagnostics));
        lines
    }
}

/// The last line of a forms run for people: files written, errors, warnings.
pub(crate) fn totals_line(written: usize, diagnostics: &Diagnostics) -> String {
    format!(
        "Tổng kết: {written} tệp đã ghi; {} lỗi, {} cảnh báo.",
        diagnostics.error_count(),
        diagnostics.warning_count()
    )
}

/// What every workbook of a run shares.
struct Context<'a> {
    form: &'a Form,
    /// `Xã …, huyện …, tỉnh …`, under the title.
    place: String,
    /// Who the forms go back to.
    office: String,
    /// The label written before the village name, without the colon.
    village_label: String,
    guide_sheet: &'a str,
    created: ExcelDateTime,
}

/// One village's workbook.
struct Job<'a> {
    village: &'a Village,
    households: &'a [Household],
    prefilled: bool,
    file_name: String,
}

/// Writes the forms. Fatal when the workspace or the `--previous` folder
/// cannot be found; problems in the commune or the form file are
/// diagnostics, and then nothing is written.
pub fn run(config: &FormsConfig) -> Result<FormsOutcome, Fatal> {
    let mut diagnostics = Diagnostics::new();
    let loaded = load_inputs(&config.workspace, &mut diagnostics)?;
    if let Some(dir) = &config.previous
        && !dir.is_dir()
    {
        return Err(Fatal::usage(format!("không tìm thấy thư mục đợt khảo sát trước `{}`", dir.display()))
            .with_hint("chỉ thư mục chứa bảng khảo sát của các thôn, ví dụ `--previous inputs/survey/2023-09`"));
    }
    let Some((commune, year, form)) = loaded else {
        return Ok(FormsOutcome { written: Vec::new(), diagnostics });
    };
    if let Some(problem) = check_form_for_excel(&form) {
        diagnostics.push(problem);
        return Ok(FormsOutcome { written: Vec::new(), diagnostics });
    }
    if commune.villages.is_empty() {
        diagnostics.push(Diagnostic::warning(
            Location::file(config.workspace.join(load::COMMUNE_FILE)),
            "xã chưa có thôn nào trong `villages`: không có mẫu phiếu nào để ghi",
        ));
        return Ok(FormsOutcome { written: Vec::new(), diagnostics });
    }

    let previous = config.previous.as_ref().map(|dir| prefills(dir, &form, &commune.villages, &mut diagnostics));
    let context = Context {
        form: &form,
        place: place(&commune),
        office: office(&commune),
        village_label: form.village_labels.first().cloned().unwrap_or_else(|| "Thôn".to_string()),
        guide_sheet: if form.sheet.to_lowercase() == GUIDE_SHEET.to_lowercase() {
            "Hướng dẫn ghi phiếu"
        } else {
            GUIDE_SHEET
        },
        created: creation_date(year),
    };
    let jobs: Vec<Job> = commune
        .villages
        .iter()
        .enumerate()
        .map(|(i, village)| {
            let from = previous.as_ref().and_then(|p| p[i].as_ref());
            Job {
                village,
                households: from.map_or(&[][..], |(_, households)| households.as_slice()),
                prefilled: from.is_some(),
                file_name: format!("{}.xlsx", village.id),
            }
        })
        .collect();

    let dir = config.output.join(FORMS_DIR);
    let done = write_workbooks(
        &dir,
        &jobs,
        "mẫu phiếu",
        |job| (&job.file_name, &job.village.name),
        |job| workbook(&context, job),
        &mut diagnostics,
    )?;
    let written = done
        .into_iter()
        .map(|(i, path)| {
            let from = previous.as_ref().and_then(|p| p[i].as_ref());
            Written {
                village: jobs[i].village.name.clone(),
                path,
                prefilled: from.map(|(source, households)| (source.clone(), households.len())),
            }
        })
        .collect();
    Ok(FormsOutcome { written, diagnostics })
}

/// The validated commune, the assessment year when known, and the form.
/// `None` when the commune or the form file has errors: villages from a
/// commune file with errors may be doubled or misnamed, and a wrong form
/// would print headers the reader then refuses.
type Inputs = (Commune, Option<i32>, Form);

fn load_inputs(root: &Path, diagnostics: &mut Diagnostics) -> Result<Option<Inputs>, Fatal> {
    let (workspace, _) = load_commune(root, diagnostics)?;
    let form = match survey::load_form(&root.join(load::FORM_FILE)) {
        Ok(form) => Some(form),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    Ok(match (workspace, form) {
        (Some(workspace), Some(form)) => {
            let year = workspace.criteria.as_ref().map(|c| c.year);
            Some((workspace.commune, year, form))
        }
        _ => None,
    })
}

/// The validated workspace, keeping only the commune's problems: forms need
/// its villages, and a document being drafted must not hold them back.
/// `None` when the commune has errors: its villages may be doubled or
/// misnamed. Also the criteria set's file when one parsed, so a caller can
/// tell a set that is named but unusable from none at all.
pub(crate) fn load_commune(
    root: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<(Option<Workspace>, Option<PathBuf>), Fatal> {
    let mut all = Diagnostics::new();
    let raw = load::load(root, None, &mut all)?;
    let commune_path = raw.commune_path.clone();
    let criteria_path = raw.criteria.as_ref().map(|c| c.path.clone());
    let workspace = validate::validate(raw, &mut all);
    diagnostics.extend(all.into_iter().filter(|d| d.location.path() == Some(commune_path.as_path())));
    let workspace = workspace.filter(|_| !diagnostics.has_errors_in(&commune_path));
    Ok((workspace, criteria_path))
}

/// Creates `dir` and writes one workbook per job into it, built in parallel
/// and each written atomically, so a village never gets half a form. A
/// workbook that cannot be built or written is an error at its path (`what`
/// names the workbooks: `mẫu phiếu`); the others are still written. `name`
/// gives a job's file name and village. Returns the jobs written, by index,
/// with their paths.
pub(crate) fn write_workbooks<J: Sync>(
    dir: &Path,
    jobs: &[J],
    what: &str,
    name: impl Fn(&J) -> (&str, &str),
    build: impl Fn(&J) -> Result<Vec<u8>, XlsxError> + Sync,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<(usize, PathBuf)>, Fatal> {
    std::fs::create_dir_all(dir)
        .map_err(|err| Fatal::environment(format!("không tạo được thư mục `{}`: {err}", dir.display())))?;
    archive::remove_stale_temps(dir);
    let books: Vec<Result<Vec<u8>, XlsxError>> = jobs.par_iter().map(&build).collect();

    let mut written = Vec::new();
    for ((i, job), book) in jobs.iter().enumerate().zip(books) {
        let (file_name, village) = name(job);
        let path = dir.join(file_name);
        let outcome = book
            .map_err(|err| format!("không tạo được {what} của {village}: {err}"))
            .and_then(|bytes| archive::write_atomic(&path, &bytes).map_err(|err| format!("không ghi được tệp: {err}")));
        match outcome {
            Ok(()) => written.push((i, path)),
            Err(message) => diagnostics.push(Diagnostic::error(Location::file(&path), message)),
        }
    }
    Ok(written)
}

/// Excel's own limits on what the form file may name: checked once, as an
/// error at the form file, rather than once per village deep in the writer.
fn check_form_for_excel(form: &Form) -> Option<Diagnostic> {
    let at = Location::file(&form.source);
    if rust_xlsxwriter::utility::check_sheet_name(&form.sheet).is_err() {
        return Some(
            Diagnostic::error(at, format!("tên trang tính “{}” (`sheet`) không dùng được trong Excel", form.sheet))
                .with_hint("tên trang tính dài tối đa 31 ký tự, không có các ký tự [ ] : * ? / \\"),
        );
    }
    for column in &form.columns {
        if !matches!(column.kind(), ColumnKind::YesNo | ColumnKind::Poverty | ColumnKind::Housing) {
            continue;
        }
        if let Some(word) = column.allowed.iter().find(|w| w.contains(',')) {
            return Some(
                Diagnostic::error(
                    at,
                    format!(
                        "từ “{word}” của cột “{}” có dấu phẩy: danh sách chọn của Excel không chứa được",
                        column.header
                    ),
                )
                .with_hint("đặt từ không có dấu phẩy lên đầu danh sách từ của câu trả lời đó"),
            );
        }
        if column.allowed.join(",").encode_utf16().count() > wording::MESSAGE_LIMIT {
            return Some(Diagnostic::error(
                at,
                format!("các từ chọn của cột “{}” dài quá 255 ký tự, Excel không nhận", column.header),
            ));
        }
    }
    None
}

/// Each village's households of the previous round, with the workbook they
/// came from; `None` (and a warning) where that workbook is missing or has
/// errors, so the village gets a blank form rather than a wrong one.
fn prefills(
    dir: &Path,
    form: &Form,
    villages: &[Village],
    diagnostics: &mut Diagnostics,
) -> Vec<Option<(PathBuf, Vec<Household>)>> {
    let pairs: Vec<(String, String)> = villages.iter().map(|v| (v.id.clone(), v.name.clone())).collect();
    let round = survey::read_round(dir, form, &pairs);
    round
        .villages
        .into_iter()
        .map(|village| match (village.status, village.source) {
            (SurveyStatus::Ok, Some(source)) => Some((source, village.households)),
            (SurveyStatus::Error, Some(source)) => {
                let errors: Vec<&Diagnostic> = round
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error && d.location.path() == Some(source.as_path()))
                    .collect();
                let mut warning = Diagnostic::warning(
                    Location::file(&source),
                    format!(
                        "bảng khảo sát đợt trước của {} có {} lỗi nên không dùng để điền sẵn: mẫu phiếu của thôn này để trống",
                        village.village_name,
                        errors.len().max(1)
                    ),
                );
                if let Some(first) = errors.first() {
                    warning = warning.with_hint(format!(
                        "lỗi đầu tiên: {}: {}; sửa tệp rồi chạy lại lệnh nếu muốn điền sẵn",
                        first.location, first.message
                    ));
                }
                diagnostics.push(warning);
                None
            }
            _ => {
                diagnostics.push(Diagnostic::warning(
                    Location::file(dir),
                    format!(
                        "không có bảng khảo sát đợt trước của {} trong thư mục này: mẫu phiếu của thôn này để trống",
                        village.village_name
                    ),
                ));
                None
            }
        })
        .collect()
}

fn workbook(ctx: &Context, job: &Job) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let properties = DocProperties::new()
        .set_title(format!("Phiếu khảo sát hộ gia đình - {}", job.village.name))
        .set_subject(ctx.place.clone())
        .set_author(ctx.office.clone())
        .set_creation_datetime(&ctx.created);
    book.set_properties(&properties);
    household::write(book.add_worksheet(), ctx, job)?;
    guide::write(book.add_worksheet(), ctx, job)?;
    book.save_to_buffer()
}

/// The creation date written into a workbook: 1 January of `year` (the
/// assessment year), else of `FALLBACK_YEAR`, never the clock.
pub(crate) fn creation_date(year: Option<i32>) -> ExcelDateTime {
    ExcelDateTime::from_ymd(year.and_then(|y| u16::try_from(y).ok()).unwrap_or(FALLBACK_YEAR), 1, 1)
        .or_else(|_| ExcelDateTime::from_ymd(FALLBACK_YEAR, 1, 1))
        .expect("a fixed valid date")
}

/// `Xã Cẩm Lĩnh, huyện Cẩm Xuyên, tỉnh Hà Tĩnh`; communes without a
/// district (after the 2025 reorganisation) skip it.
pub(crate) fn place(commune: &Commune) -> String {
    let mut parts = vec![format!("Xã {}", commune.name)];
    if let Some(district) = &commune.district {
        parts.push(format!("huyện {district}"));
    }
    parts.push(format!("tỉnh {}", commune.province));
    parts.join(", ")
}

/// The commune's People's Committee as named in `commune.yaml` (the first
/// state issuer).
pub(crate) fn state_issuer(commune: &Commune) -> String {
    commune
        .issuers
        .values()
        .find(|i| i.family == Family::State)
        .map_or_else(|| format!("Ủy ban nhân dân xã {}", commune.name), |i| i.name.clone())
}

/// Who the survey forms go back to: the People's Committee's officer in
/// charge of the new rural area.
fn office(commune: &Commune) -> String {
    format!("{} (cán bộ phụ trách xây dựng nông thôn mới)", state_issuer(commune))
}
