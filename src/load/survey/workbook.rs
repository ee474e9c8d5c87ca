//! Opening one workbook file, whatever arrives: the reader is chosen by the
//! file's first bytes (villages rename `.xlsx` to `.xls`), a file that is not
//! a spreadsheet is one clean message, and a panic inside the spreadsheet
//! library is caught and becomes that message too. The limits of
//! `super::limits` are checked here: before the library sees the bytes
//! (file size, zip directory, `.ods` expansion) and while the household
//! sheet's cells are read (rows, cells, text).

use std::cell::Cell;
use std::fs;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Once;

use calamine::{Data, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Sheets, Xls, XlsError, Xlsx, XlsxError};

use super::limits::{self, Exceeded};
use super::numtext;

type Book = Sheets<Cursor<Vec<u8>>>;

/// A worksheet's non-empty cells, kept sparse: memory follows the cells a
/// sheet has, never the rectangle they span (two cells a million rows apart
/// are two cells). Values of formula cells are their cached results.
pub struct SheetData {
    pub name: String,
    /// Non-empty values by absolute 0-based (row, column), sorted.
    values: Vec<((u32, u32), Data)>,
    /// Cells holding a non-empty formula, sorted.
    formulas: Vec<(u32, u32)>,
    /// Where each row's values start in `values`: `row_starts[r]` is the
    /// index of the first value in a row ≥ r, for every row up to the last
    /// and one past it. Every cell of every row is looked up, and a search
    /// of the whole sheet for each was a tenth of the intake.
    row_starts: Vec<u32>,
    /// Last used row and column (absolute) of the values.
    end: Option<(u32, u32)>,
}

impl SheetData {
    /// Builds the sheet from its cells in any order; of two values given
    /// for one cell the later wins, as in the spreadsheet library.
    fn new(name: &str, mut values: Vec<((u32, u32), Data)>, mut formulas: Vec<(u32, u32)>) -> Self {
        // Stable sort, then keep the last of each run of equal positions.
        values.sort_by_key(|(pos, _)| *pos);
        let mut deduped: Vec<((u32, u32), Data)> = Vec::with_capacity(values.len());
        for cell in values {
            match deduped.last_mut() {
                Some(last) if last.0 == cell.0 => *last = cell,
                _ => deduped.push(cell),
            }
        }
        formulas.sort_unstable();
        formulas.dedup();
        let end = deduped.iter().fold(None, |end: Option<(u32, u32)>, ((row, col), _)| {
            Some(end.map_or((*row, *col), |(r, c)| (r.max(*row), c.max(*col))))
        });
        // The sheet's limits (100,000 rows, 2,000,000 cells) keep both
        // this index and its u32 offsets small.
        let rows = end.map_or(0, |(row, _)| row as usize + 2);
        let mut row_starts = Vec::with_capacity(rows);
        let mut i = 0;
        for row in 0..rows {
            while i < deduped.len() && (deduped[i].0.0 as usize) < row {
                i += 1;
            }
            row_starts.push(i as u32);
        }
        SheetData { name: name.to_string(), values: deduped, formulas, row_starts, end }
    }

    pub fn value(&self, row: u32, col: u32) -> &Data {
        static EMPTY: Data = Data::Empty;
        let row = row as usize;
        let (Some(&start), Some(&stop)) = (self.row_starts.get(row), self.row_starts.get(row + 1)) else {
            return &EMPTY;
        };
        let cells = &self.values[start as usize..stop as usize];
        match cells.binary_search_by_key(&col, |((_, c), _)| *c) {
            Ok(i) => &cells[i].1,
            Err(_) => &EMPTY,
        }
    }

    pub fn has_formula(&self, row: u32, col: u32) -> bool {
        self.formulas.binary_search(&(row, col)).is_ok()
    }

    /// Last used row and column (absolute), `None` for an empty sheet.
    pub fn end(&self) -> Option<(u32, u32)> {
        self.end
    }
}

/// Why a sheet could not be read: the library's own words, or a limit of
/// `super::limits` gone over at a cell.
#[derive(Debug)]
pub enum SheetError {
    Library(String),
    Limit { cell: Option<String>, exceeded: Exceeded },
}

/// Counts what a sheet's cells take while they are read, and stops at the
/// first limit gone over.
#[derive(Default)]
struct Budget {
    cells: usize,
    text_bytes: usize,
}

impl Budget {
    fn admit(&mut self, (row, col): (u32, u32), value: &Data) -> Result<(), SheetError> {
        let refuse = |message: String, hint: &str| {
            Err(SheetError::Limit { cell: Some(a1(row, col)), exceeded: Exceeded { message, hint: hint.to_string() } })
        };
        if row >= limits::MAX_SHEET_ROWS {
            return refuse(
                format!(
                    "trang tính có dữ liệu ở dòng {}, quá giới hạn {} dòng của một phiếu khảo sát",
                    numtext::format(f64::from(row) + 1.0),
                    numtext::format(f64::from(limits::MAX_SHEET_ROWS))
                ),
                "xóa các dòng thừa ở cuối trang tính (chọn các dòng, Delete Row) rồi lưu lại; \
                 một thôn không có đến ngần ấy hộ",
            );
        }
        self.cells += 1;
        if self.cells > limits::MAX_SHEET_CELLS {
            return refuse(
                format!(
                    "trang tính có hơn {} ô có dữ liệu, quá giới hạn của một phiếu khảo sát",
                    numtext::format(limits::MAX_SHEET_CELLS as f64)
                ),
                "xóa các cột, dòng thừa của trang danh sách hộ rồi lưu lại",
            );
        }
        let text = match value {
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.as_str(),
            _ => return Ok(()),
        };
        // Bytes first: a cell of many bytes has many characters too, and
        // counting characters of a 10 MB string is the cost being avoided.
        if text.len() > limits::MAX_CELL_CHARS && text.chars().count() > limits::MAX_CELL_CHARS {
            return refuse(
                format!(
                    "ô có {} ký tự, quá giới hạn {} ký tự một ô của Excel",
                    numtext::format(text.chars().count() as f64),
                    numtext::format(limits::MAX_CELL_CHARS as f64)
                ),
                "ô này không phải số liệu của một hộ: xóa hoặc rút ngắn nội dung ô rồi lưu lại",
            );
        }
        self.text_bytes += text.len();
        if self.text_bytes > limits::MAX_SHEET_TEXT_BYTES {
            return refuse(
                format!(
                    "chữ trong trang tính nặng hơn {}, quá giới hạn của một phiếu khảo sát",
                    limits::mib(limits::MAX_SHEET_TEXT_BYTES as u64)
                ),
                "xóa các ô ghi chú dài, các dòng, cột thừa rồi lưu lại",
            );
        }
        Ok(())
    }
}

/// An open workbook and its visible worksheets, in the workbook's order.
pub struct Workbook {
    book: Book,
    pub visible_sheets: Vec<String>,
}

impl Workbook {
    /// The cells of a sheet, within the limits.
    ///
    /// `.xlsx` sheets are read cell by cell, so reading stops at the first
    /// cell over a limit and nothing larger is ever held. The other readers
    /// give a whole sheet at once; their size is already bounded by the
    /// file size (`.xls`) or the expansion checked at opening (`.ods`).
    pub fn sheet(&mut self, name: &str) -> Result<SheetData, SheetError> {
        let library = |e: &dyn std::fmt::Display| SheetError::Library(e.to_string());
        let mut budget = Budget::default();
        let mut values = Vec::new();
        let mut formulas = Vec::new();
        match &mut self.book {
            Sheets::Xlsx(xlsx) => {
                // A formula the library cannot expand fails the combined
                // read; values alone lose only the uncalculated-formula check.
                match xlsx_cells(xlsx, name, true) {
                    Err(SheetError::Library(_)) => (values, formulas) = xlsx_cells(xlsx, name, false)?,
                    other => (values, formulas) = other?,
                }
            }
            book => {
                let range = book.worksheet_range(name).map_err(|e| library(&e))?;
                for (row, col, value) in range.used_cells() {
                    let pos =
                        (range.start().map_or(0, |s| s.0) + row as u32, range.start().map_or(0, |s| s.1) + col as u32);
                    budget.admit(pos, value)?;
                    values.push((pos, value.clone()));
                }
                drop(range);
                // Formulas only tell "formula without a cached value" apart
                // from an empty cell; a reader that cannot give them loses
                // only that check.
                let formula_range: Range<String> = book.worksheet_formula(name).unwrap_or_default();
                let start = formula_range.start().unwrap_or((0, 0));
                formulas.extend(
                    formula_range
                        .used_cells()
                        .filter(|(_, _, f)| !f.is_empty())
                        .map(|(row, col, _)| (start.0 + row as u32, start.1 + col as u32)),
                );
            }
        }
        Ok(SheetData::new(name, values, formulas))
    }
}

/// Non-empty values and formula cells of an `.xlsx` sheet, read cell by
/// cell within the limits of a fresh [`Budget`].
type Cells = (Vec<((u32, u32), Data)>, Vec<(u32, u32)>);

fn xlsx_cells(xlsx: &mut Xlsx<Cursor<Vec<u8>>>, name: &str, with_formulas: bool) -> Result<Cells, SheetError> {
    let library = |e: XlsxError| SheetError::Library(e.to_string());
    let mut budget = Budget::default();
    let (mut values, mut formulas) = (Vec::new(), Vec::new());
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(library)?;
    loop {
        let (pos, value, has_formula) = if with_formulas {
            let Some(cell) = reader.next_cell_with_formula().map_err(library)? else { break };
            let has_formula = cell.formula.as_deref().is_some_and(|f| !f.is_empty());
            (cell.pos, Data::from(cell.value), has_formula)
        } else {
            let Some(cell) = reader.next_cell().map_err(library)? else { break };
            (cell.get_position(), Data::from(cell.get_value().clone()), false)
        };
        // Formulas without a cached value count too: they are kept, and a
        // million of them is no household sheet.
        if has_formula || value != Data::Empty {
            budget.admit(pos, &value)?;
        }
        if has_formula {
            formulas.push(pos);
        }
        if value != Data::Empty {
            values.push((pos, value));
        }
    }
    Ok((values, formulas))
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

    fn limit(exceeded: Exceeded) -> Self {
        OpenError { message: exceeded.message, hint: Some(exceeded.hint) }
    }
}

/// The file's bytes, refused past `MAX_FILE_BYTES` without reading them
/// all (the size is checked on what is read, not only on what the folder
/// says, in case the file grows meanwhile).
fn read_bounded(path: &Path) -> Result<Vec<u8>, OpenError> {
    let unreadable = |err: std::io::Error| OpenError::new(format!("không đọc được tệp: {err}"), None);
    let file = fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > limits::MAX_FILE_BYTES {
        return Err(OpenError::limit(limits::file_too_large(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(OpenError::limit(limits::file_too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

pub(super) const RESAVE: &str = "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx";

/// Opens `path` as a spreadsheet.
pub fn open(path: &Path) -> Result<Workbook, OpenError> {
    let bytes = read_bounded(path)?;
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
    limits::check_zip(&bytes).map_err(OpenError::limit)?;
    limits::check_ods(&bytes).map_err(OpenError::limit)?;
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
    super::xls_check::check_xls(&bytes).map_err(OpenError::limit)?;
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
    fn cells_are_found_by_row_and_column() {
        let cell = |row, col, v: f64| ((row, col), Data::Float(v));
        // Given out of order, with a gap of rows and a cell given twice.
        let sheet = SheetData::new(
            "s",
            vec![cell(5, 2, 52.0), cell(0, 0, 0.0), cell(2, 1, 21.0), cell(2, 0, 20.0), cell(5, 2, 99.0)],
            vec![(2, 1)],
        );
        assert_eq!(sheet.end(), Some((5, 2)));
        assert_eq!(sheet.value(0, 0), &Data::Float(0.0));
        assert_eq!(sheet.value(2, 0), &Data::Float(20.0));
        assert_eq!(sheet.value(2, 1), &Data::Float(21.0));
        assert_eq!(sheet.value(5, 2), &Data::Float(99.0));
        for (row, col) in [(0, 1), (1, 0), (3, 0), (5, 0), (5, 3), (6, 0), (u32::MAX, 0)] {
            assert_eq!(sheet.value(row, col), &Data::Empty, "({row}, {col})");
        }
        assert!(sheet.has_formula(2, 1) && !sheet.has_formula(2, 0));
        let empty = SheetData::new("s", Vec::new(), Vec::new());
        assert_eq!((empty.end(), empty.value(0, 0)), (None, &Data::Empty));
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
