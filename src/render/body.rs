//! Rendering a body template (Tera) to Markdown.
//!
//! Every value a template prints with `{{ … }}` is escaped for Markdown, so
//! data (a village name with `*` or `#`) can never become markup; the
//! template's own text is the only source of Markdown syntax.

use std::collections::HashMap;
use std::error::Error as _;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use tera::{Context, Tera};

use super::context::BodyContext;
use crate::diag::{Diagnostic, Location};
use crate::escape;
use crate::model::Body;

// The `.md` suffix is what switches Tera's autoescaping on.
const NAME: &str = "body.md";

/// The body templates that several documents of a run share (the copies of
/// a per-village document, documents made from one model), each parsed
/// once, when first needed. A template used once is not kept: it would be
/// parsed once anyway.
#[derive(Debug, Default)]
pub struct Templates {
    /// `None` once parsing failed: each document then parses again for its
    /// own error message.
    shared: HashMap<String, OnceLock<Option<Arc<Tera>>>>,
}

impl Templates {
    /// Keeps the templates that occur more than once among `bodies`.
    pub fn new<'a>(bodies: impl IntoIterator<Item = &'a Body>) -> Templates {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for body in bodies {
            *counts.entry(body.template.as_str()).or_default() += 1;
        }
        let shared =
            counts.into_iter().filter(|&(_, n)| n > 1).map(|(text, _)| (text.to_string(), OnceLock::new())).collect();
        Templates { shared }
    }

    fn get(&self, template: &str) -> Option<Arc<Tera>> {
        let cell = self.shared.get(template)?;
        cell.get_or_init(|| parse(template).ok().map(Arc::new)).clone()
    }
}

fn parse(template: &str) -> Result<Tera, tera::Error> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".md"]);
    tera.set_escape_fn(escape::markdown_text);
    tera.add_raw_template(NAME, template)?;
    Ok(tera)
}

/// Renders `body` with `context`, its template taken from `templates` when
/// it is shared. Errors point into the YAML file that holds the template.
pub fn render(
    source: &Path,
    body: &Body,
    context: &BodyContext,
    templates: Option<&Templates>,
) -> Result<String, Diagnostic> {
    let context = Context::from_serialize(context).map_err(|e| template_error(source, body, &e))?;
    let tera = match templates.and_then(|t| t.get(&body.template)) {
        Some(tera) => tera,
        None => Arc::new(parse(&body.template).map_err(|e| template_error(source, body, &e))?),
    };
    tera.render(NAME, &context).map_err(|e| template_error(source, body, &e))
}

/// Tera puts the useful part of its message in the error's sources, and the
/// position (for syntax errors) as ` --> line:column` inside it.
fn template_error(source: &Path, body: &Body, err: &tera::Error) -> Diagnostic {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    let full = parts.join("\n");
    let location = position(&full)
        .or_else(|| missing_variable(&full).and_then(|name| find_in_template(&body.template, &name)))
        .map(|(line, column)| {
            let (line, column) = body.file_position(line, column);
            Location::text(source, line, column)
        })
        .unwrap_or_else(|| Location::text(source, body.first_line, 1 + body.indent));
    let detail = parts
        .iter()
        .skip(1)
        .flat_map(|p| p.lines())
        .map(str::trim)
        .rfind(|l| {
            !l.is_empty()
                && !l.starts_with("-->")
                && !l.starts_with('|')
                && !l.starts_with(char::is_numeric)
                && *l != "="
        })
        .unwrap_or(parts[0].as_str())
        .trim_start_matches("= ")
        .to_string();
    Diagnostic::error(location, format!("lỗi trong mẫu nội dung (`body`): {}", translate(&detail))).with_hint(
        "kiểm tra các cặp `{{ }}` và `{% %}` của mẫu Tera; dữ liệu dùng được: `commune.…`, `document.…` (xem README)",
    )
}

fn position(text: &str) -> Option<(usize, usize)> {
    let after = text.split("--> ").nth(1)?;
    let spot: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == ':').collect();
    let (line, column) = spot.split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// Tera 1 gives no position for an unknown variable; its name is enough to
/// find it.
fn missing_variable(text: &str) -> Option<String> {
    let rest = text.split("Variable `").nth(1)?;
    Some(rest.split('`').next()?.to_string())
}

/// The 1-based line and column of the first `name` in the template that is
/// not part of a longer name.
fn find_in_template(template: &str, name: &str) -> Option<(usize, usize)> {
    for (i, line) in template.lines().enumerate() {
        for (at, _) in line.match_indices(name) {
            let next = line[at + name.len()..].chars().next();
            if !next.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return Some((i + 1, line[..at].chars().count() + 1));
            }
        }
    }
    None
}

fn translate(detail: &str) -> String {
    if let Some(rest) = detail.strip_prefix("Variable `")
        && let Some((name, _)) = rest.split_once('`')
    {
        return format!("không có dữ liệu `{name}`");
    }
    if detail.starts_with("expected") {
        return format!("sai cú pháp mẫu ({detail})");
    }
    detail.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_names_only() {
        let t = "a {{ commune.name }}\nb {{ commune.nam }}";
        assert_eq!(find_in_template(t, "commune.nam"), Some((2, 6)));
        assert_eq!(find_in_template(t, "commune.x"), None);
    }

    #[test]
    fn shared_templates_are_parsed_once() {
        let body = |t: &str| Body { template: t.to_string(), first_line: 10, indent: 2 };
        let (shared, single, broken) = (body("Số {{ n }}"), body("Một {{ n }}"), body("Lỗi {{ n"));
        let templates = Templates::new([&shared, &single, &shared, &broken, &broken]);
        let first = templates.get(&shared.template).expect("shared");
        assert!(Arc::ptr_eq(&first, &templates.get(&shared.template).unwrap()));
        assert!(templates.get(&single.template).is_none(), "a template used once is not kept");
        // A broken one is not kept either: each document reports its error.
        assert!(templates.get(&broken.template).is_none());

        let mut context = Context::new();
        context.insert("n", "1*");
        let tera = templates.get(&shared.template).unwrap();
        assert_eq!(tera.render(NAME, &context).unwrap(), "Số 1\\*", "values are escaped for Markdown");
    }
}
