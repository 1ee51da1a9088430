//! npm-family lockfiles: `package-lock.json` (v1–v3), `pnpm-lock.yaml` (v5–v9), `yarn.lock`
//! (classic and berry).

use std::path::Path;

use registry_adapters::Ecosystem;
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

use super::{Entries, ExpectedDigest, Locked, LockfileError};

fn npm_locked(name: &str, version: &str, integrity: Option<&str>, origin: String) -> Locked {
    Locked {
        ecosystem: Ecosystem::Npm,
        name: name.to_string(),
        version: Some(version.to_string()),
        pinned: true,
        digest: integrity
            .filter(|s| !s.is_empty())
            .map(|s| ExpectedDigest::Sri(s.to_string())),
        origin,
    }
}

/// Why a `resolved`/`version` value is not a registry package, if it is not.
fn non_registry(resolved: Option<&str>, version: &str) -> Option<&'static str> {
    let probe = |s: &str| -> Option<&'static str> {
        if s.starts_with("git") || s.starts_with("github:") {
            Some("git dependency")
        } else if s.starts_with("file:") || s.starts_with("link:") || s.starts_with("portal:") {
            Some("local path dependency")
        } else if (s.starts_with("http://") || s.starts_with("https://")) && !s.contains("/-/") {
            Some("URL dependency")
        } else {
            None
        }
    };
    resolved.and_then(probe).or_else(|| probe(version))
}

/// `package-lock.json` / `npm-shrinkwrap.json`.
pub(super) fn package_lock(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| LockfileError::new(path, format!("invalid JSON: {e}")))?;
    let mut out = Entries::default();
    if let Some(packages) = doc.get("packages").and_then(Value::as_object) {
        for (key, entry) in packages {
            if key.is_empty() {
                continue;
            }
            let Some(idx) = key.rfind("node_modules/") else {
                out.skip(key, "workspace package (not from a registry)");
                continue;
            };
            let name = entry
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(&key[idx + "node_modules/".len()..]);
            if entry.get("link").and_then(Value::as_bool) == Some(true) {
                out.skip(key, "symlinked workspace package");
                continue;
            }
            if entry.get("inBundle").and_then(Value::as_bool) == Some(true) {
                out.skip(key, "bundled inside its parent package (audited with it)");
                continue;
            }
            let version = entry
                .get("version")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let resolved = entry.get("resolved").and_then(Value::as_str);
            if let Some(reason) = non_registry(resolved, version) {
                out.skip(key, reason);
                continue;
            }
            if version.is_empty() {
                out.skip(key, "no version recorded");
                continue;
            }
            let integrity = entry.get("integrity").and_then(Value::as_str);
            out.push(npm_locked(name, version, integrity, key.clone()));
        }
        return Ok(out);
    }
    if let Some(deps) = doc.get("dependencies").and_then(Value::as_object) {
        walk_v1(deps, "", &mut out, 0);
        return Ok(out);
    }
    Err(LockfileError::new(
        path,
        "neither `packages` nor `dependencies` found",
    ))
}

fn walk_v1(deps: &serde_json::Map<String, Value>, prefix: &str, out: &mut Entries, depth: usize) {
    if depth > 64 {
        out.skip(prefix, "dependency tree nested more than 64 levels");
        return;
    }
    for (name, entry) in deps {
        let origin = format!("{prefix}{name}");
        let version = entry
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let resolved = entry.get("resolved").and_then(Value::as_str);
        if entry.get("bundled").and_then(Value::as_bool) == Some(true) {
            out.skip(
                &origin,
                "bundled inside its parent package (audited with it)",
            );
        } else if let Some(reason) = non_registry(resolved, version) {
            out.skip(&origin, reason);
        } else if let Some(alias) = version.strip_prefix("npm:") {
            match alias.rfind('@').filter(|i| *i > 0) {
                Some(i) => out.push(npm_locked(
                    &alias[..i],
                    &alias[i + 1..],
                    entry.get("integrity").and_then(Value::as_str),
                    origin.clone(),
                )),
                None => out.skip(&origin, "alias without a version"),
            }
        } else if !version.is_empty() {
            out.push(npm_locked(
                name,
                version,
                entry.get("integrity").and_then(Value::as_str),
                origin.clone(),
            ));
        }
        if let Some(nested) = entry.get("dependencies").and_then(Value::as_object) {
            walk_v1(nested, &format!("{origin} > "), out, depth + 1);
        }
    }
}

/// Splits `name@version` at the last `@` that is not a scope's leading `@`.
fn split_at_version(spec: &str) -> Option<(&str, &str)> {
    let i = spec.rfind('@').filter(|i| *i > 0)?;
    Some((&spec[..i], &spec[i + 1..]))
}

fn load_yaml(path: &Path, text: &str) -> Result<Yaml, LockfileError> {
    let mut docs = YamlLoader::load_from_str(text)
        .map_err(|e| LockfileError::new(path, format!("invalid YAML: {e}")))?;
    if docs.is_empty() {
        return Err(LockfileError::new(path, "empty document"));
    }
    Ok(docs.swap_remove(0))
}

/// `pnpm-lock.yaml`.
pub(super) fn pnpm_lock(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc = load_yaml(path, text)?;
    let Some(packages) = doc["packages"].as_hash() else {
        if doc["lockfileVersion"].is_badvalue() {
            return Err(LockfileError::new(
                path,
                "no `lockfileVersion`: not a pnpm lockfile",
            ));
        }
        return Ok(Entries::default());
    };
    let mut out = Entries::default();
    for (key, entry) in packages {
        let Some(key) = key.as_str() else { continue };
        // v9: `name@1.0.0`; v6: `/name@1.0.0(peer@2)`; v5: `/name/1.0.0`.
        let bare = key.strip_prefix('/').unwrap_or(key);
        let bare = bare.split('(').next().unwrap_or(bare);
        let split = split_at_version(bare).or_else(|| {
            // v5 form: the version is the last path segment.
            let i = bare.rfind('/')?;
            let (name, version) = (&bare[..i], &bare[i + 1..]);
            (!name.is_empty() && version.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .then_some((name, version))
        });
        let Some((name, version)) = split else {
            out.skip(key, "unrecognized package key");
            continue;
        };
        let resolution = &entry["resolution"];
        if resolution["tarball"]
            .as_str()
            .is_some_and(|t| !t.contains("/-/"))
        {
            out.skip(key, "URL dependency");
            continue;
        }
        if !resolution["type"].is_badvalue() || !resolution["directory"].is_badvalue() {
            out.skip(key, "git or directory dependency");
            continue;
        }
        let name = entry["name"].as_str().unwrap_or(name);
        let version = entry["version"].as_str().unwrap_or(version);
        out.push(npm_locked(
            name,
            version,
            resolution["integrity"].as_str(),
            key.to_string(),
        ));
    }
    Ok(out)
}

/// One block of a classic yarn.lock.
#[derive(Default)]
struct YarnEntry {
    spec: String,
    version: Option<String>,
    resolved: Option<String>,
    integrity: Option<String>,
}

/// `yarn.lock`, classic (v1) or berry (YAML with `__metadata`).
pub(super) fn yarn_lock(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    if text.contains("__metadata:") {
        return yarn_berry(path, text);
    }
    let mut out = Entries::default();
    let mut current: Option<YarnEntry> = None;
    let flush = |cur: Option<YarnEntry>, out: &mut Entries| {
        let Some(YarnEntry {
            spec,
            version,
            resolved,
            integrity,
        }) = cur
        else {
            return;
        };
        let first = spec
            .split(", ")
            .next()
            .unwrap_or(&spec)
            .trim_matches('"')
            .to_string();
        let Some((mut name, range)) = split_at_version(&first) else {
            out.skip(&spec, "unrecognized entry");
            return;
        };
        if let Some(alias) = range.strip_prefix("npm:") {
            if let Some((real, _)) = split_at_version(alias) {
                name = real;
            }
        }
        let Some(version) = version else {
            out.skip(&spec, "no version recorded");
            return;
        };
        if let Some(reason) = non_registry(resolved.as_deref(), range) {
            out.skip(name, reason);
            return;
        }
        out.push(npm_locked(
            name,
            &version,
            integrity.as_deref(),
            first.clone(),
        ));
    };
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if !line.starts_with(' ') {
            flush(current.take(), &mut out);
            current = Some(YarnEntry {
                spec: line.trim_end_matches(':').to_string(),
                ..YarnEntry::default()
            });
            continue;
        }
        let Some(cur) = current.as_mut() else {
            continue;
        };
        let trimmed = line.trim();
        if let Some(v) = trimmed.strip_prefix("version ") {
            cur.version = Some(v.trim_matches('"').to_string());
        } else if let Some(v) = trimmed.strip_prefix("resolved ") {
            cur.resolved = Some(v.trim_matches('"').to_string());
        } else if let Some(v) = trimmed.strip_prefix("integrity ") {
            cur.integrity = Some(v.trim_matches('"').to_string());
        }
    }
    flush(current, &mut out);
    if out.packages.is_empty() && out.skipped.is_empty() && !text.contains("yarn lockfile") {
        return Err(LockfileError::new(path, "no entries: not a yarn lockfile"));
    }
    Ok(out)
}

fn yarn_berry(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc = load_yaml(path, text)?;
    let Some(map) = doc.as_hash() else {
        return Err(LockfileError::new(
            path,
            "expected a mapping at the top level",
        ));
    };
    let mut out = Entries::default();
    for (key, entry) in map {
        let Some(key) = key.as_str() else { continue };
        if key == "__metadata" {
            continue;
        }
        let Some(resolution) = entry["resolution"].as_str() else {
            out.skip(key, "no resolution recorded");
            continue;
        };
        let Some((name, reference)) = split_at_version(resolution) else {
            out.skip(key, "unrecognized resolution");
            continue;
        };
        let Some(version) = reference.strip_prefix("npm:") else {
            out.skip(
                key,
                "not an npm registry package (workspace, patch, git, file or link)",
            );
            continue;
        };
        // Berry's `checksum` hashes Yarn's cache zip, not the npm tarball: not comparable.
        out.push(npm_locked(name, version, None, key.to_string()));
    }
    Ok(out)
}
