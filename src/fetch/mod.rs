//! Obtaining the artifact for a target: a local file or directory as it is, or a registry
//! package through the registry adapters and the download cache.
//!
//! Registry artifacts are downloaded (or taken from the cache) with their digest checked; the
//! integrity rules below record what that check found.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use registry_adapters::{
    Client, ClientBuilder, Error as RegistryError, FetchedArtifact, PackageRequest,
};

use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::digest::sha256_file;
use mcp_audit_core::model::Finding;
use mcp_audit_core::{Integrity, PackageInfo};
use mcp_audit_extract::identify::Ecosystem;

pub mod rules;
pub use rules::*;

/// An artifact on disk, ready to unpack.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// The file (or directory) to unpack.
    pub path: PathBuf,
    /// Download URL or local path, for the report.
    pub source: String,
    /// Hex sha256 of the file.
    pub sha256: String,
    /// Integrity status.
    pub integrity: Integrity,
    /// Registry facts, when it came from a registry.
    pub registry: Option<registry_adapters::RegistryMetadata>,
    /// Ecosystem/name/version as the registry resolved them.
    pub resolved: Option<(Ecosystem, String, String)>,
    /// Findings made while obtaining it (integrity, …).
    pub findings: Vec<Finding>,
}

/// Why a target could not be obtained, with what is known about the artifact and any findings
/// (an integrity mismatch is both an error and an `integrity` finding).
#[derive(Debug)]
pub struct ObtainError {
    /// The failure, with context.
    pub error: anyhow::Error,
    /// The artifact as far as it is known (for a digest mismatch: the rejected bytes' sha256).
    pub package: Option<PackageInfo>,
    /// Findings to report with the error.
    pub findings: Vec<Finding>,
}

impl std::fmt::Display for ObtainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for ObtainError {}

impl From<anyhow::Error> for Box<ObtainError> {
    fn from(error: anyhow::Error) -> Self {
        Box::new(ObtainError {
            error,
            package: None,
            findings: Vec::new(),
        })
    }
}

/// Obtains the artifact for `target`.
///
/// # Errors
/// The path does not exist, or the registry could not resolve or deliver the package (a digest
/// mismatch carries an `integrity-mismatch` finding).
pub fn obtain(target: &Target, settings: &Settings) -> Result<Artifact, Box<ObtainError>> {
    obtain_pinned(target, settings, &[])
}

/// [`obtain`] of a registry target whose bytes a lockfile pins (`pinned`: its digests): an
/// artifact already cached under those digests is used without asking the registry.
///
/// # Errors
/// As [`obtain`].
pub fn obtain_pinned(
    target: &Target,
    settings: &Settings,
    pinned: &[registry_adapters::Digest],
) -> Result<Artifact, Box<ObtainError>> {
    match target {
        Target::Local(path) => {
            let meta = std::fs::symlink_metadata(path)
                .with_context(|| format!("cannot read `{}`", path.display()))?;
            let sha256 = if meta.is_dir() {
                String::new() // filled from the walked tree
            } else if meta.is_file() {
                sha256_file(path).with_context(|| format!("cannot read `{}`", path.display()))?
            } else {
                return Err(anyhow::anyhow!(
                    "`{}` is neither a regular file nor a directory",
                    path.display()
                )
                .into());
            };
            Ok(Artifact {
                path: path.clone(),
                source: path.display().to_string(),
                sha256,
                integrity: Integrity::Unverified,
                registry: None,
                resolved: None,
                findings: Vec::new(),
            })
        }
        Target::Registry(request) => {
            let mut request = request.clone();
            if request.artifact.is_none() {
                request.artifact.clone_from(&settings.artifact);
            }
            let client = client(settings).map_err(anyhow::Error::from)?;
            match client.obtain_pinned(&request, pinned) {
                Ok(mut fetched) => {
                    add_npm_advisories(&client, &mut fetched);
                    Ok(artifact(fetched))
                }
                Err(err) => Err(registry_error(&request, err)),
            }
        }
    }
}

/// The registry client for these settings: base URLs, cache directory and token from the
/// environment; `--cache-dir`, `--offline` and progress from the settings. Built once per
/// process and configuration (setting up TLS and reading the root certificates costs more
/// than reading a package from the cache), then shared by every audit.
///
/// # Errors
/// A registry URL variable is malformed, or no cache directory can be found.
pub fn client(settings: &Settings) -> Result<Arc<Client>, RegistryError> {
    static CLIENTS: Mutex<BTreeMap<String, Arc<Client>>> = Mutex::new(BTreeMap::new());
    let mut builder = ClientBuilder::from_env()?.connectivity(settings.connectivity);
    if let Some(dir) = &settings.cache_dir {
        builder = builder.cache_dir(dir);
    }
    let key = format!("{builder:?}|progress={}", settings.progress);
    let mut clients = CLIENTS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(client) = clients.get(&key) {
        return Ok(Arc::clone(client));
    }
    if settings.progress {
        if let Some(progress) = crate::progress::Progress::for_stderr() {
            builder = builder.reporter(Arc::new(progress));
        }
    }
    let client = Arc::new(builder.build()?);
    clients.insert(key, Arc::clone(&client));
    Ok(client)
}

/// Fills an npm package's known vulnerabilities from the registry's bulk advisory endpoint
/// (or the advisory cache, which [`prefetch_npm_advisories`] fills for a whole tree at once).
fn add_npm_advisories(client: &Client, fetched: &mut FetchedArtifact) {
    let package = &mut fetched.package;
    if package.ecosystem != registry_adapters::Ecosystem::Npm {
        return;
    }
    let key = (package.name.clone(), package.version.clone());
    let mut known = client.npm_advisories(std::slice::from_ref(&key));
    package.metadata.vulnerabilities = known.remove(&key);
}

/// Asks the npm advisory endpoint once about every `(name, version)` and caches the answers,
/// so the audit of each package finds them without a request of its own.
pub fn prefetch_npm_advisories(settings: &Settings, packages: &[(String, String)]) {
    if packages.is_empty() || settings.connectivity == crate::settings::Connectivity::Offline {
        return;
    }
    match client(settings) {
        Ok(client) => {
            let _ = client.npm_advisories(packages);
        }
        Err(e) => tracing::warn!("cannot ask for npm advisories: {e}"),
    }
}

fn ecosystem(e: registry_adapters::Ecosystem) -> Ecosystem {
    match e {
        registry_adapters::Ecosystem::Npm => Ecosystem::Npm,
        registry_adapters::Ecosystem::Pypi => Ecosystem::Pypi,
        registry_adapters::Ecosystem::Crates => Ecosystem::Crates,
        _ => Ecosystem::Github,
    }
}

/// Turns a verified download into the pipeline's [`Artifact`], with its integrity findings.
fn artifact(fetched: FetchedArtifact) -> Artifact {
    let package = fetched.package;
    let mut findings = Vec::new();
    match fetched.integrity {
        Integrity::Unverified => findings.push(
            INTEGRITY_UNVERIFIED
                .finding(format!(
                    "{} published no digest for `{}`, so the downloaded bytes could not be checked",
                    registry_name(package.ecosystem),
                    package.filename
                ))
                .with_evidence(format!("sha256 {}", fetched.sha256)),
        ),
        Integrity::Verified
            if package
                .digests
                .iter()
                .all(|d| d.algorithm == registry_adapters::Algorithm::Sha1) =>
        {
            findings.push(INTEGRITY_WEAK_DIGEST.finding(format!(
                "`{}` was checked against a SHA-1 digest only",
                package.filename
            )));
        }
        _ => {}
    }
    Artifact {
        path: fetched.path,
        source: package.url.clone(),
        sha256: fetched.sha256,
        integrity: fetched.integrity,
        registry: Some(package.metadata.clone()),
        resolved: Some((ecosystem(package.ecosystem), package.name, package.version)),
        findings,
    }
}

fn registry_name(e: registry_adapters::Ecosystem) -> &'static str {
    match e {
        registry_adapters::Ecosystem::Npm => "the npm registry",
        registry_adapters::Ecosystem::Pypi => "PyPI",
        registry_adapters::Ecosystem::Crates => "the crates index",
        _ => "GitHub",
    }
}

/// A registry failure as an [`ObtainError`]; a digest mismatch also becomes a finding.
fn registry_error(request: &PackageRequest, err: RegistryError) -> Box<ObtainError> {
    let target = crate::target::display_request(request, None);
    if let RegistryError::Integrity(mismatch) = &err {
        let registry_adapters::Mismatch {
            name,
            version,
            url,
            algorithm,
            expected,
            actual,
            sha256,
        } = mismatch.as_ref();
        let finding = INTEGRITY_MISMATCH
            .finding(format!(
                "`{name}@{version}` does not match the {algorithm} digest its registry published"
            ))
            .with_evidence(format!("expected {expected}, got {actual}"));
        return Box::new(ObtainError {
            package: Some(PackageInfo {
                ecosystem: ecosystem(request.ecosystem),
                name: name.clone(),
                version: version.clone(),
                source: url.clone(),
                sha256: sha256.clone(),
                integrity: Integrity::Mismatch,
            }),
            findings: vec![finding],
            error: anyhow::Error::new(err).context(format!("cannot fetch `{target}`")),
        });
    }
    anyhow::Error::new(err)
        .context(format!("cannot fetch `{target}`"))
        .into()
}
