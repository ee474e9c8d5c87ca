//! Numbers written the Vietnamese way, once for every stage: `.` groups
//! thousands, `,` marks decimals (`21.000,5`), rounded once, half away
//! from zero, from the decimal a figure stands for. Reading numbers typed
//! as text is `numtext`.

use rust_decimal::{Decimal, RoundingStrategy};

/// The decimal a spreadsheet shows for `value`: 15 significant digits,
/// rounded from the float's exact value, trailing zeros dropped. `None` for
/// a value that is not finite or beyond the decimal's range (about 7.9e28);
/// below its last place (1e-28) a value is 0.
pub fn shown_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // `{:.14e}` rounds the float's exact binary value to 15 digits once.
    let decimal = match Decimal::from_scientific_lossy(&format!("{value:.14e}")) {
        Ok(decimal) => decimal,
        Err(_) if value.abs() < 1.0 => Decimal::ZERO,
        Err(_) => return None,
    };
    Some(if decimal.is_zero() { Decimal::ZERO } else { decimal.normalize() })
}

/// The float nearest to `value`. Through the decimal's text, since Rust's
/// float parsing rounds correctly and `rust_decimal`'s own conversion does not.
pub fn decimal_to_f64(value: Decimal) -> f64 {
    value.normalize().to_string().parse().unwrap_or(0.0)
}

/// A number the Vietnamese way: `.` groups thousands, `,` marks decimals,
/// at most `decimals` of them and no trailing zeros: `21.000,5`, `43,75`.
///
/// Rounded once, half away from zero (`0,125` → `0,13`), from the decimal
/// the float stands for ([`shown_decimal`]): `1.005` is 1.005,
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
    written(value, decimals, false)
}

/// A number with exactly `decimals` decimals, zeros kept: the ticks of a
/// chart's axis line up (`0,5`, `1,0`, `1,5`).
pub fn number_vi_fixed(value: f64, decimals: u32) -> String {
    match shown_decimal(value) {
        Some(d) => written(d, decimals, true),
        None => value.to_string(),
    }
}

fn written(value: Decimal, decimals: u32, keep_zeros: bool) -> String {
    let mut rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if keep_zeros {
        rounded.rescale(decimals);
    } else {
        rounded = rounded.normalize();
    }
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

/// A change with its sign, at most two decimals: `+1,5`, `-2`, `0`.
pub fn signed_vi(value: f64) -> String {
    let shown = number_vi(value, 2);
    if value > 0.0 && shown != "0" { format!("+{shown}") } else { shown }
}

/// A value with its unit: `94,02%`, `51,39 triệu đồng/người/năm`, `1 hộ`.
pub fn with_unit(value: f64, unit: Option<&str>) -> String {
    match unit {
        Some("%") => format!("{}%", number_vi(value, 2)),
        Some(u) if !u.is_empty() => format!("{} {u}", number_vi(value, 2)),
        _ => number_vi(value, 2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn changes_carry_their_sign() {
        assert_eq!(signed_vi(1.5), "+1,5");
        assert_eq!(signed_vi(-2.0), "-2");
        assert_eq!(signed_vi(0.0), "0");
        assert_eq!(signed_vi(1e-12), "0");
    }

    #[test]
    fn fixed_decimals_keep_their_zeros() {
        assert_eq!(number_vi_fixed(1.0, 1), "1,0");
        assert_eq!(number_vi_fixed(2.5, 2), "2,50");
        assert_eq!(number_vi_fixed(1234.0, 0), "1.234");
        assert_eq!(number_vi_fixed(-0.25, 1), "-0,3");
    }

    #[test]
    fn whole_and_decimal_figures_for_messages() {
        assert_eq!(number_vi(1250.0, 6), "1.250");
        assert_eq!(number_vi(120.5, 6), "120,5");
        assert_eq!(number_vi(-1_234_567.25, 6), "-1.234.567,25");
        assert_eq!(number_vi(0.0, 6), "0");
        assert_eq!(number_vi(0.1 + 0.2, 6), "0,3");
    }
}
