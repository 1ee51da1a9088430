//! One pass over a source file: the calls it makes (with import aliases resolved), the string
//! literals it holds, its functions and their parameters, and its assignments. Every detector
//! works on these facts, so a file is walked once whatever the number of rules.
//!
//! Files too large or too minified to parse usefully get a lexical reading instead
//! ([`Facts::lexical`]): the same facts, found by patterns, without functions or data flow.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use mcp_audit_extract::source::{Lang, SourceFile};

/// Largest file parsed with tree-sitter; bigger files are read lexically.
pub(crate) const MAX_PARSE_BYTES: usize = 4 * 1024 * 1024;
/// Files whose average line is longer than this are minified bundles: read lexically.
pub(crate) const MINIFIED_LINE_BYTES: usize = 1_000;
/// Files up to this size are always walked; bigger ones only when they register tools.
pub(crate) const WALK_ALWAYS_BYTES: usize = 64 * 1024;
/// Signs that a file registers MCP tools (and so needs data-flow analysis).
static HANDLER_HINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\.(?:tool|registerTool|addTool|add_tool|AddTool|setRequestHandler|call_tool)\s*\(|#\[tool|CallToolRequest")
        .expect("valid regex")
});
/// Most characters of a string literal kept.
const MAX_LITERAL_CHARS: usize = 4_096;

/// A call (or `new`) expression.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    /// The callee with aliases resolved to module paths: `child_process.exec`, `subprocess.run`.
    pub canon: String,
    /// 1-based line.
    pub line: u32,
    /// Byte range of the whole call.
    pub range: (usize, usize),
    /// Byte range of the argument list.
    pub args: (usize, usize),
}

impl Call {
    /// The last segment of the callee: `exec` for `child_process.exec`.
    pub(crate) fn method(&self) -> &str {
        last_segment(&self.canon)
    }
}

/// A string literal (comments and docstrings excluded).
#[derive(Debug, Clone)]
pub(crate) struct Lit {
    /// The literal's content without quotes (escapes left as written).
    pub text: String,
    /// 1-based line.
    pub line: u32,
    /// Byte offset.
    pub start: usize,
}

/// A function, method or closure.
#[derive(Debug, Clone)]
pub(crate) struct Func {
    /// The function's name (empty for anonymous functions).
    pub name: String,
    /// Parameter names.
    pub params: Vec<String>,
    /// Byte range.
    pub range: (usize, usize),
    /// 1-based first line.
    pub line: u32,
    /// Whether it handles an MCP tool call (decorated `@mcp.tool`, passed to `server.tool(…)`,
    /// `#[tool]`, takes a `CallToolRequest`, …).
    pub handler: bool,
}

/// `names = value`.
#[derive(Debug, Clone)]
pub(crate) struct Assign {
    /// Names bound on the left.
    pub names: Vec<String>,
    /// Byte range of the value.
    pub value: (usize, usize),
}

/// Everything the detectors read about one file.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Calls in source order.
    pub calls: Vec<Call>,
    /// String literals in source order.
    pub lits: Vec<Lit>,
    /// Functions in source order (outer before inner).
    pub funcs: Vec<Func>,
    /// Assignments in source order.
    pub assigns: Vec<Assign>,
    /// Modules the file imports (`child_process`, `subprocess`, `os/exec`, `std::process`).
    pub imports: Vec<String>,
    /// The text with comments and docstrings blanked (same byte offsets as the source).
    pub code: String,
    /// Whether the file was read lexically (no syntax tree).
    pub lexical: bool,
}

impl Facts {
    /// The code text of a byte range.
    pub(crate) fn slice(&self, range: (usize, usize)) -> &str {
        self.code.get(range.0..range.1).unwrap_or("")
    }

    /// Whether the file imports `module` (or a submodule of it).
    pub(crate) fn imports_module(&self, module: &str) -> bool {
        self.imports.iter().any(|m| {
            m == module
                || m.strip_prefix(module)
                    .is_some_and(|rest| rest.starts_with(['.', '/', ':']))
        })
    }

    /// Reads a file: parsed when it has a grammar and is of a sensible size, else lexically.
    pub(crate) fn of(file: &SourceFile) -> Facts {
        if parse_worthy(file) {
            if let Some(tree) = file.tree() {
                return Walker::new(file).run(tree.root_node());
            }
        }
        Facts::lexical(file.lang, &file.text)
    }

    /// Reads a file by patterns only (huge, minified, shell, or unparsable files).
    pub(crate) fn lexical(lang: Lang, text: &str) -> Facts {
        static STRING: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r#""((?:[^"\\\n]|\\.)+)"|'((?:[^'\\\n]|\\.)+)'|`((?:[^`\\]|\\.)+)`"#)
                .expect("valid regex")
        });
        static CALL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:\bnew\s+)?([A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)*)\s*\(")
                .expect("valid regex")
        });
        let code = strip_comments(lang, text);
        let text = code.as_str();
        let mut facts = Facts {
            lexical: true,
            ..Facts::default()
        };
        let line_at = LineIndex::new(text);
        // `find_iter` (no capture groups) keeps the scan on the fast DFA.
        for m in STRING.find_iter(text) {
            let whole = m.as_str();
            let body = whole.get(1..whole.len() - 1).unwrap_or("");
            facts.lits.push(Lit {
                text: body.chars().take(MAX_LITERAL_CHARS).collect(),
                line: line_at.line(m.start() + 1),
                start: m.start() + 1,
            });
        }
        let aliases = aliases(lang, text, &mut facts.imports);
        for whole in CALL.find_iter(text) {
            let matched = whole.as_str();
            let callee = matched.trim_end_matches('(').trim_end();
            let callee = callee
                .strip_prefix("new")
                .filter(|rest| rest.starts_with(char::is_whitespace))
                .map_or(callee, str::trim_start);
            let open = whole.end();
            let close = matching_paren(text, open - 1).unwrap_or(open);
            facts.calls.push(Call {
                canon: canonical(callee, &aliases),
                line: line_at.line(whole.start()),
                range: (whole.start(), close),
                args: (open, close.saturating_sub(1).max(open)),
            });
        }
        facts.code = code;
        facts
    }
}

/// Whether a file is read with its syntax tree (not lexically): it has a grammar, is of a
/// sensible size, is not minified, is the package's own code (bundled dependencies are read
/// lexically: their indicators still count, but handlers and data flow live in the package's
/// code), and is small or registers tools (large files that register none need no data flow).
fn parse_worthy(file: &SourceFile) -> bool {
    let text = &file.text;
    let lines = text.bytes().filter(|b| *b == b'\n').count() + 1;
    let minified = text.len() / lines > MINIFIED_LINE_BYTES;
    let needs_flow = text.len() <= WALK_ALWAYS_BYTES || HANDLER_HINT.is_match(text);
    file.lang.grammar().is_some()
        && text.len() <= MAX_PARSE_BYTES
        && !minified
        && needs_flow
        && !is_dependency_path(&file.path)
}

/// Whether the semantic layer reads a file: a parsed file of a language it lowers, not a test.
pub(crate) fn semantic_candidate(file: &SourceFile) -> bool {
    matches!(
        file.lang,
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx | Lang::Python | Lang::Rust
    ) && parse_worthy(file)
        && !crate::analyze::code::correlate::test_file(&file.path)
}

/// Blanks comments (keeping byte offsets and newlines): `//` and `/* */` for C-like languages,
/// `#` for Python and shell, outside string literals. A lexical approximation (a JavaScript
/// regex literal containing `//` may blank the rest of its line).
fn strip_comments(lang: Lang, text: &str) -> String {
    let hash = matches!(lang, Lang::Python | Lang::Shell);
    let mut out = text.as_bytes().to_vec();
    let b = text.as_bytes();
    let mut i = 0;
    let mut quote: Option<u8> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == q || (c == b'\n' && q != b'`') {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            b'"' | b'\'' => quote = Some(c),
            b'`' if !hash => quote = Some(c),
            b'#' if hash => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
                continue;
            }
            b'/' if !hash && b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    out[i] = b' ';
                    i += 1;
                }
                continue;
            }
            b'/' if !hash && b.get(i + 1) == Some(&b'*') => {
                let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
                for k in out.iter_mut().take(end).skip(i) {
                    if *k != b'\n' {
                        *k = b' ';
                    }
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Third-party code shipped inside the package.
pub(crate) fn is_dependency_path(path: &str) -> bool {
    path.split('/').any(|c| {
        matches!(
            c,
            "node_modules" | "site-packages" | "bower_components" | "vendor" | ".venv" | "venv"
        )
    })
}

/// The byte just after the `)` matching the `(` at `open`, within a bounded distance.
fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for (i, b) in bytes.iter().enumerate().skip(open).take(1_024) {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Byte offset → 1-based line.
pub(crate) struct LineIndex(Vec<usize>);

impl LineIndex {
    pub(crate) fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex(starts)
    }

    pub(crate) fn line(&self, offset: usize) -> u32 {
        let i = self.0.partition_point(|s| *s <= offset);
        u32::try_from(i.max(1)).unwrap_or(u32::MAX)
    }
}

/// The last `.`/`::`-separated segment of a dotted name.
pub(crate) fn last_segment(name: &str) -> &str {
    name.rsplit(['.', ':']).next().unwrap_or(name)
}

/// Normalizes a callee's text and resolves its first segment through the file's aliases:
/// `cp.exec` → `child_process.exec`, `(0, import_fs.readFileSync)` → `fs.readFileSync`.
pub(crate) fn canonical(callee: &str, aliases: &HashMap<String, String>) -> String {
    static REQUIRE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^(?:require|__require|import)\(["'](?:node:)?([^"']+)["']\)?"#)
            .expect("valid regex")
    });
    // Called for every call site of a file: allocate only what changes.
    let spaced;
    let mut s: &str = if callee.contains(char::is_whitespace) {
        spaced = callee
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>();
        &spaced
    } else {
        callee
    };
    let unchained;
    if s.contains("?.") {
        unchained = s.replace("?.", ".");
        s = &unchained;
    }
    for prefix in ["(0,", "("] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
        }
    }
    s = s.trim_end_matches(')');
    let required;
    if s.starts_with("require(") || s.starts_with("__require(") || s.starts_with("import(") {
        required = REQUIRE.replace(s, "$1").into_owned();
        s = &required;
    }
    let (head, rest) = match s.find(['.', ':']) {
        Some(i) => s.split_at(i),
        None => (s, ""),
    };
    match aliases.get(head) {
        Some(target) => {
            let rest = rest.trim_start_matches(':');
            let rest = rest.trim_start_matches('.');
            if rest.is_empty() {
                target.clone()
            } else {
                format!("{target}.{rest}")
            }
        }
        None if s.contains("::") => s.replace("::", "."),
        None => s.to_string(),
    }
}

/// Import bindings of a file: local name → module path (`cp` → `child_process`,
/// `run` → `subprocess.run`). Also records imported modules.
pub(crate) fn aliases(
    lang: Lang,
    code: &str,
    imports: &mut Vec<String>,
) -> HashMap<String, String> {
    let mut map = HashMap::new();
    match lang {
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => js_aliases(code, &mut map, imports),
        Lang::Python => python_aliases(code, &mut map, imports),
        Lang::Rust => rust_aliases(code, &mut map, imports),
        Lang::Go => go_aliases(code, &mut map, imports),
        Lang::Shell => {}
    }
    imports.sort();
    imports.dedup();
    map
}

static JS_NS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([\w$]+)\s*=\s*(?:await\s+)?(?:[\w$]+\(\s*)?(?:require|__require|__webpack_require__|import)\(\s*(?:/\*[^*]*\*/\s*)?["'](?:node:)?([^"']+)["']\s*\)"#)
        .expect("valid regex")
});
static JS_DESTRUCTURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\{([^{}]*)\}\s*=\s*(?:await\s+)?(?:require|__require|import)\(\s*["'](?:node:)?([^"']+)["']\s*\)"#)
        .expect("valid regex")
});
static JS_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"import\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\*\s*as\s+([\w$]+))?\s*(?:\{([^}]*)\})?\s*from\s*["'](?:node:)?([^"']+)["']"#)
        .expect("valid regex")
});
static JS_REQUIRE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:require|import)\(\s*["'](?:node:)?([^"']+)["']\s*\)"#).expect("valid regex")
});
static PY_IMPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^[ \t]*import[ \t]+([\w., \t]+)$").expect("valid regex"));
static PY_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)")
        .expect("valid regex")
});
static RS_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\buse\s+([\w:]+?)(?:::\{([^}]*)\}|\s+as\s+(\w+))?\s*;").expect("valid regex")
});
static GO_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?m)^\s*(?:import\s+)?(?:(\w+)\s+)?"([\w./-]+)"\s*$"#).expect("valid regex")
});

fn strip_node(m: &str) -> String {
    m.trim_start_matches("node:").to_string()
}

fn js_aliases(code: &str, map: &mut HashMap<String, String>, imports: &mut Vec<String>) {
    let strip = strip_node;
    for c in JS_NS.captures_iter(code) {
        map.insert(c[1].to_string(), strip(&c[2]));
    }
    for c in JS_DESTRUCTURE.captures_iter(code) {
        let module = strip(&c[2]);
        for part in c[1].split(',') {
            let (orig, local) = match part.split_once(':') {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (part.trim(), part.trim()),
            };
            if !orig.is_empty() && is_ident(local) {
                map.insert(local.to_string(), format!("{module}.{orig}"));
            }
        }
    }
    for c in JS_IMPORT.captures_iter(code) {
        let module = strip(&c[4]);
        if let Some(d) = c.get(1) {
            map.insert(d.as_str().to_string(), module.clone());
        }
        if let Some(ns) = c.get(2) {
            map.insert(ns.as_str().to_string(), module.clone());
        }
        if let Some(named) = c.get(3) {
            for part in named.as_str().split(',') {
                let part = part.trim().trim_start_matches("type ");
                let (orig, local) = match part.split_once(" as ") {
                    Some((a, b)) => (a.trim(), b.trim()),
                    None => (part, part),
                };
                if !orig.is_empty() && is_ident(local) {
                    map.insert(local.to_string(), format!("{module}.{orig}"));
                }
            }
        }
        imports.push(module);
    }
    imports.extend(JS_REQUIRE.captures_iter(code).map(|c| strip(&c[1])));
}

fn python_aliases(code: &str, map: &mut HashMap<String, String>, imports: &mut Vec<String>) {
    for c in PY_IMPORT.captures_iter(code) {
        for part in c[1].split(',') {
            let part = part.trim();
            let (module, local) = match part.split_once(" as ") {
                Some((m, l)) => (m.trim(), l.trim()),
                None => (part, part.split('.').next().unwrap_or(part)),
            };
            if module.is_empty() {
                continue;
            }
            imports.push(module.to_string());
            if local != module {
                map.insert(local.to_string(), module.to_string());
            }
        }
    }
    for c in PY_FROM.captures_iter(code) {
        let module = c[1].to_string();
        let names = c[2].trim_matches(['(', ')']);
        for part in names.split([',', '\n']) {
            let part = part.split('#').next().unwrap_or("").trim();
            let (orig, local) = match part.split_once(" as ") {
                Some((a, b)) => (a.trim(), b.trim()),
                None => (part, part),
            };
            if !orig.is_empty() && orig != "*" && is_ident(local) {
                map.insert(local.to_string(), format!("{module}.{orig}"));
                imports.push(format!("{module}.{orig}"));
            }
        }
        imports.push(module);
    }
}

fn rust_aliases(code: &str, map: &mut HashMap<String, String>, imports: &mut Vec<String>) {
    for c in RS_USE.captures_iter(code) {
        let path = c[1].to_string();
        match (c.get(2), c.get(3)) {
            (Some(group), _) => {
                for part in group.as_str().split(',') {
                    let part = part.trim();
                    let (orig, local) = match part.split_once(" as ") {
                        Some((a, b)) => (a.trim(), b.trim()),
                        None => (part, last_segment(part)),
                    };
                    if !orig.is_empty() && is_ident(local) {
                        map.insert(local.to_string(), format!("{path}::{orig}"));
                    }
                }
            }
            (None, Some(alias)) => {
                map.insert(alias.as_str().to_string(), path.clone());
            }
            (None, None) => {
                map.insert(last_segment(&path).to_string(), path.clone());
            }
        }
        imports.push(path);
    }
    for v in map.values_mut() {
        *v = v.replace("::", ".");
    }
}

fn go_aliases(code: &str, map: &mut HashMap<String, String>, imports: &mut Vec<String>) {
    for c in GO_IMPORT.captures_iter(code) {
        let path = c[2].to_string();
        let local = c.get(1).map_or_else(
            || path.rsplit('/').next().unwrap_or(&path).to_string(),
            |m| m.as_str().to_string(),
        );
        if local != "_" && local != "." {
            map.insert(local, path.clone());
        }
        imports.push(path);
    }
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

/// The tree walk that collects [`Facts`].
struct Walker<'a> {
    file: &'a SourceFile,
    facts: Facts,
    aliases: HashMap<String, String>,
    /// Comment and docstring ranges to blank.
    blank: Vec<(usize, usize)>,
    /// Byte ranges of argument lists of tool-registration calls (`server.tool(…)`).
    registrations: Vec<(usize, usize)>,
}

impl<'a> Walker<'a> {
    fn new(file: &'a SourceFile) -> Walker<'a> {
        Walker {
            file,
            facts: Facts::default(),
            aliases: HashMap::new(),
            blank: Vec::new(),
            registrations: Vec::new(),
        }
    }

    fn run(mut self, root: tree_sitter::Node<'_>) -> Facts {
        let mut imports = Vec::new();
        self.aliases = aliases(self.file.lang, &self.file.text, &mut imports);
        self.facts.imports = imports;
        self.visit(root);
        // Pre-order already sorts calls by start; nested assignments may not be.
        self.facts.assigns.sort_by_key(|a| a.value.0);
        let mut code = self.file.text.clone().into_bytes();
        for (start, end) in &self.blank {
            for b in code.iter_mut().take(*end).skip(*start) {
                if *b != b'\n' {
                    *b = b' ';
                }
            }
        }
        // Blanking replaced whole bytes of multi-byte characters only inside comments; any
        // byte sequence left broken there is replaced, keeping offsets for ASCII text.
        self.facts.code = String::from_utf8(code)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.facts
    }

    fn text(&self, node: tree_sitter::Node<'_>) -> &'a str {
        self.file.node_text(node)
    }

    fn visit(&mut self, root: tree_sitter::Node<'_>) {
        // Iterative walk: deeply nested hostile code must not overflow the stack.
        let mut cursor = root.walk();
        loop {
            let node = cursor.node();
            self.enter(node);
            if self.descend(node) && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    /// Whether to walk into a node's children (not into comments and strings).
    fn descend(&self, node: tree_sitter::Node<'_>) -> bool {
        match node.kind() {
            "comment"
            | "line_comment"
            | "block_comment"
            | "string_literal"
            | "raw_string_literal"
            | "interpreted_string_literal" => false,
            "string" => self.file.lang == Lang::Python,
            _ => true,
        }
    }

    fn is_function(&self, node: tree_sitter::Node<'_>) -> bool {
        node.is_named()
            && matches!(
                node.kind(),
                "function_declaration"
                    | "function_expression"
                    | "generator_function_declaration"
                    | "generator_function"
                    | "arrow_function"
                    | "method_definition"
                    | "function_definition"
                    | "function_item"
                    | "closure_expression"
                    | "method_declaration"
                    | "func_literal"
            )
    }

    /// Records a node (a function node opens a scope, closed when the walk leaves it).
    fn enter(&mut self, node: tree_sitter::Node<'_>) {
        let kind = node.kind();
        match kind {
            "comment" | "line_comment" | "block_comment" => {
                self.blank.push((node.start_byte(), node.end_byte()));
            }
            // A bare string statement is a docstring: model text, not code.
            "expression_statement"
                if self.file.lang == Lang::Python
                    && node.named_child_count() == 1
                    && node
                        .named_child(0)
                        .is_some_and(|c| matches!(c.kind(), "string" | "concatenated_string")) =>
            {
                self.blank.push((node.start_byte(), node.end_byte()));
            }
            "string"
            | "template_string"
            | "string_literal"
            | "raw_string_literal"
            | "interpreted_string_literal"
                if !self.inside_blank(node.start_byte()) =>
            {
                self.literal(node);
            }
            "call_expression" | "call" | "new_expression" => self.call(node),
            "macro_invocation" => {
                if let Some(m) = node.child_by_field_name("macro") {
                    let args = node
                        .named_child(node.named_child_count().saturating_sub(1))
                        .map_or((node.end_byte(), node.end_byte()), |n| {
                            (n.start_byte(), n.end_byte())
                        });
                    let canon = canonical(&format!("{}!", self.text(m)), &self.aliases);
                    self.push_call(node, canon, args);
                }
            }
            "variable_declarator"
            | "assignment_expression"
            | "assignment"
            | "let_declaration"
            | "short_var_declaration"
            | "assignment_statement"
            | "augmented_assignment" => {
                self.assign(node);
            }
            _ if self.is_function(node) => self.function(node),
            _ => {}
        }
    }

    fn inside_blank(&self, at: usize) -> bool {
        self.blank.last().is_some_and(|(s, e)| *s <= at && at < *e)
    }

    fn literal(&mut self, node: tree_sitter::Node<'_>) {
        let raw = self.text(node);
        let body = strip_quotes(raw);
        let text: String = body.chars().take(MAX_LITERAL_CHARS).collect();
        self.facts.lits.push(Lit {
            text,
            line: SourceFile::line_of(node),
            start: node.start_byte(),
        });
    }

    fn call(&mut self, node: tree_sitter::Node<'_>) {
        let callee = node
            .child_by_field_name("function")
            .or_else(|| node.child_by_field_name("constructor"));
        let Some(callee) = callee else { return };
        let args = node
            .child_by_field_name("arguments")
            .map_or((node.end_byte(), node.end_byte()), |a| {
                (a.start_byte(), a.end_byte())
            });
        let text = self.text(callee);
        if text.len() > 200 {
            return;
        }
        let canon = canonical(text, &self.aliases);
        if matches!(
            last_segment(&canon),
            "tool" | "registerTool" | "addTool" | "setRequestHandler" | "add_tool" | "AddTool"
        ) {
            self.registrations.push(args);
        }
        self.push_call(node, canon, args);
    }

    fn push_call(&mut self, node: tree_sitter::Node<'_>, canon: String, args: (usize, usize)) {
        self.facts.calls.push(Call {
            canon,
            line: SourceFile::line_of(node),
            range: (node.start_byte(), node.end_byte()),
            args,
        });
    }

    fn assign(&mut self, node: tree_sitter::Node<'_>) {
        let left = node
            .child_by_field_name("name")
            .or_else(|| node.child_by_field_name("left"))
            .or_else(|| node.child_by_field_name("pattern"));
        let right = node
            .child_by_field_name("value")
            .or_else(|| node.child_by_field_name("right"));
        let (Some(left), Some(right)) = (left, right) else {
            return;
        };
        let mut names = Vec::new();
        collect_identifiers(left, self.file, &mut names);
        if names.is_empty() {
            return;
        }
        self.facts.assigns.push(Assign {
            names,
            value: (right.start_byte(), right.end_byte()),
        });
    }

    fn function(&mut self, node: tree_sitter::Node<'_>) {
        let mut params = Vec::new();
        let param_node = node
            .child_by_field_name("parameters")
            .or_else(|| node.child_by_field_name("parameter"));
        if let Some(p) = param_node {
            collect_identifiers(p, self.file, &mut params);
        }
        let start = node.start_byte();
        let mut handler = self
            .registrations
            .iter()
            .any(|(s, e)| *s <= start && node.end_byte() <= *e);
        match self.file.lang {
            Lang::Python => {
                // `@mcp.tool()` / `@server.call_tool()` on the enclosing decorated definition.
                if let Some(parent) = node.parent().filter(|p| p.kind() == "decorated_definition") {
                    let mut c = parent.walk();
                    handler |= parent.named_children(&mut c).any(|d| {
                        d.kind() == "decorator" && {
                            let t = self.text(d);
                            t.contains("tool") && !t.contains("tools_list")
                        }
                    });
                }
            }
            Lang::Rust => {
                let mut prev = node.prev_named_sibling();
                while let Some(p) = prev.filter(|p| p.kind() == "attribute_item") {
                    let t = self.text(p);
                    handler |= t.starts_with("#[tool") || t.contains("::tool");
                    prev = p.prev_named_sibling();
                }
            }
            Lang::Go => {
                handler |= param_node.is_some_and(|p| self.text(p).contains("CallToolRequest"));
            }
            _ => {}
        }
        let name = node
            .child_by_field_name("name")
            .or_else(|| {
                node.parent()
                    .filter(|p| p.kind() == "variable_declarator")
                    .and_then(|p| p.child_by_field_name("name"))
            })
            .map(|n| self.text(n).to_string())
            .unwrap_or_default();
        self.facts.funcs.push(Func {
            name,
            params,
            range: (start, node.end_byte()),
            line: SourceFile::line_of(node),
            handler,
        });
    }
}

/// Identifiers bound by a parameter list or a pattern (type annotations and defaults skipped).
fn collect_identifiers(node: tree_sitter::Node<'_>, file: &SourceFile, out: &mut Vec<String>) {
    let mut stack = vec![node];
    let mut seen = 0usize;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 512 {
            break;
        }
        match n.kind() {
            "identifier" | "shorthand_property_identifier_pattern" => {
                let name = file.node_text(n);
                if !matches!(name, "self" | "cls" | "this" | "ctx" | "context") {
                    out.push(name.to_string());
                }
                continue;
            }
            "type_annotation" | "type" | "type_identifier" | "qualified_type" | "pointer_type"
            | "generic_type" | "reference_type" | "decorator" => continue,
            _ => {}
        }
        // Skip default values and types by field name.
        let mut c = n.walk();
        for (i, child) in n.children(&mut c).enumerate() {
            let field = n.field_name_for_child(u32::try_from(i).unwrap_or(u32::MAX));
            if matches!(field, Some("type" | "value" | "return_type" | "default")) {
                continue;
            }
            stack.push(child);
        }
    }
    out.reverse();
}

/// A literal's content without its quotes and prefixes (`f"…"`, `r#"…"#`, `` `…` ``).
fn strip_quotes(raw: &str) -> &str {
    let s = raw.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '#');
    for q in ["\"\"\"", "'''", "\"", "'", "`"] {
        if let Some(inner) = s.strip_prefix(q) {
            let inner = inner.trim_end_matches('#');
            return inner.strip_suffix(q).unwrap_or(inner);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(lang: Lang, text: &str) -> Facts {
        Facts::of(&SourceFile::new("f", lang, text))
    }

    #[test]
    fn js_aliases_resolve_to_modules() {
        let f = facts(
            Lang::JavaScript,
            "const cp = require('node:child_process');\nimport { readFileSync as rf } from 'fs';\nvar import_os = __toESM(require(\"os\"));\n// cp.exec('commented')\ncp.exec(cmd);\nrf('/x');\n(0, import_os.homedir)();\n/re/.exec(s);\n",
        );
        let canon: Vec<&str> = f.calls.iter().map(|c| c.canon.as_str()).collect();
        assert!(canon.contains(&"child_process.exec"), "{canon:?}");
        assert!(canon.contains(&"fs.readFileSync"), "{canon:?}");
        assert!(canon.contains(&"os.homedir"), "{canon:?}");
        assert_eq!(
            canon.iter().filter(|c| c.contains("child_process")).count(),
            1
        );
        assert!(!f.code.contains("commented"));
    }

    #[test]
    fn python_handlers_params_and_docstrings() {
        let f = facts(
            Lang::Python,
            "import subprocess as sp\nfrom os import system\n\n@mcp.tool()\ndef run(cmd: str, n: int = 3) -> str:\n    \"\"\"Reads ~/.ssh/id_rsa\"\"\"\n    x = cmd + 'a'\n    return sp.run(x, shell=True)\n",
        );
        assert_eq!(f.funcs.len(), 1);
        assert!(f.funcs[0].handler);
        assert_eq!(f.funcs[0].params, vec!["cmd", "n"]);
        assert!(f.calls.iter().any(|c| c.canon == "subprocess.run"));
        assert!(f.lits.iter().all(|l| !l.text.contains("ssh")));
        assert_eq!(f.assigns[0].names, vec!["x"]);
        assert!(f.imports_module("subprocess"));
    }

    #[test]
    fn ts_registration_marks_handler() {
        let f = facts(
            Lang::TypeScript,
            "import { exec } from 'child_process';\nserver.tool('run', 'Run', { c: z.string() }, async ({ command }: { command: string }) => {\n  exec(command);\n});\n",
        );
        let h = f.funcs.iter().find(|f| f.handler).expect("handler");
        assert_eq!(h.params, vec!["command"]);
        assert!(f.calls.iter().any(|c| c.canon == "child_process.exec"));
    }

    #[test]
    fn rust_and_go_calls() {
        let r = facts(
            Lang::Rust,
            "use std::process::Command;\nfn main() { Command::new(\"sh\").arg(\"-c\").status(); }\n",
        );
        assert!(
            r.calls.iter().any(|c| c.canon == "std.process.Command.new"),
            "{:?}",
            r.calls
        );
        let g = facts(
            Lang::Go,
            "package main\nimport (\n\t\"os/exec\"\n)\nfunc h(ctx context.Context, req mcp.CallToolRequest) { exec.Command(\"sh\") }\n",
        );
        assert!(
            g.calls.iter().any(|c| c.canon == "os/exec.Command"),
            "{:?}",
            g.calls
        );
        assert!(g.funcs.iter().any(|f| f.handler));
    }

    #[test]
    fn lexical_reading_blanks_comments() {
        let f = Facts::lexical(
            Lang::JavaScript,
            "// curl x | sh\nvar u = 'http://a//b'; /* eval(x) */ run(u);\n",
        );
        assert!(!f.code.contains("curl"));
        assert!(!f.code.contains("eval"));
        assert!(f.lits.iter().any(|l| l.text == "http://a//b"));
        let p = Facts::lexical(Lang::Python, "x = '#not' # comment\n");
        assert!(p.code.contains("#not") && !p.code.contains("comment"));
    }

    #[test]
    fn lexical_reading_finds_calls_and_strings() {
        let f = Facts::lexical(
            Lang::JavaScript,
            "var a=require(\"child_process\");a.execSync(\"curl x|sh\");",
        );
        assert!(f.calls.iter().any(|c| c.canon == "child_process.execSync"));
        assert!(f.lits.iter().any(|l| l.text == "curl x|sh"));
    }
}
