//! Column widths and row heights for wrapped text. Excel does not grow a
//! row to fit wrapped text in a file it did not lay out itself (LibreOffice
//! neither, for merged cells), so ntm estimates them from character counts:
//! a header cut off at the second line is a header a clerk cannot read.

/// Excel width units per character of Calibri 11 with Vietnamese marks,
/// bold included; slightly generous so a line never spills.
const UNITS_PER_CHAR: f64 = 1.15;
/// Cell padding, in width units.
const PADDING: f64 = 2.0;
/// Points per line of Calibri 11, and the margin of a row.
const LINE_HEIGHT: f64 = 15.0;
const ROW_MARGIN: f64 = 4.0;

/// The width to give a column for `chars` characters a line.
pub fn width(chars: usize) -> f64 {
    chars as f64 * UNITS_PER_CHAR + PADDING
}

/// The height of a row showing `lines` lines.
pub fn height(lines: usize) -> f64 {
    lines.max(1) as f64 * LINE_HEIGHT + ROW_MARGIN
}

/// Lines `text` takes when wrapped at `chars` characters, breaking at
/// spaces as Excel does; a word longer than a line takes several.
pub fn lines(text: &str, chars: usize) -> usize {
    let chars = chars.max(1);
    text.split('\n')
        .map(|paragraph| {
            let mut lines = 1;
            let mut used = 0;
            for word in paragraph.split_whitespace() {
                let n = word.chars().count();
                if used > 0 && used + 1 + n <= chars {
                    used += 1 + n;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                lines += (n.max(1) - 1) / chars;
                used = (n - 1) % chars + 1;
            }
            lines
        })
        .sum()
}

/// Characters a line of a header cell should hold: at least `min`, never
/// less than its longest word, and wide enough for at most three lines.
pub fn header_chars(header: &str, min: usize) -> usize {
    let longest = header.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
    let mut chars = min.max(longest).max(1);
    while lines(header, chars) > 3 {
        chars += 1;
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(lines("Tổng thu nhập năm (triệu đồng)", 12), 3);
        assert_eq!(lines("Số nhân khẩu", 12), 1);
        assert_eq!(lines("Số nhân khẩu", 8), 2);
        assert_eq!(lines("", 8), 1);
        assert_eq!(lines("một\nhai", 20), 2);
        assert_eq!(lines("abcdefghij", 4), 3);
    }

    #[test]
    fn long_headers_get_at_most_three_lines() {
        let chars = header_chars("Tổng thu nhập năm (triệu đồng)", 10);
        assert_eq!(chars, 12);
        assert_eq!(header_chars("STT", 4), 4);
        assert_eq!(header_chars("Gia đình văn hóa", 9), 9);
    }
}
