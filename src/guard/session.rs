//! What the guard decides about each message, without any I/O of the relay: which requests it
//! waits answers for, how a list answer compares with the pins, what a tool call logs.
//!
//! A [`Session`] sees every line in both directions. Lines are forwarded byte for byte unless a
//! list answer carries something that differs from its pin (then only the pinned items are
//! re-serialized, or the session stops, per [`OnChange`]) or the client calls a withheld tool
//! (then the guard answers the call itself).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;

use serde_json::Value;

use super::log::{self, ArgSummary, CallRecord, ChangeRecord, Record};
use super::pins::{Kind, PendingChange, Pin, PinFile, PinSource};
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{ModelText, Origin, TextKind, Via};
use mcp_audit_core::Tool;

/// What to do when a listed item differs from its pin (or is new).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnChange {
    /// Forward it anyway (the change is still logged).
    Allow,
    /// Leave it out of the answer; calls to it are refused.
    #[default]
    Withhold,
    /// End the session (exit code 1).
    Stop,
}

/// Where a session keeps its pins and log.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// The server name (pins and log file names, log records).
    pub server: String,
    /// The pins file.
    pub pins_path: PathBuf,
    /// The action log.
    pub log_path: PathBuf,
    /// Rotate the log at this size.
    pub log_max_bytes: u64,
    /// What to do on a change.
    pub on_change: OnChange,
    /// Keep argument values in the log.
    pub log_args: bool,
}

/// What to do with a line from the client.
#[derive(Debug, PartialEq, Eq)]
pub enum FromClient {
    /// Send it to the server unchanged.
    Forward,
    /// Send these bytes to the server instead (a batch without its refused calls), and these
    /// answers to the client.
    Replace {
        /// For the server (`None`: nothing).
        to_server: Option<Vec<u8>>,
        /// Answers to refused calls, one line each.
        to_client: Vec<Vec<u8>>,
    },
}

/// What to do with a line from the server.
#[derive(Debug, PartialEq, Eq)]
pub enum FromServer {
    /// Send it to the client unchanged.
    Forward,
    /// Send this line instead.
    Rewrite(Vec<u8>),
    /// End the session: a change under `--on-change stop` (exit 1).
    Stop(String),
    /// End the session: the server broke the transport (exit 2).
    Garbage(String),
}

enum Waiting {
    List(Kind),
    Call {
        tool: String,
        arguments: BTreeMap<String, ArgSummary>,
        time: String,
        start: Instant,
    },
}

/// The state of one guarded connection.
pub struct Session {
    config: SessionConfig,
    pins: PinFile,
    lock_tools: BTreeMap<String, Pin>,
    first_use: HashSet<Kind>,
    waiting: HashMap<String, Waiting>,
    withheld: HashSet<String>,
    reported: HashSet<(Kind, String, String)>,
    warnings: Vec<String>,
    log_failed: bool,
}

/// Counts bytes written (result sizes without building a string).
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn json_size(value: &Value) -> usize {
    let mut c = Counter(0);
    let _ = serde_json::to_writer(&mut c, value);
    c.0
}

/// The envelope of one JSON-RPC message, its result left unparsed.
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    method: Option<serde::de::IgnoredAny>,
    #[serde(default, borrow)]
    result: Option<&'a serde_json::value::RawValue>,
    #[serde(default)]
    error: Option<Value>,
}

/// The one field of a `tools/call` result the log keeps.
#[derive(serde::Deserialize)]
struct CallResultFlags {
    #[serde(default, rename = "isError")]
    is_error: Option<bool>,
}

/// A JSON-RPC error's message, at most 500 characters.
fn error_message(err: &Value) -> String {
    err.get("message")
        .and_then(Value::as_str)
        .unwrap_or("JSON-RPC error")
        .chars()
        .take(500)
        .collect()
}

fn id_key(id: &Value) -> String {
    id.to_string()
}

fn line_of(value: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec(value).unwrap_or_default();
    out.push(b'\n');
    out
}

impl Session {
    /// A session over these pins: `pins` (the pins file, possibly new) and the lockfile's
    /// tool pins of the installed server (empty when it was not installed by mcp-audit). A kind
    /// with no pins at all is trusted on first use: the first complete answer is pinned.
    #[must_use]
    pub fn new(config: SessionConfig, pins: PinFile, lock_tools: BTreeMap<String, Pin>) -> Session {
        let first_use = Kind::ALL
            .into_iter()
            .filter(|k| {
                pins.section(*k).pinned.is_empty() && (*k != Kind::Tool || lock_tools.is_empty())
            })
            .collect();
        Session {
            config,
            pins,
            lock_tools,
            first_use,
            waiting: HashMap::new(),
            withheld: HashSet::new(),
            reported: HashSet::new(),
            warnings: Vec::new(),
            log_failed: false,
        }
    }

    /// Messages for the user (stderr) since the last call, escaped.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    // -----------------------------------------------------------------------------------------
    // Client → server

    /// Looks at a line from the client.
    pub fn from_client(&mut self, line: &[u8]) -> FromClient {
        // Cheap filter: only requests matter, and every request names a method.
        if memchr_method(line).is_none() {
            return FromClient::Forward;
        }
        let Ok(value) = serde_json::from_slice::<Value>(line) else {
            return FromClient::Forward;
        };
        match value {
            Value::Object(obj) => match self.request(&obj) {
                None => FromClient::Forward,
                Some(answer) => FromClient::Replace {
                    to_server: None,
                    to_client: vec![line_of(&answer)],
                },
            },
            Value::Array(items) => {
                let mut kept = Vec::new();
                let mut answers = Vec::new();
                for item in items {
                    let answer = item.as_object().and_then(|o| self.request(o));
                    match answer {
                        Some(a) => answers.push(line_of(&a)),
                        None => kept.push(item),
                    }
                }
                if answers.is_empty() {
                    return FromClient::Forward;
                }
                FromClient::Replace {
                    to_server: (!kept.is_empty()).then(|| line_of(&Value::Array(kept))),
                    to_client: answers,
                }
            }
            _ => FromClient::Forward,
        }
    }

    /// Records a request the guard waits for; returns the guard's own answer to a refused call.
    fn request(&mut self, obj: &serde_json::Map<String, Value>) -> Option<Value> {
        let method = obj.get("method")?.as_str()?;
        let id = obj.get("id").filter(|id| !id.is_null())?;
        if let Some(kind) = Kind::of_method(method) {
            self.waiting.insert(id_key(id), Waiting::List(kind));
            return None;
        }
        if method != "tools/call" {
            return None;
        }
        let params = obj.get("params");
        let tool = params
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let arguments = self.summarize(params.and_then(|p| p.get("arguments")));
        if self.config.on_change == OnChange::Withhold && self.withheld.contains(&tool) {
            let message = format!(
                "tool `{tool}` is withheld by mcp-audit: it changed since it was pinned (see `mcp-audit pins --server {}`)",
                self.config.server
            );
            self.write_log(&Record::Call(CallRecord {
                time: log::now(),
                server: self.config.server.clone(),
                tool,
                arguments,
                result_size: None,
                error: Some(message.clone()),
                duration_ms: Some(0.0),
                withheld: true,
            }));
            return Some(serde_json::json!({
                "jsonrpc": "2.0",
                "id": id,
                "error": {"code": -32602, "message": message}
            }));
        }
        self.waiting.insert(
            id_key(id),
            Waiting::Call {
                tool,
                arguments,
                time: log::now(),
                start: Instant::now(),
            },
        );
        None
    }

    fn summarize(&self, arguments: Option<&Value>) -> BTreeMap<String, ArgSummary> {
        let Some(Value::Object(map)) = arguments else {
            return BTreeMap::new();
        };
        map.iter()
            .map(|(k, v)| {
                let kind = match v {
                    Value::Null => "null",
                    Value::Bool(_) => "boolean",
                    Value::Number(_) => "number",
                    Value::String(_) => "string",
                    Value::Array(_) => "array",
                    Value::Object(_) => "object",
                };
                (
                    k.clone(),
                    ArgSummary {
                        kind: kind.into(),
                        size: json_size(v),
                        value: self.config.log_args.then(|| v.clone()),
                    },
                )
            })
            .collect()
    }

    // -----------------------------------------------------------------------------------------
    // Server → client

    /// Looks at a line from the server.
    pub fn from_server(&mut self, line: &[u8]) -> FromServer {
        if line.iter().all(u8::is_ascii_whitespace) {
            return FromServer::Forward;
        }
        // Most lines are one message the guard only relays or logs (a tool's result can be
        // megabytes): read its envelope without building the result's tree.
        if let Some(peeked) = self.peek(line) {
            return peeked;
        }
        let mut value = match serde_json::from_slice::<Value>(line) {
            Ok(v @ (Value::Object(_) | Value::Array(_))) => v,
            Ok(_) | Err(_) => {
                let text = String::from_utf8_lossy(line);
                let mut shown: String = text.trim_end().chars().take(80).collect();
                if text.trim_end().chars().count() > 80 {
                    shown.push('…');
                }
                return FromServer::Garbage(format!(
                    "server `{}` wrote something that is not a JSON-RPC message on stdout: {}",
                    visible(&self.config.server),
                    visible(&shown)
                ));
            }
        };
        if self.waiting.is_empty() {
            return FromServer::Forward;
        }
        let changed = match &mut value {
            Value::Object(obj) => self.response(obj),
            Value::Array(items) => {
                let mut any = Ok(false);
                for item in items.iter_mut() {
                    if let Value::Object(obj) = item {
                        match self.response(obj) {
                            Ok(true) => any = any.map(|_| true),
                            Ok(false) => {}
                            Err(stop) => {
                                any = Err(stop);
                                break;
                            }
                        }
                    }
                }
                any
            }
            _ => Ok(false),
        };
        match changed {
            Ok(false) => FromServer::Forward,
            Ok(true) => FromServer::Rewrite(line_of(&value)),
            Err(stop) => FromServer::Stop(stop),
        }
    }

    /// The fast path of [`Session::from_server`] for a single message that is not the answer
    /// to a list the guard checks; `None` sends the line to the full parse.
    fn peek(&mut self, line: &[u8]) -> Option<FromServer> {
        if line.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return None;
        }
        // Duplicate keys, odd shapes: the full parse decides.
        let envelope: Envelope<'_> = serde_json::from_slice(line).ok()?;
        if envelope.method.is_some() {
            return Some(FromServer::Forward);
        }
        let Some(id) = envelope.id.filter(|_| !self.waiting.is_empty()) else {
            return Some(FromServer::Forward);
        };
        let key = id_key(&id);
        match self.waiting.get(&key) {
            None => Some(FromServer::Forward),
            Some(Waiting::List(_)) => None,
            Some(Waiting::Call { .. }) => {
                let Some(Waiting::Call {
                    tool,
                    arguments,
                    time,
                    start,
                }) = self.waiting.remove(&key)
                else {
                    return None;
                };
                let outcome = match (envelope.result, envelope.error) {
                    (Some(result), _) => {
                        let failed = serde_json::from_str::<CallResultFlags>(result.get())
                            .is_ok_and(|r| r.is_error == Some(true));
                        (
                            Some(result.get().len()),
                            failed.then(|| "the tool returned isError".to_string()),
                        )
                    }
                    (None, Some(err)) => (None, Some(error_message(&err))),
                    (None, None) => (None, Some("an answer with neither result nor error".into())),
                };
                self.log_call(tool, arguments, time, start, outcome);
                Some(FromServer::Forward)
            }
        }
    }

    /// Handles a response the guard waits for; `Ok(true)` when it was changed.
    fn response(&mut self, obj: &mut serde_json::Map<String, Value>) -> Result<bool, String> {
        if obj.contains_key("method") {
            return Ok(false);
        }
        let Some(id) = obj.get("id") else {
            return Ok(false);
        };
        let Some(waiting) = self.waiting.remove(&id_key(id)) else {
            return Ok(false);
        };
        match waiting {
            Waiting::List(kind) => {
                let Some(Value::Object(result)) = obj.get_mut("result") else {
                    return Ok(false);
                };
                let complete = result.get("nextCursor").is_none_or(Value::is_null);
                let Some(Value::Array(items)) = result.get_mut(kind.array_key()) else {
                    return Ok(false);
                };
                self.check_list(kind, items, complete)
            }
            Waiting::Call {
                tool,
                arguments,
                time,
                start,
            } => {
                let outcome = match (obj.get("result"), obj.get("error")) {
                    (Some(result), _) => {
                        let failed = result.get("isError").and_then(Value::as_bool) == Some(true);
                        (
                            Some(json_size(result)),
                            failed.then(|| "the tool returned isError".to_string()),
                        )
                    }
                    (None, Some(err)) => (None, Some(error_message(err))),
                    (None, None) => (None, Some("an answer with neither result nor error".into())),
                };
                self.log_call(tool, arguments, time, start, outcome);
                Ok(false)
            }
        }
    }

    /// Logs a finished tool call: `outcome` is (result size, error).
    fn log_call(
        &mut self,
        tool: String,
        arguments: BTreeMap<String, ArgSummary>,
        time: String,
        start: Instant,
        outcome: (Option<usize>, Option<String>),
    ) {
        let duration_ms = start.elapsed().as_secs_f64() * 1000.0;
        let record = CallRecord {
            time,
            server: self.config.server.clone(),
            tool,
            arguments,
            result_size: outcome.0,
            error: outcome.1,
            duration_ms: Some((duration_ms * 1000.0).round() / 1000.0),
            withheld: false,
        };
        self.write_log(&Record::Call(record));
    }

    /// Compares listed items with their pins; removes what is withheld. `Ok(true)` when the
    /// list was changed; `Err` under `--on-change stop`.
    fn check_list(
        &mut self,
        kind: Kind,
        items: &mut Vec<Value>,
        complete: bool,
    ) -> Result<bool, String> {
        let mut dirty = false;
        let mut keep = Vec::with_capacity(items.len());
        let mut stop = None;
        for item in items.iter() {
            let name = item
                .get(kind.id_key())
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let (fingerprint, tool) = fingerprint(kind, item);
            let file_pin = self.pins.section(kind).pinned.get(&name);
            let lock_pin = match kind {
                Kind::Tool => self.lock_tools.get(&name),
                _ => None,
            };
            let matches = [file_pin, lock_pin]
                .iter()
                .flatten()
                .any(|p| p.fingerprint == fingerprint);
            if matches {
                if kind == Kind::Tool {
                    self.withheld.remove(&name);
                }
                keep.push(true);
                continue;
            }
            let first_use =
                file_pin.is_none() && lock_pin.is_none() && self.first_use.contains(&kind);
            // The installed server's first answer: the lock pins the text the audit judged; the
            // static input schema is an approximation, so a tool whose description is that text
            // is taken as the server sends it and pinned strictly from then on.
            let audited = file_pin.is_none()
                && lock_pin.is_some_and(|p| describes_audited_text(p, tool.as_ref()));
            if first_use || audited {
                self.pins.section_mut(kind).pinned.insert(
                    name,
                    Pin {
                        fingerprint,
                        source: if audited {
                            PinSource::Audited
                        } else {
                            PinSource::FirstUse
                        },
                        pinned_at: log::now(),
                        definition: Some(item.clone()),
                        description_sha256: None,
                    },
                );
                dirty = true;
                keep.push(true);
                continue;
            }
            let old = file_pin.or(lock_pin).cloned();
            let action = match self.config.on_change {
                OnChange::Allow => "allowed",
                OnChange::Withhold => "withheld",
                OnChange::Stop => "stopped",
            };
            let key = (kind, name.clone(), fingerprint.clone());
            if self.reported.insert(key) {
                self.report_change(
                    kind,
                    &name,
                    old.as_ref(),
                    item,
                    tool.as_ref(),
                    &fingerprint,
                    action,
                );
                let section = self.pins.section_mut(kind);
                let pending = section.pending.get(&name);
                if pending.is_none_or(|p| p.fingerprint != fingerprint) {
                    section.pending.insert(
                        name.clone(),
                        PendingChange {
                            fingerprint: fingerprint.clone(),
                            definition: item.clone(),
                            seen_at: log::now(),
                        },
                    );
                    dirty = true;
                }
            }
            match self.config.on_change {
                OnChange::Allow => keep.push(true),
                OnChange::Withhold => {
                    if kind == Kind::Tool {
                        self.withheld.insert(name);
                    }
                    keep.push(false);
                }
                OnChange::Stop => {
                    stop = Some(format!(
                        "{} `{}` of server `{}` differs from its pin; stopped (--on-change stop)",
                        kind.as_str(),
                        visible(&name),
                        visible(&self.config.server)
                    ));
                    keep.push(false);
                    break;
                }
            }
        }
        if complete {
            self.first_use.remove(&kind);
        }
        if dirty {
            if let Err(e) = self.pins.save(&self.config.pins_path) {
                self.warnings.push(format!("mcp-audit guard: {e:#}"));
            }
        }
        if let Some(stop) = stop {
            return Err(stop);
        }
        if keep.iter().all(|k| *k) {
            return Ok(false);
        }
        let mut flags = keep.into_iter();
        items.retain(|_| flags.next().unwrap_or(true));
        Ok(true)
    }

    #[allow(clippy::too_many_arguments)]
    fn report_change(
        &mut self,
        kind: Kind,
        name: &str,
        old: Option<&Pin>,
        item: &Value,
        tool: Option<&Tool>,
        fingerprint: &str,
        action: &str,
    ) {
        let diff = match (old.and_then(|p| p.definition.as_ref()), old) {
            (Some(before), _) => definition_diff(kind, before, item),
            // A lockfile pin holds digests, not the definition: say what differs.
            (None, Some(pin)) => lock_pin_diff(pin, tool),
            (None, None) => Vec::new(),
        };
        let findings = description_findings(kind, name, item, tool);
        let change = if old.is_some() { "changed" } else { "added" };
        let mut warning = format!(
            "mcp-audit guard: {} `{}` of server `{}` was {change} since it was pinned; {action}",
            kind.as_str(),
            visible(name),
            visible(&self.config.server)
        );
        if !findings.is_empty() {
            warning.push_str(&format!(
                " ({} finding(s): {})",
                findings.len(),
                visible(&findings.join("; "))
            ));
        }
        if action == "withheld" {
            warning.push_str(&format!(
                "; review with `mcp-audit log --server {0}`, accept with `mcp-audit pins --server {0} --accept {1}`",
                visible(&self.config.server),
                visible(name)
            ));
        }
        self.warnings.push(warning);
        self.write_log(&Record::Change(ChangeRecord {
            time: log::now(),
            server: self.config.server.clone(),
            kind,
            name: name.to_string(),
            change: change.into(),
            action: action.into(),
            old_fingerprint: old.map(|p| p.fingerprint.clone()),
            new_fingerprint: fingerprint.to_string(),
            diff,
            findings,
        }));
    }

    fn write_log(&mut self, record: &Record) {
        if let Err(e) = log::append(&self.config.log_path, record, self.config.log_max_bytes) {
            if !self.log_failed {
                self.warnings.push(format!(
                    "mcp-audit guard: the action log cannot be written: {e:#}"
                ));
                self.log_failed = true;
            }
        }
    }

    /// Logs the calls that got no answer (the session is ending).
    pub fn finish(&mut self) {
        let waiting: Vec<Waiting> = self.waiting.drain().map(|(_, w)| w).collect();
        for w in waiting {
            if let Waiting::Call {
                tool,
                arguments,
                time,
                start,
            } = w
            {
                let record = CallRecord {
                    time,
                    server: self.config.server.clone(),
                    tool,
                    arguments,
                    result_size: None,
                    error: Some("no answer before the session ended".into()),
                    duration_ms: Some(start.elapsed().as_secs_f64() * 1000.0),
                    withheld: false,
                };
                self.write_log(&Record::Call(record));
            }
        }
    }
}

/// Whether a listed tool's description is the text the audit read for this lockfile pin.
fn describes_audited_text(pin: &Pin, tool: Option<&Tool>) -> bool {
    match (&pin.description_sha256, tool) {
        (Some(digest), Some(tool)) => {
            *digest
                == mcp_audit_core::digest::description_digest(
                    tool.description.as_deref().unwrap_or_default(),
                )
        }
        _ => false,
    }
}

/// What can be said of a change against a lockfile pin, which holds digests only.
fn lock_pin_diff(pin: &Pin, tool: Option<&Tool>) -> Vec<Value> {
    let Some(tool) = tool else {
        return Vec::new();
    };
    match &pin.description_sha256 {
        Some(_) if !describes_audited_text(pin, Some(tool)) => vec![serde_json::json!({
            "path": "/description",
            "old": "(the text the audit read; pinned by digest in mcp-audit.lock)",
            "new": tool.description.as_deref().unwrap_or_default(),
        })],
        Some(_) => Vec::new(),
        None => vec![serde_json::json!({
            "path": "",
            "old": "(pinned by fingerprint only: a lockfile written before description digests; reinstall to pin the audited text)",
            "new": pin_note(&pin.fingerprint),
        })],
    }
}

fn pin_note(fingerprint: &str) -> String {
    format!(
        "definition differs from fingerprint {}",
        &fingerprint[..fingerprint.len().min(12)]
    )
}

/// Whether a line may be a request (it mentions `"method"`); skips parsing responses and
/// notifications-free traffic cheaply.
fn memchr_method(line: &[u8]) -> Option<usize> {
    line.windows(8).position(|w| w == b"\"method\"")
}

/// The fingerprint of a listed item, and for a tool the [`Tool`] it reads as.
#[must_use]
pub fn fingerprint(kind: Kind, item: &Value) -> (String, Option<Tool>) {
    if kind == Kind::Tool {
        let wrapped = serde_json::json!({ "tools": [item] });
        let bytes = serde_json::to_vec(&wrapped).unwrap_or_default();
        if let Ok(surface) = crate::scan_tools::parse(&bytes, "tools/list") {
            if let Some(tool) = surface.tools.into_iter().next() {
                return (tool.fingerprint.clone(), Some(tool));
            }
        }
    }
    let canonical = mcp_audit_core::digest::canonical_json(item);
    (
        mcp_audit_core::digest::sha256_hex(canonical.as_bytes()),
        None,
    )
}

/// The description rules on a new or changed item, as `rule (severity): message`.
fn description_findings(kind: Kind, name: &str, item: &Value, tool: Option<&Tool>) -> Vec<String> {
    let origin = Origin {
        file: "tools/list".into(),
        line: None,
        via: Via::Dynamic,
        style: None,
    };
    let findings = match (kind, tool) {
        (Kind::Tool, Some(tool)) => {
            crate::analyze::descriptions::analyze(std::slice::from_ref(tool), &[])
        }
        (Kind::Tool, None) => Vec::new(),
        (Kind::Prompt | Kind::Resource, _) => {
            let mut text = item
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            if let Some(Value::Array(args)) = item.get("arguments") {
                for d in args
                    .iter()
                    .filter_map(|a| a.get("description").and_then(Value::as_str))
                {
                    text.push('\n');
                    text.push_str(d);
                }
            }
            let text = ModelText {
                kind: if kind == Kind::Prompt {
                    TextKind::Prompt
                } else {
                    TextKind::Resource
                },
                name: name.to_string(),
                text,
                origin,
            };
            crate::analyze::descriptions::analyze(&[], &[text])
        }
    };
    findings
        .iter()
        .map(|f| {
            let severity = serde_json::to_value(f.severity)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("{} ({severity}): {}", f.rule, f.message)
        })
        .collect()
}

/// The changed values of a definition by JSON pointer: tools through the diff of
/// `mcp-audit diff`, prompts and resources per top-level key.
fn definition_diff(kind: Kind, before: &Value, after: &Value) -> Vec<Value> {
    if kind == Kind::Tool {
        if let (Some(old), Some(new)) = (fingerprint(kind, before).1, fingerprint(kind, after).1) {
            let changes = crate::install::diff::tool_changes(&[old], &[new]);
            let mut out = Vec::new();
            for change in changes.changed {
                if let Some(d) = change.description {
                    out.push(
                        serde_json::json!({"path": "/description", "old": d.old, "new": d.new}),
                    );
                }
                for c in change.changes {
                    out.push(serde_json::json!({"path": c.path, "old": c.old, "new": c.new}));
                }
            }
            return out;
        }
    }
    let empty = serde_json::Map::new();
    let (a, b) = (
        before.as_object().unwrap_or(&empty),
        after.as_object().unwrap_or(&empty),
    );
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| serde_json::json!({"path": format!("/{k}"), "old": a.get(k), "new": b.get(k)}))
        .collect()
}
