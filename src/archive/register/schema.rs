//! The register's SQLite schema and its versioned migrations.
//!
//! The schema version lives in `PRAGMA user_version`. Migration `i` of
//! `MIGRATIONS` takes a file from version `i` to `i + 1`; a new version is
//! added by appending a step, never by editing one that has shipped, since
//! offices keep registers for years.

use rusqlite::{Connection, TransactionBehavior};

/// Version 1: the initial schema.
///
/// - `status` and `superseded_by` move together: a row is marked superseded
///   and then pointed at its successor inside one transaction, so only the
///   weaker "a pointer implies superseded" can be a constraint.
/// - At most one issued row per document id, and per number in a series:
///   superseded rows keep their numbers, so the next version of a document
///   may carry the same number as the row it replaces.
/// - `pdf_path` is unique over all rows: superseding keeps the old PDF, so a
///   new version always gets a file of its own.
/// - `recipients` is a JSON array of strings.
const V1: &str = "
CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT    NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    status        TEXT    NOT NULL CHECK (status IN ('issued', 'superseded')),
    superseded_by INTEGER REFERENCES entries (id),
    source        TEXT    NOT NULL,
    type_key      TEXT    NOT NULL,
    type_name     TEXT    NOT NULL,
    type_code     TEXT    NOT NULL,
    issuer        TEXT    NOT NULL,
    issuer_name   TEXT    NOT NULL,
    series        TEXT    NOT NULL,
    number        INTEGER CHECK (number IS NULL OR number >= 1),
    symbol        TEXT    NOT NULL,
    date          TEXT    NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    title         TEXT    NOT NULL,
    authority     TEXT    NOT NULL,
    position      TEXT    NOT NULL,
    signer        TEXT    NOT NULL,
    recipients    TEXT    NOT NULL CHECK (json_valid(recipients) AND json_type(recipients) = 'array'),
    pdf_path      TEXT    NOT NULL UNIQUE,
    pdf_sha256    TEXT    NOT NULL CHECK (length(pdf_sha256) = 64),
    input_digest  TEXT    NOT NULL,
    issued_at     TEXT    NOT NULL,
    UNIQUE (doc_id, version),
    CHECK (superseded_by IS NULL OR status = 'superseded')
);
CREATE UNIQUE INDEX entries_current ON entries (doc_id) WHERE status = 'issued';
CREATE UNIQUE INDEX entries_number ON entries (issuer, type_code, series, number)
    WHERE status = 'issued' AND number IS NOT NULL;
CREATE INDEX entries_series ON entries (issuer, type_code, series, number);
CREATE INDEX entries_date ON entries (date);
";

/// Version 2: the evaluation of each survey round, kept so a later run
/// compares rounds without reading old workbooks again. `inputs_digest` is
/// of the round's files and the form: a round re-sent is read again.
const V2: &str = "
CREATE TABLE round_snapshots (
    round          TEXT PRIMARY KEY,
    inputs_digest  TEXT NOT NULL,
    snapshot       TEXT NOT NULL CHECK (json_valid(snapshot)),
    taken_at       TEXT NOT NULL
);
";

/// Every migration, oldest first. The register's version is the count applied.
// What the office's own files were when a document was issued, beside the
// digest of what ntm generated from them: a newer ntm that lays a document
// out differently changes the one and not the other (rows of earlier
// versions have '' and are judged by `input_digest` alone).
const V3: &str = "
ALTER TABLE entries ADD COLUMN office_digest TEXT NOT NULL DEFAULT '';
";

pub(super) const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// The newest schema version this ntm knows.
pub(super) fn known_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Why a register cannot be brought up to date.
pub(super) enum MigrateError {
    TooNew(i64),
    Negative(i64),
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for MigrateError {
    fn from(err: rusqlite::Error) -> Self {
        MigrateError::Sql(err)
    }
}

pub(super) fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Applies the missing migrations, one transaction each. The version is read
/// again under the write lock, so two ntm processes opening a fresh register
/// at once do not both create the tables.
pub(super) fn migrate(conn: &mut Connection) -> Result<(), MigrateError> {
    loop {
        let found = version(conn)?;
        check(found)?;
        if found == known_version() {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let found = version(&tx)?;
        check(found)?;
        if found == known_version() {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[found as usize])?;
        // user_version lives in the file header and is written by the same
        // transaction: a crash leaves either both or neither.
        tx.pragma_update(None, "user_version", found + 1)?;
        tx.commit()?;
    }
}

fn check(found: i64) -> Result<(), MigrateError> {
    if found < 0 {
        Err(MigrateError::Negative(found))
    } else if found > known_version() {
        Err(MigrateError::TooNew(found))
    } else {
        Ok(())
    }
}
