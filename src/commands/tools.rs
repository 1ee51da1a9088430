//! `mcp-audit tools`

use std::fmt::Write as _;

use crate::cli::{Format, GlobalArgs, ToolsArgs};
use crate::pipeline;
use crate::report::TargetResult;
use crate::settings::Settings;
use crate::target::Target;
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{TextKind, Tool};

pub(crate) fn run(args: &ToolsArgs, global: &GlobalArgs, settings: Settings) -> anyhow::Result<u8> {
    let target = Target::parse(&args.target)?;
    let dynamic = super::dynamic_setup(&args.dynamic)?;
    let mut audited = pipeline::audit(&target, &settings);
    if let Some((tools, options)) = &dynamic {
        crate::dynamic::check(&mut audited, None, tools, &settings, options);
    }
    if let Some(err) = &audited.result.error {
        anyhow::bail!("{}: {}", visible(&audited.result.target), visible(err));
    }
    let text = match global.format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&serde_json::json!({
                "target": audited.result.target,
                "package": audited.result.package,
                "tools": audited.result.tools,
                "tools_fingerprint": audited.result.tools_fingerprint,
                "texts": audited.result.texts,
                "dynamic": audited.result.dynamic,
            }))?;
            text.push('\n');
            text
        }
        _ => human(&audited.result),
    };
    super::output::write_text(&text, global.output.as_deref())?;
    Ok(super::EXIT_OK)
}

/// Every tool with where it was declared, its description and parameters, then prompts and
/// server instructions. All package text goes through [`visible`].
fn human(result: &TargetResult) -> String {
    let mut out = String::new();
    if result.tools.is_empty() {
        out.push_str("no tools found\n");
    }
    for tool in &result.tools {
        tool_block(tool, &mut out);
    }
    for text in &result.texts {
        let label = match text.kind {
            TextKind::ServerInstructions => "server instructions".to_string(),
            TextKind::Prompt => format!("prompt {}", visible(&text.name)),
            TextKind::Resource => format!("resource {}", visible(&text.name)),
        };
        let _ = writeln!(out, "{label}  ({})", visible(&text.origin.file));
        indented(&text.text, &mut out);
    }
    if let Some(print) = &result.tools_fingerprint {
        let _ = writeln!(out, "tools fingerprint  sha256:{print}");
    }
    if let Some(d) = &result.dynamic {
        crate::dynamic::view::human(d, &mut out);
    }
    out
}

fn tool_block(tool: &Tool, out: &mut String) {
    let mut place = visible(&tool.origin.file);
    if tool.origin.via == mcp_audit_core::model::Via::Dynamic {
        place.push_str(", run time only");
    }
    if let Some(line) = tool.origin.line {
        let _ = write!(place, ":{line}");
    }
    if let Some(style) = &tool.origin.style {
        let _ = write!(place, ", {}", visible(style));
    }
    let _ = write!(out, "{}", visible(&tool.name));
    if let Some(title) = &tool.title {
        let _ = write!(out, " \"{}\"", visible(title));
    }
    let _ = writeln!(out, "  ({place})");
    match &tool.description {
        Some(d) => indented(d, out),
        None => out.push_str("    (no static description)\n"),
    }
    let required: Vec<&str> = tool.input_schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    if let Some(props) = tool.input_schema["properties"].as_object() {
        for (name, schema) in props {
            let ty = schema["type"].as_str().unwrap_or("any");
            let req = if required.contains(&name.as_str()) {
                ", required"
            } else {
                ""
            };
            let _ = write!(out, "    - {} ({}{req})", visible(name), visible(ty));
            if let Some(d) = schema["description"].as_str() {
                let _ = write!(out, ": {}", visible(d));
            }
            out.push('\n');
        }
    }
    if let Some(a) = &tool.annotations {
        let _ = writeln!(out, "    annotations {}", visible(&a.to_string()));
    }
}

/// Text indented by four spaces, one escaped line at a time.
fn indented(text: &str, out: &mut String) {
    for line in text.split('\n') {
        let _ = writeln!(out, "    {}", visible(line));
    }
}
