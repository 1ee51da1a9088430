//! Code analysis: capabilities (network, filesystem, processes, dynamic code, environment) and
//! threat indicators, correlated per file and per package.
//!
//! Each source file is read once ([`facts`]): tree-sitter for JavaScript/TypeScript, Python,
//! Rust and Go, tokens for shell scripts, patterns for files too large or minified to parse.
//! [`detect`] turns the facts into capabilities, sensitive paths, endpoints and indicators;
//! [`correlate`] decides what they mean together. A capability alone is information; a
//! capability next to a threat indicator (a secret file read and the network, the environment
//! serialized and a raw IP, a decoder feeding `eval`) is high or critical.

mod binary;
mod consistency;
pub(crate) mod correlate;
pub(crate) mod detect;
pub(crate) mod facts;
pub(crate) mod lexicon;
mod rules;
pub(crate) mod semantic;
pub(crate) mod shell;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analyze::context::Context;
use detect::FileReport;
pub use lexicon::Capability;
use mcp_audit_core::model::{Finding, Tool};
use mcp_audit_extract::source::{SourceFile, SourceSet};
pub use rules::*;
pub use semantic::review::{review as install_review, HookVerdict, InstallReview};

/// Analyzes the package's source code.
#[must_use]
pub fn analyze(ctx: &Context<'_>, tools: &[Tool]) -> Vec<Finding> {
    analyze_scanned(ctx, tools, &scan(ctx.sources))
}

/// The per-file reports of [`scan`] and what the semantic layer found across files, computed
/// while other analyzers run.
#[derive(Debug)]
pub struct Scanned {
    reports: Vec<FileReport>,
    semantic: semantic::Semantic,
}

/// Scans every source file (the expensive, tool-independent part of [`analyze`]): per-file
/// facts and indicators, then the package's own code lowered and interpreted as a whole.
#[must_use]
pub fn scan(sources: &SourceSet) -> Scanned {
    let t0 = std::time::Instant::now();
    let pairs = mcp_audit_core::parallel::map(
        &sources.files,
        |f| f.text.len(),
        |f| {
            let lowered = if facts::semantic_candidate(f) {
                semantic::lower::lower(f)
            } else {
                None
            };
            (detect::scan(f), lowered)
        },
    );
    tracing::debug!("code scan and lowering: {:?}", t0.elapsed());
    let mut reports = Vec::with_capacity(pairs.len());
    let mut lowered = Vec::new();
    for (r, l) in pairs {
        reports.push(r);
        if let Some(l) = l {
            lowered.push(l);
        }
    }
    let t0 = std::time::Instant::now();
    let semantic = semantic::run(lowered);
    tracing::debug!(
        "semantic run: {:?}, {} events",
        t0.elapsed(),
        semantic.events.len()
    );
    reports.extend(derived_reports(sources, &semantic));
    Scanned { reports, semantic }
}

/// Text decoded or reassembled at run time, read again as code and as text.
fn derived_reports(sources: &SourceSet, sem: &semantic::Semantic) -> Vec<FileReport> {
    let mut out = Vec::new();
    for d in sem.derived.iter().take(200) {
        let Some(path) = sem.files.get(d.file) else {
            continue;
        };
        let lang = sources
            .files
            .iter()
            .find(|f| &f.path == path)
            .map_or(mcp_audit_extract::source::Lang::JavaScript, |f| f.lang);
        out.push(detect::scan_derived(path, lang, &d.text, d.line, d.how));
    }
    out
}

/// [`analyze`] over reports already scanned.
#[must_use]
pub fn analyze_with(ctx: &Context<'_>, tools: &[Tool], scanned: &Scanned) -> Vec<Finding> {
    analyze_scanned(ctx, tools, scanned)
}

fn analyze_scanned(ctx: &Context<'_>, tools: &[Tool], scanned: &Scanned) -> Vec<Finding> {
    let executables = binary::executables(ctx.tree);
    let contexts = semantic::context::Contexts::new(ctx, &scanned.semantic);
    let flows = semantic::flows::findings(&scanned.semantic, &contexts, &executables, tools);
    let mut findings = correlate::findings(&scanned.reports, &executables, &flows, ctx);
    findings.extend(consistency::findings(ctx, tools, &scanned.reports));
    findings
}

/// Scans every source file, on as many threads as the machine offers (per-file facts only).
pub(crate) fn scan_all(files: &[SourceFile]) -> Vec<FileReport> {
    mcp_audit_core::parallel::map(files, |f| f.text.len(), detect::scan)
}

/// What a package's code can do, for `diff` and reports: capabilities with the files that use
/// them, hard-coded endpoints (host names), sensitive paths named, install-time commands and
/// shipped executables. Sorted, so two versions compare line by line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CapabilitySummary {
    /// Capability (`network`, `file-write`, `process`, …) → files using it.
    pub capabilities: BTreeMap<Capability, BTreeSet<String>>,
    /// Hosts of hard-coded URLs (and raw IPs).
    pub endpoints: BTreeSet<String>,
    /// Sensitive files the code names (SSH keys, cloud credentials, other clients' configs…).
    pub sensitive_paths: BTreeSet<String>,
    /// Shipped executables (path and format).
    pub executables: BTreeSet<String>,
}

/// Most files listed per capability, and most endpoints.
const SUMMARY_LIMIT: usize = 50;

/// Summarizes what the package's code can do (scanning it).
#[must_use]
pub fn capabilities(ctx: &Context<'_>) -> CapabilitySummary {
    capabilities_with(ctx, &scan(ctx.sources))
}

/// [`capabilities`] over reports already scanned.
#[must_use]
pub fn capabilities_with(ctx: &Context<'_>, scanned: &Scanned) -> CapabilitySummary {
    let mut s = CapabilitySummary::default();
    for r in &scanned.reports {
        for cap in r.caps.keys() {
            let files = s.capabilities.entry(*cap).or_default();
            if files.len() < SUMMARY_LIMIT {
                files.insert(r.path.clone());
            }
        }
        for (_, url, _) in &r.endpoints {
            if s.endpoints.len() >= SUMMARY_LIMIT * 4 {
                break;
            }
            if let Some(host) = host_of(url) {
                if !boring_host(&host) {
                    s.endpoints.insert(host);
                }
            }
        }
        for (_, hit) in &r.secrets {
            if s.sensitive_paths.len() < SUMMARY_LIMIT {
                s.sensitive_paths.insert(visible(&hit.evidence));
            }
        }
    }

    s.executables = binary::executables(ctx.tree)
        .into_iter()
        .map(|e| format!("{} ({})", e.path, e.format.name()))
        .collect();
    s
}

fn host_of(url: &str) -> Option<String> {
    if let Some(c) = lexicon::URL.captures(url) {
        return c.get(1).map(|m| m.as_str().to_ascii_lowercase());
    }
    lexicon::BARE_IP
        .captures(url)
        .map(|c| c[1].to_string())
        .or_else(|| Some(url.chars().take(80).collect()))
}

fn boring_host(host: &str) -> bool {
    matches!(
        host,
        "localhost"
            | "127.0.0.1"
            | "0.0.0.0"
            | "www.w3.org"
            | "json-schema.org"
            | "example.com"
            | "www.example.com"
            | "schema.org"
            | "[::1]"
    )
}

use mcp_audit_core::escape::visible;

#[cfg(test)]
mod tests;
