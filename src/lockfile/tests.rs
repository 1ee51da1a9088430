//! Lockfile readers against realistic samples in `testdata/lockfiles/`.

use std::path::PathBuf;

use registry_adapters::Ecosystem;

use super::*;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/lockfiles")
        .join(name)
}

fn names(entries: &Entries) -> Vec<String> {
    entries
        .packages
        .iter()
        .map(|p| format!("{}@{}", p.name, p.version.as_deref().unwrap_or("*")))
        .collect()
}

fn skipped(entries: &Entries) -> Vec<&str> {
    entries.skipped.iter().map(|s| s.reason.as_str()).collect()
}

#[test]
fn package_lock_v3() {
    let e = read(&sample("package-lock.json")).unwrap();
    assert_eq!(
        names(&e),
        [
            "@modelcontextprotocol/server-filesystem@2026.8.31",
            "minimatch@10.0.3",
            "zod@3.25.76"
        ]
    );
    assert!(e
        .packages
        .iter()
        .all(|p| p.pinned && p.ecosystem == Ecosystem::Npm));
    assert!(
        matches!(&e.packages[0].digest, Some(ExpectedDigest::Sri(s)) if s.starts_with("sha512-kKaF"))
    );
    assert_eq!(
        skipped(&e),
        ["git dependency", "symlinked workspace package"]
    );
}

#[test]
fn package_lock_v1_nested_and_aliases() {
    let e = read(&sample("package-lock-v1.json")).unwrap();
    assert_eq!(
        names(&e),
        [
            "left-pad@1.3.0",
            "mcp-server-weather@0.3.1",
            "node-fetch@2.7.0"
        ]
    );
    assert_eq!(skipped(&e), ["local path dependency"]);
}

#[test]
fn pnpm_v9() {
    let e = read(&sample("pnpm-lock.yaml")).unwrap();
    assert_eq!(
        names(&e),
        ["@modelcontextprotocol/sdk@1.32.2", "zod@3.25.76"]
    );
    assert_eq!(skipped(&e), ["URL dependency"]);
}

#[test]
fn pnpm_v6_and_v5_keys() {
    let v6 = "lockfileVersion: '6.0'\npackages:\n  /@scope/pkg@1.2.3(react@18.0.0):\n    resolution: {integrity: sha512-AA==}\n  /left-pad/1.3.0:\n    resolution: {integrity: sha512-BB==}\n";
    let e = parse(Kind::Pnpm, Path::new("pnpm-lock.yaml"), v6).unwrap();
    assert_eq!(names(&e), ["@scope/pkg@1.2.3", "left-pad@1.3.0"]);
}

#[test]
fn yarn_classic_and_berry() {
    let e = read(&sample("yarn.lock")).unwrap();
    assert_eq!(
        names(&e),
        [
            "@modelcontextprotocol/sdk@1.32.2",
            "@modelcontextprotocol/server-memory@2026.1.26"
        ]
    );
    assert_eq!(skipped(&e), ["git dependency"]);
    let e = read(&sample("yarn-berry.lock")).unwrap();
    assert_eq!(names(&e), ["@modelcontextprotocol/sdk@1.32.2"]);
    assert!(
        e.packages[0].digest.is_none(),
        "berry checksums hash the cache zip, not the tarball"
    );
    assert_eq!(e.skipped.len(), 1);
}

#[test]
fn requirements_txt() {
    let e = read(&sample("requirements.txt")).unwrap();
    assert_eq!(
        names(&e),
        [
            "mcp@>=1.20,<3",
            "mcp-server-time@2026.10.19",
            "tzlocal@5.3.1"
        ]
    );
    let time = &e.packages[1];
    assert!(time.pinned);
    assert!(matches!(&time.digest, Some(ExpectedDigest::Sha256(h)) if h.len() == 2));
    assert!(!e.packages[0].pinned);
    let reasons = skipped(&e);
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("dependency confusion")));
}

#[test]
fn poetry_and_uv() {
    let e = read(&sample("poetry.lock")).unwrap();
    assert_eq!(names(&e), ["mcp-server-fetch@2025.4.7"]);
    assert!(matches!(&e.packages[0].digest, Some(ExpectedDigest::Sha256(h)) if h.len() == 2));
    assert_eq!(skipped(&e), ["directory source, not a registry package"]);
    let e = read(&sample("uv.lock")).unwrap();
    assert_eq!(names(&e), ["mcp-server-git@2026.1.14"]);
    assert_eq!(skipped(&e), ["editable source, not a registry package"]);
}

#[test]
fn cargo_lock() {
    let e = read(&sample("Cargo.lock")).unwrap();
    assert_eq!(names(&e), ["rmcp@0.8.1"]);
    assert_eq!(e.packages[0].target().to_string(), "crates:rmcp@=0.8.1");
    assert_eq!(skipped(&e), ["workspace or path crate", "git dependency"]);
}

#[test]
fn client_configs() {
    let e = read(&sample("claude_desktop_config.json")).unwrap();
    assert_eq!(
        names(&e),
        [
            "@modelcontextprotocol/server-filesystem@2026.8.31",
            "@modelcontextprotocol/server-memory@*",
            "mcp-server-time@2026.10.19",
        ]
    );
    assert_eq!(
        e.packages.iter().map(|p| p.pinned).collect::<Vec<_>>(),
        [true, false, true]
    );
    assert_eq!(
        e.packages[2].target().to_string(),
        "pypi:mcp-server-time==2026.10.19"
    );
    assert_eq!(e.skipped.len(), 2);
    let e = read(&sample("vscode-mcp.json")).unwrap();
    assert_eq!(names(&e), ["mcp-server-fetch@2025.4.7"]);
    assert_eq!(
        skipped(&e),
        ["remote server (nothing is installed locally)"]
    );
    let e = read(&sample("codex-config.toml")).unwrap();
    assert_eq!(
        names(&e),
        ["@modelcontextprotocol/server-sequential-thinking@2025.7.1"]
    );
}

#[test]
fn malformed_and_unknown_files_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "package-lock.json",
            "{\"lockfileVersion\": 3, \"packages\": ",
        ),
        ("pnpm-lock.yaml", "packages: [unclosed"),
        ("poetry.lock", "[[package]\nname="),
        ("mcp.json", "{\"other\": {}}"),
        ("notes.md", "# hello"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let err = read(&path).expect_err(name).to_string();
        assert!(err.contains(name), "{err}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
}

#[test]
fn digest_checks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.tgz");
    std::fs::write(&file, b"hello").unwrap();
    let sha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    let ok = ExpectedDigest::Sha256(vec![sha256.into()]);
    assert_eq!(check_digest(&ok, &file, sha256).unwrap(), None);
    let bad = ExpectedDigest::Sha256(vec!["00".repeat(32)]);
    assert!(check_digest(&bad, &file, sha256).unwrap().is_some());
    let sri = "sha512-m3HSJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==";
    assert_eq!(
        check_digest(&ExpectedDigest::Sri(sri.into()), &file, sha256).unwrap(),
        None
    );
    let wrong = "sha512-AAAAJL1i83hdltRq0+o9czGb+8KJDKra4t/3JRlnPKcjI8PZm6XBHXx6zG4UuMXaDEZjR1wuXDre9G9zvN7AQw==";
    assert!(
        check_digest(&ExpectedDigest::Sri(wrong.into()), &file, sha256)
            .unwrap()
            .is_some()
    );
}
