//! Stage 1, load: read the workspace's files into their strict schemas.
//!
//! A workspace is a folder holding `commune.yaml` and `documents/*.yaml`.
//! Every file is read and parsed even when an earlier one failed, so one run
//! reports every syntax problem.

pub mod criteria;
pub mod criteria_table;
pub mod plan;
pub mod rounds;
pub mod schema;
pub mod survey;
pub mod workbook;
pub mod yaml;

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::Fatal;
use criteria::{AssessmentFile, CriteriaSetFile};
use schema::{CommuneFile, DocumentFile};

pub const COMMUNE_FILE: &str = "commune.yaml";
pub const DOCUMENTS_DIR: &str = "documents";
pub const CRITERIA_DIR: &str = "criteria";
pub const ASSESSMENT_FILE: &str = "assessment.yaml";
pub const PLAN_FILE: &str = "plan.yaml";
pub const SURVEY_DIR: &str = "survey";
pub const FORM_FILE: &str = "forms/ho-gia-dinh.yaml";
/// Villages' weekly reports, one folder per ISO week: `weekly/2023-W24/`.
pub const WEEKLY_DIR: &str = "weekly";

/// A parsed file and where it came from.
#[derive(Debug)]
pub struct Loaded<T> {
    /// Path as shown to the user (workspace folder joined with the file).
    pub path: PathBuf,
    /// File stem, used as the document's id on the command line.
    pub id: String,
    pub data: T,
}

/// Everything that parsed; what did not is in the diagnostics.
#[derive(Debug)]
pub struct RawWorkspace {
    pub root: PathBuf,
    pub commune: Option<CommuneFile>,
    pub commune_path: PathBuf,
    pub documents: Vec<Loaded<DocumentFile>>,
    /// Ids of every document file found, parsed or not.
    pub document_ids: Vec<String>,
    /// The criteria set named in `commune.yaml`, when it parsed.
    pub criteria: Option<Loaded<CriteriaSetFile>>,
    pub assessment: Option<Loaded<AssessmentFile>>,
    /// `plan.yaml`, when the workspace has one and it parsed.
    pub plan: Option<Loaded<plan::PlanFile>>,
}

/// Reads the workspace at `root`. A folder that is not a workspace at all is
/// fatal (exit 2); problems inside files are diagnostics.
/// A progress report asked for on the command line: the document
/// `reports/<name>.yaml`, issued for `period`.
#[derive(Debug, Clone)]
pub struct ReportRequest {
    pub name: String,
    pub period: String,
}

pub const REPORTS_DIR: &str = "reports";

pub fn load(root: &Path, report: Option<&ReportRequest>, diagnostics: &mut Diagnostics) -> Result<RawWorkspace, Fatal> {
    require_workspace(root)?;
    let commune_path = root.join(COMMUNE_FILE);

    let commune = read_text(&commune_path, diagnostics)
        .and_then(|text| yaml::parse::<CommuneFile>(&commune_path, &text).map_err(|d| diagnostics.push(d)).ok());

    let mut documents = Vec::new();
    let mut document_ids = Vec::new();
    let files = match report {
        Some(r) => vec![report_file(root, r)?],
        None => document_files(&root.join(DOCUMENTS_DIR), diagnostics),
    };
    for path in files {
        document_ids.push(file_stem(&path));
        let Some(text) = read_text(&path, diagnostics) else { continue };
        match yaml::parse::<DocumentFile>(&path, &text) {
            Ok(mut data) => {
                let mut id = file_stem(&path);
                if let Some(r) = report {
                    // The period of the command line wins over the file's.
                    let at = data.kind.referenced;
                    data.period = Some(serde_saphyr::Spanned::new(r.period.clone(), at, at));
                    id = format!("{id}-{}", r.period);
                    document_ids.push(id.clone());
                }
                documents.push(Loaded { path, id, data });
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let criteria = commune
        .as_ref()
        .and_then(|c| c.criteria_set.as_ref())
        .and_then(|name| load_criteria(root, &commune_path, name, diagnostics));
    let assessment = criteria.as_ref().and_then(|_| {
        let path = root.join(ASSESSMENT_FILE);
        if !path.is_file() {
            return None;
        }
        parse_file::<AssessmentFile>(&path, diagnostics)
    });
    let plan_path = root.join(PLAN_FILE);
    let plan = if plan_path.is_file() { parse_file(&plan_path, diagnostics) } else { None };
    Ok(RawWorkspace {
        root: root.to_path_buf(),
        commune,
        commune_path,
        documents,
        document_ids,
        criteria,
        assessment,
        plan,
    })
}

/// Whether `root` is a workspace at all (a folder with `commune.yaml`): a
/// usage error if not, said before anything is read or written.
/// What a clerk without a workspace is told to do.
pub const INIT_HINT: &str = "tạo thư mục làm việc cho xã bằng `ntm init THƯ_MỤC --xa TÊN_XÃ --tinh TÊN_TỈNH`, hoặc chỉ rõ thư mục đã có bằng `--workspace THƯ_MỤC`";

pub fn require_workspace(root: &Path) -> Result<(), Fatal> {
    let commune_path = root.join(COMMUNE_FILE);
    if !root.is_dir() {
        return Err(Fatal::usage(format!("không tìm thấy thư mục làm việc `{}`", root.display()))
            .with_hint(format!("chạy ntm trong thư mục chứa `inputs/`; {INIT_HINT}")));
    }
    if !commune_path.is_file() {
        return Err(Fatal::usage(format!(
            "thư mục `{}` không phải thư mục làm việc của ntm: thiếu tệp `{COMMUNE_FILE}`",
            root.display()
        ))
        .with_hint(INIT_HINT));
    }
    Ok(())
}

/// `reports/<name>.yaml`; a name with no file is a usage error listing the
/// reports there are.
fn report_file(root: &Path, request: &ReportRequest) -> Result<PathBuf, Fatal> {
    let dir = root.join(REPORTS_DIR);
    let (path, known) = match named_yaml(&dir, &request.name) {
        Ok(_) if !rounds::is_period(&request.period) => {
            return Err(Fatal::usage(format!("kỳ báo cáo `{}` không hợp lệ", request.period))
                .with_hint("ghi năm (`2023`), tháng (`2023-06`) hoặc quý (`2023-Q2`)"));
        }
        Ok(path) => return Ok(path),
        Err(missing) => missing,
    };
    Err(Fatal::usage(format!("không có mẫu báo cáo `{}` (tệp `{}`)", request.name, path.display())).with_hint(format!(
        "các mẫu báo cáo có trong `{}`: {}",
        dir.display(),
        known.join(", ")
    )))
}

/// Reads `criteria/<name>.yaml`; a name with no file is an error at the
/// line of `commune.yaml` that names it.
fn load_criteria(
    root: &Path,
    commune_path: &Path,
    name: &serde_saphyr::Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<Loaded<CriteriaSetFile>> {
    let dir = root.join(CRITERIA_DIR);
    let path = match named_yaml(&dir, &name.value) {
        Ok(path) => path,
        Err((path, known)) => {
            let loc = name.referenced;
            diagnostics.push(
                Diagnostic::error(
                    Location::text(commune_path, loc.line() as usize, loc.column() as usize),
                    format!("không có bộ tiêu chí `{}` (tệp `{}`)", name.value, path.display()),
                )
                .with_hint(format!(
                    "các bộ tiêu chí có trong `{}`: {}",
                    dir.display(),
                    known.join(", ")
                )),
            );
            return None;
        }
    };
    parse_file(&path, diagnostics)
}

/// `<dir>/<name>.yaml` when the name is a plain file name and the file is
/// there; otherwise that path with the names the folder does offer, sorted,
/// for the message.
fn named_yaml(dir: &Path, name: &str) -> Result<PathBuf, (PathBuf, Vec<String>)> {
    let path = dir.join(format!("{name}.yaml"));
    let safe = !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.');
    if safe && path.is_file() {
        return Ok(path);
    }
    let mut known: Vec<String> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| file_stem(&p))
        .collect();
    known.sort();
    Err((path, known))
}

fn parse_file<T: serde::de::DeserializeOwned>(path: &Path, diagnostics: &mut Diagnostics) -> Option<Loaded<T>> {
    let text = read_text(path, diagnostics)?;
    match yaml::parse::<T>(path, &text) {
        Ok(data) => Some(Loaded { path: path.to_path_buf(), id: file_stem(path), data }),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    }
}

/// The document files, sorted by path so every run sees them in one order.
fn document_files(dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy();
                if name.starts_with('.') || name.starts_with("~$") {
                    continue;
                }
                if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                    files.push(path.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(err) => {
                let at = err.path().map_or_else(|| Location::file(dir), Location::file);
                diagnostics.push(Diagnostic::error(at, format!("không đọc được thư mục: {err}")));
            }
        }
    }
    files
}

/// Largest YAML file read (8 MiB): a criteria set, the largest file of a
/// workspace, is under 100 KB. Refused before reading, so a huge file never
/// reaches memory; the parser's own budget bounds what aliases expand to.
pub const MAX_YAML_BYTES: u64 = 8 * 1024 * 1024;

fn read_text(path: &Path, diagnostics: &mut Diagnostics) -> Option<String> {
    if let Ok(meta) = fs::metadata(path)
        && meta.len() > MAX_YAML_BYTES
    {
        let mb = |b: u64| format!("{:.1}", b as f64 / (1024.0 * 1024.0)).replace('.', ",");
        diagnostics.push(
            Diagnostic::error(
                Location::file(path),
                format!("tệp nặng {} MB, quá giới hạn {} MB của một tệp YAML; ntm không đọc tệp này", mb(meta.len()), mb(MAX_YAML_BYTES)),
            )
            .with_hint("tệp dữ liệu hay văn bản thật chỉ nặng vài chục KB: kiểm tra lại tệp, tách nội dung quá dài thành nhiều văn bản"),
        );
        return None;
    }
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                // Notepad on older Windows starts UTF-8 files with a BOM: not
                // text, and not a column of the first line.
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_string(),
                    None => text,
                };
                list_blanks(path, &text, diagnostics);
                Some(text)
            }
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let bytes = err.as_bytes();
                let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
                let line_start = bytes[..offset].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                // In letters, as an editor counts them, not bytes.
                let column = String::from_utf8_lossy(&bytes[line_start..offset]).chars().count() + 1;
                diagnostics.push(
                    Diagnostic::error(Location::text(path, line, column), "tệp không phải văn bản UTF-8")
                        .with_hint("lưu lại tệp với bảng mã UTF-8 (Unicode)"),
                );
                None
            }
        },
        Err(err) => {
            diagnostics.push(Diagnostic::error(Location::file(path), format!("không đọc được tệp: {err}")));
            None
        }
    }
}

/// Every marked blank of a file (`ntm init` writes them), a warning at its
/// line until the office writes the real text in its place.
/// A blank in a comment line (`# …`) reaches no document: `ntm new`'s own
/// notes name the marker, and an office may keep notes there.
fn list_blanks(path: &Path, text: &str, diagnostics: &mut Diagnostics) {
    let lines: Vec<&str> = text.lines().collect();
    let in_comment = |line: usize| lines.get(line - 1).is_some_and(|l| l.trim_start().starts_with('#'));
    for found in crate::vi::blank::find(text).into_iter().filter(|f| !in_comment(f.line)) {
        diagnostics.push(
            Diagnostic::warning(Location::text(path, found.line, found.column), format!("cần điền: {}", found.what()))
                .with_hint("thay cả đoạn «cần điền: …» bằng nội dung thật"),
        );
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}
