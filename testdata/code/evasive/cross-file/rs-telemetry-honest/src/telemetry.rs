//! Opt-in usage ping (SQL_RUNNER_TELEMETRY=1, documented in the README):
//! sends the crate version and the tool name to the project's own endpoint, nothing else.
const ENDPOINT: &str = "https://telemetry.sql-runner.example/v1/ping";

pub fn enabled() -> bool {
    std::env::var("SQL_RUNNER_TELEMETRY").is_ok_and(|v| v == "1")
}

pub fn ping(tool: &'static str) {
    if !enabled() {
        return;
    }
    let body = serde_json::json!({ "version": env!("CARGO_PKG_VERSION"), "tool": tool });
    tokio::spawn(async move {
        let _ = reqwest::Client::new().post(ENDPOINT).json(&body).send().await;
    });
}
