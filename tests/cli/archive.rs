//! The register: numbering, issued documents are final, supersede, drafts,
//! incremental builds, verification, and what a killed run leaves behind.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{Case, pdf_text, squeeze};

const SEED: &str = "inputs/documents/nq-01-2023-nong-thon-moi-nang-cao.yaml";

fn pdfs(case: &Case) -> Vec<String> {
    case.output_files().into_iter().filter(|f| f.ends_with(".pdf")).collect()
}

/// The real typst, for wrappers to call.
fn real_typst() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap();
    std::env::split_paths(&path).map(|d| d.join("typst")).find(|p| p.is_file()).expect("typst on PATH")
}

/// A typst that logs each call (and may be slowed down) before running the real one.
fn logging_typst(case: &Case, delay: &str) -> (PathBuf, PathBuf) {
    let log = case.path("typst-calls.log");
    let script = case.path("typst-wrapper.sh");
    fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\n{delay}\nexec '{}' \"$@\"\n", log.display(), real_typst().display()),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    (script, log)
}

fn compiles(log: &Path) -> usize {
    fs::read_to_string(log).unwrap_or_default().lines().filter(|l| *l == "compile").count()
}

/// A document of the example with another id, number and date.
fn add_doc(case: &Case, name: &str, from: &str, number: &str, date: &str) {
    let text = case.read(from);
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("number:") {
                format!("number: {number}")
            } else if l.starts_with("date:") {
                format!("date: {date}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    case.write(&format!("inputs/documents/{name}.yaml"), &text);
}

#[test]
fn auto_numbers_follow_each_series() {
    let case = Case::example();
    let plan = "inputs/documents/kh-12-2023-xay-dung-ntm-nang-cao.yaml";
    add_doc(&case, "kh-a", plan, "auto", "2023-02-01");
    add_doc(&case, "kh-b", plan, "auto", "2023-03-01");
    add_doc(&case, "kh-c", plan, "auto", "2024-01-15");
    add_doc(&case, "nq-a", SEED, "auto", "2023-05-01");
    // A new Party term restarts the Party series (HD 36).
    case.edit("inputs/commune.yaml", |t| {
        t.replace("term_starts: [2020-07-15]", "term_starts: [2020-07-15, 2025-08-01]")
    });
    add_doc(&case, "nq-b", SEED, "auto", "2025-09-01");
    case.ntm(&["build"]).assert_code(0);
    let files = pdfs(&case);
    for expected in [
        "output/2023-02-01_13-KH-UBND.pdf",
        "output/2023-03-01_14-KH-UBND.pdf",
        "output/2024-01-15_01-KH-UBND.pdf",
        "output/2023-05-01_02-NQ-DU.pdf",
        "output/2025-09-01_01-NQ-DU.pdf",
    ] {
        assert!(files.contains(&expected.to_string()), "{expected} not in {files:?}");
    }
    // Numbers, once given, stay: a second build changes nothing.
    let run = case.ntm(&["build"]);
    run.assert_code(0);
    assert!(run.stderr.contains("0 văn bản đã ghi, 14 không thay đổi"), "{}", run.stderr);
}

#[test]
fn a_number_taken_by_another_document_is_refused() {
    let case = Case::example();
    case.ntm(&["build", "nq-01-2023-nong-thon-moi-nang-cao"]).assert_code(0);
    // Another document claims the same number after the first was issued.
    let text = case.read(SEED);
    fs::remove_file(case.path(SEED)).unwrap();
    case.write("inputs/documents/nq-khac.yaml", &text);
    let run = case.ntm(&["build", "nq-khac"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("số 01-NQ/ĐU đã cấp cho văn bản `nq-01-2023-nong-thon-moi-nang-cao`"),
        "{}",
        run.stderr
    );
    assert_eq!(pdfs(&case), ["output/2023-01-12_01-NQ-DU.pdf"]);
}

#[test]
fn an_issued_document_is_refused_on_change_and_superseded_on_request() {
    let case = Case::example();
    let name = "nq-01-2023-nong-thon-moi-nang-cao";
    case.ntm(&["build", name]).assert_code(0);
    let first = fs::read(case.path("output/2023-01-12_01-NQ-DU.pdf")).unwrap();
    case.edit(SEED, |t| t.replace("  - Lưu DU", "  - Lưu VPĐU"));

    let run = case.ntm(&["build", name]);
    run.assert_code(1);
    assert!(run.stderr.contains("đã phát hành (số 01-NQ/ĐU"), "{}", run.stderr);
    assert!(run.stderr.contains("dữ liệu đã thay đổi: thông tin văn bản"), "{}", run.stderr);
    assert!(run.stderr.contains("--supersede"), "{}", run.stderr);
    assert_eq!(fs::read(case.path("output/2023-01-12_01-NQ-DU.pdf")).unwrap(), first, "the issued PDF changed");

    case.ntm(&["build", "--supersede", name]).assert_code(0);
    assert_eq!(pdfs(&case), ["output/2023-01-12_01-NQ-DU.pdf", "output/2023-01-12_01-NQ-DU_ban-2.pdf"]);
    assert_eq!(fs::read(case.path("output/2023-01-12_01-NQ-DU.pdf")).unwrap(), first, "the old PDF is kept");
    let text = squeeze(&pdf_text(&case.path("output/2023-01-12_01-NQ-DU_ban-2.pdf")));
    assert!(text.contains(&squeeze("- Lưu VPĐU.")));
    let list = case.ntm(&["archive", "list"]);
    assert!(
        list.stderr.contains("01-NQ/ĐU  12/01/2023") && list.stderr.contains("[đã bị thay thế]"),
        "{}",
        list.stderr
    );
    assert!(list.stderr.contains("01-NQ/ĐU (bản 2)") && list.stderr.contains("[đã ban hành]"), "{}", list.stderr);
    case.ntm(&["archive", "verify"]).assert_code(0);
}

#[test]
fn each_document_is_filed_while_the_next_ones_are_typeset() {
    let case = Case::example();
    // On one thread typst runs for one document after another. The second
    // call waits (at most 10 s) for the first PDF to be in place: filing
    // every PDF only after the last typst would leave it waiting in vain.
    let seen = case.path("first-pdf-seen");
    let wait = format!(
        "if [ \"$(grep -c '^compile$' '{log}')\" = 2 ]; then\n\
           i=0; while [ $i -lt 100 ]; do\n\
             if ls '{out}'/*.pdf >/dev/null 2>&1; then touch '{seen}'; break; fi\n\
             sleep 0.1; i=$((i + 1))\n\
           done\n\
         fi",
        log = case.path("typst-calls.log").display(),
        out = case.output().display(),
        seen = seen.display(),
    );
    let (typst, log) = logging_typst(&case, &wait);
    let typst = typst.to_str().unwrap();
    case.ntm_env(&["build"], &[("NTM_TYPST", typst), ("RAYON_NUM_THREADS", "1")]).assert_code(0);
    assert_eq!(compiles(&log), 9);
    assert!(seen.exists(), "the first PDF was not filed while the second document was typeset");
    case.ntm(&["archive", "verify"]).assert_code(0);
}

#[test]
fn an_issued_document_stays_when_only_ntm_lays_it_out_otherwise() {
    let case = Case::example();
    let id = "nq-01-2023-nong-thon-moi-nang-cao";
    let pdf = case.path("output/2023-01-12_01-NQ-DU.pdf");
    case.ntm(&["build", id]).assert_code(0);
    let issued = fs::read(&pdf).unwrap();
    let register = || rusqlite::Connection::open(case.path("output/so-dang-ky.sqlite")).unwrap();
    // As if an earlier ntm had issued it: other generated sources, the
    // same office files.
    register().execute("UPDATE entries SET input_digest = 'sources of an earlier ntm'", []).unwrap();
    let run = case.ntm(&["build", id]);
    run.assert_code(0);
    assert!(run.stderr.contains("bằng một phiên bản ntm trình bày khác phiên bản này"), "{}", run.stderr);
    assert!(run.stderr.contains("0 văn bản đã ghi, 1 không thay đổi"), "{}", run.stderr);
    assert_eq!(fs::read(&pdf).unwrap(), issued, "the issued PDF is kept");

    // A change of the office's own files is still refused…
    case.edit(SEED, |t| t.replace("Lưu DU", "Lưu VT"));
    let run = case.ntm(&["build", id]);
    run.assert_code(1);
    assert!(run.stderr.contains("nhưng dữ liệu đã thay đổi"), "{}", run.stderr);
    // …and so is any difference in a row written before office digests.
    case.edit(SEED, |t| t.replace("Lưu VT", "Lưu DU"));
    register().execute("UPDATE entries SET office_digest = ''", []).unwrap();
    case.ntm(&["build", id]).assert_code(1);
    // Asked to, the office issues it again in the new layout.
    case.ntm(&["build", "--supersede", id]).assert_code(0);
    assert!(case.path("output/2023-01-12_01-NQ-DU_ban-2.pdf").is_file());
}

#[test]
fn a_second_build_with_nothing_changed_typesets_nothing() {
    let case = Case::example();
    let (typst, log) = logging_typst(&case, "");
    let typst = typst.to_str().unwrap();
    case.ntm_env(&["build"], &[("NTM_TYPST", typst)]).assert_code(0);
    assert_eq!(compiles(&log), 9);
    let before: Vec<(String, Vec<u8>)> =
        pdfs(&case).into_iter().map(|f| (f.clone(), fs::read(case.path(&f)).unwrap())).collect();
    let run = case.ntm_env(&["build"], &[("NTM_TYPST", typst)]);
    run.assert_code(0);
    assert_eq!(compiles(&log), 9, "the second build ran typst");
    let after: Vec<(String, Vec<u8>)> =
        pdfs(&case).into_iter().map(|f| (f.clone(), fs::read(case.path(&f)).unwrap())).collect();
    assert!(before == after);
    // A deleted PDF is made again, with the bytes the register recorded.
    fs::remove_file(case.path("output/2023-01-12_01-NQ-DU.pdf")).unwrap();
    case.ntm_env(&["build"], &[("NTM_TYPST", typst)]).assert_code(0);
    assert_eq!(compiles(&log), 10);
    case.ntm(&["archive", "verify"]).assert_code(0);
}

#[test]
fn verify_catches_changed_deleted_and_unregistered_pdfs() {
    let case = Case::example();
    case.ntm(&["build"]).assert_code(0);
    let run = case.ntm(&["archive", "verify"]);
    run.assert_code(0);
    assert!(run.stderr.contains("mọi tệp PDF còn nguyên vẹn"), "{}", run.stderr);

    let mut bytes = fs::read(case.path("output/2023-01-20_12-KH-UBND.pdf")).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    fs::write(case.path("output/2023-01-20_12-KH-UBND.pdf"), bytes).unwrap();
    fs::remove_file(case.path("output/2023-11-20_15-BC-UBND.pdf")).unwrap();
    fs::write(case.path("output/la.pdf"), b"%PDF-1.7 not ours").unwrap();
    let run = case.ntm(&["archive", "verify"]);
    run.assert_code(1);
    insta::assert_snapshot!("verify_findings", redact_hashes(&run.stderr));
}

#[test]
fn drafts_are_watermarked_unnumbered_and_not_registered() {
    let case = Case::example();
    let plan = case.read("inputs/documents/kh-12-2023-xay-dung-ntm-nang-cao.yaml");
    case.write("inputs/documents/kh-du-thao.yaml", &plan.replace("number: 12", "number: auto\nstatus: draft"));
    case.ntm(&["build", "kh-du-thao"]).assert_code(0);
    assert_eq!(pdfs(&case), ["output/2023-01-20_kh-du-thao_du-thao.pdf"]);
    let text = squeeze(&pdf_text(&case.path("output/2023-01-20_kh-du-thao_du-thao.pdf")));
    assert!(text.contains("DỰTHẢO"), "no watermark");
    assert!(text.contains("Số:/KH-UBND"), "the number is left blank");
    let list = case.ntm(&["archive", "list"]);
    assert!(list.stderr.contains("0 văn bản."), "{}", list.stderr);
}

#[test]
fn a_killed_build_leaves_no_partial_pdf_and_a_consistent_register() {
    let case = Case::example();
    // A slow typst so the kill lands while documents are being typeset and
    // recorded.
    let (typst, _log) = logging_typst(&case, "sleep 0.2");
    for wait_ms in [150, 600, 1100, 1700] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ntm"))
            .current_dir(case.dir.path())
            .arg("build")
            .env("NTM_TYPST", &typst)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Orphaned typst children may still be finishing their temporary files.
        std::thread::sleep(Duration::from_millis(500));
        for f in pdfs(&case) {
            let name = Path::new(&f).file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with(".ntm-tmp-") {
                continue;
            }
            let bytes = fs::read(case.path(&f)).unwrap();
            let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
            assert!(bytes.starts_with(b"%PDF") && tail.contains("%%EOF"), "{f} is not a whole PDF");
        }
    }
    case.ntm(&["build"]).assert_code(0);
    case.ntm(&["archive", "verify"]).assert_code(0);
    let leftovers: Vec<String> = case.output_files().into_iter().filter(|f| f.contains(".ntm-tmp-")).collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// PDF hashes depend on typst's exact output; the messages are what matter.
fn redact_hashes(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let hex: String = word.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
            if hex.len() == 64 { word.replacen(&hex, "[SHA-256]", 1) } else { word.to_string() }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
