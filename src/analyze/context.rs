//! What an analyzer may look at: the unpacked package, its manifests and identity, its source
//! files and the registry's facts.

use mcp_audit_extract::identify::{Identity, Manifests};
use mcp_audit_extract::source::SourceSet;
use mcp_audit_sandbox::PackageTree;
use registry_adapters::RegistryMetadata;

/// Everything an analyzer may look at.
#[derive(Debug)]
pub struct Context<'a> {
    /// The unpacked files.
    pub tree: &'a PackageTree,
    /// Parsed manifests.
    pub manifests: &'a Manifests,
    /// Ecosystem, name and version.
    pub identity: &'a Identity,
    /// Source files (parsed lazily).
    pub sources: &'a SourceSet,
    /// Registry facts, when the package came from a registry.
    pub registry: Option<&'a RegistryMetadata>,
}

impl<'a> Context<'a> {
    /// The parts that tool extraction reads.
    #[must_use]
    pub fn unpacked(&self) -> mcp_audit_extract::Unpacked<'a> {
        mcp_audit_extract::Unpacked {
            tree: self.tree,
            manifests: self.manifests,
            sources: self.sources,
        }
    }
}
