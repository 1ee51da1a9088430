//! The policy (`mcp-audit.toml`): thresholds, rule overrides, allow/deny lists, minimum version
//! age, install scripts, and suppressions.
//!
//! The file format is documented in `docs/scoring.md`. [`discover`] finds the file (the
//! `--policy` flag, else `./mcp-audit.toml`, else `mcp-audit/mcp-audit.toml` in the user config
//! directory); [`Policy::load`] reads it, rejecting unknown keys with the line named.
//! [`apply`] turns raw findings into the findings that count.

pub mod apply;
mod file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mcp_audit_core::model::Severity;

pub use apply::{apply, Applied, Expired, Suppressed, RULES};

/// The name of the policy file.
pub const FILE_NAME: &str = "mcp-audit.toml";

/// Highest value a score threshold may take.
pub const MAX_SCORE_THRESHOLD: u8 = 100;

/// Score thresholds: a score below `block_below` blocks (when a high or critical finding is
/// present), below `warn_below` warns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Scores below this warn (default 90).
    pub warn_below: u8,
    /// Scores below this block, if at least one finding is high or critical (default 35).
    pub block_below: u8,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            warn_below: 90,
            block_below: 35,
        }
    }
}

/// A severity as a policy may set it: a [`Severity`] or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Disable the rule (its findings are listed as suppressed).
    Off,
    /// See [`Severity::Info`].
    Info,
    /// See [`Severity::Low`].
    Low,
    /// See [`Severity::Medium`].
    Medium,
    /// See [`Severity::High`].
    High,
    /// See [`Severity::Critical`].
    Critical,
}

impl Level {
    /// Parses `critical|high|medium|low|info|off`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "off" => Level::Off,
            "info" => Level::Info,
            "low" => Level::Low,
            "medium" => Level::Medium,
            "high" => Level::High,
            "critical" => Level::Critical,
            _ => return None,
        })
    }
}

/// What the policy does with one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    /// The rule's findings are removed (and listed as suppressed).
    Off,
    /// The rule's findings take this severity.
    Severity(Severity),
}

/// A package pattern of an allow or deny list: `[ECOSYSTEM:]NAME`, where `NAME` may contain `*`
/// (any run of characters), so `npm:@scope/*` names a whole npm scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackagePattern {
    /// The pattern as written.
    pub text: String,
    /// `npm`, `pypi`, `crates`, `mcpb`, `github`; `None` matches any ecosystem.
    pub ecosystem: Option<String>,
    /// The normalized name glob.
    pub name: String,
}

const ECOSYSTEMS: [&str; 5] = ["npm", "pypi", "crates", "mcpb", "github"];

impl PackagePattern {
    /// Parses `[ECOSYSTEM:]NAME-GLOB`.
    ///
    /// # Errors
    /// An empty name or an unknown ecosystem prefix.
    pub fn parse(text: &str) -> Result<PackagePattern, String> {
        let trimmed = text.trim();
        let (ecosystem, name) = match trimmed.split_once(':') {
            Some((eco, name)) => {
                let eco = eco.to_ascii_lowercase();
                if !ECOSYSTEMS.contains(&eco.as_str()) {
                    return Err(format!(
                        "unknown ecosystem `{eco}` in `{trimmed}` (expected one of {})",
                        ECOSYSTEMS.join(", ")
                    ));
                }
                (Some(eco), name)
            }
            None => (None, trimmed),
        };
        if name.is_empty() {
            return Err(format!("`{trimmed}` names no package"));
        }
        let name = normalize_name(ecosystem.as_deref().unwrap_or(""), name);
        Ok(PackagePattern {
            text: trimmed.to_string(),
            ecosystem,
            name,
        })
    }

    /// Whether the pattern matches a package.
    #[must_use]
    pub fn matches(&self, ecosystem: &str, name: &str) -> bool {
        if self.ecosystem.as_deref().is_some_and(|e| e != ecosystem) {
            return false;
        }
        glob_match(&self.name, &normalize_name(ecosystem, name))
    }
}

/// Lowercases a name; PyPI and crates.io also treat `-`, `_` and `.` (PyPI) alike.
fn normalize_name(ecosystem: &str, name: &str) -> String {
    let lower = name.trim().to_ascii_lowercase();
    match ecosystem {
        "pypi" | "crates" | "" => lower.replace(['_', '.'], "-"),
        _ => lower,
    }
}

/// `*` matches any run of characters (including `/`); everything else matches itself.
fn glob_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() || !text.ends_with(last) {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// A suppression: the finding with this fingerprint is removed, with a reason, until it expires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The finding fingerprint (lowercase hex).
    pub fingerprint: String,
    /// Why the finding is accepted (required).
    pub reason: String,
    /// The day the suppression stops working (UTC); `None`: never.
    pub expires: Option<time::Date>,
    /// Line of the `[[suppress]]` entry in the policy file.
    pub line: usize,
}

impl Suppression {
    /// Whether the suppression has expired on `today` (it stops working on its `expires` day).
    #[must_use]
    pub fn is_expired(&self, today: time::Date) -> bool {
        self.expires.is_some_and(|d| today >= d)
    }
}

/// A resolved policy. [`Policy::default`] is the built-in policy used when no file exists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// The file it was read from, for messages.
    pub source: Option<String>,
    /// Hex sha256 of the policy file's bytes (`None`: the built-in policy).
    pub digest: Option<String>,
    /// Whether `install` may run lifecycle and build scripts (default: never).
    pub allow_install_scripts: bool,
    /// Verdict thresholds.
    pub thresholds: Thresholds,
    /// Per-rule overrides, by rule id.
    pub rules: BTreeMap<String, RuleSetting>,
    /// Packages the user trusts: audited and reported, but only a critical finding blocks them.
    pub allow: Vec<PackagePattern>,
    /// Packages that are always blocked.
    pub deny: Vec<PackagePattern>,
    /// Versions published fewer days ago than this are blocked (registry targets only).
    pub min_version_age_days: Option<u32>,
    /// Accepted findings.
    pub suppressions: Vec<Suppression>,
}

/// A policy file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("cannot read policy `{path}`: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a valid policy.
    #[error("invalid policy `{path}` line {line}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl Policy {
    /// Reads and validates a policy file. `known_rules` are the rule ids `[rules]` may name
    /// (the catalog's, `mcp_audit::rules::known_ids`).
    ///
    /// # Errors
    /// The file cannot be read, is not TOML, has unknown keys, or fails validation; the error
    /// names the file and the line.
    pub fn load(path: &Path, known_rules: &[&str]) -> Result<Policy, PolicyError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| PolicyError::Read {
            path: shown.clone(),
            source,
        })?;
        Policy::parse(&text, &shown, known_rules)
    }

    /// Parses policy text; `path` names it in errors.
    ///
    /// # Errors
    /// As [`Policy::load`].
    pub fn parse(text: &str, path: &str, known_rules: &[&str]) -> Result<Policy, PolicyError> {
        file::parse(text, path, known_rules)
    }

    /// The first allow-list pattern matching the package.
    #[must_use]
    pub fn allowed_by(&self, ecosystem: &str, name: &str) -> Option<&PackagePattern> {
        self.allow.iter().find(|p| p.matches(ecosystem, name))
    }

    /// The first deny-list pattern matching the package.
    #[must_use]
    pub fn denied_by(&self, ecosystem: &str, name: &str) -> Option<&PackagePattern> {
        self.deny.iter().find(|p| p.matches(ecosystem, name))
    }
}

/// Finds the policy file: `explicit` (which must exist), else `cwd/mcp-audit.toml`, else
/// `config_dir/mcp-audit/mcp-audit.toml`. `None`: use the built-in policy.
#[must_use]
pub fn discover(explicit: Option<&Path>, cwd: &Path, config_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    let local = cwd.join(FILE_NAME);
    if local.is_file() {
        return Some(local);
    }
    config_dir
        .map(|d| d.join("mcp-audit").join(FILE_NAME))
        .filter(|p| p.is_file())
}

/// The user configuration directory: `$XDG_CONFIG_HOME`, else `~/Library/Application Support`
/// on macOS, `%APPDATA%` on Windows, `~/.config` elsewhere.
#[must_use]
pub fn user_config_dir() -> Option<PathBuf> {
    let nonempty = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = nonempty("XDG_CONFIG_HOME") {
        return Some(dir);
    }
    if cfg!(windows) {
        return nonempty("APPDATA");
    }
    let home = nonempty("HOME")?;
    if cfg!(target_os = "macos") {
        Some(home.join("Library").join("Application Support"))
    } else {
        Some(home.join(".config"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_names_scopes_and_ecosystems() {
        let p = PackagePattern::parse("npm:@modelcontextprotocol/*").unwrap();
        assert!(p.matches("npm", "@modelcontextprotocol/server-filesystem"));
        assert!(!p.matches("npm", "@evil/server-filesystem"));
        assert!(!p.matches("pypi", "@modelcontextprotocol/x"));
        let p = PackagePattern::parse("pypi:mcp_server_git").unwrap();
        assert!(p.matches("pypi", "MCP-Server.Git"));
        let p = PackagePattern::parse("*-stealer").unwrap();
        assert!(p.matches("npm", "token-stealer"));
        assert!(!p.matches("npm", "stealer-free"));
        let p = PackagePattern::parse("a*b*c").unwrap();
        assert!(p.matches("npm", "abc") && p.matches("npm", "axxbyyc"));
        assert!(!p.matches("npm", "ac") && !p.matches("npm", "acb"));
        assert!(PackagePattern::parse("foo:bar").is_err());
        assert!(PackagePattern::parse("npm:").is_err());
    }

    #[test]
    fn full_policy_parses() {
        let text = r#"
allow_install_scripts = true

[thresholds]
warn_below = 80
block_below = 30

[rules]
empty-package = "critical"

[packages]
allow = ["npm:@modelcontextprotocol/*"]
deny = ["pypi:evil"]
min_version_age_days = 7

[[suppress]]
fingerprint = "00FF00ff00ff00ff"
reason = "reviewed"
expires = 2027-01-31

[[suppress]]
fingerprint = "ab"
reason = "string dates work too"
expires = "2027-02-01"
"#;
        let p = Policy::parse(text, "p.toml", &["empty-package"]).unwrap();
        assert!(p.allow_install_scripts);
        assert_eq!(
            p.thresholds,
            Thresholds {
                warn_below: 80,
                block_below: 30
            }
        );
        assert_eq!(
            p.rules["empty-package"],
            RuleSetting::Severity(Severity::Critical)
        );
        assert_eq!(p.min_version_age_days, Some(7));
        assert_eq!(p.suppressions[0].fingerprint, "00ff00ff00ff00ff");
        assert_eq!(p.suppressions[0].line, 16);
        let day = time::macros::date!(2027 - 01 - 31);
        assert!(p.suppressions[0].is_expired(day));
        assert!(!p.suppressions[0].is_expired(day.previous_day().unwrap()));
        assert_eq!(p.suppressions[1].expires, day.next_day());
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                "[thresholds]\nwarn_below = 80\nbogus = 1\n",
                3,
                "unknown field `bogus`",
            ),
            ("\n\ncolour = true\n", 3, "unknown field `colour`"),
            (
                "[rules]\nno-such-rule = \"high\"\n",
                2,
                "unknown rule `no-such-rule`",
            ),
            (
                "[rules]\nempty-package = \"severe\"\n",
                2,
                "must be one of critical, high",
            ),
            ("[rules]\nempty-package = 3\n", 2, "expected a string"),
            (
                "[[suppress]]\nfingerprint = \"ab\"\nreason = \"r\"\nexpires = \"soon\"\n",
                4,
                "must be a date",
            ),
            (
                "[[suppress]]\nfingerprint = \"abcd\"\n",
                1,
                "needs a `reason`",
            ),
            (
                "\n[[suppress]]\nfingerprint = \"abcd\"\nreason = \"  \"\n",
                4,
                "empty `reason`",
            ),
            ("[packages]\ndeny = [\"cargo:x\"]\n", 2, "unknown ecosystem"),
            ("[thresholds]\nblock_below = 101\n", 2, "0 to 100"),
            (
                "[thresholds]\nwarn_below = 20\nblock_below = 40\n",
                3,
                "is above",
            ),
            ("x = [\n", 1, "unclosed array"),
        ];
        for (text, line, needle) in cases {
            let err = Policy::parse(text, "dir/mcp-audit.toml", &["empty-package"])
                .unwrap_err()
                .to_string();
            assert!(
                err.starts_with(&format!(
                    "invalid policy `dir/mcp-audit.toml` line {line}: "
                )),
                "{text:?} gave {err}"
            );
            assert!(err.contains(needle), "{text:?} gave {err}");
            assert!(!err.contains('\n'), "multi-line error: {err}");
        }
    }

    #[test]
    fn discovery_order() {
        let cwd = tempfile::tempdir().unwrap();
        let cfg = tempfile::tempdir().unwrap();
        assert_eq!(discover(None, cwd.path(), Some(cfg.path())), None);
        std::fs::create_dir_all(cfg.path().join("mcp-audit")).unwrap();
        std::fs::write(cfg.path().join("mcp-audit").join(FILE_NAME), "").unwrap();
        assert_eq!(
            discover(None, cwd.path(), Some(cfg.path())),
            Some(cfg.path().join("mcp-audit").join(FILE_NAME))
        );
        std::fs::write(cwd.path().join(FILE_NAME), "").unwrap();
        assert_eq!(
            discover(None, cwd.path(), Some(cfg.path())),
            Some(cwd.path().join(FILE_NAME))
        );
        let explicit = Path::new("/elsewhere/p.toml");
        assert_eq!(
            discover(Some(explicit), cwd.path(), Some(cfg.path())),
            Some(explicit.to_path_buf())
        );
    }
}
