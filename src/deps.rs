//! The dependency tree of a package: resolved the way its package manager would install it,
//! without running any package code, then audited package by package.
//!
//! - npm: `npm install --package-lock-only --ignore-scripts` of the audited tarball in a scratch
//!   directory computes the exact tree npm would install (only registry metadata is read; no
//!   lifecycle script runs, nothing is unpacked); its `package-lock.json` gives every package
//!   with its version and `integrity` digest.
//! - PyPI: `pip install --dry-run --report --only-binary=:all:` of the audited wheel picks the
//!   wheels pip would install (binary only, so no build backend runs); the report gives each
//!   wheel's URL and sha256.
//! - crates.io and other artifacts: no tree is resolved (said in the report).
//!
//! Each dependency is then audited with the rules that apply to dependencies (install hooks,
//! obfuscation and staged payloads, exfiltration and other code flows, shipped binaries,
//! typosquats, manifest mismatch, metadata, integrity); the rules about a server's own tool
//! surface (descriptions, tool handlers) do not apply to a library it uses.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;

use anyhow::Context as _;
use serde_json::Value;

use crate::install::programs;
use crate::lockfile::{self, ExpectedDigest, Locked};
use crate::pipeline::{self, Audited};
use crate::report::TargetResult;
use crate::settings::{Role, Settings};
use crate::target::Target;
use mcp_audit_core::escape::visible;
use mcp_audit_core::{Ecosystem, Verdict};

/// Packages audited at once: their downloads overlap, while unpacking and analysis take one
/// of the per-core slots of [`crate::slots`].
const WORKERS: usize = 16;

/// One package of a resolved tree.
#[derive(Debug, Clone)]
pub struct Dependency {
    /// The registry package, its exact version and the digest the resolver recorded.
    pub locked: Locked,
    /// The chain of package names from the root to this one (`server → sdk → dep`).
    pub path: Vec<String>,
    /// The exact file the installer would fetch, when the resolver names it (a PyPI wheel picks
    /// one of several files of a release).
    pub file: Option<String>,
}

/// A resolved dependency tree (the root package itself excluded).
#[derive(Debug, Clone, Default)]
pub struct Tree {
    /// Every package the package manager would add, sorted by name.
    pub packages: Vec<Dependency>,
    /// Entries that are not registry packages, and why (git, URL, local path…).
    pub skipped: Vec<(String, String)>,
}

/// Resolves the tree the package manager would install beside an audited package; `None` for
/// ecosystems without a resolver here.
///
/// # Errors
/// The package manager is missing or fails to resolve (named in the message).
pub fn resolve(audited: &Audited, settings: &Settings) -> anyhow::Result<Option<Tree>> {
    let offline = settings.connectivity == crate::settings::Connectivity::Offline;
    let (Some(package), Some(artifact)) = (&audited.result.package, &audited.artifact) else {
        return Ok(None);
    };
    if artifact.path.is_dir() {
        return Ok(None);
    }
    match package.ecosystem {
        Ecosystem::Npm => resolve_npm(&artifact.path, &package.name, offline).map(Some),
        Ecosystem::Pypi if artifact.path.extension().is_some_and(|e| e == "whl") => {
            resolve_pypi(&artifact.path, &package.name, offline).map(Some)
        }
        _ => Ok(None),
    }
}

/// `npm install --package-lock-only --ignore-scripts` of the tarball in a scratch directory
/// (`--offline`: from npm's own cache only, as mcp-audit's `--offline` promises).
fn resolve_npm(tarball: &Path, name: &str, offline: bool) -> anyhow::Result<Tree> {
    let scratch = tempfile::tempdir().context("cannot create a scratch directory")?;
    let npm = programs::require("npm", "resolve the npm dependency tree", &[])?;
    let registry = registry_adapters::Endpoints::from_env()
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .npm;
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "install".as_ref(),
        "--package-lock-only".as_ref(),
        "--ignore-scripts".as_ref(),
        "--no-audit".as_ref(),
        "--no-fund".as_ref(),
        "--omit=dev".as_ref(),
        "--no-update-notifier".as_ref(),
        "--registry".as_ref(),
        registry.as_str().as_ref(),
        "--prefix".as_ref(),
        scratch.path().as_os_str(),
        tarball.as_os_str(),
    ];
    if offline {
        args.push("--offline".as_ref());
    }
    let env = [
        ("npm_config_ignore_scripts", "true"),
        ("npm_config_update_notifier", "false"),
    ];
    programs::run(&npm, &args, scratch.path(), &env)
        .with_context(|| format!("cannot resolve the dependencies of `{}`", visible(name)))?;
    let lock_path = scratch.path().join("package-lock.json");
    let entries = lockfile::read(&lock_path)?;
    let text = std::fs::read_to_string(&lock_path)?;
    let doc: Value = serde_json::from_str(&text)?;
    let paths = npm_paths(&doc, name);
    let root_key = format!("node_modules/{name}");
    let packages = entries
        .packages
        .into_iter()
        .filter(|l| l.origin != root_key)
        .map(|locked| Dependency {
            file: None,
            path: paths
                .get(&locked.origin)
                .cloned()
                .unwrap_or_else(|| vec![name.to_string(), locked.name.clone()]),
            locked,
        })
        .collect();
    Ok(Tree {
        packages,
        // The root itself is in the lockfile as a local path (the tarball): it is audited.
        skipped: entries
            .skipped
            .into_iter()
            .filter(|s| s.entry != root_key)
            .map(|s| (s.entry, s.reason.to_string()))
            .collect(),
    })
}

/// For every `node_modules/…` key of a `package-lock.json` (v2/v3), the shortest chain of
/// package names from `root` to it, following each package's `dependencies` with npm's
/// resolution (the nearest `node_modules` up the tree).
fn npm_paths(doc: &Value, root: &str) -> BTreeMap<String, Vec<String>> {
    let Some(packages) = doc.get("packages").and_then(Value::as_object) else {
        return BTreeMap::new();
    };
    let deps_of = |key: &str| -> Vec<String> {
        let entry = packages.get(key);
        ["dependencies", "optionalDependencies", "peerDependencies"]
            .iter()
            .filter_map(|field| entry.and_then(|e| e.get(*field)).and_then(Value::as_object))
            .flat_map(|m| m.keys().cloned())
            .collect()
    };
    // npm resolution: from `key`'s own node_modules up to the top.
    let locate = |from: &str, dep: &str| -> Option<String> {
        let mut base = from.to_string();
        loop {
            let candidate = if base.is_empty() {
                format!("node_modules/{dep}")
            } else {
                format!("{base}/node_modules/{dep}")
            };
            if packages.contains_key(&candidate) {
                return Some(candidate);
            }
            if base.is_empty() {
                return None;
            }
            base = match base.rfind("/node_modules/") {
                Some(i) => base[..i].to_string(),
                None => String::new(),
            };
        }
    };
    let root_key = format!("node_modules/{root}");
    let mut paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
    paths.insert(root_key.clone(), vec![root.to_string()]);
    let mut queue = VecDeque::from([root_key]);
    while let Some(key) = queue.pop_front() {
        let chain = paths[&key].clone();
        for dep in deps_of(&key) {
            let Some(found) = locate(&key, &dep) else {
                continue;
            };
            if paths.contains_key(&found) {
                continue;
            }
            let mut next = chain.clone();
            next.push(dep);
            paths.insert(found.clone(), next);
            queue.push_back(found);
        }
    }
    paths
}

/// `pip install --dry-run --report` of the wheel, binary only, into nothing (`--offline`:
/// `--no-index`, so only wheels pip finds locally resolve; a tree that needs the index is an
/// error, not a silent request).
fn resolve_pypi(wheel: &Path, name: &str, offline: bool) -> anyhow::Result<Tree> {
    let scratch = tempfile::tempdir().context("cannot create a scratch directory")?;
    let python = programs::require("python3", "resolve the PyPI dependency tree", &[])?;
    let report = scratch.path().join("report.json");
    let mut index_args: Vec<String> = Vec::new();
    if offline {
        index_args.push("--no-index".into());
    } else if let Ok(endpoints) = registry_adapters::Endpoints::from_env() {
        index_args.push("--index-url".into());
        index_args.push(format!(
            "{}/simple/",
            endpoints.pypi.as_str().trim_end_matches('/')
        ));
    }
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "-m".as_ref(),
        "pip".as_ref(),
        "install".as_ref(),
        "--dry-run".as_ref(),
        "--ignore-installed".as_ref(),
        "--only-binary=:all:".as_ref(),
        "--disable-pip-version-check".as_ref(),
        "--quiet".as_ref(),
        "--report".as_ref(),
        report.as_os_str(),
    ];
    args.extend(index_args.iter().map(std::ffi::OsStr::new));
    args.push(wheel.as_os_str());
    programs::run(&python, &args, scratch.path(), &[])
        .with_context(|| format!("cannot resolve the dependencies of `{}`", visible(name)))?;
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&report)?)
        .context("pip wrote an unreadable --report")?;
    Ok(pip_report_tree(&doc, name))
}

/// A PyPI name in its normalized form (PEP 503, as pip compares them).
fn pypi_normal(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

/// For every package of a pip report (by normalized name), the shortest chain of package names
/// from `root` to it, following each package's `Requires-Dist` (`metadata.requires_dist`)
/// to the packages pip chose.
fn pip_paths(doc: &Value, root: &str) -> BTreeMap<String, Vec<String>> {
    let items: Vec<&Value> = doc
        .get("install")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    let name_of = |item: &Value| -> String {
        item.get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let by_name: BTreeMap<String, &Value> = items
        .iter()
        .map(|item| (pypi_normal(&name_of(item)), *item))
        .collect();
    let requires = |item: &Value| -> Vec<String> {
        item.get("metadata")
            .and_then(|m| m.get("requires_dist"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|req| {
                let end = req
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
                    .unwrap_or(req.len());
                pypi_normal(&req[..end])
            })
            .filter(|n| by_name.contains_key(n))
            .collect()
    };
    let mut paths: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let root_key = pypi_normal(root);
    paths.insert(root_key.clone(), vec![root.to_string()]);
    let mut queue = VecDeque::from([root_key]);
    while let Some(key) = queue.pop_front() {
        let Some(item) = by_name.get(&key) else {
            continue;
        };
        let chain = paths[&key].clone();
        for dep in requires(item) {
            if paths.contains_key(&dep) {
                continue;
            }
            let mut next = chain.clone();
            next.push(name_of(by_name[&dep]));
            paths.insert(dep.clone(), next);
            queue.push_back(dep);
        }
    }
    paths
}

/// The packages of a pip installation report (`--report`), the root excluded.
fn pip_report_tree(doc: &Value, root: &str) -> Tree {
    let paths = pip_paths(doc, root);
    let mut tree = Tree::default();
    for item in doc
        .get("install")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let meta = item.get("metadata");
        let name = meta
            .and_then(|m| m.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let version = meta
            .and_then(|m| m.get("version"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        if name.is_empty() || pypi_normal(name) == pypi_normal(root) {
            continue;
        }
        let info = item.get("download_info");
        let url = info
            .and_then(|i| i.get("url"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !url.starts_with("http") {
            tree.skipped
                .push((name.to_string(), "not from a package index".into()));
            continue;
        }
        let sha256 = info
            .and_then(|i| i.get("archive_info"))
            .and_then(|a| a.get("hashes"))
            .and_then(|h| h.get("sha256"))
            .and_then(Value::as_str)
            .map(|h| ExpectedDigest::Sha256(vec![h.to_string()]));
        tree.packages.push(Dependency {
            locked: Locked {
                ecosystem: Ecosystem::Pypi,
                name: name.to_string(),
                version: Some(version.to_string()),
                pinned: true,
                digest: sha256,
                origin: url.to_string(),
            },
            path: paths
                .get(&pypi_normal(name))
                .cloned()
                .unwrap_or_else(|| vec![root.to_string(), name.to_string()]),
            file: url
                .rsplit('/')
                .next()
                .map(|f| f.split(['#', '?']).next().unwrap_or(f).to_string()),
        });
    }
    tree.packages
        .sort_by(|a, b| a.locked.name.cmp(&b.locked.name));
    tree
}

/// Audits every package of the tree (a few at a time) as a dependency, each result naming its
/// path from the root.
#[must_use]
pub fn audit_tree(tree: &Tree, settings: &Settings) -> Vec<TargetResult> {
    let mut settings = settings.clone();
    settings.role = Role::Dependency;
    settings.artifact = None;
    let locked: Vec<Locked> = tree.packages.iter().map(|d| d.locked.clone()).collect();
    prefetch_advisories(&locked, &settings);
    audit_each(&tree.packages, |dep| {
        let mut target = dep.locked.target();
        if let (Target::Registry(request), Some(file)) = (&mut target, &dep.file) {
            request.artifact = Some(file.clone());
        }
        let mut result = audit_locked_as(&dep.locked, &target, &settings);
        result.dependency_path = Some(dep.path.clone());
        result
    })
}

/// Asks the npm advisory endpoint once about every exact npm version of `packages` (one bulk
/// request), so each package's audit reads its advisories from the cache.
pub fn prefetch_advisories(packages: &[Locked], settings: &Settings) {
    let npm: Vec<(String, String)> = packages
        .iter()
        .filter(|l| l.ecosystem == Ecosystem::Npm && l.pinned)
        .filter_map(|l| Some((l.name.clone(), l.version.clone()?)))
        .collect();
    crate::fetch::prefetch_npm_advisories(settings, &npm);
}

/// Runs `audit` over `items`, [`WORKERS`] at a time; results keep the order of `items`.
pub fn audit_each<T: Sync>(
    items: &[T],
    audit: impl Fn(&T) -> TargetResult + Sync,
) -> Vec<TargetResult> {
    // Equal weights: the items are taken in their own order.
    mcp_audit_core::parallel::map_on(items, WORKERS, |_| 0, audit)
}

/// Audits one lockfile entry and adds what only the lockfile knows: its recorded digest and
/// whether the version is pinned.
#[must_use]
pub fn audit_locked(locked: &Locked, settings: &Settings) -> TargetResult {
    audit_locked_as(locked, &locked.target(), settings)
}

/// [`audit_locked`] of a target chosen by the caller (an exact file of the release).
fn audit_locked_as(locked: &Locked, target: &Target, settings: &Settings) -> TargetResult {
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
    let pinned: Vec<registry_adapters::Digest> = match &locked.digest {
        Some(ExpectedDigest::Sri(sri)) => registry_adapters::digest::parse_sri(sri),
        Some(ExpectedDigest::Sha256(list)) => list
            .iter()
            .filter_map(|h| {
                registry_adapters::Digest::from_hex(registry_adapters::Algorithm::Sha256, h)
            })
            .collect(),
        None => Vec::new(),
    };
    pipeline::audit_pinned(target, &pinned, settings, check).result
}

/// The dependencies that block, with their paths, for messages (`server → sdk → evil`).
#[must_use]
pub fn blocking(results: &[TargetResult]) -> Vec<String> {
    results
        .iter()
        .filter(|r| matches!(r.verdict, Verdict::Block | Verdict::Error))
        .map(|r| {
            let path = r
                .dependency_path
                .as_ref()
                .map_or_else(|| r.target.clone(), |p| p.join(" → "));
            format!("{} ({})", visible(&path), r.verdict.as_str())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_paths_follow_npm_resolution() {
        let doc = serde_json::json!({"packages": {
            "": {"dependencies": {"srv": "1"}},
            "node_modules/srv": {"version": "1.0.0", "dependencies": {"sdk": "^2", "ms": "^2"}},
            "node_modules/sdk": {"version": "2.0.0", "dependencies": {"evil": "*", "ms": "^1"}},
            "node_modules/sdk/node_modules/ms": {"version": "1.0.0"},
            "node_modules/ms": {"version": "2.1.0"},
            "node_modules/evil": {"version": "0.0.1"},
            "node_modules/orphan": {"version": "1.0.0"}
        }});
        let paths = npm_paths(&doc, "srv");
        assert_eq!(paths["node_modules/evil"], ["srv", "sdk", "evil"]);
        assert_eq!(paths["node_modules/ms"], ["srv", "ms"]);
        assert_eq!(
            paths["node_modules/sdk/node_modules/ms"],
            ["srv", "sdk", "ms"]
        );
        assert!(!paths.contains_key("node_modules/orphan"));
    }

    #[test]
    fn pip_report_lists_wheels_with_their_digests() {
        let doc = serde_json::json!({"install": [
            {"metadata": {"name": "My_Server", "version": "1.0"},
             "download_info": {"url": "file:///tmp/my_server-1.0-py3-none-any.whl"}},
            {"metadata": {"name": "httpx", "version": "0.28.1"},
             "download_info": {"url": "https://files.example/httpx-0.28.1-py3-none-any.whl",
                               "archive_info": {"hashes": {"sha256": "ab12"}}}}
        ]});
        let tree = pip_report_tree(&doc, "my-server");
        assert_eq!(tree.packages.len(), 1);
        let dep = &tree.packages[0];
        assert_eq!(dep.locked.name, "httpx");
        assert_eq!(dep.locked.version.as_deref(), Some("0.28.1"));
        assert_eq!(
            dep.locked.digest,
            Some(ExpectedDigest::Sha256(vec!["ab12".into()]))
        );
        assert_eq!(dep.path, ["my-server", "httpx"]);
        assert_eq!(dep.file.as_deref(), Some("httpx-0.28.1-py3-none-any.whl"));
    }

    #[test]
    fn pip_report_paths_follow_requires_dist() {
        let wheel = |name: &str, requires: &[&str]| {
            serde_json::json!({"metadata": {"name": name, "version": "1.0", "requires_dist": requires},
             "download_info": {"url": format!("https://files.example/{name}-1.0-py3-none-any.whl")}})
        };
        let doc = serde_json::json!({"install": [
            wheel("My_Server", &["mcp>=1.0", "httpx[http2] ; python_version >= '3.9'"]),
            wheel("mcp", &["Evil.Dep (>=2)", "httpx"]),
            wheel("httpx", &[]),
            wheel("evil-dep", &[]),
            wheel("orphan", &[]),
        ]});
        let tree = pip_report_tree(&doc, "my-server");
        let path = |n: &str| {
            tree.packages
                .iter()
                .find(|d| d.locked.name == n)
                .unwrap()
                .path
                .clone()
        };
        assert_eq!(path("evil-dep"), ["my-server", "mcp", "evil-dep"]);
        assert_eq!(path("httpx"), ["my-server", "httpx"]);
        // Not reached by any requirement: shown under the root.
        assert_eq!(path("orphan"), ["my-server", "orphan"]);
    }
}
