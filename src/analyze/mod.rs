//! The analyzers. Each turns the unpacked package (plus registry metadata) into findings;
//! they are independent and pure, and [`analyze`] runs them in a fixed order.
//!
//! - [`tools`]: static extraction of the tools, prompts and instructions the server declares;
//! - [`descriptions`]: rules over every string the model reads;
//! - [`code`]: capabilities and threat indicators in the source;
//! - [`manifest`]: install-time execution and manifest consistency;
//! - [`metadata`]: registry signals (typosquats, age, yanks, provenance).

pub mod capabilities;
pub mod code;
pub mod context;
pub mod descriptions;
pub mod manifest;
pub mod metadata;
pub mod package_facts;
pub mod toxic_flow;

pub use context::Context;
use mcp_audit_core::model::{Finding, ModelText, Tool};
pub use mcp_audit_extract::{source, tools};

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
    /// Dependencies, install-time code, capabilities and endpoints (what `diff` compares).
    pub facts: package_facts::PackageFacts,
}

/// Starts compiling the analyzers' patterns on a background thread, once per process.
///
/// The description and code detectors are built from a few hundred regular expressions whose
/// automata take a few hundred milliseconds to build; doing that while the artifact downloads
/// and unpacks takes it off the audit's critical path. Calling this is optional: the patterns
/// are otherwise built on first use.
pub fn prepare_in_background() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let spawned = std::thread::Builder::new()
            .name("mcp-audit-prepare".into())
            .spawn(prepare);
        if let Err(err) = spawned {
            tracing::debug!("patterns will be compiled on first use: {err}");
        }
    });
}

/// Compiles the analyzers' patterns by running them on a small honest sample.
fn prepare() {
    let mut tool = Tool {
        name: "read_file".into(),
        title: Some("Read file".into()),
        description: Some(
            "Reads a text file inside the allowed directories and returns its content. \
             Call list_directory first when the path is unknown."
                .into(),
        ),
        input_schema: mcp_audit_core::model::empty_object_schema(),
        annotations: None,
        origin: tools::origin("index.js", 1, mcp_audit_core::model::Via::Static, "warm-up"),
        fingerprint: String::new(),
    };
    tool.input_schema["properties"] =
        serde_json::json!({"path": {"type": "string", "description": "Path of the file"}});
    let _ = descriptions::analyze(&[tool], &[]);
    for (path, lang, text) in [
        (
            "index.js",
            source::Lang::JavaScript,
            "import fs from 'node:fs';\nexport const read = (p) => fs.readFileSync(p, 'utf8');\n",
        ),
        (
            "server.py",
            source::Lang::Python,
            "import subprocess\ndef run(cmd):\n    return subprocess.run(['ls', cmd])\n",
        ),
    ] {
        let file = source::SourceFile::new(path, lang, text);
        let _ = code::scan_all(std::slice::from_ref(&file));
    }
}

/// Runs every analyzer over the package.
#[must_use]
pub fn analyze(ctx: &Context<'_>) -> Analysis {
    let mut analysis = analyze_static(ctx);
    analysis
        .findings
        .extend(metadata::registry_now(ctx.registry, &ctx.identity.version));
    analysis
}

/// Every analyzer but the registry rules that depend on the date or the advisories
/// ([`metadata::registry_now`]): what depends only on the package's bytes and registry facts,
/// and what the analysis cache keeps.
#[must_use]
pub fn analyze_static(ctx: &Context<'_>) -> Analysis {
    // The code scan does not need the tools: it runs beside extraction (both share the parsed
    // trees; a file is parsed once, by whichever side reaches it first).
    let (scanned, extraction) = mcp_audit_core::parallel::both(
        || code::scan(ctx.sources),
        || tools::extract(&ctx.unpacked()),
    );
    let mut findings = extraction.findings;
    findings.extend(descriptions::analyze(&extraction.tools, &extraction.texts));
    findings.extend(manifest::analyze(ctx));
    findings.extend(code::analyze_with(ctx, &extraction.tools, &scanned));
    findings.extend(metadata::analyze_static(ctx));
    Analysis {
        tools: extraction.tools,
        texts: extraction.texts,
        findings,
        tools_fingerprint: extraction.tools_fingerprint,
        facts: package_facts::read(ctx, &scanned),
    }
}
