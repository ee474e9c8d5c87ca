//! Stage 5, archive: where issued files go and how they get there.
//!
//! Every file ntm writes goes through a temporary file in the same folder,
//! is flushed to disk, then renamed over its final name, so a run killed at
//! any moment leaves either the old file or the new one, never half of one.

pub mod export;
pub mod lock;
pub mod naming;
pub mod register;
pub mod verify;

/// Folder under the output folder that keeps each document's Typst
/// sources; `verify` does not take it for issued papers.
pub const BUILD_DIR: &str = "build";

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::NamedTempFile;

/// Prefix of ntm's temporary files; leftovers of a killed run are removed at
/// the start of the next one.
const TEMP_PREFIX: &str = ".ntm-tmp-";

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(path);
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(dir)?;
    readable_by_all(tmp.as_file())?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    replace(tmp, path)?;
    sync_dir(dir);
    Ok(())
}

/// Writes a working file (a document's staged Typst sources) when its
/// content changed: still through a temporary file and a rename, so no
/// reader sees half of it, but without waiting for the disk — these files
/// are remade by every build, and a build of 200 documents stages
/// thousands of them, most unchanged. Says whether it wrote.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let dir = parent(path);
    fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).tempfile_in(dir)?;
    readable_by_all(tmp.as_file())?;
    tmp.write_all(bytes)?;
    replace(tmp, path)?;
    Ok(true)
}

/// A temporary file beside `final_path` for a program (typst) to write into;
/// `commit` moves it into place, dropping it deletes it.
pub struct Pending {
    tmp: NamedTempFile,
    final_path: PathBuf,
}

impl Pending {
    pub fn new(final_path: &Path) -> io::Result<Pending> {
        let dir = parent(final_path);
        fs::create_dir_all(dir)?;
        let suffix = final_path.extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default();
        let tmp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(&suffix).tempfile_in(dir)?;
        readable_by_all(tmp.as_file())?;
        Ok(Pending { tmp, final_path: final_path.to_path_buf() })
    }

    /// Where the writer should write.
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn commit(self) -> io::Result<PathBuf> {
        // The writer wrote through its own handle: reopen to flush to disk,
        // for writing, since Windows flushes only through such a handle
        // (a read-only one is refused with "Access denied").
        File::options().write(true).open(self.tmp.path())?.sync_all()?;
        replace(self.tmp, &self.final_path)?;
        sync_dir(parent(&self.final_path));
        Ok(self.final_path)
    }
}

/// How often, and how long apart, a refused rename is tried again: on
/// Windows a virus scanner or the search indexer opens a new file for a
/// moment, and the rename over it is refused meanwhile.
const REPLACE_TRIES: u32 = 8;
const REPLACE_PAUSE: Duration = Duration::from_millis(60);

/// Renames the temporary file over `path`. Where that is refused because
/// the old file is open in another program (Windows will not replace a PDF
/// open in a reader; it says "Access denied" for a read-only file too, so
/// the message names both), the error says so in words a clerk can act on; the
/// temporary file is removed, the old file stays whole.
fn replace(tmp: NamedTempFile, path: &Path) -> io::Result<()> {
    let mut tmp = tmp;
    let mut tries = 1;
    loop {
        match tmp.persist(path) {
            Ok(_) => return Ok(()),
            Err(err) if is_refused(&err.error) && tries < REPLACE_TRIES => {
                tmp = err.file;
                tries += 1;
                std::thread::sleep(REPLACE_PAUSE);
            }
            Err(err) if is_refused(&err.error) => return Err(open_elsewhere(path, &err.error)),
            Err(err) => return Err(err.error),
        }
    }
}

/// A rename refused because the target is in use: "Access denied" (5) or
/// "sharing violation" (32) on Windows. Elsewhere a rename over an open
/// file succeeds, and a refusal is about rights, which waiting won't change.
fn is_refused(err: &io::Error) -> bool {
    cfg!(windows) && matches!(err.raw_os_error(), Some(5 | 32))
}

fn open_elsewhere(path: &Path, err: &io::Error) -> io::Error {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    io::Error::new(
        err.kind(),
        format!(
            "tệp `{name}` đang mở trong một chương trình khác (trình đọc PDF, Word, Excel…) nên không thay được; \
             hãy đóng tệp đó rồi chạy lại; nếu tệp không mở ở đâu, xem tệp hay thư mục có bị đặt chỉ đọc không ({err})"
        ),
    )
}

/// Removes temporary files a killed run left in `dir` (not recursive).
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Temporary files are created private (0600); what ntm issues is for the
/// whole office, as any file saved by hand would be (0644).
fn readable_by_all(file: &File) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Makes a rename durable. Not all systems can open a folder to sync it; the
/// rename itself is still atomic there, so failure is ignored.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn written_files_are_readable_by_the_office() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"x").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o644);
    }

    /// The file's identity: a rewrite goes through a new temporary file
    /// renamed over it, so it is another inode with the clock's mtime.
    #[cfg(unix)]
    fn identity(path: &Path) -> (u64, std::time::SystemTime) {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(path).unwrap();
        (meta.ino(), meta.modified().unwrap())
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_working_files_are_not_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("main.typ");
        write_if_changed(&path, b"a").unwrap();
        // An mtime no write can give, set rather than waited for.
        let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        File::options().write(true).open(&path).unwrap().set_modified(long_ago).unwrap();
        let first = identity(&path);
        assert_eq!(first.1, long_ago);
        assert!(!write_if_changed(&path, b"a").unwrap(), "said it wrote");
        assert_eq!(identity(&path), first, "the unchanged file was rewritten");
        assert!(write_if_changed(&path, b"b").unwrap(), "said it did not write");
        assert_eq!(fs::read(&path).unwrap(), b"b");
        let second = identity(&path);
        assert!(second.0 != first.0 && second.1 != long_ago, "a changed file is a new one: {second:?}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn dropped_pending_file_disappears() {
        let dir = tempfile::tempdir().unwrap();
        let final_path = dir.path().join("doc.pdf");
        let pending = Pending::new(&final_path).unwrap();
        fs::write(pending.path(), b"%PDF half").unwrap();
        drop(pending);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(!final_path.exists());
    }

    #[test]
    fn committed_pending_file_is_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let final_path = dir.path().join("doc.pdf");
        let pending = Pending::new(&final_path).unwrap();
        fs::write(pending.path(), b"%PDF").unwrap();
        pending.commit().unwrap();
        assert_eq!(fs::read(&final_path).unwrap(), b"%PDF");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temps_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".ntm-tmp-abc.pdf"), b"x").unwrap();
        fs::write(dir.path().join("keep.pdf"), b"x").unwrap();
        remove_stale_temps(dir.path());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["keep.pdf"]);
    }
}
