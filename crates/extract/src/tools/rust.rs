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
    file.text.contains("tool") || file.text.contains("Tool")
}

pub(crate) fn extract(file: &SourceFile, found: &mut Found) {
    if !may_declare(file) {
        return;
    }
    let Some(tree) = file.tree() else { return };
    let src = file.text.as_str();
    let mut functions = Vec::new();
    let mut literals = Vec::new();
    let mut macros = Vec::new();
    let mut structs: HashMap<&str, Node<'_>> = HashMap::new();
    let mut consts = Bindings::default();
    value::walk(tree.root_node(), &mut |node| match node.kind() {
        "function_item" => functions.push(node),
        "call_expression" | "struct_expression" => literals.push(node),
        "macro_invocation" => macros.push(node),
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
    let mut rs = Rs {
        src,
        structs,
        consts,
        known: Known::default(),
    };
    rs.known = rs.known_values(&functions);
    for function in &functions {
        rs.function(file, *function, found);
    }
    for node in literals {
        rs.tool_value(file, node, found);
    }
    for node in macros {
        rs.macro_tools(file, node, found);
    }
}

/// What a file's constants and schema functions hold, for code re-read out of a macro's
/// tokens (`vec![Tool::new("x", HELP, schema()), …]`).
#[derive(Default)]
struct Known {
    consts: HashMap<String, Value>,
    /// Functions whose body builds a `json!({…})` of literals, by name.
    schemas: HashMap<String, Value>,
}

struct Rs<'t> {
    src: &'t str,
    structs: HashMap<&'t str, Node<'t>>,
    consts: Bindings<'t>,
    known: Known,
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
            "identifier" => match self.consts.lookup(raw, node.start_byte()) {
                Some(bound) => self.literal(bound, depth + 1),
                None => self.known.consts.get(raw).cloned(),
            },
            _ => None,
        }
    }

    /// A tool written by hand, as a server's own `list_tools` returns them:
    /// `Tool::new(name, description, schema)` or `Tool { name, description, input_schema, .. }`.
    /// A description that is not a constant (read from a field, fetched, formatted) is unknown.
    fn tool_value(&self, file: &SourceFile, node: Node<'t>, found: &mut Found) {
        let (name, description, schema, style) = match node.kind() {
            "call_expression" => {
                let Some(function) = node.child_by_field_name("function") else {
                    return;
                };
                let path = self.text(function);
                if !(path == "Tool::new" || path.ends_with("::Tool::new")) {
                    return;
                }
                let Some(args) = node.child_by_field_name("arguments") else {
                    return;
                };
                let argv = value::named_children(args);
                (
                    argv.first().copied(),
                    argv.get(1).copied(),
                    argv.get(2).copied(),
                    "rmcp Tool::new",
                )
            }
            _ => {
                let Some(ty) = node.child_by_field_name("name") else {
                    return;
                };
                let ty = self.text(ty);
                if !(ty == "Tool" || ty.ends_with("::Tool")) {
                    return;
                }
                let Some(body) = node.child_by_field_name("body") else {
                    return;
                };
                let field = |key: &str| {
                    value::named_children(body).into_iter().find_map(|f| {
                        let name = f.child_by_field_name("field")?;
                        (self.text(name) == key).then(|| f.child_by_field_name("value"))?
                    })
                };
                (
                    field("name"),
                    field("description"),
                    field("input_schema"),
                    "rmcp Tool {}",
                )
            }
        };
        let Some(name) = name.and_then(|n| self.string(n, 0)) else {
            return;
        };
        let mut tool = new_tool(
            name,
            &file.path,
            SourceFile::line_of(node),
            Via::Static,
            style,
        );
        tool.description = description.and_then(|d| self.string(d, 0));
        if let Some(schema) = schema.and_then(|s| self.json_schema(s)) {
            tool.input_schema = schema;
        }
        found.tools.push(tool);
    }

    /// A constant string: literals, constants, `"x".into()` / `.to_string()` / `.to_owned()`,
    /// `String::from("x")`, `Cow::Borrowed("x")`, `Some("x")`, `concat!(…)`.
    fn string(&self, node: Node<'t>, depth: u32) -> Option<String> {
        if depth > value::MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "string_literal" | "raw_string_literal" | "identifier" => {
                match self.literal(node, depth + 1)? {
                    Value::String(s) => Some(s),
                    _ => None,
                }
            }
            "reference_expression" | "parenthesized_expression" => {
                self.string(*value::named_children(node).last()?, depth + 1)
            }
            "call_expression" => {
                let function = node.child_by_field_name("function")?;
                let args = value::named_children(node.child_by_field_name("arguments")?);
                if function.kind() == "field_expression" {
                    let method = self.text(function.child_by_field_name("field")?);
                    if matches!(method, "into" | "to_string" | "to_owned" | "into_owned")
                        && args.is_empty()
                    {
                        return self.string(function.child_by_field_name("value")?, depth + 1);
                    }
                    return None;
                }
                let path = self.text(function);
                let last = path.rsplit("::").next().unwrap_or(path);
                match (last, args.as_slice()) {
                    ("from" | "Borrowed" | "Owned" | "Some" | "new", [one]) => {
                        self.string(*one, depth + 1)
                    }
                    _ => None,
                }
            }
            "macro_invocation" => {
                let name = self.text(node.child_by_field_name("macro")?);
                let tree = value::named_children(node)
                    .into_iter()
                    .find(|c| c.kind() == "token_tree")?;
                match name {
                    "concat" => {
                        let mut out = String::new();
                        for part in value::named_children(tree) {
                            out.push_str(&self.string(part, depth + 1)?);
                        }
                        Some(out)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The JSON of a `json!({…})` written in the argument or in the body of the function of
    /// the file it calls (`schema()`), when it holds only literals.
    fn json_schema(&self, node: Node<'t>) -> Option<Value> {
        let mut found = None;
        let mut called = Vec::new();
        value::walk(node, &mut |n| match n.kind() {
            "macro_invocation" if found.is_none() => found = self.json_macro(n),
            "call_expression" => {
                if let Some(f) = n.child_by_field_name("function") {
                    called.push(self.text(f));
                }
            }
            _ => {}
        });
        found.or_else(|| {
            called
                .iter()
                .find_map(|name| self.known.schemas.get(*name).cloned())
        })
    }

    /// `json!({…})` of literals.
    fn json_macro(&self, node: Node<'t>) -> Option<Value> {
        let name = self.text(node.child_by_field_name("macro")?);
        if !name.ends_with("json") {
            return None;
        }
        let tree = value::named_children(node)
            .into_iter()
            .find(|c| c.kind() == "token_tree")?;
        let text = self.text(tree);
        serde_json::from_str(text.get(1..text.len().saturating_sub(1))?).ok()
    }

    /// The file's constants and schema functions, as values.
    fn known_values(&self, functions: &[Node<'t>]) -> Known {
        let mut known = Known::default();
        for function in functions {
            let (Some(name), Some(body)) = (
                function.child_by_field_name("name"),
                function.child_by_field_name("body"),
            ) else {
                continue;
            };
            let mut schema = None;
            value::walk(body, &mut |n| {
                if schema.is_none() && n.kind() == "macro_invocation" {
                    schema = self.json_macro(n);
                }
            });
            if let Some(schema) = schema {
                known.schemas.insert(self.text(name).to_string(), schema);
            }
        }
        known
    }

    /// Tools written inside a macro's tokens (`vec![Tool::new(…), …]`): the tokens are parsed
    /// again as an expression and read like the rest of the file.
    fn macro_tools(&self, file: &SourceFile, node: Node<'t>, found: &mut Found) {
        let Some(tree) = value::named_children(node)
            .into_iter()
            .find(|c| c.kind() == "token_tree")
        else {
            return;
        };
        let body = self.text(tree);
        if !body.contains("Tool") || body.len() < 2 {
            return;
        }
        // `fn __m() { [<tokens>] }` keeps byte offsets simple: the tokens start at `prefix`.
        let prefix = "fn __m() { [";
        let text = format!("{prefix}{}] }}", &body[1..body.len() - 1]);
        let inner = SourceFile::new(file.path.clone(), crate::source::Lang::Rust, text);
        let Some(parsed) = inner.tree() else { return };
        let consts = self
            .consts
            .all_names()
            .filter_map(|n| {
                Some((
                    n.to_string(),
                    self.literal(self.consts.lookup(n, usize::MAX)?, 0)?,
                ))
            })
            .chain(self.known.consts.clone())
            .collect();
        let rs = Rs {
            src: &inner.text,
            structs: HashMap::new(),
            consts: Bindings::default(),
            known: Known {
                consts,
                schemas: self.known.schemas.clone(),
            },
        };
        let mut nested = Vec::new();
        value::walk(parsed.root_node(), &mut |n| {
            if matches!(
                n.kind(),
                "call_expression" | "struct_expression" | "macro_invocation"
            ) {
                nested.push(n);
            }
        });
        let first = found.tools.len();
        for n in nested {
            if n.kind() == "macro_invocation" {
                rs.macro_tools(file, n, found);
            } else {
                rs.tool_value(file, n, found);
            }
        }
        let shift = SourceFile::line_of(tree).saturating_sub(1);
        for tool in &mut found.tools[first..] {
            tool.origin.line = tool.origin.line.map(|l| l + shift);
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
