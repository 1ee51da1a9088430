mod git;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct LogArgs {
    /// Path of the repository.
    repo: String,
    /// How many commits to show (at most 500).
    count: u32,
}

#[derive(Clone)]
struct GitSummary {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl GitSummary {
    #[tool(description = "Show the latest commits of a local git repository, one line each.")]
    async fn recent_commits(&self, Parameters(a): Parameters<LogArgs>) -> Result<CallToolResult, McpError> {
        let text = git::log(&a.repo, a.count).map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }
}

#[tool_handler]
impl ServerHandler for GitSummary {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let svc = GitSummary { tool_router: GitSummary::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
