//! Benchmark of the code analyzers on public malicious-server samples.
//!
//! ```text
//! cargo run --release --example bench_code -- /path/to/code_level.jsonl [--rules]
//! ```
//!
//! Each row's `code` is written as a one-file package directory (`server.py`, `server.js`, …)
//! and audited like any directory target: manifests, tool extraction, every analyzer, the
//! score under the built-in policy. Prints blocked / warned / allowed counts per dataset and
//! attack category as a Markdown table (and, with `--rules`, the rules that fired, one row per
//! line with its index). `--half even` or `--half odd` keeps only the rows whose 0-based index in
//! the file is even or odd (a tuning half and a held-out half).
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::Path;

use mcp_audit::analyze::{self, source::SourceSet, Context};
use mcp_audit::identify::Manifests;
use mcp_audit::report::Verdict;
use mcp_audit::sandbox::{PackageTree, TreeFile};

fn extension(language: &str) -> &'static str {
    match language.to_ascii_lowercase().as_str() {
        "javascript" | "js" => "js",
        "typescript" | "ts" => "ts",
        "go" => "go",
        "rust" => "rs",
        _ => "py",
    }
}

fn audit_one(dir: &Path, file: &str, code: &str) -> (Verdict, Vec<String>) {
    std::fs::write(dir.join(file), code).expect("write sample");
    let tree = PackageTree::new(
        None,
        dir.to_path_buf(),
        vec![TreeFile {
            path: file.to_string(),
            size: code.len() as u64,
            executable: false,
        }],
    );
    let manifests = Manifests::load(&tree).expect("no manifest");
    let identity = manifests.identify(None).expect("identity");
    let sources = SourceSet::load(&tree);
    let ctx = Context {
        tree: &tree,
        manifests: &manifests,
        identity: &identity,
        sources: &sources,
        registry: None,
    };
    let analysis = analyze::analyze(&ctx);
    let (_, verdict) = mcp_audit::score::score(&analysis.findings);
    let rules = analysis
        .findings
        .iter()
        .filter(|f| f.severity >= mcp_audit::model::Severity::Medium)
        .map(|f| format!("{}:{}", f.rule, f.severity))
        .collect();
    (verdict, rules)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/bench/code_level.jsonl".to_string());
    let rest: Vec<String> = args.collect();
    let show_rules = rest.iter().any(|a| a == "--rules");
    let half = rest
        .iter()
        .position(|a| a == "--half")
        .and_then(|i| rest.get(i + 1))
        .map(|h| usize::from(h == "odd"));
    let text = std::fs::read_to_string(&path).expect("read the benchmark file");
    // (dataset, attack) -> [total, blocked, warned]
    let mut table: BTreeMap<(String, String), [usize; 3]> = BTreeMap::new();
    let mut rules_fired: BTreeMap<String, usize> = BTreeMap::new();
    let started = std::time::Instant::now();
    for (index, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if half.is_some_and(|h| index % 2 != h) {
            continue;
        }
        let row: serde_json::Value = serde_json::from_str(line).expect("JSON row");
        let code = row["code"].as_str().unwrap_or("");
        let file = format!(
            "server.{}",
            extension(row["language"].as_str().unwrap_or(""))
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let (verdict, rules) = audit_one(dir.path(), &file, code);
        let key = (
            row["dataset"].as_str().unwrap_or("?").to_string(),
            row["attack"].as_str().unwrap_or("?").to_string(),
        );
        let e = table.entry(key).or_default();
        e[0] += 1;
        match verdict {
            Verdict::Block => e[1] += 1,
            Verdict::Warn => e[2] += 1,
            _ => {}
        }
        if show_rules {
            eprintln!(
                "{index} {:?} {} {} {}",
                verdict,
                row["attack"].as_str().unwrap_or(""),
                row["tool"].as_str().unwrap_or(""),
                rules.join(" ")
            );
        }
        for r in rules {
            *rules_fired.entry(r).or_default() += 1;
        }
    }
    println!("| dataset | attack | samples | blocked | warned | flagged |");
    println!("|---|---|---:|---:|---:|---:|");
    let mut totals: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for ((dataset, attack), [n, b, w]) in &table {
        println!("| {dataset} | {attack} | {n} | {b} | {w} | {} |", b + w);
        let t = totals.entry(dataset.clone()).or_default();
        t[0] += n;
        t[1] += b;
        t[2] += w;
    }
    for (dataset, [n, b, w]) in &totals {
        println!(
            "| **{dataset}** | **all** | **{n}** | **{b}** | **{w}** | **{}** |",
            b + w
        );
    }
    let all = totals
        .values()
        .fold([0; 3], |a, t| [a[0] + t[0], a[1] + t[1], a[2] + t[2]]);
    println!(
        "| **all** | | **{}** | **{}** | **{}** | **{}** |",
        all[0],
        all[1],
        all[2],
        all[1] + all[2]
    );
    eprintln!("{} samples in {:.2?}", all[0], started.elapsed());
    if show_rules {
        let mut fired: Vec<_> = rules_fired.into_iter().collect();
        fired.sort_by_key(|f| std::cmp::Reverse(f.1));
        for (rule, n) in fired {
            eprintln!("{n:5} {rule}");
        }
    }
}
