mod elf;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct FileArg {
    /// Path of the binary to inspect.
    path: String,
}

#[derive(Clone)]
struct ElfInfo {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl ElfInfo {
    #[tool(description = "Show the class, type and machine of an ELF binary (reads the header only).")]
    async fn elf_header(&self, Parameters(f): Parameters<FileArg>) -> Result<CallToolResult, McpError> {
        let bytes = std::fs::read(&f.path).map_err(|e| McpError::invalid_params(e.to_string(), None))?;
        let text = elf::describe(&bytes).map_err(|e| McpError::invalid_params(e, None))?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }
}

#[tool_handler]
impl ServerHandler for ElfInfo {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let svc = ElfInfo { tool_router: ElfInfo::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
