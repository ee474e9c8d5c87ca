//! Stage 3, render: a validated document becomes the sources Typst compiles:
//! the body (Tera → Markdown → Typst markup) and the layout's metadata.
//!
//! Nothing here writes files; `ntm check` runs it to find template and
//! Markdown errors without typesetting.

pub mod body;
pub mod context;
pub mod format;
pub mod layouts;
pub mod meta;

use crate::convert;
use crate::diag::{Diagnostic, Location};
use crate::model::{Document, Workspace};
pub use layouts::Layouts;

/// The sources of one document, ready for its staging folder.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub symbol: String,
    /// The generated `main.typ`.
    pub main_typ: String,
    /// `meta.json`, pretty-printed so it can be read when inspecting a build.
    pub meta_json: String,
    /// The body after Tera, before conversion (kept for inspection).
    pub markdown: String,
}

/// `font` is the family to set when the document's settings name none.
pub fn render(workspace: &Workspace, doc: &Document, font: &str) -> Result<Rendered, Diagnostic> {
    let issuer = &workspace.commune.issuers[&doc.issuer];
    let symbol = format::symbol(doc.family, doc.number, &doc.type_code, &issuer.code);

    let context = context::BodyContext::new(workspace, doc, &symbol);
    let markdown = body::render(&doc.source, &doc.body, &context)?;
    let typst_body = convert::markdown_to_typst(&markdown).map_err(|err| {
        // The error's line is in the rendered Markdown, which matches the
        // template line for line unless the template's tags add lines.
        let (line, column) = doc.body.file_position(err.line, 1);
        Diagnostic::error(Location::text(&doc.source, line, column), format!("nội dung văn bản: {}", err.message))
    })?;

    let mut meta = meta::build(doc, &workspace.commune, &symbol);
    if meta.settings.font.is_empty() {
        meta.settings.font = vec![font.to_string()];
    }
    let meta_json = serde_json::to_string_pretty(&meta).expect("layout metadata is plain data") + "\n";
    let main_typ = format!(
        "// Tệp do ntm tạo từ {source}; sửa tệp nguồn rồi chạy lại `ntm build`, đừng sửa tệp này.\n\
         #import \"layouts/{entry}\": document\n\
         #show: document.with(json(\"meta.json\"))\n\n{typst_body}",
        source = doc.source.display(),
        entry = Layouts::entry(doc.family),
    );
    Ok(Rendered { symbol, main_typ, meta_json, markdown })
}
