//! Models of what lies outside the package: globals and library calls of JavaScript, Python
//! and Rust. Each model says what a call returns (a folded string, a decoded buffer, a network
//! response) and whether it is a source (`process.env`, a credential file) or a sink (a shell,
//! an evaluator, a request, a file write), as tables where the shape allows.
//!
//! - [`strings`]: string, list, bytes and object methods; formatting; decoders;
//! - [`sinks`]: processes, code evaluation, network, files, mail, tool descriptions;
//! - this module: names of the outside world, environment and credential sources, dispatch.

mod sinks;
mod strings;

use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;

use super::events::Sink;
use super::interp::{Args, Interp, Site, PKG};
use super::ir::{Expr, Function, Stmt};
use super::value::{label, Taint, Val, V};
use crate::analyze::code::lexicon::{secret_of, Secret};
use mcp_audit_extract::source::Lang;

pub(crate) use strings::{path_join, percent_format, slice};

/// Methods that put their arguments into their receiver.
pub(crate) const MUTATORS: &[&str] = &[
    "push",
    "unshift",
    "append",
    "extend",
    "insert",
    "add",
    "update",
    "set",
    "setdefault",
    "put",
    "write",
    "push_str",
    "insert_str",
    "extend_from_slice",
    "read",
    "read_file",
    "read_string",
    "load",
    "loads",
    "merge",
    "assign",
    "concat",
    "splice",
];

/// Methods that read one value of their receiver.
pub(crate) const GETTERS: &[&str] = &[
    "get",
    "getenv",
    "__getitem__",
    "pop",
    "setdefault",
    "getItem",
    "getValue",
    "getString",
    "getInt",
    "getBool",
    "lookup",
    "find",
];

/// Method names that register a tool (their function arguments handle tool calls).
const REGISTRATIONS: &[&str] = &[
    "tool",
    "registerTool",
    "addTool",
    "add_tool",
    "setRequestHandler",
    "setToolHandler",
    "AddTool",
];

/// A module specifier as a path of the outside world (`node:fs/promises` → `fs`,
/// `std::process` → `std.process`).
pub(crate) fn normalize_module(spec: &str) -> String {
    let s = spec.trim_start_matches("node:");
    let s = match s {
        "fs/promises" => "fs",
        "dns/promises" => "dns",
        "timers/promises" => "timers",
        "stream/promises" => "stream",
        other => other,
    };
    s.replace("::", ".")
}

/// A credential path's class.
pub(crate) fn secret_path(text: &str) -> Option<Secret> {
    if text.len() > 300 {
        return None;
    }
    let t = text.trim_start_matches(PKG);
    secret_of(t).filter(|s| *s != Secret::Clipboard)
}

/// Whether a tool parameter's name says it holds a secret (`password`, `api_key`,
/// `session_token`), not where one is or what it is called (`token_path`, `key_name`).
pub(crate) fn secret_arg_name(name: &str) -> bool {
    static SECRET: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)passw(?:or)?d|passphrase|secret|token|api_?key|credential|private_?key|cookie",
        )
        .expect("valid regex")
    });
    static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:path|file|name|id|type|url|count|limit|len|length|max|min)$")
            .expect("valid regex")
    });
    SECRET.is_match(name) && !ABOUT.is_match(name)
}

/// Whether an environment variable's name says it holds a secret.
pub(crate) fn secret_env_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    // Where a secret is, or who it belongs to, is not the secret.
    let about = upper.split(['_', '-', '.']).any(|part| {
        matches!(
            part,
            "PATH"
                | "FILE"
                | "DIR"
                | "URL"
                | "URI"
                | "HOST"
                | "ID"
                | "NAME"
                | "USER"
                | "TYPE"
                | "MODE"
                | "REGION"
                | "ENDPOINT"
                | "EXPIRY"
                | "EXPIRES"
                | "TTL"
                | "LENGTH"
                | "ENABLED"
        )
    });
    if about {
        return false;
    }
    upper.split(['_', '-', '.']).any(|part| {
        matches!(
            part,
            "TOKEN"
                | "TOKENS"
                | "SECRET"
                | "SECRETS"
                | "PASSWORD"
                | "PASSWD"
                | "PASS"
                | "KEY"
                | "APIKEY"
                | "AUTH"
                | "CREDENTIALS"
                | "CREDENTIAL"
                | "CREDS"
                | "PAT"
                | "COOKIE"
                | "SESSION"
                | "PASSPHRASE"
                | "PRIVATE"
        )
    }) || upper.ends_with("TOKEN")
        || upper.ends_with("SECRET")
        || upper.ends_with("PASSWORD")
        || upper.ends_with("APIKEY")
}

/// An environment variable's value.
pub(crate) fn env_var(it: &mut Interp<'_>, name: &str, line: u32) -> Val {
    match name {
        "HOME" | "USERPROFILE" => {
            return Val::str("~").with(&it.source(label::ENV_VAR, name, line))
        }
        "TMPDIR" | "TEMP" | "TMP" => return Val::str("/tmp"),
        _ => {}
    }
    if secret_env_name(name) {
        let t = it.source(label::ENV_SECRET, name, line);
        let mut e = it.event(Sink::SourceRead, line);
        e.data = t.clone();
        e.text = name.to_string();
        e.known = true;
        it.emit(e);
        Val::tainted(t)
    } else {
        Val::tainted(it.source(label::ENV_VAR, name, line))
    }
}

/// The whole environment, as a value.
pub(crate) fn whole_env(it: &mut Interp<'_>, what: &str, line: u32) -> Val {
    let t = it.source(label::ENV_ALL, what, line);
    Val::ext(what).with(&t)
}

/// An unbound name (a global of the language).
pub(crate) fn ext_value(it: &mut Interp<'_>, name: Rc<str>, line: u32) -> Val {
    match (it.lang(), &*name) {
        (
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx,
            "globalThis" | "global" | "window" | "self",
        ) => Val::ext("globalThis"),
        _ => {
            let _ = line;
            Val::of(V::Ext(name))
        }
    }
}

/// `base.name` where `base` is outside the package.
pub(crate) fn ext_member(it: &mut Interp<'_>, base: &Val, name: &str, line: u32) -> Val {
    let V::Ext(p) = &base.v else {
        return Val::tainted(base.t.clone());
    };
    let p: &str = p;
    let line = if line == 0 { it.current_line() } else { line };
    match (p, name) {
        ("globalThis", n) => ext_value(it, Rc::from(n), line),
        ("process", "env") => whole_env(it, "process.env", line),
        // A variable picked by a computed name: one variable (a walk over the keys carries the
        // environment in its key).
        ("process.env" | "os.environ", "\u{1}[]") => {
            Val::tainted(it.source(label::ENV_VAR, p, line))
        }
        (
            "process.env" | "os.environ",
            "get" | "items" | "keys" | "values" | "copy" | "setdefault" | "pop" | "hasOwnProperty"
            | "__contains__",
        ) => Val::ext(&format!("{p}.{name}")),
        ("process.env" | "os.environ", var) => env_var(it, var, line),
        ("os", "environ") => whole_env(it, "os.environ", line),
        ("os", "sep") | ("os.path", "sep") => Val::str("/"),
        ("process", "platform") => Val::str("linux"),
        _ => Val::ext(&format!("{p}.{name}")).with(&base.t),
    }
}

/// Properties of values the interpreter folds (`s.length`, `path.parent`).
pub(crate) fn property(it: &mut Interp<'_>, o: &Val, name: &str) -> Option<Val> {
    strings::property(it, o, name)
}

/// Properties of plain objects that are not fields (`dict.items` is a method).
pub(crate) fn object_property(_it: &mut Interp<'_>, _o: &Val, name: &str) -> Option<Val> {
    match name {
        "length" => Some(Val::unknown()),
        _ => None,
    }
}

/// Calls of something outside the package.
pub(crate) fn call_ext(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Val {
    let path = path.strip_prefix("globalThis.").unwrap_or(path);
    bulk_resource(it, path, site);
    if path == "open" || path == "io.open" || path == "builtins.open" {
        let writes = args
            .get(1)
            .and_then(Val::text)
            .is_some_and(|m| m.contains(['w', 'a', 'x']));
        if writes {
            bulk_files(it, "open", site);
        }
    }
    if matches!(
        path,
        "re.search" | "re.match" | "re.fullmatch" | "re.findall" | "re.finditer" | "re.split"
    ) {
        if let (Some(p), Some(s)) = (
            args.get(0).and_then(Val::text),
            args.get(1).and_then(Val::text),
        ) {
            redos(it, p, s, site.line);
        }
    }
    if matches!(
        path,
        "bytearray"
            | "bytes"
            | "os.urandom"
            | "Buffer.alloc"
            | "Buffer.allocUnsafe"
            | "ArrayBuffer"
    ) {
        if let Some(V::Num(n)) = args.get(0).map(|a| &a.v) {
            huge_allocation(it, "buffer", *n, site.line);
        }
    }
    if let Some(v) = sinks::call(it, path, args, site) {
        return v;
    }
    if let Some(v) = strings::call(it, path, args, site) {
        return v;
    }
    if let Some(v) = sources(it, path, args, site) {
        return v;
    }
    // Unknown library call: the result carries the arguments' taint (the environment handed
    // to a library comes back as one value read from it), and function arguments are called
    // back.
    let raw = args.taint();
    it.callbacks(args, raw.clone());
    let t = narrow_env(&raw);
    if site.new {
        // `new Foo(...)`: an object of the library.
        return Val::tainted(t);
    }
    Val::tainted(t)
}

/// OS resources created inside a loop whose count a tool argument sets, or that runs a
/// thousand times or more: threads and processes (a thousand), sockets and pipes (5,000).
fn bulk_resource(it: &mut Interp<'_>, path: &str, site: Site) {
    use super::interp::LoopCount;
    // Loops under a thousand iterations are recorded for the file-flood product only.
    let Some(&count) = it
        .bulk
        .iter()
        .rev()
        .find(|c| !matches!(c, LoopCount::Fixed(n) if *n < 1_000))
    else {
        return;
    };
    let (what, fixed_min) = match path {
        "threading.Thread" | "threading.Timer" | "_thread.start_new_thread" => ("threads", 1_000),
        "multiprocessing.Process" | "os.fork" | "subprocess.Popen" | "os.forkpty" => {
            ("processes", 1_000)
        }
        "socket.socket" | "socket.create_connection" => ("sockets", 5_000),
        "os.pipe" => ("pipes", 5_000),
        _ => return,
    };
    let path = match path {
        "os.open"
        | "tempfile.mkstemp"
        | "tempfile.NamedTemporaryFile"
        | "fs.openSync"
        | "fs.writeFileSync"
        | "fs.promises.writeFile"
        | "fs.writeFile"
        | "os.mkdir"
        | "os.makedirs"
        | "fs.mkdirSync" => return bulk_files(it, path, site),
        _ => path,
    };
    let how = match count {
        LoopCount::ToolArgument => "as many times as a tool argument says, with no cap".to_string(),
        LoopCount::Fixed(n) if n >= fixed_min => format!("{n} times"),
        LoopCount::Fixed(_) => return,
    };
    let mut e = it.event(Sink::Bulk, site.line);
    e.text = format!("{what} ({path}) created {how}");
    it.emit(e);
}

/// Files or directories created in one loop nest, fixed in the code, from which a tool call
/// floods the disk and its inodes (honest code creates as many files as its data has items, not
/// a constant this large).
pub(crate) const FILE_FLOOD: f64 = 1e4;

/// Files created inside fixed loops multiplying to [`FILE_FLOOD`] or more.
fn bulk_files(it: &mut Interp<'_>, path: &str, site: Site) {
    use super::interp::LoopCount;
    if it.bulk.is_empty() || it.bulk.contains(&LoopCount::ToolArgument) {
        return;
    }
    let total: f64 = it
        .bulk
        .iter()
        .map(|c| match c {
            LoopCount::Fixed(n) => *n as f64,
            LoopCount::ToolArgument => 1.0,
        })
        .product();
    if total >= FILE_FLOOD {
        let mut e = it.event(Sink::Bulk, site.line);
        e.text = format!("{total:.0} files created ({path}) in loops fixed in the code");
        it.emit(e);
    }
}

/// A regular expression that backtracks catastrophically (a quantified group that itself
/// repeats, `(a+)+`, `(a*)*`, or alternatives one of which begins another, `(a|ab)*`) run on
/// an input fixed in the code with a long run of one character: the pattern and the text are
/// both the code's own, so the only thing the call does is burn the CPU.
fn redos(it: &mut Interp<'_>, pattern: &str, subject: &str, line: u32) {
    // Inputs crafted to backtrack are long runs of one character (`"a" * 30 + "!"`).
    let mut run = 0usize;
    let mut longest = 0usize;
    let mut last = None;
    for c in subject.chars() {
        run = if Some(c) == last { run + 1 } else { 1 };
        last = Some(c);
        longest = longest.max(run);
    }
    if longest < 16 || !catastrophic(pattern) {
        return;
    }
    let mut e = it.event(Sink::Bulk, line);
    e.text = format!(
        "the backtracking pattern {} run on a fixed input of {} characters",
        pattern.chars().take(40).collect::<String>(),
        subject.chars().count()
    );
    it.emit(e);
}

/// Whether a pattern has a repeated group whose body repeats or has overlapping alternatives.
pub(crate) fn catastrophic(pattern: &str) -> bool {
    static LEADING_REPEAT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\\.|\[(?:\\.|[^\]])*\]|[^\\\[(|])[+*]").expect("valid regex")
    });
    static GROUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\((?:\?:)?([^()]*)\)(?:[+*]|\{\d+,\d*\})").expect("valid regex")
    });
    GROUP.captures_iter(pattern).any(|c| {
        let body = c.get(1).map_or("", |m| m.as_str());
        // The body starts with a repeated atom (`x+`, `[a-z]*`, `\w+`): its repetitions can
        // split a run in exponentially many ways. (`(-[a-z]+)*` starts each with a `-`: no.)
        if LEADING_REPEAT.is_match(body) {
            return true;
        }
        let alts: Vec<&str> = body.split('|').collect();
        alts.len() > 1
            && alts.iter().enumerate().any(|(i, a)| {
                alts.iter()
                    .enumerate()
                    .any(|(j, b)| i != j && !a.is_empty() && b.starts_with(a))
            })
    })
}

/// Iterations of one loop nest, fixed in the code, from which a tool call is CPU exhaustion:
/// ten million Python-level iterations take seconds to minutes per call, and honest code loops
/// over its data, not over a constant this large.
pub(crate) const BUSY_LOOP: f64 = 1e7;
/// Elements of a list, fixed in the code, from which one allocation is memory exhaustion.
pub(crate) const HUGE_LIST: f64 = 1e7;
/// Bytes of one string or buffer, fixed in the code, from which it is memory exhaustion.
pub(crate) const HUGE_BYTES: f64 = 1e9;

/// A loop of `count` iterations (a constant) starts: with the fixed loops around it, is it a
/// busy loop?
pub(crate) fn busy_loop(it: &mut Interp<'_>, count: f64, line: u32) {
    use super::interp::LoopCount;
    let outer: f64 = it
        .bulk
        .iter()
        .map(|c| match c {
            LoopCount::Fixed(n) if *n >= 1_000 => *n as f64,
            LoopCount::Fixed(_) | LoopCount::ToolArgument => 1.0,
        })
        .product();
    let total = count * outer;
    if total >= BUSY_LOOP {
        let mut e = it.event(Sink::Bulk, line);
        e.text = format!("a loop of {total:.0} iterations fixed in the code");
        it.emit(e);
    }
}

/// One allocation of `size` elements or bytes fixed in the code.
pub(crate) fn huge_allocation(it: &mut Interp<'_>, what: &str, size: f64, line: u32) {
    let limit = if what == "list" {
        HUGE_LIST
    } else {
        HUGE_BYTES
    };
    if size >= limit {
        let mut e = it.event(Sink::Bulk, line);
        e.text = format!("a {what} of {size:.0} elements allocated at once");
        it.emit(e);
    }
}

/// Library calls that read a source or the machine's identity.
fn sources(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    let last = path.rsplit('.').next().unwrap_or(path);
    let v = match path {
        "os.getenv" | "os.environ.get" | "std.env.var" | "env.var" | "std.env.var_os"
        | "env.var_os" | "Deno.env.get" => match args.get(0).and_then(Val::text) {
            Some(name) => {
                let name = name.to_string();
                let v = env_var(it, &name, site.line);
                match args.get(1) {
                    Some(default) => super::value::join(&v, default),
                    None => v,
                }
            }
            None => Val::tainted(it.source(label::ENV_VAR, path, site.line)),
        },
        "os.environ.items"
        | "os.environ.keys"
        | "os.environ.values"
        | "os.environ.copy"
        | "std.env.vars"
        | "env.vars"
        | "std.env.vars_os"
        | "env.vars_os"
        | "os.environ.__iter__"
        | "process.env.toObject"
        | "Deno.env.toObject" => {
            let e = whole_env(it, path, site.line);
            Val::tainted(e.t)
        }
        "os.homedir"
        | "os.path.expanduser"
        | "pathlib.Path.home"
        | "Path.home"
        | "dirs.home_dir"
        | "std.env.home_dir"
        | "home.home_dir"
        | "os.userInfo().homedir" => match (path, args.get(0).and_then(Val::text)) {
            ("os.path.expanduser", Some(p)) => Val::string(p.to_string()),
            ("os.path.expanduser", None) => args.get(0).cloned().unwrap_or_else(Val::unknown),
            _ => Val::str("~"),
        },
        "os.tmpdir" | "tempfile.gettempdir" | "std.env.temp_dir" | "env.temp_dir" => {
            Val::str("/tmp")
        }
        _ if last == "expanduser" || last == "home_dir" => Val::str("~"),
        _ => return None,
    };
    Some(v)
}

/// Methods of values the interpreter models (strings, lists, bytes, objects, handles).
pub(crate) fn method(
    it: &mut Interp<'_>,
    recv: &Val,
    m: &str,
    args: &Args,
    site: Site,
) -> Option<Val> {
    if let V::Handle(h) = &recv.v {
        let h = h.clone();
        return sinks::handle_method(it, &h, recv, m, args, site);
    }
    format_string(it, recv, m, args, site);
    filter_query(it, m, args, site);
    if let Some(v) = sinks::method(it, recv, m, args, site) {
        return Some(v);
    }
    strings::method(it, recv, m, args, site)
}

/// `fmt.format(**values)` / `fmt.format_map(obj)` where the format string is not the package's
/// own text: replacement fields reach attributes and items of the values formatted
/// (`{0.__class__.__init__.__globals__}`). Only when every value formatted is data, not a
/// literal string (`arrow.get(d).format("YYYY")` is a date's own formatter).
fn format_string(it: &mut Interp<'_>, recv: &Val, m: &str, args: &Args, site: Site) {
    if !matches!(m, "format" | "format_map") || it.lang() != Lang::Python {
        return;
    }
    if matches!(recv.v, V::Str(_) | V::Tmpl(_)) || !recv.t.has(label::TOOL_ARG) {
        return;
    }
    let values: Vec<&Val> = args.all().collect();
    if values.is_empty() || values.iter().any(|v| matches!(v.v, V::Str(_) | V::Num(_))) {
        return;
    }
    let mut e = it.event(Sink::Format, site.line);
    e.data = recv.t.clone();
    e.text = recv.render();
    it.emit(e);
}

/// A tool registration: its description is a sink, its functions are handlers. Returns
/// whether the call was one.
pub(crate) fn registration(it: &mut Interp<'_>, m: &str, args: &Args, site: Site) -> bool {
    if m == "update" {
        if let Some(Val { v: V::Obj(o), .. }) = args.get(0) {
            let fields: Vec<Val> = ["description", "title"]
                .iter()
                .filter_map(|k| o.borrow().get_own(k).cloned())
                .collect();
            for f in fields {
                description(it, &f, site.line);
            }
        }
        return false;
    }
    if !REGISTRATIONS.contains(&m) {
        return false;
    }
    for (k, v) in &args.kw {
        if matches!(&**k, "description" | "title") {
            description(it, v, site.line);
        }
    }
    // `server.tool(name, description, …)` and `registerTool(name, {description, …})`.
    if let Some(second) = args.get(1) {
        match &second.v {
            V::Obj(o) => {
                let fields: Vec<Val> = ["description", "title"]
                    .iter()
                    .filter_map(|k| o.borrow().get_own(k).cloned())
                    .collect();
                for f in fields {
                    description(it, &f, site.line);
                }
            }
            V::Func(_) | V::List(_) => {}
            _ => description(it, second, site.line),
        }
    }
    let funcs: Vec<Rc<super::value::Closure>> = args
        .all()
        .filter_map(|a| match &a.v {
            V::Func(c) => Some(c.clone()),
            _ => None,
        })
        .collect();
    for c in funcs {
        let s = Site {
            line: it.prog.funcs.get(c.func).map_or(site.line, |f| f.line),
            discarded: false,
            new: false,
        };
        let _ = it.invoke(&c, Args::default(), s, true);
    }
    true
}

/// Text that reads as a query language: SQL, an LDAP filter, XPath, a MongoDB operator.
static QUERY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:select\b[^;]*\bfrom|insert\s+into|update\b[^;]*\bset|delete\s+from|drop\s+table|where\b)|\(\s*[&|!]?\s*\(?\w+\s*=|\[@\w+\s*=|^\s*//\w|\$where\b")
        .expect("valid regex")
});

/// Methods that run a query given as text (database cursors and sessions, LDAP, XPath).
const QUERY_METHODS: &[&str] = &[
    "execute",
    "executemany",
    "executescript",
    "query",
    "raw",
    "exec_driver_sql",
    "fetch",
    "prepare",
    "fetchrow",
    "fetchval",
    "search",
    "search_s",
    "search_ext_s",
    "xpath",
    "evaluate",
    "find",
    "aggregate",
    "run_query",
    "sql",
    "queryRaw",
    "$queryRawUnsafe",
    "$executeRawUnsafe",
];

/// MongoDB collection methods whose first argument is a filter document.
const FILTER_METHODS: &[&str] = &[
    "find",
    "find_one",
    "findOne",
    "count_documents",
    "countDocuments",
    "delete_one",
    "delete_many",
    "deleteOne",
    "deleteMany",
    "update_one",
    "update_many",
    "updateOne",
    "updateMany",
    "find_one_and_update",
    "find_one_and_delete",
    "findOneAndUpdate",
    "findOneAndDelete",
];

/// A MongoDB filter document whose keys come from a tool argument.
fn filter_query(it: &mut Interp<'_>, m: &str, args: &Args, site: Site) {
    // A filter document whose keys come from a tool argument (`{**base, **json.loads(q)}`,
    // `filter.update(parsed)`): the argument picks operators (`$where`, `$ne`), not values.
    if FILTER_METHODS.contains(&m) {
        if let Some(Val { v: V::Obj(o), .. }) = args.get(0) {
            let rest = o.borrow().rest.clone();
            if rest.has(label::TOOL_ARG) {
                let mut e = it.event(Sink::Query, site.line);
                e.data = rest;
                e.text = "{\u{2026}} (MongoDB filter)".into();
                it.emit(e);
            }
        }
    }
}

/// A query built from text reaching a method that runs queries.
pub(crate) fn query(it: &mut Interp<'_>, m: &str, args: &Args, site: Site) {
    if !QUERY_METHODS.contains(&m) {
        return;
    }
    for a in args.pos.iter().take(3) {
        if !matches!(a.v, V::Tmpl(_)) || !a.t.has(label::TOOL_ARG) {
            continue;
        }
        let text = a.render();
        if QUERY_TEXT.is_match(&text) {
            let mut e = it.event(Sink::Query, site.line);
            e.data = a.deep_taint();
            e.text = text;
            it.emit(e);
            return;
        }
    }
}

/// A tool description or title set from a value.
pub(crate) fn description(it: &mut Interp<'_>, v: &Val, line: u32) {
    let t = v.deep_taint();
    if t.is_clean() {
        return;
    }
    let line = if line == 0 { it.current_line() } else { line };
    let mut e = it.event(Sink::Description, line);
    e.data = t;
    e.text = v.render();
    it.emit(e);
}

/// Whether a function is a hand-written hex decoder: it parses two-digit pieces of its
/// argument in base 16 (`u8::from_str_radix(&s[i..i + 2], 16)`, `parseInt(x, 16)`,
/// `int(x, 16)`).
pub(crate) fn is_hex_decoder(f: &Function) -> bool {
    if f.params.is_empty() {
        return false;
    }
    let mut found = false;
    let mut budget = 4_000u32;
    for s in &f.body {
        visit_stmt(
            s,
            &mut |e| {
                if let Expr::Call(c) = e {
                    let callee = callee_tail(&c.callee);
                    let radix16 = c
                        .args
                        .iter()
                        .any(|a| matches!(a.value, Expr::Num(n) if n == 16.0));
                    if radix16 && matches!(callee, "from_str_radix" | "parseInt" | "int") {
                        found = true;
                    }
                }
            },
            &mut budget,
        );
    }
    found
}

fn callee_tail(e: &Expr) -> &str {
    match e {
        Expr::Name(n) | Expr::Member(_, n) => n,
        _ => "",
    }
}

/// Visits every expression of a statement (bounded).
fn visit_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr), budget: &mut u32) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    match s {
        Stmt::Expr(e) | Stmt::ExportDefault(e) => visit_expr(e, f, budget),
        Stmt::Let(_, Some(e)) | Stmt::Assign(_, e) | Stmt::AugAssign(_, _, e) => {
            visit_expr(e, f, budget);
        }
        Stmt::Return(Some(e)) => visit_expr(e, f, budget),
        Stmt::If(c, a, b) => {
            visit_expr(c, f, budget);
            for s in a.iter().chain(b) {
                visit_stmt(s, f, budget);
            }
        }
        Stmt::While(c, body) | Stmt::For(_, c, body) => {
            visit_expr(c, f, budget);
            for s in body {
                visit_stmt(s, f, budget);
            }
        }
        Stmt::Block(body) => {
            for s in body {
                visit_stmt(s, f, budget);
            }
        }
        _ => {}
    }
}

fn visit_expr(e: &Expr, f: &mut dyn FnMut(&Expr), budget: &mut u32) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    f(e);
    match e {
        Expr::Call(c) => {
            visit_expr(&c.callee, f, budget);
            for a in &c.args {
                visit_expr(&a.value, f, budget);
            }
        }
        Expr::Member(o, _) | Expr::Spread(o) | Expr::Unary(_, o) => visit_expr(o, f, budget),
        Expr::Index(a, b) | Expr::Bin(_, a, b) | Expr::Format(a, b) => {
            visit_expr(a, f, budget);
            visit_expr(b, f, budget);
        }
        Expr::Concat(items) | Expr::Array(items) | Expr::Seq(items) | Expr::Opaque(items) => {
            for i in items {
                visit_expr(i, f, budget);
            }
        }
        Expr::Cond(a, b, c) => {
            visit_expr(a, f, budget);
            visit_expr(b, f, budget);
            visit_expr(c, f, budget);
        }
        Expr::Block(stmts) => {
            for s in stmts {
                visit_stmt(s, f, budget);
            }
        }
        _ => {}
    }
}

/// A call of a hex decoder with a constant hex string: the decoded bytes.
pub(crate) fn hex_decode_call(it: &mut Interp<'_>, args: &Args, line: u32) -> Option<Val> {
    let text = args.get(0)?.text()?;
    let bytes = strings::hex_bytes(text)?;
    Some(strings::decoded(it, bytes, "hex", line))
}

/// Text a shell or interpreter would run, taken apart: `sh -c "…"` and friends.
pub(crate) static SHELLS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:/usr)?(?:/bin/)?(?:ba|z|da|k|a)?sh$|^(?:cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$",
    )
    .expect("valid regex")
});

/// The environment read through something (a lookup, a library): one variable of it.
pub(crate) fn narrow_env(t: &Taint) -> Taint {
    if !t.has(label::ENV_ALL) {
        return t.clone();
    }
    let mut n = t.without(label::ENV_ALL);
    n.bits |= label::ENV_VAR;
    n
}

#[cfg(test)]
mod redos_tests {
    use super::catastrophic;

    #[test]
    fn nested_and_overlapping_repetition_backtracks() {
        for p in [r"^(\d+)+$", r"(x*)*y", r"(?:ab|a)+c", r"(\w+\s?){2,}!"] {
            assert!(catastrophic(p), "{p}");
        }
        for p in [
            r"^\d+$",
            r"(ab|cd)+",
            r"(\+)+",
            r"([a-z]+)@example",
            r"(foo|bar)*",
            r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        ] {
            assert!(!catastrophic(p), "{p}");
        }
    }
}
