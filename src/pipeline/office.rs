//! The office's own files a document is made from, as one digest a
//! document: it tells "the office changed something" from "this ntm lays
//! the document out differently" when an issued document no longer renders
//! to the sources it was issued from. Only the first may refuse a build;
//! after the second the issued PDF simply stays as it is.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::archive::verify::slash_path;
use crate::digest::{InputDigest, sha256_file};
use crate::load::{DOCUMENTS_DIR, REPORTS_DIR};

/// Every file of the workspace a document may read, with its SHA-256, in
/// path order: all but the documents and report templates (each document
/// adds its own file), hidden and lock files (`~$thon-1.xlsx` comes and goes
/// as Excel opens a workbook), and an output folder kept inside the
/// workspace.
#[derive(Debug, Default)]
pub struct OfficeFiles {
    files: Vec<(String, String)>,
}

impl OfficeFiles {
    pub fn read(workspace: &Path, output: &Path) -> OfficeFiles {
        let output = output.canonicalize().ok();
        let paths: Vec<PathBuf> = WalkDir::new(workspace)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let name = e.file_name().to_string_lossy();
                let top = e.depth() == 1 && (name == DOCUMENTS_DIR || name == REPORTS_DIR);
                let inside_output = e.file_type().is_dir()
                    && output.as_ref().is_some_and(|o| e.path().canonicalize().is_ok_and(|p| &p == o));
                e.depth() == 0 || !(top || inside_output || name.starts_with('.') || name.starts_with("~$"))
            })
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        let files = paths
            .par_iter()
            .map(|path| {
                let name = slash_path(path.strip_prefix(workspace).unwrap_or(path));
                // An unreadable file counts as a state of its own.
                (name, sha256_file(path).unwrap_or_default())
            })
            .collect();
        OfficeFiles { files }
    }

    /// The digest of the workspace's files and the document's own file.
    pub fn digest(&self, source: &Path) -> String {
        let mut digest = InputDigest::new();
        for (name, hash) in &self.files {
            digest.part(name, hash.as_bytes());
        }
        digest.part("document", &fs::read(source).unwrap_or_default());
        digest.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_lock_files_and_the_output_do_not_count_and_data_does() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path();
        let write = |rel: &str, text: &str| {
            let path = ws.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("commune.yaml", "a");
        write("survey/2023-06/thon-1.xlsx", "b");
        write("documents/nq.yaml", "doc");
        write("documents/kh.yaml", "other");
        let doc = ws.join("documents/nq.yaml");
        let first = OfficeFiles::read(ws, &ws.join("output")).digest(&doc);

        write("documents/kh.yaml", "changed");
        write("survey/2023-06/~$thon-1.xlsx", "lock");
        write("reports/tien-do.yaml", "r");
        write("output/x.pdf", "pdf");
        write(".DS_Store", "x");
        fs::create_dir_all(ws.join("output")).unwrap();
        assert_eq!(OfficeFiles::read(ws, &ws.join("output")).digest(&doc), first);

        write("survey/2023-06/thon-1.xlsx", "b2");
        assert_ne!(OfficeFiles::read(ws, &ws.join("output")).digest(&doc), first, "data changed");
        write("survey/2023-06/thon-1.xlsx", "b");
        write("documents/nq.yaml", "doc2");
        assert_ne!(OfficeFiles::read(ws, &ws.join("output")).digest(&doc), first, "its own file changed");
    }
}
