//! `ntm criteria template|export|import`: criteria tables in Excel.

use std::path::Path;
use std::process::ExitCode;

use super::args::CriteriaCommand;
use crate::error::Fatal;

pub fn run(_command: CriteriaCommand, _workspace: &Path, _output: &Path) -> Result<ExitCode, Fatal> {
    Err(Fatal::usage("chưa làm"))
}
