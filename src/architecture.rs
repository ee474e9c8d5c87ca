//! The map of the crate, kept true by a test: each top-level module is a
//! stage of the pipeline or a leaf, and may import only the leaves and the
//! stages below it. The README's module table shows the same order.
//!
//! The test reads the sources (`src/**/*.rs`, test modules and comments
//! left out) for paths `crate::<module>` and fails on any that runs from a
//! stage to one above it, or from a leaf to any other module of ntm. A new
//! module must be placed here before it can be used.

#![cfg(test)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Leaves: imported by every stage, importing nothing of ntm.
const LEAVES: &[&str] = &["diag", "digest", "error", "escape", "vi"];

/// The stages, lowest first: each may import the ones before it.
const STAGES: &[&str] = &[
    "model",     // the validated workspace's types: dates, document types, criteria, plan
    "load",      // files into strict schemas and model types; workbooks; survey rounds
    "validate",  // business rules, every problem a diagnostic
    "evaluate",  // measures, verdicts, rounds compared, the history of rounds
    "convert",   // Markdown to Typst
    "typeset",   // typst compile
    "archive",   // files written whole, the register
    "forms",     // blank survey workbooks for the villages
    "weekly",    // the weekly report forms and reading them back
    "render",    // Tera body, layout metadata, view models
    "docx",      // the Word copy of a rendered document, beside the PDF
    "dashboard", // the static site of output/bang-theo-doi/, from render's view models
    "pipeline",  // check and build: the stages in order
    "scaffold",  // new workspaces, documents and criteria tables (`ntm init`, `new`, `criteria`)
    "cli",       // arguments, printing, exit codes
];

/// Which modules `module` may import.
fn allowed(module: &str) -> Option<Vec<&'static str>> {
    if LEAVES.contains(&module) {
        return Some(Vec::new());
    }
    let at = STAGES.iter().position(|s| *s == module)?;
    Some(LEAVES.iter().chain(&STAGES[..at]).copied().collect())
}

/// Every `crate::<module>` path of the file's code, with its line number;
/// comments and `#[cfg(test)] mod tests` blocks are not code.
fn imports(source: &str) -> Vec<(usize, String)> {
    let code = match source.find("#[cfg(test)]\nmod tests") {
        Some(cut) => &source[..cut],
        None => source,
    };
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or_default();
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !name.is_empty() {
                found.push((n + 1, name));
            }
            rest = after;
        }
    }
    found
}

/// Module of a source file: `src/load/survey/rows.rs` → `load`.
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

fn violations(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.expect("src is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(root).unwrap();
        let module = module_of(relative);
        if matches!(module.as_str(), "lib" | "main" | "architecture") {
            continue;
        }
        let Some(allowed) = allowed(&module) else {
            found.push(format!("{}: module `{module}` has no place in the map", relative.display()));
            continue;
        };
        // A module's own tests (a `tests/` folder or `tests.rs`) are test code too.
        if relative.components().any(|c| c.as_os_str() == "tests" || c.as_os_str() == "tests.rs") {
            continue;
        }
        let source = fs::read_to_string(path).expect("source is readable");
        for (line, target) in imports(&source) {
            if target != module && !allowed.contains(&target.as_str()) {
                found.push(format!("{}:{line}: `{module}` imports `{target}`", relative.display()));
            }
        }
    }
    found
}

#[test]
fn no_stage_imports_a_stage_above_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&root);
    assert!(found.is_empty(), "imports against the map of src/architecture.rs:\n{}", found.join("\n"));
}

#[test]
fn the_map_has_every_module_once() {
    let mut seen = BTreeMap::new();
    for module in LEAVES.iter().chain(STAGES) {
        *seen.entry(module).or_insert(0) += 1;
    }
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    for line in lib.lines().filter_map(|l| l.strip_prefix("pub mod ")) {
        let module = line.trim_end_matches(';');
        assert!(allowed(module).is_some(), "`{module}` is declared in lib.rs but has no place in the map");
    }
}

#[test]
fn the_check_sees_an_upward_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    fs::create_dir_all(src.join("load")).unwrap();
    fs::write(src.join("load/rounds.rs"), "use crate::archive::verify::InputDigest;\n// crate::cli in a comment\n")
        .unwrap();
    fs::write(src.join("vi.rs"), "pub fn f() { crate::model::Date::default(); }\n").unwrap();
    fs::write(src.join("render.rs"), "use crate::evaluate::X;\n#[cfg(test)]\nmod tests {\n use crate::cli;\n}\n")
        .unwrap();
    assert_eq!(violations(src), ["load/rounds.rs:1: `load` imports `archive`", "vi.rs:1: `vi` imports `model`"]);
}
