//! crates.io: the sparse index (`{index}/config.json` and one newline-delimited JSON file per
//! crate), Cargo requirements, `cksum` (sha256) checked on download from the `dl` template.

use std::sync::OnceLock;

use serde::Deserialize;
use url::Url;

use crate::cache::Cache;
use crate::digest::{Algorithm, Digest};
use crate::http::{redact, HttpClient, Request};
use crate::{
    versions, Ecosystem, Error, FetchedArtifact, PackageRequest, Registry, RegistryMetadata,
    Reporter, ResolvedPackage, VersionSpec,
};

/// The crates.io (or compatible sparse registry) adapter.
#[derive(Debug)]
pub struct CratesIo {
    http: HttpClient,
    index: Url,
    dl: OnceLock<String>,
}

/// One line of an index file.
#[derive(Debug, Deserialize)]
struct IndexEntry {
    name: String,
    vers: String,
    cksum: String,
    #[serde(default)]
    yanked: bool,
    #[serde(default)]
    links: Option<String>,
    #[serde(default)]
    pubtime: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Config {
    dl: String,
}

/// The index path of a crate name (lowercased): `1/a`, `2/io`, `3/s/syn`, `se/rd/serde`.
#[must_use]
pub fn index_path(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    match lower.len() {
        0 => String::new(),
        1 => format!("1/{lower}"),
        2 => format!("2/{lower}"),
        3 => format!("3/{}/{lower}", &lower[..1]),
        _ => format!("{}/{}/{lower}", &lower[..2], &lower[2..4]),
    }
}

/// Expands the `dl` template of `config.json` (Cargo's rules): the markers `{crate}`,
/// `{version}`, `{prefix}`, `{lowerprefix}`, `{sha256-checksum}`; with none,
/// `/{crate}/{version}/download` is appended.
#[must_use]
pub fn download_url(dl: &str, name: &str, version: &str, cksum: &str) -> String {
    const MARKERS: [&str; 5] = [
        "{crate}",
        "{version}",
        "{prefix}",
        "{lowerprefix}",
        "{sha256-checksum}",
    ];
    if !MARKERS.iter().any(|m| dl.contains(m)) {
        return format!("{}/{name}/{version}/download", dl.trim_end_matches('/'));
    }
    let lower = name.to_ascii_lowercase();
    dl.replace("{crate}", name)
        .replace("{version}", version)
        .replace("{lowerprefix}", &prefix(&lower))
        .replace("{prefix}", &prefix(name))
        .replace("{sha256-checksum}", cksum)
}

/// The directory part of the index path, keeping the name's case.
fn prefix(name: &str) -> String {
    match name.len() {
        1 => "1".into(),
        2 => "2".into(),
        3 => format!("3/{}", &name[..1]),
        _ => format!("{}/{}", &name[..2], &name[2..4]),
    }
}

impl CratesIo {
    /// An adapter for the sparse index at `index`.
    #[must_use]
    pub fn new(http: HttpClient, index: Url) -> CratesIo {
        CratesIo {
            http,
            index,
            dl: OnceLock::new(),
        }
    }

    fn get(&self, path: &str) -> Result<Option<(Url, Vec<u8>)>, Error> {
        let url = self.index.join(path).map_err(|e| Error::Config {
            message: format!("cannot form the index URL for `{path}`: {e}"),
        })?;
        let response = self.http.get(&Request::get(url.clone()))?;
        match response.status {
            200 => Ok(Some((response.url, response.body))),
            // Sparse registries answer 404 (or 410/451) for crates they do not have.
            404 | 410 | 451 => Ok(None),
            status => Err(Error::Status {
                url: redact(&url),
                status,
                hint: String::new(),
            }),
        }
    }

    /// `dl` from the index's `config.json` (fetched once).
    fn dl(&self) -> Result<String, Error> {
        if let Some(dl) = self.dl.get() {
            return Ok(dl.clone());
        }
        let (url, body) = self.get("config.json")?.ok_or_else(|| Error::NotFound {
            what: "`config.json`".into(),
            registry: redact(&self.index),
        })?;
        let config: Config = serde_json::from_slice(&body)
            .map_err(|e| Error::invalid(redact(&url), format!("bad config.json: {e}")))?;
        // A relative `dl` is read against the index root.
        let dl = match Url::parse(&config.dl) {
            Ok(_) => config.dl,
            Err(_) => self
                .index
                .join(&config.dl)
                .map(|u| u.to_string())
                .map_err(|e| Error::invalid(redact(&url), format!("bad `dl`: {e}")))?,
        };
        Ok(self.dl.get_or_init(|| dl).clone())
    }
}

impl Registry for CratesIo {
    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Crates
    }

    fn base_url(&self) -> &Url {
        &self.index
    }

    fn resolve(&self, request: &PackageRequest) -> Result<ResolvedPackage, Error> {
        let name = &request.name;
        let (url, body) = self
            .get(&index_path(name))?
            .ok_or_else(|| Error::NotFound {
                what: format!("crate `{name}`"),
                registry: redact(&self.index),
            })?;
        let text = String::from_utf8_lossy(&body);
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let entry: IndexEntry = serde_json::from_str(line).map_err(|e| {
                Error::invalid(
                    redact(&url),
                    format!("line {} is not an index entry: {e}", n + 1),
                )
            })?;
            entries.push(entry);
        }
        let live = || {
            entries
                .iter()
                .filter(|e| !e.yanked)
                .map(|e| e.vers.as_str())
        };
        let version = match &request.version {
            VersionSpec::Latest => versions::cargo_highest(live()),
            VersionSpec::Requirement(r) | VersionSpec::Tag(r) => {
                let is_exact = semver::Version::parse(r.trim()).is_ok()
                    || r.trim().starts_with('=') && !r.contains(',');
                let pool: Vec<&str> = if is_exact {
                    entries.iter().map(|e| e.vers.as_str()).collect()
                } else {
                    live().collect()
                };
                versions::cargo_pick(r, pool).map_err(|reason| Error::InvalidRequirement {
                    name: name.clone(),
                    requirement: r.clone(),
                    reason,
                })?
            }
        };
        let requirement = match &request.version {
            VersionSpec::Latest => "latest".to_string(),
            VersionSpec::Requirement(r) | VersionSpec::Tag(r) => r.clone(),
        };
        let version = version.ok_or_else(|| Error::NoMatchingVersion {
            name: name.clone(),
            requirement,
            detail: format!(
                "; {} versions in the index, {} yanked",
                entries.len(),
                entries.iter().filter(|e| e.yanked).count()
            ),
        })?;
        let entry = entries
            .iter()
            .find(|e| e.vers == version)
            .expect("picked from the entries");
        let digest = Digest::from_hex(Algorithm::Sha256, &entry.cksum).ok_or_else(|| {
            Error::invalid(
                redact(&url),
                format!("`cksum` of {version} is not a sha256"),
            )
        })?;
        let dl = self.dl()?;
        let download = download_url(&dl, &entry.name, &entry.vers, &digest.hex);
        let download = Url::parse(&download)
            .map_err(|e| Error::invalid(&download, format!("bad download URL: {e}")))?;
        Ok(ResolvedPackage {
            ecosystem: Ecosystem::Crates,
            name: entry.name.clone(),
            version: entry.vers.clone(),
            url: download.to_string(),
            filename: format!("{}-{}.crate", entry.name, entry.vers),
            metadata: RegistryMetadata {
                published_at: entry.pubtime.clone(),
                created_at: entries.first().and_then(|e| e.pubtime.clone()),
                yanked: entry.yanked,
                version_count: Some(entries.len()),
                // `links` means a build script links a native library.
                has_install_script: entry.links.as_ref().map(|_| true),
                ..RegistryMetadata::default()
            },
            digests: vec![digest],
        })
    }

    fn fetch(
        &self,
        package: &ResolvedPackage,
        cache: &Cache,
        reporter: Option<&dyn Reporter>,
    ) -> Result<FetchedArtifact, Error> {
        let url =
            Url::parse(&package.url).map_err(|e| Error::invalid(&package.url, e.to_string()))?;
        cache.download(&self.http, &Request::get(url), package, reporter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_paths_by_length() {
        for (name, path) in [
            ("a", "1/a"),
            ("io", "2/io"),
            ("syn", "3/s/syn"),
            ("rmcp", "rm/cp/rmcp"),
            ("Serde", "se/rd/serde"),
            ("cargo-audit", "ca/rg/cargo-audit"),
        ] {
            assert_eq!(index_path(name), path, "{name}");
        }
    }

    #[test]
    fn dl_templates() {
        let sum = "ab".repeat(32);
        assert_eq!(
            download_url("https://static.crates.io/crates", "rmcp", "3.11.0", &sum),
            "https://static.crates.io/crates/rmcp/3.11.0/download"
        );
        assert_eq!(
            download_url(
                "https://m.example/{crate}/{crate}-{version}.crate",
                "rmcp",
                "1.0.0",
                &sum
            ),
            "https://m.example/rmcp/rmcp-1.0.0.crate"
        );
        assert_eq!(
            download_url(
                "https://m.example/{lowerprefix}/{prefix}/{sha256-checksum}",
                "Serde",
                "1.0.0",
                &sum
            ),
            format!("https://m.example/se/rd/Se/rd/{sum}")
        );
        assert_eq!(
            download_url("https://m.example/{prefix}/x", "syn", "1.0.0", &sum),
            "https://m.example/3/s/x"
        );
    }
}
