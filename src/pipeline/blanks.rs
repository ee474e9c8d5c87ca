//! A final document never shows a marked blank (`«cần điền: …»`): one
//! still in what it prints is an error at the line that holds it, in the
//! document's own file or the workspace file it comes from, and the
//! document is not issued. Drafts print blanks, highlighted.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::load;
use crate::model::Document;
use crate::render::Rendered;
use crate::vi::blank as placeholder;

/// The refusal for `doc` when what it prints holds a blank; `None` for a
/// draft or a document without one.
pub fn refusal(root: &Path, doc: &Document, rendered: &Rendered) -> Option<Diagnostic> {
    if doc.draft {
        return None;
    }
    let printed = [&rendered.markdown, &rendered.meta_json, &rendered.data_json];
    let blank = printed.iter().flat_map(|text| placeholder::find(text)).next()?;
    let location = origin(root, doc, &blank.text).unwrap_or_else(|| Location::file(&doc.source));
    Some(
        Diagnostic::error(
            location,
            format!("văn bản `{}` chưa phát hành được: còn chỗ cần điền {}", doc.id, blank.text),
        )
        .with_hint("thay chỗ cần điền bằng nội dung thật, hoặc ghi `status: draft` để in bản dự thảo"),
    )
}

/// Where `blank` is written: the document's file first, then the
/// workspace files its data comes from.
fn origin(root: &Path, doc: &Document, blank: &str) -> Option<Location> {
    let files: [PathBuf; 4] = [
        doc.source.clone(),
        root.join(load::COMMUNE_FILE),
        root.join(load::PLAN_FILE),
        root.join(load::ASSESSMENT_FILE),
    ];
    files.iter().find_map(|path| {
        let text = std::fs::read_to_string(path).ok()?;
        let found = placeholder::find(&text).into_iter().find(|f| f.text == blank)?;
        Some(Location::text(path, found.line, found.column))
    })
}
