//! What the forms say about each column, in Vietnamese. The instructions
//! sheet and the messages Excel shows on the household sheet are built from
//! the same sentences, so the two never disagree; the words quoted come
//! from the form file, so an office that renames a header or a category
//! sees its own words everywhere.

use crate::load::survey::{Column, ColumnKey, ColumnKind, Form, Housing, Poverty};

/// Excel refuses a data validation whose title or message is longer.
pub const TITLE_LIMIT: usize = 32;
pub const MESSAGE_LIMIT: usize = 255;

/// Everything the forms say about one column.
pub struct ColumnText {
    /// How to fill the column: the instructions row and the input message.
    pub how: String,
    /// What the cell takes, for the instructions table.
    pub accepted: String,
    /// Shown by Excel when a value breaks the column's rule; `None` for
    /// text columns, which take anything.
    pub error: Option<(String, String)>,
}

pub fn column_text(form: &Form, column: &Column) -> ColumnText {
    let header = |key: ColumnKey| quoted(&form.column(key).header);
    let this = quoted(&column.header);
    let choose = |words: &[String]| format!("Chọn trong danh sách: {}.", or_list(words));
    let list_error = |title: &str| {
        Some((
            title.to_string(),
            format!("Ô {this} chỉ nhận {}. Bấm mũi tên bên phải ô để chọn.", or_list(&column.allowed)),
        ))
    };
    let whole = |rule: &str| {
        Some(("Số không hợp lệ".to_string(), format!("Ô {this} cần một số nguyên {rule}, không kèm chữ hay đơn vị.")))
    };
    match column.key {
        ColumnKey::HouseholdId => ColumnText {
            how: "Mã riêng của hộ; bắt buộc ghi. Không được trùng với hộ nào trong cả xã, kể cả ở thôn khác. \
                  Hộ đã có từ đợt trước giữ nguyên mã cũ."
                .to_string(),
            accepted: "Chữ hoặc số, ví dụ T1-001.".to_string(),
            error: None,
        },
        ColumnKey::HeadName => ColumnText {
            how: "Họ và tên đầy đủ của chủ hộ, viết có dấu; bắt buộc ghi.".to_string(),
            accepted: "Chữ có dấu, ví dụ Nguyễn Thị Hằng.".to_string(),
            error: None,
        },
        ColumnKey::Members => ColumnText {
            how: "Số người trong hộ: số nguyên, ít nhất 1; bắt buộc ghi.".to_string(),
            accepted: "Số nguyên từ 1 trở lên.".to_string(),
            error: whole("từ 1 trở lên"),
        },
        ColumnKey::Income => ColumnText {
            how: "Tổng thu nhập cả năm của cả hộ, tính bằng triệu đồng; bắt buộc ghi. \
                  Số thập phân dùng dấu phẩy: 45,5 là 45 triệu 500 nghìn đồng. Không ghi chữ “triệu” hay “đồng” vào ô."
                .to_string(),
            accepted: "Số không âm, có thể có phần thập phân (45,5).".to_string(),
            error: Some((
                "Số không hợp lệ".to_string(),
                format!(
                    "Ô {this} cần một số không âm, đơn vị triệu đồng, không kèm chữ. Số thập phân dùng dấu phẩy \
                     (45,5); nếu Excel vẫn báo lỗi thì máy đang dùng dấu chấm, hãy gõ 45.5."
                ),
            )),
        },
        ColumnKey::Poverty => {
            let none = first_word(&form.poverty, Poverty::None);
            let none_how = match &none {
                Some(word) => format!("chọn {} hoặc để trống", quoted(word)),
                None => "để trống".to_string(),
            };
            ColumnText {
                how: format!(
                    "Hộ nghèo chọn {}, hộ cận nghèo chọn {}; hộ không thuộc diện nghèo, cận nghèo thì {none_how}.",
                    first_word(&form.poverty, Poverty::Poor).map(|w| quoted(&w)).unwrap_or_default(),
                    first_word(&form.poverty, Poverty::NearPoor).map(|w| quoted(&w)).unwrap_or_default(),
                ),
                accepted: format!("{} Để trống là không thuộc diện nào.", choose(&column.allowed)),
                error: list_error("Chọn trong danh sách"),
            }
        }
        ColumnKey::Housing => ColumnText {
            how: format!("Loại nhà ở của hộ; bắt buộc ghi. {}", choose(&column.allowed)),
            accepted: choose(&column.allowed),
            error: list_error("Chọn trong danh sách"),
        },
        ColumnKey::CleanWater | ColumnKey::SanitaryToilet | ColumnKey::WasteSorting | ColumnKey::CulturalFamily => {
            let question = match column.key {
                ColumnKey::CleanWater => "Hộ có sử dụng nước sạch không?",
                ColumnKey::SanitaryToilet => "Hộ có nhà tiêu hợp vệ sinh không?",
                ColumnKey::WasteSorting => "Hộ có phân loại rác tại nguồn không?",
                _ => "Hộ có được công nhận gia đình văn hóa không?",
            };
            let blank = form.no_words.first().map_or_else(|| "không".to_string(), |w| quoted(w));
            ColumnText {
                how: format!("{question} {} Để trống được hiểu là {blank}.", choose(&column.allowed)),
                accepted: format!("{} Để trống là {blank}.", choose(&column.allowed)),
                error: list_error(&format!("Chỉ chọn {}", or_list(&column.allowed))),
            }
        }
        ColumnKey::Insured => ColumnText {
            how: format!(
                "Số người trong hộ có thẻ bảo hiểm y tế: số nguyên, từ 0 đến số ở cột {}. Để trống là 0.",
                header(ColumnKey::Members)
            ),
            accepted: format!("Số nguyên từ 0, không lớn hơn cột {}.", header(ColumnKey::Members)),
            error: whole(&format!("từ 0 đến số ở cột {} của hộ", header(ColumnKey::Members))),
        },
        ColumnKey::Workers => ColumnText {
            how: "Số người lao động của hộ: số nguyên, từ 0 trở lên. Để trống là 0.".to_string(),
            accepted: "Số nguyên từ 0 trở lên.".to_string(),
            error: whole("từ 0 trở lên"),
        },
        ColumnKey::TrainedWorkers => ColumnText {
            how: format!(
                "Số lao động của hộ đã qua đào tạo: số nguyên, từ 0 đến số ở cột {}. Để trống là 0.",
                header(ColumnKey::Workers)
            ),
            accepted: format!("Số nguyên từ 0, không lớn hơn cột {}.", header(ColumnKey::Workers)),
            error: whole(&format!("từ 0 đến số ở cột {} của hộ", header(ColumnKey::Workers))),
        },
    }
}

/// What the instructions say about the numbering column the form starts with.
pub const STT_HOW: &str = "Số thứ tự, đã đánh sẵn; phần mềm không đọc cột này, có thể để nguyên.";

/// The other spellings the reader understands, for forms typed outside this
/// template; the drop-downs offer only the first word of each answer.
pub fn other_spellings(form: &Form) -> Vec<String> {
    let mut lines = vec![format!(
        "Ở các cột có/không, phần mềm hiểu là “có”: {}; là “không”: {} hoặc ô để trống.",
        distinct(&form.yes_words).join(", "),
        distinct(&form.no_words).join(", ")
    )];
    let kinds: Vec<ColumnKind> = form.columns.iter().map(Column::kind).collect();
    if kinds.contains(&ColumnKind::Poverty) {
        let parts: Vec<String> = form
            .poverty
            .iter()
            .filter(|(_, words)| !words.is_empty())
            .map(|(class, words)| format!("{}: {}", poverty_name(*class), distinct(words).join(", ")))
            .collect();
        lines.push(format!(
            "Ở cột {}: {}; ô để trống là không thuộc diện nào.",
            quoted(&form.column(ColumnKey::Poverty).header),
            parts.join("; ")
        ));
    }
    if kinds.contains(&ColumnKind::Housing) {
        let parts: Vec<String> = form
            .housing
            .iter()
            .filter(|(_, words)| !words.is_empty())
            .map(|(kind, words)| format!("{}: {}", housing_name(*kind), distinct(words).join(", ")))
            .collect();
        lines.push(format!("Ở cột {}: {}.", quoted(&form.column(ColumnKey::Housing).header), parts.join("; ")));
    }
    lines
}

/// The first word of an answer, the one the drop-down offers.
pub fn first_word<T: PartialEq>(lists: &[(T, Vec<String>)], answer: T) -> Option<String> {
    lists.iter().find(|(a, _)| *a == answer).and_then(|(_, words)| words.first().cloned())
}

/// `text` cut to `limit` UTF-16 units (Excel's measure), with `…` when cut.
pub fn fit(text: &str, limit: usize) -> String {
    if text.encode_utf16().count() <= limit {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the ellipsis
    for c in text.chars() {
        used += c.len_utf16();
        if used > limit {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

pub fn quoted(text: &str) -> String {
    format!("“{text}”")
}

/// `A, B hoặc C`, each word quoted.
pub fn or_list(words: &[String]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| quoted(w)).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} hoặc {last}", rest.join(", ")),
    }
}

/// Words without the repeats that differ only in case (`Có`, `có`).
fn distinct(words: &[String]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for word in words {
        let lower = word.to_lowercase();
        if !seen.contains(&lower) {
            seen.push(lower);
            out.push(word.clone());
        }
    }
    out
}

fn poverty_name(class: Poverty) -> &'static str {
    match class {
        Poverty::Poor => "hộ nghèo",
        Poverty::NearPoor => "hộ cận nghèo",
        Poverty::None => "không thuộc diện nghèo, cận nghèo",
    }
}

fn housing_name(kind: Housing) -> &'static str {
    match kind {
        Housing::KienCo => "nhà kiên cố",
        Housing::BanKienCo => "nhà bán kiên cố",
        Housing::ThieuKienCo => "nhà thiếu kiên cố",
        Housing::DonSo => "nhà đơn sơ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn example_form() -> Form {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs").join(crate::load::FORM_FILE);
        crate::load::survey::load_form(&path).expect("the example form is valid")
    }

    #[test]
    fn example_texts_fit_excel_limits_uncut() {
        let form = example_form();
        for column in &form.columns {
            let text = column_text(&form, column);
            assert!(text.how.encode_utf16().count() <= MESSAGE_LIMIT, "{}: {}", column.header, text.how);
            if let Some((title, message)) = &text.error {
                assert!(title.encode_utf16().count() <= TITLE_LIMIT, "{title}");
                assert!(message.encode_utf16().count() <= MESSAGE_LIMIT, "{message}");
            }
            assert!(column.header.encode_utf16().count() <= TITLE_LIMIT, "{}", column.header);
        }
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("Số nhân khẩu", 32), "Số nhân khẩu");
        assert_eq!(fit("một hai ba bốn", 8), "một hai…");
        assert_eq!(fit("một hai ba bốn", 8).encode_utf16().count(), 8);
    }

    #[test]
    fn lists_read_as_vietnamese() {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(or_list(&words(&["Có", "Không"])), "“Có” hoặc “Không”");
        assert_eq!(or_list(&words(&["Nghèo", "Cận nghèo", "Không"])), "“Nghèo”, “Cận nghèo” hoặc “Không”");
        assert_eq!(distinct(&words(&["Có", "có", "C"])), ["Có", "C"]);
    }
}
