//! Reading the table's rows into households: where the data ends, which
//! row is the totals row, each cell through its column's reader, then the
//! rules between columns (insured ≤ members, trained ≤ workers).
//!
//! Every cell of every row is read even after an error, so a clerk sees all
//! the workbook's problems in one run, not one per run.

use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::cells::{self, Refusal, Texts, Value};
use super::form::{ColumnKey, ColumnKind, Form};
use super::model::Household;
use super::sheet::Layout;
use crate::diag::{Diagnostic, Location};
use crate::load::workbook::{SheetData, a1};
use crate::model::money::Money;
use crate::vi::number::decimal_to_f64;
use crate::vi::number::number_vi;
use crate::vi::numtext;

/// The household ids of a sheet and the cells they were read from, for the
/// commune-wide uniqueness check (taken even from rows with other errors).
///
/// Kept in two strings, not a string an id: the check runs on one thread
/// once every workbook is read, and allocating and freeing a copy of every
/// id there was most of what the intake did after reading.
#[derive(Debug, Default)]
pub struct IdCells {
    /// The ids, one after another.
    text: String,
    /// Their keys, one after another: lower case, since `hgd01` and
    /// `HGD01` are one household typed twice, not two.
    keys: String,
    /// Where each id's text and key end, and its cell (absolute, 0-based).
    ends: Vec<(u32, u32, (u32, u32))>,
    /// The ids by key, then in reading order; made by [`IdCells::finish`].
    by_key: Vec<u32>,
}

/// One id of [`IdCells`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdCell<'a> {
    pub id: &'a str,
    pub key: &'a str,
    /// Absolute 0-based (row, column).
    pub at: (u32, u32),
}

impl IdCell<'_> {
    /// The A1 name of the cell.
    pub fn cell(&self) -> String {
        a1(self.at.0, self.at.1)
    }
}

impl IdCells {
    fn push(&mut self, id: &str, at: (u32, u32)) {
        self.text.push_str(id);
        if id.is_ascii() {
            self.keys.extend(id.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            self.keys.push_str(&id.to_lowercase());
        }
        // The sheet's text limit (64 MiB) keeps the offsets within u32.
        self.ends.push((self.text.len() as u32, self.keys.len() as u32, at));
    }

    /// Sorts the ids by key on the reading thread, so the commune's check
    /// only merges the workbooks' sorted lists.
    fn finish(&mut self) {
        let mut by_key: Vec<u32> = (0..self.ends.len() as u32).collect();
        by_key.sort_by(|&a, &b| self.get(a as usize).key.cmp(self.get(b as usize).key));
        self.by_key = by_key;
    }

    pub fn get(&self, n: usize) -> IdCell<'_> {
        let (text_start, key_start) = match n.checked_sub(1).map(|p| self.ends[p]) {
            Some((text, key, _)) => (text as usize, key as usize),
            None => (0, 0),
        };
        let (text_end, key_end, at) = self.ends[n];
        IdCell { id: &self.text[text_start..text_end as usize], key: &self.keys[key_start..key_end as usize], at }
    }

    /// Indices of the ids, by key, then in reading order.
    pub fn by_key(&self) -> impl Iterator<Item = usize> + '_ {
        self.by_key.iter().map(|&n| n as usize)
    }
}

/// What the rows of one sheet gave.
#[derive(Debug, Default)]
pub struct TableRead {
    pub households: Vec<Household>,
    pub ids: IdCells,
}

struct Reader<'a> {
    sheet: &'a SheetData,
    texts: &'a Texts<'a>,
    /// `layout.columns` by `key as usize`: looked up for every cell.
    columns: [Option<u32>; KEYS],
    form: &'a Form,
    layout: &'a Layout,
    file: &'a Path,
    out: &'a mut Vec<Diagnostic>,
    errors: usize,
}

/// A row's cells in the form's columns, each classified once: a row is
/// asked whether it is blank, whether it is the totals row and then read
/// as a household.
struct Row<'a> {
    index: u32,
    cells: [Value<'a>; KEYS],
    stt: Option<Value<'a>>,
}

const KEYS: usize = ColumnKey::ALL.len();

impl<'a> Row<'a> {
    fn get(&self, key: ColumnKey) -> &Value<'a> {
        &self.cells[key as usize]
    }

    /// No value in any of the form's columns. Notes in other columns do not
    /// count, nor does `STT`: templates come numbered far below the data.
    fn is_blank(&self, layout: &Layout) -> bool {
        layout.columns.keys().all(|&key| self.get(key).is_blank())
    }

    fn lacks_id_and_name(&self) -> bool {
        self.get(ColumnKey::HouseholdId).is_blank() && self.get(ColumnKey::HeadName).is_blank()
    }
}

/// A totals row's figures: (key, value, row, col) of each cell holding a number.
type TotalsRow = Vec<(ColumnKey, f64, u32, u32)>;

pub fn read_table(
    sheet: &SheetData,
    form: &Form,
    layout: &Layout,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) -> TableRead {
    let texts = Texts::of(sheet);
    let columns = ColumnKey::ALL.map(|key| layout.columns.get(&key).copied());
    let mut reader = Reader { sheet, texts: &texts, columns, form, layout, file, out, errors: 0 };
    let mut table = TableRead::default();
    let mut totals: Vec<TotalsRow> = Vec::new();
    let Some((last_row, _)) = sheet.end() else { return table };

    // The table ends at the first row without id and name that only empty
    // rows follow: after the last non-empty row, or at it when it has
    // neither (an unlabelled sums row, a stray figure).
    let last_filled = (layout.data_start..=last_row).rev().find(|&row| !reader.row(row).is_blank(layout));
    let Some(last_filled) = last_filled else { return table };
    let end = if reader.row(last_filled).lacks_id_and_name() { last_filled } else { last_filled + 1 };
    // Room for a household a row (the sheet's row limit bounds it): growing
    // by doubling copied the households read so far into fresh pages each
    // time. Room no household fills is never touched, so costs no memory.
    let rows = end.saturating_sub(layout.data_start) as usize;
    table.households.reserve(rows);
    table.ids.ends.reserve(rows);

    for index in layout.data_start..=last_filled {
        let row = reader.row(index);
        if reader.is_totals_row(&row) {
            totals.push(reader.totals_row(&row));
        } else if index >= end {
            reader.out.push(Diagnostic::note(
                reader.at(index, reader.col(ColumnKey::HouseholdId)),
                format!("dòng {} ở cuối bảng không có mã hộ và họ tên chủ hộ nên không được đọc là một hộ", index + 1),
            ));
        } else if row.is_blank(layout) {
            continue;
        } else if row.lacks_id_and_name() {
            reader.error_at(
                index,
                reader.col(ColumnKey::HouseholdId),
                "dòng có số liệu nhưng thiếu cả mã hộ và họ tên chủ hộ".into(),
                Some("ghi mã hộ và họ tên chủ hộ, hoặc xóa dòng".into()),
            );
        } else if let Some(household) = reader.household(&row, &mut table.ids) {
            table.households.push(household);
        }
    }

    table.ids.finish();
    // Figures of an excluded sheet are not compared: the sum would be wrong.
    if reader.errors == 0 {
        for row in &totals {
            reader.check_totals(row, &table.households);
        }
    }
    table
}

impl<'a> Reader<'a> {
    fn col(&self, key: ColumnKey) -> u32 {
        self.columns[key as usize].unwrap_or_default()
    }

    fn at(&self, row: u32, col: u32) -> Location {
        Location::Cell { file: self.file.to_path_buf(), sheet: self.sheet.name.clone(), cell: a1(row, col) }
    }

    fn row(&self, index: u32) -> Row<'a> {
        let cells = self.columns.map(|col| match col {
            Some(col) => Value::at(self.sheet, self.texts, index, col),
            None => Value::Empty,
        });
        Row { index, cells, stt: self.layout.stt.map(|col| Value::at(self.sheet, self.texts, index, col)) }
    }

    fn error_at(&mut self, row: u32, col: u32, message: String, hint: Option<String>) {
        let diagnostic = Diagnostic::error(self.at(row, col), message);
        self.out.push(match hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        });
        self.errors += 1;
    }

    fn refused(&mut self, row: u32, key: ColumnKey, refusal: Refusal) {
        self.error_at(row, self.col(key), refusal.message, refusal.hint);
    }

    fn is_totals_row(&self, row: &Row<'_>) -> bool {
        [Some(row.get(ColumnKey::HouseholdId)), Some(row.get(ColumnKey::HeadName)), row.stt.as_ref()]
            .into_iter()
            .flatten()
            .any(|value| match value {
                Value::Text(text) => self.form.is_totals_word(text),
                _ => false,
            })
    }

    fn household(&mut self, cells: &Row<'_>, ids: &mut IdCells) -> Option<Household> {
        let row = cells.index;
        let errors_before = self.errors;
        // By `key as usize`; `None` where the cell was refused.
        let mut texts: [Option<Option<String>>; KEYS] = Default::default();
        let mut numbers: [Option<Decimal>; KEYS] = [None; KEYS];
        let mut flags: [Option<bool>; KEYS] = [None; KEYS];
        let mut poverty = None;
        let mut housing = None;
        for column in &self.form.columns {
            let key = column.key;
            let value = cells.get(key);
            let read = match key.kind() {
                ColumnKind::Text => cells::text(column, value).map(|t| texts[key as usize] = Some(t)),
                ColumnKind::WholeNumber | ColumnKind::Number => {
                    let whole = key.kind() == ColumnKind::WholeNumber;
                    cells::number(column, value, whole).and_then(|n| match (n, key) {
                        // A blank count is none; blank members or income is missing data.
                        (None, ColumnKey::Members | ColumnKey::Income) => Err(Refusal {
                            message: format!("cột “{}” để trống; cần {}", column.header, required_figure(key)),
                            hint: None,
                        }),
                        (Some(n), _) if whole && greater(n, Decimal::from(u32::MAX)) => {
                            Err(cells::too_large(column, value))
                        }
                        (Some(n), ColumnKey::Income) if Money::new(n).is_none() => Err(cells::too_large(column, value)),
                        (n, _) => {
                            numbers[key as usize] = Some(n.unwrap_or_default());
                            Ok(())
                        }
                    })
                }
                ColumnKind::YesNo => cells::yes_no(self.form, column, value).map(|b| flags[key as usize] = Some(b)),
                ColumnKind::Poverty => cells::poverty(self.form, column, value).map(|p| poverty = Some(p)),
                ColumnKind::Housing => cells::housing(self.form, column, value).map(|h| housing = Some(h)),
            };
            if let Err(refusal) = read {
                self.refused(row, key, refusal);
            }
        }

        let [id, name] = [ColumnKey::HouseholdId, ColumnKey::HeadName].map(|key| texts[key as usize].take());
        let read_id = id.is_some();
        let read_name = name.is_some();
        let (id, name) = (id.flatten(), name.flatten());
        if let Some(id) = &id {
            ids.push(id, (row, self.col(ColumnKey::HouseholdId)));
        } else if read_id {
            let about = name.as_deref().map(|n| format!(" (chủ hộ {n})")).unwrap_or_default();
            self.error_at(row, self.col(ColumnKey::HouseholdId), format!("thiếu mã hộ{about}"), None);
        }
        if name.is_none() && read_name {
            let about = id.as_deref().map(|i| format!(" (mã hộ {i})")).unwrap_or_default();
            self.error_at(row, self.col(ColumnKey::HeadName), format!("thiếu họ tên chủ hộ{about}"), None);
        }
        self.check_not_more(row, &numbers, ColumnKey::Insured, ColumnKey::Members);
        self.check_not_more(row, &numbers, ColumnKey::TrainedWorkers, ColumnKey::Workers);
        if numbers[ColumnKey::Members as usize].is_some_and(|n| n.is_zero()) {
            let header = &self.form.column(ColumnKey::Members).header;
            self.error_at(row, self.col(ColumnKey::Members), format!("cột “{header}” ghi 0; cần ít nhất 1"), None);
        }
        if self.errors > errors_before {
            return None;
        }
        let whole = |key: ColumnKey| numbers[key as usize].and_then(|n| n.to_u32()).unwrap_or_default();
        let flag = |key: ColumnKey| flags[key as usize].unwrap_or_default();
        Some(Household {
            id: id?,
            head_name: name?,
            members: whole(ColumnKey::Members),
            // Refused above when it is not an amount.
            income: Money::new(numbers[ColumnKey::Income as usize]?)?,
            poverty: poverty?,
            housing: housing?,
            clean_water: flag(ColumnKey::CleanWater),
            sanitary_toilet: flag(ColumnKey::SanitaryToilet),
            waste_sorting: flag(ColumnKey::WasteSorting),
            insured: whole(ColumnKey::Insured),
            workers: whole(ColumnKey::Workers),
            trained_workers: whole(ColumnKey::TrainedWorkers),
            cultural_family: flag(ColumnKey::CulturalFamily),
            row: row + 1,
        })
    }

    /// `part` ≤ `whole`, reported at the part's cell.
    fn check_not_more(&mut self, row: u32, numbers: &[Option<Decimal>; KEYS], part: ColumnKey, whole: ColumnKey) {
        if let (Some(p), Some(w)) = (numbers[part as usize], numbers[whole as usize])
            && greater(p, w)
        {
            let (part_header, whole_header) = (&self.form.column(part).header, &self.form.column(whole).header);
            let message = format!(
                "cột “{part_header}” ghi {}, lớn hơn “{whole_header}” ({}) của cùng hộ; cần không quá {}",
                number_vi(decimal_to_f64(p), 6),
                number_vi(decimal_to_f64(w), 6),
                number_vi(decimal_to_f64(w), 6)
            );
            self.error_at(row, self.col(part), message, None);
        }
    }

    /// The figures a totals row states, in the columns that have a sum.
    fn totals_row(&mut self, row: &Row<'_>) -> TotalsRow {
        let mut figures = Vec::new();
        for column in &self.form.columns {
            let summed = matches!(column.kind(), ColumnKind::WholeNumber | ColumnKind::Number | ColumnKind::YesNo);
            if !summed {
                continue;
            }
            let (index, col) = (row.index, self.col(column.key));
            match row.get(column.key) {
                &Value::Number(n) => figures.push((column.key, n, index, col)),
                Value::Text(t) => {
                    figures.extend(numtext::parse(t).map(|n| (column.key, decimal_to_f64(n), index, col)))
                }
                Value::FormulaError(e) => self.out.push(Diagnostic::warning(
                    self.at(index, col),
                    format!("ô tổng cộng của cột “{}” có lỗi công thức {e}; không đối chiếu được", column.header),
                )),
                _ => {}
            }
        }
        figures
    }

    fn check_totals(&mut self, totals: &TotalsRow, households: &[Household]) {
        for &(key, stated, row, col) in totals {
            let all = households.iter();
            let (sum, what) = match key {
                ColumnKey::Members => (all.map(|h| f64::from(h.members)).sum::<f64>(), "cộng các hộ trong bảng"),
                ColumnKey::Income => (all.map(|h| h.income).sum::<Money>().to_f64(), "cộng các hộ trong bảng"),
                ColumnKey::Insured => (all.map(|h| f64::from(h.insured)).sum(), "cộng các hộ trong bảng"),
                ColumnKey::Workers => (all.map(|h| f64::from(h.workers)).sum(), "cộng các hộ trong bảng"),
                ColumnKey::TrainedWorkers => {
                    (all.map(|h| f64::from(h.trained_workers)).sum(), "cộng các hộ trong bảng")
                }
                ColumnKey::CleanWater => (all.filter(|h| h.clean_water).count() as f64, "số hộ ghi có trong bảng"),
                ColumnKey::SanitaryToilet => {
                    (all.filter(|h| h.sanitary_toilet).count() as f64, "số hộ ghi có trong bảng")
                }
                ColumnKey::WasteSorting => (all.filter(|h| h.waste_sorting).count() as f64, "số hộ ghi có trong bảng"),
                ColumnKey::CulturalFamily => {
                    (all.filter(|h| h.cultural_family).count() as f64, "số hộ ghi có trong bảng")
                }
                _ => continue,
            };
            if (stated - sum).abs() > 1e-6 * sum.abs().max(1.0) {
                let header = &self.form.column(key).header;
                self.out.push(
                    Diagnostic::warning(
                        self.at(row, col),
                        format!(
                            "dòng tổng cộng ghi “{header}” là {}, nhưng {what} là {}",
                            number_vi(stated, 6),
                            number_vi(sum, 6)
                        ),
                    )
                    .with_hint("kiểm tra lại công thức hoặc số liệu của dòng tổng cộng; ntm dùng số của từng hộ"),
                );
            }
        }
    }
}

/// `a > b`; decimals of one scale (whole counts, mostly) compare by their
/// digits alone, without the general comparison's rescaling.
fn greater(a: Decimal, b: Decimal) -> bool {
    if a.scale() == b.scale() { a.mantissa() > b.mantissa() } else { a > b }
}

fn required_figure(key: ColumnKey) -> &'static str {
    match key {
        ColumnKey::Members => "số nhân khẩu của hộ (ít nhất 1)",
        _ => "tổng thu nhập năm của hộ, triệu đồng (ghi 0 nếu không có)",
    }
}
