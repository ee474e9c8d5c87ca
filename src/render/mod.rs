//! Stage 3, render: a validated document becomes the sources Typst compiles:
//! the body (Tera → Markdown → Typst markup), the layout's metadata and the
//! data its tables and charts are drawn from.
//!
//! Nothing here writes files; `ntm check` runs it to find template and
//! Markdown errors without typesetting.

pub mod body;
pub mod context;
pub mod data;
pub mod format;
pub mod layouts;
pub mod meta;

use crate::convert;
use crate::diag::{Diagnostic, Location};
use crate::model::component::Component;
use crate::model::{Document, Workspace};
use data::{DocumentData, EvaluationView, ProgressView};
pub use layouts::Layouts;

/// What documents are drawn from beyond the workspace itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// The reported round's evaluation, as printed.
    pub evaluation: Option<&'a EvaluationView>,
    /// Every round up to it, for progress reports.
    pub history: Option<&'a crate::evaluate::history::History>,
    /// The villages' weekly reports, by week, oldest first.
    pub weekly: &'a [(crate::weekly::IsoWeek, crate::weekly::WeeklyView)],
    /// Body templates several documents share, parsed once.
    pub templates: Option<&'a body::Templates>,
}

/// The sources of one document, ready for its staging folder.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Empty for unnumbered papers.
    pub symbol: String,
    /// The generated `main.typ`.
    pub main_typ: String,
    /// `meta.json`, pretty-printed so it can be read when inspecting a build.
    pub meta_json: String,
    /// `data.json`: what the document's tables and charts show.
    pub data_json: String,
    /// The body after Tera, before conversion (kept for inspection).
    pub markdown: String,
    /// The bodies of the attached documents after Tera, in order (the
    /// `.docx` lays each out after the document, as the layout does).
    pub attachments: Vec<String>,
}

/// `number` is the document's number once resolved (an `auto` number is
/// taken from the register); `font` is the family to set when the
/// document's settings name none.
/// How a phụ lục cites its document: NĐ 30's model says "Kèm theo".
const ANNEX_WORDS: &str = "Kèm theo";

pub fn render(
    workspace: &Workspace,
    doc: &Document,
    number: Option<u32>,
    sources: &Sources,
    font: &str,
) -> Result<Rendered, Diagnostic> {
    let issuer = &workspace.commune.issuers[&doc.issuer];
    let symbol = number
        .map(|n| match (&doc.unit, doc.family) {
            (Some(unit), crate::model::Family::State) if doc.doc_type.is_letter() => {
                format::letter_symbol(n, &issuer.code, unit)
            }
            _ => format::symbol(doc.family, n, &doc.type_code, &issuer.code),
        })
        .unwrap_or_default();

    // A progress report shows the round of its period, not the latest.
    let (period_view, progress) = match (&doc.period, sources.history) {
        (Some(period), Some(history)) => {
            let Some(at) = history.at_period(period) else {
                return Err(Diagnostic::error(
                    Location::file(&doc.source),
                    format!("không có đợt khảo sát nào trong kỳ {}", data::period_words(period)),
                )
                .with_hint("kiểm tra `period` của văn bản và các thư mục đợt khảo sát trong survey/"));
            };
            let view = EvaluationView::new(&history.rounds[at].evaluation);
            (Some(view), Some(ProgressView::new(history, at, period, workspace.plan.as_ref())))
        }
        (Some(_), None) => {
            return Err(Diagnostic::error(
                Location::file(&doc.source),
                "báo cáo tiến độ cần kết quả đánh giá: commune.yaml chưa chọn bộ tiêu chí (`criteria_set`)",
            ));
        }
        _ => (None, None),
    };
    let evaluation = period_view.as_ref().or(sources.evaluation);
    let mut data = DocumentData::new(workspace, evaluation, doc.village.as_deref(), progress);
    data.annex_reference = meta::citation(ANNEX_WORDS, doc, &workspace.commune.issuers[&doc.issuer], &symbol);
    // The latest week reported by the end of the document's period (or the
    // latest of all).
    let until = doc.period.as_deref().and_then(crate::load::rounds::period_end);
    data.weekly =
        sources.weekly.iter().rev().find(|(w, _)| until.is_none_or(|end| w.monday() <= end)).map(|(_, v)| v.clone());
    let context = context::BodyContext::new(workspace, doc, &symbol, number, &data);
    // A per-village copy names its village on the title's last line; the
    // title itself is plain text, printed as typed.
    let title = match doc.village.as_ref().and_then(|id| workspace.commune.villages.iter().find(|v| &v.id == id)) {
        Some(village) => format!("{}\n{}", doc.title, village.name),
        None => doc.title.clone(),
    };
    let markdown = body::render(&doc.source, &doc.body, &context, sources.templates)?;
    let mut typst_body = to_typst(doc, &markdown)?;
    check_components(doc, &typst_body, &data)?;
    let mut attachments = Vec::new();
    // Each attached document follows, after a marker the layout splits the
    // body at; its template sees itself as the document.
    for attached in &doc.attachments {
        let context = context::BodyContext::new(workspace, attached, "", None, &data);
        let markdown = body::render(&attached.source, &attached.body, &context, sources.templates)?;
        let typst = to_typst(attached, &markdown)?;
        check_components(attached, &typst, &data)?;
        typst_body.push_str(&format!("\n\n#metadata(\"{ATTACHMENT_MARK}\")\n\n{typst}"));
        attachments.push(markdown);
    }

    let mut meta = meta::build(doc, &workspace.commune, &symbol, &title);
    if doc.draft && !doc.type_code.is_empty() {
        // A draft shows where its number will go: "Số:    /KH-UBND".
        meta.header.number = format::draft_number_line(doc.family, &doc.type_code, &issuer.code);
    }
    if meta.settings.font.is_empty() {
        meta.settings.font = vec![font.to_string()];
    }
    let meta_json = clean_json(&meta) + "\n";
    let data_json = clean_json(&data) + "\n";
    let main_typ = format!(
        "// Tệp do ntm tạo từ {source}; sửa tệp nguồn rồi chạy lại `ntm build`, đừng sửa tệp này.\n\
         #import \"layouts/{entry}\": document\n\
         #import \"layouts/components.typ\": component\n\
         #show: document.with(json(\"meta.json\"))\n\n{typst_body}",
        source = doc.source.display(),
        entry = Layouts::entry(doc.family),
    );
    Ok(Rendered { symbol, main_typ, meta_json, data_json, markdown, attachments })
}

/// Where an attached document starts in `main.typ` (only this module
/// writes it; user text is escaped).
pub const ATTACHMENT_MARK: &str = "ntm-attachment";

fn to_typst(doc: &Document, markdown: &str) -> Result<String, Diagnostic> {
    convert::markdown_to_typst(markdown).map_err(|err| {
        // The error's line is in the rendered Markdown, which matches the
        // template line for line unless the template's tags add lines.
        let (line, column) = doc.body.file_position(err.line, 1);
        Diagnostic::error(Location::text(&doc.source, line, column), format!("nội dung văn bản: {}", err.message))
    })
}

/// The JSON the layout reads, with control and bidirectional formatting
/// characters (`escape::is_dropped`) dropped from every string (line breaks
/// kept, tabs made spaces): a stray control character typed into
/// `commune.yaml` would otherwise stop typst, under PDF/A, for every
/// document. The body's values are cleaned by the escapers already.
fn clean_json(value: &impl serde::Serialize) -> String {
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if s.chars().any(crate::escape::is_dropped) => {
                *s = s
                    .chars()
                    .map(|c| if c == '\t' { ' ' } else { c })
                    .filter(|&c| c == '\n' || !crate::escape::is_dropped(c))
                    .collect();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(clean),
            serde_json::Value::Object(map) => map.values_mut().for_each(clean),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(value).expect("document data is plain data");
    clean(&mut v);
    serde_json::to_string_pretty(&v).expect("plain data")
}

/// A table or chart needs its data: the evaluation, the plan, a progress
/// report's period, the village of a per-village document, the weekly
/// reports, and — in a document to be issued — at least one row of what it
/// lists. Says which is missing, at the fence's line, so that no layout
/// ever prints a placeholder into a paper that cannot be changed once
/// issued. A draft may show an empty table: the layout marks it visibly
/// (a new commune's plan has no tasks yet when its first draft goes round).
fn check_components(doc: &Document, typst: &str, data: &DocumentData) -> Result<(), Diagnostic> {
    use Component as C;
    const NO_EVALUATION: &str =
        "chưa có kết quả đánh giá: commune.yaml chưa chọn bộ tiêu chí (`criteria_set`) hoặc bộ tiêu chí có lỗi";
    const NO_PLAN: &str = "chưa có kế hoạch: thêm tệp plan.yaml vào thư mục làm việc (hoặc sửa lỗi của tệp này)";
    const NO_PERIOD: &str = "bảng này dành cho báo cáo tiến độ: thêm `period: 2023-Q2` (kỳ báo cáo)";
    let final_paper = !doc.draft;
    for component in Component::ALL {
        // Only the converter writes this call: user text is escaped.
        if !typst.contains(&format!("#component(\"{}\")", component.name())) {
            continue;
        }
        let evaluation = data.evaluation.as_ref();
        let plan = data.plan.as_ref();
        let missing: Option<&str> = match component {
            C::CriteriaTable => match evaluation {
                None => Some(NO_EVALUATION),
                Some(e) if final_paper && e.criteria.is_empty() => Some("bộ tiêu chí của xã không có tiêu chí nào"),
                Some(_) => None,
            },
            C::VillageChart | C::VillageAnnex => match evaluation {
                None => Some(NO_EVALUATION),
                Some(e) if final_paper && e.villages.is_empty() => {
                    Some("commune.yaml chưa khai báo thôn nào (`villages`)")
                }
                Some(_) => None,
            },
            C::Scorecard if doc.village.is_none() => {
                Some("bảng này dành cho văn bản lập cho từng thôn: thêm `for_each: village`")
            }
            C::Scorecard if data.village.is_none() => Some("chưa có kết quả đánh giá của thôn"),
            C::Scorecard => None,
            C::PlanTasks => match plan {
                None => Some(NO_PLAN),
                Some(p) if final_paper && p.tasks.is_empty() => {
                    Some("kế hoạch (plan.yaml) chưa có nhiệm vụ nào (`tasks`)")
                }
                Some(_) => None,
            },
            C::Assignments => match plan {
                None => Some(NO_PLAN),
                Some(p) if final_paper && p.assignments.is_empty() => {
                    Some("Ban Chỉ đạo trong commune.yaml chưa có thành viên nào được phân công")
                }
                Some(_) => None,
            },
            C::ReviewCalendar => match plan {
                None => Some(NO_PLAN),
                Some(p) if final_paper && p.reviews.is_empty() => {
                    Some("kế hoạch (plan.yaml) chưa có lịch kiểm tra nào (`reviews`)")
                }
                Some(_) => None,
            },
            C::ProgressMoved | C::ProgressVillages | C::HouseholdChanges | C::ProgressChart => {
                data.progress.is_none().then_some(NO_PERIOD)
            }
            C::OverdueTasks => (data.progress.is_none() || plan.is_none())
                .then_some("bảng này dành cho báo cáo tiến độ có kế hoạch (plan.yaml) và `period`"),
            C::WeeklySummary => data
                .weekly
                .is_none()
                .then_some("chưa có báo cáo tuần của các thôn (thư mục weekly/NĂM-Wtuần/, ví dụ weekly/2023-W39/)"),
        };
        if let Some(why) = missing {
            let name = component.name();
            let line = doc.body.template.lines().position(|l| l.contains(&format!("ntm:{name}"))).unwrap_or(0);
            let (line, column) = doc.body.file_position(line + 1, 1);
            return Err(Diagnostic::error(
                Location::text(&doc.source, line, column),
                format!("văn bản dùng {} (`ntm:{name}`) nhưng {why}", component.what()),
            ));
        }
    }
    Ok(())
}
