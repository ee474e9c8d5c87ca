//! Rules for one document file, and the rule across documents that numbers
//! never repeat.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::Loaded;
use crate::load::schema::{DocStatus, DocumentFile, Family, NumberSpec, NumberingScheme};
use crate::model::{Body, Commune, Date, DocType, Document, Issuer, Numbering, SHARED_SERIES, Signature, doctype};

use super::{at, check_settings, unknown_ref};

/// Signing-authority prefixes per family (spec A.5 and B.3): Party writes
/// them with a slash, State with a dot.
const PARTY_AUTHORITIES: [&str; 3] = ["T/M", "K/T", "T/L"];
const STATE_AUTHORITIES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

/// Validates one document file; a `for_each: village` file gives one
/// document per village.
/// `attached`: another document lists this one in its `attachments`.
pub(super) fn validate(
    loaded: &Loaded<DocumentFile>,
    commune: &Commune,
    attached: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<Document> {
    let Some(doc) = validate_one(loaded, commune, attached, diagnostics) else { return Vec::new() };
    if loaded.data.for_each.is_none() {
        return vec![doc];
    }
    if let Some(n) = &loaded.data.number {
        diagnostics.push(
            Diagnostic::error(at(&loaded.path, n), "văn bản lập cho từng thôn (`for_each`) không đánh số")
                .with_hint("bỏ dòng `number`: các bản của từng thôn không thể cùng một số"),
        );
        return Vec::new();
    }
    commune
        .villages
        .iter()
        .map(|v| Document { id: format!("{}-{}", doc.id, v.id), village: Some(v.id.clone()), ..doc.clone() })
        .collect()
}

fn validate_one(
    loaded: &Loaded<DocumentFile>,
    commune: &Commune,
    attached: bool,
    diagnostics: &mut Diagnostics,
) -> Option<Document> {
    let path = &loaded.path;
    let doc = &loaded.data;
    let before = diagnostics.error_count();

    let doc_type = doctype::find(doc.kind.value.trim());
    if doc_type.is_none() {
        diagnostics.push(
            Diagnostic::error(at(path, &doc.kind), format!("loại văn bản `{}` không được hỗ trợ", doc.kind.value))
                .with_hint(format!("chọn một trong: {}", doctype::keys())),
        );
    }

    let issuer = commune.issuers.get(&doc.issuer.value);
    if issuer.is_none() {
        diagnostics.push(unknown_ref(path, &doc.issuer, "cơ quan ban hành", commune.issuers.keys()));
    }
    let family = issuer.map(|i| i.family);

    let draft = doc.status.as_ref().is_some_and(|s| s.value == DocStatus::Draft);
    let period = doc.period.as_ref().map(|p| p.value.trim());
    if let (Some(p), Some(spec)) = (period, &doc.period)
        && !crate::load::rounds::is_period(p)
    {
        diagnostics.push(
            Diagnostic::error(at(path, spec), format!("kỳ báo cáo `{p}` không hợp lệ"))
                .with_hint("ghi năm (`2023`), tháng (`2023-06`) hoặc quý (`2023-Q2`)"),
        );
    }
    let type_code = match (doc_type, family, &doc.type_code) {
        (_, _, Some(code)) if !code.trim().is_empty() => Some(code.trim().to_string()),
        // An unnumbered paper has no symbol, so no type code is needed.
        (Some(t), Some(f), _) if doc.number.is_none() || draft => Some(t.code(f).unwrap_or_default().to_string()),
        (Some(t), Some(f), _) => match t.code(f) {
            Some(code) => Some(code.to_string()),
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        at(path, &doc.kind),
                        format!("{} không ban hành loại văn bản `{}`", family_name(f), t.key),
                    )
                    .with_hint("đổi loại văn bản, hoặc ghi ký hiệu loại bằng `type_code`"),
                );
                None
            }
        },
        _ => None,
    };

    if let Some(n) = &doc.number
        && let NumberSpec::Fixed(v) = n.value
        && (v == 0 || v > 9999)
    {
        diagnostics.error(at(path, n), format!("số văn bản {v} phải từ 1 đến 9999"));
    }

    if attached {
        check_attached(loaded, diagnostics);
    }
    let date = match (&doc.date, doc.period.as_ref().and_then(|p| crate::load::rounds::period_end(p.value.trim()))) {
        (Some(d), _) => Date::parse(&d.value).map_err(|msg| diagnostics.error(at(path, d), msg)).ok(),
        (None, Some(end)) => Some(end),
        // An attachment is dated by its decision (set in `attach`).
        (None, None) if attached => Some(Date { year: 1, month: 1, day: 1 }),
        (None, None) => {
            diagnostics.push(
                Diagnostic::error(Location::file(path), "thiếu ngày ban hành (`date`)")
                    .with_hint("thêm dòng `date: NĂM-THÁNG-NGÀY`, ví dụ `date: 2023-01-12`"),
            );
            None
        }
    };

    if doc.title.value.trim().is_empty() {
        diagnostics.error(at(path, &doc.title), "thiếu trích yếu (`title`)");
    }

    let signer = commune.officials.get(&doc.signature.signer.value);
    if signer.is_none() {
        diagnostics.push(unknown_ref(path, &doc.signature.signer, "cán bộ", commune.officials.keys()));
    }
    if let (Some(authority), Some(f)) = (&doc.signature.authority, family) {
        check_authority(path, authority, f, diagnostics);
    }

    if let Some(t) = doc_type {
        check_kind_fields(loaded, t, family, diagnostics);
    }
    let secretary = doc.secretary.as_ref().and_then(|id| {
        let found = commune.officials.get(id.value.trim());
        if found.is_none() {
            diagnostics.push(unknown_ref(path, id, "cán bộ", commune.officials.keys()));
        }
        found.map(|o| o.name.clone())
    });
    if doc.signature.position.trim().is_empty() && !doc_type.is_some_and(|t| t.is_minutes()) {
        diagnostics.push(
            Diagnostic::error(at(path, &doc.signature.signer), "thiếu chức vụ người ký (`position`)")
                .with_hint("thêm `position:` vào `signature`, ví dụ `position: Chủ tịch`"),
        );
    }

    if !attached && doc.recipients.iter().all(|r| r.trim().is_empty()) {
        diagnostics.push(
            Diagnostic::error(Location::file(path), "thiếu nơi nhận (`recipients`)")
                .with_hint("văn bản nào cũng có nơi nhận, ít nhất là dòng lưu, ví dụ `Lưu VPĐU`"),
        );
    }

    if doc.body.value.trim().is_empty() {
        diagnostics.error(at(path, &doc.body), "nội dung văn bản (`body`) trống");
    }

    if let Some(f) = family {
        check_settings(path, f, &doc.layout, diagnostics);
    }

    if diagnostics.error_count() > before {
        return None;
    }
    let (doc_type, issuer, type_code, date, signer) = (doc_type?, issuer?, type_code?, date?, signer?);
    let number = match doc.number.as_ref().map(|n| n.value) {
        _ if draft => Numbering::None,
        None => Numbering::None,
        Some(NumberSpec::Fixed(n)) => Numbering::Fixed(n),
        Some(NumberSpec::Auto(_)) => Numbering::Auto,
    };
    let series = series(issuer, date, path, diagnostics, number != Numbering::None)?;
    let series = match issuer.numbering {
        NumberingScheme::Shared => format!("{SHARED_SERIES}{series}"),
        NumberingScheme::PerType => series,
    };
    let mut settings = issuer.settings.clone();
    doc.layout.apply_to(&mut settings);
    Some(Document {
        id: loaded.id.clone(),
        source: path.clone(),
        doc_type,
        type_code,
        issuer: issuer.id.clone(),
        family: issuer.family,
        number,
        series,
        draft,
        docx: doc.docx || commune.docx,
        village: None,
        period: period.map(|p| p.to_string()),
        date,
        place: doc.place.clone().unwrap_or_else(|| commune.name.clone()).trim().to_string(),
        subtitle: doc.subtitle.clone().filter(|s| !s.trim().is_empty()),
        title: doc.title.value.trim().to_string(),
        grounds: clean_lines(&doc.grounds),
        signature: Signature {
            authority: doc.signature.authority.as_ref().map(|a| a.value.trim().to_string()).filter(|a| !a.is_empty()),
            position: doc.signature.position.trim().to_string(),
            signer: signer.name.clone(),
        },
        recipients: clean_lines(&doc.recipients),
        unit: doc.unit.as_ref().map(|u| u.value.trim().to_string()).filter(|u| !u.is_empty()),
        addressees: doc.addressees.as_ref().map(|a| clean_lines(&a.value)).unwrap_or_default(),
        enacting: doc.enacting.as_ref().map(|e| e.value.trim().to_string()).filter(|e| !e.is_empty()),
        urgency: doc.urgency.as_ref().map(|u| u.value),
        secretary,
        attachments: Vec::new(),
        body: Body {
            template: doc.body.value.clone(),
            first_line: (doc.body.referenced.line() as usize).max(1),
            indent: (doc.body.referenced.column() as usize).saturating_sub(1),
        },
        settings,
    })
}

/// The numbering series a document's date falls in: the calendar year for
/// State bodies (NĐ 30 §II.3.a), the committee term for Party ones (HD 36).
fn series(
    issuer: &Issuer,
    date: Date,
    path: &std::path::Path,
    diagnostics: &mut Diagnostics,
    numbered: bool,
) -> Option<String> {
    match issuer.family {
        Family::State => Some(date.year.to_string()),
        Family::Party => match issuer.term_starts.iter().rev().find(|t| **t <= date) {
            Some(start) => Some(format!("nhiem-ky-{start}")),
            None if !numbered => Some(String::new()),
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        Location::file(path),
                        format!(
                            "chưa biết nhiệm kỳ của `{}` vào ngày {date}: văn bản của Đảng đánh số theo nhiệm kỳ",
                            issuer.id
                        ),
                    )
                    .with_hint(format!(
                        "thêm `term_starts: [NĂM-THÁNG-NGÀY]` (ngày bắt đầu nhiệm kỳ) cho `{}` trong commune.yaml",
                        issuer.id
                    )),
                );
                None
            }
        },
    }
}

/// `năm 2023` or `nhiệm kỳ bắt đầu 2020-07-15`; a shared series says so.
pub fn series_words(series: &str) -> String {
    if let Some(own) = series.strip_prefix(SHARED_SERIES) {
        return format!("{} (sổ chung mọi loại văn bản)", series_words(own));
    }
    match series.strip_prefix("nhiem-ky-") {
        Some(start) => format!("nhiệm kỳ bắt đầu {start}"),
        None => format!("năm {series}"),
    }
}

fn family_name(family: Family) -> &'static str {
    match family {
        Family::Party => "cơ quan Đảng",
        Family::State => "cơ quan nhà nước",
    }
}

fn check_authority(
    path: &std::path::Path,
    authority: &serde_saphyr::Spanned<String>,
    family: Family,
    diagnostics: &mut Diagnostics,
) {
    let text = authority.value.trim().to_uppercase();
    if text.is_empty() {
        return;
    }
    let (own, other) = match family {
        Family::Party => (&PARTY_AUTHORITIES[..], &STATE_AUTHORITIES[..]),
        Family::State => (&STATE_AUTHORITIES[..], &PARTY_AUTHORITIES[..]),
    };
    if own.iter().any(|p| text.starts_with(p)) {
        return;
    }
    let hint = match family {
        Family::Party => "văn bản của Đảng ghi “T/M”, “K/T” hoặc “T/L” (Hướng dẫn 36-HD/VPTW)",
        Family::State => "văn bản hành chính ghi “TM.”, “KT.”, “TL.”, “TUQ.” hoặc “Q.” (Nghị định 30/2020/NĐ-CP)",
    };
    let message = if other.iter().any(|p| text.starts_with(p)) {
        format!("quyền hạn ký `{}` viết theo thể thức của khối khác", authority.value.trim())
    } else {
        format!("quyền hạn ký `{}` không bắt đầu bằng chữ viết tắt quyền hạn", authority.value.trim())
    };
    diagnostics.push(Diagnostic::error(at(path, authority), message).with_hint(hint));
}

/// The fields that belong to some document kinds only: each is refused, at
/// its line, on a kind that never carries it; and the kinds that need one
/// are told so.
fn check_kind_fields(
    loaded: &Loaded<DocumentFile>,
    t: &DocType,
    family: Option<Family>,
    diagnostics: &mut Diagnostics,
) {
    let (path, doc) = (&loaded.path, &loaded.data);
    let refuse = |diagnostics: &mut Diagnostics, location: Location, field: &str, allowed: &str| {
        diagnostics.push(
            Diagnostic::error(location, format!("`{field}` không dùng cho loại văn bản `{}`", t.key))
                .with_hint(format!("`{field}` chỉ dùng cho {allowed}; bỏ dòng này")),
        );
    };
    match (&doc.unit, t.is_letter(), family) {
        (Some(u), false, _) => refuse(diagnostics, at(path, u), "unit", "công văn (`cong-van`) của cơ quan nhà nước"),
        (Some(u), true, Some(Family::Party)) => diagnostics.push(
            Diagnostic::error(at(path, u), "công văn của Đảng không ghi đơn vị soạn thảo trong số")
                .with_hint("số công văn của Đảng là `Số 15-CV/ĐU`; bỏ dòng `unit`"),
        ),
        (Some(u), true, _) if u.value.trim().is_empty() => {
            diagnostics.error(at(path, u), "mã đơn vị soạn thảo (`unit`) trống")
        }
        (None, true, Some(Family::State)) => diagnostics.push(
            Diagnostic::error(at(path, &doc.kind), "công văn cần mã đơn vị soạn thảo (`unit`)")
                .with_hint("thêm dòng `unit: VP` (số in ra: `Số: 23/UBND-VP`, NĐ 30/2020/NĐ-CP)"),
        ),
        _ => {}
    }
    if let Some(a) = &doc.addressees
        && !t.takes_addressees()
    {
        refuse(diagnostics, at(path, a), "addressees", "công văn, tờ trình và báo cáo");
    }
    if let Some(e) = &doc.enacting
        && !t.enacts()
    {
        refuse(diagnostics, at(path, e), "enacting", "quyết định và nghị quyết");
    }
    if let Some(a) = &doc.attachments
        && !t.attaches()
    {
        refuse(diagnostics, at(path, a), "attachments", "quyết định và nghị quyết");
    }
    if let Some(a) = &doc.signature.authority
        && t.is_minutes()
    {
        diagnostics.push(
            Diagnostic::error(at(path, a), "biên bản không ghi quyền hạn ký (`authority`)")
                .with_hint("người chủ trì ký dưới chữ “Chủ tọa” (“Chủ trì hội nghị”); bỏ dòng `authority`"),
        );
    }
    match (&doc.secretary, t.is_minutes()) {
        (Some(s), false) => refuse(diagnostics, at(path, s), "secretary", "biên bản (`bien-ban`)"),
        (None, true) => diagnostics.push(
            Diagnostic::error(at(path, &doc.kind), "biên bản cần người ghi biên bản (`secretary`)")
                .with_hint("thêm dòng `secretary: <mã cán bộ>`; `signature` là của người chủ trì (chủ tọa)"),
        ),
        _ => {}
    }
}

/// A document issued with another is part of it: not numbered, not
/// copied per village.
fn check_attached(loaded: &Loaded<DocumentFile>, diagnostics: &mut Diagnostics) {
    let (path, doc) = (&loaded.path, &loaded.data);
    if let Some(n) = &doc.number {
        diagnostics.push(
            Diagnostic::error(at(path, n), "văn bản ban hành kèm theo văn bản khác không đánh số riêng")
                .with_hint("bỏ dòng `number`: văn bản kèm theo mang số của quyết định ban hành nó"),
        );
    }
    if let Some(f) = &doc.for_each {
        diagnostics.error(at(path, f), "văn bản ban hành kèm theo văn bản khác không lập cho từng thôn");
    }
}

/// The ids some document lists in its `attachments`.
pub(super) fn attached_ids(documents: &[Loaded<DocumentFile>]) -> std::collections::BTreeSet<String> {
    documents
        .iter()
        .filter_map(|d| d.data.attachments.as_ref())
        .flat_map(|a| a.value.iter().map(|id| id.value.trim().to_string()))
        .collect()
}

/// Moves each attached document into the document that attaches it. An
/// unknown id, a document attached twice or to itself, or an attachment
/// held back by its own errors is an error at the attaching line, and the
/// decision is held back with it (it cannot be issued without its text).
pub(super) fn attach(
    mut documents: Vec<Document>,
    files: &[Loaded<DocumentFile>],
    known: &[String],
    diagnostics: &mut Diagnostics,
) -> Vec<Document> {
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let mut wanted: Vec<(String, Vec<String>)> = Vec::new();
    for file in files {
        let Some(list) = &file.data.attachments else { continue };
        let before = diagnostics.error_count();
        let mut ids = Vec::new();
        for id in &list.value {
            let name = id.value.trim().to_string();
            let problem = if name == file.id {
                Some("một văn bản không thể kèm theo chính nó".to_string())
            } else if !known.contains(&name) {
                Some(format!("không có văn bản `{name}` trong thư mục documents/ để ban hành kèm theo"))
            } else if let Some(other) = taken.get(&name) {
                Some(format!("văn bản `{name}` đã ban hành kèm theo `{other}`"))
            } else if !documents.iter().any(|d| d.id == name) {
                Some(format!("văn bản kèm theo `{name}` có lỗi, nên văn bản này chưa thể ban hành"))
            } else {
                None
            };
            match problem {
                Some(message) => diagnostics.push(
                    Diagnostic::error(at(&file.path, id), message)
                        .with_hint("ghi tên tệp (không có đuôi .yaml) của một văn bản khác trong thư mục documents/"),
                ),
                None => {
                    taken.insert(name.clone(), file.id.clone());
                    ids.push(name);
                }
            }
        }
        if diagnostics.error_count() == before {
            wanted.push((file.id.clone(), ids));
        } else {
            // Held back: the decision does not enter the model.
            documents.retain(|d| d.id != file.id);
        }
    }
    let (attached, mut documents): (Vec<Document>, Vec<Document>) =
        documents.into_iter().partition(|d| taken.contains_key(&d.id));
    for (parent, ids) in wanted {
        let Some(doc) = documents.iter_mut().find(|d| d.id == parent) else { continue };
        doc.attachments = ids
            .iter()
            .filter_map(|id| attached.iter().find(|a| &a.id == id))
            .map(|a| Document { date: doc.date, draft: doc.draft, ..a.clone() })
            .collect();
    }
    documents
}

/// Trims each line and drops empty ones and the punctuation the layout adds
/// itself (a leading dash, a trailing `;`, `,` or `.`), so both `- Lưu VPĐU.`
/// and `Lưu VPĐU` print the same.
fn clean_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("- ").unwrap_or(l);
            l.trim_end_matches([';', ',', '.']).trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Two documents of one issuer, type and year may not share a number
/// (State numbering runs per calendar year, NĐ 30 §II.3.a).
pub(super) fn check_unique_numbers(documents: &[Document], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<(String, String, String, u32), &Document> = BTreeMap::new();
    for doc in documents {
        let (Numbering::Fixed(number), false) = (doc.number, doc.draft) else { continue };
        let key = (doc.issuer.clone(), doc.series_code().to_string(), doc.series.clone(), number);
        if let Some(first) = seen.get(&key) {
            let kind =
                if doc.series_code().is_empty() { String::new() } else { format!(" của loại {}", doc.type_code) };
            diagnostics.push(
                Diagnostic::error(
                    Location::file(&doc.source),
                    format!(
                        "số {:02}{kind} {} đã dùng cho `{}`",
                        number,
                        series_words(&doc.series),
                        first.source.display()
                    ),
                )
                .with_hint("mỗi số văn bản chỉ dùng một lần; đổi `number`"),
            );
        } else {
            seen.insert(key, doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_lose_the_punctuation_the_layout_adds() {
        let lines = ["- Thường trực Huyện ủy (để B/C);".to_string(), "  ".into(), "Lưu VPĐU.".into()];
        assert_eq!(clean_lines(&lines), ["Thường trực Huyện ủy (để B/C)", "Lưu VPĐU"]);
    }
}
