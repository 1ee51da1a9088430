//! `mcp-audit log`: the guard's action log.

use crate::cli::{Format, GlobalArgs, LogArgs};
use crate::guard::{log, view};
use crate::install::home::Home;

use super::EXIT_OK;

pub(crate) fn run(args: &LogArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let home = Home::from_env()?;
    let since = args
        .since
        .as_deref()
        .map(|s| log::parse_since(s, time::OffsetDateTime::now_utc()))
        .transpose()?;
    let records = view::log_records(&home, args.server.as_deref(), since)?;
    let text = match global.format {
        Format::Json => serde_json::to_string_pretty(&records)? + "\n",
        Format::Human => view::render_log(&records),
        Format::Sarif | Format::Markdown => {
            anyhow::bail!("`mcp-audit log` writes human or json (--format json)")
        }
    };
    super::write_text(&text, global.output.as_deref())?;
    Ok(EXIT_OK)
}
