//! What can go wrong with the register, said in Vietnamese for the clerk,
//! always naming the file concerned so the message can be acted on.

use std::io;
use std::path::PathBuf;

use super::Entry;

/// A failure of the register or of a file ntm reads or writes beside it.
/// Entries are boxed: the error travels through `Result`s on every call.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("không mở được sổ đăng ký `{}`: {source}", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },

    #[error(
        "sổ đăng ký `{}` do một phiên bản ntm mới hơn tạo ra (lược đồ số {found}, phiên bản này chỉ đọc được đến số {known})",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64, known: i64 },

    #[error("sổ đăng ký `{}` bị hỏng: {detail}", path.display())]
    Corrupt { path: PathBuf, detail: String },

    #[error("lỗi khi đọc hoặc ghi sổ đăng ký `{}`: {source}", path.display())]
    Database { path: PathBuf, source: rusqlite::Error },

    #[error(
        "văn bản `{}` đã được ban hành ({}, tệp `{}`) theo sổ đăng ký `{}`; văn bản đã ban hành thì không ghi lại",
        existing.recorded.doc_id, existing.label(), existing.recorded.pdf_path, path.display()
    )]
    AlreadyIssued { path: PathBuf, existing: Box<Entry> },

    #[error(
        "số {number} ({type_code}, sổ {series}) đã cấp cho văn bản `{}` ({}) theo sổ đăng ký `{}`; văn bản `{doc_id}` không được dùng lại số này",
        holder.recorded.doc_id, holder.label(), path.display()
    )]
    NumberTaken { path: PathBuf, doc_id: String, type_code: String, series: String, number: u32, holder: Box<Entry> },

    #[error(
        "tệp `{pdf_path}` đã là tệp của văn bản `{}` ({}) trong sổ đăng ký `{}`; mỗi lần ban hành phải là một tệp mới",
        holder.recorded.doc_id, holder.label(), path.display()
    )]
    PdfTaken { path: PathBuf, pdf_path: String, holder: Box<Entry> },

    #[error("không thay thế được dòng số {id} của sổ đăng ký `{}`: {reason}", path.display())]
    CannotSupersede { path: PathBuf, id: i64, reason: String },

    #[error("không đọc hoặc ghi được tệp `{}`: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },

    #[error("không tạo được bảng tính `{}`: {source}", path.display())]
    Export { path: PathBuf, source: rust_xlsxwriter::XlsxError },
}

impl RegisterError {
    /// How to get past the problem, when ntm knows.
    pub fn hint(&self) -> Option<String> {
        match self {
            RegisterError::TooNew { .. } => {
                Some("cập nhật ntm lên phiên bản mới nhất; không sửa sổ đăng ký bằng tay".to_string())
            }
            RegisterError::Corrupt { .. } | RegisterError::Open { .. } => Some(
                "khôi phục tệp sổ đăng ký từ bản sao lưu gần nhất; không xóa nó: sổ là căn cứ của các số đã cấp"
                    .to_string(),
            ),
            RegisterError::AlreadyIssued { .. } => Some(
                "muốn ban hành bản mới thay thế bản cũ thì chạy lại với `--supersede`; bản cũ và dòng của nó trong sổ được giữ lại"
                    .to_string(),
            ),
            RegisterError::NumberTaken { .. } => {
                Some("đổi `number` sang một số khác, hoặc ghi `number: auto` để lấy số tiếp theo".to_string())
            }
            _ => None,
        }
    }
}
