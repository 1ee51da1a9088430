//! Why a package that depends on an MCP SDK shows no tool declaration: the reason is stated in
//! the finding, and only a tool list built from data fetched at run time is a risk of its own
//! (what the model is shown can change without a new version); the other reasons are mcp-audit's
//! limits or say the package is not a server.
//!
//! Read from the package's own files only (manifests, the first bytes of large files, source
//! text); nothing is run.

use std::sync::OnceLock;

use crate::source::{Lang, SourceFile};
use crate::Unpacked;

/// Why no tool was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Absence {
    /// The tool list is built from a network response (file, line, what is fetched).
    RuntimeData {
        file: String,
        line: u32,
        evidence: String,
    },
    /// The server is a compiled executable shipped in (or installed with) the package.
    Binary { file: String, evidence: String },
    /// The server's tools are defined in a dependency the package does not ship.
    Dependency { file: String, name: String },
    /// Tools generated at start from a document shipped in the package (an OpenAPI file).
    Document { file: String, evidence: String },
    /// The package connects to another MCP server and relays its tools, or is a client.
    Relay { file: String, evidence: String },
    /// Registrations whose values the extractor could not follow (first one).
    Unfollowed { file: String, line: u32 },
    /// A source file is larger than the extractor reads for declarations (its tools, if it
    /// declares any, were not seen).
    TooLarge {
        file: String,
        bytes: usize,
        limit: usize,
    },
    /// No server entry point: a library, SDK or framework.
    Library,
    /// No reason found.
    Unknown,
}

/// A package dependency name that is an MCP SDK or a general-purpose library, never the place
/// a server's tools live.
fn is_plumbing(name: &str) -> bool {
    name.starts_with("@modelcontextprotocol/")
        || matches!(
            name,
            "mcp" | "fastmcp" | "mcp-types" | "zod" | "zod-to-json-schema" | "pydantic" | "rmcp"
        )
}

/// Decides why the package's tools were not found.
pub(crate) fn explain(ctx: &Unpacked<'_>, own: &[&SourceFile]) -> Absence {
    let code: Vec<&SourceFile> = own
        .iter()
        .copied()
        .filter(|f| {
            matches!(
                f.lang,
                Lang::JavaScript
                    | Lang::TypeScript
                    | Lang::Tsx
                    | Lang::Python
                    | Lang::Rust
                    | Lang::Go
            )
        })
        .collect();
    if let Some(a) = too_large(&code) {
        return a;
    }
    if let Some(a) = runtime_data(&code) {
        return a;
    }
    if let Some(a) = binary(ctx) {
        return a;
    }
    if let Some(a) = relay(&code) {
        return a;
    }
    if let Some(a) = dependency(ctx, &code) {
        return a;
    }
    if let Some(a) = document(ctx, &code) {
        return a;
    }
    if !has_entry_point(ctx) && !starts_a_server(&code) {
        return Absence::Library;
    }
    if let Some((file, line)) = registration(&code) {
        return Absence::Unfollowed { file, line };
    }
    Absence::Unknown
}

/// The largest source file past the size the extractor reads for declarations.
fn too_large(code: &[&SourceFile]) -> Option<Absence> {
    code.iter()
        .filter_map(|f| {
            let limit = super::declaration_limit(f.lang);
            (f.text.len() > limit).then_some((f, limit))
        })
        .max_by_key(|(f, _)| f.text.len())
        .map(|(f, limit)| Absence::TooLarge {
            file: f.path.clone(),
            bytes: f.text.len(),
            limit,
        })
}

/// A tool registration call in the package's code.
fn registration(code: &[&SourceFile]) -> Option<(String, u32)> {
    static REGISTER: OnceLock<regex::Regex> = OnceLock::new();
    let register = regex(
        &REGISTER,
        r"\.(?:registerTool|addTool|add_tool|tool)\(|\bTool\(\s*name\s*=|ListToolsRequestSchema|\.list_tools\(\)|on_list_tools\s*=|Tool::new\(|mcp\.NewTool\(",
    );
    code.iter().find_map(|f| {
        register
            .find(&f.text)
            .map(|m| (f.path.clone(), line_at(&f.text, m.start())))
    })
}

/// Code that starts a server on a transport (a server run with `node dist/index.js` has no
/// `bin`).
fn starts_a_server(code: &[&SourceFile]) -> bool {
    static START: OnceLock<regex::Regex> = OnceLock::new();
    let start = regex(
        &START,
        r#"StdioServerTransport|StreamableHTTPServerTransport|SSEServerTransport|\bstdio_server\(|\.run\(\s*(?:transport\s*=|\)|"stdio)|serve_server|\.serve\(stdio|ServeStdio|transport::stdio"#,
    );
    code.iter().any(|f| start.is_match(&f.text))
}

fn regex(cell: &'static OnceLock<regex::Regex>, pattern: &str) -> &'static regex::Regex {
    cell.get_or_init(|| regex::Regex::new(pattern).expect("valid pattern"))
}

fn line_at(text: &str, at: usize) -> u32 {
    u32::try_from(text[..at].matches('\n').count() + 1).unwrap_or(u32::MAX)
}

/// A tool registration the extractor could not follow, in a package that fetches a tool or
/// API description over the network (an OpenAPI document, a tool catalog): the tools are built
/// from that response.
fn runtime_data(code: &[&SourceFile]) -> Option<Absence> {
    static REGISTER: OnceLock<regex::Regex> = OnceLock::new();
    static FETCH: OnceLock<regex::Regex> = OnceLock::new();
    let register = regex(
        &REGISTER,
        r"\.(?:registerTool|addTool|add_tool|tool)\(|\bTool\(\s*name\s*=|ListToolsRequestSchema|\blist_tools\(",
    );
    // A request for a description of tools or of an API.
    let fetch = regex(
        &FETCH,
        r#"(?i)(?:\bfetch|axios(?:\.get)?|requests\.get|httpx\.(?:get|AsyncClient)|client\.get|urlopen|reqwest::get)\s*\(\s*[^)]{0,160}?(?:openapi|swagger|api-docs|/tools\b|tools\.json|catalog|\bspec\b|\.well-known)"#,
    );
    code.iter()
        .any(|f| register.is_match(&f.text))
        .then_some(())?;
    code.iter().find_map(|f| {
        fetch.find(&f.text).map(|m| Absence::RuntimeData {
            file: f.path.clone(),
            line: line_at(&f.text, m.start()),
            evidence: m.as_str().chars().take(100).collect(),
        })
    })
}

/// An executable (ELF, Mach-O, PE) in the package, or platform packages of one.
fn binary(ctx: &Unpacked<'_>) -> Option<Absence> {
    if let Some(pj) = &ctx.manifests.package_json {
        let platform = |k: &str| {
            pj.value
                .get(k)
                .and_then(|d| d.as_object())
                .into_iter()
                .flat_map(|d| d.keys())
                .find(|n| {
                    [
                        "-linux-",
                        "-darwin-",
                        "-win32-",
                        "-windows-",
                        "-linux",
                        "-darwin",
                    ]
                    .iter()
                    .any(|p| n.contains(p))
                })
                .cloned()
        };
        if let Some(dep) = platform("optionalDependencies").or_else(|| platform("dependencies")) {
            return Some(Absence::Binary {
                file: pj.path.clone(),
                evidence: format!("platform package `{dep}`"),
            });
        }
    }
    for file in ctx.tree.files() {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        let candidate = file.size >= 512 * 1024
            && (!name.contains('.') || name.ends_with(".exe"))
            && !file.path.split('/').any(|c| c == "node_modules");
        if !candidate {
            continue;
        }
        let Ok(bytes) = ctx.tree.read(&file.path) else {
            continue;
        };
        let head = bytes.get(..4).unwrap_or(&[]);
        let native = head == b"\x7fELF"
            || head.starts_with(b"MZ")
            || matches!(
                head,
                [0xcf, 0xfa, 0xed, 0xfe] | [0xfe, 0xed, 0xfa, 0xcf] | [0xca, 0xfe, 0xba, 0xbe]
            );
        if native {
            return Some(Absence::Binary {
                file: file.path.clone(),
                evidence: "executable".into(),
            });
        }
    }
    None
}

/// The package's runtime dependencies (npm `dependencies`, Python `Requires-Dist` without
/// extras, `pyproject.toml` `dependencies`).
fn dependencies(ctx: &Unpacked<'_>) -> Vec<String> {
    let m = ctx.manifests;
    let mut out = Vec::new();
    if let Some(pj) = &m.package_json {
        for key in ["dependencies", "peerDependencies"] {
            if let Some(d) = pj.value.get(key).and_then(|d| d.as_object()) {
                out.extend(d.keys().cloned());
            }
        }
    }
    let name_of = |req: &str| -> String {
        req.trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            .collect::<String>()
            .to_ascii_lowercase()
            .replace('_', "-")
    };
    if let Some(p) = &m.core_metadata {
        out.extend(
            p.value
                .get_all("Requires-Dist")
                .filter(|r| !r.contains("extra =="))
                .map(name_of),
        );
    }
    if let Some(p) = &m.pyproject {
        let deps = p
            .value
            .get("project")
            .and_then(|v| v.get("dependencies"))
            .and_then(|v| v.as_array());
        out.extend(
            deps.into_iter()
                .flatten()
                .filter_map(|v| v.as_str())
                .map(name_of),
        );
    }
    out.sort();
    out.dedup();
    out
}

/// A dependency the package's code imports whose name or imported path says it holds MCP
/// tools or a server (`playwright-core/lib/mcp`, `@org/agent-toolkit/mcp`, `x_mcp_tools`).
fn dependency(ctx: &Unpacked<'_>, code: &[&SourceFile]) -> Option<Absence> {
    let deps: Vec<String> = dependencies(ctx)
        .into_iter()
        .filter(|d| !is_plumbing(d))
        .collect();
    if deps.is_empty() {
        return None;
    }
    static IMPORT: OnceLock<regex::Regex> = OnceLock::new();
    let import = regex(
        &IMPORT,
        r#"(?:from\s+["']|require\(\s*["']|import\(\s*["']|import\s+["'])([^"']+)["']|^\s*(?:from|import)\s+([A-Za-z_][\w.]*)"#,
    );
    let mut best: Option<(u8, String, String)> = None;
    for file in code {
        for c in import.captures_iter(&file.text) {
            let spec = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
            let Some(dep) = deps.iter().find(|d| {
                let py = d.replace('-', "_");
                spec == d.as_str()
                    || spec.starts_with(&format!("{d}/"))
                    || spec == py
                    || spec.starts_with(&format!("{py}."))
            }) else {
                continue;
            };
            let lower = spec.to_ascii_lowercase();
            let score = if lower.contains("mcp") {
                3
            } else if lower.contains("tool") {
                2
            } else if lower.contains("server") || lower.contains("agent") {
                1
            } else {
                0
            };
            if score > 0 && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, dep.clone(), file.path.clone()));
            }
        }
    }
    best.map(|(_, name, file)| Absence::Dependency { file, name })
}

/// Tools generated from an OpenAPI/JSON/YAML document shipped in the package.
fn document(ctx: &Unpacked<'_>, code: &[&SourceFile]) -> Option<Absence> {
    let uses_spec = code.iter().find(|f| {
        let t = f.text.as_str();
        (t.contains("openapi") || t.contains("OpenAPI") || t.contains("swagger"))
            && (t.contains("operationId") || t.contains("paths"))
    })?;
    let spec = ctx.tree.files().iter().find(|f| {
        let p = f.path.to_ascii_lowercase();
        !p.contains("node_modules")
            && !p
                .split('/')
                .any(|c| matches!(c, "test" | "tests" | "__tests__" | "fixtures"))
            && (p.ends_with(".json") || p.ends_with(".yaml") || p.ends_with(".yml"))
            && (p.contains("openapi") || p.contains("swagger") || p.contains("spec"))
    })?;
    Some(Absence::Document {
        file: spec.path.clone(),
        evidence: format!("read by `{}`", uses_spec.path),
    })
}

/// An MCP client: a proxy relaying another server's tools, or a client tool.
fn relay(code: &[&SourceFile]) -> Option<Absence> {
    static CLIENT: OnceLock<regex::Regex> = OnceLock::new();
    let client = regex(
        &CLIENT,
        r#"StreamableHTTPClientTransport|SSEClientTransport|StdioClientTransport|WebSocketClientTransport|sdk/client/|\bmcp-remote\b|streamablehttp_client|streamable_http_client|\bsse_client\b|\bstdio_client\b|\bmcp_proxy\b|as_proxy\(|ProxyClient|create_proxy"#,
    );
    code.iter().find_map(|f| {
        client.find(&f.text).map(|m| Absence::Relay {
            file: f.path.clone(),
            evidence: m.as_str().to_string(),
        })
    })
}

/// Whether the package has a way to be started: an npm `bin`, a Python console script or
/// `__main__` module, a Rust binary, an MCPB server entry.
fn has_entry_point(ctx: &Unpacked<'_>) -> bool {
    let m = ctx.manifests;
    if m.mcpb.is_some() {
        return true;
    }
    if let Some(pj) = &m.package_json {
        return pj.value.get("bin").is_some();
    }
    if let Some(dir) = &m.dist_info {
        if let Ok(bytes) = ctx.tree.read(&format!("{dir}/entry_points.txt")) {
            if String::from_utf8_lossy(&bytes).contains("[console_scripts]") {
                return true;
            }
        }
    }
    if let Some(p) = &m.pyproject {
        let project = p.value.get("project");
        if project.and_then(|p| p.get("scripts")).is_some() {
            return true;
        }
        let poetry = p.value.get("tool").and_then(|t| t.get("poetry"));
        if poetry.and_then(|p| p.get("scripts")).is_some() {
            return true;
        }
    }
    if m.cargo_toml.is_some() {
        return ctx.tree.file("src/main.rs").is_some()
            || ctx
                .tree
                .files()
                .iter()
                .any(|f| f.path.starts_with("src/bin/"));
    }
    ctx.tree
        .files()
        .iter()
        .any(|f| f.path.ends_with("__main__.py") || f.path == "main.go")
}
