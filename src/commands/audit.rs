//! `mcp-audit audit`

use std::path::Path;

use crate::cli::{AuditArgs, GlobalArgs};
use crate::lockfile;
use crate::pipeline;
use crate::report::{Report, TargetResult};
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;

pub(crate) fn run(
    args: &AuditArgs,
    global: &GlobalArgs,
    mut settings: Settings,
) -> anyhow::Result<u8> {
    settings.artifact.clone_from(&args.artifact);
    let dynamic = super::dynamic_setup(&args.dynamic)?;
    if dynamic.is_some() && args.lockfile.is_some() {
        anyhow::bail!("--dynamic audits the targets given on the command line, not a --lockfile");
    }
    let results = match &args.lockfile {
        Some(path) => audit_lockfile(path, &settings)?,
        None => {
            let mut results = Vec::new();
            for input in &args.targets {
                match Target::parse(input) {
                    Ok(target) => {
                        let mut audited = pipeline::audit(&target, &settings);
                        let tree = args.deps.then(|| with_dependencies(&audited, &settings));
                        if let Some((tools, options)) = &dynamic {
                            // A blocked (or unauditable) dependency keeps the server from starting.
                            let held = tree.iter().flatten().find(|r| {
                                matches!(
                                    r.verdict,
                                    crate::report::Verdict::Block | crate::report::Verdict::Error
                                )
                            });
                            let held = held.map(|r| r.target.clone());
                            crate::dynamic::check(
                                &mut audited,
                                held.as_deref(),
                                tools,
                                &settings,
                                options,
                            );
                        }
                        results.push(audited.result);
                        results.extend(tree.into_iter().flatten());
                    }
                    Err(err) => results.push(TargetResult::error(input.clone(), err.to_string())),
                }
            }
            results
        }
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

/// The audits of the dependency tree of an audited target (`--deps`); a tree that cannot be
/// resolved is an error result.
fn with_dependencies(audited: &pipeline::Audited, settings: &Settings) -> Vec<TargetResult> {
    if audited.result.verdict == crate::report::Verdict::Error {
        return Vec::new();
    }
    match crate::deps::resolve(audited, settings) {
        Ok(Some(tree)) => {
            for (entry, reason) in &tree.skipped {
                tracing::warn!("not audited: {} ({reason})", visible(entry));
            }
            tracing::info!(
                "auditing {} dependencies of {}",
                tree.packages.len(),
                visible(&audited.result.target)
            );
            crate::deps::audit_tree(&tree, settings)
        }
        Ok(None) => {
            tracing::info!(
                "{}: no dependency resolver for this kind of package; only the package itself was audited",
                visible(&audited.result.target)
            );
            Vec::new()
        }
        Err(err) => vec![TargetResult::error(
            format!("{} (dependencies)", audited.result.target),
            format!("cannot resolve the dependency tree: {err:#}").replace('\n', " "),
        )],
    }
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
    crate::deps::prefetch_advisories(&entries.packages, settings);
    let mut results = crate::deps::audit_each(&entries.packages, |locked| {
        crate::deps::audit_locked(locked, settings)
    });
    if entries.client_config {
        // The servers one client runs are seen together: chains across them count.
        crate::cross_server::annotate(&mut results, &settings.policy);
    }
    Ok(results)
}
