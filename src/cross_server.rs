//! Servers seen together: the capability and toxic-flow findings of
//! [`crate::analyze::toxic_flow`], added to already audited results under the policy.
//!
//! Used where several servers are audited as one client's set: `scan-tools A.json B.json …`
//! and `audit --lockfile` on an MCP client config. The policy applies to the added findings (a
//! rule override can raise `toxic-flow-chain` to `critical`, which blocks; a suppression by
//! fingerprint accepts a named chain and shows its reason); they raise the verdict to `warn`
//! (`medium`/`high`) or `block` (`critical`) and leave the server's own score as it was.

use mcp_audit_core::{Finding, Severity, Verdict};

use crate::analyze::{capabilities, toxic_flow};
use crate::policy::Policy;
use crate::report::TargetResult;

fn server_name(result: &TargetResult) -> String {
    result
        .package
        .as_ref()
        .map_or_else(|| result.target.clone(), |p| p.name.clone())
}

/// Adds the capability findings to audited servers seen together: annotation contradictions
/// and a within-server chain on each server, and one cross-server chain (on the server of its
/// untrusted-content tool). Errored results are left alone.
pub fn annotate(results: &mut [TargetResult], policy: &Policy) {
    let live: Vec<usize> = (0..results.len())
        .filter(|&i| results[i].verdict != Verdict::Error)
        .collect();
    let servers: Vec<toxic_flow::Server> = live
        .iter()
        .map(|&i| toxic_flow::Server {
            name: server_name(&results[i]),
            profiles: capabilities::profiles(&results[i].tools),
        })
        .collect();
    let mut extra: Vec<Vec<Finding>> = vec![Vec::new(); servers.len()];
    for (k, &i) in live.iter().enumerate() {
        extra[k].extend(toxic_flow::contradiction_findings(
            &results[i].tools,
            &servers[k].profiles,
        ));
        if let Some(chain) = toxic_flow::within(&servers, k) {
            extra[k].push(toxic_flow::chain_finding(&servers, &chain, false));
        }
    }
    if let Some(chain) = toxic_flow::across(&servers) {
        extra[chain.untrusted.server].push(toxic_flow::chain_finding(&servers, &chain, true));
    }
    for (k, findings) in extra.into_iter().enumerate() {
        if !findings.is_empty() {
            add_findings(&mut results[live[k]], findings, policy);
        }
    }
}

/// Applies the policy to `findings` and adds them to an audited result, raising its verdict.
fn add_findings(result: &mut TargetResult, findings: Vec<Finding>, policy: &Policy) {
    let (ecosystem, name, version) = result.package.as_ref().map_or(("", "", ""), |p| {
        (p.ecosystem.as_str(), p.name.as_str(), p.version.as_str())
    });
    // The package-level checks (deny list, version age) already ran in the server's audit.
    let mut scoped = policy.clone();
    scoped.deny.clear();
    scoped.min_version_age_days = None;
    let subject = crate::policy::apply::Subject {
        ecosystem,
        name,
        version,
        published_at: None,
        from_registry: false,
    };
    let applied =
        crate::policy::apply(&scoped, &subject, findings, time::OffsetDateTime::now_utc());
    for f in &applied.findings {
        let raised = match f.severity {
            Severity::Critical => Verdict::Block,
            Severity::High | Severity::Medium => Verdict::Warn,
            Severity::Low | Severity::Info => Verdict::Allow,
        };
        if raised > result.verdict {
            result.verdict = raised;
        }
    }
    result.findings.extend(applied.findings);
    result.findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.tool.cmp(&b.tool))
            .then_with(|| a.evidence.cmp(&b.evidence))
    });
    result.suppressed.extend(applied.suppressed);
    result.expired_suppressions.extend(applied.expired);
}
