//! `mcp-audit score SPEC [--publish DIR]`: audit, print the trust score, optionally publish the
//! deterministic score document and its sha256 digest into DIR.

use std::fmt::Write as _;

use anyhow::Context as _;

use crate::cli::{Format, GlobalArgs, ScoreArgs};
use crate::pipeline;
use crate::report::score_doc::{publish, ScoreDocument};
use crate::report::{Report, TargetResult};
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;

pub(crate) fn run(args: &ScoreArgs, global: &GlobalArgs, settings: Settings) -> anyhow::Result<u8> {
    let result = match Target::parse(&args.spec) {
        Ok(target) => pipeline::audit(&target, &settings).result,
        Err(err) => TargetResult::error(args.spec.clone(), err.to_string()),
    };
    let rules = crate::rules::catalog();
    let document = ScoreDocument::new(&result, settings.policy.digest.as_deref(), &rules);
    let report = Report::new(vec![result]);
    let code = report.exit_code();
    let Some(document) = document else {
        let r = &report.results[0];
        if let Some(err) = &r.error {
            tracing::error!("{}: {}", visible(&r.target), visible(err));
        }
        if global.format != Format::Human {
            super::emit(&report, global)?;
        }
        return Ok(code);
    };
    let bytes = document.to_bytes();
    let published = match &args.publish {
        Some(dir) => Some(publish(dir, &document)?),
        None => None,
    };
    match global.format {
        Format::Json => super::write_text(
            &String::from_utf8(bytes).context("score document is UTF-8")?,
            global.output.as_deref(),
        )?,
        Format::Human => {
            let r = &report.results[0];
            let mut text = String::new();
            let _ = writeln!(
                text,
                "{}: score {}/100, {}",
                visible(&r.target),
                document.score,
                document.verdict
            );
            let _ = writeln!(
                text,
                "  {} {} {} sha256 {}",
                document.package.ecosystem,
                visible(&document.package.name),
                visible(&document.package.version),
                document.package.sha256
            );
            let by: Vec<String> = document
                .findings
                .by_severity
                .iter()
                .rev()
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{n} {s}"))
                .collect();
            let _ = writeln!(
                text,
                "  findings: {}",
                if by.is_empty() {
                    "none".to_string()
                } else {
                    by.join(", ")
                }
            );
            if let Some(p) = &published {
                let _ = writeln!(
                    text,
                    "  published {} and {}",
                    p.document.display(),
                    p.digest.display()
                );
            }
            super::write_text(&text, global.output.as_deref())?;
        }
        Format::Sarif | Format::Markdown => super::emit(&report, global)?,
    }
    Ok(code)
}
