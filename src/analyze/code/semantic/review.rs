//! Install hooks read as code: each hook's files (and what they import from the package, and
//! inline `node -e` code) are interpreted on their own, and the hook is *benign* when nothing
//! it does leaves the package: no network, no shell, no code built at run time, no secrets, no
//! writes outside the package, no detached processes, only well-known build tools run with
//! argument lists. The manifest rules use this to tell a `postinstall` that chmods its own
//! `dist/index.js` from one that downloads and runs.

use std::collections::BTreeSet;

use super::context::{hooks, Hook};
use super::events::{flag, Event, Sink};
use super::interp::PKG;
use super::ir::{Module, Program};
use super::lower::{self, Lowered};
use super::resolve::Resolver;
use super::value::label;
use crate::analyze::context::Context;
use mcp_audit_extract::source::{Lang, SourceFile};

/// What a hook's code does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HookVerdict {
    /// Nothing leaves the package.
    Benign,
    /// Something does (what, for the message).
    Risky(String),
    /// Its code could not be read (a shell script, a missing file).
    Unread,
}

/// The verdicts of a package's install hooks and `.pth` lines.
#[derive(Debug, Default)]
pub struct InstallReview {
    hooks: Vec<(String, HookVerdict)>,
}

impl InstallReview {
    /// The verdict of a hook: `npm postinstall`, `setup.py`, `build backend`, `build.rs`, or a
    /// `.pth` file's name.
    #[must_use]
    pub fn verdict(&self, hook: &str) -> Option<&HookVerdict> {
        self.hooks.iter().find(|(h, _)| h == hook).map(|(_, v)| v)
    }

    /// Whether the hook was read and found benign.
    #[must_use]
    pub fn benign(&self, hook: &str) -> bool {
        self.verdict(hook) == Some(&HookVerdict::Benign)
    }
}

/// Most files one hook's review reads.
const MAX_FILES: usize = 64;

/// Reviews every install hook of the package.
#[must_use]
pub fn review(ctx: &Context<'_>) -> InstallReview {
    let mut out = InstallReview::default();
    for hook in hooks(ctx) {
        let verdict = review_hook(ctx, &hook);
        out.hooks.push((hook.label.clone(), verdict));
    }
    out
}

fn review_hook(ctx: &Context<'_>, hook: &Hook) -> HookVerdict {
    let mut lowered: Vec<Lowered> = Vec::new();
    if let Some((lang, code)) = &hook.inline {
        let path = format!("{} (inline)", hook.label);
        match lower::lower_text(&path, *lang, code) {
            Some(l) => lowered.push(l),
            None => return HookVerdict::Unread,
        }
    }
    if hook.files.is_empty() && hook.inline.is_none() {
        return HookVerdict::Unread;
    }
    let files = closure(ctx, &hook.files);
    for path in &files {
        let Some(f) = ctx.sources.files.iter().find(|f| &f.path == path) else {
            continue;
        };
        match lower::lower(f) {
            Some(l) => lowered.push(l),
            None => return HookVerdict::Unread,
        }
    }
    let sem = super::run(lowered);
    match sem.events.iter().find_map(risk) {
        Some(why) => HookVerdict::Risky(why),
        None => HookVerdict::Benign,
    }
}

/// The hook files and the package files they import (bounded).
fn closure(ctx: &Context<'_>, start: &[String]) -> Vec<String> {
    // Resolution needs only the paths: a program of empty modules.
    let paths = Program {
        files: ctx
            .sources
            .files
            .iter()
            .map(|f| Module {
                path: f.path.clone(),
                lang: f.lang,
                body: Vec::new(),
                mods: Vec::new(),
            })
            .collect(),
        funcs: Vec::new(),
    };
    let res = Resolver::new(&paths);
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut stack: Vec<String> = start.to_vec();
    while let Some(path) = stack.pop() {
        if seen.len() >= MAX_FILES || !seen.insert(path.clone()) {
            continue;
        }
        let Some(file) = ctx.sources.files.iter().find(|f| f.path == path) else {
            continue;
        };
        let Some(id) = res.file(&path) else { continue };
        for spec in specs(file) {
            let target = match file.lang {
                Lang::Python => res.python(id, path.ends_with("__init__.py"), &spec),
                Lang::JavaScript | Lang::TypeScript | Lang::Tsx => res.js(&path, &spec),
                _ => None,
            };
            if let Some(t) = target {
                stack.push(paths.files[t].path.clone());
            }
        }
    }
    seen.into_iter().collect()
}

/// Module specifiers a file imports.
fn specs(file: &SourceFile) -> Vec<String> {
    let Some(l) = lower::lower(file) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    super::collect_specs(&l.module.body, &mut out);
    for f in &l.funcs {
        super::collect_specs(&f.body, &mut out);
    }
    out
}

/// Build tools an install hook may run with an argument list.
const BUILD_TOOLS: &[&str] = &[
    "git",
    "node-gyp",
    "node-pre-gyp",
    "prebuild-install",
    "cmake",
    "make",
    "gcc",
    "cc",
    "c++",
    "g++",
    "clang",
    "clang++",
    "rustc",
    "pkg-config",
    "npm",
    "tsc",
    "xcrun",
    "ar",
    "ld",
    "protoc",
    "uname",
    "which",
    "sw_vers",
];

/// Why an event makes a hook risky.
fn risk(e: &Event) -> Option<String> {
    let sources =
        label::ENV_SECRET | label::SECRET_FILE | label::ENV_ALL | label::DECODED | label::NET;
    match e.sink {
        Sink::Net | Sink::Dns | Sink::Mail => Some("uses the network".into()),
        Sink::Shell => Some(format!("runs a shell command: {}", e.text)),
        Sink::Eval | Sink::Deserialize | Sink::Template => {
            Some("evaluates code built at run time".into())
        }
        Sink::Import if !e.known || !e.data.is_clean() => {
            Some("imports a module by a computed name".into())
        }
        Sink::SourceRead if e.data.has(label::ENV_SECRET | label::SECRET_FILE) => {
            Some(format!("reads {}", e.text))
        }
        Sink::Exec => {
            let program = e.text.split_whitespace().next().unwrap_or("");
            let base = program.rsplit('/').next().unwrap_or(program);
            let publish = e.text.contains(" publish") || e.text.contains("twine");
            let tool = BUILD_TOOLS.contains(&base) && !program.starts_with(PKG);
            if e.flags & flag::DETACHED != 0 || publish || !tool {
                Some(format!("runs {}", e.text))
            } else {
                None
            }
        }
        Sink::FileWrite | Sink::FileCopy | Sink::FileLink | Sink::FileDelete | Sink::FileChmod => {
            if e.data.has(sources) {
                return Some(format!("writes data it read ({})", e.text));
            }
            let path = e.text.as_str();
            let inside = path.starts_with(PKG)
                || (!path.starts_with('/')
                    && !path.starts_with('~')
                    && !path.starts_with("..")
                    && !path.contains("/../"));
            // Paths built only from build configuration (`OUT_DIR`) stay in the build.
            let configured =
                path.starts_with('\u{2026}') && !e.dest_taint.has(label::SOURCES & !label::ENV_VAR);
            if inside || configured {
                None
            } else {
                Some(format!("changes a file outside the package ({path})"))
            }
        }
        _ => None,
    }
}
