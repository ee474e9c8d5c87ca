//! Typst element calls for the Markdown containers whose markup is only
//! known once they close: lists (tight or loose) and tables.

use pulldown_cmark::Alignment;

pub(super) fn list(start: Option<u64>, loose: bool, items: &[String]) -> String {
    let mut call = match start {
        Some(start) => format!("#enum(start: {start}, tight: {}", !loose),
        None => format!("#list(tight: {}", !loose),
    };
    for item in items {
        call.push_str(", [");
        call.push_str(item);
        call.push(']');
    }
    call.push(')');
    call
}

pub(super) fn table(align: &[Alignment], header: &[String], rows: &[Vec<String>]) -> String {
    let columns = align.len().max(1);
    let align: Vec<&str> = (0..columns)
        .map(|i| match align.get(i) {
            Some(Alignment::Left) => "left",
            Some(Alignment::Center) => "center",
            Some(Alignment::Right) => "right",
            Some(Alignment::None) | None => "auto",
        })
        .collect();
    // A one-element Typst array needs the trailing comma.
    let align = if columns == 1 { format!("({},)", align[0]) } else { format!("({})", align.join(", ")) };
    let mut call = format!("#table(\n  columns: {columns},\n  align: {align},\n");
    if !header.is_empty() {
        call.push_str(&format!("  table.header({}),\n", cells(header, columns)));
    }
    for row in rows {
        call.push_str(&format!("  {},\n", cells(row, columns)));
    }
    call.push(')');
    call
}

/// Exactly `columns` content blocks, so a ragged row cannot shift the cells
/// of the rows after it.
fn cells(row: &[String], columns: usize) -> String {
    let cell = |i| row.get(i).map_or("", String::as_str);
    (0..columns).map(|i| format!("[{}]", cell(i))).collect::<Vec<_>>().join(", ")
}
