//! Hostile input (issue #6): arbitrary text in the fields of every document
//! kind and in workbook cells comes out literally and never breaks a run;
//! files built to exhaust memory or time (a million rows, a 10 MB cell, a
//! zip bomb named `.xlsx`, an `.ods` whose repeats expand to 100 million
//! cells, `.xlsx` and `.xls` files whose far-apart cells or looping sectors
//! made the spreadsheet library abort or hang, a YAML alias bomb, a
//! 5,000-page body, a typst that does not finish) are each one clear
//! Vietnamese error naming the file, within a stated memory bound.
//!
//! Peak memory is measured with `/usr/bin/time -f %M` (GNU time, package
//! `time`, which `make test` installs); without it the tests that state a
//! bound fail, rather than pass unmeasured. Every fixture is generated here (the `.xls` ones by the builder
//! the unit tests share): nothing big is committed.
//! The property runs are short (a few dozen cases in all) so the file stays
//! well under a minute; the fuzzers of `fuzz/` search much longer.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::Command;

use proptest::prelude::*;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;
use zip::write::SimpleFileOptions;

use crate::harness::{Case, Run, SURVEY_HEADERS, pdf_text, persisted, squeeze};

/// Where the property tests below keep the failures they found (replayed
/// first on every run; committed).
const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/tests/cli/hostile.txt");

// ---------------------------------------------------------------------------
// Running the binary under /usr/bin/time.

const TIME: &str = "/usr/bin/time";

/// Runs ntm like `Case::ntm_env` under GNU time, and also returns its peak
/// resident memory in MB (typst included: `time` counts waited-for
/// descendants).
fn ntm_measured(case: &Case, args: &[&str], env: &[(&str, &str)]) -> (Run, u64) {
    assert!(
        Path::new(TIME).is_file(),
        "{TIME} is missing: the memory bounds of these tests need GNU time (package `time`; `make test` installs it)"
    );
    let report = case.path("peak-rss.txt");
    let mut cmd = Command::new(TIME);
    cmd.args(["-f", "%M", "-o"]).arg(&report).arg(env!("CARGO_BIN_EXE_ntm"));
    cmd.current_dir(case.dir.path()).args(args);
    cmd.env_remove("NTM_TYPST").env_remove("NTM_FONT_PATH").env_remove("NTM_TYPST_TIMEOUT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run ntm");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    // A killed child makes time write a line before the figure.
    let written = fs::read_to_string(&report).unwrap_or_default();
    let kb = written.lines().last().and_then(|l| l.trim().parse::<u64>().ok());
    let kb = kb.unwrap_or_else(|| panic!("{TIME} reported no peak memory: `{written}`\n--- stderr\n{}", run.stderr));
    (run, kb / 1024)
}

#[track_caller]
fn assert_peak_under(mb: u64, bound_mb: u64, what: &str) {
    eprintln!("{what}: peak {mb} MB (bound {bound_mb} MB)");
    assert!(mb < bound_mb, "{what}: peak memory {mb} MB, over the stated bound of {bound_mb} MB");
}

#[track_caller]
fn assert_error_line(run: &Run, file: &str, wanted: &[&str]) {
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("lỗi: {file}")) && wanted.iter().all(|w| l.contains(w)))
        .unwrap_or_else(|| panic!("no error on `{file}` saying {wanted:?}:\n{}", run.stderr));
    assert!(!line.contains("panicked"), "{line}");
}

// ---------------------------------------------------------------------------
// Workbooks written by hand: rust_xlsxwriter rightly refuses what these
// tests need (cells over Excel's limits, control characters, anything).

enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

/// Text for an inline-string cell: XML escapes, and Excel's `_xHHHH_` for
/// control characters and for `_` itself, so the reader gives back exactly
/// `text`.
fn cell_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '_' => out.push_str("_x005F_"),
            c if c.is_control() => out.push_str(&format!("_x{:04X}_", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn column_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap()
}

/// One `<row>` (0-based `row`, cells at 0-based columns).
fn row_xml(row: u32, cells: &[(u32, Cell)]) -> String {
    let mut xml = format!("<row r=\"{}\">", row + 1);
    for (col, cell) in cells {
        let at = format!("{}{}", column_letters(*col), row + 1);
        match cell {
            Cell::Text(t) => xml.push_str(&format!(
                "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                cell_text(t)
            )),
            Cell::Number(n) => xml.push_str(&format!("<c r=\"{at}\"><v>{n}</v></c>")),
        }
    }
    xml.push_str("</row>");
    xml
}

/// The top of the standard form: the village label on row 2, the header on
/// row 4.
fn form_top(village: &str) -> String {
    let mut xml = row_xml(1, &[(0, Cell::Text("Thôn:")), (2, Cell::Text(village))]);
    let header: Vec<(u32, Cell)> = SURVEY_HEADERS.iter().enumerate().map(|(i, h)| (i as u32, Cell::Text(h))).collect();
    xml.push_str(&row_xml(3, &header));
    xml
}

/// A household row of the standard form with the given id, name and
/// members cell; every other cell valid.
fn household(row: u32, id: &str, name: &str, members: Cell) -> String {
    row_xml(
        row,
        &[
            (0, Cell::Number(f64::from(row))),
            (1, Cell::Text(id)),
            (2, Cell::Text(name)),
            (3, members),
            (4, Cell::Number(60.5)),
            (6, Cell::Text("Kiên cố")),
            (7, Cell::Text("x")),
            (8, Cell::Text("x")),
            (9, Cell::Text("x")),
            (10, Cell::Number(1.0)),
            (11, Cell::Number(1.0)),
            (12, Cell::Number(0.0)),
            (13, Cell::Text("x")),
        ],
    )
}

/// Writes an `.xlsx` whose one sheet, `Hộ gia đình`, has the rows `rows`
/// writes (streamed, so a million rows never sit in memory), deflated.
fn write_xlsx(path: &Path, rows: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    write_xlsx_at(path, 1, rows);
}

/// `write_xlsx` at a given deflate level (9 packs a bomb tightest).
fn write_xlsx_at(path: &Path, level: i64, rows: impl FnOnce(&mut dyn Write) -> io::Result<()>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    let deflated = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(level))
        .large_file(true);
    let parts: [(&str, &str); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hộ gia đình" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, deflated).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", deflated).unwrap();
    let mut sheet = io::BufWriter::new(&mut zip);
    sheet
        .write_all(
            br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        )
        .unwrap();
    rows(&mut sheet).unwrap();
    sheet.write_all(b"</sheetData></worksheet>").unwrap();
    sheet.flush().unwrap();
    drop(sheet);
    zip.finish().unwrap();
}

// Excel 97–2003 files, written by hand: the unit tests of the `.xls` check
// build theirs from the same source file.

#[path = "../../src/load/workbook/xls_bytes.rs"]
mod xls_bytes;

use xls_bytes::{biff8, chain_past_the_end, compound_file};

/// The example workspace with its survey replaced by `survey/thon-1.xlsx`
/// only (a survey folder without rounds is one round); the other villages
/// are missing, which is a warning, not an error.
fn survey_case() -> Case {
    let case = Case::example();
    fs::remove_dir_all(case.path("inputs/survey")).unwrap();
    fs::create_dir_all(case.path("inputs/survey")).unwrap();
    case
}

fn check_json(case: &Case) -> (Run, Value) {
    let run = case.ntm(&["check", "--format", "json"]);
    let json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("check --format json is not JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    (run, json)
}

fn messages(json: &Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap_or_default().to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Arbitrary text.

/// Hostile characters: every printable ASCII character (all Typst and
/// Markdown syntax), Vietnamese letters, the attacks as whole tokens,
/// unbalanced brackets, bidirectional marks, and words too long to break.
fn hostile_char_run() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::char::range(' ', '~').prop_map(String::from),
        3 => proptest::sample::select("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĂÂĐÊÔƠƯẤẦẪẬẮẰẶẾỀỆỐỒỘỚỜỢỨỪỰỲỸỴ".chars().collect::<Vec<_>>()).prop_map(String::from),
        1 => proptest::sample::select(vec![
            "#import \"/etc/passwd\"", "#read(\"/etc/passwd\")", "$x^2$", "$", "[", "]", "((", "}", "```", "<!--",
            "**", "_", "\\", "//", "/*", "@ref", "<lbl>", "{{ commune.name }}", "{% raw %}", "&amp;", "\u{200F}",
            "\u{200E}", "“", "…", "–", "Vie\u{323}\u{302}t", "Ngoặcdàidàidàidàidàidàidàidài",
        ]).prop_map(str::to_string),
    ]
}

/// A field value: starts and ends with a letter, so list-line cleaning
/// (leading dash, trailing punctuation) keeps it whole. A line may break
/// at least every 5 characters (`breakable_every_5`): the layouts break a
/// word between letters only in component tables and only when it is wider
/// than the whole column (`a_long_address_wraps_inside_its_table_cell`), so
/// an unbreakable run just wider than a narrow column or a title line still
/// runs over (README, "Limits on hostile input").
fn field(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char_run(), 0..max)
        .prop_map(|runs| breakable_every_5(&format!("A{}Z", runs.concat())))
}

/// `text` with `a a` put in after every 5 characters without a space: a
/// space alone is no break opportunity after `{` or before `}` or `.`
/// (Unicode line breaking, UAX #14), one between two letters always is.
/// Never before a combining mark, which belongs to the letter before.
fn breakable_every_5(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut run = 0;
    for c in text.chars() {
        if c == ' ' {
            run = 0;
        } else if run >= 5 && !unicode_normalization::char::is_combining_mark(c) {
            out.push_str("a a");
            run = 1;
        } else {
            run += 1;
        }
        out.push(c);
    }
    out
}

/// Workbook cells may also hold control characters (Excel's `_x0007_`).
fn cell_field(max: usize) -> impl Strategy<Value = String> {
    let control = proptest::sample::select(vec!['\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\t', '\n'])
        .prop_map(String::from);
    proptest::collection::vec(prop_oneof![4 => hostile_char_run(), 1 => control], 0..max)
        .prop_map(|runs| format!("A{}Z", runs.concat()))
}

fn yaml(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Invisible characters of the bidirectional algorithm: marks, embeddings,
/// overrides and isolates.
const BIDI_FORMATTING: [char; 12] = [
    '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}',
    '\u{2067}', '\u{2068}', '\u{2069}',
];

/// What the PDF text must contain for `value`: white space does not count
/// (the typesetter's), nor bidirectional formatting, which ntm drops; the
/// layout may print a field in capitals.
fn found_in(pdf: &str, value: &str) -> bool {
    let norm = |s: &str| squeeze(s).replace(BIDI_FORMATTING, "").nfc().collect::<String>();
    let text = norm(pdf);
    text.contains(&norm(value)) || text.contains(&norm(&value.to_uppercase()))
}

#[derive(Debug, Clone)]
struct PlanFields {
    objective: String,
    content: String,
    lead: String,
    review: String,
    who: String,
    when: String,
    title: String,
    ground: String,
    recipient: String,
    position: String,
}

fn plan_fields() -> impl Strategy<Value = PlanFields> {
    ((field(30), field(14), field(8), field(20), field(8)), (field(8), field(30), field(30), field(20), field(10)))
        .prop_map(|((objective, content, lead, review, who), (when, title, ground, recipient, position))| PlanFields {
            objective,
            content,
            lead,
            review,
            who,
            when,
            title,
            ground,
            recipient,
            position,
        })
}

const PLAN_DOC: &str = "kh-12-2023-xay-dung-ntm-nang-cao";
const PLAN_PDF: &str = "output/2023-01-20_12-KH-UBND.pdf";

/// The plan's fields in `plan.yaml` (task, objective, review) and the State
/// document's own fields, all at once.
fn check_plan(f: &PlanFields) -> Result<(), TestCaseError> {
    let case = Case::example();
    case.write(
        "inputs/plan.yaml",
        &format!(
            "year: 2023\nobjectives: [{}]\ntasks:\n  - content: {}\n    criteria: [\"1\"]\n    lead: {}\n    member: chu-tich-ubnd\n    \
             villages: [thon-1]\n    deadline: 2023-06-30\n    budget: {{ commune: 10 }}\n\
             reviews:\n  - {{ kind: monthly, content: {}, who: {}, when: {} }}\n",
            yaml(&f.objective),
            yaml(&f.content),
            yaml(&f.lead),
            yaml(&f.review),
            yaml(&f.who),
            yaml(&f.when),
        ),
    );
    let doc = format!("inputs/documents/{PLAN_DOC}.yaml");
    case.edit(&doc, |t| {
        // Everything from the title to the body is replaced.
        let title_at = t.find("title: |").unwrap();
        let body_at = t.find("body: |").unwrap();
        format!(
            "{}title: {}\n\ngrounds: [{}]\n\nsignature:\n  authority: TM. Ủy ban nhân dân\n  position: {}\n  signer: chu-tich-ubnd\n\n\
             recipients: [{}, \"Lưu: VT\"]\n\n{}",
            &t[..title_at],
            yaml(&f.title),
            yaml(&f.ground),
            yaml(&f.position),
            yaml(&f.recipient),
            &t[body_at..]
        )
    });
    build_and_find(
        &case,
        PLAN_DOC,
        PLAN_PDF,
        &[
            ("objective", &f.objective),
            ("task content", &f.content),
            ("task lead", &f.lead),
            ("review content", &f.review),
            ("review who", &f.who),
            ("review when", &f.when),
            ("title", &f.title),
            ("ground", &f.ground),
            ("recipient", &f.recipient),
            ("position", &f.position),
        ],
    )
}

const RESOLUTION_DOC: &str = "nq-01-2023-nong-thon-moi-nang-cao";
const RESOLUTION_PDF: &str = "output/2023-01-12_01-NQ-DU.pdf";

#[derive(Debug, Clone)]
struct PartyFields {
    commune: String,
    issuer: String,
    superior: String,
    signer: String,
    subtitle: String,
    title: String,
    authority: String,
    position: String,
    recipient: String,
}

fn party_fields() -> impl Strategy<Value = PartyFields> {
    ((field(12), field(16), field(16), field(10), field(20)), (field(30), field(10), field(10), field(20))).prop_map(
        |((commune, issuer, superior, signer, subtitle), (title, authority, position, recipient))| PartyFields {
            commune,
            issuer,
            superior,
            signer,
            subtitle,
            title,
            authority,
            position,
            recipient,
        },
    )
}

/// The seed resolution (Party layout) with arbitrary text in the commune's
/// name, which its body prints through `{{ commune.name }}`, the issuer and
/// its superior in the header, the signer's name from `commune.yaml`, and
/// every field of the document itself.
fn check_resolution(f: &PartyFields) -> Result<(), TestCaseError> {
    let case = Case::example();
    case.edit("inputs/commune.yaml", |t| {
        t.replacen("  name: Cẩm Lĩnh ", &format!("  name: {} ", yaml(&f.commune)), 1)
            .replacen("    name: Đảng ủy xã Cẩm Lĩnh", &format!("    name: {}", yaml(&f.issuer)), 1)
            .replacen("    superior: Đảng bộ huyện Cẩm Xuyên ", &format!("    superior: {} ", yaml(&f.superior)), 1)
            .replacen("    name: Trần Xuân Hữu", &format!("    name: {}", yaml(&f.signer)), 1)
    });
    case.edit(&format!("inputs/documents/{RESOLUTION_DOC}.yaml"), |t| {
        let subtitle_at = t.find("subtitle:").unwrap();
        let body_at = t.find("body: |").unwrap();
        format!(
            "{}subtitle: {}\ntitle: {}\n\nsignature:\n  authority: {}\n  position: {}\n  signer: tran-xuan-huu\n\n\
             recipients: [{}, \"Lưu: VT\"]\n\n{}",
            &t[..subtitle_at],
            yaml(&f.subtitle),
            yaml(&f.title),
            // A Party authority must start with T/M, K/T or T/L (HD 36).
            yaml(&format!("T/M {}", f.authority)),
            yaml(&f.position),
            yaml(&f.recipient),
            &t[body_at..]
        )
    });
    build_and_find(
        &case,
        RESOLUTION_DOC,
        RESOLUTION_PDF,
        &[
            ("commune", &f.commune),
            ("issuer", &f.issuer),
            ("superior", &f.superior),
            ("signer", &f.signer),
            ("subtitle", &f.subtitle),
            ("title", &f.title),
            ("authority", &f.authority),
            ("position", &f.position),
            ("recipient", &f.recipient),
        ],
    )
}

/// Builds one document of `case` and finds every named value literally in
/// its PDF, which must not show a file from outside the workspace.
fn build_and_find(case: &Case, doc: &str, pdf: &str, values: &[(&str, &String)]) -> Result<(), TestCaseError> {
    let run = case.ntm(&["build", doc]);
    prop_assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    let text = pdf_text(&case.path(pdf));
    prop_assert!(!text.contains("root:x:0:0"), "a file outside the workspace was read");
    for (name, value) in values {
        prop_assert!(found_in(&text, value), "{} `{}` not found literally in {}:\n{}", name, value, pdf, text);
    }
    Ok(())
}

const REPORT_DOC: &str = "bc-2023-ra-soat-tieu-chi";
const SCORECARD_DOC: &str = "phieu-danh-gia-thon";

/// A seventh village with an arbitrary name (it has no workbook: missing is
/// a warning) on the report and on its own scorecard.
fn check_village_name(name: &str) -> Result<(), TestCaseError> {
    let case = Case::example();
    case.edit("inputs/commune.yaml", |t| {
        let at = t.find("villages:").unwrap();
        let line_end = at + t[at..].find('\n').unwrap() + 1;
        format!("{}  - {{ id: thon-7, name: {} }}\n{}", &t[..line_end], yaml(name), &t[line_end..])
    });
    let run = case.ntm(&["build", REPORT_DOC, SCORECARD_DOC]);
    prop_assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    let card = case.output_files().into_iter().find(|f| f.ends_with("thon-7.pdf")).ok_or_else(|| {
        TestCaseError::fail(format!("no scorecard for the seventh village: {:?}", case.output_files()))
    })?;
    let card = pdf_text(&case.path(&card));
    prop_assert!(found_in(&card, name), "`{}` not on its scorecard:\n{}", name, card);
    let report = case.output_files().into_iter().find(|f| f.contains("_15-BC-UBND")).unwrap();
    let report = pdf_text(&case.path(&report));
    prop_assert!(found_in(&report, name), "`{}` not in the report:\n{}", name, report);
    Ok(())
}

/// The survey reader's cleaning, from the outside: legacy TCVN3/VNI text
/// converted, control characters but line breaks and tabs dropped, NFC,
/// trimmed.
fn cleaned(raw: &str) -> String {
    let unicode = ntm::vi::legacy::to_unicode(raw);
    let kept: String = unicode
        .chars()
        .filter(|&c| !(c.is_control() || BIDI_FORMATTING.contains(&c)) || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    kept.nfc().collect::<String>().trim().to_string()
}

/// Arbitrary text in a household id, a head's name and a figure: each is
/// quoted in a diagnostic of `check --format json` exactly as cleaned.
fn check_cells(id: &str, name: &str, figure: &str) -> Result<(), TestCaseError> {
    let case = survey_case();
    write_xlsx(&case.path("inputs/survey/thon-1.xlsx"), |w| {
        w.write_all(form_top("Thôn 1").as_bytes())?;
        // Row 5: a figure that is not a number. Row 6: a name without id.
        // Row 7: row 5's id again.
        w.write_all(household(4, id, "Nguyễn Văn An", Cell::Text(figure)).as_bytes())?;
        w.write_all(household(5, "", name, Cell::Number(3.0)).as_bytes())?;
        w.write_all(household(6, id, "Lê Thị Bình", Cell::Number(2.0)).as_bytes())
    });
    let (run, json) = check_json(&case);
    prop_assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let messages = messages(&json);
    let (id, name, figure) = (cleaned(id), cleaned(name), cleaned(figure));
    let wanted = [
        format!("cột “Số nhân khẩu” ghi “{figure}”"),
        format!("thiếu mã hộ (chủ hộ {name})"),
        format!("mã hộ “{id}” trùng với mã hộ ở ô"),
    ];
    for w in &wanted {
        prop_assert!(
            messages.iter().any(|m| m.contains(w.as_str())),
            "no diagnostic contains {:?}: {:#?}",
            w,
            messages
        );
    }
    // Nothing a cell holds reaches the terminal as a control character.
    prop_assert!(!run.stderr.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t')), "{:?}", run.stderr);
    Ok(())
}

/// A web address far wider than the review calendar's last column wraps
/// inside its cell instead of running off the page.
#[test]
fn a_long_address_wraps_inside_its_table_cell() {
    let plain = |s: &str| s.to_string();
    let f = PlanFields {
        objective: plain("AZ"),
        content: plain("AZ"),
        lead: plain("AZ"),
        review: plain("AZ"),
        who: plain("AZ"),
        when: plain("Thứ Sáu hằng tuần tại https://camlinh.camxuyen.hatinh.gov.vn/lich-lam-viec/ban-chi-dao"),
        title: plain("AZ"),
        ground: plain("AZ"),
        recipient: plain("AZ"),
        position: plain("AZ"),
    };
    check_plan(&f).unwrap();
}

proptest! {
    // 5 + 5 + 3 + 12 cases: about 30 s with typst on the development machine.
    #![proptest_config(persisted(5, REGRESSIONS))]

    #[test]
    fn any_text_in_the_plan_and_a_state_document_comes_out_literally(f in plan_fields()) {
        check_plan(&f)?;
    }

    #[test]
    fn any_text_in_a_party_resolution_and_the_commune_comes_out_literally(f in party_fields()) {
        check_resolution(&f)?;
    }
}

proptest! {
    #![proptest_config(persisted(3, REGRESSIONS))]

    #[test]
    fn any_village_name_comes_out_literally_on_the_report_and_scorecard(name in field(24)) {
        check_village_name(&name)?;
    }
}

proptest! {
    #![proptest_config(persisted(12, REGRESSIONS))]

    #[test]
    fn any_cell_text_comes_back_literally_in_check_json(
        id in cell_field(16), name in cell_field(24), figure in cell_field(12)
    ) {
        check_cells(&id, &name, &figure)?;
    }
}

/// The classic attacks in every cell at once, and the longest cell Excel
/// allows.
#[test]
fn typst_syntax_control_characters_and_long_cells_in_a_workbook() {
    let attack = "A#read(\"/etc/passwd\") $x$ ] [ \u{1b}[2J\u{7} \u{200F}_x0041_ *b* Z";
    check_cells(attack, attack, attack).unwrap();
    let longest = format!("A{}Z", "ư".repeat(32_765));
    check_cells(&longest, "Trần Văn C", "mười").unwrap();
}

/// Control characters in a field printed by the layouts from `meta.json`
/// would reach typst, and PDF/A refuses them ("could not be displayed with
/// font"), so one stray control character in a document's YAML would stop
/// it; a right-to-left override would print the text reversed. Both are
/// dropped from every field, like those of the body.
#[test]
fn control_and_bidi_characters_in_document_fields_are_dropped() {
    let case = Case::example();
    let doc = "inputs/documents/nq-01-2023-nong-thon-moi-nang-cao.yaml";
    case.edit(doc, |t| t.replacen("subtitle: của", "subtitle: \"Ab\\u0007\\u001bcd\\u202Eef\\u202Cgh\" # của", 1));
    let run = case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]);
    run.assert_code(0);
    let text = pdf_text(&case.path("output/2023-01-12_01-NQ-DU.pdf"));
    // The line is printed in capitals, in the stored order.
    assert!(squeeze(&text).contains("ABCDEFGH"), "{text}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n' && c != '\u{c}' || BIDI_FORMATTING.contains(&c)),
        "{text:?}"
    );
}

// ---------------------------------------------------------------------------
// 3. Limits.

/// Where a hostile workbook is put: a survey round, or a week's reports,
/// which every check and build reads as well. Each case runs in both, and
/// the other folder's files (the example's rounds) must read as before.
#[derive(Clone, Copy, Debug)]
enum Folder {
    Survey,
    Weekly,
}

impl Folder {
    /// The workspace: for a survey case, the example with its survey
    /// replaced by the hostile files; for a weekly case, the whole example.
    fn case(self) -> Case {
        match self {
            Folder::Survey => survey_case(),
            Folder::Weekly => Case::example(),
        }
    }

    /// `file` inside the folder, relative to the case.
    fn file(self, file: &str) -> String {
        match self {
            Folder::Survey => format!("inputs/survey/{file}"),
            Folder::Weekly => format!("inputs/weekly/2023-W30/{file}"),
        }
    }

    /// What a workbook of the folder is called in messages.
    fn what(self) -> &'static str {
        match self {
            Folder::Survey => "phiếu khảo sát",
            Folder::Weekly => "báo cáo tuần",
        }
    }
}

/// One `#[test]` per folder for a case written once.
macro_rules! in_both_folders {
    ($name:ident) => {
        mod $name {
            #[test]
            fn in_a_survey_round() {
                super::$name(super::Folder::Survey);
            }
            #[test]
            fn in_a_week_of_reports() {
                super::$name(super::Folder::Weekly);
            }
        }
    };
}

/// Only the hostile file is refused: every other workbook of the run reads
/// as before (for a weekly case, the example's survey rounds).
#[track_caller]
fn the_rest_reads(run: &Run, folder: Folder) {
    if let Folder::Weekly = folder {
        let printed = format!("{}{}", run.stdout, run.stderr);
        assert!(printed.contains("6/6 thôn dùng được — 1.863 hộ"), "the survey still reads:\n{printed}");
    }
    let errors = run.stderr.lines().filter(|l| l.starts_with("lỗi: ")).count();
    let elsewhere = |l: &&str| !l.contains("inputs/survey/thon-") && !l.contains("inputs/weekly/2023-W30/thon-");
    let files = run.stderr.lines().filter(|l| l.starts_with("lỗi: ")).filter(elsewhere).count();
    assert!(errors > 0 && files == 0, "errors only at the hostile files:\n{}", run.stderr);
}

in_both_folders!(a_workbook_of_a_million_rows_is_refused_at_the_first_row_over);
fn a_workbook_of_a_million_rows_is_refused_at_the_first_row_over(folder: Folder) {
    let case = folder.case();
    write_xlsx(&case.path(&folder.file("thon-1.xlsx")), |w| {
        w.write_all(form_top("Thôn 1").as_bytes())?;
        for row in 4..1_000_004u32 {
            w.write_all(row_xml(row, &[(0, Cell::Number(f64::from(row))), (1, Cell::Text("HGD"))]).as_bytes())?;
        }
        Ok(())
    });
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(
        &run,
        &format!("{} (Hộ gia đình!A100001)", folder.file("thon-1.xlsx")),
        &[&format!("dòng 100.001, quá giới hạn 100.000 dòng của một {}", folder.what())],
    );
    the_rest_reads(&run, folder);
    assert_peak_under(peak, 250, "million rows");
}

in_both_folders!(a_cell_of_ten_megabytes_is_refused_at_its_cell);
fn a_cell_of_ten_megabytes_is_refused_at_its_cell(folder: Folder) {
    let case = folder.case();
    let huge = "A".repeat(10 * 1024 * 1024);
    write_xlsx(&case.path(&folder.file("thon-1.xlsx")), |w| {
        w.write_all(form_top("Thôn 1").as_bytes())?;
        w.write_all(household(4, "HGD1", "Nguyễn Văn An", Cell::Number(4.0)).as_bytes())?;
        w.write_all(household(5, "HGD2", &huge, Cell::Number(4.0)).as_bytes())
    });
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(
        &run,
        &format!("{} (Hộ gia đình!C6)", folder.file("thon-1.xlsx")),
        &["ô có 10.485.760 ký tự, quá giới hạn 32.767 ký tự một ô của Excel"],
    );
    assert!(run.stderr.len() < 20_000, "the cell's text must not be printed");
    the_rest_reads(&run, folder);
    assert_peak_under(peak, 150, "10 MB cell");
}

in_both_folders!(a_zip_bomb_named_xlsx_is_refused_before_decompression);
fn a_zip_bomb_named_xlsx_is_refused_before_decompression(folder: Folder) {
    let case = folder.case();
    let file = folder.file("thon-2.xlsx");
    // 256 MiB of blanks inside the sheet, deflated to about 250 KB.
    write_xlsx_at(&case.path(&file), 9, |w| {
        w.write_all(form_top("Thôn 2").as_bytes())?;
        let blanks = vec![b' '; 1024 * 1024];
        for _ in 0..256 {
            w.write_all(&blanks)?;
        }
        Ok(())
    });
    let size = fs::metadata(case.path(&file)).unwrap().len();
    assert!(size < 1024 * 1024, "the bomb is small on disk: {size} bytes");
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(
        &run,
        &file,
        &["không mở được bảng tính: tệp nén khi giải nén ra nặng 256 MB, quá giới hạn 160 MB"],
    );
    the_rest_reads(&run, folder);
    assert_peak_under(peak, 100, "zip bomb");
}

in_both_folders!(an_ods_whose_repeats_expand_to_a_hundred_million_cells_is_refused);
fn an_ods_whose_repeats_expand_to_a_hundred_million_cells_is_refused(folder: Folder) {
    let case = folder.case();
    let file = folder.file("thon-3.ods");
    let path = case.path(&file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut zip = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Hộ gia đình"><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="100" office:value-type="float" office:value="1"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
            .as_bytes(),
    )
    .unwrap();
    zip.finish().unwrap();
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(&run, &file, &["có khoảng 100.000.000 ô (dòng, cột lặp lại), quá giới hạn 2.000.000 ô"]);
    the_rest_reads(&run, folder);
    assert_peak_under(peak, 100, "ods repeat bomb");
}

in_both_folders!(cells_far_apart_cost_only_themselves);
/// Two cells a hundred thousand rows and sixteen thousand columns apart:
/// the spreadsheet library would allocate the rectangle between them
/// (1.6 billion cells, 52 GB: the process aborts); the sheet is kept
/// sparse, so it is just two more cells. A survey reads the household; a
/// weekly report of that shape has none of the report's labels, which is
/// one error at the file.
fn cells_far_apart_cost_only_themselves(folder: Folder) {
    let case = folder.case();
    let file = folder.file("thon-1.xlsx");
    write_xlsx(&case.path(&file), |w| {
        w.write_all(form_top("Thôn 1").as_bytes())?;
        w.write_all(household(4, "HGD1", "Nguyễn Văn An", Cell::Number(4.0)).as_bytes())?;
        w.write_all(row_xml(99_998, &[(16_383, Cell::Text("ghi chú ở rất xa"))]).as_bytes())
    });
    let (run, peak) = ntm_measured(&case, &["check", "--format", "json"], &[]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    match folder {
        Folder::Survey => {
            let village = &json["villages"][0];
            assert_eq!(village["status"], "ok", "{}", run.stderr);
            assert_eq!(village["survey"]["households"], 1);
        }
        Folder::Weekly => {
            run.assert_code(1);
            assert_eq!(json["commune"]["survey"]["households"], 1863, "the survey still reads");
            let at_file = json["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == "error")
                .map(|d| d["file"].as_str().unwrap_or_default().to_string())
                .collect::<Vec<_>>();
            assert_eq!(at_file, std::slice::from_ref(&file), "{}", run.stderr);
        }
    }
    assert_peak_under(peak, 100, "cells far apart");
}

/// The report a stray keystroke (or openpyxl) writes: a cell at A1 and one
/// at XFD1048576, 4.8 KB on disk. Read densely, the rectangle between them
/// is half a terabyte and the process aborts; here it is one error at its
/// cell, and every document is still issued.
#[test]
fn a_weekly_report_with_a_cell_at_the_last_row_and_column_is_one_error_and_everything_issues() {
    let case = Case::example();
    let file = Folder::Weekly.file("thon-1.xlsx");
    write_xlsx(&case.path(&file), |w| {
        w.write_all(row_xml(0, &[(0, Cell::Text("Thôn 1"))]).as_bytes())?;
        w.write_all(row_xml(1_048_575, &[(16_383, Cell::Number(1.0))]).as_bytes())
    });
    let (run, peak) = ntm_measured(&case, &["build"], &[]);
    run.assert_code(1);
    assert_error_line(
        &run,
        &format!("{file} (Hộ gia đình!XFD1048576)"),
        &["trang tính có dữ liệu ở dòng 1.048.576, quá giới hạn 100.000 dòng của một báo cáo tuần"],
    );
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("lỗi: ")).collect();
    assert_eq!(errors.len(), 1, "one error, at the file:\n{}", run.stderr);
    let pdfs = case.output_files().into_iter().filter(|f| f.ends_with(".pdf") && !f.contains("/build/")).count();
    let example = Case::example();
    example.ntm(&["build"]).assert_code(0);
    let expected = example.output_files().into_iter().filter(|f| f.ends_with(".pdf") && !f.contains("/build/")).count();
    assert_eq!(pdfs, expected, "every document of the example is issued:\n{}", run.stderr);
    assert_peak_under(peak, 150, "cell at XFD1048576");
}

in_both_folders!(xls_files_that_abort_or_hang_the_library_are_refused);
/// A 5 KB `.xls` whose two cells are 65,536 rows and columns apart: the
/// spreadsheet library, opening it, allocates the rectangle between them
/// (137 GB) and the process aborts; one whose directory sectors loop makes
/// it read forever; one whose chain runs past the end of the file makes it
/// allocate until it dies. All are refused before the library sees them.
fn xls_files_that_abort_or_hang_the_library_are_refused(folder: Folder) {
    let case = folder.case();
    let (one, two, three) = (folder.file("thon-1.xls"), folder.file("thon-2.xls"), folder.file("thon-3.xls"));
    fs::create_dir_all(case.path(&one).parent().unwrap()).unwrap();
    fs::write(case.path(&one), compound_file(&biff8(&[(0, 0), (65_535, 65_535)], &[]), |_| {})).unwrap();
    fs::write(case.path(&two), compound_file(&biff8(&[(0, 0)], &[]), |fat| fat[1] = 1)).unwrap();
    // Found by the fuzzer: the library allocated until the process died.
    fs::write(case.path(&three), chain_past_the_end()).unwrap();
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(
        &run,
        &one,
        &["một trang tính của tệp .xls trải trên 65.536 dòng × 65.536 cột (4.294.967.296 ô), quá giới hạn 2.000.000 ô"],
    );
    assert_error_line(&run, &two, &["tệp .xls có cấu trúc hỏng"]);
    assert_error_line(&run, &three, &["tệp .xls có cấu trúc hỏng"]);
    the_rest_reads(&run, folder);
    assert_peak_under(peak, 100, "hostile .xls");
}

#[test]
fn yaml_alias_bombs_are_refused_in_vietnamese() {
    let case = Case::example();
    // The billion laughs: nine levels of fifteen aliases.
    let mut bomb = String::from("type: nghi-quyet\ntitle: &a0 \"lol\"\nrecipients:\n");
    for level in 1..10 {
        bomb.push_str(&format!("  - &a{level} [{}]\n", vec![format!("*a{}", level - 1); 15].join(", ")));
    }
    case.write("inputs/documents/bom-lol.yaml", &bomb);
    // Flat enough for the schema: 99 copies of a 1 MB text.
    let big = "lol ".repeat(250_000);
    case.write(
        "inputs/documents/bom-chu.yaml",
        &format!("type: nghi-quyet\ntitle: &a \"{big}\"\nrecipients: [{}]\n", vec!["*a"; 99].join(", ")),
    );
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(&run, "inputs/documents/bom-lol.yaml", &[]);
    assert_error_line(
        &run,
        "inputs/documents/bom-chu.yaml",
        &[
            "ntm không đọc tệp này: tổng độ dài chữ trong tệp, tính cả các lần nhân bản qua tham chiếu `*tên`, vượt 64 MB",
        ],
    );
    assert_peak_under(peak, 200, "YAML alias bombs");
}

#[test]
fn a_yaml_file_over_eight_megabytes_is_not_read() {
    let case = Case::example();
    let mut text = String::from("type: nghi-quyet\n");
    while text.len() < 9 * 1024 * 1024 {
        text.push_str("# dòng chú thích rất dài để làm tệp nặng lên mà không có nội dung gì khác cả\n");
    }
    case.write("inputs/documents/nang.yaml", &text);
    let (run, peak) = ntm_measured(&case, &["check"], &[]);
    run.assert_code(1);
    assert_error_line(&run, "inputs/documents/nang.yaml", &["tệp nặng 9,0 MB, quá giới hạn 8,0 MB của một tệp YAML"]);
    assert_peak_under(peak, 100, "9 MB YAML");
}

#[test]
fn a_five_thousand_page_body_is_refused_before_typesetting() {
    let case = Case::example();
    let seed = case.read("inputs/documents/nq-01-2023-nong-thon-moi-nang-cao.yaml");
    let body_at = seed.find("body: |").unwrap();
    let paragraph = "Đảng bộ xã lãnh đạo, chỉ đạo xây dựng nông thôn mới nâng cao, huy động sức mạnh của cả hệ \
                     thống chính trị và nhân dân; phát triển kinh tế, nâng cao thu nhập, bảo vệ môi trường. "
        .repeat(6);
    // About 3.4 KB of Markdown a page: 5,000 pages, 17 MB (typst alone
    // would take 3.2 GB and minutes).
    case.write(
        "inputs/documents/dai.yaml",
        &format!(
            "{}body: |\n  {{% for i in range(end=5000) %}}\n  ## Mục {{{{ i }}}}\n\n  {paragraph}\n\n  {{% endfor %}}\n",
            seed[..body_at].replace("number: 1 ", "number: 9 ")
        ),
    );
    let (run, peak) = ntm_measured(&case, &["build", "dai"], &[]);
    run.assert_code(1);
    assert_error_line(&run, "inputs/documents/dai.yaml", &["quá giới hạn 1,0 MB (chừng 300 trang) của một văn bản"]);
    assert!(!case.output_files().iter().any(|f| f.ends_with(".pdf")), "{:?}", case.output_files());
    assert_peak_under(peak, 300, "5,000-page body");
}

#[test]
fn a_typst_run_past_its_time_is_stopped_with_a_message() {
    let case = Case::example();
    let run = case.ntm_env(&["build", "nq-01-2023-nong-thon-moi-nang-cao"], &[("NTM_TYPST_TIMEOUT", "0.01")]);
    run.assert_code(1);
    assert!(run.stderr.contains("typst dàn trang văn bản quá 0,01 giây nên ntm đã dừng typst"), "{}", run.stderr);
    assert!(run.stderr.contains("NTM_TYPST_TIMEOUT"), "the hint names the setting: {}", run.stderr);
    assert!(!case.output_files().iter().any(|f| f.ends_with(".pdf")), "{:?}", case.output_files());
}
