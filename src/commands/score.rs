//! `mcp-audit score SPEC | --lockfile FILE | --list FILE [--publish DIR [--sign KEY]]`: audit,
//! print the trust score(s), optionally publish score documents, signed attestations, badges and
//! a static site into DIR.

use std::fmt::Write as _;

use anyhow::Context as _;

use crate::attest::keys;
use crate::cli::{Format, GlobalArgs, ScoreArgs};
use crate::pipeline;
use crate::report::score_doc::ScoreDocument;
use crate::report::{Report, TargetResult};
use crate::settings::Settings;
use crate::site::batch;
use crate::site::publish::{audit_day, publish_site, PublishedSite, SiteOptions};
use crate::target::Target;
use mcp_audit_core::escape::visible;

pub(crate) fn run(args: &ScoreArgs, global: &GlobalArgs, settings: Settings) -> anyhow::Result<u8> {
    // Bad inputs fail before anything is audited or written.
    let key = args
        .sign
        .as_deref()
        .map(keys::load_signing_key)
        .transpose()?;
    let results = match (&args.spec, &args.lockfile, &args.list) {
        (Some(spec), _, _) => {
            return single(spec, args, global, &settings, key.as_ref());
        }
        (None, Some(lockfile), _) => batch::score_lockfile(lockfile, &settings)?,
        (None, None, Some(list)) => {
            let targets = batch::read_list(list)?;
            batch::score_list(list, &targets, &settings)
        }
        (None, None, None) => anyhow::bail!("name a package, --lockfile FILE or --list FILE"),
    };
    for r in &results {
        if let Some(err) = &r.error {
            tracing::error!("{}: {}", visible(&r.target), visible(err));
        }
    }
    let published = match &args.publish {
        Some(dir) => Some(publish(dir, &results, &settings, key.as_ref())?),
        None => None,
    };
    let report = Report::new(results);
    if global.format == Format::Human {
        let mut text = String::new();
        for r in &report.results {
            let _ = writeln!(
                text,
                "{:<6} {:>3}  {}",
                r.verdict.as_str(),
                r.score.map_or_else(|| "-".to_string(), |s| s.to_string()),
                visible(&r.target)
            );
        }
        if let Some(p) = &published {
            let _ = writeln!(
                text,
                "published {} packages to {}",
                p.entries.len(),
                p.dir.display()
            );
        }
        super::write_text(&text, global.output.as_deref())?;
    } else {
        super::emit(&report, global)?;
    }
    Ok(report.exit_code())
}

fn publish(
    dir: &std::path::Path,
    results: &[TargetResult],
    settings: &Settings,
    key: Option<&ed25519_dalek::SigningKey>,
) -> anyhow::Result<PublishedSite> {
    publish_site(
        dir,
        results,
        &SiteOptions {
            key,
            policy_digest: settings.policy.digest.as_deref(),
            audited: audit_day(),
        },
    )
}

/// One package: the score, and with `--publish` a one-package site (nothing when it could not
/// be audited).
fn single(
    spec: &str,
    args: &ScoreArgs,
    global: &GlobalArgs,
    settings: &Settings,
    key: Option<&ed25519_dalek::SigningKey>,
) -> anyhow::Result<u8> {
    let result = match Target::parse(spec) {
        Ok(target) => pipeline::audit(&target, settings).result,
        Err(err) => TargetResult::error(spec.to_string(), err.to_string()),
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
    let published = match &args.publish {
        Some(dir) => Some(publish(dir, &report.results, settings, key)?),
        None => None,
    };
    match global.format {
        Format::Json => super::write_text(
            &String::from_utf8(document.to_bytes()).context("score document is UTF-8")?,
            global.output.as_deref(),
        )?,
        Format::Human => {
            let text = human(&report.results[0], &document, published.as_ref());
            super::write_text(&text, global.output.as_deref())?;
        }
        Format::Sarif | Format::Markdown => super::emit(&report, global)?,
    }
    Ok(code)
}

fn human(r: &TargetResult, document: &ScoreDocument, published: Option<&PublishedSite>) -> String {
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
    if let Some(p) = published {
        if let Some(entry) = p.entries.first() {
            let dir = p.dir.display();
            let _ = writeln!(
                text,
                "  published {dir}/{} (and .sha256), {dir}/{}, {dir}/{}",
                entry.score_document.as_deref().unwrap_or_default(),
                entry.page,
                entry.badge
            );
            if let Some(att) = &entry.attestation {
                let _ = writeln!(text, "  signed {dir}/{att}");
            }
        }
    }
    text
}
