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
    short_decimal(value).or_else(|| formatted_decimal(value))
}

/// [`shown_decimal`] through the float's text, for any finite float.
fn formatted_decimal(value: f64) -> Option<Decimal> {
    // `{:.14e}` rounds the float's exact binary value to 15 digits once.
    let decimal = match Decimal::from_scientific_lossy(&format!("{value:.14e}")) {
        Ok(decimal) => decimal,
        Err(_) if value.abs() < 1.0 => Decimal::ZERO,
        Err(_) => return None,
    };
    Some(if decimal.is_zero() { Decimal::ZERO } else { decimal.normalize() })
}

/// The decimal of at most 15 significant digits and 6 places that `value`
/// is the nearest float to, if there is one: what a cell typed as `4` or
/// `123,4` holds, found without formatting the float (that was an eighth
/// of the intake). It is what [`shown_decimal`] gives: a decimal of 15
/// digits or fewer survives the trip to the nearest float and back to 15
/// digits unchanged (`f64::DIGITS`), so rounding the float to 15 digits
/// finds this decimal again.
fn short_decimal(value: f64) -> Option<Decimal> {
    const LIMIT: f64 = 1e15;
    const POWERS: [f64; 7] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6];
    if value == 0.0 {
        return Some(Decimal::ZERO);
    }
    for (places, power) in POWERS.iter().enumerate() {
        let digits = (value * power).round();
        if digits.abs() >= LIMIT {
            return None;
        }
        // Both operands are exact (|digits| < 2^53, power ≤ 10^22), so the
        // quotient is the float nearest to digits / 10^places: equal to
        // `value` exactly when `value` is the float of that decimal.
        if digits / power == value {
            return Some(Decimal::new(digits as i64, places as u32).normalize());
        }
    }
    None
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
    fn short_decimals_are_the_shown_decimals() {
        let cases = [
            4.0,
            123.4,
            0.1,
            0.1 + 0.2,
            1.005,
            2.675,
            1e-7,
            999_999_999_999_999.0,
            99_999_999.999_999,
            -0.0,
            -12.25,
            1.0 / 3.0,
            123_456.789_012_3,
            0.000_001,
            5e-324,
            1e15,
            1.234_567_890_123_45e14,
        ];
        for value in cases {
            assert_eq!(shown_decimal(value), formatted_decimal(value), "{value:e}");
            if let Some(short) = short_decimal(value) {
                assert_eq!(Some(short.to_string()), formatted_decimal(value).map(|d| d.to_string()), "{value:e}");
            }
        }
        assert_eq!(short_decimal(123.4), Some(Decimal::new(1234, 1)));
        assert_eq!(short_decimal(1.0 / 3.0), None);
    }

    proptest::proptest! {
        /// Figures as typed (up to 15 digits, up to 6 places) are found
        /// without formatting, as the formatting would find them.
        #[test]
        fn typed_figures_take_the_short_path(digits in -999_999_999_999_999i64..=999_999_999_999_999, places in 0u32..=6) {
            let value = Decimal::new(digits, places).to_string().parse::<f64>().unwrap();
            let short = short_decimal(value);
            proptest::prop_assert!(short.is_some(), "{value:e}");
            proptest::prop_assert_eq!(short.map(|d| d.to_string()), formatted_decimal(value).map(|d| d.to_string()));
        }

        /// Any float the short path takes, it reads as the formatting does.
        #[test]
        fn the_short_path_agrees_on_any_float(bits in proptest::num::u64::ANY) {
            let value = f64::from_bits(bits);
            if let Some(short) = short_decimal(value).filter(|_| value.is_finite()) {
                proptest::prop_assert_eq!(Some(short.to_string()), formatted_decimal(value).map(|d| d.to_string()));
            }
        }
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
