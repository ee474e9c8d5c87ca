//! The kinds of document a commune issues, with their printed names and the
//! abbreviations used in document symbols.

use super::Family;

/// One document type. Abbreviations follow spec A.4 (Party) and B.4 (State,
/// NĐ 30 Phụ lục III); the UNSURE ones can be overridden per document with
/// `type_code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocType {
    pub key: &'static str,
    /// Printed type name, uppercase.
    pub name: &'static str,
    pub party_code: Option<&'static str>,
    pub state_code: Option<&'static str>,
}

impl DocType {
    /// The abbreviation for `family`, or `None` when that family does not
    /// issue this type (Party "kết luận" has no State counterpart).
    pub fn code(&self, family: Family) -> Option<&'static str> {
        match family {
            Family::Party => self.party_code,
            Family::State => self.state_code,
        }
    }
}

const fn t(
    key: &'static str,
    name: &'static str,
    party_code: Option<&'static str>,
    state_code: Option<&'static str>,
) -> DocType {
    DocType { key, name, party_code, state_code }
}

pub const DOC_TYPES: &[DocType] = &[
    t("nghi-quyet", "NGHỊ QUYẾT", Some("NQ"), Some("NQ")),
    t("quyet-dinh", "QUYẾT ĐỊNH", Some("QĐ"), Some("QĐ")),
    t("chi-thi", "CHỈ THỊ", Some("CT"), Some("CT")),
    t("ket-luan", "KẾT LUẬN", Some("KL"), None),
    t("quy-che", "QUY CHẾ", Some("QC"), Some("QC")),
    t("quy-dinh", "QUY ĐỊNH", Some("QĐ"), Some("QyĐ")),
    t("thong-tri", "THÔNG TRI", Some("TT"), None),
    t("thong-bao", "THÔNG BÁO", Some("TB"), Some("TB")),
    t("huong-dan", "HƯỚNG DẪN", Some("HD"), Some("HD")),
    t("chuong-trinh", "CHƯƠNG TRÌNH", Some("CTr"), Some("CTr")),
    t("ke-hoach", "KẾ HOẠCH", Some("KH"), Some("KH")),
    t("phuong-an", "PHƯƠNG ÁN", Some("PA"), Some("PA")),
    t("de-an", "ĐỀ ÁN", Some("ĐA"), Some("ĐA")),
    t("bao-cao", "BÁO CÁO", Some("BC"), Some("BC")),
    t("to-trinh", "TỜ TRÌNH", Some("TTr"), Some("TTr")),
    t("bien-ban", "BIÊN BẢN", Some("BB"), Some("BB")),
    // NĐ 30 Phụ lục III: giấy mời (GM), giấy giới thiệu (GGT); the Party's
    // "giấy tờ hành chính" (QĐ 399-QĐ/TW) take the same codes by practice.
    t("giay-moi", "GIẤY MỜI", Some("GM"), Some("GM")),
    t("giay-gioi-thieu", "GIẤY GIỚI THIỆU", Some("GGT"), Some("GGT")),
    // Công văn: no type name is printed; State symbols carry the drafting
    // unit instead of a type code (`23/UBND-VP`), Party ones `CV`. The State
    // code "CV" only names the numbering series in the register.
    t("cong-van", "CÔNG VĂN", Some("CV"), Some("CV")),
    // Unnumbered paper (the village scorecard): no symbol of its own.
    t("phieu-danh-gia", "PHIẾU ĐÁNH GIÁ", None, None),
];

impl DocType {
    /// A công văn: no type name, the trích yếu under the number (ô 5b).
    pub fn is_letter(&self) -> bool {
        self.key == "cong-van"
    }

    /// Types that carry "Kính gửi:" (NĐ 30 §II.9.d; spec A ô 9): letters,
    /// and submissions and reports sent upward.
    pub fn takes_addressees(&self) -> bool {
        matches!(self.key, "cong-van" | "to-trinh" | "bao-cao")
    }

    /// Types printed with an enacting authority line and an enacting word
    /// (NĐ 30 Phụ lục III mẫu 1.1–1.3; spec A ô 6 for Party decisions).
    pub fn enacts(&self) -> bool {
        matches!(self.key, "quyet-dinh" | "nghi-quyet")
    }

    /// Types that may attach documents "ban hành kèm theo" them.
    pub fn attaches(&self) -> bool {
        matches!(self.key, "quyet-dinh" | "nghi-quyet")
    }

    /// Minutes: two signature blocks (NĐ 30 mẫu 1.9; HD 16-HD/VPTW).
    pub fn is_minutes(&self) -> bool {
        self.key == "bien-ban"
    }

    /// The trích yếu is not printed under the type name (NĐ 30 mẫu 1.8:
    /// "GIẤY GIỚI THIỆU" stands alone).
    pub fn prints_summary(&self) -> bool {
        self.key != "giay-gioi-thieu"
    }
}

/// Looks a type up by its key.
pub fn find(key: &str) -> Option<&'static DocType> {
    DOC_TYPES.iter().find(|t| t.key == key)
}

/// The keys, for "expected one of" messages.
pub fn keys() -> String {
    DOC_TYPES.iter().map(|t| t.key).collect::<Vec<_>>().join(", ")
}
