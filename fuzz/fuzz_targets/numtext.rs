//! Fuzzes the Vietnamese text-number parser (`1.250`, `120,5`).
//!
//! The module is private to the survey reader, so its source file is
//! compiled in here as it is (it depends on nothing else of the crate); the
//! proper fix is a `#[doc(hidden)] pub` on `mod numtext` in
//! `src/load/survey/mod.rs`. Checks: never panics, a number parsed from
//! plain digits is those digits, exactly; `format` of a parsed value parses
//! back to it when it is a whole number of ordinary size.
#![no_main]

#[path = "../../src/vi/number.rs"]
#[allow(dead_code)]
mod number;
#[path = "../../src/vi/numtext.rs"]
#[allow(dead_code)]
mod numtext;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(value) = numtext::parse(text) else { return };
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
        let digits = compact.trim_start_matches('0');
        assert_eq!(value.to_string(), if digits.is_empty() { "0" } else { digits }, "{text:?}");
    }
    let float: f64 = value.to_string().parse().unwrap();
    if value.fract().is_zero() && float.abs() < 1e15 {
        let shown = number::number_vi(float, 6);
        assert_eq!(numtext::parse(&shown), Some(value), "{text:?} → {value} → {shown:?}");
    }
});
