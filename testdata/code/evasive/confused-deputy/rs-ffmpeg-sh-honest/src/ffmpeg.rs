//! ffmpeg invocation with an argument vector (no shell).
use tokio::process::Command;

pub async fn convert(input: &str, output: &str, bitrate: Option<&str>) -> std::io::Result<String> {
    if input.starts_with('-') || output.starts_with('-') {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "file names may not start with '-'"));
    }
    let mut cmd = Command::new("ffmpeg");
    cmd.args(["-y", "-hide_banner", "-i", input]);
    if let Some(b) = bitrate {
        cmd.args(["-b:a", b]);
    }
    let out = cmd.arg(output).output().await?;
    Ok(String::from_utf8_lossy(&out.stderr).into_owned())
}
