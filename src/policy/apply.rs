//! Applying a [`Policy`] to one package's findings: deny list and minimum version age (which
//! add findings), rule overrides, then suppressions. The result is what the score counts.

use serde::Serialize;

use super::{Policy, RuleSetting};
use mcp_audit_core::model::{Category, Finding, Severity};

mcp_audit_core::declare_rules! {
    /// Rules the policy itself reports.
    pub static RULES;

    /// The package matches a deny-list pattern of the policy.
    pub static POLICY_DENIED: Rule = Rule {
        id: "policy-denied",
        category: Category::Metadata,
        severity: Severity::Critical,
        summary: "The package matches a `[packages] deny` pattern of the policy.",
        example: "deny = [\"npm:evil-mcp\"] while auditing npm:evil-mcp@1.0.0",
    };

    /// The version is younger than the policy's minimum age.
    pub static POLICY_VERSION_TOO_NEW: Rule = Rule {
        id: "policy-version-too-new",
        category: Category::Metadata,
        severity: Severity::Critical,
        summary:
            "The version was published fewer days ago than `[packages] min_version_age_days` allows.",
        example: "min_version_age_days = 7 and a version published yesterday",
    };

    /// The registry did not say when the version was published.
    pub static POLICY_VERSION_AGE_UNKNOWN: Rule = Rule {
        id: "policy-version-age-unknown",
        category: Category::Metadata,
        severity: Severity::Low,
        summary: "The policy sets a minimum version age but the registry gave no publish date.",
        example: "a registry mirror that strips the `time` field of a packument",
    };
}

/// A finding the policy removed, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The finding as it would have counted.
    #[serde(flatten)]
    pub finding: Finding,
    /// The suppression's reason, or why the rule is off.
    pub reason: String,
    /// The suppression's expiry day (`YYYY-MM-DD`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// A suppression that matched a finding of this package but has expired, so the finding counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expired {
    /// The finding fingerprint.
    pub fingerprint: String,
    /// The suppression's reason.
    pub reason: String,
    /// The day it stopped working (`YYYY-MM-DD`).
    pub expired_on: String,
}

/// Findings after the policy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The findings that count, sorted.
    pub findings: Vec<Finding>,
    /// Findings removed by a suppression or a rule set to `off`.
    pub suppressed: Vec<Suppressed>,
    /// Expired suppressions that would have matched.
    pub expired: Vec<Expired>,
    /// The allow-list pattern that matched the package, if any.
    pub allowed_by: Option<String>,
}

/// What the policy needs to know about the package.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// `npm`, `pypi`, …
    pub ecosystem: &'a str,
    /// Package name.
    pub name: &'a str,
    /// Version.
    pub version: &'a str,
    /// Registry publish time (RFC 3339), when the artifact came from a registry.
    pub published_at: Option<&'a str>,
    /// Whether the artifact came from a registry (age is only checked then).
    pub from_registry: bool,
}

/// Applies the policy to `findings` (fingerprinted, as `pipeline::finalize` leaves them) at
/// time `now`.
#[must_use]
pub fn apply(
    policy: &Policy,
    subject: &Subject<'_>,
    findings: Vec<Finding>,
    now: time::OffsetDateTime,
) -> Applied {
    let mut all = findings;
    if let Some(p) = policy.denied_by(subject.ecosystem, subject.name) {
        all.push(
            POLICY_DENIED
                .finding(format!(
                    "the policy denies this package (pattern `{}`)",
                    p.text
                ))
                .with_evidence(&p.text),
        );
    }
    if let Some(min_days) = policy.min_version_age_days {
        all.extend(age_finding(min_days, subject, now));
    }
    let package = Some((subject.ecosystem, subject.name));
    let all = refingerprint(all, package);

    let today = now.date();
    let mut out = Applied {
        allowed_by: policy
            .allowed_by(subject.ecosystem, subject.name)
            .map(|p| p.text.clone()),
        ..Applied::default()
    };
    for mut f in all {
        match policy.rules.get(&f.rule) {
            Some(RuleSetting::Off) => {
                out.suppressed.push(Suppressed {
                    reason: format!("rule `{}` is off in the policy", f.rule),
                    expires: None,
                    finding: f,
                });
                continue;
            }
            Some(RuleSetting::Severity(s)) => f.severity = *s,
            None => {}
        }
        let matching = policy
            .suppressions
            .iter()
            .filter(|s| s.fingerprint == f.fingerprint);
        let (live, expired): (Vec<_>, Vec<_>) = matching.partition(|s| !s.is_expired(today));
        if let Some(s) = live.first() {
            out.suppressed.push(Suppressed {
                reason: s.reason.clone(),
                expires: s.expires.map(|d| d.to_string()),
                finding: f,
            });
            continue;
        }
        for s in expired {
            let expired_on = s.expires.map(|d| d.to_string()).unwrap_or_default();
            tracing::warn!(
                "suppression of `{}` (policy line {}) expired on {expired_on}; the finding counts again",
                s.fingerprint,
                s.line
            );
            out.expired.push(Expired {
                fingerprint: s.fingerprint.clone(),
                reason: s.reason.clone(),
                expired_on,
            });
        }
        out.findings.push(f);
    }
    out.findings = sort(out.findings);
    out.expired
        .sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    out.expired.dedup();
    out
}

fn age_finding(min_days: u32, subject: &Subject<'_>, now: time::OffsetDateTime) -> Option<Finding> {
    if !subject.from_registry {
        return None;
    }
    let published = subject.published_at.and_then(|t| {
        time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
    });
    let Some(published) = published else {
        return Some(
            POLICY_VERSION_AGE_UNKNOWN.finding(format!(
                "the policy requires versions at least {min_days} days old, but the registry gave no usable publish date for {}",
                subject.version
            )),
        );
    };
    let age_days = (now - published).whole_days().max(0);
    (age_days < i64::from(min_days)).then(|| {
        POLICY_VERSION_TOO_NEW
            .finding(format!(
                "version {} was published {age_days} day(s) ago; the policy requires at least {min_days}",
                subject.version
            ))
            .with_evidence(subject.published_at.unwrap_or_default())
    })
}

/// Fingerprints findings the policy added (existing fingerprints are recomputed identically).
fn refingerprint(mut findings: Vec<Finding>, package: Option<(&str, &str)>) -> Vec<Finding> {
    let (eco, name) = package.unwrap_or(("", ""));
    for f in &mut findings {
        if f.fingerprint.is_empty() {
            f.fingerprint = mcp_audit_core::digest::finding_fingerprint(eco, name, f);
        }
    }
    findings
}

/// Most severe first, then rule, location, tool, evidence (as `pipeline::finalize`).
fn sort(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.location.cmp(&b.location))
            .then_with(|| a.tool.cmp(&b.tool))
            .then_with(|| a.evidence.cmp(&b.evidence))
    });
    findings
}
