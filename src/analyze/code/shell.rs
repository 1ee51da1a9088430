//! Which parts of a shell script run, and which are text it only prints.
//!
//! `curl … | sh` is evidence of download-and-execute where the shell runs it: at a command
//! position, in the argument of `sh -c` or `eval`, in a heredoc fed to a shell. An installer
//! that *prints* the command as a hint (`printf '%s\n' "curl … | sh"`), or writes it into a
//! README (`cat > README.md <<EOF`), runs nothing. [`executed`] returns the script with the
//! printed text blanked (byte offsets and lines kept), so line patterns read only what runs.
//!
//! Text is blanked only where the reading is sure it is printed: the arguments, heredoc and
//! here-string of a printing command (`echo`, `printf`, `cat`, `tee`, `:`, … and the script's
//! own functions that only print their arguments) whose output goes to the terminal or to a
//! document file no other command of the script names, and not into a pipe to anything but a
//! text filter; the value of a variable no running text refers to; comments. Command
//! substitutions inside printed text still run and are read as scripts. Anything the reader
//! does not understand is kept.

use std::collections::BTreeSet;

/// Scripts larger than this are not masked (read whole, as before).
const MAX_MASKED_BYTES: usize = 1 << 20;
/// Nesting of command substitutions read.
const MAX_DEPTH: u32 = 16;

/// Commands that print their arguments or their standard input.
const PRINTERS: &[&str] = &[
    "echo", "printf", "print", "cat", "tee", ":", "true", "logger", "read", "whiptail", "dialog",
];

/// Commands a printed text may be piped through and stay text on the terminal.
const FILTERS: &[&str] = &[
    "cat", "less", "more", "head", "tail", "sed", "grep", "egrep", "fgrep", "tr", "cut", "sort",
    "uniq", "column", "fold", "fmt", "wc", "tee",
];

/// Document files: what is written to them is read by people.
const DOCUMENTS: &[&str] = &[".md", ".markdown", ".txt", ".rst", ".adoc", ".html", ".htm"];

/// Whether a path names a document file (README text, notes): written for people to read.
pub(crate) fn document(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    DOCUMENTS.iter().any(|x| lower.ends_with(x))
}

/// The script with printed text, unreferenced variable values and comments blanked.
pub(crate) fn executed(text: &str) -> String {
    if text.len() > MAX_MASKED_BYTES {
        return text.to_string();
    }
    let mut printers: BTreeSet<String> = BTreeSet::new();
    let mut run_documents: BTreeSet<String> = BTreeSet::new();
    let mut mask = vec![false; text.len()];
    for _ in 0..6 {
        let mut m = Masker {
            b: text.as_bytes(),
            log: Vec::new(),
            printers: &printers,
            run_documents: &run_documents,
            assigns: Vec::new(),
            funcs: Vec::new(),
            writes: BTreeSet::new(),
            words: BTreeSet::new(),
        };
        m.script(0, text.len(), 0);
        let mut now = m.mask();
        m.settle(text, &mut now);
        let running = apply(text, &now);
        let found: BTreeSet<String> = m
            .funcs
            .iter()
            .filter(|(_, body)| !positional(running.get(body.0..body.1).unwrap_or("")))
            .map(|(name, _)| name.clone())
            .collect();
        // A document the script also names elsewhere (`sh notes.md`, `chmod +x notes.md`)
        // may be run: what is written to it is code.
        let named: BTreeSet<String> = m
            .writes
            .iter()
            .filter(|w| m.words.contains(base(w)))
            .cloned()
            .collect();
        mask = now;
        if found == printers && named.is_subset(&run_documents) {
            break;
        }
        printers = found;
        run_documents.extend(named);
    }
    apply(text, &mask)
}

/// The last component of a path.
fn base(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `text` with the masked bytes replaced by spaces (newlines kept).
fn apply(text: &str, mask: &[bool]) -> String {
    let bytes: Vec<u8> = text
        .bytes()
        .zip(mask)
        .map(|(b, m)| if *m && b != b'\n' { b' ' } else { b })
        .collect();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Whether running text uses the positional parameters (`$1`, `"$@"`, `${2}`, `$*`).
fn positional(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, c)| {
        *c == b'$'
            && match b.get(i + 1) {
                Some(b'@' | b'*' | b'1'..=b'9') => true,
                Some(b'{') => matches!(b.get(i + 2), Some(b'@' | b'*' | b'1'..=b'9')),
                _ => false,
            }
    })
}

/// A word of a command: its byte range, its text with quotes removed (substitutions left as
/// written), and the command substitutions in it.
#[derive(Debug, Default)]
struct Word {
    start: usize,
    end: usize,
    value: String,
    subs: Vec<(usize, usize)>,
}

/// A redirection: its operator and target word.
#[derive(Debug)]
struct Redir {
    op: String,
    target: Option<Word>,
}

/// A simple command as read: words, redirections, heredoc bodies.
#[derive(Debug, Default)]
struct Cmd {
    words: Vec<Word>,
    redirs: Vec<Redir>,
    /// Heredoc bodies (byte ranges) and whether they expand `$(…)`.
    heredocs: Vec<(usize, usize, bool)>,
}

struct Masker<'a> {
    b: &'a [u8],
    /// Ranges blanked (`true`) or kept (`false`), applied in order; reverting a compound
    /// command whose output turns out to be piped or written truncates it.
    log: Vec<(usize, usize, bool)>,
    printers: &'a BTreeSet<String>,
    /// Documents the script names elsewhere: not documents.
    run_documents: &'a BTreeSet<String>,
    /// Variable name → value range (masked until running text refers to it).
    assigns: Vec<(String, (usize, usize))>,
    /// Functions of the script: name → body range.
    funcs: Vec<(String, (usize, usize))>,
    /// Document files printed text was written to.
    writes: BTreeSet<String>,
    /// File names the words of running commands name (`sh notes.md` names `notes.md`).
    words: BTreeSet<String>,
}

/// A compound command open: what opened it, the log's length then, and the function whose
/// body it is (name, start of the body).
type Compound = (&'static str, usize, Option<(String, usize)>);

/// A token of the command language.
enum Tok {
    Word(Word),
    /// `|`, `&&`, `;`, `(`, …
    Op(String),
    /// `>`, `>>`, `<<`, `<<<`, `2>&`, … (the target word follows).
    Redir(String),
    Newline,
}

impl Masker<'_> {
    /// The mask the log describes.
    fn mask(&self) -> Vec<bool> {
        let mut mask = vec![false; self.b.len()];
        for &(from, to, on) in &self.log {
            for m in &mut mask[from.min(self.b.len())..to.min(self.b.len())] {
                *m = on;
            }
        }
        mask
    }

    /// Unmasks the values of variables that running text refers to, until nothing changes.
    fn settle(&self, text: &str, mask: &mut [bool]) {
        let mut open: Vec<bool> = vec![false; self.assigns.len()];
        loop {
            let running = apply(text, mask);
            let mut changed = false;
            for (i, (name, range)) in self.assigns.iter().enumerate() {
                if open[i] || !refers(&running, name, *range) {
                    continue;
                }
                open[i] = true;
                changed = true;
                for m in &mut mask[range.0..range.1] {
                    *m = false;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Reads `start..end` as a script.
    fn script(&mut self, start: usize, end: usize, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        let mut i = start;
        let mut pipeline: Vec<Cmd> = Vec::new();
        let mut cmd = Cmd::default();
        // Heredocs waiting for their body: delimiter, `<<-`, expands, index of the command
        // in the pipeline (`None` once the pipeline was read: the body is kept as it is).
        let mut pending: Vec<(String, bool, bool, Option<usize>)> = Vec::new();
        let mut func_name: Option<String> = None;
        // Compound commands open: (what opened it, log length then, function it is the body of).
        let mut open: Vec<Compound> = Vec::new();
        while i < end {
            let (tok, next) = self.token(i, end);
            i = next;
            let Some(tok) = tok else { break };
            match tok {
                Tok::Word(w) if cmd.words.is_empty() && cmd.redirs.is_empty() => {
                    let opener = match w.value.as_str() {
                        "{" => Some("{"),
                        "if" => Some("if"),
                        "while" | "until" | "for" | "select" => Some("loop"),
                        "case" => Some("case"),
                        _ => None,
                    };
                    let closer = match w.value.as_str() {
                        "}" => Some("{"),
                        "fi" => Some("if"),
                        "done" => Some("loop"),
                        "esac" => Some("case"),
                        _ => None,
                    };
                    if let Some(kind) = opener {
                        let body = if kind == "{" {
                            func_name.take().map(|n| (n, w.end))
                        } else {
                            None
                        };
                        open.push((kind, self.log.len(), body));
                        // `for x in …` and `case $x in` are read as commands (kept); after
                        // `{`, `if`, `while` and `until` a command starts.
                        if matches!(w.value.as_str(), "for" | "select" | "case") {
                            cmd.words.push(w);
                        }
                        continue;
                    }
                    if let Some(kind) = closer {
                        let at = open.iter().rposition(|o| o.0 == kind);
                        let (since, body) = match at {
                            Some(k) => {
                                let (_, since, body) = open.remove(k);
                                open.truncate(k);
                                (since, body)
                            }
                            None => (0, None),
                        };
                        if let Some((name, from)) = body {
                            self.funcs.push((name, (from, w.start)));
                        }
                        self.close_compound(since, i, end);
                        continue;
                    }
                    if matches!(
                        w.value.as_str(),
                        "then" | "else" | "elif" | "do" | "!" | "time" | "in"
                    ) {
                        continue;
                    }
                    if w.value == "function" {
                        if let (Some(Tok::Word(name)), n) = self.token(i, end) {
                            i = n;
                            func_name = Some(name.value.trim_end_matches("()").to_string());
                        }
                        continue;
                    }
                    cmd.words.push(w);
                }
                Tok::Word(w) => cmd.words.push(w),
                Tok::Redir(op) => {
                    let (target, next) = match self.token(i, end) {
                        (Some(Tok::Word(w)), n) => (Some(w), n),
                        _ => (None, i),
                    };
                    i = next;
                    if let Some(t) = &target {
                        if op.starts_with("<<") && op != "<<<" {
                            let quoted = self.b[t.start..t.end]
                                .iter()
                                .any(|c| matches!(c, b'\'' | b'"' | b'\\'));
                            pending.push((
                                t.value.clone(),
                                op == "<<-",
                                !quoted,
                                Some(pipeline.len()),
                            ));
                        }
                    }
                    cmd.redirs.push(Redir { op, target });
                }
                Tok::Op(op) => {
                    if op == "(" && cmd.words.len() == 1 {
                        // `name() {`
                        if let (Some(Tok::Op(close)), n) = self.token(i, end) {
                            if close == ")" {
                                i = n;
                                func_name = cmd.words.pop().map(|w| w.value);
                                continue;
                            }
                        }
                    }
                    let in_case = open.last().is_some_and(|o| o.0 == "case");
                    if op == ")" && in_case {
                        // A `case` pattern.
                        cmd = Cmd::default();
                        pipeline.clear();
                        continue;
                    }
                    if !cmd.words.is_empty() || !cmd.redirs.is_empty() {
                        pipeline.push(std::mem::take(&mut cmd));
                    }
                    if op == "|" || op == "|&" {
                        if pipeline.is_empty() {
                            pipeline.push(Cmd::default());
                        }
                        continue;
                    }
                    self.flush(&mut pipeline, &mut pending, depth);
                    if op == "(" {
                        open.push(("(", self.log.len(), None));
                    } else if op == ")" {
                        let at = open.iter().rposition(|o| o.0 == "(");
                        let since = at.map_or(0, |k| {
                            let since = open[k].1;
                            open.truncate(k);
                            since
                        });
                        self.close_compound(since, i, end);
                    }
                }
                Tok::Newline => {
                    // Heredoc bodies start on the next line.
                    for (delim, tabs, expand, at) in pending.drain(..) {
                        let (body, after) = heredoc(self.b, i, end, &delim, tabs);
                        i = after;
                        let target = match at {
                            Some(at) if at < pipeline.len() => Some(&mut pipeline[at]),
                            Some(_) => Some(&mut cmd),
                            None => None,
                        };
                        if let Some(target) = target {
                            target.heredocs.push((body.0, body.1, expand));
                        }
                    }
                    if !cmd.words.is_empty() || !cmd.redirs.is_empty() {
                        pipeline.push(std::mem::take(&mut cmd));
                        self.flush(&mut pipeline, &mut pending, depth);
                    }
                    // Otherwise a pipeline ending in `|` goes on on the next line.
                }
            }
        }
        if !cmd.words.is_empty() || !cmd.redirs.is_empty() {
            pipeline.push(cmd);
        }
        self.flush(&mut pipeline, &mut pending, depth);
    }

    /// Reads a finished pipeline; heredocs still waiting for their body belong to no command.
    fn flush(
        &mut self,
        pipeline: &mut Vec<Cmd>,
        pending: &mut [(String, bool, bool, Option<usize>)],
        depth: u32,
    ) {
        for p in pending.iter_mut() {
            p.3 = None;
        }
        self.pipeline(pipeline, depth);
    }

    /// The end of a compound command (`}`, `)`, `done`, `fi`, `esac`) at `i`: when its output
    /// is piped or written to a file, what it printed inside is not only shown, so what was
    /// blanked since it opened is kept.
    fn close_compound(&mut self, since: usize, i: usize, end: usize) {
        let (next, after) = self.peek(i, end);
        let shown = match next {
            Some(Tok::Op(op)) => op != "|" && op != "|&",
            Some(Tok::Redir(op)) => {
                let target = match self.peek(after, end) {
                    (Some(Tok::Word(w)), _) => Some(w),
                    _ => None,
                };
                self.redirect_shown(&Redir { op, target })
            }
            _ => true,
        };
        if !shown {
            self.log.truncate(since);
        }
    }

    /// The token at `i` without blanking comments.
    fn peek(&mut self, i: usize, end: usize) -> (Option<Tok>, usize) {
        let len = self.log.len();
        let t = self.token(i, end);
        self.log.truncate(len);
        t
    }

    /// Decides what of a pipeline is printed text, and reads its command substitutions.
    fn pipeline(&mut self, pipeline: &mut Vec<Cmd>, depth: u32) {
        let stages = std::mem::take(pipeline);
        for (k, c) in stages.iter().enumerate() {
            let mut words = c.words.iter().peekable();
            // Assignments before the command (`X=1 cmd`, or alone).
            let mut assigned = Vec::new();
            while let Some(w) = words.peek() {
                match assignment(w) {
                    Some(name) => {
                        assigned.push((name, *w));
                        words.next();
                    }
                    None => break,
                }
            }
            let name = command_name(&mut words);
            let rest: Vec<&Word> = words.collect();
            if matches!(
                name.as_deref(),
                Some("local" | "export" | "readonly" | "declare" | "typeset")
            ) {
                for w in &rest {
                    if let Some(n) = assignment(w) {
                        assigned.push((n, *w));
                    }
                }
            }
            for (n, w) in assigned {
                let eq = self.b[w.start..w.end]
                    .iter()
                    .position(|c| *c == b'=')
                    .map_or(w.start, |p| w.start + p + 1);
                self.blank(eq, w.end);
                self.subs(w, depth);
                self.assigns.push((n, (eq, w.end)));
            }
            let printer = name
                .as_deref()
                .is_some_and(|n| PRINTERS.contains(&n) || self.printers.contains(n));
            if !printer || !self.displayed(c, &stages[k + 1..], &rest, name.as_deref()) {
                // Running text: substitutions inside it are read as they are (all kept).
                for w in &rest {
                    self.words.insert(base(&w.value).to_string());
                }
                continue;
            }
            for w in &rest {
                self.blank(w.start, w.end);
                self.subs(w, depth);
            }
            for r in &c.redirs {
                if r.op == "<<<" {
                    if let Some(t) = &r.target {
                        self.blank(t.start, t.end);
                        self.subs(t, depth);
                    }
                }
            }
            for &(from, to, expand) in &c.heredocs {
                self.blank(from, to);
                if expand {
                    for (s, e) in substitutions(self.b, from, to) {
                        self.unblank(s, e);
                        self.script(s, e, depth + 1);
                    }
                }
            }
        }
    }

    /// Whether a printing command's output is only shown or kept as a document: not piped
    /// into anything but text filters, not redirected to a file that is not a document.
    fn displayed(&mut self, c: &Cmd, after: &[Cmd], args: &[&Word], name: Option<&str>) -> bool {
        for later in after {
            let mut words = later.words.iter().filter(|w| assignment(w).is_none());
            let Some(n) = command_name(&mut words) else {
                return false;
            };
            if !FILTERS.contains(&n.as_str()) {
                return false;
            }
            if n == "tee" && !words.all(|w| w.value.starts_with('-') || self.document(&w.value)) {
                return false;
            }
            if !later.redirs.iter().all(|r| self.redirect_shown(r)) {
                return false;
            }
        }
        if name == Some("tee")
            && !args
                .iter()
                .all(|w| w.value.starts_with('-') || self.document(&w.value))
        {
            return false;
        }
        c.redirs.iter().all(|r| self.redirect_shown(r))
    }

    /// Whether a redirection sends output to the terminal, nowhere, or a document file (input
    /// redirections and heredocs send nothing).
    fn redirect_shown(&mut self, r: &Redir) -> bool {
        let op = r.op.trim_start_matches(|c: char| c.is_ascii_digit());
        if op.starts_with('<') {
            return true;
        }
        let Some(target) = &r.target else {
            return false;
        };
        let t = target.value.as_str();
        if op.ends_with('&') && matches!(t, "1" | "2" | "-") {
            return true;
        }
        if matches!(t, "/dev/null" | "/dev/stderr" | "/dev/stdout" | "/dev/tty") {
            return true;
        }
        self.document(t)
    }

    /// Whether a path names a document file (and records it, to check no command runs it).
    fn document(&mut self, path: &str) -> bool {
        let doc = !base(path).contains('$') && document(path) && !self.run_documents.contains(path);
        if doc {
            self.writes.insert(path.to_string());
        }
        doc
    }

    /// Reads the command substitutions of a word that is printed: they still run.
    fn subs(&mut self, w: &Word, depth: u32) {
        for &(s, e) in &w.subs {
            self.unblank(s, e);
            self.script(s, e, depth + 1);
        }
    }

    fn blank(&mut self, from: usize, to: usize) {
        self.log.push((from, to, true));
    }

    fn unblank(&mut self, from: usize, to: usize) {
        self.log.push((from, to, false));
    }

    /// The token at `i` (spaces, line continuations and comments skipped; comments blanked).
    fn token(&mut self, mut i: usize, end: usize) -> (Option<Tok>, usize) {
        let b = self.b;
        loop {
            while i < end && matches!(b[i], b' ' | b'\t' | b'\r') {
                i += 1;
            }
            if i + 1 < end && b[i] == b'\\' && b[i + 1] == b'\n' {
                i += 2;
                continue;
            }
            if i < end && b[i] == b'#' {
                let from = i;
                while i < end && b[i] != b'\n' {
                    i += 1;
                }
                self.blank(from, i);
                continue;
            }
            break;
        }
        if i >= end {
            return (None, end);
        }
        let rest = &b[i..end];
        if rest[0] == b'\n' {
            return (Some(Tok::Newline), i + 1);
        }
        // Redirections, with an optional file descriptor number.
        let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let after = &rest[digits..];
        for op in ["<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">"] {
            if after.starts_with(op.as_bytes()) {
                let len = digits + op.len();
                return (
                    Some(Tok::Redir(
                        String::from_utf8_lossy(&rest[..len]).into_owned(),
                    )),
                    i + len,
                );
            }
        }
        for op in ["&>>", "&>"] {
            if rest.starts_with(op.as_bytes()) {
                return (Some(Tok::Redir(op.to_string())), i + op.len());
            }
        }
        for op in [";;", ";&", "&&", "||", "|&", ";", "&", "|", "(", ")"] {
            if rest.starts_with(op.as_bytes()) {
                return (Some(Tok::Op(op.to_string())), i + op.len());
            }
        }
        let (w, next) = word(b, i, end);
        (Some(Tok::Word(w)), next)
    }
}

/// The command a simple command runs, past `sudo`, `env`, `exec`, `nohup` and their options.
fn command_name<'w>(words: &mut impl Iterator<Item = &'w Word>) -> Option<String> {
    let mut wrapper = false;
    for w in words.by_ref() {
        let v = w.value.as_str();
        if wrapper && (v.starts_with('-') || (assignment(w).is_some())) {
            continue;
        }
        if matches!(
            v,
            "sudo" | "env" | "exec" | "nohup" | "command" | "builtin" | "nice"
        ) {
            wrapper = true;
            continue;
        }
        return Some(v.rsplit('/').next().unwrap_or(v).to_string());
    }
    None
}

/// `NAME=…`: the name assigned.
fn assignment(w: &Word) -> Option<String> {
    let (name, _) = w.value.split_once('=')?;
    let name = name.strip_suffix('+').unwrap_or(name);
    let mut chars = name.chars();
    let first = chars.next()?;
    ((first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
    .then(|| name.to_string())
}

/// Whether running text refers to `$name` or `${name…}` outside the variable's own value.
fn refers(running: &str, name: &str, own: (usize, usize)) -> bool {
    let b = running.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    running.match_indices('$').any(|(i, _)| {
        if (own.0..own.1).contains(&i) {
            return false;
        }
        let at = if b.get(i + 1) == Some(&b'{') {
            i + 2
        } else {
            i + 1
        };
        running.get(at..).is_some_and(|r| {
            r.starts_with(name) && !b.get(at + name.len()).is_some_and(|c| is_ident(*c))
        })
    })
}

/// Reads a word starting at `i`: quotes, escapes, `$(…)`, `` `…` ``, `${…}`, `$'…'`.
fn word(b: &[u8], start: usize, end: usize) -> (Word, usize) {
    let mut w = Word {
        start,
        ..Word::default()
    };
    let mut i = start;
    let mut value = Vec::new();
    while i < end {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')' => break,
            b'\\' => {
                if let Some(n) = b.get(i + 1).filter(|_| i + 1 < end) {
                    if *n != b'\n' {
                        value.push(*n);
                    }
                }
                i += 2;
            }
            b'\'' => {
                let close = find(b, i + 1, end, b'\'');
                value.extend_from_slice(&b[i + 1..close.min(end)]);
                i = close + 1;
            }
            b'"' => {
                i += 1;
                while i < end && b[i] != b'"' {
                    match b[i] {
                        b'\\' => {
                            if let Some(n) = b.get(i + 1) {
                                value.push(*n);
                            }
                            i += 2;
                        }
                        b'$' if b.get(i + 1) == Some(&b'(') => {
                            let close = close_paren(b, i + 1, end);
                            w.subs.push((i + 2, close.saturating_sub(1).max(i + 2)));
                            value.extend_from_slice(&b[i..close.min(end)]);
                            i = close;
                        }
                        b'`' => {
                            let close = find(b, i + 1, end, b'`');
                            w.subs.push((i + 1, close.min(end)));
                            value.extend_from_slice(&b[i..(close + 1).min(end)]);
                            i = close + 1;
                        }
                        c => {
                            value.push(c);
                            i += 1;
                        }
                    }
                }
                i += 1;
            }
            b'$' if b.get(i + 1) == Some(&b'(') => {
                let close = close_paren(b, i + 1, end);
                w.subs.push((i + 2, close.saturating_sub(1).max(i + 2)));
                value.extend_from_slice(&b[i..close.min(end)]);
                i = close;
            }
            b'$' if b.get(i + 1) == Some(&b'{') => {
                let close = find(b, i + 2, end, b'}');
                value.extend_from_slice(&b[i..(close + 1).min(end)]);
                i = close + 1;
            }
            b'$' if b.get(i + 1) == Some(&b'\'') => {
                let mut k = i + 2;
                while k < end && b[k] != b'\'' {
                    k += if b[k] == b'\\' { 2 } else { 1 };
                }
                value.extend_from_slice(&b[(i + 2).min(end)..k.min(end)]);
                i = k + 1;
            }
            b'`' => {
                let close = find(b, i + 1, end, b'`');
                w.subs.push((i + 1, close.min(end)));
                value.extend_from_slice(&b[i..(close + 1).min(end)]);
                i = close + 1;
            }
            c => {
                value.push(c);
                i += 1;
            }
        }
    }
    let i = i.min(end).max(start + 1);
    w.end = i;
    w.value = String::from_utf8_lossy(&value).into_owned();
    (w, i)
}

/// The index of the next `c` from `i` (or `end`).
fn find(b: &[u8], i: usize, end: usize, c: u8) -> usize {
    b.get(i..end)
        .and_then(|s| s.iter().position(|x| *x == c))
        .map_or(end, |p| i + p)
}

/// The byte after the `)` closing the `(` at `open` (quotes skipped).
fn close_paren(b: &[u8], open: usize, end: usize) -> usize {
    let mut depth = 0u32;
    let mut i = open;
    while i < end {
        match b[i] {
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b'\\' => i += 1,
            b'\'' => i = find(b, i + 1, end, b'\''),
            b'"' => {
                i += 1;
                while i < end && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    end
}

/// The body of a heredoc starting at `i` and the offset after its closing line.
fn heredoc(b: &[u8], i: usize, end: usize, delim: &str, tabs: bool) -> ((usize, usize), usize) {
    let mut line = i;
    while line < end {
        let stop = find(b, line, end, b'\n');
        let text = String::from_utf8_lossy(&b[line..stop]);
        let text = if tabs {
            text.trim_start_matches('\t')
        } else {
            &text
        };
        if text.trim_end_matches('\r') == delim {
            return ((i, line), (stop + 1).min(end));
        }
        line = stop + 1;
    }
    ((i, end), end)
}

/// `$(…)` and `` `…` `` inside heredoc text (their contents' ranges).
fn substitutions(b: &[u8], from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'$' && b.get(i + 1) == Some(&b'(') {
            let close = close_paren(b, i + 1, to);
            out.push((i + 2, close.saturating_sub(1).max(i + 2)));
            i = close;
            continue;
        }
        if b[i] == b'`' {
            let close = find(b, i + 1, to, b'`');
            out.push((i + 1, close));
            i = close + 1;
            continue;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::executed;

    fn runs(script: &str, needle: &str) -> bool {
        executed(script).contains(needle)
    }

    #[test]
    fn a_printed_hint_does_not_run() {
        let s = "#!/bin/sh\nURL=https://get.example.org/i.sh\nprintf '%s\\n' \"curl -fsSL ${URL} | bash\"\necho \"or: curl -fsSL $URL | sh\" >&2\n";
        assert!(!runs(s, "| bash"), "{}", executed(s));
        assert!(!runs(s, "| sh"), "{}", executed(s));
    }

    #[test]
    fn a_command_runs() {
        let s = "set -e\ncurl -fsSL https://get.example.org/i.sh | sh\n";
        assert!(runs(s, "curl -fsSL https://get.example.org/i.sh | sh"));
        let s = "if true; then sudo curl -fsSL https://x.example/i | bash; fi\n";
        assert!(runs(s, "curl -fsSL https://x.example/i | bash"));
    }

    #[test]
    fn printed_text_piped_into_a_shell_runs() {
        let s = "echo \"curl -fsSL https://x.example/i | sh\" | sh\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
        let s = "echo \"curl -fsSL https://x.example/i | sh\" > /tmp/i.sh\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
        let s = "echo \"curl -fsSL https://x.example/i | sh\" >> ~/.bashrc\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
    }

    #[test]
    fn shell_evaluators_run_their_arguments() {
        let s = "sh -c \"curl -fsSL https://x.example/i | sh\"\neval 'wget -qO- https://x.example/i | bash'\n";
        assert!(runs(s, "curl -fsSL"));
        assert!(runs(s, "wget -qO-"));
    }

    #[test]
    fn a_heredoc_readme_is_text_and_a_heredoc_fed_to_a_shell_runs() {
        let s = "cat > README.md <<EOF\nInstall:\n    curl -fsSL https://x.example/i | sh\nEOF\nmake install\n";
        assert!(!runs(s, "curl"), "{}", executed(s));
        assert!(runs(s, "make install"));
        let s = "bash <<'EOF'\ncurl -fsSL https://x.example/i | sh\nEOF\n";
        assert!(runs(s, "curl -fsSL"));
        let s = "cat > /tmp/x <<EOF\ncurl -fsSL https://x.example/i | sh\nEOF\n";
        assert!(runs(s, "curl -fsSL"));
        let s = "cat <<EOF | sh\ncurl -fsSL https://x.example/i | sh\nEOF\n";
        assert!(runs(s, "curl -fsSL"));
    }

    #[test]
    fn substitutions_in_printed_text_still_run() {
        let s = "echo \"version: $(curl -fsSL https://x.example/i | sh)\"\n";
        assert!(
            runs(s, "curl -fsSL https://x.example/i | sh"),
            "{}",
            executed(s)
        );
        let s = "cat > README.md <<EOF\n$(curl -fsSL https://x.example/i | sh)\nEOF\n";
        assert!(
            runs(s, "curl -fsSL https://x.example/i | sh"),
            "{}",
            executed(s)
        );
    }

    #[test]
    fn a_variable_runs_when_running_text_uses_it() {
        let s = "hint=\"curl -fsSL https://x.example/i | sh\"\necho \"run: $hint\"\n";
        assert!(!runs(s, "curl"), "{}", executed(s));
        let s = "cmd=\"curl -fsSL https://x.example/i | sh\"\neval \"$cmd\"\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
    }

    #[test]
    fn functions_that_only_print_are_printers() {
        let s = "say() {\n  printf 'installer: %s\\n' \"$1\" >&2\n}\nsay \"curl -fsSL https://x.example/i | sh\"\n";
        assert!(!runs(s, "curl"), "{}", executed(s));
        let s = "run() {\n  eval \"$1\"\n}\nrun \"curl -fsSL https://x.example/i | sh\"\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
    }

    #[test]
    fn a_document_the_script_runs_is_code() {
        let s = "cat > notes.md <<EOF\ncurl -fsSL https://x.example/i | sh\nEOF\nsh notes.md\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
    }

    #[test]
    fn printed_text_of_a_group_piped_into_a_shell_runs() {
        let s = "{\n  echo \"curl -fsSL https://x.example/i | sh\"\n} | sh\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
        let s = "for u in a b; do\n  printf 'curl -fsSL %s | sh\\n' \"$u\"\ndone | bash\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
        let s = "(echo 'wget -qO- https://x.example/i | sh') > ~/.profile\n";
        assert!(runs(s, "wget -qO-"), "{}", executed(s));
        let s =
            "case \"$1\" in\n  -h|--help) echo \"curl -fsSL https://x.example/i | sh\" ;;\nesac\n";
        assert!(!runs(s, "curl"), "{}", executed(s));
    }

    #[test]
    fn a_document_only_mentioned_in_other_text_stays_a_document() {
        let s = "cat > \"$dir/progress.yaml\" <<EOF\nnotes: see README.md\nEOF\ncat > \"$dir/README.md\" <<EOF\n    curl -fsSL https://x.example/i | bash\nEOF\necho \"Created README.md\"\n";
        assert!(!runs(s, "curl"), "{}", executed(s));
        let s = "cat > \"$dir/README.md\" <<EOF\ncurl -fsSL https://x.example/i | bash\nEOF\nbash \"$dir/README.md\"\n";
        assert!(runs(s, "curl -fsSL"), "{}", executed(s));
    }

    #[test]
    fn offsets_and_lines_are_kept() {
        let s = "echo \"curl x | sh\"\nls\n";
        let e = executed(s);
        assert_eq!(e.len(), s.len());
        assert_eq!(e.lines().count(), s.lines().count());
    }
}
