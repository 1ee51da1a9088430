//! Reading lockfiles and MCP client configs into the list of packages `audit --lockfile` audits.
//!
//! Supported: `package-lock.json` / `npm-shrinkwrap.json` (v1–v3), `pnpm-lock.yaml` (v5–v9),
//! `yarn.lock` (classic and berry), `requirements.txt` (with `--hash`), `poetry.lock`, `uv.lock`,
//! `Cargo.lock`, and MCP client configs (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf,
//! Gemini CLI; Codex `config.toml`), whose `npx`/`uvx`/`pipx` launch commands are mapped to packages.
//!
//! Entries that are not registry packages (git, path, URL, workspace links, remote servers, Docker
//! images) are returned as [`Skipped`] with the reason, never silently dropped.

mod clients;
mod npm;
mod python;
mod rust;
#[cfg(test)]
mod tests;

use std::path::Path;

use registry_adapters::{Ecosystem, PackageRequest, VersionSpec};

use crate::target::Target;
use mcp_audit_core::model::{Category, Severity};

/// Largest lockfile read.
pub const MAX_LOCKFILE_BYTES: u64 = 64 * 1024 * 1024;

/// A digest the lockfile expects the artifact to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectedDigest {
    /// An SRI string (`sha512-…`, possibly several space-separated).
    Sri(String),
    /// Hex sha256 (pip `--hash=sha256:`, poetry, uv, Cargo.lock `checksum`).
    Sha256(Vec<String>),
}

/// One package a lockfile pins (or, for client configs, launches).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    /// Registry.
    pub ecosystem: Ecosystem,
    /// Package name.
    pub name: String,
    /// Exact version when pinned; the requested spec otherwise.
    pub version: Option<String>,
    /// Whether `version` is an exact pin.
    pub pinned: bool,
    /// Digests the lockfile records for the artifact.
    pub digest: Option<ExpectedDigest>,
    /// Where it came from (`node_modules/x`, `mcpServers.files`, …).
    pub origin: String,
}

impl Locked {
    /// The audit target for this entry.
    #[must_use]
    pub fn target(&self) -> Target {
        let version = match (&self.version, self.pinned) {
            (None, _) => VersionSpec::Latest,
            (Some(v), true) => VersionSpec::Requirement(match self.ecosystem {
                Ecosystem::Pypi => format!("=={v}"),
                Ecosystem::Crates => format!("={v}"),
                _ => v.clone(),
            }),
            (Some(v), false) => VersionSpec::Requirement(v.clone()),
        };
        Target::Registry(PackageRequest {
            ecosystem: self.ecosystem,
            name: self.name.clone(),
            version,
            artifact: None,
        })
    }
}

/// An entry that is not audited, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry (name or key).
    pub entry: String,
    /// Why it is not audited.
    pub reason: String,
}

/// What a lockfile lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entries {
    /// Registry packages to audit, deduplicated and sorted.
    pub packages: Vec<Locked>,
    /// Entries left out, with the reason.
    pub skipped: Vec<Skipped>,
    /// Whether the file is an MCP client config (the servers one client runs together).
    pub client_config: bool,
}

impl Entries {
    fn push(&mut self, locked: Locked) {
        self.packages.push(locked);
    }

    fn skip(&mut self, entry: impl Into<String>, reason: impl Into<String>) {
        self.skipped.push(Skipped {
            entry: entry.into(),
            reason: reason.into(),
        });
    }

    fn finish(mut self) -> Entries {
        self.packages.sort_by(|a, b| {
            (a.ecosystem, &a.name, &a.version).cmp(&(b.ecosystem, &b.name, &b.version))
        });
        self.packages.dedup_by(|a, b| {
            a.ecosystem == b.ecosystem && a.name == b.name && a.version == b.version
        });
        self.skipped.sort_by(|a, b| a.entry.cmp(&b.entry));
        self.skipped.dedup();
        self
    }
}

/// The kinds of file `audit --lockfile` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `package-lock.json`, `npm-shrinkwrap.json`.
    NpmLock,
    /// `pnpm-lock.yaml`.
    Pnpm,
    /// `yarn.lock`.
    Yarn,
    /// `requirements*.txt`.
    Requirements,
    /// `poetry.lock`.
    Poetry,
    /// `uv.lock`.
    Uv,
    /// `Cargo.lock`.
    Cargo,
    /// An MCP client config (JSON/JSONC with `mcpServers` or `servers`).
    ClientJson,
    /// Codex CLI `config.toml` (`[mcp_servers.*]`).
    ClientToml,
}

/// Why a lockfile could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read lockfile `{path}`: {reason}")]
pub struct LockfileError {
    path: String,
    reason: String,
}

impl LockfileError {
    pub(crate) fn new(path: &Path, reason: impl Into<String>) -> Self {
        LockfileError {
            path: path.display().to_string(),
            reason: reason.into(),
        }
    }
}

/// Decides the kind of a lockfile from its name (and, for `.json`/`.toml`, its content).
#[must_use]
pub fn detect(path: &Path, text: &str) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    Some(match name.as_str() {
        "package-lock.json" | "npm-shrinkwrap.json" => Kind::NpmLock,
        "pnpm-lock.yaml" | "pnpm-lock.yml" => Kind::Pnpm,
        "yarn.lock" => Kind::Yarn,
        "poetry.lock" => Kind::Poetry,
        "uv.lock" => Kind::Uv,
        "cargo.lock" => Kind::Cargo,
        n if n.ends_with(".txt")
            && (n.starts_with("requirements") || n.contains("requirements")) =>
        {
            Kind::Requirements
        }
        n if n.ends_with(".json") => {
            if text.contains("\"lockfileVersion\"") {
                Kind::NpmLock
            } else {
                Kind::ClientJson
            }
        }
        n if n.ends_with(".toml") => {
            if text.contains("mcp_servers") {
                Kind::ClientToml
            } else if text.contains("[[package]]") && text.contains("checksum") {
                Kind::Cargo
            } else {
                return None;
            }
        }
        n if n.ends_with(".txt") || n.ends_with(".in") => Kind::Requirements,
        n if n.ends_with(".lock")
            && (text.contains("__metadata:") || text.contains("yarn lockfile")) =>
        {
            Kind::Yarn
        }
        _ => return None,
    })
}

/// Reads a lockfile or client config.
///
/// # Errors
/// The file cannot be read, is too large, has an unknown kind, or is malformed.
pub fn read(path: &Path) -> Result<Entries, LockfileError> {
    let meta = std::fs::metadata(path).map_err(|e| LockfileError::new(path, e.to_string()))?;
    if meta.len() > MAX_LOCKFILE_BYTES {
        return Err(LockfileError::new(
            path,
            format!("{} bytes is too large", meta.len()),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| LockfileError::new(path, e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| LockfileError::new(path, "not valid UTF-8"))?;
    let kind = detect(path, &text).ok_or_else(|| {
        LockfileError::new(
            path,
            "unknown kind (expected package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, \
             requirements.txt, poetry.lock, uv.lock, Cargo.lock, or an MCP client config)",
        )
    })?;
    parse(kind, path, &text)
}

/// Parses lockfile text of a known kind.
///
/// # Errors
/// The text is malformed for its kind.
pub fn parse(kind: Kind, path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let entries = match kind {
        Kind::NpmLock => npm::package_lock(path, text)?,
        Kind::Pnpm => npm::pnpm_lock(path, text)?,
        Kind::Yarn => npm::yarn_lock(path, text)?,
        Kind::Requirements => python::requirements(path, text)?,
        Kind::Poetry => python::poetry_lock(path, text)?,
        Kind::Uv => python::uv_lock(path, text)?,
        Kind::Cargo => rust::cargo_lock(path, text)?,
        Kind::ClientJson => clients::json_config(path, text)?,
        Kind::ClientToml => clients::codex_toml(path, text)?,
    };
    let mut entries = entries.finish();
    entries.client_config = matches!(kind, Kind::ClientJson | Kind::ClientToml);
    Ok(entries)
}

mcp_audit_core::declare_rules! {
    /// Lockfile rules.
    pub static RULES;

    /// The artifact does not match the digest the lockfile recorded.
    pub static LOCKFILE_DIGEST_MISMATCH: Rule = Rule {
        id: "lockfile-digest-mismatch",
        category: Category::Integrity,
        severity: Severity::Critical,
        summary: "The registry served bytes that differ from the digest recorded in the lockfile.",
        example: "package-lock.json integrity sha512-AAA… but the tarball hashes to sha512-BBB…",
    };

    /// A client config launches a server without pinning its version.
    pub static UNPINNED_SERVER: Rule = Rule {
        id: "unpinned-server",
        category: Category::Metadata,
        severity: Severity::Medium,
        summary:
            "An MCP client config launches a package without an exact version, so every start may \
                  run different code.",
        example: "\"args\": [\"-y\", \"@org/server\"]",
    };
}

/// Checks an artifact file against the digest a lockfile recorded. `Ok(None)` when they agree,
/// `Ok(Some(explanation))` when they do not.
///
/// # Errors
/// The artifact cannot be read.
pub fn check_digest(
    expected: &ExpectedDigest,
    artifact: &Path,
    artifact_sha256: &str,
) -> std::io::Result<Option<String>> {
    use base64::Engine as _;
    use sha2::Digest as _;
    match expected {
        ExpectedDigest::Sha256(list) => {
            if list.iter().any(|h| h.eq_ignore_ascii_case(artifact_sha256)) {
                Ok(None)
            } else {
                Ok(Some(format!(
                    "lockfile records sha256 {} but the artifact is sha256:{artifact_sha256}",
                    list.join(" or ")
                )))
            }
        }
        ExpectedDigest::Sri(sri) => {
            let bytes = std::fs::read(artifact)?;
            let mut checked = false;
            for part in sri.split_whitespace() {
                let Some((algo, b64)) = part.split_once('-') else {
                    continue;
                };
                let b64 = b64.split('?').next().unwrap_or(b64);
                let actual = match algo {
                    "sha512" => sha2::Sha512::digest(&bytes).to_vec(),
                    "sha384" => sha2::Sha384::digest(&bytes).to_vec(),
                    "sha256" => sha2::Sha256::digest(&bytes).to_vec(),
                    _ => continue,
                };
                checked = true;
                let actual = base64::engine::general_purpose::STANDARD.encode(actual);
                if actual == b64 {
                    return Ok(None);
                }
            }
            if checked {
                Ok(Some(format!(
                    "lockfile records integrity {sri} but the artifact differs"
                )))
            } else {
                // Only sha1 (or unknown algorithms): nothing strong enough to compare.
                Ok(None)
            }
        }
    }
}
