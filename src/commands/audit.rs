//! `mcp-audit audit`

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::cli::{AuditArgs, GlobalArgs};
use crate::lockfile::{self, Locked};
use crate::pipeline;
use crate::report::{Report, TargetResult};
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;

/// Packages of a lockfile audited at once.
const LOCKFILE_WORKERS: usize = 4;

pub(crate) fn run(
    args: &AuditArgs,
    global: &GlobalArgs,
    mut settings: Settings,
) -> anyhow::Result<u8> {
    settings.artifact.clone_from(&args.artifact);
    let results = match &args.lockfile {
        Some(path) => audit_lockfile(path, &settings)?,
        None => args
            .targets
            .iter()
            .map(|input| match Target::parse(input) {
                Ok(target) => pipeline::audit(&target, &settings).result,
                Err(err) => TargetResult::error(input.clone(), err.to_string()),
            })
            .collect(),
    };
    for r in &results {
        if let Some(err) = &r.error {
            tracing::error!("{}: {}", visible(&r.target), visible(err));
        }
    }
    let report = Report::new(results);
    super::emit(&report, global)?;
    Ok(report.exit_code())
}

/// Audits every registry package of a lockfile or client config, a few at a time, in the
/// lockfile's (sorted) order.
fn audit_lockfile(path: &Path, settings: &Settings) -> anyhow::Result<Vec<TargetResult>> {
    let entries = lockfile::read(path)?;
    for skipped in &entries.skipped {
        tracing::warn!(
            "not audited: {} ({})",
            visible(&skipped.entry),
            skipped.reason
        );
    }
    if entries.packages.is_empty() {
        anyhow::bail!(
            "`{}` lists no registry packages to audit ({} entries not audited)",
            path.display(),
            entries.skipped.len()
        );
    }
    tracing::info!(
        "auditing {} packages from `{}`",
        entries.packages.len(),
        path.display()
    );
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<TargetResult>>> = Mutex::new(vec![None; entries.packages.len()]);
    std::thread::scope(|scope| {
        for _ in 0..LOCKFILE_WORKERS.min(entries.packages.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(locked) = entries.packages.get(i) else {
                    break;
                };
                let result = audit_locked(locked, settings);
                slots
                    .lock()
                    .expect("no worker panics while holding the lock")[i] = Some(result);
            });
        }
    });
    Ok(slots
        .into_inner()
        .expect("workers finished")
        .into_iter()
        .map(|r| r.expect("every slot filled"))
        .collect())
}

/// Audits one lockfile entry and adds what only the lockfile knows: its recorded digest and
/// whether the version is pinned.
fn audit_locked(locked: &Locked, settings: &Settings) -> TargetResult {
    let check = |artifact: &pipeline::Artifact| {
        let mut extra = Vec::new();
        if !locked.pinned {
            extra.push(
                lockfile::UNPINNED_SERVER
                    .finding(format!(
                        "`{}` is not pinned to an exact version; the audited version may not be the one that runs",
                        locked.name
                    ))
                    .with_evidence(&locked.origin),
            );
        }
        if let Some(expected) = &locked.digest {
            match lockfile::check_digest(expected, &artifact.path, &artifact.sha256) {
                Ok(None) => {}
                Ok(Some(why)) => extra.push(
                    lockfile::LOCKFILE_DIGEST_MISMATCH
                        .finding(why)
                        .with_evidence(&locked.origin),
                ),
                Err(err) => tracing::warn!("cannot re-read `{}`: {err}", artifact.path.display()),
            }
        }
        extra
    };
    pipeline::audit_checked(&locked.target(), settings, check).result
}
