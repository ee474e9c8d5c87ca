//! Stage 2, validate: the business rules, checked after the schemas.
//!
//! Each rule adds a diagnostic and moves on, so the office sees every problem
//! of a run at once. What passes becomes the `model::Workspace` the later
//! stages trust. A document with an error is left out; the others go on.

pub mod criteria;
mod document;
pub mod plan;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_saphyr::Spanned;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::load::RawWorkspace;
use crate::load::schema::{CommuneFile, Family, SettingsPatch};
use crate::model::criteria::CriteriaSet;
use crate::model::{Commune, Issuer, LayoutSettings, Member, Official, SteeringCommittee, Village, Workspace};

/// Validates what was loaded. Returns `None` when the commune itself is
/// unusable (no document can be checked without it).
pub fn validate(raw: RawWorkspace, diagnostics: &mut Diagnostics) -> Option<Workspace> {
    let commune_file = raw.commune?;
    let commune = validate_commune(&commune_file, &raw.commune_path, diagnostics);
    let attached = document::attached_ids(&raw.documents);
    let mut documents = Vec::new();
    for loaded in &raw.documents {
        documents.extend(document::validate(loaded, &commune, attached.contains(&loaded.id), diagnostics));
    }
    let documents = document::attach(documents, &raw.documents, &raw.document_ids, diagnostics);
    document::check_unique_numbers(&documents, diagnostics);
    let criteria = raw.criteria.as_ref().and_then(|set| {
        let region_at = at(&raw.commune_path, &commune_file.commune.region);
        criteria::validate(set, raw.assessment.as_ref(), &commune, region_at, diagnostics)
    });
    check_member_criteria(&commune_file, &raw.commune_path, criteria.as_ref(), diagnostics);
    let plan = raw.plan.as_ref().and_then(|p| plan::validate(p, &commune, criteria.as_ref(), diagnostics));
    Some(Workspace { root: raw.root, commune, documents, criteria, plan })
}

/// A `Location` for a spanned YAML value.
pub(crate) fn at<T>(file: &Path, value: &Spanned<T>) -> Location {
    let loc = value.referenced;
    if loc.line() == 0 {
        Location::file(file)
    } else {
        Location::text(file, loc.line() as usize, loc.column().max(1) as usize)
    }
}

fn validate_commune(file: &CommuneFile, path: &Path, diagnostics: &mut Diagnostics) -> Commune {
    let mut officials = BTreeMap::new();
    for o in &file.officials {
        check_id(path, &o.id, "cán bộ", diagnostics);
        let official =
            Official { id: o.id.value.clone(), name: o.name.trim().to_string(), position: o.position.clone() };
        if officials.insert(o.id.value.clone(), official).is_some() {
            diagnostics.error(at(path, &o.id), format!("mã cán bộ `{}` bị trùng", o.id.value));
        }
    }

    let mut villages = Vec::new();
    let mut village_ids = BTreeSet::new();
    for v in &file.villages {
        check_id(path, &v.id, "thôn", diagnostics);
        if !village_ids.insert(v.id.value.clone()) {
            diagnostics.error(at(path, &v.id), format!("mã thôn `{}` bị trùng", v.id.value));
        }
        villages.push(Village { id: v.id.value.clone(), name: v.name.trim().to_string() });
    }

    let mut members = Vec::new();
    for m in &file.steering_committee.members {
        if !officials.contains_key(&m.official.value) {
            diagnostics.push(unknown_ref(path, &m.official, "cán bộ", officials.keys()));
        }
        for v in &m.villages {
            if !village_ids.contains(&v.value) {
                diagnostics.push(unknown_ref(path, v, "thôn", village_ids.iter()));
            }
        }
        members.push(Member {
            official: m.official.value.clone(),
            role: m.role.clone(),
            villages: m.villages.iter().map(|v| v.value.clone()).collect(),
            criteria: m.criteria.iter().map(|c| c.value.clone()).collect(),
        });
    }

    let issuers = file
        .issuers
        .iter()
        .map(|(id, spec)| {
            if spec.code.trim().is_empty() {
                diagnostics.error(Location::file(path), format!("cơ quan `{id}` thiếu ký hiệu (`code`)"));
            }
            let patch = match spec.family {
                Family::Party => &file.layout.party,
                Family::State => &file.layout.state,
            };
            check_settings(path, spec.family, patch, diagnostics);
            let mut settings = LayoutSettings::defaults(spec.family);
            patch.apply_to(&mut settings);
            let mut term_starts: Vec<crate::model::Date> = spec
                .term_starts
                .iter()
                // A marked blank is listed as one to fill already.
                .filter(|t| !crate::vi::blank::contains(&t.value))
                .filter_map(|t| {
                    crate::model::Date::parse(&t.value).map_err(|msg| diagnostics.error(at(path, t), msg)).ok()
                })
                .collect();
            term_starts.sort();
            let issuer = Issuer {
                id: id.clone(),
                term_starts,
                family: spec.family,
                name: spec.name.trim().to_string(),
                header: spec.header.clone().unwrap_or_else(|| spec.name.clone()).trim().to_string(),
                code: spec.code.trim().to_string(),
                superior: spec.superior.clone().filter(|s| !s.trim().is_empty()),
                numbering: spec.numbering,
                settings,
            };
            (id.clone(), issuer)
        })
        .collect();

    Commune {
        name: file.commune.name.trim().to_string(),
        district: file.commune.district.clone(),
        province: file.commune.province.clone(),
        region: file.commune.region.value.clone(),
        issuers,
        officials,
        villages,
        steering_committee: SteeringCommittee { name: file.steering_committee.name.clone(), members },
        docx: file.docx,
    }
}

/// Ids are typed on the command line and in other files: keep them plain.
fn check_id(path: &Path, id: &Spanned<String>, what: &str, diagnostics: &mut Diagnostics) {
    let ok = !id.value.is_empty()
        && id.value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !ok {
        diagnostics.push(
            Diagnostic::error(at(path, id), format!("mã {what} `{}` không hợp lệ", id.value))
                .with_hint("mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `thon-1`"),
        );
    }
}

/// "unknown X `id`", with the known ids as a hint.
pub(crate) fn unknown_ref<'a>(
    path: &Path,
    value: &Spanned<String>,
    what: &str,
    known: impl Iterator<Item = &'a String>,
) -> Diagnostic {
    let known: Vec<&str> = known.map(String::as_str).collect();
    Diagnostic::error(at(path, value), format!("không có {what} mang mã `{}`", value.value))
        .with_hint(format!("các mã đã khai báo: {}", known.join(", ")))
}

/// Range rules for layout overrides. NĐ 30's ranges are verified (spec B.1,
/// B.2); for Party documents only the body size range is (spec A.1).
pub(crate) fn check_settings(path: &Path, family: Family, patch: &SettingsPatch, diagnostics: &mut Diagnostics) {
    if family == Family::State {
        state_has_no_end_block_settings(path, patch, diagnostics);
    }
    let mut range = |value: &Option<Spanned<f64>>, name: &str, lo: f64, hi: f64, rule: &str| {
        if let Some(v) = value
            && !(lo..=hi).contains(&v.value)
        {
            diagnostics.push(
                Diagnostic::error(at(path, v), format!("`{name}` = {} nằm ngoài khoảng {lo}–{hi}", v.value))
                    .with_hint(rule.to_string()),
            );
        }
    };
    let nd30 = "theo Nghị định 30/2020/NĐ-CP, Phụ lục I";
    let hd36 = "theo Hướng dẫn 36-HD/VPTW, Phụ lục 3";
    match family {
        Family::State => {
            if let Some(m) = &patch.margins {
                range(&m.top, "margins.top", 20.0, 25.0, nd30);
                range(&m.bottom, "margins.bottom", 20.0, 25.0, nd30);
                range(&m.left, "margins.left", 30.0, 35.0, nd30);
                range(&m.right, "margins.right", 15.0, 20.0, nd30);
            }
            range(&patch.body_size, "body_size", 13.0, 14.0, nd30);
        }
        Family::Party => {
            if let Some(m) = &patch.margins {
                for (v, name) in [
                    (&m.top, "margins.top"),
                    (&m.bottom, "margins.bottom"),
                    (&m.left, "margins.left"),
                    (&m.right, "margins.right"),
                ] {
                    range(v, name, 10.0, 40.0, "lề trang tính bằng mm");
                }
            }
            range(&patch.body_size, "body_size", 14.0, 15.0, hd36);
            range(&patch.recipient_label_size, "recipient_label_size", 11.0, 15.0, hd36);
            range(&patch.recipient_size, "recipient_size", 10.0, 14.0, hd36);
            range(&patch.signature_size, "signature_size", 13.0, 15.0, hd36);
        }
    }
    let any = "giá trị phải hợp lý cho khổ A4";
    range(&patch.line_spacing, "line_spacing", 12.0, 30.0, any);
    range(&patch.paragraph_spacing, "paragraph_spacing", 0.0, 24.0, any);
    range(&patch.first_line_indent, "first_line_indent", 0.0, 30.0, any);
    range(&patch.header_left_width, "header_left_width", 25.0, 60.0, "phần trăm bề rộng dòng chữ");
    range(&patch.page_number_size, "page_number_size", 10.0, 16.0, any);
    range(&patch.page_number_top, "page_number_top", 5.0, 25.0, any);
    range(&patch.signature_space, "signature_space", 10.0, 60.0, any);
}

/// The end block's sizes are settings only where HD 36 leaves them unsure;
/// NĐ 30 fixes them for State documents.
fn state_has_no_end_block_settings(path: &Path, patch: &SettingsPatch, diagnostics: &mut Diagnostics) {
    let party_only = [
        ("recipient_label_size", patch.recipient_label_size.as_ref().map(|v| v.referenced)),
        ("recipient_label_style", patch.recipient_label_style.as_ref().map(|v| v.referenced)),
        ("recipient_size", patch.recipient_size.as_ref().map(|v| v.referenced)),
        ("signature_size", patch.signature_size.as_ref().map(|v| v.referenced)),
    ];
    for (name, loc) in party_only {
        if let Some(loc) = loc {
            diagnostics.push(
                Diagnostic::error(
                    Location::text(path, loc.line() as usize, loc.column() as usize),
                    format!("`{name}` chỉ dùng cho văn bản của Đảng"),
                )
                .with_hint("văn bản hành chính dùng cỡ chữ cố định theo Nghị định 30/2020/NĐ-CP, Phụ lục I"),
            );
        }
    }
}

/// Members are assigned criteria by id (seed §2.1): each must exist in the
/// commune's criteria set.
fn check_member_criteria(file: &CommuneFile, path: &Path, set: Option<&CriteriaSet>, diagnostics: &mut Diagnostics) {
    let ids: BTreeSet<String> = set.map(|s| s.criteria.iter().map(|c| c.id.clone()).collect()).unwrap_or_default();
    for m in &file.steering_committee.members {
        for c in &m.criteria {
            if set.is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        at(path, c),
                        format!("phân công tiêu chí `{}` nhưng xã chưa chọn bộ tiêu chí", c.value),
                    )
                    .with_hint("thêm `criteria_set:` vào commune.yaml"),
                );
            } else if !ids.contains(&c.value) {
                diagnostics.push(unknown_ref(path, c, "tiêu chí", ids.iter()));
            }
        }
    }
}
