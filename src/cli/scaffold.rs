//! `ntm init` and `ntm new`: what they wrote, and what to do next.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::args::{InitArgs, NewArgs};
use crate::error::Fatal;
use crate::scaffold::{self, InitConfig};

pub fn init(args: InitArgs, default_dir: &Path) -> Result<ExitCode, Fatal> {
    // A clerk who double-clicks "Bat dau du lieu cua xa.bat" gives no
    // options: the two names are asked for in the window instead.
    let mut answers = Prompt::console();
    let commune = given_or_asked(args.xa, "--xa", "Tên xã (không ghi chữ “xã”, ví dụ: Cẩm Lĩnh): ", &mut answers)?;
    let province =
        given_or_asked(args.tinh, "--tinh", "Tên tỉnh (không ghi chữ “tỉnh”, ví dụ: Hà Tĩnh): ", &mut answers)?;
    let config = InitConfig {
        dir: args.dir.unwrap_or_else(|| default_dir.to_path_buf()),
        commune,
        province,
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

/// Where missing names are asked: the console when a person is at it.
struct Prompt<'a> {
    input: Option<Box<dyn BufRead + 'a>>,
    output: Box<dyn Write + 'a>,
}

impl<'a> Prompt<'a> {
    fn console() -> Prompt<'static> {
        let input = io::stdin().is_terminal().then(|| Box::new(io::stdin().lock()) as Box<dyn BufRead>);
        Prompt { input, output: Box::new(io::stderr()) }
    }
}

/// The value of an option, or the answer to `question` when the option was
/// left out and someone can answer; an empty answer is asked again, the end
/// of input is a usage error, as is a missing option with nobody to ask.
fn given_or_asked(given: Option<String>, option: &str, question: &str, prompt: &mut Prompt) -> Result<String, Fatal> {
    if let Some(value) = given.map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
        return Ok(value);
    }
    let missing = || {
        Fatal::usage(format!("thiếu tùy chọn {option}"))
            .with_hint("ví dụ: ntm init du-lieu --xa \"Cẩm Lĩnh\" --tinh \"Hà Tĩnh\"")
    };
    let Some(input) = prompt.input.as_mut() else { return Err(missing()) };
    loop {
        let _ = write!(prompt.output, "{question}");
        let _ = prompt.output.flush();
        let mut line = String::new();
        match input.read_line(&mut line) {
            Ok(0) | Err(_) => return Err(missing()),
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => return Ok(line.trim().to_string()),
        }
    }
}

pub fn new(args: NewArgs, workspace: &Path) -> Result<ExitCode, Fatal> {
    let path = scaffold::new::new_document(workspace, &args.kind, &args.name, scaffold::today())?;
    eprintln!("Đã tạo `{}` (dự thảo, số tự động).", path.display());
    eprintln!("Sửa các chỗ “cần điền” trong tệp, rồi `ntm check {}` để kiểm tra.", args.name);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(given: Option<&str>, typed: Option<&str>) -> (Result<String, Fatal>, String) {
        let mut shown = Vec::new();
        let result = {
            let input = typed.map(|t| Box::new(t.as_bytes()) as Box<dyn BufRead>);
            let mut prompt = Prompt { input, output: Box::new(&mut shown) };
            given_or_asked(given.map(str::to_string), "--xa", "Tên xã: ", &mut prompt)
        };
        (result, String::from_utf8(shown).unwrap())
    }

    #[test]
    fn a_given_name_is_not_asked_for() {
        let (name, shown) = ask(Some(" Cẩm Lĩnh "), Some("Khác\n"));
        assert_eq!(name.unwrap(), "Cẩm Lĩnh");
        assert_eq!(shown, "");
    }

    #[test]
    fn a_missing_name_is_asked_again_until_answered() {
        let (name, shown) = ask(None, Some("\n  \r\nThạch Hà\r\n"));
        assert_eq!(name.unwrap(), "Thạch Hà");
        assert_eq!(shown, "Tên xã: Tên xã: Tên xã: ");
    }

    #[test]
    fn nobody_to_ask_is_a_usage_error() {
        for typed in [None, Some(""), Some("\n")] {
            let (name, _) = ask(None, typed);
            let err = name.unwrap_err();
            assert!(err.to_string().contains("thiếu tùy chọn --xa"), "{err}");
        }
    }
}
