//! The description rules measured on the labeled set (`testdata/descriptions/labeled.jsonl`) and
//! on the real servers of `testdata/servers`.
//!
//! A row counts as detected when its findings alone *block* under the built-in policy (the
//! verdict a user would get). Set `DESCRIPTIONS_SHOW=1` to print the tune-split misses and false
//! positives with their findings.

use std::collections::BTreeMap;

use mcp_audit::analyze::descriptions::analyze;
use mcp_audit::report::Verdict;
use mcp_audit::scan_tools as scan;
use mcp_audit::Tool;

use crate::support::testdata;

/// Fewest poisoned rows that must block.
const MIN_RECALL: f64 = 0.95;
/// Most honest rows that may block.
const MAX_FPR: f64 = 0.02;

fn tools_of(value: &serde_json::Value, file: &str) -> Vec<Tool> {
    let bytes = serde_json::to_vec(value).unwrap();
    scan::parse(&bytes, file).unwrap().tools
}

fn server_tools(file: &str) -> Vec<Tool> {
    let text = std::fs::read_to_string(testdata().join("servers").join(file)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    tools_of(&value["tools"], file)
}

/// The verdict of `tool` judged with the other tools of its server (`siblings`, the scope a
/// real server gives); only the findings about `tool` count.
fn verdict_among(tool: &Tool, siblings: &[Tool]) -> (Verdict, Vec<mcp_audit::Finding>) {
    let mut all = vec![tool.clone()];
    all.extend(siblings.iter().cloned());
    let findings: Vec<mcp_audit::Finding> = analyze(&all, &[])
        .into_iter()
        .filter(|f| siblings.is_empty() || f.tool.as_deref() == Some(tool.name.as_str()))
        .collect();
    let (_, verdict) = mcp_audit::score::score(&findings);
    (verdict, findings)
}

#[derive(Default)]
struct Tally {
    poisoned: usize,
    blocked: usize,
    honest: usize,
    false_blocks: usize,
    honest_warned: usize,
}

impl Tally {
    fn recall(&self) -> f64 {
        ratio(self.blocked, self.poisoned)
    }
    fn fpr(&self) -> f64 {
        ratio(self.false_blocks, self.honest)
    }
}

#[allow(clippy::cast_precision_loss)]
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[test]
fn descriptions_labeled_set_recall_and_false_positive_rate() {
    let text =
        std::fs::read_to_string(testdata().join("descriptions").join("labeled.jsonl")).unwrap();
    let show = std::env::var_os("DESCRIPTIONS_SHOW").is_some();
    let mut servers: BTreeMap<String, Vec<Tool>> = BTreeMap::new();
    let mut by_split: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_class: BTreeMap<(String, String), (usize, usize)> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let split = row["split"].as_str().unwrap().to_string();
        let class = row["class"].as_str().unwrap().to_string();
        let poisoned = row["label"] == "poisoned";
        let tool = if let Some(r) = row["ref"].as_str() {
            let (file, name) = r.split_once('#').unwrap();
            let tools = servers
                .entry(file.to_string())
                .or_insert_with(|| server_tools(file));
            tools
                .iter()
                .find(|t| t.name == name)
                .unwrap_or_else(|| panic!("{r} not found"))
                .clone()
        } else {
            tools_of(&serde_json::json!([row["tool"]]), "labeled.jsonl").remove(0)
        };
        // Rows may carry `siblings`: the other tools of the same server.
        let siblings = match row.get("siblings") {
            Some(s) => tools_of(s, "labeled.jsonl"),
            None => Vec::new(),
        };
        let (v, findings) = verdict_among(&tool, &siblings);
        let blocked = v == Verdict::Block;
        // Telemetry about the caller (the model's own name asked of a parameter) is reported
        // and warns, but it is not the user's data: it must not block.
        if row["label"] == "telemetry" {
            assert_eq!(
                v,
                Verdict::Warn,
                "{} {}: {findings:?}",
                row["id"],
                tool.name
            );
            continue;
        }
        let t = by_split.entry(split.clone()).or_default();
        let c = by_class.entry((class, split.clone())).or_default();
        c.0 += 1;
        if blocked {
            c.1 += 1;
        }
        if poisoned {
            t.poisoned += 1;
            t.blocked += usize::from(blocked);
        } else {
            t.honest += 1;
            t.false_blocks += usize::from(blocked);
            t.honest_warned += usize::from(v == Verdict::Warn);
        }
        if show && split == "tune" && (blocked != poisoned || (!poisoned && v == Verdict::Warn)) {
            println!("MISS {} {}: {:?}", row["id"], tool.name, v);
            for f in &findings {
                println!("    {} {} {}", f.severity, f.rule, f.message);
            }
        }
    }
    // The `fresh` splits (attacks written after tuning, never tuned on) are reported, not asserted.
    let mut all = Tally::default();
    for (split, t) in &by_split {
        println!(
            "{split:8} recall {:.1}% ({}/{} poisoned blocked)  FPR {:.2}% ({}/{} honest blocked, {} warned)",
            100.0 * t.recall(),
            t.blocked,
            t.poisoned,
            100.0 * t.fpr(),
            t.false_blocks,
            t.honest,
            t.honest_warned
        );
        if split.starts_with("fresh") {
            continue;
        }
        all.poisoned += t.poisoned;
        all.blocked += t.blocked;
        all.honest += t.honest;
        all.false_blocks += t.false_blocks;
        all.honest_warned += t.honest_warned;
    }
    println!(
        "tune+holdout recall {:.1}%  FPR {:.2}%",
        100.0 * all.recall(),
        100.0 * all.fpr()
    );
    for ((class, split), (n, blocked)) in &by_class {
        println!("  {class:20} {split:8} {blocked:3}/{n:3} blocked");
    }
    assert!(
        all.recall() >= MIN_RECALL,
        "recall {:.3} below {MIN_RECALL}",
        all.recall()
    );
    assert!(
        all.fpr() <= MAX_FPR,
        "false-positive rate {:.3} above {MAX_FPR}",
        all.fpr()
    );
}

/// Real servers the description rules warn about, each with why the warning is true.
const WARNED_REAL_SERVERS: &[(&str, &str)] = &[(
    "npm__pinecone-database_mcp.json",
    "every tool has an `llm_model` parameter that asks the model for its own name and version \
     (caller telemetry the tools do not need; warned, not blocked)",
)];

#[test]
fn descriptions_no_real_server_is_blocked() {
    let index = std::fs::read_to_string(testdata().join("servers").join("index.json")).unwrap();
    let index: Vec<serde_json::Value> = serde_json::from_str(&index).unwrap();
    assert!(index.len() >= 40);
    let mut unexpected = Vec::new();
    for entry in index {
        let file = entry["file"].as_str().unwrap();
        let tools = server_tools(file);
        let findings = analyze(&tools, &[]);
        let (score, verdict) = mcp_audit::score::score(&findings);
        let warned = findings
            .iter()
            .any(|f| f.severity >= mcp_audit::Severity::High);
        let expected = WARNED_REAL_SERVERS.iter().any(|(f, _)| *f == file);
        if verdict == Verdict::Block || warned != expected {
            let high: Vec<String> = findings
                .iter()
                .filter(|f| f.severity >= mcp_audit::Severity::Medium)
                .map(|f| format!("    {} {} {}", f.severity, f.rule, f.message))
                .collect();
            unexpected.push(format!(
                "{file}: {verdict:?} (score {score}), expected {}\n{}",
                if expected {
                    "a warning"
                } else {
                    "nothing above medium"
                },
                high.join("\n")
            ));
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

/// Most honest real strings that may warn (0.1%).
const MAX_SWEEP_WARN: f64 = 0.001;

/// Whether a sweep package is in the frozen split (never tuned on, never shown row by row):
/// the first byte of sha256("ecosystem:name") is divisible by 3.
fn sweep_frozen(pkg: &str) -> bool {
    use sha2::Digest as _;
    sha2::Sha256::digest(pkg.as_bytes())[0] % 3 == 0
}

fn origin() -> mcp_audit::model::Origin {
    mcp_audit::model::Origin {
        file: "sweep-honest.jsonl".into(),
        line: None,
        via: mcp_audit::model::Via::Dynamic,
        style: None,
    }
}

/// Every parameter description of a schema, at any depth: (innermost property name, the
/// schema node holding the description).
fn param_descriptions<'v>(
    schema: &'v serde_json::Value,
    name: &str,
    out: &mut Vec<(String, &'v serde_json::Value)>,
) {
    match schema {
        serde_json::Value::Object(map) => {
            if map
                .get("description")
                .is_some_and(serde_json::Value::is_string)
            {
                out.push((name.to_string(), schema));
            }
            for (key, value) in map {
                if key == "properties" {
                    if let serde_json::Value::Object(props) = value {
                        for (p, sub) in props {
                            param_descriptions(sub, p, out);
                        }
                    }
                } else if key != "description" {
                    param_descriptions(value, name, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                param_descriptions(item, name, out);
            }
        }
        _ => {}
    }
}

/// One string of a real server, as the analyzer sees it alone: a tool with only that
/// description, a tool with only that parameter, or a prompt / server instructions.
enum Probe {
    Tool(Tool),
    Text(mcp_audit::model::ModelText),
}

fn sweep_probes(
    pkg: &serde_json::Value,
) -> (
    Vec<Tool>,
    Vec<mcp_audit::model::ModelText>,
    Vec<(String, Probe)>,
) {
    use mcp_audit::model::{ModelText, TextKind};
    let mut tools = Vec::new();
    let mut probes = Vec::new();
    let tool = |name: &str, description: Option<&str>, schema: serde_json::Value| Tool {
        name: name.to_string(),
        title: None,
        description: description.map(str::to_string),
        input_schema: schema,
        annotations: None,
        origin: origin(),
        fingerprint: String::new(),
    };
    for t in pkg["tools"].as_array().into_iter().flatten() {
        let name = t["name"].as_str().unwrap_or_default();
        let schema = if t["input_schema"].is_object() {
            t["input_schema"].clone()
        } else {
            serde_json::json!({"type": "object"})
        };
        let description = t["description"].as_str();
        tools.push(tool(name, description, schema.clone()));
        if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
            probes.push((
                d.to_string(),
                Probe::Tool(tool(name, Some(d), serde_json::json!({"type": "object"}))),
            ));
        }
        let mut params = Vec::new();
        param_descriptions(&schema, "value", &mut params);
        for (param, node) in params {
            let d = node["description"].as_str().unwrap_or_default();
            if d.trim().is_empty() {
                continue;
            }
            let mut only = serde_json::json!({"description": d});
            if let Some(ty) = node.get("type") {
                only["type"] = ty.clone();
            }
            let schema = serde_json::json!({"type": "object", "properties": {param: only}});
            probes.push((d.to_string(), Probe::Tool(tool(name, None, schema))));
        }
    }
    let mut texts = Vec::new();
    for x in pkg["texts"].as_array().into_iter().flatten() {
        let kind = match x["kind"].as_str() {
            Some("prompt") => TextKind::Prompt,
            Some("resource") => TextKind::Resource,
            _ => TextKind::ServerInstructions,
        };
        let text = ModelText {
            kind,
            name: x["name"].as_str().unwrap_or_default().to_string(),
            text: x["text"].as_str().unwrap_or_default().to_string(),
            origin: origin(),
        };
        if !text.text.trim().is_empty() {
            probes.push((text.text.clone(), Probe::Text(text.clone())));
        }
        texts.push(text);
    }
    (tools, texts, probes)
}

#[derive(Default)]
struct SweepTally {
    strings: usize,
    warned: usize,
    blocked: usize,
    packages: usize,
    packages_warned: usize,
    packages_blocked: usize,
}

/// Every tool description, parameter description, prompt and server instructions that
/// extraction found in the real-world sweep (`testdata/descriptions/sweep-honest.jsonl.gz`,
/// written by `scripts/descriptions/sweep_honest.py`), judged one string at a time in the
/// context of its server (the names of the server's tools), and each package whole. Set
/// `DESCRIPTIONS_SHOW=1` to print the tune-split strings that warn or block.
#[test]
fn descriptions_sweep_honest_strings() {
    use mcp_audit::analyze::descriptions::{analyze_in, Server};
    use std::io::Read as _;
    let path = testdata()
        .join("descriptions")
        .join("sweep-honest.jsonl.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let show = std::env::var_os("DESCRIPTIONS_SHOW").is_some();
    let mut by_split: BTreeMap<&str, SweepTally> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let pkg: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = pkg["pkg"].as_str().unwrap();
        let split = if sweep_frozen(name) { "frozen" } else { "tune" };
        let (tools, texts, probes) = sweep_probes(&pkg);
        let server = Server::of(&tools);
        let t = by_split.entry(split).or_default();
        for (string, probe) in &probes {
            let findings = match probe {
                Probe::Tool(tool) => analyze_in(&server, std::slice::from_ref(tool), &[]),
                Probe::Text(text) => analyze_in(&server, &[], std::slice::from_ref(text)),
            };
            let (_, v) = mcp_audit::score::score(&findings);
            t.strings += 1;
            t.warned += usize::from(v == Verdict::Warn);
            t.blocked += usize::from(v == Verdict::Block);
            if show && split == "tune" && v != Verdict::Allow {
                println!("{v:?} {name}: {}", string.replace('\n', " "));
                for f in findings
                    .iter()
                    .filter(|f| f.severity > mcp_audit::Severity::Low)
                {
                    println!("    {} {} {}", f.severity, f.rule, f.message);
                }
            }
        }
        let findings = analyze_in(&server, &tools, &texts);
        let (_, v) = mcp_audit::score::score(&findings);
        t.packages += 1;
        t.packages_warned += usize::from(v == Verdict::Warn);
        t.packages_blocked += usize::from(v == Verdict::Block);
        if show && split == "tune" && v != Verdict::Allow {
            println!("PACKAGE {v:?} {name}");
            for f in findings
                .iter()
                .filter(|f| f.severity > mcp_audit::Severity::Low)
            {
                println!("    {} {} {}", f.severity, f.rule, f.message);
            }
        }
    }
    let mut failed = Vec::new();
    for (split, t) in &by_split {
        println!(
            "sweep {split:6}: {} strings, {} warned ({:.3}%), {} blocked; {} packages whole, {} warned, {} blocked",
            t.strings,
            t.warned,
            100.0 * ratio(t.warned, t.strings),
            t.blocked,
            t.packages,
            t.packages_warned,
            t.packages_blocked
        );
        if t.blocked > 0 || ratio(t.warned, t.strings) > MAX_SWEEP_WARN {
            failed.push(*split);
        }
    }
    let total: usize = by_split.values().map(|t| t.strings).sum();
    assert!(total >= 5_000, "only {total} strings");
    assert!(
        failed.is_empty(),
        "honest real strings flagged in {failed:?}"
    );
}
