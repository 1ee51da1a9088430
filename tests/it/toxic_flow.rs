//! Toxic flows: chains of tools across the servers one client runs (`scan-tools A B C`,
//! `audit --lockfile` on a client config), the policy accepting or raising one.

use serde_json::Value;

use crate::support::{run_in, testdata};
use crate::testkit::Kit;

const CHAIN: [&str; 3] = ["web.json", "notes.json", "webhook.json"];

fn fixture(name: &str) -> String {
    testdata()
        .join("capabilities/servers")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn scan(dir: &std::path::Path, files: &[String], extra: &[&str]) -> (std::process::Output, Value) {
    let mut args: Vec<&str> = vec!["scan-tools", "--format", "json"];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    let out = run_in(dir, &args);
    let report = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (out, report)
}

/// Every `toxic-flow` finding of a report (counted or suppressed), with its result's target.
fn toxic(report: &Value, key: &str) -> Vec<Value> {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r[key].as_array().cloned().unwrap_or_default())
        .filter(|f| f["category"] == "toxic-flow")
        .collect()
}

fn assert_names_the_chain(f: &Value) {
    let evidence = f["evidence"].as_str().unwrap();
    let message = f["message"].as_str().unwrap();
    for tool in ["browse_page", "read_note", "post_webhook"] {
        assert!(evidence.contains(tool), "{evidence}");
        assert!(message.contains(tool), "{message}");
    }
    for why in [
        "reads untrusted content",
        "reads private data",
        "sends externally",
    ] {
        assert!(message.contains(why), "{message}");
    }
    assert_eq!(f["rule"], "toxic-flow-chain");
    assert_eq!(f["severity"], "high");
}

#[test]
fn three_servers_forming_a_chain_give_one_toxic_flow_finding() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = CHAIN.iter().map(|f| fixture(f)).collect();
    let (out, report) = scan(dir.path(), &files, &[]);
    assert_eq!(report["results"].as_array().unwrap().len(), 3);
    let found = toxic(&report, "findings");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_names_the_chain(&found[0]);
    for server in ["web.json", "notes.json", "webhook.json"] {
        assert!(found[0]["message"].as_str().unwrap().contains(server));
    }
    // High warns; it does not block by default.
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    // Any two of the three form no chain.
    let (_, report) = scan(dir.path(), &files[..2], &[]);
    assert!(toxic(&report, "findings").is_empty(), "{report:#}");
}

#[test]
fn honest_servers_give_no_toxic_flow() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = [
        "pypi__mcp-server-calculator.json",
        "pypi__mcp-server-time.json",
        "npm__dangahagan_weather-mcp.json",
    ]
    .iter()
    .map(|f| {
        testdata()
            .join("servers")
            .join(f)
            .to_string_lossy()
            .into_owned()
    })
    .collect();
    let (out, report) = scan(dir.path(), &files, &[]);
    assert!(toxic(&report, "findings").is_empty(), "{report:#}");
    assert_eq!(out.status.code(), Some(0), "{report:#}");
}

#[test]
fn a_policy_accepts_the_chain_with_its_reason_or_raises_it_to_block() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = CHAIN.iter().map(|f| fixture(f)).collect();
    let (_, report) = scan(dir.path(), &files, &[]);
    let fingerprint = toxic(&report, "findings")[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let reason = "the webhook only reaches our own team channel";
    std::fs::write(
        dir.path().join("accept.toml"),
        format!("[[suppress]]\nfingerprint = \"{fingerprint}\"\nreason = \"{reason}\"\n"),
    )
    .unwrap();
    let (out, report) = scan(dir.path(), &files, &["--policy", "accept.toml"]);
    assert!(toxic(&report, "findings").is_empty(), "{report:#}");
    let accepted = toxic(&report, "suppressed");
    assert_eq!(accepted.len(), 1, "{report:#}");
    assert_eq!(accepted[0]["reason"], reason);
    assert_names_the_chain(&accepted[0]);
    assert_eq!(out.status.code(), Some(0));
    let human = run_in(
        dir.path(),
        &[
            &["scan-tools", "--policy", "accept.toml"][..],
            &files.iter().map(String::as_str).collect::<Vec<_>>(),
        ]
        .concat(),
    );
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains(reason), "{text}");

    std::fs::write(
        dir.path().join("strict.toml"),
        "[rules]\ntoxic-flow-chain = \"critical\"\n",
    )
    .unwrap();
    let (out, report) = scan(dir.path(), &files, &["--policy", "strict.toml"]);
    assert_eq!(out.status.code(), Some(1), "{report:#}");
    assert_eq!(toxic(&report, "findings")[0]["severity"], "critical");
}

#[test]
fn a_client_config_running_the_three_servers_gives_one_toxic_flow_finding() {
    let kit = Kit::start();
    publish_chain(&kit);
    let mut servers = serde_json::Map::new();
    for file in CHAIN {
        let stem = file.trim_end_matches(".json");
        servers.insert(
            stem.to_string(),
            serde_json::json!({"command": "npx", "args": ["-y", format!("@fixture/{stem}@1.0.0")]}),
        );
    }
    kit.write(
        "work/claude_desktop_config.json",
        &serde_json::json!({"mcpServers": servers}).to_string(),
    );
    let out = kit.run(&[
        "audit",
        "--lockfile",
        "claude_desktop_config.json",
        "--format",
        "json",
        "--quiet",
    ]);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 3, "{report:#}");
    let found = toxic(&report, "findings");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_names_the_chain(&found[0]);
    assert_ne!(out.status.code(), Some(2), "{report:#}");
}

#[test]
fn annotations_the_profile_contradicts_are_low_findings_with_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let (out, report) = scan(dir.path(), &[fixture("cleaner.json")], &[]);
    let findings: Vec<&Value> = report["results"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "annotation-contradicts-capability")
        .collect();
    let hints: Vec<&str> = findings
        .iter()
        .map(|f| f["evidence"].as_str().unwrap())
        .collect();
    assert_eq!(
        hints,
        [
            "destructiveHint: false vs destructive",
            "readOnlyHint: true vs destructive"
        ],
        "{report:#}"
    );
    for f in &findings {
        assert_eq!(f["severity"], "low");
        assert_eq!(f["category"], "manifest-mismatch");
        assert_eq!(f["tool"], "delete_old_logs");
        assert!(f["message"].as_str().unwrap().contains("`delete`"), "{f}");
    }
    assert_eq!(out.status.code(), Some(0), "{report:#}");
}

/// Publishes the three chain fixtures as npm servers `@fixture/web`, `@fixture/notes` and
/// `@fixture/webhook` (each answers tools/list with its fixture's tools).
fn publish_chain(kit: &Kit) {
    let js = r#"#!/usr/bin/env node
import { createInterface } from "node:readline";
const TOOLS = TOOLS_JSON;
const send = (m) => process.stdout.write(JSON.stringify(m) + "\n");
createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.method === "tools/list") send({ jsonrpc: "2.0", id: msg.id, result: { tools: TOOLS } });
});
"#;
    for file in CHAIN {
        let tools: Value =
            serde_json::from_str(&std::fs::read_to_string(fixture(file)).unwrap()).unwrap();
        let stem = file.trim_end_matches(".json");
        kit.publish_npm(
            &format!("@fixture/{stem}"),
            "1.0.0",
            serde_json::json!({"type": "module", "bin": {stem: "index.js"},
                "description": "fixture server", "repository": "github:fixture/x"}),
            &[(
                "index.js",
                &js.replace("TOOLS_JSON", &tools["tools"].to_string()),
            )],
        );
    }
}

fn install(kit: &Kit, stem: &str, extra: &[&str]) -> (std::process::Output, Value) {
    let spec = format!("npm:@fixture/{stem}@1.0.0");
    let mut args = vec![
        "install",
        spec.as_str(),
        "--client",
        "claude-desktop",
        "--client-config",
        "claude_desktop_config.json",
        "--format",
        "json",
    ];
    args.extend(extra);
    let out = kit.run(&args);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    (out, report)
}

/// The chain servers published, and a client config that runs `web` (added by hand).
fn client_running_web() -> Kit {
    let kit = Kit::start();
    publish_chain(&kit);
    kit.write(
        "work/claude_desktop_config.json",
        r#"{"mcpServers": {"web": {"command": "npx", "args": ["-y", "@fixture/web@1.0.0"]}}}"#,
    );
    kit
}

#[test]
fn install_judges_the_new_server_with_those_the_client_runs() {
    // The client already runs `web`, added by hand (audited from the registry), and `notes`,
    // installed through mcp-audit (its tools read again from the pinned artifact).
    let kit = client_running_web();
    let (out, report) = install(&kit, "notes", &[]);
    assert_eq!(out.status.code(), Some(0), "{report:#}");
    assert!(toxic(&report, "findings").is_empty(), "{report:#}");

    // The webhook completes the chain: the install warns and, with no one to ask, refuses.
    let (out, report) = install(&kit, "webhook", &[]);
    let found = toxic(&report, "findings");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_names_the_chain(&found[0]);
    assert_eq!(report["results"][0]["verdict"], "warn", "{report:#}");
    assert_eq!(out.status.code(), Some(1), "{report:#}");
    assert!(
        !kit.servers()
            .iter()
            .any(|s| s["name"].as_str() == Some("@fixture/webhook")),
        "installed despite the refusal"
    );
    // Accepted, it is installed; `verify` then sees the two pinned servers plus nothing else
    // (the hand-added one is not pinned), so no chain there.
    let (out, _) = install(&kit, "webhook", &["--yes"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(kit.servers().len(), 2);
}

#[test]
fn the_same_server_installed_beside_harmless_ones_is_not_flagged() {
    // Honest twin: the client runs only the web reader; the webhook adds no private data.
    let kit = client_running_web();
    let (out, report) = install(&kit, "webhook", &[]);
    assert!(toxic(&report, "findings").is_empty(), "{report:#}");
    assert_eq!(out.status.code(), Some(0), "{report:#}");
}

#[test]
fn verify_judges_the_installed_servers_of_a_client_together() {
    let kit = Kit::start();
    publish_chain(&kit);
    kit.write("work/claude_desktop_config.json", r#"{"mcpServers": {}}"#);
    for stem in ["web", "notes"] {
        let (out, report) = install(&kit, stem, &[]);
        assert_eq!(out.status.code(), Some(0), "{report:#}");
    }
    let (out, _) = install(&kit, "webhook", &["--yes"]);
    assert_eq!(out.status.code(), Some(0));
    let out = kit.run(&["verify", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(report["results"].as_array().unwrap().len(), 3, "{report:#}");
    let found = toxic(&report, "findings");
    assert_eq!(found.len(), 1, "{report:#}");
    assert_names_the_chain(&found[0]);
    // Each pinned server's tools are its real definitions, read from the audited artifact.
    let web = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["package"]["name"] == "@fixture/web")
        .unwrap();
    assert!(web["tools"][0]["description"].is_string(), "{web:#}");
}
