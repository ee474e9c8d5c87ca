//! The validated workspace: what the later stages work from.
//!
//! Values here have passed every rule of `crate::validate`: ids resolve,
//! dates exist, numbers are in range. Later stages never re-check them.

pub mod component;
pub mod criteria;
pub mod date;
pub mod doctype;
pub mod money;
pub mod plan;
pub mod settings;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use date::Date;
pub use doctype::DocType;
pub use settings::LayoutSettings;

#[derive(Debug, Clone)]
pub struct Workspace {
    /// The workspace folder as the user named it (used in messages).
    pub root: PathBuf,
    pub commune: Commune,
    pub documents: Vec<Document>,
    /// The criteria set in force, when `commune.yaml` names one and it is valid.
    pub criteria: Option<criteria::CriteriaSet>,
    pub plan: Option<plan::Plan>,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub name: String,
    pub district: Option<String>,
    pub province: String,
    pub region: String,
    pub issuers: BTreeMap<String, Issuer>,
    pub officials: BTreeMap<String, Official>,
    pub villages: Vec<Village>,
    pub steering_committee: SteeringCommittee,
    /// Every document is also written as a `.docx`.
    pub docx: bool,
}

#[derive(Debug, Clone)]
pub struct Issuer {
    pub id: String,
    /// Start dates of the Party committee's terms, oldest first.
    pub term_starts: Vec<Date>,
    pub family: Family,
    pub name: String,
    /// Printed header lines of the issuer's name.
    pub header: String,
    pub code: String,
    pub superior: Option<String>,
    /// One series per document type, or one for all the issuer's documents.
    pub numbering: NumberingScheme,
    /// Layout settings after the workspace's overrides.
    pub settings: LayoutSettings,
}

#[derive(Debug, Clone)]
pub struct Official {
    pub id: String,
    pub name: String,
    pub position: String,
}

#[derive(Debug, Clone)]
pub struct Village {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct SteeringCommittee {
    pub name: String,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub official: String,
    pub role: String,
    pub villages: Vec<String>,
    /// Ids of the criteria in the member's charge.
    pub criteria: Vec<String>,
}

/// A document ready to render.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file stem of its YAML file: how the user names it on the command line.
    pub id: String,
    pub source: PathBuf,
    pub doc_type: &'static DocType,
    /// The type's abbreviation in the symbol (after any `type_code` override).
    pub type_code: String,
    pub issuer: String,
    pub family: Family,
    pub number: Numbering,
    /// The numbering series: the calendar year (State, NĐ 30) or the
    /// committee term (Party, HD 36), e.g. `2023`, `nhiem-ky-2020-07-15`.
    pub series: String,
    /// A draft: watermarked "DỰ THẢO", not numbered, not registered.
    pub draft: bool,
    /// Also written as a `.docx` whatever the build asks (the document's or
    /// the workspace's `docx: true`); drafts always are.
    pub docx: bool,
    /// The village a per-village copy is for (its id).
    pub village: Option<String>,
    /// The period a progress report covers (`2023-Q2`).
    pub period: Option<String>,
    pub date: Date,
    pub place: String,
    pub subtitle: Option<String>,
    pub title: String,
    pub grounds: Vec<String>,
    pub signature: Signature,
    pub recipients: Vec<String>,
    /// Công văn (State): the drafting unit's code in the symbol.
    pub unit: Option<String>,
    /// "Kính gửi:", one addressee per item.
    pub addressees: Vec<String>,
    /// The enacting line written in the file, overriding the derived one.
    pub enacting: Option<String>,
    pub urgency: Option<Urgency>,
    /// Biên bản: the name of the official who took the minutes.
    pub secretary: Option<String>,
    /// Documents issued with this one ("ban hành kèm theo"), in order;
    /// they carry this document's date and are not numbered.
    pub attachments: Vec<Document>,
    pub body: Body,
    pub settings: LayoutSettings,
}

/// The prefix of a series shared by all the document types of an issuer.
pub const SHARED_SERIES: &str = "chung-";

impl Document {
    /// The type code that names the document's numbering series: empty when
    /// the issuer keeps one series for every type.
    pub fn series_code(&self) -> &str {
        if self.series.starts_with(SHARED_SERIES) { "" } else { &self.type_code }
    }
}

#[derive(Debug, Clone)]
pub struct Signature {
    pub authority: Option<String>,
    pub position: String,
    pub signer: String,
}

/// How a document gets its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Unnumbered papers (scorecards) and drafts.
    None,
    Fixed(u32),
    /// The next free number of the series, from the register.
    Auto,
}

/// The body template and where it starts in its YAML file, so template and
/// Markdown errors can point at the right line.
#[derive(Debug, Clone)]
pub struct Body {
    pub template: String,
    /// 1-based line of the file on which the template's first line stands
    /// (for `body: |`, the line after the indicator).
    pub first_line: usize,
    /// Columns of indentation the YAML block adds before each template line.
    pub indent: usize,
}

impl Body {
    /// The file position of a 1-based line and column inside the template.
    pub fn file_position(&self, line: usize, column: usize) -> (usize, usize) {
        (self.first_line + line.saturating_sub(1), column + self.indent)
    }
}

/// Which rules a document follows: its issuer's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    /// Party documents, Hướng dẫn 36-HD/VPTW.
    Party,
    /// State administrative documents, Nghị định 30/2020/NĐ-CP.
    State,
}

/// How an issuer numbers its documents: `per-type` (default): each
/// document type has its own series; `shared`: one series for all the
/// issuer's documents of the year or term, as an office keeping one
/// register book numbers them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NumberingScheme {
    #[default]
    PerType,
    Shared,
}

/// Độ khẩn of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    Khan,
    ThuongKhan,
    HoaToc,
}

impl Urgency {
    /// The printed mark (NĐ 30 §III.2.b; spec A "Urgency").
    pub fn words(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }

    /// The State stamp's width in mm (NĐ 30 §III.2.b: 20, 40, 30 × 8 mm).
    pub fn box_width(self) -> f64 {
        match self {
            Urgency::Khan => 20.0,
            Urgency::ThuongKhan => 40.0,
            Urgency::HoaToc => 30.0,
        }
    }
}
