//! Calls of the package's own functions with constant arguments: a body of assignments,
//! `if`/`elif`/`else` and `return` is run with the parameters bound (`description(spec)` whose
//! body is `return f"{spec.description}\n\n{spec.details}" if spec.details else …`). Anything
//! else in the body (loops, `try`, calls whose result matters) makes the result unknown.
//!
//! Also the registry a package keeps itself: a decorator factory of the package
//! (`@tool(name=…, description=…, details=…)` returning `wrap(handler) -> ToolSpec(…)`) makes
//! one entry per tool, and a list handler `Tool(name=spec.name, description=f(spec))` over
//! the entries says what the model is shown; the handler's expression is evaluated with the
//! entry bound.

use super::*;

/// What running a block gave.
enum Flow {
    /// Fell off the end without returning.
    Next,
    /// `return value` (`None` when nothing follows `return`: Python's `None`).
    Return(Value),
    /// A statement the interpreter does not follow, or an unknown value that matters.
    Unknown,
}

/// Python's truthiness of a constant.
pub(super) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::Bool(true) => true,
    }
}

impl<'t> Py<'_, 't> {
    /// The value of a call of the package function `def` (defined at the top level of this
    /// module) with constant arguments, or unknown.
    pub(super) fn call_def(
        &self,
        def: Node<'t>,
        positional: &[Option<Value>],
        keywords: &[(String, Option<Value>)],
        depth: u32,
    ) -> Option<Value> {
        if depth > MAX_DEPTH || !self.budget.step() || !top_level(def) {
            return None;
        }
        let env = self.bind_parameters(def, positional, keywords, depth)?;
        self.env.borrow_mut().push(env);
        let flow = def
            .child_by_field_name("body")
            .map_or(Flow::Unknown, |b| self.run_block(b, depth + 1));
        self.env.borrow_mut().pop();
        match flow {
            Flow::Return(v) => Some(v),
            Flow::Next => Some(Value::Null),
            Flow::Unknown => None,
        }
    }

    /// The parameters of `def` bound to the arguments (defaults evaluated in this module); an
    /// argument that is not a constant is bound as unknown. `None` when the call does not fit.
    fn bind_parameters(
        &self,
        def: Node<'t>,
        positional: &[Option<Value>],
        keywords: &[(String, Option<Value>)],
        depth: u32,
    ) -> Option<Env> {
        let params = def.child_by_field_name("parameters")?;
        let mut env = Env::new();
        let mut next = positional.iter();
        let mut keyword_only = false;
        for p in value::named_children(params) {
            let (name, default) = match p.kind() {
                "identifier" => (self.text(p), None),
                "typed_parameter" => (self.text(p.named_child(0)?), None),
                "default_parameter" | "typed_default_parameter" => (
                    self.text(p.child_by_field_name("name")?),
                    p.child_by_field_name("value"),
                ),
                "keyword_separator" | "list_splat_pattern" => {
                    keyword_only = true;
                    continue;
                }
                "positional_separator" => continue,
                _ => return None,
            };
            let given = keywords
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .or_else(|| {
                    if keyword_only {
                        None
                    } else {
                        next.next().cloned()
                    }
                });
            let bound = match (given, default) {
                (Some(v), _) => v,
                (None, Some(d)) => self.eval(d, depth + 1),
                (None, None) => return None,
            };
            env.insert(
                name.to_string(),
                bound.map_or(EnvVal::Unknown, EnvVal::Value),
            );
        }
        Some(env)
    }

    fn run_block(&self, block: Node<'t>, depth: u32) -> Flow {
        for (i, stmt) in value::named_children(block).into_iter().enumerate() {
            if depth > MAX_DEPTH || !self.budget.step() {
                return Flow::Unknown;
            }
            match self.run_statement(stmt, i == 0, depth) {
                Flow::Next => {}
                done => return done,
            }
        }
        Flow::Next
    }

    fn run_statement(&self, stmt: Node<'t>, first: bool, depth: u32) -> Flow {
        match stmt.kind() {
            "expression_statement" => {
                let Some(e) = stmt.named_child(0) else {
                    return Flow::Next;
                };
                match e.kind() {
                    // The docstring.
                    "string" if first => Flow::Next,
                    "assignment" => {
                        let (Some(left), Some(right)) = (
                            e.child_by_field_name("left"),
                            e.child_by_field_name("right"),
                        ) else {
                            return Flow::Unknown;
                        };
                        if left.kind() != "identifier" {
                            return Flow::Unknown;
                        }
                        let v = self.eval(right, depth + 1);
                        if let Some(env) = self.env.borrow_mut().last_mut() {
                            env.insert(
                                self.text(left).to_string(),
                                v.map_or(EnvVal::Unknown, EnvVal::Value),
                            );
                        }
                        Flow::Next
                    }
                    _ => Flow::Unknown,
                }
            }
            "return_statement" => match stmt.named_child(0) {
                None => Flow::Return(Value::Null),
                Some(e) => self.eval(e, depth + 1).map_or(Flow::Unknown, Flow::Return),
            },
            "if_statement" => self.run_if(stmt, depth),
            "pass_statement" => Flow::Next,
            _ => Flow::Unknown,
        }
    }

    fn run_if(&self, stmt: Node<'t>, depth: u32) -> Flow {
        let Some(condition) = stmt
            .child_by_field_name("condition")
            .and_then(|c| self.eval(c, depth + 1))
        else {
            return Flow::Unknown;
        };
        if truthy(&condition) {
            return stmt
                .child_by_field_name("consequence")
                .map_or(Flow::Unknown, |b| self.run_block(b, depth + 1));
        }
        let mut cursor = stmt.walk();
        for alt in stmt.children_by_field_name("alternative", &mut cursor) {
            match alt.kind() {
                "elif_clause" => {
                    let Some(c) = alt
                        .child_by_field_name("condition")
                        .and_then(|c| self.eval(c, depth + 1))
                    else {
                        return Flow::Unknown;
                    };
                    if truthy(&c) {
                        return alt
                            .child_by_field_name("consequence")
                            .map_or(Flow::Unknown, |b| self.run_block(b, depth + 1));
                    }
                }
                "else_clause" => {
                    return alt
                        .child_by_field_name("body")
                        .map_or(Flow::Unknown, |b| self.run_block(b, depth + 1));
                }
                _ => return Flow::Unknown,
            }
        }
        Flow::Next
    }

    /// `a if c else b`, `x is None`, `x == "y"`, `not x`.
    pub(super) fn eval_condition(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        match node.kind() {
            "conditional_expression" => {
                let parts = value::named_children(node);
                let [then, condition, otherwise] = parts.as_slice() else {
                    return None;
                };
                let c = self.eval(*condition, depth + 1)?;
                self.eval(if truthy(&c) { *then } else { *otherwise }, depth + 1)
            }
            "not_operator" => {
                let v = self.eval(node.child_by_field_name("argument")?, depth + 1)?;
                Some(Value::Bool(!truthy(&v)))
            }
            "comparison_operator" => {
                let parts = value::named_children(node);
                let [left, right] = parts.as_slice() else {
                    return None;
                };
                let op: String = self.src[left.end_byte()..right.start_byte()]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let (l, r) = (self.eval(*left, depth + 1)?, self.eval(*right, depth + 1)?);
                match op.as_str() {
                    "is" | "==" => Some(Value::Bool(l == r)),
                    "is not" | "!=" => Some(Value::Bool(l != r)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// `re.sub(p, r, s)`, `PATTERN.sub(r, s)` with `PATTERN = re.compile(p)`, `s.replace(a, b)`:
    /// what the package does to a constant text. Patterns the `regex` crate does not accept
    /// (look-around, back-references) and replacements with escapes are unknown.
    pub(super) fn eval_text_call(
        &self,
        function: Node<'t>,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        depth: u32,
    ) -> Option<Value> {
        if function.kind() != "attribute" || !keywords.is_empty() {
            return None;
        }
        let object = function.child_by_field_name("object")?;
        let method = self.text(function.child_by_field_name("attribute")?);
        let s = |i: usize| positional.get(i).and_then(|n| self.string(*n, depth + 1));
        match (method, positional.len()) {
            ("replace", 2) => {
                let text = self.string(object, depth + 1)?;
                let out = text.replace(&s(0)?, &s(1)?);
                (out.len() <= value::MAX_TEXT_BYTES).then_some(Value::String(out))
            }
            ("sub", 3) if self.text(object) == "re" => {
                substitute(&s(0)?, &s(1)?, &s(2)?).map(Value::String)
            }
            ("sub", 2) => {
                let pattern = self.compiled_pattern(object, depth + 1)?;
                substitute(&pattern, &s(0)?, &s(1)?).map(Value::String)
            }
            _ => None,
        }
    }

    /// The pattern of `re.compile("…")` (no flags) a reference names.
    fn compiled_pattern(&self, node: Node<'t>, depth: u32) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "call" => {
                let function = self.text(node.child_by_field_name("function")?);
                let (positional, keywords) = self.arguments(node.child_by_field_name("arguments")?);
                if !matches!(function, "re.compile" | "compile")
                    || positional.len() != 1
                    || !keywords.is_empty()
                {
                    return None;
                }
                self.string(positional[0], depth + 1)
            }
            "identifier" | "attribute" => match self.resolve_ref(node, depth + 1)? {
                Target::Node(m, n) if m == self.index => self.compiled_pattern(n, depth + 1),
                Target::Node(m, n) => self.peer(m).compiled_pattern(n, depth + 1),
                _ => None,
            },
            _ => None,
        }
    }

    /// A call of a function of the package: its arguments evaluated here, its body run in
    /// its module.
    pub(super) fn eval_package_call(
        &self,
        function: Node<'t>,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        depth: u32,
    ) -> Option<Value> {
        if !matches!(function.kind(), "identifier" | "attribute") {
            return None;
        }
        if let Some(EnvVal::Function(_) | EnvVal::Unknown) = self.env_get(self.text(function)) {
            return None;
        }
        let Target::Def(m, def) = self.resolve_ref(function, depth + 1)? else {
            return None;
        };
        let args: Vec<Option<Value>> = positional
            .iter()
            .map(|p| self.eval(*p, depth + 1))
            .collect();
        let kwargs: Vec<(String, Option<Value>)> = keywords
            .iter()
            .map(|(k, v)| ((*k).to_string(), self.eval(*v, depth + 1)))
            .collect();
        if m == self.index {
            self.call_def(def, &args, &kwargs, depth + 1)
        } else {
            self.peer(m).call_def(def, &args, &kwargs, depth + 1)
        }
    }

    /// The entry a registry decorator factory of the package makes for one tool:
    /// `def tool(*, name, description, details=None): def wrap(handler): return
    /// Spec(name=name, description=description, details=clean(details)); return wrap`. The
    /// fields are the keywords of the call the inner function returns, with the factory's
    /// parameters bound; without such an inner function, the factory's parameters.
    pub(super) fn registry_entry(
        &self,
        callee: Node<'t>,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
    ) -> Option<Map<String, Value>> {
        let Target::Def(m, def) = self.resolve_ref(callee, 0)? else {
            return None;
        };
        let args: Vec<Option<Value>> = positional.iter().map(|p| self.eval(*p, 0)).collect();
        let kwargs: Vec<(String, Option<Value>)> = keywords
            .iter()
            .map(|(k, v)| ((*k).to_string(), self.eval(*v, 0)))
            .collect();
        let peer = self.peer(m);
        peer.factory_entry(def, &args, &kwargs)
    }

    fn factory_entry(
        &self,
        def: Node<'t>,
        positional: &[Option<Value>],
        keywords: &[(String, Option<Value>)],
    ) -> Option<Map<String, Value>> {
        let env = self.bind_parameters(def, positional, keywords, 0)?;
        let body = def.child_by_field_name("body")?;
        // The inner function's returned call: `return Spec(field=expr, …)`.
        let made = value::named_children(body)
            .into_iter()
            .filter(|s| s.kind() == "function_definition")
            .find_map(|inner| {
                let last = value::named_children(inner.child_by_field_name("body")?)
                    .into_iter()
                    .last()?;
                let call = last
                    .named_child(0)
                    .filter(|c| last.kind() == "return_statement" && c.kind() == "call")?;
                Some(self.arguments(call.child_by_field_name("arguments")?).1)
            });
        self.env.borrow_mut().push(env.clone());
        let entry: Map<String, Value> = match made {
            Some(fields) => fields
                .iter()
                .filter_map(|(k, v)| self.eval(*v, 0).map(|v| ((*k).to_string(), v)))
                .collect(),
            None => env
                .into_iter()
                .filter_map(|(k, v)| v.constant().map(|v| (k, v)))
                .collect(),
        };
        self.env.borrow_mut().pop();
        Some(entry)
    }

    /// `types.Tool(name=spec.name, description=EXPR, …)` where `spec` is the variable of a
    /// loop or comprehension: a list handler over the package's own registry.
    pub(super) fn list_handler(&self) -> Option<(&'t str, Node<'t>)> {
        let tree = self.file.tree()?;
        let mut hit = None;
        value::walk_bounded(tree.root_node(), super::MAX_TREE_DEPTH, &mut |n| {
            if hit.is_some() || n.kind() != "call" {
                return;
            }
            let Some(function) = n.child_by_field_name("function") else {
                return;
            };
            if !(self.text(function) == "Tool" || self.text(function).ends_with(".Tool")) {
                return;
            }
            let Some(args) = n.child_by_field_name("arguments") else {
                return;
            };
            let (_, keywords) = self.arguments(args);
            let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
            let (Some(name), Some(description)) = (kw("name"), kw("description")) else {
                return;
            };
            let Some(var) = self.text(name).strip_suffix(".name") else {
                return;
            };
            if name.kind() == "attribute" && loop_variable(n, var, self.src) {
                hit = Some((var, description));
            }
        });
        hit
    }

    /// The description the list handler gives an entry of the registry.
    pub(super) fn handler_description(
        &self,
        var: &str,
        expr: Node<'t>,
        entry: &Map<String, Value>,
    ) -> Option<String> {
        let mut env = Env::new();
        env.insert(var.to_string(), EnvVal::Value(Value::Object(entry.clone())));
        self.env.borrow_mut().push(env);
        let d = self.string(expr, 0);
        self.env.borrow_mut().pop();
        d
    }
}

/// `def` is written at the top level of its module (not a method or a nested function).
fn top_level(def: Node<'_>) -> bool {
    let parent = match def.parent() {
        Some(p) if p.kind() == "decorated_definition" => p.parent(),
        p => p,
    };
    parent.is_some_and(|p| p.kind() == "module")
}

/// `var` is bound by a `for` around `node` (a statement or a comprehension clause).
fn loop_variable(node: Node<'_>, var: &str, src: &str) -> bool {
    let mut at = node.parent();
    while let Some(p) = at {
        match p.kind() {
            "for_statement"
                if p.child_by_field_name("left")
                    .is_some_and(|l| value::text(src, l) == var) =>
            {
                return true;
            }
            "list_comprehension" | "generator_expression" => {
                for c in value::named_children(p) {
                    if c.kind() == "for_in_clause"
                        && c.child_by_field_name("left")
                            .is_some_and(|l| value::text(src, l) == var)
                    {
                        return true;
                    }
                }
            }
            "function_definition" | "module" => return false,
            _ => {}
        }
        at = p.parent();
    }
    false
}

/// Python's `re.sub(pattern, repl, text)` for patterns and replacements both engines read
/// alike.
fn substitute(pattern: &str, replacement: &str, text: &str) -> Option<String> {
    if replacement.contains('\\') {
        return None;
    }
    let re = regex::Regex::new(pattern).ok()?;
    let out = re
        .replace_all(text, regex::NoExpand(replacement))
        .into_owned();
    (out.len() <= value::MAX_TEXT_BYTES).then_some(out)
}
