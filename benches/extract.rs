//! Static extraction over a ~30 MB bundled JavaScript package (one bundle plus its
//! `package.json`), built in a temporary directory: 30 MB of bundled library code, then the
//! server's own modules registering 60 tools, as esbuild/webpack lay a bundle out. The whole
//! `tools::extract` pass is timed, source loading and tree-sitter parsing included.
//!
//! `cargo bench --bench extract`

use std::fmt::Write as _;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use mcp_audit::analyze::source::SourceSet;
use mcp_audit::analyze::tools;
use mcp_audit::analyze::Context;
use mcp_audit::identify::Manifests;
use mcp_audit::sandbox::{PackageTree, TreeFile};

/// Bundle size to build.
const TARGET_BYTES: usize = 30 * 1024 * 1024;

/// Tools the bundled server registers.
const TOOLS: usize = 60;

/// One bundled module of library code (what dependencies look like once bundled); every 200th
/// mentions `instructions`, as an SDK's own code does, so that some library windows are
/// parsed too.
fn module(i: usize, out: &mut String) {
    let _ = write!(
        out,
        r#"// node_modules/lib-{i}/index.js
var init_lib_{i} = __esm({{ "node_modules/lib-{i}/index.js"() {{ "use strict"; }} }});
function parse_{i}(input, options = {{}}) {{
  const tokens = [];
  let state = 0, start = 0;
  for (let k = 0; k < input.length; k++) {{
    const c = input.charCodeAt(k);
    if (c === 32 || c === 10) {{ if (k > start) tokens.push(input.slice(start, k)); start = k + 1; state = 0; }}
    else if (c === 34) {{ state = state === 1 ? 0 : 1; }}
    else if (state === 0 && (c < 48 || c > 122)) {{ tokens.push(String.fromCharCode(c)); start = k + 1; }}
  }}
  return options.lower ? tokens.map((t) => t.toLowerCase()) : tokens;
}}
var Client_{i} = class extends EventEmitter {{
  constructor(config) {{ super(); this.config = {{ retries: 3, timeout: 3e4, ...config }}; this.cache = new Map(); }}
  async request(path, body) {{
    const key = `${{path}}:${{JSON.stringify(body ?? null)}}`;
    if (this.cache.has(key)) return this.cache.get(key);
    for (let attempt = 0; attempt < this.config.retries; attempt++) {{
      try {{
        const res = await fetch(this.config.baseUrl + path, {{ method: body ? "POST" : "GET", headers: {{ "content-type": "application/json" }}, body: body && JSON.stringify(body) }});
        if (!res.ok) throw new Error("HTTP " + res.status + " for " + path);
        const json = await res.json();
        this.cache.set(key, json);
        this.emit("response", {{ path, attempt }});
        return json;
      }} catch (err) {{ if (attempt + 1 === this.config.retries) throw err; await new Promise((r) => setTimeout(r, 100 * 2 ** attempt)); }}
    }}
  }}
}};
var schema_{i} = z.object({{ id: z.string().describe("Identifier of the record"), tags: z.array(z.string()).optional(), limit: z.number().int().min(1).max(100).default(20) }});
const MESSAGES_{i} = {{ notFound: "Record not found", denied: "Permission denied: " + "check your token", retry: `Retrying request` }};
"#
    );
    if i.is_multiple_of(200) {
        let _ = writeln!(
            out,
            "var Server_{i} = class {{ constructor(info, options) {{ this.instructions = options?.instructions; }} }};"
        );
    }
}

/// The server's own module, bundled last (as esbuild and webpack order it): `TOOLS` tools.
fn app(i: usize, out: &mut String) {
    {
        let _ = write!(
            out,
            r#"server.registerTool("tool_{i}", {{
  title: "Tool {i}",
  description: "Looks up records of kind {i}. " + "Returns JSON; " + MESSAGES_{i}.notFound + " when absent.",
  inputSchema: {{ query: z.string().describe("What to look for"), page: z.number().int().optional().describe("Page, from 1") }},
  annotations: {{ readOnlyHint: true, openWorldHint: true }}
}}, async ({{ query, page }}) => ({{ content: [{{ type: "text", text: JSON.stringify(await new Client_{i}({{}}).request("/search", {{ query, page }})) }}] }}));
"#
        );
    }
}

fn build(dir: &Path) -> usize {
    let mut bundle = String::with_capacity(TARGET_BYTES + 8192);
    bundle.push_str("#!/usr/bin/env node\n\"use strict\";\nimport { McpServer } from \"@modelcontextprotocol/sdk/server/mcp.js\";\nconst server = new McpServer({ name: \"bench\", version: \"1.0.0\" }, { instructions: \"Bench server.\" });\n");
    let mut i = 0;
    while bundle.len() < TARGET_BYTES {
        module(i, &mut bundle);
        i += 1;
    }
    // The app's modules reuse the library's shapes (its constants sit right before its tools).
    for t in 0..TOOLS {
        let _ = write!(
            bundle,
            "const MESSAGES_{t} = {{ notFound: \"Record not found\" }};\nvar Client_{t} = class {{ async request(p, b) {{ return {{}}; }} }};\n"
        );
        app(t, &mut bundle);
    }
    std::fs::create_dir_all(dir.join("dist")).unwrap();
    std::fs::write(dir.join("dist/index.js"), &bundle).unwrap();
    std::fs::write(
        dir.join("package.json"),
        r#"{"name": "bench-bundle", "version": "1.0.0", "bin": "dist/index.js", "dependencies": {"@modelcontextprotocol/sdk": "^1.32.0"}}"#,
    )
    .unwrap();
    TOOLS
}

fn tree(dir: &Path) -> PackageTree {
    let files = ["dist/index.js", "package.json"]
        .iter()
        .map(|p| TreeFile {
            path: (*p).to_string(),
            size: std::fs::metadata(dir.join(p)).unwrap().len(),
            executable: false,
        })
        .collect();
    PackageTree::new(None, dir.to_path_buf(), files)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let expected = build(dir.path());
    let tree = tree(dir.path());
    let manifests = Manifests::load(&tree).unwrap();
    let identity = manifests.identify(None).unwrap();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.bench_function("bundle_30mb", |b| {
        b.iter(|| {
            // A fresh SourceSet each time: reading and parsing are part of the cost.
            let sources = SourceSet::load(&tree);
            let ctx = Context {
                tree: &tree,
                manifests: &manifests,
                identity: &identity,
                sources: &sources,
                registry: None,
            };
            let extraction = tools::extract(&ctx.unpacked());
            assert_eq!(extraction.tools.len(), expected);
            extraction
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
