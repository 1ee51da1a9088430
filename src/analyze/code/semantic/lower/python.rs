//! Python → IR. Docstrings are dropped (they are model text, not code); decorators are kept
//! as marks on the function (`@mcp.tool()` makes a handler, `@staticmethod` drops `self`).

use std::sync::Arc;

use tree_sitter::Node;

use super::{cap, name, named_children, number, unescape, Cx};
use crate::analyze::code::semantic::ir::{
    Arg, BinOp, Call, ClassDef, Clause, Expr, FuncId, Import, Param, Pattern, Prop, Stmt, Target,
    UnOp,
};

pub(super) fn module(cx: &mut Cx<'_>, root: Node<'_>) -> Vec<Stmt> {
    block(cx, root)
}

fn block(cx: &mut Cx<'_>, node: Node<'_>) -> Vec<Stmt> {
    let mut out = Vec::new();
    for child in named_children(node) {
        stmt(cx, child, &mut out);
    }
    out
}

fn stmt(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    if !cx.count_stmt() || !cx.enter() {
        return;
    }
    stmt_inner(cx, node, out);
    cx.leave();
}

fn stmt_inner(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let field = |f: &str| node.child_by_field_name(f);
    match node.kind() {
        "expression_statement" => {
            let children = named_children(node);
            // A bare string is a docstring.
            if children.len() == 1 && matches!(children[0].kind(), "string" | "concatenated_string")
            {
                return;
            }
            for c in children {
                match c.kind() {
                    "assignment" => assignment(cx, c, out),
                    "augmented_assignment" => augmented(cx, c, out),
                    _ => {
                        let mut e = expr(cx, c);
                        super::js::discard(&mut e);
                        out.push(Stmt::Expr(e));
                    }
                }
            }
        }
        "function_definition" => {
            let (n, id) = function(cx, node, &[], None);
            out.push(Stmt::Func(n, id));
        }
        "decorated_definition" => decorated(cx, node, None, out),
        "class_definition" => out.push(class(cx, node)),
        "if_statement" => if_statement(cx, node, out),
        "for_statement" => {
            let left = field("left").map_or(Pattern::Ignore, |l| pattern(cx, l));
            let right = field("right").map_or(Expr::Null, |r| expr(cx, r));
            let body = field("body").map_or_else(Vec::new, |b| block(cx, b));
            out.push(Stmt::For(left, right, body));
            if let Some(alt) = field("alternative").and_then(|a| a.child_by_field_name("body")) {
                out.push(Stmt::Block(block(cx, alt)));
            }
        }
        "while_statement" => {
            let cond = field("condition").map_or(Expr::Bool(true), |c| expr(cx, c));
            let body = field("body").map_or_else(Vec::new, |b| block(cx, b));
            out.push(Stmt::While(cond, body));
        }
        "try_statement" => try_statement(cx, node, out),
        "with_statement" => {
            for clause in named_children(node)
                .into_iter()
                .filter(|c| c.kind() == "with_clause")
            {
                for item in named_children(clause) {
                    with_item(cx, item, out);
                }
            }
            if let Some(b) = field("body") {
                out.push(Stmt::Block(block(cx, b)));
            }
        }
        "match_statement" => {
            if let Some(s) = field("subject") {
                out.push(Stmt::Expr(expr(cx, s)));
            }
            if let Some(body) = field("body") {
                for case in named_children(body) {
                    if let Some(b) = case.child_by_field_name("consequence") {
                        out.push(Stmt::If(Expr::Opaque(Vec::new()), block(cx, b), Vec::new()));
                    }
                }
            }
        }
        "return_statement" => {
            let value = node.named_child(0).map(|v| expr(cx, v));
            out.push(Stmt::Return(value));
        }
        "raise_statement" | "assert_statement" | "delete_statement" | "print_statement" => {
            for c in named_children(node) {
                out.push(Stmt::Expr(expr(cx, c)));
            }
        }
        "import_statement" => {
            for n in named_children(node) {
                match n.kind() {
                    "aliased_import" => {
                        let spec = n.child_by_field_name("name").map_or("", |m| cx.text(m));
                        let local = n.child_by_field_name("alias").map_or("", |a| cx.text(a));
                        out.push(Stmt::Import(Import::Module {
                            local: name(local),
                            spec: name(spec),
                            default: false,
                        }));
                    }
                    _ => out.push(Stmt::Import(Import::Dotted {
                        spec: name(cx.text(n)),
                    })),
                }
            }
        }
        "import_from_statement" => import_from(cx, node, out),
        "global_statement" | "nonlocal_statement" => {
            let names = named_children(node)
                .into_iter()
                .map(|n| name(cx.text(n)))
                .collect();
            out.push(Stmt::Global(names));
        }
        "block" => out.push(Stmt::Block(block(cx, node))),
        _ => {}
    }
}

/// `if … elif … else`.
fn if_statement(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    let cond = field("condition").map_or(Expr::Null, |c| expr(cx, c));
    let then = field("consequence").map_or_else(Vec::new, |c| block(cx, c));
    let mut alt = Vec::new();
    let mut c = node.walk();
    let alternatives: Vec<Node<'_>> = node.children_by_field_name("alternative", &mut c).collect();
    for a in alternatives {
        match a.kind() {
            "elif_clause" => {
                let cond = a
                    .child_by_field_name("condition")
                    .map_or(Expr::Null, |c| expr(cx, c));
                let body = a
                    .child_by_field_name("consequence")
                    .map_or_else(Vec::new, |b| block(cx, b));
                alt.push(Stmt::If(cond, body, Vec::new()));
            }
            _ => {
                if let Some(b) = a.child_by_field_name("body") {
                    alt.push(Stmt::If(Expr::Opaque(Vec::new()), block(cx, b), Vec::new()));
                }
            }
        }
    }
    out.push(Stmt::If(cond, then, alt));
}

/// `try … except … else … finally`.
fn try_statement(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    if let Some(b) = field("body") {
        out.push(Stmt::Block(block(cx, b)));
    }
    for c in named_children(node) {
        match c.kind() {
            "except_clause" | "except_group_clause" => {
                let mut body = Vec::new();
                if let Some(alias) = c.child_by_field_name("alias") {
                    body.push(Stmt::Let(
                        pattern(cx, alias),
                        Some(Expr::Opaque(Vec::new())),
                    ));
                }
                for b in named_children(c)
                    .into_iter()
                    .filter(|b| b.kind() == "block")
                {
                    body.extend(block(cx, b));
                }
                out.push(Stmt::If(Expr::Opaque(Vec::new()), body, Vec::new()));
            }
            "else_clause" | "finally_clause" => {
                let b = c
                    .child_by_field_name("body")
                    .or_else(|| named_children(c).into_iter().find(|b| b.kind() == "block"));
                if let Some(b) = b {
                    out.push(Stmt::Block(block(cx, b)));
                }
            }
            _ => {}
        }
    }
}

fn with_item(cx: &mut Cx<'_>, item: Node<'_>, out: &mut Vec<Stmt>) {
    let Some(value) = item.child_by_field_name("value") else {
        return;
    };
    if value.kind() == "as_pattern" {
        let inner = value.named_child(0).map_or(Expr::Null, |e| expr(cx, e));
        let target = value
            .child_by_field_name("alias")
            .and_then(|a| a.named_child(0).or(Some(a)))
            .map_or(Pattern::Ignore, |a| pattern(cx, a));
        out.push(Stmt::Let(target, Some(inner)));
    } else {
        out.push(Stmt::Expr(expr(cx, value)));
    }
}

fn import_from(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let spec = node
        .child_by_field_name("module_name")
        .map_or("", |m| cx.text(m));
    let spec = name(&spec.split_whitespace().collect::<String>());
    if named_children(node)
        .iter()
        .any(|c| c.kind() == "wildcard_import")
    {
        out.push(Stmt::Import(Import::All { spec }));
        return;
    }
    let mut c = node.walk();
    let names: Vec<Node<'_>> = node.children_by_field_name("name", &mut c).collect();
    for n in names {
        let (orig, local) = match n.kind() {
            "aliased_import" => (
                n.child_by_field_name("name").map_or("", |m| cx.text(m)),
                n.child_by_field_name("alias").map_or("", |a| cx.text(a)),
            ),
            _ => (cx.text(n), cx.text(n)),
        };
        out.push(Stmt::Import(Import::Named {
            local: name(local),
            spec: spec.clone(),
            name: name(orig),
        }));
    }
}

fn assignment(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let Some(left) = node.child_by_field_name("left") else {
        return;
    };
    let Some(right) = node.child_by_field_name("right") else {
        // An annotation without a value.
        return;
    };
    let value = match right.kind() {
        "assignment" => {
            // a = b = value: assign the inner first, then read its left side.
            assignment(cx, right, out);
            right
                .child_by_field_name("left")
                .map_or(Expr::Null, |l| expr(cx, l))
        }
        _ => {
            let hint = if left.kind() == "identifier" {
                cx.text(left)
            } else {
                ""
            };
            expr_named(cx, right, hint)
        }
    };
    out.push(Stmt::Assign(target(cx, left), value));
}

fn augmented(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let (Some(l), Some(r)) = (
        node.child_by_field_name("left"),
        node.child_by_field_name("right"),
    ) else {
        return;
    };
    let op = node
        .child_by_field_name("operator")
        .map_or("", |o| cx.text(o));
    let op = match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "^=" => BinOp::BitXor,
        "|=" => BinOp::BitOr,
        "&=" => BinOp::BitAnd,
        "*=" => BinOp::Mul,
        "%=" => BinOp::Mod,
        _ => BinOp::Other,
    };
    let value = expr(cx, r);
    out.push(Stmt::AugAssign(target(cx, l), op, value));
}

fn target(cx: &mut Cx<'_>, node: Node<'_>) -> Target {
    match node.kind() {
        "attribute" => {
            let obj = node
                .child_by_field_name("object")
                .map_or(Expr::Null, |o| expr(cx, o));
            let attr = node
                .child_by_field_name("attribute")
                .map_or("", |a| cx.text(a));
            Target::Member(obj, name(attr))
        }
        "subscript" => {
            let obj = node
                .child_by_field_name("value")
                .map_or(Expr::Null, |o| expr(cx, o));
            let idx = node
                .child_by_field_name("subscript")
                .map_or(Expr::Null, |i| expr(cx, i));
            Target::Index(obj, idx)
        }
        _ => Target::Pattern(pattern(cx, node)),
    }
}

fn pattern(cx: &mut Cx<'_>, node: Node<'_>) -> Pattern {
    if !cx.enter() {
        return Pattern::Ignore;
    }
    let p = match node.kind() {
        "identifier" => Pattern::Name(name(cx.text(node))),
        "pattern_list" | "tuple_pattern" | "list_pattern" | "expression_list" | "tuple"
        | "list" => {
            let mut items = Vec::new();
            let mut rest = None;
            for c in named_children(node) {
                if c.kind() == "list_splat_pattern" || c.kind() == "list_splat" {
                    rest = c.named_child(0).map(|r| name(cx.text(r)));
                } else {
                    items.push(pattern(cx, c));
                }
            }
            Pattern::Seq(items, rest)
        }
        "parenthesized_expression" => node
            .named_child(0)
            .map_or(Pattern::Ignore, |c| pattern(cx, c)),
        _ => Pattern::Ignore,
    };
    cx.leave();
    p
}

fn params(cx: &mut Cx<'_>, node: Node<'_>) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(node) {
        let mut param = Param {
            pattern: Pattern::Ignore,
            default: None,
            rest: false,
            kwrest: false,
        };
        match p.kind() {
            "identifier" => param.pattern = Pattern::Name(name(cx.text(p))),
            "default_parameter" | "typed_default_parameter" => {
                param.pattern = p
                    .child_by_field_name("name")
                    .map_or(Pattern::Ignore, |n| pattern(cx, n));
                param.default = p.child_by_field_name("value").map(|v| expr(cx, v));
            }
            "typed_parameter" => {
                let inner = named_children(p).into_iter().find(|c| c.kind() != "type");
                if let Some(inner) = inner {
                    match inner.kind() {
                        "list_splat_pattern" => {
                            param.rest = true;
                            param.pattern = inner
                                .named_child(0)
                                .map_or(Pattern::Ignore, |n| pattern(cx, n));
                        }
                        "dictionary_splat_pattern" => {
                            param.kwrest = true;
                            param.pattern = inner
                                .named_child(0)
                                .map_or(Pattern::Ignore, |n| pattern(cx, n));
                        }
                        _ => param.pattern = pattern(cx, inner),
                    }
                }
            }
            "list_splat_pattern" => {
                param.rest = true;
                param.pattern = p.named_child(0).map_or(Pattern::Ignore, |n| pattern(cx, n));
            }
            "dictionary_splat_pattern" => {
                param.kwrest = true;
                param.pattern = p.named_child(0).map_or(Pattern::Ignore, |n| pattern(cx, n));
            }
            "tuple_pattern" => param.pattern = pattern(cx, p),
            _ => continue,
        }
        out.push(param);
    }
    out
}

/// Lowers a `def`; returns its name and id.
fn function(
    cx: &mut Cx<'_>,
    node: Node<'_>,
    decorators: &[Arc<str>],
    owner: Option<Arc<str>>,
) -> (Arc<str>, FuncId) {
    let n = node.child_by_field_name("name").map_or("", |n| cx.text(n));
    let id = cx.add_func(n, cx.line(node));
    let mut ps = node
        .child_by_field_name("parameters")
        .map_or_else(Vec::new, |p| params(cx, p));
    let body = node
        .child_by_field_name("body")
        .map_or_else(Vec::new, |b| block(cx, b));
    let is_static = decorators.iter().any(|d| d.contains("staticmethod"));
    let takes_self = owner.is_some()
        && !is_static
        && matches!(ps.first().map(|p| &p.pattern), Some(Pattern::Name(_)));
    if takes_self && !ps.is_empty() {
        // The receiver is bound separately; keep it as the first parameter's name.
    }
    let handler = decorators.iter().any(|d| {
        let d = d.to_ascii_lowercase();
        d.contains("tool") && !d.contains("tools_list") && !d.contains("list_tools")
    });
    if let Some(f) = cx.funcs.get_mut(id) {
        f.handler = handler;
        f.takes_self = takes_self;
        f.owner = owner;
        f.marks = decorators.to_vec();
    }
    let params = std::mem::take(&mut ps);
    cx.set_func(id, params, body);
    (name(n), id)
}

fn decorated(cx: &mut Cx<'_>, node: Node<'_>, owner: Option<Arc<str>>, out: &mut Vec<Stmt>) {
    let mut decorators = Vec::new();
    for d in named_children(node)
        .into_iter()
        .filter(|d| d.kind() == "decorator")
    {
        decorators.push(name(cx.text(d).trim_start_matches('@')));
        // Decorator expressions run at definition time (`@mcp.tool(description=…)`).
        if let Some(e) = d.named_child(0) {
            out.push(Stmt::Expr(expr(cx, e)));
        }
    }
    let Some(def) = node.child_by_field_name("definition") else {
        return;
    };
    match def.kind() {
        "function_definition" => {
            let (n, id) = function(cx, def, &decorators, owner);
            out.push(Stmt::Func(n, id));
        }
        "class_definition" => out.push(class(cx, def)),
        _ => {}
    }
}

fn class(cx: &mut Cx<'_>, node: Node<'_>) -> Stmt {
    let class_name: Arc<str> = name(node.child_by_field_name("name").map_or("", |n| cx.text(n)));
    let bases = node
        .child_by_field_name("superclasses")
        .map_or_else(Vec::new, |s| {
            named_children(s)
                .into_iter()
                .filter(|c| c.kind() != "keyword_argument")
                .map(|c| expr(cx, c))
                .collect()
        });
    let mut body = Vec::new();
    if let Some(b) = node.child_by_field_name("body") {
        for m in named_children(b) {
            match m.kind() {
                "function_definition" => {
                    let (n, id) = function(cx, m, &[], Some(class_name.clone()));
                    body.push(Stmt::Func(n, id));
                }
                "decorated_definition" => decorated(cx, m, Some(class_name.clone()), &mut body),
                _ => stmt(cx, m, &mut body),
            }
        }
    }
    Stmt::Class(Arc::new(ClassDef {
        name: class_name,
        bases,
        body,
    }))
}

fn expr(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    expr_named(cx, node, "")
}

fn expr_named(cx: &mut Cx<'_>, node: Node<'_>, hint: &str) -> Expr {
    if !cx.enter() {
        return Expr::Opaque(Vec::new());
    }
    let e = expr_inner(cx, node, hint);
    cx.leave();
    e
}

fn expr_inner(cx: &mut Cx<'_>, node: Node<'_>, hint: &str) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    match node.kind() {
        "identifier" => Expr::Name(name(cx.text(node))),
        "true" => Expr::Bool(true),
        "false" => Expr::Bool(false),
        "none" => Expr::Null,
        "integer" | "float" => number(cx.text(node)).map_or(Expr::Opaque(Vec::new()), Expr::Num),
        "string" => string(cx, node),
        "concatenated_string" => Expr::Concat(
            named_children(node)
                .into_iter()
                .map(|s| string(cx, s))
                .collect(),
        ),
        "attribute" => {
            let obj = field("object").map_or(Expr::Null, |o| expr(cx, o));
            let attr = field("attribute").map_or("", |a| cx.text(a));
            Expr::Member(Box::new(obj), name(attr))
        }
        "subscript" => {
            let obj = field("value").map_or(Expr::Null, |o| expr(cx, o));
            let idx = field("subscript").map_or(Expr::Null, |i| expr(cx, i));
            Expr::Index(Box::new(obj), Box::new(idx))
        }
        "slice" => {
            let parts = named_children(node);
            let a = parts.first().map(|p| Box::new(expr(cx, *p)));
            let b = parts.get(1).map(|p| Box::new(expr(cx, *p)));
            Expr::Range(a, b)
        }
        "call" => call(cx, node),
        "binary_operator" => binary_operator(cx, node),
        "boolean_operator" => {
            let op = field("operator").map_or("", |o| cx.text(o));
            let l = field("left").map_or(Expr::Null, |l| expr(cx, l));
            let r = field("right").map_or(Expr::Null, |r| expr(cx, r));
            let op = if op == "and" { BinOp::And } else { BinOp::Or };
            Expr::Bin(op, Box::new(l), Box::new(r))
        }
        "comparison_operator" => {
            let parts = named_children(node);
            let text = cx.text(node);
            let l = parts.first().map_or(Expr::Null, |p| expr(cx, *p));
            let r = parts.get(1).map_or(Expr::Null, |p| expr(cx, *p));
            let op = if text.contains(" in ") && !text.contains(" not in ") {
                BinOp::In
            } else {
                BinOp::Eq
            };
            Expr::Bin(op, Box::new(l), Box::new(r))
        }
        "not_operator" => Expr::Unary(
            UnOp::Not,
            Box::new(field("argument").map_or(Expr::Null, |a| expr(cx, a))),
        ),
        "unary_operator" => {
            let op = field("operator").map_or("", |o| cx.text(o));
            let arg = field("argument").map_or(Expr::Null, |a| expr(cx, a));
            let op = match op {
                "-" => UnOp::Neg,
                "+" => UnOp::Plus,
                "~" => UnOp::BitNot,
                _ => UnOp::Other,
            };
            Expr::Unary(op, Box::new(arg))
        }
        "conditional_expression" => {
            let parts = named_children(node);
            let a = parts
                .first()
                .map_or(Expr::Null, |p| expr_named(cx, *p, hint));
            let c = parts.get(1).map_or(Expr::Null, |p| expr(cx, *p));
            let b = parts
                .get(2)
                .map_or(Expr::Null, |p| expr_named(cx, *p, hint));
            Expr::Cond(Box::new(c), Box::new(a), Box::new(b))
        }
        "list" | "tuple" | "set" | "expression_list" => Expr::Array(
            named_children(node)
                .into_iter()
                .map(|c| expr(cx, c))
                .collect(),
        ),
        "list_splat" => Expr::Spread(Box::new(
            node.named_child(0).map_or(Expr::Null, |c| expr(cx, c)),
        )),
        "dictionary" => dictionary(cx, node),
        "list_comprehension"
        | "set_comprehension"
        | "generator_expression"
        | "dictionary_comprehension" => comprehension(cx, node),
        "lambda" => {
            let id = cx.add_func(hint, cx.line(node));
            let ps = field("parameters").map_or_else(Vec::new, |p| params(cx, p));
            let body = field("body").map_or(Expr::Null, |b| expr(cx, b));
            cx.set_func(id, ps, vec![Stmt::Return(Some(body))]);
            Expr::Lambda(id)
        }
        "parenthesized_expression" | "await" => node
            .named_child(0)
            .map_or(Expr::Null, |c| expr_named(cx, c, hint)),
        "named_expression" => {
            let n = field("name").map_or("", |n| cx.text(n));
            let v = field("value").map_or(Expr::Null, |v| expr(cx, v));
            Expr::Block(vec![
                Stmt::Assign(Target::Pattern(Pattern::Name(name(n))), v),
                Stmt::Expr(Expr::name(n)),
            ])
        }
        "keyword_argument" => field("value").map_or(Expr::Null, |v| expr(cx, v)),
        _ => Expr::Opaque(
            named_children(node)
                .into_iter()
                .map(|c| expr(cx, c))
                .collect(),
        ),
    }
}

/// `a op b` (`%` on a string is formatting).
fn binary_operator(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    let op = field("operator").map_or("", |o| cx.text(o));
    let l = field("left").map_or(Expr::Null, |l| expr(cx, l));
    let r = field("right").map_or(Expr::Null, |r| expr(cx, r));
    if op == "%" && matches!(l, Expr::Str(_) | Expr::Concat(_)) {
        return Expr::Format(Box::new(l), Box::new(r));
    }
    let op = match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" | "//" => BinOp::Div,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        "^" => BinOp::BitXor,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "<<" => BinOp::Shl,
        ">>" => BinOp::Shr,
        _ => BinOp::Other,
    };
    Expr::Bin(op, Box::new(l), Box::new(r))
}

/// `{k: v, **x}`.
fn dictionary(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let field = |f: &str| node.child_by_field_name(f);
    let _ = &field;

    let mut props = Vec::new();
    for p in named_children(node) {
        match p.kind() {
            "pair" => {
                let k = p.child_by_field_name("key");
                let v = p.child_by_field_name("value");
                let key = k.map_or(Expr::Null, |k| expr(cx, k));
                let value = v.map_or(Expr::Null, |v| expr(cx, v));
                match key {
                    Expr::Str(s) => props.push(Prop::Static(s, value)),
                    other => props.push(Prop::Computed(other, value)),
                }
            }
            "dictionary_splat" => {
                let v = p.named_child(0).map_or(Expr::Null, |v| expr(cx, v));
                props.push(Prop::Spread(v));
            }
            _ => {}
        }
    }
    Expr::Object(props)
}

fn comprehension(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let mut clauses = Vec::new();
    for c in named_children(node) {
        match c.kind() {
            "for_in_clause" => {
                let left = c
                    .child_by_field_name("left")
                    .map_or(Pattern::Ignore, |l| pattern(cx, l));
                let right = c
                    .child_by_field_name("right")
                    .map_or(Expr::Null, |r| expr(cx, r));
                clauses.push(Clause::For(left, right));
            }
            "if_clause" => {
                let cond = c.named_child(0).map_or(Expr::Null, |e| expr(cx, e));
                clauses.push(Clause::If(cond));
            }
            _ => {}
        }
    }
    let body = node.child_by_field_name("body");
    let (key, elem) = match body {
        Some(b) if b.kind() == "pair" => (
            b.child_by_field_name("key").map(|k| Box::new(expr(cx, k))),
            b.child_by_field_name("value")
                .map_or(Expr::Null, |v| expr(cx, v)),
        ),
        Some(b) => (None, expr(cx, b)),
        None => (None, Expr::Null),
    };
    Expr::Comp {
        elem: Box::new(elem),
        key,
        clauses,
        list: node.kind() != "dictionary_comprehension",
    }
}

fn string(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    if node.kind() != "string" {
        return expr(cx, node);
    }
    let mut raw = false;
    let mut fstring = false;
    let mut parts: Vec<Expr> = Vec::new();
    let mut c = node.walk();
    for child in node.children(&mut c) {
        match child.kind() {
            "string_start" => {
                let prefix = cx.text(child).to_ascii_lowercase();
                raw = prefix.contains('r');
                fstring = prefix.contains('f') || prefix.contains('t');
            }
            "string_content" => {
                let text = cx.text(child);
                let mut s = if raw {
                    text.to_string()
                } else {
                    unescape(text)
                };
                if fstring {
                    s = s.replace("{{", "{").replace("}}", "}");
                }
                parts.push(Expr::Str(cap(s)));
            }
            "interpolation" => {
                let e = child
                    .child_by_field_name("expression")
                    .map_or(Expr::Null, |e| expr(cx, e));
                parts.push(e);
            }
            _ => {}
        }
    }
    match parts.len() {
        0 => Expr::str(""),
        1 if matches!(parts[0], Expr::Str(_)) => parts.pop().unwrap_or(Expr::Null),
        _ => Expr::Concat(parts),
    }
}

fn call(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let callee = node
        .child_by_field_name("function")
        .map_or(Expr::Null, |f| expr(cx, f));
    let mut args = Vec::new();
    if let Some(a) = node.child_by_field_name("arguments") {
        if a.kind() == "generator_expression" {
            args.push(Arg::pos(comprehension(cx, a)));
        } else {
            for arg in named_children(a) {
                match arg.kind() {
                    "keyword_argument" => {
                        let n = arg.child_by_field_name("name").map_or("", |n| cx.text(n));
                        let v = arg
                            .child_by_field_name("value")
                            .map_or(Expr::Null, |v| expr(cx, v));
                        args.push(Arg {
                            name: Some(name(n)),
                            value: v,
                            spread: false,
                            kwspread: false,
                        });
                    }
                    "list_splat" => {
                        let v = arg.named_child(0).map_or(Expr::Null, |v| expr(cx, v));
                        args.push(Arg {
                            name: None,
                            value: v,
                            spread: true,
                            kwspread: false,
                        });
                    }
                    "dictionary_splat" => {
                        let v = arg.named_child(0).map_or(Expr::Null, |v| expr(cx, v));
                        args.push(Arg {
                            name: None,
                            value: v,
                            spread: false,
                            kwspread: true,
                        });
                    }
                    "comment" => {}
                    _ => args.push(Arg::pos(expr(cx, arg))),
                }
            }
        }
    }
    Expr::Call(Box::new(Call {
        callee,
        args,
        line: cx.line(node),
        new: false,
        discarded: false,
    }))
}

#[cfg(test)]
mod tests {
    use crate::analyze::code::semantic::lower::lower_text;
    use mcp_audit_extract::source::Lang;

    #[test]
    fn lowers_python() {
        let l = lower_text(
            "m.py",
            Lang::Python,
            "import os\nfrom .dig import RESOLVERS as R, dig\n\nclass H:\n    TARGETS = ['/etc/passwd']\n    @staticmethod\n    def rm(p):\n        os.remove(p)\n\n@mcp.tool()\ndef t(x: str, *rest, **kw) -> str:\n    \"\"\"doc\"\"\"\n    return f\"a {x} b\" % ()\n",
        )
        .expect("lowered");
        assert_eq!(l.funcs.len(), 2);
        assert!(l.funcs[1].handler);
        assert!(!l.funcs[0].takes_self);
        assert_eq!(l.funcs[1].params.len(), 3);
    }
}
