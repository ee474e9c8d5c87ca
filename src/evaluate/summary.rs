//! Survey figures of a village or of the commune: the sums every computed
//! indicator is drawn from, in the shape of `survey-form.md`'s JSON.

use serde::{Deserialize, Serialize};

use crate::load::survey::{Household, Housing, Poverty};
use crate::model::criteria::{HousingKind, PeopleCount, YesNoField};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SurveySummary {
    pub households: u64,
    pub members: u64,
    pub income_total: f64,
    /// `income_total / members`, recomputed from the sums (never averaged).
    pub income_per_capita: Option<f64>,
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

    fn finish(mut self) -> SurveySummary {
        self.income_per_capita = (self.members > 0).then(|| self.income_total / self.members as f64);
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
