//! `mcp-audit install`, `mcp-audit verify`, `mcp-audit diff`

use std::io::{BufRead as _, IsTerminal as _, Write as _};

use crate::cli::{ClientKind, DiffArgs, Format, GlobalArgs, InstallArgs, VerifyArgs};
use crate::install::client::Client;
use crate::install::home::Home;
use crate::install::{self, diff, Confirm, InstallOptions, Outcome};
use crate::pipeline;
use crate::report::{Report, Verdict};
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;

use super::{EXIT_BLOCKED, EXIT_ERROR, EXIT_OK};

/// Dependencies named in the install summary (the lockfile lists them all).
const UNAUDITED_SHOWN: usize = 12;

/// Asks on the terminal (stderr for the question, stdin for the answer).
struct TerminalConfirm;

impl Confirm for TerminalConfirm {
    fn interactive(&self) -> bool {
        std::io::stdin().is_terminal()
    }

    fn confirm(&mut self, question: &str) -> bool {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{question} [y/N] ");
        let _ = err.flush();
        let mut answer = String::new();
        if std::io::stdin().lock().read_line(&mut answer).is_err() {
            return false;
        }
        matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
    }
}

fn client(kind: ClientKind) -> Client {
    match kind {
        ClientKind::ClaudeDesktop => Client::ClaudeDesktop,
        ClientKind::ClaudeCode => Client::ClaudeCode,
        ClientKind::Cursor => Client::Cursor,
        ClientKind::Vscode => Client::Vscode,
        ClientKind::Windsurf => Client::Windsurf,
    }
}

/// A path made absolute against the current directory (the lockfile path is recorded).
fn absolute(path: &std::path::Path) -> anyhow::Result<std::path::PathBuf> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Ok(std::env::current_dir()?.join(path))
}

/// Lines for the user on stderr (stdout carries the report).
fn say(lines: &[String]) {
    let mut err = std::io::stderr().lock();
    for line in lines {
        let _ = writeln!(err, "{line}");
    }
}

/// Resolves and audits the dependency tree of an audited package: the pins the lockfile will
/// record and each dependency's audit; `None` when no resolver serves this kind of package.
fn audit_dependencies(
    audited: &pipeline::Audited,
    settings: &Settings,
) -> anyhow::Result<
    Option<(
        Vec<install::lock::PinnedDependency>,
        Vec<crate::report::TargetResult>,
    )>,
> {
    let Some(tree) = crate::deps::resolve(audited, settings)? else {
        return Ok(None);
    };
    for (entry, reason) in &tree.skipped {
        tracing::warn!("not audited: {} ({reason})", visible(entry));
    }
    tracing::info!("auditing {} dependencies first", tree.packages.len());
    let results = crate::deps::audit_tree(&tree, settings);
    let sri = |name: &str, version: &str| {
        tree.packages.iter().find_map(|d| match &d.locked.digest {
            Some(crate::lockfile::ExpectedDigest::Sri(sri))
                if d.locked.name == name && d.locked.version.as_deref() == Some(version) =>
            {
                Some(sri.clone())
            }
            _ => None,
        })
    };
    let mut pins: Vec<install::lock::PinnedDependency> = results
        .iter()
        .filter_map(|r| {
            let p = r.package.as_ref()?;
            Some(install::lock::PinnedDependency {
                name: p.name.clone(),
                version: p.version.clone(),
                sha256: p.sha256.clone(),
                integrity: sri(&p.name, &p.version),
                verdict: r.verdict.as_str().to_string(),
            })
        })
        .collect();
    pins.sort();
    Ok(Some((pins, results)))
}

/// With `--client`, judges the new server together with the servers that client already
/// runs: the toxic-flow chains it completes join its findings before the gate decides.
fn judge_with_client_servers(
    audited: &mut pipeline::Audited,
    args: &InstallArgs,
    lockfile: &std::path::Path,
    settings: &Settings,
) {
    let (Some(kind), Some(package)) = (args.client, &audited.result.package) else {
        return;
    };
    if audited.result.verdict == Verdict::Error {
        return;
    }
    let Ok(config) = install::client_path(client(kind), args.client_config.as_deref()) else {
        return;
    };
    let others = install::joining::servers_of_client(
        lockfile,
        &config,
        (package.ecosystem, &package.name),
        settings,
    );
    crate::cross_server::annotate_joining(&mut audited.result, &others, &settings.policy);
}

pub(crate) fn run_install(
    args: &InstallArgs,
    global: &GlobalArgs,
    mut settings: Settings,
) -> anyhow::Result<u8> {
    if args
        .accept_risk
        .as_deref()
        .is_some_and(|r| r.trim().is_empty())
    {
        anyhow::bail!(
            "--accept-risk needs a reason, e.g. --accept-risk \"reviewed the postinstall script\""
        );
    }
    let target = Target::parse(&args.spec)?;
    let home = Home::from_env()?;
    let lockfile = match &args.lockfile {
        Some(p) => absolute(p)?,
        None => home.lockfile(),
    };
    settings.artifact.clone_from(&args.artifact);
    let mut audited = pipeline::audit(&target, &settings);
    if let Some(err) = &audited.result.error {
        tracing::error!("{}: {}", visible(&audited.result.target), visible(err));
    }
    judge_with_client_servers(&mut audited, args, &lockfile, &settings);
    // The dependency tree is resolved only for an install that can go ahead.
    let refused_anyway = match audited.result.verdict {
        Verdict::Block => args.accept_risk.is_none(),
        Verdict::Warn => !args.yes && args.accept_risk.is_none() && !TerminalConfirm.interactive(),
        _ => false,
    };
    let tree = if args.no_deps || audited.result.verdict == Verdict::Error || refused_anyway {
        None
    } else {
        audit_dependencies(&audited, &settings)?
    };
    let mut results = vec![audited.result.clone()];
    if let Some((_, deps)) = &tree {
        results.extend(deps.iter().cloned());
    }
    let report = Report::new(results);
    super::emit(&report, global)?;
    if audited.result.verdict == Verdict::Error {
        return Ok(EXIT_ERROR);
    }
    if let Some((_, deps)) = &tree {
        let blocking = crate::deps::blocking(deps);
        if !blocking.is_empty() && args.accept_risk.is_none() {
            say(&[format!(
                "not installing `{}`: {} of its dependencies {} ({}); nothing was installed",
                visible(&audited.result.target),
                blocking.len(),
                if blocking.len() == 1 {
                    "blocks"
                } else {
                    "block"
                },
                blocking.join("; ")
            )]);
            return Ok(EXIT_BLOCKED);
        }
    }
    let options = InstallOptions {
        home,
        lockfile,
        dry_run: args.dry_run,
        yes: args.yes,
        accept_risk: args.accept_risk.clone(),
        client: args.client.map(|k| (client(k), args.client_config.clone())),
        server_args: args.server_args.clone(),
        allow_scripts: settings.policy.allow_install_scripts,
        guard: args.guard,
        limits: settings.limits.clone(),
        dependencies: tree.map(|(pins, _)| pins),
    };
    let outcome = install::install(&target, &audited, &options, &mut TerminalConfirm)?;
    match outcome {
        Outcome::Refused(why) => {
            say(&[why]);
            Ok(EXIT_BLOCKED)
        }
        Outcome::DryRun(plan) => {
            let mut lines = vec![
                format!("dry run: {}; nothing was changed", plan.decision),
                format!("  into      {}", plan.dir.display()),
                format!("  pinned in {}", plan.lockfile.display()),
            ];
            if let Some(c) = plan.client_config {
                lines.push(format!("  client    {}", c.display()));
            }
            say(&lines);
            Ok(report.exit_code())
        }
        Outcome::AlreadyInstalled { entry, registered } => {
            let mut lines = vec![format!(
                "`{}` {} is already installed in {} (same sha256); nothing to install",
                visible(&entry.name),
                visible(&entry.version),
                entry.install_path.display()
            )];
            if let Some(path) = registered {
                lines.push(format!("  registered with {}", path.display()));
            }
            say(&lines);
            Ok(EXIT_OK)
        }
        Outcome::Installed { entry, notes } => {
            let mut lines = vec![
                format!(
                    "installed `{}` {} ({}) into {}",
                    visible(&entry.name),
                    visible(&entry.version),
                    entry.ecosystem,
                    entry.install_path.display()
                ),
                format!(
                    "  sha256    {} ({}; the installed copy matches the audited artifact)",
                    entry.sha256, entry.integrity
                ),
                format!(
                    "  command   {} {}",
                    visible(&entry.command),
                    entry
                        .args
                        .iter()
                        .map(|a| visible(a))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                format!("  pinned in {}", options.lockfile.display()),
            ];
            for c in &entry.clients {
                lines.push(format!(
                    "  client    {} `{}` in {}",
                    c.client,
                    visible(&c.entry),
                    c.config.display()
                ));
            }
            if let Some(reason) = &entry.accepted_risk {
                lines.push(format!(
                    "  accepted risk ({}): {}",
                    entry.verdict,
                    visible(reason)
                ));
            }
            if !entry.unaudited_dependencies.is_empty() {
                let deps = &entry.unaudited_dependencies;
                let shown: Vec<String> = deps
                    .iter()
                    .take(UNAUDITED_SHOWN)
                    .map(|d| visible(d))
                    .collect();
                let more = if deps.len() > UNAUDITED_SHOWN {
                    format!(
                        ", … ({} more, all listed in the lockfile)",
                        deps.len() - UNAUDITED_SHOWN
                    )
                } else {
                    String::new()
                };
                lines.push(format!(
                    "  not audited yet: {} dependencies the package manager added: {}{more}",
                    deps.len(),
                    shown.join(", ")
                ));
            }
            for note in notes {
                lines.push(format!("  note: {note}"));
            }
            say(&lines);
            Ok(EXIT_OK)
        }
    }
}

pub(crate) fn run_verify(
    args: &VerifyArgs,
    global: &GlobalArgs,
    settings: Settings,
) -> anyhow::Result<u8> {
    let lockfile = match &args.lockfile {
        Some(p) => p.clone(),
        None => Home::from_env()?.lockfile(),
    };
    let verification = install::verify::verify(&lockfile, args.check_updates, &settings)?;
    for r in &verification.results {
        if let Some(err) = &r.error {
            tracing::error!("{}: {}", visible(&r.target), visible(err));
        }
    }
    let report = Report::new(verification.results);
    super::emit(&report, global)?;
    if global.format == Format::Human {
        let mut text = String::new();
        for d in &verification.updates {
            text.push('\n');
            text.push_str(&d.render_human());
        }
        for t in &verification.up_to_date {
            text.push_str(&format!(
                "{}: the newest version is the pinned one\n",
                visible(t)
            ));
        }
        if !text.is_empty() {
            super::write_text(&text, None)?;
        }
    }
    Ok(report.exit_code())
}

pub(crate) fn run_diff(
    args: &DiffArgs,
    global: &GlobalArgs,
    settings: Settings,
) -> anyhow::Result<u8> {
    let old_target = Target::parse(&args.old)?;
    let new_target = Target::parse(&args.new)?;
    let old = pipeline::audit(&old_target, &settings);
    let new = pipeline::audit(&new_target, &settings);
    for r in [&old.result, &new.result] {
        if let Some(err) = &r.error {
            tracing::error!("{}: {}", visible(&r.target), visible(err));
        }
    }
    let d = diff::compare(
        &old.result,
        &old.facts,
        &new.result,
        &new.facts,
        &settings.policy,
    );
    let text = match global.format {
        Format::Json => d.to_json(),
        Format::Human => d.render_human(),
        Format::Sarif | Format::Markdown => {
            anyhow::bail!("`diff` writes human or json output")
        }
    };
    super::write_text(&text, global.output.as_deref())?;
    Ok(match d.verdict {
        Verdict::Error => EXIT_ERROR,
        Verdict::Block => EXIT_BLOCKED,
        Verdict::Allow | Verdict::Warn => EXIT_OK,
    })
}
