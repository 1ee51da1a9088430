//! The opt-in dynamic check (`audit --dynamic`, `tools --dynamic`): after the static audit
//! allowed or warned, install the audited bytes with scripts off into a throwaway prefix,
//! start the server under bubblewrap (no network, decoy credentials in an empty home, no host
//! environment, resource and wall-clock limits) with strace watching from outside, talk MCP
//! to it as a client does, and compare what it lists with what the static audit saw.
//!
//! - [`sandbox`]: the bubblewrap/prlimit/strace command lines and the decoys;
//! - [`client`]: the MCP client (both protocol eras, pagination, a second `tools/list`);
//! - [`trace`]: the strace log → decoy opens and network attempts;
//! - [`compare`]: the two surfaces → findings (and this module's rules);
//! - [`run`]: the steps, ending in a re-scored [`TargetResult`] carrying a [`DynamicReport`].
//!
//! See `docs/dynamic.md`.

pub mod client;
pub mod compare;
pub mod credentials;
pub mod sandbox;
pub mod trace;
pub mod view;

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{json, Value};

use crate::pipeline::{Audited, Learned};
use crate::report::TargetResult;
use crate::settings::Settings;
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, Tool, Via};
use mcp_audit_core::Verdict;

pub use compare::RULES;

/// The default wall-clock limit for one dynamic run.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// How much of the server's stderr is kept (its end).
pub const STDERR_TAIL_BYTES: usize = 2048;

/// The largest strace log read.
const MAX_TRACE_BYTES: u64 = 64 << 20;

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options {
    /// Wall-clock limit from start to the last answer.
    pub timeout: Duration,
    /// `--force-dynamic`: start a package the static audit blocked.
    pub force: bool,
    /// Resource limits.
    pub limits: sandbox::Limits,
    /// Arguments appended to the server's command (`--server-arg`).
    pub server_args: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: DEFAULT_TIMEOUT,
            force: false,
            server_args: Vec::new(),
            limits: sandbox::Limits::default(),
        }
    }
}

/// How the dynamic run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The server answered `tools/list`.
    Started,
    /// The server stopped or refused to answer because it needs a credential or setting.
    NeedsCredentials,
    /// It could not be installed, did not answer, crashed, or hit a limit.
    Failed,
    /// Not started (the static audit blocked it).
    NotStarted,
}

/// The dynamic run's part of a report entry (`results[].dynamic`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DynamicReport {
    /// How it went.
    pub status: Status,
    /// A one-line explanation (escaped).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// What it needs to start (variable names or settings), for `needs-credentials`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
    /// The protocol era and version the server answered in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Protocol>,
    /// Milliseconds from start to the handshake's answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    /// The run-time tools (`origin.via = "dynamic"`), as the first `tools/list` listed them.
    pub tools: Vec<Tool>,
    /// Names of the prompts the server listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub prompts: Vec<String>,
    /// URIs of the resources the server listed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<String>,
    /// Every tool of either surface and where it was seen.
    pub surface: Vec<compare::SurfaceEntry>,
    /// Decoy opens and network attempts, in order.
    pub events: Vec<trace::Event>,
    /// Lines on stdout that were not JSON-RPC.
    #[serde(skip_serializing_if = "is_zero")]
    pub stdout_noise_lines: usize,
    /// The end of the server's stderr (at most 2 KiB), each line with its control characters
    /// made visible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr_tail: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A protocol era and version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protocol {
    /// `modern` or `legacy`.
    pub era: client::Era,
    /// The version the server answered with.
    pub version: String,
}

impl DynamicReport {
    fn status(status: Status, detail: impl Into<String>) -> DynamicReport {
        DynamicReport {
            status,
            detail: Some(detail.into()),
            needs: Vec::new(),
            protocol: None,
            start_ms: None,
            tools: Vec::new(),
            prompts: Vec::new(),
            resources: Vec::new(),
            surface: Vec::new(),
            events: Vec::new(),
            stdout_noise_lines: 0,
            stderr_tail: None,
        }
    }
}

/// Checks the prerequisites once, before any audit (missing bubblewrap is a usage error).
///
/// # Errors
/// See [`sandbox::check`].
pub fn prepare() -> anyhow::Result<sandbox::Tools> {
    sandbox::check()
}

/// Runs the dynamic check on an audited target and folds what it found into its result (the
/// findings are scored with the static ones). A target that could not be audited is left as
/// it is; a blocked one, or one whose dependency tree holds a blocked or unauditable package
/// (`held_by`, from `--deps`), is not started unless `options.force`.
pub fn check(
    audited: &mut Audited,
    held_by: Option<&str>,
    tools: &sandbox::Tools,
    settings: &Settings,
    options: &Options,
) {
    let verdict = audited.result.verdict;
    if verdict == Verdict::Error {
        return;
    }
    let held = match held_by {
        _ if verdict == Verdict::Block => Some("the static audit blocked it".to_string()),
        Some(dep) => Some(format!(
            "its dependency {} was blocked or could not be audited",
            visible(dep)
        )),
        None => None,
    };
    if let (Some(why), false) = (&held, options.force) {
        audited.result.dynamic = Some(Box::new(DynamicReport::status(
            Status::NotStarted,
            format!("{why}, so it was not started (--force-dynamic starts it anyway, in the same sandbox)"),
        )));
        return;
    }
    if held.is_some() {
        tracing::warn!(
            "--force-dynamic: starting {}, which the static audit blocked; the sandbox has no network and sees only decoys, but a kernel or bubblewrap flaw would expose this machine",
            visible(&audited.result.target)
        );
    }
    let (report, findings) = match run(audited, tools, settings, options) {
        Ok(done) => done,
        Err(err) => (
            DynamicReport::status(
                Status::Failed,
                visible(&format!("{err:#}").replace('\n', " ")),
            ),
            Vec::new(),
        ),
    };
    fold(audited, report, findings, settings);
}

/// Re-scores the result with the dynamic findings and the run-time-only tools added.
fn fold(audited: &mut Audited, report: DynamicReport, findings: Vec<Finding>, settings: &Settings) {
    let old = &audited.result;
    let Some(package) = old.package.clone() else {
        return;
    };
    let mut tools = old.tools.clone();
    let static_names: std::collections::BTreeSet<&str> =
        old.tools.iter().map(|t| t.name.as_str()).collect();
    let extra: Vec<Tool> = report
        .tools
        .iter()
        .filter(|t| !static_names.contains(t.name.as_str()))
        .cloned()
        .collect();
    tools.extend(extra);
    let mut all = old.findings.clone();
    all.extend(findings);
    let learned = Learned {
        package,
        registry: audited.artifact.as_ref().and_then(|a| a.registry.as_ref()),
        tools,
        texts: old.texts.clone(),
        findings: all,
    };
    let mut result = crate::pipeline::conclude(&old.target, learned, &settings.policy);
    let mut suppressed = old.suppressed.clone();
    suppressed.extend(result.suppressed);
    result.suppressed = suppressed;
    result.dependency_path.clone_from(&old.dependency_path);
    result.dynamic = Some(Box::new(report));
    audited.result = result;
}

/// The steps: install, start, converse, stop, read the trace, compare.
fn run(
    audited: &Audited,
    tools: &sandbox::Tools,
    settings: &Settings,
    options: &Options,
) -> anyhow::Result<(DynamicReport, Vec<Finding>)> {
    let Some(artifact) = &audited.artifact else {
        anyhow::bail!("no artifact to install");
    };
    let Some(package) = audited.result.package.clone() else {
        anyhow::bail!("the package was not identified");
    };
    let prefix = tempfile::Builder::new()
        .prefix("mcp-audit-dynamic-")
        .tempdir()?;
    // The sandbox binds the prefix at its own path: it must not contain symlinks.
    let root = prefix.path().canonicalize()?;
    sandbox::write_support_files(&root)?;
    let launch = match install(&root, artifact, &package, settings) {
        Ok(mut l) => {
            l.args.extend(options.server_args.iter().cloned());
            l
        }
        Err(err) => {
            let text = format!("{err:#}").replace('\n', " ");
            let needs = credentials::from_install_error(&text);
            let status = if needs.is_empty() {
                Status::Failed
            } else {
                Status::NeedsCredentials
            };
            let mut r =
                DynamicReport::status(status, visible(&format!("could not install: {text}")));
            r.needs = needs;
            return Ok((r, Vec::new()));
        }
    };
    let mut read_only = vec![root.join("install")];
    read_only.extend(interpreter_prefix(&launch.command, &root));
    let env = credentials::placeholders(&launch.env, &root.join("install"), &package.name);
    let spec = sandbox::Spec {
        prefix: &root,
        read_only,
        command: &launch.command,
        args: &launch.args,
        env: &env,
        limits: options.limits,
    };
    let log = root.join("trace.log");
    let argv = sandbox::strace_args(
        &log,
        &tools.bwrap,
        sandbox::bwrap_args(&spec, &tools.prlimit),
    );
    let started = Instant::now();
    let mut child = Command::new(&tools.strace)
        .args(&argv)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| anyhow::anyhow!("cannot start strace: {e}"))?;
    let tail = capture_tail(child.stderr.take());
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        anyhow::bail!("cannot connect to the sandboxed server");
    };
    let mut conn = client::Connection::new(stdin, stdout, started + options.timeout);
    let conversation = client::converse(&mut conn, started);
    drop(conn);
    stop(&mut child);
    let stderr_tail = {
        let bytes = tail.lock().map(|b| b.clone()).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes).trim().to_string();
        // One escaped line per line: safe to print, still readable.
        (!text.is_empty()).then(|| text.lines().map(visible).collect::<Vec<_>>().join("\n"))
    };
    let trace_text = read_capped(&log);
    let events = trace::parse(
        &trace_text,
        &tools.prlimit.display().to_string(),
        &sandbox::watched_paths(),
        conversation.listing_from,
    );
    Ok(assess(
        &audited.result,
        &conversation,
        events,
        stderr_tail,
        options.timeout,
    ))
}

/// Installs the audited bytes (verified again) with scripts off into `root/install`.
fn install(
    root: &Path,
    artifact: &crate::fetch::Artifact,
    package: &crate::report::PackageInfo,
    settings: &Settings,
) -> anyhow::Result<crate::install::client::Launch> {
    if artifact.path.is_dir() {
        anyhow::bail!("a directory target cannot be installed as is; pack it (npm pack, a wheel) and audit the archive");
    }
    let stage = root.join("install");
    std::fs::create_dir_all(&stage)?;
    let file_name = artifact
        .path
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("the artifact has no file name"))?;
    let staged = stage.join(file_name);
    let sha = crate::install::fsutil::copy_hashed(&artifact.path, &staged)?;
    if !package.sha256.is_empty() && sha != package.sha256 {
        anyhow::bail!("the cached artifact changed since it was audited (sha256 {sha})");
    }
    let exclude = [root];
    let job = crate::install::installers::Job {
        ecosystem: package.ecosystem,
        name: &package.name,
        version: &package.version,
        stage: &stage,
        final_dir: &stage,
        artifact: &staged,
        allow_scripts: false,
        limits: &settings.limits,
        exclude: &exclude,
        audited: None,
        audited_digests: None,
    };
    let installed = crate::install::installers::install(&job)?;
    installed
        .launch
        .ok_or_else(|| anyhow::anyhow!("the package declares no way to start it"))
}

/// The directory an interpreter outside `/usr` lives in (a pyenv or nvm version), to be
/// mounted read-only: the parent of the real program's `bin/`.
fn interpreter_prefix(command: &str, root: &Path) -> Option<PathBuf> {
    let real = std::fs::canonicalize(command).ok()?;
    if real.starts_with("/usr") || real.starts_with(root) {
        return None;
    }
    let bin = real.parent()?;
    (bin.file_name()? == "bin").then(|| bin.parent().map(Path::to_path_buf))?
}

/// Keeps the last [`STDERR_TAIL_BYTES`] of a stream, read by a thread.
fn capture_tail(stream: Option<std::process::ChildStderr>) -> Arc<Mutex<Vec<u8>>> {
    let tail = Arc::new(Mutex::new(Vec::new()));
    if let Some(mut stream) = stream {
        let keep = Arc::clone(&tail);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut t) = keep.lock() {
                    t.extend_from_slice(&buf[..n]);
                    if t.len() > STDERR_TAIL_BYTES {
                        let cut = t.len() - STDERR_TAIL_BYTES;
                        t.drain(..cut);
                    }
                }
            }
        });
    }
    tail
}

/// Closes the server's stdin (already done by dropping the connection), gives it a second to
/// exit, then kills strace, which takes bubblewrap and everything in the sandbox with it.
fn stop(child: &mut std::process::Child) {
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn read_capped(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(MAX_TRACE_BYTES).read_to_string(&mut text);
    }
    text
}

/// Turns a tools/list (or prompts) answer into tools via the `scan-tools` reader, so a tool
/// gets the same fingerprint as everywhere else.
fn surface_of(
    tools: &[Value],
    extra: Option<(&Option<String>, &[Value])>,
) -> crate::scan_tools::Surface {
    let mut doc = json!({"tools": tools});
    if let Some((instructions, prompts)) = extra {
        if let Some(i) = instructions {
            doc["instructions"] = json!(i);
        }
        doc["prompts"] = json!(prompts);
    }
    // Tools without a string name are dropped rather than failing the whole answer.
    if let Some(list) = doc["tools"].as_array_mut() {
        list.retain(|t| t["name"].is_string());
    }
    let bytes = doc.to_string();
    crate::scan_tools::parse(bytes.as_bytes(), "tools/list").unwrap_or_default()
}

/// The report and findings of a finished conversation.
fn assess(
    result: &TargetResult,
    c: &client::Conversation,
    events: Vec<trace::Event>,
    stderr_tail: Option<String>,
    timeout: Duration,
) -> (DynamicReport, Vec<Finding>) {
    let mut findings = compare::event_findings(&events);
    let mut report = DynamicReport::status(Status::Started, String::new());
    report.detail = None;
    report.events = events;
    report.stdout_noise_lines = c.noise_lines;
    report.protocol = c
        .protocol
        .clone()
        .map(|(era, version)| Protocol { era, version });
    report.start_ms = c
        .ready_after
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    report.stderr_tail.clone_from(&stderr_tail);
    let Some(first) = &c.tools else {
        let tail = stderr_tail.as_deref().unwrap_or("");
        let needs = credentials::from_stderr(tail);
        let what = match &c.failure {
            Some(client::Failure::TimedOut) => format!("no answer within {} s", timeout.as_secs()),
            Some(client::Failure::Refused(e)) => format!("it refused: {}", visible(e)),
            _ => "it exited before listing its tools".to_string(),
        };
        if needs.is_empty() {
            report.status = Status::Failed;
            report.detail = Some(format!("could not start: {what}"));
        } else {
            report.status = Status::NeedsCredentials;
            report.detail = Some(format!(
                "could not start: needs {}",
                needs
                    .iter()
                    .map(|n| visible(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            report.needs = needs;
        }
        return (report, findings);
    };
    let instructions_new = c
        .instructions
        .as_ref()
        .filter(|i| !result.texts.iter().any(|t| t.text.trim() == i.trim()))
        .cloned();
    let surface = surface_of(first, Some((&instructions_new, &c.prompts)));
    let cmp = compare::compare(&result.tools, &surface.tools);
    findings.extend(cmp.findings);
    let mut checked: Vec<Finding> =
        crate::analyze::descriptions::analyze(&cmp.changed, &surface.texts);
    for f in &mut checked {
        // Placed on the run-time answer, not on a file of the package.
        f.location = Some(mcp_audit_core::model::Location {
            file: "tools/list (run time)".into(),
            line: None,
        });
    }
    findings.extend(checked);
    if let Some(again) = &c.tools_again {
        let second = surface_of(again, None);
        findings.extend(compare::list_changes(&surface.tools, &second.tools));
    }
    report.tools = surface
        .tools
        .into_iter()
        .map(|mut t| {
            t.origin.via = Via::Dynamic;
            t
        })
        .collect();
    report.prompts = c
        .prompts
        .iter()
        .filter_map(|p| p["name"].as_str().map(str::to_string))
        .collect();
    report.resources = c
        .resources
        .iter()
        .filter_map(|r| r["uri"].as_str().map(str::to_string))
        .collect();
    report.surface = cmp.surface;
    (report, findings)
}
