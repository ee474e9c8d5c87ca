//! Computed indicators: the value a measure takes on a survey summary, and
//! what it would take to meet the threshold — the smallest whole number of
//! households or people, or the income still missing.

use serde::Serialize;

use super::summary::SurveySummary;
use crate::model::criteria::{Comparison, Computed, HousingKind, PeopleCount, YesNoField};
use crate::vi::number::{decimal_to_f64, decimal_vi, shown_decimal};

/// What an indicator still lacks, in words and as a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// Households, people or million VND, per `text`.
    pub amount: f64,
    /// "cần thêm 12 hộ có nhà tiêu hợp vệ sinh".
    pub text: String,
}

/// The value of a measure on one summary, and whether it meets `threshold`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub value: Option<f64>,
    pub met: Option<bool>,
    pub gap: Option<Gap>,
}

/// Counting measures: how many units are counted, out of how many.
struct Count {
    counted: u64,
    /// `None` for plain counts (no share).
    base: Option<u64>,
    what: String,
}

/// Tolerance for float comparison of shares built from whole counts.
const EPS: f64 = 1e-9;

pub fn evaluate(
    measure: &Computed,
    summary: &SurveySummary,
    comparison: Comparison,
    threshold: Option<f64>,
) -> Outcome {
    if let Computed::IncomePerCapita {} = measure {
        return income(summary, comparison, threshold);
    }
    let count = count(measure, summary);
    let value = match count.base {
        Some(0) => None,
        Some(base) => Some(count.counted as f64 * 100.0 / base as f64),
        None => Some(count.counted as f64),
    };
    let (Some(value), Some(t)) = (value, threshold) else {
        return Outcome { value, met: None, gap: None };
    };
    let met = match comparison {
        Comparison::AtLeast => value >= t - EPS,
        Comparison::AtMost => value <= t + EPS,
        Comparison::Met => return Outcome { value: Some(value), met: None, gap: None },
    };
    let gap = (!met).then(|| {
        // The bound in units: for a share, t% of the base.
        let bound = match count.base {
            Some(base) => t * base as f64 / 100.0,
            None => t,
        };
        match comparison {
            Comparison::AtLeast => {
                let required = (bound - EPS).ceil().max(0.0) as u64;
                let need = required.saturating_sub(count.counted);
                Gap { amount: need as f64, text: format!("cần thêm {need} {}", count.what) }
            }
            _ => {
                let allowed = (bound + EPS).floor().max(0.0) as u64;
                let less = count.counted.saturating_sub(allowed);
                Gap { amount: less as f64, text: format!("cần giảm {less} {}", count.what) }
            }
        }
    });
    Outcome { value: Some(value), met: Some(met), gap }
}

/// Income per person against the threshold, in decimal: the exact quotient
/// is judged, and the shortfall shown is rounded once (`decimal_vi`).
fn income(summary: &SurveySummary, comparison: Comparison, threshold: Option<f64>) -> Outcome {
    let value = summary.income_per_capita.map(decimal_to_f64);
    // A threshold beyond the decimal's range (about 7.9e28) gets no verdict.
    let (Some(v), Some(t)) = (summary.income_per_capita, threshold.and_then(shown_decimal)) else {
        return Outcome { value, met: None, gap: None };
    };
    let met = match comparison {
        Comparison::AtLeast => v >= t,
        Comparison::AtMost => v <= t,
        Comparison::Met => return Outcome { value, met: None, gap: None },
    };
    let gap = (!met).then(|| {
        let diff = (t - v).abs();
        let word = if comparison == Comparison::AtLeast { "còn thiếu" } else { "vượt" };
        Gap {
            amount: decimal_to_f64(diff), text: format!("{word} {} triệu đồng/người/năm", decimal_vi(diff, 2))
        }
    });
    Outcome { value, met: Some(met), gap }
}

fn count(measure: &Computed, s: &SurveySummary) -> Count {
    match measure {
        Computed::HouseholdShare { field } => {
            Count { counted: s.yes(*field), base: Some(s.households), what: yes_phrase(*field).into() }
        }
        Computed::HousingShare { housing } => Count {
            counted: s.housing(housing),
            base: Some(s.households),
            what: format!("hộ có nhà ở {}", housing_phrase(housing)),
        },
        Computed::HousingCount { housing } => {
            Count {
                counted: s.housing(housing), base: None, what: format!("hộ có nhà ở {}", housing_phrase(housing))
            }
        }
        Computed::PovertyShare { include_near_poor } => Count {
            counted: s.poor + if *include_near_poor { s.near_poor } else { 0 },
            base: Some(s.households),
            what: if *include_near_poor { "hộ nghèo, cận nghèo".into() } else { "hộ nghèo".into() },
        },
        Computed::PeopleShare { numerator, denominator } => Count {
            counted: s.people(*numerator),
            base: Some(s.people(*denominator)),
            what: people_phrase(*numerator).into(),
        },
        Computed::IncomePerCapita {} => unreachable!("income is not a count"),
    }
}

fn yes_phrase(field: YesNoField) -> &'static str {
    match field {
        YesNoField::CleanWater => "hộ sử dụng nước sạch",
        YesNoField::SanitaryToilet => "hộ có nhà tiêu hợp vệ sinh",
        YesNoField::WasteSorting => "hộ phân loại rác tại nguồn",
        YesNoField::CulturalFamily => "hộ đạt gia đình văn hóa",
    }
}

fn housing_phrase(kinds: &[HousingKind]) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|k| match k {
            HousingKind::KienCo => "kiên cố",
            HousingKind::BanKienCo => "bán kiên cố",
            HousingKind::ThieuKienCo => "thiếu kiên cố",
            HousingKind::DonSo => "đơn sơ",
        })
        .collect();
    names.join(" hoặc ")
}

fn people_phrase(count: PeopleCount) -> &'static str {
    match count {
        PeopleCount::Members => "nhân khẩu",
        PeopleCount::Insured => "người có thẻ BHYT",
        PeopleCount::Workers => "lao động",
        PeopleCount::TrainedWorkers => "lao động qua đào tạo",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(households: u64, toilets: u64) -> SurveySummary {
        SurveySummary { households, sanitary_toilet: toilets, ..SurveySummary::default() }
    }

    const TOILET: Computed = Computed::HouseholdShare { field: YesNoField::SanitaryToilet };

    #[test]
    fn gap_is_the_smallest_whole_number_of_households() {
        // 80% of 120 = 96 households: 84 have one, 12 more needed.
        let o = evaluate(&TOILET, &summary(120, 84), Comparison::AtLeast, Some(80.0));
        assert_eq!(o.met, Some(false));
        assert_eq!(o.gap.unwrap().text, "cần thêm 12 hộ có nhà tiêu hợp vệ sinh");
        // 80% of 121 = 96.8: 97 are needed.
        let o = evaluate(&TOILET, &summary(121, 84), Comparison::AtLeast, Some(80.0));
        assert_eq!(o.gap.unwrap().amount, 13.0);
        // Exactly on the threshold is met, even through float rounding (70% of 10).
        let o = evaluate(&TOILET, &summary(10, 7), Comparison::AtLeast, Some(70.0));
        assert_eq!(o.met, Some(true));
        assert_eq!(o.gap, None);
    }

    #[test]
    fn at_most_counts_what_must_go() {
        let poverty = Computed::PovertyShare { include_near_poor: true };
        let s = SurveySummary { households: 200, poor: 5, near_poor: 4, ..SurveySummary::default() };
        // 3% of 200 = 6 allowed; 9 now.
        let o = evaluate(&poverty, &s, Comparison::AtMost, Some(3.0));
        assert_eq!(o.value, Some(4.5));
        assert_eq!(o.gap.unwrap().text, "cần giảm 3 hộ nghèo, cận nghèo");
        let only_poor = Computed::PovertyShare { include_near_poor: false };
        assert_eq!(evaluate(&only_poor, &s, Comparison::AtMost, Some(3.0)).met, Some(true));
    }

    #[test]
    fn makeshift_houses_must_be_none() {
        let m = Computed::HousingCount { housing: vec![HousingKind::DonSo] };
        let mut s = SurveySummary::default();
        s.housing.don_so = 2;
        let o = evaluate(&m, &s, Comparison::AtMost, Some(0.0));
        assert_eq!(o.value, Some(2.0));
        assert_eq!(o.gap.unwrap().text, "cần giảm 2 hộ có nhà ở đơn sơ");
    }

    #[test]
    fn people_shares_count_people() {
        let m = Computed::PeopleShare { numerator: PeopleCount::Insured, denominator: PeopleCount::Members };
        let s = SurveySummary { members: 480, insured: 430, ..SurveySummary::default() };
        // 95% of 480 = 456.
        let o = evaluate(&m, &s, Comparison::AtLeast, Some(95.0));
        assert_eq!(o.gap.unwrap().text, "cần thêm 26 người có thẻ BHYT");
    }

    #[test]
    fn income_gap_is_in_million_per_person() {
        let income_total = crate::model::money::Money::parse("21000").unwrap();
        let s = SurveySummary { members: 480, income_total, ..SurveySummary::default() }.finish();
        let o = evaluate(&Computed::IncomePerCapita {}, &s, Comparison::AtLeast, Some(50.0));
        assert_eq!(o.value, Some(43.75));
        assert_eq!(o.gap.unwrap().text, "còn thiếu 6,25 triệu đồng/người/năm");
    }

    #[test]
    fn income_is_judged_exactly_and_its_gap_rounded_once() {
        let m = |t: &str| crate::model::money::Money::parse(t).unwrap();
        let summary =
            |members, income| SurveySummary { members, income_total: m(income), ..SurveySummary::default() }.finish();
        // 383 / 8 = 47,875: 2,125 short, shown half away from zero.
        let o = evaluate(&Computed::IncomePerCapita {}, &summary(8, "383"), Comparison::AtLeast, Some(50.0));
        assert_eq!(o.gap.unwrap().text, "còn thiếu 2,13 triệu đồng/người/năm");
        // Exactly on the threshold, through a decimal sum: 150,3 / 3 = 50,1.
        let o = evaluate(&Computed::IncomePerCapita {}, &summary(3, "150.3"), Comparison::AtLeast, Some(50.1));
        assert_eq!((o.met, o.value), (Some(true), Some(50.1)));
        // 100 / 3 against 33,34: the shortfall 0,00666… shows as 0,01.
        let o = evaluate(&Computed::IncomePerCapita {}, &summary(3, "100"), Comparison::AtLeast, Some(33.34));
        assert_eq!(o.gap.unwrap().text, "còn thiếu 0,01 triệu đồng/người/năm");
    }

    #[test]
    fn no_threshold_or_no_households_means_no_verdict() {
        let o = evaluate(&TOILET, &summary(120, 84), Comparison::AtLeast, None);
        assert_eq!((o.value, o.met), (Some(70.0), None));
        let o = evaluate(&TOILET, &summary(0, 0), Comparison::AtLeast, Some(80.0));
        assert_eq!((o.value, o.met), (None, None));
    }
}
