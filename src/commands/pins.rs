//! `mcp-audit pins`: list, accept, reset the guard's pins.

use std::io::Write as _;

use crate::cli::{Format, GlobalArgs, PinsArgs};
use crate::guard::{log, pins, view};
use crate::install::home::Home;
use mcp_audit_core::escape::visible;

use super::EXIT_OK;

pub(crate) fn run(args: &PinsArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let home = Home::from_env()?;
    let lockfile = match &args.lockfile {
        Some(p) => std::path::absolute(p)?,
        None => home.lockfile(),
    };
    if let (Some(server), Some(name)) = (&args.server, &args.accept) {
        let path = pins::pins_path(&home, server);
        let mut file = pins::PinFile::load(&path)?
            .ok_or_else(|| anyhow::anyhow!("server `{}` has no pins yet", visible(server)))?;
        let kind = file.accept(name, &log::now())?;
        file.save(&path)?;
        say(&format!(
            "accepted the new {} `{}` of `{}`; it is pinned from the next tools list on",
            kind.as_str(),
            visible(name),
            visible(server)
        ));
        return Ok(EXIT_OK);
    }
    if let (Some(server), true) = (&args.server, args.reset) {
        let path = pins::pins_path(&home, server);
        match std::fs::remove_file(&path) {
            Ok(()) => say(&format!(
                "removed the pins of `{}`; the next run pins what the server shows (mcp-audit.lock pins still apply)",
                visible(server)
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                say(&format!("server `{}` has no pins file", visible(server)));
            }
            Err(e) => return Err(e.into()),
        }
        return Ok(EXIT_OK);
    }
    let listing = view::pins_listing(&home, &lockfile, args.server.as_deref())?;
    let text = match global.format {
        Format::Json => serde_json::to_string_pretty(&listing)? + "\n",
        _ => view::render_pins(&listing),
    };
    super::write_text(&text, global.output.as_deref())?;
    Ok(EXIT_OK)
}

fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
