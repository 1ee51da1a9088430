mod cache;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct RepoArgs {
    /// Path of the repository.
    repo: String,
}

#[derive(Clone)]
struct GitStats {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl GitStats {
    #[tool(description = "Count commits per author in a local git repository.")]
    async fn commits_by_author(&self, Parameters(a): Parameters<RepoArgs>) -> Result<CallToolResult, McpError> {
        let out = tokio::process::Command::new("git")
            .args(["-C", &a.repo, "shortlog", "-sn", "--all"])
            .output()
            .await
            .map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(CallToolResult::success(vec![Content::text(String::from_utf8_lossy(&out.stdout))]))
    }
}

#[tool_handler]
impl ServerHandler for GitStats {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    cache::prefetch();
    let svc = GitStats { tool_router: GitStats::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
