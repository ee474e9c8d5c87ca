//! Writes the benchmark's district-sized workspace into a folder:
//!
//! ```sh
//! cargo run --release --example bench_workload -- <dir> [--villages 20] [--households 2500] [--documents 200]
//! ```
//!
//! What it writes (defaults):
//! - `commune.yaml`: the example commune (`inputs/commune.yaml`) with 20
//!   villages `Thôn 1` … `Thôn 20` instead of 6. A district has about 20
//!   communes; the benchmark reads them as one workspace whose 20 "villages"
//!   stand for the 20 communes' survey files, which is the same amount of
//!   reading, checking and evaluating.
//! - `survey/2023/thon-1.xlsx` … `thon-20.xlsx`: 2,500 households each
//!   (50,000 in all), laid out exactly like the example's workbooks (the
//!   layout and data generator of `examples/make_example_survey.rs`, copied
//!   below): title rows, `Thôn:` label, the 15-column table, a `Tổng cộng`
//!   row of SUM formulas with cached results.
//! - `criteria/`, `assessment.yaml`, `plan.yaml`, `forms/` copied from
//!   `inputs/`.
//! - `documents/`: 200 documents made from the example's shapes: the
//!   per-village scorecard (`for_each: village`, one file, 20 documents) and
//!   180 numbered documents, 60 each of the resolution, the plan and the
//!   report, each with its own number (1‥60, unique in any numbering
//!   series) and date (spread over 2023–2024).
//!
//! Everything is deterministic: a fixed seed, fixed workbook dates, files
//! named and numbered in order. The folder must be new, empty, or one this
//! program wrote before (it holds `.ntm-bench-workload`); in the last case
//! it is cleared first.
//!
//! `benches/intake.rs` includes this file as a module to generate its input.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// File written into the workspace so a later run may clear it safely.
pub const MARKER: &str = ".ntm-bench-workload";

/// Size of the workload.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub villages: usize,
    /// Households per village workbook.
    pub households: usize,
    /// Documents the build issues (per-village copies count one each).
    pub documents: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params { villages: 20, households: 2_500, documents: 200 }
    }
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    pub workbooks: Vec<PathBuf>,
    pub households: usize,
    pub document_files: usize,
    pub documents: usize,
}

/// The example workspace the workload copies from.
pub fn example_inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs")
}

/// Writes the whole workspace into `dir`.
pub fn write_workspace(dir: &Path, params: &Params) -> Result<Written> {
    prepare_dir(dir)?;
    let inputs = example_inputs();

    for name in ["assessment.yaml", "plan.yaml"] {
        fs::copy(inputs.join(name), dir.join(name))?;
    }
    copy_dir(&inputs.join("criteria"), &dir.join("criteria"))?;
    copy_dir(&inputs.join("forms"), &dir.join("forms"))?;

    let villages = villages(params.villages);
    let commune = fs::read_to_string(inputs.join("commune.yaml"))?;
    fs::write(dir.join("commune.yaml"), with_villages(&commune, &villages)?)?;

    let workbooks = write_survey(&dir.join("survey").join(SURVEY_YEAR.to_string()), &villages, params.households)?;
    let (document_files, documents) = write_documents(&inputs.join("documents"), &dir.join("documents"), params)?;
    fs::write(dir.join(MARKER), "written by examples/bench_workload.rs\n")?;
    Ok(Written { workbooks, households: params.villages * params.households, document_files, documents })
}

/// Creates `dir`, or clears it when this program wrote it before.
fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = fs::read_dir(dir)?.next().is_none();
        if !empty {
            if !dir.join(MARKER).is_file() {
                return Err(format!(
                    "`{}` is not empty and was not written by bench_workload: refusing to clear it",
                    dir.display()
                )
                .into());
            }
            for entry in fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_dir() { fs::remove_dir_all(&path)? } else { fs::remove_file(&path)? }
            }
        }
    }
    fs::create_dir_all(dir)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            fs::copy(&path, to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// commune.yaml

/// (id, name, household-id prefix) of each village: `thon-1`, `Thôn 1`, `T1`.
/// The ids keep those of the example, so the plan's and the steering
/// committee's references to `thon-1` … `thon-6` stay valid.
fn villages(count: usize) -> Vec<(String, String, String)> {
    (1..=count).map(|n| (format!("thon-{n}"), format!("Thôn {n}"), format!("T{n}"))).collect()
}

/// The example's `commune.yaml` with its `villages:` list replaced.
fn with_villages(commune: &str, villages: &[(String, String, String)]) -> Result<String> {
    let mut out = String::with_capacity(commune.len() + villages.len() * 40);
    let mut lines = commune.lines().peekable();
    let mut replaced = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line.trim_end() == "villages:" && !replaced {
            replaced = true;
            while lines.peek().is_some_and(|l| l.starts_with("  -") || l.starts_with("    ")) {
                lines.next();
            }
            for (id, name, _) in villages {
                out.push_str(&format!("  - {{ id: {id}, name: {name} }}\n"));
            }
        }
    }
    if !replaced {
        return Err("inputs/commune.yaml has no top-level `villages:` list to replace".into());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// documents/

/// Writes the documents; returns (files, documents they give).
fn write_documents(examples: &Path, to: &Path, params: &Params) -> Result<(usize, usize)> {
    fs::create_dir_all(to)?;
    let mut per_village = Vec::new();
    let mut numbered = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(examples)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path)?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        if text.lines().any(|l| l.starts_with("for_each:")) {
            per_village.push((stem, text));
        } else if text.lines().any(|l| l.starts_with("number:")) {
            numbered.push((stem, text));
        }
    }
    if numbered.is_empty() {
        return Err(format!("no numbered example document in `{}`", examples.display()).into());
    }

    let mut files = 0;
    let mut documents = 0;
    // One per-village file gives a copy for every village.
    if let Some((stem, text)) = per_village.first()
        && params.documents >= params.villages
        && params.villages > 0
    {
        fs::write(to.join(format!("{stem}.yaml")), text)?;
        files += 1;
        documents += params.villages;
    }
    // The rest, round-robin over the numbered shapes.
    let rest = params.documents - documents;
    for (shape, (stem, text)) in numbered.iter().enumerate() {
        let count = rest / numbered.len() + usize::from(shape < rest % numbered.len());
        for k in 0..count {
            let number = k + 1;
            let date = spread_date(k, count);
            let yaml = set_field(&set_field(text, "number", &number.to_string())?, "date", &date)?;
            fs::write(to.join(format!("{stem}-{number:03}.yaml")), yaml)?;
            files += 1;
            documents += 1;
        }
    }
    Ok((files, documents))
}

/// Replaces the top-level `key:` line (comment included) with `key: value`.
fn set_field(text: &str, key: &str, value: &str) -> Result<String> {
    let prefix = format!("{key}:");
    let mut found = false;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !found && line.starts_with(&prefix) {
            found = true;
            out.push_str(&format!("{key}: {value}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if found { Ok(out) } else { Err(format!("example document has no top-level `{key}:`").into()) }
}

/// The `k`-th of `count` dates spread evenly over 2023-01-03 … 2024-12-27,
/// in order, so numbers grow with dates. Numbers run 1‥count across both
/// years: unique in a calendar-year series (State) and in a term (Party).
fn spread_date(k: usize, count: usize) -> String {
    const FIRST: usize = 2; // 2023-01-03, as a day of the year from 0
    const SPAN: usize = 724; // to 2024-12-27
    let day = FIRST + if count > 1 { k * SPAN / (count - 1) } else { 0 };
    let (year, day) = if day < 365 { (2023, day) } else { (2024, day - 365) };
    let leap = year % 4 == 0;
    let lengths = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day;
    for (month, length) in lengths.iter().enumerate() {
        if rest < *length {
            return format!("{year}-{:02}-{:02}", month + 1, rest + 1);
        }
        rest -= length;
    }
    unreachable!("day {day} of {year} is within the year")
}

// ---------------------------------------------------------------------------
// survey/ — the layout and generator of examples/make_example_survey.rs.

/// Fixed seed: change it and every figure of the workload changes.
const SEED: u64 = 0x4E54_4D42_454E_4348; // "NTMBENCH"

const SURVEY_YEAR: u16 = 2023;
const SHEET_NAME: &str = "Hộ gia đình";

/// Title rows above the table; the header row is the 4th row, data start at row 5.
const HEADER_ROW: u32 = 3;
const FIRST_DATA_ROW: u32 = HEADER_ROW + 1;

/// `STT`, the 13 headers of the form in the spec's order, then `Ghi chú`.
const HEADERS: [(&str, f64); 15] = [
    ("STT", 5.0),
    ("Mã hộ", 9.0),
    ("Họ và tên chủ hộ", 24.0),
    ("Số nhân khẩu", 9.0),
    ("Tổng thu nhập năm (triệu đồng)", 13.0),
    ("Phân loại hộ", 10.0),
    ("Loại nhà ở", 13.0),
    ("Nước sạch", 9.0),
    ("Nhà tiêu hợp vệ sinh", 10.0),
    ("Phân loại rác tại nguồn", 11.0),
    ("Số người có BHYT", 9.0),
    ("Số lao động", 9.0),
    ("Số lao động qua đào tạo", 11.0),
    ("Gia đình văn hóa", 9.0),
    ("Ghi chú", 28.0),
];

const COL_STT: u16 = 0;
const COL_ID: u16 = 1;
const COL_NAME: u16 = 2;
const COL_MEMBERS: u16 = 3;
const COL_INCOME: u16 = 4;
const COL_POVERTY: u16 = 5;
const COL_HOUSING: u16 = 6;
const COL_WATER: u16 = 7;
const COL_TOILET: u16 = 8;
const COL_WASTE: u16 = 9;
const COL_INSURED: u16 = 10;
const COL_WORKERS: u16 = 11;
const COL_TRAINED: u16 = 12;
const COL_CULTURAL: u16 = 13;
const COL_NOTE: u16 = 14;
const LAST_COL: u16 = COL_NOTE;

/// What makes one village's invented data differ from the next; the six
/// profiles of the example, used in turn.
#[derive(Clone, Copy)]
struct Profile {
    income_per_person: f64,
    poor: f64,
    near_poor: f64,
    thieu_kien_co: f64,
    kien_co: f64,
    don_so: usize,
    clean_water: f64,
    sanitary_toilet: f64,
    waste_sorting: f64,
    cultural_family: f64,
    insured: f64,
    trained: f64,
}

const PROFILES: [Profile; 6] = [
    Profile {
        income_per_person: 56.0,
        poor: 0.006,
        near_poor: 0.012,
        thieu_kien_co: 0.010,
        kien_co: 0.72,
        don_so: 0,
        clean_water: 0.95,
        sanitary_toilet: 0.97,
        waste_sorting: 0.86,
        cultural_family: 0.93,
        insured: 0.965,
        trained: 0.83,
    },
    Profile {
        income_per_person: 52.5,
        poor: 0.010,
        near_poor: 0.018,
        thieu_kien_co: 0.012,
        kien_co: 0.64,
        don_so: 0,
        clean_water: 0.91,
        sanitary_toilet: 0.95,
        waste_sorting: 0.74,
        cultural_family: 0.90,
        insured: 0.935,
        trained: 0.80,
    },
    Profile {
        income_per_person: 47.5,
        poor: 0.014,
        near_poor: 0.022,
        thieu_kien_co: 0.018,
        kien_co: 0.55,
        don_so: 0,
        clean_water: 0.87,
        sanitary_toilet: 0.93,
        waste_sorting: 0.66,
        cultural_family: 0.82,
        insured: 0.915,
        trained: 0.71,
    },
    Profile {
        income_per_person: 58.0,
        poor: 0.005,
        near_poor: 0.010,
        thieu_kien_co: 0.008,
        kien_co: 0.76,
        don_so: 0,
        clean_water: 0.96,
        sanitary_toilet: 0.98,
        waste_sorting: 0.88,
        cultural_family: 0.94,
        insured: 0.97,
        trained: 0.85,
    },
    Profile {
        income_per_person: 51.5,
        poor: 0.010,
        near_poor: 0.020,
        thieu_kien_co: 0.014,
        kien_co: 0.60,
        don_so: 0,
        clean_water: 0.90,
        sanitary_toilet: 0.94,
        waste_sorting: 0.72,
        cultural_family: 0.89,
        insured: 0.93,
        trained: 0.78,
    },
    Profile {
        income_per_person: 47.5,
        poor: 0.020,
        near_poor: 0.030,
        thieu_kien_co: 0.022,
        kien_co: 0.48,
        don_so: 1,
        clean_water: 0.84,
        sanitary_toilet: 0.86,
        waste_sorting: 0.62,
        cultural_family: 0.87,
        insured: 0.92,
        trained: 0.76,
    },
];

const FAMILY_NAMES: [&str; 16] = [
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phan", "Võ", "Đặng", "Hoàng", "Dương", "Hồ", "Thái",
    "Bùi", "Phạm",
];
const MALE_MIDDLE: [&str; 10] = ["Văn", "Văn", "Văn", "Đình", "Xuân", "Hữu", "Quang", "Đức", "Công", "Trọng"];
const FEMALE_MIDDLE: [&str; 4] = ["Thị", "Thị", "Thị", "Thị Thu"];
const MALE_GIVEN: [&str; 24] = [
    "An", "Bình", "Cường", "Dũng", "Hùng", "Hải", "Sơn", "Thắng", "Tuấn", "Long", "Nam", "Quý", "Tâm", "Hòa", "Lợi",
    "Phúc", "Thành", "Trung", "Vinh", "Khánh", "Lâm", "Hưng", "Toàn", "Đông",
];
const FEMALE_GIVEN: [&str; 16] = [
    "Lan", "Hoa", "Hương", "Mai", "Nga", "Hằng", "Thủy", "Loan", "Liên", "Hạnh", "Tâm", "Hiền", "Nhung", "Oanh", "Lý",
    "Xuân",
];

/// Household size 1..=8, weights in percent.
const MEMBER_WEIGHTS: [u32; 8] = [6, 14, 21, 27, 18, 9, 3, 2];

/// xorshift64*: small, fast, good enough for invented survey data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.unit()).sum::<f64>() - 6.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next_u64() % items.len() as u64) as usize]
    }

    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut roll = (self.next_u64() % u64::from(total)) as u32;
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Poverty {
    None,
    Poor,
    NearPoor,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Housing {
    KienCo,
    BanKienCo,
    ThieuKienCo,
    DonSo,
}

impl Housing {
    fn label(self) -> &'static str {
        match self {
            Housing::KienCo => "Kiên cố",
            Housing::BanKienCo => "Bán kiên cố",
            Housing::ThieuKienCo => "Thiếu kiên cố",
            Housing::DonSo => "Đơn sơ",
        }
    }
}

struct Household {
    id: String,
    head: String,
    members: u32,
    /// Income in tenths of a million VND, so sums are exact.
    income_tenths: u64,
    poverty: Poverty,
    housing: Housing,
    clean_water: bool,
    sanitary_toilet: bool,
    waste_sorting: bool,
    insured: u32,
    workers: u32,
    trained_workers: u32,
    cultural_family: bool,
    note: &'static str,
}

#[derive(Default)]
struct Totals {
    members: u64,
    income_tenths: u64,
    insured: u64,
    workers: u64,
    trained_workers: u64,
}

impl Totals {
    fn of(households: &[Household]) -> Totals {
        let mut t = Totals::default();
        for h in households {
            t.members += u64::from(h.members);
            t.income_tenths += h.income_tenths;
            t.insured += u64::from(h.insured);
            t.workers += u64::from(h.workers);
            t.trained_workers += u64::from(h.trained_workers);
        }
        t
    }
}

fn household_name(rng: &mut Rng) -> String {
    let family = rng.pick(&FAMILY_NAMES);
    if rng.chance(0.78) {
        format!("{family} {} {}", rng.pick(&MALE_MIDDLE), rng.pick(&MALE_GIVEN))
    } else {
        format!("{family} {} {}", rng.pick(&FEMALE_MIDDLE), rng.pick(&FEMALE_GIVEN))
    }
}

fn generate(profile: &Profile, code: &str, count: usize, index: usize) -> Vec<Household> {
    let mut rng = Rng::new(SEED ^ ((index as u64 + 1) << 32));
    let mut don_so_left = profile.don_so;
    let mut households = Vec::with_capacity(count);
    for n in 1..=count {
        let members = rng.weighted(&MEMBER_WEIGHTS) as u32 + 1;
        let roll = rng.unit();
        let poverty = if roll < profile.poor {
            Poverty::Poor
        } else if roll < profile.poor + profile.near_poor {
            Poverty::NearPoor
        } else {
            Poverty::None
        };
        let deprived = poverty != Poverty::None;
        let per_person = match poverty {
            Poverty::Poor => rng.uniform(11.0, 16.5),
            Poverty::NearPoor => rng.uniform(14.5, 17.8),
            Poverty::None => profile.income_per_person * 0.955 * (0.30 * rng.normal()).exp(),
        };
        let income_tenths = (per_person * f64::from(members) * 10.0).round().max(0.0) as u64;

        let housing = if don_so_left > 0 && (poverty == Poverty::Poor || n == count) {
            don_so_left -= 1;
            Housing::DonSo
        } else if rng.chance(if deprived { profile.thieu_kien_co * 4.0 } else { profile.thieu_kien_co }) {
            Housing::ThieuKienCo
        } else if rng.chance(if deprived { profile.kien_co * 0.5 } else { profile.kien_co }) {
            Housing::KienCo
        } else {
            Housing::BanKienCo
        };

        let factor = if deprived { 0.85 } else { 1.0 };
        let clean_water = rng.chance(profile.clean_water * factor);
        let sanitary_toilet = rng.chance(profile.sanitary_toilet * factor);
        let waste_sorting = rng.chance(profile.waste_sorting * factor);
        let cultural_family = rng.chance(profile.cultural_family * factor);

        let insured =
            if deprived { members } else { (0..members).filter(|_| rng.chance(profile.insured)).count() as u32 };
        let mut workers = (0..members).filter(|_| rng.chance(0.62)).count() as u32;
        if workers == 0 && members >= 2 {
            workers = 1;
        }
        let trained_workers = (0..workers)
            .filter(|_| rng.chance(if deprived { profile.trained * 0.6 } else { profile.trained }))
            .count() as u32;

        let note = if housing == Housing::DonSo {
            "Nhà tạm, đề nghị hỗ trợ xóa nhà tạm"
        } else if members == 1 && workers == 0 {
            "Hộ neo đơn"
        } else if rng.chance(0.02) {
            "Mới tách hộ"
        } else {
            ""
        };

        households.push(Household {
            id: format!("{code}-{n:04}"),
            head: household_name(&mut rng),
            members,
            income_tenths,
            poverty,
            housing,
            clean_water,
            sanitary_toilet,
            waste_sorting,
            insured,
            workers,
            trained_workers,
            cultural_family,
            note,
        });
    }
    households
}

fn yes_no(value: bool) -> &'static str {
    if value { "Có" } else { "Không" }
}

fn poverty_label(poverty: Poverty) -> &'static str {
    match poverty {
        Poverty::Poor => "Nghèo",
        Poverty::NearPoor => "Cận nghèo",
        Poverty::None => "",
    }
}

fn col_letter(col: u16) -> char {
    char::from(b'A' + col as u8)
}

/// Writes the village workbooks, in parallel; returns their paths in order.
fn write_survey(dir: &Path, villages: &[(String, String, String)], households: usize) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    villages
        .par_iter()
        .enumerate()
        .map(|(index, (id, name, code))| {
            let list = generate(&PROFILES[index % PROFILES.len()], code, households, index);
            let path = dir.join(format!("{id}.xlsx"));
            write_workbook(&path, name, &list, &Totals::of(&list)).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(path)
        })
        .collect()
}

fn write_workbook(
    path: &Path,
    village: &str,
    households: &[Household],
    totals: &Totals,
) -> std::result::Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(SURVEY_YEAR, 11, 30)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Phiếu tổng hợp điều tra hộ gia đình năm {SURVEY_YEAR} - {village}"))
            .set_author("Ban phát triển thôn (số liệu tạo cho benchmark)")
            .set_company("UBND xã Cẩm Lĩnh")
            .set_creation_datetime(&created),
    );

    let title = Format::new().set_bold().set_font_size(14).set_align(FormatAlign::Center);
    let subtitle = Format::new().set_italic().set_align(FormatAlign::Center);
    let label = Format::new().set_bold();
    let remark = Format::new().set_italic().set_font_color(Color::RGB(0x80_80_80));
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(0xDD_EB_F7));
    let cell = Format::new().set_border(FormatBorder::Thin);
    let centered = cell.clone().set_align(FormatAlign::Center);
    let number = cell.clone().set_num_format("0");
    let money = cell.clone().set_num_format("#,##0.0");
    let total_label = cell.clone().set_bold().set_align(FormatAlign::Center);
    let total_number = number.clone().set_bold();
    let total_money = money.clone().set_bold();

    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    for (col, (_, width)) in HEADERS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }

    sheet.merge_range(0, 0, 0, LAST_COL, &format!("PHIẾU TỔNG HỢP ĐIỀU TRA HỘ GIA ĐÌNH NĂM {SURVEY_YEAR}"), &title)?;
    sheet.merge_range(1, 0, 1, LAST_COL, "Xã Cẩm Lĩnh, huyện Cẩm Xuyên, tỉnh Hà Tĩnh", &subtitle)?;
    sheet.write_string_with_format(2, 0, "Thôn:", &label)?;
    sheet.write_string_with_format(2, 1, village, &label)?;
    sheet.write_string_with_format(
        2,
        COL_MEMBERS,
        "Số liệu do chương trình benchmark tạo ra; không phải số liệu điều tra thật.",
        &remark,
    )?;

    for (col, (text, _)) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *text, &header)?;
    }
    sheet.set_row_height(HEADER_ROW, 48)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;

    for (i, h) in households.iter().enumerate() {
        let row = FIRST_DATA_ROW + i as u32;
        sheet.write_number_with_format(row, COL_STT, (i + 1) as f64, &centered)?;
        sheet.write_string_with_format(row, COL_ID, &h.id, &cell)?;
        sheet.write_string_with_format(row, COL_NAME, &h.head, &cell)?;
        sheet.write_number_with_format(row, COL_MEMBERS, f64::from(h.members), &number)?;
        sheet.write_number_with_format(row, COL_INCOME, h.income_tenths as f64 / 10.0, &money)?;
        sheet.write_string_with_format(row, COL_POVERTY, poverty_label(h.poverty), &centered)?;
        sheet.write_string_with_format(row, COL_HOUSING, h.housing.label(), &cell)?;
        sheet.write_string_with_format(row, COL_WATER, yes_no(h.clean_water), &centered)?;
        sheet.write_string_with_format(row, COL_TOILET, yes_no(h.sanitary_toilet), &centered)?;
        sheet.write_string_with_format(row, COL_WASTE, yes_no(h.waste_sorting), &centered)?;
        sheet.write_number_with_format(row, COL_INSURED, f64::from(h.insured), &number)?;
        sheet.write_number_with_format(row, COL_WORKERS, f64::from(h.workers), &number)?;
        sheet.write_number_with_format(row, COL_TRAINED, f64::from(h.trained_workers), &number)?;
        sheet.write_string_with_format(row, COL_CULTURAL, yes_no(h.cultural_family), &centered)?;
        sheet.write_string_with_format(row, COL_NOTE, h.note, &cell)?;
    }

    write_totals_row(sheet, households.len() as u32, totals, [&total_label, &total_number, &total_money, &cell])?;
    workbook.save(path)
}

/// The `Tổng cộng` row: SUM formulas with their cached results.
fn write_totals_row(
    sheet: &mut Worksheet,
    count: u32,
    totals: &Totals,
    formats: [&Format; 4],
) -> std::result::Result<(), XlsxError> {
    let [label, number, money, cell] = formats;
    let row = FIRST_DATA_ROW + count;
    let (first, last) = (FIRST_DATA_ROW + 1, FIRST_DATA_ROW + count);
    sheet.merge_range(row, COL_STT, row, COL_NAME, "Tổng cộng", label)?;
    let income = (totals.income_tenths as f64 / 10.0).to_string();
    let sums: [(u16, String, &Format); 5] = [
        (COL_MEMBERS, totals.members.to_string(), number),
        (COL_INCOME, income, money),
        (COL_INSURED, totals.insured.to_string(), number),
        (COL_WORKERS, totals.workers.to_string(), number),
        (COL_TRAINED, totals.trained_workers.to_string(), number),
    ];
    for col in COL_MEMBERS..=LAST_COL {
        match sums.iter().find(|(c, _, _)| *c == col) {
            Some((_, result, format)) => {
                let letter = col_letter(col);
                let formula = Formula::new(format!("=SUM({letter}{first}:{letter}{last})")).set_result(result);
                sheet.write_formula_with_format(row, col, formula, format)?;
            }
            None => {
                sheet.write_blank(row, col, cell)?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------

fn parse_args() -> std::result::Result<(PathBuf, Params), String> {
    let mut params = Params::default();
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> std::result::Result<usize, String> {
            args.next().and_then(|v| v.parse().ok()).ok_or_else(|| format!("{name} needs a whole number"))
        };
        match arg.as_str() {
            "--villages" => params.villages = value("--villages")?,
            "--households" => params.households = value("--households")?,
            "--documents" => params.documents = value("--documents")?,
            "-h" | "--help" => return Err(String::new()),
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let dir = dir.ok_or("missing the output folder")?;
    if params.villages == 0 || params.villages > 99 {
        return Err("--villages must be 1‥99".into());
    }
    if params.households == 0 || params.households > 9_999 {
        return Err("--households must be 1‥9999".into());
    }
    Ok((dir, params))
}

fn main() {
    let (dir, params) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!(
                "usage: cargo run --release --example bench_workload -- <dir> [--villages 20] [--households 2500] [--documents 200]"
            );
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    match write_workspace(&dir, &params) {
        Ok(written) => println!(
            "wrote {}: {} villages, {} households in {} workbooks, {} documents from {} files ({:.2} s)",
            dir.display(),
            params.villages,
            written.households,
            written.workbooks.len(),
            written.documents,
            written.document_files,
            started.elapsed().as_secs_f64()
        ),
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(1);
        }
    }
}
