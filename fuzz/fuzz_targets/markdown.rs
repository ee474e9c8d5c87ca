//! Fuzzes the Markdown → Typst converter with arbitrary UTF-8.
//!
//! Beyond "never panics", it checks the promises the layouts rely on: the
//! result is deterministic, is empty or ends with one newline, and holds no
//! control character but the line feed (text is cleaned by the escapers, and
//! string literals spell `\n`, `\t` as escapes), so no input can smuggle a
//! raw control character into `main.typ`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|md: &str| {
    let first = ntm::convert::markdown_to_typst(md);
    let second = ntm::convert::markdown_to_typst(md);
    assert_eq!(first, second, "conversion is not deterministic");
    match first {
        Ok(typst) => {
            assert!(typst.is_empty() || (typst.ends_with('\n') && !typst.ends_with("\n\n")), "{typst:?}");
            if let Some(c) = typst.chars().find(|&c| c.is_control() && c != '\n') {
                panic!("raw control character {c:?} in {typst:?}");
            }
        }
        Err(err) => {
            // An error points at a line of the input.
            let lines = md.split(['\n', '\r']).count().max(1);
            assert!(err.line >= 1 && err.line <= lines + 1, "line {} of {lines}: {err}", err.line);
            assert!(!err.message.is_empty());
        }
    }
});
