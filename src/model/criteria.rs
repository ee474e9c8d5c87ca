//! A criteria set after validation, with every threshold already resolved for
//! the commune's region and the assessment year.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone)]
pub struct CriteriaSet {
    pub id: String,
    pub name: String,
    pub decision: String,
    pub amended_by: Vec<String>,
    pub superseded_by: Option<String>,
    pub region: String,
    pub year: i32,
    pub groups: Vec<Group>,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub group: String,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    pub text: String,
    pub unit: Option<String>,
    pub comparison: Comparison,
    pub measure: Measure,
    /// The threshold in force for the commune's region and year.
    pub threshold: Threshold,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    Computed(Computed),
    /// The office's own assessment, from `assessment.yaml`, if it gave one.
    Assessed(Option<Assessment>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub outcome: AssessedOutcome,
    pub evidence: Option<String>,
    /// Name of the official responsible.
    pub responsible: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessedOutcome {
    Verdict(bool),
    Value(f64),
}

/// What an indicator is compared with. `value: None` means nobody supplied
/// one: the indicator is "chưa có ngưỡng", never guessed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    pub value: Option<ThresholdValue>,
    pub source: String,
    pub confirmed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ThresholdValue {
    Verdict(bool),
    Number(f64),
}

impl Threshold {
    pub fn none() -> Threshold {
        Threshold { value: None, source: String::new(), confirmed: false }
    }

    pub fn number(&self) -> Option<f64> {
        match self.value {
            Some(ThresholdValue::Number(n)) => Some(n),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Comparison {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    /// A Đạt/Chưa đạt verdict.
    #[serde(rename = "met")]
    Met,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "computed", rename_all = "snake_case", deny_unknown_fields)]
pub enum Computed {
    /// % of households answering yes to a yes/no column.
    HouseholdShare { field: YesNoField },
    /// % of households whose housing is one of the categories.
    HousingShare { housing: Vec<HousingKind> },
    /// Number of households whose housing is one of the categories.
    HousingCount { housing: Vec<HousingKind> },
    /// % of poor (and near-poor) households.
    PovertyShare { include_near_poor: bool },
    /// % of a sum over households (people insured of members, trained of workers).
    PeopleShare { numerator: PeopleCount, denominator: PeopleCount },
    /// Sum of income / sum of members, million VND per person per year.
    IncomePerCapita {},
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNoField {
    CleanWater,
    SanitaryToilet,
    WasteSorting,
    CulturalFamily,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HousingKind {
    KienCo,
    BanKienCo,
    ThieuKienCo,
    DonSo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeopleCount {
    Members,
    Insured,
    Workers,
    TrainedWorkers,
}
