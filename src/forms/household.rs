//! The household sheet of a village's form: a title, the village label the
//! reader recognises, the header row in the form file's order, then the
//! previous round's households (when pre-filled) and empty rows, all
//! formatted and validated alike so a new household looks like an old one.

use std::collections::BTreeMap;

use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, Format, FormatAlign, FormatBorder, Formula, Worksheet, XlsxError,
};

use super::measure;
use super::wording::{self, MESSAGE_LIMIT, TITLE_LIMIT, fit};
use super::{Context, EMPTY_ROWS, Job};
use crate::load::survey::{Column, ColumnKey, ColumnKind, Form, Household};

/// Where things are on the sheet (0-based rows). The header row sits well
/// within the reader's `header_search_rows`, and nothing above it holds
/// four headers, so the reader finds it first.
pub const TITLE_ROW: u32 = 0;
pub const PLACE_ROW: u32 = 1;
pub const VILLAGE_ROW: u32 = 2;
pub const HEADER_ROW: u32 = 3;
pub const FIRST_DATA_ROW: u32 = 4;
/// The numbering column comes first; the form's columns follow it.
const STT_HEADER: &str = "STT";
/// Header fill: light blue, legible in black and white print.
const HEADER_FILL: u32 = 0xDDEBF7;

pub fn write(sheet: &mut Worksheet, ctx: &Context, job: &Job) -> Result<(), XlsxError> {
    let form = ctx.form;
    sheet.set_name(&form.sheet)?;
    let last_col = form.columns.len() as u16;
    let last_row = FIRST_DATA_ROW + job.households.len() as u32 + EMPTY_ROWS - 1;

    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last_col, "PHIẾU KHẢO SÁT HỘ GIA ĐÌNH", &title)?;
    sheet.set_row_height(TITLE_ROW, 24)?;
    let place = Format::new().set_italic().set_align(FormatAlign::Center);
    sheet.merge_range(PLACE_ROW, 0, PLACE_ROW, last_col, &ctx.place, &place)?;

    // Label and name in two cells: the name stands out as the thing filled
    // in, and the reader takes the next cell after a bare label.
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(VILLAGE_ROW, 0, format!("{}:", ctx.village_label), &bold)?;
    sheet.write_string_with_format(VILLAGE_ROW, 1, &job.village.name, &bold.clone().set_font_size(12))?;
    if last_col >= 3 {
        let note = Format::new().set_italic().set_font_color(Color::RGB(0x595959));
        sheet.write_string_with_format(VILLAGE_ROW, 3, note_text(ctx, job), &note)?;
    }

    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(HEADER_FILL));
    let stt_chars = measure::header_chars(STT_HEADER, 5);
    sheet.write_string_with_format(HEADER_ROW, 0, STT_HEADER, &header)?;
    sheet.set_column_width(0, measure::width(stt_chars))?;
    let mut header_lines = 1;
    for (i, column) in form.columns.iter().enumerate() {
        let col = i as u16 + 1;
        let chars = measure::header_chars(&column.header, content_chars(column));
        header_lines = header_lines.max(measure::lines(&column.header, chars));
        sheet.write_string_with_format(HEADER_ROW, col, &column.header, &header)?;
        sheet.set_column_width(col, measure::width(chars))?;
    }
    sheet.set_row_height(HEADER_ROW, measure::height(header_lines))?;

    let stt = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_font_color(Color::RGB(0x808080));
    let formats: Vec<Format> = form.columns.iter().map(|c| cell_format(c.kind())).collect();
    for (n, row) in (FIRST_DATA_ROW..=last_row).enumerate() {
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &stt)?;
        let household = job.households.get(n);
        for (i, column) in form.columns.iter().enumerate() {
            let col = i as u16 + 1;
            match household.map(|h| value(form, column.key, h)) {
                Some(Cell::Text(text)) => sheet.write_string_with_format(row, col, text, &formats[i])?,
                Some(Cell::Number(number)) => sheet.write_number_with_format(row, col, number, &formats[i])?,
                Some(Cell::Blank) | None => sheet.write_blank(row, col, &formats[i])?,
            };
        }
    }

    let letters: BTreeMap<ColumnKey, String> =
        form.columns.iter().enumerate().map(|(i, c)| (c.key, column_number_to_name(i as u16 + 1))).collect();
    for (i, column) in form.columns.iter().enumerate() {
        let col = i as u16 + 1;
        sheet.add_data_validation(FIRST_DATA_ROW, col, last_row, col, &validation(form, column, &letters)?)?;
    }

    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    sheet.set_selection(FIRST_DATA_ROW, 1, FIRST_DATA_ROW, 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    Ok(())
}

/// The line beside the village name: where to read how to fill the form,
/// and whether it already holds last round's households.
fn note_text(ctx: &Context, job: &Job) -> String {
    let guide = wording::quoted(ctx.guide_sheet);
    if job.prefilled {
        format!(
            "Đã điền sẵn {} hộ theo đợt khảo sát trước: chỉ sửa những gì đã thay đổi, ghi hộ mới vào các dòng trống. \
             Xem trang {guide}.",
            job.households.len()
        )
    } else {
        format!("Đọc trang {guide} trước khi ghi; ô có mũi tên thì bấm mũi tên để chọn.")
    }
}

/// The width a column's values need, before its header is considered.
fn content_chars(column: &Column) -> usize {
    match column.kind() {
        ColumnKind::Text if column.key == ColumnKey::HeadName => 26,
        ColumnKind::Text => 10,
        ColumnKind::WholeNumber => 8,
        ColumnKind::Number => 10,
        // Room for the longest choice and the drop-down arrow.
        ColumnKind::YesNo | ColumnKind::Poverty | ColumnKind::Housing => {
            column.allowed.iter().map(|w| w.chars().count()).max().unwrap_or(0) + 3
        }
    }
}

fn cell_format(kind: ColumnKind) -> Format {
    let base = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    match kind {
        // Typed as text, `012` keeps its zero.
        ColumnKind::Text => base.set_num_format("@"),
        ColumnKind::WholeNumber => base.set_num_format("0"),
        ColumnKind::Number => base,
        ColumnKind::YesNo | ColumnKind::Poverty | ColumnKind::Housing => base.set_align(FormatAlign::Center),
    }
}

enum Cell {
    Text(String),
    Number(f64),
    Blank,
}

/// A household's value in a column, written with the words the drop-downs
/// offer, so a pre-filled row reads like one the clerk chose.
fn value(form: &Form, key: ColumnKey, h: &Household) -> Cell {
    let word = |word: Option<String>| word.map_or(Cell::Blank, Cell::Text);
    let flag = |yes: bool| word(if yes { form.yes_words.first() } else { form.no_words.first() }.cloned());
    match key {
        ColumnKey::HouseholdId => Cell::Text(h.id.clone()),
        ColumnKey::HeadName => Cell::Text(h.head_name.clone()),
        ColumnKey::Members => Cell::Number(f64::from(h.members)),
        ColumnKey::Income => Cell::Number(h.income.to_f64()),
        ColumnKey::Poverty => word(wording::first_word(&form.poverty, h.poverty)),
        ColumnKey::Housing => word(wording::first_word(&form.housing, h.housing)),
        ColumnKey::CleanWater => flag(h.clean_water),
        ColumnKey::SanitaryToilet => flag(h.sanitary_toilet),
        ColumnKey::WasteSorting => flag(h.waste_sorting),
        ColumnKey::CulturalFamily => flag(h.cultural_family),
        ColumnKey::Insured => Cell::Number(f64::from(h.insured)),
        ColumnKey::Workers => Cell::Number(f64::from(h.workers)),
        ColumnKey::TrainedWorkers => Cell::Number(f64::from(h.trained_workers)),
    }
}

/// The column's rule as Excel can check it, with the messages shown when a
/// cell is selected and when a value breaks the rule. Formulas are written
/// for the first data row; Excel moves them down the range.
fn validation(
    form: &Form,
    column: &Column,
    letters: &BTreeMap<ColumnKey, String>,
) -> Result<DataValidation, XlsxError> {
    let cell = |key: ColumnKey| format!("{}{}", letters[&key], FIRST_DATA_ROW + 1);
    // A count that may not exceed another column's count of the same row;
    // the other cell left blank is the reader's business, not Excel's.
    let at_most = |key: ColumnKey, limit: ColumnKey| {
        let (c, l) = (cell(key), cell(limit));
        Formula::new(format!("=AND(ISNUMBER({c}),{c}=INT({c}),{c}>=0,OR(NOT(ISNUMBER({l})),{c}<={l}))"))
    };
    let rule = match column.kind() {
        ColumnKind::Text => DataValidation::new().allow_any_value(),
        ColumnKind::YesNo | ColumnKind::Poverty | ColumnKind::Housing if column.allowed.is_empty() => {
            DataValidation::new().allow_any_value()
        }
        ColumnKind::YesNo | ColumnKind::Poverty | ColumnKind::Housing => {
            DataValidation::new().allow_list_strings(&column.allowed)?
        }
        ColumnKind::WholeNumber => match column.key {
            ColumnKey::Members => DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1)),
            ColumnKey::Insured => DataValidation::new().allow_custom(at_most(ColumnKey::Insured, ColumnKey::Members)),
            ColumnKey::TrainedWorkers => {
                DataValidation::new().allow_custom(at_most(ColumnKey::TrainedWorkers, ColumnKey::Workers))
            }
            _ => DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0)),
        },
        ColumnKind::Number => DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
    };
    let text = wording::column_text(form, column);
    let rule =
        rule.set_input_title(fit(&column.header, TITLE_LIMIT))?.set_input_message(fit(&text.how, MESSAGE_LIMIT))?;
    match &text.error {
        Some((title, message)) => {
            rule.set_error_title(fit(title, TITLE_LIMIT))?.set_error_message(fit(message, MESSAGE_LIMIT))
        }
        None => Ok(rule),
    }
}
