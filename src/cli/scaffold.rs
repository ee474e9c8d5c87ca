//! `ntm init` and `ntm new`: what they wrote, and what to do next.

use std::path::Path;
use std::process::ExitCode;

use super::args::{InitArgs, NewArgs};
use crate::error::Fatal;
use crate::scaffold::{self, InitConfig};

pub fn init(args: InitArgs, default_dir: &Path) -> Result<ExitCode, Fatal> {
    let config = InitConfig {
        dir: args.dir.unwrap_or_else(|| default_dir.to_path_buf()),
        commune: args.xa,
        province: args.tinh,
        district: args.huyen,
        group: args.nhom,
        region: args.vung,
        year: args.nam.unwrap_or_else(|| scaffold::today().year),
    };
    let outcome = scaffold::init(&config)?;
    let dir = outcome.dir.display();
    eprintln!("Đã tạo thư mục làm việc `{dir}` cho xã {} ({} tệp):", config.commune, outcome.files.len());
    for file in &outcome.files {
        eprintln!("  {}", file.display());
    }
    eprintln!();
    eprintln!("Bộ tiêu chí: {} (ghi ở `criteria_set:` trong commune.yaml).", outcome.criteria_set);
    eprintln!("Việc tiếp theo:");
    eprintln!("  1. đọc `{dir}/HUONG-DAN.md`;");
    eprintln!("  2. chạy `ntm check --workspace {dir}`: mỗi chỗ “cần điền” được liệt kê kèm tệp và dòng;");
    eprintln!("  3. điền xong, `ntm build --workspace {dir}` phát hành các văn bản dự thảo để xem.");
    Ok(ExitCode::SUCCESS)
}

pub fn new(args: NewArgs, workspace: &Path) -> Result<ExitCode, Fatal> {
    let path = scaffold::new::new_document(workspace, &args.kind, &args.name, scaffold::today())?;
    eprintln!("Đã tạo `{}` (dự thảo, số tự động).", path.display());
    eprintln!("Sửa các chỗ “cần điền” trong tệp, rồi `ntm check {}` để kiểm tra.", args.name);
    Ok(ExitCode::SUCCESS)
}
