//! The strict shape of a criteria set file (`criteria/<id>.yaml`) and of the
//! office's own assessments (`assessment.yaml`).
//!
//! A criteria set is data, not code: a province copies the national file and
//! changes its numbers. Every threshold carries its source and whether it was
//! confirmed against the decision's text, so unconfirmed numbers can be
//! marked wherever they are printed.

use std::collections::BTreeMap;

/// The values a criteria file names, defined with the model they become.
pub use crate::model::criteria::{
    Comparison as ComparisonSpec, Computed as ComputedSpec, HousingKind, PeopleCount, YesNoField,
};

use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaSetFile {
    /// Must equal the file stem.
    pub id: Spanned<String>,
    pub name: String,
    pub decision: String,
    #[serde(default)]
    pub amended_by: Vec<String>,
    #[serde(default)]
    pub superseded_by: Option<String>,
    /// Region names a commune's `region` may take.
    pub regions: Vec<String>,
    pub groups: Vec<GroupSpec>,
    pub criteria: Vec<CriterionSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub id: Spanned<String>,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionSpec {
    pub id: Spanned<String>,
    pub name: String,
    pub group: Spanned<String>,
    pub indicators: Vec<IndicatorSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: Spanned<String>,
    pub text: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub comparison: Spanned<ComparisonSpec>,
    #[serde(default)]
    pub measure: Option<Spanned<MeasureSpec>>,
    #[serde(default)]
    pub thresholds: Vec<ThresholdSpec>,
    #[serde(default)]
    pub note: Option<String>,
}

/// How an indicator gets its value: computed from the village survey, or
/// assessed by the office in `assessment.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum MeasureSpec {
    /// `measure: assessed`.
    Assessed(AssessedWord),
    Computed(ComputedSpec),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AssessedWord {
    Assessed,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSpec {
    #[serde(default)]
    pub region: Option<Spanned<String>>,
    #[serde(default)]
    pub year: Option<i32>,
    /// A number, `true` for a Đạt verdict, or null: nobody supplied it.
    pub value: Spanned<Option<ThresholdValue>>,
    pub source: String,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ThresholdValue {
    Verdict(bool),
    Number(f64),
}

/// `assessment.yaml`: what the office assessed itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFile {
    /// The assessment year: selects year-dependent thresholds.
    pub year: Spanned<i32>,
    #[serde(default)]
    pub indicators: BTreeMap<String, Spanned<AssessedSpec>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessedSpec {
    /// `Đạt` or `Chưa đạt`.
    #[serde(default)]
    pub result: Option<Spanned<String>>,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub evidence: Option<String>,
    /// Id of the official responsible.
    #[serde(default)]
    pub responsible: Option<Spanned<String>>,
}
