//! package.json: lifecycle scripts, bin, dependencies from URLs, bundled dependencies,
//! shrinkwrap.

use super::rules::*;
use super::{classify_command, visible, CommandClass, SYSTEM_COMMANDS};
use crate::analyze::code::InstallReview;
use crate::analyze::context::Context;
use mcp_audit_core::model::{Finding, Severity};

pub(crate) fn analyze(ctx: &Context<'_>, review: &InstallReview) -> Vec<Finding> {
    let Some(pj) = &ctx.manifests.package_json else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let file = pj.path.as_str();
    let v = &pj.value;
    if let Some(scripts) = v.get("scripts").and_then(|s| s.as_object()) {
        for hook in super::NPM_LIFECYCLE_HOOKS {
            let Some(cmd) = scripts.get(*hook).and_then(|c| c.as_str()) else {
                continue;
            };
            let benign = review.benign(&format!("npm {hook}"));
            out.push(script_finding(hook, cmd, benign).at(file, None));
        }
    } else if ctx
        .registry
        .is_some_and(|r| r.has_install_script == Some(true))
    {
        out.push(
            INSTALL_SCRIPT
                .finding("the registry says this version has an install script, but package.json declares none (a binding.gyp runs `node-gyp rebuild`)")
                .with_severity(Severity::Low)
                .at(file, None),
        );
    }
    // Commands put on PATH.
    let bins: Vec<String> = match v.get("bin") {
        Some(serde_json::Value::String(_)) => v
            .get("name")
            .and_then(|n| n.as_str())
            .map(|n| n.rsplit('/').next().unwrap_or(n).to_string())
            .into_iter()
            .collect(),
        Some(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    commands(&bins, file, &mut out);
    // Dependencies installed for users (devDependencies are not).
    for field in ["dependencies", "optionalDependencies", "peerDependencies"] {
        let Some(deps) = v.get(field).and_then(|d| d.as_object()) else {
            continue;
        };
        for (name, spec) in deps {
            let Some(spec) = spec.as_str() else { continue };
            if let Some(kind) = non_registry(spec) {
                out.push(
                    DEPENDENCY_FROM_URL
                        .finding(format!("{field} `{}` comes from {kind}", visible(name)))
                        .at(file, None)
                        .with_evidence(visible(spec)),
                );
            }
        }
    }
    let bundled = v
        .get("bundleDependencies")
        .or_else(|| v.get("bundledDependencies"));
    let bundled_names = match bundled {
        Some(serde_json::Value::Array(a)) => a.len(),
        Some(serde_json::Value::Bool(true)) => 1,
        _ => 0,
    };
    let shipped_modules = ctx
        .tree
        .files()
        .iter()
        .filter(|f| f.path.starts_with("node_modules/") || f.path.contains("/node_modules/"))
        .count();
    if bundled_names > 0 || shipped_modules > 0 {
        out.push(
            BUNDLED_DEPENDENCIES
                .finding(format!(
                    "the package bundles dependencies ({bundled_names} declared, {shipped_modules} files under node_modules)"
                ))
                .at(file, None),
        );
    }
    if let Some(f) = shrinkwrap(ctx) {
        out.push(f);
    }
    out
}

/// The finding of a lifecycle script; `benign` when its code was read and nothing it does
/// leaves the package.
fn script_finding(hook: &str, cmd: &str, benign: bool) -> Finding {
    let shown = visible(cmd);
    if hook == "prepare" {
        return INSTALL_SCRIPT
            .finding(format!(
                "`prepare` script (runs only when installed from git or a local path): {shown}"
            ))
            .with_severity(Severity::Info)
            .with_evidence(&shown);
    }
    match classify_command(cmd) {
        CommandClass::FetchExec if benign && !super::fetches(cmd) => INSTALL_SCRIPT
            .finding(format!(
                "the `{hook}` script runs inline code that only touches the package's own files"
            ))
            .with_severity(Severity::Low)
            .with_evidence(&shown),
        CommandClass::Runs if benign => INSTALL_SCRIPT
            .finding(format!(
                "the `{hook}` script runs the package's own code, which does nothing outside the package (no network, shell, secrets or writes elsewhere)"
            ))
            .with_severity(Severity::Low)
            .with_evidence(&shown),
        CommandClass::FetchExec => INSTALL_FETCH_EXEC
            .finding(format!(
                "the `{hook}` script downloads or runs inline code at install time"
            ))
            .with_evidence(&shown),
        CommandClass::Build => INSTALL_SCRIPT
            .finding(format!("the `{hook}` script runs a known build step"))
            .with_severity(Severity::Low)
            .with_evidence(&shown),
        CommandClass::Runs => INSTALL_SCRIPT
            .finding(format!(
                "the `{hook}` script runs a command at install time"
            ))
            .with_evidence(&shown),
    }
}

pub(crate) fn commands(names: &[String], file: &str, out: &mut Vec<Finding>) {
    if names.is_empty() {
        return;
    }
    for name in names {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        if SYSTEM_COMMANDS.contains(&base) {
            out.push(
                COMMAND_SHADOWING
                    .finding(format!(
                        "installs a command named `{}`, like a common system tool",
                        visible(base)
                    ))
                    .at(file, None)
                    .with_evidence(visible(name)),
            );
        }
    }
    let list: Vec<String> = names.iter().take(20).map(|n| visible(n)).collect();
    out.push(
        INSTALLED_COMMANDS
            .finding(format!("installs command(s): {}", list.join(", ")))
            .at(file, None),
    );
}

/// Where a dependency spec points when not at the registry.
fn non_registry(spec: &str) -> Option<&'static str> {
    let s = spec.trim();
    if s.starts_with("git")
        || s.starts_with("github:")
        || s.starts_with("gitlab:")
        || s.starts_with("bitbucket:")
    {
        return Some("a git repository");
    }
    if s.starts_with("http://") || s.starts_with("https://") {
        return Some("a URL");
    }
    if s.starts_with("file:")
        || s.starts_with("link:")
        || s.starts_with("./")
        || s.starts_with("../")
        || s.starts_with('/')
    {
        return Some("a local path");
    }
    // GitHub shorthand `user/repo` or `user/repo#ref`.
    let head = s.split('#').next().unwrap_or(s);
    let shorthand = !s.starts_with('@')
        && !s.starts_with("npm:")
        && !s.starts_with("workspace:")
        && head.split('/').count() == 2
        && head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    shorthand.then_some("a GitHub repository")
}

fn shrinkwrap(ctx: &Context<'_>) -> Option<Finding> {
    let file = ctx.tree.file("npm-shrinkwrap.json")?;
    if file.size > mcp_audit_extract::identify::MAX_MANIFEST_BYTES {
        return Some(
            SHRINKWRAP
                .finding("ships a very large npm-shrinkwrap.json")
                .at("npm-shrinkwrap.json", None),
        );
    }
    let text = ctx.tree.read("npm-shrinkwrap.json").ok()?;
    let value: serde_json::Value = serde_json::from_slice(&text).unwrap_or_default();
    let mut foreign = Vec::new();
    let mut visit = |entry: &serde_json::Value| {
        if let Some(r) = entry.get("resolved").and_then(|r| r.as_str()) {
            if !r.starts_with("https://registry.npmjs.org/")
                && !r.starts_with("https://registry.yarnpkg.com/")
            {
                foreign.push(visible(r));
            }
        }
    };
    if let Some(p) = value.get("packages").and_then(|p| p.as_object()) {
        p.values().for_each(&mut visit);
    }
    if let Some(d) = value.get("dependencies").and_then(|p| p.as_object()) {
        d.values().for_each(&mut visit);
    }
    let f = if foreign.is_empty() {
        SHRINKWRAP
            .finding("ships npm-shrinkwrap.json, which pins its dependency tree for the installer")
    } else {
        SHRINKWRAP
            .finding(format!(
                "npm-shrinkwrap.json resolves {} package(s) outside the npm registry",
                foreign.len()
            ))
            .with_severity(Severity::Medium)
            .with_evidence(&foreign[0])
    };
    Some(f.at("npm-shrinkwrap.json", None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependency_specs() {
        assert_eq!(non_registry("^1.2.3"), None);
        assert_eq!(non_registry("npm:other@1"), None);
        assert_eq!(
            non_registry("git+https://x/y.git"),
            Some("a git repository")
        );
        assert_eq!(non_registry("user/repo#main"), Some("a GitHub repository"));
        assert_eq!(non_registry("https://x.example/p.tgz"), Some("a URL"));
        assert_eq!(non_registry("file:../p"), Some("a local path"));
        assert_eq!(non_registry(">=1.0.0 <2"), None);
    }
}
