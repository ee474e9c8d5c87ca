//! How numbers, symbols and dates are written on official documents.

use rust_decimal::Decimal;

use crate::model::criteria::{Comparison, ThresholdValue};
use crate::model::money::Money;
use crate::model::{Date, Family};
use crate::vi::number::{decimal_vi, with_unit};

/// The document symbol without the "Số" label: `01-NQ/ĐU` (Party, HD 36:
/// hyphen then slash) or `01/KH-UBND` (State, NĐ 30: slash then hyphen).
/// Numbers below 10 take a leading zero in both families.
pub fn symbol(family: Family, number: u32, type_code: &str, issuer_code: &str) -> String {
    match family {
        Family::Party => format!("{number:02}-{type_code}/{issuer_code}"),
        Family::State => format!("{number:02}/{type_code}-{issuer_code}"),
    }
}

/// A State công văn's symbol: the issuer's code, then the drafting unit's
/// (NĐ 30 §II.3.b: `23/UBND-VP`); no type code.
pub fn letter_symbol(number: u32, issuer_code: &str, unit: &str) -> String {
    format!("{number:02}/{issuer_code}-{unit}")
}

/// The number line of the header: `Số 01-NQ/ĐU` (Party, no colon) or
/// `Số: 01/KH-UBND` (State).
pub fn number_line(family: Family, symbol: &str) -> String {
    match family {
        Family::Party => format!("Số {symbol}"),
        Family::State => format!("Số: {symbol}"),
    }
}

/// A draft's number line, the number left blank for the clerk:
/// `Số     -NQ/ĐU`, `Số:      /KH-UBND`.
pub fn draft_number_line(family: Family, type_code: &str, issuer_code: &str) -> String {
    const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";
    match family {
        Family::Party => format!("Số{BLANK}-{type_code}/{issuer_code}"),
        Family::State => format!("Số:{BLANK}/{type_code}-{issuer_code}"),
    }
}

/// The place-and-date line: `Cẩm Lĩnh, ngày 12 tháng 01 năm 2023`.
pub fn place_date(place: &str, date: Date) -> String {
    format!("{place}, {}", date.words())
}

/// An amount of money at the precision it was typed with, never rounded:
/// `1.250`, `350,5`, `27.729,3`.
pub fn money_vi(value: Money) -> String {
    decimal_vi(value.decimal(), Decimal::MAX_SCALE)
}

/// `≥ 80%`, `≤ 0`, `Đạt`, or `chưa có` (a threshold nobody supplied).
pub fn threshold_text(comparison: Comparison, threshold: Option<ThresholdValue>, unit: Option<&str>) -> String {
    match (threshold, comparison) {
        (Some(ThresholdValue::Number(t)), Comparison::AtLeast) => format!("≥ {}", with_unit(t, unit)),
        (Some(ThresholdValue::Number(t)), _) => format!("≤ {}", with_unit(t, unit)),
        (Some(ThresholdValue::Verdict(_)), _) => "Đạt".to_string(),
        (None, _) => "chưa có".to_string(),
    }
}

/// The verdict as printed in tables.
pub fn status_text(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "Đạt",
        Some(false) => "Chưa đạt",
        None => "Chưa xác định",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn date_lines_follow_the_padding_rule() {
        let cases = [
            ("Cẩm Lĩnh", "2023-01-12", "Cẩm Lĩnh, ngày 12 tháng 01 năm 2023"),
            ("Cẩm Lĩnh", "2024-03-05", "Cẩm Lĩnh, ngày 05 tháng 3 năm 2024"),
            ("Hạ Long", "2018-02-20", "Hạ Long, ngày 20 tháng 02 năm 2018"),
            ("Hà Nội", "2018-04-03", "Hà Nội, ngày 03 tháng 4 năm 2018"),
            ("Hà Nội", "2026-01-09", "Hà Nội, ngày 09 tháng 01 năm 2026"),
            ("Cẩm Lĩnh", "2025-02-28", "Cẩm Lĩnh, ngày 28 tháng 02 năm 2025"),
            ("Cẩm Lĩnh", "2025-12-09", "Cẩm Lĩnh, ngày 09 tháng 12 năm 2025"),
            ("Cẩm Lĩnh", "2025-10-31", "Cẩm Lĩnh, ngày 31 tháng 10 năm 2025"),
            ("Phường 3", "2020-11-01", "Phường 3, ngày 01 tháng 11 năm 2020"),
        ];
        for (place, date, expected) in cases {
            assert_eq!(place_date(place, d(date)), expected);
        }
    }

    #[test]
    fn numbers_and_symbols_per_family() {
        let cases = [
            (Family::Party, 1, "NQ", "ĐU", "Số 01-NQ/ĐU"),
            (Family::Party, 5, "NQ", "ĐU", "Số 05-NQ/ĐU"),
            (Family::Party, 127, "QĐ", "TW", "Số 127-QĐ/TW"),
            (Family::Party, 10, "CTr", "ĐU", "Số 10-CTr/ĐU"),
            (Family::State, 15, "KH", "UBND", "Số: 15/KH-UBND"),
            (Family::State, 5, "KH", "UBND", "Số: 05/KH-UBND"),
            (Family::State, 9, "QyĐ", "UBND", "Số: 09/QyĐ-UBND"),
            (Family::State, 1234, "BC", "UBND", "Số: 1234/BC-UBND"),
        ];
        for (family, n, t, i, expected) in cases {
            assert_eq!(number_line(family, &symbol(family, n, t, i)), expected);
        }
    }

    #[test]
    fn money_is_shown_at_the_precision_typed() {
        let m = |t: &str| Money::parse(t).unwrap();
        assert_eq!(money_vi(m("27729.3")), "27.729,3");
        assert_eq!(money_vi(m("12.345")), "12,345");
        assert_eq!(money_vi(m("4690.00")), "4.690");
        assert_eq!(money_vi(Money::ZERO), "0");
    }
}
