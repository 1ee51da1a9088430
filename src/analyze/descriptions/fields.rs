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
    let (fields, params, _) = tool_fields_bounded(tool);
    (fields, params)
}

/// Where the walk of a tool's input schema stopped at a limit ([`MAX_DEPTH`] levels,
/// [`MAX_FIELDS`] strings): the schema path, and which limit. Text past it was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The schema path where reading stopped.
    pub path: String,
    /// `"depth"` or `"fields"`.
    pub limit: &'static str,
}

/// The model-visible strings of a tool, and where the walk stopped at a limit, if it did.
#[must_use]
pub fn tool_fields_bounded(tool: &Tool) -> (Vec<Field>, Vec<Param>, Option<Cut>) {
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
    let mut cut = None;
    walk_schema(
        &tool.input_schema,
        "inputSchema",
        0,
        &mut Walk {
            fields: &mut fields,
            params: &mut params,
            cut: &mut cut,
        },
    );
    if fields.len() > MAX_FIELDS && cut.is_none() {
        cut = Some(Cut {
            path: fields[MAX_FIELDS].path.clone(),
            limit: "fields",
        });
    }
    fields.truncate(MAX_FIELDS);
    (fields, params, cut)
}

/// The walk's outputs.
struct Walk<'a> {
    fields: &'a mut Vec<Field>,
    params: &'a mut Vec<Param>,
    cut: &'a mut Option<Cut>,
}

fn walk_schema(schema: &Value, path: &str, depth: usize, w: &mut Walk<'_>) {
    let over_depth = depth > MAX_DEPTH;
    if over_depth || w.fields.len() >= MAX_FIELDS {
        let holds_something = matches!(schema, Value::Object(m) if !m.is_empty())
            || matches!(schema, Value::Array(a) if !a.is_empty());
        if holds_something && w.cut.is_none() {
            *w.cut = Some(Cut {
                path: path.to_string(),
                limit: if over_depth { "depth" } else { "fields" },
            });
        }
        return;
    }
    let Value::Object(map) = schema else {
        if let Value::Array(items) = schema {
            for (i, item) in items.iter().enumerate() {
                walk_schema(item, &format!("{path}[{i}]"), depth + 1, w);
            }
        }
        return;
    };
    for (key, value) in map {
        let here = format!("{path}.{key}");
        match (key.as_str(), value) {
            ("description" | "title", Value::String(s)) => w.fields.push(Field {
                path: here,
                kind: if key == "title" {
                    FieldKind::Title
                } else {
                    FieldKind::ParamDescription
                },
                text: s.clone(),
            }),
            ("enum" | "examples" | "default" | "const", v) => push_values(v, &here, w.fields),
            (
                "properties" | "patternProperties" | "$defs" | "definitions",
                Value::Object(props),
            ) => {
                for (name, sub) in props {
                    let sub_path = format!("{here}.{name}");
                    if key == "properties" {
                        w.fields.push(Field {
                            path: format!("{sub_path} (parameter name)"),
                            kind: FieldKind::ParamName,
                            text: name.clone(),
                        });
                        w.params.push(Param {
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
                    walk_schema(sub, &sub_path, depth + 1, w);
                }
            }
            (_, Value::Object(_) | Value::Array(_)) => {
                walk_schema(value, &here, depth + 1, w);
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

    fn with_schema(schema: Value) -> Tool {
        Tool {
            name: "t".into(),
            title: None,
            description: Some("A tool.".into()),
            input_schema: schema,
            annotations: None,
            origin: Origin {
                file: "x".into(),
                line: None,
                via: Via::Static,
                style: None,
            },
            fingerprint: String::new(),
        }
    }

    #[test]
    fn a_schema_past_the_limits_says_where_reading_stopped() {
        // 30 levels of objects with a description at the bottom.
        let mut deep = serde_json::json!({"type": "string", "description": "deep text"});
        for _ in 0..30 {
            deep = serde_json::json!({"type": "object", "properties": {"x": deep}});
        }
        let (_, _, cut) = tool_fields_bounded(&with_schema(deep));
        let cut = cut.expect("a cut");
        assert_eq!(cut.limit, "depth");
        assert!(
            cut.path.starts_with("inputSchema.properties.x"),
            "{}",
            cut.path
        );
        // 5,000 enum values: more strings than are read.
        let values: Vec<String> = (0..5000).map(|i| format!("v{i}")).collect();
        let wide = serde_json::json!({"type": "object", "properties": {"k": {"type": "string", "enum": values}}});
        let (fields, _, cut) = tool_fields_bounded(&with_schema(wide));
        assert_eq!(fields.len(), MAX_FIELDS);
        assert_eq!(cut.expect("a cut").limit, "fields");
        // An ordinary schema is read whole.
        let plain = serde_json::json!({"type": "object", "properties": {"q": {"type": "string", "description": "Query"}}});
        assert_eq!(tool_fields_bounded(&with_schema(plain)).2, None);
    }

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
