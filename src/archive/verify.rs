//! `ntm archive verify`: are the issued PDFs still the ones the register
//! vouches for?

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Component, Path};

use rayon::prelude::*;

use super::BUILD_DIR;
use super::register::{Entry, EntryStatus, Register, RegisterError};
use crate::diag::{Diagnostic, Location};
// The hashing lives in `crate::digest`; kept reachable here for its callers.
use crate::digest::sha256_file;

/// Drafts are watermarked, unnumbered and never registered.
const DRAFT_SUFFIX: &str = "_du-thao.pdf";

/// Something wrong between the register and the files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// The register names a PDF that is not there.
    Missing { entry: Entry },
    /// The PDF is there but its bytes are not the ones issued.
    Changed { entry: Entry, actual: String },
    /// A PDF in the output folder that no entry names (path relative to the
    /// output folder, `/` separators).
    NotRegistered { path: String },
}

impl Finding {
    /// The PDF concerned, relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            Finding::Missing { entry } | Finding::Changed { entry, .. } => &entry.recorded.pdf_path,
            Finding::NotRegistered { path } => path,
        }
    }

    /// As a diagnostic for the report: a missing or changed PDF is an error
    /// (an issued document is no longer what was issued); an unregistered
    /// one is a warning (it may be a copy someone put there).
    pub fn diagnostic(&self, output_dir: &Path) -> Diagnostic {
        let location = Location::file(output_dir.join(self.path()));
        match self {
            Finding::Missing { .. } => Diagnostic::error(location, self.to_string())
                .with_hint("chép lại tệp từ bản sao lưu; sổ đăng ký vẫn giữ mã băm để đối chiếu"),
            Finding::Changed { .. } => Diagnostic::error(location, self.to_string())
                .with_hint("văn bản đã ban hành không được sửa; chép lại tệp gốc từ bản sao lưu"),
            Finding::NotRegistered { .. } => Diagnostic::warning(location, self.to_string())
                .with_hint("tệp này không do ntm ban hành; chuyển nó ra khỏi thư mục kết quả"),
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::Missing { entry } => {
                write!(f, "thiếu tệp `{}` của văn bản {}{}", entry.recorded.pdf_path, entry.label(), status_note(entry))
            }
            Finding::Changed { entry, actual } => write!(
                f,
                "tệp `{}` của văn bản {}{} đã bị thay đổi sau khi ban hành (SHA-256 trong sổ: {}, hiện tại: {actual})",
                entry.recorded.pdf_path,
                entry.label(),
                status_note(entry),
                entry.recorded.pdf_sha256
            ),
            Finding::NotRegistered { path } => write!(f, "tệp `{path}` không có trong sổ đăng ký"),
        }
    }
}

fn status_note(entry: &Entry) -> String {
    match entry.status {
        EntryStatus::Issued => String::new(),
        EntryStatus::Superseded => format!(" ({})", entry.status.label()),
    }
}

/// Re-hashes the PDF of every entry, issued and superseded, and looks for
/// PDFs under `output_dir` no entry names (outside `build/`, drafts and
/// ntm's temporary files). Findings come in register order, then the
/// unregistered files by path.
pub fn verify(output_dir: &Path, register: &Register) -> Result<Vec<Finding>, RegisterError> {
    let entries = register.all()?;
    let checked: Vec<Option<Finding>> = entries
        .par_iter()
        .map(|entry| {
            let file = output_dir.join(&entry.recorded.pdf_path);
            match sha256_file(&file) {
                Ok(actual) if actual == entry.recorded.pdf_sha256 => Ok(None),
                Ok(actual) => Ok(Some(Finding::Changed { entry: entry.clone(), actual })),
                Err(err) if err.kind() == io::ErrorKind::NotFound => {
                    Ok(Some(Finding::Missing { entry: entry.clone() }))
                }
                Err(source) => Err(RegisterError::Io { path: file, source }),
            }
        })
        .collect::<Result<_, _>>()?;
    let mut findings: Vec<Finding> = checked.into_iter().flatten().collect();

    let registered: BTreeSet<&str> = entries.iter().map(|e| e.recorded.pdf_path.as_str()).collect();
    for path in issued_pdfs(output_dir)? {
        if !registered.contains(path.as_str()) {
            findings.push(Finding::NotRegistered { path });
        }
    }
    Ok(findings)
}

/// Every PDF under `output_dir` that could be an issued document, relative
/// and with `/` separators, sorted.
fn issued_pdfs(output_dir: &Path) -> Result<Vec<String>, RegisterError> {
    let mut found = Vec::new();
    let walk = walkdir::WalkDir::new(output_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_type().is_dir() && e.file_name() == BUILD_DIR));
    for item in walk {
        let item = item.map_err(|err| RegisterError::Io {
            path: err.path().unwrap_or(output_dir).to_path_buf(),
            source: err.into_io_error().unwrap_or_else(|| io::Error::other("vòng lặp liên kết thư mục")),
        })?;
        if !item.file_type().is_file() {
            continue;
        }
        let name = item.file_name().to_string_lossy();
        let is_pdf = Path::new(&*name).extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
        if !is_pdf || name.starts_with(super::TEMP_PREFIX) || name.ends_with(DRAFT_SUFFIX) {
            continue;
        }
        let relative = item.path().strip_prefix(output_dir).unwrap_or(item.path());
        found.push(slash_path(relative));
    }
    found.sort();
    Ok(found)
}

/// A relative path with `/` separators, as the register stores it.
pub fn slash_path(relative: &Path) -> String {
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::archive::register::tests::sample;
    use crate::digest::sha256_hex;

    /// A register with two documents whose PDFs are on disk.
    fn issued_folder() -> (tempfile::TempDir, Register) {
        let dir = tempfile::tempdir().unwrap();
        let mut register = Register::open(dir.path()).unwrap();
        for (doc, number, file) in [("nq-01", 1, "2023-01-12_01-NQ-DU.pdf"), ("bc-02", 2, "2023-02-01_02-NQ-DU.pdf")] {
            let bytes = format!("%PDF {doc}");
            fs::write(dir.path().join(file), &bytes).unwrap();
            let mut entry = sample(doc, number);
            entry.pdf_path = file.to_string();
            entry.pdf_sha256 = sha256_hex(bytes.as_bytes());
            register.record(&entry, None).unwrap();
        }
        (dir, register)
    }

    #[test]
    fn an_untouched_folder_has_no_findings() {
        let (dir, register) = issued_folder();
        // Not documents: staged sources, drafts, a killed run's temp file.
        fs::create_dir_all(dir.path().join("build/2023-01-12_01-NQ-DU")).unwrap();
        fs::write(dir.path().join("build/2023-01-12_01-NQ-DU/preview.pdf"), b"x").unwrap();
        fs::write(dir.path().join("2023-03-01_ke-hoach_du-thao.pdf"), b"x").unwrap();
        fs::write(dir.path().join(".ntm-tmp-abc.pdf"), b"x").unwrap();
        assert_eq!(verify(dir.path(), &register).unwrap(), []);
    }

    #[test]
    fn catches_changed_missing_and_unregistered_pdfs() {
        let (dir, register) = issued_folder();
        fs::write(dir.path().join("2023-01-12_01-NQ-DU.pdf"), b"%PDF edited").unwrap();
        fs::remove_file(dir.path().join("2023-02-01_02-NQ-DU.pdf")).unwrap();
        fs::create_dir_all(dir.path().join("cu")).unwrap();
        fs::write(dir.path().join("cu/ban-chep.PDF"), b"x").unwrap();
        fs::write(dir.path().join("a-la.pdf"), b"x").unwrap();

        let findings = verify(dir.path(), &register).unwrap();
        assert_eq!(findings.len(), 4, "{findings:#?}");
        match &findings[0] {
            Finding::Changed { entry, actual } => {
                assert_eq!(entry.recorded.doc_id, "nq-01");
                assert_eq!(actual, &sha256_hex(b"%PDF edited"));
            }
            other => panic!("expected Changed, got {other:?}"),
        }
        assert!(matches!(&findings[1], Finding::Missing { entry } if entry.recorded.doc_id == "bc-02"));
        assert_eq!(findings[2], Finding::NotRegistered { path: "a-la.pdf".to_string() });
        assert_eq!(findings[3], Finding::NotRegistered { path: "cu/ban-chep.PDF".to_string() });

        let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert!(
            lines[0].starts_with("tệp `2023-01-12_01-NQ-DU.pdf` của văn bản 01-NQ/ĐU đã bị thay đổi"),
            "{}",
            lines[0]
        );
        assert_eq!(lines[1], "thiếu tệp `2023-02-01_02-NQ-DU.pdf` của văn bản 02-NQ/ĐU");
        assert_eq!(lines[3], "tệp `cu/ban-chep.PDF` không có trong sổ đăng ký");
        assert_eq!(findings[1].diagnostic(dir.path()).severity, crate::diag::Severity::Error);
        assert_eq!(findings[3].diagnostic(dir.path()).severity, crate::diag::Severity::Warning);
    }

    #[test]
    fn superseded_pdfs_are_checked_too() {
        let (dir, mut register) = issued_folder();
        let old = register.current("nq-01").unwrap().unwrap();
        let mut entry = sample("nq-01", 1);
        entry.pdf_path = "2023-01-12_01-NQ-DU_ban-2.pdf".to_string();
        fs::write(dir.path().join(&entry.pdf_path), b"%PDF v2").unwrap();
        entry.pdf_sha256 = sha256_hex(b"%PDF v2");
        register.record(&entry, Some(old.id)).unwrap();
        assert_eq!(verify(dir.path(), &register).unwrap(), []);

        fs::remove_file(dir.path().join("2023-01-12_01-NQ-DU.pdf")).unwrap();
        let findings = verify(dir.path(), &register).unwrap();
        assert_eq!(findings.len(), 1);
        assert!(findings[0].to_string().ends_with("(đã bị thay thế)"), "{}", findings[0]);
    }
}
