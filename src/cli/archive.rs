//! `ntm archive`: the register, read by people — list, show, verify, export.

use std::path::Path;
use std::process::ExitCode;

use super::args::{ArchiveCommand, ArchiveFilter};
use crate::archive::export::export_xlsx;
use crate::archive::register::{Entry, Filter, Register, RegisterError};
use crate::archive::verify::verify;
use crate::diag::Severity;
use crate::error::Fatal;
use crate::model::Date;
use crate::vi::words::sentence_case;

/// The default file of `ntm archive export`.
const EXPORT_FILE: &str = "so-dang-ky-van-ban-di.xlsx";

pub fn run(command: ArchiveCommand, output: &Path) -> Result<ExitCode, Fatal> {
    let Some(register) = Register::open_existing(output).map_err(fatal)? else {
        return Err(Fatal::usage(format!("thư mục `{}` chưa có sổ đăng ký văn bản", output.display()))
            .with_hint("sổ được lập khi `ntm build` phát hành văn bản đầu tiên; chỉ rõ thư mục bằng `--output`"));
    };
    match command {
        ArchiveCommand::List(filter) => {
            let entries = register.list(&filter_of(&filter)).map_err(fatal)?;
            for e in &entries {
                eprintln!("{}", line(e));
            }
            eprintln!("{} văn bản.", entries.len());
            Ok(ExitCode::SUCCESS)
        }
        ArchiveCommand::Show { number } => {
            let entries = register.find_by_symbol(&number).map_err(fatal)?;
            if entries.is_empty() {
                return Err(Fatal::usage(format!("sổ đăng ký không có văn bản số `{number}`"))
                    .with_hint("xem danh sách bằng `ntm archive list`"));
            }
            for e in &entries {
                show(e);
            }
            Ok(ExitCode::SUCCESS)
        }
        ArchiveCommand::Verify => {
            let findings = verify(output, &register).map_err(fatal)?;
            let mut errors = 0;
            for f in &findings {
                let d = f.diagnostic(output);
                errors += usize::from(d.severity == Severity::Error);
                eprintln!("{d}");
            }
            let total = register.all().map_err(fatal)?.len();
            if findings.is_empty() {
                eprintln!("Đã kiểm tra {total} bản trong sổ: mọi tệp PDF còn nguyên vẹn.");
            } else {
                eprintln!("Đã kiểm tra {total} bản trong sổ: {} vấn đề ({errors} lỗi).", findings.len());
            }
            Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        ArchiveCommand::Export { file, filter, wait } => {
            let _lock = super::hold_output(output, wait.no_wait)?;
            let path = file.unwrap_or_else(|| output.join(EXPORT_FILE));
            let rows = export_xlsx(&register, &filter_of(&filter), &path).map_err(fatal)?;
            eprintln!("Đã ghi {} ({rows} dòng).", path.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn filter_of(f: &ArchiveFilter) -> Filter {
    Filter { year: f.year, type_code: f.type_code.clone(), issuer: f.issuer.clone() }
}

fn day(text: &str) -> String {
    Date::parse(text).map(Date::short).unwrap_or_else(|_| text.to_string())
}

/// One line of `list`: symbol, date, type and title, status, file.
fn line(e: &Entry) -> String {
    let symbol = if e.recorded.symbol.is_empty() { "(không số)".to_string() } else { e.recorded.symbol.clone() };
    let version = if e.version > 1 { format!(" (bản {})", e.version) } else { String::new() };
    format!(
        "{symbol}{version}  {}  {} {}  [{}]  {}",
        day(&e.recorded.date),
        sentence_case(&e.recorded.type_name),
        e.recorded.title,
        e.status.label(),
        e.recorded.pdf_path
    )
}

fn show(e: &Entry) {
    eprintln!("{}", e.label());
    let r = &e.recorded;
    eprintln!("  Loại văn bản: {}", sentence_case(&r.type_name));
    eprintln!("  Cơ quan ban hành: {}", r.issuer_name);
    eprintln!("  Ngày: {}", day(&r.date));
    eprintln!("  Trích yếu: {}", r.title);
    let authority = if r.authority.is_empty() { String::new() } else { format!("{} — ", r.authority) };
    eprintln!("  Người ký: {authority}{}: {}", r.position, r.signer);
    eprintln!("  Nơi nhận: {}", r.recipients.join("; "));
    eprintln!("  Tệp: {} (SHA-256 {})", r.pdf_path, r.pdf_sha256);
    eprintln!("  Trạng thái: {}; vào sổ lúc {}", e.status.label(), r.issued_at);
    eprintln!("  Nguồn: {}", r.source);
}

fn fatal(err: RegisterError) -> Fatal {
    let hint = err.hint();
    let f = Fatal::environment(err.to_string());
    match hint {
        Some(h) => f.with_hint(h),
        None => f,
    }
}
