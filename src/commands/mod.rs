//! One thin function per command: arguments → settings → one library call → report → exit code.

mod audit;
mod install;
mod key;
mod log;
mod output;
mod pins;
mod rules;
mod run;
mod scan_tools;
mod score;
mod tools;
mod verify_score;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::settings::{Connectivity, Settings};

pub use output::{emit, render_report, write_atomically, write_text};

/// Exit code: every target allowed or warned.
pub const EXIT_OK: u8 = 0;
/// Exit code: at least one target blocked.
pub const EXIT_BLOCKED: u8 = 1;
/// Exit code: could not audit, or bad usage.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the process exit code.
#[must_use]
pub fn run(cli: Cli) -> u8 {
    // The guard's commands need no policy: a broken policy file must not stop a server.
    let guard = match &cli.command {
        Command::Run(args) => Some(run::run(args)),
        Command::Pins(args) => Some(pins::run(args, &cli.global)),
        Command::Log(args) => Some(log::run(args, &cli.global)),
        Command::Key(command) => Some(key::run(command, &cli.global)),
        _ => None,
    };
    if let Some(result) = guard {
        return result.unwrap_or_else(|err| {
            tracing::error!("{err:#}");
            EXIT_ERROR
        });
    }
    let settings = match settings_from(&cli.global) {
        Ok(s) => s,
        Err(err) => {
            tracing::error!("{err:#}");
            return EXIT_ERROR;
        }
    };
    let result = match &cli.command {
        Command::Audit(args) => audit::run(args, &cli.global, settings),
        Command::Tools(args) => tools::run(args, &cli.global, settings),
        Command::Rules => rules::run(&cli.global),
        Command::ScanTools(args) => scan_tools::run(args, &cli.global, &settings),
        Command::Install(args) => install::run_install(args, &cli.global, settings),
        Command::Verify(args) => install::run_verify(args, &cli.global, settings),
        Command::Diff(args) => install::run_diff(args, &cli.global, settings),
        Command::Score(args) => score::run(args, &cli.global, settings),
        Command::VerifyScore(args) => verify_score::run(args, &cli.global, &settings),
        Command::Run(_) | Command::Pins(_) | Command::Log(_) | Command::Key(_) => {
            unreachable!("handled above")
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            tracing::error!("{err:#}");
            EXIT_ERROR
        }
    }
}

/// Resolves settings from the flags; finds and loads the policy (`--policy`, else
/// `./mcp-audit.toml`, else the user config directory's `mcp-audit/mcp-audit.toml`).
///
/// # Errors
/// The policy file cannot be read or is invalid (the error names the file and line).
fn settings_from(global: &GlobalArgs) -> anyhow::Result<Settings> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    let config_dir = crate::policy::user_config_dir();
    let policy =
        match crate::policy::discover(global.policy.as_deref(), &cwd, config_dir.as_deref()) {
            Some(path) => {
                tracing::debug!("policy: {}", path.display());
                crate::policy::Policy::load(&path, &crate::rules::known_ids())?
            }
            None => crate::policy::Policy::default(),
        };
    Ok(Settings {
        connectivity: if global.offline {
            Connectivity::Offline
        } else {
            Connectivity::Online
        },
        cache_dir: global.cache_dir.clone(),
        progress: !global.quiet,
        policy,
        ..Settings::default()
    })
}

/// `--dynamic`: checks bubblewrap, strace and user namespaces before anything is audited (a
/// missing one is a usage error, exit 2) and resolves the options; `None` without the flag.
///
/// # Errors
/// A prerequisite is missing; the message says how to install it.
fn dynamic_setup(
    args: &crate::cli::DynamicArgs,
) -> anyhow::Result<Option<(crate::dynamic::sandbox::Tools, crate::dynamic::Options)>> {
    if !args.dynamic {
        return Ok(None);
    }
    let tools = crate::dynamic::prepare()?;
    let options = crate::dynamic::Options {
        timeout: std::time::Duration::from_secs(args.dynamic_timeout),
        force: args.force_dynamic,
        server_args: args.server_arg.clone(),
        ..crate::dynamic::Options::default()
    };
    Ok(Some((tools, options)))
}
