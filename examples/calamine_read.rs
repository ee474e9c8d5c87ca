//! The spreadsheet library's share of `ntm check`'s intake, measured alone:
//! open each workbook and walk every cell of its household sheet with
//! calamine exactly as ntm does (`Xlsx::new`, then the sheet's cell reader
//! with formulas, `load::workbook::sheet`), keeping nothing.
//!
//! ```sh
//! cargo run --release --example calamine_read -- <folder or .xlsx>...
//! ```
//!
//! `make bench` (bench/run.sh) times it on the same workbooks as `ntm
//! check`: its CPU time is the part of ntm's that is calamine's (inflating
//! the sheet, parsing its XML, looking up shared strings); the rest is
//! ntm's own. One thread: CPU time is what is compared.

use std::error::Error;
use std::fs;
use std::hint::black_box;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{DataRef, Reader, Xlsx};

/// The sheet ntm prefers (`inputs/forms/ho-gia-dinh.yaml`); else the first.
const SHEET: &str = "Hộ gia đình";

fn workbooks(arg: &Path) -> Vec<PathBuf> {
    if arg.is_file() {
        return vec![arg.to_path_buf()];
    }
    let mut found: Vec<PathBuf> =
        fs::read_dir(arg).map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    found.retain(|p| p.extension().is_some_and(|e| e == "xlsx"));
    found.sort();
    found
}

fn read(path: &Path) -> Result<(usize, usize), Box<dyn Error>> {
    let mut book = Xlsx::new(Cursor::new(fs::read(path)?))?;
    let names = book.sheet_names();
    let name = names.iter().find(|n| n.as_str() == SHEET).or(names.first()).ok_or("no sheet")?.clone();
    let mut reader = book.worksheet_cells_reader(&name)?;
    let (mut cells, mut texts) = (0, 0);
    while let Some(cell) = reader.next_cell_with_formula()? {
        cells += 1;
        if let DataRef::SharedString(text) = black_box(&cell.value) {
            texts += usize::from(!text.is_empty());
        }
    }
    Ok((cells, texts))
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).flat_map(|a| workbooks(Path::new(&a))).collect();
    if paths.is_empty() {
        eprintln!("usage: cargo run --release --example calamine_read -- <folder or .xlsx>...");
        std::process::exit(2);
    }
    let (mut cells, mut texts) = (0, 0);
    for path in &paths {
        match read(path) {
            Ok((c, t)) => (cells, texts) = (cells + c, texts + t),
            Err(err) => {
                eprintln!("{}: {err}", path.display());
                std::process::exit(1);
            }
        }
    }
    println!("calamine: {} workbooks, {cells} cells, {texts} shared-string cells", paths.len());
}
