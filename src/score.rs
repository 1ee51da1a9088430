//! Findings → trust score (0–100, 100 = nothing found) and verdict (allow / warn / block).
//!
//! The formula is open and documented in `docs/scoring.md`; the constants below are the whole
//! of it. In short:
//!
//! 1. Each finding costs `severity weight × confidence weight × 0.5^(k−1)`, where `k` counts
//!    findings of the same rule (most severe first): repeats have diminishing returns, and a
//!    repeat with the same evidence as an earlier finding of its rule costs nothing.
//! 2. Low and info findings together cost at most [`WEAK_PENALTY_CAP`].
//! 3. `score = 100 − penalty + bonus`, rounded and clamped to 0–100; the bonus (verified
//!    integrity, provenance, a declared repository) only applies without a critical finding,
//!    and a package with any counted finding above info never reaches 100.
//! 4. Verdict: a critical finding always blocks (score 0). Otherwise a score under
//!    `block_below` blocks only when a *strong* high finding is present (weak evidence alone
//!    never blocks); any high finding warns; a score under `warn_below` warns when a
//!    finding above info is present; else allow. An allow-listed package is never blocked by
//!    the score (only by a critical finding).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::policy::{self, Policy, Thresholds};
use mcp_audit_core::model::{Category, Finding, Severity};
use mcp_audit_core::Verdict;

/// Version of the scoring model; bumped whenever a constant or rule of this module changes.
pub const MODEL_VERSION: u32 = 2;

/// Points a finding of each severity costs at full confidence.
#[must_use]
pub fn severity_weight(severity: Severity) -> f64 {
    match severity {
        Severity::Critical => 100.0,
        Severity::High => 30.0,
        Severity::Medium => 12.0,
        Severity::Low => 4.0,
        Severity::Info => 0.0,
    }
}

/// How directly a category's findings show a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Seen in the package itself: text, code, archive, digest.
    Direct,
    /// A heuristic reading of the package (obfuscation, typosquat, declared vs actual).
    Heuristic,
    /// Context about the package rather than its content (registry metadata).
    Contextual,
}

impl Confidence {
    /// The confidence of a category.
    #[must_use]
    pub fn of(category: Category) -> Confidence {
        match category {
            Category::Obfuscation | Category::Typosquat | Category::ManifestMismatch => {
                Confidence::Heuristic
            }
            Category::Metadata => Confidence::Contextual,
            _ => Confidence::Direct,
        }
    }

    /// The multiplier applied to the severity weight.
    #[must_use]
    pub fn weight(self) -> f64 {
        match self {
            Confidence::Direct => 1.0,
            Confidence::Heuristic => 0.75,
            Confidence::Contextual => 0.5,
        }
    }
}

/// Each further finding of the same rule costs this fraction of the previous one.
pub const REPEAT_DECAY: f64 = 0.5;
/// Most points low and info findings may cost together.
pub const WEAK_PENALTY_CAP: f64 = 20.0;
/// Bonus for an artifact whose digest matched the registry's.
pub const BONUS_INTEGRITY: f64 = 3.0;
/// Bonus for a registry provenance attestation.
pub const BONUS_PROVENANCE: f64 = 4.0;
/// Bonus for a declared source repository.
pub const BONUS_REPOSITORY: f64 = 2.0;
/// Highest score of a package with a counted finding above info.
pub const MAX_SCORE_WITH_FINDINGS: u8 = 99;

/// Positive signals that may raise trust (never cancel a critical finding).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Signals {
    /// The artifact's digest was checked against the registry's.
    pub integrity_verified: bool,
    /// The registry holds a provenance attestation.
    pub provenance: bool,
    /// The package declares a source repository.
    pub repository: bool,
}

impl Signals {
    /// Total bonus points.
    #[must_use]
    pub fn bonus(self) -> f64 {
        let mut b = 0.0;
        if self.integrity_verified {
            b += BONUS_INTEGRITY;
        }
        if self.provenance {
            b += BONUS_PROVENANCE;
        }
        if self.repository {
            b += BONUS_REPOSITORY;
        }
        b
    }
}

/// The penalty points of a set of findings (before the bonus).
#[must_use]
pub fn penalty(findings: &[Finding]) -> f64 {
    itemize(findings).penalty
}

/// The penalty of a set of findings, finding by finding: what `docs/scoring.md` calls the
/// score breakdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Itemized {
    /// The cost of each finding, in the order given (0 for a repeat of the same evidence).
    pub costs: Vec<f64>,
    /// Sum of the costs of medium, high and critical findings.
    pub strong: f64,
    /// Sum of the costs of low and info findings, before [`WEAK_PENALTY_CAP`].
    pub weak: f64,
    /// `strong + min(weak, WEAK_PENALTY_CAP)`.
    pub penalty: f64,
}

/// Costs every finding: severity weight × confidence weight × [`REPEAT_DECAY`]^(k−1), `k`
/// numbering the findings of one rule (most severe first); the same rule on the same evidence
/// counts once.
#[must_use]
pub fn itemize(findings: &[Finding]) -> Itemized {
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&findings[a], &findings[b]);
        a.rule.cmp(&b.rule).then(b.severity.cmp(&a.severity))
    });
    let mut costs = vec![0.0; findings.len()];
    let mut strong = 0.0;
    let mut weak = 0.0;
    let mut previous_rule: Option<&str> = None;
    let mut repeat = 0i32;
    let mut seen_evidence: std::collections::BTreeSet<(&str, &str)> = Default::default();
    for i in order {
        let f = &findings[i];
        // The same rule on the same evidence (one parameter text shared by every tool, one
        // snippet in two builds of a file) is one piece of evidence, counted once.
        if let Some(evidence) = f.evidence.as_deref() {
            if !seen_evidence.insert((f.rule.as_str(), evidence)) {
                continue;
            }
        }
        if previous_rule == Some(f.rule.as_str()) {
            repeat += 1;
        } else {
            repeat = 0;
            previous_rule = Some(f.rule.as_str());
        }
        let cost = severity_weight(f.severity)
            * Confidence::of(f.category).weight()
            * REPEAT_DECAY.powi(repeat);
        costs[i] = cost;
        if f.severity <= Severity::Low {
            weak += cost;
        } else {
            strong += cost;
        }
    }
    Itemized {
        costs,
        strong,
        weak,
        penalty: strong + weak.min(WEAK_PENALTY_CAP),
    }
}

/// Scores findings that already went through the policy.
#[must_use]
pub fn assess(
    findings: &[Finding],
    signals: Signals,
    thresholds: Thresholds,
    allow_listed: bool,
) -> (u8, Verdict) {
    let has_critical = findings.iter().any(|f| f.severity == Severity::Critical);
    let has_high = findings.iter().any(|f| f.severity == Severity::High);
    let strong_high = findings.iter().any(|f| {
        f.severity == Severity::High && Confidence::of(f.category) != Confidence::Contextual
    });
    let counted = findings.iter().any(|f| f.severity > Severity::Info);
    if has_critical {
        return (0, Verdict::Block);
    }
    let raw = (100.0 - penalty(findings) + signals.bonus()).clamp(0.0, 100.0);
    // Rounded to whole points: the value is within 0..=100, so the cast is exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut score = raw.round() as u8;
    if counted {
        score = score.min(MAX_SCORE_WITH_FINDINGS);
    }
    let verdict = if strong_high && score < thresholds.block_below && !allow_listed {
        Verdict::Block
    } else if has_high || (counted && score < thresholds.warn_below) {
        Verdict::Warn
    } else {
        Verdict::Allow
    };
    (score, verdict)
}

/// Scores findings under the built-in policy, without positive signals.
#[must_use]
pub fn score(findings: &[Finding]) -> (u8, Verdict) {
    assess(findings, Signals::default(), Thresholds::default(), false)
}

/// The policy's effect plus the score and verdict of one package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// Findings after the policy, and what it removed.
    pub applied: policy::Applied,
    /// Trust score.
    pub score: u8,
    /// Verdict.
    pub verdict: Verdict,
}

/// Applies the policy to raw (fingerprinted) findings, then scores what remains.
#[must_use]
pub fn evaluate(
    policy: &Policy,
    subject: &policy::apply::Subject<'_>,
    signals: Signals,
    findings: Vec<Finding>,
    now: time::OffsetDateTime,
) -> Evaluation {
    let applied = policy::apply(policy, subject, findings, now);
    let (score, verdict) = assess(
        &applied.findings,
        signals,
        policy.thresholds,
        applied.allowed_by.is_some(),
    );
    Evaluation {
        applied,
        score,
        verdict,
    }
}

/// [`evaluate`] for an audited package, now: the subject and the positive signals come from
/// the package and its registry metadata.
#[must_use]
pub fn evaluate_package(
    policy: &Policy,
    package: &mcp_audit_core::PackageInfo,
    registry: Option<&registry_adapters::RegistryMetadata>,
    findings: Vec<Finding>,
) -> Evaluation {
    let subject = policy::apply::Subject {
        ecosystem: package.ecosystem.as_str(),
        name: &package.name,
        version: &package.version,
        published_at: registry.and_then(|r| r.published_at.as_deref()),
        from_registry: registry.is_some(),
    };
    let signals = Signals {
        integrity_verified: package.integrity == mcp_audit_core::Integrity::Verified,
        provenance: registry.is_some_and(|r| r.provenance == Some(true)),
        repository: registry.is_some_and(|r| {
            r.repository
                .as_deref()
                .is_some_and(|u| !u.trim().is_empty())
        }),
    };
    evaluate(
        policy,
        &subject,
        signals,
        findings,
        time::OffsetDateTime::now_utc(),
    )
}

/// Counts of findings by severity and by category (every key present, sorted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Findings per severity.
    pub by_severity: BTreeMap<&'static str, usize>,
    /// Findings per category.
    pub by_category: BTreeMap<&'static str, usize>,
}

/// Counts findings by severity and category.
#[must_use]
pub fn counts(findings: &[Finding]) -> Counts {
    let mut by_severity: BTreeMap<&'static str, usize> = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .iter()
    .map(|s| (s.as_str(), 0))
    .collect();
    let mut by_category: BTreeMap<&'static str, usize> =
        Category::ALL.iter().map(|c| (c.as_str(), 0)).collect();
    for f in findings {
        *by_severity.entry(f.severity.as_str()).or_default() += 1;
        *by_category.entry(f.category.as_str()).or_default() += 1;
    }
    Counts {
        by_severity,
        by_category,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcp_audit_core::Rule;

    fn rule(id: &'static str, category: Category, severity: Severity) -> Rule {
        Rule {
            id,
            category,
            severity,
            summary: "test rule",
            example: "",
        }
    }

    fn f(id: &'static str, category: Category, severity: Severity) -> Finding {
        rule(id, category, severity).finding("m")
    }

    #[test]
    fn nothing_found_is_100_and_allowed() {
        assert_eq!(score(&[]), (100, Verdict::Allow));
        let info = [f("i", Category::Metadata, Severity::Info)];
        assert_eq!(score(&info), (100, Verdict::Allow));
    }

    #[test]
    fn one_critical_always_blocks_whatever_the_signals_and_thresholds() {
        let findings = [f("c", Category::ToolPoisoning, Severity::Critical)];
        let lax = Thresholds {
            warn_below: 0,
            block_below: 0,
        };
        let all = Signals {
            integrity_verified: true,
            provenance: true,
            repository: true,
        };
        assert_eq!(assess(&findings, all, lax, true), (0, Verdict::Block));
    }

    #[test]
    fn one_high_warns_several_distinct_highs_block() {
        let h = |id| f(id, Category::CodeExecution, Severity::High);
        assert_eq!(score(&[h("a")]), (70, Verdict::Warn));
        assert_eq!(score(&[h("a"), h("b")]), (40, Verdict::Warn));
        assert_eq!(score(&[h("a"), h("b"), h("c")]), (10, Verdict::Block));
    }

    #[test]
    fn repeats_have_diminishing_returns() {
        let many: Vec<Finding> = (0..20)
            .map(|_| f("same", Category::CodeExecution, Severity::High))
            .collect();
        // 30 × (1 + 1/2 + 1/4 + …) < 60: one rule firing 20 times never blocks alone.
        assert_eq!(score(&many), (40, Verdict::Warn));
    }

    #[test]
    fn the_same_evidence_counts_once() {
        let same = |tool: &str| {
            f("same", Category::ToolPoisoning, Severity::High)
                .with_tool(tool)
                .with_evidence("model: the name of the model you are")
        };
        let low = |tool: &str| {
            f("cue", Category::Exfiltration, Severity::Low)
                .with_tool(tool)
                .with_evidence("model: the name of the model you are")
        };
        let mut one_text: Vec<Finding> = Vec::new();
        for t in ["a", "b", "c", "d", "e", "f", "g"] {
            one_text.push(same(t));
            one_text.push(low(t));
        }
        // Seven tools sharing one parameter text: one high and one low, a warning.
        assert_eq!(score(&one_text), (66, Verdict::Warn));
        // Different texts of the same rule still add up (with diminishing returns).
        let distinct: Vec<Finding> = (0..7)
            .map(|i| {
                f("same", Category::ToolPoisoning, Severity::High)
                    .with_evidence(format!("text {i}"))
            })
            .collect();
        assert!(score(&distinct).0 < 66);
    }

    #[test]
    fn weak_evidence_alone_never_blocks() {
        let lows: Vec<Finding> = (0..50)
            .map(|i| {
                let id: &'static str = Box::leak(format!("low-{i}").into_boxed_str());
                f(id, Category::CodeExecution, Severity::Low)
            })
            .collect();
        assert_eq!(score(&lows), (80, Verdict::Warn));
        let mediums: Vec<Finding> = (0..12)
            .map(|i| {
                let id: &'static str = Box::leak(format!("medium-{i}").into_boxed_str());
                f(id, Category::CodeExecution, Severity::Medium)
            })
            .collect();
        assert_eq!(score(&mediums), (0, Verdict::Warn));
        let meta_highs: Vec<Finding> = (0..5)
            .map(|i| {
                let id: &'static str = Box::leak(format!("meta-{i}").into_boxed_str());
                f(id, Category::Metadata, Severity::High)
            })
            .collect();
        assert_eq!(score(&meta_highs), (25, Verdict::Warn));
    }

    #[test]
    fn positive_signals_raise_trust_but_not_to_100() {
        let one_low = [f("l", Category::CodeExecution, Severity::Low)];
        assert_eq!(score(&one_low), (96, Verdict::Allow));
        let all = Signals {
            integrity_verified: true,
            provenance: true,
            repository: true,
        };
        assert_eq!(
            assess(&one_low, all, Thresholds::default(), false),
            (99, Verdict::Allow)
        );
        let one_medium = [f("m", Category::CodeExecution, Severity::Medium)];
        assert_eq!(score(&one_medium), (88, Verdict::Warn));
        assert_eq!(
            assess(&one_medium, all, Thresholds::default(), false),
            (97, Verdict::Allow)
        );
    }

    #[test]
    fn allow_listed_packages_are_not_blocked_by_the_score() {
        let h = |id| f(id, Category::CodeExecution, Severity::High);
        let three = [h("a"), h("b"), h("c")];
        assert_eq!(
            assess(&three, Signals::default(), Thresholds::default(), true),
            (10, Verdict::Warn)
        );
    }

    #[test]
    fn counts_have_every_key() {
        let c = counts(&[f("a", Category::Archive, Severity::High)]);
        assert_eq!(c.by_severity.len(), 5);
        assert_eq!(c.by_category.len(), 17);
        assert_eq!(c.by_severity["high"], 1);
        assert_eq!(c.by_category["archive"], 1);
    }
}
