//! What the detectors look for: sink calls per language, sensitive paths, suspicious endpoints.
//! Tables only; the logic lives in `detect.rs`.

use std::net::Ipv4Addr;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::Serialize;

use super::facts::{Call, Facts};
use mcp_audit_extract::source::Lang;

/// What code can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Capability {
    /// Talks to the network.
    Network,
    /// Reads files or lists directories.
    FileRead,
    /// Writes, moves or changes files.
    FileWrite,
    /// Deletes files.
    FileDelete,
    /// Starts processes.
    Process,
    /// Evaluates code built at run time (`eval`, `exec`, `new Function`, `vm`).
    DynamicCode,
    /// Reads environment variables.
    Environment,
    /// Sends mail.
    Mail,
}

impl Capability {
    /// Kebab-case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Capability::Network => "network",
            Capability::FileRead => "file-read",
            Capability::FileWrite => "file-write",
            Capability::FileDelete => "file-delete",
            Capability::Process => "process",
            Capability::DynamicCode => "dynamic-code",
            Capability::Environment => "environment",
            Capability::Mail => "mail",
        }
    }
}

/// A call that uses a capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Sink {
    pub cap: Capability,
    /// A process started through a shell (a string command), or code evaluated from a string.
    pub shell: bool,
    /// A decoder (`atob`, `b64decode`, `Buffer.from(…, 'base64')`).
    pub decoder: bool,
}

impl Sink {
    fn of(cap: Capability) -> Option<Sink> {
        Some(Sink {
            cap,
            shell: false,
            decoder: false,
        })
    }
}

/// Classifies a call.
pub(crate) fn classify(lang: Lang, call: &Call, facts: &Facts) -> Option<Sink> {
    let c = call.canon.as_str();
    let m = call.method();
    let args = facts.slice(call.args);
    match lang {
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => {
            // `zx(…)`, `ky(…)`, `ws(…)`: in minified code such names are local variables; a
            // library is only called if the file imports it.
            let module = c.split('.').next().unwrap_or("");
            if JS_LIBRARIES.contains(&module) && !facts.imports_module(module) {
                return None;
            }
            js(c, m, args)
        }
        Lang::Python => python(c, m, args),
        Lang::Rust => rust(c, m, args),
        Lang::Go => go(c, m, args),
        Lang::Shell => None,
    }
}

/// Third-party JavaScript libraries [`js`] knows by module name (not Node built-ins).
const JS_LIBRARIES: &[&str] = &[
    "execa",
    "cross-spawn",
    "shelljs",
    "zx",
    "fs-extra",
    "graceful-fs",
    "undici",
    "node-fetch",
    "axios",
    "got",
    "superagent",
    "request",
    "needle",
    "ws",
    "ky",
    "nodemailer",
    "postmark",
    "@sendgrid/mail",
    "resend",
];

fn decoder() -> Option<Sink> {
    Some(Sink {
        cap: Capability::DynamicCode,
        shell: false,
        decoder: true,
    })
}

fn shell(cap: Capability) -> Option<Sink> {
    Some(Sink {
        cap,
        shell: true,
        decoder: false,
    })
}

fn js(c: &str, m: &str, args: &str) -> Option<Sink> {
    let module = c.split('.').next().unwrap_or("");
    let shell_opt = args.contains("shell: true") || args.contains("shell:true");
    match module {
        "child_process" => match m {
            "exec" | "execSync" => return shell(Capability::Process),
            "spawn" | "spawnSync" | "execFile" | "execFileSync" | "fork" => {
                return if shell_opt {
                    shell(Capability::Process)
                } else {
                    Sink::of(Capability::Process)
                };
            }
            _ => {}
        },
        "execa" | "cross-spawn" | "shelljs" | "zx" => {
            return if m == "command" || m == "commandSync" || module == "shelljs" || shell_opt {
                shell(Capability::Process)
            } else {
                Sink::of(Capability::Process)
            };
        }
        "fs" | "fs/promises" | "fs-extra" | "graceful-fs" => {
            let m = m.trim_end_matches("Sync");
            return match m {
                "readFile" | "createReadStream" | "readdir" | "opendir" | "readJson" | "read" => {
                    Sink::of(Capability::FileRead)
                }
                "writeFile" | "appendFile" | "createWriteStream" | "copyFile" | "rename"
                | "mkdir" | "chmod" | "symlink" | "cp" | "outputFile" | "writeJson" | "copy"
                | "move" => Sink::of(Capability::FileWrite),
                "unlink" | "rm" | "rmdir" | "remove" | "emptyDir" => {
                    Sink::of(Capability::FileDelete)
                }
                _ => None,
            };
        }
        "http" | "https" | "http2" if matches!(m, "request" | "get" | "connect") => {
            return Sink::of(Capability::Network)
        }
        "net" | "tls" if matches!(m, "connect" | "createConnection" | "Socket") => {
            return Sink::of(Capability::Network)
        }
        "dgram" | "undici" | "node-fetch" | "axios" | "got" | "superagent" | "request"
        | "needle" | "ws" | "ky" => return Sink::of(Capability::Network),
        "nodemailer" | "postmark" | "@sendgrid/mail" | "resend" => {
            return Sink::of(Capability::Mail)
        }
        "vm" => {
            return matches!(
                m,
                "runInNewContext"
                    | "runInThisContext"
                    | "runInContext"
                    | "Script"
                    | "compileFunction"
            )
            .then_some(Sink {
                cap: Capability::DynamicCode,
                shell: true,
                decoder: false,
            });
        }
        "zlib"
            if m.starts_with("inflate") || m.starts_with("gunzip") || m.contains("Decompress") =>
        {
            return decoder()
        }
        _ => {}
    }
    match c {
        "fetch" | "globalThis.fetch" | "window.fetch" | "XMLHttpRequest" | "WebSocket"
        | "EventSource" => Sink::of(Capability::Network),
        "eval" | "Function" | "globalThis.eval" | "window.eval" => shell(Capability::DynamicCode),
        "atob" | "Buffer.from" | "String.fromCharCode" => {
            if c != "Buffer.from" || args.contains("base64") || args.contains("hex") {
                decoder()
            } else {
                None
            }
        }
        "Bun.spawn" | "Bun.spawnSync" | "Deno.run" | "Deno.Command" => {
            Sink::of(Capability::Process)
        }
        "process.binding" | "process.dlopen" => Sink::of(Capability::DynamicCode),
        _ => None,
    }
}

fn python(c: &str, m: &str, args: &str) -> Option<Sink> {
    let module = c.split('.').next().unwrap_or("");
    let shell_opt = args.contains("shell=True") || args.contains("shell = True");
    match module {
        "subprocess" => {
            return match m {
                "getoutput" | "getstatusoutput" => shell(Capability::Process),
                "run" | "Popen" | "call" | "check_call" | "check_output" => {
                    if shell_opt {
                        shell(Capability::Process)
                    } else {
                        Sink::of(Capability::Process)
                    }
                }
                _ => None,
            }
        }
        "os" => {
            return match m {
                "system" | "popen" => shell(Capability::Process),
                _ if m.starts_with("exec")
                    || m.starts_with("spawn")
                    || m.starts_with("posix_spawn") =>
                {
                    Sink::of(Capability::Process)
                }
                "startfile" => Sink::of(Capability::Process),
                "listdir" | "scandir" | "walk" => Sink::of(Capability::FileRead),
                "remove" | "unlink" | "rmdir" | "removedirs" => Sink::of(Capability::FileDelete),
                "rename" | "replace" | "chmod" | "makedirs" | "mkdir" | "symlink" => {
                    Sink::of(Capability::FileWrite)
                }
                "getenv" => Sink::of(Capability::Environment),
                _ => None,
            }
        }
        "pty" if m == "spawn" => return shell(Capability::Process),
        "asyncio" if m == "create_subprocess_shell" => return shell(Capability::Process),
        "asyncio" if m == "create_subprocess_exec" => return Sink::of(Capability::Process),
        "shutil" => {
            return match m {
                "rmtree" => Sink::of(Capability::FileDelete),
                "copy" | "copy2" | "copyfile" | "copytree" | "move" => {
                    Sink::of(Capability::FileWrite)
                }
                _ => None,
            }
        }
        "requests" | "httpx" | "urllib3" | "aiohttp" | "socket" | "ftplib" | "websocket"
        | "websockets" | "paramiko" | "telnetlib" | "pycurl" => {
            return Sink::of(Capability::Network)
        }
        "urllib" if c.starts_with("urllib.request") => return Sink::of(Capability::Network),
        "http" if c.starts_with("http.client") => return Sink::of(Capability::Network),
        "smtplib" | "yagmail" | "sendgrid" | "postmarker" => return Sink::of(Capability::Mail),
        "base64" if m.contains("decode") => return decoder(),
        "binascii" if m.starts_with("a2b") || m == "unhexlify" => return decoder(),
        "codecs" if m == "decode" => return decoder(),
        "zlib" | "gzip" | "bz2" | "lzma" if m == "decompress" => return decoder(),
        "marshal" if m == "loads" => {
            return Some(Sink {
                cap: Capability::DynamicCode,
                shell: true,
                decoder: true,
            })
        }
        "pickle" | "dill" | "cloudpickle" if m == "loads" || m == "load" => {
            return shell(Capability::DynamicCode)
        }
        "importlib" if m == "import_module" => return shell(Capability::DynamicCode),
        "builtins" if matches!(m, "exec" | "eval" | "compile") => {
            return shell(Capability::DynamicCode)
        }
        "jinja2" if m == "Template" || m == "from_string" => return shell(Capability::DynamicCode),
        "flask" if m == "render_template_string" => return shell(Capability::DynamicCode),
        _ => {}
    }
    match c {
        "eval" | "exec" | "compile" => shell(Capability::DynamicCode),
        "__import__" => shell(Capability::DynamicCode),
        "bytes.fromhex" => decoder(),
        "open" | "io.open" => {
            let mode_write = args.split(',').skip(1).any(|a| {
                let a = a.trim().trim_start_matches("mode=").trim_end_matches(')');
                let a = a.trim_matches(['"', '\'']);
                !a.is_empty()
                    && a.len() <= 3
                    && a.chars().all(|ch| "rwaxbt+".contains(ch))
                    && a.contains(['w', 'a', 'x', '+'])
            });
            Sink::of(if mode_write {
                Capability::FileWrite
            } else {
                Capability::FileRead
            })
        }
        _ => match m {
            "read_text" | "read_bytes" | "iterdir" => Sink::of(Capability::FileRead),
            "write_text" | "write_bytes" => Sink::of(Capability::FileWrite),
            "unlink" | "rmtree" => Sink::of(Capability::FileDelete),
            "render_template_string" | "from_string" => shell(Capability::DynamicCode),
            _ => None,
        },
    }
}

fn rust(c: &str, m: &str, args: &str) -> Option<Sink> {
    if c.ends_with("Command.new") {
        let a = args.trim_matches(['(', ')']).trim();
        let is_shell = [
            "\"sh\"",
            "\"bash\"",
            "\"/bin/sh\"",
            "\"/bin/bash\"",
            "\"cmd\"",
            "\"powershell\"",
        ]
        .iter()
        .any(|s| a.starts_with(s));
        return if is_shell {
            shell(Capability::Process)
        } else {
            Sink::of(Capability::Process)
        };
    }
    let module = c.split('.').next().unwrap_or("");
    if matches!(
        module,
        "reqwest" | "ureq" | "hyper" | "surf" | "attohttpc" | "isahc" | "curl"
    ) || c.ends_with("TcpStream.connect")
        || c.ends_with("UdpSocket.bind")
    {
        return Sink::of(Capability::Network);
    }
    if c.ends_with("env.vars") || c.ends_with("env.vars_os") || c.ends_with("env.var") {
        return Sink::of(Capability::Environment);
    }
    if c.contains("fs.") || c.contains("File.") {
        return match m {
            "read_to_string" | "read" | "open" | "read_dir" => Sink::of(Capability::FileRead),
            "write" | "create" | "copy" | "rename" | "create_dir_all" | "set_permissions" => {
                Sink::of(Capability::FileWrite)
            }
            "remove_file" | "remove_dir_all" | "remove_dir" => Sink::of(Capability::FileDelete),
            _ => None,
        };
    }
    if module == "base64" || module == "hex" || c.ends_with("STANDARD.decode") {
        return (m == "decode").then_some(()).and(decoder());
    }
    if matches!(module, "lettre") {
        return Sink::of(Capability::Mail);
    }
    None
}

fn go(c: &str, m: &str, args: &str) -> Option<Sink> {
    let module = c.rsplit_once('.').map_or("", |(p, _)| p);
    match module {
        "os/exec" if m.starts_with("Command") => {
            let a = args.trim_start_matches('(');
            let a = a.split_once(',').map_or(a, |(_, rest)| rest).trim();
            let first = args.trim_start_matches('(').trim();
            let is_shell = [
                "\"sh\"",
                "\"bash\"",
                "\"/bin/sh\"",
                "\"/bin/bash\"",
                "\"cmd\"",
                "\"powershell\"",
            ]
            .iter()
            .any(|s| first.starts_with(s) || a.starts_with(s));
            if is_shell {
                shell(Capability::Process)
            } else {
                Sink::of(Capability::Process)
            }
        }
        "syscall" if m == "Exec" => Sink::of(Capability::Process),
        "os" => match m {
            "StartProcess" => Sink::of(Capability::Process),
            "ReadFile" | "Open" | "ReadDir" => Sink::of(Capability::FileRead),
            "WriteFile" | "Create" | "OpenFile" | "Mkdir" | "MkdirAll" | "Rename" | "Chmod" => {
                Sink::of(Capability::FileWrite)
            }
            "Remove" | "RemoveAll" => Sink::of(Capability::FileDelete),
            "Getenv" | "LookupEnv" | "Environ" => Sink::of(Capability::Environment),
            _ => None,
        },
        "io/ioutil" if m == "ReadFile" => Sink::of(Capability::FileRead),
        "io/ioutil" if m == "WriteFile" => Sink::of(Capability::FileWrite),
        "net/http"
            if matches!(
                m,
                "Get" | "Post" | "PostForm" | "Head" | "NewRequest" | "NewRequestWithContext"
            ) =>
        {
            Sink::of(Capability::Network)
        }
        "net" if m.starts_with("Dial") => Sink::of(Capability::Network),
        "net/smtp" => Sink::of(Capability::Mail),
        _ if m == "DecodeString" => decoder(),
        _ => None,
    }
}

/// Modules whose import alone shows a capability (calls through objects are not resolved).
pub(crate) fn import_capability(module: &str) -> Option<Capability> {
    let root = module.trim_start_matches("node:");
    let first = root.split(['.', '/']).next().unwrap_or(root);
    Some(match first {
        "child_process" | "subprocess" | "execa" | "cross-spawn" | "shelljs" => Capability::Process,
        "requests" | "httpx" | "aiohttp" | "urllib3" | "socket" | "axios" | "node-fetch"
        | "undici" | "got" | "net" | "dgram" | "reqwest" | "ureq" | "hyper" | "ws"
        | "websockets" => Capability::Network,
        "http" | "https" if !root.contains("server") => Capability::Network,
        "smtplib" | "nodemailer" | "postmark" | "lettre" | "yagmail" => Capability::Mail,
        "urllib" if root.starts_with("urllib.request") => Capability::Network,
        _ => return None,
    })
}

/// A class of sensitive file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Secret {
    Ssh,
    Cloud,
    Tokens,
    Browser,
    Wallet,
    System,
    Clipboard,
    AiConfig,
}

impl Secret {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Secret::Ssh => "SSH keys",
            Secret::Cloud => "cloud credentials",
            Secret::Tokens => "API tokens",
            Secret::Browser => "browser profile data",
            Secret::Wallet => "crypto wallets",
            Secret::System => "system secrets",
            Secret::Clipboard => "the clipboard",
            Secret::AiConfig => "another AI client's MCP configuration",
        }
    }
}

static SECRET_PATTERNS: &[(Secret, &str)] = &[
    (
        Secret::Ssh,
        r"(?i)\.ssh(?:[/\\]|$)|\bid_(?:rsa|dsa|ecdsa|ed25519)\b",
    ),
    (
        Secret::Cloud,
        r"(?i)\.aws[/\\](?:credentials|config)|^\.aws$|\.config[/\\]gcloud|application_default_credentials\.json|\.azure[/\\]|\.kube[/\\]config|^\.kube$|\.docker[/\\]config\.json",
    ),
    (
        Secret::Tokens,
        r"(?i)(?:^|[/\\~])\.(?:npmrc|pypirc|netrc|git-credentials|yarnrc\.yml)$|\.cargo[/\\]credentials(?:\.toml)?$|\.config[/\\]gh[/\\]hosts\.yml|\.gem[/\\]credentials|\.gnupg|\.password-store|(?:^|[/\\])\.(?:bash|zsh)_history$",
    ),
    (
        Secret::Browser,
        r"(?i)(?:Chrome|Chromium|Brave-Browser|Edge|Firefox[/\\]Profiles[/\\][^/\\]*|\.mozilla[/\\]firefox[/\\][^/\\]*|Safari|Opera[^/\\]*)[/\\](?:(?:Default|Profile[^/\\]*|User Data)[/\\])*(?:History|Cookies|Local State|Web Data|Login Data|Bookmarks)(?:\.db)?$|(?:^|[/\\])(?:Login Data|cookies\.sqlite|logins\.json|key4\.db|places\.sqlite)$",
    ),
    (
        Secret::Clipboard,
        r"^(?:pbpaste|xclip|xsel|wl-paste|Get-Clipboard)$",
    ),
    (
        Secret::Wallet,
        r"(?i)wallet\.dat|[/\\]\.bitcoin\b|[/\\]\.electrum|Ethereum[/\\]keystore|\bExodus[/\\]|solana[/\\]id\.json|nkbihfbeogaeaoehlefnkodbefgpgknn|\bMetaMask\b",
    ),
    (
        Secret::System,
        r"^/etc/shadow$|^/etc/sudoers|Keychains[/\\]login\.keychain|\bSAM$|^/proc/self/environ$",
    ),
    (
        Secret::AiConfig,
        r"(?i)claude_desktop_config\.json|\.cursor[/\\]mcp\.json|windsurf[/\\]mcp_config\.json|cline_mcp_settings\.json|(?:^|[/\\~])\.claude\.json$|\.claude[/\\]settings(?:\.local)?\.json|\.gemini[/\\]settings\.json|\.codex[/\\]config\.toml|\.continue[/\\]config\.(?:json|ya?ml)|roo_mcp_settings\.json",
    ),
];

static SECRET_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(SECRET_PATTERNS.iter().map(|(_, p)| *p)).expect("valid regexes")
});

/// The sensitive-file class a literal names, if any.
pub(crate) fn secret_of(lit: &str) -> Option<Secret> {
    if lit.len() > 300 || lit.contains('\n') {
        return None;
    }
    SECRET_SET
        .matches(lit)
        .iter()
        .next()
        .map(|i| SECRET_PATTERNS[i].0)
}

/// A kind of suspicious network endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum EndpointKind {
    /// A public IPv4 address instead of a host name.
    RawIp,
    /// Cloud instance metadata service.
    CloudMetadata,
    /// Paste sites, request catchers, tunnels, file drops, out-of-band interaction hosts.
    Drop,
    /// Chat webhooks and bot APIs (legitimate for chat servers, a common exfiltration channel).
    ChatHook,
    /// Mining pools.
    MiningPool,
}

impl EndpointKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            EndpointKind::RawIp => "a hard-coded public IP address",
            EndpointKind::CloudMetadata => "the cloud instance metadata service",
            EndpointKind::Drop => "a paste, tunnel or request-catcher service",
            EndpointKind::ChatHook => "a chat webhook or bot API",
            EndpointKind::MiningPool => "a mining pool",
        }
    }
}

static DROP_HOSTS: &[&str] = &[
    "pastebin.com",
    "paste.ee",
    "hastebin.com",
    "ghostbin",
    "termbin.com",
    "dpaste",
    "rentry.co",
    "ngrok.io",
    "ngrok-free.app",
    "ngrok.app",
    "ngrok.dev",
    "trycloudflare.com",
    "serveo.net",
    "loca.lt",
    "localtunnel.me",
    "localhost.run",
    "pagekite.me",
    "requestbin",
    "pipedream.net",
    "webhook.site",
    "beeceptor.com",
    "hookbin.com",
    "requestcatcher.com",
    "mockbin",
    "interact.sh",
    "oast.pro",
    "oast.live",
    "oast.site",
    "oast.fun",
    "oast.me",
    "burpcollaborator.net",
    "dnslog.cn",
    "canarytokens",
    "transfer.sh",
    "file.io",
    "0x0.st",
    "anonfiles",
    "temp.sh",
    "bashupload.com",
    "gofile.io",
    "catbox.moe",
];

static CHAT_HOOKS: &[&str] = &[
    "discord.com/api/webhooks",
    "discordapp.com/api/webhooks",
    "api.telegram.org/bot",
    "hooks.slack.com/services",
];

static MINING: &[&str] = &[
    "stratum+tcp://",
    "stratum+ssl://",
    "stratum2+tcp://",
    "xmrig",
    "minexmr",
    "nanopool.org",
    "supportxmr",
    "moneroocean",
    "2miners.com",
    "f2pool",
    "nicehash",
    "cryptonight",
    "--donate-level",
];

/// Cloud instance-metadata endpoints.
static CLOUD_METADATA: &[&str] = &[
    "169.254.169.254",
    "metadata.google.internal",
    "100.100.100.200",
    "fd00:ec2::254",
];

/// Whether a literal names a mining pool, a chat hook or a metadata endpoint: one search for
/// all of them (case-insensitive), so the common literal that names none costs one pass.
fn names_known_endpoint(lit: &str) -> bool {
    static ANY: LazyLock<Regex> = LazyLock::new(|| {
        let alternatives: Vec<String> = MINING
            .iter()
            .chain(CHAT_HOOKS)
            .chain(CLOUD_METADATA)
            .map(|s| regex::escape(s))
            .collect();
        Regex::new(&format!("(?i-u){}", alternatives.join("|"))).expect("valid endpoint pattern")
    });
    ANY.is_match(lit)
}

/// Classifies a host (or URL fragment) found in a literal.
pub(crate) fn endpoint_kind(lit: &str, host: Option<&str>) -> Option<EndpointKind> {
    if names_known_endpoint(lit) {
        if let Some(kind) = known_endpoint(lit) {
            return Some(kind);
        }
    }
    let host = host?.to_ascii_lowercase();
    // `contains` also covers the host itself and its subdomains.
    if DROP_HOSTS.iter().any(|h| host.contains(h)) {
        return Some(EndpointKind::Drop);
    }
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        if public(ip) {
            return Some(EndpointKind::RawIp);
        }
    }
    None
}

/// The mining pool, metadata endpoint or chat hook a literal names (in that order).
fn known_endpoint(lit: &str) -> Option<EndpointKind> {
    let lower = lit.to_ascii_lowercase();
    if MINING.iter().any(|m| lower.contains(m)) {
        return Some(EndpointKind::MiningPool);
    }
    if CLOUD_METADATA.iter().any(|m| lower.contains(m)) {
        return Some(EndpointKind::CloudMetadata);
    }
    if CHAT_HOOKS.iter().any(|h| lower.contains(h)) {
        return Some(EndpointKind::ChatHook);
    }
    None
}

/// Whether an IPv4 address is publicly routable.
pub(crate) fn public(ip: Ipv4Addr) -> bool {
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || ip.octets()[0] == 0
        || ip.octets()[0] >= 240
        || (ip.octets()[0] == 100 && (64..128).contains(&ip.octets()[1])))
}

/// URLs inside a literal.
pub(crate) static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?|wss?|ftp|tcp|stratum\d?\+(?:tcp|ssl))://(\[[0-9a-f:]+\]|[a-z0-9.\-_]+)(?::\d+)?[^\s\x22'`<>]*")
        .expect("valid regex")
});

/// A bare IPv4 literal (`"203.0.113.7"`, optionally with a port).
pub(crate) static BARE_IP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?::\d{1,5})?$").expect("valid regex")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_classified() {
        for (lit, want) in [
            ("~/.ssh/id_rsa", Some(Secret::Ssh)),
            (".ssh", Some(Secret::Ssh)),
            ("~/.aws/credentials", Some(Secret::Cloud)),
            (
                "Library/Application Support/Claude/claude_desktop_config.json",
                Some(Secret::AiConfig),
            ),
            ("~/.cursor/mcp.json", Some(Secret::AiConfig)),
            ("Google/Chrome/Default/Login Data", Some(Secret::Browser)),
            ("wallet.dat", Some(Secret::Wallet)),
            ("~/Library/Safari/History.db", Some(Secret::Browser)),
            ("Firefox/Profiles/*/places.sqlite", Some(Secret::Browser)),
            ("chromium", None),
            ("Google/Chrome/Application/chrome.exe", None),
            ("pbpaste", Some(Secret::Clipboard)),
            ("~/.npmrc", Some(Secret::Tokens)),
            ("/etc/passwd", None),
            ("README.md", None),
            (".env", None),
        ] {
            assert_eq!(secret_of(lit), want, "{lit}");
        }
    }

    #[test]
    fn endpoints_are_classified() {
        let kind = |url: &str| {
            let host = URL.captures(url).map(|c| c[1].to_string());
            endpoint_kind(url, host.as_deref())
        };
        assert_eq!(kind("http://45.77.10.3:8080/x"), Some(EndpointKind::RawIp));
        assert_eq!(kind("http://127.0.0.1:3000"), None);
        assert_eq!(kind("http://192.168.1.10"), None);
        assert_eq!(kind("https://webhook.site/abc"), Some(EndpointKind::Drop));
        assert_eq!(kind("https://x.ngrok-free.app/"), Some(EndpointKind::Drop));
        assert_eq!(
            kind("https://discord.com/api/webhooks/1/2"),
            Some(EndpointKind::ChatHook)
        );
        assert_eq!(
            kind("http://169.254.169.254/latest/"),
            Some(EndpointKind::CloudMetadata)
        );
        assert_eq!(
            kind("stratum+tcp://pool.example:3333"),
            Some(EndpointKind::MiningPool)
        );
        assert_eq!(kind("https://api.github.com/repos"), None);
    }
}
