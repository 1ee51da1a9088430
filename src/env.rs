//! Every environment variable mcp-audit reads, and the public registry defaults.

/// npm registry base URL (else `npm_config_registry`, else [`DEFAULT_NPM_REGISTRY`]).
pub const MCP_AUDIT_NPM_REGISTRY: &str = "MCP_AUDIT_NPM_REGISTRY";
/// npm's own registry setting, honoured after [`MCP_AUDIT_NPM_REGISTRY`].
pub const NPM_CONFIG_REGISTRY: &str = "npm_config_registry";
/// Base of the PyPI JSON API (`{base}/pypi/{name}/json`).
pub const MCP_AUDIT_PYPI_URL: &str = "MCP_AUDIT_PYPI_URL";
/// crates.io sparse-index root (download URL from its `config.json` `dl`).
pub const MCP_AUDIT_CRATES_INDEX: &str = "MCP_AUDIT_CRATES_INDEX";
/// GitHub REST API base (else `GITHUB_API_URL`, else [`DEFAULT_GITHUB_API`]).
pub const MCP_AUDIT_GITHUB_API: &str = "MCP_AUDIT_GITHUB_API";
/// GitHub's own API URL variable (set in GitHub Actions).
pub const GITHUB_API_URL: &str = "GITHUB_API_URL";
/// GitHub token (else [`GH_TOKEN`]).
pub const GITHUB_TOKEN: &str = "GITHUB_TOKEN";
/// GitHub token used when [`GITHUB_TOKEN`] is unset.
pub const GH_TOKEN: &str = "GH_TOKEN";
/// Download cache directory (default: the user cache directory + `mcp-audit`).
pub const MCP_AUDIT_CACHE_DIR: &str = "MCP_AUDIT_CACHE_DIR";
/// Home of installed servers and the default `mcp-audit.lock` (default `~/.mcp-audit`).
pub const MCP_AUDIT_HOME: &str = "MCP_AUDIT_HOME";
/// Disables colour in human output.
pub const NO_COLOR: &str = "NO_COLOR";
/// Opt-in for tests against the live public registries.
pub const MCP_AUDIT_LIVE: &str = "MCP_AUDIT_LIVE";

/// The public npm registry.
pub const DEFAULT_NPM_REGISTRY: &str = "https://registry.npmjs.org";
/// The public PyPI.
pub const DEFAULT_PYPI_URL: &str = "https://pypi.org";
/// The crates.io sparse index.
pub const DEFAULT_CRATES_INDEX: &str = "https://index.crates.io";
/// The public GitHub API.
pub const DEFAULT_GITHUB_API: &str = "https://api.github.com";
