//! Calls that reach a sink: processes and shells, code evaluation and dynamic imports,
//! network requests and name lookups, file writes, deletes, permission changes and links, mail,
//! and tool descriptions. Each records an [`Event`] with the labels of the data at the sink.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;

use super::super::events::{flag, Sink};
use super::super::interp::{Args, Interp, Site, PKG};
use super::super::value::{label, Handle, Obj, Part, Taint, Val, V};
use super::{description, secret_path, SHELLS};

/// Object keys that hold a credential for the request's own service.
static CREDENTIAL_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:authorization|x-[\w-]*(?:key|token|auth)|api[-_]?key|apikey|key|access[-_]?token|token|auth|auth[-_]?token|bearer|secret|client[-_]?secret|password|passwd|pass|private[-_]?token|signature|session[-_]?token|write[-_]?key|dd-api-key|cookie)$")
        .expect("valid regex")
});

/// Text before a value that puts it in a credential position (`?api_key=`, `Bearer `).
static CREDENTIAL_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:key|token|auth|secret|password|passwd|pass|sig|signature|apikey|access_token)=$|(?:bearer|basic|token)\s+$|://[^/@\s]*:$")
        .expect("valid regex")
});

/// Strips the prefixes that make one library call look like another.
fn key(path: &str) -> &str {
    let mut p = path;
    for prefix in [
        "std.",
        "tokio.",
        "async_std.",
        "node:",
        "globalThis.",
        "window.",
    ] {
        if let Some(rest) = p.strip_prefix(prefix) {
            p = rest;
        }
    }
    if let Some(rest) = p.strip_prefix("fs.promises.") {
        return rest;
    }
    p
}

pub(super) fn call(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    let k = key(path);
    let k = k.strip_prefix("fs.promises.").map_or(k, |r| r);
    if let Some(v) = process_call(it, k, args, site) {
        return Some(v);
    }
    if let Some(v) = code_call(it, k, args, site) {
        return Some(v);
    }
    if let Some(v) = net_call(it, k, args, site) {
        return Some(v);
    }
    if let Some(v) = fs_call(it, k, args, site) {
        return Some(v);
    }
    mail_call(it, k, args, site)
}

// ---- processes --------------------------------------------------------------------------

fn process_call(it: &mut Interp<'_>, k: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let kw_true = |name: &str| args.kw(name).and_then(Val::truthy) == Some(true);
    let v = match k {
        "child_process.exec"
        | "child_process.execSync"
        | "os.system"
        | "os.popen"
        | "subprocess.getoutput"
        | "subprocess.getstatusoutput"
        | "commands.getoutput"
        | "asyncio.create_subprocess_shell"
        | "shelljs.exec"
        | "execa.command"
        | "execa.commandSync"
        | "execaCommand"
        | "execaCommandSync"
        | "os.popen2"
        | "os.popen3"
        | "platform.popen" => shell_event(it, &a0, site, 0),
        "child_process.spawn"
        | "child_process.spawnSync"
        | "child_process.execFile"
        | "child_process.execFileSync"
        | "child_process.fork"
        | "cross-spawn"
        | "execa"
        | "execa.sync"
        | "Bun.spawn"
        | "Deno.run" => {
            let opts = args.pos.iter().skip(1).find(|a| matches!(a.v, V::Obj(_)));
            let argv = match args.get(1) {
                Some(a @ Val { v: V::List(_), .. }) => it.elements(a).unwrap_or_default(),
                _ => Vec::new(),
            };
            let opt = |name: &str| {
                opts.map(|o| it_member(o, name)).and_then(|v| v.truthy()) == Some(true)
            };
            let mut flags = 0;
            if opt("detached") {
                flags |= flag::DETACHED;
            }
            if opt("shell") {
                let mut parts = vec![a0.clone()];
                parts.extend(argv);
                let cmd = join_words(&parts);
                shell_event(it, &cmd, site, flags)
            } else {
                exec_event(it, &a0, &argv, site, flags)
            }
        }
        "subprocess.run"
        | "subprocess.call"
        | "subprocess.check_call"
        | "subprocess.check_output"
        | "subprocess.Popen"
        | "asyncio.create_subprocess_exec"
        | "pty.spawn"
        | "os.startfile" => {
            let mut flags = 0;
            if kw_true("start_new_session")
                || args
                    .kw("preexec_fn")
                    .is_some_and(|f| f.render().contains("setsid"))
            {
                flags |= flag::DETACHED;
            }
            if k == "subprocess.Popen" && site.discarded {
                flags |= flag::DETACHED;
            }
            let argv: Vec<Val> = if k == "asyncio.create_subprocess_exec" {
                args.pos.clone()
            } else {
                it.elements(&a0).unwrap_or_else(|| vec![a0.clone()])
            };
            if kw_true("shell") {
                let cmd = if matches!(a0.v, V::List(_)) {
                    join_words(&argv)
                } else {
                    a0.clone()
                };
                shell_event(it, &cmd, site, flags)
            } else {
                let (prog, rest) = argv
                    .split_first()
                    .map_or((a0.clone(), Vec::new()), |(p, r)| (p.clone(), r.to_vec()));
                exec_event(it, &prog, &rest, site, flags)
            }
        }
        _ if k.starts_with("os.exec")
            || k.starts_with("os.spawn")
            || k.starts_with("os.posix_spawn") =>
        {
            let mut flags = 0;
            if kw_true("setsid") || kw_true("setpgroup") {
                flags |= flag::DETACHED;
            }
            let argv = match args.get(1) {
                Some(a @ Val { v: V::List(_), .. }) => it.elements(a).unwrap_or_default(),
                _ => args.pos.iter().skip(1).cloned().collect(),
            };
            let rest: Vec<Val> = argv.into_iter().skip(1).collect();
            exec_event(it, &a0, &rest, site, flags)
        }
        _ if k.ends_with("process.Command.new")
            || k == "Command.new"
            || k.ends_with(".Command.new") =>
        {
            Val::of(V::Handle(Rc::new(RefCell::new(Handle::Cmd {
                program: a0,
                args: Vec::new(),
                detached: false,
            }))))
        }
        _ => return None,
    };
    Some(v)
}

fn it_member(o: &Val, name: &str) -> Val {
    match &o.v {
        V::Obj(ob) => ob.borrow().get(name).unwrap_or_else(Val::unknown),
        _ => Val::unknown(),
    }
}

/// Joins command words with spaces.
fn join_words(words: &[Val]) -> Val {
    let mut parts = Vec::new();
    let mut acc = Taint::none();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            parts.push(Part::Lit(Rc::from(" ")));
        }
        match w.parts() {
            Some(ps) => {
                parts.extend(ps);
                acc.add(&w.t);
            }
            None => parts.push(Part::Hole(w.deep_taint())),
        }
    }
    super::super::value::from_parts(parts, &acc)
}

/// A command line run by a shell.
pub(super) fn shell_event(it: &mut Interp<'_>, cmd: &Val, site: Site, flags: u32) -> Val {
    let mut e = it.event(Sink::Shell, site.line);
    e.data = cmd.deep_taint();
    e.text = cmd.render();
    e.known = cmd.text().is_some();
    e.flags = flags | if site.discarded { flag::DISCARDED } else { 0 };
    let idx = it.emit(e);
    child(idx)
}

fn child(idx: usize) -> Val {
    Val::of(V::Handle(Rc::new(RefCell::new(Handle::Child {
        event: Some(idx),
    }))))
}

/// A program run with arguments; a shell or interpreter with `-c`/`-e` runs its argument.
pub(super) fn exec_event(
    it: &mut Interp<'_>,
    program: &Val,
    argv: &[Val],
    site: Site,
    flags: u32,
) -> Val {
    let prog_text = program.render();
    let base = prog_text
        .rsplit('/')
        .next()
        .unwrap_or(&prog_text)
        .to_string();
    // `-c`, or a group of short options ending in it (`bash -lc`, `sh -ec`).
    let command_flag = |t: &str| {
        matches!(t, "-c" | "/c" | "/C" | "-Command" | "-command")
            || (t.len() <= 6
                && t.starts_with('-')
                && t.ends_with('c')
                && t[1..].bytes().all(|b| b.is_ascii_lowercase()))
    };
    if let Some(pos) = argv.iter().position(|a| a.text().is_some_and(command_flag)) {
        if SHELLS.is_match(&base) {
            if let Some(cmd) = argv.get(pos + 1) {
                return shell_event(it, cmd, site, flags);
            }
        }
    }
    let interpreter = matches!(
        base.as_str(),
        "node" | "nodejs" | "python" | "python3" | "perl" | "ruby" | "bun" | "deno"
    );
    if interpreter {
        if let Some(pos) = argv
            .iter()
            .position(|a| matches!(a.text(), Some("-e" | "-c" | "--eval" | "-p")))
        {
            if let Some(code) = argv.get(pos + 1) {
                return eval_event(it, code, site);
            }
        }
    }
    let mut words = vec![program.clone()];
    words.extend(argv.iter().cloned());
    let line = join_words(&words);
    let mut e = it.event(Sink::Exec, site.line);
    e.data = line.deep_taint();
    e.text = line.render();
    e.known = line.text().is_some();
    e.extra = prog_text.clone();
    e.flags = flags | if site.discarded { flag::DISCARDED } else { 0 };
    if let Some(src) = it.copies.get(&prog_text) {
        e.flags |= flag::DROPPED;
        e.extra = src.clone();
    } else if let Some(o) = program.t.origin(label::PKG_FILE) {
        e.extra = format!("{PKG}{}", o.what);
    }
    let idx = it.emit(e);
    child(idx)
}

// ---- code -------------------------------------------------------------------------------

fn eval_event(it: &mut Interp<'_>, code: &Val, site: Site) -> Val {
    let mut e = it.event(Sink::Eval, site.line);
    e.data = code.deep_taint();
    e.text = code.render();
    e.known = code.text().is_some();
    it.emit(e);
    Val::tainted(code.deep_taint())
}

fn code_call(it: &mut Interp<'_>, k: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let v = match k {
        "eval"
        | "exec"
        | "execfile"
        | "vm.runInNewContext"
        | "vm.runInThisContext"
        | "vm.runInContext"
        | "vm.Script"
        | "vm.compileFunction"
        | "builtins.exec"
        | "builtins.eval"
        | "runpy.run_path"
        | "setTimeout.string" => eval_event(it, &a0, site),
        "Function" | "AsyncFunction" => {
            let body = args.pos.last().cloned().unwrap_or_else(Val::unknown);
            eval_event(it, &body, site)
        }
        "compile" | "builtins.compile" => a0,
        // `spec_from_file_location(name, path)`: the file is then run by `exec_module`.
        "importlib.util.spec_from_file_location"
        | "importlib.machinery.SourceFileLoader"
        | "imp.load_source"
        | "runpy.run_module" => {
            let path = args.get(1).cloned().unwrap_or_else(|| a0.clone());
            import_event(it, &path, site);
            Val::tainted(path.deep_taint())
        }
        "require"
        | "import"
        | "__import__"
        | "importlib.import_module"
        | "__require"
        | "require.resolve" => import_call(it, k, args, site),
        "getattr" => {
            let obj = a0;
            match args.get(1).and_then(Val::text) {
                Some(name) => {
                    let name = name.to_string();
                    it.member(&obj, &name)
                }
                None => Val::tainted(obj.deep_taint().join(&args.taint())),
            }
        }
        // `json.dump(obj, f)`: the object is written to the open file.
        "json.dump" | "yaml.dump" | "yaml.safe_dump" | "pickle.dump" | "dill.dump"
        | "toml.dump" | "marshal.dump" => {
            let file = args.at(1, "fp").or_else(|| args.kw("stream")).cloned();
            if let Some(V::Handle(h)) = file.as_ref().map(|f| &f.v) {
                if let Handle::File { path, write: true } = &*h.borrow() {
                    let path = path.clone();
                    file_event(it, Sink::FileWrite, &path, &a0, site);
                }
            }
            Val::unknown()
        }
        "pickle.loads" | "pickle.load" | "dill.loads" | "dill.load" | "cloudpickle.loads"
        | "yaml.unsafe_load" | "yaml.load" | "yaml.full_load" | "jsonpickle.decode"
        | "shelve.open" | "marshal.load" => {
            if k == "yaml.load"
                && args
                    .kw("Loader")
                    .is_some_and(|l| l.render().contains("Safe"))
            {
                return Some(Val::tainted(a0.deep_taint()));
            }
            let mut e = it.event(Sink::Deserialize, site.line);
            e.data = a0.deep_taint();
            e.text = a0.render();
            it.emit(e);
            Val::tainted(a0.deep_taint())
        }
        "jinja2.Template"
        | "Template"
        | "jinja2.Environment.from_string"
        | "from_string"
        | "flask.render_template_string"
        | "render_template_string"
        | "mako.template.Template"
        | "Cheetah.Template.Template"
        | "tornado.template.Template"
        | "string.Template"
        | "Environment.from_string" => {
            if k == "string.Template" {
                return Some(Val::tainted(a0.deep_taint()));
            }
            let src = args.kw("source").cloned().unwrap_or(a0);
            let mut e = it.event(Sink::Template, site.line);
            e.data = src.deep_taint();
            e.text = src.render();
            it.emit(e);
            Val::tainted(src.deep_taint())
        }
        _ if k.ends_with("Tool.new") || k == "Tool" || k.ends_with(".Tool") => {
            if let Some(d) = args.kw("description").or_else(|| {
                if k.ends_with("Tool.new") {
                    args.get(1)
                } else {
                    None
                }
            }) {
                let d = d.clone();
                description(it, &d, site.line);
            }
            Val::tainted(args.taint())
        }
        _ => return None,
    };
    Some(v)
}

/// `require(x)`, `import(x)`, `importlib.import_module(x)`, `__import__(x)`.
fn import_call(it: &mut Interp<'_>, k: &str, args: &Args, site: Site) -> Val {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    match a0.text() {
        Some(spec) => {
            let spec = spec.to_string();
            if !a0.t.is_clean() {
                import_event(it, &a0, site);
            }
            let lang = it.lang();
            let file = it.file();
            let target = match lang {
                mcp_audit_extract::source::Lang::Python => {
                    let package = args
                        .at(1, "package")
                        .and_then(Val::text)
                        .map(str::to_string);
                    let full = match package {
                        Some(p) if spec.starts_with('.') => format!("{p}{spec}"),
                        _ => spec.clone(),
                    };
                    it.res
                        .python_module(&full)
                        .or_else(|| it.res.python(file, false, &full))
                }
                _ => {
                    let from = it.path().to_string();
                    it.res.js(&from, &spec)
                }
            };
            if let Some(t) = target {
                it.load(t);
                if k == "require" || k == "__require" || k == "import" {
                    return it.exports(t).with(&a0.t);
                }
                return Val::of(V::Module(t)).with(&a0.t);
            }
            let base = super::normalize_module(&spec);
            if k == "__import__" {
                // `__import__("a.b")` binds `a`.
                let first = base.split('.').next().unwrap_or(&base).to_string();
                return Val::ext(&first).with(&a0.t);
            }
            Val::ext(&base).with(&a0.t)
        }
        None => {
            import_event(it, &a0, site);
            Val::tainted(a0.deep_taint())
        }
    }
}

fn import_event(it: &mut Interp<'_>, name: &Val, site: Site) {
    let mut e = it.event(Sink::Import, site.line);
    e.data = name.deep_taint();
    e.text = name.render();
    e.known = name.text().is_some();
    it.emit(e);
}

// ---- network ----------------------------------------------------------------------------

/// Splits data reaching a request into what leaves as data and what is a credential for the
/// service (auth headers, `api_key` fields, `Bearer …`).
fn classify(v: &Val, cred_pos: bool, exfil: &mut Taint, cred: &mut Taint, depth: u32) {
    if depth > 8 {
        return;
    }
    let put = |t: &Taint, cred_here: bool, exfil: &mut Taint, cred: &mut Taint| {
        if t.is_clean() {
            return;
        }
        // The whole environment is never one service's credential.
        let env_all = t.has(label::ENV_ALL);
        if cred_here && !env_all {
            cred.add(t);
        } else {
            exfil.add(t);
        }
    };
    put(&v.t, cred_pos, exfil, cred);
    match &v.v {
        V::Obj(o) => {
            let Ok(o) = o.try_borrow() else { return };
            put(&o.rest, cred_pos, exfil, cred);
            if o.class.is_some() && o.proto.is_none() {
                return;
            }
            for (k, f) in &o.fields {
                let c = cred_pos || CREDENTIAL_KEY.is_match(k);
                classify(f, c, exfil, cred, depth + 1);
            }
        }
        V::List(items) => {
            let Ok(items) = items.try_borrow() else {
                return;
            };
            for i in items.iter().take(256) {
                classify(i, cred_pos, exfil, cred, depth + 1);
            }
        }
        V::Tmpl(parts) => {
            let mut prev = "";
            for p in parts.iter() {
                match p {
                    Part::Lit(s) => prev = s,
                    Part::Hole(t) => {
                        let c = cred_pos || CREDENTIAL_PREFIX.is_match(prev);
                        put(t, c, exfil, cred);
                    }
                }
            }
        }
        V::Handle(h) => {
            if let Ok(h) = h.try_borrow() {
                if let Handle::Net { data, .. } = &*h {
                    classify(data, cred_pos, exfil, cred, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Records data sent to `dest`: `data` are (value, is a credential position) pairs; the
/// destination's own variable parts count as data too.
pub(super) fn net_event(
    it: &mut Interp<'_>,
    sink: Sink,
    dest: &Val,
    data: &[(Val, bool)],
    site: Site,
) {
    if file_url(&dest.render()).is_some() {
        return;
    }
    let mut exfil = Taint::none();
    let mut cred = Taint::none();
    classify(dest, false, &mut exfil, &mut cred, 0);
    for (v, c) in data {
        classify(v, *c, &mut exfil, &mut cred, 0);
    }
    let mut e = it.event(sink, site.line);
    e.data = exfil;
    e.cred = cred;
    e.dest = dest.render();
    e.dest_taint = host_taint(dest);
    e.text = e.dest.clone();
    e.known = dest.text().is_some();
    e.flags = if site.discarded { flag::DISCARDED } else { 0 };
    it.emit(e);
}

/// The path of a `file://` URL (`file:///etc/hosts`, `file://~/.ssh/id_rsa`).
fn file_url(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("file://")?;
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    (path.starts_with('/') || path.starts_with('~')).then_some(path)
}

/// The taint of the part of a URL that picks the host (scheme and authority).
fn host_taint(dest: &Val) -> Taint {
    match &dest.v {
        V::Str(_) => dest
            .t
            .without(label::SOURCES & !label::ENV_VAR & !label::TOOL_ARG),
        V::Tmpl(parts) => {
            // Holes before the first `/` after the scheme pick the host.
            let mut t = Taint::none();
            let mut seen_slash = 0;
            for p in parts.iter() {
                match p {
                    Part::Lit(s) => {
                        let after_scheme = s.split_once("://").map_or(s.as_ref(), |(_, r)| r);
                        if s.contains("://") {
                            seen_slash = 0;
                        }
                        if after_scheme.contains('/') || after_scheme.contains('?') {
                            seen_slash += 1;
                        }
                    }
                    Part::Hole(h) if seen_slash == 0 => t.add(h),
                    Part::Hole(_) => {}
                }
                if seen_slash > 0 {
                    break;
                }
            }
            t
        }
        _ => dest.deep_taint(),
    }
}

fn net_handle(dest: Val, data: Val) -> Val {
    Val::of(V::Handle(Rc::new(RefCell::new(Handle::Net { dest, data }))))
}

fn response(it: &mut Interp<'_>, dest: &Val, line: u32) -> Val {
    let what = dest.render();
    // `urlopen("file:///etc/shadow")` reads a file; nothing goes over the network.
    if let Some(path) = file_url(&what) {
        return read_path(it, &Val::str(path), line);
    }
    Val::tainted(it.source(label::NET, &what, line))
}

fn net_call(it: &mut Interp<'_>, k: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let last = k.rsplit('.').next().unwrap_or(k);
    let module = k.split('.').next().unwrap_or(k);
    let v = match (module, last) {
        ("fetch" | "undici", _)
            if k == "fetch"
                || k == "undici.fetch"
                || k == "undici.request"
                || k == "node-fetch" =>
        {
            let init = args.get(1).cloned().unwrap_or_else(Val::unknown);
            let body = it_member(&init, "body");
            let headers = it_member(&init, "headers");
            net_event(it, Sink::Net, &a0, &[(body, false), (headers, true)], site);
            response(it, &a0, site.line)
        }
        ("axios" | "got" | "ky" | "superagent" | "needle" | "request" | "node-fetch", m) => {
            let (dest, body, config) = match m {
                "post" | "put" | "patch" => {
                    (a0.clone(), args.get(1).cloned(), args.get(2).cloned())
                }
                "request" | "axios" | "got" | "ky" => {
                    let url = it_member(&a0, "url");
                    if url.is_unknown() {
                        (
                            a0.clone(),
                            args.get(1).map(|c| it_member(c, "json")),
                            args.get(1).cloned(),
                        )
                    } else {
                        (url, Some(it_member(&a0, "data")), Some(a0.clone()))
                    }
                }
                _ => (a0.clone(), None, args.get(1).cloned()),
            };
            let mut data = vec![];
            if let Some(b) = body {
                data.push((b, false));
            }
            if let Some(c) = config {
                for f in ["json", "body", "form", "data", "params", "searchParams"] {
                    data.push((it_member(&c, f), false));
                }
                data.push((it_member(&c, "headers"), true));
                data.push((it_member(&c, "auth"), true));
            }
            net_event(it, Sink::Net, &dest, &data, site);
            response(it, &dest, site.line)
        }
        ("http" | "https" | "http2", "request" | "get") => {
            let (dest, opts) = match &a0.v {
                V::Obj(_) => (url_of_options(&a0), a0.clone()),
                _ => (
                    a0.clone(),
                    args.get(1).cloned().unwrap_or_else(Val::unknown),
                ),
            };
            let headers = it_member(&opts, "headers");
            net_event(it, Sink::Net, &dest, &[(headers, true)], site);
            it.callbacks(args, Taint::none());
            net_handle(dest, Val::unknown())
        }
        ("net" | "tls", "connect" | "createConnection" | "Socket")
        | ("dgram", "createSocket")
        | ("websocket" | "websockets", "create_connection" | "connect")
        | ("WebSocket", _)
        | ("ws", _)
        | ("socket", "create_connection" | "socket")
        | ("ftplib", "FTP" | "FTP_TLS")
        | ("paramiko", "SSHClient")
        | ("telnetlib", "Telnet") => {
            let dest = socket_dest(args);
            net_handle(dest, Val::unknown())
        }
        ("dns", m) if m == "lookup" || m.starts_with("resolve") || m == "reverse" => {
            net_event(it, Sink::Dns, &a0, &[], site);
            it.callbacks(args, Taint::none());
            Val::unknown()
        }
        (
            "socket",
            "gethostbyname" | "gethostbyname_ex" | "getaddrinfo" | "gethostbyaddr" | "getfqdn",
        )
        | ("net", "lookup_host")
        | ("resolver" | "Resolver", "lookup_ip" | "lookup" | "query" | "resolve") => {
            net_event(it, Sink::Dns, &a0, &[], site);
            Val::unknown()
        }
        ("requests" | "httpx" | "urllib3" | "aiohttp" | "pycurl", m) => {
            python_http(it, k, m, args, site)
        }
        ("urllib", "urlopen") | ("urllib2", "urlopen") => {
            let data = args.at(1, "data").cloned().unwrap_or_else(Val::unknown);
            let (dest, pending) = match &a0.v {
                V::Handle(h) => match &*h.borrow() {
                    Handle::Net { dest, data } => (dest.clone(), data.clone()),
                    _ => (a0.clone(), Val::unknown()),
                },
                _ => (a0.clone(), Val::unknown()),
            };
            net_event(
                it,
                Sink::Net,
                &dest,
                &[(data, false), (pending, false)],
                site,
            );
            response(it, &dest, site.line)
        }
        ("urllib", "Request") | ("urllib2", "Request") => {
            let data = args.at(1, "data").cloned().unwrap_or_else(Val::unknown);
            let headers = args.at(2, "headers").cloned().unwrap_or_else(Val::unknown);
            let _ = headers;
            net_handle(a0, data)
        }
        ("http", "HTTPConnection" | "HTTPSConnection")
        | ("client", "HTTPConnection" | "HTTPSConnection") => {
            let dest = a0.clone();
            net_handle(dest, Val::unknown())
        }
        ("reqwest" | "ureq" | "surf" | "isahc" | "attohttpc" | "minreq", m) => {
            rust_http(it, m, &a0, site)
        }
        (_, "connect") if k.contains("TcpStream") || k.contains("UdpSocket") => {
            net_handle(a0, Val::unknown())
        }
        (_, "bind") if k.contains("UdpSocket") => net_handle(Val::unknown(), Val::unknown()),
        ("EventSource" | "XMLHttpRequest", _) => {
            net_event(it, Sink::Net, &a0, &[], site);
            response(it, &a0, site.line)
        }
        _ => return None,
    };
    Some(v)
}

/// `http.request({host, hostname, path, port})` as a URL.
fn url_of_options(opts: &Val) -> Val {
    let host = it_member(opts, "hostname");
    let host = if host.is_unknown() {
        it_member(opts, "host")
    } else {
        host
    };
    let path = it_member(opts, "path");
    let mut parts = vec![Part::Lit(Rc::from("https://"))];
    for v in [&host, &path] {
        match v.parts() {
            Some(ps) => parts.extend(ps),
            None if v.is_unknown() && v.t.is_clean() => {}
            None => parts.push(Part::Hole(v.deep_taint())),
        }
    }
    super::super::value::from_parts(parts, &Taint::none())
}

/// Where a socket goes: `(host, port)`, `{host, port}`, `port, host`, `"host:port"`.
fn socket_dest(args: &Args) -> Val {
    for a in args.all() {
        match &a.v {
            V::Str(_) | V::Tmpl(_) => return a.clone(),
            V::List(items) => {
                if let Some(h) = items.borrow().first() {
                    return h.clone();
                }
            }
            V::Obj(o) => {
                let o = o.borrow();
                if let Some(h) = o.get("host").or_else(|| o.get("hostname")) {
                    return h;
                }
            }
            _ => {}
        }
    }
    Val::unknown()
}

fn python_http(it: &mut Interp<'_>, k: &str, m: &str, args: &Args, site: Site) -> Val {
    if matches!(
        m,
        "Session" | "session" | "Client" | "AsyncClient" | "ClientSession" | "PoolManager" | "Curl"
    ) {
        return net_handle(Val::unknown(), Val::unknown());
    }
    let _ = k;
    py_request(it, m, args, site)
}

/// `requests.post(url, json=…, data=…, params=…, headers=…, auth=…)` and friends.
fn py_request(it: &mut Interp<'_>, m: &str, args: &Args, site: Site) -> Val {
    let (dest, first_data) = match m {
        "request" => (args.at(1, "url").cloned(), args.get(2).cloned()),
        _ => (args.at(0, "url").cloned(), args.get(1).cloned()),
    };
    let dest = dest.unwrap_or_else(Val::unknown);
    let mut data: Vec<(Val, bool)> = Vec::new();
    if let Some(d) = first_data {
        data.push((d, false));
    }
    for f in [
        "json", "data", "params", "files", "content", "body", "fields",
    ] {
        if let Some(v) = args.kw(f) {
            data.push((v.clone(), false));
        }
    }
    for f in ["headers", "auth", "cookies"] {
        if let Some(v) = args.kw(f) {
            data.push((v.clone(), true));
        }
    }
    net_event(it, Sink::Net, &dest, &data, site);
    response(it, &dest, site.line)
}

fn rust_http(it: &mut Interp<'_>, m: &str, a0: &Val, site: Site) -> Val {
    match m {
        "get" | "post" | "put" | "patch" | "delete" | "head" | "request" => {
            if matches!(a0.v, V::Unknown) && a0.t.is_clean() {
                return net_handle(Val::unknown(), Val::unknown());
            }
            net_event(it, Sink::Net, a0, &[], site);
            if m == "get" && !site.new {
                // `reqwest::get(url)` sends at once; its result is the response.
                let h = net_handle(a0.clone(), Val::unknown());
                return h.with(&response(it, a0, site.line).t);
            }
            net_handle(a0.clone(), Val::unknown())
        }
        _ => net_handle(Val::unknown(), Val::unknown()),
    }
}

// ---- files ------------------------------------------------------------------------------

/// What reading `path` gives: credential data, shipped data, or file data.
pub(super) fn read_path(it: &mut Interp<'_>, path: &Val, line: u32) -> Val {
    let text = path.render();
    let mut t = path.deep_taint();
    if let Some(secret) = secret_path(&text) {
        let s = it.source(label::SECRET_FILE, &text, line);
        let mut e = it.event(Sink::SourceRead, line);
        e.data = s.clone();
        e.text = text.clone();
        e.extra = secret.label().to_string();
        e.known = true;
        it.emit(e);
        t.add(&s);
    } else if let Some(rel) = text.strip_prefix(PKG) {
        t.add(&it.source(label::PKG_FILE, rel, line));
    } else {
        t.add(&it.source(label::FILE_DATA, &text, line));
    }
    let mut e = it.event(Sink::FileRead, line);
    e.text = text;
    e.data = path.deep_taint();
    it.emit(e);
    Val::tainted(t)
}

fn file_event(it: &mut Interp<'_>, sink: Sink, path: &Val, data: &Val, site: Site) {
    let mut e = it.event(sink, site.line);
    e.text = path.render();
    e.known = path.text().is_some();
    e.data = data.deep_taint();
    e.dest_taint = path.deep_taint();
    e.extra = data.render().chars().take(2_000).collect();
    if sink == Sink::FileChmod {
        if let V::Num(n) = data.v {
            if (n as i64) & 0o6000 != 0 {
                e.flags |= flag::SETUID;
            }
        }
        if data.render().contains("S_ISUID") || data.render().contains("S_ISGID") {
            e.flags |= flag::SETUID;
        }
    }
    it.emit(e);
}

/// A copy or a write of shipped bytes: remember where the destination's content came from.
fn remember_copy(it: &mut Interp<'_>, src: &Val, dst: &Val) {
    let src_text = src.render();
    let origin = if let Some(rel) = src_text.strip_prefix(PKG) {
        Some(format!("{PKG}{rel}"))
    } else if let Some(prev) = it.copies.get(&src_text) {
        Some(prev.clone())
    } else {
        src.t
            .origin(label::PKG_FILE)
            .map(|o| format!("{PKG}{}", o.what))
    };
    if let Some(o) = origin {
        if it.copies.len() < 1_000 {
            it.copies.insert(dst.render(), o);
        }
    }
}

fn fs_call(it: &mut Interp<'_>, k: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let a1 = args.get(1).cloned().unwrap_or_else(Val::unknown);
    let m = k.rsplit('.').next().unwrap_or(k).trim_end_matches("Sync");
    let module = k.split('.').next().unwrap_or(k);
    let fs_like = matches!(
        module,
        "fs" | "fs-extra"
            | "graceful-fs"
            | "os"
            | "shutil"
            | "pathlib"
            | "io"
            | "Deno"
            | "Bun"
            | "File"
            | "OpenOptions"
    );
    let fs_rust = module == "fs" || k.contains("fs.") || k.starts_with("File.");
    if !(fs_like
        || fs_rust
        || matches!(
            k,
            "open" | "io.open" | "codecs.open" | "glob.glob" | "glob.iglob"
        ))
    {
        return None;
    }
    let v = match (k, m) {
        ("open" | "io.open" | "codecs.open", _) => {
            let mode = args.at(1, "mode").map(Val::render).unwrap_or_default();
            let write = mode.contains(['w', 'a', 'x', '+']) && mode.len() <= 4;
            let v = Val::of(V::Handle(Rc::new(RefCell::new(Handle::File {
                path: a0.clone(),
                write,
            }))));
            if !write {
                let _ = read_path(it, &a0, site.line);
            }
            v
        }
        ("glob.glob" | "glob.iglob", _) => {
            let text = a0.render();
            let mut t = a0.deep_taint();
            if secret_path(&text.replace('*', "x")).is_some() || secret_path(&text).is_some() {
                t.add(&it.source(label::SECRET_FILE, &text, site.line));
            }
            Val::tainted(t)
        }
        (
            _,
            "readFile" | "read_to_string" | "read" | "createReadStream" | "readJson" | "readJSON"
            | "read_text" | "read_bytes",
        ) => read_path(it, &a0, site.line),
        (
            _,
            "writeFile" | "appendFile" | "write" | "outputFile" | "writeJson" | "writeJSON"
            | "outputJson" | "write_text" | "write_bytes" | "createWriteStream",
        ) => {
            remember_copy(it, &a1, &a0);
            file_event(it, Sink::FileWrite, &a0, &a1, site);
            Val::unknown()
        }
        (
            _,
            "copyFile" | "copy" | "copy2" | "copyfile" | "copytree" | "cp" | "move" | "rename"
            | "replace" | "moveSync",
        ) => {
            remember_copy(it, &a0, &a1);
            let mut e = it.event(Sink::FileCopy, site.line);
            e.text = a1.render();
            e.extra = a0.render();
            e.data = a0.deep_taint();
            e.dest_taint = a1.deep_taint();
            it.emit(e);
            Val::unknown()
        }
        (_, "chmod" | "lchmod" | "set_permissions" | "fchmod") => {
            file_event(it, Sink::FileChmod, &a0, &a1, site);
            Val::unknown()
        }
        (_, "utime" | "utimes" | "lutimes") => {
            file_event(it, Sink::FileChmod, &a0, &a1, site);
            if let Some(e) = it.events.last_mut() {
                e.flags |= flag::TIMES;
            }
            Val::unknown()
        }
        (_, "symlink" | "link" | "ensureSymlink" | "symlink_to" | "hard_link") => {
            // `symlink(target, path)`: the event is at the link, the target is its source.
            let mut e = it.event(Sink::FileLink, site.line);
            e.text = a1.render();
            e.known = a1.text().is_some();
            e.extra = a0.render();
            e.data = a0.deep_taint();
            e.dest_taint = a1.deep_taint();
            it.emit(e);
            Val::unknown()
        }
        (
            _,
            "unlink" | "rm" | "rmdir" | "remove" | "removedirs" | "rmtree" | "remove_file"
            | "remove_dir_all" | "remove_dir" | "emptyDir",
        ) => {
            file_event(it, Sink::FileDelete, &a0, &Val::unknown(), site);
            Val::unknown()
        }
        ("File.create" | "fs.File.create", _) | (_, "create") if k.contains("File") => {
            Val::of(V::Handle(Rc::new(RefCell::new(Handle::File {
                path: a0,
                write: true,
            }))))
        }
        ("File.open" | "fs.File.open", _) => {
            Val::of(V::Handle(Rc::new(RefCell::new(Handle::File {
                path: a0,
                write: false,
            }))))
        }
        (
            _,
            "readdir" | "listdir" | "scandir" | "walk" | "read_dir" | "readdirSync" | "iterdir",
        ) => Val::tainted(a0.deep_taint()),
        (
            _,
            "exists" | "existsSync" | "stat" | "lstat" | "access" | "isfile" | "isdir" | "mkdir"
            | "makedirs" | "mkdtemp" | "create_dir_all" | "create_dir" | "mkdirp" | "ensureDir",
        ) => {
            if m == "mkdtemp" {
                return Some(a0);
            }
            Val::unknown()
        }
        _ => return None,
    };
    Some(v)
}

// ---- mail -------------------------------------------------------------------------------

fn mail_call(it: &mut Interp<'_>, k: &str, args: &Args, _site: Site) -> Option<Val> {
    let _ = it;
    let v = match k {
        "nodemailer.createTransport"
        | "smtplib.SMTP"
        | "smtplib.SMTP_SSL"
        | "lettre.SmtpTransport.relay"
        | "SmtpTransport.relay"
        | "SmtpTransport.builder_dangerous" => {
            let _ = args;
            Val::of(V::Handle(Rc::new(RefCell::new(Handle::Mail))))
        }
        "email.message.EmailMessage"
        | "EmailMessage"
        | "email.mime.text.MIMEText"
        | "MIMEText"
        | "email.mime.multipart.MIMEMultipart"
        | "MIMEMultipart"
        | "email.message.Message" => Val::obj(Obj::default()),
        _ => return None,
    };
    Some(v)
}

/// A message sent: a hard-coded copy recipient is an event flag.
fn mail_event(it: &mut Interp<'_>, msg: &Val, site: Site) {
    let mut e = it.event(Sink::Mail, site.line);
    e.data = msg.deep_taint();
    if let V::Obj(o) = &msg.v {
        let o = o.borrow();
        for (k, v) in &o.fields {
            let lower = k.to_ascii_lowercase();
            let which = match lower.as_str() {
                "bcc" => flag::BCC,
                "cc" => flag::CC,
                _ => continue,
            };
            // Only a constant address: a recipient the caller chose is not hidden.
            if let Some(addr) = v.text() {
                if addr.contains('@') && v.t.is_clean() {
                    e.flags |= which;
                    e.text = format!("{k}: {addr}");
                }
            }
        }
    }
    it.emit(e);
}

// ---- methods ----------------------------------------------------------------------------

/// Methods with effects on string receivers (pathlib paths are strings here).
pub(super) fn method(
    it: &mut Interp<'_>,
    recv: &Val,
    m: &str,
    args: &Args,
    site: Site,
) -> Option<Val> {
    if !matches!(recv.v, V::Str(_) | V::Tmpl(_)) {
        return None;
    }
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let v = match m {
        "read_text" | "read_bytes" => read_path(it, recv, site.line),
        "write_text" | "write_bytes" => {
            remember_copy(it, &a0, recv);
            file_event(it, Sink::FileWrite, recv, &a0, site);
            Val::unknown()
        }
        "unlink" | "rmdir" => {
            file_event(it, Sink::FileDelete, recv, &Val::unknown(), site);
            Val::unknown()
        }
        "chmod" => {
            file_event(it, Sink::FileChmod, recv, &a0, site);
            Val::unknown()
        }
        "symlink_to" | "hardlink_to" => {
            file_event(it, Sink::FileLink, recv, &a0, site);
            Val::unknown()
        }
        "rename" | "replace"
            if it.lang() == mcp_audit_extract::source::Lang::Python && args.pos.len() == 1 =>
        {
            remember_copy(it, recv, &a0);
            let mut e = it.event(Sink::FileCopy, site.line);
            e.text = a0.render();
            e.extra = recv.render();
            it.emit(e);
            Val::unknown()
        }
        "open" if it.lang() == mcp_audit_extract::source::Lang::Python => {
            let mode = args.at(0, "mode").map(Val::render).unwrap_or_default();
            let write = mode.contains(['w', 'a', 'x', '+']) && mode.len() <= 4;
            if !write {
                let _ = read_path(it, recv, site.line);
            }
            Val::of(V::Handle(Rc::new(RefCell::new(Handle::File {
                path: recv.clone(),
                write,
            }))))
        }
        "glob" | "rglob" | "iterdir" => {
            let text = recv.render();
            let pattern = a0.render();
            let mut t = recv.deep_taint();
            if secret_path(&format!("{text}/{pattern}").replace('*', "x")).is_some() {
                t.add(&it.source(label::SECRET_FILE, &text, site.line));
            }
            Val::tainted(t)
        }
        _ => return None,
    };
    Some(v)
}

/// Methods of handles (requests, sockets, processes, files, mail transports).
pub(super) fn handle_method(
    it: &mut Interp<'_>,
    h: &Rc<RefCell<Handle>>,
    recv: &Val,
    m: &str,
    args: &Args,
    site: Site,
) -> Option<Val> {
    let kind = h.borrow().clone();
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    match kind {
        Handle::Net { dest, data } => Some(net_method(it, h, recv, &dest, &data, m, args, site)),
        Handle::Cmd {
            program,
            args: argv,
            detached,
        } => Some(cmd_method(
            it, h, recv, &program, &argv, detached, m, args, site,
        )),
        Handle::Child { event } => {
            if matches!(m, "unref" | "detach" | "disown") {
                if let Some(e) = event.and_then(|i| it.events.get_mut(i)) {
                    e.flags |= flag::DETACHED;
                }
            }
            it.callbacks(args, Taint::none());
            Some(Val::unknown())
        }
        Handle::File { path, write } => match m {
            "read" | "readlines" | "readline" | "read_to_string" | "read_to_end" | "readall" => {
                if write {
                    Some(Val::unknown())
                } else {
                    Some(read_path(it, &path, site.line))
                }
            }
            "write" | "writelines" | "write_all" | "write_str" | "write_fmt" => {
                remember_copy(it, &a0, &path);
                file_event(it, Sink::FileWrite, &path, &a0, site);
                Some(Val::unknown())
            }
            _ => Some(recv.clone()),
        },
        Handle::Mail => {
            if matches!(
                m,
                "sendMail" | "send_mail" | "send_message" | "sendmail" | "send"
            ) {
                let msg = if m == "sendmail" {
                    args.get(2).cloned()
                } else {
                    args.get(0).cloned()
                };
                if let Some(msg) = msg {
                    mail_event(it, &msg, site);
                }
                if m == "sendmail" {
                    // `sendmail(from, to_addrs, msg)`: constant extra recipients.
                    if let Some(to) = args.get(1) {
                        let mut o = Obj::default();
                        o.set(Rc::from("to"), to.clone());
                        let _ = o;
                    }
                }
            }
            Some(recv.clone())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn net_method(
    it: &mut Interp<'_>,
    h: &Rc<RefCell<Handle>>,
    recv: &Val,
    dest: &Val,
    pending: &Val,
    m: &str,
    args: &Args,
    site: Site,
) -> Val {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    match m {
        "get" | "post" | "put" | "patch" | "delete" | "head" | "request" | "options" | "stream" => {
            if it.lang() == mcp_audit_extract::source::Lang::Rust {
                let url = if m == "request" {
                    args.get(1).cloned().unwrap_or_else(Val::unknown)
                } else {
                    a0
                };
                net_event(it, Sink::Net, &url, &[], site);
                return net_handle(url, Val::unknown());
            }
            if m == "request"
                && it.lang() == mcp_audit_extract::source::Lang::Python
                && dest.text().is_some()
            {
                // http.client: conn.request(method, url, body, headers)
                let path = args.at(1, "url").cloned().unwrap_or_else(Val::unknown);
                let body = args.at(2, "body").cloned().unwrap_or_else(Val::unknown);
                let headers = args.at(3, "headers").cloned().unwrap_or_else(Val::unknown);
                let full = super::super::value::from_parts(
                    [
                        dest.parts().unwrap_or_default(),
                        path.parts()
                            .unwrap_or_else(|| vec![Part::Hole(path.deep_taint())]),
                    ]
                    .concat(),
                    &Taint::none(),
                );
                net_event(
                    it,
                    Sink::Net,
                    &full,
                    &[(body, false), (headers, true)],
                    site,
                );
                return Val::unknown();
            }
            py_request(it, m, args, site)
        }
        "json" | "body" | "form" | "query" | "multipart" | "send_json" | "send_string"
        | "send_form" | "send_bytes" | "text"
            if !args.pos.is_empty() =>
        {
            net_event(it, Sink::Net, dest, &[(a0, false)], site);
            recv.clone()
        }
        "header" | "headers" | "bearer_auth" | "basic_auth" | "timeout" | "set" | "setHeader"
        | "version" | "user_agent" => recv.clone(),
        "write" | "end" | "send" | "sendall" | "write_all" | "sendto" | "send_to" | "emit"
        | "sendMessage" => {
            if args.pos.is_empty() && m == "send" {
                // reqwest `send()`: the request goes out with what it was given.
                return response(it, dest, site.line);
            }
            let target = match m {
                "sendto" | "send_to" => args.get(1).cloned().unwrap_or_else(|| dest.clone()),
                "send" if args.pos.len() >= 3 => {
                    args.get(2).cloned().unwrap_or_else(|| dest.clone())
                }
                _ => dest.clone(),
            };
            net_event(
                it,
                Sink::Net,
                &target,
                &[(a0, false), (pending.clone(), false)],
                site,
            );
            recv.clone()
        }
        "connect" => {
            let d = socket_dest(args);
            if let Handle::Net { dest, .. } = &mut *h.borrow_mut() {
                *dest = d;
            }
            recv.clone()
        }
        "recv" | "read" | "getresponse" | "recvfrom" | "call" | "read_to_string" => {
            response(it, dest, site.line)
        }
        _ => {
            it.callbacks(args, Taint::none());
            response(it, dest, site.line)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn cmd_method(
    it: &mut Interp<'_>,
    h: &Rc<RefCell<Handle>>,
    recv: &Val,
    program: &Val,
    argv: &[Val],
    detached: bool,
    m: &str,
    args: &Args,
    site: Site,
) -> Val {
    match m {
        "arg" => {
            if let Handle::Cmd { args: a, .. } = &mut *h.borrow_mut() {
                if let Some(x) = args.get(0) {
                    a.push(x.clone());
                }
            }
            recv.clone()
        }
        "args" => {
            let more = args
                .get(0)
                .map(|a| {
                    it.elements(a)
                        .unwrap_or_else(|| vec![Val::tainted(a.deep_taint())])
                })
                .unwrap_or_default();
            if let Handle::Cmd { args: a, .. } = &mut *h.borrow_mut() {
                a.extend(more);
            }
            recv.clone()
        }
        "pre_exec" | "process_group" | "setsid" | "creation_flags" => {
            if let Handle::Cmd { detached, .. } = &mut *h.borrow_mut() {
                *detached = true;
            }
            recv.clone()
        }
        "spawn" | "output" | "status" | "exec" => {
            let mut flags = 0;
            if detached || (m == "spawn" && site.discarded) {
                flags |= flag::DETACHED;
            }
            exec_event(it, program, argv, site, flags)
        }
        _ => recv.clone(),
    }
}
