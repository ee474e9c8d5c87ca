//! Stage beside `typeset`: the Word copy of a rendered document (`.docx`),
//! for the round of comments a draft goes through before it is signed.
//!
//! It is written from the same rendered sources as the PDF, never from a
//! second template: the body's Markdown (`body.md`, read with
//! pulldown-cmark as `convert` reads it), the layout metadata (`meta.json`)
//! and the components' data (`data.json`), read as leniently as the Typst
//! layouts read them. The layout rules are the family's
//! (`/shared/spec/document-format.md`): A4 and the family's margins, Times
//! New Roman at the family's sizes, the header and the end block as
//! borderless tables, page numbers from page 2. Each attached document
//! (a regulation "ban hành kèm theo" a decision) follows on a new page, a
//! section of its own whose page numbers start again.
//!
//! Every piece of text reaches the XML through docx-rs's text runs (or, for
//! the document properties, quick-xml's text events), which escape it: no
//! XML is ever written by hand around user text. Same inputs, same bytes:
//! ids are numbered per document and the zip entries carry the document's
//! date (`package.rs`). A `.docx` is never read back: the PDF and the
//! register stay the record.

mod body;
mod charts;
mod components;
mod end;
mod front;
mod json;
mod package;
mod structure;
mod text;

use docx_rs::{
    AlignmentType, Docx, FieldCharType, Footer, Header, InstrPAGE, InstrText, LineSpacing, LineSpacingType, PageMargin,
    PageNumType, Paragraph, Run, RunFonts, SectionProperty, Style, StyleType, Tab, TabValueType, VertAlignType,
};
use serde_json::Value;

pub use charts::{CHART_COMPONENTS, Chart, PPI, chart_source};
use json::{num, str_of};
use text::{Look, twips};

/// What a `.docx` is written from: the rendered sources of one document.
pub struct Sources<'a> {
    /// The body after Tera (`body.md`).
    pub markdown: &'a str,
    /// The attached documents' bodies after Tera, in the order of
    /// `meta.json`'s `attachments`.
    pub attachments: &'a [String],
    pub meta_json: &'a str,
    pub data_json: &'a str,
    /// The pictures of the document's charts, by component name.
    pub charts: &'a [Chart],
}

/// A document the writer could not read back from its own sources (a
/// layout metadata file that is not JSON): an internal fault, reported in
/// Vietnamese with the document.
#[derive(Debug, thiserror::Error)]
#[error("không tạo được bản Word (.docx): {0}")]
pub struct DocxError(pub String);

/// A block of the document body, in order. Paragraphs are the large
/// variant and the most common one: boxing them would only add noise.
#[allow(clippy::large_enum_variant)]
enum Block {
    P(Paragraph),
    T(docx_rs::Table),
}

/// The `.docx` bytes of one document.
pub fn write(sources: &Sources) -> Result<Vec<u8>, DocxError> {
    let meta: Value = serde_json::from_str(sources.meta_json).map_err(|e| DocxError(format!("meta.json: {e}")))?;
    let data: Value = serde_json::from_str(sources.data_json).map_err(|e| DocxError(format!("data.json: {e}")))?;
    let look = Look::new(&meta);
    // docx-rs numbers paragraphs from a per-thread counter that only a
    // build resets: reset it before this document's first paragraph, so
    // its ids do not depend on what the thread wrote before.
    let _ = Docx::new().build();

    let mut notes = body::Notes::default();
    let mut part = |front: Vec<Block>, markdown: &str, end: &Value| {
        let body = body::body(markdown, &data, sources.charts, &look, &mut notes);
        let mut blocks = front;
        blocks.extend(body.main);
        blocks.extend(end::end_block(end, &look));
        blocks.extend(body.annexes);
        blocks
    };
    let mut parts = vec![part(front::front(&meta, &look), sources.markdown, &meta)];
    for (i, markdown) in sources.attachments.iter().enumerate() {
        let attachment = &meta["attachments"][i];
        // Its signature only: an attached document has no Nơi nhận.
        let end = serde_json::json!({"signature": attachment["signature"]});
        parts.push(part(front::attachment_front(&meta, attachment, &look), markdown, &end));
    }

    let mut docx = setup(Docx::new(), &meta, &look);
    // Every section refers to the same page headers (the number from
    // page 2); an attached document's section numbers its pages from 1.
    let section = docx.document.section_property.clone();
    let restart = || PageNumType::new().start(1);
    let last = parts.len() - 1;
    for (i, blocks) in parts.into_iter().enumerate() {
        for block in blocks {
            docx = match block {
                Block::P(p) => docx.add_paragraph(p),
                Block::T(t) => docx.add_table(t),
            };
        }
        if i < last {
            let property = if i == 0 { section.clone() } else { section.clone().page_num_type(restart()) };
            docx = docx.add_paragraph(section_end(property));
        }
    }
    if last > 0 {
        docx = docx.page_num_type(restart());
    }
    package::pack(docx, &meta).map_err(|e| DocxError(e.to_string()))
}

/// The paragraph that ends a section (Word keeps a section's page setup
/// in its last paragraph), a point tall: the next section starts on a new
/// page, Word's default section break.
fn section_end(property: SectionProperty) -> Paragraph {
    text::tight(AlignmentType::Left)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(20).before(0).after(0))
        .section_property(property)
}

/// Page, fonts, styles, page-number headers.
fn setup(docx: Docx, meta: &Value, look: &Look) -> Docx {
    let settings = &meta["settings"];
    let margins = &settings["margins"];
    let mm = |key: &str, default: f64| twips(num(&margins[key]).unwrap_or(default));
    let (top, bottom, left, right) = (mm("top", 20.0), mm("bottom", 20.0), mm("left", 30.0), mm("right", 15.0));
    // Party: the number 10 mm from the top edge (page_number_top); State:
    // centred in the top margin (spec A.1 / B.1).
    let pn_size = num(&settings["page_number_size"]).unwrap_or(14.0);
    let header_distance = match look.party {
        true => twips(num(&settings["page_number_top"]).unwrap_or(10.0)),
        false => ((top as f64 - pn_size * 20.0) / 2.0).max(0.0) as i32,
    };
    let fonts = RunFonts::new().ascii(&look.font).hi_ansi(&look.font).cs(&look.font).east_asia(&look.font);
    let mut footnote_reference = Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    footnote_reference.run_property = footnote_reference.run_property.vert_align(VertAlignType::SuperScript);
    let draft = meta["draft"].as_bool() == Some(true);
    docx.page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(top)
                .bottom(bottom)
                .left(left)
                .right(right)
                .header(header_distance)
                .footer(0)
                .gutter(0),
        )
        .default_fonts(fonts)
        .default_size(text::half_points(look.body))
        .add_style(footnote_reference)
        .first_header(page_header(look, None, draft))
        .header(page_header(look, Some(pn_size), draft))
        .first_footer(Footer::new())
        .footer(Footer::new())
        .title_pg()
}

/// The page header: the page number centred over the text (none on the
/// first page), and "DỰ THẢO" at the right on every page of a draft.
fn page_header(look: &Look, page_number: Option<f64>, draft: bool) -> Header {
    let width = look.text_width;
    let mut p = Paragraph::new()
        .add_tab(Tab::new().val(TabValueType::Center).pos(width / 2))
        .add_tab(Tab::new().val(TabValueType::Right).pos(width))
        .line_spacing(LineSpacing::new().before(0).after(0));
    p = p.add_run(Run::new().add_tab());
    if let Some(size) = page_number {
        let field = |t| Run::new().size(text::half_points(size)).add_field_char(t, false);
        p = p
            .add_run(field(FieldCharType::Begin))
            .add_run(Run::new().size(text::half_points(size)).add_instr_text(InstrText::PAGE(InstrPAGE::new())))
            .add_run(field(FieldCharType::Separate))
            .add_run(Run::new().size(text::half_points(size)).add_text("2"))
            .add_run(field(FieldCharType::End));
    }
    if draft {
        p = p.add_run(Run::new().add_tab().add_text(text::DRAFT_MARK).bold().size(text::half_points(look.body)));
    }
    Header::new().add_paragraph(p.align(AlignmentType::Left))
}

/// The document's title for its properties, and its issuing body.
fn properties(meta: &Value) -> (String, String) {
    (str_of(&meta["pdf"]["title"]), str_of(&meta["pdf"]["author"]))
}
