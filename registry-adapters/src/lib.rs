//! Registry adapters for mcp-audit: turn a package request into a concrete, verified artifact.
//!
//! One module per registry sits behind the [`Registry`] trait; they share the HTTP client,
//! digest checks and the content-addressed download cache. Adapters never depend on each other
//! nor on the `mcp-audit` crate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

/// A package ecosystem served by a registry adapter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Ecosystem {
    /// The npm registry.
    Npm,
    /// The Python Package Index.
    Pypi,
    /// crates.io (sparse index + static downloads).
    Crates,
    /// GitHub release assets.
    Github,
}

/// Which version the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSpec {
    /// No version given: the registry's default (npm `latest`, newest non-yanked release, …).
    Latest,
    /// A version requirement in the ecosystem's own syntax (exact version, range or specifier).
    Requirement(String),
    /// A named tag (npm dist-tag, GitHub release tag).
    Tag(String),
}

/// A request for one package, parsed from a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageRequest {
    /// The ecosystem to ask.
    pub ecosystem: Ecosystem,
    /// The package name as the user typed it (`@scope/name`, `owner/repo`, …).
    pub name: String,
    /// The version the user asked for.
    pub version: VersionSpec,
    /// GitHub: a glob that picks the release asset. PyPI: a file name or kind (`wheel`, `sdist`).
    pub artifact: Option<String>,
}

/// How far the artifact's bytes were checked against what the registry published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Integrity {
    /// The registry published a digest and the bytes match it.
    Verified,
    /// No digest to compare against (local file, GitHub asset without `digest`).
    Unverified,
    /// The bytes do not match the published digest.
    Mismatch,
}

/// Registry facts kept for the analyzers. Every field is optional: mirrors omit many of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RegistryMetadata {
    /// When this version was published (RFC 3339).
    pub published_at: Option<String>,
    /// When the package was first published (RFC 3339).
    pub created_at: Option<String>,
    /// Deprecation message, if the version is deprecated.
    pub deprecated: Option<String>,
    /// Whether the version is yanked.
    pub yanked: bool,
    /// The reason given for a yank.
    pub yanked_reason: Option<String>,
    /// Source repository URL as the registry reports it.
    pub repository: Option<String>,
    /// Maintainer or owner names.
    pub maintainers: Vec<String>,
    /// npm lifecycle scripts the registry reports for this version.
    pub scripts: BTreeMap<String, String>,
    /// npm `hasInstallScript`.
    pub has_install_script: Option<bool>,
    /// Whether the registry holds a provenance attestation for the artifact.
    pub provenance: Option<bool>,
    /// Number of published versions.
    pub version_count: Option<usize>,
}

/// A concrete artifact a request resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedPackage {
    /// The ecosystem.
    pub ecosystem: Ecosystem,
    /// Canonical package name.
    pub name: String,
    /// Exact version.
    pub version: String,
    /// Where the artifact is downloaded from.
    pub url: String,
    /// The artifact's file name (`name-1.0.0.tgz`, `pkg-1.0-py3-none-any.whl`, …).
    pub filename: String,
    /// Registry facts for the analyzers.
    pub metadata: RegistryMetadata,
}

/// A downloaded, hashed artifact in the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchedArtifact {
    /// The resolved package it came from.
    pub package: ResolvedPackage,
    /// Path of the artifact in the content-addressed cache.
    pub path: PathBuf,
    /// Hex sha256 of the artifact bytes.
    pub sha256: String,
    /// Integrity status.
    pub integrity: Integrity,
}
