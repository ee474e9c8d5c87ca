//! The Typst layout files: built into the binary, and replaceable by a
//! workspace's own `layouts/` folder (same file names) without a new release.

use std::fs;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::model::Family;

const BUILT_IN: [(&str, &str); 5] = [
    ("charts.typ", include_str!("../../templates/layouts/charts.typ")),
    ("common.typ", include_str!("../../templates/layouts/common.typ")),
    ("components.typ", include_str!("../../templates/layouts/components.typ")),
    ("party.typ", include_str!("../../templates/layouts/party.typ")),
    ("state.typ", include_str!("../../templates/layouts/state.typ")),
];

/// The workspace folder whose files replace the built-in ones.
pub const OVERRIDE_DIR: &str = "layouts";

/// The layout files a document's staging folder receives, by name.
#[derive(Debug, Clone)]
pub struct Layouts {
    pub files: Vec<(String, String)>,
}

impl Layouts {
    pub fn load(workspace: &Path, diagnostics: &mut Diagnostics) -> Layouts {
        let mut files = Vec::new();
        for (name, built_in) in BUILT_IN {
            let path = workspace.join(OVERRIDE_DIR).join(name);
            let text = if path.is_file() {
                match fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(err) => {
                        diagnostics.push(Diagnostic::error(
                            Location::file(&path),
                            format!("không đọc được khuôn trình bày: {err}"),
                        ));
                        built_in.to_string()
                    }
                }
            } else {
                built_in.to_string()
            };
            files.push((name.to_string(), text));
        }
        Layouts { files }
    }

    /// The entry file of a family's layout.
    pub fn entry(family: Family) -> &'static str {
        match family {
            Family::Party => "party.typ",
            Family::State => "state.typ",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_draws_exactly_the_components_ntm_knows() {
        let (_, components) = BUILT_IN.iter().find(|(name, _)| *name == "components.typ").unwrap();
        let start = components.find("#let _components = (").expect("the dispatch table");
        let table = &components[start..start + components[start..].find("\n)").unwrap()];
        let drawn: Vec<&str> =
            table.lines().skip(1).filter_map(|l| l.trim().strip_prefix('"')?.split('"').next()).collect();
        let known: Vec<&str> = crate::model::component::Component::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(drawn, known);
    }
}
