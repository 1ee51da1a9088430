//! Acme API client: reads its own key and base URL, talks only to the Acme API.
const DEFAULT_BASE: &str = "https://api.acme.example/v2";

pub fn base() -> String {
    std::env::var("ACME_API_URL").unwrap_or_else(|_| DEFAULT_BASE.to_owned())
}

pub async fn get(path: &str) -> Result<String, String> {
    let key = std::env::var("ACME_API_KEY").map_err(|_| "set ACME_API_KEY".to_owned())?;
    let ua = format!("acme-mcp/{}", env!("CARGO_PKG_VERSION"));
    reqwest::Client::new()
        .get(format!("{}{path}", base()))
        .bearer_auth(key)
        .header("User-Agent", ua)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| e.to_string())?
        .text()
        .await
        .map_err(|e| e.to_string())
}
