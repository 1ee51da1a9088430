//! One installer per kind of artifact. Each installs from the staged copy of the audited
//! artifact into the staging directory, and returns the launch command as it will be once the
//! directory is renamed into place.
//!
//! - npm: the user's `npm` from the local tarball, lifecycle scripts off unless the policy
//!   allows them; dependencies come from the user's registry and are named as not audited.
//! - PyPI: a virtual environment of its own (`python3 -m venv`), `pip install` of the local
//!   wheel (an sdist only when the policy allows build scripts, since building runs them).
//! - crates: `cargo install --path` of the unpacked crate; building runs build scripts and
//!   proc macros, so it needs the policy's permission.
//! - MCPB bundles: unpacked through the sandbox; the manifest's `mcp_config` is the command.
//! - GitHub assets: an archive is unpacked through the sandbox, a bare binary is placed as is.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde_json::Value;

use super::client::Launch;
use super::fsutil;
use super::programs;
use mcp_audit_core::escape::visible;
use mcp_audit_extract::identify::Ecosystem;
use mcp_audit_sandbox::Limits;

/// What an installer needs.
#[derive(Debug)]
pub struct Job<'a> {
    /// Ecosystem of the audited package.
    pub ecosystem: Ecosystem,
    /// Package name (from its manifest).
    pub name: &'a str,
    /// Exact version.
    pub version: &'a str,
    /// The staging directory being filled.
    pub stage: &'a Path,
    /// Where the staging directory will be renamed to.
    pub final_dir: &'a Path,
    /// The staged, re-hashed copy of the artifact (inside `stage`).
    pub artifact: &'a Path,
    /// Whether lifecycle and build scripts may run.
    pub allow_scripts: bool,
    /// Unpacking limits.
    pub limits: &'a Limits,
    /// Directories external programs must never come from.
    pub exclude: &'a [&'a Path],
    /// The dependencies audited before the install, as [`dependency_key`]s (`None`: no tree was
    /// resolved, and what the package manager adds is recorded as unaudited).
    pub audited: Option<&'a [String]>,
    /// The digest each audited dependency must have once installed, by [`dependency_key`]:
    /// npm's SRI (`sha512-…`), PyPI's `sha256:HEX`. A package the package manager installed
    /// with other bytes fails the install (nothing is kept).
    pub audited_digests: Option<&'a BTreeMap<String, String>>,
}

/// Whether two digests texts (SRI strings, or `sha256:HEX`) share a digest.
fn digests_agree(want: &str, got: &str) -> bool {
    let parse = |t: &str| -> Vec<registry_adapters::Digest> {
        match t.strip_prefix("sha256:") {
            Some(hex) => {
                registry_adapters::Digest::from_hex(registry_adapters::Algorithm::Sha256, hex)
                    .into_iter()
                    .collect()
            }
            None => registry_adapters::digest::parse_sri(t),
        }
    };
    let (want, got) = (parse(want), parse(got));
    want.iter().any(|w| got.contains(w))
}

/// How an installer names a dependency it added: `name@version` (npm), `name==version` with
/// the normalized name (PyPI).
#[must_use]
pub fn dependency_key(ecosystem: Ecosystem, name: &str, version: &str) -> String {
    match ecosystem {
        Ecosystem::Pypi => format!("{}=={version}", normalize_pypi(name)),
        _ => format!("{name}@{version}"),
    }
}

/// What an installer produced.
#[derive(Debug, Default)]
pub struct Installed {
    /// How to start the server (paths under the final directory).
    pub launch: Option<Launch>,
    /// Packages pulled by the package manager that were not audited (`name@version`).
    pub unaudited: Vec<String>,
    /// Things the user should know (already escaped).
    pub notes: Vec<String>,
}

impl Job<'_> {
    /// The packages the package manager added that were not audited; with an audited tree,
    /// any such package fails the install (nothing is kept).
    fn unaudited(&self, added: Vec<String>) -> anyhow::Result<Vec<String>> {
        let Some(audited) = self.audited else {
            return Ok(added);
        };
        let missing: Vec<&String> = added.iter().filter(|d| !audited.contains(d)).collect();
        if !missing.is_empty() {
            anyhow::bail!(
                "the package manager added {} package(s) that were not audited ({}); nothing was installed",
                missing.len(),
                missing
                    .iter()
                    .take(8)
                    .map(|d| visible(d))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        Ok(Vec::new())
    }

    /// Fails when a package the package manager installed does not have the digest of the
    /// audited one (`installed`: key → the digest the package manager recorded).
    fn check_digests(&self, installed: &BTreeMap<String, String>) -> anyhow::Result<()> {
        let Some(expected) = self.audited_digests else {
            return Ok(());
        };
        for (key, want) in expected {
            let Some(got) = installed.get(key) else {
                continue;
            };
            if !digests_agree(want, got) {
                anyhow::bail!(
                    "the package manager installed `{}` with other bytes than the audited ones ({} instead of {}); nothing was installed",
                    visible(key),
                    visible(got),
                    visible(want)
                );
            }
        }
        Ok(())
    }

    /// The final path of something staged at `path`.
    fn final_path(&self, path: &Path) -> PathBuf {
        match path.strip_prefix(self.stage) {
            Ok(rel) => self.final_dir.join(rel),
            Err(_) => path.to_path_buf(),
        }
    }

    fn os(path: &Path) -> &OsStr {
        path.as_os_str()
    }
}

/// Why installing this artifact would run package code (a build), when it would.
#[must_use]
pub fn runs_code_to_install(ecosystem: Ecosystem, artifact: &Path) -> Option<String> {
    let file = artifact
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ecosystem {
        Ecosystem::Crates => Some(
            "installing a crate builds it, which runs build scripts and proc macros of the crate \
             and its dependencies"
                .into(),
        ),
        Ecosystem::Pypi if !file.ends_with(".whl") => Some(format!(
            "`{}` is a source distribution: installing it runs its build backend (setup.py or a \
             pyproject build); install the wheel instead (`--artifact wheel`) if there is one",
            visible(&file)
        )),
        _ => None,
    }
}

/// Installs the artifact of `job`.
///
/// # Errors
/// A needed program is missing, the package manager failed, the package declares no way to
/// start it, or installing would run scripts the policy does not allow.
pub fn install(job: &Job<'_>) -> anyhow::Result<Installed> {
    match job.ecosystem {
        Ecosystem::Npm => npm(job),
        Ecosystem::Pypi => python(job),
        Ecosystem::Crates => cargo(job),
        Ecosystem::Mcpb => mcpb(job),
        Ecosystem::Github => github(job),
        Ecosystem::Unknown => anyhow::bail!(
            "cannot install `{}`: it is not an npm, PyPI, crates, MCPB or GitHub release artifact",
            job.artifact.display()
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// npm

fn npm(job: &Job<'_>) -> anyhow::Result<Installed> {
    let npm = programs::require("npm", "install an npm package", job.exclude)?;
    let node = programs::require("node", "run an npm package", job.exclude)?;
    let mut args: Vec<&OsStr> = ["install", "--prefix"].map(OsStr::new).to_vec();
    args.push(Job::os(job.stage));
    args.extend(
        [
            "--no-audit",
            "--no-fund",
            "--omit=dev",
            "--no-update-notifier",
        ]
        .map(OsStr::new),
    );
    let mut env = vec![("npm_config_update_notifier", "false")];
    if !job.allow_scripts {
        args.push(OsStr::new("--ignore-scripts"));
        env.push(("npm_config_ignore_scripts", "true"));
    }
    args.push(Job::os(job.artifact));
    programs::run(&npm, &args, job.stage, &env)?;

    let pkg_dir = job.stage.join("node_modules").join(job.name);
    let manifest: Value = read_json(&pkg_dir.join("package.json"))?;
    let mut notes = Vec::new();
    let entry = npm_entry(&manifest, job.name, &mut notes)?;
    let script = inside(&pkg_dir, &entry)?;
    let mut installed = Installed {
        launch: Some(Launch {
            command: node.display().to_string(),
            args: vec![job.final_path(&script).display().to_string()],
            env: BTreeMap::new(),
        }),
        unaudited: job.unaudited(npm_dependencies(job.stage, job.name))?,
        notes,
    };
    job.check_digests(&npm_integrities(job.stage, job.name))?;
    if job.allow_scripts {
        installed
            .notes
            .push("lifecycle scripts were allowed to run (policy allow_install_scripts)".into());
    }
    Ok(installed)
}

/// The file `npx` would run: the only `bin`, or the one named like the unscoped package, else
/// `main`.
fn npm_entry(manifest: &Value, name: &str, notes: &mut Vec<String>) -> anyhow::Result<String> {
    let unscoped = name.rsplit('/').next().unwrap_or(name);
    match manifest.get("bin") {
        Some(Value::String(path)) => return Ok(path.clone()),
        Some(Value::Object(bins)) if !bins.is_empty() => {
            let pick = bins
                .get(unscoped)
                .map(|v| (unscoped.to_string(), v))
                .or_else(|| bins.iter().next().map(|(k, v)| (k.clone(), v)));
            if let Some((bin, Value::String(path))) = pick {
                if bins.len() > 1 && bin != unscoped {
                    notes.push(format!(
                        "the package has {} commands; registered `{}`",
                        bins.len(),
                        visible(&bin)
                    ));
                }
                return Ok(path.clone());
            }
        }
        _ => {}
    }
    match manifest.get("main").and_then(Value::as_str) {
        Some(main) => Ok(main.to_string()),
        None => anyhow::bail!("`{}` declares no `bin` or `main` to run", visible(name)),
    }
}

/// Packages npm added beside the installed one, from its `package-lock.json`.
fn npm_dependencies(prefix: &Path, name: &str) -> Vec<String> {
    let Ok(lock) = read_json(&prefix.join("package-lock.json")) else {
        return Vec::new();
    };
    let own = format!("node_modules/{name}");
    let mut out: Vec<String> = lock
        .get("packages")
        .and_then(Value::as_object)
        .map(|packages| {
            packages
                .iter()
                .filter(|(path, meta)| {
                    path.starts_with("node_modules/")
                        && **path != own
                        && meta.get("link").and_then(Value::as_bool) != Some(true)
                })
                .map(|(path, meta)| {
                    let dep = path.rsplit("node_modules/").next().unwrap_or(path);
                    let version = meta.get("version").and_then(Value::as_str).unwrap_or("?");
                    format!("{dep}@{version}")
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out.dedup();
    out
}

/// `name@version` → `integrity` of every package npm recorded in the staged lockfile.
fn npm_integrities(prefix: &Path, name: &str) -> BTreeMap<String, String> {
    let Ok(lock) = read_json(&prefix.join("package-lock.json")) else {
        return BTreeMap::new();
    };
    let own = format!("node_modules/{name}");
    lock.get("packages")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(path, _)| path.starts_with("node_modules/") && **path != own)
        .filter_map(|(path, meta)| {
            let dep = path.rsplit("node_modules/").next().unwrap_or(path);
            let version = meta.get("version").and_then(Value::as_str)?;
            let integrity = meta.get("integrity").and_then(Value::as_str)?;
            Some((format!("{dep}@{version}"), integrity.to_string()))
        })
        .collect()
}

/// `name==version` → `sha256:HEX` of every file pip installed, from its `--report`.
fn pip_report_digests(report: &Path) -> anyhow::Result<BTreeMap<String, String>> {
    let doc = read_json(report)?;
    Ok(doc
        .get("install")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|item| {
            let name = item.pointer("/metadata/name").and_then(Value::as_str)?;
            let version = item.pointer("/metadata/version").and_then(Value::as_str)?;
            let sha = item
                .pointer("/download_info/archive_info/hashes/sha256")
                .and_then(Value::as_str)?;
            Some((
                format!("{}=={version}", normalize_pypi(name)),
                format!("sha256:{sha}"),
            ))
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// PyPI

fn python(job: &Job<'_>) -> anyhow::Result<Installed> {
    if let (Some(why), false) = (
        runs_code_to_install(job.ecosystem, job.artifact),
        job.allow_scripts,
    ) {
        anyhow::bail!("{why}, which the policy does not allow");
    }
    let python3 = programs::require("python3", "create a virtual environment", job.exclude)?;
    let venv = job.stage.join("venv");
    programs::run(
        &python3,
        &[OsStr::new("-m"), OsStr::new("venv"), Job::os(&venv)],
        job.stage,
        &[],
    )?;
    let venv_python = venv_bin(&venv, "python");
    let pip_env = [
        ("PIP_DISABLE_PIP_VERSION_CHECK", "1"),
        ("PIP_NO_INPUT", "1"),
        ("PYTHONDONTWRITEBYTECODE", "1"),
    ];
    let before = pip_list(&venv_python, job.stage, &pip_env)?;
    let mut args: Vec<&OsStr> = ["-m", "pip", "install", "--no-warn-script-location"]
        .map(OsStr::new)
        .to_vec();
    if !job.allow_scripts {
        // Dependencies as wheels only: building an sdist runs its code.
        args.push(OsStr::new("--only-binary=:all:"));
    }
    // pip's report of what it installed, with each file's sha256, checked against the audit.
    let report = job.stage.join("pip-install-report.json");
    if job.audited_digests.is_some() {
        args.push(OsStr::new("--report"));
        args.push(Job::os(&report));
    }
    args.push(Job::os(job.artifact));
    programs::run(&venv_python, &args, job.stage, &pip_env)?;
    if job.audited_digests.is_some() {
        job.check_digests(&pip_report_digests(&report)?)?;
        let _ = std::fs::remove_file(&report);
    }
    let after = pip_list(&venv_python, job.stage, &pip_env)?;
    let own = normalize_pypi(job.name);
    let unaudited = after
        .iter()
        .filter(|(n, _)| !before.contains_key(*n) && **n != own)
        .map(|(n, v)| format!("{n}=={v}"))
        .collect();
    let unaudited = job.unaudited(unaudited)?;

    let mut notes = Vec::new();
    let script = console_script(&venv, job.name, &mut notes)?;
    let script_path = venv_bin(&venv, &script);
    if !script_path.is_file() {
        anyhow::bail!("pip did not create the `{}` command", visible(&script));
    }
    Ok(Installed {
        launch: Some(Launch {
            // Run the script through the environment's interpreter: the script's own `#!`
            // line names the staging path, the interpreter finds its environment from its
            // location.
            command: job.final_path(&venv_python).display().to_string(),
            args: vec![job.final_path(&script_path).display().to_string()],
            env: BTreeMap::new(),
        }),
        unaudited,
        notes,
    })
}

fn venv_bin(venv: &Path, name: &str) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join(format!("{name}.exe"))
    } else {
        venv.join("bin").join(name)
    }
}

/// PEP 503 normalization.
fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('-');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

fn pip_list(
    python: &Path,
    cwd: &Path,
    env: &[(&str, &str)],
) -> anyhow::Result<BTreeMap<String, String>> {
    let out = programs::run(
        python,
        &["-m", "pip", "list", "--format=json"].map(OsStr::new),
        cwd,
        env,
    )?;
    let list: Value = serde_json::from_slice(&out.stdout).context("pip list gave no JSON")?;
    Ok(list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            Some((
                normalize_pypi(p.get("name")?.as_str()?),
                p.get("version")?.as_str()?.to_string(),
            ))
        })
        .collect())
}

/// The console script to run: the one named like the package, else the only one, else the
/// first (with a note).
fn console_script(venv: &Path, name: &str, notes: &mut Vec<String>) -> anyhow::Result<String> {
    let own = normalize_pypi(name);
    let mut scripts = Vec::new();
    for lib in ["lib", "Lib", "lib64"] {
        let Ok(dirs) = std::fs::read_dir(venv.join(lib)) else {
            continue;
        };
        for pydir in dirs.flatten() {
            let site = if lib == "Lib" {
                venv.join(lib).join("site-packages")
            } else {
                pydir.path().join("site-packages")
            };
            let Ok(entries) = std::fs::read_dir(&site) else {
                continue;
            };
            for entry in entries.flatten() {
                let dir = entry.file_name().to_string_lossy().into_owned();
                let Some(stem) = dir.strip_suffix(".dist-info") else {
                    continue;
                };
                let dist = stem.rsplit_once('-').map_or(stem, |(n, _)| n);
                if normalize_pypi(dist) != own {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(entry.path().join("entry_points.txt")) {
                    scripts.extend(console_scripts(&text));
                }
            }
        }
        if !scripts.is_empty() {
            break;
        }
    }
    scripts.sort();
    scripts.dedup();
    if let Some(s) = scripts.iter().find(|s| normalize_pypi(s) == own) {
        return Ok(s.clone());
    }
    match scripts.as_slice() {
        [] => anyhow::bail!("`{}` declares no console script to run", visible(name)),
        [only] => Ok(only.clone()),
        [first, ..] => {
            notes.push(format!(
                "the package has {} commands; registered `{}`",
                scripts.len(),
                visible(first)
            ));
            Ok(first.clone())
        }
    }
}

/// Names in the `[console_scripts]` section of `entry_points.txt`.
fn console_scripts(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_section = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_section = line == "[console_scripts]";
        } else if in_section {
            if let Some((name, _)) = line.split_once('=') {
                let name = name.trim();
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                {
                    out.push(name.to_string());
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// crates

fn cargo(job: &Job<'_>) -> anyhow::Result<Installed> {
    if let (Some(why), false) = (
        runs_code_to_install(job.ecosystem, job.artifact),
        job.allow_scripts,
    ) {
        anyhow::bail!("{why}, which the policy does not allow");
    }
    let cargo = programs::require("cargo", "build a crate", job.exclude)?;
    let tree = mcp_audit_sandbox::unpack(job.artifact, job.limits)
        .map_err(|e| anyhow::anyhow!("cannot unpack the crate: {e}"))?;
    let source = job.stage.join("source");
    fsutil::copy_tree(&tree, &source)?;
    let build = job.stage.join("build");
    let mut args: Vec<&OsStr> = ["install", "--path"].map(OsStr::new).to_vec();
    args.push(Job::os(&source));
    args.push(OsStr::new("--root"));
    args.push(Job::os(job.stage));
    args.push(OsStr::new("--target-dir"));
    args.push(Job::os(&build));
    if source.join("Cargo.lock").is_file() {
        args.push(OsStr::new("--locked"));
    }
    let result = programs::run(&cargo, &args, job.stage, &[]);
    let _ = std::fs::remove_dir_all(&build);
    result?;
    let mut bins: Vec<String> = std::fs::read_dir(job.stage.join("bin"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    bins.sort();
    let mut notes = vec!["build scripts were allowed to run (policy allow_install_scripts)".into()];
    let bin = match bins.iter().find(|b| b.trim_end_matches(".exe") == job.name) {
        Some(b) => b.clone(),
        None => match bins.as_slice() {
            [] => anyhow::bail!("`{}` builds no binary to run", visible(job.name)),
            [only] => only.clone(),
            [first, ..] => {
                notes.push(format!(
                    "the crate has {} binaries; registered `{}`",
                    bins.len(),
                    visible(first)
                ));
                first.clone()
            }
        },
    };
    Ok(Installed {
        launch: Some(Launch {
            command: job
                .final_path(&job.stage.join("bin").join(&bin))
                .display()
                .to_string(),
            args: Vec::new(),
            env: BTreeMap::new(),
        }),
        unaudited: cargo_dependencies(&source.join("Cargo.lock"), job.name),
        notes,
    })
}

fn cargo_dependencies(lock: &Path, name: &str) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(lock) else {
        return Vec::new();
    };
    let Ok(doc) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let mut out: Vec<String> = doc
        .get("package")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let n = p.get("name")?.as_str()?;
            let v = p.get("version")?.as_str()?;
            (n != name && p.get("source").is_some()).then(|| format!("{n}@{v}"))
        })
        .collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// MCPB bundles and GitHub release assets

fn mcpb(job: &Job<'_>) -> anyhow::Result<Installed> {
    let tree = mcp_audit_sandbox::unpack(job.artifact, job.limits)
        .map_err(|e| anyhow::anyhow!("cannot unpack the bundle: {e}"))?;
    let bundle = job.stage.join("bundle");
    fsutil::copy_tree(&tree, &bundle)?;
    let manifest = read_json(&bundle.join("manifest.json"))?;
    let final_bundle = job.final_path(&bundle);
    let mut notes = Vec::new();
    let launch = mcpb_launch(&manifest, &bundle, &final_bundle, job.exclude, &mut notes)?;
    Ok(Installed {
        launch: Some(launch),
        unaudited: Vec::new(),
        notes,
    })
}

/// The bundle's `server.mcp_config` (with this platform's override), variables substituted.
fn mcpb_launch(
    manifest: &Value,
    staged: &Path,
    final_dir: &Path,
    exclude: &[&Path],
    notes: &mut Vec<String>,
) -> anyhow::Result<Launch> {
    let server = manifest
        .get("server")
        .ok_or_else(|| anyhow::anyhow!("the bundle manifest has no `server`"))?;
    let mut config = server.get("mcp_config").cloned().unwrap_or(Value::Null);
    let platform = if cfg!(target_os = "macos") {
        "darwin"
    } else if cfg!(windows) {
        "win32"
    } else {
        "linux"
    };
    if let Some(over) = config
        .get("platform_overrides")
        .and_then(|o| o.get(platform))
        .and_then(Value::as_object)
        .cloned()
    {
        if let Some(obj) = config.as_object_mut() {
            for (k, v) in over {
                obj.insert(k, v);
            }
        }
    }
    let Some(command) = config.get("command").and_then(Value::as_str) else {
        anyhow::bail!("the bundle manifest declares no `server.mcp_config.command`");
    };
    let user_config = manifest.get("user_config").and_then(Value::as_object);
    let dir = final_dir.display().to_string();
    let home = super::home::user_home()
        .map(|h| h.display().to_string())
        .unwrap_or_default();
    let substitute = |text: &str, notes: &mut Vec<String>| -> Option<String> {
        let mut out = text
            .replace("${__dirname}", &dir)
            .replace("${HOME}", &home)
            .replace("${DESKTOP}", &format!("{home}/Desktop"))
            .replace("${DOCUMENTS}", &format!("{home}/Documents"))
            .replace("${DOWNLOADS}", &format!("{home}/Downloads"))
            .replace("${pathSeparator}", std::path::MAIN_SEPARATOR_STR)
            .replace("${/}", std::path::MAIN_SEPARATOR_STR);
        while let Some(start) = out.find("${user_config.") {
            let end = start + out[start..].find('}')?;
            let key = out[start + "${user_config.".len()..end].to_string();
            let default = user_config
                .and_then(|u| u.get(&key))
                .and_then(|k| k.get("default"))
                .map(|d| match d {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
            match default {
                Some(d) => out.replace_range(start..=end, &d),
                None => {
                    notes.push(format!(
                        "the bundle's setting `{}` has no default; pass it after `--` or edit the client entry",
                        visible(&key)
                    ));
                    return None;
                }
            }
        }
        Some(out)
    };
    let command = substitute(command, notes).ok_or_else(|| {
        anyhow::anyhow!("the bundle's command needs a setting that has no default")
    })?;
    let command = if command.contains('/') || command.contains('\\') {
        let path = PathBuf::from(&command);
        let staged_path = match path.strip_prefix(final_dir) {
            Ok(rel) => staged.join(rel),
            Err(_) => anyhow::bail!(
                "the bundle's command `{}` is outside the bundle",
                visible(&command)
            ),
        };
        if !staged_path.is_file() {
            anyhow::bail!(
                "the bundle's command `{}` does not exist",
                visible(&command)
            );
        }
        fsutil::make_executable(&staged_path)?;
        command
    } else {
        let found = programs::require(&command, "run the bundle's server", exclude);
        match (found, command.as_str()) {
            (Ok(path), _) => path,
            // Many systems have only `python3`.
            (Err(_), "python") => programs::require("python3", "run the bundle's server", exclude)?,
            (Err(e), _) => return Err(e),
        }
        .display()
        .to_string()
    };
    let args = config
        .get("args")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|a| substitute(a, notes))
        .collect();
    let env = config
        .get("env")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k.clone(), substitute(v.as_str()?, notes)?)))
        .collect();
    Ok(Launch { command, args, env })
}

fn github(job: &Job<'_>) -> anyhow::Result<Installed> {
    let file = job
        .artifact
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = file.to_ascii_lowercase();
    let is_archive = [".tar.gz", ".tgz", ".zip", ".tar"]
        .iter()
        .any(|e| lower.ends_with(e));
    let (staged, notes) = if is_archive {
        let tree = mcp_audit_sandbox::unpack(job.artifact, job.limits)
            .map_err(|e| anyhow::anyhow!("cannot unpack the release asset: {e}"))?;
        let dir = job.stage.join("bundle");
        fsutil::copy_tree(&tree, &dir)?;
        let repo = job.name.rsplit('/').next().unwrap_or(job.name);
        let mut execs: Vec<&str> = tree
            .files()
            .iter()
            .filter(|f| f.executable)
            .map(|f| f.path.as_str())
            .collect();
        execs.sort_unstable();
        let named = execs.iter().find(|p| {
            let base = p.rsplit('/').next().unwrap_or(p);
            base.trim_end_matches(".exe") == repo
        });
        let mut notes = Vec::new();
        let pick = match (named, execs.as_slice()) {
            (Some(p), _) => (*p).to_string(),
            (None, [only]) => (*only).to_string(),
            (None, []) => {
                anyhow::bail!("the release asset `{}` holds no executable", visible(&file))
            }
            (None, [first, ..]) => {
                notes.push(format!(
                    "the asset has {} executables; registered `{}`",
                    execs.len(),
                    visible(first)
                ));
                (*first).to_string()
            }
        };
        (dir.join(pick), notes)
    } else {
        // A bare binary: the staged artifact copy itself, digest already checked.
        let bin = job.stage.join("bin");
        std::fs::create_dir_all(&bin)?;
        let to = bin.join(&file);
        std::fs::copy(job.artifact, &to).context("cannot place the binary")?;
        (to, Vec::new())
    };
    fsutil::make_executable(&staged).context("cannot make the binary executable")?;
    Ok(Installed {
        launch: Some(Launch {
            command: job.final_path(&staged).display().to_string(),
            args: Vec::new(),
            env: BTreeMap::new(),
        }),
        unaudited: Vec::new(),
        notes,
    })
}

// ---------------------------------------------------------------------------------------------

fn read_json(path: &Path) -> anyhow::Result<Value> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read `{}`", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("invalid JSON in `{}`", path.display()))
}

/// `rel` (from a manifest) resolved inside `dir`, refusing anything that leaves it.
fn inside(dir: &Path, rel: &str) -> anyhow::Result<PathBuf> {
    let path = Path::new(rel);
    let escapes = path.is_absolute()
        || path.components().any(|c| {
            matches!(
                c,
                std::path::Component::ParentDir | std::path::Component::Prefix(_)
            )
        });
    if escapes {
        anyhow::bail!("the entry point `{}` is outside the package", visible(rel));
    }
    let full = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .fold(dir.to_path_buf(), |acc, c| acc.join(c));
    let canonical = full
        .canonicalize()
        .with_context(|| format!("the entry point `{}` does not exist", visible(rel)))?;
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !canonical.starts_with(&root) || !canonical.is_file() {
        anyhow::bail!(
            "the entry point `{}` is not a file of the package",
            visible(rel)
        );
    }
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn npm_entry_follows_npx() {
        let mut notes = Vec::new();
        assert_eq!(
            npm_entry(&json!({"bin": "cli.js"}), "@s/x", &mut notes).unwrap(),
            "cli.js"
        );
        assert_eq!(
            npm_entry(
                &json!({"bin": {"a": "a.js", "x": "x.js"}}),
                "@s/x",
                &mut notes
            )
            .unwrap(),
            "x.js"
        );
        assert!(notes.is_empty());
        assert_eq!(
            npm_entry(&json!({"bin": {"b": "b.js", "a": "a.js"}}), "x", &mut notes).unwrap(),
            "b.js",
            "first in the manifest's order"
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(
            npm_entry(&json!({"main": "m.js"}), "x", &mut notes).unwrap(),
            "m.js"
        );
        assert!(npm_entry(&json!({}), "x", &mut notes).is_err());
    }

    #[test]
    fn entry_points_stay_inside_the_package() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.js"), "").unwrap();
        assert!(inside(dir.path(), "index.js").is_ok());
        assert_eq!(
            inside(dir.path(), "./index.js").unwrap(),
            dir.path().join("index.js")
        );
        for bad in ["../x.js", "/etc/passwd", "missing.js", "."] {
            assert!(inside(dir.path(), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn npm_dependencies_come_from_the_lockfile() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package-lock.json"),
            r#"{"packages": {"": {}, "node_modules/@s/x": {"version": "1.0.0"},
                "node_modules/zod": {"version": "3.25.0"},
                "node_modules/@s/x/node_modules/ms": {"version": "2.1.3"},
                "node_modules/linked": {"link": true}}}"#,
        )
        .unwrap();
        assert_eq!(
            npm_dependencies(dir.path(), "@s/x"),
            ["ms@2.1.3", "zod@3.25.0"]
        );
    }

    #[test]
    fn installed_digests_must_be_the_audited_ones() {
        let sri = "sha512-kKaFkyAh6oipvc9+EAbJ552JafnMnOq5nzmzWkp1jJdBhTAAGpmIpWihUG1+rfNhmEFM98gUZDdCHCDD4v6a7Q==";
        let other = "sha512-AAAFkyAh6oipvc9+EAbJ552JafnMnOq5nzmzWkp1jJdBhTAAGpmIpWihUG1+rfNhmEFM98gUZDdCHCDD4v6a7Q==";
        assert!(digests_agree(sri, &format!("sha1-x {sri}")));
        assert!(!digests_agree(sri, other));
        let hex = "5c099a001c6ca78260bda419f2e9b2aabee1adc4fe6ca56d8959871ad8da58a1";
        assert!(digests_agree(
            &format!("sha256:{hex}"),
            &format!("sha256:{}", hex.to_uppercase())
        ));
        let dir = tempfile::tempdir().unwrap();
        let limits = Limits::default();
        let expected: BTreeMap<String, String> =
            [("zod@3.25.0".to_string(), sri.to_string())].into();
        let job = Job {
            ecosystem: Ecosystem::Npm,
            name: "x",
            version: "1.0.0",
            stage: dir.path(),
            final_dir: dir.path(),
            artifact: dir.path(),
            allow_scripts: false,
            limits: &limits,
            exclude: &[],
            audited: None,
            audited_digests: Some(&expected),
        };
        let same: BTreeMap<String, String> = [("zod@3.25.0".to_string(), sri.to_string())].into();
        assert!(job.check_digests(&same).is_ok());
        let changed: BTreeMap<String, String> =
            [("zod@3.25.0".to_string(), other.to_string())].into();
        let err = job.check_digests(&changed).unwrap_err().to_string();
        assert!(err.contains("other bytes than the audited ones"), "{err}");
    }

    #[test]
    fn console_scripts_are_parsed() {
        let text = "[console_scripts]\nfixture-srv = fixture_srv:main\nother=x:y\n\n[gui_scripts]\ngui = a:b\n";
        assert_eq!(console_scripts(text), ["fixture-srv", "other"]);
        assert_eq!(normalize_pypi("MCP_Server.Time"), "mcp-server-time");
    }

    #[test]
    fn mcpb_commands_are_substituted_and_resolved() {
        let dir = tempfile::tempdir().unwrap();
        let staged = dir.path().join("stage/bundle");
        std::fs::create_dir_all(staged.join("server")).unwrap();
        std::fs::write(staged.join("server/run"), "#!/bin/sh\n").unwrap();
        let final_dir = dir.path().join("final/bundle");
        let manifest = json!({
            "server": {"type": "binary", "mcp_config": {
                "command": "${__dirname}/server/run",
                "args": ["--root", "${user_config.root}", "--level", "${user_config.level}"],
                "env": {"DATA": "${__dirname}/data"}
            }},
            "user_config": {"level": {"type": "string", "default": "info"}, "root": {"type": "directory"}}
        });
        let mut notes = Vec::new();
        let launch = mcpb_launch(&manifest, &staged, &final_dir, &[], &mut notes).unwrap();
        assert_eq!(
            launch.command,
            final_dir.join("server/run").display().to_string()
        );
        assert_eq!(launch.args, ["--root", "--level", "info"]);
        assert_eq!(launch.env["DATA"], format!("{}/data", final_dir.display()));
        assert_eq!(notes.len(), 1, "{notes:?}");

        let outside = json!({"server": {"mcp_config": {"command": "/bin/sh"}}});
        assert!(mcpb_launch(&outside, &staged, &final_dir, &[], &mut notes).is_err());
    }
}
