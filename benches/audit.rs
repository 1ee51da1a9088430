//! End-to-end audit of a large package from the cache: a ~30 MB npm tarball unpacked into the
//! sandbox, identified and analyzed by every analyzer, then scored. The package is shaped like a
//! large real server: an entry point registering 40 tools whose descriptions are constants of
//! another module, 40 tool modules each exporting a tool object with its handler, ~15 MB of
//! first-party library code, one minified 3 MB bundle and ~15 MB of bundled `node_modules`.
//!
//! ```text
//! cargo bench --bench audit
//! ```
//!
//! The tarball is left at `target/tmp/big-mcp-server-1.0.0.tgz` for timing the CLI.

use std::io::Write;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use mcp_audit::pipeline::{audit_artifact, Artifact};
use mcp_audit::report::Integrity;
use mcp_audit::settings::Settings;

/// One plausible source module, varied by `i` so no two files are identical.
fn module(i: usize) -> String {
    format!(
        r#"// module {i}
import fs from "node:fs/promises";
import path from "node:path";
const BASE_{i} = "https://api.service{i}.example.org/v1";
export class Client{i} {{
  constructor(token) {{ this.token = token ?? process.env.SERVICE_TOKEN_{i}; }}
  async get(id) {{
    const res = await fetch(`${{BASE_{i}}}/items/${{encodeURIComponent(id)}}`, {{
      headers: {{ Authorization: `Bearer ${{this.token}}` }},
    }});
    if (!res.ok) throw new Error(`request failed: ${{res.status}}`);
    return res.json();
  }}
  async save(dir, name, data) {{
    const file = path.join(dir, name.replace(/[^a-z0-9_.-]/gi, "_"));
    await fs.writeFile(file, JSON.stringify(data, null, 2));
    return file;
  }}
}}
export function summarize{i}(items) {{
  return items.map((x, k) => `${{k}}: ${{x.title ?? "untitled"}} (${{x.size | 0}} bytes)`).join("\n");
}}
"#
    )
}

/// Tools registered by the entry point, and tool modules exporting tool objects.
const REGISTERED_TOOLS: usize = 40;
const TOOL_MODULES: usize = 40;

/// `dist/index.js`: an SDK v1 server registering tools whose descriptions live in another module.
fn entry_point() -> String {
    let mut js = String::from(
        r#"#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import * as D from "./descriptions.js";
"#,
    );
    for k in 0..TOOL_MODULES {
        js.push_str(&format!(
            "import {{ recordsTool{k} }} from \"./tools/records{k}.js\";\n"
        ));
    }
    js.push_str(
        r#"const server = new McpServer({ name: "big-mcp-server", version: "1.0.0" },
  { instructions: "Tools for the example service. Start with list_projects_0." });
"#,
    );
    for i in 0..REGISTERED_TOOLS {
        js.push_str(&format!(
            r#"server.registerTool("list_projects_{i}", {{
  title: "List projects {i}",
  description: D.LIST_PROJECTS_{i},
  inputSchema: {{
    owner: z.string().describe("Account that owns the projects"),
    limit: z.number().int().min(1).max(100).optional().describe("Most projects returned"),
  }},
  annotations: {{ readOnlyHint: true }},
}}, async ({{ owner, limit }}) => {{
  const res = await fetch(`https://api.example.org/v1/owners/${{encodeURIComponent(owner)}}/projects?limit=${{limit ?? 20}}`);
  return {{ content: [{{ type: "text", text: await res.text() }}] }};
}});
"#
        ));
    }
    js.push_str("const records = [");
    for k in 0..TOOL_MODULES {
        js.push_str(&format!("recordsTool{k}, "));
    }
    js.push_str(
        r#"];
for (const t of records) server.registerTool(t.name, { description: t.description, inputSchema: t.inputSchema }, t.handler);
await server.connect(new StdioServerTransport());
"#,
    );
    js
}

/// `dist/descriptions.js`: the registered tools' descriptions.
fn descriptions() -> String {
    (0..REGISTERED_TOOLS)
        .map(|i| {
            format!(
                "export const LIST_PROJECTS_{i} = \"Lists the projects of an account in region {i}, newest first. \
                  Returns names, ids and last update times.\";\n"
            )
        })
        .collect()
}

/// `dist/tools/recordsK.js`: one exported tool object with its handler.
fn tool_module(k: usize) -> String {
    format!(
        r#"import fs from "node:fs/promises";
import path from "node:path";
const DATA_DIR = process.env.RECORDS_DIR ?? path.join(process.cwd(), "records");
export const recordsTool{k} = {{
  name: "save_record_{k}",
  description: "Saves a record of kind {k} as a JSON file in the records directory and returns its path.",
  inputSchema: {{
    type: "object",
    properties: {{
      id: {{ type: "string", description: "Record id (letters, digits, dashes)" }},
      body: {{ type: "object", description: "Record fields" }},
    }},
    required: ["id", "body"],
  }},
  async handler({{ id, body }}) {{
    const file = path.join(DATA_DIR, `${{id.replace(/[^a-z0-9-]/gi, "")}}.json`);
    await fs.mkdir(DATA_DIR, {{ recursive: true }});
    await fs.writeFile(file, JSON.stringify(body, null, 2));
    return {{ content: [{{ type: "text", text: file }}] }};
  }},
}};
"#
    )
}

/// Writes the package tarball and returns its path.
fn build_package(dir: &Path, target_bytes: usize) -> std::path::PathBuf {
    let path = dir.join("big-mcp-server-1.0.0.tgz");
    let file = std::fs::File::create(&path).expect("create tarball");
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    let mut tar = tar::Builder::new(gz);
    let mut add = |name: &str, data: &[u8]| {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(0);
        header.set_cksum();
        tar.append_data(&mut header, name, data).expect("append");
    };
    add(
        "package/package.json",
        br#"{"name":"big-mcp-server","version":"1.0.0","type":"module","main":"dist/index.js",
"bin":{"big-mcp-server":"dist/index.js"},"repository":"https://example.org/big-mcp-server.git",
"dependencies":{"@modelcontextprotocol/sdk":"^1.20.0","zod":"^3.25.0"}}"#,
    );
    add("package/dist/index.js", entry_point().as_bytes());
    add("package/dist/descriptions.js", descriptions().as_bytes());
    for k in 0..TOOL_MODULES {
        add(
            &format!("package/dist/tools/records{k}.js"),
            tool_module(k).as_bytes(),
        );
    }
    let mut total = 0usize;
    // A minified bundle (~3 MB on one line per 200 KB).
    let mut bundle = String::new();
    let mut i = 0;
    while bundle.len() < 3 * 1024 * 1024 {
        bundle.push_str(&module(i).replace('\n', ";"));
        if i % 300 == 0 {
            bundle.push('\n');
        }
        i += 1;
    }
    add("package/dist/vendor.min.js", bundle.as_bytes());
    total += bundle.len();
    // Source files of ~100 KB each, half of them under node_modules.
    let mut n = 0;
    while total < target_bytes {
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 100 * 1024 {
            text.push_str(&module(n * 1000 + k));
            k += 1;
        }
        let name = if n % 2 == 0 {
            format!("package/dist/lib/m{n}.js")
        } else {
            format!("package/node_modules/dep{n}/index.js")
        };
        add(&name, text.as_bytes());
        total += text.len();
        n += 1;
    }
    let gz = tar.into_inner().expect("finish tar");
    gz.finish().expect("finish gzip").flush().expect("flush");
    path
}

fn bench(c: &mut Criterion) {
    // Kept in the target directory so the CLI can be timed on the same tarball:
    // `time target/release/mcp-audit audit target/tmp/big-mcp-server-1.0.0.tgz`.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(dir).expect("target tmp dir");
    let path = build_package(dir, 30 * 1024 * 1024);
    let artifact = Artifact {
        path: path.clone(),
        source: path.display().to_string(),
        sha256: String::new(),
        integrity: Integrity::Unverified,
        registry: None,
        resolved: None,
        findings: Vec::new(),
    };
    let settings = Settings::default();
    // The benchmark measures a real audit: every tool found, nothing blocked.
    let result = audit_artifact("big-mcp-server", &artifact, &settings).result;
    assert!(result.error.is_none(), "{:?}", result.error);
    assert_eq!(result.tools.len(), REGISTERED_TOOLS + TOOL_MODULES);
    assert!(
        result.tools.iter().all(|t| t.description.is_some()),
        "every description resolved"
    );
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function("npm-30MB", |b| {
        b.iter(|| audit_artifact("big-mcp-server", &artifact, &settings));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
