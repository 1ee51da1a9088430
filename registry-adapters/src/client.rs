//! [`Client`]: the entry point that holds one adapter per ecosystem, the cache and the
//! connectivity mode, and records what each request resolved to for `--offline` use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use url::Url;

use crate::advisories;
use crate::cache::{self, Cache, CachedAdvisories};
use crate::defaults::Endpoints;
use crate::http::{HttpClient, HttpSettings};
use crate::{
    crates_io, github, npm, pypi, Ecosystem, Error, FetchedArtifact, PackageRequest, Registry,
    Reporter, ResolvedPackage, VersionSpec,
};

/// Whether registries may be asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Connectivity {
    /// Registries are asked; the cache saves re-downloads.
    #[default]
    Online,
    /// Only the cache answers.
    Offline,
}

/// Settings for a [`Client`].
#[must_use]
pub struct ClientBuilder {
    endpoints: Endpoints,
    http: HttpSettings,
    cache_dir: Option<PathBuf>,
    connectivity: Connectivity,
    github_token: Option<String>,
    reporter: Option<Arc<dyn Reporter>>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoints", &self.endpoints)
            .field("http", &self.http)
            .field("cache_dir", &self.cache_dir)
            .field("connectivity", &self.connectivity)
            .field("github_token", &self.github_token.as_ref().map(|_| "***"))
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            endpoints: Endpoints::default(),
            http: HttpSettings::default(),
            cache_dir: None,
            connectivity: Connectivity::Online,
            github_token: None,
            reporter: None,
        }
    }
}

impl ClientBuilder {
    /// Defaults: public registries, default timeouts, the user cache directory, online.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Registry base URLs, the cache directory and the GitHub token from the environment.
    ///
    /// # Errors
    /// A base-URL variable is not a URL.
    pub fn from_env() -> Result<ClientBuilder, Error> {
        let mut b = ClientBuilder::new().endpoints(Endpoints::from_env()?);
        b.github_token = crate::defaults::github_token_from_env();
        if let Some(dir) =
            std::env::var_os(crate::defaults::MCP_AUDIT_CACHE_DIR).filter(|v| !v.is_empty())
        {
            b.cache_dir = Some(PathBuf::from(dir));
        }
        Ok(b)
    }

    /// Registry base URLs.
    pub fn endpoints(mut self, endpoints: Endpoints) -> Self {
        self.endpoints = endpoints;
        self
    }

    /// Network settings (timeouts, retries, caps, User-Agent).
    pub fn http(mut self, http: HttpSettings) -> Self {
        self.http = http;
        self
    }

    /// The cache directory.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Online or offline.
    pub fn connectivity(mut self, connectivity: Connectivity) -> Self {
        self.connectivity = connectivity;
        self
    }

    /// A GitHub token (sent only to the GitHub API origin).
    pub fn github_token(mut self, token: Option<String>) -> Self {
        self.github_token = token;
        self
    }

    /// A download progress reporter.
    pub fn reporter(mut self, reporter: Arc<dyn Reporter>) -> Self {
        self.reporter = Some(reporter);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// No cache directory could be determined, or the HTTP client could not be set up.
    pub fn build(self) -> Result<Client, Error> {
        let cache_dir = match self.cache_dir.or_else(cache::default_dir) {
            Some(d) => d,
            None => {
                return Err(Error::Config {
                    message: "no cache directory: set MCP_AUDIT_CACHE_DIR".into(),
                })
            }
        };
        let http = HttpClient::new(self.http)?;
        let npm_base = self.endpoints.npm.clone();
        let advisory_http = http.clone();
        let registries: Vec<Box<dyn Registry>> = vec![
            Box::new(npm::Npm::new(http.clone(), self.endpoints.npm.clone())),
            Box::new(pypi::Pypi::new(http.clone(), self.endpoints.pypi.clone())),
            Box::new(crates_io::CratesIo::new(
                http.clone(),
                self.endpoints.crates_index.clone(),
            )),
            Box::new(github::GitHub::new(
                http,
                self.endpoints.github_api.clone(),
                self.github_token.as_deref(),
            )),
        ];
        Ok(Client {
            registries,
            cache: Cache::new(cache_dir),
            connectivity: self.connectivity,
            reporter: self.reporter,
            http: advisory_http,
            npm_base,
        })
    }
}

/// Resolves and fetches packages from any supported registry, through the cache.
pub struct Client {
    registries: Vec<Box<dyn Registry>>,
    cache: Cache,
    connectivity: Connectivity,
    reporter: Option<Arc<dyn Reporter>>,
    http: HttpClient,
    npm_base: Url,
}

/// How long cached advisories are used before the registry is asked again (online); offline
/// they are used whatever their age.
pub(crate) const ADVISORY_TTL: Duration = Duration::from_secs(6 * 3600);

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("cache", &self.cache)
            .field("connectivity", &self.connectivity)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// The cache.
    #[must_use]
    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    /// The adapter for an ecosystem.
    ///
    /// # Errors
    /// [`Error::Config`] for an ecosystem no registry serves (`mcpb`, `unknown`).
    pub fn registry(&self, ecosystem: Ecosystem) -> Result<&dyn Registry, Error> {
        self.registries
            .iter()
            .find(|r| r.ecosystem() == ecosystem)
            .map(AsRef::as_ref)
            .ok_or_else(|| Error::Config {
                message: format!("no registry serves `{ecosystem}` packages"),
            })
    }

    /// Resolves and downloads a request (online), or answers it from the cache (offline).
    /// Online, an artifact already in the cache under the same URL and digests is reused after
    /// re-hashing instead of downloaded again.
    ///
    /// # Errors
    /// Resolution and download failures; [`Error::NotCached`] offline.
    #[tracing::instrument(level = "debug", skip(self), fields(name = %request.name))]
    pub fn obtain(&self, request: &PackageRequest) -> Result<FetchedArtifact, Error> {
        let registry = self.registry(request.ecosystem)?;
        let request_key = key(registry, request);
        if self.connectivity == Connectivity::Offline {
            return self.offline(request, &request_key);
        }
        let package = registry.resolve(request)?;
        let exact_key = key(registry, &exact_request(&package, request));
        if let Some(record) = self.cache.record(&exact_key) {
            if record.package.url == package.url && record.package.digests == package.digests {
                if let Some(mut hit) = self.cache.artifact(&record)? {
                    tracing::debug!("using cached `{}`", hit.path.display());
                    hit.package = package;
                    self.remember(&[&request_key, &exact_key], &hit);
                    return Ok(hit);
                }
            }
        }
        let fetched = registry.fetch(&package, &self.cache, self.reporter.as_deref())?;
        self.remember(&[&request_key, &exact_key], &fetched);
        Ok(fetched)
    }

    /// Like [`Client::obtain`], for a request whose exact bytes a lockfile pins: when the
    /// cache already holds an artifact recorded for this request whose digests include one of
    /// `pinned` (and it still hashes to them), it is used without asking the registry, with
    /// the metadata recorded when it was downloaded. Otherwise as [`Client::obtain`].
    ///
    /// # Errors
    /// As [`Client::obtain`].
    pub fn obtain_pinned(
        &self,
        request: &PackageRequest,
        pinned: &[crate::Digest],
    ) -> Result<FetchedArtifact, Error> {
        if !pinned.is_empty() && self.connectivity == Connectivity::Online {
            let registry = self.registry(request.ecosystem)?;
            if let Some(record) = self.cache.record(&key(registry, request)) {
                let matches = record.package.digests.iter().any(|d| pinned.contains(d))
                    || pinned
                        .iter()
                        .any(|d| d.algorithm == crate::Algorithm::Sha256 && d.hex == record.sha256);
                if matches {
                    if let Some(hit) = self.cache.artifact(&record)? {
                        if hit.integrity == crate::Integrity::Verified {
                            tracing::debug!("pinned `{}` from the cache", hit.path.display());
                            return Ok(hit);
                        }
                    }
                }
            }
        }
        self.obtain(request)
    }

    fn offline(
        &self,
        request: &PackageRequest,
        request_key: &str,
    ) -> Result<FetchedArtifact, Error> {
        let not_cached = || Error::NotCached {
            request: describe(request),
        };
        let record = self.cache.record(request_key).ok_or_else(not_cached)?;
        self.cache.artifact(&record)?.ok_or_else(not_cached)
    }

    fn remember(&self, keys: &[&str], artifact: &FetchedArtifact) {
        for k in keys {
            if let Err(e) = self.cache.put_record(k, artifact) {
                tracing::warn!("could not record `{k}` in the cache index: {e}");
            }
        }
    }

    /// Resolves without downloading (always online).
    ///
    /// # Errors
    /// As [`Registry::resolve`]; [`Error::NotCached`] offline.
    pub fn resolve(&self, request: &PackageRequest) -> Result<ResolvedPackage, Error> {
        let registry = self.registry(request.ecosystem)?;
        if self.connectivity == Connectivity::Offline {
            let key = key(registry, request);
            return self
                .cache
                .record(&key)
                .map(|r| r.package)
                .ok_or_else(|| Error::NotCached {
                    request: describe(request),
                });
        }
        registry.resolve(request)
    }
}

impl Client {
    /// The known vulnerabilities of npm package versions, from the cache when fresh (or
    /// offline), else from one bulk request to the registry's advisory endpoint for all the
    /// rest. A version missing from the answer is not known either way: offline with nothing
    /// cached, or a registry that does not serve advisories (then stale cache entries are used).
    #[must_use]
    pub fn npm_advisories(&self, packages: &[(String, String)]) -> advisories::AdvisoryMap {
        let now = unix_now();
        let base = crate::http::redact(&self.npm_base);
        let key = |n: &str, v: &str| format!("{base}|npm|{n}|{v}");
        let mut known = BTreeMap::new();
        let mut stale = BTreeMap::new();
        let mut ask: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, version) in packages {
            let cached = self.cache.advisories(&key(name, version));
            match cached {
                Some(c)
                    if self.connectivity == Connectivity::Offline
                        || now.saturating_sub(c.fetched_at) < ADVISORY_TTL.as_secs() =>
                {
                    known.insert((name.clone(), version.clone()), c.advisories);
                }
                other => {
                    if let Some(c) = other {
                        stale.insert((name.clone(), version.clone()), c.advisories);
                    }
                    ask.entry(name.clone()).or_default().insert(version.clone());
                }
            }
        }
        if ask.is_empty() || self.connectivity == Connectivity::Offline {
            return known;
        }
        // A registry that does not serve the endpoint is not asked again for a while.
        let unserved_key = format!("{base}|npm|-unserved-");
        let unserved = self
            .cache
            .advisories(&unserved_key)
            .is_some_and(|c| now.saturating_sub(c.fetched_at) < ADVISORY_TTL.as_secs());
        let answer = if unserved {
            Ok(None)
        } else {
            advisories::npm_bulk(&self.http, &self.npm_base, &ask)
        };
        match answer {
            Ok(Some(found)) => {
                for ((name, version), list) in found {
                    let entry = CachedAdvisories {
                        key: key(&name, &version),
                        fetched_at: now,
                        advisories: list,
                    };
                    if let Err(e) = self.cache.put_advisories(&entry) {
                        tracing::warn!("cannot cache advisories of `{name}@{version}`: {e}");
                    }
                    known.insert((name, version), entry.advisories);
                }
            }
            Ok(None) => {
                if !unserved {
                    tracing::info!("{base} serves no npm advisories (bulk endpoint)");
                    let _ = self.cache.put_advisories(&CachedAdvisories {
                        key: unserved_key,
                        fetched_at: now,
                        advisories: Vec::new(),
                    });
                }
                known.extend(stale);
            }
            Err(e) => {
                tracing::warn!("cannot read npm advisories: {e}");
                known.extend(stale);
            }
        }
        known
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The request that names `package`'s exact version, so a later `name@version` request finds
/// the record of an earlier `name` or `name@range` request.
fn exact_request(package: &ResolvedPackage, request: &PackageRequest) -> PackageRequest {
    let version = match package.ecosystem {
        Ecosystem::Pypi => VersionSpec::Requirement(format!("=={}", package.version)),
        Ecosystem::Github => VersionSpec::Tag(package.version.clone()),
        _ => VersionSpec::Requirement(package.version.clone()),
    };
    let name = match package.ecosystem {
        Ecosystem::Pypi => pypi::normalize(&request.name),
        _ => request.name.clone(),
    };
    PackageRequest {
        ecosystem: package.ecosystem,
        name,
        version,
        artifact: request.artifact.clone(),
    }
}

/// The cache-index key of a request: registry base, ecosystem, name, version and artifact.
fn key(registry: &dyn Registry, request: &PackageRequest) -> String {
    let name = match request.ecosystem {
        Ecosystem::Pypi => pypi::normalize(&request.name),
        Ecosystem::Crates | Ecosystem::Github => request.name.to_ascii_lowercase(),
        _ => request.name.clone(),
    };
    let version = match &request.version {
        VersionSpec::Latest => "latest".to_string(),
        VersionSpec::Requirement(r) => format!("req:{}", r.trim()),
        VersionSpec::Tag(t) => format!("tag:{t}"),
    };
    format!(
        "{}|{}|{}|{}|{}",
        crate::http::redact(registry.base_url()),
        request.ecosystem.as_str(),
        name,
        version,
        request.artifact.as_deref().unwrap_or("")
    )
}

/// `ecosystem:name@version` as text, for messages.
#[must_use]
pub(crate) fn describe(request: &PackageRequest) -> String {
    let version = match &request.version {
        VersionSpec::Latest => String::new(),
        VersionSpec::Requirement(r) | VersionSpec::Tag(r) => format!("@{r}"),
    };
    format!("{}:{}{version}", request.ecosystem.as_str(), request.name)
}
