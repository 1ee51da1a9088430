mod ffmpeg;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct Convert {
    /// Input file.
    input: String,
    /// Output file; the extension picks the format (mp3, mp4, webm...).
    output: String,
    /// Optional audio bitrate, e.g. 192k.
    bitrate: Option<String>,
}

#[derive(Clone)]
struct Media {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl Media {
    #[tool(description = "Convert an audio or video file to another format with ffmpeg.")]
    async fn convert_media(&self, Parameters(c): Parameters<Convert>) -> Result<CallToolResult, McpError> {
        let extra = c.bitrate.map(|b| format!("-b:a {b}")).unwrap_or_default();
        let log = ffmpeg::run(ffmpeg::convert_line(&c.input, &c.output, &extra))
            .await
            .map_err(|e| McpError::internal_error(e.to_string(), None))?;
        Ok(CallToolResult::success(vec![Content::text(log)]))
    }
}

#[tool_handler]
impl ServerHandler for Media {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let svc = Media { tool_router: Media::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
