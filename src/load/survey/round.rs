//! A survey round: every workbook of the folder read in parallel, each
//! assigned to its village, then the checks that need all of them (one
//! workbook per village, household ids unique in the commune), and one
//! entry per village of the commune.

use std::cmp::Ordering;
use std::path::Path;

use super::form::Form;
use super::intake::{WorkbookRead, read_workbook};
use super::model::{SurveyRound, SurveyStatus, VillageSurvey};
use super::village::{VillageMatch, match_village};
use crate::diag::{Diagnostic, Location, Severity};
use crate::load::workbook::folder::{Words, read_folder};
use crate::load::workbook::{a1, parse_a1};

const WORDS: Words = Words {
    no_folder: "chưa có thư mục bảng khảo sát của các thôn: mọi thôn đều chưa có số liệu",
    contents: "số liệu",
    workbook: "bảng khảo sát",
    other_format_hint: Some("nếu đây là bảng khảo sát của thôn, lưu lại thành .xlsx"),
};

/// Reads every workbook under `dir` (any depth). `villages` are the
/// commune's (id, name) pairs, in order; the result has one entry for each.
pub fn read_round(dir: &Path, form: &Form, villages: &[(String, String)]) -> SurveyRound {
    let mut diagnostics = Vec::new();
    let (mut reads, by_village) = read_folder(
        dir,
        villages,
        &WORDS,
        |path| read_workbook(path, form),
        |read| claim_village(read, villages),
        &mut diagnostics,
    );
    let unique: Vec<usize> =
        by_village.values().filter(|indices| indices.len() == 1).map(|indices| indices[0]).collect();
    check_unique_ids(&mut reads, &unique);

    let mut entries = Vec::with_capacity(villages.len());
    for (village, (id, name)) in villages.iter().enumerate() {
        let indices = by_village.get(&village).map(Vec::as_slice).unwrap_or_default();
        let (status, source, households) = match indices {
            [] => {
                if dir.is_dir() {
                    diagnostics.push(Diagnostic::warning(
                        Location::file(dir),
                        format!("chưa có bảng khảo sát của {name}: thôn này chưa được tính vào số liệu"),
                    ));
                }
                (SurveyStatus::Missing, None, Vec::new())
            }
            [only] if !has_errors(&reads[*only]) => {
                let read = &mut reads[*only];
                (SurveyStatus::Ok, Some(read.path.clone()), std::mem::take(&mut read.table.households))
            }
            [first, ..] => (SurveyStatus::Error, Some(reads[*first].path.clone()), Vec::new()),
        };
        entries.push(VillageSurvey { village_id: id.clone(), village_name: name.clone(), status, source, households });
    }

    diagnostics.extend(reads.into_iter().flat_map(|read| read.diagnostics));
    diagnostics.sort_by(compare);
    SurveyRound { villages: entries, diagnostics }
}

/// The village a workbook belongs to: its label above the table, else its
/// file name. Problems are pushed to the workbook's own diagnostics.
fn claim_village(read: &mut WorkbookRead, villages: &[(String, String)]) -> Option<usize> {
    let stem = read.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let by_name = match_village(&stem, villages);
    let known = || villages.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(", ");
    if let (Some(label), Some(sheet)) = (&read.label, &read.sheet) {
        let at = Location::Cell { file: read.path.clone(), sheet: sheet.clone(), cell: a1(label.row, label.col) };
        return match match_village(&label.text, villages) {
            VillageMatch::Found(village) => {
                if let VillageMatch::Found(other) = by_name
                    && other != village
                {
                    let meant = &villages[village].1;
                    let shown = if label.text == *meant {
                        format!("“{meant}”")
                    } else {
                        format!("“{}” ({meant})", label.text)
                    };
                    read.diagnostics.push(Diagnostic::warning(
                        at,
                        format!(
                            "ô tên thôn ghi {shown} nhưng tên tệp gợi ý {}; ntm theo ô tên thôn",
                            villages[other].1
                        ),
                    ));
                }
                Some(village)
            }
            _ => {
                read.diagnostics.push(
                    Diagnostic::error(at, format!("ô tên thôn ghi “{}”, không phải tên thôn nào của xã", label.text))
                        .with_hint(format!("ghi đúng một trong các tên thôn: {}", known())),
                );
                None
            }
        };
    }
    match by_name {
        VillageMatch::Found(village) => Some(village),
        // A file that did not open already has its error; naming it twice helps nobody.
        _ if !read.opened || read.sheet.is_none() => None,
        VillageMatch::Unknown | VillageMatch::Ambiguous(_) => {
            let why = match &by_name {
                VillageMatch::Ambiguous(candidates) => {
                    let names: Vec<&str> = candidates.iter().map(|&i| villages[i].1.as_str()).collect();
                    format!("tên tệp “{stem}” có thể là {}", names.join(" hoặc "))
                }
                _ => format!("tên tệp “{stem}” không trùng tên thôn nào của xã"),
            };
            read.diagnostics.push(
                Diagnostic::error(
                    Location::file(&read.path),
                    format!("không biết tệp là của thôn nào: phía trên bảng không có ô “Thôn”, và {why}"),
                )
                .with_hint(format!(
                    "ghi tên thôn vào ô cạnh nhãn “Thôn” phía trên bảng, hoặc đặt tên tệp theo thôn; các thôn: {}",
                    known()
                )),
            );
            None
        }
    }
}

/// Household ids must be unique in the commune: each clash is an error at
/// both cells, each naming the other, so both workbooks are excluded.
fn check_unique_ids(reads: &mut [WorkbookRead], indices: &[usize]) {
    let mut sorted = indices.to_vec();
    sorted.sort_by(|&a, &b| reads[a].path.cmp(&reads[b].path));
    // Every id once, sorted by its key, then in reading order; a run of
    // one key is one household typed in several places. Each workbook's
    // ids come sorted from its reading thread: this merges them.
    let mut keys: Vec<(&str, usize, usize)> = Vec::new();
    for (rank, &i) in sorted.iter().enumerate() {
        let ids = &reads[i].table.ids;
        keys.extend(ids.by_key().map(|n| (ids.get(n).key, rank, n)));
    }
    keys.sort();
    let clashes: Vec<Vec<(usize, String, String)>> = keys
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .map(|run| {
            run.iter()
                .map(|&(_, rank, n)| {
                    let i = sorted[rank];
                    let id = reads[i].table.ids.get(n);
                    (i, id.cell(), id.id.to_string())
                })
                .collect()
        })
        .collect();
    for places in &clashes {
        for (n, (i, cell, id)) in places.iter().enumerate() {
            let (other, others) = if n == 0 { (&places[1], places.len() - 2) } else { (&places[0], 0) };
            let where_other = if other.0 == *i {
                format!("ô {} cùng trang", other.1)
            } else {
                format!("ô {} của tệp `{}`", other.1, reads[other.0].path.display())
            };
            let more = if others > 0 { format!(" và {others} ô khác") } else { String::new() };
            let sheet = reads[*i].sheet.clone().unwrap_or_default();
            let location = Location::Cell { file: reads[*i].path.clone(), sheet, cell: cell.clone() };
            reads[*i].diagnostics.push(
                Diagnostic::error(location, format!("mã hộ “{id}” trùng với mã hộ ở {where_other}{more}"))
                    .with_hint("mỗi hộ cần một mã riêng trong cả xã"),
            );
        }
    }
}

fn has_errors(read: &WorkbookRead) -> bool {
    read.diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// File, then file-wide before cells, then sheet, then row and column as
/// numbers (`E9` before `E17`), then severity and message.
fn compare(a: &Diagnostic, b: &Diagnostic) -> Ordering {
    fn key(d: &Diagnostic) -> (Option<&Path>, u8, &str, (u32, u32), usize, usize) {
        match &d.location {
            Location::Nowhere => (None, 0, "", (0, 0), 0, 0),
            Location::File { file } => (Some(file), 1, "", (0, 0), 0, 0),
            Location::Text { file, line, column } => (Some(file), 2, "", (0, 0), *line, *column),
            Location::Cell { file, sheet, cell } => {
                let (row, col) = parse_a1(cell).unwrap_or((u32::MAX, u32::MAX));
                (Some(file), 3, sheet, (row, col), 0, 0)
            }
        }
    }
    key(a).cmp(&key(b)).then(a.severity.cmp(&b.severity)).then_with(|| a.message.cmp(&b.message))
}
