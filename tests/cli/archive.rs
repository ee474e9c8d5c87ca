//! The register: numbering, issued documents are final, supersede, drafts,
//! incremental builds, verification, and what a killed run leaves behind.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
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

/// A typst that logs each call before running the real one.
fn logging_typst(case: &Case) -> (PathBuf, PathBuf) {
    let log = case.path("typst-calls.log");
    let script = case.path("typst-wrapper.sh");
    fs::write(
        &script,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\nexec '{}' \"$@\"\n", log.display(), real_typst().display()),
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
    assert!(run.stderr.contains("0 văn bản đã ghi, 19 không thay đổi"), "{}", run.stderr);
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

/// On one thread typst runs for one document after another. The second
/// call is held at the gate until the first PDF is filed: filing every PDF
/// only after the last typst would never file it, and the test would fail
/// at its watchdog.
#[test]
fn each_document_is_filed_while_the_next_ones_are_typeset() {
    let case = Case::example();
    let gate = Gate::new(&case);
    let code = gate.build_until(&case, 2, Stage::Started, 1, Then::Finish);
    assert_eq!(code, Some(0));
    assert_eq!(fs::read_to_string(case.path("typst-count")).unwrap().trim(), "14");
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
    let (typst, log) = logging_typst(&case);
    let typst = typst.to_str().unwrap();
    case.ntm_env(&["build"], &[("NTM_TYPST", typst)]).assert_code(0);
    assert_eq!(compiles(&log), 14);
    let before: Vec<(String, Vec<u8>)> =
        pdfs(&case).into_iter().map(|f| (f.clone(), fs::read(case.path(&f)).unwrap())).collect();
    let run = case.ntm_env(&["build"], &[("NTM_TYPST", typst)]);
    run.assert_code(0);
    assert_eq!(compiles(&log), 14, "the second build ran typst");
    let after: Vec<(String, Vec<u8>)> =
        pdfs(&case).into_iter().map(|f| (f.clone(), fs::read(case.path(&f)).unwrap())).collect();
    assert!(before == after);
    // A deleted PDF is made again, with the bytes the register recorded.
    fs::remove_file(case.path("output/2023-01-12_01-NQ-DU.pdf")).unwrap();
    case.ntm_env(&["build"], &[("NTM_TYPST", typst)]).assert_code(0);
    assert_eq!(compiles(&log), 15);
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

/// Where a gated typst call stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// Started: ntm waits for it, its temporary PDF is still empty.
    Started,
    /// Finished writing the PDF into ntm's temporary file, not yet exited,
    /// so ntm has not filed it.
    Wrote,
}

/// What the test hears while a gated build runs.
#[derive(Debug)]
enum Heard {
    Typst(u32, Stage),
    /// ntm printed that a PDF was filed and recorded (`✓ …: đã ghi …`).
    Filed,
    /// ntm ended, with its standard error.
    Ended(String),
}

/// Longest the test waits for the next signal; only a broken build or
/// test comes near it, and then the test fails instead of hanging.
const WATCHDOG: Duration = Duration::from_secs(180);

/// A typst that stops at each [`Stage`] of each compilation and tells the
/// test through the `events` FIFO (`start N`, `wrote N`), then waits on the
/// `go` FIFO for `run` (go on) or anything else (exit at once). Calls other
/// than `compile` (the version check) go straight to the real typst.
struct Gate {
    script: PathBuf,
    events: PathBuf,
    go: PathBuf,
}

impl Gate {
    fn new(case: &Case) -> Gate {
        let (events, go, count) = (case.path("typst-events"), case.path("typst-go"), case.path("typst-count"));
        for fifo in [&events, &go] {
            let made = Command::new("mkfifo").arg(fifo).status().expect("mkfifo (coreutils)");
            assert!(made.success(), "mkfifo {}", fifo.display());
        }
        let script = case.path("typst-gate.sh");
        let (events_at, go_at, count_at) = (events.display(), go.display(), count.display());
        fs::write(
            &script,
            format!(
                "#!/bin/sh\n\
                 [ \"$1\" = compile ] || exec '{typst}' \"$@\"\n\
                 n=$(( $(cat '{count_at}' 2>/dev/null || echo 0) + 1 ))\n\
                 echo $n > '{count_at}'\n\
                 echo \"start $n\" > '{events_at}'\n\
                 read go < '{go_at}'; [ \"$go\" = run ] || exit 9\n\
                 '{typst}' \"$@\"; code=$?\n\
                 echo \"wrote $n\" > '{events_at}'\n\
                 read go < '{go_at}'; [ \"$go\" = run ] || exit 9\n\
                 exit $code\n",
                typst = real_typst().display(),
            ),
        )
        .unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        Gate { script, events, go }
    }

    /// Lets the typst call waiting at the gate go on (`run`) or exit.
    /// Blocks until that call opens the FIFO.
    fn answer(&self, word: &str) {
        let mut go = fs::OpenOptions::new().write(true).open(&self.go).unwrap();
        writeln!(go, "{word}").unwrap();
    }

    /// Runs `ntm build` with the gate, one thread at a time so the calls
    /// come in order, until typst call `call` is at `stage` and `filed`
    /// PDFs were filed; then SIGKILLs ntm there, or lets it finish. Returns
    /// ntm's exit code when it finished.
    fn build_until(&self, case: &Case, call: u32, stage: Stage, filed: usize, then: Then) -> Option<i32> {
        let (sender, heard) = mpsc::channel();
        let events = fs::OpenOptions::new().read(true).write(true).open(&self.events).unwrap();
        let to_test = sender.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(events).lines() {
                let line = line.unwrap();
                let event = match line.split_once(' ') {
                    Some(("start", n)) => Heard::Typst(n.parse().unwrap(), Stage::Started),
                    Some(("wrote", n)) => Heard::Typst(n.parse().unwrap(), Stage::Wrote),
                    _ => return, // `end`: the test is done with this gate.
                };
                if to_test.send(event).is_err() {
                    return;
                }
            }
        });
        let mut child = Build(
            Command::new(env!("CARGO_BIN_EXE_ntm"))
                .current_dir(case.dir.path())
                .arg("build")
                .env("NTM_TYPST", &self.script)
                .env("RAYON_NUM_THREADS", "1")
                .env_remove("NTM_FONT_PATH")
                .env_remove("NTM_TYPST_TIMEOUT")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap(),
            &self.go,
        );
        let stderr = child.0.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut all = String::new();
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if line.contains("✓") {
                    let _ = sender.send(Heard::Filed);
                }
                all.push_str(&line);
                all.push('\n');
            }
            let _ = sender.send(Heard::Ended(all));
        });
        let next = || heard.recv_timeout(WATCHDOG).unwrap_or_else(|e| panic!("no signal in {WATCHDOG:?}: {e}"));

        let (mut there, mut seen_filed) = (false, 0);
        while !(there && seen_filed >= filed) {
            match next() {
                Heard::Typst(n, s) if (n, s) == (call, stage) => there = true,
                Heard::Typst(n, s) => {
                    assert!((n, s) < (call, stage), "typst call {n} {s:?} came after the point");
                    self.answer("run");
                }
                Heard::Filed => seen_filed += 1,
                Heard::Ended(stderr) => panic!("ntm ended before the point:\n{stderr}"),
            }
        }
        assert_eq!(seen_filed, filed, "more PDFs filed than the point has");
        let code = match then {
            Then::Kill => {
                child.0.kill().unwrap(); // SIGKILL: no clean-up runs.
                child.0.wait().unwrap();
                // The typst call held at the gate exits without writing anything.
                self.answer("stop");
                None
            }
            Then::Finish => {
                self.answer("run");
                loop {
                    match next() {
                        Heard::Typst(..) => self.answer("run"),
                        Heard::Filed => {}
                        Heard::Ended(_) => break,
                    }
                }
                child.0.wait().unwrap().code()
            }
        };
        let mut events = fs::OpenOptions::new().write(true).open(&self.events).unwrap();
        writeln!(events, "end").unwrap();
        code
    }
}

/// A gated `ntm build`; if the test fails on the way, it is killed and the
/// typst call held at the gate let go, so neither outlives the test.
struct Build<'a>(std::process::Child, &'a Path);

impl Drop for Build<'_> {
    fn drop(&mut self) {
        if self.0.try_wait().is_ok_and(|status| status.is_none()) {
            let _ = self.0.kill();
            let _ = self.0.wait();
            // Opened for reading and writing, a FIFO does not wait for a reader.
            if let Ok(mut go) = fs::OpenOptions::new().read(true).write(true).open(self.1) {
                let _ = writeln!(go, "stop");
            }
        }
    }
}

/// What a gated build does once at its point.
enum Then {
    Kill,
    Finish,
}

/// A PDF typst finished: its header and its end-of-file marker.
fn is_whole_pdf(bytes: &[u8]) -> bool {
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
    bytes.starts_with(b"%PDF") && tail.contains("%%EOF")
}

/// A build killed at each point a kill can tell something (typst started,
/// typst wrote the PDF ntm has not yet filed, the same for the second
/// document once the first is filed and recorded) leaves only whole PDFs
/// and a register that agrees with them; the next build completes the
/// work, keeping what was filed, and `archive verify` accepts the result.
#[test]
fn a_killed_build_leaves_no_partial_pdf_and_a_consistent_register() {
    for (call, stage, filed) in
        [(1, Stage::Started, 0), (1, Stage::Wrote, 0), (2, Stage::Started, 1), (2, Stage::Wrote, 1)]
    {
        let at = format!("kill at typst call {call} {stage:?} with {filed} filed");
        let case = Case::example();
        let gate = Gate::new(&case);
        gate.build_until(&case, call, stage, filed, Then::Kill);

        let (temps, issued): (Vec<String>, Vec<String>) = pdfs(&case)
            .into_iter()
            .partition(|f| Path::new(f).file_name().unwrap().to_string_lossy().starts_with(".ntm-tmp-"));
        assert_eq!(issued.len(), filed, "{at}: {issued:?}");
        for f in &issued {
            assert!(is_whole_pdf(&fs::read(case.path(f)).unwrap()), "{at}: {f} is not a whole PDF");
        }
        // The document being typeset at the kill is in ntm's temporary
        // file only: empty before typst ran, whole after.
        assert_eq!(temps.len(), 1, "{at}: {temps:?}");
        let temp = fs::read(case.path(&temps[0])).unwrap();
        match stage {
            Stage::Started => assert!(temp.is_empty(), "{at}: typst had not run"),
            Stage::Wrote => assert!(is_whole_pdf(&temp), "{at}: typst had written the PDF"),
        }
        let list = case.ntm(&["archive", "list"]);
        list.assert_code(0);
        assert!(
            list.stderr.contains(&format!("{filed} văn bản.")),
            "{at}: the register holds what was filed\n{}",
            list.stderr
        );
        case.ntm(&["archive", "verify"]).assert_code(0);

        let run = case.ntm(&["build"]);
        run.assert_code(0);
        let summary = format!("{} văn bản đã ghi, {filed} không thay đổi", 14 - filed);
        assert!(run.stderr.contains(&summary), "{at}: the next build completes the rest\n{}", run.stderr);
        let verify = case.ntm(&["archive", "verify"]);
        verify.assert_code(0);
        assert!(verify.stderr.contains("mọi tệp PDF còn nguyên vẹn"), "{at}: {}", verify.stderr);
        let files = pdfs(&case);
        assert_eq!(files.len(), 14, "{at}: {files:?}");
        assert!(files.iter().all(|f| !f.contains(".ntm-tmp-")), "{at}: {files:?}");
    }
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
