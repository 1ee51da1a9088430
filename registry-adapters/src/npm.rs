//! npm: the packument (`GET {npm}/<name>`), dist-tags, npm range semantics, tarball download
//! checked against `dist.integrity` (SRI; the strongest hash) or else `dist.shasum`.

use serde_json::Value;
use url::Url;

use crate::cache::Cache;
use crate::digest::{self, Algorithm, Digest};
use crate::http::{redact, HttpClient, Request};
use crate::{
    versions, Ecosystem, Error, FetchedArtifact, PackageRequest, Registry, RegistryMetadata,
    Reporter, ResolvedPackage, VersionSpec,
};

/// The full packument (abbreviated documents carry no `scripts`, `time` or `maintainers`).
const ACCEPT: &str = "application/json";

/// The npm registry adapter.
#[derive(Debug, Clone)]
pub struct Npm {
    http: HttpClient,
    base: Url,
}

impl Npm {
    /// An adapter for the registry at `base`.
    #[must_use]
    pub fn new(http: HttpClient, base: Url) -> Npm {
        Npm { http, base }
    }

    /// The packument URL: scoped names keep the `@` and encode the `/` as `%2f`.
    ///
    /// # Errors
    /// The name cannot form a URL.
    pub fn packument_url(&self, name: &str) -> Result<Url, Error> {
        let encoded = name.replacen('/', "%2f", 1);
        self.base.join(&encoded).map_err(|e| Error::Config {
            message: format!("cannot form the npm URL for `{name}`: {e}"),
        })
    }
}

impl Registry for Npm {
    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Npm
    }

    fn base_url(&self) -> &Url {
        &self.base
    }

    fn resolve(&self, request: &PackageRequest) -> Result<ResolvedPackage, Error> {
        let url = self.packument_url(&request.name)?;
        let response = self.http.get(&Request::get(url.clone()).accept(ACCEPT))?;
        match response.status {
            200 => {}
            404 => {
                return Err(Error::NotFound {
                    what: format!("npm package `{}`", request.name),
                    registry: redact(&self.base),
                })
            }
            status => {
                return Err(Error::Status {
                    url: redact(&url),
                    status,
                    hint: String::new(),
                })
            }
        }
        let doc: Value = serde_json::from_slice(&response.body)
            .map_err(|e| Error::invalid(redact(&url), format!("packument is not JSON: {e}")))?;
        resolve_in_packument(&doc, request, &response.url)
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

/// Picks the version a request names in a packument and describes its tarball.
///
/// # Errors
/// No such tag or version, or the version has no tarball.
pub fn resolve_in_packument(
    doc: &Value,
    request: &PackageRequest,
    doc_url: &Url,
) -> Result<ResolvedPackage, Error> {
    let name = request.name.as_str();
    let versions = doc
        .get("versions")
        .and_then(Value::as_object)
        .ok_or_else(|| Error::invalid(redact(doc_url), "packument has no `versions`"))?;
    let tags = doc.get("dist-tags").and_then(Value::as_object);
    let tag_of = |t: &str| tags.and_then(|m| m.get(t)).and_then(Value::as_str);
    let no_match = |requirement: &str, detail: String| Error::NoMatchingVersion {
        name: name.to_string(),
        requirement: requirement.to_string(),
        detail,
    };
    let (version, tag) = match &request.version {
        VersionSpec::Latest => match tag_of("latest") {
            Some(v) => (v.to_string(), Some("latest".to_string())),
            None => (
                versions::npm_highest(versions.keys().map(String::as_str))
                    .ok_or_else(|| no_match("latest", "; the package has no versions".into()))?,
                None,
            ),
        },
        VersionSpec::Tag(t) => match tag_of(t) {
            Some(v) => (v.to_string(), Some(t.clone())),
            None => {
                let known: Vec<&str> = tags
                    .map(|m| m.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                return Err(no_match(
                    t,
                    format!("; no dist-tag `{t}` (tags: {})", known.join(", ")),
                ));
            }
        },
        VersionSpec::Requirement(range) => {
            if versions.contains_key(range.trim()) {
                (range.trim().to_string(), None)
            } else {
                let candidates = versions.iter().map(|(v, m)| {
                    (
                        v.as_str(),
                        m.get("deprecated").is_some_and(|d| !d.is_null()),
                    )
                });
                let picked =
                    versions::npm_pick(range, candidates, tag_of("latest")).map_err(|reason| {
                        Error::InvalidRequirement {
                            name: name.to_string(),
                            requirement: range.clone(),
                            reason,
                        }
                    })?;
                (
                    picked.ok_or_else(|| {
                        no_match(range, format!("; {} versions published", versions.len()))
                    })?,
                    None,
                )
            }
        }
    };
    let manifest = versions.get(&version).ok_or_else(|| {
        no_match(
            &version,
            "; the dist-tag points at a version that is not in the packument".into(),
        )
    })?;
    let dist = manifest.get("dist").ok_or_else(|| Error::NoArtifact {
        package: format!("{name}@{version}"),
        reason: "the version has no `dist`".into(),
    })?;
    let tarball = dist
        .get("tarball")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::NoArtifact {
            package: format!("{name}@{version}"),
            reason: "`dist.tarball` is missing".into(),
        })?;
    let tarball_url = doc_url
        .join(tarball)
        .map_err(|e| Error::invalid(redact(doc_url), format!("bad tarball URL: {e}")))?;
    let mut digests = dist
        .get("integrity")
        .and_then(Value::as_str)
        .map(digest::parse_sri)
        .unwrap_or_default();
    if digests.is_empty() {
        if let Some(d) = dist
            .get("shasum")
            .and_then(Value::as_str)
            .and_then(|s| Digest::from_hex(Algorithm::Sha1, s))
        {
            digests.push(d);
        }
    }
    let filename = tarball_url
        .path_segments()
        .and_then(|mut s| s.next_back())
        .filter(|s| !s.is_empty())
        .map_or_else(
            || format!("{}-{version}.tgz", name.rsplit('/').next().unwrap_or(name)),
            str::to_string,
        );
    let mut metadata = metadata(doc, manifest, &version);
    metadata.tag = tag;
    Ok(ResolvedPackage {
        ecosystem: Ecosystem::Npm,
        name: doc
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(name)
            .to_string(),
        version,
        url: tarball_url.to_string(),
        filename,
        metadata,
        digests,
    })
}

/// The registry facts of one version. Every field is optional.
fn metadata(doc: &Value, manifest: &Value, version: &str) -> RegistryMetadata {
    let time = doc.get("time");
    let text = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    let scripts = manifest
        .get("scripts")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let mut maintainers: Vec<String> = manifest
        .get("maintainers")
        .or_else(|| doc.get("maintainers"))
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(person).collect())
        .unwrap_or_default();
    maintainers.sort();
    maintainers.dedup();
    let dist = manifest.get("dist");
    let provenance = dist.map(|d| {
        d.get("attestations")
            .and_then(|a| a.get("provenance"))
            .is_some_and(|p| !p.is_null())
    });
    RegistryMetadata {
        published_at: text(time.and_then(|t| t.get(version))),
        created_at: text(time.and_then(|t| t.get("created"))),
        deprecated: manifest.get("deprecated").and_then(|d| match d {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Bool(true) => Some("deprecated".to_string()),
            _ => None,
        }),
        yanked: false,
        yanked_reason: None,
        // Filled from the bulk advisory endpoint by the caller ([`crate::Client::npm_advisories`]).
        vulnerabilities: None,
        repository: repository(manifest.get("repository").or_else(|| doc.get("repository"))),
        maintainers,
        scripts,
        has_install_script: manifest.get("hasInstallScript").and_then(Value::as_bool),
        provenance,
        version_count: doc
            .get("versions")
            .and_then(Value::as_object)
            .map(serde_json::Map::len),
        publisher: manifest.get("_npmUser").and_then(person),
        tag: None,
    }
}

/// `{name,email}` or `"Name <email>"` → the name.
fn person(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_string),
        Value::String(s) => s
            .split('<')
            .next()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        _ => None,
    }
}

/// `repository` as a string shorthand or `{type,url,directory}`.
fn repository(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Object(m) => m.get("url").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn req(version: VersionSpec) -> PackageRequest {
        PackageRequest {
            ecosystem: Ecosystem::Npm,
            name: "@scope/srv".into(),
            version,
            artifact: None,
        }
    }

    fn doc() -> Value {
        json!({
            "name": "@scope/srv",
            "dist-tags": {"latest": "1.2.0", "next": "2.0.0-beta.1"},
            "time": {"created": "2025-01-01T00:00:00Z", "1.2.0": "2025-03-01T00:00:00Z"},
            "maintainers": [{"name": "bob", "email": "b@x"}, {"name": "alice"}],
            "repository": {"type": "git", "url": "git+https://github.com/scope/srv.git"},
            "versions": {
                "1.0.0": {"dist": {"tarball": "https://r.example/@scope/srv/-/srv-1.0.0.tgz", "shasum": "7f88dfab06d4521a4bf937dccbaeb79d46a3e717"}},
                "1.2.0": {"scripts": {"postinstall": "node x.js"}, "hasInstallScript": true,
                          "_npmUser": {"name": "bob"},
                          "dist": {"tarball": "/@scope/srv/-/srv-1.2.0.tgz",
                                   "integrity": "sha512-kKaFkyAh6oipvc9+EAbJ552JafnMnOq5nzmzWkp1jJdBhTAAGpmIpWihUG1+rfNhmEFM98gUZDdCHCDD4v6a7Q==",
                                   "attestations": {"url": "x", "provenance": {"predicateType": "https://slsa.dev/provenance/v1"}}}},
                "1.3.0": {"deprecated": "use 1.2", "dist": {"tarball": "https://r.example/@scope/srv/-/srv-1.3.0.tgz"}},
                "2.0.0-beta.1": {"dist": {"tarball": "https://r.example/@scope/srv/-/srv-2.0.0-beta.1.tgz"}}
            }
        })
    }

    fn resolve(v: VersionSpec) -> Result<ResolvedPackage, Error> {
        let base = Url::parse("http://127.0.0.1:1/npm/@scope%2fsrv").unwrap();
        resolve_in_packument(&doc(), &req(v), &base)
    }

    #[test]
    fn latest_tags_exact_and_ranges() {
        let p = resolve(VersionSpec::Latest).unwrap();
        assert_eq!(p.version, "1.2.0");
        assert_eq!(p.url, "http://127.0.0.1:1/@scope/srv/-/srv-1.2.0.tgz");
        assert_eq!(p.filename, "srv-1.2.0.tgz");
        assert_eq!(p.digests[0].algorithm, Algorithm::Sha512);
        assert_eq!(
            p.metadata.published_at.as_deref(),
            Some("2025-03-01T00:00:00Z")
        );
        assert_eq!(
            p.metadata.created_at.as_deref(),
            Some("2025-01-01T00:00:00Z")
        );
        assert_eq!(p.metadata.maintainers, ["alice", "bob"]);
        assert_eq!(p.metadata.scripts["postinstall"], "node x.js");
        assert_eq!(p.metadata.has_install_script, Some(true));
        assert_eq!(p.metadata.provenance, Some(true));
        assert_eq!(p.metadata.version_count, Some(4));
        assert_eq!(p.metadata.publisher.as_deref(), Some("bob"));
        assert_eq!(
            p.metadata.repository.as_deref(),
            Some("git+https://github.com/scope/srv.git")
        );
        assert_eq!(
            resolve(VersionSpec::Tag("next".into())).unwrap().version,
            "2.0.0-beta.1"
        );
        let old = resolve(VersionSpec::Requirement("1.0.0".into())).unwrap();
        assert_eq!(old.digests[0].algorithm, Algorithm::Sha1);
        assert_eq!(old.metadata.provenance, Some(false));
        // `latest` satisfies ^1 so npm picks it over the (deprecated) 1.3.0.
        assert_eq!(
            resolve(VersionSpec::Requirement("^1".into()))
                .unwrap()
                .version,
            "1.2.0"
        );
        let dep = resolve(VersionSpec::Requirement("~1.3".into())).unwrap();
        assert_eq!(dep.metadata.deprecated.as_deref(), Some("use 1.2"));
        assert_eq!(dep.digests, []);
    }

    #[test]
    fn misses_are_clear() {
        let e = resolve(VersionSpec::Tag("beta".into()))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no dist-tag `beta`") && e.contains("latest, next"),
            "{e}"
        );
        let e = resolve(VersionSpec::Requirement("^9".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("no version of `@scope/srv` matches `^9`"), "{e}");
        let e = resolve(VersionSpec::Requirement("%%".into()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid version requirement"), "{e}");
    }

    #[test]
    fn scoped_names_encode_the_slash_only() {
        let http = HttpClient::new(crate::HttpSettings::default()).unwrap();
        let npm = Npm::new(http, Url::parse("https://registry.npmjs.org/").unwrap());
        assert_eq!(
            npm.packument_url("@modelcontextprotocol/server-filesystem")
                .unwrap()
                .as_str(),
            "https://registry.npmjs.org/@modelcontextprotocol%2fserver-filesystem"
        );
        assert_eq!(
            npm.packument_url("left-pad").unwrap().as_str(),
            "https://registry.npmjs.org/left-pad"
        );
    }
}
