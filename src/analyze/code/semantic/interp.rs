//! The abstract interpreter: runs the lowered program's entries (module top levels, tool
//! handlers, functions nothing calls) over [`Val`]s, inlining calls to the package's own
//! functions up to [`MAX_DEPTH`] deep, and records the sinks it reaches ([`Event`]).
//!
//! It is path-insensitive where it must be (both branches of an unknown condition run; values
//! assigned in a branch are joined with the old ones) and concrete where it can be (known
//! conditions, loops over known lists, bounded). Every step costs budget; once spent,
//! everything evaluates to unknown and the run unwinds.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use super::events::{Derived, Entry, EntryKind, Event, Hop, Sink};
use super::ir::{
    BinOp, Call, ClassDef, Clause, Expr, FileId, FuncId, Import, Pattern, Program, Prop, Stmt,
    Target, UnOp,
};
use super::library;
use super::resolve::Resolver;
use super::value::{
    binding_scope, from_parts, join, label, lookup, new_env, Closure, Env, Obj, Origin, Part,
    Taint, Val, MAX_LIST, V,
};
use mcp_audit_extract::source::Lang;

/// Deepest chain of inlined calls.
pub(crate) const MAX_DEPTH: usize = 7;
/// Steps one entry may take.
const ENTRY_STEPS: u64 = 60_000;
/// Steps a whole program may take.
const TOTAL_STEPS: u64 = 1_500_000;
/// Iterations of a loop run concretely.
const MAX_ITER: usize = 2_048;
/// Elements of a known list a `for` loop visits one by one.
const MAX_FOR: usize = 256;
/// Prefix of package-relative paths (`__dirname`, `__file__`, `include_bytes!`).
pub(crate) const PKG: &str = "\u{1}pkg/";

/// Arguments of a call, evaluated.
#[derive(Debug, Default)]
pub(crate) struct Args {
    pub pos: Vec<Val>,
    pub kw: Vec<(Rc<str>, Val)>,
}

impl Args {
    pub(crate) fn get(&self, i: usize) -> Option<&Val> {
        self.pos.get(i)
    }

    pub(crate) fn kw(&self, name: &str) -> Option<&Val> {
        self.kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
    }

    /// Positional `i`, else keyword `name`.
    pub(crate) fn at(&self, i: usize, name: &str) -> Option<&Val> {
        self.kw(name).or_else(|| self.get(i))
    }

    /// Every taint the arguments hold.
    pub(crate) fn taint(&self) -> Taint {
        let mut t = Taint::none();
        for v in self.pos.iter().chain(self.kw.iter().map(|(_, v)| v)) {
            t.add(&v.deep_taint());
        }
        t
    }

    pub(crate) fn all(&self) -> impl Iterator<Item = &Val> {
        self.pos.iter().chain(self.kw.iter().map(|(_, v)| v))
    }
}

/// What the library models need to know about the call site.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site {
    pub line: u32,
    pub discarded: bool,
    pub new: bool,
}

struct ModState {
    scope: Env,
    /// JavaScript's `module` object (its `exports` field is the module's exports).
    module: Rc<RefCell<Obj>>,
    state: u8,
}

#[derive(Debug)]
struct Frame {
    func: Option<FuncId>,
    file: FileId,
    name: Rc<str>,
    call_file: FileId,
    call_line: u32,
    /// Conditional nesting inside this function (returns there do not end it).
    cond: u32,
    ret: Option<Val>,
    returned: bool,
    owner: Option<Arc<str>>,
    handler: bool,
}

/// The interpreter's state for one program.
pub(crate) struct Interp<'p> {
    pub prog: &'p Program,
    pub res: &'p Resolver,
    mods: Vec<ModState>,
    pub events: Vec<Event>,
    pub derived: Vec<Derived>,
    pub entries: Vec<Entry>,
    frames: Vec<Frame>,
    steps: u64,
    entry_steps: u64,
    pub executed: Vec<bool>,
    /// Functions already run as tool handlers.
    handled: Vec<bool>,
    types: HashMap<Rc<str>, Rc<RefCell<Obj>>>,
    /// Copy and write destinations (rendered) → the package file they came from.
    pub copies: HashMap<String, String>,
    hex_decoders: Vec<bool>,
    pub entry: usize,
    /// Line of the call being evaluated.
    line: u32,
    /// The count of the last `range(…)` built, when a tool argument sets it or it is large;
    /// read (and cleared) by the `for` loop over it.
    pub loop_count: Option<LoopCount>,
    /// The counts of the bulk loops being run (innermost last).
    pub bulk: Vec<LoopCount>,
}

/// How many times a loop runs, when that matters for what it creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoopCount {
    /// A tool argument, with no cap in the code.
    ToolArgument,
    /// A constant of ten or more (only a thousand or more counts for threads, processes and
    /// busy loops; nested counts multiply for files created).
    Fixed(u64),
}

impl<'p> Interp<'p> {
    pub(crate) fn new(prog: &'p Program, res: &'p Resolver) -> Interp<'p> {
        let mods = prog
            .files
            .iter()
            .map(|_| ModState {
                scope: new_env(None),
                module: Rc::new(RefCell::new(Obj::default())),
                state: 0,
            })
            .collect();
        for m in &mods {
            let m: &ModState = m;
            let exports = Val::obj(Obj::default());
            m.module.borrow_mut().set(Rc::from("exports"), exports);
        }
        Interp {
            prog,
            res,
            mods,
            events: Vec::new(),
            derived: Vec::new(),
            entries: Vec::new(),
            frames: Vec::new(),
            steps: 0,
            entry_steps: 0,
            executed: vec![false; prog.funcs.len()],
            handled: vec![false; prog.funcs.len()],
            types: HashMap::new(),
            copies: HashMap::new(),
            loop_count: None,
            bulk: Vec::new(),
            hex_decoders: prog
                .funcs
                .iter()
                .map(super::library::is_hex_decoder)
                .collect(),
            entry: 0,
            line: 0,
        }
    }

    // ---- budget and frames -------------------------------------------------------------

    /// Takes a step; `false` once the entry's or the program's budget is spent.
    pub(crate) fn tick(&mut self) -> bool {
        if self.steps >= TOTAL_STEPS || self.entry_steps >= ENTRY_STEPS {
            return false;
        }
        self.steps += 1;
        self.entry_steps += 1;
        true
    }

    /// Whether a function already ran as a tool handler.
    pub(crate) fn handled(&self, f: FuncId) -> bool {
        self.handled.get(f).copied().unwrap_or(false)
    }

    /// The line of the call being evaluated.
    pub(crate) fn current_line(&self) -> u32 {
        self.line
    }

    pub(crate) fn spent(&self) -> bool {
        self.steps >= TOTAL_STEPS
    }

    /// The file being run.
    pub(crate) fn file(&self) -> FileId {
        self.frames.last().map_or(0, |f| f.file)
    }

    pub(crate) fn lang(&self) -> Lang {
        self.prog
            .files
            .get(self.file())
            .map_or(Lang::JavaScript, |m| m.lang)
    }

    pub(crate) fn path(&self) -> &str {
        self.prog
            .files
            .get(self.file())
            .map_or("", |m| m.path.as_str())
    }

    fn cond_up(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.cond += 1;
        }
    }

    fn cond_down(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.cond = f.cond.saturating_sub(1);
        }
    }

    fn in_cond(&self) -> bool {
        self.frames.last().is_some_and(|f| f.cond > 0)
    }

    fn returned(&self) -> bool {
        self.frames.last().is_some_and(|f| f.returned)
    }

    /// The hops from the entry to the current call.
    pub(crate) fn hops(&self) -> Vec<Hop> {
        self.frames
            .iter()
            .map(|f| Hop {
                file: f.call_file,
                line: f.call_line,
                func: f.name.to_string(),
                handler: f.handler,
            })
            .collect()
    }

    /// Records a sink reached at `line` of the current file.
    pub(crate) fn emit(&mut self, mut e: Event) -> usize {
        e.file = self.file();
        e.hops = self.hops();
        e.entry = self.entry;
        if self.events.len() < 20_000 {
            self.events.push(e);
        }
        self.events.len() - 1
    }

    /// An event skeleton for a sink at `line`.
    pub(crate) fn event(&self, sink: Sink, line: u32) -> Event {
        Event {
            sink,
            file: self.file(),
            line,
            hops: Vec::new(),
            entry: self.entry,
            data: Taint::none(),
            cred: Taint::none(),
            text: String::new(),
            known: false,
            dest: String::new(),
            dest_taint: Taint::none(),
            flags: 0,
            extra: String::new(),
        }
    }

    pub(crate) fn derive(&mut self, line: u32, how: &'static str, text: &str) {
        if self.derived.len() < 2_000 && !text.trim().is_empty() {
            let file = self.file();
            if !self
                .derived
                .iter()
                .any(|d| d.file == file && d.line == line && d.text == text)
            {
                self.derived.push(Derived {
                    file,
                    line,
                    how,
                    text: text.chars().take(super::value::MAX_TEXT).collect(),
                });
            }
        }
    }

    /// A taint that names a source read at `line` of the current file.
    pub(crate) fn source(&self, l: u32, what: &str, line: u32) -> Taint {
        Taint::source(Origin {
            label: l,
            what: what.chars().take(120).collect(),
            file: self.file(),
            line,
        })
    }

    // ---- entries ------------------------------------------------------------------------

    /// Runs a file's top level (once).
    pub(crate) fn run_module(&mut self, file: FileId) {
        if self.mods.get(file).is_none_or(|m| m.state != 0) {
            return;
        }
        self.entries.push(Entry {
            kind: EntryKind::ModuleLoad,
            file,
            func: String::new(),
        });
        self.entry = self.entries.len() - 1;
        self.entry_steps = 0;
        self.load(file);
    }

    /// Runs a function as an entry: a handler (tool arguments), or a root (unknown arguments).
    pub(crate) fn run_function(&mut self, func: FuncId, handler: bool) {
        let Some(f) = self.prog.funcs.get(func) else {
            return;
        };
        self.load(f.file);
        self.entries.push(Entry {
            kind: if handler {
                EntryKind::Handler
            } else {
                EntryKind::Root
            },
            file: f.file,
            func: f.name.to_string(),
        });
        self.entry = self.entries.len() - 1;
        self.entry_steps = 0;
        let env = self.mods[f.file].scope.clone();
        let this = f.owner.as_ref().map(|o| self.instance_of(o, f.file));
        let closure = Rc::new(Closure { func, env, this });
        let site = Site {
            line: f.line,
            discarded: false,
            new: false,
        };
        self.frames.push(Frame {
            func: None,
            file: f.file,
            name: Rc::from(""),
            call_file: f.file,
            call_line: f.line,
            cond: 0,
            ret: None,
            returned: false,
            owner: None,
            handler: false,
        });
        let _ = self.invoke(&closure, Args::default(), site, handler);
        self.frames.pop();
    }

    /// The object standing for instances of a class or Rust type.
    fn instance_of(&mut self, owner: &str, file: FileId) -> Val {
        if let Some(t) = self.types.get(owner) {
            return Val::of(V::Obj(t.clone()));
        }
        if let Some(Val { v: V::Obj(cls), .. }) = self.module_var(file, owner) {
            let inst = self.instantiate(&cls);
            return Val::of(V::Obj(inst));
        }
        let obj = Rc::new(RefCell::new(Obj {
            class: Some(Rc::from(owner)),
            ..Obj::default()
        }));
        self.types.insert(Rc::from(owner), obj.clone());
        Val::of(V::Obj(obj))
    }

    fn module_var(&self, file: FileId, name: &str) -> Option<Val> {
        self.mods.get(file)?.scope.borrow().vars.get(name).cloned()
    }

    /// Loads a module (runs its top level the first time).
    pub(crate) fn load(&mut self, file: FileId) {
        let Some(m) = self.mods.get_mut(file) else {
            return;
        };
        if m.state != 0 {
            return;
        }
        m.state = 1;
        let scope = m.scope.clone();
        let Some(module) = self.prog.files.get(file) else {
            return;
        };
        self.frames.push(Frame {
            func: None,
            file,
            name: Rc::from(""),
            call_file: self.frames.last().map_or(file, |f| f.file),
            call_line: 1,
            cond: 0,
            ret: None,
            returned: false,
            owner: None,
            handler: false,
        });
        self.exec_block(&module.body, &scope);
        self.frames.pop();
        if let Some(m) = self.mods.get_mut(file) {
            m.state = 2;
        }
    }

    // ---- statements ---------------------------------------------------------------------

    /// Runs statements; `true` when a `return` ended the function.
    pub(crate) fn exec_block(&mut self, stmts: &[Stmt], env: &Env) -> bool {
        self.hoist(stmts, env);
        for s in stmts {
            if !self.tick() {
                return true;
            }
            self.exec(s, env);
            if self.returned() {
                return true;
            }
        }
        false
    }

    /// Binds function declarations (and Rust items) before the block runs.
    fn hoist(&mut self, stmts: &[Stmt], env: &Env) {
        let rust = self.lang() == Lang::Rust;
        for s in stmts {
            match s {
                Stmt::Func(name, id) => {
                    let c = self.closure(*id, env);
                    env.borrow_mut().vars.insert(Rc::from(&**name), c);
                }
                Stmt::Import(imp) if rust => self.import(imp, env),
                Stmt::Class(def) if rust => self.class(def, env),
                _ => {}
            }
        }
    }

    fn exec(&mut self, s: &Stmt, env: &Env) {
        match s {
            Stmt::Expr(e) => {
                let _ = self.eval(e, env);
            }
            Stmt::Let(p, v) => {
                let val = v.as_ref().map_or_else(Val::unknown, |v| self.eval(v, env));
                self.bind(p, val, env, true);
            }
            Stmt::Assign(t, v) => {
                let val = self.eval(v, env);
                self.assign(t, val, env);
            }
            Stmt::AugAssign(t, op, v) => {
                let rhs = self.eval(v, env);
                let old = self.read_target(t, env);
                let new = self.binop(*op, &old, &rhs);
                self.assign(t, new, env);
            }
            Stmt::If(c, a, b) => self.exec_if(c, a, b, env),
            Stmt::While(c, body) => self.exec_while(c, body, env),
            Stmt::For(p, it, body) => self.exec_for(p, it, body, env),
            Stmt::Return(v) => {
                let val = v.as_ref().map_or(Val::of(V::Null), |v| self.eval(v, env));
                if let Some(f) = self.frames.last_mut() {
                    f.ret = Some(match &f.ret {
                        Some(old) => join(old, &val),
                        None => val,
                    });
                    if f.cond == 0 {
                        f.returned = true;
                    }
                }
            }
            Stmt::Block(stmts) => {
                self.exec_block(stmts, env);
            }
            Stmt::Func(name, id) => {
                if !env.borrow().vars.contains_key(&**name) {
                    let c = self.closure(*id, env);
                    env.borrow_mut().vars.insert(Rc::from(&**name), c);
                }
            }
            Stmt::Class(def) => {
                if self.lang() != Lang::Rust {
                    self.class(def, env);
                }
            }
            Stmt::Import(imp) => {
                if self.lang() != Lang::Rust {
                    self.import(imp, env);
                }
            }
            Stmt::Global(names) => {
                env.borrow_mut()
                    .globals
                    .extend(names.iter().map(|n| Rc::from(&**n)));
            }
            Stmt::ExportDefault(e) => {
                let v = self.eval(e, env);
                let exports = self.exports(self.file());
                if let V::Obj(o) = &exports.v {
                    o.borrow_mut().set(Rc::from("default"), v);
                }
            }
        }
    }

    fn exec_if(&mut self, c: &Expr, a: &[Stmt], b: &[Stmt], env: &Env) {
        let cv = self.eval(c, env);
        match cv.truthy() {
            Some(true) => {
                self.exec_block(a, env);
            }
            Some(false) => {
                self.exec_block(b, env);
            }
            None => {
                self.cond_up();
                self.exec_block(a, env);
                self.exec_block(b, env);
                self.cond_down();
            }
        }
    }

    fn exec_while(&mut self, c: &Expr, body: &[Stmt], env: &Env) {
        for _ in 0..MAX_ITER {
            let cv = self.eval(c, env);
            match cv.truthy() {
                Some(true) => {
                    if self.exec_block(body, env) || self.spent() {
                        return;
                    }
                }
                Some(false) => return,
                None => {
                    self.cond_up();
                    self.exec_block(body, env);
                    self.exec_block(body, env);
                    self.cond_down();
                    return;
                }
            }
        }
    }

    fn exec_for(&mut self, p: &Pattern, it: &Expr, body: &[Stmt], env: &Env) {
        self.loop_count = None;
        let iter = self.eval(it, env);
        let count = self.loop_count.take();
        if let Some(c) = count {
            self.bulk.push(c);
        }
        self.exec_for_items(p, &iter, body, env);
        if count.is_some() {
            self.bulk.pop();
        }
    }

    fn exec_for_items(&mut self, p: &Pattern, iter: &Val, body: &[Stmt], env: &Env) {
        let iter = iter.clone();
        let items = self.elements(&iter);
        match items {
            Some(items) if !items.is_empty() => {
                // A known, non-empty list is visited element by element for real: what one
                // iteration assigns replaces the last iteration's value (a `break` or an early
                // exit sits under its own condition).
                for item in items.into_iter().take(MAX_FOR) {
                    self.bind(p, item, env, true);
                    let done = self.exec_block(body, env);
                    if done || self.spent() {
                        return;
                    }
                }
            }
            Some(_) => {}
            None => {
                let item = Val::tainted(iter.deep_taint());
                self.bind(p, item, env, true);
                self.cond_up();
                self.exec_block(body, env);
                self.exec_block(body, env);
                self.cond_down();
            }
        }
    }

    /// The elements a `for` loop visits, when known: list items, object keys, characters.
    pub(crate) fn elements(&mut self, v: &Val) -> Option<Vec<Val>> {
        match &v.v {
            // An empty list that carries taint stands for an unknown one (`x ?? []`).
            V::List(items) if items.borrow().is_empty() && !v.t.is_clean() => None,
            V::List(items) => Some(
                items
                    .borrow()
                    .iter()
                    .map(|i| i.clone().with(&v.t))
                    .collect(),
            ),
            V::Obj(o) if o.borrow().class.is_none() => {
                let o = o.borrow();
                if !o.rest.is_clean() {
                    return None;
                }
                Some(
                    o.fields
                        .iter()
                        .map(|(k, _)| Val::of(V::Str(k.clone())).with(&v.t))
                        .collect(),
                )
            }
            V::Str(s) if s.len() <= MAX_FOR => Some(
                s.chars()
                    .map(|c| Val::string(c.to_string()).with(&v.t))
                    .collect(),
            ),
            _ => None,
        }
    }

    // ---- bindings -----------------------------------------------------------------------

    /// Binds a pattern. `declare`: a new binding in this scope; else an assignment.
    pub(crate) fn bind(&mut self, p: &Pattern, val: Val, env: &Env, declare: bool) {
        match p {
            Pattern::Name(n) => self.set_var(n, val, env, declare),
            Pattern::Ignore => {}
            Pattern::Wrap(inner) => self.bind(inner, val, env, declare),
            Pattern::Object(props, rest) => {
                for (key, sub) in props {
                    let v = self.member(&val, key);
                    self.bind(sub, v, env, declare);
                }
                if let Some(r) = rest {
                    let v = Val::tainted(val.deep_taint());
                    self.set_var(r, v, env, declare);
                }
            }
            Pattern::Seq(items, rest) => {
                let elems = self.elements(&val);
                for (i, sub) in items.iter().enumerate() {
                    let v = match &elems {
                        Some(e) => e.get(i).cloned().unwrap_or_else(Val::unknown),
                        None => Val::tainted(val.deep_taint()),
                    };
                    self.bind(sub, v, env, declare);
                }
                if let Some(r) = rest {
                    let v = match elems {
                        Some(e) => Val::list(e.into_iter().skip(items.len()).collect()),
                        None => Val::tainted(val.deep_taint()),
                    };
                    self.set_var(r, v, env, declare);
                }
            }
        }
    }

    fn set_var(&mut self, name: &str, val: Val, env: &Env, declare: bool) {
        let key: Rc<str> = Rc::from(name);
        let python = self.lang() == Lang::Python;
        let target = if declare {
            env.clone()
        } else if python {
            if env.borrow().globals.iter().any(|g| **g == *name) {
                self.mods[self.file()].scope.clone()
            } else {
                env.clone()
            }
        } else {
            binding_scope(env, name).unwrap_or_else(|| env.clone())
        };
        let cond = self.in_cond();
        let mut scope = target.borrow_mut();
        let new = match scope.vars.get(name) {
            Some(old) if cond => join(old, &val),
            _ => val,
        };
        scope.vars.insert(key, new);
    }

    fn assign(&mut self, t: &Target, val: Val, env: &Env) {
        match t {
            Target::Pattern(p) => self.bind(p, val, env, false),
            Target::Member(obj, name) => {
                let o = self.eval(obj, env);
                self.set_member(&o, name, val, obj, env);
            }
            Target::Index(obj, idx) => {
                let o = self.eval(obj, env);
                let k = self.eval(idx, env);
                match (&o.v, k.text()) {
                    (V::Obj(_), Some(key)) => {
                        let key = key.to_string();
                        self.set_member(&o, &key, val, obj, env);
                    }
                    (V::Obj(ob), None) => {
                        ob.borrow_mut().rest.add(&val.deep_taint());
                        ob.borrow_mut().rest.add(&k.t);
                    }
                    (V::List(items), _) => {
                        let mut items = items.borrow_mut();
                        match &k.v {
                            V::Num(n) if *n >= 0.0 && (*n as usize) < items.len() => {
                                items[*n as usize] = val;
                            }
                            _ if items.len() < MAX_LIST => items.push(val),
                            _ => {}
                        }
                    }
                    _ => self.taint_expr(obj, &val.deep_taint(), env),
                }
            }
        }
    }

    /// `x.y = v` (or `x[k] = v`).
    fn set_member(&mut self, o: &Val, name: &str, val: Val, obj_expr: &Expr, env: &Env) {
        if name == "__doc__" {
            library::description(self, &val, 0);
        }
        match &o.v {
            V::Obj(ob) => {
                let cond = self.in_cond();
                let mut ob = ob.borrow_mut();
                let new = match ob.get_own(name) {
                    Some(old) if cond => join(old, &val),
                    _ => val,
                };
                ob.set(Rc::from(name), new);
            }
            V::Ext(_) | V::Unknown | V::Func(_) | V::Handle(_) => {
                // A function handed to the runtime (`sys.excepthook = f`, `req.onload = f`)
                // will be called by it.
                if let V::Func(c) = &val.v {
                    let c = c.clone();
                    self.callback(&c, &Args::default(), o.t.clone());
                }
                if matches!(o.v, V::Unknown) {
                    self.taint_expr(obj_expr, &val.deep_taint(), env);
                }
            }
            V::Module(f) => {
                let f = *f;
                self.mods[f]
                    .scope
                    .borrow_mut()
                    .vars
                    .insert(Rc::from(name), val);
            }
            _ => {}
        }
    }

    /// Adds taint to the variable an expression names (`x`, `x.y`): a write into an unknown
    /// container taints the container.
    pub(crate) fn taint_expr(&mut self, e: &Expr, t: &Taint, env: &Env) {
        if t.is_clean() {
            return;
        }
        let mut cur = e;
        for _ in 0..8 {
            match cur {
                Expr::Name(n) => {
                    if let Some(scope) = binding_scope(env, n) {
                        let mut s = scope.borrow_mut();
                        if let Some(v) = s.vars.get_mut(&**n) {
                            match &v.v {
                                V::Obj(o) => o.borrow_mut().rest.add(t),
                                V::List(l) => {
                                    let mut l = l.borrow_mut();
                                    if l.len() < MAX_LIST {
                                        l.push(Val::tainted(t.clone()));
                                    }
                                }
                                _ => v.t.add(t),
                            }
                        }
                    }
                    return;
                }
                Expr::Member(o, _) | Expr::Index(o, _) => cur = o,
                _ => return,
            }
        }
    }

    fn read_target(&mut self, t: &Target, env: &Env) -> Val {
        match t {
            Target::Pattern(Pattern::Name(n)) => self.name(n, env),
            Target::Pattern(_) => Val::unknown(),
            Target::Member(o, name) => {
                let o = self.eval(o, env);
                self.member(&o, name)
            }
            Target::Index(o, i) => {
                let o = self.eval(o, env);
                let k = self.eval(i, env);
                self.index(&o, &k)
            }
        }
    }

    // ---- functions, classes, imports ----------------------------------------------------

    pub(crate) fn closure(&self, id: FuncId, env: &Env) -> Val {
        Val::of(V::Func(Rc::new(Closure {
            func: id,
            env: env.clone(),
            this: None,
        })))
    }

    fn class(&mut self, def: &Arc<ClassDef>, env: &Env) {
        let rust = self.lang() == Lang::Rust;
        let cls = if rust {
            self.types
                .entry(Rc::from(&*def.name))
                .or_insert_with(|| {
                    Rc::new(RefCell::new(Obj {
                        class: Some(Rc::from(&*def.name)),
                        ..Obj::default()
                    }))
                })
                .clone()
        } else {
            Rc::new(RefCell::new(Obj {
                class: Some(Rc::from(&*def.name)),
                ..Obj::default()
            }))
        };
        for b in &def.bases {
            let base = self.eval(b, env);
            if let V::Obj(bo) = base.v {
                cls.borrow_mut().proto = Some(bo);
                break;
            }
        }
        let scope = new_env(Some(env.clone()));
        for s in &def.body {
            match s {
                // Methods close over the module, not the class body.
                Stmt::Func(name, id) => {
                    let c = self.closure(*id, env);
                    cls.borrow_mut().set(Rc::from(&**name), c);
                }
                other => self.exec(other, &scope),
            }
        }
        let vars: Vec<(Rc<str>, Val)> = scope
            .borrow()
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in vars {
            cls.borrow_mut().set(k, v);
        }
        env.borrow_mut()
            .vars
            .insert(Rc::from(&*def.name), Val::of(V::Obj(cls)));
    }

    /// The instance a class's instantiations share.
    pub(crate) fn instantiate(&mut self, cls: &Rc<RefCell<Obj>>) -> Rc<RefCell<Obj>> {
        if let Some(i) = cls.borrow().instance.clone() {
            return i;
        }
        let is_type = self.types.values().any(|t| Rc::ptr_eq(t, cls));
        if is_type {
            return cls.clone();
        }
        let inst = Rc::new(RefCell::new(Obj {
            class: cls.borrow().class.clone(),
            proto: Some(cls.clone()),
            ..Obj::default()
        }));
        cls.borrow_mut().instance = Some(inst.clone());
        inst
    }

    fn import(&mut self, imp: &Import, env: &Env) {
        match imp {
            Import::Module {
                local,
                spec,
                default,
            } => {
                let v = self.import_value(spec, None, *default);
                env.borrow_mut().vars.insert(Rc::from(&**local), v);
            }
            Import::Named { local, spec, name } => {
                let v = self.import_value(spec, Some(name), false);
                env.borrow_mut().vars.insert(Rc::from(&**local), v);
            }
            Import::Dotted { spec } => {
                let first = spec.split('.').next().unwrap_or(spec);
                let file = self.file();
                if let Some(target) = self.res.python(file, false, spec) {
                    self.load(target);
                }
                let v = match self.res.python_module(first) {
                    Some(f) => Val::of(V::Module(f)),
                    None => Val::ext(first),
                };
                env.borrow_mut().vars.insert(Rc::from(first), v);
            }
            Import::All { spec } => {
                let v = self.import_value(spec, None, false);
                if let V::Module(f) = v.v {
                    self.load(f);
                    let vars: Vec<(Rc<str>, Val)> = self.mods[f]
                        .scope
                        .borrow()
                        .vars
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    let mut e = env.borrow_mut();
                    for (k, v) in vars {
                        e.vars.entry(k).or_insert(v);
                    }
                }
            }
        }
    }

    /// The value an import binds.
    fn import_value(&mut self, spec: &str, name: Option<&str>, default: bool) -> Val {
        let lang = self.lang();
        let file = self.file();
        let target = match lang {
            Lang::Python => {
                let is_init = self.path().ends_with("__init__.py");
                self.res.python(file, is_init, spec)
            }
            Lang::Rust => self.rust_path(spec),
            _ => {
                let from = self.path().to_string();
                self.res.js(&from, spec)
            }
        };
        let Some(target) = target else {
            let base = library::normalize_module(spec);
            // `from . import sub` / `from pkg import sub`: a submodule of the package.
            if lang == Lang::Python {
                if let Some(n) = name {
                    let is_init = self.path().ends_with("__init__.py");
                    let full = self.res.python_name(file, is_init, spec).map(|p| {
                        if p.is_empty() {
                            n.to_string()
                        } else {
                            format!("{p}.{n}")
                        }
                    });
                    if let Some(sub) = full.and_then(|f| self.res.python_module(&f)) {
                        self.load(sub);
                        return Val::of(V::Module(sub));
                    }
                }
            }
            return match name {
                Some(n) => library::ext_member(self, &Val::ext(&base), n, 0),
                None => Val::ext(&base),
            };
        };
        self.load(target);
        let module = Val::of(V::Module(target));
        match name {
            Some(n) => {
                let v = self.module_member(target, n);
                if v.is_unknown() && lang == Lang::Python {
                    // `from pkg import submodule`
                    let dotted = self.res.dotted.get(&target).cloned().unwrap_or_default();
                    if let Some(sub) = self.res.python_module(&format!("{dotted}.{n}")) {
                        self.load(sub);
                        return Val::of(V::Module(sub));
                    }
                }
                v
            }
            None if default => {
                let exports = self.exports(target);
                let d = self.member(&exports, "default");
                if d.is_unknown() {
                    exports
                } else {
                    d
                }
            }
            None => module,
        }
    }

    /// A Rust path's module (`crate::a::b`, `super::x`, `self::y`, a child `mod`).
    fn rust_path(&self, spec: &str) -> Option<FileId> {
        let mut cur = self.file();
        let mut parts = spec.split("::").peekable();
        let first = *parts.peek()?;
        match first {
            "crate" => {
                cur = self.res.rust_root(cur);
                parts.next();
            }
            "self" => {
                parts.next();
            }
            "super" => {
                cur = self.res.rust_parent(cur)?;
                parts.next();
            }
            other => {
                self.res.rust_child(cur, other)?;
            }
        }
        for p in parts {
            match p {
                "super" => cur = self.res.rust_parent(cur)?,
                _ => cur = self.res.rust_child(cur, p)?,
            }
        }
        Some(cur)
    }

    /// The exports object of a JavaScript module (`module.exports`).
    pub(crate) fn exports(&self, file: FileId) -> Val {
        self.mods
            .get(file)
            .and_then(|m| m.module.borrow().get("exports"))
            .unwrap_or_else(Val::unknown)
    }

    /// A name of a module: its exports first, then its top-level bindings, then (Rust) a child
    /// module.
    pub(crate) fn module_member(&mut self, file: FileId, name: &str) -> Val {
        self.load(file);
        let exports = self.exports(file);
        if let V::Obj(o) = &exports.v {
            if let Some(v) = o.borrow().get_own(name) {
                return v.clone();
            }
        }
        if let Some(v) = self.module_var(file, name) {
            return v;
        }
        if let Some(child) = self.res.rust_child(file, name) {
            return Val::of(V::Module(child));
        }
        if self
            .prog
            .files
            .get(file)
            .is_some_and(|m| m.lang == Lang::Python)
        {
            let dotted = self.res.dotted.get(&file).cloned().unwrap_or_default();
            if let Some(sub) = self.res.python_module(&format!("{dotted}.{name}")) {
                self.load(sub);
                return Val::of(V::Module(sub));
            }
        }
        Val::unknown()
    }

    // ---- expressions --------------------------------------------------------------------

    pub(crate) fn eval(&mut self, e: &Expr, env: &Env) -> Val {
        if !self.tick() {
            return Val::unknown();
        }
        match e {
            Expr::Str(s) => Val::of(V::Str(Rc::from(&**s))),
            Expr::Num(n) => Val::num(*n),
            Expr::Bool(b) => Val::of(V::Bool(*b)),
            Expr::Null => Val::of(V::Null),
            Expr::Name(n) => self.name(n, env),
            Expr::Member(o, name) => {
                let o = self.eval(o, env);
                self.member(&o, name)
            }
            Expr::Index(o, i) => self.eval_index(o, i, env),
            Expr::Range(a, b) => self.eval_range(a.as_deref(), b.as_deref(), env),
            Expr::Call(c) => self.eval_call(c, env),
            Expr::Bin(op, a, b) => self.eval_bin(*op, a, b, env),
            Expr::Unary(op, a) => {
                let v = self.eval(a, env);
                unary(*op, &v)
            }
            Expr::Concat(parts) => self.eval_concat(parts, env),
            Expr::Format(fmt, args) => {
                let f = self.eval(fmt, env);
                let a = self.eval(args, env);
                library::percent_format(self, &f, &a)
            }
            Expr::Array(items) => self.eval_array(items, env),
            Expr::Spread(inner) => self.eval(inner, env),
            Expr::Object(props) => self.eval_object(props, env),
            Expr::Struct(name, fields) => self.eval_struct(name, fields, env),
            Expr::Lambda(id) => self.closure(*id, env),
            Expr::Cond(c, a, b) => {
                let cv = self.eval(c, env);
                match cv.truthy() {
                    Some(true) => self.eval(a, env),
                    Some(false) => self.eval(b, env),
                    None => {
                        self.cond_up();
                        let x = self.eval(a, env);
                        let y = self.eval(b, env);
                        self.cond_down();
                        join(&x, &y)
                    }
                }
            }
            Expr::Comp {
                elem,
                key,
                clauses,
                list,
            } => self.eval_comp(elem, key.as_deref(), clauses, *list, env),
            Expr::Block(stmts) => self.eval_block(stmts, env),
            Expr::Seq(items) => {
                let mut last = Val::unknown();
                for i in items {
                    last = self.eval(i, env);
                }
                last
            }
            Expr::Opaque(parts) => {
                let mut t = Taint::none();
                for p in parts {
                    let v = self.eval(p, env);
                    t.add(&v.deep_taint());
                }
                Val::tainted(t)
            }
            Expr::Regex => Val::ext("\u{1}regex"),
            Expr::Here { dir } => {
                let path = self.path().to_string();
                let here = if *dir {
                    path.rsplit_once('/').map_or("", |(d, _)| d).to_string()
                } else {
                    path
                };
                Val::string(format!("{PKG}{here}"))
            }
        }
    }

    fn eval_block(&mut self, stmts: &[Stmt], env: &Env) -> Val {
        let scope = new_env(Some(env.clone()));
        self.hoist(stmts, &scope);
        let mut last = Val::of(V::Null);
        for s in stmts {
            if !self.tick() || self.returned() {
                break;
            }
            match s {
                Stmt::Expr(e) => last = self.eval(e, &scope),
                Stmt::Assign(..) | Stmt::Let(..) => {
                    self.exec(s, &scope);
                    last = Val::of(V::Null);
                }
                other => {
                    self.exec(other, &scope);
                }
            }
        }
        // Bindings made inside (`if let`, `match` arms) stay visible to the function: the
        // interpreter scopes by function, not by block.
        let vars: Vec<(Rc<str>, Val)> = scope
            .borrow()
            .vars
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut e = env.borrow_mut();
        for (k, v) in vars {
            e.vars.entry(k).or_insert(v);
        }
        last
    }

    fn eval_index(&mut self, o: &Expr, i: &Expr, env: &Env) -> Val {
        let ov = self.eval(o, env);
        if let Expr::Range(a, b) = i {
            let a = a.as_ref().map(|a| self.eval(a, env));
            let b = b.as_ref().map(|b| self.eval(b, env));
            return library::slice(&ov, a.as_ref(), b.as_ref());
        }
        let k = self.eval(i, env);
        self.index(&ov, &k)
    }

    fn eval_range(&mut self, a: Option<&Expr>, b: Option<&Expr>, env: &Env) -> Val {
        let a = a.map(|a| self.eval(a, env));
        let b = b.map(|b| self.eval(b, env));
        match (a.as_ref().map(|v| &v.v), b.as_ref().map(|v| &v.v)) {
            (Some(V::Num(x)), Some(V::Num(y))) if *y >= *x && (*y - *x) <= MAX_LIST as f64 => {
                let start = *x as i64;
                let end = *y as i64;
                Val::list((start..end).map(|n| Val::num(n as f64)).collect())
            }
            _ => {
                let mut t = Taint::none();
                for v in a.iter().chain(b.iter()) {
                    t.add(&v.t);
                }
                Val::tainted(t)
            }
        }
    }

    fn eval_bin(&mut self, op: BinOp, a: &Expr, b: &Expr, env: &Env) -> Val {
        let x = self.eval(a, env);
        if op == BinOp::Or || op == BinOp::And {
            // Either side may be the value.
            self.cond_up();
            let y = self.eval(b, env);
            self.cond_down();
            return match (op, x.truthy()) {
                (BinOp::Or, Some(true)) | (BinOp::And, Some(false)) => x,
                (BinOp::Or, Some(false)) | (BinOp::And, Some(true)) => y,
                _ => join(&x, &y),
            };
        }
        let y = self.eval(b, env);
        self.binop(op, &x, &y)
    }

    /// `[x] * n`, `"x" * n`: a sequence repeated a constant number of times, too large to be
    /// anything but memory exhaustion.
    fn repeat_size(&mut self, x: &Val, y: &Val) {
        for (seq, n) in [(x, y), (y, x)] {
            let V::Num(n) = n.v else { continue };
            let line = self.line;
            match &seq.v {
                V::List(items) => {
                    let len = items.borrow().len().max(1) as f64;
                    library::huge_allocation(self, "list", n * len, line);
                }
                V::Str(s) => {
                    library::huge_allocation(self, "string", n * s.len().max(1) as f64, line);
                }
                _ => {}
            }
        }
    }

    pub(crate) fn binop(&mut self, op: BinOp, x: &Val, y: &Val) -> Val {
        let t = x.t.join(&y.t);
        if matches!(op, BinOp::Mul) {
            self.repeat_size(x, y);
        }
        match (op, &x.v, &y.v) {
            (BinOp::Add, V::Num(a), V::Num(b)) => Val::num(a + b).with(&t),
            (BinOp::Sub, V::Num(a), V::Num(b)) => Val::num(a - b).with(&t),
            (BinOp::Mul, V::Num(a), V::Num(b)) => Val::num(a * b).with(&t),
            (BinOp::Div, V::Num(a), V::Num(b)) if *b != 0.0 => Val::num(a / b).with(&t),
            (BinOp::Mod, V::Num(a), V::Num(b)) if *b != 0.0 => Val::num(a % b).with(&t),
            (BinOp::Pow, V::Num(a), V::Num(b)) => Val::num(a.powf(*b)).with(&t),
            (BinOp::BitXor, V::Num(a), V::Num(b)) => {
                Val::num(((*a as i64) ^ (*b as i64)) as f64).with(&t)
            }
            (BinOp::BitAnd, V::Num(a), V::Num(b)) => {
                Val::num(((*a as i64) & (*b as i64)) as f64).with(&t)
            }
            (BinOp::BitOr, V::Num(a), V::Num(b)) => {
                Val::num(((*a as i64) | (*b as i64)) as f64).with(&t)
            }
            (BinOp::Shl, V::Num(a), V::Num(b)) if *b < 63.0 => {
                Val::num(((*a as i64) << (*b as i64)) as f64).with(&t)
            }
            (BinOp::Shr, V::Num(a), V::Num(b)) if *b < 63.0 => {
                Val::num(((*a as i64) >> (*b as i64)) as f64).with(&t)
            }
            (BinOp::Eq, a, b) => cmp_eq(a, b).map_or(Val::unknown(), |r| Val::of(V::Bool(r))),
            (BinOp::Ne, a, b) => cmp_eq(a, b).map_or(Val::unknown(), |r| Val::of(V::Bool(!r))),
            (BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge, V::Num(a), V::Num(b)) => {
                let r = match op {
                    BinOp::Lt => a < b,
                    BinOp::Le => a <= b,
                    BinOp::Gt => a > b,
                    _ => a >= b,
                };
                Val::of(V::Bool(r))
            }
            (BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge | BinOp::In, _, _) => Val::unknown(),
            (BinOp::Add, V::List(a), V::List(b)) => {
                let mut items = a.borrow().clone();
                items.extend(b.borrow().iter().cloned());
                items.truncate(MAX_LIST);
                Val::list(items).with(&t)
            }
            (BinOp::Div, _, _) if x.parts().is_some() && y.parts().is_some() => {
                // pathlib's `/`.
                library::path_join(self, &[x.clone(), y.clone()])
            }
            (BinOp::Mul, V::Str(s), V::Num(n)) if *n >= 0.0 && s.len() * (*n as usize) < 65_536 => {
                Val::string(s.repeat(*n as usize)).with(&t)
            }
            (BinOp::Add, _, _) => match (x.parts(), y.parts()) {
                (Some(mut a), Some(b)) => {
                    a.extend(b);
                    spliced(from_parts(a, &t))
                }
                (Some(mut a), None) if !matches!(y.v, V::List(_) | V::Obj(_)) => {
                    a.push(Part::Hole(y.deep_taint()));
                    spliced(from_parts(a, &x.t))
                }
                (None, Some(b)) if !matches!(x.v, V::List(_) | V::Obj(_)) => {
                    let mut a = vec![Part::Hole(x.deep_taint())];
                    a.extend(b);
                    spliced(from_parts(a, &y.t))
                }
                _ => Val::tainted(x.deep_taint().join(&y.deep_taint())),
            },
            _ => Val::tainted(x.deep_taint().join(&y.deep_taint())),
        }
    }

    fn eval_concat(&mut self, parts: &[Expr], env: &Env) -> Val {
        let mut out = Vec::with_capacity(parts.len());
        let mut acc = Taint::none();
        for p in parts {
            let v = self.eval(p, env);
            match v.parts() {
                Some(ps) => {
                    out.extend(ps);
                    acc.add(&v.t);
                }
                None => out.push(Part::Hole(v.deep_taint())),
            }
        }
        spliced(from_parts(out, &acc))
    }

    fn eval_array(&mut self, items: &[Expr], env: &Env) -> Val {
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            if let Expr::Spread(inner) = i {
                let v = self.eval(inner, env);
                match self.elements(&v) {
                    Some(elems) => out.extend(elems),
                    None => out.push(Val::tainted(v.deep_taint())),
                }
            } else {
                out.push(self.eval(i, env));
            }
            if out.len() >= MAX_LIST {
                break;
            }
        }
        Val::list(out)
    }

    fn eval_object(&mut self, props: &[Prop], env: &Env) -> Val {
        let mut o = Obj::default();
        for p in props {
            match p {
                Prop::Static(k, v) => {
                    let val = self.eval(v, env);
                    o.set(Rc::from(&**k), val);
                }
                Prop::Computed(k, v) => {
                    let key = self.eval(k, env);
                    let val = self.eval(v, env);
                    match key.text() {
                        Some(text) => o.set(Rc::from(text), val),
                        None => {
                            o.rest.add(&val.deep_taint());
                            o.rest.add(&key.t);
                        }
                    }
                }
                Prop::Spread(v) => {
                    let val = self.eval(v, env);
                    match &val.v {
                        V::Obj(src) => {
                            let src = src.borrow();
                            for (k, f) in &src.fields {
                                o.set(k.clone(), f.clone());
                            }
                            o.rest.add(&src.rest);
                            o.rest.add(&val.t);
                        }
                        _ => o.rest.add(&val.deep_taint()),
                    }
                }
            }
        }
        Val::obj(o)
    }

    fn eval_struct(&mut self, name: &str, fields: &[(Arc<str>, Expr)], env: &Env) -> Val {
        let ty = self
            .types
            .entry(Rc::from(name))
            .or_insert_with(|| {
                Rc::new(RefCell::new(Obj {
                    class: Some(Rc::from(name)),
                    ..Obj::default()
                }))
            })
            .clone();
        for (k, e) in fields {
            let v = self.eval(e, env);
            let mut t = ty.borrow_mut();
            let new = match t.get_own(k) {
                Some(old) => join(old, &v),
                None => v,
            };
            t.set(Rc::from(&**k), new);
        }
        Val::of(V::Obj(ty))
    }

    fn eval_comp(
        &mut self,
        elem: &Expr,
        key: Option<&Expr>,
        clauses: &[Clause],
        list: bool,
        env: &Env,
    ) -> Val {
        let scope = new_env(Some(env.clone()));
        let mut out = Vec::new();
        let mut obj = Obj::default();
        self.comp_level(elem, key, clauses, &scope, &mut out, &mut obj);
        if list || key.is_none() {
            Val::list(out)
        } else {
            Val::obj(obj)
        }
    }

    fn comp_level(
        &mut self,
        elem: &Expr,
        key: Option<&Expr>,
        clauses: &[Clause],
        env: &Env,
        out: &mut Vec<Val>,
        obj: &mut Obj,
    ) {
        if out.len() >= MAX_LIST || !self.tick() {
            return;
        }
        let Some((first, rest)) = clauses.split_first() else {
            let v = self.eval(elem, env);
            match key {
                Some(k) => {
                    let kv = self.eval(k, env);
                    match kv.text() {
                        Some(text) => obj.set(Rc::from(text), v),
                        None => {
                            obj.rest.add(&v.deep_taint());
                            obj.rest.add(&kv.t);
                        }
                    }
                }
                None => out.push(v),
            }
            return;
        };
        match first {
            Clause::If(c) => {
                let _ = self.eval(c, env);
                self.comp_level(elem, key, rest, env, out, obj);
            }
            Clause::For(p, it) => {
                let iter = self.eval(it, env);
                match self.elements(&iter) {
                    Some(items) => {
                        for item in items.into_iter().take(64) {
                            self.bind(p, item, env, true);
                            self.comp_level(elem, key, rest, env, out, obj);
                        }
                    }
                    None => {
                        let item = Val::tainted(iter.deep_taint());
                        self.bind(p, item, env, true);
                        self.comp_level(elem, key, rest, env, out, obj);
                    }
                }
            }
        }
    }

    // ---- names and members --------------------------------------------------------------

    pub(crate) fn name(&mut self, n: &str, env: &Env) -> Val {
        if let Some(v) = lookup(env, n) {
            return v;
        }
        let lang = self.lang();
        let file = self.file();
        match (lang, n) {
            (_, "__dirname") => {
                let path = self.path();
                let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
                Val::string(format!("{PKG}{dir}"))
            }
            (_, "__filename" | "__file__") => Val::string(format!("{PKG}{}", self.path())),
            (Lang::Python, "__package__" | "__name__") => {
                let dotted = self.res.dotted.get(&file).cloned().unwrap_or_default();
                if n == "__package__" && !self.path().ends_with("__init__.py") {
                    let pkg = dotted.rsplit_once('.').map_or("", |(p, _)| p).to_string();
                    Val::string(pkg)
                } else {
                    Val::string(dotted)
                }
            }
            (Lang::JavaScript | Lang::TypeScript | Lang::Tsx, "module") => {
                Val::of(V::Obj(self.mods[file].module.clone()))
            }
            (Lang::JavaScript | Lang::TypeScript | Lang::Tsx, "exports") => self.exports(file),
            (Lang::Rust, "crate") => Val::of(V::Module(self.res.rust_root(file))),
            (Lang::Rust, "super") => self
                .res
                .rust_parent(file)
                .map_or_else(Val::unknown, |p| Val::of(V::Module(p))),
            (Lang::Rust, "Self") => {
                let owner = self.frames.iter().rev().find_map(|f| f.owner.clone());
                match owner {
                    Some(o) => self.instance_of(&o, file),
                    None => Val::unknown(),
                }
            }
            (Lang::Rust, _) => {
                if let Some(child) = self.res.rust_child(file, n) {
                    return Val::of(V::Module(child));
                }
                if let Some(t) = self.types.get(n) {
                    return Val::of(V::Obj(t.clone()));
                }
                library::ext_value(self, Rc::from(n), 0)
            }
            _ => library::ext_value(self, Rc::from(n), 0),
        }
    }

    /// `o.name`.
    pub(crate) fn member(&mut self, o: &Val, name: &str) -> Val {
        match &o.v {
            V::Obj(ob) => {
                let found = ob.borrow().get(name);
                match found {
                    Some(Val { v: V::Func(c), t }) => {
                        // A method read from an object is bound to it.
                        let bound = Rc::new(Closure {
                            func: c.func,
                            env: c.env.clone(),
                            this: Some(o.clone()),
                        });
                        Val {
                            v: V::Func(bound),
                            t,
                        }
                    }
                    Some(v) => v,
                    None => {
                        let rest = ob.borrow().rest.clone();
                        library::object_property(self, o, name)
                            .unwrap_or_else(|| Val::tainted(o.t.join(&rest)))
                    }
                }
            }
            V::Module(f) => {
                let f = *f;
                self.module_member(f, name)
            }
            V::Ext(_) => library::ext_member(self, o, name, 0),
            V::Func(c) => match name {
                "__name__" | "name" => {
                    let n = self
                        .prog
                        .funcs
                        .get(c.func)
                        .map_or("", |f| &f.name)
                        .to_string();
                    Val::string(n)
                }
                _ => Val::tainted(o.t.clone()),
            },
            // A field of something unknown: one value of it.
            _ => library::property(self, o, name)
                .unwrap_or_else(|| Val::tainted(library::narrow_env(&o.deep_taint()))),
        }
    }

    /// `o[k]`.
    pub(crate) fn index(&mut self, o: &Val, k: &Val) -> Val {
        match (&o.v, &k.v) {
            (V::List(items), V::Num(n)) => {
                let items = items.borrow();
                let i = if *n < 0.0 { items.len() as f64 + n } else { *n };
                items
                    .get(i as usize)
                    .cloned()
                    .map_or_else(|| Val::tainted(o.t.clone()), |v| v.with(&o.t))
            }
            (V::Str(s), V::Num(n)) => s
                .chars()
                .nth(*n as usize)
                .map_or_else(Val::unknown, |c| Val::string(c.to_string()))
                .with(&o.t),
            (V::Obj(_) | V::Module(_) | V::Ext(_), V::Str(key)) => {
                let key = key.clone();
                self.member(o, &key)
            }
            (V::Ext(_), _) => library::ext_member(self, o, "\u{1}[]", 0).with(&k.t),
            // A constant table looked up by an unknown key gives one of its values: the key
            // chooses, it does not flow into the result.
            (V::Obj(ob), _) => {
                let ob = ob.borrow();
                let mut t = o.t.join(&ob.rest);
                let mut first: Option<Val> = None;
                for (_, v) in &ob.fields {
                    t.add(&v.deep_taint());
                    if first.is_none() {
                        first = Some(v.clone());
                    }
                }
                match first {
                    Some(f) if ob.fields.len() == 1 => f.with(&t),
                    _ => Val::tainted(t),
                }
            }
            (V::List(items), _) => {
                let mut t = o.t.clone();
                for v in items.borrow().iter() {
                    t.add(&v.deep_taint());
                }
                Val::tainted(t)
            }
            _ => Val::tainted(library::narrow_env(&o.deep_taint()).join(&k.t)),
        }
    }

    // ---- calls --------------------------------------------------------------------------

    fn eval_args(&mut self, call: &Call, env: &Env) -> Args {
        let mut args = Args::default();
        for a in &call.args {
            let v = self.eval(&a.value, env);
            if a.spread {
                match self.elements(&v) {
                    Some(items) => args.pos.extend(items),
                    None => args.pos.push(Val::tainted(v.deep_taint())),
                }
            } else if a.kwspread {
                if let V::Obj(o) = &v.v {
                    for (k, f) in &o.borrow().fields {
                        args.kw.push((k.clone(), f.clone()));
                    }
                } else {
                    args.kw.push((Rc::from("\u{1}**"), v));
                }
            } else if let Some(n) = &a.name {
                args.kw.push((Rc::from(&**n), v));
            } else {
                args.pos.push(v);
            }
        }
        args
    }

    fn eval_call(&mut self, call: &Call, env: &Env) -> Val {
        let site = Site {
            line: call.line,
            discarded: call.discarded,
            new: call.new,
        };
        self.line = call.line;
        if let Expr::Member(obj, m) = &call.callee {
            let recv = self.eval(obj, env);
            let args = self.eval_args(call, env);
            self.line = call.line;
            return self.call_method(&recv, m, args, site, Some((obj, env)));
        }
        let f = self.eval(&call.callee, env);
        let args = self.eval_args(call, env);
        self.line = call.line;
        self.call_value(&f, args, site)
    }

    /// Calls a value.
    pub(crate) fn call_value(&mut self, f: &Val, args: Args, site: Site) -> Val {
        match &f.v {
            V::Func(c) => {
                let c = c.clone();
                self.invoke(&c, args, site, false)
            }
            V::Ext(path) => {
                let path = path.clone();
                library::call_ext(self, &path, &args, site).with(&f.t)
            }
            V::Obj(cls) if cls.borrow().class.is_some() => {
                let cls = cls.clone();
                let inst = self.instantiate(&cls);
                let inst_val = Val::of(V::Obj(inst.clone()));
                let init = cls
                    .borrow()
                    .get("__init__")
                    .or_else(|| cls.borrow().get("constructor"));
                if let Some(Val { v: V::Func(c), .. }) = init {
                    let bound = Rc::new(Closure {
                        func: c.func,
                        env: c.env.clone(),
                        this: Some(inst_val.clone()),
                    });
                    let _ = self.invoke(&bound, args, site, false);
                }
                inst_val
            }
            _ => {
                let raw = f.t.join(&args.taint());
                self.callbacks(&args, raw.clone());
                Val::tainted(library::narrow_env(&raw))
            }
        }
    }

    /// Calls `recv.m(args)`.
    pub(crate) fn call_method(
        &mut self,
        recv: &Val,
        m: &str,
        args: Args,
        site: Site,
        recv_expr: Option<(&Expr, &Env)>,
    ) -> Val {
        match &recv.v {
            V::Obj(o) => {
                let found = o.borrow().get(m);
                if let Some(v @ Val { v: V::Func(_), .. }) = found {
                    let bound = self.member(recv, m);
                    let _ = v;
                    return self.call_value(&bound, args, site);
                }
                if let Some(v) = found {
                    if matches!(v.v, V::Ext(_) | V::Obj(_)) {
                        return self.call_value(&v, args, site);
                    }
                }
            }
            V::Module(f) => {
                let f = *f;
                let v = self.module_member(f, m);
                return self.call_value(&v, args, site);
            }
            V::Ext(_) => {
                let v = library::ext_member(self, recv, m, site.line);
                return self.call_value(&v, args, site);
            }
            _ => {}
        }
        match library::method(self, recv, m, &args, site) {
            Some(v) => v,
            None => self.unknown_method(recv, m, args, site, recv_expr),
        }
    }

    /// A method nothing models: its result carries the receiver's and arguments' taint, and
    /// functions passed to it are called (callbacks, handlers).
    fn unknown_method(
        &mut self,
        recv: &Val,
        m: &str,
        args: Args,
        site: Site,
        recv_expr: Option<(&Expr, &Env)>,
    ) -> Val {
        library::registration(self, m, &args, site);
        library::query(self, m, &args, site);
        let arg_taint = args.taint();
        // A reader handed a credential path (`config.read("~/.pypirc")`) holds its secrets.
        let secret_path = args
            .all()
            .any(|a| a.text().is_some_and(|t| library::secret_path(t).is_some()));
        // A getter on something unknown reads one value of it.
        let recv_taint = if library::GETTERS.contains(&m) {
            library::narrow_env(&recv.deep_taint())
        } else {
            recv.deep_taint()
        };
        let mut t = recv_taint.join(&arg_taint);
        if secret_path {
            let what = args
                .all()
                .find_map(|a| a.text().filter(|t| library::secret_path(t).is_some()))
                .unwrap_or("")
                .to_string();
            let s = self.source(label::SECRET_FILE, &what, site.line);
            let mut e = self.event(Sink::SourceRead, site.line);
            e.data = s.clone();
            e.text = what;
            e.known = true;
            self.emit(e);
            t.add(&s);
        }
        if let Some((e, env)) = recv_expr {
            if library::MUTATORS.contains(&m) || secret_path {
                let add = if secret_path {
                    t.clone()
                } else {
                    arg_taint.clone()
                };
                let env = env.clone();
                self.taint_expr(e, &add, &env);
            }
        }
        let elem = match self.elements(recv) {
            Some(items) if !items.is_empty() => Some(items),
            _ => None,
        };
        self.callbacks_with(&args, t.clone(), elem);
        Val::tainted(t)
    }

    /// Calls every function among the arguments (a callback), with arguments carrying `t`.
    pub(crate) fn callbacks(&mut self, args: &Args, t: Taint) {
        self.callbacks_with(args, t, None);
    }

    fn callbacks_with(&mut self, args: &Args, t: Taint, elems: Option<Vec<Val>>) {
        let funcs: Vec<(usize, Rc<Closure>)> = args
            .all()
            .enumerate()
            .filter_map(|(i, a)| match &a.v {
                V::Func(c) => Some((i, c.clone())),
                _ => None,
            })
            .collect();
        for (i, c) in funcs {
            // Arguments after the callback are often its arguments (`setTimeout(f, ms, a)`,
            // `executor.submit(f, a, b)`).
            let mut after: Vec<Val> = args.pos.iter().skip(i + 1).cloned().collect();
            // `Thread(target=f, args=(a, b))`, `Timer(t, f, args=…)`.
            if let Some(list) = args.kw("args").cloned() {
                if let Some(items) = self.elements(&list) {
                    after = items;
                }
            }
            let mut cb_args = Args::default();
            match &elems {
                Some(items) => {
                    let mut first = items[0].clone();
                    for it in items.iter().skip(1).take(16) {
                        first = join(&first, it);
                    }
                    cb_args.pos.push(first);
                    cb_args.pos.push(Val::tainted(t.clone()));
                }
                None if !after.is_empty() && !after.iter().all(|a| matches!(a.v, V::Num(_))) => {
                    cb_args.pos = after;
                }
                None => {
                    for _ in 0..3 {
                        cb_args.pos.push(Val::tainted(t.clone()));
                    }
                }
            }
            self.callback(&c, &cb_args, t.clone());
        }
    }

    /// Calls a callback once (a handler callback gets tool arguments).
    pub(crate) fn callback(&mut self, c: &Rc<Closure>, args: &Args, _t: Taint) {
        let handler = self.prog.funcs.get(c.func).is_some_and(|f| f.handler);
        let site = Site {
            line: self.prog.funcs.get(c.func).map_or(0, |f| f.line),
            discarded: true,
            new: false,
        };
        let args = Args {
            pos: args.pos.clone(),
            kw: args.kw.clone(),
        };
        let _ = self.invoke(c, args, site, handler);
    }

    /// Runs a package function with arguments.
    pub(crate) fn invoke(&mut self, c: &Rc<Closure>, args: Args, site: Site, handler: bool) -> Val {
        let prog = self.prog;
        let Some(func) = prog.funcs.get(c.func) else {
            return Val::tainted(args.taint());
        };
        if self.hex_decoders.get(c.func).copied().unwrap_or(false) {
            if let Some(v) = library::hex_decode_call(self, &args, site.line) {
                return v;
            }
        }
        let depth_exceeded = self.frames.len() > MAX_DEPTH;
        let recursion = self
            .frames
            .iter()
            .filter(|f| f.func == Some(c.func))
            .count()
            >= 2;
        if depth_exceeded || recursion || self.spent() {
            return Val::tainted(args.taint());
        }
        if let Some(e) = self.executed.get_mut(c.func) {
            *e = true;
        }
        if handler {
            if let Some(h) = self.handled.get_mut(c.func) {
                if *h {
                    // A handler runs once with tool arguments.
                    return Val::unknown();
                }
                *h = true;
            }
        }
        let env = new_env(Some(c.env.clone()));
        self.bind_params(c, func, args, handler, &env);
        let call_file = self.file();
        self.frames.push(Frame {
            func: Some(c.func),
            file: func.file,
            name: Rc::from(&*func.name),
            call_file,
            call_line: site.line,
            cond: 0,
            ret: None,
            returned: false,
            owner: func.owner.clone(),
            handler: handler || func.handler,
        });
        self.exec_block(&func.body, &env);
        let frame = self.frames.pop();
        frame.and_then(|f| f.ret).unwrap_or(Val::of(V::Null))
    }

    fn bind_params(
        &mut self,
        c: &Rc<Closure>,
        func: &super::ir::Function,
        args: Args,
        handler: bool,
        env: &Env,
    ) {
        let mut pos = args.pos.into_iter();
        let mut params = func.params.iter().peekable();
        if let Some(this) = &c.this {
            env.borrow_mut().vars.insert(Rc::from("this"), this.clone());
            env.borrow_mut().vars.insert(Rc::from("self"), this.clone());
            if func.takes_self
                && self
                    .prog
                    .files
                    .get(func.file)
                    .is_some_and(|m| m.lang == Lang::Python)
            {
                if let Some(p) = params.next() {
                    self.bind(&p.pattern, this.clone(), env, true);
                }
            }
        } else if func.takes_self
            && self
                .prog
                .files
                .get(func.file)
                .is_some_and(|m| m.lang == Lang::Python)
        {
            if let Some(p) = params.next() {
                let v = pos.next().unwrap_or_else(Val::unknown);
                self.bind(&p.pattern, v, env, true);
            }
        }
        let kw = args.kw;
        for p in params {
            let pname = match &p.pattern {
                Pattern::Name(n) => Some(n.clone()),
                _ => None,
            };
            let v = if handler {
                self.tool_arg(p, func)
            } else if p.rest {
                Val::list(pos.by_ref().collect())
            } else if p.kwrest {
                let mut o = Obj::default();
                for (k, v) in &kw {
                    o.set(k.clone(), v.clone());
                }
                Val::obj(o)
            } else {
                let by_name = pname
                    .as_ref()
                    .and_then(|n| kw.iter().find(|(k, _)| **k == **n).map(|(_, v)| v.clone()));
                match by_name.or_else(|| pos.next()) {
                    Some(v) => v,
                    None => match &p.default {
                        Some(d) => self.eval(d, env),
                        None => Val::unknown(),
                    },
                }
            };
            self.bind(&p.pattern, v, env, true);
        }
    }

    /// The value of a handler parameter: a tool argument.
    fn tool_arg(&mut self, p: &super::ir::Param, func: &super::ir::Function) -> Val {
        let arg = |what: &str| {
            let mut t = Taint::source(Origin {
                label: label::TOOL_ARG,
                what: format!("tool argument `{what}`"),
                file: func.file,
                line: func.line,
            });
            if library::secret_arg_name(what) {
                t.bits |= label::SECRET_ARG;
            }
            Val::tainted(t)
        };
        // `({ ref, limit }) => …`: each field is the argument of that name.
        if let Pattern::Object(props, _) = &p.pattern {
            let mut o = Obj::default();
            for (key, _) in props {
                o.set(Rc::from(&**key), arg(key));
            }
            o.rest = arg("arguments").t;
            return Val::obj(o);
        }
        let n = match &p.pattern {
            Pattern::Name(n) => n.to_string(),
            Pattern::Wrap(inner) => match inner.as_ref() {
                Pattern::Name(n) => n.to_string(),
                _ => "arguments".into(),
            },
            _ => "arguments".into(),
        };
        if matches!(n.as_str(), "ctx" | "context" | "extra" | "signal" | "_") {
            return Val::unknown();
        }
        arg(&n)
    }
}

/// A string built from a tool argument and constant text is marked spliced, unless every
/// argument sits inside quotes of the text (`grep -e '…'`, `tar -C "…"`: quoted, if not always
/// safely).
pub(crate) fn spliced(mut v: Val) -> Val {
    if !v.t.has(label::TOOL_ARG) {
        return v;
    }
    if let V::Tmpl(parts) = &v.v {
        let lit = parts
            .iter()
            .any(|p| matches!(p, Part::Lit(s) if s.chars().any(|c| !c.is_whitespace())));
        // The quote the text is inside, as the literal parts open and close quotes.
        let mut quote: Option<char> = None;
        let mut bare = false;
        for p in parts.iter() {
            match p {
                Part::Lit(s) => {
                    for c in s.chars() {
                        match (quote, c) {
                            (Some(q), c) if c == q => quote = None,
                            (None, '"' | '\'') => quote = Some(c),
                            _ => {}
                        }
                    }
                }
                Part::Hole(t) if t.has(label::TOOL_ARG) && quote.is_none() => bare = true,
                Part::Hole(_) => {}
            }
        }
        if lit && bare {
            v.t.bits |= label::SPLICED;
        }
    }
    v
}

fn cmp_eq(a: &V, b: &V) -> Option<bool> {
    match (a, b) {
        (V::Str(x), V::Str(y)) => Some(x == y),
        (V::Num(x), V::Num(y)) => Some(x == y),
        (V::Bool(x), V::Bool(y)) => Some(x == y),
        (V::Null, V::Null) => Some(true),
        _ => None,
    }
}

fn unary(op: UnOp, v: &Val) -> Val {
    match op {
        UnOp::Not => v
            .truthy()
            .map_or_else(Val::unknown, |b| Val::of(V::Bool(!b))),
        UnOp::Neg => match v.v {
            V::Num(n) => Val::num(-n).with(&v.t),
            _ => Val::tainted(v.t.clone()),
        },
        UnOp::Plus => match &v.v {
            V::Num(n) => Val::num(*n),
            V::Str(s) => s
                .trim()
                .parse::<f64>()
                .map_or_else(|_| Val::unknown(), Val::num),
            _ => Val::unknown(),
        },
        UnOp::BitNot => match v.v {
            V::Num(n) => Val::num(!(n as i64) as f64).with(&v.t),
            _ => Val::tainted(v.t.clone()),
        },
        UnOp::TypeOf => Val::unknown(),
        UnOp::Other => Val::tainted(v.t.clone()),
    }
}
