//! `audit --lockfile`: error paths that need no registry.

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
