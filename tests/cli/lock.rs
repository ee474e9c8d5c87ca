//! One run at a time per output folder: two builds started together, a
//! run that may not wait, `check` beside a build, a killed run's lock.
//!
//! Runs are ordered without sleeps: a wrapper typst reports on a FIFO,
//! with the pid of the ntm that called it, that a build has reached
//! typesetting (so it holds the folder), then waits for a gate, a file the
//! test holds locked, before running the real typst. Those reports, each
//! line a run prints and each run's end come to the test on one channel.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use crate::harness::Case;

const WAITING: &str = "Đang chờ một lần chạy khác của ntm";

/// What the test hears from the runs it started.
#[derive(Debug)]
enum Heard {
    /// A typst call of run `pid` is at the gate.
    Typesetting(u32),
    /// A line run `pid` printed on stderr.
    Said(u32, String),
    /// Run `pid` ended: exit code (-1 if killed) and all it printed.
    Ended(u32, i32, String),
}

/// A typst held at a gate, and the runs started with it.
struct Runs {
    script: PathBuf,
    /// Locked while the gate is shut.
    gate: Option<File>,
    log: PathBuf,
    heard: Receiver<Heard>,
    tell: Sender<Heard>,
    /// Heard while waiting for something else, kept in order: the runs
    /// race (the second build may end before the first's end is heard),
    /// and a message dropped while waiting for another is waited for
    /// forever.
    backlog: RefCell<VecDeque<Heard>>,
}

impl Runs {
    fn new(case: &Case) -> Runs {
        let (fifo, gate, log, script) =
            (case.path("typst.fifo"), case.path("typst.gate"), case.path("typst.log"), case.path("gated-typst.sh"));
        assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
        let gate_file = File::create(&gate).unwrap();
        gate_file.lock().unwrap();
        // `--version` passes; each `compile` reports, then waits at the gate.
        // The real typst is the one on PATH (the wrapper is not on it).
        fs::write(
            &script,
            format!(
                "#!/bin/sh\nif [ \"$1\" = compile ]; then\n  echo compile >> '{log}'\n  echo \"$PPID\" > '{fifo}'\n  \
                 flock '{gate}' true\nfi\nexec typst \"$@\"\n",
                log = log.display(),
                fifo = fifo.display(),
                gate = gate.display(),
            ),
        )
        .unwrap();
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
        let (tell, heard) = channel();
        // Read-write: opening blocks neither this end nor the wrappers'.
        let reports = OpenOptions::new().read(true).write(true).open(&fifo).unwrap();
        let to_test = tell.clone();
        thread::spawn(move || {
            for line in BufReader::new(reports).lines() {
                let pid = line.unwrap().trim().parse().expect("a pid");
                if to_test.send(Heard::Typesetting(pid)).is_err() {
                    break;
                }
            }
        });
        Runs { script, gate: Some(gate_file), log, heard, tell, backlog: RefCell::default() }
    }

    fn env(&self) -> [(&'static str, &str); 1] {
        [("NTM_TYPST", self.script.to_str().unwrap())]
    }

    /// Starts `ntm args` in the background: its pid.
    fn start(&self, case: &Case, args: &[&str]) -> u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ntm"))
            .current_dir(case.dir.path())
            .args(args)
            .env_remove("NTM_FONT_PATH")
            .envs(self.env())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start ntm");
        let pid = child.id();
        let stderr = child.stderr.take().unwrap();
        let tell = self.tell.clone();
        thread::spawn(move || {
            let mut all = String::new();
            let mut stderr = BufReader::new(stderr);
            let mut line = String::new();
            while stderr.read_line(&mut line).unwrap() > 0 {
                all.push_str(&line);
                let _ = tell.send(Heard::Said(pid, std::mem::take(&mut line)));
            }
            let code = child.wait().unwrap().code().unwrap_or(-1);
            let _ = tell.send(Heard::Ended(pid, code, all));
        });
        pid
    }

    /// Blocks until `wanted` is heard; anything `forbidden` heard first
    /// fails the test.
    fn until<T>(&self, mut wanted: impl FnMut(&Heard) -> Option<T>, forbidden: impl Fn(&Heard) -> bool) -> T {
        let earlier = std::mem::take(&mut *self.backlog.borrow_mut());
        let mut kept = VecDeque::new();
        let mut found = None;
        for heard in earlier {
            if found.is_some() {
                kept.push_back(heard);
                continue;
            }
            // Already judged by the wait it was heard in.
            found = wanted(&heard);
            if found.is_none() {
                kept.push_back(heard);
            }
        }
        *self.backlog.borrow_mut() = kept;
        if let Some(found) = found {
            return found;
        }
        loop {
            // A bound, not a wait: a run that never answers fails the test
            // instead of holding the suite until CI gives up.
            let heard = self
                .heard
                .recv_timeout(std::time::Duration::from_secs(180))
                .unwrap_or_else(|_| panic!("nothing heard for 180 s; heard before: {:?}", self.backlog.borrow()));
            if let Some(found) = wanted(&heard) {
                return found;
            }
            assert!(!forbidden(&heard), "heard {heard:?}");
            self.backlog.borrow_mut().push_back(heard);
        }
    }

    /// Waits for run `pid` to end: its exit code and stderr. Saying from
    /// now on that it waits for the folder fails the test.
    fn ended(&self, pid: u32) -> (i32, String) {
        self.until(
            |h| match h {
                Heard::Ended(p, code, all) if *p == pid => Some((*code, all.clone())),
                _ => None,
            },
            |h| matches!(h, Heard::Said(p, line) if *p == pid && line.contains(WAITING)),
        )
    }

    /// Waits for run `pid` to reach typesetting (so it holds the folder).
    fn typesetting(&self, pid: u32) {
        self.until(
            |h| matches!(h, Heard::Typesetting(p) if *p == pid).then_some(()),
            |h| matches!(h, Heard::Ended(p, ..) if *p == pid),
        )
    }

    fn open(&mut self) {
        self.gate.take();
    }

    fn compiles(&self) -> usize {
        let mut log = String::new();
        let _ = File::open(&self.log).and_then(|mut f| f.read_to_string(&mut log));
        log.lines().count()
    }
}

/// The example workspace, and a build of it held at typesetting (so it
/// holds the output folder): its pid.
fn a_build_at_the_gate() -> (Case, Runs, u32) {
    let case = Case::example();
    let runs = Runs::new(&case);
    let pid = runs.start(&case, &["build"]);
    runs.typesetting(pid);
    (case, runs, pid)
}

#[test]
fn two_builds_started_together_issue_each_document_once() {
    let (case, mut runs, first) = a_build_at_the_gate();

    // The second build waits, says for whom, and typesets nothing meanwhile.
    let second = runs.start(&case, &["build"]);
    let said = runs.until(
        |h| match h {
            Heard::Said(p, line) if *p == second && line.contains(WAITING) => Some(line.clone()),
            _ => None,
        },
        |h| matches!(h, Heard::Typesetting(p) | Heard::Ended(p, ..) if *p == second),
    );
    assert!(said.contains(&format!("(pid {first}, bắt đầu cách đây ")), "{said}");
    assert!(said.contains("ghi xong vào thư mục kết quả `output`"), "{said}");

    // Meanwhile `check` does not wait, and a run told not to wait gives up.
    let check = runs.start(&case, &["check"]);
    let (code, stderr) = runs.ended(check);
    assert_eq!(code, 0, "{stderr}");
    for args in [&["build", "--no-wait"][..], &["forms", "--no-wait"], &["archive", "export", "--no-wait"]] {
        let run = runs.start(&case, args);
        let (code, stderr) = runs.ended(run);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        let busy = format!("lỗi: thư mục kết quả `output` đang bận: một lần chạy khác của ntm (pid {first}, ");
        assert!(stderr.contains(&busy), "{args:?}: {stderr}");
        assert!(stderr.contains("bỏ `--no-wait` để ntm tự chờ"), "{stderr}");
    }

    runs.open();
    let (code, stderr) = runs.ended(first);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains(WAITING), "{stderr}");
    assert!(stderr.contains("Tổng kết: 14 văn bản đã ghi, 0 không thay đổi"), "{stderr}");
    let (code, stderr) = runs.ended(second);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("Lần chạy kia đã xong (chờ "), "{stderr}");
    assert!(stderr.contains("Tổng kết: 0 văn bản đã ghi, 14 không thay đổi"), "{stderr}");

    assert_eq!(runs.compiles(), 14, "each document typeset once");
    let db = rusqlite::Connection::open(case.path("output/so-dang-ky.sqlite")).unwrap();
    let (rows, documents): (i64, i64) = db
        .query_row("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM entries", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(rows, documents, "a document recorded twice");
    case.ntm(&["archive", "verify"]).assert_code(0);
}

#[test]
fn a_killed_runs_lock_is_taken_over() {
    let (case, mut runs, killed) = a_build_at_the_gate();
    assert!(Command::new("kill").args(["-KILL", &killed.to_string()]).status().unwrap().success());
    assert_eq!(runs.ended(killed).0, -1, "killed by a signal");
    // Its files stay behind, naming it…
    let holder = case.read("output/.ntm-lock-holder");
    assert!(holder.contains(&format!("pid={killed}")), "{holder}");
    assert!(case.path("output/.ntm-lock").is_file());

    // …but hold nothing: the next run goes ahead at once. (Its typst
    // calls, orphaned at the gate, must not hold the lock either.)
    let run = case.ntm(&["forms", "--no-wait"]);
    run.assert_code(0);
    assert!(!run.stderr.contains(WAITING), "{}", run.stderr);
    let holder = case.read("output/.ntm-lock-holder");
    assert!(!holder.contains(&format!("pid={killed}")), "the new run wrote itself down: {holder}");
    runs.open();
}
