//! The data a document's body template sees: purpose-built view models with
//! ordered collections, so templates never depend on hash order.

use std::collections::BTreeMap;

use serde::Serialize;

use super::data::{EvaluationView, PlanView, VillageView as VillageResults};
use crate::model::{Commune, Document, Workspace};

/// Everything available as `{{ … }}` in a body template.
#[derive(Debug, Serialize)]
pub struct BodyContext<'a> {
    pub commune: CommuneView<'a>,
    pub document: DocumentView,
    /// Where the commune stands (`None` without a criteria set).
    pub evaluation: Option<&'a EvaluationView>,
    /// The year's plan (`None` without `plan.yaml`).
    pub plan: Option<&'a PlanView>,
    /// A progress report's period against the round before.
    pub progress: Option<&'a super::data::ProgressView>,
    /// The villages' weekly reports.
    pub weekly: Option<&'a crate::weekly::WeeklyView>,
    /// A per-village document's village, with its results when evaluated.
    pub village: Option<VillageContext<'a>>,
}

#[derive(Debug, Serialize)]
pub struct VillageContext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub results: Option<&'a VillageResults>,
}

#[derive(Debug, Serialize)]
pub struct CommuneView<'a> {
    pub name: &'a str,
    pub district: Option<&'a str>,
    pub province: &'a str,
    pub region: &'a str,
    /// Issuing bodies by id: `commune.issuers["dang-uy"].name`.
    pub issuers: BTreeMap<&'a str, IssuerView<'a>>,
    /// Officials by id: `commune.officials["tran-xuan-huu"].name`.
    pub officials: BTreeMap<&'a str, OfficialView<'a>>,
    /// Villages in the order of `commune.yaml`.
    pub villages: Vec<VillageView<'a>>,
    pub steering_committee: CommitteeView<'a>,
}

#[derive(Debug, Serialize)]
pub struct IssuerView<'a> {
    pub name: &'a str,
    pub code: &'a str,
}

#[derive(Debug, Serialize)]
pub struct OfficialView<'a> {
    pub name: &'a str,
    pub position: &'a str,
}

#[derive(Debug, Serialize)]
pub struct VillageView<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Serialize)]
pub struct CommitteeView<'a> {
    pub name: &'a str,
    pub members: Vec<MemberView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct MemberView<'a> {
    pub name: &'a str,
    pub position: &'a str,
    pub role: &'a str,
    /// Names of the villages in the member's charge.
    pub villages: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub type_name: String,
    /// Empty for unnumbered papers.
    pub symbol: String,
    pub number: Option<u32>,
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// `ngày 12 tháng 01 năm 2023`.
    pub date_words: String,
    pub title: String,
}

impl<'a> CommuneView<'a> {
    pub fn new(commune: &'a Commune) -> Self {
        let village_name = |id: &str| commune.villages.iter().find(|v| v.id == id).map_or("", |v| v.name.as_str());
        CommuneView {
            name: &commune.name,
            district: commune.district.as_deref(),
            province: &commune.province,
            region: &commune.region,
            issuers: commune
                .issuers
                .iter()
                .map(|(id, i)| (id.as_str(), IssuerView { name: &i.name, code: &i.code }))
                .collect(),
            officials: commune
                .officials
                .iter()
                .map(|(id, o)| (id.as_str(), OfficialView { name: &o.name, position: &o.position }))
                .collect(),
            villages: commune.villages.iter().map(|v| VillageView { id: &v.id, name: &v.name }).collect(),
            steering_committee: CommitteeView {
                name: &commune.steering_committee.name,
                members: commune
                    .steering_committee
                    .members
                    .iter()
                    .filter_map(|m| {
                        let official = commune.officials.get(&m.official)?;
                        Some(MemberView {
                            name: &official.name,
                            position: &official.position,
                            role: &m.role,
                            villages: m.villages.iter().map(|v| village_name(v)).collect(),
                        })
                    })
                    .collect(),
            },
        }
    }
}

impl DocumentView {
    pub fn new(doc: &Document, symbol: &str, number: Option<u32>) -> Self {
        DocumentView {
            type_name: doc.doc_type.name.to_string(),
            symbol: symbol.to_string(),
            number,
            year: doc.date.year,
            month: doc.date.month,
            day: doc.date.day,
            date_words: doc.date.words(),
            title: doc.title.replace('\n', " "),
        }
    }
}

impl<'a> BodyContext<'a> {
    pub fn new(
        workspace: &'a Workspace,
        doc: &Document,
        symbol: &str,
        number: Option<u32>,
        data: &'a super::data::DocumentData,
    ) -> Self {
        let village = doc.village.as_ref().and_then(|id| workspace.commune.villages.iter().find(|v| &v.id == id));
        BodyContext {
            commune: CommuneView::new(&workspace.commune),
            document: DocumentView::new(doc, symbol, number),
            evaluation: data.evaluation.as_ref(),
            plan: data.plan.as_ref(),
            progress: data.progress.as_ref(),
            weekly: data.weekly.as_ref(),
            village: village.map(|v| VillageContext { id: &v.id, name: &v.name, results: data.village.as_ref() }),
        }
    }
}
