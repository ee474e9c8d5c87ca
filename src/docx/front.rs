//! What `party.typ` and `state.typ` draw before the body, from
//! `meta.json`: the two-column header (issuing body | national or Party
//! title, number | place and date, with a công văn's trích yếu and the
//! urgency mark under the number), the title block, Kính gửi, the
//! enacting lines around the căn cứ; and an attached document's own
//! header and title. The header is a borderless table, as offices lay it
//! out in Word.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, SpecialIndentType, Table, TableAlignmentType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};
use serde_json::Value;

use super::Block;
use super::json::{field, list, num, str_of};
use super::text::{Format, Look, line, rule, tight, twips, width_estimate};

/// Header, title block, Kính gửi and căn cứ with the enacting lines, in
/// the layouts' order: State puts the issuing authority between the title
/// and the căn cứ and "QUYẾT ĐỊNH:" after them; Party only the enacting
/// sentence after them.
pub(super) fn front(meta: &Value, look: &Look) -> Vec<Block> {
    let urgency = (!meta["urgency"].is_null()).then_some(&meta["urgency"]);
    let mut blocks = vec![Block::T(header(&meta["header"], look, urgency))];
    blocks.extend(title(&meta["title"], look, "").into_iter().map(Block::P));
    blocks.extend(addressees(meta, look));
    let enacting = &meta["enacting"];
    if !look.party {
        blocks.extend(enacting_line(&field(enacting, "authority"), look, false).map(Block::P));
    }
    blocks.extend(grounds(meta, look).into_iter().map(Block::P));
    blocks.extend(enacting_line(&field(enacting, "word"), look, true).map(Block::P));
    blocks
}

/// An attached document's front (spec C.2): the document's header without
/// number and date, its own title with the "(Ban hành kèm theo …)" line.
pub(super) fn attachment_front(meta: &Value, attachment: &Value, look: &Look) -> Vec<Block> {
    let h = &meta["header"];
    let bare = serde_json::json!({"superior": h["superior"], "issuer": h["issuer"]});
    let mut blocks = vec![Block::T(header(&bare, look, None))];
    let reference = field(attachment, "reference");
    blocks.extend(title(&attachment["title"], look, &reference).into_iter().map(Block::P));
    blocks
}

/// Lines of a display string: "" means none (the layouts' `ml`).
pub(super) fn lines(s: &str) -> Vec<String> {
    let s = s.replace('\r', "");
    if s.trim().is_empty() {
        return Vec::new();
    }
    s.split('\n').map(|l| l.trim().to_string()).collect()
}

/// A display string's lines as one centred paragraph with line breaks.
pub(super) fn centred(text: &str, format: Format) -> Option<Paragraph> {
    let ls = lines(text);
    (!ls.is_empty()).then(|| line(tight(AlignmentType::Center), &ls.join("\n"), format))
}

/// A recipient or ground without the punctuation the layout adds itself.
pub(super) fn bare(s: &str) -> String {
    let s = s.replace('\r', "");
    let s = s.trim();
    let s = s.strip_prefix("- ").map(str::trim).unwrap_or(s);
    s.trim_end_matches(|c: char| matches!(c, ';' | ',' | '.') || c.is_whitespace()).to_string()
}

/// The six borders of a table (outer and inner), each made by `border`.
pub(super) fn all_borders(border: impl Fn(TableBorderPosition) -> TableBorder) -> TableBorders {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, p| b.set(border(p)))
}

/// A table without any visible border, for the header and the end block.
pub(super) fn borderless(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let borders = all_borders(|p| TableBorder::new(p).border_type(BorderType::None).size(0).color("auto"));
    let total = widths.iter().sum();
    Table::without_borders(rows)
        .set_borders(borders)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(docx_rs::TableCellMargins::new().margin(0, 57, 0, 57))
}

pub(super) fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Top);
    if paragraphs.is_empty() {
        c = c.add_paragraph(tight(AlignmentType::Center));
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The two-column header (spec A.7 / B.5), `h` its strings.
fn header(h: &Value, look: &Look, urgency: Option<&Value>) -> Table {
    let tw = look.text_width;
    // Sizes of spec A.2 / B.2, as in party.typ and state.typ.
    let (sup_size, iss_size, num_size, date_size) =
        if look.party { (14.0, 14.0, 14.0, 14.0) } else { (13.0, 13.0, 13.0, 14.0) };
    let right_lines: Vec<(&str, f64)> = if look.party {
        vec![("ĐẢNG CỘNG SẢN VIỆT NAM", 15.0)]
    } else {
        vec![("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0), ("Độc lập - Tự do - Hạnh phúc", 14.0)]
    };
    let superior = field(h, "superior");
    let issuer = field(h, "issuer");
    // The left column starts at header_left_width, widens when a left line
    // would wrap and narrows only when a right line would (header-grid in
    // common.typ).
    let widest = |texts: &[(&str, f64)]| {
        texts.iter().flat_map(|(t, s)| lines(t).into_iter().map(move |l| width_estimate(&l, *s))).max().unwrap_or(0)
    };
    let right_need = widest(&right_lines) + 240;
    let summary_left = field(h, "summary_left");
    let mut left_lines = vec![(superior.as_str(), sup_size), (issuer.as_str(), iss_size)];
    let number_line = field(h, "number");
    left_lines.push((&number_line, num_size));
    // State measures the công văn's "V/v …" too (state.typ's l-lines).
    if !look.party {
        left_lines.push((&summary_left, 12.0));
    }
    let left_need = widest(&left_lines) + 240;
    let lw = ((look.left_ratio * tw as f64) as usize).max(left_need).min(tw.saturating_sub(right_need)).max(tw / 4);
    let rw = tw - lw;

    let mut left = Vec::new();
    left.extend(centred(&superior, Format::sized(sup_size)));
    left.extend(centred(&issuer, Format::sized(iss_size).bold()));
    if look.party {
        left.push(line(tight(AlignmentType::Center), "*", Format::sized(14.0)));
    } else if !lines(&issuer).is_empty() {
        let widest = lines(&issuer).iter().map(|l| width_estimate(l, iss_size)).max().unwrap_or(0);
        left.push(rule(lw, (look.issuer_rule_ratio * widest as f64) as usize));
    }
    // The national (or Party) title: the rule under its last line is as
    // long as that line, so it is the line's underline.
    let mut right = Vec::new();
    for (i, (text, size)) in right_lines.iter().enumerate() {
        let format = Format::sized(*size).bold();
        let format = if i + 1 == right_lines.len() { format.underline() } else { format };
        right.push(line(tight(AlignmentType::Center), text, format));
    }

    let mut number = Vec::new();
    number.extend(centred(&number_line, Format::sized(num_size)));
    let summary_format = if look.party { Format::sized(12.0).italic() } else { Format::sized(12.0) };
    if let Some(p) = centred(&summary_left, summary_format) {
        number.push(p.line_spacing(LineSpacing::new().before(120).after(0)));
    }
    number.extend(urgency.map(|u| urgency_mark(u, look, lw)));
    let mut date = Vec::new();
    date.extend(centred(&field(h, "place_date"), Format::sized(date_size).italic()));
    // A little air between the two rows, as the layouts' row gutter.
    let gap = tight(AlignmentType::Center)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(60).before(0).after(0));
    left.push(gap.clone());
    right.push(gap);

    let mut rows = vec![TableRow::new(vec![cell(left, lw), cell(right, rw)]).cant_split()];
    // An attached document's header has neither number nor date.
    if !(number.is_empty() && date.is_empty()) {
        rows.push(TableRow::new(vec![cell(number, lw), cell(date, rw)]).cant_split());
    }
    borderless(rows, vec![lw, rw])
}

/// The urgency mark under the number (NĐ 30 §III.2.b), 14 bold: in a box
/// of the mark's width × 8 mm (a paragraph border) unless the settings
/// turn the box off, as Party practice prints it.
fn urgency_mark(u: &Value, look: &Look, column: usize) -> Paragraph {
    let words = field(u, "words");
    let format = Format::sized(14.0).bold();
    // 0.6 em above, as `urgency-mark` in common.typ.
    let above = LineSpacing::new().before((0.6 * 14.0 * 20.0) as u32).after(0);
    if !look.urgency_box {
        return line(tight(AlignmentType::Center).line_spacing(above), &words, format);
    }
    let width = twips(num(&u["width"]).unwrap_or(30.0)) as usize;
    // 8 mm tall: the line plus the space between text and border (pt)
    // above and below it.
    let (space, height) = (3usize, twips(8.0));
    // The cell's text area is the column less its two 57-twip margins;
    // the border stands `space` outside the paragraph's indents.
    let side = (column.saturating_sub(114).saturating_sub(width) / 2) as i32 + space as i32 * 20;
    let border = |position| ParagraphBorder::new(position).val(BorderType::Single).size(6).space(space).color("000000");
    let borders = [
        ParagraphBorderPosition::Top,
        ParagraphBorderPosition::Left,
        ParagraphBorderPosition::Bottom,
        ParagraphBorderPosition::Right,
    ]
    .into_iter()
    .fold(ParagraphBorders::with_empty(), |b, p| b.set(border(p)));
    let mut p = line(
        tight(AlignmentType::Center)
            .indent(Some(side), Some(SpecialIndentType::FirstLine(0)), Some(side), None)
            .line_spacing(
                above
                    .line_rule(LineSpacingType::Exact)
                    .line(height - 2 * space as i32 * 20)
                    .before((0.6 * 14.0 * 20.0) as u32 + space as u32 * 20),
            ),
        &words,
        format,
    );
    p.property = p.property.set_borders(borders);
    p
}

/// Type name, subtitle, trích yếu, an attached document's `reference`
/// line, and the separator (ô 5a, spec C.2).
fn title(t: &Value, look: &Look, reference: &str) -> Vec<Paragraph> {
    let type_name = field(t, "type_name");
    if lines(&type_name).is_empty() {
        // Công văn: no title block, half a line before the body.
        return vec![tight(AlignmentType::Center).line_spacing(LineSpacing::new().before(0).after(140))];
    }
    let (type_size, summary_size) = if look.party { (15.0, 14.0) } else { (14.0, 14.0) };
    let mut out = Vec::new();
    let mut widest = 0;
    let mut push = |text: &str, size: f64, out: &mut Vec<Paragraph>| {
        for l in lines(text) {
            widest = widest.max(width_estimate(&l, size));
        }
        out.extend(centred(text, Format::sized(size).bold()));
    };
    push(&type_name, type_size, &mut out);
    push(&field(t, "subtitle"), type_size, &mut out);
    push(&field(t, "summary"), summary_size, &mut out);
    for l in lines(reference) {
        widest = widest.max(width_estimate(&l, summary_size));
    }
    out.extend(centred(reference, Format::sized(summary_size).italic()));
    // One blank line between the header and the type name.
    if let Some(first) = out.first_mut() {
        *first = first.clone().line_spacing(LineSpacing::new().before((look.body * 20.0) as u32).after(0));
    }
    if look.party {
        if !look.title_rule.trim().is_empty() {
            out.push(line(tight(AlignmentType::Center), &look.title_rule, Format::sized(summary_size)));
        }
    } else {
        out.push(rule(look.text_width, (look.rule_ratio * widest as f64) as usize));
    }
    // A paragraph gap before the căn cứ or the body.
    out.push(tight(AlignmentType::Center).line_spacing(
        LineSpacing::new().line_rule(LineSpacingType::Exact).line((look.para * 20.0) as i32 + 80).before(0).after(0),
    ));
    out
}

/// Căn cứ: Party "- …;" upright, the last ending ","; State italic, the
/// last ending "." (spec A.2 ô 6 / B.2 ô 6).
fn grounds(meta: &Value, look: &Look) -> Vec<Paragraph> {
    let gs: Vec<String> = list(meta, "grounds").iter().map(|g| bare(&str_of(g))).filter(|g| !g.is_empty()).collect();
    let (prefix, last, italic) = if look.party { ("- ", ",", false) } else { ("", ".", true) };
    gs.iter()
        .enumerate()
        .map(|(i, g)| {
            let end = if i + 1 == gs.len() { last } else { ";" };
            let format = if italic { Format::default().italic() } else { Format::default() };
            line(look.body_par(), &format!("{prefix}{g}{end}"), format)
        })
        .collect()
}

/// "Kính gửi:" (NĐ 30 §II.9.d; spec A ô 9, C.3), centred as a block: one
/// addressee on the label's line; several each on a line of their own
/// starting "- ", aligned under the first, ";" after each and "." after
/// the last — a borderless two-column table, label | addressees.
fn addressees(meta: &Value, look: &Look) -> Vec<Block> {
    let xs: Vec<String> = list(meta, "addressees").iter().map(|x| bare(&str_of(x))).filter(|x| !x.is_empty()).collect();
    if xs.is_empty() {
        return Vec::new();
    }
    let lines: Vec<String> = match xs.len() {
        1 => xs,
        n => xs.iter().enumerate().map(|(i, x)| format!("- {x}{}", if i + 1 == n { "." } else { ";" })).collect(),
    };
    let size = 14.0;
    let label = Format::sized(size);
    let label = if field(&meta["settings"], "addressee_label_style") == "italic" { label.italic() } else { label };
    // Widths from the text and the cells' margins: the estimate is for
    // bold text, so the upright text fits and the label keeps a gutter.
    let label_width = width_estimate("Kính gửi:", size) + 114;
    let widest = lines.iter().map(|l| width_estimate(l, size)).max().unwrap_or(0) + 114;
    let width = widest.min(look.text_width.saturating_sub(label_width)).max(1);
    let par = || tight(AlignmentType::Left).line_spacing(look.exact(look.line, 0.0));
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 { vec![line(par(), "Kính gửi:", label)] } else { Vec::new() };
            TableRow::new(vec![cell(head, label_width), cell(vec![line(par(), l, Format::sized(size))], width)])
        })
        .collect();
    let table = borderless(rows, vec![label_width, width]).align(TableAlignmentType::Center);
    vec![Block::T(table), Block::P(gap(look.para))]
}

/// An empty paragraph `pt` points tall.
fn gap(pt: f64) -> Paragraph {
    tight(AlignmentType::Left)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line((pt * 20.0) as i32).before(0).after(0))
}

/// An enacting line: bold, centred, on its own line, 14 pt (NĐ 30 mẫu
/// 1.2/1.3: the authority and "QUYẾT ĐỊNH:"; spec A ô 6: the Party
/// sentence); `above`: a paragraph gap before it.
fn enacting_line(text: &str, look: &Look, above: bool) -> Option<Paragraph> {
    let spacing = look.exact(look.line, look.para).before(if above { (look.para * 20.0) as u32 } else { 0 });
    centred(text, Format::sized(14.0).bold()).map(|p| p.line_spacing(spacing).keep_next(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_lines_lose_the_punctuation_the_layout_adds() {
        assert_eq!(bare("- Lưu: VT, VP;"), "Lưu: VT, VP");
        assert_eq!(bare("Căn cứ Luật.  "), "Căn cứ Luật");
        assert_eq!(lines("A\nB"), ["A", "B"]);
        assert!(lines("  ").is_empty());
    }

    /// The text of each block, its lines joined by "|".
    fn texts(blocks: &[Block]) -> Vec<String> {
        use docx_rs::BuildXML;
        blocks
            .iter()
            .map(|b| {
                let xml = String::from_utf8(match b {
                    Block::P(p) => p.build(),
                    Block::T(t) => t.build(),
                })
                .unwrap();
                let runs = xml.split("<w:t xml:space=\"preserve\">").skip(1);
                runs.map(|r| r.split("</w:t>").next().unwrap()).collect::<Vec<_>>().join("|")
            })
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn meta(family: &str) -> Value {
        serde_json::json!({
            "family": family,
            "header": {"issuer": "ỦY BAN NHÂN DÂN", "number": "Số: 5/QĐ-UBND", "place_date": "Cẩm Lĩnh, ngày 1"},
            "title": {"type_name": "QUYẾT ĐỊNH", "summary": "Về việc A"},
            "addressees": ["Trưởng các thôn", "Cán bộ <x> & \"y\""],
            "enacting": {"authority": "ỦY BAN NHÂN DÂN XÃ A", "word": "QUYẾT ĐỊNH:"},
            "grounds": ["Căn cứ Luật"],
            "urgency": {"words": "HỎA TỐC", "width": 30},
        })
    }

    #[test]
    fn the_enacting_lines_stand_where_each_family_puts_them() {
        let state = texts(&front(&meta("state"), &Look::new(&meta("state"))));
        let at = |xs: &[String], s: &str| xs.iter().position(|x| x == s).unwrap_or_else(|| panic!("{s}: {xs:?}"));
        // State: type name, Kính gửi (its text escaped in the XML),
        // authority, căn cứ, "QUYẾT ĐỊNH:".
        let kinh_gui = "Kính gửi:|- Trưởng các thôn;|- Cán bộ &lt;x&gt; &amp; &quot;y&quot;.";
        let order = ["QUYẾT ĐỊNH", kinh_gui, "ỦY BAN NHÂN DÂN XÃ A"];
        let order = order.iter().chain(&["Căn cứ Luật.", "QUYẾT ĐỊNH:"]).map(|s| at(&state, s)).collect::<Vec<_>>();
        assert!(order.is_sorted(), "{state:?}");
        assert!(state[0].contains("Số: 5/QĐ-UBND|HỎA TỐC"), "the urgency mark is under the number: {state:?}");
        // Party: no authority line; the sentence after the căn cứ.
        let party = texts(&front(&meta("party"), &Look::new(&meta("party"))));
        assert!(!party.iter().any(|t| t == "ỦY BAN NHÂN DÂN XÃ A"), "{party:?}");
        assert!(at(&party, "- Căn cứ Luật,") < at(&party, "QUYẾT ĐỊNH:"), "{party:?}");
    }
}
