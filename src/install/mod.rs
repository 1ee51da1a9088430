//! The gated installer, the lockfile of pins, `verify` and `diff`.
//!
//! [`install`] takes an [`Audited`] target and, if the verdict allows it (or the user accepts
//! the risk), installs exactly the audited bytes:
//!
//! 1. **Gate**: allow installs; warn asks on a terminal (refuses without `--yes` elsewhere);
//!    block refuses unless `--accept-risk REASON`, which is recorded.
//! 2. **Stage**: a fresh `$MCP_AUDIT_HOME/tmp/install-*` directory receives a hashed copy of the
//!    cached artifact (it must still have the audited sha256), then the ecosystem's installer
//!    runs from that copy (see [`installers`]); the copy is hashed again afterwards.
//! 3. **Commit**, in an order that can be undone: rename the staging directory to
//!    `servers/<ecosystem>/<name>/<version>/`, write the lockfile (the commit point), then the
//!    client config (backed up, written atomically). A failure at any step undoes the earlier
//!    ones; a failure before the commit leaves only the staging directory, which is removed.
//!
//! A directory left by an install killed between the rename and the lockfile write carries a
//! marker naming its lockfile; the next install of that version finds it unrecorded and
//! replaces it.

pub mod client;
pub mod diff;
pub mod fsutil;
pub mod home;
pub mod installers;
pub mod joining;
pub mod lock;
pub mod programs;
pub mod rules;
pub mod verify;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::pipeline::Audited;
use crate::target::Target;
use client::{Client, ClientEdit, Launch};
use home::Home;
use lock::{LockEntry, Lockfile, PinnedTool};
use mcp_audit_core::escape::visible;
use mcp_audit_core::Verdict;
use mcp_audit_extract::identify::Ecosystem;
use mcp_audit_sandbox::Limits;
pub use rules::*;

/// Asks the user to confirm installing a package that warns.
pub trait Confirm {
    /// Whether a person can answer (stdin is a terminal).
    fn interactive(&self) -> bool;
    /// Asks `question`; `true` to go ahead.
    fn confirm(&mut self, question: &str) -> bool;
}

/// What the user asked for, resolved.
#[derive(Debug, Clone)]
pub struct InstallOptions {
    /// `$MCP_AUDIT_HOME`.
    pub home: Home,
    /// The lockfile to record the pin in.
    pub lockfile: PathBuf,
    /// Show the plan; change nothing.
    pub dry_run: bool,
    /// Install a warned package without asking.
    pub yes: bool,
    /// Install a blocked (or warned) package anyway, for this recorded reason.
    pub accept_risk: Option<String>,
    /// Register with this client, in this config file (`None`: the client's usual file).
    pub client: Option<(Client, Option<PathBuf>)>,
    /// Arguments appended to the server's command (after `--`).
    pub server_args: Vec<String>,
    /// The policy's `allow_install_scripts`.
    pub allow_scripts: bool,
    /// `--guard`: the client entry runs the server behind `mcp-audit run`.
    pub guard: bool,
    /// Unpacking limits (bundles, crates, release archives).
    pub limits: Limits,
    /// The dependency tree audited before the install (`None`: not resolved for this kind of
    /// package). When present, the install fails, leaving nothing, if the package manager adds
    /// any package that is not in it.
    pub dependencies: Option<Vec<lock::PinnedDependency>>,
}

/// The gate's decision for a verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// Install; `accepted` is the recorded reason when the verdict needed one.
    Proceed {
        /// The `--accept-risk` reason, when it was needed or given.
        accepted: Option<String>,
    },
    /// Ask the user (warn without `--yes`).
    Ask,
    /// Do not install, for this reason.
    Refuse(String),
}

/// Decides what to do with a verdict.
#[must_use]
pub fn gate(verdict: Verdict, yes: bool, accept_risk: Option<&str>) -> Gate {
    let accepted = accept_risk.map(str::to_string);
    match verdict {
        Verdict::Allow => Gate::Proceed { accepted },
        Verdict::Warn if accepted.is_some() || yes => Gate::Proceed { accepted },
        Verdict::Warn => Gate::Ask,
        Verdict::Block => match accepted {
            Some(_) => Gate::Proceed { accepted },
            None => Gate::Refuse(
                "it is blocked by the policy; to install it anyway, give the reason with --accept-risk \"…\" (it is recorded in the lockfile)".into(),
            ),
        },
        Verdict::Error => Gate::Refuse("it could not be audited".into()),
    }
}

/// What [`install`] did.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Nothing installed, for this reason (exit code 1).
    Refused(String),
    /// `--dry-run`: what would happen.
    DryRun(Plan),
    /// This version was already installed from the same bytes; at most a client entry was added.
    AlreadyInstalled {
        /// Its lockfile entry.
        entry: Box<LockEntry>,
        /// The client registered now, if any.
        registered: Option<PathBuf>,
    },
    /// Installed and pinned.
    Installed {
        /// The new lockfile entry.
        entry: Box<LockEntry>,
        /// Things the user should know (escaped).
        notes: Vec<String>,
    },
}

/// What an install would do.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The server directory.
    pub dir: PathBuf,
    /// The lockfile.
    pub lockfile: PathBuf,
    /// The client config that would get an entry.
    pub client_config: Option<PathBuf>,
    /// The gate's decision, in words.
    pub decision: String,
}

/// Where an installed directory came from, written into it as [`home::MARKER_NAME`].
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Marker {
    lockfile: PathBuf,
    sha256: String,
}

/// Gates and installs an audited target, then pins it.
///
/// # Errors
/// Bad input (a directory target, an unsafe name), a missing program, a failed package
/// manager, an unreadable lockfile or client config. Nothing is left installed on error.
pub fn install(
    target: &Target,
    audited: &Audited,
    options: &InstallOptions,
    confirm: &mut dyn Confirm,
) -> anyhow::Result<Outcome> {
    let result = &audited.result;
    let decision = gate(result.verdict, options.yes, options.accept_risk.as_deref());
    if let Gate::Refuse(why) = &decision {
        return Ok(Outcome::Refused(format!(
            "not installing `{}`: {why}",
            visible(&result.target)
        )));
    }
    let (Some(package), Some(artifact)) = (&result.package, &audited.artifact) else {
        anyhow::bail!(
            "`{}` has no audited artifact to install",
            visible(&result.target)
        );
    };
    if artifact.path.is_dir() {
        anyhow::bail!(
            "`{}` is a directory; install needs a package archive (.tgz, .whl, .crate, .mcpb…) whose digest can be pinned",
            artifact.path.display()
        );
    }
    let final_dir = options
        .home
        .server_dir(package.ecosystem, &package.name, &package.version)?;
    // One install at a time per home: the lockfile is read, changed and written whole.
    let _guard = if options.dry_run {
        None
    } else {
        Some(options.home.lock_installs()?)
    };
    let mut lockfile = Lockfile::load(&options.lockfile)?;
    if let Some(outcome) = pinned_already(&mut lockfile, package, artifact, &final_dir, options)? {
        return Ok(outcome);
    }
    if final_dir.exists()
        && !claim_orphan(
            &final_dir,
            &options.lockfile,
            &lockfile,
            package,
            !options.dry_run,
        )?
    {
        anyhow::bail!(
            "`{}` already exists but `{}` does not record it; remove the directory or pass the --lockfile that owns it",
            final_dir.display(),
            options.lockfile.display()
        );
    }
    if !options.allow_scripts {
        if let Some(why) = installers::runs_code_to_install(package.ecosystem, &artifact.path) {
            return Ok(Outcome::Refused(format!(
                "not installing `{}`: {why}, and the policy does not allow install scripts \
                 (set `allow_install_scripts = true` in mcp-audit.toml to permit it)",
                visible(&result.target)
            )));
        }
    }
    let client_config = match &options.client {
        Some((client, path)) => Some(client_path(*client, path.as_deref())?),
        None => None,
    };
    let accepted = match confirm_gate(decision, result, options, confirm) {
        Ok(accepted) => accepted,
        Err(refused) => return Ok(refused),
    };
    if options.dry_run {
        return Ok(Outcome::DryRun(Plan {
            dir: final_dir,
            lockfile: options.lockfile.clone(),
            client_config,
            decision: match result.verdict {
                Verdict::Warn if !options.yes && options.accept_risk.is_none() => {
                    "would ask before installing (the audit warns)".into()
                }
                Verdict::Block => "would install with the accepted risk recorded".into(),
                _ => "would install".into(),
            },
        }));
    }

    let staged = stage(target, package, artifact, options, &final_dir)?;
    let Staged {
        stage,
        file_name,
        installed,
        tree_sha256,
    } = staged;
    let mut launch = installed
        .launch
        .ok_or_else(|| anyhow::anyhow!("the installer found no way to start the server"))?;
    launch.args.extend(options.server_args.iter().cloned());
    let entry = lock_entry(
        target,
        (result, package, artifact),
        accepted,
        &final_dir,
        &file_name,
        tree_sha256,
        &launch,
        installed.unaudited,
        options,
    );
    let edit = match (&options.client, &client_config) {
        (Some((client, _)), Some(path)) => {
            let name = entry_name(package.ecosystem, &package.name);
            Some(client::prepare(
                *client,
                path,
                &name,
                &client_launch(&launch, &name, options)?,
                |e| client::runs_from(e, package_root(&final_dir)),
            )?)
        }
        _ => None,
    };
    let mut entry = entry;
    lockfile.upsert(entry.clone());
    if let Some(edit) = &edit {
        let key = (entry.ecosystem, entry.name.as_str(), entry.version.as_str());
        lockfile.record_client(key, &edit.record);
        entry.clients.push(edit.record.clone());
    }
    commit(stage, &final_dir, options, &lockfile, edit.as_ref())?;
    Ok(Outcome::Installed {
        entry: Box::new(entry),
        notes: installed.notes,
    })
}

/// The outcome when this exact version is already pinned: refused when its bytes differ,
/// nothing to install when its directory is in place; `None` when it is not pinned.
fn pinned_already(
    lockfile: &mut Lockfile,
    package: &mcp_audit_core::PackageInfo,
    artifact: &crate::fetch::Artifact,
    final_dir: &Path,
    options: &InstallOptions,
) -> anyhow::Result<Option<Outcome>> {
    let Some(existing) = lockfile.find(package.ecosystem, &package.name, &package.version) else {
        return Ok(None);
    };
    {
        if existing.sha256 != artifact.sha256 {
            return Ok(Some(Outcome::Refused(format!(
                "not installing `{}`: version {} is already installed from different bytes (pinned sha256 {}, now {}); the same version changed, which is what a rug pull looks like — run `mcp-audit verify`",
                visible(&package.name),
                visible(&package.version),
                existing.sha256,
                artifact.sha256
            ))));
        }
        if final_dir.is_dir() {
            if options.dry_run {
                return Ok(Some(Outcome::DryRun(Plan {
                    dir: final_dir.to_path_buf(),
                    lockfile: options.lockfile.clone(),
                    client_config: None,
                    decision: "already installed from the same bytes; nothing would be installed"
                        .into(),
                })));
            }
            let existing = existing.clone();
            return already_installed(existing, lockfile, options, final_dir).map(Some);
        }
    }
    Ok(None)
}

/// The `mcp-audit.lock` entry of a server just installed.
#[allow(clippy::too_many_arguments)]
fn lock_entry(
    target: &Target,
    (result, package, artifact): (
        &crate::report::TargetResult,
        &mcp_audit_core::PackageInfo,
        &crate::fetch::Artifact,
    ),
    accepted: Option<String>,
    final_dir: &Path,
    file_name: &str,
    tree_sha256: String,
    launch: &Launch,
    unaudited: Vec<String>,
    options: &InstallOptions,
) -> LockEntry {
    let mut tools: Vec<PinnedTool> = result
        .tools
        .iter()
        .map(|t| PinnedTool {
            name: t.name.clone(),
            fingerprint: t.fingerprint.clone(),
            description_sha256: Some(mcp_audit_core::digest::description_digest(
                t.description.as_deref().unwrap_or_default(),
            )),
        })
        .collect();
    tools.sort();
    tools.dedup();
    LockEntry {
        target: pin_target(target, package.ecosystem, &package.version, &artifact.path),
        ecosystem: package.ecosystem,
        name: package.name.clone(),
        version: package.version.clone(),
        sha256: artifact.sha256.clone(),
        integrity: artifact.integrity.as_str().into(),
        source: artifact.source.clone(),
        score: result.score.unwrap_or(0),
        verdict: result.verdict.as_str().into(),
        accepted_risk: accepted,
        tools_fingerprint: result.tools_fingerprint.clone(),
        install_path: final_dir.to_path_buf(),
        artifact: format!("artifact/{file_name}"),
        tree_sha256,
        command: launch.command.clone(),
        args: launch.args.clone(),
        env: launch.env.clone(),
        scripts_ran: options.allow_scripts,
        unaudited_dependencies: unaudited,
        dependencies: options.dependencies.clone().unwrap_or_default(),
        tools,
        clients: Vec::new(),
    }
}

/// What the user says to a gate that asks; `Err` is the refusal to report.
fn confirm_gate(
    decision: Gate,
    result: &crate::report::TargetResult,
    options: &InstallOptions,
    confirm: &mut dyn Confirm,
) -> Result<Option<String>, Outcome> {
    Ok(match decision {
        Gate::Proceed { accepted } => accepted,
        Gate::Ask if options.dry_run => None,
        Gate::Ask => {
            if !confirm.interactive() {
                return Err(Outcome::Refused(format!(
                    "not installing `{}`: the audit warns and standard input is not a terminal; re-run with --yes to install it anyway",
                    visible(&result.target)
                )));
            }
            let question = format!(
                "`{}` warns ({} findings, score {}). Install it anyway?",
                visible(&result.target),
                result.findings.len(),
                result.score.unwrap_or(0)
            );
            if !confirm.confirm(&question) {
                return Err(Outcome::Refused("not installing: declined".into()));
            }
            None
        }
        Gate::Refuse(_) => unreachable!("refusals return early"),
    })
}

/// An artifact installed into a staging directory, not yet moved into place.
struct Staged {
    stage: tempfile::TempDir,
    file_name: String,
    installed: installers::Installed,
    tree_sha256: String,
}

/// Copies the audited artifact into a fresh staging directory (checking its digest on the way
/// in and after the install) and runs the ecosystem's installer there.
fn stage(
    target: &Target,
    package: &mcp_audit_core::PackageInfo,
    artifact: &crate::fetch::Artifact,
    options: &InstallOptions,
    final_dir: &Path,
) -> anyhow::Result<Staged> {
    // Stage.
    let staging = options.home.staging();
    std::fs::create_dir_all(&staging)
        .with_context(|| format!("cannot create `{}`", staging.display()))?;
    options.home.sweep_staging();
    let stage = tempfile::Builder::new()
        .prefix("install-")
        .tempdir_in(&staging)
        .with_context(|| {
            format!(
                "cannot create a staging directory in `{}`",
                staging.display()
            )
        })?;
    let file_name = artifact
        .path
        .file_name()
        .map(|n| mcp_audit_core::escape::visible(&n.to_string_lossy()))
        .filter(|n| !n.is_empty() && !n.starts_with('.') && !n.contains(['/', '\\']))
        .unwrap_or_else(|| "artifact".into());
    let artifact_dir = stage.path().join("artifact");
    std::fs::create_dir_all(&artifact_dir)?;
    let copy = artifact_dir.join(&file_name);
    let copied = fsutil::copy_hashed(&artifact.path, &copy)?;
    if copied != artifact.sha256 {
        anyhow::bail!(
            "the cached artifact `{}` changed since it was audited (sha256 {} instead of {}); nothing was installed",
            artifact.path.display(),
            copied,
            artifact.sha256
        );
    }
    let exclude = [options.home.root(), stage.path()];
    let audited_keys = options.dependencies.as_ref().map(|deps| {
        deps.iter()
            .map(|d| installers::dependency_key(package.ecosystem, &d.name, &d.version))
            .collect::<Vec<String>>()
    });
    // What each audited dependency must hash to once installed: npm's SRI, PyPI's sha256.
    let audited_digests: Option<std::collections::BTreeMap<String, String>> =
        options.dependencies.as_ref().map(|deps| {
            deps.iter()
                .filter_map(|d| {
                    let expected = match package.ecosystem {
                        Ecosystem::Npm => d.integrity.clone()?,
                        _ => format!("sha256:{}", d.sha256),
                    };
                    Some((
                        installers::dependency_key(package.ecosystem, &d.name, &d.version),
                        expected,
                    ))
                })
                .collect()
        });
    let job = installers::Job {
        ecosystem: package.ecosystem,
        name: &package.name,
        version: &package.version,
        stage: stage.path(),
        final_dir,
        artifact: &copy,
        allow_scripts: options.allow_scripts,
        limits: &options.limits,
        exclude: &exclude,
        audited: audited_keys.as_deref(),
        audited_digests: audited_digests.as_ref(),
    };
    let installed = installers::install(&job)
        .with_context(|| format!("cannot install `{}`", visible(&target.to_string())))?;
    let again = mcp_audit_core::digest::sha256_file(&copy)?;
    if again != artifact.sha256 {
        anyhow::bail!("the staged artifact changed during the install (sha256 {again}); nothing was installed");
    }
    let marker = Marker {
        lockfile: options.lockfile.clone(),
        sha256: artifact.sha256.clone(),
    };
    std::fs::write(
        stage.path().join(home::MARKER_NAME),
        serde_json::to_vec_pretty(&marker)?,
    )?;
    let tree_sha256 = fsutil::tree_sha256(stage.path())?;
    Ok(Staged {
        stage,
        file_name,
        installed,
        tree_sha256,
    })
}

/// The directory of every version of a package (`servers/<ecosystem>/<name>`).
fn package_root(final_dir: &Path) -> &Path {
    final_dir.parent().unwrap_or(final_dir)
}

/// Renames the staged install into place, then writes the lockfile, then the client config;
/// undoes what was done when a later step fails.
fn commit(
    stage: tempfile::TempDir,
    final_dir: &Path,
    options: &InstallOptions,
    lockfile: &Lockfile,
    edit: Option<&ClientEdit>,
) -> anyhow::Result<()> {
    let servers = options.home.root().join("servers");
    if let Some(parent) = final_dir.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
    }
    let staged = stage.keep();
    if let Err(e) = std::fs::rename(&staged, final_dir) {
        let _ = std::fs::remove_dir_all(&staged);
        fsutil::remove_dir_and_empty_parents(final_dir, &servers);
        return Err(e)
            .with_context(|| format!("cannot move the install to `{}`", final_dir.display()));
    }
    let previous = std::fs::read(&options.lockfile).ok();
    if let Err(e) = fsutil::write_atomic(&options.lockfile, lockfile.render().as_bytes()) {
        fsutil::remove_dir_and_empty_parents(final_dir, &servers);
        return Err(e.context("the install was undone"));
    }
    if let Some(edit) = edit {
        if let Err(e) = edit.commit() {
            let restored = match &previous {
                Some(bytes) => fsutil::write_atomic(&options.lockfile, bytes),
                None => std::fs::remove_file(&options.lockfile).map_err(Into::into),
            };
            if let Err(r) = restored {
                tracing::error!("cannot restore `{}`: {r:#}", options.lockfile.display());
            }
            fsutil::remove_dir_and_empty_parents(final_dir, &servers);
            return Err(e.context(format!(
                "cannot write client config `{}`; the install was undone",
                edit.path.display()
            )));
        }
    }
    Ok(())
}

/// A second install of an installed version: nothing to install; register the client if asked.
fn already_installed(
    mut entry: LockEntry,
    lockfile: &mut Lockfile,
    options: &InstallOptions,
    final_dir: &Path,
) -> anyhow::Result<Outcome> {
    let Some((client, path)) = &options.client else {
        return Ok(Outcome::AlreadyInstalled {
            entry: Box::new(entry),
            registered: None,
        });
    };
    let path = client_path(*client, path.as_deref())?;
    let mut args = entry.args.clone();
    if !options.server_args.is_empty() {
        // The pinned command's own arguments come first; replace the recorded server args.
        let own = installed_args(&entry);
        args.truncate(own);
        args.extend(options.server_args.iter().cloned());
    }
    let launch = Launch {
        command: entry.command.clone(),
        args,
        env: entry.env.clone(),
    };
    let name = entry_name(entry.ecosystem, &entry.name);
    let edit = client::prepare(
        *client,
        &path,
        &name,
        &client_launch(&launch, &name, options)?,
        |e| client::runs_from(e, package_root(final_dir)),
    )?;
    if !edit.changed && entry.clients.contains(&edit.record) {
        return Ok(Outcome::AlreadyInstalled {
            entry: Box::new(entry),
            registered: None,
        });
    }
    let previous = std::fs::read(&options.lockfile).ok();
    let key = (entry.ecosystem, entry.name.clone(), entry.version.clone());
    lockfile.record_client((key.0, &key.1, &key.2), &edit.record);
    fsutil::write_atomic(&options.lockfile, lockfile.render().as_bytes())?;
    if let Err(e) = edit.commit() {
        if let Some(bytes) = previous {
            let _ = fsutil::write_atomic(&options.lockfile, &bytes);
        }
        return Err(e);
    }
    entry.clients.push(edit.record.clone());
    Ok(Outcome::AlreadyInstalled {
        entry: Box::new(entry),
        registered: Some(path),
    })
}

/// The launch a client entry gets: the server's own, or with `--guard` the server behind this
/// mcp-audit's `run` (the lockfile named when it is not the home's default).
fn client_launch(launch: &Launch, name: &str, options: &InstallOptions) -> anyhow::Result<Launch> {
    if !options.guard {
        return Ok(launch.clone());
    }
    let program = std::env::current_exe()
        .map_err(|e| anyhow::anyhow!("cannot find the mcp-audit program for --guard: {e}"))?;
    let lockfile = (options.lockfile != options.home.lockfile()).then_some(&*options.lockfile);
    Ok(launch.guarded(&program.to_string_lossy(), name, lockfile))
}

/// How many of an entry's arguments belong to the installed command (the rest were given
/// after `--`): the ones pointing into the install directory.
fn installed_args(entry: &LockEntry) -> usize {
    entry
        .args
        .iter()
        .take_while(|a| Path::new(a).starts_with(&entry.install_path))
        .count()
}

/// Whether an existing server directory not in the lockfile is the leftover of an install of
/// this lockfile that was killed before its lockfile write; if so it is removed (when `remove`).
fn claim_orphan(
    dir: &Path,
    lockfile_path: &Path,
    lockfile: &Lockfile,
    package: &crate::report::PackageInfo,
    remove: bool,
) -> anyhow::Result<bool> {
    let recorded = lockfile
        .find(package.ecosystem, &package.name, &package.version)
        .is_some();
    let marker: Option<Marker> = std::fs::read(dir.join(home::MARKER_NAME))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let ours = recorded || marker.is_some_and(|m| m.lockfile == lockfile_path);
    if !ours {
        return Ok(false);
    }
    if remove {
        tracing::warn!(
            "removing `{}`, left by an interrupted install",
            dir.display()
        );
        std::fs::remove_dir_all(dir)
            .or_else(|_| std::fs::remove_file(dir))
            .with_context(|| format!("cannot remove `{}`", dir.display()))?;
    }
    Ok(true)
}

/// The client config file: `explicit` (made absolute) or the client's default location.
///
/// # Errors
/// No path was given and the client has no known default.
pub fn client_path(client: Client, explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    match explicit {
        Some(p) if p.is_absolute() => Ok(p.to_path_buf()),
        Some(p) => {
            let cwd = std::env::current_dir().context("cannot read the current directory")?;
            // Lexically: `./x.json` → `<cwd>/x.json` (no symlinks resolved, the file may not exist).
            Ok(p.components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .fold(cwd, |acc, c| acc.join(c)))
        }
        None => client.default_config().ok_or_else(|| {
            anyhow::anyhow!(
                "cannot find the {} config file; pass --client-config PATH",
                client.as_str()
            )
        }),
    }
}

/// The key of the server in a client config: the unscoped package (or repository) name.
#[must_use]
pub fn entry_name(ecosystem: Ecosystem, name: &str) -> String {
    let base = match ecosystem {
        Ecosystem::Npm | Ecosystem::Github => name.rsplit('/').next().unwrap_or(name),
        _ => name,
    };
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "mcp-server".into()
    } else {
        cleaned
    }
}

/// A target that resolves to exactly the installed artifact: the registry spec with the exact
/// version, or the absolute path of a local archive.
fn pin_target(target: &Target, ecosystem: Ecosystem, version: &str, artifact: &Path) -> String {
    match target {
        Target::Registry(req) => match req.ecosystem {
            registry_adapters::Ecosystem::Github => crate::target::display_request(req, None),
            _ if ecosystem == Ecosystem::Mcpb => crate::target::display_request(req, None),
            _ => crate::target::display_request(req, Some(version)),
        },
        Target::Local(path) => path
            .canonicalize()
            .unwrap_or_else(|_| artifact.to_path_buf())
            .display()
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Answer {
        interactive: bool,
        yes: bool,
        asked: Vec<String>,
    }

    impl Confirm for Answer {
        fn interactive(&self) -> bool {
            self.interactive
        }
        fn confirm(&mut self, question: &str) -> bool {
            self.asked.push(question.to_string());
            self.yes
        }
    }

    fn warned(dir: &Path) -> (Target, Audited, InstallOptions) {
        let file = dir.join("x-1.0.0.tgz");
        std::fs::write(&file, "bytes").unwrap();
        let sha256 = mcp_audit_core::digest::sha256_file(&file).unwrap();
        let mut result = crate::report::TargetResult::error("npm:x@1.0.0", "");
        result.error = None;
        result.verdict = Verdict::Warn;
        result.score = Some(60);
        result.package = Some(crate::report::PackageInfo {
            ecosystem: Ecosystem::Npm,
            name: "x".into(),
            version: "1.0.0".into(),
            source: file.display().to_string(),
            sha256: sha256.clone(),
            integrity: crate::report::Integrity::Unverified,
        });
        let artifact = crate::pipeline::Artifact {
            path: file.clone(),
            source: file.display().to_string(),
            sha256,
            integrity: crate::report::Integrity::Unverified,
            registry: None,
            resolved: None,
            findings: Vec::new(),
        };
        let options = InstallOptions {
            home: Home::new(dir.join("home")),
            lockfile: dir.join("home/mcp-audit.lock"),
            dry_run: false,
            yes: false,
            accept_risk: None,
            client: None,
            server_args: Vec::new(),
            allow_scripts: false,
            guard: false,
            limits: Limits::default(),
            dependencies: None,
        };
        (
            Target::Local(file),
            Audited {
                result,
                artifact: Some(artifact),
                facts: crate::analyze::package_facts::PackageFacts::default(),
            },
            options,
        )
    }

    #[test]
    fn a_warning_asks_and_a_no_installs_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (target, audited, options) = warned(dir.path());
        let mut tty = Answer {
            interactive: true,
            yes: false,
            asked: Vec::new(),
        };
        let out = install(&target, &audited, &options, &mut tty).unwrap();
        assert!(
            matches!(out, Outcome::Refused(ref why) if why.contains("declined")),
            "{out:?}"
        );
        assert_eq!(tty.asked.len(), 1);
        assert!(tty.asked[0].contains("score 60"), "{:?}", tty.asked);

        let mut pipe = Answer {
            interactive: false,
            yes: true,
            asked: Vec::new(),
        };
        let out = install(&target, &audited, &options, &mut pipe).unwrap();
        assert!(
            matches!(out, Outcome::Refused(ref why) if why.contains("not a terminal")),
            "{out:?}"
        );
        assert!(pipe.asked.is_empty());
        assert!(!dir.path().join("home/servers").exists());
        assert!(!options.lockfile.exists());
    }

    #[test]
    fn changed_bytes_under_a_pinned_version_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (target, audited, mut options) = warned(dir.path());
        options.yes = true;
        let entry = lock::LockEntry {
            target: "npm:x@1.0.0".into(),
            ecosystem: Ecosystem::Npm,
            name: "x".into(),
            version: "1.0.0".into(),
            sha256: "00".repeat(32),
            integrity: "verified".into(),
            source: String::new(),
            score: 100,
            verdict: "allow".into(),
            accepted_risk: None,
            tools_fingerprint: None,
            install_path: dir.path().join("home/servers/npm/x/1.0.0"),
            artifact: "artifact/x-1.0.0.tgz".into(),
            tree_sha256: String::new(),
            command: "/usr/bin/node".into(),
            args: Vec::new(),
            env: Default::default(),
            scripts_ran: false,
            unaudited_dependencies: Vec::new(),
            dependencies: Vec::new(),
            tools: Vec::new(),
            clients: Vec::new(),
        };
        let mut lockfile = Lockfile::default();
        lockfile.upsert(entry);
        fsutil::write_atomic(&options.lockfile, lockfile.render().as_bytes()).unwrap();
        let mut never = Answer {
            interactive: false,
            yes: false,
            asked: Vec::new(),
        };
        let out = install(&target, &audited, &options, &mut never).unwrap();
        assert!(
            matches!(out, Outcome::Refused(ref why) if why.contains("rug pull")),
            "{out:?}"
        );
    }

    #[test]
    fn the_gate_follows_the_verdict() {
        assert_eq!(
            gate(Verdict::Allow, false, None),
            Gate::Proceed { accepted: None }
        );
        assert_eq!(gate(Verdict::Warn, false, None), Gate::Ask);
        assert_eq!(
            gate(Verdict::Warn, true, None),
            Gate::Proceed { accepted: None }
        );
        assert_eq!(
            gate(Verdict::Warn, false, Some("ok")),
            Gate::Proceed {
                accepted: Some("ok".into())
            }
        );
        assert!(matches!(gate(Verdict::Block, true, None), Gate::Refuse(_)));
        assert_eq!(
            gate(Verdict::Block, false, Some("reviewed")),
            Gate::Proceed {
                accepted: Some("reviewed".into())
            }
        );
        assert!(matches!(
            gate(Verdict::Error, true, Some("x")),
            Gate::Refuse(_)
        ));
    }

    #[test]
    fn entry_names_are_plain() {
        assert_eq!(
            entry_name(Ecosystem::Npm, "@modelcontextprotocol/server-filesystem"),
            "server-filesystem"
        );
        assert_eq!(
            entry_name(Ecosystem::Github, "github/github-mcp-server"),
            "github-mcp-server"
        );
        assert_eq!(
            entry_name(Ecosystem::Pypi, "mcp-server-time"),
            "mcp-server-time"
        );
        assert_eq!(entry_name(Ecosystem::Mcpb, "a b\u{1b}"), "a-b-");
    }

    #[test]
    fn pinned_targets_name_the_exact_version() {
        let t = Target::parse("@scope/srv@^1").unwrap();
        assert_eq!(
            pin_target(&t, Ecosystem::Npm, "1.2.3", Path::new("/x")),
            "npm:@scope/srv@1.2.3"
        );
        let t = Target::parse("pypi:mcp-server-time").unwrap();
        assert_eq!(
            pin_target(&t, Ecosystem::Pypi, "2026.10.19", Path::new("/x")),
            "pypi:mcp-server-time==2026.10.19"
        );
    }
}
