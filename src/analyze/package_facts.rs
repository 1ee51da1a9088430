//! Facts about a package that `diff` and `verify --check-updates` compare between versions:
//! declared dependencies, code that runs at install time, capabilities and endpoints. The
//! pipeline reads them while it audits ([`read`]), so nothing is unpacked twice.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::code::Scanned;
use super::Context;
use mcp_audit_extract::identify::Manifests;

/// What a package can do as far as static analysis tells: capability labels (`network`,
/// `process`, `env`, …) and the endpoints it names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// Capability labels.
    pub capabilities: BTreeSet<String>,
    /// URLs and hosts found in the code.
    pub endpoints: BTreeSet<String>,
}

/// The code analyzer's view ([`crate::analyze::code::capabilities_with`]): capabilities (`network`,
/// `process`, …), the sensitive files the code names and the executables it ships; endpoints are
/// the hosts of hard-coded URLs.
#[must_use]
pub fn code_surface(ctx: &Context<'_>, scanned: &Scanned) -> Surface {
    let summary = super::code::capabilities_with(ctx, scanned);
    let mut capabilities: BTreeSet<String> = summary
        .capabilities
        .keys()
        .map(|c| c.as_str().to_string())
        .collect();
    capabilities.extend(summary.sensitive_paths.iter().map(|p| {
        format!(
            "names sensitive file {}",
            mcp_audit_core::model::excerpt(p, 80)
        )
    }));
    capabilities.extend(
        summary
            .executables
            .iter()
            .map(|e| format!("ships executable {e}")),
    );
    Surface {
        capabilities,
        endpoints: summary.endpoints,
    }
}

/// Facts about a package that the audit report does not carry: what `diff` and
/// `verify --check-updates` compare between two versions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageFacts {
    /// Declared dependencies: name → requirement.
    pub dependencies: BTreeMap<String, String>,
    /// Code that runs at install time: `npm:postinstall` → command, `setup.py` → "", …
    pub install_scripts: BTreeMap<String, String>,
    /// Capabilities and endpoints.
    pub surface: Surface,
}

/// Reads the [`PackageFacts`] of a package being audited.
#[must_use]
pub fn read(ctx: &Context<'_>, scanned: &Scanned) -> PackageFacts {
    PackageFacts {
        dependencies: dependencies(ctx.manifests),
        install_scripts: install_scripts(ctx),
        surface: code_surface(ctx, scanned),
    }
}

/// Declared runtime dependencies of any ecosystem.
#[must_use]
pub fn dependencies(m: &Manifests) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(pkg) = &m.package_json {
        for key in ["dependencies", "optionalDependencies"] {
            if let Some(deps) = pkg.value.get(key).and_then(Value::as_object) {
                for (name, req) in deps {
                    out.insert(name.clone(), req.as_str().unwrap_or("*").to_string());
                }
            }
        }
    }
    if let Some(meta) = &m.core_metadata {
        for req in meta.value.get_all("Requires-Dist") {
            let (name, rest) = split_pep508(req);
            out.insert(name, rest);
        }
    } else if let Some(py) = &m.pyproject {
        let deps = py
            .value
            .get("project")
            .and_then(|p| p.get("dependencies"))
            .and_then(toml::Value::as_array);
        for req in deps.into_iter().flatten().filter_map(toml::Value::as_str) {
            let (name, rest) = split_pep508(req);
            out.insert(name, rest);
        }
    }
    if let Some(cargo) = &m.cargo_toml {
        for key in ["dependencies", "build-dependencies"] {
            if let Some(deps) = cargo.value.get(key).and_then(toml::Value::as_table) {
                for (name, spec) in deps {
                    let req = match spec {
                        toml::Value::String(s) => s.clone(),
                        toml::Value::Table(t) => t
                            .get("version")
                            .and_then(toml::Value::as_str)
                            .unwrap_or("*")
                            .to_string(),
                        _ => "*".into(),
                    };
                    let name = if key == "build-dependencies" {
                        format!("{name} (build)")
                    } else {
                        name.clone()
                    };
                    out.insert(name, req);
                }
            }
        }
    }
    out
}

fn split_pep508(req: &str) -> (String, String) {
    let end = req
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(req.len());
    (
        req[..end].to_ascii_lowercase(),
        req[end..].trim().to_string(),
    )
}

/// Code that runs when the package is installed.
#[must_use]
pub fn install_scripts(ctx: &Context<'_>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let m = ctx.manifests;
    if let Some(scripts) = m
        .package_json
        .as_ref()
        .and_then(|p| p.value.get("scripts"))
        .and_then(Value::as_object)
    {
        for hook in super::manifest::NPM_LIFECYCLE_HOOKS {
            if let Some(cmd) = scripts.get(*hook).and_then(Value::as_str) {
                out.insert(format!("npm {hook}"), cmd.to_string());
            }
        }
    }
    if m.package_json.is_some() && ctx.tree.file("binding.gyp").is_some() {
        out.insert("npm binding.gyp".into(), "node-gyp rebuild".into());
    }
    if m.has_setup_py {
        out.insert("setup.py".into(), "runs when the sdist is built".into());
    }
    for f in ctx.tree.files() {
        if f.path.ends_with(".pth") && !f.path.contains('/') {
            out.insert(
                format!(".pth {}", f.path),
                "runs at every interpreter start".into(),
            );
        }
    }
    if let Some(cargo) = &m.cargo_toml {
        let package = cargo.value.get("package");
        let build = package.and_then(|p| p.get("build"));
        match build {
            Some(toml::Value::String(path)) => {
                out.insert("cargo build script".into(), path.clone());
            }
            Some(toml::Value::Boolean(false)) => {}
            _ if ctx.tree.file("build.rs").is_some() => {
                out.insert("cargo build script".into(), "build.rs".into());
            }
            _ => {}
        }
        if cargo
            .value
            .get("lib")
            .and_then(|l| l.get("proc-macro"))
            .and_then(toml::Value::as_bool)
            == Some(true)
        {
            out.insert("cargo proc-macro".into(), "runs in the compiler".into());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep508_names_are_split_and_normalized() {
        assert_eq!(
            split_pep508("MCP<3,>=2.3"),
            ("mcp".into(), "<3,>=2.3".into())
        );
        assert_eq!(split_pep508("tzdata"), ("tzdata".into(), String::new()));
    }
}
