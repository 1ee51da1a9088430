//! Pure transformations: string, list, bytes and dict methods, formatting, paths, encoders and
//! decoders. A decoder given a constant produces [`label::DECODED`] data, and its text is
//! recorded to be read again ([`Interp::derive`]).

use std::rc::Rc;

use base64::Engine as _;

use super::super::interp::{Args, Interp, Site, PKG};
use super::super::value::{from_parts, join, label, Obj, Part, Taint, Val, MAX_LIST, V};

/// Methods that return their receiver (conversions, unwrapping, borrowing).
const PASSTHROUGH: &[&str] = &[
    "to_string",
    "to_owned",
    "into",
    "clone",
    "as_str",
    "as_ref",
    "as_bytes",
    "to_vec",
    "borrow",
    "deref",
    "unwrap",
    "unwrap_or_default",
    "expect",
    "ok",
    "into_owned",
    "as_deref",
    "as_slice",
    "into_bytes",
    "to_os_string",
    "into_string",
    "to_path_buf",
    "as_path",
    "display",
    "to_string_lossy",
    "map_err",
    "context",
    "with_context",
    "iter",
    "into_iter",
    "collect",
    "cloned",
    "copied",
    "rev",
    "valueOf",
    "toString",
    "toJSON",
    "normalize",
    "await",
    "result",
    "unwrap_or_else_default",
    "as_os_str",
    "lock",
    "read_line",
    "flatten",
];

/// Functions of a string that return a (transformed) string.
const FOLD_CASE: &[&str] = &[
    "toLowerCase",
    "toUpperCase",
    "lower",
    "upper",
    "to_lowercase",
    "to_uppercase",
    "to_ascii_lowercase",
    "to_ascii_uppercase",
    "casefold",
    "title",
    "capitalize",
    "toLocaleLowerCase",
    "toLocaleUpperCase",
];

const TRIM: &[&str] = &[
    "trim",
    "trimStart",
    "trimEnd",
    "strip",
    "lstrip",
    "rstrip",
    "trim_start",
    "trim_end",
    "trimLeft",
    "trimRight",
    "trim_matches",
    "trim_start_matches",
    "trim_end_matches",
];

/// Checks whose result says nothing about the data (`startsWith`, `len`).
const CHECKS: &[&str] = &[
    "startsWith",
    "endsWith",
    "includes",
    "indexOf",
    "lastIndexOf",
    "startswith",
    "endswith",
    "starts_with",
    "ends_with",
    "contains",
    "find",
    "rfind",
    "count",
    "isdigit",
    "isalpha",
    "isalnum",
    "is_empty",
    "len",
    "test",
    "localeCompare",
    "search",
    "index",
    "exists",
    "is_file",
    "is_dir",
    "isfile",
    "isdir",
    "has",
    "hasOwnProperty",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "eq",
    "eq_ignore_ascii_case",
];

pub(super) fn property(it: &mut Interp<'_>, o: &Val, name: &str) -> Option<Val> {
    let _ = it;
    match (&o.v, name) {
        (V::Str(s), "length") => Some(Val::num(s.chars().count() as f64)),
        (V::List(l), "length") => Some(Val::num(l.borrow().len() as f64)),
        (V::Bytes(b), "length") => Some(Val::num(b.len() as f64)),
        (_, "length") => Some(Val::unknown()),
        (V::Str(_) | V::Tmpl(_), "parent") => Some(dirname(o)),
        (V::Str(s), "name") => Some(Val::string(basename(s).to_string()).with(&o.t)),
        (V::Str(s), "stem") => {
            let b = basename(s);
            Some(Val::string(b.split('.').next().unwrap_or(b).to_string()).with(&o.t))
        }
        _ => None,
    }
}

fn basename(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

fn dirname(o: &Val) -> Val {
    match &o.v {
        V::Str(s) => {
            let d = s.rsplit_once('/').map_or("", |(d, _)| d);
            Val::string(d.to_string()).with(&o.t)
        }
        _ => Val::tainted(o.t.clone()),
    }
}

/// Joins path pieces with `/` (an absolute or home-relative piece restarts the path), then
/// removes `.` and `..`.
pub(crate) fn path_join(_it: &mut Interp<'_>, pieces: &[Val]) -> Val {
    let mut parts: Vec<Part> = Vec::new();
    let mut taint = Taint::none();
    for p in pieces {
        taint.add(&p.t);
        let Some(ps) = p.parts() else {
            parts.push(Part::Lit(Rc::from("/")));
            parts.push(Part::Hole(p.deep_taint()));
            continue;
        };
        let restart = matches!(ps.first(), Some(Part::Lit(s)) if s.starts_with('/') || s.starts_with('~') || s.starts_with(PKG));
        if restart {
            parts.clear();
        } else if !parts.is_empty() {
            parts.push(Part::Lit(Rc::from("/")));
        }
        parts.extend(ps);
    }
    let v = from_parts(parts, &taint);
    match &v.v {
        V::Str(s) => Val::string(normalize_path(s)).with(&v.t),
        _ => v,
    }
}

/// `a/./b/../c` → `a/c`, `//` → `/` (keeping a leading `/`, `~` or package marker).
fn normalize_path(s: &str) -> String {
    let (prefix, rest) = if let Some(r) = s.strip_prefix(PKG) {
        (PKG, r)
    } else if let Some(r) = s.strip_prefix('/') {
        ("/", r)
    } else {
        ("", s)
    };
    let mut out: Vec<&str> = Vec::new();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != ".." && *l != "~") {
                    out.pop();
                } else if prefix.is_empty() {
                    out.push("..");
                }
            }
            p => out.push(p),
        }
    }
    format!("{prefix}{}", out.join("/"))
}

/// The bytes of an even-length hex string.
pub(crate) fn hex_bytes(text: &str) -> Option<Vec<u8>> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.len() < 2 || !t.len().is_multiple_of(2) || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..t.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&t[i..i + 2], 16).ok())
        .collect()
}

fn b64_bytes(text: &str) -> Option<Vec<u8>> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_end_matches('=');
    if t.is_empty() {
        return None;
    }
    let url = t.contains(['-', '_']);
    let engine = if url {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
    } else {
        base64::engine::general_purpose::STANDARD_NO_PAD
    };
    engine.decode(t).ok()
}

/// Bytes decoded from a constant: [`label::DECODED`], and their text recorded.
pub(crate) fn decoded(it: &mut Interp<'_>, bytes: Vec<u8>, how: &'static str, line: u32) -> Val {
    let t = it.source(label::DECODED, &format!("{how} literal"), line);
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let printable = text
            .chars()
            .filter(|c| !c.is_control() || c.is_whitespace())
            .count();
        if text.chars().count() >= 3 && printable * 10 >= text.chars().count() * 9 {
            it.derive(line, how, text);
        }
    }
    Val {
        v: V::Bytes(Rc::from(bytes)),
        t,
    }
}

/// Decodes `v` (base64 or hex), labelled decoded when it was a constant.
fn decode_value(it: &mut Interp<'_>, v: &Val, enc: &str, line: u32) -> Val {
    let Some(text) = v.text() else {
        return Val::tainted(v.deep_taint());
    };
    let bytes = match enc {
        "hex" => hex_bytes(text),
        _ => b64_bytes(text),
    };
    match bytes {
        Some(b) if v.t.is_clean() => {
            decoded(it, b, if enc == "hex" { "hex" } else { "base64" }, line)
        }
        Some(b) => Val {
            v: V::Bytes(Rc::from(b)),
            t: v.t.clone(),
        },
        None => Val::tainted(v.t.clone()),
    }
}

fn bytes_text(v: &Val) -> Option<String> {
    match &v.v {
        V::Bytes(b) => Some(String::from_utf8_lossy(b).into_owned()),
        V::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

fn to_bytes(v: &Val) -> Val {
    match &v.v {
        V::Str(s) => Val {
            v: V::Bytes(Rc::from(s.as_bytes())),
            t: v.t.clone(),
        },
        _ => v.clone(),
    }
}

fn encode(v: &Val, enc: &str) -> Val {
    let bytes: Option<Vec<u8>> = match &v.v {
        V::Bytes(b) => Some(b.to_vec()),
        V::Str(s) => Some(s.as_bytes().to_vec()),
        _ => None,
    };
    match bytes {
        Some(b) if b.len() <= 256 * 1024 => {
            let s = match enc {
                "hex" => hex::encode(&b),
                "base64" => base64::engine::general_purpose::STANDARD.encode(&b),
                "base64url" => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&b),
                _ => String::from_utf8_lossy(&b).into_owned(),
            };
            Val::string(s).with(&v.t)
        }
        _ => Val::tainted(v.deep_taint()),
    }
}

/// `String.fromCharCode(…)` of numbers: constants give decoded text.
fn from_char_codes(it: &mut Interp<'_>, args: &Args, line: u32) -> Val {
    let mut s = String::new();
    let mut t = Taint::none();
    for a in &args.pos {
        t.add(&a.deep_taint());
        match a.v {
            V::Num(n) if (0.0..=1_114_111.0).contains(&n) => {
                s.push(char::from_u32(n as u32).unwrap_or('\u{fffd}'));
            }
            _ => return Val::tainted(t),
        }
    }
    if t.is_clean() {
        let d = it.source(label::DECODED, "char codes", line);
        if s.chars().count() >= 4 {
            it.derive(line, "char codes", &s);
        }
        return Val::string(s).with(&d);
    }
    Val::string(s).with(&t)
}

/// `JSON.stringify` / `json.dumps`: the text when every part is known, else unknown data
/// carrying every taint inside.
fn serialize(v: &Val) -> Val {
    match serde_text(v, 0) {
        Some(s) if s.len() <= 64 * 1024 => Val::string(s),
        _ => Val::tainted(v.deep_taint()),
    }
}

fn serde_text(v: &Val, depth: u32) -> Option<String> {
    if depth > 6 || !v.t.is_clean() {
        return None;
    }
    Some(match &v.v {
        V::Str(s) => serde_json::to_string(&**s).ok()?,
        V::Num(n) => super::super::value::num_text(*n),
        V::Bool(b) => b.to_string(),
        V::Null => "null".into(),
        V::List(items) => {
            let items = items.borrow();
            let parts: Option<Vec<String>> = items
                .iter()
                .take(256)
                .map(|i| serde_text(i, depth + 1))
                .collect();
            format!("[{}]", parts?.join(","))
        }
        V::Obj(o) => {
            let o = o.borrow();
            if !o.rest.is_clean() || o.class.is_some() {
                return None;
            }
            let mut parts = Vec::new();
            for (k, f) in o.fields.iter().take(256) {
                parts.push(format!(
                    "{}:{}",
                    serde_json::to_string(&**k).ok()?,
                    serde_text(f, depth + 1)?
                ));
            }
            format!("{{{}}}", parts.join(","))
        }
        _ => return None,
    })
}

/// Python `fmt % args`.
pub(crate) fn percent_format(_it: &mut Interp<'_>, fmt: &Val, args: &Val) -> Val {
    let Some(f) = fmt.text() else {
        return Val::tainted(fmt.t.join(&args.deep_taint()));
    };
    let positional: Vec<Val> = match &args.v {
        V::List(items) => items.borrow().clone(),
        V::Obj(_) => Vec::new(),
        _ => vec![args.clone()],
    };
    let mut next = positional.into_iter();
    let mut acc = Taint::none();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            lit.push('%');
            continue;
        }
        let mut key = None;
        if chars.peek() == Some(&'(') {
            chars.next();
            key = Some(chars.by_ref().take_while(|c| *c != ')').collect::<String>());
        }
        // Flags, width, precision, then the conversion letter.
        for c in chars.by_ref() {
            if c.is_ascii_alphabetic() {
                break;
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Lit(Rc::from(std::mem::take(&mut lit))));
        }
        let v = match key {
            Some(k) => match &args.v {
                V::Obj(o) => o.borrow().get(&k).unwrap_or_else(Val::unknown),
                _ => Val::unknown(),
            },
            None => next
                .next()
                .unwrap_or_else(|| Val::tainted(args.deep_taint())),
        };
        push_value(&mut parts, &v, &mut acc);
    }
    if !lit.is_empty() {
        parts.push(Part::Lit(Rc::from(lit)));
    }
    splice(from_parts(parts, &fmt.t.join(&acc)))
}

/// Appends a value's text (its taint goes to `acc`), or a hole carrying its taint.
fn push_value(parts: &mut Vec<Part>, v: &Val, acc: &mut Taint) {
    match v.parts() {
        Some(ps) => {
            parts.extend(ps);
            acc.add(&v.t);
        }
        None => parts.push(Part::Hole(v.deep_taint())),
    }
}

/// Marks a string built from a tool argument and constant text.
fn splice(v: Val) -> Val {
    super::super::interp::spliced(v)
}

/// `"{} {name}".format(a, name=b)`.
fn brace_format(recv: &Val, args: &Args) -> Val {
    let Some(f) = recv.text() else {
        return Val::tainted(recv.t.join(&args.taint()));
    };
    let mut parts = Vec::new();
    let mut acc = Taint::none();
    let mut lit = String::new();
    let mut next = 0usize;
    let mut chars = f.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let spec: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let key = spec.split([':', '!']).next().unwrap_or("").trim();
                if !lit.is_empty() {
                    parts.push(Part::Lit(Rc::from(std::mem::take(&mut lit))));
                }
                let v = if key.is_empty() {
                    next += 1;
                    args.get(next - 1).cloned()
                } else if let Ok(i) = key.parse::<usize>() {
                    args.get(i).cloned()
                } else {
                    let k = key.split(['.', '[']).next().unwrap_or(key);
                    args.kw(k).cloned()
                };
                push_value(
                    &mut parts,
                    &v.unwrap_or_else(|| Val::tainted(args.taint())),
                    &mut acc,
                );
            }
            _ => lit.push(c),
        }
    }
    if !lit.is_empty() {
        parts.push(Part::Lit(Rc::from(lit)));
    }
    splice(from_parts(parts, &recv.t.join(&acc)))
}

/// Joins list items with a separator.
fn join_items(items: &[Val], sep: &str, extra: &Taint) -> Val {
    let mut parts = Vec::new();
    let mut acc = extra.clone();
    for (i, it) in items.iter().enumerate() {
        if i > 0 && !sep.is_empty() {
            parts.push(Part::Lit(Rc::from(sep)));
        }
        push_value(&mut parts, it, &mut acc);
    }
    splice(from_parts(parts, &acc))
}

pub(crate) fn slice(v: &Val, a: Option<&Val>, b: Option<&Val>) -> Val {
    let num = |x: Option<&Val>| match x.map(|x| &x.v) {
        Some(V::Num(n)) => Some(*n),
        _ => None,
    };
    let (start, end) = (num(a), num(b));
    let known_bounds = (a.is_none() || start.is_some()) && (b.is_none() || end.is_some());
    match &v.v {
        V::Str(s) if known_bounds => {
            let chars: Vec<char> = s.chars().collect();
            let n = chars.len() as f64;
            let fix = |x: f64| if x < 0.0 { (n + x).max(0.0) } else { x.min(n) } as usize;
            let st = start.map_or(0, fix);
            let en = end.map_or(chars.len(), fix);
            let out: String = if st < en {
                chars[st..en].iter().collect()
            } else {
                String::new()
            };
            Val::string(out).with(&v.t)
        }
        V::List(items) if known_bounds => {
            let items = items.borrow();
            let n = items.len() as f64;
            let fix = |x: f64| if x < 0.0 { (n + x).max(0.0) } else { x.min(n) } as usize;
            let st = start.map_or(0, fix);
            let en = end.map_or(items.len(), fix);
            let out = if st < en {
                items[st..en].to_vec()
            } else {
                Vec::new()
            };
            Val::list(out).with(&v.t)
        }
        V::List(_) => v.clone(),
        _ => Val::tainted(v.deep_taint()),
    }
}

/// Pure library functions.
/// Pure library functions: decoders and encoders, conversions and paths, numbers,
/// collections.
pub(super) fn call(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    if let Some(v) = codec_call(it, path, args, site) {
        return Some(v);
    }
    if let Some(v) = convert_call(it, path, args, site) {
        return Some(v);
    }
    if let Some(v) = number_call(it, path, args, site) {
        return Some(v);
    }
    collection_call(it, path, args, site)
}

/// Decoders, encoders, serializers and quoting.
fn codec_call(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let _ = (&it, site);
    let v = match path {
        "String.fromCharCode" | "String.fromCodePoint" | "chr" | "char.from_u32" | "char.from" => {
            from_char_codes(it, args, site.line)
        }
        "atob" => decode_value(it, &a0, "base64", site.line).bytes_to_str(),
        "btoa" => encode(&a0, "base64"),
        "Buffer.from" | "Buffer.alloc" => {
            let enc = args.get(1).and_then(Val::text).unwrap_or("utf8");
            match enc {
                "base64" | "base64url" | "hex" => decode_value(it, &a0, enc, site.line),
                _ => to_bytes(&a0),
            }
        }
        "base64.b64decode"
        | "base64.urlsafe_b64decode"
        | "base64.decodebytes"
        | "base64.standard_b64decode"
        | "binascii.a2b_base64"
        | "base64.decode"
        | "STANDARD.decode"
        | "base64.engine.general_purpose.STANDARD.decode"
        | "general_purpose.STANDARD.decode"
        | "URL_SAFE.decode" => decode_value(it, &a0, "base64", site.line),
        "bytes.fromhex" | "binascii.unhexlify" | "binascii.a2b_hex" | "hex.decode"
        | "bytearray.fromhex" => decode_value(it, &a0, "hex", site.line),
        "codecs.decode" => match args.get(1).and_then(Val::text) {
            Some("hex") => decode_value(it, &a0, "hex", site.line),
            Some("base64") => decode_value(it, &a0, "base64", site.line),
            Some("rot13" | "rot_13") => rot13(&a0),
            _ => a0.clone(),
        },
        "zlib.decompress"
        | "gzip.decompress"
        | "bz2.decompress"
        | "lzma.decompress"
        | "zlib.inflateSync"
        | "zlib.gunzipSync"
        | "zlib.inflateRawSync"
        | "marshal.loads" => {
            let mut t = a0.deep_taint();
            if a0.t.is_clean() || a0.t.has(label::DECODED) {
                t.add(&it.source(label::DECODED, "compressed literal", site.line));
            }
            Val::tainted(t)
        }
        "base64.b64encode" | "base64.urlsafe_b64encode" | "base64.encodebytes" => {
            encode(&a0, "base64")
        }
        "binascii.hexlify" | "hex.encode" => encode(&a0, "hex"),
        "JSON.stringify"
        | "json.dumps"
        | "serde_json.to_string"
        | "serde_json.to_vec"
        | "serde_json.to_value"
        | "JSON.stringify()" => serialize(&a0),
        "JSON.parse"
        | "json.loads"
        | "serde_json.from_str"
        | "ast.literal_eval"
        | "yaml.safe_load"
        | "toml.loads"
        | "tomllib.loads" => Val::tainted(a0.deep_taint()),
        "shlex.quote"
        | "shellescape.quote"
        | "shell_escape.escape"
        | "pipes.quote"
        | "shlex.join" => {
            let t = a0.deep_taint();
            Val::tainted(t).with(&Taint::flag(label::QUOTED))
        }
        _ => return None,
    };
    Some(v)
}

/// Conversions and paths.
fn convert_call(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    let _ = site;
    match path {
        "path.join"
        | "path.resolve"
        | "path.posix.join"
        | "os.path.join"
        | "pathlib.Path"
        | "Path"
        | "pathlib.PurePath"
        | "PurePath"
        | "PathBuf.from"
        | "Path.new"
        | "std.path.PathBuf.from"
        | "std.path.Path.new"
        | "posixpath.join"
        | "URL"
        | "path.normalize"
        | "os.path.normpath"
        | "os.path.abspath"
        | "os.path.realpath"
        | "url.fileURLToPath"
        | "fileURLToPath"
        | "os.fspath"
        | "String.from"
        | "str"
        | "String"
        | "OsString.from"
        | "Cow.from"
        | "Box.new"
        | "Arc.new"
        | "Rc.new"
        | "Some"
        | "Ok"
        | "Err"
        | "Mutex.new"
        | "RwLock.new"
        | "RefCell.new"
        | "Cell.new"
        | "Ok()"
        | "std.sync.Arc.new"
        | "iter"
        | "list"
        | "tuple"
        | "sorted"
        | "reversed"
        | "set"
        | "frozenset"
        | "Array.from"
        | "Object.freeze"
        | "structuredClone"
        | "String.from_utf8"
        | "String.from_utf8_lossy"
        | "std.str.from_utf8"
        | "str.from_utf8"
        | "encodeURIComponent"
        | "encodeURI"
        | "decodeURIComponent"
        | "decodeURI"
        | "escape"
        | "unescape"
        | "urllib.parse.quote"
        | "urllib.parse.unquote"
        | "urllib.parse.quote_plus"
        | "bytes"
        | "bytearray"
        | "repr"
        | "dict"
        | "copy.copy"
        | "copy.deepcopy"
        | "Vec.from"
        | "Buffer.concat" => Some(passthrough_call(it, path, args)),
        _ => None,
    }
}

/// Numbers, and names of a path.
fn number_call(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let _ = (&it, site);
    let v = match path {
        "os.path.dirname" | "path.dirname" => dirname(&a0),
        "os.path.basename" | "path.basename" => match a0.text() {
            Some(s) => Val::string(basename(s).to_string()).with(&a0.t),
            None => Val::tainted(a0.t.clone()),
        },
        "parseInt" | "parseFloat" | "Number" | "int" | "float" | "len" | "Math.round"
        | "Math.floor" | "Math.max" | "Math.min" | "Math.abs" | "Math.ceil" | "bool"
        | "Boolean" | "isNaN" | "Number.isInteger" | "hash" | "ord" | "abs" | "round"
        | "isinstance" | "hasattr" | "callable" | "id" | "Array.isArray" | "typeof" => {
            match (path, &a0.v) {
                ("parseInt" | "int" | "Number", V::Str(s)) => {
                    let radix = args.get(1).and_then(|r| match r.v {
                        V::Num(n) => Some(n as u32),
                        _ => None,
                    });
                    let n = match radix {
                        Some(r) if (2..=36).contains(&r) => {
                            i64::from_str_radix(s.trim(), r).ok().map(|v| v as f64)
                        }
                        _ => s.trim().parse::<f64>().ok(),
                    };
                    n.map_or_else(Val::unknown, Val::num)
                }
                ("Number" | "int" | "float", V::Num(n)) => Val::num(*n),
                ("len", V::Str(s)) => Val::num(s.chars().count() as f64),
                ("len", V::List(l)) => Val::num(l.borrow().len() as f64),
                _ => Val::unknown(),
            }
        }
        "u8.from_str_radix" | "u16.from_str_radix" | "u32.from_str_radix"
        | "i64.from_str_radix" | "u64.from_str_radix" | "i32.from_str_radix" => {
            let radix = match args.get(1).map(|r| &r.v) {
                Some(V::Num(n)) => *n as u32,
                _ => 10,
            };
            match a0
                .text()
                .and_then(|s| i64::from_str_radix(s, radix.clamp(2, 36)).ok())
            {
                Some(n) => Val::num(n as f64).with(&a0.t),
                None => Val::tainted(a0.t.clone()),
            }
        }
        _ => return None,
    };
    Some(v)
}

/// Objects, lists, ranges, callbacks over lists; Rust macros of the build.
fn collection_call(it: &mut Interp<'_>, path: &str, args: &Args, site: Site) -> Option<Val> {
    let a0 = args.get(0).cloned().unwrap_or_else(Val::unknown);
    let _ = (&it, site);
    let v = match path {
        "Object.entries" | "Object.keys" | "Object.values" | "Object.getOwnPropertyNames" => {
            object_walk(path, &a0)
        }
        "Object.assign" => {
            if let V::Obj(target) = &a0.v {
                for src in args.pos.iter().skip(1) {
                    merge(target, src);
                }
            }
            a0.clone()
        }
        "Object.fromEntries" => from_entries(&a0),
        "enumerate" => match it.elements(&a0) {
            Some(items) => Val::list(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Val::list(vec![Val::num(i as f64), v]))
                    .collect(),
            ),
            None => Val::tainted(a0.deep_taint()),
        },
        "zip" => Val::tainted(args.taint()),
        // `min(count, 8)`: a number capped by a constant carries nothing of the argument.
        "min" | "Math.min" if args.pos.iter().any(|a| matches!(a.v, V::Num(_))) => Val::unknown(),
        "range" => {
            let nums: Vec<f64> = args
                .pos
                .iter()
                .filter_map(|a| match a.v {
                    V::Num(n) => Some(n),
                    _ => None,
                })
                .collect();
            let (start, end, step) = match nums.as_slice() {
                [e] => (0.0, *e, 1.0),
                [s, e] => (*s, *e, 1.0),
                [s, e, st] if *st != 0.0 => (*s, *e, *st),
                _ => {
                    // A count the caller of the tool picks, with no cap in the code.
                    if args.pos.iter().any(|a| a.t.has(label::TOOL_ARG)) {
                        it.loop_count = Some(super::super::interp::LoopCount::ToolArgument);
                    }
                    return Some(Val::unknown());
                }
            };
            let count = ((end - start) / step).ceil();
            super::busy_loop(it, count, site.line);
            if count >= 10.0 {
                it.loop_count = Some(super::super::interp::LoopCount::Fixed(count as u64));
            }
            if !(0.0..=MAX_LIST as f64).contains(&count) {
                return Some(Val::unknown());
            }
            Val::list(
                (0..count as usize)
                    .map(|i| Val::num(start + step * i as f64))
                    .collect(),
            )
        }
        "map" if args.pos.len() >= 2 => {
            let f = args.pos[0].clone();
            let items = it.elements(&args.pos[1]).unwrap_or_default();
            let mut out = Vec::new();
            for item in items.into_iter().take(256) {
                let a = Args {
                    pos: vec![item],
                    kw: Vec::new(),
                };
                out.push(it.call_value(&f, a, site));
            }
            Val::list(out)
        }
        "filter" if args.pos.len() >= 2 => args.pos[1].clone(),
        "include_str!" | "include_bytes!" => include(it, args, path == "include_bytes!"),
        "env!" | "option_env!" => {
            let name = a0.text().unwrap_or("");
            Val::string(format!("<{name}>"))
        }
        "std.fs.Permissions.from_mode" | "Permissions.from_mode" | "fs.Permissions.from_mode" => {
            a0.clone()
        }
        "format" => brace_format(
            &a0,
            &Args {
                pos: args.pos.iter().skip(1).cloned().collect(),
                kw: args.kw.clone(),
            },
        ),
        _ => return None,
    };
    Some(v)
}

/// Constructors and conversions that keep their argument (joined, for paths).
fn passthrough_call(it: &mut Interp<'_>, path: &str, args: &Args) -> Val {
    let is_path = matches!(
        path,
        "path.join"
            | "path.resolve"
            | "path.posix.join"
            | "os.path.join"
            | "pathlib.Path"
            | "Path"
            | "pathlib.PurePath"
            | "PurePath"
            | "posixpath.join"
    );
    if path == "URL" && args.pos.len() >= 2 {
        // `new URL("./x.md", import.meta.url)`: relative to the file's directory.
        let base = dirname(&args.pos[1]);
        return path_join(it, &[base, args.pos[0].clone()]);
    }
    if is_path {
        return path_join(it, &args.pos);
    }
    if matches!(
        path,
        "String.from_utf8" | "String.from_utf8_lossy" | "std.str.from_utf8" | "str.from_utf8"
    ) {
        return args
            .get(0)
            .cloned()
            .map_or_else(Val::unknown, |v| v.bytes_to_str());
    }
    if path == "dict" && args.pos.is_empty() {
        let mut o = Obj::default();
        for (k, v) in &args.kw {
            o.set(k.clone(), v.clone());
        }
        return Val::obj(o);
    }
    if matches!(
        path,
        "dict"
            | "list"
            | "tuple"
            | "sorted"
            | "set"
            | "frozenset"
            | "copy.copy"
            | "copy.deepcopy"
            | "Array.from"
    ) {
        // A copy: a new container with the same contents.
        return match args.get(0) {
            Some(v @ Val { v: V::List(l), .. }) => Val::list(l.borrow().clone()).with(&v.t),
            Some(v @ Val { v: V::Obj(o), .. }) if o.borrow().class.is_none() => {
                let o = o.borrow();
                Val::obj(Obj {
                    fields: o.fields.clone(),
                    rest: o.rest.clone(),
                    ..Obj::default()
                })
                .with(&v.t)
            }
            Some(v) => Val::tainted(v.deep_taint()),
            None => Val::list(Vec::new()),
        };
    }
    match args.get(0) {
        Some(v) if args.pos.len() == 1 => v.clone(),
        Some(_) => Val::tainted(args.taint()),
        None => Val::str(""),
    }
}

fn include(it: &mut Interp<'_>, args: &Args, bytes: bool) -> Val {
    let Some(rel) = args.get(0).and_then(Val::text) else {
        return Val::unknown();
    };
    let here = it.path();
    let dir = here.rsplit_once('/').map_or("", |(d, _)| d);
    let full = normalize_path(&format!("{dir}/{rel}"));
    let line = it.current_line();
    let t = it.source(label::PKG_FILE, &full, line);
    if bytes {
        Val { v: V::Unknown, t }
    } else {
        Val::tainted(t)
    }
}

fn rot13(v: &Val) -> Val {
    match v.text() {
        Some(s) => Val::string(
            s.chars()
                .map(|c| match c {
                    'a'..='z' => (((c as u8 - b'a') + 13) % 26 + b'a') as char,
                    'A'..='Z' => (((c as u8 - b'A') + 13) % 26 + b'A') as char,
                    _ => c,
                })
                .collect(),
        )
        .with(&v.t),
        None => v.clone(),
    }
}

fn object_walk(path: &str, o: &Val) -> Val {
    match &o.v {
        V::Obj(ob) => {
            let ob = ob.borrow();
            let items = ob
                .fields
                .iter()
                .map(|(k, v)| match path {
                    "Object.keys" | "Object.getOwnPropertyNames" => Val::of(V::Str(k.clone())),
                    "Object.values" => v.clone(),
                    _ => Val::list(vec![Val::of(V::Str(k.clone())), v.clone()]),
                })
                .collect();
            let mut l =
                Val::list(unknown_entries(&ob.rest, path == "Object.entries", items)).with(&o.t);
            if !ob.rest.is_clean() {
                l.t.add(&ob.rest);
            }
            l
        }
        // `Object.entries(process.env)`: every variable.
        _ => Val::tainted(o.deep_taint()),
    }
}

fn merge(target: &Rc<std::cell::RefCell<Obj>>, src: &Val) {
    match &src.v {
        V::Obj(s) if !Rc::ptr_eq(target, s) => {
            let s = s.borrow();
            let mut t = target.borrow_mut();
            for (k, v) in &s.fields {
                t.set(k.clone(), v.clone());
            }
            t.rest.add(&s.rest);
            t.rest.add(&src.t);
        }
        _ => target.borrow_mut().rest.add(&src.deep_taint()),
    }
}

/// The entries (or keys) of an object visited by a loop: the known ones, after one that
/// stands for the keys the interpreter does not know (`dict.update(json.loads(arg))`). A loop
/// that copies a filter key by key (`for k, v in f.items(): q[k] = v`) then copies the
/// unknown keys too, with their taint.
fn unknown_entries(rest: &Taint, pairs: bool, known: Vec<Val>) -> Vec<Val> {
    if rest.is_clean() {
        return known;
    }
    let unknown = Val::tainted(rest.clone());
    let first = if pairs {
        Val::list(vec![unknown.clone(), unknown])
    } else {
        unknown
    };
    std::iter::once(first).chain(known).collect()
}

fn from_entries(v: &Val) -> Val {
    let mut o = Obj::default();
    match &v.v {
        V::List(items) => {
            for item in items.borrow().iter() {
                match &item.v {
                    V::List(pair) => {
                        let pair = pair.borrow();
                        match (pair.first().and_then(Val::text), pair.get(1)) {
                            (Some(k), Some(val)) => o.set(Rc::from(k), val.clone()),
                            _ => o.rest.add(&item.deep_taint()),
                        }
                    }
                    _ => o.rest.add(&item.deep_taint()),
                }
            }
            o.rest.add(&v.t);
        }
        _ => o.rest.add(&v.deep_taint()),
    }
    Val::obj(o)
}

impl Val {
    /// Bytes read as UTF-8 text (other values unchanged).
    pub(crate) fn bytes_to_str(self) -> Val {
        match &self.v {
            V::Bytes(b) => Val::string(String::from_utf8_lossy(b).into_owned()).with(&self.t),
            _ => self,
        }
    }
}

/// Methods of strings, lists, bytes and plain objects.
pub(super) fn method(
    it: &mut Interp<'_>,
    recv: &Val,
    m: &str,
    args: &Args,
    site: Site,
) -> Option<Val> {
    if PASSTHROUGH.contains(&m) {
        return Some(recv.clone());
    }
    if CHECKS.contains(&m) {
        return Some(Val::unknown());
    }
    match m {
        "unwrap_or" | "unwrap_or_else" | "or" | "or_else" | "get_or_insert_with" => {
            let alt = match args.get(0) {
                Some(Val { v: V::Func(_), .. }) => {
                    let f = args.pos[0].clone();
                    it.call_value(&f, Args::default(), site)
                }
                Some(v) => v.clone(),
                None => Val::unknown(),
            };
            return Some(join(recv, &alt));
        }
        "then" | "and_then" | "map" if !matches!(recv.v, V::List(_)) => {
            let f = args.get(0)?.clone();
            if let V::Func(_) | V::Ext(_) = f.v {
                let a = Args {
                    pos: vec![recv.clone()],
                    kw: Vec::new(),
                };
                return Some(it.call_value(&f, a, site));
            }
            return None;
        }
        _ => {}
    }
    match &recv.v {
        V::Str(_) | V::Tmpl(_) => string_method(it, recv, m, args),
        V::Bytes(_) => bytes_method(recv, m, args),
        V::List(_) => list_method(it, recv, m, args, site),
        V::Obj(o) if o.borrow().class.is_none() => dict_method(it, recv, m, args),
        _ => None,
    }
}

fn string_method(it: &mut Interp<'_>, recv: &Val, m: &str, args: &Args) -> Option<Val> {
    let t = recv.t.clone();
    let s = recv.text();
    let arg_text = |i: usize| args.get(i).and_then(Val::text);
    let v = match m {
        _ if FOLD_CASE.contains(&m) => match s {
            Some(s) => Val::string(if m.contains("ower") || m == "casefold" {
                s.to_lowercase()
            } else {
                s.to_uppercase()
            })
            .with(&t),
            None => recv.clone(),
        },
        _ if TRIM.contains(&m) => match (s, arg_text(0)) {
            (Some(s), Some(chars)) => {
                let set: Vec<char> = chars.chars().collect();
                let r = match m {
                    "lstrip" | "trimStart" | "trim_start_matches" | "trim_start" | "trimLeft" => {
                        s.trim_start_matches(set.as_slice())
                    }
                    "rstrip" | "trimEnd" | "trim_end_matches" | "trim_end" | "trimRight" => {
                        s.trim_end_matches(set.as_slice())
                    }
                    _ => s.trim_matches(set.as_slice()),
                };
                Val::string(r.to_string()).with(&t)
            }
            (Some(s), None) => Val::string(s.trim().to_string()).with(&t),
            _ => recv.clone(),
        },
        "split" | "rsplit" | "splitlines" | "split_whitespace" | "lines" => match s {
            Some(s) => {
                let pieces: Vec<Val> = match (m, arg_text(0)) {
                    ("splitlines" | "lines", _) => {
                        s.lines().map(|p| Val::string(p.to_string())).collect()
                    }
                    (_, Some(sep)) if !sep.is_empty() => {
                        s.split(sep).map(|p| Val::string(p.to_string())).collect()
                    }
                    (_, None) => s
                        .split_whitespace()
                        .map(|p| Val::string(p.to_string()))
                        .collect(),
                    _ => s.chars().map(|c| Val::string(c.to_string())).collect(),
                };
                Val::list(pieces.into_iter().take(MAX_LIST).collect()).with(&t)
            }
            None => Val::tainted(recv.deep_taint()),
        },
        "replace" | "replaceAll" | "replacen" => match (s, arg_text(0), args.get(1)) {
            (Some(s), Some(a), Some(b)) if b.text().is_some() && !a.is_empty() => {
                Val::string(s.replace(a, b.text().unwrap_or("")))
                    .with(&t)
                    .with(&b.t)
            }
            _ => Val::tainted(
                recv.deep_taint()
                    .join(&args.get(1).map(Val::deep_taint).unwrap_or_default()),
            ),
        },
        "join" => {
            // Python `sep.join(items)`; Rust `path.join(piece)`.
            match args.get(0) {
                Some(
                    a @ Val {
                        v: V::List(items), ..
                    },
                ) => {
                    let items = items.borrow().clone();
                    join_items(&items, s.unwrap_or(""), &a.t.join(&t))
                }
                Some(a)
                    if a.parts().is_some()
                        && it.lang() == mcp_audit_extract::source::Lang::Rust =>
                {
                    path_join(it, &[recv.clone(), a.clone()])
                }
                Some(a) => Val::tainted(a.deep_taint().join(&t)),
                None => recv.clone(),
            }
        }
        _ => return string_method_more(it, recv, m, args),
    };
    Some(v)
}

/// Path, formatting and character methods of strings.
fn string_method_more(it: &mut Interp<'_>, recv: &Val, m: &str, args: &Args) -> Option<Val> {
    let t = recv.t.clone();
    let s = recv.text();
    let arg_text = |i: usize| args.get(i).and_then(Val::text);
    let v = match m {
        "joinpath" | "with_name" | "with_suffix" | "resolve" | "absolute" | "expanduser"
        | "canonicalize" | "with_file_name" => match m {
            "with_name" | "with_file_name" => {
                let d = dirname(recv);
                let rest: Vec<Val> = std::iter::once(d).chain(args.pos.iter().cloned()).collect();
                path_join(it, &rest)
            }
            "joinpath" => {
                let rest: Vec<Val> = std::iter::once(recv.clone())
                    .chain(args.pos.iter().cloned())
                    .collect();
                path_join(it, &rest)
            }
            _ => recv.clone(),
        },
        "format" => brace_format(recv, args),
        "concat" | "push_str" | "add" => {
            let mut parts = recv.parts().unwrap_or_default();
            let mut acc = t.clone();
            for a in &args.pos {
                push_value(&mut parts, a, &mut acc);
            }
            splice(from_parts(parts, &acc))
        }
        "slice" | "substring" | "substr" | "get" => {
            if m == "get" {
                return None;
            }
            slice(
                recv,
                args.get(0),
                if m == "substr" { None } else { args.get(1) },
            )
        }
        "charCodeAt" | "codePointAt" => match (s, args.get(0).map(|a| &a.v)) {
            (Some(s), Some(V::Num(i))) => s
                .chars()
                .nth(*i as usize)
                .map_or_else(Val::unknown, |c| Val::num(f64::from(c as u32)))
                .with(&t),
            (Some(s), None) => s
                .chars()
                .next()
                .map_or_else(Val::unknown, |c| Val::num(f64::from(c as u32)))
                .with(&t),
            _ => Val::tainted(t),
        },
        "charAt" | "at" => match (s, args.get(0).map(|a| &a.v)) {
            (Some(s), Some(V::Num(i))) => s
                .chars()
                .nth(*i as usize)
                .map_or_else(Val::unknown, |c| Val::string(c.to_string()))
                .with(&t),
            _ => Val::tainted(t),
        },
        "padStart" | "padEnd" | "zfill" | "ljust" | "rjust" | "center" | "repeat" => {
            if m == "repeat" {
                match (s, args.get(0).map(|a| &a.v)) {
                    (Some(s), Some(V::Num(n))) if s.len() * (*n as usize) < 65_536 => {
                        Val::string(s.repeat(*n as usize)).with(&t)
                    }
                    _ => Val::tainted(t),
                }
            } else {
                recv.clone()
            }
        }
        "encode" => to_bytes(recv),
        "decode" => recv.clone(),
        "hex" => encode(recv, "hex"),
        "match" | "matchAll" | "exec" | "chars" | "bytes" | "char_indices" | "partition"
        | "rpartition" | "splitn" | "findall" => Val::tainted(recv.deep_taint()),
        "removeprefix" | "strip_prefix" => match (s, arg_text(0)) {
            (Some(s), Some(p)) => Val::string(s.strip_prefix(p).unwrap_or(s).to_string()).with(&t),
            _ => recv.clone(),
        },
        "removesuffix" | "strip_suffix" => match (s, arg_text(0)) {
            (Some(s), Some(p)) => Val::string(s.strip_suffix(p).unwrap_or(s).to_string()).with(&t),
            _ => recv.clone(),
        },
        _ => return None,
    };
    Some(v)
}

fn bytes_method(recv: &Val, m: &str, args: &Args) -> Option<Val> {
    Some(match m {
        "decode" | "toString" | "decode_utf8" => {
            let enc = args.get(0).and_then(Val::text).unwrap_or("utf8");
            match enc {
                "hex" | "base64" | "base64url" => encode(recv, enc),
                _ => match bytes_text(recv) {
                    Some(s) => Val::string(s).with(&recv.t),
                    None => Val::tainted(recv.t.clone()),
                },
            }
        }
        "hex" => encode(recv, "hex"),
        _ => return None,
    })
}

fn list_method(it: &mut Interp<'_>, recv: &Val, m: &str, args: &Args, site: Site) -> Option<Val> {
    let V::List(items) = &recv.v else {
        return None;
    };
    let t = recv.t.clone();
    let v = match m {
        "join" | "concat"
            if args.get(0).is_none_or(|a| a.parts().is_some())
                && (m == "join" || args.pos.is_empty()) =>
        {
            let default =
                if m == "concat" || it.lang() != mcp_audit_extract::source::Lang::JavaScript {
                    ""
                } else {
                    ","
                };
            let sep = args
                .get(0)
                .and_then(Val::text)
                .unwrap_or(default)
                .to_string();
            let items = items.borrow().clone();
            join_items(&items, &sep, &t)
        }
        "concat" | "extend_from_slice" => {
            let mut out = items.borrow().clone();
            for a in &args.pos {
                match &a.v {
                    V::List(b) => out.extend(b.borrow().iter().cloned()),
                    _ => out.push(a.clone()),
                }
            }
            out.truncate(MAX_LIST);
            Val::list(out).with(&t)
        }
        "push" | "append" | "unshift" | "add" | "insert" => {
            let mut l = items.borrow_mut();
            for a in &args.pos {
                if l.len() < MAX_LIST {
                    l.push(a.clone());
                }
            }
            Val::unknown()
        }
        "extend" => {
            if let Some(a) = args.get(0) {
                let more = it
                    .elements(a)
                    .unwrap_or_else(|| vec![Val::tainted(a.deep_taint())]);
                let mut l = items.borrow_mut();
                for x in more {
                    if l.len() < MAX_LIST {
                        l.push(x);
                    }
                }
            }
            Val::unknown()
        }
        "slice" | "splice" | "filter" | "sort" | "reverse" | "flat" | "skip" | "take"
        | "to_vec" | "copy" | "drain" | "dedup" | "chain" | "windows" | "chunks" | "step_by"
        | "enumerate" | "sorted" | "fill" | "toSorted" | "toReversed" => {
            if let Some(Val { v: V::Func(_), .. }) = args.get(0) {
                let _ = map_items(it, recv, &args.pos[0].clone(), site);
            }
            match m {
                "enumerate" => Val::list(
                    items
                        .borrow()
                        .iter()
                        .enumerate()
                        .map(|(i, v)| Val::list(vec![Val::num(i as f64), v.clone()]))
                        .collect(),
                )
                .with(&t),
                "slice" => slice(recv, args.get(0), args.get(1)),
                "splice" => {
                    let out = items.borrow().clone();
                    if matches!(args.get(0).map(|a| &a.v), Some(V::Num(n)) if *n == 0.0)
                        && args.pos.len() == 1
                    {
                        items.borrow_mut().clear();
                    }
                    Val::list(out).with(&t)
                }
                _ => Val::list(items.borrow().clone()).with(&t),
            }
        }
        "map" | "flatMap" | "flat_map" | "filter_map" | "forEach" | "for_each" | "some"
        | "every" | "find" | "findIndex" | "any" | "all" | "position" | "reduce" | "fold" => {
            let f = args.get(0).cloned()?;
            if !matches!(f.v, V::Func(_) | V::Ext(_)) {
                return None;
            }
            let results = map_items(it, recv, &f, site);
            match m {
                "map" | "flatMap" | "flat_map" | "filter_map" => Val::list(results).with(&t),
                "find" => {
                    let mut t = t;
                    for i in items.borrow().iter() {
                        t.add(&i.deep_taint());
                    }
                    Val::tainted(t)
                }
                "reduce" | "fold" => {
                    let mut acc = Taint::none();
                    for r in &results {
                        acc.add(&r.deep_taint());
                    }
                    Val::tainted(acc)
                }
                _ => Val::unknown(),
            }
        }
        "pop" | "shift" | "last" | "first" | "next" => items
            .borrow()
            .last()
            .cloned()
            .map_or_else(|| Val::tainted(t.clone()), |v| v.with(&t)),
        "entries" | "keys" | "values" | "items" => recv.clone(),
        _ => return None,
    };
    Some(v)
}

/// Calls `f(item, index)` for each item (bounded); the results.
fn map_items(it: &mut Interp<'_>, recv: &Val, f: &Val, site: Site) -> Vec<Val> {
    // An unknown list: one call with an element carrying the list's taint.
    let items = it
        .elements(recv)
        .unwrap_or_else(|| vec![Val::tainted(recv.deep_taint())]);
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate().take(512) {
        if it.spent() {
            break;
        }
        let a = Args {
            pos: vec![item, Val::num(i as f64)],
            kw: Vec::new(),
        };
        out.push(it.call_value(f, a, site));
    }
    out
}

fn dict_method(it: &mut Interp<'_>, recv: &Val, m: &str, args: &Args) -> Option<Val> {
    let V::Obj(o) = &recv.v else {
        return None;
    };
    let v = match m {
        "get" | "pop" | "setdefault" => {
            let key = args.get(0)?;
            let found = match key.text() {
                Some(k) => o.borrow().get_own(k).cloned(),
                None => Some(it.index(recv, key)),
            };
            let found = found.unwrap_or_else(|| Val::tainted(o.borrow().rest.clone()));
            match args.get(1) {
                Some(d) => join(&found, d),
                None => found,
            }
        }
        "items" | "entries" => {
            let ob = o.borrow();
            let known = ob
                .fields
                .iter()
                .map(|(k, v)| Val::list(vec![Val::of(V::Str(k.clone())), v.clone()]))
                .collect();
            let mut l = Val::list(unknown_entries(&ob.rest, true, known));
            l.t.add(&ob.rest);
            l.with(&recv.t)
        }
        "keys" => {
            let ob = o.borrow();
            let known = ob
                .fields
                .iter()
                .map(|(k, _)| Val::of(V::Str(k.clone())))
                .collect();
            Val::list(unknown_entries(&ob.rest, false, known)).with(&recv.t)
        }
        "values" => {
            let ob = o.borrow();
            let mut l = Val::list(ob.fields.iter().map(|(_, v)| v.clone()).collect());
            l.t.add(&ob.rest);
            l.with(&recv.t)
        }
        "update" => {
            for a in &args.pos {
                merge(o, a);
            }
            for (k, v) in &args.kw {
                o.borrow_mut().set(k.clone(), v.clone());
            }
            Val::unknown()
        }
        "copy" => {
            let ob = o.borrow();
            Val::obj(Obj {
                fields: ob.fields.clone(),
                rest: ob.rest.clone(),
                ..Obj::default()
            })
        }
        "insert" if args.pos.len() >= 2 => {
            match args.pos[0].text() {
                Some(k) => o.borrow_mut().set(Rc::from(k), args.pos[1].clone()),
                None => o.borrow_mut().rest.add(&args.pos[1].deep_taint()),
            }
            Val::unknown()
        }
        _ => return None,
    };
    Some(v)
}
