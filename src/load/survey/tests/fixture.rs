//! Building village workbooks for the tests with rust_xlsxwriter: the
//! standard form as `ntm forms` lays it out, households with known figures,
//! and the sums a correct reading must give back.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::load::survey::{Household, Housing, Poverty};
use crate::model::money::Money;

/// The standard header row, `STT` first, in the order of the form file.
pub const HEADERS: [&str; 14] = [
    "STT",
    "Mã hộ",
    "Họ và tên chủ hộ",
    "Số nhân khẩu",
    "Tổng thu nhập năm (triệu đồng)",
    "Phân loại hộ",
    "Loại nhà ở",
    "Nước sạch",
    "Nhà tiêu hợp vệ sinh",
    "Phân loại rác tại nguồn",
    "Số người có BHYT",
    "Số lao động",
    "Số lao động qua đào tạo",
    "Gia đình văn hóa",
];

/// 0-based row of the header in the standard sheet (sheet row 4).
pub const HEADER_ROW: u32 = 3;

/// One household as written into a fixture.
#[derive(Debug, Clone)]
pub struct Hh {
    pub id: String,
    pub name: String,
    pub members: u32,
    pub income: f64,
    pub poverty: Poverty,
    pub housing: Housing,
    pub clean_water: bool,
    pub sanitary_toilet: bool,
    pub waste_sorting: bool,
    pub insured: u32,
    pub workers: u32,
    pub trained_workers: u32,
    pub cultural_family: bool,
}

impl Hh {
    /// The household the reader must produce for this row (1-based).
    pub fn expected(&self, row: u32) -> Household {
        Household {
            id: self.id.clone(),
            head_name: self.name.clone(),
            members: self.members,
            income: Money::from_f64(self.income).unwrap(),
            poverty: self.poverty,
            housing: self.housing,
            clean_water: self.clean_water,
            sanitary_toilet: self.sanitary_toilet,
            waste_sorting: self.waste_sorting,
            insured: self.insured,
            workers: self.workers,
            trained_workers: self.trained_workers,
            cultural_family: self.cultural_family,
            row,
        }
    }
}

const NAMES: [&str; 6] =
    ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức", "Võ Thị Hạnh"];

/// `n` households of village `prefix` with varied, known figures.
pub fn households(prefix: &str, n: usize) -> Vec<Hh> {
    (0..n)
        .map(|i| {
            let members = 1 + (i as u32 * 7) % 6;
            let workers = members.min(1 + (i as u32) % 3);
            Hh {
                id: format!("{prefix}-{:03}", i + 1),
                name: NAMES[i % NAMES.len()].to_string(),
                members,
                income: 40.0 + (i as f64) * 12.5 + if i % 4 == 1 { 0.25 } else { 0.0 },
                poverty: [Poverty::None, Poverty::None, Poverty::NearPoor, Poverty::None, Poverty::Poor][i % 5],
                housing: Housing::ALL[i % 4],
                clean_water: i % 3 != 0,
                sanitary_toilet: i % 4 != 3,
                waste_sorting: i % 2 == 0,
                insured: members - (i as u32 % 2).min(members),
                workers,
                trained_workers: workers - (i as u32 % 2).min(workers),
                cultural_family: i % 5 != 4,
            }
        })
        .collect()
}

pub fn poverty_word(p: Poverty) -> &'static str {
    match p {
        Poverty::Poor => "Nghèo",
        Poverty::NearPoor => "Cận nghèo",
        Poverty::None => "",
    }
}

pub fn housing_word(h: Housing) -> &'static str {
    match h {
        Housing::KienCo => "Kiên cố",
        Housing::BanKienCo => "Bán kiên cố",
        Housing::ThieuKienCo => "Thiếu kiên cố",
        Housing::DonSo => "Đơn sơ",
    }
}

/// The standard sheet: a merged banner, the village label (when given), an
/// empty row, the header on row 4, then one row per household with typed
/// cells (`x` for yes, blank for no).
pub fn standard_sheet(ws: &mut Worksheet, village: Option<&str>, rows: &[Hh]) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, 13, "DANH SÁCH HỘ GIA ĐÌNH NĂM 2023", &Format::new().set_bold())?;
    if let Some(village) = village {
        ws.write_string(1, 0, "Thôn:")?;
        ws.write_string(1, 2, village)?;
    }
    for (col, header) in HEADERS.iter().enumerate() {
        ws.write_string(HEADER_ROW, col as u16, *header)?;
    }
    for (i, hh) in rows.iter().enumerate() {
        write_household(ws, HEADER_ROW + 1 + i as u32, i + 1, hh)?;
    }
    Ok(())
}

/// One household in the standard column order.
pub fn write_household(ws: &mut Worksheet, row: u32, number: usize, hh: &Hh) -> Result<(), XlsxError> {
    let yes = |b: bool| if b { "x" } else { "" };
    ws.write_number(row, 0, number as f64)?;
    ws.write_string(row, 1, &hh.id)?;
    ws.write_string(row, 2, &hh.name)?;
    ws.write_number(row, 3, hh.members)?;
    ws.write_number(row, 4, hh.income)?;
    ws.write_string(row, 5, poverty_word(hh.poverty))?;
    ws.write_string(row, 6, housing_word(hh.housing))?;
    ws.write_string(row, 7, yes(hh.clean_water))?;
    ws.write_string(row, 8, yes(hh.sanitary_toilet))?;
    ws.write_string(row, 9, yes(hh.waste_sorting))?;
    ws.write_number(row, 10, hh.insured)?;
    ws.write_number(row, 11, hh.workers)?;
    ws.write_number(row, 12, hh.trained_workers)?;
    ws.write_string(row, 13, yes(hh.cultural_family))?;
    Ok(())
}

/// A workbook with one standard sheet named `Hộ gia đình`, saved as `dir/name`.
pub fn standard_book(dir: &Path, name: &str, village: Option<&str>, rows: &[Hh]) -> PathBuf {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Hộ gia đình").unwrap();
    standard_sheet(ws, village, rows).unwrap();
    save(&mut book, dir, name)
}

pub fn save(book: &mut Workbook, dir: &Path, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    book.save(&path).unwrap();
    path
}

/// The figures a round must report for a set of households.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sums {
    pub households: usize,
    pub members: u32,
    pub income: Money,
    pub poor: usize,
    pub near_poor: usize,
    pub clean_water: usize,
    pub sanitary_toilet: usize,
    pub waste_sorting: usize,
    pub cultural_family: usize,
    pub insured: u32,
    pub workers: u32,
    pub trained_workers: u32,
}

impl Sums {
    pub fn of(households: &[Household]) -> Sums {
        let count = |f: fn(&Household) -> bool| households.iter().filter(|h| f(h)).count();
        Sums {
            households: households.len(),
            members: households.iter().map(|h| h.members).sum(),
            // Exact: summing in another order cannot differ.
            income: households.iter().map(|h| h.income).sum(),
            poor: count(|h| h.poverty == Poverty::Poor),
            near_poor: count(|h| h.poverty == Poverty::NearPoor),
            clean_water: count(|h| h.clean_water),
            sanitary_toilet: count(|h| h.sanitary_toilet),
            waste_sorting: count(|h| h.waste_sorting),
            cultural_family: count(|h| h.cultural_family),
            insured: households.iter().map(|h| h.insured).sum(),
            workers: households.iter().map(|h| h.workers).sum(),
            trained_workers: households.iter().map(|h| h.trained_workers).sum(),
        }
    }

    pub fn written(rows: &[Hh]) -> Sums {
        let households: Vec<Household> = rows.iter().enumerate().map(|(i, h)| h.expected(i as u32 + 1)).collect();
        Sums::of(&households)
    }
}
