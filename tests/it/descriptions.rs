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

fn verdict(tool: &Tool) -> (Verdict, Vec<mcp_audit::Finding>) {
    let findings = analyze(std::slice::from_ref(tool), &[]);
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
        let (v, findings) = verdict(&tool);
        let blocked = v == Verdict::Block;
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
        if show && split == "tune" && blocked != poisoned {
            println!("MISS {} {}: {:?}", row["id"], tool.name, v);
            for f in &findings {
                println!("    {} {} {}", f.severity, f.rule, f.message);
            }
        }
    }
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
        all.poisoned += t.poisoned;
        all.blocked += t.blocked;
        all.honest += t.honest;
        all.false_blocks += t.false_blocks;
        all.honest_warned += t.honest_warned;
    }
    println!(
        "all      recall {:.1}%  FPR {:.2}%",
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

#[test]
fn descriptions_no_real_server_is_blocked() {
    let index = std::fs::read_to_string(testdata().join("servers").join("index.json")).unwrap();
    let index: Vec<serde_json::Value> = serde_json::from_str(&index).unwrap();
    assert!(index.len() >= 40);
    for entry in index {
        let file = entry["file"].as_str().unwrap();
        let tools = server_tools(file);
        let findings = analyze(&tools, &[]);
        let (score, verdict) = mcp_audit::score::score(&findings);
        assert_ne!(
            verdict,
            Verdict::Block,
            "{file} is blocked (score {score}): {:#?}",
            findings
        );
        assert!(
            findings
                .iter()
                .all(|f| f.severity < mcp_audit::Severity::High),
            "{file}: {findings:#?}"
        );
    }
}
