//! Lowering: one tree-sitter tree → one [`Module`] and its [`Function`]s.
//!
//! Each language has its own walker (`js`, `python`, `rust`); they share this context: the file,
//! the functions found so far, a nesting guard and string-escape decoding. Lowering recurses
//! over expressions and statements, but never deeper than [`MAX_DEPTH`] nodes: below that an
//! expression is [`Expr::Opaque`] (a hostile file nested ten thousand levels deep costs nothing).

mod js;
mod python;
mod rust;

use std::sync::Arc;

use tree_sitter::Node;

use super::ir::{FuncId, Function, Module, Param, Stmt};
use mcp_audit_extract::source::{Lang, SourceFile};

/// Deepest nesting lowered; deeper expressions are opaque.
pub(crate) const MAX_DEPTH: u32 = 96;
/// Most statements lowered per file (a generated 100k-line file is cut, not walked whole).
const MAX_STMTS: usize = 60_000;
/// Most macro argument lists re-parsed per file.
const MAX_REPARSES: usize = 3_000;
/// Longest string literal kept whole.
pub(crate) const MAX_STR: usize = 256 * 1024;

/// A lowered file: the module and the functions it defines (ids local to the file).
#[derive(Debug)]
pub(crate) struct Lowered {
    pub module: Module,
    pub funcs: Vec<Function>,
}

/// Lowers a parsed file; `None` for languages without a lowering (Go, shell).
pub(crate) fn lower(file: &SourceFile) -> Option<Lowered> {
    let tree = file.tree()?;
    let mut cx = Cx {
        file,
        funcs: Vec::new(),
        depth: 0,
        stmts: 0,
        line_base: 0,
        reparses: 0,
    };
    let root = tree.root_node();
    let (body, mods) = match file.lang {
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => (js::module(&mut cx, root), Vec::new()),
        Lang::Python => (python::module(&mut cx, root), Vec::new()),
        Lang::Rust => rust::module(&mut cx, root),
        Lang::Go | Lang::Shell => return None,
    };
    Some(Lowered {
        module: Module {
            path: file.path.clone(),
            lang: file.lang,
            body,
            mods,
        },
        funcs: cx.funcs,
    })
}

/// Lowers a snippet of code given as text (inline `node -e` code, decoded payloads) as if it
/// were a file of the language.
pub(crate) fn lower_text(path: &str, lang: Lang, text: &str) -> Option<Lowered> {
    let file = SourceFile::new(path, lang, text);
    lower(&file)
}

/// State shared by the walkers of one file.
pub(crate) struct Cx<'a> {
    pub file: &'a SourceFile,
    pub funcs: Vec<Function>,
    depth: u32,
    stmts: usize,
    /// Added to node rows: code re-parsed from a macro's tokens starts at the macro's line.
    line_base: u32,
    /// Macro argument lists re-parsed so far (bounded).
    reparses: usize,
}

impl<'a> Cx<'a> {
    pub(crate) fn text(&self, node: Node<'_>) -> &'a str {
        self.file.node_text(node)
    }

    pub(crate) fn line(&self, node: Node<'_>) -> u32 {
        self.line_base + SourceFile::line_of(node)
    }

    /// Enters one nesting level; `false` when too deep (the caller gives up on the node).
    pub(crate) fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            return false;
        }
        self.depth += 1;
        true
    }

    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Counts a statement; `false` once the file's budget is spent.
    pub(crate) fn count_stmt(&mut self) -> bool {
        self.stmts += 1;
        self.stmts <= MAX_STMTS
    }

    /// Registers a function (its body is filled in by the caller) and returns its id.
    pub(crate) fn add_func(&mut self, name: &str, line: u32) -> FuncId {
        self.funcs.push(Function {
            name: Arc::from(name),
            file: 0,
            params: Vec::new(),
            body: Vec::new(),
            line,
            handler: false,
            takes_self: false,
            owner: None,
            marks: Vec::new(),
        });
        self.funcs.len() - 1
    }

    /// Lowers `text` (code of the file's language, re-parsed on its own) as code found at
    /// `line` of this file. At most [`MAX_REPARSES`] per file; `None` past that.
    pub(crate) fn reparse<R>(
        &mut self,
        text: &str,
        line: u32,
        f: impl FnOnce(&mut Cx<'_>, Node<'_>) -> R,
    ) -> Option<R> {
        if self.reparses >= MAX_REPARSES || text.len() > MAX_STR {
            return None;
        }
        self.reparses += 1;
        let file = SourceFile::new(self.file.path.clone(), self.file.lang, text);
        let tree = file.tree()?;
        let mut sub = Cx {
            file: &file,
            funcs: std::mem::take(&mut self.funcs),
            depth: self.depth,
            stmts: self.stmts,
            line_base: line.saturating_sub(1),
            reparses: self.reparses,
        };
        let r = f(&mut sub, tree.root_node());
        self.funcs = sub.funcs;
        self.stmts = sub.stmts;
        self.reparses = sub.reparses;
        Some(r)
    }

    pub(crate) fn set_func(&mut self, id: FuncId, params: Vec<Param>, body: Vec<Stmt>) {
        if let Some(f) = self.funcs.get_mut(id) {
            f.params = params;
            f.body = body;
        }
    }
}

/// The named children of a node.
pub(crate) fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
    let mut c = node.walk();
    node.named_children(&mut c).collect()
}

/// Name text as a shared string.
pub(crate) fn name(s: &str) -> Arc<str> {
    Arc::from(s)
}

/// A string literal's value (without quotes), escapes decoded, capped at [`MAX_STR`].
pub(crate) fn cap(s: String) -> Arc<str> {
    if s.len() > MAX_STR {
        let mut end = MAX_STR;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        Arc::from(&s[..end])
    } else {
        Arc::from(s)
    }
}

/// Decodes backslash escapes as C-like languages write them (`\n`, `\t`, `\xNN`, `\uNNNN`,
/// `\u{N…}`, `\0`, octal, line continuations); unknown escapes keep the character.
pub(crate) fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
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
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            'a' => out.push('\u{7}'),
            '0' if !chars.peek().is_some_and(char::is_ascii_digit) => out.push('\0'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' => {
                let h: String = chars.by_ref().take(2).collect();
                match u32::from_str_radix(&h, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push_str("\\x");
                        out.push_str(&h);
                    }
                }
            }
            'u' => {
                let code = if chars.peek() == Some(&'{') {
                    chars.next();
                    let h: String = chars.by_ref().take_while(|c| *c != '}').take(8).collect();
                    u32::from_str_radix(&h, 16).ok()
                } else {
                    let h: String = chars.by_ref().take(4).collect();
                    u32::from_str_radix(&h, 16).ok()
                };
                out.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
            }
            'U' => {
                let h: String = chars.by_ref().take(8).collect();
                let code = u32::from_str_radix(&h, 16).ok();
                out.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
            }
            '\n' => {}
            other => out.push(other),
        }
    }
    out
}

/// A number literal's value (decimal, hex, octal, binary; `_` separators; suffixes dropped).
pub(crate) fn number(text: &str) -> Option<f64> {
    let mut t: String = text.chars().filter(|c| *c != '_').collect();
    for suffix in [
        "usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
        "f64", "f32", "n",
    ] {
        if t.len() > suffix.len() && t.ends_with(suffix) && !t.starts_with("0x") {
            t.truncate(t.len() - suffix.len());
            break;
        }
    }
    let lower = t.to_ascii_lowercase();
    if let Some(h) = lower.strip_prefix("0x") {
        let h = h.trim_end_matches(|c: char| !c.is_ascii_hexdigit());
        return u64::from_str_radix(h, 16).ok().map(|v| v as f64);
    }
    if let Some(o) = lower.strip_prefix("0o") {
        return u64::from_str_radix(o, 8).ok().map(|v| v as f64);
    }
    if let Some(b) = lower.strip_prefix("0b") {
        return u64::from_str_radix(b, 2).ok().map(|v| v as f64);
    }
    lower.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_decoded() {
        assert_eq!(unescape(r"a\nb\x41\u0042\u{43}\\"), "a\nbABC\\");
        assert_eq!(unescape(r"\101"), "A");
        assert_eq!(
            unescape(r"#!/bin/bash\nnc -l 4444 -e /bin/bash\n"),
            "#!/bin/bash\nnc -l 4444 -e /bin/bash\n"
        );
    }

    #[test]
    fn numbers_parse() {
        assert_eq!(number("0o755"), Some(493.0));
        assert_eq!(number("0x1F"), Some(31.0));
        assert_eq!(number("1_000"), Some(1000.0));
        assert_eq!(number("16u8"), Some(16.0));
        assert_eq!(number("2.5"), Some(2.5));
    }
}
