//! Signed attestations of published trust scores, in the supply-chain ecosystem's own format.
//!
//! A score document ([`crate::report::score_doc::ScoreDocument`]) becomes the predicate of an
//! in-toto Statement v1 ([`statement`]) whose subject is the audited artifact (a package URL and
//! its sha256). The statement is the payload of a DSSE envelope ([`dsse`]) signed with Ed25519;
//! keys are PKIX PEM files ([`keys`]) that OpenSSL, Python `cryptography` or securesystemslib
//! read as they are. [`verify`] checks an envelope part by part: signature, subject, predicate.
//! The format is documented in `docs/attestation.md`.

pub mod dsse;
pub mod keys;
pub mod statement;
pub mod verify;
