//! Writes the benchmark's district-sized workspace into a folder:
//!
//! ```sh
//! cargo run --release --example bench_workload -- <dir> [--villages 20] [--households 2500] [--documents 200]
//! ```
//!
//! What it writes (defaults):
//! - `commune.yaml`: the example commune (`inputs/commune.yaml`) with 20
//!   villages `Thôn 1` … `Thôn 20` instead of 6. A district has about 20
//!   communes; the benchmark reads them as one workspace whose 20 "villages"
//!   stand for the 20 communes' survey files, which is the same amount of
//!   reading, checking and evaluating.
//! - `survey/2023/thon-1.xlsx` … `thon-20.xlsx`: 2,500 households each
//!   (50,000 in all), laid out exactly like the example's workbooks (the
//!   layout and data generator `examples/common/survey_gen.rs` shares with
//!   `examples/make_example_survey.rs`): title rows, `Thôn:` label, the
//!   15-column table, a `Tổng cộng` row of SUM formulas with cached results.
//! - `criteria/`, `assessment.yaml`, `plan.yaml`, `forms/` copied from
//!   `inputs/`.
//! - `documents/`: 200 documents made from the example's shapes: the
//!   per-village scorecard (`for_each: village`, one file, 20 documents) and
//!   180 numbered documents, 60 each of the resolution, the plan and the
//!   report, each with its own number (1‥60, unique in any numbering
//!   series) and date (spread over 2023–2024).
//!
//! Everything is deterministic: a fixed seed, fixed workbook dates, files
//! named and numbered in order. The folder must be new, empty, or one this
//! program wrote before (it holds `.ntm-bench-workload`); in the last case
//! it is cleared first.
//!
//! `benches/intake.rs` includes this file as a module to generate its input.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

#[path = "common/survey_gen.rs"]
mod survey_gen;

use survey_gen::{Batch, Origin, PROFILES, SURVEY_YEAR, Totals, generate, write_workbook};

type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

/// File written into the workspace so a later run may clear it safely.
pub const MARKER: &str = ".ntm-bench-workload";

/// Size of the workload.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub villages: usize,
    /// Households per village workbook.
    pub households: usize,
    /// Documents the build issues (per-village copies count one each).
    pub documents: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params { villages: 20, households: 2_500, documents: 200 }
    }
}

/// What was written.
#[derive(Debug)]
pub struct Written {
    pub workbooks: Vec<PathBuf>,
    pub households: usize,
    pub document_files: usize,
    pub documents: usize,
}

/// The example workspace the workload copies from.
pub fn example_inputs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs")
}

/// Writes the whole workspace into `dir`.
pub fn write_workspace(dir: &Path, params: &Params) -> Result<Written> {
    prepare_dir(dir)?;
    let inputs = example_inputs();

    for name in ["assessment.yaml", "plan.yaml"] {
        fs::copy(inputs.join(name), dir.join(name))?;
    }
    copy_dir(&inputs.join("criteria"), &dir.join("criteria"))?;
    copy_dir(&inputs.join("forms"), &dir.join("forms"))?;

    let villages = villages(params.villages);
    let commune = fs::read_to_string(inputs.join("commune.yaml"))?;
    fs::write(dir.join("commune.yaml"), with_villages(&commune, &villages)?)?;

    let workbooks = write_survey(&dir.join("survey").join(SURVEY_YEAR.to_string()), &villages, params.households)?;
    let (document_files, documents) = write_documents(&inputs.join("documents"), &dir.join("documents"), params)?;
    fs::write(dir.join(MARKER), "written by examples/bench_workload.rs\n")?;
    Ok(Written { workbooks, households: params.villages * params.households, document_files, documents })
}

/// Creates `dir`, or clears it when this program wrote it before.
fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = fs::read_dir(dir)?.next().is_none();
        if !empty {
            if !dir.join(MARKER).is_file() {
                return Err(format!(
                    "`{}` is not empty and was not written by bench_workload: refusing to clear it",
                    dir.display()
                )
                .into());
            }
            for entry in fs::read_dir(dir)? {
                let path = entry?.path();
                if path.is_dir() { fs::remove_dir_all(&path)? } else { fs::remove_file(&path)? }
            }
        }
    }
    fs::create_dir_all(dir)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()))?;
        } else {
            fs::copy(&path, to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// commune.yaml

/// (id, name, household-id prefix) of each village: `thon-1`, `Thôn 1`, `T1`.
/// The ids keep those of the example, so the plan's and the steering
/// committee's references to `thon-1` … `thon-6` stay valid.
fn villages(count: usize) -> Vec<(String, String, String)> {
    (1..=count).map(|n| (format!("thon-{n}"), format!("Thôn {n}"), format!("T{n}"))).collect()
}

/// The example's `commune.yaml` with its `villages:` list replaced.
fn with_villages(commune: &str, villages: &[(String, String, String)]) -> Result<String> {
    let mut out = String::with_capacity(commune.len() + villages.len() * 40);
    let mut lines = commune.lines().peekable();
    let mut replaced = false;
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line.trim_end() == "villages:" && !replaced {
            replaced = true;
            while lines.peek().is_some_and(|l| l.starts_with("  -") || l.starts_with("    ")) {
                lines.next();
            }
            for (id, name, _) in villages {
                out.push_str(&format!("  - {{ id: {id}, name: {name} }}\n"));
            }
        }
    }
    if !replaced {
        return Err("inputs/commune.yaml has no top-level `villages:` list to replace".into());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// documents/

/// Writes the documents; returns (files, documents they give).
fn write_documents(examples: &Path, to: &Path, params: &Params) -> Result<(usize, usize)> {
    fs::create_dir_all(to)?;
    let mut per_village = Vec::new();
    let mut numbered = Vec::new();
    let mut names: Vec<PathBuf> = fs::read_dir(examples)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    names.sort();
    for path in names {
        let text = fs::read_to_string(&path)?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        // The shapes of the benchmark stay the ones its figures were first
        // measured with: the resolution, the plan and the report (the
        // example's other kinds attach documents or address a superior).
        let shape =
            text.lines().find_map(|l| l.strip_prefix("type:")).map(|t| t.split('#').next().unwrap_or("").trim());
        if text.lines().any(|l| l.starts_with("for_each:")) {
            per_village.push((stem, text));
        } else if text.lines().any(|l| l.starts_with("number:"))
            && matches!(shape, Some("nghi-quyet" | "ke-hoach" | "bao-cao"))
        {
            numbered.push((stem, text));
        }
    }
    if numbered.is_empty() {
        return Err(format!("no numbered example document in `{}`", examples.display()).into());
    }

    let mut files = 0;
    let mut documents = 0;
    // One per-village file gives a copy for every village.
    if let Some((stem, text)) = per_village.first()
        && params.documents >= params.villages
        && params.villages > 0
    {
        fs::write(to.join(format!("{stem}.yaml")), text)?;
        files += 1;
        documents += params.villages;
    }
    // The rest, round-robin over the numbered shapes.
    let rest = params.documents - documents;
    for (shape, (stem, text)) in numbered.iter().enumerate() {
        let count = rest / numbered.len() + usize::from(shape < rest % numbered.len());
        for k in 0..count {
            let number = k + 1;
            let date = spread_date(k, count);
            let yaml = set_field(&set_field(text, "number", &number.to_string())?, "date", &date)?;
            fs::write(to.join(format!("{stem}-{number:03}.yaml")), yaml)?;
            files += 1;
            documents += 1;
        }
    }
    Ok((files, documents))
}

/// Replaces the top-level `key:` line (comment included) with `key: value`.
fn set_field(text: &str, key: &str, value: &str) -> Result<String> {
    let prefix = format!("{key}:");
    let mut found = false;
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !found && line.starts_with(&prefix) {
            found = true;
            out.push_str(&format!("{key}: {value}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if found { Ok(out) } else { Err(format!("example document has no top-level `{key}:`").into()) }
}

/// The `k`-th of `count` dates spread evenly over 2023-01-03 … 2024-12-27,
/// in order, so numbers grow with dates. Numbers run 1‥count across both
/// years: unique in a calendar-year series (State) and in a term (Party).
fn spread_date(k: usize, count: usize) -> String {
    const FIRST: usize = 2; // 2023-01-03, as a day of the year from 0
    const SPAN: usize = 724; // to 2024-12-27
    let day = FIRST + if count > 1 { k * SPAN / (count - 1) } else { 0 };
    let (year, day) = if day < 365 { (2023, day) } else { (2024, day - 365) };
    let leap = year % 4 == 0;
    let lengths = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut rest = day;
    for (month, length) in lengths.iter().enumerate() {
        if rest < *length {
            return format!("{year}-{:02}-{:02}", month + 1, rest + 1);
        }
        rest -= length;
    }
    unreachable!("day {day} of {year} is within the year")
}

// ---------------------------------------------------------------------------
// survey/ — the generator and layout shared with examples/make_example_survey.rs
// (examples/common/survey_gen.rs).

/// Fixed seed: change it and every figure of the workload changes.
const SEED: u64 = 0x4E54_4D42_454E_4348; // "NTMBENCH"

const ORIGIN: Origin = Origin {
    author: "Ban phát triển thôn (số liệu tạo cho benchmark)",
    remark: "Số liệu do chương trình benchmark tạo ra; không phải số liệu điều tra thật.",
};

/// Writes the village workbooks, in parallel; returns their paths in order.
fn write_survey(dir: &Path, villages: &[(String, String, String)], households: usize) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    villages
        .par_iter()
        .enumerate()
        .map(|(index, (id, name, code))| {
            // `parse_args` allows up to 9,999 households: four digits keep the ids in order.
            let batch = Batch { seed: SEED, index, code, count: households, id_digits: 4 };
            let list = generate(&PROFILES[index % PROFILES.len()], &batch);
            let path = dir.join(format!("{id}.xlsx"));
            write_workbook(&path, name, &list, &Totals::of(&list), &ORIGIN)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(path)
        })
        .collect()
}

// ---------------------------------------------------------------------------

fn parse_args() -> std::result::Result<(PathBuf, Params), String> {
    let mut params = Params::default();
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> std::result::Result<usize, String> {
            args.next().and_then(|v| v.parse().ok()).ok_or_else(|| format!("{name} needs a whole number"))
        };
        match arg.as_str() {
            "--villages" => params.villages = value("--villages")?,
            "--households" => params.households = value("--households")?,
            "--documents" => params.documents = value("--documents")?,
            "-h" | "--help" => return Err(String::new()),
            _ if dir.is_none() && !arg.starts_with('-') => dir = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument `{arg}`")),
        }
    }
    let dir = dir.ok_or("missing the output folder")?;
    if params.villages == 0 || params.villages > 99 {
        return Err("--villages must be 1‥99".into());
    }
    if params.households == 0 || params.households > 9_999 {
        return Err("--households must be 1‥9999".into());
    }
    Ok((dir, params))
}

fn main() {
    let (dir, params) = match parse_args() {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!(
                "usage: cargo run --release --example bench_workload -- <dir> [--villages 20] [--households 2500] [--documents 200]"
            );
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    match write_workspace(&dir, &params) {
        Ok(written) => println!(
            "wrote {}: {} villages, {} households in {} workbooks, {} documents from {} files ({:.2} s)",
            dir.display(),
            params.villages,
            written.households,
            written.workbooks.len(),
            written.documents,
            written.document_files,
            started.elapsed().as_secs_f64()
        ),
        Err(err) => {
            eprintln!("error: {err}");
            std::process::exit(1);
        }
    }
}
