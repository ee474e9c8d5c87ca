//! `ntm check`'s account of the evaluation, for people: where the commune
//! stands, what is missing and where, and which thresholds are unconfirmed.

use crate::evaluate::{Evaluation, IndicatorResult};
use crate::load::survey::SurveyStatus;
use crate::render::format::threshold_text;
use crate::vi::number::{number_vi, with_unit};

/// The mark printed after a threshold not confirmed against the decision.
pub const UNCONFIRMED: &str = "*";

pub fn print(e: &Evaluation) {
    eprintln!("Đánh giá theo {} (vùng {}, năm {}).", e.set.name, e.set.region, e.set.year);

    let ok = e.villages.iter().filter(|v| v.status == SurveyStatus::Ok).count();
    eprintln!(
        "Phiếu khảo sát: {ok}/{} thôn dùng được — {} hộ, {} nhân khẩu.",
        e.villages.len(),
        number_vi(e.commune.households as f64, 0),
        number_vi(e.commune.members as f64, 0)
    );
    for v in &e.villages {
        match v.status {
            SurveyStatus::Ok => {}
            SurveyStatus::Error => {
                eprintln!("  {}: phiếu có lỗi, không được tính ({})", v.name, v.source.as_deref().unwrap_or("?"))
            }
            SurveyStatus::Missing => eprintln!("  {}: chưa có phiếu khảo sát", v.name),
        }
    }

    let groups: Vec<String> =
        e.groups.iter().map(|g| format!("{} {}/{}", g.name, g.criteria_met, g.criteria_total)).collect();
    eprintln!("Kết quả: đạt {}/{} tiêu chí ({}).", e.criteria_met, e.criteria_total, groups.join("; "));

    let not_met: Vec<&IndicatorResult> = e.indicators.iter().filter(|i| i.met == Some(false)).collect();
    if !not_met.is_empty() {
        eprintln!("Chỉ tiêu chưa đạt:");
        for i in not_met {
            eprintln!("  {}", line(i));
            for v in i.villages.iter().filter(|v| v.met == Some(false)) {
                let value = v.value.map(|x| with_unit(x, i.unit.as_deref())).unwrap_or_default();
                let gap = v.gap.as_ref().map(|g| format!(" — {}", g.text)).unwrap_or_default();
                eprintln!("      {}: {value}{gap}", v.name);
            }
        }
    }
    let undecided: Vec<&IndicatorResult> = e.indicators.iter().filter(|i| i.met.is_none()).collect();
    if !undecided.is_empty() {
        eprintln!("Chưa xác định được:");
        for i in undecided {
            let why = if i.threshold.is_none() {
                "chưa có ngưỡng"
            } else if i.computed {
                "chưa có số liệu khảo sát"
            } else {
                "chưa có kết quả tự đánh giá trong assessment.yaml"
            };
            eprintln!("  {} {}: {why}", i.id, i.text);
        }
    }
    let unconfirmed: Vec<&IndicatorResult> =
        e.indicators.iter().filter(|i| i.threshold.is_some() && !i.threshold_confirmed).collect();
    if !unconfirmed.is_empty() {
        eprintln!(
            "Ngưỡng chưa được đối chiếu với văn bản gốc ({UNCONFIRMED}), {} chỉ tiêu — cần kiểm tra trước khi dùng chính thức:",
            unconfirmed.len()
        );
        // Grouped by source: most share one ("giá trị minh họa"), and the
        // office reads one line per source rather than one per indicator.
        let mut by_source: Vec<(&str, Vec<&str>)> = Vec::new();
        for i in unconfirmed {
            match by_source.iter_mut().find(|(s, _)| *s == i.threshold_source) {
                Some((_, ids)) => ids.push(&i.id),
                None => by_source.push((&i.threshold_source, vec![&i.id])),
            }
        }
        for (source, ids) in by_source {
            eprintln!("  {}: {source}", ids.join(", "));
        }
    }
}

fn line(i: &IndicatorResult) -> String {
    let value = match (i.value, i.computed) {
        (Some(v), _) => with_unit(v, i.unit.as_deref()),
        (None, false) => "Chưa đạt".to_string(),
        (None, true) => "—".to_string(),
    };
    let gap = i.gap.as_ref().map(|g| format!(" — {}", g.text)).unwrap_or_default();
    let mark = if i.threshold_confirmed { "" } else { UNCONFIRMED };
    format!("{} {}: {value}, ngưỡng {}{mark}{gap}", i.id, i.text, threshold_text(i.comparison, i.threshold, None))
}

/// How the reported round compares with the one before, households that
/// appeared, vanished or moved, and tasks of the plan overdue at its date.
pub fn print_history(history: &crate::evaluate::history::History, plan: Option<&crate::model::plan::Plan>) {
    let Some(at) = history.rounds.len().checked_sub(1) else { return };
    let now = &history.rounds[at];
    match history.comparison(at) {
        None => eprintln!("Đợt khảo sát {}: chưa có đợt trước để so sánh.", now.round.label()),
        Some(c) => {
            let before = &history.rounds[at - 1];
            eprintln!(
                "So với đợt {}: đạt {}/{} tiêu chí (đợt trước {}/{}); {} chỉ tiêu thay đổi.",
                before.round.label(),
                c.criteria_met,
                now.evaluation.criteria_total,
                c.criteria_met_before,
                before.evaluation.criteria_total,
                c.moved.len()
            );
            for m in c.moved.iter().filter(|m| !m.crossed().is_empty()) {
                let word =
                    if m.crossed() == "up" { "nay đã đạt ngưỡng" } else { "KHÔNG CÒN ĐẠT ngưỡng" };
                eprintln!("  {} {}: {word}", m.id, m.text);
            }
            let h = &c.households;
            if !(h.appeared.is_empty() && h.disappeared.is_empty() && h.moved.is_empty()) {
                eprintln!(
                    "Hộ gia đình: {} hộ mới, {} hộ không còn trong phiếu, {} hộ chuyển thôn (kiểm tra xem có phải nhập nhầm không):",
                    h.appeared.len(),
                    h.disappeared.len(),
                    h.moved.len()
                );
                for x in &h.disappeared {
                    eprintln!("  không còn: {} {} ({})", x.id, x.name, x.village);
                }
                for x in &h.moved {
                    eprintln!("  chuyển thôn: {} {} ({} → {})", x.id, x.name, x.from, x.to);
                }
            }
        }
    }
    if let (Some(plan), Some(day)) = (plan, now.round.date) {
        let overdue: Vec<_> = plan.tasks.iter().filter(|t| t.overdue_on(day)).collect();
        if !overdue.is_empty() {
            eprintln!("Nhiệm vụ quá hạn tại {} ({}):", day.short(), overdue.len());
            for t in overdue {
                eprintln!(
                    "  {} — hạn {}, {} ({})",
                    t.content,
                    t.deadline.short(),
                    crate::model::plan::status_words(t.status).to_lowercase(),
                    t.member
                );
            }
        }
    }
}
