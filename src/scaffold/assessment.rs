//! A new workspace's `assessment.yaml`: every indicator of the chosen set
//! that the survey does not compute, listed and empty, with its text beside
//! it, so the office fills in results instead of looking up ids.

use std::fmt::Write;
use std::path::Path;

use crate::error::Fatal;
use crate::load::criteria::{CriteriaSetFile, MeasureSpec};

const HEAD: &str = "\
# Kết quả tự đánh giá của văn phòng: các chỉ tiêu KHÔNG tính được từ phiếu khảo sát hộ gia đình,
# theo bộ tiêu chí xã chọn trong commune.yaml. Tệp do `ntm init` tạo: mỗi chỉ tiêu một dòng, để trống.
#
# Điền mỗi chỉ tiêu bằng ĐÚNG MỘT trong hai khóa:
#   result       `Đạt` hoặc `Chưa đạt` — cho chỉ tiêu đánh giá Đạt/Chưa đạt;
#   value        một số (tỷ lệ %, km, …) — cho chỉ tiêu so với ngưỡng bằng số;
# và nếu có:
#   evidence     văn bản, số liệu làm căn cứ (số, ngày, cơ quan ban hành);
#   responsible  mã cán bộ phụ trách (một `id` trong officials của commune.yaml).
# Ví dụ:  \"1.1\": { result: Đạt, evidence: \"Quyết định số …/QĐ-UBND ngày …\", responsible: chu-tich-ubnd }
# Chỉ tiêu để trống `{}` là chưa đánh giá.
";

/// The file's text for the set `set_yaml` (a shipped set) and `year`.
pub fn write(set_yaml: &str, year: i32) -> Result<String, Fatal> {
    let set = crate::load::yaml::parse::<CriteriaSetFile>(Path::new("criteria"), set_yaml)
        .map_err(|d| Fatal::environment(format!("bộ tiêu chí đi kèm ntm không đọc được: {}", d.message)))?;
    let mut out = String::from(HEAD);
    let _ = write!(out, "\nyear: {year}\n\nindicators:\n");
    for criterion in &set.criteria {
        let assessed: Vec<_> = criterion
            .indicators
            .iter()
            .filter(|i| !matches!(i.measure.as_ref().map(|m| &m.value), Some(MeasureSpec::Computed(_))))
            .collect();
        if assessed.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  # Tiêu chí {}. {}", criterion.id.value, criterion.name);
        for i in assessed {
            let how = match i.comparison.value {
                crate::load::criteria::ComparisonSpec::Met => "result",
                _ => "value",
            };
            let text = i.text.replace('\n', " ");
            let _ = writeln!(out, "  \"{}\": {{}}   # ({how}) {text}", i.id.value);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::criteria::AssessmentFile;
    use crate::scaffold::templates::SHIPPED_SETS;

    #[test]
    fn every_assessed_indicator_is_listed_empty_and_the_file_parses() {
        for (id, text) in SHIPPED_SETS {
            let out = write(text, 2026).unwrap();
            let parsed = crate::load::yaml::parse::<AssessmentFile>(Path::new("a.yaml"), &out).unwrap();
            assert_eq!(parsed.year.value, 2026);
            let set = crate::load::yaml::parse::<CriteriaSetFile>(Path::new(id), text).unwrap();
            let expected: Vec<String> = set
                .criteria
                .iter()
                .flat_map(|c| &c.indicators)
                .filter(|i| !matches!(i.measure.as_ref().map(|m| &m.value), Some(MeasureSpec::Computed(_))))
                .map(|i| i.id.value.clone())
                .collect();
            let mut listed: Vec<String> = parsed.indicators.keys().cloned().collect();
            let mut sorted = expected.clone();
            sorted.sort();
            listed.sort();
            assert_eq!(listed, sorted, "{id}");
            assert!(parsed.indicators.values().all(|a| a.value.result.is_none() && a.value.value.is_none()));
        }
    }
}
