//! The layout settings in Word's units, and the paragraphs and runs every
//! part of the `.docx` is made of.

use docx_rs::{
    AlignmentType, BreakType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, Run, SpecialIndentType,
};
use serde_json::Value;

use super::json::{field, num, str_of};

/// Marked at the top of every page of a draft.
pub const DRAFT_MARK: &str = "DỰ THẢO";

/// The family's sizes and the document's settings (`meta.json`'s
/// `settings`, with the defaults of `common.typ`'s `config`), in points
/// and twips.
#[derive(Debug, Clone)]
pub struct Look {
    pub party: bool,
    pub font: String,
    /// Body text size, pt.
    pub body: f64,
    /// Baseline to baseline, pt ("Exactly" in Word).
    pub line: f64,
    /// Space after a paragraph, pt.
    pub para: f64,
    /// First-line indent, twips.
    pub indent: i32,
    /// The width between the margins, twips.
    pub text_width: usize,
    pub footnote: f64,
    /// The left column of the header and the end block, 0–1.
    pub left_ratio: f64,
    /// Room for the signature and seal, twips.
    pub signature_space: i32,
    pub recipient_separator: String,
    /// The Party title block's separator ("-----").
    pub title_rule: String,
    pub rule_ratio: f64,
    pub issuer_rule_ratio: f64,
    /// "Nơi nhận:" size and style, recipients' size, signature size,
    /// position bold.
    pub label_size: f64,
    pub label_style: String,
    pub recipient_size: f64,
    pub signature_size: f64,
    pub position_bold: bool,
    /// The urgency mark in its box (NĐ 30), or bold only (Party practice).
    pub urgency_box: bool,
}

impl Look {
    pub fn new(meta: &Value) -> Look {
        let s = &meta["settings"];
        let party = field(meta, "family") == "party";
        let n = |key: &str, default: f64| num(&s[key]).unwrap_or(default);
        let margins = &s["margins"];
        let left = num(&margins["left"]).unwrap_or(30.0);
        let right = num(&margins["right"]).unwrap_or(15.0);
        let first_font = match &s["font"] {
            Value::Array(fonts) => fonts.first().map(str_of).unwrap_or_default(),
            other => str_of(other),
        };
        // The office's Word names Times New Roman; Liberation Serif and
        // Tinos are its metric twins that ntm typesets with where Times is
        // missing (LibreOffice maps the name back to them).
        let font = match first_font.trim() {
            "" | "Liberation Serif" | "Tinos" | "Times New Roman" => "Times New Roman".to_string(),
            other => other.to_string(),
        };
        // The end block's defaults differ by family (party.typ / state.typ).
        let (label_size, label_style, recipient_size, signature_size, position_bold) = match party {
            true => (14.0, "underline", 12.0, 14.0, false),
            false => (12.0, "bold-italic", 11.0, 14.0, true),
        };
        let text = |key: &str, default: &str| match &s[key] {
            Value::String(v) => v.clone(),
            _ => default.to_string(),
        };
        Look {
            party,
            font,
            body: n("body_size", 14.0),
            line: n("line_spacing", 19.0),
            para: n("paragraph_spacing", 6.0),
            indent: twips(n("first_line_indent", 10.0)),
            text_width: twips(210.0 - left - right).max(1) as usize,
            footnote: n("footnote_size", 12.0),
            left_ratio: n("header_left_width", 40.0) / 100.0,
            signature_space: twips(n("signature_space", 25.0)),
            recipient_separator: text("recipient_separator", ";"),
            title_rule: text("title_rule", "-----"),
            rule_ratio: n("rule_ratio", 1.0 / 3.0),
            issuer_rule_ratio: n("issuer_rule_ratio", 0.45),
            label_size: if party { n("recipient_label_size", label_size) } else { label_size },
            label_style: if party { text("recipient_label_style", label_style) } else { label_style.to_string() },
            recipient_size: if party { n("recipient_size", recipient_size) } else { recipient_size },
            signature_size: if party { n("signature_size", signature_size) } else { signature_size },
            position_bold: s["position_bold"].as_bool().unwrap_or(position_bold),
            urgency_box: s["urgency_box"].as_bool().unwrap_or(true),
        }
    }

    /// A body paragraph: justified, first-line indent, the exact line
    /// pitch and the paragraph spacing of the settings.
    pub fn body_par(&self) -> Paragraph {
        Paragraph::new()
            .align(AlignmentType::Both)
            .indent(None, Some(SpecialIndentType::FirstLine(self.indent)), None, None)
            .line_spacing(self.exact(self.line, self.para))
    }

    /// Exact line pitch `line` pt, `after` pt after the paragraph.
    pub fn exact(&self, line: f64, after: f64) -> LineSpacing {
        LineSpacing::new()
            .line_rule(LineSpacingType::Exact)
            .line((line * 20.0).round() as i32)
            .before(0)
            .after((after * 20.0).round() as u32)
    }
}

/// A paragraph of the header, title and end blocks: single spacing, no
/// indent, no space after.
pub fn tight(align: AlignmentType) -> Paragraph {
    Paragraph::new()
        .align(align)
        .indent(Some(0), Some(SpecialIndentType::FirstLine(0)), Some(0), None)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Auto).line(240).before(0).after(0))
}

/// Millimetres to twentieths of a point.
pub fn twips(mm: f64) -> i32 {
    (mm * 1440.0 / 25.4).round() as i32
}

/// Points to Word's half-points.
pub fn half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Format {
    /// Points; the paragraph's default when `None`.
    pub size: Option<f64>,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    pub strike: bool,
    pub superscript: bool,
    pub subscript: bool,
}

impl Format {
    pub fn sized(size: f64) -> Format {
        Format { size: Some(size), ..Format::default() }
    }
    pub fn bold(self) -> Format {
        Format { bold: true, ..self }
    }
    pub fn italic(self) -> Format {
        Format { italic: true, ..self }
    }
    pub fn underline(self) -> Format {
        Format { underline: true, ..self }
    }
}

/// `text` as a run: a line break for each "\n". Characters XML cannot hold
/// (controls other than tab and line breaks) are left out; docx-rs escapes
/// the rest.
pub fn run(text: &str, format: Format) -> Run {
    let mut r = Run::new();
    if let Some(size) = format.size {
        r = r.size(half_points(size));
    }
    if format.bold {
        r = r.bold();
    }
    if format.italic {
        r = r.italic();
    }
    if format.underline {
        r = r.underline("single");
    }
    if format.strike {
        r = r.strike();
    }
    if format.superscript {
        r.run_property = r.run_property.vert_align(docx_rs::VertAlignType::SuperScript);
    } else if format.subscript {
        r.run_property = r.run_property.vert_align(docx_rs::VertAlignType::SubScript);
    }
    let clean = xml_text(text);
    for (i, line) in clean.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            r = r.add_text(line);
        }
    }
    r
}

/// The characters of `text` XML 1.0 can carry; tabs become spaces, as in
/// `meta.json`.
pub fn xml_text(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            '\r' => None,
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// A paragraph holding one line of text.
pub fn line(p: Paragraph, text: &str, format: Format) -> Paragraph {
    p.add_run(run(text, format))
}

/// A centred rule `length` twips long under the paragraph before it, drawn
/// as the bottom border of an empty paragraph `width` twips wide.
pub fn rule(width: usize, length: usize) -> Paragraph {
    let side = (width.saturating_sub(length) / 2) as i32;
    let border = ParagraphBorder::new(ParagraphBorderPosition::Bottom)
        .val(docx_rs::BorderType::Single)
        .size(5)
        .space(0)
        .color("000000");
    let mut p = Paragraph::new()
        .indent(Some(side), Some(SpecialIndentType::FirstLine(0)), Some(side), None)
        .line_spacing(LineSpacing::new().line_rule(LineSpacingType::Exact).line(80).before(0).after(60))
        .add_run(run("", Format::sized(2.0)));
    p.property = p.property.set_borders(ParagraphBorders::with_empty().set(border));
    p
}

/// About how wide `text` sets at `size` pt, bold, in twips: Times New
/// Roman's bold capitals average 0.72 em, other letters 0.5 em. Used only to
/// size the rules drawn under a line (the layouts measure them exactly).
pub fn width_estimate(text: &str, size: f64) -> usize {
    let em: f64 = text
        .chars()
        .map(|c| {
            if c.is_uppercase() {
                0.72
            } else if c == ' ' {
                0.25
            } else {
                0.5
            }
        })
        .sum();
    (em * size * 20.0).round() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(twips(25.4), 1440);
        assert_eq!(twips(30.0), 1701);
        assert_eq!(half_points(13.0), 26);
    }

    #[test]
    fn text_xml_cannot_hold_is_left_out() {
        assert_eq!(xml_text("a\u{1}b\tc\r\nd\u{FFFF}"), "ab c\nd");
    }
}
