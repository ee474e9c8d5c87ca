//! Numbers for one run, fixed before any document of the run is recorded.

use std::collections::BTreeMap;

use super::{Register, RegisterError};

/// Hands out numbers for one run. Numbers are printed in the PDFs, so they
/// are fixed before documents are typeset in parallel and recorded after;
/// this keeps two `auto` documents of a run from both taking the register's
/// next number, and keeps `auto` above explicit numbers of the same run.
#[derive(Debug, Default)]
pub struct Numbering {
    /// Highest number handed out or claimed so far, per series.
    highest: BTreeMap<(String, String, String), u32>,
}

impl Numbering {
    pub fn new() -> Numbering {
        Numbering::default()
    }

    /// Notes an explicit number of this run, so `next` stays above it.
    pub fn claim(&mut self, issuer: &str, type_code: &str, series: &str, number: u32) {
        let highest = self.highest.entry(key(issuer, type_code, series)).or_default();
        *highest = (*highest).max(number);
    }

    /// The next free number of the series, counting the register and this run.
    pub fn next(
        &mut self,
        register: &Register,
        issuer: &str,
        type_code: &str,
        series: &str,
    ) -> Result<u32, RegisterError> {
        let from_register = register.next_number(issuer, type_code, series)?;
        let highest = self.highest.entry(key(issuer, type_code, series)).or_default();
        let number = from_register.max(*highest + 1);
        *highest = number;
        Ok(number)
    }
}

fn key(issuer: &str, type_code: &str, series: &str) -> (String, String, String) {
    (issuer.to_string(), super::series_type(type_code, series).to_string(), series.to_string())
}
