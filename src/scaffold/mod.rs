//! Starting a workspace: `ntm init` writes a complete one for a commune,
//! `ntm new` adds a document to it. Nothing here is hand-copied from the
//! example: the shipped criteria sets, survey form and report templates are
//! the example's own files, built into the binary; the commune's files come
//! from `templates/workspace/`, with marked blanks (`crate::vi::blank`)
//! where only the office knows the answer.

mod assessment;
pub mod criteria_table;
pub mod new;
pub mod templates;

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::Fatal;
use crate::load;
use templates::Fill;

/// The 2026–2030 set applies from this year on; before it, the 2021–2025
/// advanced set (QĐ 318) with its seven regions.
pub const NEW_SET_FROM: i32 = 2026;
pub const NEW_SET: &str = "qd51-2026-2030";
pub const OLD_SET: &str = "qd318-nang-cao-2021-2025";

pub use crate::load::INIT_HINT;

/// Today in Vietnam (UTC+7), for the date of a new document.
pub fn today() -> crate::model::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    crate::model::Date::from_unix_days((secs + 7 * 3600).div_euclid(86_400))
}

/// What `ntm init` was asked for.
#[derive(Debug, Clone)]
pub struct InitConfig {
    pub dir: PathBuf,
    pub commune: String,
    pub province: String,
    /// Only for communes before the reform of 1 July 2025.
    pub district: Option<String>,
    /// Commune group (1–3) of the 2026–2030 set.
    pub group: Option<u8>,
    /// Region of the 2021–2025 set.
    pub region: Option<String>,
    pub year: i32,
}

/// What was written, for the summary.
#[derive(Debug)]
pub struct InitOutcome {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub criteria_set: &'static str,
}

/// Writes the workspace. The files are written into a fresh folder beside
/// the target and moved into place at the end, so a failure leaves nothing
/// half-written; a target that exists and is not empty is refused.
pub fn init(config: &InitConfig) -> Result<InitOutcome, Fatal> {
    let fill = Fill::new(config)?;
    refuse_non_empty(&config.dir)?;
    let files = fill.files()?;

    let parent = match config.dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| write_error(&parent, &e))?;
    let staging =
        tempfile::Builder::new().prefix(".ntm-init-").tempdir_in(&parent).map_err(|e| write_error(&parent, &e))?;
    let mut written = Vec::new();
    for (rel, text) in &files {
        let path = staging.path().join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| write_error(dir, &e))?;
        }
        fs::write(&path, text).map_err(|e| write_error(&path, &e))?;
        written.push(config.dir.join(rel));
    }
    // Survey rounds go here; an empty folder says where.
    fs::create_dir_all(staging.path().join(load::SURVEY_DIR)).map_err(|e| write_error(&config.dir, &e))?;
    if config.dir.is_dir() {
        // Empty (checked above): replaced by the staged folder.
        fs::remove_dir(&config.dir).map_err(|e| write_error(&config.dir, &e))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, &config.dir).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        write_error(&config.dir, &e)
    })?;
    written.sort();
    Ok(InitOutcome { dir: config.dir.clone(), files: written, criteria_set: fill.set })
}

fn refuse_non_empty(dir: &Path) -> Result<(), Fatal> {
    if dir.exists() && !dir.is_dir() {
        return Err(Fatal::usage(format!("`{}` là một tệp, không phải thư mục", dir.display())));
    }
    let non_empty = fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false);
    if non_empty {
        return Err(Fatal::usage(format!("thư mục `{}` đã có tệp: ntm init chỉ ghi vào thư mục trống", dir.display()))
            .with_hint("chọn một thư mục mới, ví dụ `ntm init xa-moi --xa …`"));
    }
    Ok(())
}

pub(crate) fn write_error(path: &Path, err: &std::io::Error) -> Fatal {
    Fatal::environment(format!("không ghi được `{}`: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path, year: i32) -> InitConfig {
        InitConfig {
            dir: dir.to_path_buf(),
            commune: "Thạch Lạc".into(),
            province: "Hà Tĩnh".into(),
            district: None,
            group: Some(2),
            region: None,
            year,
        }
    }

    #[test]
    fn a_non_empty_folder_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("ghi-chu.txt"), "của văn phòng").unwrap();
        let err = init(&config(dir.path(), 2026)).unwrap_err();
        assert!(err.to_string().contains("đã có tệp"), "{err}");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("ghi-chu.txt")]);
    }

    #[test]
    fn an_empty_folder_receives_the_workspace() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("xa");
        fs::create_dir(&target).unwrap();
        let outcome = init(&config(&target, 2026)).unwrap();
        assert_eq!(outcome.criteria_set, NEW_SET);
        assert!(target.join("commune.yaml").is_file());
        assert!(target.join("survey").is_dir());
        // No staging folder is left beside it.
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("xa")]);
    }
}
