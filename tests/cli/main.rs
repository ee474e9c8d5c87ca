//! End-to-end tests: the real binary on fixture workspaces.

mod harness;

mod archive;
mod build;
mod dashboard;
mod doctypes;
mod documents;
mod docx;
mod errors;
mod escaping;
mod forms;
mod hostile;
mod init;
mod line_endings;
mod lock;
mod rounds;
mod survey;
mod weekly;
