//! Fuzzes the survey reader with arbitrary file bytes under a workbook's
//! name: the reader must give one clean error per bad file, never panic
//! past its guard, abort or exhaust memory (libFuzzer's -rss_limit_mb and
//! -malloc_limit_mb catch the latter).
//!
//! Seeds: the example workbooks (`fuzz/seed.sh`).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The last byte picks the name: the reader tries the readers in the
    // order the extension suggests.
    let name = match data.last() {
        Some(b) if b % 3 == 1 => "thon-1.ods",
        Some(b) if b % 3 == 2 => "thon-1.xls",
        _ => "thon-1.xlsx",
    };
    common::read_as(name, data);
});
