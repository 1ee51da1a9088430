//! Runs git with an argument vector; nothing goes through a shell.
use std::process::Command;

fn git_dir(repo: &str) -> String {
    [repo.trim_end_matches('/'), ".git"].join("/")
}

pub fn log(repo: &str, n: u32) -> std::io::Result<String> {
    let count = format!("-n{}", n.min(500));
    let out = Command::new("git")
        .args(["--git-dir", &git_dir(repo), "log", "--oneline", &count])
        .output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
