//! The year's plan after validation: every reference resolved to a name.

pub use crate::load::plan::ReviewKind;
use crate::model::Date;

#[derive(Debug, Clone)]
pub struct Plan {
    pub year: i32,
    pub objectives: Vec<String>,
    pub tasks: Vec<Task>,
    pub reviews: Vec<Review>,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub content: String,
    pub criteria: Vec<String>,
    pub lead: String,
    /// Name of the official in charge.
    pub member: String,
    pub villages: Vec<String>,
    pub deadline: Date,
    pub budget: Budget,
}

/// Million VND by source.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Budget {
    pub central: f64,
    pub province: f64,
    pub district: f64,
    pub commune: f64,
    pub people: f64,
    pub other: f64,
}

impl Budget {
    /// All levels of the state budget.
    pub fn state(&self) -> f64 {
        self.central + self.province + self.district + self.commune
    }

    pub fn total(&self) -> f64 {
        self.state() + self.people + self.other
    }

    pub fn add(&self, other: &Budget) -> Budget {
        Budget {
            central: self.central + other.central,
            province: self.province + other.province,
            district: self.district + other.district,
            commune: self.commune + other.commune,
            people: self.people + other.people,
            other: self.other + other.other,
        }
    }
}

impl Plan {
    /// Budget totals, computed: never typed by the office.
    pub fn budget_total(&self) -> Budget {
        self.tasks.iter().fold(Budget::default(), |sum, t| sum.add(&t.budget))
    }
}

#[derive(Debug, Clone)]
pub struct Review {
    pub kind: ReviewKind,
    pub content: String,
    pub who: String,
    pub when: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_summed_by_source() {
        let b = Budget { central: 100.0, province: 50.0, district: 25.0, commune: 25.0, people: 40.0, other: 10.0 };
        assert_eq!(b.state(), 200.0);
        assert_eq!(b.total(), 250.0);
        assert_eq!(b.add(&b).total(), 500.0);
    }
}
