//! `mcp-audit run`: the runtime guard.

use crate::cli::{OnChangeArg, RunArgs};
use crate::guard::{self, Ending, GuardOptions, OnChange};
use crate::install::home::Home;

use super::{EXIT_BLOCKED, EXIT_ERROR};

pub(crate) fn run(args: &RunArgs) -> anyhow::Result<u8> {
    let Some((command, server_args)) = args.command.split_first() else {
        anyhow::bail!(
            "no server command: give it after `--`, e.g. `mcp-audit run -- npx -y SERVER`"
        );
    };
    let home = Home::from_env()?;
    let lockfile = match &args.lockfile {
        Some(p) => std::path::absolute(p)?,
        None => home.lockfile(),
    };
    let options = GuardOptions {
        server: args.server.clone(),
        command: command.clone(),
        args: server_args.to_vec(),
        on_change: match args.on_change {
            OnChangeArg::Allow => OnChange::Allow,
            OnChangeArg::Withhold => OnChange::Withhold,
            OnChangeArg::Stop => OnChange::Stop,
        },
        log_args: args.log_args,
        home,
        lockfile,
    };
    Ok(match guard::run(&options)? {
        // Exit codes are 0–255; the low byte is what a shell sees anyway.
        Ending::Exited(code) => u8::try_from(code & 0xff).unwrap_or(EXIT_ERROR),
        Ending::Stopped(why) => {
            tracing::error!("{why}");
            EXIT_BLOCKED
        }
        Ending::Failed(why) => {
            tracing::error!("{why}");
            EXIT_ERROR
        }
    })
}
