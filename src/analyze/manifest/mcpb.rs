//! MCPB (`.mcpb` / `.dxt`) manifest: the server command and the secrets it asks for.

use super::rules::*;
use super::{classify_command, visible, CommandClass};
use crate::analyze::context::Context;
use mcp_audit_core::model::{Finding, Severity};

pub(crate) fn analyze(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(m) = &ctx.manifests.mcpb else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let file = m.path.as_str();
    let config = m.value.get("server").and_then(|s| s.get("mcp_config"));
    let command = config
        .and_then(|c| c.get("command"))
        .and_then(|c| c.as_str())
        .unwrap_or("");
    let args: Vec<String> = config
        .and_then(|c| c.get("args"))
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if !command.is_empty() {
        let line = std::iter::once(command.to_string())
            .chain(args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        let base = command.rsplit(['/', '\\']).next().unwrap_or(command);
        let shell = matches!(
            base.trim_end_matches(".exe"),
            "sh" | "bash" | "zsh" | "dash" | "cmd" | "powershell" | "pwsh"
        ) && args.iter().any(|a| {
            matches!(
                a.as_str(),
                "-c" | "/c" | "/C" | "-Command" | "-EncodedCommand" | "-e"
            )
        });
        // A shell gets the whole line as code; any other command only runs with arguments.
        let fetches = crate::analyze::code::detect::DOWNLOAD_EXEC.is_match(&line)
            || (shell && classify_command(&line) == CommandClass::FetchExec);
        let f = if fetches {
            INSTALL_FETCH_EXEC
                .finding("the MCPB server command downloads or runs inline code".to_string())
        } else if shell {
            MCPB_SERVER_COMMAND
                .finding("the MCPB server command is a shell running an inline command")
                .with_severity(Severity::High)
        } else {
            MCPB_SERVER_COMMAND.finding(format!("the bundle starts `{}`", visible(base)))
        };
        out.push(f.at(file, None).with_evidence(visible(&line)));
    }
    if let Some(uc) = m.value.get("user_config").and_then(|u| u.as_object()) {
        let secrets: Vec<&String> = uc
            .iter()
            .filter(|(_, v)| v.get("sensitive").and_then(serde_json::Value::as_bool) == Some(true))
            .map(|(k, _)| k)
            .collect();
        if !secrets.is_empty() {
            let names: Vec<String> = secrets
                .iter()
                .map(|s| format!("`{}`", visible(s)))
                .collect();
            out.push(
                MCPB_SECRETS
                    .finding(format!("asks the user for secrets: {}", names.join(", ")))
                    .at(file, None),
            );
            for s in secrets {
                let token = format!("${{user_config.{s}}}");
                if args.iter().any(|a| a.contains(&token)) {
                    out.push(
                        MCPB_SECRETS
                            .finding(format!(
                                "the secret `{}` is passed on the command line, where other local users can read it",
                                visible(s)
                            ))
                            .with_severity(Severity::Low)
                            .at(file, None),
                    );
                }
            }
        }
    }
    out
}
