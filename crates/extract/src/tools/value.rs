//! A small constant evaluator shared by the language extractors: string-literal decoding for each
//! language, docstring cleaning, and a per-file table of constant bindings so that identifiers can
//! be resolved to the literal they were bound to.
//!
//! Everything here works on tree-sitter nodes; nothing is executed. Anything that is not a
//! literal, a concatenation of literals, or a reference to one resolves to `None` ("dynamic").

use std::collections::HashMap;

use tree_sitter::Node;

/// How deep identifier and member references are followed (guards against cycles).
pub(crate) const MAX_DEPTH: u32 = 24;

/// Longest string the evaluator builds; longer concatenations resolve to nothing (dynamic).
pub(crate) const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// Evaluation steps allowed per file (or bundle window): references can branch (`a = b + b`), so
/// depth alone does not bound the work a hostile file can ask for.
pub(crate) const MAX_STEPS: u32 = 1_000_000;

/// A step counter; once spent, evaluation gives up (the value is dynamic).
#[derive(Debug, Default)]
pub(crate) struct Budget {
    used: std::cell::Cell<u32>,
}

impl Budget {
    /// Takes one step; `false` once the budget is spent.
    pub(crate) fn step(&self) -> bool {
        let used = self.used.get();
        if used >= MAX_STEPS {
            return false;
        }
        self.used.set(used + 1);
        true
    }
}

/// `a + b`, unless the result would be longer than [`MAX_TEXT_BYTES`].
pub(crate) fn concat(a: &str, b: &str) -> Option<String> {
    if a.len() + b.len() > MAX_TEXT_BYTES {
        return None;
    }
    let mut out = String::with_capacity(a.len() + b.len());
    out.push_str(a);
    out.push_str(b);
    Some(out)
}

/// Constant bindings of one file: name → every node bound to it, in source order.
#[derive(Debug, Default)]
pub(crate) struct Bindings<'t> {
    map: HashMap<&'t str, Vec<Node<'t>>>,
    /// `X.prop = value` / `X["prop"] = value` (a compiled TypeScript enum, an object filled
    /// after its declaration): (object, property) → values.
    members: HashMap<(&'t str, String), Vec<Node<'t>>>,
    /// `name = value` written after a declaration (`let categories = []; … categories =
    /// load()`): name → the assignments.
    reassigned: HashMap<&'t str, Vec<Node<'t>>>,
}

impl<'t> Bindings<'t> {
    /// Records `name = value`.
    pub(crate) fn insert(&mut self, name: &'t str, value: Node<'t>) {
        self.map.entry(name).or_default().push(value);
    }

    /// The binding of `name` that is nearest before `at` (a byte offset), else the first one.
    /// Minified bundles reuse short names in many scopes; the nearest preceding binding is the
    /// one in scope far more often than not.
    pub(crate) fn lookup(&self, name: &str, at: usize) -> Option<Node<'t>> {
        let all = self.map.get(name)?;
        let before = all.partition_point(|n| n.start_byte() <= at);
        if before > 0 {
            Some(all[before - 1])
        } else {
            all.first().copied()
        }
    }

    /// Every node bound to `name`, in source order (after [`Bindings::finish`]).
    pub(crate) fn all(&self, name: &str) -> &[Node<'t>] {
        self.map.get(name).map_or(&[], Vec::as_slice)
    }

    /// Records `object.property = value`.
    pub(crate) fn insert_member(&mut self, object: &'t str, property: String, value: Node<'t>) {
        self.members
            .entry((object, property))
            .or_default()
            .push(value);
    }

    /// The last value assigned to `object.property`.
    pub(crate) fn member(&self, object: &'t str, property: &str) -> Option<Node<'t>> {
        self.members
            .get(&(object, property.to_string()))
            .and_then(|v| v.last().copied())
    }

    /// Records an assignment `name = …` to a plain name.
    pub(crate) fn insert_reassignment(&mut self, name: &'t str, assignment: Node<'t>) {
        self.reassigned.entry(name).or_default().push(assignment);
    }

    /// The assignments `name = …` to a plain name.
    pub(crate) fn reassignments(&self, name: &str) -> &[Node<'t>] {
        self.reassigned.get(name).map_or(&[], Vec::as_slice)
    }

    /// The bound names.
    pub(crate) fn all_names(&self) -> impl Iterator<Item = &'t str> + '_ {
        self.map.keys().copied()
    }

    /// Sorts the bindings by position (call once after filling).
    pub(crate) fn finish(&mut self) {
        for nodes in self.map.values_mut() {
            nodes.sort_by_key(Node::start_byte);
        }
    }
}

/// Decodes the body of a JavaScript string or template literal (without its quotes).
#[must_use]
pub(crate) fn decode_js(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { break };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push('\0'),
            '\n' | '\u{2028}' | '\u{2029}' => {}
            'x' => push_hex(&mut out, &mut chars, 2),
            'u' => {
                if chars.peek() == Some(&'{') {
                    chars.next();
                    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    push_code(&mut out, u32::from_str_radix(&hex, 16).ok());
                } else {
                    push_utf16(&mut out, &mut chars);
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn take_hex(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize) -> Option<u32> {
    let mut value = 0u32;
    for _ in 0..n {
        let d = chars.peek()?.to_digit(16)?;
        chars.next();
        value = value * 16 + d;
    }
    Some(value)
}

fn push_hex(out: &mut String, chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize) {
    let code = take_hex(chars, n);
    push_code(out, code);
}

fn push_code(out: &mut String, code: Option<u32>) {
    out.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
}

/// `\uHHHH`, joining a surrogate pair written as two escapes.
fn push_utf16(out: &mut String, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    let Some(high) = take_hex(chars, 4) else {
        out.push('\u{fffd}');
        return;
    };
    if (0xD800..0xDC00).contains(&high) {
        let mut look = chars.clone();
        if look.next() == Some('\\') && look.next() == Some('u') {
            if let Some(low) = take_hex(&mut look, 4) {
                if (0xDC00..0xE000).contains(&low) {
                    *chars = look;
                    push_code(
                        out,
                        Some(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)),
                    );
                    return;
                }
            }
        }
    }
    push_code(out, Some(high));
}

/// Decodes a Python string body (without prefix and quotes). `raw` strings keep backslashes.
#[must_use]
pub(crate) fn decode_python(body: &str, raw: bool) -> String {
    let body = body.replace("\r\n", "\n");
    if raw {
        return body;
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            'x' => push_hex(&mut out, &mut chars, 2),
            'u' => push_hex(&mut out, &mut chars, 4),
            'U' => push_hex(&mut out, &mut chars, 8),
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                push_code(&mut out, Some(value));
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    out
}

/// Decodes a Rust or Go interpreted string body (without quotes).
#[must_use]
pub(crate) fn decode_c_like(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else { break };
        match e {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'x' => push_hex(&mut out, &mut chars, 2),
            'u' if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                push_code(&mut out, u32::from_str_radix(&hex, 16).ok());
            }
            'u' => push_hex(&mut out, &mut chars, 4),
            'U' => push_hex(&mut out, &mut chars, 8),
            // Rust: a backslash before a newline skips the newline and leading whitespace.
            '\n' => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Cleans a docstring the way Python's `inspect.cleandoc` does (what FastMCP and `inspect.getdoc`
/// show): tabs expanded, the first line stripped of leading blanks, the common indentation of the
/// other lines removed, and leading and trailing blank lines dropped.
#[must_use]
pub(crate) fn cleandoc(doc: &str) -> String {
    let expanded = expand_tabs(doc);
    let lines: Vec<&str> = expanded.split('\n').collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim_start().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    if let Some(first) = lines.first() {
        out.push(first.trim_start().to_string());
    }
    for line in lines.iter().skip(1) {
        out.push(
            line.get(margin..)
                .unwrap_or("")
                .trim_end_matches(' ')
                .to_string(),
        );
    }
    for line in &mut out {
        *line = line.trim_end().to_string();
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    while out.first().is_some_and(String::is_empty) {
        out.remove(0);
    }
    out.join("\n")
}

fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut col = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            '\n' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// Visits every node under `node` (pre-order).
pub(crate) fn walk<'t>(node: Node<'t>, visit: &mut impl FnMut(Node<'t>)) {
    let mut cursor = node.walk();
    'walk: loop {
        visit(cursor.node());
        if cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.node() == node {
                break 'walk;
            }
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
        }
    }
}

/// Like [`walk`], but does not descend below `max_depth` levels under `node`: tree-sitter's
/// `Node::parent` costs the depth of the node, so the extractors, which ask for parents of
/// the nodes they collect, would be quadratic on a file nested 100,000 levels deep. Returns
/// whether a subtree was left out.
pub(crate) fn walk_bounded<'t>(
    node: Node<'t>,
    max_depth: usize,
    visit: &mut impl FnMut(Node<'t>),
) -> bool {
    let mut cursor = node.walk();
    let mut depth = 0usize;
    let mut cut = false;
    'walk: loop {
        visit(cursor.node());
        if depth < max_depth {
            if cursor.goto_first_child() {
                depth += 1;
                continue;
            }
        } else if cursor.node().child_count() > 0 {
            cut = true;
        }
        loop {
            if depth == 0 {
                break 'walk;
            }
            if cursor.goto_next_sibling() {
                continue 'walk;
            }
            if !cursor.goto_parent() {
                break 'walk;
            }
            depth -= 1;
        }
    }
    cut
}

/// Named children of a node, collected.
pub(crate) fn named_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor).collect()
}

/// Text of a node inside `src`.
pub(crate) fn text<'s>(src: &'s str, node: Node<'_>) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// `read_only_hint` → `readOnlyHint` (SDK annotation names in Python and Rust).
pub(crate) fn snake_to_camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_escapes() {
        assert_eq!(decode_js(r"a\nb\t\x41\u0042\u{1F600}\'\\"), "a\nb\tAB😀'\\");
        assert_eq!(decode_js(r"\uD83D\uDE00"), "😀");
        assert_eq!(decode_js("line\\\ncont"), "linecont");
    }

    #[test]
    fn python_escapes() {
        assert_eq!(decode_python(r"a\nb\x41\u00e9\N", false), "a\nbAé\\N");
        assert_eq!(decode_python(r"a\nb", true), r"a\nb");
        assert_eq!(decode_python(r"\101", false), "A");
    }

    #[test]
    fn bounded_walk_visits_shallow_trees_whole_and_says_when_it_cuts() {
        use crate::source::{Lang, SourceFile};
        let shallow = SourceFile::new("a.py", Lang::Python, "x = f(g(1), [2, 3])\n");
        let tree = shallow.tree().unwrap();
        let (mut all, mut bounded) = (0, 0);
        walk(tree.root_node(), &mut |_| all += 1);
        let cut = walk_bounded(tree.root_node(), 256, &mut |_| bounded += 1);
        assert_eq!((all, cut), (bounded, false));
        // Each level of `f(…)` is two tree levels (call, argument list).
        let deep = format!("x = {}1{}\n", "f(".repeat(1_000), ")".repeat(1_000));
        let deep = SourceFile::new("b.py", Lang::Python, deep);
        let tree = deep.tree().unwrap();
        let mut calls = 0;
        let cut = walk_bounded(tree.root_node(), 256, &mut |n| {
            calls += usize::from(n.kind() == "call");
        });
        assert!(cut);
        assert!((100..=256).contains(&calls), "{calls}");
    }

    #[test]
    fn c_like_escapes() {
        assert_eq!(decode_c_like(r"a\n\u{e9}\x41\u00e9"), "a\néAé");
    }

    #[test]
    fn cleandoc_like_inspect() {
        let doc = "\n    Search notes.\n\n    Args:\n        q: the query\n    ";
        assert_eq!(cleandoc(doc), "Search notes.\n\nArgs:\n    q: the query");
        assert_eq!(cleandoc("One line."), "One line.");
        assert_eq!(
            cleandoc("First.\n  second\n    third"),
            "First.\nsecond\n  third"
        );
    }
}
