//! JavaScript and TypeScript (and TSX) → IR. Types, decorators and JSX markup are dropped;
//! `require(…)` and dynamic `import(…)` stay calls (the interpreter resolves them).

use std::sync::Arc;

use tree_sitter::Node;

use super::{cap, name, named_children, number, unescape, Cx};
use crate::analyze::code::semantic::ir::{
    Arg, BinOp, Call, ClassDef, Expr, FuncId, Import, Param, Pattern, Prop, Stmt, Target, UnOp,
};

/// Methods whose function arguments handle tool calls.
const REGISTRATIONS: &[&str] = &[
    "tool",
    "registerTool",
    "addTool",
    "setRequestHandler",
    "setToolHandler",
];

pub(super) fn module(cx: &mut Cx<'_>, root: Node<'_>) -> Vec<Stmt> {
    let mut out = Vec::new();
    for child in named_children(root) {
        stmt(cx, child, &mut out);
    }
    out
}

fn block(cx: &mut Cx<'_>, node: Node<'_>) -> Vec<Stmt> {
    let mut out = Vec::new();
    if node.kind() == "statement_block" {
        for child in named_children(node) {
            stmt(cx, child, &mut out);
        }
    } else {
        stmt(cx, node, &mut out);
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
            if let Some(e) = node.named_child(0) {
                expression_statement(cx, e, out);
            }
        }
        "lexical_declaration" | "variable_declaration" => {
            for d in named_children(node)
                .into_iter()
                .filter(|d| d.kind() == "variable_declarator")
            {
                declarator(cx, d, out);
            }
        }
        "function_declaration" | "generator_function_declaration" => {
            let n = field("name").map_or("", |n| cx.text(n));
            let id = function(cx, node, n);
            out.push(Stmt::Func(name(n), id));
        }
        "class_declaration" | "abstract_class_declaration" => out.push(class(cx, node)),
        "import_statement" => import(cx, node, out),
        "export_statement" => export(cx, node, out),
        "if_statement" => {
            let cond = field("condition").map_or(Expr::Null, |c| expr(cx, c));
            let then = field("consequence").map_or_else(Vec::new, |c| block(cx, c));
            let alt = field("alternative")
                .and_then(|a| a.named_child(0))
                .map_or_else(Vec::new, |a| block(cx, a));
            out.push(Stmt::If(cond, then, alt));
        }
        "for_statement" => {
            if let Some(init) = field("initializer") {
                stmt(cx, init, out);
            }
            let cond = field("condition")
                .filter(|c| c.kind() != "empty_statement" && c.kind() != ";")
                .map_or(Expr::Bool(true), |c| {
                    let c = if c.kind() == "expression_statement" {
                        c.named_child(0).unwrap_or(c)
                    } else {
                        c
                    };
                    expr(cx, c)
                });
            let mut body = field("body").map_or_else(Vec::new, |b| block(cx, b));
            if let Some(inc) = field("increment") {
                expression_statement(cx, inc, &mut body);
            }
            out.push(Stmt::While(cond, body));
        }
        "for_in_statement" => {
            let left = field("left").map_or(Pattern::Ignore, |l| pattern(cx, l));
            let right = field("right").map_or(Expr::Null, |r| expr(cx, r));
            let body = field("body").map_or_else(Vec::new, |b| block(cx, b));
            out.push(Stmt::For(left, right, body));
        }
        "while_statement" | "do_statement" => {
            let cond = field("condition").map_or(Expr::Bool(true), |c| expr(cx, c));
            let body = field("body").map_or_else(Vec::new, |b| block(cx, b));
            out.push(Stmt::While(cond, body));
        }
        "try_statement" => {
            if let Some(b) = field("body") {
                out.push(Stmt::Block(block(cx, b)));
            }
            if let Some(h) = field("handler") {
                let mut body = Vec::new();
                if let Some(p) = h.child_by_field_name("parameter") {
                    body.push(Stmt::Let(pattern(cx, p), Some(Expr::Opaque(Vec::new()))));
                }
                if let Some(b) = h.child_by_field_name("body") {
                    body.extend(block(cx, b));
                }
                out.push(Stmt::If(Expr::Opaque(Vec::new()), body, Vec::new()));
            }
            if let Some(f) = field("finalizer").and_then(|f| f.named_child(0)) {
                out.push(Stmt::Block(block(cx, f)));
            }
        }
        "switch_statement" => {
            let value = field("value").map_or(Expr::Null, |v| expr(cx, v));
            out.push(Stmt::Expr(value));
            if let Some(body) = field("body") {
                for case in named_children(body) {
                    let mut stmts = Vec::new();
                    for s in named_children(case)
                        .into_iter()
                        .skip(usize::from(case.kind() == "switch_case"))
                    {
                        stmt(cx, s, &mut stmts);
                    }
                    out.push(Stmt::If(Expr::Opaque(Vec::new()), stmts, Vec::new()));
                }
            }
        }
        "return_statement" => {
            let value = node.named_child(0).map(|v| expr(cx, v));
            out.push(Stmt::Return(value));
        }
        "throw_statement" => {
            if let Some(v) = node.named_child(0) {
                out.push(Stmt::Expr(expr(cx, v)));
            }
        }
        "statement_block" => out.push(Stmt::Block(block(cx, node))),
        "labeled_statement" => {
            if let Some(b) = field("body") {
                stmt(cx, b, out);
            }
        }
        "internal_module" => {
            if let Some(b) = field("body") {
                out.push(Stmt::Block(block(cx, b)));
            }
        }
        _ => {}
    }
}

/// An expression used as a statement: assignments become statements, a call's result is
/// marked as thrown away.
fn expression_statement(cx: &mut Cx<'_>, e: Node<'_>, out: &mut Vec<Stmt>) {
    match e.kind() {
        "assignment_expression" => {
            if let Some(s) = assignment(cx, e) {
                out.push(s);
            }
        }
        "augmented_assignment_expression" => {
            let left = e.child_by_field_name("left");
            let right = e.child_by_field_name("right");
            let op = e.child_by_field_name("operator").map_or("", |o| cx.text(o));
            if let (Some(l), Some(r)) = (left, right) {
                let target = target(cx, l);
                let value = expr(cx, r);
                let op = match op {
                    "+=" => BinOp::Add,
                    "-=" => BinOp::Sub,
                    "^=" => BinOp::BitXor,
                    "||=" | "??=" => BinOp::Or,
                    "|=" => BinOp::BitOr,
                    "&=" => BinOp::BitAnd,
                    "*=" => BinOp::Mul,
                    _ => BinOp::Other,
                };
                out.push(Stmt::AugAssign(target, op, value));
            }
        }
        "update_expression" => {
            if let Some(arg) = e.child_by_field_name("argument") {
                let op = if cx.text(e).contains("--") {
                    BinOp::Sub
                } else {
                    BinOp::Add
                };
                out.push(Stmt::AugAssign(target(cx, arg), op, Expr::Num(1.0)));
            }
        }
        "sequence_expression" => {
            for part in named_children(e) {
                expression_statement(cx, part, out);
            }
        }
        _ => {
            let mut x = expr(cx, e);
            discard(&mut x);
            out.push(Stmt::Expr(x));
        }
    }
}

/// Marks a call whose result is thrown away, and the calls of its receiver chain.
pub(crate) fn discard(e: &mut Expr) {
    let mut cur = e;
    loop {
        match cur {
            Expr::Call(call) => {
                call.discarded = true;
                match &mut call.callee {
                    Expr::Member(obj, _) => cur = obj.as_mut(),
                    _ => return,
                }
            }
            Expr::Opaque(parts) if parts.len() == 1 => cur = &mut parts[0],
            _ => return,
        }
    }
}

fn declarator(cx: &mut Cx<'_>, d: Node<'_>, out: &mut Vec<Stmt>) {
    let Some(n) = d.child_by_field_name("name") else {
        return;
    };
    let pat = pattern(cx, n);
    let value = d.child_by_field_name("value").map(|v| {
        let hint = if n.kind() == "identifier" {
            cx.text(n)
        } else {
            ""
        };
        expr_named(cx, v, hint)
    });
    out.push(Stmt::Let(pat, value));
}

fn assignment(cx: &mut Cx<'_>, e: Node<'_>) -> Option<Stmt> {
    let left = e.child_by_field_name("left")?;
    let right = e.child_by_field_name("right")?;
    let hint = match left.kind() {
        "identifier" => cx.text(left),
        "member_expression" => left
            .child_by_field_name("property")
            .map_or("", |p| cx.text(p)),
        _ => "",
    };
    let value = expr_named(cx, right, hint);
    Some(Stmt::Assign(target(cx, left), value))
}

fn target(cx: &mut Cx<'_>, node: Node<'_>) -> Target {
    match node.kind() {
        "member_expression" => {
            let obj = node
                .child_by_field_name("object")
                .map_or(Expr::Null, |o| expr(cx, o));
            let prop = node
                .child_by_field_name("property")
                .map_or("", |p| cx.text(p));
            Target::Member(obj, name(prop))
        }
        "subscript_expression" => {
            let obj = node
                .child_by_field_name("object")
                .map_or(Expr::Null, |o| expr(cx, o));
            let idx = node
                .child_by_field_name("index")
                .map_or(Expr::Null, |i| expr(cx, i));
            Target::Index(obj, idx)
        }
        "parenthesized_expression" => match node.named_child(0) {
            Some(inner) => target(cx, inner),
            None => Target::Pattern(Pattern::Ignore),
        },
        _ => Target::Pattern(pattern(cx, node)),
    }
}

fn pattern(cx: &mut Cx<'_>, node: Node<'_>) -> Pattern {
    if !cx.enter() {
        return Pattern::Ignore;
    }
    let p = pattern_inner(cx, node);
    cx.leave();
    p
}

fn pattern_inner(cx: &mut Cx<'_>, node: Node<'_>) -> Pattern {
    match node.kind() {
        "identifier" | "shorthand_property_identifier_pattern" | "this" => {
            Pattern::Name(name(cx.text(node)))
        }
        "object_pattern" => {
            let mut props = Vec::new();
            let mut rest = None;
            for p in named_children(node) {
                match p.kind() {
                    "shorthand_property_identifier_pattern" => {
                        let n = name(cx.text(p));
                        props.push((n.clone(), Pattern::Name(n)));
                    }
                    "object_assignment_pattern" => {
                        if let Some(l) = p.child_by_field_name("left") {
                            let n = name(cx.text(l));
                            props.push((n, pattern(cx, l)));
                        }
                    }
                    "pair_pattern" => {
                        let key = p.child_by_field_name("key").map_or("", |k| cx.text(k));
                        let key = key.trim_matches(['"', '\'']);
                        let value = p
                            .child_by_field_name("value")
                            .map_or(Pattern::Ignore, |v| pattern(cx, v));
                        props.push((name(key), value));
                    }
                    "rest_pattern" => {
                        rest = p.named_child(0).map(|r| name(cx.text(r)));
                    }
                    _ => {}
                }
            }
            Pattern::Object(props, rest)
        }
        "array_pattern" => {
            let mut items = Vec::new();
            let mut rest = None;
            for p in named_children(node) {
                if p.kind() == "rest_pattern" {
                    rest = p.named_child(0).map(|r| name(cx.text(r)));
                } else {
                    items.push(pattern(cx, p));
                }
            }
            Pattern::Seq(items, rest)
        }
        "assignment_pattern" => node
            .child_by_field_name("left")
            .map_or(Pattern::Ignore, |l| pattern(cx, l)),
        "rest_pattern" => node
            .named_child(0)
            .map_or(Pattern::Ignore, |r| pattern(cx, r)),
        "required_parameter" | "optional_parameter" => node
            .child_by_field_name("pattern")
            .or_else(|| node.child_by_field_name("name"))
            .map_or(Pattern::Ignore, |p| pattern(cx, p)),
        _ => Pattern::Ignore,
    }
}

fn params(cx: &mut Cx<'_>, node: Node<'_>) -> Vec<Param> {
    let mut out = Vec::new();
    for p in named_children(node) {
        let (inner, default) = match p.kind() {
            "assignment_pattern" => (
                p.child_by_field_name("left"),
                p.child_by_field_name("right"),
            ),
            "required_parameter" | "optional_parameter" => (
                p.child_by_field_name("pattern")
                    .or_else(|| p.child_by_field_name("name")),
                p.child_by_field_name("value"),
            ),
            _ => (Some(p), None),
        };
        let Some(inner) = inner else { continue };
        let rest = inner.kind() == "rest_pattern";
        out.push(Param {
            pattern: pattern(cx, inner),
            default: default.map(|d| expr(cx, d)),
            rest,
            kwrest: false,
        });
    }
    out
}

/// Lowers a function-like node and returns its id.
fn function(cx: &mut Cx<'_>, node: Node<'_>, name_hint: &str) -> FuncId {
    let n = node
        .child_by_field_name("name")
        .map_or(name_hint, |n| cx.text(n));
    let id = cx.add_func(n, cx.line(node));
    let mut ps = Vec::new();
    if let Some(p) = node.child_by_field_name("parameters") {
        ps = params(cx, p);
    } else if let Some(p) = node.child_by_field_name("parameter") {
        ps.push(Param {
            pattern: pattern(cx, p),
            default: None,
            rest: false,
            kwrest: false,
        });
    }
    let body = match node.child_by_field_name("body") {
        Some(b) if b.kind() == "statement_block" => block(cx, b),
        Some(b) => vec![Stmt::Return(Some(expr(cx, b)))],
        None => Vec::new(),
    };
    cx.set_func(id, ps, body);
    id
}

fn class(cx: &mut Cx<'_>, node: Node<'_>) -> Stmt {
    let class_name = node
        .child_by_field_name("name")
        .map_or("", |n| cx.text(n))
        .to_string();
    let mut bases = Vec::new();
    for h in named_children(node)
        .into_iter()
        .filter(|c| c.kind() == "class_heritage")
    {
        for e in named_children(h) {
            let value = if e.kind() == "extends_clause" {
                e.child_by_field_name("value")
            } else if e.kind() == "implements_clause" {
                None
            } else {
                Some(e)
            };
            if let Some(v) = value {
                bases.push(expr(cx, v));
            }
        }
    }
    let mut body = Vec::new();
    if let Some(b) = node.child_by_field_name("body") {
        for m in named_children(b) {
            match m.kind() {
                "method_definition" => {
                    let n = m.child_by_field_name("name").map_or("", |n| cx.text(n));
                    let id = function(cx, m, n);
                    if let Some(f) = cx.funcs.get_mut(id) {
                        f.owner = Some(name(&class_name));
                    }
                    body.push(Stmt::Func(name(n), id));
                }
                "field_definition" | "public_field_definition" => {
                    let prop = m
                        .child_by_field_name("property")
                        .or_else(|| m.child_by_field_name("name"))
                        .map_or("", |p| cx.text(p));
                    if let Some(v) = m.child_by_field_name("value") {
                        let value = expr_named(cx, v, prop);
                        body.push(Stmt::Assign(
                            Target::Pattern(Pattern::Name(name(prop))),
                            value,
                        ));
                    }
                }
                "class_static_block" => {
                    if let Some(b) = m.child_by_field_name("body") {
                        body.push(Stmt::Block(block(cx, b)));
                    }
                }
                _ => {}
            }
        }
    }
    Stmt::Class(Arc::new(ClassDef {
        name: name(&class_name),
        bases,
        body,
    }))
}

fn import(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    let Some(src) = node.child_by_field_name("source") else {
        return;
    };
    let spec = name(&string_value(cx, src));
    let clause = named_children(node)
        .into_iter()
        .find(|c| c.kind() == "import_clause");
    let Some(clause) = clause else {
        // `import "./side-effect.js"`: loads the module.
        out.push(Stmt::Import(Import::All { spec }));
        return;
    };
    for part in named_children(clause) {
        match part.kind() {
            "identifier" => out.push(Stmt::Import(Import::Module {
                local: name(cx.text(part)),
                spec: spec.clone(),
                default: true,
            })),
            "namespace_import" => {
                if let Some(id) = part.named_child(0) {
                    out.push(Stmt::Import(Import::Module {
                        local: name(cx.text(id)),
                        spec: spec.clone(),
                        default: false,
                    }));
                }
            }
            "named_imports" => {
                for s in named_children(part) {
                    let orig = s.child_by_field_name("name").map_or("", |n| cx.text(n));
                    let local = s.child_by_field_name("alias").map_or(orig, |a| cx.text(a));
                    out.push(Stmt::Import(Import::Named {
                        local: name(local),
                        spec: spec.clone(),
                        name: name(orig.trim_matches(['"', '\''])),
                    }));
                }
            }
            _ => {}
        }
    }
}

fn export(cx: &mut Cx<'_>, node: Node<'_>, out: &mut Vec<Stmt>) {
    if let Some(d) = node.child_by_field_name("declaration") {
        stmt(cx, d, out);
        return;
    }
    if let Some(v) = node.child_by_field_name("value") {
        let value = expr_named(cx, v, "default");
        out.push(Stmt::ExportDefault(value));
        return;
    }
    let source = node
        .child_by_field_name("source")
        .map(|s| name(&string_value(cx, s)));
    for c in named_children(node) {
        match c.kind() {
            "export_clause" => {
                for s in named_children(c) {
                    let orig = s.child_by_field_name("name").map_or("", |n| cx.text(n));
                    let alias = s.child_by_field_name("alias").map_or(orig, |a| cx.text(a));
                    let value = match &source {
                        Some(spec) => {
                            let local = name(&format!("\u{1}reexport:{orig}"));
                            out.push(Stmt::Import(Import::Named {
                                local: local.clone(),
                                spec: spec.clone(),
                                name: name(orig),
                            }));
                            Expr::Name(local)
                        }
                        None => Expr::name(orig),
                    };
                    out.push(Stmt::Assign(
                        Target::Member(Expr::name("exports"), name(alias)),
                        value,
                    ));
                }
            }
            "namespace_export" | "*" => {}
            _ => {}
        }
    }
    if let Some(spec) = source {
        if !named_children(node)
            .iter()
            .any(|c| c.kind() == "export_clause")
        {
            out.push(Stmt::Import(Import::All { spec }));
        }
    }
}

/// A string literal's value.
fn string_value(cx: &Cx<'_>, node: Node<'_>) -> String {
    let raw = cx.text(node);
    let inner = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
    unescape(inner)
}

fn expr(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    expr_named(cx, node, "")
}

/// Lowers an expression; a function expression takes `hint` as its name.
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
        "identifier" | "shorthand_property_identifier" | "property_identifier" => {
            Expr::Name(name(cx.text(node)))
        }
        "this" | "super" => Expr::Name(name(cx.text(node))),
        "undefined" | "null" => Expr::Null,
        "true" => Expr::Bool(true),
        "false" => Expr::Bool(false),
        "number" => number(cx.text(node)).map_or(Expr::Opaque(Vec::new()), Expr::Num),
        "string" => Expr::Str(cap(string_value(cx, node))),
        "template_string" => template(cx, node),
        "regex" => Expr::Regex,
        "member_expression" => {
            let obj = field("object").map_or(Expr::Null, |o| expr(cx, o));
            let prop = field("property").map_or("", |p| cx.text(p));
            if cx.text(node) == "import.meta.url" {
                return Expr::Here { dir: false };
            }
            Expr::Member(Box::new(obj), name(prop))
        }
        "subscript_expression" => {
            let obj = field("object").map_or(Expr::Null, |o| expr(cx, o));
            let idx = field("index").map_or(Expr::Null, |i| expr(cx, i));
            Expr::Index(Box::new(obj), Box::new(idx))
        }
        "call_expression" => call(cx, node, false),
        "new_expression" => call(cx, node, true),
        "binary_expression" => {
            let op = field("operator").map_or("", |o| cx.text(o));
            let l = field("left").map_or(Expr::Null, |l| expr(cx, l));
            let r = field("right").map_or(Expr::Null, |r| expr(cx, r));
            Expr::Bin(bin_op(op), Box::new(l), Box::new(r))
        }
        "unary_expression" => {
            let op = field("operator").map_or("", |o| cx.text(o));
            let arg = field("argument").map_or(Expr::Null, |a| expr(cx, a));
            let op = match op {
                "!" => UnOp::Not,
                "-" => UnOp::Neg,
                "+" => UnOp::Plus,
                "~" => UnOp::BitNot,
                "typeof" => UnOp::TypeOf,
                _ => UnOp::Other,
            };
            Expr::Unary(op, Box::new(arg))
        }
        "ternary_expression" => {
            let c = field("condition").map_or(Expr::Null, |c| expr(cx, c));
            let a = field("consequence").map_or(Expr::Null, |a| expr_named(cx, a, hint));
            let b = field("alternative").map_or(Expr::Null, |b| expr_named(cx, b, hint));
            Expr::Cond(Box::new(c), Box::new(a), Box::new(b))
        }
        "arrow_function" | "function_expression" | "function" | "generator_function" => {
            Expr::Lambda(function(cx, node, hint))
        }
        "array" => Expr::Array(
            named_children(node)
                .into_iter()
                .map(|c| expr(cx, c))
                .collect(),
        ),
        "spread_element" => Expr::Spread(Box::new(
            node.named_child(0).map_or(Expr::Null, |c| expr(cx, c)),
        )),
        "object" => object(cx, node),
        "parenthesized_expression"
        | "await_expression"
        | "non_null_expression"
        | "as_expression"
        | "satisfies_expression"
        | "type_assertion" => node
            .named_child(0)
            .map_or(Expr::Null, |c| expr_named(cx, c, hint)),
        "sequence_expression" => Expr::Seq(
            named_children(node)
                .into_iter()
                .map(|c| expr(cx, c))
                .collect(),
        ),
        "assignment_expression" => {
            let left = field("left").map_or(Expr::Null, |l| expr(cx, l));
            match assignment(cx, node) {
                Some(s) => Expr::Block(vec![s, Stmt::Expr(left)]),
                None => Expr::Null,
            }
        }
        "augmented_assignment_expression" | "update_expression" => {
            let mut stmts = Vec::new();
            expression_statement(cx, node, &mut stmts);
            Expr::Block(stmts)
        }
        "class" => {
            let s = class(cx, node);
            let n = match &s {
                Stmt::Class(c) => c.name.clone(),
                _ => name(""),
            };
            Expr::Block(vec![s, Stmt::Expr(Expr::Name(n))])
        }
        "meta_property" => Expr::Here { dir: false },
        "instantiation_expression" => field("function").map_or(Expr::Null, |f| expr(cx, f)),
        _ => Expr::Opaque(
            named_children(node)
                .into_iter()
                .filter(|c| !c.kind().contains("type"))
                .map(|c| expr(cx, c))
                .collect(),
        ),
    }
}

fn bin_op(op: &str) -> BinOp {
    match op {
        "+" => BinOp::Add,
        "-" => BinOp::Sub,
        "*" => BinOp::Mul,
        "/" => BinOp::Div,
        "%" => BinOp::Mod,
        "**" => BinOp::Pow,
        "^" => BinOp::BitXor,
        "&" => BinOp::BitAnd,
        "|" => BinOp::BitOr,
        "<<" => BinOp::Shl,
        ">>" | ">>>" => BinOp::Shr,
        "||" | "??" => BinOp::Or,
        "&&" => BinOp::And,
        "==" | "===" => BinOp::Eq,
        "!=" | "!==" => BinOp::Ne,
        "<" => BinOp::Lt,
        "<=" => BinOp::Le,
        ">" => BinOp::Gt,
        ">=" => BinOp::Ge,
        "in" => BinOp::In,
        _ => BinOp::Other,
    }
}

fn template(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let mut parts = Vec::new();
    let mut c = node.walk();
    for child in node.children(&mut c) {
        match child.kind() {
            "string_fragment" => parts.push(Expr::Str(cap(cx.text(child).to_string()))),
            "escape_sequence" => parts.push(Expr::Str(name(&unescape(cx.text(child))))),
            "template_substitution" => {
                let inner = child.named_child(0).map_or(Expr::Null, |e| expr(cx, e));
                parts.push(inner);
            }
            _ => {}
        }
    }
    if parts.is_empty() {
        return Expr::str("");
    }
    Expr::Concat(parts)
}

fn object(cx: &mut Cx<'_>, node: Node<'_>) -> Expr {
    let mut props = Vec::new();
    for p in named_children(node) {
        match p.kind() {
            "pair" => {
                let key = p.child_by_field_name("key");
                let Some(key) = key else { continue };
                let value_node = p.child_by_field_name("value");
                match key.kind() {
                    "computed_property_name" => {
                        let k = key.named_child(0).map_or(Expr::Null, |k| expr(cx, k));
                        let v = value_node.map_or(Expr::Null, |v| expr(cx, v));
                        props.push(Prop::Computed(k, v));
                    }
                    _ => {
                        let k = match key.kind() {
                            "string" => string_value(cx, key),
                            _ => cx.text(key).to_string(),
                        };
                        let v = value_node.map_or(Expr::Null, |v| expr_named(cx, v, &k));
                        props.push(Prop::Static(name(&k), v));
                    }
                }
            }
            "shorthand_property_identifier" => {
                let n = cx.text(p);
                props.push(Prop::Static(name(n), Expr::name(n)));
            }
            "spread_element" => {
                let v = p.named_child(0).map_or(Expr::Null, |v| expr(cx, v));
                props.push(Prop::Spread(v));
            }
            "method_definition" => {
                let n = p.child_by_field_name("name").map_or("", |n| cx.text(n));
                let id = function(cx, p, n);
                props.push(Prop::Static(name(n), Expr::Lambda(id)));
            }
            _ => {}
        }
    }
    Expr::Object(props)
}

fn call(cx: &mut Cx<'_>, node: Node<'_>, new: bool) -> Expr {
    let callee_node = node
        .child_by_field_name("function")
        .or_else(|| node.child_by_field_name("constructor"));
    let callee = match callee_node {
        Some(c) if c.kind() == "import" => Expr::name("import"),
        Some(c) => expr(cx, c),
        None => Expr::Null,
    };
    let mut args = Vec::new();
    if let Some(a) = node.child_by_field_name("arguments") {
        if a.kind() == "template_string" {
            args.push(Arg::pos(template(cx, a)));
        } else {
            for arg in named_children(a) {
                if arg.kind() == "spread_element" {
                    let v = arg.named_child(0).map_or(Expr::Null, |v| expr(cx, v));
                    args.push(Arg {
                        name: None,
                        value: v,
                        spread: true,
                        kwspread: false,
                    });
                } else {
                    args.push(Arg::pos(expr(cx, arg)));
                }
            }
        }
    }
    let method = match &callee {
        Expr::Member(_, m) => Some(m.as_ref()),
        _ => None,
    };
    if method.is_some_and(|m| REGISTRATIONS.contains(&m)) {
        for a in &args {
            if let Expr::Lambda(id) = a.value {
                if let Some(f) = cx.funcs.get_mut(id) {
                    f.handler = true;
                }
            }
        }
    }
    Expr::Call(Box::new(Call {
        callee,
        args,
        line: cx.line(node),
        new,
        discarded: false,
    }))
}

#[cfg(test)]
mod tests {
    use crate::analyze::code::semantic::lower::lower_text;
    use mcp_audit_extract::source::Lang;

    #[test]
    fn lowers_a_module() {
        let l = lower_text(
            "a.js",
            Lang::JavaScript,
            "const { exec } = require('child_process');\nfunction git(sub) { exec(`git ${sub}`); }\nserver.tool('x', 'd', {}, async ({ ref }) => git(ref));\nmodule.exports = { git };\n",
        )
        .expect("lowered");
        assert_eq!(l.module.body.len(), 4, "{:#?}", l.module.body);
        assert_eq!(l.funcs.len(), 2);
        assert!(l.funcs.iter().any(|f| f.handler));
        assert_eq!(&*l.funcs[0].name, "git");
    }

    #[test]
    fn deep_nesting_is_cut() {
        let src = format!("x = {}1{};", "(".repeat(5000), ")".repeat(5000));
        let l = lower_text("a.js", Lang::JavaScript, &src);
        assert!(l.is_some());
    }
}
