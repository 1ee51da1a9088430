//! The constant evaluator: what a node evaluates to (strings, numbers, objects, arrays,
//! templates, calls of known pure functions), following bindings in this file and others.

use super::*;

/// The constant evaluator over one file.
#[derive(Clone)]
pub(super) struct Eval<'e, 't> {
    pub(super) file: &'t SourceFile,
    pub(super) src: &'t str,
    pub(super) bindings: &'e Bindings<'t>,
    pub(super) globals: &'e Globals<'t>,
    pub(super) budget: &'e Budget,
    /// Local functions already examined for registering a tool, by node id.
    pub(super) wrappers: &'e RefCell<HashMap<usize, Option<Rc<Wrapper>>>>,
    /// Parameters and loop variables bound while a package function or a loop body is
    /// evaluated ([`flow`](super::flow)).
    pub(super) env: Option<Rc<Env<'e, 't>>>,
}
/// A resolved node, possibly in another file.
pub(crate) type Resolved<'e, 't> = (Eval<'e, 't>, Node<'t>);
impl<'e, 't> Eval<'e, 't> {
    pub(super) fn text(&self, node: Node<'_>) -> &'t str {
        value::text(self.src, node)
    }

    pub(super) fn line(node: Node<'_>) -> u32 {
        SourceFile::line_of(node)
    }

    /// The evaluator over the same file, keeping the bound parameters.
    pub(super) fn same(&self) -> Eval<'e, 't> {
        self.clone()
    }

    /// The evaluator over another file (or bundle window), sharing the budget and caches.
    pub(super) fn in_file(&self, file: &'t SourceFile, bindings: &'e Bindings<'t>) -> Eval<'e, 't> {
        Eval {
            file,
            src: &file.text,
            bindings,
            globals: self.globals,
            budget: self.budget,
            wrappers: self.wrappers,
            env: None,
        }
    }

    /// Follows identifiers, wrappers and member accesses on constant objects to the node that
    /// defines a value.
    pub(super) fn resolve(&self, node: Node<'t>, depth: u32) -> Option<Resolved<'e, 't>> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        match node.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_assertion" => {
                let inner = value::named_children(node)
                    .into_iter()
                    .find(|c| !c.kind().contains("type") || c.kind() == "type_assertion")?;
                self.resolve(inner, depth + 1)
            }
            "identifier" | "shorthand_property_identifier" => {
                let name = self.text(node);
                match self.env_lookup(name, node) {
                    Some(Bound::Node(ev, bound)) => return ev.resolve(bound, depth + 1),
                    Some(Bound::Value(_)) => return None,
                    None => {}
                }
                if let Some(bound) = self.local_binding(name, node) {
                    if bound.id() != node.id() {
                        if self.reassigned(name, bound) {
                            return None;
                        }
                        return self.same().resolve(bound, depth + 1);
                    }
                }
                // `import { orig as name } from "./module.js"`: `orig` in that module, else
                // wherever it is bound.
                let imported = self.import_of(name);
                let found = match imported {
                    Some((orig, module)) => self
                        .globals
                        .find_in_module(orig, &self.file.path, module)
                        .or_else(|| self.globals.find(orig, self.file)),
                    None => self.globals.find(name, self.file),
                };
                let Some((file, bindings, bound)) = found else {
                    // `import * as NS from "./m.js"`: the namespace itself (its members are
                    // looked up in that module).
                    return self.namespace_module(name).map(|_| (self.same(), node));
                };
                let there = self.in_file(file, bindings);
                if there.reassigned(imported.map_or(name, |(orig, _)| orig), bound) {
                    return None;
                }
                there.resolve(bound, depth + 1)
            }
            "member_expression" | "subscript_expression" if self.is_env_variable(node) => {
                Some((self.same(), node))
            }
            "member_expression" => {
                let object = node.child_by_field_name("object")?;
                let property = self.text(node.child_by_field_name("property")?);
                if object.kind() == "this" {
                    let (ev, member) = self.class_member(node, property)?;
                    return ev.resolve(member, depth + 1);
                }
                if object.kind() == "identifier" {
                    if let Some(value) = self.bindings.member(self.text(object), property) {
                        return self.same().resolve(value, depth + 1);
                    }
                }
                if object.kind() == "identifier" && self.text(object) == "exports" {
                    let (file, bindings, bound) = self.globals.find_in_files(property, "")?;
                    return self.in_file(file, bindings).resolve(bound, depth + 1);
                }
                let (ev, obj) = self.resolve(object, depth + 1)?;
                // A member of a module: `NS.X` of `import * as NS from "./m.js"` (also through
                // a loop over a list of namespaces), `require("./m.js").X` or a binding of it
                // (also wrapped by a compiler's `__importStar(require(…))`): that module's
                // binding, else the package's one binding of the name.
                if let Some(module) = ev.module_spec(obj) {
                    let found = ev
                        .globals
                        .find_in_module(property, &ev.file.path, module)
                        .or_else(|| ev.globals.find_in_files(property, ""));
                    let (file, bindings, bound) = found?;
                    return ev.in_file(file, bindings).resolve(bound, depth + 1);
                }
                // Zod's own accessors: `z.object({…}).shape` is the object, and
                // `z.literal(x).value` is `x` (tool definitions written as zod objects:
                // `Tool.shape.name.value`).
                let zod_callee = |suffix: &str| {
                    obj.kind() == "call_expression"
                        && obj
                            .child_by_field_name("function")
                            .is_some_and(|f| ev.text(f).ends_with(suffix))
                };
                let first_arg = || {
                    obj.child_by_field_name("arguments")
                        .and_then(|a| a.named_child(0))
                };
                if (property == "shape" && zod_callee(".object"))
                    || (property == "value" && zod_callee(".literal"))
                {
                    return ev.resolve(first_arg()?, depth + 1);
                }
                if obj.kind() != "object" {
                    return None;
                }
                let value = ev.pair(obj, property, depth + 1)?;
                ev.resolve(value, depth + 1)
            }
            "subscript_expression" => {
                let object = node.child_by_field_name("object")?;
                let index = node.child_by_field_name("index")?;
                let key = self.string(index, depth + 1)?;
                let (ev, obj) = self.resolve(object, depth + 1)?;
                if obj.kind() != "object" {
                    return None;
                }
                let value = ev.pair(obj, &key, depth + 1)?;
                ev.resolve(value, depth + 1)
            }
            "call_expression" => match self.inline_call(node, depth + 1) {
                Some((ev, ret)) => ev.resolve(ret, depth + 1),
                None => Some((self.same(), node)),
            },
            "ternary_expression" => {
                let condition = self.eval(node.child_by_field_name("condition")?, depth + 1)?;
                let branch = if flow::truthy(&condition) {
                    "consequence"
                } else {
                    "alternative"
                };
                self.resolve(node.child_by_field_name(branch)?, depth + 1)
            }
            _ => Some((self.same(), node)),
        }
    }

    /// `require(…)`, or (when `wrapped`) a helper call around one (`__importStar(require(…))`).
    pub(super) fn is_require(&self, node: Node<'t>, wrapped: bool) -> bool {
        if node.kind() != "call_expression" {
            return false;
        }
        let Some(function) = node.child_by_field_name("function") else {
            return false;
        };
        if self.text(function) == "require" {
            return true;
        }
        wrapped
            && node
                .child_by_field_name("arguments")
                .map(arguments)
                .is_some_and(|argv| argv.len() == 1 && self.is_require(argv[0], false))
    }

    /// The binding of `name` in scope at `usage`: the nearest preceding declaration whose
    /// block (or file) contains the usage, else a later one in such a scope (a top-level
    /// constant declared below the function using it). Minified code re-declares short names
    /// in every function; a declaration in another function's block is not this one.
    pub(super) fn local_binding(&self, name: &str, usage: Node<'t>) -> Option<Node<'t>> {
        let all = self.bindings.all(name);
        let at = usage.start_byte();
        let before = all.partition_point(|n| n.start_byte() <= at);
        let in_scope = |bound: &Node<'t>| {
            // The block holding the declaration (`export const` is the module's).
            let scope = bound
                .parent()
                .filter(|d| d.kind() == "variable_declarator")
                .and_then(|d| d.parent())
                .and_then(|decl| decl.parent())
                .and_then(|s| {
                    if s.kind() == "export_statement" {
                        s.parent()
                    } else {
                        Some(s)
                    }
                });
            scope.is_none_or(|s| s.start_byte() <= at && usage.end_byte() <= s.end_byte())
        };
        all[..before]
            .iter()
            .rev()
            .chain(&all[before..])
            .find(|b| in_scope(b))
            .copied()
    }

    /// A `let`/`var` binding the code assigns again in the declaration's scope (`let
    /// categories = []; … categories = load(recipes)`): its initial value is not what a
    /// later use sees, so it is not a constant. An assignment inside a nested function that
    /// declares the name itself (a parameter, a `var`) is to that function's own variable.
    pub(super) fn reassigned(&self, name: &str, bound: Node<'t>) -> bool {
        let assignments = self.bindings.reassignments(name);
        if assignments.is_empty() {
            return false;
        }
        let Some(declaration) = bound
            .parent()
            .filter(|d| d.kind() == "variable_declarator")
            .and_then(|d| d.parent())
        else {
            return false;
        };
        let mutable = match declaration.kind() {
            "variable_declaration" => true,
            "lexical_declaration" => self.text(declaration).starts_with("let"),
            _ => false,
        };
        let Some(scope) = declaration.parent().filter(|_| mutable) else {
            return false;
        };
        let scope = if scope.kind() == "export_statement" {
            scope.parent().unwrap_or(scope)
        } else {
            scope
        };
        assignments.iter().any(|a| {
            a.start_byte() >= scope.start_byte()
                && a.end_byte() <= scope.end_byte()
                && !self.shadowed(name, *a, scope)
        })
    }

    /// A function between `scope` and `at` declares `name` itself.
    fn shadowed(&self, name: &str, at: Node<'t>, scope: Node<'t>) -> bool {
        let mut node = at.parent();
        while let Some(n) = node {
            if n.id() == scope.id() {
                return false;
            }
            if matches!(
                n.kind(),
                "function_declaration"
                    | "function_expression"
                    | "function"
                    | "arrow_function"
                    | "method_definition"
                    | "generator_function_declaration"
                    | "generator_function"
            ) {
                let own = self
                    .bindings
                    .all(name)
                    .iter()
                    .any(|b| b.start_byte() >= n.start_byte() && b.end_byte() <= n.end_byte());
                let mut parameter = false;
                if let Some(p) = n
                    .child_by_field_name("parameters")
                    .or_else(|| n.child_by_field_name("parameter"))
                {
                    value::walk(p, &mut |c| {
                        if c.kind() == "identifier" && self.text(c) == name {
                            parameter = true;
                        }
                    });
                }
                if own || parameter {
                    return true;
                }
            }
            node = n.parent();
        }
        false
    }

    /// The imported name and module of a local name bound by `import { orig as name } from
    /// "module"` (or `import { name } from "module"`).
    pub(super) fn import_of(&self, name: &str) -> Option<(&'t str, &'t str)> {
        let tree = self.file.tree()?;
        for stmt in value::named_children(tree.root_node()) {
            if stmt.kind() != "import_statement" {
                continue;
            }
            let Some(source) = stmt.child_by_field_name("source") else {
                continue;
            };
            let module = || self.text(source).trim_matches(['"', '\'', '`']);
            // `import name from "./m.js"`: the module's `export default`.
            let default = value::named_children(stmt)
                .into_iter()
                .filter(|c| c.kind() == "import_clause")
                .flat_map(value::named_children)
                .any(|c| c.kind() == "identifier" && self.text(c) == name);
            if default {
                return Some(("default", module()));
            }
            let specifiers = value::named_children(stmt)
                .into_iter()
                .filter(|c| c.kind() == "import_clause")
                .flat_map(value::named_children)
                .filter(|c| c.kind() == "named_imports")
                .flat_map(value::named_children)
                .filter(|c| c.kind() == "import_specifier");
            for specifier in specifiers {
                let Some(orig) = specifier.child_by_field_name("name") else {
                    continue;
                };
                let local = specifier.child_by_field_name("alias").unwrap_or(orig);
                if self.text(local) == name {
                    return Some((self.text(orig), module()));
                }
            }
        }
        None
    }

    /// The module of `import * as NAME from "module"` in this file.
    pub(super) fn namespace_module(&self, name: &str) -> Option<&'t str> {
        let tree = self.file.tree()?;
        for stmt in value::named_children(tree.root_node()) {
            if stmt.kind() != "import_statement" {
                continue;
            }
            let named = value::named_children(stmt)
                .into_iter()
                .filter(|c| c.kind() == "import_clause")
                .flat_map(value::named_children)
                .filter(|c| c.kind() == "namespace_import")
                .flat_map(value::named_children)
                .any(|id| id.kind() == "identifier" && self.text(id) == name);
            if named {
                let source = stmt.child_by_field_name("source")?;
                return Some(self.text(source).trim_matches(['"', '\'', '`']));
            }
        }
        None
    }

    /// The module a resolved node stands for: a namespace-import identifier, or a
    /// `require("…")` call (possibly wrapped in a compiler helper).
    pub(super) fn module_spec(&self, node: Node<'t>) -> Option<&'t str> {
        if node.kind() == "identifier" {
            return self.namespace_module(self.text(node));
        }
        if !self.is_require(node, true) {
            return None;
        }
        let mut call = node;
        loop {
            let function = call.child_by_field_name("function")?;
            let arg = arguments(call.child_by_field_name("arguments")?)
                .into_iter()
                .next()?;
            if self.text(function) == "require" {
                return (arg.kind() == "string")
                    .then(|| self.text(arg).trim_matches(['"', '\'', '`']));
            }
            call = arg;
        }
    }

    /// Whether a name (at `usage`) stands for a module: a namespace import, a binding of a
    /// `require(…)`, or a loop variable (which may run over namespaces). Checked without
    /// following references, so a call on an ordinary object costs nothing.
    pub(super) fn is_module_object(&self, name: &str, usage: Node<'t>) -> bool {
        self.env_lookup(name, usage).is_some()
            || self.namespace_module(name).is_some()
            || self
                .local_binding(name, usage)
                .is_some_and(|b| self.is_require(b, true))
    }

    /// The value node of `key` in an object literal (last one wins, spreads followed).
    pub(super) fn pair(&self, object: Node<'t>, key: &str, depth: u32) -> Option<Node<'t>> {
        let mut hit = None;
        for child in value::named_children(object) {
            match child.kind() {
                "pair" => {
                    let Some(k) = child.child_by_field_name("key") else {
                        continue;
                    };
                    if self.key(k, depth).as_deref() == Some(key) {
                        hit = child.child_by_field_name("value");
                    }
                }
                "shorthand_property_identifier" if self.text(child) == key => hit = Some(child),
                "method_definition"
                    if child
                        .child_by_field_name("name")
                        .is_some_and(|n| self.text(n) == key) =>
                {
                    hit = Some(child);
                }
                _ => {}
            }
        }
        hit
    }

    /// Keys and value nodes of an object literal, spreads of constant objects included.
    pub(super) fn pairs(
        &self,
        object: Node<'t>,
        depth: u32,
    ) -> Vec<(String, Eval<'e, 't>, Node<'t>)> {
        let mut out: Vec<(String, Eval<'e, 't>, Node<'t>)> = Vec::new();
        if depth > MAX_DEPTH {
            return out;
        }
        let put = |out: &mut Vec<(String, Eval<'e, 't>, Node<'t>)>, k: String, ev, n| {
            out.retain(|(key, _, _)| *key != k);
            out.push((k, ev, n));
        };
        for child in value::named_children(object) {
            match child.kind() {
                "pair" => {
                    let (Some(k), Some(v)) = (
                        child.child_by_field_name("key"),
                        child.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    if let Some(key) = self.key(k, depth) {
                        put(&mut out, key, self.same(), v);
                    }
                }
                "shorthand_property_identifier" => {
                    put(&mut out, self.text(child).to_string(), self.same(), child);
                }
                "spread_element" => {
                    let Some(inner) = child.named_child(0) else {
                        continue;
                    };
                    if let Some((ev, obj)) = self.resolve(inner, depth + 1) {
                        if obj.kind() == "object" {
                            for (k, e, n) in ev.pairs(obj, depth + 1) {
                                put(&mut out, k, e, n);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    pub(super) fn key(&self, key: Node<'t>, depth: u32) -> Option<String> {
        match key.kind() {
            "property_identifier" | "identifier" | "private_property_identifier" => {
                Some(self.text(key).to_string())
            }
            "computed_property_name" => self.string(key.named_child(0)?, depth + 1),
            "number" => Some(self.text(key).to_string()),
            _ => self.string(key, depth + 1),
        }
    }

    /// A constant string (literal, concatenation, template, reference to one).
    pub(super) fn string(&self, node: Node<'t>, depth: u32) -> Option<String> {
        match self.eval(node, depth)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Evaluates a constant expression to JSON. Objects and arrays keep what resolves.
    pub(super) fn eval(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        match node.kind() {
            "identifier" => {
                if let Some(Bound::Value(v)) = self.env_lookup(self.text(node), node) {
                    return Some(v);
                }
            }
            // The key of an object pair, as a string.
            "property_identifier" => return Some(Value::String(self.text(node).to_string())),
            _ => {}
        }
        let (ev, node) = self.resolve(node, depth + 1)?;
        ev.eval_here(node, depth)
    }

    /// `process.env.X` / `process.env["X"]`.
    fn is_env_variable(&self, node: Node<'t>) -> bool {
        node.child_by_field_name("object")
            .is_some_and(|o| self.text(o) == "process.env")
    }

    pub(super) fn eval_here(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        match node.kind() {
            // The environment of a server started without special configuration: an
            // environment variable is unset (`process.env.PREFIX ? … : name` is `name`).
            "member_expression" | "subscript_expression" if self.is_env_variable(node) => {
                Some(Value::Null)
            }
            "string" => {
                let raw = self.text(node);
                Some(Value::String(value::decode_js(
                    raw.get(1..raw.len().saturating_sub(1)).unwrap_or(""),
                )))
            }
            "template_string" => self.template(node, depth).map(Value::String),
            "number" => number(self.text(node)),
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            "null" | "undefined" => Some(Value::Null),
            "unary_expression" => {
                let op = node.child_by_field_name("operator").map(|o| self.text(o));
                let arg = self.eval(node.child_by_field_name("argument")?, depth + 1)?;
                match (op, arg) {
                    (Some("-"), Value::Number(n)) => number(&format!("-{n}")),
                    (Some("!"), v) => Some(Value::Bool(!flow::truthy(&v))),
                    _ => None,
                }
            }
            "binary_expression" => {
                let op = self.text(node.child_by_field_name("operator")?);
                if op == "||" || op == "??" {
                    // `name || "default"`: the default when the left side is not a constant
                    // (typically an optional parameter).
                    let left = self.eval(node.child_by_field_name("left")?, depth + 1);
                    return match left {
                        Some(Value::Null | Value::Bool(false)) | None => {
                            self.eval(node.child_by_field_name("right")?, depth + 1)
                        }
                        Some(Value::String(s)) if s.is_empty() && op == "||" => {
                            self.eval(node.child_by_field_name("right")?, depth + 1)
                        }
                        left => left,
                    };
                }
                if op == "&&" {
                    let left = self.eval(node.child_by_field_name("left")?, depth + 1)?;
                    if !flow::truthy(&left) {
                        return Some(left);
                    }
                    return self.eval(node.child_by_field_name("right")?, depth + 1);
                }
                if matches!(op, "===" | "!==" | "==" | "!=") {
                    let left = self.eval(node.child_by_field_name("left")?, depth + 1)?;
                    let right = self.eval(node.child_by_field_name("right")?, depth + 1)?;
                    return Some(Value::Bool((left == right) == op.starts_with('=')));
                }
                if op != "+" {
                    return None;
                }
                let left = self.eval(node.child_by_field_name("left")?, depth + 1)?;
                let right = self.eval(node.child_by_field_name("right")?, depth + 1)?;
                match (left, right) {
                    (Value::Number(a), Value::Number(b)) => {
                        number(&(a.as_f64()? + b.as_f64()?).to_string())
                    }
                    (a, b) => {
                        value::concat(&to_js_string(&a)?, &to_js_string(&b)?).map(Value::String)
                    }
                }
            }
            "object" => {
                let mut map = Map::new();
                for (k, ev, n) in self.pairs(node, depth + 1) {
                    if let Some(v) = ev.eval(n, depth + 1) {
                        map.insert(k, v);
                    }
                }
                Some(Value::Object(map))
            }
            "array" => {
                let mut items = Vec::new();
                for child in value::named_children(node) {
                    if child.kind() == "spread_element" {
                        if let Some(Value::Array(more)) =
                            child.named_child(0).and_then(|c| self.eval(c, depth + 1))
                        {
                            items.extend(more);
                        }
                    } else if let Some(v) = self.eval(child, depth + 1) {
                        items.push(v);
                    }
                }
                Some(Value::Array(items))
            }
            "call_expression" => self.eval_call(node, depth),
            _ => None,
        }
    }

    /// Calls with a constant result: `[…].join(sep)`, `"…".trim()`, `dedent\`…\``,
    /// `String.raw\`…\``, and zod chains (as JSON schema).
    pub(super) fn eval_call(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        let function = node.child_by_field_name("function")?;
        let args = node.child_by_field_name("arguments")?;
        if args.kind() == "template_string" {
            let tag = self.text(function);
            let body = if tag == "String.raw" {
                let raw = self.text(args);
                raw.get(1..raw.len().saturating_sub(1))?.to_string()
            } else {
                self.template(args, depth)?
            };
            return Some(Value::String(if tag.ends_with("dedent") {
                dedent(&body)
            } else {
                body
            }));
        }
        if function.kind() == "member_expression" {
            let method = self.text(function.child_by_field_name("property")?);
            let object = function.child_by_field_name("object")?;
            let argv = arguments(args);
            match method {
                "join" => {
                    let Value::Array(items) = self.eval(object, depth + 1)? else {
                        return None;
                    };
                    let sep = match argv.first() {
                        Some(a) => self.string(*a, depth + 1)?,
                        None => ",".to_string(),
                    };
                    let parts: Option<Vec<String>> = items.iter().map(to_js_string).collect();
                    let joined = parts?.join(&sep);
                    return (joined.len() <= MAX_TEXT_BYTES).then_some(Value::String(joined));
                }
                "trim" | "trimStart" | "trimEnd" | "toString" => {
                    let s = self.string(object, depth + 1)?;
                    return Some(Value::String(match method {
                        "trim" => s.trim().to_string(),
                        "trimStart" => s.trim_start().to_string(),
                        "trimEnd" => s.trim_end().to_string(),
                        _ => s,
                    }));
                }
                _ => {}
            }
        }
        if self.text(function).ends_with("dedent") {
            let arg = arguments(args).first().copied()?;
            return Some(Value::String(dedent(&self.string(arg, depth + 1)?)));
        }
        if let Some(text) = self.lookup_default(function, args, depth) {
            return Some(Value::String(text));
        }
        self.zod(node, depth).map(|z| z.schema)
    }

    /// `t("TOOL_X_DESCRIPTION", "Text")` / `t("tools.x.description", "Text")` through a lookup
    /// function the evaluator cannot follow (a translation or override table handed in as a
    /// parameter): the default text, which is what the model is shown unless the user's
    /// configuration overrides it (as `process.env.X || "Text"`).
    fn lookup_default(&self, function: Node<'t>, args: Node<'t>, depth: u32) -> Option<String> {
        if function.kind() != "identifier" {
            return None;
        }
        let [key, default] = arguments(args)[..] else {
            return None;
        };
        if key.kind() != "string" || !matches!(default.kind(), "string" | "template_string") {
            return None;
        }
        let key = self.string(key, depth + 1)?;
        let is_key = key.len() >= 3
            && key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
            && (key.contains(['.', ':']) || key.chars().all(|c| !c.is_ascii_lowercase()));
        if !is_key
            || self
                .resolve(function, depth + 1)
                .is_some_and(|(_, f)| flow::is_function(f))
        {
            return None;
        }
        self.string(default, depth + 1)
    }

    /// A template literal; substitutions must resolve to constants.
    pub(super) fn template(&self, node: Node<'t>, depth: u32) -> Option<String> {
        let start = node.start_byte() + 1;
        let end = node.end_byte().saturating_sub(1);
        let mut out = String::new();
        let mut at = start;
        for child in value::named_children(node) {
            if child.kind() != "template_substitution" {
                continue;
            }
            out.push_str(&value::decode_js(self.src.get(at..child.start_byte())?));
            let inner = child.named_child(0)?;
            out.push_str(&to_js_string(&self.eval(inner, depth + 1)?)?);
            if out.len() > MAX_TEXT_BYTES {
                return None;
            }
            at = child.end_byte();
        }
        out.push_str(&value::decode_js(self.src.get(at..end.max(at))?));
        Some(out)
    }
}
