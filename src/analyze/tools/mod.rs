//! Static extraction of the tool surface: the tools, prompts and server instructions a package
//! declares, read from source and manifests without running anything.

use crate::analyze::Context;
use crate::model::{Finding, ModelText, Tool};
use crate::rules::Rule;

/// Extraction rules.
pub static RULES: &[Rule] = &[];

/// The tool surface of a package.
#[derive(Debug, Default)]
pub struct Extraction {
    /// Declared tools, sorted by name then origin.
    pub tools: Vec<Tool>,
    /// Prompts and server instructions.
    pub texts: Vec<ModelText>,
    /// Extraction findings (e.g. an MCP server whose tools could not be found).
    pub findings: Vec<Finding>,
    /// sha256 over the sorted tool fingerprints; `None` when no tool was found.
    pub tools_fingerprint: Option<String>,
}

/// Extracts the declared tools of the package.
#[must_use]
pub fn extract(_ctx: &Context<'_>) -> Extraction {
    Extraction::default()
}
