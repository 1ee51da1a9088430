//! The human view of a report, for a terminal. Attacker text goes through [`visible`].

use std::fmt::Write as _;

use super::escape::visible;
use super::{Report, Verdict};

/// Renders the report as plain text.
#[must_use]
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for result in &report.results {
        let _ = writeln!(out, "{}", visible(&result.target));
        if let Some(pkg) = &result.package {
            let _ = writeln!(
                out,
                "  package   {} {} {} ({})",
                pkg.ecosystem.as_str(),
                visible(&pkg.name),
                visible(&pkg.version),
                match pkg.integrity {
                    super::Integrity::Verified => "integrity verified",
                    super::Integrity::Unverified => "integrity unverified",
                    super::Integrity::Mismatch => "INTEGRITY MISMATCH",
                }
            );
            let _ = writeln!(out, "  sha256    {}", pkg.sha256);
        }
        match result.verdict {
            Verdict::Error => {
                let _ = writeln!(
                    out,
                    "  verdict   ERROR: {}",
                    visible(result.error.as_deref().unwrap_or("could not audit"))
                );
            }
            v => {
                let _ = writeln!(
                    out,
                    "  verdict   {} (score {})",
                    v.as_str().to_uppercase(),
                    result.score.unwrap_or(0)
                );
            }
        }
        let _ = writeln!(out, "  tools     {}", result.tools.len());
        for tool in &result.tools {
            let _ = writeln!(out, "    - {}", visible(&tool.name));
        }
        for f in &result.findings {
            let _ = write!(out, "  [{}] {} {}", f.severity, f.rule, visible(&f.message));
            if let Some(tool) = &f.tool {
                let _ = write!(out, " (tool {})", visible(tool));
            }
            if let Some(loc) = &f.location {
                let _ = write!(out, " at {}", visible(&loc.file));
                if let Some(line) = loc.line {
                    let _ = write!(out, ":{line}");
                }
            }
            out.push('\n');
            if let Some(ev) = &f.evidence {
                let _ = writeln!(out, "      evidence: {}", visible(ev));
            }
        }
        out.push('\n');
    }
    out
}
