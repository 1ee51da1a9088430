//! Every environment variable mcp-audit reads, and the public registry defaults.
//!
//! The registry variables and the public default URLs live in one module,
//! [`registry_adapters::defaults`], and are re-exported here.

pub use registry_adapters::defaults::{
    DEFAULT_CRATES_INDEX, DEFAULT_GITHUB_API, DEFAULT_NPM_REGISTRY, DEFAULT_PYPI_URL, GH_TOKEN,
    GITHUB_API_URL, GITHUB_TOKEN, MCP_AUDIT_CACHE_DIR, MCP_AUDIT_CRATES_INDEX,
    MCP_AUDIT_GITHUB_API, MCP_AUDIT_NPM_REGISTRY, MCP_AUDIT_PYPI_URL, NPM_CONFIG_REGISTRY,
};

/// Home of installed servers and the default `mcp-audit.lock` (default `~/.mcp-audit`).
pub const MCP_AUDIT_HOME: &str = "MCP_AUDIT_HOME";
/// Disables colour in human output.
pub const NO_COLOR: &str = "NO_COLOR";
/// Opt-in for tests against the live public registries.
pub const MCP_AUDIT_LIVE: &str = "MCP_AUDIT_LIVE";
/// Days a freshly published version is warned about (`version-too-new`); `0` turns it off.
pub const MCP_AUDIT_COOL_DOWN_DAYS: &str = "MCP_AUDIT_COOL_DOWN_DAYS";
