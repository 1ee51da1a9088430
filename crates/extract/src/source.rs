//! The package's source files, loaded once and parsed lazily with tree-sitter, shared by every
//! analyzer so a file is read and parsed at most once per audit.

use std::sync::OnceLock;

use mcp_audit_sandbox::PackageTree;

/// Largest source file read for analysis; bigger files are listed in [`SourceSet::skipped`].
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// A language with a parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// `.js`, `.mjs`, `.cjs`, `.jsx`.
    JavaScript,
    /// `.ts`, `.mts`, `.cts` (not `.d.ts`).
    TypeScript,
    /// `.tsx`.
    Tsx,
    /// `.py`, `.pyw`, and `.pth` files are listed separately by the manifest analyzer.
    Python,
    /// `.rs`.
    Rust,
    /// `.go`.
    Go,
    /// `.sh`, `.bash` (tokenized, not parsed).
    Shell,
}

impl Lang {
    /// The language of a path, from its ending.
    #[must_use]
    pub fn from_path(path: &str) -> Option<Lang> {
        let lower = path.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" if !lower.ends_with(".d.ts") && !lower.ends_with(".d.mts") => {
                Lang::TypeScript
            }
            "tsx" => Lang::Tsx,
            "py" | "pyw" => Lang::Python,
            "rs" => Lang::Rust,
            "go" => Lang::Go,
            "sh" | "bash" => Lang::Shell,
            _ => return None,
        })
    }

    /// The tree-sitter grammar, when the language has one.
    #[must_use]
    pub fn grammar(self) -> Option<tree_sitter::Language> {
        Some(match self {
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Rust => tree_sitter_rust::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::Shell => return None,
        })
    }
}

/// One source file: its text and, on first use, its syntax tree.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the package root.
    pub path: String,
    /// Its language.
    pub lang: Lang,
    /// The text (invalid UTF-8 replaced).
    pub text: String,
    tree: OnceLock<Option<tree_sitter::Tree>>,
}

impl SourceFile {
    /// Wraps text as a source file.
    #[must_use]
    pub fn new(path: impl Into<String>, lang: Lang, text: impl Into<String>) -> Self {
        SourceFile {
            path: path.into(),
            lang,
            text: text.into(),
            tree: OnceLock::new(),
        }
    }

    /// The syntax tree, parsed on first call. `None` for languages without a grammar or when the
    /// parser gave up.
    pub fn tree(&self) -> Option<&tree_sitter::Tree> {
        self.tree
            .get_or_init(|| {
                let grammar = self.lang.grammar()?;
                let mut parser = tree_sitter::Parser::new();
                parser.set_language(&grammar).ok()?;
                parser.parse(&self.text, None)
            })
            .as_ref()
    }

    /// The text of a node.
    #[must_use]
    pub fn node_text(&self, node: tree_sitter::Node<'_>) -> &str {
        self.text.get(node.byte_range()).unwrap_or("")
    }

    /// 1-based line of a node.
    #[must_use]
    pub fn line_of(node: tree_sitter::Node<'_>) -> u32 {
        u32::try_from(node.start_position().row + 1).unwrap_or(u32::MAX)
    }
}

/// All source files of a package.
#[derive(Debug, Default)]
pub struct SourceSet {
    /// The files, sorted by path.
    pub files: Vec<SourceFile>,
    /// Source files not read, with the reason (too large, unreadable).
    pub skipped: Vec<(String, String)>,
}

impl SourceSet {
    /// Reads every source file of the tree.
    #[must_use]
    pub fn load(tree: &PackageTree) -> SourceSet {
        let mut set = SourceSet::default();
        for file in tree.files() {
            let Some(lang) = Lang::from_path(&file.path) else {
                continue;
            };
            if file.size > MAX_SOURCE_BYTES {
                set.skipped.push((
                    file.path.clone(),
                    format!("{} bytes is over the limit", file.size),
                ));
                continue;
            }
            match tree.read(&file.path) {
                Ok(bytes) => {
                    let text = String::from_utf8(bytes)
                        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                    set.files
                        .push(SourceFile::new(file.path.clone(), lang, text));
                }
                Err(err) => set.skipped.push((file.path.clone(), err.to_string())),
            }
        }
        set
    }

    /// Files of the given languages.
    pub fn of<'a>(&'a self, langs: &'a [Lang]) -> impl Iterator<Item = &'a SourceFile> + 'a {
        self.files.iter().filter(move |f| langs.contains(&f.lang))
    }
}
