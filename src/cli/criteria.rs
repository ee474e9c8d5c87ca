//! `ntm criteria template|export|import`: criteria tables in Excel.

use std::path::Path;
use std::process::ExitCode;

use super::args::CriteriaCommand;
use crate::error::Fatal;
use crate::load::{self, criteria::CriteriaSetFile, schema::CommuneFile, yaml};
use crate::scaffold::{criteria_table, templates::SHIPPED_SETS};

pub fn run(command: CriteriaCommand, workspace: &Path, output: &Path) -> Result<ExitCode, Fatal> {
    match command {
        CriteriaCommand::Template { file } => {
            let path = file.unwrap_or_else(|| output.join("bang-tieu-chi-mau.xlsx"));
            criteria_table::template(&path)?;
            eprintln!("Đã ghi bảng tiêu chí mẫu `{}` (xem trang “Hướng dẫn” trong tệp).", path.display());
            Ok(ExitCode::SUCCESS)
        }
        CriteriaCommand::Export { set, file } => {
            let id = match set {
                Some(id) => id,
                None => current_set(workspace)?,
            };
            let parsed = read_set(workspace, &id)?;
            let path = file.unwrap_or_else(|| output.join(format!("{id}.xlsx")));
            criteria_table::export(&parsed, &path)?;
            eprintln!("Đã ghi bộ tiêu chí `{id}` thành bảng `{}`.", path.display());
            Ok(ExitCode::SUCCESS)
        }
        CriteriaCommand::Import { file, id } => match criteria_table::import(&file, &id, workspace) {
            Ok(path) => {
                eprintln!("Đã ghi bộ tiêu chí `{}`.", path.display());
                eprintln!("Dùng bộ này: ghi `criteria_set: {id}` trong commune.yaml, rồi `ntm check`.");
                Ok(ExitCode::SUCCESS)
            }
            Err(problems) => {
                let mut all = crate::diag::Diagnostics::new();
                all.extend(problems.iter().cloned());
                for d in all.sorted() {
                    eprintln!("{d}");
                }
                eprintln!("\nKhông ghi tệp nào: {} lỗi trong bảng `{}`.", problems.len(), file.display());
                Ok(ExitCode::from(1))
            }
        },
    }
}

/// The set `commune.yaml` names.
fn current_set(workspace: &Path) -> Result<String, Fatal> {
    let path = workspace.join(load::COMMUNE_FILE);
    let text = std::fs::read_to_string(&path).map_err(|_| {
        Fatal::usage("không biết xuất bộ tiêu chí nào: chưa có thư mục làm việc")
            .with_hint(format!("ghi mã bộ, ví dụ `ntm criteria export {}`", SHIPPED_SETS[1].0))
    })?;
    let commune = yaml::parse::<CommuneFile>(&path, &text).map_err(|d| Fatal::usage(d.to_string()))?;
    commune.criteria_set.map(|s| s.value).ok_or_else(|| {
        Fatal::usage("commune.yaml không ghi `criteria_set`").with_hint("ghi mã bộ: `ntm criteria export MÃ_BỘ`")
    })
}

/// The set `id` of the workspace, or shipped with ntm.
fn read_set(workspace: &Path, id: &str) -> Result<CriteriaSetFile, Fatal> {
    let path = workspace.join(load::CRITERIA_DIR).join(format!("{id}.yaml"));
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(_) => match SHIPPED_SETS.iter().find(|(s, _)| *s == id) {
            Some((_, text)) => (*text).to_string(),
            None => {
                let shipped: Vec<&str> = SHIPPED_SETS.iter().map(|(s, _)| *s).collect();
                return Err(Fatal::usage(format!("không có bộ tiêu chí `{id}` (tệp `{}`)", path.display()))
                    .with_hint(format!("các bộ đi kèm ntm: {}", shipped.join(", "))));
            }
        },
    };
    yaml::parse::<CriteriaSetFile>(&path, &text).map_err(|d| Fatal::usage(d.to_string()))
}
