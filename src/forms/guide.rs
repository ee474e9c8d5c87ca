//! The instructions sheet: how to fill the form, column by column, in the
//! words of the form file, and where to send it. It travels inside the
//! workbook because the village head who fills it has no other manual.

use rust_xlsxwriter::utility::column_number_to_name;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

use super::household::{FIRST_DATA_ROW, HEADER_ROW, VILLAGE_ROW};
use super::measure;
use super::wording::{self, quoted};
use super::{Context, Job};

/// Characters a line of each of the four columns holds: number or column
/// letter, header, how to fill, what the cell takes.
const CHARS: [usize; 4] = [5, 26, 56, 36];
const TABLE_FILL: u32 = 0xDDEBF7;

pub fn write(sheet: &mut Worksheet, ctx: &Context, job: &Job) -> Result<(), XlsxError> {
    let form = ctx.form;
    sheet.set_name(ctx.guide_sheet)?;
    for (col, chars) in CHARS.iter().enumerate() {
        sheet.set_column_width(col as u16, measure::width(*chars))?;
    }
    // Paragraphs span the three text columns.
    let paragraph_chars = CHARS[1..].iter().sum::<usize>() + 2;

    let title = Format::new().set_bold().set_font_size(14);
    let heading = Format::new().set_bold().set_font_size(12);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Right).set_align(FormatAlign::Top);

    let mut row = 0;
    sheet.write_string_with_format(row, 0, "HƯỚNG DẪN GHI PHIẾU KHẢO SÁT HỘ GIA ĐÌNH", &title)?;
    sheet.set_row_height(row, 22)?;
    row += 1;
    sheet.write_string_with_format(
        row,
        0,
        format!("Phiếu của {} — {}.", job.village.name, ctx.place),
        &Format::new().set_italic(),
    )?;
    row += 2;

    sheet.write_string_with_format(row, 0, "Cách ghi chung", &heading)?;
    row += 1;
    for (n, text) in general(ctx, job).iter().enumerate() {
        sheet.write_string_with_format(row, 0, format!("{}.", n + 1), &number)?;
        sheet.merge_range(row, 1, row, 3, text, &wrap)?;
        sheet.set_row_height(row, measure::height(measure::lines(text, paragraph_chars)))?;
        row += 1;
    }
    row += 1;

    sheet.write_string_with_format(row, 0, format!("Cách ghi từng cột ở trang {}", quoted(&form.sheet)), &heading)?;
    row += 1;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(TABLE_FILL));
    let cell = wrap.clone().set_border(FormatBorder::Thin);
    let bold_cell = cell.clone().set_bold();
    let letter_cell = cell.clone().set_align(FormatAlign::Center);
    for (col, text) in ["Cột", "Tiêu đề", "Cách ghi", "Chọn hoặc ghi"].iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *text, &head)?;
    }
    row += 1;
    let mut table: Vec<[String; 4]> =
        vec![["A".to_string(), "STT".to_string(), wording::STT_HOW.to_string(), "Số thứ tự.".to_string()]];
    for (i, column) in form.columns.iter().enumerate() {
        let text = wording::column_text(form, column);
        table.push([column_number_to_name(i as u16 + 1), column.header.clone(), text.how, text.accepted]);
    }
    for cells in &table {
        let lines = cells.iter().zip(CHARS).map(|(text, chars)| measure::lines(text, chars)).max().unwrap_or(1);
        sheet.write_string_with_format(row, 0, &cells[0], &letter_cell)?;
        sheet.write_string_with_format(row, 1, &cells[1], &bold_cell)?;
        sheet.write_string_with_format(row, 2, &cells[2], &cell)?;
        sheet.write_string_with_format(row, 3, &cells[3], &cell)?;
        sheet.set_row_height(row, measure::height(lines))?;
        row += 1;
    }
    row += 1;

    sheet.write_string_with_format(row, 0, "Các cách ghi khác phần mềm cũng hiểu", &heading)?;
    row += 1;
    let mut others =
        vec!["Dùng khi thôn tự lập bảng tính, không theo mẫu này; trong mẫu này hãy chọn trong danh sách.".to_string()];
    others.extend(wording::other_spellings(form));
    for text in &others {
        sheet.merge_range(row, 1, row, 3, text, &wrap)?;
        sheet.set_row_height(row, measure::height(measure::lines(text, paragraph_chars)))?;
        row += 1;
    }

    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The numbered rules at the top of the sheet.
fn general(ctx: &Context, job: &Job) -> Vec<String> {
    let sheet = quoted(&ctx.form.sheet);
    let first_row = FIRST_DATA_ROW + 1;
    let mut rules = vec![format!(
        "Mỗi hộ ghi một dòng ở trang {sheet}, bắt đầu từ dòng {first_row}, ngay dưới dòng tiêu đề; \
         ghi liền nhau, không cần để dòng trống."
    )];
    rules.push(if job.prefilled {
        format!(
            "Phiếu đã điền sẵn {} hộ theo đợt khảo sát trước. Kiểm tra từng hộ và chỉ sửa những ô đã thay đổi; \
             hộ mới ghi vào các dòng trống bên dưới; hộ không còn ở thôn (chuyển đi, nhập vào hộ khác) thì xóa cả dòng.",
            job.households.len()
        )
    } else {
        format!("Ghi đủ tất cả các hộ của {}.", job.village.name)
    });
    rules.push(format!(
        "Không đổi tên các trang tính; không sửa, xóa hay đổi chỗ dòng tiêu đề (dòng {}) và ô {} ở dòng {}; \
         không chèn dòng phía trên dòng tiêu đề. Muốn ghi chú thêm thì ghi ở cột trống bên phải bảng.",
        HEADER_ROW + 1,
        quoted(&format!("{}:", ctx.village_label)),
        VILLAGE_ROW + 1
    ));
    rules.push(
        "Ô có mũi tên (các cột có/không, phân loại hộ, loại nhà ở): bấm mũi tên bên phải ô rồi chọn, \
         không gõ chữ khác. Khi chọn một ô, Excel hiện lời nhắc cách ghi cột đó; ghi sai thì Excel báo lỗi \
         và không nhận."
            .to_string(),
    );
    rules.push(
        "Số ghi bằng chữ số, không kèm chữ hay đơn vị, không ghi dấu tách hàng nghìn. Số thập phân dùng \
         dấu phẩy: 45,5. Nếu Excel báo lỗi khi gõ dấu phẩy thì máy tính đang dùng dấu chấm làm dấu thập phân: \
         gõ 45.5."
            .to_string(),
    );
    rules.push("Không cần ghi dòng tổng cộng: phần mềm tự cộng.".to_string());
    rules.push(format!(
        "Ghi xong, lưu tệp dạng Excel (.xlsx), giữ nguyên tên tệp {}, rồi gửi lại cho {}.",
        quoted(&job.file_name),
        ctx.office
    ));
    rules
}
