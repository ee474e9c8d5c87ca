//! The document register (sổ đăng ký văn bản đi): every issued document, in
//! a SQLite file beside the PDFs it vouches for.
//!
//! The register is where numbers come from (`number: auto` takes the next
//! one in the issuer's series), what makes issuing final (an issued row is
//! never edited; a new version supersedes it), and what `ntm archive verify`
//! checks the files against. Each document is recorded in one transaction,
//! with a rollback journal and `synchronous = FULL`, so a run killed at any
//! moment leaves either the whole row or none of it.

mod entry;
mod error;
mod numbering;
mod rounds;
mod schema;
#[cfg(test)]
pub(crate) mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior, params};

pub(crate) use entry::fold;
use entry::symbol_key;
pub use entry::{Entry, EntryStatus, Filter, NewEntry, now_utc};
pub use error::RegisterError;
pub use numbering::Numbering;

/// The register's file name; it lives in the output folder.
pub const REGISTER_FILE: &str = "so-dang-ky.sqlite";

/// How long to wait for another ntm process holding the register's lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The open register. One connection; not shared between threads: record
/// issued documents from the thread that collects the results.
pub struct Register {
    conn: Connection,
    path: PathBuf,
}

const COLUMNS: &str = "id, version, status, superseded_by, doc_id, source, type_key, type_name, type_code, \
     issuer, issuer_name, series, number, symbol, date, title, authority, position, signer, recipients, \
     pdf_path, pdf_sha256, input_digest, issued_at, office_digest";

/// Register order: the paper register's, by date, then issuer, type and number.
const ORDER: &str = "ORDER BY date, issuer, type_code, number, version, id";

impl Register {
    /// Opens the register of `output_dir`, creating it (and the folder) if
    /// absent and migrating it to the current schema.
    pub fn open(output_dir: &Path) -> Result<Register, RegisterError> {
        std::fs::create_dir_all(output_dir)
            .map_err(|source| RegisterError::Io { path: output_dir.to_path_buf(), source })?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Register::open_with(&output_dir.join(REGISTER_FILE), flags)
    }

    /// Opens the register for commands that only read it: `None` when the
    /// output folder has none yet. Opened for writing all the same: SQLite
    /// must be able to roll back a transaction a killed run left behind.
    pub fn open_existing(output_dir: &Path) -> Result<Option<Register>, RegisterError> {
        let path = output_dir.join(REGISTER_FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Register::open_with(&path, flags).map(Some)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Register, RegisterError> {
        let open_error = |source| RegisterError::Open { path: path.to_path_buf(), source };
        let mut conn = Connection::open_with_flags(path, flags).map_err(open_error)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        // A rollback journal keeps the register a single file at rest (offices
        // copy output folders to USB sticks); FULL syncs the journal before
        // every commit, which is what makes a commit survive a power cut.
        conn.pragma_update(None, "journal_mode", "DELETE").map_err(open_error)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(open_error)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(open_error)?;
        schema::migrate(&mut conn).map_err(|err| match err {
            schema::MigrateError::TooNew(found) => {
                RegisterError::TooNew { path: path.to_path_buf(), found, known: schema::known_version() }
            }
            schema::MigrateError::Negative(found) => RegisterError::Corrupt {
                path: path.to_path_buf(),
                detail: format!("số phiên bản lược đồ {found} không hợp lệ"),
            },
            schema::MigrateError::Sql(source) => open_error(source),
        })?;
        Ok(Register { conn, path: path.to_path_buf() })
    }

    /// The register file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn db(&self) -> impl Fn(rusqlite::Error) -> RegisterError + '_ {
        |source| RegisterError::Database { path: self.path.clone(), source }
    }

    /// The issued (not superseded) entry of a document id.
    pub fn current(&self, doc_id: &str) -> Result<Option<Entry>, RegisterError> {
        current(&self.conn, doc_id).map_err(self.db())
    }

    /// Every version of a document id, oldest first.
    pub fn history(&self, doc_id: &str) -> Result<Vec<Entry>, RegisterError> {
        query(&self.conn, "WHERE doc_id = ?1 ORDER BY version", [doc_id]).map_err(self.db())
    }

    /// The entry with this row id.
    pub fn get(&self, id: i64) -> Result<Option<Entry>, RegisterError> {
        get(&self.conn, id).map_err(self.db())
    }

    /// An entry of any status holding `number` in the series: the issued one
    /// if there is one, else the newest. The caller decides whether the
    /// holder is the document itself (re-issue) or another (an error).
    pub fn taken(
        &self,
        issuer: &str,
        type_code: &str,
        series: &str,
        number: u32,
    ) -> Result<Option<Entry>, RegisterError> {
        Ok(holders(&self.conn, issuer, type_code, series, number).map_err(self.db())?.into_iter().next())
    }

    /// The next number of a series: one more than the highest ever recorded,
    /// superseded rows included, so a number never comes back.
    pub fn next_number(&self, issuer: &str, type_code: &str, series: &str) -> Result<u32, RegisterError> {
        next_number(&self.conn, issuer, type_code, series).map_err(self.db())
    }

    /// Records one issued document in one transaction. With `supersedes`,
    /// that row (the document's current one) is marked superseded and
    /// pointed at the new row, whose version is one more.
    ///
    /// Refused, changing nothing: a document already issued when `supersedes`
    /// is `None`; a number held by another document (in any status); a PDF
    /// path any row already names; superseding a row that is not the
    /// document's current one.
    pub fn record(&mut self, entry: &NewEntry, supersedes: Option<i64>) -> Result<Entry, RegisterError> {
        let path = self.path.clone();
        let db = |source| RegisterError::Database { path: path.clone(), source };
        // IMMEDIATE takes the write lock before the checks, so another ntm
        // process cannot slip the same number in between check and insert.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(db)?;

        if let Some(old_id) = supersedes {
            let refuse = |reason: String| RegisterError::CannotSupersede { path: path.clone(), id: old_id, reason };
            match get(&tx, old_id).map_err(db)? {
                None => return Err(refuse("không có dòng này".to_string())),
                Some(old) if old.recorded.doc_id != entry.doc_id => {
                    return Err(refuse(format!(
                        "dòng đó là của văn bản `{}`, không phải `{}`",
                        old.recorded.doc_id, entry.doc_id
                    )));
                }
                Some(old) if old.status != EntryStatus::Issued => {
                    return Err(refuse(format!("{} đã bị thay thế rồi", old.label())));
                }
                Some(_) => {}
            }
        } else if let Some(existing) = current(&tx, &entry.doc_id).map_err(db)? {
            return Err(RegisterError::AlreadyIssued { path, existing: Box::new(existing) });
        }

        if let Some(number) = entry.number {
            let holders = holders(&tx, &entry.issuer, &entry.type_code, &entry.series, number).map_err(db)?;
            if let Some(holder) = holders.into_iter().find(|h| h.recorded.doc_id != entry.doc_id) {
                return Err(RegisterError::NumberTaken {
                    path,
                    doc_id: entry.doc_id.clone(),
                    type_code: entry.type_code.clone(),
                    series: entry.series.clone(),
                    number,
                    holder: Box::new(holder),
                });
            }
        }

        let by_path = query(&tx, "WHERE pdf_path = ?1", [&entry.pdf_path]).map_err(db)?;
        if let Some(holder) = by_path.into_iter().next() {
            return Err(RegisterError::PdfTaken { path, pdf_path: entry.pdf_path.clone(), holder: Box::new(holder) });
        }

        let version: u32 = tx
            .query_row("SELECT COALESCE(MAX(version), 0) + 1 FROM entries WHERE doc_id = ?1", [&entry.doc_id], |r| {
                r.get(0)
            })
            .map_err(db)?;
        // The old row leaves the "one issued row per document and number"
        // indexes before the new one enters them.
        if let Some(old_id) = supersedes {
            tx.execute("UPDATE entries SET status = ?1 WHERE id = ?2", params![EntryStatus::Superseded, old_id])
                .map_err(db)?;
        }
        let recipients = serde_json::to_string(&entry.recipients).expect("a list of strings serializes");
        tx.execute(
            "INSERT INTO entries (doc_id, version, status, superseded_by, source, type_key, type_name, type_code, \
             issuer, issuer_name, series, number, symbol, date, title, authority, position, signer, recipients, \
             pdf_path, pdf_sha256, input_digest, issued_at, office_digest) \
             VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
            params![
                entry.doc_id,
                version,
                EntryStatus::Issued,
                entry.source,
                entry.type_key,
                entry.type_name,
                entry.type_code,
                entry.issuer,
                entry.issuer_name,
                entry.series,
                entry.number,
                entry.symbol,
                entry.date,
                entry.title,
                entry.authority,
                entry.position,
                entry.signer,
                recipients,
                entry.pdf_path,
                entry.pdf_sha256,
                entry.input_digest,
                entry.issued_at,
                entry.office_digest,
            ],
        )
        .map_err(db)?;
        let id = tx.last_insert_rowid();
        if let Some(old_id) = supersedes {
            tx.execute("UPDATE entries SET superseded_by = ?1 WHERE id = ?2", params![id, old_id]).map_err(db)?;
        }
        let recorded = get(&tx, id).map_err(db)?.expect("the row just inserted");
        tx.commit().map_err(db)?;
        Ok(recorded)
    }

    /// The entries `filter` takes, in register order.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Entry>, RegisterError> {
        Ok(self.all()?.into_iter().filter(|e| filter.matches(e)).collect())
    }

    /// Every entry, issued and superseded, in register order.
    pub fn all(&self) -> Result<Vec<Entry>, RegisterError> {
        query(&self.conn, ORDER, []).map_err(self.db())
    }

    /// Entries (all versions) whose symbol is `text`, compared without case,
    /// diacritics, spaces, a leading `Số`/`Số:` or leading zeros of the
    /// number: `01-NQ/ĐU`, `1-nq/du` and `Số 01-NQ/DU` are the same. Text of
    /// digits alone finds every entry with that number.
    pub fn find_by_symbol(&self, text: &str) -> Result<Vec<Entry>, RegisterError> {
        let wanted = symbol_key(text);
        let number: Option<u32> =
            if text.trim().chars().all(|c| c.is_ascii_digit()) { text.trim().parse().ok() } else { None };
        Ok(self
            .all()?
            .into_iter()
            .filter(|e| match number {
                Some(n) => e.recorded.number == Some(n),
                None => !e.recorded.symbol.is_empty() && !wanted.is_empty() && symbol_key(&e.recorded.symbol) == wanted,
            })
            .collect())
    }
}

fn query<P: rusqlite::Params>(conn: &Connection, tail: &str, params: P) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM entries {tail}"))?;
    stmt.query_map(params, read_entry)?.collect()
}

fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Entry>> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM entries WHERE id = ?1"), [id], read_entry).optional()
}

fn current(conn: &Connection, doc_id: &str) -> rusqlite::Result<Option<Entry>> {
    Ok(query(conn, "WHERE doc_id = ?1 AND status = 'issued'", [doc_id])?.into_iter().next())
}

/// Entries holding a number, the issued one first, then newest first. In a
/// series shared by every type (`model::SHARED_SERIES`) the type does not
/// matter: `?2 = ''` matches any.
fn holders(
    conn: &Connection,
    issuer: &str,
    type_code: &str,
    series: &str,
    number: u32,
) -> rusqlite::Result<Vec<Entry>> {
    query(
        conn,
        "WHERE issuer = ?1 AND (type_code = ?2 OR ?2 = '') AND series = ?3 AND number = ?4 \
         ORDER BY status = 'issued' DESC, id DESC",
        params![issuer, series_type(type_code, series), series, number],
    )
}

fn next_number(conn: &Connection, issuer: &str, type_code: &str, series: &str) -> rusqlite::Result<u32> {
    conn.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM entries \
         WHERE issuer = ?1 AND (type_code = ?2 OR ?2 = '') AND series = ?3",
        [issuer, series_type(type_code, series), series],
        |r| r.get(0),
    )
}

/// The type code that splits a series: none in a shared one.
pub(crate) fn series_type<'a>(type_code: &'a str, series: &str) -> &'a str {
    if series.starts_with(crate::model::SHARED_SERIES) { "" } else { type_code }
}

fn read_entry(row: &Row<'_>) -> rusqlite::Result<Entry> {
    let recipients: String = row.get(19)?;
    let recipients: Vec<String> = serde_json::from_str(&recipients)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(19, rusqlite::types::Type::Text, Box::new(e)))?;
    Ok(Entry {
        id: row.get(0)?,
        version: row.get(1)?,
        status: row.get(2)?,
        superseded_by: row.get(3)?,
        recorded: NewEntry {
            doc_id: row.get(4)?,
            source: row.get(5)?,
            type_key: row.get(6)?,
            type_name: row.get(7)?,
            type_code: row.get(8)?,
            issuer: row.get(9)?,
            issuer_name: row.get(10)?,
            series: row.get(11)?,
            number: row.get(12)?,
            symbol: row.get(13)?,
            date: row.get(14)?,
            title: row.get(15)?,
            authority: row.get(16)?,
            position: row.get(17)?,
            signer: row.get(18)?,
            recipients,
            pdf_path: row.get(20)?,
            pdf_sha256: row.get(21)?,
            input_digest: row.get(22)?,
            issued_at: row.get(23)?,
            office_digest: row.get(24)?,
        },
    })
}
