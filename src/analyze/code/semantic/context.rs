//! When code runs: at install (npm lifecycle scripts, setup.py, in-tree build backends,
//! build.rs), at every interpreter start (`.pth` import lines), when the server starts (the
//! package's entry points and what they import), per tool call (handlers), or never (code no
//! entry point reaches). Read from the manifests; files are package paths.

use std::collections::BTreeSet;

use serde_json::Value;

use super::events::{EntryKind, Event};
use super::Semantic;
use crate::analyze::context::Context;
use mcp_audit_extract::source::Lang;

/// Where an install-time or start-up hook's code is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hook {
    /// `npm postinstall`, `setup.py`, `build backend`, `build.rs`, `x.pth`.
    pub label: String,
    pub kind: HookKind,
    /// Files it runs.
    pub files: Vec<String>,
    /// Inline code (`node -e "…"`), with its language.
    pub inline: Option<(Lang, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HookKind {
    Install,
    /// A `.pth` import line: runs at every Python start.
    Pth,
}

/// The context an event ran in, most dangerous first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum RunsAt {
    Install(String),
    Pth(String),
    Startup,
    Handler,
    Unreached,
}

impl RunsAt {
    pub(crate) fn phrase(&self) -> String {
        match self {
            RunsAt::Install(h) => format!("at install time ({h})"),
            RunsAt::Pth(p) => format!("at every Python start ({p})"),
            RunsAt::Startup => "when the server starts".into(),
            RunsAt::Handler => "in a tool handler".into(),
            RunsAt::Unreached => "in code no entry point calls".into(),
        }
    }
}

/// Install hooks and `.pth` lines of the package.
pub(crate) fn hooks(ctx: &Context<'_>) -> Vec<Hook> {
    let mut out = Vec::new();
    npm_hooks(ctx, &mut out);
    let m = ctx.manifests;
    if m.has_setup_py {
        if let Some(f) = ctx.sources.files.iter().find(|f| {
            f.path == "setup.py" || f.path.ends_with("/setup.py") && !f.path.contains("/tests/")
        }) {
            out.push(Hook {
                label: "setup.py".into(),
                kind: HookKind::Install,
                files: vec![f.path.clone()],
                inline: None,
            });
        }
    }
    backend_hook(ctx, &mut out);
    if let Some(cargo) = &m.cargo_toml {
        let build = cargo
            .value
            .get("package")
            .and_then(|p| p.get("build"))
            .and_then(toml::Value::as_str)
            .unwrap_or("build.rs");
        let dir = cargo
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/"));
        let path = format!("{dir}{build}");
        if ctx.sources.files.iter().any(|f| f.path == path) {
            out.push(Hook {
                label: "build.rs".into(),
                kind: HookKind::Install,
                files: vec![path],
                inline: None,
            });
        }
    }
    pth_hooks(ctx, &mut out);
    out
}

fn npm_hooks(ctx: &Context<'_>, out: &mut Vec<Hook>) {
    let Some(pkg) = &ctx.manifests.package_json else {
        return;
    };
    let dir = pkg
        .path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let Some(scripts) = pkg.value.get("scripts").and_then(Value::as_object) else {
        return;
    };
    for hook in ["preinstall", "install", "postinstall"] {
        let Some(cmd) = scripts.get(hook).and_then(Value::as_str) else {
            continue;
        };
        let mut files = Vec::new();
        let mut inline = None;
        command_code(cmd, scripts, &dir, ctx, &mut files, &mut inline, 0);
        out.push(Hook {
            label: format!("npm {hook}"),
            kind: HookKind::Install,
            files,
            inline,
        });
    }
}

/// The JavaScript files (or inline code) an npm script command runs.
fn command_code(
    cmd: &str,
    scripts: &serde_json::Map<String, Value>,
    dir: &str,
    ctx: &Context<'_>,
    files: &mut Vec<String>,
    inline: &mut Option<(Lang, String)>,
    depth: u32,
) {
    for part in cmd
        .split(['&', '|', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let words = shell_words(part);
        let Some(first) = words.first() else { continue };
        if matches!(first.as_str(), "npm" | "yarn" | "pnpm") && depth < 3 {
            let name = match words.get(1).map(String::as_str) {
                Some("run" | "run-script") => words.get(2),
                Some(other) if first == "yarn" && !other.starts_with('-') => words.get(1),
                _ => None,
            };
            if let Some(inner) = name.and_then(|n| scripts.get(n)).and_then(Value::as_str) {
                command_code(inner, scripts, dir, ctx, files, inline, depth + 1);
            }
            continue;
        }
        let runner = matches!(
            first.as_str(),
            "node" | "nodejs" | "bun" | "tsx" | "ts-node" | "deno"
        );
        if !runner {
            continue;
        }
        if let Some(pos) = words
            .iter()
            .position(|w| matches!(w.as_str(), "-e" | "--eval" | "-p" | "--print"))
        {
            if let Some(code) = words.get(pos + 1) {
                *inline = Some((Lang::JavaScript, code.clone()));
            }
            continue;
        }
        if let Some(script) = words.iter().skip(1).find(|w| !w.starts_with('-')) {
            let path = super::resolve::normalize(&format!("{dir}{script}")).unwrap_or_default();
            let candidates = [
                path.clone(),
                format!("{path}.js"),
                format!("{path}/index.js"),
            ];
            if let Some(found) = candidates
                .iter()
                .find(|c| ctx.sources.files.iter().any(|f| &f.path == *c))
            {
                files.push(found.clone());
            }
        }
    }
}

/// Splits a command into words, honouring single and double quotes.
pub(crate) fn shell_words(cmd: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    let mut chars = cmd.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                has = true;
            }
            (None, c) if c.is_whitespace() => {
                if has || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if has || !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn backend_hook(ctx: &Context<'_>, out: &mut Vec<Hook>) {
    let Some(py) = &ctx.manifests.pyproject else {
        return;
    };
    let Some(bs) = py.value.get("build-system").and_then(toml::Value::as_table) else {
        return;
    };
    let Some(paths) = bs.get("backend-path").and_then(toml::Value::as_array) else {
        return;
    };
    let module = bs
        .get("build-backend")
        .and_then(toml::Value::as_str)
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("")
        .replace('.', "/");
    let base = py
        .path
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let mut files = Vec::new();
    for p in paths.iter().filter_map(toml::Value::as_str) {
        let dir = p.trim_start_matches("./").trim_end_matches('/');
        let dir = if dir.is_empty() || dir == "." {
            base.clone()
        } else {
            format!("{base}{dir}/")
        };
        for cand in [
            format!("{dir}{module}.py"),
            format!("{dir}{module}/__init__.py"),
        ] {
            if ctx.sources.files.iter().any(|f| f.path == cand) {
                files.push(cand);
            }
        }
    }
    if !files.is_empty() {
        out.push(Hook {
            label: "build backend".into(),
            kind: HookKind::Install,
            files,
            inline: None,
        });
    }
}

fn pth_hooks(ctx: &Context<'_>, out: &mut Vec<Hook>) {
    for f in ctx.tree.files().iter().filter(|f| f.path.ends_with(".pth")) {
        let Ok(bytes) = ctx.tree.read(&f.path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(256 * 1024)]).into_owned();
        let mut files = Vec::new();
        let mut inline = String::new();
        for line in text
            .lines()
            .filter(|l| l.starts_with("import ") || l.starts_with("import\t"))
        {
            inline.push_str(line);
            inline.push('\n');
            for module in python_imports(line) {
                let rel = module.replace('.', "/");
                let found = ctx.sources.files.iter().find(|s| {
                    s.lang == Lang::Python
                        && (s.path == format!("{rel}.py")
                            || s.path.ends_with(&format!("/{rel}.py"))
                            || s.path == format!("{rel}/__init__.py")
                            || s.path.ends_with(&format!("/{rel}/__init__.py")))
                });
                if let Some(s) = found {
                    files.push(s.path.clone());
                }
            }
        }
        if !inline.is_empty() {
            out.push(Hook {
                label: f.path.rsplit('/').next().unwrap_or(&f.path).to_string(),
                kind: HookKind::Pth,
                files,
                inline: Some((Lang::Python, inline)),
            });
        }
    }
}

/// Modules an `import a.b, c as d; …` line names.
fn python_imports(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for stmt in line.split(';') {
        let stmt = stmt.trim();
        if let Some(rest) = stmt.strip_prefix("import") {
            for part in rest.split(',') {
                let name = part.split_whitespace().next().unwrap_or("");
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    out.push(name.to_string());
                }
            }
        } else if let Some(rest) = stmt.strip_prefix("from") {
            if let Some(module) = rest.split_whitespace().next() {
                out.push(module.to_string());
            }
        }
    }
    out
}

/// Files the package's declared entry points load (npm `main`/`bin`/`exports`, Python console
/// scripts and packages, Rust binaries and libraries); `None` when none are declared.
pub(crate) fn entry_files(ctx: &Context<'_>, sem: &Semantic) -> Option<BTreeSet<usize>> {
    let mut roots: Vec<String> = Vec::new();
    if let Some(pkg) = &ctx.manifests.package_json {
        let dir = pkg
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/"));
        let mut specs = Vec::new();
        collect_strings(pkg.value.get("main"), &mut specs);
        collect_strings(pkg.value.get("bin"), &mut specs);
        collect_strings(pkg.value.get("exports"), &mut specs);
        collect_strings(pkg.value.get("module"), &mut specs);
        if specs.is_empty() {
            specs.push("index.js".into());
        }
        for s in specs {
            if let Some(p) = super::resolve::normalize(&format!("{dir}{s}")) {
                roots.push(p);
            }
        }
    }
    if let Some(mcpb) = &ctx.manifests.mcpb {
        let dir = mcpb
            .path
            .rsplit_once('/')
            .map_or(String::new(), |(d, _)| format!("{d}/"));
        if let Some(e) = mcpb
            .value
            .pointer("/server/entry_point")
            .and_then(Value::as_str)
        {
            roots.push(format!("{dir}{e}"));
        }
    }
    for (i, path) in sem.files.iter().enumerate() {
        let name = path.rsplit('/').next().unwrap_or(path);
        let python_root = name == "__init__.py" || name == "__main__.py" || name == "server.py";
        let rust_root = matches!(name, "main.rs" | "lib.rs") || path.contains("/bin/");
        if python_root || rust_root {
            roots.push(sem.files[i].clone());
        }
    }
    if roots.is_empty() {
        return None;
    }
    let mut set = BTreeSet::new();
    let mut stack: Vec<usize> = sem
        .files
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            roots.iter().any(|r| {
                r == *p
                    || r.trim_end_matches(".js")
                        == p.trim_end_matches(".js").trim_end_matches(".ts")
            })
        })
        .map(|(i, _)| i)
        .collect();
    if stack.is_empty() {
        return None;
    }
    while let Some(f) = stack.pop() {
        if set.insert(f) {
            stack.extend(sem.imports.get(f).into_iter().flatten().copied());
        }
    }
    Some(set)
}

fn collect_strings(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => out.push(s.clone()),
        Some(Value::Object(m)) => {
            for v in m.values() {
                collect_strings(Some(v), out);
            }
        }
        Some(Value::Array(a)) => {
            for v in a {
                collect_strings(Some(v), out);
            }
        }
        _ => {}
    }
}

/// What runs when: install and `.pth` closures, entry-point reachability.
pub(crate) struct Contexts {
    install: Vec<(usize, String)>,
    pth: Vec<(usize, String)>,
    reachable: Option<BTreeSet<usize>>,
}

impl Contexts {
    pub(crate) fn new(ctx: &Context<'_>, sem: &Semantic) -> Contexts {
        let mut install = Vec::new();
        let mut pth = Vec::new();
        for h in hooks(ctx) {
            let start: Vec<usize> = h
                .files
                .iter()
                .filter_map(|p| sem.files.iter().position(|f| f == p))
                .collect();
            for f in closure(sem, start) {
                match h.kind {
                    HookKind::Install => install.push((f, h.label.clone())),
                    HookKind::Pth => pth.push((f, h.label.clone())),
                }
            }
        }
        Contexts {
            install,
            pth,
            reachable: entry_files(ctx, sem),
        }
    }

    /// When an event's code runs.
    pub(crate) fn of(&self, sem: &Semantic, e: &Event) -> RunsAt {
        let Some(entry) = sem.entries.get(e.entry) else {
            return RunsAt::Startup;
        };
        if let Some((_, h)) = self.install.iter().find(|(f, _)| *f == entry.file) {
            return RunsAt::Install(h.clone());
        }
        if let Some((_, h)) = self.pth.iter().find(|(f, _)| *f == entry.file) {
            return RunsAt::Pth(h.clone());
        }
        if e.hops.iter().any(|h| h.handler) || entry.kind == EntryKind::Handler {
            return RunsAt::Handler;
        }
        let reached = self
            .reachable
            .as_ref()
            .is_none_or(|r| e.hops.iter().any(|h| r.contains(&h.file)) || r.contains(&entry.file));
        match entry.kind {
            EntryKind::ModuleLoad if reached => RunsAt::Startup,
            EntryKind::Root if reached && self.root_called(sem, entry) => RunsAt::Startup,
            _ => RunsAt::Unreached,
        }
    }

    /// Whether a root entry is a function something calls: `main`, a method (a framework
    /// calls it), a callback (anonymous).
    fn root_called(&self, sem: &Semantic, entry: &super::events::Entry) -> bool {
        let func = sem
            .funcs
            .iter()
            .find(|f| f.file == entry.file && f.name == entry.func);
        match func {
            Some(f) => {
                f.name.is_empty()
                    || f.owner.is_some()
                    || !f.marks.is_empty()
                    || super::MAIN_NAMES.contains(&f.name.as_str())
                    || f.referenced
            }
            None => true,
        }
    }
}

fn closure(sem: &Semantic, start: Vec<usize>) -> Vec<usize> {
    let mut seen = BTreeSet::new();
    let mut stack = start;
    while let Some(f) = stack.pop() {
        if seen.insert(f) {
            stack.extend(sem.imports.get(f).into_iter().flatten().copied());
        }
    }
    seen.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_imports() {
        assert_eq!(
            shell_words(
                r#"node -e "try{require('fs').chmodSync('dist/index.js',0o755)}catch(e){}""#
            ),
            vec![
                "node",
                "-e",
                "try{require('fs').chmodSync('dist/index.js',0o755)}catch(e){}"
            ]
        );
        assert_eq!(
            python_imports("import a.b, c as d; import os"),
            vec!["a.b", "c", "os"]
        );
    }
}
