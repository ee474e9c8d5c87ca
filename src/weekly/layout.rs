//! The weekly report form's words: the labels the writer prints and the
//! reader looks for. Both sides use these constants, so a form written by
//! `ntm forms --weekly` always reads back; the reader also accepts the
//! usual other wordings, because offices retype forms.

use super::text::fold;

/// The report sheet and the sheet holding the criteria drop-down list.
pub const SHEET: &str = "Báo cáo tuần";
pub const LIST_SHEET: &str = "Tiêu chí";

pub const TITLE: &str = "BÁO CÁO KẾT QUẢ RA QUÂN XÂY DỰNG NÔNG THÔN MỚI HẰNG TUẦN";

/// A label above the table, whose value is the next filled cell on its right.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Village,
    Member,
    From,
    To,
}

/// A column of the report table, found by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Criterion,
    Work,
    Result,
    Problems,
}

impl Field {
    pub const ALL: [Field; 4] = [Field::Village, Field::Member, Field::From, Field::To];

    /// The label as printed on the form.
    pub fn label(self) -> &'static str {
        match self {
            Field::Village => "Thôn:",
            // "Các đồng chí được phân công phụ trách chỉ đạo các đơn vị thôn
            // xóm" (Nghị quyết, mục 2.5): the member reports, not the village head.
            Field::Member => "Đồng chí phụ trách:",
            Field::From => "Từ ngày:",
            Field::To => "đến ngày:",
        }
    }

    /// Whether folded cell text is this label, in any accepted wording.
    fn matches(self, folded: &str) -> bool {
        let words: &[&str] = match self {
            Field::Village => &["thon", "ten thon", "thon xom", "xom", "thon to dan pho"],
            Field::Member => &[
                "dong chi phu trach",
                "nguoi phu trach",
                "can bo phu trach",
                "thanh vien ban chi dao phu trach",
                "thanh vien bcd phu trach",
                "dong chi phu trach thon",
            ],
            Field::From => &["tu ngay"],
            Field::To => &["den ngay"],
        };
        words.contains(&folded)
    }

    /// The field a cell's folded text labels, if any.
    pub fn of(folded: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.matches(folded))
    }
}

impl Column {
    pub const ALL: [Column; 4] = [Column::Criterion, Column::Work, Column::Result, Column::Problems];

    /// The header as printed on the form.
    pub fn header(self) -> &'static str {
        match self {
            Column::Criterion => "Tiêu chí",
            Column::Work => "Công việc đã làm trong tuần",
            Column::Result => "Kết quả",
            // Nghị quyết, mục 2.5: "những vấn đề khó khăn tại cơ sở nằm ngoài
            // khả năng giải quyết của mình".
            Column::Problems => "Khó khăn, vướng mắc cần xã hỗ trợ",
        }
    }

    /// The column a folded header names: by its first words, so
    /// `Công việc đã làm` and `Khó khăn, vướng mắc` count.
    pub fn of(folded: &str) -> Option<Column> {
        let starts = |prefixes: &[&str]| prefixes.iter().any(|p| folded == *p || folded.starts_with(&format!("{p} ")));
        if starts(&["tieu chi"]) {
            Some(Column::Criterion)
        } else if starts(&["cong viec", "noi dung cong viec", "viec da lam"]) {
            Some(Column::Work)
        } else if starts(&["ket qua"]) {
            Some(Column::Result)
        } else if starts(&["kho khan", "vuong mac", "de xuat kien nghi"]) {
            Some(Column::Problems)
        } else {
            None
        }
    }
}

/// The numbering column's header; not read, only written.
pub const STT: &str = "STT";

/// The signature label under the table: where the table ends.
pub const SIGNATURE: &str = "NGƯỜI BÁO CÁO";

pub fn is_signature(folded: &str) -> bool {
    folded == "nguoi bao cao"
}

/// `Ngày …… tháng …… năm 2023`, with or without a place before it: the
/// dated line above the signature, which is not a report item.
pub fn is_date_line(folded: &str) -> bool {
    let tokens: Vec<&str> = folded.split(' ').collect();
    let Some(start) = tokens.iter().position(|t| *t == "ngay") else { return false };
    let mut rest = tokens[start..].iter().filter(|t| !t.chars().all(|c| c.is_ascii_digit()));
    rest.next() == Some(&"ngay")
        && rest.next() == Some(&"thang")
        && rest.next() == Some(&"nam")
        && rest.next().is_none()
}

/// `10 - Thu nhập`: how a criterion appears in the drop-down and on reports.
pub fn criterion_text(id: &str, name: &str) -> String {
    format!("{id} - {name}")
}

/// The criterion id a cell names, when `criteria` (id, name) has it: the
/// drop-down text, the id alone (`10`, `Tiêu chí 10`, `TC10`) or the name.
pub fn match_criterion(text: &str, criteria: &[(String, String)]) -> Option<String> {
    let folded = fold(text);
    let bare = ["tieu chi so ", "tieu chi ", "tc "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .or_else(|| folded.strip_prefix("tc").filter(|r| r.starts_with(|c: char| c.is_ascii_digit())))
        .unwrap_or(&folded);
    criteria
        .iter()
        .find(|(id, name)| {
            let id = fold(id);
            bare == id || folded == fold(name) || bare == fold(&criterion_text(&id, name))
        })
        .map(|(id, _)| id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn criteria() -> Vec<(String, String)> {
        [("1", "Quy hoạch"), ("10", "Thu nhập"), ("18.a", "Chất lượng môi trường sống")]
            .iter()
            .map(|(id, name)| (id.to_string(), name.to_string()))
            .collect()
    }

    #[test]
    fn printed_labels_are_recognised() {
        for field in Field::ALL {
            assert_eq!(Field::of(&fold(field.label())), Some(field), "{}", field.label());
        }
        for column in Column::ALL {
            assert_eq!(Column::of(&fold(column.header())), Some(column), "{}", column.header());
        }
        assert_eq!(Field::of(&fold("Thôn 3")), None, "a value is not a label");
        assert_eq!(Column::of(&fold("Khó khăn, vướng mắc")), Some(Column::Problems));
        assert_eq!(Column::of(&fold("Ghi mỗi công việc một dòng")), None);
        assert!(is_signature(&fold(SIGNATURE)));
    }

    #[test]
    fn date_lines_are_not_items() {
        assert!(is_date_line(&fold("Ngày …… tháng …… năm 2023")));
        assert!(is_date_line(&fold("Thôn 3, ngày 16 tháng 6 năm 2023")));
        assert!(!is_date_line(&fold("Họp dân ngày 12 tháng 6 năm 2023 bàn việc làm đường")));
        assert!(!is_date_line(&fold("Phát quang đường")));
    }

    #[test]
    fn criteria_by_list_text_id_or_name() {
        let c = criteria();
        for text in ["10 - Thu nhập", "10", "Tiêu chí 10", "TC10", "tc 10", "thu nhap", "10 – Thu nhập"] {
            assert_eq!(match_criterion(text, &c).as_deref(), Some("10"), "{text}");
        }
        assert_eq!(match_criterion("18.a - Chất lượng môi trường sống", &c).as_deref(), Some("18.a"));
        assert_eq!(match_criterion("11", &c), None);
        assert_eq!(match_criterion("Việc chung", &c), None);
    }
}
