//! MCPB / DXT `manifest.json`: the tools and prompts a bundle declares to the client.

use super::{new_tool, Found};
use crate::identify::Manifests;
use mcp_audit_core::model::{TextKind, Via};

/// Reads `tools[]` and `prompts[]` of an MCPB manifest.
pub(crate) fn extract(manifests: &Manifests, found: &mut Found) {
    let Some(mcpb) = &manifests.mcpb else { return };
    let file = mcpb.path.as_str();
    if let Some(tools) = mcpb.value.get("tools").and_then(|t| t.as_array()) {
        for tool in tools {
            let Some(name) = tool.get("name").and_then(|n| n.as_str()) else {
                continue;
            };
            let mut t = new_tool(name.to_string(), file, 1, Via::Manifest, "mcpb manifest");
            t.origin.line = None;
            t.description = tool
                .get("description")
                .and_then(|d| d.as_str())
                .map(str::to_string);
            found.tools.push(t);
        }
    }
    if let Some(prompts) = mcpb.value.get("prompts").and_then(|t| t.as_array()) {
        for prompt in prompts {
            let Some(name) = prompt.get("name").and_then(|n| n.as_str()) else {
                continue;
            };
            for key in ["description", "text"] {
                if let Some(text) = prompt.get(key).and_then(|d| d.as_str()) {
                    found.text(
                        TextKind::Prompt,
                        name,
                        text.to_string(),
                        file,
                        1,
                        "mcpb manifest",
                    );
                    if let Some(last) = found.texts.last_mut() {
                        last.origin.line = None;
                        last.origin.via = Via::Manifest;
                    }
                }
            }
        }
    }
}
