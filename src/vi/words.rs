//! Words of Vietnamese official writing, once for every stage: dates as
//! documents and registers print them, and sentence case.

/// `ngày 12 tháng 01 năm 2023`: days below 10 and months 1 and 2 take a
/// leading zero, other months do not (NĐ 30 Phụ lục I §II.4.b; the same in
/// Party practice, spec A.6).
pub fn date_words(year: i32, month: u32, day: u32) -> String {
    let month = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    format!("ngày {day:02} tháng {month} năm {year}")
}

/// `30/06/2023`: the short date of tables and registers.
pub fn date_short(year: i32, month: u32, day: u32) -> String {
    format!("{day:02}/{month:02}/{year}")
}

/// `NGHỊ QUYẾT` → `Nghị quyết`, for running text and PDF metadata.
pub fn sentence_case(text: &str) -> String {
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first letter in capitals, the rest as written: `đợt 2023-X` →
/// `Đợt 2023-X` ("III" stays as it is).
pub fn sentence_case_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words_and_short() {
        assert_eq!(date_words(2023, 1, 12), "ngày 12 tháng 01 năm 2023");
        assert_eq!(date_words(2024, 3, 5), "ngày 05 tháng 3 năm 2024");
        assert_eq!(date_short(2023, 6, 30), "30/06/2023");
        assert_eq!(date_short(2024, 3, 5), "05/03/2024");
    }

    #[test]
    fn sentence_case_handles_vietnamese() {
        assert_eq!(sentence_case("NGHỊ QUYẾT"), "Nghị quyết");
        assert_eq!(sentence_case("ĐỀ ÁN"), "Đề án");
        assert_eq!(sentence_case(""), "");
    }
}
