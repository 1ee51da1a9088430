// Build script: embeds the git commit so `--version` can name it.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=.git/HEAD");
    let hash = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=GIT_HASH={hash}");
}
