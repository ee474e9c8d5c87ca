//! The dashboard (`output/bang-theo-doi/`) in a real browser: Debian's
//! headless Chromium (`make test` installs it) opens every page from
//! `file://`, as the office does with a double click, and the tests read
//! back what it shows. Chromium is driven through the DevTools protocol
//! (`headless_chrome`, pointed at /usr/bin/chromium: it never downloads a
//! browser).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use headless_chrome::protocol::cdp::{Emulation, Network, Page};
use headless_chrome::{Browser, LaunchOptions, Tab};
use serde_json::{Value, json};

use crate::harness::Case;

const CHROMIUM: &str = "/usr/bin/chromium";
const PHONE: u32 = 390;
const PROJECTOR: u32 = 1280;

/// A headless Chromium with a fresh profile and nothing that reaches the
/// network on its own (the machine is offline: background connections
/// would only fail noisily).
struct Chromium {
    browser: Browser,
    width: u32,
    _profile: tempfile::TempDir,
}

/// One page opened in a tab, with what went wrong while it loaded.
struct Visit {
    tab: Arc<Tab>,
    /// Console errors, uncaught exceptions, failed loads.
    problems: Arc<Mutex<Vec<String>>>,
    /// Every URL the page requested.
    requests: Arc<Mutex<Vec<String>>>,
}

impl Chromium {
    fn launch(width: u32) -> Chromium {
        assert!(
            Path::new(CHROMIUM).is_file(),
            "the dashboard tests need Debian's chromium at {CHROMIUM} (`make test` installs it)"
        );
        let profile = tempfile::tempdir().unwrap();
        let args: Vec<&std::ffi::OsStr> = [
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ]
        .iter()
        .map(std::ffi::OsStr::new)
        .collect();
        let options = LaunchOptions {
            path: Some(PathBuf::from(CHROMIUM)),
            headless: true,
            sandbox: false,
            window_size: Some((width, 900)),
            user_data_dir: Some(profile.path().to_path_buf()),
            args,
            ..LaunchOptions::default()
        };
        let browser = Browser::new(options).expect("start chromium");
        Chromium { browser, width, _profile: profile }
    }

    /// Opens `path` from `file://` in a new tab and waits for it to load.
    fn open(&self, path: &Path) -> Visit {
        let tab = self.browser.new_tab().unwrap();
        let problems = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (problems.clone(), requests.clone());
        tab.add_event_listener(Arc::new(move |event: &headless_chrome::protocol::cdp::types::Event| {
            use headless_chrome::protocol::cdp::types::Event;
            let mut problems = p.lock().unwrap();
            match event {
                Event::LogEntryAdded(e) => {
                    let v = serde_json::to_value(&e.params.entry).unwrap();
                    if v["level"] == "error" {
                        problems.push(format!("console: {} {}", v["text"], v["url"]));
                    }
                }
                Event::RuntimeConsoleAPICalled(e) => {
                    let v = serde_json::to_value(&e.params).unwrap();
                    if v["type"] == "error" || v["type"] == "assert" {
                        problems.push(format!("console.{}: {}", v["type"], v["args"]));
                    }
                }
                Event::RuntimeExceptionThrown(e) => {
                    problems.push(format!("exception: {:?}", e.params.exception_details.text))
                }
                Event::NetworkLoadingFailed(e) => problems.push(format!("failed request: {}", e.params.error_text)),
                Event::NetworkResponseReceived(e) if e.params.response.status >= 400 => {
                    problems.push(format!("HTTP {}: {}", e.params.response.status, e.params.response.url))
                }
                Event::NetworkRequestWillBeSent(e) => r.lock().unwrap().push(e.params.request.url.clone()),
                _ => {}
            }
        }))
        .unwrap();
        tab.enable_log().unwrap();
        tab.enable_runtime().unwrap();
        let enable: Network::Enable = serde_json::from_value(json!({})).unwrap();
        tab.call_method(enable).unwrap();
        // A desktop window is at least 500 px wide: narrower is a phone's
        // screen, emulated (its viewport meta honoured) as a phone would show it.
        let metrics: Emulation::SetDeviceMetricsOverride = serde_json::from_value(json!({
            "width": self.width, "height": 900, "deviceScaleFactor": 1, "mobile": self.width < 500,
        }))
        .unwrap();
        tab.call_method(metrics).unwrap();
        let url = file_url(path);
        tab.navigate_to(&url).unwrap().wait_until_navigated().unwrap();
        let visit = Visit { tab, problems, requests };
        assert_eq!(visit.eval("document.readyState"), "complete", "{url}");
        visit
    }
}

impl Visit {
    /// The value of a script run in the page, through JSON.
    fn eval(&self, script: &str) -> Value {
        let result = self.tab.evaluate(&format!("JSON.stringify({script})"), false).unwrap();
        let text = result.value.and_then(|v| v.as_str().map(str::to_string)).unwrap_or_else(|| "null".into());
        serde_json::from_str(&text).unwrap()
    }

    /// What went wrong while the page loaded. Read after a script has run
    /// in the page: the protocol delivers events in order, so every event
    /// of the load has been seen by then.
    fn problems(&self) -> Vec<String> {
        self.eval("1");
        let mut problems = self.problems.lock().unwrap().clone();
        for url in self.requests.lock().unwrap().iter() {
            if !(url.starts_with("file://") || url.starts_with("data:")) {
                problems.push(format!("request outside the folder: {url}"));
            }
        }
        problems
    }

    /// A PNG of the whole page, however long.
    fn screenshot(&self, width: u32) -> Vec<u8> {
        let height = self.eval("document.documentElement.scrollHeight").as_f64().unwrap();
        let capture: Page::CaptureScreenshot = serde_json::from_value(json!({
            "format": "png",
            "captureBeyondViewport": true,
            "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
        }))
        .unwrap();
        let data = self.tab.call_method(capture).unwrap().data;
        base64::Engine::decode(&base64::engine::general_purpose::STANDARD, data).unwrap()
    }
}

fn file_url(path: &Path) -> String {
    url::Url::from_file_path(path.canonicalize().unwrap()).unwrap().to_string()
}

/// The path of a `file://` URL, and its fragment.
fn url_path(link: &str) -> (PathBuf, String) {
    let url = url::Url::parse(link).unwrap();
    assert_eq!(url.scheme(), "file", "{link} is not in the folder");
    (url.to_file_path().unwrap(), url.fragment().unwrap_or_default().to_string())
}

/// The example workspace built: documents issued, register filled,
/// dashboard written.
fn built_example() -> Case {
    let case = Case::example();
    case.ntm(&["build"]).assert_code(0);
    case
}

fn site(case: &Case) -> PathBuf {
    case.output().join("bang-theo-doi")
}

/// Every page of the site, by file name.
fn pages(case: &Case) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = fs::read_dir(site(case))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    pages
}

/// Where the tests leave what a person should look at.
fn test_output() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bang-theo-doi");
    fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn every_page_opens_offline_without_an_error_and_fits_a_phone() {
    let case = built_example();
    let pages = pages(&case);
    assert!(pages.len() >= 5 + 6, "five pages and one per village: {pages:?}");
    for width in [PHONE, PROJECTOR] {
        let chromium = Chromium::launch(width);
        for page in &pages {
            let visit = chromium.open(page);
            let name = page.file_name().unwrap().to_string_lossy();
            let problems = visit.problems();
            assert!(problems.is_empty(), "{name} at {width} px: {problems:#?}");
            let size = visit.eval(
                "{ inner: window.innerWidth, client: document.documentElement.clientWidth, \
                   scroll: document.documentElement.scrollWidth }",
            );
            // A phone widens its layout past the screen for a page that does
            // not fit, so the window's own width is checked too.
            let fits = size["inner"] == chromium.width && size["scroll"].as_u64() <= size["client"].as_u64();
            assert!(fits, "{name} at {width} px is wider than the screen: {size}");
            assert_eq!(visit.eval("document.documentElement.lang"), "vi", "{name}");
            if name == "index.html" {
                let png = visit.screenshot(width);
                let path = test_output().join(format!("tong-quan-{width}.png"));
                fs::write(&path, png).unwrap();
                eprintln!("ảnh trang tổng quan: {}", path.display());
            }
        }
    }
}

#[test]
fn every_link_of_every_page_resolves_to_a_file_of_the_output() {
    let case = built_example();
    let chromium = Chromium::launch(PROJECTOR);
    let output = case.output().canonicalize().unwrap();
    let mut pdfs = 0;
    for page in pages(&case) {
        let visit = chromium.open(&page);
        let links = visit.eval(
            "Array.from(document.querySelectorAll('a[href], link[href], script[src], img[src]'))\
               .map(e => e.href || e.src)",
        );
        for link in links.as_array().unwrap() {
            let link = link.as_str().unwrap();
            if link.starts_with("data:") {
                continue;
            }
            let (path, fragment) = url_path(link);
            assert!(path.is_file(), "{}: {link} is not a file", page.display());
            assert!(path.starts_with(&output), "{}: {link} is outside the output folder", page.display());
            if path.extension().is_some_and(|e| e == "pdf") {
                pdfs += 1;
            }
            if !fragment.is_empty() {
                let target = fs::read_to_string(&path).unwrap();
                assert!(target.contains(&format!("id=\"{fragment}\"")), "{}: {link}: no such place", page.display());
            }
        }
    }
    // The register's nine documents on its page, the latest on the overview.
    assert!(pdfs >= 9, "{pdfs} links to PDFs");
}

/// `ntm check --format json` of the case.
fn check_json(case: &Case) -> Value {
    serde_json::from_str(&case.ntm(&["check", "--format", "json"]).stdout).unwrap()
}

/// A figure as the pages print it (`1.863`, `94,02%`, `51,39 triệu…`).
fn figure(text: &str) -> f64 {
    let number: String =
        text.trim().chars().take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-')).collect();
    number.replace('.', "").replace(',', ".").parse().unwrap_or_else(|_| panic!("not a figure: {text:?}"))
}

/// The page's figure equals the JSON's at the two decimals printed.
#[track_caller]
fn assert_shown(page: &Value, json: &Value, what: &str) {
    let (shown, exact) = (figure(page.as_str().unwrap()), json.as_f64().unwrap());
    assert!((shown - exact).abs() <= 0.005 + 1e-9, "{what}: page {page}, check {json}");
}

fn verdict(met: &Value) -> &'static str {
    match met.as_bool() {
        Some(true) => "Đạt",
        Some(false) => "Chưa đạt",
        None => "Chưa xác định",
    }
}

#[test]
fn the_figures_on_the_pages_equal_those_of_check_json() {
    let case = built_example();
    let json = check_json(&case);
    let chromium = Chromium::launch(PROJECTOR);
    let text = |visit: &Visit, selector: &str| {
        visit.eval(&format!("Array.from(document.querySelectorAll('{selector}')).map(e => e.textContent.trim())"))
    };

    let overview = chromium.open(&site(&case).join("index.html"));
    assert_eq!(
        figure(text(&overview, "[data-so=tieu-chi-dat]")[0].as_str().unwrap()),
        json["commune"]["criteria_met"].as_f64().unwrap()
    );
    assert_eq!(
        figure(text(&overview, "[data-so=tieu-chi-tong]")[0].as_str().unwrap()),
        json["commune"]["criteria_total"].as_f64().unwrap()
    );
    assert_shown(&text(&overview, "[data-so=so-ho]")[0], &json["commune"]["survey"]["households"], "households");
    assert_shown(&text(&overview, "[data-so=nhan-khau]")[0], &json["commune"]["survey"]["members"], "members");
    // Groups, in the order criteria first name them.
    let mut groups: Vec<(String, (u64, u64))> = Vec::new();
    for c in json["criteria"].as_array().unwrap() {
        let group = c["group"].as_str().unwrap().to_string();
        let met = u64::from(c["met"] == true);
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, (m, t))) => (*m, *t) = (*m + met, *t + 1),
            None => groups.push((group, (met, 1))),
        }
    }
    let met: Vec<f64> =
        text(&overview, "[data-so=nhom-dat]").as_array().unwrap().iter().map(|v| figure(v.as_str().unwrap())).collect();
    let total: Vec<f64> = text(&overview, "[data-so=nhom-tong]")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| figure(v.as_str().unwrap()))
        .collect();
    let expected: Vec<(f64, f64)> = groups.iter().map(|(_, (m, t))| (*m as f64, *t as f64)).collect();
    assert_eq!(met.into_iter().zip(total).collect::<Vec<_>>(), expected);
    let states = overview.eval("Array.from(document.querySelectorAll('[data-bang=thon] td[data-cot=trang-thai]')).map(e => e.dataset.trangThai)");
    let expected: Vec<&str> = json["villages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| match v["status"].as_str().unwrap() {
            "ok" => "ok",
            "error" => "loi",
            _ => "thieu",
        })
        .collect();
    assert_eq!(states, json!(expected));

    // Every indicator of the commune, and each village's value of the computed ones.
    let criteria = chromium.open(&site(&case).join("tieu-chi.html"));
    let rows = criteria.eval(
        "Object.fromEntries(Array.from(document.querySelectorAll('table[data-bang=chi-tieu] tr[data-chi-tieu]'))\
           .map(r => [r.dataset.chiTieu, [r.querySelector('[data-cot=ket-qua]').textContent.trim(), \
                                          r.querySelector('[data-cot=danh-gia]').textContent.replace(/[✓✗?]/g, '').trim()]]))",
    );
    let villages = criteria.eval(
        "Object.fromEntries(Array.from(document.querySelectorAll('table[data-bang=thon-chi-tieu]'))\
           .map(t => [t.dataset.chiTieu, Array.from(t.querySelectorAll('tbody [data-cot=ket-qua]')).map(c => c.textContent.trim())]))",
    );
    let indicators = json["indicators"].as_array().unwrap();
    assert_eq!(rows.as_object().unwrap().len(), indicators.len());
    for i in indicators {
        let id = i["id"].as_str().unwrap();
        let row = &rows[id];
        assert_eq!(row[1], verdict(&i["met"]), "{id}");
        if i["value"].is_null() {
            if i["computed"] == false {
                assert_eq!(row[0], verdict(&i["met"]), "{id}");
            }
        } else {
            assert_shown(&row[0], &i["value"], id);
        }
        if i["computed"] == true {
            let shown = villages[id].as_array().unwrap_or_else(|| panic!("{id}: no village table"));
            let values = i["villages"].as_array().unwrap();
            assert_eq!(shown.len(), values.len(), "{id}");
            for (page, v) in shown.iter().zip(values) {
                if !v["value"].is_null() {
                    assert_shown(page, &v["value"], &format!("{id} {}", v["name"]));
                }
            }
        }
    }

    // Each village's page: its indicators met, as check counts them.
    for (n, village) in json["villages"].as_array().unwrap().iter().enumerate() {
        let met = indicators.iter().filter(|i| i["computed"] == true && i["villages"][n]["met"] == true).count();
        let page = chromium.open(&site(&case).join(format!("thon-thon-{}.html", n + 1)));
        assert_eq!(page.eval("document.querySelector('h1').textContent"), village["name"]);
        let shown = page.eval("document.querySelector('[data-so=chi-tieu-dat]').textContent");
        assert_eq!(figure(shown.as_str().unwrap()), met as f64, "{}", village["name"]);
    }

    // Overdue tasks: as many as check lists.
    let listed = case.ntm(&["check"]).stderr;
    let overdue: usize = listed
        .lines()
        .find_map(|l| l.strip_prefix("Nhiệm vụ quá hạn tại ")?.split('(').nth(1)?.strip_suffix("):")?.parse().ok())
        .expect("check lists overdue tasks");
    let plan = chromium.open(&site(&case).join("ke-hoach.html"));
    assert_eq!(
        figure(plan.eval("document.querySelector('[data-so=qua-han]').textContent").as_str().unwrap()),
        overdue as f64
    );
    assert_eq!(plan.eval("document.querySelectorAll('tr[data-qua-han]').length"), overdue);
    // Overdue first.
    let flags = plan.eval(
        "Array.from(document.querySelectorAll('[data-bang=nhiem-vu] tbody tr')).map(r => r.dataset.quaHan === 'co')",
    );
    let flags: Vec<bool> = serde_json::from_value(flags).unwrap();
    assert!(flags.windows(2).all(|w| w[0] || !w[1]), "overdue tasks first: {flags:?}");
}

/// `thon-5.xlsx` of the latest round with text where a number of people
/// belongs, at D5.
fn break_a_cell(case: &Case) {
    let path = case.inputs().join("survey/2023-09/thon-5.xlsx");
    let mut archive = zip::ZipArchive::new(fs::File::open(&path).unwrap()).unwrap();
    let mut parts = BTreeMap::new();
    let mut order = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        let name = file.name().unwrap().to_string();
        order.push(name.clone());
        parts.insert(name, bytes);
    }
    let sheet = String::from_utf8(parts["xl/worksheets/sheet1.xml"].clone()).unwrap();
    let cell = r#"<c r="D5" s="8"><v>5</v></c>"#;
    assert!(sheet.contains(cell), "the example's D5 changed");
    let broken = sheet.replace(cell, r#"<c r="D5" s="8" t="inlineStr"><is><t>không rõ</t></is></c>"#);
    parts.insert("xl/worksheets/sheet1.xml".into(), broken.into_bytes());
    let mut writer = zip::ZipWriter::new(fs::File::create(&path).unwrap());
    for name in order {
        writer.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut writer, &parts[&name]).unwrap();
    }
    writer.finish().unwrap();
}

#[test]
fn a_broken_workbook_a_missing_one_and_an_overdue_task_head_the_overview() {
    let case = Case::example();
    break_a_cell(&case);
    fs::remove_file(case.inputs().join("survey/2023-09/thon-6.xlsx")).unwrap();
    let run = case.ntm(&["dashboard"]);
    run.assert_code(1);
    assert!(run.stderr.contains("bang-theo-doi/index.html"), "{}", run.stderr);
    let json = check_json(&case);
    let chromium = Chromium::launch(PHONE);

    let overview = chromium.open(&site(&case).join("index.html"));
    assert!(overview.problems().is_empty());
    // The first section of the page, before any figure.
    let first = overview.eval("document.querySelector('main section').id");
    assert_eq!(first, "chu-y");
    let items = |kind: &str| {
        overview.eval(&format!(
            "Array.from(document.querySelectorAll('#chu-y [data-chu-y={kind}]')).map(e => e.textContent)"
        ))
    };
    let broken = items("thon-loi");
    assert_eq!(broken.as_array().unwrap().len(), 1, "{broken}");
    assert!(broken[0].as_str().unwrap().starts_with("✗ Thôn 5: phiếu khảo sát có 1 lỗi"), "{broken}");
    let missing = items("thon-thieu");
    assert_eq!(missing, json!(["○ Thôn 6: chưa nộp phiếu khảo sát đợt tháng 9/2023."]));
    let overdue = items("qua-han");
    assert_eq!(overdue.as_array().unwrap().len(), 2, "{overdue}");
    assert!(overdue[0].as_str().unwrap().contains("Hỗ trợ xóa nhà ở đơn sơ của hộ nghèo tại thôn 6"), "{overdue}");
    // The village's entry leads to the list of its workbook's problems.
    let href = overview.eval("document.querySelector('#chu-y [data-chu-y=thon-loi] a').getAttribute('href')");
    assert_eq!(href, "thon-thon-5.html#loi-phieu");

    // On the village's page: the file, sheet, cell and message check gives.
    let errors: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == "inputs/survey/2023-09/thon-5.xlsx")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["cell"], "D5");
    let village = chromium.open(&site(&case).join("thon-thon-5.html"));
    let rows = village.eval(
        "Array.from(document.querySelectorAll('#loi-phieu tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent.trim()))",
    );
    let row = &rows[0];
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    assert_eq!(row[0], errors[0]["sheet"]);
    assert_eq!(row[1], "D5");
    assert!(row[2].as_str().unwrap().starts_with(errors[0]["message"].as_str().unwrap()), "{row}");
    assert_eq!(row[4], errors[0]["file"]);
    let missing = chromium.open(&site(&case).join("thon-thon-6.html"));
    assert_eq!(missing.eval("document.querySelector('.trang-thai-thon').dataset.trangThai"), "thieu");
}

/// Every file of the site with its bytes, by name.
fn site_files(case: &Case) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(site(case))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

#[test]
fn the_same_data_gives_the_same_bytes_and_rewrites_nothing() {
    let (one, two) = (Case::example(), Case::example());
    for case in [&one, &two] {
        case.ntm(&["dashboard"]).assert_code(0);
    }
    let files = site_files(&one);
    assert_eq!(files, site_files(&two), "two workspaces with the same data");

    // An mtime no write can give, set rather than waited for.
    let long_ago = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    let mtime = |name: &str| fs::metadata(site(&one).join(name)).unwrap().modified().unwrap();
    for name in files.keys() {
        fs::File::options().write(true).open(site(&one).join(name)).unwrap().set_modified(long_ago).unwrap();
    }
    let run = one.ntm(&["dashboard"]);
    assert!(run.stderr.contains("(không thay đổi)"), "{}", run.stderr);
    assert!(files.keys().all(|name| mtime(name) == long_ago), "an unchanged page was rewritten");

    // A task done: the plan's page and the overview change, nothing else.
    one.edit("inputs/plan.yaml", |text| {
        let overdue = "deadline: 2023-08-31\n    status: in_progress";
        assert!(text.contains(overdue), "the example's overdue task changed");
        text.replace(overdue, "deadline: 2023-08-31\n    status: done\n    completed: 2023-08-20")
    });
    one.ntm(&["dashboard"]).assert_code(0);
    let rewritten: Vec<&String> = files.keys().filter(|name| mtime(name) != long_ago).collect();
    assert_eq!(rewritten, ["index.html", "ke-hoach.html"]);
}

#[test]
fn a_hostile_village_name_is_shown_as_text() {
    let case = Case::example();
    let name = r#"<script>alert(1)</script> & "Thôn" <b>3</b>"#;
    case.edit("inputs/commune.yaml", |text| text.replace("name: Thôn 3 }", &format!("name: '{name}' }}")));
    case.ntm(&["dashboard"]);
    let chromium = Chromium::launch(PROJECTOR);
    for page in ["index.html", "thon.html", "thon-thon-3.html", "tieu-chi.html"] {
        let visit = chromium.open(&site(&case).join(page));
        assert!(visit.problems().is_empty(), "{page}: {:?}", visit.problems());
        assert_eq!(visit.eval("document.querySelectorAll('script').length"), 1, "{page}: only the sorting script");
        assert_eq!(visit.eval("document.querySelectorAll('main b').length"), 0, "{page}");
        let shown = visit.eval("document.body.textContent");
        assert!(shown.as_str().unwrap().contains(name), "{page} does not show the name as typed");
    }
}
