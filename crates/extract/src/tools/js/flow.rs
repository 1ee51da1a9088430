//! Values that flow through the package's own functions and loops: a call of a package
//! function is evaluated with its parameters bound to the call's arguments (factories:
//! `CreateTool("name", "description", schema, handler)` returning `{name, description, …}`,
//! name helpers: `getToolName("x")`), and a declaration inside a loop over a constant list
//! (`for (const t of TOOLS) server.registerTool(t.name, …)`, `TOOLS.map((t) => ({name:
//! t.name, …}))`) is read once per element with the loop variable bound.
//!
//! Nothing runs: the evaluator substitutes syntax for parameters and gives up (the value is
//! dynamic) on anything that is not a constant. Bounded like the rest of the evaluator (depth,
//! the per-file step budget) and by [`MAX_ELEMENTS`] per list.

use super::*;

/// Longest list a loop is unrolled over (and most loop bodies evaluated for one declaration).
pub(super) const MAX_ELEMENTS: usize = 1000;

/// What a name is bound to: syntax (evaluated where it was written) or a constant (the key of
/// an `Object.entries` pair).
#[derive(Clone)]
pub(super) enum Bound<'e, 't> {
    Node(Eval<'e, 't>, Node<'t>),
    Value(Value),
}

/// Names bound while a function body or a loop body is evaluated.
pub(super) struct Env<'e, 't> {
    /// The function or loop whose names these are: only uses inside it see them.
    scope: Node<'t>,
    file: &'t SourceFile,
    vars: Vec<(&'t str, Bound<'e, 't>)>,
    parent: Option<Rc<Env<'e, 't>>>,
}

/// One element of a constant list, with the key it had in an object (`Object.entries`).
pub(super) struct Elem<'e, 't> {
    pub(super) ev: Eval<'e, 't>,
    pub(super) node: Node<'t>,
    pub(super) key: Option<String>,
}

/// A loop around a declaration: its variable pattern, the list it runs over and its body.
struct Loop<'t> {
    pattern: Node<'t>,
    iterable: Node<'t>,
    scope: Node<'t>,
}

/// JavaScript truthiness of a constant.
pub(super) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => false,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// Whether a node is a function whose body can be evaluated.
pub(super) fn is_function(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "arrow_function"
            | "function_expression"
            | "function"
            | "function_declaration"
            | "method_definition"
    )
}

/// The expression a function returns: an arrow's expression body, else the last `return` at
/// the top level of its block (the fall-through result of `if (x) return a; return b;`).
pub(super) fn returned(function: Node<'_>) -> Option<Node<'_>> {
    let body = function.child_by_field_name("body")?;
    if body.kind() != "statement_block" {
        return Some(body);
    }
    value::named_children(body)
        .into_iter()
        .rev()
        .find(|s| s.kind() == "return_statement")?
        .named_child(0)
}

impl<'e, 't> Eval<'e, 't> {
    /// The binding of `name` among the parameters and loop variables in scope at `usage`.
    pub(super) fn env_lookup(&self, name: &str, usage: Node<'t>) -> Option<Bound<'e, 't>> {
        let mut env = self.env.as_deref();
        while let Some(e) = env {
            let inside = std::ptr::eq(e.file, self.file)
                && e.scope.start_byte() <= usage.start_byte()
                && usage.end_byte() <= e.scope.end_byte();
            if inside {
                if let Some((_, bound)) = e.vars.iter().rev().find(|(k, _)| *k == name) {
                    return Some(bound.clone());
                }
            }
            env = e.parent.as_deref();
        }
        None
    }

    /// How many functions and loops are being evaluated inline.
    pub(super) fn env_depth(&self) -> usize {
        let mut n = 0;
        let mut env = self.env.as_deref();
        while let Some(e) = env {
            n += 1;
            env = e.parent.as_deref();
        }
        n
    }

    /// This evaluator with `vars` bound inside `scope`.
    fn with_vars(&self, scope: Node<'t>, vars: Vec<(&'t str, Bound<'e, 't>)>) -> Eval<'e, 't> {
        let mut ev = self.clone();
        ev.env = Some(Rc::new(Env {
            scope,
            file: self.file,
            vars,
            parent: self.env.clone(),
        }));
        ev
    }

    /// A call of a package function, evaluated inline: the evaluator over the function's file
    /// with its parameters bound to the arguments, and the expression it returns.
    pub(super) fn inline_call(&self, call: Node<'t>, depth: u32) -> Option<Resolved<'e, 't>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let function = call.child_by_field_name("function")?;
        let args = call.child_by_field_name("arguments")?;
        if args.kind() != "arguments" {
            return None;
        }
        // Only names of the package's own functions: a method of an arbitrary object (`z.string()`,
        // `server.connect()`) is a library's.
        let callee_is_ours = match function.kind() {
            "identifier" => true,
            "member_expression" => function.child_by_field_name("object").is_some_and(|o| {
                o.kind() == "this"
                    || (o.kind() == "identifier" && self.is_module_object(self.text(o), o))
            }),
            _ => false,
        };
        if !callee_is_ours {
            return None;
        }
        let (fev, f) = self.resolve(function, depth + 1)?;
        if !is_function(f) {
            return None;
        }
        let argv: Vec<Bound<'e, 't>> = arguments(args)
            .into_iter()
            .map(|a| Bound::Node(self.clone(), a))
            .collect();
        fev.apply(f, &argv, depth + 1)
    }

    /// The result of calling `function` (written in this evaluator's file) with `argv`.
    pub(super) fn apply(
        &self,
        function: Node<'t>,
        argv: &[Bound<'e, 't>],
        depth: u32,
    ) -> Option<Resolved<'e, 't>> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        let ret = returned(function)?;
        Some((self.bind_params(function, argv, depth), ret))
    }

    /// This evaluator with the parameters of `function` bound to `argv` inside it.
    pub(super) fn bind_params(
        &self,
        function: Node<'t>,
        argv: &[Bound<'e, 't>],
        depth: u32,
    ) -> Eval<'e, 't> {
        let mut vars = Vec::new();
        let params: Vec<Node<'t>> = match function.child_by_field_name("parameters") {
            Some(list) => value::named_children(list)
                .into_iter()
                .filter(|p| p.kind() != "comment")
                .collect(),
            None => function
                .child_by_field_name("parameter")
                .into_iter()
                .collect(),
        };
        for (i, param) in params.into_iter().enumerate() {
            self.bind_pattern(param, argv.get(i).cloned(), &mut vars, depth + 1);
        }
        self.with_vars(function, vars)
    }

    /// Binds the names of a parameter or loop-variable pattern to (parts of) `value`.
    pub(super) fn bind_pattern(
        &self,
        pattern: Node<'t>,
        value: Option<Bound<'e, 't>>,
        vars: &mut Vec<(&'t str, Bound<'e, 't>)>,
        depth: u32,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        match pattern.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                if let Some(v) = value {
                    vars.push((self.text(pattern), v));
                }
            }
            // TypeScript `name: Type = default`.
            "required_parameter" | "optional_parameter" => {
                let Some(inner) = pattern.child_by_field_name("pattern") else {
                    return;
                };
                let value = value.or_else(|| {
                    pattern
                        .child_by_field_name("value")
                        .map(|d| Bound::Node(self.clone(), d))
                });
                self.bind_pattern(inner, value, vars, depth + 1);
            }
            "assignment_pattern" | "object_assignment_pattern" => {
                let (Some(left), Some(right)) = (
                    pattern.child_by_field_name("left"),
                    pattern.child_by_field_name("right"),
                ) else {
                    return;
                };
                let value = value.or(Some(Bound::Node(self.clone(), right)));
                self.bind_pattern(left, value, vars, depth + 1);
            }
            "object_pattern" => {
                let object = match &value {
                    Some(Bound::Node(ev, n)) => ev
                        .resolve(*n, depth + 1)
                        .filter(|(_, o)| o.kind() == "object"),
                    _ => None,
                };
                for part in value::named_children(pattern) {
                    let (key, target) = match part.kind() {
                        "shorthand_property_identifier_pattern" => (self.text(part), part),
                        "object_assignment_pattern" => match part.child_by_field_name("left") {
                            Some(l) => (self.text(l), part),
                            None => continue,
                        },
                        "pair_pattern" => match (
                            part.child_by_field_name("key"),
                            part.child_by_field_name("value"),
                        ) {
                            (Some(k), Some(v)) => (self.text(k).trim_matches(['"', '\'']), v),
                            _ => continue,
                        },
                        _ => continue,
                    };
                    let member = object.as_ref().and_then(|(ev, o)| {
                        Some(Bound::Node(ev.clone(), ev.pair(*o, key, depth)?))
                    });
                    self.bind_pattern(target, member, vars, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The elements of a constant list: array literals (spreads followed), `.map(f)` /
    /// `.flatMap(f)` of one (each element through `f`), `.filter`, `.slice`, `.concat`,
    /// `Object.values/keys/entries` of a constant object.
    pub(super) fn elements(&self, node: Node<'t>, depth: u32) -> Option<Vec<Elem<'e, 't>>> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        let (ev, n) = self.resolve(node, depth + 1)?;
        match n.kind() {
            "array" => {
                let mut out = Vec::new();
                for child in value::named_children(n) {
                    match child.kind() {
                        "comment" => {}
                        "spread_element" => {
                            out.extend(ev.elements(child.named_child(0)?, depth + 1)?)
                        }
                        _ => out.push(Elem {
                            ev: ev.clone(),
                            node: child,
                            key: None,
                        }),
                    }
                    if out.len() > MAX_ELEMENTS {
                        return None;
                    }
                }
                Some(out)
            }
            "call_expression" => ev.list_call(n, depth + 1),
            _ => None,
        }
    }

    fn list_call(&self, call: Node<'t>, depth: u32) -> Option<Vec<Elem<'e, 't>>> {
        let function = call.child_by_field_name("function")?;
        if function.kind() != "member_expression" {
            return None;
        }
        let object = function.child_by_field_name("object")?;
        let method = self.text(function.child_by_field_name("property")?);
        let argv = arguments(call.child_by_field_name("arguments")?);
        if self.text(object) == "Object" {
            let (ev, obj) = self.resolve(*argv.first()?, depth + 1)?;
            if obj.kind() != "object" {
                return None;
            }
            let pairs = ev.pairs(obj, depth + 1);
            return Some(match method {
                "values" | "entries" => pairs
                    .into_iter()
                    .map(|(k, e, n)| Elem {
                        ev: e,
                        node: n,
                        key: Some(k),
                    })
                    .collect(),
                _ => return None,
            });
        }
        match method {
            "filter" | "slice" | "sort" | "reverse" | "toSorted" | "toReversed" => {
                self.elements(object, depth + 1)
            }
            "concat" => {
                let mut out = self.elements(object, depth + 1)?;
                for arg in argv {
                    match self.elements(arg, depth + 1) {
                        Some(more) => out.extend(more),
                        None => out.push(Elem {
                            ev: self.clone(),
                            node: arg,
                            key: None,
                        }),
                    }
                }
                Some(out)
            }
            "map" | "flatMap" => {
                let base = self.elements(object, depth + 1)?;
                let (fev, f) = self.resolve(*argv.first()?, depth + 1)?;
                if !is_function(f) {
                    return None;
                }
                let mut out = Vec::new();
                for el in base {
                    let Some((rev, ret)) = fev.apply(f, &[Bound::Node(el.ev, el.node)], depth + 1)
                    else {
                        continue;
                    };
                    match (method, rev.elements(ret, depth + 1)) {
                        ("flatMap", Some(inner)) => out.extend(inner),
                        _ => out.push(Elem {
                            ev: rev,
                            node: ret,
                            key: el.key,
                        }),
                    }
                    if out.len() > MAX_ELEMENTS {
                        return None;
                    }
                }
                Some(out)
            }
            _ => None,
        }
    }

    /// The loops around `node` (innermost first): callbacks of `.map`/`.forEach`/… on a list
    /// and `for (… of …)` statements.
    fn loops(&self, node: Node<'t>) -> Vec<Loop<'t>> {
        let mut out = Vec::new();
        let mut at = node;
        while let Some(parent) = at.parent() {
            if out.len() >= 3 {
                break;
            }
            match parent.kind() {
                "for_in_statement"
                    if parent
                        .child_by_field_name("body")
                        .is_some_and(|b| b.id() == at.id())
                        && parent
                            .child_by_field_name("operator")
                            .is_some_and(|o| self.text(o) == "of") =>
                {
                    if let (Some(pattern), Some(iterable)) = (
                        parent.child_by_field_name("left"),
                        parent.child_by_field_name("right"),
                    ) {
                        out.push(Loop {
                            pattern,
                            iterable,
                            scope: parent,
                        });
                    }
                }
                "arrow_function" | "function_expression" => {
                    if let Some(l) = self.callback_loop(parent) {
                        out.push(l);
                    }
                }
                _ => {}
            }
            at = parent;
        }
        out
    }

    /// `LIST.map((x) => …)` (also `forEach`, `flatMap`, `filter`): the callback's loop.
    fn callback_loop(&self, function: Node<'t>) -> Option<Loop<'t>> {
        let args = function.parent().filter(|a| a.kind() == "arguments")?;
        if args.named_child(0)?.id() != function.id() {
            return None;
        }
        let call = args.parent().filter(|c| c.kind() == "call_expression")?;
        let callee = call.child_by_field_name("function")?;
        if callee.kind() != "member_expression" {
            return None;
        }
        let method = self.text(callee.child_by_field_name("property")?);
        if !matches!(
            method,
            "map" | "forEach" | "flatMap" | "filter" | "some" | "every"
        ) {
            return None;
        }
        let pattern = match function.child_by_field_name("parameters") {
            Some(list) => value::named_children(list).into_iter().next()?,
            None => function.child_by_field_name("parameter")?,
        };
        Some(Loop {
            pattern,
            iterable: callee.child_by_field_name("object")?,
            scope: function,
        })
    }

    /// One evaluator per combination of the elements of the constant lists the loops around
    /// `node` run over (empty when `node` is in no such loop).
    pub(super) fn loop_envs(&self, node: Node<'t>) -> Vec<Eval<'e, 't>> {
        let loops = self.loops(node);
        if loops.is_empty() {
            return Vec::new();
        }
        let mut envs = vec![self.clone()];
        for l in loops.iter().rev() {
            let mut next = Vec::new();
            for ev in &envs {
                let Some(items) = ev.elements(l.iterable, 0) else {
                    continue;
                };
                for item in items {
                    let mut vars = Vec::new();
                    match (l.pattern.kind(), item.key) {
                        // `for (const [name, tool] of Object.entries(TOOLS))`
                        ("array_pattern", Some(key)) => {
                            let parts = value::named_children(l.pattern);
                            if let Some(k) = parts.first() {
                                ev.bind_pattern(
                                    *k,
                                    Some(Bound::Value(Value::String(key))),
                                    &mut vars,
                                    0,
                                );
                            }
                            if let Some(v) = parts.get(1) {
                                ev.bind_pattern(
                                    *v,
                                    Some(Bound::Node(item.ev, item.node)),
                                    &mut vars,
                                    0,
                                );
                            }
                        }
                        _ => ev.bind_pattern(
                            l.pattern,
                            Some(Bound::Node(item.ev, item.node)),
                            &mut vars,
                            0,
                        ),
                    }
                    next.push(ev.with_vars(l.scope, vars));
                    if next.len() > MAX_ELEMENTS {
                        return Vec::new();
                    }
                }
            }
            envs = next;
        }
        envs
    }
}
