//! mcp-audit: audit MCP servers before you install them.
//!
//! The layers: `mcp-audit-core` (findings, rules, verdicts, digests, the escaper) at the
//! bottom; `mcp-audit-sandbox` (safe unpacking) and `mcp-audit-extract` (manifests, sources,
//! tool extraction) above it; this crate on top. See `docs/architecture.md`.
//!
//! The pipeline (one way): [`target`] → [`fetch`] (registry adapters, cache) → [`sandbox`]
//! (safe unpack) → [`identify`] → [`analyze`] (tools, descriptions, code, manifest, metadata)
//! → [`score`] → [`report`]; [`install`] gates installation on the verdict; [`guard`] keeps
//! a running server to its pinned tools and logs its calls (`mcp-audit run`).
//!
//! Library code never sees command-line types: [`commands`] turns parsed arguments into
//! [`settings::Settings`] and calls one library function each.
#![forbid(unsafe_code)]

pub mod analysis_cache;
pub mod analyze;
pub mod attest;
pub mod cli;
pub mod commands;
pub mod cross_server;
pub mod deps;
pub mod dynamic;
pub mod env;
pub mod fetch;
pub mod guard;
pub mod install;
pub mod lockfile;
pub mod pipeline;
pub mod policy;
pub mod progress;
pub mod report;
pub mod rules;
pub mod scan_tools;
pub mod score;
pub mod settings;
pub mod site;
pub mod slots;
pub mod target;

pub use mcp_audit_core::{model, Category, Finding, Severity, Tool, Verdict};
pub use mcp_audit_extract::identify;
pub use mcp_audit_sandbox as sandbox;
pub use report::{Report, TargetResult};
pub use target::Target;
