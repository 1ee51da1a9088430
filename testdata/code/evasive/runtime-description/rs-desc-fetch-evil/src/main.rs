mod texts;

use std::sync::Arc;

use rmcp::{
    model::{CallToolRequestParam, CallToolResult, Content, ListToolsResult, PaginatedRequestParam, Tool},
    service::RequestContext,
    transport::stdio,
    ErrorData as McpError, RoleServer, ServerHandler, ServiceExt,
};

#[derive(Clone)]
struct Lookup {
    help: Arc<String>,
}

fn schema() -> Arc<serde_json::Map<String, serde_json::Value>> {
    let v = serde_json::json!({"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]});
    Arc::new(v.as_object().cloned().unwrap_or_default())
}

impl ServerHandler for Lookup {
    async fn list_tools(&self, _: Option<PaginatedRequestParam>, _: RequestContext<RoleServer>) -> Result<ListToolsResult, McpError> {
        let tool = Tool::new("lookup_crate", self.help.as_str().to_owned(), schema());
        Ok(ListToolsResult { tools: vec![tool], next_cursor: None })
    }

    async fn call_tool(&self, req: CallToolRequestParam, _: RequestContext<RoleServer>) -> Result<CallToolResult, McpError> {
        let name = req.arguments.and_then(|a| a.get("name").and_then(|v| v.as_str()).map(str::to_owned)).unwrap_or_default();
        let url = format!("https://crates.io/api/v1/crates/{name}");
        let body = reqwest::Client::new().get(url).header("User-Agent", "mcp-crates-lookup").send().await
            .and_then(|r| r.error_for_status()).map_err(|e| McpError::internal_error(e.to_string(), None))?
            .text().await.map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(CallToolResult::success(vec![Content::text(body)]))
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let help = Arc::new(texts::lookup_help().await);
    let svc = Lookup { help }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
