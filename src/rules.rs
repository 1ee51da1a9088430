//! The rule catalog: every rule mcp-audit can report, with its id, category and default severity.
//!
//! Each module declares its rules with [`mcp_audit_core::declare_rules!`], which defines the
//! rules and the module's table from one list; [`catalog`] joins the tables. `mcp-audit rules`
//! and `docs/rules.md` are generated from this one source, and the policy is handed the known
//! ids ([`known_ids`]) rather than reaching in here.

pub use mcp_audit_core::Rule;

/// Every module's rule table. A test checks that every `declare_rules!` table of the workspace
/// is listed here.
const TABLES: [&[Rule]; 12] = [
    mcp_audit_sandbox::RULES,
    mcp_audit_extract::tools::RULES,
    crate::analyze::descriptions::RULES,
    crate::analyze::code::RULES,
    crate::analyze::manifest::RULES,
    crate::analyze::metadata::RULES,
    crate::install::rules::RULES,
    crate::lockfile::RULES,
    crate::policy::RULES,
    crate::fetch::rules::RULES,
    crate::analyze::toxic_flow::RULES,
    crate::dynamic::RULES,
];

/// Every rule, sorted by id.
#[must_use]
pub fn catalog() -> Vec<&'static Rule> {
    let mut all: Vec<&'static Rule> = TABLES.iter().flat_map(|t| t.iter()).collect();
    all.sort_by_key(|r| r.id);
    all
}

/// The ids of every rule, sorted.
#[must_use]
pub fn known_ids() -> Vec<&'static str> {
    catalog().into_iter().map(|r| r.id).collect()
}

/// Looks a rule up by id.
#[must_use]
pub fn find(id: &str) -> Option<&'static Rule> {
    catalog().into_iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case() {
        let rules = catalog();
        let mut seen = std::collections::BTreeSet::new();
        for rule in &rules {
            assert!(seen.insert(rule.id), "duplicate rule id {}", rule.id);
            assert!(
                rule.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "rule id {} is not kebab-case",
                rule.id
            );
            assert!(!rule.summary.is_empty(), "rule {} has no summary", rule.id);
        }
    }

    /// Every `declare_rules!` block of the workspace is one table of the catalog, and no rule
    /// is declared outside such a block.
    #[test]
    fn every_declared_table_is_in_the_catalog() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut blocks = 0;
        let mut loose = Vec::new();
        let mut stack = vec![root.join("src"), root.join("crates")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    blocks += text
                        .lines()
                        .filter(|l| l.starts_with("mcp_audit_core::declare_rules! {"))
                        .count();
                    for (i, line) in text.lines().enumerate() {
                        let t = line.trim_start();
                        if t.starts_with("pub static ")
                            && t.contains(": Rule = Rule {")
                            && line.len() == t.len()
                        {
                            loose.push(format!("{}:{}", path.display(), i + 1));
                        }
                    }
                }
            }
        }
        assert_eq!(
            blocks,
            TABLES.len(),
            "a declare_rules! table is missing from TABLES"
        );
        assert!(
            loose.is_empty(),
            "rules declared outside declare_rules!: {loose:?}"
        );
    }
}
