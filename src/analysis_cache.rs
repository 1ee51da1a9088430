//! The analysis cache: what the analyzers found in an artifact, kept beside the downloaded
//! artifacts so that auditing the same bytes again (a lockfile in CI, `verify`, `install` after
//! `audit`, an `--offline` rerun) does not unpack and analyze them again.
//!
//! An entry holds only what depends on the artifact's bytes and nothing else: the package's
//! identity, its tools and texts, the findings of the extraction, description, manifest, code
//! and static metadata rules, and the facts `diff` compares. Its key covers everything those
//! depend on:
//!
//! - the artifact's sha256 (entries are made for registry artifacts only: auditing a local
//!   file or directory leaves nothing in the cache);
//! - the running executable (its length and modification time, and the version): any rebuild
//!   or upgrade of mcp-audit, with other rules or patterns, starts with an empty cache;
//! - the unpacking limits, and the ecosystem, name and version the registry gave;
//! - the registry metadata the rules read (without the advisories, which are not analyzed
//!   here).
//!
//! Findings that depend on the time or on the advisories (`version-too-new`, deprecation,
//! `known-vulnerability`, …) are never cached: they are computed anew on every audit, as are
//! the policy, the score and the verdict. An entry that cannot be read back exactly as it was
//! written is not kept.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::analyze::package_facts::PackageFacts;
use crate::fetch::Artifact;
use mcp_audit_core::model::{Finding, ModelText, Tool};
use mcp_audit_extract::identify::Ecosystem;
use mcp_audit_sandbox::Limits;

/// Format of the entries; part of the key.
const FORMAT: &str = "analysis-v1";

/// What the analyzers found in one artifact (see the module documentation for what is left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The ecosystem the manifests identified.
    pub ecosystem: Ecosystem,
    /// The name the manifests declare (empty: none).
    pub name: String,
    /// The version the manifests declare.
    pub version: String,
    /// Tools the package declares.
    pub tools: Vec<Tool>,
    /// Prompts, server instructions and other model-visible text.
    pub texts: Vec<ModelText>,
    /// The findings of every analyzer whose result depends on the bytes only.
    pub findings: Vec<Finding>,
    /// Dependencies, install-time code, capabilities and endpoints.
    pub facts: PackageFacts,
}

/// The running executable, as far as a cache key needs to tell builds apart; `None` when it
/// cannot be known (then nothing is cached).
static EXECUTABLE: LazyLock<Option<String>> = LazyLock::new(|| {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{}|{}|{}|{}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len(),
        modified.as_nanos()
    ))
});

/// The key of an artifact's analysis, or `None` when it must not be cached.
#[must_use]
pub fn key(artifact: &Artifact, hint: Option<Ecosystem>, limits: &Limits) -> Option<String> {
    // Registry artifacts only: auditing a local file or directory leaves nothing behind.
    if artifact.sha256.is_empty() || artifact.path.is_dir() || artifact.registry.is_none() {
        return None;
    }
    let exe = EXECUTABLE.as_deref()?;
    let registry = artifact.registry.as_ref().map(|r| {
        let mut r = r.clone();
        r.vulnerabilities = None;
        serde_json::to_string(&r).unwrap_or_default()
    });
    let text = format!(
        "{FORMAT}\n{exe}\n{}\n{hint:?}\n{:?}\n{limits:?}\n{registry:?}",
        artifact.sha256, artifact.resolved
    );
    Some(mcp_audit_core::digest::sha256_hex(text.as_bytes()))
}

/// Where the entries live: `analysis/` in the download cache.
fn dir(cache_root: &Path) -> PathBuf {
    cache_root.join("analysis")
}

/// The entry stored under `key`, if any (an unreadable entry is a miss).
#[must_use]
pub fn load(cache_root: &Path, key: &str) -> Option<Entry> {
    let bytes = std::fs::read(dir(cache_root).join(format!("{key}.json"))).ok()?;
    let entry: Entry = serde_json::from_slice(&bytes).ok()?;
    // Debug builds record the rules that fired (see `Rule::record_fired`): a finding read
    // from the cache fired as much as a computed one.
    for f in &entry.findings {
        mcp_audit_core::rule::record_fired_id(&f.rule);
    }
    Some(entry)
}

/// Stores `entry` under `key`, atomically; failures only cost the next audit its speed.
pub fn store(cache_root: &Path, key: &str, entry: &Entry) {
    let Ok(bytes) = serde_json::to_vec(entry) else {
        return;
    };
    // Kept only when it reads back as the same value (a float that does not survive the
    // round trip would change a schema).
    if serde_json::from_slice::<Entry>(&bytes).ok().as_ref() != Some(entry) {
        tracing::debug!("analysis of {key} not cached: it does not read back identically");
        return;
    }
    let dir = dir(cache_root);
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(mut file) = tempfile::NamedTempFile::new_in(&dir) else {
        return;
    };
    use std::io::Write as _;
    if file.write_all(&bytes).is_ok() {
        let _ = file.persist(dir.join(format!("{key}.json")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(path: &Path) -> Artifact {
        Artifact {
            path: path.to_path_buf(),
            source: "x.tgz".into(),
            sha256: "ab".repeat(32),
            integrity: mcp_audit_core::Integrity::Verified,
            registry: Some(registry_adapters::RegistryMetadata::default()),
            resolved: Some((Ecosystem::Npm, "x".into(), "1.0.0".into())),
            findings: Vec::new(),
        }
    }

    #[test]
    fn the_key_covers_bytes_limits_identity_and_registry_facts_but_not_advisories() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("x.tgz");
        std::fs::write(&file, b"x").unwrap();
        let limits = Limits::default();
        let base = artifact(&file);
        let k = |a: &Artifact, l: &Limits| key(a, Some(Ecosystem::Npm), l).unwrap();
        let k0 = k(&base, &limits);

        let mut other = base.clone();
        other.sha256 = "cd".repeat(32);
        assert_ne!(k(&other, &limits), k0);
        let mut smaller = limits.clone();
        smaller.max_entries -= 1;
        assert_ne!(k(&base, &smaller), k0);
        let mut renamed = base.clone();
        renamed.resolved = Some((Ecosystem::Npm, "y".into(), "1.0.0".into()));
        assert_ne!(k(&renamed, &limits), k0);
        let mut scripted = base.clone();
        scripted.registry.as_mut().unwrap().has_install_script = Some(true);
        assert_ne!(k(&scripted, &limits), k0);
        assert_ne!(key(&base, Some(Ecosystem::Pypi), &limits).unwrap(), k0);

        let mut advised = base.clone();
        advised.registry.as_mut().unwrap().vulnerabilities = Some(Vec::new());
        assert_eq!(k(&advised, &limits), k0);

        // A directory, or a local file: never cached.
        let mut tree = base.clone();
        tree.path = dir.path().to_path_buf();
        assert_eq!(key(&tree, None, &limits), None);
        let mut local = base.clone();
        local.registry = None;
        assert_eq!(key(&local, None, &limits), None);
    }

    #[test]
    fn an_entry_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let entry = Entry {
            ecosystem: Ecosystem::Npm,
            name: "x".into(),
            version: "1.0.0".into(),
            tools: Vec::new(),
            texts: Vec::new(),
            findings: Vec::new(),
            facts: PackageFacts::default(),
        };
        assert_eq!(load(dir.path(), "k"), None);
        store(dir.path(), "k", &entry);
        assert_eq!(load(dir.path(), "k"), Some(entry));
    }
}
