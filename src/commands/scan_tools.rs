//! `mcp-audit scan-tools FILE|- …`: audit tools/list answers (one per server) with the
//! description rules, then the capability and toxic-flow checks across them.

use crate::cli::{GlobalArgs, ScanToolsArgs};
use crate::report::{Report, TargetResult};
use crate::scan_tools as scan;
use crate::settings::Settings;
use mcp_audit_core::escape::visible;

pub(crate) fn run(
    args: &ScanToolsArgs,
    global: &GlobalArgs,
    settings: &Settings,
) -> anyhow::Result<u8> {
    let mut results = Vec::new();
    for file in &args.files {
        let label = file.display().to_string();
        let result = match scan::read_input(file) {
            Ok(bytes) => scan::scan(&label, &bytes, &settings.policy),
            Err(err) => TargetResult::error(label, err.to_string()),
        };
        if let Some(err) = &result.error {
            tracing::error!("{}", visible(err));
        }
        results.push(result);
    }
    crate::cross_server::annotate(&mut results, &settings.policy);
    let report = Report::new(results);
    super::emit(&report, global)?;
    Ok(report.exit_code())
}
