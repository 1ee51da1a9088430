//! What `mcp-audit pins` and `mcp-audit log` show: the pins of each server and the action
//! log, as text for a terminal (attacker text escaped) or JSON.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::log::{self, Record};
use super::pins::{self, Kind, PinFile, PinSource};
use crate::install::home::Home;
use crate::install::lock::Lockfile;
use mcp_audit_core::escape::visible;

/// One pinned or pending item.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// `tool`, `prompt`, `resource`.
    pub kind: Kind,
    /// Name (resources: URI).
    pub name: String,
    /// Fingerprint.
    pub fingerprint: String,
    /// `first-use`, `accepted`, `lock`; `pending` for a withheld change.
    pub source: String,
}

/// One server's pins.
#[derive(Debug, Clone, Serialize)]
pub struct ServerPins {
    /// Server name.
    pub server: String,
    /// `name@version` of the lock entry whose tool pins apply.
    pub installed: Option<String>,
    /// The pins file (absent until the guard first ran).
    pub pins_file: Option<PathBuf>,
    /// Pinned items.
    pub pinned: Vec<Item>,
    /// Withheld changes waiting for `--accept`.
    pub pending: Vec<Item>,
}

fn source_name(s: PinSource) -> &'static str {
    match s {
        PinSource::FirstUse => "first-use",
        PinSource::Accepted => "accepted",
        PinSource::Lock => "lock",
        PinSource::Audited => "audited",
    }
}

/// The pins of `server` (or of every server with a pins file or a lock entry).
///
/// # Errors
/// A pins file or the lockfile cannot be read.
pub fn pins_listing(
    home: &Home,
    lockfile: &Path,
    server: Option<&str>,
) -> anyhow::Result<Vec<ServerPins>> {
    let lock = if lockfile.exists() {
        Lockfile::load(lockfile)?
    } else {
        Lockfile::default()
    };
    let mut names: Vec<String> = match server {
        Some(s) => vec![s.to_string()],
        None => {
            let mut names: Vec<String> = pins::all(home)?
                .into_iter()
                .map(|(_, f)| f.server)
                .collect();
            for e in &lock.servers {
                names.push(e.clients.first().map_or_else(
                    || crate::install::entry_name(e.ecosystem, &e.name),
                    |c| c.entry.clone(),
                ));
            }
            names
        }
    };
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let path = pins::pins_path(home, &name);
        let file = PinFile::load(&path)?;
        let entry = pins::lock_entry_named(&lock, &name);
        let mut pinned = Vec::new();
        let mut pending = Vec::new();
        if let Some(e) = entry {
            for (tool, pin) in pins::lock_pins(e) {
                pinned.push(Item {
                    kind: Kind::Tool,
                    name: tool,
                    fingerprint: pin.fingerprint,
                    source: "lock".into(),
                });
            }
        }
        if let Some(f) = &file {
            for kind in Kind::ALL {
                let section = f.section(kind);
                for (n, p) in &section.pinned {
                    pinned.push(Item {
                        kind,
                        name: n.clone(),
                        fingerprint: p.fingerprint.clone(),
                        source: source_name(p.source).into(),
                    });
                }
                for (n, p) in &section.pending {
                    pending.push(Item {
                        kind,
                        name: n.clone(),
                        fingerprint: p.fingerprint.clone(),
                        source: "pending".into(),
                    });
                }
            }
        }
        out.push(ServerPins {
            server: name,
            installed: entry.map(|e| format!("{}@{}", e.name, e.version)),
            pins_file: file.map(|_| path),
            pinned,
            pending,
        });
    }
    Ok(out)
}

/// The pins listing as text.
#[must_use]
pub fn render_pins(listing: &[ServerPins]) -> String {
    let mut out = String::new();
    if listing.is_empty() {
        out.push_str("no pins yet: the guard pins a server's surface the first time it runs\n");
    }
    for s in listing {
        let _ = write!(out, "{}", visible(&s.server));
        if let Some(i) = &s.installed {
            let _ = write!(out, "  (installed {})", visible(i));
        }
        out.push('\n');
        if s.pinned.is_empty() && s.pending.is_empty() {
            out.push_str("  nothing pinned yet\n");
        }
        for item in s.pinned.iter().chain(&s.pending) {
            let _ = writeln!(
                out,
                "  {:<8} {:<32} {}  {}",
                item.kind.as_str(),
                visible(&item.name),
                item.fingerprint.get(..12).unwrap_or(&item.fingerprint),
                if item.source == "pending" {
                    "WITHHELD: accept with --accept"
                } else {
                    &item.source
                }
            );
        }
    }
    out
}

/// The log records of `server` (or every server), oldest first, at or after `since`.
///
/// # Errors
/// A log file cannot be read.
pub fn log_records(
    home: &Home,
    server: Option<&str>,
    since: Option<time::OffsetDateTime>,
) -> anyhow::Result<Vec<Record>> {
    let paths = match server {
        Some(s) => vec![log::log_path(home, s)],
        None => log::all_logs(home),
    };
    let mut records = Vec::new();
    for path in paths {
        records.extend(log::read(&path)?);
    }
    if let Some(since) = since {
        records.retain(|r| log::is_since(r, since));
    }
    records.sort_by(|a, b| a.time().cmp(b.time()));
    Ok(records)
}

/// The log as text, one line per record.
#[must_use]
pub fn render_log(records: &[Record]) -> String {
    let mut out = String::new();
    for r in records {
        match r {
            Record::Call(c) => {
                let args: Vec<String> = c
                    .arguments
                    .iter()
                    .map(|(k, a)| match &a.value {
                        Some(v) => format!("{}={}", visible(k), visible(&v.to_string())),
                        None => format!("{}:{}({}B)", visible(k), a.kind, a.size),
                    })
                    .collect();
                let _ = write!(
                    out,
                    "{}  {}  call {}({})",
                    c.time,
                    visible(&c.server),
                    visible(&c.tool),
                    args.join(", ")
                );
                if let Some(size) = c.result_size {
                    let _ = write!(out, " -> {size}B");
                }
                if let Some(ms) = c.duration_ms {
                    let _ = write!(out, " in {ms:.1}ms");
                }
                if c.withheld {
                    out.push_str(" WITHHELD");
                }
                if let Some(e) = &c.error {
                    let _ = write!(out, " error: {}", visible(e));
                }
                out.push('\n');
            }
            Record::Change(c) => {
                let _ = writeln!(
                    out,
                    "{}  {}  {} {} `{}` {}",
                    c.time,
                    visible(&c.server),
                    c.kind.as_str(),
                    c.change,
                    visible(&c.name),
                    c.action.to_uppercase()
                );
                for d in &c.diff {
                    let show = |v: Option<&serde_json::Value>| match v {
                        None | Some(serde_json::Value::Null) => "(absent)".to_string(),
                        Some(serde_json::Value::String(s)) => format!("{:?}", visible(s)),
                        Some(v) => visible(&v.to_string()),
                    };
                    let _ = writeln!(
                        out,
                        "      {}: {} -> {}",
                        visible(d.get("path").and_then(|p| p.as_str()).unwrap_or("")),
                        show(d.get("old")),
                        show(d.get("new"))
                    );
                }
                for f in &c.findings {
                    let _ = writeln!(out, "      finding: {}", visible(f));
                }
            }
        }
    }
    out
}
