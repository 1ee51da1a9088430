//! Rules over every string the model reads: tool names, titles, descriptions, parameter
//! descriptions, enum values, defaults, prompts and server instructions.

use crate::model::{Finding, ModelText, Tool};
use crate::rules::Rule;

/// Description rules.
pub static RULES: &[Rule] = &[];

/// Analyzes tools and other model-visible text.
#[must_use]
pub fn analyze(_tools: &[Tool], _texts: &[ModelText]) -> Vec<Finding> {
    Vec::new()
}
