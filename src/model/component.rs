//! The components a document body can place with a ```` ```ntm:NAME ````
//! fence: tables and charts the layout (`components.typ`) draws from
//! `data.json`. This is the one list of them: the converter accepts these
//! names, the renderer checks each one's data, and a test ties the layout's
//! own dispatch table to it.

/// A table or chart of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Component {
    CriteriaTable,
    VillageChart,
    VillageAnnex,
    Scorecard,
    PlanTasks,
    Assignments,
    ReviewCalendar,
    ProgressMoved,
    ProgressVillages,
    OverdueTasks,
    HouseholdChanges,
    ProgressChart,
    WeeklySummary,
}

impl Component {
    pub const ALL: [Component; 13] = [
        Component::CriteriaTable,
        Component::VillageChart,
        Component::VillageAnnex,
        Component::Scorecard,
        Component::PlanTasks,
        Component::Assignments,
        Component::ReviewCalendar,
        Component::ProgressMoved,
        Component::ProgressVillages,
        Component::OverdueTasks,
        Component::HouseholdChanges,
        Component::ProgressChart,
        Component::WeeklySummary,
    ];

    /// The name a fence gives after `ntm:`.
    pub fn name(self) -> &'static str {
        match self {
            Component::CriteriaTable => "criteria-table",
            Component::VillageChart => "village-chart",
            Component::VillageAnnex => "village-annex",
            Component::Scorecard => "scorecard",
            Component::PlanTasks => "plan-tasks",
            Component::Assignments => "assignments",
            Component::ReviewCalendar => "review-calendar",
            Component::ProgressMoved => "progress-moved",
            Component::ProgressVillages => "progress-villages",
            Component::OverdueTasks => "overdue-tasks",
            Component::HouseholdChanges => "household-changes",
            Component::ProgressChart => "progress-chart",
            Component::WeeklySummary => "weekly-summary",
        }
    }

    pub fn from_name(name: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.name() == name)
    }

    /// What it prints, in a message: `bảng đánh giá các tiêu chí`.
    pub fn what(self) -> &'static str {
        match self {
            Component::CriteriaTable => "bảng đánh giá các tiêu chí",
            Component::VillageChart => "biểu đồ kết quả theo thôn",
            Component::VillageAnnex => "phụ lục kết quả theo thôn",
            Component::Scorecard => "phiếu kết quả của thôn",
            Component::PlanTasks => "bảng nhiệm vụ của kế hoạch",
            Component::Assignments => "bảng phân công thành viên Ban Chỉ đạo",
            Component::ReviewCalendar => "bảng lịch kiểm tra, đánh giá",
            Component::ProgressMoved => "bảng chỉ tiêu thay đổi so với kỳ trước",
            Component::ProgressVillages => "bảng kết quả các thôn qua hai kỳ",
            Component::OverdueTasks => "bảng nhiệm vụ quá hạn",
            Component::HouseholdChanges => "danh sách hộ thay đổi giữa hai kỳ khảo sát",
            Component::ProgressChart => "biểu đồ diễn biến các chỉ tiêu",
            Component::WeeklySummary => "bảng tổng hợp báo cáo tuần của các thôn",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found_again() {
        for c in Component::ALL {
            assert_eq!(Component::from_name(c.name()), Some(c));
        }
        let mut names: Vec<&str> = Component::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Component::ALL.len());
        assert_eq!(Component::from_name("bang-la"), None);
    }
}
