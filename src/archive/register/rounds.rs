//! Kept evaluations of survey rounds (schema v2): written by `ntm build`,
//! read by every run that compares rounds.

use rusqlite::{OptionalExtension, params};

use super::{Register, RegisterError, now_utc};

impl Register {
    /// The snapshot kept for `round`, if its inputs have the given digest.
    pub fn round_snapshot(&self, round: &str, inputs_digest: &str) -> Result<Option<String>, RegisterError> {
        self.conn
            .query_row(
                "SELECT snapshot FROM round_snapshots WHERE round = ?1 AND inputs_digest = ?2",
                params![round, inputs_digest],
                |row| row.get(0),
            )
            .optional()
            .map_err(|source| RegisterError::Database { path: self.path.clone(), source })
    }

    /// Whether a snapshot of `round` is kept, whatever its digest; when
    /// the register cannot tell, `true` (the digest is then looked up).
    pub fn keeps_round(&self, round: &str) -> bool {
        self.conn
            .query_row("SELECT 1 FROM round_snapshots WHERE round = ?1", params![round], |_| Ok(()))
            .optional()
            .map_or(true, |kept| kept.is_some())
    }

    /// Keeps (or replaces) the snapshot of `round`, in one transaction.
    pub fn store_round_snapshot(
        &mut self,
        round: &str,
        inputs_digest: &str,
        snapshot: &str,
    ) -> Result<(), RegisterError> {
        let path = self.path.clone();
        let db = |source| RegisterError::Database { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(db)?;
        tx.execute(
            "INSERT INTO round_snapshots (round, inputs_digest, snapshot, taken_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (round) DO UPDATE SET inputs_digest = excluded.inputs_digest,
                 snapshot = excluded.snapshot, taken_at = excluded.taken_at",
            params![round, inputs_digest, snapshot, now_utc()],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_are_kept_per_round_and_digest() {
        let dir = tempfile::tempdir().unwrap();
        let mut r = Register::open(dir.path()).unwrap();
        assert_eq!(r.round_snapshot("2023-06", "a").unwrap(), None);
        assert!(!r.keeps_round("2023-06"));
        r.store_round_snapshot("2023-06", "a", "{\"x\":1}").unwrap();
        assert!(r.keeps_round("2023-06") && !r.keeps_round("2023-09"));
        assert_eq!(r.round_snapshot("2023-06", "a").unwrap().as_deref(), Some("{\"x\":1}"));
        assert_eq!(r.round_snapshot("2023-06", "b").unwrap(), None, "a re-sent round is read again");
        r.store_round_snapshot("2023-06", "b", "{\"x\":2}").unwrap();
        assert_eq!(r.round_snapshot("2023-06", "b").unwrap().as_deref(), Some("{\"x\":2}"));
        drop(r);
        let r = Register::open_existing(dir.path()).unwrap().unwrap();
        assert_eq!(r.round_snapshot("2023-06", "b").unwrap().as_deref(), Some("{\"x\":2}"));
    }
}
