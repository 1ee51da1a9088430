//! `mcp-audit.lock`: the pins of installed servers (TOML, written atomically).
//!
//! ```toml
//! # mcp-audit.lock: servers installed by `mcp-audit install`. Checked by `mcp-audit verify`.
//! version = 1
//!
//! [[server]]
//! target = "npm:@scope/srv@1.1.0"
//! ecosystem = "npm"
//! name = "@scope/srv"
//! version = "1.1.0"
//! sha256 = "…"                      # the audited artifact
//! integrity = "verified"
//! …
//! [[server.tools]]
//! name = "add"
//! fingerprint = "…"
//! [[server.clients]]
//! client = "claude-desktop"
//! config = "/home/me/.config/Claude/claude_desktop_config.json"
//! entry = "srv"
//! ```

use mcp_audit_core::Ecosystem;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

/// Version of the lockfile format.
pub const LOCK_VERSION: u32 = 1;

const HEADER: &str = "# mcp-audit.lock: servers installed by `mcp-audit install`, pinned to the audited bytes.\n# Checked by `mcp-audit verify`. Written by mcp-audit; edits by hand are not needed.\n";

/// The whole lockfile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lockfile {
    /// [`LOCK_VERSION`].
    pub version: u32,
    /// Installed servers, sorted by ecosystem, name, version.
    #[serde(default, rename = "server", skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<LockEntry>,
}

impl Default for Lockfile {
    fn default() -> Self {
        Lockfile {
            version: LOCK_VERSION,
            servers: Vec::new(),
        }
    }
}

/// One installed server version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LockEntry {
    /// Target that resolves to exactly this artifact (`npm:name@version`, a local path…).
    pub target: String,
    /// `npm`, `pypi`, `crates`, `mcpb`, `github`.
    pub ecosystem: Ecosystem,
    /// Package name.
    pub name: String,
    /// Exact version.
    pub version: String,
    /// Hex sha256 of the audited artifact; the installed copy must match it.
    pub sha256: String,
    /// Whether the artifact matched a registry digest (`verified`, `unverified`).
    pub integrity: String,
    /// Download URL or local path the artifact came from.
    pub source: String,
    /// Trust score at install time.
    pub score: u8,
    /// Verdict at install time (`allow`, `warn`, `block`).
    pub verdict: String,
    /// Why a warned or blocked package was installed anyway (`--accept-risk`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_risk: Option<String>,
    /// Fingerprint of the whole tool surface, when tools were found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools_fingerprint: Option<String>,
    /// The installed server directory.
    pub install_path: PathBuf,
    /// The installed copy of the artifact, relative to `install_path`.
    pub artifact: String,
    /// Digest of every installed file (see `fsutil::tree_sha256`).
    pub tree_sha256: String,
    /// Absolute command that runs the server.
    pub command: String,
    /// Its arguments.
    #[serde(default)]
    pub args: Vec<String>,
    /// Environment for the server (from an MCPB manifest).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
    /// Whether lifecycle/build scripts were allowed to run during the install.
    #[serde(default)]
    pub scripts_ran: bool,
    /// Packages the package manager added that mcp-audit did not audit (`name@version`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unaudited_dependencies: Vec<String>,
    /// Every package of the dependency tree, audited before the install, with its digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<PinnedDependency>,
    /// Each tool's fingerprint at install time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tools: Vec<PinnedTool>,
    /// Client config entries that run this install.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clients: Vec<ClientRecord>,
}

/// A dependency audited before the install, pinned by the digest of the audited artifact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PinnedDependency {
    /// Package name.
    pub name: String,
    /// Exact version.
    pub version: String,
    /// Hex sha256 of the audited artifact.
    pub sha256: String,
    /// npm: the SRI digest (`sha512-…`) the resolved tree gave for it, which the installed
    /// package must carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
    /// The audit's verdict (`allow`, `warn`, or `block` when the risk was accepted).
    pub verdict: String,
}

/// A tool pinned by its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PinnedTool {
    /// Tool name.
    pub name: String,
    /// sha256 over its canonical definition.
    pub fingerprint: String,
    /// [`mcp_audit_core::digest::description_digest`] of the description the audit read
    /// (absent in lockfiles written before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_sha256: Option<String>,
}

/// A client config entry written by `install`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClientRecord {
    /// `claude-desktop`, `claude-code`, `cursor`, `vscode`, `windsurf`.
    pub client: String,
    /// The config file.
    pub config: PathBuf,
    /// The server's key in the file.
    pub entry: String,
}

impl LockEntry {
    /// Whether this entry is the given server version.
    #[must_use]
    pub fn is(&self, ecosystem: Ecosystem, name: &str, version: &str) -> bool {
        self.ecosystem == ecosystem && self.name == name && self.version == version
    }

    /// The installed copy of the artifact.
    #[must_use]
    pub fn artifact_path(&self) -> PathBuf {
        self.install_path.join(&self.artifact)
    }
}

impl Lockfile {
    /// Reads a lockfile; a missing file is an empty lockfile.
    ///
    /// # Errors
    /// The file exists but cannot be read, is not TOML, or has a newer format version.
    pub fn load(path: &Path) -> anyhow::Result<Lockfile> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Lockfile::default()),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot read lockfile `{}`", path.display()))
            }
        };
        Lockfile::parse(&text).with_context(|| format!("invalid lockfile `{}`", path.display()))
    }

    /// Parses lockfile text.
    ///
    /// # Errors
    /// Not TOML, missing fields, or a format version this mcp-audit does not know.
    pub fn parse(text: &str) -> anyhow::Result<Lockfile> {
        let lock: Lockfile = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].lines().count().max(1);
                    anyhow::anyhow!("line {line}: {msg}")
                }
                None => anyhow::anyhow!("{msg}"),
            }
        })?;
        if lock.version != LOCK_VERSION {
            anyhow::bail!(
                "format version {} is not supported (this mcp-audit writes version {LOCK_VERSION})",
                lock.version
            );
        }
        Ok(lock)
    }

    /// The TOML text, entries sorted.
    ///
    /// # Panics
    /// Never: every field serializes.
    #[must_use]
    pub fn render(&self) -> String {
        let mut sorted = self.clone();
        sorted.servers.sort_by(|a, b| {
            (&a.ecosystem, &a.name, &a.version).cmp(&(&b.ecosystem, &b.name, &b.version))
        });
        for s in &mut sorted.servers {
            s.tools.sort();
            s.clients.sort();
            s.clients.dedup();
        }
        let body = toml::to_string_pretty(&sorted).expect("lockfile serializes");
        format!("{HEADER}{body}")
    }

    /// The entry for a server version.
    #[must_use]
    pub fn find(&self, ecosystem: Ecosystem, name: &str, version: &str) -> Option<&LockEntry> {
        self.servers.iter().find(|s| s.is(ecosystem, name, version))
    }

    /// Mutable entry for a server version.
    pub fn find_mut(
        &mut self,
        ecosystem: Ecosystem,
        name: &str,
        version: &str,
    ) -> Option<&mut LockEntry> {
        self.servers
            .iter_mut()
            .find(|s| s.is(ecosystem, name, version))
    }

    /// Adds or replaces the entry for its server version.
    pub fn upsert(&mut self, entry: LockEntry) {
        match self.find_mut(entry.ecosystem, &entry.name, &entry.version) {
            Some(existing) => *existing = entry,
            None => self.servers.push(entry),
        }
    }

    /// Records that a client config entry now runs `owner`; any other server version that was
    /// registered under the same config and key loses that record (the entry was replaced).
    pub fn record_client(&mut self, owner: (Ecosystem, &str, &str), record: &ClientRecord) {
        for s in &mut self.servers {
            if s.is(owner.0, owner.1, owner.2) {
                if !s.clients.contains(record) {
                    s.clients.push(record.clone());
                }
            } else {
                s.clients
                    .retain(|c| !(c.config == record.config && c.entry == record.entry));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn entry(name: &str, version: &str) -> LockEntry {
        LockEntry {
            target: format!("npm:{name}@{version}"),
            ecosystem: Ecosystem::Npm,
            name: name.into(),
            version: version.into(),
            sha256: "ab".repeat(32),
            integrity: "verified".into(),
            source: "https://registry.example/x.tgz".into(),
            score: 97,
            verdict: "allow".into(),
            accepted_risk: None,
            tools_fingerprint: Some("cd".repeat(32)),
            install_path: PathBuf::from("/h/servers/npm").join(name).join(version),
            artifact: "artifact/x.tgz".into(),
            tree_sha256: "ef".repeat(32),
            command: "/usr/bin/node".into(),
            args: vec!["/h/servers/npm/x/index.js".into()],
            env: BTreeMap::new(),
            scripts_ran: false,
            unaudited_dependencies: vec!["zod@3.25.0".into()],
            dependencies: Vec::new(),
            tools: vec![PinnedTool {
                name: "add".into(),
                fingerprint: "01".repeat(32),
                description_sha256: Some("02".repeat(32)),
            }],
            clients: Vec::new(),
        }
    }

    #[test]
    fn round_trips_sorted_with_a_header() {
        let mut lock = Lockfile::default();
        let mut b = entry("b", "1.0.0");
        b.accepted_risk = Some("reviewed by hand".into());
        lock.upsert(b);
        lock.upsert(entry("a", "2.0.0"));
        lock.upsert(entry("a", "1.0.0"));
        let text = lock.render();
        assert!(text.starts_with("# mcp-audit.lock"), "{text}");
        assert!(
            text.contains("accepted_risk = \"reviewed by hand\""),
            "{text}"
        );
        assert!(text.contains("[[server.tools]]"), "{text}");
        let back = Lockfile::parse(&text).unwrap();
        let order: Vec<_> = back
            .servers
            .iter()
            .map(|s| format!("{}@{}", s.name, s.version))
            .collect();
        assert_eq!(order, ["a@1.0.0", "a@2.0.0", "b@1.0.0"]);
        assert_eq!(back.render(), text, "rendering is stable");
    }

    #[test]
    fn upsert_replaces_the_same_version() {
        let mut lock = Lockfile::default();
        lock.upsert(entry("a", "1.0.0"));
        let mut again = entry("a", "1.0.0");
        again.score = 50;
        lock.upsert(again);
        assert_eq!(lock.servers.len(), 1);
        assert_eq!(lock.servers[0].score, 50);
    }

    #[test]
    fn a_client_entry_belongs_to_one_server_version() {
        let mut lock = Lockfile::default();
        lock.upsert(entry("a", "1.0.0"));
        lock.upsert(entry("a", "2.0.0"));
        let rec = ClientRecord {
            client: "cursor".into(),
            config: "/c/mcp.json".into(),
            entry: "a".into(),
        };
        lock.record_client((Ecosystem::Npm, "a", "1.0.0"), &rec);
        lock.record_client((Ecosystem::Npm, "a", "2.0.0"), &rec);
        assert!(lock
            .find(Ecosystem::Npm, "a", "1.0.0")
            .unwrap()
            .clients
            .is_empty());
        assert_eq!(
            lock.find(Ecosystem::Npm, "a", "2.0.0").unwrap().clients,
            [rec]
        );
    }

    #[test]
    fn bad_lockfiles_name_the_line_and_missing_is_empty() {
        let err = Lockfile::parse("version = 1\n[[server]]\nname = 3\n").unwrap_err();
        assert!(err.to_string().starts_with("line "), "{err}");
        let err = Lockfile::parse("version = 9\n").unwrap_err();
        assert!(err.to_string().contains("not supported"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Lockfile::load(&dir.path().join("none.lock")).unwrap(),
            Lockfile::default()
        );
    }
}
