//! Which file of the package an import names: relative JavaScript specifiers (with the
//! extensions a bundler or TypeScript would try), Python dotted and relative module names
//! (`src/` layouts included), Rust `mod` declarations and `crate::`/`super::` paths.

use std::collections::HashMap;

use super::ir::{FileId, Program};
use mcp_audit_extract::source::Lang;

/// Lookup tables built once per program.
#[derive(Debug, Default)]
pub(crate) struct Resolver {
    by_path: HashMap<String, FileId>,
    /// Python dotted module name → file (`pkg.sub.mod`, `pkg` for `pkg/__init__.py`), for every
    /// suffix of the path's components (so `src/pkg/mod.py` is `pkg.mod` too).
    python: HashMap<String, FileId>,
    /// The full dotted name of each Python file (its package is the name without the last
    /// component, or itself for `__init__.py`).
    pub dotted: HashMap<FileId, String>,
    /// Rust: each file's child modules (`mod x;`), by name.
    rust_children: HashMap<FileId, HashMap<String, FileId>>,
    /// Rust: each file's parent module and crate root.
    rust_parent: HashMap<FileId, FileId>,
    rust_root: HashMap<FileId, FileId>,
}

impl Resolver {
    pub(crate) fn new(prog: &Program) -> Resolver {
        let mut r = Resolver::default();
        for (id, m) in prog.files.iter().enumerate() {
            r.by_path.insert(m.path.clone(), id);
        }
        // Shallow paths first: `pkg/x.py` wins the name `x` over `tests/pkg/x.py`.
        let mut python: Vec<(usize, FileId)> = prog
            .files
            .iter()
            .enumerate()
            .filter(|(_, m)| m.lang == Lang::Python)
            .map(|(id, m)| (m.path.matches('/').count(), id))
            .collect();
        python.sort_unstable();
        for (_, id) in python {
            r.add_python(id, &prog.files[id].path);
        }
        r.link_rust(prog);
        r
    }

    fn add_python(&mut self, id: FileId, path: &str) {
        let stem = path.strip_suffix(".py").unwrap_or(path);
        let stem = stem.strip_suffix("/__init__").unwrap_or(stem);
        let parts: Vec<&str> = stem.split('/').filter(|p| !p.is_empty()).collect();
        if parts.is_empty() {
            return;
        }
        self.dotted.insert(id, parts.join("."));
        for start in 0..parts.len() {
            self.python.entry(parts[start..].join(".")).or_insert(id);
        }
    }

    fn link_rust(&mut self, prog: &Program) {
        for (id, m) in prog.files.iter().enumerate() {
            if m.lang != Lang::Rust {
                continue;
            }
            let (dir, own_dir) = rust_dirs(&m.path);
            let mut children = HashMap::new();
            for name in &m.mods {
                let candidates = [
                    format!("{own_dir}{name}.rs"),
                    format!("{own_dir}{name}/mod.rs"),
                    format!("{dir}{name}.rs"),
                ];
                if let Some(child) = candidates.iter().find_map(|c| self.by_path.get(c)) {
                    children.insert(name.clone(), *child);
                    self.rust_parent.insert(*child, id);
                }
            }
            self.rust_children.insert(id, children);
        }
        let ids: Vec<FileId> = (0..prog.files.len())
            .filter(|i| prog.files[*i].lang == Lang::Rust)
            .collect();
        for id in ids {
            let mut root = id;
            for _ in 0..32 {
                match self.rust_parent.get(&root) {
                    Some(p) if *p != root => root = *p,
                    _ => break,
                }
            }
            self.rust_root.insert(id, root);
        }
    }

    /// A JavaScript/TypeScript module specifier seen from `from` (a package path).
    pub(crate) fn js(&self, from: &str, spec: &str) -> Option<FileId> {
        if !(spec.starts_with("./") || spec.starts_with("../") || spec.starts_with('/')) {
            return None;
        }
        let base = from.rsplit_once('/').map_or("", |(d, _)| d);
        let joined = normalize(&format!("{base}/{spec}"))?;
        let stem = ["js", "mjs", "cjs", "ts", "mts", "cts", "jsx", "tsx"]
            .iter()
            .find_map(|e| joined.strip_suffix(&format!(".{e}")))
            .unwrap_or(&joined);
        let mut candidates = vec![joined.clone()];
        for ext in ["js", "ts", "mjs", "cjs", "tsx", "jsx", "mts", "cts"] {
            candidates.push(format!("{stem}.{ext}"));
        }
        for ext in ["js", "ts", "mjs", "cjs"] {
            candidates.push(format!("{joined}/index.{ext}"));
        }
        candidates.iter().find_map(|c| self.by_path.get(c).copied())
    }

    /// A Python module name (absolute, or relative with leading dots) seen from `from`.
    pub(crate) fn python(&self, from: FileId, is_init: bool, spec: &str) -> Option<FileId> {
        let name = self.python_name(from, is_init, spec)?;
        self.python.get(&name).copied()
    }

    /// The absolute dotted name of a Python module reference.
    pub(crate) fn python_name(&self, from: FileId, is_init: bool, spec: &str) -> Option<String> {
        let dots = spec.chars().take_while(|c| *c == '.').count();
        if dots == 0 {
            return Some(spec.to_string());
        }
        let own = self.dotted.get(&from)?;
        let mut parts: Vec<&str> = own.split('.').collect();
        // A module's package is its name without the last part; a package is its own.
        let up = if is_init { dots - 1 } else { dots };
        for _ in 0..up {
            parts.pop()?;
        }
        let rest = &spec[dots..];
        if !rest.is_empty() {
            parts.push(rest);
        }
        Some(parts.join("."))
    }

    /// Whether a dotted name is one of the package's Python modules.
    pub(crate) fn python_module(&self, name: &str) -> Option<FileId> {
        self.python.get(name).copied()
    }

    /// A Rust file's child module `name`.
    pub(crate) fn rust_child(&self, from: FileId, name: &str) -> Option<FileId> {
        self.rust_children.get(&from)?.get(name).copied()
    }

    pub(crate) fn rust_parent(&self, from: FileId) -> Option<FileId> {
        self.rust_parent.get(&from).copied()
    }

    pub(crate) fn rust_root(&self, from: FileId) -> FileId {
        self.rust_root.get(&from).copied().unwrap_or(from)
    }

    /// A file by its package path.
    pub(crate) fn file(&self, path: &str) -> Option<FileId> {
        self.by_path.get(path).copied()
    }
}

/// The directory of a Rust file, and the directory its child modules live in
/// (`src/a.rs` → `src/`, `src/a/`; `src/main.rs`/`lib.rs`/`mod.rs` → `src/`, `src/`).
fn rust_dirs(path: &str) -> (String, String) {
    let (dir, name) = match path.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), path),
    };
    let own = if matches!(name, "main.rs" | "lib.rs" | "mod.rs" | "build.rs") {
        dir.clone()
    } else {
        format!("{dir}{}/", name.trim_end_matches(".rs"))
    };
    (dir, own)
}

/// Normalizes `a/./b/../c` to `a/c`; `None` when it climbs out of the package.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

/// Normalizes `.` and `..` in a path, keeping a leading `/` or `~` and any `..` that climbs
/// above the start.
pub(crate) fn normalize_keep(path: &str) -> String {
    let (prefix, rest) = match path.strip_prefix('/') {
        Some(r) => ("/", r),
        None => ("", path),
    };
    let mut out: Vec<&str> = Vec::new();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." if out.last().is_some_and(|l| *l != "..") => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    format!("{prefix}{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_paths() {
        assert_eq!(
            normalize("lib/../bin/.cache/x").as_deref(),
            Some("bin/.cache/x")
        );
        assert_eq!(normalize("../x"), None);
    }

    #[test]
    fn rust_module_dirs() {
        assert_eq!(rust_dirs("src/main.rs"), ("src/".into(), "src/".into()));
        assert_eq!(rust_dirs("src/net.rs"), ("src/".into(), "src/net/".into()));
    }
}
