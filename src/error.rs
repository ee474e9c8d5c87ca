//! Failures that stop a whole run before any document is made: bad arguments,
//! a folder that is not a workspace, a missing typst or font. They exit with 2;
//! problems in the data are `Diagnostic`s instead and exit with 1.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FatalKind {
    /// The command line or the workspace path is wrong.
    Usage,
    /// The machine lacks something ntm needs (typst, a font, a writable folder).
    Environment,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fatal {
    pub kind: FatalKind,
    pub message: String,
    pub hint: Option<String>,
}

impl Fatal {
    pub fn usage(message: impl Into<String>) -> Self {
        Fatal { kind: FatalKind::Usage, message: message.into(), hint: None }
    }

    pub fn environment(message: impl Into<String>) -> Self {
        Fatal { kind: FatalKind::Environment, message: message.into(), hint: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lỗi: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  gợi ý: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Fatal {}
