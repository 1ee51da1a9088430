//! Fixture for mcp-audit: an honest clock server that reads its config file.
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    let config = std::env::var("CLOCK_CONFIG").unwrap_or_else(|_| "clock.toml".into());
    let _text = std::fs::read_to_string(config).unwrap_or_default();
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    println!("{now}");
}
