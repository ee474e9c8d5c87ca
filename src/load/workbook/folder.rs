//! A folder of village workbooks, read the same way whether it holds a
//! survey round or a week's reports: which of its files are workbooks, each
//! read without letting a panic of the spreadsheet library out, and which
//! village each one is for. Reading one workbook and deciding its village
//! are the caller's; so are the words that say what the folder holds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{RESAVE, guarded};
use crate::diag::{Diagnostic, Location};

const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];

/// How the messages about a folder name what it holds.
pub(crate) struct Words {
    /// Said at the folder when it does not exist.
    pub no_folder: &'static str,
    /// What a skipped file is not: `số liệu`, `báo cáo`.
    pub contents: &'static str,
    /// What each workbook is to its village: `bảng khảo sát`, `báo cáo tuần`.
    pub workbook: &'static str,
    /// Given at a skipped file saved in a format a clerk may have picked by
    /// mistake (`.xlsb`, `.csv`, …); `None` gives no hint.
    pub other_format_hint: Option<&'static str>,
    /// What a workbook is called when its village is unknown: `tệp`, `báo cáo`.
    pub subject: &'static str,
    /// Says there is no village label: `phía trên bảng không có ô “Thôn”`.
    pub no_label: &'static str,
    /// How to name the village: `ghi tên thôn vào ô cạnh nhãn “Thôn” …`.
    pub label_hint: &'static str,
    /// The warning at the folder for a village without a workbook; `{}`
    /// stands for the village's name.
    pub missing: &'static str,
}

/// What became of one village of the commune in a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Claimed {
    /// No workbook claims it (a warning at the folder says so).
    Missing,
    /// One workbook, without errors: the index of its read.
    Read(usize),
    /// Its workbook has errors, or two workbooks claim it: the first read.
    Broken(usize),
}

/// Each village's fate, in the commune's order, from the reads that claim
/// it (`by_village`, as `read_folder` gives it); `has_errors` tells a
/// read with errors. A village without a workbook gets a warning at the
/// folder when the folder exists.
pub(crate) fn assemble(
    dir: &Path,
    villages: &[(String, String)],
    by_village: &BTreeMap<usize, Vec<usize>>,
    has_errors: impl Fn(usize) -> bool,
    words: &Words,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Claimed> {
    (0..villages.len())
        .map(|village| match by_village.get(&village).map(Vec::as_slice).unwrap_or_default() {
            [] => {
                if dir.is_dir() {
                    diagnostics.push(Diagnostic::warning(
                        Location::file(dir),
                        words.missing.replace("{}", &villages[village].1),
                    ));
                }
                Claimed::Missing
            }
            [only] if !has_errors(*only) => Claimed::Read(*only),
            [first, ..] => Claimed::Broken(*first),
        })
        .collect()
}

/// What one workbook gave, as far as the folder is concerned.
pub(crate) trait FolderFile {
    /// Nothing read yet.
    fn new(path: &Path) -> Self;
    fn path(&self) -> &Path;
    fn diagnostics(&mut self) -> &mut Vec<Diagnostic>;
}

/// Reads every workbook under `dir` (any depth) in parallel with `read`,
/// then gives each to the village `claim` says. Returns the reads in path
/// order and, for each claimed village, the indices of its reads.
pub(crate) fn read_folder<R: FolderFile + Send>(
    dir: &Path,
    villages: &[(String, String)],
    words: &Words,
    read: impl Fn(&Path) -> R + Sync,
    mut claim: impl FnMut(&mut R) -> Option<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<R>, BTreeMap<usize, Vec<usize>>) {
    let files = if dir.is_dir() {
        find_workbooks(dir, words, diagnostics)
    } else {
        diagnostics.push(Diagnostic::warning(Location::file(dir), words.no_folder));
        Vec::new()
    };

    // One file a task: a few large workbooks on two cores are read two
    // at a time, whichever core is free taking the next, rather than half
    // the list each, which left one core idle while the other read a
    // workbook more than its half (or two, when one core started late).
    let mut reads: Vec<R> = files.par_iter().with_max_len(1).map(|path| read(path)).collect();
    let claims: Vec<Option<usize>> = reads.iter_mut().map(&mut claim).collect();

    let mut by_village: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (index, claim) in claims.iter().enumerate() {
        if let Some(village) = claim {
            by_village.entry(*village).or_default().push(index);
        }
    }
    // Two workbooks for one village: neither can be trusted over the other.
    for (village, indices) in by_village.iter().filter(|(_, indices)| indices.len() > 1) {
        let names: Vec<String> = indices.iter().map(|&i| format!("`{}`", reads[i].path().display())).collect();
        for &i in indices {
            let error = Diagnostic::error(
                Location::file(reads[i].path()),
                format!(
                    "có {} tệp cùng là {} của {}: {}; không biết dùng tệp nào",
                    indices.len(),
                    words.workbook,
                    villages[*village].1,
                    names.join(", ")
                ),
            )
            .with_hint("giữ lại một tệp cho mỗi thôn, chuyển các tệp cũ ra khỏi thư mục");
            reads[i].diagnostics().push(error);
        }
    }
    (reads, by_village)
}

/// The workbooks under `dir`, sorted by path; every other file is skipped
/// with a note so nobody wonders where it went.
fn find_workbooks(dir: &Path, words: &Words, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err.path().map_or_else(|| Location::file(dir), Location::file);
                diagnostics.push(Diagnostic::error(at, format!("không đọc được thư mục: {err}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        let extension = extension(path);
        match skip_reason(path, words.contents) {
            Some(why) => {
                let note = Diagnostic::note(Location::file(path), format!("bỏ qua tệp `{name}`: {why}"));
                diagnostics.push(match words.other_format_hint {
                    Some(hint) if matches!(extension.as_str(), "xlsb" | "csv" | "xltx" | "numbers") => {
                        note.with_hint(hint)
                    }
                    _ => note,
                });
            }
            None => files.push(path.to_path_buf()),
        }
    }
    files
}

/// Whether the folder reader takes `path` for a workbook (else it only
/// notes the file's name): what a digest of the folder must read.
pub(crate) fn is_workbook(path: &Path) -> bool {
    skip_reason(path, "").is_none()
}

/// Why `path` is not read as a workbook, if it is not; `contents` is what
/// the folder holds (`số liệu`).
fn skip_reason(path: &Path, contents: &str) -> Option<String> {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if name.starts_with("~$") {
        Some(format!("tệp khóa tạm của Excel (tự mất khi đóng Excel), không phải {contents}"))
    } else if name.starts_with('.') {
        Some(format!("tệp ẩn của hệ điều hành, không phải {contents}"))
    } else if !WORKBOOK_EXTENSIONS.contains(&extension(path).as_str()) {
        Some("không phải bảng tính .xlsx, .xlsm, .xls hay .ods".to_string())
    } else {
        None
    }
}

fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Reads `path` into a fresh `R` with `read`; never panics, whatever the
/// file holds. A panic inside the spreadsheet library drops what was read
/// so far: the file is one error.
pub(crate) fn read_guarded<R: FolderFile>(path: &Path, read: impl FnOnce(&mut R)) -> R {
    let outcome = guarded(|| {
        let mut file = R::new(path);
        read(&mut file);
        file
    });
    outcome.unwrap_or_else(|panic| {
        let mut file = R::new(path);
        let detail = if panic.is_empty() { String::new() } else { format!(" (chi tiết: {panic})") };
        file.diagnostics().push(
            Diagnostic::error(
                Location::file(path),
                format!("không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng bảng tính{detail}"),
            )
            .with_hint(RESAVE),
        );
        file
    })
}
