//! Writes the Windows package, `ntm-windows-x64.zip` (issue #18): one
//! folder `NTM` a clerk unzips and double-clicks in. `make windows` builds
//! the two programs and calls this with where everything is:
//!
//! ```sh
//! cargo run --example windows_package -- OUT.zip NTM.EXE TYPST.EXE \
//!     FONT_DIR FONT_LICENCE TYPST_LICENCE TEXTS_DIR WORKSPACE_DIR
//! ```
//!
//! The same inputs give the same bytes: entries in name order, every time
//! stamp 1980-01-01, fixed permissions, one compression level. Texts a
//! clerk opens in Notepad or cmd.exe (`.txt`, `.bat`) get Windows line
//! endings, and `HUONG-DAN.txt` a byte-order mark so every Notepad reads it
//! as UTF-8; the example workspace goes in as it is, as `vi-du`.

use std::collections::BTreeMap;
use std::error::Error;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The folder the zip unpacks to.
const TOP: &str = "NTM";
/// The four styles ntm typesets with (`typeset::fonts`).
const FONTS: [&str; 4] = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
];

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [out, ntm, typst, fonts, font_licence, typst_licence, texts, workspace] = args.as_slice() else {
        return Err("usage: windows_package OUT.zip NTM.EXE TYPST.EXE FONT_DIR FONT_LICENCE TYPST_LICENCE TEXTS_DIR WORKSPACE_DIR".into());
    };
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    entries.insert("ntm.exe".into(), read(ntm)?);
    entries.insert("typst.exe".into(), read(typst)?);
    for font in FONTS {
        entries.insert(format!("fonts/{font}"), read(&fonts.join(font))?);
    }
    entries.insert("fonts/GIAY-PHEP-OFL.txt".into(), windows_text(&read(font_licence)?, false));
    entries.insert("giay-phep/typst-Apache-2.0.txt".into(), windows_text(&read(typst_licence)?, false));
    for file in files(texts)? {
        let name = relative(texts, &file);
        let bytes = read(&file)?;
        let is_text = name.ends_with(".txt") || name.ends_with(".bat");
        let bytes = if is_text { windows_text(&bytes, name == "HUONG-DAN.txt") } else { bytes };
        entries.insert(name, bytes);
    }
    for file in files(workspace)? {
        entries.insert(format!("vi-du/{}", relative(workspace, &file)), read(&file)?);
    }
    write_zip(out, &entries)?;
    eprintln!("{}: {} tệp", out.display(), entries.len());
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, Box<dyn Error>> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// Every file under `dir`, in name order; hidden files (editor and system
/// leftovers) are left out.
fn files(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

/// `a/b/c` with forward slashes, as zip names are.
fn relative(dir: &Path, file: &Path) -> String {
    let rest = file.strip_prefix(dir).expect("found under dir");
    rest.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// CRLF line endings (cmd.exe misreads labels in LF batch files; old
/// Notepads show LF text as one line), optionally after a UTF-8 BOM.
fn windows_text(bytes: &[u8], bom: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = if bom { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    out.extend_from_slice(text.as_bytes());
    out
}

fn write_zip(out: &Path, entries: &BTreeMap<String, Vec<u8>>) -> Result<(), Box<dyn Error>> {
    if let Some(dir) = out.parent() {
        fs::create_dir_all(dir)?;
    }
    // Beside the final name, renamed when whole: no half-written zip.
    let tmp = out.with_extension("zip.tmp");
    let mut zip = ZipWriter::new(BufWriter::new(File::create(&tmp)?));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut dirs = std::collections::BTreeSet::new();
    for (name, bytes) in entries {
        let path = format!("{TOP}/{name}");
        // Each folder once, before its first file.
        let mut prefix = String::new();
        for part in path.split('/').rev().skip(1).collect::<Vec<_>>().into_iter().rev() {
            prefix.push_str(part);
            prefix.push('/');
            if dirs.insert(prefix.clone()) {
                zip.add_directory(prefix.as_str(), options.unix_permissions(0o755))?;
            }
        }
        zip.start_file(path.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    zip.finish()?.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    fs::rename(&tmp, out)?;
    Ok(())
}
