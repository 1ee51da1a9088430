//! The on-disk shape of `mcp-audit.toml` and its validation into a [`Policy`].
//!
//! Parsing rejects unknown keys; validation collects every problem (unknown rule ids, empty
//! suppression reasons, bad patterns) and reports the first one with its line.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Level, PackagePattern, Policy, PolicyError, RuleSetting, Suppression, Thresholds,
    MAX_SCORE_THRESHOLD,
};
use mcp_audit_core::model::Severity;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    /// Whether `install` may ever run lifecycle/build scripts.
    #[serde(default)]
    allow_install_scripts: bool,
    #[serde(default)]
    thresholds: RawThresholds,
    /// Rule id → `critical|high|medium|low|info|off`.
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    packages: RawPackages,
    #[serde(default)]
    suppress: Vec<Spanned<RawSuppression>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThresholds {
    warn_below: Option<Spanned<i64>>,
    block_below: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPackages {
    #[serde(default)]
    allow: Vec<Spanned<String>>,
    #[serde(default)]
    deny: Vec<Spanned<String>>,
    min_version_age_days: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuppression {
    fingerprint: Spanned<String>,
    reason: Option<Spanned<String>>,
    expires: Option<Spanned<toml::Value>>,
}

/// 1-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parses and validates policy text. `path` names the file in errors.
pub(super) fn parse(text: &str, path: &str, known_rules: &[&str]) -> Result<Policy, PolicyError> {
    let raw: RawPolicy = toml::from_str(text).map_err(|err| PolicyError::Invalid {
        path: path.to_string(),
        line: err.span().map_or(1, |s| line_of(text, s.start)),
        message: one_line(err.message()),
    })?;
    let bad = |span: std::ops::Range<usize>, message: String| PolicyError::Invalid {
        path: path.to_string(),
        line: line_of(text, span.start),
        message,
    };

    let defaults = Thresholds::default();
    let threshold = |v: &Option<Spanned<i64>>, default: u8, key: &str| match v {
        None => Ok(default),
        Some(s) => u8::try_from(*s.get_ref())
            .ok()
            .filter(|n| *n <= MAX_SCORE_THRESHOLD)
            .ok_or_else(|| {
                bad(
                    s.span(),
                    format!(
                        "`thresholds.{key}` must be a score from 0 to 100, not {}",
                        s.get_ref()
                    ),
                )
            }),
    };
    let thresholds = Thresholds {
        warn_below: threshold(
            &raw.thresholds.warn_below,
            defaults.warn_below,
            "warn_below",
        )?,
        block_below: threshold(
            &raw.thresholds.block_below,
            defaults.block_below,
            "block_below",
        )?,
    };
    if thresholds.block_below > thresholds.warn_below {
        let span = raw
            .thresholds
            .block_below
            .as_ref()
            .or(raw.thresholds.warn_below.as_ref())
            .map_or(0..0, Spanned::span);
        return Err(bad(
            span,
            format!(
                "`thresholds.block_below` ({}) is above `thresholds.warn_below` ({})",
                thresholds.block_below, thresholds.warn_below
            ),
        ));
    }

    let mut rules = BTreeMap::new();
    for (id, level) in raw.rules {
        if !known_rules.contains(&id.as_str()) {
            return Err(bad(
                level.span(),
                format!("unknown rule `{id}` in [rules] (see `mcp-audit rules`)"),
            ));
        }
        let Some(parsed) = Level::parse(level.get_ref()) else {
            return Err(bad(
                level.span(),
                format!(
                    "`[rules] {id}` must be one of critical, high, medium, low, info, off, not `{}`",
                    mcp_audit_core::escape::visible(level.get_ref())
                ),
            ));
        };
        let setting = match parsed {
            Level::Off => RuleSetting::Off,
            Level::Critical => RuleSetting::Severity(Severity::Critical),
            Level::High => RuleSetting::Severity(Severity::High),
            Level::Medium => RuleSetting::Severity(Severity::Medium),
            Level::Low => RuleSetting::Severity(Severity::Low),
            Level::Info => RuleSetting::Severity(Severity::Info),
        };
        rules.insert(id, setting);
    }

    let patterns = |list: Vec<Spanned<String>>, key: &str| {
        list.into_iter()
            .map(|s| {
                let span = s.span();
                PackagePattern::parse(s.get_ref())
                    .map_err(|why| bad(span, format!("`packages.{key}`: {why}")))
            })
            .collect::<Result<Vec<_>, _>>()
    };
    let allow = patterns(raw.packages.allow, "allow")?;
    let deny = patterns(raw.packages.deny, "deny")?;
    let min_version_age_days = match raw.packages.min_version_age_days {
        None => None,
        Some(s) => Some(u32::try_from(*s.get_ref()).map_err(|_| {
            bad(
                s.span(),
                format!(
                    "`packages.min_version_age_days` must be a number of days, not {}",
                    s.get_ref()
                ),
            )
        })?),
    };

    let suppressions = suppressions(raw.suppress, text, &bad)?;

    Ok(Policy {
        source: Some(path.to_string()),
        digest: Some(hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
            text.as_bytes(),
        ))),
        allow_install_scripts: raw.allow_install_scripts,
        thresholds,
        rules,
        allow,
        deny,
        min_version_age_days,
        suppressions,
    })
}

/// The `[[suppress]]` entries, each with a hex fingerprint, a reason and an optional expiry.
fn suppressions(
    raw: Vec<Spanned<RawSuppression>>,
    text: &str,
    bad: &impl Fn(std::ops::Range<usize>, String) -> PolicyError,
) -> Result<Vec<Suppression>, PolicyError> {
    let mut suppressions = Vec::new();
    for entry in raw {
        let span = entry.span();
        let entry = entry.into_inner();
        let fingerprint = entry.fingerprint.get_ref().trim().to_ascii_lowercase();
        if fingerprint.is_empty() || !fingerprint.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad(
                entry.fingerprint.span(),
                format!(
                    "suppression fingerprint `{}` is not a finding fingerprint (hex, as shown in reports)",
                    mcp_audit_core::escape::visible(entry.fingerprint.get_ref())
                ),
            ));
        }
        let reason = match entry.reason {
            Some(r) if !r.get_ref().trim().is_empty() => r.into_inner().trim().to_string(),
            Some(r) => {
                return Err(bad(
                    r.span(),
                    format!("suppression of `{fingerprint}` has an empty `reason`"),
                ))
            }
            None => {
                return Err(bad(
                    span,
                    format!("suppression of `{fingerprint}` needs a `reason`"),
                ))
            }
        };
        let expires = match entry.expires {
            None => None,
            Some(d) => Some(parse_date(d.get_ref()).ok_or_else(|| {
                bad(
                    d.span(),
                    "`expires` must be a date such as 2027-01-31".to_string(),
                )
            })?),
        };
        suppressions.push(Suppression {
            fingerprint,
            reason,
            expires,
            line: line_of(text, span.start),
        });
    }
    Ok(suppressions)
}

/// A TOML date (`2027-01-31`, or the date part of a datetime) or a `YYYY-MM-DD` string.
fn parse_date(value: &toml::Value) -> Option<time::Date> {
    match value {
        toml::Value::Datetime(dt) => {
            let d = dt.date?;
            time::Date::from_calendar_date(
                i32::from(d.year),
                time::Month::try_from(d.month).ok()?,
                d.day,
            )
            .ok()
        }
        toml::Value::String(s) => time::Date::parse(
            s.trim(),
            time::macros::format_description!("[year]-[month]-[day]"),
        )
        .ok(),
        _ => None,
    }
}

/// The first line of a parser message (toml's messages may span lines).
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}
