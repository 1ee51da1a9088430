//! Typosquats, scope impersonation and brand impersonation against `popular.txt`.

use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

use super::{BRAND_IMPERSONATION, POPULAR, SCOPE_IMPERSONATION, TYPOSQUAT};
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, Severity};
use mcp_audit_extract::identify::Ecosystem;

struct Popular {
    /// (ecosystem, name as listed)
    names: Vec<(Ecosystem, String)>,
    /// Vendor scopes, without `@`.
    scopes: Vec<String>,
}

static LIST: LazyLock<Popular> = LazyLock::new(|| {
    let mut p = Popular {
        names: Vec::new(),
        scopes: Vec::new(),
    };
    for line in POPULAR.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((kind, name)) = line.split_once(char::is_whitespace) else {
            continue;
        };
        let name = name.trim().to_string();
        match kind {
            "scope" => p.scopes.push(name.trim_start_matches('@').to_string()),
            other => {
                if let Some(ecosystem) = Ecosystem::from_name(other) {
                    p.names.push((ecosystem, name));
                }
            }
        }
    }
    p
});

/// Lowercase, NFKC, confusables folded (`0`→`o`, `1`/`|`→`l`, `rn`→`m`, Cyrillic/Greek look-alikes
/// → Latin), separators (`-`, `_`, `.`) dropped.
pub(crate) fn skeleton(name: &str) -> String {
    let folded: String = name
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '0' | 'о' | 'ο' => 'o',
            '1' | '|' | 'і' | 'ӏ' | 'ι' | 'ı' | 'í' | 'ì' => 'l',
            '3' | 'е' | 'ε' | 'é' | 'è' => 'e',
            '5' | 'ѕ' => 's',
            '4' | 'а' | 'α' | 'á' | 'à' => 'a',
            'с' | 'ϲ' => 'c',
            'р' | 'ρ' => 'p',
            'х' | 'χ' => 'x',
            'у' | 'γ' => 'y',
            'к' | 'κ' => 'k',
            'т' | 'τ' => 't',
            'ԁ' => 'd',
            'ɡ' => 'g',
            'ո' => 'n',
            'ν' => 'v',
            'ѡ' | 'ω' => 'w',
            other => other,
        })
        .map(|c| if c == 'i' { 'l' } else { c })
        .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
        .collect();
    folded.replace("rn", "m").replace("vv", "w")
}

/// Name compared within an ecosystem: npm as is (lowercase), PyPI normalized per PEP 503.
fn normalize(eco: Ecosystem, name: &str) -> String {
    let lower = name.to_lowercase();
    match eco {
        Ecosystem::Pypi => lower.replace(['_', '.'], "-"),
        Ecosystem::Crates => lower.replace('_', "-"),
        _ => lower,
    }
}

fn split_scope(name: &str) -> (Option<&str>, &str) {
    match name.strip_prefix('@').and_then(|n| n.split_once('/')) {
        Some((scope, bare)) => (Some(scope), bare),
        None => (None, name),
    }
}

pub(crate) fn findings(eco: Ecosystem, name: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if name.is_empty() {
        return out;
    }
    let eco = if eco == Ecosystem::Mcpb {
        Ecosystem::Npm
    } else {
        eco
    };
    let me = normalize(eco, name);
    let list = &*LIST;
    if list
        .names
        .iter()
        .any(|(e, n)| *e == eco && normalize(eco, n) == me)
    {
        return out;
    }
    let shown = visible(name);
    let (scope, bare) = split_scope(&me);
    // Scope impersonation.
    if let Some(scope) = scope {
        if !list.scopes.iter().any(|s| s == scope) {
            let sk = skeleton(scope);
            if let Some(vendor) = list.scopes.iter().find(|s| {
                skeleton(s) == sk
                    || (s.len() >= 5
                        && strsim::damerau_levenshtein(s, scope)
                            <= if s.len() >= 10 { 2 } else { 1 })
            }) {
                out.push(
                    SCOPE_IMPERSONATION
                        .finding(format!(
                            "the scope of `{shown}` imitates the vendor scope `@{vendor}`"
                        ))
                        .with_evidence(&shown),
                );
                return out;
            }
        }
    }
    let my_skeleton = skeleton(&me);
    for (e, popular) in list.names.iter().filter(|(e, _)| *e == eco) {
        let theirs = normalize(*e, popular);
        let (their_scope, their_bare) = split_scope(&theirs);
        if skeleton(&theirs) == my_skeleton {
            out.push(
                TYPOSQUAT
                    .finding(format!(
                        "`{shown}` looks like the popular `{popular}` (confusable characters)"
                    ))
                    .with_severity(Severity::High)
                    .with_evidence(&shown),
            );
            return out;
        }
        // Same scope (or both unscoped): edit distance on the whole name.
        if their_scope == scope {
            let limit = match their_bare.len() {
                0..=5 => 0,
                6..=13 => 1,
                _ => 2,
            };
            let d = strsim::damerau_levenshtein(&theirs, &me);
            if d > 0 && d <= limit && !is_variant(&me, &theirs) {
                out.push(
                    TYPOSQUAT
                        .finding(format!(
                            "`{shown}` is {d} edit(s) away from the popular `{popular}`"
                        ))
                        .with_evidence(&shown),
                );
                return out;
            }
        }
        // The bare name of a scoped vendor package, taken without the scope.
        if their_scope.is_some() && scope.is_none() && bare == their_bare && their_bare.len() >= 8 {
            out.push(
                BRAND_IMPERSONATION
                    .finding(format!(
                        "`{shown}` takes the name of `{popular}` without its scope"
                    ))
                    .with_evidence(&shown),
            );
            return out;
        }
    }
    // Vendor names outside the vendor's scope.
    for vendor in ["modelcontextprotocol", "anthropic"] {
        if my_skeleton.contains(&skeleton(vendor))
            && scope.is_none_or(|s| s != vendor && s != "anthropic-ai")
        {
            out.push(
                BRAND_IMPERSONATION
                    .finding(format!(
                        "`{shown}` uses the name `{vendor}` outside its official scope"
                    ))
                    .with_evidence(&shown),
            );
            break;
        }
    }
    out
}

/// Legitimate variants one edit apart: a plural or a version digit (`-v2`).
fn is_variant(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() == short.len() + 1 && long.starts_with(short) {
        let extra = &long[short.len()..];
        return extra == "s" || extra.chars().all(|c| c.is_ascii_digit());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(eco: Ecosystem, name: &str) -> Option<(String, Severity)> {
        findings(eco, name)
            .into_iter()
            .next()
            .map(|f| (f.rule, f.severity))
    }

    #[test]
    fn typosquats_and_impersonation() {
        use Ecosystem::{Npm, Pypi};
        assert_eq!(rule(Npm, "@modelcontextprotocol/server-filesystem"), None);
        assert_eq!(rule(Pypi, "mcp_server_fetch"), None);
        assert_eq!(
            rule(Npm, "@modelcontextprotoco1/server-filesystem"),
            Some(("scope-impersonation".into(), Severity::High))
        );
        assert_eq!(
            rule(Npm, "@modelcontextprotocal/server-github"),
            Some(("scope-impersonation".into(), Severity::High))
        );
        assert_eq!(
            rule(Pypi, "mcp-server-fetcch"),
            Some(("typosquat".into(), Severity::Medium))
        );
        assert_eq!(
            rule(Pypi, "mcp-server-feтch"),
            Some(("typosquat".into(), Severity::High))
        );
        assert_eq!(
            rule(Npm, "server-filesystem"),
            Some(("brand-impersonation".into(), Severity::Medium))
        );
        assert_eq!(rule(Npm, "my-weather-mcp"), None);
        assert_eq!(rule(Pypi, "mcp-server-gitlab"), None);
        assert_eq!(rule(Npm, "tavily-mcps"), None);
    }
}
