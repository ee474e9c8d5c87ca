//! ntm: issue a commune's new-rural-area documents from YAML data.
//!
//! The modules follow the pipeline: `load` (YAML into strict schemas) →
//! `validate` (business rules, all problems collected) → `render` (Tera body
//! → Markdown, `convert` Markdown → Typst, layout metadata) → `typeset`
//! (`typst compile` subprocess) → `archive` (atomic files in `output/`).
//! `evaluate` measures the commune against its criteria set from the village
//! survey workbooks (`load::survey`).
//! `pipeline` runs them; `cli` is the only place that prints and exits.

#[cfg(test)]
mod architecture;
pub mod archive;
pub mod cli;
pub mod convert;
pub mod dashboard;
pub mod diag;
pub mod digest;
pub mod docx;
pub mod error;
pub mod escape;
pub mod evaluate;
pub mod forms;
pub mod load;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod scaffold;
pub mod typeset;
pub mod validate;
pub mod vi;
pub mod weekly;
