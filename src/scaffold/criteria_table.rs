//! `ntm criteria template|export|import`: a criteria set as the table a
//! province works in, and back. Export writes what import reads
//! (`load::criteria_table`), so a set survives the round trip with every
//! threshold, source and note.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::diag::{Diagnostic, Location};
use crate::error::Fatal;
use crate::load::criteria::{ComparisonSpec, CriteriaSetFile, MeasureSpec, ThresholdValue};
use crate::load::criteria_table::{
    self as table, Col, GUIDE_SHEET, HEADERS, INFO_AMENDED, INFO_DECISION, INFO_GROUP, INFO_ID, INFO_NAME, INFO_SHEET,
    INFO_SUPERSEDED, LEVEL_ALL, LEVEL_PREFIX, TABLE_SHEET, Table,
};

const GUIDE: &[&str] = &[
    "BẢNG TIÊU CHÍ — CÁCH ĐIỀN",
    "",
    "Trang “Bảng tiêu chí”: mỗi dòng một chỉ tiêu. Dòng tiêu đề giữ nguyên tên cột.",
    "Số tiêu chí, Tên tiêu chí, Nhóm tiêu chí: ghi ở dòng đầu của mỗi tiêu chí; các dòng dưới để trống (hoặc gộp ô) là thuộc tiêu chí đó.",
    "Mã chỉ tiêu: không trùng trong cả bảng, ví dụ 1.1, 17.2.",
    "So sánh: ≥ (từ … trở lên), ≤ (không quá …) hoặc Đạt (chỉ tiêu kết luận Đạt/Chưa đạt).",
    "Các cột “Mức: …”: mỗi cột một vùng hoặc nhóm xã, ghi mức của chỉ tiêu (một số; chỉ tiêu Đạt/Chưa đạt ghi Đạt).",
    "   Để trống là chưa có mức. “Mức: chung” áp dụng cho mọi vùng; “Mức: Nhóm 1 (năm 2026)” chỉ áp dụng năm đó.",
    "   Thêm cột cho vùng, nhóm khác: chép một cột “Mức: …” và đổi tên.",
    "   Ghi “chưa có” khi biết chỉ tiêu có mức nhưng chưa có số.",
    "Nguồn: văn bản, điều khoản quy định mức; nếu chưa so với văn bản gốc, ghi rõ “chưa đối chiếu văn bản gốc”.",
    "   Mức lấy từ nguồn khác: thêm một dòng ngay dưới chỉ tiêu, để trống mã và nội dung, ghi mức và nguồn đó.",
    "Đã đối chiếu: Có khi đã so mức với văn bản gốc, Không khi chưa.",
    "Cách tính: để trống là văn phòng tự đánh giá (ghi kết quả trong assessment.yaml); bảng xuất từ ntm ghi sẵn cách tính từ phiếu khảo sát, giữ nguyên.",
    "",
    "Trang “Thông tin bộ tiêu chí”: tên bộ tiêu chí, văn bản ban hành (bắt buộc), văn bản sửa đổi, văn bản thay thế, các nhóm tiêu chí.",
    "",
    "Nhập bảng vào thư mục làm việc: ntm criteria import TỆP.xlsx --id MÃ_BỘ (ghi criteria/MÃ_BỘ.yaml).",
    "Bảng có lỗi thì ntm báo từng lỗi kèm ô (ví dụ Bảng tiêu chí!H12) và không ghi tệp nào.",
];

/// A level column: the region (None: every region) and year it holds.
type LevelKey = (Option<String>, Option<i32>);

/// A threshold's source and whether it was checked against it.
type Sourced = (String, bool);

fn level_header((region, year): &LevelKey) -> String {
    let region = region.as_deref().unwrap_or(LEVEL_ALL);
    match year {
        Some(y) => format!("{LEVEL_PREFIX}{region} (năm {y})"),
        None => format!("{LEVEL_PREFIX}{region}"),
    }
}

fn xlsx_error(path: &Path, err: XlsxError) -> Fatal {
    Fatal::environment(format!("không ghi được `{}`: {err}", path.display()))
}

/// The empty table: headers, three group columns as an example, the
/// information sheet to fill and the guide.
pub fn template(path: &Path) -> Result<(), Fatal> {
    let levels: Vec<LevelKey> = (1..=3).map(|n| (Some(format!("Nhóm {n}")), None)).collect();
    let info = vec![
        (INFO_ID, String::new()),
        (INFO_NAME, String::new()),
        (INFO_DECISION, String::new()),
        (INFO_AMENDED, String::new()),
        (INFO_SUPERSEDED, String::new()),
    ];
    write_book(path, &levels, &[], &info, &[])
}

/// One row of the table, as text cells by column, levels apart.
struct Row {
    cells: Vec<(Col, String)>,
    levels: Vec<(LevelKey, String)>,
}

/// Writes the set `set` (parsed from its file) as a table.
pub fn export(set: &CriteriaSetFile, path: &Path) -> Result<(), Fatal> {
    let mut levels: Vec<LevelKey> = Vec::new();
    for t in set.criteria.iter().flat_map(|c| &c.indicators).flat_map(|i| &i.thresholds) {
        let key = (t.region.as_ref().map(|r| r.value.clone()), t.year);
        if (key.0.is_none() || key.1.is_some()) && !levels.contains(&key) {
            levels.push(key);
        }
    }
    // Every region has its column, in the set's order, after the general ones.
    let mut ordered: Vec<LevelKey> = levels.iter().filter(|k| k.0.is_none()).cloned().collect();
    for region in &set.regions {
        ordered.push((Some(region.clone()), None));
        ordered.extend(levels.iter().filter(|k| k.0.as_ref() == Some(region) && k.1.is_some()).cloned());
    }
    let mut rows = Vec::new();
    for c in &set.criteria {
        let group =
            set.groups.iter().find(|g| g.id.value == c.group.value).map_or(c.group.value.clone(), |g| g.name.clone());
        for (n, i) in c.indicators.iter().enumerate() {
            let first = n == 0;
            let comparison = match i.comparison.value {
                ComparisonSpec::AtLeast => "≥",
                ComparisonSpec::AtMost => "≤",
                ComparisonSpec::Met => "Đạt",
            };
            let measure = match i.measure.as_ref().map(|m| &m.value) {
                Some(m @ MeasureSpec::Computed(_)) => measure_text(m),
                _ => String::new(),
            };
            // Thresholds by source: the first source on the indicator's
            // row, each other one on a row of its own below it.
            let mut by_source: Vec<(Sourced, Vec<(LevelKey, String)>)> = Vec::new();
            for t in &i.thresholds {
                let value = match t.value.value {
                    None => table::LEVEL_MISSING.to_string(),
                    Some(ThresholdValue::Verdict(true)) => "Đạt".to_string(),
                    Some(ThresholdValue::Verdict(false)) => continue,
                    Some(ThresholdValue::Number(n)) => crate::vi::number::number_vi(n, 6),
                };
                let key = (t.source.clone(), t.confirmed);
                let level = ((t.region.as_ref().map(|r| r.value.clone()), t.year), value);
                match by_source.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, levels)) => levels.push(level),
                    None => by_source.push((key, vec![level])),
                }
            }
            if by_source.is_empty() {
                by_source.push(((String::new(), false), Vec::new()));
            }
            for (k, ((source, confirmed), levels)) in by_source.into_iter().enumerate() {
                let own = k == 0;
                let keep = |v: String| if own { v } else { String::new() };
                let cells = vec![
                    (Col::CriterionId, if first && own { c.id.value.clone() } else { String::new() }),
                    (Col::CriterionName, if first && own { c.name.clone() } else { String::new() }),
                    (Col::Group, if first && own { group.clone() } else { String::new() }),
                    (Col::IndicatorId, keep(i.id.value.clone())),
                    (Col::Text, keep(i.text.clone())),
                    (Col::Unit, keep(i.unit.clone().unwrap_or_default())),
                    (Col::Comparison, keep(comparison.to_string())),
                    (Col::Source, source),
                    (Col::Confirmed, if confirmed { "Có" } else { "Không" }.to_string()),
                    (Col::Measure, keep(measure.clone())),
                    (Col::Note, keep(i.note.clone().unwrap_or_default())),
                ];
                rows.push(Row { cells, levels });
            }
        }
    }
    let mut info =
        vec![(INFO_ID, set.id.value.clone()), (INFO_NAME, set.name.clone()), (INFO_DECISION, set.decision.clone())];
    info.extend(set.amended_by.iter().map(|a| (INFO_AMENDED, a.clone())));
    info.push((INFO_SUPERSEDED, set.superseded_by.clone().unwrap_or_default()));
    let groups: Vec<(String, String)> = set.groups.iter().map(|g| (g.id.value.clone(), g.name.clone())).collect();
    write_book(path, &ordered, &rows, &info, &groups)
}

/// A computed measure as one line of YAML, the form import reads back.
fn measure_text(measure: &MeasureSpec) -> String {
    use crate::load::criteria::ComputedSpec as C;
    let snake = |v: &dyn erased::Named| v.name();
    let MeasureSpec::Computed(c) = measure else { return String::new() };
    match c {
        C::HouseholdShare { field } => format!("{{ computed: household_share, field: {} }}", snake(field)),
        C::HousingShare { housing } => {
            format!(
                "{{ computed: housing_share, housing: [{}] }}",
                housing.iter().map(|h| snake(h)).collect::<Vec<_>>().join(", ")
            )
        }
        C::HousingCount { housing } => {
            format!(
                "{{ computed: housing_count, housing: [{}] }}",
                housing.iter().map(|h| snake(h)).collect::<Vec<_>>().join(", ")
            )
        }
        C::PovertyShare { include_near_poor } => {
            format!("{{ computed: poverty_share, include_near_poor: {include_near_poor} }}")
        }
        C::PeopleShare { numerator, denominator } => format!(
            "{{ computed: people_share, numerator: {}, denominator: {} }}",
            snake(numerator),
            snake(denominator)
        ),
        C::IncomePerCapita {} => "{ computed: income_per_capita }".to_string(),
    }
}

/// The snake_case names the criteria files use, through their serde form.
mod erased {
    pub trait Named {
        fn name(&self) -> String;
    }
    impl<T: serde::Serialize> Named for T {
        fn name(&self) -> String {
            serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
        }
    }
}

fn write_book(
    path: &Path,
    levels: &[LevelKey],
    rows: &[Row],
    info: &[(&str, String)],
    groups: &[(String, String)],
) -> Result<(), Fatal> {
    let err = |e| xlsx_error(path, e);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    // Fixed columns up to the comparison, the levels, then the rest.
    let split = HEADERS.iter().position(|(c, _)| *c == Col::Comparison).map_or(0, |i| i + 1);
    let mut columns: Vec<(Option<Col>, Option<&LevelKey>, String)> = Vec::new();
    for (c, h) in &HEADERS[..split] {
        columns.push((Some(*c), None, (*h).to_string()));
    }
    for l in levels {
        columns.push((None, Some(l), level_header(l)));
    }
    for (c, h) in &HEADERS[split..] {
        columns.push((Some(*c), None, (*h).to_string()));
    }
    {
        let sheet: &mut Worksheet = book.add_worksheet().set_name(TABLE_SHEET).map_err(err)?;
        for (i, (col, _, header)) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, i as u16, header, &bold).map_err(err)?;
            let width = match col {
                Some(Col::Text) => 60.0,
                Some(Col::CriterionName | Col::Group | Col::Source | Col::Note | Col::Measure) => 30.0,
                _ => 12.0,
            };
            sheet.set_column_width(i as u16, width).map_err(err)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
        for (r, row) in rows.iter().enumerate() {
            for (i, (col, level, _)) in columns.iter().enumerate() {
                let text = match (col, level) {
                    (Some(c), _) => row.cells.iter().find(|(k, _)| k == c).map(|(_, v)| v.as_str()).unwrap_or(""),
                    (None, Some(l)) => row.levels.iter().find(|(k, _)| k == *l).map(|(_, v)| v.as_str()).unwrap_or(""),
                    _ => "",
                };
                if !text.is_empty() {
                    // Written as text: a level "2,5" or an id "1.10" is kept as typed.
                    sheet.write_string_with_format((r + 1) as u32, i as u16, text, &wrap).map_err(err)?;
                }
            }
        }
    }
    {
        let sheet = book.add_worksheet().set_name(INFO_SHEET).map_err(err)?;
        sheet.set_column_width(0, 28.0).map_err(err)?;
        sheet.set_column_width(1, 70.0).map_err(err)?;
        sheet.set_column_width(2, 40.0).map_err(err)?;
        let mut r = 0u32;
        for (label, value) in info {
            sheet.write_string_with_format(r, 0, *label, &bold).map_err(err)?;
            sheet.write_string_with_format(r, 1, value, &wrap).map_err(err)?;
            r += 1;
        }
        for (id, name) in groups {
            sheet.write_string_with_format(r, 0, INFO_GROUP, &bold).map_err(err)?;
            sheet.write_string(r, 1, id).map_err(err)?;
            sheet.write_string(r, 2, name).map_err(err)?;
            r += 1;
        }
    }
    {
        let sheet = book.add_worksheet().set_name(GUIDE_SHEET).map_err(err)?;
        sheet.set_column_width(0, 120.0).map_err(err)?;
        for (r, line) in GUIDE.iter().enumerate() {
            sheet.write_string(r as u32, 0, *line).map_err(err)?;
        }
    }
    let bytes = book.save_to_buffer().map_err(err)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| super::write_error(dir, &e))?;
    }
    crate::archive::write_atomic(path, &bytes).map_err(|e| super::write_error(path, &e))
}

/// Reads the table `file` and writes `<workspace>/criteria/<id>.yaml`.
/// Nothing is written when the table has any error, or the set already
/// exists.
pub fn import(file: &Path, id: &str, workspace: &Path) -> Result<PathBuf, Vec<Diagnostic>> {
    let plain =
        !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !plain {
        return Err(vec![
            Diagnostic::error(Location::Nowhere, format!("mã bộ tiêu chí `{id}` không hợp lệ"))
                .with_hint("mã là tên tệp: chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `ha-tinh-2026`"),
        ]);
    }
    let path = workspace.join(crate::load::CRITERIA_DIR).join(format!("{id}.yaml"));
    if path.exists() {
        return Err(vec![
            Diagnostic::error(Location::file(&path), format!("bộ tiêu chí `{id}` đã có"))
                .with_hint("chọn mã khác bằng `--id`, hoặc xóa tệp cũ trước khi nhập lại"),
        ]);
    }
    let table = table::read(file)?;
    let text = to_yaml(&table, id, file);
    // The text must read back as a valid set: a check, not expected to fail.
    if let Err(d) = crate::load::yaml::parse::<CriteriaSetFile>(&path, &text) {
        return Err(vec![d]);
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| vec![Diagnostic::error(Location::file(dir), e.to_string())])?;
    }
    let mut tmp = tempfile::NamedTempFile::new_in(path.parent().unwrap_or(Path::new(".")))
        .map_err(|e| vec![Diagnostic::error(Location::file(&path), format!("không ghi được tệp: {e}"))])?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .map_err(|e| vec![Diagnostic::error(Location::file(&path), format!("không ghi được tệp: {e}"))])?;
    tmp.persist_noclobber(&path)
        .map_err(|e| vec![Diagnostic::error(Location::file(&path), format!("không ghi được tệp: {}", e.error))])?;
    Ok(path)
}

/// A YAML string: JSON's double-quoted form is valid YAML.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn to_yaml(t: &Table, id: &str, file: &Path) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Bộ tiêu chí nhập từ bảng `{}` bằng `ntm criteria import`.", file.display());
    let _ = writeln!(out, "# Ý nghĩa các khóa: xem chú thích đầu tệp qd318-nang-cao-2021-2025.yaml.");
    let _ = writeln!(out, "# Sửa bảng rồi nhập lại (xóa tệp này trước), hoặc sửa trực tiếp tệp này.\n");
    let _ = writeln!(out, "id: {id}");
    let _ = writeln!(out, "name: {}", q(&t.name));
    let _ = writeln!(out, "decision: {}", q(&t.decision));
    let _ = writeln!(out, "amended_by: [{}]", t.amended_by.iter().map(|a| q(a)).collect::<Vec<_>>().join(", "));
    let _ = writeln!(out, "superseded_by: {}", t.superseded_by.as_deref().map_or("null".to_string(), q));
    let _ = writeln!(out, "regions: [{}]", t.regions.iter().map(|r| q(r)).collect::<Vec<_>>().join(", "));
    let _ = writeln!(out, "\ngroups:");
    for (gid, name) in &t.groups {
        let _ = writeln!(out, "  - {{ id: {}, name: {} }}", q(gid), q(name));
    }
    let _ = writeln!(out, "\ncriteria:");
    for c in &t.criteria {
        let _ = writeln!(
            out,
            "  - id: {}\n    name: {}\n    group: {}\n    indicators:",
            q(&c.id),
            q(&c.name),
            q(&c.group)
        );
        for i in &c.indicators {
            let _ = writeln!(out, "      - id: {}\n        text: {}", q(&i.id), q(&i.text));
            if let Some(unit) = &i.unit {
                let _ = writeln!(out, "        unit: {}", q(unit));
            }
            let comparison = match i.comparison {
                ComparisonSpec::AtLeast => "\">=\"",
                ComparisonSpec::AtMost => "\"<=\"",
                ComparisonSpec::Met => "met",
            };
            let _ = writeln!(out, "        comparison: {comparison}");
            if let (Some(_), Some(text)) = (&i.measure, &i.measure_text) {
                let _ = writeln!(out, "        measure: {text}");
            }
            if i.levels.is_empty() {
                let _ = writeln!(out, "        thresholds: []");
            } else {
                let _ = writeln!(out, "        thresholds:");
            }
            for l in &i.levels {
                let mut parts = Vec::new();
                if let Some(r) = &l.region {
                    parts.push(format!("region: {}", q(r)));
                }
                if let Some(y) = l.year {
                    parts.push(format!("year: {y}"));
                }
                let value = match l.value {
                    None => "null".to_string(),
                    Some(ThresholdValue::Verdict(b)) => b.to_string(),
                    Some(ThresholdValue::Number(n)) => format!("{n}"),
                };
                parts.push(format!("value: {value}"));
                parts.push(format!("source: {}", q(&l.source)));
                parts.push(format!("confirmed: {}", l.confirmed));
                let _ = writeln!(out, "          - {{ {} }}", parts.join(", "));
            }
            if let Some(note) = &i.note {
                let _ = writeln!(out, "        note: {}", q(note));
            }
        }
    }
    out
}
