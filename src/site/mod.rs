//! The static score site `score --publish DIR` writes: `index.html` (a table to sort and
//! filter), one page per package, `index.json`, an SVG badge per package, and beside them the
//! score documents and signed attestations. Plain HTML and one small inline script: nothing is
//! fetched from elsewhere, it works from `file://`, and every piece of attacker text goes
//! through [`html::escape`].

pub mod badge;
pub mod batch;
pub mod html;
pub mod index;
pub mod page;
pub mod publish;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::report::score_doc::ScoreDocument;
use crate::report::TargetResult;

/// One row of the index (`index.json` `packages[]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The target as audited.
    pub target: String,
    /// Ecosystem (`null` when not audited).
    pub ecosystem: Option<String>,
    /// Package name (the target when not audited).
    pub name: String,
    /// Version.
    pub version: Option<String>,
    /// Hex sha256 of the artifact.
    pub sha256: Option<String>,
    /// Trust score.
    pub score: Option<u8>,
    /// `allow`, `warn`, `block` or `error`.
    pub verdict: String,
    /// Counted findings by severity.
    pub findings: BTreeMap<String, usize>,
    /// Number of declared tools.
    pub tools: usize,
    /// Day of the audit (UTC, `YYYY-MM-DD`).
    pub audited: String,
    /// Why it could not be audited.
    pub error: Option<String>,
    /// File stem shared by this package's files.
    pub stem: String,
    /// The package page.
    pub page: String,
    /// The SVG badge.
    pub badge: String,
    /// The score document, when audited.
    pub score_document: Option<String>,
    /// The DSSE envelope, when signed.
    pub attestation: Option<String>,
}

impl Entry {
    /// The row for one result; `stem` names its files.
    #[must_use]
    pub fn new(result: &TargetResult, stem: &str, audited: &str, signed: bool) -> Entry {
        let package = result.package.as_ref().filter(|_| result.error.is_none());
        let counted = crate::score::counts(&result.findings);
        let audited_ok = package.is_some() && result.score.is_some();
        Entry {
            target: result.target.clone(),
            ecosystem: package.map(|p| p.ecosystem.as_str().to_string()),
            name: package.map_or_else(|| result.target.clone(), |p| p.name.clone()),
            version: package.map(|p| p.version.clone()),
            sha256: package.map(|p| p.sha256.clone()),
            score: result.score.filter(|_| audited_ok),
            verdict: if audited_ok {
                result.verdict.as_str().to_string()
            } else {
                "error".to_string()
            },
            findings: counted
                .by_severity
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            tools: result.tools.len(),
            audited: audited.to_string(),
            error: result.error.clone(),
            stem: stem.to_string(),
            page: format!("{stem}.html"),
            badge: format!("{stem}.svg"),
            score_document: audited_ok.then(|| format!("{stem}.score.json")),
            attestation: (audited_ok && signed).then(|| format!("{stem}.intoto.json")),
        }
    }
}

/// The file stem of a result: the score document's name without `.score.json`, or
/// `error-TARGET` (made safe) for a target that could not be audited.
#[must_use]
pub fn stem(result: &TargetResult, document: Option<&ScoreDocument>) -> String {
    match document {
        Some(d) => d.file_name().trim_end_matches(".score.json").to_string(),
        None => {
            let safe: String = result
                .target
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                        c
                    } else {
                        '_'
                    }
                })
                .take(100)
                .collect();
            format!("error-{}", safe.trim_start_matches('.'))
        }
    }
}
