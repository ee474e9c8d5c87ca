//! `meta.json`: the document's metadata as the Typst layout reads it.
//!
//! The layout takes this as data (`json("meta.json")`), never as spliced
//! source, so no value here can change the markup. Strings are display-ready:
//! uppercase where the format rules want uppercase.

use serde::Serialize;

use super::format;
use crate::model::{Commune, Date, Document, Family, LayoutSettings};

#[derive(Debug, Serialize)]
pub struct LayoutMeta<'a> {
    pub family: Family,
    pub settings: LayoutSettings,
    pub header: Header,
    pub title: Title,
    pub grounds: &'a [String],
    pub signature: SignatureView,
    pub recipients: &'a [String],
    pub draft: bool,
    pub pdf: PdfInfo,
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
    LayoutMeta {
        family: doc.family,
        settings: doc.settings.clone(),
        header: Header {
            superior: issuer.superior.as_deref().map(upper).unwrap_or_default(),
            issuer: upper(&issuer.header),
            number: if symbol.is_empty() { String::new() } else { format::number_line(doc.family, symbol) },
            place_date: format::place_date(&doc.place, doc.date),
            summary_left: String::new(),
        },
        title: Title {
            type_name: doc.doc_type.name.to_string(),
            subtitle: doc.subtitle.as_deref().map(upper).unwrap_or_default(),
            summary: title.to_string(),
        },
        grounds: &doc.grounds,
        signature: SignatureView {
            authority: doc.signature.authority.as_deref().map(upper).unwrap_or_default(),
            position: upper(&doc.signature.position),
            signer: doc.signature.signer.clone(),
        },
        recipients: &doc.recipients,
        draft: doc.draft,
        pdf: PdfInfo {
            title: {
                let kind = crate::vi::words::sentence_case(doc.doc_type.name);
                let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
                if symbol.is_empty() { format!("{kind} {title}") } else { format!("{kind} số {symbol} {title}") }
            },
            author: issuer.name.clone(),
            keywords: vec!["nông thôn mới".to_string(), format!("xã {}", commune.name)],
            date: doc.date,
        },
    }
}
