//! PyPI: the JSON API (`{pypi}/pypi/<name>/json`, `{pypi}/pypi/<name>/<version>/json` with a
//! fallback to the project document's `releases` on 404), PEP 503 names, PEP 440 versions, and
//! the artifact pip would install on a generic platform: a pure-Python wheel, else the sdist,
//! else (a project that publishes platform wheels only, such as a compiled server packed into
//! wheels) a platform wheel, Linux first: its files are audited like any other, native
//! executables included, rather than the release going unaudited.

use serde_json::Value;
use url::Url;

use crate::cache::Cache;
use crate::digest::{Algorithm, Digest};
use crate::http::{redact, HttpClient, Request};
use crate::{
    versions, Ecosystem, Error, FetchedArtifact, PackageRequest, Registry, RegistryMetadata,
    Reporter, ResolvedPackage, VersionSpec,
};

/// The PyPI adapter.
#[derive(Debug, Clone)]
pub struct Pypi {
    http: HttpClient,
    base: Url,
}

/// PEP 503 normalization: lowercase, runs of `-`, `_`, `.` become one `-`.
#[must_use]
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.trim().chars() {
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

/// One downloadable file of a release.
#[derive(Debug, Clone)]
struct File<'a> {
    filename: &'a str,
    url: &'a str,
    packagetype: &'a str,
    sha256: Option<&'a str>,
    yanked: bool,
    yanked_reason: Option<&'a str>,
    upload_time: Option<&'a str>,
}

fn files(list: &Value) -> Vec<File<'_>> {
    list.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| {
                    Some(File {
                        filename: f.get("filename")?.as_str()?,
                        url: f.get("url")?.as_str()?,
                        packagetype: f.get("packagetype").and_then(Value::as_str).unwrap_or(""),
                        sha256: f
                            .get("digests")
                            .and_then(|d| d.get("sha256"))
                            .and_then(Value::as_str),
                        yanked: f.get("yanked").and_then(Value::as_bool).unwrap_or(false),
                        yanked_reason: f.get("yanked_reason").and_then(Value::as_str),
                        upload_time: f
                            .get("upload_time_iso_8601")
                            .or_else(|| f.get("upload_time"))
                            .and_then(Value::as_str),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A wheel that installs on any platform: python tag `py*`, ABI `none`, platform `any`.
fn is_pure_wheel(filename: &str) -> bool {
    let Some(stem) = filename.strip_suffix(".whl") else {
        return false;
    };
    let parts: Vec<&str> = stem.split('-').collect();
    if parts.len() < 5 {
        return false;
    }
    let n = parts.len();
    let (python, abi, platform) = (parts[n - 3], parts[n - 2], parts[n - 1]);
    python
        .split('.')
        .any(|t| t.starts_with("py3") || t == "py2.py3" || t == "py3")
        && abi == "none"
        && platform == "any"
}

/// Preference among platform wheels when nothing generic exists: Linux on x86-64 (the platform
/// most audits run on, and the most common build), other Linux, macOS, then the rest.
fn platform_rank(filename: &str) -> u8 {
    let tag = filename.rsplit('-').next().unwrap_or_default();
    let linux = tag.contains("linux");
    match (linux, tag.contains("x86_64")) {
        (true, true) => 0,
        (true, false) => 1,
        _ if tag.contains("macosx") => 2,
        _ => 3,
    }
}

fn is_sdist(file: &File<'_>) -> bool {
    file.packagetype == "sdist"
        || file.filename.ends_with(".tar.gz")
        || (file.filename.ends_with(".zip") && file.packagetype != "bdist_wheel")
}

/// Chooses the file to audit: `artifact` (`wheel`, `sdist` or a file name), else what pip
/// would install on a generic platform. Yanked files are skipped unless nothing else exists.
fn choose<'a>(files: &'a [File<'a>], artifact: Option<&str>) -> Result<&'a File<'a>, String> {
    let live: Vec<&File<'_>> = files.iter().filter(|f| !f.yanked).collect();
    let pool: Vec<&File<'_>> = if live.is_empty() {
        files.iter().collect()
    } else {
        live
    };
    let names = || {
        pool.iter()
            .map(|f| f.filename)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match artifact {
        Some("wheel") => pool
            .iter()
            .copied()
            .find(|f| is_pure_wheel(f.filename))
            .or_else(|| pool.iter().copied().find(|f| f.filename.ends_with(".whl")))
            .ok_or_else(|| format!("no wheel (files: {})", names())),
        Some("sdist") => pool
            .iter()
            .copied()
            .find(|f| is_sdist(f))
            .ok_or_else(|| format!("no sdist (files: {})", names())),
        Some(name) => files
            .iter()
            .find(|f| f.filename == name)
            .ok_or_else(|| format!("no file named `{name}` (files: {})", names())),
        None => pool
            .iter()
            .copied()
            .find(|f| is_pure_wheel(f.filename))
            .or_else(|| {
                pool.iter()
                    .copied()
                    .filter(|f| is_sdist(f))
                    .min_by_key(|f| !f.filename.ends_with(".tar.gz"))
            })
            .or_else(|| {
                pool.iter()
                    .copied()
                    .filter(|f| f.filename.ends_with(".whl"))
                    .min_by_key(|f| platform_rank(f.filename))
            })
            .ok_or_else(|| {
                format!(
                    "no wheel and no sdist (files: {}); pick one with --artifact",
                    names()
                )
            }),
    }
}

impl Pypi {
    /// An adapter for the PyPI at `base`.
    #[must_use]
    pub fn new(http: HttpClient, base: Url) -> Pypi {
        Pypi { http, base }
    }

    fn url(&self, path: &str) -> Result<Url, Error> {
        self.base.join(path).map_err(|e| Error::Config {
            message: format!("cannot form a PyPI URL from `{path}`: {e}"),
        })
    }

    /// GETs a JSON document; `Ok(None)` on 404.
    fn document(&self, url: Url) -> Result<Option<(Url, Value)>, Error> {
        let response = self
            .http
            .get(&Request::get(url.clone()).accept("application/json"))?;
        match response.status {
            200 => {}
            404 => return Ok(None),
            status => {
                return Err(Error::Status {
                    url: redact(&url),
                    status,
                    hint: String::new(),
                })
            }
        }
        let doc = serde_json::from_slice(&response.body)
            .map_err(|e| Error::invalid(redact(&url), format!("not JSON: {e}")))?;
        Ok(Some((response.url, doc)))
    }
}

impl Pypi {
    /// Fills the release history (first upload, number of releases) from the project document,
    /// which the per-version document lacks. Best effort: a failure leaves the fields empty.
    fn add_history(&self, name: &str, package: &mut ResolvedPackage) {
        let Ok(url) = self.url(&format!("pypi/{name}/json")) else {
            return;
        };
        match self.document(url) {
            Ok(Some((_, project))) => {
                if let Some(releases) = project.get("releases").and_then(Value::as_object) {
                    let m = &mut package.metadata;
                    m.created_at = first_upload(releases);
                    m.version_count = Some(release_count(releases));
                }
            }
            Ok(None) => {}
            Err(e) => tracing::debug!("no release history for `{name}`: {e}"),
        }
    }
}

fn first_upload(releases: &serde_json::Map<String, Value>) -> Option<String> {
    releases
        .values()
        .flat_map(|l| {
            files(l)
                .into_iter()
                .filter_map(|f| f.upload_time)
                .collect::<Vec<_>>()
        })
        .min()
        .map(str::to_string)
}

fn release_count(releases: &serde_json::Map<String, Value>) -> usize {
    releases.values().filter(|f| !files(f).is_empty()).count()
}

impl Registry for Pypi {
    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Pypi
    }

    fn base_url(&self) -> &Url {
        &self.base
    }

    fn resolve(&self, request: &PackageRequest) -> Result<ResolvedPackage, Error> {
        let name = normalize(&request.name);
        let not_found = || Error::NotFound {
            what: format!("PyPI project `{}`", request.name),
            registry: redact(&self.base),
        };
        let spec = match &request.version {
            VersionSpec::Latest => String::new(),
            VersionSpec::Requirement(r) | VersionSpec::Tag(r) => r.trim().to_string(),
        };
        // An exact pin: ask the per-version endpoint first (small), fall back on 404.
        if let Some(exact) = spec.strip_prefix("==").map(str::trim) {
            if !exact.contains('*') && !exact.is_empty() {
                let url = self.url(&format!("pypi/{name}/{exact}/json"))?;
                if let Some((doc_url, doc)) = self.document(url)? {
                    let version = doc
                        .pointer("/info/version")
                        .and_then(Value::as_str)
                        .unwrap_or(exact)
                        .to_string();
                    let list = doc.get("urls").cloned().unwrap_or(Value::Null);
                    let mut package = build(&doc, &doc_url, &name, &version, &list, None, request)?;
                    self.add_history(&name, &mut package);
                    return Ok(package);
                }
            }
        }
        let url = self.url(&format!("pypi/{name}/json"))?;
        let (doc_url, doc) = self.document(url)?.ok_or_else(not_found)?;
        let releases = doc.get("releases").and_then(Value::as_object);
        let version = match releases {
            Some(releases) => {
                // Versions with at least one file that is not yanked (yanked ones only match
                // an exact pin, as PEP 592 says).
                let exact = spec.starts_with("==") || spec.starts_with("===");
                let usable = releases.iter().filter(|(_, fl)| {
                    let fl = files(fl);
                    !fl.is_empty() && (exact || fl.iter().any(|f| !f.yanked))
                });
                versions::pep440_pick(&spec, usable.map(|(v, _)| v.as_str())).map_err(|reason| {
                    Error::InvalidRequirement {
                        name: request.name.clone(),
                        requirement: spec.clone(),
                        reason,
                    }
                })?
            }
            None => doc
                .pointer("/info/version")
                .and_then(Value::as_str)
                .filter(|v| {
                    spec.is_empty() || versions::pep440_pick(&spec, [*v]).ok().flatten().is_some()
                })
                .map(str::to_string),
        };
        let version = version.ok_or_else(|| Error::NoMatchingVersion {
            name: request.name.clone(),
            requirement: if spec.is_empty() {
                "latest".into()
            } else {
                spec.clone()
            },
            detail: {
                let with_files: Vec<Vec<_>> = releases
                    .map(|r| r.values().map(files).filter(|f| !f.is_empty()).collect())
                    .unwrap_or_default();
                let yanked = with_files
                    .iter()
                    .filter(|fl| fl.iter().all(|f| f.yanked))
                    .count();
                if yanked > 0 && yanked == with_files.len() {
                    format!(
                        "; all {yanked} releases with files are yanked (PEP 592: only an exact \
                         `==VERSION` pin selects a yanked release)"
                    )
                } else {
                    format!(
                        "; {} releases with files, {yanked} of them yanked",
                        with_files.len()
                    )
                }
            },
        })?;
        let info_version = doc.pointer("/info/version").and_then(Value::as_str);
        let list = match releases.and_then(|r| r.get(&version)) {
            Some(list) => list.clone(),
            None if info_version == Some(version.as_str()) => {
                doc.get("urls").cloned().unwrap_or(Value::Null)
            }
            None => Value::Null,
        };
        build(&doc, &doc_url, &name, &version, &list, releases, request)
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

fn build(
    doc: &Value,
    doc_url: &Url,
    name: &str,
    version: &str,
    list: &Value,
    releases: Option<&serde_json::Map<String, Value>>,
    request: &PackageRequest,
) -> Result<ResolvedPackage, Error> {
    let release_files = files(list);
    let file = choose(&release_files, request.artifact.as_deref()).map_err(|reason| {
        Error::NoArtifact {
            package: format!("{name}=={version}"),
            reason,
        }
    })?;
    let url = doc_url
        .join(file.url)
        .map_err(|e| Error::invalid(redact(doc_url), format!("bad file URL: {e}")))?;
    let digests = file
        .sha256
        .and_then(|h| Digest::from_hex(Algorithm::Sha256, h))
        .into_iter()
        .collect();
    let info = doc.get("info");
    let text = |k: &str| {
        info.and_then(|i| i.get(k))
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let canonical = text("name").unwrap_or_else(|| name.to_string());
    let created_at = releases.and_then(first_upload);
    let mut maintainers: Vec<String> = doc
        .pointer("/ownership/roles")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|r| r.get("user").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if maintainers.is_empty() {
        maintainers.extend(text("maintainer").into_iter().chain(text("author")));
    }
    maintainers.sort();
    maintainers.dedup();
    let repository = info
        .and_then(|i| i.get("project_urls"))
        .and_then(Value::as_object)
        .and_then(|urls| {
            [
                "Repository",
                "Source",
                "Source Code",
                "source",
                "repository",
                "Code",
                "GitHub",
                "Homepage",
            ]
            .iter()
            .find_map(|k| urls.get(*k).and_then(Value::as_str))
            .map(str::to_string)
        })
        .or_else(|| text("home_page"));
    let version_yanked = release_files.iter().all(|f| f.yanked)
        || (info.and_then(|i| i.get("version")).and_then(Value::as_str) == Some(version)
            && info.and_then(|i| i.get("yanked")).and_then(Value::as_bool) == Some(true));
    let yanked = file.yanked || version_yanked;
    // A document's `vulnerabilities` are those of its `info.version` (the project document's
    // are the latest release's).
    let vulnerabilities = doc
        .get("vulnerabilities")
        .filter(|_| info.and_then(|i| i.get("version")).and_then(Value::as_str) == Some(version))
        .map(crate::advisories::from_pypi);
    let yanked_reason = file.yanked_reason.map(str::to_string).or_else(|| {
        if yanked {
            text("yanked_reason")
        } else {
            None
        }
    });
    Ok(ResolvedPackage {
        ecosystem: Ecosystem::Pypi,
        name: canonical,
        version: version.to_string(),
        url: url.to_string(),
        filename: file.filename.to_string(),
        metadata: RegistryMetadata {
            published_at: file.upload_time.map(str::to_string),
            created_at,
            yanked,
            yanked_reason,
            repository,
            maintainers,
            version_count: releases.map(release_count),
            vulnerabilities,
            ..RegistryMetadata::default()
        },
        digests,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pep503_normalization() {
        for (a, b) in [
            ("MCP_Server.Time", "mcp-server-time"),
            ("a--b__c..d", "a-b-c-d"),
            ("Simple", "simple"),
            ("x-_-y", "x-y"),
        ] {
            assert_eq!(normalize(a), b);
        }
    }

    fn f(name: &str, kind: &str, yanked: bool) -> Value {
        json!({"filename": name, "url": format!("../../packages/{name}"), "packagetype": kind,
               "digests": {"sha256": "a".repeat(64)}, "yanked": yanked})
    }

    #[test]
    fn artifact_choice_like_pip() {
        let list = json!([
            f("x-1.0.tar.gz", "sdist", false),
            f(
                "x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                "bdist_wheel",
                false
            ),
            f("x-1.0-py3-none-any.whl", "bdist_wheel", false),
        ]);
        let fl = files(&list);
        assert_eq!(
            choose(&fl, None).unwrap().filename,
            "x-1.0-py3-none-any.whl"
        );
        assert_eq!(choose(&fl, Some("sdist")).unwrap().filename, "x-1.0.tar.gz");
        assert_eq!(
            choose(&fl, Some("x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"))
                .unwrap()
                .filename,
            "x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl"
        );
        let native_only = json!([
            f("x-1.0-cp312-cp312-win_amd64.whl", "bdist_wheel", false),
            f("x-1.0.zip", "sdist", false),
            f("x-1.0.tar.gz", "sdist", false),
        ]);
        let fl = files(&native_only);
        assert_eq!(choose(&fl, None).unwrap().filename, "x-1.0.tar.gz");
        let yanked_wheel = json!([
            f("x-1.0-py2.py3-none-any.whl", "bdist_wheel", true),
            f("x-1.0.tar.gz", "sdist", false),
        ]);
        let fl = files(&yanked_wheel);
        assert_eq!(choose(&fl, None).unwrap().filename, "x-1.0.tar.gz");
        // Platform wheels only: one is audited, Linux x86-64 first.
        let platform_only = json!([
            f("x-1.0-cp312-cp312-win_amd64.whl", "bdist_wheel", false),
            f("x-1.0-py3-none-macosx_11_0_arm64.whl", "bdist_wheel", false),
            f(
                "x-1.0-py3-none-manylinux_2_17_x86_64.whl",
                "bdist_wheel",
                false
            ),
            f(
                "x-1.0-py3-none-manylinux_2_17_aarch64.whl",
                "bdist_wheel",
                false
            ),
        ]);
        assert_eq!(
            choose(&files(&platform_only), None).unwrap().filename,
            "x-1.0-py3-none-manylinux_2_17_x86_64.whl"
        );
        let mac_only = json!([f(
            "x-1.0-py3-none-macosx_11_0_arm64.whl",
            "bdist_wheel",
            false
        )]);
        assert_eq!(
            choose(&files(&mac_only), None).unwrap().filename,
            "x-1.0-py3-none-macosx_11_0_arm64.whl"
        );
        let err = choose(
            &files(&json!([f("x-1.0.exe", "bdist_wininst", false)])),
            None,
        )
        .unwrap_err();
        assert!(err.contains("--artifact"), "{err}");
        assert!(is_pure_wheel("mcp_server_time-2026.10.19-py3-none-any.whl"));
        assert!(!is_pure_wheel("x-1.0-cp39-abi3-any.whl"));
    }

    #[test]
    fn relative_urls_yanked_and_metadata() {
        let doc = json!({
            "info": {"name": "X", "version": "1.0", "project_urls": {"Source": "https://github.com/o/x"},
                     "author": "Ann", "yanked": false},
            "ownership": {"roles": [{"role": "Owner", "user": "ann"}, {"role": "Maintainer", "user": "bo"}]},
            "releases": {}
        });
        let mut file = f("x-0.9-py3-none-any.whl", "bdist_wheel", true);
        file["yanked_reason"] = json!("broken");
        file["upload_time_iso_8601"] = json!("2025-01-02T03:04:05Z");
        let list = json!([file]);
        let doc_url = Url::parse("http://127.0.0.1:1/pypi/x/0.9/json").unwrap();
        let request = PackageRequest {
            ecosystem: Ecosystem::Pypi,
            name: "x".into(),
            version: VersionSpec::Requirement("==0.9".into()),
            artifact: None,
        };
        let p = build(&doc, &doc_url, "x", "0.9", &list, None, &request).unwrap();
        assert_eq!(
            p.url,
            "http://127.0.0.1:1/pypi/packages/x-0.9-py3-none-any.whl"
        );
        assert!(p.metadata.yanked);
        assert_eq!(p.metadata.yanked_reason.as_deref(), Some("broken"));
        assert_eq!(p.metadata.maintainers, ["ann", "bo"]);
        assert_eq!(
            p.metadata.repository.as_deref(),
            Some("https://github.com/o/x")
        );
        assert_eq!(
            p.metadata.published_at.as_deref(),
            Some("2025-01-02T03:04:05Z")
        );
        assert_eq!(p.digests.len(), 1);
    }
}
