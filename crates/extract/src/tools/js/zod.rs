//! Parameter schemas: zod chains (`z.string().describe(…)`, `z.object({…})`, raw shapes),
//! `zodToJsonSchema(…)` of one, and literal JSON schema objects.

use super::*;

impl<'e, 't> Eval<'e, 't> {
    /// The JSON schema of a tool's `inputSchema` / `parameters` / schema argument.
    pub(super) fn schema(&self, node: Node<'t>) -> Value {
        self.schema_opt(node, 0)
            .unwrap_or_else(mcp_audit_core::model::empty_object_schema)
    }

    pub(super) fn schema_opt(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        // `schema.shape`: the raw shape of a `z.object`, the same JSON Schema.
        if node.kind() == "member_expression"
            && node
                .child_by_field_name("property")
                .is_some_and(|p| self.text(p) == "shape")
        {
            return self.schema_opt(node.child_by_field_name("object")?, depth + 1);
        }
        let (ev, node) = self.resolve(node, depth + 1)?;
        match node.kind() {
            "object" => {
                let pairs = ev.pairs(node, depth + 1);
                let zod: Vec<(String, Zod)> = pairs
                    .iter()
                    .filter_map(|(k, e, n)| e.zod(*n, depth + 1).map(|z| (k.clone(), z)))
                    .collect();
                if zod.is_empty()
                    || (pairs.iter().any(|(k, _, _)| k == "type") && zod.len() < pairs.len())
                {
                    return ev.eval_here(node, depth + 1);
                }
                Some(object_schema(zod))
            }
            "call_expression" => {
                if let Some(z) = ev.zod(node, depth + 1) {
                    return Some(z.schema);
                }
                // zodToJsonSchema(schema, …), z.toJSONSchema(schema), toJsonSchema(schema)
                let function = ev.text(node.child_by_field_name("function")?);
                let args = arguments(node.child_by_field_name("arguments")?);
                if function.to_ascii_lowercase().contains("jsonschema") {
                    return ev.schema_opt(*args.first()?, depth + 1);
                }
                None
            }
            _ => None,
        }
    }

    /// A zod chain as JSON schema.
    pub(super) fn zod(&self, node: Node<'t>, depth: u32) -> Option<Zod> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        let (ev, node) = self.resolve(node, depth + 1)?;
        if node.kind() != "call_expression" {
            return None;
        }
        let function = node.child_by_field_name("function")?;
        if function.kind() != "member_expression" {
            return None;
        }
        let method = ev.text(function.child_by_field_name("property")?);
        let object = function.child_by_field_name("object")?;
        let argv = arguments(node.child_by_field_name("arguments")?);
        // Evaluated once: a chain `z.a().b().c()` is walked in linear time.
        match ev.zod(object, depth + 1) {
            Some(mut z) => {
                ev.zod_modifier(&mut z, method, &argv, depth);
                Some(z)
            }
            None if matches!(object.kind(), "identifier" | "member_expression") => {
                ev.zod_base(method, &argv, depth)
            }
            None => None,
        }
    }

    pub(super) fn zod_base(&self, method: &str, argv: &[Node<'t>], depth: u32) -> Option<Zod> {
        let first = argv.first().copied();
        let schema = match method {
            "string" | "email" | "url" | "uuid" | "datetime" | "iso" => {
                let mut s = serde_json::json!({"type": "string"});
                if matches!(method, "email" | "url" | "uuid") {
                    s["format"] = Value::String(if method == "url" {
                        "uri".into()
                    } else {
                        method.into()
                    });
                }
                s
            }
            "number" => serde_json::json!({"type": "number"}),
            "int" | "bigint" => serde_json::json!({"type": "integer"}),
            "boolean" => serde_json::json!({"type": "boolean"}),
            "date" => serde_json::json!({"type": "string", "format": "date-time"}),
            "null" => serde_json::json!({"type": "null"}),
            "any" | "unknown" => serde_json::json!({}),
            "object" | "strictObject" | "looseObject" => {
                let shape = match first {
                    Some(f) => {
                        let (ev, obj) = self.resolve(f, depth + 1)?;
                        if obj.kind() != "object" {
                            return None;
                        }
                        ev.pairs(obj, depth + 1)
                            .into_iter()
                            .filter_map(|(k, e, n)| e.zod(n, depth + 1).map(|z| (k, z)))
                            .collect()
                    }
                    None => Vec::new(),
                };
                object_schema(shape)
            }
            "array" => {
                let items = first.and_then(|f| self.zod(f, depth + 1)).map(|z| z.schema);
                let mut s = serde_json::json!({"type": "array"});
                if let Some(items) = items {
                    s["items"] = items;
                }
                s
            }
            "enum" => {
                let values = first.and_then(|f| self.eval(f, depth + 1))?;
                let values = match values {
                    Value::Object(map) => Value::Array(map.into_values().collect()),
                    other => other,
                };
                serde_json::json!({"type": "string", "enum": values})
            }
            "nativeEnum" => {
                let Value::Object(map) = first.and_then(|f| self.eval(f, depth + 1))? else {
                    return None;
                };
                serde_json::json!({"enum": map.into_values().collect::<Vec<_>>()})
            }
            "literal" => serde_json::json!({"const": self.eval(first?, depth + 1)?}),
            "union" | "discriminatedUnion" => {
                let options = argv
                    .iter()
                    .find(|a| a.kind() == "array")
                    .copied()
                    .or(first)?;
                let (ev, arr) = self.resolve(options, depth + 1)?;
                let any: Vec<Value> = value::named_children(arr)
                    .into_iter()
                    .filter_map(|o| ev.zod(o, depth + 1).map(|z| z.schema))
                    .collect();
                serde_json::json!({"anyOf": any})
            }
            "record" => {
                let values = argv.last().and_then(|v| self.zod(*v, depth + 1));
                let mut s = serde_json::json!({"type": "object"});
                if let Some(v) = values {
                    s["additionalProperties"] = v.schema;
                }
                s
            }
            "tuple" => serde_json::json!({"type": "array"}),
            "optional" | "nullable" => {
                let mut z = self.zod(first?, depth + 1)?;
                z.optional |= method == "optional";
                return Some(z);
            }
            _ => return None,
        };
        Some(Zod {
            schema,
            optional: false,
        })
    }

    pub(super) fn zod_modifier(&self, z: &mut Zod, method: &str, argv: &[Node<'t>], depth: u32) {
        let first = argv.first().copied();
        let set = |z: &mut Zod, k: &str, v: Value| {
            if let Value::Object(map) = &mut z.schema {
                map.insert(k.to_string(), v);
            }
        };
        let kind = z
            .schema
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        match method {
            "describe" => {
                if let Some(d) = first.and_then(|f| self.string(f, depth + 1)) {
                    set(z, "description", Value::String(d));
                }
            }
            "meta" => {
                if let Some(Value::Object(meta)) = first.and_then(|f| self.eval(f, depth + 1)) {
                    for (k, v) in meta {
                        if matches!(k.as_str(), "description" | "title" | "examples") {
                            set(z, &k, v);
                        }
                    }
                }
            }
            "optional" | "nullish" => z.optional = true,
            "default" | "catch" => {
                z.optional = true;
                if let Some(v) = first.and_then(|f| self.eval(f, depth + 1)) {
                    set(z, "default", v);
                }
            }
            "int" => set(z, "type", Value::String("integer".into())),
            "email" | "uuid" | "datetime" => set(z, "format", Value::String(method.into())),
            "url" => set(z, "format", Value::String("uri".into())),
            "min" | "max" | "length" | "gte" | "lte" | "gt" | "lt" | "nonempty" => {
                let n = first
                    .and_then(|f| self.eval(f, depth + 1))
                    .unwrap_or(Value::from(1));
                let key = match (kind.as_str(), method) {
                    ("string", "min" | "gte" | "nonempty") => "minLength",
                    ("string", "max" | "lte") => "maxLength",
                    ("array", "min" | "gte" | "nonempty") => "minItems",
                    ("array", "max" | "lte") => "maxItems",
                    (_, "min" | "gte") => "minimum",
                    (_, "max" | "lte") => "maximum",
                    (_, "gt") => "exclusiveMinimum",
                    (_, "lt") => "exclusiveMaximum",
                    _ => return,
                };
                set(z, key, n);
            }
            "positive" => set(z, "exclusiveMinimum", Value::from(0)),
            "nonnegative" => set(z, "minimum", Value::from(0)),
            "regex" => {}
            "array" => {
                z.schema = serde_json::json!({"type": "array", "items": z.schema.clone()});
            }
            "or" => {
                if let Some(other) = first.and_then(|f| self.zod(f, depth + 1)) {
                    z.schema = serde_json::json!({"anyOf": [z.schema.clone(), other.schema]});
                }
            }
            "extend" | "merge" => {
                let extra = first.and_then(|f| self.schema_opt(f, depth + 1));
                if let (Some(Value::Object(extra)), Value::Object(map)) = (extra, &mut z.schema) {
                    if let (Some(Value::Object(p)), Some(Value::Object(more))) =
                        (map.get_mut("properties"), extra.get("properties"))
                    {
                        for (k, v) in more {
                            p.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// A zod type as JSON schema, and whether it may be omitted.
pub(super) struct Zod {
    pub(super) schema: Value,
    pub(super) optional: bool,
}

pub(super) fn object_schema(shape: Vec<(String, Zod)>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (key, z) in shape {
        if !z.optional {
            required.push(Value::String(key.clone()));
        }
        properties.insert(key, z.schema);
    }
    let mut schema = serde_json::json!({"type": "object", "properties": properties});
    if !required.is_empty() {
        schema["required"] = Value::Array(required);
    }
    schema
}
