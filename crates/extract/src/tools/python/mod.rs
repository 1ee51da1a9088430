//! Python: the `mcp` SDK (FastMCP v1, MCPServer v2, low-level `Server`), standalone `fastmcp`.
//!
//! Declaration styles:
//! - `@mcp.tool()`, `@mcp.tool`, `@server.tool(name=…, title=…, description=…, annotations=…)`;
//!   the description falls back to the docstring (as `fn.__doc__` for the `mcp` SDK, cleaned
//!   like `inspect.getdoc` for standalone `fastmcp`), and the name to the function's name;
//!   parameters from the signature, with `Field(description=…)` defaults and
//!   `Annotated[T, Field(…)]` types;
//! - plain calls `mcp.tool(fn)`, `mcp.tool(name=…)(fn)`, `mcp.add_tool(fn, name=…, …)`;
//! - registering helpers: a decorator `@helper(...)` or `@obj.helper(...)` whose function (in
//!   any module of the package) ends up calling `.tool(...)` on the decorated function; the
//!   helper's parameters are bound to the decorator's arguments and followed;
//! - `server.mount(sub, namespace="x")` / `prefix="x"`: the sub-server's tools get `x_`;
//! - `Tool(name=…, description=…, inputSchema=…)` / `types.Tool(…)` in low-level servers, with
//!   literal dict schemas or `Model.model_json_schema()` of a pydantic model in the same file,
//!   and `self.name` resolved through the class and its base's `__init__`;
//! - prompts (`@mcp.prompt`) and `instructions=` of `FastMCP(…)`, `MCPServer(…)`, `Server(…)`.

mod eval;
mod flow;
mod interp;
mod schema;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};
use tree_sitter::Node;

use super::value::{self, Bindings, Budget, MAX_DEPTH};
use super::{new_tool, Found};
use crate::source::{Lang, SourceFile};
use flow::{dotted_name, Target};
use mcp_audit_core::model::{TextKind, Tool, Via};

/// Files bigger than this are not read for Python declarations.
pub(crate) const MAX_PYTHON_BYTES: usize = 8 * 1024 * 1024;

/// Deepest syntax-tree level searched for declarations. CPython itself refuses deeper code
/// (200 nested parentheses, 100 indentation levels, its compiler's recursion limit), so
/// nothing below this can register a tool; the bound keeps the parent lookups linear.
pub(crate) const MAX_TREE_DEPTH: usize = 256;

/// What a registering helper knows of the function it is given: enough to declare a tool.
#[derive(Debug, Clone)]
struct FnInfo {
    name: String,
    /// `fn.__doc__` as Python ≤ 3.12 keeps it.
    doc_raw: Option<String>,
    /// The description the SDK of the function's module derives (raw or `inspect.getdoc`).
    doc_default: Option<String>,
    schema: Value,
}

/// A value bound to a parameter while a registering helper is followed.
#[derive(Debug, Clone)]
enum EnvVal {
    Value(Value),
    Function(Box<FnInfo>),
    /// A tuple (or list) element of a loop, unpacked by `for a, b in …`.
    Tuple(Vec<Option<EnvVal>>),
    /// A parameter or local variable bound to something that is not a constant.
    Unknown,
}

impl EnvVal {
    /// The constant, when it is one (tuples of constants included).
    fn constant(self) -> Option<Value> {
        match self {
            EnvVal::Value(v) => Some(v),
            EnvVal::Function(_) | EnvVal::Unknown => None,
            EnvVal::Tuple(items) => items
                .into_iter()
                .map(|i| i.and_then(EnvVal::constant))
                .collect::<Option<Vec<Value>>>()
                .map(Value::Array),
        }
    }
}

type Env = HashMap<String, EnvVal>;

/// A call's positional and keyword arguments.
type Args<'t> = (Vec<Node<'t>>, Vec<(&'t str, Node<'t>)>);

/// Extracts the declarations of every Python file of the package.
/// Whether the file is read (every Python file is: tools may be registered through helpers
/// defined in any module).
pub(crate) fn may_declare(file: &SourceFile) -> bool {
    file.lang == Lang::Python && file.text.len() <= MAX_PYTHON_BYTES
}

/// What the package's metadata says about how its Python runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// The package requires Python 3.13 or later, whose compiler strips docstring indentation.
    pub(crate) dedented_docstrings: bool,
    /// The major version of standalone `fastmcp` the package's requirement allows (the latest,
    /// 4, unless it caps it).
    pub(crate) fastmcp_major: u32,
}

pub(crate) fn extract_all(files: &[&SourceFile], options: Options, found: &mut Found) {
    let mut modules: Vec<Module<'_>> = files
        .iter()
        .filter(|f| may_declare(f))
        .filter_map(|f| Module::load(f))
        .collect();
    for (i, m) in modules.iter_mut().enumerate() {
        m.index = i;
    }
    let budgets: Vec<Budget> = modules.iter().map(|_| Budget::default()).collect();
    let entries = RefCell::new(Vec::new());
    let pys: Vec<Py<'_, '_>> = modules
        .iter()
        .zip(&budgets)
        .map(|(m, budget)| Py {
            m,
            all: &modules,
            env: RefCell::new(Vec::new()),
            budget,
            options,
            entries: &entries,
        })
        .collect();
    // Package-wide: every function by name, the helpers that register tools, mounted servers.
    let mut defs: HashMap<&str, Vec<(usize, Node<'_>)>> = HashMap::new();
    let mut mounts: HashMap<String, String> = HashMap::new();
    for (i, py) in pys.iter().enumerate() {
        for (name, nodes) in &py.defs {
            defs.entry(*name)
                .or_default()
                .extend(nodes.iter().map(|n| (i, *n)));
        }
        for call in &py.calls {
            py.mount(*call, &mut mounts);
        }
    }
    let mut registering: HashSet<(usize, usize)> = HashSet::new();
    for _ in 0..6 {
        let before = registering.len();
        for (i, py) in pys.iter().enumerate() {
            for nodes in py.defs.values() {
                for def in nodes {
                    if !registering.contains(&(i, def.id()))
                        && py.registers(*def, &defs, &registering)
                    {
                        registering.insert((i, def.id()));
                    }
                }
            }
        }
        if registering.len() == before {
            break;
        }
    }
    let pkg = Package {
        defs,
        registering,
        mounts,
    };
    let first = found.tools.len();
    for py in &pys {
        for node in &py.decorated {
            py.decorated(*node, &pkg, &pys, found);
        }
        for call in &py.calls {
            py.call(*call, &pkg, &pys, found);
        }
    }
    registry_descriptions(&pys, &entries.borrow(), &mut found.tools);
    for py in &pys {
        py.rewrite_descriptions(&mut found.tools[first..]);
    }
}

/// The package keeps its own registry (entries made by a decorator factory of the package) and
/// one list handler builds the tools from the entries: each entry's description is the
/// handler's expression evaluated with the entry bound (unknown when it cannot be).
fn registry_descriptions(
    pys: &[Py<'_, '_>],
    entries: &[(usize, Map<String, Value>)],
    tools: &mut [Tool],
) {
    if entries.is_empty() {
        return;
    }
    let handlers: Vec<(usize, &str, Node<'_>)> = pys
        .iter()
        .enumerate()
        .filter_map(|(i, py)| py.list_handler().map(|(var, expr)| (i, var, expr)))
        .collect();
    let [(i, var, expr)] = handlers.as_slice() else {
        return;
    };
    for (index, entry) in entries {
        let Some(tool) = tools.get_mut(*index) else {
            continue;
        };
        if entry.get("name").and_then(Value::as_str) == Some(tool.name.as_str()) {
            tool.description = pys[*i].handler_description(var, *expr, entry);
        }
    }
}

struct Package<'t> {
    defs: HashMap<&'t str, Vec<(usize, Node<'t>)>>,
    registering: HashSet<(usize, usize)>,
    mounts: HashMap<String, String>,
}

impl<'t> Package<'t> {
    /// The registering helper a decorator names, preferring the decorated file's own.
    fn helper(&self, name: &str, file: usize) -> Option<(usize, Node<'t>)> {
        let defs = self.defs.get(name)?;
        let hits: Vec<(usize, Node<'t>)> = defs
            .iter()
            .filter(|(i, d)| self.registering.contains(&(*i, d.id())))
            .copied()
            .collect();
        hits.iter()
            .find(|(i, _)| *i == file)
            .or(hits.first())
            .copied()
    }
}

/// One Python module: what a pass over its syntax tree collects.
struct Module<'t> {
    file: &'t SourceFile,
    src: &'t str,
    index: usize,
    bindings: Bindings<'t>,
    defs: HashMap<&'t str, Vec<Node<'t>>>,
    classes: HashMap<&'t str, Node<'t>>,
    class_attrs: HashMap<(&'t str, &'t str), Node<'t>>,
    decorated: Vec<Node<'t>>,
    calls: Vec<Node<'t>>,
    /// The module imports standalone `fastmcp` (`Some(true)`: descriptions are
    /// `inspect.getdoc` without argument sections) or the `mcp` SDK (`Some(false)`:
    /// `fn.__doc__` as it is).
    sdk: Option<bool>,
    /// The dotted module name (`pkg.sub.mod`; a package's `__init__.py` is `pkg.sub`).
    dotted: String,
    /// Names bound by imports: local name → (absolute module, imported name; `None` when the
    /// name is the module itself).
    imports: HashMap<&'t str, (String, Option<&'t str>)>,
}

/// The evaluator over one module, with the package's other modules in reach.
struct Py<'p, 't> {
    m: &'p Module<'t>,
    all: &'p [Module<'t>],
    env: RefCell<Vec<Env>>,
    budget: &'p Budget,
    options: Options,
    /// Entries of the package's own tool registry: the tool's index in `Found::tools` and the
    /// entry's fields.
    entries: &'p RefCell<Vec<(usize, Map<String, Value>)>>,
}

impl<'t> std::ops::Deref for Py<'_, 't> {
    type Target = Module<'t>;
    fn deref(&self) -> &Module<'t> {
        self.m
    }
}

impl<'t> Module<'t> {
    fn load(file: &'t SourceFile) -> Option<Module<'t>> {
        let tree = file.tree()?;
        let src = file.text.as_str();
        let mut py = Module {
            file,
            src,
            index: 0,
            bindings: Bindings::default(),
            defs: HashMap::new(),
            classes: HashMap::new(),
            class_attrs: HashMap::new(),
            decorated: Vec::new(),
            calls: Vec::new(),
            sdk: None,
            dotted: dotted_name(&file.path),
            imports: HashMap::new(),
        };
        value::walk_bounded(
            tree.root_node(),
            MAX_TREE_DEPTH,
            &mut |node| match node.kind() {
                "decorated_definition" => py.decorated.push(node),
                "call" => py.calls.push(node),
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
                "import_from_statement" | "import_statement" => {
                    let module = node
                        .child_by_field_name("module_name")
                        .or_else(|| node.child_by_field_name("name"))
                        .map_or("", |m| value::text(src, m));
                    // Standalone `fastmcp` (also vendored: `pkg._vendor.fastmcp`) cleans
                    // docstrings; the `mcp` SDK's own FastMCP/MCPServer show them as they are.
                    if module.starts_with("mcp.server.fastmcp")
                        || module.starts_with("mcp.server.mcpserver")
                        || module == "mcp.server"
                    {
                        py.sdk = py.sdk.or(Some(false));
                    } else if module.split('.').any(|part| part == "fastmcp") {
                        py.sdk = Some(true);
                    }
                    py.import(node);
                }
                _ => {}
            },
        );
        py.bindings.finish();
        Some(py)
    }

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
}

impl<'p, 't> Py<'p, 't> {
    fn env_get(&self, name: &str) -> Option<EnvVal> {
        self.env.borrow().last().and_then(|e| e.get(name).cloned())
    }

    // ---- declarations ----

    /// `server.mount(sub, namespace="x")`, `mount(sub, prefix="x")`, `mount("x", sub)`.
    fn mount(&self, call: Node<'t>, mounts: &mut HashMap<String, String>) {
        let Some(function) = call.child_by_field_name("function") else {
            return;
        };
        if function.kind() != "attribute"
            || function
                .child_by_field_name("attribute")
                .is_none_or(|a| self.text(a) != "mount")
        {
            return;
        }
        let Some(args) = call.child_by_field_name("arguments") else {
            return;
        };
        let (positional, keywords) = self.arguments(args);
        let prefix = keywords
            .iter()
            .find(|(k, _)| matches!(*k, "namespace" | "prefix"))
            .and_then(|(_, v)| self.string(*v, 0));
        let (server, prefix) = match (positional.as_slice(), prefix) {
            ([server, ..], Some(p)) => (*server, p),
            ([first, server, ..], None) => match self.string(*first, 0) {
                Some(p) => (*server, p),
                None => return,
            },
            _ => return,
        };
        if server.kind() == "identifier" && !prefix.is_empty() {
            mounts.insert(self.text(server).to_string(), prefix);
        }
    }

    /// Whether a function's body registers tools: it calls `.tool(…)`/`.add_tool(…)` on
    /// something other than a decorator, or calls a helper that does.
    fn registers(
        &self,
        def: Node<'t>,
        defs: &HashMap<&'t str, Vec<(usize, Node<'t>)>>,
        registering: &HashSet<(usize, usize)>,
    ) -> bool {
        let Some(body) = def.child_by_field_name("body") else {
            return false;
        };
        let mut hit = false;
        value::walk_bounded(body, MAX_TREE_DEPTH, &mut |n| {
            if hit || n.kind() != "call" || n.parent().is_some_and(|p| p.kind() == "decorator") {
                return;
            }
            let Some(f) = n.child_by_field_name("function") else {
                return;
            };
            let name = match f.kind() {
                "attribute" => f
                    .child_by_field_name("attribute")
                    .map_or("", |a| self.text(a)),
                "identifier" => self.text(f),
                _ => return,
            };
            if matches!(name, "tool" | "add_tool") && f.kind() == "attribute" {
                // Only when it is handed a function: `x.tool(fn)` or `x.tool(…)(fn)`.
                let args = n.child_by_field_name("arguments");
                let direct = args.is_some_and(|a| !self.arguments(a).0.is_empty());
                let curried = n.parent().is_some_and(|p| {
                    p.kind() == "call" && p.child_by_field_name("function") == Some(n)
                });
                hit = direct || curried;
                return;
            }
            hit = defs.get(name).is_some_and(|ds| {
                ds.iter()
                    .any(|(i, d)| registering.contains(&(*i, d.id())) && d.id() != def.id())
            });
        });
        hit
    }

    fn fn_info(&self, def: Node<'t>) -> Option<FnInfo> {
        let name = self.text(def.child_by_field_name("name")?).to_string();
        let doc_raw = self.docstring_raw(def);
        let doc_default = doc_raw.as_deref().map(|d| self.sdk_doc(d));
        Some(FnInfo {
            name,
            doc_raw,
            doc_default,
            schema: self.signature_schema(def),
        })
    }

    /// Whether descriptions are cleaned: this module's SDK, else the package's (tools written in
    /// a module that imports neither are registered by one that does).
    fn getdoc(&self) -> bool {
        if let Some(sdk) = self.sdk {
            return sdk;
        }
        let fastmcp = self.all.iter().any(|m| m.sdk == Some(true));
        let mcp = self.all.iter().any(|m| m.sdk == Some(false));
        fastmcp && !mcp
    }

    fn sdk_doc(&self, raw: &str) -> String {
        if self.getdoc() {
            strip_sections(&value::cleandoc(raw), self.options.fastmcp_major)
        } else {
            raw.to_string()
        }
    }

    /// `@x.tool`, `@x.tool(...)`, `@x.prompt(...)`, `@helper(...)` on a function.
    fn decorated(&self, node: Node<'t>, pkg: &Package<'t>, pys: &[Py<'p, 't>], found: &mut Found) {
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
            let (object, method) = match callee.kind() {
                "attribute" => (
                    callee.child_by_field_name("object").map(|o| self.text(o)),
                    callee
                        .child_by_field_name("attribute")
                        .map_or("", |a| self.text(a)),
                ),
                "identifier" => (None, self.text(callee)),
                _ => continue,
            };
            let (positional, keywords) = args.map(|a| self.arguments(a)).unwrap_or_default();
            match method {
                "tool" if object.is_some() => {
                    let Some(info) = self.fn_info(def) else {
                        continue;
                    };
                    let mut tool = self.function_tool(
                        &info,
                        &positional,
                        &keywords,
                        decorator,
                        "python @tool",
                    );
                    if let (Some(t), Some(prefix)) =
                        (tool.as_mut(), object.and_then(|o| pkg.mounts.get(o)))
                    {
                        t.name = format!("{prefix}_{}", t.name);
                    }
                    found.tools.extend(tool);
                }
                "prompt" if object.is_some() => {
                    self.prompt(def, &positional, &keywords, decorator, found);
                }
                _ => {
                    let Some((file, helper)) = pkg.helper(method, self.index) else {
                        self.registry_decorator(
                            def,
                            method,
                            &positional,
                            &keywords,
                            decorator,
                            found,
                        );
                        continue;
                    };
                    let Some(info) = self.fn_info(def) else {
                        continue;
                    };
                    let args = self.eval_args(&positional, &keywords);
                    let at = (self.file.path.as_str(), SourceFile::line_of(decorator));
                    pys[file].follow(helper, &args, &info, pkg, pys, at, 0, found);
                }
            }
        }
    }

    /// `@register_tool(name="x", description="…", params=Model)` / `@tool(name=…,
    /// description=…, input_schema=…)`: a decorator named like a tool registration that
    /// records the function in the server's own registry (read at start by a loop mcp-audit
    /// does not follow) says what the tool is in its arguments. A description that is not a
    /// constant is unknown; the schema comes from `input_schema=` / `inputSchema=` (a
    /// constant) or a pydantic model handed as `params=` / `args_schema=`, else the signature.
    fn registry_decorator(
        &self,
        def: Node<'t>,
        method: &str,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        at: Node<'t>,
        found: &mut Found,
    ) {
        let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        // A bare `@tool(…)` (standalone fastmcp's module-level decorator marks a function or
        // method for a later `add_tool`): the name and description default as `@mcp.tool` does.
        // (A `tool` the package defines itself is its own registry, read where it appends.)
        // Only fastmcp's: `@tool` of another library (LangChain's) declares no MCP tool.
        let bare = method == "tool"
            && !matches!(
                self.resolve_name(method, usize::MAX, 0),
                Some(Target::Def(..))
            )
            && self
                .imports
                .get(method)
                .is_some_and(|(module, _)| module.split('.').any(|p| p == "fastmcp" || p == "mcp"));
        let described = method.to_ascii_lowercase().contains("tool") && kw("description").is_some();
        if !(bare || described) {
            return;
        }
        let name = match kw("name").or_else(|| positional.first().copied()) {
            Some(n) => self.string(n, 0),
            None => def
                .child_by_field_name("name")
                .map(|n| self.text(n).to_string()),
        };
        let Some(name) = name else {
            return;
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            SourceFile::line_of(at),
            Via::Static,
            "python registry decorator",
        );
        tool.description = match kw("description") {
            Some(d) => self.string(d, 0),
            None => self.fn_info(def).and_then(|i| i.doc_default),
        };
        tool.title = kw("title").and_then(|t| self.string(t, 0));
        tool.annotations = kw("annotations").and_then(|a| self.eval(a, 0));
        let model = ["params", "args_schema", "params_model", "schema"]
            .iter()
            .find_map(|k| kw(k))
            .and_then(|m| self.classes.get(self.text(m)).copied());
        tool.input_schema = match kw("input_schema").or_else(|| kw("inputSchema")) {
            Some(s) => self
                .eval(s, 0)
                .unwrap_or_else(mcp_audit_core::model::empty_object_schema),
            None => match model {
                Some(class) => self.model_schema(class, 0),
                None => self.signature_schema(def),
            },
        };
        let callee = at.named_child(0).map(|e| match e.kind() {
            "call" => e.child_by_field_name("function").unwrap_or(e),
            _ => e,
        });
        if let Some(entry) = callee
            .filter(|_| !bare)
            .and_then(|c| self.registry_entry(c, positional, keywords))
        {
            self.entries.borrow_mut().push((found.tools.len(), entry));
        }
        found.tools.push(tool);
    }

    /// Decorator arguments, evaluated in this module.
    fn eval_args(
        &self,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
    ) -> (Vec<Option<Value>>, Vec<(String, Value)>) {
        (
            positional.iter().map(|p| self.eval(*p, 0)).collect(),
            keywords
                .iter()
                .filter_map(|(k, v)| self.eval(*v, 0).map(|v| (k.to_string(), v)))
                .collect(),
        )
    }

    /// Follows a registering helper with its parameters bound, declaring the tools its
    /// `.tool(…)` calls register for `func`.
    #[expect(clippy::too_many_arguments, reason = "one recursive walk")]
    fn follow(
        &self,
        helper: Node<'t>,
        args: &(Vec<Option<Value>>, Vec<(String, Value)>),
        func: &FnInfo,
        pkg: &Package<'t>,
        pys: &[Py<'p, 't>],
        at: (&str, u32),
        depth: u32,
        found: &mut Found,
    ) {
        if depth > 6 {
            return;
        }
        let mut env = Env::new();
        let params = helper
            .child_by_field_name("parameters")
            .map(value::named_children)
            .unwrap_or_default();
        let mut index = 0;
        for p in params {
            let name = match p.kind() {
                "identifier" => self.text(p),
                _ => match p.child_by_field_name("name").or_else(|| p.named_child(0)) {
                    Some(n) if n.kind() == "identifier" => self.text(n),
                    _ => continue,
                },
            };
            if matches!(name, "self" | "cls") {
                continue;
            }
            let value = args
                .1
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .or_else(|| args.0.get(index).cloned().flatten())
                .or_else(|| p.child_by_field_name("value").and_then(|d| self.eval(d, 0)));
            index += 1;
            if let Some(v) = value {
                env.insert(name.to_string(), EnvVal::Value(v));
            }
        }
        // The decorated function reaches the inner decorator's first parameter.
        if let Some(body) = helper.child_by_field_name("body") {
            value::walk_bounded(body, MAX_TREE_DEPTH, &mut |n| {
                if n.kind() == "function_definition" {
                    if let Some(first) = n
                        .child_by_field_name("parameters")
                        .and_then(|p| p.named_child(0))
                    {
                        let name_node = match first.kind() {
                            "identifier" => Some(first),
                            "typed_parameter" => first.named_child(0),
                            _ => first.child_by_field_name("name"),
                        };
                        let Some(name_node) = name_node else { return };
                        let name = self.text(name_node);
                        env.insert(name.to_string(), EnvVal::Function(Box::new(func.clone())));
                    }
                }
            });
        }
        self.env.borrow_mut().push(env);
        let mut calls = Vec::new();
        if let Some(body) = helper.child_by_field_name("body") {
            value::walk_bounded(body, MAX_TREE_DEPTH, &mut |n| {
                if n.kind() == "call" {
                    calls.push(n);
                }
            });
        }
        for call in calls {
            let Some(f) = call.child_by_field_name("function") else {
                continue;
            };
            let Some(args_node) = call.child_by_field_name("arguments") else {
                continue;
            };
            let (positional, keywords) = self.arguments(args_node);
            let name = match f.kind() {
                "attribute" => f
                    .child_by_field_name("attribute")
                    .map_or("", |a| self.text(a)),
                "identifier" => self.text(f),
                _ => continue,
            };
            if matches!(name, "tool" | "add_tool") && f.kind() == "attribute" {
                let curried = call.parent().is_some_and(|p| {
                    p.kind() == "call" && p.child_by_field_name("function") == Some(call)
                });
                let rest: &[Node<'t>] = if curried || positional.is_empty() {
                    &positional
                } else {
                    &positional[1..]
                };
                if curried || !positional.is_empty() {
                    if let Some(mut tool) =
                        self.function_tool(func, rest, &keywords, call, "python registering helper")
                    {
                        tool.origin.file = at.0.to_string();
                        tool.origin.line = Some(at.1);
                        found.tools.push(tool);
                    }
                }
            } else if let Some((file, next)) = pkg.helper(name, self.index) {
                if next.id() != helper.id() {
                    let inner = self.eval_args(&positional, &keywords);
                    pys[file].follow(next, &inner, func, pkg, pys, at, depth + 1, found);
                }
            }
        }
        self.env.borrow_mut().pop();
    }

    /// A call that may declare a tool, once per element when it is inside loops over
    /// constant lists.
    fn call(&self, call: Node<'t>, pkg: &Package<'t>, pys: &[Py<'p, 't>], found: &mut Found) {
        if call.parent().is_some_and(|p| p.kind() == "decorator") {
            return;
        }
        let declares = call.child_by_field_name("function").is_some_and(|f| {
            let t = self.text(f);
            t.ends_with("tool") || t.ends_with("Tool") || t.contains(".tool(")
        });
        let envs = if declares {
            self.loop_envs(call)
        } else {
            Vec::new()
        };
        if envs.is_empty() {
            self.call_once(call, pkg, pys, found);
            return;
        }
        for env in envs {
            self.env.borrow_mut().push(env);
            self.call_once(call, pkg, pys, found);
            self.env.borrow_mut().pop();
        }
    }

    fn call_once(&self, call: Node<'t>, pkg: &Package<'t>, pys: &[Py<'p, 't>], found: &mut Found) {
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
                    // mcp.add_tool(Tool.from_function(fn, name=…, description=…))
                    "tool" | "add_tool" => {
                        let Some(first) = positional.first().copied() else {
                            return;
                        };
                        let (style, fn_ref, rest, keywords) =
                            match self.tool_from_function_args(first) {
                                Some((p, k)) => match p.split_first() {
                                    Some((f, rest)) => (
                                        format!("python {method}(Tool.from_function())"),
                                        *f,
                                        rest.to_vec(),
                                        k,
                                    ),
                                    None => return,
                                },
                                None => (
                                    format!("python {method}()"),
                                    first,
                                    positional[1..].to_vec(),
                                    keywords.clone(),
                                ),
                            };
                        let Some(info) = self.function_named(fn_ref, pkg, pys) else {
                            return;
                        };
                        let mut tool = self.function_tool(&info, &rest, &keywords, call, &style);
                        if let Some(t) = tool.as_mut().filter(|t| t.description.is_none()) {
                            let described = keywords.iter().find(|(k, _)| *k == "description");
                            if let Some(text) =
                                described.and_then(|(_, d)| self.settings_default(*d, pys))
                            {
                                t.description = Some(text);
                                if let Some(style) = t.origin.style.as_mut() {
                                    style.push_str(", description from a settings default");
                                }
                            }
                        }
                        found.tools.extend(tool);
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
                let Some(fn_ref) = positional.first().copied() else {
                    return;
                };
                let Some(inner_args) = inner.child_by_field_name("arguments") else {
                    return;
                };
                let Some(info) = self.function_named(fn_ref, pkg, pys) else {
                    return;
                };
                let (p, k) = self.arguments(inner_args);
                found
                    .tools
                    .extend(self.function_tool(&info, &p, &k, call, "python tool()()"));
            }
            "identifier" => {
                let name = self.text(function);
                if name == "Tool" {
                    self.tool_object(call, &keywords, found);
                }
                if matches!(name, "FastMCP" | "MCPServer" | "Server") {
                    self.instructions(call, &keywords, found);
                }
                self.helper_call(call, name, &positional, &keywords, pkg, pys, found);
            }
            _ => {}
        }
    }

    /// `_register_tool("ListWorkflows", list_workflows)`: a call of a registering helper of the
    /// package with a function among its arguments, followed like a decorator would be.
    #[expect(
        clippy::too_many_arguments,
        reason = "the call's parts and the package"
    )]
    fn helper_call(
        &self,
        call: Node<'t>,
        name: &str,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        pkg: &Package<'t>,
        pys: &[Py<'p, 't>],
        found: &mut Found,
    ) {
        let Some((file, helper)) = pkg.helper(name, self.index) else {
            return;
        };
        // The function handed positionally (a keyword argument is a callback the helper uses).
        let Some(info) = positional
            .iter()
            .filter(|a| matches!(a.kind(), "identifier" | "attribute" | "call"))
            .find_map(|a| self.function_named(*a, pkg, pys))
        else {
            return;
        };
        let args = self.eval_args(positional, keywords);
        let at = (self.file.path.as_str(), SourceFile::line_of(call));
        pys[file].follow(helper, &args, &info, pkg, pys, at, 0, found);
    }

    /// The arguments of `Tool.from_function(fn, name=…, …)` / `FunctionTool.from_function(…)`.
    fn tool_from_function_args(&self, node: Node<'t>) -> Option<Args<'t>> {
        if node.kind() != "call" {
            return None;
        }
        let function = node.child_by_field_name("function")?;
        let method = function.child_by_field_name("attribute")?;
        if function.kind() != "attribute" || self.text(method) != "from_function" {
            return None;
        }
        Some(self.arguments(node.child_by_field_name("arguments")?))
    }

    /// What a registering call knows of the function it is handed: a function of this module
    /// (`fn`, `self.fn`, `module.fn`), one a module-level alias names (`run = _queries.run`),
    /// or else the one function of that name in another module of the package. Its description
    /// follows this module's SDK (raw `__doc__` or `inspect.getdoc`).
    fn function_named(
        &self,
        node: Node<'t>,
        pkg: &Package<'t>,
        pys: &[Py<'p, 't>],
    ) -> Option<FnInfo> {
        self.function_named_at(node, pkg, pys, 0)
    }

    fn function_named_at(
        &self,
        node: Node<'t>,
        pkg: &Package<'t>,
        pys: &[Py<'p, 't>],
        depth: u32,
    ) -> Option<FnInfo> {
        if depth > 4 {
            return None;
        }
        let mut info = self.function_found(node, pkg, pys, depth)?;
        // `fn.__doc__ = …` before the registration: the SDK reads that value (unknown when it
        // is computed at run time).
        if node.kind() == "identifier" {
            if let Some(doc) = self.reassigned_doc(self.text(node), node, &info) {
                info.doc_default = doc.as_deref().map(|d| self.sdk_doc(d));
                info.doc_raw = doc;
            }
        }
        Some(info)
    }

    fn function_found(
        &self,
        node: Node<'t>,
        pkg: &Package<'t>,
        pys: &[Py<'p, 't>],
        depth: u32,
    ) -> Option<FnInfo> {
        if node.kind() == "identifier" {
            if let Some(v) = self.env_get(self.text(node)) {
                return match v {
                    EnvVal::Function(f) => Some(*f),
                    _ => None,
                };
            }
        }
        if let Some(def) = self.def_of(node) {
            return self.fn_info(def);
        }
        if let Some(info) = self.local_alias(node, pkg, pys, depth) {
            return Some(info);
        }
        if let Some(info) = self.function_ref(node, 0) {
            return Some(info);
        }
        // Not a function of this module (`def_of` found none by this name).
        let mut name = self.ref_name(node)?;
        if node.kind() == "identifier" {
            if let Some(alias) = self.bindings.lookup(name, node.start_byte()) {
                if matches!(alias.kind(), "attribute" | "identifier") {
                    name = self.ref_name(alias)?;
                }
            }
        }
        if let Some(def) = self.defs.get(name).and_then(|d| d.first()) {
            return self.fn_info(*def);
        }
        let [(file, def)] = pkg.defs.get(name)?.as_slice() else {
            return None;
        };
        let mut info = pys[*file].fn_info(*def)?;
        info.doc_default = info.doc_raw.as_deref().map(|d| self.sdk_doc(d));
        Some(info)
    }

    /// A local variable of the enclosing function bound, before the use, to a function or to a
    /// wrapper call around one: `find_foo = find`, `find_foo = make_partial(find_foo, {…})`.
    fn local_alias(
        &self,
        node: Node<'t>,
        pkg: &Package<'t>,
        pys: &[Py<'p, 't>],
        depth: u32,
    ) -> Option<FnInfo> {
        if node.kind() != "identifier" {
            return None;
        }
        let name = self.text(node);
        let mut scope = node.parent();
        while let Some(s) = scope {
            if s.kind() == "function_definition" {
                break;
            }
            scope = s.parent();
        }
        let body = scope?.child_by_field_name("body")?;
        let mut assigned = Vec::new();
        value::walk_bounded(body, MAX_TREE_DEPTH, &mut |n| {
            if n.kind() == "assignment"
                && n.start_byte() < node.start_byte()
                && n.child_by_field_name("left")
                    .is_some_and(|l| l.kind() == "identifier" && self.text(l) == name)
            {
                assigned.extend(n.child_by_field_name("right"));
            }
        });
        assigned.into_iter().find_map(|right| {
            let target = match right.kind() {
                "identifier" | "attribute" => right,
                "call" => self
                    .arguments(right.child_by_field_name("arguments")?)
                    .0
                    .first()
                    .copied()?,
                _ => return None,
            };
            if target.kind() == "identifier" && self.text(target) == name {
                return None;
            }
            self.function_named_at(target, pkg, pys, depth + 1)
        })
    }

    /// The default of a settings field a description is read from at run time
    /// (`description=self.settings.tool_find_description`, where a class of the package
    /// declares `tool_find_description: str = Field(default=…)` or `= "…"`): what the model is
    /// shown unless the user's environment overrides it.
    fn settings_default(&self, node: Node<'t>, pys: &[Py<'p, 't>]) -> Option<String> {
        if node.kind() != "attribute" {
            return None;
        }
        let attr = self.text(node.child_by_field_name("attribute")?);
        let mut hits = pys.iter().flat_map(|py| {
            py.class_attrs
                .iter()
                .filter(|((_, a), _)| *a == attr)
                .map(move |(_, v)| (py, *v))
        });
        let (py, value) = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        if py.is_field_call(value) {
            let (_, keywords) = py.arguments(value.child_by_field_name("arguments")?);
            let default = keywords.iter().find(|(k, _)| *k == "default")?.1;
            return py.string(default, 0);
        }
        py.string(value, 0)
    }

    /// The name a reference ends in (`fn`, `obj.fn`).
    fn ref_name(&self, node: Node<'t>) -> Option<&'t str> {
        match node.kind() {
            "identifier" => Some(self.text(node)),
            "attribute" => Some(self.text(node.child_by_field_name("attribute")?)),
            _ => None,
        }
    }

    /// The function definition a reference names (`fn`, `self.fn`, `module.fn`).
    fn def_of(&self, node: Node<'t>) -> Option<Node<'t>> {
        let name = self.ref_name(node)?;
        let defs = self.defs.get(name)?;
        let before = defs.partition_point(|d| d.start_byte() <= node.start_byte());
        defs.get(before.saturating_sub(1)).or(defs.first()).copied()
    }

    fn function_tool(
        &self,
        info: &FnInfo,
        positional: &[Node<'t>],
        keywords: &[(&'t str, Node<'t>)],
        at: Node<'t>,
        style: &str,
    ) -> Option<Tool> {
        let kw = |k: &str| keywords.iter().find(|(n, _)| *n == k).map(|(_, v)| *v);
        let (name, style) = match kw("name").or_else(|| positional.first().copied()) {
            Some(n) => match self.string(n, 0) {
                Some(name) => (name, style.to_string()),
                None => (
                    self.literal_suffix(n)?,
                    format!("{style}, name prefix set at run time"),
                ),
            },
            None => (info.name.clone(), style.to_string()),
        };
        let mut tool = new_tool(
            name,
            &self.file.path,
            SourceFile::line_of(at),
            Via::Static,
            &style,
        );
        tool.description = match kw("description") {
            Some(d) => self.string(d, 0),
            None => info.doc_default.clone(),
        };
        tool.title = kw("title").and_then(|t| self.string(t, 0));
        tool.annotations = kw("annotations").and_then(|a| self.eval(a, 0));
        tool.input_schema = info.schema.clone();
        Some(tool)
    }

    /// The constant end of a name built at run time: `prefix + "get_schema"` or
    /// `f"{prefix}get_schema"` gives `get_schema` (the prefix is a namespace chosen when the
    /// server starts; the description and schema do not depend on it).
    fn literal_suffix(&self, node: Node<'t>) -> Option<String> {
        let suffix = match node.kind() {
            "binary_operator" => {
                let op = node.child_by_field_name("operator")?;
                if self.text(op) != "+" {
                    return None;
                }
                self.string(node.child_by_field_name("right")?, 0)?
            }
            "string" => {
                let last = value::named_children(node)
                    .into_iter()
                    .rev()
                    .find(|c| c.kind() != "string_end")?;
                if last.kind() != "string_content" {
                    return None;
                }
                self.text(last).to_string()
            }
            _ => return None,
        };
        let name = suffix.trim_start_matches(['_', '-', '.', ':', '/']);
        (name.len() >= 3
            && name
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .then(|| name.to_string())
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
            None => self.docstring_raw(def).map(|d| self.sdk_doc(&d)),
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

/// The description standalone `fastmcp` derives from a cleaned docstring (its
/// `parse_docstring`, over griffe's Google, NumPy and Sphinx parsers): the text before the first
/// section when a parser recognizes structure, else the whole docstring. fastmcp 3 splits only
/// when it finds a parameters section (`Args:`, NumPy `Parameters` underlined, `:param x:`);
/// fastmcp 4 splits on any section (`Returns:`, `Raises:`, `Note:`, `Example:`, …).
fn strip_sections(doc: &str, fastmcp_major: u32) -> String {
    const PARAMETERS: &[&str] = &[
        "args",
        "arguments",
        "parameters",
        "params",
        "keyword args",
        "keyword arguments",
        "other args",
        "other arguments",
        "other parameters",
        "other params",
    ];
    const OTHERS: &[&str] = &[
        "returns",
        "return",
        "yields",
        "yield",
        "raises",
        "raise",
        "exceptions",
        "receives",
        "warns",
        "examples",
        "example",
        "attributes",
        "note",
        "notes",
        "warning",
        "warnings",
        "references",
        "see also",
        "todo",
        "tip",
        "hint",
        "important",
        "caution",
        "danger",
        "error",
        "attention",
    ];
    let lines: Vec<&str> = doc.split('\n').collect();
    let indented_next = |i: usize| {
        lines
            .get(i + 1)
            .is_some_and(|n| n.starts_with(char::is_whitespace) && !n.trim().is_empty())
    };
    // griffe's Google parser: `Title:` (or `Type: title`) at the margin, a blank line (or the
    // start) above and an indented line right below is a section when the title is one it
    // knows, else an admonition (`Actions:`, `Usage:`), which is a section too.
    let google_header = |i: usize, line: &str| {
        let blank_above = i == 0 || lines[i - 1].trim().is_empty();
        blank_above && indented_next(i) && admonition_title(line).is_some()
    };
    // (line index, is a parameters section) of each section header.
    // Per parser (Google, NumPy, Sphinx): (line index, is a parameters section) of each header.
    let mut sections: [Vec<(usize, bool)>; 3] = Default::default();
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let t = line.trim().to_ascii_lowercase();
        let h = t.trim_end_matches(':');
        let google = google_header(i, line)
            || (!line.starts_with(char::is_whitespace)
                && t.strip_suffix(':').is_some_and(|h| {
                    (PARAMETERS.contains(&h) || OTHERS.contains(&h)) && indented_next(i)
                }));
        let numpy = (PARAMETERS.contains(&t.as_str()) || OTHERS.contains(&t.as_str()))
            && lines.get(i + 1).is_some_and(|u| {
                let u = u.trim();
                u.len() >= 3 && u.chars().all(|c| c == '-')
            });
        let sphinx =
            t.starts_with(":param ") || t.starts_with(":return") || t.starts_with(":raises");
        for (parser, hit) in [google, numpy, sphinx].into_iter().enumerate() {
            if hit {
                sections[parser].push((i, PARAMETERS.contains(&h) || t.starts_with(":param ")));
            }
        }
    }
    let cut = |found: &[(usize, bool)]| {
        let end = found.first().map_or(lines.len(), |(i, _)| *i);
        lines[..end].join("\n").trim_end().to_string()
    };
    if fastmcp_major >= 4 {
        let mut all: Vec<(usize, bool)> = sections.concat();
        all.sort_unstable();
        return if all.is_empty() {
            doc.to_string()
        } else {
            cut(&all)
        };
    }
    // fastmcp 3: the first parser (Google, then NumPy, then Sphinx) that finds parameters gives
    // its first text section; a Google admonition is a section for the Google parser only.
    match sections
        .iter()
        .find(|found| found.iter().any(|(_, params)| *params))
    {
        Some(found) => cut(found),
        None => doc.to_string(),
    }
}

/// The type of a Google-style section or admonition header, as griffe's
/// `^(?P<type>[\w][\s\w-]*):(\s+(?P<title>[^\s].*))?\s*$` reads it.
fn admonition_title(line: &str) -> Option<&str> {
    let (kind, rest) = line.split_once(':')?;
    let mut chars = kind.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_');
    let kind_ok = first_ok
        && kind
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c.is_whitespace());
    let rest_ok = rest.trim().is_empty() || rest.starts_with(char::is_whitespace);
    (kind_ok && rest_ok).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::strip_sections;

    #[test]
    fn fastmcp_sections_and_admonitions() {
        // (docstring after `inspect.getdoc`, fastmcp major, description)
        let cases: &[(&str, u32, &str)] = &[
            // griffe reads any `Title:` with a blank line above and an indented block
            // below as an admonition, a section for fastmcp 4.
            (
                "Read projects.\n\nActions:\n    - \"list\": List them.\n\nArgs:\n    a: x",
                4,
                "Read projects.",
            ),
            // fastmcp 3 cuts only when a parameters section is present, at the first section.
            (
                "Read projects.\n\nActions:\n    - list",
                3,
                "Read projects.\n\nActions:\n    - list",
            ),
            (
                "Read projects.\n\nActions:\n    - list\n\nArgs:\n    a: x",
                3,
                "Read projects.",
            ),
            // Not a header: no blank line above, no indented block below, text after the colon
            // without a space, or inside a code fence.
            (
                "Read projects.\nUsage:\n    run it",
                4,
                "Read projects.\nUsage:\n    run it",
            ),
            (
                "Read projects.\n\nUsage:\nrun it",
                4,
                "Read projects.\n\nUsage:\nrun it",
            ),
            ("See:\n\nhttp://x:\n    y", 4, "See:\n\nhttp://x:\n    y"),
            (
                "Run.\n\n```\nExample:\n    run()\n```",
                4,
                "Run.\n\n```\nExample:\n    run()\n```",
            ),
            // fastmcp 3 reads with the first parser that finds parameters: NumPy's sections do
            // not include a Google admonition.
            (
                "Run.\n\nUsage:\n    run()\n\nParameters\n----------\nx : int\n    X.",
                3,
                "Run.\n\nUsage:\n    run()",
            ),
            // `Type: title` is an admonition with a title.
            ("Run.\n\nNote: careful\n    it deletes", 4, "Run."),
        ];
        for (doc, major, want) in cases {
            assert_eq!(strip_sections(doc, *major), *want, "{doc:?}");
        }
    }
}
