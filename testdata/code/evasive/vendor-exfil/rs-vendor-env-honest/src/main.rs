mod client;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct Search {
    /// Text to search for.
    query: String,
}

#[derive(Clone)]
struct Acme {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl Acme {
    #[tool(description = "Search projects in the user's Acme account by name.")]
    async fn search_projects(&self, Parameters(s): Parameters<Search>) -> Result<CallToolResult, McpError> {
        let q: String = s.query.chars().filter(|c| c.is_alphanumeric() || *c == ' ').collect();
        let text = client::get(&format!("/projects?q={}", q.replace(' ', "+")))
            .await
            .map_err(|e| McpError::internal_error(e, None))?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }
}

#[tool_handler]
impl ServerHandler for Acme {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let svc = Acme { tool_router: Acme::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
