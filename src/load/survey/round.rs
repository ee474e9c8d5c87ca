//! A survey round: every workbook of the folder read in parallel, each
//! assigned to its village, then the checks that need all of them (one
//! workbook per village, household ids unique in the commune), and one
//! entry per village of the commune.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::path::Path;

use super::form::Form;
use super::intake::{WorkbookRead, read_workbook};
use super::model::{SurveyRound, SurveyStatus, VillageSurvey};
use super::rows::IdCells;
use crate::diag::{Diagnostic, Location, Severity};
use crate::load::rounds::FileHashes;
use crate::load::workbook::folder::{Claimed, Words, assemble, read_folder};
use crate::load::workbook::village::{self, Label};
use crate::load::workbook::{a1, parse_a1};

const WORDS: Words = Words {
    no_folder: "chưa có thư mục bảng khảo sát của các thôn: mọi thôn đều chưa có số liệu",
    contents: "số liệu",
    workbook: "bảng khảo sát",
    other_format_hint: Some("nếu đây là bảng khảo sát của thôn, lưu lại thành .xlsx"),
    subject: "tệp",
    no_label: "phía trên bảng không có ô “Thôn”",
    label_hint: "ghi tên thôn vào ô cạnh nhãn “Thôn” phía trên bảng, hoặc đặt tên tệp theo thôn",
    missing: "chưa có bảng khảo sát của {}: thôn này chưa được tính vào số liệu",
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

    let claimed = assemble(dir, villages, &by_village, |i| has_errors(&reads[i]), &WORDS, &mut diagnostics);
    let mut entries = Vec::with_capacity(villages.len());
    for ((id, name), claimed) in villages.iter().zip(claimed) {
        let (status, source, households) = match claimed {
            Claimed::Missing => (SurveyStatus::Missing, None, Vec::new()),
            Claimed::Read(i) => {
                let read = &mut reads[i];
                (SurveyStatus::Ok, Some(read.path.clone()), std::mem::take(&mut read.table.households))
            }
            Claimed::Broken(i) => (SurveyStatus::Error, Some(reads[i].path.clone()), Vec::new()),
        };
        entries.push(VillageSurvey { village_id: id.clone(), village_name: name.clone(), status, source, households });
    }

    let mut file_hashes = FileHashes::with_capacity(reads.len());
    for read in reads {
        diagnostics.extend(read.diagnostics);
        if let Some(hash) = read.sha256 {
            file_hashes.insert(read.path, hash);
        }
    }
    diagnostics.sort_by(compare);
    SurveyRound { villages: entries, diagnostics, file_hashes }
}

/// The village a workbook belongs to (`workbook::village::claim`): its
/// label above the table, else its file name. Problems are pushed to the
/// workbook's own diagnostics.
fn claim_village(read: &mut WorkbookRead, villages: &[(String, String)]) -> Option<usize> {
    let label = match (&read.label, &read.sheet) {
        (Some(label), Some(sheet)) => Some(Label {
            text: label.text.clone(),
            at: Location::Cell { file: read.path.clone(), sheet: sheet.clone(), cell: a1(label.row, label.col) },
        }),
        _ => None,
    };
    let readable = read.opened && read.sheet.is_some();
    village::claim(&read.path, label, readable, villages, &WORDS, &mut read.diagnostics)
}

/// Household ids must be unique in the commune: each clash is an error at
/// both cells, each naming the other, so both workbooks are excluded.
fn check_unique_ids(reads: &mut [WorkbookRead], indices: &[usize]) {
    let mut sorted = indices.to_vec();
    sorted.sort_by(|&a, &b| reads[a].path.cmp(&reads[b].path));
    // Every id once, by its key, then in reading order; a run of one key
    // is one household typed in several places. Each workbook's ids come
    // sorted from its reading thread: they are merged here, not gathered
    // into one list of the commune's ids and sorted (tens of thousands of
    // entries made on this one thread). A workbook's ids are taken for as
    // long as they come before every other workbook's next one: villages
    // number their households apart (`T1-…`, `T2-…`), so that is nearly
    // all of them, one comparison each, the heap of one id a workbook
    // being consulted only where the lists interleave.
    let clashes = {
        let lists: Vec<&IdCells> = sorted.iter().map(|&i| &reads[i].table.ids).collect();
        let mut rest: Vec<_> = lists.iter().map(|ids| ids.by_key()).collect();
        let mut next = |rank: usize| rest[rank].next().map(|n| (lists[rank].get(n).key, rank, n));
        let mut heads: BinaryHeap<Reverse<(&str, usize, usize)>> =
            (0..lists.len()).filter_map(&mut next).map(Reverse).collect();
        let place = |&(_, rank, n): &(&str, usize, usize)| {
            let id = lists[rank].get(n);
            (sorted[rank], id.cell(), id.id.to_string())
        };
        let mut clashes: Vec<Vec<(usize, String, String)>> = Vec::new();
        let mut run: Vec<(&str, usize, usize)> = Vec::new();
        let mut flush = |run: &mut Vec<(&str, usize, usize)>| {
            if run.len() > 1 {
                clashes.push(run.iter().map(place).collect());
            }
            run.clear();
        };
        while let Some(Reverse(first)) = heads.pop() {
            let mut current = Some(first);
            while let Some(id) = current {
                if run.last().is_some_and(|last| last.0 != id.0) {
                    flush(&mut run);
                }
                run.push(id);
                current = next(id.1).and_then(|after| match heads.peek() {
                    Some(Reverse(other)) if *other < after => {
                        heads.push(Reverse(after));
                        None
                    }
                    _ => Some(after),
                });
            }
        }
        flush(&mut run);
        clashes
    };
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
