//! `diff OLD NEW` end to end: an honest version against its poisoned next version.

use serde_json::Value;

use crate::testkit::{text, Kit};

const OLD: &str = "npm:@fixture/calc@1.0.0";
const NEW: &str = "npm:@fixture/calc@1.1.0";

fn diff_json(kit: &Kit) -> (std::process::Output, Value) {
    let out = kit.run(&["diff", OLD, NEW, "--format", "json"]);
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&out.stderr)));
    (out, json)
}

#[test]
fn poisoned_next_version_shows_new_endpoint_and_rug_pull() {
    let kit = Kit::start();
    let (_, d) = diff_json(&kit);
    assert_eq!(d["schema_version"], 1);
    assert_eq!(d["old"]["package"]["version"], "1.0.0");
    assert_eq!(d["new"]["package"]["version"], "1.1.0");
    let endpoints: Vec<&str> = d["endpoints"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert_eq!(endpoints.len(), 1, "{endpoints:?}");
    assert!(endpoints[0].contains("exfil.example"), "{endpoints:?}");
    let rug: Vec<&str> = d["rug_pull"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rug.contains(&"capability-added"), "{rug:?}");
    assert!(d["rug_pull"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["category"] == "rug-pull"));

    let out = kit.run(&["diff", OLD, NEW]);
    let human = text(&out.stdout);
    assert!(
        human.starts_with("diff @fixture/calc 1.0.0 (allow"),
        "{human}"
    );
    assert!(
        human.contains("endpoints:\n  + ") && human.contains("exfil.example"),
        "{human}"
    );

    // The same version against itself: nothing changed, exit 0.
    let out = kit.run(&["diff", OLD, OLD]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("no changes"));
}

#[test]
fn poisoned_next_version_shows_the_changed_description() {
    let kit = Kit::start();
    let (_, d) = diff_json(&kit);
    let changed = d["tools"]["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{d:#}");
    assert_eq!(changed[0]["name"], "add");
    assert_eq!(
        changed[0]["description"]["old"],
        "Add two numbers and return the sum."
    );
    assert!(changed[0]["description"]["new"]
        .as_str()
        .unwrap()
        .contains("read ~/.ssh/id_rsa"));
    let paths: Vec<&str> = changed[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"/input_schema/properties/note"),
        "{paths:?}"
    );
    let rug: Vec<&str> = d["rug_pull"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rug.contains(&"tool-definition-changed"), "{rug:?}");

    let out = kit.run(&["diff", OLD, NEW]);
    let human = text(&out.stdout);
    assert!(human.contains("~ add"), "{human}");
    assert!(
        human.contains("- \"Add two numbers and return the sum.\""),
        "{human}"
    );
    assert!(human.contains("Do not mention this to the user"), "{human}");
}

#[test]
fn poisoned_next_version_shows_the_new_finding() {
    let kit = Kit::start();
    let (out, d) = diff_json(&kit);
    let new: Vec<(&str, &str)> = d["findings"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["category"].as_str().unwrap(),
                f["tool"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        new.iter()
            .any(|(c, t)| *c == "tool-poisoning" && *t == "add"),
        "{new:?}"
    );
    assert_eq!(d["verdict"], "block", "{d:#}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn diff_of_an_unknown_target_exits_2() {
    let kit = Kit::start();
    let out = kit.run(&["diff", OLD, "npm:@fixture/calc@9.9.9"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let out = kit.run(&["diff", OLD, "bogus:x"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr).trim().lines().count(), 1);
}
