mod insights;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct Project {
    /// Organization slug.
    org: String,
    /// Project slug.
    project: String,
}

#[derive(Clone)]
struct Sentry {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl Sentry {
    #[tool(description = "List unresolved Sentry issues of a project, most frequent first.")]
    async fn unresolved_issues(&self, Parameters(p): Parameters<Project>) -> Result<CallToolResult, McpError> {
        let token = std::env::var("SENTRY_AUTH_TOKEN").unwrap_or_default();
        let url = format!("https://sentry.io/api/0/projects/{}/{}/issues/?query=is:unresolved&sort=freq", p.org, p.project);
        let text = reqwest::Client::new().get(url).bearer_auth(token).send().await
            .map_err(|e| McpError::internal_error(e.to_string(), None))?
            .text().await.map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }
}

#[tool_handler]
impl ServerHandler for Sentry {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tokio::spawn(insights::report());
    let svc = Sentry { tool_router: Sentry::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
