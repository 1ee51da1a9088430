//! The Markdown view of a report, for pull-request comments.
//!
//! A summary table (one row per target), then one collapsible section per target with its
//! findings. Attacker text goes through [`visible`] and [`escape`], so it can neither break the
//! layout, inject HTML or links, nor mention people (`@name`).

use std::fmt::Write as _;

use super::{Report, TargetResult, Verdict};
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::Severity;

/// Makes text safe inside Markdown (including table cells): control characters visible,
/// Markdown punctuation backslash-escaped, `<`, `>`, `&` and `@` as HTML entities.
#[must_use]
pub fn escape(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("&#64;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '!' | '|'
            | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Attacker text as an inline code span for a table cell: control characters visible, a
/// fence longer than any backtick run inside, `|` escaped (GitHub tables). Code spans keep
/// links, HTML and mentions inert.
#[must_use]
pub fn code(text: &str) -> String {
    let text = visible(text).replace('|', "\\|");
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Allow => "✅ allow",
        Verdict::Warn => "⚠️ warn",
        Verdict::Block => "⛔ block",
        Verdict::Error => "❌ error",
    }
}

fn severity_counts(r: &TargetResult) -> String {
    let parts: Vec<String> = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .iter()
    .filter_map(|s| {
        let n = r.findings.iter().filter(|f| f.severity == *s).count();
        (n > 0).then(|| format!("{n} {s}"))
    })
    .collect();
    if parts.is_empty() {
        "none".to_string()
    } else {
        parts.join(", ")
    }
}

/// Renders the report as Markdown.
#[must_use]
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let count = |v: Verdict| report.results.iter().filter(|r| r.verdict == v).count();
    let _ = writeln!(
        out,
        "## mcp-audit: {} blocked, {} warned, {} allowed, {} not audited\n",
        count(Verdict::Block),
        count(Verdict::Warn),
        count(Verdict::Allow),
        count(Verdict::Error)
    );
    out.push_str("| Target | Verdict | Score | Findings |\n|---|---|---:|---|\n");
    for r in &report.results {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&r.target),
            verdict_label(r.verdict),
            r.score.map_or_else(|| "–".to_string(), |s| s.to_string()),
            severity_counts(r)
        );
    }
    for r in &report.results {
        section(&mut out, r);
    }
    let _ = writeln!(
        out,
        "\n<sub>mcp-audit {} · report schema {}</sub>",
        escape(&report.mcp_audit_version),
        report.schema_version
    );
    out
}

fn section(out: &mut String, r: &TargetResult) {
    let _ = writeln!(
        out,
        "\n<details{}><summary><b>{}</b>: {}{}</summary>\n",
        if r.verdict == Verdict::Block || r.verdict == Verdict::Error {
            " open"
        } else {
            ""
        },
        escape(&r.target),
        verdict_label(r.verdict),
        r.score
            .map_or_else(String::new, |s| format!(" (score {s})"))
    );
    if let Some(err) = &r.error {
        let _ = writeln!(out, "Could not audit: {}\n", escape(err));
    }
    if let Some(p) = &r.package {
        let _ = writeln!(
            out,
            "Package: {} {} {} · sha256 `{}` · integrity {}\n",
            p.ecosystem.as_str(),
            escape(&p.name),
            escape(&p.version),
            p.sha256,
            p.integrity.as_str()
        );
    }
    if let Some(pattern) = &r.allowed_by {
        let _ = writeln!(
            out,
            "Allowed by policy pattern {}: only a critical finding blocks it.\n",
            escape(pattern)
        );
    }
    if !r.tools.is_empty() {
        let names: Vec<String> = r.tools.iter().map(|t| escape(&t.name)).collect();
        let _ = writeln!(out, "Tools ({}): {}\n", names.len(), names.join(", "));
    }
    if r.findings.is_empty() && r.error.is_none() {
        out.push_str("No findings.\n");
    }
    if !r.findings.is_empty() {
        out.push_str(
            "| Severity | Rule | Finding | Where | Fingerprint |\n|---|---|---|---|---|\n",
        );
        for f in &r.findings {
            let mut what = escape(&f.message);
            if let Some(ev) = &f.evidence {
                let _ = write!(what, "<br>evidence: {}", code(ev));
            }
            let mut place = String::new();
            if let Some(tool) = &f.tool {
                let _ = write!(place, "tool {}", escape(tool));
            }
            if let Some(loc) = &f.location {
                if !place.is_empty() {
                    place.push_str("<br>");
                }
                place.push_str(&escape(&loc.file));
                if let Some(line) = loc.line {
                    let _ = write!(place, ":{line}");
                }
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | `{}` |",
                f.severity, f.rule, what, place, f.fingerprint
            );
        }
    }
    if !r.suppressed.is_empty() {
        let _ = writeln!(out, "\nSuppressed by policy ({}):\n", r.suppressed.len());
        for s in &r.suppressed {
            let _ = writeln!(
                out,
                "- {} {} `{}`: {}{}",
                s.finding.severity,
                s.finding.rule,
                s.finding.fingerprint,
                escape(&s.reason),
                s.expires
                    .as_deref()
                    .map_or_else(String::new, |d| format!(" (until {d})"))
            );
        }
    }
    for e in &r.expired_suppressions {
        let _ = writeln!(
            out,
            "\n> Suppression of `{}` expired on {} ({}): the finding counts again.",
            e.fingerprint,
            e.expired_on,
            escape(&e.reason)
        );
    }
    out.push_str("\n</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_html_mentions_and_controls() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<img src=x>"), "&lt;img src=x&gt;");
        assert_eq!(escape("ping @octocat"), "ping &#64;octocat");
        assert_eq!(escape("[x](http://e)"), "\\[x\\]\\(http://e\\)");
        assert_eq!(escape("\u{1b}[31m"), "\\\\u\\{001B\\}\\[31m");
        assert_eq!(escape("line\nbreak"), "line\\\\nbreak");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("x `y` z"), "``x `y` z``");
        assert_eq!(code("`"), "`` ` ``");
    }
}
