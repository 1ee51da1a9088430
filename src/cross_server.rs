//! Servers seen together: the capability and toxic-flow findings of
//! [`crate::analyze::toxic_flow`], added to already audited results under the policy.
//!
//! Used where several servers are audited as one client's set: `scan-tools A.json B.json …`,
//! `audit --lockfile` on an MCP client config, `verify` (the installed servers of each client
//! config) and `install --client` (the new server with those the client already runs). The policy applies to the added findings (a
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

/// The capability findings of one set of servers, per server: annotation contradictions and a
/// within-server chain on each, and one cross-server chain (on the server of its
/// untrusted-content tool).
fn set_findings(results: &[&TargetResult]) -> Vec<Vec<Finding>> {
    let servers = servers_of(results);
    let mut extra: Vec<Vec<Finding>> = vec![Vec::new(); servers.len()];
    for (k, result) in results.iter().enumerate() {
        extra[k].extend(own_findings(result, &servers, k));
    }
    if let Some(chain) = toxic_flow::across(&servers) {
        extra[chain.untrusted.server].push(toxic_flow::chain_finding(&servers, &chain, true));
    }
    extra
}

fn servers_of(results: &[&TargetResult]) -> Vec<toxic_flow::Server> {
    results
        .iter()
        .map(|r| toxic_flow::Server {
            name: server_name(r),
            profiles: capabilities::profiles(&r.tools),
        })
        .collect()
}

/// What one server shows on its own: annotation contradictions and a chain within it.
fn own_findings(result: &TargetResult, servers: &[toxic_flow::Server], k: usize) -> Vec<Finding> {
    let mut out = toxic_flow::contradiction_findings(&result.tools, &servers[k].profiles);
    if let Some(chain) = toxic_flow::within(servers, k) {
        out.push(toxic_flow::chain_finding(servers, &chain, false));
    }
    out
}

/// Adds the capability findings to audited servers seen together as one set (see
/// [`set_findings`]). Errored results are left alone.
pub fn annotate(results: &mut [TargetResult], policy: &Policy) {
    let all: Vec<usize> = (0..results.len()).collect();
    annotate_sets(results, &[all], policy);
}

/// Like [`annotate`] for several sets over the same results (the servers of each client
/// config, under `verify`). A server in several sets gets each finding once.
pub fn annotate_sets(results: &mut [TargetResult], sets: &[Vec<usize>], policy: &Policy) {
    let mut extra: Vec<Vec<Finding>> = vec![Vec::new(); results.len()];
    for set in sets {
        let live: Vec<usize> = set
            .iter()
            .copied()
            .filter(|&i| results.get(i).is_some_and(|r| r.verdict != Verdict::Error))
            .collect();
        let members: Vec<&TargetResult> = live.iter().map(|&i| &results[i]).collect();
        for (k, findings) in set_findings(&members).into_iter().enumerate() {
            for f in findings {
                let held = &mut extra[live[k]];
                if !held
                    .iter()
                    .any(|h| h.rule == f.rule && h.message == f.message)
                {
                    held.push(f);
                }
            }
        }
    }
    for (i, findings) in extra.into_iter().enumerate() {
        if !findings.is_empty() {
            add_findings(&mut results[i], findings, policy);
        }
    }
}

/// Adds to `joining` (a server about to be installed for a client) what it shows with the
/// servers the client already runs: its own findings, and the cross-server chains it
/// completes. Chains among the others alone are not its concern and are left out.
pub fn annotate_joining(joining: &mut TargetResult, others: &[TargetResult], policy: &Policy) {
    if joining.verdict == Verdict::Error {
        return;
    }
    let mut members: Vec<&TargetResult> = vec![&*joining];
    members.extend(others.iter().filter(|r| r.verdict != Verdict::Error));
    let servers = servers_of(&members);
    let mut findings = own_findings(joining, &servers, 0);
    if let Some(chain) = toxic_flow::across_with(&servers, 0) {
        findings.push(toxic_flow::chain_finding(&servers, &chain, true));
    }
    if !findings.is_empty() {
        add_findings(joining, findings, policy);
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
