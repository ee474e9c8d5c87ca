//! The household form: what an office may tune in `inputs/forms/ho-gia-dinh.yaml`
//! (sheet name, header texts and aliases, yes/no and category words), and
//! the lookups the reader compares folded cell text against.
//!
//! Column types and rules are not in the file: they are what the figures
//! mean, so they are fixed here (`ColumnKey::kind`). The file only names the
//! columns by key, and the blank workbook of `ntm forms` is written from the
//! same `Form` the reader uses, so both always agree.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::model::{Housing, Poverty};
use super::words::Words;
use crate::vi::fold::{first_word_rules_out, fold, fold_first_word, fold_keep_marks};

/// The 13 columns of the contract, in the contract's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKey {
    HouseholdId,
    HeadName,
    Members,
    Income,
    Poverty,
    Housing,
    CleanWater,
    SanitaryToilet,
    WasteSorting,
    Insured,
    Workers,
    TrainedWorkers,
    CulturalFamily,
}

/// What a column holds; decides how a cell is read and what the blank form offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Text; a number cell is taken as its digits (`12` → `"12"`).
    Text,
    /// A whole number ≥ 0 (the rules may ask more, e.g. members ≥ 1).
    WholeNumber,
    /// A number ≥ 0, decimals allowed.
    Number,
    YesNo,
    Poverty,
    Housing,
}

impl ColumnKey {
    pub const ALL: [ColumnKey; 13] = [
        ColumnKey::HouseholdId,
        ColumnKey::HeadName,
        ColumnKey::Members,
        ColumnKey::Income,
        ColumnKey::Poverty,
        ColumnKey::Housing,
        ColumnKey::CleanWater,
        ColumnKey::SanitaryToilet,
        ColumnKey::WasteSorting,
        ColumnKey::Insured,
        ColumnKey::Workers,
        ColumnKey::TrainedWorkers,
        ColumnKey::CulturalFamily,
    ];

    /// The key as written in the form file.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnKey::HouseholdId => "household_id",
            ColumnKey::HeadName => "head_name",
            ColumnKey::Members => "members",
            ColumnKey::Income => "income",
            ColumnKey::Poverty => "poverty",
            ColumnKey::Housing => "housing",
            ColumnKey::CleanWater => "clean_water",
            ColumnKey::SanitaryToilet => "sanitary_toilet",
            ColumnKey::WasteSorting => "waste_sorting",
            ColumnKey::Insured => "insured",
            ColumnKey::Workers => "workers",
            ColumnKey::TrainedWorkers => "trained_workers",
            ColumnKey::CulturalFamily => "cultural_family",
        }
    }

    pub fn parse(key: &str) -> Option<ColumnKey> {
        ColumnKey::ALL.into_iter().find(|k| k.as_str() == key)
    }

    pub fn kind(self) -> ColumnKind {
        match self {
            ColumnKey::HouseholdId | ColumnKey::HeadName => ColumnKind::Text,
            ColumnKey::Members | ColumnKey::Insured | ColumnKey::Workers | ColumnKey::TrainedWorkers => {
                ColumnKind::WholeNumber
            }
            ColumnKey::Income => ColumnKind::Number,
            ColumnKey::Poverty => ColumnKind::Poverty,
            ColumnKey::Housing => ColumnKind::Housing,
            ColumnKey::CleanWater | ColumnKey::SanitaryToilet | ColumnKey::WasteSorting | ColumnKey::CulturalFamily => {
                ColumnKind::YesNo
            }
        }
    }
}

/// One column of the form.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub key: ColumnKey,
    /// The header printed in the blank form.
    pub header: String,
    /// Other headers accepted when reading.
    pub aliases: Vec<String>,
    /// For the blank form's drop-down: the first word of each answer
    /// (yes/no, each category), in the file's order; empty for text and
    /// numbers. An empty cell is also accepted where the contract says so.
    pub allowed: Vec<String>,
}

impl Column {
    pub fn kind(&self) -> ColumnKind {
        self.key.kind()
    }

    /// The header and its aliases, for messages.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.header.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The household form, checked. Build it with `load_form` or `parse_form`.
#[derive(Debug, Clone, Serialize)]
pub struct Form {
    /// The form file it was read from.
    pub source: PathBuf,
    /// Preferred name of the household sheet.
    pub sheet: String,
    /// Texts of the cell that labels the village above the table.
    pub village_labels: Vec<String>,
    /// How many top rows are searched for the header row.
    pub header_search_rows: u32,
    /// How many of the form's headers a row must hold to be the header row.
    pub min_header_matches: usize,
    pub totals_words: Vec<String>,
    pub ignored_columns: Vec<String>,
    pub yes_words: Vec<String>,
    pub no_words: Vec<String>,
    /// Words of each poverty class, in the file's order.
    pub poverty: Vec<(Poverty, Vec<String>)>,
    /// Words of each housing type, in the file's order.
    pub housing: Vec<(Housing, Vec<String>)>,
    /// The 13 columns, in the file's order (the order of the blank form).
    pub columns: Vec<Column>,
    #[serde(skip)]
    lookup: Lookup,
}

/// Folded text → meaning, built once per form.
#[derive(Debug, Clone, Default)]
struct Lookup {
    headers: BTreeMap<String, ColumnKey>,
    ignored: Vec<String>,
    labels: Vec<String>,
    sheet: String,
    yes_no: Words<bool>,
    poverty: Words<Poverty>,
    housing: Words<Housing>,
    totals_folded: Vec<String>,
    totals_marked: Vec<String>,
    /// First words of the folded totals words: every id and name cell is
    /// asked whether it is one, and almost none starts like one.
    totals_first_words: Vec<String>,
}

/// The parts of a form, before the lookups are built (the file reader
/// checks them first).
pub(super) struct FormParts {
    pub source: PathBuf,
    pub sheet: String,
    pub village_labels: Vec<String>,
    pub header_search_rows: u32,
    pub min_header_matches: usize,
    pub totals_words: Vec<String>,
    pub ignored_columns: Vec<String>,
    pub yes_words: Vec<String>,
    pub no_words: Vec<String>,
    pub poverty: Vec<(Poverty, Vec<String>)>,
    pub housing: Vec<(Housing, Vec<String>)>,
    pub columns: Vec<Column>,
}

impl Form {
    pub(super) fn from_parts(parts: FormParts) -> Form {
        let mut lookup = Lookup { sheet: fold(&parts.sheet), ..Lookup::default() };
        for column in &parts.columns {
            for name in column.names() {
                lookup.headers.insert(fold(name), column.key);
            }
        }
        lookup.ignored = parts.ignored_columns.iter().map(|s| fold(s)).collect();
        lookup.labels = parts.village_labels.iter().map(|s| fold(s)).collect();
        lookup.yes_no = Words::new(
            (parts.yes_words.iter().map(|w| (w.as_str(), true)))
                .chain(parts.no_words.iter().map(|w| (w.as_str(), false))),
        );
        lookup.poverty =
            Words::new(parts.poverty.iter().flat_map(|(class, words)| words.iter().map(|w| (w.as_str(), *class))));
        lookup.housing =
            Words::new(parts.housing.iter().flat_map(|(kind, words)| words.iter().map(|w| (w.as_str(), *kind))));
        lookup.totals_folded = parts.totals_words.iter().map(|w| fold(w)).collect();
        lookup.totals_marked = parts.totals_words.iter().map(|w| fold_keep_marks(w)).collect();
        lookup.totals_first_words = parts.totals_words.iter().map(|w| fold_first_word(w)).collect();
        let columns = parts.columns;
        Form {
            source: parts.source,
            sheet: parts.sheet,
            village_labels: parts.village_labels,
            header_search_rows: parts.header_search_rows,
            min_header_matches: parts.min_header_matches,
            totals_words: parts.totals_words,
            ignored_columns: parts.ignored_columns,
            yes_words: parts.yes_words,
            no_words: parts.no_words,
            poverty: parts.poverty,
            housing: parts.housing,
            columns,
            lookup,
        }
    }

    /// The column of `key` (every key has one: the file is checked for it).
    pub fn column(&self, key: ColumnKey) -> &Column {
        self.columns.iter().find(|c| c.key == key).expect("a checked form has every column")
    }

    /// The column a header cell names, if any (text already folded).
    pub(super) fn header_key(&self, folded: &str) -> Option<ColumnKey> {
        self.lookup.headers.get(folded).copied()
    }

    pub(super) fn is_ignored_header(&self, folded: &str) -> bool {
        self.lookup.ignored.iter().any(|h| h == folded)
    }

    pub(super) fn is_village_label(&self, folded: &str) -> bool {
        !folded.is_empty() && self.lookup.labels.iter().any(|l| l == folded)
    }

    pub(super) fn is_preferred_sheet(&self, name: &str) -> bool {
        fold(name) == self.lookup.sheet
    }

    /// `Some(true)` for a yes word, `Some(false)` for a no word or nothing.
    pub(super) fn yes_no(&self, text: &str) -> Option<bool> {
        self.lookup.yes_no.get(text, Some(false))
    }

    /// An empty cell is `Poverty::None`.
    pub(super) fn poverty(&self, text: &str) -> Option<Poverty> {
        self.lookup.poverty.get(text, Some(Poverty::None))
    }

    pub(super) fn housing(&self, text: &str) -> Option<Housing> {
        self.lookup.housing.get(text, None)
    }

    /// Whether a cell marks the totals row: the whole cell is a totals word
    /// (any spelling), or it starts with one followed by more words
    /// (`Tổng cộng toàn thôn`), then with the diacritics kept so that a
    /// head named `Công …` is not taken for `Cộng`.
    pub(super) fn is_totals_word(&self, text: &str) -> bool {
        if first_word_rules_out(text, &self.lookup.totals_first_words) {
            return false;
        }
        if !self.lookup.totals_first_words.contains(&fold_first_word(text)) {
            return false;
        }
        let folded = fold(text);
        if folded.is_empty() {
            return false;
        }
        if self.lookup.totals_folded.contains(&folded) {
            return true;
        }
        let marked = fold_keep_marks(text);
        self.lookup
            .totals_marked
            .iter()
            .any(|w| marked.strip_prefix(w.as_str()).is_some_and(|rest| rest.starts_with(' ')))
    }
}
