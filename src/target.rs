//! Parsing of audit targets: registry specs (`npm:`, `pypi:`, `crates:`, `github:`, bare npm
//! names) and local paths to archives or directories.

use std::fmt;
use std::path::{Path, PathBuf};

use registry_adapters::{Ecosystem, PackageRequest, VersionSpec};

/// Archive file endings read as local targets.
pub const ARCHIVE_EXTENSIONS: &[&str] =
    &[".tgz", ".tar.gz", ".whl", ".zip", ".crate", ".mcpb", ".dxt"];

/// What the user asked to audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A package to resolve from a registry.
    Registry(PackageRequest),
    /// A local archive or directory, audited exactly like a downloaded artifact.
    Local(PathBuf),
}

/// Why a target could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid target `{target}`: {reason}")]
pub struct TargetError {
    target: String,
    reason: String,
}

fn invalid(target: &str, reason: impl Into<String>) -> TargetError {
    TargetError {
        target: target.to_string(),
        reason: reason.into(),
    }
}

impl Target {
    /// Parses a target as typed on the command line.
    ///
    /// A bare word that names an existing file or directory is read as a path; prefix it with
    /// `npm:` to force the registry.
    ///
    /// # Errors
    /// A malformed spec: bad package name, empty version, unknown prefix.
    pub fn parse(input: &str) -> Result<Target, TargetError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(invalid(input, "empty target"));
        }
        if trimmed.chars().any(char::is_control) {
            return Err(invalid(
                &input.escape_debug().to_string(),
                "contains control characters",
            ));
        }
        if let Some((prefix, rest)) = trimmed.split_once(':') {
            match prefix {
                "npm" => return parse_npm(input, rest).map(Target::Registry),
                "pypi" => return parse_pypi(input, rest).map(Target::Registry),
                "crates" => return parse_crates(input, rest).map(Target::Registry),
                "github" => return parse_github(input, rest).map(Target::Registry),
                "file" => return Ok(Target::Local(PathBuf::from(rest))),
                _ if looks_like_path(trimmed) => return Ok(Target::Local(PathBuf::from(trimmed))),
                _ => {
                    return Err(invalid(
                        input,
                        format!(
                            "unknown registry prefix `{prefix}:` (expected npm:, pypi:, crates: or github:)"
                        ),
                    ))
                }
            }
        }
        if trimmed.starts_with('@') {
            return parse_npm(input, trimmed).map(Target::Registry);
        }
        if looks_like_path(trimmed) || Path::new(trimmed).exists() {
            return Ok(Target::Local(PathBuf::from(trimmed)));
        }
        parse_npm(input, trimmed).map(Target::Registry)
    }
}

/// Paths: anything with a separator, a leading `.`/`~`, a drive letter, or an archive ending.
fn looks_like_path(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    s.contains('/')
        || s.contains('\\')
        || s.starts_with('.')
        || s.starts_with('~')
        || (s.len() > 2 && s.as_bytes()[1] == b':' && s.as_bytes()[0].is_ascii_alphabetic())
        || ARCHIVE_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

fn parse_npm(input: &str, spec: &str) -> Result<PackageRequest, TargetError> {
    // The version starts at the last `@` that is not the scope's leading `@`.
    let (name, version) = match spec.rfind('@') {
        Some(0) | None => (spec, None),
        Some(i) => (&spec[..i], Some(&spec[i + 1..])),
    };
    validate_npm_name(name).map_err(|reason| invalid(input, reason))?;
    let version = match version {
        None => VersionSpec::Latest,
        Some("") => return Err(invalid(input, "empty version after `@`")),
        Some(v) if is_npm_tag(v) => VersionSpec::Tag(v.to_string()),
        Some(v) => VersionSpec::Requirement(v.to_string()),
    };
    Ok(PackageRequest {
        ecosystem: Ecosystem::Npm,
        name: name.to_string(),
        version,
        artifact: None,
    })
}

/// A dist-tag is a word that is not a version or range (`latest`, `next`, `beta`).
fn is_npm_tag(v: &str) -> bool {
    v.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !v.eq_ignore_ascii_case("x")
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// npm's package-name rules (validate-npm-package-name, for new packages).
pub fn validate_npm_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("empty package name".into());
    }
    if name.len() > 214 {
        return Err("npm package names are at most 214 characters".into());
    }
    let bare = if let Some(scoped) = name.strip_prefix('@') {
        let Some((scope, bare)) = scoped.split_once('/') else {
            return Err("scoped npm names look like `@scope/name`".into());
        };
        check_npm_part(scope, "scope")?;
        bare
    } else {
        name
    };
    check_npm_part(bare, "name")
}

fn check_npm_part(part: &str, what: &str) -> Result<(), String> {
    if part.is_empty() {
        return Err(format!("empty npm {what}"));
    }
    if part.starts_with('.') || part.starts_with('_') {
        return Err(format!("npm {what} `{part}` may not start with `.` or `_`"));
    }
    let ok = part.chars().all(|c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_' | '~')
    });
    if !ok {
        return Err(format!(
            "npm {what} `{part}` may contain only lowercase letters, digits and `-._~`"
        ));
    }
    Ok(())
}

fn parse_pypi(input: &str, spec: &str) -> Result<PackageRequest, TargetError> {
    let split = spec.find(['=', '<', '>', '!', '~', ' ', ',']);
    let (name, version) = match split {
        Some(i) => (&spec[..i], Some(spec[i..].trim())),
        None => (spec, None),
    };
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if !valid {
        return Err(invalid(
            input,
            format!("`{name}` is not a valid PyPI project name"),
        ));
    }
    let version = match version {
        None => VersionSpec::Latest,
        Some(v)
            if v.trim_start_matches(['=', '<', '>', '!', '~', ' '])
                .is_empty() =>
        {
            return Err(invalid(input, "empty version specifier"))
        }
        Some(v) => VersionSpec::Requirement(v.to_string()),
    };
    Ok(PackageRequest {
        ecosystem: Ecosystem::Pypi,
        name: name.to_string(),
        version,
        artifact: None,
    })
}

fn parse_crates(input: &str, spec: &str) -> Result<PackageRequest, TargetError> {
    let (name, version) = match spec.split_once('@') {
        Some((n, v)) => (n, Some(v)),
        None => (spec, None),
    };
    let valid = name.len() <= 64
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if !valid {
        return Err(invalid(
            input,
            format!("`{name}` is not a valid crate name"),
        ));
    }
    let version = match version {
        None => VersionSpec::Latest,
        Some("") => return Err(invalid(input, "empty version after `@`")),
        Some(v) => VersionSpec::Requirement(v.to_string()),
    };
    Ok(PackageRequest {
        ecosystem: Ecosystem::Crates,
        name: name.to_string(),
        version,
        artifact: None,
    })
}

fn parse_github(input: &str, spec: &str) -> Result<PackageRequest, TargetError> {
    let (rest, glob) = match spec.split_once('#') {
        Some((r, g)) if !g.is_empty() => (r, Some(g.to_string())),
        Some(_) => return Err(invalid(input, "empty asset glob after `#`")),
        None => (spec, None),
    };
    let (repo, tag) = match rest.split_once('@') {
        Some((r, t)) if !t.is_empty() => (r, Some(t)),
        Some(_) => return Err(invalid(input, "empty tag after `@`")),
        None => (rest, None),
    };
    let Some((owner, name)) = repo.split_once('/') else {
        return Err(invalid(
            input,
            "GitHub targets look like `github:OWNER/REPO[@TAG][#ASSET-GLOB]`",
        ));
    };
    let owner_ok = !owner.is_empty()
        && owner.len() <= 39
        && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let name_ok = !name.is_empty()
        && name.len() <= 100
        && name != "."
        && name != ".."
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !owner_ok || !name_ok {
        return Err(invalid(
            input,
            format!("`{repo}` is not a valid GitHub OWNER/REPO"),
        ));
    }
    let version = tag.map_or(VersionSpec::Latest, |t| VersionSpec::Tag(t.to_string()));
    Ok(PackageRequest {
        ecosystem: Ecosystem::Github,
        name: repo.to_string(),
        version,
        artifact: glob,
    })
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Local(path) => write!(f, "{}", path.display()),
            Target::Registry(req) => write!(f, "{}", display_request(req, None)),
        }
    }
}

/// Canonical text of a request (`npm:name@1.2.3`), with `version` in place of the requested one.
#[must_use]
pub fn display_request(req: &PackageRequest, version: Option<&str>) -> String {
    let requested = match &req.version {
        VersionSpec::Latest => None,
        VersionSpec::Requirement(v) | VersionSpec::Tag(v) => Some(v.as_str()),
    };
    let version = version.or(requested);
    match req.ecosystem {
        Ecosystem::Pypi => match version {
            Some(v) if v.starts_with(['=', '<', '>', '!', '~']) => format!("pypi:{}{v}", req.name),
            Some(v) => format!("pypi:{}=={v}", req.name),
            None => format!("pypi:{}", req.name),
        },
        eco => {
            let prefix = match eco {
                Ecosystem::Npm => "npm",
                Ecosystem::Crates => "crates",
                _ => "github",
            };
            let mut out = format!("{prefix}:{}", req.name);
            if let Some(v) = version {
                out.push('@');
                out.push_str(v);
            }
            if let Some(glob) = &req.artifact {
                if eco == Ecosystem::Github {
                    out.push('#');
                    out.push_str(glob);
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(input: &str) -> PackageRequest {
        match Target::parse(input).unwrap() {
            Target::Registry(r) => r,
            Target::Local(p) => panic!("{input} parsed as path {}", p.display()),
        }
    }

    #[test]
    fn npm_forms() {
        let r = reg("@modelcontextprotocol/server-filesystem");
        assert_eq!(r.ecosystem, Ecosystem::Npm);
        assert_eq!(r.name, "@modelcontextprotocol/server-filesystem");
        assert_eq!(r.version, VersionSpec::Latest);
        let r = reg("@scope/pkg@1.2.3");
        assert_eq!(
            (r.name.as_str(), r.version),
            ("@scope/pkg", VersionSpec::Requirement("1.2.3".into()))
        );
        assert_eq!(
            reg("npm:left-pad@^1.0").version,
            VersionSpec::Requirement("^1.0".into())
        );
        assert_eq!(
            reg("npm:left-pad@next").version,
            VersionSpec::Tag("next".into())
        );
        assert_eq!(
            reg("npm:left-pad@1.x").version,
            VersionSpec::Requirement("1.x".into())
        );
        assert_eq!(
            reg("npm:left-pad@>=1 <2").version,
            VersionSpec::Requirement(">=1 <2".into())
        );
        assert_eq!(reg("mcp-server-x").name, "mcp-server-x");
    }

    #[test]
    fn other_registries() {
        let r = reg("pypi:mcp-server-time==2026.10.19");
        assert_eq!(
            (r.ecosystem, r.name.as_str()),
            (Ecosystem::Pypi, "mcp-server-time")
        );
        assert_eq!(r.version, VersionSpec::Requirement("==2026.10.19".into()));
        assert_eq!(reg("pypi:Foo.Bar").version, VersionSpec::Latest);
        let r = reg("crates:rmcp@0.8.1");
        assert_eq!((r.ecosystem, r.name.as_str()), (Ecosystem::Crates, "rmcp"));
        let r = reg("github:github/github-mcp-server@v1.0.0#*linux*");
        assert_eq!(r.name, "github/github-mcp-server");
        assert_eq!(r.version, VersionSpec::Tag("v1.0.0".into()));
        assert_eq!(r.artifact.as_deref(), Some("*linux*"));
    }

    #[test]
    fn paths() {
        for p in [
            "./pkg.tgz",
            "/tmp/x",
            "server.mcpb",
            "dir/sub",
            "x.tar.gz",
            "C:\\x",
        ] {
            assert!(matches!(Target::parse(p), Ok(Target::Local(_))), "{p}");
        }
    }

    #[test]
    fn malformed_targets_are_rejected_with_a_reason() {
        for bad in [
            "",
            "npm:",
            "npm:Upper",
            "@scope",
            "@/x",
            "npm:x@",
            "pypi:-bad",
            "pypi:x==",
            "crates:9lives",
            "crates:x@",
            "github:norepo",
            "github:o/r@",
            "github:o/r#",
            "gem:rails",
            "npm:a\u{1b}[31m",
        ] {
            let err = Target::parse(bad).expect_err(bad);
            assert!(
                err.to_string().starts_with("invalid target"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn display_round_trips() {
        for t in [
            "npm:@a/b@1.0.0",
            "pypi:x==1.0",
            "crates:rmcp@1",
            "github:o/r@v1#*.mcpb",
        ] {
            assert_eq!(Target::parse(t).unwrap().to_string(), t);
        }
    }
}
