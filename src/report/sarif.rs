//! The SARIF 2.1.0 view of a report, for code scanning.
//!
//! One run for the whole report. `tool.driver.rules` lists the rules the findings name, with
//! help text from the catalog. Every finding is a result with
//! `partialFingerprints` (the finding fingerprint) and, when it has a file, a location inside
//! the package: the path is relative to the uriBaseId `PKGn` of its target (described in
//! `originalUriBaseIds`). Suppressed findings are results with a `suppressions` entry carrying
//! the policy's reason. Targets that could not be audited become error notifications of the
//! invocation.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::{Report, TargetResult, Verdict};
use crate::rules::{self, Rule};
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, Severity};

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The schema URI written in `$schema`.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Key of the finding fingerprint in `partialFingerprints`.
pub const FINGERPRINT_KEY: &str = "mcpAuditFinding/v1";
/// Where rule documentation lives.
pub const RULES_DOC: &str = "https://github.com/mcp-audit/mcp-audit/blob/main/docs/rules.md";

/// SARIF `level` of a severity.
#[must_use]
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` (0.0–10.0) of a severity.
#[must_use]
pub fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "0.0",
    }
}

/// Renders the report as a SARIF 2.1.0 log (pretty JSON, deterministic).
///
/// # Panics
/// Never: every value serializes.
#[must_use]
pub fn render(report: &Report) -> String {
    render_with_rules(report, &rules::catalog())
}

/// [`render`] with rule descriptions taken from `catalog` instead of the built-in catalog.
///
/// # Panics
/// Never: every value serializes.
#[must_use]
pub fn render_with_rules(report: &Report, catalog: &[&Rule]) -> String {
    let rules = rule_table(report, catalog);
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();

    let mut results = Vec::new();
    let mut bases = serde_json::Map::new();
    let mut notifications = Vec::new();
    for (n, target) in report.results.iter().enumerate() {
        let base = format!("PKG{}", n + 1);
        bases.insert(
            base.clone(),
            json!({"description": {"text": ensure_period(&format!(
                "Root of the unpacked package of {}", visible(&target.target)))}}),
        );
        if let Some(err) = &target.error {
            notifications.push(json!({
                "level": "error",
                "message": {"text": ensure_period(&format!(
                    "{} could not be audited: {}", visible(&target.target), visible(err)))},
            }));
        }
        for f in &target.findings {
            results.push(result(f, target, &base, &index, None));
        }
        for s in &target.suppressed {
            results.push(result(&s.finding, target, &base, &index, Some(&s.reason)));
        }
    }

    let verdicts: Vec<Value> = report
        .results
        .iter()
        .map(|r| {
            json!({
                "target": r.target, "verdict": r.verdict.as_str(), "score": r.score,
                "sha256": r.package.as_ref().map(|p| p.sha256.as_str()),
            })
        })
        .collect();
    let ok = !report.results.iter().any(|r| r.verdict == Verdict::Error);
    let mut invocation = json!({"executionSuccessful": ok});
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "mcp-audit",
                "informationUri": "https://github.com/mcp-audit/mcp-audit",
                "version": report.mcp_audit_version,
                "semanticVersion": report.mcp_audit_version,
                "rules": rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
            }},
            "invocations": [invocation],
            "originalUriBaseIds": bases,
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": {"schemaVersion": report.schema_version, "targets": verdicts},
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

/// A rule as the SARIF log describes it.
struct RuleRow {
    id: String,
    rule: Rule,
}

/// The rules the report's findings name, sorted by id, described from the catalog (or from
/// the finding, for a rule this build's catalog lacks). Listing only the rules in use keeps a
/// log stable when unrelated rules are added.
fn rule_table(report: &Report, catalog: &[&Rule]) -> Vec<RuleRow> {
    let catalog: BTreeMap<&str, &Rule> = catalog.iter().map(|r| (r.id, *r)).collect();
    let mut rows: BTreeMap<String, Rule> = BTreeMap::new();
    for f in report.results.iter().flat_map(|r| {
        r.findings
            .iter()
            .chain(r.suppressed.iter().map(|s| &s.finding))
    }) {
        rows.entry(f.rule.clone()).or_insert_with(|| {
            catalog.get(f.rule.as_str()).map_or(
                Rule {
                    id: "",
                    category: f.category,
                    severity: f.severity,
                    summary: "A rule this build of mcp-audit does not describe.",
                    example: "",
                },
                |r| **r,
            )
        });
    }
    rows.into_iter()
        .map(|(id, rule)| RuleRow { id, rule })
        .collect()
}

fn rule_descriptor(row: &RuleRow) -> Value {
    let rule = &row.rule;
    let summary = ensure_period(rule.summary);
    let mut help = format!(
        "{summary}\nCategory: {}. Default severity: {}.",
        rule.category, rule.severity
    );
    let mut markdown = format!(
        "{summary}\n\n**Category:** `{}`  \n**Default severity:** `{}`",
        rule.category, rule.severity
    );
    if !rule.example.is_empty() {
        help.push_str(&format!("\nExample: {}", rule.example));
        markdown.push_str(&format!(
            "\n\n**Example:** {}",
            super::markdown::escape(rule.example)
        ));
    }
    json!({
        "id": row.id,
        "name": pascal_case(&row.id),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": help, "markdown": markdown},
        "helpUri": format!("{RULES_DOC}#{}", row.id),
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "category": rule.category.as_str(),
            "tags": ["security", rule.category.as_str()],
            "security-severity": security_severity(rule.severity),
        },
    })
}

fn result(
    f: &Finding,
    target: &TargetResult,
    base: &str,
    index: &BTreeMap<&str, usize>,
    suppressed: Option<&str>,
) -> Value {
    let mut text = visible(&f.message);
    if let Some(tool) = &f.tool {
        text.push_str(&format!(" (tool `{}`)", visible(tool)));
    }
    let mut r = json!({
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": ensure_period(&text)},
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "target": target.target,
            "category": f.category.as_str(),
            "severity": f.severity.as_str(),
            "security-severity": security_severity(f.severity),
        },
    });
    if let Some(i) = index.get(f.rule.as_str()) {
        r["ruleIndex"] = json!(i);
    }
    if let Some(ev) = &f.evidence {
        r["properties"]["evidence"] = json!(visible(ev));
    }
    if let Some(tool) = &f.tool {
        r["properties"]["tool"] = json!(tool);
    }
    match &f.location {
        Some(loc) => {
            let mut physical =
                json!({"artifactLocation": {"uri": uri_path(&loc.file), "uriBaseId": base}});
            if let Some(line) = loc.line.filter(|l| *l >= 1) {
                physical["region"] = json!({"startLine": line});
            }
            r["locations"] = json!([{"physicalLocation": physical}]);
        }
        None => {
            let name = target.package.as_ref().map_or_else(
                || target.target.clone(),
                |p| format!("{}:{}@{}", p.ecosystem.as_str(), p.name, p.version),
            );
            r["locations"] =
                json!([{"logicalLocations": [{"fullyQualifiedName": name, "kind": "module"}]}]);
        }
    }
    if let Some(reason) = suppressed {
        r["suppressions"] =
            json!([{"kind": "external", "status": "accepted", "justification": reason}]);
    }
    r
}

/// Percent-encodes a package-relative path into a relative URI reference.
#[must_use]
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.trim_start_matches('/').bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `kebab-case-id` → `KebabCaseId` (SARIF `reportingDescriptor.name`).
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|first| first.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// SARIF messages are sentences: end them with a period.
fn ensure_period(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_paths_are_encoded() {
        assert_eq!(uri_path("dist/index.js"), "dist/index.js");
        assert_eq!(uri_path("a b/c#d%.js"), "a%20b/c%23d%25.js");
        assert_eq!(uri_path("/abs/é"), "abs/%C3%A9");
    }

    #[test]
    fn names_and_messages() {
        assert_eq!(pascal_case("tool-poisoning-hidden"), "ToolPoisoningHidden");
        assert_eq!(ensure_period("x"), "x.");
        assert_eq!(ensure_period("x."), "x.");
    }
}
