//! Limits on what one workbook (survey, weekly report, criteria table) may hold, checked before and while the
//! spreadsheet library reads it, so that a hostile or broken file (a zip
//! bomb renamed `.xlsx`, a million rows, a 10 MB cell, two cells a million
//! rows apart) is one clear error for that file instead of the whole run
//! running out of memory or hanging.
//!
//! The numbers are far above any real village's workbook (a village has at
//! most a few thousand households; Excel itself stops at 32,767 characters
//! a cell) and low enough that one workbook's reading stays within a few
//! hundred megabytes. What each limit bounds:
//!
//! - `MAX_FILE_BYTES`: the file is read whole into memory (twice, briefly,
//!   when both the `.xlsx` and `.ods` readers are tried).
//! - `MAX_UNZIPPED_BYTES`, checked in the zip's central directory before any
//!   part is decompressed: the spreadsheet library reads shared strings and
//!   `.ods` content whole; the zip reader never inflates an entry past the
//!   size the directory declares, so declared sizes are a real bound.
//! - `MAX_ZIP_ENTRIES`: the central directory is parsed into memory.
//! - `MAX_ODS_CELLS`: the `.ods` reader expands repeated rows and columns
//!   (`table:number-rows-repeated`) into cells when it opens the file; a few
//!   hundred bytes can ask for 100 million cells, so the expansion is
//!   estimated from `content.xml` first.
//! - `MAX_SHEET_ROWS`, `MAX_SHEET_CELLS`, `MAX_SHEET_TEXT_BYTES`,
//!   `MAX_CELL_CHARS`: the sheet read's cells, kept sparse, read cell by
//!   cell for `.xlsx` and stopped at the first cell over a limit.
//! - `.xls` files have their own look before opening: `super::xls_check`.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::vi::number::number_vi;

/// Largest workbook file read (32 MiB). A village's workbook of a few
/// thousand households is well under 1 MiB.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Largest total size of a zip workbook's parts once decompressed (160 MiB).
pub const MAX_UNZIPPED_BYTES: u64 = 160 * 1024 * 1024;

/// Most parts in a zip workbook; Excel writes about a dozen.
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// Rows of the sheet read: header, label and households together.
pub const MAX_SHEET_ROWS: u32 = 100_000;

/// Non-empty cells of the sheet read (100,000 rows of 20 columns).
pub const MAX_SHEET_CELLS: usize = 2_000_000;

/// Characters in one cell: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Bytes of text in all cells of the sheet read together (64 MiB).
pub const MAX_SHEET_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// Cells an `.ods` file may expand to when opened (its repeated rows and
/// columns included).
pub const MAX_ODS_CELLS: u64 = 2_000_000;

/// A limit a workbook went over, in Vietnamese, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub message: String,
    pub hint: String,
}

/// How much is "much": `32 MiB` written the Vietnamese way.
pub fn mib(bytes: u64) -> String {
    format!("{} MB", number_vi((bytes as f64 / (1024.0 * 1024.0)).round(), 6))
}

pub(super) fn count(n: u64) -> String {
    number_vi(n as f64, 6)
}

fn split_hint(what: &str) -> String {
    format!("kiểm tra lại tệp: nếu đúng là {what}, xóa các dòng, cột, trang thừa rồi lưu lại")
}

pub fn file_too_large(bytes: u64, what: &str) -> Exceeded {
    Exceeded {
        message: format!("tệp nặng {}, quá giới hạn {} của một {what}", mib(bytes), mib(MAX_FILE_BYTES)),
        hint: split_hint(what),
    }
}

/// Checks a zip workbook's central directory: how many parts and how large
/// once decompressed. `Ok` also when the bytes are no readable zip at all:
/// the spreadsheet readers then say so in their own words.
pub fn check_zip(bytes: &[u8], what: &str) -> Result<(), Exceeded> {
    let Ok(archive) = ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Exceeded {
            message: format!(
                "tệp nén có {} phần, quá giới hạn {} phần; bảng tính thật chỉ có vài chục phần",
                count(archive.len() as u64),
                count(MAX_ZIP_ENTRIES as u64)
            ),
            hint:
                "tệp không phải bảng tính thật hoặc đã bị hỏng; mở bằng Excel hoặc LibreOffice rồi lưu lại thành .xlsx"
                    .to_string(),
        });
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        if let Ok(entry) = archive.by_index_data(index) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(Exceeded {
            message: format!(
                "tệp nén khi giải nén ra nặng {}, quá giới hạn {} (tệp nén “bom”, hoặc bảng quá lớn)",
                mib(total),
                mib(MAX_UNZIPPED_BYTES)
            ),
            hint: format!(
                "nếu đúng là {what}, xóa các dòng, cột, trang thừa rồi lưu lại; nếu không rõ nguồn gốc tệp, đừng mở tệp"
            ),
        });
    }
    Ok(())
}

/// Estimates how many cells the `.ods` reader will expand the largest sheet
/// of `bytes` to, and refuses above `MAX_ODS_CELLS`. Call after
/// `check_zip`, which bounds `content.xml`.
pub fn check_ods(bytes: &[u8], what: &str) -> Result<(), Exceeded> {
    let Ok(mut archive) = ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(entry) = archive.by_name("content.xml") else { return Ok(()) };
    let mut content = Vec::new();
    // The declared size was checked; `take` guards anyway.
    if entry.take(MAX_UNZIPPED_BYTES + 1).read_to_end(&mut content).is_err() {
        return Ok(());
    }
    let cells = ods_expanded_cells(&content);
    if cells > MAX_ODS_CELLS {
        return Err(Exceeded {
            message: format!(
                "trang tính .ods khi mở ra có khoảng {} ô (dòng, cột lặp lại), quá giới hạn {} ô",
                count(cells),
                count(MAX_ODS_CELLS)
            ),
            hint: split_hint(what),
        });
    }
    Ok(())
}

/// An upper estimate of the cells of the largest table of an ODS
/// `content.xml`, counted as the `.ods` reader expands them: from the first
/// to the last row with content (repeats included), times the widest such
/// row (up to its last cell with content, repeats included).
///
/// A cell has content when it carries a value type or a formula, or has
/// children; covered cells count like cells. Any doubt counts as content,
/// and a repeat count that is not plain digits counts as huge.
pub fn ods_expanded_cells(xml: &[u8]) -> u64 {
    let mut largest = 0u64;
    // Per table: rows before the first row with content are not expanded.
    let mut rows_so_far = 0u64;
    let mut first_content_row: Option<u64> = None;
    let mut last_content_row_end = 0u64;
    let mut width = 0u64;
    // Per row.
    let mut row_repeat = 1u64;
    let mut col = 0u64;
    let mut row_width = 0u64;

    let finish_table = |first: Option<u64>, last_end: u64, width: u64, largest: &mut u64| {
        if let Some(first) = first {
            *largest = (*largest).max(last_end.saturating_sub(first).saturating_mul(width));
        }
    };

    for tag in Tags::new(xml) {
        match tag {
            Tag::Open { name, attrs, closed } => match name {
                b"table:table" => {
                    rows_so_far = 0;
                    first_content_row = None;
                    last_content_row_end = 0;
                    width = 0;
                }
                b"table:table-row" => {
                    row_repeat = repeat(attrs, b"table:number-rows-repeated");
                    col = 0;
                    row_width = 0;
                    if closed {
                        rows_so_far = rows_so_far.saturating_add(row_repeat);
                    }
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let repeats = repeat(attrs, b"table:number-columns-repeated");
                    col = col.saturating_add(repeats);
                    let valued = has_attr(attrs, b"office:value-type") || has_attr(attrs, b"table:formula");
                    if valued || !closed {
                        row_width = col;
                    }
                }
                _ => {}
            },
            Tag::Close { name } => match name {
                b"table:table-row" => {
                    if row_width > 0 {
                        first_content_row.get_or_insert(rows_so_far);
                        last_content_row_end = rows_so_far.saturating_add(row_repeat);
                        width = width.max(row_width);
                    }
                    rows_so_far = rows_so_far.saturating_add(row_repeat);
                }
                b"table:table" => {
                    finish_table(first_content_row, last_content_row_end, width, &mut largest);
                    first_content_row = None;
                }
                _ => {}
            },
        }
    }
    finish_table(first_content_row, last_content_row_end, width, &mut largest);
    largest
}

/// A repeat count; absent is 1, anything but plain digits (entities,
/// signs, overflow) is taken as huge.
fn repeat(attrs: &[u8], name: &[u8]) -> u64 {
    match attr(attrs, name) {
        None => 1,
        Some(value) => {
            let text = std::str::from_utf8(value).unwrap_or("x").trim();
            if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
                return u64::MAX / 4;
            }
            text.parse::<u64>().unwrap_or(u64::MAX / 4).max(1)
        }
    }
}

fn has_attr(attrs: &[u8], name: &[u8]) -> bool {
    attr(attrs, name).is_some()
}

/// The raw value of attribute `name` in the attribute text of a tag.
fn attr<'a>(attrs: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let mut rest = attrs;
    loop {
        rest = trim_start(rest);
        let eq = rest.iter().position(|&b| b == b'=')?;
        let key = trim_end(&rest[..eq]);
        let after = trim_start(&rest[eq + 1..]);
        let quote = *after.first()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let end = after[1..].iter().position(|&b| b == quote)? + 1;
        if key == name {
            return Some(&after[1..end]);
        }
        rest = &after[end + 1..];
    }
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

fn trim_end(s: &[u8]) -> &[u8] {
    let n = s.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
    &s[..s.len() - n]
}

enum Tag<'a> {
    Open { name: &'a [u8], attrs: &'a [u8], closed: bool },
    Close { name: &'a [u8] },
}

/// Start and end tags of an XML text, in order; comments, CDATA,
/// declarations and processing instructions skipped. Quotes are honoured,
/// so a `>` inside an attribute value does not end the tag.
struct Tags<'a> {
    xml: &'a [u8],
    at: usize,
}

impl<'a> Tags<'a> {
    fn new(xml: &'a [u8]) -> Self {
        Tags { xml, at: 0 }
    }

    fn skip_past(&mut self, end: &[u8]) {
        let from = self.at.min(self.xml.len());
        self.at = match self.xml[from..].windows(end.len()).position(|w| w == end) {
            Some(p) => from + p + end.len(),
            None => self.xml.len(),
        };
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        loop {
            let start = self.at + self.xml.get(self.at..)?.iter().position(|&b| b == b'<')?;
            let rest = &self.xml[start..];
            self.at = start + 1;
            if rest.starts_with(b"<!--") {
                self.skip_past(b"-->");
                continue;
            }
            if rest.starts_with(b"<![CDATA[") {
                self.skip_past(b"]]>");
                continue;
            }
            if rest.starts_with(b"<?") {
                self.skip_past(b"?>");
                continue;
            }
            if rest.starts_with(b"<!") {
                self.skip_past(b">");
                continue;
            }
            // The tag's end: the first `>` outside quotes.
            let mut quote = None;
            let mut end = None;
            for (i, &b) in rest.iter().enumerate().skip(1) {
                match (quote, b) {
                    (None, b'"' | b'\'') => quote = Some(b),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => {
                        end = Some(i);
                        break;
                    }
                    _ => {}
                }
            }
            let end = end?;
            self.at = start + end + 1;
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix(b"/") {
                return Some(Tag::Close { name: trim_end(name) });
            }
            let (inner, closed) = match inner.strip_suffix(b"/") {
                Some(inner) => (inner, true),
                None => (inner, false),
            };
            let name_end = inner.iter().position(|b| b.is_ascii_whitespace()).unwrap_or(inner.len());
            return Some(Tag::Open { name: &inner[..name_end], attrs: &inner[name_end..], closed });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &str) -> Vec<u8> {
        format!("<?xml version=\"1.0\"?><office:body><table:table table:name=\"a\">{rows}</table:table></office:body>")
            .into_bytes()
    }

    #[test]
    fn libreoffice_trailing_empty_rows_and_columns_cost_nothing() {
        let xml = table(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Mã hộ</text:p></table:table-cell>\
             <table:table-cell table:number-columns-repeated=\"1023\"/></table:table-row>\
             <table:table-row table:number-rows-repeated=\"1048575\"><table:table-cell table:number-columns-repeated=\"1024\"/></table:table-row>",
        );
        assert_eq!(ods_expanded_cells(&xml), 1);
    }

    #[test]
    fn repeated_rows_with_content_are_counted() {
        let xml = table(
            "<table:table-row table:number-rows-repeated=\"1000000\">\
             <table:table-cell table:number-columns-repeated=\"100\" office:value-type=\"float\" office:value=\"1\"/>\
             </table:table-row>",
        );
        assert_eq!(ods_expanded_cells(&xml), 100_000_000);
    }

    #[test]
    fn empty_rows_between_content_rows_are_counted() {
        let xml = table(
            "<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row>\
             <table:table-row table:number-rows-repeated=\"999998\"><table:table-cell/></table:table-row>\
             <table:table-row><table:table-cell table:number-columns-repeated=\"9\"/><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row>",
        );
        assert_eq!(ods_expanded_cells(&xml), 1_000_000 * 10);
    }

    #[test]
    fn odd_repeat_counts_are_huge_and_quotes_are_honoured() {
        let xml = table(
            "<table:table-row table:number-rows-repeated=\"&#49;0\"><table:table-cell a=\"x>y\" office:value-type=\"float\"/></table:table-row>",
        );
        assert!(ods_expanded_cells(&xml) > MAX_ODS_CELLS);
        assert_eq!(ods_expanded_cells(b"<!-- <table:table-row> -->garbage<<<"), 0);
    }

    #[test]
    fn zip_sizes_are_read_from_the_central_directory() {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        writer.start_file("a.xml", options).unwrap();
        writer.write_all(b"<a/>").unwrap();
        let bytes = writer.finish().unwrap().into_inner();
        assert_eq!(check_zip(&bytes, "phiếu khảo sát"), Ok(()));
        assert_eq!(check_zip(b"PK\x03\x04 not a zip", "phiếu khảo sát"), Ok(()));
        assert_eq!(mib(MAX_UNZIPPED_BYTES), "160 MB");
    }
}
