//! Registry targets end to end against the loopback registries of `registry_server`: resolution
//! of exact versions, ranges and tags in each ecosystem, digests, faults, retries and the cache.
//!
//! The assertions hold on what happens before unpacking (resolution, download, integrity,
//! sha256, exit 2 on mismatch), so they are the same whether or not a later stage succeeds.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use registry_adapters::{
    Client, Connectivity, Ecosystem, Error, HttpSettings, Integrity, PackageRequest, VersionSpec,
};
use serde_json::Value;

use crate::registry_server::{Registries, Reply};
use crate::support::bin;

/// Runs `mcp-audit audit --format json TARGETS…` against the loopback registries.
fn audit(reg: &Registries, cache: &Path, args: &[&str]) -> (Output, Value) {
    let mut cmd = bin();
    cmd.arg("audit")
        .args(["--format", "json", "--quiet"])
        .args(args)
        .env_clear()
        .envs(std::env::var_os("MCP_AUDIT_RULE_LOG").map(|v| ("MCP_AUDIT_RULE_LOG", v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("MCP_AUDIT_CACHE_DIR", cache)
        .env("NO_COLOR", "1")
        .current_dir(cache.parent().unwrap());
    for (k, v) in reg.env() {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run mcp-audit");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not a JSON report ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, report)
}

fn cache_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    (dir, cache)
}

/// Every regular file under the cache's `blobs/` and `tmp/`.
fn cached_files(cache: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p.display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(&cache.join("blobs"), &mut out);
    walk(&cache.join("tmp"), &mut out);
    walk(&cache.join("index"), &mut out);
    out
}

fn rule_ids(result: &Value) -> Vec<String> {
    result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Checks each result: resolved version, downloaded file and integrity.
fn check(reg: &Registries, report: &Value, expected: &[(&str, &str, &str, &str)]) {
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), expected.len());
    for (result, (target, version, file, integrity)) in results.iter().zip(expected) {
        let package = &result["package"];
        assert!(
            package.is_object(),
            "{target}: no package: {}",
            result["error"]
        );
        // Once unpacked, the manifest's version is reported (a GitHub tag `v1.0.0` becomes
        // `1.0.0`); before that, the registry's.
        assert_eq!(
            package["version"].as_str().unwrap().trim_start_matches('v'),
            version.trim_start_matches('v'),
            "{target}: {result:#}"
        );
        assert_eq!(
            package["sha256"],
            reg.artifacts.sha256(file),
            "{target} should download {file}"
        );
        assert!(
            package["source"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1:"),
            "{target}"
        );
        assert_eq!(package["integrity"], *integrity, "{target}");
        // Anything that goes wrong later (unpacking, analysis) is not a fetch error.
        if let Some(error) = result["error"].as_str() {
            assert!(!error.contains("cannot fetch"), "{target}: {error}");
        }
    }
}

#[test]
fn npm_resolves_latest_tags_exact_versions_and_ranges() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (_, report) = audit(
        &reg,
        &cache,
        &[
            "@fixture/srv",
            "npm:@fixture/srv@next",
            "npm:@fixture/srv@1.0.0",
            "npm:@fixture/srv@^1.0.0",
            "npm:@fixture/srv@>=1.2.0 <2",
            "npm:@fixture/srv@1.x",
            "npm:@fixture/srv@~1.2",
        ],
    );
    check(
        &reg,
        &report,
        &[
            ("latest", "1.1.0", "srv-1.1.0.tgz", "verified"),
            ("next", "2.0.0-beta.1", "srv-2.0.0-beta.1.tgz", "verified"),
            ("exact", "1.0.0", "srv-1.0.0.tgz", "verified"),
            // npm takes `latest` when it satisfies the range.
            ("^1.0.0", "1.1.0", "srv-1.1.0.tgz", "verified"),
            (">=1.2.0 <2", "1.2.0", "srv-1.2.0.tgz", "verified"),
            ("1.x", "1.1.0", "srv-1.1.0.tgz", "verified"),
            ("~1.2", "1.2.0", "srv-1.2.0.tgz", "verified"),
        ],
    );
    // 1.0.0 publishes only a SHA-1 shasum.
    let results = report["results"].as_array().unwrap();
    assert!(rule_ids(&results[2]).contains(&"integrity-weak-digest".to_string()));
    assert!(!rule_ids(&results[0])
        .iter()
        .any(|r| r.starts_with("integrity")));
}

#[test]
fn npm_unknown_tag_and_unmatched_range_are_clear_errors() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (out, report) = audit(
        &reg,
        &cache,
        &[
            "npm:@fixture/srv@beta",
            "npm:@fixture/srv@^3",
            "npm:fixture-absent",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let errors: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["error"].as_str().unwrap())
        .collect();
    assert!(errors[0].contains("no dist-tag `beta`"), "{}", errors[0]);
    assert!(
        errors[1].contains("no version of `@fixture/srv` matches `^3`"),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].contains("npm package `fixture-absent` was not found"),
        "{}",
        errors[2]
    );
}

#[test]
fn pypi_resolves_specifiers_and_picks_the_artifact_pip_would() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (_, report) = audit(
        &reg,
        &cache,
        &[
            "pypi:fixture-srv",
            "pypi:Fixture.Srv==1.0.0",
            "pypi:fixture_srv>=1.0,<1.2",
            "pypi:fixture-srv==1.1.0",
            "pypi:fixture-srv>=2.0.0b1",
        ],
    );
    check(
        &reg,
        &report,
        &[
            // Newest release that is not a pre-release nor yanked; its pure-Python wheel.
            (
                "latest",
                "1.1.0",
                "fixture_srv-1.1.0-py3-none-any.whl",
                "verified",
            ),
            // The per-version endpoint answers 404: fallback to `releases`; only an sdist.
            ("==1.0.0", "1.0.0", "fixture_srv-1.0.0.tar.gz", "verified"),
            (
                ">=1.0,<1.2",
                "1.1.0",
                "fixture_srv-1.1.0-py3-none-any.whl",
                "verified",
            ),
            (
                "==1.1.0",
                "1.1.0",
                "fixture_srv-1.1.0-py3-none-any.whl",
                "verified",
            ),
            (
                ">=2.0.0b1",
                "2.0.0b1",
                "fixture_srv-2.0.0b1-py3-none-any.whl",
                "verified",
            ),
        ],
    );
    assert_eq!(reg.server.hits("/pypi/pypi/fixture-srv/1.0.0/json"), 1);
    assert_eq!(reg.server.hits("/pypi/pypi/fixture-srv/1.1.0/json"), 1);

    let (_, report) = audit(
        &reg,
        &cache,
        &["pypi:fixture-srv==1.1.0", "--artifact", "sdist"],
    );
    check(
        &reg,
        &report,
        &[("sdist", "1.1.0", "fixture_srv-1.1.0.tar.gz", "verified")],
    );
}

#[test]
fn crates_resolve_cargo_requirements_from_the_sparse_index() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (_, report) = audit(
        &reg,
        &cache,
        &[
            "crates:fixture-srv",
            "crates:fixture-srv@0.1",
            "crates:fixture-srv@0.2.1",
            "crates:fixture-srv@>=0.3.0-alpha.0",
        ],
    );
    check(
        &reg,
        &report,
        &[
            // 0.2.1 is yanked and 0.3.0-alpha.1 a pre-release.
            ("latest", "0.2.0", "fixture-srv-0.2.0.crate", "verified"),
            ("0.1", "0.1.0", "fixture-srv-0.1.0.crate", "verified"),
            // An exact version may name a yanked one (it is flagged, see below).
            ("0.2.1", "0.2.1", "fixture-srv-0.2.1.crate", "verified"),
            (
                ">=0.3.0-alpha.0",
                "0.3.0-alpha.1",
                "fixture-srv-0.3.0-alpha.1.crate",
                "verified",
            ),
        ],
    );
    // The four targets are audited one after the other by one process, which shares one
    // registry client: the index configuration is read once.
    assert_eq!(
        reg.server.hits("/crates/config.json"),
        1,
        "one config.json per process"
    );
}

#[test]
fn github_releases_latest_tag_glob_and_missing_digest() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (_, report) = audit(
        &reg,
        &cache,
        &[
            "github:fixture/srv",
            "github:fixture/srv@v0.9.0",
            "github:fixture/srv@v1.0.0#checksums*",
        ],
    );
    check(
        &reg,
        &report,
        &[
            ("latest", "v1.0.0", "srv-1.0.0.mcpb", "verified"),
            ("v0.9.0", "v0.9.0", "srv-0.9.0.mcpb", "unverified"),
            ("glob", "v1.0.0", "checksums.txt", "unverified"),
        ],
    );
    let results = report["results"].as_array().unwrap();
    assert!(rule_ids(&results[1]).contains(&"integrity-unverified".to_string()));
    assert!(!rule_ids(&results[0]).contains(&"integrity-unverified".to_string()));
}

#[test]
fn github_token_goes_to_the_api_origin_only() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let client = Client::builder()
        .endpoints(reg.endpoints())
        .cache_dir(&cache)
        .github_token(Some("ghp_fixture_token".into()))
        .build()
        .unwrap();
    let fetched = client
        .obtain(&request(
            Ecosystem::Github,
            "fixture/srv",
            VersionSpec::Tag("v0.9.0".into()),
        ))
        .unwrap();
    assert_eq!(fetched.integrity, Integrity::Unverified);
    let api = reg.server.log();
    assert!(api
        .iter()
        .all(|r| r.headers.get("authorization").map(String::as_str)
            == Some("Bearer ghp_fixture_token")));
    let cdn = reg.other.log();
    assert_eq!(cdn.len(), 1);
    assert!(
        !cdn[0].headers.contains_key("authorization"),
        "token leaked to another origin"
    );
    assert!(api
        .iter()
        .all(|r| r.headers["user-agent"].starts_with("mcp-audit/")));
}

#[test]
fn github_source_tarball_when_no_asset_fits_and_rate_limits_explained() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let mut release: Value = serde_json::from_str(
        &reg.artifacts.render(
            &std::fs::read_to_string(
                crate::support::testdata().join("registry/github/release-v1.0.0.json"),
            )
            .unwrap(),
            reg.server.base(),
            reg.other.base(),
        ),
    )
    .unwrap();
    release["assets"] = Value::Array(Vec::new());
    release["tag_name"] = "v0.1.0".into();
    reg.server.route(
        "/gh/repos/fixture/srv/releases/tags/v0.1.0",
        Reply::json(release.to_string()),
    );
    let client = client(&reg, &cache, HttpSettings::default());
    let fetched = client
        .obtain(&request(
            Ecosystem::Github,
            "fixture/srv",
            VersionSpec::Tag("v0.1.0".into()),
        ))
        .unwrap();
    assert_eq!(fetched.package.filename, "srv-v0.1.0.tar.gz");
    assert_eq!(fetched.integrity, Integrity::Unverified);
    assert_eq!(
        fetched.sha256,
        reg.artifacts.sha256("srv-source-1.0.0.tar.gz")
    );
    assert_eq!(reg.server.hits("/gh-codeload/fixture/srv/tar.gz/v1.0.0"), 1);

    // `latest` answers 404 when every release is a pre-release: the release list decides.
    reg.server
        .route("/gh/repos/fixture/srv/releases/latest", Reply::status(404));
    let listed = client
        .obtain(&request(
            Ecosystem::Github,
            "fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap();
    assert_eq!(listed.package.version, "v1.0.0");
    assert_eq!(
        reg.server
            .hits("/gh/repos/fixture/srv/releases?per_page=100"),
        1
    );
    let missing = client
        .obtain(&request(
            Ecosystem::Github,
            "fixture/absent",
            VersionSpec::Latest,
        ))
        .unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("GitHub repository `fixture/absent` was not found"),
        "{missing}"
    );

    reg.server.route(
        "/gh/repos/fixture/srv/releases/latest",
        Reply::status(403)
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", "1767225600"),
    );
    let err = client
        .obtain(&request(
            Ecosystem::Github,
            "fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap_err();
    let text = err.to_string();
    assert!(matches!(err, Error::RateLimited { .. }), "{text}");
    assert!(
        text.contains("rate limit")
            && text.contains("2026-01-01T00:00:00Z")
            && text.contains("GITHUB_TOKEN"),
        "{text}"
    );
}

fn request(ecosystem: Ecosystem, name: &str, version: VersionSpec) -> PackageRequest {
    PackageRequest {
        ecosystem,
        name: name.into(),
        version,
        artifact: None,
    }
}

fn client(reg: &Registries, cache: &Path, http: HttpSettings) -> Client {
    Client::builder()
        .endpoints(reg.endpoints())
        .cache_dir(cache)
        .http(http)
        .build()
        .unwrap()
}

fn fast_retries() -> HttpSettings {
    HttpSettings {
        backoff: Duration::from_millis(20),
        ..HttpSettings::default()
    }
}

#[test]
fn registry_metadata_is_kept_for_the_analyzers() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let client = client(&reg, &cache, HttpSettings::default());
    let npm = client
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Tag("next".into()),
        ))
        .unwrap();
    let m = &npm.package.metadata;
    assert_eq!(m.published_at.as_deref(), Some("2025-06-01T09:00:00.000Z"));
    assert_eq!(m.created_at.as_deref(), Some("2025-01-10T09:00:00.000Z"));
    assert_eq!(
        m.scripts.get("postinstall").map(String::as_str),
        Some("node setup.js")
    );
    assert_eq!(m.has_install_script, Some(true));
    assert_eq!(m.provenance, Some(false));
    assert_eq!(m.version_count, Some(4));
    assert_eq!(m.maintainers, ["fixture-bot"]);
    assert_eq!(
        m.repository.as_deref(),
        Some("git+https://github.com/fixture/srv.git")
    );
    let npm = client
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap();
    assert_eq!(npm.package.metadata.provenance, Some(true));
    let deprecated = client
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Requirement("1.2.0".into()),
        ))
        .unwrap();
    assert!(deprecated
        .package
        .metadata
        .deprecated
        .as_deref()
        .unwrap()
        .contains("leaks"));

    let yanked = client
        .obtain(&request(
            Ecosystem::Pypi,
            "fixture-srv",
            VersionSpec::Requirement("==1.2.0".into()),
        ))
        .unwrap();
    assert!(yanked.package.metadata.yanked);
    assert_eq!(
        yanked.package.metadata.yanked_reason.as_deref(),
        Some("ships a debug endpoint")
    );
    assert_eq!(yanked.package.metadata.maintainers, ["fixture-bot"]);
    assert_eq!(yanked.package.metadata.version_count, Some(4));
    assert_eq!(
        yanked.package.metadata.created_at.as_deref(),
        Some("2025-01-10T09:00:00.000000Z")
    );
    // The per-version document has no history; it comes from the project document.
    let pinned = client
        .obtain(&request(
            Ecosystem::Pypi,
            "fixture-srv",
            VersionSpec::Requirement("==1.1.0".into()),
        ))
        .unwrap();
    assert_eq!(reg.server.hits("/pypi/pypi/fixture-srv/1.1.0/json"), 1);
    assert_eq!(pinned.package.metadata.version_count, Some(4));
    assert_eq!(
        pinned.package.metadata.created_at.as_deref(),
        Some("2025-01-10T09:00:00.000000Z")
    );
    assert_eq!(
        pinned.package.metadata.published_at.as_deref(),
        Some("2025-03-02T09:00:00.000000Z")
    );
    // Unpinned, the yanked release is skipped.
    let latest = client
        .obtain(&request(
            Ecosystem::Pypi,
            "fixture-srv",
            VersionSpec::Requirement(">=1.1".into()),
        ))
        .unwrap();
    assert_eq!(latest.package.version, "1.1.0");
    assert!(!latest.package.metadata.yanked);

    let crate_yanked = client
        .obtain(&request(
            Ecosystem::Crates,
            "fixture-srv",
            VersionSpec::Requirement("0.2.1".into()),
        ))
        .unwrap();
    assert!(crate_yanked.package.metadata.yanked);
    assert_eq!(crate_yanked.package.metadata.version_count, Some(4));
    assert_eq!(
        crate_yanked.package.metadata.published_at.as_deref(),
        Some("2025-03-09T09:00:00Z")
    );
}

// ----- faults -------------------------------------------------------------------------------

const TARBALL: &str = "/npm/@fixture/srv/-/srv-1.1.0.tgz";

/// Runs `npm:@fixture/srv` (1.1.0) with `fault` on its tarball; expects a clean failure.
fn fault_fails_cleanly(fault: Reply, expect: &str) {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    reg.server.route(TARBALL, fault);
    let (out, report) = audit(&reg, &cache, &["npm:@fixture/srv"]);
    assert_eq!(out.status.code(), Some(2), "{report:#}");
    let result = &report["results"][0];
    assert_eq!(result["verdict"], "error");
    let error = result["error"].as_str().unwrap();
    assert!(error.contains(expect), "expected `{expect}` in: {error}");
    assert!(
        error.contains("npm:@fixture/srv"),
        "the error names the target: {error}"
    );
    assert_eq!(
        cached_files(&cache),
        Vec::<String>::new(),
        "nothing may be left in the cache"
    );
}

#[test]
fn wrong_digest_is_exit_2_with_an_integrity_finding_and_nothing_cached() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (out, report) = audit(&reg, &cache, &["npm:fixture-tampered"]);
    assert_eq!(out.status.code(), Some(2));
    let result = &report["results"][0];
    assert_eq!(result["verdict"], "error");
    assert!(
        result["error"]
            .as_str()
            .unwrap()
            .contains("integrity check failed"),
        "{result:#}"
    );
    assert_eq!(result["package"]["integrity"], "mismatch");
    assert_eq!(
        result["package"]["sha256"],
        reg.artifacts.sha256("srv-1.1.0.tgz")
    );
    let finding = &result["findings"][0];
    assert_eq!(finding["rule"], "integrity-mismatch");
    assert_eq!(finding["category"], "integrity");
    assert_eq!(finding["severity"], "critical");
    assert!(finding["evidence"]
        .as_str()
        .unwrap()
        .starts_with("expected sha512-"));
    assert_eq!(cached_files(&cache), Vec::<String>::new());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("integrity check failed"), "{stderr}");
}

#[test]
fn sha256_mismatches_are_caught_in_every_registry() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let wrong = b"not the published bytes".to_vec();
    let cases = [
        (
            "/pypi/packages/ab/cd/fixture_srv-1.1.0-py3-none-any.whl",
            request(Ecosystem::Pypi, "fixture-srv", VersionSpec::Latest),
        ),
        (
            "/crates-dl/fixture-srv/0.2.0/download",
            request(Ecosystem::Crates, "fixture-srv", VersionSpec::Latest),
        ),
        (
            "/gh/repos/fixture/srv/releases/assets/12",
            request(Ecosystem::Github, "fixture/srv", VersionSpec::Latest),
        ),
    ];
    let client = client(&reg, &cache, fast_retries());
    for (path, req) in cases {
        reg.server.route(path, Reply::bytes(wrong.clone()));
        let err = client.obtain(&req).unwrap_err();
        let Error::Integrity(mismatch) = &err else {
            panic!("{path}: expected a mismatch, got {err}");
        };
        assert_eq!(mismatch.algorithm, "sha256", "{path}");
        assert!(mismatch.expected.starts_with("sha256:"), "{err}");
        assert_eq!(
            mismatch.sha256,
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&wrong))
        );
        assert!(err.to_string().contains("integrity check failed"), "{err}");
    }
    assert_eq!(cached_files(&cache), Vec::<String>::new());
}

#[test]
fn body_cut_short_fails_cleanly() {
    let reg_bytes = crate::registry_server::Artifacts::build();
    let body = reg_bytes.get("srv-1.1.0.tgz").to_vec();
    let claimed = body.len() as u64;
    fault_fails_cleanly(
        Reply::Truncated {
            body: body[..body.len() / 2].to_vec(),
            claimed,
        },
        "cut short",
    );
}

#[test]
fn redirect_to_another_host_over_plain_http_is_refused() {
    fault_fails_cleanly(
        Reply::Redirect {
            status: 302,
            location: "http://other-host.invalid/srv-1.1.0.tgz".into(),
        },
        "refusing redirect",
    );
}

#[test]
fn oversized_body_is_refused() {
    // A Content-Length over the cap is refused before reading.
    fault_fails_cleanly(
        Reply::Truncated {
            body: vec![0; 1024],
            claimed: 1 << 40,
        },
        "larger than the",
    );
}

#[test]
fn oversized_body_without_a_length_is_cut_at_the_cap() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    reg.server.route(
        TARBALL,
        Reply::CloseDelimited {
            body: vec![7; 300 * 1024],
        },
    );
    let client = client(
        &reg,
        &cache,
        HttpSettings {
            max_download_bytes: 100 * 1024,
            ..fast_retries()
        },
    );
    let err = client
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap_err();
    assert!(
        matches!(err, Error::TooLarge { limit: 102_400, .. }),
        "{err}"
    );
    assert_eq!(
        reg.server.hits(TARBALL),
        1,
        "a size violation is not retried"
    );
    assert_eq!(cached_files(&cache), Vec::<String>::new());
}

#[test]
fn two_503s_then_success_is_retried_to_success() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let good = reg.artifacts.get("srv-1.1.0.tgz").to_vec();
    reg.server.sequence(
        TARBALL,
        vec![
            Reply::status(503),
            Reply::status(503).header("Retry-After", "0"),
            Reply::bytes(good),
        ],
    );
    let (_, report) = audit(&reg, &cache, &["npm:@fixture/srv"]);
    check(
        &reg,
        &report,
        &[("503x2", "1.1.0", "srv-1.1.0.tgz", "verified")],
    );
    assert_eq!(reg.server.hits(TARBALL), 3);
}

#[test]
fn retries_are_bounded() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    reg.server.route("/npm/@fixture%2fsrv", Reply::status(503));
    let client = client(
        &reg,
        &cache,
        HttpSettings {
            retries: 2,
            ..fast_retries()
        },
    );
    let err = client
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap_err();
    assert!(err.to_string().contains("HTTP 503"), "{err}");
    assert_eq!(reg.server.hits("/npm/@fixture%2fsrv"), 3);
}

#[test]
fn slow_body_within_the_timeout_succeeds() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let good = reg.artifacts.get("srv-1.1.0.tgz").to_vec();
    reg.server.route(
        TARBALL,
        Reply::Slow {
            body: good,
            chunks: 4,
            delay: Duration::from_millis(300),
        },
    );
    let (_, report) = audit(&reg, &cache, &["npm:@fixture/srv"]);
    check(
        &reg,
        &report,
        &[("slow", "1.1.0", "srv-1.1.0.tgz", "verified")],
    );
}

#[test]
fn read_timeout_is_per_read_not_per_download() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let good = reg.artifacts.get("srv-1.1.0.tgz").to_vec();
    // Five gaps of 250 ms: longer in total than the 600 ms read timeout, each gap shorter.
    reg.server.route(
        TARBALL,
        Reply::Slow {
            body: good.clone(),
            chunks: 5,
            delay: Duration::from_millis(250),
        },
    );
    let settings = HttpSettings {
        read_timeout: Duration::from_millis(600),
        retries: 0,
        ..fast_retries()
    };
    let ok = client(&reg, &cache, settings.clone())
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap();
    assert_eq!(ok.integrity, Integrity::Verified);

    let (_tmp2, cache2) = cache_dir();
    reg.server.route(
        TARBALL,
        Reply::Slow {
            body: good,
            chunks: 2,
            delay: Duration::from_millis(1500),
        },
    );
    let err = client(&reg, &cache2, settings)
        .obtain(&request(
            Ecosystem::Npm,
            "@fixture/srv",
            VersionSpec::Latest,
        ))
        .unwrap_err();
    assert!(
        err.to_string().contains("timed out") || err.to_string().contains("cut short"),
        "{err}"
    );
    assert_eq!(cached_files(&cache2), Vec::<String>::new());
}

#[test]
fn proxy_variables_are_honoured() {
    // The loopback server plays an HTTP proxy: it receives absolute-form requests for a
    // registry host that does not resolve.
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let origin = "http://registry.invalid";
    let packument = reg.artifacts.render(
        &std::fs::read_to_string(crate::support::testdata().join("registry/npm/fixture-srv.json"))
            .unwrap(),
        origin,
        origin,
    );
    reg.server.route(
        &format!("{origin}/npm/@fixture%2fsrv"),
        Reply::json(packument),
    );
    reg.server.route(
        &format!("{origin}/npm/@fixture/srv/-/srv-1.1.0.tgz"),
        Reply::bytes(reg.artifacts.get("srv-1.1.0.tgz")),
    );
    let out = bin()
        .args(["audit", "--format", "json", "--quiet", "npm:@fixture/srv"])
        .env_clear()
        .envs(std::env::var_os("MCP_AUDIT_RULE_LOG").map(|v| ("MCP_AUDIT_RULE_LOG", v)))
        .env("MCP_AUDIT_CACHE_DIR", &cache)
        .env("MCP_AUDIT_NPM_REGISTRY", format!("{origin}/npm"))
        .env("HTTP_PROXY", reg.server.base())
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let package = &report["results"][0]["package"];
    assert_eq!(package["integrity"], "verified", "{report:#}");
    assert_eq!(package["sha256"], reg.artifacts.sha256("srv-1.1.0.tgz"));
    assert_eq!(
        reg.server
            .hits(&format!("{origin}/npm/@fixture/srv/-/srv-1.1.0.tgz")),
        1
    );
}

// ----- cache and offline --------------------------------------------------------------------

#[test]
fn offline_audits_from_the_cache_after_one_online_audit() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let (_, online) = audit(
        &reg,
        &cache,
        &["npm:@fixture/srv", "pypi:fixture-srv", "crates:fixture-srv"],
    );
    let requests = reg.server.log().len();
    let (_, offline) = audit(
        &reg,
        &cache,
        &[
            "--offline",
            "npm:@fixture/srv@1.1.0",
            "npm:@fixture/srv",
            "pypi:fixture-srv==1.1.0",
            "crates:fixture-srv@0.2.0",
        ],
    );
    assert_eq!(
        reg.server.log().len(),
        requests,
        "--offline must not touch the network"
    );
    check(
        &reg,
        &offline,
        &[
            ("exact", "1.1.0", "srv-1.1.0.tgz", "verified"),
            ("same request", "1.1.0", "srv-1.1.0.tgz", "verified"),
            (
                "pypi",
                "1.1.0",
                "fixture_srv-1.1.0-py3-none-any.whl",
                "verified",
            ),
            ("crates", "0.2.0", "fixture-srv-0.2.0.crate", "verified"),
        ],
    );
    assert_eq!(
        online["results"][0]["package"]["sha256"],
        offline["results"][0]["package"]["sha256"]
    );
    let (out, report) = audit(&reg, &cache, &["--offline", "npm:@fixture/srv@1.0.0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(report["results"][0]["error"]
        .as_str()
        .unwrap()
        .contains("not in the download cache"));
}

#[test]
fn a_second_online_audit_reuses_the_verified_download() {
    let reg = Registries::start();
    let (_tmp, cache) = cache_dir();
    let client = client(&reg, &cache, HttpSettings::default());
    let req = request(Ecosystem::Crates, "fixture-srv", VersionSpec::Latest);
    let first = client.obtain(&req).unwrap();
    let second = client.obtain(&req).unwrap();
    assert_eq!(first.path, second.path);
    assert!(first.path.ends_with("fixture-srv-0.2.0.crate"));
    assert_eq!(reg.server.hits("/crates-dl/fixture-srv/0.2.0/download"), 1);
    // A corrupted cache entry is detected and downloaded again.
    std::fs::write(&first.path, b"corrupt").unwrap();
    let third = client.obtain(&req).unwrap();
    assert_eq!(
        third.sha256,
        reg.artifacts.sha256("fixture-srv-0.2.0.crate")
    );
    assert_eq!(reg.server.hits("/crates-dl/fixture-srv/0.2.0/download"), 2);
    let offline = Client::builder()
        .endpoints(reg.endpoints())
        .cache_dir(&cache)
        .connectivity(Connectivity::Offline)
        .build()
        .unwrap();
    assert_eq!(offline.obtain(&req).unwrap().sha256, third.sha256);
}
