//! Test harness: runs the real `ntm` binary on a workspace in a temporary
//! folder and reads back what it wrote, with poppler's tools for PDFs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, open_workbook_auto};

/// The header row of the example survey form file (`inputs/forms/
/// ho-gia-dinh.yaml`), in its order, `STT` first: written out here, not
/// taken from the form file, so a change to the form shows in the tests.
pub const SURVEY_HEADERS: [&str; 14] = [
    "STT",
    "Mã hộ",
    "Họ và tên chủ hộ",
    "Số nhân khẩu",
    "Tổng thu nhập năm (triệu đồng)",
    "Phân loại hộ",
    "Loại nhà ở",
    "Nước sạch",
    "Nhà tiêu hợp vệ sinh",
    "Phân loại rác tại nguồn",
    "Số người có BHYT",
    "Số lao động",
    "Số lao động qua đào tạo",
    "Gia đình văn hóa",
];

/// The repository's example workspace.
pub fn example_inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs")
}

/// A temporary folder with a workspace in `inputs/`; the binary runs there
/// with relative paths, so its messages are the same on every machine.
pub struct Case {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Case {
    /// A copy of the example workspace.
    pub fn example() -> Case {
        let case = Case::empty();
        copy_dir(&example_inputs(), &case.inputs());
        case
    }

    pub fn empty() -> Case {
        Case { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn inputs(&self) -> PathBuf {
        self.dir.path().join("inputs")
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Rewrites a file of the case with `edit`.
    pub fn edit(&self, rel: &str, edit: impl FnOnce(String) -> String) {
        let text = self.read(rel);
        self.write(rel, &edit(text));
    }

    pub fn ntm(&self, args: &[&str]) -> Run {
        self.ntm_env(args, &[])
    }

    pub fn ntm_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ntm"));
        cmd.current_dir(self.dir.path()).args(args).env_remove("NTM_TYPST").env_remove("NTM_FONT_PATH");
        // A value left in the developer's shell must not decide the tests.
        cmd.env_remove("NTM_TYPST_TIMEOUT");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out: Output = cmd.output().expect("run ntm");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Every file below `output/`, relative, sorted; not the two files of
    /// the lock every writing run takes there (`.ntm-lock`, `.ntm-lock-holder`).
    pub fn output_files(&self) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(self.output())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with(".ntm-lock"))
            .map(|e| e.path().strip_prefix(self.dir.path()).unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        files
    }
}

impl Run {
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Property-test settings of the end-to-end files: `cases` runs, and the
/// failures found kept in `regressions` (under `proptest-regressions/`,
/// committed) and replayed first, so a failure found once is never lost.
pub fn persisted(cases: u32, regressions: &'static str) -> proptest::test_runner::Config {
    use proptest::test_runner::{Config, FileFailurePersistence};
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..Config::default()
    }
}

/// Runs a poppler tool; the suite needs them (`make test` installs them).
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("`{tool}` is needed by the tests (package poppler-utils; `make test` installs it): {e}")
    });
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text, page by page, without the page numbers at the top of
/// pages 2 and after (they would cut paragraphs that run across pages).
pub fn pdf_text(pdf: &Path) -> String {
    // `-raw` keeps the order text was drawn in; the default reading-order
    // analysis can move the end of a justified line ahead of its start.
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let mut out = String::new();
    for (i, page) in text.split('\u{c}').enumerate() {
        let mut lines = page.lines().skip_while(|l| l.trim().is_empty()).peekable();
        if i > 0 && lines.peek().is_some_and(|l| l.trim() == (i + 1).to_string()) {
            lines.next();
        }
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Text with all white space removed: line breaks and justification spaces
/// are the typesetter's, not the content's.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every filled cell of a workbook's sheet, at its absolute (row, column).
pub fn sheet_cells(path: &Path, sheet: &str) -> BTreeMap<(u32, u32), Data> {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let range = book.worksheet_range(sheet).unwrap_or_else(|e| panic!("{}: {sheet}: {e}", path.display()));
    let (top, left) = range.start().unwrap_or((0, 0));
    range
        .cells()
        .filter(|(_, _, d)| **d != Data::Empty)
        .map(|(r, c, d)| ((top + r as u32, left + c as u32), d.clone()))
        .collect()
}

/// One member of a workbook's zip, as text.
pub fn unzip(path: &Path, member: &str) -> String {
    let out = Command::new("unzip")
        .args(["-p", path.to_str().unwrap(), member])
        .output()
        .unwrap_or_else(|e| panic!("`unzip` is needed by this test (package unzip): {e}"));
    assert!(out.status.success(), "unzip {member}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}
