//! What was audited: the ecosystem, the artifact's integrity and its identity.

use serde::{Deserialize, Serialize};

/// The kind of package. The first four have a registry adapter; `mcpb` bundles and unknown
/// artifacts are only ever audited from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    /// npm tarball (`package.json`).
    Npm,
    /// Python wheel or sdist.
    Pypi,
    /// Rust crate.
    Crates,
    /// GitHub release asset that is none of the others (a binary, a plain archive).
    Github,
    /// MCP bundle (`.mcpb` / `.dxt`, `manifest.json`).
    Mcpb,
    /// Nothing recognizable.
    Unknown,
}

impl Ecosystem {
    /// The ecosystems a registry serves, in the order the registry prefixes are documented.
    pub const REGISTRIES: [Ecosystem; 4] = [
        Ecosystem::Npm,
        Ecosystem::Pypi,
        Ecosystem::Crates,
        Ecosystem::Github,
    ];

    /// The lowercase name (`npm`, `pypi`, `crates`, `github`, `mcpb`, `unknown`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Ecosystem::Npm => "npm",
            Ecosystem::Pypi => "pypi",
            Ecosystem::Crates => "crates",
            Ecosystem::Github => "github",
            Ecosystem::Mcpb => "mcpb",
            Ecosystem::Unknown => "unknown",
        }
    }

    /// The ecosystem named `name` (as [`Ecosystem::as_str`] writes it).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Ecosystem> {
        [
            Ecosystem::Npm,
            Ecosystem::Pypi,
            Ecosystem::Crates,
            Ecosystem::Github,
            Ecosystem::Mcpb,
            Ecosystem::Unknown,
        ]
        .into_iter()
        .find(|e| e.as_str() == name)
    }

    /// Whether a registry adapter serves this ecosystem.
    #[must_use]
    pub fn has_registry(self) -> bool {
        Self::REGISTRIES.contains(&self)
    }
}

impl std::fmt::Display for Ecosystem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How far the artifact's bytes were checked against what the registry published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Integrity {
    /// The registry published a digest and the bytes match it.
    Verified,
    /// No digest to compare against (local file, GitHub asset without `digest`).
    Unverified,
    /// The bytes do not match the published digest.
    Mismatch,
}

impl Integrity {
    /// The lowercase name, as in the JSON report.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Integrity::Verified => "verified",
            Integrity::Unverified => "unverified",
            Integrity::Mismatch => "mismatch",
        }
    }
}

/// The audited artifact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageInfo {
    /// Ecosystem.
    pub ecosystem: Ecosystem,
    /// Name from the manifest (or the registry).
    pub name: String,
    /// Exact version.
    pub version: String,
    /// Download URL or local path.
    pub source: String,
    /// Hex sha256 of the artifact file (of a canonical listing for directories).
    pub sha256: String,
    /// Whether the bytes were checked against a registry digest.
    pub integrity: Integrity,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for e in [
            Ecosystem::Npm,
            Ecosystem::Pypi,
            Ecosystem::Crates,
            Ecosystem::Github,
            Ecosystem::Mcpb,
            Ecosystem::Unknown,
        ] {
            assert_eq!(Ecosystem::from_name(e.as_str()), Some(e));
            assert_eq!(
                serde_json::to_string(&e).unwrap(),
                format!("\"{}\"", e.as_str())
            );
        }
        assert!(Ecosystem::Npm.has_registry());
        assert!(!Ecosystem::Mcpb.has_registry());
    }
}
