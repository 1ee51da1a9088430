//! Manifest analysis: install-time execution (npm lifecycle scripts, setup.py, build.rs, .pth),
//! dependencies from git/URLs, bundled binaries declared in manifests, MCPB server commands.

use crate::analyze::Context;
use crate::model::Finding;
use crate::rules::Rule;

/// Manifest rules.
pub static RULES: &[Rule] = &[];

/// Analyzes the package's manifests.
#[must_use]
pub fn analyze(_ctx: &Context<'_>) -> Vec<Finding> {
    Vec::new()
}
