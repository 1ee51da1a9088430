//! Tool fingerprints: the pins rug-pull detection compares.
//!
//! A tool's fingerprint is the sha256 of the canonical JSON (object keys sorted by code point, no
//! insignificant whitespace, serde_json's escaping) of
//! `{"annotations": …, "description": …, "input_schema": …, "name": …}`; absent annotations and
//! descriptions are `null`. The package fingerprint is the sha256 of the sorted tool fingerprints
//! joined by `\n`. Where a tool was found (its origin) is not part of either.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::model::Tool;

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

/// The fingerprint of one tool.
#[must_use]
pub fn tool_fingerprint(tool: &Tool) -> String {
    let pinned = serde_json::json!({
        "name": tool.name,
        "description": tool.description,
        "input_schema": tool.input_schema,
        "annotations": tool.annotations,
    });
    hex::encode(Sha256::digest(canonical_json(&pinned).as_bytes()))
}

/// The fingerprint of a whole tool surface; `None` without tools.
#[must_use]
pub fn package_fingerprint(tools: &[Tool]) -> Option<String> {
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
    Some(hex::encode(Sha256::digest(prints.join("\n").as_bytes())))
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
    fn fingerprint_ignores_key_order_and_origin_but_not_content() {
        let a = tool(
            "x",
            serde_json::json!({"type": "object", "properties": {}}),
            1,
        );
        let b = tool(
            "x",
            serde_json::json!({"properties": {}, "type": "object"}),
            9,
        );
        assert_eq!(tool_fingerprint(&a), tool_fingerprint(&b));
        let mut c = a.clone();
        c.description = Some("d ".into());
        assert_ne!(tool_fingerprint(&a), tool_fingerprint(&c));
        assert_eq!(tool_fingerprint(&a).len(), 64);
    }

    #[test]
    fn package_fingerprint_is_order_independent() {
        let a = tool("a", serde_json::json!({"type": "object"}), 1);
        let b = tool("b", serde_json::json!({"type": "object"}), 2);
        assert_eq!(
            package_fingerprint(&[a.clone(), b.clone()]),
            package_fingerprint(&[b, a])
        );
        assert_eq!(package_fingerprint(&[]), None);
    }
}
