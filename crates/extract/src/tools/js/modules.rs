//! Names across the package's modules: what each file binds at top level, its imports and
//! exports, and the lazy cross-module index that finds the file binding a name.

use super::*;

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
pub(super) const MAX_GLOBALS_FILE_BYTES: usize = 4 * 1024 * 1024;

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

    pub(super) fn find(
        &self,
        name: &str,
        from: &SourceFile,
    ) -> Option<(&'a SourceFile, &Bindings<'a>, Node<'a>)> {
        if let Some(found) = self.find_in_files(name, &from.path) {
            return Some(found);
        }
        self.find_in_bundles(name, from)
    }

    pub(super) fn find_in_files(
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
    pub(super) fn find_in_module(
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
    pub(super) fn index_candidates(&self) -> HashMap<&'a str, Vec<usize>> {
        static DECLARED: OnceLock<regex::Regex> = OnceLock::new();
        let declared = DECLARED.get_or_init(|| {
            regex::Regex::new(
                r"\b(?:const|let|var|function|class)\s+[A-Za-z_$][\w$]*|,\s*[A-Za-z_$][\w$]*\s*(?::[^,;=()]{0,80})?=[^=>]|\bexports\s*\.\s*[A-Za-z_$][\w$]*|\bas\s+[A-Za-z_$][\w$]*",
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
    pub(super) fn find_in_bundles(
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
pub(super) fn relative_module_path(from: &str, module: &str) -> Option<String> {
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
pub(super) fn declared_name(m: &str) -> &str {
    let rest = m
        .strip_prefix(',')
        .or_else(|| {
            m.strip_prefix("exports")
                .map(|r| r.trim_start().trim_start_matches('.'))
        })
        .or_else(|| {
            ["const", "let", "var", "function", "class", "as"]
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
pub(super) fn top_level_bindings(file: &SourceFile) -> Bindings<'_> {
    let mut bindings = Bindings::default();
    let Some(tree) = file.tree() else {
        return bindings;
    };
    let src = file.text.as_str();
    // `export { local as exported }` (what bundlers emit for every chunk): after the pass.
    let mut renamed: Vec<(&str, &str)> = Vec::new();
    let mut mutable = false;
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
                mutable |= decl.kind() == "variable_declaration"
                    || value::text(src, decl).starts_with("let");
                for d in value::named_children(decl) {
                    bind_declarator(&file.text, d, &mut bindings);
                }
            }
            "function_declaration" | "class_declaration" => {
                bind_declarator(&file.text, decl, &mut bindings);
            }
            "expression_statement" => {
                if let Some(a) = decl.named_child(0) {
                    bind_exports(&file.text, a, &mut bindings);
                }
            }
            _ => {}
        }
    }
    if mutable {
        // `let x = …` at the top level may be assigned again anywhere in the module.
        value::walk(tree.root_node(), &mut |n| {
            if n.kind() == "assignment_expression" {
                if let Some(left) = n
                    .child_by_field_name("left")
                    .filter(|l| l.kind() == "identifier")
                {
                    bindings.insert_reassignment(value::text(src, left), n);
                }
            }
        });
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
pub(super) fn export_renames<'t>(src: &'t str, stmt: Node<'t>) -> Vec<(&'t str, &'t str)> {
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

pub(super) fn bind_declarator<'t>(src: &'t str, d: Node<'t>, bindings: &mut Bindings<'t>) {
    // `function name() {…}` and `class Name {…}`: the declaration itself.
    if matches!(d.kind(), "function_declaration" | "class_declaration") {
        if let Some(name) = d.child_by_field_name("name") {
            bindings.insert(value::text(src, name), d);
        }
        return;
    }
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
pub(super) fn bind_exports<'t>(src: &'t str, a: Node<'t>, bindings: &mut Bindings<'t>) {
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

/// `X.prop = "literal"` / `X["prop"] = "literal"`: members of an object filled after its
/// declaration, as TypeScript compiles an enum (`(function (E) { E["A"] = "a"; })(E || (E = {}))`).
pub(super) fn bind_member<'t>(src: &'t str, a: Node<'t>, bindings: &mut Bindings<'t>) {
    let (Some(left), Some(right)) = (
        a.child_by_field_name("left"),
        a.child_by_field_name("right"),
    ) else {
        return;
    };
    if left.kind() == "identifier" {
        bindings.insert_reassignment(value::text(src, left), a);
        return;
    }
    if !matches!(right.kind(), "string" | "number" | "template_string") {
        return;
    }
    let Some(object) = left
        .child_by_field_name("object")
        .filter(|o| o.kind() == "identifier")
    else {
        return;
    };
    let property = match left.kind() {
        "member_expression" => left
            .child_by_field_name("property")
            .map(|p| value::text(src, p).to_string()),
        "subscript_expression" => left
            .child_by_field_name("index")
            .filter(|i| i.kind() == "string")
            .map(|i| value::decode_js(value::text(src, i).trim_matches(['"', '\'']))),
        _ => None,
    };
    if let Some(property) = property {
        bindings.insert_member(value::text(src, object), property, right);
    }
}
