//! A real MCP client over stdio, speaking both protocol eras (`docs/dynamic.md`,
//! specs.md §3.4): `server/discover` first; a result (or `-32022` with supported versions)
//! means the modern, stateless era with `_meta` on every request; anything else falls back to
//! the legacy `initialize` handshake. Then `tools/list` page by page, `prompts/list`,
//! `resources/list`, and `tools/list` a second time to catch a list that changes.
//!
//! Every wait is bounded by one deadline. The server's stdout is read by a thread into a
//! channel (one line at a time, each at most [`MAX_LINE`] bytes); lines that are not JSON are
//! counted, not trusted. Requests the server sends to the client are answered with an error
//! (`roots/list` with no roots), so a server waiting on them is not stuck.

use std::io::{BufRead as _, BufReader, Read, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

/// Longest accepted stdout line (a tools/list of thousands of tools is a few MB).
pub const MAX_LINE: usize = 16 << 20;

/// The most `tools/list` pages read.
pub const MAX_PAGES: usize = 100;

/// The legacy protocol version offered in `initialize`.
pub const LEGACY_VERSION: &str = "2025-11-25";

/// The modern (stateless) protocol version.
pub const MODERN_VERSION: &str = "2026-07-28";

/// How long `server/discover` may take before the client falls back to `initialize`.
const DISCOVER_WAIT: Duration = Duration::from_secs(5);

/// The protocol era the server answered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Era {
    /// `server/discover`, `_meta` on every request (2026-07-28).
    Modern,
    /// `initialize` handshake (2024-11-05 … 2025-11-25).
    Legacy,
}

/// What the conversation produced.
#[derive(Debug, Clone, Default)]
pub struct Conversation {
    /// The era and protocol version, once a handshake succeeded.
    pub protocol: Option<(Era, String)>,
    /// Server instructions from the handshake.
    pub instructions: Option<String>,
    /// The tools of the first complete `tools/list` (all pages).
    pub tools: Option<Vec<Value>>,
    /// The tools of the second `tools/list`.
    pub tools_again: Option<Vec<Value>>,
    /// `prompts/list` (when the server has prompts).
    pub prompts: Vec<Value>,
    /// `resources/list` (when the server has resources).
    pub resources: Vec<Value>,
    /// When the first `tools/list` was sent (epoch seconds).
    pub listing_from: Option<f64>,
    /// Time from start to the handshake's answer.
    pub ready_after: Option<Duration>,
    /// Lines on stdout that were not JSON-RPC.
    pub noise_lines: usize,
    /// Why the conversation stopped early.
    pub failure: Option<Failure>,
}

/// Why a conversation stopped before the tools were listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The server closed stdout (exited).
    Exited,
    /// The wall-clock limit passed.
    TimedOut,
    /// The server answered with a JSON-RPC error.
    Refused(String),
}

/// One side of the connection: where requests go and where answers come from.
pub struct Connection {
    input: Box<dyn Write + Send>,
    lines: Receiver<Option<Value>>,
    next_id: u64,
    deadline: Instant,
    noise: usize,
}

enum Wait {
    Answer(Value),
    Closed,
    Late,
}

impl Connection {
    /// Connects to a server through its stdin and stdout; every wait ends by `deadline`.
    pub fn new(
        input: impl Write + Send + 'static,
        output: impl Read + Send + 'static,
        deadline: Instant,
    ) -> Connection {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(output);
            loop {
                let mut line = Vec::new();
                match (&mut reader)
                    .take(MAX_LINE as u64 + 1)
                    .read_until(b'\n', &mut line)
                {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
                if line.len() > MAX_LINE {
                    break;
                }
                let parsed = serde_json::from_slice::<Value>(&line).ok();
                if tx.send(parsed).is_err() {
                    return;
                }
            }
        });
        Connection {
            input: Box::new(input),
            lines: rx,
            next_id: 1,
            deadline,
            noise: 0,
        }
    }

    fn send(&mut self, message: &Value) -> bool {
        let mut text = message.to_string();
        text.push('\n');
        self.input.write_all(text.as_bytes()).is_ok() && self.input.flush().is_ok()
    }

    /// Sends a request and waits (at most `wait`, never past the deadline) for its answer.
    fn request(&mut self, method: &str, params: Value, wait: Option<Duration>) -> Wait {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        if !self.send(&message) {
            return Wait::Closed;
        }
        let until = wait.map_or(self.deadline, |w| (Instant::now() + w).min(self.deadline));
        loop {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Wait::Late;
            }
            match self.lines.recv_timeout(left) {
                Ok(Some(v)) => {
                    if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                        return Wait::Answer(v);
                    }
                    self.answer_server_request(&v);
                }
                Ok(None) => self.noise += 1,
                Err(RecvTimeoutError::Timeout) => return Wait::Late,
                Err(RecvTimeoutError::Disconnected) => return Wait::Closed,
            }
        }
    }

    /// Answers a request the server sent us (legacy servers may ask for roots or sampling).
    fn answer_server_request(&mut self, v: &Value) {
        let (Some(id), Some(method)) = (v.get("id"), v.get("method").and_then(Value::as_str))
        else {
            return;
        };
        let reply = match method {
            "roots/list" => json!({"jsonrpc": "2.0", "id": id, "result": {"roots": []}}),
            "ping" => json!({"jsonrpc": "2.0", "id": id, "result": {}}),
            _ => json!({"jsonrpc": "2.0", "id": id,
                        "error": {"code": -32601, "message": "not supported by mcp-audit"}}),
        };
        let _ = self.send(&reply);
    }
}

fn client_info() -> Value {
    json!({"name": "mcp-audit", "version": env!("CARGO_PKG_VERSION")})
}

fn modern_meta(version: &str) -> Value {
    json!({"_meta": {
        "io.modelcontextprotocol/protocolVersion": version,
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": client_info(),
    }})
}

fn epoch_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Runs the whole conversation.
pub fn converse(conn: &mut Connection, started: Instant) -> Conversation {
    let mut out = Conversation::default();
    let meta = match handshake(conn, &mut out) {
        Ok(meta) => meta,
        Err(failure) => {
            out.failure = Some(failure);
            out.noise_lines = conn.noise;
            return out;
        }
    };
    out.ready_after = Some(started.elapsed());
    out.listing_from = Some(epoch_now());
    match list_all(conn, "tools/list", "tools", &meta) {
        Ok(tools) => out.tools = Some(tools),
        Err(failure) => {
            out.failure = Some(failure);
            out.noise_lines = conn.noise;
            return out;
        }
    }
    out.prompts = list_all(conn, "prompts/list", "prompts", &meta).unwrap_or_default();
    out.resources = list_all(conn, "resources/list", "resources", &meta).unwrap_or_default();
    out.tools_again = list_all(conn, "tools/list", "tools", &meta).ok();
    out.noise_lines = conn.noise;
    out
}

/// Finds the era; returns the `params` every later request starts from (`_meta` for the
/// modern era, `{}` for the legacy one).
fn handshake(conn: &mut Connection, out: &mut Conversation) -> Result<Value, Failure> {
    match conn.request(
        "server/discover",
        modern_meta(MODERN_VERSION),
        Some(DISCOVER_WAIT),
    ) {
        Wait::Answer(v) => {
            if let Some(result) = v.get("result") {
                let version = result["supportedVersions"]
                    .as_array()
                    .and_then(|s| s.iter().rev().find_map(Value::as_str))
                    .unwrap_or(MODERN_VERSION)
                    .to_string();
                out.instructions = result["instructions"].as_str().map(str::to_string);
                out.protocol = Some((Era::Modern, version.clone()));
                return Ok(modern_meta(&version));
            }
            if v["error"]["code"] == json!(-32022) {
                if let Some(version) = v["error"]["data"]["supported"]
                    .as_array()
                    .and_then(|s| s.iter().rev().find_map(Value::as_str))
                    .filter(|s| *s >= MODERN_VERSION)
                {
                    out.protocol = Some((Era::Modern, version.to_string()));
                    return Ok(modern_meta(version));
                }
            }
        }
        Wait::Closed => return Err(Failure::Exited),
        Wait::Late if Instant::now() >= conn.deadline => return Err(Failure::TimedOut),
        Wait::Late => {}
    }
    let params = json!({"protocolVersion": LEGACY_VERSION, "capabilities": {"roots": {}},
                        "clientInfo": client_info()});
    match conn.request("initialize", params, None) {
        Wait::Answer(v) => {
            if let Some(result) = v.get("result") {
                let version = result["protocolVersion"]
                    .as_str()
                    .unwrap_or(LEGACY_VERSION)
                    .to_string();
                out.instructions = result["instructions"].as_str().map(str::to_string);
                out.protocol = Some((Era::Legacy, version));
                let _ =
                    conn.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
                Ok(json!({}))
            } else if v["error"]["code"] == json!(-32022) {
                // A server that answered `server/discover` too late for us now serves the
                // modern era on this connection and refuses `initialize`.
                let version = v["error"]["data"]["supported"]
                    .as_array()
                    .and_then(|s| s.iter().rev().find_map(Value::as_str))
                    .unwrap_or(MODERN_VERSION)
                    .to_string();
                out.protocol = Some((Era::Modern, version.clone()));
                Ok(modern_meta(&version))
            } else {
                Err(Failure::Refused(error_text(&v)))
            }
        }
        Wait::Closed => Err(Failure::Exited),
        Wait::Late => Err(Failure::TimedOut),
    }
}

fn error_text(v: &Value) -> String {
    let e = &v["error"];
    format!(
        "{} {}",
        e["code"],
        mcp_audit_core::model::excerpt(e["message"].as_str().unwrap_or(""), 200)
    )
}

/// Every page of a list method; a repeated cursor or [`MAX_PAGES`] ends the walk.
fn list_all(
    conn: &mut Connection,
    method: &str,
    key: &str,
    base: &Value,
) -> Result<Vec<Value>, Failure> {
    let mut items = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut params = base.clone();
        if let (Some(c), Some(obj)) = (&cursor, params.as_object_mut()) {
            obj.insert("cursor".into(), json!(c));
        }
        let answer = match conn.request(method, params, None) {
            Wait::Answer(v) => v,
            Wait::Closed => return Err(Failure::Exited),
            Wait::Late => return Err(Failure::TimedOut),
        };
        let Some(result) = answer.get("result") else {
            return Err(Failure::Refused(error_text(&answer)));
        };
        if let Some(list) = result[key].as_array() {
            items.extend(list.iter().cloned());
        }
        match result["nextCursor"].as_str() {
            Some(next) if seen.insert(next.to_string()) => cursor = Some(next.to_string()),
            _ => break,
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// A scripted legacy server: answers keyed by request id (discover is id 1 and answered
    /// with -32601), paginated tools.
    #[test]
    fn legacy_handshake_then_paginated_tools() {
        let script = [
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"Method not found"}}"#,
            "a banner that is not JSON",
            r#"{"jsonrpc":"2.0","id":2,"result":{"protocolVersion":"2025-06-18","capabilities":{"tools":{}},"serverInfo":{"name":"x","version":"1"}}}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":"a"}],"nextCursor":"p2"}}"#,
            r#"{"jsonrpc":"2.0","id":4,"result":{"tools":[{"name":"b"}]}}"#,
            r#"{"jsonrpc":"2.0","id":5,"error":{"code":-32601,"message":"no prompts"}}"#,
            r#"{"jsonrpc":"2.0","id":6,"result":{"resources":[]}}"#,
            r#"{"jsonrpc":"2.0","id":7,"result":{"tools":[{"name":"a"}]}}"#,
        ]
        .join("\n");
        let sink = Sink::default();
        let mut conn = Connection::new(
            sink.clone(),
            Cursor::new(script.into_bytes()),
            Instant::now() + Duration::from_secs(5),
        );
        let c = converse(&mut conn, Instant::now());
        assert_eq!(c.failure, None);
        assert_eq!(c.protocol, Some((Era::Legacy, "2025-06-18".into())));
        let names = |t: &Option<Vec<Value>>| -> Vec<String> {
            t.as_ref()
                .unwrap()
                .iter()
                .map(|x| x["name"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names(&c.tools), ["a", "b"]);
        assert_eq!(names(&c.tools_again), ["a"]);
        assert_eq!(c.noise_lines, 1);
        let sent = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert!(
            sent.contains(r#""method":"notifications/initialized""#),
            "{sent}"
        );
        assert!(sent.contains(r#""cursor":"p2""#), "{sent}");
    }

    #[test]
    fn modern_discover_puts_meta_on_every_request() {
        let script = [
            r#"{"jsonrpc":"2.0","id":1,"result":{"supportedVersions":["2026-07-28"],"resultType":"complete","capabilities":{"tools":{}}}}"#,
            r#"{"jsonrpc":"2.0","id":2,"result":{"tools":[{"name":"t"}],"resultType":"complete","ttlMs":0,"cacheScope":"private"}}"#,
        ]
        .join("\n");
        let sink = Sink::default();
        let mut conn = Connection::new(
            sink.clone(),
            Cursor::new(script.into_bytes()),
            Instant::now() + Duration::from_secs(5),
        );
        let c = converse(&mut conn, Instant::now());
        assert_eq!(c.protocol, Some((Era::Modern, "2026-07-28".into())));
        assert_eq!(c.tools.unwrap().len(), 1);
        let sent = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let list = sent.lines().nth(1).unwrap();
        assert!(
            list.contains("tools/list") && list.contains("io.modelcontextprotocol/protocolVersion"),
            "{list}"
        );
    }

    #[test]
    fn a_late_discover_answer_then_a_refused_initialize_means_modern() {
        let script = [
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"late"}}"#,
            r#"{"jsonrpc":"2.0","id":2,"error":{"code":-32022,"message":"connection is serving the 2026-07-28 protocol","data":{"supported":["2026-07-28"],"requested":"2025-11-25"}}}"#,
            r#"{"jsonrpc":"2.0","id":3,"result":{"tools":[{"name":"t"}],"resultType":"complete"}}"#,
        ]
        .join("\n");
        let mut conn = Connection::new(
            Sink::default(),
            Cursor::new(script.into_bytes()),
            Instant::now() + Duration::from_secs(5),
        );
        let c = converse(&mut conn, Instant::now());
        assert_eq!(c.protocol, Some((Era::Modern, "2026-07-28".into())));
        assert_eq!(c.tools.unwrap().len(), 1);
    }

    #[test]
    fn a_server_that_exits_is_a_failure_not_a_hang() {
        let mut conn = Connection::new(
            Sink::default(),
            Cursor::new(Vec::new()),
            Instant::now() + Duration::from_secs(5),
        );
        let c = converse(&mut conn, Instant::now());
        assert_eq!(c.failure, Some(Failure::Exited));
    }
}
