//! The weekly report workbook of one village: a one-page A4 portrait form
//! (title, village and member pre-filled, the week, a 12-row table,
//! signature), and, when the commune has a criteria set, a second sheet
//! holding the criteria the `Tiêu chí` column's drop-down offers.
//!
//! Positions below are the writer's only: the reader finds every cell by
//! its label (`layout`), so a village that inserts rows still reads back.

use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};

use super::layout::{self, Column, Field};
use super::text::{MESSAGE_LIMIT, TITLE_LIMIT, fit, measure, quoted};
use super::week::IsoWeek;

/// Rows of the report sheet (0-based).
const TITLE_ROW: u32 = 0;
const PLACE_ROW: u32 = 1;
const ADDRESSEE_ROW: u32 = 2;
const VILLAGE_ROW: u32 = 4;
const MEMBER_ROW: u32 = 5;
const WEEK_ROW: u32 = 6;
const NOTE_ROW: u32 = 7;
const HEADER_ROW: u32 = 8;
const FIRST_ITEM_ROW: u32 = 9;
/// Rows for the week's work: enough for a week of a village, few enough
/// for one printed page with room to write by hand.
pub const ITEM_ROWS: u32 = 12;
const LAST_ITEM_ROW: u32 = FIRST_ITEM_ROW + ITEM_ROWS - 1;
const DATE_ROW: u32 = LAST_ITEM_ROW + 2;
const SIGNATURE_ROW: u32 = DATE_ROW + 1;
const SIGNATURE_NOTE_ROW: u32 = SIGNATURE_ROW + 1;
/// Three blank rows for the signature itself.
const NAME_ROW: u32 = SIGNATURE_NOTE_ROW + 4;
const LAST_COL: u16 = 4;

/// Characters a line of each column holds: STT, criterion, work, result,
/// problems. About 100 in all: A4 portrait at a little under full scale.
const CHARS: [usize; 5] = [5, 16, 28, 18, 24];
/// Lines of hand-writing room in an item row.
const ITEM_LINES: usize = 3;
/// Header fill of the survey forms: light blue, legible in black and white.
const HEADER_FILL: u32 = 0xDDEBF7;
const NOTE_COLOR: u32 = 0x595959;

/// What every workbook of a run shares.
pub struct Context {
    /// `Xã …, huyện …, tỉnh …`, under the title.
    pub place: String,
    /// The steering committee the report goes to.
    pub committee: String,
    pub author: String,
    /// The criteria set's name and its criteria as the drop-down shows them
    /// (`10 - Thu nhập`); empty when the commune has none.
    pub criteria_set: String,
    pub criteria: Vec<String>,
    pub week: Option<IsoWeek>,
    pub created: ExcelDateTime,
}

/// One village's workbook.
pub struct Job {
    pub village: String,
    /// The member (or members) in charge of the village; `""` when none.
    pub member: String,
}

pub fn workbook(ctx: &Context, job: &Job) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let properties = DocProperties::new()
        .set_title(format!("Báo cáo kết quả ra quân xây dựng nông thôn mới hằng tuần - {}", job.village))
        .set_subject(ctx.place.clone())
        .set_author(ctx.author.clone())
        .set_creation_datetime(&ctx.created);
    book.set_properties(&properties);
    report(book.add_worksheet(), ctx, job)?;
    if !ctx.criteria.is_empty() {
        criteria_list(book.add_worksheet(), ctx)?;
    }
    book.save_to_buffer()
}

fn report(sheet: &mut Worksheet, ctx: &Context, job: &Job) -> Result<(), XlsxError> {
    sheet.set_name(layout::SHEET)?;
    for (col, chars) in CHARS.iter().enumerate() {
        sheet.set_column_width(col as u16, measure::width(*chars))?;
    }
    let total_chars = CHARS.iter().sum::<usize>() + CHARS.len() - 1;
    let center = |format: Format| format.set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);

    let title = center(Format::new().set_bold().set_font_size(14).set_text_wrap());
    sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, LAST_COL, layout::TITLE, &title)?;
    sheet.set_row_height(TITLE_ROW, 24)?;
    sheet.merge_range(PLACE_ROW, 0, PLACE_ROW, LAST_COL, &ctx.place, &center(Format::new().set_italic()))?;
    sheet.merge_range(
        ADDRESSEE_ROW,
        0,
        ADDRESSEE_ROW,
        LAST_COL,
        &format!("Kính gửi: {}", ctx.committee),
        &center(Format::new()),
    )?;

    // Label and value in separate cells: the reader takes the next filled
    // cell after a label, and the value stands out as the thing filled in.
    let label = Format::new().set_bold().set_align(FormatAlign::VerticalCenter);
    let field =
        Format::new().set_font_size(12).set_align(FormatAlign::VerticalCenter).set_border_bottom(FormatBorder::Dotted);
    sheet.merge_range(VILLAGE_ROW, 0, VILLAGE_ROW, 1, Field::Village.label(), &label)?;
    sheet.merge_range(VILLAGE_ROW, 2, VILLAGE_ROW, LAST_COL, &job.village, &field.clone().set_bold())?;
    sheet.merge_range(MEMBER_ROW, 0, MEMBER_ROW, 1, Field::Member.label(), &label)?;
    sheet.merge_range(MEMBER_ROW, 2, MEMBER_ROW, LAST_COL, &job.member, &field)?;
    for row in [VILLAGE_ROW, MEMBER_ROW, WEEK_ROW] {
        sheet.set_row_height(row, 20)?;
    }

    let date = field.clone().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center);
    sheet.merge_range(WEEK_ROW, 0, WEEK_ROW, 1, Field::From.label(), &label)?;
    sheet.write_string_with_format(WEEK_ROW, 3, Field::To.label(), &label.clone().set_align(FormatAlign::Right))?;
    let days = ctx.week.map(|w| (w.monday(), w.sunday()));
    for (col, day) in [(2, days.map(|d| d.0)), (4, days.map(|d| d.1))] {
        match day.and_then(|d| ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8).ok()) {
            Some(day) => sheet.write_datetime_with_format(WEEK_ROW, col, &day, &date)?,
            None => sheet.write_blank(WEEK_ROW, col, &date)?,
        };
    }

    let note = "Ghi mỗi công việc một dòng. Cột “Khó khăn, vướng mắc” chỉ ghi những việc nằm ngoài khả năng \
                giải quyết của thôn, để Ban Chỉ đạo xã tập trung chỉ đạo giải quyết.";
    let note_format = Format::new()
        .set_italic()
        .set_text_wrap()
        .set_font_color(Color::RGB(NOTE_COLOR))
        .set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(NOTE_ROW, 0, NOTE_ROW, LAST_COL, note, &note_format)?;
    sheet.set_row_height(NOTE_ROW, measure::height(measure::lines(note, total_chars)))?;

    let header = center(Format::new().set_bold().set_text_wrap())
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(HEADER_FILL));
    let headers = [
        layout::STT,
        Column::Criterion.header(),
        Column::Work.header(),
        Column::Result.header(),
        Column::Problems.header(),
    ];
    let mut header_lines = 1;
    for (col, text) in headers.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *text, &header)?;
        header_lines = header_lines.max(measure::lines(text, CHARS[col]));
    }
    sheet.set_row_height(HEADER_ROW, measure::height(header_lines))?;

    let stt = center(Format::new()).set_border(FormatBorder::Thin).set_font_color(Color::RGB(0x808080));
    // Typed as text: `3/4` stays three quarters, not the 3rd of April.
    let cell =
        Format::new().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top).set_num_format("@");
    for (n, row) in (FIRST_ITEM_ROW..=LAST_ITEM_ROW).enumerate() {
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &stt)?;
        for col in 1..=LAST_COL {
            sheet.write_blank(row, col, &cell)?;
        }
        sheet.set_row_height(row, measure::height(ITEM_LINES))?;
    }
    validations(sheet, ctx)?;

    let year = ctx.week.map_or_else(|| "……".to_string(), |w| w.sunday().year.to_string());
    let dated = format!("Ngày …… tháng …… năm {year}");
    sheet.merge_range(DATE_ROW, 3, DATE_ROW, LAST_COL, &dated, &center(Format::new().set_italic()))?;
    sheet.merge_range(
        SIGNATURE_ROW,
        3,
        SIGNATURE_ROW,
        LAST_COL,
        layout::SIGNATURE,
        &center(Format::new().set_bold()),
    )?;
    sheet.merge_range(
        SIGNATURE_NOTE_ROW,
        3,
        SIGNATURE_NOTE_ROW,
        LAST_COL,
        "(Ký, ghi rõ họ tên)",
        &center(Format::new().set_italic()),
    )?;
    sheet.merge_range(NAME_ROW, 3, NAME_ROW, LAST_COL, &job.member, &center(Format::new().set_bold()))?;

    sheet.set_selection(FIRST_ITEM_ROW, 1, FIRST_ITEM_ROW, 1)?;
    sheet.set_portrait();
    sheet.set_paper_size(9); // A4
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_print_area(0, 0, NAME_ROW, LAST_COL)?;
    sheet.set_print_fit_to_pages(1, 1);
    Ok(())
}

/// Input messages on every cell a member fills, and the criteria drop-down.
fn validations(sheet: &mut Worksheet, ctx: &Context) -> Result<(), XlsxError> {
    let prompt = |title: &str, message: &str| -> Result<DataValidation, XlsxError> {
        DataValidation::new()
            .allow_any_value()
            .set_input_title(fit(title, TITLE_LIMIT))?
            .set_input_message(fit(message, MESSAGE_LIMIT))
    };
    let date = "Ngày {} của tuần báo cáo, dạng ngày/tháng/năm, ví dụ 12/06/2023.";
    sheet.add_data_validation(WEEK_ROW, 2, WEEK_ROW, 2, &prompt("Từ ngày", &date.replace("{}", "đầu"))?)?;
    sheet.add_data_validation(WEEK_ROW, 4, WEEK_ROW, 4, &prompt("Đến ngày", &date.replace("{}", "cuối"))?)?;
    sheet.add_data_validation(
        MEMBER_ROW,
        2,
        MEMBER_ROW,
        2,
        &prompt(
            "Đồng chí phụ trách",
            "Họ và tên đồng chí được phân công phụ trách thôn; sửa lại nếu người khác báo cáo thay.",
        )?,
    )?;

    let criterion = if ctx.criteria.is_empty() {
        prompt(
            Column::Criterion.header(),
            "Tiêu chí mà công việc này góp phần thực hiện, ví dụ 10 - Thu nhập; để trống nếu là việc chung.",
        )?
    } else {
        let last = 2 + ctx.criteria.len();
        let list = Formula::new(format!("='{}'!$A$3:$A${last}", layout::LIST_SHEET));
        DataValidation::new()
            .allow_list_formula(list)
            .set_input_title(Column::Criterion.header())?
            .set_input_message(
                "Bấm mũi tên bên phải ô để chọn tiêu chí mà công việc này góp phần thực hiện; để trống nếu là việc chung.",
            )?
            .set_error_title("Chọn trong danh sách")?
            .set_error_message(format!(
                "Ô {} chỉ nhận một tiêu chí trong danh sách. Bấm mũi tên bên phải ô để chọn.",
                quoted(Column::Criterion.header())
            ))?
    };
    sheet.add_data_validation(FIRST_ITEM_ROW, 1, LAST_ITEM_ROW, 1, &criterion)?;
    // Titles short enough for Excel's 32 characters, messages for its 255.
    let texts = [
        ("Công việc đã làm", "Mỗi dòng một công việc đã làm trong tuần: việc gì, ở đâu, bao nhiêu người tham gia."),
        ("Kết quả", "Kết quả đạt được, bằng số khi được: bao nhiêu mét đường, bao nhiêu hộ, bao nhiêu ngày công."),
        (
            "Khó khăn, vướng mắc",
            "Chỉ ghi khó khăn, vướng mắc nằm ngoài khả năng giải quyết của thôn, cần xã hỗ trợ. Để trống nếu không có.",
        ),
    ];
    for (i, (title, message)) in texts.iter().enumerate() {
        let col = 2 + i as u16;
        sheet.add_data_validation(FIRST_ITEM_ROW, col, LAST_ITEM_ROW, col, &prompt(title, message)?)?;
    }
    Ok(())
}

/// The criteria the drop-down offers, from row 3; the sheet is visible so
/// the office can see where the list comes from.
fn criteria_list(sheet: &mut Worksheet, ctx: &Context) -> Result<(), XlsxError> {
    sheet.set_name(layout::LIST_SHEET)?;
    sheet.set_column_width(0, measure::width(64))?;
    let heading = if ctx.criteria_set.is_empty() {
        "Các tiêu chí".to_string()
    } else {
        format!("Các tiêu chí — {}", ctx.criteria_set)
    };
    sheet.write_string_with_format(0, 0, heading, &Format::new().set_bold().set_text_wrap())?;
    sheet.write_string_with_format(
        1,
        0,
        format!(
            "Danh sách chọn của cột {} ở trang {}; không cần sửa trang này.",
            quoted(Column::Criterion.header()),
            quoted(layout::SHEET)
        ),
        &Format::new().set_italic().set_text_wrap(),
    )?;
    for (i, text) in ctx.criteria.iter().enumerate() {
        sheet.write_string(2 + i as u32, 0, text)?;
    }
    Ok(())
}
