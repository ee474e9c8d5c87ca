//! Fuzzes the Vietnamese text-number parser (`1.250`, `120,5`).
//!
//! The module is private to the survey reader, so its source file is
//! compiled in here as it is (it depends on nothing else of the crate); the
//! proper fix is a `#[doc(hidden)] pub` on `mod numtext` in
//! `src/load/survey/mod.rs`. Checks: never panics, a number parsed is finite
//! and, for plain digits, equals Rust's own reading; `format` of a parsed
//! value parses back to it when it is a whole number of ordinary size.
#![no_main]

#[path = "../../src/vi/numtext.rs"]
#[allow(dead_code)]
mod numtext;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Some(value) = numtext::parse(text) else { return };
    assert!(value.is_finite() || text.len() > 300, "{text:?} gave {value}");
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.bytes().all(|b| b.is_ascii_digit()) {
        assert_eq!(Some(value), compact.parse::<f64>().ok(), "{text:?}");
    }
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let shown = numtext::format(value);
        assert_eq!(numtext::parse(&shown), Some(value), "{text:?} → {value} → {shown:?}");
    }
});
