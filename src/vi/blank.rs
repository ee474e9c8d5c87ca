//! Marked blanks a new workspace is written with (`ntm init`): officials'
//! names, villages, the commune-specific sentences of starter documents.
//!
//! A blank is written `«cần điền: what to write»`, so it reads as an
//! instruction wherever it shows up, and is found again by its opening
//! words. Part of the `vi` leaf: `load` lists every blank as a warning at its
//! line, `pipeline` refuses to issue a final document that still shows one,
//! `convert` highlights them in drafts, `scaffold` writes them.

/// What every blank starts with.
pub const OPEN: &str = "«cần điền";
const CLOSE: char = '»';

/// A blank: `«cần điền: họ và tên Bí thư»`, with `what` = `họ và tên Bí thư`.
pub fn blank(what: &str) -> String {
    format!("{OPEN}: {what}{CLOSE}")
}

/// One blank found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// 1-based line and column (in characters) of its `«`.
    pub line: usize,
    pub column: usize,
    /// The whole blank, `«…»` included.
    pub text: String,
}

impl Found {
    /// What to write in its place: the words after `cần điền:`.
    pub fn what(&self) -> &str {
        let inner = self.text.trim_start_matches(OPEN).trim_end_matches(CLOSE);
        inner.trim_start_matches(':').trim()
    }
}

/// Byte ranges of the blanks in `text`. A blank ends at its `»`, or at the
/// end of its line when the `»` was deleted by hand (still a blank).
fn ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find(OPEN).map(|i| from + i) {
        let rest = &text[start..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let end = match rest[..line_end].find(CLOSE) {
            Some(close) => start + close + CLOSE.len_utf8(),
            None => start + line_end,
        };
        out.push(start..end);
        from = end;
    }
    out
}

/// Every blank of `text`, in order, with its line and column.
pub fn find(text: &str) -> Vec<Found> {
    ranges(text)
        .into_iter()
        .map(|range| {
            let before = &text[..range.start];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = text[line_start..range.start].chars().count() + 1;
            Found { line, column, text: text[range].to_string() }
        })
        .collect()
}

/// Whether `text` holds a blank.
pub fn contains(text: &str) -> bool {
    text.contains(OPEN)
}

/// Splits `text` into runs, each flagged when it is a blank: what a
/// renderer needs to mark blanks visibly.
pub fn split(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for range in ranges(text) {
        if range.start > at {
            out.push((&text[at..range.start], false));
        }
        out.push((&text[range.clone()], true));
        at = range.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_found_at_their_line_and_column() {
        let text = format!("a: 1\nname: {}\n  x: \"Ông {}, ok\"\n", blank("họ và tên"), blank("chức vụ"));
        let found = find(&text);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (2, 7));
        assert_eq!(found[0].text, "«cần điền: họ và tên»");
        assert_eq!(found[0].what(), "họ và tên");
        assert_eq!((found[1].line, found[1].column), (3, 11));
        assert_eq!(found[1].what(), "chức vụ");
        assert!(find("không có gì cần điền ở đây").is_empty());
    }

    #[test]
    fn a_blank_without_its_closing_mark_ends_at_the_line_end() {
        let found = find("x: «cần điền: tên thôn\ny: 2\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text, "«cần điền: tên thôn");
        assert_eq!(found[0].what(), "tên thôn");
    }

    #[test]
    fn text_splits_into_plain_and_blank_runs() {
        let text = format!("Xã {} có {} thôn.", blank("tên xã"), blank("số"));
        let runs = split(&text);
        assert_eq!(
            runs,
            vec![
                ("Xã ", false),
                ("«cần điền: tên xã»", true),
                (" có ", false),
                ("«cần điền: số»", true),
                (" thôn.", false)
            ]
        );
        assert_eq!(split("trơn"), vec![("trơn", false)]);
    }
}
