//! The layers of docs/architecture.md, checked: nothing low imports anything high.
//!
//! Crate boundaries are checked by Cargo itself (a crate cannot name a crate it does not depend
//! on), so this test reads each workspace crate's dependencies; inside the main crate it reads
//! the `crate::…` paths each layer's files use.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The workspace crates a crate's manifest depends on.
fn workspace_deps(manifest: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(manifest).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let mut deps: Vec<String> = value
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .map(|t| {
            t.iter()
                .filter(|(_, v)| v.get("path").is_some())
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    deps.sort();
    deps
}

#[test]
fn crates_depend_only_downward() {
    let r = root();
    assert_eq!(
        workspace_deps(&r.join("crates/core/Cargo.toml")),
        Vec::<String>::new(),
        "the bottom layer depends on no crate of the workspace"
    );
    assert_eq!(
        workspace_deps(&r.join("crates/sandbox/Cargo.toml")),
        ["mcp-audit-core"]
    );
    assert_eq!(
        workspace_deps(&r.join("crates/extract/Cargo.toml")),
        ["mcp-audit-core", "mcp-audit-sandbox"]
    );
    assert_eq!(
        workspace_deps(&r.join("registry-adapters/Cargo.toml")),
        ["mcp-audit-core"]
    );
}

/// (folder or file under src/, modules of the main crate it must never import)
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "analyze",
        &[
            "report",
            "policy",
            "pipeline",
            "install",
            "commands",
            "score",
            "fetch",
            "lockfile",
            "scan_tools",
            "rules",
            "cli",
        ],
    ),
    (
        "report",
        &[
            "pipeline",
            "install",
            "commands",
            "fetch",
            "scan_tools",
            "cli",
        ],
    ),
    (
        "policy",
        &[
            "report", "pipeline", "install", "commands", "fetch", "analyze", "rules", "cli",
        ],
    ),
    (
        "score.rs",
        &["report", "pipeline", "install", "commands", "fetch", "cli"],
    ),
    (
        "lockfile",
        &["report", "pipeline", "install", "commands", "cli"],
    ),
    (
        "fetch",
        &["pipeline", "install", "commands", "report", "cli"],
    ),
    ("pipeline.rs", &["install", "commands", "cli", "scan_tools"]),
    ("rules.rs", &["pipeline", "commands", "report", "cli"]),
    ("attest", &["commands", "cli", "install", "site"]),
    ("site", &["commands", "cli", "install"]),
];

#[test]
fn modules_import_only_downward() {
    let src = root().join("src");
    let mut violations = Vec::new();
    for (place, forbidden) in FORBIDDEN {
        let path = src.join(place);
        let files = if path.is_dir() {
            rust_files(&path)
        } else {
            vec![path.clone()]
        };
        assert!(!files.is_empty(), "{place}: no files");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, line) in text.lines().enumerate() {
                if line.trim_start().starts_with("//") {
                    continue;
                }
                for module in *forbidden {
                    if line.contains(&format!("crate::{module}::"))
                        || line.contains(&format!("crate::{module};"))
                        || line.contains(&format!("crate::{module}}}"))
                    {
                        violations.push(format!(
                            "{}:{}: imports crate::{module}",
                            file.strip_prefix(root()).unwrap().display(),
                            i + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports that run up the layers:\n{}",
        violations.join("\n")
    );
}
