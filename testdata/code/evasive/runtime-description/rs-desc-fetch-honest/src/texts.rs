//! Tool help texts, compiled in from docs/ so they are reviewed with the code.
pub const LOOKUP_HELP: &str = include_str!("../docs/lookup_crate.md");

pub fn lookup_help() -> String {
    LOOKUP_HELP.trim().to_owned()
}
