//! The year's plan after validation: every reference resolved to a name.

use crate::model::Date;
use crate::model::money::Money;

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
    pub status: TaskStatus,
    pub completed: Option<Date>,
}

impl Task {
    /// Past its deadline on `day` and not done by then. A task marked done
    /// without a completion date counts as done.
    pub fn overdue_on(&self, day: Date) -> bool {
        let done_by_day = self.status == TaskStatus::Done && self.completed.is_none_or(|c| c <= day);
        self.deadline < day && !done_by_day
    }
}

/// The status as printed.
pub fn status_words(status: TaskStatus) -> &'static str {
    match status {
        TaskStatus::NotStarted => "Chưa triển khai",
        TaskStatus::InProgress => "Đang thực hiện",
        TaskStatus::Done => "Đã hoàn thành",
    }
}

/// Million VND by source, exact (`Money`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Budget {
    pub central: Money,
    pub province: Money,
    pub district: Money,
    pub commune: Money,
    pub people: Money,
    pub other: Money,
}

impl Budget {
    /// All levels of the state budget.
    pub fn state(&self) -> Money {
        self.central + self.province + self.district + self.commune
    }

    pub fn total(&self) -> Money {
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
    fn overdue_means_past_deadline_and_not_done_by_then() {
        let d = |s: &str| Date::parse(s).unwrap();
        let task = |status, completed: Option<&str>| Task {
            content: String::new(),
            criteria: Vec::new(),
            lead: String::new(),
            member: String::new(),
            villages: Vec::new(),
            deadline: d("2023-06-30"),
            budget: Budget::default(),
            status,
            completed: completed.map(d),
        };
        assert!(!task(TaskStatus::InProgress, None).overdue_on(d("2023-06-30")));
        assert!(task(TaskStatus::InProgress, None).overdue_on(d("2023-07-01")));
        assert!(task(TaskStatus::NotStarted, None).overdue_on(d("2023-09-30")));
        assert!(!task(TaskStatus::Done, Some("2023-06-20")).overdue_on(d("2023-09-30")));
        assert!(!task(TaskStatus::Done, None).overdue_on(d("2023-09-30")));
        // Done in August: overdue at the end of July, not at the end of September.
        assert!(task(TaskStatus::Done, Some("2023-08-10")).overdue_on(d("2023-07-31")));
        assert!(!task(TaskStatus::Done, Some("2023-08-10")).overdue_on(d("2023-09-30")));
    }

    #[test]
    fn totals_are_summed_by_source() {
        let m = |v: f64| Money::from_f64(v).unwrap();
        let b = Budget {
            central: m(100.0),
            province: m(50.0),
            district: m(25.0),
            commune: m(25.0),
            people: m(40.0),
            other: m(10.0),
        };
        assert_eq!(b.state(), m(200.0));
        assert_eq!(b.total(), m(250.0));
        assert_eq!(b.add(&b).total(), m(500.0));
        // Tenths add up exactly: 0,1 + 0,2 is 0,3, not 0.30000000000000004.
        let tenths = Budget { central: m(0.1), province: m(0.2), ..Budget::default() };
        assert_eq!(tenths.total().to_string(), "0.3");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewKind {
    Weekly,
    Monthly,
    Quarterly,
    Yearly,
}
