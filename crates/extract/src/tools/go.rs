//! Go: mark3labs/mcp-go `mcp.NewTool(...)` and the official SDK's `mcp.Tool{...}` literals.
//!
//! - `mcp.NewTool("name", mcp.WithDescription("…"), mcp.WithTitleAnnotation("…"),
//!   mcp.WithReadOnlyHintAnnotation(true), mcp.WithString("p", mcp.Required(),
//!   mcp.Description("…"), mcp.Enum("a", "b")), mcp.WithNumber(…), …)`;
//! - `&mcp.Tool{Name: "…", Title: "…", Description: "…", Annotations: &mcp.ToolAnnotations{…}}`
//!   (the official SDK infers the input schema from the handler's argument struct; its
//!   `jsonschema:"…"` field tags are not followed here).
//!
//! Strings may be literals (interpreted or raw), `+` concatenations, or package constants.

use serde_json::{Map, Value};
use tree_sitter::Node;

use super::value::{self, Bindings, Budget};
use super::{new_tool, Found};
use crate::source::SourceFile;
use mcp_audit_core::model::Via;

/// Extracts tools from one Go file.
/// Whether the file can declare a tool at all (checked before parsing it).
pub(crate) fn may_declare(file: &SourceFile) -> bool {
    file.text.contains("NewTool") || file.text.contains("Tool{")
}

pub(crate) fn extract(file: &SourceFile, found: &mut Found) {
    if !may_declare(file) {
        return;
    }
    let Some(tree) = file.tree() else { return };
    let src = file.text.as_str();
    let mut consts = Bindings::default();
    let mut calls = Vec::new();
    let mut literals = Vec::new();
    value::walk(tree.root_node(), &mut |node| match node.kind() {
        "const_spec" | "var_spec" => {
            let names: Vec<Node<'_>> = value::named_children(node)
                .into_iter()
                .filter(|c| c.kind() == "identifier")
                .collect();
            if let Some(values) = node.child_by_field_name("value") {
                for (n, v) in names.iter().zip(value::named_children(values)) {
                    consts.insert(value::text(src, *n), v);
                }
            }
        }
        "call_expression" => calls.push(node),
        "composite_literal" => literals.push(node),
        _ => {}
    });
    consts.finish();
    let go = Go {
        src,
        consts,
        budget: Budget::default(),
    };
    for call in calls {
        if go.selector(call).as_deref() == Some("NewTool") {
            go.new_tool(file, call, found);
        }
    }
    for literal in literals {
        go.tool_literal(file, literal, found);
    }
}

struct Go<'t> {
    src: &'t str,
    consts: Bindings<'t>,
    budget: Budget,
}

impl<'t> Go<'t> {
    fn text(&self, node: Node<'_>) -> &'t str {
        value::text(self.src, node)
    }

    /// The called function's name: `pkg.Name(…)` or `Name(…)`.
    fn selector(&self, call: Node<'t>) -> Option<String> {
        let f = call.child_by_field_name("function")?;
        Some(match f.kind() {
            "selector_expression" => self.text(f.child_by_field_name("field")?).to_string(),
            "identifier" => self.text(f).to_string(),
            _ => return None,
        })
    }

    fn args(call: Node<'t>) -> Vec<Node<'t>> {
        call.child_by_field_name("arguments")
            .map(value::named_children)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| n.kind() != "comment")
            .collect()
    }

    fn eval(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        if depth > value::MAX_DEPTH || !self.budget.step() {
            return None;
        }
        let raw = self.text(node);
        match node.kind() {
            "interpreted_string_literal" => Some(Value::String(value::decode_c_like(
                raw.strip_prefix('"')?.strip_suffix('"')?,
            ))),
            "raw_string_literal" => Some(Value::String(
                raw.strip_prefix('`')?.strip_suffix('`')?.replace('\r', ""),
            )),
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            "int_literal" => raw.parse::<i64>().ok().map(Value::from),
            "float_literal" => raw
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            "parenthesized_expression" | "literal_element" => {
                self.eval(node.named_child(0)?, depth + 1)
            }
            "identifier" => {
                let bound = self.consts.lookup(raw, node.start_byte())?;
                self.eval(bound, depth + 1)
            }
            "binary_expression" => {
                if self.text(node.child_by_field_name("operator")?) != "+" {
                    return None;
                }
                let l = self.eval(node.child_by_field_name("left")?, depth + 1)?;
                let r = self.eval(node.child_by_field_name("right")?, depth + 1)?;
                match (l, r) {
                    (Value::String(a), Value::String(b)) => {
                        value::concat(&a, &b).map(Value::String)
                    }
                    _ => None,
                }
            }
            // `mcp.ToBoolPtr(true)`, `ptr(true)`: the value inside.
            "call_expression" => {
                let args = Self::args(node);
                match args.as_slice() {
                    [one] => self.eval(*one, depth + 1),
                    _ => None,
                }
            }
            "unary_expression" => self.eval(node.child_by_field_name("operand")?, depth + 1),
            _ => None,
        }
    }

    fn string(&self, node: Node<'t>) -> Option<String> {
        match self.eval(node, 0)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// `mcp.NewTool("name", options…)`.
    fn new_tool(&self, file: &SourceFile, call: Node<'t>, found: &mut Found) {
        let args = Self::args(call);
        let Some(name) = args.first().and_then(|a| self.string(*a)) else {
            return;
        };
        let mut tool = new_tool(
            name,
            &file.path,
            SourceFile::line_of(call),
            Via::Static,
            "mcp-go NewTool",
        );
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut annotations = Map::new();
        for option in args.iter().skip(1) {
            if option.kind() != "call_expression" {
                continue;
            }
            let Some(kind) = self.selector(*option) else {
                continue;
            };
            let opt_args = Self::args(*option);
            let first = opt_args.first().copied();
            match kind.as_str() {
                "WithDescription" => tool.description = first.and_then(|f| self.string(f)),
                "WithTitleAnnotation" => {
                    if let Some(t) = first.and_then(|f| self.string(f)) {
                        annotations.insert("title".into(), Value::String(t));
                    }
                }
                "WithReadOnlyHintAnnotation"
                | "WithDestructiveHintAnnotation"
                | "WithIdempotentHintAnnotation"
                | "WithOpenWorldHintAnnotation" => {
                    let key = kind
                        .trim_start_matches("With")
                        .trim_end_matches("Annotation");
                    let key = format!("{}{}", key[..1].to_ascii_lowercase(), &key[1..]);
                    if let Some(v) = first.and_then(|f| self.eval(f, 0)) {
                        annotations.insert(key, v);
                    }
                }
                "WithString" | "WithNumber" | "WithBoolean" | "WithArray" | "WithObject"
                | "WithInteger" => {
                    let Some(pname) = first.and_then(|f| self.string(f)) else {
                        continue;
                    };
                    let ty = match kind.as_str() {
                        "WithString" => "string",
                        "WithNumber" => "number",
                        "WithInteger" => "integer",
                        "WithBoolean" => "boolean",
                        "WithArray" => "array",
                        _ => "object",
                    };
                    let mut schema = Map::new();
                    schema.insert("type".into(), Value::String(ty.into()));
                    for prop in opt_args.iter().skip(1) {
                        if prop.kind() != "call_expression" {
                            continue;
                        }
                        let pargs = Self::args(*prop);
                        match self.selector(*prop).as_deref() {
                            Some("Required") => required.push(Value::String(pname.clone())),
                            Some("Description") => {
                                if let Some(d) = pargs.first().and_then(|a| self.string(*a)) {
                                    schema.insert("description".into(), Value::String(d));
                                }
                            }
                            Some("Title") => {
                                if let Some(d) = pargs.first().and_then(|a| self.string(*a)) {
                                    schema.insert("title".into(), Value::String(d));
                                }
                            }
                            Some("Enum") => {
                                let values: Vec<Value> =
                                    pargs.iter().filter_map(|a| self.eval(*a, 0)).collect();
                                schema.insert("enum".into(), Value::Array(values));
                            }
                            Some(d) if d.starts_with("Default") => {
                                if let Some(v) = pargs.first().and_then(|a| self.eval(*a, 0)) {
                                    schema.insert("default".into(), v);
                                }
                            }
                            _ => {}
                        }
                    }
                    properties.insert(pname, Value::Object(schema));
                }
                _ => {}
            }
        }
        let mut schema = serde_json::json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        tool.input_schema = schema;
        if !annotations.is_empty() {
            tool.annotations = Some(Value::Object(annotations));
        }
        found.tools.push(tool);
    }

    /// Keyed fields of a composite literal.
    fn fields(&self, literal: Node<'t>) -> Vec<(&'t str, Node<'t>)> {
        let Some(body) = literal.child_by_field_name("body") else {
            return Vec::new();
        };
        value::named_children(body)
            .into_iter()
            .filter(|e| e.kind() == "keyed_element")
            .filter_map(|e| {
                let parts = value::named_children(e);
                let key = parts.first()?;
                let key = if key.kind() == "literal_element" {
                    key.named_child(0)?
                } else {
                    *key
                };
                let value = *parts.get(1)?;
                let value = if value.kind() == "literal_element" {
                    value.named_child(0)?
                } else {
                    value
                };
                Some((self.text(key), value))
            })
            .collect()
    }

    /// `mcp.Tool{Name: …, Description: …}` of the official SDK.
    fn tool_literal(&self, file: &SourceFile, literal: Node<'t>, found: &mut Found) {
        let Some(ty) = literal.child_by_field_name("type") else {
            return;
        };
        let ty = self.text(ty);
        if ty != "mcp.Tool" && ty != "Tool" {
            return;
        }
        let fields = self.fields(literal);
        let get = |k: &str| fields.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let Some(name) = get("Name").and_then(|n| self.string(n)) else {
            return;
        };
        let mut tool = new_tool(
            name,
            &file.path,
            SourceFile::line_of(literal),
            Via::Static,
            "go-sdk mcp.Tool",
        );
        tool.description = get("Description").and_then(|d| self.string(d));
        tool.title = get("Title").and_then(|d| self.string(d));
        if let Some(mut a) = get("Annotations") {
            if a.kind() == "unary_expression" {
                a = a.child_by_field_name("operand").unwrap_or(a);
            }
            if a.kind() == "composite_literal" {
                let map: Map<String, Value> = self
                    .fields(a)
                    .into_iter()
                    .filter_map(|(k, v)| {
                        let key = format!("{}{}", k.get(..1)?.to_ascii_lowercase(), k.get(1..)?);
                        Some((key, self.eval(v, 0)?))
                    })
                    .collect();
                tool.annotations = Some(Value::Object(map));
            }
        }
        found.tools.push(tool);
    }
}
