//! The analyzers. Each turns the unpacked package (plus registry metadata) into findings;
//! they are independent and pure, and [`analyze`] runs them in a fixed order.
//!
//! - [`tools`]: static extraction of the tools, prompts and instructions the server declares;
//! - [`descriptions`]: rules over every string the model reads;
//! - [`code`]: capabilities and threat indicators in the source;
//! - [`manifest`]: install-time execution and manifest consistency;
//! - [`metadata`]: registry signals (typosquats, age, yanks, provenance).

pub mod code;
pub mod descriptions;
pub mod manifest;
pub mod metadata;
pub mod source;
pub mod tools;

use registry_adapters::RegistryMetadata;

use crate::identify::{Identity, Manifests};
use crate::model::{Finding, ModelText, Tool};
use crate::sandbox::PackageTree;
use source::SourceSet;

/// Everything an analyzer may look at.
#[derive(Debug)]
pub struct Context<'a> {
    /// The unpacked files.
    pub tree: &'a PackageTree,
    /// Parsed manifests.
    pub manifests: &'a Manifests,
    /// Ecosystem, name and version.
    pub identity: &'a Identity,
    /// Source files (parsed lazily).
    pub sources: &'a SourceSet,
    /// Registry facts, when the package came from a registry.
    pub registry: Option<&'a RegistryMetadata>,
}

/// What the analyzers found.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Tools the package declares.
    pub tools: Vec<Tool>,
    /// Prompts, server instructions and other model-visible text.
    pub texts: Vec<ModelText>,
    /// Findings of every analyzer.
    pub findings: Vec<Finding>,
    /// Fingerprint of the whole tool surface (see [`tools::Extraction::tools_fingerprint`]).
    pub tools_fingerprint: Option<String>,
}

/// Runs every analyzer over the package.
#[must_use]
pub fn analyze(ctx: &Context<'_>) -> Analysis {
    let extraction = tools::extract(ctx);
    let mut findings = extraction.findings;
    findings.extend(descriptions::analyze(&extraction.tools, &extraction.texts));
    findings.extend(manifest::analyze(ctx));
    findings.extend(code::analyze(ctx, &extraction.tools));
    findings.extend(metadata::analyze(ctx));
    Analysis {
        tools: extraction.tools,
        texts: extraction.texts,
        findings,
        tools_fingerprint: extraction.tools_fingerprint,
    }
}
