//! `mcp-audit rules`: the rule catalog as a table, JSON, or the Markdown of `docs/rules.md`.

use crate::cli::{Format, GlobalArgs};
use crate::rules::catalog;
use mcp_audit_core::escape::visible;

pub(crate) fn run(global: &GlobalArgs) -> anyhow::Result<u8> {
    let rules = catalog();
    let text = match global.format {
        Format::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id, "category": r.category, "severity": r.severity,
                        "description": r.summary, "example": r.example,
                    })
                })
                .collect();
            let mut t = serde_json::to_string_pretty(&list)?;
            t.push('\n');
            t
        }
        Format::Markdown => crate::report::rules_doc::render(&rules),
        Format::Sarif => {
            anyhow::bail!("`rules` has no SARIF form; use --format human, json or markdown")
        }
        Format::Human => rules
            .iter()
            .map(|r| {
                let mut line = format!(
                    "{:<36} {:<18} {:<8} {}\n",
                    r.id,
                    r.category.as_str(),
                    r.severity.as_str(),
                    r.summary
                );
                if !r.example.is_empty() {
                    line.push_str(&format!("{:<64} e.g. {}\n", "", visible(r.example)));
                }
                line
            })
            .collect(),
    };
    super::output::write_text(&text, global.output.as_deref())?;
    Ok(super::EXIT_OK)
}
