//! The register's rows: what is recorded for an issued document, what a
//! row reads back as, and how the clerk's typing is matched against them.

use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};

use crate::model::Date;

/// A document about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    /// The document id (file stem, or stem and village for per-village copies).
    pub doc_id: String,
    /// The YAML path as shown to the user.
    pub source: String,
    /// `nghi-quyet`, `bao-cao`, …
    pub type_key: String,
    /// Printed type name: `NGHỊ QUYẾT`.
    pub type_name: String,
    /// Abbreviation in the symbol: `NQ`, `QyĐ`.
    pub type_code: String,
    /// Issuer id from `commune.yaml`.
    pub issuer: String,
    pub issuer_name: String,
    /// The numbering series: `2023` (State, calendar year) or
    /// `nhiem-ky-2020-08-15` (Party, the term that began that day).
    pub series: String,
    /// `None` for unnumbered papers (village scorecards).
    pub number: Option<u32>,
    /// `01-NQ/ĐU`, `15/BC-UBND`; empty when unnumbered.
    pub symbol: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    /// `T/M BAN THƯỜNG VỤ`, `TM. ỦY BAN NHÂN DÂN`; empty when none.
    pub authority: String,
    pub position: String,
    pub signer: String,
    pub recipients: Vec<String>,
    /// Relative to the output folder, with `/` separators.
    pub pdf_path: String,
    /// Lowercase hex SHA-256 of the PDF.
    pub pdf_sha256: String,
    /// Digest of everything the PDF was made from: equal digests mean
    /// re-issuing would change nothing.
    pub input_digest: String,
    /// Digest of the office's own files the document was made from (its
    /// YAML and the workspace's data files), without what ntm generates:
    /// equal when only ntm changed since. Empty in rows of earlier versions.
    pub office_digest: String,
    /// RFC 3339 UTC wall-clock time of issuing (see `now_utc`). Allowed here
    /// because it never enters a PDF.
    pub issued_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryStatus {
    Issued,
    /// Replaced by a newer version; its PDF and row are kept.
    Superseded,
}

impl EntryStatus {
    fn as_sql(self) -> &'static str {
        match self {
            EntryStatus::Issued => "issued",
            EntryStatus::Superseded => "superseded",
        }
    }

    /// For lists and messages.
    pub fn label(self) -> &'static str {
        match self {
            EntryStatus::Issued => "đã ban hành",
            EntryStatus::Superseded => "đã bị thay thế",
        }
    }
}

impl ToSql for EntryStatus {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_sql()))
    }
}

impl FromSql for EntryStatus {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value.as_str()? {
            "issued" => Ok(EntryStatus::Issued),
            "superseded" => Ok(EntryStatus::Superseded),
            other => Err(FromSqlError::Other(format!("trạng thái `{other}` không hợp lệ").into())),
        }
    }
}

/// A row of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    /// 1 for the first issue of a document id, then one more per supersede.
    pub version: u32,
    pub status: EntryStatus,
    /// The row that replaced this one.
    pub superseded_by: Option<i64>,
    /// Kept whole rather than copied field by field, so that a field added to
    /// `NewEntry` cannot be forgotten in the row that reads it back.
    pub recorded: NewEntry,
}

impl Entry {
    /// How messages name the entry: `01-NQ/ĐU, bản 2`, or the document id
    /// for unnumbered papers.
    pub fn label(&self) -> String {
        let recorded = &self.recorded;
        let name = if recorded.symbol.is_empty() { format!("`{}`", recorded.doc_id) } else { recorded.symbol.clone() };
        if self.version > 1 { format!("{name}, bản {}", self.version) } else { name }
    }

    /// The year of the document's date.
    pub fn year(&self) -> Option<i32> {
        self.recorded.date.get(..4)?.parse().ok()
    }
}

/// Which entries `list` and `export_xlsx` take. Empty fields take all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The year of the document's date.
    pub year: Option<i32>,
    /// A type code (`NQ`, `QĐ`, also written `QD`) or type key (`nghi-quyet`).
    pub type_code: Option<String>,
    /// An issuer id.
    pub issuer: Option<String>,
}

impl Filter {
    pub fn matches(&self, entry: &Entry) -> bool {
        self.year.is_none_or(|y| entry.year() == Some(y))
            && self.type_code.as_deref().is_none_or(|t| {
                let t = fold(t);
                fold(&entry.recorded.type_code) == t || fold(&entry.recorded.type_key) == t
            })
            && self.issuer.as_deref().is_none_or(|i| fold(&entry.recorded.issuer) == fold(i))
    }
}

/// Lowercase, without diacritics (đ → d) or white space: how the clerk's
/// typing is compared with what is stored.
pub(crate) fn fold(text: &str) -> String {
    crate::vi::fold::strip_marks(text).filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A symbol folded for comparison, without a leading `số`/`số:` and without
/// leading zeros in its number.
pub(super) fn symbol_key(text: &str) -> String {
    let folded = fold(text);
    let rest = match folded.strip_prefix("so") {
        Some(rest) if rest.starts_with(|c: char| c == ':' || c.is_ascii_digit()) => rest.trim_start_matches(':'),
        _ => folded.as_str(),
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let zeros = rest[..digits].len() - rest[..digits].trim_start_matches('0').len();
    // Keep one zero of an all-zero number.
    let zeros = if zeros == digits && digits > 0 { zeros - 1 } else { zeros };
    rest[zeros..].to_string()
}

/// The current UTC time as RFC 3339 (`2023-01-12T08:30:00Z`), for
/// `NewEntry::issued_at`.
pub fn now_utc() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    rfc3339(seconds)
}

pub(super) fn rfc3339(seconds: i64) -> String {
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let Date { year, month, day } = Date::from_unix_days(days);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}
