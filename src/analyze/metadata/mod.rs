//! Metadata analysis: typosquats and brand impersonation, version age, deprecation and yanks,
//! missing repository.
//!
//! The brand list ([`POPULAR`], `popular.txt`) ships with the binary. Names are compared after
//! [`typosquat::skeleton`] normalization (NFKC, lowercase, confusable letters and digits folded,
//! separators dropped) and by Damerau–Levenshtein distance.

mod typosquat;

use crate::analyze::context::Context;
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Category, Finding, Severity};
use mcp_audit_extract::identify::Ecosystem;

/// Popular MCP servers and vendor scopes (`popular.txt`).
pub const POPULAR: &str = include_str!("popular.txt");

/// Days a new version is considered too fresh to trust when no setting says otherwise.
pub const DEFAULT_COOL_DOWN_DAYS: u32 = 3;

mcp_audit_core::declare_rules! {
    /// Metadata rules.
    pub static RULES;

    /// A name one or two edits or a confusable away from a popular package.
    pub static TYPOSQUAT: Rule = Rule {
        id: "typosquat",
        category: Category::Typosquat,
        severity: Severity::Medium,
        summary: "The package name is one or two edits (medium) or a confusable character (high) away from a popular MCP server.",
        example: "`mcp-server-fetcch` or `mcp-server-fetc1` next to `mcp-server-fetch`",
    };

    /// A scope imitating a vendor's.
    pub static SCOPE_IMPERSONATION: Rule = Rule {
        id: "scope-impersonation",
        category: Category::Typosquat,
        severity: Severity::High,
        summary: "The npm scope imitates a vendor or MCP publisher scope.",
        example: "`@modelcontextprotoco1/server-filesystem`",
    };

    /// An unscoped copy of a vendor package's name.
    pub static BRAND_IMPERSONATION: Rule = Rule {
        id: "brand-impersonation",
        category: Category::Typosquat,
        severity: Severity::Medium,
        summary: "The package takes the name of a popular scoped package without its scope, or a vendor's name outside the vendor's scope.",
        example: "`server-filesystem` or `modelcontextprotocol-server-github`",
    };

    /// Version published within the cool-down.
    pub static VERSION_TOO_NEW: Rule = Rule {
        id: "version-too-new",
        category: Category::Metadata,
        severity: Severity::High,
        summary: "The version was published within the cool-down (default 3 days, `MCP_AUDIT_COOL_DOWN_DAYS`); compromised releases are usually caught within days. The policy's `min_version_age_days` turns this into a block.",
        example: "a version published 5 hours ago",
    };

    /// Deprecated version.
    pub static VERSION_DEPRECATED: Rule = Rule {
        id: "version-deprecated",
        category: Category::Metadata,
        severity: Severity::Medium,
        summary: "The registry marks the version deprecated.",
        example: "npm `deprecated: \"critical bug, use 1.2.4\"`",
    };

    /// Yanked version.
    pub static VERSION_YANKED: Rule = Rule {
        id: "version-yanked",
        category: Category::Metadata,
        severity: Severity::High,
        summary: "The registry marks the version yanked: its publisher withdrew it.",
        example: "a PyPI release yanked for `malicious code`",
    };

    /// No source repository.
    pub static NO_REPOSITORY: Rule = Rule {
        id: "no-repository",
        category: Category::Metadata,
        severity: Severity::Low,
        summary: "Neither the registry nor the manifest names a source repository, so the code cannot be compared with its source.",
        example: "package.json without `repository`",
    };

    /// A known vulnerability the registry lists for this version.
    pub static KNOWN_VULNERABILITY: Rule = Rule {
        id: "known-vulnerability",
        category: Category::Vulnerability,
        severity: Severity::Medium,
        summary: "The registry lists a known vulnerability (advisory) for this version: PyPI's JSON API `vulnerabilities`, npm's bulk advisory endpoint. Severity follows the advisory (npm: critical and high → high, moderate → medium, low → low; PyPI states none → medium); the evidence names the advisory id and the fixed version.",
        example: "`pycrypto` 2.6.1: PYSEC-2017-94 (no fixed version)",
    };

    /// Brand-new package.
    pub static PACKAGE_BRAND_NEW: Rule = Rule {
        id: "package-brand-new",
        category: Category::Metadata,
        severity: Severity::Low,
        summary: "The package itself is less than 30 days old with few versions.",
        example: "first published 4 days ago, 1 version",
    };
}

/// The cool-down in days: `MCP_AUDIT_COOL_DOWN_DAYS`, else [`DEFAULT_COOL_DOWN_DAYS`].
#[must_use]
pub fn cool_down_days() -> u32 {
    std::env::var(crate::env::MCP_AUDIT_COOL_DOWN_DAYS)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_COOL_DOWN_DAYS)
}

/// Analyzes registry metadata and the package's name.
#[must_use]
pub fn analyze(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = analyze_static(ctx);
    out.extend(registry_now(ctx.registry, &ctx.identity.version));
    out
}

/// The metadata findings that depend only on the package and the registry's facts: typosquats
/// and a missing repository (what the analysis cache may keep).
#[must_use]
pub fn analyze_static(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = typosquat::findings(ctx.identity.ecosystem, &ctx.identity.name);
    if ctx.identity.ecosystem != Ecosystem::Unknown && !has_repository(ctx) {
        out.push(NO_REPOSITORY.finding("no source repository is declared"));
    }
    out
}

/// The registry findings that depend on today's date, the cool-down setting or the
/// advisories (age, deprecation, yanks, known vulnerabilities…): computed on every audit.
#[must_use]
pub fn registry_now(
    facts: Option<&registry_adapters::RegistryMetadata>,
    version: &str,
) -> Vec<Finding> {
    facts.map_or_else(Vec::new, |reg| {
        registry(
            reg,
            version,
            cool_down_days(),
            time::OffsetDateTime::now_utc(),
        )
    })
}

fn has_repository(ctx: &Context<'_>) -> bool {
    if ctx.registry.is_some_and(|r| {
        r.repository
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty())
    }) {
        return true;
    }
    let m = ctx.manifests;
    let json_repo = |v: &serde_json::Value| {
        v.get("repository").is_some_and(|r| match r {
            serde_json::Value::String(s) => !s.trim().is_empty(),
            serde_json::Value::Object(o) => o
                .get("url")
                .and_then(|u| u.as_str())
                .is_some_and(|u| !u.trim().is_empty()),
            _ => false,
        })
    };
    m.package_json.as_ref().is_some_and(|p| json_repo(&p.value))
        || m.mcpb.as_ref().is_some_and(|p| json_repo(&p.value))
        || m.cargo_toml
            .as_ref()
            .and_then(|c| c.value.get("package"))
            .is_some_and(|p| p.get("repository").is_some())
        || m.core_metadata.as_ref().is_some_and(|c| {
            c.value.get_all("Project-URL").next().is_some() || c.value.get("Home-page").is_some()
        })
        || m.pyproject
            .as_ref()
            .and_then(|p| p.value.get("project"))
            .is_some_and(|p| p.get("urls").is_some())
}

fn parse_time(t: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339).ok()
}

/// Findings from registry facts at time `now`.
fn registry(
    reg: &registry_adapters::RegistryMetadata,
    version: &str,
    cool_down: u32,
    now: time::OffsetDateTime,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(published) = reg.published_at.as_deref().and_then(parse_time) {
        let age = now - published;
        if cool_down > 0 && age < time::Duration::days(i64::from(cool_down)) {
            out.push(
                VERSION_TOO_NEW
                    .finding(format!(
                        "version {} was published {} hour(s) ago, within the {cool_down}-day cool-down",
                        visible(version),
                        age.whole_hours().max(0)
                    ))
                    .with_evidence(visible(reg.published_at.as_deref().unwrap_or(""))),
            );
        }
    }
    if let Some(created) = reg.created_at.as_deref().and_then(parse_time) {
        if now - created < time::Duration::days(30) && reg.version_count.is_some_and(|n| n <= 3) {
            out.push(PACKAGE_BRAND_NEW.finding(format!(
                "the package was first published {} day(s) ago and has {} version(s)",
                (now - created).whole_days().max(0),
                reg.version_count.unwrap_or(0)
            )));
        }
    }
    if let Some(msg) = &reg.deprecated {
        out.push(
            VERSION_DEPRECATED
                .finding(format!("version {} is deprecated", visible(version)))
                .with_evidence(visible(msg)),
        );
    }
    for advisory in reg.vulnerabilities.iter().flatten() {
        out.push(vulnerability(advisory, version));
    }
    if reg.yanked {
        let mut f = VERSION_YANKED.finding(format!("version {} is yanked", visible(version)));
        if let Some(reason) = &reg.yanked_reason {
            f = f.with_evidence(visible(reason));
        }
        out.push(f);
    }
    out
}

/// One `known-vulnerability` finding: the advisory id, its summary, the fixed version(s).
fn vulnerability(advisory: &registry_adapters::Advisory, version: &str) -> Finding {
    let severity = match advisory.severity.as_deref() {
        Some("critical" | "high") => Severity::High,
        Some("low") => Severity::Low,
        _ => Severity::Medium,
    };
    let fixed = if advisory.fixed_in.is_empty() {
        "no fixed version is listed".to_string()
    } else {
        format!("fixed in {}", advisory.fixed_in.join(", "))
    };
    let summary = if advisory.summary.is_empty() {
        String::new()
    } else {
        format!(": {}", advisory.summary)
    };
    let mut evidence = vec![advisory.id.clone()];
    evidence.extend(advisory.aliases.iter().cloned());
    evidence.push(fixed.clone());
    if let Some(url) = &advisory.url {
        evidence.push(url.clone());
    }
    let mut f = KNOWN_VULNERABILITY
        .finding(visible(&format!(
            "version {version} has a known vulnerability {}{summary} ({fixed})",
            advisory.id
        )))
        .with_evidence(visible(&evidence.join("; ")));
    f.severity = severity;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_signals() {
        let now = time::macros::datetime!(2026-06-10 12:00 UTC);
        let reg = registry_adapters::RegistryMetadata {
            published_at: Some("2026-06-10T02:00:00Z".into()),
            created_at: Some("2026-06-01T00:00:00Z".into()),
            version_count: Some(1),
            deprecated: Some("use 2.0".into()),
            yanked: true,
            ..Default::default()
        };
        let rules: Vec<String> = registry(&reg, "1.0.0", 3, now)
            .into_iter()
            .map(|f| f.rule)
            .collect();
        assert_eq!(
            rules,
            vec![
                "version-too-new",
                "package-brand-new",
                "version-deprecated",
                "version-yanked"
            ]
        );
        let old = registry_adapters::RegistryMetadata {
            published_at: Some("2026-01-10T02:00:00Z".into()),
            ..Default::default()
        };
        assert!(registry(&old, "1.0.0", 3, now).is_empty());
        assert!(registry(&reg, "1.0.0", 0, now)
            .iter()
            .all(|f| f.rule != "version-too-new"));
    }
}
