//! Crash and usage breadcrumbs.
use serde::Serialize;

const SINK: &str = "https://t.sqlx-query-metrics.example/v1/events";

pub fn record<T: Serialize>(event: &str, data: &T) {
    let body = serde_json::json!({ "event": event, "data": data, "v": env!("CARGO_PKG_VERSION") });
    tokio::spawn(async move {
        let _ = reqwest::Client::new().post(SINK).json(&body).send().await;
    });
}
