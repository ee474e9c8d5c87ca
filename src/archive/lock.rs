//! One run at a time per output folder. Two `ntm build` started together
//! would each plan the same documents from the same register and then find
//! the other's work in their way; so every command that writes into the
//! output folder (`build`, `forms`, `archive export`) first holds an OS lock
//! on `.ntm-lock` there, and a second one waits for it (or, asked not to,
//! gives up). `check` writes nothing and never takes it.
//!
//! The lock is the operating system's (`flock`, `LockFileEx`), not the
//! file's existence: the kernel drops it when its process dies, so a killed
//! run's lock is taken over at once and a leftover file means nothing. The
//! file is never deleted either: a run unlinking it while another waits on
//! it would let a third lock a new file beside the second. Who holds the
//! lock (pid, start) is written to a second file, `.ntm-lock-holder`, only
//! for the waiting run's message: Windows lets nobody else read a file
//! locked with `LockFileEx`.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The file holding the lock, in the output folder.
pub const LOCK_FILE: &str = ".ntm-lock";
/// Who holds it, in the output folder.
pub const HOLDER_FILE: &str = ".ntm-lock-holder";

/// The output folder, held until dropped (or the process ends).
#[derive(Debug)]
pub struct OutputLock {
    _file: File,
}

/// The run holding the lock, as it wrote itself down; either may be
/// missing (a holder that has not written yet, an unreadable file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holder {
    pub pid: Option<u32>,
    /// Seconds since the Unix epoch.
    pub started: Option<u64>,
}

/// The lock is held by another run.
#[derive(Debug)]
pub struct Busy {
    file: File,
    output: PathBuf,
    pub holder: Holder,
}

#[derive(Debug)]
pub enum Attempt {
    Taken(OutputLock),
    Busy(Busy),
}

/// The lock file could not be made or locked.
#[derive(Debug)]
pub struct LockError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// Takes the lock of `output` (creating the folder) if nobody holds it.
pub fn try_take(output: &Path) -> Result<Attempt, LockError> {
    let path = output.join(LOCK_FILE);
    let error = |source| LockError { path: path.clone(), source };
    fs::create_dir_all(output).map_err(|source| LockError { path: output.to_path_buf(), source })?;
    // Not truncated: the file's content means nothing, and it is never replaced.
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(error)?;
    match file.try_lock() {
        Ok(()) => Ok(Attempt::Taken(hold(file, output))),
        Err(TryLockError::WouldBlock) => {
            let holder = fs::read_to_string(output.join(HOLDER_FILE)).map(|t| Holder::parse(&t)).unwrap_or_default();
            Ok(Attempt::Busy(Busy { file, output: output.to_path_buf(), holder }))
        }
        Err(TryLockError::Error(source)) => Err(error(source)),
    }
}

impl Busy {
    /// Blocks until the holder is done (or dies), then holds the lock.
    pub fn wait(self) -> Result<OutputLock, LockError> {
        match self.file.lock() {
            Ok(()) => Ok(hold(self.file, &self.output)),
            Err(source) => Err(LockError { path: self.output.join(LOCK_FILE), source }),
        }
    }
}

/// Writes this run down as the holder of the locked `file`.
fn hold(file: File, output: &Path) -> OutputLock {
    let holder = Holder { pid: Some(std::process::id()), started: Some(now()) };
    // Through a rename, so a waiting run never reads half of it; unsynced:
    // only that run's message reads it, and a failure costs no more than
    // the details of the message.
    let _ = super::write_if_changed(&output.join(HOLDER_FILE), holder.to_text().as_bytes());
    OutputLock { _file: file }
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

impl Holder {
    fn to_text(&self) -> String {
        let mut text = String::new();
        if let Some(pid) = self.pid {
            text.push_str(&format!("pid={pid}\n"));
        }
        if let Some(started) = self.started {
            text.push_str(&format!("started={started}\n"));
        }
        text
    }

    /// Reads what `to_text` wrote; anything else (a file being written) is
    /// left out.
    fn parse(text: &str) -> Holder {
        let mut holder = Holder::default();
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => holder.pid = v.trim().parse().ok(),
                Some(("started", v)) => holder.started = v.trim().parse().ok(),
                _ => {}
            }
        }
        holder
    }

    /// `pid 4242, bắt đầu cách đây 3 phút 5 giây`, or less when unknown.
    /// How long ago rather than a time of day: ntm knows no time zone.
    pub fn describe(&self) -> Option<String> {
        let ago = self.started.map(|s| format!("bắt đầu cách đây {}", duration(now().saturating_sub(s))));
        let parts: Vec<String> = self.pid.map(|p| format!("pid {p}")).into_iter().chain(ago).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// `45 giây`, `3 phút 5 giây`, `2 giờ 10 phút`.
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    match (h, m) {
        (0, 0) => format!("{s} giây"),
        (0, _) if s == 0 => format!("{m} phút"),
        (0, _) => format!("{m} phút {s} giây"),
        _ if m == 0 => format!("{h} giờ"),
        _ => format!("{h} giờ {m} phút"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(attempt: Attempt) -> OutputLock {
        match attempt {
            Attempt::Taken(lock) => lock,
            Attempt::Busy(busy) => panic!("busy: {:?}", busy.holder),
        }
    }

    #[test]
    fn a_second_taker_finds_the_folder_busy_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("output");
        let first = taken(try_take(&output).unwrap());
        let Attempt::Busy(busy) = try_take(&output).unwrap() else { panic!("taken twice") };
        assert_eq!(busy.holder.pid, Some(std::process::id()));
        assert!(busy.holder.started.is_some_and(|s| s <= now()));
        drop(first);
        let _second = busy.wait().unwrap();
        assert!(matches!(try_take(&output).unwrap(), Attempt::Busy(_)), "the waiter holds it now");
    }

    #[test]
    fn a_lock_file_left_behind_holds_nothing() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(LOCK_FILE), "anything").unwrap();
        fs::write(dir.path().join(HOLDER_FILE), "pid=999999999\nstarted=1\n").unwrap();
        let _lock = taken(try_take(dir.path()).unwrap());
        let holder = Holder::parse(&fs::read_to_string(dir.path().join(HOLDER_FILE)).unwrap());
        assert_eq!(holder.pid, Some(std::process::id()), "the new holder wrote itself down");
    }

    #[test]
    fn holders_are_described_with_what_is_known() {
        let holder = Holder::parse("pid=4242\nstarted=12\n");
        assert_eq!(holder.pid, Some(4242));
        assert!(holder.describe().unwrap().starts_with("pid 4242, bắt đầu cách đây "));
        assert_eq!(Holder::parse("pid=42").describe().as_deref(), Some("pid 42"));
        assert_eq!(Holder::parse("pi").describe(), None);
        assert_eq!(duration(45), "45 giây");
        assert_eq!(duration(185), "3 phút 5 giây");
        assert_eq!(duration(120), "2 phút");
        assert_eq!(duration(7800), "2 giờ 10 phút");
        assert_eq!(duration(7200), "2 giờ");
    }
}
