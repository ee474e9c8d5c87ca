//! What `party.typ` and `state.typ` draw around the body, from
//! `meta.json`: the two-column header (issuing body | national or Party
//! title, number | place and date), the title block, the căn cứ, and the
//! end block (Nơi nhận | signature). The header and the end block are
//! borderless tables, as offices lay them out in Word.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, Table, TableBorder, TableBorderPosition,
    TableBorders, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};
use serde_json::Value;

use super::Block;
use super::json::{field, list, str_of};
use super::text::{Format, Look, line, rule, tight, width_estimate};

/// Header, title block and căn cứ.
pub(super) fn front(meta: &Value, look: &Look) -> Vec<Block> {
    let mut blocks = vec![Block::T(header(meta, look))];
    blocks.extend(title(meta, look).into_iter().map(Block::P));
    blocks.extend(grounds(meta, look).into_iter().map(Block::P));
    blocks
}

/// Lines of a display string: "" means none (the layouts' `ml`).
fn lines(s: &str) -> Vec<String> {
    let s = s.replace('\r', "");
    if s.trim().is_empty() {
        return Vec::new();
    }
    s.split('\n').map(|l| l.trim().to_string()).collect()
}

/// A display string's lines as one centred paragraph with line breaks.
fn centred(text: &str, format: Format) -> Option<Paragraph> {
    let ls = lines(text);
    (!ls.is_empty()).then(|| line(tight(AlignmentType::Center), &ls.join("\n"), format))
}

/// A recipient or ground without the punctuation the layout adds itself.
fn bare(s: &str) -> String {
    let s = s.replace('\r', "");
    let s = s.trim();
    let s = s.strip_prefix("- ").map(str::trim).unwrap_or(s);
    s.trim_end_matches(|c: char| matches!(c, ';' | ',' | '.') || c.is_whitespace()).to_string()
}

/// A table without any visible border, for the header and the end block.
pub(super) fn borderless(rows: Vec<TableRow>, widths: Vec<usize>) -> Table {
    let none = |p| TableBorder::new(p).border_type(BorderType::None).size(0).color("auto");
    let borders = [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::with_empty(), |b, p| b.set(none(p)));
    let total = widths.iter().sum();
    Table::without_borders(rows)
        .set_borders(borders)
        .set_grid(widths)
        .width(total, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(docx_rs::TableCellMargins::new().margin(0, 57, 0, 57))
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new().width(width, WidthType::Dxa).vertical_align(VAlignType::Top);
    if paragraphs.is_empty() {
        c = c.add_paragraph(tight(AlignmentType::Center));
    }
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The two-column header (spec A.7 / B.5).
fn header(meta: &Value, look: &Look) -> Table {
    let h = &meta["header"];
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
    let left_need = widest(&[(&superior, sup_size), (&issuer, iss_size), (&field(h, "number"), num_size)]) + 240;
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
    number.extend(centred(&field(h, "number"), Format::sized(num_size)));
    let summary_left = field(h, "summary_left");
    let summary_format = if look.party { Format::sized(12.0).italic() } else { Format::sized(12.0) };
    if let Some(p) = centred(&summary_left, summary_format) {
        number.push(p.line_spacing(LineSpacing::new().before(120).after(0)));
    }
    let mut date = Vec::new();
    date.extend(centred(&field(h, "place_date"), Format::sized(date_size).italic()));
    // A little air between the two rows, as the layouts' row gutter.
    let gap = tight(AlignmentType::Center)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(60).before(0).after(0));
    left.push(gap.clone());
    right.push(gap);

    let rows = vec![
        TableRow::new(vec![cell(left, lw), cell(right, rw)]).cant_split(),
        TableRow::new(vec![cell(number, lw), cell(date, rw)]).cant_split(),
    ];
    borderless(rows, vec![lw, rw])
}

/// Type name, subtitle, trích yếu and the separator (ô 5a).
fn title(meta: &Value, look: &Look) -> Vec<Paragraph> {
    let t = &meta["title"];
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

/// Nơi nhận | signature (ô 7a–c, 9b), after a paragraph gap.
pub(super) fn end_block(meta: &Value, look: &Look) -> Vec<Block> {
    let tw = look.text_width;
    let lw = (look.left_ratio * tw as f64) as usize;
    let rw = tw - lw;
    let recipients: Vec<String> =
        list(meta, "recipients").iter().map(|r| bare(&str_of(r))).filter(|r| !r.is_empty()).collect();
    let mut left = Vec::new();
    if !recipients.is_empty() {
        let label = Format::sized(look.label_size);
        let label = match look.label_style.as_str() {
            "underline" => label.underline(),
            "bold-italic" => label.bold().italic(),
            _ => label,
        };
        left.push(line(tight(AlignmentType::Left), "Nơi nhận:", label));
        for (i, r) in recipients.iter().enumerate() {
            let end = if i + 1 == recipients.len() { "." } else { look.recipient_separator.as_str() };
            left.push(line(tight(AlignmentType::Left), &format!("- {r}{end}"), Format::sized(look.recipient_size)));
        }
    }
    let sig = &meta["signature"];
    let size = look.signature_size;
    let mut right = Vec::new();
    right.extend(centred(&field(sig, "authority"), Format::sized(size).bold()));
    let position = Format::sized(size);
    right.extend(centred(&field(sig, "position"), if look.position_bold { position.bold() } else { position }));
    // The room for the signature and the seal.
    right.push(tight(AlignmentType::Center).line_spacing(
        LineSpacing::new().line_rule(LineSpacingType::Exact).line(look.signature_space).before(0).after(0),
    ));
    right.extend(centred(&field(sig, "signer"), Format::sized(size).bold()));

    let gap = tight(AlignmentType::Left).keep_next(true).line_spacing(
        LineSpacing::new().line_rule(LineSpacingType::Exact).line(((look.para + look.body * 0.5) * 20.0) as i32),
    );
    let row = TableRow::new(vec![cell(left, lw), cell(right, rw)]).cant_split();
    vec![Block::P(gap), Block::T(borderless(vec![row], vec![lw, rw]))]
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
}
