//! Legacy Vietnamese encodings decided per sheet, not per cell.
//!
//! A clerk types a whole sheet in one font: when that font is `.VnTime`
//! (TCVN3) or `VNI-Times`, every text cell of the sheet holds that
//! encoding, including short ones that also read as Unicode ("Cã" is TCVN3
//! for "Có" and a well-formed "Cã" as it stands). Judged cell by cell, such
//! cells stay unconverted and a village's yes/no answers fail at every
//! cell; judged by the sheet, they convert with the rest.
//!
//! The rule, applied to the text cells of a sheet before any reader looks
//! at them:
//! - Cells that score as legacy on their own (`vi::legacy::detect`) and
//!   cells holding letters no legacy font can (`has_unicode_letters`) are
//!   the sheet's evidence; ASCII and ambiguous cells are no evidence.
//! - No legacy cell: a Unicode (or plain) sheet, never converted.
//! - One encoding holds most of the evidence: the sheet is in that font;
//!   every cell that can be legacy text is converted with it
//!   (`convert_as`), unless the reading makes the cell less Vietnamese
//!   than it is as written.
//! - Otherwise the sheet is mixed: only the cells that score as legacy on
//!   their own are converted, and a note at the first says so.

use super::a1;
use crate::diag::{Diagnostic, Location};
use crate::vi::legacy::{self, Legacy};

/// What the legacy conversion of a sheet did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The encoding of the sheet (of most converted cells, when mixed).
    pub encoding: Legacy,
    /// Whether the whole sheet was read in `encoding`; `false` for a mixed
    /// sheet, where only the cells that read as legacy were converted.
    pub whole_sheet: bool,
    /// The first converted cell (absolute, 0-based).
    pub first: (u32, u32),
    /// How many cells were converted.
    pub cells: usize,
}

impl Converted {
    /// The note a reader leaves at the first converted cell, so the office
    /// knows the village's text was converted and can check it.
    pub fn note(&self, path: &std::path::Path, sheet: &str) -> Diagnostic {
        let at =
            Location::Cell { file: path.to_path_buf(), sheet: sheet.to_string(), cell: a1(self.first.0, self.first.1) };
        let font = font_name(self.encoding);
        if self.whole_sheet {
            Diagnostic::note(
                at,
                format!(
                    "trang tính gõ bằng phông chữ cũ {font}: ntm đã chuyển {} ô chữ sang Unicode để đọc",
                    self.cells
                ),
            )
        } else {
            Diagnostic::note(
                at,
                format!(
                    "trang tính lẫn chữ Unicode với chữ gõ bằng phông cũ {font}: {} ô đọc được như phông cũ \
                     (ô đầu tiên ở đây) đã được chuyển sang Unicode, các ô khác giữ nguyên",
                    self.cells
                ),
            )
            .with_hint("kiểm tra lại các ô này; nên gõ cả trang bằng một phông Unicode như Times New Roman")
        }
    }
}

fn font_name(legacy: Legacy) -> &'static str {
    match legacy {
        Legacy::Tcvn3 => "TCVN3 (.VnTime)",
        Legacy::Vni => "VNI (VNI-Times)",
    }
}

/// Where a distinct text of a sheet is used: how many cells hold it and the
/// first of them (absolute, 0-based, in reading order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uses {
    pub cells: usize,
    pub first: (u32, u32),
}

/// Converts the legacy text of a sheet in place, by the rule of the module,
/// and says what it did (`None`: nothing was converted).
///
/// `texts` are the sheet's distinct texts and `uses[i]` the cells holding
/// `texts[i]`: each text is judged and converted once, and counts for as
/// many cells as hold it, so the sheet is decided as if every cell were
/// judged on its own. A yes/no column repeats a handful of answers 8,000
/// times; judging each cell was most of this pass.
pub fn convert_sheet(texts: &mut [String], uses: &[Uses]) -> Option<Converted> {
    let (mut tcvn3, mut vni, mut unicode) = (0usize, 0usize, 0usize);
    for (text, used) in texts.iter().zip(uses).filter(|(_, used)| used.cells > 0) {
        if legacy::in_legacy_range(text) {
            match legacy::detect(text) {
                Some(Legacy::Tcvn3) => tcvn3 += used.cells,
                Some(Legacy::Vni) => vni += used.cells,
                None => {}
            }
        } else if legacy::has_unicode_letters(text) {
            unicode += used.cells;
        }
    }
    if tcvn3 + vni == 0 {
        return None;
    }
    let (encoding, own) = if tcvn3 >= vni { (Legacy::Tcvn3, tcvn3) } else { (Legacy::Vni, vni) };
    let whole_sheet = own * 2 > tcvn3 + vni + unicode;

    let mut converted: Option<Converted> = None;
    for (text, used) in texts.iter_mut().zip(uses).filter(|(_, used)| used.cells > 0) {
        let reading = if whole_sheet {
            legacy::convert_as(text, encoding)
        } else {
            match legacy::to_unicode(text) {
                std::borrow::Cow::Owned(reading) => Some(reading),
                std::borrow::Cow::Borrowed(_) => None,
            }
        };
        if let Some(reading) = reading {
            *text = reading;
            match &mut converted {
                Some(done) => {
                    done.cells += used.cells;
                    done.first = done.first.min(used.first);
                }
                None => converted = Some(Converted { encoding, whole_sheet, first: used.first, cells: used.cells }),
            }
        }
    }
    converted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One cell a text, down column A.
    struct Sheet {
        texts: Vec<String>,
        uses: Vec<Uses>,
    }

    fn sheet(texts: &[&str]) -> Sheet {
        Sheet {
            texts: texts.iter().map(|t| (*t).to_string()).collect(),
            uses: (0..texts.len()).map(|i| Uses { cells: 1, first: (i as u32, 0) }).collect(),
        }
    }

    fn convert_sheet(sheet: &mut Sheet) -> Option<Converted> {
        super::convert_sheet(&mut sheet.texts, &sheet.uses)
    }

    fn texts(sheet: &Sheet) -> Vec<String> {
        sheet.texts.clone()
    }

    #[test]
    fn a_tcvn3_sheet_converts_even_its_short_answers() {
        let mut values = sheet(&["M· hé", "Hä vµ tªn chñ hé", "NguyÔn V¨n An", "Cã", "cã", "Kh«ng", "12", "Kiªn cè"]);
        let done = convert_sheet(&mut values).expect("converted");
        assert_eq!(
            texts(&values),
            ["Mã hộ", "Họ và tên chủ hộ", "Nguyễn Văn An", "Có", "có", "Không", "12", "Kiên cố"]
        );
        assert_eq!((done.encoding, done.whole_sheet, done.first, done.cells), (Legacy::Tcvn3, true, (0, 0), 7));
    }

    #[test]
    fn a_vni_sheet_converts_whole() {
        let mut values = sheet(&["Maõ hoä", "Hoï vaø teân chuû hoä", "Nguyeãn Vaên An", "Coù", "Khoâng"]);
        let done = convert_sheet(&mut values).expect("converted");
        assert_eq!(texts(&values), ["Mã hộ", "Họ và tên chủ hộ", "Nguyễn Văn An", "Có", "Không"]);
        assert_eq!((done.encoding, done.whole_sheet), (Legacy::Vni, true));
    }

    #[test]
    fn a_unicode_sheet_is_never_converted() {
        // "Cã" and "Có" read as TCVN3 too; in a Unicode sheet they stay.
        let original = ["Mã hộ", "Họ và tên chủ hộ", "Cã", "Có", "Không", "Nguyễn Văn Ân"];
        let mut values = sheet(&original);
        assert_eq!(convert_sheet(&mut values), None);
        assert_eq!(texts(&values), original);
    }

    #[test]
    fn a_mixed_sheet_converts_only_the_legacy_cells_and_says_where() {
        let mut values =
            sheet(&["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu", "Trần Thị Bình", "NguyÔn V¨n An", "Cã", "Có"]);
        let done = convert_sheet(&mut values).expect("converted");
        assert_eq!(
            texts(&values),
            ["Mã hộ", "Họ và tên chủ hộ", "Số nhân khẩu", "Trần Thị Bình", "Nguyễn Văn An", "Cã", "Có"]
        );
        assert_eq!((done.whole_sheet, done.first, done.cells), (false, (4, 0), 1));
        let note = done.note(std::path::Path::new("thon-1.xlsx"), "Hộ gia đình");
        assert!(note.message.contains("lẫn chữ Unicode") && note.message.contains("TCVN3"), "{}", note.message);
        assert_eq!(
            note.location,
            Location::Cell { file: "thon-1.xlsx".into(), sheet: "Hộ gia đình".into(), cell: "A5".into() }
        );
    }

    #[test]
    fn ascii_is_untouched() {
        let mut values = sheet(&["HGD-01", "12", "x"]);
        assert_eq!(convert_sheet(&mut values), None);
        assert_eq!(texts(&values), ["HGD-01", "12", "x"]);
    }

    #[test]
    fn a_text_counts_for_every_cell_that_holds_it() {
        // One TCVN3 answer in three cells outweighs two Unicode names held
        // once each, as three cells judged one by one would: the whole sheet
        // is TCVN3 and its first converted cell is the earliest of the three.
        let mut values = Sheet {
            texts: vec!["Trần Thị Bình".into(), "Kh«ng".into(), "Lê Văn Ân".into()],
            uses: vec![
                Uses { cells: 1, first: (0, 0) },
                Uses { cells: 3, first: (1, 2) },
                Uses { cells: 1, first: (2, 0) },
            ],
        };
        let done = convert_sheet(&mut values).expect("converted");
        assert_eq!(texts(&values), ["Trần Thị Bình", "Không", "Lê Văn Ân"]);
        assert_eq!((done.whole_sheet, done.first, done.cells), (true, (1, 2), 3));

        // A text no cell holds any more (a cell given twice) is no evidence.
        let mut values = Sheet {
            texts: vec!["NguyÔn V¨n An".into(), "Có".into()],
            uses: vec![Uses { cells: 0, first: (0, 0) }, Uses { cells: 1, first: (1, 0) }],
        };
        assert_eq!(convert_sheet(&mut values), None);
    }
}
