//! Static extraction of the tool surface: the tools, prompts and server instructions a package
//! declares, read from source and manifests without running anything.
//!
//! Each language has its own module over tree-sitter syntax trees ([`js`], [`python`], [`rust`],
//! [`go`]); [`manifest`] reads MCPB/DXT `manifest.json`; [`value`] is the constant evaluator they
//! share and `mcp_audit_core::digest` computes the pins. Supported declaration styles are listed in
//! `docs/extraction.md`.

mod absent;
mod bundle;

mod go;
mod js;
mod manifest;
mod python;
mod rust;
mod value;

use std::collections::BTreeMap;

use crate::identify::Manifests;
use crate::source::{Lang, SourceFile};
use crate::Unpacked;
use mcp_audit_core::model::{Category, Finding, ModelText, Origin, Severity, TextKind, Tool, Via};

mcp_audit_core::declare_rules! {
    /// Extraction rules.
    pub static RULES;

    /// The package depends on an MCP SDK, yet no tool declaration was found in it: the
    /// finding says why when the package shows it (a library with no server entry point, a
    /// proxy or client of other servers, tools generated from a document it ships); this is
    /// mcp-audit's limit, not a risk of the package.
    pub static MCP_SERVER_NO_TOOLS: Rule = Rule {
        id: "mcp-server-no-tools",
        category: Category::ManifestMismatch,
        severity: Severity::Info,
        summary: "mcp-audit could not find the tools statically: the package depends on an MCP \
                  server SDK but no tool declaration was found in its code (the finding says why \
                  when the package shows it); what the model will be shown was not audited.",
        example: "a framework with no server entry point; a proxy relaying a remote server's tools",
    };

    /// The server's own code registers tools that a dependency defines, and the package does not
    /// ship that dependency: its tools are audited with the dependency, not here.
    pub static MCP_TOOLS_IN_DEPENDENCY: Rule = Rule {
        id: "mcp-tools-in-dependency",
        category: Category::ManifestMismatch,
        severity: Severity::Info,
        summary: "The server's tools are defined in a dependency the package does not ship; \
                  audit that dependency (`--deps`) to see them.",
        example: "`@playwright/mcp` starts the server defined in `playwright-core/lib/mcp`",
    };

    /// The server is a compiled executable (shipped in the package, or in platform packages
    /// it installs): its tools are not visible to static extraction.
    pub static MCP_TOOLS_IN_BINARY: Rule = Rule {
        id: "mcp-tools-in-binary",
        category: Category::ManifestMismatch,
        severity: Severity::Info,
        summary: "Tools not statically visible: the server is a compiled binary.",
        example: "a Go server under `bin/`, or `optionalDependencies` per platform",
    };

    /// The tool list is built at run time from data fetched over the network (an OpenAPI
    /// document, a remote tool catalog): the tools and descriptions the model is shown can
    /// change at any time without a new version of the package.
    pub static MCP_TOOLS_FROM_RUNTIME_DATA: Rule = Rule {
        id: "mcp-tools-from-runtime-data",
        category: Category::RugPull,
        severity: Severity::Medium,
        summary: "The package builds its tools from data it fetches at run time: what the model \
                  is shown is decided by a remote party and can change without a new version.",
        example: "`for (const op of (await fetch(SPEC).json()).paths) server.registerTool(op.operationId, …)`",
    };
}

/// Files larger than this are not searched for declarations (a 64 MiB cap already applies to
/// every source file; bundles of a few dozen MiB are normal).
pub const MAX_DECLARATION_FILE_BYTES: usize = 48 * 1024 * 1024;

/// The largest file of `lang` searched for tool declarations.
pub(crate) fn declaration_limit(lang: crate::source::Lang) -> usize {
    if lang == crate::source::Lang::Python {
        python::MAX_PYTHON_BYTES
    } else {
        MAX_DECLARATION_FILE_BYTES
    }
}

/// The tool surface of a package.
#[derive(Debug, Default)]
pub struct Extraction {
    /// Declared tools, sorted by name then origin.
    pub tools: Vec<Tool>,
    /// Prompts and server instructions.
    pub texts: Vec<ModelText>,
    /// Extraction findings (e.g. an MCP server whose tools could not be found).
    pub findings: Vec<Finding>,
    /// sha256 over the sorted tool fingerprints; `None` when no tool was found.
    pub tools_fingerprint: Option<String>,
}

/// What the language extractors collect.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) tools: Vec<Tool>,
    pub(crate) texts: Vec<ModelText>,
}

impl Found {
    pub(crate) fn text(
        &mut self,
        kind: TextKind,
        name: &str,
        text: String,
        file: &str,
        line: u32,
        style: &str,
    ) {
        if text.is_empty() {
            return;
        }
        self.texts.push(ModelText {
            kind,
            name: name.to_string(),
            text,
            origin: origin(file, line, Via::Static, style),
        });
    }
}

pub fn origin(file: &str, line: u32, via: Via, style: &str) -> Origin {
    Origin {
        file: file.to_string(),
        line: Some(line),
        via,
        style: Some(style.to_string()),
    }
}

/// A new tool with an empty object schema.
pub(crate) fn new_tool(name: String, file: &str, line: u32, via: Via, style: &str) -> Tool {
    Tool {
        name,
        title: None,
        description: None,
        input_schema: mcp_audit_core::model::empty_object_schema(),
        annotations: None,
        origin: origin(file, line, via, style),
        fingerprint: String::new(),
    }
}

/// Extracts the declared tools of the package.
#[must_use]
pub fn extract(ctx: &Unpacked<'_>) -> Extraction {
    let mut found = Found::default();
    manifest::extract(ctx.manifests, &mut found);
    let (own, bundled): (Vec<&SourceFile>, Vec<&SourceFile>) = ctx
        .sources
        .files
        .iter()
        .filter(|f| !is_test_path(&f.path))
        .partition(|f| !is_dependency_path(&f.path));
    let before = found.tools.len();
    let py = python_options(ctx.manifests);
    extract_files(&own, py, &mut found);
    let own_files = own.clone();
    if found.tools.len() == before {
        // Nothing in the package's own code: a bundle (MCPB `server/node_modules`, npm
        // `bundleDependencies`, a vendored `lib/`) may carry the server as a dependency.
        let servers = bundled_servers(ctx);
        let chosen: Vec<&SourceFile> = bundled
            .into_iter()
            .filter(|f| servers.iter().any(|dir| f.path.starts_with(dir.as_str())))
            .collect();
        extract_files(&chosen, py, &mut found);
    }
    finish(found, ctx, &own_files)
}

fn extract_files(files: &[&SourceFile], py: python::Options, found: &mut Found) {
    let is_js = |f: &SourceFile| matches!(f.lang, Lang::JavaScript | Lang::TypeScript | Lang::Tsx);
    let (large, files): (Vec<&SourceFile>, Vec<&SourceFile>) = files
        .iter()
        .filter(|f| f.text.len() <= MAX_DECLARATION_FILE_BYTES)
        .partition(|f| is_js(f) && f.text.len() >= bundle::WINDOWED_FROM_BYTES);
    let bundles: Vec<bundle::Bundle> = large.iter().map(|f| bundle::split(f)).collect();
    parse_in_parallel(&files, &bundles);
    let globals = js::Globals::collect(&files, &bundles);
    python::extract_all(&files, py, found);
    for bundle in &bundles {
        for window in &bundle.windows {
            let (tools, texts) = (found.tools.len(), found.texts.len());
            js::extract(&window.file, &globals, found);
            let shift = window.first_line.saturating_sub(1);
            let origins = found.tools[tools..]
                .iter_mut()
                .map(|t| &mut t.origin)
                .chain(found.texts[texts..].iter_mut().map(|t| &mut t.origin));
            for origin in origins {
                origin.line = origin.line.map(|l| l.saturating_add(shift));
            }
        }
    }
    for file in files {
        match file.lang {
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => js::extract(file, &globals, found),
            Lang::Rust => rust::extract(file, found),
            Lang::Go => go::extract(file, found),
            Lang::Python | Lang::Shell => {}
        }
    }
}

/// Parses, on every core, the files and bundle windows the extractors will read (their trees
/// are kept in the files, so the extractors, which run in order, find them parsed).
fn parse_in_parallel(files: &[&SourceFile], bundles: &[bundle::Bundle]) {
    let wanted: Vec<&SourceFile> = files
        .iter()
        .copied()
        .filter(|f| match f.lang {
            Lang::JavaScript | Lang::TypeScript | Lang::Tsx => js::has_trigger(&f.text),
            Lang::Python => python::may_declare(f),
            Lang::Rust => rust::may_declare(f),
            Lang::Go => go::may_declare(f),
            Lang::Shell => false,
        })
        .chain(
            bundles
                .iter()
                .flat_map(|b| &b.windows)
                .map(|w| &w.file)
                .filter(|f| js::has_trigger(&f.text)),
        )
        .collect();
    mcp_audit_core::parallel::map(
        &wanted,
        |f| f.text.len(),
        |f| {
            f.tree();
        },
    );
}

fn finish(found: Found, ctx: &Unpacked<'_>, own: &[&SourceFile]) -> Extraction {
    let mut tools = dedupe(found.tools);
    for tool in &mut tools {
        tool.fingerprint = mcp_audit_core::digest::tool_fingerprint(tool);
    }
    let mut texts = found.texts;
    texts.sort_by(|a, b| {
        (a.kind, &a.name, &a.origin, &a.text).cmp(&(b.kind, &b.name, &b.origin, &b.text))
    });
    texts.dedup_by(|a, b| a.kind == b.kind && a.name == b.name && a.text == b.text);
    let mut findings = Vec::new();
    if tools.is_empty() {
        if let Some((file, sdk)) =
            mcp_sdk_dependency(ctx.manifests).or_else(|| go_sdk_dependency(ctx.tree))
        {
            findings.push(no_tools_finding(absent::explain(ctx, own), file, sdk));
        }
    }
    let tools_fingerprint = mcp_audit_core::digest::tools_fingerprint(&tools);
    Extraction {
        tools,
        texts,
        findings,
        tools_fingerprint,
    }
}

/// The finding for a package that depends on an MCP SDK and declares no tool we could read,
/// with the reason when the package shows it.
fn no_tools_finding(why: absent::Absence, manifest: String, sdk: String) -> Finding {
    use absent::Absence;
    let limit = "mcp-audit could not find the tools statically";
    match why {
        Absence::RuntimeData {
            file,
            line,
            evidence,
        } => MCP_TOOLS_FROM_RUNTIME_DATA
            .finding(format!(
                "depends on the MCP SDK `{sdk}` and builds its tools at run time from data it \
                 fetches; the tools the model will see are decided remotely and were not audited"
            ))
            .at(file, Some(line))
            .with_evidence(evidence),
        Absence::Binary { file, evidence } => MCP_TOOLS_IN_BINARY
            .finding(format!(
                "tools not statically visible: compiled binary ({evidence})"
            ))
            .at(file, None)
            .with_evidence(evidence),
        Absence::Dependency { file, name } => MCP_TOOLS_IN_DEPENDENCY
            .finding(format!(
                "{limit}: the server registers tools defined in the dependency `{name}`, which \
                 the package does not ship"
            ))
            .at(file, None)
            .with_evidence(name),
        Absence::Document { file, evidence } => MCP_SERVER_NO_TOOLS
            .finding(format!(
                "{limit}: its tools are generated at start from the document `{file}` shipped in \
                 the package ({evidence})"
            ))
            .at(file, None)
            .with_evidence(sdk),
        Absence::Relay { file, evidence } => MCP_SERVER_NO_TOOLS
            .finding(format!(
                "{limit}: it is an MCP client or proxy (`{evidence}`); the tools are those of the \
                 server it connects to"
            ))
            .at(file, None)
            .with_evidence(sdk),
        Absence::Unfollowed { file, line } => MCP_SERVER_NO_TOOLS
            .finding(format!(
                "{limit}: its tools are registered at run time from values mcp-audit could not \
                 follow statically; the tools the model will see were not audited"
            ))
            .at(file, Some(line))
            .with_evidence(sdk),
        Absence::TooLarge {
            file,
            bytes,
            limit: max,
        } => MCP_SERVER_NO_TOOLS
            .finding(format!(
                "{limit}: `{file}` has {bytes} bytes, more than the {max} bytes read for tool \
                 declarations; the tools the model will see were not audited"
            ))
            .at(file, None)
            .with_evidence(sdk),
        Absence::Library => MCP_SERVER_NO_TOOLS
            .finding(format!(
                "{limit}: the package depends on `{sdk}` but has no server entry point (a \
                 library, SDK or framework)"
            ))
            .at(manifest, None)
            .with_evidence(sdk),
        Absence::Unknown => MCP_SERVER_NO_TOOLS
            .finding(format!(
                "{limit}: the package depends on `{sdk}` but no tool declaration was found; the \
                 tools the model will see were not audited"
            ))
            .at(manifest, None)
            .with_evidence(sdk),
    }
}

/// How the package's Python runs: `Requires-Python` (or `requires-python`) whose lower
/// bound is 3.13 or later means docstrings are dedented by the compiler.
fn python_options(m: &Manifests) -> python::Options {
    let spec = m
        .core_metadata
        .as_ref()
        .and_then(|p| p.value.get("Requires-Python").map(str::to_string))
        .or_else(|| {
            m.pyproject
                .as_ref()?
                .value
                .get("project")?
                .get("requires-python")?
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_default();
    let dedented = spec.split(',').any(|clause| {
        let c = clause.trim();
        let Some(v) = c
            .strip_prefix(">=")
            .or_else(|| c.strip_prefix("~="))
            .or_else(|| c.strip_prefix("=="))
        else {
            return false;
        };
        let mut parts = v
            .trim()
            .split('.')
            .map(|p| p.trim_end_matches('*').parse::<u32>().ok());
        matches!((parts.next(), parts.next()), (Some(Some(3)), Some(Some(minor))) if minor >= 13)
    });
    python::Options {
        dedented_docstrings: dedented,
        fastmcp_major: fastmcp_major(m),
    }
}

/// The highest major version of standalone `fastmcp` the package's requirement admits: 4 (the
/// current one) unless an upper bound (`<4`, `<3.0`, `~=3.4`, `==3.*`) caps it.
fn fastmcp_major(m: &Manifests) -> u32 {
    let mut reqs: Vec<String> = m
        .core_metadata
        .iter()
        .flat_map(|p| {
            p.value
                .get_all("Requires-Dist")
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    if let Some(deps) = m.pyproject.as_ref().and_then(|p| {
        p.value
            .get("project")?
            .get("dependencies")?
            .as_array()
            .cloned()
    }) {
        reqs.extend(deps.iter().filter_map(|d| d.as_str().map(str::to_string)));
    }
    let latest = 4;
    for req in reqs {
        let req = req.to_ascii_lowercase();
        let Some(rest) = req.strip_prefix("fastmcp") else {
            continue;
        };
        if rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            continue;
        }
        let rest = rest.split(';').next().unwrap_or("");
        let major = |v: &str| -> Option<u32> {
            v.trim()
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .split('.')
                .next()?
                .parse()
                .ok()
        };
        let mut cap = latest;
        for clause in rest.split(',') {
            let c = clause.trim().trim_matches(['(', ')', ' ']);
            if let Some(v) = c.strip_prefix("<=") {
                cap = cap.min(major(v).unwrap_or(latest));
            } else if let Some(v) = c.strip_prefix('<') {
                let parts: Vec<&str> = v.trim().split('.').collect();
                let m = major(v).unwrap_or(latest);
                let exact_major = parts
                    .iter()
                    .skip(1)
                    .all(|p| p.trim().trim_matches('0').is_empty());
                cap = cap.min(if exact_major { m.saturating_sub(1) } else { m });
            } else if let Some(v) = c.strip_prefix("~=").or_else(|| c.strip_prefix("==")) {
                cap = cap.min(major(v).unwrap_or(latest));
            }
        }
        return cap;
    }
    latest
}

/// One tool per name: a declaration with a description wins, then a static one, then the first
/// by origin (file path, then line). A package often ships the same server twice (ESM and CJS
/// builds, `src/` and `dist/`).
fn dedupe(tools: Vec<Tool>) -> Vec<Tool> {
    let mut best: BTreeMap<String, Tool> = BTreeMap::new();
    for tool in tools {
        let rank = |t: &Tool| {
            (
                t.description.is_some(),
                t.origin.via == Via::Static,
                std::cmp::Reverse(t.origin.clone()),
            )
        };
        match best.get(&tool.name) {
            Some(existing) if rank(existing) >= rank(&tool) => {}
            _ => {
                best.insert(tool.name.clone(), tool);
            }
        }
    }
    best.into_values().collect()
}

/// Dependency code: declarations there are a library's, not the package's.
fn is_dependency_path(path: &str) -> bool {
    path.split('/').any(|c| {
        matches!(
            c,
            "node_modules"
                | "site-packages"
                | "bower_components"
                | "vendor"
                | "_vendor"
                | ".venv"
                | "venv"
        )
    })
}

/// Test code declares example tools the server never shows.
fn is_test_path(path: &str) -> bool {
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            return part.ends_with(".test.js")
                || part.ends_with(".test.ts")
                || part.ends_with(".spec.js")
                || part.ends_with(".spec.ts")
                || part.ends_with("_test.go")
                || (part.starts_with("test_") && part.ends_with(".py"));
        }
        if matches!(
            part,
            "test" | "tests" | "__tests__" | "__mocks__" | "testdata"
        ) {
            return true;
        }
    }
    false
}

/// Directories of bundled dependencies that are themselves MCP servers (their own
/// `package.json` depends on an MCP SDK, or the package lists them in `bundleDependencies`).
fn bundled_servers(ctx: &Unpacked<'_>) -> Vec<String> {
    let mut dirs = Vec::new();
    let bundled: Vec<String> = ctx
        .manifests
        .package_json
        .as_ref()
        .and_then(|p| {
            p.value
                .get("bundleDependencies")
                .or_else(|| p.value.get("bundledDependencies"))
        })
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for file in ctx.tree.files() {
        let Some(dir) = file.path.strip_suffix("package.json") else {
            continue;
        };
        if !is_dependency_path(dir) || file.size > crate::identify::MAX_MANIFEST_BYTES {
            continue;
        }
        let Some(name_dir) = dir.rsplit_once("node_modules/").map(|(_, n)| n) else {
            continue;
        };
        let name = name_dir.trim_end_matches('/');
        if is_sdk_package(name) {
            continue;
        }
        let listed = bundled.iter().any(|b| b == name);
        let is_server = listed
            || ctx
                .tree
                .read(&file.path)
                .ok()
                .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                .is_some_and(|v| npm_sdk(&v).is_some());
        if is_server {
            dirs.push(dir.to_string());
        }
    }
    dirs
}

const NPM_SDKS: &[&str] = &[
    "@modelcontextprotocol/sdk",
    "@modelcontextprotocol/server",
    // v2's Node.js transports for servers (mongodb-mcp-server depends on it alone).
    "@modelcontextprotocol/node",
    "fastmcp",
    "mcp-framework",
    "@mastra/mcp",
];

const PYTHON_SDKS: &[&str] = &["mcp", "fastmcp", "mcp-types"];

fn is_sdk_package(name: &str) -> bool {
    NPM_SDKS.contains(&name) || name.starts_with("@modelcontextprotocol/")
}

fn npm_sdk(package_json: &serde_json::Value) -> Option<&'static str> {
    for key in ["dependencies", "peerDependencies", "optionalDependencies"] {
        if let Some(deps) = package_json.get(key).and_then(|d| d.as_object()) {
            if let Some(sdk) = NPM_SDKS.iter().find(|s| deps.contains_key(**s)) {
                return Some(sdk);
            }
        }
    }
    None
}

/// The MCP SDK the package depends on, with the manifest that says so.
fn mcp_sdk_dependency(m: &Manifests) -> Option<(String, String)> {
    if let Some(p) = &m.package_json {
        if let Some(sdk) = npm_sdk(&p.value) {
            return Some((p.path.clone(), sdk.to_string()));
        }
    }
    if let Some(p) = &m.core_metadata {
        for req in p.value.get_all("Requires-Dist") {
            if let Some(sdk) = python_sdk(req) {
                return Some((p.path.clone(), sdk));
            }
        }
    }
    if let Some(p) = &m.pyproject {
        let deps = p
            .value
            .get("project")
            .and_then(|v| v.get("dependencies"))
            .and_then(|v| v.as_array());
        for req in deps.into_iter().flatten().filter_map(|v| v.as_str()) {
            if let Some(sdk) = python_sdk(req) {
                return Some((p.path.clone(), sdk));
            }
        }
    }
    if let Some(p) = &m.cargo_toml {
        let deps = p.value.get("dependencies").and_then(|v| v.as_table());
        if deps.is_some_and(|d| d.contains_key("rmcp")) {
            return Some((p.path.clone(), "rmcp".into()));
        }
    }
    None
}

/// A Go module (`go.mod` at the root) that requires an MCP SDK.
fn go_sdk_dependency(tree: &mcp_audit_sandbox::PackageTree) -> Option<(String, String)> {
    let file = tree.file("go.mod")?;
    if file.size > crate::identify::MAX_MANIFEST_BYTES {
        return None;
    }
    let text = String::from_utf8(tree.read("go.mod").ok()?).ok()?;
    [
        "github.com/mark3labs/mcp-go",
        "github.com/modelcontextprotocol/go-sdk",
    ]
    .into_iter()
    .find(|m| {
        text.lines().any(|l| {
            l.trim_start()
                .trim_start_matches("require")
                .trim()
                .starts_with(m)
        })
    })
    .map(|m| ("go.mod".to_string(), m.to_string()))
}

/// The SDK a `Requires-Dist` line names, ignoring extras-only requirements.
fn python_sdk(req: &str) -> Option<String> {
    if req.contains("extra ==") || req.contains("extra==") {
        return None;
    }
    let name: String = req
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    let normalized = name.to_ascii_lowercase().replace('_', "-");
    PYTHON_SDKS
        .contains(&normalized.as_str())
        .then_some(normalized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_and_test_paths() {
        assert!(is_dependency_path("node_modules/x/index.js"));
        assert!(is_dependency_path("server/lib/site-packages/a.py"));
        assert!(!is_dependency_path("dist/index.js"));
        assert!(is_test_path("src/__tests__/a.ts"));
        assert!(is_test_path("tests/test_server.py"));
        assert!(is_test_path("dist/server.test.js"));
        assert!(!is_test_path("src/testing_tools.py"));
    }

    #[test]
    fn python_sdk_requirements() {
        assert_eq!(python_sdk("mcp[cli]>=1.2"), Some("mcp".into()));
        assert_eq!(python_sdk("fastmcp (>=2)"), Some("fastmcp".into()));
        assert_eq!(python_sdk("mcp-types==2.3"), Some("mcp-types".into()));
        assert_eq!(python_sdk("mcpx>=1"), None);
        assert_eq!(python_sdk("mcp; extra == 'server'"), None);
    }
}
