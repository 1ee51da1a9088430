//! The audit pipeline for one target: obtain the artifact, unpack it into the sandbox, identify
//! it, run the analyzers, score, and assemble the [`TargetResult`].

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::analyze::{self, source::SourceSet, Context};
use crate::identify::{self, Ecosystem, Manifests};
use crate::model::{Category, Finding, Severity};
use crate::report::{Integrity, PackageInfo, TargetResult};
use crate::rules::Rule;
use crate::sandbox::{self, UnpackError};
use crate::settings::Settings;
use crate::target::Target;

/// The package contained nothing to analyze.
pub static EMPTY_PACKAGE: Rule = Rule {
    id: "empty-package",
    category: Category::Archive,
    severity: Severity::High,
    summary: "The package contains no files, so nothing could be inspected.",
    example: "an archive with only directories",
};

/// Pipeline rules.
pub static RULES: &[Rule] = &[EMPTY_PACKAGE];

/// An artifact on disk, ready to unpack.
#[derive(Debug, Clone)]
pub struct Artifact {
    /// The file (or directory) to unpack.
    pub path: PathBuf,
    /// Download URL or local path, for the report.
    pub source: String,
    /// Hex sha256 of the file.
    pub sha256: String,
    /// Integrity status.
    pub integrity: Integrity,
    /// Registry facts, when it came from a registry.
    pub registry: Option<registry_adapters::RegistryMetadata>,
    /// Ecosystem/name/version as the registry resolved them.
    pub resolved: Option<(Ecosystem, String, String)>,
    /// Findings made while obtaining it (integrity, …).
    pub findings: Vec<Finding>,
}

/// Everything learned about one target; the report's result plus the parts the installer needs.
#[derive(Debug)]
pub struct Audited {
    /// The report entry.
    pub result: TargetResult,
    /// The artifact that was audited (absent when it could not be obtained).
    pub artifact: Option<Artifact>,
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
    let label = target.to_string();
    crate::analyze::prepare_in_background();
    let mut artifact = match crate::fetch::obtain(target, settings) {
        Ok(a) => a,
        Err(err) => {
            let mut result = TargetResult::error(label, err.to_string());
            result.findings = finalize(err.findings, &err.package);
            result.package = err.package;
            return Audited {
                result,
                artifact: None,
            };
        }
    };
    let extra = check(&artifact);
    artifact.findings.extend(extra);
    let result = audit_artifact(&label, &artifact, settings);
    Audited {
        result,
        artifact: Some(artifact),
    }
}

/// Audits an artifact already on disk, under `settings.limits` and `settings.policy`.
#[must_use]
pub fn audit_artifact(label: &str, artifact: &Artifact, settings: &Settings) -> TargetResult {
    crate::analyze::prepare_in_background();
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
    let fail = |package: PackageInfo, message: String, findings: Vec<Finding>| {
        let mut r = TargetResult::error(label, message);
        r.package = Some(package);
        r.findings = finalize(findings, &r.package);
        r
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
        let findings = vec![EMPTY_PACKAGE.finding("the package contains no files")];
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
        package.sha256 = tree_digest(&tree);
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
    let analysis = analyze::analyze(&ctx);
    let mut findings = artifact.findings.clone();
    findings.extend(analysis.findings);
    let findings = finalize(findings, &Some(package.clone()));
    let eval = crate::score::evaluate_package(&settings.policy, &package, ctx.registry, findings);
    let package = Some(package);
    TargetResult {
        target: label.to_string(),
        package,
        verdict: eval.verdict,
        score: Some(eval.score),
        error: None,
        tools_fingerprint: analysis.tools_fingerprint,
        tools: analysis.tools,
        texts: analysis.texts,
        findings: eval.applied.findings,
        suppressed: eval.applied.suppressed,
        expired_suppressions: eval.applied.expired,
        allowed_by: eval.applied.allowed_by,
    }
}

/// Fills fingerprints and sorts findings (most severe first, then rule, location, tool).
#[must_use]
pub fn finalize(mut findings: Vec<Finding>, package: &Option<PackageInfo>) -> Vec<Finding> {
    let (eco, name) = package
        .as_ref()
        .map_or(("", ""), |p| (p.ecosystem.as_str(), p.name.as_str()));
    for f in &mut findings {
        f.fingerprint = fingerprint(eco, name, f);
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

/// A stable hash of a finding: rule, package, tool, file and evidence (not the line number nor
/// the version, so a suppression survives unrelated edits and upgrades).
#[must_use]
pub fn fingerprint(ecosystem: &str, package: &str, f: &Finding) -> String {
    let mut h = Sha256::new();
    for part in [
        f.rule.as_str(),
        ecosystem,
        package,
        f.tool.as_deref().unwrap_or(""),
        f.location.as_ref().map_or("", |l| l.file.as_str()),
        f.evidence.as_deref().unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    hex::encode(&h.finalize()[..8])
}

/// Digest of a directory target: sha256 over each file's path and content digest, in path
/// order, so the same tree always gives the same value.
#[must_use]
pub fn tree_digest(tree: &sandbox::PackageTree) -> String {
    let mut h = Sha256::new();
    for file in tree.files() {
        let content = sha256_file(&tree.root().join(&file.path)).unwrap_or_default();
        h.update(file.path.as_bytes());
        h.update([0]);
        h.update(content.as_bytes());
        h.update([0]);
    }
    hex::encode(h.finalize())
}

/// Hex sha256 of a file, streamed.
///
/// # Errors
/// The file cannot be read.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}
