//! Finding the Times-compatible font ntm typesets with.
//!
//! Typst is run with system and embedded fonts ignored and one font folder
//! given, so a PDF never silently falls back to another face: the folder must
//! hold all four styles of Times New Roman or of its metric twin, Liberation
//! Serif (full Vietnamese coverage, spec D).

use std::env;
use std::path::{Path, PathBuf};

use crate::error::Fatal;

pub const FONT_ENV: &str = "NTM_FONT_PATH";

/// The family named in sources when no font folder was looked for (`ntm check`).
pub const FALLBACK_FAMILY: &str = "Liberation Serif";

/// The folders searched when `NTM_FONT_PATH` is not set, after the bundled
/// one, in order. Liberation Serif 2 comes first: its Vietnamese coverage
/// is known to be complete, that of old Times New Roman packages is not.
/// None on Windows: there the package's own folder is the font, so a PC's
/// fonts never change a document (Times New Roman only when asked for).
#[cfg(not(windows))]
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/msttcorefonts",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-serif",
    "/usr/local/share/fonts",
    "/Library/Fonts",
];
#[cfg(windows)]
const CANDIDATES: &[&str] = &[];

/// The four styles, as file names of each family: the first two as font
/// packages name them, the third as Windows does in `C:\Windows\Fonts`.
const FAMILIES: [(&str, [&str; 4]); 3] = [
    (
        "Times New Roman",
        [
            "Times_New_Roman.ttf",
            "Times_New_Roman_Bold.ttf",
            "Times_New_Roman_Italic.ttf",
            "Times_New_Roman_Bold_Italic.ttf",
        ],
    ),
    (
        "Liberation Serif",
        [
            "LiberationSerif-Regular.ttf",
            "LiberationSerif-Bold.ttf",
            "LiberationSerif-Italic.ttf",
            "LiberationSerif-BoldItalic.ttf",
        ],
    ),
    ("Times New Roman", ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"]),
];

/// The folder of fonts shipped beside ntm's executable (the Windows
/// package's `fonts`), so a PC's own fonts never change a document.
const BUNDLED: &str = "fonts";

/// A folder holding a complete serif family.
#[derive(Debug, Clone)]
pub struct FontDir {
    pub path: PathBuf,
    pub family: &'static str,
}

#[cfg(not(windows))]
const HINT: &str = "chạy `make setup` (cài gói fonts-liberation2), hoặc đặt biến NTM_FONT_PATH trỏ tới thư mục chứa \
     phông Times New Roman hay Liberation Serif đủ bốn kiểu thường, đậm, nghiêng, đậm nghiêng";
#[cfg(windows)]
const HINT: &str = "thư mục fonts cạnh ntm.exe phải có đủ bốn tệp LiberationSerif-*.ttf: giải nén lại toàn bộ tệp \
     ntm-windows-x64.zip; hoặc đặt biến NTM_FONT_PATH=%WINDIR%\\Fonts để dùng Times New Roman của Windows";

impl FontDir {
    pub fn locate() -> Result<FontDir, Fatal> {
        if let Some(dir) = env::var_os(FONT_ENV).filter(|d| !d.is_empty()) {
            let dir = PathBuf::from(dir);
            return complete_family(&dir).map(|family| FontDir { path: dir.clone(), family }).ok_or_else(|| {
                Fatal::environment(format!(
                    "thư mục phông `{}` (biến NTM_FONT_PATH) không có đủ bốn kiểu của Times New Roman hay Liberation Serif",
                    dir.display()
                ))
                .with_hint(HINT)
            });
        }
        bundled()
            .into_iter()
            .chain(CANDIDATES.iter().map(PathBuf::from))
            .find_map(|dir| complete_family(&dir).map(|family| FontDir { path: dir, family }))
            .ok_or_else(|| {
                Fatal::environment("không tìm thấy phông chữ Times New Roman hay Liberation Serif").with_hint(HINT)
            })
    }
}

fn bundled() -> Option<PathBuf> {
    Some(env::current_exe().ok()?.parent()?.join(BUNDLED))
}

fn complete_family(dir: &Path) -> Option<&'static str> {
    FAMILIES
        .iter()
        .find(|(_, files)| files.iter().all(|f| dir.join(f).is_file() || dir.join(f.to_lowercase()).is_file()))
        .map(|(family, _)| *family)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            std::fs::write(dir.path().join(f), b"").unwrap();
        }
        dir
    }

    #[test]
    fn a_family_needs_its_four_styles() {
        let liberation = ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf"];
        assert_eq!(complete_family(folder(&liberation).path()), None, "three styles of four");
        let four = [&liberation[..], &["LiberationSerif-BoldItalic.ttf"]].concat();
        assert_eq!(complete_family(folder(&four).path()), Some("Liberation Serif"));
    }

    #[test]
    fn windows_own_times_new_roman_is_recognised() {
        // As in C:\Windows\Fonts, among many other faces.
        let dir = folder(&["arial.ttf", "times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf", "tahoma.ttf"]);
        assert_eq!(complete_family(dir.path()), Some("Times New Roman"));
    }
}
