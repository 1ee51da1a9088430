//! The bottom layer of mcp-audit: the nouns every other part shares.
//!
//! This crate depends on no other crate of the workspace, so nothing in it can reach up into
//! the pipeline, the analyzers, the policy or the report. It holds:
//! - [`model`]: severities, categories, findings, tools and other model-visible text;
//! - [`rule`]: the [`Rule`] type and the [`declare_rules!`] macro that declares a module's rules
//!   and its rule table in one place;
//! - [`verdict`]: the decision for one target;
//! - [`package`]: the ecosystem, integrity and identity of an audited artifact;
//! - [`digest`]: sha256 of files, canonical JSON, tool and finding fingerprints;
//! - [`escape`]: the one function that makes attacker text safe for a terminal;
//! - [`parallel`]: work sharing over scoped threads that survives a refused thread.
#![forbid(unsafe_code)]

pub mod digest;
pub mod escape;
pub mod model;
pub mod package;
pub mod parallel;
pub mod rule;
pub mod verdict;

pub use model::{Category, Finding, Location, ModelText, Origin, Severity, TextKind, Tool, Via};
pub use package::{Ecosystem, Integrity, PackageInfo};
pub use rule::Rule;
pub use verdict::Verdict;
