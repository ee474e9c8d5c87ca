//! One worksheet's cells, read within the limits of `super::limits` and
//! kept sparse, with legacy-encoded text already converted
//! (`super::decode`): what every reader of a sheet works from.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Sheets, Xlsx, XlsxError};

use super::limits::{self, Exceeded};
use super::{Book, a1};
use crate::vi::number::number_vi;

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
    /// How legacy-encoded text of the sheet was converted, if it had any.
    pub legacy: Option<super::decode::Converted>,
}

impl SheetData {
    /// Builds the sheet from its cells in any order; of two values given
    /// for one cell the later wins, as in the spreadsheet library.
    pub(super) fn new(name: &str, mut values: Vec<((u32, u32), Data)>, mut formulas: Vec<(u32, u32)>) -> Self {
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
        let mut values = deduped;
        let legacy = super::decode::convert_sheet(&mut values);
        SheetData { name: name.to_string(), values, formulas, row_starts, end, legacy }
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

    /// The non-empty values by absolute (row, column), in reading order.
    pub fn cells(&self) -> impl Iterator<Item = ((u32, u32), &Data)> {
        self.values.iter().map(|(pos, value)| (*pos, value))
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

    fn admit(&mut self, (row, col): (u32, u32), value: &Data) -> Result<(), SheetError> {
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
    let mut values = Vec::new();
    let mut formulas = Vec::new();
    match book {
        Sheets::Xlsx(xlsx) => {
            // A formula the library cannot expand fails the combined
            // read; values alone lose only the uncalculated-formula check.
            match xlsx_cells(xlsx, name, true, what) {
                Err(SheetError::Library(_)) => (values, formulas) = xlsx_cells(xlsx, name, false, what)?,
                other => (values, formulas) = other?,
            }
        }
        book => {
            let mut budget = Budget::new(what);
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

/// Non-empty values and formula cells of an `.xlsx` sheet, read cell by
/// cell within the limits of a fresh [`Budget`].
type Cells = (Vec<((u32, u32), Data)>, Vec<(u32, u32)>);

fn xlsx_cells(
    xlsx: &mut Xlsx<Cursor<Vec<u8>>>,
    name: &str,
    with_formulas: bool,
    what: &'static str,
) -> Result<Cells, SheetError> {
    let library = |e: XlsxError| SheetError::Library(e.to_string());
    let mut budget = Budget::new(what);
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
}
