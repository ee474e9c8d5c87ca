//! The event-to-markup writer behind [`super::markdown_to_typst`].
//!
//! Each open Markdown container gets a frame with its own buffer; when the
//! container closes, the buffer is wrapped in the matching Typst element call
//! and appended to the parent. Buffering is needed because some calls depend
//! on what comes later (a list is only known to be loose, and a table's rows
//! complete, once it ends).

use std::ops::Range;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag};

use super::calls::{list, table};
use super::{ConvertError, Document, footnote_key, matching_end, missing_footnote};
use crate::escape::{typst_markup, typst_string};
use crate::model::component::Component;

/// Footnotes may cite other footnotes, but only this deep: each level copies
/// the cited note in full, so deep chains grow the output exponentially.
const MAX_FOOTNOTE_DEPTH: usize = 3;

/// Lists and quotes nest at most this deep. Typst gives up, with an error
/// the user could not relate to the Markdown, at about 17 nested quotes
/// before the layout's own show rules are counted; real documents need 3.
const MAX_NESTING: usize = 8;

/// Info-string prefix of a component fence.
pub const COMPONENT_PREFIX: &str = "ntm:";

/// Typst refuses longer link destinations.
const MAX_URL_BYTES: usize = 8000;

enum Kind {
    Root,
    Paragraph,
    Heading(usize),
    Quote,
    /// An inline element function such as `emph`.
    Inline(&'static str),
    /// Destination already escaped for a string literal; `None` when empty.
    Link(Option<String>),
    List {
        start: Option<u64>,
        loose: bool,
        items: Vec<String>,
    },
    Item {
        has_paragraph: bool,
    },
    Table {
        align: Vec<Alignment>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    TableHead(Vec<String>),
    TableRow(Vec<String>),
    TableCell,
    CodeBlock,
    /// A ```` ```ntm:NAME ```` fence: a table or chart the layout draws
    /// from the document's data.
    Component(String),
    /// Block content with no Typst counterpart (HTML blocks, definition
    /// lists): shown as plain paragraphs.
    Plain,
}

struct Frame {
    kind: Kind,
    buf: String,
}

impl Frame {
    fn new(kind: Kind) -> Self {
        Frame { kind, buf: String::new() }
    }

    /// Appends block-level markup, ending it with a paragraph break.
    fn push_block(&mut self, markup: &str) {
        if !self.buf.is_empty() && !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
        self.buf.push_str(markup);
        self.buf.push_str("\n\n");
    }
}

/// Renders the events in `range` of `doc`. `citing` holds the labels of the
/// footnotes currently being expanded, to stop cycles.
pub(super) fn render(doc: &Document, range: Range<usize>, citing: &mut Vec<String>) -> Result<String, ConvertError> {
    let mut stack = vec![Frame::new(Kind::Root)];
    let mut i = range.start;
    while i < range.end {
        let (event, span) = &doc.events[i];
        match event {
            Event::Start(Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_)) => {
                // Definitions are rendered where they are cited; metadata is
                // not content.
                i = matching_end(&doc.events, i);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                return Err(doc.error(span.start, format!("Văn bản không hỗ trợ chèn hình ảnh ({dest_url})")));
            }
            Event::Start(Tag::Link { link_type, dest_url, .. })
                if link_target(*link_type, dest_url).len() > MAX_URL_BYTES =>
            {
                return Err(doc.error(span.start, format!("Đường dẫn quá dài (tối đa {MAX_URL_BYTES} byte)")));
            }
            Event::Start(tag @ (Tag::List(_) | Tag::BlockQuote(_))) if nesting(&stack) >= MAX_NESTING => {
                let what = match tag {
                    Tag::List(_) => "Danh sách",
                    _ => "Trích dẫn",
                };
                return Err(doc.error(
                    span.start,
                    format!(
                        "{what} lồng nhau quá nhiều cấp: danh sách và trích dẫn \
                         chỉ được lồng vào nhau tối đa {MAX_NESTING} cấp"
                    ),
                ));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim().starts_with(COMPONENT_PREFIX) => {
                let name = info.trim()[COMPONENT_PREFIX.len()..].trim();
                if Component::from_name(name).is_none() {
                    return Err(doc.error(
                        span.start,
                        format!(
                            "không có khối `{COMPONENT_PREFIX}{name}`; các khối có: {}",
                            Component::ALL.map(Component::name).join(", ")
                        ),
                    ));
                }
                stack.push(Frame::new(Kind::Component(name.to_string())));
            }
            Event::Start(tag) => {
                let kind = open(tag, &mut stack);
                stack.push(Frame::new(kind));
            }
            Event::End(_) => {
                // The root frame is never closed, whatever the input.
                if stack.len() > 1 {
                    let frame = stack.pop().expect("stack has a frame beyond the root");
                    close(frame, top(&mut stack));
                }
            }
            Event::Text(text) => {
                let frame = top(&mut stack);
                if let Kind::CodeBlock | Kind::Component(_) = frame.kind {
                    frame.buf.push_str(text);
                } else {
                    frame.buf.push_str(&marked_text(text));
                }
            }
            Event::Code(code) => {
                let markup = format!("#raw(\"{}\")", typst_string(code));
                top(&mut stack).buf.push_str(&markup);
            }
            Event::InlineMath(math) => {
                top(&mut stack).buf.push_str(&typst_markup(&format!("${math}$")));
            }
            Event::DisplayMath(math) => {
                top(&mut stack).buf.push_str(&typst_markup(&format!("$${math}$$")));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                top(&mut stack).buf.push_str(&typst_markup(html));
            }
            Event::FootnoteReference(label) => {
                let note = footnote(doc, label, span.start, citing)?;
                top(&mut stack).buf.push_str(&note);
            }
            Event::SoftBreak => top(&mut stack).buf.push(' '),
            Event::HardBreak => top(&mut stack).buf.push_str("#linebreak()\n"),
            Event::Rule => top(&mut stack).push_block("#align(center, line(length: 30%))"),
            Event::TaskListMarker(done) => {
                top(&mut stack).buf.push_str(if *done { "☑ " } else { "☐ " });
            }
        }
        i += 1;
    }
    // Unclosed frames cannot come from pulldown-cmark; fold them anyway so no
    // content is lost.
    while stack.len() > 1 {
        let frame = stack.pop().expect("stack has a frame beyond the root");
        close(frame, top(&mut stack));
    }
    Ok(stack.pop().map(|root| root.buf).unwrap_or_default())
}

/// Body text as markup, its marked blanks (`«cần điền: …»`, only ever
/// printed in drafts) highlighted so nobody mistakes them for text.
fn marked_text(text: &str) -> String {
    crate::vi::blank::split(text)
        .into_iter()
        .map(|(run, blank)| if blank { format!("#highlight[{}]", typst_markup(run)) } else { typst_markup(run) })
        .collect()
}

fn nesting(stack: &[Frame]) -> usize {
    stack.iter().filter(|frame| matches!(frame.kind, Kind::List { .. } | Kind::Quote)).count()
}

fn top(stack: &mut [Frame]) -> &mut Frame {
    stack.last_mut().expect("the root frame is never popped")
}

/// The frame kind for a container that starts with `tag`.
fn open(tag: &Tag, stack: &mut [Frame]) -> Kind {
    match tag {
        Tag::Paragraph => {
            // A list is loose exactly when its items contain paragraphs.
            if let Kind::Item { has_paragraph } = &mut top(stack).kind {
                *has_paragraph = true;
            }
            Kind::Paragraph
        }
        Tag::Heading { level, .. } => Kind::Heading(*level as usize),
        Tag::BlockQuote(_) => Kind::Quote,
        Tag::CodeBlock(_) => Kind::CodeBlock,
        Tag::List(start) => Kind::List { start: *start, loose: false, items: Vec::new() },
        Tag::Item => Kind::Item { has_paragraph: false },
        Tag::Table(align) => Kind::Table { align: align.clone(), header: Vec::new(), rows: Vec::new() },
        Tag::TableHead => Kind::TableHead(Vec::new()),
        Tag::TableRow => Kind::TableRow(Vec::new()),
        Tag::TableCell => Kind::TableCell,
        Tag::Emphasis => Kind::Inline("emph"),
        Tag::Strong => Kind::Inline("strong"),
        Tag::Strikethrough => Kind::Inline("strike"),
        Tag::Superscript => Kind::Inline("super"),
        Tag::Subscript => Kind::Inline("sub"),
        Tag::Link { link_type, dest_url, .. } => {
            let url = link_target(*link_type, dest_url);
            // Typst rejects empty URLs; an empty Markdown link is just text.
            Kind::Link((!url.is_empty()).then(|| typst_string(&url)))
        }
        Tag::HtmlBlock
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition
        | Tag::FootnoteDefinition(_)
        | Tag::MetadataBlock(_)
        | Tag::Image { .. } => Kind::Plain,
    }
}

/// Wraps a finished frame's content and appends it to `parent`.
fn close(frame: Frame, parent: &mut Frame) {
    let Frame { kind, buf } = frame;
    match kind {
        Kind::Root | Kind::Paragraph => parent.push_block(trim(&buf)),
        Kind::Plain => {
            if !trim(&buf).is_empty() {
                parent.push_block(trim(&buf));
            }
        }
        Kind::Heading(level) => {
            parent.push_block(&format!("#heading(level: {level})[{}]", trim(&buf)));
        }
        Kind::Quote => parent.push_block(&format!("#quote(block: true)[{}]", trim(&buf))),
        Kind::Inline(function) => parent.buf.push_str(&format!("#{function}[{buf}]")),
        Kind::Link(Some(url)) => parent.buf.push_str(&format!("#link(\"{url}\")[{buf}]")),
        Kind::Link(None) => parent.buf.push_str(&buf),
        Kind::List { start, loose, items } => parent.push_block(&list(start, loose, &items)),
        Kind::Item { has_paragraph } => match &mut parent.kind {
            Kind::List { loose, items, .. } => {
                *loose |= has_paragraph;
                items.push(trim(&buf).to_owned());
            }
            _ => parent.push_block(trim(&buf)),
        },
        Kind::Table { align, header, rows } => parent.push_block(&table(&align, &header, &rows)),
        Kind::TableHead(cells) => match &mut parent.kind {
            Kind::Table { header, .. } => *header = cells,
            _ => parent.push_block(&cells.join(" ")),
        },
        Kind::TableRow(cells) => match &mut parent.kind {
            Kind::Table { rows, .. } => rows.push(cells),
            _ => parent.push_block(&cells.join(" ")),
        },
        Kind::TableCell => match &mut parent.kind {
            Kind::TableHead(cells) | Kind::TableRow(cells) => cells.push(trim(&buf).to_owned()),
            _ => parent.buf.push_str(&buf),
        },
        // The name was checked against `COMPONENTS`; the fence's content is
        // ignored (the data comes from the workspace, not the body).
        // An annex goes after the signature block: the layout splits the
        // body at this marker.
        Kind::Component(name) if name.ends_with("-annex") => {
            parent.push_block(&format!("#metadata(\"ntm-annex\")\n#component(\"{name}\")"))
        }
        Kind::Component(name) => parent.push_block(&format!("#component(\"{name}\")")),
        Kind::CodeBlock => {
            // The fence's closing line ending is not part of the code.
            let code = buf.strip_suffix('\n').unwrap_or(&buf);
            parent.push_block(&format!("#raw(block: true, \"{}\")", typst_string(code)));
        }
    }
}

fn link_target(link_type: LinkType, dest_url: &str) -> String {
    match link_type {
        LinkType::Email => format!("mailto:{dest_url}"),
        _ => dest_url.to_owned(),
    }
}

/// Drops the paragraph breaks and spaces the writer leaves at the end of a
/// container. Only ASCII space and newline: other whitespace is the author's.
fn trim(markup: &str) -> &str {
    markup.trim_end_matches([' ', '\n'])
}

/// `#footnote[...]` holding the definition of `label`, cited at `offset`.
fn footnote(doc: &Document, label: &str, offset: usize, citing: &mut Vec<String>) -> Result<String, ConvertError> {
    let key = footnote_key(label);
    let Some(range) = doc.footnotes.get(&key) else {
        return Err(missing_footnote(doc, offset, label));
    };
    if citing.contains(&key) {
        return Err(doc.error(offset, format!("Chú thích [^{label}] dẫn lại chính nó qua các chú thích khác")));
    }
    if citing.len() >= MAX_FOOTNOTE_DEPTH {
        return Err(doc.error(offset, format!("Chú thích [^{label}] lồng quá nhiều cấp trong các chú thích khác")));
    }
    citing.push(key);
    let content = render(doc, range.clone(), citing);
    citing.pop();
    Ok(format!("#footnote[{}]", trim(&content?)))
}
