//! Evasion fixtures: each malicious MCP server package in `testdata/code/evasive/` hides its
//! behaviour from a lexical analyzer with a cheap trick (names split into pieces, short encoded
//! stages, helpers in other files, tool descriptions fetched at run time, install-time worms,
//! "analytics" exfiltration, shipped binaries, tool arguments reaching a shell through a helper).
//! Each one has an honest twin that uses the same kind of capability honestly.
//! `testdata/code/evasive/labels.tsv` lists them all.
//!
//! Every listed package is audited as a directory by the real binary. The test prints a table
//! per class. It fails when a class has fewer than 90% of its malicious packages blocked, or
//! when an honest twin is warned or blocked.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{bin, testdata};

/// The share of malicious packages of each class that must be blocked.
const MIN_BLOCK_RATE: f64 = 0.9;

/// One row of `labels.tsv`.
struct Case {
    dir: String,
    class: String,
    malicious: bool,
    language: String,
}

fn root() -> PathBuf {
    testdata().join("code/evasive")
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(root().join("labels.tsv")).expect("read labels.tsv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("dir\tclass\tlabel\tlanguage\ttechnique"),
        "labels.tsv header"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "labels.tsv: 5 columns expected: {line}");
            let malicious = match cols[2] {
                "malicious" => true,
                "honest" => false,
                other => panic!("labels.tsv: unknown label `{other}`: {line}"),
            };
            Case {
                dir: cols[0].to_string(),
                class: cols[1].to_string(),
                malicious,
                language: cols[3].to_string(),
            }
        })
        .collect()
}

/// The first result of `mcp-audit audit --format json` on `path`.
fn audit(path: &Path, cache: &Path) -> Value {
    let out = bin()
        .args(["audit", "--format", "json", "--quiet", "--cache-dir"])
        .arg(cache)
        .arg(path)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run mcp-audit");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: {e}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    report["results"][0].clone()
}

/// The rules of the findings at medium severity or above.
fn serious_rules(result: &Value) -> BTreeSet<String> {
    result["findings"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter(|f| matches!(f["severity"].as_str(), Some("medium" | "high" | "critical")))
        .filter_map(|f| f["rule"].as_str().map(str::to_string))
        .collect()
}

#[derive(Default)]
struct Tally {
    malicious: usize,
    blocked: usize,
    honest: usize,
    honest_warned: usize,
    honest_blocked: usize,
}

#[test]
fn evasive_labels_list_every_fixture_with_a_twin() {
    let cases = cases();
    let listed: BTreeSet<String> = cases.iter().map(|c| c.dir.clone()).collect();
    assert_eq!(listed.len(), cases.len(), "a directory is listed twice");

    let mut on_disk = BTreeSet::new();
    for class in std::fs::read_dir(root()).expect("read evasive/") {
        let class = class.unwrap().path();
        if !class.is_dir() {
            continue;
        }
        for pkg in std::fs::read_dir(&class).unwrap() {
            let pkg = pkg.unwrap().path();
            if pkg.is_dir() {
                let rel = pkg.strip_prefix(root()).unwrap();
                on_disk.insert(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    assert_eq!(
        listed, on_disk,
        "labels.tsv and the fixture directories differ"
    );

    let mut per_class: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for case in &cases {
        assert!(
            case.dir.starts_with(&format!("{}/", case.class)),
            "{}: not under its class `{}`",
            case.dir,
            case.class
        );
        assert!(
            ["javascript", "typescript", "python", "rust"].contains(&case.language.as_str()),
            "{}: language `{}`",
            case.dir,
            case.language
        );
        let (twin, suffix) = if case.malicious {
            (case.dir.replace("-evil", "-honest"), "-evil")
        } else {
            (case.dir.replace("-honest", "-evil"), "-honest")
        };
        assert!(
            case.dir.ends_with(suffix),
            "{}: name must end in {suffix}",
            case.dir
        );
        assert!(listed.contains(&twin), "{}: no twin {twin}", case.dir);
        let entry = per_class.entry(case.class.as_str()).or_default();
        if case.malicious {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    let malicious: usize = per_class.values().map(|(m, _)| m).sum();
    assert!(
        malicious >= 36,
        "{malicious} malicious fixtures, 36 expected"
    );
    for (class, (m, h)) in &per_class {
        assert!(*m >= 4, "class {class}: {m} malicious fixtures, 4 expected");
        assert_eq!(m, h, "class {class}: {m} malicious, {h} honest");
    }
}

#[test]
fn evasive_fixtures_are_blocked_and_their_honest_twins_allowed() {
    let cache = tempfile::tempdir().expect("cache dir");
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    let mut failures = Vec::new();

    for case in cases() {
        let result = audit(&root().join(&case.dir), cache.path());
        let verdict = result["verdict"].as_str().unwrap_or("?").to_string();
        let rules = serious_rules(&result);
        let rules = rules.into_iter().collect::<Vec<_>>().join(", ");
        let t = tally.entry(case.class.clone()).or_default();
        if case.malicious {
            t.malicious += 1;
            if verdict == "block" {
                t.blocked += 1;
            } else {
                failures.push(format!("missed   {} ({verdict}) [{rules}]", case.dir));
            }
        } else {
            t.honest += 1;
            match verdict.as_str() {
                "allow" => {}
                "warn" => {
                    t.honest_warned += 1;
                    failures.push(format!("warned   {} [{rules}]", case.dir));
                }
                _ => {
                    t.honest_blocked += 1;
                    failures.push(format!("blocked  {} ({verdict}) [{rules}]", case.dir));
                }
            }
        }
    }

    let mut table = String::from(
        "| class | malicious blocked | block rate | honest warned | honest blocked |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    let mut weak_classes = Vec::new();
    for (class, t) in &tally {
        let rate = if t.malicious == 0 {
            1.0
        } else {
            t.blocked as f64 / t.malicious as f64
        };
        if rate < MIN_BLOCK_RATE {
            weak_classes.push(format!("{class} ({:.0}%)", rate * 100.0));
        }
        let _ = writeln!(
            table,
            "| {class} | {}/{} | {:.0}% | {}/{} | {}/{} |",
            t.blocked,
            t.malicious,
            rate * 100.0,
            t.honest_warned,
            t.honest,
            t.honest_blocked,
            t.honest
        );
    }
    println!("{table}");
    for line in &failures {
        println!("{line}");
    }

    let false_alarms = tally
        .values()
        .map(|t| t.honest_warned + t.honest_blocked)
        .sum::<usize>();
    assert!(
        weak_classes.is_empty() && false_alarms == 0,
        "classes under {:.0}% blocked: {}; honest twins warned or blocked: {false_alarms}\n{table}\n{}",
        MIN_BLOCK_RATE * 100.0,
        if weak_classes.is_empty() {
            "none".to_string()
        } else {
            weak_classes.join(", ")
        },
        failures.join("\n")
    );
}
