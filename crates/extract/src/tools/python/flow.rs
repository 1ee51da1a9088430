//! Values that flow across the package: names bound by imports (`from .tools import ALL`,
//! `from . import tools` then `tools.ALL`, `import pkg.tools as t`), loops and comprehensions
//! over constant lists whose elements are functions, tuples or dicts (`for fn, title in TOOLS:
//! mcp.add_tool(fn, title=title)`, `[Tool(name=t["name"], …) for t in TOOLS]`, `for name in
//! NAMES: mcp.tool()(getattr(tools, name))`), calls of the package's own functions that return
//! such lists (`build_tools(client).items()`), and wrappers around a registered function
//! (`mcp.add_tool(compact(fn))`, where `compact` keeps the name and sets `run.__doc__`).
//!
//! Nothing runs; a loop is unrolled only over a list the evaluator can read (at most
//! [`MAX_ELEMENTS`] elements, three nested loops).

use super::*;

/// Longest list a loop is unrolled over.
const MAX_ELEMENTS: usize = 1000;

/// The dotted module name of a package path: `pkg/sub/mod.py` is `pkg.sub.mod`, a package's
/// `__init__.py` is the package.
pub(super) fn dotted_name(path: &str) -> String {
    let stem = path
        .strip_suffix(".py")
        .or_else(|| path.strip_suffix(".pyw"))
        .unwrap_or(path);
    let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
    stem.replace('/', ".")
}

/// What a reference names.
pub(super) enum Target<'t> {
    /// An expression or statement node in a module.
    Node(usize, Node<'t>),
    /// A function definition in a module.
    Def(usize, Node<'t>),
    /// A module of the package.
    Module(usize),
}

impl<'t> Module<'t> {
    /// Records the names an `import` / `from … import …` statement binds.
    pub(super) fn import(&mut self, stmt: Node<'t>) {
        let src = self.src;
        let text = |n: Node<'_>| value::text(src, n);
        if stmt.kind() == "import_statement" {
            for name in value::named_children(stmt) {
                match name.kind() {
                    // `import a.b.c as x`: x is a.b.c
                    "aliased_import" => {
                        if let (Some(n), Some(a)) = (
                            name.child_by_field_name("name"),
                            name.child_by_field_name("alias"),
                        ) {
                            self.imports.insert(text(a), (text(n).to_string(), None));
                        }
                    }
                    // `import a.b.c`: `a` is the top package
                    "dotted_name" => {
                        let full = text(name);
                        let top = full.split('.').next().unwrap_or(full);
                        self.imports.insert(top, (top.to_string(), None));
                    }
                    _ => {}
                }
            }
            return;
        }
        let Some(module) = stmt.child_by_field_name("module_name") else {
            return;
        };
        let base = self.absolute(text(module));
        for name in value::named_children(stmt) {
            if name.id() == module.id() {
                continue;
            }
            let (orig, local) = match name.kind() {
                "aliased_import" => match (
                    name.child_by_field_name("name"),
                    name.child_by_field_name("alias"),
                ) {
                    (Some(n), Some(a)) => (text(n), text(a)),
                    _ => continue,
                },
                "dotted_name" => (text(name), text(name)),
                _ => continue,
            };
            self.imports.insert(local, (base.clone(), Some(orig)));
        }
    }

    /// The absolute dotted name of a module as an import statement in this module writes it
    /// (`.tools`, `..x.y`, `pkg.tools`).
    fn absolute(&self, written: &str) -> String {
        let dots = written.len() - written.trim_start_matches('.').len();
        if dots == 0 {
            return written.to_string();
        }
        let mut parts: Vec<&str> = self.dotted.split('.').collect();
        // A module's package is its name without the last part; `__init__` is the package.
        let is_package = self.file.path.ends_with("__init__.py");
        let up = if is_package { dots - 1 } else { dots };
        for _ in 0..up {
            parts.pop();
        }
        let rest = written.trim_start_matches('.');
        if !rest.is_empty() {
            parts.push(rest);
        }
        parts.join(".")
    }
}

impl<'p, 't> Py<'p, 't> {
    /// The evaluator over another module of the package.
    pub(super) fn peer(&self, index: usize) -> Py<'p, 't> {
        Py {
            m: &self.all[index],
            all: self.all,
            env: RefCell::new(Vec::new()),
            budget: self.budget,
            options: self.options,
            entries: self.entries,
        }
    }

    /// The module of the package with this absolute dotted name (or the one whose name ends
    /// with it, for packages under `src/`).
    pub(super) fn module_index(&self, dotted: &str) -> Option<usize> {
        if let Some(i) = self.all.iter().position(|m| m.dotted == dotted) {
            return Some(i);
        }
        let suffix = format!(".{dotted}");
        let mut hits = self.all.iter().filter(|m| m.dotted.ends_with(&suffix));
        let first = hits.next()?;
        hits.next().is_none().then_some(first.index)
    }

    /// What a name means at module level here: a binding, a function, or an import.
    pub(super) fn resolve_name(&self, name: &str, at: usize, depth: u32) -> Option<Target<'t>> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        if let Some(bound) = self.bindings.lookup(name, at) {
            return Some(Target::Node(self.index, bound));
        }
        if let Some(def) = self.defs.get(name).and_then(|d| d.first()) {
            return Some(Target::Def(self.index, *def));
        }
        let (module, orig) = self.imports.get(name)?;
        match orig {
            None => self.module_index(module).map(Target::Module),
            Some(orig) => {
                // `from pkg import tools` where `tools` is a module, else a name in `pkg`.
                if let Some(m) = self.module_index(&format!("{module}.{orig}")) {
                    return Some(Target::Module(m));
                }
                let m = self.module_index(module)?;
                self.peer(m).resolve_name(orig, usize::MAX, depth + 1)
            }
        }
    }

    /// What a reference (`name`, `module.name`) means.
    pub(super) fn resolve_ref(&self, node: Node<'t>, depth: u32) -> Option<Target<'t>> {
        match node.kind() {
            "identifier" => self.resolve_name(self.text(node), node.start_byte(), depth + 1),
            "attribute" => {
                let object = node.child_by_field_name("object")?;
                let attr = self.text(node.child_by_field_name("attribute")?);
                match self.resolve_ref(object, depth + 1)? {
                    Target::Module(m) => self.peer(m).resolve_name(attr, usize::MAX, depth + 1),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The value of a reference bound in another module (or by an import of this one).
    pub(super) fn eval_imported(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        match self.resolve_ref(node, depth + 1)? {
            Target::Node(m, n) if m == self.index => self.eval(n, depth + 1),
            Target::Node(m, n) => self.peer(m).eval(n, depth + 1),
            _ => None,
        }
    }

    /// What a list element is when bound to a loop variable: a function, a tuple of such
    /// values, or a constant.
    pub(super) fn element(&self, node: Node<'t>, depth: u32) -> Option<EnvVal> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        match node.kind() {
            "identifier" => {
                if let Some(v) = self.env_get(self.text(node)) {
                    return Some(v);
                }
            }
            "tuple" | "list" => {
                return Some(EnvVal::Tuple(
                    value::named_children(node)
                        .into_iter()
                        .map(|c| self.element(c, depth + 1))
                        .collect(),
                ));
            }
            _ => {}
        }
        if let Some(info) = self.function_ref(node, depth + 1) {
            return Some(EnvVal::Function(Box::new(info)));
        }
        if matches!(node.kind(), "identifier" | "attribute") {
            match self.resolve_ref(node, depth + 1) {
                Some(Target::Node(m, n)) if m == self.index => {
                    return self.element(n, depth + 1);
                }
                Some(Target::Node(m, n)) => return self.peer(m).element(n, depth + 1),
                _ => {}
            }
        }
        self.eval(node, depth + 1).map(EnvVal::Value)
    }

    /// A function a reference names, in this module or another (through imports, a unique
    /// name in the package, `getattr(obj, "name")`, or a wrapper call `wrap(fn)` that keeps
    /// the function's name and documentation, as `functools.wraps` does).
    pub(super) fn function_ref(&self, node: Node<'t>, depth: u32) -> Option<FnInfo> {
        if depth > MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "identifier" => {
                if let Some(v) = self.env_get(self.text(node)) {
                    return match v {
                        EnvVal::Function(f) => Some(*f),
                        _ => None,
                    };
                }
                match self.resolve_ref(node, depth + 1)? {
                    Target::Def(m, def) => {
                        let mut info = self.peer(m).fn_info(def)?;
                        info.doc_default = info.doc_raw.as_deref().map(|d| self.sdk_doc(d));
                        Some(info)
                    }
                    Target::Node(m, n)
                        if matches!(n.kind(), "identifier" | "attribute" | "call") =>
                    {
                        if m == self.index {
                            self.function_ref(n, depth + 1)
                        } else {
                            self.peer(m).function_ref(n, depth + 1)
                        }
                    }
                    _ => None,
                }
            }
            "attribute" => match self.resolve_ref(node, depth + 1) {
                Some(Target::Def(m, def)) => {
                    let mut info = self.peer(m).fn_info(def)?;
                    info.doc_default = info.doc_raw.as_deref().map(|d| self.sdk_doc(d));
                    Some(info)
                }
                _ => None,
            },
            "call" => self.wrapped_function(node, depth + 1),
            _ => None,
        }
    }

    /// `getattr(obj, "name")` (a method found by its unique name in the package) and
    /// `wrap(fn, …)` where `wrap` is a package function: the function it wraps, with the
    /// documentation the wrapper assigns (`run.__doc__ = inspect.cleandoc(fn.__doc__)`).
    fn wrapped_function(&self, call: Node<'t>, depth: u32) -> Option<FnInfo> {
        let function = call.child_by_field_name("function")?;
        let (positional, _) = self.arguments(call.child_by_field_name("arguments")?);
        if self.text(function) == "getattr" {
            let name = self.string(*positional.get(1)?, depth + 1)?;
            return self.unique_def(&name);
        }
        if let Some(made) = self.made_function(call, depth + 1) {
            return Some(made);
        }
        // `wrap(fn, …)`, also `cast(Type, fn)`: the first argument that names a function.
        let inner = positional
            .iter()
            .find_map(|a| self.function_ref(*a, depth + 1))?;
        let Some(Target::Def(m, wrapper)) = self.resolve_ref(function, depth + 1) else {
            return Some(inner);
        };
        let peer = self.peer(m);
        Some(peer.wrapper_doc(wrapper, inner))
    }

    /// The one function of this name in the package (methods included).
    pub(super) fn unique_def(&self, name: &str) -> Option<FnInfo> {
        let mut hits = self.all.iter().flat_map(|m| {
            m.defs
                .get(name)
                .into_iter()
                .flatten()
                .map(move |d| (m.index, *d))
        });
        let (m, def) = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        let mut info = self.peer(m).fn_info(def)?;
        info.doc_default = info.doc_raw.as_deref().map(|d| self.sdk_doc(d));
        Some(info)
    }

    /// A wrapper's effect on the documentation of the function it is given: a `X.__doc__ = …`
    /// in its body, evaluated with its first parameter bound to the function.
    fn wrapper_doc(&self, wrapper: Node<'t>, mut inner: FnInfo) -> FnInfo {
        let param = wrapper
            .child_by_field_name("parameters")
            .and_then(|p| p.named_child(0))
            .and_then(|p| match p.kind() {
                "identifier" => Some(p),
                _ => p.child_by_field_name("name").or_else(|| p.named_child(0)),
            })
            .map(|p| self.text(p));
        let Some(body) = wrapper.child_by_field_name("body") else {
            return inner;
        };
        let mut assigned = None;
        value::walk_bounded(body, super::MAX_TREE_DEPTH, &mut |n| {
            if n.kind() == "assignment"
                && n.child_by_field_name("left")
                    .is_some_and(|l| self.text(l).ends_with(".__doc__"))
            {
                assigned = n.child_by_field_name("right");
            }
        });
        let Some(expr) = assigned else { return inner };
        let mut env = Env::new();
        if let Some(p) = param {
            env.insert(p.to_string(), EnvVal::Function(Box::new(inner.clone())));
        }
        self.env.borrow_mut().push(env);
        let doc = self.string(expr, 0);
        self.env.borrow_mut().pop();
        inner.doc_raw.clone_from(&doc);
        inner.doc_default = doc;
        inner
    }

    /// The elements of a constant list: a list/tuple/set literal, a reference to one (in any
    /// module), `.items()` / `.values()` / `.keys()` of a dict, a package function's returned
    /// list or dict.
    pub(super) fn elements(&self, node: Node<'t>, depth: u32) -> Option<Vec<EnvVal>> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        match node.kind() {
            "list" | "tuple" | "set" => {
                let items: Vec<EnvVal> = value::named_children(node)
                    .into_iter()
                    .filter(|c| c.kind() != "comment")
                    .filter_map(|c| self.element(c, depth + 1))
                    .collect();
                (items.len() <= MAX_ELEMENTS).then_some(items)
            }
            "parenthesized_expression" => self.elements(node.named_child(0)?, depth + 1),
            "dictionary" => self.dict_items(node, "keys", depth + 1),
            "identifier" | "attribute" => match self.resolve_ref(node, depth + 1)? {
                Target::Node(m, n) => {
                    let peer = self.peer(m);
                    let mut items = peer.elements(n, depth + 1)?;
                    // A registry list filled elsewhere: `TOOLS.append(…)`, by decorators.
                    if let Some(name) = peer.bound_name(n) {
                        items.extend(peer.registry_additions(name, depth + 1));
                    }
                    (items.len() <= MAX_ELEMENTS).then_some(items)
                }
                _ => None,
            },
            "call" => {
                let function = node.child_by_field_name("function")?;
                if function.kind() == "attribute" {
                    let method = self.text(function.child_by_field_name("attribute")?);
                    if matches!(method, "items" | "values" | "keys") {
                        let object = function.child_by_field_name("object")?;
                        let (py, dict) = self.dict_of(object, depth + 1)?;
                        return py.dict_items(dict, method, depth + 1);
                    }
                }
                let (py, ret) = self.returned(node, depth + 1)?;
                py.elements(ret, depth + 1)
            }
            _ => None,
        }
    }

    /// The dict literal a reference or a package function's result is.
    fn dict_of(&self, node: Node<'t>, depth: u32) -> Option<(Py<'p, 't>, Node<'t>)> {
        if depth > MAX_DEPTH {
            return None;
        }
        match node.kind() {
            "dictionary" => Some((self.peer(self.index), node)),
            "identifier" | "attribute" => match self.resolve_ref(node, depth + 1)? {
                Target::Node(m, n) => self.peer(m).dict_of(n, depth + 1),
                _ => None,
            },
            "call" => {
                let (py, ret) = self.returned(node, depth + 1)?;
                py.dict_of(ret, depth + 1)
            }
            _ => None,
        }
    }

    /// The expression a package function returns (its last top-level `return`), when `call`
    /// calls one.
    fn returned(&self, call: Node<'t>, depth: u32) -> Option<(Py<'p, 't>, Node<'t>)> {
        let function = call.child_by_field_name("function")?;
        let Target::Def(m, def) = self.resolve_ref(function, depth + 1)? else {
            return None;
        };
        let body = def.child_by_field_name("body")?;
        let ret = value::named_children(body)
            .into_iter()
            .rev()
            .find(|s| s.kind() == "return_statement")?
            .named_child(0)?;
        Some((self.peer(m), ret))
    }

    fn dict_items(&self, dict: Node<'t>, method: &str, depth: u32) -> Option<Vec<EnvVal>> {
        let mut out = Vec::new();
        for pair in value::named_children(dict) {
            if pair.kind() != "pair" {
                continue;
            }
            let (Some(k), Some(v)) = (
                pair.child_by_field_name("key"),
                pair.child_by_field_name("value"),
            ) else {
                continue;
            };
            let key = self.eval(k, depth + 1).map(EnvVal::Value);
            let value = self.element(v, depth + 1);
            out.push(match method {
                "keys" => key?,
                "values" => value?,
                _ => EnvVal::Tuple(vec![key, value]),
            });
            if out.len() > MAX_ELEMENTS {
                return None;
            }
        }
        Some(out)
    }

    /// One environment per combination of the elements of the constant lists the loops and
    /// comprehensions around `node` run over (empty when there is no such loop).
    pub(super) fn loop_envs(&self, node: Node<'t>) -> Vec<Env> {
        let mut loops = Vec::new();
        let mut at = node;
        while let Some(parent) = at.parent() {
            if loops.len() >= 3 || parent.kind() == "module" {
                break;
            }
            match parent.kind() {
                "for_statement"
                    if parent
                        .child_by_field_name("body")
                        .is_some_and(|b| b.id() == at.id()) =>
                {
                    loops.extend(
                        parent
                            .child_by_field_name("left")
                            .zip(parent.child_by_field_name("right")),
                    );
                }
                "list_comprehension"
                | "generator_expression"
                | "set_comprehension"
                | "dictionary_comprehension" => {
                    for clause in value::named_children(parent).into_iter().rev() {
                        if clause.kind() == "for_in_clause" && clause.id() != at.id() {
                            loops.extend(
                                clause
                                    .child_by_field_name("left")
                                    .zip(clause.child_by_field_name("right")),
                            );
                        }
                    }
                }
                _ => {}
            }
            at = parent;
        }
        if loops.is_empty() {
            return Vec::new();
        }
        let base = self.env.borrow().last().cloned().unwrap_or_default();
        let mut envs = vec![base];
        for (pattern, iterable) in loops.into_iter().rev() {
            let mut next = Vec::new();
            for env in &envs {
                self.env.borrow_mut().push(env.clone());
                let items = self.elements(iterable, 0);
                self.env.borrow_mut().pop();
                for item in items.into_iter().flatten() {
                    let mut e = env.clone();
                    self.bind_pattern(pattern, item, &mut e);
                    next.push(e);
                }
            }
            if next.len() > MAX_ELEMENTS {
                return Vec::new();
            }
            envs = next;
        }
        envs
    }

    fn bind_pattern(&self, pattern: Node<'t>, value: EnvVal, env: &mut Env) {
        match (pattern.kind(), value) {
            ("identifier", v) => {
                env.insert(self.text(pattern).to_string(), v);
            }
            ("pattern_list" | "tuple_pattern" | "list_pattern", EnvVal::Tuple(items)) => {
                let parts = value::named_children(pattern);
                for (part, item) in parts.into_iter().zip(items) {
                    if let Some(item) = item {
                        self.bind_pattern(part, item, env);
                    }
                }
            }
            (
                "pattern_list" | "tuple_pattern" | "list_pattern",
                EnvVal::Value(Value::Array(items)),
            ) => {
                let parts = value::named_children(pattern);
                for (part, item) in parts.into_iter().zip(items) {
                    self.bind_pattern(part, EnvVal::Value(item), env);
                }
            }
            _ => {}
        }
    }

    /// `NAME.__doc__ = expr` written before `at` in the function (or module) around it: the
    /// documentation the SDK will read is that expression's value, or unknown.
    pub(super) fn reassigned_doc(
        &self,
        name: &str,
        at: Node<'t>,
        info: &FnInfo,
    ) -> Option<Option<String>> {
        let mut scope = at.parent();
        while let Some(s) = scope {
            if matches!(s.kind(), "function_definition" | "module") {
                break;
            }
            scope = s.parent();
        }
        let scope = scope?;
        let target = format!("{name}.__doc__");
        let mut assigned = None;
        value::walk_bounded(scope, super::MAX_TREE_DEPTH, &mut |n| {
            if n.kind() == "assignment"
                && n.start_byte() < at.start_byte()
                && n.child_by_field_name("left")
                    .is_some_and(|l| self.text(l) == target)
            {
                assigned = n.child_by_field_name("right");
            }
        });
        let expr = assigned?;
        let mut env = self.env.borrow().last().cloned().unwrap_or_default();
        env.insert(name.to_string(), EnvVal::Function(Box::new(info.clone())));
        self.env.borrow_mut().push(env);
        let doc = self.string(expr, 0);
        self.env.borrow_mut().pop();
        Some(doc)
    }
}

impl<'p, 't> Py<'p, 't> {
    /// The module-level name a value node is assigned to (`TOOLS = […]`).
    fn bound_name(&self, value: Node<'t>) -> Option<&'t str> {
        let assignment = value.parent().filter(|a| a.kind() == "assignment")?;
        let left = assignment.child_by_field_name("left")?;
        (left.kind() == "identifier").then(|| self.text(left))
    }

    /// What is added to the module's list `name` after its definition: `name.append(x)` at
    /// module level, and `name.append(…)` in a decorator (or decorator factory) of the package,
    /// once per function it decorates (`@tool("Title") async def search(…)` with `def tool(title):
    /// def register(fn): TOOLS.append((fn, title))`).
    fn registry_additions(&self, name: &str, depth: u32) -> Vec<EnvVal> {
        let mut out = Vec::new();
        for call in &self.calls {
            let Some(appended) = self.appended_to(*call, name) else {
                continue;
            };
            let mut scope = call.parent();
            while let Some(s) = scope {
                if s.kind() == "function_definition" {
                    break;
                }
                scope = s.parent();
            }
            match scope {
                None => out.extend(self.element(appended, depth + 1)),
                Some(inner) => out.extend(self.decorated_additions(inner, appended, depth)),
            }
            if out.len() > MAX_ELEMENTS {
                break;
            }
        }
        out
    }

    /// Functions defined and names assigned in a function's body.
    fn local_names(&self, function: Node<'t>) -> Vec<&'t str> {
        let mut out = Vec::new();
        let Some(body) = function.child_by_field_name("body") else {
            return out;
        };
        value::walk_bounded(body, super::MAX_TREE_DEPTH, &mut |n| match n.kind() {
            "function_definition" => {
                out.extend(n.child_by_field_name("name").map(|x| self.text(x)))
            }
            "assignment" => {
                if let Some(l) = n
                    .child_by_field_name("left")
                    .filter(|l| l.kind() == "identifier")
                {
                    out.push(self.text(l));
                }
            }
            _ => {}
        });
        out
    }

    /// `name.append(x)`: `x`.
    fn appended_to(&self, call: Node<'t>, name: &str) -> Option<Node<'t>> {
        let function = call.child_by_field_name("function")?;
        if function.kind() != "attribute"
            || self.text(function.child_by_field_name("object")?) != name
            || self.text(function.child_by_field_name("attribute")?) != "append"
        {
            return None;
        }
        let (positional, _) = self.arguments(call.child_by_field_name("arguments")?);
        positional.first().copied()
    }

    /// The values a decorator's `append` adds, one per function of the package it decorates.
    fn decorated_additions(&self, inner: Node<'t>, appended: Node<'t>, depth: u32) -> Vec<EnvVal> {
        let mut out = Vec::new();
        let param_name = |def: Node<'t>, i: usize| -> Option<&'t str> {
            let p = value::named_children(def.child_by_field_name("parameters")?)
                .into_iter()
                .filter(|p| p.kind() != "comment")
                .nth(i)?;
            let n = match p.kind() {
                "identifier" => p,
                _ => p.child_by_field_name("name").or_else(|| p.named_child(0))?,
            };
            Some(self.text(n))
        };
        let Some(fn_param) = param_name(inner, 0) else {
            return out;
        };
        // A factory `def tool(title): def register(fn): …; return register` is used as
        // `@tool("…")`; `inner` itself as `@register`.
        let mut outer = inner.parent();
        while let Some(o) = outer {
            if o.kind() == "function_definition" {
                break;
            }
            outer = o.parent();
        }
        let decorator = outer.unwrap_or(inner);
        let Some(deco_name) = decorator.child_by_field_name("name").map(|n| self.text(n)) else {
            return out;
        };
        for module in self.all {
            let user = self.peer(module.index);
            for node in &module.decorated {
                let Some(def) = node.child_by_field_name("definition") else {
                    continue;
                };
                for d in value::named_children(*node)
                    .into_iter()
                    .filter(|d| d.kind() == "decorator")
                {
                    let Some(expr) = d.named_child(0) else {
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
                    let callee_name = self.peer(module.index).text(callee);
                    let last = callee_name.rsplit('.').next().unwrap_or(callee_name);
                    if last != deco_name || (outer.is_some() != args.is_some()) {
                        continue;
                    }
                    let Some(info) = user.fn_info(def) else {
                        continue;
                    };
                    let mut env = Env::new();
                    if let (Some(outer), Some(args)) = (outer, args) {
                        let (positional, keywords) = user.arguments(args);
                        for (i, arg) in positional.iter().enumerate() {
                            if let (Some(p), Some(v)) =
                                (param_name(outer, i), user.eval(*arg, depth + 1))
                            {
                                env.insert(p.to_string(), EnvVal::Value(v));
                            }
                        }
                        for (k, v) in keywords {
                            if let Some(v) = user.eval(v, depth + 1) {
                                env.insert(k.to_string(), EnvVal::Value(v));
                            }
                        }
                    }
                    // What the decorator builds around the function (`@wraps(fn) def
                    // wrapper(…)`, `wrapper = sync_wrapper`) keeps its name and documentation.
                    for local in self.local_names(inner) {
                        env.insert(local.to_string(), EnvVal::Function(Box::new(info.clone())));
                    }
                    env.insert(fn_param.to_string(), EnvVal::Function(Box::new(info)));
                    self.env.borrow_mut().push(env);
                    out.extend(self.element(appended, depth + 1));
                    self.env.borrow_mut().pop();
                    if out.len() > MAX_ELEMENTS {
                        return out;
                    }
                }
            }
        }
        out
    }
}

impl<'p, 't> Py<'p, 't> {
    /// A function a package factory makes and returns: `def _make_search(ns): doc =
    /// f"Search by {ns}."; def tool(q): …; tool.__doc__ = doc; return tool`, called as
    /// `_make_search("cid")`. The factory's straight-line assignments are evaluated with its
    /// parameters bound to the call's arguments; the made function's `__name__` / `__doc__`
    /// assignments give its name and documentation.
    fn made_function(&self, call: Node<'t>, depth: u32) -> Option<FnInfo> {
        let function = call.child_by_field_name("function")?;
        let Target::Def(m, factory) = self.resolve_ref(function, depth + 1)? else {
            return None;
        };
        let peer = self.peer(m);
        let body = factory.child_by_field_name("body")?;
        // Parameters bound to the arguments (evaluated here), then the assignments in order.
        let (positional, keywords) = self.arguments(call.child_by_field_name("arguments")?);
        let mut env = Env::new();
        let params = factory
            .child_by_field_name("parameters")
            .map(value::named_children)
            .unwrap_or_default();
        for (i, p) in params.iter().enumerate() {
            let name_node = match p.kind() {
                "identifier" => Some(*p),
                _ => p.child_by_field_name("name").or_else(|| p.named_child(0)),
            };
            let Some(name) = name_node.map(|n| peer.text(n)) else {
                continue;
            };
            let arg = keywords
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| *v)
                .or_else(|| positional.get(i).copied());
            if let Some(v) = arg.and_then(|a| self.eval(a, depth + 1)) {
                env.insert(name.to_string(), EnvVal::Value(v));
            }
        }
        // `if by_uri: …; return tool_uri` / `…; return tool_rn`: the branch the arguments take.
        peer.env.borrow_mut().push(env.clone());
        let statements = peer.taken_path(body, depth + 1);
        peer.env.borrow_mut().pop();
        let returned = statements
            .iter()
            .rev()
            .find(|s| s.kind() == "return_statement")?
            .named_child(0)?;
        if returned.kind() != "identifier" {
            return None;
        }
        let made_name = peer.text(returned);
        let made = statements.iter().find_map(|s| {
            (s.kind() == "function_definition"
                && s.child_by_field_name("name")
                    .is_some_and(|n| peer.text(n) == made_name))
            .then_some(*s)
        })?;
        let mut info = peer.fn_info(made)?;
        peer.env.borrow_mut().push(env);
        for stmt in &statements {
            let Some(a) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                continue;
            };
            let (Some(left), Some(right)) = (
                a.child_by_field_name("left"),
                a.child_by_field_name("right"),
            ) else {
                continue;
            };
            let target = peer.text(left);
            let value = peer.eval(right, depth + 1);
            if target == format!("{made_name}.__doc__") {
                let doc = value.and_then(|v| v.as_str().map(str::to_string));
                info.doc_default = doc.as_deref().map(|d| self.sdk_doc(d));
                info.doc_raw = doc;
            } else if target == format!("{made_name}.__name__") {
                if let Some(Value::String(n)) = value {
                    info.name = n;
                }
            } else if left.kind() == "identifier" {
                if let Some(v) = value {
                    peer.env
                        .borrow_mut()
                        .last_mut()
                        .map(|e| e.insert(target.to_string(), EnvVal::Value(v)));
                }
            }
        }
        peer.env.borrow_mut().pop();
        Some(info)
    }

    /// The statements of a block that run, up to the first `return`: an `if` whose condition
    /// is a constant (with the bindings in scope) is replaced by the branch it takes; one that
    /// is not stays as it is.
    fn taken_path(&self, block: Node<'t>, depth: u32) -> Vec<Node<'t>> {
        let mut out = Vec::new();
        for stmt in value::named_children(block) {
            if depth > MAX_DEPTH {
                break;
            }
            if stmt.kind() == "if_statement" {
                if let Some(branch) = self.branch_taken(stmt, depth) {
                    let inner = branch.map_or_else(Vec::new, |b| self.taken_path(b, depth + 1));
                    let returns = inner.iter().any(|s| s.kind() == "return_statement");
                    out.extend(inner);
                    if returns {
                        return out;
                    }
                    continue;
                }
            }
            out.push(stmt);
            if stmt.kind() == "return_statement" {
                break;
            }
        }
        out
    }

    /// The block an `if` statement runs when its conditions are constants (`Some(None)`: no
    /// branch runs; `None`: a condition is unknown).
    fn branch_taken(&self, stmt: Node<'t>, depth: u32) -> Option<Option<Node<'t>>> {
        let truthy = |c: Node<'t>| self.eval(c, depth + 1).map(|v| interp::truthy(&v));
        if truthy(stmt.child_by_field_name("condition")?)? {
            return Some(stmt.child_by_field_name("consequence"));
        }
        let mut cursor = stmt.walk();
        for alt in stmt.children_by_field_name("alternative", &mut cursor) {
            match alt.kind() {
                "elif_clause" => {
                    if truthy(alt.child_by_field_name("condition")?)? {
                        return Some(alt.child_by_field_name("consequence"));
                    }
                }
                "else_clause" => return Some(alt.child_by_field_name("body")),
                _ => return None,
            }
        }
        Some(None)
    }
}

impl<'p, 't> Py<'p, 't> {
    /// `for t in mcp._tool_manager.list_tools(): t.description = inspect.cleandoc(t.description)`:
    /// a loop over the server's registered tools that rewrites every description. The
    /// rewrite is applied to the tools found; a rewrite that is not a constant function of
    /// the description (it reads a file, the network, the environment) leaves them unknown.
    pub(super) fn rewrite_descriptions(&self, tools: &mut [Tool]) {
        let Some(tree) = self.file.tree() else { return };
        let mut rewrites = Vec::new();
        value::walk_bounded(tree.root_node(), super::MAX_TREE_DEPTH, &mut |n| {
            if n.kind() != "for_statement" {
                return;
            }
            let (Some(var), Some(right), Some(body)) = (
                n.child_by_field_name("left"),
                n.child_by_field_name("right"),
                n.child_by_field_name("body"),
            ) else {
                return;
            };
            let iterable = self.text(right);
            if var.kind() != "identifier"
                || !(iterable.ends_with("list_tools()") || iterable.ends_with("get_tools()"))
            {
                return;
            }
            let target = format!("{}.description", self.text(var));
            for stmt in value::named_children(body) {
                let Some(a) = stmt.named_child(0).filter(|a| a.kind() == "assignment") else {
                    continue;
                };
                if a.child_by_field_name("left")
                    .is_some_and(|l| self.text(l) == target)
                {
                    if let Some(expr) = a.child_by_field_name("right") {
                        rewrites.push((self.text(var), expr));
                    }
                }
            }
        });
        for (var, expr) in rewrites {
            for tool in tools.iter_mut() {
                let mut object = Map::new();
                object.insert("name".into(), Value::String(tool.name.clone()));
                if let Some(d) = &tool.description {
                    object.insert("description".into(), Value::String(d.clone()));
                }
                let mut env = Env::new();
                env.insert(var.to_string(), EnvVal::Value(Value::Object(object)));
                self.env.borrow_mut().push(env);
                tool.description = self.string(expr, 0);
                self.env.borrow_mut().pop();
            }
        }
    }
}
