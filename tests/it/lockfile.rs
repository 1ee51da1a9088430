//! `audit --lockfile`: error paths that need no registry.

use serde_json::Value;

use crate::registry_server::Registries;
use crate::support::run_in;

#[test]
fn lockfile_with_nothing_auditable_exits_2_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mcp.json"),
        r#"{"mcpServers": {"remote": {"url": "https://mcp.example.com"}, "img": {"command": "docker", "args": ["run", "x"]}}}"#,
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &["audit", "--lockfile", "mcp.json", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("lists no registry packages"), "{stderr}");
    assert!(stderr.contains("not audited: mcpServers.img"), "{stderr}");
}

#[test]
fn malformed_lockfile_is_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package-lock.json"),
        "{\"lockfileVersion\": 3,",
    )
    .unwrap();
    let out = run_in(dir.path(), &["audit", "--lockfile", "package-lock.json"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot read lockfile `package-lock.json`"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "no report for an unreadable lockfile"
    );
}

/// Runs `audit --lockfile FILE --format json` against the loopback registries.
fn audit_lockfile(
    reg: &Registries,
    dir: &std::path::Path,
    file: &str,
) -> (std::process::Output, Value) {
    let mut cmd = crate::support::bin();
    cmd.args(["audit", "--lockfile", file, "--format", "json", "--quiet"])
        .env_clear()
        .envs(std::env::var_os("MCP_AUDIT_RULE_LOG").map(|v| ("MCP_AUDIT_RULE_LOG", v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("MCP_AUDIT_CACHE_DIR", dir.join("cache"))
        .env("NO_COLOR", "1")
        .current_dir(dir);
    for (k, v) in reg.env() {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run mcp-audit");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not a JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out, report)
}

fn rules_of(result: &Value) -> Vec<&str> {
    result["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

#[test]
fn package_lock_integrity_is_checked_against_the_downloaded_bytes() {
    let reg = Registries::start();
    let dir = tempfile::tempdir().unwrap();
    let good = reg.artifacts.render("{{SRI:srv-1.1.0.tgz}}", "", "");
    let wrong = good.clone();
    let lock = serde_json::json!({
        "name": "app", "lockfileVersion": 3, "requires": true,
        "packages": {
            "": {"name": "app"},
            "node_modules/@fixture/srv": {"version": "1.1.0", "integrity": good},
            "node_modules/app/node_modules/@fixture/srv": {"version": "1.0.0", "integrity": wrong},
        }
    });
    std::fs::write(dir.path().join("package-lock.json"), lock.to_string()).unwrap();
    let (out, report) = audit_lockfile(&reg, dir.path(), "package-lock.json");
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{report:#}");
    // Sorted by version: 1.0.0 (recorded digest is 1.1.0's) then 1.1.0.
    assert_eq!(results[0]["target"], "npm:@fixture/srv@1.0.0");
    assert!(
        rules_of(&results[0]).contains(&"lockfile-digest-mismatch"),
        "{report:#}"
    );
    assert_eq!(results[0]["verdict"], "block");
    assert!(
        !rules_of(&results[1]).contains(&"lockfile-digest-mismatch"),
        "{report:#}"
    );
    assert_ne!(results[1]["verdict"], "block");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn client_config_servers_are_audited_and_unpinned_ones_flagged() {
    let reg = Registries::start();
    let dir = tempfile::tempdir().unwrap();
    let config = r#"{"mcpServers": {
        "pinned": {"command": "npx", "args": ["-y", "@fixture/srv@1.1.0"]},
        "floating": {"command": "npx", "args": ["-y", "@fixture/srv"]},
        "remote": {"url": "https://mcp.example.com/mcp"}
    }}"#;
    std::fs::write(dir.path().join("claude_desktop_config.json"), config).unwrap();
    let (out, report) = audit_lockfile(&reg, dir.path(), "claude_desktop_config.json");
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{report:#}");
    let floating = results
        .iter()
        .find(|r| r["target"] == "npm:@fixture/srv")
        .unwrap();
    assert!(
        rules_of(floating).contains(&"unpinned-server"),
        "{report:#}"
    );
    let pinned = results
        .iter()
        .find(|r| r["target"] == "npm:@fixture/srv@1.1.0")
        .unwrap();
    assert!(!rules_of(pinned).contains(&"unpinned-server"), "{report:#}");
    assert_eq!(out.status.code(), Some(0), "{report:#}");
}
