//! mcp-audit: audit MCP servers before you install them.
//!
//! The pipeline (one way): [`target`] → [`fetch`] (registry adapters, cache) → [`sandbox`]
//! (safe unpack) → [`identify`] → [`analyze`] (tools, descriptions, code, manifest, metadata)
//! → [`score`] → [`report`]; [`install`] gates installation on the verdict.
//!
//! Library code never sees command-line types: [`commands`] turns parsed arguments into
//! [`settings::Settings`] and calls one library function each.
#![forbid(unsafe_code)]

pub mod analyze;
pub mod cli;
pub mod commands;
pub mod env;
pub mod fetch;
pub mod identify;
pub mod install;
pub mod lockfile;
pub mod model;
pub mod pipeline;
pub mod policy;
pub mod progress;
pub mod report;
pub mod rules;
pub mod sandbox;
pub mod score;
pub mod settings;
pub mod target;

pub use model::{Category, Finding, Severity, Tool};
pub use report::{Report, TargetResult, Verdict};
pub use target::Target;
