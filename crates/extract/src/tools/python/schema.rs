//! Parameter schemas: what FastMCP derives from a signature (types, defaults, `Field`s,
//! `Annotated`), pydantic models, and docstrings.

use super::*;

impl<'t> Py<'_, 't> {
    /// The docstring as `fn.__doc__` holds it (before any cleaning).
    pub(super) fn docstring_raw(&self, def: Node<'t>) -> Option<String> {
        let body = def.child_by_field_name("body")?;
        let first = body.named_child(0)?;
        if first.kind() != "expression_statement" {
            return None;
        }
        let expr = first.named_child(0)?;
        if !matches!(expr.kind(), "string" | "concatenated_string") {
            return None;
        }
        let doc = self.string(expr, 0)?;
        Some(if self.options.dedented_docstrings {
            compiler_cleandoc(&doc)
        } else {
            doc
        })
    }

    /// The arguments schema FastMCP derives from a signature (types, defaults, `Field`s).
    pub(super) fn signature_schema(&self, def: Node<'t>) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let Some(params) = def.child_by_field_name("parameters") else {
            return mcp_audit_core::model::empty_object_schema();
        };
        for param in value::named_children(params) {
            let (name, ty, default) = match param.kind() {
                "identifier" => (Some(param), None, None),
                "typed_parameter" => (
                    param.named_child(0).filter(|n| n.kind() == "identifier"),
                    param.child_by_field_name("type"),
                    None,
                ),
                "default_parameter" | "typed_default_parameter" => (
                    param.child_by_field_name("name"),
                    param.child_by_field_name("type"),
                    param.child_by_field_name("value"),
                ),
                _ => continue,
            };
            let Some(name) = name.map(|n| self.text(n)) else {
                continue;
            };
            let type_text = ty.map_or("", |t| self.text(t));
            if matches!(name, "self" | "cls") || type_text.contains("Context") {
                continue;
            }
            let mut schema =
                ty.map_or_else(|| Value::Object(Map::new()), |t| self.type_schema(t, 0));
            let mut has_default = default.is_some();
            if let Some(d) = default {
                if self.is_field_call(d) {
                    has_default = self.field_into(d, &mut schema);
                } else if let (Some(v), Value::Object(map)) = (self.eval(d, 0), &mut schema) {
                    map.insert("default".into(), v);
                }
            }
            if !has_default {
                required.push(Value::String(name.to_string()));
            }
            properties.insert(name.to_string(), schema);
        }
        let mut schema = serde_json::json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        schema
    }

    pub(super) fn is_field_call(&self, node: Node<'t>) -> bool {
        node.kind() == "call"
            && node
                .child_by_field_name("function")
                .is_some_and(|f| self.text(f).ends_with("Field"))
    }

    /// Copies `Field(description=…, default=…, …)` into a schema; whether it gives a default.
    pub(super) fn field_into(&self, call: Node<'t>, schema: &mut Value) -> bool {
        let Some(args) = call.child_by_field_name("arguments") else {
            return false;
        };
        let (positional, keywords) = self.arguments(args);
        let Value::Object(map) = schema else {
            return false;
        };
        let mut has_default = false;
        if let Some(first) = positional.first() {
            if self.text(*first) != "..." {
                has_default = true;
                if let Some(v) = self.eval(*first, 0) {
                    map.insert("default".into(), v);
                }
            }
        }
        for (k, v) in keywords {
            match k {
                "description" | "title" | "examples" | "pattern" => {
                    if let Some(v) = self.eval(v, 0) {
                        map.insert(k.to_string(), v);
                    }
                }
                "default" => {
                    has_default = true;
                    if let Some(v) = self.eval(v, 0) {
                        map.insert("default".into(), v);
                    }
                }
                "default_factory" => has_default = true,
                "ge" | "le" | "gt" | "lt" => {
                    let key = match k {
                        "ge" => "minimum",
                        "le" => "maximum",
                        "gt" => "exclusiveMinimum",
                        _ => "exclusiveMaximum",
                    };
                    if let Some(v) = self.eval(v, 0) {
                        map.insert(key.into(), v);
                    }
                }
                _ => {}
            }
        }
        has_default
    }

    /// JSON schema of a type annotation.
    pub(super) fn type_schema(&self, node: Node<'t>, depth: u32) -> Value {
        if depth > MAX_DEPTH {
            return Value::Object(Map::new());
        }
        match node.kind() {
            "type" => match node.named_child(0) {
                Some(inner) => self.type_schema(inner, depth + 1),
                None => Value::Object(Map::new()),
            },
            "identifier" | "attribute" => {
                let name = self.text(node);
                let name = name.rsplit('.').next().unwrap_or(name);
                let ty = match name {
                    "str" => "string",
                    "int" => "integer",
                    "float" => "number",
                    "bool" => "boolean",
                    "list" | "List" | "Sequence" | "tuple" | "Tuple" | "set" | "Set" => "array",
                    "dict" | "Dict" | "Mapping" => "object",
                    "None" => "null",
                    _ => {
                        if let Some(class) = self.classes.get(name) {
                            return self.model_schema(*class, depth + 1);
                        }
                        return Value::Object(Map::new());
                    }
                };
                serde_json::json!({"type": ty})
            }
            "none" => serde_json::json!({"type": "null"}),
            "binary_operator" => {
                // X | None
                let (Some(l), Some(r)) = (
                    node.child_by_field_name("left"),
                    node.child_by_field_name("right"),
                ) else {
                    return Value::Object(Map::new());
                };
                let (l, r) = (
                    self.type_schema(l, depth + 1),
                    self.type_schema(r, depth + 1),
                );
                if r.get("type").and_then(Value::as_str) == Some("null") {
                    return l;
                }
                if l.get("type").and_then(Value::as_str) == Some("null") {
                    return r;
                }
                serde_json::json!({"anyOf": [l, r]})
            }
            "generic_type" | "subscript" => {
                let children = value::named_children(node);
                let Some(head) = children.first() else {
                    return Value::Object(Map::new());
                };
                let head_name = self.text(*head);
                let head_name = head_name.rsplit('.').next().unwrap_or(head_name);
                let params: Vec<Node<'t>> = children[1..]
                    .iter()
                    .flat_map(|c| {
                        if c.kind() == "type_parameter" {
                            value::named_children(*c)
                        } else {
                            vec![*c]
                        }
                    })
                    .collect();
                match head_name {
                    "Annotated" => {
                        let mut schema = params.first().map_or_else(
                            || Value::Object(Map::new()),
                            |t| self.type_schema(*t, depth + 1),
                        );
                        for extra in params.iter().skip(1) {
                            let call = if extra.kind() == "type" {
                                extra.named_child(0)
                            } else {
                                Some(*extra)
                            };
                            if let Some(call) = call.filter(|c| self.is_field_call(*c)) {
                                self.field_into(call, &mut schema);
                            }
                        }
                        schema
                    }
                    "Optional" => params.first().map_or_else(
                        || Value::Object(Map::new()),
                        |t| self.type_schema(*t, depth + 1),
                    ),
                    "Literal" => {
                        let values: Vec<Value> = params
                            .iter()
                            .filter_map(|p| {
                                let p = if p.kind() == "type" {
                                    p.named_child(0)?
                                } else {
                                    *p
                                };
                                self.eval(p, depth + 1)
                            })
                            .collect();
                        serde_json::json!({"enum": values})
                    }
                    "list" | "List" | "Sequence" | "set" | "Set" | "tuple" | "Tuple" => {
                        let mut s = serde_json::json!({"type": "array"});
                        if let Some(item) = params.first() {
                            s["items"] = self.type_schema(*item, depth + 1);
                        }
                        s
                    }
                    "dict" | "Dict" | "Mapping" => serde_json::json!({"type": "object"}),
                    "Union" => {
                        let any: Vec<Value> = params
                            .iter()
                            .map(|p| self.type_schema(*p, depth + 1))
                            .filter(|s| s.get("type").and_then(Value::as_str) != Some("null"))
                            .collect();
                        match <[Value; 1]>::try_from(any) {
                            Ok([one]) => one,
                            Err(any) => serde_json::json!({"anyOf": any}),
                        }
                    }
                    _ => Value::Object(Map::new()),
                }
            }
            _ => Value::Object(Map::new()),
        }
    }

    /// A pydantic model's fields as an object schema.
    pub(super) fn model_schema(&self, class: Node<'t>, depth: u32) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        if depth <= MAX_DEPTH {
            if let Some(body) = class.child_by_field_name("body") {
                for stmt in value::named_children(body) {
                    let Some(a) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                        continue;
                    };
                    let (Some(left), Some(ty)) =
                        (a.child_by_field_name("left"), a.child_by_field_name("type"))
                    else {
                        continue;
                    };
                    let name = self.text(left);
                    let mut schema = self.type_schema(ty, depth + 1);
                    let mut has_default = false;
                    if let Some(right) = a.child_by_field_name("right") {
                        if self.is_field_call(right) {
                            has_default = self.field_into(right, &mut schema);
                        } else {
                            has_default = true;
                            if let (Some(v), Value::Object(map)) =
                                (self.eval(right, 0), &mut schema)
                            {
                                map.insert("default".into(), v);
                            }
                        }
                    }
                    if !has_default {
                        required.push(Value::String(name.to_string()));
                    }
                    properties.insert(name.to_string(), schema);
                }
            }
        }
        let mut schema = serde_json::json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        schema
    }
}

/// What the Python 3.13+ compiler stores as a docstring: the first line without its leading
/// whitespace, the common indentation of the other lines removed, whitespace-only lines emptied
/// (blank first and last lines are kept, unlike `inspect.cleandoc`).
pub(super) fn compiler_cleandoc(doc: &str) -> String {
    let mut lines = doc.split('\n');
    let first = lines.next().unwrap_or("").trim_start();
    let rest: Vec<&str> = lines.collect();
    let margin = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::from(first);
    for line in rest {
        out.push('\n');
        if !line.trim().is_empty() {
            out.push_str(line.get(margin..).unwrap_or(line.trim_start()));
        }
    }
    out
}
