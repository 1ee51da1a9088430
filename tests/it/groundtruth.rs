//! Static extraction against the real `tools/list` of real servers (`testdata/servers/`), live
//! only (`MCP_AUDIT_LIVE=1`): each server's exact version is downloaded through mcp-audit's own
//! registry code, unpacked, extracted statically and compared. Prints a table; fails below 95% of
//! tool names or 90% of descriptions found exactly.
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

/// Servers whose tools are not declared statically in the package, with the reason.
pub const EXCLUDED: &[(&str, &str)] = &[
    (
        "npm:@negokaz/excel-mcp-server@0.12.0",
        "tools live in a prebuilt Go executable under dist/; there is no source to read",
    ),
    (
        "npm:@notionhq/notion-mcp-server@2.5.2",
        "tools are generated at run time from a bundled OpenAPI document, one per operation",
    ),
    (
        "npm:@playwright/mcp@0.0.83",
        "tools are defined in the playwright-core dependency, which the package does not ship",
    ),
];

fn live() -> bool {
    std::env::var("MCP_AUDIT_LIVE").is_ok_and(|v| v == "1")
}

#[derive(Default)]
struct Row {
    target: String,
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
            style: entry["sdk_style"].as_str().unwrap_or("").to_string(),
            ..Row::default()
        };
        if let Some((_, reason)) = EXCLUDED.iter().find(|(t, _)| *t == target_text) {
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

    let (mut total, mut names, mut descriptions) = (0, 0, 0);
    let mut table = String::from(
        "| server | declaration style | tools | names found | descriptions exact | extra static |\n|---|---|---:|---:|---:|---:|\n",
    );
    for row in &rows {
        if row.note.is_empty() {
            total += row.expected;
            names += row.names;
            descriptions += row.descriptions;
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
    let _ = writeln!(
        table,
        "| **total** | | **{total}** | **{names} ({:.1}%)** | **{descriptions} ({:.1}%)** | |",
        pct(names, total),
        pct(descriptions, total)
    );
    eprintln!("{table}");
    if let Ok(path) = std::env::var("MCP_AUDIT_GT_TABLE") {
        std::fs::write(path, &table).unwrap();
    }
    assert!(
        rows.iter().all(|r| !r.note.starts_with("download failed")),
        "some downloads failed"
    );
    if only.is_none() {
        assert!(
            pct(names, total) >= 95.0,
            "names {:.1}% < 95%",
            pct(names, total)
        );
        assert!(
            pct(descriptions, total) >= 90.0,
            "descriptions {:.1}% < 90%",
            pct(descriptions, total)
        );
    }
}
