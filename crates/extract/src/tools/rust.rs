//! Rust: rmcp `#[tool(...)]` methods.
//!
//! `#[tool(name = "…", title = "…", description = "…", annotations(read_only_hint = true, …))]`
//! on a function (usually in a `#[tool_router]` or older `#[tool(tool_box)]` impl). The name
//! defaults to the function's name and the description to its doc comment (each `///` line
//! trimmed, blank lines dropped, joined by `\n`, as rmcp's macro does). Parameters come from a
//! `Parameters<Args>` argument whose `Args` struct is in the same file: field types, `///` docs
//! and `#[schemars(description = "…")]`.

use std::collections::HashMap;

use serde_json::{Map, Value};
use tree_sitter::Node;

use super::value::{self, Bindings};
use super::{new_tool, Found};
use crate::source::SourceFile;
use mcp_audit_core::model::Via;

/// Extracts rmcp tools from one Rust file.
/// Whether the file can declare a tool at all (checked before parsing it).
pub(crate) fn may_declare(file: &SourceFile) -> bool {
    file.text.contains("tool")
}

pub(crate) fn extract(file: &SourceFile, found: &mut Found) {
    if !may_declare(file) {
        return;
    }
    let Some(tree) = file.tree() else { return };
    let src = file.text.as_str();
    let mut functions = Vec::new();
    let mut structs: HashMap<&str, Node<'_>> = HashMap::new();
    let mut consts = Bindings::default();
    value::walk(tree.root_node(), &mut |node| match node.kind() {
        "function_item" => functions.push(node),
        "struct_item" => {
            if let Some(name) = node.child_by_field_name("name") {
                structs.insert(value::text(src, name), node);
            }
        }
        "const_item" | "static_item" => {
            if let (Some(n), Some(v)) = (
                node.child_by_field_name("name"),
                node.child_by_field_name("value"),
            ) {
                consts.insert(value::text(src, n), v);
            }
        }
        _ => {}
    });
    consts.finish();
    let rs = Rs {
        src,
        structs,
        consts,
    };
    for function in functions {
        rs.function(file, function, found);
    }
}

struct Rs<'t> {
    src: &'t str,
    structs: HashMap<&'t str, Node<'t>>,
    consts: Bindings<'t>,
}

impl<'t> Rs<'t> {
    fn text(&self, node: Node<'_>) -> &'t str {
        value::text(self.src, node)
    }

    /// Attributes and doc comments written right before an item.
    fn preceding(&self, item: Node<'t>) -> (Vec<Node<'t>>, Vec<String>) {
        let mut attrs = Vec::new();
        let mut docs = Vec::new();
        let mut prev = item.prev_sibling();
        while let Some(p) = prev {
            match p.kind() {
                "attribute_item" => attrs.push(p),
                "line_comment" => {
                    let t = self.text(p);
                    match t.strip_prefix("///") {
                        Some(doc) if !doc.starts_with('/') => docs.push(doc.to_string()),
                        _ => {}
                    }
                }
                "block_comment" => {}
                _ => break,
            }
            prev = p.prev_sibling();
        }
        docs.reverse();
        (attrs, docs)
    }

    fn function(&self, file: &SourceFile, function: Node<'t>, found: &mut Found) {
        let (attrs, docs) = self.preceding(function);
        let Some(tool_attr) = attrs.iter().find_map(|a| {
            let attr = a.named_child(0)?;
            let path = attr.named_child(0)?;
            (self.text(path) == "tool").then_some(attr)
        }) else {
            return;
        };
        let args = tool_attr.child_by_field_name("arguments").or_else(|| {
            value::named_children(tool_attr)
                .into_iter()
                .find(|c| c.kind() == "token_tree")
        });
        let pairs = args.map(|a| self.pairs(a)).unwrap_or_default();
        // `#[tool(tool_box)]`, `#[tool(param)]`, `#[tool(aggr)]`: markers, not tools.
        if args.is_some_and(|a| {
            let t = self.text(a);
            matches!(t, "(tool_box)" | "(param)" | "(aggr)")
        }) {
            return;
        }
        let Some(fn_name) = function.child_by_field_name("name").map(|n| self.text(n)) else {
            return;
        };
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        };
        let name = match get("name") {
            Some(Value::String(n)) => n,
            _ => fn_name.to_string(),
        };
        let mut tool = new_tool(
            name,
            &file.path,
            SourceFile::line_of(tool_attr),
            Via::Static,
            "rmcp #[tool]",
        );
        tool.description = match get("description") {
            Some(Value::String(d)) => Some(d),
            Some(_) => None,
            None => doc_description(&docs),
        };
        if let Some(Value::String(t)) = get("title") {
            tool.title = Some(t);
        }
        if let Some(Value::Object(a)) = get("annotations") {
            tool.annotations = Some(Value::Object(
                a.into_iter()
                    .map(|(k, v)| (value::snake_to_camel(&k), v))
                    .collect(),
            ));
        }
        if let Some(schema) = self.parameters(function) {
            tool.input_schema = schema;
        }
        found.tools.push(tool);
    }

    /// `key = literal` pairs and `key(…)` groups of an attribute's token tree.
    fn pairs(&self, tree: Node<'t>) -> Vec<(String, Value)> {
        self.pairs_at(tree, 0)
    }

    fn pairs_at(&self, tree: Node<'t>, depth: u32) -> Vec<(String, Value)> {
        if depth > value::MAX_DEPTH {
            return Vec::new();
        }
        let children = value::named_children(tree);
        let mut out = Vec::new();
        let mut i = 0;
        while i < children.len() {
            let c = children[i];
            if c.kind() == "identifier" {
                let key = self.text(c).to_string();
                match children.get(i + 1) {
                    Some(next) if next.kind() == "token_tree" => {
                        let group = self.pairs_at(*next, depth + 1);
                        out.push((key, Value::Object(group.into_iter().collect())));
                        i += 2;
                        continue;
                    }
                    Some(next) => {
                        // `=` is anonymous: the next named child is the value.
                        if let Some(v) = self.literal(*next, 0) {
                            out.push((key, v));
                            i += 2;
                            continue;
                        }
                    }
                    None => {}
                }
            }
            i += 1;
        }
        out
    }

    fn literal(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        if depth > value::MAX_DEPTH {
            return None;
        }
        let raw = self.text(node);
        match node.kind() {
            "string_literal" => Some(Value::String(value::decode_c_like(
                raw.strip_prefix('"')?.strip_suffix('"')?,
            ))),
            "raw_string_literal" => {
                let body = raw.trim_start_matches('r').trim_start_matches('#');
                let hashes = raw.len() - raw.trim_end_matches('#').len();
                let body = body.get(1..body.len().checked_sub(1 + hashes)?)?;
                Some(Value::String(body.to_string()))
            }
            "boolean_literal" => Some(Value::Bool(raw == "true")),
            "integer_literal" => raw.parse::<i64>().ok().map(Value::from),
            "identifier" => {
                let bound = self.consts.lookup(raw, node.start_byte())?;
                self.literal(bound, depth + 1)
            }
            _ => None,
        }
    }

    /// The schema of a `Parameters<Args>` argument (or the older `#[tool(aggr)] args: Args`).
    fn parameters(&self, function: Node<'t>) -> Option<Value> {
        let params = function.child_by_field_name("parameters")?;
        for p in value::named_children(params) {
            if p.kind() != "parameter" {
                continue;
            }
            let ty = self.text(p.child_by_field_name("type")?);
            let inner = ty
                .strip_prefix("Parameters<")
                .and_then(|t| t.strip_suffix('>'))
                .unwrap_or(ty)
                .trim();
            let name = inner.rsplit("::").next().unwrap_or(inner);
            if let Some(s) = self.structs.get(name) {
                return Some(self.struct_schema(*s));
            }
        }
        None
    }

    fn struct_schema(&self, item: Node<'t>) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        if let Some(body) = item.child_by_field_name("body") {
            for field in value::named_children(body) {
                if field.kind() != "field_declaration" {
                    continue;
                }
                let (Some(n), Some(t)) = (
                    field.child_by_field_name("name"),
                    field.child_by_field_name("type"),
                ) else {
                    continue;
                };
                let (attrs, docs) = self.preceding(field);
                let ty = self.text(t);
                let (optional, mut schema) = rust_type(ty);
                let description = attrs
                    .iter()
                    .filter_map(|a| a.named_child(0))
                    .filter(|a| a.named_child(0).is_some_and(|p| self.text(p) == "schemars"))
                    .filter_map(|a| {
                        value::named_children(a)
                            .into_iter()
                            .find(|c| c.kind() == "token_tree")
                    })
                    .flat_map(|tt| self.pairs(tt))
                    .find(|(k, _)| k == "description")
                    .map(|(_, v)| v)
                    .or_else(|| doc_description(&docs).map(Value::String));
                if let (Some(d), Value::Object(map)) = (description, &mut schema) {
                    map.insert("description".into(), d);
                }
                let name = self.text(n).to_string();
                if !optional {
                    required.push(Value::String(name.clone()));
                }
                properties.insert(name, schema);
            }
        }
        let mut schema = serde_json::json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            schema["required"] = Value::Array(required);
        }
        schema
    }
}

/// rmcp's doc-comment description: each line trimmed, blank lines dropped, joined by `\n`.
fn doc_description(docs: &[String]) -> Option<String> {
    let lines: Vec<&str> = docs
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Whether a field type may be omitted, and its JSON schema.
fn rust_type(ty: &str) -> (bool, Value) {
    let ty = ty.trim();
    if let Some(inner) = ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')) {
        return (true, rust_type(inner).1);
    }
    if let Some(inner) = ty.strip_prefix("Vec<").and_then(|t| t.strip_suffix('>')) {
        return (
            false,
            serde_json::json!({"type": "array", "items": rust_type(inner).1}),
        );
    }
    let t = match ty {
        "String" | "&str" | "str" | "PathBuf" => "string",
        "bool" => "boolean",
        "f32" | "f64" => "number",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "u8" | "u16" | "u32" | "u64" | "u128"
        | "usize" => "integer",
        _ if ty.starts_with("HashMap<") || ty.starts_with("BTreeMap<") => "object",
        _ => return (false, Value::Object(Map::new())),
    };
    (false, serde_json::json!({"type": t}))
}
