//! Registry adapters for mcp-audit: turn a package request into a concrete, verified artifact.
//!
//! One module per registry sits behind the [`Registry`] trait; they share the HTTP client,
//! digest checks and the content-addressed download cache. Adapters never depend on each other
//! nor on the `mcp-audit` crate.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod advisories;
pub mod cache;
mod client;
pub mod crates_io;
pub mod defaults;
pub mod digest;
mod error;
pub mod github;
pub mod http;
pub mod npm;
pub mod pypi;
pub mod versions;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use advisories::Advisory;
pub use cache::Cache;
pub use client::{Client, ClientBuilder, Connectivity};
pub use defaults::Endpoints;
pub use digest::{Algorithm, Digest};
pub use error::{Error, Mismatch};
pub use http::{HttpClient, HttpSettings};

/// A registry adapter: turns a request into a concrete artifact, then downloads it verified.
///
/// Object-safe, so a [`Client`] holds one `Box<dyn Registry>` per ecosystem.
pub trait Registry: Send + Sync {
    /// The ecosystem this adapter serves.
    fn ecosystem(&self) -> Ecosystem;

    /// The registry's base URL (for messages and cache keys).
    fn base_url(&self) -> &url::Url;

    /// Resolves a request to one exact version and artifact.
    ///
    /// # Errors
    /// Unknown package, no matching version, unreachable or malformed registry.
    fn resolve(&self, request: &PackageRequest) -> Result<ResolvedPackage, Error>;

    /// Downloads the artifact into the cache, verifying the published digest.
    ///
    /// # Errors
    /// Download failures and [`Error::Integrity`].
    fn fetch(
        &self,
        package: &ResolvedPackage,
        cache: &Cache,
        reporter: Option<&dyn Reporter>,
    ) -> Result<FetchedArtifact, Error>;
}

/// Progress of downloads, for a progress bar (the binary implements it with indicatif).
pub trait Reporter: Send + Sync {
    /// A download started; `total` is the announced size.
    fn on_download_start(&self, label: &str, total: Option<u64>);
    /// `bytes` more arrived.
    fn on_download_progress(&self, bytes: u64);
    /// The download ended (successfully or not).
    fn on_download_done(&self, label: &str);
}

pub use mcp_audit_core::Ecosystem;

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

pub use mcp_audit_core::Integrity;

/// Registry facts kept for the analyzers. Every field is optional: mirrors omit many of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
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
    /// Publisher of this version (npm `_npmUser`, GitHub release author), when known.
    pub publisher: Option<String>,
    /// The tag or dist-tag the version was chosen by, when it was chosen by one.
    pub tag: Option<String>,
    /// Known vulnerabilities of this version, when the registry serves them (`None`: not
    /// known; `Some([])`: the registry knows of none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vulnerabilities: Option<Vec<Advisory>>,
}

/// A concrete artifact a request resolved to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Digests the registry published for the artifact (empty: none, integrity "unverified").
    pub digests: Vec<Digest>,
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
