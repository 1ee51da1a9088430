//! Large JavaScript bundles, read in windows.
//!
//! A 30 MB bundle would take seconds to parse whole, and almost all of it is library code. A
//! cheap lexical scan (strings, template literals, comments, regular expressions and bracket
//! depth; no parsing) cuts the file at statement boundaries into windows of about
//! [`WINDOW_BYTES`] and indexes the names declared with `var`/`let`/`const`/`function`/`class`.
//! Only windows that contain a declaration trigger are parsed (with tree-sitter, like any other
//! file); a constant they refer to that lives in another window is found through the index and
//! that window is parsed on demand. A cut in the wrong place only costs tree-sitter an error
//! node at a window's edge.

use std::collections::HashMap;

use crate::source::SourceFile;

/// Files at least this big are read in windows.
pub(crate) const WINDOWED_FROM_BYTES: usize = 2 * 1024 * 1024;

/// Target window size.
pub(crate) const WINDOW_BYTES: usize = 32 * 1024;

/// A bundle cut into windows.
#[derive(Debug)]
pub(crate) struct Bundle {
    /// The windows, in file order, each a source file with the bundle's path.
    pub(crate) windows: Vec<Window>,
    /// Declared name → windows declaring it (ascending).
    pub(crate) declarations: HashMap<String, Vec<usize>>,
}

/// One window of a bundle.
#[derive(Debug)]
pub(crate) struct Window {
    /// Its text, as a source file of the bundle's path and language.
    pub(crate) file: SourceFile,
    /// 1-based line of its first byte in the bundle.
    pub(crate) first_line: u32,
}

const KEYWORDS_BEFORE_EXPRESSION: &[&[u8]] = &[
    b"return",
    b"typeof",
    b"case",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"else",
    b"do",
    b"yield",
    b"await",
    b"instanceof",
];

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80
}

fn is_ident(c: u8) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// Skips a quoted string starting at `i` (the quote); returns the index after it.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    let quote = b[i];
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\n' => return i + 1,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Scans template text from `i` (inside the literal); returns the index after the closing
/// backtick, or after a `${` (and `true`).
fn skip_template(b: &[u8], mut i: usize) -> (usize, bool) {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'`' => return (i + 1, false),
            b'$' if b.get(i + 1) == Some(&b'{') => return (i + 2, true),
            _ => i += 1,
        }
    }
    (b.len(), false)
}

/// Skips a regular expression literal starting at `i` (the slash).
fn skip_regex(b: &[u8], mut i: usize) -> usize {
    i += 1;
    let mut class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'[' => {
                class = true;
                i += 1;
            }
            b']' => {
                class = false;
                i += 1;
            }
            b'/' if !class => {
                i += 1;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                return i;
            }
            b'\n' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Whether a new statement starts after a `}` ending at `i` (a block, not an object literal
/// followed by `;`, `,`, `)` or an operator, nor an `if` followed by `else`).
fn statement_follows(b: &[u8], i: usize) -> bool {
    let mut j = i;
    while j < b.len() && b[j].is_ascii_whitespace() {
        j += 1;
    }
    if j >= b.len() {
        return true;
    }
    if !is_ident_start(b[j]) {
        return false;
    }
    let mut k = j;
    while k < b.len() && is_ident(b[k]) {
        k += 1;
    }
    !matches!(
        &b[j..k],
        b"else" | b"catch" | b"finally" | b"while" | b"instanceof" | b"in" | b"of"
    )
}

/// Cuts `file` into windows.
pub(crate) fn split(file: &SourceFile) -> Bundle {
    let text = file.text.as_str();
    let b = text.as_bytes();
    let mut cuts = vec![0usize];
    let mut declarations: HashMap<String, Vec<usize>> = HashMap::new();
    let mut depth: i32 = 0;
    let mut window_min: i32 = 0;
    let mut window_start: i32 = 0;
    let mut templates: Vec<i32> = Vec::new();
    let mut prev: u8 = b';';
    let mut expect_decl = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |p| i + p);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(b.len(), |p| i + 2 + p + 2);
            }
            b'/' if b"(,=:[!&|?{};+-*%<>~^".contains(&prev) => {
                i = skip_regex(b, i);
                prev = b'a';
            }
            b'"' | b'\'' => {
                i = skip_string(b, i);
                prev = b'a';
            }
            b'`' => {
                let (next, substitution) = skip_template(b, i + 1);
                i = next;
                if substitution {
                    templates.push(depth);
                    depth += 1;
                    prev = b'{';
                } else {
                    prev = b'a';
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                prev = c;
                i += 1;
            }
            b'}' | b')' | b']' => {
                depth -= 1;
                i += 1;
                if c == b'}' && templates.last() == Some(&depth) {
                    templates.pop();
                    let (next, substitution) = skip_template(b, i);
                    i = next;
                    if substitution {
                        templates.push(depth);
                        depth += 1;
                        prev = b'{';
                    } else {
                        prev = b'a';
                    }
                    continue;
                }
                prev = c;
            }
            c if is_ident_start(c) => {
                let start = i;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                let word = &b[start..i];
                if expect_decl {
                    declarations
                        .entry(text[start..i].to_string())
                        .or_default()
                        .push(cuts.len() - 1);
                    expect_decl = false;
                } else {
                    expect_decl =
                        matches!(word, b"var" | b"let" | b"const" | b"function" | b"class");
                }
                prev = if KEYWORDS_BEFORE_EXPRESSION.contains(&word) {
                    b'('
                } else {
                    b'a'
                };
                continue;
            }
            c if c.is_ascii_digit() => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_')
                {
                    i += 1;
                }
                prev = b'0';
            }
            _ => {
                prev = c;
                i += 1;
            }
        }
        if !c.is_ascii_whitespace() && c != b'*' {
            expect_decl = false;
        }
        // Cut between the statements of the shallowest code of the window so far (after a cut
        // between a function's statements, that function's statements: never inside a call's
        // callback, `tool("x", …, async () => { a; b; })`); every 8 windows' worth of bytes
        // without such a boundary (a wrapper around the rest of the file) allows one level deeper.
        window_min = window_min.min(depth.max(0));
        if c != b';' && c != b'}' {
            continue;
        }
        let start = *cuts.last().unwrap_or(&0);
        if !(c == b';' || statement_follows(b, i)) {
            continue;
        }
        // A window that started inside a block ends where the block does: one that spanned
        // both sides would start with unbalanced closers, which the parser cannot recover from.
        let left_its_block = depth < window_start && i > start;
        let deeper = i32::try_from((i - start) / (8 * WINDOW_BYTES)).unwrap_or(8);
        if left_its_block
            || (depth <= window_min.saturating_add(deeper.min(8)) && i - start >= WINDOW_BYTES)
        {
            cuts.push(i);
            window_min = depth.max(0);
            window_start = window_min;
        }
    }
    if *cuts.last().unwrap_or(&0) < b.len() {
        cuts.push(b.len());
    }
    Bundle {
        windows: windows_at(file, &cuts),
        declarations,
    }
}

/// The windows of `file` between consecutive `cuts`, each with the line it starts on.
fn windows_at(file: &SourceFile, cuts: &[usize]) -> Vec<Window> {
    let text = file.text.as_str();
    let mut windows = Vec::with_capacity(cuts.len());
    let mut line = 1u32;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        windows.push(Window {
            file: SourceFile::new(file.path.clone(), file.lang, slice),
            first_line: line,
        });
        let newlines = slice.bytes().filter(|&c| c == b'\n').count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Lang;

    #[test]
    fn windows_cover_the_file_and_cut_at_statements() {
        let mut text = String::new();
        for i in 0..4000 {
            text.push_str(&format!(
                "var v{i} = {{ s: \"a;}}\", t: `x${{ {{a:1}} }}y;`, r: /[;}}]/g }};\nfunction f{i}(a) {{ return a / 2; }}\n"
            ));
        }
        let file = SourceFile::new("dist/index.js", Lang::JavaScript, text.clone());
        let bundle = split(&file);
        assert!(bundle.windows.len() > 2);
        let joined: String = bundle
            .windows
            .iter()
            .map(|w| w.file.text.as_str())
            .collect();
        assert_eq!(joined, text);
        for w in &bundle.windows {
            assert!(
                w.file.text.starts_with("\nfunction")
                    || w.file.text.starts_with("var")
                    || w.file.text.starts_with('\n'),
                "{:?}",
                &w.file.text[..20]
            );
        }
        assert_eq!(bundle.declarations["v3999"], vec![bundle.windows.len() - 1]);
        assert_eq!(bundle.declarations["f0"], vec![0]);
        let second = &bundle.windows[1];
        let lines_before = bundle.windows[0].file.text.matches('\n').count();
        assert_eq!(second.first_line as usize, lines_before + 1);
    }
}
