//! The survey rounds up to the one being reported, each with where the
//! commune stood then: what the progress reports compare. Made by the
//! pipeline (`pipeline::history` reads and keeps rounds), read by `render`
//! and `cli`.

use crate::evaluate::Evaluation;
use crate::evaluate::compare::{Comparison, RoundSnapshot, compare};
use crate::load::rounds::{self, Round};

/// One round and where the commune stood then.
#[derive(Debug, Clone)]
pub struct RoundEval {
    pub round: Round,
    /// The key it is kept under; `None` when a file of it could not be read.
    pub digest: Option<String>,
    pub snapshot: RoundSnapshot,
    pub evaluation: Evaluation,
    /// Read from its workbooks in this run (to be kept by `build`).
    pub fresh: bool,
}

/// Rounds oldest first; the last is the one reported.
#[derive(Debug, Clone, Default)]
pub struct History {
    pub rounds: Vec<RoundEval>,
}

impl History {
    pub fn current(&self) -> Option<&RoundEval> {
        self.rounds.last()
    }

    /// The latest round within `period` (`2023-Q2`): its index.
    pub fn at_period(&self, period: &str) -> Option<usize> {
        let end = rounds::period_end(period)?;
        self.rounds.iter().rposition(|r| r.round.date.is_none_or(|d| d <= end))
    }

    /// Round `i` compared with the round before it.
    pub fn comparison(&self, i: usize) -> Option<Comparison> {
        let (before, now) = (self.rounds.get(i.checked_sub(1)?)?, self.rounds.get(i)?);
        Some(compare(&before.evaluation, &now.evaluation, &before.snapshot, &now.snapshot))
    }
}
