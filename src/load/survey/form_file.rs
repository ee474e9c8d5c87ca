//! Reading `inputs/forms/ho-gia-dinh.yaml` into a checked `Form`.
//!
//! The schema denies unknown keys, like every YAML file of ntm, and the
//! checks after parsing (every column key once, no word meaning two things)
//! point at the line of the offending value, so an office that edits the
//! form sees exactly what to fix.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::form::{Column, ColumnKey, ColumnKind, Form, FormParts};
use super::model::{Housing, Poverty};
use super::text::word_key;
use crate::diag::{Diagnostic, Location};
use crate::load::yaml;
use crate::vi::fold::fold;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFile {
    sheet: Spanned<String>,
    #[serde(default)]
    village_labels: Vec<String>,
    header_search_rows: Spanned<u32>,
    min_header_matches: Spanned<u32>,
    totals_words: Vec<String>,
    #[serde(default)]
    ignored_columns: Vec<Spanned<String>>,
    yes_words: Vec<Spanned<String>>,
    no_words: Vec<Spanned<String>>,
    poverty: PovertyWords,
    housing: HousingWords,
    columns: Spanned<Vec<ColumnSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PovertyWords {
    poor: Vec<Spanned<String>>,
    near_poor: Vec<Spanned<String>>,
    none: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HousingWords {
    kien_co: Vec<Spanned<String>>,
    ban_kien_co: Vec<Spanned<String>>,
    thieu_kien_co: Vec<Spanned<String>>,
    don_so: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnSpec {
    key: Spanned<String>,
    header: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

/// Reads and checks the form file at `path`.
pub fn load_form(path: &Path) -> Result<Form, Vec<Diagnostic>> {
    // The form is a page of YAML; a huge file is refused before reading.
    if fs::metadata(path).is_ok_and(|m| m.len() > crate::load::MAX_YAML_BYTES) {
        return Err(vec![Diagnostic::error(
            Location::file(path),
            "tệp mẫu phiếu quá lớn (hơn 8 MB), ntm không đọc tệp này",
        )]);
    }
    let text = fs::read_to_string(path)
        .map_err(|err| vec![Diagnostic::error(Location::file(path), format!("không đọc được tệp mẫu phiếu: {err}"))])?;
    parse_form(path, &text)
}

/// Checks the text of a form file; `path` is only used in messages.
pub fn parse_form(path: &Path, text: &str) -> Result<Form, Vec<Diagnostic>> {
    let file: FormFile = yaml::parse(path, text).map_err(|d| vec![d])?;
    let mut errors = Vec::new();
    let at = |s: &dyn HasSpan| {
        let (line, column) = s.line_column();
        if line == 0 { Location::file(path) } else { Location::text(path, line, column) }
    };

    if fold(&file.sheet.value).is_empty() {
        errors.push(Diagnostic::error(at(&file.sheet), "tên trang tính `sheet` đang để trống"));
    }
    let rows = file.header_search_rows.value;
    if !(1..=1000).contains(&rows) {
        errors.push(Diagnostic::error(
            at(&file.header_search_rows),
            format!("`header_search_rows` là {rows}; cần từ 1 đến 1000 dòng"),
        ));
    }
    let matches = file.min_header_matches.value;
    if !(1..=ColumnKey::ALL.len() as u32).contains(&matches) {
        errors.push(Diagnostic::error(
            at(&file.min_header_matches),
            format!("`min_header_matches` là {matches}; cần từ 1 đến {} (số cột của mẫu)", ColumnKey::ALL.len()),
        ));
    }

    // Every folded header, alias and ignored header may mean one thing only.
    let mut header_owner: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |name: &Spanned<String>, owner: String, errors: &mut Vec<Diagnostic>| {
        let folded = fold(&name.value);
        if folded.is_empty() {
            errors.push(Diagnostic::error(at(name), format!("tiêu đề của {owner} đang để trống")));
            return;
        }
        match header_owner.get(&folded) {
            Some(first) if *first != owner => errors.push(Diagnostic::error(
                at(name),
                format!("tiêu đề “{}” của {owner} trùng với tiêu đề của {first}", name.value),
            )),
            Some(_) => {}
            None => {
                header_owner.insert(folded, owner);
            }
        }
    };
    for ignored in &file.ignored_columns {
        claim(ignored, "cột bỏ qua".to_string(), &mut errors);
    }

    let mut columns: Vec<Column> = Vec::new();
    for spec in &file.columns.value {
        let Some(key) = ColumnKey::parse(spec.key.value.trim()) else {
            let known: Vec<&str> = ColumnKey::ALL.iter().map(|k| k.as_str()).collect();
            errors.push(
                Diagnostic::error(at(&spec.key), format!("mã cột `{}` không có trong mẫu", spec.key.value))
                    .with_hint(format!("các mã cột: {}", known.join(", "))),
            );
            continue;
        };
        if columns.iter().any(|c| c.key == key) {
            errors.push(Diagnostic::error(at(&spec.key), format!("mã cột `{}` bị lặp", key.as_str())));
            continue;
        }
        let owner = format!("cột `{}`", key.as_str());
        claim(&spec.header, owner.clone(), &mut errors);
        for alias in &spec.aliases {
            claim(alias, owner.clone(), &mut errors);
        }
        columns.push(Column {
            key,
            header: spec.header.value.trim().to_string(),
            aliases: spec.aliases.iter().map(|a| a.value.trim().to_string()).collect(),
            allowed: Vec::new(),
        });
    }
    for key in ColumnKey::ALL {
        if !columns.iter().any(|c| c.key == key) {
            errors.push(Diagnostic::error(
                at(&file.columns),
                format!("danh sách `columns` thiếu cột `{}`", key.as_str()),
            ));
        }
    }

    // A word may belong to one answer only; otherwise a cell would mean two things.
    check_words(&[("có", &file.yes_words), ("không", &file.no_words)], "`yes_words`/`no_words`", &at, &mut errors);
    let poverty = &file.poverty;
    let poverty_lists =
        [(Poverty::Poor, &poverty.poor), (Poverty::NearPoor, &poverty.near_poor), (Poverty::None, &poverty.none)];
    check_words(&poverty_lists.map(|(c, w)| (c.as_str(), w)), "`poverty`", &at, &mut errors);
    let housing = &file.housing;
    let housing_lists = [
        (Housing::KienCo, &housing.kien_co),
        (Housing::BanKienCo, &housing.ban_kien_co),
        (Housing::ThieuKienCo, &housing.thieu_kien_co),
        (Housing::DonSo, &housing.don_so),
    ];
    check_words(&housing_lists.map(|(c, w)| (c.as_str(), w)), "`housing`", &at, &mut errors);

    if !errors.is_empty() {
        return Err(errors);
    }

    let values =
        |words: &Vec<Spanned<String>>| -> Vec<String> { words.iter().map(|w| w.value.trim().to_string()).collect() };
    let yes_words = values(&file.yes_words);
    let no_words = values(&file.no_words);
    let poverty: Vec<(Poverty, Vec<String>)> = poverty_lists.iter().map(|(c, w)| (*c, values(w))).collect();
    let housing: Vec<(Housing, Vec<String>)> = housing_lists.iter().map(|(c, w)| (*c, values(w))).collect();
    for column in &mut columns {
        column.allowed = match column.kind() {
            ColumnKind::YesNo => [&yes_words, &no_words].iter().filter_map(|w| w.first().cloned()).collect(),
            ColumnKind::Poverty => poverty.iter().filter_map(|(_, w)| w.first().cloned()).collect(),
            ColumnKind::Housing => housing.iter().filter_map(|(_, w)| w.first().cloned()).collect(),
            ColumnKind::Text | ColumnKind::WholeNumber | ColumnKind::Number => Vec::new(),
        };
    }
    Ok(Form::from_parts(FormParts {
        source: path.to_path_buf(),
        sheet: file.sheet.value.trim().to_string(),
        village_labels: file.village_labels.iter().map(|s| s.trim().to_string()).collect(),
        header_search_rows: rows,
        min_header_matches: matches as usize,
        totals_words: file.totals_words.iter().map(|s| s.trim().to_string()).collect(),
        ignored_columns: file.ignored_columns.iter().map(|s| s.value.trim().to_string()).collect(),
        yes_words,
        no_words,
        poverty,
        housing,
        columns,
    }))
}

/// Reports a word listed under two answers of one question, and empty words.
fn check_words(
    lists: &[(&str, &Vec<Spanned<String>>)],
    section: &str,
    at: &dyn Fn(&dyn HasSpan) -> Location,
    errors: &mut Vec<Diagnostic>,
) {
    let mut owner: BTreeMap<String, &str> = BTreeMap::new();
    for (answer, words) in lists {
        for word in words.iter() {
            let key = word_key(&word.value);
            if key.is_empty() {
                errors.push(Diagnostic::error(
                    at(word),
                    format!("từ rỗng trong {section}: ô để trống đã có nghĩa cố định"),
                ));
                continue;
            }
            match owner.get(&key) {
                Some(first) if first != answer => errors.push(Diagnostic::error(
                    at(word),
                    format!("từ “{}” trong {section} vừa là `{first}` vừa là `{answer}`", word.value.trim()),
                )),
                Some(_) => {}
                None => {
                    owner.insert(key, answer);
                }
            }
        }
    }
}

/// A parsed value that knows its line, so `at` takes any `Spanned<T>`.
trait HasSpan {
    fn line_column(&self) -> (usize, usize);
}

impl<T> HasSpan for Spanned<T> {
    fn line_column(&self) -> (usize, usize) {
        (self.referenced.line() as usize, (self.referenced.column() as usize).max(1))
    }
}
