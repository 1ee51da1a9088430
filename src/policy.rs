//! The policy (`mcp-audit.toml`): thresholds, rule overrides, allow/deny lists, suppressions.

/// A resolved policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {}
