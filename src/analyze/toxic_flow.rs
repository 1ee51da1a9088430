//! Toxic flows: chains of tools that, together, let untrusted content steer private data out.
//!
//! Each tool of each server seen together (the files of `scan-tools A.json B.json …`, the
//! servers of a client config under `audit --lockfile`) gets a capability profile
//! ([`crate::analyze::capabilities`]). A chain is a tool that reads untrusted content, a tool
//! that reads private data and a tool that sends externally. Per set of servers there is at
//! most one cross-server finding (the representative tools and how many chains there are), and
//! per server at most one finding for a chain it forms on its own; never one per triple.
//!
//! `crate::cross_server` adds the findings to audited servers under the policy.

use mcp_audit_core::{Category, Finding, Severity};

use crate::analyze::capabilities::{self, Label, Profile};
use mcp_audit_core::model::Tool;

mcp_audit_core::declare_rules! {
    /// Capability and toxic-flow rules.
    pub static RULES;

    /// Untrusted content, private data and an outbound channel are reachable together.
    pub static TOXIC_FLOW_CHAIN: Rule = Rule {
        id: "toxic-flow-chain",
        category: Category::ToxicFlow,
        severity: Severity::High,
        summary: "Tools seen together form a chain: one reads untrusted content, one reads private data, one sends data out; the first can steer the agent to move the second's data through the third.",
        example: "web/browse_page → notes/read_note → webhook/post_webhook",
    };

    /// A tool's annotations say what its capability profile contradicts.
    pub static ANNOTATION_CONTRADICTS_CAPABILITY: Rule = Rule {
        id: "annotation-contradicts-capability",
        category: Category::ManifestMismatch,
        severity: Severity::Low,
        summary: "A tool's declared annotations (readOnlyHint, destructiveHint, openWorldHint) contradict what its name, description or schema say it does.",
        example: "readOnlyHint: true on a tool whose name says `delete`",
    };
}

/// One server of a set: a name and its tools' profiles.
#[derive(Debug, Clone)]
pub struct Server {
    /// How the server is named in findings.
    pub name: String,
    /// Its tools' profiles.
    pub profiles: Vec<Profile>,
}

/// One tool of a chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Index of the server in the set.
    pub server: usize,
    /// The tool's name.
    pub tool: String,
    /// Why it has its label.
    pub why: String,
}

/// A chain (its representative tools) and how many tool triples it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// Reads untrusted content.
    pub untrusted: Link,
    /// Reads private data.
    pub private: Link,
    /// Sends externally.
    pub sends: Link,
    /// Number of (untrusted, private, sends) triples this finding stands for.
    pub count: u128,
}

fn holders(servers: &[Server], label: Label) -> Vec<Link> {
    servers
        .iter()
        .enumerate()
        .flat_map(|(i, s)| {
            s.profiles.iter().filter_map(move |p| {
                p.labels.get(&label).map(|why| Link {
                    server: i,
                    tool: p.tool.clone(),
                    why: why.clone(),
                })
            })
        })
        .collect()
}

/// The chain a single server forms on its own, if any.
#[must_use]
pub fn within(servers: &[Server], index: usize) -> Option<Chain> {
    let one = |label| -> Vec<Link> {
        holders(servers, label)
            .into_iter()
            .filter(|l| l.server == index)
            .collect()
    };
    let (u, p, s) = (
        one(Label::ReadsUntrustedContent),
        one(Label::ReadsPrivateData),
        one(Label::SendsExternally),
    );
    Some(Chain {
        count: (u.len() * p.len() * s.len()) as u128,
        untrusted: u.first()?.clone(),
        private: p.first()?.clone(),
        sends: s.first()?.clone(),
    })
}

/// The chain across servers: triples that involve at least two servers, one representative
/// (spanning as many servers as it can) and their count.
#[must_use]
pub fn across(servers: &[Server]) -> Option<Chain> {
    let u = holders(servers, Label::ReadsUntrustedContent);
    let p = holders(servers, Label::ReadsPrivateData);
    let s = holders(servers, Label::SendsExternally);
    let total = (u.len() as u128) * (p.len() as u128) * (s.len() as u128);
    let inside: u128 = (0..servers.len())
        .map(|i| {
            let n = |v: &[Link]| v.iter().filter(|l| l.server == i).count() as u128;
            n(&u) * n(&p) * n(&s)
        })
        .sum();
    let count = total - inside;
    if count == 0 {
        return None;
    }
    // The representative: the first sender, then a private reader on another server if there
    // is one, then an untrusted reader on a third server if there is one (else another).
    let mut best: Option<(usize, Chain)> = None;
    for sends in &s {
        let private = p.iter().find(|l| l.server != sends.server).unwrap_or(&p[0]);
        let untrusted = u
            .iter()
            .find(|l| l.server != sends.server && l.server != private.server)
            .or_else(|| {
                u.iter()
                    .find(|l| l.server != sends.server || l.server != private.server)
            })
            .unwrap_or(&u[0]);
        let mut spanned = vec![untrusted.server, private.server, sends.server];
        spanned.sort_unstable();
        spanned.dedup();
        if spanned.len() > best.as_ref().map_or(1, |b| b.0) {
            best = Some((
                spanned.len(),
                Chain {
                    untrusted: untrusted.clone(),
                    private: private.clone(),
                    sends: sends.clone(),
                    count,
                },
            ));
        }
        if spanned.len() == 3 {
            break;
        }
    }
    best.map(|b| b.1)
}

/// The cross-server chains that `member` takes part in (a chain among the other servers
/// alone does not count), with a representative that has a tool of `member` in it.
///
/// Used where one server joins a set (install): the chains it completes are its concern.
#[must_use]
pub fn across_with(servers: &[Server], member: usize) -> Option<Chain> {
    let u = holders(servers, Label::ReadsUntrustedContent);
    let p = holders(servers, Label::ReadsPrivateData);
    let s = holders(servers, Label::SendsExternally);
    let n = |v: &[Link], keep: &dyn Fn(usize) -> bool| {
        v.iter().filter(|l| keep(l.server)).count() as u128
    };
    let all = |_| true;
    let others = |i| i != member;
    let only = |i| i == member;
    // Every triple, minus those without `member`, minus those inside `member` alone.
    let count = n(&u, &all) * n(&p, &all) * n(&s, &all)
        - n(&u, &others) * n(&p, &others) * n(&s, &others)
        - n(&u, &only) * n(&p, &only) * n(&s, &only);
    if count == 0 {
        return None;
    }
    // The representative: one role filled by `member`, the others preferably by other servers
    // (distinct ones when there are), keeping the choice that spans the most servers.
    let mut best: Option<(usize, Chain)> = None;
    for role in 0..3 {
        let lists = [&u, &p, &s];
        let Some(own) = lists[role].iter().find(|l| l.server == member) else {
            continue;
        };
        let mut picked: [Option<&Link>; 3] = [None, None, None];
        picked[role] = Some(own);
        for other in (0..3).filter(|&r| r != role) {
            let used: Vec<usize> = picked.iter().flatten().map(|l| l.server).collect();
            picked[other] = lists[other]
                .iter()
                .find(|l| !used.contains(&l.server))
                .or_else(|| lists[other].iter().find(|l| l.server != member))
                .or_else(|| lists[other].first());
        }
        let [Some(a), Some(b), Some(c)] = picked else {
            continue;
        };
        let mut spanned = vec![a.server, b.server, c.server];
        spanned.sort_unstable();
        spanned.dedup();
        if spanned.len() > 1 && spanned.len() > best.as_ref().map_or(0, |b| b.0) {
            best = Some((
                spanned.len(),
                Chain {
                    untrusted: a.clone(),
                    private: b.clone(),
                    sends: c.clone(),
                    count,
                },
            ));
        }
    }
    best.map(|b| b.1)
}

/// The finding for `chain` (`cross`: across servers, else within one).
#[must_use]
pub fn chain_finding(servers: &[Server], chain: &Chain, cross: bool) -> Finding {
    let name = |l: &Link| format!("{}/{}", servers[l.server].name, l.tool);
    let evidence = format!(
        "{} → {} → {}",
        name(&chain.untrusted),
        name(&chain.private),
        name(&chain.sends)
    );
    let role = |l: &Link, what: &str| {
        format!(
            "`{}` ({}) {what}: {}",
            l.tool, servers[l.server].name, l.why
        )
    };
    let scope = if cross {
        "across servers"
    } else {
        "within this server"
    };
    let more = if chain.count > 1 {
        format!(" ({} such chains in all; one shown)", chain.count)
    } else {
        String::new()
    };
    TOXIC_FLOW_CHAIN
        .finding(format!(
            "toxic flow {scope}: {}; {}; {}{more}",
            role(&chain.untrusted, "reads untrusted content"),
            role(&chain.private, "reads private data"),
            role(&chain.sends, "sends externally"),
        ))
        .with_evidence(evidence)
}

/// Findings for the annotations of `tools` that their `profiles` contradict.
#[must_use]
pub fn contradiction_findings(tools: &[Tool], profiles: &[Profile]) -> Vec<Finding> {
    let mut out = Vec::new();
    for (tool, profile) in tools.iter().zip(profiles) {
        for c in capabilities::annotation_contradictions(tool, profile) {
            out.push(
                ANNOTATION_CONTRADICTS_CAPABILITY
                    .finding(format!(
                        "`{}` declares {}: {} but its profile says {} ({})",
                        tool.name, c.hint, c.declared, c.label, c.evidence
                    ))
                    .with_tool(tool.name.clone())
                    .with_evidence(format!("{}: {} vs {}", c.hint, c.declared, c.label)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn server(name: &str, tools: &[(&str, &[Label])]) -> Server {
        Server {
            name: name.into(),
            profiles: tools
                .iter()
                .map(|(t, ls)| Profile {
                    tool: (*t).into(),
                    labels: ls
                        .iter()
                        .map(|l| (*l, "w".to_string()))
                        .collect::<BTreeMap<_, _>>(),
                })
                .collect(),
        }
    }

    use Label::{ReadsPrivateData as P, ReadsUntrustedContent as U, SendsExternally as S};

    #[test]
    fn a_joining_server_owns_only_the_chains_it_completes() {
        // b and c alone have no untrusted reader; the new server a completes the chain.
        let set = [
            server("a", &[("fetch", &[U])]),
            server("b", &[("read", &[P])]),
            server("c", &[("post", &[S])]),
        ];
        let chain = across_with(&set, 0).unwrap();
        assert_eq!(chain.count, 1);
        assert_eq!(
            (
                chain.untrusted.server,
                chain.private.server,
                chain.sends.server
            ),
            (0, 1, 2)
        );
        // A chain among the others alone is not the new server's.
        let set = [
            server("calc", &[("add", &[])]),
            server("web", &[("fetch", &[U])]),
            server("mail", &[("read", &[P]), ("send", &[S])]),
        ];
        assert!(across(&set).is_some());
        assert!(across_with(&set, 0).is_none());
        // A chain the new server forms alone is `within`, not across.
        let set = [
            server("all", &[("fetch", &[U]), ("read", &[P]), ("post", &[S])]),
            server("calc", &[("add", &[])]),
        ];
        assert!(across_with(&set, 0).is_none());
    }

    #[test]
    fn one_finding_per_set_with_a_count() {
        let set = [
            server("a", &[("u1", &[U]), ("u2", &[U])]),
            server("b", &[("p1", &[P]), ("p2", &[P])]),
            server("c", &[("s1", &[S])]),
        ];
        let chain = across(&set).unwrap();
        assert_eq!(chain.count, 4);
        assert_eq!(
            (
                chain.untrusted.tool.as_str(),
                chain.private.tool.as_str(),
                chain.sends.tool.as_str()
            ),
            ("u1", "p1", "s1")
        );
        assert!(within(&set, 0).is_none());
    }

    #[test]
    fn a_server_alone_is_within_not_across() {
        let set = [
            server("gh", &[("get", &[U, P]), ("post", &[S])]),
            server("calc", &[("add", &[])]),
        ];
        assert!(across(&set).is_none());
        assert_eq!(within(&set, 0).unwrap().count, 1);
    }

    #[test]
    fn missing_a_role_is_no_chain() {
        let set = [server("a", &[("u", &[U])]), server("b", &[("p", &[P])])];
        assert!(across(&set).is_none());
    }
}
