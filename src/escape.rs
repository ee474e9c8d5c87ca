//! Escaping of user-supplied data (names, addresses, figures from the commune's
//! records) before it is spliced into Markdown or Typst source, so that data
//! is always shown literally and can never change a document's structure.
//!
//! All three functions first *clean* the text the same way: characters that
//! Typst or CommonMark would treat as a line ending (LF, CR, CRLF, VT, FF,
//! NEL, U+2028, U+2029) and tabs become one space, every other control
//! character (Unicode category Cc) and every bidirectional formatting
//! character is dropped (`is_dropped`), and the result is normalised to NFC
//! so Vietnamese diacritics are always precomposed. `typst_string` is the
//! exception for LF, CR and tab, which it keeps as string escapes.

use unicode_normalization::UnicodeNormalization;

/// Characters that never reach a document: control characters (Cc), which
/// typst refuses under PDF/A or a terminal obeys, and the invisible marks,
/// embeddings, overrides and isolates of the bidirectional algorithm. The
/// latter come in by copy and paste from web pages; in Vietnamese text they
/// only reorder punctuation around them (`A‏!&0` prints as `A &!0`) or, as
/// overrides, show text in another order than it is stored.
/// Line breaks and tabs are the callers' to keep or turn into spaces.
pub fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Escapes `s` so that, inserted anywhere in Typst *markup* mode, it is shown
/// literally on a single line.
///
/// Every ASCII punctuation character that Typst markup may read as syntax
/// gets a backslash in front: in Typst markup a backslash followed by any
/// non-whitespace character yields that character, so this defeats headings,
/// lists, emphasis, labels, references, comments, shorthands (`--`, `...`,
/// `~`), automatic `http://` links and `#` code. Line breaks become spaces, so
/// the text can never end a paragraph. Punctuation that is never syntax in
/// markup (`, ; ! ? % & |`) stays bare, so the kept `.typ` files read easily.
///
/// ```
/// assert_eq!(ntm::escape::typst_markup("#x = $1"), "\\#x \\= \\$1");
/// ```
pub fn typst_markup(s: &str) -> String {
    let cleaned = clean(s);
    let mut out = String::with_capacity(cleaned.len() + cleaned.len() / 4);
    for c in cleaned.chars() {
        if is_markup_syntax(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// ASCII punctuation that can start or shape Typst markup. `(`, `)`, `{`,
/// `}` and `^` matter only after `#` or in math, both of which are escaped,
/// but are escaped too rather than rely on that.
fn is_markup_syntax(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, ',' | ';' | '!' | '?' | '%' | '&' | '|')
}

/// Escapes `s` for the body of a Typst string literal; the caller writes the
/// surrounding double quotes.
///
/// Unlike the other functions, line breaks and tabs are kept (as `\n`, `\r`,
/// `\t`) because string literals feed `raw` and URLs, where they matter.
///
/// ```
/// assert_eq!(ntm::escape::typst_string("a\"b\\\n"), "a\\\"b\\\\\\n");
/// ```
pub fn typst_string(s: &str) -> String {
    let kept: String = s.chars().filter(|&c| !is_dropped(c) || matches!(c, '\n' | '\r' | '\t')).collect();
    let mut out = String::with_capacity(kept.len() + 8);
    for c in kept.nfc() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `s` so that CommonMark (as parsed by pulldown-cmark) gives it back
/// as plain text. Registered as the template engine's escape function, hence
/// the `fn(&str) -> String` shape.
///
/// Every ASCII punctuation character is backslash-escaped, which CommonMark
/// allows for all of them. Line breaks become spaces, so the value can never
/// open a new block by itself. Spaces at the very start and end are written as
/// `&#32;`: the template may put the value at the start of a line (four
/// spaces there would open an indented code block) or right before a line end
/// (two spaces there would make a hard line break).
///
/// Values escaped this way must not be placed inside code spans, code blocks
/// or link destinations, where CommonMark does not process escapes.
///
/// ```
/// assert_eq!(ntm::escape::markdown_text("*a* "), "\\*a\\*&#32;");
/// ```
pub fn markdown_text(s: &str) -> String {
    let cleaned = clean(s);
    let body = cleaned.trim_matches(' ');
    let leading = if body.is_empty() { cleaned.len() } else { cleaned.len() - cleaned.trim_start_matches(' ').len() };
    let trailing = cleaned.len() - leading - body.len();

    let mut out = String::with_capacity(cleaned.len() + cleaned.len() / 4);
    out.push_str(&"&#32;".repeat(leading));
    for c in body.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out.push_str(&"&#32;".repeat(trailing));
    out
}

/// Single-line, NFC form of `s` without dropped characters, shared by the
/// escapers.
///
/// Controls are removed before normalising: dropping one that sat between a
/// base letter and a combining mark would otherwise leave non-NFC output.
fn clean(s: &str) -> String {
    let mut flat = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                // CRLF is one line ending, not two.
                chars.next_if_eq(&'\n');
                flat.push(' ');
            }
            '\n' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                flat.push(' ');
            }
            c if is_dropped(c) => {}
            c => flat.push(c),
        }
    }
    flat.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    /// Inputs rich in everything the escapers must neutralise.
    fn tricky() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            "[ -~\t\n\r\u{0}-\u{1f}\u{7f}\u{85}\u{a0}\u{feff}\u{2028}\u{2029}\u{200e}\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{300}-\u{303}\u{323}àáảãạâầấậăằắđĐơờớưừứ ]{0,40}",
            "([ \t\n]{0,5}(\\* |- |\\+ |1\\. |> |# |    |```|~~~|---|===|\\[\\^a\\]|\\[a\\]: |<div>|&amp;|http://x|\\\\|  \n|\\|)){0,6}[ \t\n]{0,5}",
        ]
    }

    /// What every escaper is expected to preserve of `s`.
    fn reference_clean(s: &str) -> String {
        let s = s.replace("\r\n", " ");
        let flat: String = s
            .chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(' '),
                c if c.is_control() => None,
                // Bidirectional marks, embeddings, overrides, isolates.
                '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}' | '\u{202B}' | '\u{202C}' | '\u{202D}'
                | '\u{202E}' | '\u{2066}' | '\u{2067}' | '\u{2068}' | '\u{2069}' => None,
                c => Some(c),
            })
            .collect();
        flat.nfc().collect()
    }

    fn unescape_markup(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                out.extend(chars.next());
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn markup_examples() {
        assert_eq!(typst_markup("a*b*"), "a\\*b\\*");
        assert_eq!(typst_markup("https://x.vn"), "https\\:\\/\\/x\\.vn");
        assert_eq!(typst_markup("= Tiêu đề"), "\\= Tiêu đề");
        assert_eq!(typst_markup("1. a\r\n\r\nb\tc"), "1\\. a  b c");
        assert_eq!(typst_markup("a\u{0}b\u{7}c"), "abc");
        assert_eq!(typst_markup("x\u{2028}\u{2029}y"), "x  y");
        // Bidirectional formatting would reorder what is printed.
        assert_eq!(typst_markup("A\u{200f}!&0"), "A!&0");
        assert_eq!(typst_markup("so \u{202e}321\u{202c} va \u{2067}x\u{2069}"), "so 321 va x");
        assert_eq!(typst_markup("\\u{41}"), "\\\\u\\{41\\}");
    }

    #[test]
    fn normalises_to_nfc() {
        // "Việt" written with combining marks.
        let decomposed = "Vie\u{323}\u{302}t";
        assert_eq!(typst_markup(decomposed), "Việt");
        assert_eq!(typst_string(decomposed), "Việt");
        assert_eq!(markdown_text(decomposed), "Việt");
        // Dropping the control must not leave a dangling combining mark.
        assert_eq!(typst_markup("e\u{1}\u{301}"), "é");
    }

    #[test]
    fn string_examples() {
        assert_eq!(typst_string(r#"say "hi" \ bye"#), r#"say \"hi\" \\ bye"#);
        assert_eq!(typst_string("a\r\nb\tc\u{0}\u{1b}d"), "a\\r\\nb\\tcd");
        assert_eq!(typst_string("#$*[]"), "#$*[]");
    }

    #[test]
    fn markdown_examples() {
        assert_eq!(markdown_text("# a_b"), "\\# a\\_b");
        assert_eq!(markdown_text("    code"), "&#32;&#32;&#32;&#32;code");
        assert_eq!(markdown_text("hard  "), "hard&#32;&#32;");
        assert_eq!(markdown_text("  "), "&#32;&#32;");
        assert_eq!(markdown_text("a\nb"), "a b");
        assert_eq!(markdown_text(""), "");
    }

    proptest! {
        #[test]
        fn markdown_text_reads_back_as_plain_text(s in tricky()) {
            let expected = reference_clean(&s);
            let escaped = markdown_text(&s);
            let mut text = String::new();
            let mut events = Parser::new_ext(&escaped, crate::convert::parser_options());
            if !expected.is_empty() {
                prop_assert_eq!(events.next(), Some(Event::Start(Tag::Paragraph)));
                let mut closed = false;
                for event in events.by_ref() {
                    match event {
                        Event::Text(t) => text.push_str(&t),
                        Event::End(TagEnd::Paragraph) => { closed = true; break; }
                        other => prop_assert!(false, "unexpected event {other:?} for {escaped:?}"),
                    }
                }
                prop_assert!(closed);
            }
            prop_assert_eq!(events.next(), None);
            prop_assert_eq!(text, expected);
        }

        #[test]
        fn typst_markup_unescapes_to_clean_text(s in tricky()) {
            let escaped = typst_markup(&s);
            prop_assert_eq!(unescape_markup(&escaped), reference_clean(&s));
            let mut chars = escaped.chars();
            while let Some(c) = chars.next() {
                prop_assert!(!is_dropped(c), "control or bidi char in {escaped:?}");
                prop_assert!(!matches!(c, '\u{2028}' | '\u{2029}'), "line separator in {escaped:?}");
                if c == '\\' {
                    let next = chars.next();
                    prop_assert!(next.is_some_and(is_markup_syntax), "bad escape in {escaped:?}");
                } else {
                    prop_assert!(!is_markup_syntax(c), "unescaped {c:?} in {escaped:?}");
                }
            }
        }

        #[test]
        fn typst_string_has_no_raw_quote_or_newline(s in tricky()) {
            let escaped = typst_string(&s);
            let mut chars = escaped.chars();
            while let Some(c) = chars.next() {
                prop_assert!(!is_dropped(c) && c != '"', "raw {c:?} in {escaped:?}");
                if c == '\\' {
                    let next = chars.next();
                    prop_assert!(matches!(next, Some('\\' | '"' | 'n' | 'r' | 't')));
                }
            }
        }
    }
}
