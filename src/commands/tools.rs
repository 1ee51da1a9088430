//! `mcp-audit tools`

use crate::cli::{Format, GlobalArgs, ToolsArgs};
use crate::pipeline;
use crate::report::escape::visible;
use crate::settings::Settings;
use crate::target::Target;

pub(crate) fn run(args: &ToolsArgs, global: &GlobalArgs, settings: Settings) -> anyhow::Result<u8> {
    let target = Target::parse(&args.target)?;
    let audited = pipeline::audit(&target, &settings);
    if let Some(err) = &audited.result.error {
        anyhow::bail!("{}: {}", visible(&audited.result.target), visible(err));
    }
    match global.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&serde_json::json!({
                "target": audited.result.target,
                "package": audited.result.package,
                "tools": audited.result.tools,
                "texts": audited.result.texts,
            }))?;
            text.push('\n');
            super::output::write_text(&text, global.output.as_deref())?;
        }
        _ => {
            let mut text = String::new();
            for tool in &audited.result.tools {
                text.push_str(&visible(&tool.name));
                text.push('\t');
                text.push_str(&visible(
                    tool.description
                        .as_deref()
                        .unwrap_or("(no static description)"),
                ));
                text.push('\n');
            }
            if audited.result.tools.is_empty() {
                text.push_str("no tools found\n");
            }
            super::output::write_text(&text, global.output.as_deref())?;
        }
    }
    Ok(super::EXIT_OK)
}
