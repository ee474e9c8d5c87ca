//! Money: incomes and budgets in million VND, held exactly in decimal.
//!
//! Summed as binary floats, incomes typed with one decimal printed as
//! `27729.299999999996`. A [`Money`] is a decimal (`rust_decimal`), so sums
//! are exact and print at the precision the data was typed with (`27729.3`).
//!
//! The rules, in the order a figure meets them:
//! - A number arrives from a spreadsheet cell or a YAML file as a binary
//!   float. It is read as the decimal a spreadsheet shows for it: rounded to
//!   15 significant digits, Excel's display precision ([`shown_decimal`]).
//!   Anything typed with at most 15 significant digits comes back exactly as
//!   typed, and formula noise (`0.30000000000000004`) becomes `0.3`.
//!   Text (`120,5`) is read straight into a decimal, never through a float.
//! - An amount is kept to the đồng (6 decimals of a million), half away from
//!   zero: no amount of money is finer, and it keeps every amount of a
//!   commune within the 15 significant digits a JSON number carries exactly.
//! - Sums are exact. Quotients (income per person) are exact to 28
//!   significant digits and rounded only where they are shown
//!   (`render::format`), once, half away from zero.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign};
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::vi::number::{decimal_to_f64, shown_decimal};

/// Decimals of a million VND kept in an amount: 6 is one đồng.
const DONG: u32 = 6;

/// An amount of million VND, to the đồng.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount from a decimal, rounded to the đồng; `None` from 10^15
    /// million up, more digits than a spreadsheet keeps.
    pub fn new(value: Decimal) -> Option<Money> {
        (value.abs() < Decimal::from(1_000_000_000_000_000u64))
            .then(|| Money(value.round_dp_with_strategy(DONG, RoundingStrategy::MidpointAwayFromZero)))
    }

    /// The amount a spreadsheet shows for a float cell (or a YAML number).
    pub fn from_f64(value: f64) -> Option<Money> {
        shown_decimal(value).and_then(Money::new)
    }

    /// `text` in the canonical form `1250.75`.
    pub fn parse(text: &str) -> Option<Money> {
        Decimal::from_str(text).ok().and_then(Money::new)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    pub fn to_f64(self) -> f64 {
        decimal_to_f64(self.0)
    }

    /// The amount shared among `count` (income per person): exact to 28
    /// significant digits, not rounded; `None` for no one.
    pub fn per(self, count: u64) -> Option<Decimal> {
        self.0.checked_div(Decimal::from(count))
    }
}

impl Add for Money {
    type Output = Money;

    /// Exact. Saturates rather than panic: amounts are below 10^15 and a
    /// sum of fewer than 10^13 of them cannot reach the decimal's limit.
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, other: Money) {
        *self = *self + other;
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

/// `27729.3`: the decimal without trailing zeros.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.normalize().fmt(f)
    }
}

/// A JSON number printed as the amount's decimal: a whole amount as an
/// integer (`1250`, not `1250.0`), another as the float whose shortest form
/// is the decimal — exact, since an amount to the đồng below 10^9 million
/// has at most 15 significant digits.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.fract().is_zero().then(|| self.0.to_i64()).flatten() {
            Some(whole) => serializer.serialize_i64(whole),
            None => serializer.serialize_f64(self.to_f64()),
        }
    }
}

/// From a number (read by [`Money::from_f64`]) or a decimal string; what
/// [`Serialize`] wrote reads back as the same amount.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Int(i64),
            Float(f64),
            Text(String),
        }
        let money = match Raw::deserialize(deserializer)? {
            Raw::Int(i) => Money::new(Decimal::from(i)),
            Raw::Float(f) => Money::from_f64(f),
            Raw::Text(t) => Money::parse(t.trim()),
        };
        money.ok_or_else(|| serde::de::Error::custom("not an amount of money"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    #[test]
    fn tenths_add_up_exactly() {
        let tenth = Money::from_f64(0.1).unwrap();
        let total: Money = [tenth, Money::from_f64(0.2).unwrap()].iter().sum();
        assert_eq!(total.to_string(), "0.3");
        assert_eq!(serde_json::to_string(&total).unwrap(), "0.3");
        assert_eq!(serde_json::to_string(&money("1250.0")).unwrap(), "1250");
    }

    #[test]
    fn a_float_reads_as_the_decimal_a_spreadsheet_shows() {
        let cases: &[(f64, &str)] = &[
            (27729.3, "27729.3"),
            (0.1 + 0.2, "0.3"),
            (44193.399999999965, "44193.4"),
            (120.5, "120.5"),
            (1250.0, "1250"),
            (123_456_789_012.345, "123456789012.345"),
            (0.0, "0"),
            (-0.0, "0"),
            (1e-30, "0"),
        ];
        for &(value, shown) in cases {
            assert_eq!(shown_decimal(value).unwrap().to_string(), shown, "{value:?}");
        }
        assert_eq!(shown_decimal(f64::NAN), None);
        assert_eq!(shown_decimal(1e30), None);
    }

    #[test]
    fn amounts_are_kept_to_the_dong() {
        assert_eq!(money("33.3333333333").to_string(), "33.333333");
        assert_eq!(money("0.0000005").to_string(), "0.000001");
        assert_eq!(Money::from_f64(1e15), None);
        assert_eq!(Money::from_f64(999_999_999_999_999.0).map(|m| m.to_string()), Some("999999999999999".into()));
    }

    #[test]
    fn json_reads_back_what_it_wrote_and_old_floats() {
        let m = money("369457.3");
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "369457.3");
        assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        // A register written when sums were floats.
        assert_eq!(serde_json::from_str::<Money>("44193.399999999965").unwrap(), money("44193.4"));
        assert_eq!(serde_json::from_str::<Money>("123456789012.34503").unwrap(), money("123456789012.345"));
        assert_eq!(serde_json::from_str::<Money>("\"120.5\"").unwrap(), money("120.5"));
        assert_eq!(serde_json::from_str::<Money>("12").unwrap(), money("12"));
        assert!(serde_json::from_str::<Money>("1e300").is_err());
    }

    #[test]
    fn per_person_is_not_rounded() {
        let per = money("369457.3").per(7189).unwrap();
        assert!(per.scale() > 20, "{per}");
        assert_eq!(money("1").per(0), None);
    }

    proptest! {
        #[test]
        fn typed_decimals_survive_the_float_cell(units in 0u64..1_000_000_000_000_000, scale in 0u32..7) {
            let typed = Decimal::new(units as i64, scale).normalize();
            let cell: f64 = typed.to_string().parse().unwrap();
            prop_assert_eq!(Money::from_f64(cell).map(Money::decimal), Some(typed));
            prop_assert_eq!(decimal_to_f64(typed), cell);
        }
    }
}
