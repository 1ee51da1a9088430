//! Measures the description rules on a labeled JSONL of tool descriptions (by default the public
//! benchmark at `../shared/bench/descriptions.jsonl`): block-recall and false-positive rate per
//! class and per split, as Markdown tables. A measurement script, not a test.
//!
//! ```text
//! cargo run --release --example bench_descriptions [-- PATH]
//! ```
//!
//! Each row needs `tool` (the name), `description` and `label` (`poisoned` | `benign`); `class`
//! names the attack class of poisoned rows. A row is *blocked* when its findings alone block
//! under the built-in policy, *flagged* when they at least warn.
//!
//! **Frozen split.** A row is *frozen* when the first byte of the SHA-256 of its description
//! text (UTF-8) is divisible by 3 (about a third of the rows; 340 of the 978 rows of the public
//! benchmark). Frozen rows are measured and reported only as totals per class: rules are never
//! tuned on them, and nothing here prints a frozen row's text or its individual result. The
//! other rows are the *tune* split. With `BENCH_SHOW=1` the blocked benign rows of the tune
//! split are listed with their findings; `BENCH_SHOW=CLASS` also lists the tune-split poisoned
//! rows of CLASS that were not blocked (`BENCH_SHOW=benign-warn` lists warned benign rows).
//! `BENCH_RULE=RULE-ID` lists the tune rows with a finding of that rule, at any severity.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

use sha2::{Digest, Sha256};

use mcp_audit::analyze::descriptions::analyze;
use mcp_audit::model::{Origin, Tool, Via};
use mcp_audit::report::Verdict;

#[derive(Default)]
struct Row {
    n: usize,
    blocked: usize,
    flagged: usize,
}

/// Whether a row belongs to the frozen split (never tuned on, never shown row by row).
fn frozen(description: &str) -> bool {
    Sha256::digest(description.as_bytes())[0] % 3 == 0
}

fn split_name(frozen: bool) -> &'static str {
    if frozen {
        "frozen"
    } else {
        "tune"
    }
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../../shared/bench/descriptions.jsonl".to_string());
    let text =
        std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("cannot read `{path}`: {e}"))?;
    let show = std::env::var_os("BENCH_SHOW").is_some();
    let show_class = std::env::var("BENCH_SHOW").unwrap_or_default();
    let show_rule = std::env::var("BENCH_RULE").unwrap_or_default();
    let mut shown = String::new();
    // (split, poisoned, class) → tally
    let mut classes: BTreeMap<(&str, bool, String), Row> = BTreeMap::new();
    let started = Instant::now();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line)?;
        let poisoned = row["label"] == "poisoned";
        let class = if poisoned {
            row["class"].as_str().unwrap_or("unclassified").to_string()
        } else {
            "benign".to_string()
        };
        let description = row["description"].as_str().unwrap_or_default();
        let is_frozen = frozen(description);
        let tool = Tool {
            name: row["tool"].as_str().unwrap_or_default().to_string(),
            title: None,
            description: row["description"].as_str().map(str::to_string),
            input_schema: mcp_audit::model::empty_object_schema(),
            annotations: None,
            origin: Origin {
                file: path.clone(),
                line: None,
                via: Via::Dynamic,
                style: None,
            },
            fingerprint: String::new(),
        };
        let findings = analyze(std::slice::from_ref(&tool), &[]);
        let (_, verdict) = mcp_audit::score::score(&findings);
        if !is_frozen && !show_rule.is_empty() && findings.iter().any(|f| f.rule == show_rule) {
            let _ = writeln!(
                shown,
                "RULE {} {:?} {}: {}",
                show_rule, verdict, tool.name, description
            );
        }
        if !is_frozen && show {
            let listed = if poisoned {
                class == show_class && verdict != Verdict::Block
            } else {
                verdict == Verdict::Block
                    || (show_class == "benign-warn" && verdict == Verdict::Warn)
            };
            if listed {
                let _ = writeln!(
                    shown,
                    "{} {:?} {}: {}",
                    if poisoned { "MISS" } else { "FP" },
                    verdict,
                    tool.name,
                    description
                );
                for f in &findings {
                    let _ = writeln!(shown, "    {} {} {}", f.severity, f.rule, f.message);
                }
            }
        }
        let r = classes
            .entry((split_name(is_frozen), poisoned, class))
            .or_default();
        r.n += 1;
        r.blocked += usize::from(verdict == Verdict::Block);
        r.flagged += usize::from(verdict != Verdict::Allow);
    }
    let elapsed = started.elapsed();
    let mut out = std::io::stdout().lock();
    out.write_all(shown.as_bytes())?;
    for split in ["tune", "frozen", "all"] {
        table(&mut out, split, &classes)?;
    }
    writeln!(
        out,
        "\n{} rows in {:.0} ms",
        classes.values().map(|r| r.n).sum::<usize>(),
        elapsed.as_secs_f64() * 1000.0
    )?;
    Ok(())
}

/// One split's table (`all` sums both) and its summary line.
fn table(
    out: &mut impl std::io::Write,
    split: &str,
    classes: &BTreeMap<(&str, bool, String), Row>,
) -> anyhow::Result<()> {
    let mut merged: BTreeMap<(bool, &str), Row> = BTreeMap::new();
    for ((s, poisoned, class), r) in classes {
        if split != "all" && *s != split {
            continue;
        }
        let m = merged.entry((*poisoned, class.as_str())).or_default();
        m.n += r.n;
        m.blocked += r.blocked;
        m.flagged += r.flagged;
    }
    writeln!(out, "\n### split: {split}\n")?;
    writeln!(
        out,
        "| label | class | rows | blocked | flagged (warn or block) |"
    )?;
    writeln!(out, "|---|---|---:|---:|---:|")?;
    let mut totals = [Row::default(), Row::default()];
    for ((poisoned, class), r) in merged.iter().rev() {
        let t = &mut totals[usize::from(*poisoned)];
        t.n += r.n;
        t.blocked += r.blocked;
        t.flagged += r.flagged;
        writeln!(
            out,
            "| {} | {class} | {} | {} ({:.1}%) | {} ({:.1}%) |",
            if *poisoned { "poisoned" } else { "benign" },
            r.n,
            r.blocked,
            pct(r.blocked, r.n),
            r.flagged,
            pct(r.flagged, r.n)
        )?;
    }
    let [benign, poisoned] = &totals;
    writeln!(
        out,
        "\n{split}: block-recall {:.1}% ({}/{}), flag-recall {:.1}%; false-positive rate (blocked benign) {:.1}% ({}/{}), benign flagged {:.1}% ({})",
        pct(poisoned.blocked, poisoned.n),
        poisoned.blocked,
        poisoned.n,
        pct(poisoned.flagged, poisoned.n),
        pct(benign.blocked, benign.n),
        benign.blocked,
        benign.n,
        pct(benign.flagged, benign.n),
        benign.flagged,
    )?;
    Ok(())
}

#[allow(clippy::cast_precision_loss)]
fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
