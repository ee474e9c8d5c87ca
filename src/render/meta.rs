//! `meta.json`: the document's metadata as the Typst layout reads it.
//!
//! The layout takes this as data (`json("meta.json")`), never as spliced
//! source, so no value here can change the markup. Strings are display-ready:
//! uppercase where the format rules want uppercase.

use serde::Serialize;

use super::format;
use crate::model::{Commune, Date, Document, Family, Issuer, LayoutSettings};
use crate::vi::words::sentence_case;

#[derive(Debug, Serialize)]
pub struct LayoutMeta<'a> {
    pub family: Family,
    pub settings: LayoutSettings,
    pub header: Header,
    pub title: Title,
    pub grounds: &'a [String],
    pub signature: SignatureView,
    /// Nơi nhận; "Như trên" first when the document has addressees.
    pub recipients: Vec<String>,
    pub draft: bool,
    pub pdf: PdfInfo,
    /// The document type's key (`cong-van`, `bien-ban`, …).
    pub kind: &'static str,
    /// "Kính gửi:", one addressee per item (empty: no Kính gửi block).
    pub addressees: &'a [String],
    /// Quyết định, nghị quyết: the enacting lines.
    pub enacting: Option<Enacting>,
    /// Độ khẩn, printed under the number.
    pub urgency: Option<UrgencyView>,
    /// Biên bản: the left signature block, the minutes' secretary.
    pub secretary: Option<SignatureView>,
    /// Documents issued with this one, each on its own pages after it.
    pub attachments: Vec<AttachmentMeta>,
}

/// The enacting lines of a decision or resolution: `authority` between the
/// title and the căn cứ, `word` after the căn cứ (either may be empty).
#[derive(Debug, Serialize)]
pub struct Enacting {
    pub authority: String,
    pub word: String,
}

#[derive(Debug, Serialize)]
pub struct UrgencyView {
    pub words: &'static str,
    /// The stamp's width in mm (State).
    pub width: f64,
}

/// A document "ban hành kèm theo" this one (spec C.2): no number, no date
/// line; its type name, title and the line citing the decision.
#[derive(Debug, Serialize)]
pub struct AttachmentMeta {
    pub title: Title,
    /// `(Ban hành kèm theo Quyết định số 16/QĐ-UBND ngày … của …)`.
    pub reference: String,
    /// Empty strings when the setting prints no signature on attachments.
    pub signature: SignatureView,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub superior: String,
    pub issuer: String,
    pub number: String,
    pub place_date: String,
    pub summary_left: String,
}

#[derive(Debug, Serialize)]
pub struct Title {
    pub type_name: String,
    pub subtitle: String,
    pub summary: String,
}

#[derive(Debug, Serialize)]
pub struct SignatureView {
    pub authority: String,
    pub position: String,
    pub signer: String,
}

#[derive(Debug, Serialize)]
pub struct PdfInfo {
    pub title: String,
    pub author: String,
    pub keywords: Vec<String>,
    pub date: Date,
}

/// `title` is the trích yếu after its template was rendered.
pub fn build<'a>(doc: &'a Document, commune: &Commune, symbol: &str, title: &str) -> LayoutMeta<'a> {
    let issuer = &commune.issuers[&doc.issuer];
    let upper = |s: &str| s.to_uppercase();
    let letter = doc.doc_type.is_letter();
    // Công văn: the trích yếu goes under the number (ô 5b), State after
    // "V/v", Party without it (spec A.2 ô 5b, B.2 ô 5b).
    let summary_left = match (letter, doc.family) {
        (false, _) => String::new(),
        (true, Family::State) => format!("V/v {}", title.trim()),
        (true, Family::Party) => title.trim().to_string(),
    };
    let mut recipients = doc.recipients.clone();
    let as_above = recipients.first().is_some_and(|r| crate::vi::fold::fold(r).starts_with("nhu tren"));
    if !doc.addressees.is_empty() && !as_above {
        recipients.insert(0, "Như trên".to_string());
    }
    LayoutMeta {
        kind: doc.doc_type.key,
        addressees: &doc.addressees,
        enacting: enacting(doc, issuer),
        urgency: doc.urgency.map(|u| UrgencyView { words: u.words(), width: u.box_width() }),
        secretary: doc.secretary.as_ref().map(|name| SignatureView {
            authority: String::new(),
            position: doc.settings.minutes_secretary_label.to_uppercase(),
            signer: name.clone(),
        }),
        attachments: doc.attachments.iter().map(|a| attachment(a, doc, issuer, symbol)).collect(),
        family: doc.family,
        settings: doc.settings.clone(),
        header: Header {
            superior: issuer.superior.as_deref().map(upper).unwrap_or_default(),
            issuer: upper(&issuer.header),
            number: if symbol.is_empty() { String::new() } else { format::number_line(doc.family, symbol) },
            // A State biên bản's header has no place/date line (NĐ 30 mẫu 1.9).
            place_date: if doc.doc_type.is_minutes() && doc.family == Family::State {
                String::new()
            } else {
                format::place_date(&doc.place, doc.date)
            },
            summary_left,
        },
        title: Title {
            type_name: if letter { String::new() } else { doc.doc_type.name.to_string() },
            subtitle: doc.subtitle.as_deref().map(upper).unwrap_or_default(),
            summary: if letter || !doc.doc_type.prints_summary() { String::new() } else { title.to_string() },
        },
        grounds: &doc.grounds,
        signature: signature_view(doc),
        recipients,
        draft: doc.draft,
        pdf: PdfInfo {
            title: {
                let kind = sentence_case(doc.doc_type.name);
                let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                if symbol.is_empty() { format!("{kind} {title}") } else { format!("{kind} số {symbol} {title}") }
            },
            author: issuer.name.clone(),
            keywords: vec!["nông thôn mới".to_string(), format!("xã {}", commune.name)],
            date: doc.date,
        },
    }
}

/// The signature block on the right: a biên bản's is the chair's, under
/// the chair's label (NĐ 30 mẫu 1.9), with the chair's title when given.
fn signature_view(doc: &Document) -> SignatureView {
    let upper = |s: &str| s.to_uppercase();
    if doc.doc_type.is_minutes() {
        let label = upper(&doc.settings.minutes_chair_label);
        let position = upper(&doc.signature.position);
        let position = if position == label { String::new() } else { position };
        return SignatureView { authority: label, position, signer: doc.signature.signer.clone() };
    }
    SignatureView {
        authority: doc.signature.authority.as_deref().map(upper).unwrap_or_default(),
        position: upper(&doc.signature.position),
        signer: doc.signature.signer.clone(),
    }
}

/// The authority prefixes, both families, longest first so `TUQ.` is not
/// read as `TL.`'s neighbour.
const PREFIXES: [&str; 8] = ["TUQ.", "TM.", "KT.", "TL.", "Q.", "T/M", "K/T", "T/L"];

/// The signature's authority without its prefix, uppercase: `KT. Chủ tịch`
/// gives `CHỦ TỊCH`; `None` when the signer signs in their own right.
fn authority_body(doc: &Document) -> Option<(String, String)> {
    let authority = doc.signature.authority.as_deref()?.trim().to_uppercase();
    let prefix = PREFIXES.iter().find(|p| authority.starts_with(*p))?;
    Some((prefix.to_string(), authority[prefix.len()..].trim().to_string()))
}

/// The enacting lines. State (NĐ 30 Phụ lục III mẫu 1.2/1.3, note 6): the
/// issuing authority between the title and the căn cứ — the body's name
/// when it decides as a body (`TM.`), the head's title and the body's name
/// when the head decides (`KT.`/`Q.`/`TL.` Chủ tịch, or the Chủ tịch in
/// their own right) — then "QUYẾT ĐỊNH:" (a nghị quyết: "QUYẾT NGHỊ:",
/// mẫu 1.1). Party (spec A ô 6, C.6): the căn cứ end with "," and the
/// enacting sentence follows them, named after the deciding body: `T/M Ban
/// Thường vụ` gives "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH". Party resolutions
/// carry none. `enacting:` in the file replaces the derived line.
fn enacting(doc: &Document, issuer: &Issuer) -> Option<Enacting> {
    if !doc.doc_type.enacts() {
        return None;
    }
    let decision = doc.doc_type.key == "quyet-dinh";
    let written = doc.enacting.as_ref().map(|e| e.to_uppercase());
    match doc.family {
        Family::State => {
            let body = issuer.name.to_uppercase();
            let derived = match authority_body(doc) {
                Some((prefix, _)) if prefix == "TM." => body,
                Some((_, head)) if !head.is_empty() => format!("{head} {body}"),
                _ => format!("{} {body}", doc.signature.position.to_uppercase()),
            };
            let word = if decision { "QUYẾT ĐỊNH:" } else { "QUYẾT NGHỊ:" };
            Some(Enacting { authority: written.unwrap_or(derived), word: word.to_string() })
        }
        Family::Party if decision || written.is_some() => {
            let derived = || {
                let who = match authority_body(doc) {
                    Some((_, body)) if body.contains("ĐẢNG") => body,
                    Some((_, body)) if body == "BAN CHẤP HÀNH" => format!("{body} ĐẢNG BỘ"),
                    Some((_, body)) if !body.is_empty() => format!("{body} ĐẢNG ỦY"),
                    _ => format!("{} ĐẢNG ỦY", doc.signature.position.to_uppercase()),
                };
                format!("{who} QUYẾT ĐỊNH")
            };
            Some(Enacting { authority: String::new(), word: written.unwrap_or_else(derived) })
        }
        Family::Party => None,
    }
}

/// The line citing `parent` under what goes with it: `(Kèm theo Báo cáo số
/// 15/BC-UBND ngày 20 tháng 11 năm 2023 của Ủy ban nhân dân xã …)`, by type,
/// symbol, date and issuer (Party citations put a comma before "ngày",
/// spec A.3). A draft leaves the number blank.
pub fn citation(words: &str, parent: &Document, issuer: &Issuer, symbol: &str) -> String {
    let symbol = if symbol.is_empty() {
        match parent.family {
            Family::Party => format!("\u{a0}\u{a0}\u{a0}\u{a0}-{}/{}", parent.type_code, issuer.code),
            Family::State => format!("\u{a0}\u{a0}\u{a0}\u{a0}/{}-{}", parent.type_code, issuer.code),
        }
    } else {
        symbol.to_string()
    };
    let comma = if parent.family == Family::Party { "," } else { "" };
    format!(
        "({words} {} số {symbol}{comma} {} của {})",
        sentence_case(parent.doc_type.name),
        parent.date.words(),
        issuer.name
    )
}

/// An attached document's view: its reference line cites the decision by
/// type, symbol, date and issuer (Party citations put a comma before
/// "ngày", spec A.3). A draft decision leaves the number blank.
fn attachment(a: &Document, parent: &Document, issuer: &Issuer, symbol: &str) -> AttachmentMeta {
    let reference = citation(parent.settings.attachment_words.trim(), parent, issuer, symbol);
    let signature = if parent.settings.attachment_signature {
        signature_view(a)
    } else {
        SignatureView { authority: String::new(), position: String::new(), signer: String::new() }
    };
    AttachmentMeta {
        title: Title {
            type_name: a.doc_type.name.to_string(),
            subtitle: a.subtitle.as_deref().map(str::to_uppercase).unwrap_or_default(),
            summary: a.title.clone(),
        },
        reference,
        signature,
    }
}
