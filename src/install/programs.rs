//! External programs (npm, node, python3, cargo): resolved to absolute paths from `PATH`
//! before anything runs, never from the package's own directory or the current directory.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::Context as _;

/// Finds `name` on `path_var` (a `PATH` value), skipping relative entries and any directory
/// inside one of `exclude` (the staging and server directories).
#[must_use]
pub fn find_in(name: &str, path_var: Option<&OsString>, exclude: &[&Path]) -> Option<PathBuf> {
    let path_var = path_var?;
    for dir in std::env::split_paths(path_var) {
        if !dir.is_absolute() || exclude.iter().any(|e| dir.starts_with(e)) {
            continue;
        }
        for candidate in candidates(&dir, name) {
            if is_executable(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

fn candidates(dir: &Path, name: &str) -> Vec<PathBuf> {
    if cfg!(windows) {
        ["exe", "cmd", "bat"]
            .iter()
            .map(|ext| dir.join(format!("{name}.{ext}")))
            .collect()
    } else {
        vec![dir.join(name)]
    }
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Resolves a program the installer needs, with a one-line error naming it.
///
/// # Errors
/// The program is not on `PATH`.
pub fn require(name: &str, why: &str, exclude: &[&Path]) -> anyhow::Result<PathBuf> {
    find_in(name, std::env::var_os("PATH").as_ref(), exclude)
        .ok_or_else(|| anyhow::anyhow!("`{name}` is not on PATH; it is needed to {why}"))
}

/// Runs a resolved program to completion in `cwd`, with its output captured; a non-zero exit
/// is an error carrying the last lines of stderr.
///
/// # Errors
/// The program cannot start or fails.
pub fn run(
    program: &Path,
    args: &[&std::ffi::OsStr],
    cwd: &Path,
    env: &[(&str, &str)],
) -> anyhow::Result<Output> {
    debug_assert!(program.is_absolute());
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    tracing::info!(
        "running {} {}",
        program.display(),
        args.iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let out = cmd
        .output()
        .with_context(|| format!("cannot run `{}`", program.display()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(8).collect();
        let tail: Vec<String> = tail
            .into_iter()
            .rev()
            .map(mcp_audit_core::escape::visible)
            .collect();
        anyhow::bail!(
            "`{}` failed ({}): {}",
            program.display(),
            out.status,
            tail.join(" | ")
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn finds_absolute_executables_and_skips_excluded_and_relative_dirs() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good");
        let bad = dir.path().join("pkg/bin");
        for d in [&good, &bad] {
            std::fs::create_dir_all(d).unwrap();
            let p = d.join("npm");
            std::fs::write(&p, "#!/bin/sh\n").unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::write(good.join("plain"), "").unwrap();
        let path = std::env::join_paths([Path::new("relative"), &bad, &good]).unwrap();
        let excluded = dir.path().join("pkg");
        assert_eq!(
            find_in("npm", Some(&path), &[&excluded]),
            Some(good.join("npm"))
        );
        assert_eq!(find_in("npm", Some(&path), &[]), Some(bad.join("npm")));
        assert_eq!(find_in("plain", Some(&path), &[]), None, "not executable");
        assert_eq!(find_in("npm", None, &[]), None);
    }
}
