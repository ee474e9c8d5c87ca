//! The command line, with its help in Vietnamese.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const HELP_TEMPLATE: &str = "\
{before-help}{name} {version} — {about}

Cách dùng: {usage}

{all-args}{after-help}";

const SUBCOMMAND_TEMPLATE: &str = "\
{about}

Cách dùng: {usage}

{all-args}{after-help}";

const AFTER_HELP: &str = "\
Bắt đầu với một xã mới: ntm init THƯ_MỤC --xa TÊN_XÃ --tinh TÊN_TỈNH, rồi đọc THƯ_MỤC/HUONG-DAN.md.

Mã thoát: 0 thành công; 1 dữ liệu có lỗi hoặc có văn bản không dàn trang được;
2 sai tham số dòng lệnh, thiếu công cụ (typst, phông chữ), hoặc thư mục kết quả
đang bận với lần chạy khác (khi dùng --no-wait).
Biến môi trường: NTM_TYPST (đường dẫn tới typst), NTM_FONT_PATH (thư mục phông chữ).";

#[derive(Debug, Parser)]
#[command(
    name = "ntm",
    version,
    about = "phát hành văn bản xây dựng xã nông thôn mới nâng cao",
    help_template = HELP_TEMPLATE,
    after_help = AFTER_HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    next_help_heading = "Tùy chọn chung",
    override_usage = "ntm [TÙY CHỌN] <LỆNH>"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Thư mục làm việc, chứa commune.yaml và documents/ (mặc định: inputs)
    #[arg(
        short = 'w',
        long,
        value_name = "THƯ_MỤC",
        default_value = "inputs",
        hide_default_value = true,
        global = true
    )]
    pub workspace: PathBuf,

    /// Thư mục ghi kết quả: PDF và tệp Typst trung gian (mặc định: output)
    #[arg(
        short = 'o',
        long,
        value_name = "THƯ_MỤC",
        default_value = "output",
        hide_default_value = true,
        global = true
    )]
    pub output: PathBuf,

    /// In hướng dẫn sử dụng
    #[arg(short = 'h', long, action = clap::ArgAction::Help, global = true)]
    pub help: Option<bool>,

    /// In phiên bản
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    pub version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tạo thư mục làm việc cho một xã mới, kèm văn bản khởi đầu và hướng dẫn
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm init [THƯ_MỤC] --xa TÊN --tinh TÊN [--huyen TÊN] [--nhom 1|2|3 | --vung TÊN] [--nam NĂM]", next_help_heading = "Tùy chọn")]
    Init(InitArgs),
    /// Tạo tệp văn bản mới trong documents/: đủ các mục, có chú thích, là dự thảo
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm new <LOẠI> <TÊN>", next_help_heading = "Tùy chọn")]
    New(NewArgs),
    /// Bảng tiêu chí Excel: mẫu trống, xuất một bộ, nhập bảng của tỉnh
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm criteria <LỆNH> [TÙY CHỌN]", subcommand_help_heading = "Lệnh", next_help_heading = "Tùy chọn")]
    Criteria(CriteriaArgs),
    /// Kiểm tra dữ liệu, dựng và dàn trang văn bản thành PDF trong thư mục kết quả
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm build [TÙY CHỌN] [VĂN_BẢN]...", next_help_heading = "Tùy chọn")]
    Build(BuildArgs),
    /// Kiểm tra toàn bộ dữ liệu và mẫu văn bản, không ghi tệp nào
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm check [TÙY CHỌN] [VĂN_BẢN]...", next_help_heading = "Tùy chọn")]
    Check(CheckArgs),
    /// Ghi mẫu phiếu khảo sát hộ gia đình (.xlsx) của từng thôn vào thư mục kết quả, mục forms/
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm forms [TÙY CHỌN]", next_help_heading = "Tùy chọn")]
    Forms(FormsArgs),
    /// Chỉ ghi bảng theo dõi (bang-theo-doi/ trong thư mục kết quả), không dàn trang văn bản
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm dashboard [TÙY CHỌN]", next_help_heading = "Tùy chọn")]
    Dashboard(DashboardArgs),
    /// Sổ đăng ký văn bản đi: xem, kiểm tra tệp, xuất ra Excel để in
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm archive <LỆNH> [TÙY CHỌN]", subcommand_help_heading = "Lệnh", next_help_heading = "Tùy chọn")]
    Archive(ArchiveArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Thư mục cần tạo (mặc định: inputs); phải chưa có hoặc đang trống
    #[arg(value_name = "THƯ_MỤC", help_heading = "Tham số")]
    pub dir: Option<PathBuf>,
    /// Tên xã, không có chữ “xã” (bỏ trống: ntm hỏi khi chạy trong cửa sổ lệnh)
    #[arg(long, value_name = "TÊN")]
    pub xa: Option<String>,
    /// Tên tỉnh, không có chữ “tỉnh” (bỏ trống: ntm hỏi khi chạy trong cửa sổ lệnh)
    #[arg(long, value_name = "TÊN")]
    pub tinh: Option<String>,
    /// Tên huyện, chỉ với xã trước sắp xếp 01/7/2025 (bỏ trống: xã sau sắp xếp, không còn cấp huyện)
    #[arg(long, value_name = "TÊN")]
    pub huyen: Option<String>,
    /// Nhóm xã (1, 2 hoặc 3) theo Bộ tiêu chí 2026–2030, từ năm 2026
    #[arg(long, value_name = "NHÓM")]
    pub nhom: Option<u8>,
    /// Vùng của xã theo Bộ tiêu chí nâng cao 2021–2025, trước năm 2026 (ví dụ "Bắc Trung Bộ")
    #[arg(long, value_name = "TÊN")]
    pub vung: Option<String>,
    /// Năm đánh giá và năm của các văn bản khởi đầu (mặc định: năm nay)
    #[arg(long, value_name = "NĂM")]
    pub nam: Option<i32>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Loại văn bản: nghi-quyet, quyet-dinh, ke-hoach, bao-cao, thong-bao, giay-moi, …
    #[arg(value_name = "LOẠI", help_heading = "Tham số")]
    pub kind: String,
    /// Tên tệp văn bản (không có đuôi .yaml), ví dụ tb-05-hop-ban-chi-dao
    #[arg(value_name = "TÊN", help_heading = "Tham số")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct CriteriaArgs {
    #[command(subcommand)]
    pub command: CriteriaCommand,
}

#[derive(Debug, Subcommand)]
pub enum CriteriaCommand {
    /// Ghi bảng tiêu chí Excel trống, kèm trang hướng dẫn cách điền
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm criteria template [--file TỆP]", next_help_heading = "Tùy chọn")]
    Template {
        /// Tệp Excel cần ghi (mặc định: THƯ_MỤC_KẾT_QUẢ/bang-tieu-chi-mau.xlsx)
        #[arg(long, value_name = "TỆP")]
        file: Option<PathBuf>,
    },
    /// Ghi một bộ tiêu chí (của thư mục làm việc, hoặc đi kèm ntm) thành bảng Excel
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm criteria export [BỘ] [--file TỆP]", next_help_heading = "Tùy chọn")]
    Export {
        /// Mã bộ tiêu chí (tên tệp trong criteria/, không có .yaml); mặc định: bộ xã đang dùng
        #[arg(value_name = "BỘ", help_heading = "Tham số")]
        set: Option<String>,
        /// Tệp Excel cần ghi (mặc định: THƯ_MỤC_KẾT_QUẢ/BỘ.xlsx)
        #[arg(long, value_name = "TỆP")]
        file: Option<PathBuf>,
    },
    /// Đọc bảng tiêu chí Excel (.xlsx, .xls, .ods) và ghi criteria/BỘ.yaml; có lỗi thì không ghi gì
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm criteria import <TỆP> --id BỘ", next_help_heading = "Tùy chọn")]
    Import {
        /// Bảng tiêu chí cần đọc
        #[arg(value_name = "TỆP", help_heading = "Tham số")]
        file: PathBuf,
        /// Mã bộ tiêu chí mới: tên tệp criteria/BỘ.yaml (chữ thường không dấu, chữ số, dấu gạch ngang)
        #[arg(long, value_name = "BỘ", required = true)]
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct ArchiveArgs {
    #[command(subcommand)]
    pub command: ArchiveCommand,
}

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// Liệt kê các văn bản đã phát hành
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm archive list [TÙY CHỌN]", next_help_heading = "Tùy chọn")]
    List(ArchiveFilter),
    /// Xem một văn bản theo số ký hiệu (ví dụ 01-NQ/ĐU), mọi bản của nó
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm archive show <SỐ_KÝ_HIỆU>", next_help_heading = "Tùy chọn")]
    Show {
        /// Số ký hiệu, ví dụ `01-NQ/ĐU` hoặc `15/BC-UBND` (không phân biệt hoa thường, có dấu hay không)
        #[arg(value_name = "SỐ_KÝ_HIỆU", help_heading = "Tham số")]
        number: String,
    },
    /// Tính lại mã băm mọi tệp PDF, báo tệp bị mất, bị sửa hoặc không có trong sổ
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm archive verify", next_help_heading = "Tùy chọn")]
    Verify,
    /// Xuất sổ đăng ký ra tệp Excel trình bày như sổ giấy, để in
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm archive export [TÙY CHỌN]", next_help_heading = "Tùy chọn")]
    Export {
        /// Tệp Excel cần ghi (mặc định: THƯ_MỤC_KẾT_QUẢ/so-dang-ky-van-ban-di.xlsx)
        #[arg(long, value_name = "TỆP")]
        file: Option<PathBuf>,
        #[command(flatten)]
        filter: ArchiveFilter,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct ArchiveFilter {
    /// Chỉ lấy văn bản của năm này
    #[arg(long, value_name = "NĂM")]
    pub year: Option<i32>,
    /// Chỉ lấy loại văn bản này (ký hiệu như NQ, KH, BC hoặc tên như ke-hoach)
    #[arg(long = "type", value_name = "LOẠI")]
    pub type_code: Option<String>,
    /// Chỉ lấy văn bản của cơ quan này (mã trong commune.yaml, ví dụ dang-uy)
    #[arg(long, value_name = "CƠ_QUAN")]
    pub issuer: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Tên tệp (không có đuôi .yaml) của các văn bản cần dựng; bỏ trống để dựng tất cả
    #[arg(value_name = "VĂN_BẢN", help_heading = "Tham số")]
    pub documents: Vec<String>,

    /// Phát hành bản mới thay thế cho văn bản đã phát hành mà dữ liệu đã thay đổi (bản cũ vẫn được lưu)
    #[arg(long)]
    pub supersede: bool,

    /// Ghi thêm bản Word (.docx) cạnh mỗi tệp PDF để góp ý, sửa bằng Word (dự thảo luôn có bản Word)
    #[arg(long)]
    pub docx: bool,

    /// Đợt khảo sát dùng để đánh giá (tên thư mục trong survey/, ví dụ 2023-06); mặc định: đợt mới nhất
    #[arg(long, value_name = "ĐỢT")]
    pub round: Option<String>,

    /// Phát hành báo cáo theo mẫu trong reports/ (ví dụ tien-do) cho kỳ ghi ở --period
    #[arg(long, value_name = "MẪU", requires = "period")]
    pub report: Option<String>,

    /// Kỳ báo cáo: năm (2023), tháng (2023-06) hoặc quý (2023-Q2)
    #[arg(long, value_name = "KỲ", requires = "report")]
    pub period: Option<String>,

    #[command(flatten)]
    pub wait: WaitArgs,
}

/// For the commands that write into the output folder, one run at a time.
#[derive(Debug, Args, Clone, Copy, Default)]
pub struct WaitArgs {
    /// Khi một lần chạy khác đang ghi vào thư mục kết quả: dừng ngay (mã thoát 2) thay vì chờ lần đó xong
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tên tệp (không có đuôi .yaml) của các văn bản cần kiểm tra; bỏ trống để kiểm tra tất cả
    #[arg(value_name = "VĂN_BẢN", help_heading = "Tham số")]
    pub documents: Vec<String>,

    /// Đợt khảo sát cần đánh giá (tên thư mục trong survey/, ví dụ 2023-06); mặc định: đợt mới nhất
    #[arg(long, value_name = "ĐỢT")]
    pub round: Option<String>,

    /// Dạng kết quả: text cho người đọc (mặc định), json cho chương trình khác
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "DẠNG", hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct DashboardArgs {
    /// Đợt khảo sát cần hiển thị (tên thư mục trong survey/, ví dụ 2023-06); mặc định: đợt mới nhất
    #[arg(long, value_name = "ĐỢT")]
    pub round: Option<String>,

    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Debug, Args)]
pub struct FormsArgs {
    /// Thư mục bảng khảo sát đợt trước (ví dụ inputs/survey/2023-09): điền sẵn các hộ của từng thôn, để thôn chỉ sửa những gì đã thay đổi
    #[arg(long, value_name = "THƯ_MỤC")]
    pub previous: Option<PathBuf>,

    /// Ghi mẫu báo cáo kết quả ra quân hằng tuần của từng thôn (forms/tuan/), thay cho phiếu khảo sát hộ
    #[arg(long)]
    pub weekly: bool,

    /// Tuần báo cáo theo ISO 8601, ví dụ 2023-W24: điền sẵn ngày đầu và cuối tuần (dùng với --weekly)
    #[arg(long, value_name = "TUẦN")]
    pub week: Option<String>,

    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
