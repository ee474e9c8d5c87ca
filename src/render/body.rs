//! Rendering a body template (Tera) to Markdown.
//!
//! Every value a template prints with `{{ … }}` is escaped for Markdown, so
//! data (a village name with `*` or `#`) can never become markup; the
//! template's own text is the only source of Markdown syntax.

use std::error::Error as _;
use std::path::Path;

use tera::{Context, Tera};

use super::context::BodyContext;
use crate::diag::{Diagnostic, Location};
use crate::escape;
use crate::model::Body;

/// Renders `body` with `context`. Errors point into the YAML file that holds
/// the template.
pub fn render(source: &Path, body: &Body, context: &BodyContext) -> Result<String, Diagnostic> {
    // The `.md` suffix is what switches Tera's autoescaping on.
    const NAME: &str = "body.md";
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".md"]);
    tera.set_escape_fn(escape::markdown_text);
    let context = Context::from_serialize(context).map_err(|e| template_error(source, body, &e))?;
    tera.add_raw_template(NAME, &body.template).map_err(|e| template_error(source, body, &e))?;
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
}
