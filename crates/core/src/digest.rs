//! Digests: sha256 of files, canonical JSON, and the fingerprints of tools and findings.
//!
//! A tool's fingerprint is the sha256 of the canonical JSON (object keys sorted by code point,
//! no insignificant whitespace, serde_json's escaping) of
//! `{"annotations": …, "description": …, "input_schema": …, "name": …}`; absent annotations
//! and descriptions are `null`. The tool-surface fingerprint is the sha256 of the sorted tool
//! fingerprints joined by `\n`. Where a tool was found (its origin) is part of neither, so the
//! static audit and a `tools/list` answer give the same tool the same pin.

use std::io::Read;
use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::{Finding, Tool};

/// Hex sha256 of a file, streamed.
///
/// # Errors
/// The file cannot be read.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// Hex sha256 of bytes.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Writes `value` as canonical JSON.
#[must_use]
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push(':');
                write_canonical(&map[key.as_str()], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The fingerprint of one tool (the pin rug-pull detection compares).
#[must_use]
pub fn tool_fingerprint(tool: &Tool) -> String {
    let pinned = serde_json::json!({
        "name": tool.name,
        "description": tool.description,
        "input_schema": tool.input_schema,
        "annotations": tool.annotations,
    });
    sha256_hex(canonical_json(&pinned).as_bytes())
}

/// The digest of a tool description as the audit read it: sha256 of the text with runs of
/// whitespace collapsed to one space and the ends trimmed (static extraction and the running
/// server may lay out the same words differently). Pinned in `mcp-audit.lock` so the guard can
/// tell "the text the audit judged" from a text nobody audited, even where the statically
/// extracted input schema is only an approximation of the one the server sends.
#[must_use]
pub fn description_digest(description: &str) -> String {
    let collapsed: Vec<&str> = description.split_whitespace().collect();
    sha256_hex(collapsed.join(" ").as_bytes())
}

/// The fingerprint of a whole tool surface; `None` without tools.
#[must_use]
pub fn tools_fingerprint(tools: &[Tool]) -> Option<String> {
    if tools.is_empty() {
        return None;
    }
    let mut prints: Vec<String> = tools
        .iter()
        .map(|t| {
            if t.fingerprint.is_empty() {
                tool_fingerprint(t)
            } else {
                t.fingerprint.clone()
            }
        })
        .collect();
    prints.sort();
    Some(sha256_hex(prints.join("\n").as_bytes()))
}

/// A stable hash of a finding: rule, package, tool, file and evidence (not the line number nor
/// the version, so a suppression survives unrelated edits and upgrades).
#[must_use]
pub fn finding_fingerprint(ecosystem: &str, package: &str, f: &Finding) -> String {
    let mut h = Sha256::new();
    for part in [
        f.rule.as_str(),
        ecosystem,
        package,
        f.tool.as_deref().unwrap_or(""),
        f.location.as_ref().map_or("", |l| l.file.as_str()),
        f.evidence.as_deref().unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..8])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Via};

    fn tool(name: &str, schema: Value, line: u32) -> Tool {
        Tool {
            name: name.into(),
            title: None,
            description: Some("d".into()),
            input_schema: schema,
            annotations: None,
            origin: Origin {
                file: "a.js".into(),
                line: Some(line),
                via: Via::Static,
                style: None,
            },
            fingerprint: String::new(),
        }
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_level() {
        let v = serde_json::json!({"b": 1, "a": {"d": [2, {"z": 1, "y": "é"}], "c": null}});
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":null,"d":[2,{"y":"é","z":1}]},"b":1}"#
        );
    }

    #[test]
    fn tool_fingerprint_is_the_documented_digest() {
        let t = tool("x", serde_json::json!({"type": "object"}), 1);
        let canonical =
            r#"{"annotations":null,"description":"d","input_schema":{"type":"object"},"name":"x"}"#;
        assert_eq!(tool_fingerprint(&t), sha256_hex(canonical.as_bytes()));
    }

    #[test]
    fn fingerprint_ignores_key_order_and_origin_but_not_content() {
        let a = tool(
            "x",
            serde_json::json!({"type": "object", "properties": {}}),
            1,
        );
        let mut b = tool(
            "x",
            serde_json::json!({"properties": {}, "type": "object"}),
            9,
        );
        b.origin.via = Via::Dynamic;
        assert_eq!(tool_fingerprint(&a), tool_fingerprint(&b));
        let mut c = a.clone();
        c.description = Some("d ".into());
        assert_ne!(tool_fingerprint(&a), tool_fingerprint(&c));
    }

    #[test]
    fn tools_fingerprint_is_order_independent() {
        let a = tool("a", serde_json::json!({"type": "object"}), 1);
        let b = tool("b", serde_json::json!({"type": "object"}), 2);
        let joined = format!("{}\n{}", tool_fingerprint(&a), tool_fingerprint(&b));
        assert_eq!(
            tools_fingerprint(&[b.clone(), a.clone()]),
            Some(sha256_hex(joined.as_bytes()))
        );
        assert_eq!(
            tools_fingerprint(&[a.clone(), b.clone()]),
            tools_fingerprint(&[b, a])
        );
        assert_eq!(tools_fingerprint(&[]), None);
    }
}
