//! The end block `footer-block` in common.typ draws after the body, from
//! `meta.json`: Nơi nhận | signature (ô 7a–c, 9b), or for a biên bản the
//! secretary's signature with the Nơi nhận under it | the chair's, side
//! by side. A borderless table of one row, as offices lay it out in Word.

use docx_rs::{AlignmentType, LineSpacing, LineSpacingType, Paragraph, TableRow};
use serde_json::Value;

use super::Block;
use super::front::{bare, borderless, cell, centred, lines};
use super::json::{field, list, str_of};
use super::text::{Format, Look, line, tight};

/// The end block after a paragraph gap; nothing when it would print
/// nothing (an attached document whose signature the settings leave out).
pub(super) fn end_block(meta: &Value, look: &Look) -> Vec<Block> {
    let tw = look.text_width;
    let sig = &meta["signature"];
    let signs = !field(sig, "signer").is_empty() || !field(sig, "authority").is_empty();
    let right = if signs { signature(sig, look) } else { Vec::new() };
    let recipients = recipients(meta, look);
    let secretary = &meta["secretary"];
    let (left, lw) = if secretary.is_object() {
        // Biên bản (NĐ 30 mẫu 1.9; spec C.4): the secretary on the left,
        // the Nơi nhận 1.2 em under the signature; two equal columns.
        let mut left = signature(secretary, look);
        if let Some((first, rest)) = recipients.split_first() {
            let before = (1.2 * look.label_size * 20.0) as u32;
            left.push(first.clone().line_spacing(LineSpacing::new().before(before).after(0)));
            left.extend(rest.iter().cloned());
        }
        (left, tw / 2)
    } else {
        (recipients, (look.left_ratio * tw as f64) as usize)
    };
    if left.is_empty() && right.is_empty() {
        return Vec::new();
    }
    let rw = tw - lw;
    let gap = tight(AlignmentType::Left).keep_next(true).line_spacing(
        LineSpacing::new().line_rule(LineSpacingType::Exact).line(((look.para + look.body * 0.5) * 20.0) as i32),
    );
    let row = TableRow::new(vec![cell(left, lw), cell(right, rw)]).cant_split();
    vec![Block::P(gap), Block::T(borderless(vec![row], vec![lw, rw]))]
}

/// "Nơi nhận:" in the label style, then one "- …;" line per recipient,
/// "." after the last; nothing without recipients.
fn recipients(meta: &Value, look: &Look) -> Vec<Paragraph> {
    let recipients: Vec<String> =
        list(meta, "recipients").iter().map(|r| bare(&str_of(r))).filter(|r| !r.is_empty()).collect();
    if recipients.is_empty() {
        return Vec::new();
    }
    let label = Format::sized(look.label_size);
    let label = match look.label_style.as_str() {
        "underline" => label.underline(),
        "bold-italic" => label.bold().italic(),
        _ => label,
    };
    let mut out = vec![line(tight(AlignmentType::Left), "Nơi nhận:", label)];
    for (i, r) in recipients.iter().enumerate() {
        let end = if i + 1 == recipients.len() { "." } else { look.recipient_separator.as_str() };
        out.push(line(tight(AlignmentType::Left), &format!("- {r}{end}"), Format::sized(look.recipient_size)));
    }
    out
}

/// A signature block, centred: authority (bold), position (bold in the
/// State family, and whenever it is the first line), the room for the
/// signature and the seal, signer (bold).
fn signature(sig: &Value, look: &Look) -> Vec<Paragraph> {
    let size = look.signature_size;
    let authority = field(sig, "authority");
    let mut out = Vec::new();
    out.extend(centred(&authority, Format::sized(size).bold()));
    let position = Format::sized(size);
    let first = lines(&authority).is_empty();
    out.extend(centred(&field(sig, "position"), if look.position_bold || first { position.bold() } else { position }));
    out.push(tight(AlignmentType::Center).line_spacing(
        LineSpacing::new().line_rule(LineSpacingType::Exact).line(look.signature_space).before(0).after(0),
    ));
    out.extend(centred(&field(sig, "signer"), Format::sized(size).bold()));
    out
}
