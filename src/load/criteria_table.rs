//! A criteria table in a spreadsheet (what a province sends): one row per
//! indicator, read into a criteria set through the shared workbook layer.
//!
//! Read like the survey workbooks: headers are recognised in their common
//! variants (case, diacritics, line breaks), a criterion's number, name and
//! group written once over several rows (merged cells, or left blank under
//! the first row) belong to every row below until the next, numbers typed
//! as text are read the Vietnamese way, legacy TCVN3/VNI text was
//! converted with its sheet. Every problem is an error at its cell, and a
//! table with any error gives no set.

use std::path::Path;

use calamine::Data;

use crate::diag::{Diagnostic, Location};
use crate::load::criteria::{ComparisonSpec, MeasureSpec, ThresholdValue};
use crate::load::survey::text::clean;
use crate::load::workbook::{self, SheetData, a1};
use crate::vi::fold::fold;
use crate::vi::numtext;

/// The sheet of indicators and the sheet describing the set.
pub const TABLE_SHEET: &str = "Bảng tiêu chí";
pub const INFO_SHEET: &str = "Thông tin bộ tiêu chí";
pub const GUIDE_SHEET: &str = "Hướng dẫn";

/// Labels of the information sheet (column A), values in column B on.
pub const INFO_ID: &str = "Mã bộ tiêu chí";
pub const INFO_NAME: &str = "Tên bộ tiêu chí";
pub const INFO_DECISION: &str = "Văn bản ban hành";
pub const INFO_AMENDED: &str = "Văn bản sửa đổi, bổ sung";
pub const INFO_SUPERSEDED: &str = "Văn bản thay thế";
/// A group row: label, group id, group name.
pub const INFO_GROUP: &str = "Nhóm tiêu chí";

/// Region and group names of the national sets, in their usual spelling:
/// a header typed `MỨC: NHÓM 2` still names the group `Nhóm 2` that
/// commune.yaml writes.
const KNOWN_REGIONS: [&str; 10] = [
    "Nhóm 1",
    "Nhóm 2",
    "Nhóm 3",
    "Trung du và miền núi phía Bắc",
    "Đồng bằng sông Hồng",
    "Bắc Trung Bộ",
    "Duyên hải Nam Trung Bộ",
    "Tây Nguyên",
    "Đông Nam Bộ",
    "Đồng bằng sông Cửu Long",
];

/// A level column's header: `Mức: Nhóm 1`, `Mức: Bắc Trung Bộ (năm 2023)`,
/// `Mức: chung` (every region).
pub const LEVEL_PREFIX: &str = "Mức: ";
pub const LEVEL_ALL: &str = "chung";

/// The fixed columns, in the order `ntm criteria template` writes them,
/// with the header each is written under; the level columns come after
/// the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    CriterionId,
    CriterionName,
    Group,
    IndicatorId,
    Text,
    Unit,
    Comparison,
    Source,
    Confirmed,
    Measure,
    Note,
}

pub const HEADERS: [(Col, &str); 11] = [
    (Col::CriterionId, "Số tiêu chí"),
    (Col::CriterionName, "Tên tiêu chí"),
    (Col::Group, "Nhóm tiêu chí"),
    (Col::IndicatorId, "Mã chỉ tiêu"),
    (Col::Text, "Nội dung chỉ tiêu"),
    (Col::Unit, "Đơn vị"),
    (Col::Comparison, "So sánh"),
    (Col::Source, "Nguồn"),
    (Col::Confirmed, "Đã đối chiếu"),
    (Col::Measure, "Cách tính"),
    (Col::Note, "Ghi chú"),
];

/// Other ways provinces head the same columns, folded.
const VARIANTS: [(Col, &[&str]); 11] = [
    (Col::CriterionId, &["so tieu chi", "tieu chi so", "stt tieu chi", "ma tieu chi", "so tt tieu chi"]),
    (Col::CriterionName, &["ten tieu chi", "tieu chi"]),
    (Col::Group, &["nhom tieu chi", "nhom"]),
    (Col::IndicatorId, &["ma chi tieu", "so chi tieu", "chi tieu so", "so hieu chi tieu"]),
    (Col::Text, &["noi dung chi tieu", "noi dung", "chi tieu", "ten chi tieu"]),
    (Col::Unit, &["don vi", "don vi tinh", "dvt"]),
    (Col::Comparison, &["so sanh", "cach so sanh", "dieu kien", "phep so sanh"]),
    (Col::Source, &["nguon", "can cu", "nguon van ban", "van ban"]),
    (Col::Confirmed, &["da doi chieu", "doi chieu", "da doi chieu van ban goc"]),
    (Col::Measure, &["cach tinh", "cach lay so lieu"]),
    (Col::Note, &["ghi chu"]),
];

/// A criteria set as the table gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub id: Option<String>,
    pub name: String,
    pub decision: String,
    pub amended_by: Vec<String>,
    pub superseded_by: Option<String>,
    pub regions: Vec<String>,
    /// (id, name), in order.
    pub groups: Vec<(String, String)>,
    pub criteria: Vec<TableCriterion>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableCriterion {
    pub id: String,
    pub name: String,
    pub group: String,
    pub indicators: Vec<TableIndicator>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableIndicator {
    pub id: String,
    pub text: String,
    pub unit: Option<String>,
    pub comparison: ComparisonSpec,
    pub measure: Option<MeasureSpec>,
    /// The measure as written in the table (a YAML flow mapping).
    pub measure_text: Option<String>,
    pub levels: Vec<Level>,
    pub note: Option<String>,
}

/// One threshold: a level cell, with the source of its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub region: Option<String>,
    pub year: Option<i32>,
    /// `None`: written `chưa có` — a threshold nobody supplied yet.
    pub value: Option<ThresholdValue>,
    pub source: String,
    pub confirmed: bool,
}

/// A level cell for a threshold that exists but nobody supplied.
pub const LEVEL_MISSING: &str = "chưa có";

/// Reads the table at `path`. Every problem found is returned, each at its
/// cell; a set only when there are none.
pub fn read(path: &Path) -> Result<Table, Vec<Diagnostic>> {
    let mut book = workbook::open(path, "bảng tiêu chí").map_err(|d| vec![d])?;
    let find =
        |book: &workbook::Workbook, wanted: &str| book.visible_sheets.iter().find(|s| fold(s) == fold(wanted)).cloned();
    let table_name = find(&book, TABLE_SHEET).or_else(|| book.visible_sheets.first().cloned());
    let Some(table_name) = table_name else {
        return Err(vec![Diagnostic::error(Location::file(path), "bảng tính không có trang tính nào")]);
    };
    let table = book.sheet(&table_name).map_err(|d| vec![d])?;
    let info = match find(&book, INFO_SHEET) {
        Some(name) => Some(book.sheet(&name).map_err(|d| vec![d])?),
        None => None,
    };
    let mut reader = Reader { path, problems: Vec::new() };
    let table = reader.table(&table, info.as_ref());
    if reader.problems.is_empty() { Ok(table) } else { Err(reader.problems) }
}

struct Reader<'a> {
    path: &'a Path,
    problems: Vec<Diagnostic>,
}

/// A cell's text, cleaned; numbers written as people read them.
fn cell_text(sheet: &SheetData, row: u32, col: u32) -> String {
    match &*sheet.value(row, col) {
        Data::Empty => String::new(),
        Data::String(s) => clean(s),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                f.to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "Có" } else { "Không" }.to_string(),
        other => clean(&other.to_string()),
    }
}

impl Reader<'_> {
    fn at(&self, sheet: &SheetData, row: u32, col: u32) -> Location {
        Location::Cell { file: self.path.to_path_buf(), sheet: sheet.name.clone(), cell: a1(row, col) }
    }

    fn error(&mut self, at: Location, message: impl Into<String>, hint: &str) {
        let d = Diagnostic::error(at, message);
        self.problems.push(if hint.is_empty() { d } else { d.with_hint(hint) });
    }

    fn table(&mut self, sheet: &SheetData, info: Option<&SheetData>) -> Table {
        let (id, name, decision, amended_by, superseded_by, mut groups) = self.info(sheet, info);
        let Some((header_row, columns, levels)) = self.header(sheet) else {
            return Table {
                id,
                name,
                decision,
                amended_by,
                superseded_by,
                regions: Vec::new(),
                groups,
                criteria: Vec::new(),
            };
        };
        let mut regions: Vec<String> = Vec::new();
        for (_, region, _) in &levels {
            if let Some(r) = region
                && !regions.contains(r)
            {
                regions.push(r.clone());
            }
        }
        let col = |c: Col| columns.iter().find(|(k, _)| *k == c).map(|(_, i)| *i);
        let text_at = |c: Col, row: u32| col(c).map(|i| cell_text(sheet, row, i)).unwrap_or_default();

        let mut criteria: Vec<TableCriterion> = Vec::new();
        let mut indicator_ids: Vec<String> = Vec::new();
        let last_row = sheet.end().map_or(0, |(r, _)| r);
        for row in header_row + 1..=last_row {
            let indicator_id = text_at(Col::IndicatorId, row);
            let text = text_at(Col::Text, row);
            let (crit_id, crit_name, group_text) =
                (text_at(Col::CriterionId, row), text_at(Col::CriterionName, row), text_at(Col::Group, row));
            if indicator_id.is_empty() && text.is_empty() {
                // Levels with another source: more thresholds of the indicator above.
                let more = !text_at(Col::Source, row).is_empty()
                    || levels.iter().any(|(c, _, _)| !cell_text(sheet, row, *c).is_empty());
                if more && crit_id.is_empty() && crit_name.is_empty() {
                    let last = criteria.last().and_then(|c| c.indicators.last()).map(|i| (i.id.clone(), i.comparison));
                    match last {
                        Some((id, comparison)) => {
                            let extra = self.levels(sheet, row, &col, &levels, &id, Some(comparison));
                            if let Some(i) = criteria.last_mut().and_then(|c| c.indicators.last_mut()) {
                                i.levels.extend(extra);
                            }
                        }
                        None => {
                            let at = self.at(sheet, row, col(Col::IndicatorId).unwrap_or(0));
                            self.error(at, "thiếu mã chỉ tiêu", "ghi mã chỉ tiêu, ví dụ 1.1");
                        }
                    }
                    continue;
                }
                // A criterion heading row, or an empty one.
                if !crit_id.is_empty() || !crit_name.is_empty() {
                    self.criterion(sheet, row, &col, &crit_id, &crit_name, &group_text, &mut criteria, &mut groups);
                }
                continue;
            }
            if !crit_id.is_empty() || !crit_name.is_empty() || criteria.is_empty() {
                self.criterion(sheet, row, &col, &crit_id, &crit_name, &group_text, &mut criteria, &mut groups);
            }
            let id_col = col(Col::IndicatorId).unwrap_or(0);
            if indicator_id.is_empty() {
                self.error(self.at(sheet, row, id_col), "thiếu mã chỉ tiêu", "ghi mã chỉ tiêu, ví dụ 1.1");
                continue;
            }
            if indicator_ids.contains(&indicator_id) {
                self.error(
                    self.at(sheet, row, id_col),
                    format!("mã chỉ tiêu `{indicator_id}` bị trùng"),
                    "mỗi chỉ tiêu một mã riêng trong cả bảng",
                );
            }
            indicator_ids.push(indicator_id.clone());
            if text.is_empty() {
                let at = self.at(sheet, row, col(Col::Text).unwrap_or(id_col));
                self.error(at, format!("chỉ tiêu `{indicator_id}` thiếu nội dung"), "");
            }
            let Some(indicator) = self.indicator(sheet, row, &col, &levels, indicator_id, text) else { continue };
            if let Some(c) = criteria.last_mut() {
                c.indicators.push(indicator);
            }
        }
        if criteria.is_empty() {
            self.error(
                Location::Cell {
                    file: self.path.to_path_buf(),
                    sheet: sheet.name.clone(),
                    cell: a1(header_row + 1, 0),
                },
                "bảng không có chỉ tiêu nào dưới dòng tiêu đề",
                "mỗi chỉ tiêu một dòng, dưới dòng tiêu đề",
            );
        }
        Table { id, name, decision, amended_by, superseded_by, regions, groups, criteria }
    }

    /// Starts (or continues) the criterion of `row`; blank cells keep the
    /// criterion above.
    #[allow(clippy::too_many_arguments)]
    fn criterion(
        &mut self,
        sheet: &SheetData,
        row: u32,
        col: &dyn Fn(Col) -> Option<u32>,
        id: &str,
        name: &str,
        group: &str,
        criteria: &mut Vec<TableCriterion>,
        groups: &mut Vec<(String, String)>,
    ) {
        let current = criteria.last();
        let id = if id.is_empty() { current.map(|c| c.id.clone()).unwrap_or_default() } else { id.to_string() };
        if id.is_empty() {
            let at = self.at(sheet, row, col(Col::CriterionId).unwrap_or(0));
            self.error(at, "thiếu số tiêu chí", "ghi số tiêu chí ở dòng đầu của mỗi tiêu chí, ví dụ 1");
            criteria.push(TableCriterion {
                id: "?".into(),
                name: name.into(),
                group: String::new(),
                indicators: Vec::new(),
            });
            return;
        }
        if current.is_some_and(|c| c.id == id) {
            return;
        }
        if criteria.iter().any(|c| c.id == id) {
            let at = self.at(sheet, row, col(Col::CriterionId).unwrap_or(0));
            self.error(at, format!("tiêu chí `{id}` đã có ở trên"), "các chỉ tiêu của một tiêu chí viết liền nhau");
        }
        let group_name =
            if group.is_empty() { current.map(|c| c.group.clone()).unwrap_or_default() } else { group.to_string() };
        let group_id = match groups.iter().find(|(gid, gname)| gid == &group_name || fold(gname) == fold(&group_name)) {
            Some((gid, _)) => gid.clone(),
            None if group_name.is_empty() || groups.iter().any(|(gid, _)| *gid == group_name) => {
                groups.first().map(|(g, _)| g.clone()).unwrap_or_else(|| {
                    groups.push(("tieu-chi".into(), "Các tiêu chí".into()));
                    "tieu-chi".into()
                })
            }
            None => {
                let gid = fold(&group_name).replace(' ', "-");
                groups.push((gid.clone(), group_name.clone()));
                gid
            }
        };
        if name.is_empty() {
            let at = self.at(sheet, row, col(Col::CriterionName).unwrap_or(0));
            self.error(at, format!("tiêu chí `{id}` thiếu tên"), "");
        }
        criteria.push(TableCriterion { id, name: name.to_string(), group: group_id, indicators: Vec::new() });
    }

    fn indicator(
        &mut self,
        sheet: &SheetData,
        row: u32,
        col: &dyn Fn(Col) -> Option<u32>,
        levels: &[(u32, Option<String>, Option<i32>)],
        id: String,
        text: String,
    ) -> Option<TableIndicator> {
        let get = |c: Col| col(c).map(|i| cell_text(sheet, row, i)).unwrap_or_default();
        let comparison_col = col(Col::Comparison).unwrap_or(0);
        let comparison = match comparison(&get(Col::Comparison)) {
            Some(c) => Some(c),
            None => {
                self.error(
                    self.at(sheet, row, comparison_col),
                    format!("cách so sánh `{}` của chỉ tiêu `{id}` không hợp lệ", get(Col::Comparison)),
                    "ghi ≥ (từ … trở lên), ≤ (không quá …) hoặc Đạt (chỉ tiêu Đạt/Chưa đạt)",
                );
                None
            }
        };
        let out_levels = self.levels(sheet, row, col, levels, &id, comparison);
        let measure_text = Some(get(Col::Measure)).filter(|m| !m.is_empty() && fold(m) != "tu danh gia");
        let measure = match &measure_text {
            None => None,
            Some(m) => match serde_saphyr::from_str::<MeasureSpec>(m) {
                Ok(spec) => Some(spec),
                Err(_) => {
                    let at = self.at(sheet, row, col(Col::Measure).unwrap_or(0));
                    self.error(
                        at,
                        format!("cách tính `{m}` của chỉ tiêu `{id}` không hợp lệ"),
                        "để trống (văn phòng tự đánh giá), hoặc ghi như bảng xuất từ ntm, ví dụ { computed: income_per_capita }",
                    );
                    None
                }
            },
        };
        let unit = Some(get(Col::Unit)).filter(|u| !u.is_empty());
        let note = Some(get(Col::Note)).filter(|n| !n.is_empty());
        Some(TableIndicator {
            id,
            text,
            unit,
            comparison: comparison?,
            measure,
            measure_text,
            levels: out_levels,
            note,
        })
    }

    /// The thresholds a row gives: its level cells, each with the row's
    /// source and whether it was checked.
    fn levels(
        &mut self,
        sheet: &SheetData,
        row: u32,
        col: &dyn Fn(Col) -> Option<u32>,
        levels: &[(u32, Option<String>, Option<i32>)],
        id: &str,
        comparison: Option<ComparisonSpec>,
    ) -> Vec<Level> {
        let get = |c: Col| col(c).map(|i| cell_text(sheet, row, i)).unwrap_or_default();
        let mut out = Vec::new();
        for (column, region, year) in levels {
            let cell = &*sheet.value(row, *column);
            let text = cell_text(sheet, row, *column);
            let Some(comparison) = comparison else { continue };
            let value = if text.is_empty() {
                continue;
            } else if fold(&text) == fold(LEVEL_MISSING) {
                None
            } else if comparison == ComparisonSpec::Met {
                match verdict(cell) {
                    Some(v) => Some(ThresholdValue::Verdict(v)),
                    None => {
                        self.error(
                            self.at(sheet, row, *column),
                            format!("mức `{text}` của chỉ tiêu `{id}` không hợp lệ"),
                            "chỉ tiêu Đạt/Chưa đạt ghi mức là `Đạt`, hoặc để trống",
                        );
                        continue;
                    }
                }
            } else {
                match number(cell) {
                    Some(n) if n.is_finite() && n >= 0.0 => Some(ThresholdValue::Number(n)),
                    _ => {
                        self.error(
                            self.at(sheet, row, *column),
                            format!("mức `{text}` của chỉ tiêu `{id}` không phải một số"),
                            "ghi một số không âm, ví dụ 95 hoặc 2,5; để trống nếu chưa có mức",
                        );
                        continue;
                    }
                }
            };
            out.push(Level { region: region.clone(), year: *year, value, source: String::new(), confirmed: false });
        }
        let source = get(Col::Source);
        if !out.is_empty() && source.is_empty() {
            let at = self.at(sheet, row, col(Col::Source).unwrap_or(0));
            self.error(at, format!("chỉ tiêu `{id}` có mức nhưng thiếu nguồn"), "ghi văn bản, điều khoản quy định mức");
        }
        let confirmed_text = get(Col::Confirmed);
        let confirmed = match fold(&confirmed_text).as_str() {
            "co" | "x" | "da" | "da doi chieu" | "dung" => true,
            "" | "khong" | "chua" | "chua doi chieu" | "sai" => false,
            _ => {
                let at = self.at(sheet, row, col(Col::Confirmed).unwrap_or(0));
                self.error(at, format!("ô “đã đối chiếu” ghi `{confirmed_text}`"), "ghi Có hoặc Không");
                false
            }
        };
        for level in &mut out {
            level.source = source.clone();
            level.confirmed = confirmed;
        }
        out
    }

    /// The header row (the first of the first 30 rows naming both the
    /// indicator id and its text), its fixed columns and its level columns.
    #[allow(clippy::type_complexity)]
    fn header(&mut self, sheet: &SheetData) -> Option<(u32, Vec<(Col, u32)>, Vec<(u32, Option<String>, Option<i32>)>)> {
        let last_col = sheet.end().map_or(0, |(_, c)| c);
        for row in 0..30u32 {
            let mut columns: Vec<(Col, u32)> = Vec::new();
            let mut others = Vec::new();
            for c in 0..=last_col {
                let text = cell_text(sheet, row, c);
                if text.is_empty() {
                    continue;
                }
                match header_kind(&text) {
                    Some(kind) if !columns.iter().any(|(k, _)| *k == kind) => columns.push((kind, c)),
                    _ => others.push((c, text)),
                }
            }
            let has = |k: Col| columns.iter().any(|(c, _)| *c == k);
            if !(has(Col::IndicatorId) && has(Col::Text)) {
                continue;
            }
            for needed in [Col::Comparison] {
                if !has(needed) {
                    let name = HEADERS.iter().find(|(c, _)| *c == needed).map_or("", |(_, n)| n);
                    self.error(
                        self.at(sheet, row, last_col + 1),
                        format!("thiếu cột “{name}” ở dòng tiêu đề"),
                        "xem trang “Hướng dẫn” của bảng mẫu (`ntm criteria template`)",
                    );
                }
            }
            let levels = others
                .into_iter()
                .filter_map(|(c, text)| match level_header(&text) {
                    Some((region, year)) => Some((c, region, year)),
                    None => {
                        self.error(
                            self.at(sheet, row, c),
                            format!("không nhận ra cột “{text}”"),
                            "cột mức ghi “Mức: tên vùng hoặc nhóm xã”, ví dụ “Mức: Nhóm 1”, “Mức: chung”",
                        );
                        None
                    }
                })
                .collect();
            return Some((row, columns, levels));
        }
        self.error(
            Location::Cell { file: self.path.to_path_buf(), sheet: sheet.name.clone(), cell: "A1".into() },
            "không tìm thấy dòng tiêu đề (cần có cột “Mã chỉ tiêu” và “Nội dung chỉ tiêu”)",
            "dùng bảng mẫu của `ntm criteria template`",
        );
        None
    }

    #[allow(clippy::type_complexity)]
    fn info(
        &mut self,
        table: &SheetData,
        info: Option<&SheetData>,
    ) -> (Option<String>, String, String, Vec<String>, Option<String>, Vec<(String, String)>) {
        let (mut id, mut name, mut decision, mut amended, mut superseded, mut groups) =
            (None, String::new(), String::new(), Vec::new(), None, Vec::new());
        let Some(sheet) = info else {
            self.error(
                Location::file(self.path),
                format!("thiếu trang tính “{INFO_SHEET}” (tên bộ tiêu chí, văn bản ban hành)"),
                "dùng bảng mẫu của `ntm criteria template`",
            );
            let _ = table;
            return (id, name, decision, amended, superseded, groups);
        };
        let last_row = sheet.end().map_or(0, |(r, _)| r);
        for row in 0..=last_row {
            let label = fold(&cell_text(sheet, row, 0));
            let value = cell_text(sheet, row, 1);
            match label.as_str() {
                l if l == fold(INFO_ID) => id = Some(value).filter(|v| !v.is_empty()),
                l if l == fold(INFO_NAME) => name = value,
                l if l == fold(INFO_DECISION) => decision = value,
                l if l == fold(INFO_AMENDED) && !value.is_empty() => amended.push(value),
                l if l == fold(INFO_SUPERSEDED) => superseded = Some(value).filter(|v| !v.is_empty()),
                l if l == fold(INFO_GROUP) => {
                    let group_name = cell_text(sheet, row, 2);
                    if !value.is_empty() {
                        groups.push((value, group_name));
                    }
                }
                _ => {}
            }
        }
        for (what, value) in [(INFO_NAME, &name), (INFO_DECISION, &decision)] {
            if value.is_empty() {
                self.error(
                    Location::Cell { file: self.path.to_path_buf(), sheet: sheet.name.clone(), cell: "B1".into() },
                    format!("thiếu “{what}”"),
                    &format!("ghi “{what}” ở cột A, nội dung ở cột B của trang “{INFO_SHEET}”"),
                );
            }
        }
        (id, name, decision, amended, superseded, groups)
    }
}

fn header_kind(text: &str) -> Option<Col> {
    let folded = fold(text);
    VARIANTS.iter().find(|(_, names)| names.contains(&folded.as_str())).map(|(c, _)| *c)
}

/// `Mức: Nhóm 1` → (Some("Nhóm 1"), None); `Mức: chung (năm 2023)` → (None, Some(2023)).
pub fn level_header(text: &str) -> Option<(Option<String>, Option<i32>)> {
    let folded = fold(text);
    if !(folded.starts_with("muc ") || folded == "muc") {
        return None;
    }
    // Past the word "Mức" and its colon, as written.
    let rest = text.trim_start().chars().skip(3).collect::<String>();
    let rest = rest.trim_start_matches([':', ' ', '-', '–']).trim().to_string();
    let (region, year) = match rest.rsplit_once('(') {
        Some((region, tail)) => {
            let digits: String = tail.chars().filter(char::is_ascii_digit).collect();
            match digits.parse::<i32>() {
                Ok(year) if digits.len() == 4 => (region.trim().to_string(), Some(year)),
                _ => (rest.clone(), None),
            }
        }
        None => (rest.clone(), None),
    };
    let all = matches!(fold(&region).as_str(), "" | "chung" | "moi vung" | "tat ca" | "moi nhom");
    let region = KNOWN_REGIONS.iter().find(|known| fold(known) == fold(&region)).map_or(region, |k| k.to_string());
    Some((if all { None } else { Some(region) }, year))
}

fn comparison(text: &str) -> Option<ComparisonSpec> {
    let t = text.trim();
    if matches!(t, "≥" | ">=" | "=>" | ">") {
        return Some(ComparisonSpec::AtLeast);
    }
    if matches!(t, "≤" | "<=" | "=<" | "<") {
        return Some(ComparisonSpec::AtMost);
    }
    match fold(t).as_str() {
        "tu tro len" | "toi thieu" | "it nhat" | "lon hon hoac bang" => Some(ComparisonSpec::AtLeast),
        "khong qua" | "toi da" | "nho hon hoac bang" | "duoi" => Some(ComparisonSpec::AtMost),
        "dat" | "dat chua dat" | "met" => Some(ComparisonSpec::Met),
        _ => None,
    }
}

fn verdict(cell: &Data) -> Option<bool> {
    match cell {
        Data::Bool(true) => Some(true),
        Data::String(s) => matches!(fold(s).as_str(), "dat" | "x" | "co").then_some(true),
        _ => None,
    }
}

fn number(cell: &Data) -> Option<f64> {
    match cell {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => {
            let s = clean(s);
            numtext::parse(s.trim_end_matches('%').trim()).map(crate::vi::number::decimal_to_f64)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_headers() {
        assert_eq!(level_header("Mức: Nhóm 1"), Some((Some("Nhóm 1".into()), None)));
        assert_eq!(level_header("MỨC Bắc Trung Bộ (năm 2023)"), Some((Some("Bắc Trung Bộ".into()), Some(2023))));
        assert_eq!(level_header("Mức: chung"), Some((None, None)));
        assert_eq!(level_header("MỨC: NHÓM 2"), Some((Some("Nhóm 2".into()), None)));
        assert_eq!(level_header("Nguồn"), None);
    }

    #[test]
    fn comparisons_and_header_variants() {
        assert_eq!(comparison("≥"), Some(ComparisonSpec::AtLeast));
        assert_eq!(comparison("Không quá"), Some(ComparisonSpec::AtMost));
        assert_eq!(comparison("Đạt/Chưa đạt"), Some(ComparisonSpec::Met));
        assert_eq!(comparison("bằng"), None);
        assert_eq!(header_kind("MÃ CHỈ\nTIÊU"), Some(Col::IndicatorId));
        assert_eq!(header_kind("Đơn vị tính"), Some(Col::Unit));
        assert_eq!(number(&Data::String("95%".into())), Some(95.0));
        assert_eq!(number(&Data::String("2,5".into())), Some(2.5));
        assert_eq!(number(&Data::String("chín".into())), None);
    }
}
