//! The public registry defaults and the environment variables that override them.
//!
//! This is the one place that names the public services; everything else takes base URLs from
//! an [`Endpoints`] value, so mirrors and private registries work the same way.

use url::Url;

use crate::Error;

/// The public npm registry.
pub const DEFAULT_NPM_REGISTRY: &str = "https://registry.npmjs.org";
/// The public PyPI (base of the JSON API `{base}/pypi/{name}/json`).
pub const DEFAULT_PYPI_URL: &str = "https://pypi.org";
/// The crates.io sparse index.
pub const DEFAULT_CRATES_INDEX: &str = "https://index.crates.io";
/// The public GitHub REST API.
pub const DEFAULT_GITHUB_API: &str = "https://api.github.com";

/// npm registry base URL (else [`NPM_CONFIG_REGISTRY`], else [`DEFAULT_NPM_REGISTRY`]).
pub const MCP_AUDIT_NPM_REGISTRY: &str = "MCP_AUDIT_NPM_REGISTRY";
/// npm's own registry setting, honoured after [`MCP_AUDIT_NPM_REGISTRY`].
pub const NPM_CONFIG_REGISTRY: &str = "npm_config_registry";
/// Base of the PyPI JSON API (`{base}/pypi/{name}/json`).
pub const MCP_AUDIT_PYPI_URL: &str = "MCP_AUDIT_PYPI_URL";
/// crates.io sparse-index root (download URL from its `config.json` `dl`).
pub const MCP_AUDIT_CRATES_INDEX: &str = "MCP_AUDIT_CRATES_INDEX";
/// GitHub REST API base (else [`GITHUB_API_URL`], else [`DEFAULT_GITHUB_API`]).
pub const MCP_AUDIT_GITHUB_API: &str = "MCP_AUDIT_GITHUB_API";
/// GitHub's own API URL variable (set in GitHub Actions).
pub const GITHUB_API_URL: &str = "GITHUB_API_URL";
/// GitHub token (else [`GH_TOKEN`]). Never logged.
pub const GITHUB_TOKEN: &str = "GITHUB_TOKEN";
/// GitHub token used when [`GITHUB_TOKEN`] is unset. Never logged.
pub const GH_TOKEN: &str = "GH_TOKEN";
/// Download cache directory (default: the user cache directory + `mcp-audit`).
pub const MCP_AUDIT_CACHE_DIR: &str = "MCP_AUDIT_CACHE_DIR";

/// Base URLs of the four registries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// npm registry base.
    pub npm: Url,
    /// PyPI base.
    pub pypi: Url,
    /// crates.io sparse-index root.
    pub crates_index: Url,
    /// GitHub REST API base.
    pub github_api: Url,
}

impl Default for Endpoints {
    fn default() -> Self {
        Endpoints {
            npm: base_url(DEFAULT_NPM_REGISTRY).expect("valid default"),
            pypi: base_url(DEFAULT_PYPI_URL).expect("valid default"),
            crates_index: base_url(DEFAULT_CRATES_INDEX).expect("valid default"),
            github_api: base_url(DEFAULT_GITHUB_API).expect("valid default"),
        }
    }
}

impl Endpoints {
    /// Endpoints from the process environment (see the constants of this module).
    ///
    /// # Errors
    /// A variable is set to something that is not an http(s) URL.
    pub fn from_env() -> Result<Endpoints, Error> {
        Endpoints::from_lookup(|k| std::env::var(k).ok())
    }

    /// Endpoints from any variable lookup (tests pass a map).
    ///
    /// # Errors
    /// A variable is set to something that is not an http(s) URL.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Endpoints, Error> {
        let pick = |names: &[&str], default: &str| -> Result<Url, Error> {
            for name in names {
                if let Some(value) = lookup(name).filter(|v| !v.trim().is_empty()) {
                    return base_url(value.trim()).map_err(|reason| Error::Config {
                        message: format!("`{name}` is not a usable registry URL: {reason}"),
                    });
                }
            }
            Ok(base_url(default).expect("valid default"))
        };
        Ok(Endpoints {
            npm: pick(
                &[MCP_AUDIT_NPM_REGISTRY, NPM_CONFIG_REGISTRY],
                DEFAULT_NPM_REGISTRY,
            )?,
            pypi: pick(&[MCP_AUDIT_PYPI_URL], DEFAULT_PYPI_URL)?,
            crates_index: pick(&[MCP_AUDIT_CRATES_INDEX], DEFAULT_CRATES_INDEX)?,
            github_api: pick(&[MCP_AUDIT_GITHUB_API, GITHUB_API_URL], DEFAULT_GITHUB_API)?,
        })
    }
}

/// The GitHub token from the environment ([`GITHUB_TOKEN`], else [`GH_TOKEN`]).
#[must_use]
pub fn github_token_from_env() -> Option<String> {
    [GITHUB_TOKEN, GH_TOKEN]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .map(|v| v.trim().to_string())
}

/// Parses a base URL and makes sure its path ends with `/`, so `join` appends to it.
///
/// # Errors
/// Not a URL, or not http(s), or it carries credentials.
pub fn base_url(text: &str) -> Result<Url, String> {
    // Cargo spells sparse registries `sparse+https://…`.
    let text = text.strip_prefix("sparse+").unwrap_or(text);
    let mut url = Url::parse(text).map_err(|e| e.to_string())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("scheme `{}` is not http or https", url.scheme()));
    }
    if url.cannot_be_a_base() {
        return Err("not a base URL".into());
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn defaults_and_overrides_in_design_order() {
        let none = Endpoints::from_lookup(|_| None).unwrap();
        assert_eq!(none, Endpoints::default());
        assert_eq!(none.npm.as_str(), "https://registry.npmjs.org/");

        let env: HashMap<&str, &str> = [
            (NPM_CONFIG_REGISTRY, "http://npm-config.example/"),
            (MCP_AUDIT_PYPI_URL, "http://127.0.0.1:9/mirror"),
            (GITHUB_API_URL, "https://ghe.example/api/v3"),
        ]
        .into_iter()
        .collect();
        let e = Endpoints::from_lookup(|k| env.get(k).map(|v| (*v).to_string())).unwrap();
        assert_eq!(e.npm.as_str(), "http://npm-config.example/");
        assert_eq!(e.pypi.as_str(), "http://127.0.0.1:9/mirror/");
        assert_eq!(e.github_api.as_str(), "https://ghe.example/api/v3/");

        let env: HashMap<&str, &str> = [
            (NPM_CONFIG_REGISTRY, "http://npm-config.example/"),
            (MCP_AUDIT_NPM_REGISTRY, "http://ours.example/npm"),
        ]
        .into_iter()
        .collect();
        let e = Endpoints::from_lookup(|k| env.get(k).map(|v| (*v).to_string())).unwrap();
        assert_eq!(e.npm.as_str(), "http://ours.example/npm/");
    }

    #[test]
    fn bad_urls_name_the_variable() {
        let err =
            Endpoints::from_lookup(|k| (k == MCP_AUDIT_CRATES_INDEX).then(|| "ftp://x".into()))
                .unwrap_err();
        assert!(err.to_string().contains(MCP_AUDIT_CRATES_INDEX), "{err}");
    }
}
