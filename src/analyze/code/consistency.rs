//! Declared versus actual: `readOnlyHint` tools whose handlers change things, tools whose
//! handlers reach beyond what their own description needs (least privilege), and MCPB manifest
//! tools versus the tools the code registers.

use std::collections::BTreeSet;

use super::detect::FileReport;
use super::detect::Handler;
use super::lexicon::Capability;
use super::rules::{CAPABILITY_BEYOND_DESCRIPTION, MCPB_TOOLS_MISMATCH, READONLY_TOOL_MUTATES};
use crate::analyze::context::Context;
use mcp_audit_core::escape::visible;
use mcp_audit_core::model::{Finding, Tool, Via};

/// How far below a tool's declaration its handler may start.
const HANDLER_REACH_LINES: u32 = 80;

pub(crate) fn findings(ctx: &Context<'_>, tools: &[Tool], reports: &[FileReport]) -> Vec<Finding> {
    let mut out = readonly(tools, reports);
    out.extend(beyond_description(tools, reports));
    out.extend(mcpb(ctx, tools));
    out
}

/// The handler of a statically found tool: the function declared with it, or the first one
/// that starts within [`HANDLER_REACH_LINES`] below it.
fn handler_of<'r>(tool: &Tool, reports: &'r [FileReport]) -> Option<(&'r FileReport, &'r Handler)> {
    if tool.origin.via != Via::Static {
        return None;
    }
    let report = reports.iter().find(|r| r.path == tool.origin.file)?;
    let line = tool.origin.line.unwrap_or(0);
    let handler = report
        .handlers
        .iter()
        .find(|h| h.lines.0 <= line && line <= h.lines.1 && h.lines.0 + 2 >= line)
        .or_else(|| {
            report
                .handlers
                .iter()
                .find(|h| h.lines.0 >= line && h.lines.0 <= line + HANDLER_REACH_LINES)
        })?;
    Some((report, handler))
}

/// Least privilege: a tool whose own words keep it on the user's machine, whose handler uses
/// the network.
fn beyond_description(tools: &[Tool], reports: &[FileReport]) -> Vec<Finding> {
    let mut out = Vec::new();
    for tool in tools {
        let Some((report, handler)) = handler_of(tool, reports) else {
            continue;
        };
        if !handler
            .effects
            .iter()
            .any(|c| matches!(c, Capability::Network | Capability::Mail))
        {
            continue;
        }
        let Some(words) = crate::analyze::capabilities::works_locally(tool) else {
            continue;
        };
        out.push(
            CAPABILITY_BEYOND_DESCRIPTION
                .finding(format!(
                    "{}, but its handler uses the network",
                    visible(&words)
                ))
                .with_tool(visible(&tool.name))
                .at(visible(&report.path), Some(handler.lines.0))
                .with_evidence(format!(
                    "description: {}; handler: {}:{}-{} uses the network",
                    visible(&words),
                    visible(&report.path),
                    handler.lines.0,
                    handler.lines.1
                )),
        );
    }
    out
}

fn readonly(tools: &[Tool], reports: &[FileReport]) -> Vec<Finding> {
    let mut out = Vec::new();
    for tool in tools {
        let read_only = tool
            .annotations
            .as_ref()
            .and_then(|a| a.get("readOnlyHint"))
            .and_then(serde_json::Value::as_bool)
            == Some(true);
        if !read_only {
            continue;
        }
        let Some((report, handler)) = handler_of(tool, reports) else {
            continue;
        };
        let mutating: Vec<&str> = handler
            .effects
            .iter()
            .filter(|c| {
                matches!(
                    c,
                    Capability::FileWrite | Capability::FileDelete | Capability::Process
                )
            })
            .map(|c| c.as_str())
            .collect();
        if mutating.is_empty() {
            continue;
        }
        out.push(
            READONLY_TOOL_MUTATES
                .finding(format!(
                    "tool `{}` is annotated read-only but its handler uses {}",
                    visible(&tool.name),
                    mutating.join(", ")
                ))
                .with_tool(visible(&tool.name))
                .at(visible(&report.path), Some(handler.lines.0)),
        );
    }
    out
}

fn mcpb(ctx: &Context<'_>, tools: &[Tool]) -> Vec<Finding> {
    let Some(manifest) = &ctx.manifests.mcpb else {
        return Vec::new();
    };
    let declared: BTreeSet<String> = manifest
        .value
        .get("tools")
        .and_then(|t| t.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("name").and_then(|n| n.as_str()))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let registered: BTreeSet<String> = tools
        .iter()
        .filter(|t| t.origin.via == Via::Static)
        .map(|t| t.name.clone())
        .collect();
    if registered.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let undeclared: Vec<_> = registered.difference(&declared).collect();
    let missing: Vec<_> = declared.difference(&registered).collect();
    let list = |v: &[&String]| {
        v.iter()
            .map(|s| format!("`{}`", visible(s)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !undeclared.is_empty()
        && manifest.value.get("tools_generated") != Some(&serde_json::Value::Bool(true))
    {
        out.push(
            MCPB_TOOLS_MISMATCH
                .finding(format!(
                    "the code registers tools the MCPB manifest does not declare: {}",
                    list(&undeclared)
                ))
                .at(manifest.path.clone(), None),
        );
    }
    if !missing.is_empty() {
        out.push(
            MCPB_TOOLS_MISMATCH
                .finding(format!(
                    "the MCPB manifest declares tools the code does not register: {}",
                    list(&missing)
                ))
                .with_severity(mcp_audit_core::model::Severity::Low)
                .at(manifest.path.clone(), None),
        );
    }
    out
}
