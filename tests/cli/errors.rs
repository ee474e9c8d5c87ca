//! Bad input: every problem reported at its place, in one run, with the
//! exit codes of the README (1 data, 2 usage or environment).

use crate::harness::Case;

const SEED: &str = "inputs/documents/nq-01-2023-nong-thon-moi-nang-cao.yaml";

#[test]
fn yaml_errors_name_line_and_column() {
    let case = Case::example();
    case.edit(SEED, |t| t.replace("place: Cẩm Lĩnh", "plase: Cẩm Lĩnh"));
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains(&format!("lỗi: {SEED}:9:1: khóa `plase` không có trong mẫu")), "{}", run.stderr);
    assert!(run.stderr.contains("gợi ý: các khóa được dùng ở đây: type, type_code, issuer"), "{}", run.stderr);
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let case = Case::example();
    // A good document beside the broken ones must still be issued.
    case.edit("inputs/commune.yaml", |t| t.replace("villages: [thon-3]", "villages: [thon-9]"));
    let seed = case.read(SEED);
    case.write(
        "inputs/documents/bad-signature.yaml",
        &seed
            .replace("number: 1 ", "number: 2 ")
            .replace("date: 2023-01-12", "date: 2023-02-30")
            .replace("authority: T/M Ban Chấp hành", "authority: TM. Ban Chấp hành")
            .replace("signer: tran-xuan-huu", "signer: nguyen-van-z"),
    );
    case.write("inputs/documents/bad-syntax.yaml", &seed.replace("number: 1 ", "number: [3"));
    case.write(
        "inputs/documents/bad-template.yaml",
        &seed.replace("number: 1 ", "number: 4 ").replace("{{ commune.name }}", "{{ commune.ten }}"),
    );
    let run = case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao", "bad-signature", "bad-syntax", "bad-template"]);
    run.assert_code(1);
    insta::assert_snapshot!("many_problems", run.stderr);
    let pdfs: Vec<String> = case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect();
    assert_eq!(pdfs, ["output/2023-01-12_01-NQ-DU.pdf"]);
}

#[test]
fn duplicate_numbers_name_both_documents() {
    let case = Case::example();
    let seed = case.read(SEED);
    case.write("inputs/documents/nq-copy.yaml", &seed);
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("số 01 của loại NQ nhiệm kỳ bắt đầu 2020-07-15 đã dùng cho"), "{}", run.stderr);
    assert!(run.stderr.contains("nq-copy.yaml") && run.stderr.contains("nq-01-2023"), "{}", run.stderr);
}

#[test]
fn state_margins_outside_the_decree_are_refused() {
    let case = Case::example();
    case.edit("inputs/commune.yaml", |t| format!("{t}\nlayout:\n  state:\n    margins: {{ left: 25 }}\n"));
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("`margins.left` = 25 nằm ngoài khoảng 30–35"), "{}", run.stderr);
}

#[test]
fn a_missing_typst_is_one_clear_message() {
    let case = Case::example();
    let run = case.ntm_env(&["build"], &[("NTM_TYPST", "/nonexistent/typst")]);
    run.assert_code(2);
    insta::assert_snapshot!("missing_typst", run.stderr);
    assert!(!case.output().exists());
}

#[test]
fn a_missing_font_is_one_clear_message() {
    let case = Case::example();
    let empty = case.path("no-fonts");
    std::fs::create_dir_all(&empty).unwrap();
    let run = case.ntm_env(&["build"], &[("NTM_FONT_PATH", empty.to_str().unwrap())]);
    run.assert_code(2);
    assert!(run.stderr.starts_with("lỗi: thư mục phông `"), "{}", run.stderr);
    assert!(run.stderr.contains("gợi ý: chạy `make setup`"), "{}", run.stderr);
}

/// `Duration::from_secs_f64` panicked on `1e30`, and the others were
/// silently ignored; any value out of range is an environment error before
/// anything is read or written.
#[test]
fn a_typst_timeout_out_of_range_is_one_clear_message() {
    let case = Case::example();
    for value in ["1e30", "-1", "NaN", "0", "mười"] {
        let run = case.ntm_env(&["build"], &[("NTM_TYPST_TIMEOUT", value)]);
        run.assert_code(2);
        assert_eq!(
            run.stderr,
            format!(
                "lỗi: biến NTM_TYPST_TIMEOUT ghi `{value}`, không phải một số giây từ 0,001 đến 86400\n  \
                 gợi ý: đặt NTM_TYPST_TIMEOUT là số giây typst được chạy cho mỗi văn bản (ví dụ 600), \
                 hoặc bỏ biến này để dùng mặc định 300 giây\n"
            )
        );
        assert!(!case.output().exists(), "{value}: wrote {:?}", case.output_files());
    }
}

/// Rayon takes any number; a pool of a million threads cannot start and
/// panicked. Checked for every command, before anything is read.
#[test]
fn a_thread_count_out_of_range_is_one_clear_message() {
    let case = Case::example();
    // 257 rather than a million: were the check broken, rayon would try to
    // start them all.
    for (args, value) in [(vec!["check"], "-1"), (vec!["build"], "257"), (vec!["archive", "verify"], "hai")] {
        let run = case.ntm_env(&args, &[("RAYON_NUM_THREADS", value)]);
        run.assert_code(2);
        assert_eq!(
            run.stderr,
            format!(
                "lỗi: biến RAYON_NUM_THREADS ghi `{value}`, không phải một số luồng từ 0 đến 256\n  \
                 gợi ý: bỏ biến RAYON_NUM_THREADS để dùng mọi lõi của máy, hoặc đặt số luồng \
                 (ví dụ 1 để chạy từng văn bản một)\n"
            ),
            "{args:?}"
        );
    }
    assert!(!case.output().exists(), "wrote {:?}", case.output_files());
}

#[test]
fn usage_errors_exit_with_2() {
    let case = Case::example();
    let run = case.ntm(&["build", "khong-co"]);
    run.assert_code(2);
    assert!(run.stderr.contains("không có văn bản `khong-co`"), "{}", run.stderr);

    let run = case.ntm(&["check", "--workspace", "khong-co-thu-muc"]);
    run.assert_code(2);
    assert!(run.stderr.contains("không tìm thấy thư mục làm việc `khong-co-thu-muc`"), "{}", run.stderr);

    let run = case.ntm(&["build", "--nhanh"]);
    run.assert_code(2);
    assert_eq!(run.stderr, "lỗi: không có tùy chọn `--nhanh`\n  gợi ý: xem `ntm --help`\n");

    let run = case.ntm(&[]);
    run.assert_code(2);
}

#[test]
fn help_is_in_vietnamese() {
    let case = Case::empty();
    let run = case.ntm(&["--help"]);
    run.assert_code(0);
    insta::assert_snapshot!("help", run.stdout);
    let run = case.ntm(&["build", "--help"]);
    run.assert_code(0);
    insta::assert_snapshot!("help_build", run.stdout);
}
