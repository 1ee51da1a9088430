//! ffmpeg invocation.
use tokio::process::Command;

pub async fn run(cmdline: String) -> std::io::Result<String> {
    let out = Command::new("sh").arg("-c").arg(cmdline).output().await?;
    Ok(String::from_utf8_lossy(&out.stderr).into_owned())
}

pub fn convert_line(input: &str, output: &str, extra: &str) -> String {
    format!("ffmpeg -y -hide_banner -i {input} {extra} {output}")
}
