//! The rules of obtaining an artifact: its integrity against what the registry published.

use mcp_audit_core::{Category, Severity};

mcp_audit_core::declare_rules! {
    /// The rules of this module.
    pub static RULES;

    /// The downloaded bytes do not match the registry's digest.
    pub static INTEGRITY_MISMATCH: Rule = Rule {
        id: "integrity-mismatch",
        category: Category::Integrity,
        severity: Severity::Critical,
        summary: "The downloaded artifact does not match the digest the registry published; it was discarded and not audited.",
        example: "npm dist.integrity sha512-kKaF… but the tarball hashes to sha512-3q2+…",
    };

    /// No published digest to check the bytes against.
    pub static INTEGRITY_UNVERIFIED: Rule = Rule {
        id: "integrity-unverified",
        category: Category::Integrity,
        severity: Severity::Low,
        summary:
            "The registry published no digest for the artifact, so its bytes could not be verified.",
        example: "a GitHub release asset uploaded before asset digests existed, or a source tarball",
    };

    /// Only a SHA-1 digest was published.
    pub static INTEGRITY_WEAK_DIGEST: Rule = Rule {
        id: "integrity-weak-digest",
        category: Category::Integrity,
        severity: Severity::Info,
        summary: "The registry published only a SHA-1 digest for the artifact; SHA-1 is no longer collision resistant.",
        example: "an old npm version with `dist.shasum` and no `dist.integrity`",
    };
}
