//! GitHub releases: latest / by tag (falling back to the release list when `latest` has
//! nothing), asset choice, the asset `digest` when GitHub published one, a token from the
//! environment sent only to the API origin, and rate-limit errors explained.

use serde::Deserialize;
use url::Url;

use crate::cache::Cache;
use crate::digest::Digest;
use crate::http::{redact, Credential, HttpClient, Request, Response};
use crate::{
    Ecosystem, Error, FetchedArtifact, PackageRequest, Registry, RegistryMetadata, Reporter,
    ResolvedPackage, VersionSpec,
};

const ACCEPT_JSON: &str = "application/vnd.github+json";
const API_HEADERS: &[(&str, &str)] = &[("X-GitHub-Api-Version", "2022-11-28")];

/// The GitHub releases adapter.
#[derive(Debug)]
pub struct GitHub {
    http: HttpClient,
    api: Url,
    credential: Option<Credential>,
}

#[derive(Debug, Deserialize)]
struct Release {
    tag_name: String,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    published_at: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    author: Option<Author>,
    #[serde(default)]
    assets: Vec<Asset>,
    #[serde(default)]
    tarball_url: Option<String>,
    #[serde(default)]
    immutable: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Author {
    login: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Asset {
    name: String,
    url: String,
    #[serde(default)]
    digest: Option<String>,
    #[serde(default)]
    state: Option<String>,
}

/// Archive endings considered for host-platform assets.
const ARCHIVES: &[&str] = &[".tar.gz", ".tgz", ".zip", ".tar.xz", ".tar.zst"];

fn host_tokens() -> (&'static [&'static str], &'static [&'static str]) {
    let os: &[&str] = match std::env::consts::OS {
        "linux" => &["linux"],
        "macos" => &["darwin", "macos", "apple", "osx"],
        "windows" => &["windows", "win64", "win32", "win"],
        _ => &[],
    };
    let arch: &[&str] = match std::env::consts::ARCH {
        "x86_64" => &["x86_64", "amd64", "x64"],
        "aarch64" => &["aarch64", "arm64"],
        "x86" => &["i386", "i686", "x86"],
        _ => &[],
    };
    (os, arch)
}

/// Chooses the asset: the glob from the target, else an `.mcpb`/`.dxt` bundle, else an archive
/// for the host platform. `Ok(None)`: use the source tarball.
fn choose_asset<'a>(assets: &'a [Asset], glob: Option<&str>) -> Result<Option<&'a Asset>, String> {
    let usable: Vec<&Asset> = assets
        .iter()
        .filter(|a| a.state.as_deref().is_none_or(|s| s == "uploaded"))
        .collect();
    if let Some(glob) = glob {
        let pattern =
            glob::Pattern::new(glob).map_err(|e| format!("bad asset glob `{glob}`: {e}"))?;
        let mut matches: Vec<&Asset> = usable
            .into_iter()
            .filter(|a| pattern.matches(&a.name))
            .collect();
        matches.sort_by(|a, b| a.name.cmp(&b.name));
        return match matches.as_slice() {
            [one] => Ok(Some(one)),
            [] => Err(format!(
                "no asset matches `{glob}` (assets: {})",
                assets
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            many => Err(format!(
                "`{glob}` matches several assets ({}); give a narrower glob",
                many.iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
    }
    let lower = |a: &Asset| a.name.to_ascii_lowercase();
    if let Some(bundle) = usable
        .iter()
        .find(|a| lower(a).ends_with(".mcpb"))
        .or_else(|| usable.iter().find(|a| lower(a).ends_with(".dxt")))
    {
        return Ok(Some(bundle));
    }
    let (os, arch) = host_tokens();
    let platform = usable.iter().copied().find(|a| {
        let n = lower(a);
        ARCHIVES.iter().any(|e| n.ends_with(e))
            && os.iter().any(|t| n.contains(t))
            && (arch.is_empty() || arch.iter().any(|t| n.contains(t)))
    });
    Ok(platform)
}

impl GitHub {
    /// An adapter for the API at `api`; `token` is sent only to that origin.
    #[must_use]
    pub fn new(http: HttpClient, api: Url, token: Option<&str>) -> GitHub {
        let credential = token.map(|t| Credential::bearer(&api, t));
        GitHub {
            http,
            api,
            credential,
        }
    }

    fn api_get(&self, path: &str) -> Result<Response, Error> {
        let url = self.api.join(path).map_err(|e| Error::Config {
            message: format!("cannot form the GitHub URL `{path}`: {e}"),
        })?;
        let request = Request {
            url,
            accept: Some(ACCEPT_JSON),
            headers: API_HEADERS,
            credential: self.credential.as_ref(),
            json_body: None,
        };
        let response = self.http.get(&request)?;
        if matches!(response.status, 403 | 429)
            && (response.header("x-ratelimit-remaining") == Some("0")
                || response.header("retry-after").is_some())
        {
            let detail = response
                .header("x-ratelimit-reset")
                .and_then(|r| r.parse::<i64>().ok())
                .and_then(|r| time::OffsetDateTime::from_unix_timestamp(r).ok())
                .and_then(|t| {
                    t.format(&time::format_description::well_known::Rfc3339)
                        .ok()
                })
                .map(|t| format!("; it resets at {t}"))
                .unwrap_or_default();
            return Err(Error::RateLimited {
                url: redact(&response.url),
                detail,
            });
        }
        Ok(response)
    }

    fn release(&self, repo: &str, version: &VersionSpec) -> Result<Release, Error> {
        let not_found = |what: String| Error::NotFound {
            what,
            registry: redact(&self.api),
        };
        let path = match version {
            VersionSpec::Latest => format!("repos/{repo}/releases/latest"),
            VersionSpec::Tag(t) | VersionSpec::Requirement(t) => {
                format!("repos/{repo}/releases/tags/{}", encode_segment(t))
            }
        };
        let response = self.api_get(&path)?;
        match (response.status, version) {
            (200, _) => parse(&response),
            // `latest` skips pre-releases; a repository with only those answers 404 there.
            (404, VersionSpec::Latest) => {
                let list = self.api_get(&format!("repos/{repo}/releases?per_page=100"))?;
                if list.status == 404 {
                    return Err(not_found(format!("GitHub repository `{repo}`")));
                }
                if list.status != 200 {
                    return Err(status_error(&list));
                }
                let releases: Vec<Release> = parse(&list)?;
                releases
                    .into_iter()
                    .find(|r| !r.draft)
                    .ok_or_else(|| not_found(format!("a release of `{repo}`")))
            }
            (404, _) => Err(not_found(format!(
                "release `{}` of `{repo}`",
                tag_text(version)
            ))),
            (_, _) => Err(status_error(&response)),
        }
    }
}

fn tag_text(v: &VersionSpec) -> &str {
    match v {
        VersionSpec::Latest => "latest",
        VersionSpec::Tag(t) | VersionSpec::Requirement(t) => t,
    }
}

fn encode_segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

fn parse<T: for<'de> Deserialize<'de>>(response: &Response) -> Result<T, Error> {
    serde_json::from_slice(&response.body)
        .map_err(|e| Error::invalid(redact(&response.url), format!("bad release JSON: {e}")))
}

fn status_error(response: &Response) -> Error {
    Error::Status {
        url: redact(&response.url),
        status: response.status,
        hint: if response.status == 401 {
            ": the token was refused (check GITHUB_TOKEN / GH_TOKEN)".into()
        } else {
            String::new()
        },
    }
}

impl Registry for GitHub {
    fn ecosystem(&self) -> Ecosystem {
        Ecosystem::Github
    }

    fn base_url(&self) -> &Url {
        &self.api
    }

    fn resolve(&self, request: &PackageRequest) -> Result<ResolvedPackage, Error> {
        let repo = request.name.as_str();
        let release = self.release(repo, &request.version)?;
        let asset =
            choose_asset(&release.assets, request.artifact.as_deref()).map_err(|reason| {
                Error::NoArtifact {
                    package: format!("{repo}@{}", release.tag_name),
                    reason,
                }
            })?;
        let (url, filename, digests) = match asset {
            Some(a) => (
                a.url.clone(),
                a.name.clone(),
                a.digest
                    .as_deref()
                    .and_then(Digest::from_prefixed)
                    .into_iter()
                    .collect(),
            ),
            None => {
                let url = release
                    .tarball_url
                    .clone()
                    .ok_or_else(|| Error::NoArtifact {
                        package: format!("{repo}@{}", release.tag_name),
                        reason: "no suitable asset and no source tarball".into(),
                    })?;
                let short = repo.rsplit('/').next().unwrap_or(repo);
                (
                    url,
                    format!("{short}-{}.tar.gz", release.tag_name),
                    Vec::new(),
                )
            }
        };
        let url = self
            .api
            .join(&url)
            .map_err(|e| Error::invalid(&url, format!("bad asset URL: {e}")))?;
        let repository = if self.api.host_str() == Some("api.github.com") {
            format!("https://github.com/{repo}")
        } else {
            repo.to_string()
        };
        Ok(ResolvedPackage {
            ecosystem: Ecosystem::Github,
            name: repo.to_string(),
            version: release.tag_name.clone(),
            url: url.to_string(),
            filename,
            metadata: RegistryMetadata {
                published_at: release.published_at.clone().or(release.created_at.clone()),
                repository: Some(repository),
                maintainers: release.author.iter().map(|a| a.login.clone()).collect(),
                publisher: release.author.as_ref().map(|a| a.login.clone()),
                tag: Some(release.tag_name.clone()),
                // An immutable release is GitHub's own attestation that assets cannot change.
                provenance: release.immutable,
                deprecated: None,
                yanked: false,
                ..RegistryMetadata::default()
            },
            digests,
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
        // Asset API URLs answer bytes (or a redirect to the CDN, which gets no token) with this
        // Accept header; the source tarball endpoint redirects to codeload.
        let request = Request {
            url,
            accept: Some("application/octet-stream"),
            headers: API_HEADERS,
            credential: self.credential.as_ref(),
            json_body: None,
        };
        cache.download(&self.http, &request, package, reporter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(name: &str) -> Asset {
        Asset {
            name: name.into(),
            url: format!(
                "https://api.github.com/repos/o/r/releases/assets/{}",
                name.len()
            ),
            digest: None,
            state: Some("uploaded".into()),
        }
    }

    #[test]
    fn asset_choice_order() {
        let (os, arch) = host_tokens();
        let host = format!(
            "srv_{}_{}.tar.gz",
            os.first().unwrap_or(&"linux"),
            arch.first().unwrap_or(&"x86_64")
        );
        let assets = vec![
            asset("checksums.txt"),
            asset(&host),
            asset("srv.dxt"),
            asset("srv.mcpb"),
        ];
        assert_eq!(
            choose_asset(&assets, None).unwrap().unwrap().name,
            "srv.mcpb"
        );
        assert_eq!(
            choose_asset(&assets[..3], None).unwrap().unwrap().name,
            "srv.dxt"
        );
        assert_eq!(
            choose_asset(&assets[..2], None).unwrap().unwrap().name,
            host
        );
        assert!(choose_asset(&assets[..1], None).unwrap().is_none());
        assert_eq!(
            choose_asset(&assets, Some("*.txt")).unwrap().unwrap().name,
            "checksums.txt"
        );
        let e = choose_asset(&assets, Some("srv*")).unwrap_err();
        assert!(e.contains("several"), "{e}");
        let e = choose_asset(&assets, Some("*.exe")).unwrap_err();
        assert!(e.contains("no asset matches"), "{e}");
    }
}
