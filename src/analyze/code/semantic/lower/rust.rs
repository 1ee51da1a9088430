//! Rust → IR. Paths become member chains (`std::process::Command::new` is
//! `std.process.Command.new`), `impl` blocks give their functions an owner, `#[cfg(test)]`
//! items are skipped, and the arguments of `format!`-like macros are re-parsed from their tokens
//! (tree-sitter leaves macro arguments as token trees).

use std::sync::Arc;

use tree_sitter::Node;

use super::{cap, name, named_children, number, unescape, Cx};
use crate::analyze::code::semantic::ir::{
    Arg, BinOp, Call, ClassDef, Expr, Import, Param, Pattern, Stmt, Target, UnOp,
};

/// Returns the module's statements and its `mod x;` declarations.
pub(super) fn module(cx: &mut Cx<'_>, root: Node<'_>) -> (Vec<Stmt>, Vec<String>) {
    let mut out = Vec::new();
    let mut mods = Vec::new();
    items(cx, root, None, &mut out, &mut mods);
    (out, mods)
}

/// Whether an item is preceded by `#[cfg(test)]` (or is a `#[test]` function).
fn test_only(cx: &Cx<'_>, node: Node<'_>) -> bool {
    let mut prev = node.prev_named_sibling();
    while let Some(p) = prev.filter(|p| p.kind() == "attribute_item") {
        let t = cx.text(p);
        if t.contains("cfg(test)") || t == "#[test]" || t.starts_with("#[tokio::test") {
            return true;
        }
        prev = p.prev_named_sibling();
    }
    false
}

/// The attributes written before an item.
fn attributes(cx: &Cx<'_>, node: Node<'_>) -> Vec<Arc<str>> {
    let mut out = Vec::new();
    let mut prev = node.prev_named_sibling();
    while let Some(p) = prev.filter(|p| p.kind() == "attribute_item") {
        out.push(name(cx.text(p)));
        prev = p.prev_named_sibling();
    }
    out
}

fn items(
    cx: &mut Cx<'_>,
    node: Node<'_>,
    owner: Option<(Arc<str>, Option<Arc<str>>)>,
    out: &mut Vec<Stmt>,
    mods: &mut Vec<String>,
) {
    for item in named_children(node) {
        if test_only(cx, item) || !cx.count_stmt() {
            continue;
        }
        match item.kind() {
            "function_item" => {
                let n = item.child_by_field_name("name").map_or("", |n| cx.text(n));
                let id = function(cx, item, n, owner.clone());
                out.push(Stmt::Func(name(n), id));
            }
            "impl_item" => {
                let ty = item.child_by_field_name("type").map_or("", |t| cx.text(t));
                let ty = ty.split('<').next().unwrap_or(ty).trim();
                let tr = item.child_by_field_name("trait").map(|t| name(cx.text(t)));
                if let Some(body) = item.child_by_field_name("body") {
                    let mut methods = Vec::new();
                    items(cx, body, Some((name(ty), tr)), &mut methods, mods);
                    out.push(Stmt::Class(Arc::new(ClassDef {
                        name: name(ty),
                        bases: Vec::new(),
                        body: methods,
                    })));
                }
            }
            "mod_item" => {
                let n = item.child_by_field_name("name").map_or("", |n| cx.text(n));
                match item.child_by_field_name("body") {
                    Some(body) => items(cx, body, owner.clone(), out, mods),
                    None => mods.push(n.to_string()),
                }
            }
            "const_item" | "static_item" => {
                let n = item.child_by_field_name("name").map_or("", |n| cx.text(n));
                if let Some(v) = item.child_by_field_name("value") {
                    let value = expr(cx, v);
                    out.push(Stmt::Let(Pattern::Name(name(n)), Some(value)));
                }
            }
            "use_declaration" => {
                if let Some(arg) = item.child_by_field_name("argument") {
                    use_tree(cx, arg, "", out);
                }
            }
            "expression_statement" | "let_declaration" => stmt(cx, item, out),
            "macro_invocation" => out.push(Stmt::Expr(expr(cx, item))),
            _ => {}
        }
    }
}

fn use_tree(cx: &mut Cx<'_>, node: Node<'_>, prefix: &str, out: &mut Vec<Stmt>) {
    let join = |p: &str, s: &str| {
        if p.is_empty() {
            s.to_string()
        } else {
            format!("{p}::{s}")
        }
    };
    match node.kind() {
        "scoped_use_list" => {
            let path = node.child_by_field_name("path").map_or("", |p| cx.text(p));
            let full = join(prefix, path);
            if let Some(list) = node.child_by_field_name("list") {
                use_tree(cx, list, &full, out);
            }
        }
        "use_list" => {
            for c in named_children(node) {
                use_tree(cx, c, prefix, out);
            }
        }
        "use_as_clause" => {
            let path = node.child_by_field_name("path").map_or("", |p| cx.text(p));
            let alias = node.child_by_field_name("alias").map_or("", |a| cx.text(a));
            let full = join(prefix, path);
            push_use(out, &full, alias);
        }
        "use_wildcard" => {
            let path = cx.text(node).trim_end_matches("::*");
            out.push(Stmt::Import(Import::All {
                spec: name(&join(prefix, path)),
            }));
        }
        "self" => {
            let local = prefix.rsplit("::").next().unwrap_or(prefix);
            push_use(out, prefix, local);
        }
        _ => {
            let path = cx.text(node);
            let full = join(prefix, path);
            let local = full.rsplit("::").next().unwrap_or(&full).to_string();
            push_use(out, &full, &local);
        }
    }
}

fn push_use(out: &mut Vec<Stmt>, full: &str, local: &str) {
    match full.rsplit_once("::") {
        Some((spec, item)) => out.push(Stmt::Import(Import::Named {
            local: name(local),
            spec: name(spec),
            name: name(item),
        })),
        None => out.push(Stmt::Import(Import::Module {
            local: name(local),
            spec: name(full),
            default: false,
        })),
    }
}

fn function(
    cx: &mut Cx<'_>,
    node: Node<'_>,
    fname: &str,
    owner: Option<(Arc<str>, Option<Arc<str>>)>,
) -> usize {
    let marks = attributes(cx, node);
    let id = cx.add_func(fname, cx.line(node));
    let mut takes_self = false;
    let mut ps = Vec::new();
    let mut request_param = false;
    if let Some(p) = node.child_by_field_name("parameters") {
        for param in named_children(p) {
            match param.kind() {
                "self_parameter" => takes_self = true,
                "parameter" => {
                    let ty = param.child_by_field_name("type").map_or("", |t| cx.text(t));
                    request_param |= ty.contains("CallToolRequest");
                    let pat = param
                        .child_by_field_name("pattern")
                        .map_or(Pattern::Ignore, |p| pattern(cx, p));
                    ps.push(Param {
                        pattern: pat,
                        default: None,
                        rest: false,
                        kwrest: false,
                    });
                }
                _ => {}
            }
        }
    }
    let body = node
        .child_by_field_name("body")
        .map_or_else(Vec::new, |b| fn_body(cx, b));
    let handler = marks
        .iter()
        .any(|m| m.starts_with("#[tool") || m.contains("::tool"))
        || request_param
        || (fname == "call_tool"
            && owner
                .as_ref()
                .is_some_and(|(_, tr)| tr.as_ref().is_some_and(|t| t.contains("ServerHandler"))));
    let mut marks = marks;
    if let Some((_, Some(tr))) = &owner {
        marks.push(name(&format!("impl {tr}")));
    }
    if let Some(f) = cx.funcs.get_mut(id) {
        f.takes_self = takes_self;
        f.owner = owner.map(|(t, _)| t);
        f.handler = handler;
        f.marks = marks;
    }
    cx.set_func(id, ps, body);
    id
}

/// A function body: its statements, the tail expression returned.
fn fn_body(cx: &mut Cx<'_>, block: Node<'_>) -> Vec<Stmt> {
    let children = named_children(block);
    // A block-like expression (`match`, `if`, a block) ending the body without `;` is parsed
    // as a statement, but it is the function's value.
    if let Some(last) = children.last().copied() {
        let inner = last.named_child(0);
        if last.kind() == "expression_statement"
            && !cx.text(last).trim_end().ends_with(';')
            && inner.is_some_and(|i| {
                matches!(
                    i.kind(),
                    "match_expression" | "if_expression" | "block" | "unsafe_block" | "async_block"
                )
            })
        {
            let mut out = Vec::new();
            for c in &children[..children.len() - 1] {
                stmt(cx, *c, &mut out);
            }
            if let Some(i) = inner {
                out.push(Stmt::Return(Some(expr(cx, i))));
            }
            return out;
        }
    }
    let mut out = block_stmts(cx, block);
    if let Some(Stmt::Expr(_)) = out.last() {
        if tail_expression(block) {
            if let Some(Stmt::Expr(e)) = out.pop() {
                out.push(Stmt::Return(Some(e)));
            }
        }
    }
    out
}

/// Whether a block ends with an expression (its value) rather than a statement.
fn tail_expression(block: Node<'_>) -> bool {
    let last = named_children(block).into_iter().last();
    last.is_some_and(|l| {
        !matches!(
            l.kind(),
            "expression_statement"
                | "let_declaration"
                | "function_item"
                | "use_declaration"
                | "const_item"
                | "static_item"
                | "line_comment"
                | "block_comment"
        )
    })
}

fn block_stmts(cx: &mut Cx<'_>, block: Node<'_>) -> Vec<Stmt> {
    let mut out = Vec::new();
    for c in named_children(block) {
        stmt(cx, c, &mut out);
    }
    out
}

fn stmt(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    if !cx.count_stmt() || !cx.enter() {
        return;
    }
    match node.kind() {
        "let_declaration" => {
            let pat = node
                .child_by_field_name("pattern")
                .map_or(Pattern::Ignore, |p| pattern(cx, p));
            let mut value = node.child_by_field_name("value").map(|v| expr(cx, v));
            if matches!(pat, Pattern::Ignore) {
                if let Some(v) = value.as_mut() {
                    super::js::discard(v);
                }
            }
            out.push(Stmt::Let(pat, value));
            if let Some(alt) = node.child_by_field_name("alternative") {
                out.push(Stmt::If(
                    Expr::Opaque(Vec::new()),
                    block_stmts(cx, alt),
                    Vec::new(),
                ));
            }
        }
        "expression_statement" => {
            if let Some(e) = node.named_child(0) {
                expression_statement(cx, e, out);
            }
        }
        "function_item" | "use_declaration" | "const_item" | "static_item" | "impl_item"
        | "mod_item" => {
            let mut mods = Vec::new();
            // An item inside a block: lower it like a module item.
            let parent_like = node;
            items_single(cx, parent_like, out, &mut mods);
        }
        "line_comment" | "block_comment" | "attribute_item" => {}
        _ => out.push(Stmt::Expr(expr(cx, node))),
    }
    cx.leave();
}

fn items_single(cx: &mut Cx<'_>, item: Node<'_>, out: &mut Vec<Stmt>, mods: &mut Vec<String>) {
    match item.kind() {
        "function_item" => {
            let n = item.child_by_field_name("name").map_or("", |n| cx.text(n));
            let id = function(cx, item, n, None);
            out.push(Stmt::Func(name(n), id));
        }
        "use_declaration" => {
            if let Some(arg) = item.child_by_field_name("argument") {
                use_tree(cx, arg, "", out);
            }
        }
        "const_item" | "static_item" => {
            let n = item.child_by_field_name("name").map_or("", |n| cx.text(n));
            if let Some(v) = item.child_by_field_name("value") {
                let value = expr(cx, v);
                out.push(Stmt::Let(Pattern::Name(name(n)), Some(value)));
            }
        }
        _ => {
            let _ = mods;
        }
    }
}

fn expression_statement(cx: &mut Cx<'_>, e: Node<'_>, out: &mut Vec<Stmt>) {
    match e.kind() {
        "assignment_expression" => {
            let (Some(l), Some(r)) = (
                e.child_by_field_name("left"),
                e.child_by_field_name("right"),
            ) else {
                return;
            };
            let value = expr(cx, r);
            let t = target(cx, l);
            out.push(Stmt::Assign(t, value));
        }
        "compound_assignment_expr" => {
            let (Some(l), Some(r)) = (
                e.child_by_field_name("left"),
                e.child_by_field_name("right"),
            ) else {
                return;
            };
            let op = match e.child_by_field_name("operator").map_or("", |o| cx.text(o)) {
                "+=" => BinOp::Add,
                "-=" => BinOp::Sub,
                "^=" => BinOp::BitXor,
                "|=" => BinOp::BitOr,
                "&=" => BinOp::BitAnd,
                "*=" => BinOp::Mul,
                _ => BinOp::Other,
            };
            let value = expr(cx, r);
            let t = target(cx, l);
            out.push(Stmt::AugAssign(t, op, value));
        }
        "return_expression" => {
            out.push(Stmt::Return(e.named_child(0).map(|v| expr(cx, v))));
        }
        "if_expression" => out.push(if_stmt(cx, e)),
        "while_expression" => {
            let cond = e
                .child_by_field_name("condition")
                .map_or(Expr::Bool(true), |c| condition(cx, c));
            let body = e
                .child_by_field_name("body")
                .map_or_else(Vec::new, |b| block_stmts(cx, b));
            out.push(Stmt::While(cond, body));
        }
        "loop_expression" => {
            let body = e
                .child_by_field_name("body")
                .map_or_else(Vec::new, |b| block_stmts(cx, b));
            out.push(Stmt::While(Expr::Opaque(Vec::new()), body));
        }
        "for_expression" => {
            let pat = e
                .child_by_field_name("pattern")
                .map_or(Pattern::Ignore, |p| pattern(cx, p));
            let value = e
                .child_by_field_name("value")
                .map_or(Expr::Null, |v| expr(cx, v));
            let body = e
                .child_by_field_name("body")
                .map_or_else(Vec::new, |b| block_stmts(cx, b));
            out.push(Stmt::For(pat, value, body));
        }
        "block" | "unsafe_block" | "async_block" => {
            let b = if e.kind() == "block" {
                Some(e)
            } else {
                e.named_child(0)
            };
            if let Some(b) = b {
                out.push(Stmt::Block(block_stmts(cx, b)));
            }
        }
        _ => {
            let mut x = expr(cx, e);
            super::js::discard(&mut x);
            out.push(Stmt::Expr(x));
        }
    }
}

fn if_stmt(cx: &mut Cx<'_>, e: Node<'_>) -> Stmt {
    let cond = e
        .child_by_field_name("condition")
        .map_or(Expr::Null, |c| condition(cx, c));
    let then = e
        .child_by_field_name("consequence")
        .map_or_else(Vec::new, |b| block_stmts(cx, b));
    let alt = e
        .child_by_field_name("alternative")
        .and_then(|a| a.named_child(0))
        .map_or_else(Vec::new, |a| {
            if a.kind() == "if_expression" {
                vec![if_stmt(cx, a)]
            } else {
                block_stmts(cx, a)
            }
        });
    Stmt::If(cond, then, alt)
}

/// An `if`/`while` condition; `let` conditions bind their pattern.
fn condition(cx: &mut Cx<'_>, c: Node<'_>) -> Expr {
    match c.kind() {
        "let_condition" => {
            let pat = c
                .child_by_field_name("pattern")
                .map_or(Pattern::Ignore, |p| pattern(cx, p));
            let value = c
                .child_by_field_name("value")
                .map_or(Expr::Null, |v| expr(cx, v));
            Expr::Block(vec![
                Stmt::Let(pat, Some(value)),
                Stmt::Expr(Expr::Opaque(Vec::new())),
            ])
        }
        "let_chain" => {
            let mut stmts = Vec::new();
            for part in named_children(c) {
                let e = condition(cx, part);
                stmts.push(Stmt::Expr(e));
            }
            stmts.push(Stmt::Expr(Expr::Opaque(Vec::new())));
            Expr::Block(stmts)
        }
        _ => expr(cx, c),
    }
}

fn target(cx: &mut Cx<'_>, node: Node<'_>) -> Target {
    match node.kind() {
        "field_expression" => {
            let obj = node
                .child_by_field_name("value")
                .map_or(Expr::Null, |v| expr(cx, v));
            let f = node.child_by_field_name("field").map_or("", |f| cx.text(f));
            Target::Member(obj, name(f))
        }
        "index_expression" => {
            let parts = named_children(node);
            let a = parts.first().map_or(Expr::Null, |p| expr(cx, *p));
            let b = parts.get(1).map_or(Expr::Null, |p| expr(cx, *p));
            Target::Index(a, b)
        }
        "unary_expression" => node
            .named_child(0)
            .map_or(Target::Pattern(Pattern::Ignore), |n| target(cx, n)),
        _ => Target::Pattern(pattern(cx, node)),
    }
}

fn pattern(cx: &mut Cx<'_>, node: Node<'_>) -> Pattern {
    if !cx.enter() {
        return Pattern::Ignore;
    }
    let p = match node.kind() {
        "identifier" => {
            let t = cx.text(node);
            if t == "_" {
                Pattern::Ignore
            } else {
                Pattern::Name(name(t))
            }
        }
        "mut_pattern" | "ref_pattern" | "reference_pattern" => named_children(node)
            .into_iter()
            .find(|c| c.kind() != "mutable_specifier")
            .map_or(Pattern::Ignore, |c| pattern(cx, c)),
        "captured_pattern" => node
            .named_child(0)
            .map_or(Pattern::Ignore, |c| pattern(cx, c)),
        "tuple_pattern" | "slice_pattern" => Pattern::Seq(
            named_children(node)
                .into_iter()
                .map(|c| pattern(cx, c))
                .collect(),
            None,
        ),
        "tuple_struct_pattern" => {
            let inner: Vec<Pattern> = named_children(node)
                .into_iter()
                .skip(1)
                .map(|c| pattern(cx, c))
                .collect();
            match inner.len() {
                1 => Pattern::Wrap(Box::new(
                    inner.into_iter().next().unwrap_or(Pattern::Ignore),
                )),
                _ => Pattern::Seq(inner, None),
            }
        }
        "struct_pattern" => {
            let mut props = Vec::new();
            for f in named_children(node)
                .into_iter()
                .filter(|f| f.kind() == "field_pattern")
            {
                let n = f.child_by_field_name("name").map_or("", |n| cx.text(n));
                let p = f
                    .child_by_field_name("pattern")
                    .map_or_else(|| Pattern::Name(name(n)), |p| pattern(cx, p));
                props.push((name(n), p));
            }
            Pattern::Object(props, None)
        }
        _ => Pattern::Ignore,
    };
    cx.leave();
    p
}

fn expr(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    if !cx.enter() {
        return Expr::Opaque(Vec::new());
    }
    let e = expr_inner(cx, node);
    cx.leave();
    e
}

fn path(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let text = cx.text(node);
    let mut parts = text
        .split("::")
        .map(|p| p.split('<').next().unwrap_or(p).trim());
    let first = parts.next().unwrap_or("");
    let mut e = Expr::name(first);
    for p in parts.filter(|p| !p.is_empty()) {
        e = Expr::member(e, p);
    }
    e
}

fn expr_inner(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    match node.kind() {
        "identifier" | "self" | "crate" | "super" => Expr::Name(name(cx.text(node))),
        "scoped_identifier" | "scoped_type_identifier" | "type_identifier" => path(cx, node),
        "generic_function" => field("function").map_or(Expr::Null, |f| expr(cx, f)),
        "string_literal" | "raw_string_literal" | "char_literal" | "integer_literal"
        | "float_literal" | "boolean_literal" => literal(cx, node),
        "unit_expression" => Expr::Null,
        "field_expression" => {
            let v = field("value").map_or(Expr::Null, |v| expr(cx, v));
            let f = field("field").map_or("", |f| cx.text(f));
            Expr::Member(Box::new(v), name(f))
        }
        "index_expression" => {
            let parts = named_children(node);
            let a = parts.first().map_or(Expr::Null, |p| expr(cx, *p));
            let b = parts.get(1).map_or(Expr::Null, |p| expr(cx, *p));
            Expr::Index(Box::new(a), Box::new(b))
        }
        "range_expression" => {
            let parts = named_children(node);
            let text = cx.text(node);
            let (a, b) = match parts.len() {
                2 => (Some(parts[0]), Some(parts[1])),
                1 if text.trim_start().starts_with("..") => (None, Some(parts[0])),
                1 => (Some(parts[0]), None),
                _ => (None, None),
            };
            Expr::Range(
                a.map(|a| Box::new(expr(cx, a))),
                b.map(|b| Box::new(expr(cx, b))),
            )
        }
        "call_expression" => {
            let callee = field("function").map_or(Expr::Null, |f| expr(cx, f));
            let args = field("arguments")
                .map(|a| {
                    named_children(a)
                        .into_iter()
                        .filter(|c| c.kind() != "attribute_item")
                        .map(|c| Arg::pos(expr(cx, c)))
                        .collect()
                })
                .unwrap_or_default();
            Expr::Call(Box::new(Call {
                callee,
                args,
                line: cx.line(node),
                new: false,
                discarded: false,
            }))
        }
        "macro_invocation" => macro_call(cx, node),
        "binary_expression" => binary(cx, node),
        "unary_expression" => {
            let text = cx.text(node);
            let arg = node.named_child(0).map_or(Expr::Null, |a| expr(cx, a));
            if text.starts_with('!') {
                Expr::Unary(UnOp::Not, Box::new(arg))
            } else if text.starts_with('-') {
                Expr::Unary(UnOp::Neg, Box::new(arg))
            } else {
                arg
            }
        }
        "reference_expression" => field("value").map_or(Expr::Null, |v| expr(cx, v)),
        "try_expression" | "await_expression" | "parenthesized_expression" => {
            node.named_child(0).map_or(Expr::Null, |c| expr(cx, c))
        }
        "type_cast_expression" => field("value").map_or(Expr::Null, |v| expr(cx, v)),
        "array_expression" | "tuple_expression" => Expr::Array(
            named_children(node)
                .into_iter()
                .filter(|c| c.kind() != "attribute_item")
                .map(|c| expr(cx, c))
                .collect(),
        ),
        "struct_expression" => struct_literal(cx, node),
        "closure_expression" => closure(cx, node),
        "block" => Expr::Block(block_stmts(cx, node)),
        "async_block" | "unsafe_block" | "const_block" => node
            .named_child(0)
            .map_or(Expr::Null, |b| Expr::Block(block_stmts(cx, b))),
        "if_expression" => {
            let cond = field("condition").map_or(Expr::Null, |c| condition(cx, c));
            let then = field("consequence").map_or(Expr::Null, |b| Expr::Block(block_stmts(cx, b)));
            let alt = field("alternative")
                .and_then(|a| a.named_child(0))
                .map_or(Expr::Null, |a| expr(cx, a));
            Expr::Cond(Box::new(cond), Box::new(then), Box::new(alt))
        }
        "match_expression" => match_expr(cx, node),
        "return_expression" => {
            Expr::Block(vec![Stmt::Return(node.named_child(0).map(|v| expr(cx, v)))])
        }
        "while_expression"
        | "loop_expression"
        | "for_expression"
        | "assignment_expression"
        | "compound_assignment_expr" => {
            let mut stmts = Vec::new();
            expression_statement(cx, node, &mut stmts);
            Expr::Block(stmts)
        }
        _ => Expr::Opaque(
            named_children(node)
                .into_iter()
                .filter(|c| !c.kind().contains("type") && c.kind() != "attribute_item")
                .map(|c| expr(cx, c))
                .collect(),
        ),
    }
}

/// A literal's value.
fn literal(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    match node.kind() {
        "string_literal" => {
            let mut s = String::new();
            let mut c = node.walk();
            for child in node.named_children(&mut c) {
                match child.kind() {
                    "escape_sequence" => s.push_str(&unescape(cx.text(child))),
                    _ => s.push_str(cx.text(child)),
                }
            }
            Expr::Str(cap(s))
        }
        "raw_string_literal" => Expr::Str(cap(node
            .named_child(0)
            .map_or("", |c| cx.text(c))
            .to_string())),
        "char_literal" => {
            let t = cx.text(node);
            Expr::Str(name(&unescape(
                t.get(1..t.len().saturating_sub(1)).unwrap_or(""),
            )))
        }
        "integer_literal" | "float_literal" => {
            number(cx.text(node)).map_or(Expr::Opaque(Vec::new()), Expr::Num)
        }
        "boolean_literal" => Expr::Bool(cx.text(node) == "true"),
        _ => Expr::Null,
    }
}

/// `a op b`.
fn binary(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    let op = field("operator").map_or("", |o| cx.text(o));
    let l = field("left").map_or(Expr::Null, |l| expr(cx, l));
    let r = field("right").map_or(Expr::Null, |r| expr(cx, r));
    let op = match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Mod,
        "^" => BinOp::BitXor,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        "||" => BinOp::Or,
        "&&" => BinOp::And,
        "==" => BinOp::Eq,
        "!=" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        _ => BinOp::Other,
    };
    Expr::Bin(op, Box::new(l), Box::new(r))
}

/// `T { a, b: x }`.
fn struct_literal(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    let ty = field("name").map_or("", |n| cx.text(n));
    let ty = ty
        .split('<')
        .next()
        .unwrap_or(ty)
        .rsplit("::")
        .next()
        .unwrap_or(ty);
    let mut fields = Vec::new();
    if let Some(body) = field("body") {
        for f in named_children(body) {
            match f.kind() {
                "shorthand_field_initializer" => {
                    let n = f.named_child(0).map_or("", |n| cx.text(n));
                    fields.push((name(n), Expr::name(n)));
                }
                "field_initializer" => {
                    let n = f.child_by_field_name("field").map_or("", |n| cx.text(n));
                    let v = f
                        .child_by_field_name("value")
                        .map_or(Expr::Null, |v| expr(cx, v));
                    fields.push((name(n), v));
                }
                _ => {}
            }
        }
    }
    Expr::Struct(name(ty), fields)
}

/// `|x| body`.
fn closure(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    let id = cx.add_func("", cx.line(node));
    let mut ps = Vec::new();
    if let Some(p) = field("parameters") {
        for param in named_children(p) {
            let pat = if param.kind() == "parameter" {
                param
                    .child_by_field_name("pattern")
                    .map_or(Pattern::Ignore, |p| pattern(cx, p))
            } else {
                pattern(cx, param)
            };
            ps.push(Param {
                pattern: pat,
                default: None,
                rest: false,
                kwrest: false,
            });
        }
    }
    let body = match field("body") {
        Some(b) if b.kind() == "block" => fn_body(cx, b),
        Some(b) => vec![Stmt::Return(Some(expr(cx, b)))],
        None => Vec::new(),
    };
    cx.set_func(id, ps, body);
    Expr::Lambda(id)
}

/// `match v { p1 => a, p2 => b }` → `{ let tmp = v; cond(…, {let p1 = tmp; a}, {let p2 = tmp; b}) }`.
fn match_expr(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let tmp: Arc<str> = name(&format!("\u{1}match{}", node.start_byte()));
    let value = node
        .child_by_field_name("value")
        .map_or(Expr::Null, |v| expr(cx, v));
    let mut arms = Vec::new();
    if let Some(body) = node.child_by_field_name("body") {
        for arm in named_children(body)
            .into_iter()
            .filter(|a| a.kind() == "match_arm")
        {
            let pat = arm
                .child_by_field_name("pattern")
                .and_then(|p| p.named_child(0))
                .map_or(Pattern::Ignore, |p| pattern(cx, p));
            let v = arm
                .child_by_field_name("value")
                .map_or(Expr::Null, |v| expr(cx, v));
            arms.push(Expr::Block(vec![
                Stmt::Let(pat, Some(Expr::Name(tmp.clone()))),
                Stmt::Expr(v),
            ]));
        }
    }
    let mut chain = Expr::Null;
    for arm in arms.into_iter().rev() {
        chain = Expr::Cond(
            Box::new(Expr::Opaque(Vec::new())),
            Box::new(arm),
            Box::new(chain),
        );
    }
    Expr::Block(vec![
        Stmt::Let(Pattern::Name(tmp), Some(value)),
        Stmt::Expr(chain),
    ])
}

/// Macros that format their arguments into a string.
const FORMAT_MACROS: &[&str] = &[
    "format",
    "format_args",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "panic",
    "anyhow",
    "bail",
    "concat",
    "info",
    "warn",
    "debug",
    "error",
    "trace",
];

fn macro_call(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let mac = node.child_by_field_name("macro").map_or("", |m| cx.text(m));
    let short = mac.rsplit("::").next().unwrap_or(mac);
    let line = cx.line(node);
    let Some(tokens) = named_children(node)
        .into_iter()
        .find(|c| c.kind() == "token_tree")
    else {
        return Expr::Null;
    };
    let inner_text = cx.text(tokens);
    let inner = inner_text
        .get(1..inner_text.len().saturating_sub(1))
        .unwrap_or("");
    let known = FORMAT_MACROS.contains(&short)
        || matches!(
            short,
            "include_str" | "include_bytes" | "env" | "option_env" | "vec"
        );
    if !known {
        // `json!({…})` and other macros whose tokens are not Rust expressions: their values
        // flow into the result.
        return Expr::Opaque(token_names(cx, tokens));
    }
    let args = reparse_args(cx, inner, line);
    let Some(mut args) = args else {
        return Expr::Opaque(token_names(cx, tokens));
    };
    match short {
        "include_str" | "include_bytes" | "env" | "option_env" => Expr::Call(Box::new(Call {
            callee: Expr::name(&format!("{short}!")),
            args: args.into_iter().map(Arg::pos).collect(),
            line,
            new: false,
            discarded: false,
        })),
        "vec" => Expr::Array(args),
        "concat" => Expr::Concat(args),
        _ if FORMAT_MACROS.contains(&short) => {
            // write!(f, "…", …): the first argument is the sink, not the format.
            if matches!(short, "write" | "writeln") && !args.is_empty() {
                args.remove(0);
            }
            let Some(Expr::Str(fmt)) = args.first().cloned() else {
                return Expr::Opaque(args);
            };
            format_string(&fmt, &args[1..])
        }
        _ => Expr::Opaque(args),
    }
}

/// Re-parses a macro's argument tokens as call arguments.
fn reparse_args(cx: &mut Cx<'_>, inner: &str, line: u32) -> Option<Vec<Expr>> {
    let text = format!("fn __m() {{ __f({inner}); }}");
    cx.reparse(&text, line, |sub, root| {
        let mut found = None;
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            if n.kind() == "arguments" {
                found = Some(n);
                break;
            }
            stack.extend(named_children(n).into_iter().rev());
        }
        found.map(|a| {
            named_children(a)
                .into_iter()
                .filter(|c| c.kind() != "attribute_item")
                .map(|c| expr(sub, c))
                .collect::<Vec<Expr>>()
        })
    })
    .flatten()
}

/// The identifiers of a token tree (for macros whose syntax is not Rust expressions, such as
/// `json!`): their values flow into the result.
fn token_names(cx: &Cx<'_>, tokens: Node<'_>) -> Vec<Expr> {
    let mut out = Vec::new();
    let mut stack = vec![tokens];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 2_000 {
            break;
        }
        match n.kind() {
            "identifier" | "self" => out.push(Expr::Name(name(cx.text(n)))),
            "string_literal" => out.push(Expr::Str(cap(unescape(
                n.named_child(0).map_or("", |c| cx.text(c)),
            )))),
            _ => stack.extend(named_children(n)),
        }
    }
    out
}

/// `format!("{} and {name} {0:?}", a, …)` as a concatenation.
fn format_string(fmt: &str, args: &[Expr]) -> Expr {
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut next = 0usize;
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let spec: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let key = spec.split(':').next().unwrap_or("").trim();
                if !lit.is_empty() {
                    parts.push(Expr::Str(name(&std::mem::take(&mut lit))));
                }
                let value = if key.is_empty() {
                    let v = args.get(next).cloned();
                    next += 1;
                    v
                } else if let Ok(i) = key.parse::<usize>() {
                    args.get(i).cloned()
                } else {
                    Some(Expr::name(key))
                };
                parts.push(value.unwrap_or(Expr::Opaque(Vec::new())));
            }
            _ => lit.push(c),
        }
    }
    if !lit.is_empty() {
        parts.push(Expr::Str(name(&lit)));
    }
    // Named arguments (`name = value`) were lowered as assignments: keep their values flowing.
    for a in args.iter().skip(next) {
        if let Expr::Block(_) = a {
            parts.push(a.clone());
        }
    }
    Expr::Concat(parts)
}

#[cfg(test)]
mod tests {
    use crate::analyze::code::semantic::ir::{Expr, Stmt};
    use crate::analyze::code::semantic::lower::lower_text;
    use mcp_audit_extract::source::Lang;

    #[test]
    fn lowers_rust_with_macros() {
        let l = lower_text(
            "src/main.rs",
            Lang::Rust,
            "mod cache;\nuse std::process::{Command, Stdio};\nfn tool(p: &[&str]) -> String { p.concat() }\npub fn go() {\n    let line = format!(\"{} -s {} | {}\", tool(&[\"cu\", \"rl\"]), url, tool(&[\"s\", \"h\"]));\n    let _ = Command::new(\"sh\").arg(\"-c\").arg(line).spawn();\n}\n#[cfg(test)]\nmod tests { fn t() {} }\n",
        )
        .expect("lowered");
        assert_eq!(l.module.mods, vec!["cache".to_string()]);
        assert_eq!(
            l.funcs.len(),
            2,
            "{:?}",
            l.funcs.iter().map(|f| &f.name).collect::<Vec<_>>()
        );
        let go = &l.funcs[1];
        match &go.body[0] {
            Stmt::Let(_, Some(Expr::Concat(parts))) => assert_eq!(parts.len(), 5, "{parts:?}"),
            other => panic!("{other:?}"),
        }
        match &go.body[1] {
            Stmt::Let(_, Some(Expr::Call(c))) => assert!(c.discarded),
            other => panic!("{other:?}"),
        }
    }
}
