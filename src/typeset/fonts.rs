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

/// The folders searched when `NTM_FONT_PATH` is not set, in order. Liberation
/// Serif 2 comes first: its Vietnamese coverage is known to be complete,
/// that of old Times New Roman packages is not.
const CANDIDATES: [&str; 6] = [
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/msttcorefonts",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-serif",
    "/usr/local/share/fonts",
    "/Library/Fonts",
];

/// The four styles, as file names of each family.
const FAMILIES: [(&str, [&str; 4]); 2] = [
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
];

/// A folder holding a complete serif family.
#[derive(Debug, Clone)]
pub struct FontDir {
    pub path: PathBuf,
    pub family: &'static str,
}

const HINT: &str = "chạy `make setup` (cài gói fonts-liberation2), hoặc đặt biến NTM_FONT_PATH trỏ tới thư mục chứa \
     phông Times New Roman hay Liberation Serif đủ bốn kiểu thường, đậm, nghiêng, đậm nghiêng";

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
        CANDIDATES
            .iter()
            .map(PathBuf::from)
            .find_map(|dir| complete_family(&dir).map(|family| FontDir { path: dir, family }))
            .ok_or_else(|| {
                Fatal::environment("không tìm thấy phông chữ Times New Roman hay Liberation Serif").with_hint(HINT)
            })
    }
}

fn complete_family(dir: &Path) -> Option<&'static str> {
    FAMILIES
        .iter()
        .find(|(_, files)| files.iter().all(|f| dir.join(f).is_file() || dir.join(f.to_lowercase()).is_file()))
        .map(|(family, _)| *family)
}
