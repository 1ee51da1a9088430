//! `mcp-audit verify`: re-hash every installed server against its pin; with
//! `--check-updates`, audit each newer version and compare it with the pinned one.

use std::path::Path;

use crate::pipeline::{self, Artifact};
use crate::report::{Integrity, PackageInfo, TargetResult};
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, Tool};

use super::client::{self, Client};
use super::diff::{self, Diff};
use super::lock::{LockEntry, Lockfile};
use super::{
    fsutil, CLIENT_ENTRY_CHANGED, INSTALLED_ARTIFACT_TAMPERED, INSTALLED_FILES_CHANGED,
    INSTALLED_SERVER_MISSING,
};

/// What `verify` found.
#[derive(Debug)]
pub struct Verification {
    /// One result per installed server (and one per newer version audited).
    pub results: Vec<TargetResult>,
    /// Comparisons of pinned and newer versions.
    pub updates: Vec<Diff>,
    /// Servers whose newest version is the pinned one (`target`).
    pub up_to_date: Vec<String>,
}

/// Checks every server of the lockfile; with `check_updates`, audits newer versions.
///
/// # Errors
/// The lockfile cannot be read, or records no server.
pub fn verify(
    lockfile: &Path,
    check_updates: bool,
    settings: &Settings,
) -> anyhow::Result<Verification> {
    let lock = Lockfile::load(lockfile)?;
    if lock.servers.is_empty() {
        anyhow::bail!(
            "`{}` records no installed server; install one with `mcp-audit install`",
            lockfile.display()
        );
    }
    let mut out = Verification {
        results: Vec::new(),
        updates: Vec::new(),
        up_to_date: Vec::new(),
    };
    let mut installed = Vec::with_capacity(lock.servers.len());
    for entry in &lock.servers {
        let findings = check_installed(entry);
        let intact = findings.is_empty();
        let mut findings = findings;
        findings.extend(check_clients(entry));
        let mut result = result_for(entry, findings, settings);
        if intact {
            if let Some(tools) = installed_tools(entry, settings) {
                result.tools = tools;
            }
        }
        installed.push(result);
    }
    // The servers one client runs are seen together: chains across them count.
    crate::cross_server::annotate_sets(&mut installed, &client_sets(&lock), &settings.policy);
    for (entry, result) in lock.servers.iter().zip(installed) {
        out.results.push(result);
        if check_updates {
            check_update(entry, settings, &mut out);
        }
    }
    Ok(out)
}

/// The tools of an intact installed server, read again from its audited artifact (offline;
/// nothing of the package runs). `None` when they cannot be read.
pub(crate) fn installed_tools(entry: &LockEntry, settings: &Settings) -> Option<Vec<Tool>> {
    let artifact = Artifact {
        path: entry.artifact_path(),
        source: entry.source.clone(),
        sha256: entry.sha256.clone(),
        integrity: package_of(entry).integrity,
        registry: None,
        resolved: Some((entry.ecosystem, entry.name.clone(), entry.version.clone())),
        findings: Vec::new(),
    };
    let audit = pipeline::audit_artifact(&entry.target, &artifact, settings);
    (audit.result.error.is_none()).then_some(audit.result.tools)
}

/// The sets of servers seen together, as indexes into `lock.servers`: the servers of each
/// client config `install` wrote, and the servers registered with no client as one more set
/// (the user runs them some other way, presumably together).
fn client_sets(lock: &Lockfile) -> Vec<Vec<usize>> {
    let mut by_config: std::collections::BTreeMap<&Path, Vec<usize>> =
        std::collections::BTreeMap::new();
    let mut unregistered = Vec::new();
    for (i, entry) in lock.servers.iter().enumerate() {
        if entry.clients.is_empty() {
            unregistered.push(i);
        }
        for record in &entry.clients {
            let set = by_config.entry(record.config.as_path()).or_default();
            if !set.contains(&i) {
                set.push(i);
            }
        }
    }
    let mut sets: Vec<Vec<usize>> = by_config.into_values().collect();
    if !unregistered.is_empty() {
        sets.push(unregistered);
    }
    sets
}

fn package_of(entry: &LockEntry) -> PackageInfo {
    PackageInfo {
        ecosystem: entry.ecosystem,
        name: entry.name.clone(),
        version: entry.version.clone(),
        source: entry.source.clone(),
        sha256: entry.sha256.clone(),
        integrity: match entry.integrity.as_str() {
            "verified" => Integrity::Verified,
            "mismatch" => Integrity::Mismatch,
            _ => Integrity::Unverified,
        },
    }
}

pub(crate) fn result_for(
    entry: &LockEntry,
    findings: Vec<Finding>,
    settings: &Settings,
) -> TargetResult {
    let package = package_of(entry);
    let findings = pipeline::finalize(findings, &Some(package.clone()));
    let eval = crate::score::evaluate_package(&settings.policy, &package, None, findings);
    let mut r = TargetResult::error(entry.target.clone(), "");
    r.error = None;
    r.package = Some(package);
    r.verdict = eval.verdict;
    r.score = Some(eval.score);
    r.findings = eval.applied.findings;
    r.suppressed = eval.applied.suppressed;
    r.expired_suppressions = eval.applied.expired;
    r.allowed_by = eval.applied.allowed_by;
    r.tools_fingerprint.clone_from(&entry.tools_fingerprint);
    // The pins, by name and fingerprint (replaced by the definitions read again from the
    // artifact when it is intact).
    r.tools = entry
        .tools
        .iter()
        .map(|t| mcp_audit_core::model::Tool {
            name: t.name.clone(),
            title: None,
            description: None,
            input_schema: mcp_audit_core::model::empty_object_schema(),
            annotations: None,
            origin: mcp_audit_core::model::Origin {
                file: super::home::LOCKFILE_NAME.into(),
                line: None,
                via: mcp_audit_core::model::Via::Manifest,
                style: Some("pinned at install".into()),
            },
            fingerprint: t.fingerprint.clone(),
        })
        .collect();
    r
}

/// Re-hashes one installed server: its artifact copy and its whole directory.
#[must_use]
pub fn check_installed(entry: &LockEntry) -> Vec<Finding> {
    let mut findings = Vec::new();
    let dir = &entry.install_path;
    if !dir.is_dir() {
        findings.push(
            INSTALLED_SERVER_MISSING
                .finding(format!(
                    "`{}` is not installed at `{}`",
                    entry.name,
                    dir.display()
                ))
                .with_evidence(dir.display().to_string()),
        );
        return findings;
    }
    let artifact = entry.artifact_path();
    match mcp_audit_core::digest::sha256_file(&artifact) {
        Ok(digest) if digest == entry.sha256 => {}
        Ok(digest) => findings.push(
            INSTALLED_ARTIFACT_TAMPERED
                .finding(format!(
                    "the installed copy of `{}` {} no longer has the pinned sha256",
                    entry.name, entry.version
                ))
                .at(entry.artifact.clone(), None)
                .with_evidence(format!("pinned {}, now {digest}", entry.sha256)),
        ),
        Err(e) => findings.push(
            INSTALLED_SERVER_MISSING
                .finding(format!("cannot read the installed artifact: {e}"))
                .at(entry.artifact.clone(), None),
        ),
    }
    match fsutil::tree_sha256(dir) {
        Ok(digest) if digest == entry.tree_sha256 => {}
        Ok(digest) => findings.push(
            INSTALLED_FILES_CHANGED
                .finding(format!(
                    "files under `{}` changed since `{}` {} was installed",
                    dir.display(),
                    entry.name,
                    entry.version
                ))
                .with_evidence(format!("pinned tree {}, now {digest}", entry.tree_sha256)),
        ),
        Err(e) => findings.push(
            INSTALLED_FILES_CHANGED.finding(format!("cannot re-hash `{}`: {e:#}", dir.display())),
        ),
    }
    findings
}

/// Checks that each client entry `install` wrote still runs the pinned command. An entry the
/// user removed is not a finding.
#[must_use]
pub fn check_clients(entry: &LockEntry) -> Vec<Finding> {
    let mut findings = Vec::new();
    for record in &entry.clients {
        let Some(kind) = Client::from_name(&record.client) else {
            continue;
        };
        let current = match client::read_entry(kind, &record.config, &record.entry) {
            Ok(Some(v)) => v,
            Ok(None) => continue,
            Err(e) => {
                tracing::warn!("{e:#}");
                continue;
            }
        };
        let command = current.get("command").and_then(serde_json::Value::as_str);
        let args: Option<Vec<&str>> = current
            .get("args")
            .and_then(serde_json::Value::as_array)
            .map(|a| a.iter().filter_map(serde_json::Value::as_str).collect());
        let pinned_args: Vec<&str> = entry.args.iter().map(String::as_str).collect();
        if command != Some(entry.command.as_str()) || args.as_deref() != Some(&pinned_args[..]) {
            findings.push(
                CLIENT_ENTRY_CHANGED
                    .finding(format!(
                        "the {} entry `{}` in `{}` no longer runs the pinned install",
                        record.client,
                        record.entry,
                        record.config.display()
                    ))
                    .with_evidence(format!(
                        "now: {} {}",
                        command.unwrap_or("(no command)"),
                        args.unwrap_or_default().join(" ")
                    )),
            );
        }
    }
    findings
}

/// Resolves the newest version of an installed server; if it differs from the pin, audits it
/// and compares it with the pinned version.
fn check_update(entry: &LockEntry, settings: &Settings, out: &mut Verification) {
    let Ok(Target::Registry(pinned_request)) = Target::parse(&entry.target) else {
        tracing::info!(
            "{}: a local artifact has no newer versions",
            visible(&entry.target)
        );
        return;
    };
    let mut settings = settings.clone();
    if pinned_request.ecosystem == registry_adapters::Ecosystem::Pypi {
        let wheel = entry.artifact.to_ascii_lowercase().ends_with(".whl");
        settings.artifact = Some(if wheel { "wheel" } else { "sdist" }.into());
    }
    let mut latest_request = pinned_request;
    latest_request.version = registry_adapters::VersionSpec::Latest;
    let latest_target = Target::Registry(latest_request);
    let new = pipeline::audit(&latest_target, &settings);
    let Some(new_package) = new.result.package.clone() else {
        let mut r = new.result;
        r.target = format!("{} (newest version)", entry.target);
        out.results.push(r);
        return;
    };
    if new_package.version == entry.version && new_package.sha256 == entry.sha256 {
        out.up_to_date.push(entry.target.clone());
        return;
    }
    // The pinned side: the installed copy of exactly the pinned bytes.
    let pinned_artifact = Artifact {
        path: entry.artifact_path(),
        source: entry.source.clone(),
        sha256: entry.sha256.clone(),
        integrity: package_of(entry).integrity,
        registry: new.artifact.as_ref().and_then(|a| a.registry.clone()),
        resolved: Some((entry.ecosystem, entry.name.clone(), entry.version.clone())),
        findings: Vec::new(),
    };
    let old = pipeline::audit_artifact(&entry.target, &pinned_artifact, &settings);
    let mut extra = Vec::new();
    if new_package.version == entry.version {
        extra.push(
            super::PINNED_VERSION_CHANGED
                .finding(format!(
                    "the registry serves different bytes for the pinned `{}` {}",
                    entry.name, entry.version
                ))
                .with_evidence(format!(
                    "pinned {}, now {}",
                    entry.sha256, new_package.sha256
                )),
        );
    }
    let d = diff::compare(
        &old.result,
        &old.facts,
        &new.result,
        &new.facts,
        &settings.policy,
    );
    let (tree_findings, tree_results) = compare_trees(entry, &new, &settings);
    extra.extend(tree_findings);
    let mut result = new.result;
    let mut findings = result.findings.clone();
    findings.extend(d.rug_pull.iter().cloned());
    findings.extend(pipeline::finalize(extra, &result.package));
    let eval = crate::score::evaluate_package(
        &settings.policy,
        &new_package,
        new.artifact.as_ref().and_then(|a| a.registry.as_ref()),
        findings,
    );
    result.findings = eval.applied.findings;
    result.verdict = eval.verdict.max(result.verdict);
    result.score = Some(eval.score);
    result.target = format!(
        "{} (update from {})",
        crate::target::display_request(
            match &latest_target {
                Target::Registry(r) => r,
                Target::Local(_) => unreachable!("registry target"),
            },
            Some(&new_package.version)
        ),
        entry.version
    );
    out.results.push(result);
    out.results.extend(tree_results);
    out.updates.push(d);
}

/// The newer version's dependency tree against the pinned one (when a tree was pinned):
/// packages added or changed are audited as dependencies (their results are returned), and
/// the changes become `dependency-added`, `dependency-removed` and
/// `dependency-install-script-added` findings of the update.
fn compare_trees(
    entry: &LockEntry,
    new: &pipeline::Audited,
    settings: &Settings,
) -> (Vec<Finding>, Vec<TargetResult>) {
    if entry.dependencies.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let tree = match crate::deps::resolve(new, settings) {
        Ok(Some(tree)) => tree,
        Ok(None) => return (Vec::new(), Vec::new()),
        Err(err) => {
            let mut r = TargetResult::error(
                format!("{} (dependencies of the newest version)", entry.target),
                format!("cannot resolve the dependency tree: {err:#}").replace('\n', " "),
            );
            r.package = None;
            return (Vec::new(), vec![r]);
        }
    };
    let key = |name: &str, version: &str| {
        super::installers::dependency_key(entry.ecosystem, name, version)
    };
    let pinned: std::collections::BTreeSet<String> = entry
        .dependencies
        .iter()
        .map(|d| key(&d.name, &d.version))
        .collect();
    let now: std::collections::BTreeSet<String> = tree
        .packages
        .iter()
        .map(|d| key(&d.locked.name, d.locked.version.as_deref().unwrap_or("")))
        .collect();
    let added = crate::deps::Tree {
        packages: tree
            .packages
            .iter()
            .filter(|d| {
                !pinned.contains(&key(
                    &d.locked.name,
                    d.locked.version.as_deref().unwrap_or(""),
                ))
            })
            .cloned()
            .collect(),
        skipped: Vec::new(),
    };
    let results = crate::deps::audit_tree(&added, settings);
    let mut findings = Vec::new();
    for (dep, result) in added.packages.iter().zip(&results) {
        let path = visible(&dep.path.join(" → "));
        let version = dep.locked.version.as_deref().unwrap_or("?");
        findings.push(
            super::DEPENDENCY_ADDED
                .finding(format!(
                    "the newer version adds `{}` {} to the dependency tree",
                    visible(&dep.locked.name),
                    visible(version)
                ))
                .with_evidence(&path),
        );
        let hooks: Vec<&str> = result
            .findings
            .iter()
            .filter(|f| f.category == mcp_audit_core::model::Category::InstallScript)
            .map(|f| f.rule.as_str())
            .collect();
        if !hooks.is_empty() {
            findings.push(
                super::DEPENDENCY_INSTALL_SCRIPT_ADDED
                    .finding(format!(
                        "`{}` {}, new in the dependency tree, runs code at install time ({})",
                        visible(&dep.locked.name),
                        visible(version),
                        hooks.join(", ")
                    ))
                    .with_evidence(&path),
            );
        }
    }
    for gone in pinned.difference(&now) {
        findings.push(
            super::DEPENDENCY_REMOVED
                .finding(format!(
                    "the newer version no longer has `{}` in its dependency tree",
                    visible(gone)
                ))
                .with_evidence(visible(gone)),
        );
    }
    (findings, results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tampering_and_missing_installs_are_findings() {
        let dir = tempfile::tempdir().unwrap();
        let install = dir.path().join("servers/npm/x/1.0.0");
        std::fs::create_dir_all(install.join("artifact")).unwrap();
        std::fs::write(install.join("artifact/x-1.0.0.tgz"), "audited bytes").unwrap();
        std::fs::write(install.join("index.js"), "console.log(1)").unwrap();
        let entry = LockEntry {
            target: "npm:x@1.0.0".into(),
            ecosystem: mcp_audit_core::Ecosystem::Npm,
            name: "x".into(),
            version: "1.0.0".into(),
            sha256: mcp_audit_core::digest::sha256_file(&install.join("artifact/x-1.0.0.tgz"))
                .unwrap(),
            integrity: "verified".into(),
            source: String::new(),
            score: 100,
            verdict: "allow".into(),
            accepted_risk: None,
            tools_fingerprint: None,
            install_path: install.clone(),
            artifact: "artifact/x-1.0.0.tgz".into(),
            tree_sha256: fsutil::tree_sha256(&install).unwrap(),
            command: "/usr/bin/node".into(),
            args: Vec::new(),
            env: Default::default(),
            scripts_ran: false,
            unaudited_dependencies: Vec::new(),
            dependencies: Vec::new(),
            tools: Vec::new(),
            clients: Vec::new(),
        };
        assert!(check_installed(&entry).is_empty());

        std::fs::write(install.join("index.js"), "steal()").unwrap();
        let rules: Vec<String> = check_installed(&entry)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, ["installed-files-changed"]);

        std::fs::write(install.join("artifact/x-1.0.0.tgz"), "other bytes").unwrap();
        let rules: Vec<String> = check_installed(&entry)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(
            rules,
            ["installed-artifact-tampered", "installed-files-changed"]
        );

        let settings = Settings::default();
        let r = result_for(&entry, check_installed(&entry), &settings);
        assert_eq!(r.verdict, crate::report::Verdict::Block);

        std::fs::remove_dir_all(&install).unwrap();
        let rules: Vec<String> = check_installed(&entry)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(rules, ["installed-server-missing"]);
    }
}
