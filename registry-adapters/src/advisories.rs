//! Known vulnerabilities, as the registries serve them.
//!
//! - PyPI: the JSON API carries a release's `vulnerabilities` (OSV fields `id`, `aliases`,
//!   `summary`, `details`, `fixed_in`, `link`, `withdrawn`); the PyPI adapter reads them into
//!   [`RegistryMetadata::vulnerabilities`](crate::RegistryMetadata), so they are cached with
//!   the rest of the metadata.
//! - npm: the bulk advisory endpoint (`POST {npm}/-/npm/v1/security/advisories/bulk` with
//!   `{"name": ["version", …]}`), asked once for a whole tree; its answers are cached per
//!   package version (`advisories/` in the cache) and used offline.
//!
//! crates.io serves no advisories; a crate gets none.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use crate::http::{redact, HttpClient, Request};
use crate::Error;

/// The npm bulk advisory endpoint, relative to the registry base.
pub const NPM_BULK_PATH: &str = "-/npm/v1/security/advisories/bulk";

/// Package names asked in one bulk request.
const NPM_BULK_CHUNK: usize = 256;

/// Advisories by `(name, version)`.
pub type AdvisoryMap = BTreeMap<(String, String), Vec<Advisory>>;

/// One known vulnerability of a package version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Advisory {
    /// The advisory id (`GHSA-…`, `PYSEC-…`, or the registry's number).
    pub id: String,
    /// Other ids of the same advisory (CVE, GHSA…).
    pub aliases: Vec<String>,
    /// One-line summary (attacker-influenced text: escape before printing).
    pub summary: String,
    /// The registry's severity word (`critical`, `high`, `moderate`, `low`), when it gives one.
    pub severity: Option<String>,
    /// The affected range as the registry states it (npm).
    pub vulnerable_versions: Option<String>,
    /// Versions that fix it.
    pub fixed_in: Vec<String>,
    /// A link to the advisory.
    pub url: Option<String>,
}

/// The advisories of a PyPI release (`vulnerabilities` of its JSON document); withdrawn ones
/// are left out.
#[must_use]
pub fn from_pypi(list: &Value) -> Vec<Advisory> {
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let strings = |v: &Value, k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out: Vec<Advisory> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter(|v| v.get("withdrawn").is_none_or(Value::is_null))
        .filter_map(|v| {
            let id = text(v, "id")?;
            let summary = text(v, "summary")
                .filter(|s| !s.trim().is_empty())
                .or_else(|| text(v, "details").map(|d| first_line(&d)))
                .unwrap_or_default();
            Some(Advisory {
                id,
                aliases: strings(v, "aliases"),
                summary,
                severity: None,
                vulnerable_versions: None,
                fixed_in: strings(v, "fixed_in"),
                url: text(v, "link"),
            })
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    // PyPI lists one vulnerability under each of its ids (`PYSEC-…` and `GHSA-…`, each the
    // other's alias): keep one.
    let mut kept: Vec<Advisory> = Vec::new();
    for advisory in out {
        let same =
            |k: &Advisory| k.aliases.contains(&advisory.id) || advisory.aliases.contains(&k.id);
        if !kept.iter().any(same) {
            kept.push(advisory);
        }
    }
    kept
}

fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.chars().take(200).collect()
}

/// Asks the npm bulk advisory endpoint about `packages` (name → versions). Returns, for every
/// asked `(name, version)`, the advisories whose `vulnerable_versions` include that version
/// (an empty list when none do); `Ok(None)` when the registry does not serve the endpoint
/// (404, 405, 501: mirrors often do not).
///
/// # Errors
/// Transport failures, other statuses, an unreadable answer.
pub fn npm_bulk(
    http: &HttpClient,
    base: &Url,
    packages: &BTreeMap<String, BTreeSet<String>>,
) -> Result<Option<AdvisoryMap>, Error> {
    let url = base.join(NPM_BULK_PATH).map_err(|e| Error::Config {
        message: format!("cannot form the npm advisory URL: {e}"),
    })?;
    let names: Vec<&String> = packages.keys().collect();
    let mut out = BTreeMap::new();
    for chunk in names.chunks(NPM_BULK_CHUNK) {
        let body: serde_json::Map<String, Value> = chunk
            .iter()
            .map(|n| {
                let versions = packages[*n].iter().cloned().map(Value::String).collect();
                ((*n).clone(), Value::Array(versions))
            })
            .collect();
        let body = serde_json::to_vec(&body).expect("a JSON map serializes");
        let response = http.get(&Request::post_json(url.clone(), &body))?;
        match response.status {
            200 => {}
            404 | 405 | 501 => return Ok(None),
            status => {
                return Err(Error::Status {
                    url: redact(&url),
                    status,
                    hint: String::new(),
                })
            }
        }
        let doc: Value = serde_json::from_slice(&response.body)
            .map_err(|e| Error::invalid(redact(&url), format!("not JSON: {e}")))?;
        for name in chunk {
            let entries: Vec<Advisory> = doc
                .get(name.as_str())
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(npm_entry)
                .collect();
            for version in &packages[*name] {
                let mut hits: Vec<Advisory> = entries
                    .iter()
                    .filter(|a| npm_affects(a.vulnerable_versions.as_deref(), version))
                    .cloned()
                    .map(|mut a| {
                        a.fixed_in = npm_fixed(a.vulnerable_versions.as_deref(), version)
                            .into_iter()
                            .collect();
                        a
                    })
                    .collect();
                hits.sort_by(|a, b| a.id.cmp(&b.id));
                out.insert(((*name).clone(), version.clone()), hits);
            }
        }
    }
    Ok(Some(out))
}

/// One entry of a bulk answer: `{id, url, title, severity, vulnerable_versions, cwe, cvss}`.
fn npm_entry(v: &Value) -> Option<Advisory> {
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let number = v.get("id").map(|i| match i {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let url = text("url");
    // The GHSA id is the last path segment of the GitHub advisory URL.
    let ghsa = url
        .as_deref()
        .and_then(|u| u.rsplit('/').next())
        .filter(|s| s.starts_with("GHSA-"))
        .map(str::to_string);
    let id = ghsa.clone().or_else(|| number.clone())?;
    Some(Advisory {
        aliases: number
            .into_iter()
            .filter(|n| Some(n) != ghsa.as_ref())
            .collect(),
        id,
        summary: text("title").unwrap_or_default(),
        severity: text("severity"),
        vulnerable_versions: text("vulnerable_versions"),
        fixed_in: Vec::new(),
        url,
    })
}

/// Whether an npm range includes `version` (an unreadable range is taken to include it: the
/// registry listed the advisory for this package).
fn npm_affects(range: Option<&str>, version: &str) -> bool {
    let Some(range) = range else { return true };
    match (
        nodejs_semver::Range::parse(range),
        nodejs_semver::Version::parse(version),
    ) {
        (Ok(r), Ok(v)) => r.satisfies(&v),
        _ => true,
    }
}

/// The first fixed version for `version` under an affected range: the `<X` bound of the
/// `||`-alternative that includes it (`>=2.0.0 <2.1.4` → `2.1.4`); `None` when the range
/// states no upper bound.
#[must_use]
pub fn npm_fixed(range: Option<&str>, version: &str) -> Option<String> {
    let range = range?;
    for alternative in range.split("||") {
        if !npm_affects(Some(alternative.trim()), version) {
            continue;
        }
        let bound = alternative
            .split_whitespace()
            .find_map(|c| c.strip_prefix('<').filter(|b| !b.starts_with('=')));
        if let Some(bound) = bound {
            return Some(bound.trim().to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_versions_come_from_the_matching_alternative() {
        for (range, version, fixed) in [
            ("<4.17.12", "4.17.11", Some("4.17.12")),
            (">=2.0.0 <2.1.4 || <1.9.9", "2.1.0", Some("2.1.4")),
            (">=2.0.0 <2.1.4 || <1.9.9", "1.0.0", Some("1.9.9")),
            ("<=1.2.3", "1.0.0", None),
            ("*", "1.0.0", None),
        ] {
            assert_eq!(npm_fixed(Some(range), version).as_deref(), fixed, "{range}");
        }
        assert!(npm_affects(Some("<4.17.12"), "4.17.11"));
        assert!(!npm_affects(Some("<4.17.12"), "4.17.21"));
    }

    #[test]
    fn pypi_entries_skip_withdrawn_ones() {
        let list = serde_json::json!([
            {"id": "PYSEC-2017-94", "aliases": ["CVE-2013-7459"], "summary": null,
             "details": "Heap overflow in ALGnew.\nMore.", "fixed_in": [], "link": "https://osv.dev/PYSEC-2017-94",
             "withdrawn": null},
            {"id": "GHSA-x", "summary": "gone", "fixed_in": ["1.0"], "withdrawn": "2024-01-01T00:00:00Z"},
            {"id": "PYSEC-2017-95", "aliases": ["PYSEC-2017-94"], "summary": "the same one"}
        ]);
        let got = from_pypi(&list);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id, "PYSEC-2017-94");
        assert_eq!(got[0].summary, "Heap overflow in ALGnew.");
        assert_eq!(got[0].aliases, vec!["CVE-2013-7459".to_string()]);
    }

    #[test]
    fn npm_entries_are_named_by_their_ghsa_id() {
        let a = npm_entry(&serde_json::json!({"id": 1_106_913,
            "url": "https://github.com/advisories/GHSA-jf85-cpcp-j695",
            "title": "Prototype Pollution in lodash", "severity": "critical",
            "vulnerable_versions": "<4.17.12"}))
        .unwrap();
        assert_eq!(a.id, "GHSA-jf85-cpcp-j695");
        assert_eq!(a.aliases, vec!["1106913".to_string()]);
        assert_eq!(a.severity.as_deref(), Some("critical"));
    }
}
