//! Rules for `plan.yaml`: every task names a known criterion, official and
//! village, has a real deadline and a sensible budget.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::load::plan::{BudgetSpec, PlanFile};
use crate::model::criteria::CriteriaSet;
use crate::model::money::Money;
use crate::model::plan::{Budget, Plan, Review, Task};
use crate::model::{Commune, Date};

use super::{at, unknown_ref};

pub fn validate(
    plan: &Loaded<PlanFile>,
    commune: &Commune,
    criteria: Option<&CriteriaSet>,
    diagnostics: &mut Diagnostics,
) -> Option<Plan> {
    let path = &plan.path;
    let before = diagnostics.error_count();
    let criterion_ids: BTreeSet<String> =
        criteria.map(|c| c.criteria.iter().map(|c| c.id.clone()).collect()).unwrap_or_default();
    let village_ids: BTreeSet<String> = commune.villages.iter().map(|v| v.id.clone()).collect();

    let mut tasks = Vec::new();
    for t in &plan.data.tasks {
        if t.content.value.trim().is_empty() {
            diagnostics.error(at(path, &t.content), "nhiệm vụ thiếu nội dung (`content`)");
        }
        for c in &t.criteria {
            if criteria.is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        at(path, c),
                        format!("nhiệm vụ gắn với tiêu chí `{}` nhưng xã chưa chọn bộ tiêu chí", c.value),
                    )
                    .with_hint("thêm `criteria_set:` vào commune.yaml"),
                );
            } else if !criterion_ids.contains(&c.value) {
                diagnostics.push(unknown_ref(path, c, "tiêu chí", criterion_ids.iter()));
            }
        }
        let member = commune.officials.get(&t.member.value);
        if member.is_none() {
            diagnostics.push(unknown_ref(path, &t.member, "cán bộ", commune.officials.keys()));
        }
        for v in &t.villages {
            if !village_ids.contains(&v.value) {
                diagnostics.push(unknown_ref(path, v, "thôn", village_ids.iter()));
            }
        }
        let deadline = Date::parse(&t.deadline.value).map_err(|msg| diagnostics.error(at(path, &t.deadline), msg)).ok();
        let budget = budget(path, &t.budget, diagnostics);
        let status = t.status.unwrap_or(crate::model::plan::TaskStatus::NotStarted);
        let completed = t.completed.as_ref().and_then(|c| {
            if status != crate::model::plan::TaskStatus::Done {
                diagnostics.push(
                    Diagnostic::error(
                        at(path, c),
                        "có ngày hoàn thành (`completed`) nhưng nhiệm vụ chưa ghi `status: done`",
                    )
                    .with_hint("ghi `status: done` hoặc bỏ `completed`"),
                );
            }
            Date::parse(&c.value).map_err(|msg| diagnostics.error(at(path, c), msg)).ok()
        });
        if let (Some(member), Some(deadline)) = (member, deadline) {
            tasks.push(Task {
                content: t.content.value.trim().to_string(),
                criteria: t.criteria.iter().map(|c| c.value.clone()).collect(),
                lead: t.lead.trim().to_string(),
                member: member.name.clone(),
                villages: t
                    .villages
                    .iter()
                    .filter_map(|v| commune.villages.iter().find(|x| x.id == v.value).map(|x| x.name.clone()))
                    .collect(),
                deadline,
                budget,
                status,
                completed,
            });
        }
    }
    let reviews = plan
        .data
        .reviews
        .iter()
        .map(|r| Review { kind: r.kind, content: r.content.clone(), who: r.who.clone(), when: r.when.clone() })
        .collect();
    (diagnostics.error_count() == before).then(|| Plan {
        year: plan.data.year.value,
        objectives: plan.data.objectives.clone(),
        tasks,
        reviews,
    })
}

/// Amounts as the office typed them: a YAML number arrives as a float and
/// is read as the decimal it shows (`Money::from_f64`).
fn budget(path: &std::path::Path, spec: &BudgetSpec, diagnostics: &mut Diagnostics) -> Budget {
    let mut amount = |v: &Option<serde_saphyr::Spanned<f64>>| match v {
        Some(v) => match Money::from_f64(v.value).filter(|m| *m >= Money::ZERO) {
            Some(money) => money,
            None => {
                diagnostics.push(
                    Diagnostic::error(at(path, v), format!("kinh phí {} không hợp lệ", v.value))
                        .with_hint("ghi số triệu đồng, không âm, ví dụ `1200` hoặc `350.5`"),
                );
                Money::ZERO
            }
        },
        None => Money::ZERO,
    };
    Budget {
        central: amount(&spec.central),
        province: amount(&spec.province),
        district: amount(&spec.district),
        commune: amount(&spec.commune),
        people: amount(&spec.people),
        other: amount(&spec.other),
    }
}
