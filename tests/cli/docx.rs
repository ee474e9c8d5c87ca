//! The `.docx` beside the PDF (issue 16), opened in a real office suite:
//! LibreOffice converts each one to PDF, and what it prints is compared
//! with what typst printed.
//!
//! LibreOffice runs headless with a profile of its own in the test's
//! folder (two runs sharing a profile would wait on each other's lock),
//! and converts all the files of a test in one call.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{Case, pdf_text, poppler, squeeze, unzip};

/// Converts `docx` files to PDF into `out` with LibreOffice; returns the
/// PDFs in the same order.
fn libreoffice(case: &Case, docx: &[PathBuf], out: &Path) -> Vec<PathBuf> {
    let profile = format!("file://{}", case.path("lo-profile").display());
    let output = Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .args(docx)
        .output()
        .unwrap_or_else(|e| {
            panic!("`soffice` is needed by these tests (package libreoffice-writer; `make test` installs it): {e}")
        });
    assert!(output.status.success(), "soffice: {}", String::from_utf8_lossy(&output.stderr));
    docx.iter()
        .map(|d| {
            let pdf = out.join(d.with_extension("pdf").file_name().unwrap());
            assert!(
                pdf.exists(),
                "LibreOffice did not convert {}: {}",
                d.display(),
                String::from_utf8_lossy(&output.stderr)
            );
            pdf
        })
        .collect()
}

fn docx_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "docx"))
        .collect();
    files.sort();
    files
}

fn data_of(case: &Case, stem: &str, file: &str) -> Value {
    let text = fs::read_to_string(case.output().join("build").join(stem).join(file)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// What only the layout of one side prints, and so is taken out of both
/// texts before they are compared: the table header rows (each side
/// repeats them on its own pages, and typst draws a spanning header cell
/// first), the merged criterion cells (drawn before or after their first
/// row), typst's "(tiếp)" labels where a criterion crosses a page, and the
/// text drawn inside a chart, which the `.docx` holds as a picture.
struct LayoutOnly {
    /// Phrases that must occur on both sides, as often.
    both: Vec<String>,
    /// Table header rows, any of the spellings, at least once on each side.
    headers: Vec<Vec<String>>,
    /// Phrases only typst prints.
    typst_only: Vec<String>,
}

fn layout_only(case: &Case, stem: &str) -> LayoutOnly {
    let data = data_of(case, stem, "data.json");
    let mut both = Vec::new();
    let mut typst_only = Vec::new();
    for c in data["evaluation"]["criteria"].as_array().into_iter().flatten() {
        let (number, name, status) = (s(&c["number"]), s(&c["name"]), s(&c["status"]));
        both.push(squeeze(&format!("{number} {name} ({status})")));
        typst_only.push(squeeze(&format!("{number} {name} (tiếp)")));
        typst_only.push(squeeze(&format!("{number} (tiếp)")));
    }
    let villages = data["evaluation"]["villages"].as_array().cloned().unwrap_or_default();
    let mut chart: String =
        villages.iter().map(|v| format!("{}{}/{}", s(&v["name"]), s(&v["met_count"]), s(&v["total"]))).collect();
    chart.push_str("Chỉ tiêu đạtChỉ tiêu chưa đạtSố chỉ tiêu đạt theo từng thôn (chỉ tiêu tính từ phiếu khảo sát)");
    typst_only.push(squeeze(&chart));
    let unit = s(&data["plan"]["budget_unit"]);
    let plan_cells = "TT|Nội dung nhiệm vụ|Tiêu chí|Đơn vị chủ trì|Người phụ trách|Thời hạn";
    let headers = [
        vec!["TT Tiêu chí Nội dung chỉ tiêu Ngưỡng Kết quả Đánh giá".to_string()],
        vec!["STT Chỉ tiêu Ngưỡng Kết quả Đánh giá Còn thiếu".to_string()],
        vec![
            format!("{} Kinh phí ({unit}) NSNN Nhân dân Khác Tổng", plan_cells.replace('|', " ")),
            format!("Kinh phí ({unit}) {} NSNN Nhân dân Khác Tổng", plan_cells.replace('|', " ")),
        ],
        vec!["STT Thành viên Chức vụ Nhiệm vụ trong Ban Chỉ đạo Tiêu chí phụ trách Thôn phụ trách".to_string()],
        vec!["STT Hình thức Nội dung Thành phần Thời gian".to_string()],
    ];
    let headers = headers.into_iter().map(|h| h.iter().map(|x| squeeze(x)).collect()).collect();
    LayoutOnly { both, headers, typst_only }
}

fn count(text: &str, phrase: &str) -> usize {
    if phrase.is_empty() { 0 } else { text.matches(phrase).count() }
}

/// The two texts, white space and layout-only phrases taken out; panics
/// where a phrase both sides print is not printed as often by each.
fn comparable(typst: &str, office: &str, layout: &LayoutOnly, name: &str) -> (String, String) {
    let (mut a, mut b) = (squeeze(typst), squeeze(office));
    // Longest first: "15 Hành chính công (Đạt)" before "1 … ".
    let mut both = layout.both.clone();
    both.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for phrase in &both {
        assert_eq!(count(&a, phrase), count(&b, phrase), "{name}: `{phrase}` printed unequally often");
        a = a.replace(phrase.as_str(), "");
        b = b.replace(phrase.as_str(), "");
    }
    for spellings in &layout.headers {
        let (in_a, in_b) = (spellings.iter().any(|h| a.contains(h)), spellings.iter().any(|h| b.contains(h)));
        assert_eq!(in_a, in_b, "{name}: the header row `{}` is printed by one side only", spellings[0]);
        for h in spellings {
            a = a.replace(h.as_str(), "");
            b = b.replace(h.as_str(), "");
        }
    }
    let mut typst_only = layout.typst_only.clone();
    typst_only.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for phrase in &typst_only {
        a = a.replace(phrase.as_str(), "");
    }
    (a, b)
}

/// Where two texts part, with some context, for the failure message.
fn first_difference(a: &str, b: &str) -> String {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let around = |t: &[char]| t[at.saturating_sub(60)..(at + 60).min(t.len())].iter().collect::<String>();
    format!("at character {at}:\n  typst:       …{}…\n  LibreOffice: …{}…", around(&a), around(&b))
}

/// Words of a PDF with their left and right edges, in points.
fn word_edges(pdf: &Path) -> Vec<(f64, f64)> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |part: &str, name: &str| -> f64 {
        part.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
    };
    html.split("<word ").skip(1).map(|part| (attr(part, "xMin"), attr(part, "xMax"))).collect()
}

const PT_PER_MM: f64 = 72.0 / 25.4;

/// The PNG pages of both renderings, for a person to look at: in the test
/// output folder (`target/tmp/docx-pages/`).
fn keep_pages(typst: &Path, office: &Path, name: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-pages");
    fs::create_dir_all(&dir).unwrap();
    for (pdf, side) in [(typst, "typst"), (office, "libreoffice")] {
        let prefix = dir.join(format!("{name}-{side}"));
        // Pages of an earlier, longer run would be taken for this one's.
        for old in fs::read_dir(&dir).unwrap().flatten() {
            if old.file_name().to_string_lossy().starts_with(&format!("{name}-{side}-")) {
                fs::remove_file(old.path()).unwrap();
            }
        }
        poppler("pdftoppm", &["-r", "60", "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
    }
}

#[test]
fn every_example_docx_reads_in_libreoffice_as_its_pdf() {
    let case = Case::example();
    let run = case.ntm(&["build", "--docx"]);
    run.assert_code(0);
    assert!(run.stderr.contains("bản Word để góp ý"), "{}", run.stderr);
    let docx = docx_files(&case.output());
    let pdfs = case.output_files().into_iter().filter(|f| f.ends_with(".pdf") && !f.contains("/build/")).count();
    assert_eq!(docx.len(), pdfs, "one .docx per document: {docx:?}");
    let lo = case.path("lo");
    let converted = libreoffice(&case, &docx, &lo);

    for (docx, office) in docx.iter().zip(&converted) {
        let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
        let typst = case.output().join(format!("{stem}.pdf"));
        let meta = data_of(&case, &stem, "meta.json");

        // A4, and the text within the family's margins: some line of the
        // body starts at the left margin, none before it or past the right.
        let info = poppler("pdfinfo", &[office.to_str().unwrap()]);
        assert!(info.contains("Page size:       595.3") && info.contains("(A4)"), "{stem}: {info}");
        let margins = &meta["settings"]["margins"];
        let left = margins["left"].as_f64().unwrap() * PT_PER_MM;
        let right = (210.0 - margins["right"].as_f64().unwrap()) * PT_PER_MM;
        let edges = word_edges(office);
        let min = edges.iter().map(|e| e.0).fold(f64::MAX, f64::min);
        let max = edges.iter().map(|e| e.1).fold(0.0, f64::max);
        assert!(
            min >= left - 1.0 && min <= left + 2.0,
            "{stem}: text starts {min} pt from the left edge, margin {left}"
        );
        assert!(
            max <= right + 1.0 && max >= right - 6.0,
            "{stem}: text ends {max} pt from the left edge, margin at {right}"
        );

        // The same text, in the same order.
        let layout = layout_only(&case, &stem);
        let (a, b) = comparable(&pdf_text(&typst), &pdf_text(office), &layout, &stem);
        assert!(
            a == b,
            "{stem}: LibreOffice prints the .docx otherwise than typst prints the PDF, {}",
            first_difference(&a, &b)
        );

        let name = match &stem {
            s if s.contains("NQ") => "nghi-quyet",
            s if s.contains("KH") => "ke-hoach",
            s if s.contains("BC") => "bao-cao",
            s if s.contains("QD") => "quyet-dinh",
            s if s.contains("UBND-VP") => "cong-van",
            s if s.contains("BB") => "bien-ban",
            _ => continue,
        };
        keep_pages(&typst, office, name);
    }
}

#[test]
fn the_header_has_no_borders_and_the_criteria_table_keeps_its_merged_cells() {
    let case = Case::example();
    case.ntm(&["build", "bc-2023-ra-soat-tieu-chi", "--docx"]).assert_code(0);
    let docx = case.output().join("2023-11-20_15-BC-UBND.docx");
    let xml = unzip(&docx, "word/document.xml");
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).map(|t| t.split("</w:tbl>").next().unwrap()).collect();

    // The header: every table border none, no cell borders of its own.
    let header = tables[0];
    assert!(header.contains("QUỐC") || header.contains("CỘNG HÒA"), "the first table is the header");
    let borders = header.split("<w:tblBorders>").nth(1).unwrap().split("</w:tblBorders>").next().unwrap();
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let border =
            borders.split(&format!("<w:{side} ")).nth(1).unwrap_or_else(|| panic!("no {side} border: {borders}"));
        assert!(border.starts_with(r#"w:val="none""#), "header {side} border is visible: {border}");
    }
    assert!(!header.contains("<w:tcBorders>"), "a header cell draws its own border");
    // So is the end block.
    let end = tables.iter().find(|t| t.contains("Nơi nhận:")).unwrap();
    assert!(!end.contains(r#"w:val="single""#), "the end block has a visible border");

    // The criteria table: its header row repeats on each page, and each
    // criterion's number and name are one cell merged down its indicators.
    let criteria = tables.iter().find(|t| t.contains("Nội dung chỉ tiêu")).unwrap();
    let first_row = criteria.split("<w:tr>").nth(1).unwrap();
    assert!(
        first_row.contains("<w:tblHeader />"),
        "the header row does not repeat: {}",
        &first_row[..300.min(first_row.len())]
    );
    assert_eq!(criteria.matches("<w:tblHeader />").count(), 1);
    let data = data_of(&case, "2023-11-20_15-BC-UBND", "data.json");
    let crits = data["evaluation"]["criteria"].as_array().unwrap();
    let rows: usize = crits.iter().map(|c| c["indicators"].as_array().unwrap().len().max(1)).sum();
    assert_eq!(criteria.matches(r#"<w:vMerge w:val="restart" />"#).count(), 2 * crits.len());
    assert_eq!(criteria.matches(r#"<w:vMerge w:val="continue" />"#).count(), 2 * (rows - crits.len()));
    // The merged cell holds the criterion's name once, in its first row.
    let body_rows: Vec<&str> = criteria.split("<w:tr>").skip(2).collect();
    assert!(body_rows[0].contains(r#"<w:vMerge w:val="restart" />"#) && body_rows[0].contains("Quy hoạch"));
    assert!(body_rows[1].contains(r#"<w:vMerge w:val="continue" />"#) && !body_rows[1].contains("Quy hoạch<"));
    // The chart is a picture.
    assert!(unzip(&docx, "word/_rels/document.xml.rels").contains("media/"), "no picture for the chart");
}

#[test]
fn a_draft_docx_is_the_same_bytes_twice_and_an_issued_one_is_never_rewritten() {
    let case = Case::example();
    // A draft whose title and recipient carry XML and Word markup.
    let hostile = r#"</w:t><w:b/> & "ba" <x> ]]>"#;
    case.edit("inputs/documents/kh-12-2023-xay-dung-ntm-nang-cao.yaml", |t| {
        t.replace("number: 12\n", "status: draft\n")
            .replace("  Xây dựng xã Cẩm Lĩnh đạt chuẩn", &format!("  Xây dựng {hostile} xã Cẩm Lĩnh đạt chuẩn"))
            .replace("  - Các thôn\n", &format!("  - Các thôn {hostile}\n"))
    });
    let draft = case.output().join("2023-01-20_kh-12-2023-xay-dung-ntm-nang-cao_du-thao.docx");
    case.ntm(&["build", "kh-12-2023-xay-dung-ntm-nang-cao"]).assert_code(0);
    let first = fs::read(&draft).expect("a draft is always written as .docx");
    case.ntm(&["build", "kh-12-2023-xay-dung-ntm-nang-cao"]).assert_code(0);
    assert!(fs::read(&draft).unwrap() == first, "the draft's .docx changed between two builds");
    // The user's text is text: escaped in the XML, printed as typed.
    let core = unzip(&draft, "docProps/core.xml");
    assert!(core.contains("&lt;/w:t&gt;&lt;w:b/&gt; &amp; &quot;ba&quot; &lt;x&gt; ]]&gt;"), "{core}");
    assert!(core.contains("<dc:creator>Ủy ban nhân dân xã Cẩm Lĩnh</dc:creator>"), "{core}");
    assert!(core.contains("2023-01-20T00:00:00Z"), "{core}");
    let pdf = libreoffice(&case, std::slice::from_ref(&draft), &case.path("lo")).remove(0);
    let text = squeeze(&pdf_text(&pdf));
    assert_eq!(text.matches(&squeeze(hostile)).count(), 2, "{text}");
    assert!(text.contains("DỰTHẢO"), "the draft is not marked: {text}");

    // An issued document: a .docx only when asked for, then kept as it is.
    let issued = case.output().join("2023-01-12_01-NQ-DU.docx");
    case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]).assert_code(0);
    assert!(!issued.exists(), "an issued document got a .docx nobody asked for");
    case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao", "--docx"]).assert_code(0);
    assert!(issued.exists(), "an unchanged issued document's missing .docx is written when asked for");
    let bytes = fs::read(&issued).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    fs::File::options().write(true).open(&issued).unwrap().set_modified(old).unwrap();
    let run = case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao", "--docx"]);
    run.assert_code(0);
    assert!(run.stderr.contains("Không thay đổi"), "{}", run.stderr);
    assert_eq!(fs::metadata(&issued).unwrap().modified().unwrap(), old, "the issued .docx was rewritten");
    assert!(fs::read(&issued).unwrap() == bytes);
}

/// The `<w:tbl>` elements of a `document.xml`, outermost, in order.
fn tables(xml: &str) -> Vec<&str> {
    xml.split("<w:tbl>").skip(1).map(|t| t.split("</w:tbl>").next().unwrap()).collect()
}

/// The lines of each page of a PDF, white space taken out, empty ones left out.
fn pages(pdf: &Path) -> Vec<Vec<String>> {
    let text = poppler("pdftotext", &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    let page = |p: &str| p.lines().map(squeeze).filter(|l| !l.is_empty()).collect::<Vec<_>>();
    text.split('\u{c}').map(page).filter(|p| !p.is_empty()).collect()
}

#[test]
fn the_minutes_sign_side_by_side_and_an_attached_regulation_starts_a_page_of_its_own() {
    let case = Case::example();
    let names = ["bb-2023-so-ket-quy-3", "qd-05-2023-ban-chi-dao", "cv-2023-phieu-khao-sat"];
    case.ntm(&[&["build", "--docx"], &names[..]].concat()).assert_code(0);
    let stem_of = |prefix: &str| {
        let docx = docx_files(&case.output());
        let found = docx.into_iter().find(|d| d.to_string_lossy().contains(prefix));
        found.unwrap_or_else(|| panic!("no .docx for {prefix}")).file_stem().unwrap().to_string_lossy().into_owned()
    };

    // Biên bản: the secretary's block (with the Nơi nhận under it) and the
    // chair's are the two cells of one row, equally wide.
    let minutes = stem_of("-BB-");
    let meta = data_of(&case, &minutes, "meta.json");
    let xml = unzip(&case.output().join(format!("{minutes}.docx")), "word/document.xml");
    let secretary = s(&meta["secretary"]["position"]);
    let end = tables(&xml).into_iter().find(|t| t.contains(&secretary)).expect("no table holds the secretary");
    let rows: Vec<&str> = end.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 1, "the two signatures are not on one row");
    let cells: Vec<&str> = rows[0].split("<w:tc>").skip(1).collect();
    assert_eq!(cells.len(), 2, "{}", rows[0]);
    let (left, right) = (cells[0], cells[1]);
    for text in [secretary.clone(), s(&meta["secretary"]["signer"]), "Nơi nhận:".to_string()] {
        assert!(left.contains(&text), "the left cell lacks {text}: {left}");
    }
    assert!(left.find(&secretary) < left.find("Nơi nhận:"), "the Nơi nhận is not under the secretary's block");
    for text in [s(&meta["signature"]["authority"]), s(&meta["signature"]["signer"])] {
        assert!(right.contains(&text) && !left.contains(&format!(">{text}<")), "{text} is not in the right cell");
    }
    let grid: Vec<&str> = end.split("<w:gridCol w:w=\"").skip(1).map(|g| g.split('"').next().unwrap()).collect();
    assert!(grid.len() == 2 && grid[0] == grid[1], "the two columns differ: {grid:?}");

    // Công văn: the urgency mark in a box (a border on all four sides).
    let letter = stem_of("UBND-VP");
    let xml = unzip(&case.output().join(format!("{letter}.docx")), "word/document.xml");
    let urgency = s(&data_of(&case, &letter, "meta.json")["urgency"]["words"]);
    let mark = xml.split("<w:p ").find(|p| p.contains(&format!(">{urgency}<"))).expect("no urgency mark");
    for side in ["top", "left", "bottom", "right"] {
        assert!(mark.contains(&format!("<w:{side} w:val=\"single\"")), "the mark has no {side} border: {mark}");
    }

    // Quyết định with its regulation: the decision's section ends after
    // its end block; the regulation's section (described by the sectPr
    // after it) opens with the header, starts on a new page (no `w:type`:
    // Word's default, a new page) and numbers its pages from 1. Both
    // refer to the page headers and have their first page unnumbered.
    let decision = stem_of("-QD-");
    let meta = data_of(&case, &decision, "meta.json");
    let docx = case.output().join(format!("{decision}.docx"));
    let xml = unzip(&docx, "word/document.xml");
    let sections: Vec<&str> = xml.split("<w:sectPr>").collect();
    assert_eq!(sections.len(), 3, "a section for the decision and one for the regulation");
    let reference = s(&meta["attachments"][0]["reference"]);
    assert!(sections[0].contains("Nơi nhận:") && !sections[0].contains(&reference), "the break is not after the end");
    let (first, attached) = sections[1].split_once("</w:sectPr>").unwrap();
    let opening = attached.split("<w:tbl>").nth(1).expect("the regulation has no header");
    assert!(opening.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "the regulation does not open with the header");
    assert!(attached.find("CỘNG HÒA") < attached.find(&reference));
    let last = sections[2];
    assert!(!last.contains("<w:type ") || last.contains(r#"<w:type w:val="nextPage""#), "{last}");
    assert!(last.contains(r#"<w:pgNumType w:start="1" />"#), "the regulation's pages are not numbered from 1");
    for section in [first, last] {
        assert!(section.contains("<w:titlePg />") && section.contains("rIdHeader"), "{section}");
    }

    // LibreOffice prints it so: the page with the regulation's reference
    // line opens with the issuing body, no page number; the next is "2".
    let pdf = libreoffice(&case, std::slice::from_ref(&docx), &case.path("lo")).remove(0);
    let printed = pages(&pdf);
    let holds = |page: &Vec<String>| page.concat().contains(&squeeze(&reference));
    let at = printed.iter().position(holds).expect("no page with the reference line");
    assert!(at > 0, "the regulation shares the decision's first page");
    let issuer = squeeze(s(&meta["header"]["issuer"]).lines().next().unwrap());
    assert!(printed[at][0].starts_with(&issuer), "the regulation's page opens otherwise: {:?}", printed[at]);
    if let Some(next) = printed.get(at + 1) {
        assert_eq!(next[0], "2", "the regulation's second page is not numbered 2: {next:?}");
    }
}
