//! Resolved settings for one run: command-line flags over environment over policy file.

use std::path::PathBuf;

use crate::policy::Policy;
use mcp_audit_sandbox::Limits;

/// Whether the network may be used (the registry client's own setting).
pub use registry_adapters::Connectivity;

/// What the audited package is to the user: the server they asked for, or a package its
/// package manager adds. A dependency is judged by the rules that apply to any package (install
/// hooks, code flows, obfuscation, binaries, typosquats, metadata, integrity), not by the rules
/// about a server's own tool surface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// The MCP server itself.
    #[default]
    Server,
    /// A package in the server's dependency tree.
    Dependency,
}

/// Everything the library needs to run an audit.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Unpacking limits.
    pub limits: Limits,
    /// Network use.
    pub connectivity: Connectivity,
    /// Download cache directory (`None`: the default location).
    pub cache_dir: Option<PathBuf>,
    /// PyPI: which artifact to audit (`wheel`, `sdist` or a file name).
    pub artifact: Option<String>,
    /// The policy.
    pub policy: Policy,
    /// Show progress bars on stderr.
    pub progress: bool,
    /// Whether the package is the server or one of its dependencies.
    pub role: Role,
}
