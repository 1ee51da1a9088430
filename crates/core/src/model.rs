//! The nouns of an audit: severities, categories, findings and tools.
//!
//! These types are serialized into the JSON report (see `docs/report.md`); their field names
//! and the kebab-case vocabularies are a stable contract.

use serde::{Deserialize, Serialize};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Context only; never affects the verdict on its own.
    Info,
    /// Weak evidence.
    Low,
    /// Worth a look.
    Medium,
    /// Likely dangerous.
    High,
    /// Dangerous: blocks.
    Critical,
}

impl Severity {
    /// The lowercase name used in reports and policy files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fixed vocabulary of finding categories (design.md). Every rule belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Instructions to the model hidden in model-visible text.
    ToolPoisoning,
    /// Invisible Unicode, ANSI escapes, homoglyphs.
    HiddenContent,
    /// Orders about other tools or servers; name collisions.
    ToolShadowing,
    /// Reads of secrets and credentials.
    SensitiveAccess,
    /// Data leaving the machine.
    Exfiltration,
    /// Process execution, dynamic code.
    CodeExecution,
    /// Code that runs at install or build time.
    InstallScript,
    /// Code made hard to read on purpose.
    Obfuscation,
    /// Shipped executables.
    BinaryPayload,
    /// Names imitating popular packages.
    Typosquat,
    /// Declared behaviour differs from actual.
    ManifestMismatch,
    /// Tools or capabilities changed since they were pinned.
    RugPull,
    /// Registry metadata signals.
    Metadata,
    /// Digest and provenance problems.
    Integrity,
    /// Unsafe or malformed archives.
    Archive,
    /// Known vulnerabilities.
    Vulnerability,
    /// A chain of tools (across servers or within one) that moves untrusted content, private
    /// data and an outbound channel together.
    ToxicFlow,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 17] = [
        Category::ToolPoisoning,
        Category::HiddenContent,
        Category::ToolShadowing,
        Category::SensitiveAccess,
        Category::Exfiltration,
        Category::CodeExecution,
        Category::InstallScript,
        Category::Obfuscation,
        Category::BinaryPayload,
        Category::Typosquat,
        Category::ManifestMismatch,
        Category::RugPull,
        Category::Metadata,
        Category::Integrity,
        Category::Archive,
        Category::Vulnerability,
        Category::ToxicFlow,
    ];

    /// The kebab-case name used in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Category::ToolPoisoning => "tool-poisoning",
            Category::HiddenContent => "hidden-content",
            Category::ToolShadowing => "tool-shadowing",
            Category::SensitiveAccess => "sensitive-access",
            Category::Exfiltration => "exfiltration",
            Category::CodeExecution => "code-execution",
            Category::InstallScript => "install-script",
            Category::Obfuscation => "obfuscation",
            Category::BinaryPayload => "binary-payload",
            Category::Typosquat => "typosquat",
            Category::ManifestMismatch => "manifest-mismatch",
            Category::RugPull => "rug-pull",
            Category::Metadata => "metadata",
            Category::Integrity => "integrity",
            Category::Archive => "archive",
            Category::Vulnerability => "vulnerability",
            Category::ToxicFlow => "toxic-flow",
        }
    }
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place inside the package.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Path relative to the package root, `/`-separated.
    pub file: String,
    /// 1-based line, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// One piece of evidence that a rule matched. Findings are data; errors are for "could not audit".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule id (kebab-case), see `mcp-audit rules`.
    pub rule: String,
    /// The rule's category.
    pub category: Category,
    /// Severity (the rule's default, or as the policy overrides it).
    pub severity: Severity,
    /// One-line explanation for a human.
    pub message: String,
    /// The tool the finding is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool: Option<String>,
    /// Where in the package.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A short excerpt of the matched text (attacker-controlled: escape before printing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Stable hash used to suppress this finding in a policy file.
    #[serde(default)]
    pub fingerprint: String,
}

impl Finding {
    /// Names the tool the finding is about.
    #[must_use]
    pub fn with_tool(mut self, tool: impl Into<String>) -> Self {
        self.tool = Some(tool.into());
        self
    }

    /// Places the finding in a file, at an optional 1-based line.
    #[must_use]
    pub fn at(mut self, file: impl Into<String>, line: Option<u32>) -> Self {
        self.location = Some(Location {
            file: file.into(),
            line,
        });
        self
    }

    /// Attaches an evidence excerpt, cut to at most [`EVIDENCE_MAX_CHARS`] characters.
    #[must_use]
    pub fn with_evidence(mut self, evidence: impl AsRef<str>) -> Self {
        self.evidence = Some(excerpt(evidence.as_ref(), EVIDENCE_MAX_CHARS));
        self
    }

    /// Overrides the rule's default severity (for findings whose strength depends on context).
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

/// The longest evidence excerpt kept in a finding.
pub const EVIDENCE_MAX_CHARS: usize = 240;

/// Cuts `text` to at most `max` characters on a character boundary, marking the cut with `…`.
#[must_use]
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// How a tool was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// Parsed out of source code.
    Static,
    /// Declared in a manifest (MCPB `manifest.json`, `server.json`).
    Manifest,
    /// Read from a running server's `tools/list` answer (`scan-tools`).
    Dynamic,
}

/// Where a tool's declaration was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// File relative to the package root (or the scanned file).
    pub file: String,
    /// 1-based line of the declaration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// How it was found.
    pub via: Via,
    /// The declaration form, e.g. `ts-sdk registerTool`, `python @tool`, `mcpb manifest`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
}

/// A tool as the model will see it (the MCP `Tool` object), plus where it was declared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// Tool name.
    pub name: String,
    /// Display title, if declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The description the model reads. `None` when absent or not statically resolvable.
    #[serde(default)]
    pub description: Option<String>,
    /// JSON Schema of the arguments (`{"type":"object",…}`); parameter descriptions live here.
    #[serde(default = "empty_object_schema")]
    pub input_schema: serde_json::Value,
    /// Annotations (`readOnlyHint`, …), if declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<serde_json::Value>,
    /// Where the declaration was found.
    pub origin: Origin,
    /// sha256 over the canonical JSON of name, description, input schema and annotations
    /// (filled by the extractor; the pin that rug-pull detection compares).
    #[serde(default)]
    pub fingerprint: String,
}

/// `{"type":"object"}`, the schema of a tool that declares no arguments.
#[must_use]
pub fn empty_object_schema() -> serde_json::Value {
    serde_json::json!({"type": "object"})
}

/// What kind of model-visible text a [`ModelText`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextKind {
    /// A prompt's description or text.
    Prompt,
    /// Server `instructions`.
    ServerInstructions,
    /// A resource's description.
    Resource,
}

/// Model-visible text that is not part of a tool: prompts, server instructions, resources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelText {
    /// What it is.
    pub kind: TextKind,
    /// The prompt or resource name; empty for server instructions.
    pub name: String,
    /// The text itself.
    pub text: String,
    /// Where it was declared.
    pub origin: Origin,
}
