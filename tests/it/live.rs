//! Opt-in tests against the live public registries (`MCP_AUDIT_LIVE=1`): a real package from
//! each of npm, PyPI and crates.io is resolved, downloaded and verified by the real binary.
//! GitHub is left out: it is not reachable from every test machine.
#![expect(
    clippy::print_stderr,
    reason = "a live run reports what it fetched (`-- --nocapture`)"
)]

use serde_json::Value;

use crate::support::bin;

fn live() -> bool {
    std::env::var("MCP_AUDIT_LIVE").is_ok_and(|v| v == "1")
}

fn audit_live(cache: &std::path::Path, target: &str) -> Value {
    let out = bin()
        .args(["audit", "--format", "json", "--quiet", target])
        .env("MCP_AUDIT_CACHE_DIR", cache)
        .env_remove("MCP_AUDIT_NPM_REGISTRY")
        .env_remove("npm_config_registry")
        .env_remove("MCP_AUDIT_PYPI_URL")
        .env_remove("MCP_AUDIT_CRATES_INDEX")
        .output()
        .expect("run mcp-audit");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let result = report["results"][0].clone();
    // Printed so that a live run shows what was fetched (`--nocapture`).
    eprintln!(
        "{target}: exit {:?} {}@{} integrity={} sha256={} source={} verdict={} error={}",
        out.status.code(),
        result["package"]["name"],
        result["package"]["version"],
        result["package"]["integrity"],
        result["package"]["sha256"],
        result["package"]["source"],
        result["verdict"],
        result["error"],
    );
    result
}

fn check(target: &str) {
    if !live() {
        eprintln!("skipped {target}: set MCP_AUDIT_LIVE=1 to run live registry tests");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let result = audit_live(tmp.path(), target);
    let package = &result["package"];
    assert_eq!(package["integrity"], "verified", "{result:#}");
    assert_eq!(package["sha256"].as_str().unwrap().len(), 64);
    // The download URL is whatever the registry (or the mirror in front of it) said.
    assert!(
        package["source"].as_str().unwrap().starts_with("https://"),
        "{result:#}"
    );
    // The same target offline, from the cache.
    let out = bin()
        .args(["audit", "--offline", "--format", "json", "--quiet", target])
        .env("MCP_AUDIT_CACHE_DIR", tmp.path())
        .output()
        .unwrap();
    let offline: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        offline["results"][0]["package"]["sha256"],
        package["sha256"]
    );
    assert_eq!(offline["results"][0]["package"]["integrity"], "verified");
}

#[test]
fn live_npm_server_filesystem() {
    check("@modelcontextprotocol/server-filesystem");
}

#[test]
fn live_pypi_mcp_server_time() {
    check("pypi:mcp-server-time");
}

#[test]
fn live_crates_rmcp() {
    check("crates:rmcp");
}

/// A PyPI release with known advisories shows them as `known-vulnerability` findings with the
/// advisory id, online and then offline from the cache.
#[test]
fn live_pypi_release_with_a_known_advisory() {
    let target = "pypi:pycrypto==2.6.1";
    if !live() {
        eprintln!("skipped {target}: set MCP_AUDIT_LIVE=1 to run live registry tests");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let ids = |result: &Value| -> Vec<String> {
        result["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["rule"] == "known-vulnerability")
            .map(|f| f["evidence"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let result = audit_live(tmp.path(), target);
    let online = ids(&result);
    eprintln!("{target}: {online:?}");
    assert!(
        online.iter().any(|e| e.contains("PYSEC-2017-94")),
        "{result:#}"
    );
    let out = bin()
        .args(["audit", "--offline", "--format", "json", "--quiet", target])
        .env("MCP_AUDIT_CACHE_DIR", tmp.path())
        .output()
        .unwrap();
    let offline: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&offline["results"][0]), online);
}

/// `audit --deps` of a real npm server and a real PyPI server: the package manager resolves the
/// tree with scripts off, every package of it is downloaded, verified against the digest the
/// resolver recorded and audited as a dependency naming its path from the server; a second run
/// (from the cache) gives the same packages, digests and verdicts.
#[test]
fn live_deps_trees_of_an_npm_and_a_pypi_server() {
    if !live() {
        eprintln!("skipped: set MCP_AUDIT_LIVE=1 to run live registry tests");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let run = |target: &str| -> Value {
        let out = bin()
            .args(["audit", "--deps", "--format", "json", "--quiet", target])
            .env("MCP_AUDIT_CACHE_DIR", tmp.path())
            .env_remove("MCP_AUDIT_NPM_REGISTRY")
            .env_remove("MCP_AUDIT_PYPI_URL")
            .output()
            .expect("run mcp-audit");
        assert_ne!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON report")
    };
    let summary = |report: &Value| -> Vec<(String, String, String)> {
        report["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["target"].as_str().unwrap_or_default().to_string(),
                    r["package"]["sha256"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    r["verdict"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    for (target, root) in [
        (
            "npm:@modelcontextprotocol/server-memory",
            "@modelcontextprotocol/server-memory",
        ),
        ("pypi:mcp-server-time", "mcp-server-time"),
    ] {
        let report = run(target);
        let results = report["results"].as_array().unwrap();
        eprintln!("{target}: {} packages", results.len());
        assert!(results.len() > 5, "{report:#}");
        assert!(results[0]["dependency_path"].is_null());
        for dep in &results[1..] {
            assert_ne!(dep["verdict"], "error", "{dep:#}");
            assert_eq!(dep["package"]["integrity"], "verified", "{dep:#}");
            let path = dep["dependency_path"].as_array().unwrap();
            assert_eq!(path[0], root, "{dep:#}");
            let normal = |n: &Value| n.as_str().unwrap().to_lowercase().replace(['_', '.'], "-");
            assert_eq!(
                normal(path.last().unwrap()),
                normal(&dep["package"]["name"]),
                "{dep:#}"
            );
        }
        assert_eq!(summary(&run(target)), summary(&report), "{target}");
    }
}
