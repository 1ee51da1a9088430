//! The decision for one audited target.

use serde::Serialize;

/// The decision for one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing that needs attention.
    Allow,
    /// Findings worth a look; not blocking.
    Warn,
    /// Do not install.
    Block,
    /// Could not be audited.
    Error,
}

impl Verdict {
    /// The lowercase name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Warn => "warn",
            Verdict::Block => "block",
            Verdict::Error => "error",
        }
    }
}
