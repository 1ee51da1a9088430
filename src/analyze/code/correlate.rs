//! From per-file reports to findings. The model, in short:
//!
//! - a capability alone is `info` (`code-capability`, once per capability and package);
//! - a sensitive path in a file that reads files is `medium`; with the network in the same
//!   file it is `critical` (`credential-exfiltration`); across files of the package, `high`;
//! - the whole environment serialized is `low`; with the network, `high`; with a raw-IP or
//!   drop-site endpoint too, `critical`;
//! - indicators that have no honest use in an MCP server (decode-then-exec, download piped to a
//!   shell, reverse shells, miners, hidden Bcc) are `critical` on their own;
//! - tool arguments reaching a shell or an evaluator are `high` (servers that run commands by
//!   design are warned about, not blocked);
//! - obfuscation and encoded literals in a browser bundle that no module of the package imports
//!   (UI widgets a server hands to the client as text) are `low`: minified front-end code is
//!   full of both, and it never runs with the server's rights.

use std::collections::BTreeMap;

use super::binary::Executable;
use super::detect::{FileReport, Hit, Indicator};
use super::lexicon::{Capability, EndpointKind, Secret};
use super::rules::*;
use super::semantic::flows::FlowReport;
use crate::analyze::context::Context;
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, Severity};
use mcp_audit_core::Rule;

/// Most findings of one rule per package (the rest are summarized in the last one).
const MAX_PER_RULE: usize = 5;

struct Out {
    findings: Vec<Finding>,
    counts: BTreeMap<&'static str, usize>,
    /// Rules and files the semantic layer's flows already reported: a per-file reading of the
    /// same thing is not added on top.
    flowed: std::collections::BTreeSet<(&'static str, String)>,
}

impl Out {
    fn push(&mut self, rule: &'static Rule, mut finding: Finding) {
        // Tests ship but do not run with the server: below critical, they only inform.
        let in_test = finding
            .location
            .as_ref()
            .is_some_and(|l| test_file(&l.file));
        if in_test && finding.severity > Severity::Low && finding.severity < Severity::Critical {
            finding.severity = Severity::Low;
            finding.message.push_str(" (in a test file)");
        }
        let n = self.counts.entry(rule.id).or_default();
        *n += 1;
        if *n <= MAX_PER_RULE {
            self.findings.push(finding);
        }
    }

    fn flowed(&self, rule: &'static Rule, file: &str) -> bool {
        self.flowed.contains(&(rule.id, file.to_string()))
    }

    fn at(&mut self, rule: &'static Rule, file: &str, hit: &Hit, message: String) {
        if self.flowed(rule, file) {
            return;
        }
        let f = rule
            .finding(message)
            .at(file, Some(hit.line))
            .with_evidence(visible(&hit.evidence));
        self.push(rule, f);
    }

    fn at_severity(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        file: &str,
        hit: &Hit,
        message: String,
    ) {
        if self.flowed(rule, file) {
            return;
        }
        let f = rule
            .finding(message)
            .with_severity(severity)
            .at(file, Some(hit.line))
            .with_evidence(visible(&hit.evidence));
        self.push(rule, f);
    }
}

/// All code findings of a package.
pub(crate) fn findings(
    reports: &[FileReport],
    executables: &[Executable],
    flows: &FlowReport,
    ctx: &Context<'_>,
) -> Vec<Finding> {
    let mut out = Out {
        findings: Vec::new(),
        counts: BTreeMap::new(),
        flowed: std::collections::BTreeSet::new(),
    };
    capabilities(reports, &mut out);
    for f in &flows.flows {
        let rule = f.rule;
        let finding = rule
            .finding(f.message.clone())
            .with_severity(f.severity)
            .at(visible(&f.file), Some(f.line))
            .with_evidence(visible(&f.evidence));
        out.push(rule, finding);
        out.flowed.insert((rule.id, f.file.clone()));
    }
    let package_network = reports.iter().any(network);
    let package_drop = reports.iter().any(|r| {
        r.endpoints
            .iter()
            .any(|(k, _, _)| matches!(k, Some(EndpointKind::RawIp | EndpointKind::Drop)))
    });
    for r in reports {
        secrets(r, package_network, reading(r, flows, ctx), &mut out);
        environment(r, package_drop, &mut out);
        endpoints(r, flows, &mut out);
        let front_end = obfuscation(r) && browser_bundle(r, ctx);
        indicators(r, front_end, &mut out);
        // Where the semantic layer read the file, its flows (across files, with constant
        // tables and quoting understood) replace this per-file reading.
        let same_file_flows = if flows.analyzed.contains(&r.path) {
            &[][..]
        } else {
            &r.flows[..]
        };
        for flow in same_file_flows {
            let (rule, what) = if flow.shell {
                (&TOOL_INPUT_TO_SHELL, "a shell command")
            } else {
                (&TOOL_INPUT_TO_EVAL, "code evaluation")
            };
            out.at(
                rule,
                &r.path,
                &flow.hit,
                format!(
                    "tool argument `{}` reaches {what}: whoever controls the argument controls the command",
                    visible(&flow.param)
                ),
            );
        }
    }
    for exe in executables {
        // A vendored tool the handlers run per call (waited for, with arguments) is what it
        // says it is; only its being native is worth noting.
        let per_call = flows.per_call.contains(&exe.path);
        let severity = if exe.library || per_call {
            Severity::Low
        } else {
            Severity::Medium
        };
        let what = if exe.library {
            "native library"
        } else if per_call {
            "executable, run by the tool handlers per call"
        } else {
            "executable"
        };
        let f = SHIPPED_EXECUTABLE
            .finding(format!(
                "ships {} {what} that cannot be reviewed as source",
                exe.format.name(),
            ))
            .with_severity(severity)
            .at(visible(&exe.path), None);
        out.push(&SHIPPED_EXECUTABLE, f);
    }
    for (path, why) in &ctx.sources.skipped {
        let f = SOURCE_NOT_ANALYZED
            .finding(format!("not analyzed: {}", visible(why)))
            .at(visible(path), None);
        out.push(&SOURCE_NOT_ANALYZED, f);
    }
    let mut findings = out.findings;
    for (id, n) in out.counts {
        if n > MAX_PER_RULE {
            if let Some(last) = findings.iter_mut().rev().find(|f| f.rule == id) {
                last.message.push_str(&format!(
                    " ({} more like this not listed)",
                    n - MAX_PER_RULE
                ));
            }
        }
    }
    findings
}

/// Whether the file carries an obfuscation indicator (the only ones scoped for browser code).
fn obfuscation(r: &FileReport) -> bool {
    r.indicators.iter().any(|(i, _)| {
        matches!(
            i,
            Indicator::Obfuscated | Indicator::EncodedPayload | Indicator::HighEntropy
        )
    })
}

/// DOM calls only a browser page makes.
const DOM_MARKERS: &[&str] = &[
    "document.createElement(",
    "document.getElementById(",
    "document.querySelector(",
    "window.addEventListener(",
];

/// Whether a JavaScript file is front-end code the server does not run: it drives a page's DOM,
/// neither touches files nor starts processes, and no other file of the package names it in an
/// `import`, `require(…)`, `import(…)` or `export … from` (a server hands such bundles to the
/// client as text).
fn browser_bundle(r: &FileReport, ctx: &Context<'_>) -> bool {
    use mcp_audit_extract::source::Lang;
    let is_js = |lang: Lang| matches!(lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx);
    let files = &ctx.sources.files;
    let Some(file) = files.iter().find(|f| f.path == r.path) else {
        return false;
    };
    if !is_js(file.lang)
        || r.has(Capability::FileRead)
        || r.has(Capability::FileWrite)
        || r.has(Capability::Process)
        || !DOM_MARKERS.iter().any(|m| file.text.contains(m))
    {
        return false;
    }
    let name = r.path.rsplit('/').next().unwrap_or(&r.path);
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        return false;
    }
    let Ok(import) = regex::Regex::new(&format!(
        r#"(?:\bimport\b|\brequire\s*\(|\bfrom\b)\s*\(?\s*["'][^"'\n]*\b{}(?:\.\w+)*["']"#,
        regex::escape(stem)
    )) else {
        return false;
    };
    !files
        .iter()
        .filter(|f| f.path != r.path && is_js(f.lang) && f.text.contains(stem))
        .any(|f| import.is_match(&f.text))
}

/// Test files by name or directory.
pub(crate) fn test_file(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    let name = lower.rsplit('/').next().unwrap_or(&lower);
    lower.contains("/tests/")
        || lower.starts_with("tests/")
        || lower.contains("/test/")
        || lower.starts_with("test/")
        || lower.contains("__tests__/")
        || name.starts_with("test_")
        || name.ends_with("_test.py")
        || name.ends_with("_test.go")
        || name.ends_with("_test.rs")
        || name.ends_with("_tests.rs")
        || name == "tests.rs"
        || name.contains(".test.")
        || name.contains(".spec.")
}

fn network(r: &FileReport) -> bool {
    r.has(Capability::Network) || r.has(Capability::Mail)
}

fn capabilities(reports: &[FileReport], out: &mut Out) {
    let mut first: BTreeMap<Capability, (&str, &Hit, usize)> = BTreeMap::new();
    for r in reports {
        for (cap, hit) in &r.caps {
            first
                .entry(*cap)
                .and_modify(|e| e.2 += 1)
                .or_insert((&r.path, hit, 1));
        }
    }
    for (cap, (file, hit, files)) in first {
        let f = CODE_CAPABILITY
            .finding(format!(
                "capability `{}` used in {files} file(s)",
                cap.as_str()
            ))
            .at(visible(file), Some(hit.line))
            .with_evidence(visible(&hit.evidence));
        out.findings.push(f);
    }
}

/// How far a file's reading can tell a secret sent from a secret named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// The semantic layer followed its data: `sends` when one run of the code (a tool call, the
    /// start-up) reads a credential file and sends data over the network.
    Followed { sends: bool },
    /// A file of a language the semantic layer reads, read by patterns instead: a bundle, a
    /// minified or large file, a bundled dependency. A path and a network call in it are only
    /// co-located.
    Lexical,
    /// Everything else (languages without data flow, shell scripts): co-location is all there is.
    Other,
}

fn reading(r: &FileReport, flows: &FlowReport, ctx: &Context<'_>) -> Reading {
    use mcp_audit_extract::source::Lang;
    if flows.analyzed.contains(&r.path) {
        return Reading::Followed {
            sends: flows.reads_and_sends.contains(&r.path),
        };
    }
    let Some(file) = ctx.sources.files.iter().find(|f| f.path == r.path) else {
        return Reading::Other;
    };
    let followable = matches!(
        file.lang,
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx | Lang::Python | Lang::Rust
    );
    if followable && !test_file(&r.path) && !super::facts::semantic_candidate(file) {
        Reading::Lexical
    } else {
        Reading::Other
    }
}

fn secrets(r: &FileReport, package_network: bool, reading: Reading, out: &mut Out) {
    // Copying, moving or opening a secret file all read it; so does running `cat` on it.
    let reads =
        r.has(Capability::FileRead) || r.has(Capability::FileWrite) || r.has(Capability::Process);
    let writes = r.has(Capability::FileWrite);
    let net = network(r);
    let mut done_exfil = false;
    let mut done_access = false;
    let mut done_config = false;
    for (secret, hit) in &r.secrets {
        if *secret == Secret::AiConfig && writes {
            if std::mem::replace(&mut done_config, true) {
                continue;
            }
            let severity = if net {
                Severity::High
            } else {
                Severity::Medium
            };
            out.at_severity(
                &AI_CONFIG_WRITE,
                severity,
                &r.path,
                hit,
                format!("code writes files and names {}", secret.label()),
            );
            continue;
        }
        if !reads {
            continue;
        }
        let what = secret.label();
        if net && !done_exfil {
            done_exfil = true;
            // A secret is sent when what was read reaches the network (the flows report that);
            // a path and a network call in one file are only a hint, unless one run of the
            // code does both.
            let (severity, message) = match reading {
                Reading::Followed { sends: true } => (
                    Severity::Critical,
                    format!("reads {what} and sends data over the network in the same run of the code"),
                ),
                Reading::Other => (
                    Severity::Critical,
                    format!("reads {what} in a file that also sends data over the network"),
                ),
                Reading::Followed { sends: false } => (
                    Severity::High,
                    format!(
                        "reads {what} in a file that also sends data over the network (no run of the code was seen doing both)"
                    ),
                ),
                Reading::Lexical => (
                    Severity::High,
                    format!(
                        "reads {what} in a file that also sends data over the network (a bundled, minified or large file: no data flow followed)"
                    ),
                ),
            };
            out.at_severity(&CREDENTIAL_EXFILTRATION, severity, &r.path, hit, message);
        } else if package_network && !net && !done_access {
            done_access = true;
            if reading == (Reading::Followed { sends: false }) {
                out.at_severity(
                    &SENSITIVE_FILE_ACCESS,
                    Severity::Medium,
                    &r.path,
                    hit,
                    format!("reads {what} (other files of the package use the network; no run of the code was seen doing both)"),
                );
            } else {
                out.at_severity(
                    &CREDENTIAL_EXFILTRATION,
                    Severity::High,
                    &r.path,
                    hit,
                    format!("reads {what}; other files of the package send data over the network"),
                );
            }
        } else if !done_access && !done_exfil {
            done_access = true;
            out.at(
                &SENSITIVE_FILE_ACCESS,
                &r.path,
                hit,
                format!("reads {what}"),
            );
        }
    }
}

fn environment(r: &FileReport, package_drop: bool, out: &mut Out) {
    let (hit, what) = match (
        r.indicator(Indicator::EnvHarvest),
        r.indicator(Indicator::EnvSecrets),
    ) {
        (Some(hit), _) => (hit, "serializes the whole environment"),
        (None, Some(hit)) => (
            hit,
            "collects the environment variables whose names look like secrets (TOKEN, SECRET, KEY…)",
        ),
        (None, None) => return,
    };
    if network(r) {
        let drop = r.endpoints.iter().any(|(k, _, _)| {
            matches!(
                k,
                Some(EndpointKind::RawIp | EndpointKind::Drop | EndpointKind::ChatHook)
            )
        });
        let severity = if drop || package_drop {
            Severity::Critical
        } else {
            Severity::High
        };
        out.at_severity(
            &ENV_EXFILTRATION,
            severity,
            &r.path,
            hit,
            format!("{what} in a file that sends data over the network"),
        );
    } else if r.indicator(Indicator::EnvSecrets).is_some() {
        // Picking out the secrets has no use but taking them: more than a whole-env dump.
        out.at_severity(
            &ENVIRONMENT_HARVEST,
            Severity::Medium,
            &r.path,
            hit,
            what.into(),
        );
    } else {
        out.at(&ENVIRONMENT_HARVEST, &r.path, hit, what.into());
    }
}

fn endpoints(r: &FileReport, flows: &FlowReport, out: &mut Out) {
    for (kind, url, hit) in &r.endpoints {
        let Some(kind) = kind else { continue };
        let hit = Hit {
            line: hit.line,
            evidence: url.clone(),
        };
        match kind {
            // Where the code was read as a whole, a metadata address that no request reaches
            // (an SSRF deny list, a comparison) is only named.
            EndpointKind::CloudMetadata if flows.analyzed.contains(&r.path) => {
                let requested = flows
                    .flows
                    .iter()
                    .any(|f| f.rule.id == CLOUD_METADATA_ACCESS.id && f.file == r.path);
                if !requested {
                    out.at_severity(
                        &CLOUD_METADATA_ACCESS,
                        Severity::Low,
                        &r.path,
                        &hit,
                        format!("names {} (no request to it was found)", kind.label()),
                    );
                }
            }
            EndpointKind::CloudMetadata => out.at(
                &CLOUD_METADATA_ACCESS,
                &r.path,
                &hit,
                format!("addresses {}", kind.label()),
            ),
            EndpointKind::MiningPool => out.at(
                &CRYPTO_MINER,
                &r.path,
                &hit,
                format!("references {}", kind.label()),
            ),
            EndpointKind::ChatHook | EndpointKind::RawIp => out.at_severity(
                &SUSPICIOUS_ENDPOINT,
                Severity::Low,
                &r.path,
                &hit,
                format!("hard-coded endpoint: {}", kind.label()),
            ),
            EndpointKind::Drop => out.at(
                &SUSPICIOUS_ENDPOINT,
                &r.path,
                &hit,
                format!("hard-coded endpoint: {}", kind.label()),
            ),
        }
    }
}

fn indicators(r: &FileReport, front_end: bool, out: &mut Out) {
    let writes_or_runs = r.has(Capability::FileWrite) || r.has(Capability::Process);
    let executes = r.has(Capability::Process) || r.has(Capability::DynamicCode);
    let in_browser = " in front-end code (a browser bundle no module of the package imports)";
    for (indicator, hit) in &r.indicators {
        let p = r.path.as_str();
        match indicator {
            Indicator::ReverseShell => {
                out.at(
                    &REVERSE_SHELL,
                    p,
                    hit,
                    "connects a shell to a remote socket".into(),
                );
            }
            Indicator::DownloadExec => {
                let severity = if executes {
                    Severity::Critical
                } else {
                    Severity::Low
                };
                out.at_severity(
                    &DOWNLOAD_AND_EXECUTE,
                    severity,
                    p,
                    hit,
                    "downloads code and runs it".into(),
                );
            }
            Indicator::DownloadText if r.indicator(Indicator::DownloadExec).is_none() => {
                out.at_severity(
                    &DOWNLOAD_AND_EXECUTE,
                    Severity::Low,
                    p,
                    hit,
                    "names a command that downloads code and runs it, held as text no code of the package was seen running".into(),
                );
            }
            Indicator::Persistence if writes_or_runs => out.at_severity(
                &PERSISTENCE,
                if r.has(Capability::Process) {
                    Severity::High
                } else {
                    Severity::Medium
                },
                p,
                hit,
                "writes files or runs commands and names a persistence location".into(),
            ),
            Indicator::AntiAnalysis => out.at(
                &ANTI_ANALYSIS,
                p,
                hit,
                "checks for debuggers or virtual machines".into(),
            ),
            Indicator::Obfuscated if front_end => out.at_severity(
                &OBFUSCATED_CODE,
                Severity::Low,
                p,
                hit,
                format!("obfuscated code{in_browser}"),
            ),
            Indicator::Obfuscated => {
                out.at(&OBFUSCATED_CODE, p, hit, "obfuscated code".into());
            }
            Indicator::EncodedPayload => {
                let (severity, place) = match (front_end, executes) {
                    (true, _) => (Severity::Low, in_browser),
                    (false, true) => (Severity::High, ""),
                    (false, false) => (Severity::Medium, ""),
                };
                out.at_severity(
                    &ENCODED_PAYLOAD,
                    severity,
                    p,
                    hit,
                    format!("a long encoded literal is decoded at run time{place}"),
                );
            }
            Indicator::DecodeExec => out.at(
                &DECODE_AND_EXEC,
                p,
                hit,
                "decoded data is evaluated or executed".into(),
            ),
            Indicator::Bcc => out.at(
                &HIDDEN_MAIL_RECIPIENT,
                p,
                hit,
                "mail is blind-copied to a hard-coded address".into(),
            ),
            Indicator::Cc => out.at_severity(
                &HIDDEN_MAIL_RECIPIENT,
                Severity::High,
                p,
                hit,
                "mail is copied to a hard-coded address".into(),
            ),
            Indicator::HighEntropy if executes => out.at_severity(
                &ENCODED_PAYLOAD,
                Severity::Low,
                p,
                hit,
                "a long high-entropy literal in a file that executes code".into(),
            ),
            Indicator::ForkBomb => out.at(&RESOURCE_EXHAUSTION, p, hit, "forks without end".into()),
            Indicator::Tamper => out.at(
                &SECURITY_TAMPERING,
                p,
                hit,
                "disables security controls or wipes logs and history".into(),
            ),
            Indicator::WebShell => out.at(
                &WEB_SHELL,
                p,
                hit,
                "carries a web shell (a page that runs commands sent to it)".into(),
            ),
            Indicator::Persistence
            | Indicator::HighEntropy
            | Indicator::EnvHarvest
            | Indicator::EnvSecrets
            | Indicator::DownloadText => {}
        }
    }
}
