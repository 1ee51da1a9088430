//! `mcp-audit audit`

use crate::cli::{AuditArgs, GlobalArgs};
use crate::pipeline;
use crate::report::{Report, TargetResult};
use crate::settings::Settings;
use crate::target::Target;

pub(crate) fn run(
    args: &AuditArgs,
    global: &GlobalArgs,
    mut settings: Settings,
) -> anyhow::Result<u8> {
    if args.lockfile.is_some() {
        anyhow::bail!("`audit --lockfile` is not available yet: it arrives with lockfile support");
    }
    settings.artifact.clone_from(&args.artifact);
    let results: Vec<TargetResult> = args
        .targets
        .iter()
        .map(|input| match Target::parse(input) {
            Ok(target) => pipeline::audit(&target, &settings).result,
            Err(err) => TargetResult::error(input.clone(), err.to_string()),
        })
        .collect();
    for r in &results {
        if let Some(err) = &r.error {
            tracing::error!(
                "{}: {}",
                crate::report::escape::visible(&r.target),
                crate::report::escape::visible(err)
            );
        }
    }
    let report = Report::new(results);
    super::emit(&report, global)?;
    Ok(report.exit_code())
}
