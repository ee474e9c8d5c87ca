//! The invented household survey shared by `examples/make_example_survey.rs`
//! (the example workspace's workbooks) and `examples/bench_workload.rs` (the
//! benchmark's district-sized workload): the village profiles, the
//! deterministic household generator, and the workbook layout that
//! `shared/spec/survey-form.md` describes.
//!
//! Both examples include this file with `#[path = "common/survey_gen.rs"]`;
//! cargo compiles only the files directly in `examples/` as examples, so this
//! one is never built on its own. Each caller brings its own seed, household
//! ids and provenance text, so changing the generator here changes the
//! example's figures (and the criteria thresholds tuned against them) and the
//! benchmark's workload together.

// Each example uses its own part: the survey example the commune totals and
// `Totals::merge`, the benchmark only the sums of the `Tổng cộng` row.
#![allow(dead_code)]

use std::path::Path;

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

pub const SURVEY_YEAR: u16 = 2023;
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
pub struct Profile {
    /// Mean income of non-poor households, million VND per person per year.
    pub income_per_person: f64,
    pub poor: f64,
    pub near_poor: f64,
    /// Share of non-poor households in `Thiếu kiên cố` housing (poor ones: four times as many).
    pub thieu_kien_co: f64,
    /// Share of `Kiên cố` among the remaining houses (the rest `Bán kiên cố`).
    pub kien_co: f64,
    /// Number of `Đơn sơ` houses (temporary houses), given to poor households first.
    pub don_so: usize,
    pub clean_water: f64,
    pub sanitary_toilet: f64,
    pub waste_sorting: f64,
    pub cultural_family: f64,
    /// Chance that one member of a non-poor household holds health insurance.
    pub insured: f64,
    /// Chance that one worker has been trained.
    pub trained: f64,
}

/// The six villages of the example commune, `Thôn 1` … `Thôn 6` in order.
/// The illustrative criteria set (`inputs/criteria/ha-tinh-minh-hoa-2023.yaml`)
/// was tuned against the figures they give, so changing one means re-checking
/// its thresholds; the benchmark uses them in turn for its villages.
pub const PROFILES: [Profile; 6] = [
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
pub enum Poverty {
    None,
    Poor,
    NearPoor,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Housing {
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

pub struct Household {
    pub id: String,
    pub head: String,
    pub members: u32,
    /// Income in tenths of a million VND, so sums are exact.
    pub income_tenths: u64,
    pub poverty: Poverty,
    pub housing: Housing,
    pub clean_water: bool,
    pub sanitary_toilet: bool,
    pub waste_sorting: bool,
    pub insured: u32,
    pub workers: u32,
    pub trained_workers: u32,
    pub cultural_family: bool,
    pub note: &'static str,
}

#[derive(Default)]
pub struct Totals {
    pub households: usize,
    pub members: u64,
    pub income_tenths: u64,
    pub poor: usize,
    pub near_poor: usize,
    /// Indexed by `Housing as usize`.
    pub housing: [usize; 4],
    pub clean_water: usize,
    pub sanitary_toilet: usize,
    pub waste_sorting: usize,
    pub cultural_family: usize,
    pub insured: u64,
    pub workers: u64,
    pub trained_workers: u64,
}

impl Totals {
    pub fn of(households: &[Household]) -> Totals {
        let mut totals = Totals::default();
        for h in households {
            totals.add(h);
        }
        totals
    }

    pub fn add(&mut self, h: &Household) {
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

    pub fn merge(&mut self, other: &Totals) {
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

    pub fn income(&self) -> f64 {
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

/// Which households to invent for one village.
pub struct Batch<'a> {
    /// The caller's fixed seed: the example and the benchmark keep their own,
    /// so neither's figures move when the other's change.
    pub seed: u64,
    /// The village's place in the commune; each village draws its own stream.
    pub index: usize,
    /// Prefix of household ids, unique in the commune (`T1-001`).
    pub code: &'a str,
    pub count: usize,
    /// Digits of the number after the prefix: enough for `count`, fixed per
    /// caller so ids sort in order.
    pub id_digits: usize,
}

pub fn generate(profile: &Profile, batch: &Batch) -> Vec<Household> {
    let mut rng = Rng::new(batch.seed ^ ((batch.index as u64 + 1) << 32));
    let mut don_so_left = profile.don_so;
    let mut households = Vec::with_capacity(batch.count);
    for n in 1..=batch.count {
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

        let housing = if don_so_left > 0 && (poverty == Poverty::Poor || n == batch.count) {
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
            id: format!("{}-{n:0width$}", batch.code, width = batch.id_digits),
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

/// Who the workbook says made it: the invented data must never pass for a
/// real survey, and each example says so in its own words.
pub struct Origin {
    /// The document's author property.
    pub author: &'static str,
    /// The remark beside the village name, above the table.
    pub remark: &'static str,
}

pub fn write_workbook(
    path: &Path,
    village: &str,
    households: &[Household],
    totals: &Totals,
    origin: &Origin,
) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    // Fixed creation date, so the files do not change from one run to the next.
    let created = ExcelDateTime::from_ymd(SURVEY_YEAR, 11, 30)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Phiếu tổng hợp điều tra hộ gia đình năm {SURVEY_YEAR} - {village}"))
            .set_author(origin.author)
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
    sheet.write_string_with_format(2, COL_MEMBERS, origin.remark, &remark)?;

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
