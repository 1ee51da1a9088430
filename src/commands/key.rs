//! `mcp-audit key generate [--output DIR]`

use std::fmt::Write as _;
use std::path::Path;

use crate::attest::keys;
use crate::cli::{GlobalArgs, KeyCommand};

pub(crate) fn run(command: &KeyCommand, global: &GlobalArgs) -> anyhow::Result<u8> {
    match command {
        KeyCommand::Generate(_) => {
            let dir = global.output.as_deref().unwrap_or(Path::new("."));
            let files = keys::write_pair(dir, &keys::generate()?)?;
            let mut text = String::new();
            let _ = writeln!(
                text,
                "private key: {} (keep it secret)",
                files.private.display()
            );
            let _ = writeln!(text, "public key:  {}", files.public.display());
            let _ = writeln!(text, "key id:      {}", files.key_id);
            super::write_text(&text, None)?;
            Ok(super::EXIT_OK)
        }
    }
}
