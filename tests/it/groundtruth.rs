//! Static extraction against the real `tools/list` of real servers (`testdata/servers/`), live
//! only (`MCP_AUDIT_LIVE=1`): each server's exact version is downloaded through mcp-audit's own
//! registry code, unpacked, extracted statically and compared. Prints a table with totals per set
//! (`pinned`: scripts/groundtruth/servers.json; `sweep`: the sweep corpus); fails, in either set,
//! below 95% of tool names or 90% of the found names' descriptions byte-identical. Servers whose
//! tools are not in the package's source are listed in `testdata/servers/excluded.tsv`.
//!
//! `MCP_AUDIT_CACHE_DIR` keeps downloads between runs; `MCP_AUDIT_GT_ONLY=substring` runs a
//! subset; `MCP_AUDIT_GT_VERBOSE=1` prints every mismatch; `MCP_AUDIT_GT_TABLE=FILE` writes the
//! Markdown table.
#![allow(
    clippy::print_stderr,
    reason = "a live run prints its table (`--nocapture`)"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use mcp_audit::settings::Settings;
use mcp_audit::target::Target;
use serde_json::Value;

use crate::extract::extract_tree;
use crate::support::testdata;

/// Servers whose tools are not declared statically in the package (a compiled binary, an
/// unshipped dependency, a catalog turned into tools at start), with the reason:
/// `testdata/servers/excluded.tsv`.
fn excluded() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(testdata().join("servers").join("excluded.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(t, r)| (t.to_string(), r.to_string()))
        .collect()
}

fn live() -> bool {
    std::env::var("MCP_AUDIT_LIVE").is_ok_and(|v| v == "1")
}

#[derive(Default)]
struct Row {
    target: String,
    /// `pinned` (scripts/groundtruth/servers.json) or `sweep` (the sweep corpus).
    set: String,
    style: String,
    expected: usize,
    names: usize,
    descriptions: usize,
    extra: usize,
    note: String,
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        100.0
    } else {
        #[expect(clippy::cast_precision_loss, reason = "small counts")]
        let p = n as f64 * 100.0 / d as f64;
        p
    }
}

#[test]
fn groundtruth_static_extraction() {
    if !live() {
        eprintln!("skipped: set MCP_AUDIT_LIVE=1 to compare static extraction with ground truth");
        return;
    }
    let only = std::env::var("MCP_AUDIT_GT_ONLY").ok();
    let verbose = std::env::var("MCP_AUDIT_GT_VERBOSE").is_ok_and(|v| v == "1");
    let servers = testdata().join("servers");
    let index: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(servers.join("index.json")).unwrap())
            .unwrap();
    let settings = Settings {
        cache_dir: std::env::var_os("MCP_AUDIT_CACHE_DIR").map(Into::into),
        ..Settings::default()
    };
    let excluded = excluded();
    let mut rows = Vec::new();
    for entry in &index {
        let target_text = entry["target"].as_str().unwrap();
        if only.as_deref().is_some_and(|o| !target_text.contains(o)) {
            continue;
        }
        let truth: Value = serde_json::from_str(
            &std::fs::read_to_string(servers.join(entry["file"].as_str().unwrap())).unwrap(),
        )
        .unwrap();
        let mut row = Row {
            target: target_text.to_string(),
            set: entry["set"].as_str().unwrap_or("pinned").to_string(),
            style: entry["sdk_style"].as_str().unwrap_or("").to_string(),
            ..Row::default()
        };
        if let Some((_, reason)) = excluded.iter().find(|(t, _)| t == target_text) {
            row.note = format!("excluded: {reason}");
            rows.push(row);
            continue;
        }
        let target = Target::parse(target_text).unwrap();
        let artifact = match mcp_audit::fetch::obtain(&target, &settings) {
            Ok(a) => a,
            Err(err) => {
                row.note = format!("download failed: {err}");
                rows.push(row);
                continue;
            }
        };
        let tree = crate::extract::unpack(&artifact.path);
        let extraction = extract_tree(&tree);
        let found: BTreeMap<&str, &mcp_audit::Tool> = extraction
            .tools
            .iter()
            .map(|t| (t.name.as_str(), t))
            .collect();
        let expected = truth["tools"].as_array().unwrap();
        row.expected = expected.len();
        for tool in expected {
            let name = tool["name"].as_str().unwrap();
            let want = tool["description"].as_str();
            match found.get(name) {
                Some(t) => {
                    row.names += 1;
                    if t.description.as_deref() == want {
                        row.descriptions += 1;
                    } else if verbose {
                        eprintln!(
                            "  {target_text} {name}: description differs\n    want {want:?}\n    got  {:?}",
                            t.description
                        );
                    }
                }
                None => {
                    if verbose {
                        eprintln!("  {target_text} {name}: not found");
                    }
                }
            }
        }
        let names: Vec<&str> = expected.iter().filter_map(|t| t["name"].as_str()).collect();
        row.extra = found.keys().filter(|n| !names.contains(n)).count();
        if verbose && row.extra > 0 {
            let extra: Vec<&&str> = found.keys().filter(|n| !names.contains(n)).collect();
            eprintln!("  {target_text}: extra {extra:?}");
        }
        rows.push(row);
    }

    let mut table = String::from(
        "| server | declaration style | tools | names found | descriptions exact | extra static |\n|---|---|---:|---:|---:|---:|\n",
    );
    for row in &rows {
        if row.note.is_empty() {
            let _ = writeln!(
                table,
                "| `{}` | {} | {} | {} ({:.0}%) | {} ({:.0}%) | {} |",
                row.target,
                row.style,
                row.expected,
                row.names,
                pct(row.names, row.expected),
                row.descriptions,
                pct(row.descriptions, row.expected),
                row.extra
            );
        } else {
            let _ = writeln!(
                table,
                "| `{}` | {} | – | – | – | {} |",
                row.target, row.style, row.note
            );
        }
    }
    // Totals per set: the pinned servers, and the sweep corpus's.
    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for row in rows.iter().filter(|r| r.note.is_empty()) {
        let t = totals.entry(row.set.as_str()).or_default();
        t.0 += row.expected;
        t.1 += row.names;
        t.2 += row.descriptions;
    }
    for (set, (total, names, descriptions)) in &totals {
        let _ = writeln!(
            table,
            "| **total ({set})** | | **{total}** | **{names} ({:.1}%)** | **{descriptions} ({:.1}% of all, {:.1}% of found)** | |",
            pct(*names, *total),
            pct(*descriptions, *total),
            pct(*descriptions, *names)
        );
    }
    eprintln!("{table}");
    if let Ok(path) = std::env::var("MCP_AUDIT_GT_TABLE") {
        std::fs::write(path, &table).unwrap();
    }
    assert!(
        rows.iter().all(|r| !r.note.starts_with("download failed")),
        "some downloads failed"
    );
    if only.is_none() {
        for (set, (total, names, descriptions)) in &totals {
            // The pinned servers: 95% of names, 90% of descriptions; the sweep corpus: 95% of
            // names, and its descriptions (runtime-assembled ones included) at 90% of names found.
            let (n, d) = (pct(*names, *total), pct(*descriptions, *names));
            assert!(n >= 95.0, "{set}: names {n:.1}% < 95%");
            assert!(d >= 90.0, "{set}: descriptions {d:.1}% of found < 90%");
        }
    }
}
