//! Resolved settings for one run: command-line flags over environment over policy file.

use std::path::PathBuf;

use crate::policy::Policy;
use mcp_audit_sandbox::Limits;

/// Whether the network may be used (the registry client's own setting).
pub use registry_adapters::Connectivity;

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
}
