//! Reading a week's filled reports back: every workbook of the week's
//! folder, read in parallel, each assigned to its village, then one entry
//! per village of the commune.
//!
//! Everything is found by its label, never by position: offices insert
//! rows, widen the table, retype the form. Decisions, in one place:
//! - Every label of the form must be there (`Thôn:`, `Đồng chí phụ trách:`,
//!   `Từ ngày:`, `đến ngày:`, the four table headers, `NGƯỜI BÁO CÁO`):
//!   a form missing one was altered, and which cell means what is a guess.
//!   All missing labels are one error at the file.
//! - A label's value is the next filled cell on its right, unless that is
//!   another label (a blank `Từ ngày` before `đến ngày:`).
//! - The table runs from the header row to the `NGƯỜI BÁO CÁO` row; rows
//!   blank in the four columns and the dated line above the signature are
//!   not items. A row with a criterion and nothing else is a warning.
//! - Dates, the member and the criterion are checked but never make a
//!   report unusable: a slip there is a warning, the work still counts.
//! - The week of the round is the one most reports give (the earliest on a
//!   tie); a report of another week is a warning at its date.
//! - The village label wins over the file name; a file whose label is
//!   missing or blank claims its village by file name, so a broken report
//!   makes its village `error`, not `missing`. Two reports for one village
//!   are both errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::Data;
use rust_xlsxwriter::utility::row_col_to_cell;

use super::layout::{self, Column, Field};
use super::model::{WeeklyItem, WeeklyRound, WeeklyStatus, WeeklyVillage};
use super::text::{clean, fold, quoted};
use super::week::{IsoWeek, date_from_serial, date_vi, parse_date_text};
use crate::diag::{Diagnostic, Diagnostics, Location, Severity};
use crate::load::workbook::decode::Converted;
use crate::load::workbook::folder::{Claimed, FolderFile, Words, assemble, read_folder, read_guarded};
use crate::load::workbook::village::{self, Label};
use crate::load::workbook::{self, SheetData};
use crate::model::Date;

const WORDS: Words = Words {
    no_folder: "chưa có thư mục báo cáo tuần của các thôn: mọi thôn đều chưa nộp báo cáo",
    contents: "báo cáo",
    workbook: "báo cáo tuần",
    other_format_hint: None,
    subject: "báo cáo",
    no_label: "ô “Thôn:” để trống hoặc không có",
    label_hint: "ghi tên thôn vào ô cạnh nhãn “Thôn:”",
    missing: "chưa có báo cáo tuần của {}",
};

/// Reads every report under `dir` (any depth). `villages` are the
/// commune's (id, name) pairs in order, `criteria` its criteria set's (id,
/// name) pairs (empty when it has none); the result has one entry per
/// village.
pub fn read_week(dir: &Path, villages: &[(String, String)], criteria: &[(String, String)]) -> WeeklyRound {
    let mut diagnostics = Vec::new();
    let (mut reads, by_village) = read_folder(
        dir,
        villages,
        &WORDS,
        |path| read_guarded(path, |read: &mut FileRead| read_into(read, criteria)),
        |read| claim_village(read, villages),
        &mut diagnostics,
    );

    let week = round_week(&mut reads);

    let claimed = assemble(dir, villages, &by_village, |i| has_errors(&reads[i]), &WORDS, &mut diagnostics);
    let mut entries = Vec::with_capacity(villages.len());
    for ((id, name), claimed) in villages.iter().zip(claimed) {
        let entry = |status, source: Option<PathBuf>, member: String, items| WeeklyVillage {
            id: id.clone(),
            name: name.clone(),
            status,
            source,
            member,
            items,
        };
        entries.push(match claimed {
            Claimed::Missing => entry(WeeklyStatus::Missing, None, String::new(), Vec::new()),
            Claimed::Read(i) => {
                let read = &mut reads[i];
                let items = std::mem::take(&mut read.items);
                entry(WeeklyStatus::Ok, Some(read.path.clone()), read.member.clone(), items)
            }
            Claimed::Broken(i) => {
                let read = &reads[i];
                entry(WeeklyStatus::Error, Some(read.path.clone()), read.member.clone(), Vec::new())
            }
        });
    }

    diagnostics.extend(reads.into_iter().flat_map(|read| read.diagnostics));
    let mut all = Diagnostics::new();
    all.extend(diagnostics);
    let diagnostics = all.sorted().into_iter().cloned().collect();
    WeeklyRound { week: week.map(|w| w.to_string()).unwrap_or_default(), villages: entries, diagnostics }
}

/// What one workbook gave, problems included.
struct FileRead {
    path: PathBuf,
    /// Whether the file opened and a report sheet was chosen: a file that
    /// did not is already one error, its name need not be another.
    readable: bool,
    sheet: String,
    /// The `Thôn:` value and its cell.
    village: Option<Found>,
    member: String,
    from: Option<(Date, Found)>,
    to: Option<(Date, Found)>,
    items: Vec<WeeklyItem>,
    diagnostics: Vec<Diagnostic>,
}

/// A cell's text and where it is (0-based, absolute).
#[derive(Debug, Clone)]
struct Found {
    text: String,
    row: u32,
    col: u32,
}

impl FolderFile for FileRead {
    fn new(path: &Path) -> Self {
        FileRead {
            path: path.to_path_buf(),
            readable: false,
            sheet: String::new(),
            village: None,
            member: String::new(),
            from: None,
            to: None,
            items: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn diagnostics(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.diagnostics
    }
}

impl FileRead {
    fn at(&self, row: u32, col: u32) -> Location {
        Location::Cell { file: self.path.clone(), sheet: self.sheet.clone(), cell: a1(row, col) }
    }
}

fn a1(row: u32, col: u32) -> String {
    row_col_to_cell(row, col.min(u32::from(u16::MAX)) as u16)
}

fn has_errors(read: &FileRead) -> bool {
    read.diagnostics.iter().any(|d| d.severity == Severity::Error)
}

fn read_into(read: &mut FileRead, criteria: &[(String, String)]) {
    let mut book = match workbook::open(&read.path, "báo cáo tuần") {
        Ok(book) => book,
        Err(error) => {
            read.diagnostics.push(error);
            return;
        }
    };
    // The report sheet by name first, then any sheet with the table's
    // header: a village may rename the sheet or send the report second.
    let mut order = book.visible_sheets.clone();
    order.sort_by_key(|name| fold(name) != fold(layout::SHEET));
    let mut chosen: Option<Sheet> = None;
    for name in order {
        let sheet = match book.sheet(&name) {
            Ok(data) => Sheet::new(data),
            Err(error) => {
                read.diagnostics.push(error);
                return;
            }
        };
        let preferred = fold(&name) == fold(layout::SHEET);
        if sheet.header_row().is_some() || preferred {
            chosen = Some(sheet);
            break;
        }
        if chosen.is_none() {
            chosen = Some(sheet);
        }
    }
    let Some(sheet) = chosen else {
        read.diagnostics.push(
            Diagnostic::error(Location::file(&read.path), "bảng tính không có trang nào đang hiện để đọc")
                .with_hint(format!("trang báo cáo tên là {}", quoted(layout::SHEET))),
        );
        return;
    };
    read.sheet = sheet.name.clone();
    read.readable = true;
    read.diagnostics.extend(sheet.legacy.as_ref().map(|converted| converted.note(&read.path, &sheet.name)));
    read_sheet(read, &sheet, criteria);
}

/// A sheet's filled cells as text, by absolute (row, column).
struct Sheet {
    name: String,
    legacy: Option<Converted>,
    cells: BTreeMap<(u32, u32), (String, Data)>,
}

impl Sheet {
    fn new(data: SheetData) -> Sheet {
        let cells = data
            .cells()
            .map(|(pos, data)| (pos, (display_text(&data), data.into_owned())))
            .filter(|(_, (text, _))| !text.is_empty())
            .collect();
        Sheet { cells, name: data.name, legacy: data.legacy }
    }

    fn text(&self, row: u32, col: u32) -> &str {
        self.cells.get(&(row, col)).map_or("", |(text, _)| text.as_str())
    }

    fn row(&self, row: u32) -> impl Iterator<Item = (u32, &str)> {
        self.cells.range((row, 0)..=(row, u32::MAX)).map(|((_, col), (text, _))| (*col, text.as_str()))
    }

    /// The first row naming at least two of the table's columns.
    fn header_row(&self) -> Option<u32> {
        let mut named: BTreeMap<u32, Vec<Column>> = BTreeMap::new();
        for ((row, _), (text, _)) in &self.cells {
            if let Some(column) = Column::of(&fold(text)) {
                let columns = named.entry(*row).or_default();
                if !columns.contains(&column) {
                    columns.push(column);
                }
            }
        }
        named.into_iter().find(|(_, columns)| columns.len() >= 2).map(|(row, _)| row)
    }
}

/// The text a cell shows, cleaned; numbers as their digits; dates as
/// dd/mm/yyyy.
fn display_text(data: &Data) -> String {
    match data {
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{day:02}/{month:02}/{year}")
        }
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// The date a cell holds, whichever way it was typed.
fn cell_date(data: &Data, text: &str) -> Option<Date> {
    match data {
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            Some(Date { year: i32::from(year), month: u32::from(month), day: u32::from(day) })
        }
        Data::DateTime(d) => date_from_serial(d.as_f64()),
        Data::Float(f) => date_from_serial(*f),
        Data::Int(i) => date_from_serial(*i as f64),
        Data::DateTimeIso(s) => parse_date_text(s.get(..10).unwrap_or(s)),
        _ => parse_date_text(text),
    }
}

fn read_sheet(read: &mut FileRead, sheet: &Sheet, criteria: &[(String, String)]) {
    let header = sheet.header_row();
    let columns: BTreeMap<Column, u32> = match header {
        Some(row) => {
            let mut columns = BTreeMap::new();
            for (col, text) in sheet.row(row) {
                if let Some(column) = Column::of(&fold(text)) {
                    columns.entry(column).or_insert(col);
                }
            }
            columns
        }
        None => BTreeMap::new(),
    };
    // Labels sit above the table; without a header row, anywhere.
    let mut labels: BTreeMap<Field, (u32, u32)> = BTreeMap::new();
    for ((row, col), (text, _)) in &sheet.cells {
        if header.is_some_and(|h| *row >= h) {
            break;
        }
        if let Some(field) = Field::of(&fold(text)) {
            labels.entry(field).or_insert((*row, *col));
        }
    }
    let signature = header.and_then(|h| {
        sheet.cells.range((h + 1, 0)..).find(|(_, (text, _))| layout::is_signature(&fold(text))).map(|((r, _), _)| *r)
    });

    let value = |field: Field| -> Option<Found> {
        let (row, col) = *labels.get(&field)?;
        let (col, text) = sheet.row(row).find(|(c, _)| *c > col)?;
        let folded = fold(text);
        if Field::of(&folded).is_some() || Column::of(&folded).is_some() {
            return None;
        }
        Some(Found { text: text.to_string(), row, col })
    };
    read.village = value(Field::Village);

    let mut missing: Vec<String> =
        Field::ALL.iter().filter(|f| !labels.contains_key(f)).map(|f| quoted(f.label())).collect();
    missing.extend(Column::ALL.iter().filter(|c| !columns.contains_key(c)).map(|c| quoted(c.header())));
    if signature.is_none() {
        missing.push(quoted(layout::SIGNATURE));
    }
    if !missing.is_empty() {
        read.diagnostics.push(
            Diagnostic::error(
                Location::file(&read.path),
                format!(
                    "trang “{}” thiếu {} ô nhãn của mẫu báo cáo tuần: {}; không biết ô nào ghi gì nên không đọc báo cáo",
                    read.sheet,
                    missing.len(),
                    missing.join(", ")
                ),
            )
            .with_hint("dùng mẫu do `ntm forms --weekly` tạo; không xóa hay sửa chữ trong các ô nhãn và dòng tiêu đề của bảng"),
        );
        return;
    }
    read.member = value(Field::Member).map(|f| f.text).unwrap_or_default();
    read_dates(read, sheet, &labels, value(Field::From), value(Field::To));

    let (Some(header), Some(end)) = (header, signature) else { return };
    for row in header + 1..end {
        let text = |column: Column| sheet.text(row, columns[&column]).to_string();
        let (criterion, work, result, problems) =
            (text(Column::Criterion), text(Column::Work), text(Column::Result), text(Column::Problems));
        let filled: Vec<&String> =
            [&criterion, &work, &result, &problems].into_iter().filter(|t| !t.is_empty()).collect();
        if filled.is_empty() || filled.iter().all(|t| layout::is_date_line(&fold(t))) {
            continue;
        }
        let criterion_at = read.at(row, columns[&Column::Criterion]);
        if work.is_empty() && result.is_empty() && problems.is_empty() {
            read.diagnostics.push(Diagnostic::warning(
                criterion_at,
                format!(
                    "dòng {} chỉ chọn tiêu chí “{criterion}”, chưa ghi công việc nào: dòng này không được tính",
                    row + 1
                ),
            ));
            continue;
        }
        let criterion = if criterion.is_empty() {
            None
        } else if criteria.is_empty() {
            Some(criterion)
        } else {
            let id = layout::match_criterion(&criterion, criteria);
            if id.is_none() {
                read.diagnostics.push(
                    Diagnostic::warning(
                        criterion_at,
                        format!("ô tiêu chí ghi “{criterion}”, không phải tiêu chí nào của bộ tiêu chí: dòng này được tính nhưng không gắn với tiêu chí nào"),
                    )
                    .with_hint("bấm mũi tên bên phải ô để chọn tiêu chí trong danh sách"),
                );
            }
            id
        };
        read.items.push(WeeklyItem { criterion, work, result, problems });
    }
}

/// The week's first and last day. A slip here is a warning: the work
/// reported still counts.
fn read_dates(
    read: &mut FileRead,
    sheet: &Sheet,
    labels: &BTreeMap<Field, (u32, u32)>,
    from: Option<Found>,
    to: Option<Found>,
) {
    let mut parse = |field: Field, found: Option<Found>| -> Option<(Date, Found)> {
        let Some(found) = found else {
            let (row, col) = labels[&field];
            read.diagnostics
                .push(Diagnostic::warning(read.at(row, col), format!("chưa ghi ngày ở ô {}", quoted(field.label()))));
            return None;
        };
        let data = sheet.cells.get(&(found.row, found.col)).map(|(_, d)| d.clone()).unwrap_or(Data::Empty);
        match cell_date(&data, &found.text) {
            Some(date) => Some((date, found)),
            None => {
                read.diagnostics.push(
                    Diagnostic::warning(
                        read.at(found.row, found.col),
                        format!("ô {} ghi “{}”, không phải một ngày", quoted(field.label()), found.text),
                    )
                    .with_hint("ghi ngày dạng ngày/tháng/năm, ví dụ 12/06/2023"),
                );
                None
            }
        }
    };
    let (from, to) = (parse(Field::From, from), parse(Field::To, to));
    read.from = from;
    read.to = to;
    if let (Some((start, _)), Some((end, at))) = (&read.from, &read.to)
        && end < start
    {
        read.diagnostics.push(Diagnostic::warning(
            read.at(at.row, at.col),
            format!("ngày kết thúc {} trước ngày bắt đầu {}", date_vi(*end), date_vi(*start)),
        ));
    }
}

/// The village a report belongs to: its `Thôn:` cell, else its file name.
fn claim_village(read: &mut FileRead, villages: &[(String, String)]) -> Option<usize> {
    let label = read.village.clone().map(|found| Label { at: read.at(found.row, found.col), text: found.text });
    village::claim(&read.path, label, read.readable, villages, &WORDS, &mut read.diagnostics)
}

/// The week most readable reports give; the others get a warning at their
/// first date.
fn round_week(reads: &mut [FileRead]) -> Option<IsoWeek> {
    let weeks: Vec<Option<(IsoWeek, Found)>> = reads
        .iter()
        .map(|r| {
            if has_errors(r) {
                return None;
            }
            r.from.as_ref().or(r.to.as_ref()).map(|(date, at)| (IsoWeek::of(*date), at.clone()))
        })
        .collect();
    let mut counts: BTreeMap<IsoWeek, usize> = BTreeMap::new();
    for (week, _) in weeks.iter().flatten() {
        *counts.entry(*week).or_default() += 1;
    }
    // Most reports first; BTreeMap order makes the earliest win a tie.
    let (week, _) = counts.iter().fold(None, |best: Option<(IsoWeek, usize)>, (w, n)| match best {
        Some((_, m)) if m >= *n => best,
        _ => Some((*w, *n)),
    })?;
    for (read, other) in reads.iter_mut().zip(weeks) {
        if let Some((other, at)) = other.filter(|(w, _)| *w != week) {
            let location = read.at(at.row, at.col);
            read.diagnostics.push(
                Diagnostic::warning(
                    location,
                    format!("báo cáo ghi {}, khác tuần của các báo cáo khác ({})", other.title(), week.title()),
                )
                .with_hint("kiểm tra lại ngày của báo cáo, hoặc chuyển tệp sang thư mục của đúng tuần"),
            );
        }
    }
    Some(week)
}
