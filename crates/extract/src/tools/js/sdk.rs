//! The SDKs' declaration styles: `server.tool`, `registerTool`, `addTool`, tool objects, tool
//! maps, local wrappers around `registerTool`, prompts and server instructions.

use super::*;

/// A local function that registers one tool from its parameters, as servers write to add
/// telemetry around every tool: `const tool = (name, title, description, shape, annotations, cb)
/// => server.registerTool(name, {title, description, inputSchema: z.object(shape),
/// annotations}, …)`. Indexes are positions among the function's parameters.
/// What an object literal's keys say about it.
#[derive(Default)]
struct Shape<'t> {
    name: Option<Node<'t>>,
    description: bool,
    input_schema: bool,
    parameters: bool,
    parameters_is_list: bool,
    execute: bool,
    handler: bool,
    /// A schema under another key (`schema`, `argsSchema`, `parameters`, …) and its value.
    other_schema: Option<(&'static str, Node<'t>)>,
}

#[derive(Debug)]
pub(super) struct Wrapper {
    pub(super) name: usize,
    /// A `registerTool` config key and the parameter that fills it.
    pub(super) config: Vec<(String, usize)>,
}
impl<'e, 't> Eval<'e, 't> {
    pub(super) fn call(&self, call: Node<'t>, found: &mut Found) {
        let Some(function) = call.child_by_field_name("function") else {
            return;
        };
        let Some(args) = call.child_by_field_name("arguments") else {
            return;
        };
        let method = match function.kind() {
            "member_expression" => function
                .child_by_field_name("property")
                .map_or("", |p| self.text(p)),
            "identifier" => {
                self.wrapper_call(call, function, &arguments(args), found);
                return;
            }
            _ => return,
        };
        let argv = arguments(args);
        match method {
            "tool" => self.sdk_tool(call, &argv, found),
            "registerTool" | "registerToolTask" => self.register_tool(call, &argv, found),
            "addTool" => self.add_tool(call, &argv, found),
            "registerPrompt" | "prompt" => self.prompt(call, method, &argv, found),
            "addPrompt" => self.add_prompt(call, &argv, found),
            m if m.to_ascii_lowercase().contains("tool") => self.tool_method(call, &argv, found),
            _ => {}
        }
    }

    /// A method named like a tool registration that the SDK does not define
    /// (`server.addToolWithReadAccess(…)`, `this.addJsonOutputTool(…)`: a server's own
    /// wrapper): read by the shape of its arguments, as `registerTool(name, {config}, cb)` when
    /// the second is a config object with a description or schema, else as the v1 overloads
    /// `tool(name, description?, shape?, annotations?, cb)`; or a tool factory
    /// (`tools.createTool(…)`) returning a tool object.
    fn tool_method(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let named = argv
            .first()
            .is_some_and(|a| matches!(a.kind(), "string" | "template_string"));
        if named {
            let config = argv.get(1).and_then(|c| self.resolve(*c, 0));
            let is_config = config.is_some_and(|(ev, obj)| {
                obj.kind() == "object"
                    && (ev.pair(obj, "description", 0).is_some()
                        || ev.pair(obj, "inputSchema", 0).is_some())
            });
            let before = found.tools.len();
            if is_config {
                self.register_tool(call, argv, found);
            } else {
                self.sdk_tool(call, argv, found);
            }
            if found.tools.len() > before {
                return;
            }
        }
        self.factory_tool(call, found);
    }

    /// A call of a package function named like a tool factory (`CreateXeroTool("name", "desc",
    /// schema, handler)`, `defineTool(() => ({…}))` written in the package) whose result —
    /// also through a returned thunk, `(…) => () => ({…})` — is a tool object.
    pub(super) fn factory_tool(&self, call: Node<'t>, found: &mut Found) {
        let Some((mut ev, mut node)) = self.inline_call(call, 0) else {
            return;
        };
        for _ in 0..3 {
            match ev.resolve(node, 0) {
                Some((e, n)) if n.kind() == "object" => {
                    // An object written in the call itself is read where it is.
                    let inside = std::ptr::eq(e.file, self.file)
                        && call.start_byte() <= n.start_byte()
                        && n.end_byte() <= call.end_byte();
                    if inside {
                        return;
                    }
                    let before = found.tools.len();
                    e.tool_object_at(n, found, false);
                    for tool in &mut found.tools[before..] {
                        tool.origin.file.clone_from(&self.file.path);
                        tool.origin.line = Some(Self::line(call));
                        tool.origin.style = Some("tool factory".into());
                    }
                    return;
                }
                Some((e, n)) if flow::is_function(n) => match e.apply(n, &[], 0) {
                    Some((e2, ret)) => (ev, node) = (e2, ret),
                    None => return,
                },
                _ => return,
            }
        }
    }

    /// v1 `tool(name, description?, paramsSchemaOrAnnotations?, annotations?, cb)`.
    pub(super) fn sdk_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let [first, rest @ .., last] = argv else {
            return;
        };
        if !is_callback(*last) {
            return;
        }
        let Some(name) = self.string(*first, 0) else {
            for ev in self.loop_envs(call) {
                if ev.string(*first, 0).is_some() {
                    ev.sdk_tool(call, argv, found);
                }
            }
            return;
        };
        if matches!(name.as_str(), "undefined" | "null") {
            return;
        }
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(call),
            Via::Static,
            "ts-sdk tool",
        );
        let mut rest = rest.iter().copied().peekable();
        if let Some(next) = rest.peek().copied() {
            if let Some(description) = self.string(next, 0) {
                tool.description = Some(description);
                rest.next();
            }
        }
        let objects: Vec<Node<'t>> = rest.collect();
        match objects.as_slice() {
            [] => {}
            [one] => {
                if self.is_annotations(*one) {
                    tool.annotations = self.eval(*one, 0);
                } else {
                    tool.input_schema = self.schema(*one);
                }
            }
            [schema, annotations, ..] => {
                tool.input_schema = self.schema(*schema);
                tool.annotations = self.eval(*annotations, 0);
            }
        }
        found.tools.push(tool);
    }

    /// `registerTool(name, {title, description, inputSchema, annotations}, cb)`.
    pub(super) fn register_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let [first, config, ..] = argv else { return };
        let Some(name) = self.string(*first, 0) else {
            for ev in self.loop_envs(call) {
                if ev.string(*first, 0).is_some() {
                    ev.register_tool(call, argv, found);
                }
            }
            return;
        };
        if matches!(name.as_str(), "undefined" | "null") {
            return;
        }
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(call),
            Via::Static,
            "ts-sdk registerTool",
        );
        if let Some((ev, obj)) = self.resolve(*config, 0) {
            if obj.kind() == "object" {
                ev.fill(&mut tool, obj, &["inputSchema"]);
            }
        }
        found.tools.push(tool);
    }

    /// `tool("name", "Title", "description", {shape}, {hints}, cb)` where `tool` is a local
    /// [`Wrapper`] around `registerTool`.
    pub(super) fn wrapper_call(
        &self,
        call: Node<'t>,
        callee: Node<'t>,
        argv: &[Node<'t>],
        found: &mut Found,
    ) {
        // Only calls that look like one: `*tool*("literal name", …)`. Most bare calls in a
        // bundle are ordinary functions, and looking them up elsewhere parses windows.
        let callee_name = self.text(callee);
        if !callee_name.to_ascii_lowercase().contains("tool") {
            return;
        }
        let before = found.tools.len();
        if argv
            .first()
            .is_some_and(|a| matches!(a.kind(), "string" | "template_string"))
        {
            self.registering_wrapper_call(call, callee, argv, found);
        }
        if found.tools.len() == before {
            self.followed_call(call, found);
        }
        if found.tools.len() == before {
            self.factory_tool(call, found);
        }
        if found.tools.len() == before {
            self.named_config_tool(call, argv, found);
        }
    }

    /// `tool("name", {description, input, …})` through a framework's helper the package does not
    /// ship (`defineTool`, `createTool`, `tool`): the `registerTool` shape, a literal name and a
    /// config object with a description.
    fn named_config_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let [first, config, ..] = argv else { return };
        if !matches!(first.kind(), "string" | "template_string") {
            return;
        }
        let Some(name) = self.string(*first, 0).filter(|n| plausible_tool_name(n)) else {
            return;
        };
        let Some((ev, obj)) = self.resolve(*config, 0) else {
            return;
        };
        if obj.kind() != "object" || ev.pair(obj, "description", 0).is_none() {
            return;
        }
        // With what a tool has besides a description (a tooltip or a help entry has none).
        let tool_like = [
            "inputSchema",
            "input",
            "parameters",
            "schema",
            "args",
            "argsSchema",
            "handler",
            "execute",
            "run",
            "annotations",
        ]
        .iter()
        .any(|k| ev.pair(obj, k, 0).is_some());
        if !tool_like {
            return;
        }
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(call),
            Via::Static,
            "tool(name, config)",
        );
        ev.fill(
            &mut tool,
            obj,
            &[
                "inputSchema",
                "input",
                "parameters",
                "schema",
                "args",
                "argsSchema",
            ],
        );
        found.tools.push(tool);
    }

    /// A call of a package function that registers a tool with its parameters
    /// (`registerDatabaseTool(server, "list-indexes", {description, …}, handler)` whose body
    /// calls `server.registerTool(name, {description: config.description, …}, …)`): the
    /// registrations in its body are read with the parameters bound to this call's arguments.
    pub(super) fn followed_call(&self, call: Node<'t>, found: &mut Found) {
        if self.env_depth() > 4 {
            return;
        }
        let Some(function) = call.child_by_field_name("function") else {
            return;
        };
        let Some(args) = call.child_by_field_name("arguments") else {
            return;
        };
        let Some((fev, f)) = self.resolve(function, 0) else {
            return;
        };
        if !flow::is_function(f) {
            return;
        }
        let Some(body) = f.child_by_field_name("body") else {
            return;
        };
        let text = fev.text(body);
        if !["registerTool(", ".tool(", "addTool("]
            .iter()
            .any(|t| text.contains(t))
        {
            return;
        }
        let argv: Vec<Bound<'e, 't>> = arguments(args)
            .into_iter()
            .map(|a| Bound::Node(self.clone(), a))
            .collect();
        let ev = fev.bind_params(f, &argv, 0);
        let mut inner = Vec::new();
        value::walk(body, &mut |n| {
            let registers = n.kind() == "call_expression"
                && n.child_by_field_name("function").is_some_and(|c| {
                    c.kind() == "member_expression"
                        && c.child_by_field_name("property").is_some_and(|p| {
                            matches!(
                                fev.text(p),
                                "registerTool" | "tool" | "addTool" | "registerToolTask"
                            )
                        })
                });
            // A registration with a literal name is read where it is.
            let literal = n
                .child_by_field_name("arguments")
                .and_then(|a| a.named_child(0))
                .is_some_and(|a| a.kind() == "string");
            if registers && !literal {
                inner.push(n);
            }
        });
        for registration in inner {
            let before = found.tools.len();
            ev.call(registration, found);
            for tool in &mut found.tools[before..] {
                tool.origin.file.clone_from(&self.file.path);
                tool.origin.line = Some(Self::line(call));
                tool.origin.style = Some("ts-sdk registerTool (local wrapper)".into());
            }
        }
    }

    /// `wrapper_call` for a local function whose body calls `registerTool`.
    fn registering_wrapper_call(
        &self,
        call: Node<'t>,
        callee: Node<'t>,
        argv: &[Node<'t>],
        found: &mut Found,
    ) {
        let callee_name = self.text(callee);
        // In the same file (or window), else the nearest declaration in another window of the
        // bundle or the one module binding the name.
        let (ev, function) = match self.local_binding(callee_name, callee) {
            Some(function) => (self.same(), function),
            None => {
                let Some((file, bindings, node)) = self.globals.find(callee_name, self.file) else {
                    return;
                };
                (self.in_file(file, bindings), node)
            }
        };
        if !matches!(
            function.kind(),
            "arrow_function" | "function_expression" | "function"
        ) {
            return;
        }
        let cached = self.wrappers.borrow().get(&function.id()).cloned();
        let wrapper = match cached {
            Some(w) => w,
            None => {
                let w = ev.wrapper(function).map(Rc::new);
                self.wrappers.borrow_mut().insert(function.id(), w.clone());
                w
            }
        };
        let Some(wrapper) = wrapper else { return };
        let Some(name) = argv.get(wrapper.name).and_then(|n| self.string(*n, 0)) else {
            return;
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(call),
            Via::Static,
            "ts-sdk registerTool (local wrapper)",
        );
        for (key, index) in &wrapper.config {
            let Some(arg) = argv.get(*index).copied() else {
                continue;
            };
            match key.as_str() {
                "title" => tool.title = self.string(arg, 0),
                "description" => tool.description = self.string(arg, 0),
                "inputSchema" => tool.input_schema = self.schema(arg),
                "annotations" => tool.annotations = self.eval(arg, 0),
                _ => {}
            }
        }
        found.tools.push(tool);
    }

    /// What a local function does with its parameters if its body registers one tool with
    /// them: `registerTool(param, {key: param | key: wrap(param) | param shorthand}, …)`.
    pub(super) fn wrapper(&self, function: Node<'t>) -> Option<Wrapper> {
        let body = function.child_by_field_name("body")?;
        if !self.text(body).contains("registerTool(") {
            return None;
        }
        let params: Vec<&'t str> = match function.child_by_field_name("parameters") {
            Some(list) => value::named_children(list)
                .into_iter()
                .map(|p| {
                    let p = p.child_by_field_name("pattern").unwrap_or(p);
                    let p = p.child_by_field_name("left").unwrap_or(p);
                    if p.kind() == "identifier" {
                        self.text(p)
                    } else {
                        ""
                    }
                })
                .collect(),
            None => vec![self.text(function.child_by_field_name("parameter")?)],
        };
        let index = |node: Node<'t>| -> Option<usize> {
            let node = match node.kind() {
                // `z.object(shape)`, `toSchema(shape)`
                "call_expression" => node
                    .child_by_field_name("arguments")
                    .and_then(|a| a.named_child(0))?,
                _ => node,
            };
            matches!(node.kind(), "identifier" | "shorthand_property_identifier")
                .then(|| params.iter().position(|p| *p == self.text(node)))
                .flatten()
        };
        let mut register = None;
        value::walk(body, &mut |n| {
            if register.is_none()
                && n.kind() == "call_expression"
                && n.child_by_field_name("function").is_some_and(|f| {
                    f.kind() == "member_expression"
                        && f.child_by_field_name("property")
                            .is_some_and(|p| self.text(p) == "registerTool")
                })
            {
                register = Some(n);
            }
        });
        let argv = arguments(register?.child_by_field_name("arguments")?);
        let [name, config, ..] = argv.as_slice() else {
            return None;
        };
        let name = index(*name)?;
        if config.kind() != "object" {
            return None;
        }
        let mut fields = Vec::new();
        for child in value::named_children(*config) {
            let (key, value) = match child.kind() {
                "pair" => (
                    child.child_by_field_name("key").map(|k| self.text(k))?,
                    child.child_by_field_name("value")?,
                ),
                "shorthand_property_identifier" => (self.text(child), child),
                _ => continue,
            };
            if let Some(i) = index(value) {
                fields.push((key.to_string(), i));
            }
        }
        Some(Wrapper {
            name,
            config: fields,
        })
    }

    /// `fastmcp` `addTool({name, description, parameters, annotations})`.
    pub(super) fn add_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let Some(first) = argv.first() else { return };
        let Some((ev, obj)) = self.resolve(*first, 0) else {
            return;
        };
        if obj.kind() != "object" {
            return;
        }
        let Some(name) = ev.pair(obj, "name", 0).and_then(|n| ev.string(n, 0)) else {
            for looped in self.loop_envs(call) {
                let named = looped.resolve(*first, 0).is_some_and(|(e, o)| {
                    o.kind() == "object"
                        && e.pair(o, "name", 0).and_then(|n| e.string(n, 0)).is_some()
                });
                if named {
                    looped.add_tool(call, argv, found);
                }
            }
            return;
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(call),
            Via::Static,
            "fastmcp addTool",
        );
        ev.fill(&mut tool, obj, &["parameters", "inputSchema"]);
        found.tools.push(tool);
    }

    /// A literal tool object: `{name, description, inputSchema}` (low-level servers), or
    /// `{name, description, parameters, execute}` (`fastmcp` / Mastra tool definitions handed to
    /// `addTool` or a server's `tools` elsewhere), or `{name, description, schema, handler}`
    /// with another schema key (see [`classes::SCHEMA_KEYS`]) holding a schema or beside a
    /// handler (what tool factories return: `definePageTool(() => ({…}))`), or a nameless
    /// `{description, inputSchema}` / `{description, parameters}` that is a value of a tool map
    /// keyed by tool name (`{list_tables: {…}}`, `{list_tables: tool({…})}`), which a loop
    /// registers at run time. Inside a loop over a constant list (`TOOLS.map((t) => ({name:
    /// t.name, …}))`) the object is read once per element.
    pub(super) fn tool_object(&self, object: Node<'t>, found: &mut Found) {
        self.tool_object_at(object, found, true);
    }

    pub(super) fn tool_object_at(&self, object: Node<'t>, found: &mut Found, loops: bool) {
        let shape = self.object_shape(object);
        if shape.name.is_some() && !shape.description && self.named_config(object, found) {
            return;
        }
        let (name, style) = match shape.name {
            Some(node) => {
                let style = if shape.input_schema {
                    "ts-sdk tool object"
                } else if shape.parameters && shape.execute && shape.description {
                    "fastmcp tool object"
                } else if shape.description
                    && shape.other_schema.is_some_and(|(key, value)| {
                        shape.handler
                            || (self.looks_like_schema(value, key) && self.in_tool_context(object))
                    })
                {
                    "tool object"
                } else {
                    return;
                };
                let Some(name) = self.string(node, 0) else {
                    if loops {
                        for ev in self.loop_envs(object) {
                            ev.tool_object_at(object, found, false);
                        }
                    }
                    return;
                };
                (name, style)
            }
            None if shape.description
                && (shape.input_schema || (shape.parameters && !shape.parameters_is_list)) =>
            {
                let Some(name) = self.tool_map_key(object) else {
                    return;
                };
                (name, "tool map entry")
            }
            None => return,
        };
        if !plausible_tool_name(&name) {
            return;
        }
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(object),
            Via::Static,
            style,
        );
        let mut schema_keys = vec!["inputSchema", "parameters"];
        if let Some((key, _)) = shape.other_schema {
            schema_keys.push(key);
        }
        self.fill(&mut tool, object, &schema_keys);
        found.tools.push(tool);
    }

    /// `{name: "x", config: {description, inputSchema, annotations}}`: `registerTool`'s two
    /// arguments as one object (what `defineTool` helpers take).
    fn named_config(&self, object: Node<'t>, found: &mut Found) -> bool {
        let Some((ev, config)) = self
            .pair(object, "config", 0)
            .and_then(|c| self.resolve(c, 0))
            .filter(|(_, c)| c.kind() == "object")
        else {
            return false;
        };
        let handled = ["handle", "handler", "execute", "callback"]
            .iter()
            .any(|k| self.pair(object, k, 0).is_some());
        if ev.pair(config, "description", 0).is_none()
            || (ev.pair(config, "inputSchema", 0).is_none() && !handled)
        {
            return false;
        }
        let Some(name) = self
            .pair(object, "name", 0)
            .and_then(|n| self.string(n, 0))
            .filter(|n| plausible_tool_name(n))
        else {
            return false;
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            Self::line(object),
            Via::Static,
            "tool object (config)",
        );
        ev.fill(&mut tool, config, &["inputSchema"]);
        found.tools.push(tool);
        true
    }

    /// The keys of an object literal that say whether it is a tool.
    fn object_shape(&self, object: Node<'t>) -> Shape<'t> {
        let mut shape = Shape::default();
        for child in value::named_children(object) {
            let (key, value) = match child.kind() {
                "pair" => match child.child_by_field_name("key") {
                    Some(k) => (
                        self.text(k).trim_matches(['"', '\'']),
                        child.child_by_field_name("value"),
                    ),
                    None => continue,
                },
                "shorthand_property_identifier" => (self.text(child), Some(child)),
                "method_definition" => (
                    child
                        .child_by_field_name("name")
                        .map_or("", |n| self.text(n)),
                    Some(child),
                ),
                _ => continue,
            };
            match key {
                "inputSchema" => shape.input_schema = true,
                "parameters" => {
                    shape.parameters = true;
                    shape.parameters_is_list = value.is_some_and(|v| v.kind() == "array");
                    if let Some(v) = value.filter(|v| v.kind() != "array") {
                        shape.other_schema = Some(("parameters", v));
                    }
                }
                "execute" => {
                    shape.execute = true;
                    shape.handler = true;
                }
                "handler" | "handle" | "run" | "callback" | "cb" | "fn" | "invoke" | "call" => {
                    shape.handler =
                        value.is_some_and(|v| is_callback(v) || v.kind() == "method_definition");
                }
                // A schema's `properties` may have a property named `description`.
                "description" => {
                    shape.description =
                        value.is_none_or(|v| !matches!(v.kind(), "object" | "array"));
                }
                "name" if child.kind() == "pair" => shape.name = value,
                k if classes::SCHEMA_KEYS.contains(&k) => {
                    if let Some(v) = value {
                        shape.other_schema = Some((
                            classes::SCHEMA_KEYS[classes::SCHEMA_KEYS
                                .iter()
                                .position(|s| *s == k)
                                .unwrap_or(0)],
                            v,
                        ));
                    }
                }
                _ => {}
            }
        }
        shape
    }

    /// Whether an object is written where a tool is: returned by or bound to something named
    /// like a tool (`const updateIssueTool = (…) => ({…})`, `export const askGeminiTool = {…}`,
    /// `definePageTool(() => ({…}))`, `tools: [{…}]`). A `{name, description, schema}` elsewhere
    /// is as often a parameter or a table definition.
    fn in_tool_context(&self, object: Node<'t>) -> bool {
        let mut at = object;
        for _ in 0..8 {
            let Some(parent) = at.parent() else {
                return false;
            };
            let named = match parent.kind() {
                "variable_declarator" => parent.child_by_field_name("name"),
                "pair" => parent.child_by_field_name("key"),
                "assignment_expression" => parent.child_by_field_name("left"),
                "call_expression" | "new_expression" => parent
                    .child_by_field_name("function")
                    .or_else(|| parent.child_by_field_name("constructor")),
                "function_declaration" | "method_definition" => parent.child_by_field_name("name"),
                "class_declaration" | "class" | "program" | "statement_block"
                    if parent.kind() != "statement_block"
                        || parent.parent().is_none_or(|p| !flow::is_function(p)) =>
                {
                    return false;
                }
                _ => None,
            };
            if named.is_some_and(|n| self.text(n).to_ascii_lowercase().contains("tool")) {
                return true;
            }
            if matches!(
                parent.kind(),
                "variable_declarator" | "pair" | "assignment_expression"
            ) {
                return false;
            }
            at = parent;
        }
        false
    }

    /// Whether a value is a parameter schema: a zod chain, a raw zod shape, or a JSON schema
    /// object (`type: "object"` or `properties`).
    fn looks_like_schema(&self, node: Node<'t>, _key: &str) -> bool {
        let Some((ev, node)) = self.resolve(node, 0) else {
            return false;
        };
        match node.kind() {
            "call_expression" => ev.zod(node, 0).is_some(),
            "object" => {
                let pairs = ev.pairs(node, 0);
                pairs
                    .iter()
                    .any(|(k, _, _)| matches!(k.as_str(), "properties" | "type" | "$schema"))
                    || (!pairs.is_empty() && pairs.iter().all(|(_, e, n)| e.zod(*n, 0).is_some()))
            }
            _ => false,
        }
    }

    /// The key under which a nameless tool object sits in a tool map: the object is the
    /// value of a pair (`name: {…}`) or the first argument of a call that is (`name: tool({…})`).
    /// Maps of schema properties (`properties: {x: {description, …}}`) are not tool maps.
    pub(super) fn tool_map_key(&self, object: Node<'t>) -> Option<String> {
        let mut value = object;
        let parent = object.parent()?;
        if parent.kind() == "arguments" {
            if parent.named_child(0) != Some(object) {
                return None;
            }
            value = parent.parent().filter(|c| c.kind() == "call_expression")?;
        }
        let pair = value.parent().filter(|p| p.kind() == "pair")?;
        if pair.child_by_field_name("value") != Some(value) {
            return None;
        }
        let map = pair.parent().filter(|m| m.kind() == "object")?;
        // `{name: "x", config: {description, inputSchema}}` is one tool, not a map.
        if self.pair(map, "name", 0).is_some() {
            return None;
        }
        let outer_key = map
            .parent()
            .filter(|p| p.kind() == "pair")
            .and_then(|p| p.child_by_field_name("key"))
            .map(|k| self.text(k).trim_matches(['"', '\'']));
        if matches!(
            outer_key,
            Some("properties" | "patternProperties" | "definitions" | "$defs" | "paths")
        ) {
            return None;
        }
        let name = self.key(pair.child_by_field_name("key")?, 0)?;
        plausible_tool_name(&name).then_some(name)
    }

    pub(super) fn fill(&self, tool: &mut Tool, object: Node<'t>, schema_keys: &[&str]) {
        for (key, ev, node) in self.pairs(object, 0) {
            match key.as_str() {
                "title" => tool.title = ev.string(node, 0),
                "description" => tool.description = ev.string(node, 0),
                "annotations" => tool.annotations = ev.eval(node, 0),
                k if schema_keys.contains(&k) => tool.input_schema = ev.schema(node),
                _ => {}
            }
        }
    }

    pub(super) fn is_annotations(&self, node: Node<'t>) -> bool {
        let Some((ev, obj)) = self.resolve(node, 0) else {
            return false;
        };
        if obj.kind() != "object" {
            return false;
        }
        let pairs = ev.pairs(obj, 0);
        !pairs.is_empty()
            && pairs.iter().all(|(k, _, _)| {
                matches!(
                    k.as_str(),
                    "title"
                        | "readOnlyHint"
                        | "destructiveHint"
                        | "idempotentHint"
                        | "openWorldHint"
                )
            })
    }

    pub(super) fn prompt(
        &self,
        call: Node<'t>,
        method: &str,
        argv: &[Node<'t>],
        found: &mut Found,
    ) {
        let [first, rest @ .., last] = argv else {
            return;
        };
        if !is_callback(*last) {
            return;
        }
        let Some(name) = self.string(*first, 0) else {
            return;
        };
        let description = match (method, rest.first()) {
            ("registerPrompt", Some(config)) => self.resolve(*config, 0).and_then(|(ev, obj)| {
                let d = ev.pair(obj, "description", 0)?;
                ev.string(d, 0)
            }),
            (_, Some(d)) => self.string(*d, 0),
            _ => None,
        };
        let style = format!("ts-sdk {method}");
        found.text(
            TextKind::Prompt,
            &name,
            description.unwrap_or_default(),
            &self.file.path,
            Self::line(call),
            &style,
        );
    }

    pub(super) fn add_prompt(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let Some((ev, obj)) = argv.first().and_then(|a| self.resolve(*a, 0)) else {
            return;
        };
        if obj.kind() != "object" {
            return;
        }
        let Some(name) = ev.pair(obj, "name", 0).and_then(|n| ev.string(n, 0)) else {
            return;
        };
        let description = ev.pair(obj, "description", 0).and_then(|n| ev.string(n, 0));
        found.text(
            TextKind::Prompt,
            &name,
            description.unwrap_or_default(),
            &self.file.path,
            Self::line(call),
            "fastmcp addPrompt",
        );
    }

    /// `new McpServer(info, {instructions})`, `new FastMCP({instructions})`, ….
    pub(super) fn instructions(&self, new: Node<'t>, found: &mut Found) {
        let Some(args) = new.child_by_field_name("arguments") else {
            return;
        };
        for arg in arguments(args) {
            let Some((ev, obj)) = self.resolve(arg, 0) else {
                continue;
            };
            if obj.kind() != "object" {
                continue;
            }
            if let Some(text) = ev
                .pair(obj, "instructions", 0)
                .and_then(|n| ev.string(n, 0))
            {
                let ctor = new
                    .child_by_field_name("constructor")
                    .map_or("", |c| self.text(c));
                found.text(
                    TextKind::ServerInstructions,
                    "",
                    text,
                    &self.file.path,
                    Self::line(new),
                    &format!("new {ctor}"),
                );
            }
        }
    }
}
