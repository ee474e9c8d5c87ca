//! Every kind of document a commune office issues, read back from its PDF
//! with `pdftotext -bbox`: the order of the lines, what is centred, what
//! stands beside what (issue 11).

use std::path::Path;

use crate::harness::{Case, pdf_text, poppler, squeeze};

/// One printed line: words drawn one after the other on one baseline.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    text: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

impl Line {
    fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// A4 with margins 30 mm left and 15 mm right: the text block's centre.
const CENTRE: f64 = (85.04 + 595.28 - 42.52) / 2.0;
const MM2: f64 = 5.67;

fn attr(part: &str, name: &str) -> f64 {
    part.split(&format!("{name}=\"")).nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
}

/// The lines of every page, in the order they were drawn: a word joins the
/// line before it when it stands on the same baseline just after it.
fn lines(pdf: &Path) -> Vec<Line> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out: Vec<Line> = Vec::new();
    for (page, text) in html.split("<page ").skip(1).enumerate() {
        for part in text.split("<word ").skip(1) {
            let word = part.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            let (x0, y0, x1, y1) = (attr(part, "xMin"), attr(part, "yMin"), attr(part, "xMax"), attr(part, "yMax"));
            match out.last_mut() {
                Some(l) if l.page == page + 1 && (l.y1 - y1).abs() < 1.5 && x0 > l.x1 - 1.0 && x0 - l.x1 < 12.0 => {
                    l.text.push(' ');
                    l.text.push_str(&word);
                    l.x1 = x1;
                    l.y0 = l.y0.min(y0);
                }
                _ => out.push(Line { page: page + 1, text: word, x0, x1, y0, y1 }),
            }
        }
    }
    out
}

/// The first line that starts with `start`, after line `from`.
#[track_caller]
fn find(lines: &[Line], start: &str, from: usize) -> (usize, Line) {
    let unescaped = |s: &str| s.replace("&amp;", "&");
    lines
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, l)| unescaped(&l.text).starts_with(start))
        .map(|(i, l)| (i, l.clone()))
        .unwrap_or_else(|| panic!("no line starts with `{start}` after line {from}:\n{lines:#?}"))
}

/// Each of `starts` found in this order; returns their lines.
#[track_caller]
fn in_order(lines: &[Line], starts: &[&str]) -> Vec<Line> {
    let mut at = 0;
    starts
        .iter()
        .map(|s| {
            let (i, l) = find(lines, s, at);
            at = i + 1;
            l
        })
        .collect()
}

#[track_caller]
fn centred(line: &Line) {
    assert!(
        (line.centre() - CENTRE).abs() < MM2,
        "`{}` is not centred: {:.1} pt off",
        line.text,
        line.centre() - CENTRE
    );
}

fn built(case: &Case, pdf: &str) -> Vec<Line> {
    lines(&case.path(&format!("output/{pdf}")))
}

const QD: &str = "2023-01-16_05-QD-UBND.pdf";
const CV: &str = "2023-02-20_08-UBND-VP.pdf";
const TT: &str = "2023-10-02_17-TTr-UBND.pdf";
const BB: &str = "2023-09-29_03-BB-UBND.pdf";
const GM: &str = "2023-09-25_41-GM-UBND.pdf";

/// One build of the example workspace serves the tests of its documents.
fn example() -> Case {
    let case = Case::example();
    case.ntm(&["build"]).assert_code(0);
    case
}

#[test]
fn the_example_documents_of_each_kind_read_back_in_their_official_form() {
    let case = example();

    // Quyết định: header, title, authority line, căn cứ, "QUYẾT ĐỊNH:", Điều 1.
    let qd = built(&case, QD);
    let order = in_order(
        &qd,
        &[
            "ỦY BAN NHÂN DÂN",
            "Số: 05/QĐ-UBND",
            "QUYẾT ĐỊNH",
            "Về việc kiện toàn",
            "ỦY BAN NHÂN DÂN XÃ CẨM LĨNH",
            "Căn cứ Luật Tổ chức",
            "Xét đề nghị",
            "QUYẾT ĐỊNH:",
            "Điều 1.",
            "Điều 3.",
            "Nơi nhận:",
            "- Như Điều 3;",
        ],
    );
    for l in [&order[2], &order[3], &order[4], &order[7]] {
        centred(l);
    }
    // From the type name to Điều 1 each line stands below the one before.
    assert!(order[2..9].windows(2).all(|w| w[0].y1 < w[1].y0), "{order:#?}");

    // The regulation attached: a new page, no number, no date, its type
    // name, title and the computed reference line; chapters centred.
    let (at, quy_che) = find(&qd, "QUY CHẾ", 0);
    assert!(quy_che.page > order[10].page, "the regulation starts on the decision's last page");
    let first = qd.iter().position(|l| l.page == quy_che.page).unwrap();
    let header: Vec<&Line> = qd[first..at].iter().collect();
    assert!(header.iter().any(|l| l.text.starts_with("ỦY BAN NHÂN DÂN")), "{header:#?}");
    assert!(!header.iter().any(|l| l.text.starts_with("Số") || l.text.contains("ngày")), "{header:#?}");
    let text = squeeze(&pdf_text(&case.path(&format!("output/{QD}"))));
    assert!(
        text.contains(&squeeze(
            "(Ban hành kèm theo Quyết định số 05/QĐ-UBND ngày 16 tháng 01 năm 2023 của Ủy ban nhân dân xã Cẩm Lĩnh)"
        )),
        "no reference line"
    );
    let chapter = in_order(&qd[at..], &["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "Chương II"]);
    centred(&chapter[0]);
    centred(&chapter[1]);
    assert!(chapter[2].x0 > 85.04 + 20.0, "Điều is indented");
    // Its own page numbers: none on its first page.
    let page_one = qd.iter().filter(|l| l.page == quy_che.page).map(|l| l.text.clone()).collect::<Vec<_>>();
    assert!(!page_one.iter().any(|t| t.chars().all(|c| c.is_ascii_digit())), "{page_one:?}");
    // Registered once, as the decision; the regulation has no PDF of its own.
    let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect();
    assert!(!pdfs.iter().any(|f| f.contains("qc-") || f.contains("QC")), "{pdfs:?}");
    let list = case.ntm(&["archive", "list"]);
    let list = format!("{}{}", list.stdout, list.stderr);
    assert!(list.contains("05/QĐ-UBND") && !list.contains("Quy chế"), "{list}");

    // Công văn: "V/v" under the number in the left column, the urgency
    // mark under it; Kính gửi with three addressees; "Như trên" first.
    let cv = built(&case, CV);
    let (_, number) = find(&cv, "Số: 08/UBND-VP", 0);
    let (_, vv) = find(&cv, "V/v Khảo sát", 0);
    assert!(vv.y0 > number.y1 && vv.x1 < CENTRE, "V/v not under the number in the left column: {vv:?}");
    assert!((vv.centre() - number.centre()).abs() < MM2, "V/v not centred under the number");
    let (_, khan) = find(&cv, "KHẨN", 0);
    assert!(khan.y0 > vv.y1 && (khan.centre() - number.centre()).abs() < MM2, "{khan:?}");
    assert!(!cv.iter().any(|l| l.text.starts_with("CÔNG VĂN")), "a công văn prints no type name");
    let kg = in_order(
        &cv,
        &[
            "Kính gửi:",
            "- Các thành viên Ban Chỉ đạo xây dựng nông thôn mới xã;",
            "- Cán bộ chuyên trách nông thôn mới.",
            "Để có số liệu",
        ],
    );
    assert!(kg[0].text.ends_with("- Trưởng các thôn;"), "first addressee on the label's line: {}", kg[0].text);
    let dash = kg[0].text.find("- ").unwrap();
    assert!(dash > 0);
    assert!((kg[1].x0 - kg[2].x0).abs() < 0.5, "addressees aligned");
    assert!(kg[1].x0 > kg[0].x0 + 20.0, "addressees under the first one, not the label");
    in_order(&cv, &["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]);

    // Tờ trình: one addressee on the label's line, under the title.
    let tt = built(&case, TT);
    let order = in_order(
        &tt,
        &["TỜ TRÌNH", "Về việc bổ sung", "Kính gửi: Ban Thường vụ Đảng ủy xã Cẩm Lĩnh", "Thực hiện Nghị quyết"],
    );
    centred(&order[2]);
    assert!(!order[2].text.ends_with('.') && !order[2].text.ends_with(';'), "{}", order[2].text);
    in_order(&tt, &["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]);

    // Biên bản: no date line; two signature blocks on one row, the Nơi
    // nhận under the secretary's.
    let bb = built(&case, BB);
    assert!(!bb.iter().any(|l| l.text.contains("ngày 29 tháng 9 năm 2023") && l.y0 < 150.0), "date line in the header");
    let (_, secretary) = find(&bb, "THƯ KÝ", 0);
    let (_, chair) = find(&bb, "CHỦ TỌA", 0);
    assert!((secretary.y1 - chair.y1).abs() < 1.0, "the two blocks are not on one row");
    assert!(secretary.x1 < CENTRE && chair.x0 > CENTRE, "THƯ KÝ left, CHỦ TỌA right");
    let (_, s_name) = find(&bb, "Hoàng Thị Hà", 0);
    let (_, c_name) = find(&bb, "Lê Văn Cường", 0);
    assert!((s_name.y1 - c_name.y1).abs() < 1.0 && s_name.y0 > secretary.y1);
    let (_, noi_nhan) = find(&bb, "Nơi nhận:", 0);
    assert!(noi_nhan.y0 > s_name.y1 && noi_nhan.x0 < CENTRE, "Nơi nhận not under the secretary");

    // Giấy mời: its type name and code.
    in_order(
        &built(&case, GM),
        &["Số: 41/GM-UBND", "GIẤY MỜI", "Dự hội nghị sơ kết", "Ủy ban nhân dân xã Cẩm Lĩnh trân trọng kính mời:"],
    );
}

/// A post-reform commune: no district; the Party committee's superior is
/// the provincial Party organisation. Each kind, both families.
const POST_REFORM: &str = "\
commune:
  name: Cẩm Lĩnh
  province: Hà Tĩnh
  region: Bắc Trung Bộ
issuers:
  dang-uy:
    family: party
    name: Đảng ủy xã Cẩm Lĩnh
    code: ĐU
    superior: Đảng bộ tỉnh Hà Tĩnh
    term_starts: [2025-07-01]
  ubnd:
    family: state
    name: Ủy ban nhân dân xã Cẩm Lĩnh
    header: |
      Ủy ban nhân dân
      xã Cẩm Lĩnh
    code: UBND
officials:
  - { id: bi-thu, name: Trần Văn An, position: Bí thư Đảng ủy }
  - { id: chu-tich, name: Lê Văn Bình, position: Chủ tịch UBND xã }
  - { id: van-phong, name: Hoàng Thị Hà, position: Chánh Văn phòng }
villages:
  - { id: thon-1, name: Thôn 1 }
steering_committee:
  name: Ban Chỉ đạo
  members:
    - { official: chu-tich, role: Trưởng ban }
";

fn doc(kind: &str, issuer: &str, number: u32, extra: &str) -> String {
    let (authority, position, signer) = match issuer {
        "dang-uy" => ("T/M Ban Thường vụ", "Bí thư", "bi-thu"),
        _ => ("TM. Ủy ban nhân dân", "Chủ tịch", "chu-tich"),
    };
    let authority = if kind == "bien-ban" { String::new() } else { format!("  authority: {authority}\n") };
    format!(
        "type: {kind}\nissuer: {issuer}\nnumber: {number}\ndate: 2026-03-05\ntitle: về việc thử {kind}\n{extra}\
         signature:\n{authority}  position: {position}\n  signer: {signer}\n\
         recipients:\n  - Lưu VP\nbody: |\n  Nội dung của văn bản {kind}./.\n"
    )
}

#[test]
fn a_commune_without_a_district_issues_each_kind_with_headers_naming_no_district() {
    let case = Case::empty();
    case.write("inputs/commune.yaml", POST_REFORM);
    let kinds: [(&str, &str, &str); 12] = [
        ("cong-van", "dang-uy", "addressees: [Ban Thường vụ Tỉnh ủy]\n"),
        ("quyet-dinh", "dang-uy", "grounds: [Căn cứ Điều lệ Đảng]\n"),
        ("giay-moi", "dang-uy", ""),
        ("giay-gioi-thieu", "dang-uy", ""),
        ("to-trinh", "dang-uy", "addressees: [Ban Thường vụ Tỉnh ủy]\n"),
        ("bien-ban", "dang-uy", "secretary: van-phong\n"),
        (
            "cong-van",
            "ubnd",
            "unit: VP\nurgency: hoa-toc\naddressees: [Sở Nông nghiệp và Môi trường, Các thôn, Văn phòng]\n",
        ),
        ("quyet-dinh", "ubnd", "grounds: [Căn cứ Luật Tổ chức chính quyền địa phương]\n"),
        ("giay-moi", "ubnd", ""),
        ("giay-gioi-thieu", "ubnd", ""),
        ("bao-cao", "ubnd", "addressees: [Ủy ban nhân dân tỉnh Hà Tĩnh]\n"),
        ("bien-ban", "ubnd", "secretary: van-phong\n"),
    ];
    for (i, (kind, issuer, extra)) in kinds.iter().enumerate() {
        case.write(&format!("inputs/documents/{i:02}-{kind}-{issuer}.yaml"), &doc(kind, issuer, 7, extra));
    }
    case.ntm(&["build"]).assert_code(0);
    let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect();
    assert_eq!(pdfs.len(), kinds.len(), "{pdfs:?}");
    for pdf in &pdfs {
        let lines = lines(&case.path(pdf));
        assert!(!lines.iter().any(|l| l.text.contains("HUYỆN") || l.text.contains("huyện")), "{pdf}: {lines:#?}");
    }
    let find_pdf = |part: &str| lines(&case.path(pdfs.iter().find(|p| p.contains(part)).unwrap()));

    // Party: header lines, the công văn's italic summary under "Số 07-CV/ĐU".
    let cv = find_pdf("07-CV-DU");
    let order =
        in_order(&cv, &["ĐẢNG BỘ TỈNH HÀ TĨNH", "ĐẢNG ỦY XÃ CẨM LĨNH", "*", "Số 07-CV/ĐU", "về việc thử cong-van"]);
    assert!(order[4].x1 < CENTRE);
    // Party decision: căn cứ end with ",", the enacting sentence follows.
    let qd = find_pdf("07-QD-DU");
    let order = in_order(
        &qd,
        &["QUYẾT ĐỊNH", "về việc thử", "- Căn cứ Điều lệ Đảng,", "BAN THƯỜNG VỤ ĐẢNG ỦY QUYẾT ĐỊNH", "Nội dung"],
    );
    centred(&order[3]);
    // Party minutes: place/date kept, the labels of the setting.
    let bb = find_pdf("07-BB-DU");
    in_order(&bb, &["Số 07-BB/ĐU", "BIÊN BẢN"]);
    assert!(bb.iter().any(|l| l.text.contains("ngày 05 tháng 3 năm 2026")));
    let (_, left) = find(&bb, "NGƯỜI GHI BIÊN BẢN", 0);
    let (_, right) = find(&bb, "CHỦ TRÌ HỘI NGHỊ", 0);
    assert!((left.y1 - right.y1).abs() < 1.0 && left.x1 < right.x0);
    in_order(&find_pdf("07-GGT-DU"), &["Số 07-GGT/ĐU", "GIẤY GIỚI THIỆU", "Nội dung"]);
    in_order(&find_pdf("07-TTr-DU"), &["TỜ TRÌNH", "về việc thử", "Kính gửi: Ban Thường vụ Tỉnh ủy", "Nội dung"]);

    // State: the decision's authority line comes from the signature (TM.).
    in_order(&find_pdf("07-QD-UBND"), &["QUYẾT ĐỊNH", "ỦY BAN NHÂN DÂN XÃ CẨM LĨNH", "Căn cứ Luật", "QUYẾT ĐỊNH:"]);
    let cv = find_pdf("07-UBND-VP");
    let order = in_order(&cv, &["Số: 07/UBND-VP", "V/v về việc thử", "HỎA TỐC"]);
    assert!(order[2].x1 < CENTRE);
    in_order(&cv, &["Kính gửi: - Sở Nông nghiệp và Môi trường;", "- Các thôn;", "- Văn phòng.", "Nội dung"]);
    let ggt = find_pdf("07-GGT-UBND");
    in_order(&ggt, &["GIẤY GIỚI THIỆU", "Nội dung"]);
    assert!(!ggt.iter().any(|l| l.text.contains("về việc thử")), "a giấy giới thiệu prints no trích yếu");
    in_order(&find_pdf("07-BC-UBND"), &["BÁO CÁO", "về việc thử", "Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh"]);
}

#[test]
fn numbering_is_per_type_or_shared_and_restarts_with_the_year() {
    // Number 2 in 2025 belongs to `c` (the second plan) per type, to `b`
    // (the second document) in a shared series.
    for (scheme, expected, holder) in [
        ("per-type", ["01-KH-UBND", "01-TB-UBND", "02-KH-UBND", "01-UBND-VP", "01-KH-UBND"], "`c`"),
        ("shared", ["01-KH-UBND", "02-TB-UBND", "03-KH-UBND", "04-UBND-VP", "01-KH-UBND"], "`b`"),
    ] {
        let case = Case::empty();
        let commune = POST_REFORM.replace("    code: UBND\n", &format!("    code: UBND\n    numbering: {scheme}\n"));
        case.write("inputs/commune.yaml", &commune);
        let docs = [
            ("a", "ke-hoach", "2025-12-01", ""),
            ("b", "thong-bao", "2025-12-02", ""),
            ("c", "ke-hoach", "2025-12-03", ""),
            ("d", "cong-van", "2025-12-04", "unit: VP\n"),
            ("e", "ke-hoach", "2026-01-02", ""),
        ];
        for (id, kind, date, extra) in docs {
            let text = doc(kind, "ubnd", 1, extra).replace("number: 1", "number: auto").replace("2026-03-05", date);
            case.write(&format!("inputs/documents/{id}.yaml"), &text);
            // One at a time, in date order, as an office issues them.
            case.ntm(&["build", id]).assert_code(0);
        }
        let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect();
        for (i, symbol) in expected.iter().enumerate() {
            let date = docs[i].2;
            assert!(pdfs.contains(&format!("output/{date}_{symbol}.pdf")), "{scheme}: {symbol} on {date}: {pdfs:?}");
        }
        // A number taken is refused, naming both documents.
        let taken = doc("to-trinh", "ubnd", 2, "").replace("2026-03-05", "2025-12-09");
        let taken = if scheme == "shared" { taken } else { taken.replace("type: to-trinh", "type: ke-hoach") };
        case.write("inputs/documents/f.yaml", &taken);
        let run = case.ntm(&["build", "f"]);
        run.assert_code(1);
        assert!(run.stderr.contains("documents/f.yaml") && run.stderr.contains(holder), "{scheme}: {}", run.stderr);
    }
}

#[test]
fn wrong_combinations_are_errors_at_their_line() {
    let case = Case::example();
    let nq = "inputs/documents/nq-01-2023-nong-thon-moi-nang-cao.yaml";
    case.edit(nq, |t| t.replacen("issuer: dang-uy", "issuer: dang-uy\nunit: VP", 1));
    let bb = "inputs/documents/bb-2023-so-ket-quy-3.yaml";
    case.edit(bb, |t| t.replace("secretary: chuyen-trach-ntm", "secretary: chuyen-trach-ntm\naddressees: [Các thôn]"));
    let qc = "inputs/documents/qc-2023-ban-chi-dao.yaml";
    case.edit(qc, |t| t.replace("issuer: ubnd", "issuer: ubnd\nnumber: 6"));
    case.write(
        "inputs/documents/qd-thu.yaml",
        &case
            .read("inputs/documents/qd-05-2023-ban-chi-dao.yaml")
            .replace("number: 5", "number: 9")
            .replace("attachments:\n  - qc-2023-ban-chi-dao", "attachments:\n  - khong-co"),
    );
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    let line_of = |file: &str, text: &str| {
        let line = case.read(file).lines().position(|l| l.starts_with(text)).unwrap() + 1;
        format!("{file}:{line}:")
    };
    for (file, text, message) in [
        (nq, "unit:", "`unit` không dùng cho loại văn bản `nghi-quyet`"),
        (bb, "addressees:", "`addressees` không dùng cho loại văn bản `bien-ban`"),
        (qc, "number:", "văn bản ban hành kèm theo văn bản khác không đánh số riêng"),
        ("inputs/documents/qd-thu.yaml", "  - khong-co", "không có văn bản `khong-co`"),
    ] {
        let at = line_of(file, text);
        assert!(
            run.stderr.lines().any(|l| l.contains(&at) && l.contains(message)),
            "no `{message}` at {at}:\n{}",
            run.stderr
        );
    }
}

/// A body grown one line at a time across the end of page 1: no page may
/// hold only the end block (Nơi nhận and the signature).
#[test]
fn the_end_block_never_stands_alone_on_a_page() {
    let case = Case::empty();
    case.write("inputs/commune.yaml", POST_REFORM);
    let counts: Vec<usize> = (14..=40).collect();
    for (family, issuer) in [("p", "dang-uy"), ("s", "ubnd")] {
        for &n in &counts {
            let body: String = (1..=n).map(|i| format!("  Đoạn văn số {i} của nội dung văn bản.\n\n")).collect();
            let text = doc("thong-bao", issuer, n as u32, "").replace("  Nội dung của văn bản thong-bao./.\n", &body);
            case.write(&format!("inputs/documents/{family}-{n:02}.yaml"), &text);
        }
    }
    // Bodies ending in a table longer than a third of a page: its last rows
    // go with the end block, under the table's header again.
    for rows in [30, 38, 44, 52] {
        let table: String = (1..rows).map(|i| format!("  | {i} | Hàng thứ {i} của bảng | {} |\n", i * 3)).collect();
        let body =
            format!("  Đoạn văn số 1 của nội dung văn bản.\n\n  | STT | Nội dung | Số |\n  |---|---|---|\n{table}");
        let text = doc("thong-bao", "ubnd", 100 + rows, "").replace("  Nội dung của văn bản thong-bao./.\n", &body);
        case.write(&format!("inputs/documents/t-{rows}.yaml"), &text);
    }
    case.ntm(&["build"]).assert_code(0);
    let mut crossed = 0;
    for pdf in case.output_files().into_iter().filter(|f| f.ends_with(".pdf")) {
        let lines = lines(&case.path(&pdf));
        let pages = lines.iter().map(|l| l.page).max().unwrap();
        crossed += usize::from(pages > 1);
        for page in 1..=pages {
            let on_page = || lines.iter().filter(|l| l.page == page);
            let body = on_page().any(|l| l.text.starts_with("Đoạn văn số") || l.text.contains("Hàng thứ"));
            let end = on_page().any(|l| l.text.starts_with("Nơi nhận:"));
            assert!(body || !end, "{pdf}: page {page} holds only the end block");
            // A table's rows on a page after its first come under its header.
            if page > 1 && on_page().any(|l| l.text.contains("Hàng thứ")) {
                assert!(on_page().any(|l| l.text.starts_with("STT")), "{pdf}: page {page} has rows without the header");
            }
        }
    }
    assert!(crossed > 10, "the bodies never crossed a page: {crossed}");
}
