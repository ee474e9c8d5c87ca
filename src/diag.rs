//! Diagnostics: every problem ntm finds in the user's data, with the place it was found.
//!
//! Stages never stop at the first problem: they push `Diagnostic`s into a
//! `Diagnostics` list and carry on, so one run reports everything. Printing is
//! done in one place (`crate::cli::report`), in Vietnamese.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How bad a problem is. Errors stop the affected document from being issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Not a problem: something ntm passed over on purpose (a lock file in
    /// the survey folder), said so nobody wonders where it went.
    Note,
}

/// Where a problem is. Paths are relative to the workspace's parent when possible,
/// so messages read `inputs/documents/nq.yaml:12:5` on every machine.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Location {
    /// A whole file (cannot be opened, has no single position).
    File { file: PathBuf },
    /// A position in a text file; line and column are 1-based.
    Text { file: PathBuf, line: usize, column: usize },
    /// A cell of a workbook, in A1 form.
    Cell { file: PathBuf, sheet: String, cell: String },
    /// Not tied to an input file (environment, output folder).
    Nowhere,
}

impl Location {
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location::File { file: file.into() }
    }

    pub fn text(file: impl Into<PathBuf>, line: usize, column: usize) -> Self {
        Location::Text { file: file.into(), line, column }
    }

    /// Orders by file, then position; cells by row and column, so `E9`
    /// comes before `E17`.
    fn sort_key(&self) -> (Option<&Path>, &str, usize, usize) {
        match self {
            Location::Nowhere => (None, "", 0, 0),
            Location::File { file } => (Some(file), "", 0, 0),
            Location::Text { file, line, column } => (Some(file), "", *line, *column),
            Location::Cell { file, sheet, cell } => {
                let letters: String = cell.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
                let column =
                    letters.bytes().fold(0usize, |n, b| n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1));
                let row = cell[letters.len()..].parse().unwrap_or(0);
                (Some(file), sheet, row, column)
            }
        }
    }

    /// The file this location is in, if any.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Location::File { file } | Location::Text { file, .. } | Location::Cell { file, .. } => Some(file),
            Location::Nowhere => None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File { file } => write!(f, "{}", file.display()),
            Location::Text { file, line, column } => {
                write!(f, "{}:{line}:{column}", file.display())
            }
            Location::Cell { file, sheet, cell } => write!(f, "{} ({sheet}!{cell})", file.display()),
            Location::Nowhere => Ok(()),
        }
    }
}

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    /// What was found and what was expected, in Vietnamese.
    pub message: String,
    /// How to fix it, when ntm knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, location, message: message.into(), hint: None }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, location, message: message.into(), hint: None }
    }

    pub fn note(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, location, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
            Severity::Note => "ghi chú",
        };
        match &self.location {
            Location::Nowhere => write!(f, "{label}: {}", self.message)?,
            location => write!(f, "{label}: {location}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  gợi ý: {hint}")?;
        }
        Ok(())
    }
}

/// A diagnostic flat, as the JSON contract of `survey-form.md` shapes it,
/// with only the location keys that apply. Also how a kept survey round
/// stores its problems, so they can be listed without reading it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlatDiagnostic {
    pub severity: Severity,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl From<&Diagnostic> for FlatDiagnostic {
    fn from(d: &Diagnostic) -> Self {
        let mut out = FlatDiagnostic {
            severity: d.severity,
            file: d.location.path().map(Path::to_path_buf),
            line: None,
            column: None,
            sheet: None,
            cell: None,
            message: d.message.clone(),
            hint: d.hint.clone(),
        };
        match &d.location {
            Location::Text { line, column, .. } => (out.line, out.column) = (Some(*line), Some(*column)),
            Location::Cell { sheet, cell, .. } => (out.sheet, out.cell) = (Some(sheet.clone()), Some(cell.clone())),
            Location::File { .. } | Location::Nowhere => {}
        }
        out
    }
}

impl From<FlatDiagnostic> for Diagnostic {
    fn from(f: FlatDiagnostic) -> Self {
        let location = match (f.file, f.line, f.column, f.sheet, f.cell) {
            (Some(file), Some(line), Some(column), _, _) => Location::Text { file, line, column },
            (Some(file), _, _, Some(sheet), Some(cell)) => Location::Cell { file, sheet, cell },
            (Some(file), ..) => Location::File { file },
            (None, ..) => Location::Nowhere,
        };
        Diagnostic { severity: f.severity, location, message: f.message, hint: f.hint }
    }
}

/// An ordered collection of diagnostics.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Diagnostics sorted by file, then position, so output does not depend on
    /// the order parallel work finished in.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.location.sort_key(), a.severity, &a.message).cmp(&(b.location.sort_key(), b.severity, &b.message))
        });
        items
    }

    /// Whether any error is located in `file`.
    pub fn has_errors_in(&self, file: &Path) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error && d.location.path() == Some(file))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_text_location_and_hint() {
        let d = Diagnostic::error(Location::text("inputs/a.yaml", 3, 7), "thiếu trường `date`")
            .with_hint("thêm `date: 2023-01-12`");
        assert_eq!(d.to_string(), "lỗi: inputs/a.yaml:3:7: thiếu trường `date`\n  gợi ý: thêm `date: 2023-01-12`");
    }

    #[test]
    fn flat_diagnostics_round_trip() {
        let all = [
            Diagnostic::error(Location::text("a.yaml", 3, 7), "x").with_hint("h"),
            Diagnostic::warning(Location::Cell { file: "b.xlsx".into(), sheet: "S".into(), cell: "E17".into() }, "y"),
            Diagnostic::note(Location::file("c.pdf"), "z"),
            Diagnostic::error(Location::Nowhere, "w"),
        ];
        for d in all {
            let json = serde_json::to_string(&FlatDiagnostic::from(&d)).unwrap();
            let back: FlatDiagnostic = serde_json::from_str(&json).unwrap();
            assert_eq!(Diagnostic::from(back), d);
        }
    }

    #[test]
    fn sorts_by_place_not_by_arrival() {
        let mut all = Diagnostics::new();
        all.error(Location::text("b.yaml", 1, 1), "x");
        all.error(Location::text("a.yaml", 9, 1), "y");
        all.error(Location::text("a.yaml", 2, 1), "z");
        let order: Vec<_> = all.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(order, ["z", "y", "x"]);
        let cell = |c: &str| Location::Cell { file: "a.xlsx".into(), sheet: "S".into(), cell: c.into() };
        let mut cells = Diagnostics::new();
        for c in ["E17", "AA2", "E9", "B9"] {
            cells.error(cell(c), c);
        }
        let order: Vec<_> = cells.sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(order, ["AA2", "B9", "E9", "E17"]);
    }
}
