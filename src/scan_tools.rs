//! `scan-tools`: audit a `tools/list` answer (a running server's, or a committed snapshot)
//! with the description rules, under the policy, as a report entry. It ends the way every
//! audit does ([`crate::pipeline::conclude`]), so a tool gets the same fingerprint here as in
//! a package audit.
//!
//! Accepted shapes: `{"tools":[…]}` (a `tools/list` result), a full JSON-RPC response
//! `{"jsonrpc":"2.0","id":…,"result":{"tools":[…]}}`, or a bare array of tool objects. When the
//! object also carries `instructions` (server instructions) or `prompts`, they are checked too.

use std::io::Read;

use serde_json::Value;

use crate::policy::Policy;
use crate::report::{Integrity, PackageInfo, TargetResult};
use mcp_audit_core::model::{ModelText, Origin, TextKind, Tool, Via};
use mcp_audit_extract::identify::Ecosystem;

/// Largest input accepted (a tools/list of thousands of tools is a few MB).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Why a tools/list could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScanError {
    /// The input could not be read.
    #[error("cannot read `{path}`: {source}")]
    Read {
        /// File or `-`.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("`{path}` is larger than {MAX_INPUT_BYTES} bytes")]
    TooLarge {
        /// File or `-`.
        path: String,
    },
    /// Not JSON.
    #[error("`{path}` is not valid JSON: {message}")]
    Json {
        /// File or `-`.
        path: String,
        /// The parser's message (one line).
        message: String,
    },
    /// JSON, but not a tools/list.
    #[error("`{path}` is not a tools/list result: {message}")]
    Shape {
        /// File or `-`.
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// The model-visible surface read from a tools/list answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Surface {
    /// The tools, in the order listed.
    pub tools: Vec<Tool>,
    /// Server instructions and prompts, when present.
    pub texts: Vec<ModelText>,
}

/// Reads `path` (or standard input for `-`), at most [`MAX_INPUT_BYTES`].
///
/// # Errors
/// The input cannot be read or is too large.
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, ScanError> {
    let label = path.display().to_string();
    let mut bytes = Vec::new();
    let read = if label == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|source| ScanError::Read {
        path: label.clone(),
        source,
    })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ScanError::TooLarge { path: label });
    }
    Ok(bytes)
}

/// Parses a tools/list answer.
///
/// # Errors
/// Not JSON, or not one of the accepted shapes, or a tool without a string `name`.
pub fn parse(bytes: &[u8], file: &str) -> Result<Surface, ScanError> {
    let shape = |message: String| ScanError::Shape {
        path: file.to_string(),
        message,
    };
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            ScanError::Json {
                path: file.to_string(),
                message: format!("not UTF-8 ({e})"),
            }
        })?;
    let value: Value = serde_json::from_str(text).map_err(|e| ScanError::Json {
        path: file.to_string(),
        message: e.to_string(),
    })?;
    let container = match &value {
        Value::Object(map) if map.contains_key("result") => &map["result"],
        Value::Object(map) if map.contains_key("error") && !map.contains_key("tools") => {
            return Err(shape("it is a JSON-RPC error response".into()));
        }
        v => v,
    };
    let (list, extras) = match container {
        Value::Array(items) => (items, None),
        Value::Object(map) => match map.get("tools") {
            Some(Value::Array(items)) => (items, Some(map)),
            Some(_) => return Err(shape("`tools` is not an array".into())),
            None => return Err(shape("no `tools` array".into())),
        },
        _ => {
            return Err(shape(
                "expected `{\"tools\":[…]}`, a JSON-RPC response or an array".into(),
            ))
        }
    };
    let origin = |via| Origin {
        file: file.to_string(),
        line: None,
        via,
        style: None,
    };
    let mut surface = Surface::default();
    for (i, item) in list.iter().enumerate() {
        let Value::Object(obj) = item else {
            return Err(shape(format!("tools[{i}] is not an object")));
        };
        let Some(Value::String(name)) = obj.get("name") else {
            return Err(shape(format!("tools[{i}] has no string `name`")));
        };
        let string = |key: &str| obj.get(key).and_then(Value::as_str).map(str::to_string);
        let mut tool = Tool {
            name: name.clone(),
            title: string("title"),
            description: string("description"),
            input_schema: obj
                .get("inputSchema")
                .or_else(|| obj.get("input_schema"))
                .cloned()
                .unwrap_or_else(mcp_audit_core::model::empty_object_schema),
            annotations: obj.get("annotations").cloned(),
            origin: origin(Via::Dynamic),
            fingerprint: String::new(),
        };
        tool.fingerprint = mcp_audit_core::digest::tool_fingerprint(&tool);
        surface.tools.push(tool);
    }
    if let Some(map) = extras {
        if let Some(Value::String(s)) = map.get("instructions") {
            surface.texts.push(ModelText {
                kind: TextKind::ServerInstructions,
                name: String::new(),
                text: s.clone(),
                origin: origin(Via::Dynamic),
            });
        }
        if let Some(Value::Array(prompts)) = map.get("prompts") {
            for p in prompts {
                let name = p.get("name").and_then(Value::as_str).unwrap_or_default();
                let mut text = p
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                if let Some(Value::Array(args)) = p.get("arguments") {
                    for a in args {
                        if let Some(d) = a.get("description").and_then(Value::as_str) {
                            text.push('\n');
                            text.push_str(d);
                        }
                    }
                }
                surface.texts.push(ModelText {
                    kind: TextKind::Prompt,
                    name: name.to_string(),
                    text,
                    origin: origin(Via::Dynamic),
                });
            }
        }
    }
    Ok(surface)
}

/// Audits a tools/list answer: description rules, then the policy. Never fails: an unreadable
/// answer is an error result (exit code 2).
#[must_use]
pub fn scan(label: &str, bytes: &[u8], policy: &Policy) -> TargetResult {
    let file = if label == "-" { "<stdin>" } else { label };
    let package = PackageInfo {
        ecosystem: Ecosystem::Unknown,
        name: std::path::Path::new(file)
            .file_name()
            .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned()),
        version: String::new(),
        source: file.to_string(),
        sha256: mcp_audit_core::digest::sha256_hex(bytes),
        integrity: Integrity::Unverified,
    };
    let surface = match parse(bytes, file) {
        Ok(s) if s.tools.is_empty() && s.texts.is_empty() => {
            // Never "clean" when nothing was inspected.
            let mut r = TargetResult::error(
                label,
                format!("`{file}` lists no tools, prompts or instructions: nothing to audit"),
            );
            r.package = Some(package);
            return r;
        }
        Ok(s) => s,
        Err(err) => {
            let mut r = TargetResult::error(label, err.to_string());
            r.package = Some(package);
            return r;
        }
    };
    let findings = crate::analyze::descriptions::analyze(&surface.tools, &surface.texts);
    let learned = crate::pipeline::Learned {
        package,
        registry: None,
        tools: surface.tools,
        texts: surface.texts,
        findings,
    };
    crate::pipeline::conclude(label, learned, policy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_three_shapes() {
        let tool = r#"{"name":"add","description":"Adds","inputSchema":{"type":"object"}}"#;
        for text in [
            format!(r#"{{"tools":[{tool}]}}"#),
            format!(r#"{{"jsonrpc":"2.0","id":2,"result":{{"tools":[{tool}]}}}}"#),
            format!("[{tool}]"),
        ] {
            let s = parse(text.as_bytes(), "x.json").unwrap();
            assert_eq!(s.tools.len(), 1, "{text}");
            assert_eq!(s.tools[0].name, "add");
            assert_eq!(s.tools[0].fingerprint.len(), 64);
        }
    }

    #[test]
    fn rejects_what_is_not_a_tool_list() {
        for text in [
            "",
            "{",
            "42",
            r#"{"tools":{}}"#,
            r#"{"tools":[{"description":"x"}]}"#,
            r#"{"tools":[1]}"#,
            r#"{"jsonrpc":"2.0","id":1,"error":{"code":-32601,"message":"nope"}}"#,
            &"[".repeat(100_000),
        ] {
            let err = parse(text.as_bytes(), "x.json").unwrap_err().to_string();
            assert!(!err.contains('\n'), "{err}");
        }
    }

    #[test]
    fn fingerprint_ignores_key_order() {
        let a = parse(
            br#"[{"name":"a","inputSchema":{"type":"object","properties":{}}}]"#,
            "f",
        )
        .unwrap();
        let b = parse(
            br#"[{"inputSchema":{"properties":{},"type":"object"},"name":"a"}]"#,
            "f",
        )
        .unwrap();
        assert_eq!(a.tools[0].fingerprint, b.tools[0].fingerprint);
    }
}
