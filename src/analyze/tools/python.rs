//! Python: the `mcp` SDK (FastMCP v1, MCPServer v2, low-level `Server`), standalone `fastmcp`.
//!
//! Declaration styles:
//! - `@mcp.tool()`, `@mcp.tool`, `@server.tool(name=…, title=…, description=…, annotations=…)`;
//!   the description falls back to the docstring, cleaned like `inspect.cleandoc`, and the name
//!   to the function's name; parameters from the signature, with `Field(description=…)` defaults
//!   and `Annotated[T, Field(…)]` types;
//! - plain calls `mcp.tool(fn)`, `mcp.tool(name=…)(fn)`, `mcp.add_tool(fn, name=…, …)`;
//! - `Tool(name=…, description=…, inputSchema=…)` / `types.Tool(…)` in low-level servers, with
//!   literal dict schemas or `Model.model_json_schema()` of a pydantic model in the same file;
//! - prompts (`@mcp.prompt`) and `instructions=` of `FastMCP(…)`, `MCPServer(…)`, `Server(…)`.

use std::collections::HashMap;

use serde_json::{Map, Value};
use tree_sitter::Node;

use super::value::{self, Bindings, MAX_DEPTH};
use super::{new_tool, Found};
use crate::analyze::source::SourceFile;
use crate::model::{TextKind, Tool, Via};

const TRIGGERS: &[&str] = &["tool", "Tool", "instructions", "prompt"];

/// Extracts the declarations of one Python file.
pub(crate) fn extract(file: &SourceFile, found: &mut Found) {
    if !TRIGGERS.iter().any(|t| file.text.contains(t)) {
        return;
    }
    let Some(tree) = file.tree() else { return };
    let src = file.text.as_str();
    let mut py = Py {
        file,
        src,
        bindings: Bindings::default(),
        defs: HashMap::new(),
        classes: HashMap::new(),
        class_attrs: HashMap::new(),
    };
    let mut decorated = Vec::new();
    let mut calls = Vec::new();
    let mut cursor = tree.root_node().walk();
    'walk: loop {
        let node = cursor.node();
        match node.kind() {
            "decorated_definition" => decorated.push(node),
            "call" => calls.push(node),
            "function_definition" => {
                if let Some(name) = node.child_by_field_name("name") {
                    py.defs
                        .entry(value::text(src, name))
                        .or_default()
                        .push(node);
                }
            }
            "class_definition" => py.class(node),
            "expression_statement" if node.parent().is_some_and(|p| p.kind() == "module") => {
                py.bind(node, None);
            }
            _ => {}
        }
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
    py.bindings.finish();
    for node in decorated {
        py.decorated(node, found);
    }
    for call in calls {
        py.call(call, found);
    }
}

struct Py<'t> {
    file: &'t SourceFile,
    src: &'t str,
    bindings: Bindings<'t>,
    defs: HashMap<&'t str, Vec<Node<'t>>>,
    classes: HashMap<&'t str, Node<'t>>,
    class_attrs: HashMap<(&'t str, &'t str), Node<'t>>,
}

impl<'t> Py<'t> {
    fn text(&self, node: Node<'_>) -> &'t str {
        value::text(self.src, node)
    }

    /// `NAME = value` (module level), or `Class.NAME` inside a class body.
    fn bind(&mut self, stmt: Node<'t>, class: Option<&'t str>) {
        let Some(a) = stmt.named_child(0) else { return };
        if a.kind() != "assignment" {
            return;
        }
        let (Some(left), Some(right)) = (
            a.child_by_field_name("left"),
            a.child_by_field_name("right"),
        ) else {
            return;
        };
        if left.kind() != "identifier" {
            return;
        }
        let name = self.text(left);
        match class {
            None => self.bindings.insert(name, right),
            Some(class) => {
                self.class_attrs.insert((class, name), right);
            }
        }
    }

    fn class(&mut self, node: Node<'t>) {
        let Some(name) = node.child_by_field_name("name") else {
            return;
        };
        let name = self.text(name);
        self.classes.insert(name, node);
        let Some(body) = node.child_by_field_name("body") else {
            return;
        };
        for stmt in value::named_children(body) {
            if stmt.kind() == "expression_statement" {
                self.bind(stmt, Some(name));
            }
        }
    }

    fn string(&self, node: Node<'t>, depth: u32) -> Option<String> {
        match self.eval(node, depth)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    fn eval(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "string" => self.literal(node).map(Value::String),
            "concatenated_string" => {
                let mut out = String::new();
                for part in value::named_children(node) {
                    out.push_str(&self.literal(part)?);
                }
                Some(Value::String(out))
            }
            "integer" | "float" => {
                let t = self.text(node).replace('_', "");
                t.parse::<i64>().map(Value::from).ok().or_else(|| {
                    t.parse::<f64>()
                        .ok()
                        .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
                })
            }
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            "none" => Some(Value::Null),
            "parenthesized_expression" => self.eval(node.named_child(0)?, depth + 1),
            "identifier" => {
                let bound = self.bindings.lookup(self.text(node), node.start_byte())?;
                self.eval(bound, depth + 1)
            }
            "attribute" => {
                let object = node.child_by_field_name("object")?;
                let attr = self.text(node.child_by_field_name("attribute")?);
                if attr == "value" {
                    if let Some(v) = self.eval(object, depth + 1) {
                        return Some(v);
                    }
                }
                let bound = self.class_attrs.get(&(self.text(object), attr))?;
                self.eval(*bound, depth + 1)
            }
            "binary_operator" => {
                let op = self.text(node.child_by_field_name("operator")?);
                let left = self.eval(node.child_by_field_name("left")?, depth + 1)?;
                let right = self.eval(node.child_by_field_name("right")?, depth + 1)?;
                match (op, left, right) {
                    ("+", Value::String(a), Value::String(b)) => Some(Value::String(a + &b)),
                    _ => None,
                }
            }
            "dictionary" => {
                let mut map = Map::new();
                for pair in value::named_children(node) {
                    if pair.kind() != "pair" {
                        continue;
                    }
                    let (Some(k), Some(v)) = (
                        pair.child_by_field_name("key"),
                        pair.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    if let (Some(k), Some(v)) = (self.string(k, depth + 1), self.eval(v, depth + 1))
                    {
                        map.insert(k, v);
                    }
                }
                Some(Value::Object(map))
            }
            "list" | "tuple" => Some(Value::Array(
                value::named_children(node)
                    .into_iter()
                    .filter_map(|c| self.eval(c, depth + 1))
                    .collect(),
            )),
            "call" => self.eval_call(node, depth),
            _ => None,
        }
    }

    /// `dedent(…)`, `"sep".join([…])`, `….strip()`, `ToolAnnotations(k=v)`, `dict(k=v)`.
    fn eval_call(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        let function = node.child_by_field_name("function")?;
        let args = node.child_by_field_name("arguments")?;
        let (positional, keywords) = self.arguments(args);
        let fname = self.text(function);
        if fname.ends_with("dedent") {
            let s = self.string(*positional.first()?, depth + 1)?;
            return Some(Value::String(dedent(&s)));
        }
        if fname.ends_with("Annotations") || fname == "dict" {
            let mut map = Map::new();
            for (k, v) in keywords {
                if let Some(v) = self.eval(v, depth + 1) {
                    map.insert(k.to_string(), v);
                }
            }
            return Some(Value::Object(map));
        }
        if function.kind() == "attribute" {
            let object = function.child_by_field_name("object")?;
            let method = self.text(function.child_by_field_name("attribute")?);
            match method {
                "join" => {
                    let sep = self.string(object, depth + 1)?;
                    let Value::Array(items) = self.eval(*positional.first()?, depth + 1)? else {
                        return None;
                    };
                    let parts: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
                    return Some(Value::String(parts?.join(&sep)));
                }
                "strip" | "lstrip" | "rstrip" if positional.is_empty() => {
                    let s = self.string(object, depth + 1)?;
                    return Some(Value::String(match method {
                        "strip" => s.trim().to_string(),
                        "lstrip" => s.trim_start().to_string(),
                        _ => s.trim_end().to_string(),
                    }));
                }
                "model_json_schema" | "schema" => {
                    let class = self.classes.get(self.text(object))?;
                    return Some(self.model_schema(*class, depth + 1));
                }
                _ => {}
            }
        }
        None
    }

    /// A string literal: prefixes, quotes and escapes handled; f-strings must not interpolate.
    fn literal(&self, node: Node<'t>) -> Option<String> {
        if node.kind() != "string" {
            return self.string(node, 1);
        }
        let mut cursor = node.walk();
        if node
            .named_children(&mut cursor)
            .any(|c| c.kind() == "interpolation")
        {
            return None;
        }
        let raw = self.text(node);
        let quote_at = raw.find(['"', '\''])?;
        let prefix = raw[..quote_at].to_ascii_lowercase();
        if prefix.contains('b') {
            return None;
        }
        let rest = &raw[quote_at..];
        let quote = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            3
        } else {
            1
        };
        let body = rest.get(quote..rest.len().checked_sub(quote)?)?;
        Some(value::decode_python(body, prefix.contains('r')))
    }

    fn arguments(&self, args: Node<'t>) -> (Vec<Node<'t>>, Vec<(&'t str, Node<'t>)>) {
        let mut positional = Vec::new();
        let mut keywords = Vec::new();
        for arg in value::named_children(args) {
            match arg.kind() {
                "keyword_argument" => {
                    if let (Some(n), Some(v)) = (
                        arg.child_by_field_name("name"),
                        arg.child_by_field_name("value"),
                    ) {
                        keywords.push((self.text(n), v));
                    }
                }
                "comment" | "list_splat" | "dictionary_splat" => {}
                _ => positional.push(arg),
            }
        }
        (positional, keywords)
    }

    // ---- declarations ----

    /// `@x.tool`, `@x.tool(...)`, `@x.prompt(...)` on a function.
    fn decorated(&self, node: Node<'t>, found: &mut Found) {
        let Some(def) = node.child_by_field_name("definition") else {
            return;
        };
        if def.kind() != "function_definition" {
            return;
        }
        for decorator in value::named_children(node) {
            if decorator.kind() != "decorator" {
                continue;
            }
            let Some(expr) = decorator.named_child(0) else {
                continue;
            };
            let (callee, args) = match expr.kind() {
                "call" => (
                    expr.child_by_field_name("function"),
                    expr.child_by_field_name("arguments"),
                ),
                _ => (Some(expr), None),
            };
            let Some(callee) = callee else { continue };
            if callee.kind() != "attribute" {
                continue;
            }
            let Some(method) = callee
                .child_by_field_name("attribute")
                .map(|a| self.text(a))
            else {
                continue;
            };
            let (positional, keywords) = args.map(|a| self.arguments(a)).unwrap_or_default();
            match method {
                "tool" => {
                    let tool =
                        self.function_tool(def, &positional, &keywords, decorator, "python @tool");
                    found.tools.extend(tool);
                }
                "prompt" => self.prompt(def, &positional, &keywords, decorator, found),
                _ => {}
            }
        }
    }

    fn call(&self, call: Node<'t>, found: &mut Found) {
        let Some(function) = call.child_by_field_name("function") else {
            return;
        };
        let Some(args) = call.child_by_field_name("arguments") else {
            return;
        };
        if call.parent().is_some_and(|p| p.kind() == "decorator") {
            return;
        }
        let (positional, keywords) = self.arguments(args);
        match function.kind() {
            "attribute" => {
                let method = function
                    .child_by_field_name("attribute")
                    .map_or("", |a| self.text(a));
                match method {
                    // mcp.tool(fn) / mcp.add_tool(fn, name=…, description=…)
                    "tool" | "add_tool" => {
                        let Some(def) = positional.first().and_then(|f| self.def_of(*f)) else {
                            return;
                        };
                        let style = format!("python {method}()");
                        found.tools.extend(self.function_tool(
                            def,
                            &positional[1..],
                            &keywords,
                            call,
                            &style,
                        ));
                    }
                    "Tool" => self.tool_object(call, &keywords, found),
                    _ => {}
                }
                if method.ends_with("FastMCP")
                    || method.ends_with("MCPServer")
                    || method == "Server"
                {
                    self.instructions(call, &keywords, found);
                }
            }
            // mcp.tool(name=…)(fn)
            "call" => {
                let inner = function;
                let Some(callee) = inner.child_by_field_name("function") else {
                    return;
                };
                if callee.kind() != "attribute"
                    || callee
                        .child_by_field_name("attribute")
                        .is_none_or(|a| self.text(a) != "tool")
                {
                    return;
                }
                let Some(def) = positional.first().and_then(|f| self.def_of(*f)) else {
                    return;
                };
                let Some(inner_args) = inner.child_by_field_name("arguments") else {
                    return;
                };
                let (p, k) = self.arguments(inner_args);
                found
                    .tools
                    .extend(self.function_tool(def, &p, &k, call, "python tool()()"));
            }
            "identifier" => {
                let name = self.text(function);
                if name == "Tool" {
                    self.tool_object(call, &keywords, found);
                }
                if matches!(name, "FastMCP" | "MCPServer" | "Server") {
                    self.instructions(call, &keywords, found);
                }
            }
            _ => {}
        }
    }

    /// The function definition a reference names (`fn`, `self.fn`, `module.fn`).
    fn def_of(&self, node: Node<'t>) -> Option<Node<'t>> {
        let name = match node.kind() {
            "identifier" => self.text(node),
            "attribute" => self.text(node.child_by_field_name("attribute")?),
            _ => return None,
        };
        let defs = self.defs.get(name)?;
        let before = defs.partition_point(|d| d.start_byte() <= node.start_byte());
        defs.get(before.saturating_sub(1)).or(defs.first()).copied()
    }

    fn function_tool(
        &self,
        def: Node<'t>,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        at: Node<'t>,
        style: &str,
    ) -> Option<Tool> {
        let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let fn_name = self.text(def.child_by_field_name("name")?);
        let name = match kw("name").or_else(|| positional.first().copied()) {
            Some(n) => self.string(n, 0)?,
            None => fn_name.to_string(),
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            SourceFile::line_of(at),
            Via::Static,
            style,
        );
        tool.description = match kw("description") {
            Some(d) => self.string(d, 0),
            None => self.docstring(def),
        };
        tool.title = kw("title").and_then(|t| self.string(t, 0));
        tool.annotations = kw("annotations").and_then(|a| self.eval(a, 0));
        tool.input_schema = self.signature_schema(def);
        Some(tool)
    }

    fn prompt(
        &self,
        def: Node<'t>,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        at: Node<'t>,
        found: &mut Found,
    ) {
        let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let Some(fn_name) = def.child_by_field_name("name").map(|n| self.text(n)) else {
            return;
        };
        let name = kw("name")
            .or_else(|| positional.first().copied())
            .and_then(|n| self.string(n, 0))
            .unwrap_or_else(|| fn_name.to_string());
        let description = match kw("description") {
            Some(d) => self.string(d, 0),
            None => self.docstring(def),
        };
        found.text(
            TextKind::Prompt,
            &name,
            description.unwrap_or_default(),
            &self.file.path,
            SourceFile::line_of(at),
            "python @prompt",
        );
    }

    fn instructions(&self, call: Node<'t>, keywords: &[(&'t str, Node<'t>)], found: &mut Found) {
        if let Some((_, v)) = keywords.iter().find(|(k, _)| *k == "instructions") {
            if let Some(text) = self.string(*v, 0) {
                let ctor = call
                    .child_by_field_name("function")
                    .map_or("", |f| self.text(f));
                found.text(
                    TextKind::ServerInstructions,
                    "",
                    text,
                    &self.file.path,
                    SourceFile::line_of(call),
                    &format!("python {ctor}(instructions=)"),
                );
            }
        }
    }

    /// `Tool(name=…, description=…, inputSchema=…)`.
    fn tool_object(&self, call: Node<'t>, keywords: &[(&'t str, Node<'t>)], found: &mut Found) {
        let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let Some(name) = kw("name").and_then(|n| self.string(n, 0)) else {
            return;
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            SourceFile::line_of(call),
            Via::Static,
            "python Tool()",
        );
        tool.description = kw("description").and_then(|d| self.string(d, 0));
        tool.title = kw("title").and_then(|d| self.string(d, 0));
        tool.annotations = kw("annotations").and_then(|a| self.eval(a, 0));
        if let Some(schema) = kw("inputSchema")
            .or_else(|| kw("input_schema"))
            .and_then(|s| self.eval(s, 0))
        {
            tool.input_schema = schema;
        }
        found.tools.push(tool);
    }

    fn docstring(&self, def: Node<'t>) -> Option<String> {
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
        Some(value::cleandoc(&doc))
    }

    // ---- schemas ----

    /// The arguments schema FastMCP derives from a signature (types, defaults, `Field`s).
    fn signature_schema(&self, def: Node<'t>) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let Some(params) = def.child_by_field_name("parameters") else {
            return crate::model::empty_object_schema();
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

    fn is_field_call(&self, node: Node<'t>) -> bool {
        node.kind() == "call"
            && node
                .child_by_field_name("function")
                .is_some_and(|f| self.text(f).ends_with("Field"))
    }

    /// Copies `Field(description=…, default=…, …)` into a schema; whether it gives a default.
    fn field_into(&self, call: Node<'t>, schema: &mut Value) -> bool {
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
    fn type_schema(&self, node: Node<'t>, depth: u32) -> Value {
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
    fn model_schema(&self, class: Node<'t>, depth: u32) -> Value {
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

/// `textwrap.dedent`: remove the common leading whitespace of non-blank lines.
fn dedent(text: &str) -> String {
    let margin = text
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                l.get(margin..).unwrap_or(l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
