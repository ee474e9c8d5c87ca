//! Snapshot tests pinning the exact Typst markup emitted for each Markdown
//! construct, since the layout's show rules rely on it.

use super::markdown_to_typst;
use insta::assert_snapshot;

/// The markup, or the error as the user would see it.
fn convert(md: &str) -> String {
    match markdown_to_typst(md) {
        Ok(typst) => typst,
        Err(err) => format!("LỖI {err}"),
    }
}

#[test]
fn paragraphs() {
    assert_snapshot!(convert("Đoạn thứ nhất,\nxuống dòng mềm.\n\n\n\nĐoạn thứ hai.\n"));
}

#[test]
fn headings() {
    assert_snapshot!(convert(
        "# Một\n\n## Hai\n\n### Ba\n\n#### Bốn\n\n##### Năm\n\n###### Sáu\n\nTiêu đề setext\n===\n\nCấp hai\n---\n"
    ));
}

#[test]
fn emphasis_combinations() {
    assert_snapshot!(convert("*nghiêng* **đậm** ***cả hai*** ~~gạch~~ **đậm *lồng nghiêng* tiếp** _x_y_ a*b*c"));
}

#[test]
fn ordered_list_starting_at_three() {
    assert_snapshot!(convert("3. ba\n4. bốn\n5. năm\n"));
}

#[test]
fn bullet_nested_in_ordered() {
    assert_snapshot!(convert("1. Mục một\n   - con a\n   - con b\n2. Mục hai\n"));
}

#[test]
fn tight_and_loose_lists() {
    assert_snapshot!(convert("- chặt một\n- chặt hai\n\ntách\n\n- lỏng một\n\n- lỏng hai\n\n  đoạn thứ hai của mục\n"));
}

#[test]
fn task_list() {
    assert_snapshot!(convert("- [ ] chưa làm\n- [x] đã làm\n"));
}

#[test]
fn table_with_alignments() {
    assert_snapshot!(convert(
        "| Tiêu chí | Chỉ tiêu | Kết quả | Ghi chú |\n|:--|:-:|--:|---|\n| 1 | *đạt* | 100% | |\n| 2 | thiếu ô |\n"
    ));
}

#[test]
fn single_column_table() {
    assert_snapshot!(convert("| A |\n|---|\n| b |\n"));
}

#[test]
fn block_quote() {
    assert_snapshot!(convert("> Trích dẫn\n> dòng hai\n>\n> > lồng\n\nSau.\n"));
}

#[test]
fn hard_breaks() {
    assert_snapshot!(convert("hai dấu cách  \nsau đó\\\nxuyệt ngược\n"));
}

#[test]
fn footnote_defined_after_reference() {
    assert_snapshot!(convert("Theo Nghị quyết[^nq].\n\n[^nq]: Nghị quyết số 01/NQ-HĐND, *ngày* 1/1.\n"));
}

#[test]
fn footnote_defined_before_reference_and_reused() {
    assert_snapshot!(convert(
        "[^A]: Ghi chú A.\n\n    dòng hai của ghi chú\n\nMột[^a], hai[^A].\n\n[^unused]: không dùng\n"
    ));
}

#[test]
fn footnote_citing_footnote() {
    assert_snapshot!(convert("X[^a]\n\n[^a]: A có[^b].\n[^b]: B.\n"));
}

#[test]
fn missing_footnote_is_an_error() {
    assert_snapshot!(convert("Dòng một.\n\nDòng ba có[^thieu].\n"));
}

#[test]
fn defined_footnote_read_as_link_text_is_not_an_error() {
    assert!(markdown_to_typst("x [^a][b]\n\n[^a]: định nghĩa\n").is_ok());
}

#[test]
fn escaped_footnote_syntax_is_text() {
    assert_snapshot!(convert("Không phải chú thích: \\[^x] và `[^y]`.\n"));
}

#[test]
fn footnote_cycle_is_an_error() {
    assert_snapshot!(convert("X[^a]\n\n[^a]: A[^b]\n\n[^b]: B[^a]\n"));
}

#[test]
fn inline_code_and_code_block() {
    assert_snapshot!(convert(
        "Mã `say \"hi\" \\n` và `` a`b ``.\n\n```rust\nlet s = \"\\\\\";\n\tx\n```\n\n    thụt lề\n"
    ));
}

#[test]
fn links() {
    assert_snapshot!(convert("[Cổng *thông tin*](https://example.vn/a?b=\"c\"&d) <https://x.vn> <a@b.vn> [rỗng]()\n"));
}

#[test]
fn overlong_url_is_an_error() {
    let md = format!("a\n\n[b](https://x.vn/{})\n", "y".repeat(8000));
    let err = markdown_to_typst(&md).unwrap_err();
    assert_eq!(err.line, 3);
}

#[test]
fn deep_nesting_is_an_error() {
    let ok: String = (0..8).map(|i| format!("{}- mục\n", "  ".repeat(i))).collect();
    assert!(markdown_to_typst(&ok).is_ok());
    assert!(markdown_to_typst(&format!("{}x\n", "> ".repeat(8))).is_ok());
    let too_deep = format!("{ok}{}- mục\n", "  ".repeat(8));
    assert_snapshot!(convert(&too_deep));
    let err = markdown_to_typst(&format!("a\n\n{}x\n", "> ".repeat(9))).unwrap_err();
    assert_eq!(err.line, 3);
}

#[test]
fn image_is_an_error() {
    assert_snapshot!(convert("Dòng một\n\nảnh ![logo](logo.png)\n"));
}

#[test]
fn html_is_text() {
    assert_snapshot!(convert("Có <b>thẻ</b> và <!-- ghi chú -->.\n\n<div class=\"x\">\nkhối *html*\n</div>\n"));
}

#[test]
fn thematic_break() {
    assert_snapshot!(convert("Trên\n\n---\n\nDưới\n"));
}

#[test]
fn typst_special_characters_in_vietnamese() {
    assert_snapshot!(convert(
        "Ủy ban #1 thu $500 * 2 @xã <nhãn> // không phải chú thích ] = + - 1. ~ -- ... 'a' \"b\" http://x.vn \\\\ /* c */ _x_\n"
    ));
}

#[test]
fn line_start_markers_after_break() {
    // Text that would open a Typst heading/list/enum at a line start.
    assert_snapshot!(convert("a  \n= b  \n\\- c  \n\\+ d  \n1\\. e  \n/ f: g\\\n2024 -1 \\\n"));
}

#[test]
fn empty_input() {
    assert_eq!(convert(""), "");
    assert_eq!(convert("\n\n  \n"), "");
}

/// Same Markdown, same markup, on every run and machine: checked against
/// the bytes written out here, not against a second call in the same
/// process (which would share whatever varies). A table with an alignment,
/// a heading, and a footnote defined after its two uses (`[^N]` matches
/// `[^n]`), each use carrying its text.
#[test]
fn deterministic() {
    let md = "# T\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\nX[^n] và Y[^N]\n\n[^n]: chú thích\n";
    let expected = "#heading(level: 1)[T]\n\n\
                    #table(\n  columns: 2,\n  align: (auto, center),\n  table.header([a], [b]),\n  [1], [2],\n)\n\n\
                    X#footnote[chú thích] và Y#footnote[chú thích]\n";
    assert_eq!(convert(md), expected);
}

#[test]
fn error_line_with_crlf() {
    let err = markdown_to_typst("a\r\n\r\n![x](y)\r\n").unwrap_err();
    assert_eq!(err.line, 3);
}

#[test]
fn never_panics_on_odd_input() {
    let inputs = [
        "> ".repeat(200),
        "- ".repeat(200),
        "[^a]: [^a]\n".into(),
        "|a|\n|-|\n|".into(),
        "<!--".into(),
        "```".into(),
        "* * *\n***\n___".into(),
        "[x]: <>\n[x]".into(),
        "\u{0}\u{feff}\r\r\n".into(),
    ];
    for md in inputs {
        let _ = markdown_to_typst(&md);
    }
}

mod properties {
    use super::markdown_to_typst;
    use crate::escape::{markdown_text, typst_markup};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(md in "([-#*_>`~|:\\[\\]()!^<\\\\ 1.a\n]|\\[\\^a\\]|\\[\\^a\\]: ){0,60}") {
            let _ = markdown_to_typst(&md);
        }

        /// Template data escaped for Markdown arrives in Typst as the same
        /// text escaped for Typst markup.
        #[test]
        fn escaped_data_survives_the_pipeline(s in any::<String>()) {
            let typst = markdown_to_typst(&markdown_text(&s)).unwrap();
            let expected = typst_markup(&s);
            let expected = expected.trim_end_matches(' ');
            if expected.trim_start_matches(' ').is_empty() {
                prop_assert_eq!(typst, "");
            } else {
                prop_assert_eq!(typst, format!("{expected}\n"));
            }
        }
    }
}

#[test]
fn component_fences_become_component_calls() {
    assert_snapshot!(convert(
        "Bảng tổng hợp:\n\n```ntm:criteria-table\n```\n\n```ntm:village-chart\nnội dung bị bỏ qua #x\n```\n\n```rust\nfn main() {}\n```\n"
    ));
}

#[test]
fn unknown_component_is_an_error() {
    assert_snapshot!(convert("Đoạn.\n\n```ntm:bang-la\n```\n"));
}

#[test]
fn a_body_over_the_size_limit_is_refused_at_line_one() {
    let paragraph = "Đảng bộ xã lãnh đạo xây dựng nông thôn mới nâng cao.\n\n";
    let just_under = paragraph.repeat(super::MAX_BODY_BYTES / paragraph.len());
    assert!(markdown_to_typst(&just_under).is_ok());
    let over = paragraph.repeat(super::MAX_BODY_BYTES / paragraph.len() + 1);
    let err = markdown_to_typst(&over).unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("quá giới hạn 1,0 MB"), "{}", err.message);
}
