//! JavaScript and TypeScript (sources, compiled `dist/` output and bundles).
//!
//! Declaration styles:
//! - TS SDK v1 `server.tool(name, description?, schemaOrAnnotations?, annotations?, handler)`;
//! - TS SDK v1/v2 `server.registerTool(name, {title, description, inputSchema, annotations}, h)`;
//! - low-level servers: tool objects `{name, description, inputSchema}` wherever they are written
//!   (inline in a ListTools / `'tools/list'` handler or in constants and modules it returns);
//! - `fastmcp` `server.addTool({name, description, parameters, annotations})`;
//! - prompts (`registerPrompt`, `prompt`, `addPrompt`) and server `instructions` in constructor
//!   options.
//!
//! Parameter schemas come from zod chains (`z.string().describe(…)`, `z.object({…})`, raw
//! shapes), `zodToJsonSchema(…)` of one, or literal JSON schema objects.
//!
//! The reader is split by job: [`modules`] resolves names across the package's modules
//! (imports, exports, the lazy cross-module index); [`eval`] is the constant evaluator over a
//! syntax tree; [`sdk`] recognizes the SDKs' declaration styles; [`zod`] turns zod chains and
//! JSON schema literals into JSON schema.

mod classes;
mod eval;
mod flow;
mod modules;
mod sdk;
mod zod;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use serde_json::{Map, Value};
use tree_sitter::Node;

use super::bundle::Bundle;
use super::value::{self, Bindings, Budget, MAX_DEPTH, MAX_TEXT_BYTES};
use super::{new_tool, Found};
use crate::source::{Lang, SourceFile};
use eval::Eval;
use eval::Resolved;
use flow::{Bound, Env};
use mcp_audit_core::model::{TextKind, Tool, Via};
pub(crate) use modules::Globals;
use modules::*;
use sdk::Wrapper;

/// Substrings without which a file (or bundle window) cannot declare anything we read; files
/// lacking all of them are not parsed at all. One pass over the text (the `regex` crate's
/// literal search), not a parse.
pub(crate) fn has_trigger(text: &str) -> bool {
    static TRIGGERS: OnceLock<regex::Regex> = OnceLock::new();
    TRIGGERS
        .get_or_init(|| {
            regex::Regex::new(
                r#"[tT]ool\(|inputSchema|instructions\s*[:,}]|[pP]rompt\(|[sS]chema\s*:\s*z\.|\bdescription\s*=\s*['"`]"#,
            )
                .expect("valid trigger pattern")
        })
        .is_match(text)
}

/// Extracts the declarations of one JavaScript/TypeScript file.
pub(crate) fn extract<'t>(file: &'t SourceFile, globals: &Globals<'t>, found: &mut Found) {
    if !has_trigger(&file.text) {
        return;
    }
    let Some(tree) = file.tree() else { return };
    let src = file.text.as_str();
    let mut bindings = Bindings::default();
    let mut calls = Vec::new();
    let mut news = Vec::new();
    let mut objects = Vec::new();
    let mut classes = Vec::new();
    value::walk(tree.root_node(), &mut |node| match node.kind() {
        "variable_declarator" | "function_declaration" => {
            bind_declarator(src, node, &mut bindings);
        }
        "class_declaration" => {
            bind_declarator(src, node, &mut bindings);
            classes.push(node);
        }
        "class" => classes.push(node),
        "assignment_expression" => bind_member(src, node, &mut bindings),
        "call_expression" => calls.push(node),
        "new_expression" => news.push(node),
        "object" => objects.push(node),
        _ => {}
    });
    bindings.finish();
    let budget = Budget::default();
    let wrappers = RefCell::default();
    let ev = Eval {
        file,
        src,
        bindings: &bindings,
        globals,
        budget: &budget,
        wrappers: &wrappers,
        env: None,
    };
    for call in calls {
        ev.call(call, found);
    }
    for new in news {
        ev.instructions(new, found);
    }
    for object in objects {
        ev.tool_object(object, found);
    }
    for class in classes {
        ev.class_tool(class, found);
    }
}

pub(super) fn arguments(args: Node<'_>) -> Vec<Node<'_>> {
    value::named_children(args)
        .into_iter()
        .filter(|n| n.kind() != "comment")
        .collect()
}

pub(super) fn is_callback(node: Node<'_>) -> bool {
    matches!(
        node.kind(),
        "arrow_function"
            | "function_expression"
            | "function"
            | "identifier"
            | "member_expression"
            | "call_expression"
    )
}

/// Tool names are short identifiers; anything else is some other object with a `name`.
pub(super) fn plausible_tool_name(name: &str) -> bool {
    !name.is_empty()
        && !matches!(name, "undefined" | "null" | "NaN")
        && name.len() <= 128
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | ':'))
}

pub(super) fn number(text: &str) -> Option<Value> {
    let cleaned = text.replace('_', "");
    if let Ok(i) = cleaned.parse::<i64>() {
        return Some(Value::from(i));
    }
    let f = cleaned.parse::<f64>().ok()?;
    if f.fract() == 0.0 && f.abs() < 9e15 {
        #[expect(clippy::cast_possible_truncation, reason = "integral and in range")]
        return Some(Value::from(f as i64));
    }
    serde_json::Number::from_f64(f).map(Value::Number)
}

/// `String(v)` for constants.
pub(super) fn to_js_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some("null".into()),
        _ => None,
    }
}

/// The `dedent` package: drop the first and last line when blank and the common indentation.
pub(super) fn dedent(text: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    if lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let margin = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .map(|l| l.get(margin..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}
