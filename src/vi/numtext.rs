//! Numbers typed as text, in the Vietnamese convention.
//!
//! Villages often type figures into text-formatted cells, so `1.250` and
//! `120,5` arrive as strings. The rule of the contract: `.` groups thousands,
//! `,` is the decimal mark, and a single dot not followed by exactly three
//! digits (`120.5`) is read as a decimal point, since nobody groups thousands
//! that way. Anything ambiguous or malformed is not a number: a wrong figure
//! read silently is worse than an error at the cell.
//!
//! The text is read straight into a decimal, never through a float: `120,5`
//! is exactly 120.5, so sums of such figures are exact (`model::money`).

use std::str::FromStr;

use rust_decimal::Decimal;

/// Reads `text` as a number, or `None` when it is not one (or has more
/// digits than a decimal holds).
pub fn parse(text: &str) -> Option<Decimal> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (negative, body) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, compact.strip_prefix('+').unwrap_or(&compact)),
    };
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let canonical = match body.split_once(',') {
        Some((integer, fraction)) => {
            if fraction.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            format!("{}.{fraction}", grouped_integer(integer)?)
        }
        None => dotted(body)?,
    };
    let value = Decimal::from_str(&canonical).ok()?;
    Some(if negative && !value.is_zero() { -value } else { value })
}

/// A number without a comma: plain digits, thousands groups (`1.250.000`),
/// or one decimal point (`120.5`).
fn dotted(body: &str) -> Option<String> {
    let parts: Vec<&str> = body.split('.').collect();
    match parts.as_slice() {
        [digits] => plain_digits(digits).map(str::to_string),
        [integer, fraction] if fraction.len() != 3 => {
            Some(format!("{}.{}", plain_digits(integer)?, plain_digits(fraction)?))
        }
        _ => grouped_integer(body),
    }
}

/// The integer part before a decimal comma: digits, optionally grouped by
/// dots in threes (`1.250`), never starting or ending with a dot.
fn grouped_integer(integer: &str) -> Option<String> {
    let mut groups = integer.split('.');
    let first = plain_digits(groups.next()?)?;
    let mut out = first.to_string();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 {
            return None;
        }
        out.push_str(plain_digits(group)?);
        grouped = true;
    }
    if grouped && first.len() > 3 {
        return None;
    }
    Some(out)
}

fn plain_digits(digits: &str) -> Option<&str> {
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::number::decimal_to_f64;
    use proptest::prelude::*;

    fn parse_f64(text: &str) -> Option<f64> {
        parse(text).map(decimal_to_f64)
    }

    #[test]
    fn table_of_cases() {
        let cases: &[(&str, Option<f64>)] = &[
            ("0", Some(0.0)),
            ("12", Some(12.0)),
            ("007", Some(7.0)),
            ("1.250", Some(1250.0)),
            ("1.250.000", Some(1_250_000.0)),
            ("120,5", Some(120.5)),
            ("1.250,75", Some(1250.75)),
            ("120.5", Some(120.5)),
            ("120.50", Some(120.5)),
            ("0.1234", Some(0.1234)),
            (" 1 250 ", Some(1250.0)),
            ("1\u{a0}250,5", Some(1250.5)),
            ("-3", Some(-3.0)),
            ("+4,5", Some(4.5)),
            ("", None),
            ("   ", None),
            ("-", None),
            ("abc", None),
            ("12a", None),
            ("1,2,3", None),
            ("1,250.5", None),
            ("1.25,5", None),
            ("1234.567", None),
            ("1..250", None),
            (".5", None),
            ("5.", None),
            ("5,", None),
            (",5", None),
            ("1.2.3", None),
            ("12%", None),
            ("1e3", None),
            ("--1", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_f64(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn decimals_are_exact_not_floats() {
        assert_eq!(parse("27.729,3"), Some(Decimal::new(277_293, 1)));
        assert_eq!(parse("0,1"), Some(Decimal::new(1, 1)));
        assert_eq!(parse("-0"), Some(Decimal::ZERO));
        assert!(!parse("-0").unwrap().is_sign_negative());
        // More digits than a decimal holds: not a number, never a panic.
        assert_eq!(parse(&"9".repeat(40)), None);
    }

    proptest! {
        #[test]
        fn grouped_integers_round_trip(n in 0u64..1_000_000_000_000) {
            prop_assert_eq!(parse(&crate::vi::number::number_vi(n as f64, 0)), Some(Decimal::from(n)));
        }

        #[test]
        fn comma_decimals_round_trip(n in 0u64..10_000_000, hundredths in 0u32..100) {
            let text = format!("{},{:02}", crate::vi::number::number_vi(n as f64, 0), hundredths);
            let expected = Decimal::from(n) + Decimal::new(i64::from(hundredths), 2);
            prop_assert_eq!(parse(&text), Some(expected), "{}", text);
        }

        #[test]
        fn dot_decimals_not_of_three_digits(n in 0u64..1_000_000, fraction in "[0-9]{1,2}|[0-9]{4,6}") {
            let text = format!("{n}.{fraction}");
            let expected: f64 = text.parse().unwrap();
            prop_assert_eq!(parse_f64(&text), Some(expected));
        }

        #[test]
        fn spaces_never_matter(n in 0u64..1_000_000_000, at in 0usize..12) {
            let text = crate::vi::number::number_vi(n as f64, 0);
            let cut = at.min(text.len());
            let spaced = format!(" {} {} ", &text[..cut], &text[cut..]);
            prop_assert_eq!(parse(&spaced), parse(&text));
        }

        #[test]
        fn never_panics(text in "\\PC{0,16}") {
            let _ = parse(&text);
        }
    }
}
