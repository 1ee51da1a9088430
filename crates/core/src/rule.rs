//! Rules: the identity and documentation of every kind of finding.
//!
//! A module declares its rules with [`declare_rules!`](crate::declare_rules), which defines each
//! rule as a `static` *and* the module's rule table from the same list, so a rule cannot be
//! declared without being registered. The catalog (`mcp_audit::rules::catalog`) joins the
//! tables; a finding can only be started from a [`Rule`] ([`Rule::finding`]).

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
        self.record_fired();
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

impl Rule {
    /// In a debug build, appends this rule's id to the file `MCP_AUDIT_RULE_LOG` names, when it
    /// is set. `.cargo/config.toml` sets it for everything cargo runs, so the test suite records
    /// which rules fired, and `tests/rule_coverage.rs` checks that every rule of the catalog did.
    /// Release builds do nothing here.
    pub fn record_fired(&self) {
        record_fired_id(self.id);
    }
}

/// [`Rule::record_fired`] by rule id: for findings that were not made by [`Rule::finding`] in
/// this process (read back from the analysis cache).
pub fn record_fired_id(id: &str) {
    if !cfg!(debug_assertions) {
        return;
    }
    if let Some(path) = std::env::var_os("MCP_AUDIT_RULE_LOG") {
        use std::io::Write as _;
        let _ = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut file| file.write_all(format!("{id}\n").as_bytes()));
    }
}

/// Declares a module's rules and its rule table in one place.
///
/// ```
/// use mcp_audit_core::{declare_rules, Category, Rule, Severity};
///
/// declare_rules! {
///     /// This module's rules.
///     pub static RULES;
///
///     /// The package is empty.
///     pub static EMPTY: Rule = Rule {
///         id: "empty",
///         category: Category::Archive,
///         severity: Severity::High,
///         summary: "The package contains no files.",
///         example: "an archive with only directories",
///     };
/// }
/// assert_eq!(RULES.len(), 1);
/// assert_eq!(RULES[0].id, EMPTY.id);
/// ```
#[macro_export]
macro_rules! declare_rules {
    (
        $(#[$table_meta:meta])*
        $table_vis:vis static $table:ident;
        $(
            $(#[$meta:meta])*
            $vis:vis static $name:ident : Rule = Rule $body:tt ;
        )+
    ) => {
        $(
            $(#[$meta])*
            $vis static $name: $crate::Rule = $crate::Rule $body;
        )+
        $(#[$table_meta])*
        $table_vis static $table: &[$crate::Rule] = &[$($name),+];
    };
    // The compact form: `NAME = ("id", Category, Severity, "summary", "example");`.
    (
        $(#[$table_meta:meta])*
        $table_vis:vis static $table:ident;
        $(
            $(#[$meta:meta])*
            $name:ident = ($id:literal, $cat:ident, $sev:ident, $summary:literal, $example:literal $(,)?);
        )+
    ) => {
        $(
            $(#[$meta])*
            #[doc = ""]
            #[doc = $summary]
            pub static $name: $crate::Rule = $crate::Rule {
                id: $id,
                category: $crate::Category::$cat,
                severity: $crate::Severity::$sev,
                summary: $summary,
                example: $example,
            };
        )+
        $(#[$table_meta])*
        $table_vis static $table: &[$crate::Rule] = &[$($name),+];
    };
}
