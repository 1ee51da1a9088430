//! The pinned surface of a server: what the guard lets through.
//!
//! Tools pinned by `mcp-audit install` live in `mcp-audit.lock` (by fingerprint). Everything
//! else — the tools of a server that was not installed by mcp-audit, its prompts and resources,
//! and changes the user accepted — lives in `$MCP_AUDIT_HOME/pins/<server>.json`, written
//! atomically. A change the guard withheld waits in `pending` until `mcp-audit pins --accept`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::install::fsutil;
use crate::install::home::Home;
use crate::install::lock::{LockEntry, Lockfile};

/// Version of the pins file format.
pub const PINS_VERSION: u32 = 1;

/// What a list answer enumerates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `tools/list` → `tools[]`, keyed by `name`.
    Tool,
    /// `prompts/list` → `prompts[]`, keyed by `name`.
    Prompt,
    /// `resources/list` → `resources[]`, keyed by `uri`.
    Resource,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 3] = [Kind::Tool, Kind::Prompt, Kind::Resource];

    /// The kind a JSON-RPC list method enumerates.
    #[must_use]
    pub fn of_method(method: &str) -> Option<Kind> {
        match method {
            "tools/list" => Some(Kind::Tool),
            "prompts/list" => Some(Kind::Prompt),
            "resources/list" => Some(Kind::Resource),
            _ => None,
        }
    }

    /// The array of the list result.
    #[must_use]
    pub fn array_key(self) -> &'static str {
        match self {
            Kind::Tool => "tools",
            Kind::Prompt => "prompts",
            Kind::Resource => "resources",
        }
    }

    /// The key naming one item.
    #[must_use]
    pub fn id_key(self) -> &'static str {
        match self {
            Kind::Resource => "uri",
            _ => "name",
        }
    }

    /// The word for one item.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Tool => "tool",
            Kind::Prompt => "prompt",
            Kind::Resource => "resource",
        }
    }
}

/// Where a pin came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinSource {
    /// The first answer the guard saw (trust on first use).
    FirstUse,
    /// Accepted with `mcp-audit pins --accept`.
    Accepted,
    /// The `mcp-audit.lock` entry of the installed server.
    Lock,
    /// The first answer, taken because its description is the text the audit read (the
    /// lock's `description_sha256`); its schema and annotations, which static extraction
    /// only approximates, are pinned as the server sent them.
    Audited,
}

/// One pinned item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pin {
    /// The fingerprint (tools: `mcp_audit_core::digest::tool_fingerprint`; prompts and
    /// resources: sha256 of the canonical JSON of the item).
    pub fingerprint: String,
    /// Where it came from.
    pub source: PinSource,
    /// When (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub pinned_at: String,
    /// The definition as the server sent it (for diffs); absent for lockfile pins.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<Value>,
    /// Lockfile pins: the digest of the description the audit read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_sha256: Option<String>,
}

/// A withheld change waiting for `mcp-audit pins --accept`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingChange {
    /// The new fingerprint.
    pub fingerprint: String,
    /// The new definition.
    pub definition: Value,
    /// When it was first seen (RFC 3339).
    pub seen_at: String,
}

/// One kind's pins and pending changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Pinned items by name (resources: by URI).
    #[serde(default)]
    pub pinned: BTreeMap<String, Pin>,
    /// Withheld changes by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pending: BTreeMap<String, PendingChange>,
}

/// `$MCP_AUDIT_HOME/pins/<server>.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PinFile {
    /// [`PINS_VERSION`].
    pub version: u32,
    /// The server name.
    pub server: String,
    /// Per kind.
    #[serde(default)]
    pub tools: Section,
    /// Per kind.
    #[serde(default)]
    pub prompts: Section,
    /// Per kind.
    #[serde(default)]
    pub resources: Section,
}

impl PinFile {
    /// An empty file for `server`.
    #[must_use]
    pub fn new(server: &str) -> PinFile {
        PinFile {
            version: PINS_VERSION,
            server: server.to_string(),
            tools: Section::default(),
            prompts: Section::default(),
            resources: Section::default(),
        }
    }

    /// One kind's section.
    #[must_use]
    pub fn section(&self, kind: Kind) -> &Section {
        match kind {
            Kind::Tool => &self.tools,
            Kind::Prompt => &self.prompts,
            Kind::Resource => &self.resources,
        }
    }

    /// One kind's section, to change.
    pub fn section_mut(&mut self, kind: Kind) -> &mut Section {
        match kind {
            Kind::Tool => &mut self.tools,
            Kind::Prompt => &mut self.prompts,
            Kind::Resource => &mut self.resources,
        }
    }

    /// Reads the file (`Ok(None)` when there is none).
    ///
    /// # Errors
    /// The file exists but cannot be read or parsed.
    pub fn load(path: &Path) -> anyhow::Result<Option<PinFile>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", path.display())),
        };
        let file: PinFile = serde_json::from_str(&text)
            .with_context(|| format!("invalid pins file `{}`", path.display()))?;
        if file.version != PINS_VERSION {
            anyhow::bail!(
                "pins file `{}` has version {}; this mcp-audit reads version {PINS_VERSION}",
                path.display(),
                file.version
            );
        }
        Ok(Some(file))
    }

    /// Writes the file atomically (temporary file + rename).
    ///
    /// # Errors
    /// The directory is not writable.
    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        let mut text = serde_json::to_string_pretty(self).context("cannot serialize the pins")?;
        text.push('\n');
        fsutil::write_atomic(path, text.as_bytes())
    }

    /// Accepts the pending change of `name` (any kind; tools first). Returns the kind.
    ///
    /// # Errors
    /// Nothing of that name is pending.
    pub fn accept(&mut self, name: &str, now: &str) -> anyhow::Result<Kind> {
        for kind in Kind::ALL {
            let section = self.section_mut(kind);
            if let Some(change) = section.pending.remove(name) {
                section.pinned.insert(
                    name.to_string(),
                    Pin {
                        fingerprint: change.fingerprint,
                        source: PinSource::Accepted,
                        pinned_at: now.to_string(),
                        definition: Some(change.definition),
                        description_sha256: None,
                    },
                );
                return Ok(kind);
            }
        }
        anyhow::bail!(
            "no withheld change named `{}` for server `{}`",
            mcp_audit_core::escape::visible(name),
            mcp_audit_core::escape::visible(&self.server)
        )
    }
}

/// A server name made safe as a file name (`[A-Za-z0-9._-]`, others become `-`).
#[must_use]
pub fn file_stem(server: &str) -> String {
    let cleaned: String = server
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_start_matches('.');
    if trimmed.is_empty() {
        "server".into()
    } else {
        trimmed.to_string()
    }
}

/// `$MCP_AUDIT_HOME/pins/`.
#[must_use]
pub fn pins_dir(home: &Home) -> PathBuf {
    home.root().join("pins")
}

/// `$MCP_AUDIT_HOME/pins/<server>.json`.
#[must_use]
pub fn pins_path(home: &Home, server: &str) -> PathBuf {
    pins_dir(home).join(format!("{}.json", file_stem(server)))
}

/// The lock entry of an installed server named `server` (its client entry name, its package
/// name or its unscoped package name); the newest version listed when several match.
#[must_use]
pub fn lock_entry_named<'a>(lock: &'a Lockfile, server: &str) -> Option<&'a LockEntry> {
    let by_client = lock
        .servers
        .iter()
        .rfind(|e| e.clients.iter().any(|c| c.entry == server));
    by_client.or_else(|| {
        lock.servers.iter().rfind(|e| {
            e.name == server || crate::install::entry_name(e.ecosystem, &e.name) == server
        })
    })
}

/// The lock entry whose pinned launch command is `command args…` (the server command the
/// guard runs), when no name was given.
#[must_use]
pub fn lock_entry_running<'a>(
    lock: &'a Lockfile,
    command: &str,
    args: &[String],
) -> Option<&'a LockEntry> {
    lock.servers
        .iter()
        .rfind(|e| e.command == command && args.starts_with(&e.args[..installed_len(e)]))
}

/// How many of an entry's arguments point into its install directory (the rest were user
/// arguments given after `--` at install time).
fn installed_len(entry: &LockEntry) -> usize {
    entry
        .args
        .iter()
        .take_while(|a| Path::new(a).starts_with(&entry.install_path))
        .count()
}

/// The lockfile pins of an entry, as pins.
#[must_use]
pub fn lock_pins(entry: &LockEntry) -> BTreeMap<String, Pin> {
    entry
        .tools
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                Pin {
                    fingerprint: t.fingerprint.clone(),
                    source: PinSource::Lock,
                    pinned_at: String::new(),
                    definition: None,
                    description_sha256: t.description_sha256.clone(),
                },
            )
        })
        .collect()
}

/// Every pins file of a home, by server name.
///
/// # Errors
/// A pins file cannot be read or parsed.
pub fn all(home: &Home) -> anyhow::Result<Vec<(PathBuf, PinFile)>> {
    let dir = pins_dir(home);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        if let Some(file) = PinFile::load(&path)? {
            out.push((path, file));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("server-filesystem"), "server-filesystem");
        assert_eq!(file_stem("@scope/x"), "-scope-x");
        assert_eq!(file_stem("../../etc"), "-..-etc");
        assert_eq!(file_stem(""), "server");
        assert_eq!(file_stem("..."), "server");
    }

    #[test]
    fn accept_moves_a_pending_change_into_the_pins() {
        let mut f = PinFile::new("srv");
        f.tools.pending.insert(
            "add".into(),
            PendingChange {
                fingerprint: "ab".into(),
                definition: serde_json::json!({"name": "add"}),
                seen_at: "t".into(),
            },
        );
        assert_eq!(f.accept("add", "now").unwrap(), Kind::Tool);
        assert_eq!(f.tools.pinned["add"].fingerprint, "ab");
        assert_eq!(f.tools.pinned["add"].source, PinSource::Accepted);
        assert!(f.tools.pending.is_empty());
        assert!(f.accept("add", "now").is_err());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pins/srv.json");
        f.save(&path).unwrap();
        assert_eq!(PinFile::load(&path).unwrap().unwrap(), f);
        assert!(PinFile::load(&dir.path().join("none.json"))
            .unwrap()
            .is_none());
    }
}
