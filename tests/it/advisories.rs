//! Known vulnerabilities from the registries: npm's bulk advisory endpoint (asked once for a
//! tree, cached, used offline) and PyPI's JSON API `vulnerabilities`.

use serde_json::Value;

use crate::registry_server::Reply;
use crate::testkit::{text, Kit};

const BULK: &str = "/npm/-/npm/v1/security/advisories/bulk";

fn vulnerabilities(report: &Value, name: &str) -> Vec<Value> {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["package"]["name"] == name)
        .flat_map(|r| r["findings"].as_array().unwrap().clone())
        .filter(|f| f["rule"] == "known-vulnerability")
        .collect()
}

fn audit_json(kit: &Kit, args: &[&str]) -> Value {
    let out = kit.run(args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)))
}

/// A dependency with an advisory: the tree's npm versions are asked in one bulk POST, the
/// finding names the advisory and the fixed version, and an offline audit shows it from the
/// cache.
#[test]
fn npm_bulk_advisories_reach_the_dependency_and_work_offline() {
    let kit = Kit::start();
    kit.publish_npm(
        "tiny-trim",
        "1.2.0",
        serde_json::json!({"main": "index.js", "repository": "github:fixture/trim"}),
        &[("index.js", "module.exports = (s) => s.trim();\n")],
    );
    kit.publish_server_with_deps("@fixture/notes", serde_json::json!({"tiny-trim": "^1.0.0"}));
    let answer = serde_json::json!({"tiny-trim": [
        {"id": 1_099_001, "url": "https://github.com/advisories/GHSA-abcd-efgh-ijkl",
         "title": "ReDoS in tiny-trim", "severity": "high", "vulnerable_versions": "<1.2.1",
         "cwe": ["CWE-1333"], "cvss": {"score": 7.5}},
        {"id": 1_099_002, "url": "https://github.com/advisories/GHSA-zzzz-zzzz-zzzz",
         "title": "Old bug", "severity": "low", "vulnerable_versions": "<1.0.0"}
    ]});
    kit.reg
        .server
        .route(BULK, Reply::json(serde_json::to_vec(&answer).unwrap()));

    let args = [
        "audit",
        "npm:@fixture/notes@1.0.0",
        "--deps",
        "--format",
        "json",
    ];
    let report = audit_json(&kit, &args);
    let found = vulnerabilities(&report, "tiny-trim");
    assert_eq!(found.len(), 1, "{report:#}");
    let f = &found[0];
    assert_eq!(f["category"], "vulnerability");
    assert_eq!(f["severity"], "high");
    let evidence = f["evidence"].as_str().unwrap();
    assert!(evidence.starts_with("GHSA-abcd-efgh-ijkl"), "{evidence}");
    assert!(evidence.contains("fixed in 1.2.1"), "{evidence}");
    assert!(vulnerabilities(&report, "@fixture/notes").is_empty());
    // The root, then the whole tree in one request.
    let posts: Vec<_> = kit
        .reg
        .server
        .log()
        .into_iter()
        .filter(|l| l.path == BULK)
        .collect();
    assert!(!posts.is_empty() && posts.len() <= 2, "{posts:#?}");
    let asked: Value = serde_json::from_str(&posts.last().unwrap().headers["x-body"]).unwrap();
    assert_eq!(asked["tiny-trim"], serde_json::json!(["1.2.0"]));

    // Offline (and with the endpoint gone), the cached answer still counts.
    kit.reg.server.route(BULK, Reply::status(500));
    let mut offline = args.to_vec();
    offline.push("--offline");
    let out = kit.run(&offline);
    if out.status.code() != Some(2) {
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(vulnerabilities(&report, "tiny-trim").len(), 1, "{report:#}");
    }
    let report = audit_json(
        &kit,
        &[
            "audit",
            "npm:tiny-trim@1.2.0",
            "--offline",
            "--format",
            "json",
        ],
    );
    assert_eq!(vulnerabilities(&report, "tiny-trim").len(), 1, "{report:#}");
}

/// A registry that does not serve the endpoint (405, as many mirrors answer) is no error: the
/// audit goes on without advisories.
#[test]
fn an_npm_registry_without_advisories_is_no_error() {
    let kit = Kit::start();
    kit.reg.server.route(BULK, Reply::status(405));
    let report = audit_json(
        &kit,
        &["audit", "npm:@fixture/calc@1.0.0", "--format", "json"],
    );
    assert_eq!(report["results"][0]["verdict"], "allow", "{report:#}");
    assert!(vulnerabilities(&report, "@fixture/calc").is_empty());
}

/// PyPI's JSON API lists a release's vulnerabilities; each becomes a finding.
#[test]
fn pypi_vulnerabilities_become_findings() {
    let kit = Kit::start();
    let path = "/pypi/pypi/fixture-calc/1.0.0/json";
    let mut doc: Value = serde_json::from_slice(&kit_doc(&kit, path)).unwrap();
    doc["vulnerabilities"] = serde_json::json!([
        {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "summary": "Path traversal in calc",
         "details": "…", "fixed_in": ["1.0.1"], "link": "https://osv.dev/PYSEC-2099-1", "withdrawn": null}
    ]);
    kit.reg
        .server
        .route(path, Reply::json(serde_json::to_vec(&doc).unwrap()));
    let report = audit_json(
        &kit,
        &["audit", "pypi:fixture-calc==1.0.0", "--format", "json"],
    );
    let found = vulnerabilities(&report, "fixture-calc");
    assert_eq!(found.len(), 1, "{report:#}");
    let evidence = found[0]["evidence"].as_str().unwrap();
    assert!(evidence.contains("PYSEC-2099-1"), "{evidence}");
    assert!(evidence.contains("fixed in 1.0.1"), "{evidence}");
}

/// The document the loopback registry serves at `path`.
fn kit_doc(kit: &Kit, path: &str) -> Vec<u8> {
    use std::io::{Read as _, Write as _};
    let host = kit
        .reg
        .server
        .base()
        .trim_start_matches("http://")
        .to_string();
    let mut stream = std::net::TcpStream::connect(&host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    raw[split + 4..].to_vec()
}
