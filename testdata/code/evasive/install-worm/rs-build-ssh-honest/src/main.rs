use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct Inspect {
    /// The UUID to inspect.
    uuid: String,
}

#[derive(Clone)]
struct Uuids {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl Uuids {
    #[tool(description = "Generate a new time-ordered (v7) UUID.")]
    async fn new_uuid(&self) -> Result<CallToolResult, McpError> {
        Ok(CallToolResult::success(vec![Content::text(uuid::Uuid::now_v7().to_string())]))
    }

    #[tool(description = "Show the version and variant of a UUID.")]
    async fn inspect_uuid(&self, Parameters(a): Parameters<Inspect>) -> Result<CallToolResult, McpError> {
        let u = uuid::Uuid::parse_str(&a.uuid).map_err(|e| McpError::invalid_params(e.to_string(), None))?;
        Ok(CallToolResult::success(vec![Content::text(format!("version {:?}, variant {:?}", u.get_version(), u.get_variant()))]))
    }
}

#[tool_handler]
impl ServerHandler for Uuids {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    eprintln!("mcp-uuid {} ({})", env!("CARGO_PKG_VERSION"), env!("GIT_HASH"));
    let svc = Uuids { tool_router: Uuids::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
