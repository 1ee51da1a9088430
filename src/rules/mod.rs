//! The rule catalog: every rule mcp-audit can report, with its id, category and default severity.
//!
//! Each analyzer owns a `RULES` table next to its code; [`catalog`] joins them. `mcp-audit rules`
//! and `docs/rules.md` are generated from this one source.

use crate::model::{Category, Finding, Severity};

/// A detection rule's identity and documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable kebab-case id (used in reports, policies and suppressions).
    pub id: &'static str,
    /// The category the rule belongs to.
    pub category: Category,
    /// Default severity (a policy may override it).
    pub severity: Severity,
    /// One-sentence description of what the rule detects.
    pub summary: &'static str,
    /// A short example of what triggers it.
    pub example: &'static str,
}

impl Rule {
    /// Starts a finding of this rule with its default category and severity.
    #[must_use]
    pub fn finding(&self, message: impl Into<String>) -> Finding {
        Finding {
            rule: self.id.to_string(),
            category: self.category,
            severity: self.severity,
            message: message.into(),
            tool: None,
            location: None,
            evidence: None,
            fingerprint: String::new(),
        }
    }
}

/// Every rule, sorted by id.
#[must_use]
pub fn catalog() -> Vec<&'static Rule> {
    let tables: [&'static [Rule]; 7] = [
        crate::sandbox::RULES,
        crate::pipeline::RULES,
        crate::analyze::tools::RULES,
        crate::analyze::descriptions::RULES,
        crate::analyze::code::RULES,
        crate::analyze::manifest::RULES,
        crate::analyze::metadata::RULES,
    ];
    let mut all: Vec<&'static Rule> = tables.iter().flat_map(|t| t.iter()).collect();
    all.extend(crate::install::RULES.iter());
    all.extend(crate::lockfile::RULES.iter());
    all.extend(crate::policy::RULES.iter());
    all.extend(crate::fetch::RULES.iter());
    all.sort_by_key(|r| r.id);
    all
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
}
