//! Conversion of a rendered Markdown body into Typst markup.
//!
//! This is the only place where Typst markup is written from the document
//! body: every piece of text goes through [`crate::escape`], and structure is
//! expressed with standard Typst element functions (`heading`, `enum`,
//! `table`, `quote`, ...) so the layout template styles it with show and set
//! rules. Output is deterministic: the same input always gives the same bytes.

mod calls;
mod lines;
mod render;
pub use render::COMPONENT_PREFIX;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use lines::LineIndex;

/// A Markdown construct that cannot be turned into Typst, with the 1-based
/// line of the Markdown input where it occurs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("dòng {line}: {message}")]
pub struct ConvertError {
    /// 1-based line number in the Markdown passed to [`markdown_to_typst`].
    pub line: usize,
    /// Explanation for the user, in Vietnamese.
    pub message: String,
}

/// The pulldown-cmark extensions ntm documents may use.
///
/// Smart punctuation and math stay off so the author's characters are kept
/// exactly as typed.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Converts a Markdown document into Typst markup meant to be included in the
/// body of a layout template.
///
/// The result is a sequence of blocks separated by blank lines and ending
/// with one newline, or empty for a blank document.
///
/// Fails, pointing at the offending line, on images (documents carry no
/// pictures), footnote references without a definition, footnotes citing
/// themselves or nested more than 3 deep, lists and quotes nested more than 8
/// deep, and link destinations Typst would reject as too long; and, at line
/// 1, on a body longer than [`MAX_BODY_BYTES`].
pub fn markdown_to_typst(md: &str) -> Result<String, ConvertError> {
    if md.len() > MAX_BODY_BYTES {
        return Err(too_long(md.len()));
    }
    let doc = Document::parse(md);
    doc.check_footnote_references()?;
    let mut out = render::render(&doc, 0..doc.events.len(), &mut Vec::new())?;
    let trimmed = out.trim_end_matches([' ', '\n']).len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

/// Longest body converted: 1 MiB of Markdown, about 300 pages of prose.
///
/// Typst needs about 0.6 MB of memory a page (a 5,000-page body of 17 MB
/// took 3.2 GB and 100 s), so this keeps one document's typesetting under
/// roughly 250 MB; the office's documents are tens of pages.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

fn too_long(bytes: usize) -> ConvertError {
    let mb = |b: usize| format!("{:.1}", b as f64 / (1024.0 * 1024.0)).replace('.', ",");
    ConvertError {
        line: 1,
        message: format!(
            "nội dung văn bản sau khi điền dữ liệu dài {} MB, quá giới hạn {} MB (chừng 300 trang) của một văn bản; \
             hãy rút gọn hoặc tách thành nhiều văn bản, kiểm tra các vòng lặp `{{% for %}}` của mẫu",
            mb(bytes),
            mb(MAX_BODY_BYTES)
        ),
    }
}

/// A parsed Markdown document, kept as a flat event list so footnote
/// definitions can be rendered wherever they are referenced.
struct Document<'a> {
    md: &'a str,
    lines: LineIndex,
    events: Vec<(Event<'a>, Range<usize>)>,
    /// Footnote label (see [`footnote_key`]) to the event indices of the
    /// definition's content. The first definition of a label wins.
    footnotes: BTreeMap<String, Range<usize>>,
}

impl<'a> Document<'a> {
    fn parse(md: &'a str) -> Self {
        let events: Vec<_> = Parser::new_ext(md, parser_options()).into_offset_iter().collect();
        let mut footnotes = BTreeMap::new();
        for (i, (event, _)) in events.iter().enumerate() {
            if let Event::Start(Tag::FootnoteDefinition(label)) = event {
                let end = matching_end(&events, i);
                footnotes.entry(footnote_key(label)).or_insert(i + 1..end);
            }
        }
        Document { md, lines: LineIndex::new(md), events, footnotes }
    }

    fn error(&self, offset: usize, message: String) -> ConvertError {
        ConvertError { line: self.lines.line_of(offset), message }
    }

    /// Reports `[^label]` written in the text without a matching definition.
    ///
    /// With GFM footnotes pulldown-cmark does not report such references: it
    /// silently turns them into the text `[`, `^label`, `]`, which would
    /// print the author's mistake in an official document.
    fn check_footnote_references(&self) -> Result<(), ConvertError> {
        let mut in_code_block = false;
        for (event, range) in &self.events {
            match event {
                Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                Event::End(TagEnd::CodeBlock) => in_code_block = false,
                Event::Text(text) if !in_code_block && text.as_ref() == "[" => {
                    if let Some(label) = self.unresolved_reference_at(range) {
                        return Err(missing_footnote(self, range.start, label));
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The label of a literal, unescaped `[^label]` starting at `range`.
    fn unresolved_reference_at(&self, range: &Range<usize>) -> Option<&'a str> {
        let md = self.md;
        if md.get(range.clone()) != Some("[") {
            return None;
        }
        let backslashes = md[..range.start].bytes().rev().take_while(|&b| b == b'\\').count();
        if backslashes % 2 == 1 {
            return None;
        }
        let rest = md[range.end..].strip_prefix('^')?;
        let label = &rest[..rest.find(']')?];
        let plausible = !label.trim().is_empty() && !label.contains(['[', '\n', '\r']) && label.chars().count() < 1000;
        // A defined label can still come out as text, e.g. `[^a][b]` read as
        // a link to an undefined `[b]`; "not defined" would mislead there.
        let defined = self.footnotes.contains_key(&footnote_key(label));
        (plausible && !defined).then_some(label)
    }
}

fn missing_footnote(doc: &Document, offset: usize, label: &str) -> ConvertError {
    doc.error(
        offset,
        format!(
            "Chú thích [^{label}] chưa được định nghĩa: cần thêm một dòng \
             \"[^{label}]: nội dung chú thích\" trong văn bản"
        ),
    )
}

/// Footnote labels match case-insensitively, as in pulldown-cmark.
fn footnote_key(label: &str) -> String {
    label.to_lowercase()
}

/// Index of the `End` event closing the `Start` event at `start`.
fn matching_end(events: &[(Event, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len()
}
