//! The published score document (`mcp-audit score SPEC --publish DIR`): a deterministic JSON
//! statement of one package's trust score, and its detached sha256 digest.
//!
//! The document is *reproducible*: it holds no timestamps, paths or download URLs, so anyone who
//! runs the same mcp-audit version with the same policy on the same artifact (same sha256) gets
//! the same bytes, and the `.sha256` file (in `sha256sum` format) pins them. With `--sign KEY`
//! it is also the predicate of a signed in-toto statement ([`crate::attest`]).

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::TargetResult;
use crate::score::{counts, Counts, MODEL_VERSION};
use mcp_audit_core::Rule;

/// Version of the score document format.
pub const SCORE_DOCUMENT_VERSION: u32 = 1;

/// The package a score is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoredPackage {
    /// Ecosystem.
    pub ecosystem: &'static str,
    /// Name.
    pub name: String,
    /// Version.
    pub version: String,
    /// Hex sha256 of the artifact.
    pub sha256: String,
    /// `verified`, `unverified` or `mismatch`.
    pub integrity: &'static str,
}

/// The published score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreDocument {
    /// [`SCORE_DOCUMENT_VERSION`].
    pub score_document_version: u32,
    /// The package.
    pub package: ScoredPackage,
    /// Trust score 0–100.
    pub score: u8,
    /// `allow`, `warn` or `block`.
    pub verdict: &'static str,
    /// Findings that count, by severity and category.
    pub findings: Counts,
    /// Findings the policy suppressed.
    pub suppressed: usize,
    /// Number of declared tools.
    pub tools: usize,
    /// sha256 over the sorted tool fingerprints (`null` when no tool was found).
    pub tools_fingerprint: Option<String>,
    /// Digest of the rule catalog (ids, categories, default severities).
    pub rules_version: String,
    /// Version of the scoring model (`score::MODEL_VERSION`).
    pub scoring_model: u32,
    /// sha256 of the policy file, or `default` for the built-in policy.
    pub policy: String,
    /// The mcp-audit version that computed it.
    pub mcp_audit_version: String,
}

/// A short digest of the rule catalog: changes whenever a rule is added, removed, or changes
/// category or default severity.
#[must_use]
pub fn rules_version(rules: &[&Rule]) -> String {
    let mut sorted: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for r in rules {
        sorted.insert(r.id, (r.category.as_str(), r.severity.as_str()));
    }
    let mut h = Sha256::new();
    for (id, (category, severity)) in sorted {
        for part in [id, category, severity] {
            h.update(part.as_bytes());
            h.update([0]);
        }
    }
    format!("sha256:{}", &hex::encode(h.finalize())[..16])
}

impl ScoreDocument {
    /// The document for an audited result; `None` when the target could not be audited.
    #[must_use]
    pub fn new(
        result: &TargetResult,
        policy_digest: Option<&str>,
        rules: &[&Rule],
    ) -> Option<Self> {
        let package = result.package.as_ref()?;
        let score = result.score?;
        if result.error.is_some() {
            return None;
        }
        Some(ScoreDocument {
            score_document_version: SCORE_DOCUMENT_VERSION,
            package: ScoredPackage {
                ecosystem: package.ecosystem.as_str(),
                name: package.name.clone(),
                version: package.version.clone(),
                sha256: package.sha256.clone(),
                integrity: package.integrity.as_str(),
            },
            score,
            verdict: result.verdict.as_str(),
            findings: counts(&result.findings),
            suppressed: result.suppressed.len(),
            tools: result.tools.len(),
            tools_fingerprint: result.tools_fingerprint.clone(),
            rules_version: rules_version(rules),
            scoring_model: MODEL_VERSION,
            policy: policy_digest.map_or_else(|| "default".to_string(), |d| format!("sha256:{d}")),
            mcp_audit_version: env!("CARGO_PKG_VERSION").to_string(),
        })
    }

    /// The canonical bytes: pretty JSON with a final newline (field order is fixed, maps sorted).
    ///
    /// # Panics
    /// Never: every field serializes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).expect("score document serializes");
        out.push(b'\n');
        out
    }

    /// The file name: `ECOSYSTEM-NAME-VERSION.score.json`, with characters outside
    /// `[A-Za-z0-9._-]` replaced by `_` (so `@scope/name` cannot leave the directory).
    #[must_use]
    pub fn file_name(&self) -> String {
        let safe = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        };
        let stem = format!(
            "{}-{}-{}",
            self.package.ecosystem,
            safe(&self.package.name),
            safe(&self.package.version)
        );
        format!("{}.score.json", stem.trim_start_matches('.'))
    }
}

/// Where [`publish`] wrote the document and its digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The score document.
    pub document: std::path::PathBuf,
    /// The `.sha256` file next to it.
    pub digest: std::path::PathBuf,
}

/// Writes the document and its detached digest into `dir` (created if needed), each
/// atomically (temporary file + rename).
///
/// # Errors
/// The directory cannot be created or a file cannot be written.
pub fn publish(dir: &std::path::Path, document: &ScoreDocument) -> anyhow::Result<Published> {
    use anyhow::Context as _;
    use std::io::Write as _;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create `{}`", dir.display()))?;
    let name = document.file_name();
    let bytes = document.to_bytes();
    let write = |path: &std::path::Path, content: &[u8]| -> anyhow::Result<()> {
        let mut tmp = tempfile::NamedTempFile::new_in(dir)
            .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
        tmp.write_all(content)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        tmp.persist(path)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
        Ok(())
    };
    let published = Published {
        document: dir.join(&name),
        digest: dir.join(format!("{name}.sha256")),
    };
    write(&published.document, &bytes)?;
    write(&published.digest, digest_line(&bytes, &name).as_bytes())?;
    Ok(published)
}

/// The detached digest line for `bytes` named `file_name`, in `sha256sum` format.
#[must_use]
pub fn digest_line(bytes: &[u8], file_name: &str) -> String {
    format!("{}  {file_name}\n", hex::encode(Sha256::digest(bytes)))
}
