//! Writes the example workspace's village survey workbooks for three survey
//! rounds, `inputs/survey/2023-03/`, `2023-06/` and `2023-09/`, each with
//! `thon-1.xlsx` … `thon-6.xlsx`, laid out as `shared/spec/survey-form.md`
//! describes the household form.
//!
//! The September round is the commune as the illustrative criteria set was
//! tuned against; the earlier rounds are the same households a step or two
//! back in time: fewer of them sort waste, hold health insurance or a trained
//! worker, incomes a little lower, the newest households not yet there, one
//! household that later left, and one that later moved to another village.
//!
//! Run with `cargo run --example make_example_survey`. The data are invented
//! (illustrative, not a real survey) but deterministic: a small xorshift PRNG
//! with a fixed seed, so every run writes the same figures. The per-village
//! totals are printed to stdout; the illustrative criteria set
//! (`inputs/criteria/ha-tinh-minh-hoa-2023.yaml`) was tuned against them, so
//! changing a profile below means re-checking its thresholds.

use std::fs;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// Fixed seed: change it and every figure of the example changes.
const SEED: u64 = 0x4E54_4D32_3032_3321; // "NTM2023!"

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

// Column indexes (0-based) of the table.
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

/// What makes one village's invented data differ from the next.
struct Profile {
    id: &'static str,
    name: &'static str,
    /// Prefix of household ids, unique in the commune (`T1-001`).
    code: &'static str,
    households: usize,
    /// Mean income of non-poor households, million VND per person per year.
    income_per_person: f64,
    poor: f64,
    near_poor: f64,
    /// Share of non-poor households in `Thiếu kiên cố` housing (poor ones: four times as many).
    thieu_kien_co: f64,
    /// Share of `Kiên cố` among the remaining houses (the rest `Bán kiên cố`).
    kien_co: f64,
    /// Number of `Đơn sơ` houses (temporary houses), given to poor households first.
    don_so: usize,
    clean_water: f64,
    sanitary_toilet: f64,
    waste_sorting: f64,
    cultural_family: f64,
    /// Chance that one member of a non-poor household holds health insurance.
    insured: f64,
    /// Chance that one worker has been trained.
    trained: f64,
}

const PROFILES: [Profile; 6] = [
    Profile {
        id: "thon-1",
        name: "Thôn 1",
        code: "T1",
        households: 312,
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
        id: "thon-2",
        name: "Thôn 2",
        code: "T2",
        households: 268,
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
        id: "thon-3",
        name: "Thôn 3",
        code: "T3",
        households: 347,
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
        id: "thon-4",
        name: "Thôn 4",
        code: "T4",
        households: 389,
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
        id: "thon-5",
        name: "Thôn 5",
        code: "T5",
        households: 291,
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
        id: "thon-6",
        name: "Thôn 6",
        code: "T6",
        households: 256,
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
        // splitmix64 of the seed, so neighbouring seeds give unrelated streams.
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

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn uniform(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// Approximately standard normal (Irwin–Hall with 12 terms).
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
    households: usize,
    members: u64,
    income_tenths: u64,
    poor: usize,
    near_poor: usize,
    housing: [usize; 4],
    clean_water: usize,
    sanitary_toilet: usize,
    waste_sorting: usize,
    cultural_family: usize,
    insured: u64,
    workers: u64,
    trained_workers: u64,
}

impl Totals {
    fn add(&mut self, h: &Household) {
        self.households += 1;
        self.members += u64::from(h.members);
        self.income_tenths += h.income_tenths;
        match h.poverty {
            Poverty::Poor => self.poor += 1,
            Poverty::NearPoor => self.near_poor += 1,
            Poverty::None => {}
        }
        self.housing[h.housing as usize] += 1;
        self.clean_water += usize::from(h.clean_water);
        self.sanitary_toilet += usize::from(h.sanitary_toilet);
        self.waste_sorting += usize::from(h.waste_sorting);
        self.cultural_family += usize::from(h.cultural_family);
        self.insured += u64::from(h.insured);
        self.workers += u64::from(h.workers);
        self.trained_workers += u64::from(h.trained_workers);
    }

    fn merge(&mut self, other: &Totals) {
        self.households += other.households;
        self.members += other.members;
        self.income_tenths += other.income_tenths;
        self.poor += other.poor;
        self.near_poor += other.near_poor;
        for (a, b) in self.housing.iter_mut().zip(other.housing) {
            *a += b;
        }
        self.clean_water += other.clean_water;
        self.sanitary_toilet += other.sanitary_toilet;
        self.waste_sorting += other.waste_sorting;
        self.cultural_family += other.cultural_family;
        self.insured += other.insured;
        self.workers += other.workers;
        self.trained_workers += other.trained_workers;
    }

    fn income(&self) -> f64 {
        self.income_tenths as f64 / 10.0
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

fn generate(profile: &Profile, index: usize) -> Vec<Household> {
    let mut rng = Rng::new(SEED ^ ((index as u64 + 1) << 32));
    let mut don_so_left = profile.don_so;
    let mut households = Vec::with_capacity(profile.households);
    for n in 1..=profile.households {
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

        // Poor and near-poor households stay under the rural poverty line of
        // NĐ 07/2021 (1.5 million VND per person per month = 18 a year).
        let per_person = match poverty {
            Poverty::Poor => rng.uniform(11.0, 16.5),
            Poverty::NearPoor => rng.uniform(14.5, 17.8),
            // Log-normal spread around the village mean (the 0.955 undoes the mean shift).
            Poverty::None => profile.income_per_person * 0.955 * (0.30 * rng.normal()).exp(),
        };
        let income_tenths = (per_person * f64::from(members) * 10.0).round().max(0.0) as u64;

        let housing = if don_so_left > 0 && (poverty == Poverty::Poor || n == profile.households) {
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

        // The State buys health insurance for poor and near-poor households.
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
            id: format!("{}-{n:03}", profile.code),
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

/// A1 name of a column (the table has fewer than 26 columns).
fn col_letter(col: u16) -> char {
    char::from(b'A' + col as u8)
}

fn write_workbook(path: &Path, profile: &Profile, households: &[Household], totals: &Totals) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    // Fixed creation date, so the files do not change from one run to the next.
    let created = ExcelDateTime::from_ymd(SURVEY_YEAR, 11, 30)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Phiếu tổng hợp điều tra hộ gia đình năm {SURVEY_YEAR} - {}", profile.name))
            .set_author("Ban phát triển thôn (số liệu minh họa)")
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
    sheet.write_string_with_format(2, 1, profile.name, &label)?;
    sheet.write_string_with_format(
        2,
        COL_MEMBERS,
        "Số liệu minh họa, do chương trình tạo ra; không phải số liệu điều tra thật.",
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

/// The `Tổng cộng` row under the table: SUM formulas over the numeric
/// columns, each with its cached result, so readers that do not recalculate
/// (and people opening the file in a viewer) see the right totals.
fn write_totals_row(
    sheet: &mut Worksheet,
    count: u32,
    totals: &Totals,
    formats: [&Format; 4],
) -> Result<(), XlsxError> {
    let [label, number, money, cell] = formats;
    let row = FIRST_DATA_ROW + count;
    // Excel rows are 1-based: data occupy rows FIRST_DATA_ROW+1 ..= FIRST_DATA_ROW+count.
    let (first, last) = (FIRST_DATA_ROW + 1, FIRST_DATA_ROW + count);
    sheet.merge_range(row, COL_STT, row, COL_NAME, "Tổng cộng", label)?;
    let sums: [(u16, String, &Format); 5] = [
        (COL_MEMBERS, totals.members.to_string(), number),
        (COL_INCOME, totals.income().to_string(), money),
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

fn percent(part: impl Into<f64>, whole: impl Into<f64>) -> f64 {
    let whole = whole.into();
    if whole == 0.0 { 0.0 } else { 100.0 * part.into() / whole }
}

fn print_totals(name: &str, t: &Totals) {
    let hh = t.households as f64;
    println!(
        "{name}: households {} | members {} | income_total {:.1} (per capita {:.2}) | poor {} near_poor {} ({:.2}% incl. near-poor, {:.2}% poor only)",
        t.households,
        t.members,
        t.income(),
        t.income() / t.members as f64,
        t.poor,
        t.near_poor,
        percent((t.poor + t.near_poor) as f64, hh),
        percent(t.poor as f64, hh),
    );
    println!(
        "    housing kien_co {} ban_kien_co {} thieu_kien_co {} don_so {} (kien_co+ban_kien_co {:.2}%)",
        t.housing[0],
        t.housing[1],
        t.housing[2],
        t.housing[3],
        percent((t.housing[0] + t.housing[1]) as f64, hh),
    );
    println!(
        "    yes: clean_water {} ({:.2}%) sanitary_toilet {} ({:.2}%) waste_sorting {} ({:.2}%) cultural_family {} ({:.2}%)",
        t.clean_water,
        percent(t.clean_water as f64, hh),
        t.sanitary_toilet,
        percent(t.sanitary_toilet as f64, hh),
        t.waste_sorting,
        percent(t.waste_sorting as f64, hh),
        t.cultural_family,
        percent(t.cultural_family as f64, hh),
    );
    println!(
        "    insured {} ({:.2}% of members) | workers {} | trained_workers {} ({:.2}% of workers)",
        t.insured,
        percent(t.insured as f64, t.members as f64),
        t.workers,
        t.trained_workers,
        percent(t.trained_workers as f64, t.workers as f64),
    );
}

/// The rounds, oldest first, and how many steps each is before September.
const ROUNDS: [(&str, u32); 3] = [("2023-03", 2), ("2023-06", 1), ("2023-09", 0)];

/// A number in 0..100 fixed by the household and the step, so the earlier
/// rounds differ from September the same way on every run.
fn roll(id: &str, what: u64, step: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ what ^ (u64::from(step) << 40);
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (h >> 17) % 100
}

/// The household `steps` survey rounds before September.
fn earlier(h: &Household, steps: u32) -> Household {
    let id = h.id.as_str();
    let k = u64::from(steps);
    Household {
        id: h.id.clone(),
        head: h.head.clone(),
        members: h.members,
        income_tenths: h.income_tenths * (100 - 2 * k) / 100,
        poverty: h.poverty,
        housing: h.housing,
        clean_water: h.clean_water && roll(id, 1, steps) >= 2 * k,
        sanitary_toilet: h.sanitary_toilet && roll(id, 2, steps) >= 2 * k,
        waste_sorting: h.waste_sorting && roll(id, 3, steps) >= 7 * k,
        insured: if roll(id, 4, steps) < 12 * k { h.insured.saturating_sub(1) } else { h.insured },
        workers: h.workers,
        trained_workers: if roll(id, 5, steps) < 8 * k {
            h.trained_workers.saturating_sub(1)
        } else {
            h.trained_workers
        },
        cultural_family: h.cultural_family && roll(id, 6, steps) >= 3 * k,
        note: h.note,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let survey: PathBuf = [env!("CARGO_MANIFEST_DIR"), "inputs", "survey"].iter().collect();
    let september: Vec<Vec<Household>> = PROFILES.iter().enumerate().map(|(i, p)| generate(p, i)).collect();
    for (round, steps) in ROUNDS {
        let dir = survey.join(round);
        fs::create_dir_all(&dir)?;
        let mut villages: Vec<Vec<Household>> = september
            .iter()
            .map(|households| {
                // The newest households (one per round) were not there yet.
                let keep = households.len() - steps as usize;
                households[..keep].iter().map(|h| earlier(h, steps)).collect()
            })
            .collect();
        if steps > 0 {
            // T1-005 lived in Thôn 3 before it moved to Thôn 1 in September.
            if let Some(at) = villages[0].iter().position(|h| h.id == "T1-005") {
                let moved = villages[0].remove(at);
                villages[2].push(moved);
            }
            // T2-900 left the commune after the June round.
            let mut left = earlier(&september[1][0], steps);
            left.id = "T2-900".to_string();
            left.head = "Phạm Văn Lộc".to_string();
            villages[1].push(left);
        }
        println!("== round {round}");
        let mut commune = Totals::default();
        for ((profile, households), _) in PROFILES.iter().zip(&villages).zip(0..) {
            let mut totals = Totals::default();
            for h in households {
                totals.add(h);
            }
            let path = dir.join(format!("{}.xlsx", profile.id));
            write_workbook(&path, profile, households, &totals)?;
            println!("wrote {}", path.display());
            print_totals(profile.name, &totals);
            commune.merge(&totals);
        }
        print_totals("Commune (all villages)", &commune);
    }
    Ok(())
}
