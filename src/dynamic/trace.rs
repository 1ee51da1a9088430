//! What the sandboxed server did, read from the `strace` log: opens of decoy files and
//! attempts to reach the network (a connection or a datagram to a non-loopback address, or a
//! DNS query to any address).
//!
//! The log is written by `strace -f -ttt -y -qq -s 512 -o FILE` running *outside* the sandbox,
//! so the server can neither see nor alter it. Lines look like
//! `1234 1733444000.123456 openat(AT_FDCWD</>, "/home/user/.ssh/id_rsa", O_RDONLY) = 3</home/user/.ssh/id_rsa>`;
//! a call interrupted by another process's line is split into `… <unfinished ...>` and
//! `<... openat resumed>…`. Everything before bubblewrap hands over to the sandboxed launcher
//! (its `execve`) is bubblewrap's own setup and is skipped.

use serde::Serialize;

/// One thing the server did that an honest server does not do while starting or listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// What kind of thing.
    pub kind: EventKind,
    /// Host process id (as strace saw it; not reported: it differs from run to run).
    #[serde(skip)]
    pub pid: u32,
    /// Seconds since the epoch, from strace (`-ttt`).
    #[serde(skip)]
    pub at: f64,
    /// When, relative to the MCP conversation: `startup` (before the first `tools/list`),
    /// `listing` (after it).
    pub phase: Phase,
    /// The decoy path or the network address (`1.2.3.4:443`, `dns:evil.example`).
    pub target: String,
    /// The syscall line as strace wrote it (cut to 400 characters; attacker-influenced).
    pub syscall: String,
}

/// Kinds of recorded events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// A decoy credential file or directory was opened.
    DecoyOpen,
    /// A connection or datagram to a non-loopback address.
    Connect,
    /// A DNS query (a datagram or connection to port 53).
    Resolve,
}

/// When an event happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Before the first `tools/list` request.
    Startup,
    /// From the first `tools/list` request on.
    Listing,
}

/// Reads a strace log. `launcher` is the program bubblewrap executes inside the sandbox (the
/// log is read from its `execve` on); `decoys` are sandbox paths of decoy files and
/// directories; `listing_from` is the time of the first `tools/list` (epoch seconds).
#[must_use]
pub fn parse(
    log: &str,
    launcher: &str,
    decoys: &[String],
    listing_from: Option<f64>,
) -> Vec<Event> {
    let mut started = false;
    let mut pending: std::collections::HashMap<u32, String> = std::collections::HashMap::new();
    // Sockets connected to a nameserver (by socket inode): the lookup is reported with the
    // name of the first query sent on it, or with the nameserver when none is seen.
    let mut resolvers: std::collections::BTreeMap<String, Event> =
        std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for raw in log.lines() {
        let Some((pid, at, call)) = split_line(raw) else {
            continue;
        };
        // Join an interrupted call with its resumption.
        let call = if let Some(head) = call.strip_suffix(" <unfinished ...>") {
            pending.insert(pid, head.to_string());
            continue;
        } else if let Some(rest) = call.strip_prefix("<... ") {
            let Some(head) = pending.remove(&pid) else {
                continue;
            };
            let tail = rest.split_once("resumed>").map_or("", |(_, t)| t);
            format!("{head}{tail}")
        } else {
            call.to_string()
        };
        if !started {
            started = call.starts_with("execve(") && call.contains(&format!("\"{launcher}\""));
            continue;
        }
        let phase = match listing_from {
            Some(t) if at >= t => Phase::Listing,
            _ => Phase::Startup,
        };
        let event = |kind, target: String| Event {
            kind,
            pid,
            at,
            phase,
            target,
            syscall: mcp_audit_core::model::excerpt(&call, 400),
        };
        if let Some(path) = opened_path(&call) {
            if decoys.iter().any(|d| is_under(&path, d)) {
                out.push(event(EventKind::DecoyOpen, path));
            }
        } else if let Some((addr, port)) = inet_address(&call) {
            if port == 53 {
                match (call.starts_with("connect("), socket_inode(&call)) {
                    (true, Some(inode)) => {
                        resolvers.insert(inode, event(EventKind::Resolve, format!("dns:{addr}")));
                    }
                    _ => {
                        let name = dns_query_name(&call).unwrap_or_else(|| addr.clone());
                        out.push(event(EventKind::Resolve, format!("dns:{name}")));
                    }
                }
            } else if !is_loopback(&addr) {
                out.push(event(EventKind::Connect, join_host_port(&addr, port)));
            }
        } else if call.starts_with("send") {
            // A query on a socket connected to a nameserver carries no address of its own.
            if let Some(mut e) = socket_inode(&call).and_then(|i| resolvers.remove(&i)) {
                if let Some(name) = dns_query_name(&call) {
                    e.target = format!("dns:{name}");
                    e.syscall = mcp_audit_core::model::excerpt(&call, 400);
                }
                out.push(e);
            }
        }
    }
    out.extend(resolvers.into_values());
    out.sort_by(|a, b| a.at.total_cmp(&b.at));
    out
}

/// The socket inode `-y` printed for the first argument (`19<socket:[12345]>`).
fn socket_inode(call: &str) -> Option<String> {
    let start = call.find("<socket:[")? + "<socket:[".len();
    let len = call[start..].find(']')?;
    Some(call[start..start + len].to_string())
}

/// `PID TIME rest` → its parts.
fn split_line(line: &str) -> Option<(u32, f64, &str)> {
    let (pid, rest) = line.split_once(' ')?;
    let pid = pid.parse().ok()?;
    let rest = rest.trim_start();
    let (at, call) = rest.split_once(' ')?;
    Some((pid, at.parse().ok()?, call))
}

/// The absolute path an `open`/`openat`/`openat2`/`creat` call names, resolved against a
/// directory descriptor that `-y` decoded (`5</home/user>`); relative paths against the
/// current directory stay relative.
fn opened_path(call: &str) -> Option<String> {
    let (name, args) = call.split_once('(')?;
    if !matches!(name, "open" | "openat" | "openat2" | "creat") {
        return None;
    }
    let mut dir = None;
    let mut rest = args;
    if name.starts_with("openat") {
        let (first, after) = args.split_once(", ")?;
        rest = after;
        if let (Some(a), Some(b)) = (first.find('<'), first.rfind('>')) {
            if a < b {
                dir = Some(first[a + 1..b].to_string());
            }
        }
    }
    let path = quoted(rest)?;
    Some(match dir {
        Some(d) if !path.starts_with('/') => format!("{}/{path}", d.trim_end_matches('/')),
        _ => path,
    })
}

/// The first double-quoted string of `text`, with strace's escapes for `"` and `\` undone.
fn quoted(text: &str) -> Option<String> {
    let start = text.find('"')? + 1;
    let mut out = String::new();
    let mut chars = text[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => out.push(chars.next()?),
            c => out.push(c),
        }
    }
    None
}

/// Whether `path` is `decoy` or inside it (decoys are absolute sandbox paths; a relative
/// path matches by its tail, since the current directory is not tracked).
fn is_under(path: &str, decoy: &str) -> bool {
    let path = path.trim_end_matches('/');
    if path == decoy || path.starts_with(&format!("{decoy}/")) {
        return true;
    }
    if !path.starts_with('/') {
        let rel = path.trim_start_matches("./");
        return !rel.is_empty() && decoy.ends_with(&format!("/{rel}"));
    }
    false
}

/// The IPv4 or IPv6 address and port of a `connect`, `sendto` or `sendmsg` call.
fn inet_address(call: &str) -> Option<(String, u16)> {
    let (name, _) = call.split_once('(')?;
    if !matches!(name, "connect" | "sendto" | "sendmsg" | "sendmmsg") {
        return None;
    }
    let port: u16 = call
        .split_once("_port=htons(")?
        .1
        .split(')')
        .next()?
        .parse()
        .ok()?;
    let addr = if let Some((_, rest)) = call.split_once("sin_addr=inet_addr(") {
        quoted(rest)?
    } else if let Some((_, rest)) = call.split_once("inet_pton(AF_INET6, ") {
        quoted(rest)?
    } else {
        return None;
    };
    Some((addr, port))
}

fn is_loopback(addr: &str) -> bool {
    addr.starts_with("127.") || addr == "::1" || addr.starts_with("::ffff:127.")
}

fn join_host_port(addr: &str, port: u16) -> String {
    if addr.contains(':') {
        format!("[{addr}]:{port}")
    } else {
        format!("{addr}:{port}")
    }
}

/// The name asked for in a DNS query, from the payload strace printed (`"Q+\1\0…\4evil\7example\3com\0…"`).
fn dns_query_name(call: &str) -> Option<String> {
    let payload = match call.split_once("iov_base=\"") {
        Some((_, p)) => p,
        None => call.split_once(", \"")?.1,
    };
    let bytes = unescape_c(payload);
    // Header: 12 bytes; then labels.
    let mut i = 12;
    let mut labels = Vec::new();
    while i < bytes.len() {
        let len = usize::from(bytes[i]);
        if len == 0 {
            break;
        }
        let end = (i + 1 + len).min(bytes.len());
        labels.push(String::from_utf8_lossy(&bytes[i + 1..end]).into_owned());
        i = end;
    }
    (!labels.is_empty()).then(|| labels.join("."))
}

/// strace's C-style string escapes (`\n`, `\t`, `\"`, `\\`, octal `\123`, hex `\x7f`) up to
/// the closing quote.
fn unescape_c(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => break,
            b'\\' if i + 1 < b.len() => {
                i += 1;
                match b[i] {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'r' => out.push(b'\r'),
                    b'v' => out.push(0x0b),
                    b'f' => out.push(0x0c),
                    b'x' => {
                        let hex = text.get(i + 1..i + 3).unwrap_or("0");
                        out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                        i += 2;
                    }
                    b'0'..=b'7' => {
                        let mut v: u32 = 0;
                        let mut n = 0;
                        while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                            v = v * 8 + u32::from(b[i] - b'0');
                            i += 1;
                            n += 1;
                        }
                        out.push(u8::try_from(v & 0xff).unwrap_or(0));
                        continue;
                    }
                    other => out.push(other),
                }
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAUNCHER: &str = "/usr/bin/prlimit";

    fn decoys() -> Vec<String> {
        vec![
            "/home/user/.ssh".to_string(),
            "/home/user/.aws/credentials".to_string(),
        ]
    }

    #[test]
    fn reads_decoy_opens_and_network_attempts_after_the_launcher_starts() {
        let log = r#"100 1.000000 execve("/usr/bin/bwrap", ["bwrap"], 0x0 /* 0 vars */) = 0
100 1.100000 openat(AT_FDCWD</>, "/home/user/.ssh/id_rsa", O_RDONLY) = 3
101 1.200000 execve("/usr/bin/prlimit", ["prlimit"], 0x0 /* 2 vars */) = 0
101 1.300000 openat(AT_FDCWD</home/user>, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3</etc/ld.so.cache>
101 1.400000 openat(AT_FDCWD</home/user>, "/home/user/.ssh/id_rsa", O_RDONLY|O_CLOEXEC) = 20</home/user/.ssh/id_rsa>
102 1.500000 openat(5</home/user/.aws>, "credentials", O_RDONLY <unfinished ...>
101 1.550000 connect(20<socket:[1]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16) = -1 ENETUNREACH (Network is unreachable)
102 1.600000 <... openat resumed>) = 6</home/user/.aws/credentials>
103 2.100000 sendto(19<socket:[2]>, "Q+\1\0\0\1\0\0\0\0\0\0\4evil\7example\3com\0\0\34", 34, MSG_NOSIGNAL, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("192.0.2.53")}, 16) = -1 ENETUNREACH
103 2.200000 connect(19<socket:[3]>, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED
103 2.300000 connect(19<socket:[3]>, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH
"#;
        let events = parse(log, LAUNCHER, &decoys(), Some(2.0));
        let got: Vec<(EventKind, &str, Phase)> = events
            .iter()
            .map(|e| (e.kind, e.target.as_str(), e.phase))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    EventKind::DecoyOpen,
                    "/home/user/.ssh/id_rsa",
                    Phase::Startup
                ),
                (EventKind::Connect, "1.2.3.4:443", Phase::Startup),
                (
                    EventKind::DecoyOpen,
                    "/home/user/.aws/credentials",
                    Phase::Startup
                ),
                (EventKind::Resolve, "dns:evil.example.com", Phase::Listing),
                (EventKind::Connect, "[2001:db8::1]:80", Phase::Listing),
            ]
        );
        assert!(events[0].syscall.starts_with("openat("));
    }

    #[test]
    fn a_query_on_a_connected_resolver_socket_is_named() {
        let log = r#"101 1.2 execve("/usr/bin/prlimit", ["prlimit"], 0x0) = 0
101 1.3 connect(19<socket:[77]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("192.0.2.53")}, 16) = 0
101 1.4 sendmmsg(19<socket:[77]>, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05stats\x07example\x03org\x00\x00\x01\x00\x01", iov_len=35}], msg_iovlen=1}}], 2, MSG_NOSIGNAL) = -1 ENETUNREACH
101 1.5 connect(20<socket:[78]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("192.0.2.53")}, 16) = 0
"#;
        let targets: Vec<String> = parse(log, LAUNCHER, &decoys(), None)
            .into_iter()
            .map(|e| e.target)
            .collect();
        assert_eq!(targets, ["dns:stats.example.org", "dns:192.0.2.53"]);
    }

    #[test]
    fn nothing_before_the_launcher_and_no_false_matches() {
        let log = r#"100 1.0 openat(AT_FDCWD</>, "/home/user/.ssh/id_rsa", O_RDONLY) = 3
101 1.2 execve("/usr/bin/prlimit", ["prlimit"], 0x0) = 0
101 1.3 openat(AT_FDCWD</>, "/home/user/.sshd_config", O_RDONLY) = -1 ENOENT
101 1.4 openat(AT_FDCWD</>, "/home/user/.aws/credentials.bak", O_RDONLY) = -1 ENOENT
garbage line
"#;
        assert!(parse(log, LAUNCHER, &decoys(), None).is_empty());
        assert!(parse("", LAUNCHER, &decoys(), None).is_empty());
    }

    #[test]
    fn relative_opens_match_by_tail() {
        assert!(is_under(".ssh/id_rsa", "/home/user/.ssh/id_rsa"));
        assert!(!is_under("id_rsa.pub", "/home/user/.ssh/id_rsa"));
        assert!(!is_under("", "/home/user/.ssh"));
    }

    #[test]
    fn unescapes_octal_and_hex() {
        assert_eq!(
            unescape_c(r#"\1\0\x7fA\\\"x"#),
            vec![1, 0, 0x7f, b'A', b'\\', b'"', b'x']
        );
    }
}
