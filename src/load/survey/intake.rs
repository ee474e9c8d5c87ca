//! Reading one workbook on its own: open it, pick the household sheet, find
//! the table, read the rows. Nothing here knows about the other workbooks of
//! the round; `round` puts the pieces together.

use std::path::{Path, PathBuf};

use super::form::Form;
use super::rows::{TableRead, read_table};
use super::sheet::{self, Label};
use crate::diag::{Diagnostic, Location};
use crate::load::workbook::folder::{FolderFile, read_guarded};
use crate::load::workbook::{self, SheetData, a1};

/// What one workbook gave, problems included.
#[derive(Debug)]
pub struct WorkbookRead {
    pub path: PathBuf,
    /// Whether the file opened as a spreadsheet at all.
    pub opened: bool,
    /// The household sheet's name, once found.
    pub sheet: Option<String>,
    pub label: Option<Label>,
    pub table: TableRead,
    pub diagnostics: Vec<Diagnostic>,
    /// The SHA-256 (hex) of the file's bytes as read, when read whole.
    pub sha256: Option<String>,
}

impl FolderFile for WorkbookRead {
    fn new(path: &Path) -> Self {
        WorkbookRead {
            path: path.to_path_buf(),
            opened: false,
            sheet: None,
            label: None,
            table: TableRead::default(),
            diagnostics: Vec::new(),
            sha256: None,
        }
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn diagnostics(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.diagnostics
    }
}

/// Reads `path`; never panics, whatever the file holds. A panic inside the
/// spreadsheet library drops what was read so far: the file is one error.
pub fn read_workbook(path: &Path, form: &Form) -> WorkbookRead {
    read_guarded(path, |read| read_into(read, form))
}

fn read_into(read: &mut WorkbookRead, form: &Form) {
    let path = read.path.clone();
    let (book, sha256) = workbook::open_hashed(&path, "phiếu khảo sát");
    read.sha256 = sha256;
    let mut book = match book {
        Ok(book) => book,
        Err(error) => {
            read.diagnostics.push(error);
            return;
        }
    };
    read.opened = true;

    let preferred = book.visible_sheets.iter().find(|name| form.is_preferred_sheet(name)).cloned();
    let candidates: Vec<String> = match &preferred {
        Some(name) => vec![name.clone()],
        None => book.visible_sheets.clone(),
    };
    let mut chosen: Option<(SheetData, Option<u32>)> = None;
    for name in candidates {
        let sheet = match book.sheet(&name) {
            Ok(sheet) => sheet,
            Err(error) => {
                read.diagnostics.push(error);
                return;
            }
        };
        let header = sheet::header_row(&sheet, form);
        if preferred.is_some() || header.is_some() {
            chosen = Some((sheet, header));
            break;
        }
    }
    let Some((sheet, header)) = chosen else {
        let message = format!(
            "không tìm thấy trang danh sách hộ: không có trang “{}” đang hiện, và không trang nào có dòng tiêu đề \
             khớp mẫu (ít nhất {} tiêu đề cột trong {} dòng đầu)",
            form.sheet, form.min_header_matches, form.header_search_rows
        );
        let hint = format!("đặt tên trang là “{}” và giữ dòng tiêu đề theo mẫu của `ntm forms`", form.sheet);
        read.diagnostics.push(Diagnostic::error(Location::file(&path), message).with_hint(hint));
        return;
    };
    read.sheet = Some(sheet.name.clone());
    read.diagnostics.extend(sheet.legacy.as_ref().map(|converted| converted.note(&path, &sheet.name)));

    let Some(header) = header else {
        read.diagnostics.push(no_header_row(&sheet, form, &path));
        return;
    };
    read.label = sheet::village_label(&sheet, form, header);
    if let Some(layout) = sheet::layout(&sheet, form, header, &path, &mut read.diagnostics) {
        read.table = read_table(&sheet, form, &layout, &path, &mut read.diagnostics);
    }
}

/// The named sheet is there but no top row looks like the form's header:
/// say which row came closest, the one the clerk most likely meant.
fn no_header_row(sheet: &SheetData, form: &Form, path: &Path) -> Diagnostic {
    let best = (0..form.header_search_rows)
        .map(|row| (sheet::header_matches(sheet, form, row), row))
        .max_by_key(|&(count, row)| (count, std::cmp::Reverse(row)));
    let closest = match best {
        Some((count, row)) if count > 0 => format!("; nhiều nhất là dòng {} với {count} tiêu đề", row + 1),
        _ => String::new(),
    };
    Diagnostic::error(
        Location::Cell { file: path.to_path_buf(), sheet: sheet.name.clone(), cell: a1(0, 0) },
        format!(
            "trang “{}” không có dòng tiêu đề: trong {} dòng đầu không dòng nào có ít nhất {} tiêu đề cột của mẫu{closest}",
            sheet.name, form.header_search_rows, form.min_header_matches
        ),
    )
    .with_hint("giữ dòng tiêu đề theo mẫu của `ntm forms` (Mã hộ, Họ và tên chủ hộ, Số nhân khẩu…)")
}
