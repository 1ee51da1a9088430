//! Abstract values: what the interpreter knows about a value (its text, when constant folding
//! got it; its shape; or nothing) and where its data came from (its [`Taint`]).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use super::ir::{FileId, FuncId};

/// Where data came from. Sources are data (see `sources.rs`); flows are rules (`flows.rs`).
pub(crate) mod label {
    /// The whole environment, or a walk over it.
    pub(crate) const ENV_ALL: u32 = 1;
    /// An environment variable named like a secret (`*_TOKEN`, `*_KEY`, `*SECRET*`, …).
    pub(crate) const ENV_SECRET: u32 = 1 << 1;
    /// A credential file (SSH keys, cloud credentials, registry tokens, browser profiles, other
    /// AI clients' configuration): its content, or the paths of such files.
    pub(crate) const SECRET_FILE: u32 = 1 << 2;
    /// An argument of a tool call.
    pub(crate) const TOOL_ARG: u32 = 1 << 3;
    /// Decoded at run time from a constant (base64, hex, char codes, XOR).
    pub(crate) const DECODED: u32 = 1 << 4;
    /// A network response.
    pub(crate) const NET: u32 = 1 << 5;
    /// A file shipped in the package (its bytes, or its path).
    pub(crate) const PKG_FILE: u32 = 1 << 6;
    /// The content of a file read at run time.
    pub(crate) const FILE_DATA: u32 = 1 << 7;
    /// A tool argument spliced into constant text (a command or code template).
    pub(crate) const SPLICED: u32 = 1 << 8;
    /// An ordinary environment variable (configuration).
    pub(crate) const ENV_VAR: u32 = 1 << 9;
    /// Made safe for a shell or for code (quoted, escaped, converted to a number).
    pub(crate) const QUOTED: u32 = 1 << 10;
    /// A tool argument whose name says it is a secret (`password`, `api_key`, `token`): a flag
    /// beside `TOOL_ARG`, kept through joins that keep only the first origins.
    pub(crate) const SECRET_ARG: u32 = 1 << 11;

    /// Labels that name a source (everything but the flags).
    pub(crate) const SOURCES: u32 = ENV_ALL
        | ENV_SECRET
        | SECRET_FILE
        | TOOL_ARG
        | DECODED
        | NET
        | PKG_FILE
        | FILE_DATA
        | ENV_VAR;

    /// A short name for evidence.
    pub(crate) fn name(l: u32) -> &'static str {
        match l {
            ENV_ALL => "the environment",
            ENV_SECRET => "a secret environment variable",
            SECRET_FILE => "a credential file",
            TOOL_ARG => "a tool argument",
            DECODED => "decoded data",
            NET => "a network response",
            PKG_FILE => "a file shipped in the package",
            FILE_DATA => "file contents",
            ENV_VAR => "an environment variable",
            _ => "data",
        }
    }
}

/// Where a source was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    pub label: u32,
    /// What was read: `process.env`, `GITHUB_TOKEN`, `~/.npmrc`, "tool argument `ref`",
    /// "base64 literal".
    pub what: String,
    pub file: FileId,
    pub line: u32,
}

/// Most origins one value remembers.
const MAX_ORIGINS: usize = 6;

/// The sources a value's data came from, with where each was first read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Taint {
    pub bits: u32,
    pub origins: Option<Arc<Vec<Arc<Origin>>>>,
}

impl Taint {
    pub(crate) fn none() -> Taint {
        Taint::default()
    }

    pub(crate) fn source(origin: Origin) -> Taint {
        Taint {
            bits: origin.label,
            origins: Some(Arc::new(vec![Arc::new(origin)])),
        }
    }

    pub(crate) fn flag(bits: u32) -> Taint {
        Taint {
            bits,
            origins: None,
        }
    }

    pub(crate) fn is_clean(&self) -> bool {
        self.bits & label::SOURCES == 0
    }

    pub(crate) fn has(&self, bits: u32) -> bool {
        self.bits & bits != 0
    }

    /// The union of two taints.
    pub(crate) fn join(&self, other: &Taint) -> Taint {
        if other.bits == 0 && other.origins.is_none() {
            return self.clone();
        }
        if self.bits == 0 && self.origins.is_none() {
            return other.clone();
        }
        // Nothing new (the common case in loops and joins): keep this one.
        if other.bits & !self.bits == 0 && (self.origins.is_some() || other.origins.is_none()) {
            return self.clone();
        }
        let origins = match (&self.origins, &other.origins) {
            (Some(a), Some(b)) if !Arc::ptr_eq(a, b) => {
                let mut v: Vec<Arc<Origin>> = a.as_ref().clone();
                for o in b.iter() {
                    if v.len() >= MAX_ORIGINS {
                        break;
                    }
                    if !v.iter().any(|x| x.label == o.label && x.what == o.what) {
                        v.push(o.clone());
                    }
                }
                Some(Arc::new(v))
            }
            (Some(a), _) => Some(a.clone()),
            (None, b) => b.clone(),
        };
        Taint {
            bits: self.bits | other.bits,
            origins,
        }
    }

    pub(crate) fn add(&mut self, other: &Taint) {
        *self = self.join(other);
    }

    /// This taint without the given labels.
    pub(crate) fn without(&self, bits: u32) -> Taint {
        let keep = self.bits & !bits;
        let origins = self.origins.as_ref().and_then(|o| {
            let v: Vec<Arc<Origin>> = o.iter().filter(|x| x.label & keep != 0).cloned().collect();
            (!v.is_empty()).then(|| Arc::new(v))
        });
        Taint {
            bits: keep,
            origins,
        }
    }

    /// The first origin of one of the labels.
    pub(crate) fn origin(&self, bits: u32) -> Option<&Origin> {
        self.origins
            .as_ref()?
            .iter()
            .find(|o| o.label & bits != 0)
            .map(Arc::as_ref)
    }
}

/// A part of a partly known string.
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Lit(Rc<str>),
    /// Something unknown, with its taint.
    Hole(Taint),
}

/// Longest text the interpreter builds.
pub(crate) const MAX_TEXT: usize = 512 * 1024;
/// Most elements a list keeps (the rest are joined into the last one).
pub(crate) const MAX_LIST: usize = 4_096;
/// Most fields an object keeps.
pub(crate) const MAX_FIELDS: usize = 512;

/// An object (Python dict or instance, JavaScript object, Rust struct, class).
#[derive(Debug, Default)]
pub(crate) struct Obj {
    pub fields: Vec<(Rc<str>, Val)>,
    /// The class of an instance, or the base of a class.
    pub proto: Option<Rc<RefCell<Obj>>>,
    /// Class objects: their name; instances: their class's name.
    pub class: Option<Rc<str>>,
    /// A class object: the instance shared by all its instantiations.
    pub instance: Option<Rc<RefCell<Obj>>>,
    /// Taint of fields not known by name (spread of an unknown object).
    pub rest: Taint,
}

impl Obj {
    pub(crate) fn get_own(&self, key: &str) -> Option<&Val> {
        self.fields
            .iter()
            .find(|(k, _)| &**k == key)
            .map(|(_, v)| v)
    }

    /// A field, looked up through the class chain (bounded).
    pub(crate) fn get(&self, key: &str) -> Option<Val> {
        if let Some(v) = self.get_own(key) {
            return Some(v.clone());
        }
        let mut proto = self.proto.clone();
        for _ in 0..8 {
            let p = proto?;
            let b = p.borrow();
            if let Some(v) = b.get_own(key) {
                return Some(v.clone());
            }
            proto = b.proto.clone();
        }
        None
    }

    pub(crate) fn set(&mut self, key: Rc<str>, value: Val) {
        if let Some(slot) = self.fields.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
        } else if self.fields.len() < MAX_FIELDS {
            self.fields.push((key, value));
        } else {
            self.rest.add(&value.t);
        }
    }
}

/// A function value: the function and the scope it closes over.
#[derive(Debug)]
pub(crate) struct Closure {
    pub func: FuncId,
    pub env: Env,
    /// The receiver it was read from (`obj.method`), bound to `this`/`self`.
    pub this: Option<Val>,
}

/// Something the program holds that stands for an outside resource.
#[derive(Debug, Clone)]
pub(crate) enum Handle {
    /// An HTTP request or client, a socket: where it goes, and data given before sending.
    Net { dest: Val, data: Val },
    /// A process being built (Rust `Command`): program and arguments.
    Cmd {
        program: Val,
        args: Vec<Val>,
        detached: bool,
    },
    /// A started process; `event` is the index of its start event.
    Child { event: Option<usize> },
    /// An open file.
    File { path: Val, write: bool },
    /// A mail transport.
    Mail,
}

/// A value.
#[derive(Debug, Clone)]
pub(crate) enum V {
    Unknown,
    Str(Rc<str>),
    /// A string known in part.
    Tmpl(Rc<[Part]>),
    Num(f64),
    Bool(bool),
    Null,
    Bytes(Rc<[u8]>),
    List(Rc<RefCell<Vec<Val>>>),
    Obj(Rc<RefCell<Obj>>),
    Func(Rc<Closure>),
    /// Something outside the package: a module, a library function, a global (`os.environ`,
    /// `child_process.exec`, `fetch`).
    Ext(Rc<str>),
    /// A module of the package.
    Module(FileId),
    Handle(Rc<RefCell<Handle>>),
}

/// A value and its taint.
#[derive(Debug, Clone)]
pub(crate) struct Val {
    pub v: V,
    pub t: Taint,
}

impl Val {
    pub(crate) fn unknown() -> Val {
        Val {
            v: V::Unknown,
            t: Taint::none(),
        }
    }

    pub(crate) fn tainted(t: Taint) -> Val {
        Val { v: V::Unknown, t }
    }

    pub(crate) fn of(v: V) -> Val {
        Val {
            v,
            t: Taint::none(),
        }
    }

    pub(crate) fn str(s: &str) -> Val {
        Val::of(V::Str(Rc::from(s)))
    }

    pub(crate) fn string(s: String) -> Val {
        if s.len() > MAX_TEXT {
            return Val::unknown();
        }
        Val::of(V::Str(Rc::from(s)))
    }

    pub(crate) fn num(n: f64) -> Val {
        Val::of(V::Num(n))
    }

    pub(crate) fn list(items: Vec<Val>) -> Val {
        Val::of(V::List(Rc::new(RefCell::new(items))))
    }

    pub(crate) fn obj(o: Obj) -> Val {
        Val::of(V::Obj(Rc::new(RefCell::new(o))))
    }

    pub(crate) fn ext(path: &str) -> Val {
        Val::of(V::Ext(Rc::from(path)))
    }

    pub(crate) fn with(mut self, t: &Taint) -> Val {
        self.t.add(t);
        self
    }

    /// The text, when fully known.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn is_unknown(&self) -> bool {
        matches!(self.v, V::Unknown)
    }

    /// The value as string parts (`None` for values that are not string-like).
    pub(crate) fn parts(&self) -> Option<Vec<Part>> {
        match &self.v {
            V::Str(s) => Some(vec![Part::Lit(s.clone())]),
            V::Tmpl(p) => Some(p.to_vec()),
            V::Num(n) => Some(vec![Part::Lit(Rc::from(num_text(*n)))]),
            V::Bool(b) => Some(vec![Part::Lit(Rc::from(if *b { "true" } else { "false" }))]),
            V::Bytes(b) => Some(vec![Part::Lit(Rc::from(
                String::from_utf8_lossy(b).as_ref(),
            ))]),
            _ => None,
        }
    }

    /// The text with unknown parts shown as `…` (for matching and evidence).
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out, 0);
        out
    }

    fn render_into(&self, out: &mut String, depth: u32) {
        if out.len() > MAX_TEXT || depth > 6 {
            return;
        }
        match &self.v {
            V::Str(s) => out.push_str(s),
            V::Tmpl(parts) => {
                for p in parts.iter() {
                    match p {
                        Part::Lit(s) => out.push_str(s),
                        Part::Hole(_) => out.push('\u{2026}'),
                    }
                }
            }
            V::Num(n) => out.push_str(&num_text(*n)),
            V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            V::Bytes(b) => out.push_str(&String::from_utf8_lossy(b)),
            V::List(items) => {
                let items = items.borrow();
                for (i, it) in items.iter().enumerate().take(64) {
                    if i > 0 {
                        out.push(' ');
                    }
                    it.render_into(out, depth + 1);
                }
            }
            V::Ext(p) => out.push_str(p),
            _ => out.push('\u{2026}'),
        }
    }

    /// Every taint the value holds, fields and elements included (bounded).
    pub(crate) fn deep_taint(&self) -> Taint {
        let mut t = self.t.clone();
        let mut budget = 256u32;
        deep(self, &mut t, 0, &mut budget);
        t
    }

    /// A truthiness when known.
    pub(crate) fn truthy(&self) -> Option<bool> {
        match &self.v {
            V::Bool(b) => Some(*b),
            V::Null => Some(false),
            V::Num(n) => Some(*n != 0.0),
            V::Str(s) => Some(!s.is_empty()),
            _ => None,
        }
    }
}

fn deep(v: &Val, t: &mut Taint, depth: u32, budget: &mut u32) {
    if depth > 8 || *budget == 0 {
        return;
    }
    *budget -= 1;
    match &v.v {
        V::Tmpl(parts) => {
            for p in parts.iter() {
                if let Part::Hole(h) = p {
                    t.add(h);
                }
            }
        }
        V::List(items) => {
            if let Ok(items) = items.try_borrow() {
                for it in items.iter() {
                    t.add(&it.t);
                    deep(it, t, depth + 1, budget);
                }
            }
        }
        V::Obj(o) => {
            if let Ok(o) = o.try_borrow() {
                t.add(&o.rest);
                // Classes, types and instances are not data: their fields are reached by name.
                if o.class.is_some() {
                    return;
                }
                for (_, f) in &o.fields {
                    if matches!(f.v, V::Func(_)) {
                        continue;
                    }
                    t.add(&f.t);
                    deep(f, t, depth + 1, budget);
                }
            }
        }
        V::Handle(h) => {
            if let Ok(h) = h.try_borrow() {
                if let Handle::Net { data, .. } = &*h {
                    t.add(&data.deep_taint());
                }
            }
        }
        _ => {}
    }
}

/// A number as JavaScript prints it (integers without `.0`).
pub(crate) fn num_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Bytes string building may copy in one interpreter run (`s += c` in a loop is quadratic).
const MAX_COPIED: u64 = 256 * 1024 * 1024;

thread_local! {
    static COPIED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Resets the string-building budget (at the start of a run).
pub(crate) fn reset_budget() {
    COPIED.with(|c| c.set(0));
}

/// Builds a string value from parts, merging literals; fully known parts give a [`V::Str`].
/// Past [`MAX_TEXT`], or once the run's copying budget is spent, the text is cut (a trailing
/// unknown part) but the taint is kept.
pub(crate) fn from_parts(parts: Vec<Part>, extra: &Taint) -> Val {
    let mut merged: Vec<Part> = Vec::with_capacity(parts.len());
    let mut taint = extra.clone();
    let mut len = 0usize;
    let spent = COPIED.with(|c| c.get() > MAX_COPIED);
    for p in parts {
        match p {
            Part::Lit(s) => {
                len += s.len();
                if len > MAX_TEXT || spent {
                    for rest in merged.iter() {
                        if let Part::Hole(t) = rest {
                            taint.add(t);
                        }
                    }
                    merged.truncate(4);
                    merged.push(Part::Hole(Taint::none()));
                    return Val {
                        v: V::Tmpl(Rc::from(merged)),
                        t: taint,
                    };
                }
                COPIED.with(|c| c.set(c.get() + s.len() as u64 + len as u64));
                if let Some(Part::Lit(prev)) = merged.last_mut() {
                    let mut joined = String::with_capacity(prev.len() + s.len());
                    joined.push_str(prev);
                    joined.push_str(&s);
                    *prev = Rc::from(joined);
                } else if !s.is_empty() {
                    merged.push(Part::Lit(s));
                }
            }
            Part::Hole(t) => {
                taint.add(&t);
                if merged.len() < 256 {
                    merged.push(Part::Hole(t));
                }
            }
        }
    }
    let v = match merged.as_slice() {
        [] => V::Str(Rc::from("")),
        [Part::Lit(s)] => V::Str(s.clone()),
        _ => V::Tmpl(Rc::from(merged)),
    };
    Val { v, t: taint }
}

/// A lexical scope.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    pub vars: HashMap<Rc<str>, Val>,
    pub parent: Option<Env>,
    /// Python `global` names (assignments go to the module scope).
    pub globals: Vec<Rc<str>>,
}

/// A shared scope.
pub(crate) type Env = Rc<RefCell<Scope>>;

thread_local! {
    /// Every scope made on this thread since the last [`release_scopes`]. Scopes and values
    /// point at each other (a function value keeps the scope it closes over, which binds the
    /// function), so reference counting alone never frees them: the run releases them all at
    /// its end.
    static SCOPES: RefCell<Vec<std::rc::Weak<RefCell<Scope>>>> = const { RefCell::new(Vec::new()) };
}

pub(crate) fn new_env(parent: Option<Env>) -> Env {
    let env = Rc::new(RefCell::new(Scope {
        vars: HashMap::new(),
        parent,
        globals: Vec::new(),
    }));
    SCOPES.with(|s| {
        let mut s = s.borrow_mut();
        // Keep the list to the scopes still alive (a weak pointer keeps its allocation).
        if s.len() >= 1024 && s.len().is_power_of_two() {
            s.retain(|w| w.strong_count() > 0);
        }
        s.push(Rc::downgrade(&env));
    });
    env
}

/// Empties every scope made on this thread, which breaks the cycles between scopes and the
/// functions that close over them; called when a run's results have been taken.
pub(crate) fn release_scopes() {
    let scopes = SCOPES.with(|s| std::mem::take(&mut *s.borrow_mut()));
    for scope in scopes.iter().filter_map(std::rc::Weak::upgrade) {
        if let Ok(mut s) = scope.try_borrow_mut() {
            let vars = std::mem::take(&mut s.vars);
            let parent = s.parent.take();
            drop(s);
            drop(vars);
            drop(parent);
        }
    }
}

/// How many scopes made on this thread are still alive (tests).
#[cfg(test)]
pub(crate) fn live_scopes() -> usize {
    SCOPES.with(|s| s.borrow().iter().filter(|w| w.strong_count() > 0).count())
}

/// Looks a name up through the scope chain (bounded).
pub(crate) fn lookup(env: &Env, name: &str) -> Option<Val> {
    let mut cur = env.clone();
    for _ in 0..64 {
        let next = {
            let s = cur.borrow();
            if let Some(v) = s.vars.get(name) {
                return Some(v.clone());
            }
            s.parent.clone()
        };
        cur = next?;
    }
    None
}

/// The scope that binds `name`, if any.
pub(crate) fn binding_scope(env: &Env, name: &str) -> Option<Env> {
    let mut cur = env.clone();
    for _ in 0..64 {
        let next = {
            let s = cur.borrow();
            if s.vars.contains_key(name) {
                return Some(cur.clone());
            }
            s.parent.clone()
        };
        cur = next?;
    }
    None
}

/// Joins two values (either may be the one at run time): constants are kept, taints united.
pub(crate) fn join(a: &Val, b: &Val) -> Val {
    let t = a.t.join(&b.t);
    let v = match (&a.v, &b.v) {
        (V::Unknown, other) | (other, V::Unknown) => other.clone(),
        (V::Null, other) => other.clone(),
        (x, _) => x.clone(),
    };
    Val { v, t }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taints_join_and_keep_origins() {
        let a = Taint::source(Origin {
            label: label::ENV_ALL,
            what: "process.env".into(),
            file: 0,
            line: 3,
        });
        let b = Taint::source(Origin {
            label: label::TOOL_ARG,
            what: "ref".into(),
            file: 0,
            line: 9,
        });
        let j = a.join(&b);
        assert!(j.has(label::ENV_ALL) && j.has(label::TOOL_ARG));
        assert_eq!(j.origin(label::TOOL_ARG).map(|o| o.line), Some(9));
        assert!(!j.without(label::ENV_ALL).has(label::ENV_ALL));
    }

    #[test]
    fn parts_merge() {
        let v = from_parts(
            vec![
                Part::Lit(Rc::from("https://")),
                Part::Lit(Rc::from("x.example")),
                Part::Hole(Taint::flag(label::TOOL_ARG)),
            ],
            &Taint::none(),
        );
        assert_eq!(v.render(), "https://x.example\u{2026}");
        assert!(v.t.has(label::TOOL_ARG));
    }
}
