//! `ntm build` on the example workspace: the seed resolution, issued.

use std::fs;

use crate::harness::{Case, pdf_text, poppler, squeeze};

const PDF: &str = "output/2023-01-12_01-NQ-DU.pdf";
const STAGE: &str = "output/build/2023-01-12_01-NQ-DU";

/// The body paragraphs of the seed, in order, as plain text.
fn seed_paragraphs() -> Vec<String> {
    let seed = include_str!("../fixtures/seed-resolution.md");
    let start = seed.find("Thực hiện Chương trình").unwrap();
    let end = seed.find("Nơi nhận:").unwrap();
    seed[start..end]
        .lines()
        .map(|l| l.replace("**", "").replace("\\*", "*").trim_start_matches('#').trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn issues_the_seed_resolution() {
    let case = Case::example();
    // One document: with several, progress lines come in finishing order.
    let run = case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]);
    run.assert_code(0);
    insta::assert_snapshot!("build_stderr", run.stderr);

    // Only the PDF and the kept Typst sources are written; no temporary file stays.
    let files = case.output_files();
    assert!(files.contains(&PDF.to_string()), "{files:?}");
    assert!(files.iter().all(|f| !f.contains(".ntm-tmp-")), "{files:?}");
    insta::assert_snapshot!("seed_main_typ", case.read(&format!("{STAGE}/main.typ")));
    insta::assert_snapshot!("seed_meta_json", case.read(&format!("{STAGE}/meta.json")));

    let pdf = case.path(PDF);
    let text = pdf_text(&pdf);
    let flat = squeeze(&text);

    // Every paragraph of the seed, in order.
    let mut from = 0;
    for paragraph in seed_paragraphs() {
        let needle = squeeze(&paragraph);
        match flat[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => panic!("paragraph missing or out of order:\n{paragraph}\n--- PDF text:\n{text}"),
        }
    }

    // Header, title, signature block and every recipient.
    for line in [
        "ĐẢNG BỘ HUYỆN CẨM XUYÊN",
        "ĐẢNG ỦY XÃ CẨM LĨNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 01-NQ/ĐU",
        "Cẩm Lĩnh, ngày 12 tháng 01 năm 2023",
        "NGHỊ QUYẾT",
        "CỦA BAN CHẤP HÀNH ĐẢNG BỘ XÃ",
        "về tăng cường lãnh đạo, chỉ đạo xây dựng xã Cẩm Lĩnh",
        "đạt chuẩn nông thôn mới nâng cao năm 2023",
        "T/M BAN CHẤP HÀNH",
        "BÍ THƯ",
        "Trần Xuân Hữu",
        "Nơi nhận:",
        "- Thường trực Huyện ủy (để B/C);",
        "- Tổ công tác của BTV huyện ủy chỉ đạo xã;",
        "- Thường trực Đảng ủy – HĐND xã;",
        "- Lãnh đạo UBND xã;",
        "- Chủ tịch UBMTTQ và các tổ chức đoàn thể xã;",
        "- Đài truyền thanh, Trang TTDT xã;",
        "- Chi ủy – BCH các thôn;",
        "- Lưu DU.",
    ] {
        assert!(flat.contains(&squeeze(line)), "missing `{line}` in:\n{text}");
    }
}

#[test]
fn the_pdf_is_a4_with_only_the_embedded_serif() {
    let case = Case::example();
    case.ntm(&["build"]).assert_code(0);
    let pdf = case.path(PDF);
    let pdf = pdf.to_str().unwrap();

    let info = poppler("pdfinfo", &[pdf]);
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    assert!(size.contains("595.276 x 841.89"), "{size}");
    assert!(info.contains("Title:") && info.contains("Nghị quyết số 01-NQ/ĐU"), "{info}");

    let fonts = poppler("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).filter(|l| !l.trim().is_empty()).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("LiberationSerif"), "unexpected font: {row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

#[test]
fn page_one_keeps_the_left_margin() {
    let case = Case::example();
    case.ntm(&["build"]).assert_code(0);
    let html = poppler("pdftotext", &["-f", "1", "-l", "1", "-bbox", case.path(PDF).to_str().unwrap(), "-"]);
    let mut words = 0;
    for part in html.split("<word ").skip(1) {
        let x = part.split("xMin=\"").nth(1).unwrap().split('"').next().unwrap();
        let x: f64 = x.parse().unwrap();
        // 30 mm = 85.04 pt.
        assert!(x >= 85.0, "a word starts {x} pt from the left edge: {}", &part[..part.len().min(120)]);
        words += 1;
    }
    assert!(words > 100, "page 1 has only {words} words");
}

/// Two builds into two new output folders each typeset every document (a
/// second build into the same folder would keep the issued PDFs and run no
/// typst), and every PDF comes out byte for byte the same.
#[test]
fn the_same_inputs_give_the_same_bytes() {
    let case = Case::example();
    let pdfs = |dir: &str| -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(case.path(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
            .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()))
            .collect();
        files.sort();
        files
    };
    for output in ["output", "again"] {
        let run = case.ntm(&["build", "--output", output]);
        run.assert_code(0);
        assert!(run.stderr.contains("Dàn trang 14 văn bản…"), "{output}: typst ran for each document\n{}", run.stderr);
        assert!(run.stderr.contains("Tổng kết: 14 văn bản đã ghi, 0 không thay đổi"), "{}", run.stderr);
    }
    let (first, second) = (pdfs("output"), pdfs("again"));
    assert_eq!(first.len(), 14);
    assert_eq!(first.iter().map(|f| &f.0).collect::<Vec<_>>(), second.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{name} differs between the two builds");
    }
}

#[test]
fn check_writes_nothing() {
    let case = Case::example();
    let run = case.ntm(&["check"]);
    run.assert_code(0);
    assert!(!case.output().exists(), "check created {:?}", case.output_files());
    assert!(run.stderr.contains("✓ nq-01-2023-nong-thon-moi-nang-cao — Nghị quyết số 01-NQ/ĐU"), "{}", run.stderr);
}

#[test]
fn builds_only_the_documents_named() {
    let case = Case::example();
    let doc = case.read("inputs/documents/nq-01-2023-nong-thon-moi-nang-cao.yaml");
    case.write("inputs/documents/nq-02.yaml", &doc.replace("number: 1 ", "number: 2 "));
    let run = case.ntm(&["build", "nq-02"]);
    run.assert_code(0);
    let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect();
    assert_eq!(pdfs, ["output/2023-01-12_02-NQ-DU.pdf"]);
}

/// A State document of the People's Committee: the NĐ 30 layout.
#[test]
fn issues_a_state_plan() {
    let case = Case::example();
    case.write(
        "inputs/documents/kh-05-2024.yaml",
        "type: ke-hoach\nissuer: ubnd\nnumber: 5\ndate: 2024-03-05\n\
         title: Về triển khai xây dựng khu dân cư nông thôn mới kiểu mẫu năm 2024\n\
         grounds:\n  - Căn cứ Luật Tổ chức chính quyền địa phương\n  - Căn cứ Nghị quyết số 01-NQ/ĐU của Đảng ủy xã\n\
         signature: { authority: TM. Ủy ban nhân dân, position: Chủ tịch, signer: chu-tich-ubnd }\n\
         recipients: [Thường trực Đảng ủy, Các thôn, 'Lưu: VT, VP']\n\
         body: |\n  Ủy ban nhân dân xã {{ commune.name }} ban hành kế hoạch với các nội dung sau:\n\n  \
         ## I. MỤC ĐÍCH, YÊU CẦU\n\n  | Thôn | Phụ trách |\n  |---|---|\n  \
         {% for m in commune.steering_committee.members %}{% for v in m.villages %}| {{ v }} | {{ m.name }} |\n  {% endfor %}{% endfor %}\n",
    );
    let run = case.ntm(&["build", "kh-05-2024"]);
    run.assert_code(0);
    let text = squeeze(&pdf_text(&case.path("output/2024-03-05_05-KH-UBND.pdf")));
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "XÃ CẨM LĨNH",
        "Số: 05/KH-UBND",
        "Cẩm Lĩnh, ngày 05 tháng 3 năm 2024",
        "KẾ HOẠCH",
        "Về triển khai xây dựng khu dân cư nông thôn mới kiểu mẫu năm 2024",
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Căn cứ Nghị quyết số 01-NQ/ĐU của Đảng ủy xã.",
        "Ủy ban nhân dân xã Cẩm Lĩnh ban hành kế hoạch",
        "Thôn 6",
        "Lê Văn Cường",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "- Các thôn;",
        "- Lưu: VT, VP.",
    ] {
        assert!(text.contains(&squeeze(line)), "missing `{line}` in:\n{text}");
    }
    assert!(!text.contains("ĐẢNGCỘNGSẢN"), "a State document carries no Party header");
}
