//! Files saved by Windows editors: Notepad and Word's "plain text" write
//! CRLF line endings, and older Notepads a UTF-8 byte-order mark. A
//! workspace saved that way reads exactly as the one it was made from —
//! same figures, same places in messages, same documents.

use std::fs;
use std::path::Path;

use crate::harness::{Case, pdf_text};

/// Every text file of the workspace rewritten as Windows Notepad saves it.
fn save_as_notepad(dir: &Path) -> usize {
    let mut saved = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().map(Result::unwrap) {
        let path = entry.path();
        let text_file = matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "md"));
        if !entry.file_type().is_file() || !text_file {
            continue;
        }
        let text = fs::read_to_string(path).unwrap();
        assert!(!text.contains('\r'), "{} already has CR", path.display());
        let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        fs::write(path, windows).unwrap();
        saved += 1;
    }
    saved
}

/// `ntm new thong-bao tb-thu`, with `place` left blank on a new first line.
fn new_draft_with_a_blank_on_its_first_line(case: &Case, notepad: bool) {
    case.ntm(&["new", "thong-bao", "tb-thu"]).assert_code(0);
    let rel = "inputs/documents/tb-thu.yaml";
    let text = format!("place: «cần điền: địa danh»\n{}", case.read(rel).trim_start_matches('\u{feff}'));
    let text = if notepad { format!("\u{feff}{}", text.replace('\n', "\r\n")) } else { text };
    fs::write(case.path(rel), text).unwrap();
}

/// Notepad's "ANSI" is Windows-1258 on a Vietnamese PC: not UTF-8. The
/// error names the line and the letter where the first such byte is.
#[test]
fn a_file_saved_as_ansi_is_named_at_its_line_and_letter() {
    let case = Case::example();
    let rel = "inputs/documents/gm-2023-so-ket-quy-3.yaml";
    let text = case.read(rel);
    let (before, after) = text.split_once("\ntitle:").unwrap();
    // "Thông tin " in UTF-8, then "ông" as Windows-1258 writes it (ô = F4).
    let bytes = [before.as_bytes(), "\ntitle: Thông tin Th".as_bytes(), b"\xF4ng", after.as_bytes()].concat();
    fs::write(case.path(rel), bytes).unwrap();
    let line = before.lines().count() + 1;
    let run = case.ntm(&["check"]);
    run.assert_code(1);
    let expected = format!("gm-2023-so-ket-quy-3.yaml:{line}:20: tệp không phải văn bản UTF-8");
    assert!(run.stderr.contains(&expected), "{expected}\n{}", run.stderr);
    assert!(run.stderr.contains("lưu lại tệp với bảng mã UTF-8"), "{}", run.stderr);
    assert!(run.stderr.contains("Kiểm tra xong: 13 văn bản hợp lệ"), "the other documents: {}", run.stderr);
}

#[test]
fn a_workspace_saved_by_notepad_reads_as_its_original() {
    let original = Case::example();
    let notepad = Case::example();
    assert!(save_as_notepad(&notepad.inputs()) > 15);

    // Figures, and what check says, byte for byte.
    let (a, b) = (original.ntm(&["check", "--format", "json"]), notepad.ntm(&["check", "--format", "json"]));
    a.assert_code(0);
    b.assert_code(0);
    assert_eq!(a.stdout, b.stdout);

    // Places in messages: line and column are the editor's, not shifted by
    // the byte-order mark or counted twice at a CR.
    for case in [&original, &notepad] {
        case.edit("inputs/documents/gm-2023-so-ket-quy-3.yaml", |t| t.replacen("\nissuer:", "\nissuerx:", 1));
    }
    let (a, b) = (original.ntm(&["check"]), notepad.ntm(&["check"]));
    a.assert_code(1);
    assert!(a.stderr.contains("gm-2023-so-ket-quy-3.yaml:4:1: khóa `issuerx`"), "{}", a.stderr);
    assert_eq!(a.stderr, b.stderr);

    // A document typeset from the saved files is the original's.
    for case in [&original, &notepad] {
        case.edit("inputs/documents/gm-2023-so-ket-quy-3.yaml", |t| t.replacen("\nissuerx:", "\nissuer:", 1));
    }
    new_draft_with_a_blank_on_its_first_line(&original, false);
    new_draft_with_a_blank_on_its_first_line(&notepad, true);
    let (a, b) = (original.ntm(&["check", "tb-thu"]), notepad.ntm(&["check", "tb-thu"]));
    // The first column is the first letter, not the byte-order mark.
    assert!(a.stderr.contains("tb-thu.yaml:1:8: cần điền: địa danh"), "{}", a.stderr);
    // `ntm new`'s notes name the marker in comments: no blank to fill there.
    assert!(!a.stderr.contains("tb-thu.yaml:2:"), "{}", a.stderr);
    assert_eq!(a.stderr, b.stderr);
    for case in [&original, &notepad] {
        fs::remove_file(case.path("inputs/documents/tb-thu.yaml")).unwrap();
    }
    let doc = "nq-01-2023-nong-thon-moi-nang-cao";
    original.ntm(&["build", doc]).assert_code(0);
    notepad.ntm(&["build", doc]).assert_code(0);
    let pdf = "output/2023-01-12_01-NQ-DU.pdf";
    assert_eq!(pdf_text(&notepad.path(pdf)), pdf_text(&original.path(pdf)));
    assert!(fs::read(notepad.path(pdf)).unwrap() == fs::read(original.path(pdf)).unwrap(), "the PDFs differ");
}
