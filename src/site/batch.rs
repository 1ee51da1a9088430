//! The inputs of a batch of scores (`score --list FILE`, `score --lockfile FILE`), audited a
//! few at a time.

use std::path::Path;

use anyhow::Context as _;

use crate::report::TargetResult;
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;

/// Largest list file read.
const MAX_LIST_BYTES: u64 = 4 * 1024 * 1024;

/// The targets of a list file: one per line; blank lines and `#` comments are skipped.
///
/// # Errors
/// The file cannot be read, is not UTF-8, or lists nothing.
pub fn read_list(path: &Path) -> anyhow::Result<Vec<String>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read list `{}`", path.display()))?;
    if meta.len() > MAX_LIST_BYTES {
        anyhow::bail!("list `{}` is too large", path.display());
    }
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read list `{}`", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("list `{}` is not valid UTF-8", path.display()))?;
    let targets: Vec<String> = text
        .lines()
        .map(|l| l.split_once(" #").map_or(l, |(t, _)| t).trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    if targets.is_empty() {
        anyhow::bail!("list `{}` names no target", path.display());
    }
    Ok(targets)
}

/// Audits every target of a list (paths relative to the list's directory are tried there
/// first), a few at a time, in the list's order.
#[must_use]
pub fn score_list(list: &Path, targets: &[String], settings: &Settings) -> Vec<TargetResult> {
    let base = list.parent().unwrap_or(Path::new("."));
    crate::deps::audit_each(targets, |input| {
        let relative = base.join(input);
        let spec = if !Path::new(input).is_absolute() && relative.exists() {
            relative.to_string_lossy().into_owned()
        } else {
            input.clone()
        };
        match Target::parse(&spec) {
            Ok(target) => {
                let mut result = crate::pipeline::audit(&target, settings).result;
                result.target.clone_from(input);
                result
            }
            Err(err) => TargetResult::error(input.clone(), err.to_string()),
        }
    })
}

/// Audits every registry package of a lockfile or MCP client config, a few at a time.
///
/// # Errors
/// The lockfile cannot be read or lists no registry package.
pub fn score_lockfile(path: &Path, settings: &Settings) -> anyhow::Result<Vec<TargetResult>> {
    let entries = crate::lockfile::read(path)?;
    for skipped in &entries.skipped {
        tracing::warn!(
            "not scored: {} ({})",
            visible(&skipped.entry),
            skipped.reason
        );
    }
    if entries.packages.is_empty() {
        anyhow::bail!("`{}` lists no registry packages to score", path.display());
    }
    Ok(crate::deps::audit_each(&entries.packages, |locked| {
        crate::deps::audit_locked(locked, settings)
    }))
}
