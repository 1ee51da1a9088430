//! The analysis cache: a second audit of the same registry artifact reads what the analyzers
//! found from `analysis/` in the cache directory instead of unpacking and analyzing again.

use serde_json::Value;

use crate::testkit::{text, Kit};

fn audit(kit: &Kit, args: &[&str]) -> Value {
    let out = kit.run(args);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stderr)))
}

fn entries(kit: &Kit) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(kit.path("cache/analysis"))
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn a_second_audit_of_the_same_bytes_reads_the_analysis_cache() {
    let kit = Kit::start();
    // 1.1.0 is the poisoned version: it has findings.
    let args = ["audit", "npm:@fixture/calc@1.1.0", "--format", "json"];
    let first = audit(&kit, &args);
    let findings = first["results"][0]["findings"].as_array().unwrap().clone();
    assert!(!findings.is_empty(), "{first:#}");
    let stored = entries(&kit);
    assert_eq!(stored.len(), 1, "{stored:?}");
    // Online again, and offline: the same report.
    assert_eq!(audit(&kit, &args), first);
    let mut offline = args.to_vec();
    offline.push("--offline");
    assert_eq!(audit(&kit, &offline), first);
    assert_eq!(entries(&kit), stored);

    // What is read really is the entry: one without findings is believed.
    let mut entry: Value = serde_json::from_slice(&std::fs::read(&stored[0]).unwrap()).unwrap();
    entry["findings"] = serde_json::json!([]);
    std::fs::write(&stored[0], serde_json::to_vec(&entry).unwrap()).unwrap();
    let emptied = audit(&kit, &offline);
    assert_eq!(emptied["results"][0]["tools"], first["results"][0]["tools"]);
    assert!(
        emptied["results"][0]["findings"].as_array().unwrap().len() < findings.len(),
        "{emptied:#}"
    );
    // An unreadable entry is a miss: analyzed again and stored again.
    std::fs::write(&stored[0], b"{").unwrap();
    assert_eq!(audit(&kit, &offline), first);
    let again: Value = serde_json::from_slice(&std::fs::read(&stored[0]).unwrap()).unwrap();
    assert!(!again["findings"].as_array().unwrap().is_empty());
}

/// A local file is audited without leaving anything in the cache.
#[test]
fn a_local_file_is_not_kept_in_the_analysis_cache() {
    let kit = Kit::start();
    let fixture = crate::support::testdata().join("packages/mcp-server-dice-1.0.0.tgz");
    let report = audit(
        &kit,
        &["audit", fixture.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(report["results"][0]["error"], Value::Null, "{report:#}");
    assert!(entries(&kit).is_empty());
}
