//! Metadata analysis: typosquats and brand impersonation, version age, deprecation and yanks,
//! missing repository or provenance.

use crate::analyze::Context;
use crate::model::Finding;
use crate::rules::Rule;

/// Metadata rules.
pub static RULES: &[Rule] = &[];

/// Analyzes registry metadata and the package's name.
#[must_use]
pub fn analyze(_ctx: &Context<'_>) -> Vec<Finding> {
    Vec::new()
}
