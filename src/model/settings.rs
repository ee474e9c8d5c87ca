//! Layout settings: the numbers of the document-format spec that a workspace
//! may change. Defaults are the spec's (HD 36 for Party, NĐ 30 for State);
//! every value marked UNSURE there is a setting here rather than a constant in
//! a layout file.

use serde::Serialize;

use super::Family;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Margins {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
}

/// What the Typst layout reads from `meta.json` under `settings`.
/// Lengths in millimetres, sizes in points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutSettings {
    pub paper: &'static str,
    pub margins: Margins,
    pub font: Vec<String>,
    pub body_size: f64,
    pub line_spacing: f64,
    pub paragraph_spacing: f64,
    pub first_line_indent: f64,
    /// Percent of the text width given to the left header and footer column.
    pub header_left_width: f64,
    pub page_number_size: f64,
    pub page_number_top: f64,
    pub signature_space: f64,
    pub recipient_separator: String,
    pub title_rule: String,
    /// "Kính gửi:" label: `italic` (Party, spec A ô 9, UNSURE) or
    /// `upright` (State, NĐ 30 §II.9.d).
    pub addressee_label_style: String,
    /// Biên bản signature labels: State THƯ KÝ / CHỦ TỌA (NĐ 30 mẫu 1.9);
    /// Party NGƯỜI GHI BIÊN BẢN / CHỦ TRÌ HỘI NGHỊ (spec C.6, UNSURE).
    pub minutes_secretary_label: String,
    pub minutes_chair_label: String,
    /// The words opening an attached document's reference line: "Ban hành
    /// kèm theo" (commune practice) where NĐ 30's model writes "Kèm theo".
    pub attachment_words: String,
    /// Whether an attached document ends with its signature block (the
    /// model shows none; commune practice signs it; UNSURE).
    pub attachment_signature: bool,
    /// The urgency mark in a single-line box (NĐ 30 §III.2.b); Party
    /// practice prints it bold without one (spec A, UNSURE).
    pub urgency_box: bool,
    /// The end block of Party documents (HD 36 ô 7, 9b): every value is
    /// UNSURE in the spec, so each is a setting. State documents print NĐ 30's
    /// verified values and carry none of these.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub end_block: Option<EndBlock>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndBlock {
    pub recipient_label_size: f64,
    /// `underline` or `bold-italic`.
    pub recipient_label_style: String,
    pub recipient_size: f64,
    pub signature_size: f64,
    pub position_bold: bool,
}

impl LayoutSettings {
    pub fn defaults(family: Family) -> Self {
        // Empty: the family the typesetter found (Times New Roman or
        // Liberation Serif) is filled in at build time.
        let font = Vec::new();
        match family {
            // Spec A.1/A.2: margins 20/20/30/15 (UNSURE), body 14–15, 19 pt
            // line at 14 pt text, 10 mm indent, page number 10 mm from the top.
            Family::Party => LayoutSettings {
                paper: "a4",
                margins: Margins { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 },
                font,
                body_size: 14.0,
                line_spacing: 19.0,
                paragraph_spacing: 6.0,
                first_line_indent: 10.0,
                header_left_width: 40.0,
                page_number_size: 14.0,
                page_number_top: 10.0,
                signature_space: 25.0,
                recipient_separator: ";".into(),
                title_rule: "-----".into(),
                addressee_label_style: "italic".into(),
                minutes_secretary_label: "Người ghi biên bản".into(),
                minutes_chair_label: "Chủ trì hội nghị".into(),
                attachment_words: "Ban hành kèm theo".into(),
                attachment_signature: true,
                urgency_box: false,
                end_block: Some(EndBlock {
                    recipient_label_size: 14.0,
                    recipient_label_style: "underline".into(),
                    recipient_size: 12.0,
                    signature_size: 14.0,
                    position_bold: false,
                }),
            },
            // Spec B.1: margins within 20–25/20–25/30–35/15–20, body 13–14,
            // spacing single to 1.5 lines, indent 1–1.27 cm.
            Family::State => LayoutSettings {
                paper: "a4",
                margins: Margins { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 },
                font,
                body_size: 14.0,
                line_spacing: 18.0,
                paragraph_spacing: 6.0,
                first_line_indent: 10.0,
                header_left_width: 40.0,
                page_number_size: 13.0,
                page_number_top: 10.0,
                signature_space: 25.0,
                recipient_separator: ";".into(),
                title_rule: String::new(),
                addressee_label_style: "upright".into(),
                minutes_secretary_label: "Thư ký".into(),
                minutes_chair_label: "Chủ tọa".into(),
                attachment_words: "Ban hành kèm theo".into(),
                attachment_signature: true,
                urgency_box: true,
                end_block: None,
            },
        }
    }
}
