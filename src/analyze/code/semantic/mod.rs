//! The semantic layer: the package's own code lowered to one small language ([`ir`]) and run by
//! an abstract interpreter ([`interp`]) that folds constants, follows imports across the
//! package's files and tracks where data comes from (sources) and where it goes (sinks).
//!
//! - [`lower`]: tree-sitter trees (JavaScript/TypeScript, Python, Rust) → [`ir::Program`];
//! - [`resolve`]: relative JavaScript imports, Python dotted and relative imports, Rust `mod`;
//! - [`value`]: abstract values and their [`value::Taint`] (labels with the place each source
//!   was read);
//! - [`library`]: models of globals and library calls — sources, transforms, decoders, sinks;
//! - [`interp`]: runs the entries (module top levels, tool handlers, functions nothing calls),
//!   inlining the package's own calls, and records [`events::Event`]s;
//! - [`flows`]: events → findings (which source reached which sink, through which calls).
//!
//! Nothing here runs package code: the interpreter evaluates an abstraction of it, with a step
//! budget, and never touches the file system or the network.

pub(crate) mod context;
pub(crate) mod events;
pub(crate) mod flows;
mod interp;
pub(crate) mod ir;
mod library;
pub(crate) mod lower;
mod resolve;
pub(crate) mod review;
mod value;

use std::sync::Arc;

use events::{Derived, Entry, Event};
use ir::{Expr, FileId, Program, Stmt};
use lower::Lowered;

/// What the interpreter found in a package.
#[derive(Debug, Default)]
pub(crate) struct Semantic {
    /// The files run (index = [`FileId`]).
    pub files: Vec<String>,
    pub events: Vec<Event>,
    pub derived: Vec<Derived>,
    pub entries: Vec<Entry>,
    /// Package-internal imports of each file (for reachability: what an install hook or a
    /// `.pth` line loads).
    pub imports: Vec<Vec<FileId>>,
    /// Functions with their file, name and whether anything in the package names them.
    pub funcs: Vec<FuncInfo>,
}

/// A function, for entry classification.
#[derive(Debug, Clone)]
pub(crate) struct FuncInfo {
    pub file: FileId,
    pub name: String,
    pub marks: Vec<String>,
    pub owner: Option<String>,
    /// Some code of the package names it (a call, a callback, an assignment).
    pub referenced: bool,
}

/// Stack given to the interpreter's thread: deep but bounded recursion over the IR.
const STACK: usize = 256 * 1024 * 1024;

/// Lowers nothing itself: assembles lowered files into one program and runs it.
pub(crate) fn run(lowered: Vec<Lowered>) -> Semantic {
    let prog = assemble(lowered);
    if prog.files.is_empty() {
        return Semantic::default();
    }
    let result = std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("mcp-audit-semantic".into())
            .stack_size(STACK)
            .spawn_scoped(s, || interpret(&prog));
        match handle {
            Ok(h) => h.join().ok(),
            Err(_) => None,
        }
    });
    result.unwrap_or_default()
}

/// Renumbers each file's functions into one table.
fn assemble(lowered: Vec<Lowered>) -> Program {
    let mut prog = Program::default();
    for (file, mut l) in lowered.into_iter().enumerate() {
        let offset = prog.funcs.len();
        for s in &mut l.module.body {
            shift_stmt(s, offset);
        }
        for mut f in l.funcs {
            f.file = file;
            for s in &mut f.body {
                shift_stmt(s, offset);
            }
            for p in &mut f.params {
                if let Some(d) = &mut p.default {
                    shift_expr(d, offset);
                }
            }
            prog.funcs.push(f);
        }
        prog.files.push(l.module);
    }
    prog
}

fn shift_stmt(s: &mut Stmt, off: usize) {
    match s {
        Stmt::Func(_, id) => *id += off,
        Stmt::Expr(e) | Stmt::ExportDefault(e) | Stmt::Return(Some(e)) => shift_expr(e, off),
        Stmt::Let(_, Some(e)) => shift_expr(e, off),
        Stmt::Assign(t, e) | Stmt::AugAssign(t, _, e) => {
            shift_target(t, off);
            shift_expr(e, off);
        }
        Stmt::If(c, a, b) => {
            shift_expr(c, off);
            a.iter_mut()
                .chain(b.iter_mut())
                .for_each(|s| shift_stmt(s, off));
        }
        Stmt::While(c, body) | Stmt::For(_, c, body) => {
            shift_expr(c, off);
            body.iter_mut().for_each(|s| shift_stmt(s, off));
        }
        Stmt::Block(body) => body.iter_mut().for_each(|s| shift_stmt(s, off)),
        Stmt::Class(def) => {
            // Class bodies are shared behind an Arc; they were built by this file only.
            if let Some(def) = Arc::get_mut(def) {
                def.bases.iter_mut().for_each(|b| shift_expr(b, off));
                def.body.iter_mut().for_each(|s| shift_stmt(s, off));
            }
        }
        _ => {}
    }
}

fn shift_target(t: &mut ir::Target, off: usize) {
    match t {
        ir::Target::Member(e, _) => shift_expr(e, off),
        ir::Target::Index(a, b) => {
            shift_expr(a, off);
            shift_expr(b, off);
        }
        ir::Target::Pattern(_) => {}
    }
}

fn shift_expr(e: &mut Expr, off: usize) {
    // Iterative: expressions can be long chains.
    let mut stack: Vec<&mut Expr> = vec![e];
    while let Some(e) = stack.pop() {
        match e {
            Expr::Lambda(id) => *id += off,
            Expr::Member(o, _) | Expr::Spread(o) | Expr::Unary(_, o) => stack.push(o),
            Expr::Index(a, b) | Expr::Bin(_, a, b) | Expr::Format(a, b) => {
                stack.push(a);
                stack.push(b);
            }
            Expr::Range(a, b) => {
                if let Some(a) = a {
                    stack.push(a);
                }
                if let Some(b) = b {
                    stack.push(b);
                }
            }
            Expr::Call(c) => {
                let c = c.as_mut();
                stack.push(&mut c.callee);
                for a in &mut c.args {
                    stack.push(&mut a.value);
                }
            }
            Expr::Concat(items) | Expr::Array(items) | Expr::Seq(items) | Expr::Opaque(items) => {
                stack.extend(items.iter_mut());
            }
            Expr::Object(props) => {
                for p in props {
                    match p {
                        ir::Prop::Static(_, v) | ir::Prop::Spread(v) => stack.push(v),
                        ir::Prop::Computed(k, v) => {
                            stack.push(k);
                            stack.push(v);
                        }
                    }
                }
            }
            Expr::Struct(_, fields) => stack.extend(fields.iter_mut().map(|(_, v)| v)),
            Expr::Cond(a, b, c) => {
                stack.push(a);
                stack.push(b);
                stack.push(c);
            }
            Expr::Comp {
                elem, key, clauses, ..
            } => {
                stack.push(elem);
                if let Some(k) = key {
                    stack.push(k);
                }
                for c in clauses {
                    match c {
                        ir::Clause::For(_, e) | ir::Clause::If(e) => stack.push(e),
                    }
                }
            }
            Expr::Block(stmts) => stmts.iter_mut().for_each(|s| shift_stmt(s, off)),
            _ => {}
        }
    }
}

/// Names of functions an entry point framework calls (`main`, CLI runners).
pub(crate) const MAIN_NAMES: &[&str] = &[
    "main",
    "run",
    "start",
    "serve",
    "cli",
    "run_server",
    "startServer",
];

fn interpret(prog: &Program) -> Semantic {
    value::reset_budget();
    let res = resolve::Resolver::new(prog);
    let mut it = interp::Interp::new(prog, &res);
    let test = |path: &str| crate::analyze::code::correlate::test_file(path);
    let order: Vec<FileId> = (0..prog.files.len())
        .filter(|f| !test(&prog.files[*f].path))
        .chain((0..prog.files.len()).filter(|f| test(&prog.files[*f].path)))
        .collect();
    for f in &order {
        if it.spent() {
            break;
        }
        it.run_module(*f);
    }
    let mains: Vec<usize> = (0..prog.funcs.len())
        .filter(|i| prog.funcs[*i].owner.is_none() && MAIN_NAMES.contains(&&*prog.funcs[*i].name))
        .collect();
    for f in mains {
        if it.spent() {
            break;
        }
        it.run_function(f, false);
    }
    for f in 0..prog.funcs.len() {
        if it.spent() {
            break;
        }
        if prog.funcs[f].handler && !it.handled(f) {
            it.run_function(f, true);
        }
    }
    for f in 0..prog.funcs.len() {
        if it.spent() {
            break;
        }
        if !it.executed[f] {
            it.run_function(f, false);
        }
    }
    let imports = import_graph(prog, &res);
    let names = used_names(prog);
    let semantic = Semantic {
        files: prog.files.iter().map(|m| m.path.clone()).collect(),
        events: std::mem::take(&mut it.events),
        derived: std::mem::take(&mut it.derived),
        entries: std::mem::take(&mut it.entries),
        imports,
        funcs: prog
            .funcs
            .iter()
            .map(|f| FuncInfo {
                file: f.file,
                name: f.name.to_string(),
                marks: f.marks.iter().map(|m| m.to_string()).collect(),
                owner: f.owner.as_ref().map(|o| o.to_string()),
                referenced: names.contains(&*f.name),
            })
            .collect(),
    };
    drop(it);
    value::release_scopes();
    semantic
}

/// Each file's imports of other files of the package (static imports, `require("./…")`,
/// Rust `mod`).
fn import_graph(prog: &Program, res: &resolve::Resolver) -> Vec<Vec<FileId>> {
    use mcp_audit_extract::source::Lang;
    let mut out = vec![Vec::new(); prog.files.len()];
    for (id, m) in prog.files.iter().enumerate() {
        let mut specs: Vec<String> = Vec::new();
        collect_specs(&m.body, &mut specs);
        for f in prog.funcs.iter().filter(|f| f.file == id) {
            collect_specs(&f.body, &mut specs);
        }
        let is_init = m.path.ends_with("__init__.py");
        for spec in specs {
            let target = match m.lang {
                Lang::Python => res.python(id, is_init, &spec),
                Lang::Rust => None,
                _ => res.js(&m.path, &spec),
            };
            if let Some(t) = target {
                if t != id && !out[id].contains(&t) {
                    out[id].push(t);
                }
            }
        }
        if m.lang == Lang::Rust {
            for name in &m.mods {
                if let Some(t) = res.rust_child(id, name) {
                    out[id].push(t);
                }
            }
        }
    }
    out
}

/// Identifiers the program uses as values or members (for "is this function referenced").
fn used_names(prog: &Program) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let mut budget = 2_000_000u32;
    let mut stack: Vec<&Expr> = Vec::new();
    let mut stmts: Vec<&Stmt> = prog
        .files
        .iter()
        .flat_map(|m| m.body.iter())
        .chain(prog.funcs.iter().flat_map(|f| f.body.iter()))
        .collect();
    while let Some(s) = stmts.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        match s {
            Stmt::Expr(e)
            | Stmt::ExportDefault(e)
            | Stmt::Return(Some(e))
            | Stmt::Let(_, Some(e)) => stack.push(e),
            Stmt::Assign(_, e) | Stmt::AugAssign(_, _, e) => stack.push(e),
            Stmt::If(c, a, b) => {
                stack.push(c);
                stmts.extend(a.iter().chain(b.iter()));
            }
            Stmt::While(c, b) | Stmt::For(_, c, b) => {
                stack.push(c);
                stmts.extend(b.iter());
            }
            Stmt::Block(b) => stmts.extend(b.iter()),
            Stmt::Class(def) => stmts.extend(def.body.iter()),
            _ => {}
        }
        while let Some(e) = stack.pop() {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                break;
            }
            match e {
                Expr::Name(n) => {
                    out.insert(n.to_string());
                }
                Expr::Member(o, n) => {
                    out.insert(n.to_string());
                    stack.push(o);
                }
                Expr::Call(c) => {
                    stack.push(&c.callee);
                    stack.extend(c.args.iter().map(|a| &a.value));
                }
                Expr::Index(a, b) | Expr::Bin(_, a, b) | Expr::Format(a, b) => {
                    stack.push(a);
                    stack.push(b);
                }
                Expr::Spread(a) | Expr::Unary(_, a) => stack.push(a),
                Expr::Concat(v) | Expr::Array(v) | Expr::Seq(v) | Expr::Opaque(v) => {
                    stack.extend(v.iter())
                }
                Expr::Object(props) => {
                    for p in props {
                        match p {
                            ir::Prop::Static(_, v) | ir::Prop::Spread(v) => stack.push(v),
                            ir::Prop::Computed(k, v) => {
                                stack.push(k);
                                stack.push(v);
                            }
                        }
                    }
                }
                Expr::Struct(_, f) => stack.extend(f.iter().map(|(_, v)| v)),
                Expr::Cond(a, b, c) => {
                    stack.push(a);
                    stack.push(b);
                    stack.push(c);
                }
                Expr::Block(b) => stmts.extend(b.iter()),
                _ => {}
            }
        }
    }
    out
}

/// Module specifiers a body imports (import statements and `require("…")` calls).
pub(crate) fn collect_specs(stmts: &[Stmt], out: &mut Vec<String>) {
    let mut stack: Vec<&Stmt> = stmts.iter().collect();
    let mut budget = 200_000u32;
    while let Some(s) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 || out.len() > 500 {
            return;
        }
        match s {
            Stmt::Import(imp) => match imp {
                ir::Import::Named { spec, name, .. } => {
                    out.push(spec.to_string());
                    // `from . import sub`: the name may be a submodule.
                    if spec.ends_with('.') {
                        out.push(format!("{spec}{name}"));
                    } else if !spec.contains('/') {
                        out.push(format!("{spec}.{name}"));
                    }
                }
                ir::Import::Module { spec, .. }
                | ir::Import::All { spec }
                | ir::Import::Dotted { spec } => out.push(spec.to_string()),
            },
            Stmt::Block(b) | Stmt::While(_, b) | Stmt::For(_, _, b) => stack.extend(b.iter()),
            Stmt::If(_, a, b) => {
                stack.extend(a.iter());
                stack.extend(b.iter());
            }
            Stmt::Let(_, Some(e)) | Stmt::Expr(e) | Stmt::Assign(_, e) => require_spec(e, out),
            _ => {}
        }
    }
}

fn require_spec(e: &Expr, out: &mut Vec<String>) {
    let mut cur = e;
    for _ in 0..6 {
        match cur {
            Expr::Call(c) => {
                if let (Expr::Name(n), Some(a)) = (&c.callee, c.args.first()) {
                    if matches!(&**n, "require" | "import") {
                        if let Expr::Str(s) = &a.value {
                            out.push(s.to_string());
                        }
                        return;
                    }
                }
                match &c.callee {
                    Expr::Member(o, _) => cur = o,
                    _ => return,
                }
            }
            Expr::Member(o, _) => cur = o,
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests;
