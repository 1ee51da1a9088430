//! Python lockfiles: `requirements.txt` (pip, with `--hash`), `poetry.lock`, `uv.lock`.

use std::path::Path;

use registry_adapters::Ecosystem;

use super::{Entries, ExpectedDigest, Locked, LockfileError};

fn pypi_locked(
    name: &str,
    version: Option<&str>,
    pinned: bool,
    hashes: Vec<String>,
    origin: String,
) -> Locked {
    Locked {
        ecosystem: Ecosystem::Pypi,
        name: name.to_string(),
        version: version.map(str::to_string),
        pinned,
        digest: (!hashes.is_empty()).then_some(ExpectedDigest::Sha256(hashes)),
        origin,
    }
}

/// `requirements.txt`.
pub(super) fn requirements(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let mut out = Entries::default();
    let mut logical = String::new();
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut start = 0;
    for (i, raw) in text.lines().enumerate() {
        if logical.is_empty() {
            start = i + 1;
        }
        if let Some(cont) = raw.strip_suffix('\\') {
            logical.push_str(cont);
            logical.push(' ');
            continue;
        }
        logical.push_str(raw);
        lines.push((start, std::mem::take(&mut logical)));
    }
    if !logical.is_empty() {
        lines.push((start, logical));
    }
    for (line_no, line) in lines {
        // A comment starts at `#` at the line start or after whitespace.
        let content = match line
            .find(" #")
            .or_else(|| line.starts_with('#').then_some(0))
        {
            Some(i) => &line[..i],
            None => line.as_str(),
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        let origin = format!("line {line_no}");
        if content.starts_with('-') {
            let option = content.split([' ', '=']).next().unwrap_or(content);
            let reason = match option {
                "-r" | "--requirement" | "-c" | "--constraint" => {
                    "included file (audit it with its own --lockfile)"
                }
                "-e" | "--editable" => "editable (local or VCS) requirement",
                "-i" | "--index-url" | "--extra-index-url" => {
                    "index override: packages may come from another index (dependency confusion risk)"
                }
                "-f" | "--find-links" => "find-links: packages may come from outside the index",
                _ => "pip option",
            };
            out.skip(format!("{origin}: {content}"), reason);
            continue;
        }
        let mut hashes = Vec::new();
        let mut spec_parts = Vec::new();
        for token in content.split_whitespace() {
            if let Some(h) = token.strip_prefix("--hash=") {
                if let Some(hex) = h.strip_prefix("sha256:") {
                    hashes.push(hex.to_ascii_lowercase());
                }
            } else if !token.starts_with("--") {
                spec_parts.push(token);
            }
        }
        let spec = spec_parts.join(" ");
        let spec = spec.split(';').next().unwrap_or(&spec).trim();
        if spec.contains(" @ ")
            || spec.contains("://")
            || spec.starts_with('.')
            || spec.starts_with('/')
        {
            out.skip(format!("{origin}: {spec}"), "direct URL or path reference");
            continue;
        }
        let name_end = spec
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(spec.len());
        let name = &spec[..name_end];
        if name.is_empty() {
            out.skip(format!("{origin}: {spec}"), "not a requirement");
            continue;
        }
        let mut rest = spec[name_end..].trim();
        if rest.starts_with('[') {
            rest = rest.find(']').map_or("", |i| rest[i + 1..].trim());
        }
        let rest = rest.replace(' ', "");
        match rest.strip_prefix("==") {
            Some(v) if !v.contains(',') && !v.contains('*') && !v.is_empty() => {
                out.push(pypi_locked(
                    name,
                    Some(v.trim_start_matches('=')),
                    true,
                    hashes,
                    origin,
                ));
            }
            _ if rest.is_empty() => out.push(pypi_locked(name, None, false, hashes, origin)),
            _ => out.push(pypi_locked(name, Some(&rest), false, hashes, origin)),
        }
    }
    let _ = path;
    Ok(out)
}

fn parse_toml(path: &Path, text: &str) -> Result<toml::Table, LockfileError> {
    text.parse::<toml::Table>()
        .map_err(|e| LockfileError::new(path, format!("invalid TOML: {}", e.message())))
}

fn packages(table: &toml::Table) -> impl Iterator<Item = &toml::Table> {
    table
        .get("package")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(toml::Value::as_table)
}

fn sha256_of(hash: &str) -> Option<String> {
    hash.strip_prefix("sha256:").map(str::to_ascii_lowercase)
}

/// `poetry.lock`.
pub(super) fn poetry_lock(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc = parse_toml(path, text)?;
    let mut out = Entries::default();
    for pkg in packages(&doc) {
        let name = pkg
            .get("name")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        let version = pkg
            .get("version")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        if name.is_empty() || version.is_empty() {
            out.skip(name, "no name or version");
            continue;
        }
        let source_type = pkg
            .get("source")
            .and_then(toml::Value::as_table)
            .and_then(|s| s.get("type"))
            .and_then(toml::Value::as_str);
        if let Some(kind @ ("git" | "url" | "file" | "directory")) = source_type {
            out.skip(
                format!("{name} {version}"),
                format!("{kind} source, not a registry package"),
            );
            continue;
        }
        let hashes = pkg
            .get("files")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|f| {
                f.get("hash")
                    .and_then(toml::Value::as_str)
                    .and_then(sha256_of)
            })
            .collect();
        out.push(pypi_locked(
            name,
            Some(version),
            true,
            hashes,
            format!("{name} {version}"),
        ));
    }
    Ok(out)
}

/// `uv.lock`.
pub(super) fn uv_lock(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc = parse_toml(path, text)?;
    let mut out = Entries::default();
    for pkg in packages(&doc) {
        let name = pkg
            .get("name")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        let version = pkg
            .get("version")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        let source = pkg.get("source").and_then(toml::Value::as_table);
        let from_registry = source.is_some_and(|s| s.contains_key("registry"));
        if !from_registry {
            let kind = source
                .and_then(|s| s.keys().next().cloned())
                .unwrap_or_else(|| "unknown".into());
            out.skip(
                format!("{name} {version}"),
                format!("{kind} source, not a registry package"),
            );
            continue;
        }
        let mut hashes: Vec<String> = Vec::new();
        if let Some(h) = pkg
            .get("sdist")
            .and_then(|s| s.get("hash"))
            .and_then(toml::Value::as_str)
        {
            hashes.extend(sha256_of(h));
        }
        for wheel in pkg
            .get("wheels")
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(h) = wheel.get("hash").and_then(toml::Value::as_str) {
                hashes.extend(sha256_of(h));
            }
        }
        out.push(pypi_locked(
            name,
            Some(version),
            true,
            hashes,
            format!("{name} {version}"),
        ));
    }
    Ok(out)
}
