//! Rules for a criteria set and the office's assessments, and the choice of
//! the threshold in force for the commune's region and year.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::Loaded;
use crate::load::criteria::{
    AssessmentFile, ComparisonSpec, CriteriaSetFile, IndicatorSpec, MeasureSpec, ThresholdSpec,
};
use crate::model::Commune;
use crate::model::criteria::{
    AssessedOutcome, Assessment, CriteriaSet, Criterion, Group, Indicator, Measure, Threshold, ThresholdValue,
};

use super::{at, unknown_ref};

/// Validates `set` for the commune's region and the assessment year.
pub fn validate(
    set: &Loaded<CriteriaSetFile>,
    assessment: Option<&Loaded<AssessmentFile>>,
    commune: &Commune,
    region_at: Location,
    diagnostics: &mut Diagnostics,
) -> Option<CriteriaSet> {
    let path = &set.path;
    let file = &set.data;
    let before = diagnostics.error_count();

    if file.id.value != set.id {
        diagnostics.push(
            Diagnostic::error(
                at(path, &file.id),
                format!("mã bộ tiêu chí `{}` khác tên tệp `{}`", file.id.value, set.id),
            )
            .with_hint("đặt `id` trùng với tên tệp (không có đuôi .yaml)"),
        );
    }
    // A marked blank (`ntm init`) is listed as one to fill already.
    if !file.regions.iter().any(|r| r == &commune.region) && !crate::vi::blank::contains(&commune.region) {
        diagnostics.push(
            Diagnostic::error(
                region_at.clone(),
                format!("vùng `{}` của xã không có trong bộ tiêu chí `{}`", commune.region, set.id),
            )
            .with_hint(format!("các vùng của bộ tiêu chí: {}", file.regions.join(", "))),
        );
    }
    let year = assessment.map(|a| a.data.year.value);
    let Some(year) = year else {
        diagnostics.push(
            Diagnostic::error(region_at, "thiếu tệp `assessment.yaml` (năm đánh giá và kết quả tự đánh giá)")
                .with_hint("tạo `assessment.yaml` trong thư mục làm việc với ít nhất dòng `year: 2023`"),
        );
        return None;
    };

    let mut groups = Vec::new();
    let mut group_ids = BTreeSet::new();
    for g in &file.groups {
        if !group_ids.insert(g.id.value.clone()) {
            diagnostics.error(at(path, &g.id), format!("mã nhóm `{}` bị trùng", g.id.value));
        }
        groups.push(Group { id: g.id.value.clone(), name: g.name.clone() });
    }

    let mut assessed = assessment.map(|a| a.data.indicators.clone()).unwrap_or_default();
    let mut criterion_ids = BTreeSet::new();
    let mut indicator_ids = BTreeSet::new();
    let mut criteria = Vec::new();
    for c in &file.criteria {
        if !criterion_ids.insert(c.id.value.clone()) {
            diagnostics.error(at(path, &c.id), format!("mã tiêu chí `{}` bị trùng", c.id.value));
        }
        if !group_ids.contains(&c.group.value) {
            diagnostics.push(unknown_ref(path, &c.group, "nhóm tiêu chí", group_ids.iter()));
        }
        if c.indicators.is_empty() {
            diagnostics.error(at(path, &c.id), format!("tiêu chí `{}` không có chỉ tiêu nào", c.id.value));
        }
        let mut indicators = Vec::new();
        for i in &c.indicators {
            if !indicator_ids.insert(i.id.value.clone()) {
                diagnostics.error(at(path, &i.id), format!("mã chỉ tiêu `{}` bị trùng", i.id.value));
            }
            let threshold = resolve_threshold(path, i, &file.regions, &commune.region, year, diagnostics);
            let measure = match &i.measure {
                Some(m) => match &m.value {
                    MeasureSpec::Computed(computed) => {
                        if i.comparison.value == ComparisonSpec::Met {
                            diagnostics.push(Diagnostic::error(
                                at(path, &i.comparison),
                                format!(
                                    "chỉ tiêu `{}` tính từ phiếu khảo sát phải so sánh bằng `>=` hoặc `<=`",
                                    i.id.value
                                ),
                            ));
                        }
                        if let Some(a) = assessed.remove(&i.id.value)
                            && let Some(assessment) = assessment
                        {
                            diagnostics.push(
                                Diagnostic::error(
                                    at(&assessment.path, &a),
                                    format!("chỉ tiêu `{}` được tính từ phiếu khảo sát, không tự đánh giá", i.id.value),
                                )
                                .with_hint("xóa mục này khỏi assessment.yaml"),
                            );
                        }
                        Measure::Computed(computed.clone())
                    }
                    MeasureSpec::Assessed(_) => assessed_measure(i, &mut assessed, assessment, commune, diagnostics),
                },
                None => assessed_measure(i, &mut assessed, assessment, commune, diagnostics),
            };
            indicators.push(Indicator {
                id: i.id.value.clone(),
                text: i.text.clone(),
                unit: i.unit.clone(),
                comparison: i.comparison.value,
                measure,
                threshold,
                note: i.note.clone(),
            });
        }
        criteria.push(Criterion {
            id: c.id.value.clone(),
            name: c.name.clone(),
            group: c.group.value.clone(),
            indicators,
        });
    }
    if let Some(assessment) = assessment {
        for (id, entry) in &assessed {
            diagnostics.push(
                Diagnostic::error(
                    at(&assessment.path, entry),
                    format!("bộ tiêu chí `{}` không có chỉ tiêu `{id}`", set.id),
                )
                .with_hint("kiểm tra mã chỉ tiêu, ví dụ \"10.1\""),
            );
        }
    }

    (diagnostics.error_count() == before).then(|| CriteriaSet {
        id: set.id.clone(),
        name: file.name.clone(),
        decision: file.decision.clone(),
        amended_by: file.amended_by.clone(),
        superseded_by: file.superseded_by.clone(),
        region: commune.region.clone(),
        year,
        groups,
        criteria,
    })
}

fn assessed_measure(
    indicator: &IndicatorSpec,
    assessed: &mut BTreeMap<String, serde_saphyr::Spanned<crate::load::criteria::AssessedSpec>>,
    assessment: Option<&Loaded<AssessmentFile>>,
    commune: &Commune,
    diagnostics: &mut Diagnostics,
) -> Measure {
    let (Some(entry), Some(file)) = (assessed.remove(&indicator.id.value), assessment) else {
        return Measure::Assessed(None);
    };
    let path = &file.path;
    let spec = &entry.value;
    let outcome = match (&spec.result, spec.value) {
        (Some(result), None) => match normalise_verdict(&result.value) {
            Some(v) => Some(AssessedOutcome::Verdict(v)),
            None => {
                diagnostics.push(
                    Diagnostic::error(at(path, result), format!("kết quả `{}` không hợp lệ", result.value))
                        .with_hint("ghi `Đạt` hoặc `Chưa đạt`"),
                );
                None
            }
        },
        (None, Some(value)) => {
            if indicator.comparison.value == ComparisonSpec::Met {
                diagnostics.push(
                    Diagnostic::error(
                        at(path, &entry),
                        format!("chỉ tiêu `{}` đánh giá bằng Đạt/Chưa đạt, không bằng số", indicator.id.value),
                    )
                    .with_hint("thay `value:` bằng `result: Đạt` hoặc `result: Chưa đạt`"),
                );
                None
            } else {
                Some(AssessedOutcome::Value(value))
            }
        }
        // Listed but not assessed yet (`ntm init` lists every indicator so).
        (None, None) => None,
        (Some(_), Some(_)) => {
            diagnostics.push(Diagnostic::error(
                at(path, &entry),
                format!("chỉ tiêu `{}` cần đúng một trong hai: `result` hoặc `value`", indicator.id.value),
            ));
            None
        }
    };
    let responsible = spec.responsible.as_ref().and_then(|r| match commune.officials.get(&r.value) {
        Some(o) => Some(o.name.clone()),
        None => {
            diagnostics.push(unknown_ref(path, r, "cán bộ", commune.officials.keys()));
            None
        }
    });
    Measure::Assessed(outcome.map(|outcome| Assessment { outcome, evidence: spec.evidence.clone(), responsible }))
}

/// `Đạt` / `Chưa đạt`, in any case, with or without diacritics.
fn normalise_verdict(text: &str) -> Option<bool> {
    match crate::vi::fold::fold(text).as_str() {
        "dat" => Some(true),
        "chua dat" | "khong dat" => Some(false),
        _ => None,
    }
}

/// The most specific threshold that applies: region and year, then region,
/// then year, then neither. Two entries equally specific are an error.
fn resolve_threshold(
    path: &Path,
    indicator: &IndicatorSpec,
    regions: &[String],
    region: &str,
    year: i32,
    diagnostics: &mut Diagnostics,
) -> Threshold {
    let mut best: Option<(u8, &ThresholdSpec)> = None;
    for t in &indicator.thresholds {
        if let Some(r) = &t.region
            && !regions.contains(&r.value)
        {
            diagnostics.push(
                Diagnostic::error(
                    at(path, r),
                    format!("vùng `{}` không có trong danh sách `regions` của bộ tiêu chí", r.value),
                )
                .with_hint(format!("các vùng: {}", regions.join(", "))),
            );
        }
        check_value_kind(path, indicator, t, diagnostics);
        let region_ok = t.region.as_ref().is_none_or(|r| r.value == region);
        let year_ok = t.year.is_none_or(|y| y == year);
        if !(region_ok && year_ok) {
            continue;
        }
        let rank = u8::from(t.region.is_some()) * 2 + u8::from(t.year.is_some());
        match best {
            Some((r, _)) if r > rank => {}
            Some((r, _)) if r == rank => diagnostics.push(
                Diagnostic::error(
                    at(path, &t.value),
                    format!(
                        "chỉ tiêu `{}` có hai ngưỡng cùng áp dụng cho vùng {region}, năm {year}",
                        indicator.id.value
                    ),
                )
                .with_hint("mỗi tổ hợp vùng/năm chỉ ghi một ngưỡng"),
            ),
            _ => best = Some((rank, t)),
        }
    }
    match best {
        Some((_, t)) => Threshold {
            value: t.value.value.map(|v| match v {
                crate::load::criteria::ThresholdValue::Verdict(b) => ThresholdValue::Verdict(b),
                crate::load::criteria::ThresholdValue::Number(n) => ThresholdValue::Number(n),
            }),
            source: t.source.clone(),
            confirmed: t.confirmed,
        },
        None => Threshold::none(),
    }
}

fn check_value_kind(path: &Path, indicator: &IndicatorSpec, t: &ThresholdSpec, diagnostics: &mut Diagnostics) {
    use crate::load::criteria::ThresholdValue as V;
    let ok = match (indicator.comparison.value, t.value.value) {
        (_, None) => true,
        (ComparisonSpec::Met, Some(V::Verdict(_))) => true,
        (ComparisonSpec::AtLeast | ComparisonSpec::AtMost, Some(V::Number(n))) => n.is_finite() && n >= 0.0,
        _ => false,
    };
    if !ok {
        let want = match indicator.comparison.value {
            ComparisonSpec::Met => "`true` (Đạt) hoặc để trống `null`",
            _ => "một số không âm hoặc `null`",
        };
        diagnostics.push(
            Diagnostic::error(at(path, &t.value), format!("ngưỡng của chỉ tiêu `{}` không hợp lệ", indicator.id.value))
                .with_hint(format!("cần {want}")),
        );
    }
}
