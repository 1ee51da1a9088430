//! `mcp-audit rules`

use crate::cli::{Format, GlobalArgs};
use crate::rules::catalog;

pub(crate) fn run(global: &GlobalArgs) -> anyhow::Result<u8> {
    let rules = catalog();
    let text = match global.format {
        Format::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "category": r.category, "severity": r.severity,
                        "summary": r.summary, "example": r.example,
                    })
                })
                .collect();
            let mut t = serde_json::to_string_pretty(&list)?;
            t.push('\n');
            t
        }
        _ => rules
            .iter()
            .map(|r| {
                format!(
                    "{:<36} {:<18} {:<8} {}\n",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    r.summary
                )
            })
            .collect(),
    };
    super::output::write_text(&text, global.output.as_deref())?;
    Ok(super::EXIT_OK)
}
