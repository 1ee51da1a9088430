//! Version selection in each ecosystem's own rules: npm ranges (node-semver semantics, via
//! `nodejs-semver`), PEP 440 specifiers (via `pep440_rs`, with pip's pre-release rule) and Cargo
//! requirements (the `semver` crate, which implements Cargo's rules).

use std::str::FromStr;

/// Picks the npm version for a range: the `latest` dist-tag when it satisfies the range (what
/// npm itself does), else the highest satisfying non-deprecated version, else the highest
/// satisfying one. Pre-releases match only ranges that name a pre-release of the same
/// `major.minor.patch`, as in npm.
///
/// # Errors
/// The range does not parse.
pub fn npm_pick<'a>(
    range: &str,
    versions: impl IntoIterator<Item = (&'a str, bool)>,
    latest: Option<&str>,
) -> Result<Option<String>, String> {
    let range = nodejs_semver::Range::parse(range.trim()).map_err(|e| e.to_string())?;
    let parsed: Vec<(nodejs_semver::Version, &str, bool)> = versions
        .into_iter()
        .filter_map(|(v, deprecated)| {
            nodejs_semver::Version::parse(v)
                .ok()
                .map(|p| (p, v, deprecated))
        })
        .collect();
    if let Some(latest) = latest {
        if let Some((_, text, _)) = parsed
            .iter()
            .find(|(p, text, _)| *text == latest && range.satisfies(p))
        {
            return Ok(Some((*text).to_string()));
        }
    }
    let best = |allow_deprecated: bool| {
        parsed
            .iter()
            .filter(|(p, _, deprecated)| (allow_deprecated || !deprecated) && range.satisfies(p))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, text, _)| (*text).to_string())
    };
    Ok(best(false).or_else(|| best(true)))
}

/// The highest npm version by semver precedence, ignoring pre-releases unless there is nothing
/// else (used when a packument has no `latest` tag).
#[must_use]
pub fn npm_highest<'a>(versions: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let parsed: Vec<(nodejs_semver::Version, &str)> = versions
        .into_iter()
        .filter_map(|v| nodejs_semver::Version::parse(v).ok().map(|p| (p, v)))
        .collect();
    let pick = |pre: bool| {
        parsed
            .iter()
            .filter(|(p, _)| pre || !p.is_prerelease())
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, t)| (*t).to_string())
    };
    pick(false).or_else(|| pick(true))
}

/// Picks the PyPI version for a PEP 440 specifier set (empty: any). Pre-releases are considered
/// only when a specifier names one or when no final release matches (pip's rule).
///
/// # Errors
/// The specifier does not parse.
pub fn pep440_pick<'a>(
    specifiers: &str,
    versions: impl IntoIterator<Item = &'a str>,
) -> Result<Option<String>, String> {
    let specs =
        pep440_rs::VersionSpecifiers::from_str(specifiers.trim()).map_err(|e| e.to_string())?;
    let names_pre = specs.iter().any(|s| s.version().any_prerelease());
    let candidates: Vec<(pep440_rs::Version, &str)> = versions
        .into_iter()
        .filter_map(|v| pep440_rs::Version::from_str(v).ok().map(|p| (p, v)))
        .filter(|(p, _)| specs.contains(p))
        .collect();
    let pick = |pre: bool| {
        candidates
            .iter()
            .filter(|(p, _)| pre || !p.any_prerelease())
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, t)| (*t).to_string())
    };
    Ok(if names_pre {
        pick(true)
    } else {
        pick(false).or_else(|| pick(true))
    })
}

/// Whether `text` is one exact PEP 440 version equal to `version` (`1.0` equals `1.0.0`).
#[must_use]
pub fn pep440_equal(text: &str, version: &str) -> bool {
    match (
        pep440_rs::Version::from_str(text),
        pep440_rs::Version::from_str(version),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Picks the crate version for a Cargo requirement. A bare full version (`1.2.3`) is exact, as
/// in `cargo install name@1.2.3`; anything else is a Cargo requirement (`1.2` = `^1.2`).
///
/// # Errors
/// The requirement does not parse.
pub fn cargo_pick<'a>(
    requirement: &str,
    versions: impl IntoIterator<Item = &'a str>,
) -> Result<Option<String>, String> {
    let requirement = requirement.trim();
    let parsed: Vec<(semver::Version, &str)> = versions
        .into_iter()
        .filter_map(|v| semver::Version::parse(v).ok().map(|p| (p, v)))
        .collect();
    if let Ok(exact) = semver::Version::parse(requirement) {
        return Ok(parsed
            .iter()
            .find(|(p, _)| *p == exact)
            .map(|(_, t)| (*t).to_string()));
    }
    let req = semver::VersionReq::parse(requirement).map_err(|e| e.to_string())?;
    Ok(parsed
        .iter()
        .filter(|(p, _)| req.matches(p))
        .max_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, t)| (*t).to_string()))
}

/// The highest crate version that is not a pre-release (else the highest of all).
#[must_use]
pub fn cargo_highest<'a>(versions: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let parsed: Vec<(semver::Version, &str)> = versions
        .into_iter()
        .filter_map(|v| semver::Version::parse(v).ok().map(|p| (p, v)))
        .collect();
    let pick = |pre: bool| {
        parsed
            .iter()
            .filter(|(p, _)| pre || p.pre.is_empty())
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, t)| (*t).to_string())
    };
    pick(false).or_else(|| pick(true))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NPM: &[&str] = &[
        "0.9.0",
        "1.0.0",
        "1.2.3",
        "1.2.9",
        "1.3.0-beta.1",
        "1.3.0",
        "1.4.0",
        "2.0.0-rc.1",
        "2.0.0",
        "2.1.0",
    ];

    fn npm(range: &str, latest: Option<&str>) -> Option<String> {
        npm_pick(range, NPM.iter().map(|v| (*v, false)), latest).unwrap()
    }

    #[test]
    fn npm_ranges_follow_node_semver() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1.2.3", Some("1.2.3")),
            ("=1.2.3", Some("1.2.3")),
            ("^1.2.3", Some("1.4.0")),
            ("~1.2.3", Some("1.2.9")),
            ("1.x", Some("1.4.0")),
            ("1.2.x", Some("1.2.9")),
            ("1", Some("1.4.0")),
            ("*", Some("2.1.0")),
            ("x", Some("2.1.0")),
            (">=1.0.0 <1.3.0", Some("1.2.9")),
            ("1.0.0 - 1.2.3", Some("1.2.3")),
            ("<1 || >=2.0.0 <2.1.0", Some("2.0.0")),
            ("^0.9.0", Some("0.9.0")),
            ("^1.3.0-beta.0", Some("1.4.0")),
            ("~1.3.0-beta.0", Some("1.3.0")),
            (">=2.0.0-rc.0 <2.0.0", Some("2.0.0-rc.1")),
            ("^3", None),
        ];
        for (range, want) in cases {
            assert_eq!(npm(range, None).as_deref(), *want, "{range}");
        }
        // A pre-release never satisfies a range that does not name one of the same tuple.
        assert_eq!(npm(">1.2.9 <1.3.0", None), None);
    }

    #[test]
    fn npm_prefers_latest_tag_then_non_deprecated() {
        assert_eq!(npm("^1.0.0", Some("1.2.3")).as_deref(), Some("1.2.3"));
        assert_eq!(npm("^1.0.0", Some("2.1.0")).as_deref(), Some("1.4.0"));
        let with_deprecated = [("1.0.0", false), ("1.1.0", true)];
        assert_eq!(
            npm_pick("^1", with_deprecated, None).unwrap().as_deref(),
            Some("1.0.0")
        );
        let all_deprecated = [("1.0.0", true), ("1.1.0", true)];
        assert_eq!(
            npm_pick("^1", all_deprecated, None).unwrap().as_deref(),
            Some("1.1.0")
        );
        assert!(npm_pick("not a range!", NPM.iter().map(|v| (*v, false)), None).is_err());
        assert_eq!(
            npm_highest(["1.0.0", "2.0.0-rc.1"]).as_deref(),
            Some("1.0.0")
        );
        assert_eq!(npm_highest(["2.0.0-rc.1"]).as_deref(), Some("2.0.0-rc.1"));
    }

    const PY: &[&str] = &["0.9", "1.0", "1.0.post1", "1.1rc1", "1.1", "1.2.0", "2.0a1"];

    #[test]
    fn pep440_specifiers() {
        let cases: &[(&str, Option<&str>)] = &[
            ("", Some("1.2.0")),
            ("==1.0", Some("1.0")),
            ("==1.0.0", Some("1.0")),
            ("==1.*", Some("1.2.0")),
            (">=1.0,<1.2", Some("1.1")),
            ("~=1.0", Some("1.2.0")),
            ("~=1.0.0", Some("1.0.post1")),
            ("!=1.2.0", Some("1.1")),
            (">=2.0a1", Some("2.0a1")),
            (">1.2", Some("2.0a1")),
            ("<0.1", None),
            ("===1.0.post1", Some("1.0.post1")),
        ];
        for (spec, want) in cases {
            assert_eq!(
                pep440_pick(spec, PY.iter().copied()).unwrap().as_deref(),
                *want,
                "{spec}"
            );
        }
        assert!(pep440_pick("=>1", PY.iter().copied()).is_err());
        assert!(pep440_equal("1.0", "1.0.0"));
        assert!(!pep440_equal("1.0", "1.0.post1"));
    }

    #[test]
    fn cargo_requirements() {
        let v = [
            "0.1.0",
            "0.1.5",
            "0.2.0",
            "1.0.0",
            "1.2.0",
            "1.3.0-alpha.1",
            "2.0.0",
        ];
        let cases: &[(&str, Option<&str>)] = &[
            ("1.0.0", Some("1.0.0")),
            ("=1.2.0", Some("1.2.0")),
            ("1", Some("1.2.0")),
            ("1.0", Some("1.2.0")),
            ("^0.1", Some("0.1.5")),
            ("~0.1.0", Some("0.1.5")),
            (">=1, <2", Some("1.2.0")),
            ("*", Some("2.0.0")),
            ("3", None),
            ("1.1.1", None),
        ];
        for (req, want) in cases {
            assert_eq!(
                cargo_pick(req, v.iter().copied()).unwrap().as_deref(),
                *want,
                "{req}"
            );
        }
        assert!(cargo_pick("^^1", v.iter().copied()).is_err());
        assert_eq!(cargo_highest(v.iter().copied()).as_deref(), Some("2.0.0"));
    }
}
