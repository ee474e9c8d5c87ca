//! One worksheet's cells, read within the limits of `super::limits` and
//! kept sparse, with legacy-encoded text already converted
//! (`super::decode`): what every reader of a sheet works from.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Range, Reader, Sheets, Xlsx, XlsxError};

use super::decode::{self, Uses};
use super::limits::{self, Exceeded};
use super::{Book, Bytes, a1};
use crate::vi::number::number_vi;

type Hasher = foldhash::fast::RandomState;

/// A worksheet's non-empty cells, kept sparse: memory follows the cells a
/// sheet has, never the rectangle they span (two cells a million rows apart
/// are two cells). Values of formula cells are their cached results.
///
/// Texts are kept once per distinct text: the yes/no and category columns
/// repeat a handful of shared strings in every row, and a copy of each in
/// every cell was an allocation a cell. Readers that work something out of
/// a text (legacy decoding here, cleaning and meaning in the survey reader)
/// do it once per distinct text, by its [`TextId`].
pub struct SheetData {
    pub name: String,
    /// Non-empty values by absolute 0-based (row, column), sorted.
    values: CellBuf,
    /// The distinct texts, each a `Data::String`, legacy text converted.
    texts: Vec<Data>,
    /// The values that are neither text nor number, by [`Slot::Other`].
    others: Vec<Data>,
    /// Cells holding a non-empty formula, sorted.
    formulas: Vec<(u32, u32)>,
    /// Where each row's values start in `values`: `row_starts[r]` is the
    /// index of the first value in a row ≥ r, for every row up to the last
    /// and one past it. Every cell of every row is looked up, and a search
    /// of the whole sheet for each was a tenth of the intake.
    row_starts: Vec<u32>,
    /// Last used row and column (absolute) of the values.
    end: Option<(u32, u32)>,
    /// How legacy-encoded text of the sheet was converted, if it had any.
    pub legacy: Option<super::decode::Converted>,
}

/// A cell: its absolute 0-based (row, column) and its value, 24 bytes.
type Cell = ((u32, u32), Slot);

/// Which of a sheet's distinct texts a cell holds: cells holding the same
/// text have the same id, an index below [`SheetData::text_count`].
pub type TextId = u32;

/// A cell's value: a text of the sheet's table, a number, or any other
/// value kept aside. 16 bytes: a sheet's cells are texts and numbers, and
/// with any value in the cell (40 bytes a cell with its place) the cells
/// of a village's sheet were 5 MB to write and read back.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Text(TextId),
    Float(f64),
    /// An index in [`Cells::others`] / [`SheetData::others`].
    Other(u32),
}

/// The cells of a sheet as they are read, texts gathered into the table of
/// distinct texts as they come.
pub(super) struct Cells {
    values: CellBuf,
    texts: Vec<String>,
    others: Vec<Data>,
    /// The library's shared strings, by address: each is one string of the
    /// workbook's table, so its address names it without hashing its text.
    shared: HashMap<(usize, usize), TextId, Hasher>,
    /// The shared strings met last, by a few bits of their address: the
    /// yes/no and category answers are met in every row and found here,
    /// without a look in the (cache-missing) table of every text.
    recent: Vec<((usize, usize), TextId)>,
    /// Other texts (inline strings, `.xls` and `.ods` cells) by content;
    /// the text itself moves into `texts` at the end.
    owned: HashMap<String, TextId, Hasher>,
}

/// Entries of [`Cells::recent`]: a few kilobytes, within the fastest cache.
const RECENT: usize = 256;

/// Largest cell buffer a thread keeps for its next sheet (16 MiB).
const SPARE_CELLS: usize = 1 << 19;

thread_local! {
    /// The cell buffer of the last sheet dropped on this thread, emptied.
    /// The next sheet read here fills the same pages: a fresh buffer for
    /// each sheet was most of a run's page faults, a tenth of its time.
    static SPARE: RefCell<Vec<Cell>> = const { RefCell::new(Vec::new()) };
}

impl Default for Cells {
    fn default() -> Self {
        Cells {
            values: CellBuf(SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut()))),
            texts: Vec::new(),
            others: Vec::new(),
            shared: HashMap::default(),
            recent: Vec::new(),
            owned: HashMap::default(),
        }
    }
}

/// A sheet's cells, read or kept; dropped, the buffer goes back to its
/// thread's spare.
struct CellBuf(Vec<Cell>);

impl Drop for CellBuf {
    fn drop(&mut self) {
        let mut values = std::mem::take(&mut self.0);
        if values.capacity() <= SPARE_CELLS {
            values.clear();
            SPARE.with(|spare| {
                let mut spare = spare.borrow_mut();
                if values.capacity() > spare.capacity() {
                    *spare = values;
                }
            });
        }
    }
}

impl Cells {
    /// A value read as an owned `Data`: texts are gathered by content.
    pub(super) fn push(&mut self, pos: (u32, u32), value: Data) {
        let slot = match value {
            Data::String(text) => {
                let next = self.texts.len() as TextId;
                let id = match self.owned.get(text.as_str()) {
                    Some(&id) => id,
                    None => {
                        self.texts.push(String::new());
                        self.owned.insert(text, next);
                        next
                    }
                };
                Slot::Text(id)
            }
            Data::Float(value) => Slot::Float(value),
            value => {
                // The sheet's cell limit keeps the index within u32.
                self.others.push(value);
                Slot::Other(self.others.len() as u32 - 1)
            }
        };
        self.values.0.push((pos, slot));
    }

    /// A value as the `.xlsx` reader gives it: a shared string is copied
    /// the first time only.
    fn push_ref(&mut self, pos: (u32, u32), value: DataRef<'_>) {
        match value {
            DataRef::SharedString(text) => {
                let key = (text.as_ptr() as usize, text.len());
                if self.recent.is_empty() {
                    self.recent = vec![((0, usize::MAX), 0); RECENT];
                }
                let slot = (key.0 >> 3 ^ key.0 >> 11) % RECENT;
                let id = match self.recent[slot] {
                    (seen, id) if seen == key => id,
                    _ => {
                        let next = self.texts.len() as TextId;
                        let id = *self.shared.entry(key).or_insert_with(|| {
                            self.texts.push(text.to_string());
                            next
                        });
                        self.recent[slot] = (key, id);
                        id
                    }
                };
                self.values.0.push((pos, Slot::Text(id)));
            }
            value => self.push(pos, Data::from(value)),
        }
    }

    /// The cells, the distinct texts by id and the other values.
    fn finish(mut self) -> (Vec<Cell>, Vec<String>, Vec<Data>) {
        // Each text goes to the place its id names: the map's order does
        // not matter.
        #[allow(clippy::iter_over_hash_type)]
        for (text, id) in self.owned.drain() {
            self.texts[id as usize] = text;
        }
        (std::mem::take(&mut self.values.0), self.texts, self.others)
    }
}

impl SheetData {
    /// Builds the sheet from its cells in any order; of two values given
    /// for one cell the later wins, as in the spreadsheet library.
    #[cfg(test)]
    pub(super) fn new(name: &str, values: Vec<((u32, u32), Data)>, formulas: Vec<(u32, u32)>) -> Self {
        let mut cells = Cells::default();
        for (pos, value) in values {
            cells.push(pos, value);
        }
        Self::from_cells(name, cells, formulas)
    }

    pub(super) fn from_cells(name: &str, cells: Cells, mut formulas: Vec<(u32, u32)>) -> Self {
        let (mut values, mut texts, others) = cells.finish();
        // Stable sort, then keep the last of each run of equal positions
        // (in place: the later value moves into the slot that stays).
        // The `.xlsx` reader gives the cells in order: checked, not sorted.
        if !values.is_sorted_by_key(|(pos, _)| *pos) {
            values.sort_by_key(|(pos, _)| *pos);
        }
        values.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        let deduped = values;
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
        // Counted after the duplicates went: a text no cell holds any more
        // is no evidence of the sheet's font.
        let mut uses = vec![Uses { cells: 0, first: (0, 0) }; texts.len()];
        for (pos, slot) in &deduped {
            if let Slot::Text(id) = slot {
                let used = &mut uses[*id as usize];
                if used.cells == 0 {
                    used.first = *pos;
                }
                used.cells += 1;
            }
        }
        let legacy = decode::convert_sheet(&mut texts, &uses);
        let texts = texts.into_iter().map(Data::String).collect();
        SheetData { name: name.to_string(), values: CellBuf(deduped), texts, others, formulas, row_starts, end, legacy }
    }

    fn slot(&self, row: u32, col: u32) -> Option<&Slot> {
        let row = row as usize;
        let (Some(&start), Some(&stop)) = (self.row_starts.get(row), self.row_starts.get(row + 1)) else {
            return None;
        };
        let cells = &self.values.0[start as usize..stop as usize];
        // A table's rows are full from their first column on, or nearly
        // (a blank cell or two): the cell is where its column says or a
        // step or two before, and searched for only when not.
        let ((_, first), _) = cells.first()?;
        let first = *first;
        let guess = (col.saturating_sub(first) as usize).min(cells.len().saturating_sub(1));
        for i in (0..=guess).rev().take(3) {
            let ((_, c), slot) = &cells[i];
            if *c == col {
                return Some(slot);
            }
            if *c < col {
                return None;
            }
        }
        cells.binary_search_by_key(&col, |((_, c), _)| *c).ok().map(|i| &cells[i].1)
    }

    fn data(&self, slot: &Slot) -> Cow<'_, Data> {
        match *slot {
            Slot::Text(id) => Cow::Borrowed(&self.texts[id as usize]),
            Slot::Float(value) => Cow::Owned(Data::Float(value)),
            Slot::Other(index) => Cow::Borrowed(&self.others[index as usize]),
        }
    }

    pub fn value(&self, row: u32, col: u32) -> Cow<'_, Data> {
        self.slot(row, col).map_or(Cow::Owned(Data::Empty), |slot| self.data(slot))
    }

    /// The value of a cell with, for a text, which of the sheet's distinct
    /// texts it is.
    pub fn value_and_text(&self, row: u32, col: u32) -> (Cow<'_, Data>, Option<TextId>) {
        match self.slot(row, col) {
            Some(slot @ Slot::Text(id)) => (self.data(slot), Some(*id)),
            Some(slot) => (self.data(slot), None),
            None => (Cow::Owned(Data::Empty), None),
        }
    }

    /// The sheet's distinct texts, by [`TextId`], legacy text converted.
    pub fn texts(&self) -> impl ExactSizeIterator<Item = &str> {
        self.texts.iter().map(|text| match text {
            Data::String(text) => text.as_str(),
            _ => "",
        })
    }

    /// The non-empty values by absolute (row, column), in reading order.
    pub fn cells(&self) -> impl Iterator<Item = ((u32, u32), Cow<'_, Data>)> {
        self.values.0.iter().map(|(pos, slot)| (*pos, self.data(slot)))
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
pub(super) enum SheetError {
    Library(String),
    Limit { cell: Option<String>, exceeded: Exceeded },
}

/// Counts what a sheet's cells take while they are read, and stops at the
/// first limit gone over.
struct Budget {
    /// What the workbook is, as every refusal names it: `phiếu khảo sát`.
    what: &'static str,
    cells: usize,
    text_bytes: usize,
}

impl Budget {
    fn new(what: &'static str) -> Self {
        Budget { what, cells: 0, text_bytes: 0 }
    }

    /// Counts a cell holding `text` (`None`: a value that is no text).
    fn admit(&mut self, (row, col): (u32, u32), text: Option<&str>) -> Result<(), SheetError> {
        let refuse = |message: String, hint: &str| {
            Err(SheetError::Limit { cell: Some(a1(row, col)), exceeded: Exceeded { message, hint: hint.to_string() } })
        };
        if row >= limits::MAX_SHEET_ROWS {
            return refuse(
                format!(
                    "trang tính có dữ liệu ở dòng {}, quá giới hạn {} dòng của một {}",
                    number_vi(f64::from(row) + 1.0, 6),
                    number_vi(f64::from(limits::MAX_SHEET_ROWS), 6),
                    self.what
                ),
                "xóa các dòng thừa ở cuối trang tính (chọn các dòng, Delete Row) rồi lưu lại",
            );
        }
        self.cells += 1;
        if self.cells > limits::MAX_SHEET_CELLS {
            return refuse(
                format!(
                    "trang tính có hơn {} ô có dữ liệu, quá giới hạn của một {}",
                    number_vi(limits::MAX_SHEET_CELLS as f64, 6),
                    self.what
                ),
                "xóa các cột, dòng thừa của trang tính rồi lưu lại",
            );
        }
        let Some(text) = text else { return Ok(()) };
        // Bytes first: a cell of many bytes has many characters too, and
        // counting characters of a 10 MB string is the cost being avoided.
        if text.len() > limits::MAX_CELL_CHARS && text.chars().count() > limits::MAX_CELL_CHARS {
            return refuse(
                format!(
                    "ô có {} ký tự, quá giới hạn {} ký tự một ô của Excel",
                    number_vi(text.chars().count() as f64, 6),
                    number_vi(limits::MAX_CELL_CHARS as f64, 6)
                ),
                "xóa hoặc rút ngắn nội dung ô rồi lưu lại",
            );
        }
        self.text_bytes += text.len();
        if self.text_bytes > limits::MAX_SHEET_TEXT_BYTES {
            return refuse(
                format!(
                    "chữ trong trang tính nặng hơn {}, quá giới hạn của một {}",
                    limits::mib(limits::MAX_SHEET_TEXT_BYTES as u64),
                    self.what
                ),
                "xóa các ô ghi chú dài, các dòng, cột thừa rồi lưu lại",
            );
        }
        Ok(())
    }
}

/// The cells of sheet `name` of `book`, within the limits.
///
/// `.xlsx` sheets are read cell by cell, so reading stops at the first
/// cell over a limit and nothing larger is ever held. The other readers
/// give a whole sheet at once; their size is already bounded by the
/// file size (`.xls`) or the expansion checked at opening (`.ods`).
pub(super) fn read(book: &mut Book, name: &str, what: &'static str) -> Result<SheetData, SheetError> {
    let library = |e: &dyn std::fmt::Display| SheetError::Library(e.to_string());
    let (cells, formulas) = match book {
        Sheets::Xlsx(xlsx) => {
            // A formula the library cannot expand fails the combined
            // read; values alone lose only the uncalculated-formula check.
            match xlsx_cells(xlsx, name, true, what) {
                Err(SheetError::Library(_)) => xlsx_cells(xlsx, name, false, what)?,
                other => other?,
            }
        }
        book => {
            let (mut cells, mut formulas) = (Cells::default(), Vec::new());
            let mut budget = Budget::new(what);
            let range = book.worksheet_range(name).map_err(|e| library(&e))?;
            for (row, col, value) in range.used_cells() {
                let pos =
                    (range.start().map_or(0, |s| s.0) + row as u32, range.start().map_or(0, |s| s.1) + col as u32);
                budget.admit(pos, text_of(value))?;
                cells.push(pos, value.clone());
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
            (cells, formulas)
        }
    };
    Ok(SheetData::from_cells(name, cells, formulas))
}

/// The text a value holds, as the limits count it.
fn text_of(value: &Data) -> Option<&str> {
    match value {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s),
        _ => None,
    }
}

fn text_of_ref<'a>(value: &'a DataRef<'_>) -> Option<&'a str> {
    match value {
        DataRef::SharedString(s) => Some(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s),
        _ => None,
    }
}

/// Non-empty values and formula cells of an `.xlsx` sheet, read cell by
/// cell within the limits of a fresh [`Budget`].
fn xlsx_cells(
    xlsx: &mut Xlsx<Cursor<Bytes>>,
    name: &str,
    with_formulas: bool,
    what: &'static str,
) -> Result<(Cells, Vec<(u32, u32)>), SheetError> {
    let library = |e: XlsxError| SheetError::Library(e.to_string());
    let mut budget = Budget::new(what);
    let (mut cells, mut formulas) = (Cells::default(), Vec::new());
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(library)?;
    // Room for the cells the sheet declares, within the cell limit: no
    // copying as they come. Pages of room no cell fills are never touched,
    // so a sheet declaring more than it has costs no memory.
    let declared = reader.dimensions().len().min(limits::MAX_SHEET_CELLS as u64);
    cells.values.0.reserve(declared as usize);
    loop {
        let (pos, value, has_formula) = if with_formulas {
            let Some(cell) = reader.next_cell_with_formula().map_err(library)? else { break };
            let has_formula = cell.formula.as_deref().is_some_and(|f| !f.is_empty());
            (cell.pos, cell.value, has_formula)
        } else {
            let Some(cell) = reader.next_cell().map_err(library)? else { break };
            (cell.get_position(), cell.get_value().clone(), false)
        };
        let empty = value == DataRef::Empty;
        // Formulas without a cached value count too: they are kept, and a
        // million of them is no household sheet.
        if has_formula || !empty {
            budget.admit(pos, text_of_ref(&value))?;
        }
        if has_formula {
            formulas.push(pos);
        }
        if !empty {
            cells.push_ref(pos, value);
        }
    }
    Ok((cells, formulas))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(*sheet.value(0, 0), Data::Float(0.0));
        assert_eq!(*sheet.value(2, 0), Data::Float(20.0));
        assert_eq!(*sheet.value(2, 1), Data::Float(21.0));
        assert_eq!(*sheet.value(5, 2), Data::Float(99.0));
        for (row, col) in [(0, 1), (1, 0), (3, 0), (5, 0), (5, 3), (6, 0), (u32::MAX, 0)] {
            assert_eq!(*sheet.value(row, col), Data::Empty, "({row}, {col})");
        }
        assert!(sheet.has_formula(2, 1) && !sheet.has_formula(2, 0));
        let empty = SheetData::new("s", Vec::new(), Vec::new());
        assert_eq!((empty.end(), empty.value(0, 0).into_owned()), (None, Data::Empty));
    }

    #[test]
    fn every_kind_of_value_comes_back_as_given() {
        use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};
        let values = [
            Data::Float(2.5),
            Data::Int(-7),
            Data::Bool(true),
            Data::String("Có".into()),
            Data::DateTime(ExcelDateTime::new(45000.25, ExcelDateTimeType::DateTime, false)),
            Data::DateTimeIso("2023-06-30".into()),
            Data::DurationIso("PT1H".into()),
            Data::Error(CellErrorType::Div0),
        ];
        let cells: Vec<((u32, u32), Data)> =
            values.iter().enumerate().map(|(col, v)| ((1, col as u32), v.clone())).collect();
        // Each value given again one row down, after another value there:
        // the later wins, whatever the kinds.
        let twice = values
            .iter()
            .enumerate()
            .flat_map(|(col, v)| [((2, col as u32), Data::Int(col as i64)), ((2, col as u32), v.clone())]);
        let sheet = SheetData::new("s", cells.into_iter().chain(twice).collect(), Vec::new());
        for row in [1, 2] {
            for (col, value) in values.iter().enumerate() {
                assert_eq!(&*sheet.value(row, col as u32), value, "({row}, {col})");
            }
        }
        let listed: Vec<Data> = sheet.cells().filter(|((row, _), _)| *row == 1).map(|(_, v)| v.into_owned()).collect();
        assert_eq!(listed, values);
    }

    #[test]
    fn a_sparse_row_is_searched() {
        // Where a full row would have them (index = column − first column)
        // only the first is; 9 is more than a step or two before.
        let cells = [1, 4, 9, 20, 30, 40];
        let sheet =
            SheetData::new("s", cells.iter().map(|&col| ((3, col), Data::Float(f64::from(col)))).collect(), Vec::new());
        for col in cells {
            assert_eq!(*sheet.value(3, col), Data::Float(f64::from(col)), "column {col}");
        }
        for col in [0, 2, 3, 5, 10, 25, 41] {
            assert_eq!(*sheet.value(3, col), Data::Empty, "column {col}");
        }
    }

    #[test]
    fn a_sheet_read_after_another_keeps_none_of_its_cells() {
        let cell = |row, col| ((row, col), Data::Float(f64::from(row * 10 + col)));
        let first = SheetData::new("a", (0..50).flat_map(|r| (0..4).map(move |c| cell(r, c))).collect(), Vec::new());
        assert_eq!(*first.value(49, 3), Data::Float(493.0));
        drop(first);
        // Built on this thread from the buffer the first one left.
        let second = SheetData::new("b", vec![cell(1, 1)], Vec::new());
        assert_eq!(second.cells().count(), 1);
        assert_eq!(
            (second.end(), second.value(49, 3).into_owned(), second.value(0, 0).into_owned()),
            (Some((1, 1)), Data::Empty, Data::Empty)
        );
    }

    #[test]
    fn each_distinct_text_is_kept_once() {
        let text = |row, col, t: &str| ((row, col), Data::String(t.to_string()));
        let sheet = SheetData::new(
            "s",
            vec![text(0, 0, "Có"), text(1, 0, "Không"), text(2, 0, "Có"), text(2, 1, "x"), text(2, 1, "Có")],
            Vec::new(),
        );
        assert_eq!(sheet.texts().collect::<Vec<_>>(), ["Có", "Không", "x"]);
        let (value, id) = sheet.value_and_text(2, 0);
        assert_eq!((value.into_owned(), id), (Data::String("Có".into()), Some(0)));
        // The later of two values for one cell wins, text or not.
        assert_eq!(sheet.value_and_text(2, 1), (Cow::Owned(Data::String("Có".into())), Some(0)));
        assert_eq!(sheet.value_and_text(1, 0).1, Some(1));
        assert_eq!(sheet.value_and_text(5, 0), (Cow::Owned(Data::Empty), None));
        let cells: Vec<String> = sheet.cells().map(|(_, v)| v.to_string()).collect();
        assert_eq!(cells, ["Có", "Không", "Có", "Có"]);
    }
}
