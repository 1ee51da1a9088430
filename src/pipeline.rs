//! The audit pipeline for one target: obtain the artifact, unpack it into the sandbox, identify
//! it, run the analyzers, score, and assemble the [`TargetResult`].

use crate::analyze::package_facts::PackageFacts;
use crate::analyze::{self, source::SourceSet, Context};
pub use crate::fetch::Artifact;
use crate::report::{PackageInfo, TargetResult};
use crate::settings::{Role, Settings};
use crate::target::Target;
use mcp_audit_core::digest::{finding_fingerprint, tools_fingerprint};
use mcp_audit_core::model::{Category, Finding, ModelText, Tool};
use mcp_audit_extract::identify::{self, Ecosystem, Manifests};
use mcp_audit_sandbox::{self as sandbox, UnpackError};

/// Everything learned about one target; the report's result plus the parts the installer and
/// `diff` need.
#[derive(Debug)]
pub struct Audited {
    /// The report entry.
    pub result: TargetResult,
    /// The artifact that was audited (absent when it could not be obtained).
    pub artifact: Option<Artifact>,
    /// Dependencies, install-time code, capabilities and endpoints (empty when the package
    /// could not be read).
    pub facts: PackageFacts,
}

/// The audit of an artifact already on disk: the report entry and the package's facts.
#[derive(Debug)]
pub struct ArtifactAudit {
    /// The report entry.
    pub result: TargetResult,
    /// Dependencies, install-time code, capabilities and endpoints.
    pub facts: PackageFacts,
}

/// What an audit learned about a package before the policy is applied: the input of
/// [`conclude`], the one step every audit (package, `tools/list` answer) ends with.
#[derive(Debug)]
pub struct Learned<'a> {
    /// The audited artifact.
    pub package: PackageInfo,
    /// Registry facts, when the package came from a registry.
    pub registry: Option<&'a registry_adapters::RegistryMetadata>,
    /// Declared tools.
    pub tools: Vec<Tool>,
    /// Prompts, server instructions and other model-visible text.
    pub texts: Vec<ModelText>,
    /// Every finding (not yet fingerprinted).
    pub findings: Vec<Finding>,
}

/// Fingerprints the findings, scores them under the policy and assembles the report entry.
#[must_use]
pub fn conclude(label: &str, learned: Learned<'_>, policy: &crate::policy::Policy) -> TargetResult {
    let Learned {
        package,
        registry,
        tools,
        texts,
        findings,
    } = learned;
    let findings = finalize(findings, &Some(package.clone()));
    let eval = crate::score::evaluate_package(policy, &package, registry, findings);
    TargetResult {
        target: label.to_string(),
        package: Some(package),
        verdict: eval.verdict,
        score: Some(eval.score),
        error: None,
        tools_fingerprint: tools_fingerprint(&tools),
        tools,
        texts,
        findings: eval.applied.findings,
        suppressed: eval.applied.suppressed,
        expired_suppressions: eval.applied.expired,
        allowed_by: eval.applied.allowed_by,
        dependency_path: None,
        dynamic: None,
    }
}

/// Audits one target end to end. Never panics on hostile input; failures become an error result.
#[must_use]
pub fn audit(target: &Target, settings: &Settings) -> Audited {
    audit_checked(target, settings, |_| Vec::new())
}

/// Like [`audit`], with extra checks on the obtained artifact (e.g. a lockfile's recorded
/// digest) whose findings are scored with the analyzers' findings.
#[must_use]
pub fn audit_checked(
    target: &Target,
    settings: &Settings,
    check: impl FnOnce(&Artifact) -> Vec<Finding>,
) -> Audited {
    audit_pinned(target, &[], settings, check)
}

/// [`audit_checked`] of a target whose bytes a lockfile pins by `pinned` digests (the cached
/// artifact is then used without asking the registry, see [`crate::fetch::obtain_pinned`]).
#[must_use]
pub fn audit_pinned(
    target: &Target,
    pinned: &[registry_adapters::Digest],
    settings: &Settings,
    check: impl FnOnce(&Artifact) -> Vec<Finding>,
) -> Audited {
    let label = target.to_string();
    // The patterns compile while the artifact downloads. Offline, or for a lockfile entry (whose
    // artifact and analysis are likely cached), they compile only when an analysis needs them.
    if settings.connectivity == crate::settings::Connectivity::Online && pinned.is_empty() {
        crate::analyze::prepare_in_background();
    }
    let mut artifact = match crate::fetch::obtain_pinned(target, settings, pinned) {
        Ok(a) => a,
        Err(err) => {
            let mut result = TargetResult::error(label, err.to_string());
            result.findings = finalize(err.findings, &err.package);
            result.package = err.package;
            return Audited {
                result,
                artifact: None,
                facts: PackageFacts::default(),
            };
        }
    };
    let extra = check(&artifact);
    artifact.findings.extend(extra);
    let slot = crate::slots::analysis();
    let ArtifactAudit { result, facts } = audit_artifact(&label, &artifact, settings);
    drop(slot);
    Audited {
        result,
        artifact: Some(artifact),
        facts,
    }
}

/// Audits an artifact already on disk, under `settings.limits` and `settings.policy`.
#[must_use]
pub fn audit_artifact(label: &str, artifact: &Artifact, settings: &Settings) -> ArtifactAudit {
    let limits = &settings.limits;
    let hint = artifact
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(identify::hint_from_filename)
        .or_else(|| artifact.resolved.as_ref().map(|r| r.0));
    let fallback_identity = artifact.resolved.clone();
    let mut package = PackageInfo {
        ecosystem: hint.unwrap_or(Ecosystem::Unknown),
        name: fallback_identity
            .as_ref()
            .map(|r| r.1.clone())
            .unwrap_or_default(),
        version: fallback_identity
            .as_ref()
            .map(|r| r.2.clone())
            .unwrap_or_default(),
        source: artifact.source.clone(),
        sha256: artifact.sha256.clone(),
        integrity: artifact.integrity,
    };
    let cache_root = crate::fetch::client(settings)
        .ok()
        .map(|c| c.cache().root().to_path_buf());
    let cache_key = cache_root
        .as_ref()
        .and_then(|_| crate::analysis_cache::key(artifact, hint, limits));
    if let (Some(root), Some(key)) = (&cache_root, &cache_key) {
        if let Some(entry) = crate::analysis_cache::load(root, key) {
            return conclude_cached(label, artifact, package, entry, settings);
        }
    }
    crate::analyze::prepare_in_background();
    let fail = |package: PackageInfo, message: String, findings: Vec<Finding>| {
        let mut r = TargetResult::error(label, message);
        r.package = Some(package);
        r.findings = finalize(findings, &r.package);
        ArtifactAudit {
            result: r,
            facts: PackageFacts::default(),
        }
    };

    let tree = match sandbox::unpack(&artifact.path, limits) {
        Ok(tree) => tree,
        Err(err) => {
            let mut findings = artifact.findings.clone();
            if let Some(rule) = err.rule() {
                let mut f = rule.finding(err.to_string());
                if let UnpackError::Rejected { entry, .. } = &err {
                    f = f.with_evidence(entry);
                }
                findings.push(f);
            }
            // `Malformed` names the archive itself; say it once.
            let detail = match &err {
                UnpackError::Malformed { reason, .. } => {
                    format!("not a readable archive: {reason}")
                }
                other => other.to_string(),
            };
            return fail(
                package,
                format!("could not unpack `{}`: {detail}", artifact.path.display()),
                findings,
            );
        }
    };
    if tree.files().is_empty() {
        let findings =
            vec![mcp_audit_sandbox::EMPTY_PACKAGE.finding("the package contains no files")];
        return fail(
            package,
            format!(
                "`{}` contains no files; nothing to audit",
                artifact.path.display()
            ),
            findings,
        );
    }
    if package.sha256.is_empty() {
        package.sha256 = tree.digest();
    }
    let manifests = match Manifests::load(&tree) {
        Ok(m) => m,
        Err(err) => return fail(package, err.to_string(), artifact.findings.clone()),
    };
    let identity = match manifests.identify(hint) {
        Ok(id) => id,
        Err(err) => return fail(package, err.to_string(), artifact.findings.clone()),
    };
    package.ecosystem = identity.ecosystem;
    if !identity.name.is_empty() {
        package.name.clone_from(&identity.name);
        package.version.clone_from(&identity.version);
    }
    let sources = SourceSet::load(&tree);
    let ctx = Context {
        tree: &tree,
        manifests: &manifests,
        identity: &identity,
        sources: &sources,
        registry: artifact.registry.as_ref(),
    };
    let analysis = analyze::analyze_static(&ctx);
    let entry = crate::analysis_cache::Entry {
        ecosystem: package.ecosystem,
        name: identity.name.clone(),
        version: identity.version.clone(),
        tools: analysis.tools,
        texts: analysis.texts,
        findings: analysis.findings,
        facts: analysis.facts,
    };
    if let (Some(root), Some(key)) = (&cache_root, &cache_key) {
        crate::analysis_cache::store(root, key, &entry);
    }
    conclude_cached(label, artifact, package, entry, settings)
}

/// Ends the audit of an artifact from its analysis (computed, or read from the analysis cache):
/// adds the findings made while obtaining it and the registry findings of the day, keeps those
/// that apply to the package's role, and scores them under the policy.
fn conclude_cached(
    label: &str,
    artifact: &Artifact,
    mut package: PackageInfo,
    entry: crate::analysis_cache::Entry,
    settings: &Settings,
) -> ArtifactAudit {
    package.ecosystem = entry.ecosystem;
    if !entry.name.is_empty() {
        package.name = entry.name;
        package.version.clone_from(&entry.version);
    }
    let registry = artifact.registry.as_ref();
    let mut findings = artifact.findings.clone();
    findings.extend(entry.findings);
    findings.extend(crate::analyze::metadata::registry_now(
        registry,
        &entry.version,
    ));
    if settings.role == Role::Dependency {
        findings.retain(applies_to_dependency);
    }
    let learned = Learned {
        package,
        registry,
        tools: entry.tools,
        texts: entry.texts,
        findings,
    };
    ArtifactAudit {
        result: conclude(label, learned, &settings.policy),
        facts: entry.facts,
    }
}

/// Whether a finding concerns any package, rather than a server's own tool surface (its
/// descriptions and tool handlers), which a library in its dependency tree does not have.
fn applies_to_dependency(f: &Finding) -> bool {
    use crate::analyze::code;
    let tool_surface = [
        &mcp_audit_extract::tools::MCP_SERVER_NO_TOOLS,
        &code::MCPB_TOOLS_MISMATCH,
        &code::READONLY_TOOL_MUTATES,
        &code::TOOL_INPUT_TO_SHELL,
        &code::TOOL_INPUT_TO_EVAL,
    ];
    !matches!(
        f.category,
        Category::ToolPoisoning | Category::HiddenContent | Category::ToolShadowing
    ) && !tool_surface.iter().any(|r| r.id == f.rule)
}

/// Every finding an audit emits comes from a catalogued rule: checked on every audit of a
/// debug build, so the whole test suite checks it.
fn debug_assert_catalogued(findings: &[Finding]) {
    if cfg!(debug_assertions) {
        let known = crate::rules::known_ids();
        for f in findings {
            assert!(
                known.contains(&f.rule.as_str()),
                "finding of rule `{}` that is not in the catalog",
                f.rule
            );
        }
    }
}

/// Fills fingerprints and sorts findings (most severe first, then rule, location, tool). Every
/// finding an audit emits passes here; a debug build checks that its rule is in the catalog.
#[must_use]
pub fn finalize(findings: Vec<Finding>, package: &Option<PackageInfo>) -> Vec<Finding> {
    debug_assert_catalogued(&findings);
    fingerprint_and_sort(findings, package)
}

/// [`finalize`] without the catalog check: for findings of rules made up by tests of the
/// report views.
#[must_use]
pub fn fingerprint_and_sort(
    mut findings: Vec<Finding>,
    package: &Option<PackageInfo>,
) -> Vec<Finding> {
    let (eco, name) = package
        .as_ref()
        .map_or(("", ""), |p| (p.ecosystem.as_str(), p.name.as_str()));
    for f in &mut findings {
        f.fingerprint = finding_fingerprint(eco, name, f);
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.rule.cmp(&b.rule))
            .then_with(|| a.location.cmp(&b.location))
            .then_with(|| a.tool.cmp(&b.tool))
            .then_with(|| a.evidence.cmp(&b.evidence))
    });
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint && a.location == b.location);
    findings
}
