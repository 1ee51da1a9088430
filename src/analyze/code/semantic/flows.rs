//! Events → findings. Sources and sinks are data (`library/`); the rules are here, one per
//! kind of flow:
//!
//! | flow | rule | severity |
//! |---|---|---|
//! | the whole environment → request, DNS name, socket | `env-exfiltration` | critical |
//! | a secret-named variable → request body/URL (not an auth position) of a hard-coded host, or a DNS name | `env-exfiltration` | critical (high to a configurable host) |
//! | a credential file → request, DNS name | `credential-exfiltration` | critical |
//! | tool arguments or file contents → request to a hard-coded host whose response is ignored, a host the package never reads an answer from | `covert-exfiltration` | critical |
//! | decoded constant → shell, exec, eval, import, deserializer | `decode-and-exec` | critical |
//! | network response → eval, import, deserializer (shell: high) | `download-and-execute` | critical |
//! | folded command or code with a download pipe, reverse shell, security tampering | `download-and-execute`, `reverse-shell`, `security-tampering` | critical |
//! | a publish command (`npm publish`, `twine upload`, `cargo publish`) | `package-publish` | critical at install/start-up, medium in a tool |
//! | tool argument spliced into a shell command / code template (unquoted) | `tool-input-to-shell`, `tool-input-to-eval` | critical (high when it is the whole command) |
//! | a shipped executable started detached, at install, from a `.pth`, or after being copied out | `native-binary-launch` | critical |
//! | a network response → a tool description or title | `remote-tool-description` | critical |
//! | a constant Bcc / Cc on a message sent | `hidden-mail-recipient` | critical / high |
//! | a hard-coded system path written, deleted, linked or made setuid | `system-file-tamper` | critical |
//! | a tool argument used as a `str.format` format string over values | `tool-input-to-eval` | high |
//! | a tool argument merged into a MongoDB filter document | `tool-input-to-query` | high |
//! | a tool argument → an unsafe deserializer (`pickle.loads`) in a tool that does not say it runs code | `tool-input-to-eval` | critical (high otherwise) |
//! | a shell profile or autostart location written | `persistence` | high |
//! | collected secrets written to a file | `secret-staging` | high (critical: secrets, secret-named tool arguments to a fixed file in `/tmp`, `/var/tmp`, `/dev/shm`) |
//! | text ordering the model about (override, secrecy, no confirmation) written to a file | `planted-instructions` | critical (high without an override) |
//! | tool arguments written to a fixed hidden file in `/tmp`, `/var/tmp`, `/dev/shm` | `hidden-argument-log` | high |
//! | threads or processes (1,000+), sockets or pipes (5,000+), or as many as a tool argument says, created in one loop of a tool call | `resource-exhaustion` | high |
//! | a fixed loop nest of 10 M iterations, a fixed list of 10 M elements or a 1 GB buffer in a tool call | `resource-exhaustion` | high |
//! | a log's timestamps set (`os.utime` on `/var/log/…`; `touch -d` in a folded command) | `security-tampering` | critical |
//! | credential files of two or more kinds at fixed paths read by one entry | `credential-harvest` | critical (high: a scanner) |
//! | a system credential or authorization file read (`/etc/shadow`, `/proc/<pid>/environ`), `file://` URLs included | `system-secret-read` | high |
//! | any other fixed path under `/etc` written, deleted or linked | `system-file-tamper` | high |
//! | a credential file read at install, or a secret with a publish or a send at install | `install-credential-access` | critical |
//! | cloud metadata credentials requested | `cloud-metadata-access` | critical (high for other metadata) |
//! | the metadata service and two or more other internal services (loopback, private, link-local) at fixed addresses requested by one tool call | `cloud-metadata-access` | critical |
//!
//! Code no entry point, tool handler, install hook or `.pth` line reaches weighs one level
//! less. Each finding names the source (with where it was read) and the calls from the entry to
//! the sink, with file:line for each hop.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::context::{Contexts, RunsAt};
use super::events::{flag, Event, Sink};
use super::interp::PKG;
use super::value::{label, Taint};
use super::Semantic;
use crate::analyze::code::binary::Executable;
use crate::analyze::code::rules::*;
use crate::analyze::code::{detect, lexicon};
use mcp_audit_core::model::{Severity, Tool};
use mcp_audit_core::Rule;

/// A finding of a flow.
#[derive(Debug, Clone)]
pub(crate) struct Flow {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub file: String,
    pub line: u32,
    pub message: String,
    pub evidence: String,
}

/// What the flows found, and what they say about shipped executables.
#[derive(Debug, Default)]
pub(crate) struct FlowReport {
    pub flows: Vec<Flow>,
    /// Shipped executables only run per tool call, waited for (vendored tools).
    pub per_call: BTreeSet<String>,
    /// Files the semantic layer read.
    pub analyzed: BTreeSet<String>,
    /// Files where one run of the code (a tool call, the start-up, an install hook) reads a
    /// credential file and also sends data over the network (see [`reads_and_sends`]).
    pub reads_and_sends: BTreeSet<String>,
}

static PUBLISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:npm|pnpm|yarn)(?:\s+[\w=-]+)*?\s+publish\b|\btwine\s+upload\b|\bcargo\s+publish\b|\bgem\s+push\b|\b(?:poetry|flit|uv|hatch)\s+publish\b")
        .expect("valid regex")
});

static SYSTEM_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:/etc/(?:passwd|shadow|gshadow|group|sudoers(?:\.d)?|pam\.d|security/|ld\.so\.preload|ssh/sshd_config|hosts|crontab|cron\.\w+|systemd/|init\.d/|rc\.local|profile|bash\.bashrc|environment)|/root/|/boot/|/(?:usr/)?s?bin/|/lib/modules/|/usr/lib/)|(?:^|/)\.ssh/authorized_keys2?$")
        .expect("valid regex")
});

/// System credential and authorization files, and other processes' environments: what a
/// tool reads there is other users' secrets.
static SYSTEM_SECRET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:/etc/(?:shadow|gshadow|master\.passwd|security/opasswd)-?$|/etc/sudoers(?:$|\.d/)|/proc/(?:\d+|[^/]*\u{2026}[^/]*)/environ$|/root/)")
        .expect("valid regex")
});

/// Tool text that says the tool works on system accounts or their secrets.
static DISCLOSES_SYSTEM_SECRETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:shadow|gshadow|sudoers?|environ|password (?:file|hashes|database)|account (?:audit|security)|security audit|privilege audit)\b")
        .expect("valid regex")
});

static PERSIST_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|/)\.(?:bashrc|bash_profile|zshrc|zprofile|profile|bash_login|zshenv)$|/Library/Launch(?:Agents|Daemons)/|\.config/autostart/|\.config/systemd/user/|/var/spool/cron|CurrentVersion\\+Run")
        .expect("valid regex")
});

static METADATA_CREDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)security-credentials|/identity|service-accounts/[^/]*/token|/token\b|/credentials|meta-data/iam")
        .expect("valid regex")
});

/// Tool text that says the tool runs commands or code it is given.
static DISCLOSES_EXECUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:run|runs|running|execute|executes|executing|exec|eval|evaluates?|interpret|interprets)\b[^.\n]{0,60}\b(?:commands?|shell|scripts?|code|programs?|bash|terminal|python|javascript|node\.?js|snippets?|cmd|powershell|sql|quer(?:y|ies)|templates?)\b|\b(?:commands?|cli)\b[^.\n]{0,40}\b(?:execution|runner)\b|\b(?:shell|terminal|bash|zsh|powershell|command[- ]line|repl|code interpreter|code runner)\b|\b(?:python|javascript|typescript|lua|ruby|jq|jinja2?)\s+(?:expressions?|code|scripts?|snippets?|statements?|programs?)\b")
        .expect("valid regex")
});

/// Tool text that says the tool keeps what it is given (a history, a log, a cache, notes).
static DISCLOSES_KEEPING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:logs?|logging|logged|records?|recording|recorded|saves?|saving|saved|stores?|storing|stored|persist\w*|cach(?:e|es|ed|ing)|history|histories|remembers?|remembering|keeps?|keeping|journal\w*|audit\w*|track\w*|sessions?|context|memory|memories|notes?|bookmarks?|drafts?|snapshots?|backups?|queue[sd]?)\b")
        .expect("valid regex")
});

/// Whether the tool whose handler an event runs in says that it runs what it is given (a code
/// runner by design) — `None` when the tool is not known.
/// The tool whose handler an event runs in, when it is known.
fn tool_of<'t>(sem: &Semantic, e: &Event, tools: &'t [Tool]) -> Option<&'t Tool> {
    let hop = e.hops.iter().find(|h| h.handler)?;
    let file = sem.files.get(hop.file)?;
    tools
        .iter()
        .filter(|t| &t.origin.file == file)
        .filter_map(|t| t.origin.line.map(|l| (l, t)))
        .filter(|(l, _)| *l <= hop.line + 2 && hop.line <= l + HANDLER_REACH_LINES)
        .max_by_key(|(l, _)| *l)
        .map(|(_, t)| t)
}

fn disclosed(sem: &Semantic, e: &Event, tools: &[Tool]) -> Option<bool> {
    let hop = e.hops.iter().find(|h| h.handler)?;
    let file = sem.files.get(hop.file)?;
    // A handler that dispatches every tool of its file (`call_tool(name, arguments)`) cannot be
    // told apart from its siblings: a file that declares a code runner is taken at its word.
    let any = tools
        .iter()
        .filter(|t| &t.origin.file == file)
        .any(|t| DISCLOSES_EXECUTION.is_match(&tool_text_with_parameters(t)));
    if any {
        return Some(true);
    }
    let tool = tool_of(sem, e, tools)?;
    Some(DISCLOSES_EXECUTION.is_match(&tool_text_with_parameters(tool)))
}

/// What a tool says about itself: its name, title and description.
fn tool_text(tool: &Tool) -> String {
    format!(
        "{} {} {}",
        tool.name.replace(['_', '-'], " "),
        tool.title.as_deref().unwrap_or(""),
        tool.description.as_deref().unwrap_or("")
    )
}

/// [`tool_text`] and each parameter's name and description: what the tool says it takes. A
/// tool whose `python_transform` parameter takes "a Python expression" says it runs code as
/// plainly as one whose description does. (Only for what a tool runs: a parameter named
/// `notes` is input, not a statement that the tool keeps anything.)
fn tool_text_with_parameters(tool: &Tool) -> String {
    let mut text = tool_text(tool);
    if let Some(properties) = tool.input_schema["properties"].as_object() {
        for (name, spec) in properties {
            text.push_str(". ");
            text.push_str(&name.replace(['_', '-'], " "));
            if let Some(description) = spec["description"].as_str() {
                text.push_str(": ");
                text.push_str(description);
            }
        }
    }
    text
}

/// How far below a tool's declaration its handler may start.
const HANDLER_REACH_LINES: u32 = 80;

/// Turns the events into findings.
pub(crate) fn findings(
    sem: &Semantic,
    ctxs: &Contexts,
    exes: &[Executable],
    tools: &[Tool],
) -> FlowReport {
    let mut report = FlowReport {
        analyzed: sem.files.iter().cloned().collect(),
        ..FlowReport::default()
    };
    // One finding per rule and file: four persistence commands in one installer are one
    // finding, and repeats would only weigh on the score.
    let mut best: BTreeMap<(&'static str, String), Flow> = BTreeMap::new();
    let api_hosts = used_hosts(sem);
    for e in &sem.events {
        let at = ctxs.of(sem, e);
        let mut found = Vec::new();
        match e.sink {
            Sink::Net | Sink::Dns => network(sem, e, &at, &api_hosts, &mut found),
            Sink::Shell
            | Sink::Exec
            | Sink::Eval
            | Sink::Import
            | Sink::Deserialize
            | Sink::Template => {
                execution(sem, e, &at, disclosed(sem, e, tools), &mut found);
                if e.sink == Sink::Exec {
                    launch(sem, e, &at, exes, &mut found, &mut report.per_call);
                }
            }
            Sink::Description => description(sem, e, &at, &mut found),
            Sink::Query => query(sem, e, &at, disclosed(sem, e, tools), &mut found),
            Sink::Format => format_string(sem, e, &at, &mut found),
            Sink::Bulk => {
                if matches!(at, RunsAt::Handler | RunsAt::Unreached) {
                    found.push(flow(
                        sem,
                        e,
                        &RESOURCE_EXHAUSTION,
                        Severity::High,
                        format!(
                            "{} in a tool call: one call can exhaust the machine",
                            e.text
                        ),
                    ));
                }
            }
            Sink::Mail => mail(sem, e, &at, &mut found),
            Sink::FileWrite
            | Sink::FileCopy
            | Sink::FileLink
            | Sink::FileDelete
            | Sink::FileChmod => {
                files(sem, e, &at, tools, &mut found);
            }
            Sink::SourceRead => install_read(sem, e, &at, &mut found),
            Sink::FileRead => system_read(sem, e, &at, tools, &mut found),
        }
        for mut f in found {
            if at == RunsAt::Unreached {
                f.severity = lower(f.severity);
                f.message.push_str(" (in code no entry point calls)");
            }
            let key = (f.rule.id, f.file.clone());
            match best.get(&key) {
                Some(old) if old.severity >= f.severity => {}
                _ => {
                    best.insert(key, f);
                }
            }
        }
    }
    for f in harvest(sem, ctxs, tools) {
        best.entry((f.rule.id, f.file.clone())).or_insert(f);
    }
    for f in internal_probe(sem, ctxs)
        .into_iter()
        .chain(system_harvest(sem, ctxs, tools))
    {
        let key = (f.rule.id, f.file.clone());
        match best.get(&key) {
            Some(old) if old.severity >= f.severity => {}
            _ => {
                best.insert(key, f);
            }
        }
    }
    let mut flows: Vec<Flow> = best.into_values().collect();
    flows.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(a.file.cmp(&b.file))
            .then(a.line.cmp(&b.line))
    });
    report.flows = flows;
    report.reads_and_sends = reads_and_sends(sem);
    report
}

/// Files (of the read, and of the calls that led to it) where one entry — a tool call, a
/// module's top level, an install hook, an uncalled function — both reads (or copies) a credential file at a
/// path the code fixes and sends data to a host that is not this machine. Weaker than a flow
/// (the interpreter loses data through databases, copies, client objects), stronger than a path
/// and a network call that merely share a file.
fn reads_and_sends(sem: &Semantic) -> BTreeSet<String> {
    let sending: BTreeSet<usize> = sem
        .events
        .iter()
        .filter(|e| match e.sink {
            Sink::Net | Sink::Dns | Sink::Mail => !host(&e.dest).is_some_and(|h| loopback(&h)),
            // `curl`, `scp`, `nc` … run as commands.
            Sink::Shell | Sink::Exec => NET_TOOLS.is_match(&e.text),
            _ => false,
        })
        .map(|e| e.entry)
        .collect();
    sem.events
        .iter()
        .filter(|e| sending.contains(&e.entry))
        .filter(|e| match e.sink {
            Sink::SourceRead => e.data.has(label::SECRET_FILE),
            // Copying a credential file reads it (browser databases are copied to be queried).
            Sink::FileCopy => {
                !e.data.has(label::TOOL_ARG) && lexicon::secret_of(&e.extra).is_some()
            }
            // `cat ~/.aws/credentials`, `tar czf - ~/.ssh` run as commands.
            Sink::Shell | Sink::Exec => {
                e.text
                    .split(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ','))
                    .any(|w| lexicon::secret_of(w).is_some())
                    || e.data.has(label::SECRET_FILE)
            }
            // What a walk over a credential directory found, used anywhere.
            _ => e.data.has(label::SECRET_FILE),
        })
        .flat_map(|e| std::iter::once(e.file).chain(e.hops.iter().map(|h| h.file)))
        .filter_map(|f| sem.files.get(f).cloned())
        .collect()
}

fn lower(s: Severity) -> Severity {
    match s {
        Severity::Critical => Severity::High,
        Severity::High => Severity::Medium,
        Severity::Medium => Severity::Low,
        other => other,
    }
}

/// The calls from the entry to the sink: `server.js:21 breadcrumb() → lib/diag.js:10`.
fn via(sem: &Semantic, e: &Event) -> String {
    let mut parts: Vec<String> = Vec::new();
    for h in &e.hops {
        if h.func.is_empty() {
            continue;
        }
        let file = sem.files.get(h.file).map_or("?", String::as_str);
        parts.push(format!("{file}:{} {}()", h.line, h.func));
    }
    let file = sem.files.get(e.file).map_or("?", String::as_str);
    parts.push(format!("{file}:{}", e.line));
    parts.join(" \u{2192} ")
}

/// The sources of a taint: `process.env (lib/analytics.js:8)`.
fn sources(sem: &Semantic, t: &Taint, bits: u32) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(origins) = &t.origins {
        for o in origins.iter().filter(|o| o.label & bits != 0).take(3) {
            let file = sem.files.get(o.file).map_or("?", String::as_str);
            out.push(format!("{} ({file}:{})", short(&o.what, 60), o.line));
        }
    }
    if out.is_empty() {
        let mut b = bits & t.bits;
        while b != 0 {
            let l = b & b.wrapping_neg();
            out.push(label::name(l).to_string());
            b &= !l;
        }
    }
    out.join(", ")
}

fn short(s: &str, n: usize) -> String {
    let s = s.replace(PKG, "");
    if s.chars().count() > n {
        format!("{}\u{2026}", s.chars().take(n).collect::<String>())
    } else {
        s
    }
}

fn flow(
    sem: &Semantic,
    e: &Event,
    rule: &'static Rule,
    severity: Severity,
    message: String,
) -> Flow {
    Flow {
        rule,
        severity,
        file: sem.files.get(e.file).cloned().unwrap_or_default(),
        line: e.line,
        message,
        evidence: format!("{}: {}", via(sem, e), short(&e.text, 200)),
    }
}

/// The host of a URL, `host:port` or bare host name.
fn host(dest: &str) -> Option<String> {
    let d = dest.trim();
    let rest = d.split_once("://").map_or(d, |(_, r)| r);
    let host: String = rest
        .split(['/', '?', '#'])
        .next()?
        .rsplit('@')
        .next()?
        .to_string();
    let host = if host.starts_with('[') {
        host.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host.split(':').next()?.to_string()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

fn loopback(h: &str) -> bool {
    matches!(h, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]" | "::1")
        || h.ends_with(".localhost")
}

/// The destination's host when the code fixes it (not from configuration or arguments).
fn fixed_host(e: &Event) -> Option<String> {
    let configurable =
        label::TOOL_ARG | label::ENV_VAR | label::NET | label::FILE_DATA | label::ENV_SECRET;
    if e.dest_taint.has(configurable) {
        return None;
    }
    if e.sink == Sink::Dns {
        // A fixed zone after the variable labels: `….<i>.zone.example`.
        let tail = e.dest.rsplit('\u{2026}').next()?;
        let zone = tail.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
        return (zone.contains('.') && zone.len() > 3).then(|| zone.to_ascii_lowercase());
    }
    let h = host(&e.dest)?;
    (!h.contains('\u{2026}') && h.contains(['.', ':']) && !loopback(&h)).then_some(h)
}

/// Hosts the package talks to and reads answers from (its own API).
fn used_hosts(sem: &Semantic) -> BTreeSet<String> {
    sem.events
        .iter()
        .filter(|e| e.sink == Sink::Net && e.flags & flag::DISCARDED == 0)
        .filter_map(|e| host(&e.dest))
        .filter(|h| !h.contains('\u{2026}'))
        .collect()
}

fn network(sem: &Semantic, e: &Event, at: &RunsAt, api: &BTreeSet<String>, out: &mut Vec<Flow>) {
    let fixed = fixed_host(e);
    if host(&e.dest).is_some_and(|h| loopback(&h)) {
        return;
    }
    let kind = if e.sink == Sink::Dns {
        "a DNS name resolved"
    } else {
        "data sent"
    };
    let dest = short(&e.dest, 80);
    let when = at.phrase();
    if e.data.has(label::ENV_ALL) {
        out.push(flow(
            sem,
            e,
            &ENV_EXFILTRATION,
            Severity::Critical,
            format!(
                "the environment ({}) reaches {kind} to {dest} {when}",
                sources(sem, &e.data, label::ENV_ALL)
            ),
        ));
    }
    if e.data.has(label::SECRET_FILE) {
        out.push(flow(
            sem,
            e,
            &CREDENTIAL_EXFILTRATION,
            Severity::Critical,
            format!(
                "credential file contents ({}) reach {kind} to {dest} {when}",
                sources(sem, &e.data, label::SECRET_FILE)
            ),
        ));
    }
    // One service's key in a request is that service's credential, wherever the API wants it
    // (a header, `?key=`, a body field); the keys of several services together are a harvest,
    // and a secret in a DNS name is never a credential.
    let services = secret_services(&e.data);
    if e.data.has(label::ENV_SECRET) && !e.data.has(label::ENV_ALL) {
        let severity = if e.sink == Sink::Dns || (services > 1 && fixed.is_some()) {
            Some(Severity::Critical)
        } else if services > 1 || matches!(at, RunsAt::Install(_)) {
            Some(Severity::High)
        } else {
            None
        };
        if let Some(severity) = severity {
            out.push(flow(sem, e, &ENV_EXFILTRATION, severity, format!(
                "secret environment variables ({}) are put in {} of a request to {dest} {when}, not used as one service's credential",
                sources(sem, &e.data, label::ENV_SECRET),
                if e.sink == Sink::Dns { "the DNS name" } else { "the body or URL" }
            )));
        }
    }
    let covert = e.flags & flag::DISCARDED != 0 || e.sink == Sink::Dns;
    if covert && e.data.has(label::TOOL_ARG) {
        // A host whose answers the package reads elsewhere is its own API (a `share` tool
        // posting to it need not read the answer); a host only ever sent to is a side channel.
        if let Some(h) = fixed.as_ref().filter(|h| !api.contains(*h)) {
            let severity = Severity::Critical;
            out.push(flow(sem, e, &COVERT_EXFILTRATION, severity, format!(
                "tool arguments ({}) are sent to {h}, a host fixed in the code, and the answer is ignored, {when}",
                sources(sem, &e.data, label::TOOL_ARG)
            )));
        }
    }
    if let Some(h) = host(&e.dest) {
        if crate::analyze::code::lexicon::endpoint_kind(&e.dest, Some(&h))
            == Some(crate::analyze::code::lexicon::EndpointKind::CloudMetadata)
        {
            let creds = METADATA_CREDS.is_match(&e.dest);
            out.push(flow(
                sem,
                e,
                &CLOUD_METADATA_ACCESS,
                if creds {
                    Severity::Critical
                } else {
                    Severity::High
                },
                format!(
                    "requests the cloud metadata service{} {when}",
                    if creds {
                        " for instance credentials"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
}

/// How many services' secrets a taint holds (by the variables' name prefixes).
fn secret_services(t: &Taint) -> usize {
    let Some(origins) = &t.origins else {
        return usize::from(t.has(label::ENV_SECRET));
    };
    let prefixes: BTreeSet<String> = origins
        .iter()
        .filter(|o| o.label == label::ENV_SECRET)
        .map(|o| {
            o.what
                .split(['_', '-'])
                .next()
                .unwrap_or("")
                .to_ascii_uppercase()
        })
        .collect();
    prefixes.len()
}

fn execution(sem: &Semantic, e: &Event, at: &RunsAt, disclosed: Option<bool>, out: &mut Vec<Flow>) {
    let what = match e.sink {
        Sink::Shell => "a shell command",
        Sink::Exec => "a program's arguments",
        Sink::Eval => "code evaluation",
        Sink::Import => "a module import by name",
        Sink::Deserialize => "a deserializer",
        _ => "a template engine",
    };
    let when = at.phrase();
    if e.data.has(label::DECODED) {
        out.push(flow(
            sem,
            e,
            &DECODE_AND_EXEC,
            Severity::Critical,
            format!(
                "decoded data ({}) reaches {what} {when}",
                sources(sem, &e.data, label::DECODED)
            ),
        ));
    }
    if e.data.has(label::NET) && e.sink != Sink::Exec {
        let severity = if e.sink == Sink::Shell {
            Severity::High
        } else {
            Severity::Critical
        };
        out.push(flow(
            sem,
            e,
            &DOWNLOAD_AND_EXECUTE,
            severity,
            format!(
                "a network response ({}) reaches {what} {when}",
                sources(sem, &e.data, label::NET)
            ),
        ));
    }
    if e.data.has(label::SECRET_FILE | label::ENV_ALL) && NET_TOOLS.is_match(&e.text) {
        out.push(flow(
            sem,
            e,
            &CREDENTIAL_EXFILTRATION,
            Severity::Critical,
            format!(
                "secrets ({}) go into a network command {when}",
                sources(sem, &e.data, label::SECRET_FILE | label::ENV_ALL)
            ),
        ));
    }
    text_indicators(sem, e, at, out);
    if e.data.has(label::TOOL_ARG) && matches!(at, RunsAt::Handler | RunsAt::Unreached) {
        let spliced = e.data.has(label::SPLICED) && !e.data.has(label::QUOTED);
        // A confused deputy: the tool does not say it runs what it is given, so the argument
        // (from the model, or a prompt injection it read) runs anything. A tool that says so
        // (a code runner) is warned about; so is a whole argument when the tool is unknown.
        let critical = match disclosed {
            Some(d) => !d,
            None => spliced,
        };
        let (rule, severity) = match e.sink {
            Sink::Shell => (
                &TOOL_INPUT_TO_SHELL,
                if critical {
                    Severity::Critical
                } else {
                    Severity::High
                },
            ),
            Sink::Eval | Sink::Template => (
                &TOOL_INPUT_TO_EVAL,
                if critical {
                    Severity::Critical
                } else {
                    Severity::High
                },
            ),
            // A name picked under a fixed package prefix (`.backends.{name}`) loads one of the
            // package's own modules.
            Sink::Import if spliced && !e.text.starts_with('\u{2026}') => {
                (&TOOL_INPUT_TO_EVAL, Severity::Low)
            }
            // An unsafe deserializer runs code the data names (`__reduce__`): a tool that
            // only says it loads data does not say it runs code.
            Sink::Deserialize => (
                &TOOL_INPUT_TO_EVAL,
                if disclosed == Some(false) {
                    Severity::Critical
                } else {
                    Severity::High
                },
            ),
            Sink::Import => (&TOOL_INPUT_TO_EVAL, Severity::High),
            _ => return,
        };
        let how = if spliced {
            "spliced unquoted into a fixed command or code template"
        } else if e.text.trim() == "\u{2026}" {
            "passed whole"
        } else {
            "placed inside quotes of a fixed command or template (quotes do not stop `$(…)` or a closing quote)"
        };
        let why = match disclosed {
            Some(false) => " in a tool that does not say it runs commands or code",
            Some(true) => " in a tool that says it runs commands or code",
            None => "",
        };
        out.push(flow(
            sem,
            e,
            rule,
            severity,
            format!(
                "{} reaches {what}, {how}{why}: whoever controls the argument controls what runs",
                sources(sem, &e.data, label::TOOL_ARG)
            ),
        ));
    }
}

static NUMERIC_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:limit|top|offset|fetch\s+first)\s+\u{2026}").expect("valid regex")
});

static NET_TOOLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:curl|wget|nc|ncat|netcat|scp|ssh|ftp|sftp|rsync|socat)\b")
        .expect("valid regex")
});

/// What a folded command or piece of code says once its pieces are put together.
fn text_indicators(sem: &Semantic, e: &Event, at: &RunsAt, out: &mut Vec<Flow>) {
    let text = e.text.as_str();
    let when = at.phrase();
    // A shell command that only prints a download pipe (`echo "… curl … | sh"`) runs none.
    let runs = if e.sink == Sink::Shell {
        std::borrow::Cow::Owned(crate::analyze::code::shell::executed(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if detect::DOWNLOAD_EXEC.is_match(&runs) {
        out.push(flow(
            sem,
            e,
            &DOWNLOAD_AND_EXECUTE,
            Severity::Critical,
            format!("runs a download piped to a shell {when}"),
        ));
    }
    if detect::REVERSE_SHELL.is_match(text) {
        out.push(flow(
            sem,
            e,
            &REVERSE_SHELL,
            Severity::Critical,
            format!("runs a reverse shell {when}"),
        ));
    }
    if detect::TAMPER.is_match(text) {
        out.push(flow(
            sem,
            e,
            &SECURITY_TAMPERING,
            Severity::Critical,
            format!("runs a command that disables security controls, wipes logs or forges their timestamps {when}"),
        ));
    }
    if e.sink != Sink::Eval && PUBLISH.is_match(text) {
        let severity = match at {
            RunsAt::Install(_) | RunsAt::Pth(_) | RunsAt::Startup => Severity::Critical,
            _ => Severity::Medium,
        };
        out.push(flow(
            sem,
            e,
            &PACKAGE_PUBLISH,
            severity,
            format!("publishes a package to a registry {when}"),
        ));
    }
}

/// Shipped executables started by the code.
fn launch(
    sem: &Semantic,
    e: &Event,
    at: &RunsAt,
    exes: &[Executable],
    out: &mut Vec<Flow>,
    per_call: &mut BTreeSet<String>,
) {
    let candidates = [
        e.extra.as_str(),
        e.text.split_whitespace().next().unwrap_or(""),
    ];
    let exe = candidates.iter().find_map(|c| match_executable(c, exes));
    let Some(exe) = exe else {
        return;
    };
    if exe.library {
        return;
    }
    let detached = e.flags & flag::DETACHED != 0;
    let dropped = e.flags & flag::DROPPED != 0;
    let critical = detached || dropped || matches!(at, RunsAt::Install(_) | RunsAt::Pth(_));
    if critical {
        let how = if dropped {
            "copied out of the package and started"
        } else if detached {
            "started detached (it outlives the server)"
        } else {
            "started"
        };
        out.push(flow(
            sem,
            e,
            &NATIVE_BINARY_LAUNCH,
            Severity::Critical,
            format!(
                "the shipped executable {} is {how} {}",
                exe.path,
                at.phrase()
            ),
        ));
    } else if *at == RunsAt::Handler {
        per_call.insert(exe.path.clone());
    }
}

/// The shipped executable a program path names (`…` matches any one path segment part).
fn match_executable<'e>(program: &str, exes: &'e [Executable]) -> Option<&'e Executable> {
    let p = program.strip_prefix(PKG)?;
    let p = super::resolve::normalize(p)?;
    exes.iter().find(|x| glob_match(&p, &x.path))
}

fn glob_match(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').collect();
    let seg: Vec<&str> = path.split('/').collect();
    if pat.len() != seg.len() {
        return false;
    }
    pat.iter().zip(&seg).all(|(p, s)| {
        if !p.contains('\u{2026}') {
            return p == s;
        }
        let pieces: Vec<&str> = p.split('\u{2026}').collect();
        let mut rest = *s;
        for (i, piece) in pieces.iter().enumerate() {
            if i == 0 {
                match rest.strip_prefix(piece) {
                    Some(r) => rest = r,
                    None => return false,
                }
            } else if i == pieces.len() - 1 {
                return rest.ends_with(piece);
            } else {
                match rest.find(piece) {
                    Some(at) => rest = &rest[at + piece.len()..],
                    None => return false,
                }
            }
        }
        true
    })
}

/// A tool argument written into the text of a query (rather than passed as a parameter).
fn query(sem: &Semantic, e: &Event, at: &RunsAt, disclosed: Option<bool>, out: &mut Vec<Flow>) {
    if !e.data.has(label::TOOL_ARG) || !matches!(at, RunsAt::Handler | RunsAt::Unreached) {
        return;
    }
    // A tool (or a file of tools) that runs the queries it is given already hands the model the
    // database: an injection adds nothing.
    if disclosed == Some(true) {
        return;
    }
    // Counts (`LIMIT …`, `TOP …`) are numbers: every argument there cannot change the query.
    let holes = e.text.matches('\u{2026}').count();
    let counted = NUMERIC_SLOT.find_iter(&e.text).count();
    if holes > 0 && counted >= holes {
        return;
    }
    out.push(flow(sem, e, &TOOL_INPUT_TO_QUERY, Severity::High, format!(
        "{} is written into the text of a query (SQL, LDAP, XPath) instead of being passed as a parameter: the argument can change what the query does",
        sources(sem, &e.data, label::TOOL_ARG)
    )));
}

/// A tool argument used as a format string over the package's values.
fn format_string(sem: &Semantic, e: &Event, at: &RunsAt, out: &mut Vec<Flow>) {
    if !e.data.has(label::TOOL_ARG) || !matches!(at, RunsAt::Handler | RunsAt::Unreached) {
        return;
    }
    out.push(flow(sem, e, &TOOL_INPUT_TO_EVAL, Severity::High, format!(
        "{} is used as a format string (`str.format`, `format_map`) over the package's values: replacement fields such as `{{0.__class__.__init__.__globals__}}` read their attributes",
        sources(sem, &e.data, label::TOOL_ARG)
    )));
}

fn description(sem: &Semantic, e: &Event, at: &RunsAt, out: &mut Vec<Flow>) {
    if e.data.has(label::NET) {
        out.push(flow(sem, e, &REMOTE_TOOL_DESCRIPTION, Severity::Critical, format!(
            "a tool's description or title comes from the network ({}) {}: the text the model reads is not in the package and can change at any time",
            sources(sem, &e.data, label::NET),
            at.phrase()
        )));
    } else if e.data.has(label::DECODED) {
        out.push(flow(
            sem,
            e,
            &REMOTE_TOOL_DESCRIPTION,
            Severity::High,
            format!(
                "a tool's description or title is decoded at run time ({})",
                sources(sem, &e.data, label::DECODED)
            ),
        ));
    }
}

fn mail(sem: &Semantic, e: &Event, at: &RunsAt, out: &mut Vec<Flow>) {
    if e.flags & flag::BCC != 0 {
        out.push(flow(
            sem,
            e,
            &HIDDEN_MAIL_RECIPIENT,
            Severity::Critical,
            format!(
                "mail sent {} is blind-copied to an address fixed in the code",
                at.phrase()
            ),
        ));
    } else if e.flags & flag::CC != 0 {
        out.push(flow(
            sem,
            e,
            &HIDDEN_MAIL_RECIPIENT,
            Severity::High,
            format!(
                "mail sent {} is copied to an address fixed in the code",
                at.phrase()
            ),
        ));
    }
}

fn files(sem: &Semantic, e: &Event, at: &RunsAt, tools: &[Tool], out: &mut Vec<Flow>) {
    let path = super::resolve::normalize_keep(&e.text.replace(PKG, "pkg/"));
    let chosen_by_user = e.dest_taint.has(label::TOOL_ARG);
    let when = at.phrase();
    let verb = match e.sink {
        Sink::FileWrite => "writes",
        Sink::FileCopy => "copies a file to",
        Sink::FileLink => "links",
        Sink::FileDelete => "deletes",
        _ if e.flags & flag::TIMES != 0 => "changes the timestamps of",
        _ => "changes the permissions of",
    };
    if e.flags & flag::SETUID != 0 && !chosen_by_user {
        out.push(flow(
            sem,
            e,
            &SYSTEM_FILE_TAMPER,
            Severity::Critical,
            format!("sets the setuid/setgid bit on {} {when}", short(&path, 80)),
        ));
    }
    if !chosen_by_user
        && SYSTEM_PATH.is_match(&path)
        && !(e.sink == Sink::FileWrite && path.starts_with("/var/log/"))
    {
        out.push(flow(
            sem,
            e,
            &SYSTEM_FILE_TAMPER,
            Severity::Critical,
            format!("{verb} the system file {} {when}", short(&path, 80)),
        ));
    }
    // Any other fixed path under `/etc` is the administrator's configuration.
    else if !chosen_by_user
        && path.starts_with("/etc/")
        && !matches!(e.sink, Sink::FileChmod)
        && e.known
    {
        out.push(flow(
            sem,
            e,
            &SYSTEM_FILE_TAMPER,
            Severity::High,
            format!(
                "{verb} the system configuration file {} {when}",
                short(&path, 80)
            ),
        ));
    }
    // A link to, or a copy of, a system secret exposes it (`/etc/shadow` → a web root).
    if matches!(e.sink, Sink::FileLink | Sink::FileCopy) && !e.data.has(label::TOOL_ARG) {
        let source = super::resolve::normalize_keep(&e.extra);
        let shared = [
            "/tmp/",
            "/var/tmp/",
            "/dev/shm/",
            "/var/www/",
            "/srv/",
            "/public/",
        ]
        .iter()
        .any(|d| path.starts_with(d) || path.contains(d));
        let secret = lexicon::secret_of(&source).is_some_and(|s| s != lexicon::Secret::AiConfig);
        if SYSTEM_PATH.is_match(&source) || (secret && shared) {
            out.push(flow(
                sem,
                e,
                &SYSTEM_FILE_TAMPER,
                Severity::Critical,
                format!(
                    "exposes {} at {} {when}",
                    short(&source, 80),
                    short(&path, 80)
                ),
            ));
        }
    }
    // Setting a log's times back hides that it was changed (anti-forensics).
    if e.flags & flag::TIMES != 0 && !chosen_by_user && path.starts_with("/var/log/") {
        out.push(flow(
            sem,
            e,
            &SECURITY_TAMPERING,
            Severity::Critical,
            format!(
                "forges the timestamps of the log {} {when}",
                short(&path, 80)
            ),
        ));
    }
    if e.sink == Sink::FileDelete && !chosen_by_user && path.starts_with("/var/log/") {
        out.push(flow(
            sem,
            e,
            &SECURITY_TAMPERING,
            Severity::Critical,
            format!("deletes the log {} {when}", short(&path, 80)),
        ));
    }
    if matches!(e.sink, Sink::FileWrite | Sink::FileCopy | Sink::FileLink)
        && !chosen_by_user
        && PERSIST_PATH.is_match(&path)
    {
        out.push(flow(
            sem,
            e,
            &PERSISTENCE,
            Severity::High,
            format!("{verb} the start-up file {} {when}", short(&path, 80)),
        ));
    }
    let outside = path.starts_with('/') || path.starts_with('~');
    // Editing a configuration file (an AI client's, a tool's own credentials file) writes back
    // what was read from it; that is `ai-config-write`'s business, not staging.
    let config_edit = lexicon::secret_of(&path).is_some();
    let staged = e.data.has(label::ENV_ALL) || secret_files(&e.data);
    // A fixed file in a directory every local user shares is a drop box, not a cache: no
    // secret belongs there.
    let shared = ["/tmp/", "/var/tmp/", "/dev/shm/"]
        .iter()
        .any(|d| path.starts_with(d))
        && !e.dest_taint.has(label::SOURCES);
    let secret_args = e.data.has(label::SECRET_ARG);
    let secrets = staged || e.data.has(label::ENV_SECRET) || secret_args;
    if e.sink == Sink::FileWrite && outside && !config_edit && (staged || (shared && secrets)) {
        let bits = label::ENV_ALL | label::SECRET_FILE | label::ENV_SECRET;
        let what = if secret_args && !e.data.has(bits) {
            format!(
                "tool arguments named like a password or token, among {}",
                sources(sem, &e.data, label::TOOL_ARG)
            )
        } else {
            sources(sem, &e.data, bits)
        };
        let (severity, place) = if shared {
            (
                Severity::Critical,
                ", a fixed file every local user can reach,",
            )
        } else {
            (Severity::High, "")
        };
        out.push(flow(
            sem,
            e,
            &SECRET_STAGING,
            severity,
            format!(
                "writes secrets ({what}) to {}{place} {when}",
                short(&path, 80)
            ),
        ));
    }
    let hidden = path.rsplit('/').next().is_some_and(|n| n.starts_with('.'));
    if e.sink == Sink::FileWrite
        && shared
        && hidden
        && !secrets
        && e.data.has(label::TOOL_ARG)
        && matches!(at, RunsAt::Handler | RunsAt::Unreached)
    {
        // A tool that says nothing of keeping what it is given, yet copies it to a hidden
        // file of a shared directory, collects covertly; one that says it keeps a history
        // has only chosen a poor place.
        let covert =
            tool_of(sem, e, tools).is_some_and(|t| !DISCLOSES_KEEPING.is_match(&tool_text(t)));
        let (severity, said) = if covert {
            (
                Severity::Critical,
                " by a tool that does not say it keeps anything,",
            )
        } else {
            (Severity::High, "")
        };
        out.push(flow(
            sem,
            e,
            &HIDDEN_ARGUMENT_LOG,
            severity,
            format!(
                "writes tool arguments ({}) to {}, a fixed hidden file every local user can reach,{said} {when}",
                sources(sem, &e.data, label::TOOL_ARG),
                short(&path, 80)
            ),
        ));
    }
    if e.sink == Sink::FileWrite && outside {
        planted(sem, e, &path, &when, out);
    }
    if e.sink == Sink::FileWrite && outside {
        if detect::REVERSE_SHELL.is_match(&e.extra) {
            out.push(flow(
                sem,
                e,
                &REVERSE_SHELL,
                Severity::Critical,
                format!("writes a reverse shell to {} {when}", short(&path, 80)),
            ));
        } else if detect::DOWNLOAD_EXEC.is_match(&e.extra) && !read_only_document(sem, &path) {
            out.push(flow(
                sem,
                e,
                &DOWNLOAD_AND_EXECUTE,
                Severity::Critical,
                format!(
                    "writes a download-and-run script to {} {when}",
                    short(&path, 80)
                ),
            ));
        }
    }
}

/// A document file (README text, notes) that no command of the package runs: a download
/// pipe written into it is an instruction for people, not a script.
fn read_only_document(sem: &Semantic, path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    crate::analyze::code::shell::document(path)
        && !sem
            .events
            .iter()
            .any(|o| matches!(o.sink, Sink::Shell | Sink::Exec) && o.text.contains(name))
}

/// Text written to a file that the description rules read as orders to the model: a prompt
/// injection planted where an assistant reads it (a shared context file, a system prompt).
fn planted(sem: &Semantic, e: &Event, path: &str, when: &str, out: &mut Vec<Flow>) {
    use crate::analyze::descriptions::cues::{self, Family};
    // Source files written out (a scanner's demo server, a generated stub) are code, not text
    // a model reads as its context.
    const CODE: &[&str] = &[
        ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".py", ".rs", ".go", ".rb", ".java", ".sh",
    ];
    if CODE.iter().any(|x| path.ends_with(x)) {
        return;
    }
    let text = crate::analyze::descriptions::normalize::normalize(&e.extra).text;
    let scope = cues::Scope {
        tools: &[],
        params: &[],
        tool: None,
    };
    let hits = cues::detect(&text, &scope);
    let has = |f: Family| hits.iter().any(|h| h.family == f);
    let strong: BTreeSet<Family> = hits
        .iter()
        .filter(|h| {
            matches!(
                h.family,
                Family::DirectiveTag | Family::Secrecy | Family::FalseConsent | Family::Deception
            )
        })
        .map(|h| h.family)
        .collect();
    let severity = if has(Family::Override) {
        Severity::Critical
    } else if strong.len() >= 2 {
        Severity::High
    } else {
        return;
    };
    let cues: BTreeSet<&str> = hits.iter().map(|h| h.family.label()).collect();
    out.push(flow(
        sem,
        e,
        &PLANTED_INSTRUCTIONS,
        severity,
        format!(
            "writes text that orders the model ({}) to {} {when}",
            cues.into_iter().collect::<Vec<_>>().join(", "),
            short(path, 80)
        ),
    ));
}

/// Tool text that says the tool looks for secrets (a scanner, an auditor).
static DISCLOSES_SECRET_SCAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:scan|scans|scanner|scanning|audit|audits|auditing|detect|detects|leak|leaks|leaked|exposed|forensics?|inventory of (?:secrets|credentials))\b")
        .expect("valid regex")
});

/// Credential files of two or more kinds, at fixed paths, read by one entry (a tool call, the
/// start-up): a sweep over the machine's secrets.
/// A private, loopback or link-local address: a service only the machine or its network
/// reaches.
fn internal(h: &str) -> bool {
    let private =
        |ip: std::net::Ipv4Addr| ip.is_private() || ip.is_loopback() || ip.is_link_local();
    loopback(h) || h.ends_with(".internal") || h.parse::<std::net::Ipv4Addr>().is_ok_and(private)
}

/// One tool call requesting the cloud metadata service **and** two or more other internal
/// services, all at addresses fixed in the code: a scan of what the machine's network exposes
/// (admin ports, search clusters, instance credentials), not a client of one service.
fn internal_probe(sem: &Semantic, ctxs: &Contexts) -> Vec<Flow> {
    // entry -> internal hosts requested, whether one is the metadata service, first such event
    let mut per_entry: BTreeMap<usize, (BTreeSet<String>, bool, &Event)> = BTreeMap::new();
    for e in &sem.events {
        if e.sink != Sink::Net || e.dest_taint.has(label::SOURCES) {
            continue;
        }
        let Some(h) = host(&e.dest).filter(|h| !h.contains('\u{2026}')) else {
            continue;
        };
        let metadata = crate::analyze::code::lexicon::endpoint_kind(&e.dest, Some(&h))
            == Some(crate::analyze::code::lexicon::EndpointKind::CloudMetadata);
        if !(metadata || internal(&h)) || ctxs.of(sem, e) != RunsAt::Handler {
            continue;
        }
        let entry = per_entry
            .entry(e.entry)
            .or_insert_with(|| (BTreeSet::new(), false, e));
        let port = e.dest.split("://").nth(1).unwrap_or(&e.dest);
        let authority = port.split(['/', '?', '#']).next().unwrap_or(port);
        entry.0.insert(authority.to_ascii_lowercase());
        entry.1 |= metadata;
    }
    per_entry
        .into_values()
        .filter(|(hosts, metadata, _)| *metadata && hosts.len() >= 3)
        .map(|(hosts, _, e)| {
            let list: Vec<&str> = hosts.iter().map(String::as_str).take(5).collect();
            flow(
                sem,
                e,
                &CLOUD_METADATA_ACCESS,
                Severity::Critical,
                format!(
                    "one tool call requests the cloud metadata service and other internal services at addresses fixed in the code ({}): a scan of the machine's network",
                    list.join(", ")
                ),
            )
        })
        .collect()
}

fn harvest(sem: &Semantic, ctxs: &Contexts, tools: &[Tool]) -> Vec<Flow> {
    // entry -> path -> kind, and the first event of the entry
    let mut per_entry: BTreeMap<usize, (BTreeMap<String, &'static str>, &Event)> = BTreeMap::new();
    for e in &sem.events {
        let kind = match e.sink {
            Sink::SourceRead if e.data.has(label::SECRET_FILE) && !e.text.contains('\u{2026}') => {
                match lexicon::secret_of(e.text.trim_start_matches(PKG)) {
                    Some(lexicon::Secret::AiConfig | lexicon::Secret::Clipboard) | None => continue,
                    Some(k) => k.label(),
                }
            }
            Sink::FileRead
                if !e.data.has(label::SOURCES)
                    && SYSTEM_SECRET.is_match(&super::resolve::normalize_keep(&e.text)) =>
            {
                "system secrets"
            }
            _ => continue,
        };
        if e.data.has(label::TOOL_ARG | label::ENV_VAR) {
            continue;
        }
        let entry = per_entry
            .entry(e.entry)
            .or_insert_with(|| (BTreeMap::new(), e));
        entry.0.entry(e.text.clone()).or_insert(kind);
    }
    let mut out = Vec::new();
    for (paths, e) in per_entry.values() {
        let kinds: BTreeSet<&str> = paths.values().copied().collect();
        if kinds.len() < 2 {
            continue;
        }
        let at = ctxs.of(sem, e);
        if matches!(at, RunsAt::Install(_)) {
            continue;
        }
        let scanner =
            tool_of(sem, e, tools).is_some_and(|t| DISCLOSES_SECRET_SCAN.is_match(&tool_text(t)));
        let severity = if scanner || at == RunsAt::Unreached {
            Severity::High
        } else {
            Severity::Critical
        };
        let listed: Vec<String> = paths.keys().take(4).map(|p| short(p, 40)).collect();
        out.push(flow(
            sem,
            e,
            &CREDENTIAL_HARVEST,
            severity,
            format!(
                "reads credential files of {} kinds ({}: {}) {}",
                kinds.len(),
                kinds.into_iter().collect::<Vec<_>>().join(", "),
                listed.join(", "),
                at.phrase()
            ),
        ));
    }
    out
}

/// A system credential or authorization file read by code a tool runs.
fn system_read(sem: &Semantic, e: &Event, at: &RunsAt, tools: &[Tool], out: &mut Vec<Flow>) {
    let path = super::resolve::normalize_keep(&e.text);
    if e.data.has(label::SOURCES) || !SYSTEM_SECRET.is_match(&path) {
        return;
    }
    if matches!(at, RunsAt::Install(_)) {
        return;
    }
    if tool_of(sem, e, tools).is_some_and(|t| DISCLOSES_SYSTEM_SECRETS.is_match(&tool_text(t))) {
        return;
    }
    out.push(flow(
        sem,
        e,
        &SYSTEM_SECRET_READ,
        Severity::High,
        format!(
            "reads {}, a system credential or authorization file, {}",
            short(&path, 80),
            at.phrase()
        ),
    ));
}

/// The sort of system secret a path of [`SYSTEM_SECRET`] holds.
fn system_secret_sort(path: &str) -> &'static str {
    if path.starts_with("/etc/sudoers") {
        "sudo rules"
    } else if path.starts_with("/proc/") {
        "other processes' environments"
    } else if path.starts_with("/root/") {
        "root's files"
    } else {
        "password hashes"
    }
}

/// System secrets of two or more sorts (password hashes, sudo rules, other processes'
/// environments, root's files) read by one tool call of a tool that does not say it works on
/// such files: a harvest of the machine's secrets, critical like [`harvest`] of credential
/// files of two kinds (one sort alone stays high, in [`system_read`]).
fn system_harvest(sem: &Semantic, ctxs: &Contexts, tools: &[Tool]) -> Vec<Flow> {
    // entry -> sorts read, and the first event of the entry
    let mut per_entry: BTreeMap<usize, (BTreeSet<&'static str>, &Event)> = BTreeMap::new();
    for e in &sem.events {
        if e.sink != Sink::FileRead || e.data.has(label::SOURCES | label::TOOL_ARG) {
            continue;
        }
        let path = super::resolve::normalize_keep(&e.text);
        if !SYSTEM_SECRET.is_match(&path) {
            continue;
        }
        per_entry
            .entry(e.entry)
            .or_insert_with(|| (BTreeSet::new(), e))
            .0
            .insert(system_secret_sort(&path));
    }
    let mut out = Vec::new();
    for (sorts, e) in per_entry.values() {
        if sorts.len() < 2 {
            continue;
        }
        let at = ctxs.of(sem, e);
        if !matches!(at, RunsAt::Handler) {
            continue;
        }
        if tool_of(sem, e, tools).is_some_and(|t| DISCLOSES_SYSTEM_SECRETS.is_match(&tool_text(t)))
        {
            continue;
        }
        out.push(flow(
            sem,
            e,
            &SYSTEM_SECRET_READ,
            Severity::Critical,
            format!(
                "reads system secrets of {} sorts ({}) {}, in a tool that does not say it works on such files",
                sorts.len(),
                sorts.iter().copied().collect::<Vec<_>>().join(", "),
                at.phrase()
            ),
        ));
    }
    out
}

/// Whether a taint holds credential files other than AI clients' configuration.
fn secret_files(t: &Taint) -> bool {
    let Some(origins) = &t.origins else {
        return t.has(label::SECRET_FILE);
    };
    origins.iter().any(|o| {
        o.label == label::SECRET_FILE
            && lexicon::secret_of(&o.what) != Some(lexicon::Secret::AiConfig)
    })
}

fn install_read(sem: &Semantic, e: &Event, at: &RunsAt, out: &mut Vec<Flow>) {
    let RunsAt::Install(hook) = at else {
        return;
    };
    // A credential file read at install has no honest purpose; a secret variable does (a
    // token for the registry a prebuilt binary comes from), unless the install code also
    // publishes packages or sends data.
    let file = e.data.has(label::SECRET_FILE);
    let with_effect = sem.events.iter().any(|o| {
        o.entry == e.entry
            && (((o.sink == Sink::Shell || o.sink == Sink::Exec) && PUBLISH.is_match(&o.text))
                || (o.sink == Sink::Net && !o.data.is_clean()))
    });
    if file || (e.data.has(label::ENV_SECRET) && with_effect) {
        out.push(flow(
            sem,
            e,
            &INSTALL_CREDENTIAL_ACCESS,
            Severity::Critical,
            format!(
                "install-time code ({hook}) reads {}",
                sources(sem, &e.data, label::SECRET_FILE | label::ENV_SECRET)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_globs() {
        assert_eq!(
            host("https://api.x.example:8443/v1?a").as_deref(),
            Some("api.x.example")
        );
        assert_eq!(host("198.51.100.23:80").as_deref(), Some("198.51.100.23"));
        assert!(glob_match(
            "vendor/rg-\u{2026}/rg",
            "vendor/rg-linux-x64/rg"
        ));
        assert!(!glob_match(
            "vendor/rg-\u{2026}/rg",
            "vendor/rg-linux-x64/rgx"
        ));
        assert!(PUBLISH.is_match("npm publish --access public"));
        assert!(PUBLISH.is_match("\u{2026} -m twine upload --skip-existing \u{2026}"));
        assert!(!PUBLISH.is_match("npm pack x --silent"));
    }
}
