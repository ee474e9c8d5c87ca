//! How numbers, symbols and dates are written on official documents.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::model::criteria::{Comparison, ThresholdValue};
use crate::model::money::{Money, shown_decimal};
use crate::model::{Date, Family};

/// The document symbol without the "Số" label: `01-NQ/ĐU` (Party, HD 36:
/// hyphen then slash) or `01/KH-UBND` (State, NĐ 30: slash then hyphen).
/// Numbers below 10 take a leading zero in both families.
pub fn symbol(family: Family, number: u32, type_code: &str, issuer_code: &str) -> String {
    match family {
        Family::Party => format!("{number:02}-{type_code}/{issuer_code}"),
        Family::State => format!("{number:02}/{type_code}-{issuer_code}"),
    }
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

/// `ngày 12 tháng 01 năm 2023`: days below 10 and months 1 and 2 take a
/// leading zero, other months do not (NĐ 30 Phụ lục I §II.4.b; the same in
/// Party practice, spec A.6).
pub fn date_words(date: Date) -> String {
    let month = if date.month <= 2 { format!("{:02}", date.month) } else { date.month.to_string() };
    format!("ngày {:02} tháng {month} năm {}", date.day, date.year)
}

/// The place-and-date line: `Cẩm Lĩnh, ngày 12 tháng 01 năm 2023`.
pub fn place_date(place: &str, date: Date) -> String {
    format!("{place}, {}", date_words(date))
}

/// `NGHỊ QUYẾT` → `Nghị quyết`, for running text and PDF metadata.
pub fn sentence_case(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A number the Vietnamese way: `.` groups thousands, `,` marks decimals,
/// at most `decimals` of them and no trailing zeros: `21.000,5`, `43,75`.
///
/// Rounded once, half away from zero (`0,125` → `0,13`), from the decimal
/// the float stands for (`model::money::shown_decimal`): `1.005` is 1.005,
/// not the binary 1.00499999999999989… that would round down.
pub fn number_vi(value: f64, decimals: usize) -> String {
    match shown_decimal(value) {
        Some(d) => decimal_vi(d, u32::try_from(decimals).unwrap_or(u32::MAX)),
        // Beyond 7.9e28 or not finite: never a figure of a commune.
        None => value.to_string(),
    }
}

/// A decimal the Vietnamese way, rounded once to at most `decimals`, half
/// away from zero, without trailing zeros: `2,13`, `1.250`.
pub fn decimal_vi(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero).normalize();
    let text = rounded.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// An amount of money at the precision it was typed with, never rounded:
/// `1.250`, `350,5`, `27.729,3`.
pub fn money_vi(value: Money) -> String {
    decimal_vi(value.decimal(), Decimal::MAX_SCALE)
}

/// A value with its unit: `94,02%`, `51,39 triệu đồng/người/năm`, `1 hộ`.
pub fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{}%", number_vi(value, 2)),
        Some(u) if !u.is_empty() => format!("{} {u}", number_vi(value, 2)),
        _ => number_vi(value, 2),
    }
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

/// `30/06/2023`: the short date of tables and registers.
pub fn date_short(date: Date) -> String {
    format!("{:02}/{:02}/{}", date.day, date.month, date.year)
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
    fn numbers_use_vietnamese_separators() {
        let cases = [
            (43.75, 2, "43,75"),
            (21000.5, 2, "21.000,5"),
            (1250.0, 2, "1.250"),
            (1234567.891, 1, "1.234.567,9"),
            (0.004, 2, "0"),
            (-2.5, 2, "-2,5"),
            (999.999, 2, "1.000"),
            (100.0, 0, "100"),
        ];
        for (value, decimals, expected) in cases {
            assert_eq!(number_vi(value, decimals), expected, "{value}");
        }
    }

    #[test]
    fn shown_figures_round_once_half_away_from_zero() {
        // Ties of the decimal typed, not of its binary neighbour: `{:.2}`
        // prints 1.00, 2.67 and 0.12 for these.
        assert_eq!(number_vi(1.005, 2), "1,01");
        assert_eq!(number_vi(2.675, 2), "2,68");
        assert_eq!(number_vi(0.125, 2), "0,13");
        assert_eq!(number_vi(-0.125, 2), "-0,13");
        assert_eq!(number_vi(-0.001, 2), "0");
        assert_eq!(decimal_vi(Decimal::new(2_125, 3), 2), "2,13");
        assert_eq!(number_vi(f64::NAN, 2), "NaN");
    }

    #[test]
    fn money_is_shown_at_the_precision_typed() {
        let m = |t: &str| Money::parse(t).unwrap();
        assert_eq!(money_vi(m("27729.3")), "27.729,3");
        assert_eq!(money_vi(m("12.345")), "12,345");
        assert_eq!(money_vi(m("4690.00")), "4.690");
        assert_eq!(money_vi(Money::ZERO), "0");
    }

    #[test]
    fn sentence_case_handles_vietnamese() {
        assert_eq!(sentence_case("NGHỊ QUYẾT"), "Nghị quyết");
        assert_eq!(sentence_case("ĐỀ ÁN"), "Đề án");
        assert_eq!(sentence_case(""), "");
    }
}
