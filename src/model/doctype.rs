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
    // NĐ 30 Phụ lục III: giấy mời (GM); a Party committee invites by công văn.
    t("giay-moi", "GIẤY MỜI", None, Some("GM")),
    // Unnumbered paper (the village scorecard): no symbol of its own.
    t("phieu-danh-gia", "PHIẾU ĐÁNH GIÁ", None, None),
];

/// Looks a type up by its key.
pub fn find(key: &str) -> Option<&'static DocType> {
    DOC_TYPES.iter().find(|t| t.key == key)
}

/// The keys, for "expected one of" messages.
pub fn keys() -> String {
    DOC_TYPES.iter().map(|t| t.key).collect::<Vec<_>>().join(", ")
}
