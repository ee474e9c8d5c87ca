//! Survey rounds: each round is a dated folder of village workbooks under
//! `survey/` (`survey/2023-03/`, `survey/2023-06/`, …); the latest is the
//! current one. A `survey/` with workbooks and no round folders is a single
//! round.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Location};
use crate::digest::{InputDigest, sha256_file};
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
    match Period::parse(id) {
        Some(period) => period.label(),
        None if id.is_empty() => "đợt khảo sát".to_string(),
        None => format!("đợt {id}"),
    }
}

/// What a round id or a report's period (`2023`, `2023-06`, `2023-Q2`)
/// stands for; every way of writing it is made from these parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year(i32),
    Month(i32, u32),
    Quarter(i32, u32),
}

const QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];

impl Period {
    pub fn parse(id: &str) -> Option<Period> {
        let (y, rest) = id.split_at_checked(4)?;
        let year: i32 = y.parse().ok()?;
        if rest.is_empty() {
            return Some(Period::Year(year));
        }
        let rest = rest.strip_prefix('-')?;
        if let Some(q) = rest.strip_prefix('Q') {
            let q: u32 = q.parse().ok()?;
            return (1..=4).contains(&q).then_some(Period::Quarter(year, q));
        }
        let m: u32 = rest.parse().ok()?;
        (rest.len() == 2 && (1..=12).contains(&m)).then_some(Period::Month(year, m))
    }

    /// `tháng 6/2023`, `quý II/2023`, `năm 2023`: in a sentence.
    pub fn label(self) -> String {
        match self {
            Period::Month(y, m) => format!("tháng {m}/{y}"),
            Period::Quarter(y, q) => format!("quý {}/{y}", QUARTERS[q as usize - 1]),
            Period::Year(y) => format!("năm {y}"),
        }
    }

    /// `6/2023`, `II/2023`, `2023`: where space is short (a chart's axis).
    pub fn short(self) -> String {
        match self {
            Period::Month(y, m) => format!("{m}/{y}"),
            Period::Quarter(y, q) => format!("{}/{y}", QUARTERS[q as usize - 1]),
            Period::Year(y) => y.to_string(),
        }
    }

    /// `Tháng 6 năm 2023`, `Quý II năm 2023`, `Năm 2023`: a report's title.
    pub fn words(self) -> String {
        match self {
            Period::Month(y, m) => format!("Tháng {m} năm {y}"),
            Period::Quarter(y, q) => format!("Quý {} năm {y}", QUARTERS[q as usize - 1]),
            Period::Year(y) => format!("Năm {y}"),
        }
    }

    /// The last day the period covers.
    pub fn end(self) -> Option<Date> {
        let (year, month) = match self {
            Period::Year(y) => (y, 12),
            Period::Month(y, m) => (y, m),
            Period::Quarter(y, q) => (y, q * 3),
        };
        (28..=31).rev().find_map(|day| Date::parse(&format!("{year:04}-{month:02}-{day:02}")).ok())
    }
}

/// The last day a round id or a period (`2023`, `2023-06`, `2023-Q2`) covers.
pub fn period_end(id: &str) -> Option<Date> {
    Period::parse(id)?.end()
}

/// Whether `id` names a round or a period.
pub fn is_period(id: &str) -> bool {
    Period::parse(id).is_some()
}

/// The rounds under `survey_dir`, oldest first. What is passed over beside
/// round folders (a folder not named as a round, a workbook left loose) gets
/// a note naming it and why, pushed to `notes`.
pub fn discover(survey_dir: &Path, notes: &mut Vec<Diagnostic>) -> Vec<Round> {
    // A missing or unreadable `survey/` is said by the reader of the single
    // round it then stands for (`survey::read_round`): nothing to add here.
    let Ok(entries) = fs::read_dir(survey_dir) else { return Vec::new() };
    let mut rounds: Vec<Round> = Vec::new();
    let mut others: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                notes.push(Diagnostic::warning(
                    Location::file(survey_dir),
                    format!("không đọc hết được thư mục: {err}; có thể thiếu đợt khảo sát"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if path.is_dir() && is_period(&name) {
            rounds.push(Round { date: period_end(&name), id: name, dir: path });
        } else {
            others.push((path.clone(), path.is_dir()));
        }
    }
    if rounds.is_empty() {
        // No round folder: `survey/` itself is the one round, read to any
        // depth, and its reader notes what it passes over.
        return if others.is_empty() {
            Vec::new()
        } else {
            vec![Round { id: String::new(), dir: survey_dir.to_path_buf(), date: None }]
        };
    }
    for (path, is_dir) in others {
        notes.push(passed_over(&path, is_dir));
    }
    rounds.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    rounds
}

/// The note for something in `survey/` beside the round folders.
fn passed_over(path: &Path, is_dir: bool) -> Diagnostic {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if is_dir {
        Diagnostic::note(
            Location::file(path),
            format!(
                "bỏ qua thư mục `{name}`: tên không phải một đợt khảo sát \
                 (năm-tháng như 2023-06, năm-quý như 2023-Q2, hoặc năm như 2023)"
            ),
        )
        .with_hint("đổi tên thư mục theo đợt khảo sát nếu đây là phiếu của một đợt")
    } else {
        Diagnostic::note(Location::file(path), format!("bỏ qua tệp `{name}`: nằm ngoài các thư mục đợt khảo sát"))
            .with_hint("đặt bảng khảo sát vào thư mục của đợt, ví dụ `survey/2023-09/`")
    }
}

/// Bump when what a round's reading keeps (`RoundSnapshot`) or how it
/// reads changes in a way the ntm version would not show (a build between
/// two releases): every kept round is then read again. 2: a workbook counts
/// by the SHA-256 of its bytes, not by its bytes.
const SNAPSHOT_SCHEMA: &str = "2";

/// The SHA-256 (hex) of workbooks of a round, by path as the round's
/// reader walks them: the reader hashes the bytes it reads, so the key of
/// a round just read needs no second reading of its files.
pub type FileHashes = HashMap<PathBuf, String>;

/// The key of a round kept in the register: a digest of everything its
/// snapshot depends on — the round's folder as messages name it, every file
/// under it (a workbook's SHA-256; only the name of a file the reader passes
/// over), the form definition, the commune's villages (ids and names, in
/// order: they decide which workbook is whose and name the villages in the
/// snapshot) and the version of ntm that reads it. Not the criteria set: the
/// snapshot keeps sums, and each run evaluates them against the set anew.
/// A workbook's hash is taken from `hashed` (the reader's) when there,
/// else the file is read and hashed here, on all cores.
/// A file or folder that cannot be read is an error naming it: a kept round
/// is then never used, nor kept.
pub fn inputs_digest(
    round: &Round,
    form_file: &Path,
    villages: &[(String, String)],
    hashed: &FileHashes,
) -> Result<String, Diagnostic> {
    let unreadable = |path: &Path, err: &dyn std::fmt::Display| {
        Diagnostic::error(Location::file(path), format!("không đọc được tệp: {err}"))
            .with_hint("kiểm tra quyền đọc tệp; đợt khảo sát này được đọc lại ở mỗi lần chạy cho đến khi sửa")
    };
    let mut digest = InputDigest::new();
    digest.part("ntm", env!("CARGO_PKG_VERSION").as_bytes()).part("schema", SNAPSHOT_SCHEMA.as_bytes());
    digest.part("folder", round.dir.to_string_lossy().as_bytes());
    digest.part("form", &fs::read(form_file).map_err(|err| unreadable(form_file, &err))?);
    for (id, name) in villages {
        digest.part("village", id.as_bytes()).part("village name", name.as_bytes());
    }
    // Walked as the reader walks it (`workbook::folder`), in a fixed order;
    // each file: its name, and its path when it is a workbook.
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&round.dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(|err| {
            let at = err.path().unwrap_or(&round.dir).to_path_buf();
            Diagnostic::error(Location::file(at), format!("không đọc được thư mục: {err}"))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let name = path.strip_prefix(&round.dir).unwrap_or(path).to_string_lossy().into_owned();
        files.push((name, crate::load::workbook::folder::is_workbook(path).then(|| entry.into_path())));
    }
    // Collected in order, then the first error taken: the same one each run.
    let hashes: Vec<Result<Option<String>, Diagnostic>> = files
        .par_iter()
        .map(|(_, path)| match path {
            Some(path) => match hashed.get(path) {
                Some(hash) => Ok(Some(hash.clone())),
                None => sha256_file(path).map(Some).map_err(|err| unreadable(path, &err)),
            },
            None => Ok(None),
        })
        .collect();
    for ((name, _), hash) in files.iter().zip(hashes) {
        match hash? {
            Some(hash) => digest.part(&format!("workbook {name}"), hash.as_bytes()),
            None => digest.part(&format!("passed over {name}"), b""),
        };
    }
    Ok(digest.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_written_from_its_parts() {
        let cases = [
            ("2023-06", "tháng 6/2023", "6/2023", "Tháng 6 năm 2023"),
            ("2023-Q2", "quý II/2023", "II/2023", "Quý II năm 2023"),
            ("2023-Q3", "quý III/2023", "III/2023", "Quý III năm 2023"),
            ("2023", "năm 2023", "2023", "Năm 2023"),
        ];
        for (id, label, short, words) in cases {
            let period = Period::parse(id).unwrap();
            assert_eq!((period.label(), period.short(), period.words()), (label.into(), short.into(), words.into()));
        }
        assert_eq!(Period::parse("2023-13"), None);
        assert_eq!(Period::parse("2023-Q5"), None);
    }

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
        let mut notes = Vec::new();
        let ids: Vec<String> = discover(dir.path(), &mut notes).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["2023-03", "2023-Q2", "2023-09"]);
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn what_is_passed_over_beside_the_rounds_is_noted() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["2023-09", "2023-6", "dot-1"] {
            fs::create_dir(dir.path().join(name)).unwrap();
        }
        fs::write(dir.path().join("thon-1.xlsx"), b"x").unwrap();
        let mut notes = Vec::new();
        let ids: Vec<String> = discover(dir.path(), &mut notes).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["2023-09"]);
        let mut said: Vec<String> = notes.iter().map(|n| format!("{}: {}", n.location, n.message)).collect();
        said.sort();
        let at = |name: &str| dir.path().join(name).display().to_string();
        assert!(notes.iter().all(|n| n.severity == crate::diag::Severity::Note), "{notes:?}");
        assert!(said[0].starts_with(&format!("{}: bỏ qua thư mục `2023-6`: tên không phải", at("2023-6"))), "{said:?}");
        assert!(said[1].starts_with(&format!("{}: bỏ qua thư mục `dot-1`", at("dot-1"))), "{said:?}");
        assert_eq!(
            said[2],
            format!("{}: bỏ qua tệp `thon-1.xlsx`: nằm ngoài các thư mục đợt khảo sát", at("thon-1.xlsx"))
        );
    }

    #[test]
    fn loose_workbooks_are_one_round() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("thon-1.xlsx"), b"x").unwrap();
        // A folder in it is read with it, so it is not passed over.
        fs::create_dir(dir.path().join("cu")).unwrap();
        let mut notes = Vec::new();
        let rounds = discover(dir.path(), &mut notes);
        assert_eq!(rounds.len(), 1);
        assert_eq!(rounds[0].id, "");
        assert_eq!(notes, []);
    }

    /// A round folder with two workbooks and a form file beside it.
    fn round_folder() -> (tempfile::TempDir, Round, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let round_dir = dir.path().join("2023-06");
        fs::create_dir(&round_dir).unwrap();
        fs::write(round_dir.join("thon-1.xlsx"), b"one").unwrap();
        fs::write(round_dir.join("thon-2.xlsx"), b"two").unwrap();
        let form = dir.path().join("ho-gia-dinh.yaml");
        fs::write(&form, b"sheet: x").unwrap();
        let round = Round { id: "2023-06".into(), date: period_end("2023-06"), dir: round_dir };
        (dir, round, form)
    }

    fn villages(names: &[&str]) -> Vec<(String, String)> {
        names.iter().enumerate().map(|(i, n)| (format!("thon-{}", i + 1), n.to_string())).collect()
    }

    #[test]
    fn the_key_of_a_kept_round_changes_with_everything_it_was_read_with() {
        let (_dir, round, form) = round_folder();
        let commune = villages(&["Thôn 1", "Thôn 2"]);
        let none = FileHashes::new();
        let key = || inputs_digest(&round, &form, &commune, &none).unwrap();
        let first = key();
        assert_eq!(key(), first, "same inputs, same key");

        let renamed = villages(&["Thôn Bắc Sơn", "Thôn 2"]);
        assert_ne!(inputs_digest(&round, &form, &renamed, &none).unwrap(), first, "a village renamed");
        let more = villages(&["Thôn 1", "Thôn 2", "Thôn 3"]);
        assert_ne!(inputs_digest(&round, &form, &more, &none).unwrap(), first, "a village added");

        let elsewhere = Round { dir: round.dir.join("."), ..round.clone() };
        assert_ne!(inputs_digest(&elsewhere, &form, &commune, &none).unwrap(), first, "the folder as messages name it");

        let changes: [(&Path, &[u8]); 3] =
            [(&form, b"sheet: y"), (&round.dir.join("thon-2.xlsx"), b"TWO"), (&round.dir.join("ghi-chu.txt"), b"")];
        let mut seen = vec![first];
        for (path, bytes) in changes {
            fs::write(path, bytes).unwrap();
            let now = key();
            assert!(!seen.contains(&now), "{} changed, the key did not", path.display());
            seen.push(now);
        }
        // A file the reader passes over counts by its name only.
        fs::write(round.dir.join("ghi-chu.txt"), b"other words").unwrap();
        assert_eq!(&key(), seen.last().unwrap());
    }

    #[test]
    fn the_hashes_the_reader_took_give_the_key_the_files_give() {
        // A round read by `build` is kept under the key made from its
        // reader's hashes; the next run makes it from the files: the two
        // must agree, or a kept round is never found again.
        let (_dir, round, form) = round_folder();
        let commune = villages(&["Thôn 1", "Thôn 2"]);
        let from_files = inputs_digest(&round, &form, &commune, &FileHashes::new()).unwrap();
        let workbooks = ["thon-1.xlsx", "thon-2.xlsx"].map(|name| round.dir.join(name));
        let read: FileHashes =
            workbooks.iter().map(|path| (path.clone(), crate::digest::sha256_file(path).unwrap())).collect();
        assert_eq!(inputs_digest(&round, &form, &commune, &read).unwrap(), from_files);
        // The reader's hashes are the ones used, for each file it read.
        for path in &workbooks {
            let mut other = read.clone();
            other.insert(path.clone(), crate::digest::sha256_hex(b"other bytes"));
            assert_ne!(inputs_digest(&round, &form, &commune, &other).unwrap(), from_files, "{}", path.display());
        }
    }

    #[test]
    fn an_unreadable_file_is_an_error_not_an_empty_hash() {
        let (dir, round, _form) = round_folder();
        let commune = villages(&["Thôn 1"]);
        for form in [dir.path().join("khong-co.yaml"), dir.path().to_path_buf()] {
            let problem = inputs_digest(&round, &form, &commune, &FileHashes::new()).unwrap_err();
            assert_eq!(problem.severity, crate::diag::Severity::Error);
            assert_eq!(problem.location, Location::file(&form));
            assert!(problem.message.starts_with("không đọc được tệp: "), "{}", problem.message);
        }
    }
}
