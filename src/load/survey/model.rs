//! What a survey round yields: one entry per village of the commune, with its
//! households when its workbook was read without error.
//!
//! These types are the boundary to the later stages (figures, indicators,
//! `ntm check --format json`); they hold values only, never cells or sheets.

use std::path::PathBuf;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::load::rounds::FileHashes;
use crate::model::money::Money;

/// Every village of the commune, in the commune's order, and every problem
/// found in the round's folder, sorted by file, sheet, then cell.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyRound {
    pub villages: Vec<VillageSurvey>,
    pub diagnostics: Vec<Diagnostic>,
    /// The SHA-256 of each workbook read whole, by path: what the round's
    /// key (`load::rounds::inputs_digest`) is made of.
    #[serde(skip)]
    pub file_hashes: FileHashes,
}

#[derive(Debug, Clone, Serialize)]
pub struct VillageSurvey {
    pub village_id: String,
    pub village_name: String,
    pub status: SurveyStatus,
    /// The workbook read for this village (the first by path when two
    /// workbooks claimed it); `None` when missing.
    pub source: Option<PathBuf>,
    /// Empty unless `status` is `Ok`: a workbook with an error counts for nothing.
    pub households: Vec<Household>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyStatus {
    /// Read without error; its households count.
    Ok,
    /// A workbook arrived but had errors; it is excluded whole.
    Error,
    /// No workbook arrived for this village.
    Missing,
}

/// One row of a village's household sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Household {
    pub id: String,
    pub head_name: String,
    pub members: u32,
    /// Income for the year, million VND, exactly as typed.
    pub income: Money,
    pub poverty: Poverty,
    pub housing: Housing,
    pub clean_water: bool,
    pub sanitary_toilet: bool,
    pub waste_sorting: bool,
    pub insured: u32,
    pub workers: u32,
    pub trained_workers: u32,
    pub cultural_family: bool,
    /// 1-based row of the sheet the household was read from.
    pub row: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Poverty {
    Poor,
    NearPoor,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Housing {
    KienCo,
    BanKienCo,
    ThieuKienCo,
    DonSo,
}

impl Poverty {
    pub const ALL: [Poverty; 3] = [Poverty::Poor, Poverty::NearPoor, Poverty::None];

    /// The key used in the form file.
    pub fn as_str(self) -> &'static str {
        match self {
            Poverty::Poor => "poor",
            Poverty::NearPoor => "near_poor",
            Poverty::None => "none",
        }
    }
}

impl Housing {
    pub const ALL: [Housing; 4] = [Housing::KienCo, Housing::BanKienCo, Housing::ThieuKienCo, Housing::DonSo];

    /// The key used in the form file and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Housing::KienCo => "kien_co",
            Housing::BanKienCo => "ban_kien_co",
            Housing::ThieuKienCo => "thieu_kien_co",
            Housing::DonSo => "don_so",
        }
    }
}
