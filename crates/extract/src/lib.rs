//! Reading an unpacked MCP package without running any of it.
//!
//! - [`identify`]: the manifests at the package root (package.json, MCPB manifest.json,
//!   Cargo.toml, wheel METADATA / sdist PKG-INFO, pyproject.toml) and the package's identity;
//! - [`source`]: the source files, loaded once, with tree-sitter trees parsed lazily and shared
//!   by every reader;
//! - [`tools`]: static extraction of the tools, prompts and server instructions the package
//!   declares (JavaScript/TypeScript, Python, Rust, Go, MCPB manifests).
//!
//! This crate depends only on the bottom layer (`mcp-audit-core`) and the sandbox's
//! [`PackageTree`](mcp_audit_sandbox::PackageTree); it knows nothing of rules beyond its own,
//! scoring, policy or reports.
#![forbid(unsafe_code)]

pub mod identify;
pub mod source;
pub mod tools;

use identify::Manifests;
use mcp_audit_sandbox::PackageTree;
use source::SourceSet;

/// The parts of an unpacked package that extraction reads.
#[derive(Debug, Clone, Copy)]
pub struct Unpacked<'a> {
    /// The unpacked files.
    pub tree: &'a PackageTree,
    /// Parsed manifests.
    pub manifests: &'a Manifests,
    /// Source files (parsed lazily).
    pub sources: &'a SourceSet,
}
