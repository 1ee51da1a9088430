//! Measures the description rules on a labeled JSONL of tool descriptions (by default the public
//! benchmark at `../shared/bench/descriptions.jsonl`): block-recall and false-positive rate per
//! class, as a Markdown table. A measurement script, not a test.
//!
//! ```text
//! cargo run --release --example bench_descriptions [-- PATH]
//! ```
//!
//! Each row needs `tool` (the name), `description` and `label` (`poisoned` | `benign`); `class`
//! names the attack class of poisoned rows. A row is *blocked* when its findings alone block
//! under the built-in policy, *flagged* when they at least warn. With `BENCH_SHOW=1` the
//! blocked benign rows are listed with their findings; `BENCH_SHOW=CLASS` also lists the
//! poisoned rows of CLASS that were not blocked.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::time::Instant;

use mcp_audit::analyze::descriptions::analyze;
use mcp_audit::model::{Origin, Tool, Via};
use mcp_audit::report::Verdict;

#[derive(Default)]
struct Row {
    n: usize,
    blocked: usize,
    flagged: usize,
}

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../../shared/bench/descriptions.jsonl".to_string());
    let text =
        std::fs::read_to_string(&path).map_err(|e| anyhow::anyhow!("cannot read `{path}`: {e}"))?;
    let show = std::env::var_os("BENCH_SHOW").is_some();
    let show_class = std::env::var("BENCH_SHOW").unwrap_or_default();
    let mut shown = String::new();
    let mut classes: BTreeMap<(bool, String), Row> = BTreeMap::new();
    let started = Instant::now();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line)?;
        let poisoned = row["label"] == "poisoned";
        let class = if poisoned {
            row["class"].as_str().unwrap_or("unclassified").to_string()
        } else {
            "benign".to_string()
        };
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
        if show && !poisoned && verdict == Verdict::Block {
            shown.push_str(&format!("FP {}\n", tool.name));
            for f in &findings {
                shown.push_str(&format!("    {} {} {}\n", f.severity, f.rule, f.message));
            }
        }
        if poisoned && class == show_class && verdict != Verdict::Block {
            shown.push_str(&format!(
                "MISS {}: {}\n",
                tool.name,
                tool.description.as_deref().unwrap_or_default()
            ));
            for f in &findings {
                shown.push_str(&format!("    {} {} {}\n", f.severity, f.rule, f.message));
            }
        }
        let r = classes.entry((poisoned, class)).or_default();
        r.n += 1;
        r.blocked += usize::from(verdict == Verdict::Block);
        r.flagged += usize::from(verdict != Verdict::Allow);
    }
    let elapsed = started.elapsed();
    let mut out = std::io::stdout().lock();
    out.write_all(shown.as_bytes())?;
    writeln!(
        out,
        "| label | class | rows | blocked | flagged (warn or block) |"
    )?;
    writeln!(out, "|---|---|---:|---:|---:|")?;
    let mut totals = [Row::default(), Row::default()];
    for ((poisoned, class), r) in classes.iter().rev() {
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
        "\nblock-recall {:.1}% ({}/{}), flag-recall {:.1}%; false-positive rate (blocked benign) {:.1}% ({}/{}), benign flagged {:.1}%; {} rows in {:.0} ms",
        pct(poisoned.blocked, poisoned.n),
        poisoned.blocked,
        poisoned.n,
        pct(poisoned.flagged, poisoned.n),
        pct(benign.blocked, benign.n),
        benign.blocked,
        benign.n,
        pct(benign.flagged, benign.n),
        poisoned.n + benign.n,
        elapsed.as_secs_f64() * 1000.0
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
