//! What a run prints. People read stderr; `--format json` puts one JSON
//! object on stdout for programs.

use serde::Serialize;

use crate::diag::{Diagnostic, FlatDiagnostic};
use crate::pipeline::{Built, Checked};

pub fn print_check(checked: &Checked) {
    print_diagnostics(checked.diagnostics.sorted());
    eprintln!();
    if let Some(evaluation) = &checked.evaluation {
        super::evaluation::print(evaluation);
        if let Some(history) = &checked.history {
            let plan = checked.workspace.as_ref().and_then(|w| w.plan.as_ref());
            super::evaluation::print_history(history, plan);
        }
        eprintln!();
    }
    for p in &checked.prepared {
        let number = if p.rendered.symbol.is_empty() { String::new() } else { format!(" số {}", p.rendered.symbol) };
        eprintln!("  ✓ {} — {}{number}", p.doc.id, sentence(p.doc.doc_type.name));
    }
    for id in &checked.held_back {
        eprintln!("  ✗ {id} — có lỗi, chưa phát hành được");
    }
    eprintln!(
        "Kiểm tra xong: {} văn bản hợp lệ, {} văn bản có lỗi; {} lỗi, {} cảnh báo.",
        checked.prepared.len(),
        checked.held_back.len(),
        checked.diagnostics.error_count(),
        checked.diagnostics.warning_count()
    );
}

pub fn print_build(built: &Built) {
    let diagnostics = built.checked.diagnostics.sorted();
    if !diagnostics.is_empty() {
        eprintln!();
        print_diagnostics(diagnostics);
    }
    eprintln!();
    if !built.unchanged.is_empty() {
        eprintln!("Không thay đổi, giữ nguyên bản đã phát hành: {} văn bản.", built.unchanged.len());
    }
    if !built.issued.is_empty() {
        eprintln!("Đã ghi:");
        let mut issued: Vec<_> = built.issued.iter().collect();
        issued.sort_by(|a, b| a.pdf.cmp(&b.pdf));
        for i in issued {
            let what = match (i.draft, i.symbol.is_empty(), i.version) {
                (true, _, _) => "dự thảo, không vào sổ".to_string(),
                (false, true, _) => "không số".to_string(),
                (false, false, 1) => i.symbol.clone(),
                (false, false, v) => format!("{}, bản {v} thay thế bản trước", i.symbol),
            };
            eprintln!("  {}  ({what}; nguồn Typst: {})", i.pdf.display(), i.typ.display());
            if let Some(docx) = &i.docx {
                eprintln!("  {}  (bản Word để góp ý; không phải bản lưu)", docx.display());
            }
        }
    }
    let mut not_issued: Vec<&String> = built.checked.held_back.iter().chain(&built.failed).collect();
    not_issued.sort();
    if !not_issued.is_empty() {
        eprintln!("Chưa phát hành (xem lỗi ở trên):");
        for id in not_issued {
            eprintln!("  {id}");
        }
    }
    if let Some(written) = &built.dashboard {
        print_written(written);
    }
    eprintln!(
        "Tổng kết: {} văn bản đã ghi, {} không thay đổi, {} văn bản chưa phát hành; {} lỗi, {} cảnh báo.",
        built.issued.len(),
        built.unchanged.len(),
        built.checked.held_back.len() + built.failed.len(),
        built.checked.diagnostics.error_count(),
        built.checked.diagnostics.warning_count()
    );
}

/// `ntm dashboard`: the problems of the data, then where the dashboard is.
pub fn print_dashboard(run: &crate::pipeline::DashboardRun) {
    let diagnostics = run.checked.diagnostics.sorted();
    if !diagnostics.is_empty() {
        print_diagnostics(diagnostics);
        eprintln!();
    }
    match &run.written {
        Some(written) => print_written(written),
        None => eprintln!("Chưa ghi được bảng theo dõi (xem lỗi ở trên)."),
    }
}

fn print_written(written: &crate::dashboard::Written) {
    let what = match (written.written, written.unchanged) {
        (0, _) => "không thay đổi".to_string(),
        (n, 0) => format!("ghi {n} tệp"),
        (n, m) => format!("ghi {n} tệp, {m} tệp không thay đổi"),
    };
    eprintln!("Bảng theo dõi: {} ({what}); bấm đúp để mở bằng trình duyệt.", written.index.display());
}

fn print_diagnostics(diagnostics: Vec<&Diagnostic>) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

fn sentence(name: &str) -> String {
    crate::vi::words::sentence_case(name)
}

/// `ntm check --format json`.
pub fn print_check_json(checked: &Checked) {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        criteria_set: Option<&'a crate::evaluate::SetInfo>,
        villages: Vec<VillageOut<'a>>,
        commune: CommuneOut<'a>,
        criteria: &'a [crate::evaluate::CriterionResult],
        indicators: &'a [crate::evaluate::IndicatorResult],
        documents: Vec<DocOut<'a>>,
        diagnostics: Vec<FlatDiagnostic>,
    }
    #[derive(Serialize)]
    struct VillageOut<'a> {
        name: &'a str,
        source: Option<&'a str>,
        status: crate::load::survey::SurveyStatus,
        survey: Option<&'a crate::evaluate::SurveySummary>,
    }
    #[derive(Serialize)]
    struct CommuneOut<'a> {
        survey: Option<&'a crate::evaluate::SurveySummary>,
        #[serde(skip_serializing_if = "Option::is_none")]
        criteria_met: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        criteria_total: Option<usize>,
    }
    #[derive(Serialize)]
    struct DocOut<'a> {
        id: &'a str,
        status: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        symbol: Option<&'a str>,
    }
    let mut documents: Vec<DocOut> = checked
        .prepared
        .iter()
        .map(|p| DocOut { id: &p.doc.id, status: "ok", symbol: Some(&p.rendered.symbol) })
        .chain(checked.held_back.iter().map(|id| DocOut { id, status: "error", symbol: None }))
        .collect();
    documents.sort_by(|a, b| a.id.cmp(b.id));
    let e = checked.evaluation.as_ref();
    let out = Out {
        criteria_set: e.map(|e| &e.set),
        villages: e
            .map(|e| {
                e.villages
                    .iter()
                    .map(|v| VillageOut {
                        name: &v.name,
                        source: v.source.as_deref(),
                        status: v.status,
                        survey: v.survey.as_ref(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        commune: CommuneOut {
            survey: e.map(|e| &e.commune),
            criteria_met: e.map(|e| e.criteria_met),
            criteria_total: e.map(|e| e.criteria_total),
        },
        criteria: e.map_or(&[], |e| &e.criteria),
        indicators: e.map_or(&[], |e| &e.indicators),
        documents,
        diagnostics: checked.diagnostics.sorted().into_iter().map(FlatDiagnostic::from).collect(),
    };
    println!("{}", serde_json::to_string_pretty(&out).expect("plain data"));
}
