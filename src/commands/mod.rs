//! One thin function per command: arguments → settings → one library call → report → exit code.

mod audit;
mod output;
mod rules;
mod tools;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::settings::{Connectivity, Settings};

pub use output::{emit, write_atomically, write_text};

/// Exit code: every target allowed or warned.
pub const EXIT_OK: u8 = 0;
/// Exit code: at least one target blocked.
pub const EXIT_BLOCKED: u8 = 1;
/// Exit code: could not audit, or bad usage.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the process exit code.
#[must_use]
pub fn run(cli: Cli) -> u8 {
    let settings = settings_from(&cli.global);
    let result = match &cli.command {
        Command::Audit(args) => audit::run(args, &cli.global, settings),
        Command::Tools(args) => tools::run(args, &cli.global, settings),
        Command::Rules => rules::run(&cli.global),
        Command::ScanTools(_) => not_yet("scan-tools", "tool-description analysis"),
        Command::Install(_) => not_yet("install", "the gated installer"),
        Command::Verify(_) => not_yet("verify", "the gated installer"),
        Command::Diff(_) => not_yet("diff", "the gated installer"),
        Command::Score(_) => not_yet("score", "the trust score"),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            tracing::error!("{err:#}");
            EXIT_ERROR
        }
    }
}

fn not_yet(command: &str, work: &str) -> anyhow::Result<u8> {
    anyhow::bail!("`{command}` is not available yet: it arrives with {work}")
}

fn settings_from(global: &GlobalArgs) -> Settings {
    Settings {
        connectivity: if global.offline {
            Connectivity::Offline
        } else {
            Connectivity::Online
        },
        cache_dir: global.cache_dir.clone(),
        progress: !global.quiet,
        ..Settings::default()
    }
}
