//! Every string the model reads, with the place it came from.
//!
//! For a tool: its name, title, description, `annotations.title` (and any other string
//! annotation), and, walking `inputSchema` recursively (`properties`, `items`, `$defs`,
//! `anyOf`/`oneOf`/`allOf`, …): parameter names, titles, descriptions, enum values, `const`,
//! defaults and examples. For other model-visible text: prompts, resources and server
//! instructions.

use serde_json::Value;

use mcp_audit_core::model::{ModelText, TextKind, Tool};

/// What kind of string a [`Field`] is; detectors weigh some kinds differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldKind {
    /// The tool name.
    Name,
    /// A title (tool or schema).
    Title,
    /// The tool description.
    Description,
    /// A parameter name (a key of `properties`).
    ParamName,
    /// A parameter description.
    ParamDescription,
    /// Enum values, `const`, defaults, examples.
    Value,
    /// A string annotation.
    Annotation,
    /// A prompt, resource or server instructions.
    Text,
}

/// One model-visible string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's place, e.g. `description`, `inputSchema.properties.notes.description`.
    pub path: String,
    /// Its kind.
    pub kind: FieldKind,
    /// The raw text.
    pub text: String,
}

/// A parameter of a tool: its name and description (for exfiltration-channel checks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name (the `properties` key).
    pub name: String,
    /// Schema path of the parameter.
    pub path: String,
    /// Its description, if any.
    pub description: String,
    /// Whether its schema type is (or may be) a string.
    pub free_text: bool,
}

/// Deepest schema nesting walked; deeper levels are ignored (hostile schemas stay bounded).
const MAX_DEPTH: usize = 24;
/// Most strings collected from one tool.
const MAX_FIELDS: usize = 4096;

/// The model-visible strings of a tool.
#[must_use]
pub fn tool_fields(tool: &Tool) -> (Vec<Field>, Vec<Param>) {
    let mut fields = vec![Field {
        path: "name".into(),
        kind: FieldKind::Name,
        text: tool.name.clone(),
    }];
    if let Some(title) = &tool.title {
        fields.push(Field {
            path: "title".into(),
            kind: FieldKind::Title,
            text: title.clone(),
        });
    }
    if let Some(d) = &tool.description {
        fields.push(Field {
            path: "description".into(),
            kind: FieldKind::Description,
            text: d.clone(),
        });
    }
    if let Some(Value::Object(map)) = &tool.annotations {
        for (k, v) in map {
            if let Value::String(s) = v {
                let kind = if k == "title" {
                    FieldKind::Title
                } else {
                    FieldKind::Annotation
                };
                fields.push(Field {
                    path: format!("annotations.{k}"),
                    kind,
                    text: s.clone(),
                });
            }
        }
    }
    let mut params = Vec::new();
    walk_schema(
        &tool.input_schema,
        "inputSchema",
        0,
        &mut fields,
        &mut params,
    );
    fields.truncate(MAX_FIELDS);
    (fields, params)
}

fn walk_schema(
    schema: &Value,
    path: &str,
    depth: usize,
    fields: &mut Vec<Field>,
    params: &mut Vec<Param>,
) {
    if depth > MAX_DEPTH || fields.len() >= MAX_FIELDS {
        return;
    }
    let Value::Object(map) = schema else {
        if let Value::Array(items) = schema {
            for (i, item) in items.iter().enumerate() {
                walk_schema(item, &format!("{path}[{i}]"), depth + 1, fields, params);
            }
        }
        return;
    };
    for (key, value) in map {
        let here = format!("{path}.{key}");
        match (key.as_str(), value) {
            ("description" | "title", Value::String(s)) => fields.push(Field {
                path: here,
                kind: if key == "title" {
                    FieldKind::Title
                } else {
                    FieldKind::ParamDescription
                },
                text: s.clone(),
            }),
            ("enum" | "examples" | "default" | "const", v) => push_values(v, &here, fields),
            (
                "properties" | "patternProperties" | "$defs" | "definitions",
                Value::Object(props),
            ) => {
                for (name, sub) in props {
                    let sub_path = format!("{here}.{name}");
                    if key == "properties" {
                        fields.push(Field {
                            path: format!("{sub_path} (parameter name)"),
                            kind: FieldKind::ParamName,
                            text: name.clone(),
                        });
                        params.push(Param {
                            name: name.clone(),
                            path: sub_path.clone(),
                            description: sub
                                .get("description")
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string(),
                            free_text: is_free_text(sub),
                        });
                    }
                    walk_schema(sub, &sub_path, depth + 1, fields, params);
                }
            }
            (_, Value::Object(_) | Value::Array(_)) => {
                walk_schema(value, &here, depth + 1, fields, params);
            }
            _ => {}
        }
    }
}

fn push_values(v: &Value, path: &str, fields: &mut Vec<Field>) {
    match v {
        Value::String(s) => fields.push(Field {
            path: path.to_string(),
            kind: FieldKind::Value,
            text: s.clone(),
        }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate().take(MAX_FIELDS) {
                push_values(item, &format!("{path}[{i}]"), fields);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                push_values(item, &format!("{path}.{k}"), fields);
            }
        }
        _ => {}
    }
}

/// A parameter that takes free text (string type, or no type constraint at all).
fn is_free_text(schema: &Value) -> bool {
    if schema.get("enum").is_some() || schema.get("const").is_some() {
        return false;
    }
    match schema.get("type") {
        None => schema.get("anyOf").is_none() && schema.get("oneOf").is_none(),
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        Some(_) => false,
    }
}

/// The fields of a prompt, resource or server instructions, named for the report.
#[must_use]
pub fn text_field(text: &ModelText) -> (String, Field) {
    let (label, path) = match text.kind {
        TextKind::Prompt => (format!("prompt `{}`", text.name), "prompt"),
        TextKind::Resource => (format!("resource `{}`", text.name), "resource"),
        TextKind::ServerInstructions => ("server instructions".to_string(), "instructions"),
    };
    (
        label,
        Field {
            path: path.to_string(),
            kind: FieldKind::Text,
            text: text.text.clone(),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use mcp_audit_core::model::{Origin, Via};

    #[test]
    fn walks_nested_schemas() {
        let tool = Tool {
            name: "t".into(),
            title: Some("T".into()),
            description: Some("d".into()),
            input_schema: serde_json::json!({
                "type": "object",
                "properties": {
                    "notes": {"type": "string", "description": "free notes"},
                    "mode": {"type": "string", "enum": ["a", "b"], "default": "a"},
                    "opts": {"type": "object", "properties": {
                        "deep": {"anyOf": [{"type": "string", "description": "deep one"}]}
                    }}
                }
            }),
            annotations: Some(serde_json::json!({"title": "Ann", "readOnlyHint": true})),
            origin: Origin {
                file: "x".into(),
                line: None,
                via: Via::Dynamic,
                style: None,
            },
            fingerprint: String::new(),
        };
        let (fields, params) = tool_fields(&tool);
        let texts: Vec<&str> = fields.iter().map(|f| f.text.as_str()).collect();
        for want in [
            "t",
            "T",
            "d",
            "Ann",
            "notes",
            "free notes",
            "a",
            "b",
            "deep",
            "deep one",
        ] {
            assert!(texts.contains(&want), "missing {want}: {texts:?}");
        }
        let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["notes", "mode", "opts", "deep"]);
        assert!(params[0].free_text);
        assert!(!params[1].free_text);
        assert!(fields
            .iter()
            .any(|f| f.path == "inputSchema.properties.opts.properties.deep.anyOf[0].description"));
    }
}
