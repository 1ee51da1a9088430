//! The human view of a report, for a terminal: per target, the package, the verdict, the tools,
//! then the findings grouped by severity. Attacker text goes through [`visible`]. Colour is an
//! option the caller sets only for a terminal without `NO_COLOR` (see [`Style::detect`]).

use std::fmt::Write as _;

use super::{Report, TargetResult, Verdict};
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::Severity;

/// Tool names listed on the `tools` line of a result; the rest are counted.
const TOOL_NAMES_SHOWN: usize = 12;

/// How to draw the text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Use ANSI colours.
    pub color: bool,
}

impl Style {
    /// Colour only when `is_terminal` and `NO_COLOR` is unset (any value, even empty, disables
    /// colour, as no-color.org says).
    #[must_use]
    pub fn detect(is_terminal: bool) -> Style {
        Style {
            color: is_terminal && std::env::var_os(crate::env::NO_COLOR).is_none(),
        }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_string()
        }
    }
}

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Allow => "1;32",
        Verdict::Warn => "1;33",
        Verdict::Block | Verdict::Error => "1;31",
    }
}

fn severity_color(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;31",
        Severity::High => "31",
        Severity::Medium => "33",
        Severity::Low => "36",
        Severity::Info => "2",
    }
}

/// Renders the report as plain text (no colour).
#[must_use]
pub fn render(report: &Report) -> String {
    render_styled(report, Style::default())
}

/// Renders the report with the given style.
#[must_use]
pub fn render_styled(report: &Report, style: Style) -> String {
    let mut out = String::new();
    for result in &report.results {
        target(&mut out, result, style);
        out.push('\n');
    }
    let count = |v: Verdict| report.results.iter().filter(|r| r.verdict == v).count();
    let _ = writeln!(
        out,
        "{} target(s): {} blocked, {} warned, {} allowed, {} not audited",
        report.results.len(),
        count(Verdict::Block),
        count(Verdict::Warn),
        count(Verdict::Allow),
        count(Verdict::Error)
    );
    let dependencies: Vec<&TargetResult> = report
        .results
        .iter()
        .filter(|r| r.dependency_path.is_some())
        .collect();
    if !dependencies.is_empty() {
        let _ = writeln!(
            out,
            "{} dependencies audited; {} block or could not be audited",
            dependencies.len(),
            dependencies
                .iter()
                .filter(|r| matches!(r.verdict, Verdict::Block | Verdict::Error))
                .count()
        );
        for r in dependencies
            .iter()
            .filter(|r| matches!(r.verdict, Verdict::Block | Verdict::Error))
        {
            let path = r.dependency_path.as_deref().unwrap_or_default().join(" → ");
            let _ = writeln!(
                out,
                "  {} {}",
                style.paint(verdict_color(r.verdict), r.verdict.as_str()),
                visible(&path)
            );
        }
    }
    out
}

fn target(out: &mut String, result: &TargetResult, style: Style) {
    let _ = writeln!(out, "{}", style.paint("1", &visible(&result.target)));
    if let Some(path) = &result.dependency_path {
        let _ = writeln!(out, "  via       {}", visible(&path.join(" → ")));
    }
    if let Some(pkg) = &result.package {
        let _ = writeln!(
            out,
            "  package   {} {} {} (integrity {})",
            pkg.ecosystem.as_str(),
            visible(&pkg.name),
            visible(&pkg.version),
            pkg.integrity.as_str()
        );
        if !pkg.sha256.is_empty() {
            let _ = writeln!(out, "  sha256    {}", pkg.sha256);
        }
    }
    let verdict = match result.verdict {
        Verdict::Error => format!(
            "ERROR: {}",
            visible(result.error.as_deref().unwrap_or("could not audit"))
        ),
        v => format!(
            "{} (score {}/100)",
            v.as_str().to_uppercase(),
            result.score.unwrap_or(0)
        ),
    };
    let _ = writeln!(
        out,
        "  verdict   {}",
        style.paint(verdict_color(result.verdict), &verdict)
    );
    if let Some(pattern) = &result.allowed_by {
        let _ = writeln!(
            out,
            "  policy    allow-listed by `{}`: only a critical finding blocks it",
            visible(pattern)
        );
    }
    if result.package.is_some() || !result.tools.is_empty() {
        let mut names: Vec<String> = result
            .tools
            .iter()
            .take(TOOL_NAMES_SHOWN)
            .map(|t| visible(&t.name))
            .collect();
        let more = result.tools.len().saturating_sub(TOOL_NAMES_SHOWN);
        if more > 0 {
            names.push(format!("… and {more} more (`mcp-audit tools` lists them)"));
        }
        let _ = writeln!(
            out,
            "  tools     {} {}",
            result.tools.len(),
            names.join(", ")
        )
        .map(|()| trim_line_end(out));
    }
    if let Some(d) = &result.dynamic {
        crate::dynamic::view::human(d, out);
    }
    for severity in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ] {
        let group: Vec<_> = result
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let heading = format!("{} ({})", severity.as_str().to_uppercase(), group.len());
        let _ = writeln!(
            out,
            "\n  {}",
            style.paint(severity_color(severity), &heading)
        );
        for f in group {
            let _ = writeln!(
                out,
                "    {} [{}] {}",
                f.rule,
                f.category,
                visible(&f.message)
            );
            let mut place = Vec::new();
            if let Some(tool) = &f.tool {
                place.push(format!("tool {}", visible(tool)));
            }
            if let Some(loc) = &f.location {
                let mut at = format!("at {}", visible(&loc.file));
                if let Some(line) = loc.line {
                    let _ = write!(at, ":{line}");
                }
                place.push(at);
            }
            if !place.is_empty() {
                let _ = writeln!(out, "      {}", place.join(" · "));
            }
            if let Some(ev) = &f.evidence {
                let _ = writeln!(out, "      evidence: {}", visible(ev));
            }
            let _ = writeln!(
                out,
                "      {}",
                style.paint("2", &format!("fingerprint {}", f.fingerprint))
            );
        }
    }
    if !result.suppressed.is_empty() {
        let _ = writeln!(
            out,
            "\n  SUPPRESSED BY POLICY ({})",
            result.suppressed.len()
        );
        for s in &result.suppressed {
            let until = s
                .expires
                .as_deref()
                .map_or_else(String::new, |d| format!(" (until {d})"));
            let _ = writeln!(
                out,
                "    {} [{}] {}: {}{until}",
                s.finding.rule,
                s.finding.severity,
                s.finding.fingerprint,
                visible(&s.reason)
            );
        }
    }
    for e in &result.expired_suppressions {
        let _ = writeln!(
            out,
            "\n  {} suppression of {} expired on {} ({}); the finding counts again",
            style.paint("33", "note:"),
            e.fingerprint,
            e.expired_on,
            visible(&e.reason)
        );
    }
}

fn trim_line_end(out: &mut String) {
    if out.ends_with(" \n") {
        out.truncate(out.len() - 2);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_is_plain_without_colour() {
        assert_eq!(Style { color: false }.paint("31", "x"), "x");
        assert_eq!(
            Style { color: true }.paint("31", "x"),
            "\u{1b}[31mx\u{1b}[0m"
        );
        assert!(!Style::detect(false).color);
    }

    #[test]
    fn a_long_tool_list_is_cut_and_counted() {
        let mut result = TargetResult::error("big-server", "unused");
        result.error = None;
        result.tools = (0..30)
            .map(|i| mcp_audit_core::model::Tool {
                name: format!("tool_{i:02}"),
                title: None,
                description: None,
                input_schema: mcp_audit_core::model::empty_object_schema(),
                annotations: None,
                origin: mcp_audit_core::model::Origin {
                    file: "index.js".into(),
                    line: Some(1),
                    via: mcp_audit_core::model::Via::Static,
                    style: None,
                },
                fingerprint: String::new(),
            })
            .collect();
        let text = render(&Report::new(vec![result]));
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with("tools"))
            .expect("a tools line");
        assert!(line.contains("30 tool_00, tool_01"), "{line}");
        assert!(line.contains("tool_11, … and 18 more"), "{line}");
        assert!(!line.contains("tool_12"), "{line}");
    }
}
