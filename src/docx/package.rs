//! The `.docx` package, the same bytes for the same document: docx-rs
//! writes the parts, which are then put in a zip whose entries all carry
//! the document's date, in docx-rs's fixed order. Two parts are finished
//! here: the document properties (title, author = the issuing body, dates
//! from the document; docx-rs cannot set a title or an author), written
//! with quick-xml's escaping events, and the repeated header rows.

use std::io::{Cursor, Read, Write};

use docx_rs::Docx;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use serde_json::Value;
use zip::write::SimpleFileOptions;

use super::json::{list, num, str_of};

/// How docx-rs writes the marker `components::header_row` puts on header
/// rows, and what Word reads as "repeat this row at the top of each page".
/// User text cannot contain the marker: docx-rs escapes every `<` of it.
const HEADER_MARK: &[u8] = br#"<w:trHeight w:val="1" w:hRule="atLeast" />"#;
const HEADER_ROW: &[u8] = b"<w:tblHeader />";

pub(super) fn pack(docx: Docx, meta: &Value) -> Result<Vec<u8>, String> {
    let date = Date::of(meta);
    let stamp = date.iso();
    let docx = docx.created_at(&stamp).updated_at(&stamp);
    let mut parts = Cursor::new(Vec::new());
    docx.build().pack(&mut parts).map_err(|e| e.to_string())?;
    let mut source = zip::ZipArchive::new(Cursor::new(parts.into_inner())).map_err(|e| e.to_string())?;

    let time = zip::DateTime::from_date_and_time(date.year, date.month, date.day, 0, 0, 0)
        .unwrap_or_else(|_| zip::DateTime::default());
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for index in 0..source.len() {
        let mut entry = source.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.to_string();
        if entry.is_dir() {
            out.add_directory(name.as_str(), options).map_err(|e| e.to_string())?;
            continue;
        }
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        let bytes = match name.as_str() {
            "docProps/core.xml" => core_properties(meta, &stamp).map_err(|e| e.to_string())?,
            "word/document.xml" => replace_all(&bytes, HEADER_MARK, HEADER_ROW),
            _ => bytes,
        };
        out.start_file(name.as_str(), options).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// The document's date (`meta.json`'s `pdf.date`), 1980-01-01 without one.
struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    fn of(meta: &Value) -> Date {
        let d = &meta["pdf"]["date"];
        let part = |key: &str, default: f64, range: std::ops::RangeInclusive<f64>| {
            num(&d[key]).filter(|v| range.contains(v)).unwrap_or(default)
        };
        Date {
            // Zip dates run from 1980 to 2107.
            year: part("year", 1980.0, 1980.0..=2107.0) as u16,
            month: part("month", 1.0, 1.0..=12.0) as u8,
            day: part("day", 1.0, 1.0..=31.0) as u8,
        }
    }
    fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}T00:00:00Z", self.year, self.month, self.day)
    }
}

/// `docProps/core.xml`: title, author and keywords of the document
/// (`meta.json`'s `pdf`), its date as created and modified.
fn core_properties(meta: &Value, stamp: &str) -> Result<Vec<u8>, std::io::Error> {
    let pdf = &meta["pdf"];
    let (title, author) = super::properties(meta);
    let keywords: Vec<String> = list(pdf, "keywords").iter().map(str_of).collect();
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), Some("yes"))))?;
    let root = BytesStart::new("cp:coreProperties").with_attributes([
        ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
        ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ("xmlns:dcterms", "http://purl.org/dc/terms/"),
        ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
    ]);
    w.write_event(Event::Start(root))?;
    let mut element = |name: &str, text: &str, w3cdtf: bool| -> Result<(), std::io::Error> {
        let mut start = BytesStart::new(name);
        if w3cdtf {
            start.push_attribute(("xsi:type", "dcterms:W3CDTF"));
        }
        w.write_event(Event::Start(start))?;
        w.write_event(Event::Text(BytesText::new(&super::text::xml_text(text))))?;
        w.write_event(Event::End(BytesEnd::new(name)))?;
        Ok(())
    };
    element("dc:title", &title, false)?;
    element("dc:creator", &author, false)?;
    element("cp:lastModifiedBy", &author, false)?;
    element("cp:keywords", &keywords.join("; "), false)?;
    element("dc:language", "vi-VN", false)?;
    element("cp:revision", "1", false)?;
    element("dcterms:created", stamp, true)?;
    element("dcterms:modified", stamp, true)?;
    w.write_event(Event::End(BytesEnd::new("cp:coreProperties")))?;
    Ok(w.into_inner())
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn properties_escape_the_office_text() {
        let meta = json!({"pdf": {"title": "Kế hoạch <b>&\"x\"", "author": "UBND xã A&B", "keywords": ["a", "b"],
            "date": {"year": 2023, "month": 1, "day": 20}}});
        let xml = String::from_utf8(core_properties(&meta, "2023-01-20T00:00:00Z").unwrap()).unwrap();
        assert!(xml.contains("<dc:title>Kế hoạch &lt;b&gt;&amp;&quot;x&quot;</dc:title>"), "{xml}");
        assert!(xml.contains("<dc:creator>UBND xã A&amp;B</dc:creator>"), "{xml}");
        assert!(xml.contains(r#"<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-20T00:00:00Z</dcterms:created>"#));
    }

    #[test]
    fn replaces_every_marker() {
        assert_eq!(replace_all(b"aXXbXX", b"XX", b"Y"), b"aYbY");
        assert_eq!(replace_all(b"abc", b"XX", b"Y"), b"abc");
    }
}
