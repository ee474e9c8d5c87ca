//! The strict shape of the workspace's YAML files.
//!
//! Every struct denies unknown fields, so a misspelt key is an error at its
//! line instead of a silently ignored setting. Business rules (does the signer
//! exist, is the date real) are checked later, in `crate::validate`; fields that
//! those rules point at are `Spanned` so the rule can name the line.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_saphyr::Spanned;

/// `commune.yaml`: the commune, its issuing bodies, people and villages.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommuneFile {
    pub commune: CommuneInfo,
    /// Issuing bodies by id (`dang-uy`, `ubnd`), referred to by documents.
    pub issuers: BTreeMap<String, IssuerSpec>,
    pub officials: Vec<OfficialSpec>,
    pub villages: Vec<VillageSpec>,
    pub steering_committee: SteeringCommitteeSpec,
    /// The criteria set the commune is assessed against: the stem of a file
    /// in `criteria/`. Without it, ntm issues documents but evaluates nothing.
    #[serde(default)]
    pub criteria_set: Option<Spanned<String>>,
    /// Workspace-wide overrides of the layout settings, per family.
    #[serde(default)]
    pub layout: LayoutOverrides,
    /// Write every document also as a `.docx` for comments in Word.
    #[serde(default)]
    pub docx: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommuneInfo {
    pub name: String,
    /// Absent for communes after the two-tier reform of 1 July 2025.
    #[serde(default)]
    pub district: Option<String>,
    pub province: String,
    /// Must be one of the criteria set's regions.
    pub region: Spanned<String>,
}

use crate::model::LayoutSettings;
pub use crate::model::{Family, NumberingScheme, Urgency};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuerSpec {
    pub family: Family,
    /// Full name as written in text: "Đảng ủy xã Cẩm Lĩnh".
    pub name: String,
    /// How the name is printed in the header, when it differs from `name`
    /// (a line break is written as a new line).
    #[serde(default)]
    pub header: Option<String>,
    /// The issuer's part of the document symbol: `ĐU`, `UBND`.
    pub code: String,
    /// The immediate superior (Party) or governing body (State), if any.
    #[serde(default)]
    pub superior: Option<String>,
    /// Party committees number their documents per term (HD 36): the dates
    /// each term began (the day after its congress closed).
    #[serde(default)]
    pub term_starts: Vec<Spanned<String>>,
    /// `per-type` (default): each document type has its own series;
    /// `shared`: one series for all the issuer's documents of the year or
    /// term, as an office keeping one register book numbers them.
    #[serde(default)]
    pub numbering: NumberingScheme,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialSpec {
    pub id: Spanned<String>,
    pub name: String,
    pub position: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VillageSpec {
    pub id: Spanned<String>,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SteeringCommitteeSpec {
    pub name: String,
    pub members: Vec<MemberSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSpec {
    /// Id of an official.
    pub official: Spanned<String>,
    /// Role in the committee: "Trưởng ban", "Thành viên".
    pub role: String,
    /// Villages this member is in charge of (seed §2.1, §2.5).
    #[serde(default)]
    pub villages: Vec<Spanned<String>>,
    /// Ids of the criteria this member is in charge of (seed §2.1).
    #[serde(default)]
    pub criteria: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutOverrides {
    #[serde(default)]
    pub party: SettingsPatch,
    #[serde(default)]
    pub state: SettingsPatch,
}

/// Layout settings a workspace or a document may override. Every value the
/// layout spec marks UNSURE is one of these, so an office can follow newer
/// guidance without a new release.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    pub margins: Option<MarginsPatch>,
    pub font: Option<Vec<String>>,
    pub body_size: Option<Spanned<f64>>,
    pub line_spacing: Option<Spanned<f64>>,
    pub paragraph_spacing: Option<Spanned<f64>>,
    pub first_line_indent: Option<Spanned<f64>>,
    pub header_left_width: Option<Spanned<f64>>,
    pub page_number_size: Option<Spanned<f64>>,
    pub page_number_top: Option<Spanned<f64>>,
    pub signature_space: Option<Spanned<f64>>,
    pub recipient_separator: Option<String>,
    pub title_rule: Option<String>,
    // Party end block (HD 36 ô 7, 9b); State documents keep NĐ 30's values.
    pub recipient_label_size: Option<Spanned<f64>>,
    pub recipient_label_style: Option<Spanned<LabelStyle>>,
    pub recipient_size: Option<Spanned<f64>>,
    pub signature_size: Option<Spanned<f64>>,
    pub position_bold: Option<bool>,
    // The wordings and styles of the newer document kinds that the spec
    // marks UNSURE (see LayoutSettings).
    pub addressee_label_style: Option<Spanned<AddresseeStyle>>,
    pub minutes_secretary_label: Option<String>,
    pub minutes_chair_label: Option<String>,
    pub attachment_words: Option<String>,
    pub attachment_signature: Option<bool>,
    pub urgency_box: Option<bool>,
}

impl SettingsPatch {
    /// Sets the values the patch gives in `settings`; the rest stay.
    pub fn apply_to(&self, settings: &mut LayoutSettings) {
        let patch = self;
        fn set(target: &mut f64, value: &Option<serde_saphyr::Spanned<f64>>) {
            if let Some(v) = value {
                *target = v.value;
            }
        }
        if let Some(m) = &patch.margins {
            set(&mut settings.margins.top, &m.top);
            set(&mut settings.margins.bottom, &m.bottom);
            set(&mut settings.margins.left, &m.left);
            set(&mut settings.margins.right, &m.right);
        }
        if let Some(font) = &patch.font {
            settings.font = font.clone();
        }
        set(&mut settings.body_size, &patch.body_size);
        set(&mut settings.line_spacing, &patch.line_spacing);
        set(&mut settings.paragraph_spacing, &patch.paragraph_spacing);
        set(&mut settings.first_line_indent, &patch.first_line_indent);
        set(&mut settings.header_left_width, &patch.header_left_width);
        set(&mut settings.page_number_size, &patch.page_number_size);
        set(&mut settings.page_number_top, &patch.page_number_top);
        set(&mut settings.signature_space, &patch.signature_space);
        if let Some(s) = &patch.recipient_separator {
            settings.recipient_separator = s.clone();
        }
        if let Some(s) = &patch.title_rule {
            settings.title_rule = s.clone();
        }
        if let Some(style) = &patch.addressee_label_style {
            settings.addressee_label_style = style.value.as_str().to_string();
        }
        let text = |target: &mut String, value: &Option<String>| {
            if let Some(v) = value.as_ref().map(|v| v.trim()).filter(|v| !v.is_empty()) {
                *target = v.to_string();
            }
        };
        text(&mut settings.minutes_secretary_label, &patch.minutes_secretary_label);
        text(&mut settings.minutes_chair_label, &patch.minutes_chair_label);
        text(&mut settings.attachment_words, &patch.attachment_words);
        if let Some(v) = patch.attachment_signature {
            settings.attachment_signature = v;
        }
        if let Some(v) = patch.urgency_box {
            settings.urgency_box = v;
        }
        if let Some(end) = &mut settings.end_block {
            set(&mut end.recipient_label_size, &patch.recipient_label_size);
            set(&mut end.recipient_size, &patch.recipient_size);
            set(&mut end.signature_size, &patch.signature_size);
            if let Some(style) = &patch.recipient_label_style {
                end.recipient_label_style = style.value.as_str().to_string();
            }
            if let Some(bold) = patch.position_bold {
                end.position_bold = bold;
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelStyle {
    Underline,
    BoldItalic,
}

impl LabelStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            LabelStyle::Underline => "underline",
            LabelStyle::BoldItalic => "bold-italic",
        }
    }
}

/// How the "Kính gửi:" label is set: `italic` (Party practice) or `upright`
/// (NĐ 30 §II.9.d).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddresseeStyle {
    Italic,
    Upright,
}

impl AddresseeStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            AddresseeStyle::Italic => "italic",
            AddresseeStyle::Upright => "upright",
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarginsPatch {
    pub top: Option<Spanned<f64>>,
    pub bottom: Option<Spanned<f64>>,
    pub left: Option<Spanned<f64>>,
    pub right: Option<Spanned<f64>>,
}

/// One file under `documents/`: a document to issue.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    /// Document type key: `nghi-quyet`, `ke-hoach`, `bao-cao`, …
    #[serde(rename = "type")]
    pub kind: Spanned<String>,
    /// Overrides the type's abbreviation in the symbol (e.g. `QĐi`).
    #[serde(default)]
    pub type_code: Option<String>,
    /// Id of an issuer in `commune.yaml`.
    pub issuer: Spanned<String>,
    /// The number in the issuer's series: a number, or `auto` for the next
    /// free one in the register; absent for unnumbered papers (scorecards).
    #[serde(default)]
    pub number: Option<Spanned<NumberSpec>>,
    /// `draft`: watermarked "DỰ THẢO", not numbered, not registered.
    #[serde(default)]
    pub status: Option<Spanned<DocStatus>>,
    /// A progress report's period: `2023-Q2`, `2023-06` or `2023`. The
    /// document then reports the latest survey round in the period and
    /// compares it with the round before.
    #[serde(default)]
    pub period: Option<Spanned<String>>,
    /// `village`: issue one copy of this document per village, each seeing
    /// its own village as `village` (scorecards).
    #[serde(default)]
    pub for_each: Option<Spanned<ForEach>>,
    /// `YYYY-MM-DD`.
    /// Required, except for a progress report, which is dated the last day
    /// of its period unless it says otherwise.
    #[serde(default)]
    pub date: Option<Spanned<String>>,
    /// Place name for the date line; defaults to the commune's name.
    #[serde(default)]
    pub place: Option<String>,
    /// Line printed under the type name, e.g. "của Ban Chấp hành Đảng bộ xã".
    #[serde(default)]
    pub subtitle: Option<String>,
    /// Trích yếu; a new line in it is a line break in the title block.
    pub title: Spanned<String>,
    /// Căn cứ (grounds), one per item, without trailing punctuation.
    #[serde(default)]
    pub grounds: Vec<String>,
    pub signature: SignatureSpec,
    /// Nơi nhận, one per item, without the leading dash and trailing
    /// punctuation. Required, except on a document attached to another.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Công văn of a State body: the drafting unit's code, printed after the
    /// issuer's in the symbol (`VP` in `23/UBND-VP`).
    #[serde(default)]
    pub unit: Option<Spanned<String>>,
    /// "Kính gửi:" (công văn, tờ trình, báo cáo), one addressee per item.
    #[serde(default)]
    pub addressees: Option<Spanned<Vec<String>>>,
    /// Quyết định / nghị quyết: the enacting line when the one derived from
    /// the signature does not fit (an unusual authority).
    #[serde(default)]
    pub enacting: Option<Spanned<String>>,
    /// Độ khẩn: `khan`, `thuong-khan`, `hoa-toc`.
    #[serde(default)]
    pub urgency: Option<Spanned<Urgency>>,
    /// Documents of the workspace (file names without `.yaml`) issued with
    /// this decision ("ban hành kèm theo"): printed after it in its PDF,
    /// registered as part of it, never numbered on their own.
    #[serde(default)]
    pub attachments: Option<Spanned<Vec<Spanned<String>>>>,
    /// Biên bản: the official who took the minutes (thư ký), signing on the
    /// left; `signature` is the chair's, on the right.
    #[serde(default)]
    pub secretary: Option<Spanned<String>>,
    /// The body: a Markdown document that is a Tera template.
    pub body: Spanned<String>,
    /// Per-document layout overrides.
    #[serde(default)]
    pub layout: SettingsPatch,
    /// Write this document also as a `.docx` (drafts always are).
    #[serde(default)]
    pub docx: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum NumberSpec {
    Fixed(u32),
    Auto(AutoWord),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AutoWord {
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocStatus {
    /// Issued: numbered, registered, final.
    Final,
    Draft,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ForEach {
    Village,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureSpec {
    /// "T/M Ban Chấp hành" (Party) or "TM. Ủy ban nhân dân" (State); empty when
    /// the signer signs in their own right.
    #[serde(default)]
    pub authority: Option<Spanned<String>>,
    /// The signer's position in the signature block: "Bí thư", "Chủ tịch".
    /// A biên bản's chair may leave it out (the chair's label stands alone).
    #[serde(default)]
    pub position: String,
    /// Id of an official.
    pub signer: Spanned<String>,
}
