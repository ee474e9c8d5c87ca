//! The one workbook layer: every spreadsheet ntm reads (survey rounds,
//! weekly reports, criteria tables) is opened, bounded and read here, so a
//! hostile or broken file is one clear error naming it wherever it sits.
//!
//! - Opening (this file): the reader is chosen by the file's first bytes
//!   (villages rename `.xlsx` to `.xls`), a file that is not a spreadsheet
//!   is one clean message, the limits of `limits` are checked before the
//!   library sees the bytes (file size, zip directory, `.ods` expansion,
//!   the `.xls` walk of `xls_check`), and a panic inside the library is
//!   caught by `guarded` and becomes that message too.
//! - Sheets (`sheet`): cells read sparse within the row, cell and text
//!   budget, refused at the first cell over it.
//! - Legacy text (`decode`): TCVN3/VNI decided per sheet and converted
//!   before any reader looks at a cell.
//! - Folders (`folder`): every workbook of a folder read in parallel and
//!   claimed by its village.
//!
//! Every refusal is a [`Diagnostic`] at the file (or sheet and cell),
//! naming what the workbook was meant to be (`what`: `phiếu khảo sát`,
//! `báo cáo tuần`).

pub mod decode;
pub mod folder;
pub mod limits;
mod sheet;
pub mod village;
#[cfg(test)]
pub(crate) mod xls_bytes;
mod xls_check;

use std::cell::Cell;
use std::fs;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use calamine::{Ods, OdsError, Reader, SheetType, SheetVisible, Sheets, Xls, XlsError, Xlsx, XlsxError};

use crate::diag::{Diagnostic, Location};
use limits::Exceeded;
pub use sheet::SheetData;
use sheet::SheetError;

type Book = Sheets<Cursor<Bytes>>;

/// A file's bytes, shared: when the reader its first bytes point to fails,
/// the other reader gets the same bytes, not a copy of a file that is
/// read whole (half a megabyte a village workbook, copied for nothing
/// whenever the first reader succeeds).
#[derive(Clone)]
struct Bytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// An open workbook and its visible worksheets, in the workbook's order.
pub struct Workbook {
    book: Book,
    path: PathBuf,
    what: &'static str,
    pub visible_sheets: Vec<String>,
}

impl Workbook {
    /// The cells of sheet `name`, within the limits, legacy text converted.
    /// A refusal is one error at the cell that went over a limit, or at
    /// the file when the library cannot read the sheet.
    pub fn sheet(&mut self, name: &str) -> Result<SheetData, Diagnostic> {
        sheet::read(&mut self.book, name, self.what).map_err(|err| match err {
            SheetError::Library(err) => {
                Diagnostic::error(Location::file(&self.path), format!("không đọc được trang tính “{name}”: {err}"))
                    .with_hint(RESAVE)
            }
            // At the cell that went over, so the clerk finds it; the whole
            // file is refused, like any file with an error.
            SheetError::Limit { cell, exceeded } => {
                let at = match cell {
                    Some(cell) => Location::Cell { file: self.path.clone(), sheet: name.to_string(), cell },
                    None => Location::file(&self.path),
                };
                Diagnostic::error(at, format!("không đọc trang tính “{name}”: {}", exceeded.message))
                    .with_hint(exceeded.hint)
            }
        })
    }
}

/// Why a file could not be opened, in Vietnamese, with a hint when ntm knows one.
struct OpenError {
    pub message: String,
    pub hint: Option<String>,
}

impl OpenError {
    fn new(message: impl Into<String>, hint: Option<&str>) -> Self {
        OpenError { message: message.into(), hint: hint.map(str::to_string) }
    }

    fn limit(exceeded: Exceeded) -> Self {
        OpenError { message: exceeded.message, hint: Some(exceeded.hint) }
    }
}

/// The file's bytes, refused past `MAX_FILE_BYTES` without reading them
/// all (the size is checked on what is read, not only on what the folder
/// says, in case the file grows meanwhile).
fn read_bounded(path: &Path, what: &str) -> Result<Vec<u8>, OpenError> {
    let unreadable = |err: std::io::Error| OpenError::new(format!("không đọc được tệp: {err}"), None);
    let file = fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limits::MAX_FILE_BYTES {
        return Err(OpenError::limit(limits::file_too_large(size, what)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(OpenError::limit(limits::file_too_large(bytes.len() as u64, what)));
    }
    Ok(bytes)
}

pub(crate) const RESAVE: &str = "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx";

/// Opens `path` as a spreadsheet that is meant to be a `what`
/// (`phiếu khảo sát`, `báo cáo tuần`: the word every refusal uses). A file
/// that cannot be opened is one error at the file.
pub fn open(path: &Path, what: &'static str) -> Result<Workbook, Diagnostic> {
    read_bounded(path, what).and_then(|bytes| open_book(path, bytes, what)).map_err(|err| open_error(path, err))
}

/// [`open`], and the SHA-256 (hex) of the bytes read, `None` when they
/// could not be read whole: for a reader whose results are kept under a
/// digest of the files (`load::rounds::inputs_digest`), which then needs
/// no second reading of them.
pub fn open_hashed(path: &Path, what: &'static str) -> (Result<Workbook, Diagnostic>, Option<String>) {
    match read_bounded(path, what) {
        Ok(bytes) => {
            let hash = crate::digest::sha256_hex(&bytes);
            (open_book(path, bytes, what).map_err(|err| open_error(path, err)), Some(hash))
        }
        Err(err) => (Err(open_error(path, err)), None),
    }
}

fn open_error(path: &Path, err: OpenError) -> Diagnostic {
    let error = Diagnostic::error(Location::file(path), format!("không mở được bảng tính: {}", err.message));
    match err.hint {
        Some(hint) => error.with_hint(hint),
        None => error,
    }
}

fn open_book(path: &Path, bytes: Vec<u8>, what: &'static str) -> Result<Workbook, OpenError> {
    let book = if bytes.is_empty() {
        return Err(OpenError::new("tệp rỗng (0 byte), không phải bảng tính", Some(RESAVE)));
    } else if bytes.starts_with(b"PK\x03\x04") {
        open_zip(path, bytes, what)?
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        open_compound(bytes)?
    } else if looks_like_markup(&bytes) {
        return Err(OpenError::new(
            "tệp là trang HTML/XML mang đuôi bảng tính (thường do phần mềm khác xuất ra), không phải bảng tính thật",
            Some(RESAVE),
        ));
    } else {
        return Err(OpenError::new("tệp không phải bảng tính Excel hoặc ODS (nội dung không nhận ra)", Some(RESAVE)));
    };
    let visible_sheets = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible && s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    Ok(Workbook { book, path: path.to_path_buf(), what, visible_sheets })
}

/// A zip is an `.xlsx`/`.xlsm` or an `.ods`; try the one the name says
/// first, and the other only when it fails.
fn open_zip(path: &Path, bytes: Vec<u8>, what: &str) -> Result<Book, OpenError> {
    limits::check_zip(&bytes, what).map_err(OpenError::limit)?;
    limits::check_ods(&bytes, what).map_err(OpenError::limit)?;
    let bytes = Bytes(Arc::new(bytes));
    let ods_first = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    let as_xlsx = || Xlsx::new(Cursor::new(bytes.clone())).map(Sheets::Xlsx).map_err(describe_xlsx);
    let as_ods = || Ods::new(Cursor::new(bytes.clone())).map(Sheets::Ods).map_err(describe_ods);
    let first = match if ods_first { as_ods() } else { as_xlsx() } {
        Ok(book) => return Ok(book),
        Err(password) => password,
    };
    let second = if ods_first { as_xlsx() } else { as_ods() };
    match (first, second) {
        (_, Ok(book)) => Ok(book),
        (Some(password), _) | (_, Err(Some(password))) => Err(password),
        (None, Err(None)) => Err(OpenError::new(
            "tệp nén (zip) nhưng không phải bảng tính .xlsx hay .ods, hoặc đã bị hỏng",
            Some(RESAVE),
        )),
    }
}

/// An OLE compound file is an Excel 97–2003 `.xls`, or an `.xlsx` encrypted
/// with a password (Office wraps those in the same container).
fn open_compound(bytes: Vec<u8>) -> Result<Book, OpenError> {
    xls_check::check_xls(&bytes).map_err(OpenError::limit)?;
    let bytes = Bytes(Arc::new(bytes));
    match Xls::new(Cursor::new(bytes.clone())) {
        Ok(book) => Ok(Sheets::Xls(book)),
        Err(XlsError::Password) => Err(password_error()),
        Err(_) => match Xlsx::new(Cursor::new(bytes)) {
            Err(XlsxError::Password) => Err(password_error()),
            _ => Err(OpenError::new("tệp Excel 97–2003 (.xls) bị hỏng, không đọc được", Some(RESAVE))),
        },
    }
}

fn password_error() -> OpenError {
    OpenError::new("tệp được đặt mật khẩu, ntm không mở được", Some("bỏ mật khẩu của tệp trong Excel rồi lưu lại"))
}

/// `Some` only for a password: other failures of one reader say nothing,
/// the other reader may still succeed.
fn describe_xlsx(err: XlsxError) -> Option<OpenError> {
    matches!(err, XlsxError::Password).then(password_error)
}

fn describe_ods(err: OdsError) -> Option<OpenError> {
    matches!(err, OdsError::Password).then(password_error)
}

fn looks_like_markup(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    start.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

thread_local! {
    /// Set while this thread reads a workbook: its panics are reported as
    /// one error for the file, so the default hook must not print them.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `read`, turning a panic into `Err` with the panic's text. Other
/// threads' panics still reach the previous hook.
pub fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(read));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// A1 name of an absolute 0-based cell: (16, 4) → `E17`. Written without
/// the formatting machinery: every household's id cell is named.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = [0u8; 7];
    let mut start = letters.len();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        start -= 1;
        letters[start] = b'A' + ((n - 1) % 26) as u8;
        n = (n - 1) / 26;
    }
    let mut name = String::with_capacity(letters.len() - start + 10);
    name.extend(letters[start..].iter().map(|&b| char::from(b)));
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    let mut n = u64::from(row) + 1;
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    name.extend(digits[at..].iter().map(|&b| char::from(b)));
    name
}

/// (row, column), 0-based, of an A1 name; for sorting diagnostics.
pub fn parse_a1(cell: &str) -> Option<(u32, u32)> {
    let split = cell.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = cell.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1)) - 1;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(16, 4), "E17");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
        assert_eq!(a1(u32::MAX, u32::MAX), "MWLQKWV4294967296");
        for (row, col) in [(0, 0), (16, 4), (99, 26), (5, 702)] {
            assert_eq!(parse_a1(&a1(row, col)), Some((row, col)));
        }
        assert_eq!(parse_a1("17"), None);
        assert_eq!(parse_a1("E"), None);
    }

    #[test]
    fn panics_become_errors() {
        let result: Result<(), String> = guarded(|| panic!("hỏng"));
        assert_eq!(result, Err("hỏng".to_string()));
        assert_eq!(guarded(|| 7), Ok(7));
        assert!(!QUIET.with(Cell::get), "the flag is restored");
    }

    #[test]
    fn non_spreadsheets_are_one_message() {
        let dir = tempfile::tempdir().unwrap();
        let cases: [(&str, &[u8], &str); 4] = [
            ("rong.xlsx", b"", "tệp rỗng"),
            ("html.xls", b"  <html><table></table></html>", "trang HTML"),
            ("zip.xlsx", b"PK\x03\x04garbage", "tệp nén"),
            ("rac.ods", b"\x00\x01\x02 random bytes", "không phải bảng tính"),
        ];
        for (name, bytes, expected) in cases {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            let err = open(&path, "phiếu khảo sát").err().unwrap_or_else(|| panic!("{name} opened"));
            assert!(err.message.contains(expected), "{name}: {}", err.message);
        }
    }
}
