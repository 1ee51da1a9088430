//! Shared harness code for the fuzz targets: each target hands its input to one of these
//! functions, which must never panic, overflow the stack or hang on any input.
#![forbid(unsafe_code)]

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use mcp_audit::fetch::Artifact;
use mcp_audit::report::Integrity;
use mcp_audit::sandbox::Limits;
use mcp_audit::settings::Settings;

/// Limits small enough that a fuzz iteration never writes much to disk.
#[must_use]
pub fn small_limits() -> Limits {
    Limits {
        max_total_bytes: 8 * 1024 * 1024,
        max_ratio: 100,
        ratio_floor_bytes: 1024 * 1024,
        max_entry_bytes: 4 * 1024 * 1024,
        max_entries: 2_000,
        max_depth: 64,
        max_path_len: 1024,
    }
}

fn settings() -> &'static Settings {
    static SETTINGS: OnceLock<Settings> = OnceLock::new();
    SETTINGS.get_or_init(|| Settings {
        limits: small_limits(),
        ..Settings::default()
    })
}

/// Audits the file or directory at `path` end to end (unpack, manifests, tools, code, score).
pub fn audit_path(path: &Path) {
    let artifact = Artifact {
        path: path.to_path_buf(),
        source: path.display().to_string(),
        sha256: "0".repeat(64),
        integrity: Integrity::Unverified,
        registry: None,
        resolved: None,
        findings: Vec::new(),
    };
    let audited = mcp_audit::pipeline::audit_artifact("fuzz", &artifact, settings());
    // Every result must serialize (the report is the product).
    let _ = serde_json::to_vec(&audited.result).expect("a report always serializes");
}

/// Writes `files` (relative path, bytes) into a fresh directory and audits it as a package.
pub fn audit_files(files: &[(&str, &[u8])]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("package");
    for (rel, bytes) in files {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
    }
    audit_path(&root);
}

// ---------------------------------------------------------------- archives

/// One archive entry, as the fuzzer builds it.
#[derive(Arbitrary, Debug)]
pub struct Entry {
    /// Raw name bytes (may be hostile: `..`, absolute, NUL, very long).
    pub name: Vec<u8>,
    /// Entry type selector.
    pub kind: u8,
    /// Link target for links.
    pub link: Vec<u8>,
    /// Mode bits.
    pub mode: u32,
    /// Content.
    pub data: Vec<u8>,
}

/// A structure-aware archive: entries plus a few post-build byte flips so header
/// inconsistencies (sizes, CRCs, central directory vs local headers) get explored.
#[derive(Arbitrary, Debug)]
pub struct Archive {
    /// Entries in order.
    pub entries: Vec<Entry>,
    /// Wrap a tar in gzip.
    pub gzip: bool,
    /// (position, xor) byte flips applied to the finished archive.
    pub flips: Vec<(u16, u8)>,
}

fn tar_bytes(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in entries {
        let mut header = tar::Header::new_gnu();
        let name = &e.name[..e.name.len().min(100)];
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        let link = &e.link[..e.link.len().min(100)];
        header.as_old_mut().linkname[..link.len()].copy_from_slice(link);
        let kind = match e.kind % 8 {
            0 | 1 => tar::EntryType::Regular,
            2 => tar::EntryType::Directory,
            3 => tar::EntryType::Symlink,
            4 => tar::EntryType::Link,
            5 => tar::EntryType::Char,
            6 => tar::EntryType::XHeader,
            _ => tar::EntryType::GNULongName,
        };
        header.set_entry_type(kind);
        header.set_mode(e.mode);
        header.set_size(e.data.len() as u64);
        header.set_cksum();
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&e.data);
        let pad = (512 - e.data.len() % 512) % 512;
        out.extend(std::iter::repeat_n(0u8, pad));
    }
    out.extend(std::iter::repeat_n(0u8, 1024));
    out
}

fn zip_bytes(entries: &[Entry]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for e in entries {
        let name = String::from_utf8_lossy(&e.name).into_owned();
        let method = if e.kind & 0x10 == 0 {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .unix_permissions(e.mode & 0o7777);
        let ok = match e.kind % 4 {
            0 | 1 => w.start_file(name, options).is_ok() && w.write_all(&e.data).is_ok(),
            2 => w.add_directory(name, options).is_ok(),
            _ => w
                .add_symlink(name, String::from_utf8_lossy(&e.link), options)
                .is_ok(),
        };
        if !ok {
            break;
        }
    }
    w.finish()
        .map(std::io::Cursor::into_inner)
        .unwrap_or_default()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).expect("in memory");
    enc.finish().expect("in memory")
}

/// The `unpack` target: byte 0 selects raw bytes, gzip of the raw rest, or a structure-aware
/// tar or zip archive; the result is written to a file and audited end to end.
pub fn unpack(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (bytes, name) = match mode % 4 {
        0 => (rest.to_vec(), "package.tgz"),
        1 => (gzip(rest), "package.tgz"),
        2 | 3 => {
            let Ok(archive) = Archive::arbitrary_take_rest(Unstructured::new(rest)) else {
                return;
            };
            let mut bytes = if mode % 4 == 2 {
                let tar = tar_bytes(&archive.entries);
                if archive.gzip {
                    gzip(&tar)
                } else {
                    tar
                }
            } else {
                zip_bytes(&archive.entries)
            };
            for (pos, xor) in archive.flips.iter().take(8) {
                if !bytes.is_empty() {
                    let i = usize::from(*pos) % bytes.len();
                    bytes[i] ^= xor;
                }
            }
            let name = if mode % 4 == 2 {
                "package.tgz"
            } else {
                "server.mcpb"
            };
            (bytes, name)
        }
        _ => unreachable!(),
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, &bytes).expect("write");
    audit_path(&path);
}

/// A file or directory name that is safe to create here (the harness, not the target, writes it).
#[must_use]
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

// ---------------------------------------------------------------- manifests and sources

/// Manifest slots of the `manifests` target: (path, companion files that make the package
/// identifiable, so the manifest is read past identification).
const MANIFESTS: &[(&str, &[(&str, &[u8])])] = &[
    ("package.json", &[]),
    ("pyproject.toml", &[]),
    ("demo-1.0.dist-info/METADATA", &[]),
    ("PKG-INFO", &[]),
    (
        "setup.cfg",
        &[(
            "PKG-INFO",
            b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
        )],
    ),
    ("Cargo.toml", &[]),
    ("manifest.json", &[]),
    (
        "server.json",
        &[("package.json", br#"{"name":"demo","version":"1.0.0"}"#)],
    ),
    (
        "setup.py",
        &[(
            "PKG-INFO",
            b"Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
        )],
    ),
    (
        "build.rs",
        &[(
            "Cargo.toml",
            b"[package]\nname = \"demo\"\nversion = \"1.0.0\"\nbuild = \"build.rs\"\n",
        )],
    ),
];

/// The `manifests` target: byte 0 selects which manifest the rest of the input is.
pub fn manifests(data: &[u8]) {
    let Some((&slot, rest)) = data.split_first() else {
        return;
    };
    let (path, companions) = MANIFESTS[usize::from(slot) % MANIFESTS.len()];
    let mut files: Vec<(&str, &[u8])> = companions.to_vec();
    files.push((path, rest));
    audit_files(&files);
}

const NPM: &[u8] =
    br#"{"name":"demo","version":"1.0.0","main":"index.js","bin":{"demo":"index.js"}}"#;
const PY: &[u8] =
    b"[project]\nname = \"demo\"\nversion = \"1.0\"\n[project.scripts]\ndemo = \"demo.server:main\"\n";
const CARGO: &[u8] = b"[package]\nname = \"demo\"\nversion = \"1.0.0\"\n";
const GO: &[u8] = br#"{"name":"demo","version":"1.0.0"}"#;

/// Source slots of the `sources` target: (path, manifest path, manifest).
const SOURCES: &[(&str, &str, &[u8])] = &[
    ("index.js", "package.json", NPM),
    ("src/server.ts", "package.json", NPM),
    ("dist/index.mjs", "package.json", NPM),
    ("demo/server.py", "pyproject.toml", PY),
    ("src/main.rs", "Cargo.toml", CARGO),
    ("main.go", "package.json", GO),
    ("src/index.tsx", "package.json", NPM),
    ("demo/__init__.py", "pyproject.toml", PY),
];

/// The `sources` target: byte 0 selects the language and file name of the rest of the input,
/// audited inside a minimal package of the matching ecosystem (tool extraction, code rules,
/// the semantic layer).
pub fn sources(data: &[u8]) {
    let Some((&slot, rest)) = data.split_first() else {
        return;
    };
    let (path, manifest, manifest_bytes) = SOURCES[usize::from(slot) % SOURCES.len()];
    audit_files(&[(manifest, manifest_bytes), (path, rest)]);
}

// ---------------------------------------------------------------- lockfiles and configs

const LOCKFILES: &[(mcp_audit::lockfile::Kind, &str)] = {
    use mcp_audit::lockfile::Kind;
    &[
        (Kind::NpmLock, "package-lock.json"),
        (Kind::Pnpm, "pnpm-lock.yaml"),
        (Kind::Yarn, "yarn.lock"),
        (Kind::Requirements, "requirements.txt"),
        (Kind::Poetry, "poetry.lock"),
        (Kind::Uv, "uv.lock"),
        (Kind::Cargo, "Cargo.lock"),
        (Kind::ClientJson, "claude_desktop_config.json"),
        (Kind::ClientToml, "config.toml"),
    ]
};

/// The `lockfiles` target: byte 0 selects the lockfile or client-config kind; byte 0 past the
/// kinds lets [`mcp_audit::lockfile::detect`] choose from the name and content.
pub fn lockfiles(data: &[u8]) {
    let Some((&slot, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let slot = usize::from(slot) % (LOCKFILES.len() * 2);
    let (kind, name) = LOCKFILES[slot % LOCKFILES.len()];
    let path = Path::new(name);
    let kind = if slot < LOCKFILES.len() {
        Some(kind)
    } else {
        mcp_audit::lockfile::detect(path, text)
    };
    if let Some(kind) = kind {
        if let Ok(entries) = mcp_audit::lockfile::parse(kind, path, text) {
            for entry in &entries.packages {
                let _ = entry.target().to_string();
            }
        }
    }
}

// ---------------------------------------------------------------- descriptions

/// One tool of a structure-aware tools/list answer.
#[derive(Arbitrary, Debug)]
pub struct FuzzTool {
    /// Name.
    pub name: String,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// (parameter, description, enum values, default).
    pub params: Vec<(String, Option<String>, Vec<String>, Option<String>)>,
    /// Annotation flags.
    pub read_only: Option<bool>,
}

/// A structure-aware tools/list answer.
#[derive(Arbitrary, Debug)]
pub struct FuzzList {
    /// Tools.
    pub tools: Vec<FuzzTool>,
    /// Server instructions.
    pub instructions: Option<String>,
    /// Prompts (name, description).
    pub prompts: Vec<(String, String)>,
}

impl FuzzList {
    /// The JSON answer.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::{json, Map, Value};
        let tools: Vec<Value> = self
            .tools
            .iter()
            .map(|t| {
                let mut props = Map::new();
                for (name, desc, values, default) in &t.params {
                    let mut p = Map::new();
                    p.insert("type".into(), json!("string"));
                    if let Some(d) = desc {
                        p.insert("description".into(), json!(d));
                    }
                    if !values.is_empty() {
                        p.insert("enum".into(), json!(values));
                    }
                    if let Some(d) = default {
                        p.insert("default".into(), json!(d));
                    }
                    props.insert(name.clone(), Value::Object(p));
                }
                let mut tool = json!({
                    "name": t.name,
                    "inputSchema": {"type": "object", "properties": props},
                });
                if let Some(title) = &t.title {
                    tool["title"] = json!(title);
                }
                if let Some(d) = &t.description {
                    tool["description"] = json!(d);
                }
                if let Some(r) = t.read_only {
                    tool["annotations"] = json!({"readOnlyHint": r});
                }
                tool
            })
            .collect();
        let prompts: Vec<Value> = self
            .prompts
            .iter()
            .map(|(n, d)| json!({"name": n, "description": d}))
            .collect();
        let mut doc = json!({"tools": tools, "prompts": prompts});
        if let Some(i) = &self.instructions {
            doc["instructions"] = json!(i);
        }
        doc
    }
}

/// The `descriptions` target: byte 0 selects raw tools/list bytes (the `scan-tools` parser),
/// a structure-aware tools/list, or one description through the normalizer and the rules.
pub fn descriptions(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let policy = mcp_audit::policy::Policy::default();
    match mode % 3 {
        0 => {
            let _ = mcp_audit::scan_tools::scan("fuzz", rest, &policy);
        }
        1 => {
            let Ok(list) = FuzzList::arbitrary_take_rest(Unstructured::new(rest)) else {
                return;
            };
            let bytes = serde_json::to_vec(&list.to_json()).expect("serializes");
            let result = mcp_audit::scan_tools::scan("fuzz", &bytes, &policy);
            let _ = serde_json::to_vec(&result).expect("a report always serializes");
        }
        _ => {
            let text = String::from_utf8_lossy(rest);
            let normalized = mcp_audit::analyze::descriptions::normalize::normalize(&text);
            let _ = normalized.has_hidden();
            let doc = serde_json::json!({"tools": [{"name": "t", "description": text,
                "inputSchema": {"type": "object"}}]});
            let bytes = serde_json::to_vec(&doc).expect("serializes");
            let _ = mcp_audit::scan_tools::scan("fuzz", &bytes, &policy);
        }
    }
}

// ---------------------------------------------------------------- registry documents

/// A loopback HTTP server that answers every request with the current fuzz input (and the
/// sparse index's `config.json` with a fixed `dl`), so the real adapters parse it.
struct Loopback {
    body: std::sync::Mutex<Vec<u8>>,
    base: String,
}

fn loopback() -> &'static Loopback {
    static SERVER: OnceLock<&'static Loopback> = OnceLock::new();
    SERVER.get_or_init(|| {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}/", listener.local_addr().expect("addr"));
        let server: &'static Loopback = Box::leak(Box::new(Loopback {
            body: std::sync::Mutex::new(Vec::new()),
            base,
        }));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                serve(server, stream);
            }
        });
        server
    })
}

fn serve(server: &Loopback, mut stream: std::net::TcpStream) {
    use std::io::{BufRead, BufReader};
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line == "\r\n" || line == "\n" {
                break;
            }
        }
        let body = if request_line.contains("/config.json ") {
            format!(r#"{{"dl":"{}dl/{{crate}}/{{version}}"}}"#, server.base).into_bytes()
        } else {
            server.body.lock().expect("not poisoned").clone()
        };
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).is_err() || stream.write_all(&body).is_err() {
            return;
        }
    }
}

fn registry_client() -> &'static registry_adapters::Client {
    static CLIENT: OnceLock<registry_adapters::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        let base = url::Url::parse(&loopback().base).expect("loopback URL");
        let endpoints = registry_adapters::defaults::Endpoints {
            npm: base.clone(),
            pypi: base.clone(),
            crates_index: base.clone(),
            github_api: base,
        };
        let cache = Box::leak(Box::new(tempfile::tempdir().expect("tempdir")));
        registry_adapters::Client::builder()
            .endpoints(endpoints)
            .cache_dir(cache.path())
            .http(registry_adapters::HttpSettings {
                retries: 0,
                ..registry_adapters::HttpSettings::default()
            })
            .build()
            .expect("client")
    })
}

/// The `registry` target: byte 0 selects the registry (npm packument, PyPI JSON, crates.io
/// sparse-index lines, GitHub release JSON) and the kind of version asked for; byte 1 is the
/// length of the version text that follows; the rest is the document the registry serves.
pub fn registry(data: &[u8]) {
    use registry_adapters::{Ecosystem, PackageRequest, VersionSpec};
    let [mode, len, rest @ ..] = data else {
        return;
    };
    let len = usize::from(*len).min(rest.len());
    let (version, body) = rest.split_at(len);
    let version = text(version);
    let (ecosystem, name) = match mode % 4 {
        0 => (Ecosystem::Npm, "@scope/demo"),
        1 => (Ecosystem::Pypi, "demo"),
        2 => (Ecosystem::Crates, "demo"),
        _ => (Ecosystem::Github, "owner/demo"),
    };
    let version = match (mode / 4) % 3 {
        0 => VersionSpec::Latest,
        1 => VersionSpec::Requirement(version),
        _ => VersionSpec::Tag(version),
    };
    let artifact = (mode & 0x80 != 0).then(|| "*.tgz".to_string());
    *loopback().body.lock().expect("not poisoned") = body.to_vec();
    let request = PackageRequest {
        ecosystem,
        name: name.into(),
        version,
        artifact,
    };
    let _ = registry_client().resolve(&request);
}
