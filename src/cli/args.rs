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
Mã thoát: 0 thành công; 1 dữ liệu có lỗi hoặc có văn bản không dàn trang được;
2 sai tham số dòng lệnh hoặc thiếu công cụ (typst, phông chữ).
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
    /// Kiểm tra dữ liệu, dựng và dàn trang văn bản thành PDF trong thư mục kết quả
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm build [TÙY CHỌN] [VĂN_BẢN]...", next_help_heading = "Tùy chọn")]
    Build(BuildArgs),
    /// Kiểm tra toàn bộ dữ liệu và mẫu văn bản, không ghi tệp nào
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm check [TÙY CHỌN] [VĂN_BẢN]...", next_help_heading = "Tùy chọn")]
    Check(CheckArgs),
    /// Ghi mẫu phiếu khảo sát hộ gia đình (.xlsx) của từng thôn vào thư mục kết quả, mục forms/
    #[command(help_template = SUBCOMMAND_TEMPLATE, override_usage = "ntm forms [TÙY CHỌN]", next_help_heading = "Tùy chọn")]
    Forms(FormsArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Tên tệp (không có đuôi .yaml) của các văn bản cần dựng; bỏ trống để dựng tất cả
    #[arg(value_name = "VĂN_BẢN", help_heading = "Tham số")]
    pub documents: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Tên tệp (không có đuôi .yaml) của các văn bản cần kiểm tra; bỏ trống để kiểm tra tất cả
    #[arg(value_name = "VĂN_BẢN", help_heading = "Tham số")]
    pub documents: Vec<String>,

    /// Dạng kết quả: text cho người đọc (mặc định), json cho chương trình khác
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "DẠNG", hide_default_value = true, hide_possible_values = true)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct FormsArgs {
    /// Thư mục bảng khảo sát đợt trước (ví dụ inputs/survey/2023): điền sẵn các hộ của từng thôn, để thôn chỉ sửa những gì đã thay đổi
    #[arg(long, value_name = "THƯ_MỤC")]
    pub previous: Option<PathBuf>,
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
