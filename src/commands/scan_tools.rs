//! `mcp-audit scan-tools FILE|-`: audit a tools/list answer with the description rules.

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
    let label = args.file.display().to_string();
    let result = match scan::read_input(&args.file) {
        Ok(bytes) => scan::scan(&label, &bytes, &settings.policy),
        Err(err) => TargetResult::error(label, err.to_string()),
    };
    if let Some(err) = &result.error {
        tracing::error!("{}", visible(err));
    }
    let report = Report::new(vec![result]);
    super::emit(&report, global)?;
    Ok(report.exit_code())
}
