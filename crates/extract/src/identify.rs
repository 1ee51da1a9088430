//! Package identification: which ecosystem a package belongs to, its name and version, and the
//! parsed manifests every analyzer reads (package.json, MCPB manifest.json, Cargo.toml,
//! wheel METADATA / sdist PKG-INFO, pyproject.toml).

use serde::Serialize;

use mcp_audit_sandbox::PackageTree;

/// Largest manifest read; anything bigger is hostile.
pub const MAX_MANIFEST_BYTES: u64 = 8 * 1024 * 1024;

pub use mcp_audit_core::Ecosystem;

/// Email-header style metadata (wheel `METADATA`, sdist `PKG-INFO`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoreMetadata {
    /// Header fields in order; repeated fields (`Requires-Dist`) appear several times.
    pub fields: Vec<(String, String)>,
    /// The body (long description).
    pub body: String,
}

impl CoreMetadata {
    /// Parses the RFC 822-like format of Python core metadata.
    #[must_use]
    pub fn parse(text: &str) -> CoreMetadata {
        let mut meta = CoreMetadata::default();
        let mut lines = text.split_inclusive('\n');
        for line in lines.by_ref() {
            let trimmed = line.trim_end_matches(['\r', '\n']);
            if trimmed.is_empty() {
                break;
            }
            if trimmed.starts_with([' ', '\t']) {
                if let Some((_, value)) = meta.fields.last_mut() {
                    value.push('\n');
                    value.push_str(trimmed.trim());
                }
                continue;
            }
            if let Some((key, value)) = trimmed.split_once(':') {
                meta.fields
                    .push((key.trim().to_string(), value.trim().to_string()));
            }
        }
        meta.body = lines.collect();
        meta
    }

    /// The first value of a field (case-insensitive name).
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a repeated field.
    pub fn get_all<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.fields
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// A parsed manifest and the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// Path relative to the package root.
    pub path: String,
    /// The parsed document.
    pub value: T,
}

/// Every manifest found at the package root.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Manifests {
    /// `package.json`.
    pub package_json: Option<Parsed<serde_json::Value>>,
    /// MCPB / DXT `manifest.json` (only when it has `manifest_version` or `dxt_version`).
    pub mcpb: Option<Parsed<serde_json::Value>>,
    /// `Cargo.toml`.
    pub cargo_toml: Option<Parsed<toml::Table>>,
    /// `pyproject.toml`.
    pub pyproject: Option<Parsed<toml::Table>>,
    /// Wheel `*.dist-info/METADATA` or sdist `PKG-INFO`.
    pub core_metadata: Option<Parsed<CoreMetadata>>,
    /// Whether `setup.py` exists at the root.
    pub has_setup_py: bool,
    /// Wheel `*.dist-info/` directory, when the package is a wheel.
    pub dist_info: Option<String>,
}

/// What the package is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// Ecosystem.
    pub ecosystem: Ecosystem,
    /// Package name from its manifest.
    pub name: String,
    /// Version from its manifest.
    pub version: String,
}

/// Why a package could not be identified.
#[derive(Debug, thiserror::Error)]
#[error("cannot read `{path}`: {reason}")]
pub struct ManifestError {
    /// The manifest's path in the package.
    pub path: String,
    /// Why.
    pub reason: String,
}

/// Hint from the artifact's file name.
#[must_use]
pub fn hint_from_filename(name: &str) -> Option<Ecosystem> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".crate") {
        Some(Ecosystem::Crates)
    } else if lower.ends_with(".whl") {
        Some(Ecosystem::Pypi)
    } else if lower.ends_with(".mcpb") || lower.ends_with(".dxt") {
        Some(Ecosystem::Mcpb)
    } else {
        None
    }
}

fn read_text(tree: &PackageTree, path: &str) -> Result<Option<String>, ManifestError> {
    let Some(file) = tree.file(path) else {
        return Ok(None);
    };
    if file.size > MAX_MANIFEST_BYTES {
        return Err(ManifestError {
            path: path.into(),
            reason: format!("{} bytes is too large for a manifest", file.size),
        });
    }
    let bytes = tree.read(path).map_err(|e| ManifestError {
        path: path.into(),
        reason: e.to_string(),
    })?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| ManifestError {
            path: path.into(),
            reason: "not valid UTF-8".into(),
        })
}

fn parse_json(path: &str, text: &str) -> Result<serde_json::Value, ManifestError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| ManifestError {
        path: path.into(),
        reason: format!("invalid JSON: {e}"),
    })
}

fn parse_toml(path: &str, text: &str) -> Result<toml::Table, ManifestError> {
    text.parse::<toml::Table>().map_err(|e| ManifestError {
        path: path.into(),
        reason: format!("invalid TOML: {}", e.message()),
    })
}

impl Manifests {
    /// Reads the manifests at the root of the tree.
    ///
    /// # Errors
    /// A manifest exists but is unreadable, too large, or not valid JSON/TOML.
    pub fn load(tree: &PackageTree) -> Result<Manifests, ManifestError> {
        let mut m = Manifests::default();
        if let Some(text) = read_text(tree, "package.json")? {
            m.package_json = Some(Parsed {
                path: "package.json".into(),
                value: parse_json("package.json", &text)?,
            });
        }
        if let Some(text) = read_text(tree, "manifest.json")? {
            let value = parse_json("manifest.json", &text)?;
            if value.get("manifest_version").is_some() || value.get("dxt_version").is_some() {
                m.mcpb = Some(Parsed {
                    path: "manifest.json".into(),
                    value,
                });
            }
        }
        if let Some(text) = read_text(tree, "Cargo.toml")? {
            m.cargo_toml = Some(Parsed {
                path: "Cargo.toml".into(),
                value: parse_toml("Cargo.toml", &text)?,
            });
        }
        if let Some(text) = read_text(tree, "pyproject.toml")? {
            m.pyproject = Some(Parsed {
                path: "pyproject.toml".into(),
                value: parse_toml("pyproject.toml", &text)?,
            });
        }
        m.has_setup_py = tree.file("setup.py").is_some();
        m.dist_info = tree
            .files()
            .iter()
            .filter_map(|f| f.path.strip_suffix("/METADATA"))
            .find(|dir| dir.ends_with(".dist-info") && !dir.contains('/'))
            .map(str::to_string);
        let core_path = match &m.dist_info {
            Some(dir) => Some(format!("{dir}/METADATA")),
            None => tree.file("PKG-INFO").map(|f| f.path.clone()),
        };
        if let Some(path) = core_path {
            if let Some(text) = read_text(tree, &path)? {
                m.core_metadata = Some(Parsed {
                    path,
                    value: CoreMetadata::parse(&text),
                });
            }
        }
        Ok(m)
    }

    /// Decides the package's identity. `hint` comes from the artifact's file name.
    ///
    /// # Errors
    /// The identifying manifest lacks a name.
    pub fn identify(&self, hint: Option<Ecosystem>) -> Result<Identity, ManifestError> {
        let order: &[Ecosystem] = match hint {
            Some(Ecosystem::Crates) => &[Ecosystem::Crates],
            Some(Ecosystem::Pypi) => &[Ecosystem::Pypi],
            Some(Ecosystem::Mcpb) => &[Ecosystem::Mcpb],
            _ => &[
                Ecosystem::Mcpb,
                Ecosystem::Pypi,
                Ecosystem::Crates,
                Ecosystem::Npm,
            ],
        };
        for eco in order {
            if let Some(id) = self.identity_as(*eco)? {
                return Ok(id);
            }
        }
        // A pyproject-only tree (source checkout) is still a Python package.
        if let Some(p) = &self.pyproject {
            if let Some(project) = p.value.get("project").and_then(|v| v.as_table()) {
                let name = project
                    .get("name")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default();
                let version = project
                    .get("version")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default();
                if !name.is_empty() {
                    return Ok(Identity {
                        ecosystem: Ecosystem::Pypi,
                        name: name.into(),
                        version: version.into(),
                    });
                }
            }
        }
        Ok(Identity {
            ecosystem: hint.unwrap_or(Ecosystem::Unknown),
            name: String::new(),
            version: String::new(),
        })
    }

    fn identity_as(&self, eco: Ecosystem) -> Result<Option<Identity>, ManifestError> {
        let json_identity = |p: &Parsed<serde_json::Value>| -> Result<Identity, ManifestError> {
            let name = p
                .value
                .get("name")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            if name.is_empty() {
                return Err(ManifestError {
                    path: p.path.clone(),
                    reason: "no `name`".into(),
                });
            }
            let version = p
                .value
                .get("version")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            Ok(Identity {
                ecosystem: eco,
                name: name.into(),
                version: version.into(),
            })
        };
        Ok(match eco {
            Ecosystem::Mcpb => self.mcpb.as_ref().map(json_identity).transpose()?,
            Ecosystem::Npm => self.package_json.as_ref().map(json_identity).transpose()?,
            Ecosystem::Pypi => match &self.core_metadata {
                Some(p) => {
                    let name = p.value.get("Name").unwrap_or_default();
                    if name.is_empty() {
                        return Err(ManifestError {
                            path: p.path.clone(),
                            reason: "no `Name` field".into(),
                        });
                    }
                    let version = p.value.get("Version").unwrap_or_default();
                    Some(Identity {
                        ecosystem: eco,
                        name: name.into(),
                        version: version.into(),
                    })
                }
                None => None,
            },
            Ecosystem::Crates => match &self.cargo_toml {
                Some(p) => match p.value.get("package").and_then(|v| v.as_table()) {
                    Some(package) => {
                        let name = package
                            .get("name")
                            .and_then(|v| v.as_str())
                            .unwrap_or_default();
                        if name.is_empty() {
                            return Err(ManifestError {
                                path: p.path.clone(),
                                reason: "no `package.name`".into(),
                            });
                        }
                        let version = package
                            .get("version")
                            .and_then(|v| v.as_str())
                            .unwrap_or_default();
                        Some(Identity {
                            ecosystem: eco,
                            name: name.into(),
                            version: version.into(),
                        })
                    }
                    None => None,
                },
                None => None,
            },
            Ecosystem::Github | Ecosystem::Unknown => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_metadata_parses_headers_continuations_and_body() {
        let meta = CoreMetadata::parse(
            "Metadata-Version: 2.4\nName: mcp-server-time\nVersion: 2026.10.19\nRequires-Dist: mcp<3,>=2.3\nRequires-Dist: tzdata\nLicense: MIT\n  continued\n\n# Title\nbody\n",
        );
        assert_eq!(meta.get("name"), Some("mcp-server-time"));
        assert_eq!(meta.get_all("Requires-Dist").count(), 2);
        assert_eq!(meta.get("License"), Some("MIT\ncontinued"));
        assert_eq!(meta.body, "# Title\nbody\n");
    }
}
