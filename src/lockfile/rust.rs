//! `Cargo.lock`.

use std::path::Path;

use registry_adapters::Ecosystem;

use super::{Entries, ExpectedDigest, Locked, LockfileError};

/// `Cargo.lock` (v1–v4): registry packages with their `checksum`.
pub(super) fn cargo_lock(path: &Path, text: &str) -> Result<Entries, LockfileError> {
    let doc = text
        .parse::<toml::Table>()
        .map_err(|e| LockfileError::new(path, format!("invalid TOML: {}", e.message())))?;
    let mut out = Entries::default();
    let packages = doc
        .get("package")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten();
    for pkg in packages.filter_map(toml::Value::as_table) {
        let name = pkg
            .get("name")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        let version = pkg
            .get("version")
            .and_then(toml::Value::as_str)
            .unwrap_or_default();
        let entry = format!("{name} {version}");
        match pkg.get("source").and_then(toml::Value::as_str) {
            None => out.skip(entry, "workspace or path crate"),
            Some(s) if s.starts_with("git+") => out.skip(entry, "git dependency"),
            Some(s) if s.starts_with("registry+") || s.starts_with("sparse+") => {
                let checksum = pkg.get("checksum").and_then(toml::Value::as_str);
                out.push(Locked {
                    ecosystem: Ecosystem::Crates,
                    name: name.to_string(),
                    version: Some(version.to_string()),
                    pinned: true,
                    digest: checksum.map(|c| ExpectedDigest::Sha256(vec![c.to_ascii_lowercase()])),
                    origin: entry,
                });
            }
            Some(other) => out.skip(entry, format!("unknown source `{other}`")),
        }
    }
    Ok(out)
}
