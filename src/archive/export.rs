//! `ntm archive export`: the register as an `.xlsx` laid out like the paper
//! "Sổ đăng ký văn bản đi" (NĐ 30/2020 Phụ lục IV), ready to print on A4
//! landscape and file with the office's books.
//!
//! One sheet per issuer, since each issuer keeps its own book. Columns 7–9
//! (copies, date sent, receipt signature) are left blank: the clerk fills
//! them in by hand when the paper goes out. The bytes depend only on the
//! register, so exporting twice gives the same file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::register::{Entry, EntryStatus, Filter, NewEntry, Register, RegisterError, fold};
use crate::model::Date;
use crate::vi::words::sentence_case;

/// The book's title, as printed on the paper register.
pub const TITLE: &str = "SỔ ĐĂNG KÝ VĂN BẢN ĐI";

/// The paper register's columns, left to right, with their widths in
/// characters (together they fit A4 landscape when scaled to the page width).
pub const COLUMNS: [(&str, f64); 10] = [
    ("Số, ký hiệu văn bản", 14.0),
    ("Ngày, tháng văn bản", 11.0),
    ("Tên loại và trích yếu nội dung văn bản", 46.0),
    ("Người ký", 18.0),
    ("Nơi nhận văn bản", 28.0),
    ("Đơn vị, người nhận bản lưu", 15.0),
    ("Số lượng bản", 8.0),
    ("Ngày chuyển", 11.0),
    ("Ký nhận", 11.0),
    ("Ghi chú", 22.0),
];

/// Row (0-based) of the column headings; the column numbers `(1)`… follow,
/// then the entries.
pub const HEADER_ROW: u32 = 4;
const FIRST_ENTRY_ROW: u32 = HEADER_ROW + 2;
const LAST_COLUMN: u16 = COLUMNS.len() as u16 - 1;

/// The creation date of a workbook with no entries: fixed, like every other byte.
const EMPTY_CREATION_DATE: (u16, u8, u8) = (2020, 1, 1);

/// Sheet name when the register has nothing to show.
const EMPTY_SHEET: &str = "Sổ đăng ký";

/// Writes the entries `filter` takes to `path` (atomically), one sheet per
/// issuer; returns how many entries were written.
pub fn export_xlsx(register: &Register, filter: &Filter, path: &Path) -> Result<usize, RegisterError> {
    let entries = register.list(filter)?;
    // Successors may fall outside the filter (superseded in a later year).
    let by_id: BTreeMap<i64, Entry> = register.all()?.into_iter().map(|e| (e.id, e)).collect();
    let bytes = workbook(&entries, &by_id, filter)
        .map_err(|source| RegisterError::Export { path: path.to_path_buf(), source })?;
    super::write_atomic(path, &bytes).map_err(|source| RegisterError::Io { path: path.to_path_buf(), source })?;
    Ok(entries.len())
}

fn workbook(entries: &[Entry], by_id: &BTreeMap<i64, Entry>, filter: &Filter) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = entries.iter().filter_map(|e| Date::parse(&e.recorded.date).ok()).max();
    let created = match created {
        Some(d) => ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8)?,
        None => ExcelDateTime::from_ymd(EMPTY_CREATION_DATE.0, EMPTY_CREATION_DATE.1, EMPTY_CREATION_DATE.2)?,
    };
    let properties =
        DocProperties::new().set_title(sentence_case(TITLE)).set_author("ntm").set_creation_datetime(&created);
    book.set_properties(&properties);

    let mut by_issuer: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for entry in entries {
        by_issuer.entry(&entry.recorded.issuer).or_default().push(entry);
    }
    let formats = Formats::new();
    if by_issuer.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(EMPTY_SHEET)?;
        write_sheet(sheet, &formats, "", &[], by_id, filter)?;
    }
    let mut names = BTreeSet::new();
    for group in by_issuer.values() {
        // The latest entry carries the issuer's current name.
        let issuer_name = group.iter().map(|e| &e.recorded.issuer_name).next_back().map_or("", |n| n.as_str());
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(issuer_name, &mut names))?;
        write_sheet(sheet, &formats, issuer_name, group, by_id, filter)?;
    }
    book.save_to_buffer()
}

struct Formats {
    issuer: Format,
    title: Format,
    subtitle: Format,
    heading: Format,
    column_number: Format,
    centered: Format,
    text: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name("Times New Roman").set_font_size(12);
        let cell = base.clone().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            issuer: base.clone().set_bold().set_align(FormatAlign::Left),
            title: base.clone().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            subtitle: base.clone().set_bold().set_align(FormatAlign::Center),
            heading: cell.clone().set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
            column_number: cell.clone().set_italic().set_align(FormatAlign::Center),
            centered: cell.clone().set_align(FormatAlign::Center),
            text: cell,
        }
    }
}

fn write_sheet(
    sheet: &mut Worksheet,
    formats: &Formats,
    issuer_name: &str,
    entries: &[&Entry],
    by_id: &BTreeMap<i64, Entry>,
    filter: &Filter,
) -> Result<(), XlsxError> {
    for (col, (_, width)) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    sheet.merge_range(0, 0, 0, 4, &issuer_name.to_uppercase(), &formats.issuer)?;
    sheet.merge_range(1, 0, 1, LAST_COLUMN, TITLE, &formats.title)?;
    sheet.merge_range(2, 0, 2, LAST_COLUMN, &period(entries, filter), &formats.subtitle)?;
    for (col, (heading, _)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *heading, &formats.heading)?;
        sheet.write_string_with_format(HEADER_ROW + 1, col as u16, format!("({})", col + 1), &formats.column_number)?;
    }

    for (i, entry) in entries.iter().enumerate() {
        let row = FIRST_ENTRY_ROW + i as u32;
        let (sent_to, kept_by) = split_recipients(&entry.recorded.recipients);
        let symbol =
            if entry.recorded.symbol.is_empty() { "Không số".to_string() } else { entry.recorded.symbol.clone() };
        let date = Date::parse(&entry.recorded.date).map(Date::short).unwrap_or_else(|_| entry.recorded.date.clone());
        let cells = [
            (symbol, &formats.centered),
            (date, &formats.centered),
            (type_and_title(&entry.recorded), &formats.text),
            (entry.recorded.signer.clone(), &formats.text),
            (sent_to, &formats.text),
            (kept_by, &formats.text),
            (String::new(), &formats.centered),
            (String::new(), &formats.centered),
            (String::new(), &formats.text),
            (note(entry, by_id), &formats.text),
        ];
        for (col, (value, format)) in cells.iter().enumerate() {
            if value.is_empty() {
                sheet.write_blank(row, col as u16, format)?;
            } else {
                sheet.write_string_with_format(row, col as u16, value, format)?;
            }
        }
    }

    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_margins(0.5, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW + 1)?;
    sheet.set_footer("&CTrang &P/&N");
    sheet.set_freeze_panes(FIRST_ENTRY_ROW, 0)?;
    Ok(())
}

/// `Năm 2023`, or `Từ năm 2022 đến năm 2024` for a book over several years.
fn period(entries: &[&Entry], filter: &Filter) -> String {
    if let Some(year) = filter.year {
        return format!("Năm {year}");
    }
    let years: BTreeSet<i32> = entries.iter().filter_map(|e| e.year()).collect();
    match (years.first(), years.last()) {
        (Some(first), Some(last)) if first == last => format!("Năm {first}"),
        (Some(first), Some(last)) => format!("Từ năm {first} đến năm {last}"),
        _ => String::new(),
    }
}

/// `Nghị quyết về lãnh đạo …`; a title that already starts with the type
/// name is not given it twice.
fn type_and_title(recorded: &NewEntry) -> String {
    let kind = sentence_case(&recorded.type_name);
    if kind.is_empty() || fold(&recorded.title).starts_with(&fold(&kind)) {
        recorded.title.clone()
    } else {
        format!("{kind} {}", recorded.title)
    }
}

/// The "Nơi nhận" lines split into where copies were sent and who keeps
/// the file copy (`Lưu: VT, VP.` → `VT, VP`), without list dashes and
/// closing punctuation.
fn split_recipients(recipients: &[String]) -> (String, String) {
    let mut sent = Vec::new();
    let mut kept = Vec::new();
    for line in recipients {
        let line = line.trim().trim_start_matches(['-', '+', '•']).trim().trim_end_matches([';', ',', '.']).trim();
        if line.is_empty() {
            continue;
        }
        let first_word = line.split_whitespace().next().unwrap_or("");
        if fold(first_word.trim_end_matches(':')) == "luu" {
            kept.push(line[first_word.len()..].trim().trim_start_matches(':').trim().to_string());
        } else {
            sent.push(line.to_string());
        }
    }
    kept.retain(|k| !k.is_empty());
    (sent.join("\n"), kept.join("\n"))
}

/// Ghi chú: which version an entry is, and what replaced it.
fn note(entry: &Entry, by_id: &BTreeMap<i64, Entry>) -> String {
    let mut parts = Vec::new();
    if entry.version > 1 {
        parts.push(format!("Bản số {}, thay thế bản số {}", entry.version, entry.version - 1));
    }
    if entry.status == EntryStatus::Superseded {
        let text = match entry.superseded_by.and_then(|id| by_id.get(&id)) {
            Some(next) => {
                let date =
                    Date::parse(&next.recorded.date).map(Date::short).unwrap_or_else(|_| next.recorded.date.clone());
                let symbol = if next.recorded.symbol != entry.recorded.symbol && !next.recorded.symbol.is_empty() {
                    format!(", số {}", next.recorded.symbol)
                } else {
                    String::new()
                };
                format!("Đã được thay thế bởi bản số {}{symbol}, ngày {date}", next.version)
            }
            None => "Đã được thay thế".to_string(),
        };
        parts.push(text);
    }
    parts.join("; ")
}

/// An Excel sheet name for the issuer: at most 31 characters, none of
/// `[]:*?/\`, unique without regard to case.
fn sheet_name(issuer_name: &str, taken: &mut BTreeSet<String>) -> String {
    let clean: String = issuer_name.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base = if clean.is_empty() { EMPTY_SHEET } else { clean };
    let mut n = 1;
    loop {
        let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
        let keep = 31 - suffix.chars().count();
        let name = format!("{}{suffix}", base.chars().take(keep).collect::<String>().trim_end());
        if taken.insert(name.to_lowercase()) {
            return name;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    use super::*;
    use crate::archive::register::NewEntry;
    use crate::archive::register::tests::sample;

    fn filled() -> (tempfile::TempDir, Register) {
        let dir = tempfile::tempdir().unwrap();
        let mut register = Register::open(dir.path()).unwrap();
        let v1 = register.record(&sample("nq-01", 1), None).unwrap();
        let v2 =
            NewEntry { pdf_path: "nq-01_ban-2.pdf".to_string(), date: "2023-02-03".to_string(), ..sample("nq-01", 1) };
        register.record(&v2, Some(v1.id)).unwrap();
        register.record(&NewEntry { date: "2023-03-15".to_string(), ..sample("nq-02", 2) }, None).unwrap();
        let report = NewEntry {
            type_key: "bao-cao".to_string(),
            type_name: "BÁO CÁO".to_string(),
            type_code: "BC".to_string(),
            issuer: "ubnd".to_string(),
            issuer_name: "Ủy ban nhân dân xã Cẩm Lĩnh".to_string(),
            series: "2023".to_string(),
            symbol: "15/BC-UBND".to_string(),
            title: "Báo cáo kết quả xây dựng nông thôn mới năm 2023".to_string(),
            recipients: vec!["- UBND huyện;".to_string(), "- Lưu: VT, VP.".to_string()],
            ..sample("bc-15", 15)
        };
        register.record(&report, None).unwrap();
        (dir, register)
    }

    fn read(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
        let mut book: Xlsx<_> = open_workbook(path).unwrap();
        let names = book.sheet_names();
        names
            .into_iter()
            .map(|name| {
                let range = book.worksheet_range(&name).unwrap();
                let (rows, cols) = range.end().map_or((0, 0), |(r, c)| (r as usize + 1, c as usize + 1));
                let cells = (0..rows)
                    .map(|r| {
                        (0..cols)
                            .map(|c| match range.get_value((r as u32, c as u32)) {
                                Some(Data::String(s)) => s.clone(),
                                Some(Data::Empty) | None => String::new(),
                                Some(other) => other.to_string(),
                            })
                            .collect()
                    })
                    .collect();
                (name, cells)
            })
            .collect()
    }

    #[test]
    fn the_sheet_reads_back_like_the_paper_register() {
        let (dir, register) = filled();
        let path = dir.path().join("so-dang-ky.xlsx");
        assert_eq!(export_xlsx(&register, &Filter::default(), &path).unwrap(), 4);
        let sheets = read(&path);
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Đảng ủy xã Cẩm Lĩnh", "Ủy ban nhân dân xã Cẩm Lĩnh"]);

        let (_, party) = &sheets[0];
        assert_eq!(party[0][0], "ĐẢNG ỦY XÃ CẨM LĨNH");
        assert_eq!(party[1][0], TITLE);
        assert_eq!(party[2][0], "Năm 2023");
        let header: Vec<&str> = COLUMNS.iter().map(|(h, _)| *h).collect();
        assert_eq!(party[HEADER_ROW as usize], header);
        assert_eq!(party[HEADER_ROW as usize + 1][9], "(10)");
        let rows = &party[FIRST_ENTRY_ROW as usize..];
        assert_eq!(rows.len(), 3, "one row per entry, superseded ones included");
        assert_eq!(
            rows[0][..6],
            [
                "01-NQ/ĐU",
                "12/01/2023",
                "Nghị quyết về lãnh đạo xây dựng xã nông thôn mới nâng cao",
                "Nguyễn Văn An",
                "Huyện ủy Ba Vì (để b/c)\nCác chi bộ",
                "VPĐU"
            ]
        );
        assert_eq!(rows[0][9], "Đã được thay thế bởi bản số 2, ngày 03/02/2023");
        assert_eq!(rows[1][9], "Bản số 2, thay thế bản số 1");
        assert_eq!(rows[2][0], "02-NQ/ĐU");
        assert_eq!(rows[2][9], "");

        let (_, state) = &sheets[1];
        let rows = &state[FIRST_ENTRY_ROW as usize..];
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][2], "Báo cáo kết quả xây dựng nông thôn mới năm 2023");
        assert_eq!((rows[0][4].as_str(), rows[0][5].as_str()), ("UBND huyện", "VT, VP"));
    }

    #[test]
    fn two_exports_are_byte_identical() {
        let (dir, register) = filled();
        let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
        export_xlsx(&register, &Filter::default(), &a).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        export_xlsx(&register, &Filter::default(), &b).unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    }

    #[test]
    fn a_filter_narrows_the_book_and_an_empty_one_still_has_headings() {
        let (dir, register) = filled();
        let path = dir.path().join("ubnd.xlsx");
        let filter = Filter { issuer: Some("ubnd".to_string()), ..Filter::default() };
        assert_eq!(export_xlsx(&register, &filter, &path).unwrap(), 1);
        assert_eq!(read(&path).len(), 1);

        let path = dir.path().join("none.xlsx");
        let filter = Filter { year: Some(2019), ..Filter::default() };
        assert_eq!(export_xlsx(&register, &filter, &path).unwrap(), 0);
        let sheets = read(&path);
        assert_eq!(sheets.len(), 1);
        assert_eq!(sheets[0].1[2][0], "Năm 2019");
        assert_eq!(sheets[0].1[HEADER_ROW as usize][0], COLUMNS[0].0);
        assert_eq!(sheets[0].1.len(), FIRST_ENTRY_ROW as usize);
    }

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(sheet_name("Ban Chỉ đạo [NTM]: xã/phường", &mut taken), "Ban Chỉ đạo NTM xãphường");
        let long = "Ủy ban nhân dân xã Cẩm Lĩnh, huyện Cẩm Xuyên";
        let first = sheet_name(long, &mut taken);
        let second = sheet_name(long, &mut taken);
        assert_eq!(first.chars().count(), 31);
        assert!(second.ends_with(" (2)") && second.chars().count() <= 31, "{second}");
        assert_eq!(sheet_name("", &mut taken), EMPTY_SHEET);
    }
}
