//! End-to-end audit of a large package from the cache: a ~30 MB npm tarball (hundreds of
//! source files, one minified bundle, a bundled node_modules) unpacked into the sandbox,
//! identified and analyzed by every analyzer, then scored.
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
        br#"{"name":"big-mcp-server","version":"1.0.0","main":"dist/index.js","bin":{"big-mcp-server":"dist/index.js"}}"#,
    );
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
    let mut group = c.benchmark_group("audit");
    group.sample_size(10);
    group.bench_function("npm-30MB", |b| {
        b.iter(|| audit_artifact("big-mcp-server", &artifact, &settings));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
