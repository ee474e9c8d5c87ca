//! Survey figures of a village or of the commune: the sums every computed
//! indicator is drawn from, in the shape of `survey-form.md`'s JSON.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};

use crate::load::survey::{Household, Housing, Poverty};
use crate::model::criteria::{HousingKind, PeopleCount, YesNoField};
use crate::model::money::Money;
use crate::vi::number::decimal_to_f64;

/// The per-capita income as a JSON number: the float nearest the quotient.
fn per_capita_number<S: Serializer>(value: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    value.map(decimal_to_f64).serialize(serializer)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub households: u64,
    pub members: u64,
    /// Exact: the sum of the households' incomes as typed.
    pub income_total: Money,
    /// `income_total / members`, recomputed from the sums (never averaged),
    /// exact to 28 significant digits: rounded only where it is shown. Not
    /// read back from a kept round: recomputed, so a kept round and a fresh
    /// read print the same bytes.
    #[serde(serialize_with = "per_capita_number", skip_deserializing)]
    pub income_per_capita: Option<Decimal>,
    pub poor: u64,
    pub near_poor: u64,
    pub housing: HousingCounts,
    pub clean_water: u64,
    pub sanitary_toilet: u64,
    pub waste_sorting: u64,
    pub cultural_family: u64,
    pub insured: u64,
    pub workers: u64,
    pub trained_workers: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HousingCounts {
    pub kien_co: u64,
    pub ban_kien_co: u64,
    pub thieu_kien_co: u64,
    pub don_so: u64,
}

impl SurveySummary {
    pub fn of_households(households: &[Household]) -> SurveySummary {
        let mut s = SurveySummary::default();
        for h in households {
            s.households += 1;
            s.members += u64::from(h.members);
            s.income_total += h.income;
            match h.poverty {
                Poverty::Poor => s.poor += 1,
                Poverty::NearPoor => s.near_poor += 1,
                Poverty::None => {}
            }
            match h.housing {
                Housing::KienCo => s.housing.kien_co += 1,
                Housing::BanKienCo => s.housing.ban_kien_co += 1,
                Housing::ThieuKienCo => s.housing.thieu_kien_co += 1,
                Housing::DonSo => s.housing.don_so += 1,
            }
            s.clean_water += u64::from(h.clean_water);
            s.sanitary_toilet += u64::from(h.sanitary_toilet);
            s.waste_sorting += u64::from(h.waste_sorting);
            s.cultural_family += u64::from(h.cultural_family);
            s.insured += u64::from(h.insured);
            s.workers += u64::from(h.workers);
            s.trained_workers += u64::from(h.trained_workers);
        }
        s.finish()
    }

    /// Sums village summaries into the commune's.
    pub fn total<'a>(parts: impl IntoIterator<Item = &'a SurveySummary>) -> SurveySummary {
        let mut s = SurveySummary::default();
        for p in parts {
            s.households += p.households;
            s.members += p.members;
            s.income_total += p.income_total;
            s.poor += p.poor;
            s.near_poor += p.near_poor;
            s.housing.kien_co += p.housing.kien_co;
            s.housing.ban_kien_co += p.housing.ban_kien_co;
            s.housing.thieu_kien_co += p.housing.thieu_kien_co;
            s.housing.don_so += p.housing.don_so;
            s.clean_water += p.clean_water;
            s.sanitary_toilet += p.sanitary_toilet;
            s.waste_sorting += p.waste_sorting;
            s.cultural_family += p.cultural_family;
            s.insured += p.insured;
            s.workers += p.workers;
            s.trained_workers += p.trained_workers;
        }
        s.finish()
    }

    /// Derives the per-capita income from the sums; also for a summary
    /// read back from the register, which keeps only the sums.
    pub fn finish(mut self) -> SurveySummary {
        self.income_per_capita = self.income_total.per(self.members);
        self
    }

    pub fn yes(&self, field: YesNoField) -> u64 {
        match field {
            YesNoField::CleanWater => self.clean_water,
            YesNoField::SanitaryToilet => self.sanitary_toilet,
            YesNoField::WasteSorting => self.waste_sorting,
            YesNoField::CulturalFamily => self.cultural_family,
        }
    }

    pub fn housing(&self, kinds: &[HousingKind]) -> u64 {
        let mut seen = Vec::new();
        kinds
            .iter()
            .filter(|k| {
                let fresh = !seen.contains(*k);
                seen.push(**k);
                fresh
            })
            .map(|k| match k {
                HousingKind::KienCo => self.housing.kien_co,
                HousingKind::BanKienCo => self.housing.ban_kien_co,
                HousingKind::ThieuKienCo => self.housing.thieu_kien_co,
                HousingKind::DonSo => self.housing.don_so,
            })
            .sum()
    }

    pub fn people(&self, count: PeopleCount) -> u64 {
        match count {
            PeopleCount::Members => self.members,
            PeopleCount::Insured => self.insured,
            PeopleCount::Workers => self.workers,
            PeopleCount::TrainedWorkers => self.trained_workers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household(income: Money) -> Household {
        Household {
            id: String::new(),
            head_name: String::new(),
            members: 4,
            income,
            poverty: Poverty::None,
            housing: Housing::KienCo,
            clean_water: true,
            sanitary_toilet: true,
            waste_sorting: true,
            insured: 4,
            workers: 2,
            trained_workers: 1,
            cultural_family: true,
            row: 1,
        }
    }

    #[test]
    fn a_hundred_thousand_incomes_typed_with_one_decimal_sum_exactly() {
        // Incomes from 0,1 to 9.999,9 triệu, each arriving as the float a
        // number cell holds, as the workbook reader gets it.
        let tenths: Vec<u64> = (0..100_000u64).map(|i| (i * 7919) % 99_999 + 1).collect();
        let cells: Vec<f64> = tenths.iter().map(|&t| t as f64 / 10.0).collect();
        let households: Vec<Household> = cells.iter().map(|&f| household(Money::from_f64(f).unwrap())).collect();
        let (north, south) = households.split_at(37_000);
        let villages = [SurveySummary::of_households(north), SurveySummary::of_households(south)];
        let commune = SurveySummary::total(&villages);

        let exact = Decimal::new(tenths.iter().sum::<u64>() as i64, 1);
        assert_eq!(commune.income_total.decimal(), exact);
        // Printed at the data's precision, one decimal, in JSON too.
        let json = serde_json::to_value(&commune).unwrap().to_string();
        assert!(json.contains(&format!("\"income_total\":{exact}")), "{exact}: {json}");
        // What summing floats gave: the reason incomes are decimals.
        let float_sum: f64 = cells.iter().sum();
        assert_ne!(float_sum.to_string(), exact.to_string());
    }
}
