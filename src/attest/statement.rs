//! The in-toto Statement v1 that carries a score: the subject is the audited artifact (its
//! package URL and sha256), the predicate is the score document.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::report::score_doc::ScoreDocument;

/// `_type` of an in-toto Statement v1.
pub const STATEMENT_TYPE: &str = "https://in-toto.io/Statement/v1";

/// `predicateType` of an mcp-audit score (documented in `docs/attestation.md`; the JSON Schema
/// of the predicate is `docs/score-predicate.schema.json`).
pub const PREDICATE_TYPE: &str =
    "https://github.com/mcp-audit/mcp-audit/blob/main/docs/attestation.md#score-predicate-v1";

/// One subject: a name and its digests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subject {
    /// The package URL of the artifact (`pkg:npm/%40scope/name@1.0.0`).
    pub name: String,
    /// `{"sha256": hex}`.
    pub digest: BTreeMap<&'static str, String>,
}

/// An in-toto Statement v1 whose predicate is a score document.
#[derive(Debug, Clone, Serialize)]
pub struct Statement<'a> {
    /// [`STATEMENT_TYPE`].
    #[serde(rename = "_type")]
    pub statement_type: &'static str,
    /// The audited artifact.
    pub subject: Vec<Subject>,
    /// [`PREDICATE_TYPE`].
    #[serde(rename = "predicateType")]
    pub predicate_type: &'static str,
    /// The score.
    pub predicate: &'a ScoreDocument,
}

impl<'a> Statement<'a> {
    /// The statement for a score document.
    #[must_use]
    pub fn new(document: &'a ScoreDocument) -> Self {
        Statement {
            statement_type: STATEMENT_TYPE,
            subject: vec![Subject {
                name: purl(
                    document.package.ecosystem,
                    &document.package.name,
                    &document.package.version,
                ),
                digest: BTreeMap::from([("sha256", document.package.sha256.clone())]),
            }],
            predicate_type: PREDICATE_TYPE,
            predicate: document,
        }
    }

    /// The payload bytes: compact JSON, fields in a fixed order. The same document always gives
    /// the same bytes, so a re-audit can be compared byte for byte.
    ///
    /// # Panics
    /// Never: every field serializes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("statement serializes")
    }
}

/// The package URL (purl) of a package: `pkg:TYPE/NAME@VERSION` with `npm`, `pypi`, `cargo`,
/// `github`, and `generic` for bundles; characters outside `[A-Za-z0-9._~/-]` are
/// percent-encoded (so `@scope` is `%40scope`).
#[must_use]
pub fn purl(ecosystem: &str, name: &str, version: &str) -> String {
    let kind = match ecosystem {
        "npm" => "npm",
        "pypi" => "pypi",
        "crates" => "cargo",
        "github" => "github",
        _ => "generic",
    };
    let encode = |s: &str, keep_slash: bool| -> String {
        let mut out = String::new();
        for b in s.bytes() {
            if b.is_ascii_alphanumeric()
                || matches!(b, b'.' | b'_' | b'~' | b'-')
                || (keep_slash && b == b'/')
            {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    format!(
        "pkg:{kind}/{}@{}",
        encode(name, true),
        encode(version, false)
    )
}

/// What a signed statement says, read back from its JSON (attacker-controlled until the
/// signature has been checked).
#[derive(Debug, Clone, PartialEq)]
pub struct SignedStatement {
    /// Subject name.
    pub subject_name: String,
    /// Subject sha256 (lowercase hex as written).
    pub subject_sha256: String,
    /// The predicate as JSON.
    pub predicate: Value,
}

/// Why a payload is not a score statement.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0}")]
pub struct NotAStatement(pub String);

impl SignedStatement {
    /// Reads an in-toto Statement v1 with the score predicate type and exactly one subject that
    /// has a sha256 digest.
    ///
    /// # Errors
    /// The payload is not such a statement (the message says what is wrong).
    pub fn parse(payload: &[u8]) -> Result<Self, NotAStatement> {
        let value: Value = serde_json::from_slice(payload)
            .map_err(|e| NotAStatement(format!("the payload is not JSON: {e}")))?;
        let field = |name: &str| value.get(name).and_then(Value::as_str);
        if field("_type") != Some(STATEMENT_TYPE) {
            return Err(NotAStatement(format!("`_type` is not `{STATEMENT_TYPE}`")));
        }
        if field("predicateType") != Some(PREDICATE_TYPE) {
            return Err(NotAStatement(format!(
                "`predicateType` is not the mcp-audit score (`{PREDICATE_TYPE}`)"
            )));
        }
        let subjects = value
            .get("subject")
            .and_then(Value::as_array)
            .ok_or_else(|| NotAStatement("`subject` is not a list".into()))?;
        let [subject] = subjects.as_slice() else {
            return Err(NotAStatement(format!(
                "{} subjects; a score is about exactly one artifact",
                subjects.len()
            )));
        };
        let subject_name = subject
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| NotAStatement("the subject has no `name`".into()))?;
        let subject_sha256 = subject
            .pointer("/digest/sha256")
            .and_then(Value::as_str)
            .ok_or_else(|| NotAStatement("the subject has no sha256 digest".into()))?;
        let predicate = value
            .get("predicate")
            .filter(|p| p.is_object())
            .ok_or_else(|| NotAStatement("`predicate` is not an object".into()))?;
        Ok(SignedStatement {
            subject_name: subject_name.to_string(),
            subject_sha256: subject_sha256.to_string(),
            predicate: predicate.clone(),
        })
    }

    /// A string field of the predicate's `package` (empty when absent).
    #[must_use]
    pub fn package_field(&self, name: &str) -> &str {
        self.predicate
            .pointer(&format!("/package/{name}"))
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The purl the predicate's package should have as subject name.
    #[must_use]
    pub fn predicate_purl(&self) -> String {
        purl(
            self.package_field("ecosystem"),
            self.package_field("name"),
            self.package_field("version"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purls_follow_the_spec_types() {
        assert_eq!(
            purl("npm", "@org/server", "1.2.0"),
            "pkg:npm/%40org/server@1.2.0"
        );
        assert_eq!(purl("pypi", "mcp-x", "0.1"), "pkg:pypi/mcp-x@0.1");
        assert_eq!(purl("crates", "c", "1.0.0+b"), "pkg:cargo/c@1.0.0%2Bb");
        assert_eq!(purl("mcpb", "n s", "1"), "pkg:generic/n%20s@1");
    }

    #[test]
    fn parse_rejects_what_is_not_a_score_statement() {
        let ok = serde_json::json!({"_type": STATEMENT_TYPE, "predicateType": PREDICATE_TYPE,
            "subject": [{"name": "pkg:npm/x@1", "digest": {"sha256": "ab"}}],
            "predicate": {"package": {"ecosystem": "npm", "name": "x", "version": "1"}}});
        let s = SignedStatement::parse(ok.to_string().as_bytes()).unwrap();
        assert_eq!(s.subject_sha256, "ab");
        assert_eq!(s.predicate_purl(), "pkg:npm/x@1");
        for (pointer, value) in [
            ("/_type", Value::from("https://in-toto.io/Statement/v0.1")),
            (
                "/predicateType",
                Value::from("https://slsa.dev/provenance/v1"),
            ),
            ("/subject", serde_json::json!([])),
            ("/subject/0/digest", serde_json::json!({"sha512": "ab"})),
            ("/predicate", Value::from(1)),
        ] {
            let mut bad = ok.clone();
            *bad.pointer_mut(pointer).unwrap() = value;
            assert!(
                SignedStatement::parse(bad.to_string().as_bytes()).is_err(),
                "{pointer}"
            );
        }
        assert!(SignedStatement::parse(b"not json").is_err());
    }
}
