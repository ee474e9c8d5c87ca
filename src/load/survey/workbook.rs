//! Opening one workbook file, whatever arrives: the reader is chosen by the
//! file's first bytes (villages rename `.xlsx` to `.xls`), a file that is not
//! a spreadsheet is one clean message, and a panic inside the spreadsheet
//! library is caught and becomes that message too.

use std::cell::Cell;
use std::fs;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use calamine::{Data, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Sheets, Xls, XlsError, Xlsx, XlsxError};

type Book = Sheets<Cursor<Vec<u8>>>;

/// A worksheet's cells: values (formula cells hold their cached result) and
/// formulas, both addressed by absolute 0-based (row, column).
pub struct SheetData {
    pub name: String,
    pub values: Range<Data>,
    pub formulas: Range<String>,
}

impl SheetData {
    pub fn value(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        self.values.get_value((row, col)).unwrap_or(&EMPTY)
    }

    pub fn has_formula(&self, row: u32, col: u32) -> bool {
        self.formulas.get_value((row, col)).is_some_and(|f| !f.is_empty())
    }

    /// Last used row and column (absolute), `None` for an empty sheet.
    pub fn end(&self) -> Option<(u32, u32)> {
        self.values.end()
    }
}

/// An open workbook and its visible worksheets, in the workbook's order.
pub struct Workbook {
    book: Book,
    pub visible_sheets: Vec<String>,
}

impl Workbook {
    /// The cells of a sheet; `None` when the library cannot read it.
    pub fn sheet(&mut self, name: &str) -> Result<SheetData, String> {
        let values = self.book.worksheet_range(name).map_err(|e| e.to_string())?;
        // Formulas only tell "formula without a cached value" apart from an
        // empty cell; a reader that cannot give them loses only that check.
        let formulas = self.book.worksheet_formula(name).unwrap_or_default();
        Ok(SheetData { name: name.to_string(), values, formulas })
    }
}

/// Why a file could not be opened, in Vietnamese, with a hint when ntm knows one.
pub struct OpenError {
    pub message: String,
    pub hint: Option<String>,
}

impl OpenError {
    fn new(message: impl Into<String>, hint: Option<&str>) -> Self {
        OpenError { message: message.into(), hint: hint.map(str::to_string) }
    }
}

const RESAVE: &str = "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx";

/// Opens `path` as a spreadsheet.
pub fn open(path: &Path) -> Result<Workbook, OpenError> {
    let bytes = fs::read(path).map_err(|err| OpenError::new(format!("không đọc được tệp: {err}"), None))?;
    let book = if bytes.is_empty() {
        return Err(OpenError::new("tệp rỗng (0 byte), không phải bảng tính", Some(RESAVE)));
    } else if bytes.starts_with(b"PK\x03\x04") {
        open_zip(path, bytes)?
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
    Ok(Workbook { book, visible_sheets })
}

/// A zip is an `.xlsx`/`.xlsm` or an `.ods`; try the one the name says first.
fn open_zip(path: &Path, bytes: Vec<u8>) -> Result<Book, OpenError> {
    let ods_first = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    let as_xlsx = |bytes: Vec<u8>| Xlsx::new(Cursor::new(bytes)).map(Sheets::Xlsx);
    let as_ods = |bytes: Vec<u8>| Ods::new(Cursor::new(bytes)).map(Sheets::Ods);
    let (first, second) = if ods_first {
        (as_ods(bytes.clone()).map_err(describe_ods), as_xlsx(bytes).map_err(describe_xlsx))
    } else {
        (as_xlsx(bytes.clone()).map_err(describe_xlsx), as_ods(bytes).map_err(describe_ods))
    };
    match (first, second) {
        (Ok(book), _) | (_, Ok(book)) => Ok(book),
        (Err(Some(password)), _) | (_, Err(Some(password))) => Err(password),
        (Err(None), Err(None)) => Err(OpenError::new(
            "tệp nén (zip) nhưng không phải bảng tính .xlsx hay .ods, hoặc đã bị hỏng",
            Some(RESAVE),
        )),
    }
}

/// An OLE compound file is an Excel 97–2003 `.xls`, or an `.xlsx` encrypted
/// with a password (Office wraps those in the same container).
fn open_compound(bytes: Vec<u8>) -> Result<Book, OpenError> {
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

/// A1 name of an absolute 0-based cell: (16, 4) → `E17`.
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap_or_default(), row + 1)
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
            let err = open(&path).err().unwrap_or_else(|| panic!("{name} opened"));
            assert!(err.message.contains(expected), "{name}: {}", err.message);
        }
    }
}
