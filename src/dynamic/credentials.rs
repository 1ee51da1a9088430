//! The variables a package declares (set to placeholders in the sandbox), and telling "needs a
//! credential to start" from other failures by what the server or installer said.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

/// The value every declared variable gets in the sandbox.
pub const PLACEHOLDER: &str = "mcp-audit-placeholder";

/// The launch's own variables (an MCPB `mcp_config.env`, with its defaults), plus every
/// variable the package's `server.json` declares, set to [`PLACEHOLDER`] unless the launch
/// gives a non-secret default. Nothing comes from the host environment.
#[must_use]
pub fn placeholders(
    launch_env: &BTreeMap<String, String>,
    install: &Path,
    name: &str,
) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = launch_env
        .iter()
        .map(|(k, v)| {
            let value = if looks_secret(k) || v.is_empty() {
                PLACEHOLDER.to_string()
            } else {
                v.clone()
            };
            (k.clone(), value)
        })
        .collect();
    for file in [
        install.join("node_modules").join(name).join("server.json"),
        install.join("bundle").join("server.json"),
    ] {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Ok(doc) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for pkg in doc["packages"].as_array().into_iter().flatten() {
            for var in pkg["environmentVariables"].as_array().into_iter().flatten() {
                if let Some(n) = var["name"].as_str().filter(|n| valid_name(n)) {
                    env.entry(n.to_string())
                        .or_insert_with(|| PLACEHOLDER.to_string());
                }
            }
        }
    }
    env
}

fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 128
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn looks_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    [
        "KEY",
        "TOKEN",
        "SECRET",
        "PASSWORD",
        "PASS",
        "CREDENTIAL",
        "AUTH",
    ]
    .iter()
    .any(|w| upper.contains(w))
}

static VAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_(?:API_KEY|KEY|TOKEN|SECRET|PASSWORD|PAT|CREDENTIALS?|ACCESS_KEY_ID|SECRET_ACCESS_KEY|URL|URI|DSN|ID|EMAIL|ACCOUNT|PROJECT|REGION)\b")
        .expect("valid regex")
});

static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(api[ _-]?key|access[ _-]?token|token|credentials?|secret|password|client[ _-]?id)\b[^\n]{0,80}\b(required|missing|not (?:set|found|provided|configured)|must be (?:set|provided)|is empty|invalid)\b|\b(missing|requires?|no|set|provide)\b[^\n]{0,40}\b(api[ _-]?key|access[ _-]?token|token|credentials?|environment variable)")
        .expect("valid regex")
});

/// What the server's stderr says it needs: the variable names it mentions next to a
/// credential complaint, else the phrase itself; empty when it does not look like one.
#[must_use]
pub fn from_stderr(tail: &str) -> Vec<String> {
    let Some(m) = PHRASE.find(tail) else {
        // A variable named like a credential in an error line counts too.
        let names = names_in(tail);
        let complaint = tail.to_ascii_lowercase();
        if !names.is_empty()
            && ["error", "required", "missing", "not set", "must", "invalid"]
                .iter()
                .any(|w| complaint.contains(w))
        {
            return names;
        }
        return Vec::new();
    };
    let names = names_in(tail);
    if names.is_empty() {
        vec![mcp_audit_core::model::excerpt(m.as_str(), 80)]
    } else {
        names
    }
}

/// An installer error that means "needs a setting" (an MCPB `user_config` without default).
#[must_use]
pub fn from_install_error(text: &str) -> Vec<String> {
    if !text.contains("needs a setting") {
        return Vec::new();
    }
    static SETTING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"setting `([^`]{1,80})`").expect("valid regex"));
    let found: Vec<String> = SETTING
        .captures_iter(text)
        .map(|c| format!("setting {}", &c[1]))
        .collect();
    if found.is_empty() {
        vec!["a setting without a default".into()]
    } else {
        found
    }
}

fn names_in(text: &str) -> Vec<String> {
    let mut names: Vec<String> = VAR
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect();
    names.sort();
    names.dedup();
    names.truncate(8);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_credential_complaints() {
        assert_eq!(
            from_stderr("Error: GITHUB_PERSONAL_ACCESS_TOKEN environment variable is required"),
            ["GITHUB_PERSONAL_ACCESS_TOKEN"]
        );
        assert_eq!(
            from_stderr("ValueError: BRAVE_API_KEY not set"),
            ["BRAVE_API_KEY"]
        );
        assert_eq!(
            from_stderr("Missing API key. Pass --key."),
            ["Missing API key"]
        );
        assert!(from_stderr("Usage: server <allowed-directory>").is_empty());
        assert_eq!(
            from_stderr(
                "ZodError: [ { envVar: 'NCBI_ADMIN_EMAIL', message: 'Invalid email address' } ]"
            ),
            ["NCBI_ADMIN_EMAIL"]
        );
        assert!(from_stderr("Listening on stdio").is_empty());
        assert!(from_stderr("TypeError: x is not a function").is_empty());
    }

    #[test]
    fn placeholders_hide_secrets_and_keep_settings() {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("node_modules/srv");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(
            pkg.join("server.json"),
            r#"{"packages":[{"environmentVariables":[{"name":"SRV_TOKEN","isSecret":true},{"name":"bad name"}]}]}"#,
        )
        .unwrap();
        let launch = BTreeMap::from([
            ("LOG_LEVEL".to_string(), "info".to_string()),
            ("API_KEY".to_string(), "sk-real".to_string()),
        ]);
        let env = placeholders(&launch, dir.path(), "srv");
        assert_eq!(env["LOG_LEVEL"], "info");
        assert_eq!(env["API_KEY"], PLACEHOLDER);
        assert_eq!(env["SRV_TOKEN"], PLACEHOLDER);
        assert_eq!(env.len(), 3);
    }
}
