//! `scan-tools` on 1,000 tools: parse a tools/list answer, run the description rules, score.
//!
//! ```text
//! cargo bench --bench scan_tools
//! ```
//! The tools are the real servers' tools of `testdata/servers`, repeated (with distinct names)
//! up to 1,000.

use criterion::{criterion_group, criterion_main, Criterion};

use mcp_audit::policy::Policy;
use mcp_audit::scan_tools as scan;

fn thousand_tools() -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/servers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("testdata/servers")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut real = Vec::new();
    for f in files {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(f).expect("read")).expect("json");
        real.extend(v["tools"].as_array().cloned().unwrap_or_default());
    }
    let tools: Vec<serde_json::Value> = (0..1000)
        .map(|i| {
            let mut t = real[i % real.len()].clone();
            t["name"] = serde_json::Value::String(format!("{}_{i}", t["name"].as_str().unwrap()));
            t
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "tools": tools })).expect("serialize")
}

fn bench(c: &mut Criterion) {
    let bytes = thousand_tools();
    let policy = Policy::default();
    let result = scan::scan("bench.json", &bytes, &policy);
    assert_eq!(result.tools.len(), 1000);
    let mut group = c.benchmark_group("scan_tools");
    group.sample_size(10);
    group.bench_function("1000_tools", |b| {
        b.iter(|| scan::scan("bench.json", std::hint::black_box(&bytes), &policy));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
