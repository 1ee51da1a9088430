mod color;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::Deserialize;

#[derive(Deserialize, schemars::JsonSchema)]
struct Pair {
    /// Foreground colour, e.g. #222222.
    fg: String,
    /// Background colour, e.g. #ffffff.
    bg: String,
}

fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let c = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.03928 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b)
}

#[derive(Clone)]
struct Contrast {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl Contrast {
    #[tool(description = "WCAG contrast ratio between two hex colours.")]
    async fn contrast(&self, Parameters(p): Parameters<Pair>) -> Result<CallToolResult, McpError> {
        let (a, b) = match (color::rgb(&p.fg), color::rgb(&p.bg)) {
            (Some(a), Some(b)) => (luminance(a), luminance(b)),
            _ => return Err(McpError::invalid_params("colours must look like #rrggbb", None)),
        };
        let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
        Ok(CallToolResult::success(vec![Content::text(format!("{ratio:.2}:1"))]))
    }
}

#[tool_handler]
impl ServerHandler for Contrast {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let svc = Contrast { tool_router: Contrast::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
