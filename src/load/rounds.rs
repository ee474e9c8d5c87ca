//! Survey rounds: each round is a dated folder of village workbooks under
//! `survey/` (`survey/2023-03/`, `survey/2023-06/`, …); the latest is the
//! current one. A `survey/` with workbooks and no round folders is a single
//! round.

use std::fs;
use std::path::{Path, PathBuf};

use crate::archive::verify::InputDigest;
use crate::model::Date;

/// One survey round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The folder name: `2023-06`, `2023-Q2`, `2023`; empty for a `survey/`
    /// folder without rounds.
    pub id: String,
    pub dir: PathBuf,
    /// The last day the round stands for, to place it in a period.
    pub date: Option<Date>,
}

impl Round {
    /// `tháng 6/2023`, `quý II/2023`, `năm 2023`.
    pub fn label(&self) -> String {
        label(&self.id)
    }
}

/// `tháng 6/2023` for `2023-06`, `quý II/2023` for `2023-Q2`, `năm 2023`.
pub fn label(id: &str) -> String {
    match parse(id) {
        Some(RoundId::Month(y, m)) => format!("tháng {m}/{y}"),
        Some(RoundId::Quarter(y, q)) => format!("quý {}/{y}", ["I", "II", "III", "IV"][q as usize - 1]),
        Some(RoundId::Year(y)) => format!("năm {y}"),
        None if id.is_empty() => "đợt khảo sát".to_string(),
        None => format!("đợt {id}"),
    }
}

enum RoundId {
    Year(i32),
    Month(i32, u32),
    Quarter(i32, u32),
}

fn parse(id: &str) -> Option<RoundId> {
    let (y, rest) = id.split_at_checked(4)?;
    let year: i32 = y.parse().ok()?;
    if rest.is_empty() {
        return Some(RoundId::Year(year));
    }
    let rest = rest.strip_prefix('-')?;
    if let Some(q) = rest.strip_prefix('Q') {
        let q: u32 = q.parse().ok()?;
        return (1..=4).contains(&q).then_some(RoundId::Quarter(year, q));
    }
    let m: u32 = rest.parse().ok()?;
    (rest.len() == 2 && (1..=12).contains(&m)).then_some(RoundId::Month(year, m))
}

/// The last day a round id or a period (`2023`, `2023-06`, `2023-Q2`) covers.
pub fn period_end(id: &str) -> Option<Date> {
    let (year, month) = match parse(id)? {
        RoundId::Year(y) => (y, 12),
        RoundId::Month(y, m) => (y, m),
        RoundId::Quarter(y, q) => (y, q * 3),
    };
    (28..=31).rev().find_map(|day| Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok())
}

/// Whether `id` names a round or a period.
pub fn is_period(id: &str) -> bool {
    parse(id).is_some()
}

/// The rounds under `survey_dir`, oldest first.
pub fn discover(survey_dir: &Path) -> Vec<Round> {
    let Ok(entries) = fs::read_dir(survey_dir) else { return Vec::new() };
    let mut rounds: Vec<Round> = Vec::new();
    let mut loose_files = false;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() && is_period(&name) {
            rounds.push(Round { date: period_end(&name), id: name, dir: path });
        } else if path.is_file() && !name.starts_with('.') {
            loose_files = true;
        }
    }
    if rounds.is_empty() && loose_files {
        return vec![Round { id: String::new(), dir: survey_dir.to_path_buf(), date: None }];
    }
    rounds.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    rounds
}

/// A digest of everything a round's reading depends on: its files (names and
/// bytes) and the form definition.
pub fn inputs_digest(round: &Round, form_file: &Path) -> String {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&round.dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let mut digest = InputDigest::new();
    digest.part("form", &fs::read(form_file).unwrap_or_default());
    for f in files {
        let name = f.strip_prefix(&round.dir).unwrap_or(&f).to_string_lossy().into_owned();
        digest.part(&name, &fs::read(&f).unwrap_or_default());
    }
    digest.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_labels() {
        assert_eq!(period_end("2023-06").unwrap().to_string(), "2023-06-30");
        assert_eq!(period_end("2024-02").unwrap().to_string(), "2024-02-29");
        assert_eq!(period_end("2023-Q2").unwrap().to_string(), "2023-06-30");
        assert_eq!(period_end("2023-Q4").unwrap().to_string(), "2023-12-31");
        assert_eq!(period_end("2023").unwrap().to_string(), "2023-12-31");
        assert_eq!(period_end("2023-13"), None);
        assert_eq!(period_end("2023-Q5"), None);
        assert_eq!(period_end("nam-2023"), None);
        assert_eq!(label("2023-06"), "tháng 6/2023");
        assert_eq!(label("2023-Q2"), "quý II/2023");
        assert_eq!(label("2023"), "năm 2023");
    }

    #[test]
    fn rounds_are_ordered_by_date() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["2023-09", "2023-03", "2023-Q2", "ghi-chu"] {
            fs::create_dir(dir.path().join(name)).unwrap();
        }
        let ids: Vec<String> = discover(dir.path()).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["2023-03", "2023-Q2", "2023-09"]);
    }

    #[test]
    fn loose_workbooks_are_one_round() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thon-1.xlsx"), b"x").unwrap();
        let rounds = discover(dir.path());
        assert_eq!(rounds.len(), 1);
        assert_eq!(rounds[0].id, "");
    }
}
