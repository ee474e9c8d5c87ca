//! `ntm build`: typeset what `check` rendered, file it in the register.
//!
//! The order matters for the register's promises. Numbers are printed in the
//! PDFs, so they are fixed first, one document after another. Then every
//! document that needs it is typeset in parallel into a temporary file, and
//! each result, as it comes, is moved into place and recorded in its own
//! transaction, so a run killed at any moment leaves files and register
//! consistent: at worst a PDF not yet recorded, which the next run issues
//! again with the same bytes.
//! An issued document never changes: identical inputs rewrite nothing,
//! different ones are refused unless the office asks to supersede.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use rayon::prelude::*;

use super::office::OfficeFiles;
use super::{Built, Checked, Issued, Prepared, Progress, RunConfig, check};
use crate::archive::register::{Entry, NewEntry, Numbering as NumberBook, Register, RegisterError, now_utc};
use crate::archive::verify::slash_path;
use crate::archive::{self, Pending, naming};
use crate::diag::{Diagnostic, Location};
use crate::digest::{InputDigest, sha256_file};
use crate::docx;
use crate::error::Fatal;
use crate::model::{Document, Numbering, Workspace};
use crate::render::{self, Layouts, Rendered};
use crate::typeset::{Job, Typesetter};

use super::BUILD_DIR;

/// What the office asked of this build beyond the documents to build.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Issue a new version of documents that changed after being issued.
    pub supersede: bool,
    /// Write every document also as a `.docx` (drafts and documents that
    /// ask for it always are).
    pub docx: bool,
}

/// What a build does with one document.
enum Action {
    /// Issued before from the same inputs and the PDF is intact.
    Unchanged(Entry),
    /// Typeset and, unless a draft, record (superseding `Some` entry).
    Issue { supersedes: Option<Entry> },
    /// Issued before from the same inputs, but its PDF is gone or altered:
    /// typeset again, and keep the result only if it has the recorded bytes.
    Restore(Entry),
}

/// A document ready for the typesetter.
struct Planned {
    prepared: Prepared,
    number: Option<u32>,
    digest: String,
    /// Digest of the office's own files (`OfficeFiles`).
    office: String,
    /// Said of the document without stopping it.
    note: Option<Diagnostic>,
    /// File stem in `output/` (and of its staging folder).
    stem: String,
    version: u32,
    action: Action,
    /// Also written as a `.docx`.
    docx: bool,
}

/// Checks, then typesets and registers every document that rendered.
pub fn build(
    config: &RunConfig,
    typesetter: &Typesetter,
    options: BuildOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Built, Fatal> {
    let mut checked = check(config, typesetter.fonts.family)?;
    let layouts = Layouts::load(&config.workspace, &mut checked.diagnostics);
    fs::create_dir_all(&config.output).map_err(|err| {
        Fatal::environment(format!("không tạo được thư mục kết quả `{}`: {err}", config.output.display()))
    })?;
    archive::remove_stale_temps(&config.output);
    let mut register = Register::open(&config.output).map_err(register_fatal)?;
    if let Some(history) = &checked.history {
        super::history::keep(history, &mut register);
    }

    let prepared = std::mem::take(&mut checked.prepared);
    let drafts: Vec<Document> = prepared.iter().filter(|p| p.doc.draft).map(|p| p.doc.clone()).collect();
    let office = OfficeFiles::read(&config.workspace, &config.output);
    let mut failed = Vec::new();
    let mut problems = Vec::new();
    let plans = match &checked.workspace {
        Some(workspace) => {
            let ctx = PlanContext {
                config,
                workspace,
                checked: &checked,
                layouts: &layouts,
                typesetter,
                register: &register,
                office: &office,
                options,
            };
            let mut plans = Vec::new();
            let mut book = NumberBook::new();
            for p in &prepared {
                if let (Numbering::Fixed(n), false) = (p.doc.number, p.doc.draft) {
                    book.claim(&p.doc.issuer, &p.doc.type_code, &p.doc.series, n);
                }
            }
            for p in prepared {
                let id = p.doc.id.clone();
                match ctx.plan(&mut book, p) {
                    Ok(mut planned) => {
                        problems.extend(planned.note.take());
                        plans.push(planned)
                    }
                    Err(diagnostic) => {
                        problems.push(diagnostic);
                        failed.push(id);
                    }
                }
            }
            plans
        }
        None => Vec::new(),
    };
    checked.diagnostics.extend(problems);

    let (unchanged, to_typeset): (Vec<Planned>, Vec<Planned>) =
        plans.into_iter().partition(|p| matches!(p.action, Action::Unchanged(_)));
    let mut unchanged_issued = Vec::new();
    for p in &unchanged {
        let mut issued = issued_of(config, p);
        // An issued document's `.docx` is made once: kept as it is, written
        // only when asked for and missing.
        if let Some(path) = issued.docx.clone().filter(|path| !path.exists()) {
            let made = stage(config, &layouts, p).and_then(|stage| {
                let (pending, warnings) = docx_one(typesetter, &stage, p, &path, rayon::current_num_threads())?;
                pending
                    .commit()
                    .map_err(|e| vec![Diagnostic::error(Location::file(&path), format!("không ghi được tệp: {e}"))])?;
                Ok(warnings)
            });
            match made {
                Ok(warnings) => checked.diagnostics.extend(warnings),
                Err(problems) => {
                    checked.diagnostics.extend(problems);
                    issued.docx = None;
                }
            }
        }
        unchanged_issued.push(issued);
    }
    let unchanged = unchanged_issued;

    progress(Progress::Start { total: to_typeset.len() });
    // Several typst processes at once each get one thread; alone, one gets all.
    let jobs = if to_typeset.len() > 1 { 1 } else { rayon::current_num_threads() };
    // Each document is moved into place and recorded, in its own
    // transaction, as soon as typst has made it: the disk waits of one
    // document overlap the typesetting of the next ones instead of all
    // coming after the last. The register is written from this thread only.
    let mut outcomes: Vec<(usize, Filed)> = Vec::new();
    std::thread::scope(|scope| {
        let (sender, typeset) = mpsc::channel::<(usize, Planned, TypesetOutcome)>();
        let layouts = &layouts;
        scope.spawn(move || {
            to_typeset.into_par_iter().enumerate().for_each_with(sender, |sender, (index, p)| {
                progress(Progress::Typesetting { id: &p.prepared.doc.id });
                let result = typeset_one(config, typesetter, layouts, &p, jobs);
                // The receiver lives until every sender is gone.
                let _ = sender.send((index, p, result));
            });
        });
        for (index, p, result) in typeset {
            let id = p.prepared.doc.id.clone();
            let outcome = result.and_then(|(pending, docx, warnings)| {
                let done = publish(config, &mut register, &p, pending, docx)?;
                Ok((done, warnings))
            });
            match &outcome {
                Ok((done, _)) => progress(Progress::Issued { issued: done }),
                Err(problems) => progress(Progress::Failed { id: &id, problems }),
            }
            outcomes.push((index, outcome.map_err(|problems| (id, problems))));
        }
    });
    // Reported in the documents' order, whichever typst finished first.
    outcomes.sort_by_key(|(index, _)| *index);
    let mut issued = Vec::new();
    for (_, outcome) in outcomes {
        match outcome {
            Ok((done, warnings)) => {
                checked.diagnostics.extend(warnings);
                issued.push(done);
            }
            Err((id, problems)) => {
                checked.diagnostics.extend(problems);
                failed.push(id);
            }
        }
    }
    // The dashboard shows what was just filed, so it comes last.
    let dashboard = super::dashboard::write(&config.output, &mut checked, Some(&register), &drafts);
    Ok(Built { issued, unchanged, failed, checked, dashboard })
}

/// A document filed with typst's warnings, or its id with its problems.
type Filed = Result<(Issued, Vec<Diagnostic>), (String, Vec<Diagnostic>)>;

/// The typeset PDF (and the `.docx` when asked for) in temporary files,
/// with typst's warnings.
type TypesetOutcome = Result<(Pending, Option<Pending>, Vec<Diagnostic>), Vec<Diagnostic>>;

struct PlanContext<'a> {
    config: &'a RunConfig,
    workspace: &'a Workspace,
    checked: &'a Checked,
    layouts: &'a Layouts,
    typesetter: &'a Typesetter,
    register: &'a Register,
    office: &'a OfficeFiles,
    options: BuildOptions,
}

impl PlanContext<'_> {
    /// Fixes the document's number, renders it again if an `auto` number
    /// became known, and decides what to do with it.
    fn plan(&self, book: &mut NumberBook, p: Prepared) -> Result<Planned, Diagnostic> {
        let doc = &p.doc;
        let at = || Location::file(&doc.source);
        let db = |e: RegisterError| register_diagnostic(&doc.source, e);
        let current = if doc.draft { None } else { self.register.current(&doc.id).map_err(db)? };

        let number = match doc.number {
            _ if doc.draft => None,
            Numbering::None => None,
            Numbering::Fixed(n) => {
                if let Some(holder) = self.register.taken(&doc.issuer, &doc.type_code, &doc.series, n).map_err(db)?
                    && holder.recorded.doc_id != doc.id
                {
                    return Err(Diagnostic::error(
                        at(),
                        format!(
                            "số {} đã cấp cho văn bản `{}` ({})",
                            holder.recorded.symbol, holder.recorded.doc_id, holder.recorded.source
                        ),
                    )
                    .with_hint(
                        "số văn bản không được trùng: đổi `number`, hoặc ghi `number: auto` để lấy số kế tiếp",
                    ));
                }
                Some(n)
            }
            // Once issued, an `auto` document keeps its number.
            Numbering::Auto => match current.as_ref().and_then(|c| c.recorded.number) {
                Some(n) => Some(n),
                None => Some(book.next(self.register, &doc.issuer, &doc.type_code, &doc.series).map_err(db)?),
            },
        };
        let rerender = matches!(doc.number, Numbering::Auto) && !doc.draft;
        let prepared = if rerender {
            let sources = render::Sources {
                evaluation: self.checked.evaluation_view.as_ref(),
                history: self.checked.history.as_ref(),
                weekly: &self.checked.weekly,
                templates: Some(&self.checked.templates),
            };
            let rendered = render::render(self.workspace, doc, number, &sources, self.typesetter.fonts.family)?;
            Prepared { doc: p.doc, rendered }
        } else {
            p
        };
        let digest = input_digest(&prepared.rendered, self.layouts, self.typesetter);
        let office = self.office.digest(&prepared.doc.source);
        let base = stem(&prepared.doc, &prepared.rendered);
        let mut note = None;

        let facts = current.as_ref().map(|entry| {
            let pdf = self.config.output.join(&entry.recorded.pdf_path);
            Facts {
                same_sources: entry.recorded.input_digest == digest,
                same_office_files: !entry.recorded.office_digest.is_empty() && entry.recorded.office_digest == office,
                pdf_intact: sha256_file(&pdf).is_ok_and(|h| h == entry.recorded.pdf_sha256),
                supersede: self.options.supersede,
            }
        });
        let (action, version) = match (decide(facts), current) {
            (Decision::Issue, _) | (_, None) => (Action::Issue { supersedes: None }, 1),
            (Decision::Supersede, Some(entry)) => {
                let version = entry.version + 1;
                (Action::Issue { supersedes: Some(entry) }, version)
            }
            (Decision::Keep { restore, other_layout }, Some(entry)) => {
                if other_layout {
                    note = Some(
                        Diagnostic::note(
                            Location::file(&prepared.doc.source),
                            format!(
                                "văn bản `{}` đã phát hành ({}, ngày {}) bằng một phiên bản ntm trình bày khác phiên \
                                 bản này; dữ liệu không đổi nên giữ nguyên bản đã phát hành",
                                prepared.doc.id,
                                issued_label(&entry),
                                entry.recorded.date
                            ),
                        )
                        .with_hint("muốn phát hành lại theo cách trình bày mới thì chạy `ntm build --supersede`"),
                    );
                }
                let version = entry.version;
                if restore { (Action::Restore(entry), version) } else { (Action::Unchanged(entry), version) }
            }
            (Decision::Refuse, Some(entry)) => {
                let stage = self.config.output.join(BUILD_DIR).join(stage_name(&base, entry.version));
                let changed = changed_parts(&stage, &prepared.rendered, self.layouts);
                return Err(Diagnostic::error(
                    Location::file(&prepared.doc.source),
                    format!(
                        "văn bản `{}` đã phát hành ({}, ngày {}) nhưng dữ liệu đã thay đổi: {}",
                        prepared.doc.id,
                        issued_label(&entry),
                        entry.recorded.date,
                        changed
                    ),
                )
                .with_hint(
                    "văn bản đã phát hành không được sửa: trả lại dữ liệu như cũ, hoặc chạy `ntm build --supersede` \
                     để phát hành bản mới thay thế (bản cũ vẫn được lưu)",
                ));
            }
        };
        let stem = stage_name(&base, version);
        let docx = self.options.docx || prepared.doc.draft || prepared.doc.docx;
        Ok(Planned { prepared, number, digest, office, note, stem, version, action, docx })
    }
}

/// What is known of an issued document when its fate is decided.
#[derive(Debug, Clone, Copy)]
struct Facts {
    /// The new sources are the ones it was issued from.
    same_sources: bool,
    /// The office's own files (its YAML, the workspace's data) are the ones
    /// it was issued from; unknown (false) for a row written before v3.
    same_office_files: bool,
    /// Its PDF is in place with the digest the register recorded.
    pdf_intact: bool,
    /// `--supersede` was given.
    supersede: bool,
}

/// What becomes of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    /// Never issued: issue it.
    Issue,
    /// Issued, and a new version is asked for.
    Supersede,
    /// Issued and to stay so; its PDF put back from the sources when lost
    /// or changed; `other_layout` when only this ntm lays it out otherwise.
    Keep { restore: bool, other_layout: bool },
    /// Issued, and the office changed what it was made from.
    Refuse,
}

/// The issue/keep/refuse rule, in one place (`None`: never issued).
/// Issued is final: the same sources keep it; `--supersede` makes a new
/// version; unchanged office files under a newer ntm keep it with a note
/// (a lost PDF cannot be made again in the old layout, so the new one is
/// put back); anything else is refused.
fn decide(facts: Option<Facts>) -> Decision {
    let Some(f) = facts else { return Decision::Issue };
    if f.same_sources {
        Decision::Keep { restore: !f.pdf_intact, other_layout: false }
    } else if f.supersede {
        Decision::Supersede
    } else if f.same_office_files {
        Decision::Keep { restore: !f.pdf_intact, other_layout: true }
    } else {
        Decision::Refuse
    }
}

/// `2023-01-12_01-NQ-DU`, `…_du-thao` for a draft; a later version of an
/// issued document gets `_ban-N`, so the earlier PDF stays.
fn stem(doc: &Document, rendered: &Rendered) -> String {
    match (doc.draft, rendered.symbol.is_empty()) {
        (true, _) => super::dashboard::draft_stem(doc),
        (false, true) => naming::document_stem(doc.date, &doc.id),
        (false, false) => naming::document_stem(doc.date, &rendered.symbol),
    }
}

/// `số 01-NQ/ĐU`, or `không số` for an unnumbered paper.
fn issued_label(entry: &Entry) -> String {
    if entry.recorded.symbol.is_empty() { "không số".to_string() } else { format!("số {}", entry.recorded.symbol) }
}

fn stage_name(base: &str, version: u32) -> String {
    if version > 1 { format!("{base}_ban-{version}") } else { base.to_string() }
}

/// Everything a PDF is made from, in a fixed order: the generated sources
/// (which carry the document, the commune's data, the evaluation and the
/// plan), the layout files, typst's version and the font.
fn input_digest(rendered: &Rendered, layouts: &Layouts, typesetter: &Typesetter) -> String {
    let mut digest = InputDigest::new();
    digest
        .part("main.typ", rendered.main_typ.as_bytes())
        .part("meta.json", rendered.meta_json.as_bytes())
        .part("data.json", rendered.data_json.as_bytes());
    for (name, text) in &layouts.files {
        digest.part(name, text.as_bytes());
    }
    digest.part("typst", typesetter.typst.version.as_bytes()).part("font", typesetter.fonts.family.as_bytes());
    digest.finish()
}

/// Which parts of an issued document's sources differ from the new ones,
/// in words, read from the staging folder the issued version was built in.
fn changed_parts(stage: &Path, rendered: &Rendered, layouts: &Layouts) -> String {
    if !stage.is_dir() {
        return format!("không còn thư mục `{}` để so sánh từng phần", stage.display());
    }
    let differs = |name: &str, new: &str| fs::read_to_string(stage.join(name)).map_or(true, |old| old != new);
    let mut parts = Vec::new();
    if differs("meta.json", &rendered.meta_json) {
        parts.push("thông tin văn bản (số, ngày, trích yếu, người ký, nơi nhận hoặc thể thức)");
    }
    if differs("main.typ", &rendered.main_typ) {
        parts.push("nội dung");
    }
    if differs("data.json", &rendered.data_json) {
        parts.push("số liệu (kết quả đánh giá, kế hoạch)");
    }
    if layouts.files.iter().any(|(name, text)| differs(&format!("layouts/{name}"), text)) {
        parts.push("khuôn trình bày");
    }
    if parts.is_empty() { "phiên bản typst hoặc phông chữ".to_string() } else { parts.join("; ") }
}

/// Stages the document's sources and typesets it into a temporary file
/// beside its final place, and its `.docx` when asked for.
fn typeset_one(
    config: &RunConfig,
    typesetter: &Typesetter,
    layouts: &Layouts,
    p: &Planned,
    jobs: usize,
) -> TypesetOutcome {
    let stage = stage(config, layouts, p)?;
    let io_error = |path: &Path, err: std::io::Error| {
        vec![Diagnostic::error(Location::file(path), format!("không ghi được tệp: {err}"))]
    };
    let pdf = config.output.join(format!("{}.pdf", p.stem));
    let pending = Pending::new(&pdf).map_err(|e| io_error(&pdf, e))?;
    let job = Job { stage: &stage, output: pending.path(), timestamp: p.prepared.doc.date.unix_timestamp(), jobs };
    let mut warnings = typesetter.compile(&job)?;
    let docx = match p.docx {
        true => {
            let path = config.output.join(format!("{}.docx", p.stem));
            let (docx, more) = docx_one(typesetter, &stage, p, &path, jobs)?;
            warnings.extend(more);
            Some(docx)
        }
        false => None,
    };
    Ok((pending, docx, warnings))
}

/// The `.docx` of a document beside its PDF, in a temporary file: its
/// charts drawn by typst into pictures, the rest from the rendered sources.
fn docx_one(
    typesetter: &Typesetter,
    stage: &Path,
    p: &Planned,
    path: &Path,
    jobs: usize,
) -> Result<(Pending, Vec<Diagnostic>), Vec<Diagnostic>> {
    let r = &p.prepared.rendered;
    let at = |path: &Path, message: String| vec![Diagnostic::error(Location::file(path), message)];
    let mut charts = Vec::new();
    let mut warnings = Vec::new();
    for name in docx::CHART_COMPONENTS {
        // Only the converter writes this call: user text is escaped.
        if !r.main_typ.contains(&format!("#component(\"{name}\")")) {
            continue;
        }
        let source = stage.join(format!("chart-{name}.typ"));
        let png = stage.join(format!("chart-{name}.png"));
        let width = 210.0 - p.prepared.doc.settings.margins.left - p.prepared.doc.settings.margins.right;
        archive::write_if_changed(&source, docx::chart_source(name, width).as_bytes())
            .map_err(|e| at(&source, format!("không ghi được tệp: {e}")))?;
        let job = Job { stage, output: &png, timestamp: p.prepared.doc.date.unix_timestamp(), jobs };
        warnings.extend(typesetter.compile_png(&job, &format!("chart-{name}.typ"), docx::PPI)?);
        let bytes = fs::read(&png).map_err(|e| at(&png, format!("không đọc được hình biểu đồ: {e}")))?;
        charts.extend(docx::Chart::new(name, bytes));
    }
    let sources = docx::Sources {
        markdown: &r.markdown,
        attachments: &r.attachments,
        meta_json: &r.meta_json,
        data_json: &r.data_json,
        charts: &charts,
    };
    let bytes = docx::write(&sources).map_err(|e| at(&p.prepared.doc.source, e.to_string()))?;
    let pending = Pending::new(path).map_err(|e| at(path, format!("không ghi được tệp: {e}")))?;
    fs::write(pending.path(), bytes).map_err(|e| at(path, format!("không ghi được tệp: {e}")))?;
    Ok((pending, warnings))
}

/// The document's staging folder, its sources written (unchanged files are
/// left alone).
fn stage(config: &RunConfig, layouts: &Layouts, p: &Planned) -> Result<PathBuf, Vec<Diagnostic>> {
    let stage = config.output.join(BUILD_DIR).join(&p.stem);
    let io_error = |path: &Path, err: std::io::Error| {
        vec![Diagnostic::error(Location::file(path), format!("không ghi được tệp: {err}"))]
    };
    let r = &p.prepared.rendered;
    let mut files: Vec<(PathBuf, &[u8])> = vec![
        (stage.join("main.typ"), r.main_typ.as_bytes()),
        (stage.join("meta.json"), r.meta_json.as_bytes()),
        (stage.join("data.json"), r.data_json.as_bytes()),
        (stage.join("body.md"), r.markdown.as_bytes()),
    ];
    for (name, text) in &layouts.files {
        files.push((stage.join("layouts").join(name), text.as_bytes()));
    }
    for (path, bytes) in &files {
        archive::write_if_changed(path, bytes).map_err(|e| io_error(path, e))?;
    }
    Ok(stage)
}

/// Moves the PDF into place and records it: the last steps of a document.
fn publish(
    config: &RunConfig,
    register: &mut Register,
    p: &Planned,
    pending: Pending,
    docx: Option<Pending>,
) -> Result<Issued, Vec<Diagnostic>> {
    let doc = &p.prepared.doc;
    let one = |d: Diagnostic| vec![d];
    let hash = sha256_file(pending.path())
        .map_err(|e| one(Diagnostic::error(Location::file(pending.path()), format!("không đọc được tệp: {e}"))))?;
    if let Action::Restore(entry) = &p.action
        && entry.recorded.pdf_sha256 != hash
    {
        return Err(one(Diagnostic::error(
            Location::file(config.output.join(&entry.recorded.pdf_path)),
            "bản PDF đã phát hành bị mất hoặc bị sửa, và dựng lại không ra đúng bản đã lưu trong sổ đăng ký",
        )
        .with_hint("khôi phục tệp PDF từ bản sao lưu; chạy `ntm archive verify` để xem các tệp khác")));
    }
    // The `.docx` first: a document whose `.docx` cannot be written is not
    // issued, so the next run makes both again.
    let docx = docx
        .map(|d| d.commit())
        .transpose()
        .map_err(|e| one(Diagnostic::error(Location::file(&doc.source), format!("không ghi được tệp .docx: {e}"))))?;
    let pdf = pending
        .commit()
        .map_err(|e| one(Diagnostic::error(Location::file(&doc.source), format!("không ghi được tệp PDF: {e}"))))?;
    if let Action::Issue { supersedes } = &p.action
        && !doc.draft
    {
        let entry = new_entry(config, p, &pdf, hash);
        register
            .record(&entry, supersedes.as_ref().map(|e| e.id))
            .map_err(|e| one(register_diagnostic(&doc.source, e)))?;
    }
    Ok(Issued {
        id: doc.id.clone(),
        symbol: p.prepared.rendered.symbol.clone(),
        typ: config.output.join(BUILD_DIR).join(&p.stem).join("main.typ"),
        pdf,
        docx,
        version: p.version,
        draft: doc.draft,
    })
}

fn new_entry(config: &RunConfig, p: &Planned, pdf: &Path, pdf_sha256: String) -> NewEntry {
    let doc = &p.prepared.doc;
    let meta: serde_json::Value = serde_json::from_str(&p.prepared.rendered.meta_json).unwrap_or_default();
    let text = |path: &[&str]| {
        let mut v = &meta;
        for key in path {
            v = &v[*key];
        }
        v.as_str().unwrap_or_default().to_string()
    };
    NewEntry {
        doc_id: doc.id.clone(),
        source: doc.source.display().to_string(),
        type_key: doc.doc_type.key.to_string(),
        type_name: doc.doc_type.name.to_string(),
        type_code: doc.type_code.clone(),
        issuer: doc.issuer.clone(),
        issuer_name: text(&["pdf", "author"]),
        series: doc.series.clone(),
        number: p.number,
        symbol: p.prepared.rendered.symbol.clone(),
        date: doc.date.to_string(),
        title: text(&["title", "summary"]).split_whitespace().collect::<Vec<_>>().join(" "),
        authority: doc.signature.authority.clone().unwrap_or_default(),
        position: doc.signature.position.clone(),
        signer: doc.signature.signer.clone(),
        recipients: doc.recipients.clone(),
        pdf_path: slash_path(pdf.strip_prefix(&config.output).unwrap_or(pdf)),
        pdf_sha256,
        input_digest: p.digest.clone(),
        office_digest: p.office.clone(),
        issued_at: now_utc(),
    }
}

fn issued_of(config: &RunConfig, p: &Planned) -> Issued {
    let pdf = match &p.action {
        Action::Unchanged(entry) | Action::Restore(entry) => config.output.join(&entry.recorded.pdf_path),
        Action::Issue { .. } => config.output.join(format!("{}.pdf", p.stem)),
    };
    let docx = p.docx.then(|| pdf.with_extension("docx"));
    Issued {
        id: p.prepared.doc.id.clone(),
        symbol: p.prepared.rendered.symbol.clone(),
        docx,
        pdf,
        typ: config.output.join(BUILD_DIR).join(&p.stem).join("main.typ"),
        version: p.version,
        draft: p.prepared.doc.draft,
    }
}

fn register_fatal(err: RegisterError) -> Fatal {
    let hint = err.hint();
    let fatal = Fatal::environment(err.to_string());
    match hint {
        Some(h) => fatal.with_hint(h),
        None => fatal,
    }
}

fn register_diagnostic(source: &Path, err: RegisterError) -> Diagnostic {
    let hint = err.hint();
    let d = Diagnostic::error(Location::file(source), err.to_string());
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(same_sources: bool, same_office_files: bool, pdf_intact: bool, supersede: bool) -> Option<Facts> {
        Some(Facts { same_sources, same_office_files, pdf_intact, supersede })
    }

    #[test]
    fn a_document_never_issued_is_issued() {
        assert_eq!(decide(None), Decision::Issue);
    }

    #[test]
    fn the_same_sources_keep_an_issued_document_and_put_back_its_pdf() {
        for (office, supersede) in [(false, false), (true, false), (false, true), (true, true)] {
            assert_eq!(
                decide(facts(true, office, true, supersede)),
                Decision::Keep { restore: false, other_layout: false }
            );
            assert_eq!(
                decide(facts(true, office, false, supersede)),
                Decision::Keep { restore: true, other_layout: false }
            );
        }
    }

    #[test]
    fn changed_sources_make_a_new_version_only_when_asked() {
        for (office, intact) in [(false, false), (true, true), (true, false), (false, true)] {
            assert_eq!(decide(facts(false, office, intact, true)), Decision::Supersede);
        }
    }

    #[test]
    fn a_newer_ntm_keeps_what_the_office_did_not_change() {
        assert_eq!(decide(facts(false, true, true, false)), Decision::Keep { restore: false, other_layout: true });
        assert_eq!(decide(facts(false, true, false, false)), Decision::Keep { restore: true, other_layout: true });
    }

    #[test]
    fn changed_office_files_are_refused() {
        assert_eq!(decide(facts(false, false, true, false)), Decision::Refuse);
        assert_eq!(decide(facts(false, false, false, false)), Decision::Refuse);
    }
}
