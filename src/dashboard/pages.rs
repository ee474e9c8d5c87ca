//! The site's files: Tera renders each page from the view model, with
//! autoescaping on for every template (all are `.html`), and the
//! stylesheet and script are copied as they are.

use serde::Serialize;
use tera::{Context, Tera};

use super::view::{self, SiteView};
use super::{INDEX, Inputs, village};

/// The templates, compiled into the binary; `.html` names switch Tera's
/// HTML escaping on for every value they print.
const TEMPLATES: [(&str, &str); 8] = [
    ("base.html", include_str!("../../templates/dashboard/base.html")),
    ("charts.html", include_str!("../../templates/dashboard/charts.html")),
    ("index.html", include_str!("../../templates/dashboard/index.html")),
    ("tieu-chi.html", include_str!("../../templates/dashboard/tieu-chi.html")),
    ("thon.html", include_str!("../../templates/dashboard/thon.html")),
    ("thon-trang.html", include_str!("../../templates/dashboard/thon-trang.html")),
    ("ke-hoach.html", include_str!("../../templates/dashboard/ke-hoach.html")),
    ("van-ban.html", include_str!("../../templates/dashboard/van-ban.html")),
];

/// Files copied as they are.
const STATIC: [(&str, &str); 2] = [
    ("kieu-trang.css", include_str!("../../templates/dashboard/kieu-trang.css")),
    ("sap-xep.js", include_str!("../../templates/dashboard/sap-xep.js")),
];

/// One entry of the navigation bar.
#[derive(Serialize)]
struct NavItem {
    href: &'static str,
    text: &'static str,
    current: bool,
}

const NAV: [(&str, &str); 5] = [
    (INDEX, "Tổng quan"),
    ("tieu-chi.html", "Tiêu chí"),
    ("thon.html", "Thôn"),
    ("ke-hoach.html", "Kế hoạch"),
    ("van-ban.html", "Văn bản"),
];

fn nav(current: &str) -> Vec<NavItem> {
    NAV.iter().map(|&(href, text)| NavItem { href, text, current: href == current }).collect()
}

pub fn tera() -> Result<Tera, tera::Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.add_raw_templates(TEMPLATES)?;
    Ok(tera)
}

/// Every file of the site, by name, in a fixed order.
pub fn render(inputs: &Inputs) -> Result<Vec<(String, Vec<u8>)>, String> {
    let tera = tera().map_err(|e| chain(&e))?;
    let pages = view::village_pages(inputs.workspace);
    let progress = view::progress(inputs);
    let villages = village::pages(inputs, &pages, progress.as_ref());
    let site = SiteView::new(inputs, &pages, &villages);
    let base = Context::from_serialize(&site).map_err(|e| chain(&e))?;
    let page = |template: &str, name: &str, title: &str, extra: &dyn Fn(&mut Context)| {
        let mut context = base.clone();
        context.insert("nav", &nav(name));
        context.insert("page_title", title);
        extra(&mut context);
        tera.render(template, &context).map(String::into_bytes).map_err(|e| chain(&e))
    };
    let mut files = Vec::new();
    for &(name, title) in &NAV {
        files.push((name.to_string(), page(name, name, title, &|_| {})?));
    }
    for (v, name) in villages.iter().zip(&pages) {
        let bytes = page("thon-trang.html", "thon.html", &v.summary.name, &|c| c.insert("village", v))?;
        files.push((name.clone(), bytes));
    }
    for (name, text) in STATIC {
        files.push((name.to_string(), text.as_bytes().to_vec()));
    }
    Ok(files)
}

/// Tera's message and its causes, where the useful part is.
fn chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse() {
        tera().unwrap();
    }

    /// Tera escapes what a template prints unless told `safe`: no template
    /// may say it, so no value of the data can ever become markup.
    #[test]
    fn no_template_turns_escaping_off() {
        for (name, text) in TEMPLATES {
            assert!(!text.contains("safe"), "{name} uses `safe`");
            assert!(!text.contains("autoescape false"), "{name} turns autoescaping off");
        }
    }

    /// The site opens offline: nothing of it is fetched from elsewhere.
    #[test]
    fn nothing_is_loaded_from_the_network() {
        for (name, text) in TEMPLATES.iter().chain(&STATIC) {
            for remote in ["http://", "https://", "=\"//", "@import", "url("] {
                assert!(!text.contains(remote), "{name} refers to `{remote}`");
            }
        }
    }
}
