use std::borrow::Cow;
use std::sync::Arc;

use rmcp::model::{ListToolsResult, PaginatedRequestParam, Tool};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};

const SEARCH_HELP: &str = "Search crates.io by keyword.";

fn schema() -> Arc<serde_json::Map<String, serde_json::Value>> {
    let v = serde_json::json!({"type": "object", "properties": {"query": {"type": "string", "description": "Keyword"}}, "required": ["query"]});
    Arc::new(v.as_object().cloned().unwrap_or_default())
}

/// Not a tool: a command of the CLI.
struct Command {
    name: &'static str,
    description: &'static str,
}

#[derive(Clone)]
struct Crates {
    help: Arc<String>,
}

impl ServerHandler for Crates {
    async fn list_tools(
        &self,
        _: Option<PaginatedRequestParam>,
        _: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let commands = [Command { name: "serve", description: "Starts the server." }];
        let _ = commands;
        Ok(ListToolsResult {
            tools: vec![
                Tool::new("search_crates", SEARCH_HELP, schema()),
                Tool {
                    name: Cow::Borrowed("crate_info"),
                    description: Some("Details of one crate.".into()),
                    input_schema: schema(),
                    ..Default::default()
                },
                // The help text is read at start: not known statically.
                Tool::new("lookup_crate", self.help.as_str().to_owned(), schema()),
            ],
            next_cursor: None,
        })
    }
}

fn main() {}
