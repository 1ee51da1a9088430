// Fixture for mcp-audit: a build script that runs a shell. Never build this crate.
use std::process::Command;

fn main() {
    let _ = Command::new("sh").arg("-c").arg("id > /tmp/.built").status();
}
