//! A loopback HTTP/1.1 server that speaks the npm, PyPI, crates.io sparse-index and GitHub
//! releases protocols from `testdata/registry/` fixtures, and injects faults on demand:
//! truncated bodies, slow bodies, 5xx sequences, redirects, oversized bodies.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use sha2::Digest as _;

/// One canned answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete response.
    Body {
        status: u16,
        content_type: &'static str,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Announces `claimed` bytes, sends `body` (shorter), closes.
    Truncated { body: Vec<u8>, claimed: u64 },
    /// No Content-Length; the body ends when the connection closes.
    CloseDelimited { body: Vec<u8> },
    /// The body in `chunks` pieces with `delay` between them.
    Slow {
        body: Vec<u8>,
        chunks: usize,
        delay: Duration,
    },
    /// A redirect.
    Redirect { status: u16, location: String },
}

impl Reply {
    /// 200 with a JSON body.
    pub fn json(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Body {
            status: 200,
            content_type: "application/json",
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// 200 with bytes.
    pub fn bytes(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Body {
            status: 200,
            content_type: "application/octet-stream",
            headers: Vec::new(),
            body: body.into(),
        }
    }

    /// An empty response with this status.
    pub fn status(status: u16) -> Reply {
        Reply::Body {
            status,
            content_type: "text/plain",
            headers: Vec::new(),
            body: format!("status {status}\n").into_bytes(),
        }
    }

    /// Adds a header (only to [`Reply::Body`]).
    #[must_use]
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Body { headers, .. } = &mut self {
            headers.push((name.to_string(), value.to_string()));
        }
        self
    }
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Logged {
    pub path: String,
    pub headers: BTreeMap<String, String>,
}

#[derive(Default)]
struct State {
    /// Path → replies; the front one answers, the last one repeats.
    routes: HashMap<String, VecDeque<Reply>>,
    log: Vec<Logged>,
}

/// A running loopback server.
pub struct Server {
    base: String,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Starts a server on 127.0.0.1 with a free port; it lives until the test process ends.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, &shared);
                });
            }
        });
        Server { base, state }
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Answers `path` with `reply` from now on.
    pub fn route(&self, path: &str, reply: Reply) {
        self.sequence(path, vec![reply]);
    }

    /// Answers `path` with each reply in turn, the last one repeating.
    pub fn sequence(&self, path: &str, replies: Vec<Reply>) {
        self.state
            .lock()
            .unwrap()
            .routes
            .insert(path.to_string(), replies.into());
    }

    /// Requests received so far.
    pub fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    /// How many times `path` was requested.
    pub fn hits(&self, path: &str) -> usize {
        self.log().iter().filter(|l| l.path == path).count()
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = BTreeMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    // A POST body (the npm bulk advisory request) is read, so the answer is not cut short.
    if let Some(length) = headers
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok())
    {
        let mut body = vec![0; length.min(1 << 20)];
        std::io::Read::read_exact(&mut reader, &mut body)?;
        headers.insert(
            "x-body".to_string(),
            String::from_utf8_lossy(&body).into_owned(),
        );
    }
    let reply = {
        let mut s = state.lock().unwrap();
        s.log.push(Logged {
            path: path.clone(),
            headers,
        });
        let key = if s.routes.contains_key(&path) {
            Some(path.clone())
        } else {
            let bare = path.split('?').next().unwrap_or(&path).to_string();
            s.routes.contains_key(&bare).then_some(bare)
        };
        match key.and_then(|k| s.routes.get_mut(&k)) {
            Some(q) if q.len() > 1 => q.pop_front(),
            Some(q) => q.front().cloned(),
            None => None,
        }
    }
    .unwrap_or_else(|| Reply::status(404));
    respond(stream, reply)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

fn respond(mut stream: TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Body {
            status,
            content_type,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
                reason(status),
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
        }
        Reply::Truncated { body, claimed } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {claimed}\r\nConnection: close\r\n\r\n"
            );
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)?;
        }
        Reply::CloseDelimited { body } => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
            )?;
            // Write in pieces: the client may stop reading early (size cap).
            for piece in body.chunks(64 * 1024) {
                if stream.write_all(piece).is_err() {
                    break;
                }
            }
        }
        Reply::Slow {
            body,
            chunks,
            delay,
        } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes())?;
            let size = body.len().div_ceil(chunks.max(1)).max(1);
            for piece in body.chunks(size) {
                stream.flush()?;
                std::thread::sleep(delay);
                stream.write_all(piece)?;
            }
        }
        Reply::Redirect { status, location } => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                reason(status)
            );
            stream.write_all(head.as_bytes())?;
        }
    }
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Fixture artifacts and the four registries.

/// The artifacts the fixtures describe, by file name, built deterministically.
pub struct Artifacts {
    pub files: BTreeMap<String, Vec<u8>>,
}

fn tar_gz(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut builder = tar::Builder::new(flate2::write::GzEncoder::new(
        Vec::new(),
        flate2::Compression::default(),
    ));
    for (path, content) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(content.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(1_700_000_000);
        header.set_entry_type(tar::EntryType::Regular);
        builder
            .append_data(&mut header, path, content.as_bytes())
            .unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (path, content) in entries {
        writer.start_file(*path, options).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const INDEX_JS: &str = r#"#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "fixture-srv", version: "1.1.0" });
server.tool("add", "Add two numbers and return the sum.", { a: z.number(), b: z.number() },
  async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }));
await server.connect(new StdioServerTransport());
"#;

const SERVER_PY: &str = r#"from mcp.server.fastmcp import FastMCP

mcp = FastMCP("fixture-srv")


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two numbers and return the sum."""
    return a + b


def main() -> None:
    mcp.run()
"#;

const LIB_RS: &str = r#"//! A small MCP server used as a registry fixture.
use rmcp::{tool, tool_router};

pub struct Calc;

#[tool_router]
impl Calc {
    /// Add two numbers and return the sum.
    #[tool(description = "Add two numbers and return the sum.")]
    pub fn add(&self, a: i64, b: i64) -> String {
        (a + b).to_string()
    }
}
"#;

impl Artifacts {
    /// Builds every fixture artifact.
    pub fn build() -> Artifacts {
        let mut files = BTreeMap::new();
        for v in ["1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1"] {
            let pkg = format!(
                r#"{{"name":"@fixture/srv","version":"{v}","type":"module","bin":{{"fixture-srv":"index.js"}},"dependencies":{{"@modelcontextprotocol/sdk":"^1.30.0","zod":"^3.23.0"}}}}"#
            );
            files.insert(
                format!("srv-{v}.tgz"),
                tar_gz(&[
                    ("package/package.json", &pkg),
                    ("package/index.js", INDEX_JS),
                ]),
            );
        }
        for v in ["1.1.0", "1.2.0", "2.0.0b1"] {
            let metadata = format!(
                "Metadata-Version: 2.1\nName: fixture-srv\nVersion: {v}\nRequires-Dist: mcp<3,>=2.3\n"
            );
            let dist_info = format!("fixture_srv-{v}.dist-info");
            files.insert(
                format!("fixture_srv-{v}-py3-none-any.whl"),
                zip(&[
                    ("fixture_srv/__init__.py", SERVER_PY),
                    (&format!("{dist_info}/METADATA"), &metadata),
                    (
                        &format!("{dist_info}/WHEEL"),
                        "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
                    ),
                    (
                        &format!("{dist_info}/entry_points.txt"),
                        "[console_scripts]\nfixture-srv = fixture_srv:main\n",
                    ),
                ]),
            );
        }
        for v in ["1.0.0", "1.1.0"] {
            let root = format!("fixture_srv-{v}");
            let pyproject = format!(
                "[project]\nname = \"fixture-srv\"\nversion = \"{v}\"\ndependencies = [\"mcp<3,>=2.3\"]\n[project.scripts]\nfixture-srv = \"fixture_srv:main\"\n"
            );
            files.insert(
                format!("fixture_srv-{v}.tar.gz"),
                tar_gz(&[
                    (
                        &format!("{root}/PKG-INFO"),
                        &format!("Metadata-Version: 2.1\nName: fixture-srv\nVersion: {v}\n"),
                    ),
                    (&format!("{root}/pyproject.toml"), &pyproject),
                    (&format!("{root}/src/fixture_srv/__init__.py"), SERVER_PY),
                ]),
            );
        }
        for v in ["0.1.0", "0.2.0", "0.2.1", "0.3.0-alpha.1"] {
            let root = format!("fixture-srv-{v}");
            let cargo = format!(
                "[package]\nname = \"fixture-srv\"\nversion = \"{v}\"\nedition = \"2021\"\n\n[dependencies]\nrmcp = \"0.8\"\n"
            );
            files.insert(
                format!("fixture-srv-{v}.crate"),
                tar_gz(&[
                    (&format!("{root}/Cargo.toml"), &cargo),
                    (&format!("{root}/src/lib.rs"), LIB_RS),
                ]),
            );
        }
        for v in ["0.9.0", "1.0.0"] {
            let manifest = format!(
                r#"{{"manifest_version":"0.2","name":"fixture-srv","version":"{v}","description":"A small MCP server used as a registry fixture","author":{{"name":"Fixture Bot"}},"server":{{"type":"node","entry_point":"server/index.js","mcp_config":{{"command":"node","args":["${{__dirname}}/server/index.js"]}}}},"tools":[{{"name":"add","description":"Add two numbers and return the sum."}}]}}"#
            );
            files.insert(
                format!("srv-{v}.mcpb"),
                zip(&[("manifest.json", &manifest), ("server/index.js", INDEX_JS)]),
            );
        }
        files.insert("checksums.txt".into(), b"0000  srv-1.0.0.mcpb\n".to_vec());
        files.insert(
            "srv-source-1.0.0.tar.gz".into(),
            tar_gz(&[
                (
                    "fixture-srv-abc123/package.json",
                    r#"{"name":"fixture-srv","version":"1.0.0"}"#,
                ),
                ("fixture-srv-abc123/index.js", INDEX_JS),
            ]),
        );
        Artifacts { files }
    }

    pub fn get(&self, name: &str) -> &[u8] {
        self.files
            .get(name)
            .unwrap_or_else(|| panic!("no fixture artifact {name}"))
    }

    pub fn sha256(&self, name: &str) -> String {
        hex::encode(sha2::Sha256::digest(self.get(name)))
    }

    /// Fills `{{BASE}}`, `{{BASE2}}`, `{{SHA1:f}}`, `{{SHA1B64:f}}`, `{{SHA256:f}}`, `{{SRI:f}}`.
    pub fn render(&self, template: &str, base: &str, base2: &str) -> String {
        let mut out = template
            .replace("{{BASE}}", base)
            .replace("{{BASE2}}", base2);
        while let Some(start) = out.find("{{") {
            let end = start + out[start..].find("}}").expect("closed placeholder");
            let (kind, name) = out[start + 2..end].split_once(':').expect("KIND:file");
            let bytes = self.get(name);
            let b64 = |d: &[u8]| base64::engine::general_purpose::STANDARD.encode(d);
            let value = match kind {
                "SHA1" => sha1_hex(bytes),
                "SHA1B64" => b64(&hex::decode(sha1_hex(bytes)).unwrap()),
                "SHA256" => hex::encode(sha2::Sha256::digest(bytes)),
                "SRI" => format!("sha512-{}", b64(&sha2::Sha512::digest(bytes))),
                other => panic!("unknown placeholder {other}"),
            };
            out.replace_range(start..end + 2, &value);
        }
        out
    }
}

fn sha1_hex(bytes: &[u8]) -> String {
    let mut h = registry_adapters::digest::MultiHasher::default();
    h.update(bytes);
    h.finish().sha1
}

fn fixture(rel: &str) -> String {
    std::fs::read_to_string(crate::support::testdata().join("registry").join(rel))
        .unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

/// A loopback registry serving all four protocols, plus a second origin (for cross-origin
/// downloads).
pub struct Registries {
    pub server: Server,
    pub other: Server,
    pub artifacts: Artifacts,
}

impl Registries {
    /// Starts both servers and installs every fixture route.
    pub fn start() -> Registries {
        let server = Server::start();
        let other = Server::start();
        let artifacts = Artifacts::build();
        let r = Registries {
            server,
            other,
            artifacts,
        };
        r.install();
        r
    }

    fn render(&self, rel: &str) -> String {
        self.artifacts
            .render(&fixture(rel), self.server.base(), self.other.base())
    }

    fn install(&self) {
        let s = &self.server;
        // npm
        s.route(
            "/npm/@fixture%2fsrv",
            Reply::json(self.render("npm/fixture-srv.json")),
        );
        s.route(
            "/npm/fixture-tampered",
            Reply::json(self.render("npm/fixture-tampered.json")),
        );
        for v in ["1.0.0", "1.1.0", "1.2.0", "2.0.0-beta.1"] {
            let name = format!("srv-{v}.tgz");
            s.route(
                &format!("/npm/@fixture/srv/-/{name}"),
                Reply::bytes(self.artifacts.get(&name)),
            );
        }
        // The tampered package serves 1.1.0's bytes under 1.0.0's integrity.
        s.route(
            "/npm/fixture-tampered/-/fixture-tampered-1.0.0.tgz",
            Reply::bytes(self.artifacts.get("srv-1.1.0.tgz")),
        );
        // PyPI: the per-version endpoint of 1.0.0 answers 404 like some mirrors do.
        s.route(
            "/pypi/pypi/fixture-srv/json",
            Reply::json(self.render("pypi/fixture-srv.json")),
        );
        s.route(
            "/pypi/pypi/fixture-srv/1.1.0/json",
            Reply::json(self.render("pypi/fixture-srv-1.1.0.json")),
        );
        for (name, file) in [
            (
                "fixture_srv-1.1.0-py3-none-any.whl",
                "fixture_srv-1.1.0-py3-none-any.whl",
            ),
            (
                "fixture_srv-1.1.0-cp312-cp312-manylinux_2_17_x86_64.whl",
                "fixture_srv-1.1.0-py3-none-any.whl",
            ),
            (
                "fixture_srv-1.2.0-py3-none-any.whl",
                "fixture_srv-1.2.0-py3-none-any.whl",
            ),
            (
                "fixture_srv-2.0.0b1-py3-none-any.whl",
                "fixture_srv-2.0.0b1-py3-none-any.whl",
            ),
            ("fixture_srv-1.0.0.tar.gz", "fixture_srv-1.0.0.tar.gz"),
            ("fixture_srv-1.1.0.tar.gz", "fixture_srv-1.1.0.tar.gz"),
        ] {
            s.route(
                &format!("/pypi/packages/ab/cd/{name}"),
                Reply::bytes(self.artifacts.get(file)),
            );
        }
        // crates.io sparse index
        s.route(
            "/crates/config.json",
            Reply::json(self.render("crates/config.json")),
        );
        s.route(
            "/crates/fi/xt/fixture-srv",
            Reply::bytes(self.render("crates/fixture-srv.ndjson")),
        );
        for v in ["0.1.0", "0.2.0", "0.2.1", "0.3.0-alpha.1"] {
            s.route(
                &format!("/crates-dl/fixture-srv/{v}/download"),
                Reply::bytes(self.artifacts.get(&format!("fixture-srv-{v}.crate"))),
            );
        }
        // GitHub releases
        let v1 = self.render("github/release-v1.0.0.json");
        let v09 = self.render("github/release-v0.9.0.json");
        s.route(
            "/gh/repos/fixture/srv/releases/latest",
            Reply::json(v1.clone()),
        );
        s.route(
            "/gh/repos/fixture/srv/releases/tags/v1.0.0",
            Reply::json(v1.clone()),
        );
        s.route(
            "/gh/repos/fixture/srv/releases/tags/v0.9.0",
            Reply::json(v09.clone()),
        );
        s.route(
            "/gh/repos/fixture/srv/releases",
            Reply::json(format!("[{v1},{v09}]")),
        );
        s.route(
            "/gh/repos/fixture/srv/releases/assets/12",
            Reply::bytes(self.artifacts.get("srv-1.0.0.mcpb")),
        );
        s.route(
            "/gh/repos/fixture/srv/releases/assets/11",
            Reply::bytes(self.artifacts.get("checksums.txt")),
        );
        s.route(
            "/gh/repos/fixture/srv/tarball/v1.0.0",
            Reply::Redirect {
                status: 302,
                location: "/gh-codeload/fixture/srv/tar.gz/v1.0.0".into(),
            },
        );
        s.route(
            "/gh-codeload/fixture/srv/tar.gz/v1.0.0",
            Reply::bytes(self.artifacts.get("srv-source-1.0.0.tar.gz")),
        );
        self.other.route(
            "/gh-cdn/assets/9",
            Reply::bytes(self.artifacts.get("srv-0.9.0.mcpb")),
        );
    }

    /// The environment that points mcp-audit at these registries.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let b = self.server.base();
        vec![
            ("MCP_AUDIT_NPM_REGISTRY", format!("{b}/npm")),
            ("MCP_AUDIT_PYPI_URL", format!("{b}/pypi")),
            ("MCP_AUDIT_CRATES_INDEX", format!("{b}/crates")),
            ("MCP_AUDIT_GITHUB_API", format!("{b}/gh")),
        ]
    }

    /// Endpoints for library-level tests.
    pub fn endpoints(&self) -> registry_adapters::Endpoints {
        let env: HashMap<&str, String> = self.env().into_iter().collect();
        registry_adapters::Endpoints::from_lookup(|k| env.get(k).cloned()).unwrap()
    }
}
