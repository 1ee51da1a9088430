//! JavaScript and TypeScript (sources, compiled `dist/` output and bundles).
//!
//! Declaration styles:
//! - TS SDK v1 `server.tool(name, description?, schemaOrAnnotations?, annotations?, handler)`;
//! - TS SDK v1/v2 `server.registerTool(name, {title, description, inputSchema, annotations}, h)`;
//! - low-level servers: tool objects `{name, description, inputSchema}` wherever they are written
//!   (inline in a ListTools / `'tools/list'` handler or in constants and modules it returns);
//! - `fastmcp` `server.addTool({name, description, parameters, annotations})`;
//! - prompts (`registerPrompt`, `prompt`, `addPrompt`) and server `instructions` in constructor
//!   options.
//!
//! Parameter schemas come from zod chains (`z.string().describe(…)`, `z.object({…})`, raw
//! shapes), `zodToJsonSchema(…)` of one, or literal JSON schema objects.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use serde_json::{Map, Value};
use tree_sitter::Node;

use super::bundle::Bundle;
use super::value::{self, Bindings, Budget, MAX_DEPTH, MAX_TEXT_BYTES};
use super::{new_tool, Found};
use crate::source::{Lang, SourceFile};
use mcp_audit_core::model::{TextKind, Tool, Via};

/// Substrings without which a file (or bundle window) cannot declare anything we read; files
/// lacking all of them are not parsed at all. One pass over the text (the `regex` crate's
/// literal search), not a parse.
pub(crate) fn has_trigger(text: &str) -> bool {
    static TRIGGERS: OnceLock<regex::Regex> = OnceLock::new();
    TRIGGERS
        .get_or_init(|| {
            regex::Regex::new(r"[tT]ool\(|inputSchema|instructions\s*[:,}]|[pP]rompt\(")
                .expect("valid trigger pattern")
        })
        .is_match(text)
}

/// Top-level bindings of every file, for references across modules (`import {X} from`,
/// `require(...).X`). A renamed import is looked up in the module it names; otherwise only
/// names bound in exactly one file are used.
///
/// Nothing is parsed up front: most files of a large package declare nothing the tool
/// declarations refer to. On the first cross-module lookup one lexical pass indexes, per file,
/// the names written where a top-level binding could be (after `const`/`let`/`var`, after a
/// comma and before `=`, after `exports.`, after `as` in an export clause); a lookup parses
/// only the files that index the name (once each) and keeps those that really bind it at top
/// level. The index is a superset of the real bindings, so the answer is the same as parsing
/// every file.
#[derive(Debug, Default)]
pub(crate) struct Globals<'a> {
    /// JavaScript/TypeScript files small enough to parse whole.
    files: Vec<&'a SourceFile>,
    /// Each file's top-level bindings, once it is parsed.
    scopes: Vec<OnceLock<Bindings<'a>>>,
    /// Name → files that may bind it at top level, built on first use.
    candidates: OnceLock<HashMap<&'a str, Vec<usize>>>,
    /// Windowed bundles, with each window's bindings once it is parsed.
    bundles: Vec<(&'a Bundle, Vec<OnceLock<Bindings<'a>>>)>,
}

/// Files larger than this are not indexed for cross-module constants.
const MAX_GLOBALS_FILE_BYTES: usize = 4 * 1024 * 1024;

impl<'a> Globals<'a> {
    pub(crate) fn collect(files: &[&'a SourceFile], bundles: &'a [Bundle]) -> Globals<'a> {
        let files: Vec<&SourceFile> = files
            .iter()
            .copied()
            .filter(|f| {
                matches!(f.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx)
                    && f.text.len() <= MAX_GLOBALS_FILE_BYTES
            })
            .collect();
        Globals {
            scopes: files.iter().map(|_| OnceLock::new()).collect(),
            files,
            candidates: OnceLock::new(),
            bundles: bundles
                .iter()
                .map(|b| (b, b.windows.iter().map(|_| OnceLock::new()).collect()))
                .collect(),
        }
    }

    fn find(
        &self,
        name: &str,
        from: &SourceFile,
    ) -> Option<(&'a SourceFile, &Bindings<'a>, Node<'a>)> {
        if let Some(found) = self.find_in_files(name, &from.path) {
            return Some(found);
        }
        self.find_in_bundles(name, from)
    }

    fn find_in_files(
        &self,
        name: &str,
        not_in: &str,
    ) -> Option<(&'a SourceFile, &Bindings<'a>, Node<'a>)> {
        let candidates = self.candidates.get_or_init(|| self.index_candidates());
        let mut binding = None;
        for &i in candidates.get(name)? {
            let file = self.files[i];
            if file.path == not_in {
                continue;
            }
            let scope = self.scopes[i].get_or_init(|| top_level_bindings(file));
            if let Some(node) = scope.lookup(name, usize::MAX) {
                if binding.is_some() {
                    return None;
                }
                binding = Some((file, scope, node));
            }
        }
        binding
    }

    /// `name` bound at top level in the package file a relative import names (`./x.js` from
    /// `dist/index.js` is `dist/x.js`; TypeScript sources import `./x.js` for `x.ts`).
    fn find_in_module(
        &self,
        name: &str,
        from: &str,
        module: &str,
    ) -> Option<(&'a SourceFile, &Bindings<'a>, Node<'a>)> {
        let path = relative_module_path(from, module)?;
        let stem = [".js", ".mjs", ".cjs", ".jsx"]
            .iter()
            .find_map(|ext| path.strip_suffix(ext))
            .unwrap_or(&path);
        let i = self.files.iter().position(|f| f.path == path).or_else(|| {
            self.files.iter().position(|f| {
                f.path.strip_prefix(stem).is_some_and(|rest| {
                    matches!(
                        rest,
                        ".ts" | ".tsx" | ".mts" | ".cts" | ".js" | ".mjs" | ".cjs" | ".jsx"
                    ) || matches!(rest, "/index.js" | "/index.ts")
                })
            })
        })?;
        let file = self.files[i];
        let scope = self.scopes[i].get_or_init(|| top_level_bindings(file));
        let node = scope.lookup(name, usize::MAX)?;
        Some((file, scope, node))
    }

    /// One lexical pass over every file: the names that may be bound at top level.
    fn index_candidates(&self) -> HashMap<&'a str, Vec<usize>> {
        static DECLARED: OnceLock<regex::Regex> = OnceLock::new();
        let declared = DECLARED.get_or_init(|| {
            regex::Regex::new(
                r"\b(?:const|let|var)\s+[A-Za-z_$][\w$]*|,\s*[A-Za-z_$][\w$]*\s*(?::[^,;=()]{0,80})?=[^=>]|\bexports\s*\.\s*[A-Za-z_$][\w$]*|\bas\s+[A-Za-z_$][\w$]*",
            )
            .expect("valid declaration pattern")
        });
        let mut index: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, file) in self.files.iter().enumerate() {
            let text: &'a str = file.text.as_str();
            for m in declared.find_iter(text) {
                let name = declared_name(&text[m.start()..m.end()]);
                let list = index.entry(name).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        index
    }

    /// A declaration in another window of a bundle: the nearest preceding window of the same
    /// bundle, else the first; parsed now if it was not yet.
    fn find_in_bundles(
        &self,
        name: &str,
        from: &SourceFile,
    ) -> Option<(&'a SourceFile, &Bindings<'a>, Node<'a>)> {
        for (bundle, bindings) in &self.bundles {
            let Some(windows) = bundle.declarations.get(name) else {
                continue;
            };
            let here = bundle
                .windows
                .iter()
                .position(|w| std::ptr::eq(&w.file, from));
            let candidates: Vec<usize> = windows
                .iter()
                .copied()
                .filter(|w| Some(*w) != here)
                .collect();
            let pick = match here {
                Some(h) => candidates
                    .iter()
                    .rev()
                    .find(|w| **w < h)
                    .or(candidates.first()),
                None => candidates.first(),
            };
            let Some(&w) = pick else { continue };
            let file = &bundle.windows[w].file;
            let scope = bindings[w].get_or_init(|| {
                let mut b = Bindings::default();
                if let Some(tree) = file.tree() {
                    value::walk(tree.root_node(), &mut |node| {
                        bind_declarator(&file.text, node, &mut b);
                    });
                }
                b.finish();
                b
            });
            let node = scope.lookup(name, usize::MAX)?;
            return Some((file, scope, node));
        }
        None
    }
}

/// The package path a relative module specifier names from the file `from`, `.` and `..`
/// resolved; `None` for bare specifiers (`zod`, `node:fs`) and paths leaving the package.
fn relative_module_path(from: &str, module: &str) -> Option<String> {
    if !(module.starts_with("./") || module.starts_with("../")) {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in module.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The name in a match of the declaration pattern: after the keyword, comma or `exports.`.
fn declared_name(m: &str) -> &str {
    let rest = m
        .strip_prefix(',')
        .or_else(|| {
            m.strip_prefix("exports")
                .map(|r| r.trim_start().trim_start_matches('.'))
        })
        .or_else(|| {
            ["const", "let", "var", "as"]
                .iter()
                .find_map(|k| m.strip_prefix(k))
        })
        .unwrap_or(m)
        .trim_start();
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The top-level bindings of a file: `const`/`let`/`var` declarations (exported or not) and
/// `exports.X = …` assignments.
fn top_level_bindings(file: &SourceFile) -> Bindings<'_> {
    let mut bindings = Bindings::default();
    let Some(tree) = file.tree() else {
        return bindings;
    };
    let src = file.text.as_str();
    // `export { local as exported }` (what bundlers emit for every chunk): after the pass.
    let mut renamed: Vec<(&str, &str)> = Vec::new();
    for stmt in value::named_children(tree.root_node()) {
        let decl = if stmt.kind() == "export_statement" {
            match stmt.child_by_field_name("declaration") {
                Some(d) => d,
                // `export default value;`
                None if stmt.child_by_field_name("value").is_some() => {
                    if let Some(value) = stmt.child_by_field_name("value") {
                        bindings.insert("default", value);
                    }
                    continue;
                }
                None => {
                    if stmt.child_by_field_name("source").is_none() {
                        renamed.extend(export_renames(src, stmt));
                    }
                    continue;
                }
            }
        } else {
            stmt
        };
        match decl.kind() {
            "lexical_declaration" | "variable_declaration" => {
                for d in value::named_children(decl) {
                    bind_declarator(&file.text, d, &mut bindings);
                }
            }
            "expression_statement" => {
                if let Some(a) = decl.named_child(0) {
                    bind_exports(&file.text, a, &mut bindings);
                }
            }
            _ => {}
        }
    }
    bindings.finish();
    if !renamed.is_empty() {
        for (local, exported) in renamed {
            if let Some(node) = bindings.lookup(local, usize::MAX) {
                bindings.insert(exported, node);
            }
        }
        bindings.finish();
    }
    bindings
}

/// `(local, exported)` for each `local as exported` of an `export { … }` clause.
fn export_renames<'t>(src: &'t str, stmt: Node<'t>) -> Vec<(&'t str, &'t str)> {
    value::named_children(stmt)
        .into_iter()
        .filter(|c| c.kind() == "export_clause")
        .flat_map(value::named_children)
        .filter(|s| s.kind() == "export_specifier")
        .filter_map(|s| {
            let name = s.child_by_field_name("name")?;
            let alias = s.child_by_field_name("alias")?;
            Some((value::text(src, name), value::text(src, alias)))
        })
        .filter(|(local, exported)| local != exported)
        .collect()
}

fn bind_declarator<'t>(src: &'t str, d: Node<'t>, bindings: &mut Bindings<'t>) {
    if d.kind() != "variable_declarator" {
        return;
    }
    if let (Some(name), Some(value)) = (
        d.child_by_field_name("name"),
        d.child_by_field_name("value"),
    ) {
        if name.kind() == "identifier" {
            bindings.insert(value::text(src, name), value);
        }
    }
}

/// `exports.X = …` and `module.exports.X = …`.
fn bind_exports<'t>(src: &'t str, a: Node<'t>, bindings: &mut Bindings<'t>) {
    if a.kind() != "assignment_expression" {
        return;
    }
    let (Some(left), Some(right)) = (
        a.child_by_field_name("left"),
        a.child_by_field_name("right"),
    ) else {
        return;
    };
    if left.kind() != "member_expression" {
        return;
    }
    let object = left
        .child_by_field_name("object")
        .map(|o| value::text(src, o));
    let placeholder = matches!(right.kind(), "assignment_expression" | "undefined")
        || (right.kind() == "unary_expression" && value::text(src, right).starts_with("void"));
    if !placeholder && matches!(object, Some("exports" | "module.exports")) {
        if let Some(p) = left.child_by_field_name("property") {
            bindings.insert(value::text(src, p), right);
        }
    }
}

/// Extracts the declarations of one JavaScript/TypeScript file.
pub(crate) fn extract<'t>(file: &'t SourceFile, globals: &Globals<'t>, found: &mut Found) {
    if !has_trigger(&file.text) {
        return;
    }
    let Some(tree) = file.tree() else { return };
    let src = file.text.as_str();
    let mut bindings = Bindings::default();
    let mut calls = Vec::new();
    let mut news = Vec::new();
    let mut objects = Vec::new();
    value::walk(tree.root_node(), &mut |node| match node.kind() {
        "variable_declarator" => bind_declarator(src, node, &mut bindings),
        "call_expression" => calls.push(node),
        "new_expression" => news.push(node),
        "object" => objects.push(node),
        _ => {}
    });
    bindings.finish();
    let budget = Budget::default();
    let wrappers = RefCell::default();
    let ev = Eval {
        file,
        src,
        bindings: &bindings,
        globals,
        budget: &budget,
        wrappers: &wrappers,
    };
    for call in calls {
        ev.call(call, found);
    }
    for new in news {
        ev.instructions(new, found);
    }
    for object in objects {
        ev.tool_object(object, found);
    }
}

/// The constant evaluator over one file.
struct Eval<'e, 't> {
    file: &'t SourceFile,
    src: &'t str,
    bindings: &'e Bindings<'t>,
    globals: &'e Globals<'t>,
    budget: &'e Budget,
    /// Local functions already examined for registering a tool, by node id.
    wrappers: &'e RefCell<HashMap<usize, Option<Rc<Wrapper>>>>,
}

/// A local function that registers one tool from its parameters, as servers write to add
/// telemetry around every tool: `const tool = (name, title, description, shape, annotations, cb)
/// => server.registerTool(name, {title, description, inputSchema: z.object(shape),
/// annotations}, …)`. Indexes are positions among the function's parameters.
#[derive(Debug)]
struct Wrapper {
    name: usize,
    /// A `registerTool` config key and the parameter that fills it.
    config: Vec<(String, usize)>,
}

/// A resolved node, possibly in another file.
type Resolved<'e, 't> = (Eval<'e, 't>, Node<'t>);

impl<'e, 't> Eval<'e, 't> {
    fn text(&self, node: Node<'_>) -> &'t str {
        value::text(self.src, node)
    }

    fn line(node: Node<'_>) -> u32 {
        SourceFile::line_of(node)
    }

    fn same(&self) -> Eval<'e, 't> {
        self.in_file(self.file, self.bindings)
    }

    /// The evaluator over another file (or bundle window), sharing the budget and caches.
    fn in_file(&self, file: &'t SourceFile, bindings: &'e Bindings<'t>) -> Eval<'e, 't> {
        Eval {
            file,
            src: &file.text,
            bindings,
            globals: self.globals,
            budget: self.budget,
            wrappers: self.wrappers,
        }
    }

    /// Follows identifiers, wrappers and member accesses on constant objects to the node that
    /// defines a value.
    fn resolve(&self, node: Node<'t>, depth: u32) -> Option<Resolved<'e, 't>> {
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
                if let Some(bound) = self.local_binding(name, node) {
                    if bound.id() != node.id() {
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
                let (file, bindings, bound) = found?;
                self.in_file(file, bindings).resolve(bound, depth + 1)
            }
            "member_expression" => {
                let object = node.child_by_field_name("object")?;
                let property = self.text(node.child_by_field_name("property")?);
                // `require("./x.js").NAME`, a binding of it (also wrapped by a compiler's
                // `__importStar(require(…))`), or an ESM `import * as NS` namespace: a global name.
                let required = self
                    .resolve(object, depth + 1)
                    .is_some_and(|(ev, n)| ev.is_require(n, true));
                let namespace = object.kind() == "identifier"
                    && (self.text(object) == "exports"
                        || self.is_namespace_import(self.text(object)));
                if required || namespace {
                    let (file, bindings, bound) = self.globals.find_in_files(property, "")?;
                    return self.in_file(file, bindings).resolve(bound, depth + 1);
                }
                let (ev, obj) = self.resolve(object, depth + 1)?;
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
            _ => Some((self.same(), node)),
        }
    }

    /// `require(…)`, or (when `wrapped`) a helper call around one (`__importStar(require(…))`).
    fn is_require(&self, node: Node<'t>, wrapped: bool) -> bool {
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
    fn local_binding(&self, name: &str, usage: Node<'t>) -> Option<Node<'t>> {
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

    /// The imported name and module of a local name bound by `import { orig as name } from
    /// "module"` (or `import { name } from "module"`).
    fn import_of(&self, name: &str) -> Option<(&'t str, &'t str)> {
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

    /// Whether the file has `import * as NAME from …`.
    fn is_namespace_import(&self, name: &str) -> bool {
        let Some(tree) = self.file.tree() else {
            return false;
        };
        value::named_children(tree.root_node())
            .into_iter()
            .filter(|stmt| stmt.kind() == "import_statement")
            .flat_map(value::named_children)
            .filter(|c| c.kind() == "import_clause")
            .flat_map(value::named_children)
            .filter(|c| c.kind() == "namespace_import")
            .flat_map(value::named_children)
            .any(|id| id.kind() == "identifier" && self.text(id) == name)
    }

    /// The value node of `key` in an object literal (last one wins, spreads followed).
    fn pair(&self, object: Node<'t>, key: &str, depth: u32) -> Option<Node<'t>> {
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
    fn pairs(&self, object: Node<'t>, depth: u32) -> Vec<(String, Eval<'e, 't>, Node<'t>)> {
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

    fn key(&self, key: Node<'t>, depth: u32) -> Option<String> {
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
    fn string(&self, node: Node<'t>, depth: u32) -> Option<String> {
        match self.eval(node, depth)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Evaluates a constant expression to JSON. Objects and arrays keep what resolves.
    fn eval(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        if depth > MAX_DEPTH || !self.budget.step() {
            return None;
        }
        let (ev, node) = self.resolve(node, depth + 1)?;
        ev.eval_here(node, depth)
    }

    fn eval_here(&self, node: Node<'t>, depth: u32) -> Option<Value> {
        match node.kind() {
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
            "null" => Some(Value::Null),
            "unary_expression" => {
                let op = node.child_by_field_name("operator").map(|o| self.text(o));
                let arg = self.eval(node.child_by_field_name("argument")?, depth + 1)?;
                match (op, arg) {
                    (Some("-"), Value::Number(n)) => number(&format!("-{n}")),
                    (Some("!"), Value::Number(n)) => Some(Value::Bool(n.as_f64() == Some(0.0))),
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
    fn eval_call(&self, node: Node<'t>, depth: u32) -> Option<Value> {
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
        self.zod(node, depth).map(|z| z.schema)
    }

    /// A template literal; substitutions must resolve to constants.
    fn template(&self, node: Node<'t>, depth: u32) -> Option<String> {
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

    // ---- declarations ----

    fn call(&self, call: Node<'t>, found: &mut Found) {
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
            _ => {}
        }
    }

    /// v1 `tool(name, description?, paramsSchemaOrAnnotations?, annotations?, cb)`.
    fn sdk_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let [first, rest @ .., last] = argv else {
            return;
        };
        if !is_callback(*last) {
            return;
        }
        let Some(name) = self.string(*first, 0) else {
            return;
        };
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
    fn register_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let [first, config, ..] = argv else { return };
        let Some(name) = self.string(*first, 0) else {
            return;
        };
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
    fn wrapper_call(&self, call: Node<'t>, callee: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        // Only calls that look like one: `*tool*("literal name", …)`. Most bare calls in a
        // bundle are ordinary functions, and looking them up elsewhere parses windows.
        let callee_name = self.text(callee);
        if !callee_name.to_ascii_lowercase().contains("tool")
            || !argv
                .first()
                .is_some_and(|a| matches!(a.kind(), "string" | "template_string"))
        {
            return;
        }
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
    fn wrapper(&self, function: Node<'t>) -> Option<Wrapper> {
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
    fn add_tool(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
        let Some(first) = argv.first() else { return };
        let Some((ev, obj)) = self.resolve(*first, 0) else {
            return;
        };
        if obj.kind() != "object" {
            return;
        }
        let Some(name) = ev.pair(obj, "name", 0).and_then(|n| ev.string(n, 0)) else {
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
    /// `addTool` or a server's `tools` elsewhere), or a nameless `{description, inputSchema}` /
    /// `{description, parameters}` that is a value of a tool map keyed by tool name
    /// (`{list_tables: {…}}`, `{list_tables: tool({…})}`), which a loop registers at run time.
    fn tool_object(&self, object: Node<'t>, found: &mut Found) {
        let (mut input_schema, mut parameters, mut execute, mut description) =
            (false, false, false, false);
        let mut name_node = None;
        let mut parameters_is_list = false;
        for child in value::named_children(object) {
            let key = match child.kind() {
                "pair" => match child.child_by_field_name("key") {
                    Some(k) => self.text(k).trim_matches(['"', '\'']),
                    None => continue,
                },
                "method_definition" => child
                    .child_by_field_name("name")
                    .map_or("", |n| self.text(n)),
                _ => continue,
            };
            match key {
                "inputSchema" => input_schema = true,
                "parameters" => {
                    parameters = true;
                    parameters_is_list = child
                        .child_by_field_name("value")
                        .is_some_and(|v| v.kind() == "array");
                }
                "execute" => execute = true,
                // A schema's `properties` may have a property named `description`.
                "description" => {
                    description = child
                        .child_by_field_name("value")
                        .is_none_or(|v| !matches!(v.kind(), "object" | "array"));
                }
                "name" if child.kind() == "pair" => name_node = child.child_by_field_name("value"),
                _ => {}
            }
        }
        let (name, style) = match name_node {
            Some(node) => {
                let style = if input_schema {
                    "ts-sdk tool object"
                } else if parameters && execute && description {
                    "fastmcp tool object"
                } else {
                    return;
                };
                let Some(name) = self.string(node, 0) else {
                    return;
                };
                (name, style)
            }
            None if description && (input_schema || (parameters && !parameters_is_list)) => {
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
        self.fill(&mut tool, object, &["inputSchema", "parameters"]);
        found.tools.push(tool);
    }

    /// The key under which a nameless tool object sits in a tool map: the object is the
    /// value of a pair (`name: {…}`) or the first argument of a call that is (`name: tool({…})`).
    /// Maps of schema properties (`properties: {x: {description, …}}`) are not tool maps.
    fn tool_map_key(&self, object: Node<'t>) -> Option<String> {
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

    fn fill(&self, tool: &mut Tool, object: Node<'t>, schema_keys: &[&str]) {
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

    fn is_annotations(&self, node: Node<'t>) -> bool {
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

    fn prompt(&self, call: Node<'t>, method: &str, argv: &[Node<'t>], found: &mut Found) {
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

    fn add_prompt(&self, call: Node<'t>, argv: &[Node<'t>], found: &mut Found) {
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
    fn instructions(&self, new: Node<'t>, found: &mut Found) {
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

    // ---- schemas ----

    /// The JSON schema of a tool's `inputSchema` / `parameters` / schema argument.
    fn schema(&self, node: Node<'t>) -> Value {
        self.schema_opt(node, 0)
            .unwrap_or_else(mcp_audit_core::model::empty_object_schema)
    }

    fn schema_opt(&self, node: Node<'t>, depth: u32) -> Option<Value> {
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
    fn zod(&self, node: Node<'t>, depth: u32) -> Option<Zod> {
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

    fn zod_base(&self, method: &str, argv: &[Node<'t>], depth: u32) -> Option<Zod> {
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

    fn zod_modifier(&self, z: &mut Zod, method: &str, argv: &[Node<'t>], depth: u32) {
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
struct Zod {
    schema: Value,
    optional: bool,
}

fn object_schema(shape: Vec<(String, Zod)>) -> Value {
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

fn arguments(args: Node<'_>) -> Vec<Node<'_>> {
    value::named_children(args)
        .into_iter()
        .filter(|n| n.kind() != "comment")
        .collect()
}

fn is_callback(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "arrow_function"
            | "function_expression"
            | "function"
            | "identifier"
            | "member_expression"
            | "call_expression"
    )
}

/// Tool names are short identifiers; anything else is some other object with a `name`.
fn plausible_tool_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':'))
}

fn number(text: &str) -> Option<Value> {
    let cleaned = text.replace('_', "");
    if let Ok(i) = cleaned.parse::<i64>() {
        return Some(Value::from(i));
    }
    let f = cleaned.parse::<f64>().ok()?;
    if f.fract() == 0.0 && f.abs() < 9e15 {
        #[expect(clippy::cast_possible_truncation, reason = "integral and in range")]
        return Some(Value::from(f as i64));
    }
    serde_json::Number::from_f64(f).map(Value::Number)
}

/// `String(v)` for constants.
fn to_js_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".into()),
        _ => None,
    }
}

/// The `dedent` package: drop the first and last line when blank and the common indentation.
fn dedent(text: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(margin..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}
