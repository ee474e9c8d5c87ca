//! The body's Markdown, read with pulldown-cmark as `convert` reads it,
//! into Word paragraphs and tables styled as the layouts style the Typst
//! elements: headings, points written inline ("1.", "a)", "(1)", "-", "+"),
//! bold and italic, footnotes, tables, quotes, code; the `ntm:` fences
//! become the components (`components.rs`), and whatever follows the first
//! annex goes after the signature block.

use std::collections::BTreeMap;
use std::ops::Range;

use docx_rs::{AlignmentType, BreakType, Footnote, LineSpacing, Paragraph, Run, SpecialIndentType, VAlignType};
use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag};
use serde_json::Value;

use super::Block;
use super::charts::Chart;
use super::components::{Cell, Drawing, Width, ruled, widths};
use super::structure::structure;
use super::text::{Format, Look, rule, run, tight};
use crate::convert::{COMPONENT_PREFIX, parser_options};

/// Footnotes cited inside footnotes are written in place, this deep.
const MAX_FOOTNOTE_DEPTH: usize = 3;

/// What is numbered across the whole document.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// Footnotes written so far (Word numbers them from 1).
    pub footnotes: usize,
    pub pictures: usize,
    /// The unconfirmed-threshold note is printed once.
    pub note_shown: bool,
}

/// The body before and after the signature block.
pub(super) struct Body {
    pub main: Vec<Block>,
    pub annexes: Vec<Block>,
}

pub(super) fn body(md: &str, data: &Value, charts: &[Chart], look: &Look, notes: &mut Notes) -> Body {
    let events: Vec<Event> = Parser::new_ext(md, parser_options()).collect();
    let mut footnotes = BTreeMap::new();
    for (i, event) in events.iter().enumerate() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            footnotes.entry(label.to_lowercase()).or_insert(i + 1..matching_end(&events, i));
        }
    }
    let mut w = Writer {
        events: &events,
        footnotes,
        look,
        drawing: Drawing { data, look, charts },
        notes,
        marker: None,
        citing: Vec::new(),
        annex_at: None,
        out: Vec::new(),
    };
    let ctx = Ctx::default();
    w.blocks(0..events.len(), &ctx);
    let mut main = std::mem::take(&mut w.out);
    let annexes = match w.annex_at {
        Some(at) => main.split_off(at.min(main.len())),
        None => Vec::new(),
    };
    // The last paragraph stays on the page of the signature block.
    if let Some(Block::P(p)) = main.last_mut() {
        *p = p.clone().keep_next(true);
    }
    Body { main, annexes }
}

/// Where blocks are being written.
#[derive(Debug, Clone, Default)]
struct Ctx {
    quote: bool,
    /// Inside a tight list: items one line pitch apart.
    tight: bool,
    /// Enclosing numbered lists: "1." then "a)" then "(1)".
    enums: usize,
    /// Enclosing bullet lists: "-" then "+".
    bullets: usize,
    footnote: bool,
}

struct Writer<'a, 'n> {
    events: &'a [Event<'a>],
    footnotes: BTreeMap<String, Range<usize>>,
    look: &'a Look,
    drawing: Drawing<'a>,
    notes: &'n mut Notes,
    /// A list item's marker, waiting for the item's first paragraph.
    marker: Option<String>,
    citing: Vec<String>,
    /// Index in `out` where the annexes start.
    annex_at: Option<usize>,
    out: Vec<Block>,
}

impl Writer<'_, '_> {
    /// Writes the block-level events of `range` to `out`. Inline events
    /// outside a paragraph (the items of a tight list) form paragraphs of
    /// their own.
    fn blocks(&mut self, range: Range<usize>, ctx: &Ctx) {
        let mut i = range.start;
        let mut loose_inline: Option<usize> = None;
        while i < range.end {
            let event = &self.events[i];
            let block_start = match event {
                Event::Start(tag) => !is_inline(tag),
                Event::Rule => true,
                Event::End(_) => true,
                _ => false,
            };
            if !block_start {
                loose_inline.get_or_insert(i);
                i = if let Event::Start(_) = event { matching_end(self.events, i) + 1 } else { i + 1 };
                continue;
            }
            if let Some(start) = loose_inline.take() {
                self.paragraph(start..i, ctx);
            }
            let end = if let Event::Start(_) = event { matching_end(self.events, i).min(range.end) } else { i };
            match event {
                Event::Start(Tag::Paragraph) => self.paragraph(i + 1..end, ctx),
                Event::Start(Tag::Heading { level, .. }) => self.heading(*level as usize, i + 1..end),
                Event::Start(Tag::BlockQuote(_)) => {
                    self.blocks(i + 1..end, &Ctx { quote: true, ..ctx.clone() });
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if info.trim().starts_with(COMPONENT_PREFIX) =>
                {
                    let name = info.trim()[COMPONENT_PREFIX.len()..].trim();
                    if name.ends_with("-annex") && self.annex_at.is_none() && !ctx.footnote {
                        self.annex_at = Some(self.out.len());
                    }
                    let blocks = self.drawing.component(name, self.notes);
                    self.out.extend(blocks);
                }
                Event::Start(Tag::CodeBlock(_)) => self.code(i + 1..end, ctx),
                Event::Start(Tag::List(start)) => self.list(*start, i + 1..end, ctx),
                Event::Start(Tag::Table(align)) => self.table(align, i + 1..end, ctx),
                Event::Start(Tag::FootnoteDefinition(_) | Tag::MetadataBlock(_)) => {}
                // HTML blocks, definition lists, a stray item: their content
                // as paragraphs.
                Event::Start(_) => self.blocks(i + 1..end, ctx),
                Event::Rule => {
                    let width = self.look.text_width;
                    self.out.push(Block::P(rule(width, width * 3 / 10)));
                }
                _ => {}
            }
            i = end + 1;
        }
        if let Some(start) = loose_inline {
            self.paragraph(start..range.end, ctx);
        }
    }

    /// The paragraph style of `ctx`.
    fn par_style(&self, ctx: &Ctx) -> Paragraph {
        let look = self.look;
        if ctx.footnote {
            return tight(AlignmentType::Left).line_spacing(LineSpacing::new().before(0).after(40));
        }
        let after = if ctx.tight { 0.0 } else { look.para };
        let p = look.body_par().line_spacing(look.exact(look.line, after));
        if ctx.quote {
            p.align(AlignmentType::Both).indent(
                Some(look.indent),
                Some(SpecialIndentType::FirstLine(0)),
                Some(look.indent),
                None,
            )
        } else {
            p
        }
    }

    fn base_format(&self, ctx: &Ctx) -> Format {
        let f = if ctx.footnote { Format::sized(self.look.footnote) } else { Format::default() };
        if ctx.quote { f.italic() } else { f }
    }

    fn paragraph(&mut self, range: Range<usize>, ctx: &Ctx) {
        let format = self.base_format(ctx);
        let mut p = self.par_style(ctx);
        if let Some(marker) = self.marker.take() {
            p = p.add_run(run(&format!("{marker} "), format));
        }
        let runs = self.inline(range, format, ctx);
        let p = runs.into_iter().fold(p, Paragraph::add_run);
        self.out.push(Block::P(p));
    }

    /// H1 centred bold capitals; H2–H3 bold, indented like a paragraph; H4
    /// bold italic; H5–H6 italic; Phần / Chương / Mục at any level centred
    /// bold, the label then the title in capitals (`common.typ`).
    fn heading(&mut self, level: usize, range: Range<usize>) {
        let look = self.look;
        let h1 = || {
            tight(AlignmentType::Center)
                .line_spacing(look.exact(look.line, look.para).before(((look.para + 6.0) * 20.0) as u32))
                .keep_next(true)
        };
        if let Some((label, title)) = structure(&self.plain(range.clone())) {
            let bold = Format::default().bold();
            let mut p = h1().add_run(run(&label, bold));
            if !title.is_empty() {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping)).add_run(run(&title.to_uppercase(), bold));
            }
            self.out.push(Block::P(p));
            return;
        }
        let (format, p) = match level {
            1 => (Format::default().bold(), h1()),
            2 | 3 => (Format::default().bold(), look.body_par()),
            4 => (Format::default().bold().italic(), look.body_par()),
            _ => (Format::default().italic(), look.body_par()),
        };
        let runs = self.inline(range, format, &Ctx::default());
        let runs = if level == 1 { runs.into_iter().map(upper).collect() } else { runs };
        let p = runs.into_iter().fold(p.keep_next(true), Paragraph::add_run);
        self.out.push(Block::P(p));
    }

    fn code(&mut self, range: Range<usize>, ctx: &Ctx) {
        let mut text = String::new();
        for event in &self.events[range] {
            if let Event::Text(t) = event {
                text.push_str(t);
            }
        }
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let look = self.look;
        let p = tight(AlignmentType::Left)
            .indent(Some(look.indent), Some(SpecialIndentType::FirstLine(0)), None, None)
            .line_spacing(look.exact(look.line, look.para))
            .add_run(run(text, self.base_format(ctx)));
        self.out.push(Block::P(p));
    }

    /// Each item is one or more paragraphs; the first starts with the
    /// item's marker, as official documents write points.
    fn list(&mut self, start: Option<u64>, range: Range<usize>, ctx: &Ctx) {
        let tight = !self.events[range.clone()].iter().any(|e| matches!(e, Event::Start(Tag::Paragraph)));
        let inner = match start {
            Some(_) => Ctx { tight, enums: ctx.enums + 1, ..ctx.clone() },
            None => Ctx { tight, bullets: ctx.bullets + 1, ..ctx.clone() },
        };
        let mut n = start.unwrap_or(1);
        let mut i = range.start;
        while i < range.end {
            if !matches!(self.events[i], Event::Start(Tag::Item)) {
                i += 1;
                continue;
            }
            let end = matching_end(self.events, i).min(range.end);
            let marker = match start {
                Some(_) => enum_marker(inner.enums, n),
                None => if inner.bullets % 2 == 1 { "-" } else { "+" }.to_string(),
            };
            // A marker still waiting (an item that opens with a list) gets
            // a paragraph of its own.
            if let Some(waiting) = self.marker.take() {
                let p = self.par_style(&inner).add_run(run(&waiting, self.base_format(&inner)));
                self.out.push(Block::P(p));
            }
            self.marker = Some(marker);
            self.blocks(i + 1..end, &inner);
            if let Some(alone) = self.marker.take() {
                let p = self.par_style(&inner).add_run(run(&alone, self.base_format(&inner)));
                self.out.push(Block::P(p));
            }
            n += 1;
            i = end + 1;
        }
    }

    /// A Markdown table: ruled, the header row bold and repeated, text one
    /// point smaller than the body, columns as wide as their content asks.
    fn table(&mut self, align: &[Alignment], range: Range<usize>, ctx: &Ctx) {
        let size = self.look.body - 1.0;
        let mut header: Vec<Vec<(Range<usize>, bool)>> = Vec::new();
        let mut rows: Vec<Vec<(Range<usize>, bool)>> = Vec::new();
        let mut i = range.start;
        while i < range.end {
            match &self.events[i] {
                Event::Start(tag @ (Tag::TableHead | Tag::TableRow)) => {
                    let end = matching_end(self.events, i);
                    let is_head = matches!(tag, Tag::TableHead);
                    let mut cells = Vec::new();
                    let mut j = i + 1;
                    while j < end {
                        if let Event::Start(Tag::TableCell) = self.events[j] {
                            let cell_end = matching_end(self.events, j);
                            cells.push((j + 1..cell_end, is_head));
                            j = cell_end;
                        }
                        j += 1;
                    }
                    if is_head {
                        header.push(cells)
                    } else {
                        rows.push(cells)
                    }
                    i = end + 1;
                }
                _ => i += 1,
            }
        }
        let columns = align.len().max(1);
        // Column shares from the longest text of each column, so narrow
        // columns such as "STT" stay narrow (full-width-table in common.typ).
        let mut longest = vec![1usize; columns];
        for row in header.iter().chain(&rows) {
            for (c, (r, _)) in row.iter().enumerate().take(columns) {
                longest[c] = longest[c].max(self.plain_len(r.clone()) + 2);
            }
        }
        let shares: Vec<Width> = longest.iter().map(|&l| Width::Fr(l as f64)).collect();
        let make_row = |w: &mut Self, row: &[(Range<usize>, bool)]| -> Vec<Cell> {
            (0..columns)
                .map(|c| {
                    let a = match align.get(c) {
                        Some(Alignment::Center) => AlignmentType::Center,
                        Some(Alignment::Right) => AlignmentType::Right,
                        _ => AlignmentType::Left,
                    };
                    let Some((r, head)) = row.get(c) else { return Cell::new(Vec::new()) };
                    let format = if *head { Format::sized(size).bold() } else { Format::sized(size) };
                    let runs = w.inline(r.clone(), format, &Ctx { footnote: ctx.footnote, ..Ctx::default() });
                    let p = runs.into_iter().fold(tight(a), Paragraph::add_run);
                    Cell { valign: VAlignType::Top, ..Cell::new(vec![p]) }
                })
                .collect()
        };
        let header: Vec<Vec<Cell>> = header.iter().map(|r| make_row(self, r)).collect();
        let rows: Vec<Vec<Cell>> = rows.iter().map(|r| make_row(self, r)).collect();
        let table = ruled(widths(&shares, self.look.text_width), header, rows);
        self.out.push(Block::T(table));
    }

    /// Characters of text in `range`, to size table columns.
    fn plain_len(&self, range: Range<usize>) -> usize {
        self.plain(range).chars().count()
    }

    /// The text of `range`, without its formatting.
    fn plain(&self, range: Range<usize>) -> String {
        self.events[range]
            .iter()
            .map(|e| match e {
                Event::Text(t) | Event::Code(t) => t,
                Event::SoftBreak => " ",
                _ => "",
            })
            .collect()
    }

    /// The runs of the inline events in `range`.
    fn inline(&mut self, range: Range<usize>, format: Format, ctx: &Ctx) -> Vec<Run> {
        let mut runs = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let event = &self.events[i];
            match event {
                Event::Start(tag) => {
                    let end = matching_end(self.events, i).min(range.end);
                    let inner = match tag {
                        Tag::Emphasis => Format { italic: true, ..format },
                        Tag::Strong => Format { bold: true, ..format },
                        Tag::Strikethrough => Format { strike: true, ..format },
                        Tag::Superscript => Format { superscript: true, ..format },
                        Tag::Subscript => Format { subscript: true, ..format },
                        _ => format,
                    };
                    if !matches!(tag, Tag::Image { .. }) {
                        runs.extend(self.inline(i + 1..end, inner, ctx));
                    }
                    i = end + 1;
                    continue;
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => runs.push(run(t, format)),
                Event::InlineMath(m) => runs.push(run(&format!("${m}$"), format)),
                Event::DisplayMath(m) => runs.push(run(&format!("$${m}$$"), format)),
                Event::SoftBreak => runs.push(run(" ", format)),
                Event::HardBreak => runs.push(Run::new().add_break(BreakType::TextWrapping)),
                Event::TaskListMarker(done) => runs.push(run(if *done { "☑ " } else { "☐ " }, format)),
                Event::FootnoteReference(label) => runs.extend(self.footnote(label, format, ctx)),
                Event::End(_) | Event::Rule => {}
            }
            i += 1;
        }
        runs
    }

    /// A footnote: Word's own, numbered from 1. One cited inside a
    /// footnote is written there in brackets (Word has no footnote in a
    /// footnote).
    fn footnote(&mut self, label: &str, format: Format, ctx: &Ctx) -> Vec<Run> {
        let key = label.to_lowercase();
        let Some(range) = self.footnotes.get(&key).cloned() else { return vec![run(&format!("[^{label}]"), format)] };
        if self.citing.contains(&key) || self.citing.len() >= MAX_FOOTNOTE_DEPTH {
            return Vec::new();
        }
        self.citing.push(key);
        // Written aside, then taken back: the note's paragraphs.
        let outer = std::mem::take(&mut self.out);
        let marker = self.marker.take();
        let note_ctx = Ctx { footnote: true, ..Ctx::default() };
        self.blocks(range, &note_ctx);
        let written = std::mem::replace(&mut self.out, outer);
        self.marker = marker;
        self.citing.pop();
        let paragraphs: Vec<Paragraph> = written
            .into_iter()
            .filter_map(|b| match b {
                Block::P(p) => Some(p),
                Block::T(_) => None,
            })
            .collect();
        if ctx.footnote {
            let mut runs = vec![run(" (", format)];
            for p in paragraphs {
                runs.extend(p.children.into_iter().filter_map(|c| match c {
                    docx_rs::ParagraphChild::Run(r) => Some(*r),
                    _ => None,
                }));
            }
            runs.push(run(")", format));
            return runs;
        }
        self.notes.footnotes += 1;
        let content = if paragraphs.is_empty() { vec![tight(AlignmentType::Left)] } else { paragraphs };
        let note = Footnote { id: self.notes.footnotes, content };
        vec![Run::new().add_footnote_reference(note)]
    }
}

/// Tags that live inside a paragraph.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

/// A run in capitals, for H1.
fn upper(mut r: Run) -> Run {
    for child in &mut r.children {
        if let docx_rs::RunChild::Text(t) = child {
            t.text = t.text.to_uppercase();
        }
    }
    r
}

/// "1." at the first level of numbered points, "a)" (Vietnamese letters)
/// at the second, "(1)" below (`enum-marker` in common.typ).
fn enum_marker(level: usize, n: u64) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x",
        "y",
    ];
    match level {
        1 => format!("{n}."),
        2 => {
            let i = (n.max(1) - 1) as usize;
            format!("{})", LETTERS[i % LETTERS.len()].repeat(i / LETTERS.len() + 1))
        }
        _ => format!("({n})"),
    }
}

/// Index of the `End` event closing the `Start` event at `start`.
fn matching_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1).max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_numbered_as_official_documents_write_them() {
        assert_eq!(enum_marker(1, 3), "3.");
        assert_eq!(enum_marker(2, 5), "đ)");
        assert_eq!(enum_marker(2, 24), "aa)");
        assert_eq!(enum_marker(3, 2), "(2)");
    }
}
