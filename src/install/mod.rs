//! The gated installer, the lockfile of pins, `verify` and `diff`.

use crate::rules::Rule;

/// Installer and rug-pull rules.
pub static RULES: &[Rule] = &[];
