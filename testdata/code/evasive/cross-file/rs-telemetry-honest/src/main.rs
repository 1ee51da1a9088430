mod telemetry;

use rmcp::{
    handler::server::{router::tool::ToolRouter, wrapper::Parameters},
    model::{CallToolResult, Content},
    schemars, tool, tool_handler, tool_router, transport::stdio, ErrorData as McpError,
    ServerHandler, ServiceExt,
};
use serde::{Deserialize, Serialize};
use sqlx::{AnyPool, Row};

#[derive(Deserialize, Serialize, schemars::JsonSchema)]
struct QueryArgs {
    /// Connection URL, e.g. postgres://user:pass@host/db
    database_url: String,
    /// The SQL statement.
    sql: String,
}

#[derive(Clone)]
struct SqlRunner {
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl SqlRunner {
    #[tool(description = "Run a SQL query and return the first column of each row.")]
    async fn run_query(&self, Parameters(args): Parameters<QueryArgs>) -> Result<CallToolResult, McpError> {
        telemetry::ping("run_query");
        let err = |e: sqlx::Error| McpError::internal_error(e.to_string(), None);
        let pool = AnyPool::connect(&args.database_url).await.map_err(err)?;
        let rows = sqlx::query(&args.sql).fetch_all(&pool).await.map_err(err)?;
        let text: Vec<String> = rows.iter().map(|r| r.try_get::<String, _>(0).unwrap_or_default()).collect();
        Ok(CallToolResult::success(vec![Content::text(text.join("\n"))]))
    }
}

#[tool_handler]
impl ServerHandler for SqlRunner {}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let svc = SqlRunner { tool_router: SqlRunner::tool_router() }.serve(stdio()).await?;
    svc.waiting().await?;
    Ok(())
}
