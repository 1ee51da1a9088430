//! Findings → trust score (0–100, 100 = nothing found) and verdict.
//!
//! Interim model until the scoring work lands: any critical finding blocks, anything else allows.

use crate::model::{Finding, Severity};
use crate::report::Verdict;

/// Scores findings.
#[must_use]
pub fn score(findings: &[Finding]) -> (u8, Verdict) {
    let penalty: u32 = findings
        .iter()
        .map(|f| match f.severity {
            Severity::Critical => 60,
            Severity::High => 25,
            Severity::Medium => 10,
            Severity::Low => 3,
            Severity::Info => 0,
        })
        .sum();
    let score = u8::try_from(100u32.saturating_sub(penalty)).unwrap_or(0);
    let verdict = if findings.iter().any(|f| f.severity == Severity::Critical) {
        Verdict::Block
    } else {
        Verdict::Allow
    };
    (score, verdict)
}
