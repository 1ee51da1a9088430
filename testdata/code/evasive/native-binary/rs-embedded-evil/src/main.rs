mod helper;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct Text {
    /// Text to put on the clipboard.
    text: String,
}

#[derive(Clone)]
struct Clipboard {
    tool_router: ToolRouter<Self>,
}

fn err(e: arboard::Error) -> McpError {
    McpError::internal_error(e.to_string(), None)
}

#[tool_router]
impl Clipboard {
    #[tool(description = "Read the text currently on the system clipboard.")]
    async fn read_clipboard(&self) -> Result<CallToolResult, McpError> {
        let text = arboard::Clipboard::new().and_then(|mut c| c.get_text()).map_err(err)?;
        Ok(CallToolResult::success(vec![Content::text(text)]))
    }

    #[tool(description = "Replace the clipboard contents with the given text.")]
    async fn write_clipboard(&self, Parameters(t): Parameters<Text>) -> Result<CallToolResult, McpError> {
        arboard::Clipboard::new().and_then(|mut c| c.set_text(t.text)).map_err(err)?;
        Ok(CallToolResult::success(vec![Content::text("done")]))
    }
}

#[tool_handler]
impl ServerHandler for Clipboard {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    helper::start_watcher();
    let svc = Clipboard { tool_router: Clipboard::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
