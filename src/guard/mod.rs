//! The runtime guard (`mcp-audit run`): a transparent MCP stdio proxy between a client and a
//! server that keeps the server to its pinned surface and logs every tool call.
//!
//! - [`relay`]: the process and the two copying directions;
//! - [`session`]: what each message means (list answers compared with pins, calls logged);
//! - [`pins`]: the pinned surface (`mcp-audit.lock` tools, else `$MCP_AUDIT_HOME/pins/`);
//! - [`log`]: the action log (`$MCP_AUDIT_HOME/logs/<server>.jsonl`);
//! - [`view`]: what `mcp-audit pins` and `mcp-audit log` show.
//!
//! See `docs/guard.md`.

pub mod log;
pub mod pins;
pub mod relay;
pub mod session;
pub mod view;

use std::ffi::OsString;
use std::path::PathBuf;

use crate::install::home::Home;
use crate::install::lock::Lockfile;
pub use relay::Ending;
pub use session::OnChange;
use session::{Session, SessionConfig};

/// What `mcp-audit run` was asked to do.
#[derive(Debug, Clone)]
pub struct GuardOptions {
    /// `--server NAME` (else the lock entry running the command, else the command's name).
    pub server: Option<String>,
    /// The server command.
    pub command: OsString,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// `--on-change`.
    pub on_change: OnChange,
    /// `--log-args`.
    pub log_args: bool,
    /// `$MCP_AUDIT_HOME`.
    pub home: Home,
    /// The lockfile whose pins apply (default `$MCP_AUDIT_HOME/mcp-audit.lock`).
    pub lockfile: PathBuf,
}

/// The guarded server as resolved: its name and pins.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The server name.
    pub server: String,
    /// `name@version` of the lock entry whose tool pins apply, if any.
    pub installed: Option<String>,
}

/// Resolves the server and its pins, then relays between stdin/stdout and the server.
///
/// # Errors
/// The lockfile or the pins file exists but cannot be read.
pub fn run(options: &GuardOptions) -> anyhow::Result<Ending> {
    let (session, resolved) = open(options)?;
    if let Some(installed) = &resolved.installed {
        tracing::info!(
            "guarding `{}` with the pins of {}",
            mcp_audit_core::escape::visible(&resolved.server),
            mcp_audit_core::escape::visible(installed)
        );
    }
    Ok(relay::relay(
        &resolved.server,
        &options.command,
        &options.args,
        session,
        std::io::stdin(),
        std::io::stdout(),
    ))
}

/// Builds the session for `options` (exposed for benchmarks and tests).
///
/// # Errors
/// The lockfile or the pins file exists but cannot be read.
pub fn open(options: &GuardOptions) -> anyhow::Result<(Session, Resolved)> {
    let lock = if options.lockfile.exists() {
        Some(Lockfile::load(&options.lockfile)?)
    } else {
        None
    };
    let command = options.command.to_string_lossy().into_owned();
    let args: Vec<String> = options
        .args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let entry = lock.as_ref().and_then(|l| match &options.server {
        Some(name) => pins::lock_entry_named(l, name),
        None => pins::lock_entry_running(l, &command, &args),
    });
    let server = match (&options.server, entry) {
        (Some(name), _) => name.clone(),
        (None, Some(e)) => e.clients.first().map_or_else(
            || crate::install::entry_name(e.ecosystem, &e.name),
            |c| c.entry.clone(),
        ),
        (None, None) => std::path::Path::new(&command)
            .file_stem()
            .map_or_else(|| "server".into(), |s| s.to_string_lossy().into_owned()),
    };
    let pins_path = pins::pins_path(&options.home, &server);
    let pin_file = pins::PinFile::load(&pins_path)?.unwrap_or_else(|| pins::PinFile::new(&server));
    let lock_tools = entry.map(pins::lock_pins).unwrap_or_default();
    let config = SessionConfig {
        server: server.clone(),
        pins_path,
        log_path: log::log_path(&options.home, &server),
        log_max_bytes: log::MAX_LOG_BYTES,
        on_change: options.on_change,
        log_args: options.log_args,
    };
    Ok((
        Session::new(config, pin_file, lock_tools),
        Resolved {
            server,
            installed: entry.map(|e| format!("{}@{}", e.name, e.version)),
        },
    ))
}
