//! The Windows package (`make windows`, issue #18) as a clerk gets it,
//! run under Wine: unpacked into a folder whose path has spaces and
//! Vietnamese letters, `ntm.exe` finds the `typst.exe` and the fonts beside
//! it, and what it reads, prints and writes is what the Linux binary does.
//!
//! Ignored by a bare `cargo test`: these need the zip and Wine. `make test`
//! builds the zip and runs them (`cargo test --test windows -- --ignored`).
//! Wine 8.0 lacks the `ProcessPrng` of `bcryptprimitives.dll` that Rust's
//! standard library calls (Windows 10 and 11 have it): a stand-in built
//! from `bcryptprimitives.c` is put in the Wine prefix, never in the zip.

#[allow(dead_code)]
#[path = "../cli/harness.rs"]
mod harness;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use harness::{example_inputs, pdf_text, squeeze};

/// The zip `make windows` writes, or `NTM_WINDOWS_ZIP`.
fn zip_path() -> PathBuf {
    std::env::var_os("NTM_WINDOWS_ZIP")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("output/dist/ntm-windows-x64.zip"))
}

/// Every member of the package, by name.
fn members() -> &'static BTreeMap<String, Vec<u8>> {
    static MEMBERS: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    MEMBERS.get_or_init(|| {
        let path = zip_path();
        assert!(path.is_file(), "{}: run `make windows` first (`make test` does)", path.display());
        zip_members(&path)
    })
}

/// Every member of a zip (the package, a workbook), by name.
fn zip_members(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut members = BTreeMap::new();
    for i in 0..zip.len() {
        let mut member = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).unwrap();
        members.insert(member.name().unwrap().to_string(), bytes);
    }
    members
}

/// A Wine prefix of its own (with the `ProcessPrng` stand-in) and the
/// package unpacked under `…/Văn thư/Tài liệu/`: set up once for all tests.
struct Setup {
    prefix: PathBuf,
    /// The unpacked `NTM` folder.
    package: PathBuf,
    /// `hold.exe`: holds a file open as a PDF reader does.
    hold: PathBuf,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("windows");
        let _ = fs::remove_dir_all(&root);
        let prefix = root.join("wine-prefix");
        fs::create_dir_all(&prefix).unwrap();
        let home = root.join("Văn thư").join("Tài liệu");
        for (name, bytes) in members() {
            let path = home.join(name);
            if name.ends_with('/') {
                fs::create_dir_all(&path).unwrap();
            } else {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, bytes).unwrap();
            }
        }
        let setup = Setup { prefix, package: home.join("NTM"), hold: root.join("hold.exe") };
        // The first start makes the prefix; everything after waits for it.
        let boot = setup.wine(&root, &["wineboot", "--init"], &[]);
        assert!(boot.status.success(), "wineboot: {}", String::from_utf8_lossy(&boot.stderr));
        let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/windows");
        let stub = setup.prefix.join("drive_c/windows/system32/bcryptprimitives.dll");
        mingw(
            &[&stub, &here.join("bcryptprimitives.c"), &here.join("bcryptprimitives.def")],
            &["-shared", "-ladvapi32"],
        );
        mingw(&[&setup.hold, &here.join("hold.c")], &["-municode"]);
        setup
    })
}

/// Compiles `[output, sources…]` with mingw-w64.
fn mingw(files: &[&Path], flags: &[&str]) {
    let built = Command::new("x86_64-w64-mingw32-gcc")
        .args(flags)
        .arg("-O2")
        .arg("-o")
        .args(files)
        .output()
        .unwrap_or_else(|e| panic!("x86_64-w64-mingw32-gcc (gcc-mingw-w64-x86-64; `make test` installs it): {e}"));
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
}

impl Setup {
    /// `wine PROGRAM ARGS…` in `dir`, with the prefix and a UTF-8 locale
    /// (Wine names Unix files in it: the Vietnamese folder names).
    fn wine(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.wine_command(dir, args, env)
            .output()
            .unwrap_or_else(|e| panic!("wine (Debian's wine; `make test` installs it): {e}"))
    }

    fn wine_command(&self, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut command = Command::new("wine");
        command
            .args(args)
            .current_dir(dir)
            .env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            // No Mono or Gecko installer dialogs on the first start.
            .env("WINEDLLOVERRIDES", "mscoree=;mshtml=")
            .env("LC_ALL", "C.UTF-8")
            .env_remove("NTM_TYPST")
            .env_remove("NTM_FONT_PATH")
            .envs(env.iter().copied());
        command
    }

    /// `ntm.exe ARGS…` in the package folder.
    fn ntm(&self, args: &[&str]) -> Run {
        Run::of(self.wine(&self.package, &[&["ntm.exe"], args].concat(), &[]))
    }

    /// The Linux binary on the same workspace, with the package's fonts.
    fn linux(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_ntm"))
            .args(args)
            .current_dir(&self.package)
            .env("NTM_FONT_PATH", self.package.join("fonts"))
            .output()
            .unwrap();
        Run::of(out)
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Output must be UTF-8: Vietnamese reaches a pipe (and a console, which
    /// Rust writes to in UTF-16) as the Linux binary writes it.
    fn of(out: Output) -> Run {
        let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("output in UTF-8");
        Run { code: out.status.code(), stdout: text(out.stdout), stderr: text(out.stderr) }
    }

    fn assert_ok(&self) -> &Run {
        assert_eq!(self.code, Some(0), "stdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

fn pdfs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    names
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn the_zip_holds_one_folder_a_clerk_can_use() {
    let members = members();
    for name in [
        "NTM/ntm.exe",
        "NTM/typst.exe",
        "NTM/HUONG-DAN.txt",
        "NTM/Phat hanh van ban.bat",
        "NTM/Kiem tra du lieu.bat",
        "NTM/Tao mau phieu cho cac thon.bat",
        "NTM/fonts/LiberationSerif-Regular.ttf",
        "NTM/fonts/LiberationSerif-Bold.ttf",
        "NTM/fonts/LiberationSerif-Italic.ttf",
        "NTM/fonts/LiberationSerif-BoldItalic.ttf",
        "NTM/fonts/GIAY-PHEP-OFL.txt",
        "NTM/giay-phep/typst-Apache-2.0.txt",
        "NTM/vi-du/commune.yaml",
    ] {
        assert!(members.contains_key(name), "{name} missing from the zip");
    }
    assert!(members.keys().all(|n| n.starts_with("NTM/")), "one folder: {:?}", members.keys());
    // Names every Windows locale shows: the double-click files in ASCII.
    for name in members.keys().filter(|n| n.ends_with(".bat")) {
        assert!(name.is_ascii(), "{name}");
        let text = std::str::from_utf8(&members[name]).unwrap();
        assert!(text.is_ascii(), "{name} is not ASCII");
        assert!(!text.replace("\r\n", "").contains('\n'), "{name}: a line ends without CR");
    }
    let guide = &members["NTM/HUONG-DAN.txt"];
    assert!(guide.starts_with(&[0xEF, 0xBB, 0xBF]), "HUONG-DAN.txt without a UTF-8 BOM");
    let guide = std::str::from_utf8(&guide[3..]).unwrap();
    assert!(!guide.replace("\r\n", "").contains('\n'), "HUONG-DAN.txt: a line ends without CR");
    for words in
        ["Giải nén tất cả", "Phat hanh van ban.bat", "vi-du-ket-qua", "Bat dau du lieu cua xa.bat", "Windows 10"]
    {
        assert!(guide.contains(words), "HUONG-DAN.txt does not say {words:?}");
    }
    assert!(
        String::from_utf8_lossy(&members["NTM/fonts/GIAY-PHEP-OFL.txt"]).contains("SIL OPEN FONT LICENSE Version 1.1"),
        "the fonts' licence"
    );
    // The example workspace as it is in the repository.
    let inputs = example_inputs();
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&inputs).into_iter().map(Result::unwrap).filter(|e| e.file_type().is_file()) {
        let rel = entry.path().strip_prefix(&inputs).unwrap().to_string_lossy().replace('\\', "/");
        let member = members.get(&format!("NTM/vi-du/{rel}")).unwrap_or_else(|| panic!("vi-du/{rel} missing"));
        assert!(member == &fs::read(entry.path()).unwrap(), "vi-du/{rel} differs from inputs/{rel}");
        compared += 1;
    }
    assert!(compared > 20, "only {compared} files in the example");
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn the_zip_has_fixed_dates_and_order() {
    let file = fs::File::open(zip_path()).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let member = zip.by_index(i).unwrap();
        let time = member.last_modified().expect("a date");
        assert_eq!((time.year(), time.month(), time.day()), (1980, 1, 1), "{} has a date", member.name().unwrap());
        names.push(member.name().unwrap().to_string());
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "members in name order");
    // Neither program carries the time it was linked or stripped at.
    for exe in ["NTM/ntm.exe", "NTM/typst.exe"] {
        let bytes = &members()[exe];
        let at = |offset: usize| u32::from_le_bytes(bytes[offset..offset + 4].try_into().unwrap()) as usize;
        let pe = at(0x3c);
        assert_eq!(&bytes[pe..pe + 4], b"PE\0\0", "{exe} is not a Windows program");
        assert_eq!(at(pe + 8), 0, "{exe} has a time stamp in its header");
    }
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn check_under_wine_gives_the_linux_figures() {
    let setup = setup();
    let args = ["check", "--workspace", "vi-du", "--output", "kiem-tra", "--format", "json"];
    let windows = setup.ntm(&args);
    let linux = setup.linux(&args);
    windows.assert_ok();
    linux.assert_ok();
    assert!(windows.stdout.contains("\"households\""), "{}", windows.stdout);
    assert_eq!(windows.stdout, linux.stdout, "the JSON of ntm.exe check differs from the Linux binary's");
    // Folders given as Windows writes them: a drive letter, backslashes,
    // spaces, accents; the words of the plain report through a pipe.
    let windows_path = |name: &str| format!("Z:{}", setup.package.join(name).to_str().unwrap().replace('/', "\\"));
    let (ws, out) = (windows_path("vi-du"), windows_path("kiểm tra"));
    assert!(ws.contains(r"\Văn thư\Tài liệu\NTM\vi-du"), "{ws}");
    let plain = setup.ntm(&["check", "--workspace", &ws, "--output", &out]);
    plain.assert_ok();
    assert!(plain.stderr.contains("Kiểm tra xong: 14 văn bản hợp lệ"), "{}", plain.stderr);
    let json = setup.ntm(&["check", "--workspace", &ws, "--output", &out, "--format", "json"]);
    let source = format!("\"source\": \"{}/survey/", ws.replace('\\', "/"));
    assert!(json.stdout.contains(&source), "{source}\n{}", json.stdout);
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn the_build_bat_issues_the_linux_documents_and_a_second_build_typesets_nothing() {
    let setup = setup();
    // What a double-click runs; `NTM_KHONG_CHO` skips the closing `pause`.
    let bat = Run::of(setup.wine(&setup.package, &["cmd", "/c", "Phat hanh van ban.bat"], &[("NTM_KHONG_CHO", "1")]));
    bat.assert_ok();
    let said = format!("{}{}", bat.stdout, bat.stderr);
    assert!(said.contains("Tổng kết: 14 văn bản đã ghi, 0 không thay đổi"), "{said}");
    assert!(said.contains(r"vi-du-ket-qua\2023-01-12_01-NQ-DU.pdf"), "Windows paths in the summary: {said}");
    let windows_out = setup.package.join("vi-du-ket-qua");

    let linux_out = setup.package.join("linux-ket-qua");
    setup.linux(&["build", "--workspace", "vi-du", "--output", "linux-ket-qua"]).assert_ok();
    let issued = pdfs(&windows_out);
    assert_eq!(issued.len(), 14, "{issued:?}");
    assert_eq!(issued, pdfs(&linux_out));
    for name in &issued {
        let (w, l) = (pdf_text(&windows_out.join(name)), pdf_text(&linux_out.join(name)));
        assert!(squeeze(&w).len() > 100, "{name} has no text");
        assert_eq!(w, l, "{name}: the text of the Windows build differs from the Linux build's");
    }

    // Nothing changed: nothing typeset again; the register holds them all.
    let again = setup.ntm(&["build", "--workspace", "vi-du", "--output", "vi-du-ket-qua"]);
    again.assert_ok();
    assert!(again.stderr.contains("Tổng kết: 0 văn bản đã ghi, 14 không thay đổi"), "{}", again.stderr);
    let verify = setup.ntm(&["archive", "verify", "--output", "vi-du-ket-qua"]);
    verify.assert_ok();
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn forms_under_wine_equal_the_linux_forms() {
    let setup = setup();
    setup.ntm(&["forms", "--workspace", "vi-du", "--output", "mau-phieu"]).assert_ok();
    setup.linux(&["forms", "--workspace", "vi-du", "--output", "mau-phieu-linux"]).assert_ok();
    let (windows, linux) = (setup.package.join("mau-phieu"), setup.package.join("mau-phieu-linux"));
    let mut written = 0;
    let workbooks = walkdir::WalkDir::new(&linux).into_iter().map(Result::unwrap);
    for entry in workbooks.filter(|e| e.file_name().to_string_lossy().ends_with(".xlsx")) {
        let rel = entry.path().strip_prefix(&linux).unwrap();
        assert!(windows.join(rel).is_file(), "ntm.exe did not write {}", rel.display());
        // Member by member: the zip container records the system it was
        // made on (DOS or Unix), so its bytes differ by that alone.
        let (ours, theirs) = (zip_members(&windows.join(rel)), zip_members(entry.path()));
        assert_eq!(ours.keys().collect::<Vec<_>>(), theirs.keys().collect::<Vec<_>>(), "{}", rel.display());
        for (name, bytes) in &theirs {
            assert!(&ours[name] == bytes, "{}: {name} differs from the Linux binary's", rel.display());
        }
        written += 1;
    }
    assert!(written >= 6, "{written} forms");
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn a_pdf_open_in_a_reader_is_named_kept_whole_and_replaced_once_closed() {
    let setup = setup();
    let ws = setup.package.join("dang-mo");
    harness::copy_dir(&setup.package.join("vi-du"), &ws);
    setup.linux(&["new", "thong-bao", "tb-thu", "--workspace", "dang-mo"]).assert_ok();
    let doc = ws.join("documents/tb-thu.yaml");
    let text = fs::read_to_string(&doc).unwrap();
    fs::write(&doc, text.replace("«cần điền: nội dung văn bản»", "Nội dung thứ nhất.")).unwrap();
    let build = ["ntm.exe", "build", "--workspace", "dang-mo", "--output", "dang-mo-ket-qua"];
    let out = setup.package.join("dang-mo-ket-qua");
    Run::of(setup.wine(&setup.package, &build, &[])).assert_ok();
    let draft = pdfs(&out).into_iter().find(|n| n.contains("du-thao")).expect("the draft's PDF");
    let before = fs::read(out.join(&draft)).unwrap();

    // Open "in a reader" until its input is closed.
    let mut reader = hold(setup, &out, &[&draft]);

    fs::write(&doc, fs::read_to_string(&doc).unwrap().replace("thứ nhất", "thứ hai")).unwrap();
    let refused = Run::of(setup.wine(&setup.package, &build, &[]));
    assert_eq!(refused.code, Some(1), "{}", refused.stderr);
    assert!(
        refused.stderr.contains(&format!("tệp `{draft}` đang mở trong một chương trình khác")),
        "{}",
        refused.stderr
    );
    assert!(fs::read(out.join(&draft)).unwrap() == before, "the open PDF was changed");
    let left: Vec<_> = fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().starts_with(".ntm-tmp-")), "a temporary file was left: {left:?}");

    drop(reader.stdin.take());
    assert!(reader.wait().unwrap().success());
    Run::of(setup.wine(&setup.package, &build, &[])).assert_ok();
    assert!(pdf_text(&out.join(&draft)).contains("Nội dung thứ hai."), "the draft was not replaced once closed");
}

/// `hold.exe ARGS…` in `dir`, once it says it holds; closing its input
/// (dropping `stdin`) lets go.
fn hold(setup: &Setup, dir: &Path, args: &[&str]) -> std::process::Child {
    let program = setup.hold.to_str().unwrap();
    let mut child = setup
        .wine_command(dir, &[&[program], args].concat(), &[])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.as_mut().unwrap()), &mut said).unwrap();
    assert_eq!(said.trim(), "held", "hold.exe {args:?}: {said}");
    child
}

#[test]
#[ignore = "needs `make windows` and Wine; `make test` runs it"]
fn one_run_at_a_time_holds_on_windows_locks() {
    let setup = setup();
    let out = setup.package.join("mot-lan-chay");
    fs::create_dir_all(&out).unwrap();
    // Another run at work: the Windows lock on the folder's .ntm-lock.
    let mut other = hold(setup, &out, &["--lock", ".ntm-lock"]);
    let build = ["build", "--workspace", "vi-du", "--output", "mot-lan-chay"];

    let refused = setup.ntm(&[&build[..], &["--no-wait"]].concat());
    assert_eq!(refused.code, Some(2), "{}", refused.stderr);
    assert!(refused.stderr.contains("thư mục kết quả `mot-lan-chay` đang bận"), "{}", refused.stderr);
    // Checking writes nothing, so it never waits.
    setup.ntm(&["check", "--workspace", "vi-du", "--output", "mot-lan-chay"]).assert_ok();

    // A build without --no-wait says it waits, and waits.
    let mut waiting = setup
        .wine_command(&setup.package, &[&["ntm.exe"], &build[..]].concat(), &[])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(waiting.stderr.take().unwrap()));
    let first = lines.next().expect("a line").unwrap();
    assert!(first.starts_with("Đang chờ một lần chạy khác của ntm"), "{first}");
    assert!(pdfs(&out).is_empty(), "written while another run held the folder");
    drop(other.stdin.take());
    assert!(other.wait().unwrap().success());
    let rest: Vec<String> = lines.map(Result::unwrap).collect();
    assert!(waiting.wait().unwrap().success(), "{rest:?}");
    assert!(rest.iter().any(|l| l.starts_with("Lần chạy kia đã xong")), "{rest:?}");
    assert!(rest.iter().any(|l| l.starts_with("Tổng kết: 14 văn bản đã ghi")), "{rest:?}");
    assert_eq!(pdfs(&out).len(), 14);
}
