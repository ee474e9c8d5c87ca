//! The `weekly` key of data.json, as the `weekly-summary` component of
//! `templates/layouts/components.typ` reads it: display strings only, the
//! problems gathered first because they are what the committee acts on.

use serde::Serialize;

use super::layout::criterion_text;
use super::model::{WeeklyRound, WeeklyStatus};
use super::week::week_title;

#[derive(Debug, Clone, Serialize)]
pub struct WeeklyView {
    /// `Tuần 24 năm 2023 (12/06 – 18/06/2023)`; `""` when no report gave a date.
    pub week: String,
    pub villages: Vec<WeeklyVillageView>,
    /// Every difficulty a village asks the commune to help with, in the
    /// commune's village order.
    pub problems: Vec<ProblemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeeklyVillageView {
    pub name: String,
    pub member: String,
    /// Why the village has no items (`Chưa nộp báo cáo tuần`); `""` when read.
    pub status_text: &'static str,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub criterion: String,
    pub work: String,
    pub result: String,
    pub problems: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemView {
    pub village: String,
    pub criterion: String,
    pub text: String,
}

impl WeeklyView {
    /// `criteria` are the (id, name) pairs `read_week` was given, so an id
    /// prints as the drop-down showed it (`10 - Thu nhập`).
    pub fn new(round: &WeeklyRound, criteria: &[(String, String)]) -> WeeklyView {
        let criterion = |id: &Option<String>| match id {
            None => String::new(),
            Some(id) => {
                criteria.iter().find(|(c, _)| c == id).map_or_else(|| id.clone(), |(c, name)| criterion_text(c, name))
            }
        };
        let villages: Vec<WeeklyVillageView> = round
            .villages
            .iter()
            .map(|v| WeeklyVillageView {
                name: v.name.clone(),
                member: v.member.clone(),
                status_text: match v.status {
                    WeeklyStatus::Ok => "",
                    WeeklyStatus::Error => "Báo cáo tuần có lỗi, chưa tổng hợp",
                    WeeklyStatus::Missing => "Chưa nộp báo cáo tuần",
                },
                items: v
                    .items
                    .iter()
                    .map(|i| ItemView {
                        criterion: criterion(&i.criterion),
                        work: i.work.clone(),
                        result: i.result.clone(),
                        problems: i.problems.clone(),
                    })
                    .collect(),
            })
            .collect();
        let problems = villages
            .iter()
            .flat_map(|v| {
                v.items.iter().filter(|i| !i.problems.trim().is_empty()).map(|i| ProblemView {
                    village: v.name.clone(),
                    criterion: i.criterion.clone(),
                    text: i.problems.clone(),
                })
            })
            .collect();
        WeeklyView { week: week_title(&round.week).unwrap_or_default(), villages, problems }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::weekly::model::{WeeklyItem, WeeklyVillage};

    #[test]
    fn problems_come_with_their_village_and_criterion() {
        let item = |criterion: Option<&str>, problems: &str| WeeklyItem {
            criterion: criterion.map(str::to_string),
            work: "Ra quân".to_string(),
            result: "Xong".to_string(),
            problems: problems.to_string(),
        };
        let village = |id: &str, status, items| WeeklyVillage {
            id: id.to_string(),
            name: format!("Thôn {}", &id[5..]),
            status,
            source: None,
            member: "Phan Thị Dung".to_string(),
            items,
        };
        let round = WeeklyRound {
            week: "2023-W24".to_string(),
            villages: vec![
                village("thon-1", WeeklyStatus::Ok, vec![item(Some("10"), "Thiếu vốn"), item(None, "")]),
                village("thon-2", WeeklyStatus::Missing, vec![]),
            ],
            diagnostics: vec![],
        };
        let criteria = vec![("10".to_string(), "Thu nhập".to_string())];
        let view = WeeklyView::new(&round, &criteria);
        assert_eq!(view.week, "Tuần 24 năm 2023 (12/06 – 18/06/2023)");
        assert_eq!(view.villages[0].items[0].criterion, "10 - Thu nhập");
        assert_eq!(view.villages[1].status_text, "Chưa nộp báo cáo tuần");
        assert_eq!(view.problems.len(), 1);
        assert_eq!(view.problems[0].village, "Thôn 1");
        assert_eq!(view.problems[0].criterion, "10 - Thu nhập");
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["problems"][0]["text"], "Thiếu vốn");
    }
}
