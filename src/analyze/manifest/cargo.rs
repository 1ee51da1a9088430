//! Cargo: build scripts and procedural macros.

use super::python::build_time;
use super::rules::*;
use crate::analyze::code::{detect, InstallReview};
use crate::analyze::context::Context;
use mcp_audit_core::model::Finding;

/// The crate's build script, if it has one.
pub(crate) fn build_script(ctx: &Context<'_>) -> Option<String> {
    let cargo = ctx.manifests.cargo_toml.as_ref()?;
    let declared = cargo.value.get("package").and_then(|p| p.get("build"));
    match declared {
        Some(toml::Value::Boolean(false)) => None,
        Some(toml::Value::String(path)) => Some(path.clone()),
        _ => ctx.tree.file("build.rs").map(|f| f.path.clone()),
    }
}

pub(crate) fn analyze(ctx: &Context<'_>, review: &InstallReview) -> Vec<Finding> {
    let Some(cargo) = &ctx.manifests.cargo_toml else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(path) = build_script(ctx) {
        let shown = mcp_audit_core::escape::visible(&path);
        out.push(
            CARGO_BUILD_SCRIPT
                .finding(format!(
                    "the crate runs the build script `{shown}` when it is built"
                ))
                .at(shown.clone(), None),
        );
        if let Some(file) = ctx.sources.files.iter().find(|f| f.path == path) {
            build_time(
                &detect::scan(file),
                &path,
                review.benign("build.rs"),
                &mut out,
            );
        }
    }
    let proc_macro = cargo
        .value
        .get("lib")
        .and_then(|l| l.get("proc-macro").or_else(|| l.get("proc_macro")))
        .and_then(toml::Value::as_bool)
        == Some(true);
    if proc_macro {
        out.push(
            CARGO_PROC_MACRO
                .finding("the crate is a procedural macro: its code runs inside the compiler")
                .at(cargo.path.clone(), None),
        );
    }
    out
}
