//! Finding the table on the household sheet: the header row, which column
//! holds which key, and the village label above the table.
//!
//! Villages add banners, merged titles, extra columns and reorder the
//! columns, so nothing here depends on positions: every header is compared
//! in folded form, and a missing column names the nearest header found, the
//! likeliest typo.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::Data;

use super::form::{ColumnKey, Form};
use super::text::clean;
use crate::diag::{Diagnostic, Location};
use crate::load::workbook::{SheetData, a1};
use crate::vi::fold::{edit_distance, fold};

/// Where the table's parts are, 0-based absolute rows and columns.
#[derive(Debug, Clone)]
pub struct Layout {
    /// First row that may hold a household.
    pub data_start: u32,
    pub columns: BTreeMap<ColumnKey, u32>,
    /// The ignored numbering column, also where a totals label may stand.
    pub stt: Option<u32>,
}

/// The text of the village label's value and the cell it is in.
#[derive(Debug, Clone)]
pub struct Label {
    pub text: String,
    pub row: u32,
    pub col: u32,
}

/// The text shown in a cell, cleaned; numbers as their digits. Used for
/// headers, labels and ids, never for figures.
pub fn display_text(value: &Data) -> String {
    match value {
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

fn row_width(sheet: &SheetData) -> u32 {
    sheet.end().map_or(0, |(_, col)| col + 1)
}

/// Keys named in one row, each with the first column naming it.
fn keys_in_row(sheet: &SheetData, form: &Form, row: u32) -> BTreeMap<ColumnKey, u32> {
    let mut keys = BTreeMap::new();
    for col in 0..row_width(sheet) {
        if let Some(key) = form.header_key(&fold(&display_text(&sheet.value(row, col)))) {
            keys.entry(key).or_insert(col);
        }
    }
    keys
}

/// How many of the form's columns a row names.
pub fn header_matches(sheet: &SheetData, form: &Form, row: u32) -> usize {
    keys_in_row(sheet, form, row).len()
}

/// The first of the top rows naming enough of the form's columns.
pub fn header_row(sheet: &SheetData, form: &Form) -> Option<u32> {
    let (last_row, _) = sheet.end()?;
    (0..form.header_search_rows.min(last_row + 1))
        .find(|&row| keys_in_row(sheet, form, row).len() >= form.min_header_matches)
}

/// Maps the header row's cells to keys. Every problem (a missing column, a
/// key named twice) is pushed; `None` when the table cannot be read.
pub fn layout(
    sheet: &SheetData,
    form: &Form,
    header_row: u32,
    file: &Path,
    out: &mut Vec<Diagnostic>,
) -> Option<Layout> {
    let mut columns: BTreeMap<ColumnKey, u32> = BTreeMap::new();
    let mut first_seen: BTreeMap<ColumnKey, (String, String)> = BTreeMap::new();
    let mut stt = None;
    let mut unmatched: Vec<(String, String, u32, u32)> = Vec::new();
    let mut ok = true;
    let at =
        |row: u32, col: u32| Location::Cell { file: file.to_path_buf(), sheet: sheet.name.clone(), cell: a1(row, col) };

    // A two-line header (a merged group title over `Nước sạch`, `Nhà tiêu
    // HVS`) leaves keys for the line below; that line is header, not data.
    let first = keys_in_row(sheet, form, header_row);
    let below = header_row + 1;
    let second_line = keys_in_row(sheet, form, below).keys().any(|k| !first.contains_key(k));
    let header_rows: &[u32] = if second_line { &[header_row, below] } else { &[header_row] };

    for &row in header_rows {
        for col in 0..row_width(sheet) {
            let text = display_text(&sheet.value(row, col));
            let folded = fold(&text);
            if folded.is_empty() {
                continue;
            }
            if form.is_ignored_header(&folded) {
                stt.get_or_insert(col);
                continue;
            }
            let Some(key) = form.header_key(&folded) else {
                unmatched.push((text, folded, row, col));
                continue;
            };
            match first_seen.get(&key) {
                None => {
                    columns.insert(key, col);
                    first_seen.insert(key, (text, a1(row, col)));
                }
                Some((first_text, first_cell)) => {
                    out.push(
                        Diagnostic::error(
                            at(row, col),
                            format!(
                                "cột “{text}” trùng với cột “{first_text}” ở ô {first_cell}: cả hai đều là cột “{}”",
                                form.column(key).header
                            ),
                        )
                        .with_hint("xóa hoặc đổi tiêu đề một trong hai cột"),
                    );
                    ok = false;
                }
            }
        }
    }

    for column in &form.columns {
        if columns.contains_key(&column.key) {
            continue;
        }
        ok = false;
        let wanted: Vec<String> = column.names().map(fold).collect();
        let closest = unmatched
            .iter()
            .map(|(text, folded, row, col)| {
                let distance = wanted.iter().map(|w| edit_distance(folded, w)).min().unwrap_or(usize::MAX);
                (distance, *col, text, *row)
            })
            .min_by_key(|(distance, col, _, _)| (*distance, *col));
        let also = if column.aliases.is_empty() {
            String::new()
        } else {
            format!(" (hoặc {})", column.aliases.iter().map(|a| format!("“{a}”")).collect::<Vec<_>>().join(", "))
        };
        let looked_for = format!("thiếu cột “{}”{also} ở dòng tiêu đề {}", column.header, header_row + 1);
        let diagnostic = match closest {
            Some((_, col, text, row)) => Diagnostic::error(
                at(row, col),
                format!(
                    "{looked_for}; tiêu đề gần giống nhất tìm thấy là “{}” ở ô {}",
                    text.replace('\n', " "),
                    a1(row, col)
                ),
            ),
            None => Diagnostic::error(
                at(header_row, 0),
                format!("{looked_for}; dòng tiêu đề không còn cột nào chưa nhận ra"),
            ),
        };
        out.push(diagnostic.with_hint(format!("thêm cột hoặc sửa tiêu đề thành “{}”", column.header)));
    }

    ok.then(|| Layout { data_start: header_rows[header_rows.len() - 1] + 1, columns, stt })
}

/// The village named above the table: a label cell (`Thôn`, `Tên thôn:`)
/// followed by the value in the next non-empty cell, or `Thôn: Thôn 3` in
/// one cell. A label with no value (`Thôn: .......`) is no label.
pub fn village_label(sheet: &SheetData, form: &Form, header_row: u32) -> Option<Label> {
    let width = row_width(sheet);
    for row in 0..header_row {
        for col in 0..width {
            let text = display_text(&sheet.value(row, col));
            if text.is_empty() {
                continue;
            }
            if let Some((label, value)) = text.split_once(':')
                && form.is_village_label(&fold(label))
                && !fold(value).is_empty()
            {
                return Some(Label { text: value.trim().to_string(), row, col });
            }
            if !form.is_village_label(&fold(&text)) {
                continue;
            }
            let value = (col + 1..width).map(|c| (c, display_text(&sheet.value(row, c)))).find(|(_, v)| !v.is_empty());
            if let Some((value_col, value)) = value
                && !fold(&value).is_empty()
            {
                return Some(Label { text: value, row, col: value_col });
            }
        }
    }
    None
}
