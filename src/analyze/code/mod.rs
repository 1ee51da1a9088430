//! Code analysis: capabilities (network, filesystem, processes, dynamic code, environment) and
//! threat indicators, correlated per file and per package.

use crate::analyze::Context;
use crate::model::{Finding, Tool};
use crate::rules::Rule;

/// Code rules.
pub static RULES: &[Rule] = &[];

/// Analyzes the package's source code.
#[must_use]
pub fn analyze(_ctx: &Context<'_>, _tools: &[Tool]) -> Vec<Finding> {
    Vec::new()
}
