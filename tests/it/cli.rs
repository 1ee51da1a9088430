//! Command-line behaviour: help, usage errors, exit codes.

use crate::support::run_in;

#[test]
fn help_lists_every_command() {
    let out = run_in(std::env::temp_dir().as_path(), &["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in [
        "audit",
        "tools",
        "scan-tools",
        "install",
        "verify",
        "diff",
        "score",
        "key",
        "verify-score",
        "rules",
    ] {
        assert!(text.contains(cmd), "--help lacks {cmd}");
    }
}

#[test]
fn malformed_target_is_a_one_line_error_and_exit_2() {
    let out = run_in(
        std::env::temp_dir().as_path(),
        &["audit", "npm:Bad_Name", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["results"][0]["verdict"], "error");
    assert!(report["results"][0]["error"]
        .as_str()
        .unwrap()
        .contains("invalid target"));
}

#[test]
fn usage_error_exits_2() {
    let out = run_in(std::env::temp_dir().as_path(), &["audit"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn score_usage_errors_exit_2() {
    let dir = std::env::temp_dir();
    for args in [
        &["score"][..],
        &["score", "npm:x", "--list", "l.txt"],
        &["score", "--lockfile", "a", "--list", "b"],
        &["score", "npm:x", "--sign", "k.key"],
        &["verify-score", "f.json"],
    ] {
        let out = run_in(dir.as_path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}
