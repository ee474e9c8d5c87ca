//! Finding the typst CLI and checking its version before any work starts.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::Fatal;

/// The typst minor series ntm's layouts are written for.
pub const TYPST_SERIES: &str = "0.15";
/// What `make` installs.
pub const TYPST_PINNED: &str = "0.15.1";
pub const TYPST_ENV: &str = "NTM_TYPST";

/// A typst executable whose version was checked.
#[derive(Debug, Clone)]
pub struct Typst {
    pub program: PathBuf,
    /// As reported, e.g. `0.15.1`.
    pub version: String,
}

#[cfg(not(windows))]
const INSTALL_HINT: &str = "chạy `make setup` (cài typst 0.15.1 bằng `cargo install --locked typst-cli --version 0.15.1`), \
     hoặc đặt biến NTM_TYPST trỏ tới tệp chạy typst";
#[cfg(windows)]
const INSTALL_HINT: &str = "typst.exe phải nằm cạnh ntm.exe: giải nén lại toàn bộ tệp ntm-windows-x64.zip";

impl Typst {
    /// `NTM_TYPST` if set, else the typst beside ntm's own executable (the
    /// Windows package ships `typst.exe` there, and a clerk's PATH is not
    /// to be trusted with another version), else `typst` on `PATH`.
    pub fn locate() -> Result<Typst, Fatal> {
        let program = match env::var_os(TYPST_ENV) {
            Some(p) if !p.is_empty() => PathBuf::from(p),
            _ => beside_this_program().or_else(|| find_on_path(&program_name())).ok_or_else(|| {
                Fatal::environment("không tìm thấy chương trình typst (dùng để dàn trang PDF)").with_hint(INSTALL_HINT)
            })?,
        };
        let output = Command::new(&program).arg("--version").output().map_err(|err| {
            Fatal::environment(format!("không chạy được typst tại `{}`: {err}", program.display()))
                .with_hint(INSTALL_HINT)
        })?;
        let text = String::from_utf8_lossy(&output.stdout);
        let version = parse_version(&text).ok_or_else(|| {
            Fatal::environment(format!(
                "`{} --version` không trả về phiên bản typst: {}",
                program.display(),
                text.trim()
            ))
            .with_hint(INSTALL_HINT)
        })?;
        if !is_supported(&version) {
            return Err(Fatal::environment(format!(
                "typst tại `{}` là phiên bản {version}; ntm cần typst {TYPST_SERIES}.x",
                program.display()
            ))
            .with_hint(INSTALL_HINT));
        }
        Ok(Typst { program, version })
    }
}

/// `typst 0.15.1 (8ace67d9)` → `0.15.1`.
fn parse_version(text: &str) -> Option<String> {
    let word = text.split_whitespace().nth(1)?;
    let ok = word.split('.').count() >= 2
        && word.split('.').all(|p| !p.is_empty() && p.chars().next().is_some_and(|c| c.is_ascii_digit()));
    ok.then(|| word.to_string())
}

fn is_supported(version: &str) -> bool {
    version.strip_prefix(TYPST_SERIES).is_some_and(|rest| rest.starts_with('.'))
}

/// `typst`, or `typst.exe` on Windows.
fn program_name() -> String {
    format!("typst{}", env::consts::EXE_SUFFIX)
}

fn beside_this_program() -> Option<PathBuf> {
    let exe = env::current_exe().ok()?;
    Some(exe.parent()?.join(program_name())).filter(|p| is_executable(p))
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_checks_versions() {
        assert_eq!(parse_version("typst 0.15.1 (8ace67d9)\n").as_deref(), Some("0.15.1"));
        assert_eq!(parse_version("typst 0.15.0").as_deref(), Some("0.15.0"));
        assert_eq!(parse_version("hello"), None);
        assert_eq!(parse_version("typst (dev)"), None);
        assert!(is_supported("0.15.1"));
        assert!(is_supported("0.15.0-rc1"));
        assert!(!is_supported("0.14.2"));
        assert!(!is_supported("0.150.0"));
    }
}
