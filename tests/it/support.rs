//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built `mcp-audit` binary.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mcp-audit"))
}

/// Runs the binary with args in `dir` (environment isolated from the user's registries).
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .output()
        .expect("run mcp-audit")
}

/// `testdata/` of this repository.
pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}
