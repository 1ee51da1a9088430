//! The report: one serializable [`Report`] value; human text, JSON, SARIF and Markdown are views of it.

pub mod human;
pub mod markdown;
pub mod rules_doc;
pub mod sarif;
pub mod score_doc;

use serde::Serialize;

use crate::policy::{Expired, Suppressed};
use mcp_audit_core::model::{Finding, ModelText, Tool};

/// Version of the JSON report schema. Bumped only for incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

pub use mcp_audit_core::{Integrity, PackageInfo, Verdict};

/// The audit of one target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetResult {
    /// The target as given (canonical form for registry specs).
    pub target: String,
    /// The artifact, when one was obtained.
    pub package: Option<PackageInfo>,
    /// The decision.
    pub verdict: Verdict,
    /// Trust score 0–100 (100 = nothing found); `null` when the target could not be audited.
    pub score: Option<u8>,
    /// Why the target could not be audited.
    pub error: Option<String>,
    /// Declared tools.
    pub tools: Vec<Tool>,
    /// sha256 over the sorted tool fingerprints: one pin for the whole tool surface.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools_fingerprint: Option<String>,
    /// Prompts, server instructions and other model-visible text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub texts: Vec<ModelText>,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Findings the policy removed (a suppression or a rule set to `off`), with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed: Vec<Suppressed>,
    /// Suppressions that matched a finding here but have expired, so the finding counts again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expired_suppressions: Vec<Expired>,
    /// The policy allow-list pattern that matched the package, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_by: Option<String>,
    /// For a package of a server's dependency tree: the chain of package names from the server
    /// to it (`["server", "sdk", "dep"]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dependency_path: Option<Vec<String>>,
    /// The sandboxed run of `--dynamic`: status, the run-time tools, both surfaces compared,
    /// what the sandbox recorded (`docs/dynamic.md`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dynamic: Option<Box<crate::dynamic::DynamicReport>>,
}

impl TargetResult {
    /// A result for a target that could not be audited.
    #[must_use]
    pub fn error(target: impl Into<String>, error: impl Into<String>) -> Self {
        TargetResult {
            target: target.into(),
            package: None,
            verdict: Verdict::Error,
            score: None,
            error: Some(error.into()),
            tools: Vec::new(),
            tools_fingerprint: None,
            texts: Vec::new(),
            findings: Vec::new(),
            suppressed: Vec::new(),
            expired_suppressions: Vec::new(),
            allowed_by: None,
            dependency_path: None,
            dynamic: None,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The mcp-audit version that wrote it.
    pub mcp_audit_version: String,
    /// One result per target, in the order given.
    pub results: Vec<TargetResult>,
}

impl Report {
    /// A report over the given results.
    #[must_use]
    pub fn new(results: Vec<TargetResult>) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            mcp_audit_version: env!("CARGO_PKG_VERSION").to_string(),
            results,
        }
    }

    /// The process exit code of design.md: 2 if any target could not be audited (or there were
    /// none), else 1 if any was blocked, else 0.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        if self.results.is_empty() || self.results.iter().any(|r| r.verdict == Verdict::Error) {
            2
        } else if self.results.iter().any(|r| r.verdict == Verdict::Block) {
            1
        } else {
            0
        }
    }

    /// The JSON view (pretty, deterministic).
    ///
    /// # Panics
    /// Never: every field serializes.
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("report serializes");
        out.push('\n');
        out
    }
}
