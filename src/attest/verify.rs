//! `verify-score`: checks a signed score part by part — the signature, the subject (against the
//! predicate and the real artifact) and, with a re-audit, the predicate byte for byte — and says
//! which part failed.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use ed25519_dalek::VerifyingKey;
use serde::Serialize;
use serde_json::Value;

use super::dsse::{Envelope, EnvelopeError, IN_TOTO_PAYLOAD_TYPE, MAX_ENVELOPE_BYTES};
use super::keys;
use super::statement::SignedStatement;
use crate::report::score_doc::ScoreDocument;
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;

/// The result of one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "detail", rename_all = "lowercase")]
pub enum Status {
    /// Checked and good.
    Valid(String),
    /// Checked and bad: the attestation must not be trusted.
    Invalid(String),
    /// Could not be checked (the artifact could not be obtained, the re-audit failed).
    Unchecked(String),
    /// Not asked for (the predicate without `--reaudit`).
    Skipped(String),
}

/// The three parts of a signed score and what each check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The DSSE signature over the statement.
    pub signature: Status,
    /// The subject: the artifact's package URL and sha256.
    pub subject: Status,
    /// The predicate: the score document.
    pub predicate: Status,
}

impl Outcome {
    /// `(part, status)` in the order they are reported.
    #[must_use]
    pub fn parts(&self) -> [(&'static str, &Status); 3] {
        [
            ("signature", &self.signature),
            ("subject", &self.subject),
            ("predicate", &self.predicate),
        ]
    }

    /// The names of the parts that are invalid.
    #[must_use]
    pub fn invalid_parts(&self) -> Vec<&'static str> {
        self.parts()
            .into_iter()
            .filter(|(_, s)| matches!(s, Status::Invalid(_)))
            .map(|(n, _)| n)
            .collect()
    }

    /// 0 valid, 1 some part invalid, 2 some part could not be checked.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        let parts = self.parts();
        if parts.iter().any(|(_, s)| matches!(s, Status::Invalid(_))) {
            1
        } else if parts.iter().any(|(_, s)| matches!(s, Status::Unchecked(_))) {
            2
        } else {
            0
        }
    }
}

/// What the artifact check learned: its sha256 and, with a re-audit, the fresh score document.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// sha256 of the artifact, or why it could not be obtained.
    pub artifact_sha256: Option<Result<String, String>>,
    /// The re-audit's score document, or why there is none; `None` without `--reaudit`.
    pub fresh: Option<Result<ScoreDocument, String>>,
}

/// Checks an envelope against a key and the evidence gathered about the artifact.
#[must_use]
pub fn check(envelope: &Envelope, key: &VerifyingKey, evidence: &Evidence) -> Outcome {
    let key_id = keys::key_id(key);
    let signature = match envelope.verify(key, &key_id) {
        Ok(_) if envelope.payload_type != IN_TOTO_PAYLOAD_TYPE => Status::Invalid(format!(
            "signed, but the payload type is `{}`, not `{IN_TOTO_PAYLOAD_TYPE}`",
            visible(&envelope.payload_type)
        )),
        Ok(_) => Status::Valid(format!("Ed25519, key {key_id}")),
        Err(e) => Status::Invalid(e.to_string()),
    };
    let statement = envelope
        .payload_bytes()
        .map_err(|e: EnvelopeError| e.to_string())
        .and_then(|p| SignedStatement::parse(&p).map_err(|e| e.0));
    let statement = match statement {
        Ok(s) => s,
        Err(reason) => {
            let why = format!("the payload is not an mcp-audit score statement: {reason}");
            return Outcome {
                signature,
                subject: Status::Invalid(why.clone()),
                predicate: Status::Invalid(why),
            };
        }
    };
    Outcome {
        signature,
        subject: check_subject(&statement, evidence),
        predicate: check_predicate(&statement, evidence),
    }
}

fn check_subject(statement: &SignedStatement, evidence: &Evidence) -> Status {
    let (name, sha) = (&statement.subject_name, &statement.subject_sha256);
    let (expected_name, expected_sha) = (
        statement.predicate_purl(),
        statement.package_field("sha256"),
    );
    if *name != expected_name || !sha.eq_ignore_ascii_case(expected_sha) {
        return Status::Invalid(format!(
            "the subject is {} sha256 {} but the predicate scores {} sha256 {}",
            visible(name),
            visible(sha),
            visible(&expected_name),
            visible(expected_sha)
        ));
    }
    match &evidence.artifact_sha256 {
        None => Status::Unchecked("no artifact to compare the subject digest with".into()),
        Some(Err(reason)) => {
            Status::Unchecked(format!("cannot obtain the artifact: {}", visible(reason)))
        }
        Some(Ok(actual)) if actual.eq_ignore_ascii_case(sha) => Status::Valid(format!(
            "{} sha256 {sha} matches the artifact",
            visible(name)
        )),
        Some(Ok(actual)) => Status::Invalid(format!(
            "the subject {} has sha256 {} but the artifact's is {actual}",
            visible(name),
            visible(sha)
        )),
    }
}

fn check_predicate(statement: &SignedStatement, evidence: &Evidence) -> Status {
    let p = &statement.predicate;
    let score = p.get("score").and_then(Value::as_u64);
    let verdict = p.get("verdict").and_then(Value::as_str);
    let (Some(score @ 0..=100), Some(verdict @ ("allow" | "warn" | "block"))) = (score, verdict)
    else {
        return Status::Invalid("the predicate has no valid score and verdict".into());
    };
    let summary = format!("score {score}, {verdict}");
    match &evidence.fresh {
        None => Status::Skipped(format!(
            "{summary} (not re-audited; --reaudit recomputes it)"
        )),
        Some(Err(reason)) => Status::Unchecked(format!(
            "{summary}; the re-audit failed: {}",
            visible(reason)
        )),
        Some(Ok(fresh)) => {
            let fresh_value = serde_json::to_value(fresh).expect("score document serializes");
            let signed_bytes = serde_json::to_vec(p).expect("JSON value serializes");
            let fresh_bytes = serde_json::to_vec(fresh).expect("score document serializes");
            if signed_bytes == fresh_bytes {
                Status::Valid(format!("{summary}, identical to a fresh audit"))
            } else {
                Status::Invalid(format!(
                    "differs from a fresh audit: {}",
                    differences(p, &fresh_value, "").join("; ")
                ))
            }
        }
    }
}

/// The leaves that differ between the signed and the fresh predicate (`path: signed vs now`).
fn differences(signed: &Value, fresh: &Value, path: &str) -> Vec<String> {
    match (signed, fresh) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .flat_map(|k| {
                    let sub = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    differences(
                        a.get(k).unwrap_or(&Value::Null),
                        b.get(k).unwrap_or(&Value::Null),
                        &sub,
                    )
                })
                .collect()
        }
        (a, b) if a == b => Vec::new(),
        (a, b) => vec![format!(
            "{} {} (signed) vs {} (now)",
            visible(path),
            visible(&a.to_string()),
            visible(&b.to_string())
        )],
    }
}

/// What `verify-score` is asked to do.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The DSSE envelope file.
    pub envelope: PathBuf,
    /// The publisher's public key (PEM).
    pub key: PathBuf,
    /// The artifact to compare the subject with; else it is fetched by the predicate's
    /// ecosystem, name and version.
    pub artifact: Option<PathBuf>,
    /// Re-run the audit and compare the predicate.
    pub reaudit: bool,
}

/// Reads a DSSE envelope file.
///
/// # Errors
/// The file cannot be read, is too large, or is not a DSSE envelope.
pub fn read_envelope(path: &Path) -> anyhow::Result<Envelope> {
    let meta =
        std::fs::metadata(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    if meta.len() > MAX_ENVELOPE_BYTES {
        anyhow::bail!(
            "`{}` is too large to be a score attestation",
            path.display()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| {
        anyhow::anyhow!(
            "`{}` is not a DSSE envelope (JSON with payloadType, payload, signatures): {e}",
            path.display()
        )
    })
}

/// The audit target that fetches the artifact a statement names.
fn target_of(statement: &SignedStatement) -> Result<Target, String> {
    let (eco, name, version) = (
        statement.package_field("ecosystem"),
        statement.package_field("name"),
        statement.package_field("version"),
    );
    let spec = match eco {
        "npm" => format!("npm:{name}@{version}"),
        "pypi" => format!("pypi:{name}=={version}"),
        "crates" => format!("crates:{name}@{version}"),
        other => {
            return Err(format!(
                "a `{}` package is not fetched by name; pass --artifact FILE",
                visible(other)
            ))
        }
    };
    Target::parse(&spec).map_err(|e| e.to_string())
}

/// Runs `verify-score`: reads the envelope and key, obtains the artifact (from `--artifact` or
/// the registry, through the cache), optionally re-audits it, and checks every part.
///
/// # Errors
/// The envelope or key cannot be read (nothing could be checked).
pub fn verify_score(options: &VerifyOptions, settings: &Settings) -> anyhow::Result<Outcome> {
    let envelope = read_envelope(&options.envelope)?;
    let key = keys::load_verifying_key(&options.key)?;
    let statement = envelope
        .payload_bytes()
        .ok()
        .and_then(|p| SignedStatement::parse(&p).ok());
    let target = match (&options.artifact, &statement) {
        (Some(path), _) => Target::parse(&path.to_string_lossy()).map_err(|e| e.to_string()),
        (None, Some(s)) => target_of(s),
        (None, None) => Err("the statement names no package".to_string()),
    };
    let mut evidence = Evidence::default();
    match target {
        Err(reason) => {
            evidence.artifact_sha256 = Some(Err(reason.clone()));
            if options.reaudit {
                evidence.fresh = Some(Err(reason));
            }
        }
        Ok(target) if options.reaudit => {
            let result = crate::pipeline::audit(&target, settings).result;
            evidence.artifact_sha256 = Some(
                result
                    .package
                    .as_ref()
                    .map(|p| p.sha256.clone())
                    .ok_or_else(|| result.error.clone().unwrap_or_default()),
            );
            let rules = crate::rules::catalog();
            evidence.fresh = Some(
                ScoreDocument::new(&result, settings.policy.digest.as_deref(), &rules)
                    .ok_or_else(|| result.error.clone().unwrap_or_else(|| "not audited".into())),
            );
        }
        Ok(target) => {
            evidence.artifact_sha256 = Some(
                crate::fetch::obtain(&target, settings)
                    .map(|a| a.sha256)
                    .map_err(|e| format!("{:#}", e.error)),
            );
        }
    }
    Ok(check(&envelope, &key, &evidence))
}
