//! The files of a new workspace: the shipped ones as they are (criteria
//! sets, survey form, report templates), the commune's own from
//! `templates/workspace/` with `@NAME@` slots filled for the commune.

use crate::error::Fatal;
use crate::load;

use super::{InitConfig, NEW_SET, NEW_SET_FROM, OLD_SET};

/// Criteria sets shipped with ntm, by id: the national sets a commune
/// starts from (the example's illustrative provincial copy is not one).
pub const SHIPPED_SETS: [(&str, &str); 2] = [
    (OLD_SET, include_str!("../../inputs/criteria/qd318-nang-cao-2021-2025.yaml")),
    (NEW_SET, include_str!("../../inputs/criteria/qd51-2026-2030.yaml")),
];

const FORM: &str = include_str!("../../inputs/forms/ho-gia-dinh.yaml");
const REPORTS: [(&str, &str); 2] = [
    ("tien-do.yaml", include_str!("../../inputs/reports/tien-do.yaml")),
    ("tuan.yaml", include_str!("../../inputs/reports/tuan.yaml")),
];

const COMMUNE: &str = include_str!("../../templates/workspace/commune.yaml");
const PLAN: &str = include_str!("../../templates/workspace/plan.yaml");
const GUIDE: &str = include_str!("../../templates/workspace/HUONG-DAN.md");

/// Starter documents: file name (with `@NAM@`) and template.
const DOCUMENTS: [(&str, &str); 6] = [
    ("nq-@NAM@-xay-dung-ntm.yaml", include_str!("../../templates/workspace/documents/nghi-quyet.yaml")),
    ("qd-@NAM@-ban-chi-dao.yaml", include_str!("../../templates/workspace/documents/quyet-dinh-ban-chi-dao.yaml")),
    ("kh-@NAM@-xay-dung-ntm.yaml", include_str!("../../templates/workspace/documents/ke-hoach.yaml")),
    ("cv-@NAM@-phieu-khao-sat.yaml", include_str!("../../templates/workspace/documents/cong-van-phieu-khao-sat.yaml")),
    ("gm-@NAM@-so-ket-quy-1.yaml", include_str!("../../templates/workspace/documents/giay-moi-so-ket-quy.yaml")),
    ("bc-@NAM@-danh-gia-tieu-chi.yaml", include_str!("../../templates/workspace/documents/bao-cao-danh-gia.yaml")),
];

/// The example's report cites its own resolution; a new commune's cannot.
const EXAMPLE_RESOLUTION: &str = "theo Nghị quyết số 01-NQ/ĐU của Ban Chấp hành Đảng bộ xã (mục 2.7)";

/// The slots of the templates, worked out from the command line.
pub struct Fill {
    slots: Vec<(&'static str, String)>,
    pub set: &'static str,
    year: i32,
}

impl Fill {
    /// Checks the choice of group or region against the year's set.
    pub fn new(c: &InitConfig) -> Result<Fill, Fatal> {
        for (value, flag) in [(&c.commune, "--xa"), (&c.province, "--tinh")] {
            if value.trim().is_empty() || value.contains(['\n', '"', '«', '»', '#']) {
                return Err(Fatal::usage(format!("tên ở `{flag}` không hợp lệ: `{value}`"))
                    .with_hint("ghi tên không có chữ “xã”, “tỉnh”, ví dụ `--xa \"Thạch Lạc\"`"));
            }
        }
        let new_set = c.year >= NEW_SET_FROM;
        let set = if new_set { NEW_SET } else { OLD_SET };
        let (region, region_note) = region(c, new_set)?;
        let (district_line, party_superior, party_recipient, report_to, report_recipient) = match &c.district {
            Some(d) => (
                format!("  district: {d}            # huyện (xã trước sắp xếp 01/7/2025)\n"),
                format!("Đảng bộ huyện {d}"),
                "  - Thường trực Huyện ủy (để B/C)".to_string(),
                "Ban Thường vụ Huyện ủy".to_string(),
                "Văn phòng Điều phối nông thôn mới huyện".to_string(),
            ),
            None => (
                String::new(),
                format!("Đảng bộ tỉnh {}", c.province),
                "  - Ban Thường vụ Tỉnh ủy (để B/C)".to_string(),
                "Ban Thường vụ Tỉnh ủy".to_string(),
                "Văn phòng Điều phối nông thôn mới tỉnh".to_string(),
            ),
        };
        let set_note = if new_set {
            format!(
                "Năm {} áp dụng Bộ tiêu chí giai đoạn 2026–2030 (QĐ 51/2025/QĐ-TTg); bộ nâng cao 2021–2025: {OLD_SET}.",
                c.year
            )
        } else {
            format!(
                "Năm {} áp dụng Bộ tiêu chí xã nông thôn mới nâng cao 2021–2025 (QĐ 318/QĐ-TTg); từ 2026: {NEW_SET}.",
                c.year
            )
        };
        let slots = vec![
            ("@XA@", c.commune.trim().to_string()),
            ("@TINH@", c.province.trim().to_string()),
            ("@NAM@", c.year.to_string()),
            ("@HUYEN_LINE@", district_line),
            ("@VUNG@", region),
            ("@VUNG_NOTE@", region_note),
            ("@CAP_TREN_DANG@", party_superior),
            ("@NOI_NHAN_DANG@", party_recipient),
            ("@CAP_TREN_BAO_CAO@", report_to),
            ("@NOI_NHAN_BAO_CAO@", report_recipient),
            ("@BO@", set.to_string()),
            ("@BO_NOTE@", set_note),
        ];
        Ok(Fill { slots, set, year: c.year })
    }

    fn fill(&self, template: &str) -> String {
        let mut text = template.to_string();
        for (slot, value) in &self.slots {
            text = text.replace(slot, value);
        }
        text
    }

    /// Every file of the workspace, by path inside it.
    pub fn files(&self) -> Result<Vec<(String, String)>, Fatal> {
        let mut files = vec![
            (load::COMMUNE_FILE.to_string(), self.fill(COMMUNE)),
            (load::PLAN_FILE.to_string(), self.fill(PLAN)),
            ("HUONG-DAN.md".to_string(), self.fill(GUIDE)),
            (load::FORM_FILE.to_string(), FORM.to_string()),
        ];
        for (id, text) in SHIPPED_SETS {
            files.push((format!("{}/{id}.yaml", load::CRITERIA_DIR), text.to_string()));
        }
        for (name, text) in REPORTS {
            let text = text.replace(EXAMPLE_RESOLUTION, "theo Nghị quyết của Ban Chấp hành Đảng bộ xã");
            files.push((format!("{}/{name}", load::REPORTS_DIR), text));
        }
        for (name, template) in DOCUMENTS {
            files.push((format!("{}/{}", load::DOCUMENTS_DIR, self.fill(name)), self.fill(template)));
        }
        let set_text = SHIPPED_SETS.iter().find(|(id, _)| *id == self.set).map(|(_, t)| *t).unwrap_or_default();
        files.push((load::ASSESSMENT_FILE.to_string(), super::assessment::write(set_text, self.year)?));
        Ok(files)
    }
}

/// The commune's `region:` value and its comment: the group (2026 on) or
/// the region (before), or a blank when the command line gave none.
fn region(c: &InitConfig, new_set: bool) -> Result<(String, String), Fatal> {
    let blank = crate::vi::blank::blank;
    match (new_set, c.group, &c.region) {
        (true, Some(n @ 1..=3), None) => {
            Ok((format!("Nhóm {n}"), "nhóm xã theo Bộ tiêu chí 2026–2030, do tỉnh xếp".into()))
        }
        (true, Some(n), None) => Err(Fatal::usage(format!("nhóm xã `{n}` không hợp lệ"))
            .with_hint("Bộ tiêu chí 2026–2030 chia xã thành 3 nhóm: `--nhom 1`, `--nhom 2` hoặc `--nhom 3`")),
        (true, None, None) => Ok((
            format!("\"{}\"", blank("nhóm xã do tỉnh xếp, Nhóm 1, Nhóm 2 hoặc Nhóm 3")),
            "nhóm xã theo Bộ tiêu chí 2026–2030".into(),
        )),
        (true, _, Some(_)) => Err(Fatal::usage(format!("năm {} dùng nhóm xã (`--nhom`), không dùng vùng", c.year))
            .with_hint("từ năm 2026, Bộ tiêu chí chia xã theo 3 nhóm: `--nhom 1`, `--nhom 2` hoặc `--nhom 3`")),
        (false, Some(_), _) => Err(Fatal::usage(format!("năm {} dùng vùng (`--vung`), không dùng nhóm xã", c.year))
            .with_hint(format!("các vùng của bộ nâng cao 2021–2025: {}", old_regions().join(", ")))),
        (false, None, Some(r)) => {
            let regions = old_regions();
            match regions.iter().find(|known| fold(known) == fold(r)) {
                Some(known) => Ok((known.clone(), "vùng, dùng để chọn ngưỡng tiêu chí theo vùng".into())),
                None => Err(Fatal::usage(format!("không có vùng `{r}` trong bộ tiêu chí {OLD_SET}"))
                    .with_hint(format!("các vùng: {}", regions.join(", ")))),
            }
        }
        (false, None, None) => Ok((
            format!("\"{}\"", blank("vùng của xã, ví dụ Bắc Trung Bộ")),
            "vùng, dùng để chọn ngưỡng tiêu chí theo vùng".into(),
        )),
    }
}

/// The regions of the 2021–2025 set, read from the shipped file.
fn old_regions() -> Vec<String> {
    let text = SHIPPED_SETS[0].1;
    crate::load::yaml::parse::<crate::load::criteria::CriteriaSetFile>(std::path::Path::new(OLD_SET), text)
        .map(|set| set.regions)
        .unwrap_or_default()
}

/// Region names compared without case or diacritics: `bac trung bo`.
fn fold(text: &str) -> String {
    crate::vi::fold::fold(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(year: i32, district: Option<&str>, group: Option<u8>, region: Option<&str>) -> InitConfig {
        InitConfig {
            dir: "x".into(),
            commune: "Thạch Lạc".into(),
            province: "Hà Tĩnh".into(),
            district: district.map(str::to_string),
            group,
            region: region.map(str::to_string),
            year,
        }
    }

    fn commune_of(fill: &Fill) -> String {
        fill.files().unwrap().into_iter().find(|(p, _)| p == "commune.yaml").unwrap().1
    }

    #[test]
    fn after_the_reform_there_is_no_district_and_the_province_is_the_superior() {
        let fill = Fill::new(&config(2026, None, Some(2), None)).unwrap();
        assert_eq!(fill.set, NEW_SET);
        let commune = commune_of(&fill);
        assert!(!commune.contains("district:"), "{commune}");
        assert!(commune.contains("superior: Đảng bộ tỉnh Hà Tĩnh"), "{commune}");
        assert!(commune.contains("region: Nhóm 2 "), "{commune}");
        assert!(commune.contains("criteria_set: qd51-2026-2030"), "{commune}");
    }

    #[test]
    fn before_2026_the_advanced_set_and_the_district() {
        let fill = Fill::new(&config(2023, Some("Cẩm Xuyên"), None, Some("bac trung bo"))).unwrap();
        assert_eq!(fill.set, OLD_SET);
        let commune = commune_of(&fill);
        assert!(commune.contains("district: Cẩm Xuyên"), "{commune}");
        assert!(commune.contains("superior: Đảng bộ huyện Cẩm Xuyên"), "{commune}");
        assert!(commune.contains("region: Bắc Trung Bộ "), "{commune}");
    }

    #[test]
    fn group_and_region_must_suit_the_year() {
        for (year, group, region, expected) in [
            (2026, Some(4), None, "nhóm xã `4`"),
            (2026, None, Some("Bắc Trung Bộ"), "dùng nhóm xã"),
            (2024, Some(1), None, "dùng vùng"),
            (2024, None, Some("Bắc Cực"), "không có vùng"),
        ] {
            let err = Fill::new(&config(year, None, group, region)).err().expect("refused");
            assert!(err.message.contains(expected), "{year}: {}", err.message);
        }
    }

    #[test]
    fn every_slot_is_filled() {
        for c in [config(2026, None, None, None), config(2023, Some("Cẩm Xuyên"), None, Some("Tây Nguyên"))] {
            for (path, text) in Fill::new(&c).unwrap().files().unwrap() {
                assert!(!text.contains("@XA@") && !text.contains("@NAM@") && !text.contains("@BO"), "{path}");
                assert!(!path.contains('@'), "{path}");
            }
        }
    }
}
