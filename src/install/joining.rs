//! The servers a client already runs, gathered so that `install --client` judges a new server
//! together with them (see [`crate::cross_server::annotate_joining`]).
//!
//! Two kinds of server sit in a client config: those `install` put there (pinned in
//! `mcp-audit.lock`; their tools are read again from their audited artifacts, offline), and
//! those the user added by hand that name a registry package (`npx -y pkg`, `uvx pkg`…; they are
//! audited like `audit --lockfile CONFIG` audits them). Entries of neither kind (a local
//! command) cannot be judged and are named in a warning.

use std::path::Path;

use mcp_audit_core::escape::visible;
use mcp_audit_extract::identify::Ecosystem;

use super::lock::Lockfile;
use crate::report::TargetResult;
use crate::settings::Settings;

/// The audited servers the client config at `config` runs, other than `ecosystem`/`name` (the
/// server being installed, whose older version may be registered already).
#[must_use]
pub fn servers_of_client(
    lockfile: &Path,
    config: &Path,
    (ecosystem, name): (Ecosystem, &str),
    settings: &Settings,
) -> Vec<TargetResult> {
    let mut results = Vec::new();
    if lockfile.is_file() {
        match Lockfile::load(lockfile) {
            Ok(lock) => {
                for entry in &lock.servers {
                    let registered = entry.clients.iter().any(|c| c.config == config);
                    if !registered || (entry.ecosystem == ecosystem && entry.name == name) {
                        continue;
                    }
                    let findings = super::verify::check_installed(entry);
                    let intact = findings.is_empty();
                    let mut result = super::verify::result_for(entry, findings, settings);
                    if intact {
                        if let Some(tools) = super::verify::installed_tools(entry, settings) {
                            result.tools = tools;
                        }
                    }
                    results.push(result);
                }
            }
            Err(e) => tracing::warn!(
                "the servers pinned in `{}` are not judged with this one: {e:#}",
                lockfile.display()
            ),
        }
    }
    if !config.is_file() {
        return results;
    }
    let entries = match crate::lockfile::read(config) {
        Ok(entries) => entries,
        Err(e) => {
            tracing::warn!(
                "the servers of `{}` are not judged with this one: {e}",
                config.display()
            );
            return results;
        }
    };
    for skipped in &entries.skipped {
        tracing::debug!(
            "not judged with the new server: {} ({})",
            visible(&skipped.entry),
            skipped.reason
        );
    }
    let hand_added: Vec<_> = entries
        .packages
        .into_iter()
        .filter(|l| !(l.ecosystem == ecosystem && l.name == name))
        .collect();
    results.extend(crate::deps::audit_each(&hand_added, |locked| {
        crate::deps::audit_locked(locked, settings)
    }));
    results
}
