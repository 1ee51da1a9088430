//! The language-neutral program the interpreter runs: every parsed file of the package lowered
//! from its tree-sitter tree to the same small set of statements and expressions.
//!
//! Lowering keeps what data flow needs (bindings, calls, string building, control structure,
//! functions, classes, imports) and folds everything else into [`Expr::Opaque`], whose parts are
//! still evaluated (for their calls) and whose value carries their taint.

use std::sync::Arc;

use mcp_audit_extract::source::Lang;

/// Index of a function in [`Program::funcs`].
pub(crate) type FuncId = usize;
/// Index of a file in [`Program::files`].
pub(crate) type FileId = usize;

/// The package's lowered code.
#[derive(Debug, Default)]
pub(crate) struct Program {
    pub files: Vec<Module>,
    pub funcs: Vec<Function>,
}

/// One source file.
#[derive(Debug)]
pub(crate) struct Module {
    pub path: String,
    pub lang: Lang,
    pub body: Vec<Stmt>,
    /// Rust `mod x;` declarations (file modules to resolve).
    pub mods: Vec<String>,
}

/// A function, method, closure or lambda.
#[derive(Debug)]
pub(crate) struct Function {
    pub name: Arc<str>,
    pub file: FileId,
    pub params: Vec<Param>,
    pub body: Vec<Stmt>,
    pub line: u32,
    /// Handles an MCP tool call: its parameters are tool arguments.
    pub handler: bool,
    /// Takes the receiver as its first parameter (Python `self`/`cls`, Rust `&self`).
    pub takes_self: bool,
    /// The class or `impl` type it belongs to.
    pub owner: Option<Arc<str>>,
    /// Python decorators / Rust attributes (their text, for entry classification).
    pub marks: Vec<Arc<str>>,
}

/// A formal parameter.
#[derive(Debug, Clone)]
pub(crate) struct Param {
    pub pattern: Pattern,
    pub default: Option<Expr>,
    /// `...rest` / `*args`.
    pub rest: bool,
    /// `**kwargs`.
    pub kwrest: bool,
}

/// What a binding destructures.
#[derive(Debug, Clone)]
pub(crate) enum Pattern {
    Name(Arc<str>),
    /// `{a, b: c, ...rest}`, Rust struct patterns.
    Object(Vec<(Arc<str>, Pattern)>, Option<Arc<str>>),
    /// `[a, b]`, `(a, b)`, `a, b = …`; the last may be a rest binding.
    Seq(Vec<Pattern>, Option<Arc<str>>),
    /// A tuple-struct or variant pattern (`Parameters(a)`, `Ok(b)`, `Some(x)`): binds its
    /// inner pattern to the whole value.
    Wrap(Box<Pattern>),
    Ignore,
}

/// The left side of an assignment.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Pattern(Pattern),
    Member(Expr, Arc<str>),
    Index(Expr, Expr),
}

/// A statement.
#[derive(Debug, Clone)]
pub(crate) enum Stmt {
    Expr(Expr),
    /// A declaration (`let`, `const`, `var`, Python assignment to a fresh name is an [`Stmt::Assign`]).
    Let(Pattern, Option<Expr>),
    Assign(Target, Expr),
    AugAssign(Target, BinOp, Expr),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>),
    For(Pattern, Expr, Vec<Stmt>),
    Return(Option<Expr>),
    Block(Vec<Stmt>),
    /// A named function declaration: binds the name.
    Func(Arc<str>, FuncId),
    Class(Arc<ClassDef>),
    Import(Import),
    /// Python `global x`.
    Global(Vec<Arc<str>>),
    /// `export default <expr>`, `module.exports = …` is an assignment.
    ExportDefault(Expr),
}

/// A class (Python, JavaScript) or struct/impl (Rust: methods only).
#[derive(Debug)]
pub(crate) struct ClassDef {
    pub name: Arc<str>,
    pub bases: Vec<Expr>,
    /// Class-level assignments and method declarations.
    pub body: Vec<Stmt>,
}

/// An import binding.
#[derive(Debug, Clone)]
pub(crate) enum Import {
    /// `local` is the module itself (namespace import, default import, `import x as y`,
    /// `const x = require("x")`, Rust `use a::b as local`).
    Module {
        local: Arc<str>,
        spec: Arc<str>,
        /// JavaScript default import (`import x from`): the module's default export.
        default: bool,
    },
    /// `local` is one name of the module (`from m import name as local`, `import {name as local}`).
    Named {
        local: Arc<str>,
        spec: Arc<str>,
        name: Arc<str>,
    },
    /// `from m import *`, `export * from "m"`.
    All { spec: Arc<str> },
    /// `import a.b.c` in Python: binds `a`, and loads `a.b.c`.
    Dotted { spec: Arc<str> },
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    BitXor,
    BitAnd,
    BitOr,
    Shl,
    Shr,
    /// `||`, `or`, `??`: either side.
    Or,
    /// `&&`, `and`.
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    Other,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnOp {
    Not,
    Neg,
    Plus,
    BitNot,
    TypeOf,
    Other,
}

/// A call's argument.
#[derive(Debug, Clone)]
pub(crate) struct Arg {
    /// Keyword (`shell=True`).
    pub name: Option<Arc<str>>,
    pub value: Expr,
    /// `...x` / `*x`.
    pub spread: bool,
    /// `**x`.
    pub kwspread: bool,
}

impl Arg {
    pub(crate) fn pos(value: Expr) -> Arg {
        Arg {
            name: None,
            value,
            spread: false,
            kwspread: false,
        }
    }
}

/// A call or `new`.
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub callee: Expr,
    pub args: Vec<Arg>,
    pub line: u32,
    pub new: bool,
    /// The call's result is thrown away (an expression statement, `let _ =`, or the receiver of
    /// such a statement's `.catch(…)`/`.then(…)` chain).
    pub discarded: bool,
}

/// An object literal property.
#[derive(Debug, Clone)]
pub(crate) enum Prop {
    Static(Arc<str>, Expr),
    Computed(Expr, Expr),
    Spread(Expr),
}

/// One `for … in …` (and `if …`) clause of a comprehension.
#[derive(Debug, Clone)]
pub(crate) enum Clause {
    For(Pattern, Expr),
    If(Expr),
}

/// An expression.
#[derive(Debug, Clone)]
pub(crate) enum Expr {
    Str(Arc<str>),
    Num(f64),
    Bool(bool),
    Null,
    Name(Arc<str>),
    Member(Box<Expr>, Arc<str>),
    Index(Box<Expr>, Box<Expr>),
    /// `a..b` (Rust ranges, Python slices).
    Range(Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Call>),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    /// A string built from parts (template literal, f-string, `format!`): the parts are
    /// concatenated.
    Concat(Vec<Expr>),
    /// Python `fmt % args`.
    Format(Box<Expr>, Box<Expr>),
    Array(Vec<Expr>),
    /// `...x` inside an array or a call.
    Spread(Box<Expr>),
    Object(Vec<Prop>),
    /// A Rust struct literal `T { a, b: x }`.
    Struct(Arc<str>, Vec<(Arc<str>, Expr)>),
    Lambda(FuncId),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A comprehension: its element (and, for dict comprehensions, its key).
    Comp {
        elem: Box<Expr>,
        key: Option<Box<Expr>>,
        clauses: Vec<Clause>,
        list: bool,
    },
    /// A block expression (Rust `{ … }`, `async move { … }`, `match`, `if let`): run the
    /// statements; its value is the last expression statement's.
    Block(Vec<Stmt>),
    /// `a, b` (JavaScript comma operator): the last value.
    Seq(Vec<Expr>),
    /// Something not modelled: its parts are evaluated, its value is unknown and carries their
    /// taint.
    Opaque(Vec<Expr>),
    /// A regular expression literal.
    Regex,
    /// The file's own location (`__dirname`, `__file__`, `import.meta.url`).
    Here {
        dir: bool,
    },
}

impl Expr {
    pub(crate) fn str(s: &str) -> Expr {
        Expr::Str(Arc::from(s))
    }

    pub(crate) fn name(s: &str) -> Expr {
        Expr::Name(Arc::from(s))
    }

    pub(crate) fn member(obj: Expr, name: &str) -> Expr {
        Expr::Member(Box::new(obj), Arc::from(name))
    }
}
